"""Logins: passwords (never shown or logged)."""

from sqlalchemy import func, select

from customer_pad.auth import check_new_password, hash_password
from customer_pad.db import unit_of_work
from models import Login


def set_password(username: str, password: str) -> None:
    """Give a login a new password (checked for length and user name); raises LookupError if unknown."""
    with unit_of_work() as session:
        login = session.scalar(select(Login).where(func.lower(Login.username) == username.strip().lower()))
        if login is None:
            raise LookupError(username)
        check_new_password(password, login.username)
        login.password_hash = hash_password(password)
        login.failed_attempts = 0
        login.locked_until = None

"""Password hashing, log-in with lock-out, and the session's view of a login."""

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from passlib.context import CryptContext
from sqlalchemy import func, select

from customer_pad.db import unit_of_work
from customer_pad.errors import AccessDenied, DomainError, Message, ValidationFailed
from customer_pad.i18n import normalise_language
from customer_pad.validation import without_forbidden_characters
from models import Employee, Login, LoginAttempt
from models.base import utc_now

ROLES: tuple[str, ...] = ('staff', 'manager')
MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
"""Characters; at four UTF-8 bytes each still within the 4096 bytes passlib hashes."""
PIN_PATTERN = re.compile(r'[0-9]{4,8}')  # the keypad's digits, not other scripts'
MAX_PIN_ATTEMPTS = 5
PIN_LOCK_DURATION = timedelta(minutes=5)

# argon2id with OWASP's minimum: 19 MiB memory, 2 iterations, 1 lane.
password_context = CryptContext(
    schemes=['argon2'],
    argon2__type='ID',
    argon2__memory_cost=19 * 1024,
    argon2__time_cost=2,
    argon2__parallelism=1,
)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user name is unknown, so both failures cost the same time.

    Made on the first log-in, not at import: hashing is deliberately slow (about 30 ms) and start-up waits on it.
    """
    return password_context.hash('customer-pad-timing-equaliser')


class LoginFailed(DomainError):
    """Wrong user name or password (deliberately does not say which)."""


class LoginLocked(DomainError):
    """Too many failures in a row: the login is locked until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f'locked until {until.isoformat()}')
        self.until = until


@dataclass(frozen=True)
class SessionUser:
    """What a page needs to know about the logged-in person."""

    login_id: int
    username: str
    role: str
    employee_id: int
    display_name: str
    branch_id: int
    language: str
    acting_employee_id: int

    @property
    def is_manager(self) -> bool:
        return self.role == 'manager'


def require_manager(role: str) -> None:
    """Refuse a manager's action to any other role: services check it whatever the page shows."""
    if role != 'manager':
        raise AccessDenied(role)


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (any length, any Unicode)."""
    return password_context.hash(password)


def _can_be_hashed(secret: str) -> bool:
    """Whether passlib can hash `secret`: not too long, and no lone surrogate (which has no UTF-8 form)."""
    return len(secret) <= MAX_PASSWORD_LENGTH and not any(unicodedata.category(char) == 'Cs' for char in secret)


def _verify(secret: str, secret_hash: str) -> bool:
    """Whether `secret` matches `secret_hash`; a secret no one can have set costs the same time and fails."""
    if not _can_be_hashed(secret):
        password_context.verify('', _dummy_hash())
        return False
    return password_context.verify(secret, secret_hash)


def check_new_password(password: str, username: str, field: str = 'password') -> None:
    """Refuse a password that is short, over-long, holds control characters or contains the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed({field: Message('auth.password_too_short', {'length': MIN_PASSWORD_LENGTH})})
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed({field: Message('validation.too_long', {'max': MAX_PASSWORD_LENGTH})})
    if without_forbidden_characters(password) != password:  # NUL, controls, lone surrogates: no keyboard types them
        raise ValidationFailed({field: Message('validation.control_characters')})
    if username and username.casefold() in password.casefold():
        raise ValidationFailed({field: Message('auth.password_contains_username')})


def _session_user(login: Login) -> SessionUser:
    employee = login.employee
    return SessionUser(
        login_id=login.id,
        username=login.username,
        role=login.role,
        employee_id=employee.id,
        display_name=employee.display_name,
        branch_id=employee.branch_id,
        language=normalise_language(login.language),
        acting_employee_id=login.acting_employee_id or employee.id,
    )


def authenticate(username: str, password: str, now: datetime | None = None, client_address: str = '') -> SessionUser:
    """Check a user name and password; count failures and lock after `MAX_FAILED_ATTEMPTS` in a row.

    Every attempt is written to the login audit (time, user name as typed, outcome, client address).
    Raises `LoginFailed` (unknown user, wrong password, inactive employee) or `LoginLocked`.
    """
    now = now or utc_now()
    failure: DomainError | None = None
    typed = username.strip()
    # What no user name holds (NUL, controls, lone surrogates) is left out of the audit, which could not store it.
    storable = without_forbidden_characters(typed)
    with unit_of_work() as session:
        audit = LoginAttempt(attempted_at=now, username=storable[:64], success=False, outcome='failed',
                             client_address=without_forbidden_characters(client_address)[:64])
        session.add(audit)
        # Locked until the transaction ends: guesses sent at once count one after another towards the lock-out.
        login = session.scalar(
            select(Login).join(Login.employee).where(func.lower(Login.username) == typed.lower())
            .with_for_update(of=Login)
        ) if storable == typed else None
        audit.login_id = login.id if login is not None else None
        if login is None:
            _verify(password, _dummy_hash())
            failure = LoginFailed()
        elif login.locked_until is not None and login.locked_until > now:
            _verify(password, _dummy_hash())
            failure = LoginLocked(login.locked_until)
            audit.outcome = 'locked'
        elif not _verify(password, login.password_hash) or not login.employee.active:
            login.failed_attempts += 1
            failure = LoginFailed()
            if login.failed_attempts >= MAX_FAILED_ATTEMPTS:
                login.failed_attempts = 0
                login.locked_until = now + LOCK_DURATION
                failure = LoginLocked(login.locked_until)
                audit.outcome = 'locked'
        else:
            audit.success, audit.outcome = True, 'ok'
            login.failed_attempts = 0
            login.locked_until = None
            if password_context.needs_update(login.password_hash):
                login.password_hash = hash_password(password)
            return _session_user(login)
    raise failure


def session_user(login_id: int) -> SessionUser | None:
    """The login behind a session, or None when it no longer exists or its employee is inactive."""
    with unit_of_work() as session:
        login = session.get(Login, login_id)
        if login is None or not login.employee.active:
            return None
        return _session_user(login)


def remember_preferences(login_id: int, *, language: str | None = None, acting_employee_id: int | None = None) -> None:
    """Keep the header choices of a login (UI language, acting employee) for its next visit."""
    with unit_of_work() as session:
        login = session.get(Login, login_id)
        if login is None:
            return
        if language is not None:
            login.language = normalise_language(language)
        if acting_employee_id is not None:
            employee = session.get(Employee, acting_employee_id)
            if employee is None or not employee.active or employee.branch_id != login.employee.branch_id:
                raise ValidationFailed({'employee': Message('header.employee_not_available')})
            login.acting_employee_id = acting_employee_id


class UnlockRefused(DomainError):
    """Wrong PIN or password when ending customer mode."""


class UnlockLocked(DomainError):
    """Too many wrong PINs in a row: ending customer mode waits until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f'locked until {until.isoformat()}')
        self.until = until


def check_pin(pin: str) -> None:
    """A PIN that ends customer mode has 4 to 8 digits."""
    if not PIN_PATTERN.fullmatch(pin or ''):
        raise ValidationFailed({'pin': Message('auth.pin_format')})


def store_pin(login: Login, pin: str) -> None:
    """Give `login` the checked `pin`, with a clean slate of failed attempts."""
    check_pin(pin)
    login.pin_hash = hash_password(pin)
    login.pin_failed_attempts = 0
    login.pin_locked_until = None


def set_pin(login_id: int, password: str, pin: str) -> None:
    """Give a login the PIN that ends customer mode (4 to 8 digits); the current password confirms it."""
    check_pin(pin)
    with unit_of_work() as session:
        login = session.get(Login, login_id)
        if login is None or not _verify(password, login.password_hash):
            raise ValidationFailed({'password': Message('auth.password_wrong')})
        store_pin(login, pin)


def has_pin(login_id: int) -> bool:
    with unit_of_work() as session:
        login = session.get(Login, login_id)
        return login is not None and login.pin_hash is not None


def unlock_customer_mode(login_id: int, secret: str, now: datetime | None = None) -> None:
    """Accept the login's PIN or password to end customer mode; `MAX_PIN_ATTEMPTS` failures lock it for a while.

    Raises `UnlockRefused` or `UnlockLocked`.
    """
    now = now or utc_now()
    failure: DomainError | None = None
    with unit_of_work() as session:
        # Locked until the transaction ends: PIN guesses sent at once count one after another towards the lock-out.
        login = session.get(Login, login_id, with_for_update=True)
        if login is None:
            raise UnlockRefused()
        if login.pin_locked_until is not None and login.pin_locked_until > now:
            failure = UnlockLocked(login.pin_locked_until)
        elif (login.pin_hash is not None and PIN_PATTERN.fullmatch(secret)
              and _verify(secret, login.pin_hash)) or _verify(secret, login.password_hash):
            login.pin_failed_attempts = 0
            login.pin_locked_until = None
        else:
            login.pin_failed_attempts += 1
            failure = UnlockRefused()
            if login.pin_failed_attempts >= MAX_PIN_ATTEMPTS:
                login.pin_failed_attempts = 0
                login.pin_locked_until = now + PIN_LOCK_DURATION
                failure = UnlockLocked(login.pin_locked_until)
    if failure is not None:
        raise failure


@dataclass(frozen=True)
class LoginAttemptRow:
    id: int
    attempted_at: datetime
    username: str
    success: bool
    outcome: str
    client_address: str


def login_audit(limit: int = 50, offset: int = 0) -> tuple[list[LoginAttemptRow], int]:
    """The latest log-in attempts, newest first, and how many there are in all."""
    with unit_of_work() as session:
        total = session.scalar(select(func.count()).select_from(LoginAttempt)) or 0
        rows = session.scalars(select(LoginAttempt).order_by(LoginAttempt.attempted_at.desc(), LoginAttempt.id.desc())
                               .limit(limit).offset(offset)).all()
        return [LoginAttemptRow(id=row.id, attempted_at=row.attempted_at, username=row.username,
                                success=row.success, outcome=row.outcome, client_address=row.client_address)
                for row in rows], total

"""Employees and their logins (managers): create, rename, move, deactivate; passwords, lock-outs, roles.

A deactivated employee cannot log in and is not offered in the header. The last active manager can be
neither deactivated nor made staff, so the shop never locks itself out of its back office. Passwords are
taken as arguments only to be hashed: they are never returned, stored in clear or put into a message.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from customer_pad.auth import ROLES, check_new_password, hash_password, require_manager, store_pin
from customer_pad.config import default_language
from customer_pad.db import serialise, unit_of_work
from customer_pad.errors import Message, NotFound, ValidationFailed
from customer_pad.search import fold_for_search
from customer_pad.validation import require_choice, require_text
from models import Branch, Employee, Login
from models.base import utc_now

DISPLAY_NAME_MAX_LENGTH = 120
MANAGERS_LOCK_KEY = 0x43504d47  # PostgreSQL advisory lock serialising changes to who is an active manager
USERNAME_PATTERN = re.compile(r'[a-z0-9][a-z0-9._-]{1,63}')


@dataclass(frozen=True)
class LoginRow:
    id: int
    username: str
    role: str
    locked_until: datetime | None
    failed_attempts: int
    has_pin: bool = False

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class EmployeeRow:
    id: int
    display_name: str
    branch_id: int
    branch: str
    active: bool
    login: LoginRow | None


def _row(employee: Employee) -> EmployeeRow:
    login = employee.login
    return EmployeeRow(
        id=employee.id, display_name=employee.display_name, branch_id=employee.branch_id,
        branch=employee.branch.name, active=employee.active,
        login=LoginRow(id=login.id, username=login.username, role=login.role, locked_until=login.locked_until,
                       failed_attempts=login.failed_attempts, has_pin=login.pin_hash is not None)
        if login is not None else None)


def _employee(session: Session, employee_id: int) -> Employee:
    employee = session.scalar(select(Employee).where(Employee.id == employee_id)
                              .options(selectinload(Employee.login), selectinload(Employee.branch)))
    if employee is None:
        raise NotFound(employee_id)
    return employee


def _login(session: Session, login_id: int) -> Login:
    login = session.get(Login, login_id)
    if login is None:
        raise NotFound(login_id)
    return login


def staff_overview(*, acting_role: str) -> list[EmployeeRow]:
    """Every employee with the login, if any, by branch and name."""
    require_manager(acting_role)
    with unit_of_work() as session:
        employees = session.scalars(select(Employee).options(selectinload(Employee.login),
                                                             selectinload(Employee.branch))).all()
        rows = [_row(employee) for employee in employees]
    return sorted(rows, key=lambda row: (fold_for_search(row.branch), fold_for_search(row.display_name)))


def _check_branch(session: Session, branch_id: int | None) -> int:
    if branch_id is None or session.get(Branch, branch_id) is None:
        raise ValidationFailed({'branch_id': Message('validation.required')})
    return branch_id


def save_employee(employee_id: int | None, display_name: str, branch_id: int | None, *,
                  acting_role: str) -> EmployeeRow:
    """Create an employee (`employee_id` None, active) or rename one or move it to another branch."""
    require_manager(acting_role)
    name = require_text(display_name, 'display_name', DISPLAY_NAME_MAX_LENGTH)
    with unit_of_work() as session:
        branch_id = _check_branch(session, branch_id)
        if employee_id is None:
            employee = Employee(display_name=name, branch_id=branch_id, active=True)
            session.add(employee)
            session.flush()
            employee_id = employee.id
        else:
            employee = _employee(session, employee_id)
            employee.display_name = name
            employee.branch_id = branch_id
            session.flush()
        session.expire_all()
        return _row(_employee(session, employee_id))


def _other_active_managers(session: Session, login_id: int | None) -> int:
    """How many active managers there are besides `login_id`. Changes to who is an active manager pass here one
    at a time: locking only the other managers' rows let a deactivation and a demotion each see the other as the
    remaining manager."""
    serialise(session, MANAGERS_LOCK_KEY)
    statement = select(func.count()).select_from(Login).join(Employee, Login.employee_id == Employee.id) \
        .where(Login.role == 'manager', Employee.active.is_(True))
    if login_id is not None:
        statement = statement.where(Login.id != login_id)
    return session.scalar(statement) or 0


def set_employee_active(employee_id: int, active: bool, *, acting_role: str) -> EmployeeRow:
    """Reactivate or deactivate an employee (a deactivated one cannot log in and leaves the header's list).

    Refuses to deactivate the last active manager."""
    require_manager(acting_role)
    with unit_of_work() as session:
        employee = _employee(session, employee_id)
        login = employee.login
        if (not active and employee.active and login is not None and login.role == 'manager'
                and _other_active_managers(session, login.id) == 0):
            raise ValidationFailed({'active': Message('admin.staff.last_manager')})
        employee.active = active
        session.flush()
        return _row(employee)


def _check_username(session: Session, username: str) -> str:
    username = require_text(username, 'username', 64).lower()
    if not USERNAME_PATTERN.fullmatch(username):
        raise ValidationFailed({'username': Message('admin.staff.username_format')})
    if session.scalar(select(func.count()).select_from(Login).where(func.lower(Login.username) == username)):
        raise ValidationFailed({'username': Message('admin.staff.username_taken')})
    return username


def create_login(employee_id: int, username: str, password: str, role: str, *, acting_role: str) -> EmployeeRow:
    """Give an employee a login: a unique user name (lower case letters, digits, . _ -), a role, an initial
    password (at least `MIN_PASSWORD_LENGTH` characters, not containing the user name) and the shop's default
    language (`CUSTOMER_PAD_DEFAULT_LANGUAGE`)."""
    require_manager(acting_role)
    role = require_choice(role, ROLES, 'role')
    try:
        with unit_of_work() as session:
            employee = _employee(session, employee_id)
            if employee.login is not None:
                raise ValidationFailed({'username': Message('admin.staff.has_login')})
            username = _check_username(session, username)
            check_new_password(password, username)
            session.add(Login(employee_id=employee.id, username=username, password_hash=hash_password(password),
                              role=role, language=default_language()))
            session.flush()
            session.expire_all()
            return _row(_employee(session, employee_id))
    except IntegrityError as error:  # the same user name taken at the same moment
        raise ValidationFailed({'username': Message('admin.staff.username_taken')}) from error


def reset_password(login_id: int, password: str, *, acting_role: str) -> None:
    """Set a new password (checked like an initial one); the login's failures and lock are cleared."""
    require_manager(acting_role)
    with unit_of_work() as session:
        login = _login(session, login_id)
        check_new_password(password, login.username)
        login.password_hash = hash_password(password)
        login.failed_attempts = 0
        login.locked_until = None


def set_login_pin(login_id: int, pin: str, *, acting_role: str) -> None:
    """Give a login the PIN that ends customer mode on its tablets (when its owner forgot theirs)."""
    require_manager(acting_role)
    with unit_of_work() as session:
        store_pin(_login(session, login_id), pin)


def unlock_login(login_id: int, *, acting_role: str) -> None:
    """Lift a lock-out after too many failed attempts."""
    require_manager(acting_role)
    with unit_of_work() as session:
        login = _login(session, login_id)
        login.failed_attempts = 0
        login.locked_until = None


def change_role(login_id: int, role: str, *, acting_role: str) -> None:
    """Make a login staff or manager; refuses to make the last active manager staff."""
    require_manager(acting_role)
    role = require_choice(role, ROLES, 'role')
    with unit_of_work() as session:
        login = _login(session, login_id)
        if login.role == 'manager' and role != 'manager' and login.employee.active \
                and _other_active_managers(session, login.id) == 0:
            raise ValidationFailed({'role': Message('admin.staff.last_manager')})
        login.role = role


def is_locked(row: EmployeeRow) -> bool:
    """Whether the employee's login is locked out right now."""
    return row.login is not None and row.login.is_locked(utc_now())

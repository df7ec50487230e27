"""Branches (boutiques), employees and their logins."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now


class Branch(Base):
    __tablename__ = 'branch'

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    street: Mapped[str] = mapped_column(String(120), default='')
    postal_code: Mapped[str] = mapped_column(String(12), default='')
    city: Mapped[str] = mapped_column(String(80), default='')
    country_code: Mapped[str] = mapped_column(String(2), default='CH')
    letter_town: Mapped[str] = mapped_column(String(80), comment='place printed before the date on letters')
    phone: Mapped[str] = mapped_column(String(32), default='')
    email: Mapped[str] = mapped_column(String(254), default='')
    letter_window: Mapped[str] = mapped_column(String(5), default='left', comment='left|right window envelope')

    employees: Mapped[list['Employee']] = relationship(back_populates='branch')


class Employee(Base):
    __tablename__ = 'employee'

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey('branch.id'), index=True)

    branch: Mapped[Branch] = relationship(back_populates='employees')
    login: Mapped['Login | None'] = relationship(
        back_populates='employee', foreign_keys='Login.employee_id', uselist=False)


class Login(Base):
    __tablename__ = 'login'

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey('employee.id'), unique=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), comment='staff|manager')
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    language: Mapped[str] = mapped_column(String(2), default='fr', comment='preferred UI language')
    acting_employee_id: Mapped[int | None] = mapped_column(
        ForeignKey('employee.id'), comment='the employee last chosen in the header')
    pin_hash: Mapped[str | None] = mapped_column(String(255), comment='staff PIN that ends customer mode')
    pin_failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    pin_locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

    employee: Mapped[Employee] = relationship(back_populates='login', foreign_keys=[employee_id])


class LoginAttempt(Base):
    """One log-in attempt, successful or not, for the managers' audit (never the password)."""

    __tablename__ = 'login_attempt'

    id: Mapped[int] = mapped_column(primary_key=True)
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    username: Mapped[str] = mapped_column(String(64), comment='as typed, cut to 64 characters')
    login_id: Mapped[int | None] = mapped_column(ForeignKey('login.id'))
    success: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(String(12), comment='ok|failed|locked')
    client_address: Mapped[str] = mapped_column(String(64), default='')

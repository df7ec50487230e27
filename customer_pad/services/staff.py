"""Employees as the header and the wizard offer them."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from customer_pad.db import unit_of_work
from models import Employee


@dataclass(frozen=True)
class EmployeeChoice:
    id: int
    display_name: str


def active_employees(branch_id: int) -> list[EmployeeChoice]:
    """The active employees of a branch, by name (the header's **Employé** list)."""
    with unit_of_work() as session:
        return active_employees_in(session, branch_id)


def active_employees_in(session: Session, branch_id: int) -> list[EmployeeChoice]:
    """`active_employees` inside a unit of work that reads more."""
    rows = session.execute(
        select(Employee.id, Employee.display_name)
        .where(Employee.branch_id == branch_id, Employee.active.is_(True))
        .order_by(Employee.display_name))
    return [EmployeeChoice(id=row.id, display_name=row.display_name) for row in rows]

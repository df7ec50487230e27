"""Branches (boutiques): name, address, phone and e-mail for the letterhead, the town written before the date
on letters and the side of the envelope window the request letter's address is placed for."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from customer_pad.auth import require_manager
from customer_pad.countries import DEFAULT_COUNTRY
from customer_pad.db import unit_of_work
from customer_pad.errors import Message, NotFound, ValidationFailed
from customer_pad.search import fold_for_search
from customer_pad.validation import (
    normalise_phone,
    require_choice,
    require_text,
    validate_country,
    validate_email,
    validate_postal_code,
)
from models import Branch, Employee

LETTER_WINDOWS: tuple[str, ...] = ('left', 'right')
FIELDS: tuple[str, ...] = ('name', 'street', 'postal_code', 'city', 'country_code', 'letter_town', 'phone', 'email',
                           'letter_window')


@dataclass(frozen=True)
class BranchForm:
    """A branch as typed in the form (strings); `check_branch` turns it into stored values."""

    name: str = ''
    street: str = ''
    postal_code: str = ''
    city: str = ''
    country_code: str = DEFAULT_COUNTRY
    letter_town: str = ''
    phone: str = ''
    email: str = ''
    letter_window: str = 'left'


@dataclass(frozen=True)
class BranchRow:
    id: int
    name: str
    street: str
    postal_code: str
    city: str
    country_code: str
    letter_town: str
    phone: str
    email: str
    letter_window: str
    employee_count: int

    def form(self) -> BranchForm:
        """The branch as the form shows it for editing."""
        return BranchForm(**{name: getattr(self, name) for name in FIELDS})


def _row(branch: Branch, employee_count: int) -> BranchRow:
    return BranchRow(id=branch.id, employee_count=employee_count, **{name: getattr(branch, name) for name in FIELDS})


def _employee_counts(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Employee.branch_id, func.count()).group_by(Employee.branch_id)).all())


def list_branches() -> list[BranchRow]:
    """Every branch, by name (for the branches screen and the branch choice of an employee)."""
    with unit_of_work() as session:
        counts = _employee_counts(session)
        rows = [_row(branch, counts.get(branch.id, 0)) for branch in session.scalars(select(Branch))]
    return sorted(rows, key=lambda row: fold_for_search(row.name))


def check_branch(form: BranchForm) -> dict[str, str]:
    """The form's values checked and normalised; `ValidationFailed` names every bad field."""
    errors: dict[str, Message] = {}
    values: dict[str, str] = {}
    country = form.country_code or DEFAULT_COUNTRY
    checks = {
        'name': lambda: require_text(form.name, 'name', 120),
        'street': lambda: require_text(form.street, 'street', 120),
        'postal_code': lambda: validate_postal_code(form.postal_code, country, 'postal_code'),
        'city': lambda: require_text(form.city, 'city', 80),
        'country_code': lambda: validate_country(form.country_code, 'country_code'),
        'letter_town': lambda: require_text(form.letter_town, 'letter_town', 80),
        'phone': lambda: normalise_phone(form.phone, country, 'phone') or '',
        'email': lambda: validate_email(form.email, 'email') if (form.email or '').strip() else '',
        'letter_window': lambda: require_choice(form.letter_window, LETTER_WINDOWS, 'letter_window'),
    }
    for name, check in checks.items():
        try:
            values[name] = check()
        except ValidationFailed as failure:
            errors.update(failure.errors)
    if errors:
        raise ValidationFailed(errors)
    return values


def save_branch(branch_id: int | None, form: BranchForm, *, acting_role: str) -> BranchRow:
    """Create a branch (`branch_id` None) or change one; the name must be unique."""
    require_manager(acting_role)
    values = check_branch(form)
    try:
        with unit_of_work() as session:
            folded = fold_for_search(values['name'])
            for other_id, other_name in session.execute(select(Branch.id, Branch.name)):
                if other_id != branch_id and fold_for_search(other_name) == folded:
                    raise ValidationFailed({'name': Message('admin.branches.name_taken')})
            if branch_id is None:
                branch = Branch(**values)
                session.add(branch)
            else:
                found = session.get(Branch, branch_id)
                if found is None:
                    raise NotFound(branch_id)
                branch = found
                for name, value in values.items():
                    setattr(branch, name, value)
            session.flush()
            return _row(branch, _employee_counts(session).get(branch.id, 0))
    except IntegrityError as error:  # the same name saved by someone else at the same moment
        raise ValidationFailed({'name': Message('admin.branches.name_taken')}) from error

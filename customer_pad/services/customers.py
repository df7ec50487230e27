"""Customers: the wizard's checks per step, creation with consent, correction with history and locking."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from customer_pad.countries import DEFAULT_COUNTRY
from customer_pad.dates import format_date
from customer_pad.db import read_session, serialise, unit_of_work
from customer_pad.errors import Conflict, Message, NotFound, ValidationFailed
from customer_pad.i18n import LANGUAGES
from customer_pad.search import fold_for_column, fold_for_search
from customer_pad.services.consents import LegalTextView, SigningContext, legal_texts_in, record_consents, recorded
from customer_pad.services.staff import EmployeeChoice, active_employees_in
from customer_pad.signatures import Signature
from customer_pad.validation import (
    CONTACT_TYPES,
    SALUTATIONS,
    normalise_mobile,
    optional_text,
    parse_birth_date,
    require_choice,
    require_text,
    validate_contact,
    validate_country,
    validate_email,
    validate_postal_code,
)
from models import Customer, CustomerChange, CustomerContact, Employee, MarketingList
from models.base import utc_now

FIRST_CUSTOMER_NUMBER = 200_000
LAST_CUSTOMER_NUMBER = 9_999_999
"""Numbers have 6 digits and go on with 7 once 999999 is taken (200000-999999 holds only 800,000 customers)."""
NUMBER_ATTEMPTS = 10
NUMBER_LOCK_KEY = 0x43504e4f  # PostgreSQL advisory lock serialising customer numbers

# The wizard's steps and the fields each one checks (pages use this to show errors on the right step).
STEPS: tuple[str, ...] = ('client', 'address', 'contacts', 'interests', 'confirmation')
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    'client': ('salutation', 'title', 'first_name', 'last_name', 'company', 'birth_date', 'language',
               'sales_advisor_id'),
    'address': ('street', 'po_box', 'postal_code', 'city', 'country_code'),
    'contacts': ('email', 'mobile', 'contacts'),
    'interests': ('interest_ids',),
    'confirmation': (),
}


@dataclass
class CustomerForm:
    """The wizard's fields as typed (strings), kept in the browser session while the customer fills them."""

    salutation: str = 'none'
    title: str = ''
    first_name: str = ''
    last_name: str = ''
    company: str = ''
    birth_date: str = ''
    language: str = 'fr'
    sales_advisor_id: int | None = None
    street: str = ''
    po_box: str = ''
    postal_code: str = ''
    city: str = ''
    country_code: str = DEFAULT_COUNTRY
    email: str = ''
    mobile: str = ''
    contacts: list[dict[str, str]] = field(default_factory=list)  # [{'kind': 'website', 'value': '…'}]
    interest_ids: list[int] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> 'CustomerForm':
        """A form from stored draft values (unknown keys are ignored)."""
        names = {item.name for item in fields(cls)}
        form = cls(**{name: value for name, value in values.items() if name in names})  # type: ignore[arg-type]
        form.contacts = [{'kind': str(row.get('kind') or ''), 'value': str(row.get('value') or '')}
                         for row in form.contacts or []]
        form.interest_ids = [int(value) for value in form.interest_ids or []]
        return form


@dataclass(frozen=True)
class CustomerData:
    """A checked, normalised customer (what gets stored)."""

    salutation: str
    title: str
    first_name: str
    last_name: str
    company: str
    birth_date: date | None
    language: str
    sales_advisor_id: int | None
    street: str
    po_box: str
    postal_code: str
    city: str
    country_code: str
    email: str
    mobile: str | None
    contacts: tuple[tuple[str, str], ...]
    interest_ids: tuple[int, ...]


@dataclass(frozen=True)
class SavedCustomer:
    number: int
    version: int
    signature_id: int
    consent_ids: tuple[int, ...]


@dataclass(frozen=True)
class InterestChoice:
    id: int
    name: str


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: datetime
    employee: str
    field: str
    old_value: str | None
    new_value: str | None


def _checked(errors: dict[str, Message], check: Callable[[], object]) -> object:
    try:
        return check()
    except ValidationFailed as failure:
        errors.update(failure.errors)
        return None


def check_form(form: CustomerForm, steps: Sequence[str] = STEPS) -> CustomerData | None:
    """Check the fields of `steps`; raises `ValidationFailed` with a message per bad field.

    Returns the normalised customer when every step was checked, else None (the page only wanted errors).
    """
    errors: dict[str, Message] = {}
    wanted = {name for step in steps for name in STEP_FIELDS[step]}
    country = (form.country_code or DEFAULT_COUNTRY).strip().upper()
    values: dict[str, object] = {}
    checks: dict[str, Callable[[], object]] = {
        'salutation': lambda: require_choice(form.salutation or 'none', SALUTATIONS, 'salutation'),
        'title': lambda: optional_text(form.title, 'title', 60) or '',
        'first_name': lambda: optional_text(form.first_name, 'first_name', 80) or '',
        'last_name': lambda: require_text(form.last_name, 'last_name', 80),
        'company': lambda: optional_text(form.company, 'company', 120) or '',
        'birth_date': lambda: parse_birth_date(form.birth_date, 'birth_date'),
        'language': lambda: require_choice(form.language, LANGUAGES, 'language'),
        'sales_advisor_id': lambda: form.sales_advisor_id,
        'street': lambda: require_text(form.street, 'street', 120),
        'po_box': lambda: optional_text(form.po_box, 'po_box', 120) or '',
        'postal_code': lambda: validate_postal_code(form.postal_code, country, 'postal_code'),
        'city': lambda: require_text(form.city, 'city', 80),
        'country_code': lambda: validate_country(form.country_code, 'country_code'),
        'email': lambda: validate_email(form.email, 'email'),
        'mobile': lambda: normalise_mobile(form.mobile, country, 'mobile'),
        'contacts': lambda: _check_contacts(form.contacts, country, errors),
        'interest_ids': lambda: tuple(dict.fromkeys(int(value) for value in form.interest_ids)),
    }
    for name in STEP_FIELDS_ORDER:
        if name in wanted:
            values[name] = _checked(errors, checks[name])
    if errors:
        raise ValidationFailed(errors)
    if wanted != set(STEP_FIELDS_ORDER):
        return None
    return CustomerData(**values)  # type: ignore[arg-type]


STEP_FIELDS_ORDER: tuple[str, ...] = tuple(name for step in STEPS for name in STEP_FIELDS[step])


def _check_contacts(rows: Sequence[Mapping[str, str]], country: str,
                    errors: dict[str, Message]) -> tuple[tuple[str, str], ...]:
    contacts = []
    for index, row in enumerate(rows):
        kind = row.get('kind') or ''
        value = row.get('value') or ''
        if not value.strip():
            continue  # a row the customer added and left empty
        try:
            require_choice(kind, CONTACT_TYPES, f'contacts.{index}.kind')
            contacts.append((kind, validate_contact(kind, value, country, f'contacts.{index}.value')))
        except ValidationFailed as failure:
            errors.update(failure.errors)
    return tuple(contacts)


def step_of_field(name: str) -> str:
    """The wizard step that shows field `name` (contact rows belong to the contacts step)."""
    base = name.split('.', 1)[0]
    for step, names in STEP_FIELDS.items():
        if base in names:
            return step
    return 'confirmation'


def customer_screen_interests(language: str) -> list[InterestChoice]:
    """The marketing lists a customer may tick: active and flagged for the customer screen."""
    with unit_of_work() as session:
        return _screen_interests(session, language)


def _screen_interests(session: Session, language: str) -> list[InterestChoice]:
    lists = session.scalars(select(MarketingList).where(
        MarketingList.active.is_(True), MarketingList.shown_on_customer_screen.is_(True))).all()
    choices = [InterestChoice(id=item.id, name=item.name(language)) for item in lists]
    return sorted(choices, key=lambda choice: fold_for_search(choice.name))


@dataclass(frozen=True)
class WizardChoices:
    """What the wizard offers: the interests to tick, the legal texts to accept and the branch's employees."""

    interests: list[InterestChoice]
    legal_texts: dict[str, LegalTextView]
    employees: list[EmployeeChoice]


def wizard_choices(language: str, branch_id: int) -> WizardChoices:
    """Everything the wizard's page needs from the database, in one read (no write lock: every tablet opens it)."""
    with read_session() as session:
        return WizardChoices(interests=_screen_interests(session, language),
                             legal_texts=legal_texts_in(session, language),
                             employees=active_employees_in(session, branch_id))


def _allowed_interests(session: Session, wanted: Sequence[int],
                       already: Sequence[MarketingList]) -> list[MarketingList]:
    """The lists to link: shown-on-screen ones the customer ticked, plus links the screen does not show."""
    shown = {item.id: item for item in session.scalars(select(MarketingList).where(
        MarketingList.active.is_(True), MarketingList.shown_on_customer_screen.is_(True)))}
    unknown = [list_id for list_id in wanted if list_id not in shown]
    if unknown:
        raise ValidationFailed({'interest_ids': Message('customer.interest_unknown')})
    kept = [item for item in already if item.id not in shown]  # lists staff manage stay as they were
    return kept + [shown[list_id] for list_id in wanted]


def _check_advisor(session: Session, advisor_id: int | None, branch_id: int) -> None:
    if advisor_id is None:
        return
    advisor = session.get(Employee, advisor_id)
    if advisor is None or not advisor.active or advisor.branch_id != branch_id:
        raise ValidationFailed({'sales_advisor_id': Message('customer.advisor_unknown')})


def _folded(text: str, column: str) -> str:
    """`text` folded for search, cut to the customer's `column` (folding can make it longer: "ﷺ" → 18 letters)."""
    return fold_for_column(text, Customer.__table__.c[column].type.length)


def _apply(customer: Customer, data: CustomerData) -> None:
    for name in SCALAR_FIELDS:
        setattr(customer, name, getattr(data, name))
    customer.search_name = _folded(f'{data.last_name} {data.first_name}', 'search_name')
    customer.search_city, customer.search_email = _folded(data.city, 'search_city'), _folded(data.email, 'search_email')


SCALAR_FIELDS: tuple[str, ...] = (
    'salutation', 'title', 'first_name', 'last_name', 'company', 'birth_date', 'language', 'sales_advisor_id',
    'street', 'po_box', 'postal_code', 'city', 'country_code', 'email', 'mobile')


def _next_number(session: Session) -> int:
    """The number after the highest one (6 digits, then 7 past 999999); on PostgreSQL one transaction at a time
    takes one (SQLite begins IMMEDIATE)."""
    serialise(session, NUMBER_LOCK_KEY)
    highest = session.scalar(select(func.max(Customer.number)))
    number = max((highest or 0) + 1, FIRST_CUSTOMER_NUMBER)
    if number > LAST_CUSTOMER_NUMBER:
        raise RuntimeError('no free customer number left')
    return number


def _shown(value: object) -> str | None:
    if value is None or value == '':
        return None
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _snapshot(customer: Customer) -> dict[str, str | None]:
    """The customer's fields as the history shows them."""
    snapshot = {name: _shown(getattr(customer, name)) for name in SCALAR_FIELDS}
    snapshot['contacts'] = '; '.join(f'{contact.kind}: {contact.value}' for contact in customer.contacts) or None
    snapshot['interests'] = ', '.join(sorted(item.name_fr for item in customer.interests)) or None
    return snapshot


def _record_changes(session: Session, customer: Customer, before: Mapping[str, str | None], employee_id: int) -> bool:
    """One history row per changed field; True if anything changed."""
    after = _snapshot(customer)
    changed = False
    for name, old in before.items():
        if after[name] != old:
            changed = True
            session.add(CustomerChange(customer_id=customer.id, employee_id=employee_id, field=name,
                                       old_value=old, new_value=after[name]))
    return changed


def _set_contacts(customer: Customer, contacts: Sequence[tuple[str, str]]) -> None:
    current = [(contact.kind, contact.value) for contact in customer.contacts]
    if current == list(contacts):
        return
    customer.contacts.clear()
    customer.contacts.extend(CustomerContact(position=index, kind=kind, value=value)
                             for index, (kind, value) in enumerate(contacts))


def create_customer(form: CustomerForm, consent_choices: Sequence[tuple[str, bool]], text_ids: Mapping[str, int],
                    signature: Signature, context: SigningContext) -> SavedCustomer:
    """Create a customer with the next free number, its contacts, interests and consent records,
    all in one transaction. The legal consent must be among `consent_choices` and accepted."""
    data = check_form(form)
    assert data is not None
    if ('legal', True) not in consent_choices:
        raise ValidationFailed({'legal': Message('consent.legal_required')})
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with unit_of_work() as session:
                _check_advisor(session, data.sales_advisor_id, context.branch_id)
                customer = Customer(number=_next_number(session), branch_id=context.branch_id)
                _apply(customer, data)
                customer.interests = _allowed_interests(session, data.interest_ids, [])
                _set_contacts(customer, data.contacts)
                session.add(customer)
                session.flush()
                session.add(CustomerChange(customer_id=customer.id, employee_id=context.employee_id,
                                           field='created', old_value=None, new_value=str(customer.number)))
                records = record_consents(session, customer=customer, choices=consent_choices, text_ids=text_ids,
                                          signature=signature, context=context)
                return SavedCustomer(number=customer.number, version=customer.version,
                                     signature_id=records[0].signature_id or 0,
                                     consent_ids=tuple(item.id for item in recorded(records)))
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1:
                raise  # another tablet took the number each time: give up loudly rather than loop
    raise AssertionError('unreachable')


@dataclass(frozen=True)
class CustomerForEdit:
    number: int
    version: int
    form: CustomerForm
    display_name: str
    advisor_name: str = ''  # the current sales advisor's name, also when they have left


def merge_concurrent_edit(opened: CustomerForm, typed: CustomerForm, current: CustomerForm) -> CustomerForm:
    """Someone saved the customer while this form was open: take their value wherever the customer left a field
    as it was opened, and keep the customer's own wherever they changed it (theirs is the newer word on it)."""
    merged = {item.name: getattr(current if getattr(typed, item.name) == getattr(opened, item.name) else typed,
                                 item.name) for item in fields(CustomerForm)}
    return CustomerForm.from_mapping(merged)


def load_for_edit(number: int) -> CustomerForEdit:
    """The customer's current data as the wizard shows it; raises `NotFound`."""
    with unit_of_work() as session:
        customer = session.scalar(select(Customer).where(Customer.number == number)
                                  .options(selectinload(Customer.contacts), selectinload(Customer.interests)))
        if customer is None:
            raise NotFound(number)
        form = CustomerForm(
            salutation=customer.salutation, title=customer.title, first_name=customer.first_name,
            last_name=customer.last_name, company=customer.company,
            birth_date=format_date(customer.birth_date) if customer.birth_date else '', language=customer.language,
            sales_advisor_id=customer.sales_advisor_id, street=customer.street, po_box=customer.po_box,
            postal_code=customer.postal_code, city=customer.city, country_code=customer.country_code,
            email=customer.email, mobile=customer.mobile or '',
            contacts=[{'kind': contact.kind, 'value': contact.value} for contact in customer.contacts],
            interest_ids=[item.id for item in customer.interests if item.shown_on_customer_screen and item.active])
        advisor = session.get(Employee, customer.sales_advisor_id) if customer.sales_advisor_id else None
        return CustomerForEdit(number=customer.number, version=customer.version, form=form,
                               display_name=f'{customer.first_name} {customer.last_name}'.strip(),
                               advisor_name=advisor.display_name if advisor else '')


def update_customer(number: int, expected_version: int, form: CustomerForm,
                    consent_choices: Sequence[tuple[str, bool]], text_ids: Mapping[str, int], signature: Signature,
                    context: SigningContext) -> SavedCustomer:
    """Correct a customer: update the record, append new consent records and write the history of changes.

    Raises `Conflict` when someone else saved the customer since it was opened (`expected_version`).
    """
    data = check_form(form)
    assert data is not None
    if ('legal', True) not in consent_choices:
        raise ValidationFailed({'legal': Message('consent.legal_required')})
    try:
        with unit_of_work() as session:
            customer = session.scalar(select(Customer).where(Customer.number == number)
                                      .options(selectinload(Customer.contacts), selectinload(Customer.interests)))
            if customer is None:
                raise NotFound(number)
            if customer.version != expected_version:
                raise Conflict(number)
            if data.sales_advisor_id != customer.sales_advisor_id:  # an advisor who has left may stay as is
                _check_advisor(session, data.sales_advisor_id, context.branch_id)
            before = _snapshot(customer)
            interests = _allowed_interests(session, data.interest_ids, customer.interests)
            with session.no_autoflush:  # one UPDATE, so one correction moves the version by one
                _apply(customer, data)
                customer.interests = interests
                _set_contacts(customer, data.contacts)
            if _record_changes(session, customer, before, context.employee_id):
                customer.updated_at = utc_now()  # also when only contacts or interests changed: the version moves
            session.flush()
            records = record_consents(session, customer=customer, choices=consent_choices, text_ids=text_ids,
                                      signature=signature, context=context)
            return SavedCustomer(number=customer.number, version=customer.version,
                                 signature_id=records[0].signature_id or 0,
                                 consent_ids=tuple(item.id for item in recorded(records)))
    except StaleDataError as error:
        raise Conflict(number) from error


def customer_history(number: int) -> list[HistoryEntry]:
    """The customer's changes, newest first."""
    with unit_of_work() as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == number))
        if customer_id is None:
            raise NotFound(number)
        rows = session.execute(
            select(CustomerChange, Employee.display_name).outerjoin(Employee, CustomerChange.employee_id == Employee.id)
            .where(CustomerChange.customer_id == customer_id)
            .order_by(CustomerChange.changed_at.desc(), CustomerChange.id.desc())).all()
        return [HistoryEntry(changed_at=change.changed_at, employee=name or '', field=change.field,
                             old_value=change.old_value, new_value=change.new_value) for change, name in rows]

"""Wishlist entries: the back office (search, create, edit, events, letters) and the customer's signing.

Reading is open to every login; creating, editing, adding or deleting events and printing letters are
manager actions, refused here with `AccessDenied` whatever the page shows.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from customer_pad.addresses import PostalAddress, person_name
from customer_pad.auth import require_manager
from customer_pad.dates import SWISS_TIME
from customer_pad.db import read_session, unit_of_work
from customer_pad.documents import BranchLetterhead, WishlistLetter
from customer_pad.errors import Conflict, Message, NotFound, ValidationFailed
from customer_pad.i18n import normalise_language
from customer_pad.paging import COUNT_CAP, ResultPage
from customer_pad.search import article_search_text, fold_for_search
from customer_pad.services.consents import LegalTextView, SigningContext, legal_texts_in, record_consents
from customer_pad.services.receipts import branch_letterhead, customer_display_name, stored_signature
from customer_pad.signatures import Signature
from customer_pad.validation import (
    display_phone,
    optional_text,
    record_number,
    require_text,
    without_forbidden_characters,
)
from models import (
    Article,
    ArticleCharacteristic,
    Branch,
    ConsentRecord,
    Customer,
    CustomerContact,
    Employee,
    LegalText,
    SignatureRecord,
    WishlistEntry,
    WishlistEvent,
)
from models.base import utc_now

STATUSES: tuple[str, ...] = ('open', 'waiting', 'assigned', 'delivered', 'cancelled')
CLOSED_STATUSES = frozenset({'delivered', 'cancelled'})
"""An entry in one of these states can no longer be signed by the customer."""
PRIORITIES: tuple[int, ...] = (1, 2, 3, 4, 5)
DEFAULT_PRIORITY = 3
DEFAULT_CATEGORY = 'Horlogerie | Montre'
SYSTEM_EVENT_KINDS: tuple[str, ...] = ('opened', 'customer_signature')
"""Events the application records itself; they are evidence and cannot be deleted from the back office."""
MANUAL_EVENT_KINDS: tuple[str, ...] = ('contact', 'offer', 'reminder', 'note')
"""Events a manager adds with **Nouveau**."""
SIGNING_PURPOSES: tuple[str, ...] = ('wishlist', 'legal', 'marketing')

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 100
CUSTOMER_LIMIT = 20
MAX_CHARACTERISTICS = 40
REMARKS_MAX_LENGTH = 2000
REMARKS_MAX_LINES = 40
CATEGORY_MAX_LENGTH = 120
BRAND_MAX_LENGTH = 80
MODEL_MAX_LENGTH = 120
REFERENCE_MAX_LENGTH = 60
CHARACTERISTIC_NAME_MAX_LENGTH = 80
CHARACTERISTIC_VALUE_MAX_LENGTH = 120
PHONE_KINDS: tuple[str, ...] = ('phone_private', 'phone_business')
NUMBER_ATTEMPTS = 3


# --- plain values handed to and from pages ------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who acts: the login's role (what is allowed) and the acting employee chosen in the header (recorded)."""

    role: str
    employee_id: int

    @property
    def is_manager(self) -> bool:
        return self.role == 'manager'


@dataclass(frozen=True)
class WishlistRow:
    """One line of the back-office list."""

    number: int
    customer_number: int
    customer_name: str
    customer_city: str
    brand: str
    model: str
    reference: str
    priority: int
    status: str
    created_on: date
    signed_on: date | None


@dataclass(frozen=True)
class BranchChoice:
    id: int
    name: str


@dataclass(frozen=True)
class WishlistDraft:
    """What the entry form holds: new values for a new entry, or an entry's values opened for editing.

    `characteristics` are (name, value) pairs in the order printed; `version` is the entry's version when it
    was opened (None for a new entry), so a save over someone else's change is refused.
    """

    customer_number: int | None = None
    branch_id: int | None = None
    category: str = DEFAULT_CATEGORY
    brand: str = ''
    model: str = ''
    reference: str = ''
    characteristics: tuple[tuple[str, str], ...] = ()
    priority: int = DEFAULT_PRIORITY
    status: str = 'open'
    remarks: str = ''
    version: int | None = None


@dataclass(frozen=True)
class CustomerSummary:
    number: int
    name: str
    city: str
    phone: str | None
    first_contact: date


@dataclass(frozen=True)
class ArticleView:
    category: str
    brand: str
    model: str
    reference: str
    characteristics: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EventRow:
    id: int
    occurred_at: datetime
    kind: str
    employee: str
    remarks: str
    creator: str

    @property
    def deletable(self) -> bool:
        return self.kind not in SYSTEM_EVENT_KINDS


@dataclass(frozen=True)
class WishlistCard:
    """Everything the back office shows of one entry."""

    number: int
    branch: str
    created_on: date
    priority: int
    status: str
    customer: CustomerSummary
    article: ArticleView
    remarks: str
    events: tuple[EventRow, ...]
    version: int


@dataclass(frozen=True)
class WishlistSigning:
    """What the customer screen shows: the customer's name, the article, and the texts to accept."""

    number: int
    customer_name: str
    article: ArticleView
    closed: bool
    texts: dict[str, LegalTextView]

    @property
    def signable(self) -> bool:
        """Open, and every text the customer accepts exists in some language: the screen may be shown."""
        return not self.closed and all(purpose in self.texts for purpose in SIGNING_PURPOSES)


@dataclass(frozen=True)
class SignedWishlist:
    signature_id: int
    event_id: int
    signed_at: datetime


# --- helpers --------------------------------------------------------------------------------------------------


def _entry(session: Session, number: int) -> WishlistEntry:
    entry = session.scalar(select(WishlistEntry).where(WishlistEntry.number == number)
                           .options(selectinload(WishlistEntry.article).selectinload(Article.characteristics)))
    if entry is None:
        raise NotFound(number)
    return entry


def _article_view(article: Article) -> ArticleView:
    return ArticleView(category=article.category, brand=article.brand, model=article.model,
                       reference=article.reference,
                       characteristics=tuple((item.name, item.value) for item in article.characteristics))


def _employee_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {employee_id for employee_id in ids if employee_id is not None}
    if not wanted:
        return {}
    rows = session.execute(select(Employee.id, Employee.display_name).where(Employee.id.in_(wanted)))
    return {row.id: row.display_name for row in rows}


def _events(session: Session, entry_id: int) -> tuple[EventRow, ...]:
    events = session.scalars(select(WishlistEvent).where(WishlistEvent.entry_id == entry_id)
                             .order_by(WishlistEvent.occurred_at.desc(), WishlistEvent.id.desc())).all()
    names = _employee_names(session, {event.employee_id for event in events} | {event.creator_id for event in events})
    return tuple(EventRow(id=event.id, occurred_at=event.occurred_at, kind=event.kind,
                          employee=names.get(event.employee_id or 0, ''), remarks=event.remarks,
                          creator=names.get(event.creator_id or 0, '')) for event in events)


def _customer_phone(session: Session, customer: Customer) -> str | None:
    """The mobile, else the first private or business phone, written "+41 44 614 51 11"."""
    phone = customer.mobile or session.scalar(
        select(CustomerContact.value)
        .where(CustomerContact.customer_id == customer.id, CustomerContact.kind.in_(PHONE_KINDS))
        .order_by(CustomerContact.position).limit(1))
    return display_phone(phone) or None


def _remarks(value: str | None, field: str = 'remarks') -> str:
    """Multi-line free text: each line checked like a one-line field, empty lines at both ends dropped."""
    lines = (value or '').replace('\r\n', '\n').replace('\r', '\n').split('\n')
    if len(lines) > REMARKS_MAX_LINES:
        raise ValidationFailed({field: Message('validation.too_long', {'max': REMARKS_MAX_LENGTH})})
    text = '\n'.join(optional_text(line, field, REMARKS_MAX_LENGTH) or '' for line in lines).strip('\n')
    if len(text) > REMARKS_MAX_LENGTH:
        raise ValidationFailed({field: Message('validation.too_long', {'max': REMARKS_MAX_LENGTH})})
    return text


def _swiss_today() -> date:
    return datetime.now(SWISS_TIME).date()


# --- list and search ----------------------------------------------------------------------------------------


def list_branches() -> list[BranchChoice]:
    """Every branch, by name (the entry form's **Succursale**)."""
    with read_session() as session:
        return [BranchChoice(id=row.id, name=row.name)
                for row in session.execute(select(Branch.id, Branch.name).order_by(Branch.name))]


def _word_condition(word: str) -> object:
    folded = fold_for_search(word)
    return or_(Customer.search_name.contains(folded, autoescape=True),
               Article.search_text.contains(folded, autoescape=True))


def search_wishlists(query: str = '', status: str | None = None, page: int = 1,
                     page_size: int = PAGE_SIZE) -> ResultPage[WishlistRow]:
    """Entries matching `query` and `status`, newest first, one page of them (the last one when `page` is past
    the end: the list got shorter since that page was shown).

    A number finds the entry with that number (listed first) and the customer with that number; words find
    customer names (accents and case ignored, in any order), brands, models and references.
    """
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    # A NUL or a lone surrogate would fail the query, and thousands of pasted words would make it too deep to run.
    words = list(dict.fromkeys(without_forbidden_characters(query or '')[:MAX_QUERY_LENGTH].split()))
    signed_on = (select(func.max(WishlistEvent.occurred_at))
                 .where(WishlistEvent.entry_id == WishlistEntry.id, WishlistEvent.kind == 'customer_signature')
                 .correlate(WishlistEntry).scalar_subquery())
    statement = (select(WishlistEntry.number, Customer.number.label('customer_number'), Customer.first_name,
                        Customer.last_name, Customer.company, Customer.city, Article.brand, Article.model,
                        Article.reference, WishlistEntry.priority, WishlistEntry.status, WishlistEntry.created_on,
                        signed_on.label('signed_at'))
                 .join(Customer, Customer.id == WishlistEntry.customer_id)
                 .join(Article, Article.id == WishlistEntry.article_id))
    conditions = []
    exact_number = record_number(words[0]) if len(words) == 1 else None
    if exact_number is not None:
        conditions.append(or_(WishlistEntry.number == exact_number, Customer.number == exact_number,
                              Article.search_text.contains(words[0], autoescape=True)))
    elif words:
        conditions.append(and_(*(_word_condition(word) for word in words)))
    if status:
        conditions.append(WishlistEntry.status == status)
    if conditions:
        statement = statement.where(*conditions)
    ordering = [WishlistEntry.created_on.desc(), WishlistEntry.number.desc()]
    if exact_number is not None:
        ordering.insert(0, (WishlistEntry.number == exact_number).desc())
    with read_session() as session:
        # the count stops past COUNT_CAP: a broad word on a chain's wishlists costs no more than a page
        matches = session.scalar(select(func.count()).select_from(statement.limit(COUNT_CAP + 1).subquery())) or 0
        total = min(matches, COUNT_CAP)
        page = min(page, max(1, -(-total // page_size)))
        rows = session.execute(statement.order_by(*ordering).offset((page - 1) * page_size).limit(page_size))
        result = tuple(WishlistRow(
            number=row.number, customer_number=row.customer_number,
            customer_name=person_name(row.first_name, row.last_name, row.company),
            customer_city=row.city, brand=row.brand, model=row.model, reference=row.reference,
            priority=row.priority, status=row.status, created_on=row.created_on,
            signed_on=row.signed_at.astimezone(SWISS_TIME).date() if row.signed_at else None) for row in rows)
    return ResultPage(rows=result, total=total, page=page, page_size=page_size, more=matches > COUNT_CAP)


# --- one entry -------------------------------------------------------------------------------------------------


def wishlist_exists(number: int) -> bool:
    """Whether an entry has this number (the look-up of **Liste de souhaits**)."""
    with read_session() as session:
        return session.scalar(select(WishlistEntry.id).where(WishlistEntry.number == number)) is not None


def entry_card(number: int) -> WishlistCard:
    """The entry's card: branch, dates, priority, status, customer, article, remarks and events (newest first)."""
    with read_session() as session:
        entry = _entry(session, number)
        customer = session.get(Customer, entry.customer_id)
        branch = session.get(Branch, entry.branch_id)
        assert customer is not None and branch is not None  # foreign keys
        summary = CustomerSummary(number=customer.number, name=customer_display_name(customer), city=customer.city,
                                  phone=_customer_phone(session, customer),
                                  first_contact=customer.created_at.astimezone(SWISS_TIME).date())
        return WishlistCard(number=entry.number, branch=branch.name, created_on=entry.created_on,
                            priority=entry.priority, status=entry.status, customer=summary,
                            article=_article_view(entry.article), remarks=entry.remarks,
                            events=_events(session, entry.id), version=entry.version)


def entry_events(number: int) -> tuple[EventRow, ...]:
    """The entry's events, newest first (**Rafraîchir**)."""
    with read_session() as session:
        entry_id = session.scalar(select(WishlistEntry.id).where(WishlistEntry.number == number))
        if entry_id is None:
            raise NotFound(number)
        return _events(session, entry_id)


def entry_draft(number: int) -> WishlistDraft:
    """The entry's values as the edit form starts with them."""
    with read_session() as session:
        entry = _entry(session, number)
        customer_number = session.scalar(select(Customer.number).where(Customer.id == entry.customer_id))
        article = _article_view(entry.article)
        return WishlistDraft(customer_number=customer_number, branch_id=entry.branch_id, category=article.category,
                             brand=article.brand, model=article.model, reference=article.reference,
                             characteristics=article.characteristics, priority=entry.priority, status=entry.status,
                             remarks=entry.remarks, version=entry.version)


@dataclass(frozen=True)
class _CheckedDraft:
    customer_id: int
    branch_id: int
    category: str
    brand: str
    model: str
    reference: str
    characteristics: tuple[tuple[str, str], ...]
    priority: int
    status: str
    remarks: str


def _check_draft(session: Session, draft: WishlistDraft) -> _CheckedDraft:
    """The draft's values cleaned, or `ValidationFailed` naming every bad field at once."""
    errors: dict[str, Message] = {}
    values: dict[str, object] = {}

    def check(field: str, check_value: Callable[[], object]) -> None:
        try:
            values[field] = check_value()
        except ValidationFailed as failure:
            errors.update(failure.errors)

    customer_id = None
    if draft.customer_number is None:
        errors['customer'] = Message('validation.required')
    else:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == draft.customer_number))
        if customer_id is None:
            errors['customer'] = Message('backoffice.customer_unknown', {'number': draft.customer_number})
    if draft.branch_id is None:
        errors['branch'] = Message('validation.required')
    elif session.get(Branch, draft.branch_id) is None:
        errors['branch'] = Message('validation.not_in_list')
    check('category', lambda: require_text(draft.category, 'category', CATEGORY_MAX_LENGTH))
    check('brand', lambda: require_text(draft.brand, 'brand', BRAND_MAX_LENGTH))
    check('model', lambda: require_text(draft.model, 'model', MODEL_MAX_LENGTH))
    check('reference', lambda: require_text(draft.reference, 'reference', REFERENCE_MAX_LENGTH))
    characteristics: list[tuple[str, str]] = []
    rows = [(name or '', value or '') for name, value in draft.characteristics]
    if len(rows) > MAX_CHARACTERISTICS:
        errors['characteristics'] = Message('backoffice.too_many_characteristics', {'max': MAX_CHARACTERISTICS})
    for index, (name, value) in enumerate(rows):
        if not name.strip() and not value.strip():
            continue  # an empty row left over from **Ajouter** is not an error
        try:
            characteristics.append((
                require_text(name, f'characteristics.{index}.name', CHARACTERISTIC_NAME_MAX_LENGTH),
                require_text(value, f'characteristics.{index}.value', CHARACTERISTIC_VALUE_MAX_LENGTH)))
        except ValidationFailed as failure:
            errors.update(failure.errors)
    if draft.priority not in PRIORITIES:
        errors['priority'] = Message('validation.not_in_list')
    if draft.status not in STATUSES:
        errors['status'] = Message('validation.not_in_list')
    check('remarks', lambda: _remarks(draft.remarks))
    if errors:
        raise ValidationFailed(errors)
    assert customer_id is not None and draft.branch_id is not None
    return _CheckedDraft(customer_id=customer_id, branch_id=draft.branch_id, category=str(values['category']),
                         brand=str(values['brand']), model=str(values['model']), reference=str(values['reference']),
                         characteristics=tuple(characteristics), priority=draft.priority, status=draft.status,
                         remarks=str(values['remarks']))


def _fill_article(article: Article, checked: _CheckedDraft) -> Article:
    """The article as the form has it: its fields, their folded search copy, its characteristics in order."""
    article.category, article.brand = checked.category, checked.brand
    article.model, article.reference = checked.model, checked.reference
    article.search_text = article_search_text(checked.brand, checked.model, checked.reference)
    article.characteristics.clear()
    article.characteristics.extend(ArticleCharacteristic(position=index, name=name, value=value)
                                   for index, (name, value) in enumerate(checked.characteristics))
    return article


def create_entry(draft: WishlistDraft, actor: Actor) -> int:
    """A new wishlist entry with the next free number and its **Ouverture** event; returns the number.

    Managers only. Raises `ValidationFailed` (field → message) for bad values.
    """
    require_manager(actor.role)
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with unit_of_work() as session:
                checked = _check_draft(session, draft)
                number = (session.scalar(select(func.max(WishlistEntry.number))) or 0) + 1
                article = _fill_article(Article(), checked)
                now = utc_now()
                entry = WishlistEntry(number=number, customer_id=checked.customer_id, article=article,
                                      branch_id=checked.branch_id, priority=checked.priority, status=checked.status,
                                      remarks=checked.remarks, created_on=now.astimezone(SWISS_TIME).date(),
                                      created_by_id=actor.employee_id)
                entry.events.append(WishlistEvent(occurred_at=now, kind='opened', employee_id=actor.employee_id,
                                                  creator_id=actor.employee_id))
                session.add(entry)
                session.flush()
                return number
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1:  # another manager took the number each time
                raise Conflict('wishlist number') from None
    raise AssertionError('unreachable')


def update_entry(number: int, draft: WishlistDraft, actor: Actor) -> int:
    """Save the edited entry; returns its new version.

    Managers only. Raises `Conflict` when the entry changed since `draft.version` was read, `ValidationFailed`
    for bad values, `NotFound` for an unknown number.
    """
    require_manager(actor.role)
    try:
        with unit_of_work() as session:
            entry = _entry(session, number)
            if draft.version is None or entry.version != draft.version:
                raise Conflict(number)
            checked = _check_draft(session, draft)
            entry.customer_id = checked.customer_id
            entry.branch_id = checked.branch_id
            entry.priority = checked.priority
            entry.status = checked.status
            entry.remarks = checked.remarks
            _fill_article(entry.article, checked)
            flag_modified(entry, 'remarks')  # the version goes up even when only the article changed
            session.flush()
            return entry.version
    except StaleDataError:
        raise Conflict(number) from None


def add_event(number: int, *, kind: str, occurred_on: date | None, employee_id: int | None, remarks: str,
              actor: Actor) -> EventRow:
    """Add an event (**Nouveau**) recorded by the acting employee. Managers only.

    `occurred_on` is today or an earlier day (today keeps the current time); `employee_id` is the employee
    the event is about.
    """
    require_manager(actor.role)
    errors: dict[str, Message] = {}
    if kind not in MANUAL_EVENT_KINDS:
        errors['kind'] = Message('validation.required' if not kind else 'validation.not_in_list')
    today = _swiss_today()
    if occurred_on is None:
        errors['date'] = Message('validation.required')
    elif occurred_on > today:
        errors['date'] = Message('backoffice.event_date_future')
    try:
        clean_remarks = _remarks(remarks)
    except ValidationFailed as failure:
        errors.update(failure.errors)
    with unit_of_work() as session:
        entry = _entry(session, number)
        if employee_id is None:
            errors['employee'] = Message('validation.required')
        else:
            employee = session.get(Employee, employee_id)
            if employee is None or not employee.active:
                errors['employee'] = Message('validation.not_in_list')
        if errors:
            raise ValidationFailed(errors)
        assert occurred_on is not None
        if occurred_on == today:
            occurred_at = utc_now()
        else:
            occurred_at = datetime.combine(occurred_on, time(12, 0), tzinfo=SWISS_TIME)
        event = WishlistEvent(entry_id=entry.id, occurred_at=occurred_at, kind=kind, employee_id=employee_id,
                              remarks=clean_remarks, creator_id=actor.employee_id)
        session.add(event)
        session.flush()
        names = _employee_names(session, {employee_id, actor.employee_id})
        return EventRow(id=event.id, occurred_at=event.occurred_at, kind=kind, employee=names.get(employee_id, ''),
                        remarks=clean_remarks, creator=names.get(actor.employee_id, ''))


def delete_event(number: int, event_id: int, actor: Actor) -> None:
    """Delete a manually added event (**Supprimer**). Managers only; opening and signature events stay."""
    require_manager(actor.role)
    with unit_of_work() as session:
        entry_id = session.scalar(select(WishlistEntry.id).where(WishlistEntry.number == number))
        event = session.get(WishlistEvent, event_id)
        if entry_id is None or event is None or event.entry_id != entry_id:
            raise NotFound(event_id)
        if event.kind in SYSTEM_EVENT_KINDS:
            raise ValidationFailed({'event': Message('backoffice.event_protected')})
        session.delete(event)


# --- the customer screen --------------------------------------------------------------------------------------


def signing_view(number: int, language: str) -> WishlistSigning:
    """What the customer screen of entry `number` shows, with the current texts in `language`.

    Nothing but the customer's name and the article: the screen is in the customer's hands.
    """
    with read_session() as session:
        entry = _entry(session, number)
        customer = session.get(Customer, entry.customer_id)
        assert customer is not None
        return WishlistSigning(number=number, customer_name=customer_display_name(customer),
                               article=_article_view(entry.article), closed=entry.status in CLOSED_STATUSES,
                               texts=legal_texts_in(session, language))


def sign_wishlist(number: int, *, choices: Sequence[tuple[str, bool]], text_ids: dict[str, int],
                  signature: Signature | None, context: SigningContext) -> SignedWishlist:
    """Record the customer's signing of entry `number` in one transaction.

    Stores the acknowledgement, legal and marketing consents (with text versions and hashes) and the signature
    through `record_consents`, and adds the event **Signature du Client** for the acting employee. Refused with
    `ValidationFailed` without the acknowledgement (`wishlist`), the legal consent (`legal`) or a signature
    (`signature`), and for a delivered or cancelled entry (`entry`).
    """
    answers = dict(choices)
    errors: dict[str, Message] = {}
    if len(answers) != len(choices) or not set(answers) <= set(SIGNING_PURPOSES):
        raise ValueError(f'unexpected consent choices {choices!r}')
    if answers.get('wishlist') is not True:
        errors['wishlist'] = Message('wishlist.acknowledgement_required')
    if answers.get('legal') is not True:
        errors['legal'] = Message('consent.legal_required')
    if signature is None:
        errors['signature'] = Message('signature.empty')
    with unit_of_work() as session:
        entry = _entry(session, number)
        if entry.status in CLOSED_STATUSES:
            errors['entry'] = Message('wishlist.closed')
        if errors:
            raise ValidationFailed(errors)
        assert signature is not None
        customer = session.get(Customer, entry.customer_id)
        assert customer is not None
        ordered = [(purpose, answers[purpose]) for purpose in SIGNING_PURPOSES if purpose in answers]
        records = record_consents(session, customer=customer, choices=ordered, text_ids=text_ids,
                                  signature=signature, context=context, wishlist_entry_id=entry.id)
        event = WishlistEvent(entry_id=entry.id, occurred_at=records[0].recorded_at, kind='customer_signature',
                              employee_id=context.employee_id, creator_id=context.employee_id)
        session.add(event)
        session.flush()
        assert records[0].signature_id is not None
        return SignedWishlist(signature_id=records[0].signature_id, event_id=event.id,
                              signed_at=records[0].recorded_at)


# --- the request letter -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Acknowledgement:
    title: str
    body: str
    signature: Signature
    signed_on: date


def _latest_acknowledgements(session: Session, entry_ids: Sequence[int]) -> dict[int, _Acknowledgement]:
    """Per entry, what its customer last acknowledged and signed; entries whose latest record lacks its text or
    signature are left out (their letter prints the current text and room to sign by hand)."""
    latest: dict[int, tuple[ConsentRecord, LegalText | None, SignatureRecord | None]] = {}
    for chunk in _chunks(entry_ids):
        for record, text, signature in session.execute(
                select(ConsentRecord, LegalText, SignatureRecord)
                .outerjoin(LegalText, LegalText.id == ConsentRecord.legal_text_id)
                .outerjoin(SignatureRecord, SignatureRecord.id == ConsentRecord.signature_id)
                .where(ConsentRecord.wishlist_entry_id.in_(chunk), ConsentRecord.purpose == 'wishlist',
                       ConsentRecord.accepted.is_(True))
                .order_by(ConsentRecord.recorded_at.desc(), ConsentRecord.id.desc())):
            latest.setdefault(record.wishlist_entry_id, (record, text, signature))
    return {entry_id: _Acknowledgement(title=text.title, body=text.body, signature=stored_signature(signature),
                                       signed_on=record.recorded_at.astimezone(SWISS_TIME).date())
            for entry_id, (record, text, signature) in latest.items() if text is not None and signature is not None}


def _chunks(values: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """`values` in slices small enough for one `IN (…)` on every database."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _letters(numbers: Sequence[int]) -> list[WishlistLetter]:
    """The letters of entries `numbers`, in that order.

    Read in bulk (two queries per 500 entries, not six per entry) in one transaction that only reads: a batch
    of a thousand letters holds no write lock while the tablets save.
    """
    with read_session() as session:
        found: dict[int, tuple[WishlistEntry, Customer, Branch]] = {}
        for chunk in _chunks(numbers):
            for entry, customer, branch in session.execute(
                    select(WishlistEntry, Customer, Branch)
                    .join(Customer, Customer.id == WishlistEntry.customer_id)
                    .join(Branch, Branch.id == WishlistEntry.branch_id)
                    .where(WishlistEntry.number.in_(chunk))
                    .options(joinedload(WishlistEntry.article).joinedload(Article.characteristics))).unique():
                found[entry.number] = (entry, customer, branch)
        missing = next((number for number in numbers if number not in found), None)
        if missing is not None:
            raise NotFound(missing)
        acknowledgements = _latest_acknowledgements(session, [entry.id for entry, _, _ in found.values()])
        letterheads: dict[int, BranchLetterhead] = {}
        current_texts: dict[str, dict[str, LegalTextView]] = {}
        letters: list[WishlistLetter] = []
        for number in numbers:
            entry, customer, branch = found[number]
            if branch.id not in letterheads:
                letterheads[branch.id] = branch_letterhead(branch)
            language = normalise_language(customer.language)
            article = _article_view(entry.article)
            letter = WishlistLetter(
                language=language, branch=letterheads[branch.id], address=_postal_address(customer),
                entry_number=entry.number, entry_date=entry.created_on, category=article.category,
                brand=article.brand, model=article.model, reference=article.reference,
                characteristics=article.characteristics,
                window='right' if branch.letter_window == 'right' else 'left')
            acknowledged = acknowledgements.get(entry.id)
            if acknowledged is not None:  # what the customer signed, exactly as it was shown
                letter = _with_acknowledgement(letter, acknowledged.title, acknowledged.body,
                                               acknowledged.signature, acknowledged.signed_on)
            else:  # not signed yet: the current text, and room to sign by hand
                if language not in current_texts:
                    current_texts[language] = legal_texts_in(session, language)
                wishlist_text = current_texts[language].get('wishlist')
                if wishlist_text is not None:
                    letter = _with_acknowledgement(letter, wishlist_text.title, wishlist_text.body, None, None)
            letters.append(letter)
    return letters


def _postal_address(customer: Customer) -> PostalAddress:
    return PostalAddress(last_name=customer.last_name, street=customer.street, postal_code=customer.postal_code,
                         city=customer.city, country_code=customer.country_code, salutation=customer.salutation,
                         title=customer.title, first_name=customer.first_name, company=customer.company,
                         po_box=customer.po_box)


def _with_acknowledgement(letter: WishlistLetter, title: str, body: str, signature: Signature | None,
                          signed_on: date | None) -> WishlistLetter:
    return replace(letter, acknowledgement_title=title, acknowledgement=body, signature=signature,
                   signed_on=signed_on)


def _letters_pdf(letters: Sequence[WishlistLetter]) -> bytes:
    # ReportLab loads with the first document printed, not at start-up
    from customer_pad.letters import build_wishlist_letters

    return build_wishlist_letters(letters)


def wishlist_letter_pdf(number: int, actor: Actor) -> bytes:
    """The request letter of entry `number` (template *Standard*, customer's language) as a PDF. Managers only."""
    require_manager(actor.role)
    return _letters_pdf(_letters([number]))


def wishlist_letters_pdf(numbers: Sequence[int], actor: Actor) -> bytes:
    """The request letters of several entries in one PDF, each from a new page, in the given order. Managers only."""
    require_manager(actor.role)
    if not numbers:
        raise ValidationFailed({'selection': Message('backoffice.nothing_selected')})
    return _letters_pdf(_letters(list(dict.fromkeys(numbers))))

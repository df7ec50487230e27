"""The back office's customers: search, the customer card, withdrawing marketing consent, the nLPD data export.

Every login may use these (staff and managers): looking a customer up, reading the card, recording a
withdrawal and handing the customer everything the shop holds about them.
"""

import io
import json
import operator
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, reduce
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, and_, bindparam, func, not_, or_, select, union_all
from sqlalchemy.orm import Session, selectinload

from customer_pad.addresses import PostalAddress, format_address_block, person_name
from customer_pad.countries import country_name
from customer_pad.dates import SWISS_TIME, format_date, format_datetime
from customer_pad.db import read_only, unit_of_work
from customer_pad.documents import DataSummary, SummarySection, SummaryTable
from customer_pad.errors import Message, NotFound, ValidationFailed
from customer_pad.i18n import LANGUAGE_NAMES, normalise_language, translate
from customer_pad.legal_texts import legal_text_sha256
from customer_pad.paging import COUNT_CAP, ResultPage
from customer_pad.search import fold_for_search
from customer_pad.services.consents import SigningContext, record_withdrawal
from customer_pad.services.customers import HistoryEntry
from customer_pad.services.receipts import branch_letterhead, customer_display_name, stored_signature
from customer_pad.signatures import signature_svg
from customer_pad.validation import display_contact, display_phone, require_text
from models import (
    Article,
    Base,
    Branch,
    ConsentRecord,
    Customer,
    CustomerChange,
    Employee,
    LegalText,
    SignatureRecord,
    WishlistEntry,
)
from models.base import utc_now

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 100
NUMBER_DIGITS: tuple[int, ...] = (6, 7)
"""Customer numbers have 6 digits, then 7 once 999999 is taken."""
REASON_MAX_LENGTH = 500
SIGNATURE_WIDTH_PX = 240
EXPORT_FORMAT = 'customer-pad/customer-data'
EXPORT_FORMAT_VERSION = 1

PERSONAL_REFERENCED_TABLES: tuple[str, ...] = ('signature',)
"""Tables the customer's rows point at that hold the customer's own data (the drawn signature)."""
CONTEXT_TABLES: dict[str, tuple[str, ...] | None] = {
    'legal_text': None,
    'marketing_list': None,
    'article': None,
    'branch': None,
    'employee': ('id', 'display_name'),
}
"""Tables the export adds so its ids can be read (the columns named, or all): texts accepted, lists, articles,
who served the customer and where."""

HISTORY_FIELD_LABELS: dict[str, str] = {
    'created': 'admin.history.created',
    'salutation': 'wizard.field.salutation',
    'title': 'wizard.field.title',
    'first_name': 'wizard.field.first_name',
    'last_name': 'wizard.field.last_name',
    'company': 'wizard.field.company',
    'birth_date': 'wizard.field.birth_date',
    'language': 'wizard.field.language',
    'sales_advisor_id': 'wizard.field.sales_advisor',
    'street': 'wizard.field.street',
    'po_box': 'wizard.field.po_box',
    'postal_code': 'wizard.field.postal_code',
    'city': 'wizard.field.city',
    'country_code': 'wizard.field.country',
    'email': 'wizard.field.email',
    'mobile': 'wizard.field.mobile',
    'contacts': 'wizard.extra_contacts',
    'interests': 'wizard.step.interests',
}


def history_field_label_key(field: str) -> str:
    """The translation key of a history row's field name (the field itself when it has none)."""
    return HISTORY_FIELD_LABELS.get(field, field)


# --- plain values handed to pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerRow:
    """One line of the search results."""

    number: int
    name: str
    company: str
    city: str
    email: str
    marketing: bool


@dataclass(frozen=True)
class ConsentEntry:
    """One consent record as the card shows it (a withdrawal has no text, no signature, but a reason)."""

    id: int
    purpose: str
    accepted: bool
    withdrawal: bool
    reason: str
    text_version: int | None
    text_language: str | None
    text_title: str | None
    text_sha256: str | None
    text_verified: bool | None
    recorded_at: datetime
    employee: str
    branch: str
    signature_id: int | None
    wishlist_number: int | None
    fingerprint: str


@dataclass(frozen=True)
class CardWishlistEntry:
    number: int
    brand: str
    model: str
    reference: str
    status: str
    priority: int
    created_on: date


@dataclass(frozen=True)
class CustomerCard:
    """Everything the back office shows of one customer."""

    number: int
    salutation: str
    title: str
    first_name: str
    last_name: str
    company: str
    birth_date: date | None
    language: str
    street: str
    po_box: str
    postal_code: str
    city: str
    country_code: str
    email: str
    mobile: str | None
    sales_advisor: str
    branch: str
    created_at: datetime
    updated_at: datetime
    contacts: tuple[tuple[str, str], ...]
    interests: tuple[str, ...]
    wishlist: tuple[CardWishlistEntry, ...]
    history: tuple[HistoryEntry, ...]
    consents: tuple[ConsentEntry, ...]
    signatures: dict[int, str]
    """SVG drawing of each signature, by signature id (numbers only: safe to embed)."""
    marketing_opted_in: bool

    @property
    def display_name(self) -> str:
        return person_name(self.first_name, self.last_name, self.company)

    @property
    def postal_address(self) -> PostalAddress:
        return PostalAddress(last_name=self.last_name, first_name=self.first_name, title=self.title,
                             salutation=self.salutation, company=self.company, street=self.street,
                             po_box=self.po_box, postal_code=self.postal_code, city=self.city,
                             country_code=self.country_code)


@dataclass(frozen=True)
class CustomerExport:
    """The nLPD data export: one ZIP file with the JSON document and the readable PDF summary."""

    filename: str
    content: bytes


# --- search -------------------------------------------------------------------------------------------------


_ABOVE_EVERY_VALUE = '\U0010ffff' * 255
"""Sorts after every folded value (the columns hold at most 254 characters)."""


def _prefix_range(prefix: str) -> dict[str, str]:
    """The values starting with `prefix` as a range [low, high) (folded columns compare code point by code point)."""
    following = ord(prefix[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates are no characters (folding drops them): skip past them
        following = 0xE000
    return {'low': prefix, 'high': prefix[:-1] + chr(following) if following <= 0x10FFFF else _ABOVE_EVERY_VALUE}


def _in_range(column: Any, name: str) -> ColumnElement[bool]:
    return and_(column >= bindparam(f'{name}_low'), column < bindparam(f'{name}_high'))


def _search_parameters(query: str) -> tuple[tuple[int, int], dict[str, object]] | None:
    """The shape of the search statement for `query` (words typed, number ranges) and its values; None when
    nothing was typed."""
    folded = fold_for_search(query or '')[:MAX_QUERY_LENGTH].strip()
    if not folded:
        return None
    values: dict[str, object] = {f'text_{bound}': value for bound, value in _prefix_range(folded).items()}
    words = folded.split()
    if len(words) > 1:  # "sophie dufour" or "kim t" as typed at the counter; the column holds "dufour sophie"
        for index, word in enumerate(words):
            values |= {f'word{index}_{bound}': value for bound, value in _prefix_range(word).items()}
            escaped = word.replace('/', '//').replace('%', '/%').replace('_', '/_')
            values[f'word{index}_inside'] = f'%{escaped}%'
    digits = folded.replace(' ', '')
    # isdecimal: "²" or "፩" are digits to isdigit() but no number int() reads
    lengths = [length for length in NUMBER_DIGITS if digits.isdecimal() and len(digits) <= length]
    for index, length in enumerate(lengths):
        span = 10 ** (length - len(digits))
        values |= {f'number{index}_low': int(digits) * span, f'number{index}_high': (int(digits) + 1) * span - 1}
    return (len(words) if len(words) > 1 else 0, len(lengths)), values


def _search_branches(words: int, number_ranges: int) -> list[ColumnElement[bool]]:
    """Customers whose name, town or e-mail starts with the text typed, whose last name starts with one of the
    words typed and whose name holds the others, or whose number starts with the digits typed: each branch an
    index range that leaves out what the branches before it found, so that they add up to the matches."""
    branches = [_in_range(Customer.search_name, 'text'), _in_range(Customer.search_city, 'text'),
                _in_range(Customer.search_email, 'text')]
    earlier = [not_(branch) for branch in branches]
    branches = [and_(branch, *earlier[:index]) for index, branch in enumerate(branches)]
    # a word branch finds names holding every word: an earlier word branch found one if it starts with its word
    word_starts = [_in_range(Customer.search_name, f'word{index}') for index in range(words)]
    for index, starts in enumerate(word_starts):
        inside = [Customer.search_name.like(bindparam(f'word{other}_inside'), escape='/')
                  for other in range(words) if other != index]
        branches.append(and_(starts, *inside, *earlier, *(not_(before) for before in word_starts[:index])))
    earlier += [not_(and_(starts, *(Customer.search_name.like(bindparam(f'word{other}_inside'), escape='/')
                                    for other in range(words) if other != index)))
                for index, starts in enumerate(word_starts)]
    branches += [and_(Customer.number.between(bindparam(f'number{index}_low'), bindparam(f'number{index}_high')),
                      *earlier) for index in range(number_ranges)]  # 6 and 7 digits never overlap
    return branches


@lru_cache(maxsize=64)
def _search_statements(shape: tuple[int, int] | None) -> tuple[Select[Any], Select[Any]]:
    """The page statement (rows from `:offset`, at most `:page_size`) and the capped count of matches, for a
    search of `shape` (None: every customer). Built once per shape: building and keying them took ten times
    longer than running them."""
    branches = _search_branches(*shape) if shape is not None else [None]
    counts = []
    for branch in branches:
        matching = select(Customer.id) if branch is None else select(Customer.id).where(branch)
        counts.append(select(func.count()).select_from(matching.limit(COUNT_CAP + 1).subquery()).scalar_subquery())
    matches = reduce(operator.add, counts)
    order = (Customer.search_name, Customer.id)  # the same name in creation order: the index holds it (SQLite)
    page = select(Customer.number, Customer.first_name, Customer.last_name, Customer.company, Customer.city,
                  Customer.email, marketing_opted_in(Customer.id).label('marketing'))
    if shape is not None:  # each branch as far as the page needs, merged by name below
        listed = union_all(*(select(Customer.id).where(branch).order_by(*order).limit(bindparam('wanted'))
                             .subquery().select() for branch in branches)).subquery()
        page = page.where(Customer.id.in_(select(listed.c.id)))
    page = page.order_by(*order).limit(bindparam('page_size')).offset(bindparam('offset'))
    return page, select(matches)


def marketing_opted_in(customer_id: Any) -> ColumnElement[Any]:
    """The customer's latest marketing choice (True: accepted; False: declined or withdrawn; NULL: never asked).

    Every signing records the choice again and a withdrawal is a later record, so the newest one decides.
    """
    return (select(ConsentRecord.accepted)
            .where(ConsentRecord.customer_id == customer_id, ConsentRecord.purpose == 'marketing')
            .order_by(ConsentRecord.recorded_at.desc(), ConsentRecord.id.desc())
            .limit(1).correlate_except(ConsentRecord).scalar_subquery())


def search_customers(query: str, page: int = 1, page_size: int = PAGE_SIZE,
                     counted: bool = True) -> ResultPage[CustomerRow]:
    """Customers by number, name, town or e-mail (case and accents ignored: `geneve` finds Genève), by name.

    Each branch of the search (name, town, e-mail, number…) is an index range read only as far as the page needs
    (offset + page size rows each, merged by name), and the count stops after `COUNT_CAP` customers: a page
    costs about the same on a million customers as on a thousand. `counted=False` skips the count (a picker
    shows the first rows only): `total` is then the rows found and `more` says whether the page is full.
    """
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    shape, values = _search_parameters(query) or (None, {})
    statement, count = _search_statements(shape)

    def rows_of(page: int) -> Sequence[Row[Any]]:
        return connection.execute(statement, values | {'page_size': page_size, 'offset': (page - 1) * page_size,
                                                       'wanted': page * page_size}).all()

    with read_only() as connection:
        rows = rows_of(page)
        if len(rows) < page_size and (rows or page == 1):  # the last page: the count is known
            matches = (page - 1) * page_size + len(rows)
        elif not counted:
            return ResultPage(rows=_customer_rows(rows), total=len(rows), page=page, page_size=page_size, more=True)
        else:
            matches = connection.execute(count, values).scalar_one()
        total = min(matches, COUNT_CAP)
        last_page = max(1, -(-total // page_size))
        if page > last_page:  # past the end (the list got shorter since that page was shown): its last page
            page = last_page
            rows = rows_of(page)
    return ResultPage(rows=_customer_rows(rows), total=total, page=page, page_size=page_size,
                      more=matches > COUNT_CAP)


def _customer_rows(rows: Sequence[Row[Any]]) -> tuple[CustomerRow, ...]:
    return tuple(CustomerRow(number=number, name=person_name(first_name, last_name, company), company=company,
                             city=city, email=email, marketing=bool(marketing))
                 for number, first_name, last_name, company, city, email, marketing in rows)


# --- the card -----------------------------------------------------------------------------------------------


def _customer(session: Session, number: int) -> Customer:
    customer = session.scalar(select(Customer).where(Customer.number == number)
                              .options(selectinload(Customer.contacts), selectinload(Customer.interests)))
    if customer is None:
        raise NotFound(number)
    return customer


def _names(session: Session, model: type[Employee] | type[Branch], ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {value for value in ids if value is not None}
    if not wanted:
        return {}
    label = Employee.display_name if model is Employee else Branch.name
    return {row[0]: row[1] for row in session.execute(select(model.id, label).where(model.id.in_(wanted)))}


def _consent_entries(session: Session, customer_id: int) -> list[ConsentEntry]:
    """Every consent record of the customer, newest first, as the card shows it."""
    return _as_entries(session, session.scalars(
        select(ConsentRecord).where(ConsentRecord.customer_id == customer_id)
        .order_by(ConsentRecord.recorded_at.desc(), ConsentRecord.id.desc())).all())


def _as_entries(session: Session, records: Sequence[ConsentRecord]) -> list[ConsentEntry]:
    texts = {text.id: text for text in session.scalars(select(LegalText).where(
        LegalText.id.in_({record.legal_text_id for record in records if record.legal_text_id is not None})))}
    employees = _names(session, Employee, (record.employee_id for record in records))
    branches = _names(session, Branch, (record.branch_id for record in records))
    entry_ids = {record.wishlist_entry_id for record in records if record.wishlist_entry_id is not None}
    wishlist_numbers = {row.id: row.number for row in session.execute(
        select(WishlistEntry.id, WishlistEntry.number).where(WishlistEntry.id.in_(entry_ids)))} if entry_ids else {}
    entries = []
    for record in records:
        text = texts.get(record.legal_text_id) if record.legal_text_id is not None else None
        verified = None
        if text is not None:
            verified = record.text_sha256 == text.sha256 == legal_text_sha256(text.title, text.body)
        entries.append(ConsentEntry(
            id=record.id, purpose=record.purpose, accepted=record.accepted, withdrawal=record.withdrawal,
            reason=record.reason, text_version=record.text_version,
            text_language=text.language if text is not None else None,
            text_title=text.title if text is not None else None, text_sha256=record.text_sha256,
            text_verified=verified, recorded_at=record.recorded_at,
            employee=employees.get(record.employee_id or 0, ''), branch=branches.get(record.branch_id or 0, ''),
            signature_id=record.signature_id,
            wishlist_number=wishlist_numbers.get(record.wishlist_entry_id or 0),
            fingerprint=record.fingerprint))
    return entries


def _history(session: Session, customer_id: int) -> list[HistoryEntry]:
    rows = session.execute(
        select(CustomerChange, Employee.display_name).outerjoin(Employee, CustomerChange.employee_id == Employee.id)
        .where(CustomerChange.customer_id == customer_id)
        .order_by(CustomerChange.changed_at.desc(), CustomerChange.id.desc())).all()
    return [HistoryEntry(changed_at=change.changed_at, employee=name or '', field=change.field,
                         old_value=change.old_value, new_value=change.new_value) for change, name in rows]


def _wishlist(session: Session, customer_id: int) -> list[CardWishlistEntry]:
    rows = session.execute(
        select(WishlistEntry, Article).join(Article, WishlistEntry.article_id == Article.id)
        .where(WishlistEntry.customer_id == customer_id)
        .order_by(WishlistEntry.created_on.desc(), WishlistEntry.number.desc())).all()
    return [CardWishlistEntry(number=entry.number, brand=article.brand, model=article.model,
                              reference=article.reference, status=entry.status, priority=entry.priority,
                              created_on=entry.created_on) for entry, article in rows]


def _card(session: Session, customer: Customer, language: str, *, drawings: bool = True) -> CustomerCard:
    """The card; `drawings=False` leaves out the signatures' SVG drawings (the export's summary prints none)."""
    consents = _consent_entries(session, customer.id)
    signatures: dict[int, str] = {}
    if drawings:
        signature_ids = {entry.signature_id for entry in consents if entry.signature_id is not None}
        signatures = {record.id: signature_svg(stored_signature(record), SIGNATURE_WIDTH_PX) for record
                      in session.scalars(select(SignatureRecord).where(SignatureRecord.id.in_(signature_ids)))}
    opted_in = session.scalar(select(marketing_opted_in(customer.id)))
    advisor = _names(session, Employee, [customer.sales_advisor_id]).get(customer.sales_advisor_id or 0, '')
    branch = _names(session, Branch, [customer.branch_id]).get(customer.branch_id or 0, '')
    return CustomerCard(
        number=customer.number, salutation=customer.salutation, title=customer.title,
        first_name=customer.first_name, last_name=customer.last_name, company=customer.company,
        birth_date=customer.birth_date, language=customer.language, street=customer.street,
        po_box=customer.po_box, postal_code=customer.postal_code, city=customer.city,
        country_code=customer.country_code, email=customer.email, mobile=customer.mobile,
        sales_advisor=advisor, branch=branch, created_at=customer.created_at, updated_at=customer.updated_at,
        contacts=tuple((contact.kind, contact.value) for contact in customer.contacts),
        interests=tuple(sorted((item.name(language) for item in customer.interests), key=fold_for_search)),
        wishlist=tuple(_wishlist(session, customer.id)), history=tuple(_history(session, customer.id)),
        consents=tuple(consents), signatures=signatures, marketing_opted_in=bool(opted_in))


def customer_card(number: int, language: str) -> CustomerCard:
    """The customer with `number`: data, interests (named in `language`), contacts, wishlist, history, consents
    with their signatures. Raises `NotFound`."""
    with unit_of_work() as session:
        return _card(session, _customer(session, number), normalise_language(language))


# --- withdrawal ---------------------------------------------------------------------------------------------


def withdraw_marketing_consent(number: int, reason: str, context: SigningContext) -> ConsentEntry:
    """Record that the customer withdraws marketing consent: a new record (date, employee, branch, reason);
    nothing earlier is changed. Raises `ValidationFailed` without a reason or when the customer is not opted in."""
    reason = require_text(reason, 'reason', REASON_MAX_LENGTH)
    with unit_of_work() as session:
        customer = _customer(session, number)
        if not session.scalar(select(marketing_opted_in(customer.id))):
            raise ValidationFailed({'withdrawal': Message('admin.customers.not_opted_in')})
        record = record_withdrawal(session, customer=customer, reason=reason, context=context)
        return _as_entries(session, [record])[0]


# --- nLPD export --------------------------------------------------------------------------------------------


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _primary_key(table: Table, row: Mapping[str, Any]) -> tuple[object, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _fetch(session: Session, table: Table, condition: ColumnElement[bool],
           columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
    selected = [table.c[name] for name in columns] if columns else list(table.c)
    order = list(table.primary_key.columns)
    return [dict(row._mapping) for row in session.execute(select(*selected).where(condition).order_by(*order))]


def _personal_rows(session: Session, customer_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row that belongs to the customer, by table: the customer, every table that points at one of its
    rows (directly or through another such table), and the rows it points at that hold its own data."""
    tables = Base.metadata.tables
    customer_table = tables['customer']
    rows: dict[str, list[dict[str, Any]]] = {
        'customer': _fetch(session, customer_table, customer_table.c.id == customer_id)}
    changed = True
    while changed:  # until no table gains a row: a table may reach the customer by more than one path
        changed = False
        for table in Base.metadata.sorted_tables:
            if table.name == 'customer':
                continue
            conditions = []
            for foreign_key in table.foreign_keys:
                source = foreign_key.column.table.name
                if source in rows and source != table.name:
                    values = {row[foreign_key.column.name] for row in rows[source]} - {None}
                    if values:
                        conditions.append(foreign_key.parent.in_(values))
            if table.name in PERSONAL_REFERENCED_TABLES:
                for source, source_rows in list(rows.items()):
                    for foreign_key in tables[source].foreign_keys:
                        if foreign_key.column.table is table:
                            values = {row[foreign_key.parent.name] for row in source_rows} - {None}
                            if values:
                                conditions.append(foreign_key.column.in_(values))
            if not conditions:
                continue
            found = _fetch(session, table, or_(*conditions))
            before = {_primary_key(table, row) for row in rows.get(table.name, [])}
            if {_primary_key(table, row) for row in found} != before:
                rows[table.name] = found
                changed = True
    return rows


def _context_rows(session: Session, personal: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The rows the personal rows point at that explain them (texts, lists, articles, employees, branches)."""
    tables = Base.metadata.tables
    context: dict[str, list[dict[str, Any]]] = {}
    for name, columns in CONTEXT_TABLES.items():
        table = tables[name]
        wanted: set[object] = set()
        for source, source_rows in personal.items():
            for foreign_key in tables[source].foreign_keys:
                if foreign_key.column.table is table:
                    wanted |= {row[foreign_key.parent.name] for row in source_rows} - {None}
        key = next(iter(table.primary_key.columns))
        context[name] = _fetch(session, table, key.in_(wanted), columns) if wanted else []
    article_ids = {row['id'] for row in context['article']}
    characteristics = tables['article_characteristic']
    context['article_characteristic'] = _fetch(
        session, characteristics, characteristics.c.article_id.in_(article_ids)) if article_ids else []
    return context


def _document(session: Session, customer: Customer, exported_at: datetime) -> dict[str, Any]:
    personal = _personal_rows(session, customer.id)
    context = _context_rows(session, personal)

    def plain(groups: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        return {name: [{column: _json_value(value) for column, value in row.items()} for row in group]
                for name, group in sorted(groups.items())}

    return {
        'format': EXPORT_FORMAT,
        'format_version': EXPORT_FORMAT_VERSION,
        'exported_at': exported_at.isoformat(),
        'customer_number': customer.number,
        'notes': {
            'tables': 'every row held about the customer, by table, with all its columns',
            'referenced': 'rows the customer\'s rows point at, so that their ids can be read',
            'signature.strokes_json': 'the drawn signature as stored; its SHA-256 is signature.sha256',
            'consent_record.text_sha256': 'SHA-256 of the legal text accepted (see referenced.legal_text)',
            'consent_record.fingerprint': 'SHA-256 over the record and the fingerprint of the one before',
        },
        'tables': plain(personal),
        'referenced': plain(context),
    }


def customer_data(number: int) -> dict[str, Any]:
    """Everything held about the customer with `number`, as one JSON-ready document. Raises `NotFound`."""
    with unit_of_work() as session:
        return _document(session, _customer(session, number), utc_now())


def _yes_no(value: bool, language: str) -> str:
    return translate('common.yes' if value else 'common.no', language)


def _choice_label(entry: ConsentEntry, language: str) -> str:
    if entry.withdrawal:
        return translate('admin.consent.withdrawn', language)
    return translate('receipt.accepted' if entry.accepted else 'receipt.declined', language)


def _summary(card: CustomerCard, language: str, exported_at: datetime, letterhead: Any) -> DataSummary:
    def label(key: str) -> str:
        return translate(key, language)

    identity = [
        (label('wizard.field.salutation'), translate(f'salutation.{card.salutation}', language)),
        (label('wizard.field.title'), card.title),
        (label('wizard.field.first_name'), card.first_name),
        (label('wizard.field.last_name'), card.last_name),
        (label('wizard.field.company'), card.company),
        (label('wizard.field.birth_date'), format_date(card.birth_date) if card.birth_date else ''),
        (label('wizard.field.language'), LANGUAGE_NAMES.get(card.language, card.language)),
        (label('admin.export.address'), '\n'.join(format_address_block(card.postal_address, language))),
        (label('wizard.field.country'), country_name(card.country_code, language)),
        (label('wizard.field.sales_advisor'), card.sales_advisor),
        (label('admin.export.branch'), card.branch),
        (label('admin.export.customer_since'), format_date(card.created_at)),
    ]
    contacts = [(label('wizard.field.email'), card.email),
                (label('wizard.field.mobile'), display_phone(card.mobile))]
    contacts += [(translate(f'contact_type.{kind}', language), display_contact(kind, value))
                 for kind, value in card.contacts]
    consents = SummaryTable(
        header=tuple(label(f'admin.export.column.{name}') for name in
                     ('date', 'purpose', 'version', 'choice', 'employee', 'branch', 'fingerprint')),
        rows=tuple((format_datetime(entry.recorded_at), translate(f'receipt.purpose.{entry.purpose}', language),
                    str(entry.text_version or ''), _choice_label(entry, language)
                    + (f' ({entry.reason})' if entry.withdrawal and entry.reason else ''),
                    entry.employee, entry.branch, entry.fingerprint[:12])
                   for entry in reversed(card.consents)),
        widths=(0.13, 0.21, 0.09, 0.16, 0.15, 0.12, 0.14))
    wishlist = SummaryTable(
        header=tuple(label(f'admin.export.column.{name}') for name in ('number', 'article', 'reference', 'status',
                                                                       'date')),
        rows=tuple((str(entry.number), f'{entry.brand} {entry.model}', entry.reference,
                    translate(f'wishlist.status.{entry.status}', language), format_date(entry.created_on))
                   for entry in card.wishlist),
        widths=(0.08, 0.37, 0.25, 0.15, 0.15))
    history = SummaryTable(
        header=tuple(label(f'admin.export.column.{name}') for name in ('date', 'employee', 'field', 'change')),
        rows=tuple((format_datetime(change.changed_at), change.employee,
                    translate(history_field_label_key(change.field), language),
                    f'{change.old_value or "–"} → {change.new_value or "–"}') for change in card.history),
        widths=(0.17, 0.18, 0.2, 0.45))
    none = label('admin.export.none')
    sections = (
        SummarySection(label('admin.export.section.identity'), fields=tuple(identity)),
        SummarySection(label('admin.export.section.contacts'), fields=tuple(contacts)),
        SummarySection(label('admin.export.section.interests'),
                       text=', '.join(card.interests) or none),
        SummarySection(label('admin.export.section.consents'), table=consents,
                       text=f'{label("admin.export.marketing_now")} {_yes_no(card.marketing_opted_in, language)}'),
        SummarySection(label('admin.export.section.wishlist'), table=wishlist if wishlist.rows else None,
                       text='' if wishlist.rows else none),
        SummarySection(label('admin.export.section.history'), table=history if history.rows else None,
                       text='' if history.rows else none),
    )
    return DataSummary(
        language=language,
        title=label('admin.export.title'),
        intro=translate('admin.export.intro', language, name=card.display_name, number=card.number,
                        date=format_datetime(exported_at)),
        branch=letterhead,
        sections=sections,
        closing=label('admin.export.closing'),
        footer=translate('admin.export.footer', language, number=card.number),
        author=letterhead.name if letterhead is not None else '',
    )


def export_customer_data(number: int) -> CustomerExport:
    """The nLPD right of access in one file: a ZIP with everything held about the customer as JSON (all
    fields, contacts, interests, consents with their hashes, signatures, wishlist entries and events,
    history) and a readable PDF summary in the customer's language. Raises `NotFound`."""
    exported_at = utc_now()
    with unit_of_work() as session:
        customer = _customer(session, number)
        language = normalise_language(customer.language)
        document = _document(session, customer, exported_at)
        card = _card(session, customer, language, drawings=False)
        branch = session.get(Branch, customer.branch_id) if customer.branch_id is not None else None
        letterhead = branch_letterhead(branch) if branch is not None else None
        name = customer_display_name(customer)
    summary = _summary(card, language, exported_at, letterhead)
    base = translate('admin.export.filename', language, number=number,
                     date=exported_at.astimezone(SWISS_TIME).strftime('%Y-%m-%d'))
    # ReportLab loads with the first document printed, not at start-up
    from customer_pad.data_export import build_data_summary

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w', compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f'{base}.json', json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
        archive.writestr(f'{base}.pdf', build_data_summary(summary, subject=name))
    return CustomerExport(filename=f'{base}.zip', content=buffer.getvalue())

"""Marketing interest lists (managers): names per language, active, shown on the customer screen, mailings.

Only active lists flagged *Ecran client Web* appear in the wizard's interests step. A list customers are
linked to is deactivated, never deleted, so their interests stay on record. The mailing export lists the
linked customers whose latest marketing choice is an acceptance (a withdrawal or a refusal leaves them out).
"""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from customer_pad.auth import require_manager
from customer_pad.dates import SWISS_TIME
from customer_pad.db import unit_of_work
from customer_pad.errors import Conflict, Message, NotFound, ValidationFailed
from customer_pad.i18n import LANGUAGES, REFERENCE_LANGUAGE
from customer_pad.search import fold_for_search
from customer_pad.services.backoffice_customers import marketing_opted_in
from customer_pad.validation import optional_text, require_text
from models import Customer, MarketingList, customer_interests
from models.base import utc_now

NAME_MAX_LENGTH = 80
CSV_COLUMNS: tuple[str, ...] = ('first_name', 'last_name', 'email', 'language')
FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')
"""A spreadsheet reads a cell starting with one of these as a formula (CSV injection)."""


@dataclass(frozen=True)
class MarketingListRow:
    id: int
    names: dict[str, str]
    """The name per language code; empty where it has none (the French one is then shown)."""
    active: bool
    shown_on_customer_screen: bool
    customer_count: int

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names[REFERENCE_LANGUAGE]


@dataclass(frozen=True)
class MailingExport:
    filename: str
    content: bytes
    customer_count: int


def _counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(customer_interests.c.marketing_list_id, func.count())
                           .group_by(customer_interests.c.marketing_list_id))
    return {list_id: count for list_id, count in rows}


def _row(item: MarketingList, count: int) -> MarketingListRow:
    return MarketingListRow(id=item.id, names={language: getattr(item, f'name_{language}') for language in LANGUAGES},
                            active=item.active, shown_on_customer_screen=item.shown_on_customer_screen,
                            customer_count=count)


def marketing_lists(acting_role: str) -> list[MarketingListRow]:
    """Every list with its number of linked customers, by French name."""
    require_manager(acting_role)
    with unit_of_work() as session:
        counts = _counts(session)
        lists = session.scalars(select(MarketingList)).all()
        rows = [_row(item, counts.get(item.id, 0)) for item in lists]
    return sorted(rows, key=lambda row: fold_for_search(row.names[REFERENCE_LANGUAGE]))


def _checked_names(names: Mapping[str, str]) -> dict[str, str]:
    errors: dict[str, Message] = {}
    checked: dict[str, str] = {}
    for language in LANGUAGES:
        field = f'name_{language}'
        try:
            if language == REFERENCE_LANGUAGE:
                checked[language] = require_text(names.get(language), field, NAME_MAX_LENGTH)
            else:
                checked[language] = optional_text(names.get(language), field, NAME_MAX_LENGTH) or ''
        except ValidationFailed as failure:
            errors.update(failure.errors)
    if errors:
        raise ValidationFailed(errors)
    return checked


def _refuse_duplicate(session: Session, name_fr: str, list_id: int | None) -> None:
    folded = fold_for_search(name_fr)
    for other_id, other_name in session.execute(select(MarketingList.id, MarketingList.name_fr)):
        if other_id != list_id and fold_for_search(other_name) == folded:
            raise ValidationFailed({'name_fr': Message('admin.lists.name_taken')})


def save_marketing_list(list_id: int | None, names: Mapping[str, str], active: bool, shown_on_customer_screen: bool,
                        *, acting_role: str) -> MarketingListRow:
    """Create a list (`list_id` None) or rename and re-flag one. The French name is required and unique
    (case and accents ignored); the others may stay empty."""
    require_manager(acting_role)
    checked = _checked_names(names)
    try:
        with unit_of_work() as session:
            _refuse_duplicate(session, checked[REFERENCE_LANGUAGE], list_id)
            if list_id is None:
                item = MarketingList()
                session.add(item)
            else:
                found = session.get(MarketingList, list_id)
                if found is None:
                    raise NotFound(list_id)
                item = found
            for language, name in checked.items():
                setattr(item, f'name_{language}', name)
            item.active = active
            item.shown_on_customer_screen = shown_on_customer_screen
            session.flush()
            return _row(item, _counts(session).get(item.id, 0))
    except IntegrityError as error:  # another manager saved the same name at the same moment
        raise ValidationFailed({'name_fr': Message('admin.lists.name_taken')}) from error


def set_marketing_list_flags(list_id: int, *, active: bool | None = None, shown_on_customer_screen: bool | None = None,
                             acting_role: str) -> MarketingListRow:
    """Switch a list on or off, or show it on the customer screen or not."""
    require_manager(acting_role)
    with unit_of_work() as session:
        item = session.get(MarketingList, list_id)
        if item is None:
            raise NotFound(list_id)
        if active is not None:
            item.active = active
        if shown_on_customer_screen is not None:
            item.shown_on_customer_screen = shown_on_customer_screen
        session.flush()
        return _row(item, _counts(session).get(item.id, 0))


def remove_marketing_list(list_id: int, *, acting_role: str) -> Literal['deleted', 'deactivated']:
    """Delete a list no customer is linked to; a list with customers is deactivated instead (they keep it)."""
    require_manager(acting_role)
    with unit_of_work() as session:
        item = session.get(MarketingList, list_id)
        if item is None:
            raise NotFound(list_id)
        if _counts(session).get(list_id, 0):
            item.active = False
            return 'deactivated'
        session.delete(item)
        try:
            session.flush()
        except IntegrityError as error:  # a customer was linked to it meanwhile
            raise Conflict(list_id) from error
        return 'deleted'


def spreadsheet_safe(value: str) -> str:
    """`value` as a CSV cell no spreadsheet runs as a formula: a leading = + - @ (or tab) gets an apostrophe."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _file_slug(name: str) -> str:
    return re.sub(r'[^a-z0-9]+', '-', fold_for_search(name)).strip('-') or 'list'


def opted_in_mailing(list_id: int, *, acting_role: str) -> MailingExport:
    """The customers of a list who accept marketing now, as CSV (first name, last name, e-mail, correspondence
    language), UTF-8 with a byte-order mark so spreadsheets read the accents."""
    require_manager(acting_role)
    with unit_of_work() as session:
        item = session.get(MarketingList, list_id)
        if item is None:
            raise NotFound(list_id)
        rows = session.execute(
            select(Customer.first_name, Customer.last_name, Customer.email, Customer.language)
            .join(customer_interests, customer_interests.c.customer_id == Customer.id)
            .where(customer_interests.c.marketing_list_id == list_id, marketing_opted_in(Customer.id).is_(True))
            .order_by(Customer.search_name, Customer.number)).all()
        list_name = item.name_fr
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator='\r\n')
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_safe(value or '') for value in row])
    day = utc_now().astimezone(SWISS_TIME).strftime('%Y-%m-%d')
    return MailingExport(filename=f'mailing-{_file_slug(list_name)}-{day}.csv',
                         content=('\ufeff' + buffer.getvalue()).encode('utf-8'), customer_count=len(rows))

"""Wishlist entries through the service: search, create, edit, events, signing and the request letter."""

import io
import json
import math
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, event, func, select, update

from customer_pad import db
from customer_pad.dates import SWISS_TIME
from customer_pad.db import unit_of_work
from customer_pad.errors import AccessDenied, Conflict, NotFound, ValidationFailed
from customer_pad.services import wishlists
from customer_pad.services.consents import SigningContext, current_legal_texts
from customer_pad.services.customer_lookup import find_customers
from customer_pad.services.wishlists import Actor, WishlistDraft
from customer_pad.signatures import Signature, parse_signature
from customer_pad.validation import parse_date
from models import ConsentRecord, Customer, Employee, LegalText, SignatureRecord, WishlistEntry, WishlistEvent

ANDRE, CAMILLE = 1, 2  # the demo's employees, in the order they are created
MANAGER = Actor(role='manager', employee_id=CAMILLE)
STAFF = Actor(role='staff', employee_id=ANDRE)
COPPET = 1


def handwritten_signature() -> Signature:
    """A signature as the pad sends it: a wavy run of letters and an underline."""
    run = [[round(0.1 + 0.8 * index / 80, 4), round(0.5 + 0.25 * math.sin(index / 3), 4)] for index in range(81)]
    underline = [[round(0.15 + 0.7 * index / 20, 4), round(0.85 - 0.05 * math.sin(index / 6), 4)]
                 for index in range(21)]
    return parse_signature(json.dumps({'v': 1, 'aspect': 2.5, 'strokes': [run, underline]}))


def signing_answers(language: str = 'fr', *, acknowledged: bool = True, legal: bool = True,
                    marketing: bool = False) -> dict:
    texts = current_legal_texts(language)
    return {'choices': (('wishlist', acknowledged), ('legal', legal), ('marketing', marketing)),
            'text_ids': {purpose: text.id for purpose, text in texts.items()}}


def andre_at_coppet() -> SigningContext:
    return SigningContext(employee_id=ANDRE, branch_id=COPPET, user_agent='Tablet test browser')


def rolex_draft(**changes: object) -> WishlistDraft:
    draft = WishlistDraft(customer_number=202354, branch_id=COPPET, brand='Rolex', model='Submariner',
                          reference='M124060-0001',
                          characteristics=(('Boîtier', 'Acier'), ('Lunette', 'Céramique'), ('Diamètre (mm)', '41')),
                          priority=2, status='open', remarks='Appeler le matin.\nPréfère le français.')
    return replace(draft, **changes)


def pdf_text(pdf: bytes) -> str:
    return ' '.join(' '.join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


# --- search and paging -------------------------------------------------------------------------------------


def test_number_finds_the_entry_first(database: str) -> None:
    result = wishlists.search_wishlists('3')
    assert result.rows[0].number == 3
    assert result.rows[0].customer_name == 'Kim Tschantre'


def test_customer_name_is_found_without_accents_in_any_order(database: str) -> None:
    assert [row.number for row in wishlists.search_wishlists('elodie FAVRE').rows] == [5]
    assert [row.number for row in wishlists.search_wishlists('Favre Élodie').rows] == [5]
    assert [row.number for row in wishlists.search_wishlists('tschan').rows] == [3]


def test_brand_and_reference_are_found_ignoring_case(database: str) -> None:
    assert sorted(row.number for row in wishlists.search_wishlists('rolex').rows) == [3, 4]
    assert [row.number for row in wishlists.search_wishlists('m124300').rows] == [3]


def test_brand_model_and_reference_are_found_without_accents(database: str) -> None:
    number = wishlists.create_entry(rolex_draft(brand='HERMÈS', model='Arceau Écuyère', reference='AR8.910a'),
                                    MANAGER)
    for query in ('hermes', 'Hermès', 'HERMES', 'ecuyere', 'écuyère arceau', 'ar8.910A'):
        assert [row.number for row in wishlists.search_wishlists(query).rows] == [number], query
    wishlists.update_entry(number, rolex_draft(brand='Chopard', model='Alpine Eagle', reference='298600-3001',
                                               version=wishlists.entry_card(number).version), MANAGER)
    assert wishlists.search_wishlists('hermes').total == 0  # an edited article is found by its new values only
    assert [row.number for row in wishlists.search_wishlists('298600').rows] == [number]


def test_the_count_stops_at_its_cap_and_says_so(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wishlists, 'COUNT_CAP', 3)
    capped = wishlists.search_wishlists(page_size=2)
    assert (capped.total, capped.more, capped.page_count) == (3, True, 2)
    assert len(capped.rows) == 2
    exact = wishlists.search_wishlists('rolex', page_size=2)
    assert (exact.total, exact.more) == (2, False)

def test_status_filters_the_list(database: str) -> None:
    assert sorted(row.number for row in wishlists.search_wishlists(status='open').rows) == [4, 5]
    assert [row.number for row in wishlists.search_wishlists('rolex', status='waiting').rows] == [3]


def test_search_wildcards_are_taken_literally(database: str) -> None:
    assert wishlists.search_wishlists('%').total == 0
    assert wishlists.search_wishlists('_').total == 0


def test_list_pages_through_the_entries_newest_first(database: str) -> None:
    first = wishlists.search_wishlists(page=1, page_size=2)
    second = wishlists.search_wishlists(page=2, page_size=2)
    third = wishlists.search_wishlists(page=3, page_size=2)
    assert (first.total, first.page_count) == (5, 3)
    assert [row.number for row in (*first.rows, *second.rows, *third.rows)] == [5, 4, 3, 2, 1]
    beyond = wishlists.search_wishlists(page=9, page_size=2)  # the list got shorter since page 9 was shown
    assert (beyond.page, [row.number for row in beyond.rows]) == (3, [1])


def test_customer_picker_finds_by_number_or_name(database: str) -> None:
    assert [choice.name for choice in find_customers('202356')] == ['Kim Tschantre']
    assert [choice.number for choice in find_customers('lukasik')] == [202355]
    assert find_customers('   ') == []


# --- creating and editing ----------------------------------------------------------------------------------


def test_creating_an_entry_numbers_it_and_opens_it_with_the_acting_employee(database: str) -> None:
    number = wishlists.create_entry(rolex_draft(), MANAGER)
    assert number == 6
    card = wishlists.entry_card(number)
    assert (card.customer.name, card.branch, card.priority, card.status) == ('Sophie Dufour', 'CMB Coppet', 2, 'open')
    assert card.created_on == datetime.now(SWISS_TIME).date()
    assert card.remarks == 'Appeler le matin.\nPréfère le français.'
    assert [(event.kind, event.employee, event.creator) for event in card.events] == [
        ('opened', 'Camille Dubois', 'Camille Dubois')]


def test_characteristics_keep_the_order_given(database: str) -> None:
    number = wishlists.create_entry(rolex_draft(), MANAGER)
    assert wishlists.entry_card(number).article.characteristics == (
        ('Boîtier', 'Acier'), ('Lunette', 'Céramique'), ('Diamètre (mm)', '41'))
    draft = wishlists.entry_draft(number)
    reordered = (('Diamètre (mm)', '41'), ('Boîtier', 'Acier'), ('Glace', 'Saphir'))
    wishlists.update_entry(number, replace(draft, characteristics=reordered), MANAGER)
    assert wishlists.entry_card(number).article.characteristics == reordered


def test_empty_characteristic_rows_are_dropped_and_half_filled_ones_refused(database: str) -> None:
    number = wishlists.create_entry(rolex_draft(characteristics=(('Boîtier', 'Acier'), ('', ''))), MANAGER)
    assert wishlists.entry_card(number).article.characteristics == (('Boîtier', 'Acier'),)
    with pytest.raises(ValidationFailed) as failure:
        wishlists.create_entry(rolex_draft(characteristics=(('Boîtier', 'Acier'), ('Lunette', ' '))), MANAGER)
    assert failure.value.errors['characteristics.1.value'].key == 'validation.required'


def test_missing_fields_are_all_named(database: str) -> None:
    with pytest.raises(ValidationFailed) as failure:
        wishlists.create_entry(WishlistDraft(customer_number=None, branch_id=None, category='', status='lost',
                                             priority=9), MANAGER)
    assert set(failure.value.errors) == {'customer', 'branch', 'category', 'brand', 'model', 'reference',
                                         'priority', 'status'}


def test_unknown_customer_is_refused_with_its_number(database: str) -> None:
    with pytest.raises(ValidationFailed) as failure:
        wishlists.create_entry(rolex_draft(customer_number=999999), MANAGER)
    assert failure.value.errors['customer'].key == 'backoffice.customer_unknown'
    assert failure.value.errors['customer'].params == {'number': 999999}


def test_staff_may_read_but_not_create_edit_or_print(database: str) -> None:
    assert wishlists.entry_card(3).customer.name == 'Kim Tschantre'
    with pytest.raises(AccessDenied):
        wishlists.create_entry(rolex_draft(), STAFF)
    with pytest.raises(AccessDenied):
        wishlists.update_entry(3, wishlists.entry_draft(3), STAFF)
    with pytest.raises(AccessDenied):
        wishlists.wishlist_letter_pdf(3, STAFF)
    with pytest.raises(AccessDenied):
        wishlists.add_event(3, kind='note', occurred_on=date.today(), employee_id=ANDRE, remarks='', actor=STAFF)
    with unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(WishlistEntry)) == 5


def test_editing_changes_the_entry_and_raises_its_version(database: str) -> None:
    draft = wishlists.entry_draft(3)
    version = wishlists.update_entry(3, replace(draft, status='assigned', priority=1, remarks='Pièce réservée'),
                                     MANAGER)
    card = wishlists.entry_card(3)
    assert (card.status, card.priority, card.remarks, card.version) == ('assigned', 1, 'Pièce réservée', version)
    assert version == draft.version + 1


def test_a_save_over_someone_elses_change_is_a_conflict(database: str) -> None:
    opened_by_camille = wishlists.entry_draft(3)
    opened_by_luc = wishlists.entry_draft(3)
    wishlists.update_entry(3, replace(opened_by_camille, brand='Tudor'), MANAGER)
    with pytest.raises(Conflict):
        wishlists.update_entry(3, replace(opened_by_luc, remarks='Ecrasé ?'), MANAGER)
    card = wishlists.entry_card(3)
    assert (card.article.brand, card.remarks) == ('Tudor', '')


def test_an_article_only_change_also_raises_the_version(database: str) -> None:
    draft = wishlists.entry_draft(3)
    assert wishlists.update_entry(3, replace(draft, characteristics=draft.characteristics[:2]), MANAGER) \
        == draft.version + 1


def test_unknown_entry_is_not_found(database: str) -> None:
    with pytest.raises(NotFound):
        wishlists.entry_card(999)
    assert wishlists.wishlist_exists(3) and not wishlists.wishlist_exists(999)


# --- the card and its events -------------------------------------------------------------------------------


def test_card_shows_what_the_manual_shows(database: str) -> None:
    card = wishlists.entry_card(3)
    assert (card.branch, card.created_on, card.priority, card.status) == ('CMB Coppet', date(2022, 10, 7), 3,
                                                                          'waiting')
    assert (card.customer.name, card.customer.city, card.customer.phone, card.customer.first_contact) == (
        'Kim Tschantre', 'New York, NY', '+41 44 614 51 11', date(2013, 8, 30))
    assert (card.article.category, card.article.brand, card.article.model, card.article.reference) == (
        'Horlogerie | Montre', 'Rolex', 'Oyster Perpetual', 'M124300-0001')
    assert card.article.characteristics[0] == ('Boîtier', 'Acier')
    assert [(event.kind, event.employee) for event in card.events] == [('opened', 'Camille Dubois')]


def test_events_are_listed_newest_first(database: str) -> None:
    yesterday = datetime.now(SWISS_TIME).date() - timedelta(days=1)
    wishlists.add_event(3, kind='contact', occurred_on=yesterday, employee_id=ANDRE, remarks='Appelée',
                        actor=MANAGER)
    wishlists.add_event(3, kind='note', occurred_on=datetime.now(SWISS_TIME).date(), employee_id=CAMILLE,
                        remarks='', actor=MANAGER)
    events = wishlists.entry_events(3)
    assert [(event.kind, event.employee, event.creator) for event in events] == [
        ('note', 'Camille Dubois', 'Camille Dubois'), ('contact', 'André Cupolillo', 'Camille Dubois'),
        ('opened', 'Camille Dubois', 'Camille Dubois')]
    assert events[1].remarks == 'Appelée'


def test_event_in_the_future_or_of_an_unknown_kind_is_refused(database: str) -> None:
    tomorrow = datetime.now(SWISS_TIME).date() + timedelta(days=1)
    with pytest.raises(ValidationFailed) as failure:
        wishlists.add_event(3, kind='customer_signature', occurred_on=tomorrow, employee_id=ANDRE, remarks='',
                            actor=MANAGER)
    assert {field: message.key for field, message in failure.value.errors.items()} == {
        'kind': 'validation.not_in_list', 'date': 'backoffice.event_date_future'}


def test_manager_deletes_an_added_event_but_not_the_opening(database: str) -> None:
    added = wishlists.add_event(3, kind='reminder', occurred_on=datetime.now(SWISS_TIME).date(), employee_id=ANDRE,
                                remarks='', actor=MANAGER)
    with pytest.raises(AccessDenied):
        wishlists.delete_event(3, added.id, STAFF)
    wishlists.delete_event(3, added.id, MANAGER)
    events = wishlists.entry_events(3)
    assert [event.kind for event in events] == ['opened']
    with pytest.raises(ValidationFailed) as failure:
        wishlists.delete_event(3, events[0].id, MANAGER)
    assert failure.value.errors['event'].key == 'backoffice.event_protected'
    with pytest.raises(NotFound):
        wishlists.delete_event(4, events[0].id, MANAGER)  # an event of another entry


def test_an_event_day_is_read_as_a_swiss_date() -> None:
    assert parse_date('7.10.2022') == date(2022, 10, 7)
    assert parse_date('') is None
    with pytest.raises(ValidationFailed):
        parse_date('31.02.2024')
    with pytest.raises(ValidationFailed):
        parse_date('2024-02-01')  # typed, not picked: only the Swiss form
    assert parse_date('2024-02-01', picker_format=True) == date(2024, 2, 1)


# --- signing -----------------------------------------------------------------------------------------------


def test_signing_screen_shows_only_the_customer_name_and_the_article(database: str) -> None:
    view = wishlists.signing_view(3, 'fr')
    assert (view.customer_name, view.article.reference, view.closed) == ('Kim Tschantre', 'M124300-0001', False)
    assert view.texts['wishlist'].title == 'Je prends note des points suivants:'
    assert 'Place du Temple' not in repr(view)
    assert wishlists.signing_view(3, 'de').texts['wishlist'].language == 'de'


def test_the_signing_screen_is_read_beside_a_save_and_says_when_it_cannot_be_signed(database: str) -> None:
    with unit_of_work() as session:  # another tablet is saving: the screen opens all the same
        session.execute(update(WishlistEntry).where(WishlistEntry.number == 4).values(remarks='busy'))
        assert wishlists.signing_view(3, 'fr').signable
    with unit_of_work() as session:
        session.execute(delete(LegalText).where(LegalText.purpose == 'marketing'))
    assert not wishlists.signing_view(3, 'fr').signable  # a text to accept is missing in every language


def test_signing_records_three_consents_one_signature_and_the_event(database: str) -> None:
    signed = wishlists.sign_wishlist(3, **signing_answers(marketing=True), signature=handwritten_signature(),
                                     context=andre_at_coppet())
    with unit_of_work() as session:
        records = session.scalars(select(ConsentRecord).where(ConsentRecord.signature_id == signed.signature_id)
                                  .order_by(ConsentRecord.id)).all()
        assert [(record.purpose, record.accepted) for record in records] == [
            ('wishlist', True), ('legal', True), ('marketing', True)]
        entry_id = session.scalar(select(WishlistEntry.id).where(WishlistEntry.number == 3))
        assert {record.wishlist_entry_id for record in records} == {entry_id}
        assert {(record.employee_id, record.branch_id) for record in records} == {(ANDRE, COPPET)}
        assert all(record.text_version == 1 and len(record.text_sha256) == 64 for record in records)
        assert session.get(SignatureRecord, signed.signature_id).sha256 == handwritten_signature().sha256
        event = session.get(WishlistEvent, signed.event_id)
        assert (event.kind, event.employee_id, event.creator_id, event.entry_id) == (
            'customer_signature', ANDRE, ANDRE, entry_id)
    events = wishlists.entry_card(3).events
    assert [(event.kind, event.employee) for event in events] == [
        ('customer_signature', 'André Cupolillo'), ('opened', 'Camille Dubois')]
    assert events[0].occurred_at.astimezone(SWISS_TIME).date() == datetime.now(SWISS_TIME).date()
    assert wishlists.search_wishlists('3').rows[0].signed_on == datetime.now(SWISS_TIME).date()


def test_signing_without_the_acknowledgement_is_refused_and_stores_nothing(database: str) -> None:
    with pytest.raises(ValidationFailed) as failure:
        wishlists.sign_wishlist(3, **signing_answers(acknowledged=False), signature=handwritten_signature(),
                                context=andre_at_coppet())
    assert set(failure.value.errors) == {'wishlist'}
    assert_nothing_signed()


def test_signing_without_a_signature_is_refused_and_stores_nothing(database: str) -> None:
    with pytest.raises(ValidationFailed) as failure:
        wishlists.sign_wishlist(3, **signing_answers(), signature=None, context=andre_at_coppet())
    assert failure.value.errors['signature'].key == 'signature.empty'
    assert_nothing_signed()


def test_signing_without_legal_consent_is_refused(database: str) -> None:
    with pytest.raises(ValidationFailed) as failure:
        wishlists.sign_wishlist(3, **signing_answers(legal=False), signature=handwritten_signature(),
                                context=andre_at_coppet())
    assert set(failure.value.errors) == {'legal'}
    assert_nothing_signed()


def test_a_failing_consent_leaves_no_event_behind(database: str) -> None:
    answers = signing_answers()
    answers['text_ids'] = {**answers['text_ids'], 'marketing': answers['text_ids']['legal']}  # a wrong text
    with pytest.raises(ValidationFailed):
        wishlists.sign_wishlist(3, **answers, signature=handwritten_signature(), context=andre_at_coppet())
    assert_nothing_signed()


def test_a_cancelled_entry_cannot_be_signed(database: str) -> None:
    wishlists.update_entry(3, replace(wishlists.entry_draft(3), status='cancelled'), MANAGER)
    assert wishlists.signing_view(3, 'fr').closed and not wishlists.signing_view(3, 'fr').signable
    with pytest.raises(ValidationFailed) as failure:
        wishlists.sign_wishlist(3, **signing_answers(), signature=handwritten_signature(), context=andre_at_coppet())
    assert set(failure.value.errors) == {'entry'}


def assert_nothing_signed() -> None:
    with unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ConsentRecord)) == 0
        assert session.scalar(select(func.count()).select_from(SignatureRecord)) == 0
        assert session.scalar(select(func.count()).select_from(WishlistEvent)
                              .where(WishlistEvent.kind == 'customer_signature')) == 0


# --- the request letter, read back from the PDF ---------------------------------------------------------------


def test_letter_of_the_demo_entry_prints_what_the_manual_shows(database: str) -> None:
    pdf = wishlists.wishlist_letter_pdf(3, MANAGER)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = pdf_text(pdf)
    for expected in ('Demande', 'Kim Tschantre', 'Coppet, 07.10.2022', 'M124300-0001', 'Boîtier: Acier',
                     'Etanchéité (m): 100', 'Montre Rolex Oyster Perpetual', 'Je prends note des points suivants'):
        assert expected in text
    fonts = [font.get_object() for font in reader.pages[0]['/Resources']['/Font'].values()]
    assert fonts and all('/FontFile2' in font['/FontDescriptor'].get_object() for font in fonts)


def test_signed_letter_carries_the_signing_date(database: str) -> None:
    wishlists.sign_wishlist(3, **signing_answers(), signature=handwritten_signature(), context=andre_at_coppet())
    text = pdf_text(wishlists.wishlist_letter_pdf(3, MANAGER))
    assert f'Signé le {datetime.now(SWISS_TIME):%d.%m.%Y}' in text


def test_hostile_text_in_the_entry_prints_literally(database: str) -> None:
    with unit_of_work() as session:
        customer = session.scalar(select(Customer).where(Customer.number == 202355))
        customer.company = 'AT&T <b>Bold</b>'
    number = wishlists.create_entry(rolex_draft(
        customer_number=202355, model='<img src=x onerror=alert(1)>',
        characteristics=(('Remarque', '<b>gras</b> & co'),)), MANAGER)
    text = pdf_text(wishlists.wishlist_letter_pdf(number, MANAGER))
    for literal in ('AT&T <b>Bold</b>', '<img src=x onerror=alert(1)>', 'Remarque: <b>gras</b> & co', 'Łukasik'):
        assert literal in text


def test_german_customer_gets_a_german_letter(database: str) -> None:
    text = pdf_text(wishlists.wishlist_letter_pdf(1, MANAGER))  # Anna Müller, correspondence in German
    assert 'Anfrage' in text and 'Referenz' in text
    assert 'Demande' not in text


def test_several_entries_print_as_one_pdf_one_page_each(database: str) -> None:
    pdf = wishlists.wishlist_letters_pdf([3, 1, 3], MANAGER)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert 'Kim Tschantre' in reader.pages[0].extract_text()
    assert 'Müller' in reader.pages[1].extract_text()
    with pytest.raises(ValidationFailed):
        wishlists.wishlist_letters_pdf([], MANAGER)
    with pytest.raises(NotFound):
        wishlists.wishlist_letters_pdf([3, 999], MANAGER)



def test_a_batch_of_letters_is_read_in_a_few_queries_that_take_no_write_lock(database: str) -> None:
    numbers = [wishlists.create_entry(rolex_draft(model=f'Submariner {index}'), MANAGER) for index in range(40)]
    wishlists.sign_wishlist(numbers[5], **signing_answers(), signature=handwritten_signature(),
                            context=andre_at_coppet())
    wanted = [3, *numbers, 1]
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement.lstrip().split(None, 1)[0].upper())

    event.listen(db.engine(), 'before_cursor_execute', record)
    try:
        pdf = wishlists.wishlist_letters_pdf(wanted, MANAGER)
    finally:
        event.remove(db.engine(), 'before_cursor_execute', record)

    assert len(statements) <= 15, statements  # six per entry before: 252
    assert set(statements) <= {'SELECT', 'BEGIN'}, statements  # read only: SQLite's BEGIN IMMEDIATE never runs
    pages = [' '.join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == len(wanted)
    assert 'Kim Tschantre' in pages[0] and 'Müller' in pages[-1]
    assert all(f'Submariner {index}' in pages[1 + index] for index in range(40))
    signed_on = f'Signé le {datetime.now(SWISS_TIME):%d.%m.%Y}'
    assert [signed_on in page for page in pages[1:-1]] == [index == 5 for index in range(40)]

def test_demo_employees_are_the_ones_the_tests_name(database: str) -> None:
    with unit_of_work() as session:
        assert session.get(Employee, ANDRE).display_name == 'André Cupolillo'
        assert session.get(Employee, CAMILLE).display_name == 'Camille Dubois'

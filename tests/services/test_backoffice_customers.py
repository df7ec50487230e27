"""The back office's customers: search, the card, withdrawing marketing consent, the nLPD data export.

Every test runs on a fresh demo database (SQLite, and PostgreSQL when configured). Demo customers: 202350 Anna
Müller (Zürich), 202351 Luca Bernasconi (Lugano), 202352 Élodie Favre (Genève), 202353 James Whitfield (London),
202354 Sophie Dufour (Lausanne), 202355 Marek Łukasik (Thalwil), 202356 Kim Tschantre (wishlist entry 3).
"""

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import event, func, select, text, update

from customer_pad import db
from customer_pad.db import unit_of_work
from customer_pad.errors import NotFound, ValidationFailed
from customer_pad.evidence import verify_evidence
from customer_pad.legal_texts import legal_text_sha256
from customer_pad.search import fold_for_search
from customer_pad.services import backoffice_customers
from customer_pad.services.backoffice_customers import (
    customer_card,
    customer_data,
    export_customer_data,
    search_customers,
    withdraw_marketing_consent,
)
from customer_pad.services.consents import SigningContext, record_consents
from customer_pad.services.customers import customer_screen_interests
from models import Article, Base, ConsentRecord, Customer, LegalText, WishlistEntry, WishlistEvent
from tests.support.backoffice import (
    ANDRE,
    CAMILLE,
    CAMILLE_AT_COPPET,
    COPPET,
    correct_customer,
    handwritten_signature,
    new_customer,
    text_ids,
)

DEMO_NUMBERS = [202351, 202354, 202352, 202355, 202350, 202356, 202353]  # by last name


def numbers(query: str, page: int = 1, page_size: int = 20) -> list[int]:
    return [row.number for row in search_customers(query, page, page_size).rows]


# --- search ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(('query', 'found'), [
    ('dufour', [202354]),
    ('DUFOUR', [202354]),
    ('Dufour', [202354]),
    ('geneve', [202352]),
    ('GENÈVE', [202352]),
    ('zurich', [202350]),
    ('muller', [202350]),
    ('müller anna', [202350]),
    ('lukasik', [202355]),
    ('łukasik', [202355]),
    ('favre elodie', [202352]),
    ('élodie favre', [202352]),
    ('kim t', [202356]),
    ('new york', [202356]),
    ('anna.mueller@', [202350]),
    ('SOPHIE.DUFOUR@EXAMPLE.CH', [202354]),
    ('202354', [202354]),
    ('nobody', []),
])
def test_search_ignores_case_and_accents(database: str, query: str, found: list[int]) -> None:
    assert numbers(query) == found


def test_search_by_the_start_of_a_customer_number(database: str) -> None:
    assert numbers('20235') == DEMO_NUMBERS
    assert numbers(' 202 35 ') == DEMO_NUMBERS


def test_search_finds_seven_digit_numbers_by_their_start(database: str) -> None:
    with unit_of_work() as session:
        session.scalars(select(Customer).where(Customer.number == 202356)).one().number = 1_000_000

    assert numbers('1000000') == [1_000_000]
    assert numbers('100000') == [1_000_000]
    assert numbers('202356') == []


def test_empty_search_lists_every_customer_by_name(database: str) -> None:
    assert numbers('') == DEMO_NUMBERS


def test_search_is_paged_with_the_total(database: str) -> None:
    first = search_customers('', page=1, page_size=3)
    assert (first.total, first.page, first.page_count) == (7, 1, 3)
    pages = [numbers('', page, 3) for page in (1, 2, 3)]
    assert pages == [DEMO_NUMBERS[:3], DEMO_NUMBERS[3:6], DEMO_NUMBERS[6:]]
    beyond = search_customers('', page=9, page_size=3)
    assert (beyond.page, [row.number for row in beyond.rows]) == (3, DEMO_NUMBERS[6:])


def _add_customers(rows: list[dict[str, str]]) -> None:
    """Customers written straight into the table (the search reads only these columns)."""
    with unit_of_work() as session:
        first = (session.scalar(select(func.max(Customer.number))) or 0) + 1
        for offset, row in enumerate(rows):
            session.add(Customer(number=first + offset, first_name='', last_name=row['name'], language='fr',
                                 street='Rue du Lac 1', postal_code='1296', city=row['city'], email=row['email'],
                                 search_name=fold_for_search(row['name']), search_city=fold_for_search(row['city']),
                                 search_email=fold_for_search(row['email'])))


def test_pages_merge_the_name_town_and_email_matches_by_name(database: str) -> None:
    """Each branch of the search reads only as far as the page needs: the pages still hold every match once,
    by name, whichever branch found it and wherever the branches interleave."""
    rows = []
    for index in range(9):
        rows.append({'name': f'Morges {index:02d}', 'city': 'Nyon', 'email': f'a{index}@example.ch'})
        rows.append({'name': f'Mo {index:02d}', 'city': 'Morges', 'email': f'b{index}@example.ch'})
        rows.append({'name': f'Mz {index:02d}', 'city': 'Rolle', 'email': f'morges{index}@example.ch'})
    rows.append({'name': 'Morges Double', 'city': 'Morges', 'email': 'morges.double@example.ch'})  # every branch
    _add_customers(rows)
    expected = sorted((row['name'] for row in rows), key=fold_for_search)

    names = [[row.name for row in search_customers('morges', page, 4).rows] for page in range(1, 8)]

    assert [name for page in names for name in page] == expected
    assert [len(page) for page in names] == [4, 4, 4, 4, 4, 4, 4]
    assert search_customers('morges', 1, 4).total == 28
    last = search_customers('morges', 99, 4)
    assert (last.page, last.page_count, [row.name for row in last.rows]) == (7, 7, expected[24:])


def test_the_count_stops_at_the_cap_and_says_there_are_more(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backoffice_customers, 'COUNT_CAP', 5)
    backoffice_customers._search_statements.cache_clear()
    _add_customers([{'name': f'Zbinden {index}', 'city': 'Zug', 'email': f'z{index}@example.ch'} for index in range(6)])
    try:
        capped = search_customers('zbinden', 1, 2)
        exact = search_customers('zbinden 5', 1, 2)
        beyond = search_customers('zbinden', 9, 2)
        everyone = search_customers('', 1, 2)
    finally:
        backoffice_customers._search_statements.cache_clear()

    assert (capped.total, capped.more, capped.page_count) == (5, True, 3)
    assert (exact.total, exact.more) == (1, False)
    assert (beyond.page, [row.name for row in beyond.rows]) == (3, ['Zbinden 4', 'Zbinden 5'])
    assert (everyone.total, everyone.more) == (5, True)


def test_an_uncounted_search_reads_only_its_page(database: str) -> None:
    _add_customers([{'name': f'Zbinden {index}', 'city': 'Zug', 'email': f'z{index}@example.ch'} for index in range(6)])
    statements: list[str] = []

    def capture(_connection, _cursor, statement, _parameters, _context, _executemany) -> None:
        statements.append(statement)

    event.listen(db.engine(), 'before_cursor_execute', capture)
    try:
        found = search_customers('zbinden', 1, 4, counted=False)
    finally:
        event.remove(db.engine(), 'before_cursor_execute', capture)
    assert ([row.name for row in found.rows], found.total, found.more) == (
        ['Zbinden 0', 'Zbinden 1', 'Zbinden 2', 'Zbinden 3'], 4, True)
    assert len([statement for statement in statements if 'FROM customer' in statement]) == 1  # no count


def test_search_rows_say_whether_the_customer_accepts_marketing(database: str) -> None:
    accepting = new_customer(marketing=True, last_name='Dufour', first_name='Geoffrey')
    declining = new_customer(marketing=False, last_name='Dufourmantelle', first_name='Chloé')
    rows = {row.number: row for row in search_customers('dufour').rows}
    assert rows[accepting.number].marketing is True
    assert rows[declining.number].marketing is False
    assert rows[202354].marketing is False  # never asked
    assert rows[accepting.number].name == 'Geoffrey Dufour'


def test_customer_saved_through_the_wizard_is_found_by_its_town_and_its_new_town(database: str) -> None:
    saved = new_customer(city='Neuchâtel', postal_code='2000', email='Geoffrey.Dufour@Example.ch')
    assert numbers('neuchatel') == [saved.number]
    assert numbers('geoffrey.dufour@example') == [saved.number]
    correct_customer(saved, city='Délémont', postal_code='2800')
    assert numbers('delemont') == [saved.number]
    assert numbers('neuchatel') == []


def test_search_reads_folded_indexes_instead_of_scanning_the_customer_table(database: str) -> None:
    """Each term is a range on an indexed, folded column: the plan never reads the whole customer table."""
    statements: list[tuple[str, object]] = []

    def capture(_connection, _cursor, statement, parameters, _context, _executemany) -> None:
        if 'FROM customer' in statement:
            statements.append((statement, parameters))

    event.listen(db.engine(), 'before_cursor_execute', capture)
    try:
        for query in ('geneve', 'kim t', 'anna.m', '20235', 'nobody'):
            search_customers(query)
        search_customers('20235', page_size=3)  # a full page: the matches are counted
    finally:
        event.remove(db.engine(), 'before_cursor_execute', capture)
    assert len(statements) == 7  # a page per search; the count only when the page is full
    postgresql = db.engine().dialect.name == 'postgresql'
    with db.engine().connect() as connection:
        if postgresql:
            connection.exec_driver_sql('SET enable_seqscan = off')  # the demo table is tiny: judge the indexes
        for statement, parameters in statements:
            prefix = 'EXPLAIN ' if postgresql else 'EXPLAIN QUERY PLAN '
            plan = '\n'.join(str(row[-1]) for row in connection.exec_driver_sql(prefix + statement, parameters))
            assert 'Seq Scan on customer' not in plan
            assert 'SCAN customer' not in plan.replace('SCAN customer USING COVERING', '')
            assert 'ix_customer_search_' in plan or 'uq_customer_number' in plan


# --- the card --------------------------------------------------------------------------------------------------


def test_card_shows_data_contacts_interests_advisor_wishlist(database: str) -> None:
    card = customer_card(202356, 'fr')
    assert (card.first_name, card.last_name, card.city, card.sales_advisor, card.branch) == (
        'Kim', 'Tschantre', 'New York, NY', 'André Cupolillo', 'CMB Coppet')
    assert card.contacts == (('phone_private', '+41446145111'),)
    assert [(entry.number, entry.brand, entry.model, entry.status) for entry in card.wishlist] == [
        (3, 'Rolex', 'Oyster Perpetual', 'waiting')]
    assert customer_card(202350, 'de').interests == ('Golf', 'Kunst')
    assert customer_card(202350, 'fr').interests == ('Art', 'Golf')


def test_card_shows_every_consent_with_its_signature_and_the_history(database: str) -> None:
    saved = new_customer(marketing=True)
    correct_customer(saved, marketing=False, street='Rue de Lausanne 12', postal_code='1202')
    card = customer_card(saved.number, 'fr')
    assert [(entry.purpose, entry.accepted) for entry in card.consents] == [
        ('marketing', False), ('legal', True), ('marketing', True), ('legal', True)]
    assert all(entry.employee == 'André Cupolillo' and entry.branch == 'CMB Coppet' for entry in card.consents)
    assert all(entry.text_version == 1 and entry.text_verified for entry in card.consents)
    assert set(card.signatures) == {entry.signature_id for entry in card.consents}
    assert all(svg.startswith('<svg') and '<path' in svg for svg in card.signatures.values())
    assert {(change.field, change.old_value, change.new_value, change.employee) for change in card.history} == {
        ('street', 'Rue des Charmilles 23', 'Rue de Lausanne 12', 'André Cupolillo'),
        ('postal_code', '1201', '1202', 'André Cupolillo'),
        ('created', None, str(saved.number), 'André Cupolillo')}
    assert card.history[-1].field == 'created'  # newest first
    assert card.marketing_opted_in is False


def test_card_flags_a_consent_whose_legal_text_was_changed_behind_its_back(database: str) -> None:
    saved = new_customer()
    legal_id = text_ids()['legal']
    with unit_of_work() as session:  # what a tamperer would do: the texts are never edited by the app
        session.execute(update(LegalText).where(LegalText.id == legal_id).values(body='Another text'))
    card = customer_card(saved.number, 'fr')
    verdicts = {entry.purpose: entry.text_verified for entry in card.consents}
    assert verdicts == {'legal': False, 'marketing': True}


def test_card_of_an_unknown_customer_is_not_found(database: str) -> None:
    with pytest.raises(NotFound):
        customer_card(999999, 'fr')


# --- withdrawal ------------------------------------------------------------------------------------------------


def consent_rows(customer_number: int) -> list[tuple]:
    with unit_of_work() as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == customer_number))
        return [(record.id, record.purpose, record.accepted, record.withdrawal, record.reason, record.signature_id,
                 record.legal_text_id, record.recorded_at, record.employee_id, record.fingerprint)
                for record in session.scalars(select(ConsentRecord).where(ConsentRecord.customer_id == customer_id)
                                              .order_by(ConsentRecord.id))]


def test_withdrawal_is_recorded_as_a_new_record_and_nothing_earlier_is_rewritten(database: str) -> None:
    saved = new_customer(marketing=True)
    before = consent_rows(saved.number)
    assert customer_card(saved.number, 'fr').marketing_opted_in is True

    entry = withdraw_marketing_consent(saved.number, '  Asked by phone:  no more  advertising ', CAMILLE_AT_COPPET)

    after = consent_rows(saved.number)
    assert after[:-1] == before
    _, purpose, accepted, withdrawal, reason, signature_id, legal_text_id, _, employee_id, _ = after[-1]
    assert (purpose, accepted, withdrawal, reason, signature_id, legal_text_id, employee_id) == (
        'marketing', False, True, 'Asked by phone: no more advertising', None, None, CAMILLE)
    assert (entry.withdrawal, entry.employee, entry.branch, entry.reason) == (
        True, 'Camille Dubois', 'CMB Coppet', 'Asked by phone: no more advertising')
    assert customer_card(saved.number, 'fr').marketing_opted_in is False
    assert verify_evidence() == []


def test_withdrawal_needs_a_reason(database: str) -> None:
    saved = new_customer(marketing=True)
    before = consent_rows(saved.number)
    with pytest.raises(ValidationFailed) as refused:
        withdraw_marketing_consent(saved.number, '   ', CAMILLE_AT_COPPET)
    assert refused.value.errors['reason'].key == 'validation.required'
    assert consent_rows(saved.number) == before


def test_a_customer_without_marketing_consent_has_nothing_to_withdraw(database: str) -> None:
    declined = new_customer(marketing=False)
    for number in (declined.number, 202350):
        with pytest.raises(ValidationFailed) as refused:
            withdraw_marketing_consent(number, 'by letter', CAMILLE_AT_COPPET)
        assert refused.value.errors['withdrawal'].key == 'admin.customers.not_opted_in'
    saved = new_customer(marketing=True, last_name='Favre')
    withdraw_marketing_consent(saved.number, 'by letter', CAMILLE_AT_COPPET)
    with pytest.raises(ValidationFailed):
        withdraw_marketing_consent(saved.number, 'again', CAMILLE_AT_COPPET)


def test_signing_again_with_marketing_after_a_withdrawal_opts_the_customer_in_again(database: str) -> None:
    saved = new_customer(marketing=True)
    withdraw_marketing_consent(saved.number, 'by e-mail', CAMILLE_AT_COPPET)
    correct_customer(saved, marketing=True)
    assert customer_card(saved.number, 'fr').marketing_opted_in is True


# --- the nLPD export -------------------------------------------------------------------------------------------


def tables_holding_customer_data() -> set[str]:
    """From the metadata: every table with a foreign key to `customer`, directly or through such a table, and the
    signature the consent records point at."""
    found = {'customer'}
    grown = True
    while grown:
        grown = False
        for table in Base.metadata.sorted_tables:
            if table.name not in found and any(key.column.table.name in found for key in table.foreign_keys):
                found.add(table.name)
                grown = True
    return found | {'signature'}


def customer_with_everything() -> int:
    """A customer with contacts, interests, two signings, a withdrawal, a history, and a wishlist entry with an
    event and a signing of its own."""
    golf, art = (next(choice.id for choice in customer_screen_interests('fr') if choice.name == name)
                 for name in ('Golf', 'Art'))
    saved = new_customer(marketing=True, interest_ids=[golf])
    correct_customer(saved, marketing=True, mobile='079 765 43 21', interest_ids=[golf, art])
    withdraw_marketing_consent(saved.number, 'by phone', CAMILLE_AT_COPPET)
    shown_texts = text_ids()
    with unit_of_work() as session:
        customer = session.scalars(select(Customer).where(Customer.number == saved.number)).one()
        entry = WishlistEntry(number=90, customer_id=customer.id, branch_id=COPPET, created_on=date(2024, 5, 2),
                              created_by_id=CAMILLE, article=Article(category='Horlogerie | Montre', brand='Tudor',
                                                                     model='Black Bay', reference='M79230N-0009'))
        entry.events.append(WishlistEvent(kind='opened', employee_id=CAMILLE, creator_id=CAMILLE))
        session.add(entry)
        session.flush()
        record_consents(session, customer=customer, choices=(('wishlist', True), ('legal', True)),
                        text_ids=shown_texts, signature=handwritten_signature(),
                        context=SigningContext(employee_id=ANDRE, branch_id=COPPET), wishlist_entry_id=entry.id)
    return saved.number


def test_export_holds_every_table_that_refers_to_the_customer(database: str) -> None:
    number = customer_with_everything()
    document = customer_data(number)
    expected = tables_holding_customer_data()
    assert set(document['tables']) == expected
    assert all(document['tables'][name] for name in expected), 'every table has at least one row of this customer'
    tables = document['tables']
    assert len(tables['consent_record']) == 2 + 2 + 1 + 2
    assert len(tables['signature']) == 3
    assert [row['kind'] for row in tables['wishlist_event']] == ['opened']
    assert {row['field'] for row in tables['customer_change']} >= {'created', 'mobile', 'interests'}
    customer_id = tables['customer'][0]['id']
    assert all(row['customer_id'] == customer_id for name in ('customer_contact', 'customer_interest',
                                                              'customer_change', 'consent_record', 'wishlist_entry')
               for row in tables[name]), 'no row of another customer'



def test_export_draws_no_signature_its_summary_does_not_print(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    number = customer_with_everything()

    def no_drawing(*_args: object) -> str:
        raise AssertionError('the export drew a signature it does not print')

    monkeypatch.setattr(backoffice_customers, 'signature_svg', no_drawing)
    assert customer_data(number)['tables']['signature']  # the signatures are exported, as data

def test_export_rows_carry_every_column_of_their_table(database: str) -> None:
    document = customer_data(customer_with_everything())
    for name, rows in document['tables'].items():
        columns = set(Base.metadata.tables[name].columns.keys())
        assert all(set(row) == columns for row in rows), name
    assert document['tables']['customer'][0]['email'] == 'geoffrey.dufour@bluewin.ch'
    assert {row['display_name'] for row in document['referenced']['employee']} == {'André Cupolillo',
                                                                                 'Camille Dubois'}
    assert [row['brand'] for row in document['referenced']['article']] == ['Tudor']
    assert {row['name_fr'] for row in document['referenced']['marketing_list']} == {'Golf', 'Art'}


def test_exported_consents_carry_hashes_that_verify(database: str) -> None:
    document = customer_data(customer_with_everything())
    texts = {row['id']: row for row in document['referenced']['legal_text']}
    signatures = {row['id']: row for row in document['tables']['signature']}
    for record in document['tables']['consent_record']:
        if record['withdrawal']:
            assert (record['legal_text_id'], record['signature_id'], record['reason']) == (None, None, 'by phone')
            continue
        accepted_text = texts[record['legal_text_id']]
        assert record['text_sha256'] == accepted_text['sha256'] == legal_text_sha256(accepted_text['title'],
                                                                                      accepted_text['body'])
        drawn = signatures[record['signature_id']]
        assert hashlib.sha256(drawn['strokes_json'].encode()).hexdigest() == drawn['sha256']
        assert len(record['fingerprint']) == 64


def test_export_is_one_zip_with_the_json_and_a_pdf_summary_in_the_customers_language(database: str) -> None:
    saved = new_customer(language='de', first_name='Jürgen', last_name='Nägeli', city='Zürich', postal_code='8001')
    correct_customer(saved, language='de', first_name='Jürgen', last_name='Nägeli', city='Zürich',
                     postal_code='8002')
    withdraw_marketing_consent(saved.number, 'Telefonanruf', CAMILLE_AT_COPPET)
    export = export_customer_data(saved.number)
    assert export.filename.startswith(f'kundendaten-{saved.number}-') and export.filename.endswith('.zip')
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        names = sorted(archive.namelist())
        assert [name.rsplit('.', 1)[1] for name in names] == ['json', 'pdf']
        document = json.loads(archive.read(names[0]))
        pdf = PdfReader(io.BytesIO(archive.read(names[1])))
    assert document['customer_number'] == saved.number
    assert document['tables']['customer'][0]['last_name'] == 'Nägeli'
    text = '\n'.join(page.extract_text() for page in pdf.pages)
    for expected in ('Ihre Personendaten', 'Jürgen Nägeli', 'Einwilligungen', 'widerrufen', 'Telefonanruf',
                     'Änderungsverlauf', '8001 → 8002', 'Kunde erfasst', 'JSON',
                     '+41 22 776 12 34 · coppet@example.ch'):  # the letterhead as on the letters
        assert expected in text, expected



def test_export_summary_prints_phone_numbers_grouped(database: str) -> None:
    with zipfile.ZipFile(io.BytesIO(export_customer_data(202356).content)) as archive:
        pdf = PdfReader(io.BytesIO(archive.read(next(name for name in archive.namelist() if name.endswith('.pdf')))))
        document = json.loads(archive.read(next(name for name in archive.namelist() if name.endswith('.json'))))
    assert '+41 44 614 51 11' in '\n'.join(page.extract_text() for page in pdf.pages)
    assert document['tables']['customer_contact'][0]['value'] == '+41446145111'  # the data as stored

def test_export_of_an_unknown_customer_is_not_found(database: str) -> None:
    with pytest.raises(NotFound):
        export_customer_data(999999)


def test_export_does_not_change_the_database(database: str) -> None:
    number = customer_with_everything()
    with unit_of_work() as session:
        before = {table.name: session.execute(text(f'SELECT COUNT(*) FROM {table.name}')).scalar()
                  for table in Base.metadata.sorted_tables}
    export_customer_data(number)
    with unit_of_work() as session:
        after = {table.name: session.execute(text(f'SELECT COUNT(*) FROM {table.name}')).scalar()
                 for table in Base.metadata.sorted_tables}
    assert after == before

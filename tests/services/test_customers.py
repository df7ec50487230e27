"""The customer wizard's checks, creating a customer with consent, correcting one, and the evidence kept.

Every test runs on a fresh demo database (SQLite, and PostgreSQL when configured): the demo's highest customer
number is 202356, André Cupolillo (employee 1) works at CMB Coppet (branch 1).
"""

import json
import math
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import selectinload

from customer_pad.dates import format_date
from customer_pad.db import unit_of_work
from customer_pad.errors import Conflict, NotFound, ValidationFailed
from customer_pad.services import customers
from customer_pad.services.consents import (
    AppendOnlyViolation,
    RecordedConsent,
    SigningContext,
    consents_of_customer,
    current_legal_texts,
)
from customer_pad.services.customers import (
    STEPS,
    CustomerData,
    CustomerForm,
    SavedCustomer,
    check_form,
    create_customer,
    customer_history,
    customer_screen_interests,
    load_for_edit,
    merge_concurrent_edit,
    step_of_field,
    update_customer,
)
from customer_pad.services.staff import active_employees
from customer_pad.signatures import Signature, parse_signature
from customer_pad.validation import WEBSITE_MAX_LENGTH
from models import (
    Branch,
    ConsentRecord,
    Customer,
    CustomerChange,
    Employee,
    MarketingList,
    SignatureRecord,
)

ANDRE = 1
CAMILLE = 2
COPPET = 1
CONTEXT = SigningContext(employee_id=ANDRE, branch_id=COPPET, user_agent='pytest')
BOTH_ACCEPTED: tuple[tuple[str, bool], ...] = (('legal', True), ('marketing', True))
DEMO_HIGHEST_NUMBER = 202356
DUFOUR = DEMO_HIGHEST_NUMBER + 1
TOMORROW = format_date(date.today() + timedelta(days=1))
HEX_SHA256 = re.compile(r'[0-9a-f]{64}')


# --- helpers ----------------------------------------------------------------------------------------------


def handwritten_signature() -> Signature:
    """A signature as the pad sends it: an open capital G, a looping cursive run and an underline flourish."""

    def stroke(points: list[tuple[float, float]]) -> list[list[float]]:
        return [[round(x, 4), round(y, 4)] for x, y in points]

    capital = [(0.14 + 0.07 * math.cos(0.6 + index * 0.2), 0.45 + 0.25 * math.sin(0.6 + index * 0.2))
               for index in range(28)]
    run = [(0.25 + 0.6 * index / 160 - 0.015 * math.sin(index / 4), 0.55 - 0.06 * (1 + math.cos(index / 4)))
           for index in range(161)]
    underline = [(0.12 + 0.75 * index / 30, 0.85 - 0.04 * math.sin(math.pi * index / 30)) for index in range(31)]
    payload = {'v': 1, 'aspect': 2.5, 'strokes': [stroke(capital), stroke(run), stroke(underline)]}
    return parse_signature(json.dumps(payload, separators=(',', ':')))


def interest_ids(*names: str) -> list[int]:
    """The ids of the customer-screen interests with these French names."""
    by_name = {choice.name: choice.id for choice in customer_screen_interests('fr')}
    return [by_name[name] for name in names]


def marketing_list_id(name_fr: str) -> int:
    with unit_of_work() as session:
        return session.scalars(select(MarketingList.id).where(MarketingList.name_fr == name_fr)).one()


def text_ids(language: str = 'fr') -> dict[str, int]:
    """The ids of the legal texts the customer is shown, per purpose."""
    return {purpose: text.id for purpose, text in current_legal_texts(language).items()}


def dufour_form(**changes: object) -> CustomerForm:
    """The manual's example customer as typed into the wizard."""
    form = CustomerForm(
        salutation='mr', first_name='Geoffrey', last_name='Dufour', birth_date='23.09.1975', language='fr',
        sales_advisor_id=ANDRE, street='Rue des Charmilles 23', postal_code='1201', city='Genève', country_code='CH',
        email='geoffrey.dufour@bluewin.ch', mobile='079 123 45 67',
        contacts=[{'kind': 'website', 'value': 'www.dufour.com'}], interest_ids=interest_ids('Golf', 'Musique'))
    return replace(form, **changes)


def create_dufour(form: CustomerForm | None = None, choices: tuple[tuple[str, bool], ...] = BOTH_ACCEPTED,
                  context: SigningContext = CONTEXT) -> SavedCustomer:
    return create_customer(form or dufour_form(), choices, text_ids(), handwritten_signature(), context)


def correct(number: int, form: CustomerForm, version: int = 1,
            choices: tuple[tuple[str, bool], ...] = BOTH_ACCEPTED, context: SigningContext = CONTEXT) -> SavedCustomer:
    return update_customer(number, version, form, choices, text_ids(), handwritten_signature(), context)


def stored_customer(number: int) -> Customer:
    """The customer row with its contacts and interests loaded."""
    with unit_of_work() as session:
        return session.scalars(select(Customer).where(Customer.number == number).options(
            selectinload(Customer.contacts), selectinload(Customer.interests))).one()


def row_counts() -> dict[str, int]:
    """How many customers, history rows, consent records and signatures are stored."""
    with unit_of_work() as session:
        return {model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Customer, CustomerChange, ConsentRecord, SignatureRecord)}


def refusals(form: CustomerForm, steps: tuple[str, ...] | list[str] = STEPS) -> dict[str, str]:
    """Field name -> message key of everything `check_form` refuses."""
    with pytest.raises(ValidationFailed) as caught:
        check_form(form, steps)
    return {name: message.key for name, message in caught.value.errors.items()}


def accepted(form: CustomerForm) -> CustomerData:
    data = check_form(form)
    assert data is not None
    return data


# --- checks per wizard step -------------------------------------------------------------------------------


def test_manual_example_passes_every_step_normalised(database: str) -> None:
    data = accepted(dufour_form())

    assert (data.salutation, data.first_name, data.last_name) == ('mr', 'Geoffrey', 'Dufour')
    assert data.birth_date == date(1975, 9, 23)
    assert (data.street, data.postal_code, data.city, data.country_code) == (
        'Rue des Charmilles 23', '1201', 'Genève', 'CH')
    assert data.email == 'geoffrey.dufour@bluewin.ch'
    assert data.mobile == '+41791234567'
    assert data.contacts == (('website', 'www.dufour.com'),)
    assert data.interest_ids == tuple(interest_ids('Golf', 'Musique'))


@pytest.mark.parametrize(('field', 'typed', 'stored'), [
    ('salutation', 'ms', 'ms'),
    ('salutation', '', 'none'),
    ('title', ' Dr ', 'Dr'),
    ('first_name', '  Jean   Geoffrey ', 'Jean Geoffrey'),
    ('last_name', 'de  Montmollin', 'de Montmollin'),
    ('company', 'Dufour & Fils SA', 'Dufour & Fils SA'),
    ('birth_date', '23.9.1975', date(1975, 9, 23)),
    ('birth_date', '1975-09-23', date(1975, 9, 23)),
    ('birth_date', '', None),
    ('language', 'de', 'de'),
    ('street', 'Rue   des Charmilles 23', 'Rue des Charmilles 23'),
    ('po_box', 'Case postale 12', 'Case postale 12'),
    ('postal_code', ' 1201 ', '1201'),
    ('postal_code', 'CH-1201', '1201'),
    ('city', 'Genève', 'Genève'),
    ('email', 'Geoffrey.Dufour@BLUEWIN.CH', 'Geoffrey.Dufour@bluewin.ch'),
    ('mobile', '079 123 45 67', '+41791234567'),
    ('mobile', '+41 79 123 45 67', '+41791234567'),
    ('mobile', '0041791234567', '+41791234567'),
    ('mobile', '', None),
])
def test_good_values_are_accepted_and_normalised(database: str, field: str, typed: str, stored: object) -> None:
    assert getattr(accepted(dufour_form(**{field: typed})), field) == stored


@pytest.mark.parametrize(('field', 'typed', 'key'), [
    ('salutation', 'sir', 'validation.not_in_list'),
    ('title', 'x' * 61, 'validation.too_long'),
    ('first_name', 'Geof\x00frey', 'validation.control_characters'),
    ('last_name', '', 'validation.required'),
    ('last_name', '   ', 'validation.required'),
    ('last_name', 'x' * 81, 'validation.too_long'),
    ('birth_date', TOMORROW, 'validation.birth_date_in_future'),
    ('birth_date', '31.02.1975', 'validation.date_does_not_exist'),
    ('birth_date', '23/09/1975', 'validation.date_format'),
    ('birth_date', '01.01.1850', 'validation.birth_date_implausible'),
    ('language', 'es', 'validation.not_in_list'),
    ('street', '', 'validation.required'),
    ('postal_code', '', 'validation.required'),
    ('postal_code', '120', 'validation.postal_code_ch'),
    ('postal_code', '12011', 'validation.postal_code_ch'),
    ('postal_code', 'GE12', 'validation.postal_code_ch'),
    ('city', '', 'validation.required'),
    ('email', '', 'validation.required'),
    ('email', 'geoffrey.dufour@', 'validation.email_invalid'),
    ('email', 'geoffrey dufour@bluewin.ch', 'validation.email_invalid'),
    ('mobile', '079 123', 'validation.mobile_invalid'),
    ('mobile', '022 310 10 10', 'validation.not_a_mobile'),
    ('mobile', '079 FLOWERS', 'validation.phone_unreadable'),
])
def test_bad_value_is_refused_under_its_field_name(database: str, field: str, typed: str, key: str) -> None:
    assert refusals(dufour_form(**{field: typed})) == {field: key}


def test_missing_required_fields_are_all_reported_at_once(database: str) -> None:
    form = CustomerForm()

    assert refusals(form) == {
        'last_name': 'validation.required',
        'street': 'validation.required',
        'postal_code': 'validation.required',
        'city': 'validation.required',
        'email': 'validation.required',
    }


@pytest.mark.parametrize(('step', 'reported'), [
    ('client', {'last_name'}),
    ('address', {'street', 'postal_code', 'city'}),
    ('contacts', {'email'}),
    ('interests', set()),
    ('confirmation', set()),
])
def test_each_step_reports_only_its_own_fields(database: str, step: str, reported: set[str]) -> None:
    form = CustomerForm()

    if reported:
        assert set(refusals(form, [step])) == reported
    else:
        assert check_form(form, [step]) is None


def test_client_step_does_not_complain_about_a_missing_street(database: str) -> None:
    form = dufour_form(street='', city='', email='')

    assert check_form(form, ['client']) is None
    assert set(refusals(form, ['client', 'address'])) == {'street', 'city'}


def test_german_address_with_a_german_mobile_is_accepted(database: str) -> None:
    data = accepted(dufour_form(street='Invalidenstraße 117', postal_code='10115', city='Berlin', country_code='DE',
                                mobile='0151 23456789'))

    assert (data.postal_code, data.city, data.country_code) == ('10115', 'Berlin', 'DE')
    assert data.mobile == '+4915123456789'


def test_uk_postcode_is_stored_in_its_usual_layout(database: str) -> None:
    data = accepted(dufour_form(street='10 Downing Street', postal_code='sw1a1aa', city='London', country_code='GB',
                                mobile='07911 123456'))

    assert (data.postal_code, data.country_code, data.mobile) == ('SW1A 1AA', 'GB', '+447911123456')


def test_swiss_mobile_typed_with_its_country_code_is_accepted_for_a_customer_abroad(database: str) -> None:
    data = accepted(dufour_form(postal_code='10115', city='Berlin', country_code='DE', mobile='+41 79 123 45 67'))

    assert data.mobile == '+41791234567'


def test_postal_code_rule_follows_the_country(database: str) -> None:
    assert refusals(dufour_form(postal_code='10115', country_code='CH')) == {'postal_code': 'validation.postal_code_ch'}
    assert refusals(dufour_form(postal_code='1201', country_code='DE', mobile='+41 79 123 45 67')) == {
        'postal_code': 'validation.postal_code_format'}


@pytest.mark.parametrize('country_code', ['XX', 'EU', ''])
def test_country_must_be_a_real_one(database: str, country_code: str) -> None:
    expected = 'validation.required' if not country_code else 'validation.not_in_list'

    assert refusals(dufour_form(country_code=country_code, mobile='+41 79 123 45 67'), ['address']) == {
        'country_code': expected}


def test_mobile_is_read_in_the_customers_country_even_when_the_code_is_typed_in_lower_case(database: str) -> None:
    # check_form accepts 'de' as the country (stored as 'DE'), so the mobile must be read in Germany too
    data = accepted(dufour_form(postal_code='10115', city='Berlin', country_code='de', mobile='0151 23456789'))

    assert (data.country_code, data.mobile) == ('DE', '+4915123456789')


def test_contact_rows_are_checked_and_normalised_by_their_type(database: str) -> None:
    data = accepted(dufour_form(contacts=[
        {'kind': 'website', 'value': 'HTTPS://WWW.Dufour.com/atelier'},
        {'kind': 'phone_business', 'value': '022 310 10 10'},
        {'kind': 'fax', 'value': '022 310 10 11'},
        {'kind': 'email_secondary', 'value': 'atelier@Dufour.COM'},
        {'kind': 'other', 'value': '  Skype:  gdufour '},
    ]))

    assert data.contacts == (
        ('website', 'https://www.dufour.com/atelier'),
        ('phone_business', '+41223101010'),
        ('fax', '+41223101011'),
        ('email_secondary', 'atelier@dufour.com'),
        ('other', 'Skype: gdufour'),
    )


def test_bad_contact_rows_are_refused_under_their_row_number(database: str) -> None:
    form = dufour_form(contacts=[
        {'kind': 'website', 'value': 'javascript:alert(1)'},
        {'kind': 'phone_private', 'value': '12'},
        {'kind': 'email_secondary', 'value': 'atelier@'},
        {'kind': 'website', 'value': 'www.dufour.com'},
        {'kind': 'phone_business', 'value': ''},  # added and left empty: ignored, not refused
    ])

    assert refusals(form) == {
        'contacts.0.value': 'validation.website_invalid',
        'contacts.1.value': 'validation.phone_invalid',
        'contacts.2.value': 'validation.email_invalid',
    }


def test_contact_row_of_an_unknown_type_is_refused(database: str) -> None:
    assert refusals(dufour_form(contacts=[{'kind': 'pager', 'value': '1234'}])) == {
        'contacts.0.kind': 'validation.not_in_list'}


def test_empty_contact_rows_are_ignored_and_the_others_keep_their_row_number(database: str) -> None:
    rows = [{'kind': '', 'value': ''}, {'kind': 'website', 'value': 'www.dufour.com'}, {'kind': '', 'value': '   '}]

    assert accepted(dufour_form(contacts=rows)).contacts == (('website', 'www.dufour.com'),)
    rows[1]['value'] = 'not a website'
    assert refusals(dufour_form(contacts=rows)) == {'contacts.1.value': 'validation.website_invalid'}


@pytest.mark.parametrize(('field', 'step'), [
    ('salutation', 'client'),
    ('birth_date', 'client'),
    ('sales_advisor_id', 'client'),
    ('street', 'address'),
    ('country_code', 'address'),
    ('email', 'contacts'),
    ('mobile', 'contacts'),
    ('contacts.3.value', 'contacts'),
    ('contacts.0.kind', 'contacts'),
    ('interest_ids', 'interests'),
    ('legal', 'confirmation'),
    ('signature', 'confirmation'),
])
def test_each_field_belongs_to_the_step_that_shows_it(database: str, field: str, step: str) -> None:
    assert step_of_field(field) == step


# --- interests on the customer screen ---------------------------------------------------------------------


def test_customer_screen_offers_the_six_flagged_lists_in_german_sorted(database: str) -> None:
    choices = customer_screen_interests('de')

    assert [choice.name for choice in choices] == ['Golf', 'Kunst', 'Magazin', 'Musik', 'Reiten', 'Tennis']
    assert [choice.id for choice in choices] == [
        marketing_list_id(name) for name in ('Golf', 'Art', 'Magazine', 'Musique', 'Equitation', 'Tennis')]


def test_the_wizard_reads_its_interests_legal_texts_and_employees_at_once(database: str) -> None:
    choices = customers.wizard_choices('de', COPPET)

    assert choices.interests == customer_screen_interests('de')
    assert choices.legal_texts == current_legal_texts('de')
    assert [employee.id for employee in choices.employees] == [
        employee.id for employee in active_employees(COPPET)]


def test_customer_screen_offers_french_names_sorted(database: str) -> None:
    assert [choice.name for choice in customer_screen_interests('fr')] == [
        'Art', 'Equitation', 'Golf', 'Magazine', 'Musique', 'Tennis']


def test_deactivated_list_is_no_longer_offered(database: str) -> None:
    with unit_of_work() as session:
        session.scalars(select(MarketingList).where(MarketingList.name_fr == 'Tennis')).one().active = False

    assert 'Tennis' not in [choice.name for choice in customer_screen_interests('fr')]


# --- creating a customer ----------------------------------------------------------------------------------


def test_new_customer_gets_the_next_free_six_digit_number(database: str) -> None:
    saved = create_dufour()

    assert saved.number == DUFOUR == 202357
    assert saved.version == 1


def test_numbers_go_on_with_seven_digits_once_999999_is_taken(database: str) -> None:
    with unit_of_work() as session:
        session.get(Customer, session.scalar(select(Customer.id).where(Customer.number == DEMO_HIGHEST_NUMBER))) \
            .number = 999_999

    first = create_dufour()
    second = create_dufour(dufour_form(first_name='Claire', email='claire.dufour@bluewin.ch'))

    assert (first.number, second.number) == (1_000_000, 1_000_001)
    assert load_for_edit(1_000_000).display_name == 'Geoffrey Dufour'


def test_two_new_customers_get_consecutive_numbers(database: str) -> None:
    first = create_dufour()
    second = create_dufour(dufour_form(first_name='Claire', email='claire.dufour@bluewin.ch'))

    assert (first.number, second.number) == (DUFOUR, DUFOUR + 1)


def test_new_customer_is_stored_with_normalised_values(database: str) -> None:
    create_dufour(dufour_form(last_name='  Dufour ', email='Geoffrey.Dufour@BLUEWIN.CH'))

    customer = stored_customer(DUFOUR)
    assert (customer.salutation, customer.first_name, customer.last_name) == ('mr', 'Geoffrey', 'Dufour')
    assert customer.birth_date == date(1975, 9, 23)
    assert customer.language == 'fr'
    assert (customer.street, customer.postal_code, customer.city, customer.country_code) == (
        'Rue des Charmilles 23', '1201', 'Genève', 'CH')
    assert customer.email == 'Geoffrey.Dufour@bluewin.ch'
    assert customer.mobile == '+41791234567'
    assert (customer.sales_advisor_id, customer.branch_id) == (ANDRE, COPPET)
    assert customer.search_name == 'dufour geoffrey'
    assert {item.name_fr for item in customer.interests} == {'Golf', 'Musique'}


def test_contacts_are_stored_in_the_order_typed(database: str) -> None:
    contacts = [{'kind': 'website', 'value': 'www.dufour.com'}, {'kind': 'phone_business', 'value': '022 310 10 10'},
                {'kind': 'email_secondary', 'value': 'atelier@dufour.com'}]

    create_dufour(dufour_form(contacts=contacts))

    stored = stored_customer(DUFOUR).contacts
    assert [(contact.position, contact.kind, contact.value) for contact in stored] == [
        (0, 'website', 'www.dufour.com'), (1, 'phone_business', '+41223101010'),
        (2, 'email_secondary', 'atelier@dufour.com')]


def test_accented_names_are_folded_for_search(database: str) -> None:
    create_dufour(dufour_form(first_name='Élodie', last_name='Łukasik-Müller'))

    assert stored_customer(DUFOUR).search_name == 'lukasik-muller elodie'


def test_foreign_customer_is_stored_with_the_foreign_address(database: str) -> None:
    create_dufour(dufour_form(street='Invalidenstraße 117', postal_code='10115', city='Berlin', country_code='DE',
                              mobile='0151 23456789'))

    customer = stored_customer(DUFOUR)
    assert (customer.postal_code, customer.city, customer.country_code, customer.mobile) == (
        '10115', 'Berlin', 'DE', '+4915123456789')


def test_creation_is_written_in_the_history(database: str) -> None:
    create_dufour()

    (entry,) = customer_history(DUFOUR)
    assert (entry.field, entry.old_value, entry.new_value, entry.employee) == (
        'created', None, str(DUFOUR), 'André Cupolillo')


@pytest.mark.parametrize('marketing', [True, False], ids=['marketing accepted', 'marketing declined'])
def test_one_consent_record_per_choice_points_at_the_text_shown(database: str, marketing: bool) -> None:
    texts = current_legal_texts('fr')

    saved = create_dufour(choices=(('legal', True), ('marketing', marketing)))

    with unit_of_work() as session:
        records = session.scalars(select(ConsentRecord).order_by(ConsentRecord.id)).all()
    assert [record.id for record in records] == list(saved.consent_ids)
    assert [(record.purpose, record.accepted) for record in records] == [('legal', True), ('marketing', marketing)]
    for record in records:
        text = texts[record.purpose]
        assert (record.legal_text_id, record.text_version, record.text_sha256) == (text.id, text.version, text.sha256)
    assert [consent.accepted for consent in consents_of_customer(DUFOUR)] == [True, marketing]


def test_consent_records_name_who_where_and_on_what_device(database: str) -> None:
    create_dufour(context=SigningContext(employee_id=CAMILLE, branch_id=COPPET, user_agent='Mozilla/5.0 (iPad)'))

    with unit_of_work() as session:
        records = session.scalars(select(ConsentRecord)).all()
        customer_id = session.scalars(select(Customer.id).where(Customer.number == DUFOUR)).one()
    assert len(records) == 2
    for record in records:
        assert record.customer_id == customer_id
        assert (record.employee_id, record.branch_id, record.user_agent) == (CAMILLE, COPPET, 'Mozilla/5.0 (iPad)')
        assert HEX_SHA256.fullmatch(record.fingerprint)
        assert record.recorded_at is not None and not record.withdrawal
    assert records[0].fingerprint != records[1].fingerprint


def test_signature_is_stored_once_for_all_consents_of_the_signing(database: str) -> None:
    signature = handwritten_signature()
    signatures_before = row_counts()['SignatureRecord']

    saved = create_customer(dufour_form(), BOTH_ACCEPTED, text_ids(), signature, CONTEXT)

    assert row_counts()['SignatureRecord'] == signatures_before + 1
    with unit_of_work() as session:
        stored = session.get(SignatureRecord, saved.signature_id)
        assert stored is not None
        signature_ids = set(session.scalars(select(ConsentRecord.signature_id)))
    assert signature_ids == {saved.signature_id}
    assert stored.strokes_json == signature.to_json()
    assert json.loads(stored.strokes_json) == {'v': 1, 'aspect': 2.5,
                                               'strokes': [[list(point) for point in s] for s in signature.strokes]}
    assert (stored.min_x, stored.min_y, stored.max_x, stored.max_y) == pytest.approx(signature.bounding_box)
    assert stored.aspect == 2.5
    assert stored.sha256 == signature.sha256


def test_failed_consent_record_leaves_no_customer_behind(database: str) -> None:
    before = row_counts()
    wrong_texts = {**text_ids(), 'legal': text_ids()['marketing']}  # the marketing text shown as the legal one

    with pytest.raises(ValidationFailed) as refused:
        create_customer(dufour_form(), BOTH_ACCEPTED, wrong_texts, handwritten_signature(), CONTEXT)

    assert refused.value.errors['legal'].key == 'consent.text_missing'
    assert row_counts() == before
    with pytest.raises(NotFound):
        load_for_edit(DUFOUR)
    assert create_dufour().number == DUFOUR


@pytest.mark.parametrize('choices', [
    (('legal', False), ('marketing', True)),
    (('marketing', True),),
    (),
], ids=['legal declined', 'legal missing', 'nothing chosen'])
def test_customer_without_legal_consent_cannot_be_saved(database: str, choices: tuple[tuple[str, bool], ...]) -> None:
    before = row_counts()

    with pytest.raises(ValidationFailed) as refused:
        create_dufour(choices=choices)

    assert {name: message.key for name, message in refused.value.errors.items()} == {
        'legal': 'consent.legal_required'}
    assert row_counts() == before


def test_customer_with_bad_fields_cannot_be_saved(database: str) -> None:
    before = row_counts()

    with pytest.raises(ValidationFailed) as refused:
        create_dufour(dufour_form(email='geoffrey.dufour@', postal_code='12'))

    assert set(refused.value.errors) == {'email', 'postal_code'}
    assert row_counts() == before


@pytest.mark.parametrize('list_name', ['Clients', 'Ventes', 'Ski'])
def test_interest_not_shown_on_the_customer_screen_is_refused(database: str, list_name: str) -> None:
    before = row_counts()

    with pytest.raises(ValidationFailed) as refused:
        create_dufour(dufour_form(interest_ids=[*interest_ids('Golf'), marketing_list_id(list_name)]))

    assert refused.value.errors['interest_ids'].key == 'customer.interest_unknown'
    assert row_counts() == before


def test_unknown_interest_id_is_refused(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_dufour(dufour_form(interest_ids=[999_999]))

    assert refused.value.errors['interest_ids'].key == 'customer.interest_unknown'


def test_sales_advisor_may_be_a_colleague_of_the_same_branch_or_nobody(database: str) -> None:
    create_dufour(dufour_form(sales_advisor_id=CAMILLE))
    create_dufour(dufour_form(sales_advisor_id=None, email='claire.dufour@bluewin.ch'))

    assert stored_customer(DUFOUR).sales_advisor_id == CAMILLE
    assert stored_customer(DUFOUR + 1).sales_advisor_id is None


def test_sales_advisor_from_another_branch_is_refused(database: str) -> None:
    with unit_of_work() as session:
        geneva = Branch(name='CMB Genève', city='Genève', letter_town='Genève')
        advisor = Employee(display_name='Paul Rochat', branch=geneva)
        session.add_all([geneva, advisor])
        session.flush()
        advisor_id = advisor.id
    before = row_counts()

    with pytest.raises(ValidationFailed) as refused:
        create_dufour(dufour_form(sales_advisor_id=advisor_id))

    assert refused.value.errors['sales_advisor_id'].key == 'customer.advisor_unknown'
    assert row_counts() == before


@pytest.mark.parametrize('advisor_id', [3, 999], ids=['inactive', 'unknown'])
def test_inactive_or_unknown_sales_advisor_is_refused(database: str, advisor_id: int) -> None:
    with unit_of_work() as session:
        luc = session.scalars(select(Employee).where(Employee.display_name == 'Luc Perret')).one()
        assert luc.id == 3
        luc.active = False

    with pytest.raises(ValidationFailed) as refused:
        create_dufour(dufour_form(sales_advisor_id=advisor_id))

    assert refused.value.errors['sales_advisor_id'].key == 'customer.advisor_unknown'


def test_website_as_long_as_the_check_allows_is_stored_in_full(database: str) -> None:
    website = 'https://www.dufour.com/'
    website += 'a' * (WEBSITE_MAX_LENGTH - len(website))
    form = dufour_form(contacts=[{'kind': 'website', 'value': website}])
    assert accepted(form).contacts == (('website', website),)

    create_dufour(form)  # what the check lets through must fit the column, on every database

    assert [contact.value for contact in stored_customer(DUFOUR).contacts] == [website]


# --- opening a customer for correction --------------------------------------------------------------------


def test_customer_opens_for_correction_with_the_form_filled_in(database: str) -> None:
    create_dufour(dufour_form(contacts=[{'kind': 'website', 'value': 'www.dufour.com'},
                                        {'kind': 'phone_business', 'value': '022 310 10 10'}]))

    opened = load_for_edit(DUFOUR)

    assert (opened.number, opened.version, opened.display_name) == (DUFOUR, 1, 'Geoffrey Dufour')
    expected = dufour_form(mobile='+41791234567', contacts=[{'kind': 'website', 'value': 'www.dufour.com'},
                                                            {'kind': 'phone_business', 'value': '+41223101010'}])
    assert replace(opened.form, interest_ids=sorted(opened.form.interest_ids)) == replace(
        expected, interest_ids=sorted(expected.interest_ids))


def test_demo_customer_opens_with_contacts_and_interests(database: str) -> None:
    kim = load_for_edit(202356)
    anna = load_for_edit(202350)

    assert kim.display_name == 'Kim Tschantre'
    assert (kim.form.salutation, kim.form.birth_date, kim.form.mobile) == ('none', '', '')
    assert kim.form.contacts == [{'kind': 'phone_private', 'value': '+41446145111'}]
    assert sorted(anna.form.interest_ids) == sorted(interest_ids('Art', 'Golf'))


@pytest.mark.parametrize('number', range(202350, DEMO_HIGHEST_NUMBER + 1))
def test_demo_customer_opens_with_a_form_that_passes_the_checks(database: str, number: int) -> None:
    assert check_form(load_for_edit(number).form) is not None


def test_unknown_customer_number_is_not_found(database: str) -> None:
    with pytest.raises(NotFound):
        load_for_edit(999_999)
    with pytest.raises(NotFound):
        correct(999_999, dufour_form())
    with pytest.raises(NotFound):
        customer_history(999_999)


# --- correcting a customer --------------------------------------------------------------------------------


def test_corrections_are_saved_and_written_in_the_history(database: str) -> None:
    create_dufour()
    opened = load_for_edit(DUFOUR)
    camille = SigningContext(employee_id=CAMILLE, branch_id=COPPET, user_agent='pytest')

    saved = correct(DUFOUR, replace(opened.form, birth_date='24.9.1975', street='Avenue de la Gare 10',
                                    postal_code='1003', city='Lausanne', mobile='078 765 43 21'),
                    version=opened.version, context=camille)

    assert saved.version == opened.version + 1  # one save, one new version
    customer = stored_customer(DUFOUR)
    assert (customer.birth_date, customer.street, customer.postal_code, customer.city, customer.mobile) == (
        date(1975, 9, 24), 'Avenue de la Gare 10', '1003', 'Lausanne', '+41787654321')
    history = customer_history(DUFOUR)
    changes = {(entry.field, entry.old_value, entry.new_value, entry.employee) for entry in history[:-1]}
    assert changes == {
        ('birth_date', '23.09.1975', '24.09.1975', 'Camille Dubois'),
        ('street', 'Rue des Charmilles 23', 'Avenue de la Gare 10', 'Camille Dubois'),
        ('postal_code', '1201', '1003', 'Camille Dubois'),
        ('city', 'Genève', 'Lausanne', 'Camille Dubois'),
        ('mobile', '+41791234567', '+41787654321', 'Camille Dubois'),
    }
    assert history[-1].field == 'created'


def test_changed_name_is_folded_for_search_again(database: str) -> None:
    create_dufour()

    correct(DUFOUR, replace(load_for_edit(DUFOUR).form, last_name='Dufour-Éthier'))

    assert stored_customer(DUFOUR).search_name == 'dufour-ethier geoffrey'


def test_cleared_birth_date_and_mobile_are_written_as_removed(database: str) -> None:
    create_dufour()

    correct(DUFOUR, replace(load_for_edit(DUFOUR).form, birth_date='', mobile=''))

    changes = {(entry.field, entry.old_value, entry.new_value) for entry in customer_history(DUFOUR)[:-1]}
    assert changes == {('birth_date', '23.09.1975', None), ('mobile', '+41791234567', None)}
    customer = stored_customer(DUFOUR)
    assert (customer.birth_date, customer.mobile) == (None, None)


def test_new_consents_are_appended_and_earlier_ones_are_kept(database: str) -> None:
    create_dufour(choices=(('legal', True), ('marketing', True)))
    earlier = consents_of_customer(DUFOUR)
    signatures_before = row_counts()['SignatureRecord']

    saved = correct(DUFOUR, replace(load_for_edit(DUFOUR).form, city='Carouge', postal_code='1227'),
                    choices=(('legal', True), ('marketing', False)))

    now = consents_of_customer(DUFOUR)
    assert len(now) == len(earlier) + 2
    assert now[:len(earlier)] == earlier  # same ids, choices, texts, fingerprints and times
    assert [(consent.purpose, consent.accepted) for consent in now[len(earlier):]] == [
        ('legal', True), ('marketing', False)]
    assert tuple(consent.id for consent in now[len(earlier):]) == saved.consent_ids
    assert row_counts()['SignatureRecord'] == signatures_before + 1


def test_changing_only_a_contact_writes_history_and_moves_the_version(database: str) -> None:
    create_dufour()
    opened = load_for_edit(DUFOUR)

    saved = correct(DUFOUR, replace(opened.form, contacts=[{'kind': 'website', 'value': 'www.dufour.ch'},
                                                           {'kind': 'phone_private', 'value': '022 310 10 10'}]))

    assert saved.version == opened.version + 1
    (change, _created) = customer_history(DUFOUR)
    assert (change.field, change.old_value, change.new_value) == (
        'contacts', 'website: www.dufour.com', 'website: www.dufour.ch; phone_private: +41223101010')
    assert [(contact.position, contact.value) for contact in stored_customer(DUFOUR).contacts] == [
        (0, 'www.dufour.ch'), (1, '+41223101010')]


def test_changing_only_interests_writes_history_and_moves_the_version(database: str) -> None:
    create_dufour()
    opened = load_for_edit(DUFOUR)

    saved = correct(DUFOUR, replace(opened.form, interest_ids=interest_ids('Golf', 'Tennis')))

    assert saved.version == opened.version + 1
    (change, _created) = customer_history(DUFOUR)
    assert (change.field, change.old_value, change.new_value) == ('interests', 'Golf, Musique', 'Golf, Tennis')
    assert {item.name_fr for item in stored_customer(DUFOUR).interests} == {'Golf', 'Tennis'}


def test_signing_again_without_corrections_writes_no_history(database: str) -> None:
    create_dufour()
    opened = load_for_edit(DUFOUR)

    saved = correct(DUFOUR, opened.form, version=opened.version)

    assert saved.version == opened.version
    assert [entry.field for entry in customer_history(DUFOUR)] == ['created']
    assert len(consents_of_customer(DUFOUR)) == 4


def test_lists_staff_manage_are_kept_when_the_customer_changes_interests(database: str) -> None:
    create_dufour()
    christmas_list = marketing_list_id('Cocktail de Noël')
    with unit_of_work() as session:
        customer = session.scalars(select(Customer).where(Customer.number == DUFOUR)).one()
        customer.interests.append(session.get(MarketingList, christmas_list))
    opened = load_for_edit(DUFOUR)
    assert christmas_list not in opened.form.interest_ids

    correct(DUFOUR, replace(opened.form, interest_ids=interest_ids('Tennis')), version=opened.version)

    assert {item.name_fr for item in stored_customer(DUFOUR).interests} == {'Cocktail de Noël', 'Tennis'}


def test_correction_without_legal_consent_is_refused(database: str) -> None:
    create_dufour()
    before = row_counts()

    with pytest.raises(ValidationFailed) as refused:
        correct(DUFOUR, replace(load_for_edit(DUFOUR).form, city='Carouge', postal_code='1227'),
                choices=(('legal', False), ('marketing', True)))

    assert refused.value.errors['legal'].key == 'consent.legal_required'
    assert row_counts() == before
    assert stored_customer(DUFOUR).city == 'Genève'


def test_failed_consent_on_correction_keeps_the_customer_as_it_was(database: str) -> None:
    create_dufour()
    before = row_counts()
    wrong_texts = {**text_ids(), 'marketing': text_ids()['wishlist']}

    with pytest.raises(ValidationFailed):
        update_customer(DUFOUR, 1, replace(load_for_edit(DUFOUR).form, city='Carouge', postal_code='1227'),
                        BOTH_ACCEPTED, wrong_texts, handwritten_signature(), CONTEXT)

    assert row_counts() == before
    assert (stored_customer(DUFOUR).city, load_for_edit(DUFOUR).version) == ('Genève', 1)


def test_customer_saved_by_someone_else_meanwhile_gives_a_conflict(database: str) -> None:
    create_dufour()
    first_tablet = load_for_edit(DUFOUR)
    second_tablet = load_for_edit(DUFOUR)
    first = correct(DUFOUR, replace(first_tablet.form, city='Carouge', postal_code='1227'),
                    version=first_tablet.version)
    before = row_counts()
    consents_before = consents_of_customer(DUFOUR)

    with pytest.raises(Conflict):
        correct(DUFOUR, replace(second_tablet.form, email='g.dufour@gmail.com', interest_ids=interest_ids('Art')),
                version=second_tablet.version)

    assert row_counts() == before
    assert consents_of_customer(DUFOUR) == consents_before
    customer = stored_customer(DUFOUR)
    assert (customer.city, customer.email, customer.version) == ('Carouge', 'geoffrey.dufour@bluewin.ch', first.version)
    assert {item.name_fr for item in customer.interests} == {'Golf', 'Musique'}


def test_save_racing_another_tablets_save_gives_a_conflict(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if make_url(database).get_backend_name() == 'sqlite':
        pytest.skip('SQLite transactions begin IMMEDIATE: a second save waits, it cannot slip in between')
    create_dufour()
    opened = load_for_edit(DUFOUR)
    allowed_interests = customers._allowed_interests
    other_saves: list[SavedCustomer] = []

    def another_tablet_saves_meanwhile(*args: object) -> object:
        # runs after this save read version 1, before it writes
        monkeypatch.setattr(customers, '_allowed_interests', allowed_interests)
        other_saves.append(correct(DUFOUR, replace(opened.form, city='Carouge', postal_code='1227'),
                                   version=opened.version))
        return allowed_interests(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(customers, '_allowed_interests', another_tablet_saves_meanwhile)

    with pytest.raises(Conflict):
        correct(DUFOUR, replace(opened.form, email='g.dufour@gmail.com'), version=opened.version)

    (other_save,) = other_saves
    customer = stored_customer(DUFOUR)
    assert (customer.city, customer.email, customer.version) == (
        'Carouge', 'geoffrey.dufour@bluewin.ch', other_save.version)
    assert len(consents_of_customer(DUFOUR)) == 4


def test_history_lists_the_newest_change_first(database: str) -> None:
    create_dufour()
    opened = load_for_edit(DUFOUR)
    correct(DUFOUR, replace(opened.form, city='Carouge', postal_code='1227'), version=opened.version,
            context=SigningContext(employee_id=CAMILLE, branch_id=COPPET))
    opened = load_for_edit(DUFOUR)
    correct(DUFOUR, replace(opened.form, email='g.dufour@gmail.com'), version=opened.version)

    history = customer_history(DUFOUR)

    assert [entry.field for entry in history[:1]] == ['email']
    assert {entry.field for entry in history[1:3]} == {'postal_code', 'city'}
    assert [entry.field for entry in history[3:]] == ['created']
    assert [entry.employee for entry in history] == [
        'André Cupolillo', 'Camille Dubois', 'Camille Dubois', 'André Cupolillo']
    times = [entry.changed_at for entry in history]
    assert times == sorted(times, reverse=True)


# --- consent evidence is append-only ----------------------------------------------------------------------


def _change_consent(record: ConsentRecord) -> None:
    record.accepted = not record.accepted


def _change_signature(record: SignatureRecord) -> None:
    record.sha256 = '0' * 64


@pytest.mark.parametrize(('model', 'change'), [
    (ConsentRecord, _change_consent),
    (ConsentRecord, None),
    (SignatureRecord, _change_signature),
    (SignatureRecord, None),
], ids=['consent updated', 'consent deleted', 'signature updated', 'signature deleted'])
def test_consent_evidence_cannot_be_changed_or_deleted(database: str, model: type, change: object) -> None:
    create_dufour()
    consents_before: list[RecordedConsent] = consents_of_customer(DUFOUR)
    before = row_counts()

    with pytest.raises(AppendOnlyViolation), unit_of_work() as session:
        record = session.scalars(select(model).order_by(model.id)).first()
        if callable(change):
            change(record)
        else:
            session.delete(record)
        session.flush()

    assert row_counts() == before
    assert consents_of_customer(DUFOUR) == consents_before
    with unit_of_work() as session:
        signature = session.scalars(select(SignatureRecord)).one()
    assert signature.sha256 == handwritten_signature().sha256


def test_merging_a_concurrent_save_keeps_the_customers_changes_and_takes_the_others() -> None:
    opened = CustomerForm(last_name='Tschantre', city='New York, NY', email='kim@example.ch',
                          contacts=[{'kind': 'website', 'value': 'www.kim.ch'}], interest_ids=[1])
    typed = CustomerForm.from_mapping(vars(opened) | {'city': 'Carouge', 'interest_ids': [1, 2]})
    current = CustomerForm.from_mapping(vars(opened) | {'email': 'kim@tschantre.ch', 'city': 'Zürich',
                                                        'contacts': []})
    merged = merge_concurrent_edit(opened, typed, current)
    assert (merged.city, merged.interest_ids) == ('Carouge', [1, 2])  # typed by the customer: theirs to say
    assert (merged.email, merged.contacts) == ('kim@tschantre.ch', [])  # left alone: the newer save's values
    assert merged.last_name == 'Tschantre'

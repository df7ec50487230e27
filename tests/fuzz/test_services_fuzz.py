"""Every service that takes text from a person, fed hostile text on a real database (SQLite, and PostgreSQL when
configured, where NUL bytes and over-long values are refused by the database itself).

The only outcomes allowed are success, whose stored values read back as the checks said they would be, and
`ValidationFailed` naming fields of that form. Searches and log-ins have no form: they return, or say no.
"""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from customer_pad import auth
from customer_pad.dates import format_date
from customer_pad.errors import ValidationFailed
from customer_pad.i18n import LANGUAGES
from customer_pad.services import (
    backoffice_customers,
    branches,
    legal_text_admin,
    marketing_lists,
    staff_admin,
    wishlists,
)
from customer_pad.services.customer_lookup import find_customers
from customer_pad.services.customers import STEP_FIELDS, CustomerData, CustomerForm, check_form, load_for_edit
from customer_pad.services.logins import set_password
from customer_pad.validation import optional_text, require_text
from tests.fuzz.strategies import assert_refused_on, hostile_or, hostile_text
from tests.support.backoffice import ANDRE_AT_COPPET, COPPET, customer_form, new_customer

DATABASE = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FEW = settings(DATABASE, max_examples=8)
MANAGER = wishlists.Actor(role='manager', employee_id=2)
CUSTOMER_TEXT_FIELDS = ('title', 'first_name', 'last_name', 'company', 'street', 'po_box', 'postal_code', 'city',
                        'email', 'mobile', 'birth_date')
FORM_FIELDS = {name for names in STEP_FIELDS.values() for name in names} | {'legal'}
SEARCH_QUERIES = hostile_text(with_surrogates=True) | st.sampled_from(['\x00', 'a\x00b', '፩', '²', '٣', '\ud800'])


# --- customers ---------------------------------------------------------------------------------------------------


def form_of(data: CustomerData) -> CustomerForm:
    """The wizard's form as it should open again for a customer saved with `data`."""
    scalars = {name: getattr(data, name) for name in ('salutation', 'title', 'first_name', 'last_name', 'company',
                                                       'language', 'sales_advisor_id', 'street', 'po_box',
                                                       'postal_code', 'city', 'country_code', 'email')}
    return CustomerForm(**scalars, birth_date=format_date(data.birth_date) if data.birth_date else '',
                        mobile=data.mobile or '', interest_ids=list(data.interest_ids),
                        contacts=[{'kind': kind, 'value': value} for kind, value in data.contacts])


@DATABASE
@given(changes=st.dictionaries(st.sampled_from(CUSTOMER_TEXT_FIELDS), hostile_text(), max_size=3),
       contact=hostile_or('www.dufour.com'))
@example(changes={'last_name': 'ﷺ' * 80, 'city': 'ß' * 80}, contact='x').via('folding makes them longer')
@example(changes={'email': 'ﷺ' * 60 + '@example.ch'}, contact='x').via('a folded e-mail longer than its column')
def test_a_customer_is_saved_as_checked_or_refused_field_by_field(database: str, changes: dict[str, str],
                                                                  contact: str) -> None:
    form = customer_form(contacts=[{'kind': 'other', 'value': contact}], **changes)
    try:
        expected = check_form(form)
        saved = new_customer(contacts=form.contacts, **changes)
    except ValidationFailed as failure:
        assert_refused_on(failure, FORM_FIELDS | {'contacts.0.kind', 'contacts.0.value'})
        return
    assert expected is not None
    assert load_for_edit(saved.number).form == form_of(expected)
    if expected.last_name.isascii() and expected.last_name.strip():
        found = backoffice_customers.search_customers(expected.last_name, page_size=100)
        assert saved.number in [row.number for row in found.rows]


@DATABASE
@example(query='\x00').via('NUL, refused by PostgreSQL')
@example(query='\ud800').via('a lone surrogate')
@example(query='dufour\ud7ff').via('a range that would end at a lone surrogate')
@example(query='፩').via('a digit to isdigit() that int() cannot read')
@given(query=SEARCH_QUERIES)
def test_searching_customers_lists_or_finds_nothing(database: str, query: str) -> None:
    assert backoffice_customers.search_customers(query).total >= 0
    assert isinstance(find_customers(query), list)


@DATABASE
@given(reason=hostile_text(with_surrogates=True))
def test_a_withdrawal_reason_is_kept_as_checked_or_refused(database: str, reason: str) -> None:
    number = new_customer(marketing=True).number
    try:
        entry = backoffice_customers.withdraw_marketing_consent(number, reason, ANDRE_AT_COPPET)
    except ValidationFailed as failure:
        assert_refused_on(failure, {'reason'})
        return
    assert entry.reason == require_text(reason, 'reason', backoffice_customers.REASON_MAX_LENGTH)
    card = backoffice_customers.customer_card(number, 'fr')
    assert card.consents[0].reason == entry.reason and not card.marketing_opted_in


# --- wishlists ---------------------------------------------------------------------------------------------------


WISHLIST_FIELDS = {'customer', 'branch', 'category', 'brand', 'model', 'reference', 'characteristics', 'priority',
                   'status', 'remarks'}


def rolex_draft(**changes: object) -> wishlists.WishlistDraft:
    return replace(wishlists.WishlistDraft(customer_number=202354, branch_id=COPPET, brand='Rolex', model='Submariner',
                                           reference='M124060-0001', characteristics=(('Boîtier', 'Acier'),),
                                           remarks='Appeler le matin.'), **changes)


@DATABASE
@given(changes=st.dictionaries(st.sampled_from(['category', 'brand', 'model', 'reference', 'remarks']),
                               hostile_text(), max_size=3),
       characteristic=st.tuples(hostile_or('Boîtier'), hostile_or('Acier')))
def test_a_wishlist_entry_is_saved_as_checked_or_refused_field_by_field(database: str, changes: dict[str, str],
                                                                        characteristic: tuple[str, str]) -> None:
    draft = rolex_draft(characteristics=(characteristic,), **changes)
    try:
        number = wishlists.create_entry(draft, MANAGER)
    except ValidationFailed as failure:
        assert_refused_on(failure, WISHLIST_FIELDS | {'characteristics.0.name', 'characteristics.0.value'})
        return
    stored = wishlists.entry_draft(number)
    for name, max_length in (('category', 120), ('brand', 80), ('model', 120), ('reference', 60)):
        assert getattr(stored, name) == require_text(getattr(draft, name), name, max_length)
    assert stored.remarks == '\n'.join(optional_text(line, 'remarks', 2000) or '' for line in
                                       draft.remarks.replace('\r\n', '\n').replace('\r', '\n').split('\n')).strip('\n')
    name, value = characteristic
    if name.strip() or value.strip():
        assert stored.characteristics == ((require_text(name, 'name', 80), require_text(value, 'value', 120)),)
    edited = wishlists.update_entry(number, replace(stored, brand=stored.brand + ' II'), MANAGER)
    assert edited == stored.version + 1


@DATABASE
@given(remarks=hostile_text(with_surrogates=True))
def test_a_wishlist_event_keeps_its_remarks_as_checked_or_is_refused(database: str, remarks: str) -> None:
    try:
        event = wishlists.add_event(3, kind='note', occurred_on=wishlists._swiss_today(), employee_id=1,
                                    remarks=remarks, actor=MANAGER)
    except ValidationFailed as failure:
        assert_refused_on(failure, {'kind', 'date', 'employee', 'remarks'})
        return
    assert next(row for row in wishlists.entry_events(3) if row.id == event.id).remarks == event.remarks


@DATABASE
@example(query='\x00').via('NUL, refused by PostgreSQL')
@example(query='\ud800').via('a lone surrogate')
@example(query='²').via('a digit int() cannot read')
@given(query=SEARCH_QUERIES)
def test_searching_wishlists_lists_or_finds_nothing(database: str, query: str) -> None:
    assert wishlists.search_wishlists(query).total >= 0


# --- the back office's own forms ---------------------------------------------------------------------------------


@DATABASE
@given(names=st.fixed_dictionaries({language: hostile_or(f'Montres {language}') for language in LANGUAGES}))
def test_a_marketing_list_is_saved_as_checked_or_refused(database: str, names: dict[str, str]) -> None:
    try:
        row = marketing_lists.save_marketing_list(None, names, True, True, acting_role='manager')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'name_fr', 'name_de', 'name_it', 'name_en'})
        return
    stored = next(item for item in marketing_lists.marketing_lists('manager') if item.id == row.id)
    assert stored.names == row.names
    assert stored.names['fr'] == require_text(names['fr'], 'name_fr', marketing_lists.NAME_MAX_LENGTH)


@DATABASE
@given(form=st.builds(branches.BranchForm, name=hostile_or('CMB Lausanne'), street=hostile_or('Rue de Bourg 1'),
                      postal_code=hostile_or('1003'), city=hostile_or('Lausanne'),
                      letter_town=hostile_or('Lausanne'), phone=hostile_or('021 312 00 00'),
                      email=hostile_or('lausanne@example.ch')))
def test_a_branch_is_saved_as_checked_or_refused(database: str, form: branches.BranchForm) -> None:
    try:
        row = branches.save_branch(None, form, acting_role='manager')
    except ValidationFailed as failure:
        assert_refused_on(failure, branches.FIELDS)
        return
    assert next(item for item in branches.list_branches() if item.id == row.id).form() == \
        branches.BranchForm(**branches.check_branch(form))


@DATABASE
@given(display_name=hostile_or('Léa Rochat'), username=hostile_or('lea.rochat', with_surrogates=True),
       password=hostile_or('long enough secret', with_surrogates=True))
def test_an_employee_and_login_are_saved_as_checked_and_the_password_works(
        database: str, display_name: str, username: str, password: str) -> None:
    try:
        employee = staff_admin.save_employee(None, display_name, COPPET, acting_role='manager')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'display_name', 'branch_id'})
        return
    assert employee.display_name == require_text(display_name, 'display_name', staff_admin.DISPLAY_NAME_MAX_LENGTH)
    try:
        row = staff_admin.create_login(employee.id, username, password, 'staff', acting_role='manager')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'username', 'password', 'role'})
        return
    assert row.login is not None
    assert auth.authenticate(row.login.username, password).login_id == row.login.id


@FEW
@given(password=hostile_text(with_surrogates=True))
def test_a_new_password_is_refused_on_its_field_or_works(database: str, password: str) -> None:
    try:
        staff_admin.reset_password(1, password, acting_role='manager')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'password'})
        return
    assert auth.authenticate('andre', password).username == 'andre'
    try:
        set_password('camille', password)
    except ValidationFailed as failure:
        assert_refused_on(failure, {'password'})


@DATABASE
@given(title=hostile_or('Protection des données', with_surrogates=True),
       body=hostile_or('Vos données restent chez nous.', with_surrogates=True)
       | hostile_text().map(lambda text: '\n\n'.join([text] * 3)))
def test_a_legal_text_is_published_as_checked_or_refused(database: str, title: str, body: str) -> None:
    current = legal_text_admin.legal_text_versions('marketing', 'en', acting_role='manager')
    try:
        published = legal_text_admin.publish_legal_text('marketing', 'en', title, body, current[0].version,
                                                        acting_role='manager')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'title', 'body'})
        return
    stored = legal_text_admin.legal_text_versions('marketing', 'en', acting_role='manager')[0]
    assert (stored.title, stored.body) == (published.title, published.body)
    assert stored.title == require_text(title, 'title', legal_text_admin.TITLE_MAX_LENGTH)


# --- logging in and customer mode ----------------------------------------------------------------------------------


@DATABASE
@given(username=hostile_or('andre', with_surrogates=True) | st.sampled_from(['an\x00dre', 'ANDRE\u200b']),
       password=hostile_text(with_surrogates=True))
def test_logging_in_with_anything_fails_politely(database: str, username: str, password: str) -> None:
    with pytest.raises((auth.LoginFailed, auth.LoginLocked)):
        auth.authenticate(username, password, client_address=password[:80])
    rows, _ = auth.login_audit(limit=1)
    assert not rows[0].success


@FEW
@given(password=hostile_or('customerpad', with_surrogates=True), pin=hostile_or('4711', with_surrogates=True),
       secret=hostile_text(with_surrogates=True))
def test_a_pin_is_set_as_checked_or_refused_and_anything_else_does_not_unlock(
        database: str, password: str, pin: str, secret: str) -> None:
    try:
        auth.set_pin(1, password, pin)
    except ValidationFailed as failure:
        assert_refused_on(failure, {'pin', 'password'})
    else:
        auth.unlock_customer_mode(1, pin)
    if secret not in {pin, 'customerpad'}:
        with pytest.raises((auth.UnlockRefused, auth.UnlockLocked)):
            auth.unlock_customer_mode(1, secret)

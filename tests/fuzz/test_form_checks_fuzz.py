"""The checks every form goes through, fed hostile text: a value comes out clean and fits its column, or the
refusal names the field. No database: these run hundreds of examples in a few seconds."""

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from customer_pad import validation
from customer_pad.errors import ValidationFailed
from customer_pad.services.branches import FIELDS as BRANCH_FIELDS
from customer_pad.services.branches import BranchForm, check_branch
from customer_pad.services.customers import STEP_FIELDS, CustomerForm, check_form
from customer_pad.validation import CONTACT_TYPES
from models import Branch, Customer, CustomerContact
from tests.fuzz.strategies import assert_refused_on, hostile_or, hostile_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CUSTOMER_COLUMNS = Customer.__table__.c
FORM_FIELDS = {name for names in STEP_FIELDS.values() for name in names}


def column_length(column: object) -> int:
    length = column.type.length  # type: ignore[attr-defined]
    assert isinstance(length, int)
    return length


def assert_clean(value: str, max_length: int) -> None:
    """What a check lets through: no control characters, no lone surrogates, no bidi overrides, and it fits."""
    assert len(value) <= max_length
    for char in value:
        category = unicodedata.category(char)
        assert category not in {'Cc', 'Cs'}, f'{char!r} got through'
        assert unicodedata.bidirectional(char) not in {'RLO', 'LRO', 'RLE', 'LRE', 'PDF'}, f'{char!r} got through'


@FAST
@given(text=hostile_text(with_surrogates=True), max_length=st.sampled_from([1, 60, 80, 200, 500]))
def test_a_text_field_is_clean_and_short_enough_or_refused(text: str, max_length: int) -> None:
    for check in (validation.require_text, validation.optional_text):
        try:
            value = check(text, 'city', max_length)
        except ValidationFailed as failure:
            assert_refused_on(failure, {'city'})
            continue
        if value is not None:
            assert_clean(value, max_length)
            assert value == value.strip() and '  ' not in value


@FAST
@given(text=hostile_or('geoffrey.dufour@bluewin.ch', with_surrogates=True))
def test_an_email_address_fits_its_column_or_is_refused(text: str) -> None:
    try:
        email = validation.validate_email(text, 'email')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'email'})
        return
    assert_clean(email, column_length(CUSTOMER_COLUMNS.email))
    assert '@' in email


@FAST
@given(text=hostile_or('079 123 45 67', with_surrogates=True), country=st.sampled_from(['CH', 'DE', 'US', 'XX', '']))
def test_a_phone_number_comes_out_in_e164_or_is_refused(text: str, country: str) -> None:
    for check in (validation.normalise_mobile, validation.normalise_phone):
        try:
            number = check(text, country, 'mobile')
        except ValidationFailed as failure:
            assert_refused_on(failure, {'mobile'})
            continue
        if number is not None:
            assert number.startswith('+') and number[1:].isascii() and number[1:].isdigit()
            assert len(number) <= column_length(CUSTOMER_COLUMNS.mobile)


@FAST
@example(text='١٢٠١', country='CH').via('Arabic-Indic digits')
@example(text='１２０１', country='CH').via('full-width digits')
@example(text='SW1A 1AA', country='GB').via('a valid code')
@given(text=hostile_or('1201', with_surrogates=True), country=st.sampled_from(['CH', 'GB', 'NL', 'PT', 'IE', 'BO']))
def test_a_postal_code_is_ascii_letters_and_digits_or_is_refused(text: str, country: str) -> None:
    try:
        code = validation.validate_postal_code(text, country, 'postal_code')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'postal_code'})
        return
    assert len(code) <= column_length(CUSTOMER_COLUMNS.postal_code)
    assert all(char.isascii() and (char.isalnum() or char in ' -') for char in code), code


@FAST
@example(kind='website', value='https://' + '.'.join(['İ' * 60] * 8) + '.ch').via('İ lowers to two characters')
@given(kind=st.sampled_from(CONTACT_TYPES) | hostile_text(long=False),
       value=hostile_or('www.dufour.com', with_surrogates=True))
def test_an_extra_contact_fits_its_column_or_is_refused(kind: str, value: str) -> None:
    try:
        contact = validation.validate_contact(kind, value, 'CH', 'contacts.0.value')
    except ValidationFailed as failure:
        assert_refused_on(failure, {'contacts.0.value'})
        return
    assert_clean(contact, column_length(CustomerContact.__table__.c.value))
    if kind == 'website':
        assert not contact.lower().startswith(('javascript:', 'data:', 'vbscript:'))


customer_forms = st.builds(
    CustomerForm,
    salutation=st.sampled_from(['mr', 'ms', 'none']) | hostile_text(long=False),
    title=hostile_or(''), first_name=hostile_or('Geoffrey'), last_name=hostile_or('Dufour'), company=hostile_or(''),
    birth_date=hostile_or('23.09.1975') | st.sampled_from(['٢٣.٠٩.١٩٧٥', '23.09.１９７５', '1975-09-23\x00']),
    language=st.sampled_from(['fr', 'de', 'it', 'en']) | hostile_text(long=False),
    street=hostile_or('Rue des Charmilles 23'), po_box=hostile_or(''), postal_code=hostile_or('1201'),
    city=hostile_or('Genève'), country_code=hostile_or('CH'), email=hostile_or('geoffrey.dufour@bluewin.ch'),
    mobile=hostile_or('079 123 45 67'),
    contacts=st.lists(st.fixed_dictionaries({'kind': st.sampled_from(CONTACT_TYPES) | hostile_text(long=False),
                                             'value': hostile_or('www.dufour.com')}), max_size=3),
)


@FAST
@given(form=customer_forms)
def test_the_customer_form_gives_storable_values_or_names_the_bad_fields(form: CustomerForm) -> None:
    contact_fields = {f'contacts.{index}.{part}' for index in range(len(form.contacts)) for part in ('kind', 'value')}
    try:
        data = check_form(form)
    except ValidationFailed as failure:
        assert_refused_on(failure, FORM_FIELDS | contact_fields)
        return
    assert data is not None
    for name in ('title', 'first_name', 'last_name', 'company', 'street', 'po_box', 'postal_code', 'city', 'email'):
        assert_clean(getattr(data, name), column_length(CUSTOMER_COLUMNS[name]))
    assert data.salutation in validation.SALUTATIONS and data.country_code.isascii()
    for kind, value in data.contacts:
        assert kind in CONTACT_TYPES
        assert_clean(value, column_length(CustomerContact.__table__.c.value))


@FAST
@given(form=st.builds(BranchForm, **{name: hostile_or(valid) for name, valid in (
    ('name', 'CMB Lausanne'), ('street', 'Rue de Bourg 1'), ('postal_code', '1003'), ('city', 'Lausanne'),
    ('country_code', 'CH'), ('letter_town', 'Lausanne'), ('phone', '021 312 00 00'), ('email', 'lausanne@example.ch'),
    ('letter_window', 'right'))}))
def test_the_branch_form_gives_storable_values_or_names_the_bad_fields(form: BranchForm) -> None:
    try:
        values = check_branch(form)
    except ValidationFailed as failure:
        assert_refused_on(failure, BRANCH_FIELDS)
        return
    for name, value in values.items():
        assert_clean(value, column_length(Branch.__table__.c[name]))

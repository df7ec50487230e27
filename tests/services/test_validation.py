"""What a customer may type in the wizard, and what they are told when it is wrong."""

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from customer_pad import validation
from customer_pad.countries import DEFAULT_COUNTRY, country_choices, country_name, is_country
from customer_pad.dates import format_date
from customer_pad.errors import Message, ValidationFailed
from customer_pad.i18n import LANGUAGES, catalogue, translate
from customer_pad.validation import (
    CONTACT_TYPES,
    SALUTATIONS,
    normalise_mobile,
    normalise_phone,
    optional_text,
    parse_birth_date,
    record_number,
    require_choice,
    require_text,
    validate_contact,
    validate_country,
    validate_email,
    validate_postal_code,
    validate_website,
)

TODAY = date(2025, 6, 15)


def refusal(check: Callable[..., object], *args: object, **kwargs: object) -> tuple[str, str]:
    """The (field, message key) a checker refuses the value with; it names exactly one field."""
    with pytest.raises(ValidationFailed) as caught:
        check(*args, **kwargs)
    ((field, message),) = caught.value.errors.items()
    return field, message.key


def refusal_message(check: Callable[..., object], *args: object, **kwargs: object) -> Message:
    with pytest.raises(ValidationFailed) as caught:
        check(*args, **kwargs)
    (message,) = caught.value.errors.values()
    return message


# --- text ---


def test_required_text_is_stripped_and_inner_whitespace_collapsed() -> None:
    assert require_text('  Jean \t Dufour\n', 'last_name') == 'Jean Dufour'


def test_required_text_is_stored_in_composed_unicode_form() -> None:
    assert require_text('Zu\u0308rcher', 'last_name') == 'Zürcher'


@pytest.mark.parametrize('empty', ['', '   ', None])
def test_empty_required_text_is_refused_under_the_given_field(empty) -> None:
    assert refusal(require_text, empty, 'last_name') == ('last_name', 'validation.required')


def test_too_long_text_is_refused_with_the_maximum() -> None:
    message = refusal_message(require_text, 'x' * 11, 'title', max_length=10)
    assert message.key == 'validation.too_long'
    assert message.params == {'max': 10}
    assert require_text('x' * 10, 'title', max_length=10) == 'x' * 10


@pytest.mark.parametrize('name', ['Du\x00four', 'Du\x1bfour', 'Du\x1ffour', 'Du\x7ffour', 'Du\u202efour', 'Du\x85four'])
def test_name_with_control_or_direction_override_characters_is_refused(name: str) -> None:
    assert refusal(require_text, name, 'last_name') == ('last_name', 'validation.control_characters')


def test_names_with_accents_apostrophes_and_hyphens_are_accepted() -> None:
    assert require_text("Marie-Thérèse d'Aubigné-Łukasz", 'first_name') == "Marie-Thérèse d'Aubigné-Łukasz"


def test_empty_optional_text_gives_none_but_is_checked_otherwise() -> None:
    assert optional_text('  ', 'company') is None
    assert optional_text(' Dufour SA ', 'company') == 'Dufour SA'
    assert refusal(optional_text, 'A\x00', 'company') == ('company', 'validation.control_characters')


def test_choice_must_be_one_of_the_list() -> None:
    assert require_choice('ms', SALUTATIONS, 'salutation') == 'ms'
    assert refusal(require_choice, 'dr', SALUTATIONS, 'salutation') == ('salutation', 'validation.not_in_list')
    assert refusal(require_choice, '', SALUTATIONS, 'salutation') == ('salutation', 'validation.required')


def test_country_code_is_upper_cased_and_must_be_a_real_country() -> None:
    assert validate_country(' fr ') == 'FR'
    assert refusal(validate_country, 'ZZ') == ('country', 'validation.not_in_list')
    assert refusal(validate_country, '') == ('country', 'validation.required')


# --- birth date ---


@pytest.mark.parametrize('typed', ['23.09.1975', '23.9.1975', ' 23.09.1975 ', '1975-09-23'])
def test_birth_date_is_read_in_swiss_or_iso_form(typed: str) -> None:
    assert parse_birth_date(typed, today=TODAY) == date(1975, 9, 23)


def test_single_digit_day_and_month_are_understood() -> None:
    assert parse_birth_date('1.2.1980', today=TODAY) == date(1980, 2, 1)


def test_empty_birth_date_is_allowed() -> None:
    assert parse_birth_date('', today=TODAY) is None
    assert parse_birth_date(None, today=TODAY) is None


@pytest.mark.parametrize('typed', ['23/09/1975', '23.09.75', '1975', 'hier', '23.09.1975.', '1975-9-23'])
def test_birth_date_in_another_format_is_refused(typed: str) -> None:
    assert refusal(parse_birth_date, typed, today=TODAY) == ('birth_date', 'validation.date_format')


@pytest.mark.parametrize('typed', ['31.02.1990', '29.02.1991', '00.01.1990', '12.13.1990'])
def test_day_that_does_not_exist_is_refused(typed: str) -> None:
    assert refusal(parse_birth_date, typed, today=TODAY) == ('birth_date', 'validation.date_does_not_exist')


def test_birth_date_in_the_future_is_refused() -> None:
    assert refusal(parse_birth_date, '16.06.2025', today=TODAY) == ('birth_date', 'validation.birth_date_in_future')
    assert parse_birth_date('15.06.2025', today=TODAY) == TODAY


@pytest.mark.parametrize('typed', ['01.01.1850', '31.12.1899', '15.06.1904'])
def test_implausibly_old_birth_date_is_refused(typed: str) -> None:
    assert refusal(parse_birth_date, typed, today=TODAY) == ('birth_date', 'validation.birth_date_implausible')


def test_customer_aged_120_is_accepted() -> None:
    assert parse_birth_date('16.06.1904', today=TODAY) == date(1904, 6, 16)


def test_birth_date_is_formatted_the_swiss_way() -> None:
    assert format_date(date(1975, 9, 3)) == '03.09.1975'
    assert format_date(parse_birth_date('1975-09-23', today=TODAY)) == '23.09.1975'


# --- e-mail ---


def test_email_is_accepted_and_its_domain_lower_cased() -> None:
    assert validate_email(' geoffrey.dufour@bluewin.ch ') == 'geoffrey.dufour@bluewin.ch'
    assert validate_email('Geoffrey.Dufour@BLUEWIN.CH') == 'Geoffrey.Dufour@bluewin.ch'


@pytest.mark.parametrize('typed', ['a@b', 'no at sign', 'x@y..ch', '@bluewin.ch', 'geoffrey@', 'a b@c.ch'])
def test_malformed_email_is_refused(typed: str) -> None:
    assert refusal(validate_email, typed) == ('email', 'validation.email_invalid')


def test_missing_email_is_required() -> None:
    assert refusal(validate_email, '  ') == ('email', 'validation.required')


# --- mobile and phone ---


@pytest.mark.parametrize('typed', ['079 123 45 67', '0791234567', '+41 79 123 45 67', '0041 79 123 45 67'])
def test_swiss_mobile_is_stored_in_international_format(typed: str) -> None:
    assert normalise_mobile(typed, 'CH') == '+41791234567'


@pytest.mark.parametrize('country', ['CH', 'DE', 'US'])
def test_mobile_with_country_code_is_understood_whatever_the_customer_country(country: str) -> None:
    assert normalise_mobile('+33 6 12 34 56 78', country) == '+33612345678'


def test_national_mobile_is_read_in_the_customer_country() -> None:
    assert normalise_mobile('06 12 34 56 78', 'FR') == '+33612345678'
    assert normalise_mobile('0151 23456789', 'DE') == '+4915123456789'


def test_mobile_in_a_country_that_does_not_tell_mobile_from_fixed_is_accepted() -> None:
    assert normalise_mobile('(212) 555-0123', 'US') == '+12125550123'


def test_empty_mobile_is_allowed() -> None:
    assert normalise_mobile('  ') is None
    assert normalise_mobile(None) is None


def test_incomplete_swiss_mobile_is_refused_naming_switzerland() -> None:
    message = refusal_message(normalise_mobile, '079 123 45', 'CH')
    assert message.key == 'validation.mobile_invalid'
    assert translate(message.key, 'fr', **message.params).startswith('Numéro de mobile invalide (Suisse).')
    assert '(Schweiz)' in translate(message.key, 'de', **message.params)


def test_invalid_foreign_number_names_the_country_of_its_dialling_code() -> None:
    message = refusal_message(normalise_mobile, '+33 6 12', 'CH')
    assert '(France)' in translate(message.key, 'fr', **message.params)


def test_swiss_landline_in_the_mobile_field_is_refused() -> None:
    assert refusal(normalise_mobile, '022 123 45 67', 'CH') == ('mobile', 'validation.not_a_mobile')


@pytest.mark.parametrize('typed', ['abc', '079-FLOWERS', '1', '+999 123'])
def test_text_that_is_not_a_phone_number_is_refused(typed: str) -> None:
    assert refusal(normalise_mobile, typed, 'CH') == ('mobile', 'validation.phone_unreadable')


def test_national_number_without_a_known_country_asks_for_the_country_code() -> None:
    assert refusal(normalise_mobile, '079 123 45 67', 'AQ') == ('mobile', 'validation.phone_unreadable')
    assert normalise_mobile('+41 79 123 45 67', 'AQ') == '+41791234567'


def test_number_with_an_extension_is_refused_rather_than_cut() -> None:
    assert refusal(normalise_phone, '022 123 45 67 ext. 12', 'CH') == ('phone', 'validation.phone_extension')


def test_phone_accepts_landlines_and_mobiles() -> None:
    assert normalise_phone('022 123 45 67', 'CH') == '+41221234567'
    assert normalise_phone('079 123 45 67', 'CH') == '+41791234567'
    assert normalise_phone('030 1234567', 'DE') == '+49301234567'


def test_invalid_phone_is_refused_under_the_given_field() -> None:
    assert refusal(normalise_phone, '022 123', 'CH', field='fax') == ('fax', 'validation.phone_invalid')


# --- postal code ---


@pytest.mark.parametrize('typed', ['1201', ' 1201 ', 'CH-1201', 'ch 1201'])
def test_swiss_npa_of_four_digits_is_accepted(typed: str) -> None:
    assert validate_postal_code(typed, 'CH') == '1201'


@pytest.mark.parametrize('typed', ['120', '12011', '12a1', 'CH-120'])
def test_swiss_npa_without_exactly_four_digits_is_refused(typed: str) -> None:
    assert refusal(validate_postal_code, typed, 'CH') == ('postal_code', 'validation.postal_code_ch')


def test_swiss_npa_message_says_it_has_four_digits() -> None:
    message = refusal_message(validate_postal_code, '120', 'CH')
    assert translate(message.key, 'fr', **message.params).startswith('Un NPA suisse a 4 chiffres')


def test_liechtenstein_postal_code_has_four_digits() -> None:
    assert validate_postal_code('9490', 'LI') == '9490'
    assert refusal(validate_postal_code, '94900', 'LI') == ('postal_code', 'validation.postal_code_format')


@pytest.mark.parametrize(
    ('typed', 'country', 'stored'),
    [
        ('75008', 'FR', '75008'),
        ('F-74100', 'FR', '74100'),
        ('10115', 'DE', '10115'),
        ('D-79539', 'DE', '79539'),
        ('20121', 'IT', '20121'),
        ('1010', 'AT', '1010'),
        ('sw1a 1aa', 'GB', 'SW1A 1AA'),
        ('SW1A1AA', 'GB', 'SW1A 1AA'),
        ('EC1A  1BB', 'GB', 'EC1A 1BB'),
        ('1012ab', 'NL', '1012 AB'),
        ('10001', 'US', '10001'),
        ('10001-1234', 'US', '10001-1234'),
        ('h2x1y4', 'CA', 'H2X 1Y4'),
        ('1100-148', 'PT', '1100-148'),
        ('1100148', 'PT', '1100-148'),
        ('11455', 'SE', '114 55'),
        ('00950', 'PL', '00-950'),
        ('100-0001', 'JP', '100-0001'),
    ],
)
def test_foreign_postal_code_in_its_country_format_is_accepted_and_normalised(typed, country, stored) -> None:
    assert validate_postal_code(typed, country) == stored


@pytest.mark.parametrize(
    ('typed', 'country'),
    [
        ('7500', 'FR'),
        ('750088', 'FR'),
        ('1011', 'DE'),
        ('1234', 'IT'),
        ('SW1A', 'GB'),
        ('1012', 'NL'),
        ('1234', 'US'),
        ('123456', 'CA'),
        ('1100-14', 'PT'),
    ],
)
def test_foreign_postal_code_not_in_its_country_format_is_refused_with_an_example(typed, country) -> None:
    message = refusal_message(validate_postal_code, typed, country)
    assert message.key == 'validation.postal_code_format'
    assert message.params['example']
    assert country_name(country, 'fr') in translate(message.key, 'fr', **message.params)


@pytest.mark.parametrize(
    ('typed', 'country', 'stored'),
    [
        ('1000', 'AR', '1000'),
        ('c1425dkf', 'AR', 'C1425DKF'),
        ('lv-1050', 'LV', 'LV-1050'),
        ('ad500', 'AD', 'AD500'),
        ('10  110', 'TH', '10 110'),
    ],
)
def test_postal_code_of_a_country_without_a_known_format_is_accepted_if_plausible(typed, country, stored) -> None:
    assert validate_postal_code(typed, country) == stored


@pytest.mark.parametrize('typed', ['12345678901', '12_45', 'abc!', '-123'])
def test_postal_code_of_a_country_without_a_known_format_is_refused_if_garbled(typed: str) -> None:
    assert refusal(validate_postal_code, typed, 'AR') == ('postal_code', 'validation.postal_code_characters')


def test_postal_code_is_required_where_addresses_have_one() -> None:
    assert refusal(validate_postal_code, '', 'CH') == ('postal_code', 'validation.required')
    assert refusal(validate_postal_code, ' ', 'AR') == ('postal_code', 'validation.required')


def test_postal_code_may_be_empty_where_addresses_have_none() -> None:
    assert validate_postal_code('', 'HK') == ''


# --- extra contacts ---


def test_contact_types_are_the_known_codes_in_order() -> None:
    assert CONTACT_TYPES == ('website', 'phone_private', 'phone_business', 'fax', 'email_secondary', 'other')


@pytest.mark.parametrize(
    ('typed', 'stored'),
    [
        ('www.dufour.com', 'www.dufour.com'),
        ('www.Dufour.COM', 'www.dufour.com'),
        ('dufour.ch', 'dufour.ch'),
        ('https://www.dufour.com/Montres?ref=1', 'https://www.dufour.com/Montres?ref=1'),
        ('HTTP://Dufour.ch', 'http://dufour.ch'),
        ('dufour.ch:8080/atelier', 'dufour.ch:8080/atelier'),
        ('horlogerie-zürich.ch', 'horlogerie-zürich.ch'),
    ],
)
def test_website_is_accepted_as_typed_with_a_lower_case_host(typed: str, stored: str) -> None:
    assert validate_website(typed) == stored
    assert validate_contact('website', typed, 'CH', 'contact_1') == stored


@pytest.mark.parametrize(
    'typed',
    [
        'javascript:alert(1)',
        'javascript://www.dufour.com/%0aalert(1)',
        'ftp://dufour.ch',
        'mailto:a@dufour.ch',
        'data:text/html,x',
        'dufour',
        'www.dufour .com',
        'user@dufour.ch',
        'http://',
        'https://dufour.ch/<script>',
    ],
)
def test_website_that_is_not_an_http_address_is_refused(typed: str) -> None:
    assert refusal(validate_contact, 'website', typed, 'CH', 'contact_1') == ('contact_1', 'validation.website_invalid')


@pytest.mark.parametrize('type_code', ['phone_private', 'phone_business', 'fax'])
def test_phone_contacts_are_stored_in_international_format(type_code: str) -> None:
    assert validate_contact(type_code, '022 123 45 67', 'CH', 'contact_1') == '+41221234567'
    assert validate_contact(type_code, '+33 1 42 68 53 00', 'CH', 'contact_1') == '+33142685300'


def test_phone_contact_must_be_a_valid_number() -> None:
    assert refusal(validate_contact, 'fax', '022 12', 'CH', 'contact_2') == ('contact_2', 'validation.phone_invalid')
    assert refusal(validate_contact, 'fax', '', 'CH', 'contact_2') == ('contact_2', 'validation.required')


def test_secondary_email_contact_is_checked_as_an_email() -> None:
    assert validate_contact('email_secondary', 'G.Dufour@Gmail.com', 'CH', 'c') == 'G.Dufour@gmail.com'
    assert refusal(validate_contact, 'email_secondary', 'a@b', 'CH', 'c') == ('c', 'validation.email_invalid')


def test_other_contact_is_free_text_up_to_200_characters() -> None:
    assert validate_contact('other', ' Skype: g.dufour ', 'CH', 'c') == 'Skype: g.dufour'
    assert refusal(validate_contact, 'other', 'x' * 201, 'CH', 'c') == ('c', 'validation.too_long')
    assert refusal(validate_contact, 'other', '', 'CH', 'c') == ('c', 'validation.required')


def test_contact_of_unknown_type_is_refused() -> None:
    assert refusal(validate_contact, 'instagram', '@dufour', 'CH', 'c') == ('c', 'validation.not_in_list')
    assert refusal(validate_contact, '', '@dufour', 'CH', 'c') == ('c', 'validation.required')


# --- countries ---


def test_switzerland_is_the_default_and_first_country() -> None:
    assert DEFAULT_COUNTRY == 'CH'
    for language in LANGUAGES:
        assert country_choices(language)[0][0] == 'CH'


def test_country_names_follow_the_ui_language() -> None:
    french = dict(country_choices('fr'))
    assert french['CH'] == 'Suisse'
    assert french['DE'] == 'Allemagne'
    assert dict(country_choices('de'))['CH'] == 'Schweiz'
    assert country_name('IT', 'it') == 'Italia'
    assert country_name('GB', 'en') == 'United Kingdom'


def test_country_list_holds_only_real_countries() -> None:
    codes = {code for code, _ in country_choices('fr')}
    assert not codes & {'ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'IC', 'EA'}
    assert {'CH', 'LI', 'FR', 'US', 'XK', 'HK'} <= codes
    assert all(re.fullmatch('[A-Z]{2}', code) for code in codes)
    assert 240 <= len(codes) <= 255


def test_countries_are_sorted_alphabetically_ignoring_accents() -> None:
    french = [name for _, name in country_choices('fr')[1:]]
    assert french.index('Espagne') < french.index('États-Unis') < french.index('Éthiopie') < french.index('Fidji')
    german = [name for _, name in country_choices('de')[1:]]
    assert german.index('Norwegen') < german.index('Österreich') < german.index('Pakistan')


def test_country_list_cannot_be_changed_by_a_caller() -> None:
    country_choices('fr').clear()
    assert country_choices('fr')[0] == ('CH', 'Suisse')


def test_unknown_ui_language_falls_back_to_french_country_names() -> None:
    assert country_name('CH', 'xx') == 'Suisse'


def test_is_country_knows_real_codes_only() -> None:
    assert is_country('CH')
    assert not is_country('ZZ')
    assert not is_country('ch')


# --- catalogue ---


def _keys_used_in_code() -> set[str]:
    source = Path(validation.__file__).read_text(encoding='utf-8')
    used = set(re.findall(r"'((?:validation|contact_type|salutation)\.[a-z_]+)'", source))
    used |= {f'contact_type.{code}' for code in CONTACT_TYPES}
    used |= {f'salutation.{code}' for code in SALUTATIONS}
    return used


def test_every_message_and_label_exists_in_all_four_languages() -> None:
    texts = catalogue()
    used = _keys_used_in_code()
    assert 'validation.not_a_mobile' in used
    for key in sorted(used):
        assert key in texts, key
        for language in LANGUAGES:
            assert texts[key].get(language, '').strip(), f'{key} has no {language} text'


def test_catalogue_holds_no_unused_validation_texts() -> None:
    prefixes = ('validation.', 'contact_type.', 'salutation.')
    defined = {key for key in catalogue() if key.startswith(prefixes)}
    assert defined == _keys_used_in_code()


def test_every_language_names_the_country_in_its_own_words() -> None:
    for key, texts in catalogue().items():
        for language in LANGUAGES:
            for other in re.findall(r'\{country\[(\w+)\]\}', texts.get(language, '')):
                assert other == language, f'{key} in {language} uses the {other} country name'


def test_every_refusal_can_be_translated_in_all_four_languages() -> None:
    refusals = [
        refusal_message(require_text, '', 'f'),
        refusal_message(require_text, 'x' * 3, 'f', max_length=2),
        refusal_message(parse_birth_date, '31.02.1990'),
        refusal_message(normalise_mobile, '079 123 45'),
        refusal_message(normalise_phone, '022 12'),
        refusal_message(validate_postal_code, '1234', 'FR'),
        refusal_message(validate_postal_code, '120'),
    ]
    for message in refusals:
        for language in LANGUAGES:
            text = translate(message.key, language, **message.params)
            assert text != message.key
            assert '{' not in text


@pytest.mark.parametrize(('typed', 'number'), [('202356', 202356), (' 0003 ', 3), ('1000000', 1_000_000),
                                                ('', None), ('²', None), ('٣', None), ('12a', None), ('-3', None),
                                                ('1234567890', None)])
def test_a_record_number_is_ascii_digits_only(typed: str, number: int | None) -> None:
    assert record_number(typed) == number

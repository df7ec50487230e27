"""Checkers for what a customer types: each returns the normalised value or raises `ValidationFailed`.

The wizard pages and the services call the same functions, so a value is judged the same way everywhere.
Messages carry the country as a mapping language -> name (`{country[fr]}` in the catalogue), because the
page, not this module, knows the language it will show them in.
"""

import re
import unicodedata
from collections.abc import Collection
from datetime import date

import email_validator
import phonenumbers

from customer_pad.countries import DEFAULT_COUNTRY, country_name, is_country
from customer_pad.errors import Message, ValidationFailed
from customer_pad.i18n import LANGUAGES

SALUTATIONS: tuple[str, ...] = ('mr', 'ms', 'none')
CONTACT_TYPES: tuple[str, ...] = ('website', 'phone_private', 'phone_business', 'fax', 'email_secondary', 'other')
PHONE_CONTACT_TYPES = frozenset({'phone_private', 'phone_business', 'fax'})

NAME_MAX_LENGTH = 100
CONTACT_MAX_LENGTH = 200
WEBSITE_MAX_LENGTH = 500
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
MAX_AGE_YEARS = 120


RECORD_NUMBER_MAX_DIGITS = 9
_RECORD_NUMBER = re.compile(f'[0-9]{{1,{RECORD_NUMBER_MAX_DIGITS}}}')


def record_number(text: str | None) -> int | None:
    """A customer or wishlist number as typed or in an address (ASCII digits, leading zeros allowed), or None.

    isdigit() is not enough: "²" passes it and int() then fails; nine digits keep it inside every integer column.
    """
    text = (text or '').strip()
    return int(text) if _RECORD_NUMBER.fullmatch(text) else None


def _fail(field: str, key: str, **params: object) -> ValidationFailed:
    return ValidationFailed({field: Message(key, params)})


def _country_names(code: str) -> dict[str, str]:
    return {language: country_name(code, language) for language in LANGUAGES}


# --- text -------------------------------------------------------------------------------------------------

# Bidirectional embeddings, overrides and isolates can make a name display as something else than stored.
_BIDI_CONTROLS = frozenset({'LRE', 'RLE', 'PDF', 'LRO', 'RLO', 'LRI', 'RLI', 'FSI', 'PDI'})


def _is_forbidden_character(char: str) -> bool:
    if char in '\t\n\r':
        return False
    category = unicodedata.category(char)
    return category in {'Cc', 'Cs'} or (category == 'Cf' and unicodedata.bidirectional(char) in _BIDI_CONTROLS)


def without_forbidden_characters(text: str) -> str:
    """`text` without the characters no checked value holds (for what is only looked up, such as a search)."""
    return ''.join(char for char in text if not _is_forbidden_character(char))


def _clean_text(value: str | None, field: str, max_length: int) -> str:
    text = unicodedata.normalize('NFC', value or '')
    if any(_is_forbidden_character(char) for char in text):
        raise _fail(field, 'validation.control_characters')
    # Any run of whitespace (tabs, pasted line breaks) becomes one space: these are one-line fields.
    text = ' '.join(text.split())
    if len(text) > max_length:
        raise _fail(field, 'validation.too_long', max=max_length)
    return text


def require_text(value: str | None, field: str, max_length: int = NAME_MAX_LENGTH) -> str:
    """The text stripped, NFC-normalised, with single spaces; refused if empty, too long or with control chars."""
    text = _clean_text(value, field, max_length)
    if not text:
        raise _fail(field, 'validation.required')
    return text


def optional_text(value: str | None, field: str, max_length: int = NAME_MAX_LENGTH) -> str | None:
    """As `require_text`, but an empty value gives None."""
    return _clean_text(value, field, max_length) or None


def require_choice(value: str | None, choices: Collection[str], field: str) -> str:
    """`value` if it is one of `choices` (e.g. `SALUTATIONS`, `CONTACT_TYPES`, the languages)."""
    if not value:
        raise _fail(field, 'validation.required')
    if value not in choices:
        raise _fail(field, 'validation.not_in_list')
    return value


def validate_country(code: str | None, field: str = 'country') -> str:
    """The upper-case ISO alpha-2 code of a real country."""
    normalised = (code or '').strip().upper()
    if not normalised:
        raise _fail(field, 'validation.required')
    if not is_country(normalised):
        raise _fail(field, 'validation.not_in_list')
    return normalised


# --- dates ------------------------------------------------------------------------------------------------

_SWISS_DATE = re.compile(r'(\d{1,2})\.(\d{1,2})\.(\d{4})')
_ISO_DATE = re.compile(r'(\d{4})-(\d{2})-(\d{2})')


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def parse_date(text: str | None, field: str = 'date', *, picker_format: bool = False) -> date | None:
    """A day typed as dd.mm.yyyy (or d.m.yyyy), or given as yyyy-mm-dd by a date picker when `picker_format`;
    empty gives None. Refused: another format, a day that does not exist."""
    text = (text or '').strip()
    if not text:
        return None
    if match := _SWISS_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif picker_format and (match := _ISO_DATE.fullmatch(text)):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise _fail(field, 'validation.date_format')
    try:
        return date(year, month, day)
    except ValueError:
        raise _fail(field, 'validation.date_does_not_exist') from None


def parse_birth_date(text: str | None, field: str = 'birth_date', today: date | None = None) -> date | None:
    """A birth date as `parse_date` reads it (the date picker's format too); empty gives None.

    Refused besides: a date after today, before 1900 or more than 120 years ago.
    """
    birth_date = parse_date(text, field, picker_format=True)
    if birth_date is None:
        return None
    today = today or date.today()
    if birth_date > today:
        raise _fail(field, 'validation.birth_date_in_future')
    if birth_date < EARLIEST_BIRTH_DATE or birth_date <= _years_before(today, MAX_AGE_YEARS + 1):
        raise _fail(field, 'validation.birth_date_implausible')
    return birth_date


# --- e-mail and phone -------------------------------------------------------------------------------------


def validate_email(text: str | None, field: str = 'email') -> str:
    """The e-mail address normalised (domain in lower case); syntax only, no network look-up."""
    text = (text or '').strip()
    if not text:
        raise _fail(field, 'validation.required')
    try:
        return email_validator.validate_email(text, check_deliverability=False).normalized
    except email_validator.EmailNotValidError:
        raise _fail(field, 'validation.email_invalid') from None


_MOBILE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        # Countries such as the US and Canada do not tell mobile from fixed numbers.
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.UNKNOWN,
    }
)


def _parse_phone(text: str, country_code: str, field: str, invalid_key: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(text, country_code)
    except phonenumbers.NumberParseException:
        raise _fail(field, 'validation.phone_unreadable') from None
    if number.extension:
        raise _fail(field, 'validation.phone_extension')
    # phonenumbers reads letters as keypad digits (079-FLOWERS); a customer typing letters made a mistake.
    if any(char.isalpha() for char in text):
        raise _fail(field, 'validation.phone_unreadable')
    if not phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_country_code(number.country_code)
        if not is_country(region):
            raise _fail(field, 'validation.phone_unreadable')
        raise _fail(field, invalid_key, country=_country_names(region))
    return number


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_mobile(text: str | None, country_code: str = DEFAULT_COUNTRY, field: str = 'mobile') -> str | None:
    """A mobile number in E.164 (+41791234567); a national number is read in the customer's country.

    Empty gives None. Refused: unreadable, invalid for its country, or a fixed-line number.
    """
    text = (text or '').strip()
    if not text:
        return None
    number = _parse_phone(text, country_code, field, 'validation.mobile_invalid')
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise _fail(field, 'validation.not_a_mobile')
    return _e164(number)


def normalise_phone(text: str | None, country_code: str = DEFAULT_COUNTRY, field: str = 'phone') -> str | None:
    """Any valid phone number (fixed, mobile, …) in E.164; a national number is read in the customer's country.

    Empty gives None.
    """
    text = (text or '').strip()
    if not text:
        return None
    return _e164(_parse_phone(text, country_code, field, 'validation.phone_invalid'))



def display_phone(phone: str | None) -> str:
    """A stored phone number as printed and shown: "+41 44 614 51 11"; what cannot be read, unchanged; none: ''."""
    if not phone:
        return ''
    try:
        number = phonenumbers.parse(phone, DEFAULT_COUNTRY)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display_contact(type_code: str, value: str) -> str:
    """A contact row's value as shown and printed: phone and fax numbers grouped, the rest as stored."""
    return display_phone(value) if type_code in PHONE_CONTACT_TYPES else value

# --- postal code ------------------------------------------------------------------------------------------

# country -> (pattern over the upper-cased code with single spaces, separator to rebuild it, example).
# The separator joins the pattern's groups, so `sw1a1aa` is stored as `SW1A 1AA` and `12345` in Sweden as `123 45`.
_POSTAL_CODES: dict[str, tuple[str, str, str]] = {
    'CH': (r'(\d{4})', '', '1201'),
    'LI': (r'(\d{4})', '', '9490'),
    'AT': (r'(\d{4})', '', '1010'),
    'AU': (r'(\d{4})', '', '2000'),
    'BE': (r'(\d{4})', '', '1000'),
    'BG': (r'(\d{4})', '', '1000'),
    'DK': (r'(\d{4})', '', '1050'),
    'HU': (r'(\d{4})', '', '1051'),
    'LU': (r'(\d{4})', '', '1009'),
    'NO': (r'(\d{4})', '', '0150'),
    'NZ': (r'(\d{4})', '', '6011'),
    'SI': (r'(\d{4})', '', '1000'),
    'ZA': (r'(\d{4})', '', '8001'),
    'DE': (r'(\d{5})', '', '10115'),
    'FR': (r'(\d{5})', '', '75008'),
    'IT': (r'(\d{5})', '', '20121'),
    'ES': (r'(\d{5})', '', '28001'),
    'MC': (r'(980\d{2})', '', '98000'),
    'FI': (r'(\d{5})', '', '00100'),
    'EE': (r'(\d{5})', '', '10111'),
    'HR': (r'(\d{5})', '', '10000'),
    'TR': (r'(\d{5})', '', '34000'),
    'MX': (r'(\d{5})', '', '06000'),
    'UA': (r'(\d{5})', '', '01001'),
    'KR': (r'(\d{5})', '', '03187'),
    'CZ': (r'(\d{3}) ?(\d{2})', ' ', '110 00'),
    'SK': (r'(\d{3}) ?(\d{2})', ' ', '811 01'),
    'GR': (r'(\d{3}) ?(\d{2})', ' ', '105 57'),
    'SE': (r'(\d{3}) ?(\d{2})', ' ', '114 55'),
    'PL': (r'(\d{2})-?(\d{3})', '-', '00-950'),
    'PT': (r'(\d{4})[- ]?(\d{3})', '-', '1100-148'),
    'JP': (r'(\d{3})-?(\d{4})', '-', '100-0001'),
    'BR': (r'(\d{5})-?(\d{3})', '-', '01310-100'),
    'NL': (r'([1-9]\d{3}) ?([A-Z]{2})', ' ', '1012 AB'),
    'GB': (r'([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})', ' ', 'SW1A 1AA'),
    'CA': (r'([A-Z]\d[A-Z]) ?(\d[A-Z]\d)', ' ', 'H2X 1Y4'),
    'US': (r'(\d{5})(?:[- ]?(\d{4}))?', '-', '10001'),
    'CN': (r'(\d{6})', '', '100000'),
    'IN': (r'(\d{3}) ?(\d{3})', '', '110001'),
    'RU': (r'(\d{6})', '', '101000'),
    'SG': (r'(\d{6})', '', '018956'),
    'IL': (r'(\d{7})', '', '6100000'),
}

# How people in Switzerland often write a code with the country in front: CH-1201, F-74100, D-79539.
_COUNTRY_PREFIXES: dict[str, tuple[str, ...]] = {
    'CH': ('CH',),
    'LI': ('FL', 'LI'),
    'DE': ('D', 'DE'),
    'FR': ('F', 'FR'),
    'IT': ('I', 'IT'),
    'AT': ('A', 'AT'),
}

# Addresses in these countries usually have no postal code, so an empty one is accepted.
_WITHOUT_POSTAL_CODE = frozenset('AE AG AO AW BS BW BZ CW DM FJ GD GY HK IE KN MO QA SR TV UG VU ZW'.split())

_ANY_POSTAL_CODE = re.compile(r'[A-Z0-9](?:[A-Z0-9 -]{0,8}[A-Z0-9])?')


def _without_country_prefix(code: str, country_code: str) -> str:
    for prefix in _COUNTRY_PREFIXES.get(country_code, ()):
        for separator in ('-', ' '):
            if code.startswith(prefix + separator):
                return code[len(prefix) + 1 :].strip()
    return code


def validate_postal_code(code: str | None, country_code: str = DEFAULT_COUNTRY, field: str = 'postal_code') -> str:
    """The postal code normalised (upper case, single spaces, the country's own layout).

    Switzerland and Liechtenstein: exactly 4 digits. Countries in the table: their format. Any other country:
    1–10 letters, digits, spaces or hyphens, so that no real foreign address is refused.
    """
    # Full-width digits become ASCII; other scripts' digits stay and are refused (a letter needs ASCII ones).
    normalised = ' '.join(unicodedata.normalize('NFKC', code or '').upper().split())
    country_code = country_code.upper()
    if not normalised:
        if country_code in _WITHOUT_POSTAL_CODE:
            return ''
        raise _fail(field, 'validation.required')
    known_format = _POSTAL_CODES.get(country_code)
    if known_format is None:
        if not _ANY_POSTAL_CODE.fullmatch(normalised):
            raise _fail(field, 'validation.postal_code_characters')
        return normalised
    pattern, separator, example = known_format
    for candidate in (normalised, _without_country_prefix(normalised, country_code)):
        if match := re.fullmatch(pattern, candidate, re.ASCII):
            return separator.join(part for part in match.groups() if part)
    if country_code == 'CH':
        raise _fail(field, 'validation.postal_code_ch')
    raise _fail(field, 'validation.postal_code_format', country=_country_names(country_code), example=example)


# --- extra contacts ---------------------------------------------------------------------------------------

_LABEL = r'[^\W_](?:[\w-]{0,61}[^\W_])?'  # letters/digits (also accented, for IDN hosts), inner hyphens
_WEBSITE = re.compile(
    rf'(?:(?P<scheme>https?)://)?(?P<host>(?:{_LABEL}\.)+(?:[^\W\d_]{{2,}}|xn--[a-z0-9-]+))'
    r'(?P<port>:\d{1,5})?(?P<rest>[/?#][^\s"<>\\^`{|}]*)?',
    re.IGNORECASE,
)


def validate_website(text: str | None, field: str = 'website') -> str:
    """A website address as typed (`www.dufour.com` or `https://…`), scheme and host in lower case.

    Only http and https are allowed; `javascript:`, `mailto:` and the like are refused.
    """
    text = require_text(text, field, WEBSITE_MAX_LENGTH)
    match = _WEBSITE.fullmatch(text)
    if match is None:
        raise _fail(field, 'validation.website_invalid')
    scheme = f'{match["scheme"].lower()}://' if match['scheme'] else ''
    website = f'{scheme}{match["host"].lower()}{match["port"] or ""}{match["rest"] or ""}'
    if len(website) > WEBSITE_MAX_LENGTH:  # lower case can be longer: "İ" becomes "i" and a combining dot
        raise _fail(field, 'validation.too_long', max=WEBSITE_MAX_LENGTH)
    return website


def validate_contact(
    type_code: str | None, value: str | None, country_code: str = DEFAULT_COUNTRY, field: str = 'contact'
) -> str:
    """One extra contact row: the value checked and normalised according to its type (see `CONTACT_TYPES`).

    Errors about the type and about the value are both reported under `field`.
    """
    type_code = require_choice(type_code, CONTACT_TYPES, field)
    if type_code == 'website':
        return validate_website(value, field)
    if type_code == 'email_secondary':
        return validate_email(value, field)
    if type_code in PHONE_CONTACT_TYPES:
        number = normalise_phone(value, country_code, field)
        if number is None:
            raise _fail(field, 'validation.required')
        return number
    return require_text(value, field, CONTACT_MAX_LENGTH)

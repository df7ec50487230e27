"""Countries for the address: ISO 3166-1 alpha-2 codes with their names in the UI languages (from Babel)."""

import unicodedata
from functools import cache

from babel import Locale

from customer_pad.i18n import normalise_language

DEFAULT_COUNTRY = 'CH'

# CLDR also lists regions that are not countries: user-assigned codes (AA, QM–QZ, XA–XZ, ZZ; Kosovo's XK
# stays), groupings (EU, EZ, UN) and codes reserved for postal or phone use (AC, CP, CQ, DG, EA, IC, TA).
_NOT_COUNTRIES = frozenset({'EU', 'EZ', 'UN', 'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA'})


def _is_real_country(code: str) -> bool:
    if not (len(code) == 2 and code.isascii() and code.isalpha()) or code in _NOT_COUNTRIES:
        return False
    user_assigned = code in {'AA', 'ZZ'} or 'QM' <= code <= 'QZ' or (code.startswith('X') and code != 'XK')
    return not user_assigned


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code in Locale.parse('en').territories if _is_real_country(code))


@cache
def _names(language: str) -> dict[str, str]:
    # Swiss variants of the locales: e.g. de_CH writes 'Simbabwe' as 'Zimbabwe', en_CH drops 'St.' dots.
    territories = Locale.parse(f'{language}_CH').territories
    return {code: territories.get(code, code) for code in _country_codes()}


def _sort_key(name: str) -> str:
    # Accent-folded so 'Égypte' sorts among the E and 'Österreich' among the O, as a reader expects.
    decomposed = unicodedata.normalize('NFKD', name.casefold().replace('œ', 'oe').replace('æ', 'ae'))
    return ''.join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _names(language)
    others = sorted(
        (code for code in names if code != DEFAULT_COUNTRY), key=lambda code: (_sort_key(names[code]), code)
    )
    return ((DEFAULT_COUNTRY, names[DEFAULT_COUNTRY]), *((code, names[code]) for code in others))


def country_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) of every country in `language`, Switzerland first, then alphabetical by name."""
    return list(_choices(normalise_language(language)))


def country_name(code: str, language: str) -> str:
    """The name of the country `code` in `language`; an unknown code is returned as is."""
    return _names(normalise_language(language)).get(code, code)


def is_country(code: str) -> bool:
    """Whether `code` is the upper-case ISO alpha-2 code of a real country or territory."""
    return code in _country_codes()

"""The postal address of a customer and the one function that lays it out the Swiss way."""

from dataclasses import dataclass

from customer_pad.countries import DEFAULT_COUNTRY, country_name
from customer_pad.i18n import normalise_language, translate

# Languages that put the courtesy title (Monsieur, Herr, Signora) on a line of its own above the name;
# English writes it before the name ("Ms Kim Tschantre").
_SALUTATION_ON_OWN_LINE = frozenset({'fr', 'de', 'it'})


@dataclass(frozen=True)
class PostalAddress:
    """Who and where to write to; the services fill it from a customer row (empty fields may be None)."""

    last_name: str
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_code: str = DEFAULT_COUNTRY
    salutation: str | None = 'none'  # 'mr' | 'ms' | 'none'
    title: str | None = None
    first_name: str | None = None
    company: str | None = None
    po_box: str | None = None  # PO box or address complement


def person_name(first_name: str | None, last_name: str | None, company: str | None) -> str:
    """"Kim Tschantre": how screens and documents name a customer; the company when there is no name."""
    return ' '.join(part for part in (first_name, last_name) if part) or company or ''

def _clean(value: str | None) -> str:
    return ' '.join((value or '').split())


def courtesy_title(salutation: str | None, language: str) -> str:
    """"Monsieur" / "Herr" / "Signor" / "Mr" for 'mr', the feminine for 'ms', empty for anything else."""
    if salutation not in {'mr', 'ms'}:
        return ''
    return translate(f'letter.address.{salutation}', language)


def format_address_block(address: PostalAddress, language: str, sender_country: str = DEFAULT_COUNTRY) -> list[str]:
    """The lines of the address as written on a Swiss letter, without empty lines.

    Company, courtesy title (own line in French, German, Italian), title and name, street, PO box or
    complement, "postal code city", and the country in the letter's language only when it differs from
    the sender's country (Swiss Post: no country line for domestic mail).
    """
    language = normalise_language(language)
    courtesy = courtesy_title(address.salutation, language)
    title = _clean(address.title)
    if language in _SALUTATION_ON_OWN_LINE:
        salutation_line, name_prefix = courtesy, title
    else:
        salutation_line, name_prefix = '', title or courtesy
    name_line = ' '.join(part for part in (name_prefix, _clean(address.first_name), _clean(address.last_name)) if part)
    locality = ' '.join(part for part in (_clean(address.postal_code), _clean(address.city)) if part)
    country_code = _clean(address.country_code).upper() or DEFAULT_COUNTRY
    country = country_name(country_code, language) if country_code != sender_country.upper() else ''
    lines = (_clean(address.company), salutation_line, name_line, _clean(address.street), _clean(address.po_box),
             locality, country)
    return [line for line in lines if line]

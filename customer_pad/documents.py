"""What the printed documents say, as plain frozen dataclasses: no layout and no ReportLab.

The services fill these from their rows; `customer_pad.letters` (letter, receipt) and `customer_pad.data_export`
(the nLPD summary) lay them out. Keeping them apart lets the app start without importing ReportLab, which is
loaded on the first document printed.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from customer_pad.addresses import PostalAddress
from customer_pad.countries import DEFAULT_COUNTRY
from customer_pad.signatures import Signature

LetterAddress = PostalAddress
"""The recipient of a letter: the same address the screens show (see `customer_pad.addresses`)."""

WindowSide = Literal['left', 'right']
ConsentPurpose = Literal['legal', 'marketing', 'wishlist']


@dataclass(frozen=True)
class BranchLetterhead:
    """The boutique a document comes from, as printed in the letterhead."""

    name: str
    street: str
    postal_code: str
    city: str
    letter_town: str | None = None  # the place before the date ("Coppet, 07.10.2022"); the city when None
    country_code: str = DEFAULT_COUNTRY
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class WishlistLetter:
    """Everything the wishlist request letter (template *Standard*) prints, in the customer's language."""

    language: str  # 'fr' | 'de' | 'it' | 'en'
    branch: BranchLetterhead
    address: PostalAddress
    entry_number: int
    entry_date: date
    category: str  # "Horlogerie | Montre": the last part names the article ("Montre")
    brand: str
    model: str
    reference: str
    characteristics: Sequence[tuple[str, str]] = ()  # (name, value) in the article's order
    acknowledgement: str | None = None  # body of the wishlist text the customer acknowledged; "- " starts a point
    acknowledgement_title: str | None = None  # its title; the standard heading when None
    signature: Signature | None = None
    signed_on: date | None = None
    window: WindowSide = 'left'


@dataclass(frozen=True)
class ConsentChoice:
    """One text the customer was shown and what they chose."""

    purpose: ConsentPurpose
    version: int | str
    text_sha256: str  # hex SHA-256 of the text as shown; the receipt prints its first 12 characters
    accepted: bool


@dataclass(frozen=True)
class ConsentReceipt:
    """The customer's copy of one signing: who, when, where, with whom, which texts, which choices."""

    language: str
    branch: BranchLetterhead
    customer_name: str
    customer_number: int | str
    signed_at: datetime  # timezone-aware; printed in Swiss time
    acting_employee: str
    choices: Sequence[ConsentChoice]
    fingerprint: str  # hex SHA-256 of the consent record
    signature: Signature | None = None


@dataclass(frozen=True)
class SummaryTable:
    """Rows under a header; `widths` are fractions of the text width, one per column."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class SummarySection:
    """A heading, then label/value lines, a paragraph of text and/or a table (each optional)."""

    title: str
    fields: tuple[tuple[str, str], ...] = ()
    text: str = ''
    table: SummaryTable | None = None


@dataclass(frozen=True)
class DataSummary:
    """The summary's content, every text already in the customer's language."""

    language: str
    title: str
    intro: str
    branch: BranchLetterhead | None
    sections: tuple[SummarySection, ...] = field(default_factory=tuple)
    closing: str = ''
    footer: str = ''
    author: str = ''

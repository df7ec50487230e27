"""Text folding for accent- and case-insensitive search (`dufour` finds Dufour, `geneve` Genève)."""

import unicodedata

from customer_pad.validation import without_forbidden_characters


def fold_for_search(text: str) -> str:
    """Lower case without accents or extra spaces; stored in an indexed column and applied to queries.

    Characters no stored value can hold (NUL and other controls, lone surrogates) are dropped: the database
    would refuse them in a query (PostgreSQL any NUL, every driver a lone surrogate).
    """
    decomposed = unicodedata.normalize('NFKD', without_forbidden_characters(text).casefold())
    stripped = ''.join(char for char in decomposed if not unicodedata.combining(char))
    return ' '.join(stripped.replace('ł', 'l').replace('ø', 'o').replace('đ', 'd').split())


def fold_for_column(text: str, length: int) -> str:
    """`text` folded for search and cut to a column of `length`: folding can make it longer ("ß" → "ss")."""
    return fold_for_search(text)[:length]


ARTICLE_SEARCH_LENGTH = 300
"""The length of `article.search_text`: brand (80), model (120) and reference (60), their spaces, and room for
folding to lengthen them ("ß" → "ss")."""


def article_search_text(brand: str | None, model: str | None, reference: str | None) -> str:
    """What the wishlist search matches an article on: its brand, model and reference, folded."""
    return fold_for_column(' '.join(part for part in (brand, model, reference) if part), ARTICLE_SEARCH_LENGTH)

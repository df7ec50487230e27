"""Text folding for accent- and case-insensitive search (`dufour` finds Dufour, `geneve` Genève)."""

import unicodedata


def fold_for_search(text: str) -> str:
    """Lower case without accents or extra spaces; stored in an indexed column and applied to queries."""
    decomposed = unicodedata.normalize('NFKD', text.casefold())
    stripped = ''.join(char for char in decomposed if not unicodedata.combining(char))
    return ' '.join(stripped.replace('ł', 'l').replace('ø', 'o').replace('đ', 'd').split())

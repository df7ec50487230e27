"""One page of a list's results (the back office's wishlists and customers)."""

from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar('Row')

COUNT_CAP = 1000
"""Searches count their matches up to this many, then say "1'000+": a count costs at most as much as a page."""


@dataclass(frozen=True)
class ResultPage(Generic[Row]):
    """One page of search results; `page` counts from 1."""

    rows: tuple[Row, ...]
    total: int
    """How many rows match (at most a cap when `more` is set)."""
    page: int
    page_size: int
    more: bool = False
    """More than `total` rows match: the count stopped at its cap, and the pages go as far as the cap."""

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

"""The shapes of the back office's list screens: `Listing` (a hint and a **new** button, a message line, and the
rows, reloaded from their service after every change) and `Pager` (the footer of a paged search)."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from nicegui import ui

from components.background import call
from components.localisation import current_language, t
from customer_pad.errors import AccessDenied, StorageUnavailable
from customer_pad.i18n import format_count
from customer_pad.paging import ResultPage


class Listing:
    """Build it inside the page frame; `show()` (re)loads the rows with `load` and draws each with `draw_row`."""

    def __init__(self, *, hint: str, new_label: str, new_icon: str, on_new: Callable[[], Any], marker: str,
                 new_marker: str, load: Callable[[], Sequence[Any]], draw_row: Callable[[Any], None]) -> None:
        self._load, self._draw_row = load, draw_row
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(hint).classes('text-sm text-gray-600 grow')
            ui.button(new_label, icon=new_icon, on_click=on_new).props('unelevated no-caps').mark(new_marker)
        self.error = ui.label('').classes('cp-field-error').mark(f'{marker}-error')
        self.rows = ui.column().classes('w-full gap-2').mark(marker)

    async def show(self) -> None:
        try:
            rows = await call(self._load)
        except StorageUnavailable:
            self.error.set_text(t('common.read_failed'))
            return
        except AccessDenied:
            self.error.set_text(t('access.not_allowed'))
            return
        self.rows.clear()
        with self.rows:
            for row in rows:
                self._draw_row(row)


class Pager:
    """Under a paged search table: how many match, optional buttons, and previous / "page / pages" / next.

    Build it inside the page frame; `go_to(page)` runs the search for that page, `show()` fills it from the result.
    A count that stopped at the service's cap reads "1'000+ …", and the page count gets a "+".
    """

    def __init__(self, *, marker: str, go_to: Callable[[int], Awaitable[None]], count_key: str, more_key: str,
                 previous_label: str, next_label: str, buttons: Callable[[], None] | None = None) -> None:
        self._count_key, self._more_key = count_key, more_key
        self.page = 1
        with ui.row().classes('w-full items-center gap-2'):
            self._summary = ui.label('').classes('text-sm text-gray-600').mark(f'{marker}-count')
            ui.space()
            if buttons is not None:
                buttons()
            with ui.row().classes('items-center gap-1 no-wrap'):
                self._previous = ui.button(icon='chevron_left', on_click=lambda: go_to(self.page - 1)) \
                    .props(f'flat round aria-label="{previous_label}"').mark(f'{marker}-page-previous')
                self._label = ui.label('').classes('text-sm tabular-nums').mark(f'{marker}-page')
                self._next = ui.button(icon='chevron_right', on_click=lambda: go_to(self.page + 1)) \
                    .props(f'flat round aria-label="{next_label}"').mark(f'{marker}-page-next')

    def show(self, result: ResultPage[Any]) -> None:
        self.page = result.page
        if result.more:
            self._summary.set_text(t(self._more_key, total=format_count(result.total, current_language())))
        else:
            self._summary.set_text(t(self._count_key, total=result.total))
        self._label.set_text(f'{result.page} / {result.page_count}{"+" if result.more else ""}')
        self._previous.set_enabled(result.page > 1)
        self._next.set_enabled(result.page < result.page_count)

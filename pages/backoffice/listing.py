"""The shape of the back office's list screens: a hint and a **new** button, a message line, and the rows,
reloaded from their service after every change."""

from collections.abc import Callable, Sequence
from typing import Any

from nicegui import ui

from components.background import call
from components.localisation import t
from customer_pad.errors import AccessDenied, StorageUnavailable


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
            self.error.set_text(t('common.save_failed'))
            return
        except AccessDenied:
            self.error.set_text(t('access.not_allowed'))
            return
        self.rows.clear()
        with self.rows:
            for row in rows:
                self._draw_row(row)

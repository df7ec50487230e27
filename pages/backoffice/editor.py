"""The back office's edit dialogs: fields with their messages next to them, a message line, Annuler and a save
button; the dialog stays open, with everything typed, until the service accepts the values."""

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from components.background import call
from components.localisation import message_text, t
from customer_pad.errors import AccessDenied, Message, NotFound, StorageUnavailable, ValidationFailed


class EditorDialog:
    """Subclasses build their inputs inside `with self.card:`, register them in `fields` under the service's
    field names, then call `add_buttons`."""

    def __init__(self, on_saved: Callable[[], Awaitable[None]], width: str = '30rem') -> None:
        self.on_saved = on_saved
        self.fields: dict[str, Any] = {}
        with ui.dialog() as self.dialog, ui.card().classes(f'p-6 gap-3 w-[{width}] max-w-full') as self.card:
            self.title = ui.label('').classes('text-lg font-semibold')

    def add_buttons(self, save_label: str, save_marker: str, on_save: Callable[[], Awaitable[None]],
                    error_marker: str | None = None) -> None:
        with self.card:
            self.error = ui.label('').classes('cp-field-error')
            if error_marker:
                self.error.mark(error_marker)
            with ui.row().classes('w-full justify-end gap-2'):
                ui.button(t('admin.cancel'), on_click=self.dialog.close).props('flat no-caps')
                ui.button(save_label, on_click=on_save).props('unelevated no-caps').mark(save_marker)

    def open_with(self, title: str) -> None:
        """Show the dialog (the subclass has filled the fields) without old messages."""
        self.title.set_text(title)
        self.clear_messages()
        self.dialog.open()

    def clear_messages(self) -> None:
        for element in self.fields.values():
            if isinstance(element, ValidationElement):
                element.error = None
        self.error.set_text('')

    def show_errors(self, errors: dict[str, Message]) -> None:
        """Each message next to its field; those of fields without a place for one on the message line."""
        for name, message in errors.items():
            element = self.fields.get(name)
            if isinstance(element, ValidationElement):
                element.error = message_text(message)
            else:
                self.error.set_text(message_text(message))

    async def submit(self, action: Callable[..., Any], *args: Any, saved: str = 'admin.saved', **kwargs: Any) -> bool:
        """Run the service `action`; on success close, say `saved` and reload the list. False: the dialog stays."""
        self.clear_messages()
        try:
            await call(action, *args, **kwargs)
        except ValidationFailed as failure:
            self.show_errors(failure.errors)
            return False
        except StorageUnavailable:
            self.error.set_text(t('common.save_failed'))
            return False
        except NotFound:  # someone else removed it meanwhile: the list, reloaded, shows that
            self.error.set_text(t('admin.gone'))
            await self.on_saved()
            return False
        except AccessDenied:
            self.error.set_text(t('access.not_allowed'))
            return False
        self.dialog.close()
        ui.notify(t(saved), type='positive')
        await self.on_saved()
        return True

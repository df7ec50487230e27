"""Back office for marketing interest lists (managers): names per language, active, *Ecran client Web*, the
number of customers per list and the CSV of a list's opted-in customers for a mailing."""

from typing import Any

from nicegui import ui

from components.background import call
from components.frame import frame
from components.localisation import current_language, t
from customer_pad.auth import SessionUser
from customer_pad.errors import AccessDenied, Conflict, NotFound, StorageUnavailable
from customer_pad.i18n import LANGUAGE_NAMES, LANGUAGES
from customer_pad.services.marketing_lists import (
    NAME_MAX_LENGTH,
    MarketingListRow,
    marketing_lists,
    opted_in_mailing,
    remove_marketing_list,
    save_marketing_list,
    set_marketing_list_flags,
)
from pages.backoffice.editor import EditorDialog
from pages.backoffice.listing import Listing
from pages.backoffice.nav import backoffice_nav

PATH = '/backoffice/marketing-lists'


async def marketing_lists_page(user: SessionUser) -> None:
    """Every list with its flags and customer count; create, rename, switch, export, remove."""
    async with frame(user, t('admin.lists.title')):
        backoffice_nav(user, PATH)
        listing = Listing(hint=t('admin.lists.hint'), new_label=t('admin.lists.new'), new_icon='add',
                          on_new=lambda: editor.open_for(None), marker='lists', new_marker='list-new',
                          load=lambda: marketing_lists(acting_role=user.role),
                          draw_row=lambda row: _list_row(user, row, editor, listing.show, listing.error))
    editor = _ListEditor(user, listing.show)
    await listing.show()


def _list_row(user: SessionUser, row: MarketingListRow, editor: '_ListEditor', reload: Any,
              page_error: ui.label) -> None:
    language = current_language()

    async def switch(event: Any, flag: str) -> None:
        page_error.set_text('')
        try:
            await call(set_marketing_list_flags, row.id, acting_role=user.role, **{flag: bool(event.value)})
        except (StorageUnavailable, NotFound, AccessDenied):
            page_error.set_text(t('common.save_failed'))
            await reload()

    async def export() -> None:
        page_error.set_text('')
        try:
            mailing = await call(opted_in_mailing, row.id, acting_role=user.role)
        except (StorageUnavailable, NotFound, AccessDenied):
            page_error.set_text(t('common.read_failed'))
            return
        ui.download.content(mailing.content, mailing.filename, 'text/csv')
        ui.notify(t('admin.lists.exported', count=mailing.customer_count), type='positive')

    with ui.card().classes('cp-card w-full px-4 py-3').mark(f'list-row-{row.id}'):
        with ui.row().classes('w-full items-center gap-x-4 gap-y-2'):
            with ui.column().classes('gap-0 grow min-w-[12rem]'):
                ui.label(row.name(language)).classes('font-semibold' + ('' if row.active else ' text-gray-500'))
                others = [f'{code.upper()}: {row.names[code]}' for code in LANGUAGES
                          if code != language and row.names[code]]
                ui.label(' · '.join(others)).classes('text-xs text-gray-500')
                ui.label(t('admin.lists.customer_count', count=row.customer_count)).classes('text-sm text-gray-600') \
                    .mark(f'list-count-{row.id}')
            with ui.row().classes('items-center gap-x-3 gap-y-0 no-wrap'):
                ui.switch(t('admin.lists.active'), value=row.active,
                          on_change=lambda event: switch(event, 'active')).mark(f'list-active-{row.id}')
                ui.switch(t('admin.lists.shown'), value=row.shown_on_customer_screen,
                          on_change=lambda event: switch(event, 'shown_on_customer_screen')) \
                    .mark(f'list-shown-{row.id}')
            with ui.row().classes('gap-0 no-wrap'):
                ui.button(icon='edit', on_click=lambda: editor.open_for(row)) \
                    .props(f'flat round aria-label="{t("admin.edit")}"').tooltip(t('admin.edit')) \
                    .mark(f'list-edit-{row.id}')
                ui.button(icon='file_download', on_click=export) \
                    .props(f'flat round aria-label="{t("admin.lists.export")}"').tooltip(t('admin.lists.export')) \
                    .mark(f'list-export-{row.id}')
                ui.button(icon='delete', on_click=lambda: _confirm_remove(user, row, reload, page_error)) \
                    .props(f'flat round aria-label="{t("admin.lists.remove")}"').tooltip(t('admin.lists.remove')) \
                    .mark(f'list-remove-{row.id}')


def _confirm_remove(user: SessionUser, row: MarketingListRow, reload: Any, page_error: ui.label) -> None:
    async def remove() -> None:
        dialog.close()
        try:
            outcome = await call(remove_marketing_list, row.id, acting_role=user.role)
        except (StorageUnavailable, NotFound, AccessDenied, Conflict):
            page_error.set_text(t('common.save_failed'))
            return
        ui.notify(t(f'admin.lists.{outcome}'), type='positive')
        await reload()

    with ui.dialog() as dialog, ui.card().classes('p-6 gap-4 max-w-md'):
        ui.label(t('admin.lists.remove_question', name=row.name(current_language()))).classes('text-lg')
        if row.customer_count:
            ui.label(t('admin.lists.remove_linked', count=row.customer_count)).classes('text-sm text-gray-600')
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('admin.cancel'), on_click=dialog.close).props('flat no-caps')
            ui.button(t('admin.lists.deactivate' if row.customer_count else 'admin.lists.remove'), on_click=remove) \
                .props('unelevated color=negative no-caps').mark('list-remove-confirm')
    dialog.open()


class _ListEditor(EditorDialog):
    """The dialog that creates a list or renames one; messages stand next to the fields, the form stays open."""

    def __init__(self, user: SessionUser, on_saved: Any) -> None:
        super().__init__(on_saved, width='34rem')
        self.user = user
        self.list_id: int | None = None
        with self.card:
            for language in LANGUAGES:
                label = f'{t("admin.lists.name")} ({LANGUAGE_NAMES[language]})' + ('*' if language == 'fr' else '')
                self.fields[f'name_{language}'] = ui.input(label) \
                    .props(f'outlined dense maxlength={NAME_MAX_LENGTH}').classes('w-full') \
                    .mark(f'list-name-{language}').without_auto_validation()
            self.active = ui.checkbox(t('admin.lists.active')).mark('list-form-active')
            self.shown = ui.checkbox(t('admin.lists.shown')).mark('list-form-shown')
        self.add_buttons(t('admin.save'), 'list-save', self.save, error_marker='list-form-error')

    def open_for(self, row: MarketingListRow | None) -> None:
        self.list_id = row.id if row else None
        for language in LANGUAGES:
            self.fields[f'name_{language}'].value = row.names[language] if row else ''
        self.active.value = row.active if row else True
        self.shown.value = row.shown_on_customer_screen if row else False
        self.open_with(t('admin.lists.edit_title' if row else 'admin.lists.new'))

    async def save(self) -> None:
        names = {language: self.fields[f'name_{language}'].value or '' for language in LANGUAGES}
        await self.submit(save_marketing_list, self.list_id, names, bool(self.active.value), bool(self.shown.value),
                          acting_role=self.user.role)

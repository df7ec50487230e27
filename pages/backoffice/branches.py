"""Back office for branches (managers): address and contacts of the letterhead, the town written on letters and
the side of the envelope window the request letter is laid out for."""

from dataclasses import fields
from typing import Any

from nicegui import ui

from components.frame import frame
from components.localisation import current_language, t
from customer_pad.auth import SessionUser
from customer_pad.countries import country_choices, country_name
from customer_pad.services.branches import LETTER_WINDOWS, BranchForm, BranchRow, list_branches, save_branch
from pages.backoffice.editor import EditorDialog
from pages.backoffice.listing import Listing
from pages.backoffice.nav import backoffice_nav

PATH = '/backoffice/branches'
REQUIRED = frozenset({'name', 'street', 'postal_code', 'city', 'country_code', 'letter_town', 'letter_window'})


async def branches_page(user: SessionUser) -> None:
    """Every branch with its letter settings; create and edit."""
    async with frame(user, t('admin.branches.title')):
        backoffice_nav(user, PATH)
        listing = Listing(hint=t('admin.branches.hint'), new_label=t('admin.branches.new'), new_icon='add_business',
                          on_new=lambda: editor.open_for(None), marker='branches', new_marker='branch-new',
                          load=list_branches, draw_row=lambda row: _branch_card(row, editor))
    editor = _BranchEditor(user, listing.show)
    await listing.show()


def _branch_card(row: BranchRow, editor: '_BranchEditor') -> None:
    language = current_language()
    with ui.card().classes('cp-card w-full px-5 py-4').mark(f'branch-{row.id}'):
        with ui.row().classes('w-full items-start gap-x-8 gap-y-2'):
            with ui.column().classes('gap-0 grow min-w-[14rem]'):
                ui.label(row.name).classes('font-semibold text-lg')
                ui.label(row.street)
                ui.label(f'{row.postal_code} {row.city}')
                if row.country_code != 'CH':
                    ui.label(country_name(row.country_code, language))
                if row.phone or row.email:
                    ui.label(' · '.join(part for part in (row.phone, row.email) if part)) \
                        .classes('text-sm text-gray-600')
            with ui.column().classes('gap-0'):
                ui.label(t('admin.branches.letter_town_is', town=row.letter_town)).mark(f'branch-town-{row.id}')
                ui.label(t(f'admin.branches.window.{row.letter_window}')).classes('text-sm text-gray-600') \
                    .mark(f'branch-window-{row.id}')
                ui.label(t('admin.branches.employees', count=row.employee_count)).classes('text-sm text-gray-600')
            ui.button(icon='edit', on_click=lambda: editor.open_for(row)) \
                .props(f'flat round aria-label="{t("admin.edit")}"').tooltip(t('admin.edit')) \
                .mark(f'branch-edit-{row.id}')


class _BranchEditor(EditorDialog):
    """The branch form in a dialog; a refused save keeps what was typed and says why next to each field."""

    def __init__(self, user: SessionUser, on_saved: Any) -> None:
        super().__init__(on_saved, width='40rem')
        self.user = user
        self.branch_id: int | None = None
        language = current_language()
        with self.card:
            with ui.grid(columns='repeat(auto-fit, minmax(14rem, 1fr))').classes('w-full gap-x-3 gap-y-1'):
                for name in ('name', 'street', 'postal_code', 'city'):
                    self._add(name, ui.input(self._label(name)).props('outlined dense'))
                self._add('country_code', ui.select(dict(country_choices(language)), label=self._label('country_code'),
                                                    with_input=True).props('outlined dense'))
                self._add('letter_town', ui.input(self._label('letter_town')).props('outlined dense'))
                self._add('phone', ui.input(self._label('phone')).props('outlined dense type=tel'))
                self._add('email', ui.input(self._label('email')).props('outlined dense type=email'))
            ui.label(self._label('letter_window')).classes('text-sm text-gray-600 pt-1')
            self._add('letter_window', ui.radio({side: t(f'admin.branches.window.{side}') for side in LETTER_WINDOWS})
                      .props('inline'))
        self.add_buttons(t('admin.save'), 'branch-save', self.save)

    @staticmethod
    def _label(name: str) -> str:
        return t(f'admin.branches.field.{name}') + ('*' if name in REQUIRED else '')

    def _add(self, name: str, element: Any) -> None:
        self.fields[name] = element.classes('w-full').mark(f'branch-field-{name}')
        if hasattr(element, 'without_auto_validation'):
            element.without_auto_validation()

    def open_for(self, row: BranchRow | None) -> None:
        self.branch_id = row.id if row else None
        form = row.form() if row else BranchForm()
        for name, element in self.fields.items():
            element.value = getattr(form, name)
        self.open_with(t('admin.branches.edit_title' if row else 'admin.branches.new'))

    async def save(self) -> None:
        form = BranchForm(**{item.name: self.fields[item.name].value or '' for item in fields(BranchForm)})
        await self.submit(save_branch, self.branch_id, form, acting_role=self.user.role)

"""Back office for employees and logins (managers): names, branches, active; user names, roles, passwords,
lock-outs. Passwords are typed into password fields, sent to the service to be hashed, and never shown."""

from typing import Any

from nicegui import ui

from components.background import call
from components.frame import frame
from components.localisation import message_text, t
from customer_pad.auth import MIN_PASSWORD_LENGTH, ROLES, SessionUser
from customer_pad.dates import format_datetime
from customer_pad.errors import AccessDenied, NotFound, StorageUnavailable, ValidationFailed
from customer_pad.services.branches import list_branches
from customer_pad.services.staff_admin import (
    EmployeeRow,
    change_role,
    create_login,
    is_locked,
    reset_password,
    save_employee,
    set_employee_active,
    set_login_pin,
    staff_overview,
    unlock_login,
)
from pages.backoffice.editor import EditorDialog
from pages.backoffice.listing import Listing
from pages.backoffice.nav import backoffice_nav

PATH = '/backoffice/staff'


async def staff_page(user: SessionUser) -> None:
    """Every employee with the login: create, edit, deactivate; logins, passwords, unlocking, roles."""
    branches = {branch.id: branch.name for branch in await call(list_branches)}
    async with frame(user, t('admin.staff.title')):
        backoffice_nav(user, PATH)
        listing = Listing(hint=t('admin.staff.hint'), new_label=t('admin.staff.new'), new_icon='person_add',
                          on_new=lambda: employee_editor.open_for(None), marker='staff', new_marker='employee-new',
                          load=lambda: staff_overview(acting_role=user.role),
                          draw_row=lambda row: _employee_row(user, row, listing.show, employee_editor, login_editor,
                                                             password_editor, pin_editor))
    employee_editor = _EmployeeEditor(user, branches, listing.show)
    login_editor = _LoginEditor(user, listing.show)
    password_editor = _PasswordEditor(user, listing.show)
    pin_editor = _PinEditor(user, listing.show)
    await listing.show()


def _employee_row(user: SessionUser, row: EmployeeRow, reload: Any, employee_editor: '_EmployeeEditor',
                  login_editor: '_LoginEditor', password_editor: '_PasswordEditor', pin_editor: '_PinEditor') -> None:
    async def run(action: Any, *args: Any, **kwargs: Any) -> bool:
        row_error.set_text('')
        try:
            await call(action, *args, acting_role=user.role, **kwargs)
        except ValidationFailed as failure:
            row_error.set_text(' '.join(message_text(message) for message in failure.errors.values()))
            return False
        except (StorageUnavailable, NotFound, AccessDenied):
            row_error.set_text(t('common.save_failed'))
            return False
        ui.notify(t('admin.saved'), type='positive')
        await reload()
        return True

    async def choose_role(role: str) -> None:
        if login is None or role == login.role:
            return
        if not await run(change_role, login.id, role):
            role_select.value = login.role  # refused (the last manager): show the role it kept

    login = row.login
    with ui.card().classes('cp-card w-full px-4 py-3 gap-1').mark(f'employee-{row.id}'):
        with ui.row().classes('w-full items-center gap-x-4 gap-y-2'):
            with ui.column().classes('gap-0 grow min-w-[12rem]'):
                with ui.row().classes('items-center gap-2'):
                    ui.label(row.display_name).classes('font-semibold' + ('' if row.active else ' text-gray-500'))
                    if not row.active:
                        ui.label(t('admin.staff.inactive')).classes(
                            'text-xs bg-stone-200 text-gray-700 rounded px-2 py-0.5').mark(f'inactive-{row.id}')
                ui.label(row.branch).classes('text-sm text-gray-600')
            if login is not None:
                with ui.column().classes('gap-0'):
                    with ui.row().classes('items-center gap-2'):
                        ui.icon('badge', size='1.1rem').classes('text-gray-500')
                        ui.label(login.username).classes('font-mono').mark(f'username-{row.id}')
                        if login.has_pin:
                            ui.label(t('admin.staff.has_pin')).classes(
                                'text-xs bg-stone-200 text-gray-700 rounded px-2 py-0.5').mark(f'has-pin-{row.id}')
                    if is_locked(row) and login.locked_until is not None:
                        ui.label(t('admin.staff.locked_until', time=format_datetime(login.locked_until))) \
                            .classes('text-xs cp-field-error').mark(f'locked-{row.id}')
            else:
                ui.label(t('admin.staff.no_login')).classes('text-sm text-gray-500')
            with ui.row().classes('gap-1 items-center'):
                ui.button(icon='edit', on_click=lambda: employee_editor.open_for(row)) \
                    .props(f'flat round aria-label="{t("admin.edit")}"').tooltip(t('admin.edit')) \
                    .mark(f'employee-edit-{row.id}')
                if login is None:
                    ui.button(t('admin.staff.create_login'), icon='key', on_click=lambda: login_editor.open_for(row)) \
                        .props('flat dense no-caps').mark(f'login-create-{row.id}')
                else:
                    ui.button(icon='lock_reset', on_click=lambda: password_editor.open_for(row)) \
                        .props(f'flat round aria-label="{t("admin.staff.reset_password")}"') \
                        .tooltip(t('admin.staff.reset_password')).mark(f'password-reset-{row.id}')
                    ui.button(icon='pin', on_click=lambda: pin_editor.open_for(row)) \
                        .props(f'flat round aria-label="{t("admin.staff.set_pin")}"') \
                        .tooltip(t('admin.staff.set_pin')).mark(f'pin-set-{row.id}')
                    if is_locked(row):
                        ui.button(t('admin.staff.unlock'), icon='lock_open',
                                  on_click=lambda: run(unlock_login, login.id)) \
                            .props('flat dense no-caps').mark(f'unlock-{row.id}')
                    role_select = ui.select({role: t(f'admin.staff.role.{role}') for role in ROLES}, value=login.role,
                                            on_change=lambda event: choose_role(event.value)) \
                        .props('dense outlined options-dense').classes('w-32') \
                        .props(f'aria-label="{t("admin.staff.role_label")}"').mark(f'role-{row.id}')
                if row.active:
                    ui.button(t('admin.staff.deactivate'), on_click=lambda: run(set_employee_active, row.id, False)) \
                        .props('flat dense no-caps color=negative').mark(f'deactivate-{row.id}')
                else:
                    ui.button(t('admin.staff.activate'), on_click=lambda: run(set_employee_active, row.id, True)) \
                        .props('flat dense no-caps').mark(f'activate-{row.id}')
        row_error = ui.label('').classes('cp-field-error').mark(f'employee-error-{row.id}')


class _EmployeeEditor(EditorDialog):
    def __init__(self, user: SessionUser, branches: dict[int, str], on_saved: Any) -> None:
        super().__init__(on_saved)
        self.user = user
        self.employee_id: int | None = None
        with self.card:
            self.fields['display_name'] = ui.input(f'{t("admin.staff.display_name")}*') \
                .props('outlined dense maxlength=120').classes('w-full').mark('employee-name').without_auto_validation()
            self.fields['branch_id'] = ui.select(branches, label=f'{t("admin.staff.branch")}*') \
                .props('outlined dense').classes('w-full').mark('employee-branch').without_auto_validation()
        self.add_buttons(t('admin.save'), 'employee-save', self.save)

    def open_for(self, row: EmployeeRow | None) -> None:
        self.employee_id = row.id if row else None
        self.fields['display_name'].value = row.display_name if row else ''
        self.fields['branch_id'].value = row.branch_id if row else self.user.branch_id
        self.open_with(t('admin.staff.edit_title' if row else 'admin.staff.new'))

    async def save(self) -> None:
        await self.submit(save_employee, self.employee_id, self.fields['display_name'].value or '',
                          self.fields['branch_id'].value, acting_role=self.user.role)


def _password_input(label: str, marker: str) -> ui.input:
    return ui.input(label, password=True, password_toggle_button=True) \
        .props('outlined dense autocomplete=new-password').classes('w-full').mark(marker).without_auto_validation()


def _password_rule() -> None:
    ui.label(t('admin.staff.password_rule', length=MIN_PASSWORD_LENGTH)).classes('text-xs text-gray-500')


class _LoginEditor(EditorDialog):
    def __init__(self, user: SessionUser, on_saved: Any) -> None:
        super().__init__(on_saved)
        self.user = user
        self.employee_id = 0
        with self.card:
            self.fields['username'] = ui.input(f'{t("login.username")}*') \
                .props('outlined dense autocomplete=off maxlength=64').classes('w-full').mark('login-username') \
                .without_auto_validation()
            self.fields['role'] = ui.select({role: t(f'admin.staff.role.{role}') for role in ROLES}, value='staff',
                                            label=f'{t("admin.staff.role_label")}*').props('outlined dense') \
                .classes('w-full').mark('login-role').without_auto_validation()
            self.fields['password'] = _password_input(f'{t("admin.staff.initial_password")}*', 'login-password')
            _password_rule()
        self.add_buttons(t('admin.staff.create_login'), 'login-save', self.save)

    def open_for(self, row: EmployeeRow) -> None:
        self.employee_id = row.id
        self.fields['username'].value = ''
        self.fields['role'].value = 'staff'
        self.fields['password'].value = ''
        self.open_with(t('admin.staff.login_title', name=row.display_name))

    async def save(self) -> None:
        if await self.submit(create_login, self.employee_id, self.fields['username'].value or '',
                             self.fields['password'].value or '', self.fields['role'].value or '',
                             acting_role=self.user.role):
            self.fields['password'].value = ''


class _PasswordEditor(EditorDialog):
    def __init__(self, user: SessionUser, on_saved: Any) -> None:
        super().__init__(on_saved)
        self.user = user
        self.login_id = 0
        with self.card:
            self.fields['password'] = _password_input(f'{t("admin.staff.new_password")}*', 'new-password')
            _password_rule()
        self.add_buttons(t('admin.staff.reset_password'), 'password-save', self.save)

    def open_for(self, row: EmployeeRow) -> None:
        assert row.login is not None
        self.login_id = row.login.id
        self.fields['password'].value = ''
        self.open_with(t('admin.staff.password_title', username=row.login.username))

    async def save(self) -> None:
        if await self.submit(reset_password, self.login_id, self.fields['password'].value or '',
                             acting_role=self.user.role, saved='admin.staff.password_set'):
            self.fields['password'].value = ''


class _PinEditor(EditorDialog):
    """A new PIN for a login whose owner forgot theirs (they can change it on their account page)."""

    def __init__(self, user: SessionUser, on_saved: Any) -> None:
        super().__init__(on_saved)
        self.user = user
        self.login_id = 0
        with self.card:
            self.fields['pin'] = ui.input(f'{t("account.new_pin")}*', password=True) \
                .props('outlined dense inputmode=numeric autocomplete=off').classes('w-full').mark('new-pin') \
                .without_auto_validation()
        self.add_buttons(t('admin.staff.set_pin'), 'pin-save', self.save)

    def open_for(self, row: EmployeeRow) -> None:
        assert row.login is not None
        self.login_id = row.login.id
        self.fields['pin'].value = ''
        self.open_with(t('admin.staff.pin_title', username=row.login.username))

    async def save(self) -> None:
        if await self.submit(set_login_pin, self.login_id, self.fields['pin'].value or '',
                             acting_role=self.user.role, saved='admin.staff.pin_saved'):
            self.fields['pin'].value = ''

"""The page frame: a header with the acting employee, the UI language and log-out, then the content."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from nicegui import app, ui

from components import customer_mode
from components.background import call
from components.localisation import current_language, t
from components.theme import apply_theme
from customer_pad import auth
from customer_pad.auth import SessionUser
from customer_pad.i18n import LANGUAGE_NAMES
from customer_pad.services.staff import EmployeeChoice, active_employees
from customer_pad.validation import RECORD_NUMBER_MAX_DIGITS


def acting_employee_id(user: SessionUser) -> int:
    """The employee chosen in the header: recorded on everything this browser saves."""
    return int(app.storage.user.get('acting_employee_id') or user.acting_employee_id)


async def _choose_language(user: SessionUser, language: str) -> None:
    if language == current_language():
        return
    app.storage.user['language'] = language
    if customer_mode.active() is None:  # the customer's choice is for this visit, not the staff login's next one
        await call(auth.remember_preferences, user.login_id, language=language)
    ui.navigate.reload()  # every visible text switches at once; drafts live in storage and survive


async def _choose_employee(user: SessionUser, employee_id: int) -> None:
    app.storage.user['acting_employee_id'] = employee_id
    await call(auth.remember_preferences, user.login_id, acting_employee_id=employee_id)


def log_out() -> None:
    language = app.storage.user.get('language')
    app.storage.user.clear()
    if language:
        app.storage.user['language'] = language  # the tablet keeps its language for the next person
    ui.navigate.to('/login')


@asynccontextmanager
async def frame(user: SessionUser, title: str = '',
                employees: Sequence[EmployeeChoice] | None = None) -> AsyncIterator[None]:
    """Header (Employé, Langue, log out) and a centred content column; `employees` when the page read them
    already (the branch's active ones)."""
    in_customer_mode = customer_mode.active() is not None
    options: dict[int, str] = {}
    acting = acting_employee_id(user)
    if not in_customer_mode:  # the customer's header has no employee choice: the one chosen before stays
        if employees is None:
            employees = await call(active_employees, user.branch_id)
        options = {employee.id: employee.display_name for employee in employees}
        if acting not in options:
            acting = user.employee_id if user.employee_id in options else next(iter(options), acting)
        app.storage.user['acting_employee_id'] = acting
    ui.page_title(f'{title} – Customer Pad' if title else 'Customer Pad')
    apply_theme()
    with ui.header().classes('cp-header items-center gap-4 px-4 py-2'):
        if in_customer_mode:  # the customer holds the tablet: no way out but the form itself
            ui.label('Customer Pad').classes('text-lg font-semibold tracking-wide text-white')
        else:
            with ui.link(target='/').classes('cp-brand no-underline text-white'):
                ui.label('Customer Pad').classes('text-lg font-semibold tracking-wide')
        ui.space()
        if not in_customer_mode:
            ui.select(options, value=acting, label=t('header.employee'),
                      on_change=lambda event: _choose_employee(user, event.value)) \
                .props('dense dark options-dense standout').classes('cp-header-select min-w-[11rem]') \
                .mark('header-employee')
        ui.select(LANGUAGE_NAMES, value=current_language(), label=t('header.language'),
                  on_change=lambda event: _choose_language(user, event.value)) \
            .props('dense dark options-dense standout').classes('cp-header-select min-w-[8rem]') \
            .mark('header-language')
        if not in_customer_mode:
            ui.button(icon='account_circle', on_click=lambda: ui.navigate.to('/account')) \
                .props('flat round color=white').props(f'aria-label="{t("account.title")}"') \
                .tooltip(t('account.title')).mark('account')
            ui.button(icon='logout', on_click=log_out).props('flat round color=white') \
                .props(f'aria-label="{t("header.log_out")}"').tooltip(t('header.log_out')).mark('log-out')
    with ui.column().classes('cp-content w-full max-w-4xl mx-auto p-4 gap-4'):
        if title:
            ui.label(title).classes('text-2xl font-semibold cp-title')
        yield


def unknown_record(message_key: str, typed: str, marker: str, back_label: str, back_path: str) -> None:
    """What a page opened on a record number says when no record has it: the number as it was typed (cut to a
    record number's length, as it comes from the address) and the way back."""
    ui.label(t(message_key, number=typed.strip()[:RECORD_NUMBER_MAX_DIGITS + 1])) \
        .classes('cp-field-error text-lg').mark(marker)
    ui.button(back_label, icon='arrow_back', on_click=lambda: ui.navigate.to(back_path)).props('unelevated no-caps')

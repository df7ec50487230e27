"""Log-in: user name and password, one generic message for any wrong pair, lock-out after repeated failures."""

from nicegui import app, ui

from components import session
from components.background import call
from components.localisation import current_language, t
from components.theme import apply_theme
from customer_pad import auth
from customer_pad.auth import LoginFailed, LoginLocked
from customer_pad.dates import format_time
from customer_pad.i18n import LANGUAGE_NAMES
from customer_pad.redirects import safe_local_path


async def login_page(redirect_to: str = '/', reason: str = '') -> None:
    target = safe_local_path(redirect_to)
    if app.storage.user.get('login_id'):
        ui.navigate.to(target)
        return

    request = ui.context.client.request
    client_address = request.client.host if request is not None and request.client is not None else ''

    def choose_language(language: str) -> None:
        if language != current_language():
            app.storage.user['language'] = language
            ui.navigate.reload()

    async def try_login() -> None:
        error.set_text('')
        username.validate()
        password.validate()
        if not username.value or not password.value:
            return
        submit.disable()
        try:
            user = await call(auth.authenticate, username.value, password.value, client_address=client_address)
        except LoginLocked as locked:
            error.set_text(t('login.locked', time=format_time(locked.until)))
            return
        except LoginFailed:
            error.set_text(t('login.failed'))
            password.set_value('')
            return
        finally:
            submit.enable()
        session.touch()
        app.storage.user.update({
            'login_id': user.login_id,
            'language': user.language if 'language' not in app.storage.user else current_language(),
            'acting_employee_id': user.acting_employee_id,
        })
        ui.navigate.to(target)

    ui.page_title(f'{t("login.title")} – Customer Pad')
    apply_theme()
    with ui.column().classes('w-full items-center pt-16 px-4'):
        with ui.card().classes('cp-card w-full max-w-sm p-6 gap-4'):
            with ui.row().classes('w-full items-center justify-between'):
                ui.label('Customer Pad').classes('text-2xl font-semibold cp-title')
                ui.select(LANGUAGE_NAMES, value=current_language(),
                          on_change=lambda event: choose_language(event.value)) \
                    .props('dense borderless options-dense').mark('login-language')
            ui.label(t('login.title')).classes('text-lg')
            if reason == 'idle':
                ui.label(t('login.idle')).classes('text-sm text-gray-600').mark('idle-notice')
            username = ui.input(f'{t("login.username")}*', validation={t('validation.required'): bool}) \
                .props('autocomplete=username autofocus outlined').classes('w-full').mark('username')
            password = ui.input(f'{t("login.password")}*', password=True, password_toggle_button=True,
                                validation={t('validation.required'): bool}) \
                .props('autocomplete=current-password outlined').classes('w-full').mark('password')
            password.on('keydown.enter', try_login)
            username.on('keydown.enter', try_login)
            error = ui.label('').classes('cp-field-error').mark('login-error')
            submit = ui.button(t('login.submit'), on_click=try_login) \
                .props('unelevated size=lg no-caps').classes('w-full').mark('login-submit')

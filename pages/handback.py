"""Hand-back screen: the customer returns the tablet; staff end customer mode with their PIN or password."""

from nicegui import app, ui

from components import customer_mode
from components.background import call
from components.frame import frame
from components.localisation import message_text, t
from components.receipts import download_receipt
from customer_pad import auth
from customer_pad.auth import SessionUser, UnlockLocked, UnlockRefused
from customer_pad.dates import format_time
from customer_pad.errors import ValidationFailed


async def hand_back_page(user: SessionUser) -> None:
    mode = customer_mode.active()
    if mode is None or mode.get('path') != customer_mode.HAND_BACK_PATH:
        ui.navigate.to('/')
        return

    async def unlock() -> None:
        secret.error = None
        if not secret.value:
            secret.error = t('validation.required')
            return
        try:
            await call(auth.unlock_customer_mode, user.login_id, secret.value)
        except UnlockLocked as locked:
            secret.error = t('handback.locked', time=format_time(locked.until))
            return
        except UnlockRefused:
            secret.error = t('handback.refused')
            secret.set_value('')
            return
        customer_mode.leave()
        app.storage.user['language'] = user.language  # the next screen speaks the staff member's language again
        locked_view.set_visibility(False)
        staff_view.set_visibility(True)

    async with frame(user):
        with ui.card().classes('cp-card w-full max-w-xl mx-auto p-8 items-center gap-4') as locked_view:
            ui.icon('volunteer_activism', size='4rem', color='primary')
            ui.label(t('handback.thanks')).classes('text-2xl text-center').mark('handback')
            if mode.get('confirmation'):
                ui.label(t(mode['confirmation'], **mode.get('confirmation_values', {}))) \
                    .classes('text-lg text-center').mark('handback-confirmation')
            if mode.get('customer_number'):  # the customer's own new number, worth noting down
                ui.label(t('wizard.your_number')).classes('text-gray-600')
                ui.label(str(mode['customer_number'])).classes('text-4xl font-semibold tracking-widest') \
                    .mark('customer-number-saved')
            ui.label(t('handback.staff_only')).classes('text-gray-600 text-center')
            secret = ui.input(f'{t("handback.secret")}*', password=True).props('outlined autocomplete=off') \
                .classes('w-full max-w-xs').mark('handback-secret').without_auto_validation()
            secret.on('keydown.enter', unlock)
            ui.button(t('handback.unlock'), icon='lock_open', on_click=unlock) \
                .props('unelevated size=lg no-caps').mark('handback-unlock')
        with ui.card().classes('cp-card w-full max-w-xl mx-auto p-8 items-center gap-4') as staff_view:
            ui.icon('check_circle', size='4rem', color='positive')
            if mode.get('customer_number'):
                ui.label(t('handback.saved_customer', number=mode['customer_number'])).classes('text-xl') \
                    .mark('handback-customer-number')
            elif mode.get('wishlist_number'):
                ui.label(t('handback.saved_wishlist', number=mode['wishlist_number'])).classes('text-xl') \
                    .mark('handback-wishlist-number')
            else:
                ui.label(t('handback.cancelled')).classes('text-xl').mark('handback-cancelled')
            with ui.row().classes('gap-3'):
                if mode.get('signature_id'):
                    signature_id = int(mode['signature_id'])
                    ui.button(t('wizard.print_receipt'), icon='receipt_long',
                              on_click=lambda: download_receipt(signature_id)) \
                        .props('outline size=lg no-caps').mark('print-receipt')
                ui.button(t('common.home'), on_click=lambda: ui.navigate.to('/')) \
                    .props('unelevated size=lg no-caps').mark('home')
        staff_view.set_visibility(False)


async def account_page(user: SessionUser) -> None:
    """The staff member's own PIN for ending customer mode."""

    async def save_pin() -> None:
        password.error = pin.error = None
        try:
            await call(auth.set_pin, user.login_id, password.value or '', pin.value or '')
        except ValidationFailed as failure:
            for name, message in failure.errors.items():
                target = pin if name == 'pin' else password
                target.error = message_text(message)
            return
        password.set_value('')
        pin.set_value('')
        status.set_text(t('account.pin_saved'))

    has_pin = await call(auth.has_pin, user.login_id)
    async with frame(user, t('account.title')):
        with ui.card().classes('cp-card w-full max-w-md p-6 gap-4'):
            ui.label(t('account.pin_explained')).classes('text-gray-700')
            status = ui.label(t('account.pin_set') if has_pin else t('account.pin_not_set')).mark('pin-status')
            password = ui.input(f'{t("account.current_password")}*', password=True) \
                .props('outlined autocomplete=current-password').classes('w-full').mark('account-password') \
                .without_auto_validation()
            pin = ui.input(f'{t("account.new_pin")}*', password=True).props('outlined inputmode=numeric') \
                .classes('w-full').mark('account-pin').without_auto_validation()
            ui.button(t('account.save_pin'), on_click=save_pin).props('unelevated no-caps').mark('save-pin')

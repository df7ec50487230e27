"""The customer screen of a wishlist entry: acknowledge the points, consent, sign (and the look-up that opens it)."""

from nicegui import ui

from components import customer_mode
from components.background import call, call_by_number
from components.consent_block import ConsentBlock, legal_text_body
from components.frame import acting_employee_id, frame
from components.localisation import current_language, message_text, t
from customer_pad.auth import SessionUser
from customer_pad.errors import Message, NotFound, StorageUnavailable, ValidationFailed
from customer_pad.services import wishlists
from customer_pad.services.consents import SigningContext
from customer_pad.services.wishlists import WishlistSigning
from customer_pad.validation import RECORD_NUMBER_MAX_DIGITS, record_number


async def wishlist_lookup_page(user: SessionUser) -> None:
    """**Liste de souhaits** → **Numéro du souhait*** → **Modifier**."""

    async def open_entry() -> None:
        text = (number.value or '').strip()
        number.error = None
        if not text:
            number.error = t('validation.required')
            return
        entry_number = record_number(text)
        if entry_number is None:
            number.error = t('wishlist.number_invalid')
            return
        if not await call(wishlists.wishlist_exists, entry_number):
            number.error = t('wishlist.unknown', number=entry_number)
            return
        ui.navigate.to(f'/wishlist-sign/{entry_number}')

    async with frame(user, t('home.wishlist')):
        with ui.card().classes('cp-card w-full max-w-md mx-auto p-6 gap-4'):
            number = ui.input(f'{t("wishlist.number")}*') \
                .props('outlined autofocus inputmode=numeric autocomplete=off').classes('w-full') \
                .mark('wishlist-number')
            number.on('keydown.enter', open_entry)
            number.on_value_change(lambda: setattr(number, 'error', None))
            ui.button(t('wishlist.open'), on_click=open_entry) \
                .props('unelevated size=lg no-caps').classes('w-full').mark('wishlist-open')


def _customer_banner(signing: WishlistSigning) -> None:
    """Whose wish and which article: the only customer data on this screen."""
    article = signing.article
    with ui.card().classes('cp-card w-full px-5 py-4').mark('wishlist-banner'):
        with ui.row().classes('w-full items-start justify-between gap-x-8 gap-y-2'):
            with ui.column().classes('gap-0'):
                ui.label(t('wishlist.entry_heading', number=signing.number)).classes('text-sm text-gray-500')
                ui.label(signing.customer_name).classes('text-xl font-semibold').mark('wishlist-customer')
            with ui.column().classes('gap-0').mark('wishlist-article'):
                ui.label(article.category).classes('text-sm text-gray-500')
                ui.label(f'{article.brand} | {article.model}').classes('font-medium')
                ui.label(f'{t("wishlist.reference")}: {article.reference}').classes('text-sm')


async def wishlist_sign_page(user: SessionUser, number: str) -> None:
    """`/wishlist-sign/<number>`: 1. acknowledge the points, 2. legal and marketing consent and signature."""
    signing = await call_by_number(wishlists.signing_view, number, current_language())
    user_agent = ui.context.client.request.headers.get('user-agent', '')
    signable = signing is not None and signing.signable
    if signable:
        customer_mode.enter()  # the tablet shows this entry and nothing else

    elif customer_mode.active() is not None:
        # the tablet was locked to this entry, which was closed (or removed) meanwhile: the only way on is back
        # to the staff, or the customer would be left on a page with no way out
        customer_mode.hand_back()

    async with frame(user, t('home.wishlist')):
        if signing is None:
            ui.label(t('wishlist.unknown', number=number[:RECORD_NUMBER_MAX_DIGITS + 1])).classes('text-lg') \
                .mark('wishlist-unknown')
            _way_out(t('wishlist.back_to_lookup'), '/wishlist')
            return
        _customer_banner(signing)
        if not signable:
            ui.label(t('wishlist.closed' if signing.closed else 'wishlist.text_missing')).classes('text-lg') \
                .mark('wishlist-not-signable')
            _way_out(t('common.home'), '/')
            return
        _signing_steps(user, signing, user_agent)


def _way_out(label: str, path: str) -> None:
    """The button off a screen that cannot be signed: to `path`, or to the staff when the tablet is handed back."""
    if customer_mode.active() is not None:
        label, path = t('handback.go'), customer_mode.HAND_BACK_PATH
    ui.button(label, on_click=lambda: ui.navigate.to(path)).props('unelevated no-caps').mark('wishlist-way-out')


def _signing_steps(user: SessionUser, signing: WishlistSigning, user_agent: str) -> None:
    acknowledgement = signing.texts['wishlist']

    def go_next() -> None:
        if not acknowledged.value:
            acknowledged_error.set_text(t('wishlist.acknowledgement_required'))
            return
        stepper.set_value('consent')

    def go_back() -> None:
        stepper.set_value('acknowledge')

    def show(errors: dict[str, Message]) -> None:
        for field, message in errors.items():
            if field == 'wishlist':
                acknowledged_error.set_text(message_text(message))
                stepper.set_value('acknowledge')
            elif field == 'legal':
                consent.legal_error.set_text(message_text(message))
            elif field == 'signature':
                consent.signature_error.set_text(message_text(message))
            else:
                form_error.set_text(message_text(message))

    async def save() -> None:
        form_error.set_text('')
        try:
            answers = consent.collect(extra_choices=(('wishlist', bool(acknowledged.value)),))
        except ValidationFailed:
            return  # the block shows its messages next to the box and the pad
        if not acknowledged.value:
            show({'wishlist': Message('wishlist.acknowledgement_required')})
            return
        context = SigningContext(employee_id=acting_employee_id(user), branch_id=user.branch_id,
                                 user_agent=user_agent)
        save_button.disable()
        try:
            signed = await call(wishlists.sign_wishlist, signing.number, choices=answers.choices,
                                text_ids=answers.text_ids, signature=answers.signature, context=context)
        except ValidationFailed as failure:
            show(failure.errors)
            return
        except StorageUnavailable:
            form_error.set_text(t('common.save_failed'))
            return
        except NotFound:
            form_error.set_text(t('wishlist.unknown', number=signing.number))
            return
        finally:
            save_button.enable()
        customer_mode.hand_back(signature_id=signed.signature_id, wishlist_number=signing.number,
                                confirmation='wishlist.done_text',
                                confirmation_values={'name': signing.customer_name, 'number': signing.number})
        ui.navigate.to(customer_mode.HAND_BACK_PATH)

    def cancel() -> None:
        customer_mode.hand_back()
        ui.navigate.to(customer_mode.HAND_BACK_PATH)

    with ui.stepper(value='acknowledge').props('flat animated :contracted="Quasar.Screen.xs"') \
            .classes('w-full cp-card') \
            .mark('wishlist-stepper') as stepper:
        with ui.step('acknowledge', title=t('wishlist.step_acknowledge')).mark('step-acknowledge'):
            ui.label(acknowledgement.title).classes('text-lg font-semibold pb-2').mark('acknowledgement-title')
            with ui.column().classes('gap-0 cp-acknowledgement').mark('acknowledgement-text'):
                legal_text_body(acknowledgement)
            ui.label(t('consent.version', version=acknowledgement.version, hash=acknowledgement.sha256[:12])) \
                .classes('text-xs text-gray-500')
            acknowledged = ui.checkbox(f'{t("wishlist.acknowledged")}*').classes('pt-2 text-base') \
                .mark('acknowledged')
            acknowledged_error = ui.label('').classes('cp-field-error').mark('acknowledged-error')
            acknowledged.on_value_change(lambda event: event.value and acknowledged_error.set_text(''))
            with ui.stepper_navigation().classes('w-full justify-end gap-2'):
                ui.button(t('wishlist.cancel'), on_click=cancel).props('outline size=lg no-caps') \
                    .mark('wishlist-cancel-acknowledge')  # the customer may decline without ticking anything
                ui.button(t('wishlist.next'), on_click=go_next).props('unelevated size=lg no-caps') \
                    .mark('wishlist-next')
        with ui.step('consent', title=t('wishlist.step_consent')).mark('step-consent'):
            consent = ConsentBlock(signing.texts)
            form_error = ui.label('').classes('cp-field-error text-base').mark('wishlist-save-error')
            with ui.stepper_navigation().classes('w-full flex-wrap justify-between gap-2'):
                ui.button(t('wishlist.previous'), on_click=go_back).props('flat size=lg no-caps') \
                    .mark('wishlist-previous')
                with ui.row().classes('gap-2 no-wrap ml-auto'):
                    ui.button(t('wishlist.cancel'), on_click=cancel) \
                        .props('outline size=lg no-caps').mark('wishlist-cancel')
                    save_button = ui.button(t('wishlist.save'), on_click=save) \
                        .props('unelevated size=lg no-caps').mark('wishlist-save')

"""Back office for customers (every login): the search, and the customer's card with its consents, signatures,
receipts, wishlist entries and history; withdrawing marketing consent and the nLPD data export."""

from collections.abc import Awaitable, Callable, Iterable
from itertools import groupby

from nicegui import app, ui

from components.background import call, call_by_number
from components.frame import acting_employee_id, frame, unknown_record
from components.localisation import current_language, message_text, t
from components.receipts import download_receipt
from customer_pad.addresses import format_address_block
from customer_pad.auth import SessionUser
from customer_pad.countries import country_name
from customer_pad.dates import format_date, format_datetime
from customer_pad.errors import NotFound, StorageUnavailable, ValidationFailed
from customer_pad.i18n import LANGUAGE_NAMES
from customer_pad.services.backoffice_customers import (
    REASON_MAX_LENGTH,
    ConsentEntry,
    CustomerCard,
    customer_card,
    export_customer_data,
    history_field_label_key,
    search_customers,
    withdraw_marketing_consent,
)
from customer_pad.services.consents import SigningContext
from customer_pad.validation import display_contact, display_phone
from pages.backoffice.listing import Pager
from pages.backoffice.nav import backoffice_nav

LIST_PATH = '/backoffice/customers'
SEARCH_STATE_KEY = 'backoffice_customer_search'


def card_path(number: int) -> str:
    return f'{LIST_PATH}/{number}'


# --- the search ----------------------------------------------------------------------------------------------


async def customer_list_page(user: SessionUser) -> None:
    """Customers by number, name, e-mail or town (accents and case ignored), a page at a time."""
    state = {'query': '', 'page': 1, **dict(app.storage.user.get(SEARCH_STATE_KEY) or {})}
    requests = {'latest': 0}

    async def refresh(page: int | None = None) -> None:
        state.update(query=search.value or '', page=page or 1)
        app.storage.user[SEARCH_STATE_KEY] = dict(state)
        requests['latest'] += 1
        request = requests['latest']
        try:
            result = await call(search_customers, state['query'], int(state['page']))
        except StorageUnavailable:
            list_error.set_text(t('common.read_failed'))
            return
        if request != requests['latest']:
            return  # a newer search was typed meanwhile: its answer, not this one, fills the table
        list_error.set_text('')
        state['page'] = result.page
        table.rows = [{
            'number': row.number,
            'name': row.name,
            'company': row.company if row.company != row.name else '',
            'city': row.city,
            'email': row.email,
            'marketing': t('common.yes') if row.marketing else '',
        } for row in result.rows]
        table.update()
        pager.show(result)
        no_results.set_visibility(not result.rows)

    columns = [
        {'name': 'number', 'label': t('admin.customers.column.number'), 'field': 'number', 'align': 'left'},
        {'name': 'name', 'label': t('admin.customers.column.name'), 'field': 'name', 'align': 'left'},
        {'name': 'city', 'label': t('admin.customers.column.city'), 'field': 'city', 'align': 'left'},
        {'name': 'email', 'label': t('admin.customers.column.email'), 'field': 'email', 'align': 'left',
         'classes': 'gt-xs', 'headerClasses': 'gt-xs'},
        {'name': 'marketing', 'label': t('admin.customers.column.marketing'), 'field': 'marketing',
         'align': 'center', 'classes': 'gt-sm', 'headerClasses': 'gt-sm'},
    ]

    async with frame(user, t('admin.customers.title')):
        backoffice_nav(user, LIST_PATH)
        search = ui.input(t('admin.customers.search'), value=state['query']) \
            .props('outlined dense clearable debounce=350 autofocus').classes('w-full').mark('customer-search')
        with search.add_slot('prepend'):
            ui.icon('search')
        ui.label(t('admin.customers.search_hint')).classes('text-sm text-gray-500 -mt-3')
        table = ui.table(columns=columns, rows=[], row_key='number', pagination=0) \
            .props('flat bordered wrap-cells hide-pagination hide-no-data').classes('w-full cp-card') \
            .mark('customer-table')
        table.props(':grid="Quasar.Screen.xs"')
        table.add_slot('body-cell-number', r'''
            <q-td :props="props">
              <a :href="'/backoffice/customers/' + props.row.number" @click.stop
                 class="font-semibold text-primary no-underline px-2 py-2">{{ props.row.number }}</a>
            </q-td>''')
        table.add_slot('body-cell-name', r'''
            <q-td :props="props">
              <div class="font-medium">{{ props.row.name }}</div>
              <div v-if="props.row.company" class="text-sm text-gray-600">{{ props.row.company }}</div>
            </q-td>''')
        # on a phone each customer is a card (the table's grid mode); the values are text, Vue escapes them
        table.add_slot('item', r'''
            <div class="q-pa-xs col-12">
              <q-card flat bordered>
                <a :href="'/backoffice/customers/' + props.row.number" class="block q-pa-sm text-inherit no-underline">
                  <div class="font-semibold">{{ props.row.name }} · {{ props.row.number }}</div>
                  <div class="text-sm text-gray-600">{{ props.row.city }}</div>
                  <div class="text-sm text-gray-600 break-all">{{ props.row.email }}</div>
                </a>
              </q-card>
            </div>''')
        table.on('rowClick', lambda event: ui.navigate.to(card_path(int(event.args[1]['number']))))
        no_results = ui.label(t('admin.customers.no_results')).classes('text-gray-600').mark('customer-no-results')
        list_error = ui.label('').classes('cp-field-error').mark('customer-list-error')
        pager = Pager(marker='customer', go_to=refresh, count_key='admin.customers.results',
                      more_key='admin.customers.results_more', previous_label=t('admin.previous_page'),
                      next_label=t('admin.next_page'))
        search.on_value_change(lambda: refresh(1))
        await refresh(int(state['page']) if str(state['page']).isdigit() else 1)


# --- the card ------------------------------------------------------------------------------------------------


def _detail(label: str, value: str, marker: str = '') -> None:
    with ui.row().classes('w-full gap-2 items-baseline no-wrap'):
        ui.label(f'{label}:').classes('text-sm text-gray-500 shrink-0')
        value_label = ui.label(value or '–').classes('break-words min-w-0')
        if marker:
            value_label.mark(marker)


def _section_title(text: str) -> None:
    ui.label(text).classes('text-xs uppercase tracking-wider text-gray-500 font-semibold')


async def customer_card_page(user: SessionUser, number: str) -> None:
    """One customer: data, contacts, interests, consents with signatures and receipts, wishlist, history."""
    card = await call_by_number(customer_card, number, current_language())
    async with frame(user, card.display_name if card else t('admin.customers.title')):
        backoffice_nav(user, LIST_PATH)
        if card is None:
            unknown_record('admin.customers.unknown', number, 'customer-unknown', t('admin.customers.back'),
                           LIST_PATH)
            return
        content = ui.column().classes('w-full gap-4')
    await _show_card(user, card, content)


async def _show_card(user: SessionUser, card: CustomerCard, content: ui.column) -> None:
    async def reload() -> None:
        try:
            fresh = await call(customer_card, card.number, current_language())
        except (NotFound, StorageUnavailable):
            return
        await _show_card(user, fresh, content)

    async def export() -> None:
        action_error.set_text('')
        try:
            result = await call(export_customer_data, card.number)
        except StorageUnavailable:
            action_error.set_text(t('common.read_failed'))
            return
        ui.download.content(result.content, result.filename, 'application/zip')

    content.clear()
    with content:
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(t('admin.customers.number', number=card.number)).classes('text-lg tabular-nums') \
                .mark('card-number')
            ui.space()
            ui.button(t('admin.customers.back'), icon='arrow_back', on_click=lambda: ui.navigate.to(LIST_PATH)) \
                .props('flat no-caps').mark('card-back')
            ui.button(t('admin.customers.modify'), icon='edit',
                      on_click=lambda: ui.navigate.to(f'/customer/{card.number}/edit')) \
                .props('unelevated no-caps').mark('card-modify')
            ui.button(t('admin.customers.export'), icon='download', on_click=export) \
                .props('outline no-caps').mark('card-export')
        action_error = ui.label('').classes('cp-field-error').mark('card-error')
        _data_section(card)
        _marketing_section(user, card, reload)
        _consents_section(card)
        _wishlist_section(card)
        _history_section(card)


def _data_section(card: CustomerCard) -> None:
    language = current_language()
    with ui.card().classes('cp-card w-full p-5').mark('card-data'):
        with ui.element('div').classes('grid grid-cols-1 sm:grid-cols-2 gap-x-10 gap-y-5 w-full'):
            with ui.column().classes('gap-1').mark('card-address'):
                _section_title(t('admin.customers.address'))
                for line in format_address_block(card.postal_address, language):
                    ui.label(line)
                if card.country_code != 'CH':
                    ui.label(country_name(card.country_code, language)).classes('text-sm text-gray-600')
            with ui.column().classes('gap-1').mark('card-contacts'):
                _section_title(t('admin.customers.contacts'))
                _detail(t('wizard.field.email'), card.email, 'card-email')
                _detail(t('wizard.field.mobile'), display_phone(card.mobile), 'card-mobile')
                for kind, value in card.contacts:
                    _detail(t(f'contact_type.{kind}'), display_contact(kind, value))
            with ui.column().classes('gap-1').mark('card-details'):
                _section_title(t('admin.customers.details'))
                _detail(t('wizard.field.birth_date'), format_date(card.birth_date) if card.birth_date else '')
                _detail(t('wizard.field.language'), LANGUAGE_NAMES.get(card.language, card.language))
                _detail(t('wizard.field.sales_advisor'), card.sales_advisor, 'card-advisor')
                _detail(t('admin.customers.branch'), card.branch)
                _detail(t('admin.customers.since'), format_date(card.created_at))
                _detail(t('admin.customers.updated'), format_datetime(card.updated_at))
            with ui.column().classes('gap-1').mark('card-interests'):
                _section_title(t('wizard.step.interests'))
                if card.interests:
                    with ui.row().classes('gap-1'):
                        for name in card.interests:
                            ui.label(name).classes('text-sm bg-stone-100 text-gray-800 rounded px-2 py-0.5')
                else:
                    ui.label(t('admin.none')).classes('text-gray-500')


def _marketing_section(user: SessionUser, card: CustomerCard, reload: Callable[[], Awaitable[None]]) -> None:
    request = ui.context.client.request
    user_agent = request.headers.get('user-agent', '') if request is not None else ''

    async def confirm() -> None:
        reason.error = None
        dialog_error.set_text('')
        context = SigningContext(employee_id=acting_employee_id(user), branch_id=user.branch_id,
                                 user_agent=user_agent)
        try:
            await call(withdraw_marketing_consent, card.number, reason.value or '', context)
        except ValidationFailed as failure:
            for field, message in failure.errors.items():
                if field == 'reason':
                    reason.error = message_text(message)
                else:
                    dialog_error.set_text(message_text(message))
            return
        except StorageUnavailable:
            dialog_error.set_text(t('common.save_failed'))
            return
        dialog.close()
        ui.notify(t('admin.customers.withdrawn'), type='positive')
        await reload()

    with ui.card().classes('cp-card w-full p-5').mark('card-marketing'):
        with ui.row().classes('w-full items-center gap-3'):
            ui.icon('mark_email_read' if card.marketing_opted_in else 'unsubscribe', size='1.6rem') \
                .classes('text-primary' if card.marketing_opted_in else 'text-gray-500')
            status_key = 'admin.customers.marketing_yes' if card.marketing_opted_in else 'admin.customers.marketing_no'
            ui.label(t(status_key)).classes('grow').mark('marketing-status')
            if card.marketing_opted_in:
                ui.button(t('admin.customers.withdraw'), icon='block', on_click=lambda: dialog.open()) \
                    .props('outline color=negative no-caps').mark('withdraw-marketing')
    with ui.dialog() as dialog, ui.card().classes('p-6 gap-3 w-[32rem] max-w-full'):
        ui.label(t('admin.customers.withdraw_title')).classes('text-lg font-semibold')
        ui.label(t('admin.customers.withdraw_hint')).classes('text-sm text-gray-600')
        reason = ui.textarea(f'{t("admin.customers.reason")}*') \
            .props(f'outlined autogrow maxlength={REASON_MAX_LENGTH}').classes('w-full') \
            .mark('withdraw-reason').without_auto_validation()
        dialog_error = ui.label('').classes('cp-field-error').mark('withdraw-error')
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('admin.cancel'), on_click=dialog.close).props('flat no-caps').mark('withdraw-cancel')
            ui.button(t('admin.customers.withdraw_confirm'), on_click=confirm) \
                .props('unelevated color=negative no-caps').mark('withdraw-confirm')


def _signing_groups(consents: Iterable[ConsentEntry]) -> list[list[ConsentEntry]]:
    """Consent records grouped by signing act (one signature), a withdrawal on its own; newest first."""
    groups = groupby(consents, key=lambda entry: ('signature', entry.signature_id) if entry.signature_id
                     else ('record', entry.id))
    return [sorted(group, key=lambda entry: entry.id) for _, group in groups]  # in a signing: the order stored


def _consents_section(card: CustomerCard) -> None:
    with ui.card().classes('cp-card w-full p-5 gap-3').mark('card-consents'):
        _section_title(t('admin.customers.consents'))
        if not card.consents:
            ui.label(t('admin.none')).classes('text-gray-500')
        for group in _signing_groups(card.consents):
            first = group[0]
            with ui.element('div').classes('w-full border-t border-stone-200 pt-3') \
                    .mark(f'consent-group-{first.signature_id or first.id}'):
                with ui.row().classes('w-full items-baseline gap-x-3 gap-y-0'):
                    ui.label(format_datetime(first.recorded_at)).classes('font-semibold tabular-nums')
                    ui.label(' · '.join(part for part in (first.employee, first.branch) if part)) \
                        .classes('text-sm text-gray-600')
                    if first.wishlist_number:
                        ui.link(t('admin.customers.for_wishlist', number=first.wishlist_number),
                                f'/backoffice/wishlists/{first.wishlist_number}').classes('text-sm')
                with ui.row().classes('w-full items-start gap-4'):
                    with ui.column().classes('gap-1 grow min-w-[16rem]'):
                        for entry in group:
                            _consent_line(entry)
                    if first.signature_id and first.signature_id in card.signatures:
                        with ui.column().classes('gap-1 items-end'):
                            # SVG of numbers only, made by customer_pad.signatures (no user text), sanitised again
                            ui.html(card.signatures[first.signature_id]) \
                                .classes('cp-signature bg-white border border-stone-200 rounded') \
                                .mark(f'signature-{first.signature_id}')
                            signature_id = first.signature_id
                            ui.button(t('admin.customers.receipt'), icon='receipt_long',
                                      on_click=lambda signature_id=signature_id: download_receipt(signature_id)) \
                                .props('flat dense no-caps').mark(f'receipt-{signature_id}')


def _consent_line(entry: ConsentEntry) -> None:
    purpose = t(f'receipt.purpose.{entry.purpose}')
    if entry.withdrawal:
        with ui.row().classes('items-center gap-2').mark(f'consent-{entry.id}'):
            ui.icon('block', color='negative')
            ui.label(t('admin.customers.consent_line', purpose=purpose, choice=t('admin.consent.withdrawn'))) \
                .classes('font-medium')
        ui.label(t('admin.customers.reason_was', reason=entry.reason)).classes('text-sm text-gray-600 break-words')
        return
    with ui.row().classes('items-center gap-2 no-wrap').mark(f'consent-{entry.id}'):
        ui.icon('check_circle' if entry.accepted else 'cancel', color='positive' if entry.accepted else 'grey')
        ui.label(t('admin.customers.consent_line', purpose=purpose,
                   choice=t('receipt.accepted' if entry.accepted else 'receipt.declined')))
    details = t('admin.customers.text_version', version=entry.text_version or '',
                lang=(entry.text_language or '').upper(), hash=(entry.text_sha256 or '')[:12])
    with ui.row().classes('items-center gap-1 pl-8'):
        ui.label(details).classes('text-xs text-gray-500 tabular-nums')
        if entry.text_verified is False:
            ui.label(t('admin.customers.text_changed')).classes('text-xs cp-field-error')


def _wishlist_section(card: CustomerCard) -> None:
    with ui.card().classes('cp-card w-full p-5 gap-2').mark('card-wishlist'):
        _section_title(t('admin.customers.wishlist'))
        if not card.wishlist:
            ui.label(t('admin.none')).classes('text-gray-500')
        for entry in card.wishlist:
            with ui.link(target=f'/backoffice/wishlists/{entry.number}') \
                    .classes('w-full no-underline text-inherit').mark(f'wishlist-{entry.number}'):
                with ui.row().classes('w-full items-baseline gap-x-3 gap-y-0'):
                    ui.label(f'{entry.number}').classes('font-semibold text-primary tabular-nums')
                    ui.label(f'{entry.brand} {entry.model}').classes('font-medium')
                    ui.label(entry.reference).classes('text-sm text-gray-600')
                    ui.space()
                    ui.label(f'{t(f"wishlist.status.{entry.status}")} · {format_date(entry.created_on)}') \
                        .classes('text-sm text-gray-600')


def _history_section(card: CustomerCard) -> None:
    with ui.card().classes('cp-card w-full p-5 gap-2').mark('card-history'):
        _section_title(t('admin.customers.history'))
        if not card.history:
            ui.label(t('admin.none')).classes('text-gray-500')
            return
        columns = [
            {'name': 'date', 'label': t('admin.export.column.date'), 'field': 'date', 'align': 'left'},
            {'name': 'employee', 'label': t('admin.export.column.employee'), 'field': 'employee', 'align': 'left'},
            {'name': 'field', 'label': t('admin.export.column.field'), 'field': 'field', 'align': 'left'},
            {'name': 'change', 'label': t('admin.export.column.change'), 'field': 'change', 'align': 'left'},
        ]
        rows = [{'id': index, 'date': format_datetime(change.changed_at), 'employee': change.employee,
                 'field': t(history_field_label_key(change.field)),
                 'change': f'{change.old_value or "–"} → {change.new_value or "–"}'}
                for index, change in enumerate(card.history)]
        ui.table(columns=columns, rows=rows, row_key='id', pagination={'rowsPerPage': 10}) \
            .props('flat dense wrap-cells').classes('w-full').mark('history-table')

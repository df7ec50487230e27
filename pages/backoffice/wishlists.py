"""Back office for wishlists: the list (search, paging, letters of a selection), the entry's card with its
events, and the entry form. Everyone may look; only managers see (and may use) the controls that change or print.
"""

from collections.abc import Callable, Sequence
from datetime import datetime

from nicegui import app, ui

from components.background import call, call_by_number
from components.frame import acting_employee_id, frame, unknown_record
from components.localisation import message_text, t
from components.receipts import download_receipt
from customer_pad.auth import SessionUser
from customer_pad.dates import SWISS_TIME, format_date
from customer_pad.errors import AccessDenied, Conflict, Message, NotFound, StorageUnavailable, ValidationFailed
from customer_pad.services import receipts, wishlists
from customer_pad.services.customer_lookup import CustomerChoice, customer_choice, find_customers
from customer_pad.services.staff import EmployeeChoice, active_employees
from customer_pad.services.wishlists import (
    MANUAL_EVENT_KINDS,
    PRIORITIES,
    STATUSES,
    Actor,
    EventRow,
    WishlistCard,
    WishlistDraft,
)
from customer_pad.validation import parse_date, record_number
from pages.backoffice.listing import Pager
from pages.backoffice.nav import backoffice_nav

LIST_PATH = '/backoffice/wishlists'
SEARCH_STATE_KEY = 'backoffice_wishlist_search'


def _actor(user: SessionUser) -> Actor:
    return Actor(role=user.role, employee_id=acting_employee_id(user))


def _status_label(status: str) -> str:
    return t(f'wishlist.status.{status}')


def _card_path(number: int) -> str:
    return f'{LIST_PATH}/{number}'


async def _download_letters(user: SessionUser, numbers: list[int], error: Callable[[str], None]) -> None:
    """The request letter(s) as a PDF download; problems are shown with `error`."""
    try:
        if len(numbers) == 1:
            pdf = await call(wishlists.wishlist_letter_pdf, numbers[0], _actor(user))
            filename = t('backoffice.letter_filename', number=numbers[0])
        else:
            pdf = await call(wishlists.wishlist_letters_pdf, numbers, _actor(user))
            filename = t('backoffice.letters_filename')
    except ValidationFailed as failure:
        error(' '.join(message_text(message) for message in failure.errors.values()))
        return
    except AccessDenied:
        error(t('backoffice.managers_only'))
        return
    except NotFound as missing:
        error(t('wishlist.unknown', number=missing.args[0] if missing.args else ''))
        return
    except StorageUnavailable:
        error(t('common.read_failed'))
        return
    ui.download.content(pdf, filename, 'application/pdf')


# --- the list ----------------------------------------------------------------------------------------------------


async def wishlist_list_page(user: SessionUser) -> None:
    """All entries, searchable by number, customer, brand, reference and status, a page at a time."""
    state = {'query': '', 'status': '', 'page': 1, **dict(app.storage.user.get(SEARCH_STATE_KEY) or {})}
    searches = 0

    async def refresh(page: int | None = None) -> None:
        nonlocal searches
        searches += 1
        this_search = searches
        state.update(query=search.value or '', status=status.value or '', page=page or 1)
        app.storage.user[SEARCH_STATE_KEY] = dict(state)
        try:
            result = await call(wishlists.search_wishlists, state['query'], state['status'] or None, state['page'])
        except StorageUnavailable:
            list_error.set_text(t('common.read_failed'))
            return
        if this_search != searches:
            return  # a newer search (typed meanwhile) will show its own result
        list_error.set_text('')
        state['page'] = result.page
        table.rows = [{
            'number': row.number,
            'customer': f'{row.customer_name} ({row.customer_number})',
            'article': f'{row.brand} {row.model}',
            'reference': row.reference,
            'priority': row.priority,
            'status': _status_label(row.status),
            'created': format_date(row.created_on),
            'signed': format_date(row.signed_on) if row.signed_on else '',
        } for row in result.rows]
        table.update()
        pager.show(result)
        no_results.set_visibility(not result.rows)

    async def print_selection() -> None:
        numbers = [row['number'] for row in table.selected]
        if not numbers:
            list_error.set_text(t('backoffice.nothing_selected'))
            return
        list_error.set_text('')
        await _download_letters(user, numbers, list_error.set_text)

    def print_button() -> None:
        ui.button(t('backoffice.print_selection'), icon='print', on_click=print_selection) \
            .props('outline no-caps').mark('wishlist-print-selection')

    columns = [
        {'name': 'number', 'label': t('backoffice.column.number'), 'field': 'number', 'align': 'left'},
        {'name': 'customer', 'label': t('backoffice.column.customer'), 'field': 'customer', 'align': 'left'},
        {'name': 'article', 'label': t('backoffice.column.article'), 'field': 'article', 'align': 'left'},
        {'name': 'reference', 'label': t('backoffice.column.reference'), 'field': 'reference', 'align': 'left',
         'classes': 'gt-xs', 'headerClasses': 'gt-xs'},
        {'name': 'priority', 'label': t('backoffice.column.priority'), 'field': 'priority', 'align': 'center',
         'classes': 'gt-sm', 'headerClasses': 'gt-sm'},
        {'name': 'status', 'label': t('backoffice.column.status'), 'field': 'status', 'align': 'left'},
        {'name': 'created', 'label': t('backoffice.column.created'), 'field': 'created', 'align': 'left',
         'classes': 'gt-sm', 'headerClasses': 'gt-sm'},
        {'name': 'signed', 'label': t('backoffice.column.signed'), 'field': 'signed', 'align': 'left',
         'classes': 'gt-xs', 'headerClasses': 'gt-xs'},
    ]

    async with frame(user, t('backoffice.wishlists_title')):
        backoffice_nav(user, LIST_PATH)
        with ui.row().classes('w-full items-center gap-3'):
            search = ui.input(t('backoffice.search'), value=state['query']) \
                .props('outlined dense clearable debounce=350').classes('grow min-w-[14rem]').mark('wishlist-search')
            with search.add_slot('prepend'):
                ui.icon('search')
            status = ui.select({'': t('backoffice.all_statuses'), **{code: _status_label(code) for code in STATUSES}},
                               value=state['status'] if state['status'] in STATUSES else '',
                               label=t('backoffice.column.status')) \
                .props('outlined dense options-dense').classes('w-44').mark('wishlist-status-filter')
            if user.is_manager:
                ui.button(t('backoffice.new_entry'), icon='add', on_click=lambda: ui.navigate.to(f'{LIST_PATH}/new')) \
                    .props('unelevated no-caps').mark('wishlist-new')
        table = ui.table(columns=columns, rows=[], row_key='number', pagination=0,
                         selection='multiple' if user.is_manager else None) \
            .props('flat bordered wrap-cells hide-pagination hide-no-data').classes('w-full cp-card') \
            .mark('wishlist-table')
        table.props(':grid="Quasar.Screen.xs"')
        table.add_slot('body-cell-number', r'''
            <q-td :props="props">
              <a :href="'/backoffice/wishlists/' + props.row.number" @click.stop
                 class="font-semibold text-primary no-underline px-2 py-2">{{ props.row.number }}</a>
            </q-td>''')
        # on a phone each entry is a card (the table's grid mode); the values are text, Vue escapes them
        table.add_slot('item', r'''
            <div class="q-pa-xs col-12">
              <q-card flat bordered>
                <q-card-section class="row no-wrap items-start q-gutter-x-sm q-pa-sm">
                  <q-checkbox v-if="props.selected !== undefined" v-model="props.selected" dense />
                  <a :href="'/backoffice/wishlists/' + props.row.number" class="col text-inherit no-underline">
                    <div class="font-semibold">{{ props.row.number }} · {{ props.row.customer }}</div>
                    <div>{{ props.row.article }}</div>
                    <div class="text-sm text-gray-600">{{ props.row.reference }}</div>
                    <div class="text-sm text-gray-600">{{ props.row.status }} · {{ props.row.created }}</div>
                  </a>
                </q-card-section>
              </q-card>
            </div>''')
        table.on('rowClick', lambda event: ui.navigate.to(_card_path(int(event.args[1]['number']))))
        no_results = ui.label(t('backoffice.no_results')).classes('text-gray-600').mark('wishlist-no-results')
        list_error = ui.label('').classes('cp-field-error').mark('wishlist-list-error')
        pager = Pager(marker='wishlist', go_to=refresh, count_key='backoffice.results',
                      more_key='backoffice.results_more', previous_label=t('wishlist.previous'),
                      next_label=t('wishlist.next'), buttons=print_button if user.is_manager else None)
        search.on_value_change(lambda: refresh(1))
        status.on_value_change(lambda: refresh(1))
        await refresh(int(state['page']) if str(state['page']).isdigit() else 1)


# --- the card ----------------------------------------------------------------------------------------------------


def _detail(label: str, value: str, marker: str = '') -> None:
    with ui.row().classes('w-full gap-2 items-baseline no-wrap'):
        ui.label(f'{label}:').classes('text-sm text-gray-500 shrink-0')
        value_label = ui.label(value).classes('break-words')
        if marker:
            value_label.mark(marker)


def _section_title(text: str) -> None:
    ui.label(text).classes('text-xs uppercase tracking-wider text-gray-500 font-semibold pt-1')


def _general_information(card: WishlistCard) -> None:
    customer, article = card.customer, card.article
    with ui.card().classes('cp-card w-full p-5').mark('wishlist-card'):
        with ui.element('div').classes('grid grid-cols-1 sm:grid-cols-2 gap-x-10 gap-y-5 w-full'):
            with ui.column().classes('gap-1'):
                _section_title(t('backoffice.general'))
                _detail(t('backoffice.branch'), card.branch, 'card-branch')
                _detail(t('backoffice.created_on'), format_date(card.created_on), 'card-created')
                _detail(t('backoffice.priority'), str(card.priority), 'card-priority')
                _detail(t('backoffice.status'), _status_label(card.status), 'card-status')
            with ui.column().classes('gap-1').mark('card-customer'):
                _section_title(t('backoffice.customer'))
                ui.link(f'{customer.name}, {customer.city}', f'/backoffice/customers/{customer.number}') \
                    .classes('font-semibold text-primary no-underline hover:underline').mark('card-customer-link')
                _detail(t('backoffice.column.number'), str(customer.number))
                if customer.phone:
                    _detail(t('backoffice.phone'), customer.phone)
                _detail(t('backoffice.first_contact'), format_date(customer.first_contact))
            with ui.column().classes('gap-1').mark('card-article'):
                _section_title(t('backoffice.article'))
                ui.label(article.category)
                ui.label(f'{article.brand} | {article.model}').classes('font-semibold')
                _detail(t('backoffice.reference'), article.reference)
                if article.characteristics:
                    with ui.row().classes('gap-1 pt-1').mark('card-characteristics'):
                        for name, value in article.characteristics:
                            ui.label(f'{name}: {value}') \
                                .classes('text-sm bg-stone-100 text-gray-800 rounded px-2 py-0.5 break-words')
            with ui.column().classes('gap-1').mark('card-remarks'):
                _section_title(t('backoffice.remarks'))
                ui.label(card.remarks or t('backoffice.no_remarks')) \
                    .classes('whitespace-pre-line break-words' + ('' if card.remarks else ' text-gray-500'))


def _event_rows(events: tuple[EventRow, ...]) -> list[dict]:
    return [{
        'id': event.id,
        'date': format_date(event.occurred_at),
        'event': t(f'wishlist.event.{event.kind}'),
        'employee': event.employee,
        'remarks': event.remarks,
        'creator': event.creator,
        'deletable': event.deletable,
    } for event in events]


async def wishlist_card_page(user: SessionUser, number: str) -> None:
    """One entry: general information, customer, article, remarks and the events, with the actions."""
    card = await call_by_number(wishlists.entry_card, number)
    title = t('wishlist.entry_heading', number=card.number) if card else t('backoffice.wishlists_title')
    employees = await call(active_employees, user.branch_id)  # for the header and the events' employee
    async with frame(user, title, employees=employees):
        backoffice_nav(user, LIST_PATH)
        if card is None:
            unknown_record('wishlist.unknown', number, 'wishlist-unknown', t('backoffice.back'), LIST_PATH)
            return
        await _card(user, card, employees)


async def _card(user: SessionUser, card: WishlistCard, employees: Sequence[EmployeeChoice]) -> None:
    number = card.number
    signed = any(event.kind == 'customer_signature' for event in card.events)

    async def refresh_events() -> None:
        try:
            events = await call(wishlists.entry_events, number)
        except StorageUnavailable:
            action_error.set_text(t('common.read_failed'))
            return
        events_table.rows = _event_rows(events)
        events_table.selected = []
        events_table.update()
        receipt_button.set_visibility(any(event.kind == 'customer_signature' for event in events))

    async def print_letter() -> None:
        action_error.set_text('')
        await _download_letters(user, [number], action_error.set_text)

    async def print_receipt() -> None:
        action_error.set_text('')
        try:
            signature_id = await call(receipts.latest_signature_id_for_wishlist, number)
        except StorageUnavailable:
            action_error.set_text(t('common.read_failed'))
            return
        if signature_id is not None:
            await download_receipt(signature_id)

    def ask_delete() -> None:
        action_error.set_text('')
        if not events_table.selected:
            action_error.set_text(t('backoffice.select_event'))
            return
        event = events_table.selected[0]
        if not event['deletable']:
            action_error.set_text(t('backoffice.event_protected'))
            return
        confirm_text.set_text(t('backoffice.delete_confirm', event=event['event'], date=event['date']))
        confirm_dialog.open()

    async def delete_selected() -> None:
        confirm_dialog.close()
        if not events_table.selected:
            return
        try:
            await call(wishlists.delete_event, number, int(events_table.selected[0]['id']), _actor(user))
        except ValidationFailed as failure:
            action_error.set_text(' '.join(message_text(message) for message in failure.errors.values()))
            return
        except AccessDenied:
            action_error.set_text(t('backoffice.managers_only'))
            return
        except NotFound:
            pass  # someone else deleted it already: the refresh shows that
        except StorageUnavailable:
            action_error.set_text(t('common.save_failed'))
            return
        else:
            ui.notify(t('backoffice.event_deleted'), type='positive')
        await refresh_events()

    with ui.row().classes('w-full gap-2 items-center flex-wrap').mark('card-actions'):
        ui.button(t('backoffice.back'), icon='arrow_back', on_click=lambda: ui.navigate.to(LIST_PATH)) \
            .props('flat no-caps').mark('card-back')
        ui.space()
        if user.is_manager:
            ui.button(t('backoffice.edit'), icon='edit',
                      on_click=lambda: ui.navigate.to(f'{_card_path(number)}/edit')) \
                .props('outline no-caps').mark('card-edit')
        ui.button(t('backoffice.customer_screen'), icon='tablet_mac',
                  on_click=lambda: ui.navigate.to(f'/wishlist-sign/{number}')) \
            .props('outline no-caps').mark('card-customer-screen')
        receipt_button = ui.button(t('backoffice.receipt'), icon='verified', on_click=print_receipt) \
            .props('outline no-caps').mark('card-receipt')
        receipt_button.set_visibility(signed)
        if user.is_manager:
            ui.button(t('backoffice.print'), icon='print', on_click=print_letter) \
                .props('unelevated no-caps').mark('card-print')
    action_error = ui.label('').classes('cp-field-error').mark('card-error')

    _general_information(card)

    columns = [
        {'name': 'date', 'label': t('backoffice.column.date'), 'field': 'date', 'align': 'left'},
        {'name': 'event', 'label': t('backoffice.column.event'), 'field': 'event', 'align': 'left'},
        {'name': 'employee', 'label': t('backoffice.column.employee'), 'field': 'employee', 'align': 'left'},
        {'name': 'remarks', 'label': t('backoffice.column.remarks'), 'field': 'remarks', 'align': 'left',
         'classes': 'gt-xs', 'headerClasses': 'gt-xs'},
        {'name': 'creator', 'label': t('backoffice.column.creator'), 'field': 'creator', 'align': 'left',
         'classes': 'gt-sm', 'headerClasses': 'gt-sm'},
    ]
    with ui.card().classes('cp-card w-full p-5 gap-3').mark('card-events'):
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(t('backoffice.events')).classes('text-lg font-semibold')
            ui.space()
            if user.is_manager:
                ui.button(t('backoffice.new_event'), icon='add', on_click=lambda: event_dialog.open()) \
                    .props('outline no-caps').mark('event-new')
                ui.button(t('backoffice.delete_event'), icon='delete', on_click=ask_delete) \
                    .props('outline no-caps color=negative').mark('event-delete')
            ui.button(t('backoffice.refresh'), icon='refresh', on_click=refresh_events) \
                .props('flat no-caps').mark('event-refresh')
        events_table = ui.table(columns=columns, rows=_event_rows(card.events), row_key='id', pagination=0,
                                selection='single' if user.is_manager else None) \
            .props('flat wrap-cells hide-pagination :dense="Quasar.Screen.xs"').classes('w-full').mark('events-table')

    with ui.dialog() as confirm_dialog, ui.card().classes('p-5 gap-4'):
        confirm_text = ui.label('').classes('text-base').mark('delete-question')
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('backoffice.cancel'), on_click=confirm_dialog.close).props('flat no-caps')
            ui.button(t('backoffice.delete_event'), on_click=delete_selected) \
                .props('unelevated no-caps color=negative').mark('delete-confirm')

    if user.is_manager:
        event_dialog = _event_dialog(user, number, {employee.id: employee.display_name for employee in employees},
                                     refresh_events)


def _event_dialog(user: SessionUser, number: int, employees: dict[int, str],
                  on_added: Callable[[], object]) -> ui.dialog:
    """**Nouveau**: the kind of event, its day, the employee it is about and remarks."""

    def today_text() -> str:
        return format_date(datetime.now(SWISS_TIME))

    async def save() -> None:
        for field in (kind, day, employee, remarks):
            field.error = None
        try:
            occurred_on = parse_date(day.value)
        except ValidationFailed as failure:
            day.error = message_text(failure.errors['date'])
            return
        save_button.disable()
        try:
            await call(wishlists.add_event, number, kind=kind.value or '', occurred_on=occurred_on,
                       employee_id=employee.value, remarks=remarks.value or '', actor=_actor(user))
        except ValidationFailed as failure:
            fields = {'kind': kind, 'date': day, 'employee': employee, 'remarks': remarks}
            for field, message in failure.errors.items():
                fields.get(field, remarks).error = message_text(message)
            return
        except (AccessDenied, StorageUnavailable) as error:
            remarks.error = t('backoffice.managers_only' if isinstance(error, AccessDenied) else 'common.save_failed')
            return
        finally:
            save_button.enable()
        dialog.close()
        kind.set_value(None)
        day.set_value(today_text())
        remarks.set_value('')
        ui.notify(t('backoffice.event_added'), type='positive')
        await on_added()

    with ui.dialog() as dialog, ui.card().classes('w-full max-w-md p-5 gap-2').mark('event-dialog'):
        ui.label(t('backoffice.new_event_title')).classes('text-lg font-semibold')
        kind = ui.select({code: t(f'wishlist.event.{code}') for code in MANUAL_EVENT_KINDS},
                         label=f'{t("backoffice.column.event")}*').props('outlined').classes('w-full') \
            .mark('event-kind')
        with ui.input(f'{t("backoffice.column.date")}*', value=today_text()).props('outlined') \
                .classes('w-full').mark('event-date') as day:
            with ui.menu().props('no-parent-event') as calendar:
                ui.date(mask='DD.MM.YYYY').bind_value(day).on_value_change(calendar.close)
            with day.add_slot('append'):
                ui.icon('event').on('click', calendar.open).classes('cursor-pointer')
        employee = ui.select(employees, value=acting_employee_id(user) if acting_employee_id(user) in employees
                             else None, label=f'{t("backoffice.column.employee")}*') \
            .props('outlined').classes('w-full').mark('event-employee')
        remarks = ui.textarea(t('backoffice.column.remarks')).props('outlined autogrow').classes('w-full') \
            .mark('event-remarks')
        with ui.row().classes('w-full justify-end gap-2 pt-2'):
            ui.button(t('backoffice.cancel'), on_click=dialog.close).props('flat no-caps')
            save_button = ui.button(t('backoffice.save'), on_click=save).props('unelevated no-caps') \
                .mark('event-save')
    return dialog


# --- the entry form ----------------------------------------------------------------------------------------------


async def wishlist_new_page(user: SessionUser) -> None:
    """A new entry (managers)."""
    await _entry_form(user, None, WishlistDraft(branch_id=user.branch_id))


async def wishlist_edit_page(user: SessionUser, number: str) -> None:
    """Edit an entry (managers)."""
    draft = await call_by_number(wishlists.entry_draft, number)
    if draft is None:
        async with frame(user, t('backoffice.wishlists_title')):
            unknown_record('wishlist.unknown', number, 'wishlist-unknown', t('backoffice.back'), LIST_PATH)
        return
    await _entry_form(user, record_number(number), draft)


async def _entry_form(user: SessionUser, number: int | None, draft: WishlistDraft) -> None:
    branches = {branch.id: branch.name for branch in await call(wishlists.list_branches)}
    chosen: CustomerChoice | None = None
    missing_customer: int | None = None
    if draft.customer_number is not None:
        try:
            chosen = await call(customer_choice, draft.customer_number)
        except NotFound:  # the entry's customer went after the entry was read: the manager picks another one
            missing_customer = draft.customer_number
    rows: list[dict[str, str]] = [{'name': name, 'value': value} for name, value in draft.characteristics]
    if not rows:
        rows.append({'name': '', 'value': ''})
    row_errors: dict[str, str] = {}
    title = t('backoffice.new_title') if number is None else t('backoffice.edit_title', number=number)

    def show_customer() -> None:
        chosen_label.set_text(f'{chosen.name} ({chosen.number}), {chosen.city}' if chosen else '')
        chosen_row.set_visibility(chosen is not None)
        search_column.set_visibility(chosen is None)

    def choose(choice: CustomerChoice) -> None:
        nonlocal chosen
        chosen = choice
        customer_search.error = None
        results.clear()
        show_customer()

    def change_customer() -> None:
        nonlocal chosen
        chosen = None
        customer_search.set_value('')
        show_customer()

    async def search_customers() -> None:
        typed = customer_search.value or ''
        customer_search.error = None
        try:
            found = await call(find_customers, typed) if typed.strip() else []
        except StorageUnavailable:  # the database is busy or away: say so beside the field, keep what was typed
            customer_search.error = t('common.read_failed')
            return
        if (customer_search.value or '') != typed:
            return  # the user typed on meanwhile: a newer search will answer
        results.clear()
        with results:
            if typed.strip() and not found:
                ui.label(t('backoffice.customer_none_found')).classes('text-sm text-gray-600 px-2')
            for choice in found:
                ui.button(f'{choice.name} ({choice.number}), {choice.city}',
                          on_click=lambda choice=choice: choose(choice)) \
                    .props('flat no-caps align=left').classes('w-full').mark(f'customer-option-{choice.number}')

    def move(index: int, offset: int) -> None:
        target = index + offset
        if 0 <= target < len(rows):
            rows[index], rows[target] = rows[target], rows[index]
            row_errors.clear()
            characteristics_editor.refresh()

    def remove(index: int) -> None:
        rows.pop(index)
        row_errors.clear()
        characteristics_editor.refresh()

    def add_row() -> None:
        rows.append({'name': '', 'value': ''})
        characteristics_editor.refresh()

    @ui.refreshable
    def characteristics_editor() -> None:
        for index, row in enumerate(rows):
            with ui.element('div').classes('grid grid-cols-[1fr_1fr_auto] gap-2 w-full items-start') \
                    .mark(f'characteristic-{index}'):
                for part, label_key in (('name', 'backoffice.characteristic_name'),
                                        ('value', 'backoffice.characteristic_value')):
                    field = ui.input(t(label_key), value=row[part]).props('outlined dense') \
                        .classes('min-w-0').mark(f'characteristic-{part}-{index}')
                    field.on_value_change(lambda event, row=row, part=part, field=field: (
                        row.__setitem__(part, event.value or ''), setattr(field, 'error', None)))
                    if f'characteristics.{index}.{part}' in row_errors:
                        field.error = row_errors[f'characteristics.{index}.{part}']
                with ui.row().classes('gap-0 no-wrap items-center pt-1'):
                    for name, icon, key, action, enabled in (
                            ('up', 'arrow_upward', 'backoffice.move_up', lambda index=index: move(index, -1),
                             index > 0),
                            ('down', 'arrow_downward', 'backoffice.move_down', lambda index=index: move(index, 1),
                             index < len(rows) - 1),
                            ('remove', 'close', 'backoffice.remove_characteristic',
                             lambda index=index: remove(index), True)):
                        button = ui.button(icon=icon, on_click=action) \
                            .props(f'flat round dense size=sm aria-label="{t(key)}"') \
                            .tooltip(t(key)).mark(f'characteristic-{name}-{index}')
                        button.set_enabled(enabled)
        ui.button(t('backoffice.add_characteristic'), icon='add', on_click=add_row) \
            .props('flat no-caps').mark('characteristic-add')

    async def save() -> None:
        form_error.set_text('')
        for field in fields.values():
            field.error = None
        customer_search.error = None
        row_errors.clear()
        new_draft = WishlistDraft(
            customer_number=chosen.number if chosen else None, branch_id=branch.value, category=category.value or '',
            brand=brand.value or '', model=model.value or '', reference=reference.value or '',
            characteristics=tuple((row['name'], row['value']) for row in rows), priority=int(priority.value or 0),
            status=status.value or '', remarks=remarks.value or '', version=draft.version)
        save_button.disable()
        try:
            if number is None:
                saved = await call(wishlists.create_entry, new_draft, _actor(user))
            else:
                await call(wishlists.update_entry, number, new_draft, _actor(user))
                saved = number
        except ValidationFailed as failure:
            show_errors(failure.errors)
            return
        except Conflict:
            form_error.set_text(t('backoffice.conflict') if number is not None else t('common.save_failed'))
            return
        except StorageUnavailable:
            form_error.set_text(t('common.save_failed'))
            return
        except AccessDenied:
            form_error.set_text(t('backoffice.managers_only'))
            return
        except NotFound:
            form_error.set_text(t('wishlist.unknown', number=number))
            return
        finally:
            save_button.enable()
        ui.notify(t('backoffice.saved'), type='positive')
        ui.navigate.to(_card_path(saved))

    def show_errors(errors: dict[str, Message]) -> None:
        for field, message in errors.items():
            text = message_text(message)
            if field == 'customer':
                customer_search.error = text
                if chosen is not None:
                    form_error.set_text(text)
            elif field.startswith('characteristics.'):
                row_errors[field] = text
            elif field in fields:
                fields[field].error = text
            else:
                form_error.set_text(text)
        if any(field.startswith('characteristics.') for field in errors):
            characteristics_editor.refresh()
        if not form_error.text:
            form_error.set_text(t('backoffice.fix_fields'))

    async with frame(user, title):
        backoffice_nav(user, LIST_PATH)
        with ui.card().classes('cp-card w-full p-5 gap-2').mark('form-customer'):
            _section_title(f'{t("backoffice.customer")}*')
            with ui.row().classes('w-full items-center gap-3') as chosen_row:
                chosen_label = ui.label('').classes('text-base font-semibold').mark('chosen-customer')
                ui.button(t('backoffice.customer_change'), on_click=change_customer) \
                    .props('flat no-caps dense').mark('customer-change')
            with ui.column().classes('w-full gap-1') as search_column:
                customer_search = ui.input(t('backoffice.customer_search'),
                                           value=str(missing_customer) if missing_customer is not None else '') \
                    .props('outlined dense clearable debounce=300').classes('w-full').mark('customer-search')
                if missing_customer is not None:
                    customer_search.error = t('backoffice.customer_unknown', number=missing_customer)
                with customer_search.add_slot('prepend'):
                    ui.icon('person_search')
                results = ui.column().classes('w-full gap-0').mark('customer-results')
            customer_search.on_value_change(search_customers)
            show_customer()

        with ui.card().classes('cp-card w-full p-5 gap-2'):
            _section_title(t('backoffice.general'))
            with ui.element('div').classes('grid grid-cols-1 sm:grid-cols-3 gap-3 w-full'):
                branch = ui.select(branches, value=draft.branch_id if draft.branch_id in branches else None,
                                   label=f'{t("backoffice.branch")}*').props('outlined').mark('form-branch')
                priority = ui.select({value: str(value) for value in PRIORITIES}, value=draft.priority,
                                     label=f'{t("backoffice.priority")}*').props('outlined').mark('form-priority')
                status = ui.select({code: _status_label(code) for code in STATUSES}, value=draft.status,
                                   label=f'{t("backoffice.status")}*').props('outlined').mark('form-status')

        with ui.card().classes('cp-card w-full p-5 gap-2'):
            _section_title(t('backoffice.article'))
            with ui.element('div').classes('grid grid-cols-1 sm:grid-cols-2 gap-3 w-full'):
                category = ui.input(f'{t("backoffice.category")}*', value=draft.category).props('outlined') \
                    .mark('form-category')
                brand = ui.input(f'{t("backoffice.brand")}*', value=draft.brand).props('outlined').mark('form-brand')
                model = ui.input(f'{t("backoffice.model")}*', value=draft.model).props('outlined').mark('form-model')
                reference = ui.input(f'{t("backoffice.reference")}*', value=draft.reference).props('outlined') \
                    .mark('form-reference')
            _section_title(t('backoffice.characteristics'))
            characteristics_editor()

        with ui.card().classes('cp-card w-full p-5 gap-2'):
            remarks = ui.textarea(t('backoffice.remarks'), value=draft.remarks).props('outlined autogrow') \
                .classes('w-full').mark('form-remarks')

        fields = {'branch': branch, 'priority': priority, 'status': status, 'category': category, 'brand': brand,
                  'model': model, 'reference': reference, 'remarks': remarks}
        for field in fields.values():
            field.on_value_change(lambda _, field=field: setattr(field, 'error', None))
        form_error = ui.label('').classes('cp-field-error text-base').mark('form-error')
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('backoffice.cancel'),
                      on_click=lambda: ui.navigate.to(LIST_PATH if number is None else _card_path(number))) \
                .props('flat no-caps').mark('form-cancel')
            save_button = ui.button(t('backoffice.save'), icon='save', on_click=save) \
                .props('unelevated no-caps size=lg').mark('form-save')

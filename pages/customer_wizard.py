"""The customer wizard (new customer and correction): five steps, consent and signature, nothing lost.

The typed values live in `app.storage.user['drafts']`, so a reload or a server restart brings back the
data and the step. Checks run per step in the domain core; the messages stand next to the fields.
"""

from typing import Any

from nicegui import app, ui
from nicegui.elements.mixins.validation_element import ValidationElement

from components import customer_mode
from components.background import call, call_by_number
from components.consent_block import ConsentBlock
from components.frame import acting_employee_id, frame, unknown_record
from components.localisation import current_language, message_text, t
from customer_pad.addresses import PostalAddress, format_address_block
from customer_pad.auth import SessionUser
from customer_pad.countries import DEFAULT_COUNTRY, country_choices
from customer_pad.errors import Conflict, Message, NotFound, StorageUnavailable, ValidationFailed
from customer_pad.i18n import LANGUAGE_NAMES
from customer_pad.services.consents import SigningContext
from customer_pad.services.customers import (
    STEP_FIELDS,
    STEPS,
    CustomerForEdit,
    CustomerForm,
    InterestChoice,
    check_form,
    create_customer,
    load_for_edit,
    merge_concurrent_edit,
    step_of_field,
    update_customer,
    wizard_choices,
)
from customer_pad.validation import CONTACT_TYPES, SALUTATIONS, record_number

NEW_DRAFT = 'new'


def _drafts() -> dict[str, Any]:
    if 'drafts' not in app.storage.user:
        app.storage.user['drafts'] = {}
    return app.storage.user['drafts']


def _draft(key: str, initial: CustomerForm, version: int | None) -> dict[str, Any]:
    """The stored draft for `key`, or a new one from `initial` (a stale draft of an older version is dropped)."""
    drafts = _drafts()
    stored = drafts.get(key)
    if stored is None or stored.get('version') != version:
        drafts[key] = {'form': _draft_form(initial), 'step': STEPS[0], 'version': version}
    return drafts[key]


def _draft_form(form: CustomerForm) -> dict[str, Any]:
    """The form as draft values: copies, so typing never changes the record as it was opened."""
    return vars(CustomerForm.from_mapping(vars(form)))


def discard_draft(key: str) -> None:
    _drafts().pop(key, None)


async def new_customer_page(user: SessionUser) -> None:
    initial = CustomerForm(language=current_language(), sales_advisor_id=acting_employee_id(user))
    await _wizard(user, NEW_DRAFT, initial, None, t('home.new_customer'))


async def edit_customer_page(user: SessionUser, number: str) -> None:
    loaded = await _load(number)
    if loaded is None:
        async with frame(user, t('home.modify_customer')):
            unknown_record('wizard.unknown_number', number, 'unknown-number', t('common.home'), '/')
        return
    await _wizard(user, f'edit-{loaded.number}', loaded.form, loaded, t('wizard.edit_title', number=loaded.number))


async def _load(number: str) -> CustomerForEdit | None:
    return await call_by_number(load_for_edit, number)


async def find_customer_page(user: SessionUser) -> None:
    """**Modifier le client**: the customer number, then the wizard pre-filled."""

    async def open_customer() -> None:
        number_input.error = None
        value = (number_input.value or '').strip()
        if not value:
            number_input.error = t('validation.required')
            return
        if await _load(value) is None:
            number_input.error = t('wizard.unknown_number', number=value)
            return
        ui.navigate.to(f'/customer/{record_number(value)}/edit')

    async with frame(user, t('home.modify_customer')):
        with ui.card().classes('cp-card w-full max-w-md p-6 gap-4'):
            number_input = ui.input(f'{t("wizard.customer_number")}*').props('outlined inputmode=numeric autofocus') \
                .classes('w-full').mark('customer-number').without_auto_validation()
            number_input.on('keydown.enter', open_customer)
            ui.button(t('wizard.open'), on_click=open_customer).props('unelevated size=lg no-caps') \
                .classes('w-full').mark('open-customer')


class _Fields:
    """The wizard's inputs by field name, to show and clear messages next to them."""

    def __init__(self) -> None:
        self.by_name: dict[str, ValidationElement] = {}

    def add(self, name: str, element: ValidationElement) -> ValidationElement:
        self.by_name[name] = element
        return element.mark(name).without_auto_validation()

    def clear(self, names: tuple[str, ...] | None = None) -> None:
        for name, element in self.by_name.items():
            if names is None or name.split('.', 1)[0] in names:
                element.error = None

    def show(self, errors: dict[str, Message]) -> None:
        for name, message in errors.items():
            element = self.by_name.get(name)
            if element is not None:
                element.error = message_text(message)


async def _wizard(user: SessionUser, key: str, initial: CustomerForm, loaded: CustomerForEdit | None,
                  title: str) -> None:
    language = current_language()
    choices = await call(wizard_choices, language, user.branch_id)
    interests, texts = choices.interests, choices.legal_texts
    employees = {employee.id: employee.display_name for employee in choices.employees}
    if loaded is not None and loaded.form.sales_advisor_id and loaded.form.sales_advisor_id not in employees:
        employees[loaded.form.sales_advisor_id] = t('wizard.advisor_left', name=loaded.advisor_name)
    draft = _draft(key, initial, loaded.version if loaded else None)
    form: dict[str, Any] = draft['form']
    request = ui.context.client.request
    user_agent = request.headers.get('user-agent', '') if request is not None else ''
    fields = _Fields()
    customer_mode.enter()  # from here on the tablet shows this form and nothing else

    async with frame(user, title, employees=choices.employees):
        content = ui.column().classes('w-full gap-4')
    with content:
        progress = ui.label('').classes('text-sm text-gray-600').mark('wizard-progress')
        # no sliding bar: on ten tablets at once its 0.3 s of frames per step slowed every step
        progress_bar = ui.linear_progress(show_value=False, size='6px').props('rounded color=primary instant-feedback')

        def show_step(step: str) -> None:
            if draft['step'] != step:
                ui.run_javascript('window.scrollTo({top: 0})')  # on a phone the next step starts at its top
            draft['step'] = step
            stepper.set_value(step)
            position = STEPS.index(step) + 1
            progress.set_text(t('wizard.progress', step=position, total=len(STEPS)))
            progress_bar.set_value(position / len(STEPS))
            if step == 'confirmation':
                summary.refresh()

        def go_next(step: str) -> None:
            fields.clear(STEP_FIELDS[step])
            try:
                check_form(CustomerForm.from_mapping(form), [step])
            except ValidationFailed as failure:
                fields.show(failure.errors)
                return
            show_step(STEPS[STEPS.index(step) + 1])

        def go_back(step: str) -> None:
            show_step(STEPS[STEPS.index(step) - 1])

        def navigation(step: str) -> None:
            with ui.stepper_navigation().classes('w-full justify-between'):
                if step != STEPS[0]:
                    ui.button(f'« {t("wizard.previous")}', on_click=lambda: go_back(step)) \
                        .props('flat size=lg no-caps').mark(f'previous-{step}')
                else:
                    ui.element()
                with ui.row().classes('gap-2'):  # the customer holds the tablet: a way out on every step
                    ui.button(t('wizard.cancel'), on_click=lambda: confirm_cancel.open()) \
                        .props('outline size=lg no-caps').mark(f'cancel-{step}')
                    ui.button(f'{t("wizard.next")} »', on_click=lambda: go_next(step)) \
                        .props('unelevated size=lg no-caps').mark(f'next-{step}')

        with ui.stepper(value=draft['step']).props('flat').classes('w-full cp-card') \
                .mark('wizard') as stepper:
            with ui.step('client', title=t('wizard.step.client'), icon='person'):
                _client_step(form, fields, employees)
                navigation('client')
            with ui.step('address', title=t('wizard.step.address'), icon='home'):
                _address_step(form, fields, language)
                navigation('address')
            with ui.step('contacts', title=t('wizard.step.contacts'), icon='contact_phone'):
                _contacts_step(form, fields)
                navigation('contacts')
            with ui.step('interests', title=t('wizard.step.interests'), icon='interests'):
                _interests_step(form, interests)
                navigation('interests')
            with ui.step('confirmation', title=t('wizard.step.confirmation'), icon='draw'):

                @ui.refreshable
                def summary() -> None:
                    _summary(form, language, interests)

                summary()
                consent = ConsentBlock(texts)
                save_error = ui.label('').classes('cp-field-error text-base').mark('save-error')
                with ui.stepper_navigation().classes('w-full justify-between'):
                    ui.button(f'« {t("wizard.previous")}', on_click=lambda: go_back('confirmation')) \
                        .props('flat size=lg no-caps').mark('previous-confirmation')
                    with ui.row().classes('gap-2'):
                        ui.button(t('wizard.cancel'), on_click=lambda: confirm_cancel.open()) \
                            .props('outline size=lg no-caps').mark('cancel')
                        save_button = ui.button(t('wizard.save'), on_click=lambda: save()) \
                            .props('unelevated size=lg no-caps').mark('save')
        show_step(draft['step'] if draft['step'] in STEPS else STEPS[0])
        if draft.get('notice'):  # a message for after a reload (the merge of someone else's save)
            save_error.set_text(t(draft.pop('notice')))

    with ui.dialog() as confirm_cancel, ui.card().classes('p-6 gap-4'):
        ui.label(t('wizard.cancel_question')).classes('text-lg')
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(t('common.no'), on_click=confirm_cancel.close).props('flat no-caps').mark('cancel-no')
            ui.button(t('wizard.cancel_confirm'), on_click=lambda: cancel()) \
                .props('unelevated color=negative no-caps').mark('cancel-yes')

    def cancel() -> None:
        discard_draft(key)
        confirm_cancel.close()
        customer_mode.hand_back()
        ui.navigate.to(customer_mode.HAND_BACK_PATH)

    async def take_in_the_other_save() -> None:
        """Someone saved this customer meanwhile: merge their data with what the customer typed, then show the
        merged form again to check, sign and save (the customer cannot go and reopen the record themselves)."""
        assert loaded is not None
        try:
            current = await call(load_for_edit, loaded.number)
        except (NotFound, StorageUnavailable):
            save_error.set_text(t('common.read_failed'))
            return
        merged = merge_concurrent_edit(loaded.form, CustomerForm.from_mapping(form), current.form)
        draft.update(form=_draft_form(merged), version=current.version, step='confirmation',
                     notice='wizard.conflict')
        ui.navigate.reload()

    async def save() -> None:
        if not save_button.enabled:  # a second tap while the first save runs
            return
        save_error.set_text('')
        fields.clear()
        customer_form = CustomerForm.from_mapping(form)
        try:
            check_form(customer_form)
        except ValidationFailed as failure:
            fields.show(failure.errors)
            show_step(step_of_field(next(iter(failure.errors))))
            return
        try:
            answers = consent.collect()
        except ValidationFailed:
            save_error.set_text(t('wizard.consent_missing'))
            return
        context = SigningContext(employee_id=acting_employee_id(user), branch_id=user.branch_id,
                                 user_agent=user_agent)
        save_button.disable()
        try:
            if loaded is None:
                saved = await call(create_customer, customer_form, answers.choices, answers.text_ids,
                                   answers.signature, context)
            else:
                saved = await call(update_customer, loaded.number, loaded.version, customer_form, answers.choices,
                                   answers.text_ids, answers.signature, context)
        except ValidationFailed as failure:
            fields.show(failure.errors)
            first = next(iter(failure.errors))
            if step_of_field(first) != 'confirmation':
                show_step(step_of_field(first))
            save_error.set_text(t('wizard.check_fields'))
            return
        except Conflict:
            await take_in_the_other_save()
            return
        except StorageUnavailable:
            save_error.set_text(t('common.save_failed'))
            return
        finally:
            save_button.enable()
        discard_draft(key)
        customer_mode.hand_back(customer_number=saved.number, signature_id=saved.signature_id,
                                confirmation='wizard.updated' if loaded is not None else 'wizard.created')
        ui.navigate.to(customer_mode.HAND_BACK_PATH)


def _client_step(form: dict[str, Any], fields: _Fields, employees: dict[int, str]) -> None:
    with ui.grid(columns='repeat(auto-fit, minmax(16rem, 1fr))').classes('w-full gap-x-4 gap-y-2'):
        fields.add('salutation', ui.select({code: t(f'salutation.{code}') for code in SALUTATIONS},
                                           label=t('wizard.field.salutation')).props('outlined')
                   .bind_value(form, 'salutation'))
        fields.add('title', ui.input(t('wizard.field.title')).props('outlined').bind_value(form, 'title'))
        fields.add('first_name', ui.input(t('wizard.field.first_name')).props('outlined autocomplete=given-name')
                   .bind_value(form, 'first_name'))
        fields.add('last_name', ui.input(f'{t("wizard.field.last_name")}*').props('outlined autocomplete=family-name')
                   .bind_value(form, 'last_name'))
        fields.add('company', ui.input(t('wizard.field.company')).props('outlined').bind_value(form, 'company'))
        with fields.add('birth_date', ui.input(t('wizard.field.birth_date'), placeholder=t('wizard.date_placeholder'))
                        .props('outlined inputmode=numeric').bind_value(form, 'birth_date')) as birth_date:
            with ui.menu().props('no-parent-event') as picker:
                ui.date(mask='DD.MM.YYYY').props('default-year-month=1980/01 years-in-month-view') \
                    .bind_value(form, 'birth_date').on_value_change(picker.close)
            with birth_date.add_slot('append'):
                ui.icon('edit_calendar').on('click', picker.open).classes('cursor-pointer') \
                    .props(f'aria-label="{t("wizard.pick_date")}"')
        fields.add('language', ui.select(LANGUAGE_NAMES, label=f'{t("wizard.field.language")}*').props('outlined')
                   .bind_value(form, 'language'))
        fields.add('sales_advisor_id', ui.select(employees, label=t('wizard.field.sales_advisor'), clearable=True)
                   .props('outlined').bind_value(form, 'sales_advisor_id'))


def _address_step(form: dict[str, Any], fields: _Fields, language: str) -> None:
    with ui.grid(columns='repeat(auto-fit, minmax(16rem, 1fr))').classes('w-full gap-x-4 gap-y-2'):
        fields.add('street', ui.input(f'{t("wizard.field.street")}*').props('outlined autocomplete=address-line1')
                   .bind_value(form, 'street'))
        fields.add('po_box', ui.input(t('wizard.field.po_box')).props('outlined autocomplete=address-line2')
                   .bind_value(form, 'po_box'))
        fields.add('postal_code', ui.input(f'{t("wizard.field.postal_code")}*')
                   .props('outlined autocomplete=postal-code').bind_value(form, 'postal_code'))
        fields.add('city', ui.input(f'{t("wizard.field.city")}*').props('outlined autocomplete=address-level2')
                   .bind_value(form, 'city'))
        if not form.get('country_code'):
            form['country_code'] = DEFAULT_COUNTRY
        fields.add('country_code', ui.select(dict(country_choices(language)), label=f'{t("wizard.field.country")}*',
                                             with_input=True).props('outlined').bind_value(form, 'country_code'))


def _contacts_step(form: dict[str, Any], fields: _Fields) -> None:
    with ui.grid(columns='repeat(auto-fit, minmax(16rem, 1fr))').classes('w-full gap-x-4 gap-y-2'):
        fields.add('email', ui.input(f'{t("wizard.field.email")}*').props('outlined type=email autocomplete=email')
                   .bind_value(form, 'email'))
        fields.add('mobile', ui.input(t('wizard.field.mobile'), placeholder='+41 79 123 45 67')
                   .props('outlined type=tel autocomplete=tel').bind_value(form, 'mobile'))
    ui.label(t('wizard.extra_contacts')).classes('font-medium pt-2')
    kinds = {code: t(f'contact_type.{code}') for code in CONTACT_TYPES}

    @ui.refreshable
    def rows() -> None:
        for name in [name for name in fields.by_name if name.startswith('contacts.')]:
            del fields.by_name[name]
        for index, row in enumerate(form['contacts']):
            with ui.row().classes('w-full items-start gap-2 no-wrap'):
                fields.add(f'contacts.{index}.kind', ui.select(kinds, label=f'{t("wizard.field.contact_type")}*')
                           .props('outlined').classes('w-52').bind_value(row, 'kind'))
                fields.add(f'contacts.{index}.value', ui.input(f'{t("wizard.field.contact")}*')
                           .props('outlined').classes('grow').bind_value(row, 'value'))
                ui.button(icon='delete', on_click=lambda index=index: remove(index)) \
                    .props(f'flat round aria-label="{t("wizard.remove_contact")}"').classes('mt-2') \
                    .mark(f'remove-contact-{index}')

    def add() -> None:
        form['contacts'].append({'kind': CONTACT_TYPES[0], 'value': ''})
        rows.refresh()

    def remove(index: int) -> None:
        del form['contacts'][index]
        rows.refresh()

    rows()
    ui.button('+', on_click=add).props(f'outline round aria-label="{t("wizard.add_contact")}"').mark('add-contact')


def _interests_step(form: dict[str, Any], interests: list) -> None:
    ui.label(t('wizard.interests_hint')).classes('text-gray-600')

    def toggle(list_id: int, ticked: bool) -> None:
        chosen = [value for value in form['interest_ids'] if value != list_id]
        form['interest_ids'] = [*chosen, list_id] if ticked else chosen

    with ui.grid(columns='repeat(auto-fill, minmax(11rem, 1fr))').classes('w-full gap-2'):
        for interest in interests:
            ui.checkbox(interest.name, value=interest.id in form['interest_ids'],
                        on_change=lambda event, list_id=interest.id: toggle(list_id, event.value)) \
                .classes('text-lg').mark(f'interest-{interest.name}')


def _summary(form: dict[str, Any], language: str, interests: list[InterestChoice]) -> None:
    customer_form = CustomerForm.from_mapping(form)
    mobile = customer_form.mobile
    contacts: list[tuple[str, str]] = [(row['kind'], row['value']) for row in customer_form.contacts if row['value']]
    try:
        data = check_form(customer_form)
        if data is not None:
            mobile = data.mobile or ''
            contacts = list(data.contacts)
    except ValidationFailed:
        pass  # the summary shows what was typed; the save names what is wrong
    address = PostalAddress(
        last_name=customer_form.last_name, first_name=customer_form.first_name, title=customer_form.title,
        salutation=customer_form.salutation, company=customer_form.company, street=customer_form.street,
        po_box=customer_form.po_box, postal_code=customer_form.postal_code, city=customer_form.city,
        country_code=customer_form.country_code or DEFAULT_COUNTRY)
    with ui.row().classes('w-full gap-8 p-4 cp-card').mark('summary'):
        with ui.column().classes('gap-0'):
            for line in format_address_block(address, language):
                ui.label(line)
        with ui.column().classes('gap-0'):
            ui.label(customer_form.email)
            if mobile:
                ui.label(mobile)
            for kind, value in contacts:
                ui.label(f'{t(f"contact_type.{kind}")}: {value}')
        with ui.column().classes('gap-0'):  # what the record also keeps: the customer checks it all before signing
            if customer_form.birth_date:
                ui.label(f'{t("wizard.field.birth_date")}: {customer_form.birth_date}')
            ui.label(f'{t("wizard.field.language")}: {LANGUAGE_NAMES.get(customer_form.language, "")}')
            chosen = [interest.name for interest in interests if interest.id in customer_form.interest_ids]
            if chosen:
                ui.label(f'{t("wizard.step.interests")}: {", ".join(chosen)}')

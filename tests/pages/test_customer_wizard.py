"""The customer wizard (**Nouveau client**, **Modifier le client**): checks per step, consent and signature, drafts.

Every test runs main.py on a fresh copy of the demo database: its highest customer number is 202356 (Kim
Tschantre), 202350 Anna Müller likes Golf and Art, andre is André Cupolillo (employee 1) at CMB Coppet (branch 1).
All five steps are in the page at once (only the browser hides the inactive ones), so field messages are read from
the field's own element, never from the page's text.
"""

import asyncio
import json
import math
from collections.abc import Callable
from typing import Any

from nicegui import app, ui
from nicegui.elements.mixins.validation_element import ValidationElement
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction
from sqlalchemy import func, select, update

from customer_pad.db import unit_of_work
from customer_pad.services.consents import SigningContext, consents_of_customer, count_consents, current_legal_texts
from customer_pad.services.customers import (
    STEPS,
    customer_history,
    customer_screen_interests,
    load_for_edit,
    update_customer,
)
from customer_pad.signatures import parse_signature
from models import Customer, Employee
from tests.pages.conftest import hand_back, log_in

ANDRE = 1
LUC = 3  # Luc Perret, the demo's third employee at Coppet
COPPET = 1
NEXT_NUMBER = 202357
KIM = 202356
ANNA = 202350
MAREK = 202355
SAVE_RETRIES = 100  # 10 s: saves run in a worker thread, slow on a busy machine

REQUIRED = 'Ce champ est obligatoire.'
CONSENT_MISSING = 'Veuillez accepter les dispositions légales et signer pour enregistrer.'
LEGAL_REQUIRED = 'Veuillez accepter les dispositions légales pour enregistrer.'
SIGNATURE_EMPTY = 'Veuillez signer dans le cadre.'
SIGNATURE_A_LINE = 'Un point ou un simple trait ne suffit pas : veuillez signer comme sur un document papier.'
WEBSITE_INVALID = 'Veuillez saisir l\'adresse d\'un site internet, par ex. www.exemple.ch.'
CONFLICT = ("Quelqu'un d'autre a modifié ce client pendant votre saisie. Ses modifications sont reprises, les vôtres "
            'sont conservées : veuillez vérifier, puis accepter, signer et enregistrer à nouveau.')


# --- helpers ----------------------------------------------------------------------------------------------


def handwritten_payload() -> str:
    """A signature as the pad sends it: a looping cursive run and an underline."""
    run = [[round(0.15 + 0.65 * index / 120 - 0.015 * math.sin(index / 4), 4),
            round(0.5 - 0.08 * (1 + math.cos(index / 4)), 4)] for index in range(121)]
    underline = [[round(0.12 + 0.75 * index / 30, 4), round(0.85 - 0.04 * math.sin(math.pi * index / 30), 4)]
                 for index in range(31)]
    return json.dumps({'v': 1, 'aspect': 2.5, 'strokes': [run, underline]}, separators=(',', ':'))


STRAIGHT_LINE = json.dumps({'v': 1, 'aspect': 2.5, 'strokes': [[[0.1, 0.5], [0.5, 0.5], [0.9, 0.5]]]})


def element(user: User, marker: str) -> Any:
    """The one element carrying `marker`."""
    elements = user.find(marker=marker).elements
    assert len(elements) == 1, f'{len(elements)} elements are marked {marker!r}'
    return next(iter(elements))


def error_of(user: User, field: str) -> str | None:
    """The message shown next to `field` (None when it has none)."""
    field_element = element(user, field)
    assert isinstance(field_element, ValidationElement)
    return field_element.error


def value_of(user: User, field: str) -> Any:
    return element(user, field).value


def text_of(user: User, marker: str) -> str:
    return element(user, marker).text


def current_step(user: User) -> str:
    return element(user, 'wizard').value


def type_into(user: User, field: str, text: str) -> None:
    """Empty the field and type `text`, as a person would."""
    user.find(marker=field).clear().type(text)


def choose(user: User, field: str, option: str) -> None:
    """Open the select `field` and click the option labelled `option`."""
    select = element(user, field)
    assert isinstance(select, ui.select)
    UserInteraction(user, {select}, None).click()  # opens the list
    UserInteraction(user, {select}, option).click()
    assert select.value is not None and select.options[select.value] == option, f'{option!r} is not offered'


def summary_lines(user: User) -> list[str]:
    """The lines of the confirmation step's summary."""
    return [label.text for label in element(user, 'summary').descendants() if isinstance(label, ui.label)]


def click(user: User, marker: str) -> None:
    user.find(marker=marker).click()


def sign(user: User, payload: str) -> None:
    """What the pad sends after the customer drew `payload`."""
    element(user, 'signature-pad').set_value(payload)


def interest_id(name: str) -> int:
    return next(choice.id for choice in customer_screen_interests('fr') if choice.name == name)


def customer_count() -> int:
    with unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Customer)) or 0


async def open_new_customer(user: User) -> None:
    await log_in(user)
    await user.open('/customer/new')
    await user.should_see(marker='wizard')


def fill_client(user: User) -> None:
    choose(user, 'salutation', 'Monsieur')
    type_into(user, 'first_name', 'Geoffrey')
    type_into(user, 'last_name', 'Dufour')
    type_into(user, 'birth_date', '23.09.1975')


def fill_address(user: User) -> None:
    type_into(user, 'street', 'Rue des Charmilles 23')
    type_into(user, 'postal_code', '1201')
    type_into(user, 'city', 'Genève')


def fill_contacts(user: User) -> None:
    type_into(user, 'email', 'geoffrey.dufour@bluewin.ch')
    type_into(user, 'mobile', '+41791234567')


FILL_STEP: dict[str, Callable[[User], None]] = {'client': fill_client, 'address': fill_address,
                                                'contacts': fill_contacts,
                                                'interests': lambda user: click(user, 'interest-Golf')}


async def reach_step(user: User, step: str) -> None:
    """A new customer with the manual's example typed into every step before `step`."""
    await open_new_customer(user)
    for earlier in STEPS[:STEPS.index(step)]:
        FILL_STEP[earlier](user)
        click(user, f'next-{earlier}')
    assert current_step(user) == step


async def reach_confirmation_of_a_new_customer(user: User) -> None:
    """The manual's example typed through the first four steps."""
    await reach_step(user, 'confirmation')


async def open_customer_for_edit(user: User, number: int) -> None:
    await log_in(user)
    await user.open(f'/customer/{number}/edit')
    await user.should_see(marker='wizard')


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait for an async handler (the save runs in the background) to reach `condition`."""
    for _ in range(SAVE_RETRIES):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'still waiting for {what}')


async def save_refused(user: User) -> None:
    """Click **Enregistrer** and wait for the message under the buttons."""
    save_error = element(user, 'save-error')
    save_error.set_text('')
    click(user, 'save')
    await until(lambda: save_error.is_deleted or bool(save_error.text), 'the answer to the save')
    assert not save_error.is_deleted, 'the save went through'


def change_city_to_carouge(user: User) -> None:
    """From the first step of a pre-filled customer to the confirmation, with the new address typed."""
    assert current_step(user) == 'client'
    click(user, 'next-client')
    type_into(user, 'postal_code', '1227')
    type_into(user, 'city', 'Carouge')
    for step in ('address', 'contacts', 'interests'):
        click(user, f'next-{step}')
    assert current_step(user) == 'confirmation'


# --- step 1: client ---------------------------------------------------------------------------------------


async def test_wizard_starts_on_the_client_step_with_progress_one_of_five(user: User) -> None:
    await open_new_customer(user)
    assert current_step(user) == 'client'
    assert text_of(user, 'wizard-progress') == 'Étape 1 sur 5'
    assert value_of(user, 'language') == 'fr'
    assert value_of(user, 'sales_advisor_id') == ANDRE


async def test_client_step_without_last_name_stays_and_says_so_next_to_the_field(user: User) -> None:
    await open_new_customer(user)
    type_into(user, 'first_name', 'Geoffrey')
    click(user, 'next-client')
    assert current_step(user) == 'client'
    assert text_of(user, 'wizard-progress') == 'Étape 1 sur 5'
    assert error_of(user, 'last_name') == REQUIRED
    assert element(user, 'last_name').props['error-message'] == REQUIRED
    assert error_of(user, 'first_name') is None
    assert value_of(user, 'first_name') == 'Geoffrey'


async def test_client_step_with_an_impossible_birth_date_stays_and_keeps_it(user: User) -> None:
    await open_new_customer(user)
    type_into(user, 'last_name', 'Dufour')
    type_into(user, 'birth_date', '31.02.1975')
    click(user, 'next-client')
    assert current_step(user) == 'client'
    assert error_of(user, 'birth_date') == 'Cette date n\'existe pas. Veuillez vérifier le jour et le mois.'
    assert value_of(user, 'birth_date') == '31.02.1975'


async def test_valid_client_step_advances_to_the_address(user: User) -> None:
    await open_new_customer(user)
    click(user, 'next-client')
    assert error_of(user, 'last_name') == REQUIRED
    fill_client(user)
    click(user, 'next-client')
    assert current_step(user) == 'address'
    assert text_of(user, 'wizard-progress') == 'Étape 2 sur 5'
    assert error_of(user, 'last_name') is None


# --- step 2: address --------------------------------------------------------------------------------------


async def test_address_step_requires_street_four_digit_swiss_postal_code_and_city(user: User) -> None:
    await reach_step(user, 'address')
    type_into(user, 'po_box', 'Case postale 12')
    type_into(user, 'postal_code', '120')
    click(user, 'next-address')
    assert current_step(user) == 'address'
    assert error_of(user, 'street') == REQUIRED
    assert error_of(user, 'postal_code') == 'Un NPA suisse a 4 chiffres, par ex. 1201.'
    assert error_of(user, 'city') == REQUIRED
    assert error_of(user, 'po_box') is None
    assert value_of(user, 'po_box') == 'Case postale 12'
    assert value_of(user, 'postal_code') == '120'


async def test_valid_swiss_address_advances_to_the_contacts(user: User) -> None:
    await reach_step(user, 'address')
    assert value_of(user, 'country_code') == 'CH'
    fill_address(user)
    click(user, 'next-address')
    assert current_step(user) == 'contacts'
    assert text_of(user, 'wizard-progress') == 'Étape 3 sur 5'


async def test_foreign_address_is_accepted_with_its_own_postal_code(user: User) -> None:
    await reach_step(user, 'address')
    type_into(user, 'street', 'Friedrichstraße 100')
    type_into(user, 'postal_code', '10115')
    type_into(user, 'city', 'Berlin')
    choose(user, 'country_code', 'Allemagne')
    click(user, 'next-address')
    assert current_step(user) == 'contacts'
    assert error_of(user, 'postal_code') is None


# --- step 3: contacts -------------------------------------------------------------------------------------


async def test_contacts_step_refuses_a_bad_email_and_a_landline_as_mobile(user: User) -> None:
    await reach_step(user, 'contacts')
    type_into(user, 'email', 'geoffrey.dufour@')
    type_into(user, 'mobile', '022 123 45 67')
    click(user, 'next-contacts')
    assert current_step(user) == 'contacts'
    assert error_of(user, 'email') == 'Veuillez saisir une adresse e-mail valide, par ex. nom@exemple.ch.'
    assert error_of(user, 'mobile') == ('Ce numéro n\'est pas un numéro de mobile. '
                                        'Veuillez saisir votre numéro de mobile, par ex. 079 123 45 67.')
    assert value_of(user, 'email') == 'geoffrey.dufour@'
    assert value_of(user, 'mobile') == '022 123 45 67'


async def test_contacts_step_without_email_stays(user: User) -> None:
    await reach_step(user, 'contacts')
    click(user, 'next-contacts')
    assert current_step(user) == 'contacts'
    assert error_of(user, 'email') == REQUIRED


async def test_contact_row_is_checked_for_its_type(user: User) -> None:
    await reach_step(user, 'contacts')
    fill_contacts(user)
    click(user, 'add-contact')
    await user.should_see(marker='contacts.0.value')
    choose(user, 'contacts.0.kind', 'Site internet')
    type_into(user, 'contacts.0.value', 'dufour point com')
    click(user, 'next-contacts')
    assert current_step(user) == 'contacts'
    assert error_of(user, 'contacts.0.value') == WEBSITE_INVALID
    assert value_of(user, 'contacts.0.value') == 'dufour point com'

    choose(user, 'contacts.0.kind', 'Téléphone privé')
    click(user, 'next-contacts')
    assert current_step(user) == 'contacts'
    assert error_of(user, 'contacts.0.value').startswith('Veuillez saisir un numéro de téléphone')

    type_into(user, 'contacts.0.value', '022 776 12 34')
    click(user, 'next-contacts')
    assert current_step(user) == 'interests'
    assert text_of(user, 'wizard-progress') == 'Étape 4 sur 5'


async def test_extra_contact_row_left_empty_is_ignored(user: User) -> None:
    await reach_step(user, 'contacts')
    fill_contacts(user)
    click(user, 'add-contact')
    await user.should_see(marker='contacts.0.value')
    click(user, 'next-contacts')
    assert error_of(user, 'contacts.0.value') is None
    assert current_step(user) == 'interests'


async def test_contact_row_can_be_removed(user: User) -> None:
    await open_new_customer(user)
    click(user, 'add-contact')
    await user.should_see(marker='contacts.0.value')
    type_into(user, 'contacts.0.value', 'pas un site')
    click(user, 'remove-contact-0')
    await user.should_not_see(marker='contacts.0.value')
    assert app.storage.user['drafts']['new']['form']['contacts'] == []


async def test_previous_goes_back_with_the_values_kept(user: User) -> None:
    await reach_step(user, 'address')
    fill_address(user)
    click(user, 'previous-address')
    assert current_step(user) == 'client'
    assert text_of(user, 'wizard-progress') == 'Étape 1 sur 5'
    assert value_of(user, 'last_name') == 'Dufour'
    click(user, 'next-client')
    assert value_of(user, 'street') == 'Rue des Charmilles 23'


# --- step 5: confirmation and saving ----------------------------------------------------------------------


async def test_summary_shows_everything_typed(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    await until(lambda: 'Geoffrey Dufour' in ' '.join(summary_lines(user)), 'the summary')
    lines = summary_lines(user)
    for line in ('Monsieur', 'Rue des Charmilles 23', '1201 Genève', 'geoffrey.dufour@bluewin.ch', '+41791234567',
                 'Date de naissance: 23.09.1975', 'Langue: Français', 'Intérêts: Golf'):
        assert any(line in shown for shown in lines), f'{line!r} is not in the summary {lines}'


async def test_customer_without_legal_consent_cannot_be_saved(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers, consents = customer_count(), count_consents()
    sign(user, handwritten_payload())
    await save_refused(user)
    assert text_of(user, 'save-error') == CONSENT_MISSING
    assert text_of(user, 'consent-legal-error') == LEGAL_REQUIRED
    assert text_of(user, 'signature-error') == ''
    assert current_step(user) == 'confirmation'
    assert (customer_count(), count_consents()) == (customers, consents)


async def test_customer_without_signature_cannot_be_saved(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers, consents = customer_count(), count_consents()
    click(user, 'consent-legal')
    await save_refused(user)
    assert text_of(user, 'save-error') == CONSENT_MISSING
    assert text_of(user, 'signature-error') == SIGNATURE_EMPTY
    assert text_of(user, 'consent-legal-error') == ''
    assert (customer_count(), count_consents()) == (customers, consents)


async def test_a_straight_line_is_not_a_signature(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers, consents = customer_count(), count_consents()
    click(user, 'consent-legal')
    sign(user, STRAIGHT_LINE)
    await save_refused(user)
    assert text_of(user, 'save-error') == CONSENT_MISSING
    assert text_of(user, 'signature-error') == SIGNATURE_A_LINE
    assert (customer_count(), count_consents()) == (customers, consents)


async def test_full_save_stores_the_customer_and_shows_the_new_number(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers, consents = customer_count(), count_consents()
    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    click(user, 'save')
    await user.should_see(marker='customer-number-saved', retries=SAVE_RETRIES)
    assert text_of(user, 'customer-number-saved') == str(NEXT_NUMBER)
    await user.should_see('Votre fiche client a été enregistrée.')
    assert customer_count() == customers + 1
    stored = load_for_edit(NEXT_NUMBER)
    assert (stored.form.salutation, stored.form.first_name, stored.form.last_name) == ('mr', 'Geoffrey', 'Dufour')
    assert (stored.form.birth_date, stored.form.language, stored.form.sales_advisor_id) == ('23.09.1975', 'fr', ANDRE)
    assert (stored.form.street, stored.form.postal_code, stored.form.city, stored.form.country_code) == (
        'Rue des Charmilles 23', '1201', 'Genève', 'CH')
    assert (stored.form.email, stored.form.mobile) == ('geoffrey.dufour@bluewin.ch', '+41791234567')
    assert stored.form.interest_ids == [interest_id('Golf')]
    records = consents_of_customer(NEXT_NUMBER)
    assert count_consents() == consents + len(records)
    assert {(record.purpose, record.accepted) for record in records} == {('legal', True), ('marketing', False)}
    assert 'new' not in app.storage.user['drafts']


async def test_save_with_a_field_made_invalid_returns_to_its_step(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers = customer_count()
    type_into(user, 'city', '')
    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    click(user, 'save')
    await until(lambda: current_step(user) == 'address', 'the address step')
    await user.should_not_see(marker='handback')
    assert error_of(user, 'city') == REQUIRED
    assert customer_count() == customers


# --- cancelling and drafts --------------------------------------------------------------------------------


async def test_cancel_asks_first_then_discards_the_draft(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    dialog = next(iter(user.find(kind=ui.dialog).elements))
    customers = customer_count()
    click(user, 'cancel')
    assert dialog.value
    await user.should_see('Annuler la saisie ? Les données saisies seront effacées.')
    click(user, 'cancel-no')
    assert not dialog.value
    assert value_of(user, 'last_name') == 'Dufour'

    click(user, 'cancel')
    click(user, 'cancel-yes')
    await user.should_see(marker='handback', retries=SAVE_RETRIES)
    assert user.back_history[-1] == '/handback'
    assert 'new' not in app.storage.user['drafts']
    assert customer_count() == customers
    await hand_back(user)
    await user.should_see("La saisie a été annulée ; rien n'a été enregistré.")

    await user.open('/customer/new')
    await user.should_see(marker='wizard')
    assert current_step(user) == 'client'
    assert value_of(user, 'last_name') == ''
    assert value_of(user, 'street') == ''


async def test_draft_survives_reopening_the_page_with_its_step(user: User) -> None:
    await reach_step(user, 'address')
    type_into(user, 'street', 'Rue des Charmilles 23')
    type_into(user, 'postal_code', '12')

    await user.open('/')
    await user.open('/customer/new')
    await user.should_see(marker='wizard')
    assert current_step(user) == 'address'
    assert text_of(user, 'wizard-progress') == 'Étape 2 sur 5'
    assert (value_of(user, 'salutation'), value_of(user, 'last_name')) == ('mr', 'Dufour')
    assert value_of(user, 'birth_date') == '23.09.1975'
    assert (value_of(user, 'street'), value_of(user, 'postal_code')) == ('Rue des Charmilles 23', '12')


async def test_draft_keeps_contact_rows_and_interests(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    click(user, 'previous-confirmation')
    click(user, 'previous-interests')
    click(user, 'add-contact')
    await user.should_see(marker='contacts.0.value')
    type_into(user, 'contacts.0.value', 'www.dufour.com')

    await user.open('/customer/new')
    await user.should_see(marker='wizard')
    assert current_step(user) == 'contacts'
    assert (value_of(user, 'contacts.0.kind'), value_of(user, 'contacts.0.value')) == ('website', 'www.dufour.com')
    assert value_of(user, 'interest-Golf') is True
    assert value_of(user, 'interest-Musique') is False


# --- modify: number lookup, pre-filled wizard, history ----------------------------------------------------


async def test_unknown_customer_number_is_refused_next_to_the_field(user: User) -> None:
    await log_in(user)
    await user.open('/customer/modify')
    click(user, 'open-customer')
    await until(lambda: error_of(user, 'customer-number') == REQUIRED, 'the message next to the number')
    type_into(user, 'customer-number', '999999')
    click(user, 'open-customer')
    await user.should_see(content='Aucun client ne porte le numéro 999999.', retries=SAVE_RETRIES)
    assert error_of(user, 'customer-number') == 'Aucun client ne porte le numéro 999999.'
    assert value_of(user, 'customer-number') == '999999'
    assert user.back_history[-1] == '/customer/modify'


async def test_edit_page_of_an_unknown_number_says_so(user: User) -> None:
    await log_in(user)
    await user.open('/customer/999999/edit')
    await user.should_see(marker='unknown-number')
    await user.should_not_see(marker='wizard')


async def test_known_customer_number_opens_the_wizard_pre_filled(user: User) -> None:
    await log_in(user)
    await user.open('/customer/modify')
    type_into(user, 'customer-number', str(KIM))
    click(user, 'open-customer')
    await user.should_see(marker='wizard', retries=SAVE_RETRIES)
    assert user.back_history[-1] == f'/customer/{KIM}/edit'
    await user.should_see(f'Modifier le client n° {KIM}')
    assert current_step(user) == 'client'
    assert (value_of(user, 'first_name'), value_of(user, 'last_name')) == ('Kim', 'Tschantre')
    assert (value_of(user, 'street'), value_of(user, 'postal_code'), value_of(user, 'city')) == (
        'Place du Temple 3', '2088', 'New York, NY')
    assert value_of(user, 'email') == 'kim.tschantre@example.ch'
    assert (value_of(user, 'contacts.0.kind'), value_of(user, 'contacts.0.value')) == (
        'phone_private', '+41446145111')


async def test_customer_with_interests_opens_with_them_ticked(user: User) -> None:
    await open_customer_for_edit(user, ANNA)
    assert value_of(user, 'last_name') == 'Müller'
    assert value_of(user, 'interest-Golf') is True
    assert value_of(user, 'interest-Art') is True
    assert value_of(user, 'interest-Musique') is False
    assert value_of(user, 'interest-Tennis') is False


async def test_changed_city_is_saved_with_history_and_new_consents(user: User) -> None:
    consents_before = consents_of_customer(KIM)
    await open_customer_for_edit(user, KIM)
    change_city_to_carouge(user)
    click(user, 'consent-legal')
    click(user, 'consent-marketing')
    sign(user, handwritten_payload())
    click(user, 'save')
    await user.should_see(marker='customer-number-saved', retries=SAVE_RETRIES)
    assert text_of(user, 'customer-number-saved') == str(KIM)
    await user.should_see('Vos données ont été mises à jour.')

    stored = load_for_edit(KIM)
    assert (stored.form.postal_code, stored.form.city) == ('1227', 'Carouge')
    changes = {(entry.field, entry.old_value, entry.new_value, entry.employee) for entry in customer_history(KIM)}
    assert ('city', 'New York, NY', 'Carouge', 'André Cupolillo') in changes
    assert ('postal_code', '2088', '1227', 'André Cupolillo') in changes
    assert not any(field == 'last_name' for field, *_ in changes)
    consents_after = consents_of_customer(KIM)
    assert consents_after[:len(consents_before)] == consents_before
    assert {(record.purpose, record.accepted) for record in consents_after[len(consents_before):]} == {
        ('legal', True), ('marketing', True)}
    assert f'edit-{KIM}' not in app.storage.user['drafts']


async def test_correction_keeps_an_advisor_who_has_left_unless_changed(user: User) -> None:
    with unit_of_work() as session:
        session.execute(update(Customer).where(Customer.number == MAREK).values(sales_advisor_id=LUC))
        session.execute(update(Employee).where(Employee.id == LUC).values(active=False))
    await open_customer_for_edit(user, MAREK)
    change_city_to_carouge(user)
    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    click(user, 'save')
    await user.should_see(marker='customer-number-saved', retries=SAVE_RETRIES)
    assert load_for_edit(MAREK).form.sales_advisor_id == LUC
    assert not any(entry.field == 'sales_advisor_id' for entry in customer_history(MAREK))


async def test_someone_elses_save_meanwhile_is_merged_with_the_typing_and_saved_again(user: User) -> None:
    await open_customer_for_edit(user, KIM)
    opened = load_for_edit(KIM)
    change_city_to_carouge(user)

    other_tablet = opened.form
    other_tablet.email = 'kim@tschantre.ch'
    other_tablet.city = 'Zürich'  # both changed the city: the customer's own typing wins
    texts = current_legal_texts('fr')
    update_customer(KIM, opened.version, other_tablet, (('legal', True), ('marketing', False)),
                    {purpose: text.id for purpose, text in texts.items()}, parse_signature(handwritten_payload()),
                    SigningContext(employee_id=2, branch_id=COPPET, user_agent='another tablet'))

    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    click(user, 'save')
    await user.should_see(CONFLICT, retries=SAVE_RETRIES)
    await user.should_not_see(marker='handback')
    assert current_step(user) == 'confirmation'
    assert (value_of(user, 'postal_code'), value_of(user, 'city')) == ('1227', 'Carouge')
    assert value_of(user, 'email') == 'kim@tschantre.ch'
    stored = load_for_edit(KIM)
    assert (stored.form.city, stored.form.email) == ('Zürich', 'kim@tschantre.ch')
    assert not any(entry.new_value == 'Carouge' for entry in customer_history(KIM))

    click(user, 'consent-legal')  # the merged form is signed and saved again
    sign(user, handwritten_payload())
    click(user, 'save')
    await user.should_see(marker='handback', retries=SAVE_RETRIES)
    stored = load_for_edit(KIM)
    assert (stored.form.postal_code, stored.form.city, stored.form.email) == ('1227', 'Carouge', 'kim@tschantre.ch')

"""The wishlist screens as staff and managers use them: look-up, customer screen, back-office list, card, form."""

import asyncio
import io
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import pytest
from nicegui import ui
from nicegui.testing import User
from pypdf import PdfReader
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from components import customer_mode
from customer_pad.dates import SWISS_TIME
from customer_pad.db import engine
from customer_pad.services import wishlists
from customer_pad.services.consents import count_consents
from customer_pad.services.wishlists import Actor
from tests.pages.conftest import hand_back, log_in
from tests.services.test_wishlists import andre_at_coppet, handwritten_signature, rolex_draft, signing_answers

READ_FAILED = "La base de données est momentanément indisponible : rien n'a pu être lu. Veuillez réessayer."

MANAGER = Actor(role='manager', employee_id=2)


def element(user: User, marker: str) -> ui.element:
    return next(iter(user.find(marker=marker).elements))


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait until a handler that calls a service has updated the page."""
    for _ in range(100):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'the page never showed {what}')


def table_rows(user: User, marker: str) -> list[dict]:
    table = element(user, marker)
    assert isinstance(table, ui.table)
    return table.rows


def pdf_text(content: bytes) -> str:
    return ' '.join(' '.join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


# --- home and look-up ------------------------------------------------------------------------------------------


async def test_home_offers_the_back_office_with_what_each_role_may_see(user: User) -> None:
    await log_in(user, 'andre')
    user.find(marker='/backoffice/wishlists').click()
    await user.should_see(marker='nav:/backoffice/customers', retries=30)
    await user.should_not_see(marker='nav:/backoffice/staff')
    user.find(marker='log-out').click()
    await user.should_see(marker='login-submit', retries=30)
    await log_in(user, 'camille')
    await user.should_see('Back-office', retries=30)
    user.find(marker='/backoffice/wishlists').click()
    await user.should_see('Souhaits trouvés : 5', retries=30)


async def test_unknown_wishlist_number_gets_a_clear_message(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist')
    await user.should_see('Numéro du souhait*', retries=30)
    user.find(marker='wishlist-number').type('99')
    user.find(marker='wishlist-open').click()
    await user.should_see('Aucun souhait ne porte le numéro 99.', retries=30)
    assert user.back_history[-1] == '/wishlist'
    assert element(user, 'wishlist-number').value == '99'


async def test_wishlist_number_must_be_digits(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist')
    user.find(marker='wishlist-open').click()
    await user.should_see('Ce champ est obligatoire.', retries=30)
    user.find(marker='wishlist-number').type('3a')
    user.find(marker='wishlist-open').click()
    await user.should_see('Le numéro du souhait ne contient que des chiffres.', retries=30)


async def test_wishlist_number_opens_the_customer_screen(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist')
    user.find(marker='wishlist-number').type('3')
    user.find(marker='wishlist-open').click()
    await user.should_see('Je prends note des points suivants:', retries=30)
    assert user.back_history[-1] == '/wishlist-sign/3'
    await user.should_see('Kim Tschantre', retries=30)
    await user.should_see('Rolex | Oyster Perpetual', retries=30)
    await user.should_see('Noté et confirmé*', retries=30)


# --- the customer screen ----------------------------------------------------------------------------------------


async def test_customer_screen_shows_nothing_else_of_the_customer(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/3')
    await user.should_see(marker='wishlist-customer', retries=30)
    for private in ('Place du Temple', 'New York', 'kim.tschantre@example.ch', '202356', '+41 44 614 51 11',
                    'Müller', 'Favre'):
        await user.should_not_see(private)


async def test_unknown_number_in_the_address_says_so(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/77')
    await user.should_see('Aucun souhait ne porte le numéro 77.', retries=30)
    await user.should_not_see(marker='wishlist-stepper')


async def test_next_without_acknowledgement_stays_on_the_points(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/3')
    user.find(marker='wishlist-next').click()
    await user.should_see('Veuillez confirmer que vous avez pris note de ces points.', retries=30)
    assert element(user, 'wishlist-stepper').value == 'acknowledge'
    user.find(marker='acknowledged').click()
    user.find(marker='wishlist-next').click()
    assert element(user, 'wishlist-stepper').value == 'consent'
    await user.should_not_see('Veuillez confirmer que vous avez pris note de ces points.')



async def sign_entry_3(user: User, address: str = '/wishlist-sign/3') -> None:
    """As André, hand the tablet over on `address`; the customer acknowledges, accepts the legal text, signs."""
    await log_in(user, 'andre')
    await user.open(address)
    user.find(marker='acknowledged').click()
    user.find(marker='wishlist-next').click()
    user.find(marker='consent-legal').click()
    element(user, 'signature-pad').set_value(handwritten_signature().to_json())
    user.find(marker='wishlist-save').click()
    await user.should_see('La signature de Kim Tschantre pour le souhait n° 3 a été enregistrée.', retries=30)
    assert count_consents() == 3


async def test_an_address_with_a_leading_zero_signs_like_the_plain_one(user: User) -> None:
    await sign_entry_3(user, '/wishlist-sign/03')  # the tablet is locked to the address as typed: its buttons work


async def test_saving_without_legal_consent_or_signature_keeps_the_screen_and_saves_nothing(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/3')
    user.find(marker='acknowledged').click()
    user.find(marker='wishlist-next').click()
    user.find(marker='wishlist-save').click()
    await user.should_see('Veuillez accepter les dispositions légales pour enregistrer.', retries=30)
    await user.should_see('Veuillez signer dans le cadre.', retries=30)
    await user.should_not_see(marker='handback')
    assert count_consents() == 0


async def test_signing_records_the_consents_and_the_event(user: User) -> None:
    await sign_entry_3(user)
    events = wishlists.entry_events(3)
    assert (events[0].kind, events[0].employee) == ('customer_signature', 'André Cupolillo')
    await user.should_see("Merci — veuillez rendre l'appareil au personnel.")
    await user.should_not_see(marker='print-receipt')  # hidden until staff unlock
    await hand_back(user)
    await user.should_see('Souhait n° 3 signé.')
    user.find(marker='print-receipt').click()
    receipt = await user.download.next(timeout=10)
    text = pdf_text(receipt.content)
    assert 'Confirmation de consentement' in text and 'Kim Tschantre' in text and 'André Cupolillo' in text


async def test_cancelled_entry_cannot_be_signed(user: User) -> None:
    wishlists.update_entry(3, replace(wishlists.entry_draft(3), status='cancelled'), MANAGER)
    await log_in(user)
    await user.open('/wishlist-sign/3')
    await user.should_see('Ce souhait est clôturé et ne peut plus être signé.', retries=30)
    await user.should_not_see(marker='wishlist-stepper')



async def test_an_entry_closed_while_the_customer_holds_the_tablet_hands_the_tablet_back(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/3')  # the tablet is now the customer's, locked to this entry
    await user.should_see(marker='wishlist-stepper', retries=30)
    wishlists.update_entry(3, replace(wishlists.entry_draft(3), status='delivered'), MANAGER)
    await user.open('/wishlist-sign/3')  # a reload, e.g. the customer changing the language
    await user.should_see('Ce souhait est clôturé et ne peut plus être signé.', retries=30)
    user.find("Rendre l'appareil au personnel").click()
    await hand_back(user)  # the staff unlock it as after any signing: the customer was not left stuck


# --- back-office list -------------------------------------------------------------------------------------------


async def test_staff_sees_the_list_without_manager_controls(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/wishlists')
    await until(lambda: len(table_rows(user, 'wishlist-table')) == 5, 'five entries')
    await user.should_see('Souhaits trouvés : 5', retries=30)
    for marker in ('wishlist-new', 'wishlist-print-selection'):
        await user.should_not_see(marker=marker)


async def test_search_by_customer_name_and_status_filter(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists')
    await until(lambda: len(table_rows(user, 'wishlist-table')) == 5, 'five entries')
    user.find(marker='wishlist-search').type('tschantre')
    await until(lambda: [row['number'] for row in table_rows(user, 'wishlist-table')] == [3], 'entry 3 alone')
    assert table_rows(user, 'wishlist-table')[0]['customer'] == 'Kim Tschantre (202356)'
    assert table_rows(user, 'wishlist-table')[0]['status'] == 'En attente'
    user.find(marker='wishlist-search').clear()
    user.find(marker='wishlist-status-filter').click()
    user.find('Ouvert').click()
    await until(lambda: sorted(row['number'] for row in table_rows(user, 'wishlist-table')) == [4, 5], 'open ones')
    user.find(marker='wishlist-search').type('xyz-nothing')
    await user.should_see('Aucun souhait ne correspond à la recherche.', retries=30)


async def test_article_search_ignores_accents_and_a_long_list_says_how_far_it_counted(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    number = wishlists.create_entry(rolex_draft(brand='HERMÈS', model='Arceau'), MANAGER)
    monkeypatch.setattr(wishlists, 'COUNT_CAP', 3)
    await log_in(user, 'andre')
    await user.open('/backoffice/wishlists')
    await until(lambda: len(table_rows(user, 'wishlist-table')) == 6, 'six entries on the page')
    await user.should_see('Souhaits trouvés : plus de 3')
    await user.should_see('1 / 1+')
    user.find(marker='wishlist-search').type('hermes')
    await until(lambda: [row['number'] for row in table_rows(user, 'wishlist-table')] == [number], 'HERMÈS alone')
    assert table_rows(user, 'wishlist-table')[0]['article'] == 'HERMÈS Arceau'
    await user.should_see('Souhaits trouvés : 1')

async def test_manager_prints_the_letters_of_a_selection_as_one_pdf(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists')
    await until(lambda: len(table_rows(user, 'wishlist-table')) == 5, 'five entries')
    user.find(marker='wishlist-print-selection').click()
    await user.should_see('Veuillez sélectionner au moins un souhait.', retries=30)
    table = element(user, 'wishlist-table')
    table.selected = [row for row in table.rows if row['number'] in (3, 1)]
    user.find(marker='wishlist-print-selection').click()
    response = await user.download.next(timeout=10)
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert 'Kim Tschantre' in pdf_text(response.content) and 'Anna Müller' in pdf_text(response.content)


# --- the card ------------------------------------------------------------------------------------------------


async def test_card_shows_the_entry_as_the_manual_does(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3')
    for text in ('Souhait n° 3', 'CMB Coppet', '07.10.2022', 'En attente', 'Kim Tschantre, New York, NY',
                 '+41 44 614 51 11', '30.08.2013', 'Horlogerie | Montre', 'Rolex | Oyster Perpetual', 'M124300-0001',
                 'Boîtier: Acier', 'Etanchéité (m): 100'):
        await user.should_see(text, retries=30)
    assert [(row['date'], row['event'], row['employee'], row['creator']) for row in table_rows(user, 'events-table')] \
        == [('07.10.2022', 'Ouverture', 'Camille Dubois', 'Camille Dubois')]


async def test_staff_sees_the_card_and_the_customer_screen_button_only(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/wishlists/3')
    await user.should_see('Kim Tschantre, New York, NY', retries=30)
    await user.should_see(marker='card-customer-screen', retries=30)
    for marker in ('card-edit', 'card-print', 'event-new', 'event-delete'):
        await user.should_not_see(marker=marker)
    user.find(marker='card-customer-screen').click()
    await user.should_see('Je prends note des points suivants:', retries=30)
    await user.open('/backoffice/wishlists/3/edit')  # the tablet is in the customer's hands now
    await user.should_see(marker='wishlist-stepper', retries=30)
    customer_mode.leave()
    await user.open('/backoffice/wishlists/3/edit')
    await user.should_see(marker='not-allowed', retries=30)
    await user.open('/backoffice/wishlists/new')
    await user.should_see(marker='not-allowed', retries=30)


async def test_signature_appears_in_the_events_after_refresh(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3')
    await user.should_not_see(marker='card-receipt')
    wishlists.sign_wishlist(3, **signing_answers(), signature=handwritten_signature(), context=andre_at_coppet())
    user.find(marker='event-refresh').click()
    today = datetime.now(SWISS_TIME).strftime('%d.%m.%Y')
    await until(lambda: table_rows(user, 'events-table')[0]['event'] == 'Signature du Client', 'the signature')
    assert (table_rows(user, 'events-table')[0]['date'], table_rows(user, 'events-table')[0]['employee']) == (
        today, 'André Cupolillo')
    await user.should_see(marker='card-receipt', retries=30)


async def test_manager_adds_an_event_and_deletes_it_after_confirming(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3')
    user.find(marker='event-new').click()
    user.find(marker='event-save').click()
    await until(lambda: element(user, 'event-kind').error == 'Ce champ est obligatoire.', 'the missing kind')
    user.find(marker='event-kind').click()
    user.find('Relance').click()
    user.find(marker='event-remarks').type('Rappeler <b>lundi</b>')
    user.find(marker='event-save').click()
    await until(lambda: len(table_rows(user, 'events-table')) == 2, 'the new event')
    newest = table_rows(user, 'events-table')[0]
    assert (newest['event'], newest['remarks'], newest['creator']) == ('Relance', 'Rappeler <b>lundi</b>',
                                                                      'Camille Dubois')
    table = element(user, 'events-table')
    table.selected = [newest]
    user.find(marker='event-delete').click()
    await user.should_see('Supprimer l\'événement « Relance »', retries=30)
    user.find(marker='delete-confirm').click()
    await until(lambda: len(table_rows(user, 'events-table')) == 1, 'the event gone')
    assert [event.kind for event in wishlists.entry_events(3)] == ['opened']


async def test_opening_event_cannot_be_deleted(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3')
    user.find(marker='event-delete').click()
    await user.should_see('Veuillez d\'abord choisir un événement dans la liste.', retries=30)
    table = element(user, 'events-table')
    table.selected = [table.rows[0]]
    user.find(marker='event-delete').click()
    await user.should_see('ne peuvent pas être supprimées', retries=30)
    assert len(wishlists.entry_events(3)) == 1


async def test_print_downloads_the_letter_of_the_entry(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3')
    user.find(marker='card-print').click()
    response = await user.download.next(timeout=10)
    assert response.content.startswith(b'%PDF')
    text = pdf_text(response.content)
    for expected in ('Demande', 'Kim Tschantre', 'Coppet, 07.10.2022', 'M124300-0001', 'Boîtier: Acier',
                     'Etanchéité (m): 100'):
        assert expected in text


# --- the form ------------------------------------------------------------------------------------------------------


async def test_manager_creates_an_entry_with_ordered_characteristics(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/new')
    user.find(marker='customer-search').type('dufour')
    await user.should_see(marker='customer-option-202354', retries=30)
    user.find(marker='customer-option-202354').click()
    await user.should_see('Sophie Dufour (202354), Lausanne', retries=30)
    user.find(marker='form-brand').type('Rolex')
    user.find(marker='form-model').type('Submariner')
    user.find(marker='form-reference').type('M124060-0001')
    user.find(marker='characteristic-name-0').type('Lunette')
    user.find(marker='characteristic-value-0').type('Céramique')
    user.find(marker='characteristic-add').click()
    await user.should_see(marker='characteristic-name-1', retries=30)
    user.find(marker='characteristic-name-1').type('Boîtier')
    user.find(marker='characteristic-value-1').type('Acier')
    user.find(marker='characteristic-up-1').click()
    await until(lambda: element(user, 'characteristic-name-0').value == 'Boîtier', 'the moved characteristic')
    user.find(marker='form-save').click()
    await user.should_see('Souhait n° 6', retries=30)
    card = wishlists.entry_card(6)
    assert card.customer.name == 'Sophie Dufour'
    assert card.article.characteristics == (('Boîtier', 'Acier'), ('Lunette', 'Céramique'))
    assert [(row['event'], row['employee']) for row in table_rows(user, 'events-table')] == [
        ('Ouverture', 'Camille Dubois')]


async def test_empty_form_names_each_missing_field_and_saves_nothing(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/new')
    user.find(marker='characteristic-name-0').type('Boîtier')
    user.find(marker='form-save').click()
    await user.should_see('Veuillez corriger les champs signalés.', retries=30)
    for marker in ('customer-search', 'form-brand', 'form-model', 'form-reference', 'characteristic-value-0'):
        assert element(user, marker).error == 'Ce champ est obligatoire.', marker
    assert element(user, 'characteristic-name-0').value == 'Boîtier'
    assert wishlists.search_wishlists().total == 5


async def test_edit_reorders_and_removes_characteristics(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3/edit')
    await user.should_see('Kim Tschantre (202356), New York, NY', retries=30)
    user.find(marker='characteristic-down-0').click()  # Bracelet first, then Boîtier
    await until(lambda: element(user, 'characteristic-name-0').value == 'Bracelet', 'the moved characteristic')
    user.find(marker='characteristic-remove-10').click()  # Etanchéité (m)
    await user.should_not_see(marker='characteristic-name-10')
    user.find(marker='form-status').click()
    user.find('Attribué').click()
    user.find(marker='form-save').click()
    await user.should_see('Souhait n° 3', retries=30)
    card = wishlists.entry_card(3)
    assert card.status == 'assigned'
    assert [name for name, _ in card.article.characteristics][:2] == ['Bracelet', 'Boîtier']
    assert 'Etanchéité (m)' not in dict(card.article.characteristics)


async def test_a_save_over_someone_elses_change_says_so_and_keeps_the_form(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3/edit')
    await user.should_see('Kim Tschantre (202356), New York, NY', retries=30)
    wishlists.update_entry(3, replace(wishlists.entry_draft(3), remarks='Changé ailleurs'), MANAGER)
    user.find(marker='form-remarks').type('Ma remarque')
    user.find(marker='form-save').click()
    await user.should_see('Ce souhait a été modifié entre-temps par quelqu\'un d\'autre', retries=30)
    assert element(user, 'form-remarks').value == 'Ma remarque'
    assert wishlists.entry_card(3).remarks == 'Changé ailleurs'


async def test_editing_an_unknown_entry_says_so_instead_of_showing_a_form(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/99/edit')
    await user.should_see('Aucun souhait ne porte le numéro 99.', retries=30)
    await user.should_not_see(marker='form-save')


async def test_an_unknown_customer_number_in_the_edit_form_is_named_next_to_the_field_and_nothing_is_saved(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    entry_draft = wishlists.entry_draft
    before = entry_draft(3)
    # the entry is read with a customer that is gone by the time the form looks the customer up
    monkeypatch.setattr(wishlists, 'entry_draft', lambda number: replace(entry_draft(number), customer_number=999999))
    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/3/edit')
    await user.should_see(marker='form-save', retries=30)
    assert element(user, 'customer-search').error == 'Aucun client ne porte le numéro 999999.'
    assert element(user, 'customer-search').value == '999999'
    assert element(user, 'form-brand').value == before.brand
    user.find(marker='form-remarks').type('Ma remarque')
    user.find(marker='form-save').click()
    await user.should_see('Veuillez corriger les champs signalés.', retries=30)
    assert element(user, 'customer-search').error == 'Ce champ est obligatoire.'
    assert element(user, 'form-remarks').value == before.remarks + 'Ma remarque'
    assert entry_draft(3) == before


async def test_a_number_of_superscript_digits_is_unknown_not_a_crash(user: User) -> None:
    await log_in(user)
    for path in ('/wishlist-sign/²', '/backoffice/wishlists/²', '/backoffice/customers/²', '/customer/²/edit'):
        await user.open(path)
        await user.should_see('²', retries=30)  # named as the unknown number it is
        await user.should_see(marker='log-out')  # no customer mode for a number that is none


async def test_a_customer_search_the_database_cannot_answer_says_so_beside_the_field(user: User) -> None:
    def refuse(_connection: object, _cursor: object, statement: str, parameters: object, *_: object) -> None:
        if 'search_name' in statement:  # the database is locked or away while the manager types
            raise OperationalError(statement, parameters, sqlite3.OperationalError('database is locked'))

    await log_in(user, 'camille')
    await user.open('/backoffice/wishlists/new')
    event.listen(engine(), 'before_cursor_execute', refuse)
    try:
        user.find(marker='customer-search').type('dufour')
        await until(lambda: element(user, 'customer-search').error == READ_FAILED, 'the message beside the field')
    finally:
        event.remove(engine(), 'before_cursor_execute', refuse)
    assert element(user, 'customer-search').value == 'dufour'
    user.find(marker='customer-search').type(' ')  # typing on searches again, and now the database answers
    await user.should_see(marker='customer-option-202354', retries=30)
    assert not element(user, 'customer-search').error

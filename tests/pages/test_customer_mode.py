"""Customer mode: once staff open a customer form, the tablet shows that form and, after it, the hand-back screen."""

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from nicegui import app
from nicegui.testing import User
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from components import customer_mode
from customer_pad import auth
from customer_pad.db import engine
from customer_pad.services.backoffice_customers import search_customers
from customer_pad.services.consents import count_consents
from customer_pad.services.staff_admin import reset_password, staff_overview
from tests.pages.conftest import hand_back, log_in
from tests.pages.test_customer_wizard import (
    KIM,
    NEXT_NUMBER,
    SAVE_RETRIES,
    choose,
    click,
    current_step,
    customer_count,
    element,
    handwritten_payload,
    reach_confirmation_of_a_new_customer,
    save_refused,
    sign,
    text_of,
    type_into,
    until,
    value_of,
)

# Every other screen, typed into the address bar while the customer holds the tablet.
OTHER_SCREENS = ('/', '/customer/modify', f'/customer/{KIM}/edit', '/wishlist', '/wishlist-sign/3',
                 '/backoffice/customers', f'/backoffice/customers/{KIM}', '/backoffice/wishlists/3',
                 '/backoffice/staff', '/account', '/login')
STAFF_NAVIGATION = ('header-employee', 'account', 'log-out')
SAVE_FAILED = "L'enregistrement a échoué : la base de données est momentanément indisponible."


async def test_new_customer_form_hides_the_staff_navigation_but_keeps_the_language(user: User) -> None:
    await log_in(user)
    await user.should_see(marker='header-employee')
    await user.open('/customer/new')
    await user.should_see(marker='wizard')
    for marker in STAFF_NAVIGATION:
        await user.should_not_see(marker=marker)
    await user.should_see(marker='header-language')


async def test_every_other_address_leads_back_to_the_form_with_what_was_typed(user: User) -> None:
    await log_in(user)
    await user.open('/customer/new')
    type_into(user, 'last_name', 'Dufour')
    for path in OTHER_SCREENS:
        await user.open(path)
        await user.should_see(marker='wizard', retries=SAVE_RETRIES)
        assert value_of(user, 'last_name') == 'Dufour'
        await user.should_not_see('Kim Tschantre')  # no other customer's data on the way
    await user.open('/customer/new')  # a reload
    assert value_of(user, 'last_name') == 'Dufour'


async def test_wishlist_form_cannot_be_swapped_for_another_entry(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/3')
    await user.should_see(marker='wishlist-customer', retries=SAVE_RETRIES)
    for path in ('/wishlist-sign/4', '/wishlist-sign/03', '/customer/new', f'/customer/{KIM}/edit'):
        await user.open(path)
        await user.should_see(marker='wishlist-stepper', retries=SAVE_RETRIES)
        assert text_of(user, 'wishlist-customer') == 'Kim Tschantre'


async def test_an_unknown_number_does_not_lock_the_tablet(user: User) -> None:
    await log_in(user)
    for path in ('/customer/999999/edit', '/wishlist-sign/77'):
        await user.open(path)
        await user.should_see(marker='log-out', retries=SAVE_RETRIES)
        await user.open('/')
        await user.should_see(marker='log-out', retries=SAVE_RETRIES)
        assert user.back_history[-1] == '/', path


async def test_save_shows_the_hand_back_screen_until_staff_unlock(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    click(user, 'save')
    await user.should_see(marker='handback', retries=SAVE_RETRIES)
    await user.should_see('Votre fiche client a été enregistrée.')
    assert text_of(user, 'customer-number-saved') == str(NEXT_NUMBER)
    await user.should_not_see(marker='print-receipt')
    for path in ('/', '/customer/new', f'/customer/{NEXT_NUMBER}/edit', '/backoffice/customers'):
        await user.open(path)
        await user.should_see(marker='handback', retries=SAVE_RETRIES)

    user.find(marker='handback-secret').type('0000')
    click(user, 'handback-unlock')
    await user.should_see('Code PIN ou mot de passe incorrect.', retries=SAVE_RETRIES)
    assert element(user, 'handback-secret').value == ''
    await hand_back(user)
    await user.should_see(f'Client n° {NEXT_NUMBER} enregistré.')
    click(user, 'print-receipt')
    receipt = await user.download.next(timeout=10)
    assert receipt.content.startswith(b'%PDF')
    click(user, 'home')
    await user.should_see('Modifier le client', retries=SAVE_RETRIES)
    assert user.back_history[-1] == '/'
    for marker in STAFF_NAVIGATION:
        await user.should_see(marker=marker)


async def hand_the_tablet_to_a_customer(user: User) -> None:
    await user.open('/customer/new')
    await user.should_see(marker='wizard')
    click(user, 'cancel-client')  # the first step has its own way out
    click(user, 'cancel-yes')
    await user.should_see(marker='handback', retries=SAVE_RETRIES)


async def try_to_unlock(user: User, secret: str) -> str:
    """Type `secret` on the hand-back screen and return the message it answers with ('' when it unlocked)."""
    field = element(user, 'handback-secret')
    field.set_value('')
    field.error = None
    user.find(marker='handback-secret').type(secret)
    click(user, 'handback-unlock')
    await until(lambda: field.error or customer_mode.active() is None, f'the answer to {secret!r}')
    return field.error or ''


async def test_the_staff_pin_unlocks_and_wrong_pins_are_rate_limited(user: User) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    auth.set_pin(andre.login_id, 'customerpad', '2468')
    await log_in(user)
    await hand_the_tablet_to_a_customer(user)
    assert await try_to_unlock(user, '2468') == ''  # the PIN unlocks
    await user.should_see(marker='home')

    await hand_the_tablet_to_a_customer(user)
    for _ in range(auth.MAX_PIN_ATTEMPTS - 1):
        assert await try_to_unlock(user, '1111') == 'Code PIN ou mot de passe incorrect.'
    assert (await try_to_unlock(user, '1111')).startswith('Trop de tentatives')  # the fifth wrong one locks
    assert (await try_to_unlock(user, '2468')).startswith('Trop de tentatives')  # even the right PIN, for now
    await user.should_see(marker='handback')
    assert app.storage.user['customer_mode']['path'] == '/handback'


async def test_a_customer_can_not_unlock_with_another_logins_password(user: User) -> None:
    camille = next(row.login for row in staff_overview(acting_role='manager')
                   if row.login is not None and row.login.username == 'camille')
    reset_password(camille.id, 'her-own-secret-2026', acting_role='manager')
    await log_in(user, 'andre')
    await hand_the_tablet_to_a_customer(user)
    assert await try_to_unlock(user, 'her-own-secret-2026') == 'Code PIN ou mot de passe incorrect.'
    await user.should_not_see(marker='home')
    assert await try_to_unlock(user, 'customerpad') == ''  # André's own password does


@contextmanager
def failing_consent_writes() -> Iterator[None]:
    """The database refuses the consent records' INSERT, as a full disk or a lost connection would."""

    def refuse(_connection: object, _cursor: object, statement: str, parameters: object, *_: object) -> None:
        if statement.lstrip().upper().startswith('INSERT INTO CONSENT_RECORD'):
            raise OperationalError(statement, parameters, sqlite3.OperationalError('disk I/O error'))

    event.listen(engine(), 'before_cursor_execute', refuse)
    try:
        yield
    finally:
        event.remove(engine(), 'before_cursor_execute', refuse)


async def test_failed_database_write_saves_nothing_and_keeps_the_form(user: User) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers, consents = customer_count(), count_consents()
    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    with failing_consent_writes():
        await save_refused(user)
    assert text_of(user, 'save-error').startswith(SAVE_FAILED)
    assert (customer_count(), count_consents()) == (customers, consents)  # the customer row was rolled back too
    assert search_customers('geoffrey.dufour@bluewin.ch').total == 0
    assert current_step(user) == 'confirmation'
    assert (value_of(user, 'last_name'), value_of(user, 'city')) == ('Dufour', 'Genève')
    assert value_of(user, 'consent-legal') is True
    assert app.storage.user['customer_mode']['path'] == '/customer/new'

    click(user, 'save')  # the database is back: the same form saves
    await user.should_see(marker='handback', retries=SAVE_RETRIES)
    assert customer_count() == customers + 1


@pytest.mark.parametrize('forged', ['sales_advisor_id', 'interest_ids'])
async def test_forged_choices_the_screen_did_not_offer_are_refused(user: User, forged: str) -> None:
    await reach_confirmation_of_a_new_customer(user)
    customers = customer_count()
    draft = app.storage.user['drafts']['new']['form']
    draft[forged] = 99 if forged == 'sales_advisor_id' else [99]  # as a doctored browser message would set it
    click(user, 'consent-legal')
    sign(user, handwritten_payload())
    await save_refused(user)
    assert text_of(user, 'save-error') == 'Veuillez vérifier les champs signalés.'
    assert customer_count() == customers


async def test_the_customers_language_is_for_this_visit_not_the_staff_login(user: User) -> None:
    await log_in(user)
    await user.open('/customer/new')
    choose(user, 'header-language', 'Deutsch')
    await user.should_see('Neuer Kunde', retries=SAVE_RETRIES)
    assert auth.session_user(app.storage.user['login_id']).language == 'fr'  # remembered for andre: unchanged
    click(user, 'cancel-client')
    click(user, 'cancel-yes')
    await hand_back(user)
    click(user, 'home')
    await user.should_see('Modifier le client', retries=SAVE_RETRIES)


async def test_a_wishlist_customer_may_decline_on_the_first_step(user: User) -> None:
    await log_in(user)
    await user.open('/wishlist-sign/3')
    await user.should_see(marker='wishlist-customer', retries=SAVE_RETRIES)
    consents = count_consents()
    click(user, 'wishlist-cancel-acknowledge')
    await user.should_see(marker='handback', retries=SAVE_RETRIES)
    assert count_consents() == consents
    await hand_back(user)
    await user.should_see("La saisie a été annulée ; rien n'a été enregistré.")


async def test_a_back_office_tab_left_open_runs_no_service_once_a_customer_holds_the_tablet(user: User) -> None:
    await log_in(user)
    await user.open(f'/backoffice/customers/{KIM}')
    await user.should_see(marker='card-export', retries=SAVE_RETRIES)
    customer_mode.enter('/customer/new')  # another tab of this session handed the tablet to a customer
    click(user, 'card-export')
    await user.should_see(marker='wizard', retries=SAVE_RETRIES)  # sent to the customer's form, not the export
    assert user.back_history[-1] == '/customer/new'
    await asyncio.sleep(1)  # time enough for an export that was wrongly let through to arrive
    assert user.download.http_responses == []

"""The customer wizard in a real browser: the manual's example typed, signed with the mouse, saved, corrected.

The app runs on its own copy of the demo database (`app_database_url`); what it stored is checked through the
services. Other tests share that app, so these tests use the customer they created, found by the number on screen.
Only the active step is in the page, so its buttons and fields are the visible ones.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from customer_pad import db
from customer_pad.auth import remember_preferences
from customer_pad.db import unit_of_work
from customer_pad.services.customers import customer_history, customer_screen_interests, load_for_edit
from models import Login
from tests.browser.conftest import PHONE, log_in, unlock
from tests.browser.signing import draw_signature

pytestmark = pytest.mark.browser

SAVE_TIMEOUT_MS = 20_000
CUSTOMER_NUMBER = re.compile(r'^\d{6}$')


@pytest.fixture
def app_database(app_database_url: str) -> Iterator[None]:
    """The services of this process pointed at the browser app's database, andre's header back to French and to
    himself (tests before this one on the shared app may have switched his remembered choices)."""
    db.configure(app_database_url)
    with unit_of_work() as session:
        andre = session.scalars(select(Login).where(Login.username == 'andre')).one()
        login_id, employee_id = andre.id, andre.employee_id
    remember_preferences(login_id, language='fr', acting_employee_id=employee_id)
    yield
    db.engine().dispose()


def click_step_button(page: Page, name: str) -> None:
    """Click the active step's `name` button (while a step slides in, the leaving step's buttons still show)."""
    button = page.get_by_role('button', name=name).locator('visible=true')
    expect(button).to_have_count(1)
    button.click()


def click_next(page: Page) -> None:
    click_step_button(page, 'Suivant »')


def click_previous(page: Page) -> None:
    click_step_button(page, '« Précédent')


def expect_step(page: Page, position: int, first_field: str) -> None:
    """The wizard shows step `position` of 5 with its field `first_field`."""
    expect(page.get_by_text(f'Étape {position} sur 5', exact=True)).to_be_visible()
    expect(page.get_by_label(first_field, exact=True)).to_be_visible()


def choose(page: Page, label: str, option: str) -> None:
    """Open the select labelled `label` and pick `option`."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role('option', name=option, exact=True).click()


def sign_and_save(page: Page) -> None:
    page.get_by_role('checkbox', name='Je suis d\'accord*', exact=True).click()
    draw_signature(page)
    page.get_by_role('button', name='Enregistrer').click()


def fill_manual_example(page: Page) -> None:
    """**Nouveau client** with the manual's example, up to the confirmation step."""
    page.get_by_role('button', name='Nouveau client').click()
    expect_step(page, 1, 'Nom de famille*')
    choose(page, 'Salutation', 'Monsieur')
    page.get_by_label('Prénom', exact=True).fill('Geoffrey')
    page.get_by_label('Nom de famille*', exact=True).fill('Dufour')
    page.get_by_label('Date de naissance', exact=True).fill('23.09.1975')
    choose(page, 'Langue*', 'Français')
    click_next(page)

    expect_step(page, 2, 'Rue*')
    page.get_by_label('Rue*', exact=True).fill('Rue des Charmilles 23')
    page.get_by_label('NPA*', exact=True).fill('1201')
    page.get_by_label('Ville*', exact=True).fill('Genève')
    expect(page.get_by_label('Pays*', exact=True)).to_have_value('Suisse')
    click_next(page)

    expect_step(page, 3, 'E-mail*')
    page.get_by_label('E-mail*', exact=True).fill('geoffrey.dufour@bluewin.ch')
    page.get_by_label('Mobile', exact=True).fill('+41791234567')
    page.get_by_role('button', name='Ajouter un contact').click()
    choose(page, 'Type de contact*', 'Site internet')
    page.get_by_label('Contact*', exact=True).fill('www.dufour.com')
    click_next(page)

    expect(page.get_by_text('Étape 4 sur 5', exact=True)).to_be_visible()
    page.get_by_role('checkbox', name='Golf').click()
    page.get_by_role('checkbox', name='Musique').click()
    expect(page.get_by_role('checkbox', name='Golf')).to_be_checked()
    click_next(page)

    expect(page.get_by_text('Étape 5 sur 5', exact=True)).to_be_visible()


def test_new_customer_from_the_manual_is_saved_then_corrected_with_history(page: Page, app_database: None) -> None:
    log_in(page)
    fill_manual_example(page)
    summary = page.locator('.q-stepper')
    for line in ('Monsieur', 'Geoffrey Dufour', 'Rue des Charmilles 23', '1201 Genève', 'geoffrey.dufour@bluewin.ch',
                 'Site internet: www.dufour.com'):
        expect(summary.get_by_text(line).first).to_be_visible()
    sign_and_save(page)
    expect(page.get_by_text('Votre fiche client a été enregistrée.')).to_be_visible(timeout=SAVE_TIMEOUT_MS)
    number = int(page.get_by_text(CUSTOMER_NUMBER).inner_text())

    stored = load_for_edit(number)
    assert (stored.form.salutation, stored.form.first_name, stored.form.last_name) == ('mr', 'Geoffrey', 'Dufour')
    assert (stored.form.birth_date, stored.form.language) == ('23.09.1975', 'fr')
    assert (stored.form.street, stored.form.postal_code, stored.form.city, stored.form.country_code) == (
        'Rue des Charmilles 23', '1201', 'Genève', 'CH')
    assert (stored.form.email, stored.form.mobile) == ('geoffrey.dufour@bluewin.ch', '+41791234567')
    assert stored.form.contacts == [{'kind': 'website', 'value': 'www.dufour.com'}]
    interest_names = {choice.id: choice.name for choice in customer_screen_interests('fr')}
    assert sorted(interest_names[list_id] for list_id in stored.form.interest_ids) == ['Golf', 'Musique']

    unlock(page)
    page.get_by_role('button', name='Accueil').click()
    page.get_by_role('button', name='Modifier le client').click()
    page.get_by_label('Numéro de client*').fill(str(number))
    page.get_by_role('button', name='Modifier', exact=True).click()
    expect(page.get_by_text(f'Modifier le client n° {number}')).to_be_visible(timeout=SAVE_TIMEOUT_MS)
    expect_step(page, 1, 'Nom de famille*')
    expect(page.get_by_label('Prénom', exact=True)).to_have_value('Geoffrey')
    expect(page.get_by_label('Nom de famille*', exact=True)).to_have_value('Dufour')
    expect(page.get_by_label('Date de naissance', exact=True)).to_have_value('23.09.1975')
    click_next(page)

    expect_step(page, 2, 'Rue*')
    expect(page.get_by_label('Rue*', exact=True)).to_have_value('Rue des Charmilles 23')
    expect(page.get_by_label('Ville*', exact=True)).to_have_value('Genève')
    page.get_by_label('NPA*', exact=True).fill('1227')
    page.get_by_label('Ville*', exact=True).fill('Carouge')
    click_next(page)

    expect_step(page, 3, 'E-mail*')
    expect(page.get_by_label('E-mail*', exact=True)).to_have_value('geoffrey.dufour@bluewin.ch')
    expect(page.get_by_label('Contact*', exact=True)).to_have_value('www.dufour.com')
    click_next(page)

    expect(page.get_by_text('Étape 4 sur 5', exact=True)).to_be_visible()
    expect(page.get_by_role('checkbox', name='Golf')).to_be_checked()
    expect(page.get_by_role('checkbox', name='Musique')).to_be_checked()
    expect(page.get_by_role('checkbox', name='Tennis')).not_to_be_checked()
    click_next(page)

    expect(page.get_by_text('Étape 5 sur 5', exact=True)).to_be_visible()
    expect(page.locator('.q-stepper').get_by_text('1227 Carouge')).to_be_visible()
    sign_and_save(page)
    expect(page.get_by_text('Vos données ont été mises à jour.')).to_be_visible(timeout=SAVE_TIMEOUT_MS)
    expect(page.get_by_text(CUSTOMER_NUMBER)).to_have_text(str(number))

    changes = [(entry.field, entry.old_value, entry.new_value, entry.employee) for entry in customer_history(number)]
    assert ('city', 'Genève', 'Carouge', 'André Cupolillo') in changes
    assert ('postal_code', '1201', '1227', 'André Cupolillo') in changes
    assert ('created', None, str(number), 'André Cupolillo') in changes


def test_reload_in_the_middle_keeps_the_typed_data_and_the_step(page: Page, app_database: None) -> None:
    log_in(page)
    page.get_by_role('button', name='Nouveau client').click()
    expect_step(page, 1, 'Nom de famille*')
    page.get_by_label('Nom de famille*', exact=True).fill('Rechargé')
    click_next(page)
    expect_step(page, 2, 'Rue*')
    page.get_by_label('Rue*', exact=True).fill('Grand-Rue 1')
    page.get_by_label('NPA*', exact=True).fill('1296')
    page.get_by_label('Ville*', exact=True).fill('Coppet')
    click_next(page)
    expect_step(page, 3, 'E-mail*')
    page.get_by_label('E-mail*', exact=True).fill('recharge@example.ch')
    page.get_by_label('E-mail*', exact=True).blur()
    page.wait_for_timeout(300)  # the typed value travels to the server before the page goes away

    page.reload()
    expect_step(page, 3, 'E-mail*')
    expect(page.get_by_label('E-mail*', exact=True)).to_have_value('recharge@example.ch')
    click_previous(page)
    expect_step(page, 2, 'Rue*')
    expect(page.get_by_label('Ville*', exact=True)).to_have_value('Coppet')

    click_previous(page)
    expect(page.get_by_label('Nom de famille*', exact=True)).to_have_value('Rechargé')


def test_first_step_works_on_a_phone(browser: Browser, app_server: str, app_database: None) -> None:
    context = browser.new_context(viewport=PHONE, base_url=app_server, has_touch=True, is_mobile=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page)
        page.get_by_role('button', name='Nouveau client').click()
        expect_step(page, 1, 'Nom de famille*')
        last_name = page.get_by_label('Nom de famille*', exact=True)
        click_next(page)
        expect(page.get_by_text('Ce champ est obligatoire.')).to_be_visible()
        expect(page.get_by_text('Étape 1 sur 5', exact=True)).to_be_visible()
        last_name.fill('Téléphone')
        click_next(page)
        expect_step(page, 2, 'Rue*')
        assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width'], 'the page scrolls sideways'
        click_previous(page)
        expect(last_name).to_have_value('Téléphone')
    finally:
        context.close()

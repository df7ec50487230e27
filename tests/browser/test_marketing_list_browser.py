"""A marketing list made by a manager in the back office becomes a checkbox of the customer wizard: in a real browser.

Other browser tests share the app and its database, so the list has a name no other test uses, and the logins'
remembered UI language (another test may have left one in German) is set back to French first.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from customer_pad import db
from customer_pad.db import unit_of_work
from models import Login
from tests.browser.conftest import TABLET, log_in

pytestmark = pytest.mark.browser

NAMES = {'Français': 'Horlogerie ancienne', 'Deutsch': 'Antike Uhren', 'Italiano': 'Orologi antichi',
         'English': 'Antique watches'}


@pytest.fixture
def french_logins(app_database_url: str) -> Iterator[None]:
    """Camille and André log in to a French screen, whatever language they chose last time."""
    db.configure(app_database_url)
    with unit_of_work() as session:
        session.execute(update(Login).where(Login.username.in_(['andre', 'camille'])).values(language='fr'))
    yield
    db.engine().dispose()


def click_next(page: Page) -> None:
    """The active step's **Suivant »** (while a step slides in, the leaving step's button still shows)."""
    button = page.get_by_role('button', name='Suivant »').locator('visible=true')
    expect(button).to_have_count(1)
    button.click()


def test_a_list_camille_flags_for_the_customer_screen_is_a_checkbox_in_andres_wizard(
        page: Page, browser: Browser, app_server: str, french_logins: None) -> None:
    log_in(page, 'camille')
    page.goto('/backoffice/customers')
    page.get_by_role('button', name='Listes marketing').click()
    page.get_by_role('button', name='Nouvelle liste').click()
    for language, name in NAMES.items():
        page.get_by_label(f'Nom ({language})', exact=False).fill(name)
    page.get_by_role('checkbox', name='Ecran client Web').click()
    page.get_by_role('button', name='Enregistrer').click()
    expect(page.get_by_text('Horlogerie ancienne', exact=True)).to_be_visible()
    expect(page.get_by_text('0 client(s)').first).to_be_visible()

    andres_tablet = browser.new_context(viewport=TABLET, base_url=app_server)  # another device, another login
    andres_tablet.set_default_timeout(15_000)
    try:
        page = andres_tablet.new_page()
        log_in(page, 'andre')
        page.get_by_role('button', name='Nouveau client').click()
        page.get_by_label('Nom de famille*', exact=True).fill('Antiquaire')
        click_next(page)
        page.get_by_label('Rue*', exact=True).fill('Grand-Rue 1')
        page.get_by_label('NPA*', exact=True).fill('1296')
        page.get_by_label('Ville*', exact=True).fill('Coppet')
        click_next(page)
        page.get_by_label('E-mail*', exact=True).fill('antiquaire@example.ch')
        click_next(page)
        expect(page.get_by_text('Étape 4 sur 5', exact=True)).to_be_visible()
        checkbox = page.get_by_role('checkbox', name='Horlogerie ancienne')
        expect(checkbox).to_be_visible()
        checkbox.click()
        expect(checkbox).to_be_checked()

        page.get_by_label('Langue', exact=True).click()
        page.get_by_role('option', name='Deutsch').click()
        expect(page.get_by_role('checkbox', name='Antike Uhren')).to_be_checked()
        expect(page.get_by_role('checkbox', name='Horlogerie ancienne')).to_have_count(0)
    finally:
        andres_tablet.close()

"""The wishlist in a real browser: André has Kim Tschantre sign entry 3 on the tablet, Camille sees the signature
in the back office and prints the request letter.
"""

import io
from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlalchemy import select

from customer_pad import db
from customer_pad.auth import remember_preferences
from customer_pad.dates import SWISS_TIME
from customer_pad.db import unit_of_work
from models import Login
from tests.browser.conftest import TABLET, log_in
from tests.browser.signing import draw_signature

pytestmark = pytest.mark.browser

SAVE_TIMEOUT_MS = 20_000


@pytest.fixture
def french_headers(app_database_url: str) -> Iterator[None]:
    """André's and Camille's remembered header choices back to French and to themselves (earlier tests on the
    shared app may have switched them)."""
    db.configure(app_database_url)
    with unit_of_work() as session:
        logins = [(login.id, login.employee_id) for login in session.scalars(
            select(Login).where(Login.username.in_(('andre', 'camille'))))]
    for login_id, employee_id in logins:
        remember_preferences(login_id, language='fr', acting_employee_id=employee_id)
    yield
    db.engine().dispose()


def click_visible_button(page: Page, name: str) -> None:
    """Click the one visible button called `name` (the stepper keeps the other step's buttons in the page)."""
    button = page.get_by_role('button', name=name, exact=True).locator('visible=true')
    expect(button).to_have_count(1)
    button.click()


def sign_entry_3_as_andre(page: Page) -> None:
    log_in(page, 'andre')
    page.get_by_role('button', name='Liste de souhaits').click()
    page.get_by_label('Numéro du souhait*').fill('3')
    page.get_by_role('button', name='Modifier').click()
    expect(page.get_by_text('Je prends note des points suivants:')).to_be_visible()
    expect(page.get_by_text('Kim Tschantre', exact=True)).to_be_visible()
    expect(page.get_by_text('Place du Temple 3')).to_have_count(0)
    page.get_by_text('Noté et confirmé*', exact=True).click()
    click_visible_button(page, 'Suivant »')
    page.get_by_text("Je suis d'accord*", exact=True).click()
    draw_signature(page)
    click_visible_button(page, 'Enregistrer')
    expect(page.get_by_text('La signature de Kim Tschantre pour le souhait n° 3 a été enregistrée.')) \
        .to_be_visible(timeout=SAVE_TIMEOUT_MS)
    expect(page.get_by_text("Merci — veuillez rendre l'appareil au personnel.")).to_be_visible()


def test_customer_signs_entry_3_and_the_manager_sees_it_and_prints_the_letter(
        page: Page, browser: Browser, app_server: str, french_headers: None) -> None:
    sign_entry_3_as_andre(page)

    manager = browser.new_context(viewport=TABLET, base_url=app_server, accept_downloads=True)
    manager.set_default_timeout(15_000)
    camille = manager.new_page()
    try:
        log_in(camille, 'camille')
        camille.goto('/backoffice/wishlists')
        camille.get_by_role('link', name='3', exact=True).click()
        expect(camille.get_by_text('Souhait n° 3')).to_be_visible()
        today = datetime.now(SWISS_TIME).strftime('%d.%m.%Y')
        signature_row = camille.locator('tr', has_text='Signature du Client')
        expect(signature_row).to_have_count(1)
        expect(signature_row).to_contain_text('André Cupolillo')
        expect(signature_row).to_contain_text(today)
        with camille.expect_download() as download_info:
            camille.get_by_role('button', name='Imprimer').click()
        download = download_info.value
        content = download.path().read_bytes()
        assert content.startswith(b'%PDF')
        assert download.suggested_filename == 'demande-souhait-3.pdf'
        reader = PdfReader(io.BytesIO(content))
        assert len(reader.pages) == 1
        text = ' '.join(reader.pages[0].extract_text().split())
        for expected in ('Demande', 'Kim Tschantre', 'Coppet, 07.10.2022', 'M124300-0001', 'Boîtier: Acier',
                         'Etanchéité (m): 100', f'Signé le {today}'):
            assert expected in text
    finally:
        manager.close()

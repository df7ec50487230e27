"""Log in, switch language, log out: in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_staff_logs_in_switches_to_german_and_logs_out(page: Page) -> None:
    log_in(page, 'andre')
    for label in ('Nouveau client', 'Modifier le client', 'Liste de souhaits'):
        expect(page.get_by_role('button', name=label)).to_be_visible()
    expect(page.get_by_text('André Cupolillo')).to_be_visible()

    page.get_by_label('Langue').click()
    page.get_by_role('option', name='Deutsch').click()
    for label in ('Neuer Kunde', 'Kunde bearbeiten', 'Wunschliste'):
        expect(page.get_by_role('button', name=label)).to_be_visible()
    expect(page.get_by_role('button', name='Nouveau client')).to_have_count(0)

    page.get_by_role('button', name='Abmelden').click()
    expect(page.get_by_role('button', name='Anmelden')).to_be_visible()
    page.goto('/customer/new')
    expect(page).to_have_url('/login?redirect_to=/customer/new')
    expect(page.get_by_role('button', name='Anmelden')).to_be_visible()


def test_wrong_password_shows_the_generic_message(page: Page) -> None:
    page.goto('/login')
    page.get_by_label("Nom d'utilisateur*").fill('camille')
    page.get_by_label('Mot de passe*').fill('wrong password')
    page.get_by_label('Mot de passe*').press('Enter')
    expect(page.get_by_text("Nom d'utilisateur ou mot de passe incorrect.")).to_be_visible()


def test_every_response_carries_the_security_headers_and_the_app_still_works(page: Page) -> None:
    response = page.goto('/login')
    assert response is not None
    headers = response.headers
    assert "frame-ancestors 'none'" in headers['content-security-policy']
    assert headers['x-frame-options'] == 'DENY'
    assert headers['x-content-type-options'] == 'nosniff'
    assert headers['cache-control'] == 'no-store'  # no customer's page stays in the browser's cache
    violations: list[str] = []
    page.on('console', lambda message: violations.append(message.text)
            if 'Content Security Policy' in message.text else None)
    log_in(page, 'camille')  # a working login and home page prove NiceGUI runs under the policy
    expect(page.get_by_role('button', name='Liste de souhaits')).to_be_visible()
    assert violations == []

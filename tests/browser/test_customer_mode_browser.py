"""Customer mode in a real browser: back, forward, typed addresses, reload and other tabs all lead to the form,
and only staff end it on the hand-back screen."""

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import log_in, unlock

pytestmark = pytest.mark.browser

FORM = re.compile(r'/customer/new$')
HAND_BACK = re.compile(r'/handback$')
THANKS = "Merci — veuillez rendre l'appareil au personnel."


def start_new_customer(page: Page, logged_in: bool = False) -> None:
    if logged_in:
        page.goto('/')
    else:
        log_in(page)
    page.get_by_role('button', name='Nouveau client').click()
    expect(page).to_have_url(FORM)
    page.get_by_label('Nom de famille*', exact=True).fill('Mode-Client')
    page.get_by_label('Nom de famille*', exact=True).blur()
    page.wait_for_timeout(300)  # the typed value travels to the server before the page goes away


def expect_the_form_with_its_name(page: Page) -> None:
    expect(page).to_have_url(FORM)
    expect(page.get_by_label('Nom de famille*', exact=True)).to_have_value('Mode-Client')
    expect(page.get_by_role('button', name='Se déconnecter')).to_have_count(0)


def test_back_forward_typed_addresses_and_reload_all_lead_to_the_form(page: Page) -> None:
    start_new_customer(page)
    expect(page.get_by_role('button', name='Se déconnecter')).to_have_count(0)
    expect(page.get_by_label('Langue', exact=True)).to_be_visible()  # the language stays the customer's

    page.go_back()
    expect_the_form_with_its_name(page)
    page.go_forward()
    expect_the_form_with_its_name(page)
    for address in ('/', '/backoffice/customers', '/customer/202356/edit', '/wishlist-sign/3', '/account', '/login'):
        page.goto(address)
        expect_the_form_with_its_name(page)
        expect(page.get_by_text('Kim Tschantre')).to_have_count(0)
    page.reload()
    expect_the_form_with_its_name(page)


def test_another_tab_of_the_session_follows_the_tablet_into_customer_mode(context: BrowserContext) -> None:
    staff_tab = context.new_page()
    log_in(staff_tab)
    customer_tab = context.new_page()
    start_new_customer(customer_tab, logged_in=True)

    expect(staff_tab).to_have_url(FORM, timeout=10_000)  # the open home page follows within seconds
    expect(staff_tab.get_by_role('button', name='Se déconnecter')).to_have_count(0)
    fresh_tab = context.new_page()
    fresh_tab.goto('/backoffice/wishlists')
    expect_the_form_with_its_name(fresh_tab)


def test_cancel_hands_back_and_only_the_staff_password_ends_customer_mode(page: Page) -> None:
    start_new_customer(page)
    page.get_by_role('button', name='Annuler').locator('visible=true').click()  # on the first step already
    page.get_by_role('button', name='Oui, annuler').click()
    expect(page).to_have_url(HAND_BACK)
    expect(page.get_by_text(THANKS)).to_be_visible()
    expect(page.get_by_role('button', name='Accueil')).to_have_count(0)

    page.go_back()
    expect(page).to_have_url(HAND_BACK)
    page.goto('/customer/new')
    expect(page).to_have_url(HAND_BACK)

    page.get_by_label('Code PIN ou mot de passe*').fill('0000')
    page.get_by_role('button', name='Déverrouiller').click()
    expect(page.get_by_text('Code PIN ou mot de passe incorrect.')).to_be_visible()
    unlock(page)
    expect(page.get_by_text("La saisie a été annulée ; rien n'a été enregistré.")).to_be_visible()
    page.get_by_role('button', name='Accueil').click()
    expect(page.get_by_role('button', name='Se déconnecter')).to_be_visible()
    page.goto('/backoffice/customers')
    expect(page).to_have_url(re.compile(r'/backoffice/customers$'))

"""Every registered page route, and which role may open it."""

from nicegui import Client
from nicegui.testing import User

from components import customer_mode
from pages import MANAGERS, ROUTES, STAFF
from tests.pages.conftest import log_in

# The expected access of every route: a new page must be added here, with its role, or this test fails.
EXPECTED_ROLES = {
    '/login': None,
    '/': STAFF,
    '/customer/new': STAFF,
    '/customer/modify': STAFF,
    '/customer/{number}/edit': STAFF,
    '/wishlist': STAFF,
    '/wishlist-sign/{number}': STAFF,
    '/backoffice/wishlists': STAFF,
    '/backoffice/wishlists/new': MANAGERS,
    '/backoffice/wishlists/{number}': STAFF,
    '/backoffice/wishlists/{number}/edit': MANAGERS,
    '/backoffice/customers': STAFF,
    '/backoffice/customers/{number}': STAFF,
    '/backoffice/marketing-lists': MANAGERS,
    '/backoffice/staff': MANAGERS,
    '/backoffice/branches': MANAGERS,
    '/backoffice/legal-texts': MANAGERS,
    '/backoffice/login-audit': MANAGERS,
    '/backoffice/evidence': MANAGERS,
    '/account': STAFF,
    '/handback': STAFF,
}


def test_every_registered_page_has_an_expected_role() -> None:
    assert {route.path: route.roles for route in ROUTES} == EXPECTED_ROLES


async def test_registered_routes_are_exactly_the_listed_ones(user: User) -> None:
    await user.open('/login')
    assert set(Client.page_routes.values()) == set(EXPECTED_ROLES)


async def test_every_protected_page_sends_an_anonymous_visitor_to_login(user: User) -> None:
    for path, roles in EXPECTED_ROLES.items():
        if roles is None:
            continue
        await user.open(path)
        await user.should_see(marker='login-submit')


async def test_staff_may_open_staff_pages_and_not_manager_pages(user: User) -> None:
    await log_in(user, 'andre')
    for path, roles in EXPECTED_ROLES.items():
        if roles is None:
            continue
        await user.open(path)
        if 'staff' in roles:
            await user.should_not_see(marker='not-allowed')
        else:
            await user.should_see(marker='not-allowed')
        customer_mode.leave()  # a customer form hands the tablet over; the next page needs it back


async def test_manager_may_open_every_page(user: User) -> None:
    await log_in(user, 'camille')
    for path, roles in EXPECTED_ROLES.items():
        if roles is None:
            continue
        assert roles in (STAFF, MANAGERS)
        await user.open(path)
        await user.should_not_see(marker='not-allowed')
        customer_mode.leave()

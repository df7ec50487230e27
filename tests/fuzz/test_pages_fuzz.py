"""Names made of HTML and template markup, shown on the back office's customer card and wishlist card: the page
shows them as text (labels and links), never as HTML. A few examples only: page tests are slow."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nicegui import ui
from nicegui.testing import User

from customer_pad.services import wishlists
from tests.fuzz.strategies import HTML_MARKUP
from tests.pages.conftest import log_in
from tests.support.backoffice import COPPET, new_customer

PAGES = settings(max_examples=3, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MARKUP_NAMES = st.sampled_from([markup for markup in HTML_MARKUP if markup.strip()] + [
    '<b>Dufour</b>', '<img src="/etc/passwd"/>', 'AT&T &nbsp; &lt;', '<a href="javascript:alert(1)">Zoë</a>'])
MANAGER = wishlists.Actor(role='manager', employee_id=2)


@pytest.fixture(autouse=True)
def _fresh_app_database(app_environment: str) -> str:
    return app_environment


async def open_as(user: User, username: str, path: str) -> None:
    """Open `path`, logging in first when the session has not yet (the examples of one test share a browser)."""
    await user.open(path)
    try:
        user.find(marker='username')
    except AssertionError:
        return
    await log_in(user, username)
    await user.open(path)


def assert_shown_as_text(user: User, text: str) -> None:
    elements = user.find(content=text).elements
    assert not [element for element in elements if isinstance(element, ui.html | ui.markdown)]
    assert [element for element in elements if isinstance(element, ui.label | ui.link) and text in element.text]


@PAGES
@given(name=MARKUP_NAMES, city=MARKUP_NAMES)
async def test_markup_in_a_customer_is_shown_as_text_on_the_card(user: User, name: str, city: str) -> None:
    number = new_customer(last_name=name, city=city, postal_code='1201').number
    await open_as(user, 'andre', f'/backoffice/customers/{number}')
    await user.should_see(f'Geoffrey {name}', retries=30)
    assert_shown_as_text(user, f'Geoffrey {name}')
    assert_shown_as_text(user, f'1201 {city}')


@PAGES
@given(name=MARKUP_NAMES, brand=MARKUP_NAMES)
async def test_markup_in_a_wishlist_entry_is_shown_as_text_on_its_card(user: User, name: str, brand: str) -> None:
    customer = new_customer(last_name=name, city='Genève').number
    number = wishlists.create_entry(wishlists.WishlistDraft(
        customer_number=customer, branch_id=COPPET, brand=brand, model='Submariner', reference=name,
        characteristics=((brand, name),), remarks=f'{name}\n{brand}'), MANAGER)
    await open_as(user, 'camille', f'/backoffice/wishlists/{number}')
    await user.should_see(f'{brand} | Submariner', retries=30)
    assert_shown_as_text(user, f'{brand} | Submariner')
    assert_shown_as_text(user, f'Geoffrey {name}, Genève')

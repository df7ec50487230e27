"""Every screen's route and who may open it; `register_pages()` wires them into NiceGUI."""

import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi.responses import RedirectResponse
from nicegui import app, ui

from components import customer_mode, session
from components.background import call
from components.frame import frame
from components.localisation import t
from customer_pad import auth
from customer_pad.auth import SessionUser
from pages import customer_wizard, handback, home, login, wishlist_sign
from pages.backoffice import branches as backoffice_branches
from pages.backoffice import customers as backoffice_customers
from pages.backoffice import evidence as backoffice_evidence
from pages.backoffice import legal_texts as backoffice_legal_texts
from pages.backoffice import login_audit as backoffice_login_audit
from pages.backoffice import marketing_lists as backoffice_marketing_lists
from pages.backoffice import staff as backoffice_staff
from pages.backoffice import wishlists as backoffice_wishlists

STAFF = frozenset({'staff', 'manager'})
MANAGERS = frozenset({'manager'})

PageBuilder = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class PageRoute:
    path: str
    builder: Callable[..., Any]
    roles: frozenset[str] | None  # None: open without a session (only the login page)


ROUTES: tuple[PageRoute, ...] = (
    PageRoute('/login', login.login_page, None),
    PageRoute('/', home.home_page, STAFF),
    PageRoute('/customer/new', customer_wizard.new_customer_page, STAFF),
    PageRoute('/customer/modify', customer_wizard.find_customer_page, STAFF),
    PageRoute('/customer/{number}/edit', customer_wizard.edit_customer_page, STAFF),
    PageRoute('/wishlist', wishlist_sign.wishlist_lookup_page, STAFF),
    PageRoute('/wishlist-sign/{number}', wishlist_sign.wishlist_sign_page, STAFF),
    PageRoute('/backoffice/wishlists', backoffice_wishlists.wishlist_list_page, STAFF),
    PageRoute('/backoffice/wishlists/new', backoffice_wishlists.wishlist_new_page, MANAGERS),  # before /{number}
    PageRoute('/backoffice/wishlists/{number}', backoffice_wishlists.wishlist_card_page, STAFF),
    PageRoute('/backoffice/wishlists/{number}/edit', backoffice_wishlists.wishlist_edit_page, MANAGERS),
    PageRoute('/backoffice/customers', backoffice_customers.customer_list_page, STAFF),
    PageRoute('/backoffice/customers/{number}', backoffice_customers.customer_card_page, STAFF),
    PageRoute('/backoffice/marketing-lists', backoffice_marketing_lists.marketing_lists_page, MANAGERS),
    PageRoute('/backoffice/staff', backoffice_staff.staff_page, MANAGERS),
    PageRoute('/backoffice/branches', backoffice_branches.branches_page, MANAGERS),
    PageRoute('/backoffice/legal-texts', backoffice_legal_texts.legal_texts_page, MANAGERS),
    PageRoute('/backoffice/login-audit', backoffice_login_audit.login_audit_page, MANAGERS),
    PageRoute('/backoffice/evidence', backoffice_evidence.evidence_page, MANAGERS),
    PageRoute('/account', handback.account_page, STAFF),
    PageRoute('/handback', handback.hand_back_page, STAFF),
)


async def _not_allowed(user: SessionUser) -> None:
    async with frame(user, t('access.not_allowed_title')):
        ui.label(t('access.not_allowed')).classes('text-lg').mark('not-allowed')
        ui.button(t('common.home'), on_click=lambda: ui.navigate.to('/')).props('unelevated')


def _guarded(route: PageRoute) -> PageBuilder:
    """The page function NiceGUI calls: checks the session's login and role, then builds the page for it."""
    roles = route.roles
    assert roles is not None

    @functools.wraps(route.builder, assigned=('__module__', '__name__', '__qualname__', '__doc__'), updated=())
    async def page(request: Any, **kwargs: Any) -> Any:
        login_id = app.storage.user.get('login_id')
        if login_id and session.is_idle():
            session.end_session()
            return RedirectResponse(f'/login?redirect_to={quote(request.url.path)}&reason=idle', status_code=303)
        path = request.url.path
        if login_id and not customer_mode.allows(path):  # the customer holds the tablet: only their own form
            return RedirectResponse(customer_mode.active()['path'], status_code=303)
        user = await call(auth.session_user, int(login_id)) if login_id else None
        if user is None:  # deactivated or removed since logging in
            app.storage.user.pop('login_id', None)
            return RedirectResponse(f'/login?redirect_to={quote(path)}', status_code=303)
        session.touch()
        session.watch_idle(quote(path))
        if user.role not in roles:
            await _not_allowed(user)
            return None
        return await route.builder(user, **kwargs)

    # NiceGUI reads the path parameters from the signature: the builder's, less the user, plus the request.
    builder_parameters = list(inspect.signature(route.builder).parameters.values())[1:]
    request_parameter = inspect.Parameter('request', inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                          annotation=_request_type())
    page.__signature__ = inspect.Signature([request_parameter, *builder_parameters])  # type: ignore[attr-defined]
    return page


def _request_type() -> type:
    from starlette.requests import Request

    return Request


def register_pages() -> None:
    """Register every route (called by main.py; NiceGUI's test harness calls it again per test)."""
    for route in ROUTES:
        builder = route.builder if route.roles is None else _guarded(route)
        ui.page(route.path)(builder)

"""Every screen's route and who may open it; `register_pages()` wires them into NiceGUI."""

import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi.responses import RedirectResponse
from nicegui import app, ui

from components import session
from components.background import call
from components.frame import frame
from components.localisation import t
from customer_pad import auth
from customer_pad.auth import SessionUser
from pages import customer_wizard, home, login, placeholders

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
    PageRoute('/wishlist', placeholders.wishlist_page, STAFF),
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
        user = await call(auth.session_user, int(login_id)) if login_id else None
        if user is None:  # deactivated or removed since logging in
            app.storage.user.pop('login_id', None)
            return RedirectResponse(f'/login?redirect_to={quote(request.url.path)}', status_code=303)
        session.touch()
        session.watch_idle(quote(request.url.path))
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

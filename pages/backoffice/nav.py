"""The back office's navigation: one entry per section; add yours to `SECTIONS`."""

from dataclasses import dataclass

from nicegui import ui

from components.localisation import t
from customer_pad.auth import ROLES, SessionUser

EVERY_ROLE = frozenset(ROLES)
MANAGER_ROLE = frozenset({'manager'})


@dataclass(frozen=True)
class BackofficeSection:
    label_key: str  # translation key of the tab's label
    path: str
    roles: frozenset[str]  # who sees the tab (the route's own roles still decide who may open it)


SECTIONS: list[BackofficeSection] = [
    BackofficeSection('backoffice.nav.wishlists', '/backoffice/wishlists', EVERY_ROLE),
]


def backoffice_nav(user: SessionUser, current_path: str) -> None:
    """The row of back-office sections the login may see, the current one highlighted."""
    with ui.row().classes('w-full gap-1 items-center cp-backoffice-nav').mark('backoffice-nav'):
        for section in SECTIONS:
            if user.role not in section.roles:
                continue
            active = current_path.startswith(section.path)
            ui.button(t(section.label_key), on_click=lambda path=section.path: ui.navigate.to(path)) \
                .props(f'no-caps {"unelevated" if active else "flat"}').mark(f'nav:{section.path}')

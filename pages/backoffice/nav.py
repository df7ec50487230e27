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
    BackofficeSection('admin.nav.customers', '/backoffice/customers', EVERY_ROLE),
    BackofficeSection('admin.nav.marketing_lists', '/backoffice/marketing-lists', MANAGER_ROLE),
    BackofficeSection('admin.nav.staff', '/backoffice/staff', MANAGER_ROLE),
    BackofficeSection('admin.nav.branches', '/backoffice/branches', MANAGER_ROLE),
    BackofficeSection('admin.nav.legal_texts', '/backoffice/legal-texts', MANAGER_ROLE),
    BackofficeSection('audit.nav', '/backoffice/login-audit', MANAGER_ROLE),
    BackofficeSection('evidence.nav', '/backoffice/evidence', MANAGER_ROLE),
]


def backoffice_nav(user: SessionUser, current_path: str) -> None:
    """The row of back-office sections the login may see, the current one highlighted (none while only one)."""
    visible = [section for section in SECTIONS if user.role in section.roles]
    if len(visible) < 2:
        return
    with ui.row().classes('w-full gap-1 items-center').mark('backoffice-nav'):
        for section in visible:
            active = current_path.startswith(section.path)
            ui.button(t(section.label_key), on_click=lambda path=section.path: ui.navigate.to(path)) \
                .props(f'no-caps {"unelevated" if active else "flat"}').mark(f'nav:{section.path}')

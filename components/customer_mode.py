"""Customer mode: while the tablet is in the customer's hands, it shows only the customer's own form.

The state lives in `app.storage.user`, so it holds across reloads and in every tab of the session. It ends
only on the hand-back screen, with the staff member's PIN or password.
"""

from typing import Any

from nicegui import app, ui

HAND_BACK_PATH = '/handback'


def active() -> dict[str, Any] | None:
    """The customer-mode state (`path`: the one page the tablet may show), or None."""
    mode = app.storage.user.get('customer_mode')
    return dict(mode) if mode else None


def enter(path: str | None = None) -> None:
    """Staff hand the tablet over: from now on only `path` may be shown, by default the page being built (a
    customer form), exactly as its address was typed ("/wishlist-sign/03" stays that, so its handlers run).

    A customer form calls this once it has found what it shows, so an unknown number never locks the tablet.
    """
    if path is None:
        request = ui.context.client.request
        assert request is not None, 'a customer form enters customer mode while it is being built'
        path = request.url.path
    app.storage.user['customer_mode'] = {'path': path}


def hand_back(*, customer_number: int | None = None, signature_id: int | None = None,
              wishlist_number: int | None = None, confirmation: str | None = None,
              confirmation_values: dict[str, Any] | None = None) -> None:
    """The customer saved or cancelled: the tablet now shows only the hand-back screen.

    `confirmation` is the catalogue key of what the customer reads there (translated when shown, so the
    language switch still works), with `confirmation_values` filled in.
    """
    app.storage.user['customer_mode'] = {'path': HAND_BACK_PATH, 'customer_number': customer_number,
                                         'signature_id': signature_id, 'wishlist_number': wishlist_number,
                                         'confirmation': confirmation,
                                         'confirmation_values': confirmation_values or {}}


def leave() -> None:
    """Staff unlocked the tablet."""
    app.storage.user.pop('customer_mode', None)


def allows(path: str) -> bool:
    """Whether the tablet may show `path` now."""
    mode = active()
    return mode is None or path == mode['path']

"""The UI language of the current browser session and the page-side translation function."""

from typing import Any

from nicegui import app

from customer_pad.config import default_language
from customer_pad.errors import Message
from customer_pad.i18n import normalise_language, translate


def current_language() -> str:
    """The language chosen in the header (or on the login page), else the configured default."""
    return normalise_language(app.storage.user.get('language') or default_language())


def t(key: str, **params: Any) -> str:
    """`key` translated into the current UI language."""
    return translate(key, current_language(), **params)


def message_text(message: Message) -> str:
    """A domain message (from a `ValidationFailed`, say) in the current UI language."""
    return translate(message.key, current_language(), **message.params)

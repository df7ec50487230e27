"""Domain errors that services raise and pages turn into messages next to the fields."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """A user-visible message as a translation key and its parameters (translated by the page)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


class DomainError(Exception):
    """Base class of every error a service raises on purpose."""


class ValidationFailed(DomainError):
    """One or more fields hold bad values; `errors` maps each field name to its message."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__(', '.join(f'{name}: {message.key}' for name, message in errors.items()))
        self.errors: dict[str, Message] = dict(errors)


class NotFound(DomainError):
    """The record asked for does not exist."""


class Conflict(DomainError):
    """Someone else saved the same record since it was opened (optimistic locking)."""


class AccessDenied(DomainError):
    """The acting login may not do this."""


class StorageUnavailable(DomainError):
    """The database refused the write (locked, unreachable); nothing was saved."""

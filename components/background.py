"""Service calls from UI handlers: run off the event loop so one tablet's save never stalls the others."""

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from nicegui import run

P = ParamSpec('P')
R = TypeVar('R')


class ServerStopping(asyncio.CancelledError):
    """The server is shutting down: the call did not run to completion."""


async def call(service: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a (blocking, database-bound) service in a worker thread and return its result or raise its error."""

    def boxed() -> tuple[R]:
        return (service(*args, **kwargs),)

    result = await run.io_bound(boxed)
    if result is None:  # NiceGUI returns None when the app is stopping or the task was cancelled
        raise ServerStopping()
    return result[0]

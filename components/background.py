"""Service calls from UI handlers: run off the event loop so one tablet's save never stalls the others."""

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from nicegui import app, run, ui

from components import customer_mode
from customer_pad.errors import NotFound
from customer_pad.validation import record_number

P = ParamSpec('P')
R = TypeVar('R')


class ServerStopping(asyncio.CancelledError):
    """The server is shutting down: the call did not run to completion."""


class BehindCustomerMode(asyncio.CancelledError):
    """The page's tab was left open when a customer got the tablet: the handler stops quietly, nothing runs."""


async def call(service: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a (blocking, database-bound) service in a worker thread and return its result or raise its error."""
    _refuse_behind_customer_mode()

    def boxed() -> tuple[R]:
        return (service(*args, **kwargs),)

    result = await run.io_bound(boxed)
    if result is None:  # NiceGUI returns None when the app is stopping or the task was cancelled
        raise ServerStopping()
    return result[0]



async def call_by_number(service: Callable[..., R], number: str, *args: object) -> R | None:
    """`service(n, *args)` for the record number `n` in a page address; None when the text is no record number
    (`record_number`) or the service finds no record with it (`NotFound`): the page then says the number is unknown."""
    parsed = record_number(number)
    if parsed is None:
        return None
    try:
        return await call(service, parsed, *args)
    except NotFound:
        return None

def _refuse_behind_customer_mode() -> None:
    """A tab left open on another screen keeps its buttons after the tablet went to a customer (it follows within
    seconds): until then no service runs for it. The page guard covers page loads; this covers their handlers."""
    request = ui.context.client.request
    if request is None or not app.storage.user.get('login_id') or customer_mode.allows(request.url.path):
        return
    ui.navigate.to(customer_mode.active()['path'])
    raise BehindCustomerMode()

"""A page with nothing but the signature pad, for the browser test.

Run as a script from the project root with the project on the path and a port, e.g.
``PYTHONPATH=. CUSTOMER_PAD_PORT=8123 python tests/support/signature_pad_app.py``.
The labels below the pad show what the server received, so the test can check the round trip.
"""

import hashlib
import json
import math
import os

from nicegui import ui

from components.signature_pad import SignaturePad
from customer_pad.errors import ValidationFailed
from customer_pad.signatures import parse_signature


def sample_payload() -> str:
    """A saved signature to preload: a looping wave and an underline, as the pad would send them."""
    wave = [(0.12 + 0.6 * t / 120, 0.5 + 0.16 * math.sin(t / 6) + 0.06 * math.cos(t / 2.5)) for t in range(121)]
    underline = [(0.18 + 0.55 * t / 30, 0.78 - 0.03 * math.sin(t / 10)) for t in range(31)]
    strokes = [[[round(x, 4), round(y, 4)] for x, y in stroke] for stroke in (wave, underline)]
    return json.dumps({'v': 1, 'aspect': 2.5, 'strokes': strokes}, separators=(',', ':'))


def strokes_received(payload: str | None) -> str:
    """How many strokes the payload holds."""
    return str(len(json.loads(payload)['strokes'])) if payload else '0'


def digest(payload: str | None) -> str:
    """A short fingerprint of the payload exactly as received."""
    return hashlib.sha256(payload.encode()).hexdigest()[:16] if payload else '-'


def verdict(payload: str | None) -> str:
    """'valid', or the translation key of the reason the payload is not accepted as a signature."""
    try:
        parse_signature(payload)
    except ValidationFailed as failure:
        return failure.errors['signature'].key
    return 'valid'


@ui.page('/')
def signature_page(lang: str = 'fr', preloaded: bool = False) -> None:
    """The pad (empty, or showing the sample signature), the server's view of its value and two server actions."""
    with ui.column().classes('w-full max-w-3xl mx-auto p-4 gap-3'):
        ui.label('Signature').classes('text-lg font-medium')
        pad = SignaturePad(language=lang, value=sample_payload() if preloaded else None)
        with ui.row().classes('gap-6 text-sm text-gray-600'):
            ui.label().bind_text_from(pad, 'value', backward=strokes_received).props('data-testid=strokes-received')
            ui.label().bind_text_from(pad, 'value', backward=digest).props('data-testid=payload-digest')
            ui.label().bind_text_from(pad, 'value', backward=verdict).props('data-testid=verdict')
        with ui.row():
            ui.button('Preload', on_click=lambda: pad.set_value(sample_payload())).props('outline')
            ui.button('Clear from server', on_click=pad.clear).props('outline')


if __name__ in {'__main__', '__mp_main__'}:
    ui.run(port=int(os.environ['CUSTOMER_PAD_PORT']), host='127.0.0.1', show=False, reload=False,
           title='Signature pad')

"""The signature pad: a box the customer signs in with finger, pen or mouse.

The drawing happens in the browser (`assets/signature_pad.js`); the server receives the strokes as the JSON
payload described in `customer_pad.signatures` at the end of every stroke and keeps the latest one in `value`.
A page checks it with `customer_pad.signatures.parse_signature` before saving::

    pad = SignaturePad(language=current_language(), on_change=lambda e: save_button.enable())
    ...
    signature = parse_signature(pad.value)  # raises ValidationFailed with a `signature.*` message
"""

from pathlib import Path
from typing import Any

from nicegui.elements.mixins.value_element import ValueElement
from nicegui.events import GenericEventArguments, Handler, ValueChangeEventArguments

from customer_pad.i18n import REFERENCE_LANGUAGE, translate

SCRIPT = Path(__file__).resolve().parent.parent / 'assets' / 'signature_pad.js'


class SignaturePad(ValueElement[str | None], component=SCRIPT):
    """A signature pad whose `value` is the latest stroke payload (JSON), or None while nothing is drawn."""

    VALUE_PROP = 'value'
    # the browser keeps its own drawing: changes it sends are not echoed back, changes made here are pushed
    LOOPBACK = False

    def __init__(self, *,
                 value: str | None = None,
                 language: str = REFERENCE_LANGUAGE,
                 on_change: Handler[ValueChangeEventArguments[str | None]] | None = None,
                 ) -> None:
        """Create an empty pad, or one showing the strokes of `value` (a payload saved earlier).

        :param value: initial payload (JSON as produced by the pad or by `Signature.to_json`), None for an empty pad
        :param language: language of the clear button, the hint and the accessible name
        :param on_change: called with the new payload after each stroke, after clearing and when `value` is set
        """
        super().__init__(value=value, on_value_change=on_change)
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Show the clear button, the hint and the accessible name in `language`."""
        self._props['clear-label'] = translate('signature.clear', language)
        self._props['hint'] = translate('signature.hint', language)
        self._props['pad-label'] = translate('signature.pad_label', language)

    def clear(self) -> None:
        """Erase the drawing, here and in the browser (the customer can also use the clear button)."""
        self.set_value(None)
        self.run_method('clear')

    def _event_args_to_value(self, e: GenericEventArguments) -> str | None:
        return e.args if isinstance(e.args, str) and e.args else None

    def _value_to_model_value(self, value: Any) -> str | None:
        return value or None

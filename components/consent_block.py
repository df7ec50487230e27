"""The consent block of the customer wizard and the wishlist signing screen.

Legal text (expandable) with the required **Je suis d'accord***, the optional marketing consent and the
signature pad. `collect()` checks it and returns what the services need to record the consent.
"""

from dataclasses import dataclass

from nicegui import ui

from components.localisation import current_language, message_text, t
from components.signature_pad import SignaturePad
from customer_pad.errors import Message, ValidationFailed
from customer_pad.services.consents import LegalTextView
from customer_pad.signatures import Signature, parse_signature


@dataclass(frozen=True)
class ConsentAnswers:
    """What the customer chose and signed; `text_ids` are the exact texts that were shown."""

    choices: tuple[tuple[str, bool], ...]
    text_ids: dict[str, int]
    signature: Signature


def legal_text_body(text: LegalTextView) -> None:
    """A legal text's paragraphs as plain, escaped text (never HTML or Markdown)."""
    for paragraph in text.body.split('\n\n'):
        ui.label(paragraph).classes('whitespace-pre-line text-sm leading-relaxed mb-2')


class ConsentBlock:
    """Legal and marketing consent with a signature; `extra_choices` adds choices made on an earlier step."""

    def __init__(self, texts: dict[str, LegalTextView]) -> None:
        self.texts = texts
        legal, marketing = texts['legal'], texts['marketing']
        with ui.column().classes('w-full gap-2 cp-consent'):
            with ui.expansion(f'{legal.title} …', icon='gavel').classes('w-full cp-card').mark('legal-text'):
                legal_text_body(legal)
                ui.label(t('consent.version', version=legal.version, hash=legal.sha256[:12])) \
                    .classes('text-xs text-gray-500')
            self.legal = ui.checkbox(f'{t("consent.agree")}*').mark('consent-legal')
            self.legal_error = ui.label('').classes('cp-field-error').mark('consent-legal-error')
            ui.label(marketing.title).classes('pt-2').mark('marketing-text')
            if marketing.body:
                ui.label(marketing.body).classes('text-sm text-gray-600 whitespace-pre-line')
            self.marketing = ui.checkbox(t('consent.agree')).mark('consent-marketing')
            ui.label(f'{t("consent.signature")}*').classes('pt-2 font-medium')
            self.pad = SignaturePad(language=current_language(),
                                    on_change=lambda _: self.signature_error.set_text('')).mark('signature-pad')
            self.signature_error = ui.label('').classes('cp-field-error').mark('signature-error')
        self.legal.on_value_change(lambda event: event.value and self.legal_error.set_text(''))

    def collect(self, extra_choices: tuple[tuple[str, bool], ...] = ()) -> ConsentAnswers:
        """The answers, or `ValidationFailed` (shown next to the box and the pad) without legal consent
        or without a real signature."""
        errors: dict[str, Message] = {}
        if not self.legal.value:
            errors['legal'] = Message('consent.legal_required')
        signature = None
        try:
            signature = parse_signature(self.pad.value)
        except ValidationFailed as failure:
            errors.update(failure.errors)
        self.legal_error.set_text(message_text(errors['legal']) if 'legal' in errors else '')
        self.signature_error.set_text(message_text(errors['signature']) if 'signature' in errors else '')
        if errors or signature is None:
            raise ValidationFailed(errors)
        choices = (*extra_choices, ('legal', True), ('marketing', bool(self.marketing.value)))
        text_ids = {purpose: text.id for purpose, text in self.texts.items()}
        return ConsentAnswers(choices=choices, text_ids=text_ids, signature=signature)

"""Consent evidence: the legal texts shown, the choices made, the signature, who, when, where.

Consent records and signatures are append-only: the ORM refuses to update or delete them.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from customer_pad.db import unit_of_work
from customer_pad.errors import Message, NotFound, ValidationFailed
from customer_pad.i18n import REFERENCE_LANGUAGE, normalise_language
from customer_pad.signatures import Signature
from models import ConsentRecord, Customer, LegalText, SignatureRecord
from models.base import utc_now

PURPOSES: tuple[str, ...] = ('legal', 'marketing', 'wishlist')
USER_AGENT_MAX = 400


class AppendOnlyViolation(RuntimeError):
    """Someone tried to change or remove consent evidence."""


@event.listens_for(ConsentRecord, 'before_update')
@event.listens_for(SignatureRecord, 'before_update')
@event.listens_for(ConsentRecord, 'before_delete')
@event.listens_for(SignatureRecord, 'before_delete')
def _refuse_changes(_mapper: object, _connection: object, target: object) -> None:
    raise AppendOnlyViolation(f'{type(target).__name__} is append-only evidence')


@dataclass(frozen=True)
class LegalTextView:
    """A legal text as the customer reads it, with what identifies it."""

    id: int
    purpose: str
    language: str
    version: int
    title: str
    body: str
    sha256: str


@dataclass(frozen=True)
class SigningContext:
    """Who records a consent, where and on what device."""

    employee_id: int
    branch_id: int
    user_agent: str = ''


@dataclass(frozen=True)
class RecordedConsent:
    id: int
    purpose: str
    accepted: bool
    text_version: int | None
    text_sha256: str | None
    fingerprint: str
    recorded_at: datetime


def _view(text: LegalText) -> LegalTextView:
    return LegalTextView(id=text.id, purpose=text.purpose, language=text.language, version=text.version,
                         title=text.title, body=text.body, sha256=text.sha256)


def _current_text(session: Session, purpose: str, language: str) -> LegalText | None:
    return session.scalar(
        select(LegalText).where(LegalText.purpose == purpose, LegalText.language == language)
        .order_by(LegalText.version.desc()).limit(1))


def current_legal_texts(language: str) -> dict[str, LegalTextView]:
    """The newest version of each purpose's text in `language` (French where that language has none)."""
    language = normalise_language(language)
    with unit_of_work() as session:
        texts: dict[str, LegalTextView] = {}
        for purpose in PURPOSES:
            text = _current_text(session, purpose, language) or _current_text(session, purpose, REFERENCE_LANGUAGE)
            if text is not None:
                texts[purpose] = _view(text)
        return texts


def consent_fingerprint(fields: Mapping[str, object]) -> str:
    """SHA-256 over the canonical JSON of a consent record's content."""
    canonical = json.dumps(fields, sort_keys=True, separators=(',', ':'), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def store_signature(session: Session, signature: Signature) -> SignatureRecord:
    """Keep a signature's geometry (no timing, no pressure) with its bounding box and hash."""
    min_x, min_y, max_x, max_y = signature.bounding_box
    record = SignatureRecord(strokes_json=signature.to_json(), aspect=signature.aspect, min_x=min_x, min_y=min_y,
                             max_x=max_x, max_y=max_y, sha256=signature.sha256)
    session.add(record)
    session.flush()
    return record


def record_consents(
    session: Session,
    *,
    customer: Customer,
    choices: Sequence[tuple[str, bool]],
    text_ids: Mapping[str, int],
    signature: Signature,
    context: SigningContext,
    wishlist_entry_id: int | None = None,
) -> list[ConsentRecord]:
    """Append one consent record per (purpose, accepted) choice, all sharing one stored signature.

    `text_ids` names the exact legal text shown for each purpose: the record points at it and copies its
    version and SHA-256, so a later version of the text never changes what this customer accepted.
    """
    signature_record = store_signature(session, signature)
    recorded_at = utc_now()
    records = []
    for purpose, accepted in choices:
        if purpose not in PURPOSES:
            raise ValueError(f'unknown consent purpose {purpose!r}')
        text = session.get(LegalText, text_ids.get(purpose, -1))
        if text is None or text.purpose != purpose:
            raise ValidationFailed({purpose: Message('consent.text_missing')})
        content = {
            'customer_number': customer.number,
            'purpose': purpose,
            'text_version': text.version,
            'text_language': text.language,
            'text_sha256': text.sha256,
            'accepted': accepted,
            'signature_sha256': signature_record.sha256,
            'recorded_at': recorded_at.isoformat(),
            'employee_id': context.employee_id,
            'branch_id': context.branch_id,
            'wishlist_entry_id': wishlist_entry_id,
        }
        record = ConsentRecord(
            customer_id=customer.id, purpose=purpose, legal_text_id=text.id, text_version=text.version,
            text_sha256=text.sha256, accepted=accepted, signature_id=signature_record.id,
            wishlist_entry_id=wishlist_entry_id, recorded_at=recorded_at, employee_id=context.employee_id,
            branch_id=context.branch_id, user_agent=context.user_agent[:USER_AGENT_MAX],
            fingerprint=consent_fingerprint(content))
        session.add(record)
        records.append(record)
    session.flush()
    return records


def recorded(records: Sequence[ConsentRecord]) -> list[RecordedConsent]:
    """Plain copies of stored records, safe to hand to a page."""
    return [RecordedConsent(id=record.id, purpose=record.purpose, accepted=record.accepted,
                            text_version=record.text_version, text_sha256=record.text_sha256,
                            fingerprint=record.fingerprint, recorded_at=record.recorded_at) for record in records]


def consents_of_customer(customer_number: int) -> list[RecordedConsent]:
    """Every consent record of a customer, oldest first."""
    with unit_of_work() as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == customer_number))
        if customer_id is None:
            raise NotFound(customer_number)
        records = session.scalars(select(ConsentRecord).where(ConsentRecord.customer_id == customer_id)
                                  .order_by(ConsentRecord.recorded_at, ConsentRecord.id)).all()
        return recorded(records)


def count_consents() -> int:
    """How many consent records exist (used by tests and the back office)."""
    with unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(ConsentRecord)) or 0

"""Consent evidence: the legal texts shown, the choices made, the signature, who, when, where.

Consent records, signatures and legal texts are append-only: the ORM refuses to update or delete them
(a legal text changes by a new version).
"""

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from customer_pad.db import serialise, unit_of_work
from customer_pad.errors import Message, NotFound, ValidationFailed
from customer_pad.i18n import REFERENCE_LANGUAGE, normalise_language
from customer_pad.signatures import Signature
from models import ConsentRecord, Customer, LegalText, SignatureRecord
from models.base import utc_now

PURPOSES: tuple[str, ...] = ('legal', 'marketing', 'wishlist')
USER_AGENT_MAX = 400
EVIDENCE_LOCK_KEY = 0x43504556  # one PostgreSQL advisory lock for the evidence chains


class AppendOnlyViolation(RuntimeError):
    """Someone tried to change or remove consent evidence."""


@event.listens_for(LegalText, 'before_update')
@event.listens_for(LegalText, 'before_delete')
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
    with unit_of_work() as session:
        return legal_texts_in(session, language)


def legal_texts_in(session: Session, language: str) -> dict[str, LegalTextView]:
    """`current_legal_texts` inside a unit of work that reads more."""
    language = normalise_language(language)
    texts: dict[str, LegalTextView] = {}
    for purpose in PURPOSES:
        text = _current_text(session, purpose, language) or _current_text(session, purpose, REFERENCE_LANGUAGE)
        if text is not None:
            texts[purpose] = _view(text)
    return texts


def consent_fingerprint(fields: Mapping[str, object]) -> str:
    """SHA-256 over the canonical JSON of an evidence record's content."""
    canonical = json.dumps(fields, sort_keys=True, separators=(',', ':'), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec='microseconds')


def signature_content(record: SignatureRecord) -> dict[str, object]:
    """What a signature's fingerprint covers: its geometry, box, hash, time and the fingerprint before it."""
    return {
        'strokes': record.strokes_json,
        'aspect': record.aspect,
        'box': [record.min_x, record.min_y, record.max_x, record.max_y],
        'sha256': record.sha256,
        'created_at': _moment(record.created_at),
        'previous': record.previous_fingerprint,
    }


def consent_content(record: ConsentRecord, signature_fingerprint: str | None) -> dict[str, object]:
    """What a consent record's fingerprint covers: customer snapshot, purpose, text, choice, signature, time,
    employee, branch, device and the fingerprint of the record before it."""
    return {
        'customer_id': record.customer_id,
        'customer': record.customer_snapshot,
        'purpose': record.purpose,
        'legal_text_id': record.legal_text_id,
        'text_version': record.text_version,
        'text_sha256': record.text_sha256,
        'accepted': record.accepted,
        'withdrawal': record.withdrawal,
        'reason': record.reason,
        'signature_id': record.signature_id,
        'signature': signature_fingerprint,
        'wishlist_entry_id': record.wishlist_entry_id,
        'recorded_at': _moment(record.recorded_at),
        'employee_id': record.employee_id,
        'branch_id': record.branch_id,
        'user_agent': record.user_agent,
        'previous': record.previous_fingerprint,
    }


def customer_snapshot(customer: Customer) -> str:
    """The customer's identity and address as they were when the consent was given (canonical JSON)."""
    fields = {name: getattr(customer, name) for name in SNAPSHOT_FIELDS}
    fields['birth_date'] = customer.birth_date.isoformat() if customer.birth_date else None
    return json.dumps(fields, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


SNAPSHOT_FIELDS: tuple[str, ...] = (
    'number', 'salutation', 'title', 'first_name', 'last_name', 'company', 'birth_date', 'language', 'street',
    'po_box', 'postal_code', 'city', 'country_code', 'email', 'mobile')


def _chain_heads(session: Session) -> dict[type, str]:
    """The last fingerprint of each evidence chain as this transaction knows it (read once per chain, then kept
    in memory as records are appended).

    The first call serialises appends to the chains: one transaction at a time holds them until it ends (a
    PostgreSQL advisory lock; SQLite transactions already begin IMMEDIATE), so the heads cannot move meanwhile.
    """
    transaction = session.get_transaction()
    known = session.info.get('evidence_chain_heads')
    if known is None or known[0] is not transaction:
        serialise(session, EVIDENCE_LOCK_KEY)
        known = session.info['evidence_chain_heads'] = (transaction, {})
    return known[1]


def _last_fingerprint(session: Session, model: type[ConsentRecord] | type[SignatureRecord]) -> str:
    heads = _chain_heads(session)
    if model not in heads:
        heads[model] = session.scalar(select(model.fingerprint).order_by(model.id.desc()).limit(1)) or ''
    return heads[model]


def _chain(session: Session, record: ConsentRecord | SignatureRecord,
           content: Callable[[Any], Mapping[str, object]]) -> None:
    """Link `record` to the head of its chain, fingerprint it and make it the new head (added, not flushed)."""
    model = type(record)
    record.previous_fingerprint = _last_fingerprint(session, model)
    record.fingerprint = consent_fingerprint(content(record))
    _chain_heads(session)[model] = record.fingerprint
    session.add(record)


def store_signature(session: Session, signature: Signature) -> SignatureRecord:
    """Keep a signature's geometry (no timing, no pressure) with its bounding box, hash and chain link."""
    min_x, min_y, max_x, max_y = signature.bounding_box
    record = SignatureRecord(strokes_json=signature.to_json(), aspect=signature.aspect, min_x=min_x, min_y=min_y,
                             max_x=max_x, max_y=max_y, sha256=signature.sha256, created_at=utc_now())
    _chain(session, record, signature_content)
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
    version and SHA-256, so a later version of the text never changes what this customer accepted. The records
    are chained in memory and written in one flush, in chain order.
    """
    signature_record = store_signature(session, signature)
    recorded_at = utc_now()
    snapshot = customer_snapshot(customer)
    wanted = {text_ids[purpose] for purpose, _ in choices if purpose in text_ids}
    texts = {item.id: item for item in session.scalars(select(LegalText).where(LegalText.id.in_(wanted)))} \
        if wanted else {}
    records = []
    for purpose, accepted in choices:
        if purpose not in PURPOSES:
            raise ValueError(f'unknown consent purpose {purpose!r}')
        legal_text = texts.get(text_ids.get(purpose, -1))
        if legal_text is None or legal_text.purpose != purpose:
            raise ValidationFailed({purpose: Message('consent.text_missing')})
        record = ConsentRecord(
            customer_id=customer.id, customer_snapshot=snapshot, purpose=purpose, legal_text_id=legal_text.id,
            text_version=legal_text.version, text_sha256=legal_text.sha256, accepted=accepted, withdrawal=False,
            reason='', signature_id=signature_record.id, wishlist_entry_id=wishlist_entry_id, recorded_at=recorded_at,
            employee_id=context.employee_id, branch_id=context.branch_id,
            user_agent=context.user_agent[:USER_AGENT_MAX])
        _chain(session, record, lambda item: consent_content(item, signature_record.fingerprint))
        records.append(record)
    session.flush()
    return records


def record_withdrawal(session: Session, *, customer: Customer, reason: str, context: SigningContext) -> ConsentRecord:
    """Append a withdrawal of marketing consent (nothing earlier is rewritten)."""
    record = ConsentRecord(
        customer_id=customer.id, customer_snapshot=customer_snapshot(customer), purpose='marketing',
        legal_text_id=None, text_version=None, text_sha256=None, accepted=False, withdrawal=True, reason=reason,
        signature_id=None, wishlist_entry_id=None, recorded_at=utc_now(), employee_id=context.employee_id,
        branch_id=context.branch_id, user_agent=context.user_agent[:USER_AGENT_MAX])
    _chain(session, record, lambda item: consent_content(item, None))
    session.flush()
    return record


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

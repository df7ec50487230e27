"""Recompute the evidence chains (signatures, consent records, the legal texts they point at).

Every consent record and signature carries a SHA-256 over its canonical content and the fingerprint of
the one before it. Changing any field, or one byte, of any record breaks its fingerprint or the link of
the next one: `verify_evidence` names every record that does not match.
"""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from customer_pad.db import read_session
from customer_pad.legal_texts import legal_text_sha256
from customer_pad.services.consents import consent_content, consent_fingerprint, signature_content
from models import ConsentRecord, LegalText, SignatureRecord

STREAM_BATCH = 1000
"""Signatures and consent records are read this many at a time, not all held in memory at once."""
LISTED_PROBLEMS = 500
"""Problems the back office lists (a restored or damaged database may have millions); `verify` names them all."""

# What can be wrong with a record (the codes name the back office's translations; the texts are the command's).
REASONS = {
    'text_changed': 'text differs from its SHA-256',
    'chain_broken': 'chain link to the previous one broken',
    'content_changed': 'fingerprint does not match its content',
    'strokes_changed': 'strokes differ from their SHA-256',
    'referenced_text_changed': 'the legal text it points at changed',
}


@dataclass(frozen=True)
class EvidenceProblem:
    table: str  # legal_text, signature or consent_record
    record_id: int
    reason: str  # a key of REASONS

    def __str__(self) -> str:
        return f'{self.table} {self.record_id}: {REASONS[self.reason]}'


@dataclass(frozen=True)
class EvidenceCheck:
    records_checked: int
    problems: tuple[EvidenceProblem, ...]  # empty: every record matches

    @property
    def listed(self) -> tuple[EvidenceProblem, ...]:
        """The problems the back office lists: the first `LISTED_PROBLEMS`."""
        return self.problems[:LISTED_PROBLEMS]


def verify_evidence() -> list[EvidenceProblem]:
    """Every record whose stored fingerprint, chain link or referenced text does not match (empty: all good)."""
    return list(check_evidence().problems)


def check_evidence() -> EvidenceCheck:
    """Recompute every chain: how many records were checked, and the ones that do not match."""
    problems: list[EvidenceProblem] = []
    checked = 0
    # one snapshot of every table, and no write lock: the tablets keep saving while it reads
    with read_session(snapshot=True) as session:
        altered_texts: set[int] = set()
        texts: dict[int, str] = {}
        for text in session.scalars(select(LegalText).order_by(LegalText.id)):
            checked += 1
            texts[text.id] = text.sha256
            if legal_text_sha256(text.title, text.body) != text.sha256:
                altered_texts.add(text.id)
                problems.append(EvidenceProblem('legal_text', text.id, 'text_changed'))
        signature_fingerprints: dict[int, str] = {}
        previous = ''
        for signature in session.scalars(select(SignatureRecord).order_by(SignatureRecord.id)
                                         .execution_options(yield_per=STREAM_BATCH)):
            checked += 1
            signature_fingerprints[signature.id] = signature.fingerprint
            if signature.previous_fingerprint != previous:
                problems.append(EvidenceProblem('signature', signature.id, 'chain_broken'))
            if consent_fingerprint(signature_content(signature)) != signature.fingerprint:
                problems.append(EvidenceProblem('signature', signature.id, 'content_changed'))
            elif hashlib.sha256(signature.strokes_json.encode('utf-8')).hexdigest() != signature.sha256:
                problems.append(EvidenceProblem('signature', signature.id, 'strokes_changed'))
            previous = signature.fingerprint
        previous = ''
        for record in session.scalars(select(ConsentRecord).order_by(ConsentRecord.id)
                                      .execution_options(yield_per=STREAM_BATCH)):
            checked += 1
            if record.previous_fingerprint != previous:
                problems.append(EvidenceProblem('consent_record', record.id, 'chain_broken'))
            signature_fingerprint = signature_fingerprints.get(record.signature_id) if record.signature_id else None
            if consent_fingerprint(consent_content(record, signature_fingerprint)) != record.fingerprint:
                problems.append(EvidenceProblem('consent_record', record.id, 'content_changed'))
            if record.legal_text_id is not None and (texts.get(record.legal_text_id) != record.text_sha256
                                                     or record.legal_text_id in altered_texts):
                problems.append(EvidenceProblem('consent_record', record.id, 'referenced_text_changed'))
            previous = record.fingerprint
    return EvidenceCheck(records_checked=checked, problems=tuple(problems))


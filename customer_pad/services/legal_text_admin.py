"""Legal texts (managers): every version per purpose and language, read-only, and publishing the next one.

A text is never edited in place. **Nouvelle version** stores an edited copy as version n + 1 with its own
SHA-256; new consents point at it from then on, while every earlier consent keeps pointing at the exact
row it accepted, whose hash still verifies.
"""

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from customer_pad.auth import require_manager
from customer_pad.db import unit_of_work
from customer_pad.errors import Conflict, Message, ValidationFailed
from customer_pad.i18n import LANGUAGES
from customer_pad.legal_texts import legal_text_sha256
from customer_pad.services.consents import PURPOSES
from customer_pad.validation import require_choice, require_text, without_forbidden_characters
from models import ConsentRecord, LegalText

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000


@dataclass(frozen=True)
class LegalTextVersion:
    id: int
    purpose: str
    language: str
    version: int
    title: str
    body: str
    sha256: str
    created_at: datetime
    consent_count: int
    """How many consent records point at exactly this version."""
    current: bool


@dataclass(frozen=True)
class LegalTextSlot:
    """One purpose in one language: its current version (None: the customer is shown the French one)."""

    purpose: str
    language: str
    current: LegalTextVersion | None
    version_count: int


def _consent_counts(session: Session, text_ids: set[int]) -> dict[int, int]:
    if not text_ids:
        return {}
    return dict(session.execute(select(ConsentRecord.legal_text_id, func.count())
                                .where(ConsentRecord.legal_text_id.in_(text_ids))
                                .group_by(ConsentRecord.legal_text_id)).all())


def _view(text: LegalText, consent_count: int, current: bool) -> LegalTextVersion:
    return LegalTextVersion(id=text.id, purpose=text.purpose, language=text.language, version=text.version,
                            title=text.title, body=text.body, sha256=text.sha256, created_at=text.created_at,
                            consent_count=consent_count, current=current)


def legal_text_overview(*, acting_role: str) -> list[LegalTextSlot]:
    """Every purpose in every language with its current version, purposes first, then languages."""
    require_manager(acting_role)
    with unit_of_work() as session:
        texts = session.scalars(select(LegalText).order_by(LegalText.version.desc())).all()
        counts = _consent_counts(session, {text.id for text in texts})
        slots = []
        for purpose in PURPOSES:
            for language in LANGUAGES:
                versions = [text for text in texts if text.purpose == purpose and text.language == language]
                current = _view(versions[0], counts.get(versions[0].id, 0), True) if versions else None
                slots.append(LegalTextSlot(purpose=purpose, language=language, current=current,
                                           version_count=len(versions)))
        return slots


def legal_text_versions(purpose: str, language: str, *, acting_role: str) -> list[LegalTextVersion]:
    """All versions of one purpose in one language, newest (the current one) first."""
    require_manager(acting_role)
    purpose = require_choice(purpose, PURPOSES, 'purpose')
    language = require_choice(language, LANGUAGES, 'language')
    with unit_of_work() as session:
        texts = session.scalars(select(LegalText).where(LegalText.purpose == purpose, LegalText.language == language)
                                .order_by(LegalText.version.desc())).all()
        counts = _consent_counts(session, {text.id for text in texts})
        return [_view(text, counts.get(text.id, 0), index == 0) for index, text in enumerate(texts)]


def _clean_body(body: str | None) -> str:
    """The body as the customer will read it: paragraphs and line breaks kept; control characters refused, and
    direction overrides, which would make the signed text display otherwise than its stored, hashed form."""
    text = unicodedata.normalize('NFC', (body or '').replace('\r\n', '\n').replace('\r', '\n'))
    if text != without_forbidden_characters(text):
        raise ValidationFailed({'body': Message('validation.control_characters')})
    text = '\n'.join(line.rstrip() for line in text.strip().split('\n'))
    if not text:
        raise ValidationFailed({'body': Message('validation.required')})
    if len(text) > BODY_MAX_LENGTH:
        raise ValidationFailed({'body': Message('validation.too_long', {'max': BODY_MAX_LENGTH})})
    return text


def publish_legal_text(purpose: str, language: str, title: str, body: str, based_on_version: int | None, *,
                       acting_role: str) -> LegalTextVersion:
    """Store the edited copy as the next version, which every new consent uses from now on.

    `based_on_version` is the version the editor copied (None for the first text in a language): if someone
    published another version since, `Conflict` is raised and nothing is stored. An unchanged copy is refused.
    """
    require_manager(acting_role)
    purpose = require_choice(purpose, PURPOSES, 'purpose')
    language = require_choice(language, LANGUAGES, 'language')
    errors: dict[str, Message] = {}
    clean: dict[str, str] = {}
    for name, check in (('title', lambda: require_text(title, 'title', TITLE_MAX_LENGTH)),
                        ('body', lambda: _clean_body(body))):
        try:
            clean[name] = check()
        except ValidationFailed as failure:
            errors.update(failure.errors)
    if errors:
        raise ValidationFailed(errors)
    sha256 = legal_text_sha256(clean['title'], clean['body'])
    try:
        with unit_of_work() as session:
            current = session.scalar(select(LegalText).where(LegalText.purpose == purpose,
                                                             LegalText.language == language)
                                     .order_by(LegalText.version.desc()).limit(1))
            if (current.version if current is not None else None) != based_on_version:
                raise Conflict(f'{purpose}/{language}')
            if current is not None and current.sha256 == sha256:
                raise ValidationFailed({'body': Message('admin.legal.unchanged')})
            text = LegalText(purpose=purpose, language=language, version=(current.version if current else 0) + 1,
                             title=clean['title'], body=clean['body'], sha256=sha256)
            session.add(text)
            session.flush()
            return _view(text, 0, True)
    except IntegrityError as error:  # another manager published the same version number at the same moment
        raise Conflict(f'{purpose}/{language}') from error

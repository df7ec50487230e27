"""Versioned legal texts, signatures and the append-only consent records that point at them."""

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now


class LegalText(Base):
    __tablename__ = 'legal_text'
    __table_args__ = (UniqueConstraint('purpose', 'language', 'version'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(10), comment='legal|marketing|wishlist')
    language: Mapped[str] = mapped_column(String(2))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), comment='SHA-256 of title and body as accepted')
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class SignatureRecord(Base):
    """A drawn signature as normalised stroke geometry (no timing, no pressure)."""

    __tablename__ = 'signature'

    id: Mapped[int] = mapped_column(primary_key=True)
    strokes_json: Mapped[str] = mapped_column(Text, comment='canonical JSON of the normalised strokes')
    aspect: Mapped[float] = mapped_column(Float, comment='pad width / height')
    min_x: Mapped[float] = mapped_column(Float)
    min_y: Mapped[float] = mapped_column(Float)
    max_x: Mapped[float] = mapped_column(Float)
    max_y: Mapped[float] = mapped_column(Float)
    sha256: Mapped[str] = mapped_column(String(64), comment='SHA-256 of the canonical strokes JSON')
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    previous_fingerprint: Mapped[str] = mapped_column(String(64), default='', comment='fingerprint of the one before')
    fingerprint: Mapped[str] = mapped_column(String(64), default='', comment='SHA-256 over content and previous')


class ConsentRecord(Base):
    """One accepted or declined purpose, as evidence: never updated, never deleted."""

    __tablename__ = 'consent_record'

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey('customer.id'), index=True)
    purpose: Mapped[str] = mapped_column(String(10), comment='legal|marketing|wishlist')
    legal_text_id: Mapped[int | None] = mapped_column(ForeignKey('legal_text.id'))
    text_version: Mapped[int | None] = mapped_column(Integer)
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    accepted: Mapped[bool] = mapped_column(Boolean)
    withdrawal: Mapped[bool] = mapped_column(Boolean, default=False, comment='a later withdrawal of consent')
    reason: Mapped[str] = mapped_column(Text, default='')
    signature_id: Mapped[int | None] = mapped_column(ForeignKey('signature.id'))
    wishlist_entry_id: Mapped[int | None] = mapped_column(ForeignKey('wishlist_entry.id'), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey('employee.id'))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey('branch.id'))
    user_agent: Mapped[str] = mapped_column(String(400), default='')
    customer_snapshot: Mapped[str] = mapped_column(Text, default='', comment='the customer as signed (JSON)')
    previous_fingerprint: Mapped[str] = mapped_column(String(64), default='', comment='fingerprint of the one before')
    fingerprint: Mapped[str] = mapped_column(String(64), comment='SHA-256 over the canonical content and previous')

    legal_text: Mapped[LegalText | None] = relationship()
    signature: Mapped[SignatureRecord | None] = relationship()

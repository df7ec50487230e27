"""The customer's consent receipt: one signing act (the consent records sharing one signature) as a PDF."""

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from customer_pad.addresses import person_name
from customer_pad.dates import SWISS_TIME
from customer_pad.db import unit_of_work
from customer_pad.documents import BranchLetterhead, ConsentChoice, ConsentReceipt
from customer_pad.errors import NotFound
from customer_pad.i18n import normalise_language, translate
from customer_pad.services.consents import consent_fingerprint
from customer_pad.signatures import Signature
from models import Branch, ConsentRecord, Customer, Employee, SignatureRecord, WishlistEntry


def stored_signature(record: SignatureRecord) -> Signature:
    """The signature as it was stored (not re-judged: it passed the ink checks when it was signed)."""
    document = json.loads(record.strokes_json)
    strokes = tuple(tuple((float(x), float(y)) for x, y in stroke) for stroke in document['strokes'])
    return Signature(strokes=strokes, aspect=float(document['aspect']))


def branch_letterhead(branch: Branch) -> BranchLetterhead:
    """How a branch is printed at the top of the customer's documents."""
    return BranchLetterhead(name=branch.name, street=branch.street, postal_code=branch.postal_code, city=branch.city,
                            letter_town=branch.letter_town or None, country_code=branch.country_code,
                            phone=branch.phone or None, email=branch.email or None)


def customer_display_name(customer: Customer) -> str:
    """"Kim Tschantre": first and last name, the company when the customer has neither."""
    return person_name(customer.first_name, customer.last_name, customer.company)


def signing_fingerprint(records: list[ConsentRecord], signature_sha256: str) -> str:
    """SHA-256 over the fingerprints of the records of one signing (in the order stored) and of the signature.

    Each record carries its own fingerprint; this one binds them together, so a verifier can recompute it from
    the records and see that none was added, removed or changed.
    """
    return consent_fingerprint({'consent_records': [record.fingerprint for record in records],
                                'signature_sha256': signature_sha256})


def _signing_records(session: Session, signature_id: int) -> list[ConsentRecord]:
    return list(session.scalars(select(ConsentRecord).where(ConsentRecord.signature_id == signature_id)
                                .order_by(ConsentRecord.id)))


def consent_receipt_pdf(signature_id: int) -> tuple[str, bytes]:
    """The receipt of the signing that stored `signature_id`: file name and PDF, in the customer's language.

    Raises `NotFound` when no consent record carries that signature.
    """
    with unit_of_work() as session:
        records = _signing_records(session, signature_id)
        signature_record = session.get(SignatureRecord, signature_id)
        if not records or signature_record is None:
            raise NotFound(signature_id)
        first = records[0]
        customer = session.get(Customer, first.customer_id)
        branch = session.get(Branch, first.branch_id) if first.branch_id is not None else None
        if customer is None or branch is None:
            raise NotFound(signature_id)
        employee = session.get(Employee, first.employee_id) if first.employee_id is not None else None
        language = normalise_language(customer.language)
        receipt = ConsentReceipt(
            language=language,
            branch=branch_letterhead(branch),
            customer_name=customer_display_name(customer),
            customer_number=customer.number,
            signed_at=first.recorded_at,
            acting_employee=employee.display_name if employee is not None else '',
            choices=tuple(ConsentChoice(purpose=record.purpose, version=record.text_version or '',
                                        text_sha256=record.text_sha256 or '', accepted=record.accepted)
                          for record in records),
            fingerprint=signing_fingerprint(records, signature_record.sha256),
            signature=stored_signature(signature_record),
        )
        filename = translate('wishlist.receipt_filename', language, number=customer.number,
                             date=_file_date(first.recorded_at))
    # ReportLab loads with the first document printed, not at start-up
    from customer_pad.letters import build_consent_receipt

    return filename, build_consent_receipt(receipt)


def _file_date(moment: datetime) -> str:
    return moment.astimezone(SWISS_TIME).strftime('%Y-%m-%d')


def latest_signature_id_for_wishlist(number: int) -> int | None:
    """The signature of the newest signing of wishlist entry `number`, None when it was never signed."""
    with unit_of_work() as session:
        entry_id = session.scalar(select(WishlistEntry.id).where(WishlistEntry.number == number))
        if entry_id is None:
            raise NotFound(number)
        return session.scalar(
            select(ConsentRecord.signature_id)
            .where(ConsentRecord.wishlist_entry_id == entry_id, ConsentRecord.signature_id.is_not(None))
            .order_by(ConsentRecord.recorded_at.desc(), ConsentRecord.id.desc()).limit(1))

"""The consent receipt of one signing, built from what the database holds and read back from the PDF."""

import io
from datetime import datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from customer_pad.dates import SWISS_TIME
from customer_pad.db import unit_of_work
from customer_pad.errors import NotFound
from customer_pad.services import receipts, wishlists
from customer_pad.services.consents import consent_fingerprint
from models import ConsentRecord, Customer
from tests.services.test_wishlists import andre_at_coppet, handwritten_signature, pdf_text, signing_answers


def sign_entry(number: int = 3, language: str = 'fr', marketing: bool = False) -> int:
    return wishlists.sign_wishlist(number, **signing_answers(language, marketing=marketing),
                                   signature=handwritten_signature(), context=andre_at_coppet()).signature_id


def test_receipt_names_who_when_where_and_each_choice(database: str) -> None:
    signature_id = sign_entry()
    filename, pdf = receipts.consent_receipt_pdf(signature_id)
    today = datetime.now(SWISS_TIME)
    assert filename == f'confirmation-consentement-202356-{today:%Y-%m-%d}.pdf'
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = pdf_text(pdf)
    for expected in ('Confirmation de consentement', 'Kim Tschantre', '202356', 'CMB Coppet', 'André Cupolillo',
                     today.strftime('%d.%m.%Y'), 'Liste de souhaits', 'Dispositions légales', 'Refusé'):
        assert expected in text


def test_receipt_shows_the_text_hashes_and_the_fingerprint_of_the_signing(database: str) -> None:
    signature_id = sign_entry(marketing=True)
    text = pdf_text(receipts.consent_receipt_pdf(signature_id)[1])
    with unit_of_work() as session:
        records = session.scalars(select(ConsentRecord).where(ConsentRecord.signature_id == signature_id)
                                  .order_by(ConsentRecord.id)).all()
        assert len(records) == 3
        for record in records:
            assert record.text_sha256[:12] in text
        expected = consent_fingerprint({'consent_records': [record.fingerprint for record in records],
                                        'signature_sha256': handwritten_signature().sha256})
    assert expected in text.replace(' ', '')


def test_receipt_is_in_the_customers_language(database: str) -> None:
    with unit_of_work() as session:
        session.scalar(select(Customer).where(Customer.number == 202356)).language = 'de'
    filename, pdf = receipts.consent_receipt_pdf(sign_entry())
    assert filename.startswith('bestaetigung-einwilligung-202356-')
    text = pdf_text(pdf)
    assert 'Bestätigung Ihrer Einwilligung' in text
    assert 'Confirmation de consentement' not in text


def test_latest_signing_of_an_entry_is_found(database: str) -> None:
    assert receipts.latest_signature_id_for_wishlist(3) is None
    first = sign_entry()
    second = sign_entry()
    assert first != second
    assert receipts.latest_signature_id_for_wishlist(3) == second
    with pytest.raises(NotFound):
        receipts.latest_signature_id_for_wishlist(999)


def test_unknown_signature_has_no_receipt(database: str) -> None:
    with pytest.raises(NotFound):
        receipts.consent_receipt_pdf(12345)

"""Every PDF the app prints, fed hostile text: the wishlist request letter (one and several), the consent receipt
and the nLPD export's summary. Each comes out as a PDF that opens, with its pages, the markup printed as text
and never interpreted (no image embedded from `<img src=…>`).

Stored records are old data as much as new: besides values saved through the services, rows are written
straight into the database with what validation would refuse (as long as the database itself takes it).
"""

import io
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.engine import make_url

from customer_pad.addresses import PostalAddress
from customer_pad.data_export import DataSummary, SummarySection, SummaryTable, build_data_summary
from customer_pad.db import unit_of_work
from customer_pad.letters import (
    BranchLetterhead,
    ConsentChoice,
    ConsentReceipt,
    WishlistLetter,
    build_consent_receipt,
    build_wishlist_letters,
)
from customer_pad.services import backoffice_customers, receipts, wishlists
from models import Article, Branch, Customer, CustomerChange, Employee, LegalText, WishlistEntry
from tests.fuzz.strategies import hostile_text, printable_words
from tests.support.backoffice import ANDRE_AT_COPPET, handwritten_signature, text_ids

# One value per example may be 10 KB: a long text costs up to seconds to fit on one page, a long text of thousands
# of lines (a legal text at its 20,000-character limit) ten seconds and more per letter.
BUILDERS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STORED = settings(max_examples=4, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MANAGER = wishlists.Actor(role='manager', employee_id=2)
MARKUP_LINE = '<img src="/etc/passwd"/> AT&T <b <font name=x> &nbsp;'
"""Printed in a field of its own in every document, so it can be found whatever the hostile text around it (text
extraction reorders a line holding right-to-left letters)."""


def read_pdf(pdf: bytes, pages: int | None = None) -> str:
    """The PDF's text (spaces removed) after checking it opens, has at least its `pages` (a long text runs on over
    more) and embeds no image."""
    assert pdf.startswith(b'%PDF-')
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= (pages or 1)
    for page in reader.pages:
        resources = page.get('/Resources') or {}
        xobjects = resources.get('/XObject') or {}
        assert all(xobject.get_object().get('/Subtype') != '/Image' for xobject in xobjects.values())
    return ''.join(''.join(page.extract_text().split()) for page in reader.pages)


def assert_printed(text: str, *values: str) -> None:
    """The markup line literally, and the ASCII words of short values (a long one in an address is set too small
    to compare)."""
    assert ''.join(MARKUP_LINE.split()) in text
    for value in values:
        if len(value) <= 200:
            for word in printable_words(value):
                assert word in text, f'{word!r} is missing'


# --- the builders, given hostile values directly ---------------------------------------------------------------


def branch(name: str, street: str) -> BranchLetterhead:
    return BranchLetterhead(name=name, street=street, postal_code='1296', city='Coppet', letter_town=name[:80],
                            phone='+41227761234', email='coppet@example.ch')


@BUILDERS
@given(name=hostile_text(long=False), street=hostile_text(long=False), brand=hostile_text(long=False),
       acknowledgement=hostile_text(long=False), signed=st.booleans(),
       characteristic=st.tuples(hostile_text(long=False), hostile_text(long=False)),
       long_value=hostile_text(), long_field=st.sampled_from(['street', 'model', 'acknowledgement', 'branch']),
       language=st.sampled_from(['fr', 'de', 'it', 'en', 'xx']))
def test_request_letters_print_any_text_as_text(name: str, street: str, brand: str, acknowledgement: str,
                                                characteristic: tuple[str, str], signed: bool, long_value: str,
                                                long_field: str, language: str) -> None:
    address = PostalAddress(last_name=name, first_name=street, street=street, postal_code=name, city=brand,
                            country_code='FR', salutation='ms', title=brand, company=name, po_box=acknowledgement)
    letter = WishlistLetter(language=language, branch=branch(name, street), address=address, entry_number=3,
                            entry_date=date(2024, 5, 2), category=f'Horlogerie | {brand}', brand=brand,
                            model=name, reference=MARKUP_LINE, characteristics=(characteristic,),
                            acknowledgement=acknowledgement, acknowledgement_title=name,
                            signature=handwritten_signature() if signed else None,
                            signed_on=date(2024, 5, 3) if signed else None)
    letter = {'street': lambda: replace(letter, address=replace(address, street=long_value)),
              'model': lambda: replace(letter, model=long_value),
              'acknowledgement': lambda: replace(letter, acknowledgement=long_value),
              'branch': lambda: replace(letter, branch=branch(long_value, street))}[long_field]()
    text = read_pdf(build_wishlist_letters([letter, replace(letter, window='right')]), pages=2)
    assert_printed(text, brand)


@BUILDERS
@given(customer_name=hostile_text(), employee=hostile_text(long=False), branch_name=hostile_text(long=False),
       language=st.sampled_from(['fr', 'de', 'it', 'en']))
def test_consent_receipts_print_any_text_as_text(customer_name: str, employee: str, branch_name: str,
                                                 language: str) -> None:
    receipt = ConsentReceipt(language=language, branch=branch(branch_name, MARKUP_LINE), customer_name=customer_name,
                             customer_number=customer_name[:20], signed_at=datetime(2024, 5, 3, 10, tzinfo=UTC),
                             acting_employee=employee, fingerprint='a' * 64, signature=handwritten_signature(),
                             choices=(ConsentChoice(purpose='legal', version=1, text_sha256='b' * 64, accepted=True),))
    assert_printed(read_pdf(build_consent_receipt(receipt), pages=1), employee)


@BUILDERS
@given(values=st.lists(hostile_text(long=False), min_size=1, max_size=5), long_value=hostile_text())
def test_export_summaries_print_any_text_as_text(values: list[str], long_value: str) -> None:
    values = [*values, long_value]  # one value may be 10 KB: each costs seconds to lay out over several pages
    summary = DataSummary(
        language='fr', title=values[0], intro=MARKUP_LINE, branch=branch(values[-1], values[0]),
        sections=(SummarySection(values[0], fields=tuple((value[:40], value) for value in values), text=values[-1]),
                  SummarySection('history', table=SummaryTable(header=('a', 'b'), widths=(0.3, 0.7),
                                                               rows=tuple((value, value) for value in values)))),
        closing=values[-1], footer=values[0], author=values[-1])
    assert_printed(read_pdf(build_data_summary(summary, subject=values[0])), values[-1])


# --- the services, on stored records --------------------------------------------------------------------------------


def storable(url: str, column: object, text: str) -> str:
    """What the database takes as old data: anything on SQLite; on PostgreSQL no NUL and no more than the column's
    length (lone surrogates are refused by both)."""
    if make_url(url).get_backend_name() != 'postgresql':
        return text
    length = getattr(column.type, 'length', None)  # type: ignore[attr-defined]
    return text.replace('\x00', '')[:length]


@STORED
@given(name=hostile_text(), street=hostile_text(long=False), article=hostile_text(long=False),
       legal=hostile_text(long=False))
def test_stored_hostile_text_prints_in_every_customer_document(database: str, name: str, street: str, article: str,
                                                               legal: str) -> None:
    with unit_of_work() as session:
        entry = session.scalars(select(WishlistEntry).where(WishlistEntry.number == 3)).one()
        customer = session.get(Customer, entry.customer_id)
        assert customer is not None
        for column, value in (('last_name', name), ('first_name', street), ('company', article),
                              ('street', street), ('po_box', legal), ('city', article), ('title', article)):
            setattr(customer, column, storable(database, Customer.__table__.c[column], value))
        number, language = customer.number, customer.language
        stored_article = session.get(Article, entry.article_id)
        assert stored_article is not None
        stored_article.brand = storable(database, Article.__table__.c.brand, article)
        stored_article.reference = MARKUP_LINE
        for column, value in (('name', street), ('street', street), ('letter_town', article)):
            setattr(session.get(Branch, entry.branch_id), column, storable(database, Branch.__table__.c[column], value))
        session.get(Employee, ANDRE_AT_COPPET.employee_id).display_name = storable(  # type: ignore[union-attr]
            database, Employee.__table__.c.display_name, street)
        latest = session.scalar(select(LegalText.version).where(LegalText.purpose == 'wishlist',
                                                                LegalText.language == customer.language)
                                .order_by(LegalText.version.desc()).limit(1)) or 0
        session.add(LegalText(purpose='wishlist', language=customer.language, version=latest + 1,
                              title=storable(database, LegalText.__table__.c.title, article),
                              body=storable(database, LegalText.__table__.c.body, legal) or '-', sha256='0' * 64))
        session.add(CustomerChange(customer_id=customer.id, employee_id=1, field='city', old_value=None,
                                   new_value=storable(database, CustomerChange.__table__.c.new_value, legal)))
        session.add(CustomerChange(customer_id=customer.id, employee_id=1, field='street', old_value=None,
                                   new_value=MARKUP_LINE))

    assert_printed(read_pdf(wishlists.wishlist_letter_pdf(3, MANAGER), pages=1))
    assert_printed(read_pdf(wishlists.wishlist_letters_pdf([3, 4, 3], MANAGER), pages=2))
    signature_id = wishlists.sign_wishlist(
        3, choices=(('wishlist', True), ('legal', True), ('marketing', True)), text_ids=text_ids(language),
        signature=handwritten_signature(), context=ANDRE_AT_COPPET).signature_id
    assert_printed(read_pdf(wishlists.wishlist_letter_pdf(3, MANAGER), pages=1))
    _, receipt = receipts.consent_receipt_pdf(signature_id)
    read_pdf(receipt, pages=1)
    export = backoffice_customers.export_customer_data(number)
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        pdf_name = next(item for item in archive.namelist() if item.endswith('.pdf'))
        assert_printed(read_pdf(archive.read(pdf_name)))

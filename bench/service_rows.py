"""Rows measured inside this process against the services: letters, look-up, search and save."""

import io
import random
from collections.abc import Callable
from xml.sax.saxutils import escape

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import func, select, text

from bench import RowResult, Sizes, Timing, compare, ratio_result, time_calls
from bench.data import SIGNATURE, SIGNED_ENTRY, BenchDatabase
from customer_pad import db
from customer_pad.pdf_text import FONT_REGULAR, register_fonts
from customer_pad.search import fold_for_search
from customer_pad.services.backoffice_customers import search_customers
from customer_pad.services.consents import SigningContext, current_legal_texts
from customer_pad.services.customer_lookup import customer_choice
from customer_pad.services.customers import CustomerForm, create_customer, customer_screen_interests
from customer_pad.services.wishlists import Actor, wishlist_letter_pdf, wishlist_letters_pdf
from customer_pad.signatures import parse_signature
from models import Customer

SEARCH_TERM = 'dufour'
SAVE_TARGET_MS = 25.0
MANAGER = Actor(role='manager', employee_id=2)
"""Camille Dubois, the demo's manager."""


def _pdf_lines(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines() if line.strip()]


def _bare_letter(lines: list[str]) -> Callable[[object], bytes]:
    """A bare platypus page: the same text in the same font, one paragraph per line, nothing else."""
    register_fonts()
    style = ParagraphStyle('bare', fontName=FONT_REGULAR, fontSize=9, leading=11)

    def build(_: object) -> bytes:
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(escape(line), style) for line in lines])
        return buffer.getvalue()

    return build


def letter_pdf(sizes: Sizes) -> RowResult:
    """Our wishlist letter for entry 3 (read from the database, embedded fonts, vector signature) against a bare
    ReportLab page with the same text and font."""
    letter = wishlist_letter_pdf(SIGNED_ENTRY, MANAGER)
    ours, baseline = compare(lambda _: wishlist_letter_pdf(SIGNED_ENTRY, MANAGER), _bare_letter(_pdf_lines(letter)),
                             [None] * sizes.letters)
    return ratio_result('letter PDF', ours, baseline, limit=2.5,
                        ours_label=f'`wishlist_letter_pdf({SIGNED_ENTRY})`: database, layout, fonts, signature',
                        baseline_label='bare platypus page, same text and font (DejaVu Sans)')


def batch_letters(sizes: Sizes, database: BenchDatabase) -> RowResult:
    """`sizes.batch` letters into one PDF against as many single-letter PDFs."""
    numbers = list(database.wishlist_numbers[:sizes.batch])
    wishlist_letters_pdf(numbers[:2], MANAGER)  # warm-up: templates, fonts, statements
    ours = time_calls(lambda: wishlist_letters_pdf(numbers, MANAGER), 1)

    def one_by_one() -> None:
        for number in numbers:
            wishlist_letter_pdf(number, MANAGER)

    baseline = time_calls(one_by_one, 1)
    return ratio_result('batch letters', Timing(tuple(ours)), Timing(tuple(baseline)), limit=0.8, basis='total',
                        ours_label=f'{len(numbers):,} letters into one PDF (`wishlist_letters_pdf`)',
                        baseline_label=f'{len(numbers):,} × `wishlist_letter_pdf`')


def _numbers_to_look_up(database: BenchDatabase, count: int) -> list[int]:
    draw = random.Random(7)
    return [database.customer_number(draw.randrange(database.customers)) for _ in range(count)]


def customer_by_number(sizes: Sizes, database: BenchDatabase) -> RowResult:
    """The look-up service against one raw SQL statement on the same index, on a connection of the same engine."""
    statement = text('SELECT number, first_name, last_name, company, city FROM customer WHERE number = :number')

    def raw(number: object) -> object:
        with db.read_only() as connection:  # the kind of connection the look-up reads on
            return connection.execute(statement, {'number': number}).one()

    ours, baseline = compare(lambda number: customer_choice(number),  # type: ignore[arg-type]
                             raw, _numbers_to_look_up(database, sizes.lookups))
    return ratio_result('customer by number', ours, baseline, limit=2,
                        ours_label='`customer_lookup.customer_choice(number)`',
                        baseline_label='`SELECT … WHERE number = :number` on a read-only connection of the app\'s '
                        'engine, as the look-up uses')


def name_search(sizes: Sizes) -> RowResult:
    """The back-office search for `dufour` (accents and case ignored, first page) against a raw prefix query."""
    low = fold_for_search(SEARCH_TERM)
    high = low[:-1] + chr(ord(low[-1]) + 1)
    statement = text('SELECT number, first_name, last_name, company, city, email FROM customer '
                     'WHERE search_name >= :low AND search_name < :high ORDER BY search_name LIMIT 20')

    def raw(_: object) -> object:
        with db.read_only() as connection:  # the kind of connection the search reads on
            return connection.execute(statement, {'low': low, 'high': high}).all()

    ours, baseline = compare(lambda _: search_customers(SEARCH_TERM), raw, [None] * sizes.searches)
    row = ratio_result('name search', ours, baseline, limit=2,
                       ours_label=f'`backoffice_customers.search_customers` (first page of 20) for `{SEARCH_TERM}`',
                       baseline_label='raw prefix range on `ix_customer_search_name`, 20 rows')
    page_alone = Timing(tuple(time_calls(lambda: search_customers(SEARCH_TERM, counted=False), sizes.searches)))
    row.notes.append(f'the page alone, without the count the screen shows ("1\'000+ clients"): '
                     f'{page_alone.median:.2f} ms, {page_alone.median / baseline.median:.2f}× the baseline')
    with db.unit_of_work() as session:
        matches = session.scalar(select(func.count()).select_from(Customer)
                                 .where(Customer.search_name >= low, Customer.search_name < high))
    row.notes.append(f'{matches:,} customers match `{SEARCH_TERM}`')
    return row


def customer_save(sizes: Sizes) -> RowResult:
    """A new customer with two contacts, two interests, legal and marketing consent and a signature."""
    texts = {purpose: view.id for purpose, view in current_legal_texts('fr').items()}
    interests = [choice.id for choice in customer_screen_interests('fr')[:2]]
    signature = parse_signature(SIGNATURE)
    counter = iter(range(1_000_000))

    def save() -> None:
        index = next(counter)
        form = CustomerForm(salutation='ms', first_name='Élodie', last_name=f'Bénédicte-Dufour {index}',
                            birth_date='23.09.1975', street='Rue des Charmilles 23', postal_code='1201',
                            city='Genève', email=f'elodie.{index}@example.ch', mobile='079 123 45 67',
                            contacts=[{'kind': 'phone_business', 'value': '022 345 67 89'},
                                      {'kind': 'website', 'value': 'https://example.ch'}],
                            interest_ids=interests)
        create_customer(form, (('legal', True), ('marketing', True)), texts, signature,
                        SigningContext(employee_id=1, branch_id=1, user_agent='bench'))

    save()  # warm-up
    samples = time_calls(save, sizes.saves)
    ours = Timing(tuple(samples))
    return RowResult(name='customer save', ours=ours, baseline=None, ratio=None, target=f'p95 ≤ {SAVE_TARGET_MS:g} ms',
                     met=ours.p95 <= SAVE_TARGET_MS, ours_label='`create_customer`: 2 contacts, 2 interests, '
                     '2 consent records, signature, history', baseline_label='—')

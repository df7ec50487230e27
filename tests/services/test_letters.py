"""The wishlist request letter and the consent receipt, read back from the PDF as a customer would."""

import hashlib
import io
import json
import math
import re
import sys
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from customer_pad import pdf_text
from customer_pad.addresses import PostalAddress, format_address_block, person_name
from customer_pad.demo import ROLEX_CHARACTERISTICS, read_demo_text
from customer_pad.i18n import LANGUAGES, catalogue
from customer_pad.letters import (
    ADDRESS_LEFT,
    ADDRESS_TOP,
    PAGE_HEIGHT,
    BranchLetterhead,
    ConsentChoice,
    ConsentReceipt,
    WishlistLetter,
    build_consent_receipt,
    build_wishlist_letter,
    build_wishlist_letters,
)
from customer_pad.pdf_text import escape_markup
from customer_pad.signatures import Signature, parse_signature

MM = 72 / 25.4

# --- demo data of the manual ------------------------------------------------------------------------------

COPPET = BranchLetterhead(name='CMB Coppet', street='Grand-Rue 12', postal_code='1296', city='Coppet',
                          letter_town='Coppet', phone='+41227761234', email='coppet@example.ch')

KIM = PostalAddress(salutation='none', first_name='Kim', last_name='Tschantre', street='Place du Temple 3',
                    postal_code='2088', city='New York, NY', country_code='CH')


def handwritten_payload() -> str:
    """A signature as the pad sends it: a K, a flowing run with an ascender, an i-dot, a t-bar, an underline."""

    def point(x: float, y: float) -> list[float]:
        return [round(min(1.0, max(0.0, x)), 4), round(min(1.0, max(0.0, y)), 4)]

    def steps(count: int) -> list[float]:
        return [index / count for index in range(count + 1)]

    stem = [point(0.09 + 0.02 * t, 0.18 + 0.62 * t) for t in steps(14)]
    arms = [point(0.21 - 0.2 * t, 0.2 + 0.6 * t + 0.03 * math.sin(2 * math.pi * t)) if t < 0.5 else
            point(0.11 + 0.24 * (t - 0.5), 0.5 + 0.56 * (t - 0.5) - 0.05 * math.sin(2 * math.pi * (t - 0.5)))
            for t in steps(24)]
    run = []
    for t in steps(180):
        phase = 2 * math.pi * (4.8 * t + 0.5 * t * t)
        height = 0.16 * (1 - 0.5 * t) + 0.22 * math.exp(-(((t - 0.42) / 0.05) ** 2))
        run.append(point(0.24 + 0.66 * t - 0.018 * math.sin(phase) + 0.012 * math.cos(phase),
                         0.6 - height * (math.cos(phase) + 1) / 2 - 0.08 * t))
    dot = [point(0.3, 0.27), point(0.302, 0.268), point(0.305, 0.27)]
    bar = [point(0.46 + 0.2 * t, 0.3 - 0.04 * t + 0.02 * math.sin(math.pi * t)) for t in steps(10)]
    underline = [point(0.1 + 0.82 * t, 0.9 - 0.1 * t - 0.06 * math.sin(math.pi * t)) for t in steps(30)]
    return json.dumps({'v': 1, 'aspect': 2.5, 'strokes': [stem, arms, run, dot, bar, underline]})


def demo_signature() -> Signature:
    return parse_signature(handwritten_payload())


def demo_letter(**changes: object) -> WishlistLetter:
    title, body = read_demo_text('wishlist', 'fr')
    letter = WishlistLetter(
        language='fr', branch=COPPET, address=KIM, entry_number=3, entry_date=date(2022, 10, 7),
        category='Horlogerie | Montre', brand='Rolex', model='Oyster Perpetual', reference='M124300-0001',
        characteristics=ROLEX_CHARACTERISTICS, acknowledgement=body, acknowledgement_title=title)
    return replace(letter, **changes)


def signed_demo_letter(**changes: object) -> WishlistLetter:
    return demo_letter(signature=demo_signature(), signed_on=date(2024, 7, 10), **changes)


def demo_receipt(**changes: object) -> ConsentReceipt:
    receipt = ConsentReceipt(
        language='fr', branch=COPPET, customer_name='Kim Tschantre', customer_number=202356,
        signed_at=datetime(2024, 7, 10, 12, 32, tzinfo=UTC), acting_employee='André Cupolillo',
        choices=(ConsentChoice('legal', 1, hashlib.sha256(b'legal').hexdigest(), accepted=True),
                 ConsentChoice('marketing', 1, hashlib.sha256(b'marketing').hexdigest(), accepted=False)),
        fingerprint=hashlib.sha256(b'record').hexdigest(), signature=demo_signature())
    return replace(receipt, **changes)


# --- reading the PDF back ---------------------------------------------------------------------------------


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """The text of all pages, with runs of white space collapsed (PDF text has no reliable spacing)."""
    return ' '.join(' '.join(page.extract_text().split()) for page in read(pdf).pages)


def positions_of(pdf: bytes, wanted: str) -> list[tuple[float, float]]:
    """(x, y) in points of every text run containing `wanted` on the first page."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if wanted in text:
            found.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5]))

    read(pdf).pages[0].extract_text(visitor_text=visit)
    return found


def content_of(pdf: bytes) -> str:
    return ''.join(page.get_contents().get_data().decode('latin-1') for page in read(pdf).pages)


def resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def fonts_of(pdf: bytes) -> list[dict]:
    fonts = []
    for page in read(pdf).pages:
        for font in resolved(page['/Resources']['/Font']).values():
            fonts.append(resolved(font))
    return fonts


def has_image(pdf: bytes) -> bool:
    for page in read(pdf).pages:
        objects = resolved(page['/Resources']).get('/XObject')
        if objects and any(resolved(item).get('/Subtype') == '/Image' for item in resolved(objects).values()):
            return True
    return '/Subtype /Image' in pdf.decode('latin-1') or '/Subtype/Image' in pdf.decode('latin-1')


def draws_vector_curves(pdf: bytes) -> bool:
    return re.search(r'(^|\s)[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ c(\s|$)', content_of(pdf)) is not None


# --- the letter -------------------------------------------------------------------------------------------


def test_demo_letter_prints_what_the_manual_shows() -> None:
    text = text_of(build_wishlist_letter(demo_letter()))
    for expected in ('Demande', 'Kim Tschantre', 'Place du Temple 3', '2088 New York, NY', 'Coppet, 07.10.2022',
                     'Montre Rolex Oyster Perpetual', 'M124300-0001', 'Boîtier: Acier', 'Etanchéité (m): 100'):
        assert expected in text


def test_demo_letter_lists_the_characteristics_in_the_articles_order() -> None:
    text = text_of(build_wishlist_letter(demo_letter()))
    positions = [text.index(f'{name}: {value}') for name, value in ROLEX_CHARACTERISTICS]
    assert positions == sorted(positions)
    assert 'Boîtier: Acier | Bracelet: Acier | Cadran coul.: Argenté' in text


def test_swiss_customer_gets_no_country_line() -> None:
    assert 'Suisse' not in text_of(build_wishlist_letter(demo_letter()))


def test_letter_is_one_page() -> None:
    assert len(read(build_wishlist_letter(signed_demo_letter())).pages) == 1


def test_letter_with_more_characteristics_and_points_stays_on_one_page() -> None:
    characteristics = [*ROLEX_CHARACTERISTICS, *((f'Option {index}', 'Gravure personnalisée') for index in range(8))]
    acknowledgement = '\n\n'.join(f'- Point {index}: ' + 'La livraison ne peut être garantie. ' * 3
                                  for index in range(5))
    pdf = build_wishlist_letter(signed_demo_letter(characteristics=characteristics, acknowledgement=acknowledgement))
    assert len(read(pdf).pages) == 1
    text = text_of(pdf)
    assert 'Option 7: Gravure personnalisée' in text and 'Point 4' in text and 'Nous vous prions d' in text


def test_a_long_acknowledgement_runs_on_at_a_readable_size_instead_of_shrinking() -> None:
    characteristics = [*ROLEX_CHARACTERISTICS, *((f'Option {index}', 'Gravure personnalisée') for index in range(30))]
    acknowledgement = '\n\n'.join(f'- Point {index}: ' + 'La livraison ne peut être garantie. ' * 12
                                  for index in range(12))
    pdf = build_wishlist_letter(signed_demo_letter(characteristics=characteristics, acknowledgement=acknowledgement))
    pages = [page.extract_text() for page in read(pdf).pages]
    assert len(pages) > 1
    assert 'Kim Tschantre' in pages[0] and 'Demande n° 3' in pages[0]  # the window address stays on page one
    text = ' '.join(' '.join(page.split()) for page in pages)
    positions = [text.index(marker) for marker in ('Option 29', 'Point 0:', 'Point 11:', 'Nous vous prions d')]
    assert positions == sorted(positions)
    assert all(not page.strip() == '' for page in pages)
    for page in pages[1:]:  # which letter a page belongs to, also in a batch of many
        assert 'Demande n° 3 · Kim Tschantre (suite)' in ' '.join(page.split())
    last = next(index for index, page in enumerate(pages) if 'Signé le' in page)
    assert 'Noté et confirmé' in pages[last]  # the signature, its caption and the confirmation stay together


def test_letter_embeds_dejavu_sans_for_all_text() -> None:
    fonts = fonts_of(build_wishlist_letter(signed_demo_letter()))
    assert fonts
    for font in fonts:
        assert 'DejaVuSans' in font['/BaseFont']
        assert '/FontFile2' in resolved(font['/FontDescriptor'])
    assert any('Bold' in font['/BaseFont'] for font in fonts)


def test_hostile_text_prints_literally_and_embeds_nothing() -> None:
    address = replace(KIM, company='AT&T <b>Bold</b>', first_name='Marek <b', last_name='Łukasik & Dvořák',
                      street='<img src="/etc/passwd"/> 1', city='Москва')
    letter = demo_letter(address=address, model='Oyster <font size=40>Perpetual',
                         characteristics=[('Remarque', '<img src=/etc/passwd>'), ('A&B', '&amp; <br/>')],
                         acknowledgement='<para>Fin</para> & <a href="https://evil.example">lien</a>')
    pdf = build_wishlist_letter(letter)
    text = text_of(pdf)
    for literal in ('AT&T <b>Bold</b>', 'Marek <b', 'Łukasik & Dvořák', '<img src="/etc/passwd"/> 1', 'Москва',
                    'Oyster <font size=40>Perpetual', 'Remarque: <img src=/etc/passwd>', 'A&B: &amp; <br/>',
                    '<para>Fin</para> & <a href="https://evil.example">lien</a>'):
        assert literal in text
    assert not has_image(pdf)
    assert '/URI' not in pdf.decode('latin-1')


def test_narrow_no_break_space_and_cyrillic_print_as_text_not_boxes() -> None:
    # ReportLab draws a no-break space with the space glyph, so it reads back as a space
    pdf = build_wishlist_letter(demo_letter(model='Oyster\u202fPerpetual Ёлка'))
    assert 'Oyster Perpetual Ёлка' in read(pdf).pages[0].extract_text()


def test_german_letter_uses_german_wording() -> None:
    title, body = read_demo_text('wishlist', 'de')
    address = replace(KIM, salutation='ms', first_name='Anna', last_name='Müller', title='Dr.')
    text = text_of(build_wishlist_letter(signed_demo_letter(language='de', address=address, acknowledgement=body,
                                                            acknowledgement_title=title)))
    for expected in ('Anfrage Nr. 3', 'Frau', 'Dr. Anna Müller', 'Sehr geehrte Frau Dr. Müller', 'Referenz',
                     'Merkmale', 'Ich nehme die folgenden Punkte zur Kenntnis', 'Unterzeichnet am 10.07.2024',
                     'Freundliche Grüsse'):
        assert expected in text
    assert 'Demande' not in text


@pytest.mark.parametrize(('language', 'salutation', 'expected'), [
    ('fr', 'none', 'Madame, Monsieur,'),
    ('fr', 'ms', 'Madame,'),
    ('de', 'none', 'Sehr geehrte Damen und Herren'),
    ('de', 'mr', 'Sehr geehrter Herr Tschantre'),
    ('it', 'none', 'Gentili signore e signori,'),
    ('it', 'ms', 'Gentile signora Tschantre,'),
    ('it', 'mr', 'Egregio signor Tschantre,'),
    ('en', 'none', 'Dear Sir or Madam,'),
    ('en', 'ms', 'Dear Ms Tschantre,'),
])
def test_letter_greets_the_customer_as_addressed(language: str, salutation: str, expected: str) -> None:
    letter = demo_letter(language=language, address=replace(KIM, salutation=salutation))
    assert expected in text_of(build_wishlist_letter(letter))


def test_title_is_translated_into_each_language() -> None:
    titles = {'fr': 'Demande', 'de': 'Anfrage', 'it': 'Richiesta', 'en': 'Request'}
    for language, title in titles.items():
        assert title in text_of(build_wishlist_letter(demo_letter(language=language)))


def test_address_sits_in_the_left_window() -> None:
    (x, y), = positions_of(build_wishlist_letter(demo_letter(window='left')), 'Place du Temple 3')
    assert x == pytest.approx(ADDRESS_LEFT['left'], abs=0.5)
    assert ADDRESS_TOP < PAGE_HEIGHT - y < ADDRESS_TOP + 40 * MM


def test_window_on_the_right_moves_the_address_to_117_mm() -> None:
    (left_x, left_y), = positions_of(build_wishlist_letter(demo_letter(window='left')), 'Place du Temple 3')
    (right_x, right_y), = positions_of(build_wishlist_letter(demo_letter(window='right')), 'Place du Temple 3')
    assert right_x == pytest.approx(117 * MM, abs=0.5)
    assert right_x - left_x == pytest.approx(91 * MM, abs=0.5)
    assert right_y == pytest.approx(left_y)


def test_unknown_window_side_is_refused() -> None:
    with pytest.raises(ValueError, match='window'):
        build_wishlist_letter(demo_letter(window='top'))


def test_batch_of_three_letters_prints_three_pages_in_order() -> None:
    letters = [demo_letter(entry_number=number) for number in (3, 5, 8)]
    reader = read(build_wishlist_letters(letters))
    assert len(reader.pages) == 3
    assert ['Demande n° 3' in page.extract_text() for page in reader.pages] == [True, False, False]
    assert 'Demande n° 8' in reader.pages[2].extract_text()


def test_batch_registers_the_fonts_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    build_wishlist_letter(demo_letter())

    def refuse(_font: object) -> None:
        raise AssertionError('font registered again')

    monkeypatch.setattr(pdf_text.pdfmetrics, 'registerFont', refuse)
    assert len(read(build_wishlist_letters([demo_letter(), demo_letter()])).pages) == 2


def test_empty_batch_is_refused() -> None:
    with pytest.raises(ValueError, match='no letter'):
        build_wishlist_letters([])


def test_letter_metadata_names_the_request_and_the_branch() -> None:
    metadata = read(build_wishlist_letter(demo_letter())).metadata
    assert metadata.title == 'Demande 3'
    assert metadata.author == 'CMB Coppet'
    assert metadata.creator == 'Customer Pad'
    assert 'Montre Rolex Oyster Perpetual' in metadata.subject


def test_signed_letter_draws_the_signature_as_vector_paths() -> None:
    pdf = build_wishlist_letter(signed_demo_letter())
    assert draws_vector_curves(pdf)
    assert not has_image(pdf)
    text = text_of(pdf)
    assert 'Signé le 10.07.2024' in text
    assert '☑ Noté et confirmé' in text


def test_unsigned_letter_leaves_room_to_sign_by_hand() -> None:
    pdf = build_wishlist_letter(demo_letter())
    text = text_of(pdf)
    assert 'Date et signature' in text
    assert '☐ Noté et confirmé' in text
    assert not draws_vector_curves(pdf)


def test_letter_without_acknowledgement_or_signature_skips_the_signing_block() -> None:
    text = text_of(build_wishlist_letter(demo_letter(acknowledgement=None)))
    assert 'Noté et confirmé' not in text
    assert 'Date et signature' not in text
    assert 'salutations distinguées' in text


# --- the consent receipt ----------------------------------------------------------------------------------


def test_receipt_says_who_when_where_with_whom_and_what() -> None:
    receipt = demo_receipt()
    text = text_of(build_consent_receipt(receipt))
    for expected in ('Confirmation de consentement', 'Kim Tschantre', '202356', '10.07.2024 14:32 (heure suisse)',
                     'CMB Coppet, Grand-Rue 12, 1296 Coppet', 'André Cupolillo', 'Dispositions légales',
                     'Informations sur les produits et services', receipt.choices[0].text_sha256[:12],
                     receipt.choices[1].text_sha256[:12], '✓ Accepté', '✗ Refusé'):
        assert expected in text
    assert receipt.choices[0].text_sha256[:13] not in text


def test_receipt_prints_the_full_record_fingerprint() -> None:
    receipt = demo_receipt()
    assert receipt.fingerprint in text_of(build_consent_receipt(receipt)).replace(' ', '')


def test_receipt_is_one_page_with_the_signature_as_vector_paths() -> None:
    pdf = build_consent_receipt(demo_receipt())
    assert len(read(pdf).pages) == 1
    assert draws_vector_curves(pdf)
    assert not has_image(pdf)


def test_receipt_without_signature_says_so() -> None:
    text = text_of(build_consent_receipt(demo_receipt(signature=None)))
    assert 'Aucune signature enregistrée' in text


def test_receipt_in_german_lists_the_wishlist_acknowledgement() -> None:
    choice = ConsentChoice('wishlist', 2, hashlib.sha256(b'wishlist').hexdigest(), accepted=True)
    text = text_of(build_consent_receipt(demo_receipt(language='de', choices=(choice,))))
    for expected in ('Bestätigung Ihrer Einwilligung', 'Wunschliste', 'Akzeptiert', 'Schweizer Zeit', 'Kundennummer'):
        assert expected in text


def test_receipt_metadata() -> None:
    metadata = read(build_consent_receipt(demo_receipt())).metadata
    assert metadata.title == 'Confirmation de consentement 202356'
    assert metadata.author == 'CMB Coppet'
    assert metadata.creator == 'Customer Pad'


def test_receipt_refuses_a_time_without_time_zone() -> None:
    with pytest.raises(ValueError, match='timezone'):
        build_consent_receipt(demo_receipt(signed_at=datetime(2024, 7, 10, 12, 32)))


# --- the address block and the escaping, on their own --------------------------------------------------------


def test_swiss_address_block_follows_swiss_post() -> None:
    address = PostalAddress(salutation='mr', title='Dr', first_name='Jean', last_name='Dupont', company='Dupont SA',
                            street='Rue du Lac 12', po_box='Case postale 45', postal_code='1800', city='Vevey')
    assert format_address_block(address, 'fr') == [
        'Dupont SA', 'Monsieur', 'Dr Jean Dupont', 'Rue du Lac 12', 'Case postale 45', '1800 Vevey']


def test_foreign_address_ends_with_the_country_in_the_letter_language() -> None:
    address = PostalAddress(salutation='ms', first_name='Jane', last_name='Smith', street='12 Sloane Street',
                            postal_code='SW1X 9LA', city='London', country_code='GB')
    assert format_address_block(address, 'de')[-1] == 'Vereinigtes Königreich'
    assert format_address_block(address, 'fr')[-1] == 'Royaume-Uni'
    assert format_address_block(address, 'en')[:1] == ['Ms Jane Smith']
    assert format_address_block(address, 'fr', sender_country='GB')[-1] == 'SW1X 9LA London'


def test_address_block_skips_empty_fields() -> None:
    address = PostalAddress(salutation=None, first_name=None, last_name='Tschantre', street='Place du Temple 3',
                            postal_code='2088', city='New York, NY')
    assert format_address_block(address, 'it') == ['Tschantre', 'Place du Temple 3', '2088 New York, NY']


@pytest.mark.parametrize(('text', 'expected'), [
    ('<b', '&lt;b'),
    ('AT&T', 'AT&amp;T'),
    ('<img src=/etc/passwd>', '&lt;img src=/etc/passwd&gt;'),
    ('line one\r\nline two', 'line one<br/>line two'),
    ('bell\x07 and\ttab', 'bell and tab'),
    ('100\u202f000', '100\u00a0000'),
    (None, ''),
    (202356, '202356'),
])
def test_escape_markup_makes_text_literal(text: object, expected: str) -> None:
    assert escape_markup(text) == expected



def test_escape_markup_drops_exactly_the_control_characters_and_lone_surrogates() -> None:
    every_character = ''.join(map(chr, range(sys.maxunicode + 1)))
    kept = ''.join(char for char in every_character
                   if char in '\t\r\n' or unicodedata.category(char) not in {'Cc', 'Cs'})
    expected = escape(kept.replace('\r\n', '\n').replace('\r', '\n').replace('\t', ' ')
                      .replace('\u202f', '\u00a0')).replace('\n', '<br/>')
    assert escape_markup(every_character) == expected

def test_every_letter_and_receipt_text_exists_in_all_languages_with_the_same_placeholders() -> None:
    keys = [key for key in catalogue() if key.startswith(('letter.', 'receipt.'))]
    assert keys
    for key in keys:
        texts = catalogue()[key]
        placeholders = {language: set(re.findall(r'{(\w+)}', texts.get(language, ''))) for language in LANGUAGES}
        assert all(texts.get(language, '').strip() for language in LANGUAGES), key
        if key.startswith('letter.salutation.'):
            continue  # "Monsieur," names nobody, "Sehr geehrter Herr {name}" does
        assert all(found == placeholders['fr'] for found in placeholders.values()), key


@pytest.mark.parametrize(('first_name', 'last_name', 'company', 'expected'), [
    ('Kim', 'Tschantre', 'Horlogerie SA', 'Kim Tschantre'),
    (None, 'Tschantre', None, 'Tschantre'),
    ('', '', 'Horlogerie SA', 'Horlogerie SA'),
    (None, None, None, ''),
])
def test_a_customer_is_named_by_first_and_last_name_else_the_company(
        first_name: str | None, last_name: str | None, company: str | None, expected: str) -> None:
    assert person_name(first_name, last_name, company) == expected

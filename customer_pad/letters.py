"""Printed documents for the customer (ReportLab): the wishlist request letter and the consent receipt.

Both take the plain frozen dataclasses of `customer_pad.documents`, never ORM rows: the services map their rows
onto them. Every piece of text reaches ReportLab through `escape_markup`, in the embedded DejaVu Sans fonts.
Each letter or receipt starts on a new A4 page; a body that would not fit is set up to 1.3 times smaller, then
runs on over further pages, each headed with the document and the customer's name.
"""

import io
import re
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Path
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle

from customer_pad.addresses import PostalAddress, format_address_block
from customer_pad.dates import format_date, format_datetime
from customer_pad.documents import BranchLetterhead, ConsentChoice, ConsentReceipt, LetterAddress, WishlistLetter
from customer_pad.i18n import normalise_language, translate
from customer_pad.pdf_text import FONT_BOLD, FONT_REGULAR, escape_markup, register_fonts
from customer_pad.signatures import INK_COLOUR, Signature, is_dot, smoothed_path, strokes_in_pixels
from customer_pad.validation import display_phone

__all__ = [
    'ADDRESS_HEIGHT',
    'ADDRESS_LEFT',
    'ADDRESS_TOP',
    'ADDRESS_WIDTH',
    'BranchLetterhead',
    'ConsentChoice',
    'ConsentReceipt',
    'LetterAddress',
    'PostalAddress',
    'WishlistLetter',
    'build_consent_receipt',
    'build_wishlist_letter',
    'build_wishlist_letters',
    'format_address_block',
]

CREATOR = 'Customer Pad'

# --- page geometry (ReportLab measures in points from the bottom-left corner; these are from the top) ----

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 26 * mm
"""Body text starts where the address of a left-window letter does, so the page has one left edge."""
MARGIN_RIGHT = 20 * mm
MARGIN_BOTTOM = 15 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LETTERHEAD_TOP = 16 * mm
LETTERHEAD_RULE = 33 * mm

# SN 010130 (Swiss business letter, C5/C6 and C5 window envelopes): the address field starts 52 mm below the
# top edge, 26 mm from the left edge for a window on the left, 117 mm for a window on the right. At 80 x 40 mm
# it stays inside the 100 x 45 mm window even when the folded sheet slides a few millimetres in the envelope.
ADDRESS_TOP = 52 * mm
ADDRESS_LEFT: dict[str, float] = {'left': 26 * mm, 'right': 117 * mm}
ADDRESS_WIDTH = 80 * mm
ADDRESS_HEIGHT = 40 * mm
RETURN_LINE_HEIGHT = 6 * mm
"""The sender's one-line return address at the top of the window, above the recipient."""

PLACE_DATE_TOP = 97 * mm
"""Place and date, just below the address field, aligned with the address."""
LETTER_BODY_TOP = 108 * mm
RECEIPT_BODY_TOP = 44 * mm
SIGNATURE_WIDTH = 62 * mm
SIGNATURE_HEIGHT = 18 * mm

MAX_SHRINK = 64.0
"""The address, or one part of a body taller than a page, is set at most this many times smaller to fit (only
absurd input gets near it)."""
READABLE_SHRINK = 1.3
"""A letter's body is set at most this much smaller (9.5 pt to 7.3 pt) to stay on its page; longer content runs on
over further pages at full size, since a long acknowledgement text must stay readable."""
CONTINUATION_TOP = 20 * mm

# --- typography ------------------------------------------------------------------------------------------

INK, MUTED, RULE = HexColor('#1d1d1f'), HexColor('#6b6b70'), HexColor('#c4c4ca')
MUTED_MARKUP, RULE_MARKUP = 'rgb(107,107,112)', 'rgb(196,196,202)'
"""MUTED and RULE as `<font color=…>` reads them at once (a hex string is first tried as a Python literal)."""
ACCENT = HexColor('#9a7b4f')
"""A muted bronze for the few rules that structure the page."""
PANEL = HexColor('#f5f3ef')

_BODY = ParagraphStyle('body', fontName=FONT_REGULAR, bulletFontName=FONT_REGULAR, fontSize=9.5, leading=13.5,
                       textColor=INK)
_BODY_BOLD = ParagraphStyle('body_bold', parent=_BODY, fontName=FONT_BOLD)
_TITLE = ParagraphStyle('title', parent=_BODY, fontName=FONT_BOLD, fontSize=15, leading=19)
_ADDRESS = ParagraphStyle('address', parent=_BODY, fontSize=10, leading=13.2)
_RETURN_LINE = ParagraphStyle('return_line', parent=_BODY, fontSize=6.5, leading=8, textColor=MUTED)
_LETTERHEAD_NAME = ParagraphStyle('letterhead_name', parent=_BODY, fontName=FONT_BOLD, fontSize=13, leading=16)
_LETTERHEAD_DETAILS = ParagraphStyle('letterhead_details', parent=_BODY, fontSize=8, leading=10.5,
                                     textColor=MUTED)
_LABEL = ParagraphStyle('label', parent=_BODY, fontSize=8.5, leading=13.5, textColor=MUTED)
_SMALL = ParagraphStyle('small', parent=_BODY, fontSize=8.5, leading=11.5)
_SMALL_BOLD = ParagraphStyle('small_bold', parent=_SMALL, fontName=FONT_BOLD)
_SMALL_MUTED = ParagraphStyle('small_muted', parent=_SMALL, textColor=MUTED)
_BULLET = ParagraphStyle('bullet', parent=_SMALL, leftIndent=4 * mm, bulletIndent=0)
_CAPTION = ParagraphStyle('caption', parent=_BODY, fontSize=7.5, leading=9.5, textColor=MUTED)
_HASH = ParagraphStyle('hash', parent=_BODY, fontSize=8.5, leading=11.5, wordWrap='CJK')
"""Hex fingerprints may break anywhere, since they are one long word."""


# --- public builders ---------------------------------------------------------------------------------------


def build_wishlist_letter(letter: WishlistLetter) -> bytes:
    """The wishlist request letter as an A4 PDF: one page, unless a long acknowledgement text runs on."""
    return build_wishlist_letters([letter])


def build_wishlist_letters(letters: Sequence[WishlistLetter]) -> bytes:
    """Several wishlist request letters in one PDF, each starting on a new page, in the given order."""
    if not letters:
        raise ValueError('no letter to print')
    first = letters[0]
    language = normalise_language(first.language)
    if len(letters) == 1:
        title = f'{translate("letter.title", language)} {first.entry_number}'
        subject = translate('letter.subject', language, article=f'{_article_line(first)} ({first.reference})')
    else:
        title = translate('letter.batch_title', language, count=len(letters))
        subject = title
    canvas, buffer = _new_canvas(language, title=title, author=first.branch.name, subject=subject)
    for letter in letters:
        _draw_letter(canvas, letter)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def build_consent_receipt(receipt: ConsentReceipt) -> bytes:
    """The customer's consent receipt as an A4 PDF (one page for any realistic content)."""
    if receipt.signed_at.tzinfo is None:
        raise ValueError('the signing time must be timezone-aware')
    language = normalise_language(receipt.language)
    title = f'{translate("receipt.title", language)} {receipt.customer_number}'
    subject = translate('receipt.subject', language, name=receipt.customer_name)
    canvas, buffer = _new_canvas(language, title=title, author=receipt.branch.name, subject=subject)
    _draw_receipt(canvas, receipt, language)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- document frame ----------------------------------------------------------------------------------------


def _new_canvas(language: str, *, title: str, author: str, subject: str) -> tuple[Canvas, io.BytesIO]:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT_REGULAR, lang=f'{language}-CH')
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(CREATOR)
    return canvas, buffer


def _text(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape_markup(value), style)


def _from_top(distance: float) -> float:
    return PAGE_HEIGHT - distance


def _draw_at(canvas: Canvas, flowable: Flowable, x: float, top: float, width: float) -> float:
    """Draw `flowable` with its top edge `top` below the page's top edge; returns its height."""
    _, height = flowable.wrapOn(canvas, width, PAGE_HEIGHT)
    flowable.drawOn(canvas, x, _from_top(top) - height)
    return height


def _branch_locality(branch: BranchLetterhead) -> str:
    return ' '.join(part for part in (branch.postal_code, branch.city) if part)


def letterhead_lines(branch: BranchLetterhead) -> list[str]:
    """The lines under the boutique's name: "Place du Temple 3 · 1296 Coppet", then "+41 22 … · coppet@…"."""
    details = ' · '.join(part for part in (branch.street, _branch_locality(branch)) if part)
    contacts = ' · '.join(part for part in (display_phone(branch.phone), branch.email) if part)
    return [line for line in (details, contacts) if line]


def _draw_letterhead(canvas: Canvas, branch: BranchLetterhead) -> None:
    top = LETTERHEAD_TOP + _draw_at(canvas, _text(branch.name, _LETTERHEAD_NAME), MARGIN_LEFT, LETTERHEAD_TOP,
                                    TEXT_WIDTH)
    lines = '<br/>'.join(escape_markup(line) for line in letterhead_lines(branch))
    _draw_at(canvas, Paragraph(lines, _LETTERHEAD_DETAILS), MARGIN_LEFT, top + 1, TEXT_WIDTH)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_LEFT, _from_top(LETTERHEAD_RULE), PAGE_WIDTH - MARGIN_RIGHT, _from_top(LETTERHEAD_RULE))


def _wrapped(flowables: list[Flowable], canvas: Canvas, width: float) -> list[tuple[Flowable, float]]:
    """The flowables laid out on `width`, each with its height (ready to draw at that width)."""
    return [(flowable, flowable.wrapOn(canvas, width, PAGE_HEIGHT)[1]) for flowable in flowables]


def _draw_fitted(canvas: Canvas, build: Callable[[float], list[Flowable]], x: float, top: float,
                 width: float, height: float, max_shrink: float = MAX_SHRINK) -> bool:
    """Stack the flowables `build(width)` makes from `top` down, set smaller if they need more than `height`;
    False (and nothing drawn) when even `max_shrink` times smaller is not enough.

    Shrinking lays the content out on a wider column and scales the drawing down, so lines stay full and
    the page keeps its margins. The smallest scale that fits is searched, since wrapping is not linear.
    """
    layouts: dict[float, list[tuple[Flowable, float]]] = {}

    def fits(scale: float) -> bool:
        layouts[scale] = _wrapped(build(width * scale), canvas, width * scale)
        return sum(flowable_height for _, flowable_height in layouts[scale]) <= height * scale

    scale = 1.0
    if not fits(scale):
        low, high = 1.0, min(2.0, max_shrink)
        while not fits(high):
            if high >= max_shrink:
                return False
            low, high = high, min(high * 2, max_shrink)
        for _ in range(8):  # within half a percent of the tightest fit
            middle = (low + high) / 2
            low, high = (low, middle) if fits(middle) else (middle, high)
        scale = high
        fits(scale)  # the flowables keep the layout of their last wrap: lay them out at this scale again
    canvas.saveState()
    canvas.translate(x, _from_top(top))
    canvas.scale(1 / scale, 1 / scale)
    cursor = 0.0
    for flowable, flowable_height in layouts[scale]:  # built and wrapped once when the content fits at once
        cursor -= flowable_height
        flowable.drawOn(canvas, 0, cursor)
    canvas.restoreState()
    return True


def _draw_body(canvas: Canvas, build: Callable[[float], list[Flowable]], x: float, top: float, width: float,
               running_head: str) -> None:
    """A letter's body from `top` to the bottom margin: a little smaller if that keeps it on the page, otherwise
    at full size, running on over as many further pages as it needs, each headed `running_head` (which letter
    a page belongs to, also in a batch of a thousand)."""
    if _draw_fitted(canvas, build, x, top, width, PAGE_HEIGHT - top - MARGIN_BOTTOM, READABLE_SHRINK):
        return
    story = build(width)
    frame = _frame(x, top, width)
    while story:
        flowable = story.pop(0)
        if frame.add(flowable, canvas, trySplit=1):
            continue
        parts = frame.split(flowable, canvas)
        if parts and frame.add(parts[0], canvas, trySplit=1):
            story[:0] = parts[1:]
            continue
        if frame._atTop:  # taller than a whole page and not splittable: set it smaller on a page of its own
            _draw_fitted(canvas, lambda _width, item=flowable: [item], x, CONTINUATION_TOP, width,
                         PAGE_HEIGHT - CONTINUATION_TOP - MARGIN_BOTTOM)
        else:
            story.insert(0, flowable)
        canvas.showPage()
        _draw_at(canvas, _text(running_head, _RETURN_LINE), x, CONTINUATION_TOP - 8 * mm, width)
        frame = _frame(x, CONTINUATION_TOP, width)


def _frame(x: float, top: float, width: float) -> Frame:
    """The space for running text from `top` to the bottom margin, without padding."""
    return Frame(x, MARGIN_BOTTOM, width, PAGE_HEIGHT - top - MARGIN_BOTTOM, leftPadding=0, rightPadding=0,
                 topPadding=0, bottomPadding=0)


def _table(rows: Sequence[Sequence[object]], widths: Sequence[float], commands: Sequence[tuple],
           split_in_row: bool = False) -> Table:
    """A left-aligned table, cells top-aligned and unpadded unless `commands` say otherwise; `split_in_row` lets
    a long text cell run on over the next page (a signature and its caption never part)."""
    table = Table(rows, colWidths=widths, hAlign='LEFT', splitInRow=int(split_in_row))
    table.setStyle(TableStyle([
        ('FONT', (0, 0), (-1, -1), FONT_REGULAR),  # ReportLab's default cell font would add Helvetica to the PDF
        ('VALIGN', (0, 0), (-1, -1), 'TOP'),
        ('LEFTPADDING', (0, 0), (-1, -1), 0),
        ('RIGHTPADDING', (0, 0), (-1, -1), 0),
        ('TOPPADDING', (0, 0), (-1, -1), 0),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 0),
        *commands,
    ]))
    return table


def _signature_block(signature: Signature | None, caption_lines: Sequence[str]) -> Table:
    """The signature over a rule with its caption; an empty space to sign by hand when there is none."""
    if signature is None:
        ink: Flowable = Spacer(SIGNATURE_WIDTH, SIGNATURE_HEIGHT)
    else:
        ink = signature_drawing(signature, SIGNATURE_WIDTH, SIGNATURE_HEIGHT)
        ink.initialFontName = FONT_REGULAR  # the drawing's renderer would otherwise add Helvetica to the PDF
    caption = Paragraph('<br/>'.join(escape_markup(line) for line in caption_lines if line), _CAPTION)
    return _table([[ink], [caption]], [SIGNATURE_WIDTH], [
        ('LINEBELOW', (0, 0), (0, 0), 0.5, MUTED),
        ('BOTTOMPADDING', (0, 0), (0, 0), 1),
        ('TOPPADDING', (0, 1), (0, 1), 2),
    ])


def _details_table(rows: Sequence[tuple[str, Flowable]], width: float, label_width: float) -> Table:
    """Label / value rows between two hairlines, labels in the muted colour."""
    return _table([[_text(label, _LABEL), value] for label, value in rows], [label_width, width - label_width], [
        ('TOPPADDING', (0, 0), (-1, -1), 2.5),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 2.5),
        ('TOPPADDING', (0, 0), (-1, 0), 6),
        ('BOTTOMPADDING', (0, -1), (-1, -1), 6),
        ('LINEABOVE', (0, 0), (-1, 0), 0.5, RULE),
        ('LINEBELOW', (0, -1), (-1, -1), 0.5, RULE),
    ])


# --- wishlist request letter -------------------------------------------------------------------------------


_BLANK_LINES = re.compile(r'\n\s*\n')
_POINT_MARKER = re.compile(r'[-•–]\s+')
_POINT_START = re.compile(r'\n(?=[-•–]\s)')


def _addressee(address: PostalAddress) -> str:
    return ' '.join(part for part in (address.first_name, address.last_name) if part)


def _article_line(letter: WishlistLetter) -> str:
    """"Montre Rolex Oyster Perpetual": the category's last part, the brand and the model."""
    kind = letter.category.split('|')[-1].strip() if letter.category else ''
    return ' '.join(part.strip() for part in (kind, letter.brand, letter.model) if part and part.strip())


def _characteristic_lines(characteristics: Sequence[tuple[str, str]],
                          width: float) -> list[list[tuple[str, str]]]:
    """The (name, value) pairs packed into lines of `width`, breaking only between two pairs."""
    separator_width = stringWidth(' | ', FONT_REGULAR, _BODY.fontSize)
    lines: list[list[tuple[str, str]]] = []
    line_width = 0.0
    for name, value in characteristics:
        pair = (name, value)
        pair_width = stringWidth(f'{name}: {value}', FONT_REGULAR, _BODY.fontSize)
        if lines and line_width + separator_width + pair_width <= width:
            lines[-1].append(pair)
            line_width += separator_width + pair_width
        else:
            lines.append([pair])
            line_width = pair_width
    return lines


def _characteristics_paragraph(characteristics: Sequence[tuple[str, str]], width: float) -> Paragraph:
    separator = f' <font color="{RULE_MARKUP}">|</font> '
    lines = [
        separator.join(f'<font color="{MUTED_MARKUP}">{escape_markup(name)}:</font> {escape_markup(value)}'
                       for name, value in line)
        for line in _characteristic_lines(characteristics, width - 1)
    ]
    return Paragraph('<br/>'.join(lines), _BODY)


def _salutation(letter: WishlistLetter, language: str) -> tuple[str, str]:
    """The salutation line and the closing formula, both depending on how the customer is addressed."""
    address = letter.address
    kind = address.salutation if address.salutation in {'mr', 'ms'} and address.last_name else 'none'
    # German letters keep the academic title in the salutation ("Sehr geehrte Frau Dr. Muster").
    title = (address.title or '').strip() if language == 'de' else ''
    name = ' '.join(part for part in (title, address.last_name.strip()) if part)
    return (translate(f'letter.salutation.{kind}', language, name=name),
            translate(f'letter.closing.{kind}', language))


def _acknowledgement_paragraphs(text: str) -> list[Flowable]:
    """The acknowledged text: blank lines separate paragraphs, a line starting with "- " (or • –) is a point."""
    flowables: list[Flowable] = []
    for block in _BLANK_LINES.split(text.strip()):
        for part in _POINT_START.split(block.strip()):
            marker = _POINT_MARKER.match(part)
            if marker:
                point = ' '.join(part[marker.end():].split())
                flowables.append(Paragraph(escape_markup(point), _BULLET, bulletText='–'))
            elif part.strip():
                flowables.append(_text(part.strip(), _SMALL))
            flowables.append(Spacer(0, 1.2 * mm))
    return flowables[:-1]


def _letter_body(letter: WishlistLetter, language: str, width: float) -> list[Flowable]:
    salutation, closing = _salutation(letter, language)
    label_width = 34 * mm
    article_rows: list[tuple[str, Flowable]] = [
        (translate('letter.article', language), _text(_article_line(letter), _BODY_BOLD)),
        (translate('letter.reference', language), _text(letter.reference, _BODY)),
    ]
    if letter.characteristics:
        article_rows.append((translate('letter.characteristics', language),
                             _characteristics_paragraph(letter.characteristics, width - label_width)))
    body: list[Flowable] = [
        _text(translate('letter.title_numbered', language, number=letter.entry_number), _TITLE),
        Spacer(0, 5 * mm),
        _text(salutation, _BODY),
        Spacer(0, 3 * mm),
        _text(translate('letter.intro', language), _BODY),
        Spacer(0, 4 * mm),
        _details_table(article_rows, width, label_width),
        Spacer(0, 6 * mm),
    ]
    if letter.acknowledgement or letter.signature is not None:
        body += _acknowledgement_section(letter, language, width)
        body.append(Spacer(0, 6 * mm))
    body += [
        _text(translate('letter.follow_up', language), _BODY),
        Spacer(0, 3 * mm),
        _text(closing, _BODY),
        Spacer(0, 6 * mm),
        _text(letter.branch.name, _BODY_BOLD),
    ]
    return body


def _acknowledgement_section(letter: WishlistLetter, language: str, width: float) -> list[Flowable]:
    signed = letter.signature is not None
    section: list[Flowable] = []
    if letter.acknowledgement:
        heading = letter.acknowledgement_title or translate('letter.acknowledgement_heading', language)
        points = _table([[_acknowledgement_paragraphs(letter.acknowledgement)]], [width], [
            ('LINEBEFORE', (0, 0), (0, 0), 1.2, ACCENT),
            ('LEFTPADDING', (0, 0), (0, 0), 3.5 * mm),
            ('TOPPADDING', (0, 0), (0, 0), 1),
            ('BOTTOMPADDING', (0, 0), (0, 0), 2),
        ], split_in_row=True)
        box = '☑' if signed else '☐'
        confirmed = Paragraph(f'{box}&nbsp;&nbsp;{escape_markup(translate("letter.acknowledged", language))}',
                              _SMALL_BOLD)
        section += [_text(heading, _SMALL_BOLD), Spacer(0, 2 * mm), points, Spacer(0, 3 * mm)]
    else:
        confirmed = Spacer(0, 0)
    if signed:
        caption = [_addressee(letter.address)]
        if letter.signed_on is not None:
            caption.append(translate('letter.signed_on', language, date=format_date(letter.signed_on)))
    else:
        caption = [translate('letter.date_and_signature', language)]
    signature = _signature_block(letter.signature, caption)
    section.append(_table([[confirmed, signature]], [width - SIGNATURE_WIDTH, SIGNATURE_WIDTH], []))
    return section


def _draw_letter(canvas: Canvas, letter: WishlistLetter) -> None:
    if letter.window not in ADDRESS_LEFT:
        raise ValueError(f'window must be one of {sorted(ADDRESS_LEFT)}, not {letter.window!r}')
    language = normalise_language(letter.language)
    branch = letter.branch
    _draw_letterhead(canvas, branch)

    address_left = ADDRESS_LEFT[letter.window]
    return_line = ', '.join(part for part in (branch.name, branch.street, _branch_locality(branch)) if part)
    _draw_at(canvas, _text(return_line, _RETURN_LINE), address_left, ADDRESS_TOP, ADDRESS_WIDTH)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(address_left, _from_top(ADDRESS_TOP + 4 * mm), address_left + ADDRESS_WIDTH,
                _from_top(ADDRESS_TOP + 4 * mm))
    lines = format_address_block(letter.address, language, sender_country=branch.country_code)
    address = Paragraph('<br/>'.join(escape_markup(line) for line in lines), _ADDRESS)
    _draw_fitted(canvas, lambda _width: [address], address_left, ADDRESS_TOP + RETURN_LINE_HEIGHT,
                 ADDRESS_WIDTH, ADDRESS_HEIGHT - RETURN_LINE_HEIGHT)

    place_date = f'{branch.letter_town or branch.city}, {format_date(letter.entry_date)}'
    _draw_at(canvas, _text(place_date, _BODY), address_left, PLACE_DATE_TOP, PAGE_WIDTH - address_left - MARGIN_RIGHT)

    running_head = translate('letter.running_head', language, title=translate(
        'letter.title_numbered', language, number=letter.entry_number), name=_addressee(letter.address))
    _draw_body(canvas, lambda width: _letter_body(letter, language, width), MARGIN_LEFT, LETTER_BODY_TOP, TEXT_WIDTH,
               running_head)


# --- consent receipt ---------------------------------------------------------------------------------------


def _choices_table(receipt: ConsentReceipt, language: str, width: float) -> Table:
    header = [_text(translate(f'receipt.column.{column}', language), _SMALL_MUTED)
              for column in ('text', 'version', 'text_hash', 'choice')]
    rows: list[list[Flowable]] = [header]
    for choice in receipt.choices:
        verdict = 'accepted' if choice.accepted else 'declined'
        mark = '✓' if choice.accepted else '✗'
        rows.append([
            _text(translate(f'receipt.purpose.{choice.purpose}', language), _SMALL),
            _text(choice.version, _SMALL),
            _text(choice.text_sha256[:12], _SMALL),
            Paragraph(f'{mark}&nbsp;{escape_markup(translate(f"receipt.{verdict}", language))}',
                      _SMALL_BOLD if choice.accepted else _SMALL),
        ])
    widths = [width - 74 * mm, 16 * mm, 36 * mm, 22 * mm]
    return _table(rows, widths, [
        ('RIGHTPADDING', (0, 0), (-2, -1), 3 * mm),
        ('TOPPADDING', (0, 0), (-1, -1), 3),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 3),
        ('LINEBELOW', (0, 0), (-1, 0), 0.6, ACCENT),
        ('LINEBELOW', (0, 1), (-1, -1), 0.4, RULE),
    ])


def _receipt_body(receipt: ConsentReceipt, language: str, width: float) -> list[Flowable]:
    branch = receipt.branch
    place = ', '.join(part for part in (branch.name, branch.street, _branch_locality(branch)) if part)
    when = translate('receipt.swiss_time', language, datetime=format_datetime(receipt.signed_at))
    details = _details_table([
        (translate('receipt.customer', language), _text(receipt.customer_name, _BODY_BOLD)),
        (translate('receipt.customer_number', language), _text(receipt.customer_number, _BODY)),
        (translate('receipt.signed_at', language), _text(when, _BODY)),
        (translate('receipt.place', language), _text(place, _BODY)),
        (translate('receipt.employee', language), _text(receipt.acting_employee, _BODY)),
    ], width, 40 * mm)
    if receipt.signature is not None:
        caption = [receipt.customer_name, format_datetime(receipt.signed_at)]
    else:
        caption = [translate('receipt.not_signed', language)]
    fingerprint = _table([[_text(translate('receipt.fingerprint', language), _SMALL_BOLD)],
                          [_text(receipt.fingerprint, _HASH)],
                          [_text(translate('receipt.fingerprint_note', language), _CAPTION)]], [width], [
        ('BACKGROUND', (0, 0), (-1, -1), PANEL),
        ('LEFTPADDING', (0, 0), (-1, -1), 4 * mm),
        ('RIGHTPADDING', (0, 0), (-1, -1), 4 * mm),
        ('TOPPADDING', (0, 0), (-1, -1), 1.5),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 1.5),
        ('TOPPADDING', (0, 0), (-1, 0), 3.5 * mm),
        ('BOTTOMPADDING', (0, -1), (-1, -1), 3.5 * mm),
    ])
    return [
        _text(translate('receipt.title', language), _TITLE),
        Spacer(0, 4 * mm),
        _text(translate('receipt.intro', language), _BODY),
        Spacer(0, 5 * mm),
        details,
        Spacer(0, 8 * mm),
        _text(translate('receipt.choices_heading', language), _BODY_BOLD),
        Spacer(0, 2 * mm),
        _choices_table(receipt, language, width),
        Spacer(0, 8 * mm),
        _text(translate('receipt.signature', language), _BODY_BOLD),
        Spacer(0, 2 * mm),
        _signature_block(receipt.signature, caption),
        Spacer(0, 9 * mm),
        fingerprint,
        Spacer(0, 5 * mm),
        _text(translate('receipt.withdrawal', language), _SMALL_MUTED),
    ]


def _draw_receipt(canvas: Canvas, receipt: ConsentReceipt, language: str) -> None:
    _draw_letterhead(canvas, receipt.branch)
    running_head = translate('letter.running_head', language, title=translate('receipt.title', language),
                             name=receipt.customer_name)
    _draw_body(canvas, lambda width: _receipt_body(receipt, language, width), MARGIN_LEFT, RECEIPT_BODY_TOP,
               TEXT_WIDTH, running_head)


def signature_drawing(signature: Signature, width: float, height: float) -> Drawing:
    """The signature as a ReportLab vector drawing of `width` × `height` points, the pad's frame fitted inside.

    The drawing is a platypus flowable and can also be placed on a canvas with ``renderPDF.draw``.
    """
    frame_width = min(width, height * signature.aspect)
    frame_height = frame_width / signature.aspect
    left = (width - frame_width) / 2
    top = (height - frame_height) / 2
    stroke_width = max(0.6, frame_width / 180)
    ink = HexColor(INK_COLOUR)
    drawing = Drawing(width, height)
    group = Group()
    for stroke in strokes_in_pixels(signature, frame_width, frame_height):
        # ReportLab's y axis points up: flip the pad's coordinates inside the frame
        flipped = tuple((left + x, height - top - y) for x, y in stroke)
        if is_dot(flipped):
            x, y = flipped[0]
            group.add(Circle(x, y, stroke_width * 0.6, fillColor=ink, strokeColor=None))
            continue
        path = Path(fillColor=None, strokeColor=ink, strokeWidth=stroke_width, strokeLineCap=1, strokeLineJoin=1)
        x0, y0 = flipped[0]
        for command, points in smoothed_path(flipped):
            if command == 'M':
                path.moveTo(*points[0])
            elif command == 'L':
                path.lineTo(*points[0])
            else:
                (cx, cy), (x1, y1) = points
                # a quadratic curve as the equivalent cubic one (PDF paths only have cubic curves)
                path.curveTo(x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0),
                             x1 + 2 / 3 * (cx - x1), y1 + 2 / 3 * (cy - y1), x1, y1)
            x0, y0 = points[-1]
        group.add(path)
    drawing.add(group)
    return drawing

"""The readable PDF summary of an nLPD data export (ReportLab): what the shop holds about one customer.

It takes a plain `DataSummary` whose texts are already in the customer's language; the service that builds
the export decides what goes in, this module only lays it out. Like a long letter, the summary
flows over as many A4 pages as the history needs, each numbered. Every text goes through `escape_markup`.
"""

import io
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from customer_pad.documents import DataSummary, SummarySection, SummaryTable
from customer_pad.i18n import normalise_language
from customer_pad.letters import ACCENT, CREATOR, INK, MUTED, PANEL, RULE, letterhead_lines
from customer_pad.pdf_text import FONT_BOLD, FONT_REGULAR, escape_markup, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 34 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_PADDING = 6
"""ReportLab's frame sets the story this far inside the margins: the page decorations follow it."""
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT - 2 * FRAME_PADDING
LEFT = MARGIN_LEFT + FRAME_PADDING
LABEL_WIDTH = 42 * mm

_BODY = ParagraphStyle('export_body', fontName=FONT_REGULAR, fontSize=9.5, leading=13, textColor=INK)
_TITLE = ParagraphStyle('export_title', parent=_BODY, fontName=FONT_BOLD, fontSize=15, leading=19)
_HEADING = ParagraphStyle('export_heading', parent=_BODY, fontName=FONT_BOLD, fontSize=11, leading=14,
                          textColor=ACCENT, spaceBefore=4 * mm, spaceAfter=1.5 * mm)
_LABEL = ParagraphStyle('export_label', parent=_BODY, fontSize=8.5, textColor=MUTED)
_CELL = ParagraphStyle('export_cell', parent=_BODY, fontSize=8, leading=10.5)
_CELL_HEAD = ParagraphStyle('export_cell_head', parent=_CELL, fontName=FONT_BOLD, textColor=MUTED)
_SMALL = ParagraphStyle('export_small', parent=_BODY, fontSize=8, leading=10.5, textColor=MUTED)
_LETTERHEAD = ParagraphStyle('export_letterhead', parent=_BODY, fontName=FONT_BOLD, fontSize=12, leading=15)


def _text(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape_markup(value), style)


def _grid(rows: list[list[Flowable]], widths: list[float], commands: list[tuple]) -> Table:
    # A row may split across pages: a long value (an old 10 KB remark, a history of many contacts) is taller
    # than a page, and ReportLab gives up on a row it cannot split.
    table = Table(rows, colWidths=widths, hAlign='LEFT', repeatRows=0, splitInRow=1)
    table.setStyle(TableStyle([
        ('FONT', (0, 0), (-1, -1), FONT_REGULAR),  # ReportLab's default cell font would add Helvetica to the PDF
        ('VALIGN', (0, 0), (-1, -1), 'TOP'),
        ('LEFTPADDING', (0, 0), (-1, -1), 0),
        ('RIGHTPADDING', (0, 0), (-1, -1), 2 * mm),
        ('TOPPADDING', (0, 0), (-1, -1), 2),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 2),
        *commands,
    ]))
    return table


def _fields(fields: tuple[tuple[str, str], ...]) -> Table:
    rows = [[_text(label, _LABEL), _text(value or '–', _BODY)] for label, value in fields]
    return _grid(rows, [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], [
        ('LINEBELOW', (0, 0), (-1, -2), 0.3, RULE),
    ])


def _table(summary_table: SummaryTable) -> Table:
    rows: list[list[Flowable]] = [[_text(head, _CELL_HEAD) for head in summary_table.header]]
    rows += [[_text(cell, _CELL) for cell in row] for row in summary_table.rows]
    widths = [TEXT_WIDTH * fraction for fraction in summary_table.widths]
    table = _grid(rows, widths, [
        ('LINEBELOW', (0, 0), (-1, 0), 0.6, ACCENT),
        ('LINEBELOW', (0, 1), (-1, -1), 0.3, RULE),
    ])
    table.repeatRows = 1  # a table that flows onto the next page repeats its header
    return table


def _section(section: SummarySection) -> list[Flowable]:
    heading = _text(section.title, _HEADING)
    body: list[Flowable] = []
    if section.fields:
        body.append(_fields(section.fields))
    if section.text:
        body.append(_text(section.text, _BODY))
    if section.table is not None:
        if section.text:
            body.append(Spacer(0, 2 * mm))
        body.append(_table(section.table))
    # The heading never stays alone at the bottom of a page.
    return [KeepTogether([heading, body[0]]), *body[1:]] if body else [heading]


def _page_decorations(summary: DataSummary) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """What every page gets besides the story: the branch at the top, a rule, the footer with the page number."""
    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 14 * mm
        if summary.branch is not None:
            branch = summary.branch
            name = Paragraph(escape_markup(branch.name), _LETTERHEAD)
            _, height = name.wrapOn(canvas, TEXT_WIDTH, 20 * mm)
            name.drawOn(canvas, LEFT, top - height)
            line = Paragraph('<br/>'.join(escape_markup(line) for line in letterhead_lines(branch)), _SMALL)
            _, line_height = line.wrapOn(canvas, TEXT_WIDTH, 20 * mm)
            line.drawOn(canvas, LEFT, top - height - line_height - 1)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.6)
        rule = PAGE_HEIGHT - MARGIN_TOP + 6 * mm
        canvas.line(LEFT, rule, LEFT + TEXT_WIDTH, rule)
        footer = Paragraph(escape_markup(f'{summary.footer} · {document.page}'), _SMALL)
        footer.wrapOn(canvas, TEXT_WIDTH, 10 * mm)
        footer.drawOn(canvas, LEFT, MARGIN_BOTTOM - 8 * mm)
        canvas.restoreState()

    return draw


def build_data_summary(summary: DataSummary, subject: str = '') -> bytes:
    """The summary as an A4 PDF (as many pages as needed, each with the branch and a page number)."""
    register_fonts()
    language = normalise_language(summary.language)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=summary.title, author=summary.author, subject=subject,
        creator=CREATOR, lang=f'{language}-CH', initialFontName=FONT_REGULAR)
    story: list[Flowable] = [_text(summary.title, _TITLE), Spacer(0, 3 * mm), _text(summary.intro, _BODY)]
    for section in summary.sections:
        story += _section(section)
    if summary.closing:
        story += [Spacer(0, 6 * mm), _closing(summary.closing)]
    decorate = _page_decorations(summary)
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def _closing(text: str) -> Table:
    return _grid([[_text(text, _SMALL)]], [TEXT_WIDTH], [
        ('BACKGROUND', (0, 0), (-1, -1), PANEL),
        ('LEFTPADDING', (0, 0), (-1, -1), 4 * mm),
        ('RIGHTPADDING', (0, 0), (-1, -1), 4 * mm),
        ('TOPPADDING', (0, 0), (-1, -1), 3 * mm),
        ('BOTTOMPADDING', (0, 0), (-1, -1), 3 * mm),
    ])

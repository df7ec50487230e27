"""Text on its way into ReportLab: the one escaping function and the embedded Unicode fonts.

ReportLab's `Paragraph` parses its text as markup, so every piece of text that did not come from this code
(names, addresses, article data, legal texts, even translations) goes through `escape_markup` first.
"""

import re
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_REGULAR = 'DejaVuSans'
FONT_BOLD = 'DejaVuSans-Bold'
FONTS_DIR = Path(__file__).resolve().parent.parent / 'assets' / 'fonts'

_fonts_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with ReportLab, once per process.

    The standard PDF fonts only cover Latin-1: Łukasik, Dvořák or Cyrillic would print as black boxes.
    `<b>` in markup maps to the bold face, which is embedded as well (as a subset, like the regular one).
    """
    global _fonts_registered
    if _fonts_registered:
        return
    with _fonts_lock:
        if _fonts_registered:
            return
        pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(FONTS_DIR / 'DejaVuSans.ttf')))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / 'DejaVuSans-Bold.ttf')))
        # No italic face is shipped: italic markup falls back to the upright faces rather than to Helvetica.
        addMapping(FONT_REGULAR, 0, 0, FONT_REGULAR)
        addMapping(FONT_REGULAR, 1, 0, FONT_BOLD)
        addMapping(FONT_REGULAR, 0, 1, FONT_REGULAR)
        addMapping(FONT_REGULAR, 1, 1, FONT_BOLD)
        _fonts_registered = True


_UNPRINTABLE = re.compile('[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]')
"""Control characters (Unicode's Cc, but the line break) and lone surrogates (Cs): ReportLab cannot draw them."""


def escape_markup(text: object) -> str:
    """`text` as literal Paragraph content: `<`, `>` and `&` escaped, line breaks kept as `<br/>`.

    `None` gives an empty string. A narrow no-break space becomes a no-break space. Control characters
    (other than line breaks, and tabs, which become spaces) are dropped: ReportLab cannot draw them.
    """
    if text is None:
        return ''
    plain = str(text).replace('\r\n', '\n').replace('\r', '\n').replace('\t', ' ')
    # ReportLab breaks lines at a narrow no-break space (French "n° 3", "100 000"); the no-break space holds.
    plain = plain.replace('\u202f', '\u00a0')
    plain = _UNPRINTABLE.sub('', plain)
    return escape(plain).replace('\n', '<br/>')

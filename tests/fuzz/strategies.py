"""Hostile text for the fuzz tests, and the one check of what a refusal must look like.

Everything a person can type, paste or send through the browser's connection: any Unicode, emoji with their
joiners, right-to-left scripts and the bidi override, combining marks piled up, NUL and other control
characters, 10 KB strings, ReportLab paragraph markup and HTML.
"""

from collections.abc import Collection

from hypothesis import strategies as st

from customer_pad.errors import Message, ValidationFailed
from customer_pad.i18n import LANGUAGES, catalogue

LONG_TEXT_LENGTH = 10_240

REPORTLAB_MARKUP: tuple[str, ...] = (
    '<b', 'AT&T', '<img src="/etc/passwd"/>', '<font name=x>', '&nbsp;', '<b>bold</b>', '</para>', '<br/>',
    '&amp;', '&#0;', '&lt;', '<a href="javascript:alert(1)">x</a>', '<![CDATA[', '<seq/>', '<onDraw name=x/>',
    '<img src="/etc/passwd" width="900" height="900"/>', '<font size=400>big</font>', '<bullet>',
)
"""Paragraph markup ReportLab would interpret (or choke on) if a text reached it unescaped."""

HTML_MARKUP: tuple[str, ...] = (
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
    '{{ 7*7 }}', '${7*7}', '{0}', '{name}', '%s%n', "'; DROP TABLE customer; --", 'javascript:alert(1)', '\\', '`',
)
"""HTML, template and format-string syntax a page or a translation could interpret."""

CONTROL_CHARACTERS: tuple[str, ...] = (
    '\x00', '\x01', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x1f', '\x7f', '\x85', '\x9f', '\t', '\n', '\r',
    '\u2028', '\u2029', '\ufeff', '\u200b', '\u200d', '\u00ad', '\ufffe', '\uffff', '\U000e0001',
)
"""NUL, C0 and C1 controls, line and paragraph separators, invisible formatting characters, non-characters."""

EMOJI: tuple[str, ...] = (
    '😀', '👩🏽‍💻', '🏳️‍🌈', '🇨🇭', '👨‍👩‍👧‍👦', '❤️', '🫠', '⌚', '💍', '🧑🏿‍🦱', '1️⃣',
)

RIGHT_TO_LEFT: tuple[str, ...] = (
    'محمد بن سلمان', 'שלום עליכם', '\u202egnp.exe', '\u202bعربي\u202c', '\u2067אבג\u2069', 'abc\u200fdef',
    'ﷺ', 'ﷻ',
)
"""Arabic and Hebrew, the right-to-left override (U+202E) and other bidi controls, ligatures that decompose to
many letters."""

COMBINING: tuple[str, ...] = (
    'Z̷̢̛̺̗a̸̛͈̲l̵̨̰̿g̴̣͛o̶̤̿', 'e\u0301', '\u0301', 'n\u0303\u0303\u0303\u0303\u0303\u0303\u0303\u0303', 'İ', 'ß', 'ǅ', 'ﬃ',
)
"""Combining marks alone and piled up, and letters whose case mapping or decomposition changes their length."""

NAMES: tuple[str, ...] = (
    'Dufour', 'Zoë', 'Łukasik', 'Müller', 'Nguyễn Thị Minh Khai', '山田', "O'Brien", 'Ana-María', 'D\'Ambrosio',
)
"""Real names, so that hostile pieces also land inside values that pass validation."""

characters = st.characters()
"""Any code point except lone surrogates."""
characters_with_surrogates = st.characters(categories=['Cs'])


def _pieces(with_surrogates: bool) -> st.SearchStrategy[str]:
    pieces = [
        st.text(max_size=12),
        st.sampled_from(REPORTLAB_MARKUP),
        st.sampled_from(HTML_MARKUP),
        st.sampled_from(CONTROL_CHARACTERS),
        st.sampled_from(EMOJI) | st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
        st.sampled_from(RIGHT_TO_LEFT) | st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), max_size=8),
        st.sampled_from(COMBINING) | st.text(st.characters(categories=['Mn', 'Me']), max_size=6),
        st.sampled_from(NAMES),
        st.just(' '),
    ]
    if with_surrogates:
        pieces.append(characters_with_surrogates)
    return st.one_of(pieces)


def _long(piece: str) -> str:
    return (piece * (LONG_TEXT_LENGTH // max(1, len(piece)) + 1))[:LONG_TEXT_LENGTH]


def hostile_text(*, with_surrogates: bool = False, long: bool = True) -> st.SearchStrategy[str]:
    """A text made of hostile pieces; sometimes a real name, sometimes a 10 KB string.

    Lone surrogates (`with_surrogates`) reach the server only through the browser's JSON, never from a form
    that was rendered and typed into, but a crafted message can carry them.
    """
    mixed = st.lists(_pieces(with_surrogates), max_size=8).map(''.join)
    choices = [mixed, st.sampled_from(NAMES), st.text()]
    if long:
        choices.append(st.one_of(st.sampled_from(NAMES), mixed.filter(bool)).map(_long))
    return st.one_of(choices)


def hostile_or(valid: str, **options: bool) -> st.SearchStrategy[str]:
    """Either a valid value or a hostile one, so a form gets one bad field amid good ones as often as many."""
    return st.one_of(st.just(valid), hostile_text(**options))


def printable_words(text: str) -> list[str]:
    """Runs of ASCII letters and digits in `text` that a PDF must show as they are (at least 3 long)."""
    words, current = [], ''
    for char in text + ' ':
        if char.isascii() and char.isalnum():
            current += char
        else:
            if len(current) >= 3:
                words.append(current)
            current = ''
    return words


def assert_refused_on(failure: ValidationFailed, fields: Collection[str]) -> None:
    """A refusal names only fields of the form, and each message exists, in every language, with its values."""
    assert failure.errors, 'a refusal without a field'
    unexpected = set(failure.errors) - set(fields)
    assert not unexpected, f'refused on {unexpected}, which are not fields of the form {sorted(fields)}'
    for message in failure.errors.values():
        assert isinstance(message, Message)
        texts = catalogue().get(message.key)
        assert texts is not None, f'no text for {message.key}'
        for language in LANGUAGES:
            assert texts.get(language), f'{message.key} has no {language} text'
            texts[language].format(**message.params)

"""One translation function over the catalogues in `locales/` (French is the reference)."""

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from babel import numbers

LANGUAGES: tuple[str, ...] = ('fr', 'de', 'it', 'en')
REFERENCE_LANGUAGE = 'fr'
LANGUAGE_NAMES: dict[str, str] = {'fr': 'Français', 'de': 'Deutsch', 'it': 'Italiano', 'en': 'English'}
LOCALES_DIR = Path(__file__).parent / 'locales'


def _flatten(table: dict[str, Any], prefix: str, into: dict[str, dict[str, str]], source: Path) -> None:
    for name, value in table.items():
        key = f'{prefix}{name}'
        if isinstance(value, dict) and REFERENCE_LANGUAGE in value:
            if any(isinstance(text, dict) for text in value.values()):
                raise ValueError(f'translation key {key!r} ({source.name}) is a text and a group at once')
            if key in into:
                raise ValueError(f'translation key {key!r} defined twice ({source.name})')
            into[key] = value
        elif isinstance(value, dict):
            _flatten(value, f'{key}.', into, source)
        else:
            raise ValueError(f'translation key {key!r} in {source.name} has no French text')


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key with its texts per language, read once from all `locales/*.toml` files."""
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob('*.toml')):
        _flatten(tomllib.loads(path.read_text(encoding='utf-8')), '', entries, path)
    return entries


def normalise_language(language: str | None) -> str:
    """A supported language code (unknown or missing falls back to French)."""
    return language if language in LANGUAGES else REFERENCE_LANGUAGE


def translate(key: str, language: str, **params: Any) -> str:
    """The text of `key` in `language`, with `{name}` placeholders filled from `params`.

    An unknown key is returned as is, so a missing text is visible rather than fatal.
    """
    texts = catalogue().get(key)
    if texts is None:
        return key
    text = texts.get(normalise_language(language)) or texts[REFERENCE_LANGUAGE]
    return text.format(**params) if params else text


def format_count(value: int, language: str) -> str:
    """`value` grouped as `language` writes it in Switzerland (CLDR: "1'000" in all four languages)."""
    return numbers.format_decimal(value, locale=f'{normalise_language(language)}_CH')

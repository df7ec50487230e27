"""Handwritten signatures as geometry: parsing the pad's payload, checking it is a signature, drawing it.

The signature pad (`components/signature_pad.py`) sends one compact JSON document, version 1::

    {"v": 1, "aspect": 2.5, "strokes": [[[0.1021, 0.6412], [0.1043, 0.6377], ...], ...]}

- ``v``: format version, always ``1``.
- ``aspect``: width / height of the drawing frame (the pad when the first stroke was drawn).
- ``strokes``: the strokes in drawing order; each stroke is the list of ``[x, y]`` points the pen went through
  between touching and leaving the pad. ``x`` is a fraction of the frame width and ``y`` of its height
  (0..1, origin top left, y pointing down), rounded to 4 decimals.

Only the shape is kept: no timestamps, speed or pressure, which would be biometric data.
`Signature.to_json` writes the same format canonically (sorted keys, no spaces) so its SHA-256 fingerprint
is stable and can be recorded with the signing event.
"""

import hashlib
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from customer_pad.errors import Message, ValidationFailed

FORMAT_VERSION = 1
COORDINATE_DECIMALS = 4

# Limits far above any real signature (a long one is about 1,500 points in 10 strokes, 30 KB).
MAX_PAYLOAD_BYTES = 200_000
MAX_STROKES = 200
MAX_POINTS = 5_000
MIN_ASPECT = 0.2
MAX_ASPECT = 10.0

# Ink thresholds, measured in units of the pad width (1.0 = the whole width, both axes alike).
MIN_INK_LENGTH = 0.25
"""Total length of all strokes; a zigzag initial over a fifth of the pad draws about 0.45, a small tick 0.2."""
MIN_EXTENT = 0.1
"""The larger side of the bounding box; below it the ink is a dot or a smudge."""
LINE_MAX_DEVIATION = 0.015
"""Ink that stays this close to one straight line is a line, however long and however often retraced."""
LINE_MAX_RELATIVE_DEVIATION = 0.1
LINE_MAX_LENGTH_RATIO = 1.5
"""Ink within a tenth of its length of one line, not retracing it by half, is a stroke or an arc, not a signature."""

INK_COLOUR = '#14213d'

Point = tuple[float, float]
Stroke = tuple[Point, ...]


@dataclass(frozen=True)
class Signature:
    """A handwritten signature as normalised strokes (see the module docstring for the coordinates)."""

    strokes: tuple[Stroke, ...]
    aspect: float

    @property
    def bounding_box(self) -> tuple[float, float, float, float]:
        """``(min_x, min_y, max_x, max_y)`` of the ink in normalised units (all zero without ink)."""
        points = [point for stroke in self.strokes for point in stroke]
        if not points:
            return (0.0, 0.0, 0.0, 0.0)
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        return (min(xs), min(ys), max(xs), max(ys))

    @property
    def point_count(self) -> int:
        """How many points the strokes hold together."""
        return sum(len(stroke) for stroke in self.strokes)

    @property
    def ink_length(self) -> float:
        """Total length of the strokes, in units of the pad width."""
        return sum(
            math.dist(start, end)
            for stroke in _strokes_in_width_units(self)
            for start, end in pairwise(stroke)
        )

    def to_json(self) -> str:
        """The payload in canonical form: sorted keys, no spaces, coordinates as stored."""
        document = {'v': FORMAT_VERSION, 'aspect': self.aspect, 'strokes': self.strokes}
        return json.dumps(document, sort_keys=True, separators=(',', ':'), allow_nan=False)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of `to_json`, the fingerprint recorded with the signing event."""
        return hashlib.sha256(self.to_json().encode('utf-8')).hexdigest()


def parse_signature(payload: str | None, field: str = 'signature') -> Signature:
    """The signature the pad sent, checked to be well formed, of sane size and a real handwritten signature.

    Raises `ValidationFailed` on `field` with ``signature.empty`` (nothing drawn), ``signature.too_large``,
    ``signature.malformed`` (not the format of the module docstring, non-finite or out-of-range numbers) or
    ``signature.too_little_ink`` (a dot, a smudge, a straight line).
    """

    def failure(key: str) -> ValidationFailed:
        return ValidationFailed({field: Message(f'signature.{key}')})

    if payload is None or not payload.strip():
        raise failure('empty')
    if len(payload.encode('utf-8')) > MAX_PAYLOAD_BYTES:
        raise failure('too_large')
    try:
        document = json.loads(payload, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise failure('malformed') from None
    if not isinstance(document, dict) or set(document) != {'v', 'aspect', 'strokes'}:
        raise failure('malformed')
    if type(document['v']) is not int or document['v'] != FORMAT_VERSION:
        raise failure('malformed')
    aspect, raw_strokes = document['aspect'], document['strokes']
    if not isinstance(raw_strokes, list):
        raise failure('malformed')
    if not raw_strokes:
        raise failure('empty')
    if len(raw_strokes) > MAX_STROKES:
        raise failure('too_large')
    if sum(len(stroke) for stroke in raw_strokes if isinstance(stroke, list)) > MAX_POINTS:
        raise failure('too_large')
    if not _is_number(aspect) or not MIN_ASPECT <= aspect <= MAX_ASPECT:
        raise failure('malformed')
    strokes: list[Stroke] = []
    for raw_stroke in raw_strokes:
        stroke = _parse_stroke(raw_stroke)
        if stroke is None:
            raise failure('malformed')
        strokes.append(stroke)
    signature = Signature(strokes=tuple(strokes), aspect=round(float(aspect), COORDINATE_DECIMALS))
    if not has_enough_ink(signature):
        raise failure('too_little_ink')
    return signature


def has_enough_ink(signature: Signature) -> bool:
    """Whether the ink looks like a handwritten signature rather than a dot, a smudge or a straight line."""
    if signature.ink_length < MIN_INK_LENGTH:
        return False
    points = [point for stroke in _strokes_in_width_units(signature) for point in stroke]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        return False
    extent, deviation = _extent_along_main_axis(points)
    if deviation < LINE_MAX_DEVIATION:
        return False
    looks_like_a_stroke = (deviation < LINE_MAX_RELATIVE_DEVIATION * extent
                           and signature.ink_length < LINE_MAX_LENGTH_RATIO * extent)
    return not looks_like_a_stroke


def signature_svg(signature: Signature, width_px: int = 300) -> str:
    """The signature as a standalone SVG image `width_px` wide, its height from the pad's aspect.

    Only numbers are written into the markup, so the result is safe to embed in a page.
    """
    width = float(int(width_px))
    height = max(1.0, round(width / signature.aspect))
    stroke_width = max(1.0, width / 150)
    paths: list[str] = []
    dots: list[str] = []
    for stroke in strokes_in_pixels(signature, width, height):
        if is_dot(stroke):
            x, y = stroke[0]
            dots.append(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{stroke_width * 0.6:.2f}"/>')
            continue
        commands = (command + ' '.join(f'{x:.2f} {y:.2f}' for x, y in points)
                    for command, points in smoothed_path(stroke))
        paths.append(f'<path d="{" ".join(commands)}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}"'
        f' viewBox="0 0 {width:.0f} {height:.0f}">'
        f'<g fill="none" stroke="{INK_COLOUR}" stroke-width="{stroke_width:.2f}"'
        ' stroke-linecap="round" stroke-linejoin="round">'
        f'{"".join(paths)}</g>'
        f'<g fill="{INK_COLOUR}">{"".join(dots)}</g>'
        '</svg>'
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f'{name} is not a number')


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _parse_stroke(raw: Any) -> Stroke | None:
    if not isinstance(raw, list) or not raw:
        return None
    points: list[Point] = []
    for raw_point in raw:
        if not isinstance(raw_point, list) or len(raw_point) != 2:
            return None
        if not all(_is_number(value) and 0 <= value <= 1 for value in raw_point):
            return None
        x, y = raw_point
        points.append((round(float(x), COORDINATE_DECIMALS), round(float(y), COORDINATE_DECIMALS)))
    return tuple(points)


def _strokes_in_width_units(signature: Signature) -> Iterator[Stroke]:
    # pad heights are 1 / aspect pad widths, so distances come out the same along both axes
    for stroke in signature.strokes:
        yield tuple((x, y / signature.aspect) for x, y in stroke)


def strokes_in_pixels(signature: Signature, width: float, height: float) -> Iterator[Stroke]:
    """The strokes scaled to a frame of `width` × `height` (origin top left, y pointing down)."""
    for stroke in signature.strokes:
        yield tuple((x * width, y * height) for x, y in stroke)


def _extent_along_main_axis(points: Sequence[Point]) -> tuple[float, float]:
    """Length of the ink along its main axis and its largest distance from that axis (total least squares)."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    syy = sum((y - mean_y) ** 2 for _, y in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    along_x, along_y = math.cos(angle), math.sin(angle)
    along = [(x - mean_x) * along_x + (y - mean_y) * along_y for x, y in points]
    across = [abs((y - mean_y) * along_x - (x - mean_x) * along_y) for x, y in points]
    return max(along) - min(along), max(across)


def is_dot(stroke: Stroke) -> bool:
    """A stroke whose points all coincide: drawn as a filled dot, a path through it would not show."""
    return all(point == stroke[0] for point in stroke)


def smoothed_path(stroke: Stroke) -> Iterator[tuple[str, tuple[Point, ...]]]:
    """SVG-style path commands through the stroke: quadratic curves from midpoint to midpoint, each bent by a point.

    The pad draws its ink with the same construction, so the printed signature matches the one on screen.
    """
    yield 'M', (stroke[0],)
    for index in range(1, len(stroke) - 1):
        point, following = stroke[index], stroke[index + 1]
        yield 'Q', (point, ((point[0] + following[0]) / 2, (point[1] + following[1]) / 2))
    yield 'L', (stroke[-1],)

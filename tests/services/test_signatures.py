"""What the pad may send as a signature, what is refused, and how an accepted signature is drawn."""

import hashlib
import io
import json
import math
import re
import tomllib
import xml.etree.ElementTree as ElementTree

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from customer_pad.config import PROJECT_DIR
from customer_pad.errors import ValidationFailed
from customer_pad.i18n import LANGUAGES, translate
from customer_pad.letters import signature_drawing
from customer_pad.signatures import (
    MAX_PAYLOAD_BYTES,
    MAX_POINTS,
    MAX_STROKES,
    Signature,
    parse_signature,
    signature_svg,
)

SIGNATURE_CATALOGUE = PROJECT_DIR / 'customer_pad' / 'locales' / 'signature.toml'

Points = list[list[float]]


def payload(strokes: list[Points], aspect: float = 2.5) -> str:
    """The JSON the pad sends for these strokes."""
    return json.dumps({'v': 1, 'aspect': aspect, 'strokes': strokes}, separators=(',', ':'))


def rounded(points: list[tuple[float, float]]) -> Points:
    return [[round(x, 4), round(y, 4)] for x, y in points]


def handwritten_strokes() -> list[Points]:
    """A cursive name (loops of a prolate cycloid), a capital, a dot on an i and an underline flourish."""
    name = [(0.25 + 0.012 * t - 0.02 * math.sin(t), 0.5 - 0.16 * math.cos(t)) for t in (i / 8 for i in range(0, 300))]
    capital = [(0.12 + 0.08 * math.sin(t / 10), 0.25 + 0.45 * t / 30) for t in range(31)]
    dot = [(0.52, 0.2)]
    underline = [(0.15 + 0.6 * t / 40, 0.82 - 0.05 * math.sin(t / 13)) for t in range(41)]
    return [rounded(stroke) for stroke in (capital, name, dot, underline)]


def scribbled_initial() -> list[Points]:
    """A quick zigzag initial over a fifth of the pad width."""
    return [rounded([(0.40, 0.40), (0.45, 0.68), (0.50, 0.45), (0.55, 0.68), (0.60, 0.40)])]


def rejection(payload_text: str | None, field: str = 'signature') -> str:
    """The message key `parse_signature` raises on `field`."""
    with pytest.raises(ValidationFailed) as failure:
        parse_signature(payload_text, field)
    assert set(failure.value.errors) == {field}
    return failure.value.errors[field].key


def test_handwritten_signature_is_accepted() -> None:
    strokes = handwritten_strokes()

    signature = parse_signature(payload(strokes))

    assert len(signature.strokes) == 4
    assert signature.aspect == 2.5
    assert signature.point_count == sum(len(stroke) for stroke in strokes)
    assert signature.strokes[2] == ((0.52, 0.2),)
    min_x, min_y, max_x, max_y = signature.bounding_box
    assert 0.04 < min_x < 0.15 < 0.7 < max_x < 0.8
    assert 0.2 <= min_y < max_y <= 0.9


def test_short_scribbled_initial_is_accepted() -> None:
    assert parse_signature(payload(scribbled_initial())).point_count == 5


def test_flat_cursive_signature_is_accepted() -> None:
    turns = [i / 8 for i in range(600)]
    low_loops = [(0.2 + 0.006 * t - 0.012 * math.sin(t), 0.55 - 0.05 * math.cos(t)) for t in turns]
    assert parse_signature(payload([rounded(low_loops)])).bounding_box[3] == pytest.approx(0.6)


def test_coordinates_are_rounded_to_four_decimals() -> None:
    strokes = handwritten_strokes()
    strokes[0][0] = [0.123456789, 0.987654321]

    signature = parse_signature(payload(strokes, aspect=2.3333333))

    assert signature.strokes[0][0] == (0.1235, 0.9877)
    assert signature.aspect == 2.3333


@pytest.mark.parametrize('empty', [None, '', '   ', payload([])], ids=['none', 'blank', 'spaces', 'no-strokes'])
def test_empty_pad_is_rejected(empty: str | None) -> None:
    assert rejection(empty) == 'signature.empty'


def test_error_is_reported_on_the_field_asked_for() -> None:
    assert rejection(None, field='wishlist_signature') == 'signature.empty'


@pytest.mark.parametrize('strokes', [
    [[[0.5, 0.5]]],
    [[[0.5, 0.5]] * 40],
    [[[0.5, 0.5], [0.5005, 0.5004], [0.5, 0.5]]],
], ids=['tap', 'held-still', 'wiggle'])
def test_dot_is_not_a_signature(strokes: list[Points]) -> None:
    assert rejection(payload(strokes)) == 'signature.too_little_ink'


@pytest.mark.parametrize('stroke', [
    rounded([(0.1 + 0.8 * t / 50, 0.6) for t in range(51)]),
    rounded([(0.45 + 0.1 * t / 10, 0.6) for t in range(11)]),
    rounded([(0.05 + 0.9 * t / 60, 0.05 + 0.9 * t / 60) for t in range(61)]),
    rounded([(0.5, 0.05 + 0.9 * t / 30) for t in range(31)]),
    rounded([(0.1 + 0.8 * t / 80, 0.6 + 0.004 * math.sin(t * 1.7)) for t in range(81)]),
    rounded([(0.2 + 0.6 * abs(math.sin(t / 8)), 0.5) for t in range(100)]),
], ids=['long', 'short', 'diagonal', 'vertical', 'shaky', 'retraced'])
def test_single_straight_line_is_not_a_signature(stroke: Points) -> None:
    assert rejection(payload([stroke])) == 'signature.too_little_ink'


def test_line_drawn_in_dashes_is_not_a_signature() -> None:
    dashes = [rounded([(0.1 + 0.2 * dash, 0.5), (0.2 + 0.2 * dash, 0.5)]) for dash in range(4)]
    assert rejection(payload(dashes)) == 'signature.too_little_ink'


def test_gentle_arc_is_not_a_signature() -> None:
    arc = rounded([(0.1 + 0.8 * t / 40, 0.55 - 0.06 * math.sin(math.pi * t / 40)) for t in range(41)])
    assert rejection(payload([arc])) == 'signature.too_little_ink'


def test_small_tick_is_not_a_signature() -> None:
    tick = rounded([(0.4, 0.5), (0.45, 0.6), (0.55, 0.35)])
    assert rejection(payload([tick])) == 'signature.too_little_ink'


def test_scribble_in_a_tiny_box_is_not_a_signature() -> None:
    scribble = rounded([(0.5 + 0.02 * math.cos(t), 0.5 + 0.05 * math.sin(1.3 * t)) for t in range(60)])
    assert rejection(payload([scribble])) == 'signature.too_little_ink'


def test_oversized_payload_is_too_large() -> None:
    padded = payload(handwritten_strokes())[:-1] + ' ' * MAX_PAYLOAD_BYTES + '}'
    assert rejection(padded) == 'signature.too_large'


def test_too_many_strokes_are_too_large() -> None:
    strokes = [rounded([(0.1 + 0.004 * index, 0.2), (0.1 + 0.004 * index, 0.8)]) for index in range(MAX_STROKES + 1)]
    assert rejection(payload(strokes)) == 'signature.too_large'


def test_too_many_points_are_too_large() -> None:
    wave = rounded([(t / (MAX_POINTS + 1), 0.5 + 0.3 * math.sin(t / 20)) for t in range(MAX_POINTS + 1)])
    assert rejection(payload([wave])) == 'signature.too_large'


@pytest.mark.parametrize('text', [
    'signature',
    '{"v":1,"aspect":2.5,"strokes":[[[0.1,0.2]',
    '[]',
    '"{}"',
    '{"v":2,"aspect":2.5,"strokes":[[[0.1,0.2],[0.5,0.6]]]}',
    '{"v":true,"aspect":2.5,"strokes":[[[0.1,0.2],[0.5,0.6]]]}',
    '{"aspect":2.5,"strokes":[[[0.1,0.2],[0.5,0.6]]]}',
    '{"v":1,"strokes":[[[0.1,0.2],[0.5,0.6]]]}',
    '{"v":1,"aspect":2.5,"strokes":[[[0.1,0.2],[0.5,0.6]]],"t":[0,16]}',
    '{"v":1,"aspect":2.5,"strokes":{"0":[[0.1,0.2]]}}',
    '{"v":1,"aspect":2.5,"strokes":[[]]}',
    '{"v":1,"aspect":2.5,"strokes":[[[0.1,0.2,0.7]]]}',
    '{"v":1,"aspect":2.5,"strokes":[[["0.1","0.2"]]]}',
    '{"v":1,"aspect":2.5,"strokes":[[[true,false]]]}',
    '{"v":1,"aspect":"2.5","strokes":[[[0.1,0.2]]]}',
    '{"v":1,"aspect":2.5,"strokes":[[[0.1,null]]]}',
], ids=['not-json', 'cut-off', 'list', 'string', 'version-2', 'version-true', 'no-version', 'no-aspect', 'timing',
        'strokes-object', 'empty-stroke', 'three-values', 'text-values', 'booleans', 'text-aspect', 'null'])
def test_malformed_payload_is_rejected(text: str) -> None:
    assert rejection(text) == 'signature.malformed'


@pytest.mark.parametrize('number', ['NaN', 'Infinity', '-Infinity', '1e999'])
def test_non_finite_numbers_are_rejected(number: str) -> None:
    in_a_point = payload(scribbled_initial()).replace('0.4,', f'{number},', 1)
    in_the_aspect = payload(scribbled_initial()).replace('2.5', number)
    assert rejection(in_a_point) == 'signature.malformed'
    assert rejection(in_the_aspect) == 'signature.malformed'


@pytest.mark.parametrize(('point', 'aspect'), [
    ([1.2, 0.5], 2.5),
    ([0.5, -0.1], 2.5),
    ([0.5, 0.5], 0),
    ([0.5, 0.5], -2.5),
    ([0.5, 0.5], 50),
], ids=['x-beyond-the-pad', 'y-above-the-pad', 'flat-pad', 'negative-aspect', 'absurd-aspect'])
def test_out_of_range_numbers_are_rejected(point: list[float], aspect: float) -> None:
    strokes = scribbled_initial()
    strokes[0].append(point)
    assert rejection(payload(strokes, aspect=aspect)) == 'signature.malformed'


def test_canonical_json_is_compact_with_sorted_keys() -> None:
    signature = Signature(strokes=(((0.1, 0.2), (0.3, 0.4)), ((0.5, 0.6),)), aspect=2.5)

    assert signature.to_json() == '{"aspect":2.5,"strokes":[[[0.1,0.2],[0.3,0.4]],[[0.5,0.6]]],"v":1}'
    assert signature.sha256 == hashlib.sha256(signature.to_json().encode()).hexdigest()


def test_canonical_json_and_fingerprint_do_not_depend_on_how_the_payload_was_written() -> None:
    strokes = handwritten_strokes()
    compact = payload(strokes)
    reordered_and_spaced = json.dumps({'strokes': strokes, 'aspect': 2.5, 'v': 1}, indent=2)
    integers_and_noise = compact.replace('0.52,0.2]', '0.52000001,0.2]').replace('2.5', '2.50000')

    signatures = [parse_signature(text) for text in (compact, reordered_and_spaced, integers_and_noise)]

    assert len({signature.to_json() for signature in signatures}) == 1
    assert len({signature.sha256 for signature in signatures}) == 1
    assert parse_signature(signatures[0].to_json()) == signatures[0]
    assert re.fullmatch('[0-9a-f]{64}', signatures[0].sha256)


def test_svg_holds_smoothed_paths_and_nothing_but_numbers() -> None:
    signature = parse_signature(payload(handwritten_strokes()))

    svg = signature_svg(signature, width_px=300)

    root = ElementTree.fromstring(svg)
    namespace = '{http://www.w3.org/2000/svg}'
    assert (root.get('width'), root.get('height'), root.get('viewBox')) == ('300', '120', '0 0 300 120')
    tags = {element.tag.removeprefix(namespace) for element in root.iter()}
    assert tags == {'svg', 'g', 'path', 'circle'}
    paths = root.findall(f'.//{namespace}path')
    assert len(paths) == 3
    assert all(re.fullmatch(r'M[0-9. ]+( Q[0-9. ]+)+ L[0-9. ]+', path.get('d', '')) for path in paths)
    assert len(root.findall(f'.//{namespace}circle')) == 1
    assert all(not (element.text or '').strip() and not (element.tail or '').strip() for element in root.iter())
    assert '<script' not in svg and 'href' not in svg


def test_svg_height_follows_the_pad_aspect() -> None:
    signature = parse_signature(payload(handwritten_strokes(), aspect=1.6))
    root = ElementTree.fromstring(signature_svg(signature, width_px=480))
    assert (root.get('width'), root.get('height')) == ('480', '300')


def _pdf_text_of_page(pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].get_contents().get_data()


def test_drawing_renders_as_vector_paths_on_a_pdf_canvas() -> None:
    signature = parse_signature(payload(handwritten_strokes()))
    drawing = signature_drawing(signature, 200, 100)
    output = io.BytesIO()
    canvas = Canvas(output, pagesize=A4)

    renderPDF.draw(drawing, canvas, 72, 600)
    canvas.showPage()
    canvas.save()

    content = _pdf_text_of_page(output.getvalue())
    assert output.getvalue().startswith(b'%PDF-')
    assert re.search(rb'(\d+(\.\d+)? ){6}c\b', content), 'the strokes are drawn as Bézier curves'


def test_drawing_is_a_flowable_for_platypus_documents() -> None:
    signature = parse_signature(payload(handwritten_strokes()))
    output = io.BytesIO()

    SimpleDocTemplate(output, pagesize=A4).build([signature_drawing(signature, 180, 60)])

    assert b' c' in _pdf_text_of_page(output.getvalue())


def test_drawing_fits_the_signature_aspect_inside_the_box() -> None:
    signature = parse_signature(payload(handwritten_strokes()))

    wide_box = signature_drawing(signature, 300, 60)
    tall_box = signature_drawing(signature, 100, 300)

    assert isinstance(wide_box, Drawing)
    assert (wide_box.width, wide_box.height) == (300, 60)
    for drawing, (width, height) in ((wide_box, (300, 60)), (tall_box, (100, 300))):
        left, bottom, right, top = drawing.getBounds()
        assert 0 <= left < right <= width and 0 <= bottom < top <= height
    left, _, right, _ = wide_box.getBounds()
    frame_width = 60 * signature.aspect  # the frame is as high as the box, centred across it
    assert left >= (300 - frame_width) / 2 - 2 and right <= (300 + frame_width) / 2 + 2


def test_every_signature_text_exists_in_all_languages() -> None:
    catalogue = tomllib.loads(SIGNATURE_CATALOGUE.read_text(encoding='utf-8'))['signature']

    assert {'empty', 'too_little_ink', 'too_large', 'malformed', 'clear', 'hint', 'pad_label'} <= set(catalogue)
    for texts in catalogue.values():
        assert set(texts) == set(LANGUAGES)
        assert all(text.strip() for text in texts.values())
    assert translate('signature.clear', 'fr') == 'Effacer'
    assert translate('signature.empty', 'fr') == 'Veuillez signer dans le cadre.'

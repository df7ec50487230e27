"""The signature pad in a real browser: drawing with pointer drags, clearing, resizing, preloading.

The app in `tests/support/signature_pad_app.py` runs as a subprocess and shows, under the pad, what the
server received (stroke count, fingerprint of the payload, verdict of `parse_signature`).
"""

import math
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from customer_pad.config import PROJECT_DIR
from tests.browser.conftest import free_port, serve

pytestmark = pytest.mark.browser

APP_FILE = PROJECT_DIR / 'tests' / 'support' / 'signature_pad_app.py'
SERVER_TIMEOUT_MS = 10_000

Stroke = list[tuple[float, float]]

# A cursive-looking name, a loop and an underline, in fractions of the pad's box
SIGNATURE_STROKES: list[Stroke] = [
    [(0.12 + 0.5 * t / 60, 0.5 + 0.18 * math.sin(t / 4) + 0.05 * math.cos(t / 1.7)) for t in range(61)],
    [(0.66 + 0.06 * math.cos(t / 5), 0.42 + 0.2 * math.sin(t / 5)) for t in range(32)],
    [(0.15 + 0.65 * t / 20, 0.78 - 0.04 * math.sin(t / 6)) for t in range(21)],
]

INK_BOX_JS = """
() => {
  const canvas = document.querySelector('.signature-pad canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < canvas.height; y += 1) {
    for (let x = 0; x < canvas.width; x += 1) {
      if (pixels[(y * canvas.width + x) * 4 + 3] === 0) continue;
      left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  return [left / canvas.width, top / canvas.height, (right + 1) / canvas.width, (bottom + 1) / canvas.height];
}
"""

INKED_PIXELS_JS = """
() => {
  const canvas = document.querySelector('.signature-pad canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] > 0) inked += 1;
  return inked;
}
"""

CANVAS_FITS_PAD_JS = """
() => {
  const canvas = document.querySelector('.signature-pad canvas');
  const box = canvas.getBoundingClientRect();
  return canvas.width === Math.max(1, Math.round(box.width * devicePixelRatio))
      && canvas.height === Math.max(1, Math.round(box.height * devicePixelRatio));
}
"""


@pytest.fixture(scope='module')
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the signature pad app, started for this module and always stopped afterwards."""
    folder = tmp_path_factory.mktemp('signature_pad_app')
    with serve(APP_FILE, folder, {'CUSTOMER_PAD_PORT': str(free_port())}) as url:
        yield url + '/'



@pytest.fixture
def open_pad(browser: Browser, app_url: str) -> Iterator[Callable[..., Page]]:
    """Opens the pad page in a fresh browser context, 1024×768 unless told otherwise."""
    contexts = []

    def open_page(query: str = 'lang=fr', width: int = 1024, height: int = 768, has_touch: bool = False) -> Page:
        context = browser.new_context(viewport={'width': width, 'height': height}, device_scale_factor=2,
                                      has_touch=has_touch)
        context.set_default_timeout(SERVER_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f'{app_url}?{query}')
        page.locator('.signature-pad canvas').wait_for()
        page.wait_for_function(CANVAS_FITS_PAD_JS)
        return page

    yield open_page
    for context in contexts:
        context.close()


def draw(page: Page, strokes: list[Stroke]) -> None:
    """Drag the mouse along each stroke over the canvas, pressing the button for each one."""
    box = page.locator('.signature-pad canvas').bounding_box()
    assert box is not None

    def at(x: float, y: float) -> tuple[float, float]:
        return box['x'] + x * box['width'], box['y'] + y * box['height']

    for stroke in strokes:
        page.mouse.move(*at(*stroke[0]))
        page.mouse.down()
        for point in stroke[1:]:
            page.mouse.move(*at(*point), steps=2)
        page.mouse.up()


def inked_pixels(page: Page) -> int:
    """How many canvas pixels hold ink."""
    return page.evaluate(INKED_PIXELS_JS)


def ink_box(page: Page) -> tuple[float, float, float, float] | None:
    """The box around the ink as fractions of the canvas (left, top, right, bottom), None when blank."""
    box = page.evaluate(INK_BOX_JS)
    return tuple(box) if box else None


def settle_resize(page: Page, width: int, height: int) -> None:
    """Resize the viewport and wait until the pad has resized its canvas."""
    page.set_viewport_size({'width': width, 'height': height})
    page.wait_for_function(CANVAS_FITS_PAD_JS)
    page.wait_for_timeout(200)  # the ResizeObserver redraws in its own frame


def test_drawn_signature_reaches_the_server_survives_rotation_and_can_be_cleared(open_pad: Callable[..., Page]) -> None:
    page = open_pad()
    strokes_received = page.get_by_test_id('strokes-received')
    digest = page.get_by_test_id('payload-digest')
    expect(strokes_received).to_have_text('0')
    assert inked_pixels(page) == 0

    draw(page, SIGNATURE_STROKES)
    expect(strokes_received).to_have_text('3')
    expect(page.get_by_test_id('verdict')).to_have_text('valid')
    assert inked_pixels(page) > 1000

    page.get_by_role('button', name='Effacer').click()
    expect(strokes_received).to_have_text('0')
    assert inked_pixels(page) == 0

    draw(page, SIGNATURE_STROKES)
    expect(strokes_received).to_have_text('3')
    received = digest.inner_text()
    drawn = ink_box(page)
    assert drawn is not None

    settle_resize(page, 768, 1024)
    assert ink_box(page) == pytest.approx(drawn, abs=0.02)
    settle_resize(page, 390, 844)  # the phone's pad is relatively taller: the drawing is fitted, not stretched
    on_phone = ink_box(page)
    assert on_phone is not None
    assert (on_phone[0], on_phone[2]) == pytest.approx((drawn[0], drawn[2]), abs=0.02)
    assert on_phone[3] - on_phone[1] < drawn[3] - drawn[1]
    settle_resize(page, 1024, 768)
    assert ink_box(page) == pytest.approx(drawn, abs=0.02)
    expect(digest).to_have_text(received)
    expect(strokes_received).to_have_text('3')


def test_signature_set_on_the_server_is_drawn_and_cleared_from_the_server(open_pad: Callable[..., Page]) -> None:
    page = open_pad()
    strokes_received = page.get_by_test_id('strokes-received')

    page.get_by_role('button', name='Preload').click()
    expect(strokes_received).to_have_text('2')
    page.wait_for_function(f'({INKED_PIXELS_JS})() > 1000')
    preloaded = ink_box(page)

    page.get_by_role('button', name='Effacer').click()
    expect(strokes_received).to_have_text('0')
    page.get_by_role('button', name='Preload').click()  # the same signature again, after the customer cleared it
    expect(strokes_received).to_have_text('2')
    page.wait_for_function(f'({INKED_PIXELS_JS})() > 1000')
    assert ink_box(page) == preloaded

    page.get_by_role('button', name='Clear from server').click()
    expect(strokes_received).to_have_text('0')
    page.wait_for_function(f'({INKED_PIXELS_JS})() === 0')
    expect(page.get_by_role('button', name='Effacer')).to_be_disabled()

    draw(page, SIGNATURE_STROKES[:1])
    expect(strokes_received).to_have_text('1')


def test_pad_created_with_a_saved_signature_shows_it(open_pad: Callable[..., Page]) -> None:
    page = open_pad('lang=fr&preloaded=true')
    expect(page.get_by_test_id('strokes-received')).to_have_text('2')
    page.wait_for_function(f'({INKED_PIXELS_JS})() > 1000')
    expect(page.get_by_role('button', name='Effacer')).to_be_enabled()
    expect(page.locator('.signature-pad__hint')).to_have_count(0)


def test_signing_with_a_finger_draws_without_scrolling_the_page(open_pad: Callable[..., Page]) -> None:
    page = open_pad(width=390, height=844, has_touch=True)
    page.evaluate("document.body.style.minHeight = '3000px'")  # a page that could scroll
    box = page.locator('.signature-pad canvas').bounding_box()
    assert box is not None
    touch = page.context.new_cdp_session(page)

    def finger(kind: str, x: float, y: float) -> None:
        points = [] if kind == 'touchEnd' else [{'x': box['x'] + x * box['width'], 'y': box['y'] + y * box['height']}]
        touch.send('Input.dispatchTouchEvent', {'type': kind, 'touchPoints': points})

    finger('touchStart', 0.2, 0.2)
    for step in range(1, 31):  # a zigzag going down, which would scroll the page if the pad let it
        finger('touchMove', 0.2 + 0.5 * step / 30, 0.2 + 0.6 * step / 30 + 0.15 * math.sin(step))
    finger('touchEnd', 0, 0)

    expect(page.get_by_test_id('strokes-received')).to_have_text('1')
    assert page.evaluate('window.scrollY') == 0
    assert inked_pixels(page) > 0


def test_straight_line_drawn_on_the_pad_is_not_accepted(open_pad: Callable[..., Page]) -> None:
    page = open_pad()
    draw(page, [[(0.1 + 0.8 * t / 40, 0.6) for t in range(41)]])
    expect(page.get_by_test_id('strokes-received')).to_have_text('1')
    expect(page.get_by_test_id('verdict')).to_have_text('signature.too_little_ink')


def test_pad_labels_follow_the_language(open_pad: Callable[..., Page]) -> None:
    page = open_pad('lang=de')
    expect(page.get_by_role('button', name='Löschen')).to_be_visible()
    expect(page.locator('.signature-pad__hint')).to_have_text('Hier unterschreiben')
    expect(page.get_by_role('img', name='Unterschriftsfeld')).to_be_visible()

"""Signing with a real pointer drag on the pad's canvas, as a finger or a mouse does."""

from playwright.sync_api import Locator, Page

# A handwritten-looking signature: three strokes in pad fractions (x, y).
SIGNATURE_STROKES: tuple[tuple[tuple[float, float], ...], ...] = (
    ((0.12, 0.62), (0.18, 0.30), (0.24, 0.70), (0.30, 0.35), (0.36, 0.66)),
    ((0.40, 0.55), (0.48, 0.40), (0.56, 0.62), (0.64, 0.38), (0.72, 0.60), (0.80, 0.45)),
    ((0.20, 0.80), (0.50, 0.76), (0.85, 0.82)),
)


def draw_signature(page: Page, pad: Locator | None = None) -> None:
    """Draw `SIGNATURE_STROKES` on the (first visible) signature pad with mouse down / move / up."""
    canvas = (pad or page.locator('.signature-pad').first).locator('canvas')
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None, 'the signature pad is not visible'
    for stroke in SIGNATURE_STROKES:
        x, y = stroke[0]
        page.mouse.move(box['x'] + x * box['width'], box['y'] + y * box['height'])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box['x'] + x * box['width'], box['y'] + y * box['height'], steps=6)
        page.mouse.up()
    page.wait_for_timeout(200)  # the pad sends the strokes at the end of each stroke

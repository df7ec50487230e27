"""The look shared by every page: colours and the stylesheet."""

from nicegui import ui

PRIMARY = '#0f4c5c'


def apply_theme() -> None:
    """Boutique colours and large touch targets (assets/app.css)."""
    ui.colors(primary=PRIMARY, secondary='#b08d57', accent='#b08d57')
    ui.add_head_html('<link rel="stylesheet" href="/assets/app.css">')

"""The bare NiceGUI app the browser rows compare with: a hello page, and a button that updates a label.

Run as a script with the port in `BENCH_PORT`: ``BENCH_PORT=8123 python bench/bare_app.py``.
"""

import os

from nicegui import ui


@ui.page('/')
def hello_page() -> None:
    ui.label('Hello')


@ui.page('/button')
def button_page() -> None:
    clicks = {'count': 0}
    label = ui.label('clicked 0').classes('bench-label')

    def click() -> None:
        clicks['count'] += 1
        label.set_text(f'clicked {clicks["count"]}')

    ui.button('Go', on_click=click)


if __name__ in {'__main__', '__mp_main__'}:
    ui.run(host='127.0.0.1', port=int(os.environ['BENCH_PORT']), title='Bare', reload=False, show=False)

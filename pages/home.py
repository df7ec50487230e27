"""Home: the three large buttons of the manual."""

from nicegui import ui

from components.frame import frame
from components.localisation import t
from customer_pad.auth import SessionUser


async def home_page(user: SessionUser) -> None:
    async with frame(user):
        with ui.column().classes('w-full max-w-xl mx-auto gap-6 pt-8'):
            for key, target, icon in (
                ('home.new_customer', '/customer/new', 'person_add'),
                ('home.modify_customer', '/customer/modify', 'manage_accounts'),
                ('home.wishlist', '/wishlist', 'watch'),
            ):
                ui.button(t(key), icon=icon, on_click=lambda target=target: ui.navigate.to(target)) \
                    .props('unelevated no-caps size=xl').classes('cp-home-button w-full').mark(target)
            # staff see the wishlists and customers there; managers everything (pages/backoffice/nav.py)
            ui.button(t('backoffice.home_link'), icon='inventory_2',
                      on_click=lambda: ui.navigate.to('/backoffice/wishlists')) \
                .props('outline no-caps').classes('self-center').mark('/backoffice/wishlists')

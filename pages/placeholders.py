"""Screens whose issue has not landed yet: they say so instead of showing half a form."""

from nicegui import ui

from components.frame import frame
from components.localisation import t
from customer_pad.auth import SessionUser


async def _coming(user: SessionUser, title_key: str) -> None:
    async with frame(user, t(title_key)):
        ui.label(t('common.coming')).classes('text-lg')
        ui.button(t('common.home'), on_click=lambda: ui.navigate.to('/')).props('unelevated')

"""Login audit for managers: every log-in attempt with time, user name, outcome and client address."""

from nicegui import ui

from components.background import call
from components.frame import frame
from components.localisation import t
from customer_pad import auth
from customer_pad.auth import SessionUser
from customer_pad.dates import format_datetime
from pages.backoffice.nav import backoffice_nav

PATH = '/backoffice/login-audit'
PAGE_SIZE = 50


async def login_audit_page(user: SessionUser, page: int = 1) -> None:
    page = max(1, page)
    rows, total = await call(auth.login_audit, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    async with frame(user, t('audit.title')):
        backoffice_nav(user, PATH)
        columns = [
            {'name': 'at', 'label': t('audit.when'), 'field': 'at', 'align': 'left'},
            {'name': 'username', 'label': t('audit.username'), 'field': 'username', 'align': 'left'},
            {'name': 'outcome', 'label': t('audit.result'), 'field': 'outcome', 'align': 'left'},
            {'name': 'address', 'label': t('audit.address'), 'field': 'address', 'align': 'left'},
        ]
        table_rows = [{'id': row.id, 'at': format_datetime(row.attempted_at), 'username': row.username,
                       'outcome': t(f'audit.outcome.{row.outcome}'), 'address': row.client_address}
                      for row in rows]
        # keyed by id: several attempts share a minute, and rows with the same key would be dropped
        ui.table(columns=columns, rows=table_rows, row_key='id').props('flat bordered dense') \
            .classes('w-full cp-card').mark('login-audit')
        pages = max(1, -(-total // PAGE_SIZE))
        if pages > 1:
            ui.pagination(1, pages, value=page, direction_links=True,
                          on_change=lambda event: ui.navigate.to(f'{PATH}?page={event.value}'))

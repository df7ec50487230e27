"""Several app instances on one PostgreSQL database with sessions in Redis (the README's set-up)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import text
from sqlalchemy.engine import make_url

from customer_pad.config import PROJECT_DIR, normalise_database_url
from tests.browser.conftest import TABLET, free_port, log_in, serve
from tests.conftest import POSTGRES_URL, admin_engine

REDIS_URL = os.environ.get('CUSTOMER_PAD_TEST_REDIS_URL', '')
# The test server trusts local connections, so any password gets in: one that must never show anywhere.
DATABASE_PASSWORD = f'db-password-{uuid.uuid4().hex}'

if os.environ.get('CI') and not REDIS_URL:
    raise RuntimeError('CI must set CUSTOMER_PAD_TEST_REDIS_URL: the several-instances test may not be left out')

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (POSTGRES_URL and REDIS_URL), reason='needs CUSTOMER_PAD_TEST_POSTGRES_URL and '
                       'CUSTOMER_PAD_TEST_REDIS_URL (CI sets both)'),
]


@pytest.fixture
def shared_database(postgres_template: str) -> Iterator[str]:
    name = f'cp_instances_{uuid.uuid4().hex[:10]}'
    admin = admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE {name} TEMPLATE {postgres_template}'))
    url = make_url(normalise_database_url(POSTGRES_URL)).set(database=name, password=DATABASE_PASSWORD)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
    admin.dispose()


def _instance_environment(database_url: str, folder: Path, secret: str, prefix: str) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        'CUSTOMER_PAD_DATABASE_URL': database_url,
        'CUSTOMER_PAD_DATA_DIR': str(folder / 'data'),
        'CUSTOMER_PAD_PORT': str(free_port()),
        'CUSTOMER_PAD_STORAGE_SECRET': secret,
        'NICEGUI_REDIS_URL': REDIS_URL,
        'NICEGUI_REDIS_KEY_PREFIX': prefix,
    }


def test_a_login_and_a_draft_are_shared_by_instances_survive_one_stopping_and_no_secret_shows(
        browser: Browser, shared_database: str, tmp_path: Path) -> None:
    secret, prefix = uuid.uuid4().hex, f'customer-pad-test-{uuid.uuid4().hex[:8]}:'
    with ExitStack() as first_instance:
        first = first_instance.enter_context(serve(
            PROJECT_DIR / 'main.py', tmp_path / 'a', _instance_environment(shared_database, tmp_path / 'a', secret,
                                                                          prefix), ready_path='/login'))
        with serve(PROJECT_DIR / 'main.py', tmp_path / 'b',
                   _instance_environment(shared_database, tmp_path / 'b', secret, prefix),
                   ready_path='/login') as second:
            # one browser, as behind a load balancer: cookies are per host, so both instances see the same one
            context = browser.new_context(viewport=TABLET, base_url=first)
            context.set_default_timeout(20_000)
            page = context.new_page()
            log_in(page, 'andre')

            page.goto(f'{second}/')
            expect(page.get_by_role('button', name='Nouveau client')).to_be_visible()

            page.goto(f'{first}/customer/new')
            page.get_by_label('Nom de famille*').fill('Redis-Dufour')
            page.get_by_label('Prénom').fill('Geoffrey')
            page.wait_for_timeout(800)  # the change travels to the server and on to Redis

            first_instance.close()  # the first instance stops

            page.goto(f'{second}/customer/new')
            expect(page.get_by_label('Nom de famille*')).to_have_value('Redis-Dufour')
            expect(page.get_by_label('Prénom')).to_have_value('Geoffrey')
            shown = [page.content(), page.request.get(f'{second}/login').text(),
                     page.request.get(f'{second}/backoffice/customers').text()]
            context.close()
    logs = [(tmp_path / instance / 'server.log').read_text() for instance in ('a', 'b')]
    for text_seen in (*shown, *logs):  # neither secret reaches a page or a log
        assert secret not in text_seen and DATABASE_PASSWORD not in text_seen

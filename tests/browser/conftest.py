"""Real-browser tests: the app as a subprocess on a free port, driven by Playwright in Debian's Chromium."""

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from sqlalchemy import create_engine, text

from customer_pad.config import PROJECT_DIR
from tests.conftest import sqlite_copy
from tests.support.server import free_port, run_server

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update']
TABLET = {'width': 1024, 'height': 768}
PHONE = {'width': 390, 'height': 844}


@contextmanager
def serve(script: Path, folder: Path, environment: dict[str, str], ready_path: str = '/') -> Iterator[str]:
    """Run `script` as a server process until the block ends; yields its base URL. `environment` must name the
    port as CUSTOMER_PAD_PORT."""
    url = f'http://127.0.0.1:{environment["CUSTOMER_PAD_PORT"]}'
    with run_server(script, folder, environment, url + ready_path, folder / 'server.log', seconds=60):
        yield url


@pytest.fixture(scope='session')
def app_database_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database `app_server` runs on (a fresh copy of the demo database): point `customer_pad.db.configure`
    at it to check through the services what the browser stored."""
    return sqlite_copy(sqlite_template, tmp_path_factory.mktemp('browser-app-database'))


@pytest.fixture(scope='session')
def app_server(app_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a fresh copy of the demo database (`app_database_url`); its base URL."""
    folder = tmp_path_factory.mktemp('browser-app')
    with serve(PROJECT_DIR / 'main.py', folder, {
        'CUSTOMER_PAD_DATABASE_URL': app_database_url,
        'CUSTOMER_PAD_DATA_DIR': str(folder / 'data'),
        'CUSTOMER_PAD_PORT': str(free_port()),
        'CUSTOMER_PAD_HOST': '127.0.0.1',
        'CUSTOMER_PAD_STORAGE_SECRET': uuid.uuid4().hex,
    }, ready_path='/login') as url:
        yield url


@pytest.fixture(scope='module')
def browser() -> Iterator[Browser]:
    """Chromium for one test module: Playwright's sync API holds an event loop, which async tests after it
    cannot share, so it is closed at the end of each module."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError('Chromium is missing: `make test` installs it (apt-get install chromium)')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, app_server: str, app_database_url: str) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) at tablet size; the demo logins start in French, as themselves
    (a test that switched the language or the acting employee must not change the next one's screens)."""
    engine = create_engine(app_database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE login SET language = 'fr', acting_employee_id = NULL"))
    engine.dispose()
    context = browser.new_context(viewport=TABLET, base_url=app_server, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def log_in(page: Page, username: str = 'andre', password: str = 'customerpad') -> None:
    """Log in through the form, as a person would, and wait for the home page."""
    page.goto('/login')
    page.get_by_label("Nom d'utilisateur*").fill(username)
    page.get_by_label('Mot de passe*').fill(password)
    page.get_by_role('button', name='Se connecter').click()
    page.get_by_role('button', name='Nouveau client').wait_for()


def unlock(page: Page, secret: str = 'customerpad') -> None:
    """On the hand-back screen: staff end customer mode with their PIN or password."""
    page.get_by_label('Code PIN ou mot de passe*').fill(secret)
    page.get_by_role('button', name='Déverrouiller').click()
    page.get_by_role('button', name='Accueil').wait_for()

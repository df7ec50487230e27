"""Shared fixtures: a migrated, seeded database per test (SQLite always, PostgreSQL when configured)."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from customer_pad import db, demo
from customer_pad.config import normalise_database_url
from customer_pad.migrate import upgrade

POSTGRES_URL = os.environ.get('CUSTOMER_PAD_TEST_POSTGRES_URL', '')
BACKENDS = ['sqlite', 'postgresql'] if POSTGRES_URL else ['sqlite']

if os.environ.get('CI') and not POSTGRES_URL:
    raise RuntimeError('CI must set CUSTOMER_PAD_TEST_POSTGRES_URL: the PostgreSQL tests may not be left out there')


def _prepare(url: str) -> None:
    upgrade(url)
    db.configure(url)
    demo.seed_demo()
    db.engine().dispose()


@pytest.fixture(scope='session')
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the schema and the demo data, made once per test run and copied per test."""
    path = tmp_path_factory.mktemp('template') / 'template.sqlite3'
    _prepare(f'sqlite:///{path}')
    with create_engine(f'sqlite:///{path}').connect() as connection:
        connection.exec_driver_sql('PRAGMA wal_checkpoint(TRUNCATE)')
    return path


def admin_engine():
    return create_engine(normalise_database_url(POSTGRES_URL), isolation_level='AUTOCOMMIT')


@pytest.fixture(scope='session')
def postgres_template() -> Iterator[str]:
    """A PostgreSQL database with the schema and demo data, cloned (CREATE DATABASE … TEMPLATE) per test."""
    name = f'cp_template_{os.getpid()}'
    admin = admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS {name}'))
        connection.execute(text(f'CREATE DATABASE {name}'))
    _prepare(make_url(normalise_database_url(POSTGRES_URL)).set(database=name).render_as_string(hide_password=False))
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
    admin.dispose()


def sqlite_copy(template: Path, folder: Path) -> str:
    """A fresh copy of the template database; returns its URL."""
    target = folder / 'customer_pad.sqlite3'
    shutil.copyfile(template, target)
    return f'sqlite:///{target}'


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The app configured on a fresh seeded database; the test runs once per backend."""
    if request.param == 'sqlite':
        url = sqlite_copy(request.getfixturevalue('sqlite_template'), tmp_path)
        db.configure(url)
        yield url
        db.engine().dispose()
        return
    template = request.getfixturevalue('postgres_template')
    name = f'cp_test_{uuid.uuid4().hex[:12]}'
    admin = admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE {name} TEMPLATE {template}'))
    url = make_url(normalise_database_url(POSTGRES_URL)).set(database=name).render_as_string(hide_password=False)
    db.configure(url)
    yield url
    db.engine().dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def app_environment(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Environment for main.py in page tests: a fresh SQLite copy and its own data folder."""
    url = sqlite_copy(sqlite_template, tmp_path)
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', url)
    monkeypatch.setenv('CUSTOMER_PAD_DATA_DIR', str(tmp_path / 'data'))
    monkeypatch.setenv('CUSTOMER_PAD_STORAGE_SECRET', 'test-secret-' + uuid.uuid4().hex)
    monkeypatch.delenv('CUSTOMER_PAD_DEFAULT_LANGUAGE', raising=False)
    return url

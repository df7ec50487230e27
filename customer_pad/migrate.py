"""Apply the Alembic migrations in `customer_pad/migrations` (the running app never uses create_all)."""

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from customer_pad.db import READS_ONLY

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / 'migrations'
HEAD_REVISION = '0006'
"""The newest migration in `migrations/versions` (a test keeps it so): a database there needs no Alembic at start."""


def alembic_config(database_url: str) -> 'Config':
    """An Alembic configuration for `database_url` without an alembic.ini file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option('script_location', str(MIGRATIONS_DIR))
    config.set_main_option('sqlalchemy.url', database_url.replace('%', '%%'))
    return config


def upgrade(database_url: str, revision: str = 'head') -> None:
    """Bring the database at `database_url` up to `revision`."""
    from alembic import command  # loaded only when there is something to do: it costs a third of a start-up

    command.upgrade(alembic_config(database_url), revision)


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None: not migrated yet)."""
    with engine.connect().execution_options(**{READS_ONLY: True}) as connection:  # no write lock for one row
        if not inspect(connection).has_table('alembic_version'):
            return None
        return connection.execute(text('SELECT version_num FROM alembic_version')).scalar()


def upgrade_if_behind(database_url: str, engine: Engine) -> None:
    """At start-up: migrate only a database that is not at `HEAD_REVISION` yet (one row read otherwise)."""
    if current_revision(engine) != HEAD_REVISION:
        upgrade(database_url)

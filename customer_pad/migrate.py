"""Apply the Alembic migrations in `customer_pad/migrations` (the running app never uses create_all)."""

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / 'migrations'


def alembic_config(database_url: str) -> Config:
    """An Alembic configuration for `database_url` without an alembic.ini file."""
    config = Config()
    config.set_main_option('script_location', str(MIGRATIONS_DIR))
    config.set_main_option('sqlalchemy.url', database_url.replace('%', '%%'))
    return config


def upgrade(database_url: str, revision: str = 'head') -> None:
    """Bring the database at `database_url` up to `revision`."""
    command.upgrade(alembic_config(database_url), revision)

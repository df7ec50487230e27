"""Backups of the SQLite database with SQLite's online backup API (consistent while the app runs)."""

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupNotSupported(Exception):
    """The database is not a SQLite file (PostgreSQL is backed up with pg_dump)."""


def sqlite_path(database_url: str) -> Path:
    """The file behind a SQLite URL; `BackupNotSupported` for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != 'sqlite' or not url.database or url.database == ':memory:':
        raise BackupNotSupported(url.get_backend_name())
    return Path(url.database)


class NotASQLiteDatabase(Exception):
    """The file to copy from is missing or is not a SQLite database: nothing was written."""


def _copy(source: Path, target: Path) -> None:
    # Read-only, so a missing source is an error rather than a new empty database, checked before the target is
    # touched, so a file that is no database never overwrites the live one.
    try:
        origin = sqlite3.connect(f'{source.resolve().as_uri()}?mode=ro', uri=True)
    except sqlite3.DatabaseError as error:
        raise NotASQLiteDatabase(source) from error
    try:
        origin.execute('SELECT count(*) FROM sqlite_master').fetchone()
    except sqlite3.DatabaseError as error:
        origin.close()
        raise NotASQLiteDatabase(source) from error
    target.parent.mkdir(parents=True, exist_ok=True)
    with origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


def backup_database(database_url: str, target: Path) -> Path:
    """Write a consistent copy of the live database to `target` (which must not exist yet)."""
    source = sqlite_path(database_url)
    if target.exists():
        raise FileExistsError(target)
    _copy(source, target)
    return target


def restore_database(database_url: str, backup: Path) -> Path:
    """Replace the database's content with the backup's (stop the app first)."""
    if not backup.is_file():
        raise FileNotFoundError(backup)
    target = sqlite_path(database_url)
    _copy(backup, target)
    return target

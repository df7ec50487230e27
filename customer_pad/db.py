"""The engine and one unit of work per service call."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from customer_pad.errors import StorageUnavailable

SQLITE_BUSY_TIMEOUT_MS = 5000

_lock = threading.Lock()
_engine: Engine | None = None
_session_factory: sessionmaker[Session] | None = None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.execute('PRAGMA foreign_keys=ON')
    cursor.execute(f'PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}')
    cursor.execute('PRAGMA synchronous=NORMAL')
    cursor.close()


READS_ONLY = 'customer_pad_reads_only'
"""Execution option of `read_only()` connections: their SQLite transaction takes no write lock."""


def _sqlite_begin(connection: Any) -> None:
    # Take the write lock at BEGIN: a deferred transaction that reads and then writes fails at once with
    # "database is locked" when another writer got in between, instead of waiting for the busy timeout.
    # A transaction that only reads needs no lock: under WAL it reads beside the writers.
    reads_only = connection.get_execution_options().get(READS_ONLY, False)
    connection.exec_driver_sql('BEGIN' if reads_only else 'BEGIN IMMEDIATE')


def create_database_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == 'sqlite':
        if parsed.database and parsed.database != ':memory:':
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={'check_same_thread': False, 'timeout': SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, 'connect', _sqlite_pragmas)
        event.listen(engine, 'begin', _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def configure(url: str) -> Engine:
    """Point the app at the database `url` (replaces any earlier engine)."""
    global _engine, _session_factory  # the process has one database
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = create_database_engine(url)
        _session_factory = sessionmaker(_engine, expire_on_commit=False)
        return _engine


def engine() -> Engine:
    """The configured engine (configured from the settings on first use)."""
    if _engine is None:
        from customer_pad.config import load_settings

        configure(load_settings().database_url)
    assert _engine is not None
    return _engine


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back on any error.

    A database that refuses the write (locked, unreachable) is reported as `StorageUnavailable`.
    """
    engine()
    assert _session_factory is not None
    try:
        with _session_factory.begin() as session:
            yield session
    except OperationalError as error:
        raise StorageUnavailable(str(error.orig)) from error


def serialise(session: Session, key: int) -> None:
    """Let one transaction at a time past this point for `key`, until it ends (a PostgreSQL advisory lock;
    SQLite transactions begin IMMEDIATE and so are one at a time already)."""
    if session.get_bind().dialect.name == 'postgresql':
        session.execute(text('SELECT pg_advisory_xact_lock(:key)'), {'key': key})


@contextmanager
def read_only(*, snapshot: bool = False) -> Iterator[Connection]:
    """A connection that only reads: for look-ups done at every keystroke, the letters and the signing screen.

    On SQLite the reads share one transaction that takes no write lock, rolled back at the end. On PostgreSQL each
    statement reads on its own (autocommit): no BEGIN and ROLLBACK round trips, which cost a quarter of a
    millisecond each on every look-up, at the price of statements not sharing one snapshot. None of the callers
    needs that: a second statement seeing a save the first did not see shows that save, nothing inconsistent.
    `snapshot=True` is for reads that compare tables with each other (the evidence check): on PostgreSQL they then
    share one REPEATABLE READ transaction; SQLite's transaction is one snapshot already.

    A database that cannot be read (locked, unreachable) is reported as `StorageUnavailable`.
    """
    options: dict[str, Any] = {READS_ONLY: True}
    if engine().dialect.name == 'postgresql':
        options['isolation_level'] = 'REPEATABLE READ' if snapshot else 'AUTOCOMMIT'
    try:
        with engine().connect().execution_options(**options) as connection:
            yield connection
    except OperationalError as error:
        raise StorageUnavailable(str(error.orig)) from error


@contextmanager
def read_session(*, snapshot: bool = False) -> Iterator[Session]:
    """`read_only()` with an ORM session on it, for reads that want mapped objects (no write lock on SQLite)."""
    with read_only(snapshot=snapshot) as connection, Session(connection) as session:
        yield session

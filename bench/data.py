"""The bench database: the demo data plus generated customers, built once per size and schema, then reused.

Generated customers have Swiss names and towns (with accents), one phone contact, a "created" history row and two
consent records each (legal accepted, marketing accepted or declined). They are written in batches of 20,000 rows
with the driver's executemany on SQLite (secondary indexes dropped during the load, built once after it) and COPY
on PostgreSQL, never one ORM object at a time. Their consent fingerprints are plausible hex, not a valid evidence
chain (`python -m customer_pad verify` reports them), and they carry no signature or customer
snapshot; the wishlist entries generated for the letter rows do have signatures.

SQLite: the finished file is kept in `bench/.cache/` (named by size, schema revision and generator version) and
every run works on a copy. PostgreSQL: the finished database is kept as a template on the server and every run
works on a clone of it.
"""

import random
import sqlite3
from bisect import bisect
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

import psycopg
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url

from bench.names import (
    CHARACTERISTICS,
    FIRST_NAMES,
    LAST_NAMES,
    STREETS,
    SURNAME_ENDINGS,
    SURNAME_ROOTS,
    TOWNS,
    WATCHES,
)
from customer_pad import db, demo
from customer_pad.config import normalise_database_url
from customer_pad.migrate import alembic_config, upgrade
from customer_pad.search import article_search_text, fold_for_search
from customer_pad.services.consents import SigningContext, current_legal_texts
from customer_pad.services.wishlists import sign_wishlist
from customer_pad.signatures import parse_signature
from models import Employee, LegalText, WishlistEntry

CACHE_DIR = Path(__file__).resolve().parent / '.cache'
GENERATOR_VERSION = 2
"""Raise it when the generated data changes, so that cached databases are built again."""
BATCH_ROWS = 20_000
FIRST_NUMBER = 100_000
SEED = 20_261_205
FIRST_WISHLIST_NUMBER = 101
"""Generated wishlist entries are numbered from here (the demo's are 1 to 5)."""
SIGNED_ENTRY = 3
"""The demo's wishlist entry signed at build time (the letter PDF row prints it)."""
USER_AGENT = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148'
SIGNATURE = ('{"v":1,"aspect":2.5,"strokes":[[[0.12,0.62],[0.18,0.3],[0.24,0.7],[0.3,0.35],[0.36,0.66]],'
             '[[0.4,0.55],[0.48,0.4],[0.56,0.62],[0.64,0.38],[0.72,0.6],[0.8,0.45]],'
             '[[0.2,0.8],[0.5,0.76],[0.85,0.82]]]}')
TAIL_SHARE = 0.6
"""Share of customers whose surname comes from the generated long tail rather than the listed names."""
LANGUAGE_WEIGHTS = {'fr': 45, 'de': 35, 'it': 12, 'en': 8}


@dataclass(frozen=True)
class BenchDatabase:
    """A database to run on and what the rows need to know about it."""

    url: str
    customers: int
    wishlist_numbers: tuple[int, ...]
    """Generated wishlist entries (every other one signed), for the batch of letters."""

    def customer_number(self, index: int) -> int:
        """The number of generated customer `index` (0-based)."""
        return customer_number(index)


def customer_number(index: int) -> int:
    """Generated customers are numbered from 100000 up, around the demo's 202350-202356."""
    number = FIRST_NUMBER + index
    demo_numbers = [row[0] for row in demo.DEMO_CUSTOMERS]
    return number + len(demo_numbers) if number >= min(demo_numbers) else number


def wishlist_count(customers: int, batch: int) -> int:
    """Generated wishlist entries: one per hundred customers, at least a batch of letters."""
    return max(batch, customers // 100)


def schema_revision() -> str:
    """The newest migration (a cached database of an older schema is built again)."""
    head = ScriptDirectory.from_config(alembic_config('sqlite://')).get_current_head()
    assert head is not None
    return head


def _cache_name(customers: int, wishlists: int) -> str:
    return f'customers-{customers}-wishlists-{wishlists}-schema-{schema_revision()}-g{GENERATOR_VERSION}'


# --- generating rows ----------------------------------------------------------------------------------------

CUSTOMER_COLUMNS = ('id', 'number', 'salutation', 'title', 'first_name', 'last_name', 'company', 'birth_date',
                    'language', 'sales_advisor_id', 'branch_id', 'street', 'po_box', 'postal_code', 'city',
                    'country_code', 'email', 'mobile', 'search_name', 'search_city', 'search_email', 'created_at',
                    'updated_at', 'version')
CONTACT_COLUMNS = ('id', 'customer_id', 'position', 'kind', 'value')
CHANGE_COLUMNS = ('id', 'customer_id', 'changed_at', 'employee_id', 'field', 'old_value', 'new_value')
CONSENT_COLUMNS = ('id', 'customer_id', 'purpose', 'legal_text_id', 'text_version', 'text_sha256', 'accepted',
                   'withdrawal', 'reason', 'signature_id', 'wishlist_entry_id', 'recorded_at', 'employee_id',
                   'branch_id', 'user_agent', 'customer_snapshot', 'previous_fingerprint', 'fingerprint')
SIGNATURE_COLUMNS = ('id', 'strokes_json', 'aspect', 'min_x', 'min_y', 'max_x', 'max_y', 'sha256', 'created_at',
                     'previous_fingerprint', 'fingerprint')
ARTICLE_COLUMNS = ('id', 'category', 'brand', 'model', 'reference', 'search_text')
CHARACTERISTIC_COLUMNS = ('id', 'article_id', 'position', 'name', 'value')
ENTRY_COLUMNS = ('id', 'number', 'customer_id', 'article_id', 'branch_id', 'priority', 'status', 'remarks',
                 'created_on', 'created_by_id', 'version')
EVENT_COLUMNS = ('id', 'entry_id', 'occurred_at', 'kind', 'employee_id', 'remarks', 'creator_id')

Table = tuple[str, tuple[str, ...]]
CUSTOMERS: Table = ('customer', CUSTOMER_COLUMNS)
CONTACTS: Table = ('customer_contact', CONTACT_COLUMNS)
CHANGES: Table = ('customer_change', CHANGE_COLUMNS)
CONSENTS: Table = ('consent_record', CONSENT_COLUMNS)
SIGNATURES: Table = ('signature', SIGNATURE_COLUMNS)
ARTICLES: Table = ('article', ARTICLE_COLUMNS)
CHARACTERISTIC_ROWS: Table = ('article_characteristic', CHARACTERISTIC_COLUMNS)
ENTRIES: Table = ('wishlist_entry', ENTRY_COLUMNS)
EVENTS: Table = ('wishlist_event', EVENT_COLUMNS)
TABLES: tuple[Table, ...] = (CUSTOMERS, CONTACTS, CHANGES, CONSENTS, SIGNATURES, ARTICLES, CHARACTERISTIC_ROWS,
                             ENTRIES, EVENTS)


@dataclass(frozen=True)
class _Context:
    branch_id: int
    employee_ids: tuple[int, ...]
    legal_texts: dict[tuple[str, str], tuple[int, int, str]]
    """(purpose, language) → (id, version, sha256) of the newest text."""
    first_ids: dict[str, int]
    """table → the first free id."""


def _context(engine: Engine) -> _Context:
    with engine.connect() as connection:
        employees = tuple(connection.scalars(select(Employee.id).order_by(Employee.id)))
        branch_id = connection.scalar(select(Employee.branch_id).limit(1))
        texts = {}
        for row in connection.execute(select(LegalText.id, LegalText.purpose, LegalText.language, LegalText.version,
                                             LegalText.sha256).order_by(LegalText.version)):
            texts[(row.purpose, row.language)] = (row.id, row.version, row.sha256)
        first_ids = {name: (connection.scalar(text(f'SELECT max(id) FROM {name}')) or 0) + 1 for name, _ in TABLES}
    assert branch_id is not None
    return _Context(branch_id=branch_id, employee_ids=employees, legal_texts=texts, first_ids=first_ids)


class _Generator:
    """Deterministic rows: the same size gives the same data on every machine and backend.

    Values are written as the backend stores them: on SQLite moments are text in SQLAlchemy's format (UTC).
    """

    def __init__(self, context: _Context, sqlite: bool) -> None:
        self.context = context
        self.random = random.Random(SEED)
        listed = [1 / (rank + 4) for rank in range(len(LAST_NAMES))]
        self.last_names = LAST_NAMES + tuple(root + ending for root in SURNAME_ROOTS for ending in SURNAME_ENDINGS)
        tail_weight = sum(listed) * TAIL_SHARE / (1 - TAIL_SHARE) / (len(self.last_names) - len(LAST_NAMES))
        weights = listed + [tail_weight] * (len(self.last_names) - len(LAST_NAMES))
        self.last_cumulative = list(accumulate(weights))
        self.folded = {name: fold_for_search(name) for name in (*self.last_names, *FIRST_NAMES)}
        self.folded_towns = {town: fold_for_search(town) for _, town in TOWNS}
        self.languages = [language for language, weight in LANGUAGE_WEIGHTS.items() for _ in range(weight)]
        self.start = datetime(2010, 1, 1, 9, 0, tzinfo=UTC)
        self.sqlite = sqlite
        self.consent_id = context.first_ids['consent_record']
        self.previous_fingerprint = ''

    def moment(self, value: datetime) -> object:
        return value.replace(tzinfo=None).isoformat(' ', 'microseconds') if self.sqlite else value

    def day(self, value: date) -> object:
        return value.isoformat() if self.sqlite else value

    def fingerprint(self) -> str:
        return f'{self.random.getrandbits(256):064x}'

    def _last_name(self) -> str:
        position = self.random.random() * self.last_cumulative[-1]
        return self.last_names[bisect(self.last_cumulative, position)]

    def customers(self, first_index: int, count: int) -> dict[Table, list[tuple]]:
        """Generated customers `first_index` to `first_index + count - 1` with their contact, history and consents."""
        rows: dict[Table, list[tuple]] = {CUSTOMERS: [], CONTACTS: [], CHANGES: [], CONSENTS: []}
        draw = self.random.random
        ids = self.context.first_ids
        employees = self.context.employee_ids
        branch_id = self.context.branch_id
        for index in range(first_index, first_index + count):
            customer_id = ids['customer'] + index
            number = customer_number(index)
            last = self._last_name()
            if draw() < 0.06:
                last = f'{last}-{self._last_name()}'
            first = FIRST_NAMES[int(draw() * len(FIRST_NAMES))]
            postal_code, town = TOWNS[int(draw() * len(TOWNS))]
            language = self.languages[int(draw() * len(self.languages))]
            created = self.moment(self.start + timedelta(minutes=index * 7 + int(draw() * 7)))
            employee_id = employees[int(draw() * len(employees))]
            folded_last = self.folded.get(last) or fold_for_search(last)
            email = f'{self.folded[first]}.{folded_last}.{number}@example.ch'.replace(' ', '')
            birth_date = self.day(date(1940 + int(draw() * 65), 1 + int(draw() * 12), 1 + int(draw() * 28)))
            salutation = ('mr', 'ms', 'none')[int(draw() * 3)]
            street = f'{STREETS[int(draw() * len(STREETS))]} {1 + int(draw() * 120)}'
            mobile = f'+417{"5689"[int(draw() * 4)]}{int(draw() * 10_000_000):07d}'
            rows[CUSTOMERS].append((
                customer_id, number, salutation, '', first, last, '', birth_date, language, employee_id, branch_id,
                street, '', postal_code, town, 'CH', email, mobile, f'{folded_last} {self.folded[first]}',
                self.folded_towns[town], email, created, created, 1))
            rows[CONTACTS].append((ids['customer_contact'] + index, customer_id, 0, 'phone_private',
                                   f'+4122{int(draw() * 10_000_000):07d}'))
            rows[CHANGES].append((ids['customer_change'] + index, customer_id, created, employee_id, 'created', None,
                                  str(number)))
            rows[CONSENTS].append(self.consent(customer_id, 'legal', language, True, created, employee_id))
            rows[CONSENTS].append(self.consent(customer_id, 'marketing', language, draw() < 0.45, created,
                                               employee_id))
        return rows

    def consent(self, customer_id: int, purpose: str, language: str, accepted: bool, recorded_at: object,
                employee_id: int, *, signature_id: int | None = None, entry_id: int | None = None) -> tuple:
        text_id, version, sha256 = self.context.legal_texts[(purpose, language)]
        fingerprint = self.fingerprint()
        row = (self.consent_id, customer_id, purpose, text_id, version, sha256, accepted, False, '', signature_id,
               entry_id, recorded_at, employee_id, self.context.branch_id, USER_AGENT, '', self.previous_fingerprint,
               fingerprint)
        self.consent_id += 1
        self.previous_fingerprint = fingerprint
        return row

    def wishlists(self, customers: int, entries: int) -> dict[Table, list[tuple]]:
        """Wishlist entries on random generated customers, each with its article; every other one signed."""
        pick = self.random
        ids = self.context.first_ids
        employees = self.context.employee_ids
        signature = parse_signature(SIGNATURE)
        rows: dict[Table, list[tuple]] = {table: [] for table in (SIGNATURES, ARTICLES, CHARACTERISTIC_ROWS, ENTRIES,
                                                                   EVENTS, CONSENTS)}
        characteristic_id = ids['article_characteristic']
        event_id = ids['wishlist_event']
        for index in range(entries):
            brand, model, reference = pick.choice(WATCHES)
            article_id = ids['article'] + index
            entry_id = ids['wishlist_entry'] + index
            customer_id = ids['customer'] + pick.randrange(customers)
            created = datetime(2021, 1, 1, 10, 0, tzinfo=UTC) + timedelta(hours=index * 3)
            employee_id = pick.choice(employees)
            reference = f'{reference}-{index % 1000:04d}'
            rows[ARTICLES].append((article_id, 'Horlogerie | Montre', brand, model, reference,
                                   article_search_text(brand, model, reference)))
            for position, (name, values) in enumerate(pick.sample(CHARACTERISTICS, 3 + pick.randrange(4))):
                rows[CHARACTERISTIC_ROWS].append((characteristic_id, article_id, position, name, pick.choice(values)))
                characteristic_id += 1
            rows[ENTRIES].append((entry_id, FIRST_WISHLIST_NUMBER + index, customer_id, article_id,
                                  self.context.branch_id, 1 + pick.randrange(5),
                                  pick.choice(('open', 'waiting', 'assigned')), '', self.day(created.date()),
                                  employee_id, 1))
            rows[EVENTS].append((event_id, entry_id, self.moment(created), 'opened', employee_id, '', employee_id))
            event_id += 1
            if index % 2:
                continue
            signature_id = ids['signature'] + index // 2
            signed_at = self.moment(created + timedelta(days=1))
            rows[SIGNATURES].append((signature_id, signature.to_json(), signature.aspect, *signature.bounding_box,
                                     signature.sha256, signed_at, '', self.fingerprint()))
            for purpose, accepted in (('wishlist', True), ('legal', True), ('marketing', False)):
                rows[CONSENTS].append(self.consent(customer_id, purpose, 'fr', accepted, signed_at, employee_id,
                                                   signature_id=signature_id, entry_id=entry_id))
            rows[EVENTS].append((event_id, entry_id, signed_at, 'customer_signature', employee_id, '', employee_id))
            event_id += 1
        return rows


def _wishlist_numbers(engine: Engine, entries: int) -> tuple[int, ...]:
    with engine.connect() as connection:
        numbers = connection.scalars(select(WishlistEntry.number)
                                     .where(WishlistEntry.number >= FIRST_WISHLIST_NUMBER)
                                     .order_by(WishlistEntry.number).limit(entries))
        return tuple(numbers)


# --- building ------------------------------------------------------------------------------------------------


def _seed_and_sign(url: str) -> None:
    """Schema, demo data and one real signing of entry 3 through the services (a valid start of the chains)."""
    upgrade(url)
    db.configure(url)
    try:
        demo.seed_demo()
        texts = current_legal_texts('fr')
        sign_wishlist(SIGNED_ENTRY, choices=[('wishlist', True), ('legal', True), ('marketing', True)],
                      text_ids={purpose: view.id for purpose, view in texts.items()},
                      signature=parse_signature(SIGNATURE),
                      context=SigningContext(employee_id=1, branch_id=1, user_agent=USER_AGENT))
    finally:
        db.engine().dispose()


def _write(dbapi_connection: Any, sqlite: bool, rows: dict[Table, list[tuple]]) -> None:
    """Append the rows in one transaction: executemany on SQLite, COPY on PostgreSQL."""
    cursor = dbapi_connection.cursor()
    try:
        for (name, columns), table_rows in rows.items():
            if not table_rows:
                continue
            if sqlite:
                cursor.executemany(f'INSERT INTO {name} ({", ".join(columns)}) '
                                   f'VALUES ({", ".join("?" * len(columns))})', table_rows)
            else:
                with cursor.copy(f'COPY {name} ({", ".join(columns)}) FROM STDIN') as copy:
                    for row in table_rows:
                        copy.write_row(row)
        dbapi_connection.commit()
    finally:
        cursor.close()


def _drop_indexes(connection: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes of the bulk-loaded tables; returns the statements that create them again
    (one sorted build after the load is much faster than a million random insertions)."""
    names = tuple(name for name, _ in TABLES)
    statements = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(names))})", names).fetchall()
    for name, _ in statements:
        connection.execute(f'DROP INDEX {name}')
    return [sql for _, sql in statements]


def _fill(url: str, customers: int, wishlists: int, progress: bool) -> None:
    engine = create_engine(url)
    sqlite = engine.dialect.name == 'sqlite'
    try:
        generator = _Generator(_context(engine), sqlite)
    finally:
        engine.dispose()
    if sqlite:
        connection: Any = sqlite3.connect(make_url(url).database, isolation_level='DEFERRED')
        for pragma in ('journal_mode=OFF', 'synchronous=OFF', 'cache_size=-1000000', 'temp_store=MEMORY'):
            connection.execute(f'PRAGMA {pragma}')
    else:
        connection = psycopg.connect(make_url(url).set(drivername='postgresql').render_as_string(hide_password=False))
    try:
        indexes = _drop_indexes(connection) if sqlite else []
        for first in range(0, customers, BATCH_ROWS):
            count = min(BATCH_ROWS, customers - first)
            _write(connection, sqlite, generator.customers(first, count))
            if progress and (first // BATCH_ROWS) % 10 == 9:
                print(f'  {first + count:,} customers', flush=True)
        _write(connection, sqlite, generator.wishlists(customers, wishlists))
        if sqlite:
            for statement in indexes:
                connection.execute(statement)
            connection.execute('PRAGMA journal_mode=WAL')
        else:
            with connection.cursor() as cursor:
                for name, _ in TABLES:
                    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                   f'(SELECT max(id) FROM {name}))')
            connection.commit()
            connection.autocommit = True
            connection.execute('VACUUM ANALYZE')
    finally:
        connection.close()


def _build(url: str, customers: int, wishlists: int, progress: bool) -> None:
    _seed_and_sign(url)
    _fill(url, customers, wishlists, progress)


def sqlite_database(customers: int, batch: int, *, cache_dir: Path = CACHE_DIR, progress: bool = False) -> Path:
    """The cached SQLite file with `customers` generated customers, built when missing."""
    wishlists = wishlist_count(customers, batch)
    path = cache_dir / f'{_cache_name(customers, wishlists)}.sqlite3'
    if path.exists():
        return path
    cache_dir.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix('.building')
    for leftover in cache_dir.glob(f'{building.name}*'):
        leftover.unlink()
    _build(f'sqlite:///{building}', customers, wishlists, progress)
    building.rename(path)
    return path


def sqlite_working_copy(cached: Path, folder: Path) -> str:
    """A copy of the cached file to run on (the rows save customers); returns its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / 'bench.sqlite3'
    for old in folder.glob('bench.sqlite3*'):
        old.unlink()
    with closing(sqlite3.connect(cached)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)  # consistent even if something left the cached file with a write-ahead log
    return f'sqlite:///{target}'


def _admin_engine(server_url: str) -> Engine:
    return create_engine(normalise_database_url(server_url), isolation_level='AUTOCOMMIT')


def _database_url(server_url: str, name: str) -> str:
    return make_url(normalise_database_url(server_url)).set(database=name).render_as_string(hide_password=False)


def _database_exists(admin: Engine, name: str) -> bool:
    with admin.connect() as connection:
        return connection.scalar(text('SELECT 1 FROM pg_database WHERE datname = :name'), {'name': name}) is not None


def postgres_template(server_url: str, customers: int, batch: int, *, progress: bool = False) -> str:
    """The name of the PostgreSQL template database with `customers` generated customers, built when missing."""
    wishlists = wishlist_count(customers, batch)
    name = 'cp_bench_' + _cache_name(customers, wishlists).replace('-', '_').lower()
    admin = _admin_engine(server_url)
    try:
        if _database_exists(admin, name):
            return name
        building = f'{name[:50]}_building'
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS {building} WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE {building}'))
        _build(_database_url(server_url, building), customers, wishlists, progress)
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE {building} RENAME TO {name}'))
        return name
    finally:
        admin.dispose()


def postgres_working_copy(server_url: str, template: str, name: str) -> str:
    """A fresh clone of `template` named `name` (dropped first if left over); returns its URL."""
    admin = _admin_engine(server_url)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE {name} TEMPLATE {template}'))
    finally:
        admin.dispose()
    return _database_url(server_url, name)


def drop_postgres_database(server_url: str, name: str) -> None:
    admin = _admin_engine(server_url)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)'))
    finally:
        admin.dispose()


def describe(url: str, customers: int, batch: int) -> BenchDatabase:
    """What the rows need to know about the database at `url`."""
    engine = create_engine(url)
    try:
        numbers = _wishlist_numbers(engine, wishlist_count(customers, batch))
    finally:
        engine.dispose()
    return BenchDatabase(url=url, customers=customers, wishlist_numbers=numbers)

"""Configuration, migrations, SQLite settings, demo data, translations, redirects."""

import os
import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from customer_pad import db, demo
from customer_pad.config import load_settings, normalise_database_url
from customer_pad.db import unit_of_work
from customer_pad.i18n import LANGUAGES, catalogue, translate
from customer_pad.migrate import HEAD_REVISION, MIGRATIONS_DIR, current_revision, upgrade, upgrade_if_behind
from customer_pad.redirects import safe_local_path
from customer_pad.search import ARTICLE_SEARCH_LENGTH
from customer_pad.services import wishlists
from customer_pad.services.staff import active_employees
from models import Base, Customer, LegalText, MarketingList, WishlistEntry


def test_storage_secret_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = load_settings({'CUSTOMER_PAD_DATA_DIR': str(tmp_path)})
    second = load_settings({'CUSTOMER_PAD_DATA_DIR': str(tmp_path)})
    other = load_settings({'CUSTOMER_PAD_DATA_DIR': str(tmp_path / 'other')})
    assert first.storage_secret == second.storage_secret != other.storage_secret
    assert len(first.storage_secret) >= 40
    assert stat.S_IMODE(os.stat(tmp_path / 'storage_secret').st_mode) == 0o600


def test_default_settings_use_a_sqlite_file_in_the_data_folder(tmp_path: Path) -> None:
    settings = load_settings({'CUSTOMER_PAD_DATA_DIR': str(tmp_path)})
    assert settings.database_url == f'sqlite:///{tmp_path / "customer_pad.sqlite3"}'
    assert (settings.host, settings.port, settings.default_language) == ('127.0.0.1', 8080, 'fr')


def test_settings_come_from_the_environment(tmp_path: Path) -> None:
    settings = load_settings({
        'CUSTOMER_PAD_DATA_DIR': str(tmp_path), 'CUSTOMER_PAD_DATABASE_URL': 'postgresql://shop@db/pad',
        'CUSTOMER_PAD_HOST': '0.0.0.0', 'CUSTOMER_PAD_PORT': '9000',
        'CUSTOMER_PAD_STORAGE_SECRET': 'from-env', 'CUSTOMER_PAD_DEFAULT_LANGUAGE': 'de',
        'NICEGUI_REDIS_URL': 'redis://127.0.0.1:6379/0'})
    assert settings.database_url == 'postgresql+psycopg://shop@db/pad'
    assert (settings.host, settings.port, settings.storage_secret) == ('0.0.0.0', 9000, 'from-env')
    assert (settings.default_language, settings.redis_url) == ('de', 'redis://127.0.0.1:6379/0')
    assert load_settings({'CUSTOMER_PAD_DATA_DIR': str(tmp_path),
                          'CUSTOMER_PAD_DEFAULT_LANGUAGE': ' IT '}).default_language == 'it'


def test_postgres_urls_use_psycopg_3() -> None:
    assert normalise_database_url('postgres://u@h/d') == 'postgresql+psycopg://u@h/d'
    assert normalise_database_url('postgresql+psycopg://u@h/d') == 'postgresql+psycopg://u@h/d'


def test_the_head_revision_start_up_checks_for_is_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION


def test_start_up_migrates_a_new_database_and_leaves_a_current_one_alone(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f'sqlite:///{tmp_path / "start.sqlite3"}'
    engine = db.configure(url)
    assert current_revision(engine) is None
    upgrade_if_behind(url, engine)
    assert current_revision(engine) == HEAD_REVISION
    monkeypatch.setattr('customer_pad.migrate.upgrade', lambda *_: pytest.fail('migrated a current database'))
    upgrade_if_behind(url, engine)


def test_migrations_build_every_table_and_are_idempotent(tmp_path: Path) -> None:
    url = f'sqlite:///{tmp_path / "fresh.sqlite3"}'
    upgrade(url)
    upgrade(url)
    engine = db.configure(url)
    tables = set(inspect(engine).get_table_names())
    assert {'branch', 'employee', 'login', 'customer', 'customer_contact', 'marketing_list', 'customer_interest',
            'legal_text', 'consent_record', 'signature', 'article', 'article_characteristic', 'wishlist_entry',
            'wishlist_event', 'customer_change', 'alembic_version'} <= tables
    indexes = {index['name'] for index in inspect(engine).get_indexes('customer')}
    assert {'ix_customer_last_name', 'ix_customer_email', 'ix_customer_search_name'} <= indexes
    engine.dispose()


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(database: str) -> None:
    if not database.startswith('sqlite'):
        assert db.engine().dialect.name == 'postgresql'
        return
    with db.engine().connect() as connection:
        assert connection.execute(text('PRAGMA journal_mode')).scalar() == 'wal'
        assert connection.execute(text('PRAGMA foreign_keys')).scalar() == 1
        assert connection.execute(text('PRAGMA busy_timeout')).scalar() == db.SQLITE_BUSY_TIMEOUT_MS


def test_demo_data_matches_the_manual(database: str) -> None:
    with unit_of_work() as session:
        entry = session.scalar(select(WishlistEntry).where(WishlistEntry.number == 3))
        assert entry is not None
        customer = session.get(Customer, entry.customer_id)
        assert (customer.first_name, customer.last_name, customer.street) == ('Kim', 'Tschantre', 'Place du Temple 3')
        assert (customer.postal_code, customer.city) == ('2088', 'New York, NY')
        assert (entry.priority, entry.created_on.strftime('%d.%m.%Y')) == (3, '07.10.2022')
        assert (entry.article.brand, entry.article.model, entry.article.reference) == (
            'Rolex', 'Oyster Perpetual', 'M124300-0001')
        names = [characteristic.name for characteristic in entry.article.characteristics]
        assert names[0] == 'Boîtier' and names[-1] == 'Etanchéité (m)' and len(names) == 11
        assert [(event.kind, event.employee_id is not None) for event in entry.events] == [('opened', True)]
        shown = session.scalars(select(MarketingList.name_fr).where(MarketingList.shown_on_customer_screen)).all()
        assert sorted(shown) == ['Art', 'Equitation', 'Golf', 'Magazine', 'Musique', 'Tennis']
        assert session.query(MarketingList).count() == 16
        texts = session.scalars(select(LegalText)).all()
        assert {(text_.purpose, text_.language) for text_ in texts} == {
            (purpose, language) for purpose in ('legal', 'marketing', 'wishlist') for language in LANGUAGES}
        assert all(re.fullmatch('[0-9a-f]{64}', text_.sha256) for text_ in texts)


def test_seeding_twice_keeps_the_data(database: str) -> None:
    assert demo.seed_demo() is False
    with unit_of_work() as session:
        assert session.query(Customer).count() == len(demo.DEMO_CUSTOMERS)


def test_header_offers_the_active_employees_of_the_branch(database: str) -> None:
    names = [employee.display_name for employee in active_employees(1)]
    assert names == ['André Cupolillo', 'Camille Dubois', 'Luc Perret']


def test_every_text_exists_in_german_italian_and_english() -> None:
    for key, texts in catalogue().items():
        for language in LANGUAGES:
            assert texts.get(language, '').strip(), f'{key} has no {language} text'


# French letter salutations name nobody ("Madame,"); German, Italian and English ones name the customer.
PLACEHOLDERS_MAY_DIFFER = ('letter.salutation.',)


def test_placeholders_agree_across_languages() -> None:
    def names(text_: str) -> set[str]:
        return {match.split('[')[0] for match in re.findall(r'{([^}]+)}', text_)}

    for key, texts in catalogue().items():
        if key.startswith(PLACEHOLDERS_MAY_DIFFER):
            continue
        assert {language: names(texts[language]) for language in LANGUAGES} == {
            language: names(texts['fr']) for language in LANGUAGES}, key


def test_translate_falls_back_sensibly() -> None:
    assert translate('home.new_customer', 'de') == 'Neuer Kunde'
    assert translate('home.new_customer', 'xx') == 'Nouveau client'
    assert translate('no.such.key', 'fr') == 'no.such.key'


@pytest.mark.parametrize(('target', 'expected'), [
    ('/customer/new', '/customer/new'),
    ('/wishlist-sign/3?x=1', '/wishlist-sign/3?x=1'),
    ('//evil.example/x', '/'),
    ('https://evil.example/', '/'),
    ('/\\evil.example', '/'),
    ('javascript:alert(1)', '/'),
    ('/login', '/'),
    ('', '/'),
    (None, '/'),
    ('/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'),
    ('/\r\nSet-Cookie: x', '/'),
])
def test_login_redirects_only_to_local_paths(target: str | None, expected: str) -> None:
    assert safe_local_path(target) == expected


def test_a_read_only_look_up_does_not_hold_the_write_lock(database: str) -> None:
    with db.read_only() as connection:
        assert connection.execute(text('SELECT count(*) FROM customer')).scalar() >= 0
        with db.unit_of_work() as session:  # another tablet saves meanwhile: no "database is locked"
            session.execute(text("UPDATE branch SET letter_town = letter_town"))


def test_the_search_column_backfill_fits_values_that_folding_lengthens(database: str) -> None:
    from alembic import command

    from customer_pad.migrate import alembic_config

    db.engine().dispose()
    command.downgrade(alembic_config(database), '0002')
    with db.engine().begin() as connection:  # "ß" folds to "ss": 80 letters become 160 for an 80-letter column
        connection.execute(text("UPDATE customer SET city = :city WHERE number = 202356"), {'city': 'ß' * 80})
    db.engine().dispose()
    upgrade(database)
    with db.engine().connect() as connection:
        folded = connection.execute(text('SELECT search_city FROM customer WHERE number = 202356')).scalar_one()
    assert folded == 's' * 80


def test_the_article_search_column_is_filled_for_articles_made_before_it(database: str) -> None:
    from alembic import command

    from customer_pad.migrate import alembic_config

    db.engine().dispose()
    command.downgrade(alembic_config(database), '0004')
    with db.engine().begin() as connection:
        connection.execute(text("UPDATE article SET brand = 'HERMÈS', model = :model WHERE reference = 'M124300-0001'"),
                           {'model': 'ß' * 120})
    db.engine().dispose()
    upgrade(database)
    with db.engine().connect() as connection:
        folded = connection.execute(
            text("SELECT search_text FROM article WHERE reference = 'M124300-0001'")).scalar_one()
    assert folded == f'hermes {"ss" * 120} m124300-0001'[:ARTICLE_SEARCH_LENGTH]
    assert [row.number for row in wishlists.search_wishlists('hermes').rows] == [3]


def test_the_migrations_build_exactly_the_tables_the_models_describe(database: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine().connect() as connection:  # a column, index or type in one and not the other is a drift
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []

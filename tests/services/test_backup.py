"""Backup and restore of the SQLite database."""

from pathlib import Path

import pytest
from sqlalchemy import select

from customer_pad import db
from customer_pad.__main__ import main
from customer_pad.db import unit_of_work
from models import Customer


def _customer_numbers() -> set[int]:
    with unit_of_work() as session:
        return set(session.scalars(select(Customer.number)))


def test_a_restored_backup_holds_every_customer(sqlite_template: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / 'live.sqlite3'
    live.write_bytes(sqlite_template.read_bytes())
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', f'sqlite:///{live}')
    db.configure(f'sqlite:///{live}')
    before = _customer_numbers()
    assert len(before) >= 7

    assert main(['backup', str(tmp_path / 'backup.sqlite3')]) == 0
    assert main(['backup', str(tmp_path / 'backup.sqlite3')]) == 1  # never overwrites a backup
    with unit_of_work() as session:
        session.query(Customer).filter(Customer.number == 202354).update({'city': 'Ailleurs'})

    restored = tmp_path / 'restored.sqlite3'
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', f'sqlite:///{restored}')
    assert main(['restore', str(tmp_path / 'backup.sqlite3')]) == 0
    db.configure(f'sqlite:///{restored}')
    assert _customer_numbers() == before
    with unit_of_work() as session:
        assert session.scalar(select(Customer.city).where(Customer.number == 202354)) == 'Lausanne'
    db.engine().dispose()


def test_postgresql_is_pointed_to_pg_dump(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', 'postgresql+psycopg://shop@db.example/pad')
    assert main(['backup', str(tmp_path / 'x')]) == 2
    assert 'pg_dump' in capsys.readouterr().err


def test_a_missing_database_is_not_backed_up_as_an_empty_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', f'sqlite:///{tmp_path / "nowhere.sqlite3"}')
    assert main(['backup', str(tmp_path / 'backup.sqlite3')]) == 1
    assert 'cannot be read' in capsys.readouterr().err
    assert not (tmp_path / 'nowhere.sqlite3').exists() and not (tmp_path / 'backup.sqlite3').exists()


def test_a_file_that_is_no_backup_leaves_the_database_alone(sqlite_template: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / 'live.sqlite3'
    live.write_bytes(sqlite_template.read_bytes())
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', f'sqlite:///{live}')
    not_a_backup = tmp_path / 'notes.txt'
    not_a_backup.write_text('shopping list: strap, crystal')
    assert main(['restore', str(not_a_backup)]) == 1
    assert live.read_bytes() == sqlite_template.read_bytes()

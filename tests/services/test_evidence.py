"""Tamper evidence: any change to a consent record, a signature or a legal text is found by `verify`."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Boolean, DateTime, Float, Integer, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

from customer_pad import db
from customer_pad.__main__ import main
from customer_pad.db import unit_of_work
from customer_pad.evidence import verify_evidence
from customer_pad.services.consents import SigningContext, current_legal_texts, record_withdrawal
from customer_pad.services.customers import CustomerForm, create_customer
from customer_pad.signatures import parse_signature
from models import Base, ConsentRecord, Customer, LegalText, SignatureRecord

SIGNATURE = ('{"v":1,"aspect":2.5,"strokes":[[[0.1,0.6],[0.2,0.3],[0.3,0.7],[0.4,0.35],[0.5,0.65]],'
             '[[0.55,0.5],[0.65,0.4],[0.75,0.6],[0.85,0.45]]]}')
CONTEXT = SigningContext(employee_id=1, branch_id=1, user_agent='Mozilla/5.0 (iPad)')
# A replacement that still satisfies the foreign keys, for columns that point at other rows.
OTHER_ROW = {'customer_id': 2, 'employee_id': 2, 'branch_id': None, 'wishlist_entry_id': 1}


def _sign_up(last_name: str, marketing: bool) -> int:
    texts = current_legal_texts('fr')
    form = CustomerForm(last_name=last_name, street='Rue du Lac 1', postal_code='1296', city='Coppet',
                        email=f'{last_name.lower()}@example.ch')
    saved = create_customer(form, (('legal', True), ('marketing', marketing)),
                            {purpose: view.id for purpose, view in texts.items()}, parse_signature(SIGNATURE),
                            CONTEXT)
    return saved.number


@pytest.fixture
def evidence(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('CUSTOMER_PAD_DATABASE_URL', database)  # for the command line
    _sign_up('Dufour', True)
    _sign_up('Favre', False)
    with unit_of_work() as session:
        customer = session.scalar(select(Customer).where(Customer.last_name == 'Dufour'))
        record_withdrawal(session, customer=customer, reason='plus de courrier', context=CONTEXT)


def _tampered(connection: Connection, table: str, column: str, record_id: int) -> object:
    value = connection.execute(text(f'SELECT {column} FROM {table} WHERE id = :id'), {'id': record_id}).scalar()
    if isinstance(Base.metadata.tables[table].columns[column].type, Boolean):
        return not value  # SQLite hands booleans back as 0/1
    if column in OTHER_ROW:
        return OTHER_ROW[column] if value != OTHER_ROW[column] else None
    if column == 'legal_text_id':
        return value + 1
    if column == 'signature_id':
        return 2 if value != 2 else 1
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 0.0001
    if isinstance(value, datetime):
        return value + timedelta(seconds=1)
    if value is None:
        return 'x'
    return value[:-1] + ('0' if value[-1:] != '0' else '1') if value else 'x'


def _columns(model: type) -> list[str]:
    return [column.name for column in model.__table__.columns if column.name != 'id']


def _tamper(table: str, column: str, record_id: int) -> None:
    with db.engine().begin() as connection:
        value = _tampered(connection, table, column, record_id)
        connection.execute(text(f'UPDATE {table} SET {column} = :value WHERE id = :id'),
                           {'value': value, 'id': record_id})


def test_the_check_reads_while_a_tablet_is_saving(evidence: None) -> None:
    with unit_of_work() as session:  # a save holds the write lock (SQLite) or its rows (PostgreSQL) meanwhile
        session.execute(text("UPDATE customer SET city = city WHERE number = 202356"))
        assert verify_evidence() == []


def test_untouched_evidence_verifies(evidence: None) -> None:
    assert verify_evidence() == []
    assert main(['verify']) == 0


@pytest.mark.parametrize('column', _columns(ConsentRecord))
def test_changing_any_field_of_a_consent_record_is_found(evidence: None, column: str) -> None:
    _tamper('consent_record', column, 2)
    problems = verify_evidence()
    assert any(problem.table == 'consent_record' and problem.record_id == 2 for problem in problems), problems


@pytest.mark.parametrize('column', _columns(SignatureRecord))
def test_changing_any_field_of_a_signature_is_found(evidence: None, column: str) -> None:
    _tamper('signature', column, 1)
    problems = verify_evidence()
    assert any(problem.table == 'signature' and problem.record_id == 1 for problem in problems), problems


@pytest.mark.parametrize('column', ['title', 'body'])
def test_changing_a_legal_text_that_was_accepted_is_found(evidence: None, column: str) -> None:
    with unit_of_work() as session:
        text_id = session.scalar(select(ConsentRecord.legal_text_id).where(ConsentRecord.id == 1))
    _tamper('legal_text', column, text_id)
    problems = {(problem.table, problem.record_id) for problem in verify_evidence()}
    assert ('legal_text', text_id) in problems
    assert ('consent_record', 1) in problems


def test_one_byte_in_the_strokes_is_found_and_named_by_the_command(evidence: None,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with db.engine().begin() as connection:
        strokes = connection.execute(text('SELECT strokes_json FROM signature WHERE id = 2')).scalar()
        connection.execute(text('UPDATE signature SET strokes_json = :value WHERE id = 2'),
                           {'value': strokes.replace('0.65', '0.66', 1)})
    assert main(['verify']) == 1
    assert 'signature 2:' in capsys.readouterr().out


def test_a_removed_record_breaks_the_chain(evidence: None) -> None:
    with db.engine().begin() as connection:
        connection.execute(text('DELETE FROM consent_record WHERE id = 3'))
    assert ('consent_record', 4) in {(problem.table, problem.record_id) for problem in verify_evidence()}


def test_column_types_are_all_covered_by_the_tamper_rules() -> None:
    handled = (Boolean, Integer, Float, DateTime)
    for model in (ConsentRecord, SignatureRecord, LegalText):
        for column in model.__table__.columns:
            column_type = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
            assert isinstance(column_type, handled) or column_type.python_type is str, column

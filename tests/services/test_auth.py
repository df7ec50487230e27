"""Log-in, lock-out and password rules (on SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest

from customer_pad import auth
from customer_pad.auth import LoginFailed, LoginLocked
from customer_pad.db import unit_of_work
from customer_pad.errors import ValidationFailed
from customer_pad.services.logins import set_password
from models import Employee, Login
from models.base import utc_now


def test_demo_logins_work_with_their_roles(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    camille = auth.authenticate('camille', 'customerpad')
    assert (andre.display_name, andre.role, andre.is_manager) == ('André Cupolillo', 'staff', False)
    assert (camille.display_name, camille.role, camille.is_manager) == ('Camille Dubois', 'manager', True)


def test_user_name_is_not_case_sensitive(database: str) -> None:
    assert auth.authenticate('  ANDRE ', 'customerpad').username == 'andre'


def test_password_is_stored_as_argon2id_hash(database: str) -> None:
    with unit_of_work() as session:
        stored = session.query(Login).filter_by(username='andre').one().password_hash
    assert stored.startswith('$argon2id$')
    assert 'm=19456,t=2,p=1' in stored
    assert 'customerpad' not in stored


def test_wrong_password_and_unknown_user_fail_alike(database: str) -> None:
    with pytest.raises(LoginFailed) as wrong_password:
        auth.authenticate('andre', 'nope')
    with pytest.raises(LoginFailed) as unknown_user:
        auth.authenticate('nobody', 'customerpad')
    assert str(wrong_password.value) == str(unknown_user.value)


def test_unknown_user_still_costs_one_password_verification(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = auth.password_context.verify
    monkeypatch.setattr(auth.password_context, 'verify', lambda secret, hash_: calls.append(hash_) or original(
        secret, hash_))
    with pytest.raises(LoginFailed):
        auth.authenticate('nobody', 'customerpad')
    with pytest.raises(LoginFailed):
        auth.authenticate('andre', 'wrong')
    assert len(calls) == 2


def test_five_failures_in_a_row_lock_the_login_for_fifteen_minutes(database: str) -> None:
    now = utc_now()
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.authenticate('andre', 'wrong', now=now)
    with pytest.raises(LoginLocked) as locked:
        auth.authenticate('andre', 'wrong', now=now)
    assert locked.value.until == pytest.approx(now + timedelta(minutes=15), abs=timedelta(seconds=1))
    with pytest.raises(LoginLocked):
        auth.authenticate('andre', 'customerpad', now=now + timedelta(minutes=14))
    assert auth.authenticate('andre', 'customerpad', now=now + timedelta(minutes=16)).username == 'andre'


def test_a_success_resets_the_failure_count(database: str) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.authenticate('andre', 'wrong')
    auth.authenticate('andre', 'customerpad')
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.authenticate('andre', 'wrong')
    assert auth.authenticate('andre', 'customerpad').username == 'andre'


@pytest.mark.parametrize('password', ['ä' * 80 + 'long-password', 'montre⌚🕰️secrète', 'x' * 1000])
def test_long_and_emoji_passwords_are_handled(database: str, password: str) -> None:
    set_password('andre', password)
    assert auth.authenticate('andre', password).username == 'andre'
    with pytest.raises(LoginFailed):
        auth.authenticate('andre', password[:-1])


def test_inactive_employee_cannot_log_in_and_loses_the_session(database: str) -> None:
    user = auth.authenticate('andre', 'customerpad')
    with unit_of_work() as session:
        session.get(Employee, user.employee_id).active = False
    with pytest.raises(LoginFailed):
        auth.authenticate('andre', 'customerpad')
    assert auth.session_user(user.login_id) is None


def test_new_password_must_be_long_and_not_contain_the_user_name(database: str) -> None:
    with pytest.raises(ValidationFailed) as short:
        set_password('andre', 'short')
    assert short.value.errors['password'].key == 'auth.password_too_short'
    with pytest.raises(ValidationFailed) as with_name:
        set_password('andre', 'my-andre-password')
    assert with_name.value.errors['password'].key == 'auth.password_contains_username'


def test_preferences_are_remembered_per_login(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    camille = auth.authenticate('camille', 'customerpad')
    auth.remember_preferences(andre.login_id, language='de', acting_employee_id=camille.employee_id)
    again = auth.session_user(andre.login_id)
    assert again is not None
    assert (again.language, again.acting_employee_id) == ('de', camille.employee_id)


def test_acting_employee_must_be_active_in_the_same_branch(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    with unit_of_work() as session:
        luc = session.query(Employee).filter_by(display_name='Luc Perret').one()
        luc.active = False
        luc_id = luc.id
    with pytest.raises(ValidationFailed):
        auth.remember_preferences(andre.login_id, acting_employee_id=luc_id)

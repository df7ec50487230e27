"""The staff PIN that ends customer mode, and the login audit."""

from datetime import timedelta

import pytest

from customer_pad import auth
from customer_pad.auth import LoginFailed, UnlockLocked, UnlockRefused
from customer_pad.errors import ValidationFailed
from models.base import utc_now


def test_password_ends_customer_mode_when_no_pin_is_set(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    assert not auth.has_pin(andre.login_id)
    auth.unlock_customer_mode(andre.login_id, 'customerpad')
    with pytest.raises(UnlockRefused):
        auth.unlock_customer_mode(andre.login_id, '1234')


def test_a_pin_needs_the_current_password_and_four_to_eight_digits(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    with pytest.raises(ValidationFailed) as wrong_password:
        auth.set_pin(andre.login_id, 'not my password', '2468')
    assert wrong_password.value.errors['password'].key == 'auth.password_wrong'
    for bad in ('123', '123456789', '12a4', '', '٢٤٦٨', '２４６８'):  # keypad digits only
        with pytest.raises(ValidationFailed) as bad_pin:
            auth.set_pin(andre.login_id, 'customerpad', bad)
        assert bad_pin.value.errors['pin'].key == 'auth.pin_format'
    auth.set_pin(andre.login_id, 'customerpad', '2468')
    assert auth.has_pin(andre.login_id)
    auth.unlock_customer_mode(andre.login_id, '2468')
    auth.unlock_customer_mode(andre.login_id, 'customerpad')


def test_a_pin_is_per_login(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    camille = auth.authenticate('camille', 'customerpad')
    auth.set_pin(andre.login_id, 'customerpad', '2468')
    with pytest.raises(UnlockRefused):
        auth.unlock_customer_mode(camille.login_id, '2468')


def test_five_wrong_pins_lock_unlocking_for_a_while(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    auth.set_pin(andre.login_id, 'customerpad', '2468')
    now = utc_now()
    for _ in range(4):
        with pytest.raises(UnlockRefused):
            auth.unlock_customer_mode(andre.login_id, '0000', now=now)
    with pytest.raises(UnlockLocked):
        auth.unlock_customer_mode(andre.login_id, '0000', now=now)
    with pytest.raises(UnlockLocked):
        auth.unlock_customer_mode(andre.login_id, '2468', now=now + timedelta(minutes=4))
    auth.unlock_customer_mode(andre.login_id, '2468', now=now + timedelta(minutes=6))


def test_every_login_attempt_is_audited_without_the_password(database: str) -> None:
    auth.authenticate('andre', 'customerpad', client_address='192.0.2.10')
    with pytest.raises(LoginFailed):
        auth.authenticate('andre', 'secret-guess', client_address='192.0.2.11')
    with pytest.raises(LoginFailed):
        auth.authenticate('intruder', 'whatever', client_address='192.0.2.12')
    rows, total = auth.login_audit()
    assert total == 3
    assert [(row.username, row.success, row.outcome, row.client_address) for row in rows] == [
        ('intruder', False, 'failed', '192.0.2.12'),
        ('andre', False, 'failed', '192.0.2.11'),
        ('andre', True, 'ok', '192.0.2.10'),
    ]
    assert not any('secret-guess' in repr(row) for row in rows)


def test_a_locked_login_is_audited_as_locked(database: str) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.authenticate('camille', 'wrong')
    with pytest.raises(auth.LoginLocked):
        auth.authenticate('camille', 'wrong')
    rows, _ = auth.login_audit(limit=1)
    assert rows[0].outcome == 'locked'

"""Idle timeout: the session ends after inactivity, and nothing typed is lost."""

import time

import pytest
from nicegui import app
from nicegui.testing import User

from components import session
from tests.pages.conftest import log_in


async def test_an_idle_session_ends_and_keeps_the_wizard_draft(user: User) -> None:
    await log_in(user)
    await user.open('/customer/new')
    await user.should_see(marker='last_name', retries=30)
    user.find(marker='last_name').type('Dufour')
    app.storage.user['last_activity'] = time.time() - 31 * 60

    await user.open('/customer/new')
    await user.should_see(marker='idle-notice')
    assert 'login_id' not in app.storage.user

    user.find(marker='username').type('andre')
    user.find(marker='password').type('customerpad')
    user.find(marker='login-submit').click()
    await user.should_see(marker='last_name', retries=30)
    assert next(iter(user.find(marker='last_name').elements)).value == 'Dufour'


async def test_an_active_session_stays(user: User) -> None:
    await log_in(user)
    app.storage.user['last_activity'] = time.time() - 29 * 60
    await user.open('/')
    await user.should_see(marker='log-out')
    assert not session.is_idle()


async def test_the_idle_timeout_is_configurable(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('CUSTOMER_PAD_IDLE_MINUTES', '5')
    await log_in(user)
    app.storage.user['last_activity'] = time.time() - 6 * 60
    assert session.is_idle()
    await user.open('/')
    await user.should_see(marker='idle-notice')

"""Login page, session guard and header."""

import asyncio
import gc

from nicegui import app
from nicegui.testing import User

from tests.pages.conftest import log_in


def _submit(user: User) -> None:
    """Click the login button with the message emptied, so `_until_answered` sees this attempt's answer."""
    next(iter(user.find(marker='login-error').elements)).set_text('')
    user.find(marker='login-submit').click()


async def _until_answered(user: User) -> None:
    """Wait until the attempt in flight shows its answer."""
    for _ in range(100):
        if next(iter(user.find(marker='login-error').elements)).text:
            return
        await asyncio.sleep(0.05)
    raise AssertionError('the login attempt did not finish')


async def test_unauthenticated_visit_lands_on_login(user: User) -> None:
    await user.open('/')
    await user.should_see('Connexion')
    await user.should_see(marker='login-submit')


async def test_login_then_home_shows_three_buttons_in_french(user: User) -> None:
    await log_in(user)
    for label in ('Nouveau client', 'Modifier le client', 'Liste de souhaits'):
        await user.should_see(label)
    await user.should_see('André Cupolillo')


async def test_wrong_password_and_unknown_user_get_the_same_message(user: User) -> None:
    await user.open('/login')
    user.find(marker='username').type('andre')
    user.find(marker='password').type('wrong-password')
    _submit(user)
    await _until_answered(user)
    await user.should_see('Nom d\'utilisateur ou mot de passe incorrect.')
    user.find(marker='username').clear().type('nobody')
    user.find(marker='password').type('customerpad')
    _submit(user)
    await _until_answered(user)
    await user.should_see('Nom d\'utilisateur ou mot de passe incorrect.')
    await user.should_not_see(marker='log-out')


async def test_five_failures_lock_the_login_with_a_clear_message(user: User) -> None:
    await user.open('/login')
    user.find(marker='username').type('andre')
    for _ in range(5):
        user.find(marker='password').clear().type('not-the-password')
        _submit(user)
        await _until_answered(user)
    await user.should_see('ce compte est bloqué jusqu\'à')
    user.find(marker='password').clear().type('customerpad')
    _submit(user)
    await _until_answered(user)
    await user.should_see('ce compte est bloqué jusqu\'à')
    await user.should_not_see(marker='log-out')


async def test_empty_fields_are_refused_next_to_the_field(user: User) -> None:
    await user.open('/login')
    user.find(marker='login-submit').click()
    await user.should_see('Ce champ est obligatoire.')


async def test_login_returns_to_the_page_it_was_going_to(user: User) -> None:
    await user.open('/customer/new')
    await user.should_see(marker='login-submit')
    user.find(marker='username').type('andre')
    user.find(marker='password').type('customerpad')
    user.find(marker='login-submit').click()
    await user.should_see('Nouveau client', retries=30)
    assert user.back_history[-1].startswith('/customer/new')


async def test_login_never_redirects_to_another_site(user: User) -> None:
    await user.open('/login?redirect_to=//evil.example/steal')
    user.find(marker='username').type('andre')
    user.find(marker='password').type('customerpad')
    user.find(marker='login-submit').click()
    await user.should_see('Modifier le client', retries=30)
    assert user.back_history[-1] == '/'


async def test_log_out_ends_the_session(user: User) -> None:
    await log_in(user)
    user.find(marker='log-out').click()
    await user.should_see(marker='login-submit')
    assert 'login_id' not in app.storage.user
    await user.open('/')
    await user.should_see(marker='login-submit')


async def test_language_switch_translates_the_home_page(user: User) -> None:
    await log_in(user)
    user.find(marker='header-language').click()
    user.find('Deutsch').click()
    await user.should_see('Neuer Kunde')
    await user.should_see('Kunde bearbeiten')
    await user.should_see('Wunschliste')
    await user.should_not_see('Nouveau client')


async def test_language_choice_is_remembered_for_the_login(user: User) -> None:
    await log_in(user)
    user.find(marker='header-language').click()
    user.find('English').click()
    await user.should_see('New customer')
    user.find(marker='log-out').click()
    await user.should_see(marker='login-submit')
    app.storage.user.clear()
    await log_in(user)
    await user.should_see('New customer')


async def test_acting_employee_choice_is_remembered(user: User) -> None:
    await log_in(user)
    user.find(marker='header-employee').click()
    user.find('Camille Dubois').click()
    await user.open('/')
    await user.should_see('Camille Dubois')
    from customer_pad import auth

    assert auth.session_user(app.storage.user['login_id']).acting_employee_id != auth.session_user(
        app.storage.user['login_id']).employee_id


async def test_the_garbage_collector_runs_again_once_the_app_has_started(user: User) -> None:
    await user.open('/login')  # main.py pauses it while importing, to start faster
    await user.should_see('Connexion')
    assert gc.isenabled()

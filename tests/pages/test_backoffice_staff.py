"""Back office employees and logins, as a manager (camille). Demo: André (1, `andre`, staff), Camille (2, `camille`,
the only manager), Luc Perret (3, no login), all at CMB Coppet."""

import pytest
from nicegui.testing import User

from customer_pad.auth import MAX_FAILED_ATTEMPTS, LoginFailed, LoginLocked, authenticate, unlock_customer_mode
from tests.pages.conftest import log_in

RETRIES = 30
LUC = 3


async def test_manager_gives_an_employee_a_login_after_a_refused_password(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    await user.should_see('Luc Perret')
    user.find(marker=f'login-create-{LUC}').click()
    user.find(marker='login-username').type('luc')
    user.find(marker='login-password').type('short')
    user.find(marker='login-save').click()
    await user.should_see('Le mot de passe doit comporter au moins 10 caractères.', retries=RETRIES)
    assert next(iter(user.find(marker='login-username').elements)).value == 'luc'
    user.find(marker='login-password').clear().type('Montres-de-Coppet')
    user.find(marker='login-save').click()
    await user.should_see(marker=f'username-{LUC}', retries=RETRIES)
    await user.should_not_see('Montres-de-Coppet')
    assert authenticate('luc', 'Montres-de-Coppet').display_name == 'Luc Perret'


async def test_manager_adds_an_employee(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    user.find(marker='employee-new').click()
    user.find(marker='employee-save').click()
    await user.should_see('Ce champ est obligatoire.', retries=RETRIES)
    user.find(marker='employee-name').type('Zoé Rochat')
    user.find(marker='employee-save').click()
    await user.should_see('Zoé Rochat', retries=RETRIES)


async def test_the_last_manager_cannot_be_deactivated(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    user.find(marker='deactivate-2').click()
    await user.should_see('C\'est le dernier gérant actif', retries=RETRIES)
    await user.should_not_see(marker='inactive-2')


async def test_a_deactivated_employee_is_marked_and_cannot_log_in(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    user.find(marker='deactivate-1').click()
    await user.should_see(marker='inactive-1', retries=RETRIES)
    with pytest.raises(LoginFailed):
        authenticate('andre', 'customerpad')


async def test_a_locked_login_is_unlocked(user: User) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginFailed):
            authenticate('andre', 'not the password')
    with pytest.raises(LoginLocked):
        authenticate('andre', 'not the password')
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    await user.should_see(marker='locked-1')
    user.find(marker='unlock-1').click()
    await user.should_not_see(marker='locked-1', retries=RETRIES)
    assert authenticate('andre', 'customerpad').username == 'andre'


async def test_a_password_is_reset_in_a_password_field(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    user.find(marker='password-reset-1').click()
    field = next(iter(user.find(marker='new-password').elements))
    assert field.props.get('type') == 'password'
    user.find(marker='new-password').type('Nouvelle-Cle-2024')
    user.find(marker='password-save').click()
    await user.should_see('Le mot de passe est changé', retries=RETRIES)
    assert authenticate('andre', 'Nouvelle-Cle-2024').username == 'andre'


async def test_a_pin_is_set_for_a_login_with_a_message_next_to_a_bad_one(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/staff')
    await user.should_not_see(marker='has-pin-1')
    user.find(marker='pin-set-1').click()
    await user.should_see('Code PIN de andre')
    user.find(marker='new-pin').type('12')
    user.find(marker='pin-save').click()
    await user.should_see('Le code PIN doit comporter 4 à 8 chiffres.', retries=RETRIES)
    user.find(marker='new-pin').clear().type('2468')
    user.find(marker='pin-save').click()
    await user.should_see('Code PIN enregistré.', retries=RETRIES)
    await user.should_see(marker='has-pin-1', retries=RETRIES)
    unlock_customer_mode(authenticate('andre', 'customerpad').login_id, '2468')


"""My account (the PIN that ends customer mode) and the managers' login audit."""

from nicegui.testing import User

from customer_pad import auth
from tests.pages.conftest import log_in


async def test_staff_sets_a_pin_with_the_current_password(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/account')
    await user.should_see(marker='pin-status', retries=30)
    await user.should_see('Aucun code PIN')
    user.find(marker='account-password').type('wrong password')
    user.find(marker='account-pin').type('2468')
    user.find(marker='save-pin').click()
    await user.should_see('Mot de passe incorrect.', retries=30)
    user.find(marker='account-password').clear().type('customerpad')
    user.find(marker='account-pin').clear().type('24')
    user.find(marker='save-pin').click()
    await user.should_see('4 à 8 chiffres', retries=30)
    user.find(marker='account-pin').clear().type('2468')
    user.find(marker='save-pin').click()
    await user.should_see('Code PIN enregistré.', retries=30)
    login_id = auth.authenticate('andre', 'customerpad').login_id
    assert auth.has_pin(login_id)


async def test_managers_see_the_login_audit_with_failures(user: User) -> None:
    await user.open('/login')
    user.find(marker='username').type('andre')
    user.find(marker='password').type('not the password')
    user.find(marker='login-submit').click()
    await user.should_see("Nom d'utilisateur ou mot de passe incorrect.", retries=30)
    await log_in(user, 'camille')
    await user.open('/backoffice/login-audit')
    await user.should_see(marker='login-audit', retries=30)
    table = next(iter(user.find(marker='login-audit').elements))
    outcomes = [(row['username'], row['outcome']) for row in table.rows]
    assert ('andre', 'Échouée') in outcomes
    assert ('camille', 'Réussie') in outcomes
    assert not any('not the password' in str(row) for row in table.rows)
    keys = [row[table.row_key] for row in table.rows]  # two attempts in one minute are still two rows
    assert len(set(keys)) == len(keys) == 2


async def test_staff_may_not_open_the_login_audit(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/login-audit')
    await user.should_see(marker='not-allowed', retries=30)
    await user.should_not_see(marker='login-audit')

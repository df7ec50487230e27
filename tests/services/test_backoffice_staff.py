"""Employees and logins: creating them, passwords, lock-outs, roles, deactivation and the last-manager guard.

Demo staff at CMB Coppet (branch 1): André Cupolillo (employee 1, login `andre`, staff), Camille Dubois
(employee 2, login `camille`, the only manager), Luc Perret (employee 3, no login). Demo password `customerpad`.
"""

import pytest
from sqlalchemy import select

from customer_pad.auth import (
    MAX_FAILED_ATTEMPTS,
    LoginFailed,
    LoginLocked,
    authenticate,
    session_user,
    unlock_customer_mode,
)
from customer_pad.db import unit_of_work
from customer_pad.errors import AccessDenied, ValidationFailed
from customer_pad.services.branches import BranchForm, save_branch
from customer_pad.services.staff import active_employees
from customer_pad.services.staff_admin import (
    EmployeeRow,
    change_role,
    create_login,
    is_locked,
    reset_password,
    save_employee,
    set_employee_active,
    set_login_pin,
    staff_overview,
    unlock_login,
)
from models import Login
from tests.support.backoffice import ANDRE, CAMILLE, COPPET

MANAGER = 'manager'
LUC = 3
GOOD_PASSWORD = 'Horloge-Coppet-2024'


def employee(employee_id: int) -> EmployeeRow:
    return next(row for row in staff_overview(acting_role=MANAGER) if row.id == employee_id)


def login_id(employee_id: int) -> int:
    row = employee(employee_id)
    assert row.login is not None
    return row.login.id


def test_overview_lists_employees_with_their_logins(database: str) -> None:
    rows = staff_overview(acting_role=MANAGER)
    assert [(row.display_name, row.branch, row.active, row.login.username if row.login else None,
             row.login.role if row.login else None) for row in rows] == [
        ('André Cupolillo', 'CMB Coppet', True, 'andre', 'staff'),
        ('Camille Dubois', 'CMB Coppet', True, 'camille', 'manager'),
        ('Luc Perret', 'CMB Coppet', True, None, None)]


def test_a_new_employee_with_a_login_can_log_in_and_is_offered_in_the_header(database: str) -> None:
    created = save_employee(None, '  Zoé   Rochat ', COPPET, acting_role=MANAGER)
    assert (created.display_name, created.branch, created.active, created.login) == (
        'Zoé Rochat', 'CMB Coppet', True, None)
    with_login = create_login(created.id, 'Zoe.Rochat', GOOD_PASSWORD, 'staff', acting_role=MANAGER)
    assert with_login.login is not None
    assert (with_login.login.username, with_login.login.role) == ('zoe.rochat', 'staff')
    user = authenticate('zoe.rochat', GOOD_PASSWORD)
    assert (user.display_name, user.role, user.branch_id) == ('Zoé Rochat', 'staff', COPPET)
    assert 'Zoé Rochat' in [choice.display_name for choice in active_employees(COPPET)]


def test_an_employee_is_renamed_and_moved_to_another_branch(database: str) -> None:
    geneva = save_branch(None, BranchForm(name='CMB Genève', street='Rue du Rhône 1', postal_code='1204',
                                          city='Genève', letter_town='Genève'), acting_role=MANAGER)
    moved = save_employee(LUC, 'Luc Perret-Gentil', geneva.id, acting_role=MANAGER)
    assert (moved.display_name, moved.branch) == ('Luc Perret-Gentil', 'CMB Genève')
    assert 'Luc Perret-Gentil' not in [choice.display_name for choice in active_employees(COPPET)]


def test_employee_needs_a_name_and_a_branch(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_employee(None, ' ', COPPET, acting_role=MANAGER)
    assert set(refused.value.errors) == {'display_name'}
    with pytest.raises(ValidationFailed) as refused:
        save_employee(None, 'Zoé Rochat', 999, acting_role=MANAGER)
    assert set(refused.value.errors) == {'branch_id'}


@pytest.mark.parametrize(('password', 'key'), [
    ('short1', 'auth.password_too_short'),
    ('my-zoe.rochat-password', 'auth.password_contains_username'),
    ('MY-ZOE.ROCHAT-PASSWORD', 'auth.password_contains_username'),
])
def test_initial_password_must_be_long_enough_and_not_contain_the_username(database: str, password: str,
                                                                         key: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_login(LUC, 'zoe.rochat', password, 'staff', acting_role=MANAGER)
    assert refused.value.errors['password'].key == key
    assert password not in str(refused.value) and password not in repr(refused.value.errors)
    assert employee(LUC).login is None


@pytest.mark.parametrize(('username', 'key'), [
    ('andre', 'admin.staff.username_taken'),
    ('CAMILLE', 'admin.staff.username_taken'),
    ('zoé', 'admin.staff.username_format'),
    ('zoe rochat', 'admin.staff.username_format'),
    ('', 'validation.required'),
])
def test_username_must_be_free_and_well_formed(database: str, username: str, key: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_login(LUC, username, GOOD_PASSWORD, 'staff', acting_role=MANAGER)
    assert refused.value.errors['username'].key == key


def test_an_employee_has_at_most_one_login(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_login(ANDRE, 'andre2', GOOD_PASSWORD, 'staff', acting_role=MANAGER)
    assert refused.value.errors['username'].key == 'admin.staff.has_login'


@pytest.mark.parametrize(('configured', 'expected'), [('de', 'de'), ('it', 'it'), (None, 'fr'), ('xx', 'fr')])
def test_a_new_login_speaks_the_configured_default_language(database: str, monkeypatch: pytest.MonkeyPatch,
                                                             configured: str | None, expected: str) -> None:
    if configured is None:
        monkeypatch.delenv('CUSTOMER_PAD_DEFAULT_LANGUAGE', raising=False)
    else:
        monkeypatch.setenv('CUSTOMER_PAD_DEFAULT_LANGUAGE', configured)
    create_login(LUC, 'luc', GOOD_PASSWORD, 'staff', acting_role=MANAGER)
    with unit_of_work() as session:
        assert session.scalar(select(Login.language).where(Login.username == 'luc')) == expected
    assert authenticate('luc', GOOD_PASSWORD).language == expected


def test_passwords_are_stored_only_as_hashes(database: str) -> None:
    create_login(LUC, 'luc', GOOD_PASSWORD, 'staff', acting_role=MANAGER)
    reset_password(login_id(LUC), 'Another-Long-Secret', acting_role=MANAGER)
    with unit_of_work() as session:
        stored = session.scalar(select(Login.password_hash).where(Login.username == 'luc'))
    assert stored is not None and stored.startswith('$argon2id$')
    assert GOOD_PASSWORD not in stored and 'Another-Long-Secret' not in stored
    assert 'Another-Long-Secret' not in repr(employee(LUC))


def test_a_deactivated_employee_cannot_log_in_and_leaves_the_header(database: str) -> None:
    andre = authenticate('andre', 'customerpad')
    set_employee_active(ANDRE, False, acting_role=MANAGER)
    with pytest.raises(LoginFailed):
        authenticate('andre', 'customerpad')
    assert session_user(andre.login_id) is None  # an open session ends at its next page
    assert 'André Cupolillo' not in [choice.display_name for choice in active_employees(COPPET)]
    set_employee_active(ANDRE, True, acting_role=MANAGER)
    assert authenticate('andre', 'customerpad').employee_id == ANDRE


def test_the_last_active_manager_can_be_neither_deactivated_nor_made_staff(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        set_employee_active(CAMILLE, False, acting_role=MANAGER)
    assert refused.value.errors['active'].key == 'admin.staff.last_manager'
    with pytest.raises(ValidationFailed) as refused:
        change_role(login_id(CAMILLE), 'staff', acting_role=MANAGER)
    assert refused.value.errors['role'].key == 'admin.staff.last_manager'
    camille = employee(CAMILLE)
    assert camille.active and camille.login is not None and camille.login.role == 'manager'


def test_with_another_manager_the_first_may_step_down(database: str) -> None:
    change_role(login_id(ANDRE), 'manager', acting_role=MANAGER)
    change_role(login_id(CAMILLE), 'staff', acting_role=MANAGER)
    assert authenticate('camille', 'customerpad').role == 'staff'
    with pytest.raises(ValidationFailed):
        set_employee_active(ANDRE, False, acting_role=MANAGER)  # André is now the last one
    change_role(login_id(CAMILLE), 'manager', acting_role=MANAGER)
    set_employee_active(ANDRE, False, acting_role=MANAGER)


def test_an_inactive_manager_does_not_count_as_the_one_left(database: str) -> None:
    change_role(login_id(ANDRE), 'manager', acting_role=MANAGER)
    set_employee_active(ANDRE, False, acting_role=MANAGER)
    with pytest.raises(ValidationFailed):
        change_role(login_id(CAMILLE), 'staff', acting_role=MANAGER)


def test_a_reset_password_replaces_the_old_one_and_lifts_the_lock(database: str) -> None:
    lock_out('andre')
    reset_password(login_id(ANDRE), 'Nouveau-Mot-De-Passe', acting_role=MANAGER)
    with pytest.raises(LoginFailed):
        authenticate('andre', 'customerpad')
    assert authenticate('andre', 'Nouveau-Mot-De-Passe').username == 'andre'
    with pytest.raises(ValidationFailed) as refused:
        reset_password(login_id(ANDRE), 'andre-is-back-again', acting_role=MANAGER)
    assert refused.value.errors['password'].key == 'auth.password_contains_username'


def lock_out(username: str) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginFailed):
            authenticate(username, 'wrong password')
    with pytest.raises(LoginLocked):
        authenticate(username, 'wrong password')


def test_unlocking_lets_a_locked_out_login_in_again(database: str) -> None:
    lock_out('andre')
    assert is_locked(employee(ANDRE))
    with pytest.raises(LoginLocked):
        authenticate('andre', 'customerpad')
    unlock_login(login_id(ANDRE), acting_role=MANAGER)
    assert not is_locked(employee(ANDRE))
    assert authenticate('andre', 'customerpad').username == 'andre'


def test_role_must_be_staff_or_manager(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        change_role(login_id(ANDRE), 'owner', acting_role=MANAGER)
    assert 'role' in refused.value.errors


def test_staff_may_not_manage_employees_or_logins(database: str) -> None:
    andre_login = login_id(ANDRE)
    for action in (lambda: staff_overview(acting_role='staff'),
                   lambda: save_employee(None, 'Zoé', COPPET, acting_role='staff'),
                   lambda: set_employee_active(CAMILLE, False, acting_role='staff'),
                   lambda: create_login(LUC, 'luc', GOOD_PASSWORD, 'manager', acting_role='staff'),
                   lambda: reset_password(andre_login, GOOD_PASSWORD, acting_role='staff'),
                   lambda: unlock_login(andre_login, acting_role='staff'),
                   lambda: change_role(andre_login, 'manager', acting_role='staff')):
        with pytest.raises(AccessDenied):
            action()
    assert authenticate('andre', 'customerpad').role == 'staff'
    assert employee(LUC).login is None


def test_a_manager_sets_a_pin_that_then_ends_customer_mode(database: str) -> None:
    assert employee(ANDRE).login.has_pin is False
    with pytest.raises(ValidationFailed) as refused:
        set_login_pin(login_id(ANDRE), '12ab', acting_role=MANAGER)
    assert set(refused.value.errors) == {'pin'}
    with pytest.raises(AccessDenied):
        set_login_pin(login_id(ANDRE), '2468', acting_role='staff')
    set_login_pin(login_id(ANDRE), '2468', acting_role=MANAGER)
    assert employee(ANDRE).login.has_pin is True
    unlock_customer_mode(login_id(ANDRE), '2468')


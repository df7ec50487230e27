"""Branches: address for the letterhead, the town written on letters and the envelope window side.

The demo has one branch, CMB Coppet (Grand-Rue 12, 1296 Coppet, letters "Coppet", window on the left).
"""

import pytest

from customer_pad.errors import AccessDenied, ValidationFailed
from customer_pad.services.branches import BranchForm, list_branches, save_branch

MANAGER = 'manager'
GENEVA = BranchForm(name='CMB Genève', street='Rue du Rhône 48', postal_code='1204', city='Genève', country_code='CH',
                    letter_town='Genève', phone='022 310 12 34', email='geneve@example.ch', letter_window='right')


def test_branches_are_listed_with_their_letter_settings(database: str) -> None:
    [coppet] = list_branches()
    assert (coppet.name, coppet.street, coppet.postal_code, coppet.city, coppet.letter_town, coppet.letter_window,
            coppet.employee_count) == ('CMB Coppet', 'Grand-Rue 12', '1296', 'Coppet', 'Coppet', 'left', 3)


def test_a_new_branch_is_stored_normalised(database: str) -> None:
    created = save_branch(None, GENEVA, acting_role=MANAGER)
    assert (created.name, created.phone, created.letter_window, created.employee_count) == (
        'CMB Genève', '+41223101234', 'right', 0)
    assert [branch.name for branch in list_branches()] == ['CMB Coppet', 'CMB Genève']


def test_the_letter_town_and_window_side_of_a_branch_can_change(database: str) -> None:
    [coppet] = list_branches()
    changed = save_branch(coppet.id, BranchForm(**{**vars(coppet.form()), 'letter_town': 'Coppet VD',
                                                   'letter_window': 'right'}), acting_role=MANAGER)
    assert (changed.letter_town, changed.letter_window, changed.name) == ('Coppet VD', 'right', 'CMB Coppet')
    assert list_branches()[0].letter_town == 'Coppet VD'


def test_every_bad_field_of_a_branch_is_reported_at_once(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_branch(None, BranchForm(name='', street='', postal_code='12', city='', letter_town='', phone='123',
                                     email='not-an-address', letter_window='top'), acting_role=MANAGER)
    assert set(refused.value.errors) == {'name', 'street', 'postal_code', 'city', 'letter_town', 'phone', 'email',
                                         'letter_window'}
    assert refused.value.errors['postal_code'].key == 'validation.postal_code_ch'
    assert len(list_branches()) == 1


def test_branch_names_are_unique(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_branch(None, BranchForm(**{**vars(GENEVA), 'name': 'cmb coppet'}), acting_role=MANAGER)
    assert refused.value.errors['name'].key == 'admin.branches.name_taken'


def test_staff_may_not_change_branches(database: str) -> None:
    with pytest.raises(AccessDenied):
        save_branch(None, GENEVA, acting_role='staff')
    assert len(list_branches()) == 1

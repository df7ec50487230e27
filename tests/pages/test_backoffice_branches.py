"""Back office branches, as a manager (camille). Demo: CMB Coppet (branch 1), letters "Coppet", window on the left."""

from nicegui.testing import User

from customer_pad.services.branches import list_branches
from tests.pages.conftest import log_in

RETRIES = 30


async def test_manager_moves_the_letter_window_to_the_right(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/branches')
    await user.should_see('Fenêtre à gauche')
    user.find(marker='branch-edit-1').click()
    await user.should_see('Fenêtre à droite')
    next(iter(user.find(marker='branch-field-letter_window').elements)).value = 'right'
    user.find(marker='branch-save').click()
    await user.should_see('Enregistré.', retries=RETRIES)
    assert list_branches()[0].letter_window == 'right'


async def test_a_bad_postal_code_is_refused_next_to_the_field_and_the_form_kept(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/branches')
    user.find(marker='branch-new').click()
    user.find(marker='branch-field-name').type('CMB Genève')
    user.find(marker='branch-field-postal_code').type('12')
    user.find(marker='branch-save').click()
    await user.should_see('Un NPA suisse a 4 chiffres', retries=RETRIES)
    assert next(iter(user.find(marker='branch-field-name').elements)).value == 'CMB Genève'
    assert [branch.name for branch in list_branches()] == ['CMB Coppet']

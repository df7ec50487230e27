"""Back office legal texts, as a manager (camille). Demo: version 1 of each purpose in each language."""

from nicegui.testing import User

from customer_pad.services.consents import current_legal_texts
from tests.pages.conftest import log_in

RETRIES = 30


async def test_manager_publishes_a_new_version_from_an_edited_copy(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/legal-texts')
    await user.should_see('Version en vigueur : 1', retries=RETRIES)
    user.find(marker='legal-new-version').click()
    await user.should_see('Publier la version 2')
    user.find(marker='legal-publish').click()
    await user.should_see('Le texte est identique à la version en vigueur.', retries=RETRIES)
    user.find(marker='legal-body').type('\n\nNouvel article : conservation dix ans.')
    user.find(marker='legal-publish').click()
    await user.should_see('Version en vigueur : 2', retries=RETRIES)
    await user.should_see(marker='legal-version-1')
    current = current_legal_texts('fr')['legal']
    assert current.version == 2 and current.body.endswith('Nouvel article : conservation dix ans.')
    assert current_legal_texts('de')['legal'].version == 1


async def test_each_purpose_and_language_has_its_versions(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/legal-texts')
    await user.should_see(marker='legal-current', retries=RETRIES)
    next(iter(user.find(marker='legal-language').elements)).value = 'de'
    await user.should_see(current_legal_texts('de')['legal'].title, retries=RETRIES)
    next(iter(user.find(marker='legal-purpose').elements)).value = 'wishlist'
    await user.should_see(current_legal_texts('de')['wishlist'].title, retries=RETRIES)


async def test_the_preview_shows_the_text_as_the_customer_sees_it(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/legal-texts')
    user.find(marker='legal-preview-current').click()
    await user.should_see(marker='legal-preview', retries=RETRIES)
    await user.should_see('Aperçu : ce que voit le client')
    await user.should_see('Je suis d\'accord*')

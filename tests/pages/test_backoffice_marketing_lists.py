"""Back office marketing lists, as a manager (camille); staff (andre) are refused (see test_backoffice_customers).

Demo: sixteen lists, six shown on the customer screen; Golf holds Anna Müller."""

import asyncio
import csv
import io

from nicegui.testing import User
from sqlalchemy import select

from customer_pad.db import unit_of_work
from customer_pad.services.customers import customer_screen_interests
from customer_pad.services.marketing_lists import remove_marketing_list, save_marketing_list
from models import MarketingList
from tests.pages.conftest import log_in
from tests.support.backoffice import new_customer

RETRIES = 30


def stored_list(name_fr: str) -> MarketingList | None:
    with unit_of_work() as session:
        return session.scalars(select(MarketingList).where(MarketingList.name_fr == name_fr)).first()


def create_list(name_fr: str) -> int:
    """A list with no customer yet, saved as another manager would."""
    return save_marketing_list(None, {'fr': name_fr}, True, False, acting_role='manager').id


def list_id(name_fr: str) -> int:
    found = stored_list(name_fr)
    assert found is not None
    return found.id


async def test_manager_creates_a_list_shown_on_the_customer_screen(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/marketing-lists')
    await user.should_see('Cocktail de Noël')
    user.find(marker='list-new').click()
    for language, name in (('fr', 'Voile'), ('de', 'Segeln'), ('it', 'Vela'), ('en', 'Sailing')):
        user.find(marker=f'list-name-{language}').type(name)
    user.find(marker='list-form-shown').click()
    user.find(marker='list-save').click()
    await user.should_see('Enregistré.', retries=RETRIES)
    await user.should_see(marker=f'list-row-{list_id("Voile")}')
    assert 'Segeln' in [choice.name for choice in customer_screen_interests('de')]


async def test_a_list_without_a_french_name_is_refused_next_to_the_field_and_the_form_kept(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/marketing-lists')
    user.find(marker='list-new').click()
    user.find(marker='list-name-de').type('Segeln')
    user.find(marker='list-save').click()
    await user.should_see('Ce champ est obligatoire.', retries=RETRIES)
    user.find(marker='list-name-fr').type('golf')
    user.find(marker='list-save').click()
    await user.should_see('Une liste porte déjà ce nom.', retries=RETRIES)
    assert next(iter(user.find(marker='list-name-de').elements)).value == 'Segeln'
    assert stored_list('golf') is None


async def test_switching_a_list_off_the_customer_screen_is_saved_at_once(user: User) -> None:
    golf = list_id('Golf')
    await log_in(user, 'camille')
    await user.open('/backoffice/marketing-lists')
    user.find(marker=f'list-shown-{golf}').click()
    for _ in range(RETRIES):  # the switch saves in the background
        if 'Golf' not in [choice.name for choice in customer_screen_interests('fr')]:
            break
        await asyncio.sleep(0.1)
    found = stored_list('Golf')
    assert found is not None and found.shown_on_customer_screen is False and found.active is True


async def test_removing_a_list_with_customers_deactivates_it(user: User) -> None:
    golf = list_id('Golf')
    await log_in(user, 'camille')
    await user.open('/backoffice/marketing-lists')
    await user.should_see('1 client(s)')
    user.find(marker=f'list-remove-{golf}').click()
    await user.should_see('la liste sera désactivée, pas supprimée', retries=RETRIES)
    user.find(marker='list-remove-confirm').click()
    await user.should_see('Des clients y sont liés : la liste est désactivée.', retries=RETRIES)
    found = stored_list('Golf')
    assert found is not None and found.active is False


async def test_the_mailing_export_downloads_the_opted_in_customers_as_csv(user: User) -> None:
    golf = list_id('Golf')
    new_customer(marketing=True, interest_ids=[golf], first_name='Geoffrey', email='geoffrey@example.ch')
    new_customer(marketing=False, interest_ids=[golf], first_name='Chloé', email='chloe@example.ch')
    await log_in(user, 'camille')
    await user.open('/backoffice/marketing-lists')
    user.find(marker=f'list-export-{golf}').click()
    response = await user.download.next(timeout=10)
    rows = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig'))))
    assert rows == [['first_name', 'last_name', 'email', 'language'], ['Geoffrey', 'Dufour', 'geoffrey@example.ch',
                                                                       'fr']]


async def test_saving_a_list_someone_removed_meanwhile_says_so_and_shows_the_list_as_it_is(user: User) -> None:
    voile = create_list('Voile')
    await log_in(user, 'camille')
    await user.open('/backoffice/marketing-lists')
    user.find(marker=f'list-edit-{voile}').click()
    await user.should_see(marker='list-name-de', retries=RETRIES)
    assert remove_marketing_list(voile, acting_role='manager') == 'deleted'  # another manager, meanwhile
    user.find(marker='list-name-de').type('Segeln')
    user.find(marker='list-save').click()
    await user.should_see("Cet élément n'existe plus : quelqu'un l'a supprimé entre-temps. La liste est à jour.",
                          retries=RETRIES)
    await user.should_not_see(marker=f'list-row-{voile}', retries=RETRIES)
    assert stored_list('Voile') is None

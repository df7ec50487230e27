"""Back office customers, as staff (andre) and managers (camille): search, card, withdrawal, export, receipts, and
what staff are refused. Each test runs main.py on a fresh copy of the demo database (customers 202350-202356)."""

import asyncio
import io
import zipfile
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlalchemy import select

from customer_pad.db import unit_of_work
from customer_pad.services import backoffice_customers
from models import ConsentRecord, Customer
from tests.pages.conftest import log_in
from tests.support.backoffice import ANDRE, new_customer

RETRIES = 30
MANAGER_SCREENS = {  # each manager screen, and a piece of its data staff must not see
    '/backoffice/marketing-lists': 'Cocktail de Noël',
    '/backoffice/staff': 'camille',
    '/backoffice/branches': 'Grand-Rue 12',
    '/backoffice/legal-texts': 'SHA-256',
}


async def table_rows(user: User, marker: str, expected_count: int | None = None) -> list[dict[str, Any]]:
    """The rows of the table marked `marker`, once the search in flight has filled it (with `expected_count` rows)."""
    for _ in range(RETRIES):
        table = next(iter(user.find(marker=marker).elements))
        assert isinstance(table, ui.table)
        if expected_count is None or len(table.rows) == expected_count:
            return table.rows
        await asyncio.sleep(0.1)
    raise AssertionError(f'{marker} did not show {expected_count} rows: {table.rows}')


async def search(user: User, query: str, expected_names: list[str]) -> list[dict[str, Any]]:
    """Type `query` into the search and wait until the table lists `expected_names`."""
    user.find(marker='customer-search').clear().type(query)
    for _ in range(RETRIES):
        rows = await table_rows(user, 'customer-table')
        if [row['name'] for row in rows] == expected_names:
            return rows
        await asyncio.sleep(0.1)
    raise AssertionError(f'the search for {query!r} did not list {expected_names}')


async def test_staff_finds_a_customer_by_town_or_name_without_accents(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers')
    assert len(await table_rows(user, 'customer-table', 7)) == 7
    await user.should_see('7 client(s)')
    rows = await search(user, 'geneve', ['Élodie Favre'])
    assert (rows[0]['number'], rows[0]['city']) == (202352, 'Genève')
    await search(user, 'DUFOUR', ['Sophie Dufour'])
    await search(user, 'muller anna', ['Anna Müller'])
    await search(user, 'nobody at all', [])
    await user.should_see(marker='customer-no-results')


async def test_the_search_is_kept_when_coming_back_to_the_list(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers')
    await search(user, 'lukasik', ['Marek Łukasik'])
    await user.open('/backoffice/customers/202355')
    await user.should_see('Marek Łukasik')
    user.find(marker='card-back').click()
    await user.should_see(marker='customer-table')
    rows = await table_rows(user, 'customer-table', 1)
    assert rows[0]['number'] == 202355


async def test_the_list_is_paged(user: User) -> None:
    for index in range(20):
        new_customer(last_name=f'Zumstein{index:02d}', email=f'zumstein{index}@example.ch')
    await log_in(user, 'andre')
    await user.open('/backoffice/customers')
    assert len(await table_rows(user, 'customer-table', 20)) == 20
    await user.should_see('27 client(s)')
    await user.should_see('1 / 2')
    user.find(marker='customer-page-next').click()
    rows = await table_rows(user, 'customer-table', 7)
    assert [row['name'] for row in rows][-1] == 'Geoffrey Zumstein19'
    await user.should_see('2 / 2')


async def test_a_long_list_says_how_far_it_counted(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backoffice_customers, 'COUNT_CAP', 5)
    backoffice_customers._search_statements.cache_clear()
    try:
        await log_in(user, 'andre')
        await user.open('/backoffice/customers')
        assert len(await table_rows(user, 'customer-table', 7)) == 7  # a page holds 20, the count stops at 5
        await user.should_see('5+ clients')
        await user.should_see('1 / 1+')
        await search(user, 'dufour', ['Sophie Dufour'])
        await user.should_see('1 client(s)')
    finally:
        backoffice_customers._search_statements.cache_clear()



async def test_the_card_shows_phone_numbers_grouped_as_people_read_them(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers/202356')  # Kim Tschantre's private phone is stored as +41446145111
    await user.should_see('+41 44 614 51 11')

async def test_the_card_shows_data_consents_with_signatures_wishlist_and_history(user: User) -> None:
    saved = new_customer(marketing=True)
    await log_in(user, 'andre')
    await user.open(f'/backoffice/customers/{saved.number}')
    await user.should_see('Geoffrey Dufour')
    await user.should_see(f'Client n° {saved.number}')
    await user.should_see('geoffrey.dufour@bluewin.ch')
    await user.should_see('Dispositions légales : Accepté')
    await user.should_see('Informations sur les produits et services : Accepté')
    await user.should_see(marker=f'signature-{saved.signature_id}')
    await user.should_see(marker=f'receipt-{saved.signature_id}')
    await user.should_see('Le client accepte de recevoir des informations marketing.')
    await user.should_see(marker='history-table')
    await user.open('/backoffice/customers/202356')
    await user.should_see('Kim Tschantre')
    await user.should_see('Oyster Perpetual')
    await user.should_see(marker='wishlist-3')


async def test_staff_withdraws_marketing_consent_with_a_reason(user: User) -> None:
    saved = new_customer(marketing=True)
    await log_in(user, 'andre')
    await user.open(f'/backoffice/customers/{saved.number}')
    user.find(marker='withdraw-marketing').click()
    user.find(marker='withdraw-confirm').click()
    await user.should_see('Ce champ est obligatoire.', retries=RETRIES)
    user.find(marker='withdraw-reason').type('Asked at the counter')
    user.find(marker='withdraw-confirm').click()
    await user.should_see('Le client ne reçoit pas d\'informations marketing', retries=RETRIES)
    await user.should_see('Motif : Asked at the counter')
    await user.should_not_see(marker='withdraw-marketing')
    with unit_of_work() as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == saved.number))
        withdrawal = session.scalars(select(ConsentRecord).where(ConsentRecord.customer_id == customer_id)
                                     .order_by(ConsentRecord.id.desc())).first()
        assert withdrawal is not None
        assert (withdrawal.withdrawal, withdrawal.accepted, withdrawal.reason, withdrawal.employee_id) == (
            True, False, 'Asked at the counter', ANDRE)


async def test_a_customer_without_marketing_consent_offers_no_withdrawal(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers/202350')
    await user.should_see('Le client ne reçoit pas d\'informations marketing')
    await user.should_not_see(marker='withdraw-marketing')


async def test_one_click_exports_a_zip_with_the_json_and_the_pdf(user: User) -> None:
    saved = new_customer(marketing=True)
    await log_in(user, 'andre')
    await user.open(f'/backoffice/customers/{saved.number}')
    user.find(marker='card-export').click()
    response = await user.download.next(timeout=10)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
    assert names == [f'{name}.{extension}' for name in [names[0].rsplit('.', 1)[0]] for extension in ('json', 'pdf')]
    assert names[0].startswith(f'donnees-client-{saved.number}-')


async def test_the_receipt_of_a_signing_is_printable_from_the_card(user: User) -> None:
    saved = new_customer(marketing=True)
    await log_in(user, 'andre')
    await user.open(f'/backoffice/customers/{saved.number}')
    user.find(marker=f'receipt-{saved.signature_id}').click()
    response = await user.download.next(timeout=10)
    assert response.content.startswith(b'%PDF')


async def test_modify_opens_the_customer_in_the_wizard(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers/202354')
    user.find(marker='card-modify').click()
    await user.should_see(marker='wizard', retries=RETRIES)
    await user.should_see('202354')


async def test_an_unknown_customer_number_says_so(user: User) -> None:
    await log_in(user, 'andre')
    for number in ('999999', 'abc'):
        await user.open(f'/backoffice/customers/{number}')
        await user.should_see(marker='customer-unknown')


async def test_staff_see_only_wishlists_and_customers_in_the_navigation(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers')
    await user.should_see(marker='nav:/backoffice/wishlists')
    await user.should_see(marker='nav:/backoffice/customers')
    for path in MANAGER_SCREENS:
        await user.should_not_see(marker=f'nav:{path}')


async def test_managers_see_every_back_office_section(user: User) -> None:
    await log_in(user, 'camille')
    await user.open('/backoffice/customers')
    for path in ('/backoffice/wishlists', '/backoffice/customers', *MANAGER_SCREENS):
        await user.should_see(marker=f'nav:{path}')


async def test_staff_are_refused_every_manager_screen_and_see_none_of_its_data(user: User) -> None:
    await log_in(user, 'andre')
    for path, data in MANAGER_SCREENS.items():
        await user.open(path)
        await user.should_see(marker='not-allowed')
        await user.should_not_see(data)

"""Marketing interest lists: names per language, the flags the wizard follows, counts and the mailing export.

Demo lists: sixteen, six of them shown on the customer screen; Anna Müller (202350) is in Golf and Art,
Élodie Favre (202352) in Musique; no demo customer has ever been asked for marketing consent.
"""

import csv
import io

import pytest
from sqlalchemy import func, select

from customer_pad.db import unit_of_work
from customer_pad.errors import AccessDenied, ValidationFailed
from customer_pad.services.backoffice_customers import withdraw_marketing_consent
from customer_pad.services.customers import customer_screen_interests
from customer_pad.services.marketing_lists import (
    MarketingListRow,
    marketing_lists,
    opted_in_mailing,
    remove_marketing_list,
    save_marketing_list,
    set_marketing_list_flags,
    spreadsheet_safe,
)
from models import MarketingList
from tests.support.backoffice import CAMILLE_AT_COPPET, new_customer

MANAGER = 'manager'
NAMES = {'fr': 'Voile', 'de': 'Segeln', 'it': 'Vela', 'en': 'Sailing'}


def wizard_names(language: str) -> list[str]:
    return [choice.name for choice in customer_screen_interests(language)]


def list_row(name_fr: str) -> MarketingListRow:
    return next(row for row in marketing_lists(acting_role=MANAGER) if row.names['fr'] == name_fr)


def mailing_rows(list_id: int) -> list[list[str]]:
    export = opted_in_mailing(list_id, acting_role=MANAGER)
    content = export.content.decode('utf-8')
    assert content.startswith('\ufeff')
    return list(csv.reader(io.StringIO(content[1:])))


def test_a_new_list_flagged_for_the_customer_screen_appears_in_the_wizard_in_each_language(database: str) -> None:
    created = save_marketing_list(None, NAMES, True, True, acting_role=MANAGER)
    assert (created.names, created.active, created.shown_on_customer_screen, created.customer_count) == (
        NAMES, True, True, 0)
    for language, name in NAMES.items():
        assert name in wizard_names(language)


def test_only_active_and_flagged_lists_are_offered_in_the_wizard(database: str) -> None:
    hidden = save_marketing_list(None, NAMES, True, False, acting_role=MANAGER)
    assert 'Voile' not in wizard_names('fr')
    set_marketing_list_flags(hidden.id, shown_on_customer_screen=True, acting_role=MANAGER)
    assert 'Voile' in wizard_names('fr')
    set_marketing_list_flags(hidden.id, active=False, acting_role=MANAGER)
    assert 'Voile' not in wizard_names('fr')
    assert list_row('Voile').shown_on_customer_screen is True


def test_an_empty_translation_shows_the_french_name(database: str) -> None:
    save_marketing_list(None, {'fr': 'Voile', 'de': '', 'it': '', 'en': 'Sailing'}, True, True, acting_role=MANAGER)
    assert 'Voile' in wizard_names('de')
    assert 'Sailing' in wizard_names('en')


def test_renaming_a_list_renames_it_everywhere(database: str) -> None:
    golf = list_row('Golf')
    save_marketing_list(golf.id, {'fr': 'Golf & green', 'de': 'Golf & Grün', 'it': '', 'en': ''}, True, True,
                        acting_role=MANAGER)
    assert 'Golf & green' in wizard_names('fr') and 'Golf & Grün' in wizard_names('de')
    assert list_row('Golf & green').customer_count == 1  # Anna Müller keeps it


def test_the_french_name_is_required_and_unique_ignoring_case_and_accents(database: str) -> None:
    with pytest.raises(ValidationFailed) as missing:
        save_marketing_list(None, {'fr': '  ', 'de': 'Segeln'}, True, True, acting_role=MANAGER)
    assert missing.value.errors['name_fr'].key == 'validation.required'
    for taken in ('golf', 'CINEMA', 'Cinéma '):
        with pytest.raises(ValidationFailed) as duplicate:
            save_marketing_list(None, {'fr': taken}, True, True, acting_role=MANAGER)
        assert duplicate.value.errors['name_fr'].key == 'admin.lists.name_taken'
    with pytest.raises(ValidationFailed) as too_long:
        save_marketing_list(None, {'fr': 'Voile', 'de': 'S' * 81}, True, True, acting_role=MANAGER)
    assert too_long.value.errors == {'name_de': too_long.value.errors['name_de']}
    golf = list_row('Golf')
    save_marketing_list(golf.id, {'fr': 'GOLF'}, True, True, acting_role=MANAGER)  # its own name may change case


def test_customers_are_counted_per_list(database: str) -> None:
    counts = {row.names['fr']: row.customer_count for row in marketing_lists(acting_role=MANAGER)}
    assert (counts['Golf'], counts['Art'], counts['Musique'], counts['Tennis']) == (1, 1, 1, 0)
    assert len(counts) == 16


def test_a_list_customers_are_linked_to_is_deactivated_not_deleted(database: str) -> None:
    golf = list_row('Golf')
    assert remove_marketing_list(golf.id, acting_role=MANAGER) == 'deactivated'
    kept = list_row('Golf')
    assert (kept.active, kept.customer_count) == (False, 1)
    assert 'Golf' not in wizard_names('fr')


def test_a_list_without_customers_is_deleted(database: str) -> None:
    tennis = list_row('Tennis')
    assert remove_marketing_list(tennis.id, acting_role=MANAGER) == 'deleted'
    with unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(MarketingList)
                              .where(MarketingList.name_fr == 'Tennis')) == 0


def test_the_mailing_export_lists_only_customers_who_accept_marketing_now(database: str) -> None:
    sailing = save_marketing_list(None, NAMES, True, True, acting_role=MANAGER)
    accepting = new_customer(marketing=True, interest_ids=[sailing.id], first_name='Geoffrey', last_name='Dufour',
                             email='geoffrey@example.ch', language='fr')
    new_customer(marketing=False, interest_ids=[sailing.id], first_name='Chloé', last_name='Declined',
                 email='chloe@example.ch')
    withdrawn = new_customer(marketing=True, interest_ids=[sailing.id], first_name='Walter', last_name='Withdrew',
                             email='walter@example.ch')
    withdraw_marketing_consent(withdrawn.number, 'by phone', CAMILLE_AT_COPPET)
    new_customer(marketing=True, first_name='Otto', last_name='Other', email='otto@example.ch')  # not in the list
    assert accepting.number
    assert mailing_rows(sailing.id) == [['first_name', 'last_name', 'email', 'language'],
                                        ['Geoffrey', 'Dufour', 'geoffrey@example.ch', 'fr']]
    assert list_row('Voile').customer_count == 3


def test_a_list_of_customers_never_asked_exports_no_one(database: str) -> None:
    export = opted_in_mailing(list_row('Golf').id, acting_role=MANAGER)
    assert export.customer_count == 0
    assert export.filename.startswith('mailing-golf-') and export.filename.endswith('.csv')


def test_the_mailing_export_neutralises_spreadsheet_formulas(database: str) -> None:
    sailing = save_marketing_list(None, NAMES, True, True, acting_role=MANAGER)
    new_customer(marketing=True, interest_ids=[sailing.id], first_name='=HYPERLINK("http://evil.example")',
                 last_name='+41 Plus', email='formula@example.ch')
    rows = mailing_rows(sailing.id)
    assert rows[1][:2] == ['\'=HYPERLINK("http://evil.example")', "'+41 Plus"]
    assert [spreadsheet_safe(value) for value in ('-2', '@SUM(A1)', 'Anna', '')] == ["'-2", "'@SUM(A1)", 'Anna', '']


def test_staff_may_not_manage_marketing_lists(database: str) -> None:
    golf_id = list_row('Golf').id
    for action in (lambda: marketing_lists(acting_role='staff'),
                   lambda: save_marketing_list(None, NAMES, True, True, acting_role='staff'),
                   lambda: set_marketing_list_flags(golf_id, active=False, acting_role='staff'),
                   lambda: remove_marketing_list(golf_id, acting_role='staff'),
                   lambda: opted_in_mailing(golf_id, acting_role='staff')):
        with pytest.raises(AccessDenied):
            action()
    assert list_row('Golf').active is True

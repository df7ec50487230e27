"""The managers' evidence check: every record matches, until someone edits one in the database."""

import pytest
from nicegui.testing import User
from sqlalchemy import text

from customer_pad import db, evidence
from customer_pad.evidence import check_evidence
from customer_pad.services import wishlists
from tests.pages.conftest import log_in
from tests.services.test_wishlists import andre_at_coppet, handwritten_signature, signing_answers


async def test_manager_checks_the_evidence_and_sees_the_altered_record_named(user: User) -> None:
    wishlists.sign_wishlist(3, **signing_answers(), signature=handwritten_signature(), context=andre_at_coppet())
    records = check_evidence().records_checked
    await log_in(user, 'camille')
    await user.open('/backoffice/evidence')
    user.find(marker='evidence-run').click()
    await user.should_see(f'Les {records} enregistrements correspondent tous à leur empreinte.', retries=50)
    await user.should_not_see(marker='evidence-problems')

    with db.engine().begin() as connection:  # someone turns the last answer round afterwards
        last = connection.execute(text('SELECT max(id) FROM consent_record')).scalar_one()
        connection.execute(text('UPDATE consent_record SET accepted = NOT accepted WHERE id = :id'), {'id': last})
    user.find(marker='evidence-run').click()
    await user.should_see('1 enregistrement(s) ne correspondent pas à leur empreinte :', retries=50)
    table = user.find(marker='evidence-problems').elements.pop()
    assert table.rows == [{'key': f'consent_record-{last}-content_changed', 'record': 'Consentement', 'number': last,
                           'reason': "Le contenu ne correspond plus à l'empreinte."}]



async def test_a_long_list_of_problems_shows_its_first_ones_and_says_so(user: User,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence, 'LISTED_PROBLEMS', 1)
    wishlists.sign_wishlist(3, **signing_answers(), signature=handwritten_signature(), context=andre_at_coppet())
    with db.engine().begin() as connection:  # two answers turned round
        connection.execute(text('UPDATE consent_record SET accepted = NOT accepted'))
    problems = len(evidence.check_evidence().problems)
    assert problems > 1
    await log_in(user, 'camille')
    await user.open('/backoffice/evidence')
    user.find(marker='evidence-run').click()
    await user.should_see(f'{problems} enregistrement(s) ne correspondent pas à leur empreinte :', retries=50)
    await user.should_see('Les 1 premiers sont listés ; `python -m customer_pad verify` les nomme tous.')
    assert len(user.find(marker='evidence-problems').elements.pop().rows) == 1

async def test_staff_do_not_see_the_evidence_section(user: User) -> None:
    await log_in(user, 'andre')
    await user.open('/backoffice/customers')
    await user.should_see(marker='nav:/backoffice/customers', retries=30)
    await user.should_not_see(marker='nav:/backoffice/evidence')

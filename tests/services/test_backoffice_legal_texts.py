"""Legal texts: versions are never rewritten; a new version is used by new consents, earlier consents keep theirs.

The demo has version 1 of each purpose (legal, marketing, wishlist) in each language.
"""

import pytest
from sqlalchemy import select

from customer_pad.db import unit_of_work
from customer_pad.errors import AccessDenied, Conflict, ValidationFailed
from customer_pad.evidence import verify_evidence
from customer_pad.legal_texts import legal_text_sha256
from customer_pad.services.backoffice_customers import customer_card
from customer_pad.services.consents import current_legal_texts
from customer_pad.services.legal_text_admin import (
    LegalTextVersion,
    legal_text_overview,
    legal_text_versions,
    publish_legal_text,
)
from models import ConsentRecord, Customer, LegalText
from tests.support.backoffice import new_customer

MANAGER = 'manager'


def current(purpose: str = 'legal', language: str = 'fr') -> LegalTextVersion:
    return legal_text_versions(purpose, language, acting_role=MANAGER)[0]


def consents_of(number: int) -> list[ConsentRecord]:
    with unit_of_work() as session:
        customer_id = session.scalar(select(Customer.id).where(Customer.number == number))
        return list(session.scalars(select(ConsentRecord).where(ConsentRecord.customer_id == customer_id)
                                    .order_by(ConsentRecord.id)))


def test_a_new_version_is_used_by_new_consents_while_earlier_ones_keep_theirs(database: str) -> None:
    first = current()
    before = new_customer(last_name='Avant')
    edited = first.body + '\n\nNouvel article : durée de conservation de dix ans.'

    published = publish_legal_text('legal', 'fr', first.title, edited, 1, acting_role=MANAGER)

    assert (published.version, published.body, published.current) == (2, edited, True)
    assert published.sha256 == legal_text_sha256(first.title, edited)
    assert current_legal_texts('fr')['legal'].version == 2
    assert current_legal_texts('de')['legal'].version == 1  # each language is versioned on its own
    after = new_customer(last_name='Apres')
    legal_before = next(record for record in consents_of(before.number) if record.purpose == 'legal')
    legal_after = next(record for record in consents_of(after.number) if record.purpose == 'legal')
    assert (legal_before.legal_text_id, legal_before.text_version, legal_before.text_sha256) == (
        first.id, 1, first.sha256)
    assert (legal_after.legal_text_id, legal_after.text_version, legal_after.text_sha256) == (
        published.id, 2, published.sha256)
    with unit_of_work() as session:
        original = session.get(LegalText, first.id)
        assert original is not None
        assert (original.body, original.sha256) == (first.body, legal_text_sha256(first.title, first.body))
    assert all(entry.text_verified for entry in customer_card(before.number, 'fr').consents)
    assert verify_evidence() == []


def test_every_version_stays_readable_newest_first_with_its_consent_count(database: str) -> None:
    new_customer()
    first = current('marketing')
    publish_legal_text('marketing', 'fr', 'Newsletter', first.body, 1, acting_role=MANAGER)
    publish_legal_text('marketing', 'fr', 'Newsletter', first.body + ' Désinscription en un clic.', 2,
                       acting_role=MANAGER)
    versions = legal_text_versions('marketing', 'fr', acting_role=MANAGER)
    assert [(text.version, text.current, text.consent_count) for text in versions] == [
        (3, True, 0), (2, False, 0), (1, False, 1)]
    assert versions[2].title == first.title


def test_overview_shows_every_purpose_in_every_language(database: str) -> None:
    publish_legal_text('wishlist', 'it', 'Presa d\'atto', 'Nessuna garanzia di consegna.', 1, acting_role=MANAGER)
    slots = legal_text_overview(acting_role=MANAGER)
    assert len(slots) == 12
    by_key = {(slot.purpose, slot.language): slot for slot in slots}
    wishlist_it = by_key['wishlist', 'it']
    assert wishlist_it.current is not None
    assert (wishlist_it.current.version, wishlist_it.version_count) == (2, 2)
    assert all(slot.current is not None and slot.current.version == 1 for key, slot in by_key.items()
               if key != ('wishlist', 'it'))


def test_an_unchanged_copy_is_not_a_new_version(database: str) -> None:
    first = current()
    with pytest.raises(ValidationFailed) as refused:
        publish_legal_text('legal', 'fr', first.title, first.body + '\n  ', 1, acting_role=MANAGER)
    assert refused.value.errors['body'].key == 'admin.legal.unchanged'
    assert len(legal_text_versions('legal', 'fr', acting_role=MANAGER)) == 1


def test_publishing_from_a_version_that_is_no_longer_current_is_a_conflict(database: str) -> None:
    first = current()
    publish_legal_text('legal', 'fr', first.title, first.body + ' A.', 1, acting_role=MANAGER)
    with pytest.raises(Conflict):
        publish_legal_text('legal', 'fr', first.title, first.body + ' B.', 1, acting_role=MANAGER)
    assert current().body == first.body + ' A.'


def test_title_and_body_are_required_and_paragraphs_are_kept(database: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        publish_legal_text('legal', 'fr', ' ', '\n \n', 1, acting_role=MANAGER)
    assert {name: message.key for name, message in refused.value.errors.items()} == {
        'title': 'validation.required', 'body': 'validation.required'}
    with pytest.raises(ValidationFailed) as refused:
        publish_legal_text('legal', 'fr', 'Titre', 'Texte\x00caché', 1, acting_role=MANAGER)
    assert refused.value.errors['body'].key == 'validation.control_characters'
    with pytest.raises(ValidationFailed) as refused:  # an override displays "oui" where "iuo" is stored
        publish_legal_text('legal', 'fr', 'Titre', 'Je dis \u202eiuo\u202c.', 1, acting_role=MANAGER)
    assert refused.value.errors['body'].key == 'validation.control_characters'
    published = publish_legal_text('legal', 'fr', 'Titre', '  Premier.\r\n\r\nSecond :\n- point   \n', 1,
                                   acting_role=MANAGER)
    assert published.body == 'Premier.\n\nSecond :\n- point'


def test_staff_may_not_read_or_publish_versions(database: str) -> None:
    for action in (lambda: legal_text_overview(acting_role='staff'),
                   lambda: legal_text_versions('legal', 'fr', acting_role='staff'),
                   lambda: publish_legal_text('legal', 'fr', 'T', 'B', 1, acting_role='staff')):
        with pytest.raises(AccessDenied):
            action()
    assert current().version == 1

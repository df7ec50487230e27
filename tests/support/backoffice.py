"""Helpers of the back-office tests: customers created through the wizard's services, with signed consent.

The demo database has André Cupolillo (employee 1, staff, login `andre`) and Camille Dubois (employee 2,
manager, login `camille`) at CMB Coppet (branch 1), and customers 202350 to 202356.
"""

import json
import math
from dataclasses import replace

from customer_pad.services.consents import SigningContext, current_legal_texts
from customer_pad.services.customers import CustomerForm, SavedCustomer, create_customer, update_customer
from customer_pad.signatures import Signature, parse_signature

ANDRE = 1
CAMILLE = 2
COPPET = 1
ANDRE_AT_COPPET = SigningContext(employee_id=ANDRE, branch_id=COPPET, user_agent='pytest')
CAMILLE_AT_COPPET = SigningContext(employee_id=CAMILLE, branch_id=COPPET, user_agent='pytest')


def handwritten_signature() -> Signature:
    """A signature as the pad sends it: a loop and a cursive run with an underline."""

    def stroke(points: list[tuple[float, float]]) -> list[list[float]]:
        return [[round(x, 4), round(y, 4)] for x, y in points]

    loop = [(0.15 + 0.08 * math.cos(index * 0.25), 0.5 + 0.25 * math.sin(index * 0.25)) for index in range(26)]
    run = [(0.28 + 0.55 * index / 120 - 0.02 * math.sin(index / 3), 0.55 - 0.07 * (1 + math.cos(index / 3)))
           for index in range(121)]
    underline = [(0.12 + 0.7 * index / 20, 0.85 - 0.03 * math.sin(math.pi * index / 20)) for index in range(21)]
    payload = {'v': 1, 'aspect': 2.5, 'strokes': [stroke(loop), stroke(run), stroke(underline)]}
    return parse_signature(json.dumps(payload, separators=(',', ':')))


def text_ids(language: str = 'fr') -> dict[str, int]:
    return {purpose: text.id for purpose, text in current_legal_texts(language).items()}


def customer_form(**changes: object) -> CustomerForm:
    """Geoffrey Dufour of the manual, living in Genève, as typed into the wizard."""
    form = CustomerForm(
        salutation='mr', first_name='Geoffrey', last_name='Dufour', birth_date='23.09.1975', language='fr',
        sales_advisor_id=ANDRE, street='Rue des Charmilles 23', postal_code='1201', city='Genève',
        country_code='CH', email='geoffrey.dufour@bluewin.ch', mobile='079 123 45 67',
        contacts=[{'kind': 'website', 'value': 'www.dufour.com'}])
    return replace(form, **changes)


def new_customer(marketing: bool = True, context: SigningContext = ANDRE_AT_COPPET, **changes: object) -> SavedCustomer:
    """A customer created through the wizard's service, legal terms accepted, marketing as given, signed."""
    form = customer_form(**changes)
    return create_customer(form, (('legal', True), ('marketing', marketing)), text_ids(form.language),
                           handwritten_signature(), context)


def correct_customer(saved: SavedCustomer, marketing: bool = True, context: SigningContext = ANDRE_AT_COPPET,
                     **changes: object) -> SavedCustomer:
    """The customer corrected through the wizard's service (signed again)."""
    form = customer_form(**changes)
    return update_customer(saved.number, saved.version, form, (('legal', True), ('marketing', marketing)),
                           text_ids(form.language), handwritten_signature(), context)

"""Many tablets saving at once: no errors, distinct numbers, nothing lost (SQLite and PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from customer_pad.db import unit_of_work
from customer_pad.evidence import verify_evidence
from customer_pad.services.consents import SigningContext, current_legal_texts
from customer_pad.services.customers import CustomerForm, create_customer
from customer_pad.signatures import parse_signature
from models import ConsentRecord, Customer

SAVES = 50
SIGNATURE = ('{"v":1,"aspect":2.5,"strokes":[[[0.1,0.6],[0.2,0.3],[0.3,0.7],[0.4,0.35],[0.5,0.65]],'
             '[[0.55,0.5],[0.65,0.4],[0.75,0.6],[0.85,0.45]]]}')


def test_fifty_concurrent_new_customers_all_get_saved_with_distinct_numbers(database: str) -> None:
    texts = {purpose: view.id for purpose, view in current_legal_texts('fr').items()}
    signature = parse_signature(SIGNATURE)

    def save(index: int) -> int:
        form = CustomerForm(last_name=f'Concurrent {index}', street='Rue du Lac 1', postal_code='1296',
                            city='Coppet', email=f'client{index}@example.ch', mobile='079 123 45 67')
        context = SigningContext(employee_id=1 + index % 2, branch_id=1, user_agent=f'tablet {index}')
        return create_customer(form, (('legal', True), ('marketing', index % 2 == 0)), texts, signature,
                               context).number

    with unit_of_work() as session:
        customers_before = session.scalar(select(func.count()).select_from(Customer))
    with ThreadPoolExecutor(max_workers=16) as pool:
        numbers = list(pool.map(save, range(SAVES)))

    assert len(set(numbers)) == SAVES
    assert all(100_000 <= number <= 999_999 for number in numbers)
    with unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == customers_before + SAVES
        saved = set(session.scalars(select(Customer.last_name).where(Customer.last_name.like('Concurrent %'))))
        assert saved == {f'Concurrent {index}' for index in range(SAVES)}
        assert session.scalar(select(func.count()).select_from(ConsentRecord)) == 2 * SAVES
    assert verify_evidence() == []

"""Many tablets saving at once: no errors, distinct numbers, nothing lost (SQLite and PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from customer_pad import auth
from customer_pad.db import unit_of_work
from customer_pad.errors import ValidationFailed
from customer_pad.evidence import verify_evidence
from customer_pad.services import staff_admin
from customer_pad.services.consents import SigningContext, current_legal_texts
from customer_pad.services.customers import CustomerForm, create_customer
from customer_pad.signatures import parse_signature
from models import ConsentRecord, Customer

SAVES = 50
LUC = 3  # Luc Perret, the demo's employee without a login
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


def test_pin_guesses_sent_at_once_still_lock_unlocking(database: str) -> None:
    andre = auth.authenticate('andre', 'customerpad')
    auth.set_pin(andre.login_id, 'customerpad', '2468')

    def guess(pin: str) -> str:
        try:
            auth.unlock_customer_mode(andre.login_id, pin)
        except auth.UnlockLocked:
            return 'locked'
        except auth.UnlockRefused:
            return 'refused'
        return 'unlocked'

    wrong = [f'{pin:04d}' for pin in range(1000, 1000 + 3 * auth.MAX_PIN_ATTEMPTS)]
    with ThreadPoolExecutor(max_workers=len(wrong)) as pool:
        answers = list(pool.map(guess, wrong))
    # the fifth wrong guess locks; every guess after it finds the lock, however many arrive at once
    assert (answers.count('refused'), answers.count('locked')) == (auth.MAX_PIN_ATTEMPTS - 1,
                                                                    len(wrong) - auth.MAX_PIN_ATTEMPTS + 1)
    assert guess('2468') == 'locked'


def test_two_managers_demoting_each_other_at_once_leave_one_manager(database: str) -> None:
    staff_admin.create_login(LUC, 'luc', 'Horloge-Coppet-2024', 'manager', acting_role='manager')
    camille, luc = (auth.authenticate(name, password).login_id
                    for name, password in (('camille', 'customerpad'), ('luc', 'Horloge-Coppet-2024')))

    def demote(login_id: int) -> bool:
        try:
            staff_admin.change_role(login_id, 'staff', acting_role='manager')
        except ValidationFailed:
            return False
        return True

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(demote, (camille, luc)))
    assert sorted(outcomes) == [False, True]
    assert [row.login.role for row in staff_admin.staff_overview(acting_role='manager')
            if row.login is not None].count('manager') == 1

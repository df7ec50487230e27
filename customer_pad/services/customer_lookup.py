"""A small customer search for forms that pick a customer (by number or by name)."""

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from customer_pad.addresses import person_name
from customer_pad.db import read_only
from customer_pad.errors import NotFound
from customer_pad.search import fold_for_search
from customer_pad.services.backoffice_customers import search_customers
from models import Customer

LIMIT = 20


@dataclass(frozen=True)
class CustomerChoice:
    """A customer as a picker lists it: "Kim Tschantre (202356), New York, NY"."""

    number: int
    name: str
    city: str


def find_customers(query: str, limit: int = LIMIT) -> list[CustomerChoice]:
    """Customers as the back-office search finds them: by number, name, town or e-mail, accents and case ignored,
    by name; at most `limit`. Every term is an index range, so typing stays fast on a million customers (a
    "contains" on the name would read the whole table at each keystroke)."""
    if not fold_for_search(query or '').split():
        return []
    found = search_customers(query, page=1, page_size=max(1, min(limit, LIMIT)), counted=False)
    return [CustomerChoice(number=row.number, name=row.name, city=row.city) for row in found.rows]


_BY_NUMBER = select(Customer.number, Customer.first_name, Customer.last_name, Customer.company, Customer.city) \
    .where(Customer.number == bindparam('number'))
"""Built once, and five columns rather than the whole row: the picker looks customers up often."""


def customer_choice(number: int) -> CustomerChoice:
    """The customer with `number` as a picker shows it; `NotFound` when there is none."""
    with read_only() as connection:
        row = connection.execute(_BY_NUMBER, {'number': number}).first()
    if row is None:
        raise NotFound(number)
    return CustomerChoice(number=row.number, name=person_name(row.first_name, row.last_name, row.company),
                          city=row.city)

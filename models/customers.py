"""Customers, their extra contacts, marketing interest lists and the history of changes."""

from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now

customer_interests = Table(
    'customer_interest',
    Base.metadata,
    Column('customer_id', ForeignKey('customer.id', ondelete='CASCADE'), primary_key=True),
    Column('marketing_list_id', ForeignKey('marketing_list.id'), primary_key=True, index=True),
)


def folded_text(length: int) -> String:
    """A column of folded search text, compared byte by byte (collation "C" on PostgreSQL), so a prefix
    search is one index range on every backend whatever the database's own collation."""
    return String(length).with_variant(String(length, collation='C'), 'postgresql')


class Customer(Base):
    __tablename__ = 'customer'
    __table_args__ = (
        Index('ix_customer_search_name', 'search_name', 'id'),  # the search's order (name, then id)
        Index('ix_customer_search_city', 'search_city'),
        Index('ix_customer_search_email', 'search_email'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True, comment='6-digit customer number')
    salutation: Mapped[str] = mapped_column(String(4), default='none', comment='mr|ms|none')
    title: Mapped[str] = mapped_column(String(60), default='')
    first_name: Mapped[str] = mapped_column(String(80), default='')
    last_name: Mapped[str] = mapped_column(String(80), index=True)
    company: Mapped[str] = mapped_column(String(120), default='')
    birth_date: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2), comment='correspondence language')
    sales_advisor_id: Mapped[int | None] = mapped_column(ForeignKey('employee.id'))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey('branch.id'), comment='branch that created it')
    street: Mapped[str] = mapped_column(String(120))
    po_box: Mapped[str] = mapped_column(String(120), default='', comment='PO box or address complement')
    postal_code: Mapped[str] = mapped_column(String(12))
    city: Mapped[str] = mapped_column(String(80))
    country_code: Mapped[str] = mapped_column(String(2), default='CH')
    email: Mapped[str] = mapped_column(String(254), index=True)
    mobile: Mapped[str | None] = mapped_column(String(20), comment='E.164')
    search_name: Mapped[str] = mapped_column(
        folded_text(200), default='', comment='last and first name folded (lower case, no accents) for search')
    search_city: Mapped[str] = mapped_column(folded_text(80), default='', comment='city folded for search')
    search_email: Mapped[str] = mapped_column(folded_text(254), default='', comment='e-mail folded for search')
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    contacts: Mapped[list['CustomerContact']] = relationship(
        back_populates='customer', order_by='CustomerContact.position', cascade='all, delete-orphan')
    interests: Mapped[list['MarketingList']] = relationship(secondary=customer_interests)

    __mapper_args__ = {'version_id_col': version}


class CustomerContact(Base):
    __tablename__ = 'customer_contact'

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey('customer.id', ondelete='CASCADE'), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), comment='website|phone_private|phone_business|fax|…')
    value: Mapped[str] = mapped_column(String(500))

    customer: Mapped[Customer] = relationship(back_populates='contacts')


class MarketingList(Base):
    __tablename__ = 'marketing_list'

    id: Mapped[int] = mapped_column(primary_key=True)
    name_fr: Mapped[str] = mapped_column(String(80), unique=True)
    name_de: Mapped[str] = mapped_column(String(80), default='')
    name_it: Mapped[str] = mapped_column(String(80), default='')
    name_en: Mapped[str] = mapped_column(String(80), default='')
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    shown_on_customer_screen: Mapped[bool] = mapped_column(Boolean, default=False)

    def name(self, language: str) -> str:
        """The list's name in `language`, French where that one is empty."""
        return getattr(self, f'name_{language}', '') or self.name_fr


class CustomerChange(Base):
    """One changed field of a customer: who, when, old → new (never rewritten)."""

    __tablename__ = 'customer_change'

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey('customer.id'), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey('employee.id'))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

"""Articles with ordered characteristics, wishlist entries and their events."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now
from models.customers import folded_text


class Article(Base):
    __tablename__ = 'article'

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(120), comment='e.g. "Horlogerie | Montre"')
    brand: Mapped[str] = mapped_column(String(80))
    model: Mapped[str] = mapped_column(String(120))
    reference: Mapped[str] = mapped_column(String(60), index=True)
    search_text: Mapped[str] = mapped_column(
        folded_text(300), default='',
        comment='brand, model and reference folded for search')

    characteristics: Mapped[list['ArticleCharacteristic']] = relationship(
        order_by='ArticleCharacteristic.position', cascade='all, delete-orphan')


class ArticleCharacteristic(Base):
    __tablename__ = 'article_characteristic'

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey('article.id', ondelete='CASCADE'), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    value: Mapped[str] = mapped_column(String(120))


class WishlistEntry(Base):
    __tablename__ = 'wishlist_entry'

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey('customer.id'), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey('article.id'))
    branch_id: Mapped[int] = mapped_column(ForeignKey('branch.id'))
    priority: Mapped[int] = mapped_column(Integer, default=3)
    status: Mapped[str] = mapped_column(String(12), default='open', comment='open|waiting|assigned|delivered|cancelled')
    remarks: Mapped[str] = mapped_column(Text, default='')
    created_on: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('employee.id'))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    article: Mapped[Article] = relationship()
    events: Mapped[list['WishlistEvent']] = relationship(
        back_populates='entry', order_by='WishlistEvent.occurred_at.desc()', cascade='all, delete-orphan')

    __mapper_args__ = {'version_id_col': version}


class WishlistEvent(Base):
    __tablename__ = 'wishlist_event'

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey('wishlist_entry.id', ondelete='CASCADE'), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(20), comment='opened|customer_signature|contact|…')
    employee_id: Mapped[int | None] = mapped_column(ForeignKey('employee.id'), comment='employee the event is about')
    remarks: Mapped[str] = mapped_column(Text, default='')
    creator_id: Mapped[int | None] = mapped_column(ForeignKey('employee.id'), comment='who recorded it')

    entry: Mapped[WishlistEntry] = relationship(back_populates='events')

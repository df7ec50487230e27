"""SQLAlchemy 2.x tables of Customer Pad (floor 1: imports nothing from the floors above)."""

from models.base import Base
from models.consents import ConsentRecord, LegalText, SignatureRecord
from models.customers import Customer, CustomerChange, CustomerContact, MarketingList, customer_interests
from models.organisation import Branch, Employee, Login, LoginAttempt
from models.wishlists import Article, ArticleCharacteristic, WishlistEntry, WishlistEvent

__all__ = [
    'Article',
    'ArticleCharacteristic',
    'Base',
    'Branch',
    'ConsentRecord',
    'Customer',
    'CustomerChange',
    'CustomerContact',
    'Employee',
    'LegalText',
    'Login',
    'LoginAttempt',
    'MarketingList',
    'SignatureRecord',
    'WishlistEntry',
    'WishlistEvent',
    'customer_interests',
]

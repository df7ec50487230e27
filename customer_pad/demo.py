"""Demo data of the manual (branch CMB Coppet, André and Camille, Kim Tschantre's wishlist entry 3)."""

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from customer_pad.auth import hash_password
from customer_pad.db import unit_of_work
from customer_pad.i18n import LANGUAGES
from customer_pad.legal_texts import legal_text_sha256
from customer_pad.search import article_search_text, fold_for_search
from models import (
    Article,
    ArticleCharacteristic,
    Branch,
    Customer,
    CustomerContact,
    Employee,
    LegalText,
    Login,
    MarketingList,
    WishlistEntry,
    WishlistEvent,
)

DEMO_PASSWORD = 'customerpad'  # noqa: S105 - documented demo password, the README says how to change it
DEMO_TEXTS_DIR = Path(__file__).parent / 'demo_texts'
LEGAL_PURPOSES: tuple[str, ...] = ('legal', 'marketing', 'wishlist')

# (French name, German, Italian, English, shown on the customer screen)
MARKETING_LISTS: tuple[tuple[str, str, str, str, bool], ...] = (
    ('Commentaires au mailing', 'Kommentare zum Mailing', 'Commenti al mailing', 'Mailing comments', False),
    ('Clients', 'Kunden', 'Clienti', 'Customers', False),
    ('Cinéma', 'Kino', 'Cinema', 'Cinema', False),
    ('Cocktail de Noël', 'Weihnachtscocktail', 'Cocktail di Natale', 'Christmas cocktail', False),
    ('Contacts personnels', 'Persönliche Kontakte', 'Contatti personali', 'Personal contacts', False),
    ('Ventes', 'Verkauf', 'Vendite', 'Sales', False),
    ('Equitation', 'Reiten', 'Equitazione', 'Horse riding', True),
    ('Gastronomie', 'Gastronomie', 'Gastronomia', 'Gastronomy', False),
    ('Golf', 'Golf', 'Golf', 'Golf', True),
    ('Art', 'Kunst', 'Arte', 'Art', True),
    ('Statistiques', 'Statistiken', 'Statistiche', 'Statistics', False),
    ('Liste de Noël', 'Weihnachtsliste', 'Lista di Natale', 'Christmas list', False),
    ('Magazine', 'Magazin', 'Rivista', 'Magazine', True),
    ('Musique', 'Musik', 'Musica', 'Music', True),
    ('Ski', 'Ski', 'Sci', 'Skiing', False),
    ('Tennis', 'Tennis', 'Tennis', 'Tennis', True),
)

ROLEX_CHARACTERISTICS: tuple[tuple[str, str], ...] = (
    ('Boîtier', 'Acier'),
    ('Bracelet', 'Acier'),
    ('Cadran coul.', 'Argenté'),
    ('Mouvement', 'Automatique'),
    ('Diamètre (mm)', '41'),
    ('Lunette', 'Bombée'),
    ('Boucle', 'Déployante'),
    ('Couronne', 'Vissée'),
    ('Glace', 'Saphir'),
    ('Propriétés', 'Seconde (central)'),
    ('Etanchéité (m)', '100'),
)

# number, salutation, first, last, language, street, postal code, city, country, e-mail, mobile, first contact
DEMO_CUSTOMERS: tuple[tuple[int, str, str, str, str, str, str, str, str, str, str | None, date], ...] = (
    (202350, 'ms', 'Anna', 'Müller', 'de', 'Bahnhofstrasse 45', '8001', 'Zürich', 'CH',
     'anna.mueller@example.ch', '+41791112233', date(2019, 3, 14)),
    (202351, 'mr', 'Luca', 'Bernasconi', 'it', 'Via Nassa 5', '6900', 'Lugano', 'CH',
     'luca.bernasconi@example.ch', '+41765554433', date(2020, 11, 2)),
    (202352, 'ms', 'Élodie', 'Favre', 'fr', 'Rue du Rhône 48', '1204', 'Genève', 'CH',
     'elodie.favre@example.ch', '+41786667788', date(2021, 6, 21)),
    (202353, 'mr', 'James', 'Whitfield', 'en', '12 Sloane Street', 'SW1X 9LA', 'London', 'GB',
     'james.whitfield@example.co.uk', '+447911123456', date(2022, 2, 8)),
    (202354, 'ms', 'Sophie', 'Dufour', 'fr', 'Avenue de la Gare 10', '1003', 'Lausanne', 'CH',
     'sophie.dufour@example.ch', None, date(2018, 9, 30)),
    (202355, 'mr', 'Marek', 'Łukasik', 'de', 'Seestrasse 7', '8800', 'Thalwil', 'CH',
     'marek.lukasik@example.ch', '+41794445566', date(2023, 1, 17)),
    (202356, 'none', 'Kim', 'Tschantre', 'fr', 'Place du Temple 3', '2088', 'New York, NY', 'CH',
     'kim.tschantre@example.ch', None, date(2013, 8, 30)),
)

# number, customer number, brand, model, reference, characteristics, priority, status, created on
DEMO_WISHES: tuple[tuple[int, int, str, str, str, tuple[tuple[str, str], ...], int, str, date], ...] = (
    (1, 202350, 'Patek Philippe', 'Nautilus', '5811/1G-001',
     (('Boîtier', 'Or gris'), ('Cadran coul.', 'Bleu'), ('Diamètre (mm)', '41')), 1, 'waiting', date(2022, 3, 1)),
    (2, 202351, 'Omega', 'Speedmaster Moonwatch', '310.30.42.50.01.002',
     (('Boîtier', 'Acier'), ('Mouvement', 'Manuel')), 2, 'assigned', date(2022, 5, 12)),
    (3, 202356, 'Rolex', 'Oyster Perpetual', 'M124300-0001', ROLEX_CHARACTERISTICS, 3, 'waiting', date(2022, 10, 7)),
    (4, 202353, 'Rolex', 'Cosmograph Daytona', 'M126500LN-0001',
     (('Boîtier', 'Acier'), ('Cadran coul.', 'Blanc')), 2, 'open', date(2023, 4, 3)),
    (5, 202352, 'Audemars Piguet', 'Royal Oak', '15510ST.OO.1320ST.06',
     (('Boîtier', 'Acier'), ('Diamètre (mm)', '41')), 3, 'open', date(2024, 1, 22)),
)


def read_demo_text(purpose: str, language: str) -> tuple[str, str]:
    """The title and body of a demo legal text (first line is the title)."""
    text = (DEMO_TEXTS_DIR / f'{purpose}.{language}.txt').read_text(encoding='utf-8').strip()
    title, _, body = text.partition('\n\n')
    return title.strip(), body.strip()


def is_seeded(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(Branch)) or 0) > 0


def seed_demo() -> bool:
    """Insert the demo data into an empty database; returns False (and changes nothing) if it has data."""
    with unit_of_work() as session:
        if is_seeded(session):
            return False
        _seed(session)
        return True


def _seed(session: Session) -> None:
    branch = Branch(name='CMB Coppet', street='Grand-Rue 12', postal_code='1296', city='Coppet',
                    country_code='CH', letter_town='Coppet', phone='+41227761234', email='coppet@example.ch',
                    letter_window='left')
    andre = Employee(display_name='André Cupolillo', branch=branch)
    camille = Employee(display_name='Camille Dubois', branch=branch)
    session.add_all([branch, andre, camille, Employee(display_name='Luc Perret', branch=branch)])
    session.flush()
    password_hash = hash_password(DEMO_PASSWORD)
    session.add_all([
        Login(employee_id=andre.id, username='andre', password_hash=password_hash, role='staff', language='fr'),
        Login(employee_id=camille.id, username='camille', password_hash=password_hash, role='manager', language='fr'),
    ])
    lists = {}
    for name_fr, name_de, name_it, name_en, shown in MARKETING_LISTS:
        lists[name_fr] = MarketingList(name_fr=name_fr, name_de=name_de, name_it=name_it, name_en=name_en,
                                       active=True, shown_on_customer_screen=shown)
    session.add_all(lists.values())
    for purpose in LEGAL_PURPOSES:
        for language in LANGUAGES:
            title, body = read_demo_text(purpose, language)
            session.add(LegalText(purpose=purpose, language=language, version=1, title=title, body=body,
                                  sha256=legal_text_sha256(title, body)))
    customers: dict[int, Customer] = {}
    for (number, salutation, first, last, language, street, postal_code, city, country, email, mobile,
         first_contact) in DEMO_CUSTOMERS:
        created = datetime(first_contact.year, first_contact.month, first_contact.day, 10, 0, tzinfo=UTC)
        customer = Customer(
            number=number, salutation=salutation, first_name=first, last_name=last, language=language,
            street=street, postal_code=postal_code, city=city, country_code=country, email=email, mobile=mobile,
            sales_advisor_id=andre.id, branch_id=branch.id, search_name=fold_for_search(f'{last} {first}'),
            search_city=fold_for_search(city), search_email=fold_for_search(email),
            created_at=created, updated_at=created)
        customers[number] = customer
    customers[202356].contacts.append(CustomerContact(position=0, kind='phone_private', value='+41446145111'))
    customers[202350].interests.extend([lists['Golf'], lists['Art']])
    customers[202352].interests.append(lists['Musique'])
    session.add_all(customers.values())
    session.flush()
    for number, customer_number, brand, model, reference, characteristics, priority, status, created_on \
            in DEMO_WISHES:
        article = Article(category='Horlogerie | Montre', brand=brand, model=model, reference=reference,
                          search_text=article_search_text(brand, model, reference))
        article.characteristics.extend(
            ArticleCharacteristic(position=index, name=name, value=value)
            for index, (name, value) in enumerate(characteristics))
        entry = WishlistEntry(number=number, customer_id=customers[customer_number].id, article=article,
                              branch_id=branch.id, priority=priority, status=status, created_on=created_on,
                              created_by_id=camille.id, remarks='')
        entry.events.append(WishlistEvent(
            occurred_at=datetime(created_on.year, created_on.month, created_on.day, 9, 30, tzinfo=UTC),
            kind='opened', employee_id=camille.id, creator_id=camille.id))
        session.add(entry)

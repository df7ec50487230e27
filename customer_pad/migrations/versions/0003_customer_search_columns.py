"""Customer search: the city and the e-mail folded (lower case, no accents) into indexed columns.

The back office finds customers by town and e-mail as it does by name: `geneve` finds Genève through an
index range, never a function applied to every row. On PostgreSQL the folded columns compare byte by byte
(collation "C"), so that range is exact and uses the index whatever the database's collation.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from customer_pad.search import fold_for_column

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL_BATCH = 1000
CITY_LENGTH, EMAIL_LENGTH = 80, 254  # the columns' lengths; folding may lengthen a value, so it is cut to fit


def _folded(length: int) -> sa.String:
    return sa.String(length).with_variant(sa.String(length, collation='C'), 'postgresql')


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == 'postgresql'
    with op.batch_alter_table('customer') as batch_op:
        batch_op.add_column(sa.Column('search_city', _folded(CITY_LENGTH), nullable=False, server_default='',
                                      comment='city folded for search'))
        batch_op.add_column(sa.Column('search_email', _folded(EMAIL_LENGTH), nullable=False, server_default='',
                                      comment='e-mail folded for search'))
        if postgresql:
            batch_op.alter_column('search_name', type_=sa.String(200, collation='C'), existing_nullable=False)
    _backfill()
    with op.batch_alter_table('customer') as batch_op:
        batch_op.create_index('ix_customer_search_city', ['search_city'], unique=False)
        batch_op.create_index('ix_customer_search_email', ['search_email'], unique=False)


def _backfill() -> None:
    customer = sa.table('customer', sa.column('id', sa.Integer), sa.column('city', sa.String),
                        sa.column('email', sa.String), sa.column('search_city', sa.String),
                        sa.column('search_email', sa.String))
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(sa.select(customer.c.id, customer.c.city, customer.c.email)
                                  .where(customer.c.id > last_id).order_by(customer.c.id).limit(BACKFILL_BATCH)).all()
        if not rows:
            return
        connection.execute(
            customer.update().where(customer.c.id == sa.bindparam('row_id'))
            .values(search_city=sa.bindparam('folded_city'), search_email=sa.bindparam('folded_email')),
            [{'row_id': row.id, 'folded_city': fold_for_column(row.city or '', CITY_LENGTH),
              'folded_email': fold_for_column(row.email or '', EMAIL_LENGTH)} for row in rows])
        last_id = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_index('ix_customer_search_email')
        batch_op.drop_index('ix_customer_search_city')
        if op.get_bind().dialect.name == 'postgresql':
            batch_op.alter_column('search_name', type_=sa.String(200), existing_nullable=False)
        batch_op.drop_column('search_email')
        batch_op.drop_column('search_city')

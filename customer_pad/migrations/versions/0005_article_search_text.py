"""Wishlist search: brand, model and reference folded (lower case, no accents) into one column.

The back office matched them with the database's `lower()`, which on SQLite lowers ASCII only: `hermes` did not
find "HERMÈS". Folded once when written, they compare as the customer names do.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from customer_pad.search import article_search_text

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL_BATCH = 1000
SEARCH_TEXT_LENGTH = 300


def upgrade() -> None:
    folded = sa.String(SEARCH_TEXT_LENGTH).with_variant(sa.String(SEARCH_TEXT_LENGTH, collation='C'), 'postgresql')
    with op.batch_alter_table('article') as batch_op:
        batch_op.add_column(sa.Column('search_text', folded, nullable=False, server_default='',
                                      comment='brand, model and reference folded for search'))
    article = sa.table('article', sa.column('id', sa.Integer), sa.column('brand', sa.String),
                       sa.column('model', sa.String), sa.column('reference', sa.String),
                       sa.column('search_text', sa.String))
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(sa.select(article.c.id, article.c.brand, article.c.model, article.c.reference)
                                  .where(article.c.id > last_id).order_by(article.c.id).limit(BACKFILL_BATCH)).all()
        if not rows:
            return
        connection.execute(
            article.update().where(article.c.id == sa.bindparam('row_id'))
            .values(search_text=sa.bindparam('folded')),
            [{'row_id': row.id, 'folded': article_search_text(row.brand, row.model, row.reference)} for row in rows])
        last_id = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table('article') as batch_op:
        batch_op.drop_column('search_text')

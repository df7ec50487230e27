"""Customer search: the name index holds the id after the name, in the order the search lists customers.
Also: two column comments PostgreSQL keeps are brought in line with the models.

The back office lists matches by name, then by id. SQLite keeps every index in id order within equal keys, but
PostgreSQL does not: it read every customer whose name starts with the text typed (a thousand `dufour`s) and
sorted them to show the first twenty. With the id in the index it reads twenty.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


COMMENTS = (  # table, column, before, after (SQLite keeps no comments)
    ('consent_record', 'fingerprint', 'SHA-256 over the canonical content',
     'SHA-256 over the canonical content and previous'),
    ('signature', 'sha256', None, 'SHA-256 of the canonical strokes JSON'),
)


def upgrade() -> None:
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_index('ix_customer_search_name')
        batch_op.create_index('ix_customer_search_name', ['search_name', 'id'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        for table, column, before, after in COMMENTS:
            op.alter_column(table, column, existing_type=sa.String(length=64), existing_nullable=False,
                            comment=after, existing_comment=before)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table, column, before, after in COMMENTS:
            op.alter_column(table, column, existing_type=sa.String(length=64), existing_nullable=False,
                            comment=before, existing_comment=after)
    with op.batch_alter_table('customer') as batch_op:
        batch_op.drop_index('ix_customer_search_name')
        batch_op.create_index('ix_customer_search_name', ['search_name'], unique=False)

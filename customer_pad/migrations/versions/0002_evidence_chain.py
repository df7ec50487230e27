"""Evidence chain: consent records and signatures carry the fingerprint of the one before;
contact values as long as the website check allows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('consent_record') as batch_op:
        batch_op.add_column(sa.Column('customer_snapshot', sa.Text(), nullable=False, server_default='',
                                      comment='the customer as signed (JSON)'))
        batch_op.add_column(sa.Column('previous_fingerprint', sa.String(length=64), nullable=False, server_default='',
                                      comment='fingerprint of the one before'))
    with op.batch_alter_table('signature') as batch_op:
        batch_op.add_column(sa.Column('previous_fingerprint', sa.String(length=64), nullable=False, server_default='',
                                      comment='fingerprint of the one before'))
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=False, server_default='',
                                      comment='SHA-256 over content and previous'))


    with op.batch_alter_table('customer_contact') as batch_op:
        batch_op.alter_column('value', type_=sa.String(length=500), existing_type=sa.String(length=254),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('customer_contact') as batch_op:
        batch_op.alter_column('value', type_=sa.String(length=254), existing_type=sa.String(length=500),
                              existing_nullable=False)
    with op.batch_alter_table('signature') as batch_op:
        batch_op.drop_column('fingerprint')
        batch_op.drop_column('previous_fingerprint')
    with op.batch_alter_table('consent_record') as batch_op:
        batch_op.drop_column('previous_fingerprint')
        batch_op.drop_column('customer_snapshot')

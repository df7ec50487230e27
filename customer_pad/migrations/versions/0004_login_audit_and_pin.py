"""Login audit and the staff PIN that ends customer mode.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'login_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('username', sa.String(length=64), nullable=False, comment='as typed, cut to 64 characters'),
        sa.Column('login_id', sa.Integer(), nullable=True),
        sa.Column('success', sa.Boolean(), nullable=False),
        sa.Column('outcome', sa.String(length=12), nullable=False, comment='ok|failed|locked'),
        sa.Column('client_address', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['login_id'], ['login.id'], name=op.f('fk_login_attempt_login_id_login')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt')),
    )
    with op.batch_alter_table('login_attempt') as batch_op:
        batch_op.create_index(batch_op.f('ix_login_attempt_attempted_at'), ['attempted_at'], unique=False)
    with op.batch_alter_table('login') as batch_op:
        batch_op.add_column(sa.Column('pin_hash', sa.String(length=255), nullable=True,
                                      comment='staff PIN that ends customer mode'))
        batch_op.add_column(sa.Column('pin_failed_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('pin_locked_until', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('login') as batch_op:
        batch_op.drop_column('pin_locked_until')
        batch_op.drop_column('pin_failed_attempts')
        batch_op.drop_column('pin_hash')
    with op.batch_alter_table('login_attempt') as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_attempt_attempted_at'))
    op.drop_table('login_attempt')

"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-04

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table('article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=120), nullable=False, comment='e.g. "Horlogerie | Montre"'),
    sa.Column('brand', sa.String(length=80), nullable=False),
    sa.Column('model', sa.String(length=120), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article'))
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_reference'), ['reference'], unique=False)

    op.create_table('branch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('street', sa.String(length=120), nullable=False),
    sa.Column('postal_code', sa.String(length=12), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('letter_town', sa.String(length=80), nullable=False, comment='place printed before the date on letters'),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('letter_window', sa.String(length=5), nullable=False, comment='left|right window envelope'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branch')),
    sa.UniqueConstraint('name', name=op.f('uq_branch_name'))
    )
    op.create_table('legal_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=10), nullable=False, comment='legal|marketing|wishlist'),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False, comment='SHA-256 of title and body as accepted'),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_text')),
    sa.UniqueConstraint('purpose', 'language', 'version', name=op.f('uq_legal_text_purpose'))
    )
    op.create_table('marketing_list',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_fr', sa.String(length=80), nullable=False),
    sa.Column('name_de', sa.String(length=80), nullable=False),
    sa.Column('name_it', sa.String(length=80), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('shown_on_customer_screen', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_list')),
    sa.UniqueConstraint('name_fr', name=op.f('uq_marketing_list_name_fr'))
    )
    op.create_table('signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('strokes_json', sa.Text(), nullable=False, comment='canonical JSON of the normalised strokes'),
    sa.Column('aspect', sa.Float(), nullable=False, comment='pad width / height'),
    sa.Column('min_x', sa.Float(), nullable=False),
    sa.Column('min_y', sa.Float(), nullable=False),
    sa.Column('max_x', sa.Float(), nullable=False),
    sa.Column('max_y', sa.Float(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signature'))
    )
    op.create_table('article_characteristic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('value', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_article_characteristic_article_id_article'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_characteristic'))
    )
    with op.batch_alter_table('article_characteristic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_characteristic_article_id'), ['article_id'], unique=False)

    op.create_table('employee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_employee_branch_id_branch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee'))
    )
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employee_branch_id'), ['branch_id'], unique=False)

    op.create_table('customer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False, comment='6-digit customer number'),
    sa.Column('salutation', sa.String(length=4), nullable=False, comment='mr|ms|none'),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('company', sa.String(length=120), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False, comment='correspondence language'),
    sa.Column('sales_advisor_id', sa.Integer(), nullable=True),
    sa.Column('branch_id', sa.Integer(), nullable=True, comment='branch that created it'),
    sa.Column('street', sa.String(length=120), nullable=False),
    sa.Column('po_box', sa.String(length=120), nullable=False, comment='PO box or address complement'),
    sa.Column('postal_code', sa.String(length=12), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('mobile', sa.String(length=20), nullable=True, comment='E.164'),
    sa.Column('search_name', sa.String(length=200), nullable=False, comment='last and first name folded (lower case, no accents) for search'),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_customer_branch_id_branch')),
    sa.ForeignKeyConstraint(['sales_advisor_id'], ['employee.id'], name=op.f('fk_customer_sales_advisor_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer')),
    sa.UniqueConstraint('number', name=op.f('uq_customer_number'))
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_last_name'), ['last_name'], unique=False)
        batch_op.create_index('ix_customer_search_name', ['search_name'], unique=False)

    op.create_table('login',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False, comment='staff|manager'),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False, comment='preferred UI language'),
    sa.Column('acting_employee_id', sa.Integer(), nullable=True, comment='the employee last chosen in the header'),
    sa.ForeignKeyConstraint(['acting_employee_id'], ['employee.id'], name=op.f('fk_login_acting_employee_id_employee')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_login_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login')),
    sa.UniqueConstraint('employee_id', name=op.f('uq_login_employee_id')),
    sa.UniqueConstraint('username', name=op.f('uq_login_username'))
    )
    op.create_table('customer_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_change_customer_id_customer')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_customer_change_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_change'))
    )
    with op.batch_alter_table('customer_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_change_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False, comment='website|phone_private|phone_business|fax|…'),
    sa.Column('value', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_contact_customer_id_customer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_contact'))
    )
    with op.batch_alter_table('customer_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_contact_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_interest',
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('marketing_list_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_interest_customer_id_customer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['marketing_list_id'], ['marketing_list.id'], name=op.f('fk_customer_interest_marketing_list_id_marketing_list')),
    sa.PrimaryKeyConstraint('customer_id', 'marketing_list_id', name=op.f('pk_customer_interest'))
    )
    with op.batch_alter_table('customer_interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_interest_marketing_list_id'), ['marketing_list_id'], unique=False)

    op.create_table('wishlist_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False, comment='open|waiting|assigned|delivered|cancelled'),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_wishlist_entry_article_id_article')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_wishlist_entry_branch_id_branch')),
    sa.ForeignKeyConstraint(['created_by_id'], ['employee.id'], name=op.f('fk_wishlist_entry_created_by_id_employee')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_wishlist_entry_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wishlist_entry')),
    sa.UniqueConstraint('number', name=op.f('uq_wishlist_entry_number'))
    )
    with op.batch_alter_table('wishlist_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wishlist_entry_customer_id'), ['customer_id'], unique=False)

    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=10), nullable=False, comment='legal|marketing|wishlist'),
    sa.Column('legal_text_id', sa.Integer(), nullable=True),
    sa.Column('text_version', sa.Integer(), nullable=True),
    sa.Column('text_sha256', sa.String(length=64), nullable=True),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('withdrawal', sa.Boolean(), nullable=False, comment='a later withdrawal of consent'),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('signature_id', sa.Integer(), nullable=True),
    sa.Column('wishlist_entry_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('user_agent', sa.String(length=400), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False, comment='SHA-256 over the canonical content'),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_consent_record_branch_id_branch')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_consent_record_customer_id_customer')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_consent_record_employee_id_employee')),
    sa.ForeignKeyConstraint(['legal_text_id'], ['legal_text.id'], name=op.f('fk_consent_record_legal_text_id_legal_text')),
    sa.ForeignKeyConstraint(['signature_id'], ['signature.id'], name=op.f('fk_consent_record_signature_id_signature')),
    sa.ForeignKeyConstraint(['wishlist_entry_id'], ['wishlist_entry.id'], name=op.f('fk_consent_record_wishlist_entry_id_wishlist_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_wishlist_entry_id'), ['wishlist_entry_id'], unique=False)

    op.create_table('wishlist_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False, comment='opened|customer_signature|contact|…'),
    sa.Column('employee_id', sa.Integer(), nullable=True, comment='employee the event is about'),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('creator_id', sa.Integer(), nullable=True, comment='who recorded it'),
    sa.ForeignKeyConstraint(['creator_id'], ['employee.id'], name=op.f('fk_wishlist_event_creator_id_employee')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_wishlist_event_employee_id_employee')),
    sa.ForeignKeyConstraint(['entry_id'], ['wishlist_entry.id'], name=op.f('fk_wishlist_event_entry_id_wishlist_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wishlist_event'))
    )
    with op.batch_alter_table('wishlist_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wishlist_event_entry_id'), ['entry_id'], unique=False)




def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table('wishlist_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wishlist_event_entry_id'))

    op.drop_table('wishlist_event')
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_wishlist_entry_id'))
        batch_op.drop_index(batch_op.f('ix_consent_record_customer_id'))

    op.drop_table('consent_record')
    with op.batch_alter_table('wishlist_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wishlist_entry_customer_id'))

    op.drop_table('wishlist_entry')
    with op.batch_alter_table('customer_interest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_interest_marketing_list_id'))

    op.drop_table('customer_interest')
    with op.batch_alter_table('customer_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_contact_customer_id'))

    op.drop_table('customer_contact')
    with op.batch_alter_table('customer_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_change_customer_id'))

    op.drop_table('customer_change')
    op.drop_table('login')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_search_name')
        batch_op.drop_index(batch_op.f('ix_customer_last_name'))
        batch_op.drop_index(batch_op.f('ix_customer_email'))

    op.drop_table('customer')
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employee_branch_id'))

    op.drop_table('employee')
    with op.batch_alter_table('article_characteristic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_characteristic_article_id'))

    op.drop_table('article_characteristic')
    op.drop_table('signature')
    op.drop_table('marketing_list')
    op.drop_table('legal_text')
    op.drop_table('branch')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_reference'))

    op.drop_table('article')


"""relay channels (tiếp sóng) and their approval (issue 16)

RelayChannel: a higher-level station's stream (VOV, the provincial radio) registered by an
admin — name, URL, expected format, fallback item — and approved once by a police reviewer,
the approval bound to the exact URL (approved_url). ix_asrun_itemless_time: a partial index
over the as-run entries that name no item (relay windows'), for the reports.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 23:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'relaychannel',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=False),
        sa.Column('fallback_version_id', sa.Integer(), nullable=True),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_by', sa.Integer(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('approved_by', sa.Integer(), nullable=True),
        sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('approved_url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
        sa.Column('approval_valid_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('ended_by', sa.Integer(), nullable=True),
        sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(['approved_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
        sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['ended_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['fallback_version_id'], ['scriptversion.id'], ),
        sa.ForeignKeyConstraint(['updated_by'], ['user.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('relaychannel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relaychannel_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relaychannel_code'), ['code'], unique=True)
        batch_op.create_index(batch_op.f('ix_relaychannel_state'), ['state'], unique=False)
    op.create_index(
        'ix_asrun_itemless_time',
        'asrunrecord',
        ['actual_start'],
        unique=False,
        sqlite_where=sa.text('item_id IS NULL'),
        postgresql_where=sa.text('item_id IS NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_asrun_itemless_time', table_name='asrunrecord')
    with op.batch_alter_table('relaychannel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relaychannel_state'))
        batch_op.drop_index(batch_op.f('ix_relaychannel_code'))
        batch_op.drop_index(batch_op.f('ix_relaychannel_area_id'))
    op.drop_table('relaychannel')

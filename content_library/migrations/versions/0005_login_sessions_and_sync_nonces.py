"""server-side login sessions and persistent sync nonces (issue 12, items 9 and 17)

LoginSession: one row per browser session or API token (only the sha256 of its secret), so a
session can be revoked on logout, when its user is disabled and when the password changes.
SyncNonce: the nonces of signed unit requests inside the clock window, so a request cannot be
replayed after a restart or to another worker process. Existing cookies and API tokens carry
no server-side session: everyone logs in once more after this upgrade.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 12:00:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'loginsession',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('loginsession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loginsession_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_loginsession_user_id'), ['user_id'], unique=False)

    op.create_table(
        'syncnonce',
        sa.Column('unit_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('nonce', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('ts', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('unit_id', 'nonce'),
    )
    with op.batch_alter_table('syncnonce', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_syncnonce_ts'), ['ts'], unique=False)
        batch_op.create_index('ix_syncnonce_unit_ts', ['unit_id', 'ts'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('syncnonce', schema=None) as batch_op:
        batch_op.drop_index('ix_syncnonce_unit_ts')
        batch_op.drop_index(batch_op.f('ix_syncnonce_ts'))
    op.drop_table('syncnonce')
    with op.batch_alter_table('loginsession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loginsession_user_id'))
        batch_op.drop_index(batch_op.f('ix_loginsession_expires_at'))
    op.drop_table('loginsession')

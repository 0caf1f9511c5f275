"""a job queue in the database for render and report jobs, shared by worker processes (issue 15)

Job: background work (renders, report exports) claimed by one worker process at a time with
a lease that expires, so the job of a killed worker is taken again by another.
LoginAttempt: the login limiter's attempts, so the limit counts across every worker process.
Both start empty: renders left queued are re-queued by the panel at start; exports and login
failures held in memory by the previous version are simply gone.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 23:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column('lease_until', sa.Float(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('params', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('progress', sa.Float(), nullable=False),
        sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column('result_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('result', sa.LargeBinary(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'key', name='uq_job_kind_key'),
    )
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.create_index('ix_job_claim', ['kind', 'state', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_user_id'), ['user_id'], unique=False)

    op.create_table(
        'loginattempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('at', sa.Float(), nullable=False),
        sa.Column('open', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('loginattempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loginattempt_at'), ['at'], unique=False)
        batch_op.create_index('ix_loginattempt_key_at', ['key', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('loginattempt', schema=None) as batch_op:
        batch_op.drop_index('ix_loginattempt_key_at')
        batch_op.drop_index(batch_op.f('ix_loginattempt_at'))
    op.drop_table('loginattempt')
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_user_id'))
        batch_op.drop_index(batch_op.f('ix_job_created_at'))
        batch_op.drop_index('ix_job_claim')
    op.drop_table('job')

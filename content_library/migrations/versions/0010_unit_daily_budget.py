"""a daily budget of stored bytes per unit (security 25, "Volume from one unit")

A unit's key may send 20 000 signed as-run uploads per 10 minutes, each storing up to 4 MiB
and flag rows: one compromised unit could fill the panel's disk. The unit row now counts what
its uploads stored on one UTC day (asrun_budget_day, days since 1970-01-01; asrun_budget_used,
bytes) and the last day it was flagged over_budget (asrun_budget_flagged). Existing units start
at 0: their first upload opens the day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('asrun_budget_day', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('asrun_budget_used', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('asrun_budget_flagged', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('asrun_budget_flagged')
        batch_op.drop_column('asrun_budget_used')
        batch_op.drop_column('asrun_budget_day')

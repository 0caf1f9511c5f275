"""the emergency sequence a unit reports, as a column (unit.emergency_sequence)

The next emergency bundle is numbered above the highest emergency_sequence a unit's heartbeat
reports (a panel restored from an older backup). That maximum was found by reading every
unit's stored heartbeat JSON inside the emergency counter's lock: 240 ms at 10 000 units on
SQLite, on the path whose target is issue to every horn in 2 s. The heartbeat now copies the
value to this nullable column (an integer in 0..2**31-1, anything else ignored), like
unit.bundle_sequence, and the maximum is one query. Existing units are filled from their
stored heartbeat, with the same checks, so the first emergency after the upgrade sees what
the old code saw.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 00:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

MAX_SEQUENCE = 2**31 - 1  # the sequence columns are PostgreSQL integer


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('emergency_sequence', sa.Integer(), nullable=True))
    unit = sa.table(
        'unit',
        sa.column('id', sa.String()),
        sa.column('last_heartbeat', sa.JSON()),
        sa.column('emergency_sequence', sa.Integer()),
    )
    conn = op.get_bind()
    for unit_id, heartbeat in conn.execute(sa.select(unit.c.id, unit.c.last_heartbeat)).all():
        value = heartbeat.get('emergency_sequence') if isinstance(heartbeat, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SEQUENCE:
            conn.execute(
                sa.update(unit).where(unit.c.id == unit_id).values(emergency_sequence=value)
            )


def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('emergency_sequence')

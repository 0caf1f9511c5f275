"""an emergency template's approval records the readings it was bound to
(emergencytemplate.approval_readings)

Security review 15 (docs/security.md 35): the approval of a template is bound to how its words
are read — the stored lexicon entry or the built-in reading that wins, per term — and the
panel compares an upgrade's built-in readings, and a lexicon edit, with what the approval was
given under. Those readings are kept on the row (JSON: readings, codes, builtin). Approvals
given before have none: the panel's first check binds each one that still matches.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 00:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('emergencytemplate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approval_readings', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('emergencytemplate', schema=None) as batch_op:
        batch_op.drop_column('approval_readings')

"""each script version keeps the title it was written and approved under (scriptversion.title)

A script's title lived only on the script, so saving a new draft under another title
relabelled the versions approved before it: the next bundle carried the approved audio under
a name no reviewer had seen, and the as-run log and the reports followed. The title is now
part of the version, like its text. Existing versions take their script's title, which is
what they were published under until now.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 06:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('scriptversion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(length=200), nullable=True))
    script = sa.table('script', sa.column('id', sa.Integer()), sa.column('title', sa.String()))
    version = sa.table(
        'scriptversion', sa.column('script_id', sa.Integer()), sa.column('title', sa.String())
    )
    op.execute(
        sa.update(version).values(
            title=sa.select(script.c.title)
            .where(script.c.id == version.c.script_id)
            .scalar_subquery()
        )
    )
    with op.batch_alter_table('scriptversion', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.String(length=200), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('scriptversion', schema=None) as batch_op:
        batch_op.drop_column('title')

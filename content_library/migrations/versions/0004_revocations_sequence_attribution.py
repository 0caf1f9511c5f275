"""revocations, the bundle sequence counter, as-run attribution (issue 12, items 2, 7, 10)

Publication.version_ids / revokes: what a bundle carries and which approvals it takes off the
air; filled for existing bundles from their publish audit events. SequenceCounter: the one
bundle sequence, advanced atomically (seeded with the highest sequence issued so far).
AsRunRecord.undelivered: an entry naming an item no bundle delivered to its unit.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:00:00
"""
import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sequencecounter',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('revokes', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('asrunrecord', schema=None) as batch_op:
        batch_op.add_column(sa.Column('undelivered', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))

    conn = op.get_bind()
    top = conn.execute(sa.text("SELECT MAX(sequence) FROM publication")).scalar()
    conn.execute(sa.text("INSERT INTO sequencecounter (name, value) VALUES ('bundle', :v)"),
                 {"v": int(top or 0)})
    # What existing bundles carry, from the audit event written when each was published.
    events = conn.execute(sa.text(
        "SELECT detail FROM auditevent WHERE action = 'bundle.publish'")).all()
    for (detail,) in events:
        data = json.loads(detail) if isinstance(detail, str) else (detail or {})
        items = [int(i[1:]) for i in data.get("items", [])
                 if isinstance(i, str) and i[:1] == "v" and i[1:].isdigit()]
        if data.get("bundle_id") and items:
            conn.execute(sa.text("UPDATE publication SET version_ids = :ids WHERE bundle_id = :b")
                         .bindparams(sa.bindparam("ids", type_=sa.JSON)),
                         {"ids": items, "b": data["bundle_id"]})


def downgrade() -> None:
    with op.batch_alter_table('asrunrecord', schema=None) as batch_op:
        batch_op.drop_column('undelivered')
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.drop_column('revokes')
        batch_op.drop_column('version_ids')
    op.drop_table('sequencecounter')

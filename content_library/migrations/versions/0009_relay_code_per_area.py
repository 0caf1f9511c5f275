"""a relay channel's code is unique per area, not across the whole tree (security 22)

RelayChannel.code was unique everywhere, so registering a code another commune used answered
"Đã có kênh mang mã …" and confirmed that channel existed. The panel now keeps one channel per
code in a branch of the tree (content_library.relay.register_channel); the database holds the
part it can check: one per (area_id, code). Existing rows already satisfy it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 13:20:00
"""

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('relaychannel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relaychannel_code'))
        batch_op.create_index(batch_op.f('ix_relaychannel_code'), ['code'], unique=False)
        batch_op.create_index('uq_relaychannel_area_code', ['area_id', 'code'], unique=True)


def downgrade() -> None:
    # Fails (as it should) when two areas hold channels of the same code: end one first.
    with op.batch_alter_table('relaychannel', schema=None) as batch_op:
        batch_op.drop_index('uq_relaychannel_area_code')
        batch_op.drop_index(batch_op.f('ix_relaychannel_code'))
        batch_op.create_index(batch_op.f('ix_relaychannel_code'), ['code'], unique=True)

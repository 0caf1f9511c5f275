"""emergency templates, issued emergencies and their confirmations (issue 15)

EmergencyTemplate: text with typed slots, approved once by a reviewer (bound to its text,
slots and voice). Emergency: one issued emergency (from a template, or a free text approved
by a second person). EmergencyBundle: the signed play/stop bundles, numbered by their own
counter (the SequenceCounter row "emergency"). EmergencyConfirmation: the units' live
"played" reports, one row per (emergency, unit, state, repeat).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 23:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'emergencytemplate',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=False),
        sa.Column('topic_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('slots', sa.JSON(), nullable=False),
        sa.Column('voice_region', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('voice_engine', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column('voice_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('approved_by', sa.Integer(), nullable=True),
        sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column(
            'approval_fingerprint', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
        ),
        sa.Column('ended_by', sa.Integer(), nullable=True),
        sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(['approved_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
        sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['ended_by'], ['user.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('emergencytemplate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emergencytemplate_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_emergencytemplate_state'), ['state'], unique=False)

    op.create_table(
        'emergency',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('template_id', sa.Integer(), nullable=True),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('slots', sa.JSON(), nullable=False),
        sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('area_ids', sa.JSON(), nullable=False),
        sa.Column('repeats', sa.Integer(), nullable=False),
        sa.Column('gap_s', sa.Integer(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('voice_region', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('voice_engine', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column('voice_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('audio_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('approved_by', sa.Integer(), nullable=True),
        sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('issued_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('bundle_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column('stopped_by', sa.Integer(), nullable=True),
        sa.Column('stopped_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('stop_bundle_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(['approved_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['stopped_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['template_id'], ['emergencytemplate.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('emergency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emergency_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_emergency_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_emergency_state'), ['state'], unique=False)

    op.create_table(
        'emergencybundle',
        sa.Column('bundle_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('emergency_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('area_ids', sa.JSON(), nullable=False),
        sa.Column('file_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('issued_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
        sa.ForeignKeyConstraint(['emergency_id'], ['emergency.id'], ),
        sa.PrimaryKeyConstraint('bundle_id'),
        sa.UniqueConstraint('sequence'),
    )
    with op.batch_alter_table('emergencybundle', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_emergencybundle_emergency_id'), ['emergency_id'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_emergencybundle_expires_at'), ['expires_at'], unique=False
        )

    op.create_table(
        'emergencyconfirmation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('emergency_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('unit_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('repeat', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['emergency_id'], ['emergency.id'], ),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('emergency_id', 'unit_id', 'state', 'repeat'),
    )
    with op.batch_alter_table('emergencyconfirmation', schema=None) as batch_op:
        batch_op.create_index(
            'ix_emergencyconfirmation_em_unit', ['emergency_id', 'unit_id'], unique=False
        )

    # The emergency bundles' own sequence counter (content_library.emergency).
    op.execute("INSERT INTO sequencecounter (name, value) VALUES ('emergency', 0)")


def downgrade() -> None:
    op.execute("DELETE FROM sequencecounter WHERE name = 'emergency'")
    with op.batch_alter_table('emergencyconfirmation', schema=None) as batch_op:
        batch_op.drop_index('ix_emergencyconfirmation_em_unit')
    op.drop_table('emergencyconfirmation')
    with op.batch_alter_table('emergencybundle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_emergencybundle_expires_at'))
        batch_op.drop_index(batch_op.f('ix_emergencybundle_emergency_id'))
    op.drop_table('emergencybundle')
    with op.batch_alter_table('emergency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_emergency_state'))
        batch_op.drop_index(batch_op.f('ix_emergency_expires_at'))
        batch_op.drop_index(batch_op.f('ix_emergency_created_by'))
    op.drop_table('emergency')
    with op.batch_alter_table('emergencytemplate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_emergencytemplate_state'))
        batch_op.drop_index(batch_op.f('ix_emergencytemplate_area_id'))
    op.drop_table('emergencytemplate')

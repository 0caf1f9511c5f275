"""SQLModel tables of emergencies (issue 15): templates approved once, issued emergencies,
their signed bundles and the units' live confirmations.

Imported once at the bottom of ``content_library.models`` so the metadata and Alembic see
them; the speaker unit never imports this module. The use cases live in
``content_library.emergency``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from content_library.models import utcnow


class TemplateState:
    """States of an emergency template (mẫu tin khẩn cấp)."""

    SUBMITTED = "submitted"  # chờ duyệt
    APPROVED = "approved"  # đã duyệt: issuers may fill it without a second approval
    REJECTED = "rejected"  # bị từ chối
    REVOKED = "revoked"  # đã thu hồi: can no longer be issued


class EmergencyState:
    """States of an issued emergency; "expired" is derived from ``expires_at``."""

    PENDING = "pending"  # a free text waiting for its second person (four-eyes)
    ACTIVE = "active"  # signed and on its way to the units
    STOPPED = "stopped"  # a stop bundle was issued
    REJECTED = "rejected"  # the second person refused the free text


class EmergencyTemplate(SQLModel, table=True):
    """Text with typed, bounded slots (``{name}``), approved once by a reviewer.

    The approval is bound to ``approval_fingerprint``: the sha256 of the exact text, the slot
    definitions, the reading region, the voice (engine and voice name) pinned at approval and
    how its words are read — the stored lexicon entry or the built-in reading that wins, for
    each term they use (``emergency.reading_fingerprint``, version 3; an older approval,
    ``template_fingerprint``, is bound to it by ``recheck_builtin``). A lexicon edit that reads
    the template otherwise (``lexicon_edited``), or an upgrade that does
    (``recheck_builtin``), sends it back for approval. A template is never edited: a changed
    text is a new template, approved again.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    area_id: int = Field(foreign_key="area.id", index=True)  # whose issuers may fill it
    topic_code: str = Field(default="THIEN-TAI", max_length=40)
    text: str
    slots: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    voice_region: str = Field(default="north", max_length=10)
    state: str = Field(default=TemplateState.SUBMITTED, max_length=12, index=True)
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    voice_engine: str | None = Field(default=None, max_length=40)
    voice_name: str | None = Field(default=None, max_length=200)
    approved_by: int | None = Field(default=None, foreign_key="user.id")
    approved_at: datetime | None = None
    approval_fingerprint: str | None = Field(default=None, max_length=64)
    # What an approval of version 3 was given under (``emergency._recorded_readings``): the
    # readings its fingerprint binds ("readings", "codes") and the built-in readings of the
    # terms its words and places use ("builtin"); "rebound_from" when the panel bound an older
    # approval. None while waiting, and for an approval of version 2 or older.
    approval_readings: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True)
    )
    ended_by: int | None = Field(default=None, foreign_key="user.id")
    ended_at: datetime | None = None
    end_reason: str | None = None


class Emergency(SQLModel, table=True):
    """One emergency: from a template (its slots) or a free text approved by a second person."""

    id: str = Field(primary_key=True, max_length=36)  # uuid, the manifest's emergency.id
    kind: str = Field(max_length=10)  # template | free
    template_id: int | None = Field(default=None, foreign_key="emergencytemplate.id")
    title: str = Field(max_length=200)
    slots: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    text: str
    area_ids: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    repeats: int
    gap_s: int
    expires_at: datetime = Field(index=True)
    state: str = Field(default=EmergencyState.PENDING, max_length=10, index=True)
    created_by: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    voice_region: str = Field(default="north", max_length=10)
    voice_engine: str | None = Field(default=None, max_length=40)
    voice_name: str | None = Field(default=None, max_length=200)
    # The audio that plays: rendered when issued (template) or when written (free text, so
    # the second person approves what they heard).
    audio_sha256: str | None = Field(default=None, max_length=64)
    approved_by: int | None = Field(default=None, foreign_key="user.id")
    approved_at: datetime | None = None
    issued_at: datetime | None = None
    bundle_id: str | None = Field(default=None, max_length=36)
    stopped_by: int | None = Field(default=None, foreign_key="user.id")
    stopped_at: datetime | None = None
    stop_bundle_id: str | None = Field(default=None, max_length=36)


class EmergencyBundle(SQLModel, table=True):
    """One signed emergency bundle (play or stop), for every unit in ``area_ids``' subtrees.

    ``sequence`` comes from the panel's own ``emergency`` counter, apart from ordinary
    bundles (``publishing.allocate_sequence``)."""

    bundle_id: str = Field(primary_key=True, max_length=36)
    emergency_id: str = Field(foreign_key="emergency.id", index=True, max_length=36)
    action: str = Field(max_length=5)  # play | stop
    sequence: int = Field(unique=True)
    area_ids: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    file_sha256: str = Field(max_length=64)
    size: int
    issued_at: datetime
    expires_at: datetime = Field(index=True)
    created_by: int | None = Field(default=None, foreign_key="user.id")


class EmergencyConfirmation(SQLModel, table=True):
    """A unit's live report on an emergency: started, finished, failed or stopped (repeat k).

    One row per (emergency, unit, state, repeat): the same report sent twice is stored once."""

    __table_args__ = (
        UniqueConstraint("emergency_id", "unit_id", "state", "repeat"),
        Index("ix_emergencyconfirmation_em_unit", "emergency_id", "unit_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    emergency_id: str = Field(foreign_key="emergency.id", max_length=36)
    unit_id: str = Field(foreign_key="unit.id", max_length=64)
    state: str = Field(max_length=10)
    repeat: int = 0
    at: datetime  # when the unit says it happened
    reason: str | None = Field(default=None, max_length=500)
    received_at: datetime = Field(default_factory=utcnow)

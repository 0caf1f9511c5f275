"""SQLModel tables of the panel: areas, users, scripts, versions, assets, reviews, audit.

Imported only by the server side (web, loa); the speaker unit never imports this module.
Each entity has one family: a ``*Base`` with the shared fields, the table class, and where
the API needs it a ``*Create`` input and a ``*Public`` output (see web/api).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import JSON, Column, Index, Table, UniqueConstraint, false
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlmodel import Field, Session, SQLModel

from content_library.types import Priority, Region


def utcnow() -> datetime:
    return datetime.now(UTC)


class _HasId(Protocol):
    @property
    def id(self) -> int | None: ...


def require_id(row: _HasId) -> int:
    """The primary key of a row that is in the database (flushed, or loaded from it).

    SQLModel types every ``id`` as ``int | None`` because it is None before the first flush;
    a row without one here is a bug in the caller, not bad input.
    """
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id yet (not flushed)")
    return row.id


def columns(model: type[SQLModel]) -> ReadOnlyColumnCollection[str, Column[Any]]:
    """The Core columns of a table model, for queries written in SQLAlchemy Core."""
    table: Table = model.__table__  # type: ignore[attr-defined]  # SQLModel sets it, undeclared
    return table.c


_Row = TypeVar("_Row", bound=SQLModel)


def linked_row(session: Session, model: type[_Row], key: object) -> _Row:
    """The row another row points at (a foreign key, a script's current version): the schema
    and the services keep it there, so a missing one is a broken database, not a user error."""
    row = session.get(model, key)
    if row is None:
        raise RuntimeError(f"{model.__name__} {key!r} is missing (a broken reference)")
    return row


class VersionState:
    """States of a script version in the approval workflow (see content_library.workflow)."""

    DRAFT = "draft"  # bản nháp
    SUBMITTED = "submitted"  # chờ duyệt
    APPROVED = "approved"  # đã duyệt
    REJECTED = "rejected"  # bị từ chối
    WITHDRAWN = "withdrawn"  # đã rút
    EXPIRED = "expired"  # hết hiệu lực
    SUPERSEDED = "superseded"  # replaced by a newer version


# --- areas ---------------------------------------------------------------------------------


class AreaBase(SQLModel):
    name: str = Field(max_length=200)
    kind: str = Field(default="commune", max_length=20)  # province|district|commune|village


class Area(AreaBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="area.id", index=True)
    # Materialised path "/1/4/9/" so "is X inside Y's subtree" is one prefix test.
    path: str = Field(default="/", max_length=500, index=True)


# --- users and roles -----------------------------------------------------------------------


class UserBase(SQLModel):
    username: str = Field(max_length=64, unique=True, index=True)
    full_name: str = Field(default="", max_length=200)
    locale: str = Field(default="vi", max_length=8)
    is_active: bool = True


class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class LoginSession(SQLModel, table=True):
    """A login: a browser session (its cookie) or an API token.

    The cookie or token holds a random secret; the row keeps only its sha256, so a copy of the
    database cannot be used to log in. A session ends when it expires, when it is idle too
    long, or when it is revoked: on logout, and for every session of the user when the user is
    disabled or the password is changed or reset (content_library.accounts).
    """

    id: str = Field(primary_key=True, max_length=64)  # sha256 hex of the secret
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(default="browser", max_length=10)  # browser | api
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
    revoked_at: datetime | None = None


class Membership(SQLModel, table=True):
    """A role held by a user over an area and everything below it."""

    __table_args__ = (UniqueConstraint("user_id", "area_id", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    role: str = Field(max_length=20)  # content_library.types.Role


# --- topics and lexicon --------------------------------------------------------------------


class Topic(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)  # e.g. "ANTT", "ma-tuy"
    name: str = Field(max_length=200)


class LexiconEntry(SQLModel, table=True):
    """Pronunciation lexicon edited by admins: an abbreviation or foreign word → spoken form."""

    id: int | None = Field(default=None, primary_key=True)
    term: str = Field(max_length=100, unique=True, index=True)
    spoken: str = Field(max_length=300)
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow)


# --- content -------------------------------------------------------------------------------


class Asset(SQLModel, table=True):
    """A file stored on disk under its sha256 (uploads and renders)."""

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    media_type: str = Field(max_length=100)
    original_name: str = Field(default="", max_length=255)
    duration_s: float | None = None
    sample_rate: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Script(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    topic_id: int = Field(foreign_key="topic.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    author_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    # The newest version; older versions stay for history and audit.
    current_version_id: int | None = Field(default=None)


class ScriptVersion(SQLModel, table=True):
    """One immutable revision of a script's content; only ``state`` and render fields move."""

    __table_args__ = (
        UniqueConstraint("script_id", "number"),
        Index("ix_scriptversion_state_created", "state", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    script_id: int = Field(foreign_key="script.id", index=True)
    number: int
    # The title this version goes on air under (bundles, as-run log, reports): a later draft
    # that renames the script does not relabel audio that was approved under the old title.
    title: str = Field(max_length=200)
    kind: str = Field(max_length=10)  # "text" | "recording"
    text: str | None = None
    asset_sha256: str | None = Field(default=None, foreign_key="asset.sha256")
    language: str = Field(default="vi", max_length=20)
    voice_region: str = Field(default=Region.NORTH.value, max_length=10)
    priority: str = Field(default=Priority.NORMAL.value, max_length=10)
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    state: str = Field(default=VersionState.DRAFT, max_length=12, index=True)
    # Rendering (issue 3): the mastered audio reviewers listen to and approvals bind to.
    render_status: str = Field(default="none", max_length=12)  # none|queued|running|done|failed
    render_progress: float = 0.0
    render_sha256: str | None = Field(default=None, max_length=64)
    render_fingerprint: str | None = Field(default=None, max_length=64)
    render_message: str | None = None
    render_duration_s: float | None = None


class Review(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="scriptversion.id", index=True)
    reviewer_id: int = Field(foreign_key="user.id", index=True)
    decision: str = Field(max_length=10)  # "approved" | "rejected"
    comment: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    # sha256 of the exact audio the reviewer listened to (render or recording).
    audio_sha256: str | None = Field(default=None, max_length=64)
    render_fingerprint: str | None = Field(default=None, max_length=64)


class AuditEvent(SQLModel, table=True):
    """Append-only: who did what to what, when. Rows are never updated or deleted."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=40)
    object_type: str = Field(max_length=40)
    object_id: str = Field(max_length=64, index=True)
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# --- speaker units, schedules and publications (issue 4) -----------------------------------


class Unit(SQLModel, table=True):
    """A speaker unit: a fixed commune cluster or a mobile rig (loa di động)."""

    id: str = Field(primary_key=True, max_length=64)  # e.g. "ngoc-chuc-01"
    name: str = Field(max_length=200)
    area_id: int = Field(foreign_key="area.id", index=True)
    kind: str = Field(default="fixed", max_length=10)  # fixed | mobile
    public_key: str | None = Field(default=None, max_length=200)  # the unit's as-run signing key
    created_at: datetime = Field(default_factory=utcnow)
    # Enrolment (issue 6): a one-time code, stored hashed, exchanged for the unit's public key.
    enrol_code_hash: str | None = Field(default=None, max_length=200)
    enrol_code_expires: datetime | None = None
    enrolled_at: datetime | None = None
    # The latest heartbeat, kept on the row so the dashboard is one query.
    last_seen_at: datetime | None = Field(default=None, index=True)
    last_heartbeat: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    bundle_sequence: int | None = None
    # the newest emergency bundle sequence its heartbeat reports (sync.heartbeat copies it)
    emergency_sequence: int | None = None
    software_version: str | None = Field(default=None, max_length=40)
    asrun_last_seq: int = 0  # highest as-run seq received with an unbroken chain
    asrun_last_hash: str | None = Field(default=None, max_length=64)
    # The daily budget of stored bytes (security 25, "Volume from one unit"): what the unit's
    # as-run uploads made the panel store on UTC day ``asrun_budget_day`` (days since
    # 1970-01-01), and the last day an over_budget flag was raised (one a day).
    asrun_budget_day: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    asrun_budget_used: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    asrun_budget_flagged: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Schedule(SQLModel, table=True):
    """An operator's broadcast schedule (lịch phát) for one unit or one area, not yet signed."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    target_kind: str = Field(max_length=10)  # unit | area
    target_id: str = Field(max_length=64, index=True)
    area_id: int = Field(foreign_key="area.id", index=True)  # for permissions
    # scheduler.rules.Schedule as JSON, and the script versions it may play.
    body: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    version_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow)


class Publication(SQLModel, table=True):
    """One signed bundle built for one target; its sequence only grows per target."""

    __table_args__ = (UniqueConstraint("target_kind", "target_id", "sequence"),)
    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str = Field(max_length=64, unique=True)
    target_kind: str = Field(max_length=10)
    target_id: str = Field(max_length=64, index=True)
    sequence: int
    schedule_id: int | None = Field(default=None, foreign_key="schedule.id")
    file_sha256: str = Field(max_length=64)
    size: int
    issued_at: datetime
    expires_at: datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    # The script versions the bundle carries (what units may play from it), and the versions
    # it was issued to take off the air (an approval withdrawn, expired or dropped).
    version_ids: list = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    revokes: list = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )


class SequenceCounter(SQLModel, table=True):
    """The panel's bundle sequence: one row, advanced by one atomic UPDATE per publication, so
    concurrent publishers (threads or worker processes) never take the same number."""

    name: str = Field(primary_key=True, max_length=40)  # "bundle"
    value: int = 0


# --- fleet sync and reports (issue 6) ------------------------------------------------------


class AsRunRecord(SQLModel, table=True):
    """One as-run entry received from a unit, verified (chain + signature) on arrival.

    The signed body is kept verbatim; the columns beside it are denormalised for reports.
    """

    __table_args__ = (
        UniqueConstraint("unit_id", "seq"),
        Index("ix_asrun_area_time", "area_id", "actual_start"),
        Index("ix_asrun_topic_time", "topic_code", "actual_start"),
        Index("ix_asrun_unit_time", "unit_id", "actual_start"),
    )
    id: int | None = Field(default=None, primary_key=True)
    unit_id: str = Field(foreign_key="unit.id", max_length=64)
    seq: int
    entry_hash: str = Field(max_length=64, unique=True)
    prev_hash: str = Field(max_length=64)
    kind: str = Field(max_length=12)  # armed|started|finished|failed|skipped
    item_id: str | None = Field(default=None, max_length=64)
    audio_sha256: str | None = Field(default=None, max_length=64)
    approval_id: str | None = Field(default=None, max_length=64)
    bundle_sequence: int | None = None
    script_version_id: int | None = Field(default=None, index=True)
    topic_code: str | None = Field(default=None, max_length=40)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    scheduled_start: datetime | None = None
    actual_start: datetime | None = None
    duration_s: float | None = None
    reason: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    # The entry names an item no bundle delivered to this unit (flagged; never reported).
    undelivered: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    body: str  # canonical JSON exactly as signed
    signature: str = Field(max_length=128)
    received_at: datetime = Field(default_factory=utcnow)


class SyncFlag(SQLModel, table=True):
    """Something wrong in what a unit sent: a gap, a forged or reordered entry."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: str = Field(foreign_key="unit.id", index=True, max_length=64)
    kind: str = Field(max_length=20)  # gap | forged | reordered | bad_signature
    detail: str = ""
    at: datetime = Field(default_factory=utcnow)


class SyncNonce(SQLModel, table=True):
    """The nonce of a signed unit request, kept while its timestamp is inside the clock window.

    The primary key makes "insert or refuse" atomic, so a request cannot be replayed after a
    panel restart or to another worker process (content_library.sync.NonceCache).
    """

    __table_args__ = (Index("ix_syncnonce_unit_ts", "unit_id", "ts"),)
    unit_id: str = Field(primary_key=True, max_length=64)
    nonce: str = Field(primary_key=True, max_length=64)
    ts: int = Field(index=True)  # the request's own timestamp, unix seconds


class ReportTarget(SQLModel, table=True):
    """A target (chỉ tiêu): at least N broadcasts (and/or minutes) per area, topic and period."""

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    topic_id: int | None = Field(default=None, foreign_key="topic.id")  # None: any topic
    period: str = Field(max_length=10)  # month | quarter | half | year
    min_broadcasts: int = 0
    min_minutes: float = 0.0
    applies_to: str = Field(default="commune", max_length=10)  # each commune below area_id
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


# Tables in their own modules, imported here once so metadata and Alembic see them.
from content_library import emergency_models as emergency_models  # noqa: E402
from content_library import relay_models as relay_models  # noqa: E402
from content_library.job_models import Job, LoginAttempt  # noqa: E402, F401

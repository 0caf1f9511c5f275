"""Tables of the state that every panel worker process must share (issue 15, item 4).

- ``Job``: the queue of background work (renders, report exports). One row per job key
  (``kind``, ``key``): a render is keyed by its script version, so asking again for a version
  already queued or running re-uses its row and at most one worker renders a version at a time.
  A worker claims a row with a lease (``lease_until``) that it renews while it works; when the
  worker dies, the lease runs out and another worker takes the job again (``attempts`` counts
  the tries). ``generation`` grows each time the job is asked for again: a worker finishing
  an older generation puts the row back in the queue instead of marking it done.
- ``LoginAttempt``: failed and in-flight logins per (IP, username) and per IP, so the login
  limit counts across every worker (``web.auth.LoginLimiter``). Only a hash of the key is
  kept: what someone typed as a username (sometimes a password) is not stored.

Imported once at the bottom of ``content_library.models`` so metadata and Alembic see them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utcnow() -> datetime:
    return datetime.now(UTC)


class JobState:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(SQLModel, table=True):
    """A unit of background work, claimed by one worker process at a time (content_library.jobs)."""

    __table_args__ = (
        UniqueConstraint("kind", "key", name="uq_job_kind_key"),
        Index("ix_job_claim", "kind", "state", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # render | report
    key: str = Field(max_length=64)  # the version id of a render, the token of an export
    state: str = Field(default=JobState.QUEUED, max_length=10)  # JobState
    generation: int = 0  # asked for again while queued or running: +1
    attempts: int = 0  # claims so far (a killed worker's claim counts)
    owner: str | None = Field(default=None, max_length=100)  # the claiming worker
    lease_until: float | None = None  # unix seconds; past it the job may be claimed again
    user_id: int | None = Field(default=None, index=True)  # who asked (exports: who may read)
    params: str = Field(default="{}", max_length=4000)  # JSON the kind's handler reads
    progress: float = 0.0
    stage: str = Field(default="queued", max_length=20)
    error: str = Field(default="", max_length=2000)
    result_name: str = Field(default="", max_length=200)
    result: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(default_factory=_utcnow, index=True)
    updated_at: datetime = Field(default_factory=_utcnow)


class LoginAttempt(SQLModel, table=True):
    """One login attempt inside the limiter's window: a failure, or one in flight (``open``)."""

    __table_args__ = (Index("ix_loginattempt_key_at", "key", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)  # sha256 of (IP, username) or of (IP,)
    at: float = Field(index=True)  # unix seconds, from the panel's clock
    open: bool = True  # reserved before the password check, not resolved yet

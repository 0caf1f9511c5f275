"""The job queue in the database (``content_library.job_models.Job``), shared by every panel
worker process.

- :func:`enqueue` asks for a job inside the caller's unit of work (one statement, an upsert on
  (kind, key)): the job exists exactly when the caller's transaction commits. Asking again for a
  job that is queued changes nothing; for one that is running it bumps ``generation``, and the
  worker finishing the older generation puts it back in the queue (so the newest inputs win,
  and still only one worker runs a key at a time).
- :func:`claim` takes the oldest job of the given kinds that is queued or whose lease has run
  out: ``SELECT … FOR UPDATE SKIP LOCKED`` then an UPDATE on PostgreSQL (workers skip each
  other's rows instead of waiting); on SQLite a conditional UPDATE that repeats the claimable
  test (SQLite runs one writer at a time, so exactly one of two racing claims changes the row).
- A claim is fenced by (owner, attempts): :func:`renew`, :func:`report_progress` and
  :func:`finish` change the row only while it is still that claim's, so a worker that lost its
  lease (it hung, the job was taken again) cannot overwrite the newer worker's result.
- :class:`JobRunner` is a worker thread: it claims jobs of its kinds, runs their handler,
  renews the lease while the handler works, and finishes the job. A job claimed more than
  ``max_attempts`` times (its workers keep dying) is failed and its handler's ``abandon`` is
  called.

Time is unix seconds from an injectable clock (leases are compared between processes, all on
one clock: the machine's).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col

from content_library.job_models import Job, JobState

log = logging.getLogger(__name__)

DEFAULT_LEASE_S = 60.0
DEFAULT_MAX_ATTEMPTS = 3
ABANDONED = (
    "the job was interrupted too many times (its worker process stopped)",
    "Công việc bị gián đoạn quá nhiều lần (tiến trình xử lý đã dừng).",
)


def worker_id() -> str:
    """Who claims: host, process and a random part (a process id can be re-used)."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Claim:
    """One worker's hold on one job (the fence is owner + attempts)."""

    id: int
    kind: str
    key: str
    generation: int
    attempts: int
    owner: str
    user_id: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    abandoned: bool = False  # claimed too often: failed, the handler only cleans up


def _utc(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def enqueue(
    session: Session,
    kind: str,
    key: str,
    *,
    params: Mapping[str, Any] | None = None,
    user_id: int | None = None,
    now: datetime | None = None,
) -> None:
    """Ask for a job in the caller's unit of work (it exists once the caller commits)."""
    stamp = _utc(now)
    values = {
        "kind": kind,
        "key": key,
        "state": JobState.QUEUED,
        "generation": 0,
        "attempts": 0,
        "user_id": user_id,
        "params": json.dumps(dict(params or {}), ensure_ascii=False, sort_keys=True),
        "progress": 0.0,
        "stage": "queued",
        "error": "",
        "result_name": "",
        "created_at": stamp,
        "updated_at": stamp,
    }
    table = Job.__table__  # type: ignore[attr-defined]
    c = table.c
    running = c.state == JobState.RUNNING
    dialect = session.get_bind().dialect.name
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = make(table).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["kind", "key"],
        set_={
            "generation": c.generation + 1,
            "state": case((running, JobState.RUNNING), else_=JobState.QUEUED),
            # a job done or failed before starts afresh; a running one keeps its claim
            "attempts": case((running, c.attempts), else_=0),
            "params": stmt.excluded.params,
            "user_id": stmt.excluded.user_id,
            "error": "",
            "updated_at": stamp,
        },
    )
    session.execute(stmt)


def _claimable(kinds: Iterable[str], now_s: float) -> Any:
    return and_(
        col(Job.kind).in_(tuple(kinds)),
        or_(
            col(Job.state) == JobState.QUEUED,
            and_(col(Job.state) == JobState.RUNNING, col(Job.lease_until) < now_s),
        ),
    )


def _claim_values(owner: str, now_s: float, lease_s: float) -> dict[str, Any]:
    return {
        "state": JobState.RUNNING,
        "owner": owner,
        "lease_until": now_s + lease_s,
        "attempts": col(Job.attempts) + 1,
        "updated_at": datetime.fromtimestamp(now_s, UTC),
    }


_CLAIM_COLUMNS: tuple[Any, ...] = (
    Job.id,
    Job.kind,
    Job.key,
    Job.generation,
    Job.attempts,
    Job.user_id,
    Job.params,
)


def claim(
    engine: Engine,
    kinds: Iterable[str],
    *,
    owner: str,
    now_s: float,
    lease_s: float = DEFAULT_LEASE_S,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    key: str | None = None,
) -> Claim | None:
    """Claim the oldest claimable job of ``kinds`` (or exactly ``key``); None when there is none."""
    kinds = tuple(kinds)
    where = _claimable(kinds, now_s)
    if key is not None:
        where = and_(where, col(Job.key) == key)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            row = conn.execute(
                select(*_CLAIM_COLUMNS)
                .where(where)
                .order_by(col(Job.id))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            conn.execute(
                update(Job)
                .where(col(Job.id) == row.id)
                .values(**_claim_values(owner, now_s, lease_s))
            )
            return _settle(conn, row, owner, max_attempts, now_s)
    for _ in range(20):  # SQLite: another worker may win the row; then try the next one
        with engine.connect() as conn:
            row = conn.execute(
                select(*_CLAIM_COLUMNS).where(where).order_by(col(Job.id)).limit(1)
            ).first()
        if row is None:
            return None
        with engine.begin() as conn:
            won = conn.execute(
                update(Job)
                .where(col(Job.id) == row.id, where, col(Job.attempts) == row.attempts)
                .values(**_claim_values(owner, now_s, lease_s))
            ).rowcount
            if won == 1:
                return _settle(conn, row, owner, max_attempts, now_s)
    return None


def _settle(conn: Connection, row: Any, owner: str, max_attempts: int, now_s: float) -> Claim:
    attempts = row.attempts + 1
    abandoned = attempts > max_attempts
    if abandoned:
        why_vi = ABANDONED[1]
        conn.execute(
            update(Job)
            .where(col(Job.id) == row.id)
            .values(
                state=JobState.FAILED,
                owner=None,
                lease_until=None,
                error=why_vi,
                updated_at=datetime.fromtimestamp(now_s, UTC),
            )
        )
    return Claim(
        id=row.id,
        kind=row.kind,
        key=row.key,
        generation=row.generation,
        attempts=attempts,
        owner=owner,
        user_id=row.user_id,
        params=json.loads(row.params or "{}"),
        abandoned=abandoned,
    )


def _fenced(c: Claim) -> Any:
    return and_(
        col(Job.id) == c.id,
        col(Job.owner) == c.owner,
        col(Job.attempts) == c.attempts,
        col(Job.state) == JobState.RUNNING,
    )


def renew(engine: Engine, c: Claim, *, now_s: float, lease_s: float = DEFAULT_LEASE_S) -> bool:
    """Extend the lease; False when the job is no longer this claim's."""
    with engine.begin() as conn:
        return bool(
            conn.execute(update(Job).where(_fenced(c)).values(lease_until=now_s + lease_s)).rowcount
        )


def report_progress(engine: Engine, c: Claim, *, progress: float, stage: str) -> bool:
    with engine.begin() as conn:
        return bool(
            conn.execute(
                update(Job)
                .where(_fenced(c))
                .values(progress=round(min(max(progress, 0.0), 1.0), 3), stage=stage[:20])
            ).rowcount
        )


def finish(
    engine: Engine,
    c: Claim,
    *,
    now: datetime | None = None,
    error: str | None = None,
    result: bytes | None = None,
    result_name: str = "",
) -> bool:
    """Done (or failed with ``error``); back to the queue when asked for again meanwhile.
    False when the job was no longer this claim's (nothing changed)."""
    same = col(Job.generation) == c.generation
    done = JobState.FAILED if error is not None else JobState.DONE
    values: dict[str, Any] = {
        "state": case((same, done), else_=JobState.QUEUED),
        "attempts": case((same, col(Job.attempts)), else_=0),
        "owner": None,
        "lease_until": None,
        "updated_at": _utc(now),
        "progress": case((same, 1.0 if error is None else col(Job.progress)), else_=0.0),
        "stage": case((same, done), else_="queued"),
        "error": (error or "")[:2000],
    }
    if result is not None:
        values["result"] = result
        values["result_name"] = result_name[:200]
    with engine.begin() as conn:
        return bool(conn.execute(update(Job).where(_fenced(c)).values(**values)).rowcount)


def live_keys(session: Session, kind: str) -> set[str]:
    """Keys of ``kind`` queued or running now (in the queue's hands)."""
    rows = session.execute(
        select(col(Job.key)).where(
            col(Job.kind) == kind, col(Job.state).in_((JobState.QUEUED, JobState.RUNNING))
        )
    ).scalars()
    return set(rows)


def purge(engine: Engine, kind: str, *, before: datetime) -> int:
    """Drop finished jobs of ``kind`` made before ``before``."""
    with engine.begin() as conn:
        return conn.execute(
            delete(Job).where(
                col(Job.kind) == kind,
                col(Job.created_at) < before,
                col(Job.state).in_((JobState.DONE, JobState.FAILED, JobState.QUEUED)),
            )
        ).rowcount


# --- the worker thread ---------------------------------------------------------------------------


class JobContext:
    """What a handler may do while it runs: report progress (throttled by the caller)."""

    def __init__(self, runner: JobRunner, c: Claim) -> None:
        self.runner = runner
        self.claim = c

    def progress(self, fraction: float, stage: str = "running") -> bool:
        return report_progress(self.runner.engine, self.claim, progress=fraction, stage=stage)


class Handler(Protocol):
    def __call__(self, claim: Claim, ctx: JobContext) -> JobOutcome | None: ...


@dataclass(frozen=True)
class JobOutcome:
    error: str | None = None
    result: bytes | None = None
    result_name: str = ""


@dataclass
class _Kind:
    run: Handler
    abandon: Callable[[Claim], None] | None = None


class JobRunner:
    """Claims and runs jobs of some kinds, one at a time, in a thread of its own."""

    def __init__(
        self,
        engine: Engine,
        *,
        name: str = "loa-jobs",
        lease_s: float = DEFAULT_LEASE_S,
        poll_s: float = 1.0,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        clock: Callable[[], float] = time.time,
        owner: str | None = None,
    ) -> None:
        self.engine = engine
        self.name = name
        self.lease_s = lease_s
        self.poll_s = poll_s
        self.max_attempts = max_attempts
        self.clock = clock
        self.owner = owner or worker_id()
        self._kinds: dict[str, _Kind] = {}
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def handle(
        self, kind: str, run: Handler, *, abandon: Callable[[Claim], None] | None = None
    ) -> None:
        self._kinds[kind] = _Kind(run, abandon)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the job in hand, then stop (queued jobs stay queued in the database)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        self._wake.set()
        thread.join(timeout)

    def wake(self) -> None:
        """Look for work now (a job was just committed)."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                worked = self.run_once()
            except Exception:  # the database is away for a moment: try again later
                log.exception("%s: claiming a job failed", self.name)
                worked = False
            if worked:
                continue
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def run_once(self, *, key: str | None = None) -> bool:
        """Claim one job and run it here; False when there was none."""
        c = claim(
            self.engine,
            self._kinds,
            owner=self.owner,
            now_s=self.clock(),
            lease_s=self.lease_s,
            max_attempts=self.max_attempts,
            key=key,
        )
        if c is None:
            return False
        self.run_claimed(c)
        return True

    def run_claimed(self, c: Claim) -> None:
        kind = self._kinds[c.kind]
        if c.abandoned:
            if kind.abandon is not None:
                try:
                    kind.abandon(c)
                except Exception:
                    log.exception("%s: cleaning up job %s failed", self.name, c.id)
            return
        done = threading.Event()
        keeper = threading.Thread(
            target=self._keep_lease, args=(c, done), name=f"{self.name}-lease", daemon=True
        )
        keeper.start()
        try:
            outcome = kind.run(c, JobContext(self, c)) or JobOutcome()
        except Exception as exc:
            log.exception("%s: job %s (%s %s) failed", self.name, c.id, c.kind, c.key)
            outcome = JobOutcome(error=getattr(exc, "reason_vi", "") or f"{type(exc).__name__}")
        finally:
            done.set()
            keeper.join()
        finish(
            self.engine,
            c,
            error=outcome.error,
            result=outcome.result,
            result_name=outcome.result_name,
        )

    def _keep_lease(self, c: Claim, done: threading.Event) -> None:
        while not done.wait(self.lease_s / 3):
            try:
                if not renew(self.engine, c, now_s=self.clock(), lease_s=self.lease_s):
                    return  # taken by another worker: its result will count
            except Exception:
                log.exception("%s: renewing the lease of job %s failed", self.name, c.id)

"""Report exports as background jobs with progress the page polls (htmx, or a meta refresh).

Jobs live in the database's job queue (``content_library.jobs``, kind ``report``), so the
page that polls may be served by any worker process. The request that starts an export
commits the job, then a background task of its response claims that very job and builds it
(the user's own worker does the work, as before); a job whose worker died is taken again by
the report worker thread of any process once its lease has run out. Progress and the
finished file (a few hundred KB) are written to the job's row; finished jobs are dropped
after ``KEEP``.
"""

from __future__ import annotations

import json
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from content_library import jobs as queue
from content_library import services
from content_library.errors import LimitReached
from content_library.job_models import Job, JobState
from web.services.report_export import FORMATS, export, filename
from web.services.reports import build_report

KIND = "report"
KEEP = timedelta(hours=1)
MAX_JOBS = 100  # kept for callers; the database holds what KEEP allows
PROGRESS_EVERY_S = 0.5
# One person's exports (docs/security.md 31): each is built by a worker thread and its file
# kept in the database for KEEP, so a found phone or a script looping on the form could take
# every thread and fill the disk. A person waits for one of theirs to finish past MAX_OPEN,
# and for the oldest of the hour to be dropped past MAX_PER_KEEP (a year's twelve months in
# three formats fits).
MAX_OPEN = 2
MAX_PER_KEEP = 40
OPEN_RETRY_S = 10


@dataclass
class ExportJob:
    """What the progress page shows of one export (read from its row)."""

    id: str
    user_id: int
    area_id: int
    period: str
    start: date
    fmt: str
    locale: str
    created: datetime
    state: str = "queued"  # queued | running | done | failed
    progress: float = 0.0
    stage: str = "queued"  # queued | counting | writing | done
    error: str = ""
    filename: str = ""
    engine: Engine | None = None

    @property
    def media_type(self) -> str:
        return FORMATS[self.fmt][0]

    @property
    def percent(self) -> int:
        return round(self.progress * 100)

    @property
    def data(self) -> bytes:
        """The finished file (read only when downloaded)."""
        if self.engine is None:
            return b""
        with self.engine.connect() as conn:
            blob = conn.execute(
                select(col(Job.result)).where(col(Job.kind) == KIND, col(Job.key) == self.id)
            ).scalar()
        return blob or b""


_VIEW_COLUMNS: tuple[Any, ...] = (
    Job.key,
    Job.user_id,
    Job.params,
    Job.created_at,
    Job.state,
    Job.progress,
    Job.stage,
    Job.error,
    Job.result_name,
)


class ExportJobs:
    def __init__(
        self,
        engine: Engine,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        clock: Callable[[], float] = time.time,
        lease_s: float = queue.DEFAULT_LEASE_S,
    ) -> None:
        self.engine = engine
        self.now = now  # the app's clock: what the report counts up to
        self.runner = queue.JobRunner(engine, name="loa-reports", clock=clock, lease_s=lease_s)
        self.runner.handle(KIND, self._handle)

    def create(
        self,
        *,
        user_id: int,
        area_id: int,
        period: str,
        start: date,
        fmt: str,
        locale: str,
        now: datetime,
    ) -> ExportJob:
        """Record the job (committed here: the caller's background task then runs it)."""
        token = secrets.token_urlsafe(12)
        params = {
            "area_id": area_id,
            "period": period,
            "start": start.isoformat(),
            "fmt": fmt,
            "locale": locale,
        }
        queue.purge(self.engine, KIND, before=now - KEEP)
        # The count and the new job are one step (docs/security.md 32): counted first, outside
        # a lock, requests sent at the same moment all passed it. The job is written first and
        # the others counted after, the person's row locked (services.lock_person); past the
        # bound nothing is committed.
        with Session(self.engine) as session:
            services.lock_person(session, user_id)
            queue.enqueue(session, KIND, token, params=params, user_id=user_id, now=now)
            self._check_budget(session, user_id, now, new=token)
            session.commit()
        return ExportJob(
            token, user_id, area_id, period, start, fmt, locale, now, engine=self.engine
        )

    @staticmethod
    def _check_budget(session: Session, user_id: int, now: datetime, *, new: str) -> None:
        """LimitReached (429) when the person has, besides the job ``new``, MAX_OPEN exports
        queued or running, or has started MAX_PER_KEEP within KEEP; the caller then rolls the
        new job back."""
        rows = (
            session.connection()
            .execute(
                select(col(Job.state), col(Job.created_at)).where(
                    col(Job.kind) == KIND, col(Job.user_id) == user_id, col(Job.key) != new
                )
            )
            .all()
        )
        since = now - KEEP
        open_ = [r for r in rows if r.state in (JobState.QUEUED, JobState.RUNNING)]
        recent = sorted(t for _, created in rows if (t := _utc(created)) >= since)
        if len(open_) >= MAX_OPEN:
            raise LimitReached(
                f"{len(open_)} of your exports are still being made; wait for one to finish",
                f"Bạn đang có {len(open_)} tệp báo cáo đang được tạo; hãy đợi một tệp xong "
                "rồi xuất tiếp.",
                retry_after_s=OPEN_RETRY_S,
            )
        if len(recent) >= MAX_PER_KEEP:
            wait = recent[len(recent) - MAX_PER_KEEP] + KEEP - now
            minutes = max(1, math.ceil(wait.total_seconds() / 60))
            raise LimitReached(
                f"you made {len(recent)} exports in the last hour; try again in {minutes} min",
                f"Bạn đã xuất {len(recent)} tệp báo cáo trong một giờ qua; hãy thử lại sau "
                f"{minutes} phút.",
                retry_after_s=max(1, math.ceil(wait.total_seconds())),
            )

    def get(self, job_id: str, *, user_id: int) -> ExportJob | None:
        """A job, only for the user who started it."""
        if not job_id or len(job_id) > 64:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(*_VIEW_COLUMNS).where(col(Job.kind) == KIND, col(Job.key) == job_id)
            ).first()
        if row is None or row.user_id != user_id:
            return None
        return self._view(row)

    def _view(self, row: Any) -> ExportJob:
        p = json.loads(row.params or "{}")
        return ExportJob(
            id=row.key,
            user_id=row.user_id,
            area_id=int(p["area_id"]),
            period=p["period"],
            start=date.fromisoformat(p["start"]),
            fmt=p["fmt"],
            locale=p["locale"],
            created=row.created_at,
            state=row.state,
            progress=row.progress,
            stage=row.stage,
            error=row.error,
            filename=row.result_name,
            engine=self.engine,
        )

    def update(self, job: ExportJob, **values: Any) -> None:
        """Write what the page shows of a job (its state, stage, progress or error)."""
        for name, value in values.items():
            setattr(job, name, value)
        fields = {k: v for k, v in values.items() if k in ("state", "stage", "progress", "error")}
        with self.engine.begin() as conn:
            conn.execute(
                update(Job).where(col(Job.kind) == KIND, col(Job.key) == job.id).values(**fields)
            )

    def run(self, job: ExportJob, *, engine: Engine, now: Callable[[], datetime]) -> None:
        """Build this export here, unless another worker has taken it already."""
        self.runner.run_once(key=job.id)

    def _handle(self, claim: queue.Claim, ctx: queue.JobContext) -> queue.JobOutcome:
        """Build and write the export; progress: counting 0–50 %, writing 50–100 %."""
        p = claim.params
        now = self.now()
        ctx.progress(0.05, "counting")
        try:
            with Session(self.engine) as session:
                report = build_report(
                    session,
                    area_id=int(p["area_id"]),
                    period=p["period"],
                    start=date.fromisoformat(p["start"]),
                    now=now,
                )
            ctx.progress(0.5, "writing")
            last = [time.monotonic()]

            def step(fraction: float) -> None:
                if time.monotonic() - last[0] >= PROGRESS_EVERY_S:
                    last[0] = time.monotonic()
                    ctx.progress(0.5 + 0.5 * min(1.0, fraction) * 0.99, "writing")

            data = export(report, p["fmt"], p["locale"], step)
            return queue.JobOutcome(result=data, result_name=filename(report, p["fmt"]))
        except Exception as exc:
            return queue.JobOutcome(
                error=getattr(exc, "reason_vi", "") or str(exc) or type(exc).__name__
            )

    def start(self) -> None:
        """The worker thread that takes over exports whose worker process died."""
        self.runner.start()

    def stop(self) -> None:
        self.runner.stop()


def jobs_of(app: Any) -> ExportJobs:
    jobs = getattr(app.state, "report_jobs", None)
    if jobs is None:
        lease_s = float(getattr(app.state.settings, "job_lease_s", queue.DEFAULT_LEASE_S))
        jobs = app.state.report_jobs = ExportJobs(
            app.state.engine, now=app.state.clock, lease_s=lease_s
        )
    return jobs


def _utc(dt: datetime) -> datetime:
    """A stored time as aware UTC (SQLite gives it back naive)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)

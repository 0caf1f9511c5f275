"""Report exports as background jobs with progress the page polls (htmx, or a meta refresh).

Jobs live in memory on ``app.state`` (an export is seconds to minutes of work and its file a
few hundred KB); finished files are kept for a while and then dropped. Each job opens its own
database session: it runs after the request that started it has closed.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from web.services.report_export import FORMATS, export, filename
from web.services.reports import build_report

KEEP = timedelta(hours=1)
MAX_JOBS = 100


@dataclass
class ExportJob:
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
    data: bytes = field(default=b"", repr=False)

    @property
    def media_type(self) -> str:
        return FORMATS[self.fmt][0]

    @property
    def percent(self) -> int:
        return round(self.progress * 100)


class ExportJobs:
    def __init__(self) -> None:
        self._jobs: dict[str, ExportJob] = {}
        self._lock = threading.Lock()

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
        job = ExportJob(
            secrets.token_urlsafe(12), user_id, area_id, period, start, fmt, locale, now
        )
        with self._lock:
            self._prune(now)
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str, *, user_id: int) -> ExportJob | None:
        """A job, only for the user who started it."""
        job = self._jobs.get(job_id)
        return job if job is not None and job.user_id == user_id else None

    def _prune(self, now: datetime) -> None:
        for jid, job in list(self._jobs.items()):
            if now - job.created > KEEP:
                del self._jobs[jid]
        while len(self._jobs) >= MAX_JOBS:
            del self._jobs[next(iter(self._jobs))]

    def run(self, job: ExportJob, *, engine: Engine, now: Callable[[], datetime]) -> None:
        """Build and write the export; progress: counting 0–50 %, writing 50–100 %."""
        job.state, job.stage, job.progress = "running", "counting", 0.05
        try:
            with Session(engine) as session:
                report = build_report(
                    session, area_id=job.area_id, period=job.period, start=job.start, now=now()
                )
            job.stage, job.progress = "writing", 0.5

            def step(fraction: float) -> None:
                job.progress = 0.5 + 0.5 * min(1.0, fraction) * 0.99

            job.data = export(report, job.fmt, job.locale, step)
            job.filename = filename(report, job.fmt)
            job.state, job.stage, job.progress = "done", "done", 1.0
        except Exception as exc:
            job.state, job.error = (
                "failed",
                getattr(exc, "reason_vi", "") or str(exc) or type(exc).__name__,
            )


def jobs_of(app) -> ExportJobs:
    jobs = getattr(app.state, "report_jobs", None)
    if jobs is None:
        jobs = app.state.report_jobs = ExportJobs()
    return jobs

"""A thirteenth independent security review (docs/security.md 32), as a hostile user would test
it: report exports sent at the very same moment passing the bound together. Each test is the
regression of a hole it found; every refusal is tried beside the legitimate path, which still
works."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlmodel import Session, create_engine, select

from content_library import jobs as queue
from content_library import services
from content_library.errors import LimitReached
from content_library.job_models import Job, JobState
from web.services import report_jobs

# --- 2. report exports sent at the very same moment ----------------------------------------

THREADS = 8


def _person(engine, now, username: str = "daixa") -> int:
    with Session(engine, expire_on_commit=False) as s:
        user = services.create_user(
            s, actor=None, username=username, password="mat-khau-dai-xa-42", full_name="", now=now
        )
        s.commit()
        assert user.id is not None
        return user.id


@pytest.fixture
def ready(engine):
    """The test's database with a connection open for every thread before the race (one
    opened during it would spread the threads out and hide the race)."""
    if engine.dialect.name == "postgresql":
        engine = create_engine(engine.url, pool_size=2 * THREADS, max_overflow=0)
    opened = [engine.connect() for _ in range(THREADS)]
    for conn in opened:
        conn.close()
    yield engine
    if engine.dialect.name == "postgresql":
        engine.dispose()


def _at_once(work: Callable[[], object]) -> tuple[int, list[BaseException]]:
    """Runs ``work`` on THREADS threads released together: (how many passed, other errors)."""
    start = threading.Barrier(THREADS)
    passed: list[object] = []
    errors: list[BaseException] = []

    def one() -> None:
        start.wait()
        try:
            passed.append(work())
        except LimitReached:
            pass
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(passed), errors


@pytest.fixture
def slow_enqueue(monkeypatch) -> None:
    """Widens the gaps a loaded server leaves: between a count and the job that adds to it
    (§31 counted first, outside a lock), and between the job and the commit (a count that
    sees only what others committed)."""
    real = queue.enqueue

    def slow(*args, **kwargs):
        time.sleep(0.05)
        real(*args, **kwargs)
        time.sleep(0.15)

    monkeypatch.setattr(queue, "enqueue", slow)


def _export_jobs(engine, user_id: int) -> list[Job]:
    with Session(engine) as s:
        return list(
            s.exec(select(Job).where(Job.kind == report_jobs.KIND, Job.user_id == user_id)).all()
        )


def test_exports_sent_at_the_same_moment_never_pass_the_open_bound_together(
    ready, db_backend, now, slow_enqueue
) -> None:
    """§31 counted a person's exports before queuing one, outside a lock: eight requests sent
    at once all saw none in the making and all queued. Now the count and the new job are one
    step (SQLite's one writer; a row lock on the person on PostgreSQL): exactly two."""
    uid = _person(ready, now)
    jobs = report_jobs.ExportJobs(ready, now=lambda: now)

    def export() -> object:
        return jobs.create(
            user_id=uid,
            area_id=1,
            period="month",
            start=now.date(),
            fmt="csv",
            locale="vi",
            now=now,
        )

    passed, errors = _at_once(export)
    assert errors == []
    assert passed == report_jobs.MAX_OPEN
    assert len(_export_jobs(ready, uid)) == report_jobs.MAX_OPEN


def test_exports_sent_at_the_same_moment_never_pass_the_hourly_bound_together(
    ready, db_backend, now, slow_enqueue
) -> None:
    """Thirty-nine finished exports in the last hour: of eight sent at once, one goes."""
    uid = _person(ready, now)
    with Session(ready) as s:
        for i in range(report_jobs.MAX_PER_KEEP - 1):
            s.add(
                Job(
                    kind=report_jobs.KIND,
                    key=f"cu-{i}",
                    state=JobState.DONE,
                    user_id=uid,
                    params="{}",
                    created_at=now - timedelta(minutes=10),
                )
            )
        s.commit()
    jobs = report_jobs.ExportJobs(ready, now=lambda: now)

    def export() -> object:
        return jobs.create(
            user_id=uid,
            area_id=1,
            period="month",
            start=now.date(),
            fmt="csv",
            locale="vi",
            now=now,
        )

    passed, errors = _at_once(export)
    assert errors == []
    assert passed == 1
    assert len(_export_jobs(ready, uid)) == report_jobs.MAX_PER_KEEP
    other = _person(ready, now, "congan_moi")  # another person is not held up
    assert jobs.create(
        user_id=other, area_id=1, period="month", start=now.date(), fmt="csv", locale="vi", now=now
    )

"""Two decisions on one version at the same moment (two reviewers' phones): the second one
sees the first and is refused, so a version never ends up rejected with an approval on
record, or approved over a rejection. Runs on SQLite and, in `make test`, on PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from content_library import services
from content_library.db import make_engine
from content_library.demo import seed_demo
from content_library.errors import WorkflowError
from content_library.models import Area, Review, ScriptVersion, Topic, User
from content_library.ports import RecordedRenders

SHA = "ab" * 32


@pytest.fixture
def submitted(engine, now):
    """A rendered version waiting for review, committed; returns its id and the users."""
    with Session(engine, expire_on_commit=False) as session:
        seed_demo(session, now=now, passwords=dict.fromkeys(("doanvien", "congan"), "mk-demo-1"))
        users = {u.username: u for u in session.exec(select(User)).all()}
        area = session.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
        topic = session.exec(select(Topic).where(Topic.code == "ANTT")).one()
        v = services.create_script(
            session,
            actor=users["doanvien"],
            title="Tuần tra",
            topic_id=topic.id,
            area_id=area.id,
            text="Đêm nay tuần tra ANTT.",
            valid_until=now + timedelta(days=30),
            now=now,
        )
        services.submit(
            session, actor=users["doanvien"], version_id=v.id, now=now, renders=RecordedRenders()
        )
        v.render_status, v.render_sha256 = "done", SHA
        session.add(v)
        session.commit()
        return v.id, users


def _approve_and_hold(engine, version_id, reviewer, now) -> Session:
    """The first reviewer's approval, written but not committed yet."""
    first = Session(engine, expire_on_commit=False)
    services.approve(first, actor=reviewer, version_id=version_id, audio_sha256=SHA, now=now)
    first.flush()
    return first


def _reject(session, reviewer, version_id, now) -> None:
    """The second reviewer's rejection, committed."""
    services.reject(
        session, actor=reviewer, version_id=version_id, reason="Đọc sai tên xã.", now=now
    )
    session.commit()


def _outcome(engine, version_id):
    with Session(engine) as session:
        state = session.get(ScriptVersion, version_id).state
        decisions = session.exec(
            select(Review.decision).where(Review.version_id == version_id)
        ).all()
    return state, sorted(decisions)


def _waiting_on_a_lock(engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            ).scalar()
        )


def test_a_rejection_racing_an_approval_is_refused(engine, submitted, now, db_backend):
    version_id, users = submitted
    reviewer = users["congan"]
    first = _approve_and_hold(engine, version_id, reviewer, now)
    try:
        if db_backend == "postgresql":
            outcome: list[BaseException | None] = []

            def reject() -> None:
                with Session(engine) as second:
                    try:
                        _reject(second, reviewer, version_id, now)
                        outcome.append(None)
                    except BaseException as exc:  # handed to the test thread
                        second.rollback()
                        outcome.append(exc)

            thread = threading.Thread(target=reject)
            thread.start()
            # the rejection reaches the version's row and waits there for the approval
            deadline = time.monotonic() + 30
            while not _waiting_on_a_lock(engine) and thread.is_alive():
                assert time.monotonic() < deadline, "the rejection never waited for the approval"
                time.sleep(0.02)
            first.commit()
            thread.join(timeout=30)
            assert not thread.is_alive()
            assert isinstance(outcome[0], WorkflowError), outcome
        else:
            # SQLite: the approval holds the only write lock; the rejection cannot write and
            # says so, storing nothing
            other = make_engine(str(engine.url), busy_timeout_ms=100)
            try:
                with Session(other) as second, pytest.raises((OperationalError, WorkflowError)):
                    _reject(second, reviewer, version_id, now)
            finally:
                other.dispose()
            first.commit()
    finally:
        first.close()
    assert _outcome(engine, version_id) == ("approved", ["approved"])


def test_a_decision_after_a_committed_one_is_refused(engine, submitted, now):
    """The plain case the lock protects: the second phone's page still shows "chờ duyệt"."""
    version_id, users = submitted
    with Session(engine) as one, Session(engine) as two:
        # both phones opened the version before either decided (and keep it loaded)
        opened = [s.get(ScriptVersion, version_id) for s in (one, two)]
        assert [v.state for v in opened] == ["submitted", "submitted"]
        services.approve(
            one, actor=users["congan"], version_id=version_id, audio_sha256=SHA, now=now
        )
        one.commit()
        with pytest.raises(WorkflowError):
            services.reject(
                two,
                actor=users["congan"],
                version_id=version_id,
                reason="Đọc sai tên xã.",
                now=now,
            )
        two.rollback()
    assert _outcome(engine, version_id) == ("approved", ["approved"])

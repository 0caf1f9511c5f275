"""Issue 15, item 4: renders come from the job queue in the database, so several panel
processes can share them — each version rendered by one of them, once.

Two render services (as two worker processes would have) on one database: every queued
version is rendered exactly once, and a version asked for again while it renders is rendered
once more with the newest inputs, never by two workers at the same time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from sqlmodel import Session, select

from content_library import jobs
from content_library.job_models import Job
from content_library.models import ScriptVersion
from web.services.render import RenderOutcome, RenderService

from .conftest import new_script_form, script_id_from
from .test_render_service import version_of


def _services(
    app: FastAPI, n: int, counts: dict[int, int], lock: threading.Lock
) -> tuple[list[RenderService], list[str]]:
    running: set[str] = set()
    overlap: list[str] = []

    out = []
    for _ in range(n):
        service = RenderService(
            session_factory=lambda: Session(app.state.engine, expire_on_commit=False),
            store=app.state.asset_store,
            config=app.state.render_service.config,
            clock=app.state.clock,
            inline=False,
            poll_s=0.1,
        )
        real = service.render_now

        def counted(version_id: int, real: Callable[[int], RenderOutcome] = real) -> RenderOutcome:
            with lock:
                if str(version_id) in running:
                    overlap.append(str(version_id))
                running.add(str(version_id))
                counts[version_id] = counts.get(version_id, 0) + 1
            try:
                return real(version_id)
            finally:
                with lock:
                    running.discard(str(version_id))

        service.render_now = counted  # type: ignore[method-assign]
        out.append(service)
    return out, overlap


def test_two_render_workers_render_each_queued_version_once(
    panel: Any, db: Session, app: FastAPI
) -> None:
    author = panel("doanvien")
    ids = [
        version_of(db, script_id_from(author.post("/scripts/new", new_script_form(db)))).id
        for _ in range(4)
    ]
    with Session(app.state.engine) as s:  # as if submitted: queued, with their jobs
        for vid in ids:
            v = s.get(ScriptVersion, vid)
            assert v is not None
            v.render_status, v.render_sha256 = "queued", None
            s.add(v)
            jobs.enqueue(s, "render", str(vid))
        s.commit()
    counts: dict[int, int] = {}
    services, overlap = _services(app, 2, counts, threading.Lock())
    for service in services:
        service.runner.start()  # the render threads only (no start-up recheck)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            db.expire_all()
            states = {getattr(db.get(ScriptVersion, vid), "render_status", None) for vid in ids}
            if states == {"done"}:
                break
            time.sleep(0.1)
    finally:
        for service in services:
            service.stop()
    assert counts == dict.fromkeys(ids, 1)
    assert overlap == []
    db.expire_all()
    rows = db.exec(select(Job).where(Job.kind == "render")).all()
    assert {(r.state, r.attempts) for r in rows if int(r.key) in ids} == {("done", 1)}


def test_a_version_asked_for_again_while_rendering_is_rendered_again(
    panel: Any, db: Session, app: FastAPI
) -> None:
    author = panel("doanvien")
    vid = version_of(db, script_id_from(author.post("/scripts/new", new_script_form(db)))).id
    with Session(app.state.engine) as s:
        jobs.enqueue(s, "render", str(vid))
        s.commit()
    counts: dict[int, int] = {}
    (service,), overlap = _services(app, 1, counts, threading.Lock())
    claim = jobs.claim(app.state.engine, ["render"], owner="other", now_s=time.time())
    assert claim is not None  # another worker holds it: this service must not render it
    with Session(app.state.engine) as s:
        jobs.enqueue(s, "render", str(vid))  # the lexicon changed meanwhile
        s.commit()
    assert not service.runner.run_once()
    assert jobs.finish(app.state.engine, claim)  # the other worker finishes the old inputs
    assert service.runner.run_once()  # and the newest inputs are rendered once more
    assert counts == {vid: 1} and overlap == []
    db.expire_all()
    assert getattr(db.get(ScriptVersion, vid), "render_status", None) == "done"

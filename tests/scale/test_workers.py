"""Issue 15, item 4: panel worker processes share nothing in memory that another needs.

Two real ``loa serve`` processes (A and B) on one database — SQLite here, PostgreSQL too when
LOA_TEST_POSTGRES_URL is set — answer the same people and units: a sync nonce used on A is
refused on B, a session ended on A is refused on B, failed logins count across both. The job
queue runs in separate worker processes: each job is done exactly once however many workers
claim, and the job of a worker killed mid-way is done by another once its lease has run out.
``loa serve --workers 2`` serves from two processes on one port.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from content_library import jobs, services
from content_library.job_models import Job
from content_library.models import Area, Unit
from protocol.keys import public_key_line
from protocol.request_signing import sign_request

ROOT = Path(__file__).resolve().parents[2]
LOA = Path(sys.executable).with_name("loa")
SECRET = "scale-test-secret-0123456789abcdef"
PASSWORD = "mat-khau-dai-du-muoi"
UNIT = "cum-scale-01"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
START_TIMEOUT_S = 180  # importing the panel on a loaded two-core machine takes a while


@pytest.fixture(autouse=True)
def _every_backend(db_backend: str) -> None:
    """SQLite, and PostgreSQL when the run has one."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def world(engine: Engine, db_url: str, tmp_path: Path) -> dict[str, Any]:
    """A migrated database with an administrator and an enrolled unit; the data dir."""
    now = datetime.now(UTC)
    key = Ed25519PrivateKey.generate()
    with Session(engine) as s:
        area = Area(name="Xã Thử", kind="commune", path="/")
        s.add(area)
        s.flush()
        area.path = f"/{area.id}/"
        area_id = area.id
        assert area_id is not None
        services.create_user(
            s,
            actor=None,
            username="quantri",
            password=PASSWORD,
            roles=[("admin", area_id)],
            now=now,
        )
        s.add(
            Unit(
                id=UNIT,
                name="Cụm thử",
                area_id=area_id,
                public_key=public_key_line(key.public_key()),
                enrolled_at=now,
            )
        )
        s.commit()
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    return {"data": data, "db_url": db_url, "unit_key": key}


class Panel:
    def __init__(self, proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.proc = proc
        self.base = f"http://127.0.0.1:{port}"
        self.log = log

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=60, follow_redirects=False)


def _start(world: dict[str, Any], *extra: str) -> Panel:
    return _wait(_spawn(world, *extra))


def _spawn(world: dict[str, Any], *extra: str) -> Panel:
    port = _free_port()
    log = world["data"].parent / f"panel-{port}.log"
    env = {
        **os.environ,
        "LOA_DATABASE_URL": world["db_url"],
        "LOA_SECRET_KEY": SECRET,
        "LOA_ENV": "development",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(LOA), "serve", "--data-dir", str(world["data"]), "--port", str(port), *extra],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Panel(proc, port, log)


def _wait(panel: Panel) -> Panel:
    proc, log = panel.proc, panel.log
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            if httpx.get(f"{panel.base}/login", timeout=5).status_code == 200:
                return panel
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(panel)
            raise AssertionError(f"the panel did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


def _stop(panel: Panel) -> None:
    if panel.proc.poll() is None:
        os.killpg(panel.proc.pid, signal.SIGTERM)  # the server and its worker processes
        try:
            panel.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(panel.proc.pid, signal.SIGKILL)
            panel.proc.wait(10)


@pytest.fixture
def two_panels(world: dict[str, Any]) -> Iterator[tuple[Panel, Panel]]:
    a, b = _spawn(world), _spawn(world)  # both start at once
    try:
        yield _wait(a), _wait(b)
    finally:
        _stop(a)
        _stop(b)


def _csrf(page: str) -> str:
    found = CSRF.search(page)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def _login(client: httpx.Client, password: str = PASSWORD) -> httpx.Response:
    token = _csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": "quantri", "password": password, "csrf_token": token, "next": "/"},
    )


def test_two_workers_share_nonces_sessions_and_login_limits(
    world: dict[str, Any], two_panels: tuple[Panel, Panel]
) -> None:
    a, b = two_panels
    # A sync nonce used on A is refused on B.
    path = f"/api/v1/units/{UNIT}/heartbeat"
    body = json.dumps({"clock_trusted": True, "software_version": "t"}).encode()
    headers = sign_request(world["unit_key"], "POST", path, UNIT, body)
    headers["Content-Type"] = "application/json"
    with a.client() as ca, b.client() as cb:
        first = ca.post(path, content=body, headers=headers)
        assert first.status_code in (200, 204), first.text
        again = cb.post(path, content=body, headers=headers)
        assert again.status_code == 401, again.text
        assert again.json()["reason_vi"]
        # a fresh signature is served by B: the refusal was the replay, not the unit
        fresh = sign_request(world["unit_key"], "POST", path, UNIT, body)
        fresh["Content-Type"] = "application/json"
        assert cb.post(path, content=body, headers=fresh).status_code in (200, 204)

    # A session ended on A is refused on B.
    with a.client() as ca, b.client() as cb:
        assert _login(ca).status_code == 303
        cb.cookies.set("loa_session", ca.cookies["loa_session"])
        assert cb.get("/scripts").status_code == 200  # B knows the session A opened
        token = _csrf(ca.get("/scripts").text)
        assert ca.post("/logout", data={"csrf_token": token}).status_code == 303
        refused = cb.get("/scripts")  # the old cookie, still signed with the shared secret
        assert refused.status_code == 303 and refused.headers["location"].startswith("/login")

    # Failed logins count across workers: A and B in turn, then both refuse.
    limit = 5  # Settings.login_max_failures
    with a.client() as ca, b.client() as cb:
        for i in range(limit):
            r = _login(ca if i % 2 == 0 else cb, password=f"sai-mat-khau-{i}")
            assert r.status_code == 401, (i, r.status_code)
        for client in (ca, cb):
            locked = _login(client)  # even the right password, on either worker
            assert locked.status_code == 429
            assert int(locked.headers["Retry-After"]) >= 1


def _workers(
    world: dict[str, Any], out: Path, mode: str, n: int, lease_s: float
) -> list[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.scale.job_worker",
                world["db_url"],
                str(out),
                mode,
                str(lease_s),
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(n)
    ]


def _enqueue(engine: Engine, keys: list[str]) -> None:
    with Session(engine) as s:
        for key in keys:
            jobs.enqueue(s, "test", key)
        s.commit()


def test_each_job_is_done_exactly_once_by_several_workers(
    engine: Engine, world: dict[str, Any], tmp_path: Path
) -> None:
    keys = [f"j{i:03d}" for i in range(60)]
    _enqueue(engine, keys)
    out = tmp_path / "done.txt"
    procs = _workers(world, out, "work", 3, lease_s=30)
    for p in procs:
        assert p.wait(300) == 0
    lines = out.read_text().split("\n")
    done = Counter(line.split()[0] for line in lines if line)
    assert done == Counter(keys)  # every job, once
    with Session(engine) as s:
        rows = s.exec(select(Job).where(Job.kind == "test")).all()
    assert {r.state for r in rows} == {"done"}
    assert {r.attempts for r in rows} == {1}
    assert all(r.result == r.key.encode() for r in rows)


def test_the_job_of_a_killed_worker_is_done_by_another_after_its_lease(
    engine: Engine, world: dict[str, Any], tmp_path: Path
) -> None:
    _enqueue(engine, ["lost"])
    out = tmp_path / "runs.txt"
    (hung,) = _workers(world, out, "hang", 1, lease_s=2)
    deadline = time.monotonic() + 120
    while "claimed lost" not in (out.read_text() if out.exists() else ""):
        assert hung.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)
    # While the hung worker lives it renews its lease: nobody else takes the job.
    with Session(engine) as s:
        job = s.exec(select(Job).where(Job.key == "lost")).one()
        assert job.state == "running" and job.attempts == 1
    hung.send_signal(signal.SIGKILL)
    hung.wait(30)
    (rescuer,) = _workers(world, out, "work", 1, lease_s=2)
    assert rescuer.wait(300) == 0
    runs = out.read_text().split("\n")
    assert runs[0] == "claimed lost" and runs[1] == f"lost {rescuer.pid}"
    with Session(engine) as s:
        job = s.exec(select(Job).where(Job.key == "lost")).one()
    assert job.state == "done" and job.attempts == 2 and job.owner is None


def test_a_finished_claim_that_lost_its_lease_changes_nothing(engine: Engine) -> None:
    """The fence: a worker whose lease ran out (the job was taken again) cannot finish it."""
    _enqueue(engine, ["slow"])
    t = time.time()
    first = jobs.claim(engine, ["test"], owner="a", now_s=t, lease_s=1)
    assert first is not None
    assert jobs.claim(engine, ["test"], owner="b", now_s=t + 0.5, lease_s=1) is None
    second = jobs.claim(engine, ["test"], owner="b", now_s=t + 2, lease_s=1)
    assert second is not None and second.attempts == 2
    assert not jobs.finish(engine, first, result=b"stale")
    assert not jobs.renew(engine, first, now_s=t + 2)
    assert jobs.finish(engine, second, result=b"fresh")
    with Session(engine) as s:
        job = s.exec(select(Job).where(Job.key == "slow")).one()
    assert (job.state, job.result) == ("done", b"fresh")


def test_asking_again_while_running_runs_the_job_once_more(engine: Engine) -> None:
    _enqueue(engine, ["v7"])
    t = time.time()
    c = jobs.claim(engine, ["test"], owner="a", now_s=t)
    assert c is not None
    _enqueue(engine, ["v7"])  # inputs changed while it ran
    assert jobs.claim(engine, ["test"], owner="b", now_s=t) is None  # one worker per key
    assert jobs.finish(engine, c)
    again = jobs.claim(engine, ["test"], owner="b", now_s=t)
    assert again is not None and again.generation == 1
    assert jobs.finish(engine, again)
    assert jobs.claim(engine, ["test"], owner="c", now_s=t) is None


def test_a_job_whose_workers_keep_dying_is_failed(engine: Engine) -> None:
    _enqueue(engine, ["poison"])
    t = time.time()
    for attempt in range(1, 4):
        c = jobs.claim(engine, ["test"], owner=f"w{attempt}", now_s=t, max_attempts=3)
        assert c is not None and not c.abandoned
        t += jobs.DEFAULT_LEASE_S + 1  # the worker died: its lease runs out
    last = jobs.claim(engine, ["test"], owner="w4", now_s=t, max_attempts=3)
    assert last is not None and last.abandoned
    with Session(engine) as s:
        job = s.exec(select(Job).where(Job.key == "poison")).one()
    assert job.state == "failed" and "gián đoạn" in job.error


def test_serve_with_two_workers_answers_from_two_processes(world: dict[str, Any]) -> None:
    panel = _start(world, "--workers", "2")
    try:
        deadline = time.monotonic() + START_TIMEOUT_S  # the second may still be importing
        while True:
            started = set(re.findall(r"Started server process \[(\d+)\]", panel.log.read_text()))
            if len(started) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert len(started) == 2, panel.log.read_text()[-2000:]
        for pid in started:  # serving processes of their own, beside the supervisor
            assert int(pid) != panel.proc.pid and Path(f"/proc/{pid}").exists()
        with panel.client() as c:
            assert _login(c).status_code == 303
            for _ in range(10):  # whichever worker answers knows the session
                assert c.get("/scripts").status_code == 200
    finally:
        _stop(panel)


def test_the_worker_count_comes_from_the_environment_too_and_is_bounded() -> None:
    """systemd sets LOA_WORKERS in /etc/loa/panel.env; a count out of range is refused before
    anything starts."""
    from click.testing import CliRunner

    from loa.cli_server import serve

    for bad in ("0", "65", "nhiều"):
        res = CliRunner().invoke(serve, [], env={"LOA_WORKERS": bad})
        assert res.exit_code == 2, res.output
        assert "LOA_WORKERS" in res.output or "--workers" in res.output
    assert "LOA_WORKERS" in CliRunner().invoke(serve, ["--help"]).output

"""Issue 12, item 13: a locked or slow database answers 503 with Retry-After, keeps what was
typed, and unit traffic cannot take every worker thread away from people.

Another connection holds SQLite's write lock (``BEGIN EXCLUSIVE``) as a long report export, a
backup or a stuck process would; the panel's busy timeout is made short for the test.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from content_library import sync as core
from content_library.demo import DEMO_UNIT_ID
from content_library.models import Script, Unit
from protocol.keys import public_key_line

from .conftest import new_script_form


@contextmanager
def locked(settings):
    """Hold the database's write lock from another connection until the block ends."""
    path = settings.db_url.removeprefix("sqlite:///")
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def form_fields(page: str) -> dict[str, list[str]]:
    """The fields the busy page will post again (hidden inputs and text areas)."""
    fields: dict[str, list[str]] = {}
    for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        fields.setdefault(html.unescape(m.group(1)), []).append(html.unescape(m.group(2)))
    for m in re.finditer(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        fields.setdefault(html.unescape(m.group(1)), []).append(html.unescape(m.group(2)))
    return fields


class TestBusyDatabase:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"db_busy_timeout_ms": 200}

    def test_a_form_sent_while_the_database_is_locked_keeps_what_was_typed(
        self, panel, db, settings
    ) -> None:
        p = panel("doanvien")
        text = (
            "Kính thưa bà con, sáng thứ Bảy tiêm chủng mở rộng tại trạm y tế xã, mang theo sổ tiêm."
        )
        form = new_script_form(db, title="Tiêm chủng & phòng bệnh <trẻ em>", text=text)
        with locked(settings):
            r = p.post("/scripts/new", form)
        assert r.status_code == 503
        assert int(r.headers["Retry-After"]) >= 1
        assert "Cơ sở dữ liệu đang bận" in r.text
        assert text in r.text
        assert html.escape("Tiêm chủng & phòng bệnh <trẻ em>") in r.text
        assert 'action="/scripts/new"' in r.text
        db.expire_all()
        assert db.exec(select(Script).where(Script.title.startswith("Tiêm chủng"))).first() is None

        # Sending the kept form again, once the database is free, stores it.
        again = form_fields(r.text)
        assert again["text"] == [text] and again["title"] == ["Tiêm chủng & phòng bệnh <trẻ em>"]
        r = p.client.post("/scripts/new", data=again, follow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        db.expire_all()
        assert (
            db.exec(select(Script).where(Script.title.startswith("Tiêm chủng"))).first() is not None
        )

    def test_passwords_are_not_kept_on_the_busy_page(self, panel, settings, db) -> None:
        admin = panel("quantri")
        with locked(settings):
            r = admin.post(
                "/admin/users",
                {
                    "username": "tv_ban",
                    "full_name": "Tổ viên bận rộn",
                    "password": "mat-khau-bi-mat-42",
                },
            )
        assert r.status_code == 503
        assert "Tổ viên bận rộn" in r.text and "mat-khau-bi-mat-42" not in r.text

    def test_the_api_answers_503_json(self, client, settings) -> None:
        from .conftest import password_for

        token = client.post(
            "/api/v1/token", json={"username": "quantri", "password": password_for("quantri")}
        ).json()["access_token"]
        with locked(settings):
            r = client.post(
                "/api/v1/areas",
                json={"name": "Ấp Mới", "kind": "village", "parent_id": None},
                headers={"Authorization": f"Bearer {token}"},
            )
        assert r.status_code == 503 and int(r.headers["Retry-After"]) >= 1
        body = r.json()
        assert "bận" in body["reason_vi"] and body["reason"] and body.get("code") == "db_busy"


# --- unit traffic cannot starve people ------------------------------------------------------


@pytest.fixture
def live(app):
    import socket

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:  # waiting for a socket, not for time logic
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture
def unit_key(app, clock) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = core.issue_enrol_code(s, DEMO_UNIT_ID, clock.now)
        core.enrol(s, DEMO_UNIT_ID, code, public_key_line(key.public_key()), clock.now)
        s.commit()
    return key


class TestUnitTraffic:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"db_busy_timeout_ms": 4000, "sync_max_concurrent": 4, "sync_queue_wait_s": 1.0}

    def test_waiting_heartbeats_cannot_take_every_worker_thread(
        self, app, live, settings, unit_key, clock
    ) -> None:
        path = f"/api/v1/units/{DEMO_UNIT_ID}/heartbeat"
        results: list = []

        def heartbeat() -> None:
            body = b'{"sound_ok": true}'
            headers = core.sign_request(
                unit_key, "POST", path, DEMO_UNIT_ID, body, timestamp=int(clock.now.timestamp())
            )
            with httpx.Client(base_url=live, timeout=30) as c:
                results.append(
                    c.post(
                        path, content=body, headers={**headers, "Content-Type": "application/json"}
                    )
                )

        with locked(settings):
            units = [threading.Thread(target=heartbeat) for _ in range(60)]
            for t in units:
                t.start()
            deadline = time.monotonic() + 10
            while app.state.unit_traffic.active < settings.sync_max_concurrent:
                assert time.monotonic() < deadline, "the heartbeats never arrived"
                time.sleep(0.01)
            started = time.monotonic()
            # Without the limit the page waits for a worker thread until the lock goes, which
            # is only after this request: it would time out.
            page = httpx.get(f"{live}/login", timeout=20)
            took = time.monotonic() - started
            assert page.status_code == 200
            assert took < 5, f"a page waited {took:.1f} s behind unit traffic"
            assert app.state.unit_traffic.active <= settings.sync_max_concurrent
            # Keep the lock until the line has turned someone away (after sync_queue_wait_s);
            # the four served heartbeats are still inside their busy timeout then.
            deadline = time.monotonic() + 10
            while not any(r.status_code == 503 for r in list(results)):
                assert time.monotonic() < deadline, "nobody waiting in line heard 503"
                time.sleep(0.02)
        for t in units:
            t.join(timeout=60)
        statuses = {r.status_code for r in results}
        assert statuses <= {200, 503}, statuses
        assert 503 in statuses
        busy = next(r for r in results if r.status_code == 503)
        assert int(busy.headers["Retry-After"]) >= 1 and busy.json()["reason_vi"]
        with Session(app.state.engine) as s:
            assert (
                s.exec(select(Unit).where(Unit.id == DEMO_UNIT_ID)).one().last_seen_at is not None
            )

"""Issue 12, item 17 (server half): a signed unit request cannot be replayed, not after a panel
restart, not to another worker process, and not because many other nonces came after it.

Nonces are kept in the database (table ``syncnonce``: unit, nonce, the request's timestamp)
with a unique key; inserting one is atomic insert-or-refuse, and rows are purged only once
their timestamp is outside the clock window (when the timestamp check refuses them anyway).
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from content_library import sync
from content_library.demo import DEMO_UNIT_ID
from content_library.models import Area, SyncNonce, Unit
from protocol.keys import public_key_line
from web.app import create_app

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


# --- over HTTP: a restart of the panel -------------------------------------------------------


def test_a_heartbeat_replayed_after_a_restart_is_refused(app, settings, clock) -> None:
    key = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = sync.issue_enrol_code(s, DEMO_UNIT_ID, clock.now)
        sync.enrol(s, DEMO_UNIT_ID, code, public_key_line(key.public_key()), clock.now)
        s.commit()
    path = f"/api/v1/units/{DEMO_UNIT_ID}/heartbeat"
    body = json.dumps({"sound_ok": True}).encode()
    headers = {
        **sync.sign_request(
            key, "POST", path, DEMO_UNIT_ID, body, timestamp=int(clock.now.timestamp())
        ),
        "Content-Type": "application/json",
    }
    with TestClient(app) as c:
        assert c.post(path, content=body, headers=headers).status_code == 200

    restarted = create_app(settings, clock=clock)  # a new process: nothing in memory
    try:
        with TestClient(restarted) as c:
            r = c.post(path, content=body, headers=headers)
            assert r.status_code == 401 and "phát lại" in r.json()["reason_vi"]
            fresh = {
                **sync.sign_request(
                    key, "POST", path, DEMO_UNIT_ID, body, timestamp=int(clock.now.timestamp())
                ),
                "Content-Type": "application/json",
            }
            assert c.post(path, content=body, headers=fresh).status_code == 200
    finally:
        restarted.state.engine.dispose()


# --- the store itself, on SQLite and PostgreSQL ------------------------------------------------


@pytest.fixture
def unit_key(session, db_backend) -> Ed25519PrivateKey:
    area = Area(name="Ngọc Chúc", kind="commune", path="/")
    session.add(area)
    session.flush()
    area.path = f"/{area.id}/"
    session.add(Unit(id="u1", name="Cụm 1", area_id=area.id))
    session.commit()
    key = Ed25519PrivateKey.generate()
    code = sync.issue_enrol_code(session, "u1", T0)
    sync.enrol(session, "u1", code, public_key_line(key.public_key()), T0)
    session.commit()
    return key


def _auth(session, key, nonces, *, nonce: str, now: datetime = T0, ts: datetime | None = None):
    path = "/api/v1/units/u1/heartbeat"
    headers = {
        k.lower(): v
        for k, v in sync.sign_request(
            key, "POST", path, "u1", b"{}", timestamp=int((ts or now).timestamp()), nonce=nonce
        ).items()
    }
    return sync.authenticate(
        session,
        unit_id="u1",
        method="POST",
        path=path,
        headers=headers,
        body=b"{}",
        now=now,
        nonces=nonces,
    )


def test_two_processes_share_the_nonces(session, unit_key) -> None:
    _auth(session, unit_key, sync.NonceCache(), nonce="a" * 32)
    other_process = sync.NonceCache()
    with pytest.raises(sync.SyncAuthError, match="replayed"):
        _auth(session, unit_key, other_process, nonce="a" * 32)


def test_a_nonce_inside_the_window_is_never_evicted(session, unit_key) -> None:
    nonces = sync.NonceCache(max_entries=5)
    _auth(session, unit_key, nonces, nonce="first-nonce-0000")
    refusals: list[str] = []
    for i in range(12):  # far more than the old in-memory cache would have kept
        try:
            _auth(
                session,
                unit_key,
                nonces,
                nonce=f"later-nonce-{i:04d}",
                now=T0 + timedelta(seconds=i),
            )
        except sync.SyncAuthError as exc:
            refusals.append(exc.reason)
    # a flood is refused, never makes room by forgetting
    assert all("too many" in reason for reason in refusals), refusals
    with pytest.raises(sync.SyncAuthError, match="replayed"):
        _auth(session, unit_key, nonces, nonce="first-nonce-0000", now=T0 + timedelta(seconds=299))


def test_nonces_are_purged_once_outside_the_window(session, unit_key) -> None:
    nonces = sync.NonceCache()
    _auth(session, unit_key, nonces, nonce="old-nonce-000000")
    later = T0 + timedelta(seconds=2 * sync.CLOCK_WINDOW_S + 120)
    _auth(session, unit_key, nonces, nonce="new-nonce-000000", now=later)
    session.expire_all()
    kept = {n.nonce for n in session.exec(select(SyncNonce)).all()}
    assert kept == {"new-nonce-000000"}
    # The purged one cannot come back: its timestamp is stale.
    with pytest.raises(sync.SyncAuthError, match="window"):
        _auth(session, unit_key, nonces, nonce="old-nonce-000000", now=later, ts=T0)


def test_a_race_of_the_same_nonce_lets_exactly_one_in(engine, unit_key, db_url) -> None:
    from content_library.db import make_engine

    engines = [engine, make_engine(db_url)]  # two worker processes' pools
    accepted: list[bool] = []
    barrier = threading.Barrier(8)

    def attempt(i: int) -> None:
        with Session(engines[i % 2]) as s:
            barrier.wait()
            try:
                _auth(s, unit_key, sync.NonceCache(), nonce="raced-nonce-0000")
                accepted.append(True)
            except sync.SyncAuthError:
                accepted.append(False)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    engines[1].dispose()
    assert sorted(accepted) == [False] * 7 + [True]


def test_a_replay_is_refused_after_a_purge_inside_the_window(session, unit_key) -> None:
    nonces = sync.NonceCache()
    _auth(session, unit_key, nonces, nonce="kept-nonce-00000")
    purge_due = T0 + timedelta(seconds=sync.NonceCache.PURGE_EVERY_S + 1)
    _auth(session, unit_key, nonces, nonce="other-nonce-0000", now=purge_due)  # purges
    with pytest.raises(sync.SyncAuthError, match="replayed"):
        _auth(session, unit_key, nonces, nonce="kept-nonce-00000", now=purge_due, ts=T0)


def test_a_refused_flood_does_not_grow_the_table(session, unit_key) -> None:
    nonces = sync.NonceCache(max_entries=3)
    for i in range(3):
        _auth(session, unit_key, nonces, nonce=f"flood-nonce-{i:04d}")
    for i in range(3, 10):
        with pytest.raises(sync.SyncAuthError, match="too many"):
            _auth(session, unit_key, nonces, nonce=f"flood-nonce-{i:04d}")
    session.expire_all()
    assert len(session.exec(select(SyncNonce)).all()) == 3
    with pytest.raises(sync.SyncAuthError, match="replayed"):  # a replay is told as one
        _auth(session, unit_key, nonces, nonce="flood-nonce-0000")

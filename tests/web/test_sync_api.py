"""The sync API over HTTP (TestClient): enrol, signed requests, ETag/304, Range/206 resume,
as-run uploads cut mid-way and retried (no loss, no duplicates), heartbeats."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from content_library import publishing
from content_library import sync as core
from content_library.demo import DEMO_UNIT_ID
from content_library.models import AsRunRecord, Publication, SyncFlag, Unit
from playout.asrun import AsRunLog
from protocol.keys import public_key_line

UNIT = DEMO_UNIT_ID
BASE = f"/api/v1/units/{UNIT}"


class _Clock:
    def __init__(self, start):
        self.t = start

    def wall(self):
        self.t += timedelta(minutes=1)
        return self.t


def signed(key, clock, method, path, body=b"", unit=UNIT, **extra):
    """The signed headers, and ``extra`` ones (Range, If-None-Match: signed too)."""
    h = core.sign_request(
        key, method, path, unit, body, timestamp=int(clock.now.timestamp()), headers=extra
    )
    return {**h, **extra}


def post(http, key, clock, path, payload):
    body = json.dumps(payload).encode()
    return http.post(
        path,
        content=body,
        headers={**signed(key, clock, "POST", path, body), "Content-Type": "application/json"},
    )


@pytest.fixture
def bundle_file(app, db, clock):
    """A publication for the unit and its file in the outbox (random bytes: the server only
    serves it; the unit verifies it)."""
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    pub = Publication(
        bundle_id="b-test",
        target_kind="unit",
        target_id=UNIT,
        sequence=7,
        file_sha256=sha,
        size=len(data),
        issued_at=clock.now,
        expires_at=clock.now + timedelta(days=30),
    )
    db.add(pub)
    db.commit()
    path = publishing.bundle_path(app.state.settings.outbox_dir, pub)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data, sha


def _log(tmp_path, key, n, clock):
    log = AsRunLog(
        tmp_path / "unit-asrun.sqlite3", unit_key=key, unit_id=UNIT, clock=_Clock(clock.now)
    )
    for i in range(n):
        log.append("finished", item=f"v{i + 1}", duration_played_us=10_000_000)
    # The unit's clock moved a minute an entry: the panel's is there too when they arrive (a
    # time after the panel's clock plus its window is not believed: security 22).
    clock.advance(minutes=n)
    return [
        {
            "seq": e.seq,
            "kind": e.kind,
            "body": e.body,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
            "signature": e.signature,
        }
        for e in log.entries()
    ]


# --------------------------------------------------------------------------- enrol and auth


def test_enrol_code_is_single_use(app, http, clock):
    k = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = core.issue_enrol_code(s, UNIT, clock.now)
        s.commit()
    body = {"unit_id": UNIT, "code": code, "public_key": public_key_line(k.public_key())}
    assert http.post("/api/v1/units/enrol", json=body).status_code == 200
    r = http.post("/api/v1/units/enrol", json=body)
    assert r.status_code == 403 and "Mã đăng ký" in r.json()["reason_vi"]
    r = http.post("/api/v1/units/enrol", json={**body, "unit_id": "nope"})
    assert r.status_code == 403


def test_unsigned_unknown_and_forged_requests_refused(http, key, clock):
    assert http.get(f"{BASE}/bundle").status_code == 401
    other = Ed25519PrivateKey.generate()
    assert (
        http.get(
            f"{BASE}/bundle", headers=signed(other, clock, "GET", f"{BASE}/bundle")
        ).status_code
        == 401
    )
    path = "/api/v1/units/ghost/bundle"
    r = http.get(path, headers=signed(key, clock, "GET", path, unit="ghost"))
    assert r.status_code == 401 and r.json()["reason_vi"]
    h = signed(key, clock, "GET", f"{BASE}/bundle")
    assert http.get(f"{BASE}/bundle", headers=h).status_code == 204  # no bundle yet
    assert http.get(f"{BASE}/bundle", headers=h).status_code == 401  # the same nonce again
    clock.advance(minutes=10)
    stale = core.sign_request(
        key,
        "GET",
        f"{BASE}/bundle",
        UNIT,
        b"",
        timestamp=int((clock.now - timedelta(minutes=6)).timestamp()),
    )
    assert http.get(f"{BASE}/bundle", headers=stale).status_code == 401


# --------------------------------------------------------------------------- bundle


def test_bundle_etag_304_and_range_resume(http, key, clock, bundle_file):
    data, sha = bundle_file
    r = http.get(f"{BASE}/bundle", headers=signed(key, clock, "GET", f"{BASE}/bundle"))
    assert r.status_code == 200 and r.content == data
    assert r.headers["etag"] == f'"{sha}"' and r.headers["x-loa-bundle-sequence"] == "7"
    r = http.get(
        f"{BASE}/bundle",
        headers=signed(key, clock, "GET", f"{BASE}/bundle", **{"If-None-Match": f'"{sha}"'}),
    )
    assert r.status_code == 304 and r.content == b""
    # a download cut after 123 456 bytes, then resumed from there
    cut = 123_456
    first = http.get(
        f"{BASE}/bundle",
        headers=signed(key, clock, "GET", f"{BASE}/bundle", Range=f"bytes=0-{cut - 1}"),
    )
    assert first.status_code == 206 and first.content == data[:cut]
    rest = http.get(
        f"{BASE}/bundle",
        headers=signed(
            key, clock, "GET", f"{BASE}/bundle", Range=f"bytes={cut}-", **{"If-Range": f'"{sha}"'}
        ),
    )
    assert rest.status_code == 206
    assert rest.headers["content-range"] == f"bytes {cut}-{len(data) - 1}/{len(data)}"
    assert hashlib.sha256(first.content + rest.content).hexdigest() == sha
    # If-Range with an old ETag: the whole (new) file comes back, not a mismatched tail
    stale = http.get(
        f"{BASE}/bundle",
        headers=signed(
            key, clock, "GET", f"{BASE}/bundle", Range=f"bytes={cut}-", **{"If-Range": '"old"'}
        ),
    )
    assert stale.status_code == 200 and stale.content == data


# --------------------------------------------------------------------------- as-run


def test_asrun_push_replay_and_cut_upload(http, key, clock, db, tmp_path):
    entries = _log(tmp_path, key, 6, clock)
    # v1..v6 were delivered to the unit (an item never delivered is flagged: issue 12, item 7)
    db.add(
        Publication(
            bundle_id="b-delivered",
            target_kind="unit",
            target_id=UNIT,
            sequence=1,
            file_sha256="0" * 64,
            size=1,
            issued_at=clock.now - timedelta(days=1),
            expires_at=clock.now + timedelta(days=30),
            version_ids=list(range(1, 7)),
        )
    )
    db.commit()
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries[:2]})
    assert r.status_code == 200 and r.json() == {
        "accepted": 2,
        "duplicates": 0,
        "rejected": 0,
        "last_seq": 2,
        "flags": [],
    }
    # an upload cut mid-way: the server got only part of the body → refused, nothing stored
    body = json.dumps({"entries": entries[2:]}).encode()
    h = signed(key, clock, "POST", f"{BASE}/asrun", body)
    r = http.post(f"{BASE}/asrun", content=body[: len(body) // 2], headers=h)
    assert r.status_code == 401
    assert len(db.exec(select(AsRunRecord)).all()) == 2
    # an upload whose answer was lost: the server stored it, the unit retries the same batch
    assert (
        post(http, key, clock, f"{BASE}/asrun", {"entries": entries[2:4]}).json()["accepted"] == 2
    )
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries[2:]})
    assert r.json() == {"accepted": 2, "duplicates": 2, "rejected": 0, "last_seq": 6, "flags": []}
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries})  # the whole log again
    assert r.json()["accepted"] == 0 and r.json()["duplicates"] == 6
    rows = db.exec(select(AsRunRecord).order_by(AsRunRecord.seq)).all()
    assert [x.seq for x in rows] == [1, 2, 3, 4, 5, 6]
    assert [x.body for x in rows] == [e["body"] for e in entries]
    assert db.exec(select(SyncFlag)).all() == []


def test_asrun_forged_and_reordered_are_409_and_flagged(http, key, clock, db, tmp_path):
    entries = _log(tmp_path, key, 3, clock)
    forged = {**entries[0], "body": entries[0]["body"].replace('"v1"', '"v9"')}
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": [forged]})
    assert r.status_code == 409 and r.json()["rejected"] == 1 and r.json()["reason_vi"]
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": [entries[1], entries[0]]})
    assert r.status_code == 409 and r.json()["flags"] == ["reordered"]
    kinds = sorted(f.kind for f in db.exec(select(SyncFlag)).all())
    assert kinds == ["forged", "reordered"]
    assert db.exec(select(AsRunRecord)).all() == []


def test_asrun_bad_bodies(http, key, clock):
    r = post(http, key, clock, f"{BASE}/asrun", {"nope": 1})
    assert r.status_code == 422
    body = b"not json"
    r = http.post(
        f"{BASE}/asrun", content=body, headers=signed(key, clock, "POST", f"{BASE}/asrun", body)
    )
    assert r.status_code == 422 and r.json()["reason_vi"]
    body = b'{"temperature_c": NaN}'
    r = http.post(
        f"{BASE}/heartbeat",
        content=body,
        headers=signed(key, clock, "POST", f"{BASE}/heartbeat", body),
    )
    assert r.status_code == 422


# --------------------------------------------------------------------------- heartbeat


def test_heartbeat_visible_on_unit_and_dashboard(http, key, clock, db, panel):
    r = post(
        http,
        key,
        clock,
        f"{BASE}/heartbeat",
        {
            "clock_trusted": False,
            "bundle_sequence": 12,
            "software_version": "0.1.0",
            "free_disk_bytes": 123456789,
        },
    )
    assert r.status_code == 200 and r.json()["asrun_last_seq"] == 0
    unit = db.get(Unit, UNIT)
    db.refresh(unit)
    assert unit.bundle_sequence == 12 and unit.last_heartbeat["clock_trusted"] is False
    page = panel("daixa").get("/devices")
    assert page.status_code == 200 and UNIT in page.text


def test_openapi_lists_sync_routes(http):
    spec = http.get("/api/v1/openapi.json").json()
    for p in (
        "/api/v1/units/enrol",
        "/api/v1/units/{unit_id}/bundle",
        "/api/v1/units/{unit_id}/asrun",
        "/api/v1/units/{unit_id}/heartbeat",
    ):
        assert p in spec["paths"]


def test_operator_issues_enrol_code_over_the_api(http, db):
    from tests.web.conftest import password_for

    def bearer(username):
        r = http.post(
            "/api/v1/token", json={"username": username, "password": password_for(username)}
        )
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    assert http.post(f"{BASE}/enrol-code").status_code == 401
    assert http.post(f"{BASE}/enrol-code", headers=bearer("doanvien")).status_code == 403
    assert http.post("/api/v1/units/ghost/enrol-code", headers=bearer("daixa")).status_code == 404
    r = http.post(f"{BASE}/enrol-code", headers=bearer("daixa"))
    assert r.status_code == 200, r.text
    code = r.json()["code"]
    k = Ed25519PrivateKey.generate()
    r = http.post(
        "/api/v1/units/enrol",
        json={"unit_id": UNIT, "code": code, "public_key": public_key_line(k.public_key())},
    )
    assert r.status_code == 200
    db.expire_all()
    assert db.get(Unit, UNIT).public_key == public_key_line(k.public_key())

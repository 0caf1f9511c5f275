"""A sixth independent security review (docs/security.md 25): a compromised unit that signs
what it likes about itself, a network attacker between the unit and the panel, and a stolen
phone. Each test is the regression of a hole it found, or pins a refusal that held."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import delete, select

from content_library.demo import DEMO_UNIT_ID
from content_library.models import AsRunRecord, AuditEvent, ScriptVersion, SyncFlag, Unit, User
from protocol.asrun_chain import DOMAIN
from protocol.canonical import canonical_text
from protocol.keys import key_id, public_key_line

from .test_security_review_2 import _entry, _post

UNIT = DEMO_UNIT_ID
BASE = f"/api/v1/units/{UNIT}"


def _us(dt) -> int:
    return int(dt.timestamp() * 1_000_000)


def _fresh_chain(db) -> None:
    db.exec(delete(AsRunRecord))
    db.exec(delete(SyncFlag))
    unit = db.get(Unit, UNIT)
    unit.asrun_last_seq, unit.asrun_last_hash = 0, None
    db.commit()


def _flags(db, kind: str) -> list[SyncFlag]:
    db.expire_all()
    return list(db.exec(select(SyncFlag).where(SyncFlag.kind == kind)).all())


# --- 1. a compromised unit: how long it says it played -------------------------------------


@pytest.mark.parametrize("length_known", [True, False], ids=["render-length", "no-length"])
def test_a_played_length_cannot_be_negative_or_longer_than_possible(
    panel, http, key, db, clock, length_known
) -> None:
    """Reports sum ``duration_s`` over every unit of an area: one unit's −1 h took an hour of
    airtime off its commune's other units, and ten days inflated it past any target."""
    from .test_schedules import approved_version

    vid = approved_version(panel, db, title="Tiêm phòng", text="Kính thưa bà con.", approve=False)
    version = db.get(ScriptVersion, vid)
    version.render_duration_s = 30.0 if length_known else None
    db.add(version)
    db.commit()
    clock.advance(days=1)
    _fresh_chain(db)
    start = clock.now - timedelta(minutes=10)
    lengths = {"negative": -3600.0, "ten-days": 10 * 86400.0, "true": 29.5}
    entries, prev = [], None
    for seq, played in enumerate(lengths.values(), start=1):
        fields = {
            "item": f"v{vid}",
            "actual_start_us": _us(start),
            "duration_played_us": int(played * 1e6),
        }
        entry = _entry(key, seq, fields, **({"prev": prev} if prev else {}))
        entries.append(entry)
        prev = entry["hash"]
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": entries})
    assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
    db.expire_all()
    stored = dict(db.exec(select(AsRunRecord.seq, AsRunRecord.duration_s)).all())
    assert stored[1] is None  # never a negative airtime
    cap = 30.0 * 1.01 + 2.0 if length_known else (10 * 60 + 300)
    assert stored[2] is not None and 0 < stored[2] <= cap, stored
    assert stored[3] == pytest.approx(29.5)  # a true length is kept as given
    flags = _flags(db, "bad_duration")
    assert sorted(f.detail.split(":")[0] for f in flags) == ["seq 1", "seq 2"], flags
    assert all(f.unit_id == UNIT for f in flags)
    bodies = dict(db.exec(select(AsRunRecord.seq, AsRunRecord.body)).all())
    assert str(int(-3600.0 * 1e6)) in bodies[1]  # the unit's own words, signed, kept


# --- 2. a compromised unit: its heartbeat and flags on the panel's pages -------------------


def test_what_a_unit_says_is_shown_escaped_on_the_devices_pages(
    panel, http, key, db, clock
) -> None:
    xss = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    r = _post(http, key, clock, f"{BASE}/heartbeat", {"software_version": xss, "last_error": xss})
    assert r.status_code == 200, r.text
    _fresh_chain(db)
    fields = {"item": xss[:60], "area_id": xss, "actual_start_us": _us(clock.now)}
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, 1, fields)]})
    assert r.status_code == 200, r.text
    assert _flags(db, "undelivered") and _flags(db, "foreign_area")
    page = panel("daixa")
    for path in ("/devices", f"/devices/{UNIT}"):
        html = page.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;script&gt;" in page.get(f"/devices/{UNIT}").text


# --- 3. a network attacker -------------------------------------------------------------------


def test_a_replayed_asrun_batch_changes_nothing_even_with_a_fresh_signature(
    http, key, db, clock
) -> None:
    """An attacker cannot sign; the unit itself may resend (a lost answer): duplicates only."""
    _fresh_chain(db)
    entry = _entry(key, 1, {"item": "v1", "actual_start_us": _us(clock.now)})
    first = _post(http, key, clock, f"{BASE}/asrun", {"entries": [entry]})
    again = _post(http, key, clock, f"{BASE}/asrun", {"entries": [entry]})
    assert first.json()["accepted"] == 1 and again.json()["duplicates"] == 1, again.text
    db.expire_all()
    assert len(db.exec(select(AsRunRecord)).all()) == 1
    assert db.get(Unit, UNIT).asrun_last_seq == 1
    assert all(r.received_at is not None for r in db.exec(select(AsRunRecord)).all())


# --- 4. a stolen operator's phone: a unit's key replaced -----------------------------------


def test_a_units_key_replaced_with_a_new_code_is_audited_and_flagged(
    client, api, http, key, db, clock, panel
) -> None:
    """Whoever holds an enrolment code replaces the unit's key (an operator's stolen phone
    issues one in a tap): the real unit then stops syncing. Nothing recorded who issued the
    code or that the key changed; now both are audited and the unit's page shows the change."""
    r = client.post(f"{BASE}/enrol-code", headers=api("daixa"))
    assert r.status_code == 200, r.text
    rogue = Ed25519PrivateKey.generate()
    r = http.post(
        "/api/v1/units/enrol",
        json={
            "unit_id": UNIT,
            "code": r.json()["code"],
            "public_key": public_key_line(rogue.public_key()),
        },
    )
    assert r.status_code == 200, r.text
    db.expire_all()
    events = db.exec(select(AuditEvent).where(AuditEvent.object_id == UNIT)).all()
    by_action = {e.action: e for e in events}
    issued = by_action["unit.enrol_code"]
    assert issued.actor_id == db.exec(select(User.id).where(User.username == "daixa")).one()
    assert issued.detail["enrolled"] is True
    enrolled = [e for e in events if e.action == "unit.enrol"]
    old_id, new_id = key_id(key.public_key()), key_id(rogue.public_key())
    assert enrolled[-1].detail["replaced_key_id"] == old_id
    assert enrolled[-1].detail["key_id"] == new_id
    (flag,) = _flags(db, "rekeyed")
    assert flag.unit_id == UNIT and old_id in flag.detail and new_id in flag.detail
    assert "rekeyed" in panel("daixa").get(f"/devices/{UNIT}").text
    # The old key is refused from now on (the real unit must be enrolled again).
    r = _post(http, key, clock, f"{BASE}/heartbeat", {})
    assert r.status_code == 401, r.text


# --- 5. a stolen phone: what its API token and session allow ---------------------------------


def test_an_api_token_ends_at_the_sessions_max_age_and_is_not_a_cookie(
    app, client, api, panel
) -> None:
    """A token copied off a phone lives at most ``session_max_age_s`` even while used, and a
    browser session id is not a bearer token (nor a token a browser session)."""
    headers = api("doanvien")
    assert client.get("/api/v1/scripts", headers=headers).status_code == 200
    p = panel("doanvien")
    sid = p.client.cookies["loa_session"]
    real = app.state.session_clock
    app.state.session_clock = lambda: (
        real() + timedelta(seconds=app.state.settings.session_max_age_s - 60)
    )
    assert client.get("/api/v1/scripts", headers=headers).status_code == 200  # in use
    app.state.session_clock = lambda: (
        real() + timedelta(seconds=app.state.settings.session_max_age_s + 1)
    )
    assert client.get("/api/v1/scripts", headers=headers).status_code == 401
    app.state.session_clock = real
    # The cookie's session id, sent as a bearer token, names nobody.
    browser_sid = json.loads(base64.b64decode(sid.split(".")[0] + "=="))["sid"]
    r = client.get("/api/v1/scripts", headers={"Authorization": f"Bearer {browser_sid}"})
    assert r.status_code == 401


# --- 6. a compromised unit: a NUL in what it sends (PostgreSQL refuses it in text) ----------


def test_a_nul_a_unit_sends_never_reaches_a_text_column(
    http, key, db, clock, client, panel
) -> None:
    """PostgreSQL's text columns cannot hold NUL (psycopg: DataError, a 500): every as-run push
    or heartbeat that carried one failed. The tests run on SQLite, which stores it; what must
    hold is that no such value reaches a column."""
    _fresh_chain(db)
    fields = {
        "item": "v1\x00x",
        "reason": "mất\x00điện",
        "approval_id": "a\x00",
        "audio_sha256": "\x00" * 8,
        "actual_start_us": _us(clock.now),
    }
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, 1, fields)]})
    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text
    r = _post(http, key, clock, f"{BASE}/heartbeat", {"software_version": "1.0\x00-x"})
    assert r.status_code == 200, r.text
    db.expire_all()
    (row,) = db.exec(select(AsRunRecord)).all()
    stored = [row.item_id, row.reason, row.approval_id, row.audio_sha256, row.kind]
    assert all("\x00" not in (v or "") for v in stored), stored
    assert row.item_id == "v1x" and "\\u0000" in row.body  # the signed words, escaped, kept
    assert db.get(Unit, UNIT).software_version == "1.0-x"
    for flag in db.exec(select(SyncFlag)).all():
        assert "\x00" not in flag.detail
    # An entry kind with a NUL is malformed (no kind has one), not a column value.
    bad = _entry(key, 2, {"item": "v1"}, prev=row.entry_hash)
    bad_kind = json.loads(bad["body"]) | {"kind": "fin\x00"}
    body = canonical_text(bad_kind)
    digest = hashlib.sha256(body.encode()).hexdigest()
    bad |= {
        "kind": "fin\x00",
        "body": body,
        "hash": digest,
        "signature": key.sign(DOMAIN + bytes.fromhex(digest)).hex(),
    }
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [bad]})
    assert r.status_code == 409 and "định dạng" in r.json()["reason_vi"], r.text
    # Ids in a path or a body never reach a query with a NUL in them.
    r = http.post(
        "/api/v1/units/enrol", json={"unit_id": UNIT + "\x00", "code": "X", "public_key": "x"}
    )
    assert r.status_code == 403, r.text
    assert panel("daixa").get(f"/devices/{UNIT}%00").status_code == 404
    assert panel("daixa").get(f"/devices/{UNIT}?topic=%00").status_code == 200

"""The sync protocol's server side (content_library.sync), without HTTP: enrolment, request
authentication, bundle selection and the as-run push rules (idempotent, forged, reordered, gap).

Entries are written by the unit's real log (playout.asrun.AsRunLog), so the server's checks
are tested against what units actually send.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from content_library import sync
from content_library.errors import ValidationError
from content_library.models import Area, AsRunRecord, Publication, SyncFlag, Unit
from playout.asrun import AsRunLog
from protocol.keys import public_key_line

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
# When the logs below reach the panel: after the plays they record (a played time later than
# the panel's clock plus the clock window is not believed: docs/security.md 22).
ARRIVED = T0 + timedelta(days=1)


@pytest.fixture
def fleet(session):
    """Province 1 → district → commune; unit u1 in the commune, unit u2 in the district."""
    prov = Area(name="An Giang", kind="province", path="/")
    session.add(prov)
    session.flush()
    prov.path = f"/{prov.id}/"
    dist = Area(name="Huyện Thử", kind="district", parent_id=prov.id, path="/")
    session.add(dist)
    session.flush()
    dist.path = f"{prov.path}{dist.id}/"
    com = Area(name="Ngọc Chúc", kind="commune", parent_id=dist.id, path="/")
    session.add(com)
    session.flush()
    com.path = f"{dist.path}{com.id}/"
    session.add(Unit(id="u1", name="Cụm 1", area_id=com.id))
    session.add(Unit(id="u2", name="Cụm 2", area_id=dist.id))
    session.commit()
    return {"province": prov, "district": dist, "commune": com}


def _enrolled(session, unit_id: str = "u1") -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    code = sync.issue_enrol_code(session, unit_id, T0)
    sync.enrol(session, unit_id, code, public_key_line(key.public_key()), T0)
    # The items the logs below name were delivered to the unit (an item never delivered is
    # flagged: tests/web/test_reports.py, attribution).
    session.add(
        Publication(
            bundle_id=f"delivered-{unit_id}",
            target_kind="unit",
            target_id=unit_id,
            sequence=0,
            file_sha256="0" * 64,
            size=1,
            issued_at=T0 - timedelta(days=1),
            expires_at=T0 + timedelta(days=30),
            version_ids=[1, 2, 7, *range(100, 106)],
        )
    )
    session.commit()
    return key


class FakeClock:
    def __init__(self) -> None:
        self.t = T0

    def wall(self) -> datetime:
        self.t += timedelta(minutes=5)
        return self.t


def _log(tmp_path, key, unit_id="u1", n=3, name="asrun.sqlite3"):
    log = AsRunLog(tmp_path / name, unit_key=key, unit_id=unit_id, clock=FakeClock())
    for i in range(n):
        log.append(
            "finished",
            item=f"v{100 + i}",
            duration_played_us=30_000_000,
            actual_start_us=int((T0 + timedelta(hours=i)).timestamp() * 1e6),
        )
    return log


def _wire(entries) -> list[dict]:
    return [
        {
            "seq": e.seq,
            "kind": e.kind,
            "body": e.body,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
            "signature": e.signature,
        }
        for e in entries
    ]


def _count(session, model, **where) -> int:
    stmt = select(model)
    for k, v in where.items():
        stmt = stmt.where(getattr(model, k) == v)
    return len(session.exec(stmt).all())


# --------------------------------------------------------------------------- enrolment


def test_enrol_once_then_code_is_consumed(session, fleet, db_backend):
    key = Ed25519PrivateKey.generate()
    code = sync.issue_enrol_code(session, "u1", T0)
    unit = session.get(Unit, "u1")
    assert unit.enrol_code_hash and code.replace("-", "") not in unit.enrol_code_hash
    sync.enrol(session, "u1", code.lower(), public_key_line(key.public_key()), T0)
    assert unit.public_key == public_key_line(key.public_key()) and unit.enrolled_at is not None
    with pytest.raises(sync.EnrolError) as err:
        sync.enrol(session, "u1", code, public_key_line(key.public_key()), T0)
    assert "Mã đăng ký" in err.value.reason_vi


def test_expired_or_wrong_code_refused(session, fleet):
    key = public_key_line(Ed25519PrivateKey.generate().public_key())
    code = sync.issue_enrol_code(session, "u1", T0, ttl=timedelta(minutes=10))
    with pytest.raises(sync.EnrolError):
        sync.enrol(session, "u1", "AAAA-BBBB-CCCC", key, T0)
    with pytest.raises(sync.EnrolError):
        sync.enrol(session, "u2", code, key, T0)  # another unit's code
    with pytest.raises(sync.EnrolError, match="expired"):
        sync.enrol(session, "u1", code, key, T0 + timedelta(minutes=11))
    with pytest.raises(ValidationError):
        sync.enrol(session, "u1", code, "ed25519:nonsense", T0)
    assert session.get(Unit, "u1").public_key is None


# --------------------------------------------------------------------------- authentication


def _auth(
    session,
    key,
    *,
    unit_id="u1",
    path="/api/v1/units/u1/heartbeat",
    body=b"{}",
    ts=None,
    nonce=None,
    nonces=None,
    now=T0,
    tamper=None,
):
    headers = sync.sign_request(
        key, "POST", path, unit_id, body, timestamp=int((ts or now).timestamp()), nonce=nonce
    )
    headers = {k.lower(): v for k, v in headers.items()}
    if tamper:
        tamper(headers)
    return sync.authenticate(
        session,
        unit_id=unit_id,
        method="POST",
        path=path,
        headers=headers,
        body=body,
        now=now,
        nonces=nonces or sync.NonceCache(),
    )


def test_signed_request_accepted(session, fleet):
    key = _enrolled(session)
    assert _auth(session, key).id == "u1"


def test_unknown_unit_refused(session, fleet):
    key = Ed25519PrivateKey.generate()
    with pytest.raises(sync.SyncAuthError):
        _auth(session, key, unit_id="nope", path="/api/v1/units/nope/heartbeat")
    with pytest.raises(sync.SyncAuthError, match="not enrolled"):
        _auth(session, key, unit_id="u2", path="/api/v1/units/u2/heartbeat")  # exists, no key


def test_bad_signature_refused(session, fleet):
    _enrolled(session)
    other = Ed25519PrivateKey.generate()
    with pytest.raises(sync.SyncAuthError, match="signature"):
        _auth(session, other)
    key = _enrolled(session, "u2")
    headers = {
        k.lower(): v
        for k, v in sync.sign_request(
            key, "POST", "/api/v1/units/u2/asrun", "u2", b"{}", timestamp=int(T0.timestamp())
        ).items()
    }
    with pytest.raises(sync.SyncAuthError, match="signature"):  # body changed after signing
        sync.authenticate(
            session,
            unit_id="u2",
            method="POST",
            path="/api/v1/units/u2/asrun",
            headers=headers,
            body=b'{"x":1}',
            now=T0,
            nonces=sync.NonceCache(),
        )


def test_stale_timestamp_refused(session, fleet):
    key = _enrolled(session)
    with pytest.raises(sync.SyncAuthError, match="window"):
        _auth(session, key, ts=T0 - timedelta(minutes=6))
    with pytest.raises(sync.SyncAuthError, match="window"):
        _auth(session, key, ts=T0 + timedelta(minutes=6))
    assert _auth(session, key, ts=T0 - timedelta(minutes=4)).id == "u1"


def test_replayed_nonce_refused(session, fleet):
    key = _enrolled(session)
    cache = sync.NonceCache()
    nonce = "n" * 32
    _auth(session, key, nonce=nonce, nonces=cache)
    with pytest.raises(sync.SyncAuthError, match="replayed"):
        _auth(session, key, nonce=nonce, nonces=cache)


def test_path_unit_must_match_signer(session, fleet):
    key = _enrolled(session)
    with pytest.raises(sync.SyncAuthError):
        _auth(session, key, tamper=lambda h: h.update({"x-loa-unit": "u2"}))


# --------------------------------------------------------------------------- bundles


def _pub(session, kind, target, seq, at):
    p = Publication(
        bundle_id=f"b-{kind}-{target}-{seq}",
        target_kind=kind,
        target_id=str(target),
        sequence=seq,
        file_sha256="a" * 64,
        size=1,
        issued_at=at,
        expires_at=at + timedelta(days=30),
    )
    session.add(p)
    session.commit()
    return p


def test_bundle_selection_by_unit_and_area_path(session, fleet, db_backend):
    unit = session.get(Unit, "u1")
    assert sync.bundle_for_unit(session, unit) is None
    p1 = _pub(session, "area", fleet["province"].id, 1, T0)
    assert sync.bundle_for_unit(session, unit).id == p1.id
    p2 = _pub(session, "unit", "u1", 2, T0 + timedelta(hours=1))
    assert sync.bundle_for_unit(session, unit).id == p2.id
    _pub(session, "unit", "u2", 3, T0 + timedelta(hours=2))  # another unit's
    _pub(session, "area", 99999, 4, T0 + timedelta(hours=3))  # an area not above u1
    assert sync.bundle_for_unit(session, unit).id == p2.id
    p5 = _pub(session, "area", fleet["commune"].id, 5, T0 + timedelta(hours=4))
    assert sync.bundle_for_unit(session, unit).id == p5.id
    # u2 sits in the district: the commune's bundle is not for it, its own one is
    assert sync.bundle_for_unit(session, session.get(Unit, "u2")).sequence == 3


# --------------------------------------------------------------------------- as-run


def test_push_stores_entries_with_columns(session, fleet, tmp_path, db_backend):
    key = _enrolled(session)
    log = _log(tmp_path, key, n=3)
    log.append(
        "failed",
        item="v7",
        reason="mất điện",
        gps={"lat": 9.9, "lon": 105.1},
        area=str(fleet["commune"].id),
    )
    unit = session.get(Unit, "u1")
    res = sync.push_asrun(session, unit, _wire(log.entries()), ARRIVED)
    session.commit()
    assert (res.accepted, res.duplicates, res.rejected, res.last_seq) == (4, 0, 0, 4)
    rows = session.exec(select(AsRunRecord).order_by(AsRunRecord.seq)).all()
    assert [r.seq for r in rows] == [1, 2, 3, 4]
    assert rows[0].kind == "finished" and rows[0].duration_s == 30.0
    assert rows[0].script_version_id == 100 and rows[0].item_id == "v100"
    assert rows[0].actual_start.replace(tzinfo=UTC) == T0
    assert (
        rows[3].reason == "mất điện"
        and rows[3].gps_lat == 9.9
        and rows[3].area_id == fleet["commune"].id
    )
    assert rows[3].body == list(log.entries())[3].body
    assert unit.asrun_last_seq == 4 and unit.asrun_last_hash == rows[3].entry_hash
    assert _count(session, SyncFlag) == 0


def test_replayed_batch_changes_nothing(session, fleet, tmp_path, db_backend):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, n=3).entries())
    unit = session.get(Unit, "u1")
    sync.push_asrun(session, unit, wire, ARRIVED)
    session.commit()
    before = [(r.id, r.entry_hash) for r in session.exec(select(AsRunRecord)).all()]
    res = sync.push_asrun(session, unit, wire, ARRIVED)
    session.commit()
    assert (res.accepted, res.duplicates, res.rejected, res.last_seq) == (0, 3, 0, 3)
    assert [(r.id, r.entry_hash) for r in session.exec(select(AsRunRecord)).all()] == before
    res = sync.push_asrun(session, unit, wire[1:2], ARRIVED)  # a partial replay too
    assert (res.accepted, res.duplicates) == (0, 1)
    assert _count(session, SyncFlag) == 0


def test_overlapping_batch_stores_only_new(session, fleet, tmp_path):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, n=5).entries())
    unit = session.get(Unit, "u1")
    sync.push_asrun(session, unit, wire[:3], ARRIVED)
    res = sync.push_asrun(session, unit, wire[1:], ARRIVED)
    assert (res.accepted, res.duplicates, res.last_seq) == (2, 2, 5)
    assert _count(session, AsRunRecord) == 5


def test_forged_entry_rejected_and_flagged(session, fleet, tmp_path, db_backend):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, n=3).entries())
    body = json.loads(wire[1]["body"])
    body["fields"]["duration_played_us"] = 999_000_000  # more airtime than played
    wire[1] = {
        **wire[1],
        "body": json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
    }
    unit = session.get(Unit, "u1")
    res = sync.push_asrun(session, unit, wire, ARRIVED)
    session.commit()
    assert (res.accepted, res.rejected, res.bad_seq, res.last_seq) == (1, 1, 2, 1)
    assert "forged" in res.flags and "hash" in res.reason
    flags = session.exec(select(SyncFlag)).all()
    assert [f.kind for f in flags] == ["forged"] and "seq 2" in flags[0].detail
    assert _count(session, AsRunRecord) == 1


def test_bad_signature_rejected_and_flagged(session, fleet, tmp_path):
    _enrolled(session)
    thief = Ed25519PrivateKey.generate()
    wire = _wire(_log(tmp_path, thief, n=2).entries())  # signed with the wrong key
    res = sync.push_asrun(session, session.get(Unit, "u1"), wire, ARRIVED)
    assert res.rejected == 1 and res.accepted == 0 and res.flags == ["bad_signature"]
    assert _count(session, AsRunRecord) == 0


def test_other_units_entry_rejected(session, fleet, tmp_path):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, unit_id="u2", n=1).entries())
    res = sync.push_asrun(session, session.get(Unit, "u1"), wire, ARRIVED)
    assert res.rejected == 1 and res.flags == ["forged"]


def test_reordered_batch_rejected_and_flagged(session, fleet, tmp_path, db_backend):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, n=3).entries())
    unit = session.get(Unit, "u1")
    res = sync.push_asrun(session, unit, [wire[0], wire[2], wire[1]], ARRIVED)
    session.commit()
    assert res.rejected == 3 and res.accepted == 0 and res.flags == ["reordered"]
    assert _count(session, AsRunRecord) == 0
    assert [f.kind for f in session.exec(select(SyncFlag)).all()] == ["reordered"]
    # in order, the same entries are fine
    assert sync.push_asrun(session, unit, wire, ARRIVED).accepted == 3


def test_late_entry_after_a_gap_is_reordered(session, fleet, tmp_path):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, n=3).entries())
    unit = session.get(Unit, "u1")
    sync.push_asrun(session, unit, [wire[0], wire[2]], ARRIVED)  # gap: 2 missing
    res = sync.push_asrun(session, unit, [wire[1]], ARRIVED)
    assert res.rejected == 1 and res.flags == ["reordered"]


def test_gap_stored_and_flagged(session, fleet, tmp_path, db_backend):
    key = _enrolled(session)
    wire = _wire(_log(tmp_path, key, n=5).entries())
    unit = session.get(Unit, "u1")
    sync.push_asrun(session, unit, wire[:2], ARRIVED)
    res = sync.push_asrun(session, unit, wire[3:], ARRIVED)  # seq 3 never arrives
    session.commit()
    assert (res.accepted, res.rejected, res.last_seq, res.flags) == (2, 0, 5, ["gap"])
    flags = session.exec(select(SyncFlag)).all()
    assert [f.kind for f in flags] == ["gap"] and "3..3" in flags[0].detail
    assert [r.seq for r in session.exec(select(AsRunRecord).order_by(AsRunRecord.seq)).all()] == [
        1,
        2,
        4,
        5,
    ]


def test_fork_at_next_seq_is_forged(session, fleet, tmp_path):
    key = _enrolled(session)
    a = _wire(_log(tmp_path, key, n=2, name="a.sqlite3").entries())
    unit = session.get(Unit, "u1")
    sync.push_asrun(session, unit, a[:1], ARRIVED)
    other = AsRunLog(tmp_path / "b.sqlite3", unit_key=key, unit_id="u1", clock=FakeClock())
    other.append("skipped", item="v1", reason="khác")  # a second log, same key, another seq 1
    other.append("finished", item="v2")
    b = _wire(other.entries())
    res = sync.push_asrun(session, unit, b[1:], ARRIVED)  # seq 2 but links to another seq 1
    assert res.rejected == 1 and res.flags == ["forged"] and "prev_hash" in res.reason


def test_malformed_entries(session, fleet):
    _enrolled(session)
    unit = session.get(Unit, "u1")
    res = sync.push_asrun(session, unit, [{"seq": "1"}], ARRIVED)
    assert res.rejected == 1 and res.flags == ["forged"]
    with pytest.raises(ValidationError):
        sync.push_asrun(session, unit, "nope", ARRIVED)
    with pytest.raises(ValidationError):
        sync.push_asrun(session, unit, [{}] * (sync.MAX_BATCH + 1), ARRIVED)


def test_heartbeat_updates_unit(session, fleet):
    unit = session.get(Unit, "u1")
    out = sync.heartbeat(
        session,
        unit,
        {
            "clock_trusted": False,
            "bundle_sequence": 7,
            "software_version": "0.1.0",
            "free_disk_bytes": 10,
        },
        T0,
    )
    session.commit()
    unit = session.get(Unit, "u1")
    assert unit.bundle_sequence == 7 and unit.software_version == "0.1.0"
    assert unit.last_heartbeat["clock_trusted"] is False
    assert unit.last_seen_at.replace(tzinfo=UTC) == T0 and out["asrun_last_seq"] == 0
    with pytest.raises(ValidationError):
        sync.heartbeat(session, unit, {"x": "y" * 10_000}, T0)


def test_periodic_is_due_once_per_interval_of_the_clock_passed_in():
    every = sync.Periodic(30)
    assert every.due(T0)
    assert not every.due(T0 + timedelta(seconds=29))
    assert every.due(T0 + timedelta(seconds=30))
    assert not every.due(T0 + timedelta(seconds=31))
    assert every.due(T0 - timedelta(hours=1))  # the clock went back: due again, not stuck
    assert not every.due(T0 - timedelta(hours=1) + timedelta(seconds=1))

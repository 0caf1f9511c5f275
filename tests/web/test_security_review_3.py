"""The gaps the second review found and left (docs/security.md 21, closed in 22), each with a
regression test: what a role taken away still showed, what a unit's clock may claim, what a
unit's request signature covers, and what a relay channel's code confirmed."""

from __future__ import annotations

import re
from datetime import UTC, timedelta

import pytest
from sqlmodel import delete, select

from content_library import services
from content_library.demo import DEMO_UNIT_ID
from content_library.emergency_models import EmergencyConfirmation
from content_library.models import Area, AsRunRecord, ScriptVersion, SyncFlag, Unit, User
from content_library.types import Role

from .test_security_review_2 import _entry, _post, _signed

UNIT = DEMO_UNIT_ID
BASE = f"/api/v1/units/{UNIT}"


def _areas(db) -> dict[str, int]:
    return {a.name: a.id for a in db.exec(select(Area)).all()}


def _set_roles(db, clock, username: str, roles: list[tuple[Role, str]]) -> None:
    """What an administrator does on /admin/users: the user's roles become ``roles``."""
    areas = _areas(db)
    user = db.exec(select(User).where(User.username == username)).one()
    services.set_roles(
        db,
        actor=None,
        user_id=user.id,
        roles=[(r.value, areas[a]) for r, a in roles],
        now=clock.now,
    )
    db.commit()


# --- 1. an emergency's writer who lost the role -------------------------------------------


def _issued(panel, issuers, clock) -> str:
    from .test_emergency import _issue, _template

    tid = _template(panel, issuers)
    r = _issue(panel("chutich"), tid, issuers, clock)
    assert r.status_code == 303, r.text[:500]
    return r.headers["location"].rsplit("/", 1)[1]


@pytest.mark.parametrize("moved_to", [[(Role.ISSUER, "Thạnh Lộc")], [(Role.AUTHOR, "Ngọc Chúc")]])
def test_an_emergencys_writer_without_the_role_any_more_cannot_view_it(
    issuers, panel, client, api, db, clock, moved_to
) -> None:
    eid = _issued(panel, issuers, clock)
    writer = panel("chutich")
    token = api("chutich")
    for path in ("", "/status", "/audio"):
        assert writer.get(f"/emergencies/{eid}{path}").status_code == 200, path
    assert client.get(f"/api/v1/emergencies/{eid}", headers=token).status_code == 200
    # Moved to another commune, or kept in the commune with another role only.
    _set_roles(db, clock, "chutich", moved_to)
    missing = "00000000-0000-4000-8000-000000000000"
    for path in ("", "/status", "/audio"):
        r = writer.get(f"/emergencies/{eid}{path}")
        gone = writer.get(f"/emergencies/{missing}{path}")
        assert r.status_code == gone.status_code and r.status_code in (403, 404), (path, r)
    r = client.get(f"/api/v1/emergencies/{eid}", headers=token)
    gone = client.get(f"/api/v1/emergencies/{missing}", headers=token)
    assert r.status_code == gone.status_code and r.status_code in (403, 404), r.text
    if r.status_code == 404:
        assert r.json() == gone.json()  # reads exactly like an id that does not exist
    if moved_to[0][0] == Role.ISSUER:  # an issuer elsewhere: the list does not name it either
        assert eid not in writer.get("/emergencies").text
    # The commune's other issuer still sees it.
    assert panel("truongcongan").get(f"/emergencies/{eid}").status_code == 200


# --- 4. a report export after the role was taken away -------------------------------------


def _export(p) -> str:
    r = p.post(
        "/reports/export",
        {"area_id": "", "period": "month", "start": "", "fmt": "csv"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200, r.text[:500]
    return re.search(r'id="export-job-([\w-]+)"', r.text).group(1)


@pytest.mark.parametrize(
    "moved_to", [[(Role.OPERATOR, "Thạnh Lộc")], [(Role.AUTHOR, "Ngọc Chúc")], []]
)
def test_a_report_export_needs_the_role_still_to_be_downloaded(panel, db, clock, moved_to) -> None:
    p = panel("daixa")  # the operator of Ngọc Chúc
    job = _export(p)
    assert p.get(f"/reports/jobs/{job}/download").status_code == 200
    _set_roles(db, clock, "daixa", moved_to)
    for path in (f"/reports/jobs/{job}", f"/reports/jobs/{job}/download"):
        r = p.get(path)
        gone = p.get(path.replace(job, "khong-co-tep-nay"))
        assert r.status_code == gone.status_code and r.status_code in (403, 404), (path, r)
        assert "Ngọc Chúc" not in r.text


# --- 3. what a unit's request signature covers -----------------------------------------------


def test_a_request_whose_query_was_changed_after_signing_is_refused(http, key, clock) -> None:
    path = f"{BASE}/emergencies"
    signed = _signed(key, clock, "GET", f"{path}?since=1")
    for tampered in (f"{path}?since=2", f"{path}?since=1&x=1", path):
        r = http.get(tampered, headers=signed)
        assert r.status_code == 401, (tampered, r.status_code)
        assert r.json()["reason_vi"] == "Chữ ký yêu cầu không hợp lệ."
    plain = _signed(key, clock, "GET", path)
    assert http.get(f"{path}?since=1", headers=plain).status_code == 401  # a query added
    # Not spent by the refusals: the requests as signed go through, once.
    assert http.get(f"{path}?since=1", headers=signed).status_code == 200
    assert http.get(path, headers=plain).status_code == 200
    assert http.get(f"{path}?since=1", headers=signed).status_code == 401


@pytest.mark.parametrize(
    "tampered",
    [
        {"If-None-Match": '"' + "1" * 64 + '"'},
        {"If-None-Match": '"' + "0" * 64 + '"', "Range": "bytes=100-"},
        {},
        {"If-None-Match": '"' + "0" * 64 + '"', "If-Range": '"' + "0" * 64 + '"'},
    ],
    ids=["changed", "range-added", "dropped", "if-range-added"],
)
def test_the_headers_that_shape_a_bundle_answer_are_signed(http, key, clock, tampered) -> None:
    path = f"{BASE}/bundle"
    sent = {"If-None-Match": '"' + "0" * 64 + '"'}
    signed = _signed(key, clock, "GET", path, headers=sent)
    r = http.get(path, headers={**signed, **tampered})
    assert r.status_code == 401, r.status_code
    assert http.get(path, headers={**signed, **sent}).status_code == 204  # nothing published


def test_an_older_units_signature_is_taken_only_without_a_query(http, key, clock) -> None:
    """Units older than loa-sync-v2 signed no query and no headers: such a signature still
    works where it covers all a route reads (no query), never with a query."""
    from protocol.request_signing import SYNC_DOMAIN_V1, body_digest

    def v1(method: str, path: str, nonce: str) -> dict[str, str]:
        ts = str(int(clock.now.timestamp()))
        message = (
            SYNC_DOMAIN_V1 + "\n".join((method, path, UNIT, ts, nonce, body_digest(b""))).encode()
        )
        return {
            "X-Loa-Unit": UNIT,
            "X-Loa-Timestamp": ts,
            "X-Loa-Nonce": nonce,
            "X-Loa-Signature": key.sign(message).hex(),
        }

    path = f"{BASE}/emergencies"
    assert http.get(f"{path}?a=1", headers=v1("GET", path, "n" * 32)).status_code == 401
    assert http.get(path, headers=v1("GET", path, "m" * 32)).status_code == 200


# --- 2. the time a unit gives for what it played --------------------------------------------


def _flags(db, kind: str) -> list[SyncFlag]:
    db.expire_all()
    return list(db.exec(select(SyncFlag).where(SyncFlag.kind == kind)).all())


def _confirmations(db, eid: str) -> list[EmergencyConfirmation]:
    db.expire_all()
    rows = db.exec(select(EmergencyConfirmation).where(EmergencyConfirmation.emergency_id == eid))
    return list(rows.all())


@pytest.mark.parametrize(
    "claimed",
    ["a-day-ahead", "past-the-clock-window", "before-it-was-issued"],
)
def test_a_played_confirmation_with_an_impossible_time_is_kept_at_its_arrival_and_flagged(
    issuers, panel, http, key, db, clock, claimed
) -> None:
    issued = clock.now
    eid = _issued(panel, issuers, clock)
    clock.advance(minutes=2)
    at = {
        "a-day-ahead": clock.now + timedelta(days=1),
        "past-the-clock-window": clock.now + timedelta(minutes=6),
        "before-it-was-issued": issued - timedelta(hours=1),
    }[claimed]
    played = {"state": "finished", "repeat": 0, "at": at.isoformat()}
    r = _post(http, key, clock, f"{BASE}/emergencies/{eid}/played", played)
    assert r.status_code == 204, r.text
    (row,) = _confirmations(db, eid)  # the unit did say it played: that is kept
    assert row.at.replace(tzinfo=None) == clock.now.astimezone(UTC).replace(tzinfo=None)
    (flag,) = _flags(db, "bad_time")
    assert flag.unit_id == UNIT and eid in flag.detail
    assert at.astimezone(UTC).isoformat() in flag.detail


def test_an_offline_units_late_confirmation_keeps_its_time(
    issuers, panel, http, key, db, clock
) -> None:
    eid = _issued(panel, issuers, clock)
    played_at = clock.now + timedelta(minutes=1)
    clock.advance(days=3)  # the unit was offline; it sends what it played three days ago
    played = {"state": "finished", "repeat": 0, "at": played_at.isoformat()}
    r = _post(http, key, clock, f"{BASE}/emergencies/{eid}/played", played)
    assert r.status_code == 204, r.text
    (row,) = _confirmations(db, eid)
    assert row.at.replace(tzinfo=None) == played_at.astimezone(UTC).replace(tzinfo=None)
    assert _flags(db, "bad_time") == []


def _us(dt) -> int:
    return int(dt.timestamp() * 1_000_000)


def test_an_asrun_entry_with_an_impossible_time_is_kept_flagged_and_counted_when_received(
    panel, http, key, db, clock
) -> None:
    from .test_schedules import approved_version

    vid = approved_version(panel, db, title="Tiêm phòng", text="Kính thưa bà con.", approve=False)
    version = db.get(ScriptVersion, vid)
    clock.advance(days=10)
    cases = {
        "future": {"item": f"v{version.id}", "actual_start_us": _us(clock.now + timedelta(days=2))},
        "before-the-version": {
            "item": f"v{version.id}",
            "actual_start_us": _us(version.created_at.replace(tzinfo=UTC) - timedelta(days=1)),
        },
    }
    for name, fields in cases.items():
        db.exec(delete(AsRunRecord))
        db.exec(delete(SyncFlag))
        unit = db.get(Unit, UNIT)
        unit.asrun_last_seq, unit.asrun_last_hash = 0, None
        db.commit()
        r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, 1, fields)]})
        assert r.status_code == 200 and r.json()["accepted"] == 1, (name, r.text)
        assert "bad_time" in r.json()["flags"], name
        db.expire_all()
        (row,) = db.exec(select(AsRunRecord)).all()
        assert row.actual_start.replace(tzinfo=None) == clock.now.astimezone(UTC).replace(
            tzinfo=None
        ), name
        assert str(fields["actual_start_us"]) in row.body  # the unit's own words, signed, kept
    # A unit offline for days sends what it played then: believed as given.
    db.exec(delete(AsRunRecord))
    db.exec(delete(SyncFlag))
    unit = db.get(Unit, UNIT)
    unit.asrun_last_seq, unit.asrun_last_hash = 0, None
    db.commit()
    old = clock.now - timedelta(days=3)
    fields = {"item": f"v{version.id}", "actual_start_us": _us(old)}
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, 1, fields)]})
    assert r.status_code == 200 and "bad_time" not in r.json()["flags"], r.text
    db.expire_all()
    (row,) = db.exec(select(AsRunRecord)).all()
    assert row.actual_start.replace(tzinfo=None) == old.astimezone(UTC).replace(tzinfo=None)


# --- 5. a relay channel's code, registered in another commune -------------------------------

NC_URL = "http://127.0.0.1:8011/ngoc-chuc"
TL_URL = "http://127.0.0.1:8012/thanh-loc"


def _channel(p, area_id: int, *, code: str = "dai-xa", name: str, url: str):
    form = {
        "code": code,
        "name": name,
        "url": url,
        "format": "mp3",
        "area_id": str(area_id),
        "fallback_version_id": "",
    }
    return p.post("/relay/new", form)


def test_a_relay_code_of_another_commune_is_neither_refused_nor_confirmed(
    app, panel, db, tl_people, clock
) -> None:
    from content_library import relay
    from content_library.relay_models import RelayChannel

    nc = _channel(panel("quantri"), tl_people["Ngọc Chúc"], name="Đài xã Ngọc Chúc", url=NC_URL)
    assert nc.status_code == 303, nc.text[:500]
    admin_tl = panel("quantri_tl")
    tl = _channel(admin_tl, tl_people["Thạnh Lộc"], name="Đài xã Thạnh Lộc", url=TL_URL)
    assert tl.status_code == 303, tl.text[:500]  # the same code: taken, nothing said of the other
    tl_id = int(tl.headers["location"].rsplit("/", 1)[1])
    listed = admin_tl.get("/relay").text
    assert "Đài xã Thạnh Lộc" in listed and "Đài xã Ngọc Chúc" not in listed
    # Inside one branch of the tree a code is still one channel: the commune's own twice, or
    # the province's over a commune's, is refused (both are channels the admin sees).
    again = _channel(admin_tl, tl_people["Thạnh Lộc"], name="Khác", url=TL_URL + "2")
    assert again.status_code == 422 and "Đã có kênh mang mã dai-xa" in again.text
    above = _channel(panel("quantri"), tl_people["An Giang"], name="Đài tỉnh", url=NC_URL + "3")
    assert above.status_code == 422 and "Đã có kênh mang mã dai-xa" in above.text
    # What Thạnh Lộc relays under that code is its own channel, never Ngọc Chúc's.
    assert panel("congan_tl").post(f"/relay/{tl_id}/approve", {"url": TL_URL}).status_code == 303
    db.expire_all()
    _, relays, _ = relay.bundle_relays(
        db,
        app.state.asset_store,
        body={"rules": [{"kind": "relay", "relay": "dai-xa"}]},
        area_id=tl_people["Thạnh Lộc"],
        packed=[],
        now=clock.now,
    )
    assert [(r.id, r.name, r.url) for r in relays] == [("dai-xa", "Đài xã Thạnh Lộc", TL_URL)]
    assert len(db.exec(select(RelayChannel).where(RelayChannel.code == "dai-xa")).all()) == 2

"""A second independent security review, attack by attack through the real app: a compromised
unit sending what its own key signs but the database cannot hold, another commune's admin or
reviewer reaching relay channels, and signed sync requests moved to another route or sent with
a skewed clock. Each test is the regression of a hole it found, or pins a refusal that held."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from content_library import sync as core
from content_library.demo import DEMO_UNIT_ID
from content_library.errors import ValidationError
from content_library.models import Area, AsRunRecord, Unit, User
from content_library.relay_models import RelayChannel
from content_library.types import Role
from protocol.asrun_chain import DOMAIN, GENESIS_HASH
from protocol.canonical import canonical_text
from protocol.keys import public_key_line

from .conftest import add_people

UNIT = DEMO_UNIT_ID
BASE = f"/api/v1/units/{UNIT}"


def _signed(key, clock, method, path, body=b"", *, ts=None, **kw):
    """The unit's signed headers at the panel's clock (``ts``: another time); ``kw``: headers."""
    stamp = int(clock.now.timestamp()) if ts is None else ts
    return core.sign_request(key, method, path, UNIT, body, timestamp=stamp, **kw)


def _post(http, key, clock, path, payload):
    body = json.dumps(payload).encode()
    headers = {**_signed(key, clock, "POST", path, body), "Content-Type": "application/json"}
    return http.post(path, content=body, headers=headers)


def _entry(key, seq: int, fields: dict, prev: str = GENESIS_HASH) -> dict:
    """One as-run entry signed with the unit's own key, as playout.asrun writes it (logged when
    it started, if ``fields`` says when)."""
    body = canonical_text(
        {
            "v": 1,
            "seq": seq,
            "kind": "finished",
            "unit_id": UNIT,
            "logged_us": fields.get("actual_start_us", 1_700_000_000_000_000),
            "prev_hash": prev,
            "fields": fields,
        }
    )
    digest = hashlib.sha256(body.encode()).hexdigest()
    return {
        "seq": seq,
        "kind": "finished",
        "body": body,
        "prev_hash": prev,
        "hash": digest,
        "signature": key.sign(DOMAIN + bytes.fromhex(digest)).hex(),
    }


# --- a compromised unit: numbers its key signs but no database column holds ---------------
# Ids and counters are SQL INTEGER: 32-bit on PostgreSQL, where a larger value was a 500.
INT32 = 2**31


@pytest.mark.parametrize("seq", [INT32, 2**62], ids=["2**31", "2**62"])
def test_an_asrun_seq_beyond_a_database_integer_is_refused(http, key, clock, db, seq) -> None:
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, seq, {"item": "v1"})]})
    assert r.status_code == 409, (r.status_code, r.text[:300])
    answer = r.json()
    assert answer["rejected"] == 1 and "định dạng" in answer["reason_vi"], answer
    db.expire_all()
    assert db.exec(select(AsRunRecord).where(AsRunRecord.unit_id == UNIT)).all() == []
    assert db.get(Unit, UNIT).asrun_last_seq == 0
    # The unit's chain is untouched: a good first entry is still taken.
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, 1, {"item": "v1"})]})
    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text


def test_a_bundle_sequence_beyond_a_database_integer_is_not_stored(http, key, clock, db) -> None:
    entry = _entry(key, 1, {"item": "v1", "bundle_seq": INT32})
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [entry]})
    assert r.status_code == 200, r.text
    r = _post(http, key, clock, f"{BASE}/heartbeat", {"bundle_sequence": INT32})
    assert r.status_code == 200, r.text
    db.expire_all()
    assert db.exec(select(AsRunRecord.bundle_sequence)).one() is None
    assert db.get(Unit, UNIT).bundle_sequence is None


# --- relay channels: another commune's admin and reviewer ---------------------------------

RELAY_URL = "http://127.0.0.1:8011/ngoc-chuc"


def _channel_form(area_id: int, **over) -> dict:
    form = {
        "code": "dai-ngoc-chuc",
        "name": "Đài xã Ngọc Chúc",
        "url": RELAY_URL,
        "format": "mp3",
        "area_id": str(area_id),
        "fallback_version_id": "",
    }
    form.update(over)
    return form


def _ngoc_chuc_channel(panel, areas) -> int:
    r = panel("quantri").post("/relay/new", _channel_form(areas["Ngọc Chúc"]))
    assert r.status_code == 303, r.text[:500]
    return int(r.headers["location"].rsplit("/", 1)[1])


def test_another_communes_relay_channel_reads_as_not_found(panel, db, tl_people) -> None:
    cid = _ngoc_chuc_channel(panel, tl_people)
    missing = 999_999
    for username in ("quantri_tl", "congan_tl", "daixa_tl"):
        other = panel(username)
        assert RELAY_URL not in other.get("/relay").text, username
        for path in ("", "/edit"):  # the edit form is for admins: 403 for others, any id
            r = other.get(f"/relay/{cid}{path}")
            gone = other.get(f"/relay/{missing}{path}")
            assert r.status_code == gone.status_code in (403, 404), (username, path, r.status_code)
            assert RELAY_URL not in r.text
        assert other.get(f"/relay/{cid}").status_code == 404
        for action, form in (
            ("edit", _channel_form(tl_people["Thạnh Lộc"], url="http://127.0.0.1:1/x")),
            ("approve", {"url": RELAY_URL}),
            ("end", {"reason": "thử"}),
        ):
            r = other.post(f"/relay/{cid}/{action}", form)
            gone = other.post(f"/relay/{missing}/{action}", form)
            assert r.status_code == gone.status_code in (403, 404), (username, action, r)
    db.expire_all()
    channel = db.get(RelayChannel, cid)
    assert (channel.url, channel.area_id, channel.state) == (
        RELAY_URL,
        tl_people["Ngọc Chúc"],
        "submitted",
    )
    # Its own commune's reviewer still sees and approves it.
    assert panel("congan").get(f"/relay/{cid}").status_code == 200
    assert panel("congan").post(f"/relay/{cid}/approve", {"url": RELAY_URL}).status_code == 303


def test_a_relay_fallback_cannot_carry_another_communes_script(
    app, panel, db, tl_people, clock
) -> None:
    from content_library import relay
    from content_library.relay_models import ChannelState

    from .test_schedules import approved_version

    vid = approved_version(
        panel, db, title="Thông báo riêng Ngọc Chúc", text="Mời bà con Ngọc Chúc họp tổ."
    )
    admin = panel("quantri_tl")
    assert "Thông báo riêng Ngọc Chúc" not in admin.get("/relay/new").text
    form = _channel_form(tl_people["Thạnh Lộc"], code="dai-thanh-loc", fallback_version_id=str(vid))
    r = admin.post("/relay/new", form)
    assert r.status_code == 422, r.status_code
    assert "địa bàn của kênh, địa bàn cấp trên hoặc cấp dưới" in r.text
    assert "Thông báo riêng Ngọc Chúc" not in r.text  # neither named nor confirmed
    unknown = admin.post("/relay/new", {**form, "fallback_version_id": "999999"})
    assert unknown.status_code == 422
    assert unknown.text.replace("999999", str(vid)) == r.text  # the same answer
    db.expire_all()
    assert db.exec(select(RelayChannel).where(RelayChannel.code == "dai-thanh-loc")).all() == []
    # A channel stored with such a fallback before this check: publishing for Thạnh Lộc
    # refuses to pack it, and a re-issue leaves it out.
    admin_id = db.exec(select(User.id).where(User.username == "quantri_tl")).one()
    db.add(
        RelayChannel(
            code="dai-thanh-loc",
            name="Đài xã Thạnh Lộc",
            url=RELAY_URL,
            format="mp3",
            area_id=tl_people["Thạnh Lộc"],
            fallback_version_id=vid,
            state=ChannelState.APPROVED,
            approved_url=RELAY_URL,
            approved_at=clock.now,
            approval_valid_until=clock.now + timedelta(days=30),
            created_by=admin_id,
            created_at=clock.now,
            updated_by=admin_id,
            updated_at=clock.now,
        )
    )
    db.commit()
    body = {"rules": [{"kind": "relay", "relay": "dai-thanh-loc"}]}
    store = app.state.asset_store
    with pytest.raises(ValidationError) as refused:
        relay.bundle_relays(
            db, store, body=body, area_id=tl_people["Thạnh Lộc"], packed=[], now=clock.now
        )
    assert "địa bàn khác" in refused.value.reason_vi
    assert "Thông báo riêng Ngọc Chúc" not in refused.value.reason_vi
    _, relays, extra = relay.bundle_relays(
        db,
        store,
        body=body,
        area_id=tl_people["Thạnh Lộc"],
        packed=[],
        now=clock.now,
        strict=False,
    )
    assert extra == [] and [r.fallback_item for r in relays] == [None]
    # In its own commune the same script is a fine fallback.
    ok = panel("quantri").post(
        "/relay/new",
        _channel_form(tl_people["Ngọc Chúc"], code="dai-nc", fallback_version_id=str(vid)),
    )
    assert ok.status_code == 303, ok.text[:500]


# --- emergency templates: another commune's reviewer --------------------------------------


def test_another_communes_emergency_template_reads_as_not_found(panel, db, tl_people) -> None:
    from content_library.emergency_models import EmergencyTemplate

    from .test_emergency import SLOTS, TEXT

    r = panel("doanvien").post(
        "/emergencies/templates/new",
        {
            "name": "Bão khẩn cấp Ngọc Chúc",
            "area_id": str(tl_people["Ngọc Chúc"]),
            "text": TEXT,
            "slots": SLOTS,
            "voice_region": "south",
        },
    )
    assert r.status_code == 303, r.text[:500]
    tid = int(r.headers["location"].rsplit("/", 1)[1])
    missing = 999_999
    other = panel("congan_tl")  # a reviewer of Thạnh Lộc
    assert other.get(f"/emergencies/templates/{tid}").status_code == 404
    for action, form in (
        ("approve", {"engine": "espeak", "voice": ""}),  # even with a stale voice
        ("end", {"reason": "thử"}),
    ):
        r = other.post(f"/emergencies/templates/{tid}/{action}", form)
        gone = other.post(f"/emergencies/templates/{missing}/{action}", form)
        assert r.status_code == gone.status_code == 404, (action, r.status_code, gone.status_code)
    db.expire_all()
    assert db.get(EmergencyTemplate, tid).state == "submitted"


# --- a network attacker: a signed unit request moved elsewhere, or sent with a skewed clock --


def test_a_signed_request_cannot_be_moved_to_another_route_method_or_unit(
    http, key, clock, db
) -> None:
    body = json.dumps({"bundle_sequence": 3}).encode()
    h = {
        **_signed(key, clock, "POST", f"{BASE}/heartbeat", body),
        "Content-Type": "application/json",
    }
    for method, path in (
        ("POST", f"{BASE}/asrun"),
        ("POST", f"{BASE}/emergencies/00000000-0000-0000-0000-000000000000/played"),
        ("POST", f"{BASE}/heartbeat/"),
        ("GET", f"{BASE}/bundle"),
        ("GET", f"{BASE}/emergencies"),
        ("POST", "/api/v1/units/ngoc-chuc-02/heartbeat"),
    ):
        r = http.request(
            method,
            path,
            content=body if method == "POST" else None,
            headers=h,
            follow_redirects=False,
        )
        assert r.status_code in (401, 404, 405, 307), (method, path, r.status_code)
        assert r.status_code != 200
    db.expire_all()
    assert db.get(Unit, UNIT).bundle_sequence is None  # nothing above was acted on
    # A rejected move does not spend the nonce: the original request still goes through once.
    assert http.post(f"{BASE}/heartbeat", content=body, headers=h).status_code == 200
    assert http.post(f"{BASE}/heartbeat", content=body, headers=h).status_code == 401


@pytest.mark.parametrize(("skew_s", "status"), [(-301, 401), (-299, 200), (299, 200), (301, 401)])
def test_the_clock_window_is_five_minutes_either_way(http, key, clock, skew_s, status) -> None:
    path = f"{BASE}/heartbeat"
    ts = int(clock.now.timestamp()) + skew_s
    body = b"{}"
    h = {**_signed(key, clock, "POST", path, body, ts=ts), "Content-Type": "application/json"}
    r = http.post(path, content=body, headers=h)
    assert r.status_code == status, r.text
    if status == 401:
        assert "5 phút" in r.json()["reason_vi"]


# --- emergencies: another commune's issuer -------------------------------------------------


def test_another_communes_emergency_reads_as_not_found_to_its_issuer(
    issuers, panel, api, db, clock
) -> None:
    world = issuers
    from content_library.emergency_models import Emergency

    from .test_emergency import _issue, _template

    tid = _template(panel, world)
    r = _issue(panel("chutich"), tid, world, clock)
    assert r.status_code == 303, r.text[:500]
    eid = r.headers["location"].rsplit("/", 1)[1]
    missing = "00000000-0000-4000-8000-000000000000"
    other = panel("chutich_tl")  # the emergency issuer of Thạnh Lộc
    for path in ("", "/status", "/audio"):
        assert other.get(f"/emergencies/{eid}{path}").status_code == 404, path
    for action in ("stop", "approve", "reject"):
        r = other.post(f"/emergencies/{eid}/{action}", {"audio_sha256": "0" * 64})
        gone = other.post(f"/emergencies/{missing}/{action}", {"audio_sha256": "0" * 64})
        assert r.status_code == gone.status_code == 404, (action, r.status_code, gone.status_code)
    token = api("chutich_tl")
    for eid_ in (eid, missing):
        r = other.client.post(f"/api/v1/emergencies/{eid_}/stop", headers=token)
        assert r.status_code == 404, r.text
        assert other.client.get(f"/api/v1/emergencies/{eid_}", headers=token).status_code == 404
    db.expire_all()
    assert db.get(Emergency, eid).state == "active"


# --- a compromised unit: bodies its key signs that the parser cannot take -----------------


@pytest.mark.parametrize("route", ["heartbeat", "asrun"])
def test_a_deeply_nested_body_is_refused_not_a_server_error(http, key, clock, route) -> None:
    path = f"{BASE}/{route}"
    body = b"[" * 5000 + b"]" * 5000  # under the heartbeat's 16 KiB
    h = {**_signed(key, clock, "POST", path, body), "Content-Type": "application/json"}
    r = http.post(path, content=body, headers=h)
    assert r.status_code == 422, (r.status_code, r.text[:200])
    assert r.json()["reason_vi"] == "Nội dung không phải JSON."


# --- a compromised unit: its key used for another unit -------------------------------------


def test_a_units_key_cannot_write_or_read_for_another_unit(http, key, clock, db) -> None:
    tl = db.exec(select(Area).where(Area.name == "Thạnh Lộc")).one()
    db.add(Unit(id="thanh-loc-01", name="Cụm loa Thạnh Lộc", area_id=tl.id, created_at=clock.now))
    db.commit()
    other_key = Ed25519PrivateKey.generate()
    code = core.issue_enrol_code(db, "thanh-loc-01", clock.now)
    db.commit()
    enrol = {
        "unit_id": "thanh-loc-01",
        "code": code,
        "public_key": public_key_line(other_key.public_key()),
    }
    assert http.post("/api/v1/units/enrol", json=enrol).status_code == 200
    # 1. Rows naming the other unit, signed with this unit's key, on this unit's route.
    entry = _entry(key, 1, {"item": "v1"})
    foreign = json.loads(entry["body"])
    foreign["unit_id"] = "thanh-loc-01"
    body = canonical_text(foreign)
    digest = hashlib.sha256(body.encode()).hexdigest()
    entry |= {
        "body": body,
        "hash": digest,
        "signature": key.sign(DOMAIN + bytes.fromhex(digest)).hex(),
    }
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [entry]})
    assert r.status_code == 409 and r.json()["rejected"] == 1, r.text
    # 2. The other unit's routes, signed with this key, claiming either unit.
    for route in ("asrun", "heartbeat", "bundle", "emergencies"):
        path = f"/api/v1/units/thanh-loc-01/{route}"
        method = "GET" if route in ("bundle", "emergencies") else "POST"
        payload = json.dumps({"entries": [entry]} if route == "asrun" else {}).encode()
        data = payload if method == "POST" else b""
        for claimed in (UNIT, "thanh-loc-01"):
            h = core.sign_request(
                key, method, path, claimed, data, timestamp=int(clock.now.timestamp())
            )
            r = http.request(method, path, content=data or None, headers=h)
            assert r.status_code == 401, (route, claimed, r.status_code)
    db.expire_all()
    assert db.exec(select(AsRunRecord)).all() == []
    assert db.get(Unit, "thanh-loc-01").last_seen_at is None


def test_enrolment_codes_cannot_be_guessed_or_confirmed(http, db, clock) -> None:
    code = core.issue_enrol_code(db, UNIT, clock.now)
    db.commit()
    raw = code.replace("-", "")
    assert len(raw) == 12 and set(raw) <= set(core.CODE_ALPHABET)  # 32**12 = 2**60 codes
    k = public_key_line(Ed25519PrivateKey.generate().public_key())
    wrong = http.post(
        "/api/v1/units/enrol", json={"unit_id": UNIT, "code": "AAAA-AAAA-AAAA", "public_key": k}
    )
    ghost = http.post(
        "/api/v1/units/enrol", json={"unit_id": "ghost-01", "code": code, "public_key": k}
    )
    assert wrong.status_code == ghost.status_code == 403
    assert wrong.json() == ghost.json()  # an unknown unit reads like a wrong code
    # A wrong guess spends nothing: the right code still enrols, once.
    right = {"unit_id": UNIT, "code": code.lower(), "public_key": k}
    assert http.post("/api/v1/units/enrol", json=right).status_code == 200
    assert http.post("/api/v1/units/enrol", json=right).status_code == 403


# --- a compromised unit: another commune's emergency ---------------------------------------


def test_a_unit_cannot_read_or_confirm_another_communes_emergency(
    issuers, panel, http, key, db, clock
) -> None:
    from content_library.emergency_models import Emergency

    from .test_emergency import _issue, _template

    add_people(db, {"doanvien_tl": [(Role.AUTHOR, issuers["Thạnh Lộc"].id)]}, now=clock.now)
    db.commit()
    tid = _template(panel, issuers, author="doanvien_tl", approver="congan_tl", area="Thạnh Lộc")
    r = _issue(
        panel("chutich_tl"),
        tid,
        issuers,
        clock,
        area_ids=("Thạnh Lộc",),
        slot_noi=str(issuers["Thạnh Lộc"].id),
    )
    assert r.status_code == 303, r.text[:500]
    eid = r.headers["location"].rsplit("/", 1)[1]
    db.expire_all()
    bundle_id = db.get(Emergency, eid).bundle_id
    assert bundle_id
    # ngoc-chuc-01 (Ngọc Chúc) neither lists, fetches nor confirms it.
    path = f"{BASE}/emergencies"
    r = http.get(path, headers=_signed(key, clock, "GET", path))
    assert r.status_code == 200 and r.json()["emergencies"] == []
    path = f"{BASE}/emergencies/{bundle_id}"
    assert http.get(path, headers=_signed(key, clock, "GET", path)).status_code == 404
    played = {"state": "finished", "repeat": 0, "at": clock.now.isoformat()}
    r = _post(http, key, clock, f"{BASE}/emergencies/{eid}/played", played)
    assert r.status_code == 404, r.text
    from content_library.emergency_models import EmergencyConfirmation

    assert db.exec(select(EmergencyConfirmation)).all() == []


# --- schedules: another commune's script id typed into the form ----------------------------


def test_another_communes_script_is_not_named_when_typed_into_a_schedule(
    panel, db, tl_people, clock
) -> None:
    from .test_schedules import approved_version, week_form

    vid = approved_version(panel, db, title="Kế hoạch riêng Ngọc Chúc", text="Họp tổ dân phố.")
    db.add(
        Unit(
            id="thanh-loc-01",
            name="Cụm loa Thạnh Lộc",
            area_id=tl_people["Thạnh Lộc"],
            kind="fixed",
            created_at=clock.now,
        )
    )
    db.commit()
    form = week_form([vid], name="Lịch Thạnh Lộc", target="unit:thanh-loc-01", times="17:00")
    r = panel("daixa_tl").post("/schedules/new", form)
    assert r.status_code in (403, 404, 422), r.status_code
    assert "Kế hoạch riêng Ngọc Chúc" not in r.text


def test_the_review_queue_of_another_commune_is_empty(panel, client, api, db, tl_people) -> None:
    from .test_schedules import approved_version

    approved_version(panel, db, title="Chờ duyệt Ngọc Chúc", text="Mời họp.", approve=False)
    mine = client.get("/api/v1/review-queue", headers=api("congan")).json()
    assert [r["title"] for r in mine] == ["Chờ duyệt Ngọc Chúc"]
    nc = tl_people["Ngọc Chúc"]
    for query in ("", f"?area_id={nc}"):
        r = client.get(f"/api/v1/review-queue{query}", headers=api("congan_tl"))
        assert r.status_code in (200, 403, 404) and "Chờ duyệt Ngọc Chúc" not in r.text, query


def test_another_communes_template_cannot_be_probed_by_issuing_from_it(
    issuers, panel, client, api, db, clock
) -> None:
    from .test_emergency import _issue_api, _template

    tid = _template(panel, issuers)  # Ngọc Chúc's, approved
    token = api("chutich_tl")["Authorization"].removeprefix("Bearer ")
    over = {"area_ids": [issuers["Thạnh Lộc"].id]}
    r = _issue_api(client, token, tid, issuers, clock, **over)
    gone = _issue_api(client, token, 999_999, issuers, clock, **over)
    assert r.status_code == gone.status_code == 404, (r.status_code, r.text[:300])
    assert r.json() == gone.json()

"""Emergencies (issue 15) over HTTP: templates approved once, issued from a phone form or the
API, four-eyes free text, stop, the unit endpoints with real signed requests, live status.

Everything is real: the espeak-ng render, the Ed25519 signature, the bundle verified by
``protocol.bundle.verify_bundle`` as a unit would, the SQLite database."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import numpy as np
import pytest
import soundfile as sf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from content_library import sync as sync_core
from content_library.demo import DEMO_UNIT_ID
from content_library.emergency import bundle_path
from content_library.emergency_models import (
    Emergency,
    EmergencyBundle,
    EmergencyConfirmation,
    EmergencyTemplate,
)
from content_library.models import Area, AuditEvent, Unit
from content_library.signing import load_or_create_private_key
from content_library.types import Role
from protocol.bundle import read_manifest_unverified, verify_bundle
from protocol.keys import public_key_line
from protocol.manifest import Manifest

from .conftest import add_people, password_for

TEXT = "Bão số {bao} gió {gio}, mực nước {nuoc}. Từ {gio_den} ngày {ngay}, bà con ở {noi} {viec}."
SLOTS = """bao | storm | Số hiệu bão
gio | wind | Cấp gió
nuoc | water | Mực nước
gio_den | time | Giờ
ngay | date | Ngày
noi | place | Nơi
viec | choice | Việc cần làm | sơ tán; chằng chống nhà cửa; không ra khơi"""

# "chutich" (the commune's chairman, issuer over Ngọc Chúc) comes with the demo data.
ISSUERS = {
    "truongcongan": "Ngọc Chúc",  # the commune police chief: a second issuer there
    "chutich_tl": "Thạnh Lộc",  # another commune's issuer
}


class Recorder:
    """Stands in for content_library.push's publisher: records what would be announced."""

    def __init__(self) -> None:
        self.sent: list[tuple[dict, list[int], list[str]]] = []

    def announce(self, notice: dict, *, area_ids: list[int], unit_ids: list[str]) -> None:
        self.sent.append((notice, area_ids, unit_ids))

    def close(self) -> None:
        return None


@pytest.fixture
def world(app, db, clock):
    areas = {a.name: a for a in db.exec(select(Area)).all()}
    add_people(db, {u: [(Role.ISSUER, areas[a].id)] for u, a in ISSUERS.items()}, now=clock.now)
    db.add(Unit(id="thanh-loc-01", name="Cụm loa Thạnh Lộc", area_id=areas["Thạnh Lộc"].id))
    db.add(Unit(id="ngoc-binh-01", name="Cụm loa ấp Ngọc Bình", area_id=areas["Ấp Ngọc Bình"].id))
    db.commit()
    app.state.push_publisher = Recorder()
    return areas


def _template(panel, areas, *, author="doanvien", approver="congan", area="Ngọc Chúc") -> int:
    p = panel(author)
    r = p.post(
        "/emergencies/templates/new",
        {
            "name": "Bão khẩn cấp",
            "area_id": str(areas[area].id),
            "text": TEXT,
            "slots": SLOTS,
            "voice_region": "south",
        },
    )
    assert r.status_code == 303, r.text
    tid = int(r.headers["location"].rsplit("/", 1)[1])
    if approver:
        rev = panel(approver)
        page = rev.get(f"/emergencies/templates/{tid}").text
        engine = re.search(r'name="engine" value="([^"]*)"', page).group(1)
        voice = re.search(r'name="voice" value="([^"]*)"', page).group(1)
        r = rev.post(f"/emergencies/templates/{tid}/approve", {"engine": engine, "voice": voice})
        assert r.status_code == 303, r.text
    return tid


def _slots_form(areas, clock, **over) -> dict:
    values = {
        "slot_bao": "3",
        "slot_gio": "12",
        "slot_gio_gust": "14",
        "slot_nuoc": "2,5",
        "slot_gio_den": "14:30",
        "slot_ngay": (clock.now + timedelta(days=1)).date().isoformat(),
        "slot_noi": str(areas["Ấp Ngọc Bình"].id),
        "slot_viec": "sơ tán",
    }
    values.update(over)
    return values


def _issue(p, tid, areas, clock, *, area_ids=("Ngọc Chúc",), **over):
    data = {
        "template_id": str(tid),
        "repeats": "3",
        "gap_s": "60",
        "expires_in_min": "60",
        **_slots_form(areas, clock, **over),
    }
    data["area_ids"] = [str(areas[a].id) for a in area_ids]
    data["csrf_token"] = p.csrf()
    return p.client.post("/emergencies/new", data=data, follow_redirects=False)


def _trusted(settings):
    key = load_or_create_private_key(settings.signing_key_path)
    from content_library.signing import key_id

    return {key_id(key.public_key()): key.public_key()}


def test_template_approved_once_then_filled_and_issued_from_the_phone_form(
    world, panel, db, settings, clock, app
):
    areas = world
    tid = _template(panel, areas)
    p = panel("chutich")
    form = p.get(f"/emergencies/new?template_id={tid}")
    assert form.status_code == 200 and 'name="slot_viec"' in form.text
    r = _issue(p, tid, areas, clock)
    assert r.status_code == 303, r.text
    eid = r.headers["location"].rsplit("/", 1)[1]
    db.expire_all()
    em = db.get(Emergency, eid)
    assert em.state == "active" and em.kind == "template"
    # the slots, read by the normalizer: "cấp 12, giật cấp 14", "2,5 m", the place's name
    assert "Bão số 3 gió cấp 12, giật cấp 14, mực nước 2,5 m" in em.text
    assert "Ấp Ngọc Bình" in em.text and "sơ tán" in em.text
    # ONE bundle, signed by the panel key, verifying as a unit of the area would verify it
    rows = db.exec(select(EmergencyBundle)).all()
    assert len(rows) == 1 and rows[0].bundle_id == em.bundle_id
    path = bundle_path(settings.outbox_dir, em.bundle_id)
    vb = verify_bundle(
        path,
        trusted_keys=_trusted(settings),
        now=clock.now,
        unit_id=DEMO_UNIT_ID,
        unit_areas=[str(areas["An Giang"].id), str(areas["Ngọc Chúc"].id)],
    )
    m: Manifest = vb.manifest
    assert m.emergency is not None and m.emergency.id == eid and m.emergency.action == "play"
    assert (m.emergency.repeats, m.emergency.gap_s) == (3, 60)
    assert m.target.areas == (str(areas["Ngọc Chúc"].id),) and m.target.units == ()
    assert m.schedule == {} and len(m.items) == 1
    item = m.items[0]
    assert item.priority.value == "emergency"
    # the approved WAV travels as lossless FLAC: other bytes (its own sha256, which the signed
    # manifest names), exactly the same samples
    member = vb.audio_member(item.audio_sha256)
    assert member.name == f"audio/{item.audio_sha256}.flac"
    assert item.audio_sha256 != em.audio_sha256 and item.audio_size < member.size + 1
    flac = vb.read_audio(item.audio_sha256)
    wav = app.state.asset_store.path_for(em.audio_sha256).read_bytes()
    assert flac[:4] == b"fLaC" and len(flac) * 2 < len(wav)
    got, got_rate = sf.read(io.BytesIO(flac), dtype="int16")
    want, want_rate = sf.read(io.BytesIO(wav), dtype="int16")
    assert got_rate == want_rate == item.sample_rate and np.array_equal(got, want)
    assert item.approval.id == f"template-{tid}"
    assert m.expires_at == em.expires_at
    # the push notice went out after the commit, for the chosen areas
    sent = app.state.push_publisher.sent
    assert len(sent) == 1
    notice, area_ids, _ = sent[0]
    assert notice == {
        "kind": "emergency",
        "bundle_id": em.bundle_id,
        "emergency_id": eid,
        "action": "play",
        "sequence": rows[0].sequence,
        "sha256": rows[0].file_sha256,
        "priority": "emergency",
    }
    assert area_ids == [areas["Ngọc Chúc"].id]
    # everything in the audit log
    actions = {e.action for e in db.exec(select(AuditEvent)).all()}
    assert {
        "emergency_template.create",
        "emergency_template.approve",
        "emergency.create",
        "emergency.issue",
    } <= actions
    # the status page shows the count, and its fragment is polled
    page = p.get(f"/emergencies/{eid}")
    assert page.status_code == 200 and "0/2" in page.text and 'hx-trigger="every 2s"' in page.text


def test_emergency_sequence_is_its_own_counter(world, panel, db, clock):
    areas = world
    tid = _template(panel, areas)
    p = panel("chutich")
    for _ in range(2):
        assert _issue(p, tid, areas, clock).status_code == 303
    seqs = sorted(r.sequence for r in db.exec(select(EmergencyBundle)).all())
    assert seqs == [1, 2]  # no ordinary bundle was numbered, and none took these numbers


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slot_bao", "0", "Số hiệu bão phải là số nguyên từ 1 đến 99"),
        ("slot_bao", "ba", "Số hiệu bão phải là số nguyên từ 1 đến 99"),
        ("slot_gio", "18", "Cấp gió phải là số nguyên từ 1 đến 17"),
        ("slot_gio_gust", "10", "gió giật (cấp 10) không thể nhỏ hơn cấp gió (cấp 12)"),
        ("slot_nuoc", "2,555", "tối đa hai chữ số thập phân"),
        ("slot_nuoc", "80", "mực nước phải từ −10 đến 50 mét"),
        ("slot_gio_den", "25:00", "giờ phải có dạng GG:PP"),
        ("slot_ngay", "2000-01-01", "ngày phải trong khoảng"),
        ("slot_noi", "999999", "hãy chọn một địa danh thuộc địa bàn của mẫu"),
        ("slot_viec", "đi chơi", "hãy chọn một trong các lựa chọn có sẵn"),
        ("slot_viec", "", "chưa điền"),
    ],
)
def test_bad_slot_values_are_refused_in_vietnamese_and_nothing_is_stored(
    world, panel, db, settings, clock, field, value, message
):
    areas = world
    tid = _template(panel, areas)
    p = panel("chutich")
    r = _issue(p, tid, areas, clock, **{field: value})
    assert r.status_code == 422
    assert message in r.text
    db.expire_all()
    assert db.exec(select(Emergency)).all() == []
    assert db.exec(select(EmergencyBundle)).all() == []
    outbox = settings.outbox_dir / "emergency"
    assert not outbox.exists() or not any(outbox.iterdir())


def test_a_place_of_another_commune_is_refused(world, panel, clock):
    areas = world
    tid = _template(panel, areas)
    r = _issue(panel("chutich"), tid, areas, clock, slot_noi=str(areas["Ấp Thạnh Hưng"].id))
    assert r.status_code == 422 and "thuộc địa bàn của mẫu" in r.text


def test_unapproved_and_revoked_templates_cannot_be_issued(world, panel, db, clock):
    areas = world
    waiting = _template(panel, areas, approver=None)
    p = panel("chutich")
    assert p.get(f"/emergencies/new?template_id={waiting}").status_code == 404
    r = _issue(p, waiting, areas, clock)
    assert r.status_code == 409 and "chưa được duyệt" in r.text
    tid = _template(panel, areas)
    rev = panel("congan")
    assert (
        rev.post(f"/emergencies/templates/{tid}/end", {"reason": "lỗi chính tả"}).status_code == 303
    )
    r = _issue(p, tid, areas, clock)
    assert r.status_code == 409 and "thu hồi" in r.text
    assert db.exec(select(Emergency)).all() == []


def test_a_template_changed_after_approval_is_not_usable(world, panel, db, clock):
    areas = world
    tid = _template(panel, areas)
    template = db.get(EmergencyTemplate, tid)
    template.text = template.text.replace("sơ tán", "x")  # a row edited behind the panel's back
    template.text = TEXT.replace("Bão", "Áp thấp")
    db.add(template)
    db.commit()
    r = _issue(panel("chutich"), tid, areas, clock)
    assert r.status_code == 409 and "đã thay đổi sau khi duyệt" in r.text


def test_the_writer_cannot_approve_their_own_template(world, panel, db):
    areas = world
    # tonghop writes and reviews in Ngọc Chúc
    p = panel("tonghop")
    r = p.post(
        "/emergencies/templates/new",
        {
            "name": "Lũ",
            "area_id": str(areas["Ngọc Chúc"].id),
            "text": "Lũ {nuoc}.",
            "slots": "nuoc | water | Mực nước",
            "voice_region": "north",
        },
    )
    assert r.status_code == 303
    tid = int(r.headers["location"].rsplit("/", 1)[1])
    r = p.post(f"/emergencies/templates/{tid}/approve", {"engine": "espeak", "voice": ""})
    assert r.status_code in (403, 422)
    db.expire_all()
    assert db.get(EmergencyTemplate, tid).state == "submitted"


def test_a_reviewer_of_another_commune_cannot_approve(world, panel, db):
    areas = world
    tid = _template(panel, areas, approver=None)
    r = panel("congan_tl").post(f"/emergencies/templates/{tid}/approve", {"engine": "espeak"})
    assert r.status_code in (403, 404, 422)
    db.expire_all()
    assert db.get(EmergencyTemplate, tid).state == "submitted"


@pytest.mark.parametrize(
    ("text", "slots", "message"),
    [
        ("Bão số {bao}.", "", "cần ít nhất một ô điền"),
        ("Bão số {bao}.", "gio | wind | Gió", "chưa khai báo ô điền này"),
        ("Bão số {bao}.", "bao | storm | Bão\ngio | wind | Gió", "không có trong nội dung"),
        ("Bão số {bao} {.", "bao | storm | Bão", "dấu ngoặc nhọn"),
        ("Bão {bao}.", "bao | free | Bão", "loại “free” không có"),
        ("Việc: {viec}.", "viec | choice | Việc | chỉ một", "cần từ 2 đến 12 lựa chọn"),
    ],
)
def test_template_definitions_are_checked(world, panel, db, text, slots, message):
    areas = world
    before = len(db.exec(select(EmergencyTemplate)).all())
    r = panel("doanvien").post(
        "/emergencies/templates/new",
        {"name": "Mẫu", "area_id": str(areas["Ngọc Chúc"].id), "text": text, "slots": slots},
    )
    assert r.status_code == 422 and message in r.text
    assert len(db.exec(select(EmergencyTemplate)).all()) == before


def test_issuer_scope(world, panel, db, clock):
    areas = world
    tid = _template(panel, areas)
    # another commune's issuer: the template's area is not theirs, nor is Ngọc Chúc
    other = panel("chutich_tl")
    r = _issue(other, tid, areas, clock)
    assert r.status_code in (403, 404)
    # an issuer of Ngọc Chúc cannot send to Thạnh Lộc
    r = _issue(panel("chutich"), tid, areas, clock, area_ids=("Ngọc Chúc", "Thạnh Lộc"))
    assert r.status_code == 403 and "ngoài phạm vi" in r.text
    # the other roles cannot reach the issuing form at all
    for username in ("doanvien", "congan", "daixa"):
        assert panel(username).get("/emergencies/new").status_code == 403
    assert db.exec(select(Emergency)).all() == []


def _issue_api(client, token, tid, areas, clock, **over):
    body = {
        "template_id": tid,
        "slots": {
            "bao": 3,
            "gio": {"level": 12, "gust": 14},
            "nuoc": "2.5",
            "gio_den": "14:30",
            "ngay": (clock.now + timedelta(days=1)).date().isoformat(),
            "noi": areas["Ấp Ngọc Bình"].id,
            "viec": "sơ tán",
        },
        "area_ids": [areas["Ngọc Chúc"].id],
        "repeats": 2,
        "gap_s": 30,
        "expires_in_min": 60,
    }
    body.update(over)
    return client.post(
        "/api/v1/emergencies", json=body, headers={"Authorization": f"Bearer {token}"}
    )


def _token(client, username):
    r = client.post(
        "/api/v1/token", json={"username": username, "password": password_for(username)}
    )
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


@pytest.fixture
def unit_key(app, clock):
    key = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = sync_core.issue_enrol_code(s, DEMO_UNIT_ID, clock.now)
        sync_core.enrol(s, DEMO_UNIT_ID, code, public_key_line(key.public_key()), clock.now)
        s.commit()
    return key


def _enrol(app, clock, unit_id):
    key = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = sync_core.issue_enrol_code(s, unit_id, clock.now)
        sync_core.enrol(s, unit_id, code, public_key_line(key.public_key()), clock.now)
        s.commit()
    return key


def _signed(client, key, clock, method, path, unit=DEMO_UNIT_ID, body=b""):
    headers = sync_core.sign_request(
        key, method, path, unit, body, timestamp=int(clock.now.timestamp())
    )
    if body:
        headers["Content-Type"] = "application/json"
    return client.request(method, path, content=body or None, headers=headers)


def test_api_issue_status_and_stop(world, panel, client, db, settings, clock, app, unit_key):
    areas = world
    tid = _template(panel, areas)
    token = _token(client, "chutich")
    listed = client.get(
        "/api/v1/emergency-templates", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert tid in [t["id"] for t in listed]  # beside the demo's province-wide template
    r = _issue_api(client, token, tid, areas, clock)
    assert r.status_code == 201, r.text
    eid, bid = r.json()["id"], r.json()["bundle_id"]
    auth = {"Authorization": f"Bearer {token}"}

    # the unit lists it, fetches the exact bytes, and confirms
    listing = _signed(client, unit_key, clock, "GET", f"/api/v1/units/{DEMO_UNIT_ID}/emergencies")
    assert listing.status_code == 200
    (entry,) = listing.json()["emergencies"]
    assert entry["id"] == eid and entry["bundle_id"] == bid and entry["action"] == "play"
    got = _signed(client, unit_key, clock, "GET", f"/api/v1/units/{DEMO_UNIT_ID}/emergencies/{bid}")
    assert got.status_code == 200 and got.headers["content-type"] == "application/octet-stream"
    import hashlib

    assert hashlib.sha256(got.content).hexdigest() == entry["sha256"]
    assert len(got.content) == entry["size"]

    status = client.get(f"/api/v1/emergencies/{eid}", headers=auth).json()
    assert status["units_total"] == 2 and status["played_confirmed"] == 0
    played = f"/api/v1/units/{DEMO_UNIT_ID}/emergencies/{eid}/played"
    body = b'{"state": "started", "repeat": 1, "at": "%s"}' % clock.now.isoformat().encode()
    for _ in range(2):  # idempotent
        assert _signed(client, unit_key, clock, "POST", played, body=body).status_code == 204
    db.expire_all()
    assert len(db.exec(select(EmergencyConfirmation)).all()) == 1
    status = client.get(f"/api/v1/emergencies/{eid}", headers=auth).json()
    assert (status["played_confirmed"], status["units_total"]) == (1, 2)
    waiting = [u["unit_id"] for u in status["units"] if u["state"] == "waiting"]
    assert waiting == ["ngoc-binh-01"]
    fragment = panel("chutich").get(f"/emergencies/{eid}/status")
    assert "1/2" in fragment.text and "ngoc-binh-01" in fragment.text

    # stop: a second bundle, same emergency id, no items, for the same areas
    r = client.post(f"/api/v1/emergencies/{eid}/stop", headers=auth)
    assert r.status_code == 200 and r.json()["state"] == "stopped"
    stop_id = r.json()["bundle_id"]
    m = read_manifest_unverified(bundle_path(settings.outbox_dir, stop_id))
    assert m.emergency.action == "stop" and m.emergency.id == eid and m.items == ()
    verify_bundle(
        bundle_path(settings.outbox_dir, stop_id), trusted_keys=_trusted(settings), now=clock.now
    )
    listing = _signed(client, unit_key, clock, "GET", f"/api/v1/units/{DEMO_UNIT_ID}/emergencies")
    assert [e["action"] for e in listing.json()["emergencies"]] == ["play", "stop"]
    assert [n["action"] for n, _, _ in app.state.push_publisher.sent] == ["play", "stop"]
    assert client.post(f"/api/v1/emergencies/{eid}/stop", headers=auth).status_code == 409
    assert "emergency.stop" in {e.action for e in db.exec(select(AuditEvent)).all()}


def test_api_refusals(world, panel, client, clock, app):
    areas = world
    tid = _template(panel, areas)
    # a reviewer's token: the issuer role is needed
    r = _issue_api(client, _token(client, "congan"), tid, areas, clock)
    assert r.status_code == 403
    # an operator (of the same commune) cannot issue either
    r = _issue_api(client, _token(client, "daixa"), tid, areas, clock)
    assert r.status_code == 403
    token = _token(client, "chutich_tl")
    r = _issue_api(client, token, tid, areas, clock)
    assert r.status_code == 403 and r.json()["code"] == "out_of_scope"
    token = _token(client, "chutich")
    r = _issue_api(client, token, tid, areas, clock, slots={"bao": 3})
    assert r.status_code == 422 and r.json()["reason_vi"].startswith("Ô “")
    r = _issue_api(client, token, tid, areas, clock, repeats=21)
    assert r.status_code == 422
    r = _issue_api(client, token, 999999, areas, clock)
    assert r.status_code == 404
    # another commune's issuer can neither stop nor see it
    ok = _issue_api(client, token, tid, areas, clock)
    eid = ok.json()["id"]
    other = {"Authorization": f"Bearer {_token(client, 'chutich_tl')}"}
    # (both read as not found, like an id that does not exist: security review 2)
    assert client.post(f"/api/v1/emergencies/{eid}/stop", headers=other).status_code == 404
    assert client.get(f"/api/v1/emergencies/{eid}", headers=other).status_code == 404
    # expired: nothing left to stop
    clock.advance(minutes=61)
    r = client.post(f"/api/v1/emergencies/{eid}/stop", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 409 and r.json()["code"] == "expired"
    assert [n["action"] for n, _, _ in app.state.push_publisher.sent] == ["play"]


def test_unit_endpoints_refuse_what_is_not_theirs(world, panel, client, clock, unit_key, app):
    areas = world
    tid = _template(panel, areas)
    token = _token(client, "chutich")
    eid, bid = (lambda j: (j["id"], j["bundle_id"]))(
        _issue_api(client, token, tid, areas, clock).json()
    )
    base = f"/api/v1/units/{DEMO_UNIT_ID}/emergencies"
    # unsigned, or signed by another key: 401
    assert client.get(base).status_code == 401
    stranger = Ed25519PrivateKey.generate()
    assert _signed(client, stranger, clock, "GET", base).status_code == 401
    # a unit of the other commune sees nothing and cannot fetch or confirm it
    tl_key = _enrol(app, clock, "thanh-loc-01")
    tl = "/api/v1/units/thanh-loc-01/emergencies"
    r = _signed(client, tl_key, clock, "GET", tl, unit="thanh-loc-01")
    assert r.status_code == 200 and r.json() == {"emergencies": []}
    r = _signed(client, tl_key, clock, "GET", f"{tl}/{bid}", unit="thanh-loc-01")
    assert r.status_code == 404
    body = b'{"state": "finished", "repeat": 1, "at": "%s"}' % clock.now.isoformat().encode()
    r = _signed(client, tl_key, clock, "POST", f"{tl}/{eid}/played", unit="thanh-loc-01", body=body)
    assert r.status_code == 404
    # a unit in a village below the commune is addressed too
    nb_key = _enrol(app, clock, "ngoc-binh-01")
    r = _signed(
        client, nb_key, clock, "GET", "/api/v1/units/ngoc-binh-01/emergencies", unit="ngoc-binh-01"
    )
    assert [e["bundle_id"] for e in r.json()["emergencies"]] == [bid]
    # malformed confirmations
    for bad in (
        b'{"state": "played", "at": "2026-03-10T09:00:00+07:00"}',
        b'{"state": "started", "repeat": -1, "at": "2026-03-10T09:00:00+07:00"}',
        b'{"state": "started", "at": "2026-03-10T09:00:00"}',
        b'{"state": "started", "at": "x", "extra": 1}',
        b"[1]",
        b"not json",
    ):
        r = _signed(client, unit_key, clock, "POST", f"{base}/{eid}/played", body=bad)
        assert r.status_code == 422, bad
    # a replayed request is refused like every signed request
    headers = sync_core.sign_request(
        unit_key, "GET", base, DEMO_UNIT_ID, b"", timestamp=int(clock.now.timestamp())
    )
    assert client.get(base, headers=headers).status_code == 200
    assert client.get(base, headers=headers).status_code == 401
    # once expired, it is no longer listed
    clock.advance(minutes=61)
    r = _signed(client, unit_key, clock, "GET", base)
    assert r.json() == {"emergencies": []}


def test_free_text_needs_a_second_person(world, panel, db, settings, clock, app):
    areas = world
    writer = panel("chutich")
    token = writer.csrf()
    body = {
        "csrf_token": token,
        "title": "Cháy rừng",
        "text": "Cháy rừng ở ấp Ngọc Thạnh, bà con tránh xa khu vực.",
        "repeats": "2",
        "gap_s": "30",
        "expires_in_min": "60",
        "voice_region": "south",
        "area_ids": [str(areas["Ngọc Chúc"].id)],
    }
    r = writer.client.post("/emergencies/free", data=body, follow_redirects=False)
    assert r.status_code == 303, r.text
    eid = r.headers["location"].rsplit("/", 1)[1]
    db.expire_all()
    em = db.get(Emergency, eid)
    assert (
        em.state == "pending" and em.audio_sha256 and db.exec(select(EmergencyBundle)).all() == []
    )
    assert app.state.push_publisher.sent == []
    # the writer cannot approve it
    r = writer.post(f"/emergencies/{eid}/approve", {"audio_sha256": em.audio_sha256})
    assert r.status_code == 403 and "người thứ hai" in r.text
    # another commune's issuer cannot either
    r = panel("chutich_tl").post(f"/emergencies/{eid}/approve", {"audio_sha256": em.audio_sha256})
    assert r.status_code in (403, 404)
    # the second person must approve the audio they heard
    second = panel("truongcongan")
    page = second.get(f"/emergencies/{eid}")
    assert page.status_code == 200 and f'value="{em.audio_sha256}"' in page.text
    assert second.get(f"/emergencies/{eid}/audio").status_code == 200
    r = second.post(f"/emergencies/{eid}/approve", {"audio_sha256": "0" * 64})
    assert r.status_code == 409
    r = second.post(f"/emergencies/{eid}/approve", {"audio_sha256": em.audio_sha256})
    assert r.status_code == 303
    db.expire_all()
    em = db.get(Emergency, eid)
    assert em.state == "active" and em.approved_by is not None
    vb = verify_bundle(
        bundle_path(settings.outbox_dir, em.bundle_id),
        trusted_keys=_trusted(settings),
        now=clock.now,
    )
    assert vb.manifest.items[0].approval.id == f"emergency-{eid}"
    assert vb.manifest.items[0].approval.reviewer == "truongcongan"
    assert len(app.state.push_publisher.sent) == 1
    assert "emergency.approve" in {e.action for e in db.exec(select(AuditEvent)).all()}


def test_a_reviewer_may_be_the_second_person_but_not_after_expiry(world, panel, db, clock):
    areas = world
    writer = panel("chutich")
    body = {
        "csrf_token": writer.csrf(),
        "title": "Lốc xoáy",
        "text": "Lốc xoáy, bà con ở trong nhà.",
        "repeats": "1",
        "gap_s": "0",
        "expires_in_min": "30",
        "area_ids": [str(areas["Ngọc Chúc"].id)],
    }
    eid = (
        writer.client.post("/emergencies/free", data=body, follow_redirects=False)
        .headers["location"]
        .rsplit("/", 1)[1]
    )
    em = db.get(Emergency, eid)
    clock.advance(minutes=31)
    r = panel("congan").post(f"/emergencies/{eid}/approve", {"audio_sha256": em.audio_sha256})
    assert r.status_code == 409 and "hết hiệu lực" in r.text
    db.expire_all()
    assert db.get(Emergency, eid).state == "pending"


def test_the_demo_storm_template_is_approved_and_issuable(world, panel, db, clock, client):
    areas = world
    demo = db.exec(select(EmergencyTemplate).where(EmergencyTemplate.name == "Bão khẩn cấp")).all()
    demo = [t for t in demo if t.area_id == areas["An Giang"].id]
    assert len(demo) == 1 and demo[0].state == "approved"
    tid = demo[0].id
    token = _token(client, "chutich")
    r = client.post(
        "/api/v1/emergencies",
        json={
            "template_id": tid,
            "slots": {
                "bao": 5,
                "gio": "11/13",
                "gio_den": "18:00",
                "ngay": clock.now.date().isoformat(),
                "noi": areas["Ấp Ngọc Thạnh"].id,
                "viec": "chằng chống nhà cửa",
            },
            "area_ids": [areas["Ngọc Chúc"].id],
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 201, r.text
    em = db.get(Emergency, r.json()["id"])
    assert "bão số 5" in em.text and "gió mạnh cấp 11, giật cấp 13" in em.text


def test_issuer_role_route_matrix(world, app, panel) -> None:
    """The role × route matrix of tests/web/test_route_matrix.py, for the issuer role."""
    from web import access_rules
    from web.app import route_keys

    from .test_route_matrix import concrete, expected_allowed

    p = panel("chutich")
    token = p.csrf()
    wrong = []
    for method, path in sorted(route_keys(app), key=lambda k: k == ("POST", "/logout")):
        rule = access_rules.rule_for(method, path)
        url = concrete(path)
        if method == "GET":
            r = p.client.get(url, follow_redirects=False)
        elif path.startswith("/api/"):
            r = p.client.request(
                method, url, json={}, headers={"X-CSRF-Token": token}, follow_redirects=False
            )
        else:
            r = p.client.request(method, url, data={"csrf_token": token}, follow_redirects=False)
        denied = r.headers.get("x-loa-access") == "denied"
        if expected_allowed(rule, "issuer") == denied:
            wrong.append(f"{method} {path}: got {r.status_code} (denied={denied})")
        elif denied and r.status_code != 403:
            wrong.append(f"{method} {path}: refused with {r.status_code}, not 403")
    assert not wrong, "\n".join(wrong)


def test_the_approved_voice_gone_refuses_the_issue_rather_than_reading_with_another(
    world, panel, db, clock, settings
):
    from content_library import emergency as core
    from content_library.models import User

    areas = world
    tid = _template(panel, areas, approver=None)
    reviewer = db.exec(select(User).where(User.username == "congan")).one()
    core.approve_template(
        db, actor=reviewer, template_id=tid, voice=("piper", "vi_VN-khong-co-medium"), now=clock.now
    )
    db.commit()
    r = _issue(panel("chutich"), tid, areas, clock)
    assert r.status_code == 400 and "Giọng đọc đã duyệt không đọc được" in r.text
    db.expire_all()
    assert db.exec(select(Emergency)).all() == []
    assert db.exec(select(EmergencyBundle)).all() == []


def test_a_confirmation_past_its_body_limit_is_refused_unread(client):
    path = f"/api/v1/units/{DEMO_UNIT_ID}/emergencies/{'0' * 8}-0000-0000-0000-{'0' * 12}/played"
    r = client.post(path, content=b"{" + b" " * 5000 + b"}")
    assert r.status_code == 413


def test_an_emergency_play_in_the_as_run_log_is_not_flagged_undelivered(
    world, panel, client, db, clock
):
    import uuid

    from content_library import sync as core_sync
    from protocol.asrun_chain import StoredRow

    areas = world
    tid = _template(panel, areas)
    eid = _issue_api(client, _token(client, "chutich"), tid, areas, clock).json()["id"]
    row = StoredRow(1, "started", "{}", "0" * 64, "1" * 64, "")
    look = core_sync._Lookups(db, clock.now)

    def undelivered(unit_id: str, item: str) -> bool:
        fields = {"item": item, "emergency_id": eid, "repeat": 1}
        return core_sync.record_values(db.get(Unit, unit_id), row, {"fields": fields}, look)[
            "undelivered"
        ]

    assert not undelivered(DEMO_UNIT_ID, f"emergency-{eid}")
    assert not undelivered("ngoc-binh-01", f"emergency-{eid}")  # a village below the commune
    assert undelivered("thanh-loc-01", f"emergency-{eid}")  # never sent to that commune
    assert undelivered(DEMO_UNIT_ID, f"emergency-{uuid.uuid4()}")
    assert undelivered(DEMO_UNIT_ID, "emergency-x")


def test_a_fleet_with_older_units_can_have_the_emergency_audio_as_wav(
    world, panel, db, settings, clock, app
):
    """LOA_EMERGENCY_AUDIO=wav: the bundle carries the approved WAV itself (units older than
    FLAC support refuse a .flac member); a value other than flac/wav is refused at start."""
    import dataclasses

    from web.settings import SettingsError

    app.state.settings = dataclasses.replace(settings, emergency_audio="wav")
    areas = world
    tid = _template(panel, areas)
    r = _issue(panel("chutich"), tid, areas, clock)
    assert r.status_code == 303, r.text
    em = db.get(Emergency, r.headers["location"].rsplit("/", 1)[1])
    vb = verify_bundle(
        bundle_path(settings.outbox_dir, em.bundle_id),
        trusted_keys=_trusted(settings),
        now=clock.now,
        unit_id=DEMO_UNIT_ID,
        unit_areas=[str(areas["An Giang"].id), str(areas["Ngọc Chúc"].id)],
    )
    item = vb.manifest.items[0]
    assert item.audio_sha256 == em.audio_sha256  # the approved file, byte for byte
    assert vb.audio_member(item.audio_sha256).name == f"audio/{item.audio_sha256}.wav"
    with pytest.raises(SettingsError, match="LOA_EMERGENCY_AUDIO"):
        dataclasses.replace(settings, emergency_audio="mp3")

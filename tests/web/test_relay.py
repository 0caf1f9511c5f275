"""Relay channels in the panel (tiếp sóng, issue 16): an admin registers a channel, a police
reviewer approves it once for its exact URL, an operator schedules relay windows and publishes;
a window in quiet hours, an unapproved channel, a changed URL and every wrong role are refused."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from content_library.models import Area, AuditEvent, Publication, Schedule
from content_library.publishing import bundle_path
from content_library.relay_models import ChannelState, RelayChannel
from protocol.bundle import read_manifest_unverified, verify_bundle
from protocol.keys import key_id, load_private_key

from .conftest import NOW, password_for
from .test_schedules import approved_version, week_form

URL = "http://127.0.0.1:8011/dai-tinh"  # the demo's own channel (vov1) is seeded beside it


def _area(db, name: str) -> int:
    return db.exec(select(Area).where(Area.name == name)).one().id


def channel_form(db, **over) -> dict:
    form = {
        "code": "dai-tinh",
        "name": "Đài tỉnh (thử)",
        "url": URL,
        "format": "mp3",
        "area_id": str(_area(db, "An Giang")),
        "fallback_version_id": "",
    }
    form.update(over)
    return form


def register(panel, db, **over) -> int:
    r = panel("quantri").post("/relay/new", channel_form(db, **over))
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def approve(panel, cid: int, url: str = URL):
    return panel("congan").post(f"/relay/{cid}/approve", {"url": url})


def relay_week(**over) -> dict:
    form = week_form(
        [],
        times="",
        once_at="",
        relay_channel="dai-tinh",
        relay_windows="05:30-06:00, 18:00-18:30",
        relay_weekdays=[str(d) for d in range(5)],
    )
    form.update(over)
    return form


def _events(db, action: str) -> list[AuditEvent]:
    db.expire_all()
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def _verify(settings, pub: Publication):
    key = load_private_key(settings.signing_key_path).public_key()
    return verify_bundle(
        bundle_path(settings.outbox_dir, pub),
        trusted_keys={key_id(key): key},
        now=NOW + timedelta(minutes=1),
    )


def test_register_approve_schedule_and_publish_a_relay(panel, db, settings) -> None:
    fallback = approved_version(
        panel, db, title="Nhạc chờ tiếp sóng", text="Mời bà con đón nghe chương trình tiếp sóng."
    )
    cid = register(panel, db, fallback_version_id=str(fallback))
    db.expire_all()
    channel = db.get(RelayChannel, cid)
    assert (channel.state, channel.code, channel.url) == (ChannelState.SUBMITTED, "dai-tinh", URL)
    assert '<a href="/relay">Tiếp sóng</a>' in panel("daixa").get("/").text  # the menu

    op = panel("daixa")
    form_page = op.get("/schedules/new").text
    assert 'name="relay_channel"' in form_page and 'value="dai-tinh"' in form_page
    r = op.post("/schedules/new", relay_week())
    assert r.status_code == 303, r.text
    sched_url = r.headers["location"]
    db.expire_all()
    schedule = db.exec(select(Schedule)).one()
    assert schedule.version_ids == []
    assert [(r["kind"], r["window"]["start"]) for r in schedule.body["rules"]] == [
        ("relay", "05:30"),
        ("relay", "18:00"),
    ]
    week = op.get(sched_url).text
    assert 'data-relay="dai-tinh"' in week and "Đài tỉnh (thử)" in week
    edit = op.get(f"{sched_url}/edit").text  # the form reads the relay rules back
    assert 'value="05:30-06:00, 18:00-18:30"' in edit
    assert '<option value="dai-tinh" selected>' in edit

    # Not approved yet: publishing says so and stores nothing.
    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 422 and "chưa được công an duyệt" in r.text
    db.expire_all()
    assert db.exec(select(Publication)).all() == []

    detail = panel("congan").get(f"/relay/{cid}").text
    assert URL in detail and f'action="/relay/{cid}/approve"' in detail
    assert approve(panel, cid).status_code == 303
    db.expire_all()
    channel = db.get(RelayChannel, cid)
    assert channel.state == ChannelState.APPROVED and channel.approved_url == URL

    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 303, r.text
    db.expire_all()
    pub = db.exec(select(Publication)).one()
    manifest = _verify(settings, pub).manifest
    [relay] = manifest.relays
    assert (relay.id, relay.url, relay.format) == ("dai-tinh", URL, "mp3")
    assert relay.fallback_item == f"v{fallback}"
    assert [i.id for i in manifest.items] == [f"v{fallback}"]
    assert relay.approval.reviewer == "Trần Thị Bình"
    assert manifest.schedule == schedule.body
    assert [e.detail.get("relays") for e in _events(db, "bundle.publish")] == [["dai-tinh"]]
    for action in ("relay_channel.create", "relay_channel.approve"):
        assert [e.object_id for e in _events(db, action)][-1] == str(cid)


def test_the_api_lists_channels_and_the_timeline_marks_relay_windows(client, panel, db) -> None:
    cid = register(panel, db)
    assert approve(panel, cid).status_code == 303
    op = panel("daixa")
    sid = int(op.post("/schedules/new", relay_week()).headers["location"].rsplit("/", 1)[1])
    token = client.post(
        "/api/v1/token", json={"username": "daixa", "password": password_for("daixa")}
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    listed = {c["id"]: c for c in client.get("/api/v1/relay-channels", headers=headers).json()}
    assert listed["dai-tinh"]["approved"] is True and listed["dai-tinh"]["url"] == URL
    demo = listed["vov1"]  # the demo's VOV1 (mô phỏng), approved, on the local station
    assert demo["approved"] and demo["url"] == "http://127.0.0.1:8010/vov1"
    timeline = client.get(f"/api/v1/schedules/{sid}/timeline?days=7", headers=headers).json()
    relays = [e for e in timeline["entries"] if e["relay"] == "dai-tinh"]
    assert len(relays) == 10  # five weekdays, two windows
    assert {e["title"] for e in relays} == {"Đài tỉnh (thử)"}
    author = client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    ).json()["access_token"]
    r = client.get("/api/v1/relay-channels", headers={"Authorization": f"Bearer {author}"})
    assert r.status_code == 403


def test_a_relay_at_night_is_refused_when_saving_and_when_publishing(panel, db) -> None:
    # The complaint: a relay time set wrong after repairs played national radio at 03:15.
    cid = register(panel, db)
    assert approve(panel, cid).status_code == 303
    op = panel("daixa")
    r = op.post("/schedules/new", relay_week(relay_windows="03:15-03:45"))
    assert r.status_code == 422
    assert "Không được tiếp sóng trong giờ yên tĩnh" in r.text and "03:15–03:45" in r.text
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []

    # A schedule that says so all the same (written before the check, or by another tool)
    # is flagged on its page and never published.
    sched_url = op.post("/schedules/new", relay_week()).headers["location"]
    db.expire_all()
    schedule = db.exec(select(Schedule)).one()
    body = json.loads(json.dumps(schedule.body))
    body["rules"][0]["window"] = {"start": "03:15", "end": "03:45"}
    schedule.body = body
    db.add(schedule)
    db.commit()
    page = op.get(sched_url).text
    assert "Không được tiếp sóng trong giờ yên tĩnh" in page
    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 422 and "03:15–03:45" in r.text
    db.expire_all()
    assert db.exec(select(Publication)).all() == []


def test_changing_the_url_voids_the_approval(panel, db, settings) -> None:
    cid = register(panel, db)
    assert approve(panel, cid).status_code == 303
    op = panel("daixa")
    sched_url = op.post("/schedules/new", relay_week()).headers["location"]
    assert op.post(f"{sched_url}/publish").status_code == 303

    new_url = "https://vov.example.vn/live/dai-tinh.m3u8"
    r = panel("quantri").post(f"/relay/{cid}/edit", channel_form(db, url=new_url, format="hls"))
    assert r.status_code == 303, r.text
    db.expire_all()
    channel = db.get(RelayChannel, cid)
    assert channel.state == ChannelState.SUBMITTED and channel.approved_url is None
    [event] = _events(db, "relay_channel.update")
    assert event.detail["approval_voided"] is True and event.detail["before"]["url"] == URL
    # The published bundle relaying the old URL was replaced at once by one without the channel.
    pubs = db.exec(select(Publication).order_by(Publication.sequence)).all()
    assert len(pubs) == 2
    manifest = _verify(settings, pubs[-1]).manifest
    assert manifest.relays == () and manifest.schedule["rules"] == []
    # Publishing again is refused until a reviewer approves the new URL.
    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 422 and "chưa được công an duyệt" in r.text
    # An approval of the page as it was (the old URL) is refused.
    r = approve(panel, cid, url=URL)
    assert r.status_code == 422 and "Địa chỉ kênh vừa thay đổi" in r.text
    assert approve(panel, cid, url=new_url).status_code == 303
    assert op.post(f"{sched_url}/publish").status_code == 303
    db.expire_all()
    latest = db.exec(select(Publication).order_by(Publication.sequence.desc())).first()
    [relay] = _verify(settings, latest).manifest.relays
    assert relay.url == new_url and relay.format == "hls"


def test_revoking_a_channel_takes_it_off_the_air(panel, db, settings) -> None:
    cid = register(panel, db)
    assert approve(panel, cid).status_code == 303
    op = panel("daixa")
    sched_url = op.post("/schedules/new", relay_week()).headers["location"]
    assert op.post(f"{sched_url}/publish").status_code == 303
    r = panel("congan").post(f"/relay/{cid}/end", {"reason": "Nguồn phát không chính thức"})
    assert r.status_code == 303
    db.expire_all()
    assert db.get(RelayChannel, cid).state == ChannelState.REVOKED
    first, second = db.exec(select(Publication).order_by(Publication.sequence)).all()
    assert read_manifest_unverified(bundle_path(settings.outbox_dir, first)).relays
    assert _verify(settings, second).manifest.relays == ()
    assert len(_events(db, "relay_channel.revoke")) == 1


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["daixa", "doanvien", "congan"])
def test_only_admins_register_or_change_channels(panel, db, username) -> None:
    p = panel(username)
    assert p.get("/relay/new").status_code == 403
    assert p.post("/relay/new", channel_form(db)).status_code == 403
    cid = register(panel, db)
    assert p.post(f"/relay/{cid}/edit", channel_form(db, url=URL + "x")).status_code == 403
    db.expire_all()
    assert db.get(RelayChannel, cid).url == URL


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"code": "VOV 1"}, "Mã kênh gồm 1 đến 32 ký tự"),
        ({"url": "ftp://127.0.0.1/dai-tinh"}, "http:// hoặc https://"),
        ({"url": "file:///etc/passwd"}, "http:// hoặc https://"),
        ({"url": "http:///dai-tinh"}, "thiếu tên máy chủ"),
        ({"format": "wav"}, "Định dạng phải là một trong"),
        ({"name": ""}, "Tên kênh"),
        ({"area_id": ""}, "Hãy chọn địa bàn"),
        ({"fallback_version_id": "999999"}, "Bản tin dự phòng phải là bản tin đã được duyệt"),
    ],
)
def test_bad_channels_say_why_and_store_nothing(panel, db, over, message) -> None:
    r = panel("quantri").post("/relay/new", channel_form(db, **over))
    assert r.status_code == 422 and message in r.text
    db.expire_all()
    assert [c.code for c in db.exec(select(RelayChannel)).all()] == ["vov1"]  # the demo's


def test_a_channel_id_is_registered_once(panel, db) -> None:
    register(panel, db)
    r = panel("quantri").post("/relay/new", channel_form(db, url=URL + "-2"))
    assert r.status_code == 422 and "Đã có kênh mang mã dai-tinh" in r.text


def test_who_may_approve(panel, db) -> None:
    cid = register(panel, db)
    # An operator and an author are turned away at the door.
    for username in ("daixa", "doanvien"):
        assert panel(username).post(f"/relay/{cid}/approve", {"url": URL}).status_code == 403
    # A reviewer of another commune cannot approve a channel of the whole province: it is not
    # theirs to see, so it reads as not found, like its page (security review 2).
    r = panel("congan_tl").post(f"/relay/{cid}/approve", {"url": URL})
    assert r.status_code == 404
    # Whoever registered it cannot approve it (an admin holds every role).
    r = panel("quantri").post(f"/relay/{cid}/approve", {"url": URL})
    assert r.status_code == 403 and "không được tự duyệt" in r.text
    db.expire_all()
    assert db.get(RelayChannel, cid).state == ChannelState.SUBMITTED
    assert approve(panel, cid).status_code == 303
    # Approved once: not again.
    assert approve(panel, cid).status_code == 409


def test_a_rejected_channel_cannot_be_scheduled_or_approved(panel, db) -> None:
    cid = register(panel, db)
    assert panel("congan").post(f"/relay/{cid}/end", {"reason": "Sai nguồn"}).status_code == 303
    db.expire_all()
    assert db.get(RelayChannel, cid).state == ChannelState.REJECTED
    assert approve(panel, cid).status_code == 409
    r = panel("daixa").post("/schedules/new", relay_week())
    assert r.status_code == 422 and "Hãy chọn kênh tiếp sóng" in r.text


def test_a_commune_channel_is_not_offered_to_another_commune(panel, db) -> None:
    cid = register(panel, db, code="dai-xa-tl", area_id=str(_area(db, "Thạnh Lộc")))
    op = panel("daixa")  # operator of Ngọc Chúc
    assert op.get(f"/relay/{cid}").status_code == 404
    assert 'value="dai-xa-tl"' not in op.get("/schedules/new").text
    assert op.get("/relay").status_code == 200 and "dai-xa-tl" not in op.get("/relay").text
    r = op.post("/schedules/new", relay_week(relay_channel="dai-xa-tl"))
    assert r.status_code == 422 and "Hãy chọn kênh tiếp sóng" in r.text


def test_bad_relay_windows_say_why(panel, db) -> None:
    register(panel, db)
    op = panel("daixa")
    for windows, message in [
        ("05:30", "Khung giờ tiếp sóng viết dạng 05:30-06:00"),
        ("05:30-05:30", "Lịch phát không hợp lệ"),
        ("25:00-06:00", "Lịch phát không hợp lệ"),
        ("", "Hãy nhập khung giờ tiếp sóng"),
    ]:
        r = op.post("/schedules/new", relay_week(relay_windows=windows))
        assert r.status_code == 422 and message in r.text, windows
    r = op.post("/schedules/new", relay_week(relay_priority="emergency"))
    assert r.status_code == 422 and "thông thường hoặc ưu tiên" in r.text
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []


def test_the_week_shows_an_emergency_interrupting_a_relay_which_resumes(panel, db) -> None:
    cid = register(panel, db)
    assert approve(panel, cid).status_code == 303
    urgent = approved_version(
        panel, db, title="Báo cháy", text="Cháy tại chợ, bà con tránh xa.", priority="emergency"
    )
    op = panel("daixa")
    form = relay_week(
        relay_windows="10:00-10:30",
        relay_weekdays=[str(d) for d in range(7)],
        version_ids=[str(urgent)],
        once_at="2026-03-10T10:10",
        repeat="1",
    )
    r = op.post("/schedules/new", form)
    assert r.status_code == 303, r.text
    week = op.get(r.headers["location"]).text
    today = week.split("10/03/2026", 1)[1].split("<h3>", 1)[0]
    rows = re.findall(
        r'data-kind="(\w+)">\s*<td class="num">(\d\d:\d\d)–(\d\d:\d\d)</td>\s*<td>(.*?)</td>',
        today,
        re.S,
    )
    played = [(kind, a, b, "data-relay" in what) for kind, a, b, what in rows if kind == "entry"]
    assert played == [
        ("entry", "10:00", "10:10", True),
        ("entry", "10:10", played[1][2], False),  # the emergency
        ("entry", played[1][2], "10:30", True),  # the relay resumes
    ]
    assert "tạm dừng" in today and "tiếp tục sau đó" in today


def test_an_ended_channel_approval_is_not_published(panel, db, clock) -> None:
    cid = register(panel, db)
    assert approve(panel, cid).status_code == 303
    op = panel("daixa")
    sched_url = op.post("/schedules/new", relay_week()).headers["location"]
    clock.advance(days=366)  # the approval lasts a year
    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 422 and "phê duyệt đã hết hạn" in r.text
    db.expire_all()
    assert db.exec(select(Publication)).all() == []

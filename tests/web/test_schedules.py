"""Operators compose schedules from approved items, see the week with conflicts and quiet-hour
violations before publishing, publish a signed bundle and download the same file for USB."""

from __future__ import annotations

import hashlib
import re
import stat
from datetime import timedelta

import pytest
from sqlmodel import select

from content_library.models import Publication, Schedule, ScriptVersion
from protocol.bundle import verify_bundle
from protocol.keys import key_id, load_private_key

from .conftest import NOW, new_script_form, password_for, script_id_from

AUDIO = re.compile(r'<audio controls[^>]*src="/assets/([0-9a-f]{64})"')


def approved_version(panel, db, *, title: str, text: str, approve: bool = True, **form) -> int:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(
        author.post("/scripts/new", new_script_form(db, title=title, text=text, **form))
    )
    db.expire_all()
    vid = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one().id
    if approve:
        sha = AUDIO.search(reviewer.get(f"/review/{vid}").text).group(1)
        assert reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": sha}).status_code == 303
    return vid


def week_form(vids, **over) -> dict:
    form = {
        "name": "Lịch tuần Ngọc Chúc",
        "target": "unit:ngoc-chuc-01",
        "version_ids": [str(v) for v in vids],
        "mode": "times",
        "times": "17:00, 23:00",
        "weekdays": [str(d) for d in range(7)],
        "repeat": "6",
        "gap_s": "0",
        "once_at": "2026-03-11T17:00",
        "quiet_start": "22:00",
        "quiet_end": "05:00",
        "allowed_weekdays": [str(d) for d in range(7)],
    }
    form.update(over)
    return form


@pytest.fixture
def items(panel, db):
    a = approved_version(
        panel, db, title="Phòng chống ma túy", text="Ma túy là hiểm họa của toàn xã hội."
    )
    b = approved_version(
        panel, db, title="An toàn giao thông", text="Đã uống rượu bia thì không lái xe."
    )
    return a, b


LONG_TEXT = " ".join(
    ["Kính thưa bà con, ma túy là hiểm họa của toàn xã hội, hãy tránh xa ma túy."] * 15
)


def test_operator_composes_sees_the_week_publishes_and_downloads_for_usb(
    panel, db, settings, items
) -> None:
    long = approved_version(panel, db, title="Bản tin dài", text=LONG_TEXT)
    db.expire_all()
    assert db.get(ScriptVersion, long).render_duration_s > 60
    items = (long, *items)
    op = panel("daixa")
    page = op.get("/schedules/new")
    assert page.status_code == 200
    assert all(f'name="version_ids" value="{v}"' in page.text for v in items)
    r = op.post("/schedules/new", week_form(items))
    assert r.status_code == 303, r.text
    sched_url = r.headers["location"]
    db.expire_all()
    schedule = db.exec(select(Schedule)).one()
    assert schedule.target_kind == "unit" and schedule.target_id == "ngoc-chuc-01"
    assert [r["kind"] for r in schedule.body["rules"]] == ["daily", "once"]

    week = op.get(sched_url).text
    # 23:00 is inside the quiet hours every night; the one-off 17:00 on 11/03 collides with the
    # daily 17:00 run (18 broadcasts back to back: too long to queue behind within 300 s)
    assert week.count('data-kind="violation"') >= 7 * 18
    assert "giờ yên tĩnh" in week or "giờ nghỉ" in week
    assert 'data-kind="conflict"' in week and "quá mức cho phép 300 giây" in week
    assert week.count('data-kind="entry"') >= 7 * 18

    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 303, r.text
    db.expire_all()
    pub = db.exec(select(Publication)).one()
    key_path = settings.signing_key_path
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    download = op.get(f"/publications/{pub.id}/download")
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == pub.file_sha256
    usb = settings.data_dir / "usb.loa"
    usb.write_bytes(download.content)
    pub_key = load_private_key(key_path).public_key()
    verified = verify_bundle(
        usb, trusted_keys={key_id(pub_key): pub_key}, now=NOW + timedelta(hours=1)
    )
    assert verified.manifest.target.units == ("ngoc-chuc-01",)
    assert sorted(i.id for i in verified.manifest.items) == sorted(f"v{v}" for v in items)
    assert verified.manifest.schedule == schedule.body
    assert f'href="/publications/{pub.id}/download"' in op.get("/schedules").text


def test_other_roles_cannot_schedule_or_download(panel, db, items) -> None:
    op = panel("daixa")
    sched_url = op.post("/schedules/new", week_form(items)).headers["location"]
    op.post(f"{sched_url}/publish")
    db.expire_all()
    pub = db.exec(select(Publication)).one()
    for who in ("doanvien", "congan"):
        p = panel(who)
        assert p.get("/schedules").status_code == 403
        assert p.get(f"/publications/{pub.id}/download").status_code == 403
        r = p.post("/schedules/new", week_form(items))
        assert r.status_code == 403
    db.expire_all()
    assert len(db.exec(select(Schedule)).all()) == 1


def test_unapproved_and_expired_items_cannot_be_scheduled(panel, db, clock, items) -> None:
    op = panel("daixa")
    pending = approved_version(
        panel, db, title="Chưa duyệt", text="Bản tin chưa duyệt.", approve=False
    )
    assert f'name="version_ids" value="{pending}"' not in op.get("/schedules/new").text
    r = op.post("/schedules/new", week_form([items[0], pending]))
    assert r.status_code == 422 and "chưa được duyệt" in r.text
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []

    until = (NOW + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    short = approved_version(
        panel, db, title="Hết hạn sớm", text="Bản tin ngắn hạn.", valid_until=until
    )
    sched_url = op.post("/schedules/new", week_form([short])).headers["location"]
    clock.advance(days=3)
    r = op.post(f"{sched_url}/publish")
    assert r.status_code == 422 and "hết hiệu lực" in r.text
    db.expire_all()
    assert db.exec(select(Publication)).all() == []


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"name": ""}, "Lịch phát cần có tên"),
        ({"target": "unit:khong-co"}, "Hãy chọn cụm loa hoặc địa bàn"),
        ({"version_ids": []}, "Hãy chọn ít nhất một bản tin"),
        ({"times": "25:99", "once_at": ""}, "Lịch phát không hợp lệ"),
        ({"times": "", "once_at": ""}, "Hãy nhập giờ phát"),
        ({"repeat": "0"}, "Số lần lặp phải là số nguyên"),
        ({"start_date": "2026-04-01", "end_date": "2026-03-01"}, "Lịch phát không hợp lệ"),
        # saved, it crashed the schedule's page (the quiet-hours notice plans days after it)
        ({"times": "", "once_at": "9999-12-31T23:00"}, "quá gần đầu hoặc cuối lịch"),
    ],
)
def test_bad_schedules_say_why_and_store_nothing(panel, db, items, over, message) -> None:
    r = panel("daixa").post("/schedules/new", week_form(items, **over))
    assert r.status_code == 422 and message in r.text
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []


def test_a_one_off_in_the_last_year_a_plan_can_reach_is_saved_and_shown(
    panel, clock, items
) -> None:
    clock.now = NOW.replace(hour=23)
    op = panel("daixa")
    r = op.post("/schedules/new", week_form(items[:1], times="", once_at="9998-12-31T23:00"))
    assert r.status_code == 303, r.text
    page = op.get(r.headers["location"])
    assert page.status_code == 200
    # 23:00 is in the demo's quiet hours: the notice plans the slot and says so
    assert 'data-notice="quiet-hours-once"' in page.text


def test_loop_playlist_for_a_mobile_rig_and_the_area_target(panel, db, items) -> None:
    op = panel("daixa")
    r = op.post(
        "/schedules/new", week_form(items, mode="loop", target=f"area:{_area_id(db)}", gap_s="10")
    )
    assert r.status_code == 303, r.text
    db.expire_all()
    body = db.exec(select(Schedule)).one().body
    assert (
        body["loop"] == {"item_ids": [f"v{v}" for v in sorted(items)], "gap_s": 10.0}
        and body["rules"] == []
    )
    assert "Danh sách phát lặp" in op.get(r.headers["location"]).text


def _area_id(db) -> int:
    from content_library.models import Area

    return db.exec(select(Area).where(Area.name == "Ngọc Chúc")).one().id


def test_the_api_lists_plans_publishes_and_downloads(client, panel, db, items) -> None:
    items = (approved_version(panel, db, title="Bản tin dài", text=LONG_TEXT), *items)
    r = client.post("/api/v1/token", json={"username": "daixa", "password": password_for("daixa")})
    op = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert client.get("/api/v1/schedules", headers=op).json() == []
    # composed in the panel, read back through the API
    from .conftest import Panel

    p = Panel(client)
    p.login("daixa")
    sid = int(p.post("/schedules/new", week_form(items)).headers["location"].rsplit("/", 1)[1])
    [listed] = client.get("/api/v1/schedules", headers=op).json()
    assert listed["id"] == sid and listed["target_id"] == "ngoc-chuc-01"
    timeline = client.get(f"/api/v1/schedules/{sid}/timeline?days=2", headers=op).json()
    assert timeline["entries"] and timeline["conflicts"]
    assert {v["kind"] for v in timeline["violations"]} == {"quiet_hours"}
    assert all(e["start"] < e["end"] for e in timeline["entries"])
    r = client.post(f"/api/v1/schedules/{sid}/publish", headers=op)
    assert r.status_code == 201, r.text
    pub = r.json()
    blob = client.get(pub["download_url"], headers=op).content
    assert hashlib.sha256(blob).hexdigest() == pub["file_sha256"] and len(blob) == pub["size"]
    author = client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    )
    r = client.post(
        f"/api/v1/schedules/{sid}/publish",
        headers={"Authorization": f"Bearer {author.json()['access_token']}"},
    )
    assert r.status_code == 403


# --- the quiet hours, said before publishing -------------------------------------------------
# The panel's clock is the test's `clock` (conftest.Clock): each test moves it to a fixed local
# hour, so what is "today", "tomorrow" and "a few minutes ahead" never depends on the real time.


def try_it(vids, at, **over) -> dict:
    """The README's "Thử" step: one approved item, once, a few minutes ahead."""
    return week_form(vids, times="", repeat="1", once_at=at.strftime("%Y-%m-%dT%H:%M"), **over)


def _compose(op, form) -> tuple[int, str]:
    r = op.post("/schedules/new", form)
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1]), r.headers["location"]


NIGHT = NOW.replace(hour=23)  # 23:00 on Tue 10/03/2026, Asia/Ho_Chi_Minh
AFTER_MIDNIGHT = NOW.replace(hour=2) + timedelta(days=1)  # 02:00 on Wed 11/03
MORNING = NOW.replace(hour=10)


@pytest.mark.parametrize(
    ("now", "slot_vi", "until_vi", "until_en", "until_iso"),
    [
        (
            NIGHT,
            "23:05 hôm nay (10/03)",
            "05:00 ngày mai (11/03)",
            "05:00 tomorrow (11/03)",
            "2026-03-11T05:00:00+07:00",
        ),
        (
            AFTER_MIDNIGHT,
            "02:05 hôm nay (11/03)",
            "05:00 hôm nay (11/03)",
            "05:00 today (11/03)",
            "2026-03-11T05:00:00+07:00",
        ),
    ],
    ids=["23:00", "02:00"],
)
def test_trying_it_at_night_says_the_quiet_hours_hold_it_until_they_end(
    panel, db, clock, items, now, slot_vi, until_vi, until_en, until_iso
) -> None:
    clock.now = now
    op = panel("daixa")
    sid, url = _compose(op, try_it(items[:1], now + timedelta(minutes=5)))
    page = op.get(url).text
    [notice] = re.findall(
        r'<p class="error quiet-hours"[^>]*data-notice="quiet-hours-once">(.*?)</p>', page, re.S
    )
    assert f"Giờ phát một lần {slot_vi}: 1 lượt phát rơi vào giờ yên tĩnh 22:00–05:00" in notice
    assert "sẽ không được phát" in notice and f"kéo dài đến {until_vi}" in notice
    assert "hãy chọn giờ từ 05:00 trở đi" in notice
    # said once, not again as the week's notice; and the quiet hours still drop it
    assert 'data-notice="quiet-hours-window"' not in page
    assert 'data-kind="entry"' not in page and page.count('data-kind="violation"') == 1
    assert f"last until {until_en}" in op.get(f"{url}?lang=en").text

    timeline = op.client.get(f"/api/v1/schedules/{sid}/timeline").json()
    assert timeline["entries"] == [] and [v["kind"] for v in timeline["violations"]] == [
        "quiet_hours"
    ]
    [n] = timeline["quiet_hours_notices"]
    assert n["kind"] == "once" and n["held"] == 1 and n["quiet_hours"] == "22:00–05:00"
    assert n["until"] == until_iso
    assert n["first_at"] == (now + timedelta(minutes=5)).isoformat()
    assert "giờ yên tĩnh" in n["reason_vi"] and "quiet hours" in n["reason"]
    # a warning, not a refusal: publishing works as before
    assert op.post(f"{url}/publish").status_code == 303


def test_trying_it_in_the_morning_warns_of_nothing(panel, db, clock, items) -> None:
    clock.now = MORNING
    op = panel("daixa")
    sid, url = _compose(op, try_it(items[:1], MORNING + timedelta(minutes=5)))
    page = op.get(url).text
    assert "quiet-hours" not in page.split('id="timeline"')[0]
    assert "giờ yên tĩnh" not in page and page.count('data-kind="entry"') == 1
    timeline = op.client.get(f"/api/v1/schedules/{sid}/timeline").json()
    assert timeline["quiet_hours_notices"] == [] and len(timeline["entries"]) == 1
    # the form says where the quiet hours are before anything is saved
    assert 'data-hint="quiet-hours"' in op.get("/schedules/new").text


def test_the_week_says_how_many_broadcasts_the_quiet_hours_hold_and_the_nearest(
    panel, db, clock, items
) -> None:
    clock.now = MORNING
    op = panel("daixa")
    sid, url = _compose(op, week_form(items[:1], times="06:00, 23:00", repeat="1", once_at=""))
    page = op.get(url).text
    [notice] = re.findall(r'data-notice="quiet-hours-window">(.*?)</p>', page, re.S)
    assert (
        "7 lượt phát trong 7 ngày tới rơi vào giờ yên tĩnh 22:00–05:00 nên sẽ không được phát"
        in notice
    )
    assert (
        "lượt gần nhất lúc 23:00 hôm nay (10/03), giờ yên tĩnh đó kéo dài đến 05:00 ngày mai (11/03)"
        in notice
    )
    assert page.index("quiet-hours-window") < page.index(
        'class="primary publish"'
    )  # before Xuất bản
    [n] = op.client.get(f"/api/v1/schedules/{sid}/timeline?days=2").json()["quiet_hours_notices"]
    assert (n["kind"], n["held"], n["until"]) == ("window", 2, "2026-03-11T05:00:00+07:00")
    assert "2 broadcasts fall in the next 2 days" in n["reason"]


def test_quiet_hours_within_a_day_and_a_one_off_beyond_the_week(panel, db, clock, items) -> None:
    clock.now = MORNING
    op = panel("daixa")
    _, url = _compose(
        op,
        try_it(
            items[:1], MORNING.replace(hour=12, minute=30), quiet_start="12:00", quiet_end="14:00"
        ),
    )
    page = op.get(url).text
    assert (
        "rơi vào giờ yên tĩnh 12:00–14:00" in page and "kéo dài đến 14:00 hôm nay (10/03)" in page
    )
    assert "hãy chọn giờ từ 14:00 trở đi" in page

    far = MORNING.replace(hour=23, minute=30) + timedelta(days=10)  # Fri 20/03, past the week shown
    _, url = _compose(op, try_it(items[:1], far, name="Xa"))
    page = op.get(url).text
    assert 'data-kind="violation"' not in page  # not in the week...
    assert "Giờ phát một lần 23:30 thứ Sáu (20/03)" in page  # ...but said all the same
    assert "kéo dài đến 05:00 thứ Bảy (21/03)" in page


def test_emergencies_stay_exempt_and_are_not_warned_about(panel, db, clock) -> None:
    vid = approved_version(
        panel,
        db,
        title="Cháy rừng",
        text="Khẩn cấp: cháy rừng tại ấp Ngọc Thạnh.",
        priority="emergency",
    )
    clock.now = NIGHT
    op = panel("daixa")
    sid, url = _compose(op, try_it([vid], NIGHT + timedelta(minutes=5)))
    page = op.get(url).text
    assert "quiet-hours-" not in page and page.count('data-kind="entry"') == 1
    assert op.client.get(f"/api/v1/schedules/{sid}/timeline").json()["quiet_hours_notices"] == []


def test_a_renaming_draft_leaves_the_approved_title_on_air(panel, db, items) -> None:
    """A writer renames an approved script by saving a new draft: the operator still picks
    and sees the approved version under the title the reviewer approved, and the reviewer
    sees the new title on the draft they are asked to review."""
    old_vid = items[0]
    sid = db.get(ScriptVersion, old_vid).script_id
    author = panel("doanvien")
    form = new_script_form(
        db, title="Ma túy: thủ đoạn mới", text="Ma túy là hiểm họa của toàn xã hội."
    )
    assert author.post(f"/scripts/{sid}/edit", form).status_code == 303
    db.expire_all()
    new = db.exec(
        select(ScriptVersion).where(ScriptVersion.script_id == sid, ScriptVersion.number == 2)
    ).one()
    assert (db.get(ScriptVersion, old_vid).title, new.title) == (
        "Phòng chống ma túy",
        "Ma túy: thủ đoạn mới",
    )

    op = panel("daixa")
    page = op.get("/schedules/new").text
    choice = re.search(rf'value="{old_vid}"[^>]*>\s*([^<]+?)\s*<small', page)
    assert choice is not None and choice.group(1) == "Phòng chống ma túy"
    assert "thủ đoạn mới" not in page  # the draft is not approved: it is not offered
    r = op.post("/schedules/new", week_form([old_vid]))
    assert r.status_code == 303
    week = op.get(r.headers["location"]).text
    assert "Phòng chống ma túy" in week and "thủ đoạn mới" not in week

    reviewer = panel("congan")
    assert "<h1>Ma túy: thủ đoạn mới</h1>" in reviewer.get(f"/review/{new.id}").text
    assert "<h1>Phòng chống ma túy</h1>" in reviewer.get(f"/review/{old_vid}").text
    history = author.get(f"/scripts/{sid}").text
    assert "“Phòng chống ma túy”" in history  # the older version's own title, in its row

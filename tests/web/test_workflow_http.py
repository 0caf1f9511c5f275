"""The approval workflow over HTTP, as the pages drive it."""

from __future__ import annotations

import re

from sqlmodel import select

from content_library.models import Review, ScriptVersion
from web.services.diff import render_diff, word_diff

from .conftest import new_script_form, script_id_from, speech_wav_bytes

AUDIO = re.compile(r'<audio controls[^>]*src="(/assets/([0-9a-f]{64}))"')


def current_version_id(db, script_id: int) -> int:
    db.expire_all()
    return (
        db.exec(
            select(ScriptVersion)
            .where(ScriptVersion.script_id == script_id)
            .order_by(ScriptVersion.number.desc())
        )
        .first()
        .id
    )


def heard(reviewer, vid: int) -> str:
    """The sha256 of the audio the review page plays (what the reviewer listened to)."""
    m = AUDIO.search(reviewer.get(f"/review/{vid}").text)
    assert m, "the review page has no audio player"
    return m.group(2)


def test_author_submits_reviewer_approves_audit_shows_both(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    vid = current_version_id(db, sid)
    assert "chờ duyệt" in author.get("/scripts").text

    queue = reviewer.get("/review")
    assert queue.status_code == 200
    assert f'href="/review/{vid}"' in queue.text
    page = reviewer.get(f"/review/{vid}")
    assert "ma túy là hiểm họa" in page.text and "Duyệt" in page.text
    r = reviewer.post(f"/versions/{vid}/approve", {"comment": "Nội dung tốt", "audio_sha256": ""})
    assert r.status_code == 422 and "Hãy nghe bản âm thanh trước khi duyệt" in r.text
    sha = heard(reviewer, vid)
    db.expire_all()
    assert sha == db.get(ScriptVersion, vid).render_sha256  # the rendered programme itself
    r = reviewer.post(f"/versions/{vid}/approve", {"comment": "Nội dung tốt", "audio_sha256": sha})
    assert r.status_code == 303 and r.headers["location"] == "/review"
    db.expire_all()
    assert db.exec(select(Review)).one().audio_sha256 == sha
    assert f'href="/review/{vid}"' not in reviewer.get("/review").text

    mine = author.get("/scripts").text
    assert "đã duyệt" in mine
    detail = author.get(f"/scripts/{sid}").text
    actions = re.findall(r'data-action="([\w.]+)"', detail)
    assert actions == ["script.create", "version.submit", "version.approve"]
    assert "congan" in detail and "doanvien" in detail
    assert "Nội dung tốt" in detail


def test_self_approval_is_refused(panel, db) -> None:
    both = panel("tonghop")  # author and reviewer of Ngọc Chúc
    sid = script_id_from(both.post("/scripts/new", new_script_form(db)))
    vid = current_version_id(db, sid)
    r = both.post(f"/versions/{vid}/approve", {"comment": ""})
    assert r.status_code == 403
    assert "không được tự duyệt" in r.text
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "submitted"
    assert db.exec(select(Review)).all() == []
    # ...and the review page does not offer the buttons.
    assert "/approve" not in both.get(f"/review/{vid}").text


def test_approval_outside_the_reviewers_area_is_refused(panel, db) -> None:
    author, other = panel("doanvien"), panel("congan_tl")  # congan_tl reviews Thạnh Lộc only
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    vid = current_version_id(db, sid)
    assert f"/review/{vid}" not in other.get("/review").text
    r = other.post(f"/versions/{vid}/approve", {"comment": ""})
    # another area's version reads like one that does not exist (no hint that it does)
    assert r.status_code == 404
    assert "Không tìm thấy phiên bản kịch bản" in r.text
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "submitted"


def test_reject_needs_a_reason_and_the_author_sees_it(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    vid = current_version_id(db, sid)
    r = reviewer.post(f"/versions/{vid}/reject", {"reason": "   "})
    assert r.status_code == 422 and "Từ chối phải kèm lý do" in r.text
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "submitted"
    r = reviewer.post(f"/versions/{vid}/reject", {"reason": "Thiếu số điện thoại đường dây nóng"})
    assert r.status_code == 303
    mine = author.get("/scripts").text
    assert "bị từ chối" in mine and "Thiếu số điện thoại đường dây nóng" in mine


def test_edit_after_approval_shows_a_word_diff_to_the_reviewer(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(
        author.post("/scripts/new", new_script_form(db, text="Bà con chú ý phòng cháy."))
    )
    first = current_version_id(db, sid)
    assert (
        reviewer.post(
            f"/versions/{first}/approve", {"audio_sha256": heard(reviewer, first)}
        ).status_code
        == 303
    )
    r = author.post(
        f"/scripts/{sid}/edit",
        {
            "title": "Phòng chống ma túy tháng 3",
            "kind": "text",
            "text": "Bà con chú ý phòng cháy rừng.",
            "priority": "priority",
            "voice_region": "south",
            "action": "submit",
        },
    )
    assert r.status_code == 303
    vid = current_version_id(db, sid)
    page = reviewer.get(f"/review/{vid}").text
    assert "<del>cháy.</del>" in page and "<ins>cháy rừng.</ins>" in page


def test_recording_is_played_with_range_support(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    form = new_script_form(db, kind="recording", text="")
    r = author.post(
        "/scripts/new", form, files={"file": ("ban-tin.wav", speech_wav_bytes(), "audio/wav")}
    )
    sid = script_id_from(r)
    vid = current_version_id(db, sid)
    page = reviewer.get(f"/review/{vid}").text
    m = AUDIO.search(page)
    assert m, page
    db.expire_all()
    version = db.get(ScriptVersion, vid)
    # the reviewer hears the mastered render of the recording, not the raw upload
    assert m.group(2) == version.render_sha256 != version.asset_sha256
    full = reviewer.get(m.group(1))
    assert full.status_code == 200 and full.headers["content-type"].startswith("audio/")
    part = reviewer.get(m.group(1), headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100
    assert part.content == full.content[:100]
    # The approval binds to the audio heard.
    r = reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": m.group(2)})
    assert r.status_code == 303
    db.expire_all()
    assert db.exec(select(Review)).one().audio_sha256 == m.group(2)
    # Someone outside the area cannot fetch it.
    assert panel("congan_tl").get(m.group(1)).status_code == 404


def test_approving_after_the_audio_changed_is_refused(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    r = author.post(
        "/scripts/new",
        new_script_form(db, kind="recording", text=""),
        files={"file": ("a.wav", speech_wav_bytes(), "audio/wav")},
    )
    vid = current_version_id(db, script_id_from(r))
    r = reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": "f" * 64})
    assert r.status_code == 422 and "vui lòng nghe lại" in r.text


def test_queue_filters(panel, db, clock) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    script_id_from(author.post("/scripts/new", new_script_form(db, title="Cũ")))
    clock.advance(hours=30)
    script_id_from(author.post("/scripts/new", new_script_form(db, title="Mới", topic_id="1")))
    both = reviewer.get("/review").text
    assert "Cũ" in both and "Mới" in both
    older = reviewer.get("/review?min_age_hours=24").text
    assert "Cũ" in older and ">Mới<" not in older
    bad = reviewer.get("/review?area_id=abc")
    assert bad.status_code == 422 and "không tồn tại" in bad.text
    # HTMX asks for the same page and swaps #queue; the filter form carries hx-get.
    assert 'hx-get="/review"' in both and 'id="queue"' in both


def test_word_diff_keeps_the_new_text_and_escapes() -> None:
    old, new = "a <b> c", "a <b> d  e"
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != "delete") == new
    html = str(render_diff(old, new))
    assert "&lt;b&gt;" in html and "<del>c</del>" in html and "<ins>d  e</ins>" in html
    assert str(render_diff(None, "x")) == "<ins>x</ins>"


def test_admin_pages_manage_areas_users_and_roles(panel, db) -> None:
    from content_library.models import Area, Membership, User

    from .conftest import ids

    admin = panel("quantri")
    parent = ids(db)["area"]["Thạnh Lộc"]
    r = admin.post(
        "/admin/areas", {"name": "Ấp Thạnh Phú", "kind": "village", "parent_id": str(parent)}
    )
    assert r.status_code == 303
    r = admin.post("/admin/areas", {"name": "", "kind": "village", "parent_id": ""})
    assert r.status_code == 422 and "Tên địa bàn đang trống" in r.text
    new_area = db.exec(select(Area).where(Area.name == "Ấp Thạnh Phú")).one()
    r = admin.post(
        "/admin/users",
        {
            "username": "tv_thanhphu",
            "full_name": "Tổ viên",
            "password": "mat-khau-1",
            "role": "author",
            "area_id": str(new_area.id),
        },
    )
    assert r.status_code == 303
    r = admin.post("/admin/users", {"username": "x", "password": "ngan"})
    assert r.status_code == 422 and "Tên đăng nhập phải dài" in r.text
    uid = db.exec(select(User).where(User.username == "tv_thanhphu")).one().id
    r = admin.post(
        f"/admin/users/{uid}/roles",
        {"keep": f"author:{new_area.id}", "role": "reviewer", "area_id": str(new_area.id)},
    )
    assert r.status_code == 303
    db.expire_all()
    assert sorted(m.role for m in db.exec(select(Membership).where(Membership.user_id == uid))) == [
        "author",
        "reviewer",
    ]
    assert "tv_thanhphu" in admin.get("/admin/users").text
    assert "Ấp Thạnh Phú" in admin.get("/admin/areas").text

"""Issue 12, content: bad text in any stored field (lone surrogates, NUL, escapes) is a clear
4xx in Vietnamese and stores nothing; a refused recording leaves no file behind; nobody
approves a script they wrote any version of (or whose text it carries)."""

from __future__ import annotations

import json
import re

import pytest
from sqlmodel import select

from content_library.models import Area, AuditEvent, Review, ScriptVersion, User

from .conftest import (
    NOW,
    counts,
    ids,
    new_script_form,
    script_id_from,
    speech_wav_bytes,
)

AUDIO = re.compile(r'<audio controls[^>]*src="/assets/([0-9a-f]{64})"')


def _rows(db) -> dict:
    db.expire_all()
    return {
        "versions": len(db.exec(select(ScriptVersion)).all()),
        "reviews": len(db.exec(select(Review)).all()),
        "users": len(db.exec(select(User)).all()),
        "areas": len(db.exec(select(Area)).all()),
        "audit": len(db.exec(select(AuditEvent)).all()),
    }


def _stored(db, settings) -> dict:
    """Rows and kept files (conftest's ``counts`` misses files when the test's folder is under a
    folder named tmp, as pytest's own is: this looks only below the asset store)."""
    root = settings.assets_dir
    files = [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "tmp"]
    spool = [p for p in (root / "tmp").glob("*")] if (root / "tmp").exists() else []
    return {**counts(db, settings), "files": len(files), "tmp": len(spool)}


def _submitted(client, api, db) -> int:
    i = ids(db)
    r = client.post(
        "/api/v1/scripts",
        headers=api("doanvien"),
        json={
            "title": "Phòng cháy mùa khô",
            "topic_id": i["topic"]["PCCC"],
            "area_id": i["area"]["Ngọc Chúc"],
            "text": "Bà con chú ý phòng cháy mùa khô.",
            "submit": True,
        },
    )
    assert r.status_code == 201, r.text
    return r.json()["current_version"]["id"]


BAD = {
    "surrogate": "\ud800",
    "nul": "Tên\x00ẩn",
    "escape": "Đỏ\x1b[31m",
    "c1": "có\u0085lạ",
    "bidi": "abc\u202edef",
}


@pytest.mark.parametrize("bad", list(BAD.values()), ids=list(BAD))
def test_bad_text_in_every_api_field_is_a_4xx_in_vietnamese_and_stores_nothing(
    client, api, db, bad
) -> None:
    vid = _submitted(client, api, db)
    i = ids(db)
    reviewer, admin = api("congan"), api("quantri")
    sha = client.get(
        f"/api/v1/scripts/{db.get(ScriptVersion, vid).script_id}", headers=reviewer
    ).json()["current_version"]["render_sha256"]
    calls = [
        (
            "/api/v1/scripts",
            api("doanvien"),
            {
                "title": f"Tiêu đề {bad}",
                "topic_id": i["topic"]["PCCC"],
                "area_id": i["area"]["Ngọc Chúc"],
                "text": "Bà con chú ý.",
            },
        ),
        (
            "/api/v1/scripts",
            api("doanvien"),
            {
                "title": "Tiêu đề",
                "topic_id": i["topic"]["PCCC"],
                "area_id": i["area"]["Ngọc Chúc"],
                "text": f"Bà con {bad}",
            },
        ),
        (
            f"/api/v1/versions/{vid}/approve",
            reviewer,
            {"comment": f"Được {bad}", "audio_sha256": sha},
        ),
        (f"/api/v1/versions/{vid}/reject", reviewer, {"reason": f"Sai {bad}"}),
        (
            "/api/v1/users",
            admin,
            {"username": "moi-nguoi", "password": "matkhau-dai-du", "full_name": f"An {bad}"},
        ),
        (
            "/api/v1/areas",
            admin,
            {"name": f"Ấp {bad}", "kind": "village", "parent_id": i["area"]["Ngọc Chúc"]},
        ),
    ]
    before = _rows(db)
    for url, headers, body in calls:
        # json.dumps escapes a lone surrogate as \\ud800, as a browser or a script would send it
        r = client.post(
            url,
            content=json.dumps(body).encode(),
            headers={**headers, "Content-Type": "application/json"},
        )
        assert 400 <= r.status_code < 500, (url, r.status_code, r.text[:500])
        reason = r.json()["reason_vi"]
        assert "không hợp lệ" in reason or "ký tự điều khiển" in reason, (url, reason)
        assert _rows(db) == before, f"{url} stored something"
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "submitted"


@pytest.mark.parametrize("field", ["priority", "voice_region", "language"])
def test_a_lone_surrogate_is_never_a_server_error(client, api, db, field) -> None:
    """A refusal that echoes the value must still be a response that can be encoded."""
    i = ids(db)
    body = {
        "title": "Tiêu đề",
        "topic_id": i["topic"]["PCCC"],
        "area_id": i["area"]["Ngọc Chúc"],
        "text": "Bà con chú ý.",
        field: "x\ud800",
    }
    before = _rows(db)
    r = client.post(
        "/api/v1/scripts",
        content=json.dumps(body).encode(),
        headers={**api("doanvien"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text[:300]
    assert r.json()["reason_vi"] and r.json()["field"] == field
    assert _rows(db) == before


def test_bad_text_in_the_html_forms_is_refused_in_vietnamese(panel, db, settings) -> None:
    admin = panel("quantri")
    i = ids(db)
    before = _rows(db)
    r = admin.post(
        "/admin/areas",
        {"name": "Ấp\x00 mới", "kind": "village", "parent_id": str(i["area"]["Ngọc Chúc"])},
    )
    assert r.status_code == 422 and "Tên địa bàn chứa ký tự điều khiển" in r.text
    r = admin.post(
        "/admin/users",
        {
            "username": "nguoimoi",
            "full_name": "Nguyễn\x1b Văn",
            "password": "matkhau-dai-du",
            "role": "author",
            "area_id": str(i["area"]["Ngọc Chúc"]),
        },
    )
    assert r.status_code == 422 and "Họ tên chứa ký tự điều khiển" in r.text
    assert _rows(db) == before


def test_review_comment_and_reason_with_escapes_are_refused(panel, db) -> None:
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    db.expire_all()
    vid = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one().id
    sha = AUDIO.search(reviewer.get(f"/review/{vid}").text).group(1)
    before = _rows(db)
    r = reviewer.post(f"/versions/{vid}/reject", {"reason": "Sai\x07 rồi"})
    assert r.status_code == 422 and "Lý do chứa ký tự điều khiển" in r.text
    r = reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": sha, "comment": "ok\x00"})
    assert r.status_code == 422 and "Nhận xét chứa ký tự điều khiển" in r.text
    assert _rows(db) == before


def test_a_recording_submitted_with_a_past_end_date_keeps_no_file(
    client, api, db, settings, panel
) -> None:
    i = ids(db)
    before = _stored(db, settings)
    form = {
        "title": "Ghi âm",
        "topic_id": str(i["topic"]["PCCC"]),
        "area_id": str(i["area"]["Ngọc Chúc"]),
        "valid_until": "2026-03-01T00:00:00+07:00",
        "submit": "true",
    }
    assert NOW.isoformat() > form["valid_until"]
    r = client.post(
        "/api/v1/scripts/recording",
        data=form,
        headers=api("doanvien"),
        files={"file": ("ban-tin.wav", speech_wav_bytes(), "audio/wav")},
    )
    assert r.status_code == 422, r.text
    assert "Thời hạn hiệu lực đã qua" in r.json()["reason_vi"]
    assert _stored(db, settings) == before, "the refused recording left a file or a row"
    # the same through the page
    page_form = new_script_form(db, kind="recording", text="", valid_until="2026-03-01T00:00")
    r = panel("doanvien").post(
        "/scripts/new", page_form, files={"file": ("ban-tin.wav", speech_wav_bytes(), "audio/wav")}
    )
    assert r.status_code == 422 and "Thời hạn hiệu lực đã qua" in r.text
    assert _stored(db, settings) == before


def test_an_upload_is_removed_when_its_request_rolls_back(
    client, api, db, settings, monkeypatch
) -> None:
    """Any failure after the file is kept (not only the checks we know of) removes it."""
    from content_library import services

    def boom(*a, **kw):
        raise services.ValidationError("forced", "Lỗi giả lập.", field="x")

    monkeypatch.setattr(services, "submit", boom)
    i = ids(db)
    before = _stored(db, settings)
    form = {
        "title": "Ghi âm",
        "topic_id": str(i["topic"]["PCCC"]),
        "area_id": str(i["area"]["Ngọc Chúc"]),
        "submit": "true",
    }
    r = client.post(
        "/api/v1/scripts/recording",
        data=form,
        headers=api("doanvien"),
        files={"file": ("ban-tin.wav", speech_wav_bytes(), "audio/wav")},
    )
    assert r.status_code == 422
    assert _stored(db, settings) == before


# --- item 3: no approving what you wrote, through a colleague's identical re-save -------------


def _edit_and_submit(author, db, script_id: int, text: str) -> int:
    r = author.post(
        f"/scripts/{script_id}/edit",
        {
            "title": "Phòng chống ma túy tháng 3",
            "kind": "text",
            "text": text,
            "priority": "normal",
            "voice_region": "south",
            "valid_from": "",
            "valid_until": "",
            "action": "submit",
        },
    )
    assert r.status_code == 303, r.text[:1000]
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


def test_a_colleagues_identical_resave_cannot_be_approved_by_the_first_author(panel, db) -> None:
    a, b = panel("tonghop"), panel("doanvien")  # tonghop writes and reviews in Ngọc Chúc
    form = new_script_form(db, action="save")
    sid = script_id_from(a.post("/scripts/new", form))
    v2 = _edit_and_submit(b, db, sid, form["text"])  # the same text, saved and sent by B
    assert db.get(ScriptVersion, v2).created_by == ids(db)["user"]["doanvien"]
    sha = AUDIO.search(a.get(f"/review/{v2}").text)
    heard = sha.group(1) if sha else db.get(ScriptVersion, v2).render_sha256
    r = a.post(f"/versions/{v2}/approve", {"audio_sha256": heard})
    assert r.status_code == 403, r.text[:500]
    assert "không được tự duyệt" in r.text
    db.expire_all()
    assert db.get(ScriptVersion, v2).state == "submitted"
    assert db.exec(select(Review)).all() == []
    # another reviewer may
    r = panel("congan").post(f"/versions/{v2}/approve", {"audio_sha256": heard})
    assert r.status_code == 303


def test_a_reviewer_who_wrote_an_earlier_version_cannot_approve_a_later_one(panel, db) -> None:
    a, b = panel("tonghop"), panel("doanvien")
    sid = script_id_from(a.post("/scripts/new", new_script_form(db, action="save")))
    v2 = _edit_and_submit(b, db, sid, "Kính thưa bà con, hãy tránh xa ma túy và báo cho công an.")
    heard = db.get(ScriptVersion, v2).render_sha256
    r = a.post(f"/versions/{v2}/approve", {"audio_sha256": heard})
    assert r.status_code == 403 and "không được tự duyệt" in r.text


def test_the_same_text_in_another_script_is_still_the_authors_text(client, api, db) -> None:
    i = ids(db)
    body = {
        "title": "Cảnh giác lừa đảo",
        "topic_id": i["topic"]["LUA-DAO"],
        "area_id": i["area"]["Ngọc Chúc"],
        "text": "Không chuyển tiền cho người lạ gọi điện xưng là công an.",
    }
    assert client.post("/api/v1/scripts", json=body, headers=api("tonghop")).status_code == 201
    r = client.post(
        "/api/v1/scripts",
        json={**body, "title": "Bản chép lại", "submit": True},
        headers=api("doanvien"),
    )
    v = r.json()["current_version"]
    r = client.post(
        f"/api/v1/versions/{v['id']}/approve",
        json={"audio_sha256": v["render_sha256"]},
        headers=api("tonghop"),
    )
    assert r.status_code == 403 and "không được tự duyệt" in r.json()["reason_vi"]

"""The JSON API under /api/v1: same services, same rules, OpenAPI."""

from __future__ import annotations

import unicodedata

from .conftest import counts, ids, speech_wav_bytes


def script_body(db, **over) -> dict:
    i = ids(db)
    body = {
        "title": "An toàn giao thông dịp lễ",
        "topic_id": i["topic"]["ATGT"],
        "area_id": i["area"]["Ngọc Chúc"],
        "text": "Đã uống rượu bia thì không lái xe.",
        "priority": "priority",
        "submit": True,
    }
    body.update(over)
    return body


def test_workflow_over_the_api(client, api, db) -> None:
    author, reviewer = api("doanvien"), api("congan")
    r = client.post("/api/v1/scripts", json=script_body(db), headers=author)
    assert r.status_code == 201, r.text
    script = r.json()
    vid = script["current_version"]["id"]
    assert script["state"] == "submitted"

    queue = client.get("/api/v1/review-queue", headers=reviewer).json()
    assert [row["version"]["id"] for row in queue] == [vid]

    # the audio is rendered after the submit; approving needs the sha256 of what was heard
    heard = client.get(f"/api/v1/scripts/{script['id']}", headers=reviewer).json()[
        "current_version"
    ]
    assert heard["render_status"] == "done" and heard["audio_sha256"] == heard["render_sha256"]
    r = client.post(f"/api/v1/versions/{vid}/approve", json={"comment": "ok"}, headers=reviewer)
    assert r.status_code == 422 and r.json()["field"] == "audio_sha256"
    assert r.json()["code"] == "not_heard"
    r = client.post(
        f"/api/v1/versions/{vid}/approve",
        json={"comment": "ok", "audio_sha256": "0" * 64},
        headers=reviewer,
    )
    assert r.status_code == 422 and r.json()["field"] == "audio_sha256"
    assert r.json()["code"] == "audio_changed" and "nghe lại" in r.json()["reason_vi"]
    r = client.post(
        f"/api/v1/versions/{vid}/approve",
        json={"comment": "ok", "audio_sha256": heard["audio_sha256"]},
        headers=reviewer,
    )
    assert r.status_code == 200 and r.json()["decision"] == "approved"
    assert r.json()["audio_sha256"] == heard["render_sha256"]

    detail = client.get(f"/api/v1/scripts/{script['id']}", headers=author).json()
    assert detail["state"] == "approved"
    assert [(e["action"], e["actor"]) for e in detail["audit"]] == [
        ("script.create", "doanvien"),
        ("version.submit", "doanvien"),
        ("version.approve", "congan"),
    ]
    mine = client.get("/api/v1/scripts", headers=author).json()
    assert mine[0]["state"] == "approved"


def test_same_rules_as_the_pages(client, api, db) -> None:
    author = api("doanvien")
    vid = client.post("/api/v1/scripts", json=script_body(db), headers=author).json()[
        "current_version"
    ]["id"]
    # an author is not a reviewer
    r = client.post(f"/api/v1/versions/{vid}/approve", json={}, headers=author)
    assert r.status_code == 403 and r.headers["x-loa-access"] == "denied"
    # a reviewer elsewhere: the version reads like one that does not exist
    r = client.post(f"/api/v1/versions/{vid}/approve", json={}, headers=api("congan_tl"))
    assert r.status_code == 404
    assert r.json()["reason_vi"] == "Không tìm thấy phiên bản kịch bản."
    # self-approval
    both = api("tonghop")
    vid2 = client.post("/api/v1/scripts", json=script_body(db), headers=both).json()[
        "current_version"
    ]["id"]
    r = client.post(f"/api/v1/versions/{vid2}/approve", json={}, headers=both)
    assert r.status_code == 403 and "tự duyệt" in r.json()["reason_vi"]
    # state machine
    reviewer = api("congan")
    assert (
        client.post(
            f"/api/v1/versions/{vid}/reject", json={"reason": "sai chính tả"}, headers=reviewer
        ).status_code
        == 200
    )
    r = client.post(f"/api/v1/versions/{vid}/approve", json={}, headers=reviewer)
    assert r.status_code == 409 and "bị từ chối" in r.json()["reason_vi"]


def test_bad_input_over_the_api(client, api, db, settings) -> None:
    author = api("doanvien")
    before = counts(db, settings)
    for body, field in [
        (script_body(db, text=""), "text"),
        (script_body(db, text="a\x00b"), "text"),
        (script_body(db, text="x" * 20_001), "text"),
        (script_body(db, topic_id=999), "topic_id"),
        (script_body(db, area_id=999), "area_id"),
        (script_body(db, priority="rất gấp"), "priority"),
    ]:
        r = client.post("/api/v1/scripts", json=body, headers=author)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["field"] == field and r.json()["reason_vi"]
    assert client.post("/api/v1/scripts", json={"title": 1}, headers=author).status_code == 422
    assert counts(db, settings) == before
    nfd = unicodedata.normalize("NFD", "Cẩn thận lừa đảo")
    r = client.post("/api/v1/scripts", json=script_body(db, text=nfd), headers=author)
    assert r.json()["current_version"]["text"] == unicodedata.normalize("NFC", nfd)


def test_recording_upload_over_the_api(client, api, db, settings) -> None:
    author = api("doanvien")
    i = ids(db)
    form = {
        "title": "Bản tin ghi âm",
        "topic_id": str(i["topic"]["PCCC"]),
        "area_id": str(i["area"]["Ngọc Chúc"]),
        "submit": "true",
    }
    before = counts(db, settings)
    r = client.post(
        "/api/v1/scripts/recording",
        data=form,
        files={"file": ("x.wav", b"RIFF....WAVEfmt", "audio/wav")},
        headers=author,
    )
    assert r.status_code == 422 and r.json()["field"] == "file"
    assert counts(db, settings) == before
    r = client.post(
        "/api/v1/scripts/recording",
        data=form,
        files={"file": ("x.wav", speech_wav_bytes(), "audio/wav")},
        headers=author,
    )
    assert r.status_code == 201, r.text
    v = r.json()["current_version"]
    assert v["kind"] == "recording" and v["state"] == "submitted" and v["render_status"] == "queued"
    # the recording goes through the same mastering: what reviewers hear is the master
    v = client.get(f"/api/v1/scripts/{r.json()['id']}", headers=author).json()["current_version"]
    assert v["render_status"] == "done", v["render_message"]
    assert v["audio_sha256"] == v["render_sha256"] != v["asset_sha256"]


def test_authentication(client, db) -> None:
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    r = client.post("/api/v1/token", json={"username": "doanvien", "password": "sai"})
    assert r.status_code == 401 and r.json()["reason_vi"] == "Sai tên đăng nhập hoặc mật khẩu."


def test_cookie_sessions_need_the_csrf_header(panel, db) -> None:
    p = panel("doanvien")
    body = script_body(db)
    r = p.client.post("/api/v1/scripts", json=body)
    assert r.status_code == 403 and r.headers.get("x-loa-csrf") == "refused"
    r = p.client.post("/api/v1/scripts", json=body, headers={"X-CSRF-Token": p.csrf()})
    assert r.status_code == 201


def test_admin_endpoints(client, api, db) -> None:
    admin = api("quantri")
    i = ids(db)
    r = client.post(
        "/api/v1/areas",
        json={"name": "Ấp Ngọc Hòa", "kind": "village", "parent_id": i["area"]["Ngọc Chúc"]},
        headers=admin,
    )
    assert r.status_code == 201
    area_id = r.json()["id"]
    r = client.post(
        "/api/v1/users",
        json={
            "username": "doanvien2",
            "password": "mat-khau-dai",
            "full_name": "Đoàn viên 2",
            "roles": [["author", area_id]],
        },
        headers=admin,
    )
    assert r.status_code == 201 and r.json()["roles"][0]["area_name"] == "Ấp Ngọc Hòa"
    uid = r.json()["id"]
    r = client.put(
        f"/api/v1/users/{uid}/roles", json={"roles": [["reviewer", area_id]]}, headers=admin
    )
    assert [x["role"] for x in r.json()["roles"]] == ["reviewer"]
    r = client.put(
        f"/api/v1/users/{uid}/roles", json={"roles": [["chief", area_id]]}, headers=admin
    )
    assert r.status_code == 422
    assert client.get("/api/v1/users", headers=api("congan")).status_code == 403


def test_openapi_document(client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    paths = set(doc["paths"])
    assert {
        "/api/v1/scripts",
        "/api/v1/versions/{version_id}/approve",
        "/api/v1/review-queue",
    } <= paths
    assert not any(not p.startswith("/api/v1/") for p in paths), (
        "HTML pages stay out of the API schema"
    )
    assert "403" in doc["paths"]["/api/v1/versions/{version_id}/approve"]["post"]["responses"]
    assert client.get("/docs").status_code == 404  # no CDN-loaded Swagger UI on the intranet

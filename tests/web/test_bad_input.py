"""Bad input: each gets a clear (Vietnamese) message and stores nothing."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from sqlmodel import select

from content_library.models import ScriptVersion

from .conftest import counts, new_script_form, password_for, script_id_from, wav_bytes


def refused(panel_client, db, settings, form, *, files=None, status=422, says: str):
    before = counts(db, settings)
    r = panel_client.post("/scripts/new", form, files=files)
    assert r.status_code == status, r.text[:2000]
    assert says in r.text
    assert counts(db, settings) == before, "a refused form stored something"
    return r


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Kịch bản đang trống"),
        (" \n\t ", "Kịch bản đang trống"),
        ("x" * 20_001, "vượt giới hạn 20000 ký tự"),
        ("Bà con chú ý\x07 nhé", "ký tự điều khiển"),
        ("Dòng một\x1b[31m", "ký tự điều khiển"),
        ("có ký tự\u0085lạ", "ký tự điều khiển"),
    ],
    ids=["empty", "blank", "too-long", "bell", "escape", "c1-control"],
)
def test_bad_text_is_refused(panel, db, settings, text, says) -> None:
    r = refused(panel("doanvien"), db, settings, new_script_form(db, text=text), says=says)
    assert 'role="alert"' in r.text
    # The form comes back with what was typed (short ones), ready to fix.
    if len(text) < 100 and text.strip():
        assert "Bà con" in r.text or "Dòng một" in r.text or "có ký tự" in r.text


class TestConfigurableLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"max_script_chars": 50}

    def test_limit_comes_from_settings(self, panel, db, settings) -> None:
        p = panel("doanvien")
        refused(p, db, settings, new_script_form(db, text="á" * 51), says="vượt giới hạn 50 ký tự")
        assert p.post("/scripts/new", new_script_form(db, text="á" * 50)).status_code == 303


class TestConfigurableRecordingLength:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"max_recording_s": 60}

    def test_recording_limit_comes_from_settings(self, panel, db, settings) -> None:
        two_minutes = _ffmpeg_bytes(
            "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "120", "-f", "wav"
        )  # fmt: skip
        refused(
            panel("doanvien"),
            db,
            settings,
            recording_form(db),
            files={"file": ("hai-phut.wav", two_minutes, "audio/wav")},
            says="Bản ghi âm dài 2 phút, vượt quá giới hạn 1 phút",
        )


def test_decomposed_vietnamese_is_stored_nfc(panel, db) -> None:
    nfd_title = unicodedata.normalize("NFD", "Phòng chống lừa đảo")
    nfd_text = unicodedata.normalize("NFD", "Cảnh giác với cuộc gọi giả danh công an.")
    assert nfd_text != unicodedata.normalize("NFC", nfd_text)
    sid = script_id_from(
        panel("doanvien").post("/scripts/new", new_script_form(db, title=nfd_title, text=nfd_text))
    )
    db.expire_all()
    v = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one()
    assert v.text == unicodedata.normalize("NFC", nfd_text)
    assert unicodedata.is_normalized("NFC", v.text)


def test_unknown_topic_and_area(panel, db, settings) -> None:
    p = panel("doanvien")
    refused(p, db, settings, new_script_form(db, topic_id="424242"), says="Chủ đề không tồn tại")
    refused(p, db, settings, new_script_form(db, area_id="424242"), says="Địa bàn không tồn tại")
    refused(p, db, settings, new_script_form(db, area_id="ấp"), says="Địa bàn không tồn tại")
    refused(p, db, settings, new_script_form(db, topic_id=""), says="Hãy chọn chủ đề")


def test_area_outside_the_authors_own(panel, db, settings) -> None:
    """Another commune's area reads exactly like an id that does not exist (a refusal would
    confirm it, docs/security.md 30); nothing is stored either way."""
    from .conftest import ids

    other = str(ids(db)["area"]["Thạnh Lộc"])
    for area_id in (other, "999999"):
        refused(
            panel("doanvien"),
            db,
            settings,
            new_script_form(db, area_id=area_id),
            status=422,
            says="Địa bàn không tồn tại",
        )


def test_bad_priority_and_dates(panel, db, settings) -> None:
    p = panel("doanvien")
    refused(
        p, db, settings, new_script_form(db, priority="urgent!!"), says="Mức ưu tiên không hợp lệ"
    )
    refused(
        p, db, settings, new_script_form(db, valid_from="hôm nay"), says="Ngày giờ không hợp lệ"
    )
    refused(
        p,
        db,
        settings,
        new_script_form(db, valid_from="2026-03-12T08:00", valid_until="2026-03-11T08:00"),
        says="Ngày hết hiệu lực phải sau ngày bắt đầu",
    )


def recording_form(db):
    return new_script_form(db, kind="recording", text="")


def test_upload_that_is_not_audio(panel, db, settings) -> None:
    p = panel("doanvien")
    refused(
        p,
        db,
        settings,
        recording_form(db),
        files={"file": ("tin.wav", b"just some text, not audio\n" * 50, "audio/wav")},
        says="Tệp không phải âm thanh",
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000
    refused(
        p,
        db,
        settings,
        recording_form(db),
        files={"file": ("anh.mp3", png, "audio/mpeg")},
        says="Tệp không phải âm thanh",
    )


def test_truncated_and_corrupt_audio(panel, db, settings) -> None:
    p = panel("doanvien")
    good = wav_bytes(1.0)
    refused(
        p,
        db,
        settings,
        recording_form(db),
        files={"file": ("cut.wav", good[:30], "audio/wav")},
        says="Tệp không phải âm thanh",
    )
    mp3ish = b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 20
    refused(
        p,
        db,
        settings,
        recording_form(db),
        files={"file": ("broken.mp3", mp3ish, "audio/mpeg")},
        says="Tệp không phải âm thanh",
    )


def test_empty_upload_and_missing_file(panel, db, settings) -> None:
    p = panel("doanvien")
    refused(
        p,
        db,
        settings,
        recording_form(db),
        files={"file": ("empty.wav", b"", "audio/wav")},
        says="Tệp đang trống",
    )
    refused(p, db, settings, recording_form(db), says="Hãy chọn tệp ghi âm")


class TestUploadLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"max_upload_bytes": 20_000}

    def test_too_large_is_refused_while_streaming(self, panel, db, settings) -> None:
        p = panel("doanvien")
        big = wav_bytes(2.0)  # ~64 KB of PCM
        assert len(big) > 20_000
        refused(
            p,
            db,
            settings,
            recording_form(db),
            files={"file": ("dai.wav", big, "audio/wav")},
            says="Tệp quá lớn",
        )
        small = wav_bytes(0.3)
        assert len(small) < 20_000
        r = p.post(
            "/scripts/new", recording_form(db), files={"file": ("ngan.wav", small, "audio/wav")}
        )
        assert r.status_code == 303

    def test_body_far_over_the_limit_is_cut_off_before_parsing(self, panel, db, settings) -> None:
        p = panel("doanvien")
        token = p.csrf()
        before = counts(db, settings)
        huge = b"\x00" * (settings.max_upload_bytes + 2 * 1024 * 1024)
        r = p.client.post(
            "/scripts/new",
            data={**recording_form(db), "csrf_token": token},
            files={"file": ("x.wav", huge, "audio/wav")},
        )
        assert r.status_code == 413 and "Tệp quá lớn" in r.text
        assert counts(db, settings) == before

        def chunks():  # no Content-Length: counted while it streams
            yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.wav"\r\n\r\n'
            for _ in range(40):
                yield b"\x00" * 65536

        r = p.client.post(
            "/scripts/new",
            content=chunks(),
            headers={"Content-Type": "multipart/form-data; boundary=b", "X-CSRF-Token": token},
        )
        assert r.status_code == 413
        assert counts(db, settings) == before


def test_stale_csrf_token(panel, db, settings) -> None:
    p = panel("doanvien")
    form = new_script_form(db)
    old = p.csrf()
    p.logout()
    p.login("doanvien")  # a new session: the page left open still has the old token
    before = counts(db, settings)
    r = p.post("/scripts/new", form, token=old)
    assert r.status_code == 403
    assert "Phiên làm việc đã hết hạn, vui lòng tải lại trang" in r.text
    assert counts(db, settings) == before


def test_action_without_the_right_role(panel, db, settings) -> None:
    before = counts(db, settings)
    r = panel("congan").post("/scripts/new", new_script_form(db))
    assert r.status_code == 403
    assert "Bạn không có quyền" in r.text and "soạn kịch bản" in r.text
    assert counts(db, settings) == before
    r = panel("daixa").post("/admin/areas", {"name": "Ấp mới", "kind": "village", "parent_id": ""})
    assert r.status_code == 403 and "quản trị" in r.text


def test_recording_with_a_bad_note_keeps_no_file(panel, db, settings) -> None:
    refused(
        panel("doanvien"),
        db,
        settings,
        new_script_form(db, kind="recording", text="ghi chú\x01"),
        files={"file": ("a.wav", wav_bytes(0.3), "audio/wav")},
        says="ký tự điều khiển",
    )


def test_refusal_page_links_back_to_our_own_page_only(panel, db) -> None:
    p = panel("doanvien")
    r = p.client.get("/review", headers={"Referer": "http://testserver/scripts"})
    assert r.status_code == 403 and 'href="/scripts"' in r.text
    r = p.client.get("/review", headers={"Referer": "http://evil.example/x"})
    assert "evil.example" not in r.text


def _ffmpeg_bytes(*args: str) -> bytes:
    return subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", *args, "-"],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout


def test_a_recording_longer_than_the_limit(panel, db, settings) -> None:
    # Written to a pipe, the FLAC has no length in its header: decoding finds it too long.
    hour = _ffmpeg_bytes(
        "-f",
        "lavfi",
        "-i",
        "anullsrc=r=8000:cl=mono",
        "-t",
        "3600",
        "-c:a",
        "flac",
        "-sample_fmt",
        "s16",
        "-frame_size",
        "65535",
        "-f",
        "flac",
    )
    refused(
        panel("doanvien"),
        db,
        settings,
        recording_form(db),
        files={"file": ("dai.flac", hour, "audio/flac")},
        says="Bản ghi âm dài hơn 30 phút, vượt quá giới hạn 30 phút",
    )


def test_a_playlist_is_not_a_recording_whatever_its_name(panel, db, settings, tmp_path) -> None:
    (tmp_path / "that.mp3").write_bytes(_ffmpeg_bytes("-f", "lavfi", "-i", "sine=d=1", "-f", "mp3"))
    playlist = (
        f"#EXTM3U\n#EXT-X-TARGETDURATION:5\n#EXTINF:1.0,\n{tmp_path / 'that.mp3'}\n#EXT-X-ENDLIST\n"
    )
    refused(
        panel("doanvien"),
        db,
        settings,
        recording_form(db),
        files={"file": ("tin.mp3", playlist.encode(), "audio/mpeg")},
        says="danh sách phát HLS",
    )


@pytest.mark.parametrize("big", [2**63, 2**64])
def test_an_id_no_row_can_have_is_refused_not_a_server_error(panel, big) -> None:
    p = panel("doanvien")
    assert p.get(f"/scripts/{big}").status_code == 422
    token = p.client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    )
    r = p.client.get(
        f"/api/v1/scripts/{big}",
        headers={"Authorization": f"Bearer {token.json()['access_token']}"},
    )
    assert r.status_code == 422 and r.json()["reason_vi"]


@pytest.mark.parametrize("value", [str(2**63), str(2**64), "-3", "0", "١٢"])
def test_a_form_id_no_row_can_have_is_a_clear_refusal(panel, db, settings, value) -> None:
    refused(
        panel("doanvien"),
        db,
        settings,
        new_script_form(db, topic_id=value),
        says="Chủ đề không tồn tại",
    )

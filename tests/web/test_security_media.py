"""Issue 12, media (items 5 and 6): an upload is kept only when it is audio in a container we
list, checked on its contents (a playlist or concat script named .mp3 is refused: ffmpeg
would open the files it names), and no longer than the limit — by its header and by decoding
it, streamed, so a small file that decodes to hours of audio is refused without filling the
memory. Each refusal is a Vietnamese sentence and stores nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import counts, new_script_form, password_for

LONG_S = 3600  # an hour of silence: ~14 KB of FLAC


def ffmpeg(*args: str) -> None:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def silence_flac(path: Path, seconds: float) -> Path:
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "anullsrc=r=8000:cl=mono",
        "-t",
        str(seconds),
        "-c:a",
        "flac",
        "-sample_fmt",
        "s16",
        "-frame_size",
        "65535",
        str(path),
    )
    return path


def lying_flac(path: Path, *, seconds: float, claims_s: float) -> Path:
    """A FLAC of ``seconds`` whose STREAMINFO says it holds ``claims_s`` (8 kHz)."""
    data = bytearray(silence_flac(path, seconds).read_bytes())
    assert data[:4] == b"fLaC" and data[4] & 0x7F == 0  # STREAMINFO first
    at = 8 + 10  # sample rate (20 bits), channels (3), bits (5), total samples (36)
    packed = int.from_bytes(data[at : at + 8], "big")
    packed = (packed & ~((1 << 36) - 1)) | int(claims_s * 8000)
    data[at : at + 8] = packed.to_bytes(8, "big")
    path.write_bytes(bytes(data))
    return path


def tone(path: Path, *codec: str, seconds: float = 1.0) -> Path:
    ffmpeg("-f", "lavfi", "-i", f"sine=f=440:d={seconds}", "-ar", "16000", *codec, str(path))
    return path


def recording_form(db) -> dict:
    return new_script_form(db, kind="recording", text="")


def refused_upload(panel, db, settings, filename: str, data: bytes, *, says: str):
    p = panel("doanvien")
    before = counts(db, settings)
    r = p.post("/scripts/new", recording_form(db), files={"file": (filename, data, "audio/mpeg")})
    assert r.status_code == 422, r.text[:2000]
    assert says in r.text
    assert counts(db, settings) == before, "a refused upload stored something"
    return r


@pytest.fixture
def bearer(client) -> dict[str, str]:
    r = client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def api_refused(client, bearer, db, settings, filename: str, data: bytes) -> dict:
    form = recording_form(db)
    before = counts(db, settings)
    r = client.post(
        "/api/v1/scripts/recording",
        headers=bearer,
        files={"file": (filename, data)},
        data={"title": form["title"], "topic_id": form["topic_id"], "area_id": form["area_id"]},
    )
    assert r.status_code == 422, r.text
    assert counts(db, settings) == before, "a refused upload stored something"
    assert r.json()["field"] == "file"
    return r.json()


# --- 5. decode bombs --------------------------------------------------------------------------


def test_an_hour_of_silence_is_refused_by_its_length(
    panel, client, bearer, db, settings, tmp_path
) -> None:
    flac = silence_flac(tmp_path / "im-lang.flac", LONG_S).read_bytes()
    assert len(flac) < 50_000  # small on disk, an hour once decoded
    refused_upload(
        panel,
        db,
        settings,
        "ban-tin.flac",
        flac,
        says="Bản ghi âm dài 60 phút, vượt quá giới hạn 30 phút",
    )
    body = api_refused(client, bearer, db, settings, "ban-tin.flac", flac)
    assert body["reason_vi"] == "Bản ghi âm dài 60 phút, vượt quá giới hạn 30 phút."


def test_a_header_that_lies_about_the_length_is_refused_by_decoding(
    panel, db, settings, tmp_path
) -> None:
    liar = lying_flac(tmp_path / "noi-doi.flac", seconds=LONG_S, claims_s=60).read_bytes()
    refused_upload(
        panel,
        db,
        settings,
        "ban-tin.flac",
        liar,
        says="Bản ghi âm dài hơn 30 phút, vượt quá giới hạn 30 phút",
    )


# --- 6. only audio containers we list, judged by their contents ------------------------------


def test_a_playlist_named_mp3_is_refused(panel, client, bearer, db, settings, tmp_path) -> None:
    # A server-local file an HLS playlist could make the render read.
    secret = tone(tmp_path / "bi-mat.mp3", "-c:a", "libmp3lame")
    playlist = (
        f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n{secret}\n#EXT-X-ENDLIST\n"
    ).encode()
    refused_upload(panel, db, settings, "ban-tin.mp3", playlist, says="danh sách phát HLS")
    body = api_refused(client, bearer, db, settings, "ban-tin.mp3", playlist)
    assert "Tệp không phải âm thanh ở định dạng được chấp nhận" in body["reason_vi"]


def test_a_concat_script_is_refused(panel, db, settings) -> None:
    # concat's "safe" names are relative: what sits beside the spooled upload.
    tmp_dir = settings.assets_dir / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    tone(tmp_dir / "ben-canh.mp3", "-c:a", "libmp3lame")
    script = b"ffconcat version 1.0\nfile 'ben-canh.mp3'\nduration 1.0\n"
    refused_upload(panel, db, settings, "ban-tin.mp3", script, says="kịch bản ghép tệp concat")


@pytest.mark.parametrize(
    ("name", "codec"),
    [
        ("thu.m4a", ("-c:a", "aac")),
        ("thu.ogg", ("-c:a", "libopus")),
        ("thu.oga", ("-c:a", "libvorbis")),
        ("thu.flac", ("-c:a", "flac")),
    ],
)
def test_listed_containers_are_kept(panel, db, settings, tmp_path, name, codec) -> None:
    data = tone(tmp_path / name, *codec, seconds=1.5).read_bytes()
    p = panel("doanvien")
    r = p.post(
        "/scripts/new",
        {**recording_form(db), "action": "save"},
        files={"file": (name, data, "application/octet-stream")},
    )
    assert r.status_code == 303, r.text[:2000]


def test_a_browser_recording_without_a_length_in_it_is_kept(panel, db, settings, tmp_path) -> None:
    # MediaRecorder writes WebM as it goes: no duration in the header, none for ffprobe.
    webm = subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "sine=f=440:d=1.5",
            "-c:a",
            "libopus",
            "-f",
            "webm",
            "-",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", "-"],
        input=webm,
        capture_output=True,
        timeout=60,
    )
    assert probe.stdout.strip() in (b"N/A", b"")
    before = counts(db, settings)
    r = panel("doanvien").post(
        "/scripts/new",
        {**recording_form(db), "action": "save"},
        files={"file": ("ghi-am.webm", webm, "audio/webm")},
    )
    assert r.status_code == 303, r.text[:2000]
    assert counts(db, settings)["assets"] == before["assets"] + 1

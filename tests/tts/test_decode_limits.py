"""tts.decode under hostile files (issue 12, items 5 and 6): decoding stops at the length limit
whatever the header says, with memory bounded by the limit; playlists and concat scripts are
never opened, from a file or from bytes."""

from __future__ import annotations

import subprocess
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from tts.decode import decode_bytes, decode_upload, probe_audio
from tts.ports import AudioInputError

RATE = 8000


def ffmpeg(*args: str) -> None:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def lying_flac(path: Path, *, seconds: float, claims_s: float) -> Path:
    """``seconds`` of 8 kHz silence whose FLAC STREAMINFO says it holds ``claims_s``."""
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        f"anullsrc=r={RATE}:cl=mono",
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
    data = bytearray(path.read_bytes())
    at = 8 + 10  # after "fLaC" and the block header: rate, channels, bits, total samples (36 bits)
    packed = int.from_bytes(data[at : at + 8], "big")
    data[at : at + 8] = ((packed & ~((1 << 36) - 1)) | int(claims_s * RATE)).to_bytes(8, "big")
    path.write_bytes(bytes(data))
    return path


def test_a_header_that_lies_about_its_length_stops_the_decode_at_the_limit(tmp_path) -> None:
    liar = lying_flac(tmp_path / "noi-doi.flac", seconds=600, claims_s=1)
    assert probe_audio(liar).duration_s == pytest.approx(1.0)
    tracemalloc.start()
    try:
        with pytest.raises(AudioInputError) as err:
            decode_upload(liar, max_seconds=30)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "dài hơn 0,5 phút, vượt quá giới hạn 0,5 phút" in err.value.reason_vi
    # 30 s of float32 at 8 kHz is 0.96 MB; the whole file would be 19.2 MB.
    assert peak < 3 * 30 * RATE * 4, f"peak {peak / 1e6:.1f} MB"


def test_audio_within_the_limit_decodes_whole(tmp_path) -> None:
    # A header that says less than there is, but within the limit: all of it comes out.
    liar = lying_flac(tmp_path / "ngan.flac", seconds=20, claims_s=1)
    audio, sr = decode_upload(liar, max_seconds=30)
    assert sr == RATE and audio.size == 20 * RATE
    np.testing.assert_allclose(audio, 0.0)


def test_decoding_bytes_stops_at_the_limit_too(tmp_path) -> None:
    data = lying_flac(tmp_path / "noi-doi.flac", seconds=120, claims_s=1).read_bytes()
    with pytest.raises(AudioInputError, match=r"longer than 0\.5 minutes"):
        decode_bytes(data, sample_rate=RATE, max_seconds=30)
    assert decode_bytes(data, sample_rate=RATE, max_seconds=150).size == 120 * RATE


def _hls_and_concat(tmp_path: Path) -> dict[str, Path]:
    ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=1", "-c:a", "libmp3lame", str(tmp_path / "seg.mp3"))
    playlist = tmp_path / "playlist.mp3"
    playlist.write_text(
        f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n{tmp_path / 'seg.mp3'}\n#EXT-X-ENDLIST\n"
    )
    concat = tmp_path / "concat.mp3"
    concat.write_text("ffconcat version 1.0\nfile 'seg.mp3'\nduration 1.0\n")
    return {"hls": playlist, "concat": concat}


@pytest.mark.parametrize("kind", ["hls", "concat"])
def test_playlists_and_concat_scripts_are_not_opened(tmp_path, kind) -> None:
    path = _hls_and_concat(tmp_path)[kind]
    with pytest.raises(AudioInputError) as err:
        decode_upload(path)
    assert "không thuộc định dạng được chấp nhận" in err.value.reason_vi
    with pytest.raises(AudioInputError):
        probe_audio(path)
    with pytest.raises(AudioInputError):
        decode_bytes(path.read_bytes(), sample_rate=RATE)

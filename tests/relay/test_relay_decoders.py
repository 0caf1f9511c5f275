"""Which decoder relays an mp3 stream: mpg123 (a few MB resident) fed only whole MPEG audio
frames, or ffmpeg when mpg123 is absent, switched off, or the stream's start is not MPEG
audio. On real parts: icecast2 on loopback fed by ffmpeg, the simulated card in real time."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from hardware.relay_source import (
    MpegFramer,
    RelaySettings,
    RelaySource,
    StreamFault,
    mpeg_frame_header,
)

from .conftest import SR, dominant_hz, need_tool, rms_db
from .test_relay_source import FALLBACK_HZ, STREAM_HZ, relay_window, seg


def _need_mpg123() -> None:
    need_tool("mpg123", "mpg123")


def _encode(tmp_path: Path, name: str, *args: str) -> bytes:
    """A 3 s tone encoded by ffmpeg: `args` are the codec and container options."""
    need_tool("ffmpeg", "ffmpeg")
    out = tmp_path / name
    tone = "sine=frequency=440:sample_rate=44100:duration=3"
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", tone]
    subprocess.run(
        [*cmd, *args, str(out)],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return out.read_bytes()


def _frames_of(data: bytes) -> list[bytes]:
    """The frames of a framer's output, walked header to header (each must be one)."""
    frames, i = [], 0
    while i < len(data):
        h = mpeg_frame_header(data, i)
        assert h is not None, f"not a frame header at {i}"
        frames.append(data[i : i + h[0]])
        i += h[0]
    assert i == len(data)
    return frames


# ---- the framer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "length"),
    [
        (b"\xff\xfb\x90\x64", 417),  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz
        (b"\xff\xfb\x92\x64", 418),  # the same, padded
        (b"\xff\xf3\x80\xc4", 208),  # MPEG-2 layer III, 64 kbit/s, 22.05 kHz
        (b"\xff\xfd\x44\x00", 192),  # MPEG-1 layer II, 64 kbit/s, 48 kHz
    ],
)
def test_frame_lengths_from_the_header(header, length):
    h = mpeg_frame_header(header, 0)
    assert h is not None and h[0] == length


@pytest.mark.parametrize(
    "header",
    [
        b"\xff\xfb\x00\x64",  # free format: not framed here
        b"\xff\xfb\xf0\x64",  # bad bitrate index
        b"\xff\xfb\x9c\x64",  # reserved sample rate
        b"\xff\xf9\x90\x64",  # layer bits 00 (an ADTS AAC header looks like this)
        b"\xff\xeb\x90\x64",  # reserved version
        b"\xff\xfb\x90\x66",  # reserved emphasis
        b"\x00\xfb\x90\x64",
    ],
)
def test_what_is_not_a_frame_header(header):
    assert mpeg_frame_header(header, 0) is None


def test_the_framer_passes_whole_frames_whatever_the_chunking(tmp_path):
    data = _encode(tmp_path, "t.mp3", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k")
    whole = MpegFramer()
    out = whole.feed(data)
    frames = _frames_of(out)
    assert len(frames) > 100 and whole.locked
    assert whole.skipped < 1000  # the ID3 tag ffmpeg writes; the last frame waits for the next
    assert out in data
    for step in (1, 7, 4096):
        f = MpegFramer()
        assert b"".join(f.feed(data[i : i + step]) for i in range(0, len(data), step)) == out


def test_junk_in_the_stream_never_reaches_the_decoder(tmp_path):
    data = _encode(tmp_path, "t.mp3", "-c:a", "libmp3lame", "-b:a", "64k")
    rng = np.random.default_rng(1)
    junk = rng.integers(0, 256, 5000, dtype=np.uint8).tobytes()
    cut = len(data) // 2
    f = MpegFramer()
    out = f.feed(data[:cut] + junk + data[cut:])
    frames = _frames_of(out)
    assert all(fr in data for fr in frames)  # every frame passed is one of the stream's own
    assert f.skipped >= len(junk)
    clean = MpegFramer().feed(data)
    assert len(clean) - len(out) < 3 * 250  # the frame the junk cut, and the chain to relock


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("t.aac", ("-c:a", "aac", "-b:a", "64k", "-f", "adts")),
        ("t.ogg", ("-c:a", "libvorbis", "-b:a", "64k", "-f", "ogg")),
    ],
)
def test_another_codec_is_not_framed(tmp_path, name, args):
    data = _encode(tmp_path, name, *args)
    f = MpegFramer()
    assert f.feed(data) == b"" and not f.locked and f.skipped > len(data) - 4


def test_a_stream_that_stops_being_mpeg_audio_is_a_fault(tmp_path):
    data = _encode(tmp_path, "t.mp3", "-c:a", "libmp3lame", "-b:a", "64k")
    src = RelaySource(
        "http://127.0.0.1:9/x", "mp3", sample_rate=SR, frames=SR, start_at=0.0, clock=lambda: 0.0
    )
    f = MpegFramer()
    first = f.feed(data[:4000])
    noise = [bytes(16384)] * 5  # 80 KB with no frame in it
    got = src._framed(f, first, iter([data[4000:8000], *noise]))
    with pytest.raises(StreamFault, match="no MPEG audio frame"):
        for _ in got:
            pass


# ---- on icecast2 -----------------------------------------------------------------------


def test_mp3_is_decoded_by_mpg123_when_it_is_installed(icecast, mount):
    _need_mpg123()
    icecast.feed(mount, freq=STREAM_HZ)
    src, handle, played = relay_window(icecast.url(mount), "mp3", 5.0, lead_s=4.0)
    st = src.stats
    assert handle.state.value == "finished" and st.decoder == "mpg123"
    assert st.dropouts == [] and st.relayed_frames + st.pad_frames == 5 * SR
    assert not np.any(played[: st.pad_frames])
    assert dominant_hz(seg(played, 1.0, 2.5)) == pytest.approx(STREAM_HZ, abs=3)
    assert 0 < st.gain_db <= 6.0 and rms_db(seg(played, 2.0, 2.9)) <= -16.0 + 1.0


@pytest.mark.parametrize("mpg123", ["", "/nonexistent/mpg123"], ids=["switched-off", "absent"])
def test_ffmpeg_decodes_mp3_without_mpg123(icecast, mount, mpg123):
    icecast.feed(mount, freq=STREAM_HZ)
    settings = RelaySettings(stall_s=1.0, backoff_s=(0.3, 0.6, 1.0), mpg123=mpg123)
    src, handle, played = relay_window(
        icecast.url(mount), "mp3", 5.0, lead_s=4.0, settings=settings
    )
    st = src.stats
    assert handle.state.value == "finished" and st.decoder == "ffmpeg"
    assert st.dropouts == [] and st.relayed_frames > 0
    assert dominant_hz(seg(played, 1.0, 2.5)) == pytest.approx(STREAM_HZ, abs=3)


def test_aac_under_an_mp3_content_type_is_never_noise(icecast, mount):
    # mpg123 fed these bytes raw would find false frame syncs in them and play bursts of noise;
    # no frame chain is found, so ffmpeg gets them and refuses them as mp3
    _need_mpg123()
    icecast.feed(mount, codec="aac", content_type="audio/mpeg")
    src, _handle, played = relay_window(icecast.url(mount), "mp3", 4.0)
    st = src.stats
    assert st.relayed_frames == 0 and st.decoder == "ffmpeg"
    assert st.dropouts and st.dropouts[0].played == "fallback:fb"
    fb = st.dropouts[0].fallback_frame
    assert fb is not None
    assert not np.any(played[: st.dropouts[0].start_frame])  # silence, never noise, before it
    assert dominant_hz(seg(played, fb / SR + 0.1, fb / SR + 1.0)) == pytest.approx(
        FALLBACK_HZ, abs=3
    )

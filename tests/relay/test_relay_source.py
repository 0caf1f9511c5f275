"""The relay source on real parts: icecast2 on loopback fed by ffmpeg, an HLS station, the
simulated sound card's mixer in real time. Each fault is recorded with its reason and what
was played instead (the fallback item's own tone, or silence), and nothing crashes."""

from __future__ import annotations

import socket
import time

import numpy as np
import pytest

from hardware.relay_source import (
    LoudnessFollower,
    RelayError,
    RelaySettings,
    RelaySource,
    StreamFault,
    _parse_media,
    _pick_variant,
    check_url,
)
from hardware.sim_output import SimAudioOutput
from hardware.source import AudioSource

from .conftest import SR, dominant_hz, rms_db, wait_until

STREAM_HZ = 440.0
FALLBACK_HZ = 1000.0


def fallback_factory(opened: list[int]):
    t = np.arange(SR * 30) / SR
    tone = (0.3 * np.sin(2 * np.pi * FALLBACK_HZ * t)).astype(np.float32)

    def open_() -> AudioSource:
        opened.append(1)
        return AudioSource.from_array(tone, SR)

    return open_


def relay_window(
    url: str,
    fmt: str,
    seconds: float,
    *,
    lead_s: float = 3.0,
    during=None,
    settings: RelaySettings | None = None,
    fallback: bool = True,
):
    """Arm a relay window on a real-time simulated card; `during(t)` is called as the window
    plays with the seconds since its start. Returns (source, handle, played audio)."""
    out = SimAudioOutput(sample_rate=SR, realtime=True)
    out.start()
    opened: list[int] = []
    try:
        start_at = out.clock() + lead_s
        src = RelaySource(
            url,
            fmt,
            sample_rate=SR,
            frames=round(seconds * SR),
            start_at=start_at,
            clock=out.clock,
            settings=settings or RelaySettings(stall_s=1.0, backoff_s=(0.3, 0.6, 1.0)),
            fallback=fallback_factory(opened) if fallback else None,
            fallback_label="fb" if fallback else "",
            name="test",
        ).start()
        handle = out.schedule(src, start_at, token="relay")
        while not handle.done:
            if during is not None:
                during(out.clock() - start_at)
            time.sleep(0.05)
        # the handle is final a moment before the card files its record
        assert wait_until(lambda: any(r.token == "relay" for r in out.played), 5.0)
        played = out.samples_of("relay")[:, 0]
        return src, handle, played
    finally:
        out.stop()


def seg(x: np.ndarray, a: float, b: float) -> np.ndarray:
    return x[int(a * SR) : int(b * SR)]


# ---- pure parts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://x/vov1", "http:///nohost", "javascript:alert(1)"]
)
def test_only_http_and_https_urls_are_opened(url):
    with pytest.raises(RelayError) as exc:
        check_url(url)
    assert exc.value.code == "relay_url"
    assert "http" in exc.value.reason_vi


def test_an_unknown_format_is_refused():
    with pytest.raises(RelayError) as exc:
        RelaySource(
            "http://127.0.0.1:9/x",
            "wma",
            sample_rate=SR,
            frames=SR,
            start_at=0,
            clock=time.monotonic,
        )
    assert exc.value.code == "relay_format"


def test_loudness_follow_is_gentle_bounded_and_never_above_the_target():
    s = RelaySettings(target_lufs=-16.0, max_boost_db=6.0, max_cut_db=20.0, slew_db_per_s=2.0)
    t = np.arange(SR * 12) / SR
    loud = (0.9 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)  # about -4 LUFS
    f = LoudnessFollower(SR, s)
    gains = []
    for i in range(0, len(loud), 2048):
        f.process(loud[i : i + 2048])
        gains.append(f.gain_db)
    steps = np.diff(gains)
    assert np.all(np.abs(steps) <= s.slew_db_per_s * 2048 / SR + 1e-9)  # gentle
    assert gains[-1] < -10  # turned down toward the target
    quiet = (0.01 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)  # about -43 LUFS
    g = LoudnessFollower(SR, s)
    for i in range(0, len(quiet), 2048):
        g.process(quiet[i : i + 2048])
    assert g.gain_db == pytest.approx(6.0)  # boost capped: a quiet VOV stays quiet
    silence = np.zeros(SR * 5, dtype=np.float32)
    h = LoudnessFollower(SR, s)
    for i in range(0, len(silence), 2048):
        h.process(silence[i : i + 2048])
    assert h.gain_db == 0.0  # a pause does not pump the gain up


@pytest.mark.parametrize("kind", ["speech-band noise", "30 Hz", "440 Hz", "5 kHz"])
def test_short_term_loudness_agrees_with_pyloudnorm(kind):
    import pyloudnorm

    rng = np.random.default_rng(3)
    t = np.arange(SR * 4) / SR
    x = {
        "speech-band noise": 0.1 * rng.standard_normal(len(t)),
        "30 Hz": 0.25 * np.sin(2 * np.pi * 30 * t),
        "440 Hz": 0.25 * np.sin(2 * np.pi * 440 * t),
        "5 kHz": 0.25 * np.sin(2 * np.pi * 5000 * t),
    }[kind].astype(np.float32)
    f = LoudnessFollower(SR, RelaySettings(), window_s=3.0)
    for i in range(0, len(x), 2048):
        f.process(x[i : i + 2048])
    want = pyloudnorm.Meter(SR).integrated_loudness(x[-3 * SR :].astype(np.float64))
    assert f.loudness == pytest.approx(want, abs=0.3)


def test_hls_playlists_are_read():
    master = (
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=128000\nhi/index.m3u8\n"
        "#EXT-X-STREAM-INF:BANDWIDTH=48000\nlo/index.m3u8\n"
    )
    assert _pick_variant("http://h/live/master.m3u8", master) == "http://h/live/lo/index.m3u8"
    media = (
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:41\n"
        "#EXTINF:2.0,\na.ts\n#EXTINF:2.0,\nb.ts\n"
    )
    pl = _parse_media(media)
    assert pl.segments == [(41, "a.ts"), (42, "b.ts")] and pl.target_s == 2.0
    assert not pl.ended and not pl.encrypted
    assert _parse_media(media + "#EXT-X-ENDLIST\n").ended
    assert _parse_media('#EXT-X-KEY:METHOD=AES-128,URI="k"\n' + media).encrypted
    # a playlist cannot send the unit to a file or another scheme
    with pytest.raises(StreamFault) as exc:
        _pick_variant(
            "http://h/m.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nfile:///etc/passwd\n"
        )
    assert "non-HTTP" in exc.value.reason and "không phải HTTP" in exc.value.reason_vi


# ---- on icecast2 -----------------------------------------------------------------------


def test_the_stream_plays_from_the_window_start_at_the_station_loudness(icecast, mount):
    icecast.feed(mount, freq=STREAM_HZ)
    src, handle, played = relay_window(icecast.url(mount), "mp3", 6.0, lead_s=5.0)
    st = src.stats
    assert handle.state.value == "finished"
    assert len(played) == 6 * SR
    # buffered before the window, the first sample is relayed (on a loaded machine the stream
    # may come a moment late: then silence, never noise, until it does; bench.relay times it)
    assert st.first_stream_frame == st.pad_frames
    assert st.dropouts == [] and st.relayed_frames + st.pad_frames == 6 * SR
    assert st.bytes > 0 and src.decoder_pid is None  # the decoder is gone at the end
    assert not np.any(played[: st.pad_frames])
    assert dominant_hz(seg(played, 1.5, 2.5)) == pytest.approx(STREAM_HZ, abs=3)
    assert dominant_hz(seg(played, 2.0, 3.5)) == pytest.approx(STREAM_HZ, abs=3)
    # a quiet tone (about -21.7 LUFS) is brought up, but never past the target
    assert 0 < st.gain_db <= 6.0
    assert rms_db(seg(played, 3.0, 3.9)) <= -16.0 + 1.0
    assert rms_db(played[-200:]) < rms_db(seg(played, 3.0, 3.9)) - 20  # faded at the end
    assert abs(played[-1]) < 1e-3


def test_source_killed_mid_window_plays_the_fallback_then_resumes(icecast, mount):
    state = {"src": icecast.feed(mount, freq=STREAM_HZ), "phase": 0}

    def during(t: float) -> None:
        if state["phase"] == 0 and t >= 2.0:
            state["src"].kill()  # the source dies mid-window
            state["phase"] = 1
        elif state["phase"] == 1 and t >= 7.0:
            state["src"] = icecast.feed(mount, freq=STREAM_HZ, wait=False)
            state["phase"] = 2

    src, handle, played = relay_window(icecast.url(mount), "mp3", 14.0, during=during)
    st = src.stats
    assert handle.state.value == "finished"
    assert len(st.dropouts) == 1
    d = st.dropouts[0]
    assert d.played == "fallback:fb" and d.end_frame is not None  # resumed
    assert d.reason and d.reason_vi
    a, b = d.start_frame / SR, d.end_frame / SR
    assert 2.0 <= a < 7.0 < b < 13.5
    fb = d.fallback_frame / SR
    assert dominant_hz(seg(played, fb + 0.1, min(fb + 1.1, b))) == pytest.approx(FALLBACK_HZ, abs=3)
    assert dominant_hz(seg(played, b + 0.2, b + 0.8)) == pytest.approx(STREAM_HZ, abs=3)
    assert dominant_hz(seg(played, 0.2, 1.5)) == pytest.approx(STREAM_HZ, abs=3)
    fields = st.fields()
    assert fields["dropouts"] == 1 and fields["dropout_s"] == pytest.approx(b - a, abs=0.01)
    assert fields["dropout_list"][0]["played_instead"] == "fallback:fb"
    assert st.connects >= 2


def test_server_down_at_the_start_is_a_dropout_from_the_first_sample(icecast):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    src, handle, played = relay_window(f"http://127.0.0.1:{port}/vov1", "mp3", 4.0)
    st = src.stats
    assert handle.state.value == "finished"  # the card played the window: fallback
    assert st.relayed_frames == 0 and st.first_stream_frame is None
    [d] = st.dropouts
    assert d.start_frame == 0 and d.end_frame == 4 * SR
    assert "cannot connect" in d.reason and "không kết nối được" in d.reason_vi
    assert dominant_hz(seg(played, 0.5, 3.0)) == pytest.approx(FALLBACK_HZ, abs=3)
    assert st.connects >= 2  # it kept trying


def test_silence_instead_of_the_fallback_when_configured(icecast):
    src, _handle, played = relay_window(
        f"http://127.0.0.1:{icecast.port}/nothing-here",
        "mp3",
        3.0,
        settings=RelaySettings(on_dropout="silence", stall_s=1.0),
    )
    [d] = src.stats.dropouts
    assert d.played == "silence"
    assert not np.any(played)  # the amplifier stays on, the horns are silent
    assert len(played) == 3 * SR


def test_a_404_is_a_dropout_with_its_reason(icecast):
    src, _handle, played = relay_window(
        f"http://127.0.0.1:{icecast.port}/no-such-mount", "mp3", 3.0
    )
    [d] = src.stats.dropouts
    assert "HTTP 404" in d.reason and "HTTP 404" in d.reason_vi
    assert d.played == "fallback:fb"
    assert dominant_hz(seg(played, 0.2, 2.5)) == pytest.approx(FALLBACK_HZ, abs=3)


def test_a_wrong_content_type_is_a_dropout_not_noise(icecast, mount):
    icecast.feed(mount, content_type="text/html")  # mp3 bytes, served as a web page
    src, _handle, played = relay_window(icecast.url(mount), "mp3", 3.0)
    st = src.stats
    [d] = st.dropouts
    assert "wrong content type 'text/html'" in d.reason
    assert "sai kiểu nội dung" in d.reason_vi
    assert st.relayed_frames == 0  # not one byte of it reached the horns
    assert dominant_hz(seg(played, 0.2, 2.5)) == pytest.approx(FALLBACK_HZ, abs=3)


def test_bytes_of_another_codec_are_refused_by_the_decoder(icecast, mount):
    # an ogg stream that claims to be mp3: the content type passes, the mp3 decoder refuses
    icecast.feed(mount, codec="ogg", content_type="audio/mpeg")
    src, _handle, played = relay_window(icecast.url(mount), "mp3", 3.0)
    st = src.stats
    assert st.relayed_frames == 0
    assert st.dropouts and st.dropouts[0].played == "fallback:fb"
    reasons = " ".join(d.reason for d in st.dropouts) + " " + str(st.last_error)
    assert "decoder cannot read the stream as mp3" in reasons or "no audio" in reasons
    assert dominant_hz(seg(played, 0.2, 2.5)) == pytest.approx(FALLBACK_HZ, abs=3)


def test_a_10_s_stall_is_bridged_by_the_fallback_and_the_relay_resumes(icecast, mount):
    state = {"src": icecast.feed(mount, freq=STREAM_HZ), "phase": 0}

    def during(t: float) -> None:
        if state["phase"] == 0 and t >= 2.0:
            state["src"].pause()  # the station stalls: connected, not a byte
            state["phase"] = 1
        elif state["phase"] == 1 and t >= 12.0:
            state["src"].resume()
            state["phase"] = 2

    src, handle, played = relay_window(icecast.url(mount), "mp3", 18.0, during=during)
    st = src.stats
    assert handle.state.value == "finished"
    assert st.dropouts, "the stall must be seen"
    d = st.dropouts[0]
    assert d.played == "fallback:fb"
    assert d.end_frame is not None and d.end_frame / SR < 17.5  # resumed in the window
    last = st.dropouts[-1]
    assert last.end_frame is not None and last.end_frame < 18 * SR
    fb = d.fallback_frame / SR
    assert dominant_hz(seg(played, fb + 0.1, fb + 1.0)) == pytest.approx(FALLBACK_HZ, abs=3)
    e = d.end_frame / SR  # the stream again (a catch-up burst may cause a short second gap)
    assert dominant_hz(seg(played, e + 0.2, e + 1.2)) == pytest.approx(STREAM_HZ, abs=4)


# ---- HLS -------------------------------------------------------------------------------


def test_hls_relays_and_a_playlist_whose_segments_stop_is_a_dropout(hls):
    state = {"phase": 0}

    def during(t: float) -> None:
        if state["phase"] == 0 and t >= 3.0:
            hls.stop_segments()  # the playlist stays, no new segment comes
            state["phase"] = 1

    src, handle, played = relay_window(hls.url, "hls", 12.0, during=during, lead_s=4.0)
    st = src.stats
    assert handle.state.value == "finished"
    assert st.relayed_frames > 2 * SR
    assert dominant_hz(seg(played, 0.5, 2.5)) == pytest.approx(660.0, abs=3)
    assert st.dropouts
    d = st.dropouts[0]
    assert d.played == "fallback:fb"
    fb = d.fallback_frame / SR
    assert dominant_hz(seg(played, fb + 0.1, fb + 1.0)) == pytest.approx(FALLBACK_HZ, abs=3)
    assert st.bytes > 0


def test_an_hls_address_that_is_not_a_playlist_is_refused(icecast, mount):
    icecast.feed(mount)
    src, _h, _p = relay_window(icecast.url(mount), "hls", 2.0)
    assert "wrong content type 'audio/mpeg' for an HLS playlist" in src.stats.dropouts[0].reason

"""Relaying a higher-level station (tiếp sóng): a live stream as one more `Source` of the mixer.

`RelaySource` plays one relay window. A fetch thread reads the stream over HTTP(S)
(Icecast/Shoutcast mp3, aac, ogg; or HLS: playlist and segments) and pipes the bytes into a
decoder child process that decodes them to mono float PCM at the card's rate: for an mp3
stream `mpg123` (≈ 3 MB resident) when it is installed, fed only whole MPEG audio frames the
fetch thread has checked (`MpegFramer`); for everything else, or without mpg123, or a stream
whose start is not a clean chain of MPEG audio frames, ffmpeg (≈ 50 MB resident, most of it
the pages of its shared libraries). A second thread
reads the PCM, follows its short-term loudness (BS.1770 K-weighting, 3 s) toward the station
target with a slow, bounded gain (never louder than the target: the commune's own bulletins
are mastered to it) and queues it in a bounded intake. `fill()` (the output's feeder thread,
like a file source) moves audio from the intake into the voice's ring; `read_into()` (the audio
callback) only copies out of the ring, exactly like `AudioSource`.

The window is `frames` long, counted from the window start: the voice ends on its last frame,
faded over `end_fade_s`. What fills it at each moment is, in order of preference, the stream;
when the stream is gone (nothing decoded for `stall_s`, or a refused connection, a wrong
content type, a 404, a decoder error) the channel's fallback item, played once from its start
(or silence when there is none or the config says so, the amplifier staying on); then
silence. The fetch thread reconnects with backoff all the while and the relay resumes as soon
as `resume_s` of fresh audio has arrived. Every dropout is recorded (`RelayStats`): when it
began and ended in window frames, why, and what was played instead.

No device is opened here and nothing waits in `read_into`; the decoder is one child process
with a bounded pipe, and the intake holds at most `intake_max_s` of audio.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import math
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np

from hardware.errors import HardwareError
from hardware.ports import Source
from hardware.ring import FrameRing

log = logging.getLogger("loa.relay")

FORMATS = ("mp3", "aac", "ogg", "hls")

# Content types a stream of each format may be served with (parameters stripped, lower case).
CONTENT_TYPES: dict[str, frozenset[str]] = {
    "mp3": frozenset({"audio/mpeg", "audio/mp3", "audio/x-mpeg", "audio/mpeg3", "audio/x-mp3"}),
    "aac": frozenset(
        {"audio/aac", "audio/aacp", "audio/x-aac", "audio/x-aacp", "audio/mp4", "audio/mp4a-latm"}
    ),
    "ogg": frozenset({"audio/ogg", "application/ogg", "audio/x-ogg", "audio/opus", "audio/vorbis"}),
    "hls": frozenset(
        {
            "application/vnd.apple.mpegurl",
            "application/x-mpegurl",
            "audio/mpegurl",
            "audio/x-mpegurl",
            "application/mpegurl",
        }
    ),
}
HLS_SEGMENT_TYPES = frozenset(
    {
        "video/mp2t",
        "video/mpeg",
        "audio/mp2t",
        "audio/aac",
        "audio/x-aac",
        "audio/aacp",
        "audio/mpeg",
        "application/octet-stream",
        "binary/octet-stream",
    }
)
_DEMUXER = {"mp3": "mp3", "aac": "aac", "ogg": "ogg"}
_HLS_SEGMENT_DEMUXER = {".ts": "mpegts", ".aac": "aac", ".mp3": "mp3", ".adts": "aac"}
USER_AGENT = "Loa-unit relay (tiep song)"
_MP3_SNIFF_BYTES = 16 * 1024  # an mp3 stream not framed within this goes to ffmpeg
_MP3_MAX_JUNK = 64 * 1024  # this many bytes in a row that are no frame: the stream is broken


class RelayError(HardwareError):
    """The relay cannot be set up (no ffmpeg, a URL that is not http/https, a bad format)."""

    default_code = "relay"


class StreamFault(Exception):
    """Why one connection to the stream ended: `reason` (en) and `reason_vi`."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(reason)
        self.reason, self.reason_vi = reason, reason_vi


@dataclass(frozen=True)
class RelaySettings:
    """How the unit relays (the `[relay]` section of the unit's config)."""

    target_lufs: float = -16.0  # the station target: bulletins are mastered to it
    max_boost_db: float = 6.0
    max_cut_db: float = 20.0
    slew_db_per_s: float = 2.0  # gentle: the gain moves at most this fast
    gate_lufs: float = -45.0  # quieter than this (a pause) leaves the gain where it is
    buffer_s: float = 0.5  # audio kept in the ring while the window plays
    intake_max_s: float = 2.0  # decoded audio waiting for the ring; the oldest goes beyond
    stall_s: float = 1.5  # no decoded audio this long: a dropout
    resume_s: float = 0.5  # fresh audio needed to resume after a dropout
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0  # a connection with no byte this long is closed and reopened
    backoff_s: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
    switch_fade_s: float = 0.03  # crossing between stream, fallback and silence
    end_fade_s: float = 2.0  # the window's end
    on_dropout: str = "fallback"  # fallback | silence
    ffmpeg: str = "ffmpeg"
    mpg123: str = "mpg123"  # the decoder of mp3 streams when installed; "" = always ffmpeg


@dataclass
class Dropout:
    """One gap in the stream, in frames of the window (0 = the window's first frame)."""

    start_frame: int
    reason: str
    reason_vi: str
    played: str  # "fallback:<item>" | "silence"
    end_frame: int | None = None  # None: lasted to the window's end
    detected_at: float = 0.0  # clock time the unit declared it
    fallback_frame: int | None = None  # window frame of the fallback's first sample
    resumed_at: float | None = None  # clock time fresh audio was there again

    def as_dict(self, sample_rate: int, total: int) -> dict[str, Any]:
        end = self.end_frame if self.end_frame is not None else total
        return {
            "start_s": round(self.start_frame / sample_rate, 3),
            "length_s": round((end - self.start_frame) / sample_rate, 3),
            "reason": self.reason,
            "reason_vi": self.reason_vi,
            "played_instead": self.played,
        }


@dataclass
class RelayStats:
    """What the window got: for the as-run entry and the benchmark."""

    sample_rate: int
    total_frames: int
    relayed_frames: int = 0  # stream audio written into the window
    pad_frames: int = 0  # silence while the stream was late but not yet gone
    fallback_frames: int = 0
    bytes: int = 0  # bytes received from the network (playlists and segments included)
    connects: int = 0
    first_stream_frame: int | None = None  # window frame of the first relayed sample
    dropouts: list[Dropout] = field(default_factory=list)
    last_error: tuple[str, str] | None = None
    gain_db: float = 0.0
    decoder: str | None = None  # the last connection's decoder: "mpg123" | "ffmpeg"

    @property
    def relayed_s(self) -> float:
        return self.relayed_frames / self.sample_rate

    @property
    def dropout_s(self) -> float:
        sr, tot = self.sample_rate, self.total_frames
        return sum(
            ((d.end_frame if d.end_frame is not None else tot) - d.start_frame) / sr
            for d in self.dropouts
        )

    def fields(self) -> dict[str, Any]:
        """The as-run fields of the contract (and the dropouts themselves)."""
        return {
            "relayed_s": round(self.relayed_s, 3),
            "dropouts": len(self.dropouts),
            "dropout_s": round(self.dropout_s, 3),
            "bytes": self.bytes,
            "dropout_list": [
                d.as_dict(self.sample_rate, self.total_frames) for d in self.dropouts[:50]
            ],
        }


# --------------------------------------------------------------------------- loudness follow


def _biquad(kind: str, fc: float, q: float, gain_db: float, rate: int) -> np.ndarray:
    """RBJ cookbook biquad [b0, b1, b2, a0, a1, a2] as BS.1770 / pyloudnorm design them."""
    big_a = 10 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * fc / rate
    alpha = math.sin(w0) / (2.0 * q)
    c, sq = math.cos(w0), math.sqrt(big_a)
    if kind == "high_shelf":
        return np.array(
            [
                big_a * ((big_a + 1) + (big_a - 1) * c + 2 * sq * alpha),
                -2 * big_a * ((big_a - 1) + (big_a + 1) * c),
                big_a * ((big_a + 1) + (big_a - 1) * c - 2 * sq * alpha),
                (big_a + 1) - (big_a - 1) * c + 2 * sq * alpha,
                2 * ((big_a - 1) - (big_a + 1) * c),
                (big_a + 1) - (big_a - 1) * c - 2 * sq * alpha,
            ]
        )
    return np.array([(1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha])


class LoudnessFollower:
    """Short-term loudness (BS.1770 K-weighting over `window_s`) and a slow gain toward a
    target: at most `max_boost_db` up (never above the target), `max_cut_db` down, moving at
    most `slew_db_per_s`; audio quieter than `gate_lufs` leaves the gain where it is.

    The K-weighted energy of each block is taken in the frequency domain (numpy's FFT times
    the power response of BS.1770's two filters, the coefficients pyloudnorm uses): scipy,
    which a time-domain filter would need, costs 75 MB of resident memory on the unit."""

    def __init__(self, sample_rate: int, settings: RelaySettings, window_s: float = 3.0) -> None:
        self._sr = sample_rate
        self._stages = (
            _biquad("high_shelf", 1500.0, 1 / math.sqrt(2), 4.0, sample_rate),
            _biquad("high_pass", 38.0, 0.5, 0.0, sample_rate),
        )
        self._weights: dict[int, np.ndarray] = {}
        self._s = settings
        self._window = int(window_s * sample_rate)
        self._energy: collections.deque[tuple[int, float]] = collections.deque()  # (n, sum sq)
        self._sum_n = 0
        self._sum_e = 0.0
        self.gain_db = 0.0
        self.loudness: float | None = None

    def _power_weights(self, n: int) -> np.ndarray:
        """|H_K|² at the rfft bins of an n-sample block, with Parseval's factors folded in."""
        w = self._weights.get(n)
        if w is None:
            z = np.exp(-1j * np.pi * np.arange(n // 2 + 1) / (n / 2))  # e^{-jω} per bin
            h = np.ones_like(z)
            for b0, b1, b2, a0, a1, a2 in self._stages:
                h *= (b0 + b1 * z + b2 * z * z) / (a0 + a1 * z + a2 * z * z)
            w = np.abs(h) ** 2 * 2.0 / n
            w[0] /= 2.0
            if n % 2 == 0:
                w[-1] /= 2.0
            if len(self._weights) > 16:
                self._weights.clear()
            self._weights[n] = w
        return w

    def weighted_energy(self, x: np.ndarray) -> float:
        """Σ y² of the K-weighted block (circular: edges blur over a 3 s window)."""
        spec = np.fft.rfft(x.astype(np.float64))
        return float(np.dot(spec.real**2 + spec.imag**2, self._power_weights(len(x))))

    def process(self, x: np.ndarray) -> np.ndarray:
        """Measure `x` (mono float32) and return it with the gain applied (a ramp inside)."""
        n = len(x)
        if n == 0:
            return x
        self._energy.append((n, self.weighted_energy(x)))
        self._sum_n += n
        self._sum_e += self._energy[-1][1]
        while self._sum_n - self._energy[0][0] >= self._window:
            m, e = self._energy.popleft()
            self._sum_n -= m
            self._sum_e -= e
        s = self._s
        before = self.gain_db
        if self._sum_n >= self._sr // 2:  # half a second before the first judgement
            ms = max(self._sum_e / self._sum_n, 1e-12)
            lufs = -0.691 + 10.0 * math.log10(ms)
            self.loudness = lufs
            if lufs > s.gate_lufs:
                want = min(s.target_lufs - lufs, s.max_boost_db)
                want = max(want, -s.max_cut_db)
                step = s.slew_db_per_s * n / self._sr
                self.gain_db = before + max(-step, min(step, want - before))
        g0, g1 = 10.0 ** (before / 20.0), 10.0 ** (self.gain_db / 20.0)
        if g0 == g1:
            return (x * np.float32(g0)).astype(np.float32, copy=False)
        ramp = np.linspace(g0, g1, n, dtype=np.float32)
        return (x * ramp).astype(np.float32, copy=False)


# --------------------------------------------------------------------------- HTTP helpers


def _content_type(headers: Any) -> str:
    raw = headers.get("Content-Type") or ""
    return str(raw).split(";", 1)[0].strip().lower()


def check_url(url: str) -> None:
    """Only http(s) URLs are opened (the bundle's verifier refuses others too)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RelayError(
            f"a relay URL must be http or https: {url!r}",
            f"địa chỉ tiếp sóng phải là http hoặc https: {url!r}",
            code="relay_url",
        )


def _stream_url(url: str) -> str:
    """A URL the stream itself names (an HLS variant or segment): http(s) only."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise StreamFault(
            f"the playlist names a non-HTTP address {url!r}",
            f"danh sách phát trỏ tới địa chỉ không phải HTTP {url!r}",
        )
    return url


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http/https (urllib's default too), at most 5."""

    max_redirections = 5

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str):  # type: ignore[no-untyped-def]
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise StreamFault(
                f"redirected to a non-HTTP address {newurl!r}",
                f"bị chuyển hướng tới địa chỉ không phải HTTP {newurl!r}",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpsOnlyRedirects())


def _open(url: str, timeout: float) -> Any:
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Icy-MetaData": "0"})
    try:
        return _OPENER.open(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise StreamFault(
            f"the stream server answered HTTP {exc.code} {exc.reason}",
            f"máy chủ luồng trả lời HTTP {exc.code} {exc.reason}",
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        why = getattr(exc, "reason", exc)
        raise StreamFault(
            f"cannot connect to the stream: {why}", f"không kết nối được luồng: {why}"
        ) from None


# --------------------------------------------------------------------------- MPEG audio frames

# kbit/s for bitrate indices 1..14, by (MPEG-1?, layer)
_MPEG_KBPS: dict[tuple[bool, int], tuple[int, ...]] = {
    (True, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mpeg_frame_header(buf: bytes | bytearray, i: int) -> tuple[int, int] | None:
    """(frame length in bytes, stream key) of the MPEG audio frame header at `buf[i:i+4]`,
    or None when there is none there (reserved values and free-format frames are none).
    The key (version, layer, sample rate) stays the same along one stream."""
    b1, b2, b3 = buf[i + 1], buf[i + 2], buf[i + 3]
    if buf[i] != 0xFF or b1 & 0xE0 != 0xE0 or b3 & 0x03 == 2:
        return None
    version, layer_bits = (b1 >> 3) & 3, (b1 >> 1) & 3
    bitrate_i, rate_i = b2 >> 4, (b2 >> 2) & 3
    if version == 1 or layer_bits == 0 or bitrate_i in (0, 15) or rate_i == 3:
        return None
    layer, mpeg1 = 4 - layer_bits, version == 3
    kbps = _MPEG_KBPS[(mpeg1, layer)][bitrate_i - 1]
    rate = _MPEG_RATES[version][rate_i]
    pad = (b2 >> 1) & 1
    if layer == 1:
        length = (12000 * kbps // rate + pad) * 4
    elif layer == 3 and not mpeg1:
        length = 72000 * kbps // rate + pad
    else:
        length = 144000 * kbps // rate + pad
    return length, (b1 & 0xFE) << 8 | (b2 & 0x0C)


class MpegFramer:
    """Cuts an MP3 (MPEG audio) byte stream into whole frames and passes only those.

    A frame is passed when the header of the frame after it is there too and agrees with it
    (same version, layer and sample rate); after bytes that are not a frame (the start of the
    stream, a tag, a broken stretch) a chain of `lock_frames` such frames is needed first.
    Anything else (another codec's bytes, an ID3 tag, garbage) is counted in `skipped` and
    never reaches the decoder: a false frame sync in another codec's data cannot turn into
    noise on the loudspeakers. `junk` is the length of the current run of skipped bytes."""

    def __init__(self, lock_frames: int = 3) -> None:
        self._buf = bytearray()
        self._lock_frames = max(2, lock_frames)
        self._synced = False
        self.key: int | None = None
        self.frames = 0
        self.skipped = 0
        self.junk = 0

    @property
    def locked(self) -> bool:
        return self.frames > 0

    def _chain(self, i: int, key: int | None, depth: int) -> bool | None:
        """`depth` agreeing headers one after the other from `i`; None: more bytes needed."""
        buf = self._buf
        for _ in range(depth):
            if i + 4 > len(buf):
                return None
            h = mpeg_frame_header(buf, i)
            if h is None or (key is not None and h[1] != key):
                return False
            key = h[1]
            i += h[0]
        return True

    def feed(self, data: bytes) -> bytes:
        """The whole, checked frames that `data` completes (maybe none)."""
        buf = self._buf
        buf += data
        out = bytearray()
        i = 0
        while i + 4 <= len(buf):
            h = mpeg_frame_header(buf, i)
            if h is not None:
                if self._synced and h[1] == self.key:
                    ok = self._chain(i, self.key, 2)
                else:
                    ok = self._chain(i, None, self._lock_frames)
                if ok is None:
                    break  # wait for the bytes that decide
                if ok:
                    length = h[0]
                    out += buf[i : i + length]
                    i += length
                    self.key, self._synced = h[1], True
                    self.frames += 1
                    self.junk = 0
                    continue
            nxt = buf.find(b"\xff", i + 1)
            if nxt < 0:
                nxt = len(buf)
            self.skipped += nxt - i
            self.junk += nxt - i
            self._synced = False
            i = nxt
        del buf[:i]
        return bytes(out)


# --------------------------------------------------------------------------- the source


_STREAM, _DROPOUT = 0, 1


class RelaySource:
    """One relay window as a mixer `Source` (see the module's docstring).

    `clock` is the output's clock (`AudioOutput.clock`); `start_at` is the window's first
    sample on it and `frames` the window's length. `fallback` opens the channel's fallback item
    (a `Source` at `sample_rate`) each time a dropout needs it. Call `start()` (the daemon does,
    when it arms the window) to begin connecting and buffering; `close()` ends everything.
    """

    channels = 1

    def __init__(
        self,
        url: str,
        fmt: str,
        *,
        sample_rate: int,
        frames: int,
        start_at: float,
        clock: Callable[[], float],
        settings: RelaySettings | None = None,
        fallback: Callable[[], Source] | None = None,
        fallback_label: str = "",
        name: str = "",
    ) -> None:
        check_url(url)
        if fmt not in FORMATS:
            raise RelayError(
                f"unknown relay format {fmt!r} (one of {', '.join(FORMATS)})",
                f"định dạng tiếp sóng {fmt!r} không hỗ trợ",
                code="relay_format",
            )
        s = settings or RelaySettings()
        if shutil.which(s.ffmpeg) is None:
            raise RelayError("ffmpeg is not installed", "chưa cài ffmpeg", code="no_ffmpeg")
        self.url, self.format, self.name = url, fmt, name or url
        self.sample_rate = int(sample_rate)
        self.frames = max(0, int(frames))
        self.start_at = float(start_at)
        self._clock = clock
        self._s = s
        self._fallback_open = fallback if s.on_dropout == "fallback" else None
        self._fallback_label = fallback_label
        self.stats = RelayStats(self.sample_rate, self.frames)
        sr = self.sample_rate
        self.ring = FrameRing(max(1, int((s.buffer_s + 0.5) * sr)), 1)
        self._buffer = max(1, int(s.buffer_s * sr))
        self._low = max(1, int(0.1 * sr))
        self._chunk = np.zeros((4096, 1), dtype=np.float32)
        # intake: decoded, gain-applied PCM (reader thread appends, fill() pops)
        self._intake: collections.deque[np.ndarray] = collections.deque()
        self._intake_frames = 0
        self._intake_lock = threading.Lock()
        self._intake_max = int(s.intake_max_s * sr)
        self._last_pcm: float | None = None  # clock time of the last decoded audio
        self._session_ok_since: float | None = None  # a connection is up since
        self._fault: tuple[str, str] | None = None  # the last connection's end, until audio
        self._follower = LoudnessFollower(sr, s)
        # window state (fill(): the feeder thread)
        self._pos = 0  # window frames written into the ring
        self._state = _STREAM
        self._fb: Source | None = None
        self._fb_next: Source | None = None  # opened ahead for the next dropout
        self._fb_done = False
        self._fade_in_left = 0
        self._eof = self.frames == 0
        self._closed = False
        self._stop = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._proc_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        # fade on request (consumer side), as AudioSource
        self._ramp: np.ndarray | None = None
        self._fade_len = -1
        self._fade_pos = 0
        end_n = min(self.frames, int(s.end_fade_s * sr))
        self._end_fade = (
            (0.5 * (1.0 + np.cos(np.pi * (np.arange(end_n) + 1) / end_n))).astype(np.float32)
            if end_n
            else np.zeros(0, dtype=np.float32)
        )

    # ------------------------------------------------------------------ lifecycle
    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    def start(self) -> RelaySource:
        """Begin connecting and decoding (before the window: it pre-buffers)."""
        if self._thread is None and not self._closed:
            self._thread = threading.Thread(
                target=self._fetch_loop, name=f"relay-fetch-{self.name}", daemon=True
            )
            self._thread.start()
            self._prepare_fallback()
        return self

    def _prepare_fallback(self) -> None:
        """Open the fallback item ahead, off the feeder thread (a disk read, maybe a resample),
        so a dropout only has to take it."""
        if self._fallback_open is None or self._closed:
            return
        opener = self._fallback_open

        def run() -> None:
            try:
                fb = opener()
                fb.fill()
            except Exception as exc:  # the fallback's audio is missing or unreadable
                log.error("relay %s: cannot open the fallback item: %s", self.name, exc)
                return
            if self._closed:
                with contextlib.suppress(Exception):
                    fb.close()
                return
            self._fb_next = fb

        threading.Thread(target=run, name=f"relay-fallback-{self.name}", daemon=True).start()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stop.set()  # the fetch and PCM threads end by themselves: nothing waits here
        self._kill_decoder()
        self._close_fallback()
        nxt, self._fb_next = self._fb_next, None
        if nxt is not None:
            with contextlib.suppress(Exception):
                nxt.close()
        self._finish_dropout()

    @property
    def decoder_pid(self) -> int | None:
        p = self._proc
        return None if p is None or p.poll() is not None else p.pid

    # ------------------------------------------------------------------ producer (feeder thread)
    def fill(self) -> int:
        """Keep `buffer_s` of the window in the ring: stream, fallback or silence."""
        if self._closed or self._eof:
            return 0
        now = self._clock()
        if now < self.start_at - self._s.buffer_s - 0.05:
            return 0  # pre-buffering happens in the intake until just before the window
        added = 0
        started = now >= self.start_at
        while self.ring.available < self._buffer and self._pos < self.frames:
            need = min(self._buffer - self.ring.available, self.frames - self._pos, 4096)
            if self._state == _STREAM:
                got = self._take_stream(need)
                if got:
                    added += got
                    continue
                if self._stream_gone(now):
                    self._begin_dropout(now)
                    continue
                if started and self.ring.available < self._low:  # late, not gone: pad
                    n = min(need, self._low - self.ring.available)
                    self._write_silence(n)
                    self.stats.pad_frames += n
                    added += n
                break
            # dropout
            if self._can_resume(now):
                self._resume(now)
                continue
            got = self._write_fallback(need)
            if got == 0:
                self._write_silence(need)
                got = need
            added += got
        if self._pos >= self.frames:
            self._eof = True
            self._finish_dropout()
            self._stop.set()
            self._kill_decoder()
        return added

    def _take_stream(self, need: int) -> int:
        with self._intake_lock:
            if not self._intake:
                return 0
            head = self._intake[0]
            n = min(need, len(head))
            part = head[:n]
            if n == len(head):
                self._intake.popleft()
            else:
                self._intake[0] = head[n:]
            self._intake_frames -= n
        if self.stats.first_stream_frame is None:
            self.stats.first_stream_frame = self._pos
            self._fade_in_left = 0  # the window's own first sample: no ramp needed
        chunk = self._chunk[:n, 0]
        chunk[:] = part
        if self._fade_in_left > 0:
            k = min(n, self._fade_in_left)
            total = max(1, int(self._s.switch_fade_s * self.sample_rate))
            done = total - self._fade_in_left
            chunk[:k] *= (np.arange(done + 1, done + k + 1, dtype=np.float32) / total)[:k]
            self._fade_in_left -= k
        self._write(chunk)
        self.stats.relayed_frames += n
        return n

    def _stream_gone(self, now: float) -> bool:
        if self._fault is not None and self._session_ok_since is None:
            return now >= self.start_at  # a refused or broken connection: no waiting
        ref = self._last_pcm
        if ref is None:
            ref = self.start_at  # never had audio: it is late from the window's start
        return now - max(ref, self.start_at) > self._s.stall_s

    def _begin_dropout(self, now: float) -> None:
        fault = self._fault
        if fault is None:
            secs = now - (self._last_pcm or self.start_at)
            fault = (
                f"no audio from the stream for {secs:.1f} s",
                f"không nhận được âm thanh từ luồng trong {secs:.1f} giây",
            )
        played = "silence"
        if self._fallback_open is not None:
            self._fb, self._fb_next = self._fb_next, None
            self._fb_done = False
            if self._fb is not None:
                played = f"fallback:{self._fallback_label}" if self._fallback_label else "fallback"
                self._prepare_fallback()  # the next dropout plays it from its start again
        self.stats.dropouts.append(Dropout(self._pos, fault[0], fault[1], played, detected_at=now))
        self._state = _DROPOUT
        log.warning(
            "tiếp sóng %s: mất sóng ở giây %.1f (%s), phát %s thay thế / relay dropout: %s",
            self.name,
            self._pos / self.sample_rate,
            fault[0],
            played,
            fault[1],
        )

    def _can_resume(self, now: float) -> bool:
        if self._last_pcm is None or now - self._last_pcm > self._s.stall_s / 2:
            return False
        return self._intake_frames >= int(self._s.resume_s * self.sample_rate)

    def _resume(self, now: float) -> None:
        if self._fb is not None and not self._fb_done:
            # a short fade of the fallback where it is cut
            n = max(1, int(self._s.switch_fade_s * self.sample_rate))
            got = self._read_fallback(min(n, self.frames - self._pos))
            if got:
                chunk = self._chunk[:got, 0]
                chunk *= np.linspace(1.0, 0.0, got, dtype=np.float32)
                self._write(chunk)
                self.stats.fallback_frames += got
        d = self.stats.dropouts[-1]
        d.end_frame = self._pos
        d.resumed_at = now
        self._close_fallback()
        self._state = _STREAM
        self._fault = None
        self._fade_in_left = max(1, int(self._s.switch_fade_s * self.sample_rate))
        log.info(
            "tiếp sóng %s: có sóng trở lại sau %.1f s / relay stream back",
            self.name,
            (d.end_frame - d.start_frame) / self.sample_rate,
        )

    def _finish_dropout(self) -> None:
        if self.stats.dropouts and self.stats.dropouts[-1].end_frame is None and self._eof:
            self.stats.dropouts[-1].end_frame = min(self._pos, self.frames)

    def _read_fallback(self, need: int) -> int:
        fb = self._fb
        if fb is None or self._fb_done:
            return 0
        try:
            fb.fill()
            ch = fb.channels
            buf = np.zeros((need, ch), dtype=np.float32) if ch != 1 else self._chunk[:need]
            got = fb.read_into(buf)
            if ch != 1 and got:
                self._chunk[:got, 0] = buf[:got].mean(axis=1)
        except Exception as exc:
            log.error("relay %s: the fallback item cannot be read: %s", self.name, exc)
            got = 0
        if got == 0:
            self._fb_done = True
        return got

    def _write_fallback(self, need: int) -> int:
        got = self._read_fallback(need)
        if got:
            d = self.stats.dropouts[-1]
            if d.fallback_frame is None:
                d.fallback_frame = self._pos
            self._write(self._chunk[:got, 0])
            self.stats.fallback_frames += got
        return got

    def _write_silence(self, n: int) -> None:
        chunk = self._chunk[:n, 0]
        chunk.fill(0.0)
        self._write(chunk)

    def _write(self, mono: np.ndarray) -> None:
        """Append window frames to the ring, the end fade applied."""
        n = len(mono)
        fade_from = self.frames - len(self._end_fade)
        if self._pos + n > fade_from:
            lo = max(0, fade_from - self._pos)
            mono[lo:] *= self._end_fade[self._pos + lo - fade_from : self._pos + n - fade_from]
        wrote = self.ring.write(mono[:, None])
        assert wrote == n
        self._pos += n

    def _close_fallback(self) -> None:
        fb, self._fb = self._fb, None
        if fb is not None:
            with contextlib.suppress(Exception):
                fb.close()

    # ------------------------------------------------------------------ consumer (audio callback)
    def read_into(self, out: np.ndarray) -> int:
        fade_len = self._fade_len
        if fade_len < 0:
            return self.ring.read_into(out)
        left = fade_len - self._fade_pos
        if left <= 0:
            return 0
        n = len(out) if len(out) < left else left
        ramp = self._ramp
        got = self.ring.read_into(out[:n], None if ramp is None else ramp[self._fade_pos :])
        self._fade_pos += got
        return got

    @property
    def exhausted(self) -> bool:
        return self._eof and self.ring.available == 0

    @property
    def faded_out(self) -> bool:
        return self._fade_len >= 0 and self._fade_pos >= self._fade_len

    def request_fade(self, fade_frames: int) -> None:
        if self._fade_len >= 0:
            return
        n = max(0, int(fade_frames))
        if n:
            self._ramp = (0.5 * (1.0 + np.cos(np.pi * (np.arange(n) + 1) / n))).astype(np.float32)
        self._fade_len = n

    # ------------------------------------------------------------------ fetch thread
    def _fetch_loop(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            self.stats.connects += 1
            t0 = self._clock()
            try:
                self._session()
                fault = StreamFault("the stream ended", "luồng đã kết thúc")
            except StreamFault as exc:
                fault = exc
            except Exception as exc:  # never let the thread die silently
                log.exception("relay %s: unexpected error", self.name)
                fault = StreamFault(f"relay error: {exc}", f"lỗi tiếp sóng: {exc}")
            finally:
                self._kill_decoder()
                self._session_ok_since = None
            if self._stop.is_set():
                return
            self._fault = self.stats.last_error = (fault.reason, fault.reason_vi)
            log.warning("relay %s: %s / %s", self.name, fault.reason, fault.reason_vi)
            if self._clock() - t0 > 10.0:
                attempt = 0  # it had been up for a while: start the backoff again
            delay = self._s.backoff_s[min(attempt, len(self._s.backoff_s) - 1)]
            attempt += 1
            self._stop.wait(delay)

    def _session(self) -> None:
        s = self._s
        if self.format == "hls":
            self._hls_session()
            return
        resp = _open(self.url, s.connect_timeout_s)
        with contextlib.closing(resp):
            ctype = _content_type(resp.headers)
            if ctype not in CONTENT_TYPES[self.format]:
                raise StreamFault(
                    f"wrong content type {ctype or '(none)'!r} for a {self.format} stream",
                    f"sai kiểu nội dung {ctype or '(không có)'!r} cho luồng {self.format}",
                )
            self._set_read_timeout(resp)
            mpg123 = self._mpg123()
            if self.format == "mp3" and mpg123 is not None:
                self._mp3_session(self._read_body(resp), mpg123)
                return
            proc = self._spawn(self._ffmpeg_cmd(_DEMUXER[self.format]))
            self._pump(proc, self._read_body(resp))

    def _mpg123(self) -> str | None:
        """mpg123's path when it is installed and not switched off (`mpg123 = ""`)."""
        return shutil.which(self._s.mpg123) if self._s.mpg123 else None

    def _mp3_session(self, chunks: Iterator[bytes], mpg123: str) -> None:
        """An mp3 stream through mpg123, fed only the frames `MpegFramer` passes. A stream
        whose first `_MP3_SNIFF_BYTES` hold no chain of MPEG audio frames (free format, a big
        tag, another codec under an mp3 content type) goes to ffmpeg whole, as before."""
        framer = MpegFramer()
        head = bytearray()
        first = b""
        for data in chunks:
            head += data
            first = framer.feed(data)
            if framer.locked or len(head) >= _MP3_SNIFF_BYTES:
                break
        else:
            return  # the stream ended before it could be told
        if not framer.locked:
            log.info(
                "relay %s: no MPEG audio frames in the first %d bytes: decoding with ffmpeg",
                self.name,
                len(head),
            )
            proc = self._spawn(self._ffmpeg_cmd(_DEMUXER["mp3"]))
            self._pump(proc, itertools.chain([bytes(head)], chunks))
            return
        del head
        proc = self._spawn(self._mpg123_cmd(mpg123), decoder="mpg123", dtype="=f4")
        self._pump(proc, self._framed(framer, first, chunks))

    def _framed(self, framer: MpegFramer, first: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
        if first:
            yield first
        for data in chunks:
            out = framer.feed(data)
            if framer.junk > _MP3_MAX_JUNK:
                raise StreamFault(
                    f"no MPEG audio frame in the last {framer.junk} bytes of the mp3 stream",
                    f"không có khung âm thanh MPEG trong {framer.junk} byte gần nhất của luồng mp3",
                )
            if out:
                yield out

    def _hls_session(self) -> None:
        s = self._s
        media_url, text = self._playlist(self.url)
        if "#EXT-X-STREAM-INF" in text:  # a master playlist: the lowest bandwidth variant
            media_url, text = self._playlist(_pick_variant(media_url, text))
        proc: subprocess.Popen[bytes] | None = None
        seen = -1
        idle_since = self._clock()
        while not self._stop.is_set():
            pl = _parse_media(text)
            # a segment arrives at once: the intake holds two of them and a second
            self._intake_max = max(self._intake_max, int((2 * pl.target_s + 1) * self.sample_rate))
            if pl.encrypted:
                raise StreamFault(
                    "encrypted HLS segments are not supported",
                    "không hỗ trợ đoạn HLS được mã hoá",
                )
            new = [(seq, uri) for seq, uri in pl.segments if seq > seen]
            if seen < 0 and len(new) > 3:
                new = new[-3:]  # live: start near the edge
            for seq, uri in new:
                seg_url = urllib.parse.urljoin(media_url, uri)
                _stream_url(seg_url)
                if proc is None:
                    ext = "." + urllib.parse.urlsplit(seg_url).path.rsplit(".", 1)[-1].lower()
                    proc = self._spawn(self._ffmpeg_cmd(_HLS_SEGMENT_DEMUXER.get(ext, "mpegts")))
                resp = _open(seg_url, s.connect_timeout_s)
                with contextlib.closing(resp):
                    ctype = _content_type(resp.headers)
                    if ctype and ctype not in HLS_SEGMENT_TYPES:
                        raise StreamFault(
                            f"wrong content type {ctype!r} for an HLS segment",
                            f"sai kiểu nội dung {ctype!r} cho đoạn HLS",
                        )
                    self._set_read_timeout(resp)
                    self._write_to(proc, self._read_body(resp))
                seen = seq
                idle_since = self._clock()
            if pl.ended:
                return
            if self._clock() - idle_since > max(s.read_timeout_s, 3 * pl.target_s):
                raise StreamFault(
                    f"the HLS playlist has had no new segment for {self._clock() - idle_since:.0f} s",
                    f"danh sách HLS không có đoạn mới trong {self._clock() - idle_since:.0f} giây",
                )
            self._stop.wait(max(0.5, pl.target_s / 2))
            _, text = self._playlist(media_url)

    def _playlist(self, url: str) -> tuple[str, str]:
        resp = _open(url, self._s.connect_timeout_s)
        with contextlib.closing(resp):
            ctype = _content_type(resp.headers)
            if ctype not in CONTENT_TYPES["hls"]:
                raise StreamFault(
                    f"wrong content type {ctype or '(none)'!r} for an HLS playlist",
                    f"sai kiểu nội dung {ctype or '(không có)'!r} cho danh sách HLS",
                )
            body = resp.read(256 * 1024 + 1)
            final = resp.geturl()
        self.stats.bytes += len(body)
        if len(body) > 256 * 1024:
            raise StreamFault("the HLS playlist is too large", "danh sách HLS quá lớn")
        text = body.decode("utf-8", "replace")
        if not text.lstrip("\ufeff").startswith("#EXTM3U"):
            raise StreamFault("not an HLS playlist", "không phải danh sách HLS")
        return final, text

    def _set_read_timeout(self, resp: Any) -> None:
        with contextlib.suppress(Exception):
            resp.fp.raw._sock.settimeout(self._s.read_timeout_s)

    def _read_body(self, resp: Any) -> Iterator[bytes]:
        while not self._stop.is_set():
            try:
                data = resp.read1(16384) if hasattr(resp, "read1") else resp.read(16384)
            except TimeoutError:
                raise StreamFault(
                    f"no data from the stream for {self._s.read_timeout_s:.0f} s",
                    f"luồng không gửi dữ liệu trong {self._s.read_timeout_s:.0f} giây",
                ) from None
            except OSError as exc:
                raise StreamFault(
                    f"the connection broke: {exc}", f"kết nối bị ngắt: {exc}"
                ) from None
            if not data:
                return
            self.stats.bytes += len(data)
            yield data

    def _ffmpeg_cmd(self, demuxer: str) -> list[str]:
        return [
            self._s.ffmpeg,
            "-nostdin",
            "-hide_banner",
            "-nostats",
            "-loglevel",
            "error",
            "-threads",
            "1",
            "-probesize",
            "4096",
            "-analyzeduration",
            "0",
            "-f",
            demuxer,
            "-i",
            "pipe:0",
            "-vn",
            "-ac",
            "1",
            "-ar",
            str(self.sample_rate),
            "-flush_packets",
            "1",
            "-f",
            "f32le",
            "pipe:1",
        ]

    def _mpg123_cmd(self, mpg123: str) -> list[str]:
        """Raw 32-bit float, mono (a stereo stream mixed down), resampled by mpg123's own
        "fine" resampler to the card's rate, in the host's byte order, on stdout."""
        return [
            mpg123,
            "--quiet",
            "--no-control",
            "--no-icy-meta",
            "--mono",
            "--rate",
            str(self.sample_rate),
            "--encoding",
            "f32",
            "--stdout",
            "-",
        ]

    def _spawn(
        self, cmd: list[str], *, decoder: str = "ffmpeg", dtype: str = "<f4"
    ) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self.stats.decoder = decoder
        with self._proc_lock:
            self._proc = proc
        if self._stop.is_set():
            self._kill_decoder()
        threading.Thread(
            target=self._read_pcm,
            args=(proc, dtype),
            name=f"relay-pcm-{self.name}",
            daemon=True,
        ).start()
        return proc

    def _pump(self, proc: subprocess.Popen[bytes], chunks: Iterator[bytes]) -> None:
        self._write_to(proc, chunks)
        with contextlib.suppress(OSError):
            assert proc.stdin is not None
            proc.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)

    def _write_to(self, proc: subprocess.Popen[bytes], chunks: Iterator[bytes]) -> None:
        stdin = proc.stdin
        assert stdin is not None
        for data in chunks:
            try:
                stdin.write(data)
            except (BrokenPipeError, ValueError, OSError):
                raise self._decoder_fault(proc) from None
        if proc.poll() not in (None, 0):
            raise self._decoder_fault(proc)

    def _decoder_fault(self, proc: subprocess.Popen[bytes]) -> StreamFault:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)
        err = b""
        if proc.stderr is not None:
            with contextlib.suppress(Exception):
                err = proc.stderr.read(2000) or b""
        msg = err.decode("utf-8", "replace").strip().splitlines()
        last = msg[-1] if msg else f"exit status {proc.returncode}"
        return StreamFault(
            f"the decoder cannot read the stream as {self.format}: {last}",
            f"không giải mã được luồng dạng {self.format}: {last}",
        )

    def _read_pcm(self, proc: subprocess.Popen[bytes], dtype: str = "<f4") -> None:
        out: IO[bytes] | None = proc.stdout
        assert out is not None
        leftover = b""
        while True:
            try:
                data = out.read(4 * 2048)
            except (OSError, ValueError):
                return
            if not data:
                return
            data = leftover + data
            n = len(data) // 4
            leftover = data[n * 4 :]
            if n == 0:
                continue
            pcm = np.frombuffer(data[: n * 4], dtype=dtype).astype(np.float32)
            pcm = self._follower.process(pcm)
            self.stats.gain_db = self._follower.gain_db
            now = self._clock()
            with self._intake_lock:
                self._intake.append(pcm)
                self._intake_frames += n
                while self._intake_frames > self._intake_max and len(self._intake) > 1:
                    self._intake_frames -= len(self._intake.popleft())
                self._last_pcm = now
                if self._session_ok_since is None:
                    self._session_ok_since = now
                    self._fault = None

    def _kill_decoder(self) -> None:
        with self._proc_lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()
        with contextlib.suppress(Exception):
            proc.wait(timeout=2)
        for f in (proc.stdin, proc.stdout, proc.stderr):
            if f is not None:
                with contextlib.suppress(Exception):
                    f.close()


# --------------------------------------------------------------------------- HLS playlists


@dataclass(frozen=True)
class _MediaPlaylist:
    segments: list[tuple[int, str]]  # (media sequence number, URI)
    target_s: float
    ended: bool
    encrypted: bool


def _parse_media(text: str) -> _MediaPlaylist:
    seq = 0
    target = 6.0
    ended = encrypted = False
    segs: list[tuple[int, str]] = []
    n = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#EXT-X-MEDIA-SEQUENCE:"):
            with contextlib.suppress(ValueError):
                seq = int(line.split(":", 1)[1])
        elif line.startswith("#EXT-X-TARGETDURATION:"):
            with contextlib.suppress(ValueError):
                target = max(0.5, min(60.0, float(line.split(":", 1)[1])))
        elif line.startswith("#EXT-X-ENDLIST"):
            ended = True
        elif line.startswith("#EXT-X-KEY:") and "METHOD=NONE" not in line:
            encrypted = True
        elif not line.startswith("#"):
            segs.append((seq + n, line))
            n += 1
    return _MediaPlaylist(segs, target, ended, encrypted)


def _pick_variant(base: str, text: str) -> str:
    best: tuple[int, str] | None = None
    lines = [x.strip() for x in text.splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("#EXT-X-STREAM-INF:") and i + 1 < len(lines):
            bw = 1 << 62
            for part in line.split(":", 1)[1].split(","):
                if part.startswith("BANDWIDTH="):
                    with contextlib.suppress(ValueError):
                        bw = int(part.split("=", 1)[1])
            uri = lines[i + 1]
            if uri and not uri.startswith("#") and (best is None or bw < best[0]):
                best = (bw, uri)
    if best is None:
        raise StreamFault("the HLS master playlist has no variant", "danh sách HLS không có luồng")
    return _stream_url(urllib.parse.urljoin(base, best[1]))


__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "Dropout",
    "LoudnessFollower",
    "MpegFramer",
    "RelayError",
    "RelaySettings",
    "RelaySource",
    "RelayStats",
    "StreamFault",
    "check_url",
]

"""Audio sources streamed from disk through a ring, and the per-block mixer both outputs run.

`AudioSource` reads a WAV or FLAC file (soundfile) in blocks on an ordinary thread into a
preallocated `FrameRing`; the audio callback only copies out of the ring. `Mixer` holds a fixed set of
voices and is the exact code the real callback and the simulated card both run, so what the
simulation records is what the sound card would have played.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np

from hardware.errors import AudioFormatError, HardwareError, NoFreeVoice, SourceReadError
from hardware.placement import target_offset
from hardware.ports import PlaybackHandle, PlaybackState, Source
from hardware.ring import FrameRing


class _ArrayReader:
    """soundfile.SoundFile's read(out=...) for an in-memory signal (tests, generated tones)."""

    def __init__(self, data: np.ndarray) -> None:
        self._data = data
        self._pos = 0

    def read(
        self, frames: int = -1, *, dtype: str = "float32", always_2d: bool = True, out: np.ndarray
    ) -> np.ndarray:
        n = min(len(out), len(self._data) - self._pos)
        out[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return out[:n]

    def close(self) -> None:
        pass


class AudioSource:
    """One playable recording: file → (producer thread) → ring → (audio callback) → output.

    The ring holds `ring_seconds` of audio; `fill()` tops it up in `block_frames` reads and is
    the only method that touches the disk. `read_into()` is the callback side: it never reads the
    file, allocates arrays or waits. A fade, once requested, is applied by the callback from the
    frame it is playing now, with a gain ramp built beforehand by the requesting thread.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        ring_seconds: float = 4.0,
        block_frames: int = 8192,
        sha256: str | None = None,
    ) -> None:
        import soundfile  # lazily: only the unit's playback path needs libsndfile

        try:
            sf = soundfile.SoundFile(os.fspath(path))
        except Exception as exc:  # soundfile raises LibsndfileError / RuntimeError
            raise AudioFormatError(f"cannot open audio file {os.fspath(path)!r}: {exc}") from exc
        self.path: str | None = os.fspath(path)
        self._init(sf, sf.samplerate, sf.channels, sf.frames, ring_seconds, block_frames)
        self.sha256 = sha256

    @classmethod
    def from_array(
        cls,
        data: np.ndarray,
        sample_rate: int,
        *,
        ring_seconds: float = 4.0,
        block_frames: int = 8192,
    ) -> AudioSource:
        """A source over an in-memory signal (frames or frames x channels), streamed the same way."""
        arr = np.asarray(data, dtype=np.float32)
        if arr.ndim == 1:
            arr = arr[:, None]
        self = cls.__new__(cls)
        self.path = None
        self.sha256 = None
        self._init(
            _ArrayReader(arr), sample_rate, arr.shape[1], len(arr), ring_seconds, block_frames
        )
        return self

    def _init(
        self,
        reader: Any,
        sample_rate: int,
        channels: int,
        frames: int,
        ring_seconds: float,
        block_frames: int,
    ) -> None:
        self._reader = reader
        self.sample_rate = int(sample_rate)
        self.channels = int(channels)
        self.frames = int(frames)  # total frames in the recording
        capacity = max(1, min(self.frames, int(ring_seconds * self.sample_rate)))
        self.ring = FrameRing(capacity, self.channels)
        self._block = max(1, block_frames)
        self._produced = 0
        self._eof = self.frames == 0
        self._closed = False
        # fade state: written once by the requester (ramp first, then length), read by the callback
        self._ramp: np.ndarray | None = None
        self._fade_len = -1
        self._fade_pos = 0

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    # ------------------------------------------------------------- producer (ordinary thread)
    def fill(self) -> int:
        """Read from storage until the ring is full or the file ends; returns frames added."""
        if self._closed:
            return 0
        added = 0
        while not self._eof and self.ring.free > 0:
            region, _ = self.ring.writable_regions(self._block)
            if len(region) == 0:
                break
            got = len(self._reader.read(len(region), dtype="float32", always_2d=True, out=region))
            self.ring.commit_write(got)
            self._produced += got
            added += got
            if got < len(region) or self._produced >= self.frames:
                self._eof = True
        return added

    # ------------------------------------------------------------- consumer (audio callback)
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
        """The whole recording has gone through the ring."""
        return self._eof and self.ring.available == 0

    @property
    def faded_out(self) -> bool:
        return self._fade_len >= 0 and self._fade_pos >= self._fade_len

    # ------------------------------------------------------------- control (any non-callback thread)
    def request_fade(self, fade_frames: int) -> None:
        """Fade to silence over the next `fade_frames` frames played, then stop."""
        if self._fade_len >= 0:
            return
        n = max(0, int(fade_frames))
        if n:
            # cosine ramp 1 → 0: no click at either end
            self._ramp = (0.5 * (1.0 + np.cos(np.pi * (np.arange(n) + 1) / n))).astype(np.float32)
        self._fade_len = n  # publish after the ramp is in place

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._reader.close()


# --------------------------------------------------------------------------- mixer

_FREE, _ARMED, _PLAYING, _DONE = 0, 1, 2, 3


class _Voice:
    __slots__ = (
        "fail_reason",
        "first_frame",
        "frames_played",
        "handle",
        "late_frames",
        "outcome",
        "reason",
        "source",
        "src_channels",
        "start_time",
        "started_reported",
        "state",
        "stop_requested",
        "target",
        "underrun_frames",
    )

    def __init__(self) -> None:
        self.state = _FREE
        self._reset()

    def _reset(self) -> None:
        self.handle: PlaybackHandle | None = None
        self.source: Source | None = None
        self.target = 0.0
        self.src_channels = 1
        self.first_frame = -1
        self.start_time = 0.0
        self.late_frames = 0
        self.frames_played = 0
        self.underrun_frames = 0
        self.outcome = PlaybackState.ARMED
        self.reason: str | None = None
        self.stop_requested = False
        self.fail_reason: str | None = None
        self.started_reported = False


@dataclass(frozen=True)
class PlaybackEvent:
    kind: str  # "started" | "finished" | "failed"
    handle: PlaybackHandle
    time: float  # started: actual start; finished/failed: when the last frame reached the DAC
    first_frame: int = -1
    frames_played: int = 0
    reason: str | None = None


class Mixer:
    """Fixed voices mixed block by block. Threads: `render` runs in the audio callback only;
    `arm`, `request_stop`, `fill_sources`, `collect`, `fail_all` on ordinary threads (callers
    serialise those among themselves). Each voice field has one writer, so no lock is shared
    with the callback."""

    def __init__(
        self, sample_rate: int, channels: int, *, max_voices: int = 4, max_block_frames: int = 8192
    ) -> None:
        self.sample_rate = sample_rate
        self.channels = channels
        self._voices = [_Voice() for _ in range(max_voices)]
        self._max_block = max_block_frames
        self._scratch = np.zeros((max_block_frames, channels), dtype=np.float32)

    # ------------------------------------------------------------- control side
    def arm(self, source: Source, at: float, *, token: Hashable) -> PlaybackHandle:
        if source.sample_rate != self.sample_rate:
            raise AudioFormatError(
                f"source is {source.sample_rate} Hz but the output runs at {self.sample_rate} Hz"
            )
        if source.channels not in (1, self.channels):
            raise AudioFormatError(
                f"source has {source.channels} channels; the output takes 1 or {self.channels}"
            )
        for v in self._voices:
            if v.state == _FREE:
                break
        else:
            raise NoFreeVoice(f"all {len(self._voices)} playback slots are busy")
        try:
            source.fill()  # prime the ring before the callback can see the voice
        except HardwareError:
            raise
        except Exception as exc:  # disk error, corrupt file
            raise SourceReadError(f"cannot read the audio: {exc}") from exc
        v._reset()
        v.handle = PlaybackHandle(token, at, self.sample_rate)
        v.source = source
        v.target = float(at)
        v.src_channels = source.channels
        v.state = _ARMED  # publish last
        return v.handle

    def request_stop(self, handle: PlaybackHandle, fade_s: float) -> bool:
        """Fade a playing voice out (or cancel an armed one). False if the handle is not active."""
        for v in self._voices:
            if v.handle is handle and v.state in (_ARMED, _PLAYING):
                assert v.source is not None
                v.source.request_fade(round(max(0.0, fade_s) * self.sample_rate))
                v.stop_requested = True
                return True
        return False

    def fill_sources(self) -> None:
        """Producer duty: top up every active source's ring (disk reads happen here)."""
        for v in self._voices:
            if v.state in (_ARMED, _PLAYING) and v.fail_reason is None:
                try:
                    v.source.fill()  # type: ignore[union-attr]
                except Exception as exc:  # disk error, corrupt file: fail this broadcast only
                    v.fail_reason = f"read error: {exc}"

    def has_voices(self) -> bool:
        return any(v.state != _FREE for v in self._voices)

    def needs_render(self) -> bool:
        """A voice is sounding, awaits collection, or has a request the callback must see."""
        return any(
            v.state in (_PLAYING, _DONE)
            or (v.state == _ARMED and (v.stop_requested or v.fail_reason is not None))
            for v in self._voices
        )

    def earliest_armed(self) -> float | None:
        times = [v.target for v in self._voices if v.state == _ARMED]
        return min(times) if times else None

    def collect(self) -> list[PlaybackEvent]:
        """Turn what the callback recorded into events, update handles, free finished voices."""
        events: list[PlaybackEvent] = []
        sr = self.sample_rate
        for v in self._voices:
            st = v.state
            if st in (_FREE, _ARMED):
                continue
            h = v.handle
            assert h is not None
            if not v.started_reported and v.first_frame >= 0:
                v.started_reported = True
                h.actual_start = v.start_time
                h.first_frame = v.first_frame
                h.late_frames = v.late_frames
                h.state = PlaybackState.PLAYING
                events.append(PlaybackEvent("started", h, v.start_time, first_frame=v.first_frame))
            h.frames_played = v.frames_played
            h.underrun_frames = v.underrun_frames
            if st == _DONE:
                end = v.start_time + v.frames_played / sr if v.first_frame >= 0 else v.target
                kind = "failed" if v.outcome == PlaybackState.FAILED else "finished"
                h._finish(v.outcome, v.frames_played, v.reason)
                events.append(PlaybackEvent(kind, h, end, v.first_frame, v.frames_played, v.reason))
                src = v.source
                v._reset()
                v.state = _FREE
                if src is not None:
                    src.close()
        return events

    def fail_all(self, reason: str) -> list[PlaybackEvent]:
        """Only when the callback no longer runs (stream stopped or dead)."""
        for v in self._voices:
            if v.state in (_ARMED, _PLAYING):
                v.outcome = PlaybackState.FAILED
                v.reason = reason
                v.state = _DONE
        return self.collect()

    # ------------------------------------------------------------- audio callback side
    def render(self, out: np.ndarray, dac_time: float, stream_frame: int) -> None:
        """Fill `out` (frames x channels, float32) for a buffer whose first frame reaches the DAC
        at `dac_time` and is frame `stream_frame` of the output stream."""
        frames = len(out)
        out.fill(0.0)
        step = self._max_block
        if frames <= step:
            self._render_chunk(out, dac_time, stream_frame)
        else:
            for c0 in range(0, frames, step):
                self._render_chunk(
                    out[c0 : c0 + step], dac_time + c0 / self.sample_rate, stream_frame + c0
                )
        np.clip(out, -1.0, 1.0, out=out)

    def _render_chunk(self, out: np.ndarray, dac_time: float, stream_frame: int) -> None:
        frames = len(out)
        sr = self.sample_rate
        for v in self._voices:
            st = v.state
            if st in (_FREE, _DONE):
                continue
            if v.fail_reason is not None:
                v.outcome = PlaybackState.FAILED
                v.reason = v.fail_reason
                v.state = _DONE
                continue
            k = 0
            if st == _ARMED:
                if v.stop_requested:
                    v.outcome = PlaybackState.CANCELLED
                    v.reason = "stopped before the first sample"
                    v.state = _DONE
                    continue
                k = target_offset(dac_time, sr, v.target)
                if k >= frames:
                    continue
                if k < 0:
                    v.late_frames = -k
                    k = 0
                v.first_frame = stream_frame + k
                v.start_time = dac_time + k / sr
                v.state = _PLAYING
            src = v.source
            assert src is not None  # arm() sets it before the voice leaves _FREE
            want = frames - k
            if v.src_channels == self.channels and self._alone(v):
                got = src.read_into(out[k:])  # out is still all zeros here: copy, no scratch pass
            else:
                got = self._mix(src, out, k, want, v.src_channels)
            v.frames_played += got
            if got < want:
                if src.faded_out:
                    v.outcome = PlaybackState.FADED
                    v.state = _DONE
                elif src.exhausted:
                    v.outcome = PlaybackState.FINISHED
                    v.state = _DONE
                else:
                    v.underrun_frames += want - got

    def _alone(self, v: _Voice) -> bool:
        for other in self._voices:
            if other is not v and other.state in (_ARMED, _PLAYING):
                return False
        return True

    def _mix(self, src: Source, out: np.ndarray, k: int, want: int, src_channels: int) -> int:
        scratch = self._scratch[:want, :src_channels]
        got = src.read_into(scratch)
        if got:
            out[k : k + got] += scratch[:got]  # a mono source broadcasts over every channel
        return got

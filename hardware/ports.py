"""The small interfaces the daemon talks to (typing.Protocol), and the value types they share."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------- clock


@runtime_checkable
class Clock(Protocol):
    """Time as the unit sees it. `monotonic()` orders events; `wall()` names them."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (time.monotonic() for the real one)."""
        ...

    def wall(self) -> datetime:
        """The current wall time, timezone-aware."""
        ...

    def is_trusted(self) -> bool:
        """True when the wall clock is synchronised (NTP/chrony/GPS) and may be used for schedules."""
        ...


# --------------------------------------------------------------------------- audio


class PlaybackState(StrEnum):
    ARMED = "armed"  # scheduled, first sample not yet at the DAC
    PLAYING = "playing"
    FINISHED = "finished"  # the source played to its end
    FADED = "faded"  # fade_out_and_stop completed
    CANCELLED = "cancelled"  # stopped before its first sample
    FAILED = "failed"

    @property
    def is_final(self) -> bool:
        return self not in (PlaybackState.ARMED, PlaybackState.PLAYING)


class PlaybackHandle:
    """One scheduled broadcast on one output. Updated by the output's service thread (never by
    the audio callback), so reading it from any thread is safe; `wait()` blocks until final."""

    def __init__(self, token: Hashable, scheduled_at: float, sample_rate: int) -> None:
        self.token = token
        self.scheduled_at = scheduled_at  # seconds on the output's clock
        self.sample_rate = sample_rate
        self.state = PlaybackState.ARMED
        self.actual_start: float | None = None  # when the first sample reached the DAC
        self.first_frame: int | None = None  # index of that sample in the output stream
        self.late_frames = 0  # > 0 when the first sample went out after `scheduled_at`
        self.frames_played = 0
        self.underrun_frames = 0
        self.xruns = 0  # xruns the server or driver reported while it sounded (real outputs)
        self.reason: str | None = None  # why it failed or was cancelled
        self._done = threading.Event()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the playback is final (real outputs only; the simulated one is synchronous)."""
        return self._done.wait(timeout)

    @property
    def start_error_s(self) -> float | None:
        """actual_start - scheduled_at, in seconds (None before the start)."""
        return None if self.actual_start is None else self.actual_start - self.scheduled_at

    def _finish(self, state: PlaybackState, frames_played: int, reason: str | None) -> None:
        self.state = state
        self.frames_played = frames_played
        self.reason = reason
        self._done.set()

    def __repr__(self) -> str:
        return (
            f"PlaybackHandle(token={self.token!r}, state={self.state.value}, "
            f"scheduled_at={self.scheduled_at:.6f}, actual_start={self.actual_start}, "
            f"first_frame={self.first_frame}, frames_played={self.frames_played})"
        )


class PlaybackListener(Protocol):
    """Receives playback events. Called on the output's service thread, never the audio callback."""

    def on_started(self, handle: PlaybackHandle, actual_start: float, first_frame: int) -> None: ...

    def on_finished(self, handle: PlaybackHandle, frames_played: int) -> None: ...

    def on_failed(self, handle: PlaybackHandle, reason: str) -> None: ...


class Source(Protocol):
    """What an output needs from something it plays (hardware.source.AudioSource is the one)."""

    sample_rate: int
    channels: int

    def fill(self) -> int:
        """Producer side (ordinary thread): move frames from storage into the ring."""
        ...

    def read_into(self, out: np.ndarray) -> int:
        """Consumer side (audio callback): copy up to len(out) frames, fade applied; no waiting."""
        ...

    @property
    def exhausted(self) -> bool: ...

    def request_fade(self, fade_frames: int) -> None: ...

    @property
    def faded_out(self) -> bool: ...

    def close(self) -> None: ...


@runtime_checkable
class AudioOutput(Protocol):
    """A sound output that plays sources so their first sample reaches the DAC at a given instant.

    Both backends (`SimAudioOutput`, `SounddeviceOutput`) implement this; the daemon sees only it.
    """

    sample_rate: int
    channels: int

    def start(self) -> None:
        """Open the stream and keep it running (silence while idle)."""
        ...

    def stop(self) -> None:
        """Stop the stream; unfinished playbacks fail with reason 'output stopped'."""
        ...

    def clock(self) -> float:
        """The output's clock (monotonic seconds): `schedule(at=...)` is on this clock."""
        ...

    def schedule(self, source: Source, at: float, *, token: Hashable) -> PlaybackHandle:
        """Arm `source` so its first sample reaches the DAC at `at` (or as soon as possible if late)."""
        ...

    def fade_out_and_stop(self, handle: PlaybackHandle, fade_s: float) -> None:
        """Fade a playing handle to silence over `fade_s` and stop it; cancel it if not started."""
        ...

    def is_alive(self, *, max_age_s: float = 1.0) -> bool:
        """True while the audio callback keeps running (last callback within `max_age_s`)."""
        ...

    def heartbeat(self) -> float | None:
        """Output-clock time of the last audio callback, or None if it never ran."""
        ...

    def add_listener(self, listener: PlaybackListener) -> None: ...


# --------------------------------------------------------------------------- relays, switch, GPS


class Relays(Protocol):
    """The amplifier power relay and the zone selector relays."""

    def amp_on(self) -> None: ...

    def amp_off(self) -> None: ...

    def select_zones(self, zone_ids: Sequence[str]) -> None: ...

    def states(self) -> Mapping[str, bool]: ...


@dataclass(frozen=True)
class GpsFix:
    lat: float
    lon: float
    alt_m: float | None = None
    mode: int = 2  # 2 = 2D fix, 3 = 3D fix (gpsd's TPV mode)
    time: str | None = None  # ISO 8601 UTC from the receiver
    eph_m: float | None = None  # horizontal error estimate

    def as_dict(self) -> dict[str, object]:
        return {
            "lat": self.lat,
            "lon": self.lon,
            "alt_m": self.alt_m,
            "mode": self.mode,
            "time": self.time,
            "eph_m": self.eph_m,
        }


class Gps(Protocol):
    def fix(self) -> GpsFix | None:
        """The latest fix, or None when there is none (no receiver, no signal, too old)."""
        ...

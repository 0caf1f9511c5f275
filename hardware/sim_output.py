"""A simulated sound card: the real mixer paced by an injectable clock, recording what it played.

Like gpiozero's MockPin.states, it keeps a record of every broadcast — which output sample it
started on, at what clock time, how many frames played, how it ended — and can write the
output it produced to a WAV file so a newcomer can listen to the demo unit.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from hardware.errors import AudioStreamError
from hardware.ports import Clock, PlaybackHandle, PlaybackListener, PlaybackState, Source
from hardware.source import Mixer, PlaybackEvent


class _MonotonicClock:
    def monotonic(self) -> float:
        return time.monotonic()


@dataclass(frozen=True)
class SimEvent:
    """One thing the simulated card did, at output-clock `time`."""

    time: float
    kind: str  # "started" | "finished" | "failed"
    token: Hashable
    first_frame: int = -1
    frames_played: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class PlayRecord:
    """One broadcast as played: the MockPin.states of a sound card."""

    token: Hashable
    scheduled_at: float
    start_time: float | None  # when its first sample reached the DAC (None: never started)
    first_frame: int | None  # index of that sample in the output stream
    frames_played: int
    outcome: PlaybackState
    late_frames: int = 0
    reason: str | None = None
    end_time: float | None = None  # when the last played frame had reached the DAC


class SimAudioOutput:
    """`AudioOutput` whose sound card is simulated.

    Buffers of `block_frames` are rendered when the clock reaches their callback time
    (stream start + n·block/rate); the first frame of each reaches the "DAC" `latency_s` later.
    With a `SimClock` the card renders whenever the clock advances; with a real clock pass
    `realtime=True` to render from a thread, or call `pump()` yourself.
    """

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        sample_rate: int = 48000,
        channels: int = 1,
        block_frames: int = 480,
        latency_s: float = 0.0,
        max_voices: int = 4,
        capture: bool = True,
        realtime: bool = False,
        listener: PlaybackListener | None = None,
    ) -> None:
        self._clk = clock if clock is not None else _MonotonicClock()
        self.sample_rate = sample_rate
        self.channels = channels
        self.block_frames = block_frames
        self.latency_s = latency_s
        self.capture = capture
        self._realtime = realtime
        self._mixer = Mixer(
            sample_rate, channels, max_voices=max_voices, max_block_frames=max(block_frames, 1)
        )
        self._buf = np.zeros((block_frames, channels), dtype=np.float32)
        self._listeners: list[PlaybackListener] = [listener] if listener else []
        self._lock = threading.RLock()
        self._running = False
        self._frozen = False
        self._t0 = 0.0
        self._frames_out = 0
        self._heartbeat: float | None = None
        self._captured: list[tuple[int, np.ndarray | None, int]] = []  # (first frame, data|None, n)
        self._thread: threading.Thread | None = None
        self._stop_evt = threading.Event()
        self._wake = threading.Event()
        self._pending_failure: str | None = None
        self.events: list[SimEvent] = []
        self.played: list[PlayRecord] = []
        self._records: dict[int, PlaybackHandle] = {}

    # ------------------------------------------------------------------ AudioOutput
    def start(self) -> None:
        with self._lock:
            if self._running:
                return
            self._running = True
            self._frozen = False
            self._t0 = self._clk.monotonic() - self._frames_out / self.sample_rate
            add = getattr(self._clk, "add_listener", None)
            if add is not None and not self._realtime:
                add(self._on_clock)
        if self._realtime:
            self._stop_evt.clear()
            self._thread = threading.Thread(target=self._run, name="sim-audio", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._lock:
            if not self._running:
                return
            self._running = False
            remove = getattr(self._clk, "remove_listener", None)
            if remove is not None:
                remove(self._on_clock)
            self._dispatch(self._mixer.fail_all("output stopped"))
        if self._thread is not None:
            self._stop_evt.set()
            self._wake.set()
            self._thread.join(timeout=5)
            self._thread = None

    def clock(self) -> float:
        return self._clk.monotonic()

    def schedule(self, source: Source, at: float, *, token: Hashable) -> PlaybackHandle:
        with self._lock:
            if not self._running:
                raise AudioStreamError("the simulated output is not running")
            handle = self._mixer.arm(source, at, token=token)
            self._records[id(handle)] = handle
        self._wake.set()
        return handle

    def fade_out_and_stop(self, handle: PlaybackHandle, fade_s: float) -> None:
        with self._lock:
            self._mixer.request_stop(handle, fade_s)
        self._wake.set()

    def is_alive(self, *, max_age_s: float = 1.0) -> bool:
        hb = self._heartbeat
        return self._running and hb is not None and self.clock() - hb <= max_age_s

    def heartbeat(self) -> float | None:
        return self._heartbeat

    def add_listener(self, listener: PlaybackListener) -> None:
        self._listeners.append(listener)

    # ------------------------------------------------------------------ simulation controls
    @property
    def frames_out(self) -> int:
        """Frames the card has rendered since it was created."""
        return self._frames_out

    def discard_captured_before(self, frame: int) -> None:
        """Forget the captured output before stream frame `frame` (a card left running for
        days, like the demo unit's, keeps its memory flat once each broadcast is written)."""
        with self._lock:
            self._captured = [c for c in self._captured if c[0] + c[2] > frame]

    def frame_time(self, frame: int) -> float:
        """Clock time at which output frame `frame` reaches the DAC."""
        return self._t0 + frame / self.sample_rate + self.latency_s

    def pump(self) -> None:
        """Render every buffer whose callback time has come."""
        with self._lock:
            if not self._running or self._frozen:
                return
            if self._pending_failure is not None:
                reason, self._pending_failure = self._pending_failure, None
                self._die(reason)
                return
            now = self._clk.monotonic()
            sr, b = self.sample_rate, self.block_frames
            # blocks whose callback time t0 + j*b/sr <= now (tiny epsilon against float noise)
            due = math.floor((now - self._t0) * sr / b + 1e-9) + 1
            j = self._frames_out // b
            while j < due:
                if not self._mixer.needs_render():
                    j = self._skip_idle(j, due)
                    continue
                self._render_block(j)
                j += 1

    def trigger_failure(self, reason: str = "simulated device failure") -> None:
        """The card dies at its next buffer: playbacks fail, callbacks stop (Mopidy-style fault)."""
        with self._lock:
            self._pending_failure = reason
        self.pump()

    def freeze(self) -> None:
        """Callbacks stop without an error (a hung driver): is_alive() goes False."""
        with self._lock:
            self._frozen = True

    def unfreeze(self) -> None:
        """Callbacks resume; the frames the hang would have played are lost."""
        with self._lock:
            if not self._frozen:
                return
            self._frozen = False
            self._t0 = self._clk.monotonic() - self._frames_out / self.sample_rate

    def samples(self, start_frame: int = 0, end_frame: int | None = None) -> np.ndarray:
        """The captured output (frames x channels) between two stream frames."""
        end = self._frames_out if end_frame is None else min(end_frame, self._frames_out)
        out = np.zeros((max(0, end - start_frame), self.channels), dtype=np.float32)
        for first, data, n in self._captured:
            lo, hi = max(first, start_frame), min(first + n, end)
            if lo >= hi or data is None:
                continue
            out[lo - start_frame : hi - start_frame] = data[lo - first : hi - first]
        return out

    def samples_of(self, token: Hashable) -> np.ndarray:
        """What was played for one broadcast (from its first sample, frames_played long)."""
        rec = self.record_of(token)
        if rec.first_frame is None:
            return np.zeros((0, self.channels), dtype=np.float32)
        return self.samples(rec.first_frame, rec.first_frame + rec.frames_played)

    def record_of(self, token: Hashable) -> PlayRecord:
        for rec in self.played:
            if rec.token == token:
                return rec
        raise KeyError(token)

    def write_wav(
        self,
        path: str | os.PathLike[str],
        *,
        token: Hashable | None = None,
        start_frame: int = 0,
        end_frame: int | None = None,
    ) -> int:
        """Write what was played (one broadcast, or a frame range) as a float WAV; returns frames."""
        import soundfile

        data = self.samples_of(token) if token is not None else self.samples(start_frame, end_frame)
        if not self.capture:
            raise AudioStreamError("capture was off: nothing to write")
        soundfile.write(os.fspath(path), data, self.sample_rate, subtype="FLOAT")
        return len(data)

    def assert_played(
        self, expected: Sequence[tuple[Hashable, float, int]], *, time_tol: float | None = None
    ) -> None:
        """Like MockPin.assert_states_and_times: [(token, start_time, frames_played), ...] in order."""
        tol = time_tol if time_tol is not None else 1.0 / self.sample_rate
        actual = [(r.token, r.start_time, r.frames_played) for r in self.played]
        assert len(actual) == len(expected), f"played {actual!r}, expected {list(expected)!r}"
        for (tok, t, n), (etok, et, en) in zip(actual, expected, strict=True):
            assert tok == etok, f"played {tok!r}, expected {etok!r}"
            assert t is not None and abs(t - et) <= tol, f"{tok!r} started at {t}, expected {et}"
            assert n == en, f"{tok!r} played {n} frames, expected {en}"

    # ------------------------------------------------------------------ internals
    def _on_clock(self, _now: float) -> None:
        self.pump()

    def _run(self) -> None:
        # Twice a block while anything sounds; once a block while idle (like a real card's
        # callback), woken at once when something is armed or stopped.
        period = self.block_frames / self.sample_rate
        while not self._stop_evt.is_set():
            with self._lock:
                busy = self._mixer.needs_render()
            self._wake.wait(period / 2 if busy else period)
            self._wake.clear()
            if self._stop_evt.is_set():
                return
            self.pump()

    def _skip_idle(self, j: int, due: int) -> int:
        """Jump over silent blocks in one step (hours of idle card stay cheap)."""
        b, sr = self.block_frames, self.sample_rate
        last = due
        target = self._mixer.earliest_armed()
        if target is not None:
            # stop one block before the block whose DAC span holds the target
            jt = math.floor((target - self.latency_s - self._t0) * sr / b) - 1
            last = min(due, max(j, jt))
        if last <= j:
            self._render_block(j)
            return j + 1
        n = (last - j) * b
        if self.capture:
            self._captured.append((self._frames_out, None, n))
        self._frames_out += n
        self._heartbeat = self._t0 + (last - 1) * b / sr
        return last

    def _render_block(self, j: int) -> None:
        b, sr = self.block_frames, self.sample_rate
        cb_time = self._t0 + j * b / sr
        self._heartbeat = cb_time
        self._mixer.fill_sources()
        active = self._mixer.has_voices()
        self._mixer.render(self._buf, cb_time + self.latency_s, self._frames_out)
        if self.capture:
            if active and np.any(self._buf):
                self._captured.append((self._frames_out, self._buf.copy(), b))
            else:
                self._captured.append((self._frames_out, None, b))
        self._frames_out += b
        self._dispatch(self._mixer.collect())

    def _die(self, reason: str) -> None:
        self._frozen = True
        self._dispatch(self._mixer.fail_all(reason))
        self._running = False

    def _dispatch(self, events: list[PlaybackEvent]) -> None:
        for ev in events:
            h = ev.handle
            self.events.append(
                SimEvent(ev.time, ev.kind, h.token, ev.first_frame, ev.frames_played, ev.reason)
            )
            if ev.kind != "started":
                self.played.append(
                    PlayRecord(
                        token=h.token,
                        scheduled_at=h.scheduled_at,
                        start_time=h.actual_start,
                        first_frame=h.first_frame,
                        frames_played=h.frames_played,
                        outcome=h.state,
                        late_frames=h.late_frames,
                        reason=h.reason,
                        end_time=ev.time if h.actual_start is not None else None,
                    )
                )
                self._records.pop(id(h), None)
            for listener in list(self._listeners):
                if ev.kind == "started":
                    listener.on_started(h, ev.time, ev.first_frame)
                elif ev.kind == "finished":
                    listener.on_finished(h, ev.frames_played)
                else:
                    listener.on_failed(h, ev.reason or "failed")

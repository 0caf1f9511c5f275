"""The real sound output: one PortAudio stream (sounddevice) kept running, sample-accurate starts.

How a start lands on the right sample: every callback, PortAudio tells us when the first frame
of the buffer we are filling will reach the DAC (`outputBufferDacTime`, on the stream clock).
We map that instant to time.monotonic() (the offset is measured at start, see
`placement.clock_agreement`), and `placement.target_offset` gives the frame inside this buffer
whose DAC instant is nearest the scheduled time. Timers never start audio; the callback does.

Threads: the PortAudio callback only copies from preallocated rings and writes plain fields; a
service thread reads from disk into the rings, turns what the callback recorded into events and
calls listeners. The callback never takes a lock, reads a file, or allocates arrays.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable
from typing import Any

import numpy as np

from hardware.errors import AudioStreamError, ClockDisagreement, DeviceNotFound
from hardware.placement import ClockAgreement, ClockKind, clock_agreement
from hardware.ports import PlaybackHandle, PlaybackListener, Source
from hardware.source import Mixer, PlaybackEvent

log = logging.getLogger(__name__)


def find_output_device(sd: Any, device: str | int | None) -> int:
    """PortAudio index of the output device named `device` (exact name first, then substring)."""
    devices = list(sd.query_devices())
    outputs = [(i, d) for i, d in enumerate(devices) if d["max_output_channels"] > 0]
    names = ", ".join(repr(d["name"]) for _, d in outputs) or "none"
    if device is None:
        idx = sd.default.device[1]
        if idx is None or idx < 0:
            raise DeviceNotFound(f"no default sound output; outputs: {names}")
        return int(idx)
    if isinstance(device, int):
        if any(i == device for i, _ in outputs):
            return device
        raise DeviceNotFound(f"sound output #{device} does not exist; outputs: {names}")
    for i, d in outputs:
        if d["name"] == device:
            return i
    matches = [i for i, d in outputs if device.lower() in d["name"].lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise DeviceNotFound(f"sound output {device!r} is ambiguous; outputs: {names}")
    raise DeviceNotFound(f"sound output {device!r} not found; outputs: {names}")


class SounddeviceOutput:
    """`AudioOutput` on a PortAudio stream (ALSA `hw:`/`plughw:` on the unit).

    `clock()` is time.monotonic(). `start()` opens the stream, waits for the first callbacks and
    checks that the stream clock advances with time.monotonic() (raising ClockDisagreement if
    not); a steady offset — PortAudio's ALSA backend may use CLOCK_REALTIME — is measured and
    applied, and a later step of that clock (an NTP step) is detected and re-measured.
    """

    def __init__(
        self,
        device: str | int | None = None,
        *,
        sample_rate: int = 48000,
        channels: int = 1,
        latency_s: float = 0.05,
        blocksize: int = 0,
        max_voices: int = 4,
        service_interval_s: float = 0.01,
        clock_check_callbacks: int = 16,
        clock_check_timeout_s: float = 2.0,
        clock_tolerance_s: float = 0.005,
        clock_step_s: float = 0.05,
        listener: PlaybackListener | None = None,
    ) -> None:
        self.device = device
        self.sample_rate = sample_rate
        self.channels = channels
        self.latency_s = latency_s
        self.blocksize = blocksize
        self._service_interval = service_interval_s
        self._check_n = max(2, clock_check_callbacks)
        self._check_timeout = clock_check_timeout_s
        self._clock_tol = clock_tolerance_s
        self._clock_step = clock_step_s
        self._listeners: list[PlaybackListener] = [listener] if listener else []
        self._mixer = Mixer(sample_rate, channels, max_voices=max_voices, max_block_frames=8192)
        self._control = threading.Lock()  # schedule/fade/service among themselves; never the callback
        self._wake = threading.Event()
        self._sd: Any = None
        self._stream: Any = None
        self._service: threading.Thread | None = None
        self._running = False
        # written by the callback only
        self._heartbeat: float | None = None
        self._frames_out = 0
        self._callbacks = 0
        self._xruns = 0
        self._clock_steps = 0
        self._callback_error: str | None = None
        self._cal_stream = np.zeros(self._check_n)
        self._cal_mono = np.zeros(self._check_n)
        self._cal_count = 0
        # written before the callback may use them
        self._offset = 0.0  # stream clock - monotonic
        self._track_steps = False
        self._stream_dead: str | None = None
        self.clock_check: ClockAgreement | None = None
        self.device_index: int | None = None
        self.device_name: str | None = None

    # ------------------------------------------------------------------ AudioOutput
    def start(self) -> None:
        if self._running:
            return
        import sounddevice as sd  # lazily: the unit's only PortAudio user

        self._sd = sd
        self.device_index = find_output_device(sd, self.device)
        self.device_name = sd.query_devices(self.device_index)["name"]
        self._cal_count = 0
        self._stream_dead = None
        self._callback_error = None
        try:
            self._stream = sd.OutputStream(
                device=self.device_index,
                samplerate=self.sample_rate,
                channels=self.channels,
                dtype="float32",
                latency=self.latency_s,
                blocksize=self.blocksize,
                callback=self._callback,
                finished_callback=self._on_stream_finished,
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            self._close_stream()
            raise AudioStreamError(f"cannot open sound output {self.device_name!r}: {exc}") from exc
        try:
            self.clock_check = self._check_clock()
        except Exception:
            self._close_stream()
            raise
        self._running = True
        self._service = threading.Thread(target=self._service_loop, name="audio-service", daemon=True)
        self._service.start()

    def stop(self) -> None:
        if not self._running:
            self._close_stream()
            return
        self._running = False
        self._wake.set()
        if self._service is not None:
            self._service.join(timeout=5)
            self._service = None
        self._close_stream()
        with self._control:
            events = self._mixer.fail_all("output stopped")
        self._dispatch(events)
        self._heartbeat = None

    def clock(self) -> float:
        return time.monotonic()

    def schedule(self, source: Source, at: float, *, token: Hashable) -> PlaybackHandle:
        if not self._running:
            raise AudioStreamError("the sound output is not running")
        with self._control:
            handle = self._mixer.arm(source, at, token=token)
        self._wake.set()
        return handle

    def fade_out_and_stop(self, handle: PlaybackHandle, fade_s: float) -> None:
        with self._control:
            self._mixer.request_stop(handle, fade_s)

    def is_alive(self, *, max_age_s: float = 1.0) -> bool:
        hb = self._heartbeat
        return (self._running and self._stream_dead is None and hb is not None
                and time.monotonic() - hb <= max_age_s)

    def heartbeat(self) -> float | None:
        return self._heartbeat

    def add_listener(self, listener: PlaybackListener) -> None:
        self._listeners.append(listener)

    # ------------------------------------------------------------------ diagnostics
    def stats(self) -> dict[str, Any]:
        """Numbers for `loa doctor` and benchmarks."""
        stream = self._stream
        return {
            "device": self.device_name,
            "sample_rate": self.sample_rate,
            "latency_s": None if stream is None else stream.latency,
            "callbacks": self._callbacks,
            "frames_out": self._frames_out,
            "xruns": self._xruns,
            "clock_kind": None if self.clock_check is None else self.clock_check.kind.value,
            "clock_offset_s": self._offset,
            "clock_steps": self._clock_steps,
            "callback_error": self._callback_error,
        }

    # ------------------------------------------------------------------ the audio callback
    def _callback(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        now = time.monotonic()
        try:
            self._heartbeat = now
            if status.output_underflow:
                self._xruns += 1
            cur = time_info.currentTime
            dac = time_info.outputBufferDacTime
            n = self._cal_count
            if n < self._check_n and cur > 0.0:
                self._cal_stream[n] = cur
                self._cal_mono[n] = now
                self._cal_count = n + 1
            # a host API may leave currentTime 0 in a callback (as it may outputBufferDacTime):
            # that is "not known", never a clock step to re-anchor on
            if self._track_steps and cur > 0.0 and abs((cur - now) - self._offset) > self._clock_step:
                # the stream clock is not monotonic (CLOCK_REALTIME) and was stepped: re-anchor
                self._offset = cur - now
                self._clock_steps += 1
            if dac > 0.0:
                dac_mono = dac - self._offset
            else:  # some host APIs leave it 0: assume the nominal latency
                dac_mono = now + self.latency_s
            self._mixer.render(outdata, dac_mono, self._frames_out)
            self._frames_out += frames
            self._callbacks += 1
        except Exception as exc:  # never let an exception escape into PortAudio silently
            outdata.fill(0.0)
            self._callback_error = repr(exc)
            raise self._sd.CallbackAbort from exc

    def _on_stream_finished(self) -> None:
        if self._running:
            self._stream_dead = self._callback_error or "the audio stream stopped"
            self._wake.set()

    # ------------------------------------------------------------------ internals
    def _check_clock(self) -> ClockAgreement:
        deadline = time.monotonic() + self._check_timeout
        while self._cal_count < self._check_n:
            if self._callback_error is not None:
                raise AudioStreamError(f"audio callback failed: {self._callback_error}")
            if time.monotonic() > deadline:
                raise AudioStreamError(
                    f"sound output {self.device_name!r} made {self._cal_count} callbacks in "
                    f"{self._check_timeout:.1f} s; expected {self._check_n}"
                )
            time.sleep(0.005)
        pairs = list(zip(self._cal_stream.tolist(), self._cal_mono.tolist(), strict=True))
        agreement = clock_agreement(pairs, tolerance_s=self._clock_tol)
        if not agreement.ok:
            raise ClockDisagreement(
                f"sound output {self.device_name!r}: {agreement.reason} "
                f"(offset {agreement.offset_s:.6f} s over {agreement.samples} callbacks)"
            )
        if agreement.kind is ClockKind.MONOTONIC:
            self._offset = 0.0  # same clock: the DAC times are already monotonic seconds
        else:
            # stream = monotonic + offset - delay, delay >= 0: the largest pair is the closest
            self._offset = max(s - m for s, m in pairs)
            self._track_steps = True
            log.info("stream clock is not time.monotonic(); offset %.6f s applied", self._offset)
        return agreement

    def _service_loop(self) -> None:
        while self._running:
            self._wake.wait(self._service_interval)
            self._wake.clear()
            with self._control:
                if self._stream_dead is not None:
                    events = self._mixer.fail_all(self._stream_dead)
                else:
                    self._mixer.fill_sources()
                    events = self._mixer.collect()
            self._dispatch(events)
            if self._stream_dead is not None:
                break

    def _dispatch(self, events: list[PlaybackEvent]) -> None:
        for ev in events:
            for listener in list(self._listeners):
                try:
                    if ev.kind == "started":
                        listener.on_started(ev.handle, ev.time, ev.first_frame)
                    elif ev.kind == "finished":
                        listener.on_finished(ev.handle, ev.frames_played)
                    else:
                        listener.on_failed(ev.handle, ev.reason or "failed")
                except Exception:  # a listener bug must not stop the disk feeder
                    log.exception("playback listener failed on %s", ev.kind)

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop(ignore_errors=True)
                stream.close(ignore_errors=True)
            except Exception:  # closing a dead device must not mask the original error
                log.exception("closing the audio stream failed")

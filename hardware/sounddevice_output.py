"""The real sound output: one stream kept running, sample-accurate starts, self-healing.

Two ways to a DAC, one mixer:

* **PortAudio** (sounddevice) — ALSA `hw:`/`plughw:` on the Pi. Every callback PortAudio tells us
  when the buffer's first frame reaches the DAC (`outputBufferDacTime`, on the stream clock),
  mapped to time.monotonic() with the offset measured at start (`placement.clock_agreement`).
* **JACK** — a device that is a JACK client (`[audio] device = "system"`): the unit is its own
  JACK client (`hardware.jack_client.JackStream`, libjack) and each cycle asks the server for
  the cycle's first frame and its instant, plus the playback latency of the ports it feeds.
  PortAudio's JACK host API can still be chosen (`jack_via="portaudio"`), with the same clock
  fix, but it cannot reconnect to a restarted server in-process (see jack_client.py).

In both, `placement.target_offset` gives the frame inside the buffer whose DAC instant is
nearest the scheduled time. Timers never start audio; the callback does.

Threads: the audio callback only copies from preallocated rings and writes plain fields; when
nothing is armed or playing it writes silence and returns. The service thread ("feeder") reads
from disk into the rings — outside the control lock, so a read that stalls (a slow SD card)
holds up neither `schedule()` nor the callback; each source's ring holds 4 s — turns what the
callback recorded into events and calls listeners. It wakes every `service_interval_s` while
something is armed or playing and every `idle_service_s` otherwise.

When the stream dies (the JACK server goes away, the card is unplugged, the callback stops for
`stall_s`), what was playing fails with the reason, armed broadcasts stay armed (those whose
start passes while the output is down fail), and the service thread reopens the device with a
bounded, logged backoff; `reopening` is True meanwhile. xruns are counted per broadcast
(`PlaybackHandle.xruns`). With `realtime=True` the callback and feeder threads get SCHED_FIFO
where allowed (a thread JACK already made realtime is left alone), with `lock_memory=True` the
process's pages are locked (mlockall, on fault); where not permitted, a note is logged and
playback goes on at normal priority.
"""

from __future__ import annotations

import ctypes
import logging
import os
import resource
import sys
import threading
import time
from collections.abc import Hashable
from typing import Any

import numpy as np

from hardware.errors import AudioStreamError, ClockDisagreement, DeviceNotFound, HardwareError
from hardware.placement import ClockAgreement, ClockKind, clock_agreement
from hardware.ports import PlaybackHandle, PlaybackListener, PlaybackState, Source
from hardware.source import Mixer, PlaybackEvent

log = logging.getLogger(__name__)

HOST_APIS = ("auto", "alsa", "jack")
JACK_VIA = ("libjack", "portaudio")
_XRUN_RING = 1024
_MCL_CURRENT, _MCL_FUTURE, _MCL_ONFAULT = 1, 2, 4


def find_output_device(sd: Any, device: str | int | None, *, host_api: str | None = None) -> int:
    """PortAudio index of the output device named `device` (exact name first, then substring),
    among the devices of host API `host_api` (a substring of its name, e.g. "JACK") if given."""
    devices = list(sd.query_devices())
    apis = [a["name"] for a in sd.query_hostapis()] if host_api else []
    outputs = [
        (i, d)
        for i, d in enumerate(devices)
        if d["max_output_channels"] > 0
        and (not host_api or host_api.lower() in apis[d["hostapi"]].lower())
    ]
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


# --------------------------------------------------------------------------- realtime helpers


def realtime_capability() -> dict[str, Any]:
    """What this process may do: SCHED_FIFO (RLIMIT_RTPRIO or CAP_SYS_NICE) and mlock
    (RLIMIT_MEMLOCK or CAP_IPC_LOCK). For `loa doctor` and logs."""
    rt_soft, _ = resource.getrlimit(resource.RLIMIT_RTPRIO)
    ml_soft, _ = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    caps = _effective_caps()
    return {
        "rtprio_limit": rt_soft,
        "memlock_limit": ml_soft,
        "cap_sys_nice": bool(caps & (1 << 23)),
        "cap_ipc_lock": bool(caps & (1 << 14)),
        "may_fifo": rt_soft > 0 or bool(caps & (1 << 23)),
        "may_lock": ml_soft == resource.RLIM_INFINITY or bool(caps & (1 << 14)),
    }


def _effective_caps(pid: int | str = "self") -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16)
    except OSError:
        pass
    return 0


def thread_policy(tid: int) -> tuple[str, int]:
    """("SCHED_FIFO" | "SCHED_RR" | "SCHED_OTHER" | ..., priority) of a thread of this system."""
    names = {
        os.SCHED_OTHER: "SCHED_OTHER",
        os.SCHED_FIFO: "SCHED_FIFO",
        os.SCHED_RR: "SCHED_RR",
        getattr(os, "SCHED_BATCH", 3): "SCHED_BATCH",
        getattr(os, "SCHED_IDLE", 5): "SCHED_IDLE",
    }
    pol = os.sched_getscheduler(tid)
    return names.get(pol, str(pol)), os.sched_getparam(tid).sched_priority


def raise_thread(tid: int, priority: int) -> str:
    """SCHED_FIFO `priority` for thread `tid`, unless it is realtime already. Returns what it
    now runs at; raises PermissionError when not allowed."""
    pol, prio = thread_policy(tid)
    if pol in ("SCHED_FIFO", "SCHED_RR"):
        return f"{pol} {prio} (already)"
    os.sched_setscheduler(tid, os.SCHED_FIFO, os.sched_param(priority))
    return f"SCHED_FIFO {priority}"


_memory_locked: str | None = None


def lock_memory() -> str:
    """mlockall(current and future pages, locked as they are first touched): a page fault in the
    audio path never waits for the SD card. Once per process; returns what was done."""
    global _memory_locked
    if _memory_locked is not None:
        return _memory_locked
    libc = ctypes.CDLL(None, use_errno=True)
    for flags, what in (
        (_MCL_CURRENT | _MCL_FUTURE | _MCL_ONFAULT, "locked (on fault)"),
        (_MCL_CURRENT, "locked (current pages)"),
    ):
        if libc.mlockall(flags) == 0:
            _memory_locked = what
            return what
        err = ctypes.get_errno()
        if err != 22:  # EINVAL: a kernel without MCL_ONFAULT; try the plain form
            raise PermissionError(err, os.strerror(err))
    raise PermissionError(22, "mlockall refused")


def _name_thread(tid: int, name: str) -> None:
    """Name a thread of this process (visible in top -H, /proc/PID/task/TID/comm)."""
    try:
        with open(f"/proc/self/task/{tid}/comm", "w", encoding="ascii") as f:
            f.write(name[:15])
    except OSError:
        pass


class SounddeviceOutput:
    """`AudioOutput` on a real sound device: PortAudio (ALSA) or a JACK server.

    `clock()` is time.monotonic(). `start()` opens the stream, waits for the first callbacks and
    checks that the stream clock advances with time.monotonic() (raising ClockDisagreement if
    not); on PortAudio a steady offset — the ALSA backend may use CLOCK_REALTIME — is measured
    and applied, and a later step of that clock (an NTP step) is re-measured.

    `host_api`: "auto" (a device that is a JACK client of a running server is JACK, anything
    else PortAudio), "jack" or "alsa". `client_name` names the unit's JACK client (its ports
    are `<client>:out_1` …).

    `idle_suspend_s` > 0 (JACK through libjack only): after that long with nothing armed or
    playing the unit's client leaves the server's graph, so an idle unit is no longer woken every
    period (the process callback was most of its idle CPU: 2 % of a core here at 256 frames);
    the next schedule() brings it back (12–19 ms here, before the arming returns). 0 keeps
    the stream in the graph always.
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
        idle_service_s: float = 0.5,
        clock_check_callbacks: int = 16,
        clock_check_timeout_s: float = 2.0,
        clock_tolerance_s: float = 0.005,
        clock_step_s: float = 0.05,
        host_api: str = "auto",
        jack_via: str = "libjack",
        client_name: str = "loa-unit",
        realtime: bool = False,
        realtime_priority: int = 70,
        lock_memory: bool = False,
        stall_s: float = 1.0,
        reopen_backoff_s: tuple[float, float] = (0.5, 8.0),
        idle_suspend_s: float = 0.0,
        listener: PlaybackListener | None = None,
    ) -> None:
        if host_api not in HOST_APIS:
            raise ValueError(f"host_api must be one of {HOST_APIS}")
        if jack_via not in JACK_VIA:
            raise ValueError(f"jack_via must be one of {JACK_VIA}")
        self.device = device
        self.sample_rate = sample_rate
        self.channels = channels
        self.latency_s = latency_s
        self.blocksize = blocksize
        self.host_api = host_api
        self.jack_via = jack_via
        self.client_name = client_name
        self.realtime = realtime
        self.realtime_priority = realtime_priority
        self.lock_memory = lock_memory
        self._service_interval = service_interval_s
        self._idle_service = idle_service_s
        self._check_n = max(2, clock_check_callbacks)
        self._check_timeout = clock_check_timeout_s
        self._clock_tol = clock_tolerance_s
        self._clock_step = clock_step_s
        self._stall = stall_s
        self._backoff = reopen_backoff_s
        self.idle_suspend_s = idle_suspend_s
        # suspend/resume of the JACK client, and arming, one at a time (never the callback)
        self._power = threading.Lock()
        self._idle_since: float | None = None
        self._suspended = False
        self.resume_s_last: float | None = None

        self._listeners: list[PlaybackListener] = [listener] if listener else []
        self._mixer = Mixer(sample_rate, channels, max_voices=max_voices, max_block_frames=8192)
        self._control = (
            threading.Lock()
        )  # schedule/fade/collect among themselves; never the callback
        self._wake = threading.Event()
        self._sd: Any = None
        self._stream: Any = None  # PortAudio stream
        self._jack: Any = None  # JackStream (libjack) or JackClient (clock for PortAudio on JACK)
        self._kind: str | None = (
            None  # "portaudio" | "jack" | "portaudio-jack", fixed at first open
        )
        self._service: threading.Thread | None = None
        self._running = False
        # written by the callback only
        self._heartbeat: float | None = None
        self._frames_out = 0
        self._callbacks = 0
        self._busy_callbacks = 0
        self._xruns = 0
        self._clock_steps = 0
        self._callback_error: str | None = None
        self._callback_tid: int | None = None
        self._cal_stream = np.zeros(self._check_n)
        self._cal_mono = np.zeros(self._check_n)
        self._cal_count = 0
        self._cal_first = -1
        # xruns: stream frame at which each was reported (one writer: the callback or libjack's)
        self._xrun_frames = np.zeros(_XRUN_RING, dtype=np.int64)
        # written before the callback may use them
        self._offset = 0.0  # stream clock - monotonic (PortAudio)
        self._track_steps = False
        self._lat_s = 0.0  # JACK: playback latency of the ports fed
        # health and recovery
        self._dead: str | None = None  # why the stream died (any thread may set it, once)
        self._reopening = False
        self._down_reason = ""
        self._down_since = 0.0
        self._next_attempt = 0.0
        self._attempts = 0
        self._delay = reopen_backoff_s[0]
        self._reopens = 0
        self._pa_poisoned: str | None = None
        self._abandoned: list[
            Any
        ] = []  # PortAudio streams on a dead JACK server: never touched again
        self._rt_pending = False
        self._seen_frames = -1
        self._service_beat = 0.0  # when the service thread last finished a round
        self.realtime_state: dict[str, Any] = {}
        self.clock_check: ClockAgreement | None = None
        self.device_index: int | None = None
        self.device_name: str | None = None
        self.jack_client: str | None = None
        self.ports: list[str] = []
        self.latency_frames: int | None = None

    # ------------------------------------------------------------------ AudioOutput
    def start(self) -> None:
        if self._running:
            return
        self._open()
        self._running = True
        self._reopening = False
        self._service_beat = time.monotonic()
        self._service = threading.Thread(
            target=self._service_loop, name="audio-service", daemon=True
        )
        self._service.start()

    def stop(self) -> None:
        self._running = False
        self._wake.set()
        if self._service is not None and self._service is not threading.current_thread():
            self._service.join(timeout=5)
        self._service = None
        self._close_stream()
        with self._control:
            events = self._mixer.fail_all("output stopped")
        self._dispatch(events)
        self._heartbeat = None
        self._reopening = False

    def clock(self) -> float:
        return time.monotonic()

    def schedule(self, source: Source, at: float, *, token: Hashable) -> PlaybackHandle:
        # while reopening, arming is accepted: the broadcast plays if the device is back in time
        if not self._running:
            raise AudioStreamError("the sound output is not running")
        with self._power:
            if self._suspended:
                self._resume()
            with self._control:
                handle = self._mixer.arm(source, at, token=token)
                if self._jack is not None:
                    self._jack.idle = False  # the callback places and plays again
            self._idle_since = None
        self._wake.set()
        return handle

    def fade_out_and_stop(self, handle: PlaybackHandle, fade_s: float) -> None:
        with self._control:
            self._mixer.request_stop(handle, fade_s)
        self._wake.set()

    def is_alive(self, *, max_age_s: float = 1.0) -> bool:
        hb = self._heartbeat
        return (
            self._running
            and not self._reopening
            and self._dead is None
            and hb is not None
            and time.monotonic() - hb <= max_age_s
        )

    @property
    def reopening(self) -> bool:
        """Not alive, but running and recovering by itself: its service thread notices a dead
        or silent stream and reopens the device with a bounded backoff, and keeps doing so.
        Callers (the daemon's health check, the watchdog) should not restart it meanwhile.
        False when it cannot recover in this process (PortAudio on a dead JACK server)."""
        beat_ok = time.monotonic() - self._service_beat < 2 * self._backoff[1] + 5.0
        return self._running and self._pa_poisoned is None and beat_ok and not self.is_alive()

    def heartbeat(self) -> float | None:
        return self._heartbeat

    def add_listener(self, listener: PlaybackListener) -> None:
        self._listeners.append(listener)

    # ------------------------------------------------------------------ diagnostics
    def stats(self) -> dict[str, Any]:
        """Numbers for `loa doctor` and benchmarks."""
        stream = self._stream
        latency = None
        if self._kind in ("jack", "portaudio-jack"):
            latency = self._lat_s
        elif stream is not None:
            latency = stream.latency
        return {
            "device": self.device_name,
            "host_api": self._kind,
            "jack_client": self.jack_client,
            "ports": list(self.ports),
            "sample_rate": self.sample_rate,
            "latency_s": latency,
            "latency_frames": self.latency_frames,
            "callbacks": self._callbacks,
            "busy_callbacks": self._busy_callbacks,
            "frames_out": self._jack.frames
            if self._kind == "jack" and self._jack
            else self._frames_out,
            "xruns": self._xruns,
            "clock_kind": None if self.clock_check is None else self.clock_check.kind.value,
            "clock_offset_s": self._offset,
            "clock_steps": self._clock_steps,
            "callback_error": self._callback_error or getattr(self._jack, "error", None),
            "reopens": self._reopens,
            "reopening": self._reopening,
            "suspended": self._suspended,
            "suspends": getattr(self._jack, "suspends", 0),
            "resumes": getattr(self._jack, "resumes", 0),
            "resume_ms_last": None if self.resume_s_last is None else self.resume_s_last * 1000,
            "realtime": dict(self.realtime_state),
        }

    # ------------------------------------------------------------------ opening and closing
    def _resolve_kind(self) -> str:
        if self._kind is not None:  # a reopen goes back to where the first open went
            return self._kind
        api = self.host_api
        if api == "auto" and isinstance(self.device, str):
            from hardware.jack_client import jack_device

            api = "jack" if jack_device(self.device, f"{self.client_name}-probe") else "alsa"
        if api == "jack":
            return "jack" if self.jack_via == "libjack" else "portaudio-jack"
        return "portaudio"

    def _open(self) -> None:
        kind = self._resolve_kind()
        self._cal_count = 0
        self._cal_first = -1
        self._dead = None
        self._callback_error = None
        self._heartbeat = None
        self._suspended, self._idle_since = False, None  # a stream opens in the graph
        if kind == "jack":
            self._open_jack()
        else:
            self._open_portaudio(kind)
        try:
            self.clock_check = self._check_clock()
        except Exception:
            self._close_stream()
            raise
        self._kind = kind
        self._rt_pending = True
        if self.lock_memory and "memory" not in self.realtime_state:
            try:
                self.realtime_state["memory"] = lock_memory()
            except PermissionError as exc:
                self.realtime_state["memory"] = f"not locked ({exc.strerror})"
                log.info(
                    "memory not locked (%s): page faults may delay the audio callback", exc.strerror
                )

    def _open_jack(self) -> None:
        from hardware.jack_client import JackStream

        stream = JackStream(
            self.client_name,
            channels=self.channels,
            render=self._render_jack,
            on_shutdown=self._on_server_gone,
            on_xrun=self._note_xrun,
        )
        self._jack = stream  # before it runs: the callback reads the stream's frame count
        try:
            stream.open()
            if stream.sample_rate != self.sample_rate:
                raise AudioStreamError(
                    f"the JACK server runs at {stream.sample_rate} Hz; the unit "
                    f"is set to {self.sample_rate} Hz ([audio] sample_rate)"
                )
            targets = stream.connect_to(str(self.device or "system"))
        except BaseException:
            self._jack = None
            stream.close()
            raise
        self._lat_s = stream.latency_frames / self.sample_rate
        self.latency_frames = stream.latency_frames
        self.jack_client = stream.client_name
        self.ports = list(stream.port_names)
        self.device_name = f"{self.device or 'system'} (JACK: {', '.join(targets)})"
        self.device_index = None

    def _open_portaudio(self, kind: str) -> None:
        if self._pa_poisoned is not None:
            raise AudioStreamError(self._pa_poisoned)
        import sounddevice as sd  # lazily: only the PortAudio paths need it

        self._sd = sd
        on_jack = kind == "portaudio-jack"
        if on_jack:
            _portaudio_jack_name(sd, self.client_name)
        self.device_index = find_output_device(
            sd, self.device, host_api="JACK" if on_jack else None
        )
        self.device_name = sd.query_devices(self.device_index)["name"]
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
            if on_jack:
                from hardware.jack_client import JackClient

                self._jack = JackClient(
                    f"{self.client_name}-clock", on_shutdown=self._on_server_gone
                ).open()
            self._stream.start()
            if on_jack:
                self._connect_portaudio_jack(sd)
        except sd.PortAudioError as exc:
            self._close_stream()
            raise AudioStreamError(f"cannot open sound output {self.device_name!r}: {exc}") from exc
        except BaseException:
            self._close_stream()
            raise

    def _connect_portaudio_jack(self, sd: Any) -> None:
        """PortAudio feeds the device's first ports only; a mono unit feeds them all."""
        name = ctypes.c_char_p()
        lib = ctypes.CDLL(sd._libname)  # the library sounddevice loaded (same soname, same copy)
        lib.PaJack_GetClientName(ctypes.byref(name))
        client = (name.value or b"PortAudio").decode()
        ours = [p for p in self._jack.ports(f"^{client}:out_") if p.startswith(client + ":")]
        targets = self._jack.playback_ports(str(self.device))
        for j, dst in enumerate(targets):
            if ours:
                self._jack.connect(ours[j % len(ours)], dst)
        lat = max((self._jack.playback_latency(p)[1] for p in targets), default=0)
        self._lat_s = lat / self.sample_rate
        self.latency_frames = lat
        self.jack_client = client
        self.ports = ours

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        jack, self._jack = self._jack, None
        server_dead = jack is not None and jack.shutdown_reason is not None
        if stream is not None:
            if (jack is not None and server_dead) or self._pa_poisoned:
                # PortAudio 19.6 waits 10 min in Pa_StopStream/Pa_CloseStream for a dead JACK
                # server and aborts in Pa_Terminate: leave its stream alone, forever
                self._poison_portaudio(jack.shutdown_reason if jack else "")
                self._abandoned.append(stream)
            else:
                try:
                    stream.stop(ignore_errors=True)
                    stream.close(ignore_errors=True)
                except Exception:  # closing a dead device must not mask the original error
                    log.exception("closing the audio stream failed")
        if jack is not None:
            jack.close()

    def _poison_portaudio(self, reason: str) -> None:
        if self._pa_poisoned is None:
            self._pa_poisoned = (
                "PortAudio cannot reconnect to a restarted JACK server in this "
                f"process ({reason}); restart the unit, or use jack_via = "
                '"libjack"'
            )
            import atexit

            if self._sd is not None:  # its exit handler would abort the process on the way out
                atexit.unregister(self._sd._exit_handler)

    # ------------------------------------------------------------------ the audio callbacks
    def _callback(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        """PortAudio's callback (ALSA, or JACK with jack_via = "portaudio")."""
        now = time.monotonic()
        try:
            self._heartbeat = now
            if self._callback_tid is None:
                self._callback_tid = threading.get_native_id()
            if status.output_underflow:
                self._note_xrun()
            cur = time_info.currentTime
            n = self._cal_count
            if n < self._check_n and cur > 0.0:
                self._cal_stream[n] = cur
                self._cal_mono[n] = now
                self._cal_count = n + 1
            # a host API may leave currentTime 0 in a callback (as it may outputBufferDacTime):
            # that is "not known", never a clock step to re-anchor on
            if self._track_steps and cur > 0.0:
                seen = cur - now  # = offset - this callback's delay (the GIL, the scheduler)
                if abs(seen - self._offset) > self._clock_step:
                    # the stream clock is not monotonic (CLOCK_REALTIME) and was stepped
                    self._offset = seen
                    self._clock_steps += 1
                elif seen > self._offset:
                    # a callback that ran closer to its stream time than every one before: the
                    # offset is the upper envelope (a late callback only ever lowers `seen`), so
                    # a calibration whose callbacks all waited for the GIL is corrected here
                    self._offset = seen
            if not self._mixer.has_voices():
                outdata.fill(0.0)  # idle: nothing armed or playing, nothing to place
            else:
                jack = self._jack
                if jack is not None:
                    # PortAudio on JACK stamps with jack_frame_time() at callback time and the
                    # old latency API: ask the server for this cycle's first frame instead
                    dac_mono = jack.cycle_start()[1] + self._lat_s
                else:
                    dac = time_info.outputBufferDacTime
                    # some host APIs leave it 0: assume the nominal latency
                    dac_mono = dac - self._offset if dac > 0.0 else now + self.latency_s
                self._mixer.render(outdata, dac_mono, self._frames_out)
                self._busy_callbacks += 1
            self._frames_out += frames
            self._callbacks += 1
        except Exception as exc:  # never let an exception escape into PortAudio silently
            outdata.fill(0.0)
            self._callback_error = repr(exc)
            raise self._sd.CallbackAbort from exc

    def _render_jack(self, outdata: np.ndarray, frames: int, cycle_frame: int) -> None:
        """The JACK stream's per-cycle render (libjack's process thread) while anything is armed
        or playing, or the clock is being checked; idle cycles never reach Python code beyond
        JackStream's first line. The stream's own `frames` is the frame index."""
        now = time.monotonic()
        self._heartbeat = now
        self._frames_out = self._jack.frames  # idle cycles counted there, not here
        n = self._cal_count
        if n < self._check_n:
            if n == 0:
                self._cal_first = cycle_frame
            # frames since the first calibration cycle (JACK's counter wraps at 2**32)
            self._cal_stream[n] = ((cycle_frame - self._cal_first) & 0xFFFFFFFF) / self.sample_rate
            self._cal_mono[n] = now
            self._cal_count = n + 1
        if not self._mixer.has_voices():
            outdata.fill(0.0)
        else:
            self._mixer.render(outdata, self._jack.cycle_start()[1] + self._lat_s, self._frames_out)
            self._busy_callbacks += 1
        self._frames_out += frames
        self._callbacks += 1

    def _note_xrun(self) -> None:
        n = self._xruns
        self._xrun_frames[n % _XRUN_RING] = self._frames_out
        self._xruns = n + 1

    def _on_stream_finished(self) -> None:
        if self._running and self._dead is None:
            self._dead = self._callback_error or "the audio stream stopped"
            self._wake.set()

    def _on_server_gone(self, reason: str) -> None:
        if self._dead is None:
            self._dead = reason
        self._wake.set()

    # ------------------------------------------------------------------ internals
    def _check_clock(self) -> ClockAgreement:
        deadline = time.monotonic() + self._check_timeout
        while self._cal_count < self._check_n:
            err = self._callback_error or getattr(self._jack, "error", None)
            if err is not None:
                raise AudioStreamError(f"audio callback failed: {err}")
            if self._dead is not None:
                raise AudioStreamError(f"sound output {self.device_name!r}: {self._dead}")
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
        if self._jack is not None:
            # JACK: placement uses the server's own frame times, not this stream clock
            self._offset, self._track_steps = 0.0, False
        elif agreement.kind is ClockKind.MONOTONIC:
            self._offset = 0.0  # same clock: the DAC times are already monotonic seconds
        else:
            # stream = monotonic + offset - delay, delay >= 0: the largest pair is the closest
            self._offset = max(s - m for s, m in pairs)
            self._track_steps = True
            log.info("stream clock is not time.monotonic(); offset %.6f s applied", self._offset)
        return agreement

    def _service_loop(self) -> None:
        _name_thread(threading.get_native_id(), "loa-audio-feed")
        while self._running:
            now = time.monotonic()
            if self._reopening:
                timeout = max(0.0, min(self._next_attempt - now, self._idle_service))
            elif self._mixer.has_voices():
                timeout = self._service_interval
            else:
                timeout = self._idle_service
            self._wake.wait(timeout)
            self._wake.clear()
            if not self._running:
                break
            try:
                self._service_once()
            except Exception:  # the feeder must outlive a bug in one round
                log.exception("audio service round failed")
            self._service_beat = time.monotonic()

    def _service_once(self) -> None:
        now = time.monotonic()
        jack = self._jack
        if self._kind == "jack" and jack is not None and jack.frames != self._seen_frames:
            # idle JACK cycles do not run our code: their frame count is the heartbeat
            self._seen_frames = jack.frames
            self._heartbeat = now
        elif self._suspended and jack is not None and jack.shutdown_reason is None:
            self._heartbeat = now  # out of the graph on purpose: alive while the server is
        if self._reopening:
            self._fail_due(now)
            if now >= self._next_attempt:
                self._try_reopen(now)
            return
        reason = self._dead
        hb = self._heartbeat
        if reason is None and hb is not None and now - hb > self._stall:
            reason = f"the audio callback stopped ({now - hb:.1f} s without one)"
        if reason is not None:
            self._go_down(reason, now)
            return
        if self._rt_pending:
            self._apply_priorities()
        # disk reads outside the control lock: a stalled read holds up nothing but itself
        self._mixer.fill_sources()
        with self._control:
            events = self._mixer.collect()
            if self._kind == "jack" and jack is not None:
                jack.idle = not self._mixer.has_voices()
        self._dispatch(events)
        if self.idle_suspend_s > 0 and self._kind == "jack" and not self._suspended:
            self._maybe_suspend(now)

    # ------------------------------------------------------------------ idle suspension (JACK)
    def _maybe_suspend(self, now: float) -> None:
        """Out of JACK's graph after `idle_suspend_s` with nothing armed or playing: no process
        callback each period, which is most of an idle unit's CPU. An idle unit has its
        amplifier off, and anything armed waits for the amplifier's warm-up (seconds) before
        its first sample, so the resume on the next schedule() (12–19 ms here) delays no start.
        """
        with self._control:
            busy = self._mixer.has_voices()
        if busy:
            self._idle_since = None
            return
        if self._idle_since is None:
            self._idle_since = now
            return
        if now - self._idle_since < self.idle_suspend_s:
            return
        with self._power:
            with self._control:
                if self._mixer.has_voices():  # armed meanwhile
                    return
            jack = self._jack
            if jack is None or self._reopening or self._dead is not None:
                return
            try:
                jack.suspend()
            except AudioStreamError as exc:
                log.warning("could not suspend the idle JACK client: %s", exc)
                self._idle_since = None
                return
            self._suspended = True
            self._heartbeat = time.monotonic()
        log.debug("JACK client suspended while idle / tạm rời máy chủ JACK khi rảnh")

    def _resume(self) -> None:
        """Back into JACK's graph (caller holds `_power`). A failure leaves the stream dead:
        the service thread reopens it, and what is armed plays if the output is back in time."""
        jack = self._jack
        self._suspended = False
        self._idle_since = None
        if jack is None:
            return
        t0 = time.monotonic()
        try:
            jack.resume()
        except AudioStreamError as exc:
            if self._dead is None:
                self._dead = f"resuming the JACK client failed: {exc}"
            self._wake.set()
            return
        self.resume_s_last = time.monotonic() - t0
        self._heartbeat = time.monotonic()
        self._rt_pending = True  # a new process thread: name it and set its priority again
        log.debug("JACK client resumed in %.1f ms", self.resume_s_last * 1000)

    def _go_down(self, reason: str, now: float) -> None:
        log.error("sound output %s went down: %s / đầu ra âm thanh ngừng", self.device_name, reason)
        self._close_stream()
        self._heartbeat = None
        with self._control:
            events = _fail_voices(self._mixer, reason, playing=True, due_before=None)
        self._dispatch(events)
        if self._pa_poisoned is not None:
            log.error("%s", self._pa_poisoned)
            self._dead = self._pa_poisoned  # stays down: is_alive() False, the daemon restarts it
            return
        self._reopening = True
        self._down_reason = reason
        self._down_since = now
        self._attempts = 0
        self._delay = self._backoff[0]
        self._next_attempt = now + self._delay

    def _fail_due(self, now: float) -> None:
        with self._control:
            events = _fail_voices(
                self._mixer,
                f"the sound output was down at the start time ({self._down_reason})",
                playing=False,
                due_before=now,
            )
        self._dispatch(events)

    def _try_reopen(self, now: float) -> None:
        self._attempts += 1
        try:
            self._open()
        except HardwareError as exc:
            self._close_stream()
            log.warning(
                "chưa mở lại được đầu ra âm thanh %s (%s); lần %d không được, thử lại sau %.1f s / "
                "sound output still down, retrying",
                self.device,
                exc,
                self._attempts,
                self._delay,
            )
            self._next_attempt = time.monotonic() + self._delay
            self._delay = min(self._delay * 2, self._backoff[1])
            return
        self._reopening = False
        self._reopens += 1
        log.warning(
            "sound output %s reopened after %.1f s and %d attempt(s) / đã mở lại đầu ra âm thanh",
            self.device_name,
            time.monotonic() - self._down_since,
            self._attempts,
        )

    def _apply_priorities(self) -> None:
        """SCHED_FIFO for the callback and feeder threads (once per opened stream)."""
        tid = getattr(self._jack, "thread_id", None) or self._callback_tid
        if tid is None:
            return  # no callback yet: next round
        self._rt_pending = False
        _name_thread(tid, "loa-audio-cb")
        if not self.realtime:
            return
        state = self.realtime_state
        prio = self.realtime_priority
        pol, cb_prio = thread_policy(tid)
        if pol in ("SCHED_FIFO", "SCHED_RR"):
            prio = cb_prio  # JACK made it realtime already: the feeder goes just below it
        for name, thread, p in (
            ("callback", tid, prio),
            ("feeder", threading.get_native_id(), max(1, prio - 1)),
        ):
            try:
                state[name] = raise_thread(thread, p)
            except (PermissionError, OSError) as exc:
                state[name] = (
                    f"{thread_policy(thread)[0]} (SCHED_FIFO not permitted: {exc.strerror})"
                )
                log.info(
                    "luồng âm thanh %s không được ưu tiên thời gian thực (%s) / realtime priority not "
                    "permitted: the thread runs at normal priority",
                    name,
                    exc.strerror,
                )
        # The callback needs the GIL. A thread of ordinary priority holding it and preempted by
        # ordinary load would hold up the realtime callback for a whole time slice (priority
        # inversion through the GIL), so every other thread of this process runs SCHED_FIFO 1:
        # above all ordinary load, below the audio threads. Threads they start inherit it (so
        # does a short-lived child such as the clock check's chronyc).
        others = 0
        for task in os.listdir("/proc/self/task"):
            t = int(task)
            if t in (tid, threading.get_native_id()):
                continue
            try:
                if thread_policy(t)[0] == "SCHED_OTHER":
                    os.sched_setscheduler(t, os.SCHED_FIFO, os.sched_param(1))
                    others += 1
            except OSError:
                continue
        state["other threads"] = f"SCHED_FIFO 1 ({others})"
        # a waiting realtime callback gets the GIL at the next switch check: keep checks close
        if sys.getswitchinterval() > 0.001:
            sys.setswitchinterval(0.001)
        # once per opened stream at info; a resume's new process thread only at debug
        (log.debug if getattr(self._jack, "resumes", 0) else log.info)("audio threads: %s", state)

    def _xruns_in(self, first: int, last: int) -> int:
        n = self._xruns
        ring = self._xrun_frames[: min(n, _XRUN_RING)]
        return int(np.count_nonzero((ring >= first) & (ring <= last)))

    def _dispatch(self, events: list[PlaybackEvent]) -> None:
        for ev in events:
            h = ev.handle
            if ev.kind != "started" and h.first_frame is not None:
                # xruns reported while it sounded (PortAudio flags them a callback later)
                h.xruns = self._xruns_in(h.first_frame, h.first_frame + h.frames_played + 8192)
            for listener in list(self._listeners):
                try:
                    if ev.kind == "started":
                        listener.on_started(h, ev.time, ev.first_frame)
                    elif ev.kind == "finished":
                        listener.on_finished(h, ev.frames_played)
                    else:
                        listener.on_failed(h, ev.reason or "failed")
                except Exception:  # a listener bug must not stop the disk feeder
                    log.exception("playback listener failed on %s", ev.kind)


def _fail_voices(
    mixer: Mixer, reason: str, *, playing: bool, due_before: float | None
) -> list[PlaybackEvent]:
    """Fail the mixer's playing voices (`playing`) or its armed ones due before `due_before`,
    while no callback runs (the stream is down): `Mixer.fail_all` would also fail broadcasts
    armed for later, which may still play once the device is back."""
    from hardware import source

    for v in mixer._voices:  # the Mixer's own fields; no callback runs while the stream is down
        if (playing and v.state == source._PLAYING) or (
            due_before is not None and v.state == source._ARMED and v.target < due_before
        ):
            v.outcome = PlaybackState.FAILED
            v.reason = reason
            v.state = source._DONE
    return mixer.collect()


def _portaudio_jack_name(sd: Any, name: str) -> None:
    """Name PortAudio's JACK client (PaJack_SetClientName) — it reads the name when it
    initialises, so PortAudio is initialised again (the server is up: that is safe)."""
    lib = ctypes.CDLL(sd._libname)
    current = ctypes.c_char_p()
    lib.PaJack_GetClientName(ctypes.byref(current))
    if current.value and current.value.decode().startswith(name):
        return
    global _pa_client_name
    _pa_client_name = ctypes.create_string_buffer(name.encode())  # PortAudio keeps the pointer
    sd._terminate()
    lib.PaJack_SetClientName(_pa_client_name)
    sd._initialize()


_pa_client_name: Any = None

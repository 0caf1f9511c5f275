"""The unit's own JACK client (libjack through ctypes): the server's frame clock, ports,
connections, and an output stream whose process callback fills the ports.

Why not PortAudio's JACK host API (Debian bookworm's libportaudio2 19.6.0)? Three findings,
each reproduced here against `jackd -d dummy`:

* it stamps a buffer with `jack_frame_time()` — the frame the server's clock has reached when
  the callback *runs* — instead of the buffer's first frame (`jack_last_frame_time()`), so every
  start lands early by the client's wake-up delay (≈ 0.15 ms idle, milliseconds under load);
* after the server dies, Pa_StopStream/Pa_CloseStream wait 10 minutes for a process callback
  that never comes, and Pa_Terminate fails an assert (`pa_jack.c: Terminate`) and aborts the
  process — even at exit, for any process that merely imported sounddevice while JACK ran;
* so PortAudio cannot reconnect to a restarted server without restarting the process.

A libjack client has none of these: `jack_client_close` on a dead server returns, a new client
connects to the restarted one, and the process callback knows its cycle exactly. libjack is what
PortAudio links against (libportaudio2 depends on it): no new dependency.

Clock: JACK's clock (`jack_get_time`, `jack_frames_to_time`) is CLOCK_MONOTONIC_RAW on Linux
(jackd2 1.9.21), not time.monotonic()'s CLOCK_MONOTONIC; they differ by an offset that NTP's
slewing moves by up to 500 ppm. `cycle_start()` reads JACK's clock and time.monotonic() together
and carries only the cycle's *age* (a few milliseconds) across, so the offset never enters.

    client = JackClient("loa-doctor").open()          # passive: never activated, never woken
    client.ports("^system:playback_"); client.playback_latency("system:playback_1")
    stream = JackStream("loa-unit", channels=1, render=fn, on_shutdown=..., on_xrun=...)
    stream.open(); stream.connect_to("system")        # out_1 → every system:playback_N
    # fn(outdata (frames x channels float32), frames, cycle_frame) runs in JACK's RT thread
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from hardware.errors import AudioStreamError

log = logging.getLogger(__name__)

JACK_NO_START_SERVER = 0x01
JACK_PORT_IS_INPUT = 0x1
JACK_PORT_IS_OUTPUT = 0x2
JACK_CAPTURE_LATENCY = 0
JACK_PLAYBACK_LATENCY = 1
JACK_DEFAULT_AUDIO_TYPE = b"32 bit float mono audio"
EEXIST = 17


class _LatencyRange(ctypes.Structure):
    _fields_ = [("min", ctypes.c_uint32), ("max", ctypes.c_uint32)]


_InfoShutdown = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
_Process = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_void_p)
_XRun = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_Message = ctypes.CFUNCTYPE(None, ctypes.c_char_p)
_lib: ctypes.CDLL | None = None
_lib_lock = threading.Lock()


# Python's own thread-state calls (with the GIL held), typed here rather than on the shared
# ctypes.pythonapi objects
_thread_state_get = ctypes.PYFUNCTYPE(ctypes.c_void_p)(("PyThreadState_Get", ctypes.pythonapi))
_thread_state_clear = ctypes.PYFUNCTYPE(None, ctypes.c_void_p)(
    ("PyThreadState_Clear", ctypes.pythonapi)
)
_thread_state_delete = ctypes.PYFUNCTYPE(None, ctypes.c_void_p)(
    ("PyThreadState_Delete", ctypes.pythonapi)
)


def _jack_message(msg: bytes | None) -> None:
    # libjack prints "Cannot connect to server socket" and friends to stderr; keep them at debug
    log.debug("libjack: %s", (msg or b"").decode(errors="replace"))


_message_cb = _Message(_jack_message)


def libjack() -> ctypes.CDLL:
    """libjack.so.0 with the prototypes used here (loaded once)."""
    global _lib
    with _lib_lock:
        if _lib is not None:
            return _lib
        name = ctypes.util.find_library("jack") or "libjack.so.0"
        try:
            lib = ctypes.CDLL(name)
        except OSError as exc:
            raise AudioStreamError(f"libjack is not installed ({exc})") from exc
        vp, cp, u32, u64, i = (
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_uint32,
            ctypes.c_uint64,
            ctypes.c_int,
        )
        protos: dict[str, tuple[list[Any], Any]] = {
            # variadic (a server name may follow); never passed: JACK_DEFAULT_SERVER decides
            "jack_client_open": ([cp, i, ctypes.POINTER(i)], vp),
            "jack_client_close": ([vp], i),
            "jack_activate": ([vp], i),
            "jack_deactivate": ([vp], i),
            "jack_get_client_name": ([vp], cp),
            "jack_get_sample_rate": ([vp], u32),
            "jack_get_buffer_size": ([vp], u32),
            "jack_last_frame_time": ([vp], u32),
            "jack_frames_to_time": ([vp, u32], u64),
            "jack_get_time": ([], u64),
            "jack_is_realtime": ([vp], i),
            "jack_cpu_load": ([vp], ctypes.c_float),
            "jack_client_thread_id": ([vp], ctypes.c_ulong),
            "jack_port_register": ([vp, cp, cp, ctypes.c_ulong, ctypes.c_ulong], vp),
            "jack_port_name": ([vp], cp),
            "jack_port_get_buffer": ([vp, u32], vp),
            "jack_port_by_name": ([vp, cp], vp),
            "jack_port_get_latency_range": ([vp, i, ctypes.POINTER(_LatencyRange)], None),
            "jack_get_ports": ([vp, cp, cp, ctypes.c_ulong], ctypes.POINTER(cp)),
            "jack_port_get_all_connections": ([vp, vp], ctypes.POINTER(cp)),
            "jack_connect": ([vp, cp, cp], i),
            "jack_free": ([vp], None),
            "jack_on_info_shutdown": ([vp, _InfoShutdown, vp], None),
            "jack_set_process_callback": ([vp, _Process, vp], i),
            "jack_set_xrun_callback": ([vp, _XRun, vp], i),
            "jack_set_error_function": ([_Message], None),
            "jack_set_info_function": ([_Message], None),
        }
        for fn, (args, res) in protos.items():
            f = getattr(lib, fn)
            f.argtypes = args
            f.restype = res
        lib.jack_set_error_function(_message_cb)
        lib.jack_set_info_function(_message_cb)
        _lib = lib
        return lib


def _names(lib: ctypes.CDLL, arr: ctypes.Array[ctypes.c_char_p] | None) -> list[str]:
    if not arr:
        return []
    out: list[str] = []
    k = 0
    while name := arr[k]:
        out.append(name.decode())
        k += 1
    lib.jack_free(ctypes.cast(arr, ctypes.c_void_p))
    return out


class JackClient:
    """A passive JACK client: the server's frame clock, its ports, their latencies and
    connections. Never activated, so the server never wakes it.

    `shutdown_reason` is set (from a libjack thread) when the server goes away; `on_shutdown`,
    if given, is then called with the reason.
    """

    def __init__(
        self, client_name: str = "loa", *, on_shutdown: Callable[[str], None] | None = None
    ) -> None:
        self.client_name = client_name
        self.shutdown_reason: str | None = None
        self._on_shutdown = on_shutdown
        self._client: int | None = None
        self._shutdown_cb = _InfoShutdown(self._shutdown)  # kept: libjack holds only the pointer
        self._lib: ctypes.CDLL | None = None
        self.sample_rate = 0
        self.buffer_size = 0

    # ------------------------------------------------------------------ life
    def open(self) -> JackClient:
        lib = libjack()
        status = ctypes.c_int(0)
        client = lib.jack_client_open(
            self.client_name.encode(), JACK_NO_START_SERVER, ctypes.byref(status)
        )
        if not client:
            raise AudioStreamError(
                f"cannot reach the JACK server (status 0x{status.value:x}): "
                "is jackd running, as this user?"
            )
        self._lib = lib
        self._client = client
        self.client_name = lib.jack_get_client_name(client).decode()
        lib.jack_on_info_shutdown(client, self._shutdown_cb, None)
        self.sample_rate = int(lib.jack_get_sample_rate(client))
        self.buffer_size = int(lib.jack_get_buffer_size(client))
        self.shutdown_reason = None
        return self

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None and self._lib is not None:
            try:
                self._lib.jack_client_close(client)  # returns at once on a dead server too
            except Exception:
                log.debug("closing JACK client %s failed", self.client_name, exc_info=True)

    @property
    def is_open(self) -> bool:
        return self._client is not None and self.shutdown_reason is None

    def _shutdown(self, code: int, reason: bytes | None, _arg: object) -> None:
        text = (reason or b"").decode(errors="replace").strip() or f"code 0x{code:x}"
        self.shutdown_reason = f"the JACK server shut down ({text})"
        if self._on_shutdown is not None:
            try:
                self._on_shutdown(self.shutdown_reason)
            except Exception:
                log.exception("JACK shutdown listener failed")

    # ------------------------------------------------------------------ the clock
    def cycle_start(self) -> tuple[int, float]:
        """(first frame of the current process cycle, its instant on time.monotonic()).

        Cheap enough for the audio callback: three reads of the server's shared memory and one
        clock read. The cycle's age on JACK's clock is subtracted from time.monotonic()."""
        lib, c = self._lib, self._client
        frame = lib.jack_last_frame_time(c)  # type: ignore[union-attr]
        start_us = lib.jack_frames_to_time(c, frame)  # type: ignore[union-attr]
        now_us = lib.jack_get_time()  # type: ignore[union-attr]
        mono = time.monotonic()
        return frame, mono - (
            now_us - start_us if now_us >= start_us else -(start_us - now_us)
        ) * 1e-6

    def jack_minus_monotonic(self) -> float:
        """JACK's clock minus time.monotonic(), seconds (diagnostics and docs only)."""
        a = time.monotonic()
        j: int = self._lib.jack_get_time()  # type: ignore[union-attr]
        b = time.monotonic()
        return j * 1e-6 - (a + b) / 2

    def realtime(self) -> bool:
        return bool(self._lib.jack_is_realtime(self._client))  # type: ignore[union-attr]

    def cpu_load(self) -> float:
        return float(self._lib.jack_cpu_load(self._client))  # type: ignore[union-attr]

    # ------------------------------------------------------------------ ports
    def ports(self, pattern: str = "", *, flags: int = 0) -> list[str]:
        lib = self._lib
        assert lib is not None, "JackClient.ports() before open()"
        return _names(lib, lib.jack_get_ports(self._client, pattern.encode(), None, flags))

    def playback_ports(self, client: str) -> list[str]:
        """The audio input ports of JACK client `client` (what an output may feed), in order."""
        return self.ports(f"^{re.escape(client)}:", flags=JACK_PORT_IS_INPUT)

    def connections(self, port: str) -> list[str]:
        lib = self._lib
        assert lib is not None, "JackClient.connections() before open()"
        p = lib.jack_port_by_name(self._client, port.encode())
        if not p:
            return []
        return _names(lib, lib.jack_port_get_all_connections(self._client, p))

    def connect(self, src: str, dst: str) -> bool:
        """Connect two ports of any clients; True when connected (or already were)."""
        r = self._lib.jack_connect(self._client, src.encode(), dst.encode())  # type: ignore[union-attr]
        return r in (0, EEXIST)

    def playback_latency(self, port: str) -> tuple[int, int]:
        """(min, max) frames from `port` to the DAC, as the server has it for the graph."""
        lib = self._lib
        p = lib.jack_port_by_name(self._client, port.encode())  # type: ignore[union-attr]
        if not p:
            raise AudioStreamError(f"no JACK port {port!r}")
        r = _LatencyRange()
        lib.jack_port_get_latency_range(p, JACK_PLAYBACK_LATENCY, ctypes.byref(r))  # type: ignore[union-attr]
        return int(r.min), int(r.max)


RenderFn = Callable[[np.ndarray, int, int], None]


class JackStream(JackClient):
    """An activated client with `channels` output ports (out_1 …) whose process callback asks
    `render(outdata, frames, cycle_frame)` for each cycle's audio. `outdata` is a
    (frames x channels) float32 array: for one channel the port's own buffer (no copy), else a
    scratch buffer copied to the ports. `on_xrun()` is called (from a libjack thread) per xrun
    the server reports. `render` runs in JACK's process thread: it must not block.

    `frames` counts every frame of every cycle since activation (the stream's frame index).
    While `idle` is True (the owner sets it: nothing armed or playing) a cycle writes silence
    until the ports hold it and afterwards only adds to `frames` (a port's buffer keeps what was
    last written): no libjack call, no clock read, no numpy.

    `suspend()` takes the client out of the server's graph (jack_deactivate: no process thread,
    no wake-ups; JACK drops the ports' connections, and with nothing connected the server plays
    silence) and `resume()` puts it back and reconnects the ports — 12–19 ms here on a quiet
    machine, 30–55 ms under load (jack_activate waits for the server's graph). The owner suspends
    only an idle stream; see SounddeviceOutput.idle_suspend_s."""

    def __init__(
        self,
        client_name: str,
        *,
        channels: int,
        render: RenderFn,
        on_shutdown: Callable[[str], None] | None = None,
        on_xrun: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(client_name, on_shutdown=on_shutdown)
        self.channels = channels
        self._render = render
        self._on_xrun = on_xrun
        self.idle = False
        self.frames = 0
        self._silent = 0  # cycles of silence written since the last sound
        self.active = False
        self._ports: list[int] = []
        self.port_names: list[str] = []
        self._process_cb = _Process(self._process)
        self._xrun_cb = _XRun(self._xrun)
        self._views: dict[tuple[int, int], np.ndarray] = {}
        self._scratch = np.zeros((8192, channels), dtype=np.float32)
        self.error: str | None = None
        self.thread_id: int | None = None  # native id of JACK's process thread (first cycle)
        self._tstate: int | None = None  # that thread's Python thread state (kept, see _process)
        self.latency_frames = 0  # playback latency of the ports we feed (max)
        self.device: str | None = None  # what connect_to() connected to (resume reconnects)
        self.suspends = 0
        self.resumes = 0

    def open(self) -> JackStream:
        super().open()
        lib, c = self._lib, self._client
        try:
            for k in range(self.channels):
                port = lib.jack_port_register(  # type: ignore[union-attr]  # open() set it
                    c,
                    f"out_{k + 1}".encode(),
                    JACK_DEFAULT_AUDIO_TYPE,
                    JACK_PORT_IS_OUTPUT,
                    0,
                )
                if not port:
                    raise AudioStreamError(f"JACK refused to register port out_{k + 1}")
                self._ports.append(port)
                self.port_names.append(lib.jack_port_name(port).decode())  # type: ignore[union-attr]
            if lib.jack_set_process_callback(c, self._process_cb, None):  # type: ignore[union-attr]
                raise AudioStreamError("JACK refused the process callback")
            lib.jack_set_xrun_callback(c, self._xrun_cb, None)  # type: ignore[union-attr]
            if lib.jack_activate(c):  # type: ignore[union-attr]
                raise AudioStreamError("JACK refused to activate the client")
            self.active = True
        except BaseException:
            self.close()
            raise
        return self

    def connect_to(self, device: str) -> list[str]:
        """Connect out_k to the input ports of JACK client `device`: out_1 → port 1, out_2 →
        port 2, …; a mono output feeds every port (a stereo card's both sides). Returns them."""
        self.device = device
        targets = self.playback_ports(device)
        if not targets:
            raise AudioStreamError(f"JACK client {device!r} has no playback ports")
        for j, dst in enumerate(targets):
            src = self.port_names[j % self.channels]
            if not self.connect(src, dst):
                raise AudioStreamError(f"JACK refused to connect {src} to {dst}")
        # the latency of the ports we feed: what our frames wait before they reach the DAC
        self.latency_frames = max(self.playback_latency(p)[1] for p in targets)
        return targets

    def suspend(self) -> None:
        """Leave the server's graph until resume(): the process thread ends, so an idle unit is
        not woken every period. The ports stay registered; JACK drops their connections."""
        if not self.active or self._client is None:
            return
        if self._lib.jack_deactivate(self._client):  # type: ignore[union-attr]
            raise AudioStreamError("JACK refused to deactivate the client")
        self.active = False
        self.suspends += 1
        self._forget_thread()

    def resume(self) -> None:
        """Back into the graph, the ports connected again to what connect_to() chose."""
        if self.active or self._client is None:
            return
        if self.shutdown_reason is not None:
            raise AudioStreamError(self.shutdown_reason)
        self.idle, self._silent = False, 0
        if self._lib.jack_activate(self._client):  # type: ignore[union-attr]
            raise AudioStreamError("JACK refused to activate the client")
        self.active = True
        self.resumes += 1
        if self.device is not None:
            self.connect_to(self.device)

    def _forget_thread(self) -> None:
        """After jack_deactivate has ended the process thread (libjack cancels and joins it,
        while it waits for its next cycle, outside Python): free the Python thread state it
        kept, which would otherwise stay allocated for every suspend (a thread state and its
        16 KB frame stack). A new thread comes with the next activation."""
        ts, self._tstate = self._tstate, None
        self.thread_id = None
        self._views.clear()
        if ts is not None:
            _thread_state_clear(ts)
            _thread_state_delete(ts)

    def close(self) -> None:
        client, lib = self._client, self._lib
        deactivated = False
        if client is not None and lib is not None and self.shutdown_reason is None and self.active:
            try:
                deactivated = lib.jack_deactivate(client) == 0
            except Exception:
                log.debug("deactivating JACK client failed", exc_info=True)
        self.active = False
        super().close()
        if deactivated:
            self._forget_thread()
        self._ports = []
        self._views.clear()

    # ------------------------------------------------------------------ JACK's threads
    def _xrun(self, _arg: object) -> int:
        if self._on_xrun is not None:
            try:
                self._on_xrun()
            except Exception:
                log.exception("xrun listener failed")
        return 0

    def _view(self, port: int, frames: int) -> np.ndarray:
        ptr = self._lib.jack_port_get_buffer(port, frames)  # type: ignore[union-attr]
        key = (ptr, frames)
        view = self._views.get(key)
        if view is None:  # a port's buffer stays put: one view per buffer, made once
            arr = (ctypes.c_float * frames).from_address(ptr)
            view = np.ctypeslib.as_array(arr).reshape(frames, 1)
            self._views[key] = view
        return view

    def _process(self, frames: int, _arg: object) -> int:
        if self.idle and self._silent >= 2:
            self.frames += frames  # the cheapest cycle: an idle unit pays for this one line
            return 0
        try:
            if self.thread_id is None:
                self.thread_id = threading.get_native_id()
                # ctypes makes and drops a Python thread state around every call from a thread
                # Python did not start — about 60 µs a cycle here. One Ensure never released
                # keeps this thread's state for good (cffi does the same for its callbacks).
                ctypes.pythonapi.PyGILState_Ensure()
                self._tstate = _thread_state_get()
            if self.idle:  # silence into the buffers (twice, to be sure), then rest
                for port in self._ports:
                    self._view(port, frames).fill(0.0)
                self._silent += 1
                self.frames += frames
                return 0
            self._silent = 0
            cycle = self._lib.jack_last_frame_time(self._client)  # type: ignore[union-attr]
            if self.channels == 1:
                self._render(self._view(self._ports[0], frames), frames, cycle)
            else:
                out = self._scratch[:frames]
                self._render(out, frames, cycle)
                for k, port in enumerate(self._ports):
                    self._view(port, frames)[:, 0] = out[:, k]
            self.frames += frames
        except BaseException as exc:  # never let an exception into libjack: silence instead
            self.error = repr(exc)
            try:
                for port in self._ports:
                    self._view(port, frames).fill(0.0)
            except Exception:
                pass
            self.frames += frames
        return 0


def server_info(client_name: str = "loa-doctor") -> dict[str, object]:
    """The JACK server's rate, period, realtime flag and system playback latency (doctor)."""
    client = JackClient(client_name).open()
    try:
        playback = client.ports("^system:playback_", flags=JACK_PORT_IS_INPUT)
        lat = client.playback_latency(playback[0]) if playback else (0, 0)
        rate = client.sample_rate
        return {
            "rate": rate,
            "period": client.buffer_size,
            "realtime": client.realtime(),
            "playback_ports": playback,
            "playback_latency_frames": lat[1],
            "latency_ms": round(lat[1] / rate * 1000, 3) if rate else None,
        }
    finally:
        client.close()


def jack_device(device: object, client_name: str = "loa-probe") -> bool:
    """True when a JACK server answers and `device` names one of its clients with playback
    ports (how `[audio] device = "system"` is recognised as a JACK device)."""
    if not isinstance(device, str) or not device:
        return False
    try:
        client = JackClient(client_name).open()
    except AudioStreamError:
        return False
    try:
        return bool(client.playback_ports(device))
    finally:
        client.close()

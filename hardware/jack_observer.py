"""An outside witness on a JACK server: a second client that records, per process cycle, what
the unit's output ports carried and when those frames reach the DAC.

Used by the timing tests and `bench.playout_jack`, never by the unit. It is a separate JACK
client (JACK-Client, the `jack` package, a dev dependency), normally in a separate process from
the daemon, connected to the ports it watches. Per cycle it notes the cycle's first frame
(`last_frame_time`) and that frame's instant on time.monotonic(): JACK's clock is
CLOCK_MONOTONIC_RAW on Linux, so the cycle's age on JACK's clock (`jack_get_time()` −
`jack_frames_to_time(last_frame_time)`) is subtracted from a time.monotonic() read taken with
it. Per watched input it finds *segments* — runs of non-silent frames — and keeps their first
frame and the audio from there on (up to `capture_s` per input).

A frame F of a cycle starting at frame L reaches the DAC at

    cycle_start_mono(L) + (F − L + playback_latency) / rate

with `playback_latency` the server's playback latency range (max) of system:playback_1 — for
JACK2 in its default asynchronous mode, two periods with the dummy driver. That is "the time
at the port" the start error is measured with.

    obs = JackObserver({"unit": r"^loa-unit:out_0$"}, direct=("baseline",)).start()
    ...                                   # a source connects itself to loa-observer:baseline
    rec = obs.stop()                      # Recording: segments per input, xruns, server facts

`python -m hardware.jack_observer --watch unit='^loa-unit:out_' --seconds 10` prints one JSON line.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Segment:
    """One run of non-silent frames on one input."""

    frame: int  # absolute JACK frame of its first non-silent sample (unwrapped to 64 bits)
    time: float  # when that frame reaches the DAC, on time.monotonic()
    cycle_frame: int  # first frame of the cycle it started in
    length: int = 0  # frames up to the last non-silent one (0 while still open)
    captured: int = 0  # how many of its frames are in `audio` (from `capture_at`)
    capture_at: int = -1

    def as_dict(self) -> dict[str, Any]:
        return {"frame": self.frame, "time": self.time, "length": self.length}


@dataclass
class Recording:
    rate: int
    period: int
    latency_frames: int
    realtime: bool
    xruns: int
    cycles: int
    segments: dict[str, list[Segment]]
    audio: dict[str, np.ndarray]
    jack_minus_mono_s: float
    first_cycle: tuple[int, float] | None = None
    last_cycle: tuple[int, float] | None = None
    wake_delay_us: list[float] = field(default_factory=list)  # the observer's own, sampled
    xrun_frames: list[int] = field(default_factory=list)  # cycle seen last before each xrun

    def near_xrun(self, frame: int, *, periods: int = 3) -> bool:
        """An xrun was reported within `periods` cycles of `frame`: what the observer saw there
        may be a late client's block (the DAC's or the observer's own), not the unit's."""
        span = periods * self.period
        return any(abs(frame - x) <= span for x in self.xrun_frames)

    def samples(self, name: str, seg: Segment, n: int | None = None) -> np.ndarray:
        """The captured audio of `seg` (its first `n` frames; all of it up to its length)."""
        have = min(seg.captured, seg.length) if seg.length else seg.captured
        end = seg.capture_at + (have if n is None else min(n, have))
        return self.audio[name][seg.capture_at : end]

    def frame_time(self, frame: int) -> float:
        """DAC instant of an absolute frame, from the recorded cycles (linear between them)."""
        assert self.first_cycle is not None and self.last_cycle is not None
        (f0, t0), (f1, t1) = self.first_cycle, self.last_cycle
        slope = (t1 - t0) / (f1 - f0) if f1 > f0 else 1.0 / self.rate
        return t0 + (frame - f0) * slope + self.latency_frames / self.rate

    def summary(self) -> dict[str, Any]:
        return {
            "rate": self.rate,
            "period": self.period,
            "latency_frames": self.latency_frames,
            "latency_ms": round(self.latency_frames / self.rate * 1000, 3),
            "realtime": self.realtime,
            "xruns": self.xruns,
            "cycles": self.cycles,
            "jack_minus_monotonic_s": round(self.jack_minus_mono_s, 6),
            "segments": {k: [s.as_dict() for s in v] for k, v in self.segments.items()},
        }


class _Input:
    def __init__(self, name: str, port: Any, capture_frames: int) -> None:
        self.name = name
        self.port = port
        self.in_seg = False
        self.last_nz = 0
        self.segments: list[Segment] = []
        self.audio = np.zeros(capture_frames, dtype=np.float32)
        self.used = 0


class JackObserver:
    """See the module docstring. `watch` maps an input name to a regex of output ports to
    connect to it (connected as they appear); `direct` names inputs that sources connect to
    themselves (PortAudio's device "loa-observer")."""

    def __init__(
        self,
        watch: dict[str, str] | None = None,
        *,
        direct: tuple[str, ...] = (),
        client_name: str = "loa-observer",
        server_name: str | None = None,
        capture_s: float = 30.0,
        latency_port: str = "system:playback_1",
    ) -> None:
        self.watch = dict(watch or {})
        self.direct = tuple(direct)
        self.client_name = client_name
        self.server_name = server_name
        self.capture_s = capture_s
        self.latency_port = latency_port
        self._client: Any = None
        self._inputs: list[_Input] = []
        self._xruns = 0
        self._cycles = 0
        self._first: tuple[int, float] | None = None
        self._last: tuple[int, float] | None = None
        self._frame_hi = 0  # 64-bit unwrapping of JACK's 32-bit frame counter
        self._prev_frame = -1
        self._wake: list[float] = []
        self._xrun_frames: list[int] = []
        self._stop = threading.Event()
        self._connector: threading.Thread | None = None
        self._new_port = threading.Event()
        self._lib: Any = None
        self._ptr = 0
        self.latency_frames = 0
        self.rate = 0
        self.period = 0

    # ------------------------------------------------------------------ life
    def start(self) -> JackObserver:
        import jack

        self._client = client = jack.Client(
            self.client_name, no_start_server=True, servername=self.server_name
        )
        self.rate = int(client.samplerate)
        self.period = int(client.blocksize)
        lib = ctypes.CDLL("libjack.so.0")
        lib.jack_frames_to_time.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        lib.jack_frames_to_time.restype = ctypes.c_uint64
        lib.jack_get_time.argtypes = []
        lib.jack_get_time.restype = ctypes.c_uint64
        lib.jack_port_by_name.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.jack_port_by_name.restype = ctypes.c_void_p
        lib.jack_port_get_latency_range.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_uint32 * 2),
        ]
        lib.jack_port_get_latency_range.restype = None
        self._lib = lib
        self._ptr = int(jack._ffi.cast("uintptr_t", client._ptr))
        frames = int(self.capture_s * client.samplerate)
        # direct inputs first: PortAudio connects a stream to its device's *first* ports
        for name in list(self.direct) + list(self.watch):
            port = client.inports.register(name)
            self._inputs.append(_Input(name, port, frames))
        client.set_process_callback(self._process)
        client.set_xrun_callback(self._on_xrun)
        client.set_port_registration_callback(self._on_port, only_available=False)
        # a unit whose client leaves the graph while idle loses its connections (ours too) and
        # connects again when it comes back: connect again then
        client.set_port_connect_callback(self._on_connect, only_available=False)
        client.activate()
        self.latency_frames = self._playback_latency(self.latency_port)
        self._connector = threading.Thread(
            target=self._connect_loop, name="observer-connect", daemon=True
        )
        self._connector.start()
        return self

    def stop(self) -> Recording:
        self._stop.set()
        self._new_port.set()
        if self._connector is not None:
            self._connector.join(timeout=2)
        client = self._client
        realtime = False
        if client is not None:
            try:
                realtime = bool(client.realtime)
                client.deactivate()
                client.close()
            except Exception:  # the server may be gone already (fault tests)
                pass
        return self.recording(realtime=realtime)

    def recording(self, *, realtime: bool = False) -> Recording:
        return Recording(
            rate=self.rate,
            period=self.period,
            latency_frames=int(self.latency_frames),
            realtime=realtime,
            xruns=self._xruns,
            cycles=self._cycles,
            segments={i.name: list(i.segments) for i in self._inputs},
            audio={i.name: i.audio[: i.used] for i in self._inputs},
            jack_minus_mono_s=self._jack_minus_mono(),
            first_cycle=self._first,
            last_cycle=self._last,
            wake_delay_us=list(self._wake),
            xrun_frames=list(self._xrun_frames),
        )

    def connected(self, name: str) -> list[str]:
        for i in self._inputs:
            if i.name == name:
                return [p.name for p in self._client.get_all_connections(i.port)]
        return []

    def wait_connected(self, name: str, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.connected(name):
                return True
            self._new_port.set()
            time.sleep(0.01)
        return False

    def segments(self, name: str) -> list[Segment]:
        for i in self._inputs:
            if i.name == name:
                return list(i.segments)
        raise KeyError(name)

    @property
    def xruns(self) -> int:
        return self._xruns

    # ------------------------------------------------------------------ JACK callbacks
    def _on_xrun(self, delay_usecs: float) -> None:
        self._xruns += 1
        if self._last is not None and len(self._xrun_frames) < 100000:
            self._xrun_frames.append(self._last[0])  # the last cycle seen before the report

    def _on_port(self, port: Any, register: bool) -> None:
        if register:
            self._new_port.set()  # connect from an ordinary thread: not allowed from here

    def _on_connect(self, a: Any, b: Any, connect: bool) -> None:
        self._new_port.set()

    def _connect_loop(self) -> None:
        client = self._client
        while not self._stop.is_set():
            # woken by port registrations; a slow poll only as a safety net: this thread takes
            # the GIL, and while it holds it the process callback would have to wait
            self._new_port.wait(1.0)
            self._new_port.clear()
            for inp in self._inputs:
                pattern = self.watch.get(inp.name)
                if pattern is None:
                    continue
                try:
                    have = {p.name for p in client.get_all_connections(inp.port)}
                    for p in client.get_ports(is_output=True, is_audio=True):
                        if p.name not in have and re.search(pattern, p.name):
                            client.connect(p, inp.port)
                except Exception:  # a port that vanished meanwhile, a server shutting down
                    continue

    def _playback_latency(self, port_name: str) -> int:
        """The server's playback latency range (max) of a port, frames (0 if no such port)."""
        port = self._lib.jack_port_by_name(self._ptr, port_name.encode())
        if not port:
            return 0
        rng = (ctypes.c_uint32 * 2)()
        self._lib.jack_port_get_latency_range(port, 1, ctypes.byref(rng))  # 1: JackPlaybackLatency
        return int(rng[1])

    def _jack_minus_mono(self) -> float:
        a = time.monotonic()
        j: int = self._lib.jack_get_time()  # c_uint64 restype: an int
        b = time.monotonic()
        return j * 1e-6 - (a + b) / 2

    def _process(self, frames: int) -> None:
        client = self._client
        lib = self._lib
        last = client.last_frame_time
        start_us = lib.jack_frames_to_time(self._ptr, last)
        now_us = lib.jack_get_time()
        mono = time.monotonic()
        age = (now_us - start_us) * 1e-6 if now_us >= start_us else -(start_us - now_us) * 1e-6
        t_cycle = mono - age
        # unwrap the 32-bit frame counter (it wraps every 24.9 h at 48 kHz)
        if self._prev_frame >= 0 and last < self._prev_frame and self._prev_frame - last > 2**31:
            self._frame_hi += 2**32
        self._prev_frame = last
        frame0 = self._frame_hi + last
        if self._first is None:
            self._first = (frame0, t_cycle)
        self._last = (frame0, t_cycle)
        self._cycles += 1
        if self._cycles % 64 == 0 and len(self._wake) < 20000:
            self._wake.append(age * 1e6)
        sr = self.rate
        lat = self.latency_frames
        for inp in self._inputs:
            # a copy: a client that runs late may still be writing the block it feeds us
            buf = inp.port.get_array().copy()
            nz = np.flatnonzero(buf)
            if nz.size == 0:
                if inp.in_seg:
                    seg = inp.segments[-1]
                    seg.length = inp.last_nz - seg.frame + 1
                    inp.in_seg = False
                continue
            k = 0
            if not inp.in_seg:
                k = int(nz[0])
                seg = Segment(
                    frame=frame0 + k,
                    time=t_cycle + (k + lat) / sr,
                    cycle_frame=frame0,
                    capture_at=inp.used,
                )
                inp.segments.append(seg)
                inp.in_seg = True
            seg = inp.segments[-1]
            inp.last_nz = frame0 + int(nz[-1])
            room = len(inp.audio) - inp.used
            n = min(frames - k, room)
            if n > 0:
                inp.audio[inp.used : inp.used + n] = buf[k : k + n]
                inp.used += n
                seg.captured += n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m hardware.jack_observer")
    p.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="NAME=REGEX",
        help="an input NAME connected to every output port matching REGEX",
    )
    p.add_argument(
        "--direct",
        action="append",
        default=[],
        metavar="NAME",
        help="an input that sources connect to themselves",
    )
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--server", default=None)
    a = p.parse_args(argv)
    watch = dict(w.split("=", 1) for w in a.watch)
    obs = JackObserver(watch, direct=tuple(a.direct), server_name=a.server).start()
    time.sleep(a.seconds)
    print(json.dumps(obs.stop().summary()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

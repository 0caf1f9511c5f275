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

MAX_CYCLES = 4_000_000  # cycles whose frame reads are kept: 5.9 h at 48 kHz / 256


@dataclass
class Segment:
    """One run of non-silent frames on one input."""

    frame: int  # absolute JACK frame of its first non-silent sample (unwrapped to 64 bits)
    time: float  # when that frame reaches the DAC, on time.monotonic()
    cycle_frame: int  # first frame of the cycle it started in
    # frames heard up to the last non-silent one (0 while still open): the span of frames
    # minus `skipped`
    length: int = 0
    captured: int = 0  # how many of its frames are in `audio` (from `capture_at`)
    capture_at: int = -1
    # frames of cycles inside the segment that the server never ran its graph for (a late
    # graph: an xrun). No client ran then, so the audio goes on after them where it stopped
    skipped: int = 0
    # where it starts and ends in the witness's list of cycles (index, offset in the cycle)
    first_cycle: int = -1
    first_offset: int = 0
    last_cycle: int = -1
    last_offset: int = 0

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
    # cycles whose first frame was not the previous one's plus a period: (frame, frames since
    # the previous cycle's first frame). The server skipped cycles (a late graph), or this
    # witness ran late and read the next cycle's counter
    jumps: list[tuple[int, int]] = field(default_factory=list)

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
        self.last_nz_at = (-1, 0)  # (cycle index, offset) of that frame
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
        self._jumps: list[tuple[int, int]] = []
        self._prev_frame0 = -1
        self._raw: list[int] = []  # each cycle's first frame as read (see _true_frames)
        self._tc: list[float] = []  # and its start on time.monotonic(), from that read
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

    def _true_frames(self) -> np.ndarray:
        """Each cycle's first frame, corrected for late reads.

        A process callback reads the server's frame counter (`jack_last_frame_time`) when it
        runs; one that runs late — a descheduled vCPU — may read the *next* cycle's value, and
        the one after it reads the same value again. A read is never early, and each cycle
        starts at least a period after the one before, so a cycle's first frame is at most
        min(its read, the next cycle's first frame − period): the suffix minimum of
        read − index·period, plus index·period. An on-time read later on pins the earlier ones;
        cycles the server really skipped stay skipped."""
        raw = np.asarray(self._raw, dtype=np.int64)
        if raw.size == 0:
            return raw
        steps = np.arange(raw.size, dtype=np.int64) * self.period
        return np.minimum.accumulate((raw - steps)[::-1])[::-1] + steps

    def _corrected(self, seg: Segment, true: np.ndarray) -> Segment:
        if seg.first_cycle < 0 or seg.first_cycle >= true.size:
            return seg
        i = seg.first_cycle
        over = int(self._raw[i] - true[i])
        out = Segment(
            frame=int(true[i]) + seg.first_offset,
            time=seg.time - over / self.rate,
            cycle_frame=int(true[i]),
            captured=seg.captured,
            capture_at=seg.capture_at,
            first_cycle=i,
            first_offset=seg.first_offset,
            last_cycle=seg.last_cycle,
            last_offset=seg.last_offset,
        )
        if seg.length and 0 <= seg.last_cycle < true.size:
            j = seg.last_cycle
            span = int(true[j]) + seg.last_offset - out.frame + 1
            gaps = np.diff(true[i : j + 1]) - self.period
            out.skipped = int(gaps[gaps > 0].sum())
            out.length = span - out.skipped
        return out

    def recording(self, *, realtime: bool = False) -> Recording:
        true = self._true_frames()
        first = last = None
        if true.size:
            first = (int(true[0]), self._tc[0] - (self._raw[0] - int(true[0])) / self.rate)
            last = (int(true[-1]), self._tc[-1] - (self._raw[-1] - int(true[-1])) / self.rate)
        return Recording(
            rate=self.rate,
            period=self.period,
            latency_frames=int(self.latency_frames),
            realtime=realtime,
            xruns=self._xruns,
            cycles=self._cycles,
            segments={i.name: [self._corrected(g, true) for g in i.segments] for i in self._inputs},
            audio={i.name: i.audio[: i.used] for i in self._inputs},
            jack_minus_mono_s=self._jack_minus_mono(),
            first_cycle=first,
            last_cycle=last,
            wake_delay_us=list(self._wake),
            xrun_frames=list(self._xrun_frames),
            jumps=list(self._jumps),
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
        step = frame0 - self._prev_frame0
        if self._prev_frame0 >= 0 and step != frames and len(self._jumps) < 100000:
            self._jumps.append((frame0, step))
        self._prev_frame0 = frame0
        ci = len(self._raw)
        if ci < MAX_CYCLES:
            self._raw.append(frame0)
            self._tc.append(t_cycle)
        else:
            ci = -1  # past the record's end: segments keep their live (uncorrected) figures
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
                    seg.last_cycle, seg.last_offset = inp.last_nz_at
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
                    first_cycle=ci,
                    first_offset=k,
                )
                inp.segments.append(seg)
                inp.in_seg = True
            seg = inp.segments[-1]
            inp.last_nz = frame0 + int(nz[-1])
            inp.last_nz_at = (ci, int(nz[-1]))
            room = len(inp.audio) - inp.used
            n = min(frames - k, room)
            if n > 0:
                inp.audio[inp.used : inp.used + n] = buf[k : k + n]
                inp.used += n
                seg.captured += n


class ObserverProcess:
    """A JackObserver in a process of its own, driven over a pipe: the same calls as
    JackObserver (`wait_connected`, `segments`, `xruns`, `stop` → Recording).

    The observer's process callback is Python and needs its process's GIL each cycle. Inside
    a test runner that has run thousands of tests, threads left by earlier ones (servers,
    MQTT clients, pools) take that GIL and make the witness late — a late witness reads the
    next cycle's frame counter and reports a segment a period longer than what played. On its
    own, the witness's process has nobody else's threads."""

    def __init__(
        self,
        watch: dict[str, str] | None = None,
        *,
        direct: tuple[str, ...] = (),
        client_name: str = "loa-observer",
        server_name: str | None = None,
        capture_s: float = 30.0,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
        realtime: bool = False,
    ) -> None:
        import os
        import subprocess
        import sys
        import tempfile

        self._dir = tempfile.mkdtemp(prefix="loa-observer-")
        self._out = os.path.join(self._dir, "recording.pickle")
        spec: dict[str, Any] = {
            "watch": dict(watch or {}),
            "direct": list(direct),
            "client_name": client_name,
            "server_name": server_name,
            "capture_s": capture_s,
            "out": self._out,
            "realtime": realtime,
        }
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "hardware.jack_observer", "--serve", json.dumps(spec)],
            env=env,
            cwd=cwd,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._recording: Recording | None = None

    def start(self) -> ObserverProcess:
        self.threads = str(self._ask({"do": "start"}) or "")
        return self

    def _ask(self, msg: dict[str, Any], timeout: float = 30.0) -> Any:
        import select

        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(msg) + "\n")
            proc.stdin.flush()
            # one command at a time, one line per answer: nothing is buffered before it
            answered, _, _ = select.select([proc.stdout], [], [], timeout)
            line = proc.stdout.readline() if answered else ""
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            proc.kill()
            err = proc.stderr.read()[-3000:] if proc.stderr is not None else ""
            raise RuntimeError(f"the observer process ended: {err}")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"observer: {reply['error']}")
        return reply.get("value")

    def connected(self, name: str) -> list[str]:
        return list(self._ask({"do": "connected", "name": name}))

    def wait_connected(self, name: str, timeout: float = 5.0) -> bool:
        return bool(self._ask({"do": "wait_connected", "name": name, "timeout": timeout}))

    def segments(self, name: str) -> list[Segment]:
        return [Segment(**s) for s in self._ask({"do": "segments", "name": name})]

    @property
    def xruns(self) -> int:
        return int(self._ask({"do": "xruns"}))

    def stop(self) -> Recording:
        import pickle

        if self._recording is not None:
            return self._recording
        try:
            self._ask({"do": "stop"})
            with open(self._out, "rb") as f:
                self._recording = pickle.load(f)  # our own child's file
        finally:
            self._end()
        assert self._recording is not None
        return self._recording

    def discard(self) -> None:
        """End the witness without its recording (say, its server was just killed: what
        libjack does in a client of a dead server is not this test's business)."""
        self._proc.kill()
        self._end()

    def _end(self) -> None:
        import shutil

        try:
            self._proc.wait(timeout=10)
        except Exception:
            self._proc.kill()
            self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            if stream is not None:
                stream.close()
        shutil.rmtree(self._dir, ignore_errors=True)


def raise_own_threads(priority: int = 1) -> str:
    """Put this process's ordinary threads on SCHED_FIFO `priority` (JACK made the process
    thread realtime already): a witness in Python needs its GIL each cycle, and no thread of
    its own process should hold it while ordinary load preempts that thread. Children forked
    later stay ordinary (SCHED_RESET_ON_FORK). Without the right to (not root, no RLIMIT_RTPRIO)
    nothing changes and it says so."""
    import os

    from hardware.sounddevice_output import thread_policy

    raised, refused = 0, 0
    for task in os.listdir("/proc/self/task"):
        try:
            if thread_policy(int(task))[0] != "SCHED_OTHER":
                continue
            os.sched_setscheduler(
                int(task), os.SCHED_FIFO | os.SCHED_RESET_ON_FORK, os.sched_param(priority)
            )
            raised += 1
        except PermissionError:
            refused += 1
        except OSError:
            continue
    return f"{raised} threads SCHED_FIFO {priority}" + (f", {refused} refused" if refused else "")


def _serve(spec: dict[str, Any]) -> int:
    """The child side of ObserverProcess: one JSON command per stdin line, one reply each."""
    import pickle
    import sys
    from dataclasses import asdict

    obs = JackObserver(
        spec["watch"],
        direct=tuple(spec["direct"]),
        client_name=spec["client_name"],
        server_name=spec["server_name"],
        capture_s=spec["capture_s"],
    )
    for line in sys.stdin:
        msg = json.loads(line)
        do = msg["do"]
        value: Any = None
        try:
            if do == "start":
                obs.start()
                value = raise_own_threads() if spec.get("realtime") else "normal priority"
            elif do == "connected":
                value = obs.connected(msg["name"])
            elif do == "wait_connected":
                value = obs.wait_connected(msg["name"], msg["timeout"])
            elif do == "segments":
                value = [asdict(s) for s in obs.segments(msg["name"])]
            elif do == "xruns":
                value = obs.xruns
            elif do == "stop":
                rec = obs.stop()
                with open(spec["out"], "wb") as f:
                    pickle.dump(rec, f)
            else:
                raise ValueError(f"unknown command {do!r}")
        except Exception as exc:  # told to the parent, which raises it
            print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
            continue
        print(json.dumps({"value": value}), flush=True)
        if do == "stop":
            return 0
    obs.stop()  # the parent went away
    return 0


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
    p.add_argument("--serve", default=None, help=argparse.SUPPRESS)  # ObserverProcess's child
    a = p.parse_args(argv)
    if a.serve is not None:
        # through the module's own name: the pickled Recording must not be `__main__`'s
        from hardware import jack_observer

        return jack_observer._serve(json.loads(a.serve))
    watch = dict(w.split("=", 1) for w in a.watch)
    obs = JackObserver(watch, direct=tuple(a.direct), server_name=a.server).start()
    time.sleep(a.seconds)
    print(json.dumps(obs.stop().summary()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

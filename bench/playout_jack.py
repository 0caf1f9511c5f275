"""Playout timing on a real audio server: the real daemon on JACK, watched from outside.

    python -m bench.playout_jack [--starts 200] [--emergencies 20] [--quick]
                                 [--realtime | --no-realtime] [--no-load] [--period 256]

Starts a JACK server (Debian's jackd2, dummy driver: 48 kHz, period 256, paced by the system
clock like a card; `-R` with --realtime), the real daemon in its own process (`bench._unitkit
run-real`: `[audio] backend = "sounddevice"`, `device = "system"`, otherwise the default
config; relays "none" since there is no GPIO), an outside observer (`hardware.jack_observer`,
a second JACK client in a process of its own, realtime like the daemon's audio threads,
connected to the daemon's port) and a naive baseline in another process: an APScheduler job that calls `sounddevice.play` when it fires, on the same
server (PortAudio's JACK host API, playing into the observer's `baseline` input).

Measured, all on time.monotonic() (one clock for every process of the machine):

* start error: when the broadcast's first non-silent frame reaches the DAC — the frame the
  observer saw it on, placed by the server's own frame times plus the playback latency — minus
  the scheduled instant (the schedule rule's wall time put on the monotonic axis here);
* emergency: an issued emergency (an emergency bundle, as the panel sends it, stored into the
  unit's overlay); the daemon's pre-emption decision (its fade request, from `--spy`) until the
  emergency's first sample at the port. What it pre-empts is a silent item, so the observer's
  next non-silent frame is the emergency's first;
* emergency from import: the bundle stored by another process (`bench._unitkit import-at`,
  as the sync client or the push subscriber stores it; the store rings the daemon's doorbell)
  until that first sample at the port. The bundles are built before the load starts (building
  and signing is the panel's work);
* idle: before anything is armed and before the load starts, the daemon's CPU (utime+stime of
  all its threads, % of one core) and its threads' wake-ups (context switches per second), once
  its idle client has left JACK's graph (`[audio] idle_suspend_s`, 3 s by default;
  `--idle-suspend-s 0` measures the client kept in the graph, woken every period);
* xruns: what the observer's client was told by the server, and per client from jackd's log;
  beside them `vm_steal_pct_under_load`, the share of CPU time the hypervisor gave to others
  while this VM wanted it (/proc/stat), during which no thread inside runs, however realtime.
  `graph_xruns_under_load` counts each late cycle once (jackd names every client of a late
  graph: the witness after the unit) and each late wake-up of jackd's own driver, per minute
  of load beside it;
* control (`--control-s`, 60 s): then, with the daemon, the witness and the baseline gone and
  the load still running, one C client (jackd2's jack_latent_client) alone in the graph — the
  late cycles this machine gives a graph with no Python in it, per minute.

Load while the starts play (from bench.playout_latency): a mastering render loop and an HTTP
server hammered by client threads, in other processes.

Prints one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench._unitkit import (
    UnitKit,
    child_env,
    clock_offset,
    now_vn,
    percentile,
    proc_cpu_s,
    wall_to_mono,
)

RATE = 48000
PERIOD = 256
ITEM_S = 0.2
SPACING_S = 0.5
EMERGENCY_S = 0.3
LONG_S = 3.0

BASELINE = r"""
import json, sys, time, threading
from datetime import datetime
import numpy as np, soundfile as sf
import sounddevice as sd
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
spec = json.loads(sys.argv[1])
data, sr = sf.read(spec["wav"], dtype="float32")
# one worker: PortAudio's JACK client must not open two streams at once
sched = BackgroundScheduler(timezone="Asia/Ho_Chi_Minh",
                            executors={"default": ThreadPoolExecutor(1)})
def play():
    sd.play(data, sr, device=spec["device"])   # opens a stream, starts it: "as soon as possible"
for at in spec["starts"]:
    sched.add_job(play, "date", run_date=datetime.fromisoformat(at), misfire_grace_time=30)
sched.start()
time.sleep(max(0.0, spec["until_mono"] - time.monotonic()))
sched.shutdown(wait=False)
sd.stop()
"""


class Jackd:
    def __init__(self, name: str, *, realtime: bool, period: int, log: Path) -> None:
        self.name = name
        self.realtime = realtime
        self.period = period
        self.log = log
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return child_env(JACK_DEFAULT_SERVER=self.name, JACK_NO_AUDIO_RESERVATION="1")

    def start(self) -> Jackd:
        rt = "-R" if self.realtime else "--no-realtime"
        self.proc = subprocess.Popen(
            ["jackd", "-n", self.name, rt, "-d", "dummy", "-r", str(RATE), "-p", str(self.period)],
            env=self.env(),
            stdout=open(self.log, "w"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            res = subprocess.run(["jack_lsp"], env=self.env(), capture_output=True)
            if b"system:playback_1" in res.stdout:
                return self
            if self.proc.poll() is not None:
                raise SystemExit(f"jackd exited: {self.log.read_text()[-500:]}")
            time.sleep(0.05)
        raise SystemExit("jackd did not answer")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def log_size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def graph_xruns(self, start: int = 0, end: int | None = None) -> int:
        """Cycles the server reported late in its log between two byte offsets: each late
        graph once (one "Process error" however many clients it names), and each late wake-up
        of jackd's own driver thread."""
        with self.log.open("rb") as f:
            f.seek(start)
            text = f.read(None if end is None else max(0, end - start)).decode(errors="replace")
        return sum(
            1
            for line in text.splitlines()
            if "ProcessGraphAsyncMaster: Process error" in line
            or "JackTimedDriver::Process XRun" in line
        )

    def xruns_by_client(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for line in self.log.read_text(errors="replace").splitlines():
            m = re.search(r"XRun: client = (\S+) was not finished", line)
            if m:
                c[m.group(1)] += 1
            elif "JackTimedDriver::Process XRun" in line:
                c["driver (late wake-up of jackd itself)"] += 1
        return dict(c)


def thread_stats(pid: int) -> dict[int, tuple[str, int, float]]:
    """tid -> (name, voluntary + involuntary context switches, CPU seconds) so far."""
    out = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
            sw = 0
            for line in Path(f"/proc/{pid}/task/{tid}/status").read_text().splitlines():
                if "ctxt_switches" in line:
                    sw += int(line.split()[-1])
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            out[int(tid)] = (name, sw, (int(fields[11]) + int(fields[12])) / ticks)
        except (OSError, ValueError):
            continue
    return out


def thread_policies(pid: int) -> dict[str, str]:
    from hardware.sounddevice_output import thread_policy

    out = {}
    for tid, (name, _, _) in thread_stats(pid).items():
        try:
            pol, prio = thread_policy(tid)
        except OSError:
            continue
        key = name if name not in out else f"{name}#{tid}"
        out[key] = f"{pol} {prio}" if prio else pol
    return out


def _steal_and_total() -> tuple[int, int]:
    """(steal, all) jiffies of the machine from /proc/stat: the time the hypervisor ran
    something else while this VM's vCPUs wanted to run — which no priority inside can win."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def measure_idle(pid: int, seconds: float, env: dict[str, str]) -> dict[str, Any]:
    """The daemon's idle CPU and wake-ups; beside it, for scale, a C JACK client that copies
    its input to its output (jack_latent_client from jackd2): what one wake-up a period costs
    on this machine whatever the language."""
    ref = subprocess.Popen(
        ["jack_latent_client", "-l", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    cpu0, th0, t0 = proc_cpu_s(pid), thread_stats(pid), time.monotonic()
    ref0 = proc_cpu_s(ref.pid) if ref.poll() is None else None
    time.sleep(seconds)
    cpu1, th1, t1 = proc_cpu_s(pid), thread_stats(pid), time.monotonic()
    ref1 = proc_cpu_s(ref.pid) if ref.poll() is None else None
    ref.terminate()
    ref.wait(5)
    dt = t1 - t0
    wake: Counter[str] = Counter()
    cpu: dict[str, float] = defaultdict(float)
    for tid, (name, sw, c) in th1.items():
        _, sw0, c0 = th0.get(tid, (name, sw, c))
        wake[name] += sw - sw0
        cpu[name] += c - c0
    floor = None if ref0 is None or ref1 is None else round((ref1 - ref0) / dt * 100, 3)
    return {
        "idle_cpu_pct": round((cpu1 - cpu0) / dt * 100, 3),
        "idle_window_s": round(dt, 1),
        "idle_cpu_pct_of_a_c_jack_client": floor,
        "idle_cpu_pct_by_thread": {k: round(v / dt * 100, 2) for k, v in sorted(cpu.items()) if v},
        "idle_wakeups_per_s": {k: round(v / dt, 1) for k, v in sorted(wake.items()) if v},
        "idle_wakeups_total_per_s": round(sum(wake.values()) / dt, 1),
    }


def _unit_nice() -> None:
    with contextlib.suppress(OSError):  # not root: the daemon runs at the bench's own niceness
        os.nice(-10)


def control_xruns(server: Jackd, seconds: float) -> dict[str, Any]:
    """Graph xruns per minute with only a C client (jackd2's jack_latent_client, copying its
    input to system:playback) on the server, under whatever load is running."""
    env = server.env()
    ref = subprocess.Popen(
        ["jack_latent_client", "-l", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        subprocess.run(
            ["jack_connect", "latent:out", "system:playback_1"], env=env, capture_output=True
        )
        time.sleep(0.5)
        log0, t0 = server.log_size(), time.monotonic()
        time.sleep(seconds)
        n, minutes = server.graph_xruns(log0), (time.monotonic() - t0) / 60.0
    finally:
        ref.terminate()
        ref.wait(5)
    return {
        "client": "jack_latent_client (C)",
        "seconds": round(minutes * 60.0, 1),
        "graph_xruns": n,
        "graph_xruns_per_min": round(n / minutes, 1),
    }


def read_spy(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def run(
    starts: int,
    emergencies: int,
    *,
    realtime: bool,
    cpu_procs: int,
    http_threads: int,
    idle_s: float,
    period: int = PERIOD,
    idle_suspend_s: float = 3.0,
    baseline_apart: bool = True,
    control_s: float = 60.0,
) -> dict[str, Any]:
    from bench.playout_latency import start_load, stop_load
    from hardware.jack_observer import ObserverProcess

    work = Path(tempfile.mkdtemp(prefix="loa-bench-jack-"))
    kit = UnitKit(work / "unit")
    server = Jackd(
        f"loa-bench-{os.getpid()}", realtime=realtime, period=period, log=work / "jackd.log"
    ).start()
    lead = 2.0 + 3.0 + 0.1 + 0.2  # the default config's arming lead (arm_ahead + warm-up + zones)
    t_first = now_vn() + timedelta(seconds=6.0 + idle_suspend_s + 1.0 + idle_s + 1.5 + lead + 2.0)
    # starts 0.5 s apart would all sit at the same fraction of a frame: a few µs of dither
    # spread them over the frame, so the mean signed error shows a bias, not one rounding
    daemon_starts = [
        t_first + timedelta(seconds=SPACING_S * i, microseconds=(i * 7) % 21) for i in range(starts)
    ]
    if baseline_apart:
        # after the daemon's starts, under the same load: each sd.play opens and closes a
        # PortAudio stream, i.e. a JACK client joining and leaving the graph, and the graph
        # changes would otherwise fall among the daemon's cycles
        first_base = daemon_starts[-1] + timedelta(seconds=2.0)
        base_starts = [first_base + timedelta(seconds=SPACING_S * i) for i in range(starts)]
    else:  # interleaved with the daemon's starts
        base_starts = [t + timedelta(seconds=SPACING_S / 2) for t in daemon_starts]
    emerg_base = max(daemon_starts[-1], base_starts[-1]) + timedelta(seconds=1.0 + lead)
    long_starts = [emerg_base + timedelta(seconds=(LONG_S + 2.5) * k) for k in range(emergencies)]
    slots = [(f"s{i:03d}", t) for i, t in enumerate(daemon_starts)]
    slots += [(f"long{k:02d}", t) for k, t in enumerate(long_starts)]
    items = [kit.item(i, seconds=ITEM_S) for i, _ in slots if i.startswith("s")]
    # the pre-empted items are silent: the next sound the observer hears is the emergency
    _silence(kit, LONG_S)
    items += [kit.item(i, seconds=LONG_S, freq=0.0) for i, _ in slots if i.startswith("long")]
    schedule = kit.once_schedule(slots)
    kit.import_bundle(kit.bundle(items, schedule=schedule, sequence=1))
    cfg = kit.write_toml(
        kit.config_dict(
            audio={
                "backend": "sounddevice",
                "device": "system",
                "host_api": "jack",
                "jack_client": "loa-unit",
                "realtime": realtime,
                "idle_suspend_s": idle_suspend_s,
            },
            relays={"backend": "none"},
            playout={},
        )
    )
    spy, ready, dlog = work / "spy.jsonl", work / "ready", work / "daemon.log"
    env = server.env()
    # the witness in a process of its own: nothing else in it takes its GIL (this process
    # builds bundles and reads /proc)
    obs = ObserverProcess(
        {"unit": "^loa-unit:out_"},
        direct=("baseline",),
        server_name=server.name,
        capture_s=float(starts * ITEM_S + emergencies * EMERGENCY_S + 5),
        client_name="loa-observer",
        env=env,
        cwd=str(Path(__file__).resolve().parent.parent),
        realtime=realtime,
    ).start()
    observer_rt = obs.threads
    # the emergencies, issued as the panel issues them (an emergency bundle each), built now;
    # stored at their instants by a process of its own, as the sync client or the push
    # subscriber stores them beside the daemon
    em_bundles = [
        kit.emergency_bundle(
            kit.item(f"e{k:02d}", seconds=EMERGENCY_S, priority="emergency", freq=880.0),
            sequence=1 + k,
        )
        for k in range(emergencies)
    ]
    # Nice=-10, as deploy/systemd/loa-unit.service runs it
    daemon = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench._unitkit",
            "run-real",
            "--config",
            str(cfg),
            "--spy",
            str(spy),
            "--ready",
            str(ready),
        ],
        env=env,
        stdout=open(dlog, "w"),  # noqa: SIM115 - the child keeps it
        stderr=subprocess.STDOUT,
        preexec_fn=_unit_nice,
    )
    load: list[subprocess.Popen] = []
    baseline = None
    stored = work / "stored.jsonl"
    result: dict[str, Any] = {}
    try:
        while not ready.exists():
            if daemon.poll() is not None:
                raise SystemExit(f"the daemon exited: {dlog.read_text()[-2000:]}")
            time.sleep(0.05)
        if not obs.wait_connected("unit", timeout=10):
            raise SystemExit("the observer could not connect to loa-unit")
        offset = clock_offset()
        arm_first = wall_to_mono(t_first, offset) - lead
        time.sleep(1.5)
        suspended = False
        if idle_suspend_s > 0:
            # idle, the unit's client leaves the graph (its ports lose their connections, the
            # observer's too): the idle figure is that steady state
            until_suspended = time.monotonic() + idle_suspend_s + 5.0
            while time.monotonic() < until_suspended and not suspended:
                suspended = not obs.connected("unit")
                time.sleep(0.05)
            time.sleep(0.5)
        window = min(idle_s, arm_first - time.monotonic() - 2.5)
        result.update(measure_idle(daemon.pid, max(1.0, window), env))
        result["idle_suspend_s"] = idle_suspend_s
        result["idle_out_of_graph"] = suspended
        result["audio_threads"] = thread_policies(daemon.pid)
        # the naive baseline, then the load
        wav = kit.wav(ITEM_S, 440.0)[1]
        until = wall_to_mono(base_starts[-1], offset) + 2.0
        baseline = subprocess.Popen(
            [
                sys.executable,
                "-c",
                BASELINE,
                json.dumps(
                    {
                        "wav": str(wav),
                        "device": "loa-observer",
                        "until_mono": until,
                        "starts": [t.isoformat() for t in base_starts],
                    }
                ),
            ],
            env=env,
        )
        load = start_load(cpu_procs, http_threads)
        steal0 = _steal_and_total()
        load_t0, load_log0 = time.monotonic(), server.log_size()
        end_of_starts = wall_to_mono(daemon_starts[-1], offset) + ITEM_S + 1.0
        middle = (wall_to_mono(daemon_starts[0], offset) + end_of_starts) / 2
        while time.monotonic() < max(end_of_starts, until):
            if "audio_threads_under_load" not in result and time.monotonic() > middle:
                # while the starts play (an idle unit has no process thread to show)
                result["audio_threads_under_load"] = thread_policies(daemon.pid)
            time.sleep(0.2)
        if emergencies:
            plan = [
                [str(path), wall_to_mono(long_starts[k], offset) + 0.4]
                for k, path in enumerate(em_bundles)
            ]
            (work / "imports.json").write_text(json.dumps(plan))
            importer = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench._unitkit",
                    "import-at",
                    "--state",
                    str(kit.state_dir),
                    "--trusted",
                    str(kit.trusted_file),
                    "--plan",
                    str(work / "imports.json"),
                    "--out",
                    str(stored),
                ],
                env=env,
            )
            deadline = wall_to_mono(long_starts[-1], offset) + LONG_S + 1.0
            while time.monotonic() < deadline:
                time.sleep(0.2)
            if importer.wait(30) != 0:
                raise SystemExit(f"the importer failed (exit {importer.returncode})")
        steal1 = _steal_and_total()
        result["vm_steal_pct_under_load"] = round(
            100.0 * (steal1[0] - steal0[0]) / max(1, steal1[1] - steal0[1]), 2
        )
        offset2 = clock_offset()
        minutes = (time.monotonic() - load_t0) / 60.0
        result["graph_xruns_under_load"] = server.graph_xruns(load_log0)
        result["graph_xruns_per_min_under_load"] = round(
            result["graph_xruns_under_load"] / minutes, 1
        )
        if control_s > 0 and load:
            # the control: the daemon, the witness and the baseline gone, one C client
            # (jack_latent_client) in the graph, the same load — what this machine gives a
            # graph with no Python in it
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(30)
            rec = obs.stop()
            if baseline is not None:
                baseline.terminate()
                baseline.wait(10)
                baseline = None
            result["control"] = control_xruns(server, control_s)
    finally:
        stop_load(load)
        if baseline is not None:
            baseline.terminate()
            baseline.wait(10)
        if daemon.poll() is None:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(30)
        rec = obs.stop()
        server.stop()

    sched_mono = {i: wall_to_mono(t, offset) for i, t in slots}
    unit_segs = rec.segments["unit"]
    base_segs = rec.segments["baseline"]

    def match(target: float, segs) -> Any:
        best = min(segs, key=lambda s: abs(s.time - target), default=None)
        return best if best is not None and abs(best.time - target) < 0.2 else None

    d_signed, near = [], 0
    for i, _ in slots[:starts]:
        seg = match(sched_mono[i], unit_segs)
        if seg is not None:
            d_signed.append((seg.time - sched_mono[i]) * 1000.0)
            near += rec.near_xrun(seg.frame)
    d_err = [abs(e) for e in d_signed]
    b_err = []
    for t in base_starts:
        target = wall_to_mono(t, offset)
        later = [s for s in base_segs if 0 <= s.time - target < 2.0]  # it can only be late
        if later:
            b_err.append((later[0].time - target) * 1000.0)
    # emergencies: decision (the fade the daemon asked for) -> first sample at the port
    events = read_spy(spy)
    fades = {e["token"].split("@")[0]: e["t"] for e in events if e["ev"] == "fade"}
    em_ms = []
    for k in range(emergencies):
        t_fade = fades.get(f"long{k:02d}")
        if t_fade is None:
            continue
        after = [s for s in unit_segs if s.time > t_fade - 0.01]
        if after and after[0].time - t_fade < 2.0:
            em_ms.append((after[0].time - t_fade) * 1000.0)
    # ...and from the moment the bundle was stored by another process (this one) to that sample
    from_import_ms = []
    imports = [e["stored"] for e in read_spy(stored)]
    for t_in in imports:
        after = [s for s in unit_segs if s.time > t_in]
        if after and after[0].time - t_in < 2.0:
            from_import_ms.append((after[0].time - t_in) * 1000.0)
    finished = [e for e in events if e["ev"] == "finished"]
    phases = {
        "daemon_starts": (sched_mono[slots[0][0]] - 0.5, sched_mono[slots[starts - 1][0]] + 1.0),
        "baseline": (
            wall_to_mono(base_starts[0], offset) - 0.5,
            wall_to_mono(base_starts[-1], offset) + 1.0,
        ),
    }
    if emergencies:
        phases["emergencies"] = (
            wall_to_mono(long_starts[0], offset) - 0.5,
            wall_to_mono(long_starts[-1], offset) + LONG_S + 1.0,
        )
    p99 = percentile(d_err, 99)
    bp99 = percentile(b_err, 99)
    if rec.first_cycle is not None and rec.last_cycle is not None:
        # each xrun's instant on time.monotonic(), beside spy.jsonl's daemon events, to read
        # later what each fell near
        (work / "xruns.json").write_text(
            json.dumps([rec.frame_time(f) - rec.latency_frames / rec.rate for f in rec.xrun_frames])
        )
    result.update(
        {
            "starts": starts,
            "played": len(d_err),
            "baseline_played": len(b_err),
            "p50_ms": round(percentile(d_err, 50), 4),
            "p99_ms": round(p99, 4),
            "max_ms": round(max(d_err, default=float("nan")), 4),
            "mean_signed_ms": round(sum(d_signed) / len(d_signed), 4) if d_signed else None,
            "baseline_p50_ms": round(percentile(b_err, 50), 2),
            "baseline_p99_ms": round(bp99, 2),
            "ratio_p99": round(bp99 / max(p99, 1e-3), 1),
            "emergencies": len(em_ms),
            "emergency_p50_ms": round(percentile(em_ms, 50), 2),
            "emergency_p99_ms": round(percentile(em_ms, 99), 2),
            "emergency_from_import_p50_ms": round(percentile(from_import_ms, 50), 2),
            "emergency_from_import_p99_ms": round(percentile(from_import_ms, 99), 2),
            "xruns": rec.xruns,
            "xruns_by_client": server.xruns_by_client(),
            "xruns_in_broadcasts": sum(int(e.get("xruns", 0)) for e in finished),
            # the observer's xruns by phase (each placed by the frame it came after)
            "xruns_by_phase": _xruns_by_phase(rec, phases),
            "baseline_apart": baseline_apart,
            "starts_within_3_periods_of_an_xrun": near,
            "realtime": realtime,
            "observer_process": observer_rt,
            "server": {
                "rate": rec.rate,
                "period": rec.period,
                "latency_ms": round(rec.latency_frames / rec.rate * 1000, 3),
                "jack_clock_minus_monotonic_ms": round(rec.jack_minus_mono_s * 1000, 3),
            },
            "clock_offset_drift_ms": round((offset2 - offset) * 1000.0, 3),
            "load": {
                "cpu_render_procs": cpu_procs,
                "http_client_threads": http_threads,
                "cores": os.cpu_count(),
                "loadavg_1m": round(os.getloadavg()[0], 2),
            },
            "work_dir": str(work),
        }
    )
    return result


def _xruns_by_phase(rec: Any, phases: dict[str, tuple[float, float]]) -> dict[str, int]:
    """How many of the observer's xruns fell in each phase's span of time (the rest: "other",
    e.g. the idle window, which has none of the load)."""
    out = dict.fromkeys([*phases, "other"], 0)
    if rec.first_cycle is None or rec.last_cycle is None:
        return out
    for frame in rec.xrun_frames:
        t = rec.frame_time(frame)
        name = next((k for k, (a, b) in phases.items() if a <= t <= b), "other")
        out[name] += 1
    return out


def _silence(kit: UnitKit, seconds: float) -> None:
    """kit.item(freq=0.0) is a constant 0.1: make that tone digital silence instead."""
    import numpy as np
    import soundfile as sf

    sha, path = kit.wav(seconds, 0.0)
    sf.write(path, np.zeros(round(seconds * RATE), dtype=np.float32), RATE, subtype="FLOAT")
    import hashlib

    new = hashlib.sha256(path.read_bytes()).hexdigest()
    kit.audio[new] = path
    kit._wav_cache[(round(seconds, 4), 0.0, "FLOAT")] = (new, path)
    kit.audio.pop(sha, None)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.playout_jack")
    p.add_argument("--starts", type=int, default=200)
    p.add_argument("--emergencies", type=int, default=20)
    p.add_argument("--cpu-procs", type=int, default=1)
    p.add_argument("--http-threads", type=int, default=4)
    p.add_argument("--no-load", action="store_true")
    p.add_argument("--idle-s", type=float, default=10.0)
    p.add_argument("--period", type=int, default=PERIOD, help="jackd -p (frames per cycle)")
    p.add_argument(
        "--idle-suspend-s",
        type=float,
        default=3.0,
        help="[audio] idle_suspend_s (the default config's 3.0; 0 keeps the idle client in the graph)",
    )
    p.add_argument(
        "--realtime",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="jackd -R and the daemon's audio threads SCHED_FIFO (default)",
    )
    p.add_argument(
        "--baseline-apart",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the naive baseline plays after the daemon's starts (default) or between them",
    )
    p.add_argument(
        "--control-s",
        type=float,
        default=60.0,
        help="seconds of the control under the load: a C JACK client alone (0: none)",
    )
    p.add_argument("--quick", action="store_true", help="smoke run: 6 starts, 1 emergency, no load")
    a = p.parse_args(argv)
    if a.quick:
        a.starts, a.emergencies, a.no_load, a.idle_s = 6, 1, True, 5.0
    if a.no_load:
        a.cpu_procs, a.http_threads = 0, 0
    result = run(
        a.starts,
        a.emergencies,
        realtime=a.realtime,
        cpu_procs=a.cpu_procs,
        http_threads=a.http_threads,
        idle_s=a.idle_s,
        period=a.period,
        idle_suspend_s=a.idle_suspend_s,
        baseline_apart=a.baseline_apart,
        control_s=a.control_s,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

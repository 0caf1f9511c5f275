"""Playout latency benchmark: scheduled starts on the simulated card, under CPU and HTTP load.

    python -m bench.playout_latency [--starts 200] [--emergencies 20] [--quick] [--no-load]

In one process: the real daemon (`playout.wiring.build_daemon`) and a naive baseline (an APScheduler
job that, when it fires, asks the card to play "now" — what `sounddevice.play` does) share
one `SimAudioOutput` paced by the real monotonic clock (48 kHz, 10 ms blocks, 50 ms output
latency, like the real backend). Meanwhile other processes load the machine: a mastering
render (tts band-limit + loudness on a minute of noise, in a loop) and an HTTP server
(uvicorn) hammered by client threads.

Measured: `actual` is the instant the card placed the broadcast's first sample — the DAC time
of its output frame on the card's stream clock, anchored to time.monotonic() when the card
started — never a number taken from the schedule. `scheduled` is the rule's wall time put on
the monotonic axis with the bench's own reading of time.time() - time.monotonic(). We also
count first samples the card computed after their DAC time (`late_renders`: an underrun on
real hardware).

Emergency pre-emption: while a long item plays (amplifier already on: no warm-up to exclude),
a bundle with an unscheduled emergency item is imported. `emergency_p99_ms` is the time from
the daemon's pre-emption decision (its fade request to the card) until the emergency's first
sample on the card — the configured fade plus the arming lead; `emergency_silent_p99_ms` is
decision → the pre-empted broadcast silent on the card (fade plus the card's output latency:
audio already queued to the DAC cannot be recalled); `emergency_detect_p99_ms` is import →
decision (the daemon looks at the active bundle once a second).

Prints one JSON object on the last line: p50_ms, p99_ms, max_ms (daemon), baseline_p50_ms,
baseline_p99_ms, baseline_max_ms, ratio_p99, emergency_p99_ms, ... and the load conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench._unitkit import UnitKit, child_env, clock_offset, now_vn, percentile, wall_to_mono

BLOCK = 480
LATENCY_S = 0.05
ITEM_S = 0.2
SPACING_S = 0.5

CPU_LOAD = r"""
import numpy as np, time
from tts.filters import band_limit
from tts.loudness import integrated_loudness
rng = np.random.default_rng(1)
x = (0.1 * rng.standard_normal(48000 * 60)).astype(np.float32)
n = 0
while True:
    y = band_limit(x, 48000)
    integrated_loudness(y, 48000)
    n += 1
"""

HTTP_SERVER = r"""
import sys, uvicorn
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = ("<html>" + "xin chào " * 200 + "</html>").encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""

HTTP_CLIENT = r"""
import sys, threading, httpx, time
url = sys.argv[1]
def hammer():
    with httpx.Client(timeout=5) as c:
        while True:
            try:
                c.get(url)
            except Exception:
                time.sleep(0.05)
for _ in range(int(sys.argv[2])):
    threading.Thread(target=hammer, daemon=True).start()
while True:
    time.sleep(1)
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_load(cpu_procs: int, http_threads: int) -> list[subprocess.Popen]:
    procs = []
    env = child_env()
    for _ in range(cpu_procs):
        procs.append(subprocess.Popen([sys.executable, "-c", CPU_LOAD], env=env))
    if http_threads:
        port = _free_port()
        procs.append(subprocess.Popen([sys.executable, "-c", HTTP_SERVER, str(port)], env=env))
        time.sleep(1.0)
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", HTTP_CLIENT, f"http://127.0.0.1:{port}/", str(http_threads)],
                env=env,
            )
        )
    return procs


def stop_load(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()


class RenderSpy:
    """A card listener: when (real monotonic) the card computed each broadcast's first block."""

    def __init__(self) -> None:
        self.rendered: dict[object, tuple[float, float]] = {}

    def on_started(self, handle, actual_start: float, first_frame: int) -> None:
        self.rendered[handle.token] = (time.monotonic(), actual_start)

    def on_finished(self, handle, frames_played: int) -> None:
        pass

    def on_failed(self, handle, reason: str) -> None:
        pass


class FadeSpy:
    """Wraps the card: remembers when the daemon asked it to fade something out."""

    def __init__(self, card) -> None:
        self._card = card
        self.fades: list[tuple[object, float]] = []

    def __getattr__(self, name):
        return getattr(self._card, name)

    def fade_out_and_stop(self, handle, fade_s: float) -> None:
        self.fades.append((handle.token, self._card.clock()))
        self._card.fade_out_and_stop(handle, fade_s)


def run(
    starts: int,
    emergencies: int,
    *,
    cpu_procs: int,
    http_threads: int,
    lead_in: float = 6.0,
    long_s: float = 3.0,
    arm_ahead_s: float = 2.0,
) -> dict:
    from apscheduler.schedulers.background import BackgroundScheduler

    from hardware.clock import SystemClock
    from hardware.sim_output import SimAudioOutput
    from playout.wiring import build_daemon, open_source

    work = Path(tempfile.mkdtemp(prefix="loa-bench-latency-"))
    kit = UnitKit(work)
    load = start_load(cpu_procs, http_threads)
    try:
        time.sleep(1.0 if load else 0.0)
        first = now_vn() + timedelta(seconds=lead_in)
        daemon_starts = [first + timedelta(seconds=SPACING_S * i) for i in range(starts)]
        base_starts = [t + timedelta(seconds=SPACING_S / 2) for t in daemon_starts]
        # the items the emergencies pre-empt are scheduled after the 200 starts
        emerg_base = daemon_starts[-1] + timedelta(seconds=1.0)
        long_starts = [
            emerg_base + timedelta(seconds=(long_s + 2.0) * k) for k in range(emergencies)
        ]
        slots = [(f"s{i:03d}", t) for i, t in enumerate(daemon_starts)]
        slots += [(f"long{k:02d}", t) for k, t in enumerate(long_starts)]
        items = [kit.item(i, seconds=ITEM_S) for i, _ in slots if i.startswith("s")]
        items += [kit.item(i, seconds=long_s, freq=330.0) for i, _ in slots if i.startswith("long")]
        schedule = kit.once_schedule(slots)
        kit.import_bundle(kit.bundle(items, schedule=schedule, sequence=1))

        clock = SystemClock(trust_unknown=True)
        card = SimAudioOutput(
            clock,
            sample_rate=48000,
            channels=1,
            block_frames=BLOCK,
            latency_s=LATENCY_S,
            realtime=True,
            capture=False,
            max_voices=16,
        )
        spy = FadeSpy(card)
        renders = RenderSpy()
        card.add_listener(renders)
        config = kit.config(
            playout={"tick_s": 0.02, "emergency_fade_ms": 50, "arm_ahead_s": arm_ahead_s}
        )
        daemon = build_daemon(
            config, clock=clock, output=spy, gps=None, notifier=None, inbox_thread=False
        )
        stop = threading.Event()
        th = threading.Thread(target=daemon.run, args=(stop,), name="daemon", daemon=True)
        th.start()

        # the baseline: APScheduler fires a job at each start that plays "now" on the same card
        sha, wav = kit.wav(ITEM_S, 550.0)
        sched = BackgroundScheduler(timezone="Asia/Ho_Chi_Minh")
        base_fired: dict[str, float] = {}

        def play_now(token: str) -> None:
            base_fired[token] = card.clock()
            src = open_source(wav, sha256=sha, sample_rate=48000)
            card.schedule(src, card.clock(), token=token)  # sounddevice.play(): as soon as possible

        for i, t in enumerate(base_starts):
            sched.add_job(play_now, "date", run_date=t, args=[f"b{i:03d}"], misfire_grace_time=30)
        sched.start()

        offset = clock_offset()
        end_of_starts = wall_to_mono(base_starts[-1], offset) + ITEM_S + 1.0
        while time.monotonic() < end_of_starts:
            time.sleep(0.2)

        # emergencies: import a bundle with a new unscheduled emergency while long{k} plays
        imports: list[float] = []
        for k in range(emergencies):
            t_play = wall_to_mono(long_starts[k], offset) + 0.3
            while time.monotonic() < t_play:
                time.sleep(0.02)
            e = kit.item(f"e{k:02d}", seconds=0.3, priority="emergency", freq=880.0)
            b = kit.bundle([*items, e], schedule=schedule, sequence=2 + k)
            kit.import_bundle(b)
            imports.append(time.monotonic())
        if emergencies:
            deadline = wall_to_mono(long_starts[-1], offset) + long_s + 0.5
            while time.monotonic() < deadline:
                time.sleep(0.2)
        sched.shutdown(wait=False)
        stop.set()
        th.join(15)
        offset2 = clock_offset()
    finally:
        stop_load(load)

    # Tokens are the strings the bench armed, or (string, n) tuples.
    played: dict[str, Any] = {
        str(r.token[0] if isinstance(r.token, tuple) else r.token): r for r in card.played
    }
    by_item: dict[str, Any] = {}
    for tok, r in played.items():
        by_item[tok.split("@")[0]] = r

    def err_ms(rec, sched_wall) -> float | None:
        if rec is None or rec.start_time is None:
            return None
        return abs(rec.start_time - wall_to_mono(sched_wall, offset)) * 1000.0

    d_err = [e for (i, t) in slots[:starts] if (e := err_ms(by_item.get(i), t)) is not None]
    b_err = [
        e
        for i, t in enumerate(base_starts)
        if (e := err_ms(played.get(f"b{i:03d}"), t)) is not None
    ]

    silent_ms, start_ms, detect_ms = [], [], []
    for k in range(emergencies):
        e = next((r for tok, r in played.items() if tok.startswith(f"emergency:e{k:02d}:")), None)
        pre = by_item.get(f"long{k:02d}")
        fade = next(
            (
                t
                for tok, t in spy.fades
                if isinstance(tok, tuple) and str(tok[0]).startswith(f"long{k:02d}@")
            ),
            None,
        )
        if e is None or pre is None or fade is None or e.start_time is None or pre.end_time is None:
            continue
        silent_ms.append((pre.end_time - fade) * 1000.0)
        start_ms.append((e.start_time - fade) * 1000.0)
        detect_ms.append((fade - imports[k]) * 1000.0)

    # a first sample computed after its DAC time would be an underrun on a real card
    late_renders = sum(1 for done, dac in renders.rendered.values() if done > dac)
    p99 = percentile(d_err, 99)
    bp99 = percentile(b_err, 99)
    return {
        "starts": starts,
        "daemon_played": len(d_err),
        "baseline_played": len(b_err),
        "p50_ms": round(percentile(d_err, 50), 4),
        "p99_ms": round(p99, 4),
        "max_ms": round(max(d_err, default=float("nan")), 4),
        "baseline_p50_ms": round(percentile(b_err, 50), 3),
        "baseline_p99_ms": round(bp99, 3),
        "baseline_max_ms": round(max(b_err, default=float("nan")), 3),
        "ratio_p99": round(bp99 / max(p99, 1e-3), 1),
        "ratio_floor_note": "daemon p99 floored at 1 µs for the ratio",
        "late_renders": late_renders,
        "emergencies": len(start_ms),
        "emergency_p99_ms": round(percentile(start_ms, 99), 2),
        "emergency_silent_p99_ms": round(percentile(silent_ms, 99), 2),
        "emergency_detect_p99_ms": round(percentile(detect_ms, 99), 1),
        "emergency_fade_ms_configured": 50,
        "warm_up_excluded": "amplifier already on",
        "clock_offset_drift_ms": round((offset2 - offset) * 1000.0, 3),
        "card": {"rate": 48000, "block": BLOCK, "latency_ms": LATENCY_S * 1000},
        "load": {
            "cpu_render_procs": cpu_procs,
            "http_client_threads": http_threads,
            "cores": os.cpu_count(),
            "loadavg_1m": round(os.getloadavg()[0], 2),
        },
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.playout_latency")
    p.add_argument("--starts", type=int, default=200)
    p.add_argument("--emergencies", type=int, default=20)
    p.add_argument("--cpu-procs", type=int, default=1)
    p.add_argument("--http-threads", type=int, default=4)
    p.add_argument("--no-load", action="store_true")
    p.add_argument("--quick", action="store_true", help="smoke run: 6 starts, 1 emergency, no load")
    a = p.parse_args(argv)
    if a.quick:
        a.starts, a.emergencies, a.no_load = 4, 1, True
    if a.no_load:
        a.cpu_procs, a.http_threads = 0, 0
    result = run(
        a.starts,
        a.emergencies,
        cpu_procs=a.cpu_procs,
        http_threads=a.http_threads,
        lead_in=1.5 if a.quick else 6.0,
        long_s=2.5 if a.quick else 3.0,
        arm_ahead_s=0.5 if a.quick else 2.0,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

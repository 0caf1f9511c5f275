"""Unit footprint benchmark: cold start, idle CPU and memory of the real daemon process.

    python -m bench.unit_footprint [--idle-s 60] [--programme-min 60] [--speed 30] [--quick]

Each phase runs the daemon as a real subprocess (`python -m bench._unitkit run`: the same
`playout.wiring.build_daemon` as `loa unit run`, on the simulated card with capture off) and reads
it from outside through /proc:

1. cold start: a signed 200-item bundle is active; the first item is due at once. From the
   spawn of the process until the first `armed` entry is in its as-run log → `cold_start_s`.
2. idle: the same process, the other 199 items hours away; CPU time (utime+stime of all its
   threads, /proc/PID/stat) over `idle_s` real seconds → `idle_cpu_pct` (% of one core).
3. programme: a fresh unit plays a 60-minute programme (12 back-to-back 5-minute items,
   48 kHz 16-bit WAV streamed from disk). The card and the daemon run on one clock sped up
   `speed` times (hardware `Clock` interface), so the whole hour is rendered and played in
   60/speed minutes; VmRSS is sampled every 0.25 s real → `rss_mb_60min` (the maximum).

Prints one JSON object on the last line: rss_mb_60min, idle_cpu_pct, cold_start_s, plus how
each was measured.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench._unitkit import UnitKit, child_env, first_armed, now_vn, proc_cpu_s, proc_rss_mb

ROOT = Path(__file__).resolve().parent.parent


def _spawn(config: Path, *extra: str) -> subprocess.Popen:
    env = child_env()
    return subprocess.Popen(
        [sys.executable, "-m", "bench._unitkit", "run", "--config", str(config), *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _stderr_of(p: subprocess.Popen[bytes]) -> str:
    return p.stderr.read().decode() if p.stderr is not None else ""


def _end(p: subprocess.Popen) -> None:
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def cold_and_idle(work: Path, items: int, idle_s: float, settle_s: float = 3.0) -> dict:
    kit = UnitKit(work / "cold")
    now = now_vn()
    # the first is due almost at once (within the arming lead), the rest hours away
    starts = [now + timedelta(seconds=1.5)] + [
        now + timedelta(hours=2, minutes=i) for i in range(items - 1)
    ]
    path, _ = kit.scheduled_bundle(starts, seconds=0.3)
    kit.import_bundle(path)
    config = kit.write_toml(kit.config_dict())
    asrun = kit.config().asrun_path
    t0 = time.monotonic()
    p = _spawn(config)
    try:
        cold = None
        while time.monotonic() - t0 < 30 and p.poll() is None:
            if first_armed(asrun):
                cold = time.monotonic() - t0
                break
            time.sleep(0.005)
        if cold is None:
            raise RuntimeError(f"never armed: {_stderr_of(p) if p.poll() is not None else ''}")
        time.sleep(settle_s)  # the first item plays (0.3 s) and the unit settles
        c0, w0 = proc_cpu_s(p.pid), time.monotonic()
        time.sleep(idle_s)
        c1, w1 = proc_cpu_s(p.pid), time.monotonic()
        rss_idle = proc_rss_mb(p.pid)
    finally:
        _end(p)
    return {
        "cold_start_s": round(cold, 3),
        "idle_cpu_pct": round(100.0 * (c1 - c0) / (w1 - w0), 3),
        "idle_window_s": round(w1 - w0, 1),
        "rss_mb_idle": round(rss_idle, 1),
        "bundle_items": items,
    }


def programme(
    work: Path, minutes: float, speed: float, lead_s: float = 10.0, margin_s: float = 5.0
) -> dict:
    kit = UnitKit(work / "prog")
    part_s = min(300.0, minutes * 60)
    parts = max(1, round(minutes * 60 / part_s))
    epoch = now_vn()
    first = epoch + timedelta(seconds=lead_s * speed)  # lead_s real seconds after the start
    slots = [(f"p{i:02d}", first + timedelta(seconds=part_s * i)) for i in range(parts)]
    items = [kit.item(i, seconds=part_s, subtype="PCM_16") for i, _ in slots]
    kit.import_bundle(kit.bundle(items, schedule=kit.once_schedule(slots)))
    config = kit.write_toml(kit.config_dict())
    record = kit.root / "card.jsonl"
    programme_real_s = lead_s + parts * part_s / speed
    p = _spawn(config, "--record", str(record), "--speed", str(speed), "--epoch", epoch.isoformat())
    samples: list[float] = []
    t0 = time.monotonic()

    # The sped-up clock starts when the child is up, so a slow start (a loaded machine) shifts
    # the whole programme later: wait for the card to finish every part, with a bound.
    def done() -> int:
        if not record.exists():
            return 0
        return sum(
            1
            for line in record.read_text().splitlines()
            if json.loads(line)["outcome"] == "finished"
        )

    try:
        while p.poll() is None:
            elapsed = time.monotonic() - t0
            if elapsed >= programme_real_s + margin_s and (
                done() >= parts or elapsed >= programme_real_s + 60
            ):
                break
            samples.append(proc_rss_mb(p.pid))
            time.sleep(0.25)
        cpu = proc_cpu_s(p.pid) if p.poll() is None else float("nan")
    finally:
        _end(p)
    recs = [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []
    finished = [r for r in recs if r["outcome"] == "finished"]
    played_s = sum(r["frames"] for r in finished) / 48000
    before = samples[: max(1, int((lead_s - 1) / 0.25))]
    return {
        "rss_mb_60min": round(max(samples), 1),
        "rss_mb_before_programme": round(max(before), 1),
        "programme_parts": parts,
        "programme_played_s": round(played_s, 1),
        "programme_finished": len(finished),
        "speed": speed,
        "programme_cpu_s": round(cpu, 1),
        "rss_samples": len(samples),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.unit_footprint")
    ap.add_argument("--idle-s", type=float, default=60.0)
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--programme-min", type=float, default=60.0)
    ap.add_argument("--speed", type=float, default=30.0)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 20 items, 1 s idle, a 1-minute programme at 60x",
    )
    a = ap.parse_args(argv)
    if a.quick:
        a.idle_s, a.items, a.programme_min, a.speed = 1.0, 20, 1.0, 60.0
    work = Path(tempfile.mkdtemp(prefix="loa-bench-footprint-"))
    result = {
        **cold_and_idle(work, a.items, a.idle_s, settle_s=1.0 if a.quick else 3.0),
        **programme(
            work,
            a.programme_min,
            a.speed,
            lead_s=2.0 if a.quick else 10.0,
            margin_s=1.0 if a.quick else 5.0,
        ),
    }
    result["how"] = (
        f"subprocess daemon on the simulated card (capture off), read via /proc; "
        f"programme: {a.programme_min:g} min played on a clock sped up {a.speed:g}x, "
        f"RSS max of samples every 0.25 s real"
    )
    result["load"] = {"cores": os.cpu_count(), "loadavg_1m": round(os.getloadavg()[0], 2)}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

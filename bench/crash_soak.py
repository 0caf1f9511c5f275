"""Crash soak: SIGKILL the daemon at random instants across ≥ 200 broadcasts, restart it, and
check that what went on air is in the as-run log and the log is sound.

    python -m bench.crash_soak [--broadcasts 300] [--seed N] [--quick]

The daemon runs as a real subprocess (`python -m bench._unitkit run`: `playout.wiring.build_daemon` on
the simulated card paced by the real clock). The card itself appends one fsync'd JSON line
per broadcast it finished (`--record`), from its own thread, before the daemon hears of it:
independent evidence. A signed bundle schedules `broadcasts` items of 0.3 s every 0.5 s; the
bench kills the process with SIGKILL at a random instant 0.05–3 s after each (re)spawn —
during start-up, arming, playing or logging — and spawns it again at once.

At the end (after a last clean run): every broadcast the card finished must have its
`started` entry in the as-run log (`missing` counts those that do not); `interrupted_logged`
counts card-finished broadcasts the log closes as "failed: interrupted" because the kill
fell between the card's last sample and the daemon's `finished` entry; `played_twice` counts
items the card finished more than once. The hash chain and signatures must verify
(`chain_ok`) and `PRAGMA integrity_check` must say ok (`integrity_ok`). `max_restart_s` is the
longest time from a kill to the new process's READY.

Prints one JSON object on the last line: kills, broadcasts, missing, chain_ok, integrity_ok,
max_restart_s, and the details above.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench._unitkit import (
    UNIT_ID,
    UnitKit,
    asrun_rows,
    child_env,
    clock_offset,
    now_vn,
    read_records,
    wall_to_mono,
)

ROOT = Path(__file__).resolve().parent.parent
ITEM_S = 0.3


def _spawn(config: Path, record: Path, ready: Path) -> subprocess.Popen:
    env = child_env()
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench._unitkit",
            "run",
            "--config",
            str(config),
            "--record",
            str(record),
            "--ready",
            str(ready),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _ready_pid(ready: Path) -> int | None:
    try:
        return int(ready.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def run(
    broadcasts: int,
    spacing: float,
    seed: int,
    max_uptime: float,
    *,
    lead_in: float = 3.0,
    final_s: float = 2.0,
) -> dict:
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="loa-bench-soak-"))
    kit = UnitKit(work)
    first = now_vn() + timedelta(seconds=lead_in)
    starts = [first + timedelta(seconds=spacing * i) for i in range(broadcasts)]
    path, _ = kit.scheduled_bundle(starts, seconds=ITEM_S)
    kit.import_bundle(path)
    config = kit.write_toml(kit.config_dict(playout={"tick_s": 0.02, "late_start_max_s": 30}))
    record, ready = work / "card.jsonl", work / "ready"
    offset = clock_offset()
    end = wall_to_mono(starts[-1], offset) + ITEM_S + 1.0

    kills, restarts, never_ready = 0, [], 0
    proc = _spawn(config, record, ready)
    while time.monotonic() < end:
        time.sleep(rng.uniform(0.05, max_uptime))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        t_kill = time.monotonic()
        proc = _spawn(config, record, ready)
        while _ready_pid(ready) != proc.pid:
            if time.monotonic() - t_kill > 30:
                never_ready += 1
                break
            time.sleep(0.005)
        else:
            restarts.append(time.monotonic() - t_kill)
    # a last clean run: the daemon recovers from the last kill and plays what is still due
    time.sleep(final_s)
    proc.terminate()
    proc.wait(15)

    recs = [r for r in read_records(record) if r["outcome"] == "finished"]
    finished_keys = Counter(r["token"] for r in recs)
    rows = asrun_rows(kit.config().asrun_path)
    started = {f.get("token") for k, f in rows if k == "started"}
    finished_logged = {f.get("token") for k, f in rows if k == "finished"}
    interrupted = {
        f.get("token")
        for k, f in rows
        if k == "failed" and str(f.get("reason", "")).startswith("interrupted")
    }
    missing = sorted(k for k in finished_keys if k not in started)
    interrupted_logged = sum(
        1 for k in finished_keys if k not in finished_logged and k in interrupted
    )

    from playout.asrun import AsRunLog

    with AsRunLog(kit.config().asrun_path, unit_key=None, unit_id=UNIT_ID) as log:
        verdict = log.verify(kit.unit_pub)
    con = sqlite3.connect(kit.config().asrun_path)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return {
        "kills": kills,
        "broadcasts": len(finished_keys),
        "scheduled": broadcasts,
        "missing": len(missing),
        "missing_tokens": missing[:10],
        "interrupted_logged": interrupted_logged,
        "played_twice": sum(1 for n in finished_keys.values() if n > 1),
        "chain_ok": bool(verdict.ok),
        "log_entries": verdict.count,
        "chain_reason": verdict.reason,
        "integrity_ok": integrity == "ok",
        "max_restart_s": round(max(restarts, default=float("nan")), 3),
        "median_restart_s": round(sorted(restarts)[len(restarts) // 2], 3) if restarts else None,
        "never_ready": never_ready,
        "seed": seed,
        "load": {"cores": os.cpu_count(), "loadavg_1m": round(os.getloadavg()[0], 2)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.crash_soak")
    ap.add_argument("--broadcasts", type=int, default=300)
    ap.add_argument("--spacing", type=float, default=0.5)
    ap.add_argument("--max-uptime", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--quick", action="store_true", help="smoke run: 8 broadcasts, short uptimes")
    a = ap.parse_args(argv)
    if a.quick:
        a.broadcasts, a.spacing, a.max_uptime = 8, 0.3, 1.5
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    quick = {"lead_in": 2.0, "final_s": 1.5} if a.quick else {}
    print(json.dumps(run(a.broadcasts, a.spacing, seed, a.max_uptime, **quick), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

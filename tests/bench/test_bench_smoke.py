"""Smoke runs of the unit benchmarks in their quickest modes: the JSON line is there, with its
keys and sane values. Never wall-clock thresholds (the machine is shared)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(name: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", f"bench.{name}", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def test_playout_latency_quick():
    r = _run("playout_latency", "--quick")
    for key in ("p50_ms", "p99_ms", "max_ms", "baseline_p99_ms", "ratio_p99", "emergency_p99_ms"):
        assert _finite(r[key]), key
    assert r["daemon_played"] == r["starts"] and r["baseline_played"] == r["starts"]
    assert 0 <= r["p50_ms"] <= r["p99_ms"] <= r["max_ms"]
    assert r["emergencies"] == 1 and r["emergency_p99_ms"] > 0


def test_unit_footprint_quick():
    r = _run("unit_footprint", "--quick")
    for key in ("rss_mb_60min", "idle_cpu_pct", "cold_start_s"):
        assert _finite(r[key]), key
    assert r["rss_mb_60min"] > 0 and r["cold_start_s"] > 0 and r["idle_cpu_pct"] >= 0
    assert r["programme_finished"] == r["programme_parts"]
    assert r["programme_played_s"] == pytest.approx(60.0, abs=0.1)


def test_crash_soak_quick():
    r = _run("crash_soak", "--quick", "--seed", "7")
    for key in ("kills", "broadcasts", "missing", "chain_ok", "integrity_ok", "max_restart_s"):
        assert key in r, key
    assert r["kills"] >= 1 and r["broadcasts"] >= 1
    assert r["missing"] == 0
    assert r["chain_ok"] is True and r["integrity_ok"] is True
    assert _finite(r["max_restart_s"]) and r["never_ready"] == 0

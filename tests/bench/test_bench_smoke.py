"""Smoke runs of the unit benchmarks in their quickest modes: the JSON line is there, with its
keys and sane values. Never wall-clock thresholds (the machine is shared)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _run(name: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
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


def test_sync_load_quick_every_signed_request_is_answered():
    # each unit: heartbeats, bundle polls (the second with If-None-Match) and as-run uploads
    r = _run("sync_load", "--quick")
    assert r["errors"] == 0, r["error_kinds"]
    assert r["units"] == 20 and r["requests"] > 0
    assert _finite(r["rps"]) and r["rps"] > 0
    assert 0 < r["p50_ms"] <= r["p99_ms"]


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


def test_bundle_tamper_quick_accepts_no_mutation():
    r = _run("bundle_tamper", "--flips", "50")
    assert r["baseline_ok"] is True and r["accepted"] == 0 and r["mutations"] > 100


def test_bundle_tamper_sample_verifies_and_plays_today(tmp_path):
    """The sample is dated from the real now (moved or not): it verifies with the CLI on the
    day it is made, and its schedule gives broadcasts in the coming day."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from content_library import bundle as B
    from protocol import keys as signing
    from scheduler.plan import plan_from_manifest

    r = _run("bundle_tamper", "--emit-sample", str(tmp_path))
    loa = Path(sys.executable).with_name("loa")
    out = subprocess.run(
        [str(loa), "bundle", "verify", r["bundle"], "--trust", r["public_key"]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))
    verified = B.verify_bundle(
        Path(r["bundle"]), now=now, trusted_keys=signing.load_trusted_keys([Path(r["public_key"])])
    )
    plan = plan_from_manifest(verified.manifest, start=now, hours=24)
    # daily 06:00 and 17:30, both outside the default quiet hours: two a day, plus the
    # sample's emergency item that no rule schedules, which plays at once
    normal = [e for e in plan.entries if e.item_id == "item-0"]
    assert len(normal) == 2 and {e.start.strftime("%H:%M") for e in normal} == {"06:00", "17:30"}
    assert all(now <= e.start < now + timedelta(hours=24) for e in plan.entries)


def test_playout_jack_quick_times_every_start_and_the_stored_emergency():
    """The JACK bench end to end: its own jackd, the real daemon on PortAudio, the witness in a
    process of its own, the emergency stored by another process (`bench._unitkit import-at`)."""
    from tests.hardware.jack_support import realtime_allowed, require_jack

    require_jack()
    mode = "--realtime" if realtime_allowed() else "--no-realtime"
    r = _run("playout_jack", "--quick", mode)
    assert r["played"] == r["starts"] == 6 and r["baseline_played"] == 6
    for key in ("p50_ms", "p99_ms", "max_ms", "mean_signed_ms", "baseline_p99_ms"):
        assert _finite(r[key]), key
    assert 0 <= r["p50_ms"] <= r["p99_ms"] <= r["max_ms"]
    # the emergency was stored by the importer process, and the witness heard it after that.
    # The two emergency figures are not ordered: "stored" is when the import returned, and the
    # doorbell it rang may have woken the daemon (its decision, the other figure's start) before
    # the importer was scheduled again to note the instant.
    assert r["emergencies"] == 1
    assert r["emergency_from_import_p99_ms"] > 0 and _finite(r["emergency_from_import_p99_ms"])
    assert r["emergency_p99_ms"] > 0 and _finite(r["emergency_p99_ms"])
    assert sum(r["xruns_by_phase"].values()) == r["xruns"]
    if mode == "--realtime":
        assert "SCHED_FIFO" in r["observer_process"]
    assert r["server"]["rate"] == 48000 and r["server"]["period"] == 256

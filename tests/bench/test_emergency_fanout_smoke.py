"""Smoke test of `python -m bench.emergency_fanout --quick`: 20 units on a real Mosquitto and a
real panel process; every unit gets each emergency (the signed bundle over MQTT, after a
broker restart, by a notice and an HTTP pull, by polling alone) and the panel counts every "played" confirmation. No timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench._mosquitto import mosquitto_binary

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_emergency_fanout_quick():
    if mosquitto_binary() is None:
        if os.environ.get("LOA_REQUIRE_MOSQUITTO"):
            pytest.fail("mosquitto is not installed (Debian package mosquitto)")
        pytest.skip("mosquitto is not installed (Debian package mosquitto)")
    out = subprocess.run(
        [sys.executable, "-m", "bench.emergency_fanout", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    for key in (
        "units",
        "delivered",
        "played_confirmed",
        "p50_s",
        "p99_s",
        "max_s",
        "after_broker_restart_p99_s",
        "missed",
        "http_pull_p99_s",
        "poll_only_p99_s",
    ):
        assert key in result
    assert result["units"] == 20
    assert result["delivered"] == result["units"]
    assert result["played_confirmed"] == result["units"]
    assert result["missed"] == 0
    assert result["http_pull_delivered"] == result["units"]  # the previous path still works
    assert result["poll_only_delivered"] == result["units"]
    assert result["errors"] == 0

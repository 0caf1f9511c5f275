"""Smoke test of `python -m bench.sync_load --quick`: it runs and every request succeeds
(no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_sync_load_quick():
    out = subprocess.run(
        [sys.executable, "-m", "bench.sync_load", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    for key in ("units", "rps", "p50_ms", "p99_ms", "errors", "report_1m_rows_s"):
        assert key in result
    assert result["errors"] == 0 and result["units"] == 20 and result["requests"] == 20 * 2 * 3

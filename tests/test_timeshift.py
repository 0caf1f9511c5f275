"""The moved-clock pass really moves the wall clock of every process, and only the wall clock.

`make test` runs the suite twice: as it is, and through `tests/timeshift/run` with the wall
clock of every Python process moved (LOA_TEST_WALL_OFFSET_S). `date` is not Python, so it
keeps the real clock and tells how far the run was moved.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def _real_wall() -> float:
    return float(
        subprocess.run(["date", "+%s.%N"], capture_output=True, text=True, check=True).stdout
    )


def test_wall_clock_is_moved_by_the_offset_in_this_process_and_its_children():
    offset = float(os.environ.get("LOA_TEST_WALL_OFFSET_S") or 0)
    here = time.time() - _real_wall()
    child = (
        float(
            subprocess.run(
                [sys.executable, "-c", "import time; print(time.time())"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        - _real_wall()
    )
    assert abs(here - offset) < 5 and abs(child - offset) < 5


def test_monotonic_clock_and_sleep_are_not_moved():
    start_mono, start_wall = time.monotonic(), time.time()
    time.sleep(0.2)
    mono, wall = time.monotonic() - start_mono, time.time() - start_wall
    assert mono >= 0.19 and abs(wall - mono) < 0.5  # wall time passes at the real rate


def test_a_process_that_asks_the_time_late_is_not_behind_the_others():
    """time-machine ticks from the first request of the time; sitecustomize asks at once, so a
    child that imports for seconds before asking is not behind the process that started it."""
    late_child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; time.sleep(1.5); print(time.time() - time.monotonic())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert abs(float(late_child) - (time.time() - time.monotonic())) < 0.5

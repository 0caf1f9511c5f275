"""Relay fixtures: Debian's icecast2 on a free loopback port fed by ffmpeg test tones, an HLS
station, and a simulated sound card running in real time (streams arrive in real time)."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator

import numpy as np
import pytest

from hardware.relay_station import HlsStation, IcecastServer, icecast_available

SR = 48000


def need_tool(name: str, package: str) -> None:
    """Skip without `name` on PATH — but under `make test` (LOA_REQUIRE_ICECAST) fail: make
    installs it, so its absence is a broken setup, not a reason to test less."""
    if shutil.which(name) is None:
        if os.environ.get("LOA_REQUIRE_ICECAST"):
            pytest.fail(f"{name} is required (make setup installs {package})")
        pytest.skip(f"{name} is not installed (apt-get install {package})")


def _need_icecast() -> None:
    if not icecast_available():
        if os.environ.get("LOA_REQUIRE_ICECAST"):
            pytest.fail("icecast2 and ffmpeg are required (make test installs them)")
        pytest.skip("icecast2 is not installed (apt-get install icecast2)")


@pytest.fixture(scope="module")
def icecast() -> Iterator[IcecastServer]:
    _need_icecast()
    with IcecastServer() as ice:
        yield ice


@pytest.fixture
def mount() -> str:
    return f"vov-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def hls() -> Iterator[HlsStation]:
    _need_icecast()
    with HlsStation() as station:
        yield station


def dominant_hz(x: np.ndarray, sr: int = SR) -> float:
    """The strongest frequency of a stretch of audio."""
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    if len(x) == 0 or not np.any(x):
        return 0.0
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / sr)[int(np.argmax(spec))])


def rms_db(x: np.ndarray) -> float:
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    ms = float(np.mean(x * x)) if len(x) else 0.0
    return 10 * np.log10(ms) if ms > 0 else -200.0


def wait_until(pred, timeout: float, step: float = 0.02) -> bool:
    """Poll `pred` (real time: the streams do not wait for a simulated clock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(step)
    return bool(pred())

"""Fixtures for hardware tests: a SimClock, gpiozero's MockFactory on that clock, test tones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from hardware.clock import SimClock

SR = 48000


@pytest.fixture
def sim_clock() -> SimClock:
    return SimClock(
        datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), monotonic=1000.0
    )


@pytest.fixture
def mock_factory(monkeypatch, sim_clock):
    """gpiozero's MockFactory whose pin timestamps follow `sim_clock` (no sleeping)."""
    import gpiozero.pins.mock as mock
    from gpiozero import Device

    monkeypatch.setattr(mock, "monotonic", sim_clock.monotonic)
    factory = mock.MockFactory()
    saved = Device.pin_factory
    Device.pin_factory = factory
    try:
        yield factory
    finally:
        factory.reset()
        Device.pin_factory = saved


def tone(
    seconds: float, *, freq: float = 440.0, sr: int = SR, level: float = 0.5, offset: float = 0.1
) -> np.ndarray:
    """A sine with a DC offset, so its very first sample is non-zero and easy to find."""
    t = np.arange(round(seconds * sr)) / sr
    return (offset + level * np.sin(2 * np.pi * freq * t)).astype(np.float32)

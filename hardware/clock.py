"""Clocks: the system clock with a sync check (timedatectl / chrony), and a SimClock for tests."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from hardware.ports import Clock

__all__ = ["VN_TZ", "Clock", "SimClock", "SystemClock"]

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _run(cmd: list[str], timeout: float) -> str | None:
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return res.stdout if res.returncode == 0 else None


def timedatectl_synchronized(timeout: float = 2.0) -> bool | None:
    """`timedatectl show -p NTPSynchronized --value` → True/False, None if it cannot tell."""
    if shutil.which("timedatectl") is None:
        return None
    out = _run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"], timeout)
    if out is None:
        return None
    value = out.strip().lower()
    return {"yes": True, "no": False}.get(value)


def chrony_synchronized(timeout: float = 2.0) -> bool | None:
    """`chronyc -n tracking` reports a reference and leap status Normal → synchronised."""
    if shutil.which("chronyc") is None:
        return None
    out = _run(["chronyc", "-n", "tracking"], timeout)
    if out is None:
        return None
    fields = {}
    for line in out.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip()
    ref = fields.get("reference id", "")
    leap = fields.get("leap status", "").lower()
    return leap == "normal" and not ref.startswith("00000000")


class SystemClock:
    """time.monotonic(), the system wall clock, and whether NTP/chrony says it is synchronised.

    `is_trusted()` asks chrony first (it knows more), then timedatectl; the answer is cached for
    `cache_s` so a busy loop does not spawn processes. When neither tool answers, the clock is
    not trusted unless `trust_unknown` is set (a unit with an RTC and no network may choose so).
    """

    def __init__(
        self,
        *,
        tz: tzinfo = VN_TZ,
        cache_s: float = 30.0,
        trust_unknown: bool = False,
        probes: tuple[Callable[[], bool | None], ...] | None = None,
    ) -> None:
        self._tz = tz
        self._cache_s = cache_s
        self._trust_unknown = trust_unknown
        self._probes = (
            probes if probes is not None else (chrony_synchronized, timedatectl_synchronized)
        )
        self._cached: tuple[float, bool] | None = None

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(self._tz)

    def is_trusted(self) -> bool:
        now = time.monotonic()
        if self._cached is not None and now - self._cached[0] < self._cache_s:
            return self._cached[1]
        verdict: bool | None = None
        for probe in self._probes:
            verdict = probe()
            if verdict is not None:
                break
        trusted = self._trust_unknown if verdict is None else verdict
        self._cached = (now, trusted)
        return trusted


class SimClock:
    """A clock tests drive by hand. `advance()` moves both clocks and notifies listeners (the
    simulated sound card renders on it); `jump()` moves only the wall clock, like an NTP step."""

    def __init__(
        self, wall: datetime | None = None, *, monotonic: float = 1000.0, trusted: bool = True
    ) -> None:
        start = wall if wall is not None else datetime(2026, 1, 1, 8, 0, tzinfo=VN_TZ)
        if start.tzinfo is None:
            raise ValueError("SimClock needs an aware datetime")
        self._mono = float(monotonic)
        self._wall_at_mono0 = start - timedelta(seconds=self._mono)
        self._trusted = trusted
        self._listeners: list[Callable[[float], None]] = []
        self._notifying = False

    def monotonic(self) -> float:
        return self._mono

    def wall(self) -> datetime:
        return self._wall_at_mono0 + timedelta(seconds=self._mono)

    def is_trusted(self) -> bool:
        return self._trusted

    def set_trusted(self, trusted: bool) -> None:
        self._trusted = trusted

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("monotonic time cannot go back; use jump() for the wall clock")
        self._mono += seconds
        self._notify()

    def advance_to(self, monotonic: float) -> None:
        self.advance(max(0.0, monotonic - self._mono))

    def jump(self, seconds: float) -> None:
        """Step the wall clock by `seconds` (either sign); monotonic time is unaffected."""
        self._wall_at_mono0 += timedelta(seconds=seconds)

    def set_wall(self, wall: datetime) -> None:
        self._wall_at_mono0 = wall.astimezone(UTC) - timedelta(seconds=self._mono)

    def sleep(self, seconds: float) -> None:
        """What code under test calls instead of time.sleep: time passes at once."""
        self.advance(max(0.0, seconds))

    def add_listener(self, fn: Callable[[float], None]) -> None:
        """`fn(monotonic)` runs after every advance (not re-entrantly)."""
        self._listeners.append(fn)

    def remove_listener(self, fn: Callable[[float], None]) -> None:
        if fn in self._listeners:
            self._listeners.remove(fn)

    def _notify(self) -> None:
        if self._notifying:
            return
        self._notifying = True
        try:
            while True:  # a listener may advance the clock itself: settle before returning
                mono = self._mono
                for fn in list(self._listeners):
                    fn(mono)
                if self._mono == mono:
                    break
        finally:
            self._notifying = False

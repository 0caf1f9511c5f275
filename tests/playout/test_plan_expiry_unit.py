"""A simulated unit on the last morning of its bundle: what the bundle's expiry leaves out of the
plan no longer silences what plays before it (scheduler.plan.expand(expires_at=...), passed by
playout.core.build_candidates). Every instant is an argument (a SimClock), so the file passes
with the wall clock moved (tests/timeshift/run)."""

from __future__ import annotations

from datetime import datetime

import gpiozero.pins.mock as mock
from gpiozero import Device

from hardware.clock import SimClock
from tests.playout.conftest import VN, Unit, UnitKit, import_bundle

BOOT = datetime(2027, 3, 1, 6, 59, 40, tzinfo=VN)
EXPIRES = datetime(2027, 3, 1, 7, 0, 1, tzinfo=VN)
LAST_MORNING = {
    "format": 1,
    "rules": [
        {"kind": "once", "at": "2027-03-01T07:00:00+07:00", "item_ids": ["ban-tin"]},
        {"kind": "once", "at": "2027-03-01T07:00:02+07:00", "item_ids": ["thong-bao"]},
    ],
    "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
}


def test_a_notice_after_the_expiry_does_not_silence_the_bulletin_before_it(tmp_path, monkeypatch):
    """The bundle expires at 07:00:01. The 07:00:00 bulletin (4 s) plays; the priority notice
    at 07:00:02 is logged skipped, the bundle having expired. The plan used to drop the
    bulletin for the notice ('overlaps priority') and the unit then skipped the notice too:
    the morning was silent."""
    saved = Device.pin_factory
    kit = UnitKit(tmp_path, t0=BOOT)
    bulletin = kit.item("ban-tin", seconds=4)
    notice = kit.item("thong-bao", seconds=4, priority="priority")
    path = kit.bundle([bulletin, notice], schedule=LAST_MORNING, expires_at=EXPIRES)
    assert import_bundle(kit, path, SimClock(BOOT)).status == "activated"
    clock = SimClock(BOOT, monotonic=1000.0)
    monkeypatch.setattr(mock, "monotonic", clock.monotonic)
    factory = mock.MockFactory()
    unit = Unit(kit, clock, factory, kit.config())
    try:
        unit.run(30)
        assert unit.kinds("ban-tin@2027-03-01T07:00:00+07:00") == ["armed", "started", "finished"]
        assert unit.kinds("thong-bao@2027-03-01T07:00:02+07:00") == ["skipped"]
        [why] = [f for k, f in unit.entries() if k == "skipped"]
        assert "expired" in why["reason"] and "hết hạn" in why["reason_vi"]
        assert [r.start_time for r in unit.output.played] == [1020.0]
    finally:
        unit.stop()
        factory.reset()
        Device.pin_factory = saved

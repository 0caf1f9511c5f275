"""`loa doctor`'s checks: each gives a plain verdict in Vietnamese and English."""

from __future__ import annotations

import sqlite3

from playout.doctor import FAIL, OK, WARN, run_checks, worst

from .conftest import daily, import_bundle


def by_name(checks):
    return {c.name.split(" /")[0]: c for c in checks}


def test_a_fresh_unit_lacks_a_bundle(kit, clock, pin_factory):
    checks = by_name(run_checks(kit.config(), clock=clock, pin_factory=pin_factory))
    assert checks["sound"].status == OK and "giả lập" in checks["sound"].verdict_vi
    assert checks["relays"].status == OK and "17" in checks["relays"].verdict_en
    assert checks["clock"].status == OK
    assert checks["bundle"].status == FAIL and "chưa nạp" in checks["bundle"].verdict_vi
    assert checks["last broadcast"].status == WARN
    assert checks["as-run log"].status == OK
    assert checks["disk"].status in (OK, WARN, FAIL)
    assert all(c.verdict_vi and c.verdict_en for c in checks.values())


def test_after_a_broadcast_everything_is_ok_until_the_log_is_touched(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(15)
    u.stop()
    checks = by_name(run_checks(kit.config(), clock=clock, pin_factory=u.factory))
    assert checks["bundle"].status == OK and "7 ngày" in checks["bundle"].verdict_vi
    assert checks["last broadcast"].status == OK and "A" in checks["last broadcast"].verdict_en
    assert checks["as-run log"].status == OK and "intact" in checks["as-run log"].verdict_en
    with sqlite3.connect(kit.config().asrun_path) as db:
        db.execute("UPDATE asrun SET body = replace(body, '\"A\"', '\"B\"') WHERE seq = 2")
    checks = by_name(run_checks(kit.config(), clock=clock, pin_factory=u.factory))
    assert checks["as-run log"].status == FAIL and "bị sửa" in checks["as-run log"].verdict_vi
    assert worst(list(checks.values())) == FAIL


def test_expiry_soon_is_a_warning_and_untrusted_clock_a_failure(kit, clock, pin_factory):
    from datetime import timedelta

    from .conftest import T0

    import_bundle(kit, kit.bundle([kit.item("A")], expires_at=T0 + timedelta(days=1)), clock)
    clock.set_trusted(False)
    checks = by_name(run_checks(kit.config(), clock=clock, pin_factory=pin_factory))
    assert checks["bundle"].status == WARN and "sắp hết hạn" in checks["bundle"].verdict_vi
    assert checks["clock"].status == FAIL and "chưa đồng bộ" in checks["clock"].verdict_vi


def test_a_sound_device_that_does_not_open(kit, clock, pin_factory):
    cfg = kit.config(audio={"backend": "sounddevice", "device": "hw:9,0"})

    def broken():
        raise RuntimeError("no such card hw:9,0")

    checks = by_name(run_checks(cfg, clock=clock, pin_factory=pin_factory, open_output=broken))
    assert checks["sound"].status == FAIL and "hw:9,0" in checks["sound"].verdict_vi


def test_while_the_daemon_runs_its_status_is_read_not_the_device(kit, clock, make_unit):
    u = make_unit()
    u.run(3)
    cfg = kit.config(audio={"backend": "sounddevice"})

    def must_not_open():
        raise AssertionError("the device belongs to the daemon")

    checks = by_name(run_checks(cfg, clock=clock, open_output=must_not_open))
    assert checks["sound"].status == OK and "daemon" in checks["sound"].verdict_en
    assert checks["relays"].status == OK and "held by the daemon" in checks["relays"].verdict_en

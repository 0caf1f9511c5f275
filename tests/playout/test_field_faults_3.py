"""More faults a unit meets in the field: a USB stick pulled mid-copy or carrying several
bundles, emergencies that arrive close together, are cancelled during the warm-up or whose
audio is gone from the card, a loop whose GPS fix is lost, a daemon systemd restarts in a
loop. Simulated card, MockFactory relays, a SimClock: nothing sleeps."""

from __future__ import annotations

import errno
import itertools
from datetime import timedelta

from hardware.ports import GpsFix, PlaybackState
from playout import store as store_module
from playout.errors import ImportRejected
from playout.store import Inbox

from .conftest import daily, import_bundle
from .emergency_kit import emergency_bundle, unit_store

FIX = GpsFix(lat=9.95, lon=105.12, mode=3, time=None)


def crash(unit):
    """A power cut or a crash: nothing is stopped cleanly, the process just vanishes."""
    unit.daemon._running = False
    unit.output.stop()
    unit.daemon.relays.close()
    unit.daemon.asrun.close()


def played(unit, prefix=""):
    return [
        r.token[0]
        for r in unit.output.played
        if r.start_time is not None and r.token[0].startswith(prefix)
    ]


def stick_with(tmp_path, **files):
    stick = tmp_path / "stick"
    stick.mkdir(exist_ok=True)
    for name, data in files.items():
        (stick / f"{name}.loa").write_bytes(data)
    return stick


# ------------------------------------------------------------------ USB stick


def test_a_stick_with_several_bundles_installs_the_newest_valid_one_and_says_why_not_the_others(
    kit, clock, tmp_path
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    b3 = kit.bundle([kit.item("C")], schedule=daily(["07:00"], "C"), sequence=3)
    other = kit.bundle(
        [kit.item("D")], schedule=daily(["07:00"], "D"), sequence=4, units=("unit-99",)
    )
    b5 = kit.bundle([kit.item("E")], schedule=daily(["07:00"], "E"), sequence=5).read_bytes()
    stick = stick_with(
        tmp_path,
        a_old=b2.read_bytes(),
        b_new=b3.read_bytes(),
        c_other=other.read_bytes(),
        d_broken=b5[: len(b5) // 2],  # pulled out while it was being copied onto the stick
    )
    inbox = Inbox(unit_store(kit, clock), [stick])
    assert inbox.poll() == []  # seen once: waits for the files to be stable
    outcomes = inbox.poll()
    assert unit_store(kit, clock).load_active().sequence == 3
    refused = [o for o in outcomes if isinstance(o, ImportRejected)]
    assert len(refused) == 2 and all(o.reason_vi and o.code for o in refused)
    history = {i["source"].rsplit("/", 1)[-1]: i for i in unit_store(kit, clock).recent_imports()}
    assert history["b_new.loa"]["ok"] is True
    for name in ("c_other.loa", "d_broken.loa"):
        assert history[name]["ok"] is False and history[name]["reason_vi"]
    assert [inbox.poll() for _ in range(5)] == [[]] * 5  # left plugged in: not imported again


def test_a_stick_pulled_out_mid_copy_is_read_again_once_it_is_back(
    kit, clock, tmp_path, monkeypatch
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    stick = stick_with(tmp_path, b2=b2.read_bytes())
    real, calls = store_module._copy_bounded, []

    def copy(src, dst, limit, signed_size=None):
        calls.append(src)
        if len(calls) == 1:  # the contacts lose the stick halfway through the copy
            dst.write_bytes(src.read_bytes()[:1000])
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, limit, signed_size)

    monkeypatch.setattr(store_module, "_copy_bounded", copy)
    inbox = Inbox(unit_store(kit, clock), [stick])
    inbox.poll()
    [refused] = inbox.poll()
    assert isinstance(refused, ImportRejected) and "Input/output" in refused.reason
    assert "không đọc được" in refused.reason_vi
    assert unit_store(kit, clock).load_active().sequence == 1
    assert not [p for p in (kit.state_dir / "bundles").iterdir() if p.name.startswith(".")]
    results = [r for _ in range(4) for r in inbox.poll()]  # the stick is back, same file
    assert [getattr(r, "status", None) for r in results] == ["activated"]
    assert unit_store(kit, clock).load_active().sequence == 2


def test_a_stick_that_never_reads_is_tried_a_few_times_not_at_every_poll(
    kit, clock, tmp_path, monkeypatch
):
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    stick = stick_with(tmp_path, b2=b2.read_bytes())

    def copy(src, dst, limit, signed_size=None):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store_module, "_copy_bounded", copy)
    inbox = Inbox(unit_store(kit, clock), [stick])
    results = [r for _ in range(40) for r in inbox.poll()]
    assert len(results) == 1 + store_module.INBOX_READ_RETRIES
    assert all(r.code == "unreadable" for r in results)


# ------------------------------------------------------------------ emergencies


def test_an_emergency_whose_audio_is_gone_from_the_card_leaves_a_trace_in_the_asrun_log(
    kit, clock, make_unit
):
    path, eid = emergency_bundle(kit, sequence=1, repeats=2, gap_s=2)
    store = unit_store(kit, clock)
    assert store.import_bundle(path).status == "emergency"
    [entry] = store.emergencies()
    for wav in (store.emergency_dir / entry["dir"]).rglob("*"):
        if wav.is_file() and wav.name != "bundle.loa" and wav.suffix != ".loa":
            wav.write_bytes(b"\0" * 64)  # the SD card lost its audio
    u = make_unit()
    u.run(20)
    assert played(u, "emergency:") == []
    entries = [(k, f) for k, f in u.entries() if f.get("emergency_id") == eid]
    assert entries, "an emergency that cannot play must be in the as-run log"
    kind, fields = entries[0]
    assert kind == "failed" and fields["reason_vi"] and fields["reason"]
    assert eid in (u.daemon.last_error or "")
    u.run(20)
    crash(u)  # and systemd restarts it
    again = make_unit()
    again.run(20)
    assert played(again, "emergency:") == []
    assert len([1 for _, f in again.entries() if f.get("emergency_id") == eid]) == 1  # once
    assert again.daemon.asrun.verify(kit.unit_pub).ok


def test_an_emergency_cancelled_during_the_warm_up_never_plays_and_the_amplifier_goes_off(
    kit, clock, make_unit
):
    u = make_unit()
    path, eid = emergency_bundle(kit, sequence=1, repeats=3, gap_s=1)
    unit_store(kit, clock).import_bundle(path)
    u.run(1)  # the amplifier is warming up (3 s)
    assert u.daemon.relays.states()["amplifier"]
    stop, _ = emergency_bundle(kit, sequence=2, emergency_id=eid, action="stop")
    unit_store(kit, clock).import_bundle(stop)
    u.run(30)
    assert played(u, "emergency:") == []
    assert not u.daemon.relays.states()["amplifier"]
    kinds = [k for k, f in u.entries() if f.get("emergency_id") == eid]
    assert "started" not in kinds
    assert u.daemon.asrun.verify(kit.unit_pub).ok


def test_two_emergencies_close_together_both_play_in_full_one_after_the_other(
    kit, clock, make_unit
):
    u = make_unit()
    p1, e1 = emergency_bundle(kit, sequence=1, repeats=2, gap_s=2)
    item2 = kit.item("em-two", seconds=2.0, freq=990.0, priority="emergency")
    p2, e2 = emergency_bundle(kit, sequence=2, repeats=2, gap_s=2, item=item2)
    unit_store(kit, clock).import_bundle(p1)
    u.run(0.5)
    unit_store(kit, clock).import_bundle(p2)
    u.run(60)
    recs = [r for r in u.output.played if r.start_time is not None]
    tokens = [r.token[0] for r in recs]
    assert sorted(tokens) == sorted([f"emergency:{e}:repeat-{k}" for e in (e1, e2) for k in (1, 2)])
    assert all(r.outcome is PlaybackState.FINISHED for r in recs)
    for a, b in itertools.pairwise(recs):
        assert b.start_time >= a.end_time - 1e-6  # never two at once


# ------------------------------------------------------------------ loop, GPS


class FlakyGps:
    def __init__(self) -> None:
        self.current: GpsFix | None = FIX

    def fix(self):
        return self.current

    def start(self):
        return self

    def stop(self):
        pass


def loop_bundle(kit, clock):
    items = [kit.item("L1", seconds=2, loop=True), kit.item("L2", seconds=2, loop=True, freq=550)]
    schedule = {
        "format": 1,
        "rules": [],
        "loop": {"item_ids": ["L1", "L2"], "gap_s": 1},
        "policy": {"quiet_hours": None},
    }
    import_bundle(kit, kit.bundle(items, schedule=schedule), clock)


def test_a_gps_fix_lost_mid_loop_logs_passes_without_a_position_and_the_loop_goes_on(
    kit, clock, make_unit
):
    loop_bundle(kit, clock)
    gps = FlakyGps()
    u = make_unit(gps=gps)
    u.daemon.set_loop(True, "test")
    u.run(6)
    gps.current = None  # under a bridge
    u.run(9)
    gps.current = FIX
    u.run(9)
    started = [f for k, f in u.entries() if k == "started"]
    with_fix = [("gps" in f) for f in started]
    assert with_fix[0] and not all(with_fix) and with_fix[-1]
    assert u.daemon.loop_on and len(started) >= 6


# ------------------------------------------------------------------ restart storm


def test_a_crash_loop_of_restarts_never_logs_or_plays_a_broadcast_twice(kit, clock, make_unit):
    a, b = kit.item("A", seconds=10), kit.item("B", seconds=4, freq=660)
    sched = {
        "format": 1,
        "rules": [
            {"kind": "daily", "times": ["07:00"], "item_ids": ["A"]},
            {"kind": "daily", "times": ["07:01"], "item_ids": ["B"]},
        ],
        "policy": {"quiet_hours": None},
    }
    import_bundle(kit, kit.bundle([a, b], schedule=sched), clock)
    units = []
    # systemd restarts it five times in about a minute: mid-A, after A, around B's arming
    # (07:01), mid-B, after B
    for run_for in (13, 10, 36.9, 3.5, 12):
        u = make_unit()
        u.run(run_for)
        units.append(u)
        crash(u)
    last = make_unit()
    last.run(60)
    entries = last.entries()
    started = [f["item"] for k, f in entries if k == "started"]
    assert started.count("A") == 1 and started.count("B") == 1
    ends = [(k, f["token"]) for k, f in entries if k in ("finished", "failed", "skipped")]
    assert len(ends) == len(set(ends))
    tokens_started = [f["token"] for k, f in entries if k == "started"]
    for tok in tokens_started:
        assert len([1 for k, t in ends if t == tok]) == 1  # one end each, never two
    assert sum(len(played(u)) for u in [*units, last]) == 2
    assert last.daemon.asrun.verify(kit.unit_pub).ok


# ------------------------------------------------------------------ audio lost on the card


def test_a_broadcast_whose_audio_is_gone_from_the_card_is_logged_failed_in_both_languages(
    kit, clock, make_unit
):
    a = kit.item("A", seconds=2)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.daemon.bundle.audio_path(a.audio_sha256).unlink()  # the SD card lost it
    u.run(15)
    assert played(u) == []
    failed = [f for k, f in u.entries() if k == "failed" and f.get("item") == "A"]
    assert failed and all(f["reason"].startswith("cannot arm") for f in failed)
    assert all(f.get("reason_vi", "").startswith("không chuẩn bị phát được") for f in failed)


# ------------------------------------------------------------------ loop across a power cut


def test_a_loop_a_power_cut_ended_resumes_at_the_next_start(kit, clock, make_unit):
    loop_bundle(kit, clock)
    first = make_unit(gps=FlakyGps())
    first.daemon.set_loop(True, "command")
    first.run(6)
    assert played(first, "loop:")
    crash(first)  # the engine cranks: the Pi loses power
    clock.advance(20)
    second = make_unit(gps=FlakyGps())
    assert second.daemon.loop_on and second.daemon.loop_source == "resume"
    second.run(14)
    assert len(played(second, "loop:")) >= 2
    # the session began before the cut: its cap still counts from then
    assert second.daemon._loop_session_wall == first.daemon._loop_session_wall
    second.daemon.set_loop(False, "command")
    crash(second)
    third = make_unit()
    assert not third.daemon.loop_on  # stopped on purpose: stays stopped
    third.run(8)
    assert played(third, "loop:") == []


def test_an_emergency_expiring_mid_play_is_cut_and_logged_with_its_reason(kit, clock, make_unit):
    u = make_unit()
    item = kit.item("E", seconds=10, priority="emergency", freq=900)
    path, eid = emergency_bundle(
        kit,
        sequence=1,
        item=item,
        repeats=2,
        gap_s=1,
        expires_at=clock.wall() + timedelta(seconds=8),
    )
    unit_store(kit, clock).import_bundle(path)
    u.run(30)
    [rec] = [r for r in u.output.played if r.start_time is not None]
    assert rec.outcome is PlaybackState.FADED
    [end] = [
        f for k, f in u.entries() if f.get("emergency_id") == eid and k in ("finished", "failed")
    ]
    assert end["reason"] and end["reason_vi"]
    assert not u.daemon.relays.states()["amplifier"]


def test_a_read_only_stick_with_dates_in_the_future_is_imported_once(kit, clock, tmp_path):
    import os

    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    stick = stick_with(tmp_path, b2=b2.read_bytes())
    future = clock.wall() + timedelta(days=3650)  # a FAT stick dated by a camera's clock
    os.utime(stick / "b2.loa", (future.timestamp(), future.timestamp()))
    (stick / "b2.loa").chmod(0o444)
    stick.chmod(0o555)
    try:
        inbox = Inbox(unit_store(kit, clock), [stick])
        results = [r for _ in range(6) for r in inbox.poll()]
    finally:
        stick.chmod(0o755)
    assert [getattr(r, "status", None) for r in results] == ["activated"]
    assert list(stick.iterdir()) == [stick / "b2.loa"]  # nothing written to the stick


def test_a_loop_the_switch_ran_follows_the_switch_after_a_power_cut(kit, clock, make_unit):
    loop_bundle(kit, clock)
    config = kit.config(loop={"switch_pin": 5})
    first = make_unit(config)
    first.pin(5).drive_low()  # the switch closed
    first.run(4)
    assert first.daemon.loop_on and first.daemon.loop_source == "switch"
    crash(first)
    first.daemon.loop_switch.close()  # the GPIO is free again after the reboot
    first.pin(5).drive_high()  # flipped off while the power was out
    second = make_unit(config)
    second.run(6)
    assert not second.daemon.loop_on
    assert played(second, "loop:") == []

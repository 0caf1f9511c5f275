"""The daemon on a SimClock, the simulated sound card and MockFactory relays: sample-accurate
starts, relay sequencing, emergencies, clock steps and trust, card failures, crash recovery."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import numpy as np
import pytest

from hardware.ports import GpsFix, PlaybackState
from playout.errors import AsRunError, PlayoutError, SyncError

from .conftest import SR, T0, daily, import_bundle

START = 1010.0  # SimClock monotonic at 07:00:00 (T0 is 06:59:50 at 1000.0)


def pin_changes(pin, base: float = 1000.0):
    """[(absolute time, state)] from a MockPin's (delta, state) records, first entry skipped."""
    t, out = base, []
    for i, s in enumerate(pin.states):
        t += s.timestamp
        if i:
            out.append((round(t, 6), s.state))
    return out


def tokens_played(unit):
    return [r.token[0] for r in unit.output.played if r.start_time is not None]


def test_scheduled_broadcast_is_sample_accurate_with_relays_in_sequence(kit, clock, make_unit):
    a = kit.item("A", seconds=2.0)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    assert u.notes[0] == "READY=1"
    u.run(25)
    [rec] = u.output.played
    assert rec.outcome is PlaybackState.FINISHED
    assert rec.start_time == START and rec.frames_played == 2 * SR
    first = u.output.samples_of(rec.token)
    np.testing.assert_allclose(first[0, 0], 0.1, atol=1e-6)  # the tone's very first sample
    amp = pin_changes(u.pin(17))
    zone1, zone2 = pin_changes(u.pin(22)), pin_changes(u.pin(23))
    (t_on, on), (t_off, off) = amp
    assert on and not off
    assert START - t_on >= 3.0  # warm-up before the first sample
    assert START - t_on <= 3.2
    assert zone1[0][1] and zone2[0][1] and zone1[0][0] < t_on  # zones switch before the amp
    end = START + 2.0
    assert end + 0.5 + 5.0 <= t_off <= end + 0.5 + 5.0 + 0.05  # tail + hold
    assert zone1[1][1] is False and zone1[1][0] >= t_off + 0.2 - 1e-6  # released in silence
    assert u.kinds() == ["armed", "started", "finished"]
    started = dict(u.entries())["started"]
    assert started["relay_states"] == {"amplifier": True, "zone:thon-1": True, "zone:thon-2": True}
    assert started["actual_start_us"] == started["scheduled_start_us"]
    assert started["audio_sha256"] == a.audio_sha256 and started["approval_id"] == "ap-A"
    assert started["bundle_seq"] == 1
    finished = dict(u.entries())["finished"]
    assert finished["duration_played_us"] == 2_000_000
    assert "WATCHDOG=1" in u.notes


def test_it_arms_early_and_placement_happens_in_the_card(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(4.8)  # 06:59:54.8: 5.2 s before the start, the lead is 5.3 s
    armed = [f for k, f in u.entries() if k == "armed"]
    assert len(armed) == 1 and u.output.played == []


def test_stop_leaves_the_relays_off_and_logs_what_was_cut(kit, clock, make_unit):
    import_bundle(
        kit, kit.bundle([kit.item("A", seconds=10)], schedule=daily(["07:00"], "A")), clock
    )
    u = make_unit()
    u.run(12)
    assert u.daemon.relays.states()["amplifier"]
    u.stop()
    assert pin_changes(u.pin(17))[-1][1] is False
    assert pin_changes(u.pin(22))[-1][1] is False
    assert u.kinds()[-1] == "failed"
    assert "shutting down" in u.entries()[-1][1]["reason"]


def test_emergency_fades_what_plays_within_50ms_and_starts_at_once(kit, clock, make_unit):
    a = kit.item("A", seconds=10)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A"), sequence=1), clock)
    u = make_unit()
    u.run(13)  # A plays since 07:00
    e = kit.item("E", seconds=1.0, priority="emergency", freq=880)
    import_bundle(kit, kit.bundle([a, e], schedule=daily(["07:00"], "A"), sequence=2), clock)
    u.run(5)
    rec_a, rec_e = u.output.played
    assert rec_a.outcome is PlaybackState.FADED and rec_e.outcome is PlaybackState.FINISHED
    assert rec_a.token[0].startswith("A@") and rec_e.token[0] == "emergency:E:ap-E"
    assert rec_a.end_time <= rec_e.start_time <= rec_a.end_time + 0.06
    armed_e = next(f for k, f in u.entries() if k == "armed" and f["item"] == "E")
    stop_at = rec_e.start_time - 0.05  # fade and arming overlap: armed for now + max(fade, lead)
    assert rec_a.end_time - stop_at <= 0.05 + 1e-3
    assert armed_e["broadcast_kind"] == "emergency"
    faded = next(f for k, f in u.entries() if k == "finished" and f["item"] == "A")
    assert faded["outcome"] == "faded" and "pre-empted by E" in faded["reason"]
    u.run(20)
    assert tokens_played(u) == [rec_a.token[0], "emergency:E:ap-E"]  # neither plays again


def test_emergency_waits_for_the_amplifier_when_it_is_off(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("E", priority="emergency", seconds=1)]), clock)
    u = make_unit()
    u.run(6)
    [rec] = u.output.played
    (t_on, _), *_ = pin_changes(u.pin(17))
    assert rec.start_time - t_on >= 3.0
    assert rec.start_time - 1000.0 < 3.5  # as soon as the warm-up allows


def test_clock_step_back_after_a_broadcast_never_plays_it_twice(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(15)
    clock.jump(-60)  # NTP steps the wall clock back a minute: 07:00 comes again
    u.run(70)
    assert len(u.output.played) == 1
    assert u.kinds().count("started") == 1


def test_clock_step_while_armed_recomputes_the_deadline(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(7)  # armed (lead 5.3 s), wall 06:59:57
    clock.jump(+2)  # wall now 06:59:59: 07:00 is one second away, not three
    u.run(10)
    cancelled, rec = u.output.played
    assert cancelled.outcome is PlaybackState.CANCELLED and cancelled.start_time is None
    (t_on, _), *_ = pin_changes(u.pin(17))
    # at the new 07:00:00, unless that leaves the amplifier less than its warm-up
    assert abs(rec.start_time - max(START - 2, t_on + 3.1)) < 0.01
    assert rec.start_time - t_on >= 3.0
    assert u.kinds() == ["armed", "armed", "started", "finished"]


def test_clock_step_while_armed_plays_on_the_new_time_when_the_amp_is_warm(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(7)
    clock.jump(-2)  # 07:00 is now five seconds away
    u.run(10)
    _cancelled, rec = u.output.played
    assert rec.start_time == START + 2


def test_clock_step_back_while_armed_cancels_without_a_trace(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(7)
    clock.jump(-3600)
    u.run(30)
    assert u.output.played[0].outcome is PlaybackState.CANCELLED
    assert u.kinds() == ["armed"]  # nothing played, nothing skipped: it comes again in an hour


def test_clock_step_forward_past_a_slot_skips_it_once(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    clock.jump(120)
    u.run(3)
    clock.jump(-30)
    u.run(3)
    assert u.kinds() == ["skipped"]
    assert "missed" in u.entries()[0][1]["reason"] and "lỡ giờ" in u.entries()[0][1]["reason_vi"]


def test_untrusted_clock_holds_scheduled_items_and_says_why(kit, clock, make_unit, caplog):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    clock.set_trusted(False)
    caplog.set_level(logging.WARNING, logger="loa.playout")
    u = make_unit()
    u.run(13)  # 07:00:03
    assert u.output.played == [] and u.kinds() == []
    assert "not synchronised and no GPS time" in caplog.text
    assert u.daemon.status()["clock"]["trusted"] is False
    clock.set_trusted(True)
    u.run(8)
    [rec] = u.output.played
    assert START + 3 < rec.start_time < START + 7  # late (amplifier warm-up), inside the limit


def test_gps_time_makes_the_clock_trusted(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    clock.set_trusted(False)

    class Gps:
        def fix(self):
            return GpsFix(lat=10.0, lon=105.1, mode=3, time=clock.wall().isoformat())

    u = make_unit(kit.config(clock={"trust": "sync_or_gps"}), gps=Gps())
    u.run(15)
    [rec] = u.output.played
    assert rec.start_time == START
    assert dict(u.entries())["started"]["gps"]["lat"] == 10.0


def test_items_outside_their_approval_window_are_skipped_with_a_reason(kit, clock, make_unit):
    early = kit.item("early", valid_from=T0 + timedelta(minutes=5))
    late = kit.item("late", valid_until=T0 + timedelta(seconds=5))
    sched = {
        "format": 1,
        "rules": [
            {"kind": "daily", "times": ["07:00"], "item_ids": ["early"]},
            {"kind": "daily", "times": ["07:01"], "item_ids": ["late"]},
        ],
        "policy": {"quiet_hours": None},
    }
    import_bundle(kit, kit.bundle([early, late], schedule=sched), clock)
    u = make_unit()
    u.run(75, step=0.1)
    assert u.output.played == []
    skipped = {f["item"]: f for k, f in u.entries() if k == "skipped"}
    assert "not valid before" in skipped["early"]["reason"]
    assert "expired" in skipped["late"]["reason"] and "hết hạn" in skipped["late"]["reason_vi"]


def test_a_newly_activated_bundle_is_picked_up_without_restart(kit, clock, make_unit):
    u = make_unit()
    assert u.daemon.bundle is None
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u.run(13)
    assert u.daemon.bundle is not None and len(u.output.played) == 1


def test_sound_card_failure_mid_broadcast_is_logged_and_retried_once(kit, clock, make_unit):
    import_bundle(
        kit, kit.bundle([kit.item("A", seconds=20)], schedule=daily(["07:00"], "A")), clock
    )
    u = make_unit()
    u.run(13)
    u.output.trigger_failure("USB sound card unplugged")
    u.run(3)
    kinds = u.kinds()
    assert kinds[:3] == ["armed", "started", "failed"]
    failed = next(f for k, f in u.entries() if k == "failed")
    assert "unplugged" in failed["reason"] and failed["duration_played_us"] > 2_900_000
    assert kinds[3:5] == ["armed", "started"]  # retried at once: still inside the slot
    retry = [f for k, f in u.entries() if k == "started"][1]
    assert retry["attempt"] == 1
    u.output.trigger_failure("again")
    u.run(30)
    assert u.kinds().count("started") == 2  # retry_count = 1: no third attempt
    assert u.daemon._running and u.output.is_alive()


def test_no_retry_outside_the_policy_window(kit, clock, make_unit):
    cfg = kit.config(playout={"retry_count": 0})
    import_bundle(
        kit, kit.bundle([kit.item("A", seconds=20)], schedule=daily(["07:00"], "A")), clock
    )
    u = make_unit(cfg)
    u.run(13)
    u.output.trigger_failure()
    u.run(10)
    assert u.kinds() == ["armed", "started", "failed"]


def test_watchdog_pings_only_while_the_audio_callback_runs(kit, clock, make_unit):
    u = make_unit()
    u.daemon._check_output = lambda now: None  # look at the watchdog alone
    u.run(3)
    u.notes.clear()
    u.output.freeze()
    u.run(1.2)
    u.notes.clear()
    u.run(3)
    assert "WATCHDOG=1" not in u.notes
    u.output.unfreeze()
    u.run(2)
    assert "WATCHDOG=1" in u.notes


def test_crash_mid_broadcast_is_recovered_and_never_replayed(kit, clock, make_unit):
    import_bundle(
        kit, kit.bundle([kit.item("A", seconds=10)], schedule=daily(["07:00"], "A")), clock
    )
    first = make_unit()
    first.run(12)  # A is on air since 07:00
    # power cut: nothing is stopped cleanly, the process just vanishes
    first.daemon._running = False
    first.output.stop()
    first.daemon.relays.close()
    first.daemon.asrun.close()
    second = make_unit()
    kinds = second.kinds()
    assert kinds == ["armed", "started", "failed"]
    failed = second.entries()[-1][1]
    assert failed["reason"] == "interrupted: restart" and failed["token"].startswith("A@")
    second.run(25)  # 07:00:02 → still inside late_start_max_s, but it was started: never again
    assert second.output.played == []
    assert second.daemon.asrun.verify(kit.unit_pub).ok


def test_an_idle_unit_ticks_slowly_and_quickens_before_the_arming_lead(kit, clock, make_unit):
    import_bundle(
        kit,
        kit.bundle([kit.item("A", seconds=2)], schedule=daily(["07:00"], "A"), sequence=1),
        clock,
    )
    u = make_unit()
    pc, lead = u.daemon.config.playout, u.daemon.policy.lead_s
    due_in = (u.daemon._candidates[0].start - clock.wall()).total_seconds()
    assert due_in > lead + 2 * pc.idle_tick_s + 1.0  # the fixture starts well before 07:00
    assert u.daemon._period() == pc.idle_tick_s
    u.run(due_in - lead - 0.5)  # inside the lead: armed, amplifier warming up
    assert u.daemon._period() == pc.tick_s
    u.run(lead + 2 + u.daemon.timing.tail_s + u.daemon.timing.hold_s + 1)
    [rec] = u.output.played
    assert rec.start_time == pytest.approx(rec.scheduled_at, abs=1e-6)
    assert u.daemon._period() == pc.idle_tick_s  # played, amplifier off, nothing due: idle


def test_a_dense_schedule_waits_for_free_playback_slots_instead_of_failing(kit, clock, make_unit):
    # eight half-second items a second apart: more are inside the arming lead than the
    # simulated card has playback slots (4)
    starts = [T0.replace(hour=7, minute=0, second=0) + timedelta(seconds=k) for k in range(8)]
    items = [kit.item(f"D{k}", seconds=0.5, freq=300 + 40 * k) for k in range(8)]
    schedule = {
        "format": 1,
        "policy": {"quiet_hours": None},
        "rules": [
            {"kind": "once", "at": at.isoformat(), "item_ids": [f"D{k}"]}
            for k, at in enumerate(starts)
        ],
    }
    import_bundle(kit, kit.bundle(items, schedule=schedule, sequence=1), clock)
    u = make_unit()
    u.run_until(starts[-1] + timedelta(seconds=5))
    played = u.output.played
    assert [r.token[0].split("@")[0] for r in played] == [f"D{k}" for k in range(8)]
    assert all(r.outcome is PlaybackState.FINISHED for r in played)
    assert all(r.start_time == pytest.approx(r.scheduled_at, abs=1e-6) for r in played)
    assert "failed" not in u.kinds()


def test_the_simulated_card_keeps_only_what_is_still_to_be_written(kit, clock, make_unit, tmp_path):
    import soundfile as sf

    starts = [T0.replace(hour=7, minute=0, second=0) + timedelta(seconds=3 * k) for k in range(3)]
    items = [kit.item(f"W{k}", seconds=1.0, freq=400 + 100 * k) for k in range(3)]
    schedule = {
        "format": 1,
        "policy": {"quiet_hours": None},
        "rules": [
            {"kind": "once", "at": at.isoformat(), "item_ids": [f"W{k}"]}
            for k, at in enumerate(starts)
        ],
    }
    import_bundle(kit, kit.bundle(items, schedule=schedule, sequence=1), clock)
    u = make_unit(kit.config(audio={"played_dir": str(tmp_path / "played")}))
    u.run_until(starts[-1] + timedelta(seconds=3))
    wavs = sorted((tmp_path / "played").glob("*.wav"))
    assert [w.name.split("-")[2] for w in wavs] == ["W0", "W1", "W2"]
    for w in wavs:
        data, rate = sf.read(w)
        assert rate == SR and len(data) == SR  # each whole second, written before it was dropped
        assert np.abs(data).max() > 0.05
    last = u.output.played[-1]
    kept = sum(n for first, _, n in u.output._captured)
    assert kept <= u.output.frames_out - (last.first_frame + last.frames_played) + 1


def test_a_unit_without_relays_idles_too(kit, clock, make_unit):
    import_bundle(
        kit,
        kit.bundle([kit.item("A", seconds=1)], schedule=daily(["09:00"], "A"), sequence=1),
        clock,
    )
    u = make_unit(kit.config(relays={"backend": "none"}))
    assert u.daemon.relays is None
    assert u.daemon._period() == u.daemon.config.playout.idle_tick_s


def test_playout_errors_have_one_root_with_reasons_in_both_languages_and_a_code():
    assert issubclass(AsRunError, PlayoutError) and issubclass(AsRunError, ValueError)
    assert issubclass(SyncError, PlayoutError) and issubclass(SyncError, OSError)
    e = SyncError("as-run upload made no progress", "Tải nhật ký không tiến triển.", status=409)
    assert (e.reason, e.status, e.code, str(e)) == (
        "as-run upload made no progress",
        409,
        "sync",
        "as-run upload made no progress",
    )
    assert e.bilingual() == "Tải nhật ký không tiến triển. / as-run upload made no progress"
    a = AsRunError("a skipped entry needs a reason")
    assert (a.reason_vi, a.code, SyncError("offline").status) == (a.reason, "asrun", 0)


def test_the_loop_logs_a_playout_error_and_stays_on_air(kit, clock, make_unit):
    u = make_unit(kit.config(playout={"idle_tick_s": 0.005}), start=False)
    stop = threading.Event()
    real_tick, calls = u.daemon.tick, []

    def tick() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise AsRunError("the as-run disk is full", "đĩa nhật ký đầy")
        if len(calls) == 3:
            raise SyncError("cannot reach the panel", "không kết nối được máy chủ")
        if len(calls) >= 4:
            stop.set()
        real_tick()

    u.daemon.tick = tick
    u.daemon.run(stop)
    assert len(calls) >= 4 and u.daemon.last_error == "cannot reach the panel"
    assert u.notes[-1] == "STOPPING=1"

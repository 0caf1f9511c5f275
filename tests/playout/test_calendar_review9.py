"""Calendar review 9, the unit's side: a slot against a power cut in its minute, NTP steps of a
few minutes forward and back, and a bundle replaced mid-day by one with the same items.

The expected instants are worked out here by hand from the SimClock (T0 = 06:59:50 at
monotonic 1000.0, so 07:00:00 is monotonic 1010.0 while the wall clock is not stepped) and from
what the docs promise (docs/timing.md, "The unit's faults"; `late_start_max_s` = 30 s, the
amplifier's warm-up 3 s plus the zones' 0.2 s): a slot the unit finds at most 30 s late plays,
its first sample after the warm-up; later, it is logged `skipped` "missed" once; nothing is
ever played twice. Nothing reads the real clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from playout.asrun import AsRunLog

from .conftest import T0, daily, import_bundle

START = 1010.0  # monotonic at 07:00:00 (wall clock not stepped)
LATE_MAX = 30.0  # late_start_max_s, the unit's default (playout/config.py)
SLOT = T0.replace(hour=7, minute=0, second=0)


def token(item: str, at: datetime) -> str:
    return f"{item}@{at.isoformat()}"


def power_cut(unit) -> None:
    """The process vanishes: nothing is stopped cleanly, nothing more is logged."""
    unit.daemon._running = False
    unit.output.stop()
    unit.daemon.relays.close()
    unit.daemon.asrun.close()


def starts(unit) -> list[tuple[str, float]]:
    return [(r.token[0], r.start_time) for r in unit.output.played if r.start_time is not None]


def kinds_of(unit, tok: str) -> list[str]:
    return [k for k, f in unit.entries() if f.get("token") == tok]


# --- a power cut in the slot's minute ----------------------------------------------------------


def test_back_28_s_after_the_slot_it_plays_once_after_the_warm_up(kit, clock, make_unit):
    """Armed at 06:59:58, the power goes; the unit runs again at 07:00:28. The slot is 28 s
    late, within late_start_max_s: it plays, its first sample after the cold amplifier's
    3.2 s of warm-up (about 07:00:31.2), once; 07:05 plays on its time."""
    sched = daily(["07:00", "07:05"], "A")
    import_bundle(kit, kit.bundle([kit.item("A", seconds=10)], schedule=sched), clock)
    first = make_unit()
    first.run(8)  # 06:59:58
    assert kinds_of(first, token("A", SLOT)) == ["armed"]
    power_cut(first)
    clock.advance(30)  # 07:00:28
    second = make_unit()
    second.run(60)
    [(tok, at)] = starts(second)
    assert tok == token("A", SLOT)
    assert 28 + 3.2 <= at - START <= 28 + 3.2 + 0.5
    assert kinds_of(second, tok)[-2:] == ["started", "finished"]
    second.run_until(SLOT + timedelta(minutes=5, seconds=15))
    assert [t for t, _ in starts(second)] == [
        token("A", SLOT),
        token("A", SLOT + timedelta(minutes=5)),
    ]
    assert starts(second)[1][1] == pytest.approx(START + 300)
    assert second.daemon.asrun.verify(kit.unit_pub).ok


def test_back_35_s_after_the_slot_it_is_missed_once(kit, clock, make_unit):
    """Back at 07:00:35, beyond late_start_max_s: logged `skipped` "missed" once, never
    played."""
    sched = daily(["07:00"], "A")
    import_bundle(kit, kit.bundle([kit.item("A", seconds=10)], schedule=sched), clock)
    first = make_unit()
    first.run(8)
    power_cut(first)
    clock.advance(37)  # 07:00:35
    second = make_unit()
    second.run(60)
    assert starts(second) == []
    assert kinds_of(second, token("A", SLOT)) == ["armed", "skipped"]
    assert second.entries()[-1][1]["reason"].startswith("missed: due 35 s ago")


def test_back_20_s_after_the_slot_it_plays_late_within_30_s(kit, clock, make_unit):
    """Cut at 06:59:55, back at 07:00:20: the first sample after the warm-up, about 23.2 s
    late, is within 30 s: it plays, once."""
    sched = daily(["07:00"], "A")
    import_bundle(kit, kit.bundle([kit.item("A", seconds=10)], schedule=sched), clock)
    first = make_unit()
    first.run(5)
    power_cut(first)
    clock.advance(25)  # 07:00:20
    second = make_unit()
    second.run(60)
    [(tok, at)] = starts(second)
    assert tok == token("A", SLOT)
    assert 20 + 3.2 <= at - START <= LATE_MAX
    assert kinds_of(second, tok) == ["armed", "armed", "started", "finished"]


def test_a_cut_in_the_first_second_on_air_is_failed_and_never_played_again(kit, clock, make_unit):
    """docs/install-pi.md: a broadcast cut by the power is logged failed "interrupted:
    restart" and never played again, even back within 30 s."""
    sched = daily(["07:00"], "A")
    import_bundle(kit, kit.bundle([kit.item("A", seconds=10)], schedule=sched), clock)
    first = make_unit()
    first.run(10.5)  # on air since 07:00:00
    power_cut(first)
    clock.advance(5)
    second = make_unit()
    second.run(60)
    assert starts(second) == []
    assert kinds_of(second, token("A", SLOT)) == ["armed", "started", "failed"]
    assert second.entries()[-1][1]["reason"] == "interrupted: restart"


# --- NTP steps of a few minutes -----------------------------------------------------------------


def test_a_step_forward_of_three_minutes_over_a_slot_logs_it_missed_once(kit, clock, make_unit):
    sched = daily(["07:00", "07:05"], "A")
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=sched), clock)
    u = make_unit()
    u.run(1)  # 06:59:51
    clock.jump(170)  # 07:02:41: 07:00 jumped over, 161 s ago
    u.run(400)
    assert kinds_of(u, token("A", SLOT)) == ["skipped"]
    # 07:05 comes 139 s of monotonic time after the step (mono 1001 + 139 = 1140)
    [(tok, at)] = starts(u)
    assert tok == token("A", SLOT + timedelta(minutes=5)) and at == pytest.approx(1140.0)


def test_a_step_forward_landing_28_s_after_a_slot_with_the_amplifier_cold(kit, clock, make_unit):
    """06:59:40, not yet armed; NTP steps 48 s forward: 07:00:28. As after a power cut, the
    slot is within late_start_max_s: it plays once, after the amplifier's warm-up."""
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    clock.jump(-10)  # the unit starts at 06:59:40 (before it runs: no step it sees)
    u = make_unit()
    u.run(0.5)
    clock.jump(48)
    u.run(60)
    [(tok, _)] = starts(u)
    assert tok == token("A", SLOT)
    assert kinds_of(u, tok)[-2:] == ["started", "finished"]


def test_a_step_forward_of_20_s_while_armed_plays_at_once_within_30_s(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(7)  # armed, the amplifier warming since about 06:59:54.8
    clock.jump(20)  # 07:00:17
    u.run(30)
    [(tok, at)] = starts(u)
    # the wall clock reads 07:00:17 at monotonic 1007: the first sample within 30 s of 07:00
    assert tok == token("A", SLOT) and at - (1007 - 17) <= LATE_MAX
    assert kinds_of(u, tok).count("started") == 1


def test_a_step_back_of_three_minutes_after_two_slots_plays_neither_again(kit, clock, make_unit):
    sched = daily(["07:00", "07:02"], "A")
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=sched), clock)
    u = make_unit()
    u.run(140)  # 07:02:10: both played
    clock.jump(-180)  # 06:59:10: both slots come round again
    u.run(400)
    assert [t for t, _ in starts(u)] == [
        token("A", SLOT),
        token("A", SLOT + timedelta(minutes=2)),
    ]
    assert [k for k, _ in u.entries()].count("started") == 2


# --- a bundle replaced mid-day by one with the same items --------------------------------------


def test_a_bundle_replaced_on_air_by_one_with_the_same_items_plays_nothing_twice(
    kit, clock, make_unit
):
    items = [kit.item("A", seconds=10), kit.item("B", seconds=5)]
    sched = daily(["07:00", "07:01"], "A", "B")
    import_bundle(kit, kit.bundle(items, schedule=sched, sequence=1), clock)
    u = make_unit()
    u.run(12)  # A on air since 07:00
    import_bundle(kit, kit.bundle(items, schedule=sched, sequence=2), clock)
    u.run(120)
    # A at 07:00:00 then B when it ends (10 s), and the same at 07:01: each once, on time
    assert [(t, round(at, 2)) for t, at in starts(u)] == [
        (token("A", SLOT), START),
        (token("B", SLOT + timedelta(seconds=10)), 1020.01),
        (token("A", SLOT + timedelta(minutes=1)), START + 60),
        (token("B", SLOT + timedelta(minutes=1, seconds=10)), 1080.01),
    ]
    with AsRunLog(u.config.asrun_path, unit_key=None, unit_id="unit-01") as log:
        started = [e.fields["token"] for e in log.entries() if e.kind == "started"]
    assert len(started) == len(set(started)) == 4
    assert [k for k, _ in u.entries()].count("skipped") == 0


def test_a_bundle_replaced_while_its_slot_is_armed_plays_it_once_on_time(kit, clock, make_unit):
    items = [kit.item("A", seconds=10)]
    import_bundle(kit, kit.bundle(items, schedule=daily(["07:00"], "A"), sequence=1), clock)
    u = make_unit()
    u.run(7)  # armed
    import_bundle(kit, kit.bundle(items, schedule=daily(["07:00"], "A"), sequence=2), clock)
    u.run(60)
    [(tok, at)] = starts(u)
    assert tok == token("A", SLOT) and at == pytest.approx(START)
    assert kinds_of(u, token("A", SLOT)).count("started") == 1

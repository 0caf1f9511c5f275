"""Mobile rigs: the loop plays approved loop items in turn with a gap while the switch is on or
after `loa unit loop start`; each pass is logged with its GPS fix; scheduled items pre-empt it."""

from __future__ import annotations

import itertools

from hardware.gps import SimGps
from hardware.ports import GpsFix, PlaybackState
from playout import control

from .conftest import T0, daily, import_bundle

FIX = GpsFix(lat=9.95, lon=105.12, mode=3, time=None)


def loop_bundle(kit, clock, *, schedule=None, sequence=1):
    items = [
        kit.item("L1", seconds=2, loop=True),
        kit.item("L2", seconds=3, loop=True, freq=550),
        kit.item("A", seconds=2, freq=700),
    ]
    schedule = schedule or {
        "format": 1,
        "rules": [],
        "loop": {"item_ids": ["L1", "L2"], "gap_s": 1},
        "policy": {"quiet_hours": None},
    }
    import_bundle(kit, kit.bundle(items, schedule=schedule, sequence=sequence), clock)


def passes(unit):
    return [
        (r.token[0].split(":")[0], r.start_time, r.end_time, r.outcome)
        for r in unit.output.played
        if r.start_time is not None
    ]


def test_loop_plays_items_in_turn_with_the_gap_and_logs_gps(kit, clock, make_unit):
    loop_bundle(kit, clock)
    u = make_unit(gps=SimGps(FIX))
    u.daemon.set_loop(True, "test")
    u.run(14)
    recs = [r for r in u.output.played if r.start_time is not None]
    items = [f["item"] for k, f in u.entries() if k == "started"]
    assert items[:3] == ["L1", "L2", "L1"]
    for prev, nxt in itertools.pairwise(recs):
        assert abs(nxt.start_time - (prev.end_time + 1.0)) < 0.03  # the bundle's gap_s
    started = [f for k, f in u.entries() if k == "started"]
    assert all(f["gps"]["lat"] == 9.95 and f["broadcast_kind"] == "loop" for f in started)
    assert len({f["token"] for f in started}) == len(started)  # every pass is its own entry
    u.daemon.set_loop(False, "test")
    stopped_at = clock.monotonic()
    u.run(10)
    assert not [r for r in u.output.played if r.start_time and r.start_time > stopped_at]


def test_config_gap_overrides_the_bundle(kit, clock, make_unit):
    loop_bundle(kit, clock)
    u = make_unit(kit.config(loop={"gap_s": 4.0}))
    u.daemon.set_loop(True)
    u.run(14)
    a, b = [r for r in u.output.played if r.start_time is not None][:2]
    assert abs(b.start_time - (a.end_time + 4.0)) < 0.03


def test_loop_command_file_starts_and_stops_it(kit, clock, make_unit):
    loop_bundle(kit, clock)
    u = make_unit()
    control.send_command(kit.state_dir, "loop", on=True)
    u.run(1)
    assert u.daemon.loop_on and u.daemon.loop_source == "command"
    u.run(5)
    control.send_command(kit.state_dir, "loop", on=False)
    u.run(1)
    assert not u.daemon.loop_on
    outcomes = [r.outcome for r in u.output.played]
    assert PlaybackState.FADED in outcomes or PlaybackState.CANCELLED in outcomes


def test_the_physical_switch_runs_the_loop(kit, clock, make_unit):
    loop_bundle(kit, clock)
    u = make_unit(kit.config(loop={"switch_pin": 5}))
    switch = u.pin(5)
    switch.drive_low()  # pulled up: closing the switch pulls the pin low
    u.run(4)
    assert u.daemon.loop_on and u.daemon.loop_source == "switch"
    assert u.kinds().count("started") >= 1
    switch.drive_high()
    u.run(1)
    assert not u.daemon.loop_on


def test_a_scheduled_item_takes_the_loops_place_on_time(kit, clock, make_unit):
    sched = daily(["07:01"], "A")
    sched["loop"] = {"item_ids": ["L1", "L2"], "gap_s": 0.5}
    loop_bundle(kit, clock, schedule=sched)
    u = make_unit()
    u.daemon.set_loop(True)
    u.run(85, step=0.05)  # 07:01:00 comes at +70 s
    a = [r for r in u.output.played if r.token[0].startswith("A@")]
    assert len(a) == 1 and a[0].start_time == 1070.0
    kinds = [r.token[0][:4] for r in u.output.played if r.start_time is not None]
    assert kinds[0] == "loop"  # the loop ran before,
    assert "loop" in kinds[kinds.index("A@20") + 1 :]  # and resumes after
    for r in u.output.played:  # nothing overlapped the scheduled item
        if r.start_time is not None and r is not a[0]:
            assert r.end_time <= a[0].start_time or r.start_time >= a[0].end_time


def test_an_emergency_preempts_the_loop(kit, clock, make_unit):
    loop_bundle(kit, clock)
    u = make_unit()
    u.daemon.set_loop(True)
    u.run(4.0)  # the first pass plays 1003.32–1005.32
    items = [
        kit.item("L1", seconds=2, loop=True),
        kit.item("L2", seconds=3, loop=True, freq=550),
        kit.item("E", seconds=1, priority="emergency", freq=990),
    ]
    import_bundle(
        kit,
        kit.bundle(
            items,
            schedule={
                "format": 1,
                "rules": [],
                "loop": {"item_ids": ["L1", "L2"], "gap_s": 1},
                "policy": {"quiet_hours": None},
            },
            sequence=2,
        ),
        clock,
    )
    u.run(3)
    e = [r for r in u.output.played if r.token[0].startswith("emergency:")]
    assert len(e) == 1 and e[0].outcome is PlaybackState.FINISHED
    cut = [r for r in u.output.played if r.outcome is PlaybackState.FADED]
    # the fade and the emergency's arming run together: at most the fade's last (near-silent)
    # output block overlaps the emergency's first, and the fade is never longer than 50 ms
    block_s = u.output.block_frames / u.output.sample_rate
    assert cut and cut[0].end_time <= e[0].start_time + block_s + 1e-9


def test_loop_items_outside_their_approval_are_skipped(kit, clock, make_unit):
    from datetime import timedelta

    items = [
        kit.item("L1", seconds=1, loop=True),
        kit.item("L2", seconds=1, loop=True, valid_from=T0 + timedelta(days=1)),
    ]
    import_bundle(
        kit,
        kit.bundle(
            items,
            schedule={
                "format": 1,
                "rules": [],
                "loop": {"item_ids": ["L1", "L2"], "gap_s": 0},
                "policy": {"quiet_hours": None},
            },
        ),
        clock,
    )
    u = make_unit()
    u.daemon.set_loop(True)
    u.run(6)
    started = [f["item"] for k, f in u.entries() if k == "started"]
    assert started and set(started) == {"L1"}
    assert "not valid before" in next(f for k, f in u.entries() if k == "skipped")["reason"]

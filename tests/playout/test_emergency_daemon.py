"""Issued emergencies on the daemon (SimClock, simulated card, MockFactory relays): repeats
with their gap from max(start_at, arrival), pre-empting a scheduled broadcast and the loop,
through quiet hours; a stop cuts at once; the expiry too; a restart resumes the remaining
repeats and never replays a finished emergency; every play in the as-run log."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hardware.ports import PlaybackState

from .conftest import T0, daily, import_bundle
from .emergency_kit import emergency_bundle, unit_store


def em_plays(unit, eid):
    return [
        r
        for r in unit.output.played
        if r.start_time is not None and r.token[0].startswith(f"emergency:{eid}:")
    ]


def entries_of(unit, eid):
    return [(k, f) for k, f in unit.entries() if f.get("emergency_id") == eid]


def crash(unit):
    """A power cut: nothing is stopped cleanly, the process just vanishes."""
    unit.daemon._running = False
    unit.output.stop()
    unit.daemon.relays.close()
    unit.daemon.asrun.close()


def test_repeats_pre_empt_a_scheduled_broadcast_with_their_gap(kit, clock, make_unit):
    a = kit.item("A", seconds=10)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A"), sequence=1), clock)
    u = make_unit()
    u.run(13)  # A on air since 07:00
    path, eid = emergency_bundle(kit, sequence=1, repeats=3, gap_s=4)
    arrived = clock.monotonic()
    assert unit_store(kit, clock).import_bundle(path).status == "emergency"
    u.run(20)
    rec_a = u.output.played[0]
    assert rec_a.outcome is PlaybackState.FADED
    plays = em_plays(u, eid)
    assert [r.token[0] for r in plays] == [f"emergency:{eid}:repeat-{k}" for k in (1, 2, 3)]
    assert all(r.outcome is PlaybackState.FINISHED for r in plays)
    # the first within the daemon's bundle check, the fade and a tick
    assert plays[0].start_time - arrived <= 0.1 + 0.05 + 0.1
    assert rec_a.end_time <= plays[0].start_time + 1e-6
    for prev, nxt in itertools.pairwise(plays):
        assert abs(nxt.start_time - prev.end_time - 4.0) <= 0.1
    kinds = [k for k, _ in entries_of(u, eid)]
    assert kinds.count("started") == 3 and kinds.count("finished") == 3
    started = [f for k, f in entries_of(u, eid) if k == "started"]
    assert [f["repeat"] for f in started] == [1, 2, 3]
    assert all(f["broadcast_kind"] == "emergency" and f["priority"] == "emergency" for f in started)
    store = unit_store(kit, clock)
    [entry] = store.emergencies()
    assert entry["state"] == "finished" and entry["played"] == 3
    assert [(c["state"], c["repeat"]) for c in store.pending_confirmations()] == [
        ("started", 1),
        ("finished", 1),
        ("started", 2),
        ("finished", 2),
        ("started", 3),
        ("finished", 3),
    ]
    u.run(30)
    assert len(em_plays(u, eid)) == 3  # never more
    assert u.daemon.asrun.verify(kit.unit_pub).ok


def test_it_plays_without_an_ordinary_bundle_and_through_quiet_hours(kit, clock, make_unit):
    quiet = {
        "format": 1,
        "rules": [{"kind": "daily", "times": ["07:00"], "item_ids": ["A"]}],
        "policy": {"quiet_hours": {"start": "06:00", "end": "08:00"}},
    }
    u = make_unit()
    path, eid = emergency_bundle(kit, sequence=1, repeats=2, gap_s=1)
    unit_store(kit, clock).import_bundle(path)
    u.run(10)
    assert len(em_plays(u, eid)) == 2
    # and with a bundle whose quiet hours are now: the scheduled item is held, not the emergency
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=quiet, sequence=1), clock)
    path, eid2 = emergency_bundle(kit, sequence=2, repeats=1)
    unit_store(kit, clock).import_bundle(path)
    u.run(15)
    assert len(em_plays(u, eid2)) == 1
    assert not [r for r in u.output.played if r.token[0].startswith("A@")]


def test_it_pre_empts_the_loop(kit, clock, make_unit):
    items = [kit.item("L1", seconds=5, loop=True)]
    loop = {
        "format": 1,
        "rules": [],
        "loop": {"item_ids": ["L1"], "gap_s": 1},
        "policy": {"quiet_hours": None},
    }
    import_bundle(kit, kit.bundle(items, schedule=loop, sequence=1), clock)
    u = make_unit()
    u.daemon.set_loop(True)
    u.run(5)  # a pass is on air
    path, eid = emergency_bundle(kit, sequence=1, repeats=1)
    unit_store(kit, clock).import_bundle(path)
    u.run(10)
    [rec] = em_plays(u, eid)
    first_pass = u.output.played[0]
    assert first_pass.token[0].startswith("loop:")
    assert first_pass.outcome is PlaybackState.FADED
    # the fade and the arming run together (core.decide): the first sample follows at once
    assert abs(rec.start_time - first_pass.end_time) <= 0.06


def test_start_at_in_the_future_is_waited_for(kit, clock, make_unit):
    u = make_unit()
    path, eid = emergency_bundle(kit, sequence=1, repeats=1, start_at=T0 + timedelta(seconds=30))
    unit_store(kit, clock).import_bundle(path)
    u.run(25)
    assert [k for k, _ in entries_of(u, eid)] == []
    u.run(15)
    [rec] = em_plays(u, eid)
    assert 1030.0 <= rec.start_time <= 1030.0 + 3.5  # the amplifier's warm-up


def test_a_stop_cuts_it_at_once_and_drops_the_remaining_repeats(kit, clock, make_unit):
    u = make_unit()
    item = kit.item("E", seconds=10, priority="emergency", freq=900)
    path, eid = emergency_bundle(kit, sequence=1, item=item, repeats=5, gap_s=1)
    unit_store(kit, clock).import_bundle(path)
    u.run(6)  # repeat 1 on air (after the amplifier's warm-up)
    stop, _ = emergency_bundle(kit, sequence=2, emergency_id=eid, action="stop")
    stopped_at = clock.monotonic()
    unit_store(kit, clock).import_bundle(stop)
    u.run(40)
    [rec] = em_plays(u, eid)
    assert rec.outcome is PlaybackState.FADED
    assert rec.end_time - stopped_at <= 0.1 + 0.05 + 0.05  # bundle check + tick + fade
    faded = [f for k, f in entries_of(u, eid) if k == "finished"]
    assert faded[0]["outcome"] == "faded" and faded[0]["reason"] == "emergency stopped"
    states = [c["state"] for c in unit_store(kit, clock).pending_confirmations()]
    assert states == ["started", "stopped"]


def test_it_never_plays_after_its_expiry(kit, clock, make_unit):
    u = make_unit()
    item = kit.item("E", seconds=10, priority="emergency", freq=900)
    path, eid = emergency_bundle(
        kit, sequence=1, item=item, repeats=3, gap_s=1, expires_at=T0 + timedelta(seconds=20)
    )
    unit_store(kit, clock).import_bundle(path)
    u.run(60)
    plays = em_plays(u, eid)
    assert len(plays) == 2
    assert plays[-1].outcome is PlaybackState.FADED
    assert plays[-1].end_time <= 1020.0 + 0.1
    assert unit_store(kit, clock).emergencies() == []  # dropped once expired


def test_a_restart_resumes_the_remaining_repeats_and_never_replays(kit, clock, make_unit):
    item = kit.item("E", seconds=2, priority="emergency", freq=900)
    path, eid = emergency_bundle(kit, sequence=1, item=item, repeats=3, gap_s=10)
    unit_store(kit, clock).import_bundle(path)
    first = make_unit()
    first.run(4)  # repeat 1 on air
    assert [k for k, _ in entries_of(first, eid)] == ["armed", "started"]
    crash(first)
    second = make_unit()
    second.run(60)
    plays = em_plays(second, eid)
    assert [r.token[0] for r in plays] == [f"emergency:{eid}:repeat-{k}" for k in (2, 3)]
    crash(second)
    third = make_unit()
    third.run(60)
    assert em_plays(third, eid) == []  # finished: never again
    assert third.daemon.status()["emergencies"][0]["state"] == "finished"


def test_an_emergency_waiting_for_its_start_lets_the_unit_idle(kit, clock, make_unit):
    u = make_unit()
    path, eid = emergency_bundle(kit, sequence=1, repeats=1, start_at=T0 + timedelta(minutes=10))
    unit_store(kit, clock).import_bundle(path)
    u.run(2)
    pc = u.config.playout
    assert u.daemon._period() == pc.idle_tick_s
    u.run_until(T0 + timedelta(minutes=10) - timedelta(seconds=2), step=0.25)
    assert u.daemon._period() == pc.tick_s  # quick again just before it is due
    u.run(8)
    assert len(em_plays(u, eid)) == 1


def test_a_flac_emergency_plays(kit, clock, make_unit):
    """The panel sends emergency audio as lossless FLAC: the daemon plays it like a WAV."""
    from .test_emergency_store import flac_item

    item, pcm = flac_item(kit, "em-flac", seconds=2.0)
    a = kit.item("A", seconds=2)
    import_bundle(kit, kit.bundle([a], schedule=daily(["08:00"], "A"), sequence=1), clock)
    u = make_unit()
    u.run(1)
    path, eid = emergency_bundle(kit, sequence=1, item=item, repeats=1, gap_s=0)
    assert unit_store(kit, clock).import_bundle(path).status == "emergency"
    u.run(10)
    [rec] = em_plays(u, eid)
    assert rec.outcome is PlaybackState.FINISHED
    assert abs(rec.end_time - rec.start_time - len(pcm) / 48000) <= 0.05
    [started] = [f for k, f in entries_of(u, eid) if k == "started"]
    assert started["audio_sha256"] == item.audio_sha256  # the as-run names the FLAC it played

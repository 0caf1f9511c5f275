"""The pure playout decisions: numbers in, decisions out — no clock, no card, no thread."""

from __future__ import annotations

from datetime import timedelta

import pytest

from content_library.types import Priority
from hardware.ports import GpsFix
from hardware.relay_sequence import Broadcast, RelayAction, RelayTiming
from playout import core
from playout.core import Active, Candidate, KeyState, Kind, Policy, Situation

from .conftest import T0

NOW = 1000.0
POLICY = Policy(arm_ahead_s=2.0, warm_up_s=3.0, zone_settle_s=0.2)


def item(item_id="A", *, priority="normal", seconds=10.0, **kw) -> core.ItemMeta:
    return core.ItemMeta(
        id=item_id,
        title=item_id,
        priority=Priority(priority),
        audio_sha256="ab" * 32,
        duration_s=seconds,
        approval_id=f"ap-{item_id}",
        valid_from=kw.get("valid_from", T0 - timedelta(days=1)),
        valid_until=kw.get("valid_until", T0 + timedelta(days=1)),
    )


def sched(it, at_s: float) -> Candidate:
    start = T0 + timedelta(seconds=at_s)
    return Candidate(
        core.slot_key(it.id, start),
        it,
        Kind.SCHEDULED,
        start,
        start + timedelta(seconds=it.duration_s),
    )


def sit(now=NOW, *, trusted=True, amp_ready=None, **kw) -> Situation:
    return Situation(
        now=now,
        wall=T0 + timedelta(seconds=now - NOW),
        trusted=trusted,
        amp_ready_at=now if amp_ready is None else amp_ready,
        **kw,
    )


def decide(s, cands, *, history=None, active=(), policy=POLICY):
    return core.decide(
        s, candidates=cands, history=history or {}, active=list(active), policy=policy
    )


def test_arms_at_the_lead_not_before():
    c = sched(item(), 10.0)
    assert decide(sit(NOW + 4.75), [c]).empty  # 5.25 s ahead, the lead is 5.2 s: not yet
    d = decide(sit(NOW + 4.85), [c])
    [arm] = d.arms
    assert arm.at == pytest.approx(NOW + 10.0) and arm.deadline == pytest.approx(NOW + 10.0)


def test_done_tokens_are_never_armed_again():
    c = sched(item(), 1.0)
    assert decide(sit(), [c], history={c.key: KeyState(done=True)}).empty


def test_untrusted_clock_holds_scheduled_but_not_on_demand():
    e = Candidate(
        core.emergency_key(item("E", priority="emergency")),
        item("E", priority="emergency"),
        Kind.EMERGENCY,
    )
    d = decide(sit(trusted=False), [sched(item(), 1.0), e])
    assert [a.candidate.key for a in d.arms] == [e.key]
    strict = Policy(on_demand_when_untrusted=False)
    assert decide(sit(trusted=False), [e], policy=strict).empty


def test_armed_item_is_cancelled_when_trust_is_lost_or_the_clock_steps():
    c = sched(item(), 3.0)
    armed = Active(c.key, Kind.SCHEDULED, 0, NOW + 3, NOW + 13, deadline=NOW + 3)
    [stop] = decide(sit(trusted=False), [c], active=[armed]).stops
    assert not stop.final and "trusted" in stop.reason
    stepped = Active(c.key, Kind.SCHEDULED, 0, NOW + 5, NOW + 15, deadline=NOW + 5)
    [stop] = decide(sit(), [c], active=[stepped]).stops
    assert not stop.final and "stepped by -2.000 s" in stop.reason
    assert decide(sit(), [c], active=[armed]).empty  # same deadline: nothing to do


def test_late_within_the_limit_plays_beyond_it_is_skipped():
    c = sched(item(), -10.0)
    [arm] = decide(sit(), [c]).arms
    assert arm.at == pytest.approx(NOW + POLICY.min_lead_s)
    [skip] = decide(sit(), [sched(item(), -31.0)]).skips
    assert "missed" in skip.reason


def test_a_slot_within_the_limit_plays_after_the_warm_up_however_long():
    """Lateness is the start's, judged when the daemon decides: a slot 28 s late with a cold
    amplifier plays (its first sample after the warm-up); an on-demand emergency is never late,
    even with a warm-up longer than late_start_max_s (a unit configured to never start late)."""
    [arm] = decide(sit(amp_ready=NOW + 3.2), [sched(item(), -28.0)]).arms
    assert arm.at == NOW + 3.2
    strict = Policy(arm_ahead_s=2.0, warm_up_s=10.0, zone_settle_s=0.2, late_start_max_s=0.0)
    e_item = item("E", priority="emergency")
    e = Candidate(core.emergency_key(e_item), e_item, Kind.EMERGENCY)
    d = decide(sit(amp_ready=NOW + 10.2), [e], policy=strict)
    assert d.skips == [] and [a.at for a in d.arms] == [NOW + 10.2]


def test_waits_for_the_amplifier_warm_up():
    [arm] = decide(sit(amp_ready=NOW + 3.2), [sched(item(), 1.0)]).arms
    assert arm.at == NOW + 3.2


def test_approval_window_and_bundle_expiry():
    not_yet = item("N", valid_from=T0 + timedelta(hours=1))
    gone = item("G", valid_until=T0 + timedelta(seconds=1))
    d = decide(sit(bundle_expires_at=T0 + timedelta(days=3)), [sched(not_yet, 1), sched(gone, 2)])
    assert [s.candidate.item.id for s in d.skips] == ["N", "G"]
    d = decide(sit(bundle_expires_at=T0), [sched(item(), 1)])
    assert "bundle expired" in d.skips[0].reason


def test_emergency_preempts_what_plays_and_cancels_what_is_armed():
    e_item = item("E", priority="emergency", seconds=5)
    e = Candidate(core.emergency_key(e_item), e_item, Kind.EMERGENCY)
    playing = Active("A@x", Kind.SCHEDULED, 0, NOW - 5, NOW + 5, started=True)
    armed = Active("B@y", Kind.SCHEDULED, 0, NOW + 3, NOW + 13, deadline=NOW + 3)
    later = Active("C@z", Kind.SCHEDULED, 0, NOW + 9, NOW + 19, deadline=NOW + 9)
    d = decide(sit(), [e], active=[playing, armed, later])
    stops = {s.key: s for s in d.stops}
    assert "C@z" not in stops  # starts after E has ended: left alone
    assert stops["A@x"].fade_s == 0.05 and stops["A@x"].final
    assert stops["B@y"].fade_s == 0.0 and not stops["B@y"].final  # comes back when E is over
    [arm] = d.arms
    # the fade and the arming overlap: E's first sample comes as the fade ends
    assert arm.at == pytest.approx(NOW + max(0.05, POLICY.min_lead_s))
    assert arm.at - NOW <= 0.05 + 1e-9


def test_equal_priority_waits_and_higher_priority_preempts():
    playing = Active("A@x", Kind.SCHEDULED, 0, NOW - 5, NOW + 5, started=True)
    assert decide(sit(), [sched(item("B"), 1.0)], active=[playing]).arms == []
    d = decide(sit(), [sched(item("P", priority="priority"), 1.0)], active=[playing])
    assert d.stops[0].key == "A@x" and d.arms[0].candidate.item.id == "P"


def test_back_to_back_does_not_wait():
    playing = Active("A@x", Kind.SCHEDULED, 0, NOW - 9, NOW + 1, started=True)
    [arm] = decide(sit(), [sched(item("B"), 1.0)], active=[playing]).arms
    assert arm.at == pytest.approx(NOW + 1.0)


def test_retry_policy():
    c = sched(item(), -3.0)  # slot 06:59:47–06:59:57 +... (10 s long)
    st = KeyState(failures=1, failed_at=NOW - 1)
    [arm] = decide(sit(), [c], history={c.key: st}).arms
    assert arm.attempt == 1
    assert decide(sit(), [c], history={c.key: KeyState(failures=2, failed_at=NOW)}).give_up
    assert decide(sit(), [c], history={c.key: KeyState(failures=1, failed_at=NOW - 61)}).give_up
    outside = sched(item(seconds=2), -3.0)  # its slot ended a second ago
    assert decide(sit(), [outside], history={outside.key: st}).give_up


def test_loop_yields_to_an_upcoming_scheduled_item():
    loop_item = item("L", seconds=30)
    nxt = Candidate(core.loop_key("s", 0), loop_item, Kind.LOOP)
    [arm] = decide(sit(loop_next=nxt), []).arms
    assert arm.candidate.kind is Kind.LOOP
    # a scheduled broadcast in 20 s would cut this 30 s pass: wait instead
    assert decide(sit(loop_next=nxt), [sched(item("A"), 20.0)]).arms == []
    playing = Active(nxt.key, Kind.LOOP, -1, NOW - 1, NOW + 29, started=True)
    d = decide(sit(NOW), [sched(item("A"), 5.0)], active=[playing])
    assert d.stops[0].key == nxt.key and d.stops[0].final  # the scheduled item pre-empts the loop


def test_history_and_interrupted_from_asrun():
    entries = [
        ("armed", {"token": "A"}),
        ("started", {"token": "A", "attempt": 0}),
        ("armed", {"token": "B"}),
        ("started", {"token": "B", "attempt": 0}),
        ("finished", {"token": "B", "attempt": 0}),
        ("armed", {"token": "C"}),
    ]
    hist = core.history_from_asrun(entries)
    assert hist["A"].done and hist["B"].done and not hist["C"].done
    assert [f["token"] for f in core.interrupted(entries)] == ["A"]


def test_clock_trust_policies():
    wall = T0
    fix = GpsFix(lat=10, lon=105, time=(wall - timedelta(seconds=2)).isoformat())
    assert core.clock_trust("sync", synced=True, wall=wall).trusted
    assert not core.clock_trust("sync", synced=False, wall=wall, gps=fix).trusted
    t = core.clock_trust("sync_or_gps", synced=False, wall=wall, gps=fix)
    assert t.trusted and t.source == "gps"
    far = GpsFix(lat=10, lon=105, time=(wall - timedelta(minutes=5)).isoformat())
    t = core.clock_trust("sync_or_gps", synced=False, wall=wall, gps=far)
    assert not t.trusted and "300 s away from GPS" in t.reason
    assert core.clock_trust("always", synced=False, wall=wall).trusted


TIMING = RelayTiming(warm_up_s=3.0, tail_s=0.5, hold_s=5.0, zone_settle_s=0.2)


def test_relay_plan_from_the_current_state():
    b = Broadcast(1010.0, 1020.0, ("z",))
    steps = core.relay_plan([b], [], TIMING, now=1000.0, amp_on=False, zones=(), amp_off_at=None)
    assert [(s.time, s.action) for s in steps][:2] == [
        (1006.8, RelayAction.SELECT_ZONES),
        (1007.0, RelayAction.AMP_ON),
    ]
    # on, playing: only the off steps remain
    steps = core.relay_plan([b], [], TIMING, now=1012.0, amp_on=True, zones=("z",), amp_off_at=None)
    assert [(s.time, s.action) for s in steps] == [
        (1025.5, RelayAction.AMP_OFF),
        (1025.7, RelayAction.SELECT_ZONES),
    ]
    # ended, amp still on: the hold runs; a later broadcast past the hold switches off between
    later = Broadcast(1040.0, 1045.0, ("z",))
    steps = core.relay_plan(
        [later], [b], TIMING, now=1021.0, amp_on=True, zones=("z",), amp_off_at=None
    )
    assert (1025.5, RelayAction.AMP_OFF) in [(s.time, s.action) for s in steps]
    assert (1037.0, RelayAction.AMP_ON) in [(s.time, s.action) for s in steps]
    # ended and off: nothing left but releasing the zones after the settle time
    [release] = core.relay_plan(
        [], [b], TIMING, now=1026.0, amp_on=False, zones=("z",), amp_off_at=1025.5
    )
    assert release.time == 1025.7 and release.zones == ()
    # overlapping broadcasts (a late start) are merged rather than refused
    steps = core.relay_plan(
        [Broadcast(1010, 1020, ("z",)), Broadcast(1019, 1030, ("z",))],
        [],
        TIMING,
        now=1000.0,
        amp_on=False,
        zones=(),
        amp_off_at=None,
    )
    assert steps[-2].time == 1035.5


def test_amp_ready_counts_the_warm_up_from_when_it_went_on():
    assert core.amp_ready_at(100.0, amp_on=False, timing=TIMING) == pytest.approx(103.2)
    assert core.amp_ready_at(100.0, amp_on=True, timing=TIMING, on_since=98.0) == 101.0
    assert core.amp_ready_at(100.0, amp_on=True, timing=TIMING, on_since=90.0) == 100.0


def emergency(item_id="E", seconds=300.0) -> core.ItemMeta:
    return item(item_id, priority="emergency", seconds=seconds)


def test_an_emergency_waits_for_the_emergency_on_air_and_is_armed_for_its_end():
    # E1 (no rule schedules it) plays until NOW + 200; E2 is scheduled at NOW + 1.
    on_air = Active(
        "emergency:E1:ap-E1",
        Kind.EMERGENCY,
        Priority.EMERGENCY.rank,
        NOW - 100,
        NOW + 200,
        started=True,
    )
    e2 = sched(emergency("E2", 60), 1.0)
    d = decide(sit(), [e2], active=[on_air])
    assert d.stops == [] and d.skips == []  # never pre-empts an emergency
    [arm] = d.arms
    assert arm.at == pytest.approx(NOW + 200) and arm.deadline == pytest.approx(NOW + 1)
    assert arm.scheduled_wall == e2.start
    # A third one queues behind both; a normal item at E2's slot is not armed over it.
    e3 = sched(emergency("E3", 30), 2.0)
    armed = Active(
        e2.key, Kind.SCHEDULED, Priority.EMERGENCY.rank, NOW + 200, NOW + 260, deadline=NOW + 1
    )
    [arm3] = decide(sit(), [e2, e3], active=[on_air, armed]).arms
    assert arm3.candidate.key == e3.key and arm3.at == pytest.approx(NOW + 260)


def test_an_emergency_due_while_another_played_is_played_late_not_skipped():
    # E2 was due 40 s ago (beyond late_start_max_s) while E1 held the output, e.g. re-armed
    # after a clock step: it still plays, after E1.
    on_air = Active(
        "emergency:E1:ap-E1",
        Kind.EMERGENCY,
        Priority.EMERGENCY.rank,
        NOW - 100,
        NOW + 200,
        started=True,
    )
    e2 = sched(emergency("E2", 60), -40.0)
    d = decide(sit(), [e2], active=[on_air])
    assert d.skips == []
    [arm] = d.arms
    assert arm.at == pytest.approx(NOW + 200)
    # Without an emergency on air since it was due, a start that late is still missed,
    # and a normal item due while an emergency played is missed as before.
    assert "missed" in decide(sit(), [e2]).skips[0].reason
    late_on_air = Active(
        "emergency:E9:ap-E9",
        Kind.EMERGENCY,
        Priority.EMERGENCY.rank,
        NOW - 5,
        NOW + 200,
        started=True,
    )
    assert decide(sit(), [e2], active=[late_on_air]).skips
    assert decide(sit(), [sched(item("N"), -40.0)], active=[on_air]).skips


MANIFEST = {
    "items": [
        {"id": "A", "duration_s": 10, "priority": "normal"},
        {"id": "L", "duration_s": 10, "priority": "normal", "loop": True},
        {"id": "LE", "duration_s": 10, "priority": "emergency", "loop": True},
        {"id": "RE", "duration_s": 10, "priority": "emergency", "loop": True},
    ],
    "schedule": {
        "rules": [{"kind": "daily", "times": ["07:00"], "item_ids": ["A", "RE"]}],
        "loop": {"item_ids": ["L", "LE", "RE"]},
    },
}


def test_an_emergency_only_in_the_loop_playlist_plays_at_once():
    items = {
        i["id"]: item(i["id"], priority=i["priority"], seconds=i["duration_s"])
        for i in MANIFEST["items"]
    }
    cands, schedule, warnings = core.build_candidates(
        MANIFEST, items, wall=T0, horizon_s=3600, lookback_s=60
    )
    assert warnings == [] and schedule.loop.item_ids == ["L", "LE", "RE"]
    # LE: no rule schedules it, so at once (as the plan says with `now`); RE: at 07:00 only.
    assert [c.key for c in cands if c.kind is Kind.EMERGENCY] == [core.emergency_key(items["LE"])]
    assert sorted(c.item.id for c in cands if c.kind is Kind.SCHEDULED) == ["A", "RE"]
    [arm] = decide(sit(), [c for c in cands if c.kind is Kind.EMERGENCY]).arms
    assert arm.candidate.item.id == "LE"

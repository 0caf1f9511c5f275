"""Property tests: whatever the rules (relay windows too), no two broadcasts overlap on one
output."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_library.types import Priority
from scheduler.plan import ItemInfo, PlanEntry, expand, resolve
from scheduler.policy import quiet_overlap, sessions
from scheduler.rules import Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BASE = datetime(2028, 2, 27, tzinfo=VN)  # a Sunday, two days before 29 February
PRIORITIES = st.sampled_from(list(Priority))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _non_overlapping(entries: list[PlanEntry]) -> None:
    """No entry overlaps any other, emergencies included (they play one after the other)."""
    latest_end = None
    for e in sorted(entries, key=lambda e: e.start):
        assert latest_end is None or e.start >= latest_end, e
        latest_end = e.end if latest_end is None else max(latest_end, e.end)


raw_entries = st.lists(
    st.tuples(st.integers(0, 600), st.integers(1, 900), PRIORITIES),  # minute, seconds, priority
    max_size=40,
)


@SETTINGS
@given(raw_entries, st.sampled_from([0, 30, 300, 1800]))
def test_resolve_properties(raw, tolerance_s):
    entries = [
        PlanEntry(
            BASE + timedelta(minutes=m),
            BASE + timedelta(minutes=m, seconds=d),
            f"i{n}",
            prio,
            rule_index=0,
            repeat_index=n,
        )
        for n, (m, d, prio) in enumerate(raw)
    ]
    kept, conflicts = resolve(entries, tolerance_s=tolerance_s)

    assert kept == sorted(kept, key=lambda e: (e.start, -e.priority.rank, e.repeat_index))
    _non_overlapping(kept)
    by_id = {e.item_id: e for e in entries}
    kept_ids = [e.item_id for e in kept]
    dropped = [c.entry.item_id for c in conflicts if c.kind == "dropped"]
    # Every entry is kept once or reported dropped, never both.
    assert sorted(kept_ids + dropped) == sorted(by_id)
    for e in kept:
        original = by_id[e.item_id]
        assert e.duration == original.duration
        assert e.start == original.start + timedelta(seconds=e.delay_s)
        assert e.delay_s >= 0
        if not e.is_emergency:
            assert e.delay_s <= tolerance_s
    # Emergencies are never dropped; one is moved only to wait for the emergency before it.
    assert all(by_id[i].priority is not Priority.EMERGENCY for i in dropped)
    emergencies = [e for e in kept if e.is_emergency]
    for before, e in itertools.pairwise(emergencies):
        assert e.delay_s == 0 or e.start == before.end
    moved = {e.item_id for e in emergencies if e.delay_s > 0}
    for c in conflicts:
        if c.kind == "dropped":
            assert c.other.priority.rank >= c.entry.priority.rank
        else:
            assert c.entry.is_emergency and c.other.is_emergency
            assert c.entry == by_id[c.entry.item_id]  # as scheduled
    assert sorted(c.entry.item_id for c in conflicts if c.kind == "kept_both") == sorted(moved)


hhmm = st.integers(0, 24 * 60 - 1).map(lambda m: f"{m // 60:02d}:{m % 60:02d}")
daily = st.fixed_dictionaries(
    {
        "kind": st.just("daily"),
        "times": st.lists(hhmm, min_size=1, max_size=4, unique=True),
        "weekdays": st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
        "item_ids": st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=3),
        "repeat": st.integers(1, 3),
        "gap_s": st.sampled_from([0, 5, 60]),
    }
)
relay_rules = st.fixed_dictionaries(
    {
        "kind": st.just("relay"),
        "relay": st.sampled_from(["vov1", "tinh"]),
        "window": st.tuples(st.integers(0, 24 * 60 - 1), st.sampled_from([1, 5, 30, 120])).map(
            lambda w: {
                "start": f"{w[0] // 60:02d}:{w[0] % 60:02d}",
                "end": f"{(w[0] + w[1]) % 1440 // 60:02d}:{(w[0] + w[1]) % 60:02d}",
            }
        ),
        "weekdays": st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
        "priority": st.sampled_from(["normal", "priority"]),
    }
)
rules = st.lists(st.one_of(daily, daily, relay_rules), min_size=1, max_size=5)
policies = st.fixed_dictionaries(
    {
        "quiet_hours": st.sampled_from(
            [None, {"start": "22:00", "end": "05:00"}, {"start": "11:00", "end": "13:00"}]
        ),
        "max_per_day": st.sampled_from([None, 1, 2, 3]),
        "max_session_minutes": st.sampled_from([None, 5, 15]),
        "allowed_weekdays": st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
        "queue_tolerance_s": st.sampled_from([0, 120, 600]),
    }
)
item_sets = st.fixed_dictionaries(
    {k: st.tuples(st.integers(5, 600), PRIORITIES) for k in ["a", "b", "c", "d"]}
)


@SETTINGS
@given(rules, policies, item_sets, st.integers(0, 47), st.integers(1, 72))
def test_expand_properties(rule_list, policy, spec, offset_h, hours):
    schedule = Schedule.model_validate({"rules": rule_list, "policy": policy})
    items = {k: ItemInfo(k, float(d), p) for k, (d, p) in spec.items()}
    start = BASE + timedelta(hours=offset_h, minutes=17)
    end = start + timedelta(hours=hours)
    plan = expand(schedule, items, start=start, end=end)

    assert plan.entries == sorted(plan.entries, key=lambda e: (e.start, -e.priority.rank))
    assert all(start <= e.start < end for e in plan.entries)
    assert all(e.start.utcoffset() == timedelta(hours=7) for e in plan.entries)
    _non_overlapping(plan.entries)

    pol = schedule.policy
    normal = [e for e in plan.entries if not e.is_emergency]
    for e in normal:
        # A relay piece resumed or delayed past midnight is of the day its window opens.
        assert (e.window_start or e.start).weekday() in pol.allowed_weekdays
        if pol.quiet_hours is not None:
            assert not quiet_overlap(pol.quiet_hours, e.start, e.end)
    groups = sessions(normal, gap_s=pol.session_gap_s)
    if pol.max_session_minutes is not None:
        # The window may cut a session's head off, never make one longer.
        assert all(
            g[-1].end - g[0].start <= timedelta(minutes=pol.max_session_minutes) for g in groups
        )
    if pol.max_per_day is not None:
        per_day = defaultdict(int)
        for g in groups:
            per_day[g[0].start.date()] += 1
        assert all(n <= pol.max_per_day for n in per_day.values())
    # Dropped entries are reported, each once, and do not play.
    played = {(e.rule_index, e.item_id, e.repeat_index, e.start) for e in plan.entries}
    for v in plan.violations:
        assert (
            v.entry.rule_index,
            v.entry.item_id,
            v.entry.repeat_index,
            v.entry.start,
        ) not in played
    # A relay plays only inside its window, a minute or more at a time.
    for e in plan.entries:
        if e.relay is not None:
            window = schedule.rules[e.rule_index].window
            assert e.duration >= timedelta(minutes=1)
            assert e.duration <= window.length()
    # Same input, same plan.
    assert expand(schedule, items, start=start, end=end) == plan


def test_the_overlap_check_itself_catches_overlaps():
    a = PlanEntry(BASE, BASE + timedelta(minutes=10), "a", Priority.EMERGENCY)
    b = PlanEntry(BASE + timedelta(minutes=1), BASE + timedelta(minutes=2), "b", Priority.EMERGENCY)
    c = PlanEntry(BASE + timedelta(minutes=3), BASE + timedelta(minutes=4), "c", Priority.NORMAL)
    d = PlanEntry(BASE + timedelta(minutes=10), BASE + timedelta(minutes=11), "d", Priority.NORMAL)
    _non_overlapping([a, d])
    for pair in ([a, b], [a, c]):
        try:
            _non_overlapping(pair)
        except AssertionError:
            continue
        raise AssertionError(f"overlap of {pair[1].item_id} with a not caught")

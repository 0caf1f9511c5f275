"""A week busy without a gap, Monday 00:00 a forced boundary: Sunday night still plays.

When what the week before carried across its first Monday changes that week as far as its
last night (a queue running on for the whole week), the broadcast still playing at the next
Monday 00:00 plays on; the week from Monday, fitted after what the rules alone would have
carried across, gives way to it (scheduler.blocks). Fixed dates: `expand` never reads the
clock.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from scheduler.plan import expand
from tests.scheduler.test_window_independence import (
    N,
    assert_same_as_longer,
    at,
    items,
    once,
    schedule,
)


def _no_overlap(entries) -> None:
    ordered = sorted(entries, key=lambda e: e.start)
    for a, b in itertools.pairwise(ordered):
        assert a.end <= b.start, (a, b)


def test_a_queue_running_all_week_keeps_sunday_nights_broadcast():
    # An hour-long bulletin at every :30, back to back (the output never idle), and one
    # extra on Wednesday 6th that queues every later one ten minutes late: through that
    # week and, carried across Monday 11th, through the next. Sunday 17th's 23:40 is still
    # playing at Monday 18th 00:00: it plays to 00:40, and Monday's 00:30 gives way to it.
    sched = schedule(
        {"kind": "cron", "minute": "30", "item_ids": ["h"]},
        once(at(6, 10, 25), ["x"]),
        queue_tolerance_s=1800,
        quiet_hours=None,
    )
    its = items(h=(3600, N), x=(600, N))
    plan, whole = assert_same_as_longer(
        sched, its, start=at(10, 22), end=at(18, 2), longer_start=at(3, 0), longer_end=at(20, 0)
    )
    by_start = {e.start: e for e in plan.entries}
    assert by_start[at(10, 23, 40)].end == at(11, 0, 40)  # Sunday 10th plays on
    assert by_start[at(17, 23, 40)].end == at(18, 0, 40)  # and so does Sunday 17th
    assert by_start[at(17, 23, 40)].delay_s == 600
    assert at(18, 0, 30) not in by_start
    assert by_start[at(18, 1, 30)].delay_s == 0  # Monday 18th as the rules have it after
    assert plan.violations == []
    [c] = [c for c in plan.conflicts if c.entry.start >= at(17, 0)]
    assert (c.kind, c.entry.start, c.other.start) == ("dropped", at(18, 0, 30), at(17, 23, 40))
    assert "Monday 00:00" in c.reason and "00:00 thứ Hai" in c.reason_vi
    _no_overlap(whole.entries)
    # Every window over the boundary sees the same.
    for lo, hi in [
        (at(17, 23), at(18, 1)),
        (at(17, 23, 45), at(18, 0, 35)),
        (at(18, 0), at(18, 1)),
        (at(18, 0, 30), at(18, 0, 31)),
        (at(11, 0), at(11, 1)),
    ]:
        assert_same_as_longer(
            sched, its, start=lo, end=hi, longer_start=at(2, 0), longer_end=at(26, 0)
        )


def test_a_playlist_played_round_the_clock_for_weeks_never_drops_a_sunday_night():
    # Three 20-minute items back to back every hour from :05 (a playlist played round the
    # clock), and an extra item on Friday 8th that pushes the queue 15 minutes late for good.
    sched = schedule(
        {"kind": "cron", "minute": "5", "item_ids": ["a", "b", "c"]},
        once(at(8, 12, 0), ["x"]),
        queue_tolerance_s=3600,
        session_gap_s=60,
        quiet_hours=None,
    )
    its = items(a=(1200, N), b=(1200, N), c=(1200, N), x=(900, N))
    whole = expand(sched, its, start=at(4, 0), end=at(4, 0) + timedelta(days=28))
    assert [v for v in whole.violations if v.kind == "week_boundary"] == []
    _no_overlap(whole.entries)
    for monday in (at(11, 0), at(18, 0), at(25, 0)):
        sunday_night = [e for e in whole.entries if e.start <= monday < e.end]
        assert sunday_night, monday  # the broadcast running at Monday 00:00 plays
    for hours in (7, 30):
        t = at(10, 20)
        got = []
        while t < at(19, 4):
            got += expand(sched, its, start=t, end=t + timedelta(hours=hours)).entries
            t += timedelta(hours=hours)
        assert got == [e for e in whole.entries if at(10, 20) <= e.start < t]


def test_a_relay_window_early_on_monday_starts_when_sunday_nights_broadcast_ends():
    # As above, with a priority relay window 00:35–01:20 on Mondays from the 18th: fitted
    # after what the rules alone carry across (Sunday's 23:30, ending 00:30) it would open on
    # time; Sunday 17th's 23:40 plays on to 00:40, and the relay starts then (it keeps its
    # end), 300 s late.
    sched = schedule(
        {"kind": "cron", "minute": "30", "item_ids": ["h"]},
        {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": "00:35", "end": "01:20"},
            "weekdays": [0],
            "priority": "priority",
            "start_date": "2027-01-18",
        },
        once(at(6, 10, 25), ["x"]),
        queue_tolerance_s=1800,
        quiet_hours=None,
    )
    its = items(h=(3600, N), x=(600, N))
    plan, whole = assert_same_as_longer(
        sched, its, start=at(17, 22), end=at(18, 3), longer_start=at(3, 0), longer_end=at(20, 0)
    )
    relays = [e for e in whole.entries if e.relay == "vov1"]
    assert [(e.start, e.end, e.delay_s) for e in relays] == [(at(18, 0, 40), at(18, 1, 20), 300)]
    _no_overlap(whole.entries)
    assert by_start_end(plan, at(17, 23, 40)) == at(18, 0, 40)
    assert plan.violations == []


def by_start_end(plan, start):
    [e] = [e for e in plan.entries if e.start == start]
    return e.end

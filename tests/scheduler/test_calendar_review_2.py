"""The plan across calendar edges the first review (test_calendar_review.py) does not cover,
each against a reading of docs/bundle-format.md ("Schedule rules on the calendar") done by
hand with `datetime` alone: month days that some months lack, the last weekday of a month,
ISO weeks and weekdays across the year end, a window that starts or ends at an occurrence
instant, a plan made again from a `now` inside a running broadcast, broadcasts reaching
into quiet hours, windows of 60 days and many rules, windows given in zones that keep
daylight saving time. Fixed dates: `expand` takes every time as an argument, never the clock.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content_library.types import Priority
from scheduler.plan import ItemInfo, expand
from scheduler.rules import Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P, E = Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY


def sched(*rules: dict, **policy) -> Schedule:
    return Schedule.model_validate({"rules": list(rules), "policy": policy})


def items(**spec) -> dict[str, ItemInfo]:
    return {k: ItemInfo(k, float(d), p) for k, (d, p) in spec.items()}


def vn(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=VN)


def dates(lo: date, hi: date) -> list[date]:
    return [lo + timedelta(days=k) for k in range((hi - lo).days)]


A = items(a=(60, N))


@pytest.mark.parametrize("day", [29, 30, 31])
def test_a_monthly_rule_from_the_29th_30th_or_31st_skips_months_without_that_day(day):
    # Never moved to the month's last day or the next month's first: only months that have
    # the day, 29 February in leap years only. The campaign starts on that day.
    rule = {"kind": "cron", "day": str(day), "hour": "7", "item_ids": ["a"]}
    rule["start_date"] = f"2027-01-{day}"
    plan = expand(sched(rule), A, start=vn(2027, 1, 1), end=vn(2028, 6, 1))
    want = [d for d in dates(date(2027, 1, day), date(2028, 6, 1)) if d.day == day]
    assert [e.start for e in plan.entries] == [vn(d.year, d.month, d.day, 7) for d in want]
    assert (date(2027, 2, 28) not in want) and (day != 29 or date(2028, 2, 29) in want)


def test_the_last_day_the_last_sunday_and_the_first_monday_of_each_month():
    last = {"kind": "cron", "day": "last", "hour": "18", "item_ids": ["a"]}
    sunday = {"kind": "cron", "day": "last sun", "hour": "19", "item_ids": ["a"]}
    monday = {"kind": "cron", "day": "1st mon", "hour": "20", "item_ids": ["a"]}
    plan = expand(sched(last, sunday, monday), A, start=vn(2027, 1, 1), end=vn(2029, 1, 1))
    days = dates(date(2027, 1, 1), date(2029, 1, 1))
    ends = [d for d in days if (d + timedelta(days=1)).day == 1]
    sundays = [d for d in days if d.weekday() == 6 and (d + timedelta(days=7)).month != d.month]
    want = sorted(
        [vn(d.year, d.month, d.day, 18) for d in ends]
        + [vn(d.year, d.month, d.day, 19) for d in sundays]
        + [vn(d.year, d.month, d.day, 20) for d in days if d.weekday() == 0 and d.day <= 7]
    )
    assert [e.start for e in plan.entries] == want
    assert vn(2028, 2, 29, 18) in want and vn(2027, 2, 28, 18) in want


@pytest.mark.parametrize("weekdays", [[0, 3, 5], [6], [0, 1, 2, 3, 4], [2, 4, 6]])
def test_several_weekdays_across_the_year_end_as_daily_and_as_cron(weekdays):
    names = ",".join(("mon", "tue", "wed", "thu", "fri", "sat", "sun")[w] for w in weekdays)
    daily = {"kind": "daily", "times": ["07:00"], "weekdays": weekdays, "item_ids": ["a"]}
    cron = {"kind": "cron", "day_of_week": names, "hour": "7", "item_ids": ["a"]}
    lo, hi = date(2026, 12, 20), date(2028, 1, 10)  # two year ends, 2027 not a leap year
    want = [vn(d.year, d.month, d.day, 7) for d in dates(lo, hi) if d.weekday() in weekdays]
    for rule in (daily, cron):
        plan = expand(sched(rule), A, start=vn(2026, 12, 20), end=vn(2028, 1, 10))
        assert [e.start for e in plan.entries] == want


@pytest.mark.parametrize("week", ["1", "52", "53", "1-2", "52-53"])
def test_the_iso_week_field_across_the_year_end(week):
    # APScheduler's `week` is the ISO week: 29–31 December 2025 are week 1 of 2026, and
    # 2026 has a week 53 (28 December 2026 – 3 January 2027).
    first, _, last = week.partition("-")
    lo_w, hi_w = int(first), int(last or first)
    rule = {"kind": "cron", "week": week, "day_of_week": "*", "hour": "7", "item_ids": ["a"]}
    plan = expand(sched(rule), A, start=vn(2025, 12, 15), end=vn(2027, 1, 20))
    want = [
        vn(d.year, d.month, d.day, 7)
        for d in dates(date(2025, 12, 15), date(2027, 1, 20))
        if lo_w <= d.isocalendar().week <= hi_w
    ]
    assert [e.start for e in plan.entries] == want


def test_a_window_starting_or_ending_at_an_occurrence_takes_it_once():
    # [start, end): an occurrence at `start` is in, one at `end` is out, in any offset and to
    # the microsecond; windows cut at every occurrence give each one exactly once.
    rule = {"kind": "daily", "times": ["06:00", "06:30", "17:00"], "item_ids": ["a"]}
    s = sched(rule)
    t = vn(2027, 3, 3, 6, 30)
    us = timedelta(microseconds=1)
    cases = [
        (t, t + timedelta(hours=1), [t]),
        (t - timedelta(hours=1), t, [vn(2027, 3, 3, 6)]),
        (t + us, t + timedelta(hours=1), []),
        (t - us, t + us, [t]),
        (t.astimezone(UTC), (t + us).astimezone(UTC), [t]),
        (t.astimezone(ZoneInfo("America/New_York")), t + timedelta(seconds=1), [t]),
    ]
    for lo, hi, want in cases:
        assert [e.start for e in expand(s, A, start=lo, end=hi).entries] == want, (lo, hi)
    whole = expand(s, A, start=vn(2027, 3, 1), end=vn(2027, 3, 8))
    cuts = [vn(2027, 3, 1), *(e.start for e in whole.entries), vn(2027, 3, 8)]
    got = []
    for lo, hi in itertools.pairwise(cuts):
        if lo < hi:
            got += expand(s, A, start=lo, end=hi).entries
    assert got == whole.entries and len(got) == 21


def test_a_plan_made_again_from_inside_a_running_broadcast():
    # The rule is edited at 06:01 while its 06:00 run of three plays: the plan from then has
    # the run's later repeats, not the one already playing, and the new rule's entries from
    # then on; an emergency no rule schedules plays at `now` and the repeat it overlaps is
    # dropped for it (later repeats keep their times: a repeat run is not queued).
    old = {"kind": "daily", "times": ["06:00"], "item_ids": ["b"], "repeat": 3, "gap_s": 60}
    new = {**old, "times": ["06:00", "06:10"]}
    its = items(b=(120, N), e=(60, E))
    now = vn(2027, 3, 3, 6, 1)
    for rules in ([old], [new]):
        plan = expand(sched(*rules), its, start=now, end=now + timedelta(days=1), now=now)
        whole = expand(sched(*rules), its, start=vn(2027, 3, 2), end=vn(2027, 3, 5), now=now)
        assert plan.entries == [e for e in whole.entries if now <= e.start < now + timedelta(1)]
        starts = [(e.start, e.item_id) for e in plan.entries]
        assert starts[:3] == [(now, "e"), (vn(2027, 3, 3, 6, 3), "b"), (vn(2027, 3, 3, 6, 6), "b")]
        assert (vn(2027, 3, 3, 6), "b") not in starts
        assert sum(1 for s in starts if s[0] == vn(2027, 3, 4, 6)) == 1
    plan = expand(sched(new), its, start=now, end=vn(2027, 3, 3, 7), now=now)
    # 06:10's run queues behind nothing: 06:00's run ended 06:08.
    assert [e.start for e in plan.entries if e.item_id == "b"][2:] == [
        vn(2027, 3, 3, 6, 10),
        vn(2027, 3, 3, 6, 13),
        vn(2027, 3, 3, 6, 16),
    ]


def test_broadcasts_reaching_into_quiet_hours():
    # 22:00–05:00: one ending exactly at 22:00 plays; one running past 22:00 is dropped; one
    # queued (within tolerance) across 22:00 is dropped after the queue, at its queued time;
    # 05:00 sharp plays, and one a second earlier running past 05:00 is dropped.
    def once(when: str, item: str) -> dict:
        return {"kind": "once", "at": f"2027-03-{when}+07:00", "item_ids": [item]}

    s = sched(
        once("03T21:50:00", "t"),
        once("04T21:45:00", "t"),
        once("04T21:50:00", "t"),
        once("05T21:55:00", "t"),
        once("06T05:00:00", "t"),
        once("06T04:59:59", "x"),
        queue_tolerance_s=600,
    )
    its = items(t=(600, N), x=(2, N))
    plan = expand(s, its, start=vn(2027, 3, 3), end=vn(2027, 3, 7))
    assert [(e.start, e.end) for e in plan.entries] == [
        (vn(2027, 3, 3, 21, 50), vn(2027, 3, 3, 22)),
        (vn(2027, 3, 4, 21, 45), vn(2027, 3, 4, 21, 55)),
        (vn(2027, 3, 6, 5), vn(2027, 3, 6, 5, 10)),
    ]
    got = [(v.kind, v.entry.start, v.entry.delay_s, v.entry.item_id) for v in plan.violations]
    assert got == [
        ("quiet_hours", vn(2027, 3, 4, 21, 55), 300, "t"),
        ("quiet_hours", vn(2027, 3, 5, 21, 55), 0, "t"),
        ("quiet_hours", vn(2027, 3, 6, 4, 59, 59), 0, "x"),
    ]
    assert all("22:00–05:00" in v.reason and "giờ yên tĩnh" in v.reason_vi for v in plan.violations)


def _many_rules() -> tuple[Schedule, dict[str, ItemInfo]]:
    its = {
        f"i{k}": ItemInfo(f"i{k}", float(30 + k % 7 * 40), P if k % 5 == 0 else N)
        for k in range(40)
    }
    its["e"] = ItemInfo("e", 120.0, E)
    rules: list[dict] = [
        {
            "kind": "daily",
            "times": [f"{5 + k % 17:02d}:{k * 7 % 60:02d}"],
            "item_ids": [f"i{k % 40}"],
            "weekdays": sorted({k % 7, (k + 2) % 7, (k + 4) % 7}),
        }
        for k in range(60)
    ]
    rules += [
        {
            "kind": "cron",
            "day": "last" if k % 2 else str(1 + k * 3 % 31),
            "hour": str(6 + k % 12),
            "minute": str(k % 60),
            "item_ids": [f"i{k}"],
        }
        for k in range(30)
    ]
    rules.append({"kind": "cron", "day": "*/9", "hour": "9", "minute": "1", "item_ids": ["e"]})
    return sched(*rules, max_per_day=6, max_session_minutes=30), its


def test_sixty_days_of_many_rules_in_one_window_or_day_by_day():
    # 91 rules over 60 days from 28 December (the year end and a 31st-less February in
    # it): one long window gives what the 60 one-day windows give, and what each rule's
    # occurrences add up to is accounted for (played, dropped for a conflict or a policy).
    s, its = _many_rules()
    lo = vn(2026, 12, 28)
    whole = expand(s, its, start=lo, end=lo + timedelta(days=60))
    days = [expand(s, its, start=lo + timedelta(d), end=lo + timedelta(d + 1)) for d in range(60)]
    assert [e for p in days for e in p.entries] == whole.entries
    assert [c for p in days for c in p.conflicts] == whole.conflicts
    assert [v for p in days for v in p.violations] == whole.violations

    def scheduled(e) -> tuple[int | None, datetime]:
        return e.rule_index, e.start - timedelta(seconds=e.delay_s)

    fired = [scheduled(e) for e in whole.entries]
    fired += [scheduled(c.entry) for c in whole.conflicts]
    fired += [scheduled(v.entry) for v in whole.violations]
    daily = [r for r in s.rules if r.kind == "daily"]
    want = sum(
        1
        for r in daily
        for d in dates(lo.date(), (lo + timedelta(days=60)).date())
        if d.weekday() in r.weekdays
    )
    daily_fired = [f for f in fired if f[0] is not None and f[0] < len(daily)]
    assert len(daily_fired) == len(set(daily_fired)) == want  # each once, none lost
    entries = sorted(whole.entries, key=lambda e: e.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(entries))


@pytest.mark.parametrize(
    "zone", ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham"]
)
def test_windows_given_in_zones_with_daylight_saving_are_the_same_instants(zone):
    # A unit's clock may carry another zone. The window is the same instants whatever zone
    # its ends are given in, also when they fall on a change of the clocks (folds and gaps),
    # and the plan's times are Vietnam times.
    z = ZoneInfo(zone)
    s, its = _many_rules()
    for year in (2027, 2028):
        for month in (3, 4, 9, 10, 11):  # the changes of the clocks, north and south
            lo = datetime(year, month, 1, 1, 30, tzinfo=z)
            for fold in (0, 1):
                a = lo.replace(fold=fold)
                b = (a + timedelta(days=2)).replace(hour=2, minute=30, fold=fold)
                ours = expand(s, its, start=a.astimezone(VN), end=b.astimezone(VN))
                theirs = expand(s, its, start=a, end=b)
                assert theirs.entries == ours.entries
                assert theirs.start == a.astimezone(VN) and theirs.start.tzinfo is VN
                assert all(e.start.tzinfo is VN for e in theirs.entries)

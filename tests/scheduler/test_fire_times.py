"""Fire times of a CronTrigger are read once per day it fires on, not once per firing.

`fire_times` asks APScheduler for the days (the date fields) and for the times of day (the clock
fields) and combines them; these tests hold it to APScheduler's own firing-by-firing answer
(`_each_fire_time`), on random cron fields and windows, on triggers with their own start and
end, and across a change of UTC offset (Europe/Berlin's summer time), and count what it asks.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import occurrences
from scheduler.occurrences import _each_fire_time, fire_times
from scheduler.rules import parse_schedule
from scheduler.tz import TZ


def firing_by_firing(trigger: CronTrigger, lo: datetime, hi: datetime) -> list[datetime]:
    return list(_each_fire_time(trigger, lo, hi))


def _list(values: list[int]) -> str:
    return ",".join(str(v) for v in sorted(set(values)))


def field(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.just("*"),
        st.integers(lo, hi).map(str),
        st.lists(st.integers(lo, hi), min_size=1, max_size=6).map(_list),
        st.tuples(st.integers(lo, hi), st.integers(lo, hi)).map(lambda ab: f"{min(ab)}-{max(ab)}"),
        st.integers(2, max(2, (hi - lo) // 2)).map(lambda n: f"*/{n}"),
    )


cron_fields = st.fixed_dictionaries(
    {
        "month": st.one_of(st.just("*"), field(1, 12)),
        "day": st.one_of(st.just("*"), field(1, 28), st.just("last")),
        "day_of_week": st.one_of(st.just("*"), field(0, 6), st.just("mon-fri")),
        "hour": field(0, 23),
        "minute": field(0, 59),
        "second": st.one_of(st.just("0"), field(0, 59)),
    }
)

windows = st.tuples(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2029, 12, 31)),
    st.integers(min_value=0, max_value=40 * 24 * 3600),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=cron_fields, window=windows)
def test_the_same_fire_times_as_apscheduler_asked_firing_by_firing(fields, window):
    trigger = CronTrigger(timezone=TZ, **fields)
    start, seconds = window
    lo = start.replace(tzinfo=TZ)
    hi = lo + timedelta(seconds=seconds)
    got = list(fire_times(trigger, lo, hi))
    assert got == firing_by_firing(trigger, lo, hi)
    assert all(t.tzinfo is TZ for t in got)


def test_a_triggers_own_start_and_end_bound_its_fire_times():
    trigger = CronTrigger(
        hour="6,18",
        minute="0,30",
        timezone=TZ,
        start_date=datetime(2027, 3, 2, 18, 0, tzinfo=TZ),
        end_date=datetime(2027, 3, 5, 6, 30, tzinfo=TZ),
    )
    lo, hi = datetime(2027, 3, 1, tzinfo=TZ), datetime(2027, 3, 8, tzinfo=TZ)
    got = list(fire_times(trigger, lo, hi))
    assert got == firing_by_firing(trigger, lo, hi)
    assert got[0] == datetime(2027, 3, 2, 18, 0, tzinfo=TZ)
    assert got[-1] == datetime(2027, 3, 5, 6, 30, tzinfo=TZ)
    assert len(got) == 2 + 4 + 4 + 2


@pytest.mark.parametrize(
    "day",
    [
        datetime(2027, 3, 28, tzinfo=ZoneInfo("Europe/Berlin")),  # 02:00 → 03:00
        datetime(2027, 10, 31, tzinfo=ZoneInfo("Europe/Berlin")),  # 03:00 → 02:00
    ],
)
def test_a_day_whose_offset_changes_is_walked_firing_by_firing(day):
    """Vietnam has kept +07:00 since 1975; a zone with summer time must still come out right
    (the hour that does not exist, the hour that comes twice)."""
    trigger = CronTrigger(minute="*/20", timezone=day.tzinfo)
    lo, hi = day - timedelta(days=1), day + timedelta(days=2)
    assert list(fire_times(trigger, lo, hi)) == [
        t.astimezone(TZ) for t in firing_by_firing(trigger, lo, hi)
    ]


def test_a_rule_firing_every_minute_is_asked_of_apscheduler_once_a_day(monkeypatch):
    """A daily rule with all 1 440 times of the day: one trigger, asked about once per day
    (and once for the times of a day), where it was asked 1 440 times a day by 1 440
    triggers (seconds of CPU for a one-day plan)."""
    every_minute = [f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)]
    rule = parse_schedule(
        {"rules": [{"kind": "daily", "item_ids": ["a"], "times": every_minute}]}
    ).rules[0]
    triggers = rule.triggers()
    assert len(triggers) == 1
    occurrences._times_of_day.cache_clear()
    asked = 0
    real = CronTrigger.get_next_fire_time

    def counted(self, previous, now):
        nonlocal asked
        asked += 1
        return real(self, previous, now)

    monkeypatch.setattr(CronTrigger, "get_next_fire_time", counted)
    lo = datetime(2027, 2, 1, tzinfo=TZ)
    got = list(fire_times(triggers[0], lo, lo + timedelta(days=7)))
    assert len(got) == 7 * 1440 and len(set(got)) == len(got)
    assert got[0] == lo and got[-1] == lo + timedelta(days=7, minutes=-1)
    assert asked <= 7 + 1 + 24 + 60 + 1 + 3  # days, then each clock field's values once
    asked = 0
    assert len(list(fire_times(triggers[0], lo, lo + timedelta(days=7)))) == 7 * 1440
    assert asked <= 7 + 1  # the times of a day are kept


@pytest.mark.parametrize(
    "times",
    [
        ["06:00"],
        ["06:00", "06:30", "18:00"],
        ["05:15", "11:45", "17:15", "23:59", "00:00"],
        [f"{h:02d}:{m:02d}" for h in range(0, 24, 3) for m in (0, 20) if (h + m) % 2 == 0],
    ],
)
def test_a_daily_rules_triggers_fire_each_of_its_times_once_a_day(times):
    rule = parse_schedule(
        {"rules": [{"kind": "daily", "item_ids": ["a"], "times": times, "weekdays": [0, 2, 4, 6]}]}
    ).rules[0]
    lo = datetime(2027, 5, 3, tzinfo=TZ)  # a Monday
    got = sorted(t for trig in rule.triggers() for t in fire_times(trig, lo, lo + timedelta(7)))
    want = sorted(
        lo + timedelta(days=d, hours=int(t[:2]), minutes=int(t[3:]))
        for d in (0, 2, 4, 6)
        for t in times
    )
    assert got == want
    assert len(rule.triggers()) <= len(times)


def test_times_of_day_are_apschedulers_own():
    """The combined values of the clock fields are the firings of one day."""
    midnight = datetime(2001, 1, 1, tzinfo=UTC)
    for hour, minute, second in [
        ("*/5", "7,37", "0"),
        ("0-3,22", "*/15", "10,50"),
        ("9", "*", "0"),
    ]:
        whole = CronTrigger(hour=hour, minute=minute, second=second, timezone=UTC)
        assert [midnight + t for t in occurrences._times_of_day(hour, minute, second)] == list(
            _each_fire_time(whole, midnight, midnight + timedelta(days=1))
        )

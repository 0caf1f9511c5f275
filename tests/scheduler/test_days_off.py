"""Days off (ngày nghỉ phát) in a rule: `days_off`, dates and inclusive ranges on which a daily,
cron or relay rule does not fire (docs/bundle-format.md, "Schedule rules on the calendar";
docs/recipes.md).

What is checked, each against instants written out by hand or found with plain date arithmetic
in Vietnam time (UTC+7, no daylight saving), never by the code under test:

- the field: written one way (sorted, duplicates, overlaps and touching ranges joined), bounded,
  refused with a Vietnamese reason when it is not a list of calendar dates; absent from the
  dump when empty, so a schedule without it is written byte for byte as before;
- Tết Đinh Mùi, "no broadcasts 05–10/02/2027": a daily rule, a cron rule, a relay window and an
  emergency rule, the same plan as the two split campaigns the recipe used to need;
- a range over a year's end, in one window and in windows cut anywhere;
- firings that run past midnight belong to the day they start, into a day off or out of one;
- window ends and one-off times given with another offset (the day is Vietnam's), and a one-off
  time on a day off, which still plays;
- cron rules (the month's last day, weekends, every 30 minutes), and the cost: days off are
  skipped without asking APScheduler about them;
- the unit: a signed bundle with days off, verified and expanded as the unit expands it
  (`playout.store.check_schedule`, `playout.core.build_candidates`), and as `loa plan` does.

Every instant is an argument (`start`, `end`, `now`, `wall`): the file passes with the wall
clock moved (tests/timeshift/run).
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from content_library.types import Priority
from scheduler import ItemInfo, ScheduleError, expand, parse_schedule
from scheduler.days_off import MAX_DAYS_OFF
from scheduler.plan import Plan, plan_from_manifest
from scheduler.rules import CronRule, DailyRule, RelayRule, Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, E = Priority.NORMAL, Priority.EMERGENCY


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def wall(instant: datetime) -> datetime:
    return instant.astimezone(VN).replace(tzinfo=None)


def w(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A naive Vietnamese wall time (what the expectations are written in)."""
    return datetime(y, m, d, hh, mm)


def items(**spec: tuple[float, Priority]) -> dict[str, ItemInfo]:
    return {k: ItemInfo(k, float(d), p) for k, (d, p) in spec.items()}


def sched(*rules: dict, **policy: object) -> Schedule:
    return parse_schedule({"rules": list(rules), "policy": policy})


def starts(plan: Plan) -> list[tuple[datetime, str]]:
    return [(wall(e.start), e.item_id) for e in plan.entries]


def days(first: date, last: date) -> list[date]:
    """first … last, both included."""
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


NO_QUIET: dict[str, Any] = {"quiet_hours": None}
TET_OFF = ["2027-02-05/2027-02-10"]  # "no broadcasts 05–10/02/2027" (Tết Đinh Mùi is 06/02)
OFF = days(date(2027, 2, 5), date(2027, 2, 10))


# ---- the field --------------------------------------------------------------------------------


def test_days_off_are_written_one_way():
    rule = DailyRule(
        times=["06:00"],
        item_ids=["a"],
        days_off=[
            "2027-09-02",
            "2027-02-08/2027-02-10",
            " 2027-02-05/2027-02-07 ",  # touches the one above: one range
            "2027-09-02",  # twice
            "2027-02-06",  # inside a range
            "2027-09-02/2027-09-02",  # a one-day range is its date
            "2026-12-31/2027-01-01",
        ],
    )
    assert rule.days_off == ["2026-12-31/2027-01-01", "2027-02-05/2027-02-10", "2027-09-02"]
    assert rule.day_ranges() == (
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2027, 2, 5), date(2027, 2, 10)),
        (date(2027, 9, 2), date(2027, 9, 2)),
    )
    assert DailyRule(times=["06:00"], item_ids=["a"], days_off=[date(2027, 9, 2)]).days_off == [
        "2027-09-02"
    ]
    # Daily, cron and relay rules take them; a one-off time is one day already.
    assert CronRule(hour="7", item_ids=["a"], days_off=TET_OFF).days_off == TET_OFF
    relay = RelayRule(relay="vov1", window={"start": "05:30", "end": "06:00"}, days_off=TET_OFF)
    assert relay.days_off == TET_OFF
    with pytest.raises(ScheduleError) as info:
        sched({"kind": "once", "at": "2027-02-06T07:00", "item_ids": ["a"], "days_off": TET_OFF})
    assert "trường không được phép" in info.value.reason_vi


@pytest.mark.parametrize(
    ("days_off", "english", "vietnamese"),
    [
        (["2027-02-29"], "not in the calendar", "'2027-02-29' không có trong lịch"),
        (
            ["2027-02-01/2027-02-30"],
            "'2027-02-30' in '2027-02-01/2027-02-30' is not in the calendar",
            "'2027-02-30' trong '2027-02-01/2027-02-30' không có trong lịch",
        ),
        (
            ["2027-02-10/2027-02-05"],
            "the last day 2027-02-05 is before the first 2027-02-10",
            "ngày cuối 05/02/2027 trước ngày đầu 10/02/2027",
        ),
        (["05/02/2027"], "not a date written YYYY-MM-DD", "không viết dạng YYYY-MM-DD"),
        (["2027-2-5"], "not a date written YYYY-MM-DD", "không viết dạng YYYY-MM-DD"),
        (["20270205"], "not a date written YYYY-MM-DD", "không viết dạng YYYY-MM-DD"),
        (["2027-02-05T00:00"], "not a date written YYYY-MM-DD", "không viết dạng YYYY-MM-DD"),
        (["2027-02-05/2027-02-06/2027-02-07"], "a range is two dates", "một khoảng gồm hai ngày"),
        ([20270205], "not 20270205", "không phải 20270205"),
        ("2027-02-05", "is a list", "phải là danh sách"),
        (
            [f"2027-01-01/2027-01-{d:02d}" for d in range(1, 32)] * 4,
            f"at most {MAX_DAYS_OFF} days off",
            f"tối đa {MAX_DAYS_OFF} ngày hoặc khoảng nghỉ phát",
        ),
    ],
    ids=lambda v: str(v)[:30],
)
def test_bad_days_off_are_refused_in_both_languages(days_off, english, vietnamese):
    rule = {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], "days_off": days_off}
    with pytest.raises(ScheduleError) as info:
        sched(rule)
    assert english in info.value.reason and "days_off" in info.value.reason
    assert vietnamese in info.value.reason_vi
    assert info.value.reason_vi.startswith("Lịch phát không hợp lệ: rules.0.daily.days_off: ")


def test_as_many_days_off_as_allowed_are_taken_even_when_they_join():
    """The bound counts what was given, not what is left after joining: 100 single days."""
    first = date(2027, 1, 1)
    given = [(first + timedelta(days=2 * k)).isoformat() for k in range(MAX_DAYS_OFF)]
    assert len(DailyRule(times=["06:00"], item_ids=["a"], days_off=given).days_off) == 100


# What the scheduler of the commit before days off wrote for this schedule, byte for byte.
WITHOUT_DAYS_OFF = {
    "rules": [
        {
            "kind": "daily",
            "times": ["17:30", "06:00"],
            "weekdays": [4, 0, 2],
            "item_ids": ["a"],
            "repeat": 2,
            "gap_s": 5,
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
        },
        {"kind": "cron", "day": "last", "hour": 7, "item_ids": ["b"]},
        {"kind": "once", "at": "2027-02-05T00:30:00+00:00", "item_ids": ["a"]},
        {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": "23:30", "end": "00:30"},
            "weekdays": [5, 6],
        },
    ],
    "policy": {"quiet_hours": None, "max_per_day": 3},
}
WRITTEN_BEFORE = (
    '{"format":1,"rules":[{"item_ids":["a"],"repeat":2,"gap_s":5.0,"name":"",'
    '"start_date":"2027-01-01","end_date":"2027-12-31","kind":"daily","times":["06:00","17:30"],'
    '"weekdays":[0,2,4]},{"item_ids":["b"],"repeat":1,"gap_s":0.0,"name":"","start_date":null,'
    '"end_date":null,"kind":"cron","month":null,"day":"last","week":null,"day_of_week":null,'
    '"hour":"7","minute":null},{"item_ids":["a"],"repeat":1,"gap_s":0.0,"name":"","kind":"once",'
    '"at":"2027-02-05T07:30:00+07:00"},{"kind":"relay","relay":"vov1","window":{"start":"23:30",'
    '"end":"00:30"},"weekdays":[5,6],"priority":"normal","start_date":null,"end_date":null,'
    '"name":""}],"loop":null,"policy":{"quiet_hours":null,"max_per_day":3,'
    '"max_session_minutes":null,"allowed_weekdays":[0,1,2,3,4,5,6],"queue_tolerance_s":300.0,'
    '"session_gap_s":300.0}}'
)


def test_a_schedule_without_days_off_is_written_as_before():
    schedule = parse_schedule(WITHOUT_DAYS_OFF)
    assert json.dumps(schedule.model_dump(mode="json"), separators=(",", ":")) == WRITTEN_BEFORE
    assert schedule.model_dump_json() == WRITTEN_BEFORE
    # an empty list (or null) is no days off, and is written as none
    empty = json.loads(WRITTEN_BEFORE)
    for rule in empty["rules"]:
        if rule["kind"] != "once":
            rule["days_off"] = []
    empty["rules"][0]["days_off"] = None
    assert parse_schedule(empty).model_dump_json() == WRITTEN_BEFORE


def test_days_off_are_written_after_the_campaign_and_read_back():
    data = json.loads(WRITTEN_BEFORE)
    data["rules"][0]["days_off"] = ["2027-09-02", "2027-02-05/2027-02-10"]
    data["rules"][3]["days_off"] = ["2027-02-05"]
    schedule = parse_schedule(data)
    dumped = schedule.model_dump(mode="json")
    assert list(dumped["rules"][0])[3:8] == ["name", "start_date", "end_date", "days_off", "kind"]
    assert dumped["rules"][0]["days_off"] == ["2027-02-05/2027-02-10", "2027-09-02"]
    assert dumped["rules"][3]["days_off"] == ["2027-02-05"]
    assert "days_off" not in dumped["rules"][1] and "days_off" not in dumped["rules"][2]
    assert parse_schedule(dumped) == schedule
    assert parse_schedule(dumped).model_dump_json() == schedule.model_dump_json()


# ---- Tết ----------------------------------------------------------------------------------------

DAILY = {"kind": "daily", "times": ["06:00", "17:00"], "weekdays": [0, 1, 2, 3, 4, 5]}
SUNDAYS = {"kind": "cron", "day_of_week": "sun", "hour": "8"}
RELAY = {"kind": "relay", "relay": "vov1", "window": {"start": "23:30", "end": "00:30"}}
TET_POLICY = {"quiet_hours": {"start": "01:00", "end": "05:00"}}


def test_tet_days_off_in_a_daily_a_cron_and_a_relay_rule():
    """Nothing starts on 05–10/02/2027 but the relay window opened on 04/02 at 23:30, which
    runs to its end (00:30 on 05/02): a firing belongs to the day it starts."""
    rules = [
        {**DAILY, "item_ids": ["a"], "days_off": TET_OFF},
        {**SUNDAYS, "item_ids": ["b"], "days_off": TET_OFF},
        {**RELAY, "days_off": TET_OFF},
    ]
    its = items(a=(60, N), b=(60, N))
    plan = expand(sched(*rules, **TET_POLICY), its, start=at(2027, 2, 1), end=at(2027, 2, 15))
    want_days = [d for d in days(date(2027, 2, 1), date(2027, 2, 14)) if d not in OFF]
    want = sorted(
        [(datetime.combine(d, time(h)), "a") for d in want_days if d.weekday() < 6 for h in (6, 17)]
        + [(datetime.combine(d, time(8)), "b") for d in want_days if d.weekday() == 6]
        + [(datetime.combine(d, time(23, 30)), "vov1") for d in want_days]
    )
    assert starts(plan) == want
    assert (w(2027, 2, 4, 23, 30), "vov1") in want and (w(2027, 2, 11, 6), "a") in want
    assert (w(2027, 2, 7, 8), "b") not in want  # the Sunday of Tết
    [late] = [e for e in plan.entries if wall(e.start) == w(2027, 2, 4, 23, 30)]
    assert wall(late.end) == w(2027, 2, 5, 0, 30)
    assert plan.conflicts == [] and plan.violations == []

    # The same plan as the recipe's split campaigns (to 04/02, from 11/02), in any window.
    def split(rule: dict) -> list[dict]:
        return [{**rule, "end_date": "2027-02-04"}, {**rule, "start_date": "2027-02-11"}]

    bare = [{k: v for k, v in r.items() if k != "days_off"} for r in rules]
    halves = [half for rule in bare for half in split(rule)]
    split_plan = expand(
        sched(*halves, **TET_POLICY), its, start=at(2027, 2, 1), end=at(2027, 2, 15)
    )
    assert starts(split_plan) == want
    pieces = [
        e
        for lo, hi in [
            (at(2027, 2, 1), at(2027, 2, 5, 0, 10)),
            (at(2027, 2, 5, 0, 10), at(2027, 2, 15)),
        ]
        for e in expand(sched(*rules, **TET_POLICY), its, start=lo, end=hi).entries
    ]
    assert [(wall(e.start), e.item_id) for e in pieces] == want

    # Without the days off every day plays: the field is what silences them.
    every_day = expand(sched(*bare, **TET_POLICY), its, start=at(2027, 2, 1), end=at(2027, 2, 15))
    assert (w(2027, 2, 6, 6), "a") in starts(every_day) and len(starts(every_day)) > len(want)


def test_an_emergency_rule_keeps_its_days_off_too():
    """An emergency a rule schedules is a firing of that rule: off on its days off, whereas an
    emergency no rule schedules plays at `now` whatever the day."""
    rules = [{"kind": "daily", "times": ["12:00"], "item_ids": ["e"], "days_off": TET_OFF}]
    its = items(e=(30, E), x=(30, E))
    now = at(2027, 2, 6, 9)  # mùng 1 Tết
    plan = expand(sched(*rules), its, start=at(2027, 2, 4), end=at(2027, 2, 12), now=now)
    assert starts(plan) == [
        (w(2027, 2, 4, 12), "e"),
        (w(2027, 2, 6, 9), "x"),
        (w(2027, 2, 11, 12), "e"),
    ]


# ---- a range over the year's end --------------------------------------------------------------


def test_a_range_over_the_years_end_in_any_window():
    """Off 30/12/2027 – 02/01/2028: a weekday rule and the month's last day. 31/12/2027 is a
    Friday and the month's last day; 03/01/2028 a Monday. Windows cut at the year's turn and
    mid-range give the same entries."""
    rules = [
        {"kind": "daily", "times": ["07:00"], "weekdays": [0, 1, 2, 3, 4], "item_ids": ["a"]},
        {"kind": "cron", "day": "last", "hour": "9", "item_ids": ["b"]},
    ]
    year_end = ["2027-12-30/2028-01-02"]
    schedule = sched(*({**r, "days_off": year_end} for r in rules))
    its = items(a=(60, N), b=(60, N))
    want = sorted(
        [
            (datetime.combine(d, time(7)), "a")
            for d in days(date(2027, 12, 20), date(2028, 1, 9))
            if d.weekday() < 5 and not date(2027, 12, 30) <= d <= date(2028, 1, 2)
        ]
        + [(w(2028, 1, 31, 9), "b")]  # 31/12/2027 is off; January's last day plays
    )
    assert (w(2027, 12, 29, 7), "a") in want and (w(2028, 1, 3, 7), "a") in want
    whole = expand(schedule, its, start=at(2027, 12, 20), end=at(2028, 2, 1))
    assert [s for s in starts(whole) if s[0] < w(2028, 1, 10) or s[1] == "b"] == want
    cuts = [
        at(2027, 12, 20),
        at(2027, 12, 31, 12),
        at(2028, 1, 1),
        at(2028, 1, 2, 23),
        at(2028, 2, 1),
    ]
    pieces = [
        s
        for lo, hi in itertools.pairwise(cuts)
        for s in starts(expand(schedule, its, start=lo, end=hi))
    ]
    assert pieces == starts(whole)


# ---- across midnight ------------------------------------------------------------------------


def test_firings_that_run_past_midnight_belong_to_the_day_they_start():
    """A daily 23:58 firing of a two-minute item played three times runs 23:58, 00:00 and
    00:02. Off on 05/02 only: 04/02's firing plays whole, on into 05/02; 05/02's does not, not
    even its part on 06/02. A relay window 23:40–00:20 likewise."""
    bulletin = {
        "kind": "daily",
        "times": ["23:58"],
        "item_ids": ["a"],
        "repeat": 3,
        "days_off": ["2027-02-05"],
    }
    its = items(a=(120, N))
    plan = expand(sched(bulletin, **NO_QUIET), its, start=at(2027, 2, 4, 12), end=at(2027, 2, 8))
    assert starts(plan) == [
        (w(2027, 2, 4, 23, 58), "a"),
        (w(2027, 2, 5, 0, 0), "a"),
        (w(2027, 2, 5, 0, 2), "a"),
        (w(2027, 2, 6, 23, 58), "a"),
        (w(2027, 2, 7, 0, 0), "a"),
        (w(2027, 2, 7, 0, 2), "a"),
        (w(2027, 2, 7, 23, 58), "a"),
    ]
    # A window from 05/02 00:01 holds the repeat of 04/02's firing that starts after it.
    late = expand(sched(bulletin, **NO_QUIET), its, start=at(2027, 2, 5, 0, 1), end=at(2027, 2, 6))
    assert starts(late) == [(w(2027, 2, 5, 0, 2), "a")]

    relay = {**RELAY, "window": {"start": "23:40", "end": "00:20"}, "days_off": ["2027-02-05"]}
    plan = expand(sched(relay, **NO_QUIET), {}, start=at(2027, 2, 4), end=at(2027, 2, 8))
    assert [(wall(e.start), wall(e.end)) for e in plan.entries] == [
        (w(2027, 2, 4, 23, 40), w(2027, 2, 5, 0, 20)),
        (w(2027, 2, 6, 23, 40), w(2027, 2, 7, 0, 20)),
        (w(2027, 2, 7, 23, 40), w(2027, 2, 8, 0, 20)),
    ]


# ---- other offsets -----------------------------------------------------------------------------


def test_the_day_is_vietnams_whatever_offset_the_window_or_a_one_off_is_given_in():
    """06:00 in Vietnam on 05/02 is 23:00 UTC on 04/02, a day that is not off in UTC; 06:00 on
    11/02 is 23:00 UTC on 10/02, off in UTC. Vietnam's date decides. A one-off time given in
    UTC for 05/02 00:30 (07:30 in Vietnam, a day off) still plays: days off are the recurring
    rules' and the relays'; a one-off slot is its own day (a notice on a day of mourning)."""
    rules = [
        {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], "days_off": TET_OFF},
        {"kind": "once", "at": "2027-02-05T00:30:00+00:00", "item_ids": ["b"]},
        {"kind": "once", "at": "2027-02-10T18:00:00-05:00", "item_ids": ["b"]},  # 11/02 06:00
    ]
    its = items(a=(60, N), b=(60, N))
    schedule = sched(*rules)
    start = datetime(2027, 2, 3, 17, tzinfo=UTC)  # 04/02 00:00 in Vietnam
    end = datetime(2027, 2, 11, 12, tzinfo=ZoneInfo("America/New_York"))  # 12/02 00:00 here
    plan = expand(schedule, its, start=start, end=end)
    assert starts(plan) == [
        (w(2027, 2, 4, 6), "a"),
        (w(2027, 2, 5, 7, 30), "b"),
        (w(2027, 2, 11, 6), "a"),
        (w(2027, 2, 11, 6, 1), "b"),  # queued right after 'a' (equal priority, 60 s)
    ]
    assert plan.entries[0].start == datetime(2027, 2, 3, 23, tzinfo=UTC)
    assert plan.entries[2].start == datetime(2027, 2, 10, 23, tzinfo=UTC)
    assert plan.entries[3].delay_s == 60.0
    utc_window = expand(
        schedule,
        its,
        start=datetime(2027, 2, 4, 17, tzinfo=UTC),
        end=datetime(2027, 2, 10, 17, tzinfo=UTC),
    )
    assert starts(utc_window) == [(w(2027, 2, 5, 7, 30), "b")]


# ---- cron rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "days_off", "want"),
    [
        # The month's last day, 28/02/2027 off: January and March play.
        (
            {"day": "last", "hour": "7"},
            ["2027-02-28"],
            [w(2027, 1, 31, 7), w(2027, 3, 31, 7)],
        ),
        # Weekends 08:00 with Tết off: 06–07/02 are silent, 13–14/02 play.
        (
            {"day_of_week": "sat,sun", "hour": "8"},
            TET_OFF,
            [w(2027, 1, 30, 8), w(2027, 1, 31, 8), w(2027, 2, 13, 8), w(2027, 2, 14, 8)],
        ),
        # Every 30 minutes from 09:00 to 10:30, off 02/02 and 04/02.
        (
            {"hour": "9-10", "minute": "*/30", "day_of_week": "mon-thu"},
            ["2027-02-02", "2027-02-04"],
            [w(2027, 2, d, h, m) for d in (1, 3) for h in (9, 10) for m in (0, 30)],
        ),
    ],
    ids=["last-day", "weekends", "every-30-min"],
)
def test_cron_rules_skip_their_days_off(fields, days_off, want):
    rule = {"kind": "cron", **fields, "item_ids": ["a"], "days_off": days_off}
    lo, hi = want[0].replace(hour=0, minute=0), want[-1] + timedelta(days=1)
    plan = expand(
        sched(rule), items(a=(60, N)), start=lo.replace(tzinfo=VN), end=hi.replace(tzinfo=VN)
    )
    assert [t for t, _ in starts(plan)] == want


def test_days_off_are_skipped_without_asking_apscheduler_about_them(monkeypatch):
    """A year of a daily rule off from February to November asks the cron trigger about far
    fewer days than the same year without days off: the days off are cut out of the range of
    fire times, not looked at firing by firing. (Counts, not seconds.)"""
    asked = 0
    real = CronTrigger.get_next_fire_time

    def counting(self, previous, now):
        nonlocal asked
        asked += 1
        return real(self, previous, now)

    monkeypatch.setattr(CronTrigger, "get_next_fire_time", counting)
    rule = {"kind": "daily", "times": ["06:00", "12:00", "17:00"], "item_ids": ["a"]}
    its = items(a=(60, N))
    window = {"start": at(2027, 1, 1), "end": at(2028, 1, 1)}
    every_day = expand(sched(rule), its, **window)
    asked_every_day, asked = asked, 0
    off = expand(sched({**rule, "days_off": ["2027-02-01/2027-11-30"]}), its, **window)
    assert len(every_day.entries) == 3 * 365
    assert len(off.entries) == 3 * (31 + 31)  # January and December
    assert asked * 3 < asked_every_day


def test_days_off_at_the_ends_of_the_calendar():
    """A range to 31/12/9999 (typed for "from now on") or from 01/01/0001 plans without
    reaching past the calendar, and silences everything on its side."""
    its = items(a=(60, N))
    rule = {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]}
    window = {"start": at(2027, 2, 1), "end": at(2027, 2, 11)}
    tail = expand(sched({**rule, "days_off": ["2027-02-05/9999-12-31"]}), its, **window)
    assert starts(tail) == [(w(2027, 2, d, 6), "a") for d in range(1, 5)]
    head = expand(sched({**rule, "days_off": ["0001-01-01/2027-02-08"]}), its, **window)
    assert starts(head) == [(w(2027, 2, d, 6), "a") for d in (9, 10)]
    both = ["0001-01-01/2027-02-02", "2027-02-04", "2027-02-06/9999-12-31"]
    assert starts(expand(sched({**rule, "days_off": both}), its, **window)) == [
        (w(2027, 2, 3, 6), "a"),
        (w(2027, 2, 5, 6), "a"),
    ]


# ---- the unit ----------------------------------------------------------------------------------

UNIT_T0 = datetime(2027, 2, 1, 8, 0, tzinfo=VN)  # the bundle is made a few days before Tết


def test_the_unit_expands_a_signed_bundles_days_off(tmp_path):
    """A bundle signed with days off, verified as the unit verifies it (its schedule checked
    by `playout.store.check_schedule`), planned as the unit plans it with its wall clock
    moving on an hour at a time, and as `loa plan` prints it: nothing on 05–10/02/2027."""
    from playout.core import Kind, build_candidates, items_meta
    from playout.store import check_schedule
    from protocol.bundle import verify_bundle
    from tests.playout.conftest import UnitKit

    kit = UnitKit(tmp_path, t0=UNIT_T0)
    schedule = {
        "format": 1,
        "rules": [
            {
                "kind": "daily",
                "times": ["06:00", "17:00"],
                "item_ids": ["a"],
                "days_off": ["2027-02-10", "2027-02-05/2027-02-09"],  # as typed: joined
            },
            {
                "kind": "cron",
                "day_of_week": "sun",
                "hour": "8",
                "item_ids": ["b"],
                "days_off": TET_OFF,
            },
        ],
        "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
    }
    path = kit.bundle(
        [kit.item("a", seconds=3.0), kit.item("b", seconds=2.0)],
        schedule=schedule,
        units=("unit-01",),
        expires_at=UNIT_T0 + timedelta(days=14),
    )
    verified = verify_bundle(
        path,
        trusted_keys={kit.kid: kit.pub},
        now=UNIT_T0,
        unit_id="unit-01",
        manifest_check=check_schedule,
    )
    manifest = verified.manifest
    assert manifest.schedule["rules"][0]["days_off"] == schedule["rules"][0]["days_off"]

    first, last = at(2027, 2, 2), at(2027, 2, 15)
    meta = items_meta(manifest)
    plays: dict[str, datetime] = {}
    dropped: set[str] = set()
    now = first
    while now < last:
        candidates, _, warnings = build_candidates(
            manifest, meta, wall=now, horizon_s=24 * 3600, lookback_s=0
        )
        assert warnings == []
        for c in candidates:
            assert c.kind is Kind.SCHEDULED and c.start is not None
            if first <= c.start < last:
                if c.drop_reason:
                    dropped.add(c.key)
                else:
                    plays[c.key] = c.start
        now += timedelta(hours=1)
    on = [d for d in days(date(2027, 2, 2), date(2027, 2, 14)) if d not in OFF]
    want = sorted(
        [datetime.combine(d, time(h), tzinfo=VN) for d in on for h in (6, 17)]
        + [datetime.combine(d, time(8), tzinfo=VN) for d in on if d.weekday() == 6]
    )
    assert sorted(plays.values()) == want and dropped == set()
    assert (
        datetime(2027, 2, 4, 17, tzinfo=VN) in want and datetime(2027, 2, 11, 6, tzinfo=VN) in want
    )

    printed = plan_from_manifest(manifest, start=first, hours=13 * 24)
    assert [e.start for e in printed.entries] == want
    assert not any(e.start.astimezone(VN).date() in OFF for e in printed.entries)

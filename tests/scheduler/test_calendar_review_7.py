"""The calendar the scheduler meets next, a seventh reading: December 2026 to February 2028 as a
commune operator meets it (the earlier ones: test_calendar_review.py, _2 … _6,
test_priorities_review.py, test_window_independence.py, test_days_off.py).

What this one adds, each against instants written out by hand or found with dateutil.rrule,
`date.isocalendar` and plain date arithmetic in Vietnam time (UTC+7, no daylight saving),
never by the code under test:

- sixteen months in one window: a weekday rule with Tết Đinh Mùi (06/02/2027) and Tết Mậu Thân
  (26/01/2028) off, the month's last day with 29/02/2028 off, the 5th Sunday (months without
  one have none), 29 February (2028 only), the 31st, odd ISO weeks across 2027→2028;
- a weekend rule whose broadcasts run past midnight into quiet hours and into a weekday the
  area does not allow; a range of weekdays that wraps round (sat-mon) refused, saying the
  list that was meant (a fix);
- the daily cap reached across midnight: a session from 23:50 counts for its day, the 00:03
  that joins it too; a relay 23:30–00:30 every night and a 00:03 bulletin under one session
  a day: Monday night's relay used to be dropped every week, the week's planning block
  counting Monday afresh (a fix), and the session cap likewise;
- a one-off time on a day off (plays) and in quiet hours (dropped, an emergency plays);
- two rules at the same minute with different priorities on the month's last days;
- a relay window across midnight into Tết's days off, asked from inside the window; one too
  long for the session cap no longer resumes after an emergency cut it (a fix);
- a plan made at 23:59:59 on 28/02/2028 for the next day, and one made with `now` exactly on a
  broadcast's start (queued or resumed after an emergency) or a microsecond after it;
- the unit replanning after a reboot in the middle of a broadcast across the year's turn;
- an edit that shortens the days off over Tết;
- bad input (dates not in the calendar, days off or campaigns ending before they start, cron
  fields out of range) refused with a Vietnamese reason by the scheduler and by the schedule
  form, which then returns nothing to save.

Every instant is an argument (`start`, `end`, `now`): the file passes with the wall clock
moved (tests/timeshift/run).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import DAILY, FR, MO, MONTHLY, SU, TH, TU, WE, YEARLY, rrule

from content_library.types import Priority
from scheduler import ItemInfo, ScheduleError, expand, parse_schedule
from scheduler.plan import Plan, plan_from_manifest
from scheduler.policy import check_relay_windows
from scheduler.rules import Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P, E = Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0, us: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, us, tzinfo=VN)


def wall(instant: datetime) -> datetime:
    return instant.astimezone(VN).replace(tzinfo=None)


def w(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    """A naive Vietnamese wall time (what the expectations are written in)."""
    return datetime(y, m, d, hh, mm, ss)


def items(**spec: tuple[float, Priority]) -> dict[str, ItemInfo]:
    return {k: ItemInfo(k, float(d), p) for k, (d, p) in spec.items()}


def sched(*rules: dict, **policy: object) -> Schedule:
    return parse_schedule({"rules": list(rules), "policy": policy})


def starts(plan: Plan) -> list[tuple[datetime, str]]:
    return [(wall(e.start), e.item_id) for e in plan.entries]


def dropped(plan: Plan) -> list[tuple[str, datetime, str]]:
    return [(v.kind, wall(v.entry.start), v.entry.item_id) for v in plan.violations]


def days(first: date, last: date) -> list[date]:
    """first … last, both included."""
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


TET_2027 = days(date(2027, 2, 5), date(2027, 2, 10))  # around mùng 1 Tết Đinh Mùi, 06/02/2027
TET_2028 = days(date(2028, 1, 24), date(2028, 1, 30))  # around mùng 1 Tết Mậu Thân, 26/01/2028
FROM, UNTIL = datetime(2026, 12, 1), datetime(2028, 3, 31, 23, 59)  # naive: rrule's wall times


# ---- sixteen months in one window ------------------------------------------------------------


def test_sixteen_months_of_rules_with_tet_off_against_rrule():
    schedule = sched(
        {
            "kind": "daily",
            "times": ["06:00"],
            "weekdays": [0, 1, 2, 3, 4],
            "item_ids": ["weekday"],
            "days_off": ["2027-02-05/2027-02-10", "2028-01-24/2028-01-30"],
        },
        {
            "kind": "cron",
            "day": "last",
            "hour": "7",
            "item_ids": ["last"],
            "days_off": ["2028-02-29"],
        },
        {"kind": "cron", "day": "5th sun", "hour": "8", "item_ids": ["sun5"]},
        {"kind": "cron", "month": "2", "day": "29", "hour": "9", "item_ids": ["feb29"]},
        {"kind": "cron", "day": "31", "hour": "10", "item_ids": ["d31"]},
        {"kind": "cron", "week": "*/2", "day_of_week": "sat", "hour": "11", "item_ids": ["odd"]},
        # Tết's first morning, typed as a one-off: it plays on a day off.
        {"kind": "once", "at": "2027-02-06T06:00:00+07:00", "item_ids": ["weekday"]},
        quiet_hours=None,
    )
    its = items(
        weekday=(60, N), last=(60, N), sun5=(60, N), feb29=(60, N), d31=(60, N), odd=(60, N)
    )
    plan = expand(schedule, its, start=at(2026, 12, 1), end=at(2028, 4, 1))
    assert plan.conflicts == [] and plan.violations == []
    got: dict[str, list[datetime]] = {}
    for e in plan.entries:
        got.setdefault(e.item_id, []).append(wall(e.start))

    off = set(TET_2027) | set(TET_2028)
    weekday = [
        t
        for t in rrule(DAILY, dtstart=FROM, until=UNTIL, byweekday=(MO, TU, WE, TH, FR), byhour=6)
        if t.date() not in off
    ]
    assert got["weekday"] == sorted([*weekday, w(2027, 2, 6, 6)])  # 06/02/2027 is a Saturday
    assert w(2027, 2, 4, 6) in got["weekday"] and w(2027, 2, 11, 6) in got["weekday"]
    assert w(2028, 1, 21, 6) in got["weekday"] and w(2028, 1, 31, 6) in got["weekday"]

    last = [
        t
        for t in rrule(MONTHLY, dtstart=FROM, until=UNTIL, bymonthday=-1, byhour=7)
        if t.date() != date(2028, 2, 29)
    ]
    assert got["last"] == last
    assert w(2027, 2, 28, 7) in got["last"] and w(2028, 2, 28, 7) not in got["last"]

    assert got["sun5"] == list(rrule(MONTHLY, dtstart=FROM, until=UNTIL, byweekday=SU(5), byhour=8))
    # Worked by hand: the months with five Sundays from 12/2026 to 03/2028.
    assert [t.date() for t in got["sun5"]] == [
        date(2027, 1, 31),
        date(2027, 5, 30),
        date(2027, 8, 29),
        date(2027, 10, 31),
        date(2028, 1, 30),
    ]
    assert got["feb29"] == list(
        rrule(YEARLY, dtstart=FROM, until=UNTIL, bymonth=2, bymonthday=29, byhour=9)
    )
    assert got["feb29"] == [w(2028, 2, 29, 9)]
    assert got["d31"] == list(rrule(MONTHLY, dtstart=FROM, until=UNTIL, bymonthday=31, byhour=10))

    saturdays = rrule(DAILY, dtstart=FROM, until=UNTIL, byweekday=5, byhour=11)
    assert got["odd"] == [t for t in saturdays if t.date().isocalendar()[1] % 2 == 1]
    # Across 2027→2028: 25/12/2027 is in week 51, 01/01/2028 in week 52 of 2027 (no week 53),
    # 08/01/2028 in week 1 of 2028.
    assert w(2027, 12, 25, 11) in got["odd"]
    assert w(2028, 1, 1, 11) not in got["odd"]
    assert w(2028, 1, 8, 11) in got["odd"]


# ---- a weekend rule across midnight, quiet hours and weekdays --------------------------------


@pytest.mark.parametrize(
    ("quiet_start", "plays"),
    [
        ("00:05", True),  # 23:55 + 10 min ends as the quiet hours begin: [start, end)
        ("00:04", False),  # one minute into them: dropped
    ],
)
def test_a_weekend_rule_running_past_midnight_into_quiet_hours(quiet_start, plays):
    schedule = sched(
        {"kind": "daily", "times": ["23:55"], "weekdays": [5, 6], "item_ids": ["a"]},
        quiet_hours={"start": quiet_start, "end": "05:00"},
    )
    plan = expand(schedule, items(a=(600, N)), start=at(2027, 12, 24), end=at(2028, 1, 4))
    # Saturdays and Sundays 25/12/2027, 26/12/2027, 01/01/2028, 02/01/2028.
    weekend = [w(2027, 12, 25, 23, 55), w(2027, 12, 26, 23, 55)]
    weekend += [w(2028, 1, 1, 23, 55), w(2028, 1, 2, 23, 55)]
    if plays:
        assert [s for s, _ in starts(plan)] == weekend
        assert plan.violations == []
    else:
        assert plan.entries == []
        assert dropped(plan) == [("quiet_hours", t, "a") for t in weekend]
        assert f"giờ yên tĩnh {quiet_start}–05:00" in plan.violations[0].reason_vi


def test_sundays_broadcast_into_monday_is_sundays_and_a_monday_off_is_not_heard():
    """The area does not broadcast on Sundays: Saturday 23:55 runs into Sunday and plays (a
    broadcast is of the day it starts), Sunday 23:55 is dropped although it ends on Monday."""
    schedule = sched(
        {"kind": "daily", "times": ["23:55"], "weekdays": [5, 6], "item_ids": ["a"]},
        quiet_hours=None,
        allowed_weekdays=[0, 1, 2, 3, 4, 5],
    )
    plan = expand(schedule, items(a=(600, N)), start=at(2027, 12, 24), end=at(2028, 1, 4))
    assert starts(plan) == [(w(2027, 12, 25, 23, 55), "a"), (w(2028, 1, 1, 23, 55), "a")]
    assert dropped(plan) == [
        ("weekday", w(2027, 12, 26, 23, 55), "a"),
        ("weekday", w(2028, 1, 2, 23, 55), "a"),
    ]
    assert "không phát vào Chủ nhật" in plan.violations[0].reason_vi


@pytest.mark.parametrize(
    ("field", "text", "meant"),
    [
        ("day_of_week", "sat-mon", "sat,sun,mon"),
        ("day_of_week", "5-0", "5,6,0"),
        ("hour", "22-2", "22,23,0,1,2"),
        ("month", "dec-feb", "dec,jan,feb"),
        ("week", "52-2", "52,53,1,2"),
    ],
)
def test_a_range_of_days_across_the_weeks_end_is_refused_saying_the_list_meant(field, text, meant):
    """A range does not wrap round (CronTrigger refuses it): the refusal used to give one
    example for every field ("viết 12,1,2 thay cho 12-2") even for weekdays."""
    rule = {"kind": "cron", "item_ids": ["a"], "hour": "7", field: text}
    with pytest.raises(ScheduleError) as info:
        parse_schedule({"rules": [rule]})
    assert f"viết {meant} thay cho {text}" in info.value.reason_vi
    assert f"write {meant}, not {text}" in info.value.reason
    # …and what it says to write is what the operator meant.
    fixed = parse_schedule({"rules": [{**rule, field: meant}]})
    assert fixed.rules[0].model_dump()[field] == meant


def test_a_wrapped_range_with_a_step_is_refused_without_a_wrong_example():
    with pytest.raises(ScheduleError) as info:
        parse_schedule({"rules": [{"kind": "cron", "item_ids": ["a"], "minute": "50-10/5"}]})
    assert "Khoảng a-b không vòng lại: a phải đứng trước b" in info.value.reason_vi
    assert "12,1,2" not in info.value.reason_vi


# ---- the daily cap reached across midnight ---------------------------------------------------


def test_a_session_from_2350_and_the_0003_joining_it_count_for_the_day_it_started():
    """Two sessions a day. 23:50 for ten minutes ends at 00:00; 00:03 starts three minutes
    later (session_gap_s 300 s): the same session, counted for the day it started. Each day
    has 06:00, 12:00 and 23:50 (the 00:03 belongs to the day before): 23:50 is the third and
    is dropped with the 00:03 after it, which is said to be over the cap of the day before."""
    schedule = sched(
        {"kind": "daily", "times": ["00:03", "06:00", "12:00", "23:50"], "item_ids": ["a"]},
        quiet_hours=None,
        max_per_day=2,
    )
    plan = expand(schedule, items(a=(600, N)), start=at(2027, 12, 31), end=at(2028, 1, 2))
    assert starts(plan) == [
        (w(2027, 12, 31, 6), "a"),
        (w(2027, 12, 31, 12), "a"),
        (w(2028, 1, 1, 6), "a"),
        (w(2028, 1, 1, 12), "a"),
    ]
    assert dropped(plan) == [
        ("max_per_day", w(2027, 12, 31, 0, 3), "a"),
        ("max_per_day", w(2027, 12, 31, 23, 50), "a"),
        ("max_per_day", w(2028, 1, 1, 0, 3), "a"),
        ("max_per_day", w(2028, 1, 1, 23, 50), "a"),
    ]
    said = {wall(v.entry.start): v.reason_vi for v in plan.violations}
    assert "quá 2 buổi phát trong ngày 30/12/2027" in said[w(2027, 12, 31, 0, 3)]
    assert "quá 2 buổi phát trong ngày 31/12/2027" in said[w(2028, 1, 1, 0, 3)]


NIGHTLY_RELAY: dict[str, Any] = {
    "kind": "relay",
    "relay": "vov1",
    "window": {"start": "23:30", "end": "00:30"},
}
BULLETIN_0033: dict[str, Any] = {"kind": "daily", "times": ["00:33"], "item_ids": ["b"]}


def _nights(first: date, last: date) -> list[tuple[datetime, str]]:
    """Every night's relay at 23:30 and the next morning's 00:33 bulletin, by hand."""
    out = []
    for day in days(first, last):
        out.append((datetime.combine(day, time(0, 33)), "b"))
        out.append((datetime.combine(day, time(23, 30)), "vov1"))
    return out


def test_one_session_a_day_a_relay_every_night_and_a_bulletin_joining_it_every_week():
    """A relay 23:30–00:30 every night and a bulletin at 00:33 (three minutes later: the same
    session), one session a day: the relay and the bulletin after it are one session of the
    day the relay opens, every day of the week. Every midnight is busy, so the schedule is
    planned week by week from Monday 00:00 (scheduler.blocks); Monday's 00:33 used to start a
    session of its own for Monday, and Monday night's relay, its second, was dropped every
    week ("quá 1 buổi phát trong ngày 27/12/2027")."""
    schedule = sched(
        NIGHTLY_RELAY, BULLETIN_0033, quiet_hours={"start": "01:00", "end": "05:00"}, max_per_day=1
    )
    check_relay_windows(schedule)  # a relay window the form accepts
    plan = expand(schedule, items(b=(60, N)), start=at(2027, 12, 25), end=at(2028, 1, 12))
    assert starts(plan) == _nights(date(2027, 12, 25), date(2028, 1, 11))
    assert plan.violations == [] and plan.conflicts == []
    # Mondays 27/12/2027, 03/01 and 10/01/2028, asked alone or from inside Sunday's relay.
    for monday in (at(2027, 12, 27), at(2028, 1, 3), at(2028, 1, 10)):
        for start in (monday, monday - timedelta(minutes=20)):
            one = expand(schedule, items(b=(60, N)), start=start, end=monday + timedelta(days=1))
            assert [(wall(e.start), e.item_id) for e in one.entries] == [
                (wall(monday + timedelta(minutes=33)), "b"),
                (wall(monday + timedelta(hours=23, minutes=30)), "vov1"),
            ]
            assert one.violations == []


def test_the_session_cap_reads_on_across_monday_midnight_too():
    """A session of at most 62 minutes: the relay (60) and the bulletin ending at 00:34 would
    make 64, so the bulletin is dropped every morning, Monday's too (it used to start a
    session of its own on Monday and play)."""
    schedule = sched(
        NIGHTLY_RELAY,
        BULLETIN_0033,
        quiet_hours={"start": "01:00", "end": "05:00"},
        max_session_minutes=62,
    )
    plan = expand(schedule, items(b=(60, N)), start=at(2027, 12, 25, 12), end=at(2028, 1, 5))
    nights = days(date(2027, 12, 25), date(2028, 1, 4))
    assert starts(plan) == [(datetime.combine(d, time(23, 30)), "vov1") for d in nights]
    mornings = [datetime.combine(d + timedelta(days=1), time(0, 33)) for d in nights[:-1]]
    assert dropped(plan) == [("max_session", t, "b") for t in mornings]
    monday = {wall(v.entry.start): v.reason_vi for v in plan.violations}[w(2027, 12, 27, 0, 33)]
    assert "buổi phát bắt đầu 23:30 ngày 26/12/2027 sẽ vượt quá 62 phút" in monday


# ---- one-off times on days off and in quiet hours --------------------------------------------


def test_a_one_off_on_a_day_off_plays_and_one_in_quiet_hours_only_if_an_emergency():
    schedule = sched(
        {
            "kind": "daily",
            "times": ["07:00"],
            "item_ids": ["a"],
            "days_off": ["2027-02-05/2027-02-10"],
        },
        {"kind": "once", "at": "2027-02-06T07:00:00+07:00", "item_ids": ["a"]},  # Tết, a day off
        {"kind": "once", "at": "2027-02-07T04:30:00+07:00", "item_ids": ["a"]},  # quiet hours
        {"kind": "once", "at": "2027-02-07T04:30:00+07:00", "item_ids": ["e"]},
        {"kind": "once", "at": "2027-02-08T21:59:00+07:00", "item_ids": ["a"]},  # ends 22:00
        {"kind": "once", "at": "2027-02-08T21:59:01+07:00", "item_ids": ["a"]},  # ends 22:00:01
    )
    plan = expand(schedule, items(a=(60, N), e=(60, E)), start=at(2027, 2, 4), end=at(2027, 2, 12))
    assert starts(plan) == [
        (w(2027, 2, 4, 7), "a"),
        (w(2027, 2, 6, 7), "a"),
        (w(2027, 2, 7, 4, 30), "e"),
        (w(2027, 2, 8, 21, 59), "a"),
        (w(2027, 2, 11, 7), "a"),
    ]
    assert dropped(plan) == [
        ("quiet_hours", w(2027, 2, 7, 4, 30), "a"),
        ("quiet_hours", w(2027, 2, 8, 21, 59, 1), "a"),
    ]
    assert plan.conflicts == []


# ---- two rules at one minute, different priorities -------------------------------------------


def test_the_months_last_day_notice_beats_the_daily_news_at_the_same_minute():
    """Daily news at 07:00 (normal, two minutes) and the month's last-day notice at 07:00
    (priority): on the last days the notice plays and the news is dropped naming it (a
    broadcast overlapping a higher-priority one is not queued behind it)."""
    schedule = sched(
        {"kind": "daily", "times": ["07:00"], "item_ids": ["news"]},
        {"kind": "cron", "day": "last", "hour": "7", "item_ids": ["notice"]},
    )
    its = items(news=(120, N), notice=(60, P))
    plan = expand(schedule, its, start=at(2027, 12, 1), end=at(2028, 3, 1))
    last_days = {
        t.date() for t in rrule(MONTHLY, dtstart=datetime(2027, 12, 1), count=3, bymonthday=-1)
    }
    assert last_days == {date(2027, 12, 31), date(2028, 1, 31), date(2028, 2, 29)}
    want = [
        (datetime.combine(d, time(7)), "notice" if d in last_days else "news")
        for d in days(date(2027, 12, 1), date(2028, 2, 29))
    ]
    assert starts(plan) == want
    assert [
        (c.kind, wall(c.entry.start), c.entry.item_id, c.other.item_id) for c in plan.conflicts
    ] == [("dropped", datetime.combine(d, time(7)), "news", "notice") for d in sorted(last_days)]
    assert "mức ưu tiên cao hơn (ưu tiên)" in plan.conflicts[0].reason_vi


# ---- a relay window across midnight into Tết ---------------------------------------------------


def test_a_relay_window_across_midnight_into_tet_asked_from_inside_it():
    """23:30–00:30 with mùng 1–3 Tết (06–08/02/2027) off: the window opening on 05/02 plays to
    00:30 on 06/02 (a window is of the day it opens); none opens on 06, 07, 08/02; 09/02's
    does. Asked from 23:45 on 05/02 (inside the window) the plan starts with 09/02's."""
    schedule = sched(
        {**NIGHTLY_RELAY, "days_off": ["2027-02-06/2027-02-08"]},
        quiet_hours={"start": "01:00", "end": "05:00"},
    )
    whole = expand(schedule, {}, start=at(2027, 2, 4, 12), end=at(2027, 2, 10, 12))
    assert [(wall(e.start), wall(e.end)) for e in whole.entries] == [
        (w(2027, 2, 4, 23, 30), w(2027, 2, 5, 0, 30)),
        (w(2027, 2, 5, 23, 30), w(2027, 2, 6, 0, 30)),
        (w(2027, 2, 9, 23, 30), w(2027, 2, 10, 0, 30)),
    ]
    inside = expand(schedule, {}, start=at(2027, 2, 5, 23, 45), end=at(2027, 2, 10, 12))
    assert [wall(e.start) for e in inside.entries] == [w(2027, 2, 9, 23, 30)]
    # The unit looks back (missed_lookback_s, an hour): the window is there, whole, to rejoin.
    back = expand(schedule, {}, start=at(2027, 2, 5, 22, 45), end=at(2027, 2, 6, 12))
    assert [(wall(e.start), wall(e.end)) for e in back.entries] == [
        (w(2027, 2, 5, 23, 30), w(2027, 2, 6, 0, 30))
    ]


def test_a_relay_window_too_long_for_the_session_cap_does_not_resume_after_an_emergency():
    """Sessions of at most 20 minutes: the relay 23:30–00:30 (an hour) does not play. An
    emergency at 00:10 on 06/02/2027 used to cut it in two, the head (40 min) dropped and the
    tail 00:11–00:30 (19 min) played as a session of its own: the unit tuned in to the
    programme in the middle of the night for a relay the plan said was dropped. A window is
    one broadcast: dropped, it does not resume."""
    schedule = sched(
        NIGHTLY_RELAY,
        {"kind": "once", "at": "2027-02-06T00:10:00+07:00", "item_ids": ["e"]},
        quiet_hours={"start": "01:00", "end": "05:00"},
        max_session_minutes=20,
    )
    plan = expand(schedule, items(e=(60, E)), start=at(2027, 2, 5, 12), end=at(2027, 2, 6, 12))
    assert starts(plan) == [(w(2027, 2, 6, 0, 10), "e")]
    assert dropped(plan) == [
        ("max_session", w(2027, 2, 5, 23, 30), "vov1"),
        ("max_session", w(2027, 2, 6, 0, 11), "vov1"),
    ]
    for v in plan.violations:
        assert "buổi phát bắt đầu 23:30 ngày 05/02/2027 sẽ vượt quá 20 phút" in v.reason_vi
    # A window short enough for the cap still resumes after the emergency, as before.
    short = sched(
        {"kind": "relay", "relay": "vov1", "window": {"start": "23:55", "end": "00:15"}},
        {"kind": "once", "at": "2027-02-06T00:10:00+07:00", "item_ids": ["e"]},
        quiet_hours={"start": "01:00", "end": "05:00"},
        max_session_minutes=20,
    )
    plan = expand(short, items(e=(60, E)), start=at(2027, 2, 5, 12), end=at(2027, 2, 6, 12))
    assert [(wall(e.start), wall(e.end), e.item_id) for e in plan.entries] == [
        (w(2027, 2, 5, 23, 55), w(2027, 2, 6, 0, 10), "vov1"),
        (w(2027, 2, 6, 0, 10), w(2027, 2, 6, 0, 11), "e"),
        (w(2027, 2, 6, 0, 11), w(2027, 2, 6, 0, 15), "vov1"),
    ]
    assert plan.violations == []


# ---- a plan made at 23:59:59, and `now` on a start -------------------------------------------

LEAP_DAY_MANIFEST: dict[str, Any] = {
    "items": [
        {"id": "a", "duration_s": 120},
        {"id": "late", "duration_s": 30},
        {"id": "p", "duration_s": 60, "priority": "priority"},
        {"id": "b", "duration_s": 60},
    ],
    "schedule": {
        "format": 1,
        "rules": [
            {"kind": "daily", "times": ["00:00", "07:00"], "item_ids": ["a"]},
            {"kind": "daily", "times": ["23:59"], "item_ids": ["late"]},
            {"kind": "cron", "day": "last", "hour": "7", "item_ids": ["p"]},
            {"kind": "cron", "month": "2", "day": "29", "hour": "12", "item_ids": ["b"]},
        ],
        "policy": {"quiet_hours": None},
    },
}


def test_a_plan_made_at_235959_on_28_february_2028_for_the_next_day():
    """`loa plan --from 2028-02-28T23:59:59+07:00 --hours 24`: 28/02's 23:59 has started and is
    not in it; 29/02's 00:00, 07:00 (the last day's priority notice beats the news), 12:00
    (29 February) and 23:59 (it starts at 23:59:00, before 23:59:59) are."""
    plan = plan_from_manifest(LEAP_DAY_MANIFEST, start=at(2028, 2, 28, 23, 59, 59), hours=24)
    assert starts(plan) == [
        (w(2028, 2, 29, 0, 0), "a"),
        (w(2028, 2, 29, 7, 0), "p"),
        (w(2028, 2, 29, 12, 0), "b"),
        (w(2028, 2, 29, 23, 59), "late"),
    ]
    assert [(wall(c.entry.start), c.entry.item_id) for c in plan.conflicts] == [
        (w(2028, 2, 29, 7), "a")
    ]
    assert plan.entries[0].to_json()["start"] == "2028-02-29T00:00:00+07:00"
    # A second later the day's first broadcast has started.
    later = plan_from_manifest(LEAP_DAY_MANIFEST, start=at(2028, 2, 29, 0, 0, 0, 1), hours=24)
    assert starts(later)[0] == (w(2028, 2, 29, 7, 0), "p")
    assert (w(2028, 3, 1, 0, 0), "a") in starts(later)  # and 01/03 comes after 29/02


def test_a_plan_made_with_now_exactly_on_a_queued_or_resumed_start():
    """Two equal rules at 06:00: 'a' (2 min) plays, 'b' is queued to 06:02. A relay 05:30–06:30
    stops for an emergency 05:40–05:45 and resumes at 05:45. A plan from exactly a start has
    that broadcast; a microsecond later it has started and is not in it."""
    schedule = sched(
        {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]},
        {"kind": "daily", "times": ["06:00"], "item_ids": ["b"]},
        {"kind": "relay", "relay": "vov1", "window": {"start": "05:30", "end": "06:00"}},
        {"kind": "once", "at": "2028-02-29T05:40:00+07:00", "item_ids": ["e"]},
    )
    its = items(a=(120, N), b=(60, N), e=(300, E))
    end = at(2028, 3, 1)

    def plan_from(now: datetime) -> list[tuple[datetime, datetime, str]]:
        plan = expand(schedule, its, start=now, end=end, now=now)
        return [(wall(e.start), wall(e.end), e.item_id) for e in plan.entries]

    rest = [(w(2028, 2, 29, 6, 0), w(2028, 2, 29, 6, 2), "a")]
    rest += [(w(2028, 2, 29, 6, 2), w(2028, 2, 29, 6, 3), "b")]
    assert plan_from(at(2028, 2, 29, 5, 45)) == [
        (w(2028, 2, 29, 5, 45), w(2028, 2, 29, 6, 0), "vov1"),
        *rest,
    ]
    assert plan_from(at(2028, 2, 29, 5, 45, 0, 1)) == rest
    assert plan_from(at(2028, 2, 29, 6, 2)) == rest[1:]
    assert plan_from(at(2028, 2, 29, 6, 2, 0, 1)) == []
    whole = expand(schedule, its, start=at(2028, 2, 29), end=end)
    b = next(e for e in whole.entries if e.item_id == "b")
    assert b.delay_s == 120


# ---- the unit reboots in the middle of a broadcast ------------------------------------------


def test_the_unit_replanning_after_a_reboot_in_the_middle_of_a_broadcast():
    """New Year's Eve 2027: 'long' 23:58–00:08 (ten minutes), 'short' at 00:00 is queued to
    00:08 behind it (within queue_tolerance_s 600). The unit reboots at 00:03 and plans from
    an hour before (missed_lookback_s) and from 00:03: the broadcast it was playing is there
    as it was (so its token is the one the as-run log has, never played again), and 'short'
    still waits for it to end, at 00:08 on 01/01/2028, not at the rule's 00:00."""
    schedule = sched(
        {"kind": "daily", "times": ["23:58"], "item_ids": ["long"]},
        {"kind": "daily", "times": ["00:00"], "item_ids": ["short"]},
        quiet_hours=None,
        queue_tolerance_s=600,
    )
    its = items(long=(600, N), short=(60, N))
    before = expand(schedule, its, start=at(2027, 12, 31, 23), end=at(2028, 1, 1, 1))
    reboot = at(2028, 1, 1, 0, 3)
    lookback = expand(
        schedule, its, start=reboot - timedelta(hours=1), end=reboot + timedelta(hours=1)
    )
    fresh = expand(schedule, its, start=reboot, end=reboot + timedelta(hours=1))
    want = [
        (w(2027, 12, 31, 23, 58), w(2028, 1, 1, 0, 8), "long", 0.0),
        (w(2028, 1, 1, 0, 8), w(2028, 1, 1, 0, 9), "short", 480.0),
    ]

    def rows(plan: Plan) -> list[tuple[datetime, datetime, str, float]]:
        return [(wall(e.start), wall(e.end), e.item_id, e.delay_s) for e in plan.entries]

    assert rows(before) == want
    assert rows(lookback) == want
    assert rows(fresh) == want[1:]


# ---- an edit that shortens the days off -------------------------------------------------------


def _tet_rules(days_off: list[str] | None) -> dict[str, Any]:
    off = {} if days_off is None else {"days_off": days_off}
    return {
        "rules": [
            {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], **off},
            {**NIGHTLY_RELAY, **off},
        ],
        "policy": {"quiet_hours": {"start": "01:00", "end": "05:00"}},
    }


def test_an_edit_that_shortens_the_days_off_over_tet():
    """Saved with 05–10/02/2027 off, edited to 05–07/02: the 06:00 bulletin and the relay
    opening on 08, 09 and 10/02 come back, nothing else changes. Edited down to one day it is
    written as that day; with the field emptied the schedule is written byte for byte as one
    that never had days off (bundles signed before stay valid)."""
    its = items(a=(60, N))
    lo, hi = at(2027, 2, 1), at(2027, 2, 15)
    longer = expand(parse_schedule(_tet_rules(["2027-02-05/2027-02-10"])), its, start=lo, end=hi)
    edited = parse_schedule(_tet_rules(["2027-02-05/2027-02-07"]))
    shorter = expand(edited, its, start=lo, end=hi)

    def by_day(plan: Plan) -> dict[date, list[str]]:
        out: dict[date, list[str]] = {}
        for e in plan.entries:
            out.setdefault(e.start.astimezone(VN).date(), []).append(e.item_id)
        return out

    every_day = {d: ["a", "vov1"] for d in days(date(2027, 2, 1), date(2027, 2, 14))}
    assert by_day(longer) == {
        d: v for d, v in every_day.items() if not date(2027, 2, 5) <= d <= date(2027, 2, 10)
    }
    assert by_day(shorter) == {
        d: v for d, v in every_day.items() if not date(2027, 2, 5) <= d <= date(2027, 2, 7)
    }
    # 04/02's window runs to 00:30 on 05/02 (the first day off) in both.
    assert (w(2027, 2, 4, 23, 30), w(2027, 2, 5, 0, 30)) in [
        (wall(e.start), wall(e.end)) for e in shorter.entries
    ]
    assert edited.model_dump(mode="json")["rules"][0]["days_off"] == ["2027-02-05/2027-02-07"]
    one = parse_schedule(_tet_rules(["2027-02-06/2027-02-06"]))
    assert one.model_dump(mode="json")["rules"][1]["days_off"] == ["2027-02-06"]
    emptied = parse_schedule(_tet_rules([])).model_dump(mode="json")
    never = parse_schedule(_tet_rules(None)).model_dump(mode="json")
    assert json.dumps(emptied, sort_keys=True) == json.dumps(never, sort_keys=True)
    assert "days_off" not in json.dumps(emptied)
    # A slip of the keyboard while shortening (the end before the start) is refused.
    with pytest.raises(ScheduleError) as info:
        parse_schedule(_tet_rules(["2027-02-05/2027-02-04"]))
    assert "ngày cuối 04/02/2027 trước ngày đầu 05/02/2027" in info.value.reason_vi


# ---- bad input: a Vietnamese reason, nothing to save -----------------------------------------


@pytest.mark.parametrize(
    ("rule", "vi"),
    [
        (
            {"kind": "daily", "times": ["06:00"], "start_date": "2027-02-29"},
            "ngày '2027-02-29' không có trong lịch",
        ),
        (
            {"kind": "daily", "times": ["06:00"], "end_date": "2028-02-30"},
            "ngày '2028-02-30' không có trong lịch",
        ),
        (
            {"kind": "once", "at": "2027-02-29T06:00:00+07:00"},
            "không có trong lịch (tháng không có ngày này; 29/02 chỉ có ở năm nhuận)",
        ),
        (
            {"kind": "daily", "times": ["06:00"], "days_off": ["2027-02-05/2027-02-29"]},
            "ngày nghỉ phát '2027-02-29' trong '2027-02-05/2027-02-29' không có trong lịch",
        ),
        (
            {"kind": "daily", "times": ["06:00"], "days_off": ["2028-01-30/2028-01-24"]},
            "ngày cuối 24/01/2028 trước ngày đầu 30/01/2028",
        ),
        (
            {**NIGHTLY_RELAY, "start_date": "2028-01-01", "end_date": "2027-12-31"},
            "ngày kết thúc 2027-12-31 trước ngày bắt đầu 2028-01-01",
        ),
        ({"kind": "cron", "hour": "24"}, "giờ (hour) '24' không hợp lệ"),
        ({"kind": "cron", "hour": "7", "minute": "60"}, "phút (minute) '60' không hợp lệ"),
        ({"kind": "cron", "day": "32", "hour": "7"}, "ngày (day) '32' không hợp lệ"),
        ({"kind": "cron", "month": "13", "hour": "7"}, "tháng (month) '13' không hợp lệ"),
        ({"kind": "cron", "week": "54", "hour": "7"}, "tuần ISO (week) '54' không hợp lệ"),
        ({"kind": "cron", "day": "6th sun", "hour": "7"}, "ngày (day) '6th sun' không hợp lệ"),
        (
            {"kind": "cron", "month": "2", "day": "30", "hour": "7"},
            "quy tắc không bao giờ phát",
        ),
    ],
)
def test_bad_schedule_input_is_refused_in_vietnamese(rule, vi):
    rule = {"item_ids": ["a"], **rule} if rule["kind"] != "relay" else rule
    with pytest.raises(ScheduleError) as info:
        parse_schedule({"rules": [rule], "policy": {"quiet_hours": None}})
    assert info.value.reason_vi.startswith("Lịch phát không hợp lệ: rules.0.")
    assert vi in info.value.reason_vi, info.value.reason_vi
    assert info.value.code == "schedule_invalid" and info.value.reason


NOW = at(2026, 12, 3, 7, 30)  # when the operator types (passed in, never the machine's clock)


def compose_form(**fields: Any) -> dict[str, Any]:
    """The schedule form as the panel reads it (web.routes.schedules.compose): what it
    returns is what is saved; a refusal returns nothing."""
    from starlette.datastructures import FormData, UploadFile

    from web.routes.schedules import Target, compose

    target = Target("area:3", "area", "3", 3, "Xã")
    base: dict[str, Any] = {"name": "Lịch Tết", "target": "area:3", "version_ids": "7"}
    pairs: list[tuple[str, str | UploadFile]] = [
        (k, str(x))
        for k, v in {**base, **fields}.items()
        for x in (v if isinstance(v, list) else [v])
    ]
    return compose(FormData(pairs), targets=[target], allowed_ids={7}, now=NOW, saved_once=[])


@pytest.mark.parametrize(
    ("fields", "field", "vi"),
    [
        (
            {"times": "06:00", "days_off": "10/02/2027–05/02/2027"},
            "days_off",
            "ngày cuối 05/02/2027 trước ngày đầu 10/02/2027",
        ),
        ({"times": "06:00", "days_off": "29/02/2027"}, "days_off", "29/02/2027"),
        ({"mode": "cron", "cron_hour": "24", "cron_minute": "0"}, "rules", "giờ (hour) '24'"),
        (
            {"mode": "cron", "cron_day_of_week": "sat-mon", "cron_hour": "7", "cron_minute": "0"},
            "rules",
            "viết sat,sun,mon thay cho sat-mon",
        ),
    ],
)
def test_the_form_refuses_bad_input_in_vietnamese_and_returns_nothing_to_save(fields, field, vi):
    from content_library.errors import ValidationError

    saved: list[dict[str, Any]] = []
    with pytest.raises(ValidationError) as info:
        saved.append(compose_form(**fields))
    assert saved == []
    assert info.value.field == field
    assert vi in info.value.reason_vi, info.value.reason_vi
    # The same form with the input corrected is accepted (the refusal was about that input).
    good = {"times": "06:00", "days_off": "05/02/2027–10/02/2027"}
    assert compose_form(**good)["body"]["rules"][0]["days_off"] == ["2027-02-05/2027-02-10"]

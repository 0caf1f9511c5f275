"""Schedules for the coming months, a third reading: one window of 25 months (December 2026
to December 2028: two year ends, 28 February 2027, 29 February 2028) checked against
dateutil.rrule and a cron reading of its own, where the earlier reviews plan a year at a
time or a few days around an edge.

What they do not draw: the last Friday ("thứ Sáu cuối tháng"), the n-th weekday of a month
that may have none (a fifth Friday), steps and names in cron fields, the ISO `week` step
that is *not* "every other week" across a year with a week 53 (and the campaign split that
is), a campaign's last day 31/12/9999 ("no end"), a one-off time outside the calendar, and
the campaign-end check at Vietnam's midnight when `now` is given in UTC. Every instant is
an argument (`start`, `end`, `now`); nothing reads the clock, so the file passes with the
wall clock moved (tests/timeshift/run).
"""

from __future__ import annotations

import calendar
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from dateutil.rrule import DAILY, FR, MO, MONTHLY, SU, WE, WEEKLY, YEARLY, rrule

from content_library.types import Priority
from scheduler.errors import ScheduleError
from scheduler.plan import ItemInfo, expand
from scheduler.policy import check_campaign_ahead
from scheduler.rules import Schedule, parse_schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = datetime(2026, 12, 1), datetime(2029, 1, 1)  # naive Vietnamese wall times
ITEMS = {k: ItemInfo(k, 60.0, Priority.NORMAL) for k in "abcdefghij"}


def vn(naive: datetime) -> datetime:
    return naive.replace(tzinfo=VN)


def planned(schedule: Schedule, lo: datetime = FIRST, hi: datetime = LAST) -> list[tuple]:
    """(naive wall time, item) of what plays, the window given in UTC."""
    plan = expand(
        schedule, ITEMS, start=vn(lo).astimezone(UTC), end=vn(hi).astimezone(UTC), now=vn(lo)
    )
    return [(e.start.astimezone(VN).replace(tzinfo=None), e.item_id) for e in plan.entries]


def r(freq: int, item: str, **kw) -> list[tuple]:
    kw.setdefault("dtstart", FIRST)
    kw.setdefault("until", LAST)
    return [(t, item) for t in rrule(freq, **kw) if t < LAST]


# ---- 25 months in one window, against rrule -------------------------------------------------

MONTHLY_RULES = [
    {"kind": "cron", "day": "last fri", "hour": "19", "item_ids": ["a"]},  # thứ Sáu cuối tháng
    {"kind": "cron", "day": "1st mon", "hour": "7", "minute": "30", "item_ids": ["b"]},
    {"kind": "cron", "day": "5th fri", "hour": "8", "item_ids": ["c"]},  # only some months
    {"kind": "cron", "day": "30", "hour": "9", "item_ids": ["d"]},  # never in February
    {"kind": "cron", "day": "last", "hour": "10", "item_ids": ["e"]},  # 28/2/2027, 29/2/2028
    {"kind": "cron", "month": "feb", "day": "29", "hour": "11", "item_ids": ["f"]},
    {"kind": "cron", "day": "2nd wed,last sun", "hour": "16", "item_ids": ["g"]},
    # A campaign across the year end, both days inclusive.
    {
        "kind": "daily",
        "times": ["06:00"],
        "item_ids": ["h"],
        "start_date": "2026-12-29",
        "end_date": "2027-01-02",
    },
    # Quiet hours 22:00–05:00 at every month end: 04:59 (ends 05:00) and 22:00 are dropped,
    # 05:00 and 21:59 (ends 22:00) play.
    {"kind": "daily", "times": ["04:59", "05:00", "21:59", "22:00"], "item_ids": ["i"]},
]


def test_twenty_five_months_of_monthly_rules_match_rrule():
    got = planned(Schedule.model_validate({"rules": MONTHLY_RULES}))
    want = sorted(
        r(MONTHLY, "a", byweekday=FR(-1), byhour=19, byminute=0, bysecond=0)
        + r(MONTHLY, "b", byweekday=MO(1), byhour=7, byminute=30, bysecond=0)
        + r(MONTHLY, "c", byweekday=FR(5), byhour=8, byminute=0, bysecond=0)
        + r(MONTHLY, "d", bymonthday=30, byhour=9, byminute=0, bysecond=0)
        + r(MONTHLY, "e", bymonthday=-1, byhour=10, byminute=0, bysecond=0)
        + r(YEARLY, "f", bymonth=2, bymonthday=29, byhour=11, byminute=0, bysecond=0)
        + r(MONTHLY, "g", byweekday=(WE(2), SU(-1)), byhour=16, byminute=0, bysecond=0)
        + r(DAILY, "h", dtstart=datetime(2026, 12, 29, 6), until=datetime(2027, 1, 2, 6))
        + r(DAILY, "i", byhour=(5, 21), byminute=(0, 59), bysecond=0)
    )
    want = [(t, i) for t, i in want if i != "i" or (t.hour, t.minute) in ((5, 0), (21, 59))]
    assert got == want
    # The dates an operator would check by hand.
    assert (datetime(2026, 12, 25, 19), "a") in got and (datetime(2027, 1, 29, 19), "a") in got
    assert (datetime(2028, 2, 25, 19), "a") in got  # the last Friday of a leap February
    fifth = sorted({t.strftime("%Y-%m") for t, i in got if i == "c"})
    assert fifth[:3] == ["2027-01", "2027-04", "2027-07"] and len(fifth) == 9
    assert [t.date() for t, i in got if i == "f"] == [date(2028, 2, 29)]
    assert date(2027, 2, 28) not in {t.date() for t, i in got if i == "d"}
    campaign = [t.date() for t, i in got if i == "h"]
    assert (campaign[0], campaign[-1], len(campaign)) == (date(2026, 12, 29), date(2027, 1, 2), 5)


def test_month_by_month_windows_give_the_same_twenty_five_months():
    schedule = Schedule.model_validate({"rules": MONTHLY_RULES})
    whole = planned(schedule)
    pieces: list[tuple] = []
    lo = FIRST
    while lo < LAST:
        hi = datetime(lo.year + lo.month // 12, lo.month % 12 + 1, 1)
        pieces += planned(schedule, lo, hi)
        lo = hi
    assert pieces == whole


# ---- every other week: the ISO week step is not that ----------------------------------------


def test_an_iso_week_step_fires_two_weeks_running_across_a_week_53():
    # `week: "*/2"` is the odd ISO weeks (1, 3, …, 53): 2026 has a week 53 (28/12/2026 –
    # 3/1/2027), so Monday 28 December 2026 and Monday 4 January 2027 (week 1) both play,
    # where "every other Monday" would skip one of them.
    rule = {"kind": "cron", "week": "*/2", "day_of_week": "mon", "hour": "7", "item_ids": ["a"]}
    got = [t for t, _ in planned(Schedule.model_validate({"rules": [rule]}))]
    every_other = [t for t, _ in r(WEEKLY, "a", interval=2, dtstart=datetime(2026, 12, 14, 7))]
    assert datetime(2026, 12, 28, 7) in got and datetime(2027, 1, 4, 7) in got
    assert got[:3] == [
        datetime(2026, 12, 14, 7),
        datetime(2026, 12, 28, 7),
        datetime(2027, 1, 4, 7),
    ]
    assert got[:2] == every_other[:2] and got != every_other[: len(got)]
    assert all(t.isocalendar().week % 2 == 1 for t in got)


def test_every_other_week_across_the_year_end_as_two_campaigns():
    # The workaround docs/recipes.md gives: split the campaign where the week parity flips
    # (after a year with a week 53), odd weeks up to 3 January 2027, even ones after it.
    # Against rrule's every other Monday from 7 December 2026 (week 50), for 25 months.
    rules = [
        {
            "kind": "cron",
            "week": "2-52/2",
            "day_of_week": "mon",
            "hour": "7",
            "item_ids": ["a"],
            "end_date": "2027-01-03",
        },
        {
            "kind": "cron",
            "week": "*/2",
            "day_of_week": "mon",
            "hour": "7",
            "item_ids": ["a"],
            "start_date": "2027-01-04",
        },
    ]
    got = planned(Schedule.model_validate({"rules": rules}))
    assert got == r(WEEKLY, "a", interval=2, dtstart=datetime(2026, 12, 7, 7))
    assert (datetime(2027, 1, 4, 7), "a") in got and (datetime(2027, 12, 20, 7), "a") in got
    assert (datetime(2028, 1, 3, 7), "a") in got  # 2027 has 52 weeks: odd weeks go on


# ---- cron fields drawn at random, against a cron reading of this file's own ------------------

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
NTH = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
SPAN = {"month": (1, 12), "day": (1, 31), "week": (1, 53), "day_of_week": (0, 6)}
SPAN |= {"hour": (0, 23), "minute": (0, 59)}
ORDER = ["month", "day", "week", "day_of_week", "hour", "minute"]
LEAST = {"month": "1", "day": "1", "week": "*", "day_of_week": "*", "hour": "0", "minute": "0"}


def _number(field: str, text: str) -> int:
    if field == "month" and text in MONTHS:
        return MONTHS.index(text) + 1
    if field == "day_of_week" and text in DAYS:
        return DAYS.index(text)
    return int(text)


def matches(field: str, expr: str, value: int, day: date) -> bool:
    """APScheduler 3's cron syntax as its documentation states it."""
    lo, hi = SPAN[field]
    if field == "day":
        hi = calendar.monthrange(day.year, day.month)[1]
    for part in expr.split(","):
        words = part.split()
        if field == "day" and len(words) == 2:  # "2nd wed", "last fri"
            weekday = DAYS.index(words[1])
            if day.weekday() == weekday:
                if words[0] == "last" and day.day + 7 > hi:
                    return True
                if words[0] != "last" and (day.day - 1) // 7 + 1 == NTH[words[0]]:
                    return True
            continue
        if field == "day" and part == "last":
            if value == hi:
                return True
            continue
        step = 0
        if "/" in part:
            part, by = part.split("/")
            step = int(by)
        if part == "*":
            a, b = lo, hi
        elif "-" in part:
            a, b = (_number(field, x) for x in part.split("-"))
        else:
            a = _number(field, part)
            b = hi if step else a
        if a <= value <= min(b, hi) and (not step or (value - a) % step == 0):
            return True
    return False


def cron_instants(rule: dict, first: date, last: date) -> list[datetime]:
    given = [n for n in ORDER if rule.get(n) is not None]
    lowest = max(ORDER.index(n) for n in given)
    f = {
        n: rule[n] if rule.get(n) is not None else ("*" if ORDER.index(n) < lowest else LEAST[n])
        for n in ORDER
    }
    out = []
    day = first
    while day < last:
        if (
            matches("month", f["month"], day.month, day)
            and matches("day", f["day"], day.day, day)
            and matches("week", f["week"], day.isocalendar().week, day)
            and matches("day_of_week", f["day_of_week"], day.weekday(), day)
            and (rule.get("start_date") is None or date.fromisoformat(rule["start_date"]) <= day)
            and (rule.get("end_date") is None or day <= date.fromisoformat(rule["end_date"]))
        ):
            out += [
                datetime.combine(day, time(h, m))
                for h in range(24)
                if matches("hour", f["hour"], h, day)
                for m in range(60)
                if matches("minute", f["minute"], m, day)
            ]
        day += timedelta(days=1)
    return out


def draw_cron(rng: random.Random) -> dict:
    rule: dict = {}
    kind = rng.random()
    if kind < 0.35:
        rule["day"] = rng.choice(
            [
                *("last fri", "last sun", "1st mon", "2nd wed", "5th fri", "5th sat", "*/10"),
                *("5/10", "1-31/7", "29-31", "29,30,31", "15-20/2", "1st mon,last fri", "last,1"),
            ]
        )
    elif kind < 0.55:
        rule["week"] = rng.choice(["*/2", "2-53/2", "1", "52", "53", "*/3", "1-5", "50-53"])
    elif kind < 0.75:
        rule["day_of_week"] = rng.choice(["fri", "mon-fri", "*/2", "1-5/2", "sat,sun", "thu-sun"])
    else:
        rule["month"] = rng.choice(["feb", "dec,jan", "*/2", "2-12/3", "jan-mar", "12", "1,2"])
    if rng.random() < 0.4:
        rule.setdefault("day", rng.choice(["29", "last", "1", "28-31", "*/15"]))
    if rng.random() < 0.3:
        rule.setdefault("day_of_week", rng.choice(["fri", "sun", "mon-fri"]))
    rule["hour"] = rng.choice(["7", "17", "6,18"])
    if rng.random() < 0.5:
        rule["minute"] = rng.choice(["0", "30", "*/30"])
    if rng.random() < 0.4:
        first = date(2026, 12, 1) + timedelta(days=rng.randint(0, 500))
        rule["start_date"] = first.isoformat()
        if rng.random() < 0.7:
            rule["end_date"] = (first + timedelta(days=rng.randint(0, 300))).isoformat()
    return rule


@pytest.mark.parametrize("seed", range(4))
def test_random_cron_rules_over_twenty_five_months_match_a_reading_of_the_syntax(seed):
    rng = random.Random(20261201 + seed)
    checked = 0
    for _ in range(12):
        rule = {"kind": "cron", "item_ids": ["a"], **draw_cron(rng)}
        want = cron_instants(rule, FIRST.date(), LAST.date())
        if not want:  # maybe no date of the calendar matches: then refused ("never fires")
            try:
                schedule = parse_schedule({"rules": [rule], "policy": {"quiet_hours": None}})
            except ScheduleError as exc:
                refused = exc
            else:
                assert planned(schedule) == [], rule
                continue
            assert refused.reason.endswith("(such as 30 February)"), rule
            continue
        schedule = parse_schedule({"rules": [rule], "policy": {"quiet_hours": None}})
        assert [t for t, _ in planned(schedule)] == want, rule
        checked += 1
    assert checked >= 8


# ---- the calendar's own ends -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["daily", "cron", "relay"])
def test_a_campaign_to_31_december_9999_is_a_campaign_without_an_end(kind):
    # 31/12/9999 is what some operators type for "no end"; it has no next midnight, and the
    # plan (the panel's week view, the unit's check of a bundle) failed on it (OverflowError).
    rule = {
        "daily": {"kind": "daily", "times": ["07:00"], "item_ids": ["a"]},
        "cron": {"kind": "cron", "day": "last fri", "hour": "7", "item_ids": ["a"]},
        "relay": {"kind": "relay", "relay": "vov1", "window": {"start": "07:00", "end": "07:30"}},
    }[kind]
    open_ended = Schedule.model_validate({"rules": [rule]})
    to_9999 = Schedule.model_validate(
        {"rules": [{**rule, "start_date": "2026-12-01", "end_date": "9999-12-31"}]}
    )
    lo, hi = datetime(2026, 12, 20), datetime(2027, 2, 10)
    assert planned(to_9999, lo, hi) == planned(open_ended, lo, hi) != []
    check_campaign_ahead(to_9999, now=vn(lo))


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-05:00"])
def test_a_one_off_time_outside_the_calendar_is_refused_in_both_languages(at):
    # In Vietnam time these lie before 1 January of year 1 or after 31 December 9999: the
    # schedule was not refused but raised OverflowError from the model.
    with pytest.raises(ScheduleError) as info:
        parse_schedule({"rules": [{"kind": "once", "at": at, "item_ids": ["a"]}]})
    assert "outside the calendar" in info.value.reason
    assert "nằm ngoài lịch" in info.value.reason_vi and "rules.0.once.at" in info.value.reason_vi


# ---- the campaign's last day ends at Vietnam's midnight, whatever zone `now` is in ----------


def test_the_campaign_end_check_turns_at_vietnam_midnight_not_utc():
    schedule = Schedule.model_validate(
        {
            "rules": [
                {
                    "kind": "daily",
                    "times": ["23:59"],
                    "item_ids": ["a"],
                    "end_date": "2026-12-31",
                }
            ],
            "policy": {"quiet_hours": None},
        }
    )
    last_second = datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC)  # 23:59:59 on 31/12 in Vietnam
    check_campaign_ahead(schedule, now=last_second)
    check_campaign_ahead(schedule, now=last_second.astimezone(ZoneInfo("America/New_York")))
    with pytest.raises(ScheduleError) as info:
        check_campaign_ahead(schedule, now=last_second + timedelta(seconds=1))  # still 31/12 in UTC
    assert info.value.code == "campaign_past" and "01/01/2027" in info.value.reason_vi
    # The campaign's last broadcast is 23:59 on 31/12 in Vietnam, 16:59 UTC: a window given
    # in UTC days holds it on 31 December, and nothing on 1 January in Vietnam.
    plan = expand(
        schedule,
        ITEMS,
        start=datetime(2026, 12, 31, tzinfo=UTC),
        end=datetime(2027, 1, 2, tzinfo=UTC),
    )
    assert [e.start for e in plan.entries] == [vn(datetime(2026, 12, 31, 23, 59))]


# ---- a rule that never fires is refused after one 400-year cycle, not 8000 years ------------


@pytest.mark.parametrize(
    ("cron", "fires"),
    [
        ({"week": "53", "month": "6"}, False),  # ISO week 53 is always in December or January
        ({"week": "1", "month": "7"}, False),
        ({"day": "31", "week": "10"}, False),
        ({"month": "2", "day": "29", "day_of_week": "mon"}, True),  # 29/02/2016, 2044, …
        ({"month": "12", "day": "31", "week": "53", "day_of_week": "thu"}, True),
    ],
)
def test_whether_a_rule_ever_fires_is_decided_within_one_calendar_cycle(monkeypatch, cron, fires):
    # The Gregorian calendar repeats every 400 years, weekdays and ISO weeks included; the
    # check walked CronTrigger on to the year 9999 (some 250 000 steps, seconds on a panel and
    # more on a unit checking a bundle) before refusing such a rule.
    steps = 0
    step = CronTrigger._increment_field_value

    def counted(self, *args):
        nonlocal steps
        steps += 1
        return step(self, *args)

    monkeypatch.setattr(CronTrigger, "_increment_field_value", counted)
    rule = {"kind": "cron", "hour": "7", "item_ids": ["a"], **cron}
    if fires:
        parse_schedule({"rules": [rule]})
    else:
        with pytest.raises(ScheduleError) as info:
            parse_schedule({"rules": [rule]})
        assert "không bao giờ phát" in info.value.reason_vi
    assert steps < 20_000

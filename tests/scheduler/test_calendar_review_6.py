"""The calendar the scheduler meets next, a sixth reading: December 2026 to February 2027 (the
earlier ones: test_calendar_review.py, _2 … _5, test_priorities_review.py,
test_window_independence.py).

What this one adds, each against instants written out by hand or found with `date.isocalendar`
and plain date arithmetic in Vietnam time (UTC+7, no daylight saving), never by the code under
test:

- the unit's plan (`plan_from_manifest`, what `loa plan` prints) asked from 31/12/2026 23:00
  for 48 hours: quiet hours across the year's last midnight, an emergency at 00:00, ISO week
  53's Friday and Saturday, the daily cap on New Year's Day; the same as a longer plan cut;
- the year's last session, a relay window across midnight and a broadcast joining it at
  00:22, counted for 31/12 by max_per_day (not for 2027);
- ISO week 53 (28/12/2026 – 03/01/2027): a weekday rule on its Monday and Sunday, a cron
  rule of its days, week 53 together with a month or the month's last day, week 1 in
  December, and week 53 in February refused as never firing;
- a campaign handed over from 31/12/2026 to 01/01/2027, and "no broadcasts 05–10/02/2027"
  around Tết Đinh Mùi with the tools there were (split campaigns; the rules' `days_off` now
  do it in one, test_days_off.py), a relay window opened on 04/02 running on past midnight as
  documented;
- a one-off time refused in the minute it was typed for: 23:59 at 23:59:30 on New Year's Eve
  read "now 23:59 … at 23:59"; the refusal now gives the seconds (a fix);
- the panel's week view (`timeline_days`) and quiet-hours notice across the year's turn; a
  one-off slot a year out (31/12/2027 typed on 30/12/2026) was said "Friday (31/12)", as if
  it were the next day: a day of another year outside the coming week now carries its
  year (a fix).

Every instant is an argument (`start`, `end`, `now`): the file passes with the wall clock
moved (tests/timeshift/run).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from content_library.types import Priority
from scheduler import ItemInfo, ScheduleError, expand, parse_schedule
from scheduler.plan import Plan, plan_from_manifest
from scheduler.policy import check_once_ahead, check_relay_windows
from scheduler.rules import Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, E = Priority.NORMAL, Priority.EMERGENCY


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=VN)


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


def dropped(plan: Plan) -> list[tuple[str, datetime, str]]:
    return [(v.kind, wall(v.entry.start), v.entry.item_id) for v in plan.violations]


def days(first: date, last: date) -> list[date]:
    """first … last, both included."""
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# ---- the unit's 48 hours from 31/12/2026 23:00 ---------------------------------------------

UNIT_MANIFEST: dict[str, Any] = {
    "items": [
        {"id": "a", "duration_s": 300},
        {"id": "b", "duration_s": 120},
        {"id": "e", "duration_s": 60, "priority": "emergency"},
    ],
    "schedule": {
        "format": 1,
        "rules": [
            {"kind": "daily", "times": ["06:00", "22:25", "23:00"], "item_ids": ["a"]},
            {"kind": "once", "at": "2027-01-01T00:00:00+07:00", "item_ids": ["e"]},
            {"kind": "once", "at": "2027-01-01T04:58:00+07:00", "item_ids": ["b"]},
            {"kind": "once", "at": "2027-01-01T05:00:00+07:00", "item_ids": ["b"]},
            # Friday and Saturday of ISO week 53: 01/01 and 02/01/2027.
            {
                "kind": "cron",
                "week": "53",
                "day_of_week": "fri,sat",
                "hour": "7",
                "item_ids": ["b"],
            },
        ],
        "policy": {"quiet_hours": {"start": "22:30", "end": "05:00"}, "max_per_day": 2},
    },
}


def test_the_units_48_hours_from_2300_on_new_years_eve():
    """Quiet hours 22:30–05:00 across the year's last midnight, two sessions a day at most.
    31/12 23:00 is in the quiet hours; the emergency at 00:00 plays (exempt); 04:58 for two
    minutes starts in them (dropped), 05:00 sharp plays. New Year's Day has four sessions
    (05:00, 06:00, week 53's Friday 07:00, 22:25): the first two play. Saturday 02/01 has
    three (06:00, 07:00, 22:25). 22:25 for five minutes ends as the quiet hours begin."""
    plan = plan_from_manifest(UNIT_MANIFEST, start=at(2026, 12, 31, 23), hours=48)
    assert starts(plan) == [
        (w(2027, 1, 1, 0, 0), "e"),
        (w(2027, 1, 1, 5, 0), "b"),
        (w(2027, 1, 1, 6, 0), "a"),
        (w(2027, 1, 2, 6, 0), "a"),
        (w(2027, 1, 2, 7, 0), "b"),
    ]
    assert dropped(plan) == [
        ("quiet_hours", w(2026, 12, 31, 23, 0), "a"),
        ("quiet_hours", w(2027, 1, 1, 4, 58), "b"),
        ("max_per_day", w(2027, 1, 1, 7, 0), "b"),
        ("max_per_day", w(2027, 1, 1, 22, 25), "a"),
        ("quiet_hours", w(2027, 1, 1, 23, 0), "a"),
        ("max_per_day", w(2027, 1, 2, 22, 25), "a"),
    ]
    assert plan.conflicts == []
    by_kind = {(v.kind, wall(v.entry.start)): v.reason_vi for v in plan.violations}
    assert "quá 2 buổi phát trong ngày 01/01/2027" in by_kind["max_per_day", w(2027, 1, 1, 7)]
    assert "giờ yên tĩnh 22:30–05:00" in by_kind["quiet_hours", w(2026, 12, 31, 23)]
    # What `loa plan` prints: ISO 8601 with +07:00 across the year's turn.
    assert [e.to_json() for e in plan.entries[:2]] == [
        {
            "start": "2027-01-01T00:00:00+07:00",
            "end": "2027-01-01T00:01:00+07:00",
            "item": "e",
            "priority": "emergency",
        },
        {
            "start": "2027-01-01T05:00:00+07:00",
            "end": "2027-01-01T05:02:00+07:00",
            "item": "b",
            "priority": "normal",
        },
    ]


def test_the_units_48_hours_are_a_cut_of_the_longer_plan():
    """The same entries and violations as a plan of 27/12/2026 – 06/01/2027 cut to the
    window, the window given in UTC (16:00 UTC on 31/12 is 23:00 in Vietnam)."""
    start = datetime(2026, 12, 31, 16, tzinfo=UTC)
    plan = plan_from_manifest(UNIT_MANIFEST, start=start, hours=48)
    infos = {
        "a": ItemInfo("a", 300.0),
        "b": ItemInfo("b", 120.0),
        "e": ItemInfo("e", 60.0, E),
    }
    long = expand(
        parse_schedule(UNIT_MANIFEST["schedule"]),
        infos,
        start=at(2026, 12, 27),
        end=at(2027, 1, 6),
        now=start,
    )
    end = start + timedelta(hours=48)
    assert plan.entries == [e for e in long.entries if start <= e.start < end]
    assert plan.violations == [v for v in long.violations if start <= v.at < end]


# ---- the year's last session ------------------------------------------------------------------


def test_the_years_last_session_runs_into_2027_and_counts_for_31_december():
    """A relay 23:40–00:20 opened on 31/12 only, and a broadcast at 00:22 on 01/01 (two
    minutes after it: one session, the session gap being five minutes). One session a day:
    31/12 keeps its earlier 20:00 session and drops the whole late one, 00:22 included; 01/01's
    one session is 06:00. Had 00:22 counted for 2027, 06:00 would have been dropped."""
    rules = [
        {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": "23:40", "end": "00:20"},
            "start_date": "2026-12-31",
            "end_date": "2026-12-31",
        },
        {"kind": "once", "at": "2026-12-31T20:00", "item_ids": ["b"]},
        {"kind": "once", "at": "2027-01-01T00:22", "item_ids": ["a"]},
        {"kind": "once", "at": "2027-01-01T06:00", "item_ids": ["c"]},
    ]
    policy: dict[str, Any] = {"quiet_hours": {"start": "01:00", "end": "05:00"}}
    its = items(a=(60, N), b=(60, N), c=(60, N))
    check_relay_windows(sched(*rules, **policy))  # outside 01:00–05:00: may be published
    window = {"start": at(2026, 12, 31, 19), "end": at(2027, 1, 1, 12)}

    capped = expand(sched(*rules, **policy, max_per_day=1), its, **window)
    assert starts(capped) == [(w(2026, 12, 31, 20), "b"), (w(2027, 1, 1, 6), "c")]
    assert dropped(capped) == [
        ("max_per_day", w(2026, 12, 31, 23, 40), "vov1"),
        ("max_per_day", w(2027, 1, 1, 0, 22), "a"),
    ]
    assert all("trong ngày 31/12/2026" in v.reason_vi for v in capped.violations)

    two = expand(sched(*rules, **policy, max_per_day=2), its, **window)
    assert starts(two) == [
        (w(2026, 12, 31, 20), "b"),
        (w(2026, 12, 31, 23, 40), "vov1"),
        (w(2027, 1, 1, 0, 22), "a"),
        (w(2027, 1, 1, 6), "c"),
    ]
    assert wall(two.entries[1].end) == w(2027, 1, 1, 0, 20) and two.violations == []


# ---- ISO week 53 ------------------------------------------------------------------------------

WEEK_53 = days(date(2026, 12, 28), date(2027, 1, 3))


def test_the_checker_knows_week_53():
    assert [d.isocalendar()[:2] for d in WEEK_53] == [(2026, 53)] * 7
    assert WEEK_53[0].weekday() == 0 and WEEK_53[-1].weekday() == 6
    assert date(2027, 1, 4).isocalendar()[:2] == (2027, 1)
    assert date(2027, 12, 31).isocalendar()[:2] == (2027, 52)  # 2027 has 52 weeks
    assert date(2028, 1, 2).isocalendar()[:2] == (2027, 52)
    assert date(2029, 12, 31).isocalendar()[:2] == (2030, 1)


def test_a_weekday_rule_on_the_monday_and_the_sunday_of_week_53():
    """Monday 28/12/2026 and Sunday 03/01/2027 belong to one week that lies in two years:
    a Monday-and-Sunday rule plays both, as a daily rule and as a cron rule of week 53."""
    its = items(a=(60, N))
    daily = {"kind": "daily", "times": ["07:00"], "weekdays": [0, 6], "item_ids": ["a"]}
    cron = {"kind": "cron", "week": "53", "day_of_week": "mon,sun", "hour": "7", "item_ids": ["a"]}
    window = {"start": at(2026, 12, 21), "end": at(2027, 1, 11)}
    want_daily = [
        (datetime.combine(d, time(7)), "a")
        for d in days(date(2026, 12, 21), date(2027, 1, 10))
        if d.weekday() in (0, 6)
    ]
    assert starts(expand(sched(daily), its, **window)) == want_daily
    assert (w(2026, 12, 28, 7), "a") in want_daily and (w(2027, 1, 3, 7), "a") in want_daily
    assert starts(expand(sched(cron), its, **window)) == [
        (w(2026, 12, 28, 7), "a"),
        (w(2027, 1, 3, 7), "a"),
    ]


def _week_rule_days(fields: dict[str, str], first: date, last: date) -> list[date]:
    """The days a cron rule of these date fields fires on, by the checker: `week` the ISO week,
    `month` a month, `day` a day of the month or "last"."""
    out = []
    for d in days(first, last):
        month_end = (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        ok = d.isocalendar().week in {int(x) for x in fields["week"].split(",")}
        if "month" in fields:
            ok = ok and d.month in {int(x) for x in fields["month"].split(",")}
        if fields.get("day") == "last":
            ok = ok and d == month_end
        if ok:
            out.append(d)
    return out


@pytest.mark.parametrize(
    ("fields", "want"),
    [
        # Week 53 in January: 01–03/01/2027; not in January 2028 (01–02/01 are week 52).
        ({"week": "53", "month": "1"}, days(date(2027, 1, 1), date(2027, 1, 3))),
        # Week 53 on the month's last day: Thursday 31/12/2026 only.
        ({"week": "53", "day": "last"}, [date(2026, 12, 31)]),
        # Week 1 in December: none until 31/12/2029 (week 1 of 2030).
        ({"week": "1", "month": "12"}, [date(2029, 12, 31)]),
        # Weeks 52, 53 and 1 in a row at this year's turn; 52 and 1 at the next three (week
        # 1 of 2030 begins on 31/12/2029).
        (
            {"week": "52,53,1"},
            days(date(2026, 12, 21), date(2027, 1, 10))
            + days(date(2027, 12, 27), date(2028, 1, 9))
            + days(date(2028, 12, 25), date(2029, 1, 7))
            + days(date(2029, 12, 24), date(2030, 1, 6)),
        ),
    ],
    ids=lambda v: str(v)[:40],
)
def test_week_fields_with_a_month_or_the_last_day_against_the_iso_calendar(fields, want):
    first, last = date(2026, 12, 1), date(2030, 1, 31)
    assert _week_rule_days(fields, first, last) == want  # the checker agrees with the table
    rule = {"kind": "cron", **fields, "hour": "8", "item_ids": ["a"]}
    plan = expand(sched(rule), items(a=(60, N)), start=at(2026, 12, 1), end=at(2030, 2, 1))
    assert starts(plan) == [(datetime.combine(d, time(8)), "a") for d in want]


def test_week_53_in_february_never_fires_and_is_refused_in_vietnamese():
    with pytest.raises(ScheduleError) as info:
        sched({"kind": "cron", "week": "53", "month": "2", "hour": "8", "item_ids": ["a"]})
    assert "không bao giờ phát" in info.value.reason_vi


# ---- campaigns over the year's turn and Tết ---------------------------------------------------


def test_a_campaign_handed_over_from_31_december_to_1_january():
    """The old programme until 31/12/2026, the new one from 01/01/2027 (inclusive local
    dates): daily 06:00 → 06:30, the month's last day → the first Monday, relay 05:30–06:00 →
    05:00–05:30. Nothing of either is lost or doubled at the turn, in one window or two."""
    old, new = {"end_date": "2026-12-31"}, {"start_date": "2027-01-01"}
    rules = [
        {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], **old},
        {"kind": "daily", "times": ["06:30"], "item_ids": ["a"], **new},
        {"kind": "cron", "day": "last", "hour": "7", "item_ids": ["b"], **old},
        {"kind": "cron", "day": "1st mon", "hour": "7", "item_ids": ["b"], **new},
        {"kind": "relay", "relay": "vov1", "window": {"start": "05:30", "end": "06:00"}, **old},
        {"kind": "relay", "relay": "vov1", "window": {"start": "05:00", "end": "05:30"}, **new},
    ]
    its = items(a=(60, N), b=(60, N))
    schedule = sched(*rules)
    want = [
        (w(2026, 12, 30, 5, 30), "vov1"),
        (w(2026, 12, 30, 6, 0), "a"),
        (w(2026, 12, 31, 5, 30), "vov1"),
        (w(2026, 12, 31, 6, 0), "a"),
        (w(2026, 12, 31, 7, 0), "b"),
        (w(2027, 1, 1, 5, 0), "vov1"),
        (w(2027, 1, 1, 6, 30), "a"),
        (w(2027, 1, 2, 5, 0), "vov1"),
        (w(2027, 1, 2, 6, 30), "a"),
        (w(2027, 1, 3, 5, 0), "vov1"),
        (w(2027, 1, 3, 6, 30), "a"),
        (w(2027, 1, 4, 5, 0), "vov1"),
        (w(2027, 1, 4, 6, 30), "a"),
        (w(2027, 1, 4, 7, 0), "b"),  # the first Monday of 2027
    ]
    assert starts(expand(schedule, its, start=at(2026, 12, 30), end=at(2027, 1, 5))) == want
    halves = expand(schedule, its, start=at(2026, 12, 30), end=at(2027, 1, 1)).entries
    halves += expand(schedule, its, start=at(2027, 1, 1), end=at(2027, 1, 5)).entries
    assert [(wall(e.start), e.item_id) for e in halves] == want


TET = date(2027, 2, 6)  # Tết Đinh Mùi (test_calendar_review_4 finds it from the new moon)
OFF = days(date(2027, 2, 5), date(2027, 2, 10))  # "no broadcasts 05–10/02/2027"


def test_days_off_around_tet_with_the_tools_there_are():
    """Before `days_off` (test_days_off.py checks the same plan with it), "no broadcasts
    05–10/02/2027" was each recurring rule split into a campaign to 04/02 and one from 11/02;
    that still works. Nothing then starts on
    those days, except the relay window opened on 04/02 at 23:30: a window belongs to the day
    it opens and runs to its end (00:30 on 05/02). To be silent from 05/02 00:00 that relay's
    first campaign must end on 03/02."""
    assert TET in OFF and TET.weekday() == 5

    def split(rule: dict, *, last_before: str = "2027-02-04") -> list[dict]:
        return [{**rule, "end_date": last_before}, {**rule, "start_date": "2027-02-11"}]

    daily = {"kind": "daily", "times": ["06:00", "17:00"], "weekdays": [0, 1, 2, 3, 4, 5]}
    cron = {"kind": "cron", "day_of_week": "sun", "hour": "8"}
    relay = {"kind": "relay", "relay": "vov1", "window": {"start": "23:30", "end": "00:30"}}
    rules = [
        *split({**daily, "item_ids": ["a"]}),
        *split({**cron, "item_ids": ["b"]}),
        *split(relay),
    ]
    policy = {"quiet_hours": {"start": "01:00", "end": "05:00"}}
    its = items(a=(60, N), b=(60, N))
    plan = expand(sched(*rules, **policy), its, start=at(2027, 2, 1), end=at(2027, 2, 15))
    on_days_off = [(t, i) for t, i in starts(plan) if t.date() in OFF]
    assert on_days_off == []
    assert (w(2027, 2, 4, 23, 30), "vov1") in starts(plan)
    [late] = [e for e in plan.entries if wall(e.start) == w(2027, 2, 4, 23, 30)]
    assert wall(late.end) == w(2027, 2, 5, 0, 30)  # plays into the first day off

    want_days = [d for d in days(date(2027, 2, 1), date(2027, 2, 14)) if d not in OFF]
    want = sorted(
        [(datetime.combine(d, time(h)), "a") for d in want_days if d.weekday() < 6 for h in (6, 17)]
        + [(datetime.combine(d, time(8)), "b") for d in want_days if d.weekday() == 6]
        + [(datetime.combine(d, time(23, 30)), "vov1") for d in want_days]
    )
    assert starts(plan) == want

    silent = [*split({**daily, "item_ids": ["a"]}), *split(relay, last_before="2027-02-03")]
    plan = expand(sched(*silent, **policy), its, start=at(2027, 2, 1), end=at(2027, 2, 15))
    assert not any(
        wall(e.start).date() in OFF or wall(e.end - timedelta(microseconds=1)).date() in OFF
        for e in plan.entries
    )


# ---- a one-off time refused in its own minute -------------------------------------------------


def test_a_one_off_refused_in_its_own_minute_says_the_seconds():
    """23:59 on New Year's Eve, saved at 23:59:30: the slot has begun, so it is refused, and
    the reason said "now 23:59 … at 23:59" (it read as refused for no reason). Now is given
    to the second when it is not on a whole minute; so is a slot."""
    schedule = sched({"kind": "once", "at": "2026-12-31T23:59", "item_ids": ["a"]})
    check_once_ahead(schedule, now=at(2026, 12, 31, 23, 59))  # at the slot: still ahead
    with pytest.raises(ScheduleError) as info:
        check_once_ahead(schedule, now=at(2026, 12, 31, 23, 59, 30))
    err = info.value
    assert err.code == "once_past"
    assert "bây giờ là 23:59:30 ngày 31/12/2026" in err.reason_vi
    assert "quy tắc số 1 lúc 23:59 ngày 31/12/2026" in err.reason_vi
    assert "now 2026-12-31 23:59:30" in err.reason and "at 2026-12-31 23:59." in err.reason

    with_seconds = sched({"kind": "once", "at": "2026-12-31T23:59:45+07:00", "item_ids": ["a"]})
    with pytest.raises(ScheduleError) as info:
        check_once_ahead(with_seconds, now=datetime(2026, 12, 31, 16, 59, 50, tzinfo=UTC))
    assert "bây giờ là 23:59:50 ngày 31/12/2026" in info.value.reason_vi
    assert "lúc 23:59:45 ngày 31/12/2026" in info.value.reason_vi


def test_the_panel_form_says_the_seconds_too():
    from starlette.datastructures import FormData

    from content_library.errors import ValidationError
    from web.routes.schedules import Target, compose

    target = Target("area:3", "area", "3", 3, "Xã")
    form = FormData(
        [
            ("name", "Giao thừa"),
            ("target", "area:3"),
            ("version_ids", "7"),
            ("once_at", "2026-12-31T23:59"),
        ]
    )
    with pytest.raises(ValidationError) as info:
        compose(form, targets=[target], allowed_ids={7}, now=at(2026, 12, 31, 23, 59, 30))
    assert info.value.field == "once_at"
    assert "bây giờ là 23:59:30 ngày 31/12/2026" in info.value.reason_vi
    body = compose(form, targets=[target], allowed_ids={7}, now=at(2026, 12, 31, 23, 58, 59))
    assert body["body"]["rules"][0]["at"] == "2026-12-31T23:59:00+07:00"


# ---- the panel's week across the year's turn ----------------------------------------------------


def test_the_panels_week_from_the_monday_of_week_53_runs_into_2027():
    """The week view groups by Vietnamese date from its start, given here in UTC as the app's
    clock may be: Monday 28/12/2026 08:00 in Vietnam is 01:00 UTC. Eight days are laid out
    (to the next Monday); the days with something on them are shown, in order."""
    from web.routes.schedules import WEEKDAY_MSGIDS, timeline_days

    rules = [
        {"kind": "daily", "times": ["06:00"], "weekdays": [0, 6], "item_ids": ["a"]},
        {"kind": "once", "at": "2026-12-31T23:10", "item_ids": ["a"]},
        {"kind": "once", "at": "2027-01-01T07:00", "item_ids": ["a"]},
    ]
    start = datetime(2026, 12, 28, 1, tzinfo=UTC)
    plan = expand(sched(*rules), items(a=(60, N)), start=start, end=start + timedelta(days=7))
    shown = timeline_days(plan)
    assert [(d["date"], d["weekday"]) for d in shown] == [
        (date(2026, 12, 31), WEEKDAY_MSGIDS[3]),  # 23:10: held back by the quiet hours
        (date(2027, 1, 1), WEEKDAY_MSGIDS[4]),
        (date(2027, 1, 3), WEEKDAY_MSGIDS[6]),
        (date(2027, 1, 4), WEEKDAY_MSGIDS[0]),  # 06:00 on the next Monday, before 08:00
    ]
    assert [(r["kind"], wall(r["at"])) for d in shown for r in d["rows"]] == [
        ("violation", w(2026, 12, 31, 23, 10)),
        ("entry", w(2027, 1, 1, 7)),
        ("entry", w(2027, 1, 3, 6)),
        ("entry", w(2027, 1, 4, 6)),
    ]


def test_the_quiet_hours_notice_on_new_years_eve_says_when_they_end():
    from web.routes.schedules import quiet_notices

    rules = [
        {"kind": "daily", "times": ["06:00", "23:30"], "item_ids": ["a"]},
        {"kind": "once", "at": "2027-01-01T00:15", "item_ids": ["b"]},
    ]
    schedule = sched(*rules)
    its = items(a=(60, N), b=(60, N))
    now = at(2026, 12, 31, 21)
    plan = expand(schedule, its, start=now, end=now + timedelta(days=7))
    window, once = quiet_notices(schedule, its, plan, now)
    assert window.kind == "window" and wall(window.first_at) == w(2026, 12, 31, 23, 30)
    assert wall(window.until) == w(2027, 1, 1, 5)
    assert "lượt gần nhất lúc 23:30 hôm nay (31/12)" in window.reason_vi
    assert "kéo dài đến 05:00 ngày mai (01/01)" in window.reason_vi
    assert window.held == 7  # 23:30 on each of the seven nights from 31/12
    assert once.kind == "once" and "Giờ phát một lần 00:15 ngày mai (01/01)" in once.reason_vi
    assert wall(once.until) == w(2027, 1, 1, 5)


def test_a_one_off_slot_a_year_out_is_said_with_its_year():
    """Typed for 31/12/2027 on 30/12/2026 (a year too far, in the quiet hours): the notice read
    "23:30 Friday (31/12)", as if it were the next day. A day of another year outside the
    coming week is now said with its year; the days of the week ahead (02/01 of the next year
    included) and later days of this year keep their short form."""
    from web.routes.schedules import quiet_notices

    rules = [
        {"kind": "once", "at": "2027-12-31T23:30", "item_ids": ["a"]},
        {"kind": "once", "at": "2027-01-02T23:30", "item_ids": ["a"]},
    ]
    same_year = sched({"kind": "once", "at": "2027-03-19T23:30", "item_ids": ["a"]})
    schedule = sched(*rules)
    its = items(a=(60, N))
    now = at(2026, 12, 30, 10)
    plan = expand(schedule, its, start=now, end=now + timedelta(days=7))
    near, far = sorted(quiet_notices(schedule, its, plan, now), key=lambda n: n.first_at)
    assert "Giờ phát một lần 23:30 thứ Bảy (02/01):" in near.reason_vi
    assert "kéo dài đến 05:00 Chủ nhật (03/01)." in near.reason_vi
    assert "Giờ phát một lần 23:30 thứ Sáu (31/12/2027):" in far.reason_vi
    assert "kéo dài đến 05:00 thứ Bảy (01/01/2028)." in far.reason_vi
    assert "The one-off time 23:30 Friday (31/12/2027):" in far.reason
    now = at(2027, 1, 2, 10)
    plan = expand(same_year, its, start=now, end=now + timedelta(days=7))
    [later] = quiet_notices(same_year, its, plan, now)
    assert "Giờ phát một lần 23:30 thứ Sáu (19/03):" in later.reason_vi

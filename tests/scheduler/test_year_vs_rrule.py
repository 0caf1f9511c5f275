"""A whole year of expansion against an independent computation with dateutil.rrule.

The expected side never touches APScheduler or zoneinfo: naive Vietnamese wall times from
rrule, and quiet hours (22:00–05:00) checked with minutes since midnight.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import DAILY, FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, YEARLY, rrule

from content_library.types import Priority
from scheduler.plan import ItemInfo, expand
from scheduler.rules import Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")

DURATION = {
    "a": 90,
    "m": 60,
    "leap": 60,
    "d31": 60,
    "camp": 60,
    "early": 60,
    "long": 7260,
    "edge": 1800,
}

RULES = [
    # 05:00 is the first minute allowed; 21:58 + 90 s ends before 22:00; 22:30 is quiet.
    {
        "kind": "daily",
        "times": ["05:00", "06:30", "17:45", "21:58", "22:30"],
        "weekdays": [0, 2, 4, 6],
        "item_ids": ["a"],
    },
    {"kind": "cron", "day": "last", "hour": "7", "minute": "15", "item_ids": ["m"]},  # month ends
    {"kind": "cron", "month": "2", "day": "29", "hour": "8", "item_ids": ["leap"]},  # 29 February
    {"kind": "cron", "day": "31", "hour": "9", "minute": "0", "item_ids": ["d31"]},
    {
        "kind": "daily",
        "times": ["10:00"],
        "item_ids": ["camp"],
        "start_date": "{Y}-03-25",
        "end_date": "{Y}-04-05",
    },
    {
        "kind": "cron",
        "hour": "4",
        "minute": "30,59",
        "item_ids": ["early"],
    },  # quiet (04:59 ends at 05:00)
    {
        "kind": "daily",
        "times": ["20:00"],
        "weekdays": [1, 3],
        "item_ids": ["long"],
    },  # runs to 22:01
    {"kind": "daily", "times": ["21:30"], "weekdays": [5], "item_ids": ["edge"]},  # ends at 22:00
]


def _schedule(year: int) -> Schedule:
    rules = [
        {k: (v.replace("{Y}", str(year)) if isinstance(v, str) else v) for k, v in r.items()}
        for r in RULES
    ]
    return Schedule.model_validate({"rules": rules})


def _expected(year: int) -> list[tuple[datetime, str]]:
    first, last = datetime(year, 1, 1), datetime(year, 12, 31, 23, 59, 59)

    def r(freq, **kw):
        kw.setdefault("dtstart", first)
        kw.setdefault("until", last)
        return list(rrule(freq, bysecond=0, **kw))

    out = []
    for hh, mm in ((5, 0), (6, 30), (17, 45), (21, 58), (22, 30)):
        out += [(t, "a") for t in r(DAILY, byweekday=(MO, WE, FR, SU), byhour=hh, byminute=mm)]
    out += [(t, "m") for t in r(MONTHLY, bymonthday=-1, byhour=7, byminute=15)]
    out += [(t, "leap") for t in r(YEARLY, bymonth=2, bymonthday=29, byhour=8, byminute=0)]
    out += [(t, "d31") for t in r(MONTHLY, bymonthday=31, byhour=9, byminute=0)]
    out += [
        (t, "camp")
        for t in r(DAILY, dtstart=datetime(year, 3, 25, 10), until=datetime(year, 4, 5, 10))
    ]
    out += [(t, "early") for t in r(DAILY, byhour=4, byminute=(30, 59))]
    out += [(t, "long") for t in r(WEEKLY, byweekday=(TU, TH), byhour=20, byminute=0)]
    out += [(t, "edge") for t in r(WEEKLY, byweekday=SA, byhour=21, byminute=30)]
    return sorted(out)


def _quiet(start: datetime, item: str) -> bool:
    begin = start.hour * 60 + start.minute + start.second / 60
    finish = begin + DURATION[item] / 60
    return begin < 5 * 60 or finish > 22 * 60


@pytest.mark.parametrize("year", [2027, 2028])
def test_a_whole_year_matches_rrule(year):
    items = {k: ItemInfo(k, float(d), Priority.NORMAL) for k, d in DURATION.items()}
    plan = expand(
        _schedule(year),
        items,
        start=datetime(year, 1, 1, tzinfo=VN),
        end=datetime(year + 1, 1, 1, tzinfo=VN),
    )
    expected = _expected(year)
    want_kept = [(t, i) for t, i in expected if not _quiet(t, i)]
    want_quiet = [(t, i) for t, i in expected if _quiet(t, i)]

    def naive(e):
        return e.start.astimezone(VN).replace(tzinfo=None)

    got_kept = [(naive(e), e.item_id) for e in plan.entries]
    got_quiet = sorted((naive(v.entry), v.entry.item_id) for v in plan.violations)
    assert got_kept == want_kept
    assert got_quiet == want_quiet
    assert {v.kind for v in plan.violations} == {"quiet_hours"}
    assert plan.conflicts == []
    for e in plan.entries:
        assert e.end - e.start == timedelta(seconds=DURATION[e.item_id])

    kept = {}
    for _, item in got_kept:
        kept[item] = kept.get(item, 0) + 1
    # Sanity on the edges the test is about.
    assert kept["m"] == 12 and kept["d31"] == 7 and kept["camp"] == 12
    assert kept.get("leap", 0) == (1 if year == 2028 else 0)
    assert "early" not in kept and "long" not in kept
    assert kept["edge"] == len([1 for t, i in expected if i == "edge"])  # 21:30–22:00 is allowed
    feb29 = [t for t, i in got_kept if (t.month, t.day) == (2, 29)]
    assert bool(feb29) == (year == 2028)
    february_end = datetime(year, 2, 29 if year == 2028 else 28, 7, 15)
    assert (february_end, "m") in got_kept

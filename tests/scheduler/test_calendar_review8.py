"""The calendar the scheduler meets next, an eighth reading: December 2026 to March 2028 in one
window, for three schedules a commune would really publish, against a checker written here
(the earlier readings: test_calendar_review.py, _2 … _7, test_priorities_review.py,
test_window_independence.py, test_days_off.py).

The checker imports nothing of `scheduler`: fire times come from dateutil.rrule in naive
Vietnamese wall time (UTC+7, no daylight saving), campaign dates, days off, weekdays and quiet
hours are decided with plain date arithmetic, sessions are grouped by the gap between what
plays, and a day over `max_per_day` keeps its highest-priority sessions, then the earliest
(docs/bundle-format.md, "Schedule rules on the calendar"). The schedules are drawn so that no
two broadcasts overlap, so no queueing is needed to read them.

1. The commune's year: bulletins Monday to Saturday, a morning relay Monday to Friday that the
   bulletin follows, the month's last day (priority), the last Friday, the 1st, 29 February,
   Tết Đinh Mùi (06/02/2027) and Tết Mậu Thân (26/01/2028) off, a one-off on mùng 1 Tết (a day
   off: it plays) and one given in UTC that lands at 00:00 on New Year's Day (quiet: dropped).
2. The night relay: 23:00–00:30 every night (priority) with a bulletin at 00:33 joining it, two
   sessions a day at most, New Year's Day off: busy around every midnight, so planned week by
   week from Monday 00:00 (scheduler/blocks.py), across 2026→2027, 28/02/2027 and 29/02/2028.
3. Cron text as operators type it: every two hours on weekdays, the quarter's first day, the
   2nd Wednesday, the 5th Sunday, ISO week 53, against rrule.

Each is planned as one window and again cut at month ends, at the year's turn and at odd
instants; every cut gives the same plan. Then:

4. A simulated unit on a machine whose system time zone is UTC: booted with a 1970 clock and
   corrected by NTP (nothing planned or logged missed before, 06:00 on time after); stopped in
   the middle of a broadcast and started again (nothing played twice, the next slot on time).
5. A refusal naming a rule names it counted from 1, as every other refusal does (a fix).
6. An item outside its approval window gives its slot up (a fix): a notice approved from
   tomorrow no longer silences today's bulletin at the same minute, on the unit and in the
   plan; a broadcast queued past its approval's end, an emergency that cannot play.

Every instant is an argument: the file passes with the wall clock moved (tests/timeshift/run).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import DAILY, FR, MO, MONTHLY, SA, SU, TH, TU, WE, rrule

from content_library.types import Priority
from scheduler import ItemInfo, ScheduleError, expand, parse_schedule
from scheduler.plan import Plan

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P = Priority.NORMAL, Priority.PRIORITY
FIRST, LAST = datetime(2026, 12, 1), datetime(2028, 4, 1)  # naive Vietnamese wall times
WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

Entry = tuple[datetime, datetime, str, Priority]  # naive start, naive end, item, priority


def wall(instant: datetime) -> datetime:
    return instant.astimezone(VN).replace(tzinfo=None)


def vn(naive: datetime) -> datetime:
    return naive.replace(tzinfo=VN)


def got(plan: Plan) -> list[tuple[datetime, str]]:
    return [(wall(e.start), e.item_id) for e in plan.entries]


def dropped_by(plan: Plan) -> dict[tuple[datetime, str], str]:
    out = {(wall(v.entry.start), v.entry.item_id): v.kind for v in plan.violations}
    for c in plan.conflicts:
        out[wall(c.entry.start), c.entry.item_id] = c.kind
    return out


# ---- the checker ------------------------------------------------------------------------------


def off(day: date, ranges: Iterable[tuple[date, date]]) -> bool:
    return any(a <= day <= b for a, b in ranges)


def in_quiet(start: datetime, end: datetime, quiet: tuple[time, time] | None) -> bool:
    """Does [start, end) touch [q_start, q_end) of any day (across midnight if q_start > q_end)?
    Walked minute by minute on wall times: slow, plain and independent."""
    if quiet is None:
        return False
    q_start, q_end = quiet

    def quiet_at(t: datetime) -> bool:
        clock = t.time()
        if q_start < q_end:
            return q_start <= clock < q_end
        return clock >= q_start or clock < q_end

    t = start
    while t < end:
        if quiet_at(t):
            return True
        t = (t + timedelta(minutes=1)).replace(second=0, microsecond=0)
    return False


def check(
    raw: list[Entry],
    *,
    quiet: tuple[time, time] | None,
    gap_s: float = 300,
    max_per_day: int | None = None,
    allowed: Iterable[int] = range(7),
) -> tuple[list[tuple[datetime, str]], dict[tuple[datetime, str], str]]:
    """(what plays, what is dropped and why) of entries that never overlap."""
    raw = sorted(raw)
    for a, b in pairwise(raw):
        assert a[1] <= b[0], f"the checker reads schedules without overlaps: {a} {b}"
    why: dict[tuple[datetime, str], str] = {}
    playing = []
    for e in raw:
        if in_quiet(e[0], e[1], quiet):
            why[e[0], e[2]] = "quiet_hours"
        elif e[0].weekday() not in set(allowed):
            why[e[0], e[2]] = "weekday"
        else:
            playing.append(e)
    sessions: list[list[Entry]] = []
    for e in playing:
        if sessions and (e[0] - sessions[-1][-1][1]).total_seconds() < gap_s:
            sessions[-1].append(e)
        else:
            sessions.append([e])
    kept: list[Entry] = []
    by_day: dict[date, list[list[Entry]]] = {}
    for s in sessions:
        by_day.setdefault(s[0][0].date(), []).append(s)
    for day_sessions in by_day.values():
        ranked = sorted(day_sessions, key=lambda s: (-max(e[3].rank for e in s), s[0][0]))
        cap = len(ranked) if max_per_day is None else max_per_day
        for s in ranked[:cap]:
            kept += s
        for s in ranked[cap:]:
            for e in s:
                why[e[0], e[2]] = "max_per_day"
    return sorted((e[0], e[2]) for e in kept), why


def at_times(
    rule: rrule | Iterable[datetime],
    item: str,
    seconds: float,
    priority: Priority = N,
    *,
    days_off: Iterable[tuple[date, date]] = (),
    start: date | None = None,
    end: date | None = None,
) -> list[Entry]:
    ranges = list(days_off)
    return [
        (t, t + timedelta(seconds=seconds), item, priority)
        for t in rule
        if FIRST <= t < LAST
        and not off(t.date(), ranges)
        and (start is None or t.date() >= start)
        and (end is None or t.date() <= end)
    ]


def plan_in_cuts(schedule, infos, cuts: list[datetime]) -> Plan:
    """One plan made of the plans of consecutive windows [cuts[i], cuts[i + 1])."""
    whole = Plan(start=vn(cuts[0]), end=vn(cuts[-1]))
    for lo, hi in pairwise(cuts):
        part = expand(schedule, infos, start=vn(lo), end=vn(hi))
        whole.entries += part.entries
        whole.conflicts += part.conflicts
        whole.violations += part.violations
    return whole


def month_starts() -> list[datetime]:
    return list(rrule(MONTHLY, dtstart=FIRST, until=LAST, bymonthday=1))


def test_the_checker_knows_the_calendar():
    """The checker's own facts, so that a slip in it cannot hide one in the code."""
    assert date(2027, 2, 6).weekday() == 5 and date(2028, 1, 26).weekday() == 2  # Tết
    last_fridays = [
        t.date()
        for t in rrule(MONTHLY, dtstart=FIRST, until=LAST, byweekday=FR(-1))
        if t.day
        == {2: 29 if t.year % 4 == 0 else 28}.get(t.month, 30 if t.month in (4, 6, 9, 11) else 31)
    ]
    assert last_fridays == [date(2027, 4, 30), date(2027, 12, 31), date(2028, 3, 31)]
    assert not in_quiet(datetime(2027, 1, 1, 21, 55), datetime(2027, 1, 1, 22), (time(22), time(5)))
    assert in_quiet(
        datetime(2027, 1, 1, 21, 55), datetime(2027, 1, 1, 22, 0, 1), (time(22), time(5))
    )
    assert in_quiet(datetime(2028, 1, 1, 0, 0), datetime(2028, 1, 1, 0, 1), (time(22), time(5)))
    assert not in_quiet(
        datetime(2027, 1, 1, 5, 0), datetime(2027, 1, 1, 5, 30), (time(22), time(5))
    )


# ---- 1. the commune's year --------------------------------------------------------------------

TET = [(date(2027, 2, 5), date(2027, 2, 10)), (date(2028, 1, 25), date(2028, 1, 30))]
TET_OFF = ["2027-02-05/2027-02-10", "2028-01-25/2028-01-30"]

COMMUNE = {
    "format": 1,
    "rules": [
        {
            "kind": "daily",
            "times": ["06:00", "17:30"],
            "weekdays": [0, 1, 2, 3, 4, 5],
            "item_ids": ["tin"],
            "days_off": TET_OFF,
        },
        {
            "kind": "cron",
            "day": "last",
            "hour": "18",
            "item_ids": ["tong-ket"],
            "days_off": TET_OFF,
        },
        {
            "kind": "cron",
            "day": "last fri",
            "hour": "19",
            "item_ids": ["an-ninh"],
            "days_off": TET_OFF,
        },
        {"kind": "cron", "month": "2", "day": "29", "hour": "7", "item_ids": ["nhuan"]},
        {
            "kind": "cron",
            "day": "1",
            "hour": "7",
            "minute": "15",
            "item_ids": ["dau-thang"],
            "days_off": TET_OFF,
        },
        {"kind": "once", "at": "2027-02-06T08:00:00+07:00", "item_ids": ["chuc-tet"]},
        {"kind": "once", "at": "2027-12-31T17:00:00Z", "item_ids": ["chuc-tet"]},
        {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": "05:30", "end": "06:00"},
            "weekdays": [0, 1, 2, 3, 4],
            "days_off": TET_OFF,
        },
    ],
    "policy": {
        "quiet_hours": {"start": "22:00", "end": "05:00"},
        "max_per_day": 3,
        "session_gap_s": 300,
        "queue_tolerance_s": 300,
    },
}
COMMUNE_ITEMS = {
    "tin": ItemInfo("tin", 600.0),
    "tong-ket": ItemInfo("tong-ket", 300.0, P),
    "an-ninh": ItemInfo("an-ninh", 420.0),
    "nhuan": ItemInfo("nhuan", 60.0),
    "dau-thang": ItemInfo("dau-thang", 300.0),
    "chuc-tet": ItemInfo("chuc-tet", 120.0),
}


def commune_checker() -> tuple[list[tuple[datetime, str]], dict[tuple[datetime, str], str]]:
    raw = at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byweekday=WEEKDAYS[:6], byhour=6),
        "tin",
        600,
        days_off=TET,
    )
    raw += at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byweekday=WEEKDAYS[:6], byhour=17, byminute=30),
        "tin",
        600,
        days_off=TET,
    )
    raw += at_times(
        rrule(MONTHLY, dtstart=FIRST, until=LAST, bymonthday=-1, byhour=18),
        "tong-ket",
        300,
        P,
        days_off=TET,
    )
    raw += at_times(
        rrule(MONTHLY, dtstart=FIRST, until=LAST, byweekday=FR(-1), byhour=19),
        "an-ninh",
        420,
        days_off=TET,
    )
    raw += at_times(
        rrule(MONTHLY, dtstart=FIRST, until=LAST, bymonth=2, bymonthday=29, byhour=7), "nhuan", 60
    )
    raw += at_times(
        rrule(MONTHLY, dtstart=FIRST, until=LAST, bymonthday=1, byhour=7, byminute=15),
        "dau-thang",
        300,
        days_off=TET,
    )
    raw += at_times([datetime(2027, 2, 6, 8), datetime(2028, 1, 1, 0)], "chuc-tet", 120)
    raw += at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byweekday=WEEKDAYS[:5], byhour=5, byminute=30),
        "vov1",
        1800,
        days_off=TET,
    )
    return check(raw, quiet=(time(22), time(5)), max_per_day=3)


def test_the_commune_checker_sees_tet_the_leap_day_and_the_year_end():
    kept, why = commune_checker()
    days = {t.date() for t, _ in kept}
    assert not days & {date(2027, 2, 5) + timedelta(days=k) for k in range(6)} - {date(2027, 2, 6)}
    assert (datetime(2027, 2, 6, 8), "chuc-tet") in kept  # a one-off on a day off plays
    assert why[datetime(2028, 1, 1, 0), "chuc-tet"] == "quiet_hours"
    assert (datetime(2028, 2, 29, 7), "nhuan") in kept and (
        datetime(2028, 2, 29, 18),
        "tong-ket",
    ) in kept
    assert (datetime(2027, 2, 28, 18), "tong-ket") in kept
    # 31/12/2027, a Friday and the year's last day: the priority notice ranks first, then the
    # morning relay + bulletin and 17:30; the last Friday's 19:00 is the fourth session
    assert why[datetime(2027, 12, 31, 19), "an-ninh"] == "max_per_day"
    assert (datetime(2027, 12, 31, 18), "tong-ket") in kept
    # the relay and the 06:00 bulletin are one session
    assert (datetime(2027, 3, 1, 5, 30), "vov1") in kept and (
        datetime(2027, 3, 1, 6),
        "tin",
    ) in kept


def test_sixteen_months_of_the_commune_in_one_window_match_the_checker():
    kept, why = commune_checker()
    plan = expand(parse_schedule(COMMUNE), COMMUNE_ITEMS, start=vn(FIRST), end=vn(LAST))
    assert got(plan) == kept
    assert dropped_by(plan) == why


def test_the_commune_cut_at_month_ends_the_year_end_and_odd_instants_is_one_plan():
    kept, why = commune_checker()
    odd = [
        datetime(2026, 12, 31, 23, 59, 59),
        datetime(2027, 2, 5, 23, 59),
        datetime(2027, 2, 28, 18, 0),  # exactly a start: in the window after the cut
        datetime(2027, 12, 31, 18, 2),  # inside a broadcast: it is of the window before
        datetime(2028, 2, 29, 7, 0, 0, 1),
    ]
    cuts = sorted({*month_starts(), *odd})
    plan = plan_in_cuts(parse_schedule(COMMUNE), COMMUNE_ITEMS, cuts)
    assert got(plan) == kept
    assert dropped_by(plan) == why


# ---- 2. the night relay -----------------------------------------------------------------------

NEW_YEAR = [(date(2027, 1, 1), date(2027, 1, 1)), (date(2028, 1, 1), date(2028, 1, 1))]
NIGHT = {
    "format": 1,
    "rules": [
        {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": "23:00", "end": "00:30"},
            "priority": "priority",
            "days_off": ["2027-01-01", "2028-01-01"],
        },
        {
            "kind": "daily",
            "times": ["00:33"],
            "item_ids": ["dem"],
            "days_off": ["2027-01-01", "2028-01-01"],
        },
        {
            "kind": "daily",
            "times": ["06:00", "11:30"],
            "item_ids": ["ngay"],
            "days_off": ["2027-01-01", "2028-01-01"],
        },
    ],
    "policy": {
        "quiet_hours": {"start": "01:00", "end": "05:00"},
        "max_per_day": 2,
        "max_session_minutes": 100,
        "session_gap_s": 300,
        "queue_tolerance_s": 300,
    },
}
NIGHT_ITEMS = {"dem": ItemInfo("dem", 120.0), "ngay": ItemInfo("ngay", 300.0)}


def night_checker() -> tuple[list[tuple[datetime, str]], dict[tuple[datetime, str], str]]:
    raw = at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byhour=23), "vov1", 5400, P, days_off=NEW_YEAR
    )
    raw += at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byhour=0, byminute=33),
        "dem",
        120,
        days_off=NEW_YEAR,
    )
    raw += at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byhour=6), "ngay", 300, days_off=NEW_YEAR
    )
    raw += at_times(
        rrule(DAILY, dtstart=FIRST, until=LAST, byhour=11, byminute=30),
        "ngay",
        300,
        days_off=NEW_YEAR,
    )
    # the window asked for starts at 00:00 on 1 December: the relay opened on 30 November is
    # not in it, and the 00:33 of 1 December follows it (a session of 30 November)
    prelude = (datetime(2026, 11, 30, 23), datetime(2026, 12, 1, 0, 30), "vov1", P)
    kept, why = check([prelude, *raw], quiet=(time(1), time(5)), max_per_day=2)
    kept = [k for k in kept if k[0] >= FIRST]
    why = {k: v for k, v in why.items() if k[0] >= FIRST}
    return kept, why


def test_the_night_checker_counts_the_relay_and_its_bulletin_for_the_night_they_start():
    kept, why = night_checker()
    # an ordinary night: the relay (priority) and its 00:33 are one session of the day before;
    # the day keeps the relay and the 06:00, the 11:30 is its third session
    assert (datetime(2027, 3, 1, 23), "vov1") in kept and (
        datetime(2027, 3, 2, 0, 33),
        "dem",
    ) in kept
    assert (datetime(2027, 3, 1, 6), "ngay") in kept
    assert why[datetime(2027, 3, 1, 11, 30), "ngay"] == "max_per_day"
    # New Year's Eve 2026: the relay opened on 31/12 plays to 00:30 on 1/1; the 00:33 of a day
    # off does not fire; nothing opens on 1/1; the 00:33 of 2/1 is then a session of its own,
    # the earliest of 2/1 after the night's relay (priority): 2/1 has no 06:00 and no 11:30
    assert (datetime(2026, 12, 31, 23), "vov1") in kept
    assert not [k for k in kept if k[0].date() == date(2027, 1, 1)]
    assert (datetime(2027, 1, 2, 0, 33), "dem") in kept
    assert why[datetime(2027, 1, 2, 6), "ngay"] == "max_per_day"
    assert why[datetime(2027, 1, 2, 11, 30), "ngay"] == "max_per_day"
    assert (datetime(2027, 1, 2, 23), "vov1") in kept  # priority: first of its day


def test_sixteen_nights_months_of_the_night_relay_match_the_checker():
    kept, why = night_checker()
    plan = expand(parse_schedule(NIGHT), NIGHT_ITEMS, start=vn(FIRST), end=vn(LAST))
    assert got(plan) == kept
    assert dropped_by(plan) == why


@pytest.mark.parametrize(
    "odd",
    [
        [datetime(2026, 12, 31, 23, 0), datetime(2027, 1, 4)],  # a start; a Monday 00:00
        [datetime(2027, 2, 28, 23, 30), datetime(2027, 3, 1, 0, 33)],  # inside; a start
        [datetime(2028, 2, 29, 0, 0), datetime(2028, 2, 29, 0, 34), datetime(2028, 3, 6)],
    ],
)
def test_the_night_relay_cut_anywhere_is_one_plan(odd):
    kept, why = night_checker()
    cuts = sorted({*month_starts(), *odd})
    plan = plan_in_cuts(parse_schedule(NIGHT), NIGHT_ITEMS, cuts)
    assert got(plan) == kept
    assert dropped_by(plan) == why


# ---- 3. cron text as operators type it ----------------------------------------------------------

CRON_CASES = [
    (
        {"hour": "6-18/2", "minute": "0", "day_of_week": "mon-fri"},
        rrule(DAILY, dtstart=FIRST, until=LAST, byweekday=WEEKDAYS[:5], byhour=range(6, 19, 2)),
    ),
    (
        {"month": "1,4,7,10", "day": "1", "hour": "8"},
        rrule(MONTHLY, dtstart=FIRST, until=LAST, bymonth=(1, 4, 7, 10), bymonthday=1, byhour=8),
    ),
    (
        {"day": "2nd wed", "hour": "19", "minute": "30"},
        rrule(MONTHLY, dtstart=FIRST, until=LAST, byweekday=WE(2), byhour=19, byminute=30),
    ),
    (
        {"day": "5th sun", "hour": "8"},
        rrule(MONTHLY, dtstart=FIRST, until=LAST, byweekday=SU(5), byhour=8),
    ),
    (
        {"day": "last", "day_of_week": "sat,sun", "hour": "9"},
        [
            t
            for t in rrule(MONTHLY, dtstart=FIRST, until=LAST, bymonthday=-1, byhour=9)
            if t.weekday() >= 5
        ],
    ),
    (
        {"week": "53", "day_of_week": "mon,thu", "hour": "7"},
        [
            t
            for t in rrule(DAILY, dtstart=FIRST, until=LAST, byweekday=(MO, TH), byhour=7)
            if t.isocalendar()[1] == 53
        ],
    ),
    (
        {"day": "15", "month": "*/3", "hour": "7", "minute": "5"},
        rrule(
            MONTHLY,
            dtstart=FIRST,
            until=LAST,
            bymonth=(1, 4, 7, 10),
            bymonthday=15,
            byhour=7,
            byminute=5,
        ),
    ),
]


@pytest.mark.parametrize(("fields", "want"), CRON_CASES)
def test_cron_text_over_sixteen_months_matches_rrule(fields, want):
    schedule = parse_schedule(
        {"rules": [{"kind": "cron", **fields, "item_ids": ["x"]}], "policy": {"quiet_hours": None}}
    )
    plan = expand(schedule, {"x": ItemInfo("x", 30.0)}, start=vn(FIRST), end=vn(LAST))
    assert [wall(e.start) for e in plan.entries] == [t for t in want if FIRST <= t < LAST]
    assert plan.entries, fields
    # the same instants asked in UTC
    plan_utc = expand(
        schedule,
        {"x": ItemInfo("x", 30.0)},
        start=vn(FIRST).astimezone(UTC),
        end=vn(LAST).astimezone(UTC),
    )
    assert plan_utc.entries == plan.entries


# ---- 4. the unit: a 1970 clock, a restart, the machine on UTC ----------------------------------

BOOT = datetime(2027, 2, 4, 5, 59, 40, tzinfo=VN)  # the Thursday before Tết Đinh Mùi
UNIT_SCHEDULE = {
    "format": 1,
    "rules": [
        {
            "kind": "daily",
            "times": ["06:00", "06:10"],
            "item_ids": ["A"],
            "days_off": ["2027-02-05/2027-02-10"],
        }
    ],
    "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
}


def token(naive: datetime) -> str:
    """The unit's identity of a scheduled broadcast (playout/core.py), written out by hand."""
    return f"A@{naive.isoformat()}+07:00"


@pytest.fixture
def unit_rig(tmp_path, monkeypatch):
    """A kit dated BOOT holding UNIT_SCHEDULE, and a way to boot a unit at a wall time with its
    own SimClock (trusted or not), on a machine whose system time zone is UTC."""
    import time as systime

    import gpiozero.pins.mock as mock
    from gpiozero import Device

    from hardware.clock import SimClock
    from tests.playout.conftest import Unit, UnitKit, import_bundle

    monkeypatch.setenv("TZ", "UTC")
    systime.tzset()
    saved = Device.pin_factory
    kit = UnitKit(tmp_path, t0=BOOT)
    path = kit.bundle([kit.item("A", seconds=4)], schedule=UNIT_SCHEDULE)
    assert import_bundle(kit, path, SimClock(BOOT)).status == "activated"
    units: list = []
    factories: list = []

    def boot(at: datetime, *, trusted: bool = True):
        clock = SimClock(at, monotonic=1000.0, trusted=trusted)
        monkeypatch.setattr(mock, "monotonic", clock.monotonic)
        factory = mock.MockFactory()
        factories.append(factory)
        unit = Unit(kit, clock, factory, kit.config())
        units.append(unit)
        return unit

    yield boot
    for u in units:
        if u.daemon._running:
            u.stop()
    for f in factories:
        f.reset()
    Device.pin_factory = saved
    monkeypatch.undo()
    systime.tzset()


def test_a_unit_booting_with_a_1970_clock_plays_nothing_until_corrected_then_plays_on_time(
    unit_rig,
):
    """A Pi without a battery clock boots at 01/01/1970 (UTC), unsynchronised: nothing is
    planned, played or logged missed over 57 years. NTP sets the clock to 05:59:40 on
    04/02/2027 and reports it synchronised: 06:00 plays at 06:00:00 sharp, once."""
    u = unit_rig(datetime(1970, 1, 1, 0, 0, 10, tzinfo=UTC), trusted=False)
    u.run(30)
    assert u.entries() == [] and u.output.played == []
    corrected_at = u.clock.monotonic()
    u.clock.set_wall(BOOT)
    u.clock.set_trusted(True)
    u.run(40)
    assert u.kinds(token(datetime(2027, 2, 4, 6))) == ["armed", "started", "finished"]
    assert [k for k, _ in u.entries()] == ["armed", "started", "finished"]  # nothing skipped
    assert [r.start_time for r in u.output.played] == [pytest.approx(corrected_at + 20, abs=1e-6)]


def test_a_unit_restarted_in_the_middle_of_a_broadcast_plays_nothing_twice_and_loses_nothing(
    unit_rig,
):
    """Stopped two seconds into the 06:00 bulletin and started again at 06:00:30: 06:00 is
    logged cut off and not played again, 06:10 plays on time."""
    first = unit_rig(BOOT)
    first.run(22)  # 06:00:02
    first.stop()
    again = unit_rig(BOOT + timedelta(seconds=50))
    again.run(20)
    again.run_until(datetime(2027, 2, 4, 6, 9, 40, tzinfo=VN), step=5.0)
    again.run(50)  # to 06:10:30
    assert again.kinds(token(datetime(2027, 2, 4, 6))) == ["armed", "started", "failed"]
    assert again.kinds(token(datetime(2027, 2, 4, 6, 10))) == ["armed", "started", "finished"]
    assert [r.start_time for r in again.output.played] == [1000.0 + 570.0]


# ---- 5. refusals that name a rule name the right one ------------------------------------------


def test_a_schedule_making_too_many_broadcasts_names_its_rule_counted_from_one():
    """Rule 2 (every minute, ten times over) is what no unit can plan; the refusal used to say
    "rule 1" / "quy tắc số 1" (counted from 0), the harmless 06:00 bulletin before it, while
    every other refusal counts rules from 1 (check_once_ahead, check_relay_windows)."""
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]},
                {"kind": "cron", "minute": "*", "item_ids": ["a"], "repeat": 10},
            ],
            "policy": {"quiet_hours": None},
        }
    )
    start = datetime(2027, 2, 26, 10, tzinfo=VN)
    with pytest.raises(ScheduleError) as err:
        expand(schedule, {"a": ItemInfo("a", 1.0)}, start=start, end=start + timedelta(days=1))
    assert err.value.reason.endswith("check rule 2")
    assert err.value.reason_vi.endswith("kiểm tra quy tắc số 2")


# ---- 6. an item outside its approval window gives its slot up --------------------------------

MONDAY_0659 = datetime(2027, 3, 1, 6, 59, 40, tzinfo=VN)
TOMORROW = datetime(2027, 3, 2, tzinfo=VN)
SEVEN_OCLOCK = {
    "format": 1,
    "rules": [
        {"kind": "daily", "times": ["07:00"], "item_ids": ["ban-tin"]},
        {"kind": "daily", "times": ["07:00"], "item_ids": ["thong-bao"]},
    ],
    "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
}


def test_a_notice_approved_from_tomorrow_does_not_silence_todays_bulletin(tmp_path, monkeypatch):
    """A priority notice approved from 02/03/2027 goes out in Monday's bundle with the daily
    07:00 bulletin (the builder allows an approval that starts later; the unit must not play
    it before). On Monday the notice cannot play: the bulletin plays at 07:00, and the notice
    is logged skipped, not yet valid. The plan used to drop the bulletin for the notice
    ('overlaps priority'), and the unit then skipped both: 07:00 was silent until Tuesday."""
    import gpiozero.pins.mock as mock
    from gpiozero import Device

    from hardware.clock import SimClock
    from tests.playout.conftest import Unit, UnitKit, import_bundle

    saved = Device.pin_factory
    kit = UnitKit(tmp_path, t0=MONDAY_0659)
    bulletin = kit.item("ban-tin", seconds=4)
    notice = kit.item("thong-bao", seconds=4, priority="priority", valid_from=TOMORROW)
    path = kit.bundle([bulletin, notice], schedule=SEVEN_OCLOCK)
    assert import_bundle(kit, path, SimClock(MONDAY_0659)).status == "activated"
    clock = SimClock(MONDAY_0659, monotonic=1000.0)
    monkeypatch.setattr(mock, "monotonic", clock.monotonic)
    factory = mock.MockFactory()
    unit = Unit(kit, clock, factory, kit.config())
    try:
        unit.run(30)
        seven = "2027-03-01T07:00:00+07:00"
        assert unit.kinds(f"ban-tin@{seven}") == ["armed", "started", "finished"]
        assert unit.kinds(f"thong-bao@{seven}") == ["skipped"]
        [why] = [f for k, f in unit.entries() if k == "skipped"]
        assert "not valid before" in why["reason"] and "chưa có hiệu lực" in why["reason_vi"]
        assert [r.start_time for r in unit.output.played] == [1020.0]
    finally:
        unit.stop()
        factory.reset()
        Device.pin_factory = saved


def test_the_plan_gives_up_the_slots_of_an_item_outside_its_approval_window():
    """Daily 07:00: the bulletin (normal) and a notice (priority) approved from 02/03/2027 00:00
    until 04/03/2027 07:00. On 01/03 and from 04/03 the notice cannot play and the bulletin
    does; on 02/03 and 03/03 the notice plays and the bulletin gives way to it."""
    schedule = parse_schedule(SEVEN_OCLOCK)
    infos = {
        "ban-tin": ItemInfo("ban-tin", 300.0),
        "thong-bao": ItemInfo(
            "thong-bao",
            120.0,
            P,
            valid_from=TOMORROW,
            valid_until=datetime(2027, 3, 4, 7, tzinfo=VN),
        ),
    }
    start = datetime(2027, 3, 1, tzinfo=VN)
    plan = expand(schedule, infos, start=start, end=start + timedelta(days=5))
    assert got(plan) == [
        (datetime(2027, 3, 1, 7), "ban-tin"),
        (datetime(2027, 3, 2, 7), "thong-bao"),
        (datetime(2027, 3, 3, 7), "thong-bao"),
        (datetime(2027, 3, 4, 7), "ban-tin"),
        (datetime(2027, 3, 5, 7), "ban-tin"),
    ]
    reasons = {wall(v.entry.start).day: v for v in plan.violations}
    assert {d: v.kind for d, v in reasons.items()} == {1: "approval", 4: "approval", 5: "approval"}
    assert reasons[1].reason_vi.endswith("phê duyệt chưa có hiệu lực trước 00:00 ngày 02/03/2027")
    assert reasons[4].reason.endswith("its approval expired at 2027-03-04 07:00")
    assert reasons[4].reason_vi.endswith("phê duyệt đã hết hạn lúc 07:00 ngày 04/03/2027")
    assert [(wall(c.entry.start), c.entry.item_id) for c in plan.conflicts] == [
        (datetime(2027, 3, 2, 7), "ban-tin"),
        (datetime(2027, 3, 3, 7), "ban-tin"),
    ]
    # day by day, the same plan
    assert (
        plan_in_cuts(schedule, infos, [wall(start) + timedelta(days=d) for d in range(6)]).entries
        == plan.entries
    )


def test_a_broadcast_queued_past_the_end_of_its_approval_is_dropped():
    """The unit checks an approval at the start a broadcast really has: queued from 07:00 to
    07:03 behind the 06:58 bulletin, a notice approved until 07:02 is dropped, not planned to
    play when the unit will refuse it."""
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "daily", "times": ["06:58"], "item_ids": ["a"]},
                {"kind": "daily", "times": ["07:00"], "item_ids": ["b"]},
            ],
            "policy": {"quiet_hours": None},
        }
    )
    until = datetime(2027, 3, 1, 7, 2, tzinfo=VN)
    infos = {"a": ItemInfo("a", 300.0), "b": ItemInfo("b", 120.0, valid_until=until)}
    start = datetime(2027, 3, 1, tzinfo=VN)
    plan = expand(schedule, infos, start=start, end=start + timedelta(days=1))
    assert got(plan) == [(datetime(2027, 3, 1, 6, 58), "a")]
    [v] = plan.violations
    assert (v.kind, v.entry.item_id, wall(v.entry.start)) == (
        "approval",
        "b",
        datetime(2027, 3, 1, 7, 3),
    )


def test_an_emergency_that_cannot_play_keeps_no_other_waiting():
    """Two scheduled emergencies at 08:00 and 08:05, the first approved until 08:00: it is
    left out (said so in the plan) and the second plays at 08:05, not queued to 08:10."""
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "once", "at": "2027-03-01T08:00:00+07:00", "item_ids": ["e1"]},
                {"kind": "once", "at": "2027-03-01T08:05:00+07:00", "item_ids": ["e2"]},
            ]
        }
    )
    infos = {
        "e1": ItemInfo(
            "e1", 600.0, Priority.EMERGENCY, valid_until=datetime(2027, 3, 1, 8, tzinfo=VN)
        ),
        "e2": ItemInfo("e2", 60.0, Priority.EMERGENCY),
    }
    start = datetime(2027, 3, 1, tzinfo=VN)
    plan = expand(schedule, infos, start=start, end=start + timedelta(days=1))
    assert got(plan) == [(datetime(2027, 3, 1, 8, 5), "e2")]
    assert plan.conflicts == []
    assert [(v.kind, v.entry.item_id) for v in plan.violations] == [("approval", "e1")]


def test_loa_plan_reads_the_approval_windows_of_the_manifest():
    """What `loa plan` prints (plan_from_manifest over manifest.json): the approval's bounds are
    ISO 8601 text there; a bound that is not a date and time is refused in Vietnamese."""
    from scheduler.plan import plan_from_manifest

    def item(item_id: str, priority: str, valid_from: str) -> dict:
        approval = {"valid_from": valid_from, "valid_until": "2027-04-01T00:00:00+07:00"}
        return {"id": item_id, "duration_s": 60, "priority": priority, "approval": approval}

    manifest = {
        "items": [
            item("ban-tin", "normal", "2027-02-01T00:00:00+07:00"),
            item("thong-bao", "priority", "2027-03-02T00:00:00+07:00"),
        ],
        "schedule": SEVEN_OCLOCK,
    }
    plan = plan_from_manifest(manifest, start=datetime(2027, 3, 1, 6, tzinfo=VN), hours=48)
    assert got(plan) == [
        (datetime(2027, 3, 1, 7), "ban-tin"),
        (datetime(2027, 3, 2, 7), "thong-bao"),
    ]
    manifest["items"][1]["approval"]["valid_from"] = "02/03/2027"
    with pytest.raises(ScheduleError) as err:
        plan_from_manifest(manifest, start=datetime(2027, 3, 1, 6, tzinfo=VN), hours=48)
    assert "phê duyệt không phải ngày giờ" in err.value.reason_vi

"""Next months' calendar as an outside checker reads it, and the unit's view of it (fourth
review; the earlier ones are test_calendar_review.py, _2, _3 and test_priorities_review.py).

Every expected instant is worked out here with dateutil.rrule, `date.isocalendar` and plain
datetime arithmetic in Vietnam time (UTC+7, no daylight saving), never by the code under
test: a commune's schedule for December 2026 to March 2027 (three bulletins a day every day
but Sunday, the month's last day, the first Monday, a campaign, quiet hours, three sessions a
day at most), Tết Đinh Mùi found from the new moon, ISO week 53 of 2026, a rule typed at
23:59 for "today" at the year's turn. Then the same schedule as the unit sees it: the slots
(tokens) it expands from the bundle window by window as the daemon replans, what it decides
when a slot comes due, and a simulated unit (SimClock) powered off for three days, given a
bundle after its first slot, or holding a bundle that expires at midnight. Bad input at the
edges is refused in Vietnamese, and the unit keeps its bundle when a new one is refused.

`now` is always an argument; the real clock is never read, so the file passes with the wall
clock moved (tests/timeshift/run).
"""

from __future__ import annotations

import hashlib
import math
import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import DAILY, FR, MO, MONTHLY, SA, TH, TU, WE, rrule

from content_library import bundle as B
from content_library.types import Priority
from hardware.clock import SimClock
from playout import core
from playout.errors import ImportRejected
from scheduler.errors import ScheduleError
from scheduler.plan import ItemInfo, expand
from scheduler.policy import check_campaign_ahead, check_once_ahead
from scheduler.rules import Schedule, parse_schedule
from tests.playout.conftest import Unit, UnitKit, import_bundle

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = datetime(2026, 12, 1), datetime(2027, 4, 1)  # naive Vietnamese wall times


def vn(naive: datetime) -> datetime:
    return naive.replace(tzinfo=VN)


def wall(instant: datetime) -> datetime:
    """An aware instant as a naive Vietnamese wall time (what the checker computes in)."""
    return instant.astimezone(VN).replace(tzinfo=None)


def token(item: str, naive: datetime) -> str:
    """The unit's identity of a scheduled broadcast, written out from docs (playout/core.py):
    "<item>@<scheduled start, ISO 8601 with +07:00>"."""
    return f"{item}@{naive.isoformat()}+07:00"


# ---- the commune's schedule for the months ahead ----------------------------------------------

DURATIONS = {"thoi-su": 600.0, "cuoi-thang": 300.0, "dau-thang": 300.0, "toi": 180.0}
PRIORITIES = {"cuoi-thang": "priority"}

COMMUNE = {
    "format": 1,
    "rules": [
        # Three bulletins a day, every day but Sunday (thứ Hai–thứ Bảy).
        {
            "kind": "daily",
            "times": ["06:00", "11:00", "17:00"],
            "weekdays": [0, 1, 2, 3, 4, 5],
            "item_ids": ["thoi-su"],
        },
        # The month's last day, 16:00, a priority notice.
        {"kind": "cron", "day": "last", "hour": "16", "item_ids": ["cuoi-thang"]},
        # The first Monday, 07:30.
        {"kind": "cron", "day": "1st mon", "hour": "7", "minute": "30", "item_ids": ["dau-thang"]},
        # An evening campaign 10–20/01/2027 whose 3 minutes end after 22:00: always quiet.
        {
            "kind": "daily",
            "times": ["21:58"],
            "item_ids": ["toi"],
            "start_date": "2027-01-10",
            "end_date": "2027-01-20",
        },
        # The monthly rule also names the daily bulletin at 06:00 on the first Monday: one
        # broadcast at that instant, the other firing loses (it would wait 10 minutes).
        {"kind": "cron", "day": "1st mon", "hour": "6", "item_ids": ["thoi-su"]},
    ],
    "policy": {
        "quiet_hours": {"start": "22:00", "end": "05:00"},
        "max_per_day": 3,
        "session_gap_s": 300,
        "queue_tolerance_s": 300,
    },
}


def commune_oracle() -> tuple[list[tuple[datetime, str]], dict[tuple[datetime, str], str]]:
    """(what plays, what is dropped and why), December 2026 to March 2027, by hand.

    Every broadcast here is its own session (at least 55 minutes apart), so a day keeps its
    3 sessions of highest priority, then earliest; quiet hours drop before the caps count."""
    daily = rrule(
        DAILY, dtstart=FIRST, until=LAST, byweekday=(MO, TU, WE, TH, FR, SA), byhour=(6, 11, 17)
    )
    wanted = [(t, "thoi-su") for t in daily]
    wanted += [(t, "cuoi-thang") for t in rrule(MONTHLY, dtstart=FIRST, bymonthday=-1, byhour=16)]
    wanted += [
        (t, "dau-thang")
        for t in rrule(MONTHLY, dtstart=FIRST, byweekday=MO(1), byhour=7, byminute=30)
    ]
    wanted = [(t, i) for t, i in wanted if t < LAST]
    dropped: dict[tuple[datetime, str], str] = {}
    for t in rrule(DAILY, dtstart=datetime(2027, 1, 10, 21, 58), until=datetime(2027, 1, 20, 22)):
        dropped[t, "toi"] = "quiet_hours"
    kept: list[tuple[datetime, str]] = []
    for day in sorted({t.date() for t, _ in wanted}):
        today = sorted((t, i) for t, i in wanted if t.date() == day)
        ranked = sorted(today, key=lambda ti: (PRIORITIES.get(ti[1]) is None, ti[0]))
        kept += ranked[:3]
        for t, i in ranked[3:]:
            dropped[t, i] = "max_per_day"
    # The second firing of the first Monday's 06:00 bulletin is a conflict, not a violation.
    return sorted(kept), dropped


def infos(durations: dict[str, float] = DURATIONS) -> dict[str, ItemInfo]:
    return {k: ItemInfo(k, d, Priority(PRIORITIES.get(k, "normal"))) for k, d in durations.items()}


def test_the_oracle_itself_sees_the_months_edges():
    """The checker's own facts, so that a slip in it cannot hide one in the code."""
    assert date(2027, 1, 31).weekday() == 6 and date(2027, 2, 28).weekday() == 6  # Sundays
    assert date(2026, 12, 31).weekday() == 3 and date(2027, 3, 31).weekday() == 2
    firsts = [t.date() for t in rrule(MONTHLY, dtstart=FIRST, count=4, byweekday=MO(1))]
    assert firsts == [date(2026, 12, 7), date(2027, 1, 4), date(2027, 2, 1), date(2027, 3, 1)]
    kept, dropped = commune_oracle()
    # 4 months x (bulletins) + 4 month ends + 4 first Mondays - the caps' drops
    assert sum(1 for _, k in dropped.items() if k == "max_per_day") == 6
    assert len(kept) == 3 * 104 + 4 + 4 - 6  # 104 days but Sunday in 121


def test_four_months_of_the_commune_schedule_match_the_checker():
    kept, dropped = commune_oracle()
    schedule = Schedule.model_validate(COMMUNE)
    plan = expand(schedule, infos(), start=vn(FIRST).astimezone(UTC), end=vn(LAST))
    assert [(wall(e.start), e.item_id) for e in plan.entries] == kept
    got = {(wall(v.entry.start), v.entry.item_id): v.kind for v in plan.violations}
    assert got == dropped
    # The two firings of the bulletin at 06:00 on each first Monday: one conflict each.
    conflicts = [(c.kind, wall(c.entry.start), c.entry.item_id) for c in plan.conflicts]
    firsts = rrule(MONTHLY, dtstart=FIRST, until=LAST, byweekday=MO(1), byhour=6)
    assert conflicts == [("dropped", t, "thoi-su") for t in firsts]
    for v in plan.violations:  # every drop says why, in Vietnamese
        assert v.reason_vi.startswith("Bỏ ") and (
            "yên tĩnh" in v.reason_vi or "buổi" in v.reason_vi
        )


# ---- the same schedule as the unit sees it ----------------------------------------------------

ISSUED = datetime(2026, 11, 30, 12, 0, tzinfo=VN)


def manifest(
    schedule: dict,
    durations: dict[str, float],
    *,
    expires_at: datetime,
    issued_at: datetime = ISSUED,
    priorities: dict[str, str] = PRIORITIES,
) -> B.Manifest:
    """A manifest as the unit reads it (no audio: the decisions never open a file)."""
    items = []
    for item_id, seconds in durations.items():
        sha = hashlib.sha256(item_id.encode()).hexdigest()
        items.append(
            B.BundleItem(
                id=item_id,
                title=f"Bản tin {item_id}",
                topic="an ninh",
                priority=priorities.get(item_id, "normal"),
                audio_sha256=sha,
                audio_size=1000,
                duration_s=seconds,
                sample_rate=48000,
                script_version_id=f"v-{item_id}",
                approval=B.Approval(
                    id=f"ap-{item_id}",
                    reviewer="Công an xã",
                    approved_at=ISSUED - timedelta(days=1),
                    valid_from=ISSUED - timedelta(days=1),
                    valid_until=ISSUED + timedelta(days=400),
                ),
            )
        )
    return B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(units=("unit-01",)),
        sequence=1,
        issued_at=issued_at,
        expires_at=expires_at,
        key_id="0123456789abcdef",
        items=tuple(items),
        schedule=schedule,
    )


def test_the_unit_replanning_window_by_window_meets_every_slot_once_as_the_checker_says():
    """The daemon replans over [wall - 1 h, wall + 24 h) as time goes by; each slot, when it
    is near, must be one token, to play or to skip, as the checker says: a token offered both
    ways is logged as skipped and played, or skipped for good while its twin waits."""
    kept, dropped = commune_oracle()
    m = manifest(COMMUNE, DURATIONS, expires_at=vn(LAST) + timedelta(days=2))
    items = core.items_meta(m)
    seen: dict[str, list[bool]] = {}
    at = vn(FIRST) + timedelta(minutes=7)
    while at < vn(LAST):
        cands, _, warnings = core.build_candidates(
            m, items, wall=at, horizon_s=24 * 3600, lookback_s=3600
        )
        assert warnings == []
        for c in cands:
            if c.start is not None and at <= c.start < at + timedelta(hours=12):
                seen.setdefault(c.key, []).append(c.drop_reason is None)
        at += timedelta(hours=12)
    assert {k: v for k, v in seen.items() if len(v) != 1} == {}  # one candidate per token
    plays = {k for k, v in seen.items() if v == [True]}
    skips = {k for k, v in seen.items() if v == [False]}
    assert plays == {token(i, t) for t, i in kept}
    assert skips == {token(i, t) for t, i in dropped}


def _random_schedule(rng: random.Random) -> tuple[dict, dict[str, float], dict[str, str]]:
    """Rules that meet at shared instants (06:00, 11:00, 17:00, month ends, first Mondays),
    with repeats, campaigns, quiet hours and caps: where plan and unit could part."""
    durations = {k: rng.choice([60.0, 300.0, 900.0]) for k in "abc"}
    priorities = {k: rng.choice(["normal", "normal", "priority"]) for k in "abc"}
    rules = []
    for _ in range(rng.randint(2, 6)):
        common = {
            "item_ids": rng.sample(list("abc"), rng.randint(1, 2)),
            "repeat": rng.choice([1, 1, 2]),
            "gap_s": rng.choice([0, 30]),
        }
        kind = rng.choice(["daily", "daily", "cron", "once"])
        if kind == "daily":
            rule = {
                "kind": "daily",
                "times": sorted(rng.sample(["05:55", "06:00", "11:00", "17:00", "21:55"], 2)),
                "weekdays": sorted(rng.sample(range(7), rng.randint(1, 7))),
            }
        elif kind == "cron":
            rule = {
                "kind": "cron",
                **rng.choice(
                    [{"day": d} for d in ("last", "last fri", "1st mon", "31")]
                    + [{"day_of_week": "mon-sat"}]
                ),
                "hour": rng.choice(["6", "6,11,17", "21"]),
                "minute": rng.choice(["0", "55"]),
            }
        else:
            day = date(2026, 12, 20) + timedelta(days=rng.randint(0, 30))
            rule = {"kind": "once", "at": f"{day}T{rng.choice(['06:00', '11:02', '17:00'])}"}
        if kind != "once" and rng.random() < 0.5:
            first = date(2026, 12, 20) + timedelta(days=rng.randint(0, 20))
            rule["start_date"] = str(first)
            rule["end_date"] = str(first + timedelta(days=rng.randint(0, 15)))
        rules.append({**rule, **common})
    policy = {
        "quiet_hours": rng.choice([None, {"start": "22:00", "end": "05:00"}]),
        "max_per_day": rng.choice([None, 1, 2, 3]),
        "max_session_minutes": rng.choice([None, 15, 30]),
        "queue_tolerance_s": rng.choice([0, 300]),
        "session_gap_s": rng.choice([0, 300]),
    }
    return {"format": 1, "rules": rules, "policy": policy}, durations, priorities


@pytest.mark.parametrize("seed", range(8))
def test_random_schedules_the_unit_meets_each_slot_once_as_the_plan_says(seed):
    """Over the year's turn, the plan of the whole month against the unit's candidates
    replanned every few hours from a random minute: each slot one token, kept or skipped
    as the plan says."""
    rng = random.Random(seed)
    schedule, durations, priorities = _random_schedule(rng)
    lo, hi = vn(datetime(2026, 12, 20)), vn(datetime(2027, 1, 20))
    m = manifest(schedule, durations, expires_at=hi + timedelta(days=2), priorities=priorities)
    item_infos = {k: ItemInfo(k, d, Priority(priorities[k])) for k, d in durations.items()}
    plan = expand(Schedule.model_validate(schedule), item_infos, start=lo, end=hi)
    kept = {token(e.item_id, wall(e.start)) for e in plan.entries}
    items = core.items_meta(m)
    seen: dict[str, list[bool]] = {}
    at = lo - timedelta(hours=1) + timedelta(minutes=rng.randint(0, 59))
    while at < hi:
        horizon = rng.choice([3600, 86400])
        step = timedelta(minutes=rng.randint(10, min(300, horizon // 60)))
        cands, _, warnings = core.build_candidates(
            m, items, wall=at, horizon_s=horizon, lookback_s=3600
        )
        assert warnings == [], seed
        for c in cands:
            if c.start is not None and at <= c.start < min(at + step, hi) and c.start >= lo:
                seen.setdefault(c.key, []).append(c.drop_reason is None)
        at += step
    twice = {k: v for k, v in seen.items() if len(v) != 1}
    assert twice == {}, f"seed {seed}: tokens offered more than once {sorted(twice)[:3]}"
    plays = {k for k, v in seen.items() if v == [True]}
    assert plays == kept, f"seed {seed}: {sorted(plays ^ kept)[:3]}"


def test_every_weekday_but_sunday_as_a_daily_rule_and_as_cron_match_rrule():
    expected = [
        t
        for t in rrule(
            DAILY, dtstart=FIRST, until=LAST, byweekday=(MO, TU, WE, TH, FR, SA), byhour=(6, 11, 17)
        )
        if t < LAST
    ]
    forms = [
        {"kind": "daily", "times": ["17:00", "06:00", "11:00"], "weekdays": [5, 4, 3, 2, 1, 0]},
        {"kind": "cron", "day_of_week": "mon-sat", "hour": "6,11,17"},
        {"kind": "cron", "day_of_week": "mon,tue,wed,thu,fri,sat", "hour": "6-17/11,11"},
    ]
    for form in forms:
        schedule = parse_schedule({"rules": [{**form, "item_ids": ["a"]}]})
        plan = expand(schedule, {"a": ItemInfo("a", 60.0)}, start=vn(FIRST), end=vn(LAST))
        assert [wall(e.start) for e in plan.entries] == expected, form


@pytest.mark.parametrize("first_monday", [date(2026, 12, 7), date(2027, 1, 4), date(2027, 3, 1)])
def test_on_the_first_monday_the_unit_arms_the_0600_bulletin_and_skips_nothing(first_monday):
    """The bulletin the plan keeps at 06:00 is armed when due; the rule that lost to it is not
    a second, skipped broadcast of the same token (the as-run log would say both)."""
    m = manifest(COMMUNE, DURATIONS, expires_at=vn(LAST))
    items = core.items_meta(m)
    due = datetime.combine(first_monday, time(6), tzinfo=VN)
    now_wall = due - timedelta(seconds=4)
    cands, _, _ = core.build_candidates(m, items, wall=now_wall, horizon_s=86400, lookback_s=3600)
    sit = core.Situation(now=1000.0, wall=now_wall, trusted=True, amp_ready_at=1000.0)
    d = core.decide(sit, candidates=cands, history={}, active=[], policy=core.Policy())
    key = token("thoi-su", due.replace(tzinfo=None))
    assert [a.candidate.key for a in d.arms] == [key]
    assert d.arms[0].at == pytest.approx(1004.0)
    assert [s.candidate.key for s in d.skips] == []
    # Still busy with an earlier broadcast that overran: it waits, and is not skipped either.
    busy = core.Active("khac@x", core.Kind.SCHEDULED, Priority.NORMAL.rank, 990.0, 1010.0, True)
    d = core.decide(sit, candidates=cands, history={}, active=[busy], policy=core.Policy())
    assert d.arms == [] and d.skips == []


def test_a_bundle_expiring_at_midnight_plays_2359_and_skips_0000_saying_why():
    """Expiry 01/01/2027 00:00: the 23:59 broadcast of 31/12 starts before it and plays to
    its end; the one at 00:00 is past it. The campaign to 31/12 (inclusive) has its last
    broadcast at 23:59, the one from 01/01 its first at 00:00."""
    schedule = {
        "format": 1,
        "rules": [
            {"kind": "daily", "times": ["23:59"], "item_ids": ["a"], "end_date": "2026-12-31"},
            {"kind": "daily", "times": ["00:00"], "item_ids": ["b"], "start_date": "2027-01-01"},
        ],
        "policy": {"quiet_hours": None},
    }
    midnight = datetime(2027, 1, 1, tzinfo=VN)
    m = manifest(schedule, {"a": 30.0, "b": 60.0}, expires_at=midnight)
    items = core.items_meta(m)
    plan = expand(
        Schedule.model_validate(schedule),
        {k: ItemInfo(k, d) for k, d in {"a": 30.0, "b": 60.0}.items()},
        start=datetime(2026, 12, 30, tzinfo=VN),
        end=datetime(2027, 1, 3, tzinfo=VN),
    )
    assert [(wall(e.start), e.item_id) for e in plan.entries] == [
        (datetime(2026, 12, 30, 23, 59), "a"),
        (datetime(2026, 12, 31, 23, 59), "a"),
        (datetime(2027, 1, 1, 0, 0), "b"),
        (datetime(2027, 1, 2, 0, 0), "b"),
    ]
    for when, item, arms in ((datetime(2026, 12, 31, 23, 59), "a", True), (midnight, "b", False)):
        at = when.replace(tzinfo=VN) - timedelta(seconds=3)
        cands, _, _ = core.build_candidates(m, items, wall=at, horizon_s=3600, lookback_s=3600)
        sit = core.Situation(
            now=50.0, wall=at, trusted=True, amp_ready_at=50.0, bundle_expires_at=midnight
        )
        earlier = {token("a", datetime(2026, 12, 31, 23, 59)): core.KeyState(done=True)}
        history = {} if arms else earlier  # the 23:59 one played
        d = core.decide(sit, candidates=cands, history=history, active=[], policy=core.Policy())
        key = token(item, when.replace(tzinfo=None))
        if arms:
            assert [a.candidate.key for a in d.arms] == [key] and d.skips == []
        else:
            assert d.arms == [] and [s.candidate.key for s in d.skips] == [key]
            assert "hết hạn lúc 2027-01-01T00:00:00+07:00" in d.skips[0].reason_vi


@pytest.mark.parametrize(("published_s", "plays"), [(10, True), (40, False)])
def test_a_one_off_2359_published_after_its_time_plays_late_or_is_logged_missed(published_s, plays):
    """Saved at 23:58 for 23:59, published (issued) a little after 23:59: within
    late_start_max_s (30 s) it still plays, late; after it the unit logs it missed. It never
    silently vanishes because the slot is before the bundle's issue."""
    slot = datetime(2026, 12, 31, 23, 59, tzinfo=VN)
    issued = slot + timedelta(seconds=published_s)
    schedule = {
        "format": 1,
        "rules": [{"kind": "once", "at": "2026-12-31T23:59:00", "item_ids": ["a"]}],
        "policy": {"quiet_hours": None},
    }
    m = manifest(schedule, {"a": 30.0}, expires_at=slot + timedelta(days=1), issued_at=issued)
    at = issued + timedelta(seconds=2)  # the unit has it two seconds later
    cands, _, _ = core.build_candidates(
        m, core.items_meta(m), wall=at, horizon_s=86400, lookback_s=3600
    )
    sit = core.Situation(now=70.0, wall=at, trusted=True, amp_ready_at=70.0)
    d = core.decide(sit, candidates=cands, history={}, active=[], policy=core.Policy())
    key = token("a", datetime(2026, 12, 31, 23, 59))
    if plays:
        assert [a.candidate.key for a in d.arms] == [key] and d.skips == []
    else:
        assert d.arms == [] and [s.candidate.key for s in d.skips] == [key]
        assert "lỡ giờ phát" in d.skips[0].reason_vi


def test_a_long_lookback_reaches_no_further_than_an_hour_before_the_bundle_was_issued():
    """A unit configured to look back days (missed_lookback_s) does not count the slots of
    days before the bundle existed as missed."""
    m = manifest(COMMUNE, DURATIONS, expires_at=vn(LAST), issued_at=vn(datetime(2027, 1, 6, 12)))
    at = vn(datetime(2027, 1, 7, 9))
    cands, _, _ = core.build_candidates(
        m, core.items_meta(m), wall=at, horizon_s=3600, lookback_s=7 * 86400
    )
    assert sorted(c.key for c in cands) == [
        token("thoi-su", datetime(2027, 1, 6, 11)),  # within the hour before 12:00
        token("thoi-su", datetime(2027, 1, 6, 17)),
        token("thoi-su", datetime(2027, 1, 7, 6)),
    ]


# ---- Tết, ISO week 53, a rule typed at 23:59 ------------------------------------------------


def _new_moon_day(k: int) -> date:
    """The Vietnamese (UTC+7) date of new moon number k after 1900-01-01 (Meeus's series)."""
    t = k / 1236.85
    dr = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t * t - 0.000000155 * t**3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t * t) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t * t - 0.00000347 * t**3
    mp = 306.0253 + 385.81691806 * k + 0.0107306 * t * t + 0.00001236 * t**3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t * t - 0.00000239 * t**3
    c = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c += -0.4068 * math.sin(mp * dr) + 0.0161 * math.sin(2 * dr * mp)
    c += -0.0004 * math.sin(3 * dr * mp) + 0.0104 * math.sin(2 * dr * f)
    c += -0.0051 * math.sin(dr * (m + mp)) - 0.0074 * math.sin(dr * (m - mp))
    c += 0.0004 * math.sin(dr * (2 * f + m)) - 0.0004 * math.sin(dr * (2 * f - m))
    c += -0.0006 * math.sin(dr * (2 * f + mp)) + 0.0010 * math.sin(dr * (2 * f - mp))
    c += 0.0005 * math.sin(dr * (2 * mp + m))
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t * t
    julian_day = int(jd + c - delta_t + 0.5 + 7 / 24)
    return date.fromordinal(julian_day - 1721425)


def tet(year: int) -> date:
    """Mùng 1 Tết: the new moon in Vietnam that falls between 21 January and 20 February."""
    k0 = int((year - 1900) * 12.3685)
    days = [_new_moon_day(k) for k in range(k0 - 2, k0 + 3)]
    [day] = [d for d in days if date(year, 1, 21) <= d <= date(year, 2, 20)]
    return day


def test_tet_2027_from_the_new_moon_and_a_campaign_split_around_its_three_days():
    assert tet(2026) == date(2026, 2, 17) and tet(2028) == date(2028, 1, 26)  # the oracle
    t = tet(2027)
    assert t == date(2027, 2, 6)
    rule = {"kind": "daily", "times": ["06:00", "17:00"], "item_ids": ["a"]}
    schedule = parse_schedule(
        {
            "rules": [
                {**rule, "start_date": "2027-01-25", "end_date": str(t - timedelta(days=1))},
                {**rule, "start_date": str(t + timedelta(days=3)), "end_date": "2027-02-28"},
                {"kind": "once", "at": f"{t}T07:00:00", "item_ids": ["tet"]},
            ]
        }
    )
    plan = expand(
        schedule,
        {"a": ItemInfo("a", 300.0), "tet": ItemInfo("tet", 600.0)},
        start=datetime(2027, 1, 20, tzinfo=VN),
        end=datetime(2027, 3, 5, tzinfo=VN),
    )
    days = [
        d
        for d in rrule(DAILY, dtstart=datetime(2027, 1, 25), until=datetime(2027, 2, 28))
        if not (t <= d.date() < t + timedelta(days=3))  # mùng 1, 2, 3 off
    ]
    expected = [(d + timedelta(hours=h), "a") for d in days for h in (6, 17)]
    expected.append((datetime.combine(t, time(7)), "tet"))
    assert [(wall(e.start), e.item_id) for e in plan.entries] == sorted(expected)
    assert plan.violations == [] and plan.conflicts == []


def test_iso_week_53_of_2026_runs_from_monday_28_december_to_sunday_3_january():
    week53 = [
        d.date()
        for d in rrule(DAILY, dtstart=FIRST, until=LAST)
        if d.date().isocalendar().week == 53
    ]
    assert week53 == [date(2026, 12, 28) + timedelta(days=n) for n in range(7)]
    schedule = parse_schedule(
        {"rules": [{"kind": "cron", "week": "53", "hour": "8", "item_ids": ["a"]}]}
    )
    plan = expand(schedule, {"a": ItemInfo("a", 60.0)}, start=vn(FIRST), end=vn(LAST))
    assert [wall(e.start) for e in plan.entries] == [datetime.combine(d, time(8)) for d in week53]


def test_a_rule_typed_at_2359_on_31_december_for_today():
    """At 23:59:00 (16:59 UTC) a one-off time of 23:59 today is still ahead; at 23:59:01 it
    is refused. A campaign of that one day keeps its 23:59 and has nothing on 01/01."""
    now = datetime(2026, 12, 31, 16, 59, tzinfo=UTC)
    today = {"kind": "once", "at": "2026-12-31T23:59", "item_ids": ["a"]}
    campaign = {
        "kind": "daily",
        "times": ["23:59", "00:00"],
        "item_ids": ["b"],
        "start_date": "2026-12-31",
        "end_date": "2026-12-31",
    }
    schedule = parse_schedule({"rules": [today, campaign], "policy": {"quiet_hours": None}})
    check_once_ahead(schedule, now=now)
    check_campaign_ahead(schedule, now=now)
    plan = expand(
        schedule,
        {"a": ItemInfo("a", 30.0), "b": ItemInfo("b", 20.0)},
        start=now,
        end=now + timedelta(days=2),
    )
    at = datetime(2026, 12, 31, 23, 59)
    assert [(wall(e.start), e.item_id) for e in plan.entries] == [
        (at, "a"),
        (at + timedelta(seconds=30), "b"),  # queued behind the one-off time, same minute
    ]
    with pytest.raises(ScheduleError) as err:
        check_once_ahead(schedule, now=now + timedelta(seconds=1))
    assert err.value.code == "once_past" and "đã qua" in err.value.reason_vi
    with pytest.raises(ScheduleError) as err:
        check_campaign_ahead(schedule, now=now + timedelta(minutes=1))  # 00:00 on 01/01
    assert err.value.code == "campaign_past" and "31/12/2026" in err.value.reason_vi


# ---- bad input at the edges -------------------------------------------------------------------

DAILY_OK = {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]}


@pytest.mark.parametrize(
    ("rule", "where", "vi"),
    [
        ({**DAILY_OK, "times": ["24:00"]}, "times", "từ 00:00 đến 23:59"),
        ({**DAILY_OK, "times": ["25:00"]}, "times", "từ 00:00 đến 23:59"),
        ({**DAILY_OK, "times": ["06:00", "11:00", "17:00", "6:00"]}, "times", "lặp lại: 06:00"),
        ({**DAILY_OK, "weekdays": []}, "weekdays", "cần ít nhất 1"),
        ({**DAILY_OK, "start_date": "2027-02-31"}, "start_date", "không có trong lịch"),
        ({**DAILY_OK, "end_date": "2027-02-29"}, "end_date", "29/02 chỉ có ở năm nhuận"),
        (
            {**DAILY_OK, "start_date": "2027-03-01", "end_date": "2027-02-28"},
            "daily",
            "ngày kết thúc 2027-02-28 trước ngày bắt đầu 2027-03-01",
        ),
        (
            {"kind": "once", "at": "2027-02-29T06:00", "item_ids": ["a"]},
            "at",
            "không có trong lịch",
        ),
        (
            {"kind": "cron", "month": "2", "day": "31", "item_ids": ["a"]},
            "cron",
            "không bao giờ phát",
        ),
        ({"kind": "cron", "hour": "24", "item_ids": ["a"]}, "cron", "0–23"),
        (
            {"kind": "once", "at": "2026-12-31T24:00", "item_ids": ["a"]},
            "at",
            "24:00 là 00:00 của ngày hôm sau",
        ),
        ({"kind": "once", "at": "2027-01-01 25:00", "item_ids": ["a"]}, "at", "không có giờ này"),
        (
            {"kind": "once", "at": "2027-01-01T06:60+07:00", "item_ids": ["a"]},
            "at",
            "00:00 đến 23:59",
        ),
    ],
)
def test_bad_input_at_the_edges_is_refused_in_vietnamese(rule, where, vi):
    with pytest.raises(ScheduleError) as err:
        parse_schedule({"rules": [rule]}, item_ids={"a"})
    assert err.value.reason_vi.startswith("Lịch phát không hợp lệ: rules.0.")
    assert where in err.value.reason_vi and vi in err.value.reason_vi
    assert err.value.code == "schedule_invalid" and err.value.reason  # English too


# ---- a simulated unit on a SimClock -----------------------------------------------------------

MONDAY = datetime(2027, 1, 4, 5, 59, 50, tzinfo=VN)  # the first Monday of 2027, before 06:00
BULLETINS = {
    "format": 1,
    "rules": [
        {
            "kind": "daily",
            "times": ["06:00", "11:00", "17:00"],
            "weekdays": [0, 1, 2, 3, 4, 5],
            "item_ids": ["A"],
        },
        {"kind": "cron", "day": "1st mon", "hour": "6", "item_ids": ["A"]},
    ],
    "policy": {"quiet_hours": None, "queue_tolerance_s": 0},
}


@pytest.fixture
def rig(tmp_path, monkeypatch):
    """A kit dated MONDAY and a way to boot a unit at a wall time (its own SimClock and
    gpiozero MockFactory, as after a power cut: monotonic time starts again)."""
    import gpiozero.pins.mock as mock
    from gpiozero import Device

    saved = Device.pin_factory
    kit = UnitKit(tmp_path, t0=MONDAY)
    units: list[Unit] = []
    factories = []

    def boot(at: datetime, config=None) -> Unit:
        clock = SimClock(at, monotonic=1000.0)
        monkeypatch.setattr(mock, "monotonic", clock.monotonic)
        factory = mock.MockFactory()
        factories.append(factory)
        unit = Unit(kit, clock, factory, config or kit.config())
        units.append(unit)
        return unit

    yield kit, boot
    for u in units:
        if u.daemon._running:
            u.stop()
    for f in factories:
        f.reset()
    Device.pin_factory = saved


def _install(kit: UnitKit, schedule: dict, at: datetime) -> None:
    path = kit.bundle([kit.item("A", seconds=4)], schedule=schedule)
    assert import_bundle(kit, path, SimClock(at)).status == "activated"


def test_a_unit_plays_the_first_mondays_0600_once_and_logs_no_skip_of_it(rig):
    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    u = boot(MONDAY)
    u.run(20)
    tok = token("A", datetime(2027, 1, 4, 6, 0))
    assert u.kinds(tok) == ["armed", "started", "finished"]
    assert [r.start_time for r in u.output.played] == [1010.0]


def test_a_unit_off_for_three_days_logs_the_missed_slots_and_plays_the_next_on_time(rig):
    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    config = kit.config(playout={"tick_s": 0.02, "missed_lookback_s": 4 * 86400})
    first = boot(MONDAY, config)
    first.run(20)
    first.stop()
    back = datetime(2027, 1, 7, 16, 59, 50, tzinfo=VN)  # Thursday, ten seconds before 17:00
    u = boot(back, config)
    u.run(20)
    missed = [
        token("A", t)
        for t in rrule(
            DAILY,
            dtstart=datetime(2027, 1, 4, 11),
            until=datetime(2027, 1, 7, 11),
            byweekday=(MO, TU, WE, TH, FR, SA),
            byhour=(6, 11, 17),
        )
    ]
    assert len(missed) == 10
    entries = u.entries()
    skipped = [f["token"] for k, f in entries if k == "skipped"]
    assert sorted(skipped) == sorted(missed)
    for k, f in entries:
        if k == "skipped":
            assert "lỡ giờ phát" in f["reason_vi"]
    started = [f["token"] for k, f in entries if k == "started"]
    assert started == [token("A", datetime(2027, 1, 4, 6)), token("A", datetime(2027, 1, 7, 17))]
    assert [r.start_time for r in u.output.played] == [1010.0]  # 17:00:00 sharp


THURSDAY_1659 = datetime(2027, 1, 7, 16, 59, 50, tzinfo=VN)  # back ten seconds before 17:00
MISSED_MON_TO_THU = [
    token("A", t)
    for t in rrule(
        DAILY,
        dtstart=datetime(2027, 1, 4, 11),
        until=datetime(2027, 1, 7, 11),
        byweekday=(MO, TU, WE, TH, FR, SA),
        byhour=(6, 11, 17),
    )
]


def _skipped(u: Unit) -> list[str]:
    return sorted(f["token"] for k, f in u.entries() if k == "skipped")


def test_with_the_default_lookback_a_unit_off_for_days_logs_every_slot_it_missed(rig):
    """missed_lookback_s stays 1 h, yet the days off are accounted for: the previous run's
    status says when it was last alive and which bundle it held, and the first plan with a
    trusted clock looks back to then. The 17:00 plays on time, nothing plays late."""
    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    config = kit.config(playout={"tick_s": 0.02})
    assert config.playout.missed_lookback_s == 3600.0
    first = boot(MONDAY, config)
    first.run(20)
    first.stop()
    u = boot(THURSDAY_1659, config)
    u.run(20)
    assert len(MISSED_MON_TO_THU) == 10
    assert _skipped(u) == sorted(MISSED_MON_TO_THU)
    started = [f["token"] for k, f in u.entries() if k == "started"]
    assert started == [token("A", datetime(2027, 1, 4, 6)), token("A", datetime(2027, 1, 7, 17))]
    assert [r.start_time for r in u.output.played] == [1010.0]
    # a third start a minute later logs nothing twice
    u.stop()
    again = boot(THURSDAY_1659 + timedelta(minutes=2), config)
    again.run(5)
    assert _skipped(again) == sorted(MISSED_MON_TO_THU)


def test_days_off_are_not_looked_back_over_for_a_bundle_that_came_in_at_start(rig):
    """A newer bundle waiting in the store when the unit comes back was not the unit's to play
    while it was off: only missed_lookback_s applies to it (no slot within the hour here)."""
    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    config = kit.config(playout={"tick_s": 0.02})
    first = boot(MONDAY, config)
    first.run(20)
    first.stop()
    newer = kit.bundle([kit.item("A", seconds=4)], schedule=BULLETINS, sequence=2)
    assert import_bundle(kit, newer, SimClock(THURSDAY_1659)).status == "activated"
    u = boot(THURSDAY_1659, config)
    u.run(20)
    assert _skipped(u) == []
    assert [r.start_time for r in u.output.played] == [1010.0]


def test_days_off_are_not_looked_back_over_when_the_last_status_had_no_trusted_clock(rig):
    """The previous run's time is believed only if its clock was trusted when it wrote it (a
    status written at fake-hwclock's time says nothing about when the unit went off)."""
    import json

    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    config = kit.config(playout={"tick_s": 0.02})
    first = boot(MONDAY, config)
    first.run(20)
    first.stop()
    path = kit.state_dir / "status.json"
    status = json.loads(path.read_text(encoding="utf-8"))
    status["clock"]["trusted"] = False
    path.write_text(json.dumps(status), encoding="utf-8")
    u = boot(THURSDAY_1659, config)
    u.run(20)
    assert _skipped(u) == []
    assert [r.start_time for r in u.output.played] == [1010.0]


def test_a_bundle_arriving_after_its_first_slot_skips_it_and_plays_the_next(rig):
    kit, boot = rig
    schedule = {
        "format": 1,
        "rules": [{"kind": "daily", "times": ["06:00", "06:10"], "item_ids": ["A"]}],
        "policy": {"quiet_hours": None},
    }
    arrives = datetime(2027, 1, 4, 6, 5, tzinfo=VN)
    _install(kit, schedule, arrives)
    u = boot(arrives)
    u.run(310)  # to 06:10:10
    assert u.kinds(token("A", datetime(2027, 1, 4, 6, 0))) == ["skipped"]
    assert u.kinds(token("A", datetime(2027, 1, 4, 6, 10))) == ["armed", "started", "finished"]
    assert [r.start_time for r in u.output.played] == [1300.0]


def test_a_bundle_with_a_bad_schedule_is_refused_and_the_unit_keeps_its_bundle(rig):
    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    bad = {**BULLETINS, "rules": [{**BULLETINS["rules"][0], "times": ["06:00", "6:00"]}]}
    path = kit.bundle([kit.item("A", seconds=4)], schedule=bad, sequence=2)
    with pytest.raises(ImportRejected) as err:
        import_bundle(kit, path, SimClock(MONDAY))
    assert err.value.code == "schedule_invalid"
    assert "lặp lại: 06:00" in err.value.reason_vi and "times listed twice" in err.value.reason
    u = boot(MONDAY)
    assert u.daemon.bundle is not None and u.daemon.bundle.sequence == 1


def test_ntp_steps_of_an_hour_back_and_forward_play_nothing_twice_or_late(rig):
    """06:00 plays; the clock is stepped back an hour (06:00 comes again: nothing replays);
    later it is stepped forward an hour over 11:00 (logged missed once, not played late);
    17:00 plays on time."""
    kit, boot = rig
    _install(kit, BULLETINS, MONDAY)
    u = boot(MONDAY)
    u.run(20)  # 06:00:10
    u.clock.jump(-3600)  # 05:00:10
    u.run(3600, step=5.0)  # through the second 06:00, to 06:00:10
    u.run_until(datetime(2027, 1, 4, 10, 30, tzinfo=VN), step=10.0)
    u.clock.jump(3600)  # 11:30
    u.run(20)
    u.run_until(datetime(2027, 1, 4, 16, 59, 40, tzinfo=VN), step=10.0)
    at_1659_40 = u.clock.monotonic()
    u.run(30)
    assert u.kinds(token("A", datetime(2027, 1, 4, 6))) == ["armed", "started", "finished"]
    assert u.kinds(token("A", datetime(2027, 1, 4, 11))) == ["skipped"]
    assert u.kinds(token("A", datetime(2027, 1, 4, 17))) == ["armed", "started", "finished"]
    starts = [r.start_time for r in u.output.played]
    assert starts[0] == 1010.0 and starts[1] == pytest.approx(at_1659_40 + 20, abs=0.05)
    assert len(starts) == 2

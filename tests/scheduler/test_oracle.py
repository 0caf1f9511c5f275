"""Expansion against an oracle written without APScheduler, zoneinfo or the scheduler's code.

The oracle walks local dates one by one in naive Vietnamese wall time (UTC+7, no DST: a
fixed offset is all it needs), matches each rule by hand (daily times × weekdays × campaign
dates, cron fields with CronTrigger's defaults, once, relay windows), and checks quiet hours
with minutes since midnight. Windows are given in Vietnam time, UTC and other offsets.

1. With a zero queue tolerance nothing is moved, so every raw occurrence that starts in the
   window is accounted for exactly once: kept, dropped in a conflict, or a violation.
2. The whole plan (emergencies queued, priorities, queuing within the tolerance, relay
   windows cut and resumed, quiet hours and weekdays after queuing, sessions, caps) is
   planned by the oracle in one pass over three weeks, with the docstrings read literally;
   the plan of any window inside equals it, unless the schedule is busy around every
   midnight of a week (then planned week by week, see scheduler/blocks.py).
3. Hand-picked edges, each with its expected entries written out.

Fixed absolute dates are inputs here, never compared with the clock.
"""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from content_library.types import Priority
from scheduler.plan import ItemInfo, expand
from scheduler.rules import Schedule

VN_FIXED = timezone(timedelta(hours=7))
OFFSETS = [UTC, VN_FIXED, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5))]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def local(value: datetime) -> datetime:
    """An aware instant as a naive Vietnamese wall time."""
    return value.astimezone(VN_FIXED).replace(tzinfo=None)


def clock(text: str) -> time:
    hh, mm = text.split(":")
    return time(int(hh), int(mm))


# ---- the oracle ------------------------------------------------------------------------------


def _cron_values(expr: str, lo: int, hi: int, *, last: int | None = None) -> set[int]:
    """A small subset of cron syntax: *, */n, a, a-b, a,b, last (for the day field)."""
    out: set[int] = set()
    for part in expr.split(","):
        if part == "*":
            out |= set(range(lo, hi + 1))
        elif part.startswith("*/"):
            out |= set(range(lo, hi + 1, int(part[2:])))
        elif part == "last":
            assert last is not None
            out.add(last)
        elif "-" in part:
            a, b = part.split("-")
            out |= set(range(int(a), int(b) + 1))
        else:
            out.add(int(part))
    return out


CRON_ORDER = ("month", "day", "day_of_week", "hour", "minute")
CRON_DEFAULTS = {"month": "1", "day": "1", "day_of_week": "*", "hour": "0", "minute": "0"}


def _cron_fields(rule: dict) -> dict[str, str]:
    """CronTrigger's reading: fields above the last set one are "*", those below it their
    default minimum (day_of_week's is "*")."""
    given = [n for n in CRON_ORDER if rule.get(n) is not None]
    lowest = max(CRON_ORDER.index(n) for n in given)
    out = {}
    for n in CRON_ORDER:
        if rule.get(n) is not None:
            out[n] = str(rule[n])
        elif CRON_ORDER.index(n) < lowest:
            out[n] = "*"
        else:
            out[n] = CRON_DEFAULTS[n]
    return out


def _in_campaign(rule: dict, day: date) -> bool:
    first, last = rule.get("start_date"), rule.get("end_date")
    return (first is None or date.fromisoformat(first) <= day) and (
        last is None or day <= date.fromisoformat(last)
    )


def fire_times(rule: dict, first_day: date, last_day: date) -> list[datetime]:
    """Naive local fire times of `rule` on local dates first_day..last_day."""
    if rule["kind"] == "once":
        at = datetime.fromisoformat(rule["at"])
        at = at.replace(tzinfo=VN_FIXED) if at.tzinfo is None else at
        return [local(at)] if first_day <= local(at).date() <= last_day else []
    out = []
    day = first_day
    while day <= last_day:
        if _in_campaign(rule, day):
            if rule["kind"] in ("daily", "relay"):
                if day.weekday() in rule.get("weekdays", range(7)):
                    clocks = [rule["window"]["start"]] if rule["kind"] == "relay" else rule["times"]
                    out += [datetime.combine(day, clock(t)) for t in clocks]
            else:
                f = _cron_fields(rule)
                month_end = calendar.monthrange(day.year, day.month)[1]
                if (
                    day.month in _cron_values(f["month"], 1, 12)
                    and day.day in _cron_values(f["day"], 1, 31, last=month_end)
                    and day.weekday() in _cron_values(f["day_of_week"], 0, 6)
                ):
                    for hh in sorted(_cron_values(f["hour"], 0, 23)):
                        for mm in sorted(_cron_values(f["minute"], 0, 59)):
                            out.append(datetime.combine(day, time(hh, mm)))
        day += timedelta(days=1)
    return out


def raw_entries(rules: list[dict], durations: dict[str, float], lo: datetime, hi: datetime):
    """(start, end, item, rule index, repeat index) of every occurrence starting in naive local [lo, hi)."""
    out = []
    for index, rule in enumerate(rules):
        # A firing up to two days back may still start an entry (repeats, long windows).
        for fired in fire_times(rule, lo.date() - timedelta(days=2), hi.date()):
            if rule["kind"] == "relay":
                w = rule["window"]
                length = (
                    clock(w["end"]).hour * 60
                    + clock(w["end"]).minute
                    - clock(w["start"]).hour * 60
                    - clock(w["start"]).minute
                ) % 1440
                made = [(fired, fired + timedelta(minutes=length), rule["relay"], 0)]
            else:
                made, cursor = [], fired
                for item in rule["item_ids"]:
                    for r in range(rule.get("repeat", 1)):
                        end = cursor + timedelta(seconds=durations[item])
                        made.append((cursor, end, item, r))
                        cursor = end + timedelta(seconds=rule.get("gap_s", 0))
            out += [(s, e, i, index, r) for s, e, i, r in made if lo <= s < hi]
    return sorted(out)


def in_quiet(quiet: dict | None, start: datetime, end: datetime) -> bool:
    """Minutes since midnight, day by day: does [start, end) touch the quiet hours?"""
    if quiet is None:
        return False
    q0 = clock(quiet["start"]).hour * 60 + clock(quiet["start"]).minute
    q1 = clock(quiet["end"]).hour * 60 + clock(quiet["end"]).minute
    midnight = datetime.combine(start.date() - timedelta(days=1), time(0))
    while midnight < end:
        lo = midnight + timedelta(minutes=q0)
        hi = midnight + timedelta(minutes=q1 if q1 > q0 else q1 + 1440)
        if start < hi and lo < end:
            return True
        midnight += timedelta(days=1)
    return False


# ---- generated cases -------------------------------------------------------------------------

IDS = ("a", "b", "c")


def hhmm_of(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


hhmm = st.integers(0, 1439).map(hhmm_of)
weekdays = st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)
# Month ends, 29 February 2028, the year's end.
AROUND = [date(2026, 4, 28), date(2028, 2, 26), date(2027, 2, 26), date(2026, 12, 29)]


@st.composite
def campaign(draw, near: date) -> dict:
    first = near + timedelta(days=draw(st.integers(-5, 6)))
    last = first + timedelta(days=draw(st.integers(0, 5)))
    out = {}
    which = draw(st.sampled_from(["none", "both", "start", "end"]))
    if which in ("both", "start"):
        out["start_date"] = first.isoformat()
    if which in ("both", "end"):
        out["end_date"] = last.isoformat()
    return out


CRONS = [
    {"day": "last", "hour": "7", "minute": "15"},
    {"day": "31", "hour": "9"},
    {"day": "29,30"},
    {"month": "2", "day": "28-29", "hour": "12"},
    {"day_of_week": "6", "hour": "23", "minute": "50"},
    {"day_of_week": "0,3", "hour": "0"},
    {"hour": "*/6", "minute": "15"},
    {"hour": "22-23,0-1", "minute": "*/20"},
    {"day": "1", "day_of_week": "0-4", "hour": "6"},
    {"month": "1,3", "hour": "5", "minute": "0,30"},
]


@st.composite
def rules(draw, near: date) -> dict:
    kind = draw(st.sampled_from(["daily", "daily", "cron", "once", "relay"]))
    if kind == "relay":
        begin = draw(st.integers(0, 1439))
        finish = (begin + draw(st.sampled_from([1, 30, 120, 600]))) % 1440
        return {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": hhmm_of(begin), "end": hhmm_of(finish)},
            "weekdays": draw(weekdays),
            **draw(campaign(near)),
        }
    out: dict = {
        "item_ids": draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=2)),
        "repeat": draw(st.integers(1, 3)),
        "gap_s": draw(st.sampled_from([0, 7, 600])),
    }
    if kind == "once":
        at = datetime.combine(near, time(0)) + timedelta(minutes=draw(st.integers(-3000, 9000)))
        zone = draw(st.sampled_from([None, *OFFSETS]))
        if zone is not None:
            at = at.replace(tzinfo=VN_FIXED).astimezone(zone)
        return {"kind": "once", "at": at.isoformat(), **out}
    out.update(draw(campaign(near)))
    if kind == "cron":
        return {"kind": "cron", **draw(st.sampled_from(CRONS)), **out}
    times = draw(st.lists(hhmm, min_size=1, max_size=3, unique=True))
    return {"kind": "daily", "times": times, "weekdays": draw(weekdays), **out}


QUIET = [None, {"start": "22:00", "end": "05:00"}, {"start": "12:00", "end": "13:30"}]


@st.composite
def cases(draw):
    near = draw(st.sampled_from(AROUND))
    rule_list = draw(st.lists(rules(near), min_size=1, max_size=4))
    quiet = draw(st.sampled_from(QUIET))
    allowed = draw(st.one_of(st.just(list(range(7))), weekdays))
    durations = {k: float(draw(st.sampled_from([1, 45, 600, 5400]))) for k in IDS}
    start = datetime.combine(near, time(0)) + timedelta(minutes=draw(st.integers(-2000, 6000)))
    hours = draw(st.sampled_from([1, 5, 24, 49, 24 * 6]))
    zone = draw(st.sampled_from(OFFSETS))
    start = start.replace(tzinfo=VN_FIXED).astimezone(zone)
    return rule_list, quiet, allowed, durations, start, start + timedelta(hours=hours)


@SETTINGS
@given(cases())
def test_every_occurrence_is_accounted_for_once(case):
    """Zero tolerance: nothing moves; kept + dropped + violations = the oracle's occurrences,
    with quiet hours and allowed weekdays (local) exactly where the oracle puts them."""
    rule_list, quiet, allowed, durations, start, end = case
    policy = {"quiet_hours": quiet, "allowed_weekdays": allowed, "queue_tolerance_s": 0}
    schedule = Schedule.model_validate({"rules": rule_list, "policy": policy})
    items = {k: ItemInfo(k, d, Priority.NORMAL) for k, d in durations.items()}
    plan = expand(schedule, items, start=start, end=end)

    expected = raw_entries(rule_list, durations, local(start), local(end))
    note(f"expected {expected}")

    def key(e):
        return (local(e.start), local(e.end), e.item_id, e.rule_index, e.repeat_index)

    got = [key(e) for e in plan.entries]
    got += [key(c.entry) for c in plan.conflicts if c.kind == "dropped"]
    got += [key(v.entry) for v in plan.violations]
    # All normal priority: a relay window is never cut into pieces, only kept or dropped.
    assert Counter(got) == Counter(expected)

    for v in plan.violations:
        s, e_ = local(v.entry.start), local(v.entry.end)
        if v.kind == "quiet_hours":
            assert in_quiet(quiet, s, e_)
        elif v.kind == "weekday":
            assert not in_quiet(quiet, s, e_)
            assert s.weekday() not in allowed
    for e in plan.entries:
        assert not in_quiet(quiet, local(e.start), local(e.end)), e
        assert local(e.start).weekday() in allowed, e
        assert e.start.utcoffset() == timedelta(hours=7)
    # Whatever the policy drops for quiet hours or weekdays, the oracle drops too.
    for s, e_, *_ in expected:
        if in_quiet(quiet, s, e_) or s.weekday() not in allowed:
            assert (s, e_) not in {(local(x.start), local(x.end)) for x in plan.entries}


# ---- the whole plan: conflicts, queuing, sessions and caps ----------------------------------

RANK = {Priority.NORMAL: 0, Priority.PRIORITY: 1, Priority.EMERGENCY: 2}


def oracle_plan(rule_list, policy, items, lo, hi):
    """Kept (start, end, item, delay_s) and the violation kinds, planned in one go over naive
    local [lo, hi): the rules' text read literally (rules.py, conflicts.py, policy.py).

    A relay window is cut around what outranks it (pieces under a minute left out), waits
    behind an equal-priority broadcast within the tolerance and still ends with its window;
    its pieces are one broadcast, of the day the window opens (weekdays, sessions)."""
    durations = {k: d for k, (d, _) in items.items()}
    quiet = policy.get("quiet_hours")
    allowed = policy.get("allowed_weekdays", list(range(7)))
    tol = timedelta(seconds=policy.get("queue_tolerance_s", 300))
    gap = timedelta(seconds=policy.get("session_gap_s", 300))
    minute = timedelta(seconds=60)
    violations: list[tuple[str, datetime]] = []

    def rank(raw) -> int:
        rule = rule_list[raw[3]]
        if rule["kind"] == "relay":
            return RANK[Priority(rule.get("priority", "normal"))]
        return RANK[items[raw[2]][1]]

    def allowed_now(s, e, opened):
        if in_quiet(quiet, s, e):
            violations.append(("quiet_hours", s))
            return False
        if opened.weekday() not in allowed:
            violations.append(("weekday", s))
            return False
        return True

    # The plan's order (timeline.order_key): start, higher priority, rule, repeat, item.
    raw = raw_entries(rule_list, durations, lo, hi)
    order = sorted(raw, key=lambda r: (r[0], -rank(r), r[3], r[4], r[2]))
    # placed: (start, end, item, delay_s, rank, window opening or None)
    placed: list[tuple] = []
    for r in order:  # emergencies: back to back, never dropped
        if rank(r) == 2:
            wait = max(timedelta(0), placed[-1][1] - r[0]) if placed else timedelta(0)
            placed.append((r[0] + wait, r[1] + wait, r[2], wait.total_seconds(), 2, None))
    others = [r for r in order if rank(r) < 2 and allowed_now(r[0], r[1], r[0])]
    mine = []

    def place(s, e, i, s0, level, opened):
        placed.append((s, e, i, (s - s0).total_seconds(), level, opened))
        mine.append(placed[-1])

    for level in (1, 0):
        for r in others:
            if rank(r) != level:
                continue
            s0, e0, i = r[0], r[1], r[2]
            if rule_list[r[3]]["kind"] == "relay":
                higher = sorted(p for p in placed if p[0] < e0 and s0 < p[1] and p[4] > level)
                spans, cursor = [], s0
                for p in higher:
                    if p[0] > cursor:
                        spans.append((cursor, p[0]))
                    cursor = max(cursor, p[1])
                if cursor < e0:
                    spans.append((cursor, e0))
                for lo_, hi_ in spans:
                    if hi_ - lo_ < minute:
                        continue
                    s = lo_
                    while True:
                        over = [p for p in placed if p[0] < hi_ and s < p[1]]
                        if not over:
                            place(s, hi_, i, lo_, level, s0)
                            break
                        s = max(p[1] for p in over)
                        if s - lo_ > tol or hi_ - s < minute:
                            break
                continue
            s, e = s0, e0
            while True:
                over = [p for p in placed if p[0] < e and s < p[1]]
                if not over:
                    place(s, e, i, s0, level, None)
                    break
                if any(p[4] > level for p in over):
                    break
                new = max(p[1] for p in over)
                if new - s0 > tol:
                    break
                s, e = new, new + (e0 - s0)
    mine = [m for m in mine if allowed_now(m[0], m[1], m[5] or m[0])]
    mine.sort()

    def grouped(broadcasts: list) -> list[list]:
        """Sessions over broadcasts: the pieces of one relay window count as one, over its
        span."""
        units: dict[object, list] = {}
        for m in broadcasts:
            units.setdefault((m[2], m[5]) if m[5] is not None else m, []).append(m)
        out: list[list] = []
        end = None
        for unit in sorted(units.values()):
            if out and unit[0][0] - end < gap:
                out[-1] += unit
            else:
                out.append(list(unit))
            end = max(end or unit[-1][1], unit[-1][1])
        return [sorted(g) for g in out]

    sessions = grouped(mine)
    if policy.get("max_session_minutes") is not None:
        # Sessions are read on what plays: drop the first broadcast over the cap, group the
        # rest again (a dropped broadcast holds no session together), until none is over.
        limit = timedelta(minutes=policy["max_session_minutes"])
        left = list(mine)
        while True:
            over = next((m for g in sessions for m in g if m[1] > g[0][0] + limit), None)
            if over is None:
                break
            violations.append(("max_session", over[0]))
            left.remove(over)
            sessions = grouped(left)
    if policy.get("max_per_day") is not None:
        by_day: dict[date, list] = {}
        for group in sessions:
            by_day.setdefault(group[0][0].date(), []).append(group)
        sessions = []
        for groups in by_day.values():
            groups.sort(key=lambda g: (-max(m[4] for m in g), g[0][0]))
            sessions += groups[: policy["max_per_day"]]
            violations.extend(
                ("max_per_day", m[0]) for g in groups[policy["max_per_day"] :] for m in g
            )
    kept = [p[:4] for p in placed if p[4] == 2]
    kept += [m[:4] for g in sessions for m in g]
    return sorted(kept), violations


def planned_in_one_piece(rule_list, policy, items, lo, hi) -> bool:
    """Is the plan of [lo, hi) one piece: no Monday 00:00 that is a forced week boundary
    (blocks.py: it and the six midnights before it unclean)? A midnight is unclean when a
    broadcast the policy lets through ends less than tolerance + session gap before it."""
    durations = {k: d for k, (d, _) in items.items()}
    reach = timedelta(
        seconds=policy.get("queue_tolerance_s", 300) + policy.get("session_gap_s", 300)
    )
    allowed = policy.get("allowed_weekdays", list(range(7)))
    unclean = set()
    for s, e, i, index, _ in raw_entries(rule_list, durations, lo - timedelta(days=8), hi):
        if rule_list[index]["kind"] != "relay" and items[i][1] is Priority.EMERGENCY:
            continue
        if in_quiet(policy.get("quiet_hours"), s, e) or s.weekday() not in allowed:
            continue
        midnight = datetime.combine(s.date() + timedelta(days=1), time(0))
        while e + reach > midnight:
            unclean.add(midnight)
            midnight += timedelta(days=1)
    midnight = datetime.combine(lo.date(), time(0))
    while midnight <= hi:
        week = [midnight - timedelta(days=k) for k in range(7)]
        if midnight.weekday() == 0 and all(m in unclean for m in week):
            return False
        midnight += timedelta(days=1)
    return True


@st.composite
def plan_cases(draw):
    near = draw(st.sampled_from(AROUND))
    rule_list = draw(st.lists(rules(near), min_size=1, max_size=5))
    for rule in list(rule_list):
        if rule["kind"] == "relay":  # two levels; often something at once inside the window
            rule["priority"] = draw(st.sampled_from(["normal", "priority"]))
            if draw(st.booleans()):
                rule["weekdays"] = list(range(7))
                opens = datetime.combine(
                    near + timedelta(days=draw(st.integers(-2, 8))), clock(rule["window"]["start"])
                )
                inside = opens + timedelta(minutes=draw(st.integers(-5, 120)))
                rule_list.append({"kind": "once", "at": inside.isoformat(), "item_ids": ["x"]})
    policy = {
        "quiet_hours": draw(st.sampled_from(QUIET)),
        "allowed_weekdays": draw(st.one_of(st.just(list(range(7))), weekdays)),
        "queue_tolerance_s": draw(st.sampled_from([0, 60, 300, 1800, 3600])),
        "session_gap_s": draw(st.sampled_from([0, 300, 900, 3600])),
        "max_per_day": draw(st.sampled_from([None, 1, 2])),
        "max_session_minutes": draw(st.sampled_from([None, 5, 20])),
    }
    items = {
        k: (
            float(draw(st.sampled_from([1, 45, 300, 600]))),
            draw(
                st.sampled_from(
                    [Priority.NORMAL, Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY]
                )
            ),
        )
        for k in IDS
    }
    # What interrupts a relay window: outranks a normal one, sometimes a priority one too.
    items["x"] = (
        float(draw(st.sampled_from([45, 600, 1200]))),
        draw(st.sampled_from([Priority.PRIORITY, Priority.EMERGENCY])),
    )
    zone = draw(st.sampled_from(OFFSETS))
    # The window: from 3 days into the horizon, at any minute, 1 minute to 9 days long.
    window = (draw(st.integers(0, 1439)), draw(st.integers(1, 9 * 1440)))
    return near, rule_list, policy, items, zone, window


@SETTINGS
@given(plan_cases())
def test_the_plan_matches_one_pass_over_the_whole_horizon(case):
    """Unless the schedule is planned week by week (busy around every midnight of a week),
    planning in blocks changes nothing: the plan of a window equals the oracle's one pass
    over a horizon around it, the window given in any offset."""
    near, rule_list, policy, items, zone, (offset, length) = case
    lo = datetime.combine(near - timedelta(days=6), time(0))
    hi = datetime.combine(near + timedelta(days=16), time(0))
    if not planned_in_one_piece(rule_list, policy, items, lo, hi):
        return
    schedule = Schedule.model_validate({"rules": rule_list, "policy": policy})
    infos = {k: ItemInfo(k, d, p) for k, (d, p) in items.items()}
    want, want_violations = oracle_plan(rule_list, policy, items, lo, hi)
    w_lo = lo + timedelta(days=3, minutes=offset)
    w_hi = w_lo + timedelta(minutes=length)
    plan = expand(
        schedule,
        infos,
        start=w_lo.replace(tzinfo=VN_FIXED).astimezone(zone),
        end=w_hi.replace(tzinfo=VN_FIXED).astimezone(zone),
    )
    got = [(local(e.start), local(e.end), e.item_id, e.delay_s) for e in plan.entries]
    note(f"want {[w for w in want if w_lo <= w[0] < w_hi][:30]}")
    assert got == [w for w in want if w_lo <= w[0] < w_hi]
    got_v = Counter((v.kind, local(v.entry.start)) for v in plan.violations)
    assert got_v == Counter(v for v in want_violations if w_lo <= v[1] < w_hi)


# ---- hand-picked edges -----------------------------------------------------------------------


def _plan(rules, policy, items, start, end):
    schedule = Schedule.model_validate({"rules": rules, "policy": {"quiet_hours": None, **policy}})
    infos = {k: ItemInfo(k, float(d), p) for k, (d, p) in items.items()}
    plan = expand(schedule, infos, start=start, end=end)
    return plan, [local(e.start).strftime("%Y-%m-%d %H:%M") for e in plan.entries]


N1 = {"a": (60, Priority.NORMAL)}


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN_FIXED)


def test_month_ends_leap_day_and_cron_last():
    rules = [
        {"kind": "cron", "day": "29,30,31", "hour": "8", "item_ids": ["a"]},
        {"kind": "cron", "day": "last", "hour": "9", "item_ids": ["a"]},
    ]
    _, got = _plan(rules, {}, N1, vn(2028, 1, 30), vn(2028, 5, 1))
    assert got == [
        "2028-01-30 08:00",
        "2028-01-31 08:00",
        "2028-01-31 09:00",
        "2028-02-29 08:00",
        "2028-02-29 09:00",
        "2028-03-29 08:00",
        "2028-03-30 08:00",
        "2028-03-31 08:00",
        "2028-03-31 09:00",
        "2028-04-29 08:00",
        "2028-04-30 08:00",
        "2028-04-30 09:00",
    ]
    _, got = _plan(rules, {}, N1, vn(2027, 2, 27), vn(2027, 3, 2))
    assert got == ["2027-02-28 09:00"]  # no 29 February in 2027; the 28th is the last


def test_campaign_dates_are_inclusive_local_dates_and_may_miss_the_window():
    rule = {"kind": "daily", "times": ["00:00", "23:59"], "item_ids": ["a"]}
    campaign = {**rule, "start_date": "2028-02-28", "end_date": "2028-03-01"}
    # The window in UTC: 2028-02-27 17:00Z is 2028-02-28 00:00 in Vietnam.
    start = datetime(2028, 2, 27, 17, tzinfo=UTC)
    _, got = _plan([campaign], {}, N1, start, start + timedelta(days=5))
    assert got == [
        "2028-02-28 00:00",
        "2028-02-28 23:59",
        "2028-02-29 00:00",
        "2028-02-29 23:59",
        "2028-03-01 00:00",
        "2028-03-01 23:59",
    ]
    before = {**rule, "start_date": "2028-01-01", "end_date": "2028-02-27"}
    after = {**rule, "start_date": "2028-03-04"}
    _, got = _plan([before, after], {}, N1, start, start + timedelta(days=5))
    assert got == []


def test_a_window_across_the_year_given_in_another_offset():
    rule = {"kind": "daily", "times": ["06:00", "23:30"], "item_ids": ["a"]}
    # 2026-12-31 10:00 at -05:00 is 22:00 in Vietnam; 24 hours on.
    start = datetime(2026, 12, 31, 10, tzinfo=timezone(timedelta(hours=-5)))
    _, got = _plan([rule], {}, N1, start, start + timedelta(hours=24))
    assert got == ["2026-12-31 23:30", "2027-01-01 06:00"]


def test_a_window_that_starts_or_ends_mid_broadcast_holds_entries_by_their_start():
    rule = {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]}
    items = {"a": (1800, Priority.NORMAL)}
    _, got = _plan([rule], {}, items, vn(2027, 1, 4, 6, 10), vn(2027, 1, 5, 6, 10))
    assert got == ["2027-01-05 06:00"]  # the 4th's started before the window


def test_once_naive_is_vietnam_time_and_an_offset_is_converted():
    rules = [
        {"kind": "once", "at": "2027-01-04T06:00:00", "item_ids": ["a"]},
        {"kind": "once", "at": "2027-01-04T06:00:00+00:00", "item_ids": ["a"]},
    ]
    _, got = _plan(rules, {}, N1, vn(2027, 1, 4), vn(2027, 1, 5))
    assert got == ["2027-01-04 06:00", "2027-01-04 13:00"]


def test_quiet_hours_across_midnight_and_at_noon():
    rule = {"kind": "daily", "times": ["04:55", "05:00", "11:55", "12:00", "13:30", "21:55"]}
    rule |= {"item_ids": ["a"]}
    items = {"a": (300, Priority.NORMAL)}
    night = {"quiet_hours": {"start": "22:00", "end": "05:00"}}
    plan, got = _plan([rule], night, items, vn(2027, 1, 4), vn(2027, 1, 5))
    assert got == [
        "2027-01-04 05:00",
        "2027-01-04 11:55",
        "2027-01-04 12:00",
        "2027-01-04 13:30",
        "2027-01-04 21:55",  # ends at 22:00 exactly
    ]
    assert [local(v.entry.start).strftime("%H:%M") for v in plan.violations] == ["04:55"]
    noon = {"quiet_hours": {"start": "12:00", "end": "13:30"}}
    plan, got = _plan([rule], noon, items, vn(2027, 1, 4), vn(2027, 1, 5))
    assert [t[-5:] for t in got] == ["04:55", "05:00", "11:55", "13:30", "21:55"]
    assert [local(v.entry.start).strftime("%H:%M") for v in plan.violations] == ["12:00"]
    # A broadcast that starts before quiet hours and would run into them is dropped whole.
    long = {"a": (600, Priority.NORMAL)}
    plan, got = _plan([rule], noon, long, vn(2027, 1, 4), vn(2027, 1, 5))
    assert "2027-01-04 11:55" not in got
    assert {v.kind for v in plan.violations} == {"quiet_hours"}


def test_daily_cap_and_weekdays_are_counted_on_the_local_day():
    # 06:30 in Vietnam is 23:30 UTC the day before: caps and weekdays go by Vietnam's date.
    rule = {"kind": "daily", "times": ["06:30", "18:00"], "item_ids": ["a"]}
    policy = {"max_per_day": 1, "allowed_weekdays": [0]}  # Mondays only
    start = datetime(2027, 1, 3, 17, tzinfo=UTC)  # Monday 4 January 00:00 in Vietnam
    plan, got = _plan([rule], policy, N1, start, start + timedelta(days=2))
    assert got == ["2027-01-04 06:30"]
    kinds = [(v.kind, local(v.entry.start).strftime("%d %H:%M")) for v in plan.violations]
    assert kinds == [
        ("max_per_day", "04 18:00"),
        ("weekday", "05 06:30"),
        ("weekday", "05 18:00"),
    ]


def test_queued_within_the_tolerance_and_dropped_beyond_it():
    rules = [
        {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]},
        {"kind": "daily", "times": ["06:02"], "item_ids": ["b"]},
        {"kind": "daily", "times": ["06:03"], "item_ids": ["c"]},
    ]
    items = {
        "a": (300, Priority.NORMAL),
        "b": (60, Priority.NORMAL),
        "c": (60, Priority.NORMAL),
    }
    plan, got = _plan(rules, {"queue_tolerance_s": 200}, items, vn(2027, 1, 4), vn(2027, 1, 5))
    # b waits 180 s behind a; c 120 s behind a, then behind b: 180 s, both within 200.
    assert got == ["2027-01-04 06:00", "2027-01-04 06:05", "2027-01-04 06:06"]
    assert [e.delay_s for e in plan.entries] == [0, 180, 180]
    plan, got = _plan(rules, {"queue_tolerance_s": 170}, items, vn(2027, 1, 4), vn(2027, 1, 5))
    # b would wait 180 s > 170: dropped and reported; c then waits 120 s.
    assert got == ["2027-01-04 06:00", "2027-01-04 06:05"]
    assert plan.entries[1].item_id == "c" and plan.entries[1].delay_s == 120
    [c] = plan.conflicts
    assert c.kind == "dropped" and c.entry.item_id == "b" and "170 s" in c.reason


def test_a_relay_window_past_midnight_runs_on_the_weekdays_it_opens():
    rule = {
        "kind": "relay",
        "relay": "vov1",
        "window": {"start": "23:30", "end": "00:30"},
        "weekdays": [6],  # Sunday night into Monday
    }
    plan, got = _plan([rule], {}, {}, vn(2027, 1, 4), vn(2027, 1, 12))
    assert got == ["2027-01-10 23:30"]
    assert local(plan.entries[0].end) == datetime(2027, 1, 11, 0, 30)

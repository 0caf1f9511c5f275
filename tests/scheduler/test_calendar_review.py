"""The plan across calendar edges, against a brute-force checker written from the docs.

The checker below imports nothing of `scheduler` but the entry points it compares with: it
walks local dates one by one as naive Vietnamese wall times (UTC+7, no daylight saving),
matches each rule by hand (daily times x weekdays, cron fields with CronTrigger's defaults and
`day: "last"`, once slots given in any offset, relay windows), decides quiet hours instant by
instant (an entry touches them if its first second is quiet or a quiet period opens before it
ends), then fits the entries on one output (emergencies one after another and exempt from
the policy, an emergency no rule names at `now`; then higher priority wins, equal priority
queues within queue_tolerance_s, a relay window is cut around a higher-priority broadcast and
resumes), applies quiet hours and weekdays again, groups sessions (less than session_gap_s
apart) and applies max_session_minutes and max_per_day per local day. The loop playlist has a
checker of its own. The panel form's refusals are at the end.

Windows cross month ends (31st, 30th, 28/29 February 2027 and 2028), the year's end, a leap
day; they are given in Vietnam time, UTC and other offsets. `now` is an input; the machine's
clock is never read. Randomness is seeded and the seed is in every failure message.
"""

from __future__ import annotations

import calendar
import random
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest

from content_library.types import Priority
from scheduler import ItemInfo, ScheduleError, expand, expand_loop, parse_schedule
from scheduler.policy import check_once_ahead

VN = timezone(timedelta(hours=7))
ZONES = [VN, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9, minutes=30))]
RANK = {"normal": 0, "priority": 1, "emergency": 2}
MIN_PIECE = timedelta(seconds=60)  # documented: shorter relay pieces are left out


def wall(value: datetime) -> datetime:
    return value.astimezone(VN).replace(tzinfo=None)


def minutes(text: str) -> int:
    hh, mm = text.split(":")
    return int(hh) * 60 + int(mm)


# ---- the checker -----------------------------------------------------------------------------


DAY_NAMES = {n: i for i, n in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}


def cron_set(expr: str, lo: int, hi: int, last: int) -> set[int]:
    out: set[int] = set()
    for part in expr.split(","):
        step = 1
        if "/" in part:
            part, by = part.split("/")
            step = int(by)
        if part == "*":
            a, b = lo, hi
        elif part == "last":
            a = b = last
        elif "-" in part:
            a, b = (int(x) for x in part.split("-"))
        else:
            a = b = DAY_NAMES[part] if part in DAY_NAMES else int(part)
        out.update(range(a, b + 1, step))
    return out


def cron_fires(rule: dict[str, Any], day: date) -> list[time]:
    """CronTrigger's reading: fields more significant than the least significant one given
    are "*", less significant ones their minimum; day_of_week is "*" unless given."""
    order = ["month", "day", "day_of_week", "hour", "minute"]
    least = max(i for i, n in enumerate(order) if rule.get(n) is not None)
    f = {}
    for i, n in enumerate(order):
        if rule.get(n) is not None:
            f[n] = str(rule[n])
        elif n == "day_of_week" or i < least:
            f[n] = "*"
        else:
            f[n] = {"month": "1", "day": "1", "hour": "0", "minute": "0"}[n]
    month_days = calendar.monthrange(day.year, day.month)[1]
    if not (
        day.month in cron_set(f["month"], 1, 12, 12)
        and day.day in cron_set(f["day"], 1, month_days, month_days)
        and day.weekday() in cron_set(f["day_of_week"], 0, 6, 6)
    ):
        return []
    return [
        time(h, m)
        for h in sorted(cron_set(f["hour"], 0, 23, 23))
        for m in sorted(cron_set(f["minute"], 0, 59, 59))
    ]


def in_campaign(rule: dict[str, Any], day: date) -> bool:
    first, last = rule.get("start_date"), rule.get("end_date")
    return (first is None or date.fromisoformat(first) <= day) and (
        last is None or day <= date.fromisoformat(last)
    )


def firings(rule: dict[str, Any], day: date) -> list[datetime]:
    """Naive local instants at which `rule` fires on local date `day`."""
    if rule["kind"] == "once":
        at = datetime.fromisoformat(rule["at"])
        at = wall(at) if at.tzinfo is not None else at
        return [at] if at.date() == day else []
    if not in_campaign(rule, day):
        return []
    if rule["kind"] == "cron":
        return [datetime.combine(day, t) for t in cron_fires(rule, day)]
    if day.weekday() not in rule.get("weekdays", range(7)):
        return []
    clocks = [rule["window"]["start"]] if rule["kind"] == "relay" else rule["times"]
    return [datetime.combine(day, time(*divmod(minutes(c), 60))) for c in clocks]


def quiet_at(quiet: dict[str, str] | None, t: datetime) -> bool:
    if quiet is None:
        return False
    q0, q1, now = minutes(quiet["start"]), minutes(quiet["end"]), t.hour * 60 + t.minute
    return q0 <= now < q1 if q0 < q1 else (now >= q0 or now < q1)


def touches_quiet(quiet: dict[str, str] | None, start: datetime, end: datetime) -> bool:
    """Any instant of [start, end) quiet: the first one, or a quiet period opening inside."""
    if quiet is None:
        return False
    if quiet_at(quiet, start):
        return True
    q0 = minutes(quiet["start"])
    day = start.date()
    while datetime.combine(day, time(0)) < end:
        opens = datetime.combine(day, time(0)) + timedelta(minutes=q0)
        if start < opens < end:
            return True
        day += timedelta(days=1)
    return False


class E:
    """One entry as the checker sees it (naive local times)."""

    def __init__(self, start, end, item, rank, rule, rep, relay=None, window=None):
        self.start, self.end, self.item, self.rank = start, end, item, rank
        self.rule, self.rep, self.relay = rule, rep, relay
        self.window = window if window is not None else start  # the day a relay belongs to

    def key(self):
        return (self.start, -self.rank, self.rule, self.rep, self.item)

    def moved(self, start: datetime) -> E:
        end = self.end if self.relay else start + (self.end - self.start)
        return E(start, end, self.item, self.rank, self.rule, self.rep, self.relay, self.window)

    def out(self) -> tuple[datetime, datetime, str]:
        return (self.start, self.end, self.item)


def raw(sched: dict[str, Any], items: dict[str, tuple[float, str]], d0: date, d1: date):
    """Every entry whose firing is on local dates d0..d1."""
    out = []
    day = d0
    while day <= d1:
        for index, rule in enumerate(sched["rules"]):
            for fired in firings(rule, day):
                if rule["kind"] == "relay":
                    w = rule["window"]
                    length = (minutes(w["end"]) - minutes(w["start"])) % 1440
                    rank = RANK[rule.get("priority", "normal")]
                    end = fired + timedelta(minutes=length)
                    out.append(E(fired, end, rule["relay"], rank, index, 0, rule["relay"]))
                    continue
                cursor = fired
                for item in rule["item_ids"]:
                    duration, priority = items[item]
                    for r in range(rule.get("repeat", 1)):
                        end = cursor + timedelta(seconds=duration)
                        out.append(E(cursor, end, item, RANK[priority], index, r))
                        cursor = end + timedelta(seconds=rule.get("gap_s", 0))
        day += timedelta(days=1)
    return sorted(out, key=E.key)


def allowed(policy: dict[str, Any], e: E) -> str | None:
    """The violation kind that drops `e`, or None (emergencies are exempt)."""
    if e.rank == 2:
        return None
    if touches_quiet(policy.get("quiet_hours", {"start": "22:00", "end": "05:00"}), e.start, e.end):
        return "quiet_hours"
    if e.window.weekday() not in policy.get("allowed_weekdays", range(7)):
        return "weekday"
    return None


def fit(entries: list[E], tolerance: timedelta) -> list[E]:
    placed: list[E] = []

    def over(s, t):
        return [p for p in placed if p.start < t and s < p.end]

    for e in entries:  # emergencies one after another, never dropped
        if e.rank == 2:
            ahead = [p for p in placed if p.end > e.start]
            placed.append(e.moved(max(p.end for p in ahead)) if ahead else e)
    for level in (1, 0):
        for e in entries:
            if e.rank != level:
                continue
            if e.relay:
                cursor, spans = e.start, []
                for h in sorted((p for p in over(e.start, e.end) if p.rank > e.rank), key=E.key):
                    if h.start > cursor:
                        spans.append((cursor, h.start))
                    cursor = max(cursor, h.end)
                if cursor < e.end:
                    spans.append((cursor, e.end))
                for n, (a, b) in enumerate(s for s in spans if s[1] - s[0] >= MIN_PIECE):
                    piece = E(a, b, e.item, e.rank, e.rule, n, e.relay, e.window)
                    cur = piece
                    while True:
                        hit = over(cur.start, cur.end)
                        if not hit:
                            placed.append(cur)
                            break
                        later = max(p.end for p in hit)
                        if later - piece.start > tolerance or piece.end - later < MIN_PIECE:
                            break
                        cur = piece.moved(later)
                continue
            cur = e
            while True:
                hit = over(cur.start, cur.end)
                if not hit:
                    placed.append(cur)
                    break
                if any(p.rank > level for p in hit):
                    break
                later = max(p.end for p in hit)
                if later - e.start > tolerance:
                    break
                cur = e.moved(later)
    return sorted(placed, key=E.key)


def caps(entries: list[E], policy: dict[str, Any]) -> list[E]:
    gap = timedelta(seconds=policy.get("session_gap_s", 300))
    urgent = [e for e in entries if e.rank == 2]  # exempt from sessions and caps

    def grouped(entries: list[E]) -> list[list[E]]:
        groups: list[list[E]] = []
        seen: dict[tuple, int] = {}
        end = None
        for e in entries:
            w = (e.relay, e.rule, e.window) if e.relay else None
            if w is not None and w in seen:
                first = seen[w]
                merged = [x for g in groups[first:] for x in g]
                del groups[first:]
                groups.append([*merged, e])
                seen = {k: min(v, first) for k, v in seen.items()}
            elif end is not None and e.start - end < gap:
                groups[-1].append(e)
            else:
                groups.append([e])
                end = e.end
            end = e.end if end is None else max(end, e.end)
            if w is not None:
                seen[w] = len(groups) - 1
        return groups

    groups = grouped([e for e in entries if e.rank < 2])
    if policy.get("max_session_minutes") is not None:
        # Sessions are read on what plays: a broadcast the cap drops holds none together,
        # so what is left of a session is grouped again after each drop.
        limit = timedelta(minutes=policy["max_session_minutes"])
        todo, groups = groups, []
        while todo:
            g = todo.pop(0)
            over = [e for e in g if e.end > g[0].start + limit]
            if not over:
                groups.append(g)
                continue
            todo[:0] = grouped([e for e in g if e is not over[0]])
    if policy.get("max_per_day") is not None:
        by_day: dict[date, list[list[E]]] = {}
        for g in groups:
            by_day.setdefault(g[0].start.date(), []).append(g)
        groups = []
        for day_groups in by_day.values():
            day_groups.sort(key=lambda g: (-max(e.rank for e in g), g[0].start))
            groups += day_groups[: policy["max_per_day"]]
    return sorted([*urgent, *(e for g in groups for e in g)], key=E.key)


def check_plan(sched, items, start: datetime, end: datetime) -> list[tuple]:
    """The entries starting in [start, end), planned over whole days around the window."""
    lo, hi = wall(start), wall(end)
    policy = sched.get("policy", {})
    entries = raw(sched, items, lo.date() - timedelta(days=3), hi.date() + timedelta(days=1))
    named = {i for rule in sched["rules"] for i in rule.get("item_ids", [])}
    for item, (duration, priority) in sorted(items.items()):  # unscheduled: at `now`
        if priority == "emergency" and item not in named:
            entries.append(E(lo, lo + timedelta(seconds=duration), item, 2, -1, 0))
    entries.sort(key=E.key)
    entries = [e for e in entries if allowed(policy, e) is None]
    entries = fit(entries, timedelta(seconds=policy.get("queue_tolerance_s", 300)))
    entries = [e for e in entries if allowed(policy, e) is None]
    entries = caps(entries, policy)
    return [e.out() for e in entries if lo <= e.start < hi]


def planned(sched, items, start: datetime, end: datetime) -> list[tuple]:
    infos = {k: ItemInfo(k, d, Priority(p)) for k, (d, p) in items.items()}
    plan = expand(parse_schedule(sched), infos, start=start, end=end, now=start)
    return [(wall(e.start), wall(e.end), e.item_id) for e in plan.entries]


# ---- generated schedules around calendar edges -----------------------------------------------

# Local dates the windows and campaigns gather around: the 31st, the 30th, 28 February 2027,
# 28/29 February 2028 (leap day), the year's end into January 2027 and 2028.
EDGES = [
    date(2027, 1, 31),
    date(2027, 2, 28),
    date(2027, 4, 30),
    date(2027, 6, 30),
    date(2027, 12, 31),
    date(2026, 12, 31),
    date(2028, 2, 28),
    date(2028, 2, 29),
    date(2028, 3, 1),
]
CRONS = [
    {"day": "last", "hour": "7", "minute": "15"},
    {"day": "last"},  # 00:00: in the default quiet hours
    {"day": "31", "hour": "9"},
    {"day": "30", "hour": "17", "minute": "45"},
    {"month": "2", "day": "28-29", "hour": "12"},
    {"month": "2", "day": "29", "hour": "6", "minute": "30"},
    {"day": "1", "hour": "6,18"},
    {"month": "12,1", "day_of_week": "6", "hour": "8"},
    {"day_of_week": "0,6", "hour": "5", "minute": "0"},
    {"day_of_week": "sat,sun", "hour": "20", "minute": "*/20"},
    {"day": "last", "day_of_week": "6", "hour": "10"},
    {"hour": "*/6"},
]


def hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def gen_case(rng: random.Random) -> tuple[dict, dict, datetime, datetime]:
    night = rng.random() < 0.6  # quiet hours across midnight (the default) or not
    quiet = (
        rng.choice([None, {"start": "22:00", "end": "05:00"}, {"start": "21:30", "end": "04:45"}])
        if night
        else rng.choice([None, {"start": "11:30", "end": "13:30"}])
    )
    if night and quiet is None:
        quiet = {"start": "22:00", "end": "05:00"}
    # Without a night's quiet hours broadcasts stay in the day, so every midnight is clean.
    # Midnights kept busy are hand-picked below (a broadcast across Monday 00:00 included).
    lo_m, hi_m = (0, 1439) if night else (300, 1200)
    items = {
        "a": (rng.choice([30.0, 90.5, 300.0]), "normal"),
        "b": (rng.choice([45.0, 600.0]), rng.choice(["normal", "priority"])),
        "c": (rng.choice([20.0, 240.0]), "priority"),
        "e": (rng.choice([30.0, 200.0]), "emergency"),
    }
    if rng.random() < 0.3:
        items["u"] = (rng.choice([15.0, 400.0]), "emergency")  # no rule: plays at `now`
    edge = rng.choice(EDGES)
    rules: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["daily", "daily", "cron", "once", "relay"])
        ids = ["a", "b", "c", "e"] if rng.random() < 0.3 else ["a", "b", "c"]
        common: dict[str, Any] = {"item_ids": rng.sample(ids, rng.randint(1, 2))}
        if rng.random() < 0.4:
            common["repeat"] = rng.randint(2, 3)
            common["gap_s"] = rng.choice([0, 5, 60])
        dated: dict[str, str] = {}
        if rng.random() < 0.6:
            first = edge + timedelta(days=rng.randint(-3, 2))
            last = first + timedelta(days=rng.randint(0, 3))
            if rng.random() < 0.8:
                dated["start_date"] = first.isoformat()
            if rng.random() < 0.8:
                dated["end_date"] = last.isoformat()
        if kind == "daily":
            times = sorted({hhmm(rng.randint(lo_m, hi_m)) for _ in range(rng.randint(1, 3))})
            if quiet and rng.random() < 0.3:
                times = sorted({*times, quiet["end"]})  # a broadcast at the end of quiet hours
            weekdays = sorted(rng.sample(range(7), rng.randint(1, 7)))
            rules.append({"kind": "daily", "times": times, "weekdays": weekdays, **dated, **common})
        elif kind == "cron":
            cron = dict(rng.choice(CRONS))
            if not night and "hour" in cron and cron["hour"] in ("*/6",):
                cron["hour"] = "6,12,18"
            rules.append({"kind": "cron", **cron, **dated, **common})
        elif kind == "once":
            local = datetime.combine(edge, time(0)) + timedelta(minutes=rng.randint(-1440, 2880))
            if not night:
                local = local.replace(hour=rng.randint(6, 19))
            zone = rng.choice(ZONES)
            at = local.replace(tzinfo=VN).astimezone(zone).isoformat()
            rules.append({"kind": "once", "at": at, **common})
        else:
            s = rng.randint(330, 1140) if (quiet is None or night) else rng.choice([360, 900])
            length = rng.choice([15, 30, 60, 90])
            if not night and quiet is not None:
                s = rng.choice([360, 840, 1080])  # outside 11:30–13:30
            window = {"start": hhmm(s), "end": hhmm((s + length) % 1440)}
            if night and quiet is not None and s + length > minutes(quiet["start"]):
                window = {"start": "06:00", "end": hhmm(360 + length)}
            rules.append(
                {
                    "kind": "relay",
                    "relay": "vov1",
                    "window": window,
                    "weekdays": sorted(rng.sample(range(7), rng.randint(1, 7))),
                    "priority": rng.choice(["normal", "priority"]),
                    **dated,
                }
            )
    policy: dict[str, Any] = {"quiet_hours": quiet}
    if rng.random() < 0.5:
        policy["max_per_day"] = rng.randint(1, 3)
    if rng.random() < 0.4:
        policy["max_session_minutes"] = rng.choice([1, 5, 12.5, 45])
    if rng.random() < 0.5:
        policy["allowed_weekdays"] = sorted(rng.sample(range(7), rng.randint(1, 7)))
    policy["queue_tolerance_s"] = rng.choice([0, 30, 300, 1800])
    policy["session_gap_s"] = rng.choice([0, 60, 300, 1800])
    zone = rng.choice(ZONES)
    start = datetime.combine(edge, time(0), tzinfo=VN) + timedelta(
        minutes=rng.randint(-2 * 1440, 1440)
    )
    end = start + timedelta(minutes=rng.randint(60, 6 * 1440))
    sched = {"format": 1, "rules": rules, "policy": policy}
    return sched, items, start.astimezone(zone), end.astimezone(zone)


SEEDS = range(20270101, 20270101 + 400)


def test_generated_schedules_agree_with_the_checker_across_calendar_edges():
    failures = []
    for seed in SEEDS:
        sched, items, start, end = gen_case(random.Random(seed))
        want = check_plan(sched, items, start, end)
        got = planned(sched, items, start, end)
        if got != want:
            only_got = sorted(set(got) - set(want))[:4]
            only_want = sorted(set(want) - set(got))[:4]
            failures.append(
                f"seed {seed}: window {start.isoformat()}–{end.isoformat()}\n  schedule {sched}"
                f"\n  items {items}\n  planner only {only_got}\n  checker only {only_want}"
            )
    assert not failures, f"{len(failures)} of {len(SEEDS)} disagree:\n" + "\n".join(failures[:3])


# ---- hand-picked edges, expected entries written out ------------------------------------------


def at(y, mo, d, h=0, mi=0, s=0) -> datetime:
    return datetime(y, mo, d, h, mi, s)


A = {"a": (60.0, "normal")}


def both(sched, items, start, end):
    """The planner's entries, after checking that the checker agrees."""
    got = planned(sched, items, start, end)
    assert got == check_plan(sched, items, start, end)
    return got


def test_cron_last_day_of_month_through_a_leap_february_and_the_year_end():
    sched = {"rules": [{"kind": "cron", "day": "last", "hour": "7", "item_ids": ["a"]}]}
    start = datetime(2027, 12, 1, tzinfo=VN)
    got = both(sched, A, start, datetime(2028, 4, 1, tzinfo=VN))
    assert [e[0] for e in got] == [
        at(2027, 12, 31, 7),
        at(2028, 1, 31, 7),
        at(2028, 2, 29, 7),
        at(2028, 3, 31, 7),
    ]
    got = both(sched, A, datetime(2027, 2, 1, tzinfo=VN), datetime(2027, 3, 1, tzinfo=VN))
    assert [e[0] for e in got] == [at(2027, 2, 28, 7)]


def test_a_campaign_is_inclusive_at_both_ends_across_the_year_end():
    sched = {
        "rules": [
            {
                "kind": "daily",
                "times": ["06:00", "21:59"],
                "item_ids": ["a"],
                "start_date": "2026-12-31",
                "end_date": "2027-01-01",
            }
        ]
    }
    got = both(sched, A, datetime(2026, 12, 30, 17, tzinfo=UTC), datetime(2027, 1, 3, tzinfo=UTC))
    assert [e[0] for e in got] == [
        at(2026, 12, 31, 6),
        at(2026, 12, 31, 21, 59),
        at(2027, 1, 1, 6),
        at(2027, 1, 1, 21, 59),
    ]


def test_sunday_is_six_and_monday_zero():
    sched = {
        "rules": [{"kind": "daily", "times": ["08:00"], "weekdays": [6, 0], "item_ids": ["a"]}]
    }
    got = both(sched, A, datetime(2027, 1, 1, tzinfo=VN), datetime(2027, 1, 8, tzinfo=VN))
    # 1 January 2027 is a Friday.
    assert [e[0] for e in got] == [at(2027, 1, 3, 8), at(2027, 1, 4, 8)]


def test_quiet_hours_end_is_open_and_their_start_closed():
    sched = {
        "rules": [{"kind": "daily", "times": ["04:59", "05:00", "21:59"], "item_ids": ["a"]}],
        "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
    }
    got = both(sched, A, datetime(2028, 2, 29, tzinfo=VN), datetime(2028, 3, 1, tzinfo=VN))
    # 04:59 touches the quiet hours; 21:59 + 60 s ends exactly when they start.
    assert [e[0] for e in got] == [at(2028, 2, 29, 5), at(2028, 2, 29, 21, 59)]
    day_quiet = {**sched, "policy": {"quiet_hours": {"start": "11:00", "end": "13:00"}}}
    day_quiet["rules"] = [
        {"kind": "daily", "times": ["10:59", "11:00", "13:00"], "item_ids": ["a"]}
    ]
    got = both(day_quiet, A, datetime(2028, 2, 29, tzinfo=VN), datetime(2028, 3, 1, tzinfo=VN))
    # 10:59 + 60 s ends as they start; 13:00 is when they end.
    assert [e[0] for e in got] == [at(2028, 2, 29, 10, 59), at(2028, 2, 29, 13)]


def test_max_per_day_counts_local_days_not_utc_days():
    # 00:30 in Vietnam is 17:30 UTC the day before: it is the first session of its local day.
    sched = {
        "rules": [{"kind": "daily", "times": ["00:30", "12:00", "23:30"], "item_ids": ["a"]}],
        "policy": {"quiet_hours": None, "max_per_day": 2},
    }
    start = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 1 January 2027, 00:00 in Vietnam
    got = both(sched, A, start, start + timedelta(days=1))
    assert [e[0] for e in got] == [at(2027, 1, 1, 0, 30), at(2027, 1, 1, 12)]


def test_once_slots_in_other_offsets_are_vietnam_times():
    sched = {
        "rules": [
            {"kind": "once", "at": "2027-01-01T00:30:00+00:00", "item_ids": ["a"]},  # 07:30
            {"kind": "once", "at": "2026-12-31T17:30:00Z", "item_ids": ["a"]},  # 00:30, quiet
            {"kind": "once", "at": "2027-01-01T09:00:00-05:00", "item_ids": ["a"]},  # 21:00
        ]
    }
    got = both(sched, A, datetime(2027, 1, 1, tzinfo=VN), datetime(2027, 1, 2, tzinfo=VN))
    assert [e[0] for e in got] == [at(2027, 1, 1, 7, 30), at(2027, 1, 1, 21)]


def test_a_relay_window_opening_on_the_campaigns_last_day_runs_to_its_end():
    sched = {
        "rules": [
            {
                "kind": "relay",
                "relay": "vov1",
                "window": {"start": "23:30", "end": "00:30"},
                "start_date": "2027-01-30",
                "end_date": "2027-01-31",
            }
        ],
        "policy": {"quiet_hours": None},
    }
    got = planned(sched, A, datetime(2027, 1, 29, tzinfo=VN), datetime(2027, 2, 3, tzinfo=VN))
    assert got == [
        (at(2027, 1, 30, 23, 30), at(2027, 1, 31, 0, 30), "vov1"),
        (at(2027, 1, 31, 23, 30), at(2027, 2, 1, 0, 30), "vov1"),
    ]


def test_repeats_session_gap_and_max_session_minutes():
    # Four plays of 60 s, 30 s apart: one session (gaps under 300 s); cut at 3 minutes.
    sched: dict[str, Any] = {
        "rules": [
            {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], "repeat": 4, "gap_s": 30}
        ],
        "policy": {"max_session_minutes": 3, "max_per_day": 1, "session_gap_s": 30},
    }
    got = both(sched, A, datetime(2027, 2, 28, tzinfo=VN), datetime(2027, 3, 1, tzinfo=VN))
    # gap_s == session_gap_s: each play is a session of its own, so the day keeps one play.
    assert [e[0] for e in got] == [at(2027, 2, 28, 6)]
    sched["policy"]["session_gap_s"] = 31
    got = both(sched, A, datetime(2027, 2, 28, tzinfo=VN), datetime(2027, 3, 1, tzinfo=VN))
    assert [e[0] for e in got] == [at(2027, 2, 28, 6), at(2027, 2, 28, 6, 1, 30)]


def test_queue_tolerance_is_inclusive():
    items = {"a": (120.0, "normal"), "b": (60.0, "normal")}
    sched: dict[str, Any] = {
        "rules": [
            {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]},
            {"kind": "daily", "times": ["06:00"], "item_ids": ["b"]},
        ],
        "policy": {"queue_tolerance_s": 120},
    }
    day = datetime(2027, 12, 31, tzinfo=VN)
    got = both(sched, items, day, day + timedelta(days=1))
    assert got == [
        (at(2027, 12, 31, 6), at(2027, 12, 31, 6, 2), "a"),
        (at(2027, 12, 31, 6, 2), at(2027, 12, 31, 6, 3), "b"),
    ]
    sched["policy"]["queue_tolerance_s"] = 119
    assert [e[2] for e in both(sched, items, day, day + timedelta(days=1))] == ["a"]


def test_loop_stops_at_the_session_cap_in_vietnamese_minutes():
    sched = parse_schedule(
        {"loop": {"item_ids": ["a", "b"], "gap_s": 30}, "policy": {"max_session_minutes": 30}}
    )
    items = {"a": ItemInfo("a", 60), "b": ItemInfo("b", 600)}
    start = datetime(2027, 1, 1, 21, 30, tzinfo=VN)
    plan = expand_loop(sched, items, start=start, end=start + timedelta(hours=3))
    assert [wall(e.start) for e in plan.entries] == [
        at(2027, 1, 1, 21, 30),
        at(2027, 1, 1, 21, 31, 30),
        at(2027, 1, 1, 21, 42),
        at(2027, 1, 1, 21, 43, 30),
        at(2027, 1, 1, 21, 54),
    ]
    (stop,) = plan.violations
    assert stop.kind == "loop_stopped"
    assert "30 phút" in stop.reason_vi
    assert "min" not in stop.reason_vi
    assert "30 min" in stop.reason


def test_loop_stops_at_quiet_hours_after_midnight_too():
    sched = parse_schedule({"loop": {"item_ids": ["a"]}})
    items = {"a": ItemInfo("a", 600)}
    start = datetime(2027, 1, 1, 21, 35, tzinfo=VN)
    plan = expand_loop(sched, items, start=start, end=start + timedelta(hours=12))
    assert [wall(e.start) for e in plan.entries] == [at(2027, 1, 1, 21, 35), at(2027, 1, 1, 21, 45)]
    assert [v.kind for v in plan.violations] == ["loop_stopped"]
    assert "giờ yên tĩnh 22:00–05:00" in plan.violations[0].reason_vi


# ---- refusals ---------------------------------------------------------------------------------

DAILY = {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]}
CRON = {"kind": "cron", "item_ids": ["a"]}


def refused(data: object) -> ScheduleError:
    with pytest.raises(ScheduleError) as info:
        parse_schedule(data)
    return info.value


@pytest.mark.parametrize("text", ["24:00", "7:5", "07:60", "", "07:00:00", "7h30"])
def test_bad_times_are_refused_in_vietnamese(text):
    err = refused({"rules": [{**DAILY, "times": [text]}]})
    assert f"giờ không hợp lệ {text!r}" in err.reason_vi


def test_a_time_listed_twice_is_named():
    err = refused({"rules": [{**DAILY, "times": ["06:00", "17:30", "6:00"]}]})
    assert "06:00" in err.reason_vi
    assert "bị lặp lại" in err.reason_vi
    assert "17:30" not in err.reason_vi


def test_empty_weekdays_and_reversed_campaigns_are_refused():
    assert "ít nhất 1" in refused({"rules": [{**DAILY, "weekdays": []}]}).reason_vi
    err = refused({"rules": [{**DAILY, "start_date": "2028-03-01", "end_date": "2028-02-29"}]})
    assert "ngày kết thúc 2028-02-29 trước ngày bắt đầu 2028-03-01" in err.reason_vi


def test_a_date_that_does_not_exist_is_said_so():
    err = refused({"rules": [{**DAILY, "start_date": "2027-02-29"}]})
    assert "start_date" in err.reason_vi
    assert "không có trong lịch" in err.reason_vi
    parse_schedule({"rules": [{**DAILY, "start_date": "2028-02-29"}]})  # a leap day


@pytest.mark.parametrize(
    ("field", "value", "vi"),
    [
        ("hour", "24", "0–23"),
        ("minute", "60", "0–59"),
        ("day", "32", "1–31"),
        ("day", "0", "1–31"),
        ("month", "13", "1–12"),
        ("day_of_week", "7", "0–6"),
        ("hour", "-1", "0–23"),
        ("minute", "*/0", "0–59"),
        ("week", "54", "1–53"),
    ],
)
def test_cron_fields_out_of_range_are_refused_in_vietnamese(field, value, vi):
    err = refused({"rules": [{**CRON, field: value}]})
    assert f"({field}) {value!r} không hợp lệ" in err.reason_vi
    assert vi in err.reason_vi
    # APScheduler's own English stays in the English reason only.
    assert "value" not in err.reason_vi.replace(repr(value), "")


@pytest.mark.parametrize("month", ["2", "2,4", "4,6,9,11"])
def test_the_31st_of_months_that_have_none_is_refused(month):
    err = refused({"rules": [{**CRON, "day": "31", "month": month, "hour": "7"}]})
    assert "không bao giờ phát" in err.reason_vi


def test_the_29th_of_february_is_only_a_leap_year_rule():
    sched = {"rules": [{**CRON, "month": "2", "day": "29", "hour": "7"}]}
    got = both(sched, A, datetime(2027, 1, 1, tzinfo=VN), datetime(2029, 1, 1, tzinfo=VN))
    assert [e[0] for e in got] == [at(2028, 2, 29, 7)]


# ---- a one-off slot already past ---------------------------------------------------------------


NOW = datetime(2027, 1, 1, 0, 30, tzinfo=UTC)  # 07:30 on 1 January 2027 in Vietnam


def test_a_once_slot_before_now_is_refused_in_vietnamese():
    sched = parse_schedule(
        {"rules": [{"kind": "once", "at": "2027-01-01T07:29:00+07:00", "item_ids": ["a"]}]}
    )
    with pytest.raises(ScheduleError) as info:
        check_once_ahead(sched, now=NOW)
    err = info.value
    assert err.code == "once_past"
    assert "07:29 ngày 01/01/2027" in err.reason_vi
    assert "đã qua" in err.reason_vi
    assert "07:30 ngày 01/01/2027" in err.reason_vi  # now, said in Vietnam time


@pytest.mark.parametrize(
    "at_text",
    ["2027-01-01T07:30:00+07:00", "2027-01-01T00:30:00+00:00", "2027-01-01T09:00:00-05:00"],
)
def test_a_once_slot_at_or_after_now_is_accepted_in_any_offset(at_text):
    sched = parse_schedule({"rules": [{"kind": "once", "at": at_text, "item_ids": ["a"]}]})
    check_once_ahead(sched, now=NOW)


def test_a_slot_already_saved_may_stay_when_the_schedule_is_edited():
    saved = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)  # 00:00 on 1 January, past
    sched = parse_schedule(
        {
            "rules": [
                {"kind": "once", "at": saved.isoformat(), "item_ids": ["a"]},
                {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]},
            ]
        }
    )
    check_once_ahead(sched, now=NOW, saved=[saved.astimezone(VN)])
    with pytest.raises(ScheduleError):
        check_once_ahead(sched, now=NOW, saved=[saved + timedelta(minutes=1)])


def test_the_planner_itself_still_plans_a_past_window():
    # A window in the past is a fair question (as-run reports): the plan does not refuse it.
    sched = {"rules": [{"kind": "once", "at": "2026-12-31T09:00:00+07:00", "item_ids": ["a"]}]}
    got = both(sched, A, datetime(2026, 12, 31, tzinfo=VN), datetime(2027, 1, 1, tzinfo=VN))
    assert [e[0] for e in got] == [at(2026, 12, 31, 9)]


# ---- the loop playlist, brute force ------------------------------------------------------------


def check_loop(sched, items, start: datetime, end: datetime) -> tuple[list[tuple], str | None]:
    """The docs read literally: items in order, gap_s apart, while a whole item fits before
    `end`; the loop stops at a weekday the area does not allow, at max_session_minutes and
    at quiet hours (one violation, nothing after it)."""
    loop, policy = sched["loop"], sched.get("policy", {})
    quiet = policy.get("quiet_hours", {"start": "22:00", "end": "05:00"})
    lo, hi = wall(start), wall(end)
    cap = policy.get("max_session_minutes")
    stop = lo + timedelta(minutes=cap) if cap is not None else hi
    out: list[tuple] = []
    cursor, n = lo, 0
    while True:
        item = loop["item_ids"][n % len(loop["item_ids"])]
        finish = cursor + timedelta(seconds=items[item][0])
        if finish > hi:
            return out, None
        if cursor.weekday() not in policy.get("allowed_weekdays", range(7)):
            return out, "weekday"
        if finish > stop:
            return out, "loop_stopped"
        if touches_quiet(quiet, cursor, finish):
            return out, "loop_stopped"
        out.append((cursor, finish, item))
        cursor = finish + timedelta(seconds=loop.get("gap_s", 0))
        n += 1


def test_loop_playlists_agree_with_the_checker_across_midnights_and_month_ends():
    failures = []
    for seed in range(20280229, 20280229 + 150):
        rng = random.Random(seed)
        items = {k: (rng.choice([20.0, 95.5, 300.0, 900.0]), "normal") for k in "abc"}
        sched: dict[str, Any] = {
            "loop": {
                "item_ids": rng.sample(list(items), rng.randint(1, 3)),
                "gap_s": rng.choice([0, 10, 120]),
            },
            "policy": {
                "quiet_hours": rng.choice(
                    [None, {"start": "22:00", "end": "05:00"}, {"start": "11:30", "end": "13:30"}]
                )
            },
        }
        if rng.random() < 0.5:
            sched["policy"]["max_session_minutes"] = rng.choice([1, 7.5, 60, 240])
        if rng.random() < 0.5:
            sched["policy"]["allowed_weekdays"] = sorted(rng.sample(range(7), rng.randint(1, 6)))
        edge = rng.choice(EDGES)
        start = datetime.combine(edge, time(0), tzinfo=VN) + timedelta(
            minutes=rng.randint(-300, 1500), seconds=rng.choice([0, 30])
        )
        end = start + timedelta(minutes=rng.randint(1, 600))
        zone = rng.choice(ZONES)
        start, end = start.astimezone(zone), end.astimezone(zone)
        want, why = check_loop(sched, items, start, end)
        infos = {k: ItemInfo(k, d) for k, (d, _) in items.items()}
        plan = expand_loop(parse_schedule(sched), infos, start=start, end=end)
        got = [(wall(e.start), wall(e.end), e.item_id) for e in plan.entries]
        kinds = [v.kind for v in plan.violations]
        if got != want or kinds != ([why] if why else []):
            failures.append(f"seed {seed}: {sched} {items} {start}–{end}: {kinds} vs {why}")
    assert not failures, f"{len(failures)} disagree:\n" + "\n".join(failures[:3])


def test_a_firing_belongs_to_the_day_it_fires():
    # Repeats from 23:58 on the campaign's last day run past midnight and play; a relay
    # window opening the day before the first day plays not even its part after midnight.
    sched = {
        "rules": [
            {
                "kind": "daily",
                "times": ["23:58"],
                "item_ids": ["a"],
                "repeat": 3,
                "end_date": "2027-12-31",
                "start_date": "2027-12-31",
            },
            {
                "kind": "relay",
                "relay": "vov1",
                "window": {"start": "23:30", "end": "00:30"},
                "start_date": "2028-02-29",
                "end_date": "2028-02-29",
            },
        ],
        "policy": {"quiet_hours": None},
    }
    got = planned(sched, A, datetime(2027, 12, 31, tzinfo=VN), datetime(2028, 1, 2, tzinfo=VN))
    assert got == [
        (at(2027, 12, 31, 23, 58), at(2027, 12, 31, 23, 59), "a"),
        (at(2027, 12, 31, 23, 59), at(2028, 1, 1, 0, 0), "a"),
        (at(2028, 1, 1, 0, 0), at(2028, 1, 1, 0, 1), "a"),
    ]
    got = planned(sched, A, datetime(2028, 2, 28, tzinfo=VN), datetime(2028, 3, 2, tzinfo=VN))
    assert got == [(at(2028, 2, 29, 23, 30), at(2028, 3, 1, 0, 30), "vov1")]


def test_a_broadcast_across_monday_midnight_plays_like_any_other_night():
    # Documented (docs/bundle-format.md, "Busy midnights"): with quiet hours off, a bulletin at
    # 23:55 and a relay window 23:00–01:00 keep the output busy around every midnight; Sunday
    # night plays as every other night does, here over four weeks from a Friday.
    items = {"a": (600.0, "normal"), "b": (60.0, "normal")}
    sched: dict[str, Any] = {
        "rules": [{"kind": "daily", "times": ["23:55"], "item_ids": ["a"]}],
        "policy": {"quiet_hours": None},
    }
    start = datetime(2027, 1, 1, tzinfo=VN)  # a Friday
    got = both(sched, items, start, start + timedelta(days=28))
    assert [e[0] for e in got] == [at(2027, 1, 1, 23, 55) + timedelta(days=d) for d in range(28)]
    assert [e[1] - e[0] for e in got] == [timedelta(minutes=10)] * 28
    # A bulletin early on Monday waits for Sunday's to end (within the 300 s tolerance).
    sched["rules"].append({"kind": "daily", "times": ["00:02"], "weekdays": [0], "item_ids": ["b"]})
    got = both(sched, items, start, start + timedelta(days=14))
    assert [e for e in got if e[2] == "b"] == [
        (at(2027, 1, 4, 0, 5), at(2027, 1, 4, 0, 6), "b"),
        (at(2027, 1, 11, 0, 5), at(2027, 1, 11, 0, 6), "b"),
    ]
    assert len([e for e in got if e[2] == "a"]) == 14
    # Each night alone, in another offset, is the same night.
    for d in range(14):
        night = start + timedelta(days=d, hours=23)
        alone = both(
            sched, items, night.astimezone(UTC), (night + timedelta(hours=2)).astimezone(UTC)
        )
        assert alone == [e for e in got if wall(night) <= e[0] < wall(night) + timedelta(hours=2)]
        assert [e[2] for e in alone] == (["a", "b"] if wall(night).weekday() == 6 else ["a"])


def test_a_relay_window_across_monday_midnight_plays_every_night():
    sched: dict[str, Any] = {
        "rules": [
            {"kind": "relay", "relay": "vov1", "window": {"start": "23:00", "end": "01:00"}},
            {"kind": "once", "at": "2027-01-11T00:20:00+07:00", "item_ids": ["e"]},
        ],
        "policy": {"quiet_hours": None},
    }
    items = {"e": (300.0, "emergency")}
    start = datetime(2027, 1, 1, tzinfo=VN)  # a Friday
    got = both(sched, items, start, start + timedelta(days=21))
    relays = [e for e in got if e[2] == "vov1"]
    nights = [at(2027, 1, 1, 23) + timedelta(days=d) for d in range(21)]
    assert (
        [e[0] for e in relays]
        == [
            *nights[:10],
            at(2027, 1, 11, 0, 25),  # Sunday's window resumes after the emergency
            *nights[10:],
        ]
    )
    assert [e for e in got if e[2] == "e"] == [
        (at(2027, 1, 11, 0, 20), at(2027, 1, 11, 0, 25), "e")
    ]
    # A window from just after the emergency has Sunday's last piece.
    piece = both(
        sched, items, datetime(2027, 1, 11, 0, 22, tzinfo=VN), datetime(2027, 1, 11, 1, tzinfo=VN)
    )
    assert piece == [(at(2027, 1, 11, 0, 25), at(2027, 1, 11, 1), "vov1")]


# ---- the panel's schedule form (web/routes/schedules.py) ---------------------------------------


def compose_form(**fields: Any) -> dict[str, Any]:
    from starlette.datastructures import FormData, UploadFile

    from web.routes.schedules import Target, compose

    target = Target("area:3", "area", "3", 3, "Xã")
    base: dict[str, Any] = {"name": "Lịch", "target": "area:3", "version_ids": "7"}
    pairs: list[tuple[str, str | UploadFile]] = [
        (k, str(x))
        for k, v in {**base, **fields}.items()
        for x in (v if isinstance(v, list) else [v])
    ]
    return compose(FormData(pairs), targets=[target], allowed_ids={7}, now=NOW, saved_once=[])


def test_the_form_refuses_no_weekday_ticked_instead_of_playing_every_day():
    from content_library.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        compose_form(times="06:00", weekdays_shown="1")
    assert info.value.field == "weekdays"
    assert "ít nhất một ngày" in info.value.reason_vi
    with pytest.raises(ValidationError) as info:
        compose_form(times="06:00", weekdays=[6], allowed_weekdays_shown="1")
    assert info.value.field == "allowed_weekdays"
    body = compose_form(times="06:00", weekdays=[6, 0], weekdays_shown="1")["body"]
    assert body["rules"][0]["weekdays"] == [0, 6]
    # A client that sends no boxes at all (not the form) still means every day.
    assert compose_form(times="06:00")["body"]["rules"][0]["weekdays"] == list(range(7))


def test_the_form_refuses_a_one_off_time_already_past():
    from content_library.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        compose_form(times="", once_at="2027-01-01T07:29")  # NOW is 07:30 in Vietnam
    assert info.value.field == "once_at"
    assert info.value.code == "once_past"
    assert "đã qua" in info.value.reason_vi
    body = compose_form(times="", once_at="2027-01-01T07:31")["body"]
    assert body["rules"][0]["at"] == "2027-01-01T07:31:00+07:00"


def test_relay_windows_may_touch_the_edges_of_quiet_hours_but_not_enter_them():
    from scheduler.policy import check_relay_windows

    def relay(start: str, end: str) -> Any:
        window = {"start": start, "end": end}
        return parse_schedule({"rules": [{"kind": "relay", "relay": "vov1", "window": window}]})

    check_relay_windows(relay("05:00", "05:30"))  # opens as the quiet hours end
    check_relay_windows(relay("21:30", "22:00"))  # closes as they start
    for start, end in [("04:59", "05:30"), ("21:30", "22:01"), ("23:30", "00:30")]:
        with pytest.raises(ScheduleError) as info:
            check_relay_windows(relay(start, end))
        assert info.value.code == "relay_quiet_hours"
        assert "giờ yên tĩnh 22:00–05:00" in info.value.reason_vi

"""How the plan resolves overlaps between priorities, against a checker written from the docs.

docs/bundle-format.md ("Relay channels", "Schedule rules on the calendar"), docs/relay.md
("Emergencies") and docs/emergency.md read as one rule for a single output:

- emergencies (khẩn cấp) play one after another, earliest first, never dropped, exempt from
  quiet hours and caps;
- then priority (ưu tiên), then normal (thông thường), each level earliest first: an entry
  that overlaps a higher-priority one loses (dropped, naming it: an emergency's neighbour is
  not queued behind it, see below); one that overlaps an equal-priority one waits for it to
  end if that delays it by at most `queue_tolerance_s` (inclusive), else it is dropped naming
  the first one in its way;
- a relay window (tiếp sóng, `normal` or `priority`) is cut around every higher-priority
  entry and resumes after it (pieces under 60 s left out; a window wholly covered is dropped
  naming the first); a piece kept waiting behind an equal-priority entry starts late and
  still ends with its window;
- quiet hours before and after the fit, then sessions and the caps on what was kept; sessions
  are read on what plays (a broadcast `max_session_minutes` drops holds no session together).

Where the docs leave it open the checker follows the planner's documented intent
(`scheduler/conflicts.py`, `scheduler/policy.py` docstrings): a lower-priority broadcast that
meets a *scheduled* emergency is dropped, not queued behind it ("as around an emergency" in
*Busy midnights* speaks of what Sunday night carries into Monday); of a day's sessions over
`max_per_day` the highest priority, then the earliest are kept.

Fixed dates only (`expand` never reads the clock); randomness is seeded and the seed is in
every failure message.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content_library.types import Priority
from scheduler import ItemInfo, Schedule, expand, resolve

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P, E = Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY
RANK = {N: 0, P: 1, E: 2}
MIN_PIECE = timedelta(seconds=60)
DAY = datetime(2027, 3, 10, tzinfo=VN)  # a Wednesday, far from any Monday 00:00
MONDAY = datetime(2027, 3, 15, tzinfo=VN)


def hm(t: datetime) -> str:
    return t.astimezone(VN).strftime("%a %H:%M:%S")


# ---- the checker -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Want:
    start: datetime
    end: datetime
    name: str  # item id, or relay channel id
    prio: Priority
    rule: int
    relay: bool = False


def fit(wants: list[Want], tol_s: float) -> tuple[list[tuple], dict[tuple, str]]:
    """Kept (start, end, name) and dropped {(scheduled start, name): the other's name}."""
    tol = timedelta(seconds=tol_s)
    placed: list[tuple[datetime, datetime, str, Priority]] = []
    dropped: dict[tuple, str] = {}

    def first(blockers: list) -> str:
        return min(blockers, key=lambda b: (b[0], -RANK[b[3]]))[2]

    def place(w: Want, s: datetime, e: datetime) -> None:
        t = s
        while True:
            end = e if w.relay else t + (e - s)
            over = [b for b in placed if b[0] < end and t < b[1]]
            if not over:
                placed.append((t, end, w.name, w.prio))
                return
            if w.prio is E:  # one after another
                t = max(b[1] for b in over)
                continue
            higher = [b for b in over if RANK[b[3]] > RANK[w.prio]]
            if higher:
                dropped[(s, w.name)] = first(higher)
                return
            t = max(b[1] for b in over)
            if t - s > tol or (w.relay and e - t < MIN_PIECE):
                dropped[(s, w.name)] = first(over)
                return

    for w in sorted(wants, key=lambda w: (-RANK[w.prio], w.start, w.rule, w.name)):
        if not w.relay:
            place(w, w.start, w.end)
            continue
        higher = sorted(b for b in placed if RANK[b[3]] > RANK[w.prio])
        cutters = [b for b in higher if b[0] < w.end and w.start < b[1]]
        pieces, cursor = [], w.start
        for b in cutters:
            if b[0] > cursor:
                pieces.append((cursor, b[0]))
            cursor = max(cursor, b[1])
        if cursor < w.end:
            pieces.append((cursor, w.end))
        pieces = [(a, z) for a, z in pieces if z - a >= MIN_PIECE]
        if not pieces and cutters:
            dropped[(w.start, w.name)] = first(cutters)
        for a, z in pieces:
            place(w, a, z)
    return sorted((b[0], b[1], b[2]) for b in placed), dropped


def caps(
    kept: list[tuple[datetime, datetime, str, Priority]],
    *,
    gap_s: float,
    max_session_min: float | None,
    max_per_day: int | None,
) -> list[tuple]:
    """Sessions (less than gap_s after the last end so far), cut, then counted per local day.

    Sessions are read on what plays: the first broadcast over the session cap is dropped and
    the rest grouped again (a dropped broadcast holds no session together), until none is
    over."""
    gap = timedelta(seconds=gap_s)

    def grouped(broadcasts: list) -> list[list]:
        groups: list[list] = []
        end = None
        for k in sorted(broadcasts):
            if end is not None and k[0] - end < gap:
                groups[-1].append(k)
            else:
                groups.append([k])
            end = k[1] if end is None else max(end, k[1])
        return groups

    left = [k for k in kept if k[3] is not E]
    groups = grouped(left)
    if max_session_min is not None:
        limit = timedelta(minutes=max_session_min)
        while over := next((k for g in groups for k in g if k[1] > g[0][0] + limit), None):
            left.remove(over)
            groups = grouped(left)
    if max_per_day is not None:
        days: dict = {}
        for g in groups:
            days.setdefault(g[0][0].astimezone(VN).date(), []).append(g)
        groups = []
        for gs in days.values():
            gs.sort(key=lambda g: (-max(RANK[k[3]] for k in g), g[0][0]))
            groups += gs[:max_per_day]
    out = [k for g in groups for k in g] + [k for k in kept if k[3] is E]
    return sorted((k[0], k[1], k[2]) for k in out)


# ---- random busy days ------------------------------------------------------------------------


def daily(start: datetime, item: ItemInfo, rule: int) -> tuple[dict, Want]:
    """A daily rule playing `item` at `start`'s time of day, and what it asks for at `start`."""
    want = Want(start, start + timedelta(seconds=item.duration_s), item.id, item.priority, rule)
    return {"kind": "daily", "times": [start.strftime("%H:%M")], "item_ids": [item.id]}, want


def busy_day(seed: int, *, relays: bool) -> tuple[Schedule, dict[str, ItemInfo], list[Want], float]:
    rng = random.Random(seed)
    items = {
        f"i{k}": ItemInfo(
            f"i{k}", float(rng.choice([60, 120, 180, 300, 600])), rng.choice([N, N, P, P, E])
        )
        for k in range(rng.randint(3, 6))
    }
    rules: list[dict] = []
    wants: list[Want] = []
    for r in range(rng.randint(10, 16)):  # many schedules on one unit
        start = DAY.replace(hour=rng.randint(7, 9), minute=rng.randrange(0, 60, 2))
        if relays and rng.random() < 0.25:
            channel = rng.choice(["vov1", "tinh"])
            end = start + timedelta(minutes=rng.choice([5, 10, 15, 30, 60]))
            prio = rng.choice(["normal", "priority"])
            window = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
            rules.append({"kind": "relay", "relay": channel, "window": window, "priority": prio})
            wants.append(Want(start, end, channel, Priority(prio), r, relay=True))
        else:
            rule, want = daily(start, items[rng.choice(sorted(items))], r)
            rules.append(rule)
            wants.append(want)
    tol = rng.choice([0.0, 60.0, 120.0, 240.0, 300.0])
    schedule = Schedule.model_validate({"rules": rules, "policy": {"queue_tolerance_s": tol}})
    return schedule, items, wants, tol


def describe(seed: int, wants: list[Want], tol: float) -> str:
    lines = [f"seed {seed}, queue_tolerance_s {tol}"]
    for w in sorted(wants, key=lambda w: (w.start, w.rule)):
        kind = "relay" if w.relay else "item"
        lines.append(f"  rule {w.rule}: {kind} {w.name} {w.prio.value} {hm(w.start)}–{hm(w.end)}")
    return "\n".join(lines)


def plan_of(plan) -> tuple[list[tuple], dict[tuple, str]]:
    kept = sorted((e.start, e.end, e.item_id if e.relay is None else e.relay) for e in plan.entries)
    dropped = {
        (c.entry.start, c.entry.relay or c.entry.item_id): c.other.relay or c.other.item_id
        for c in plan.conflicts
        if c.kind == "dropped"
    }
    return kept, dropped


@pytest.mark.parametrize("relays", [False, True], ids=["broadcasts", "with_relays"])
def test_many_schedules_on_one_unit_against_the_checker(relays):
    for seed in range(150):
        schedule, items, wants, tol = busy_day(seed, relays=relays)
        plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1))
        got_kept, got_dropped = plan_of(plan)
        want_kept, want_dropped = fit(wants, tol)
        context = describe(seed, wants, tol)
        assert [(hm(a), hm(b), n) for a, b, n in got_kept] == [
            (hm(a), hm(b), n) for a, b, n in want_kept
        ], context
        assert got_dropped == want_dropped, context
        # Nothing kept overlaps anything else kept: one output.
        for x, y in itertools.pairwise(got_kept):
            assert x[1] <= y[0], context


def capped_day(seed: int) -> tuple[list[tuple], list[tuple], str]:
    """The plan of a seeded day with caps, the checker's, and the case in words."""
    rng = random.Random(1000 + seed)
    items = {
        f"i{k}": ItemInfo(
            f"i{k}", float(rng.choice([120, 300, 600, 900])), rng.choice([N, N, P, E])
        )
        for k in range(5)
    }
    rules, wants = [], []
    for r in range(rng.randint(10, 14)):
        start = DAY.replace(hour=rng.randint(6, 20), minute=rng.randrange(0, 60, 5))
        rule, want = daily(start, items[rng.choice(sorted(items))], r)
        rules.append(rule)
        wants.append(want)
    policy = {
        "queue_tolerance_s": 300.0,
        "session_gap_s": rng.choice([0.0, 120.0, 300.0, 900.0]),
        "max_session_minutes": rng.choice([None, 10, 20, 30]),
        "max_per_day": rng.choice([None, 1, 2, 4]),
    }
    schedule = Schedule.model_validate({"rules": rules, "policy": policy})
    plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1))
    fitted, _ = fit(wants, policy["queue_tolerance_s"])
    prio = {w.name: w.prio for w in wants}
    want = caps(
        [(a, b, n, prio[n]) for a, b, n in fitted],
        gap_s=policy["session_gap_s"],
        max_session_min=policy["max_session_minutes"],
        max_per_day=policy["max_per_day"],
    )
    got = sorted((e.start, e.end, e.item_id) for e in plan.entries)
    context = describe(seed, wants, 300.0) + f"\n  policy {policy}"
    return got, want, context


# Seeds 40, 80, 128, 183 and 224: a broadcast the session cap drops sat between two others;
# cut without grouping again, the next one stayed in the dropped one's session and was
# dropped too (or, with max_per_day, the day's sessions were counted wrong).
@pytest.mark.parametrize("seed", [*range(41), 80, 128, 183, 224])
def test_caps_are_applied_after_the_conflicts(seed):
    got, want, context = capped_day(seed)
    assert [(hm(a), hm(b), n) for a, b, n in got] == [(hm(a), hm(b), n) for a, b, n in want], (
        context
    )


# ---- the cases the docs name, worked by hand --------------------------------------------------


def one_day(rules: list[dict], items: dict[str, ItemInfo], **policy):
    schedule = Schedule.model_validate({"rules": rules, "policy": policy})
    return expand(schedule, items, start=DAY, end=DAY + timedelta(days=1))


def at(hh: int, mm: int, ss: int = 0, day: datetime = DAY) -> datetime:
    return day.replace(hour=hh, minute=mm, second=ss)


@pytest.mark.parametrize("late_s", [0, 1])
def test_equal_priority_waits_up_to_the_tolerance_inclusive(late_s):
    # a: 08:00–08:05; b at 08:01 must wait 240 s. Tolerance 240 s queues it, 239 s drops it.
    items = {"a": ItemInfo("a", 300.0, P), "b": ItemInfo("b", 60.0, P)}
    rules = [
        {"kind": "daily", "times": ["08:00"], "item_ids": ["a"]},
        {"kind": "daily", "times": ["08:01"], "item_ids": ["b"]},
    ]
    plan = one_day(rules, items, queue_tolerance_s=240.0 - late_s)
    kept, dropped = plan_of(plan)
    if late_s == 0:
        assert kept == [(at(8, 0), at(8, 5), "a"), (at(8, 5), at(8, 6), "b")]
        assert dropped == {}
        assert [e.delay_s for e in plan.entries] == [0.0, 240.0]
    else:
        assert kept == [(at(8, 0), at(8, 5), "a")]
        assert dropped == {(at(8, 1), "b"): "a"}
        (conflict,) = plan.conflicts
        assert "'a'" in conflict.reason and conflict.reason_vi


def test_a_priority_broadcast_beats_a_normal_one_that_started_first():
    # The normal ones are dropped naming it (not queued behind it, not cut), whatever the
    # tolerance: the one that started first and the one that starts with it.
    items = {"n": ItemInfo("n", 600.0, N), "p": ItemInfo("p", 60.0, P)}
    rules = [
        {"kind": "daily", "times": ["08:00"], "item_ids": ["n"]},
        {"kind": "daily", "times": ["08:09"], "item_ids": ["p"]},
        {"kind": "daily", "times": ["08:09"], "item_ids": ["n"]},
    ]
    kept, dropped = plan_of(one_day(rules, items, queue_tolerance_s=3600.0))
    assert kept == [(at(8, 9), at(8, 10), "p")]
    assert dropped == {(at(8, 0), "n"): "p", (at(8, 9), "n"): "p"}


def test_an_emergency_plays_in_quiet_hours_and_the_others_there_do_not():
    items = {"e": ItemInfo("e", 120.0, E), "n": ItemInfo("n", 60.0, N), "p": ItemInfo("p", 60.0, P)}
    rules = [
        {"kind": "daily", "times": ["23:00"], "item_ids": ["e"]},
        {"kind": "daily", "times": ["23:30"], "item_ids": ["p"]},
        {"kind": "daily", "times": ["04:00"], "item_ids": ["n"]},
        {"kind": "daily", "times": ["21:59"], "item_ids": ["n"]},  # ends 22:00: plays
    ]
    plan = one_day(rules, items)
    assert plan_of(plan)[0] == [(at(21, 59), at(22, 0), "n"), (at(23, 0), at(23, 2), "e")]
    assert sorted((v.kind, v.entry.item_id, v.entry.start) for v in plan.violations) == [
        ("quiet_hours", "n", at(4, 0)),
        ("quiet_hours", "p", at(23, 30)),
    ]


@pytest.mark.parametrize("relay_priority", ["normal", "priority"])
def test_a_relay_window_over_a_normal_and_a_priority_broadcast(relay_priority):
    items = {
        "n": ItemInfo("n", 600.0, N),
        "p": ItemInfo("p", 300.0, P),
        "e": ItemInfo("e", 120.0, E),
    }
    rules = [
        {
            "kind": "relay",
            "relay": "vov1",
            "window": {"start": "08:00", "end": "09:00"},
            "priority": relay_priority,
        },
        {"kind": "daily", "times": ["08:10"], "item_ids": ["n"]},
        {"kind": "daily", "times": ["08:30"], "item_ids": ["p"]},
        {"kind": "daily", "times": ["08:50"], "item_ids": ["e"]},
    ]
    plan = one_day(rules, items)
    kept, dropped = plan_of(plan)
    if relay_priority == "normal":
        # Cut around p and e, resumed after each; n (equal, later) would wait 20 min: dropped.
        assert kept == [
            (at(8, 0), at(8, 30), "vov1"),
            (at(8, 30), at(8, 35), "p"),
            (at(8, 35), at(8, 50), "vov1"),
            (at(8, 50), at(8, 52), "e"),
            (at(8, 52), at(9, 0), "vov1"),
        ]
        assert dropped == {(at(8, 10), "n"): "vov1"}
        preempted = sorted(c.other.item_id for c in plan.conflicts if c.kind == "preempted")
        assert preempted == ["e", "p"]
    else:
        # Only the emergency cuts it; p (equal, later) would wait 20 min, n is outranked.
        assert kept == [
            (at(8, 0), at(8, 50), "vov1"),
            (at(8, 50), at(8, 52), "e"),
            (at(8, 52), at(9, 0), "vov1"),
        ]
        assert dropped == {(at(8, 10), "n"): "vov1", (at(8, 30), "p"): "vov1"}


def test_a_relay_waits_behind_an_equal_broadcast_and_still_ends_with_its_window():
    items = {"n": ItemInfo("n", 240.0, N)}
    rules = [
        {"kind": "daily", "times": ["07:58"], "item_ids": ["n"]},
        {"kind": "relay", "relay": "vov1", "window": {"start": "08:00", "end": "08:30"}},
    ]
    plan = one_day(rules, items)
    assert plan_of(plan)[0] == [(at(7, 58), at(8, 2), "n"), (at(8, 2), at(8, 30), "vov1")]
    assert plan_of(one_day(rules, items, queue_tolerance_s=60.0))[1] == {(at(8, 0), "vov1"): "n"}


def test_conflicts_across_midnight_on_a_weekday():
    # Quiet hours off: a relay window 23:30–00:30 (Wednesday's) and Thursday's broadcasts.
    items = {"n": ItemInfo("n", 300.0, N), "p": ItemInfo("p", 120.0, P)}
    rules = [
        {"kind": "relay", "relay": "vov1", "window": {"start": "23:30", "end": "00:30"}},
        {"kind": "daily", "times": ["00:10"], "item_ids": ["p"]},
        {"kind": "daily", "times": ["00:29"], "item_ids": ["n"]},
    ]
    schedule = Schedule.model_validate({"rules": rules, "policy": {"quiet_hours": None}})
    start, end = at(12, 0), at(12, 0) + timedelta(days=1)
    kept, dropped = plan_of(expand(schedule, items, start=start, end=end))
    thu = DAY + timedelta(days=1)
    assert sorted(kept) == sorted(
        [
            (at(23, 30), at(0, 10, day=thu), "vov1"),
            (at(0, 10, day=thu), at(0, 12, day=thu), "p"),
            (at(0, 12, day=thu), at(0, 30, day=thu), "vov1"),
            (at(0, 30, day=thu), at(0, 35, day=thu), "n"),  # waited 60 s for the window's end
        ]
    )
    assert dropped == {}


@pytest.mark.parametrize("prio", [N, P, E])
def test_the_monday_block_boundary_and_a_weekday_midnight(prio):
    # A daily 23:55 ten-minute normal bulletin, quiet hours off: planned week by week. At
    # Monday 00:00 a broadcast short of emergency waits for Sunday's (00:05, within the
    # tolerance), whatever its priority; an emergency plays at once and Sunday's gives way.
    # On a Wednesday night the same priority broadcast simply wins.
    items = {"b": ItemInfo("b", 600.0, N), "x": ItemInfo("x", 180.0, prio)}
    for day, boundary in ((MONDAY, True), (DAY, False)):
        rules = [
            {"kind": "daily", "times": ["23:55"], "item_ids": ["b"]},
            {"kind": "once", "at": day.replace(minute=2).isoformat(), "item_ids": ["x"]},
        ]
        schedule = Schedule.model_validate({"rules": rules, "policy": {"quiet_hours": None}})
        plan = expand(schedule, items, start=day - timedelta(days=1), end=day + timedelta(days=1))
        kept, dropped = plan_of(plan)
        eve = day - timedelta(minutes=5)
        if prio is E or (prio is P and not boundary):
            assert (day.replace(minute=2), day.replace(minute=5), "x") in kept, (day, kept)
            assert dropped == {(eve, "b"): "x"}, (day, dropped)
        else:
            assert kept[:2] == [
                (eve, day.replace(minute=5), "b"),
                (day.replace(minute=5), day.replace(minute=8), "x"),
            ], (day, kept)
            assert dropped == {}, (day, dropped)


def test_the_session_cap_worked_by_hand():
    # session_gap_s 300, max_session_minutes 20: a 07:40–07:50 opens a session (to 08:00);
    # b 07:54–08:04 is over the cap and dropped; c at 08:08 starts 18 min after a ended, so it
    # opens a session of its own and plays, although it starts 4 min after b would have ended.
    items = {
        "a": ItemInfo("a", 600.0, N),
        "b": ItemInfo("b", 600.0, N),
        "c": ItemInfo("c", 300.0, N),
    }
    rules = [
        {"kind": "daily", "times": [t], "item_ids": [i]}
        for t, i in (("07:40", "a"), ("07:54", "b"), ("08:08", "c"))
    ]
    plan = one_day(rules, items, session_gap_s=300.0, max_session_minutes=20)
    want = [(at(7, 40), at(7, 50), "a"), (at(8, 8), at(8, 13), "c")]
    assert plan_of(plan)[0] == want
    assert [(v.kind, v.entry.item_id) for v in plan.violations] == [("max_session", "b")]
    kept = [(a, z, n, N) for a, z, n in [*want[:1], (at(7, 54), at(8, 4), "b"), *want[1:]]]
    assert caps(kept, gap_s=300.0, max_session_min=20, max_per_day=None) == want


def touches_quiet(start: datetime, end: datetime) -> bool:
    """The default quiet hours [22:00, 05:00), minute by minute (times here are whole minutes)."""
    t = start
    while t < end:
        local = t.astimezone(VN)
        if local.hour >= 22 or local.hour < 5:
            return True
        t += timedelta(minutes=1) - timedelta(seconds=local.second)
    return False


@pytest.mark.parametrize("seed", range(40))
def test_quiet_hours_before_and_after_the_fit_and_emergencies_exempt(seed):
    # Broadcasts around 05:00 and 22:00: one queued into quiet hours is dropped there, and
    # what it displaced is not brought back; emergencies play through.
    rng = random.Random(2000 + seed)
    items = {
        f"i{k}": ItemInfo(f"i{k}", float(rng.choice([60, 120, 180, 300])), rng.choice([N, P, E]))
        for k in range(4)
    }
    rules, wants = [], []
    for r in range(rng.randint(8, 12)):
        start = DAY.replace(hour=rng.choice([4, 21]), minute=rng.randrange(40, 60))
        rule, want = daily(start, items[rng.choice(sorted(items))], r)
        rules.append(rule)
        wants.append(want)
    tol = rng.choice([60.0, 300.0])
    schedule = Schedule.model_validate({"rules": rules, "policy": {"queue_tolerance_s": tol}})
    plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1))
    prio = {w.name: w.prio for w in wants}
    fitted, _ = fit([w for w in wants if w.prio is E or not touches_quiet(w.start, w.end)], tol)
    want = [k for k in fitted if prio[k[2]] is E or not touches_quiet(k[0], k[1])]
    got = sorted((e.start, e.end, e.item_id) for e in plan.entries)
    context = describe(seed, wants, tol)
    assert [(hm(a), hm(b), n) for a, b, n in got] == [(hm(a), hm(b), n) for a, b, n in want], (
        context
    )
    assert all(v.kind == "quiet_hours" and v.entry.priority is not E for v in plan.violations)


def test_the_same_entries_in_another_order_give_the_same_plan():
    for seed in range(60):
        schedule, items, wants, tol = busy_day(seed, relays=True)
        plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1))
        kept, conflicts = resolve(
            [e for e in plan.entries if e.relay is None and e.delay_s == 0], tolerance_s=tol
        )
        rng = random.Random(seed)
        for _ in range(3):
            shuffled = [e for e in plan.entries if e.relay is None and e.delay_s == 0]
            rng.shuffle(shuffled)
            again, again_conflicts = resolve(shuffled, tolerance_s=tol)
            assert again == kept, describe(seed, wants, tol)
            assert again_conflicts == conflicts, describe(seed, wants, tol)
        # Rules listed in another order: the same broadcasts at the same times when no two
        # occurrences start together at one level (rule position breaks only those ties).
        starts = [(w.start, w.prio) for w in wants]
        if len(set(starts)) == len(starts):
            rules = list(schedule.rules)
            rng.shuffle(rules)
            other = schedule.model_copy(update={"rules": rules})
            replanned = expand(other, items, start=DAY, end=DAY + timedelta(days=1))
            assert plan_of(replanned) == plan_of(plan), describe(seed, wants, tol)


def test_the_plan_of_a_long_window_is_the_union_of_its_sub_windows():
    for seed in range(5):
        schedule, items, _, tol = busy_day(seed, relays=True)
        rules = [r.model_dump(mode="json") for r in schedule.rules]
        rules.append(
            {"kind": "relay", "relay": "tinh", "window": {"start": "23:40", "end": "00:40"}}
        )
        rules.append({"kind": "daily", "times": ["00:05"], "item_ids": [sorted(items)[0]]})
        whole_schedule = Schedule.model_validate(
            {"rules": rules, "policy": {"queue_tolerance_s": tol, "quiet_hours": None}}
        )
        lo, hi = MONDAY - timedelta(days=2), MONDAY + timedelta(days=2)
        whole = expand(whole_schedule, items, start=lo, end=hi)
        rng = random.Random(seed)
        cuts = sorted(
            {
                lo,
                hi,
                MONDAY,
                *(lo + timedelta(minutes=rng.randrange(0, 4 * 24 * 60)) for _ in range(3)),
            }
        )
        cuts += [e.start for e in whole.entries[:2]]
        cuts = sorted(set(cuts))
        parts = [expand(whole_schedule, items, start=a, end=b) for a, b in itertools.pairwise(cuts)]
        assert [e for p in parts for e in p.entries] == whole.entries, seed
        assert [c for p in parts for c in p.conflicts] == whole.conflicts, seed


@pytest.mark.parametrize("relay", [True, False], ids=["relay", "broadcast"])
def test_a_broadcast_dropped_behind_a_lower_priority_one_carried_into_monday_says_so(relay):
    # Sunday's normal broadcast (or relay window) plays on past Monday 00:00; Monday's priority
    # broadcast at 00:20 would wait 10 min for it and is dropped naming it. The reason must
    # not call the two "of equal priority" ("cùng mức ưu tiên"): it gives both priorities.
    items = {"n": ItemInfo("n", 3600.0, N), "p": ItemInfo("p", 120.0, P)}
    sunday = (
        {"kind": "relay", "relay": "vov1", "window": {"start": "23:30", "end": "00:30"}}
        if relay
        else {"kind": "daily", "times": ["23:30"], "item_ids": ["n"]}
    )
    rules = [
        sunday,
        {"kind": "once", "at": MONDAY.replace(minute=20).isoformat(), "item_ids": ["p"]},
    ]
    schedule = Schedule.model_validate({"rules": rules, "policy": {"quiet_hours": None}})
    plan = expand(schedule, items, start=MONDAY, end=MONDAY + timedelta(hours=1))
    (conflict,) = [c for c in plan.conflicts if c.entry.item_id == "p"]
    assert conflict.kind == "dropped" and conflict.other.priority is N
    assert "equal priority" not in conflict.reason, conflict.reason
    assert "cùng mức ưu tiên" not in conflict.reason_vi, conflict.reason_vi
    assert "(normal)" in conflict.reason and "(thông thường)" in conflict.reason_vi
    assert "600 s" in conflict.reason and "600 giây" in conflict.reason_vi

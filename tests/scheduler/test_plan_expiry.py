"""Two calendar defects that read the plan against what the unit will really start.

1. The bundle's expiry (`expires_at`): the unit starts nothing from the bundle at or after it
   (playout.core.unplayable), so the plan leaves those broadcasts out before fitting the
   others (violation "expired"). A priority notice at 07:02 in a bundle expiring at 07:01 made
   the plan drop the 07:00 bulletin ("overlaps priority"), and the unit then skipped the notice
   too: 07:00 was silent.
2. An emergency queued past the end of its approval: the unit skips it when it comes due, so
   the plan leaves it out after queuing (violation "approval"), and what was queued or dropped
   behind it plays at its own time.

Every instant is an argument (`start`, `end`, `expires_at`): the file passes with the wall
clock moved (tests/timeshift/run).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from content_library.types import Priority
from scheduler import ItemInfo, expand, parse_schedule
from scheduler.plan import Plan, plan_from_manifest

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P, E = Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY
DAY = datetime(2027, 3, 1, tzinfo=VN)  # a Monday
EXPIRES = datetime(2027, 3, 1, 7, 1, tzinfo=VN)


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute, second=second)


def got(plan: Plan) -> list[tuple[datetime, str]]:
    return [(e.start, e.item_id) for e in plan.entries]


LAST_MORNING = {
    "format": 1,
    "rules": [
        {"kind": "daily", "times": ["07:00"], "item_ids": ["ban-tin"]},
        {"kind": "daily", "times": ["07:02"], "item_ids": ["thong-bao"]},
    ],
    "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
}
LAST_MORNING_ITEMS = {
    "ban-tin": ItemInfo("ban-tin", 300.0),
    "thong-bao": ItemInfo("thong-bao", 120.0, P),
}


# ---- 1. the bundle's expiry -------------------------------------------------------------------


def test_a_slot_after_the_expiry_does_not_drop_a_broadcast_before_it():
    """Bundle expiring at 07:01: the 07:00 bulletin (to 07:05) plays; the 07:02 notice is left
    out, naming the expiry, and drops nothing."""
    schedule = parse_schedule(LAST_MORNING)
    plan = expand(
        schedule, LAST_MORNING_ITEMS, start=DAY, end=DAY + timedelta(days=2), expires_at=EXPIRES
    )
    assert got(plan) == [(at(7, 0), "ban-tin")]
    assert plan.conflicts == []
    # the next day's slots too, each said so (the unit logs them skipped)
    tuesday = timedelta(days=1)
    assert [(v.kind, v.entry.item_id, v.entry.start) for v in plan.violations] == [
        ("expired", "thong-bao", at(7, 2)),
        ("expired", "ban-tin", at(7, 0) + tuesday),
        ("expired", "thong-bao", at(7, 2) + tuesday),
    ]
    v = plan.violations[0]
    assert v.reason.endswith("the bundle expired at 2027-03-01T07:01:00+07:00")
    assert v.reason_vi.endswith("gói nội dung đã hết hạn lúc 2027-03-01T07:01:00+07:00")
    # nothing the next day: every slot starts after the expiry
    assert not [e for e in plan.entries if e.start >= EXPIRES]
    # without an expiry the notice wins, as before
    open_ended = expand(schedule, LAST_MORNING_ITEMS, start=DAY, end=DAY + timedelta(days=1))
    assert got(open_ended) == [(at(7, 2), "thong-bao")]


def test_an_entry_starting_exactly_at_the_expiry_is_left_out_and_one_just_before_plays():
    schedule = parse_schedule(LAST_MORNING)
    just = expand(
        schedule,
        LAST_MORNING_ITEMS,
        start=DAY,
        end=DAY + timedelta(days=1),
        expires_at=at(7, 2),
    )
    assert got(just) == [(at(7, 0), "ban-tin")]
    assert [v.kind for v in just.violations] == ["expired"]
    later = expand(
        schedule,
        LAST_MORNING_ITEMS,
        start=DAY,
        end=DAY + timedelta(days=1),
        expires_at=at(7, 2, 1),
    )
    assert got(later) == [(at(7, 2), "thong-bao")]


def test_a_scheduled_emergency_after_the_expiry_does_not_drop_what_plays_before_it():
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "daily", "times": ["07:00"], "item_ids": ["ban-tin"]},
                {"kind": "once", "at": "2027-03-01T07:02:00+07:00", "item_ids": ["khan"]},
            ],
            "policy": {"quiet_hours": None},
        }
    )
    items = {"ban-tin": ItemInfo("ban-tin", 300.0), "khan": ItemInfo("khan", 60.0, E)}
    plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1), expires_at=EXPIRES)
    assert got(plan) == [(at(7, 0), "ban-tin")]
    assert [(v.kind, v.entry.item_id) for v in plan.violations] == [("expired", "khan")]


def test_a_broadcast_queued_past_the_expiry_is_left_out():
    """Queued from 07:00 to 07:05 behind the 06:58 bulletin, in a bundle expiring at 07:03:
    the unit would skip it, so the plan does not hold 07:05 for it."""
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "daily", "times": ["06:58"], "item_ids": ["a"]},
                {"kind": "daily", "times": ["07:00"], "item_ids": ["b"]},
            ],
            "policy": {"quiet_hours": None},
        }
    )
    items = {"a": ItemInfo("a", 420.0), "b": ItemInfo("b", 60.0)}
    plan = expand(schedule, items, start=DAY, end=DAY + timedelta(hours=12), expires_at=at(7, 3))
    assert got(plan) == [(at(6, 58), "a")]
    [v] = plan.violations
    assert (v.kind, v.entry.item_id, v.entry.start) == ("expired", "b", at(7, 5))


def test_the_plan_with_an_expiry_is_the_same_cut_anywhere():
    schedule = parse_schedule(LAST_MORNING)
    whole = expand(
        schedule, LAST_MORNING_ITEMS, start=DAY, end=DAY + timedelta(days=2), expires_at=EXPIRES
    )
    cuts = [DAY, at(7, 0), at(7, 1, 30), at(12, 0), DAY + timedelta(days=2)]
    entries, violations = [], []
    for lo, hi in pairwise(cuts):
        part = expand(schedule, LAST_MORNING_ITEMS, start=lo, end=hi, expires_at=EXPIRES)
        entries += part.entries
        violations += part.violations
    assert entries == whole.entries
    assert violations == whole.violations


def test_loa_plan_reads_the_bundles_expiry():
    """`loa plan` (plan_from_manifest over manifest.json, expires_at as ISO 8601 text)."""
    manifest = {
        "expires_at": EXPIRES.isoformat(),
        "items": [
            {"id": "ban-tin", "duration_s": 300, "priority": "normal"},
            {"id": "thong-bao", "duration_s": 120, "priority": "priority"},
        ],
        "schedule": LAST_MORNING,
    }
    plan = plan_from_manifest(manifest, start=at(6, 0), hours=48)
    assert got(plan) == [(at(7, 0), "ban-tin")]
    assert [(v.kind, v.entry.item_id) for v in plan.violations] == [
        ("expired", "thong-bao"),
        ("expired", "ban-tin"),
        ("expired", "thong-bao"),
    ]


# ---- 2. an emergency queued past the end of its approval --------------------------------------


def test_an_emergency_queued_past_its_approval_is_left_out_and_keeps_nothing_waiting():
    """e1 08:00–08:10; e2 at 08:05, approved until 08:08, would be queued to 08:10 — the unit
    then skips it. It is left out there (violation "approval"), so the 08:10:00 bulletin (20 s)
    plays and e3 at 08:10:30 plays at its own time, not queued behind e2 to 08:11."""
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "once", "at": "2027-03-01T08:00:00+07:00", "item_ids": ["e1"]},
                {"kind": "once", "at": "2027-03-01T08:05:00+07:00", "item_ids": ["e2"]},
                {"kind": "once", "at": "2027-03-01T08:10:30+07:00", "item_ids": ["e3"]},
                {"kind": "once", "at": "2027-03-01T08:10:00+07:00", "item_ids": ["tin"]},
            ],
            "policy": {"quiet_hours": None},
        }
    )
    items = {
        "e1": ItemInfo("e1", 600.0, E),
        "e2": ItemInfo("e2", 60.0, E, valid_until=at(8, 8)),
        "e3": ItemInfo("e3", 60.0, E),
        "tin": ItemInfo("tin", 20.0),
    }
    plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1))
    assert got(plan) == [(at(8, 0), "e1"), (at(8, 10), "tin"), (at(8, 10, 30), "e3")]
    [v] = plan.violations
    assert (v.kind, v.entry.item_id, v.entry.start) == ("approval", "e2", at(8, 10))
    assert v.reason.endswith("its approval expired at 2027-03-01 08:08")
    # e2 was queued (said so), and nothing else was moved or dropped
    assert [(c.kind, c.entry.item_id) for c in plan.conflicts] == [("kept_both", "e2")]
    # the same, window by window
    parts = [
        expand(schedule, items, start=lo, end=hi)
        for lo, hi in [(DAY, at(8, 10)), (at(8, 10), at(8, 10, 30)), (at(8, 10, 30), at(23, 0))]
    ]
    assert [e for p in parts for e in p.entries] == plan.entries
    assert [x for p in parts for x in p.violations] == plan.violations


def test_an_emergency_queued_past_the_expiry_is_left_out():
    schedule = parse_schedule(
        {
            "rules": [
                {"kind": "once", "at": "2027-03-01T06:55:00+07:00", "item_ids": ["e1"]},
                {"kind": "once", "at": "2027-03-01T07:00:00+07:00", "item_ids": ["e2"]},
            ],
            "policy": {"quiet_hours": None},
        }
    )
    items = {"e1": ItemInfo("e1", 600.0, E), "e2": ItemInfo("e2", 60.0, E)}
    plan = expand(schedule, items, start=DAY, end=DAY + timedelta(days=1), expires_at=EXPIRES)
    assert got(plan) == [(at(6, 55), "e1")]
    assert [(v.kind, v.entry.item_id, v.entry.start) for v in plan.violations] == [
        ("expired", "e2", at(7, 5))
    ]

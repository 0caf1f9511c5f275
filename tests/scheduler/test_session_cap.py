"""max_session_minutes reads sessions on what is kept: a dropped broadcast does not hold one."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from content_library.types import Priority
from scheduler.policy import apply_caps, sessions
from scheduler.rules import AreaPolicy
from scheduler.timeline import PlanEntry, order_key
from scheduler.tz import TZ

DAY = datetime(2026, 3, 10, tzinfo=TZ)  # a Tuesday; only offsets from it matter


def at(hhmm: str, seconds: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return DAY + timedelta(hours=h, minutes=m, seconds=seconds)


def item(
    start: datetime, minutes: float, name: str, *, index: int = 0, priority: str = "normal"
) -> PlanEntry:
    return PlanEntry(
        start, start + timedelta(minutes=minutes), name, Priority(priority), rule_index=index
    )


def policy(**kw: object) -> AreaPolicy:
    return AreaPolicy(quiet_hours=None, session_gap_s=300, **kw)  # type: ignore[arg-type]


def played(entries: list[PlanEntry]) -> list[str]:
    return [e.item_id for e in entries]


def test_dropped_broadcast_does_not_join_the_next_into_its_session() -> None:
    entries = [
        item(at("07:00"), 50, "a"),
        item(at("07:52"), 18, "b", index=1),
        item(at("08:12"), 3, "c", index=2),
    ]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60))
    assert played(kept) == ["a", "c"]
    assert [(v.kind, v.entry.item_id) for v in violations] == [("max_session", "b")]
    assert "07:00" in violations[0].reason and "07:00" in violations[0].reason_vi


def test_gap_after_last_kept_exactly_session_gap_starts_a_new_session() -> None:
    # a ends 07:50; b (dropped) 07:51–08:10; c starts exactly 300 s after a ended.
    entries = [
        item(at("07:00"), 50, "a"),
        item(at("07:51"), 19, "b", index=1),
        item(at("07:55"), 20, "c", index=2),
    ]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60))
    assert played(kept) == ["a", "c"]
    assert [v.entry.item_id for v in violations] == ["b"]


def test_gap_after_last_kept_one_second_short_stays_in_the_session() -> None:
    entries = [
        item(at("07:00"), 50, "a"),
        item(at("07:51"), 19, "b", index=1),
        PlanEntry(at("07:54", 59), at("08:15"), "c", Priority.NORMAL, rule_index=2),
    ]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60))
    assert played(kept) == ["a"]
    assert [(v.kind, v.entry.item_id) for v in violations] == [
        ("max_session", "b"),
        ("max_session", "c"),
    ]
    assert all("07:00" in v.reason for v in violations)


def relay_piece(start: datetime, end: datetime, window_start: datetime, n: int) -> PlanEntry:
    return PlanEntry(
        start,
        end,
        "vov1",
        Priority.NORMAL,
        rule_index=5,
        repeat_index=n,
        relay="vov1",
        window_start=window_start,
    )


def test_relay_piece_resumed_after_an_emergency_stays_in_its_session() -> None:
    # The relay window 07:00–07:40 is cut by an emergency 07:10–07:30 (exempt from caps).
    # Its piece resumed at 07:30 is the same broadcast: in the session from 07:00, although
    # the dropped broadcast before it no longer holds anything together.
    window = at("07:00")
    entries = [
        relay_piece(at("07:00"), at("07:10"), window, 0),
        item(at("07:10"), 20, "alarm", index=9, priority="emergency"),
        item(at("07:12"), 60, "long", index=1),  # would end 08:12: dropped
        relay_piece(at("07:30"), at("07:40"), window, 1),
        item(at("07:44"), 10, "after", index=2),  # 4 min after the relay ends: same session
    ]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60, max_per_day=1))
    assert played(kept) == ["vov1", "alarm", "vov1", "after"]
    assert [(v.kind, v.entry.item_id) for v in violations] == [("max_session", "long")]


def test_relay_piece_past_the_cap_is_dropped_and_no_longer_holds_the_session() -> None:
    window = at("07:00")
    entries = [
        relay_piece(at("07:00"), at("07:10"), window, 0),
        item(at("07:10"), 40, "alarm", index=9, priority="emergency"),
        relay_piece(at("07:50"), at("08:05"), window, 1),  # past 07:00 + 60 min
        item(at("08:08"), 5, "x", index=1),  # 58 min after the last kept piece ended
    ]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60, max_per_day=2))
    assert played(kept) == ["vov1", "alarm", "x"]
    assert [(v.kind, v.entry.start) for v in violations] == [("max_session", at("07:50"))]


def test_max_per_day_counts_the_sessions_read_on_what_is_kept() -> None:
    entries = [
        item(at("07:00"), 50, "a"),
        item(at("07:52"), 18, "b", index=1),  # dropped by the cap
        item(at("08:12"), 3, "c", index=2),  # a session of its own once b is dropped
        item(at("09:00"), 5, "d", index=3),
    ]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60, max_per_day=2))
    assert played(kept) == ["a", "c"]
    assert [(v.kind, v.entry.item_id) for v in violations] == [
        ("max_session", "b"),
        ("max_per_day", "d"),
    ]
    kept, _ = apply_caps(entries, policy(max_session_minutes=60, max_per_day=3))
    assert played(kept) == ["a", "c", "d"]


def test_many_entries_stay_fast() -> None:
    # A rule every 2 minutes for 23 days, quiet hours off: one session by the gap alone.
    entries = [item(DAY + timedelta(minutes=2 * i), 1.5, f"r{i}") for i in range(23 * 720)]
    kept, violations = apply_caps(entries, policy(max_session_minutes=60))
    assert len(kept) + len(violations) == len(entries)
    assert 0 < len(kept) < len(entries)


def reference(entries: list[PlanEntry], p: AreaPolicy) -> tuple[list[PlanEntry], list[PlanEntry]]:
    """The fault's reading, spelled out slowly: drop the first entry of a session past the
    cap (a relay piece with the later pieces of its window: a relay dropped does not resume),
    group what is left of it again with `sessions()`, repeat."""
    assert p.max_session_minutes is not None
    limit = timedelta(minutes=p.max_session_minutes)
    todo = sessions(entries, gap_s=p.session_gap_s)
    kept: list[PlanEntry] = []
    dropped: list[PlanEntry] = []
    cut: set[tuple[str | None, int | None, datetime | None]] = set()
    while todo:
        group = todo.pop(0)
        bad = next((e for e in group if e.end > group[0].start + limit), None)
        if bad is None:
            kept.extend(group)
            continue
        dropped.append(bad)
        if bad.relay is not None:
            cut.add((bad.relay, bad.rule_index, bad.window_start))
        rest = [e for e in group if e is not bad]
        gone = [
            e
            for e in rest
            if e.relay is not None
            and (e.relay, e.rule_index, e.window_start) in cut
            and e.start > bad.start
        ]
        dropped.extend(gone)
        todo[:0] = sessions([e for e in rest if e not in gone], gap_s=p.session_gap_s)
    return sorted(kept, key=order_key), dropped


def test_matches_dropping_and_regrouping_one_at_a_time() -> None:
    rng = random.Random(23)
    for _ in range(400):
        entries: list[PlanEntry] = []
        t = at("06:00")
        for i in range(rng.randint(1, 12)):
            t += timedelta(minutes=rng.choice([0, 1, 2, 4, 5, 6, 9, 15]))
            if rng.random() < 0.25:
                w = t
                first = t + timedelta(minutes=rng.randint(1, 10))
                gap = timedelta(minutes=rng.randint(1, 30))
                second = first + gap
                entries.append(relay_piece(w, first, w, 0))
                entries.append(
                    PlanEntry(first, second, f"e{i}", Priority.EMERGENCY, rule_index=20 + i)
                )
                end = second + timedelta(minutes=rng.randint(1, 15))
                entries.append(
                    PlanEntry(
                        second, end, "vov1", Priority.NORMAL, 5, 1, relay="vov1", window_start=w
                    )
                )
                t = end
            else:
                entries.append(item(t, rng.choice([1, 3, 8, 12, 25]), f"i{i}", index=i))
                t += timedelta(minutes=rng.randint(0, 10))
        p = policy(max_session_minutes=rng.choice([10, 20, 30, 45]))
        kept, violations = apply_caps(entries, p)
        want_kept, want_dropped = reference(entries, p)
        assert [e for e in kept if not e.is_emergency] == want_kept
        assert sorted((v.entry for v in violations), key=order_key) == sorted(
            want_dropped, key=order_key
        )

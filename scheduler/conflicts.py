"""Conflict resolution on one output: emergencies queue one after another, then higher
priority wins and equal priority queues or loses.

A relay window is not dropped for a higher-priority broadcast inside it: it is cut around
it (the relay stops for the emergency and resumes after it, conflict "preempted"), pieces
shorter than RELAY_MIN_PIECE_S left out. Kept waiting behind an equal-priority broadcast,
a relay starts late and still ends with its window (a live programme does not wait).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from content_library.types import Priority

from .timeline import Conflict, PlanEntry, Violation, nfc, order_key
from .tz import human_en, human_vi

# A piece of a relay window shorter than this is not worth reconnecting for.
RELAY_MIN_PIECE_S = 60.0


class _Placed:
    """Entries kept so far, sorted by start, with an overlap query in O(log n + k)."""

    def __init__(self) -> None:
        self._starts: list[datetime] = []
        self._entries: list[PlanEntry] = []
        self._longest = timedelta(0)

    def add(self, entry: PlanEntry) -> None:
        i = bisect_left(self._starts, entry.start)
        self._starts.insert(i, entry.start)
        self._entries.insert(i, entry)
        self._longest = max(self._longest, entry.duration)

    def overlapping(self, start: datetime, end: datetime) -> list[PlanEntry]:
        found = []
        j = bisect_left(self._starts, end) - 1  # entries starting before `end`
        floor = start - self._longest  # nothing starting earlier can reach `start`
        while j >= 0 and self._starts[j] >= floor:
            e = self._entries[j]
            if e.end > start:
                found.append(e)
            j -= 1
        found.sort(key=order_key)
        return found

    def entries(self) -> list[PlanEntry]:
        return list(self._entries)


def queue_emergencies(
    entries: Iterable[PlanEntry],
    *,
    check: Callable[[PlanEntry], Violation | None] | None = None,
) -> tuple[list[PlanEntry | None], list[Conflict], list[Violation]]:
    """Emergencies one after another, earliest first: never dropped for another, never cut
    short.

    An emergency cannot pre-empt another one (the unit waits for the first to end), so one
    that overlaps the emergency before it is moved to start when that one ends
    (`delay_s` says by how much) and reported as a "kept_both" conflict. `check` judges each
    at the start it is placed at (its approval window, the bundle's expiry): one it refuses
    there is left out (None in its place, with the violation), as the unit skips it when it
    comes due, and keeps none behind it waiting. Returns one per entry, in start order.
    """
    placed: list[PlanEntry | None] = []
    conflicts: list[Conflict] = []
    violations: list[Violation] = []
    ahead: PlanEntry | None = None  # the last one that plays: placed back to back, it ends last
    for entry in sorted(entries, key=order_key):
        here = entry
        found = None
        if ahead is not None and ahead.end > entry.start:
            here = entry.moved_to(ahead.end, delay_s=(ahead.end - entry.start).total_seconds())
            found = _both_emergency(entry, ahead, here)
        refused = check(here) if check is not None else None
        if found is not None:
            conflicts.append(found)
        if refused is not None:
            violations.append(refused)
            placed.append(None)
            continue
        placed.append(here)
        ahead = here
    return placed, conflicts, violations


def fit_below(
    entries: Iterable[PlanEntry], *, occupants: Iterable[PlanEntry], tolerance_s: float
) -> tuple[list[PlanEntry], list[Conflict]]:
    """Fit priority, then normal entries around `occupants` (emergencies already placed).

    Each level, earliest first: an entry that overlaps a higher-priority one is dropped; one
    that overlaps an equal-priority one is queued right after it if that delays it by at most
    `tolerance_s`, otherwise dropped. Returns the entries kept (not the occupants) sorted by
    start and the conflicts in the order found.
    """
    ordered = sorted(entries, key=order_key)
    placed = _Placed()
    for occupant in occupants:
        placed.add(occupant)
    kept: list[PlanEntry] = []
    conflicts: list[Conflict] = []
    tolerance = timedelta(seconds=tolerance_s)

    for level in (Priority.PRIORITY, Priority.NORMAL):
        for entry in ordered:
            if entry.priority is not level:
                continue
            if entry.relay is not None:
                pieces, found = _fit_relay(entry, placed, tolerance)
                kept += pieces
                conflicts += found
                continue
            current = entry
            while True:
                over = placed.overlapping(current.start, current.end)
                if not over:
                    placed.add(current)
                    kept.append(current)
                    break
                higher = [o for o in over if o.priority.rank > level.rank]
                if higher:
                    conflicts.append(_outranked(entry, higher[0]))
                    break
                new_start = max(o.end for o in over)
                if new_start - entry.start > tolerance:
                    conflicts.append(_too_late(entry, over[0], new_start - entry.start, tolerance))
                    break
                current = entry.moved_to(
                    new_start, delay_s=(new_start - entry.start).total_seconds()
                )

    return sorted(kept, key=order_key), conflicts


def _fit_relay(
    entry: PlanEntry, placed: _Placed, tolerance: timedelta
) -> tuple[list[PlanEntry], list[Conflict]]:
    """The pieces of relay window `entry` around what is placed (adds them to `placed`)."""
    minimum = timedelta(seconds=RELAY_MIN_PIECE_S)
    higher = [
        o
        for o in placed.overlapping(entry.start, entry.end)
        if o.priority.rank > entry.priority.rank
    ]
    spans: list[tuple[datetime, datetime]] = []
    cursor = entry.start
    for o in sorted(higher, key=order_key):
        if o.start > cursor:
            spans.append((cursor, o.start))
        cursor = max(cursor, o.end)
    if cursor < entry.end:
        spans.append((cursor, entry.end))
    spans = [(lo, hi) for lo, hi in spans if hi - lo >= minimum]
    if not spans:  # wholly covered (a window is at least a minute long)
        return [], [_outranked(entry, higher[0])] if higher else []
    conflicts = [_preempted(entry, o) for o in higher]
    kept: list[PlanEntry] = []
    for n, (lo, hi) in enumerate(spans):
        piece = replace(entry, start=lo, end=hi, repeat_index=n)
        current = piece
        while True:
            over = placed.overlapping(current.start, current.end)
            if not over:
                placed.add(current)
                kept.append(current)
                break
            new_start = max(o.end for o in over)
            if new_start - piece.start > tolerance or piece.end - new_start < minimum:
                conflicts.append(_too_late(piece, over[0], new_start - piece.start, tolerance))
                break
            current = piece.moved_to(new_start, delay_s=(new_start - piece.start).total_seconds())
    return kept, conflicts


def resolve(
    entries: Iterable[PlanEntry], *, tolerance_s: float
) -> tuple[list[PlanEntry], list[Conflict]]:
    """Make the entries fit one output: nothing kept overlaps anything else kept.

    Emergencies are queued one after another first (`queue_emergencies`), then the lower
    levels are fitted around them (`fit_below`). Returns the kept entries sorted by start and
    the conflicts in the order found.
    """
    entries = list(entries)
    queued, conflicts, _ = queue_emergencies(e for e in entries if e.is_emergency)
    emergencies = [e for e in queued if e is not None]
    kept, more = fit_below(
        (e for e in entries if not e.is_emergency), occupants=emergencies, tolerance_s=tolerance_s
    )
    return sorted(emergencies + kept, key=order_key), conflicts + more


def _both_emergency(entry: PlanEntry, other: PlanEntry, moved: PlanEntry) -> Conflict:
    return Conflict(
        kind="kept_both",
        entry=entry,
        other=other,
        reason=(
            f"emergency {entry.what_en} at {human_en(entry.start)} overlaps emergency "
            f"{other.what_en}; both kept: {entry.what_en} plays when {other.what_en} "
            f"ends, at {human_en(moved.start)}"
        ),
        reason_vi=nfc(
            f"Bản tin khẩn cấp {entry.what_vi} lúc {human_vi(entry.start)} trùng giờ với "
            f"bản tin khẩn cấp {other.what_vi}; giữ cả hai: {entry.what_vi} phát khi "
            f"{other.what_vi} kết thúc, lúc {human_vi(moved.start)}"
        ),
    )


def _outranked(entry: PlanEntry, other: PlanEntry) -> Conflict:
    return Conflict(
        kind="dropped",
        entry=entry,
        other=other,
        reason=(
            f"dropped {entry.what_en} ({entry.priority.value}) at {human_en(entry.start)}: "
            f"overlaps higher-priority {other.what_en} ({other.priority.value})"
        ),
        reason_vi=nfc(
            f"Bỏ {entry.what_vi} ({entry.priority.label_vi}) lúc {human_vi(entry.start)}: "
            f"trùng giờ với {other.what_vi} có mức ưu tiên cao hơn ({other.priority.label_vi})"
        ),
    )


def _too_late(
    entry: PlanEntry, other: PlanEntry, delay: timedelta, tolerance: timedelta
) -> Conflict:
    """Dropped: waiting for `other` would take longer than the tolerance. `other` is of
    equal priority, or of lower priority when it plays on from the block before (carried
    across a forced Monday 00:00): then both priorities are named, not "equal"."""
    wait, limit = round(delay.total_seconds()), round(tolerance.total_seconds())
    if other.priority is entry.priority:
        other_en = f"{other.what_en} of equal priority"
        other_vi = f"{other.what_vi} cùng mức ưu tiên,"
    else:
        other_en = (
            f"{other.what_en} ({other.priority.value}) still playing from before it, "
            f"{entry.what_en} being {entry.priority.value},"
        )
        other_vi = (
            f"{other.what_vi} ({other.priority.label_vi}) đang phát từ trước, "
            f"{entry.what_vi} là tin {entry.priority.label_vi},"
        )
    return Conflict(
        kind="dropped",
        entry=entry,
        other=other,
        reason=(
            f"dropped {entry.what_en} at {human_en(entry.start)}: overlaps {other_en} "
            f"and would wait {wait} s, more than the {limit} s tolerance"
        ),
        reason_vi=nfc(
            f"Bỏ {entry.what_vi} lúc {human_vi(entry.start)}: trùng giờ với {other_vi} "
            f"phải chờ {wait} giây, quá mức cho phép {limit} giây"
        ),
    )


def _preempted(entry: PlanEntry, other: PlanEntry) -> Conflict:
    return Conflict(
        kind="preempted",
        entry=entry,
        other=other,
        reason=(
            f"{entry.what_en} from {human_en(entry.start)} stops for {other.what_en} "
            f"({other.priority.value}) at {human_en(other.start)} and resumes after it"
        ),
        reason_vi=nfc(
            f"Tiếp sóng {entry.relay!r} từ {human_vi(entry.start)} tạm dừng cho "
            f"{other.what_vi} ({other.priority.label_vi}) lúc {human_vi(other.start)} "
            "và tiếp tục sau đó"
        ),
    )

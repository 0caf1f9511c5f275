"""The plain values a plan is made of: items, entries, conflicts, violations, the plan."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from content_library.types import Priority

from .errors import ScheduleError
from .tz import iso, require_aware

MAX_ITEM_S = 24 * 3600  # an item longer than a day is a wrong duration, not a bulletin


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """What the scheduler needs to know of a bundle item (built from the manifest)."""

    id: str
    duration_s: float
    priority: Priority = Priority.NORMAL
    title: str = ""
    # The item's approval window [valid_from, valid_until) (None: open on that side): the unit
    # never starts it outside it, so the plan gives its slots up (violation "approval").
    valid_from: datetime | None = None
    valid_until: datetime | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ScheduleError("item id is empty", "mã bản tin trống")
        for name in ("valid_from", "valid_until"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, require_aware(value, f"item {self.id!r} {name}"))
        number = isinstance(self.duration_s, int | float) and not isinstance(self.duration_s, bool)
        if not (number and 0 < self.duration_s <= MAX_ITEM_S):  # also refuses NaN, infinity
            raise ScheduleError(
                f"item {self.id!r}: duration must be more than 0 and at most {MAX_ITEM_S} s "
                f"(got {self.duration_s})",
                f"bản tin {self.id!r}: thời lượng phải lớn hơn 0 và không quá {MAX_ITEM_S} giây "
                f"(nhận {self.duration_s})",
            )
        try:
            object.__setattr__(self, "priority", Priority(self.priority))
        except ValueError:
            raise ScheduleError(
                f"item {self.id!r}: unknown priority {self.priority!r}",
                f"bản tin {self.id!r}: mức ưu tiên không hợp lệ {self.priority!r}",
            ) from None

    @property
    def is_emergency(self) -> bool:
        return self.priority is Priority.EMERGENCY


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One broadcast of one item, or one relay window: [start, end) in Asia/Ho_Chi_Minh.

    rule_index is the position in Schedule.rules, None for the loop playlist and for an
    unscheduled emergency played at `now`. delay_s > 0 when it was queued behind an
    equal-priority broadcast (an emergency behind another emergency: start and end are then
    when it plays, not when it was scheduled).

    `relay` is set (the channel id of the bundle's `relays`; `item_id` is then the same id)
    when the unit relays that channel's stream over [start, end) instead of playing an item:
    start is the window's start and the duration its length. A window interrupted by a
    higher-priority broadcast (an emergency) comes as pieces, the relay resuming after it:
    `repeat_index` counts the pieces of one window, and a piece after the first starts when
    the broadcast that interrupted it ends. A relay kept waiting behind an equal-priority
    broadcast starts late (`delay_s`) and still ends with its window: a live programme does
    not wait. `window_start` is when the window of a relay entry (or piece) opens: its pieces
    are one broadcast, of the day it opens, for weekdays and sessions.
    """

    start: datetime
    end: datetime
    item_id: str
    priority: Priority
    rule_index: int | None = None
    repeat_index: int = 0
    delay_s: float = 0.0
    relay: str | None = None
    window_start: datetime | None = None

    @property
    def is_emergency(self) -> bool:
        return self.priority is Priority.EMERGENCY

    @property
    def what_en(self) -> str:
        """How messages name it: the item id, or "relay 'vov1'"."""
        return f"relay {self.relay!r}" if self.relay is not None else repr(self.item_id)

    @property
    def what_vi(self) -> str:
        return f"tiếp sóng {self.relay!r}" if self.relay is not None else repr(self.item_id)

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def overlaps(self, other: PlanEntry) -> bool:
        return self.start < other.end and other.start < self.end

    def moved_to(self, start: datetime, *, delay_s: float) -> PlanEntry:
        """Queued to `start`; a relay is cut to start there (its window's end does not move)."""
        if self.relay is not None:
            return replace(self, start=start, delay_s=delay_s)
        return replace(self, start=start, end=start + self.duration, delay_s=delay_s)

    def to_json(self) -> dict[str, str]:
        """The `loa plan` line: start, end, item, priority (and relay, for a relay window)."""
        out = {
            "start": iso(self.start),
            "end": iso(self.end),
            "item": self.item_id,
            "priority": self.priority.value,
        }
        if self.relay is not None:
            out["relay"] = self.relay
        return out


ConflictKind = Literal["dropped", "kept_both", "preempted"]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two broadcasts wanted the output at once. `entry` lost (as scheduled), `other` won.

    kind "kept_both" is for two emergencies: neither is dropped; `entry` (as scheduled) waits
    for `other` to end, as the unit does, and plays then. kind "preempted" is for a relay
    window (`entry`, as scheduled) that the higher-priority `other` interrupts: the relay
    stops for it and resumes after it while the window is still open.
    """

    kind: ConflictKind
    entry: PlanEntry
    other: PlanEntry
    reason: str
    reason_vi: str

    @property
    def at(self) -> datetime:
        return self.entry.start


ViolationKind = Literal[
    "quiet_hours", "weekday", "max_per_day", "max_session", "loop_stopped", "approval", "expired"
]


@dataclass(frozen=True, slots=True)
class Violation:
    """An entry dropped because the area's policy forbids it."""

    kind: ViolationKind
    entry: PlanEntry
    reason: str
    reason_vi: str

    @property
    def at(self) -> datetime:
        return self.entry.start


@dataclass(slots=True)
class Plan:
    """The timeline for [start, end): entries sorted by start, and what was left out."""

    start: datetime
    end: datetime
    entries: list[PlanEntry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


def order_key(entry: PlanEntry) -> tuple[datetime, int, int, int, str]:
    """Deterministic order: time, then higher priority first, then rule position."""
    rule = -1 if entry.rule_index is None else entry.rule_index
    return (entry.start, -entry.priority.rank, rule, entry.repeat_index, entry.item_id)

"""Raw occurrences: each rule's fire times → entries (items × repeats), generated on demand.

A firing at `f` makes entries that start in [f, f + span), span being the sum over the
rule's items of repeat × (duration + gap_s) (a relay rule's firing makes one entry, its
window). So every entry starting in [lo, hi) comes from
a fire time in [lo - span, hi): that is the range asked of the trigger, and only entries
starting in [lo, hi) are kept. `Occurrences` holds such a range and grows it when asked,
so that a plan looks only as far as it has to.

A rule's campaign dates and days off are per firing (the local date it fires on), so they
narrow the range of fire times asked of its triggers, before anything is made: a firing on a
day off makes no entry, not even those of it that start after midnight.

Quiet hours, weekdays, the items' approval windows and the bundle's expiry are per entry, so
they are applied here, as entries are made; emergencies are exempt from quiet hours and
weekdays, not from approvals or the expiry.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from content_library.types import Priority

from .days_off import DayRange, on_spans
from .errors import ScheduleError
from .policy import (
    drop_after_expiry,
    drop_disallowed_weekdays,
    drop_outside_approval,
    drop_quiet_hours,
)
from .rules import OnceRule, RelayRule, Rule, Schedule
from .timeline import ItemInfo, PlanEntry, Violation, order_key
from .tz import TZ, at_local

_DAY = timedelta(days=1)


def fire_times(trigger: BaseTrigger, lo: datetime, hi: datetime) -> Iterator[datetime]:
    """Every fire time of an APScheduler trigger in [lo, hi), `now` passed in (no clock).

    A CronTrigger is asked once per day it fires on, not once per firing: its date fields
    (year … day_of_week) choose the days and its clock fields (hour, minute, second) the same
    times on each of them — both read by APScheduler itself. A day whose UTC offset changes
    (none in Asia/Ho_Chi_Minh since 1975) is walked firing by firing, as any other trigger."""
    if isinstance(trigger, CronTrigger) and not trigger.jitter:
        yield from _cron_fire_times(trigger, lo, hi)
        return
    yield from _each_fire_time(trigger, lo, hi)


def _each_fire_time(trigger: BaseTrigger, lo: datetime, hi: datetime) -> Iterator[datetime]:
    previous = None
    now = lo
    while True:
        nxt = trigger.get_next_fire_time(previous, now)
        if nxt is None or nxt >= hi:
            return
        if nxt >= lo:
            yield nxt.astimezone(TZ)
        previous = now = nxt


_DATE_FIELDS = ("year", "month", "day", "week", "day_of_week")
_CLOCK_FIELDS = ("hour", "minute", "second")


@lru_cache(maxsize=256)
def _times_of_day(hour: str, minute: str, second: str) -> tuple[timedelta, ...]:
    """Offsets from midnight of every firing of these clock fields in a day: each field's
    values read by APScheduler (the field alone, the others at 0), then every combination."""
    midnight = datetime(2001, 1, 1, tzinfo=UTC)

    def values(**field: str) -> list[timedelta]:
        alone = CronTrigger(**({"hour": "0", "minute": "0", "second": "0"} | field), timezone=UTC)
        return [f - midnight for f in _each_fire_time(alone, midnight, midnight + _DAY)]

    hours, minutes, seconds = values(hour=hour), values(minute=minute), values(second=second)
    return tuple(sorted(h + m + s for h in hours for m in minutes for s in seconds))


def _cron_fire_times(trigger: CronTrigger, lo: datetime, hi: datetime) -> Iterator[datetime]:
    fields = {f.name: str(f) for f in trigger.fields}
    clock = _times_of_day(*(fields[n] for n in _CLOCK_FIELDS))
    if not clock:
        return
    tz = trigger.timezone
    first = clock[0]
    # fires once on each day the date fields allow: at that day's first time
    days = CronTrigger(
        **{n: fields[n] for n in _DATE_FIELDS},
        hour=first.seconds // 3600,
        minute=first.seconds // 60 % 60,
        second=first.seconds % 60,
        timezone=tz,
    )
    start, end = trigger.start_date, trigger.end_date
    day = datetime.combine(lo.astimezone(tz).date(), datetime.min.time(), tz)
    while day < hi:
        fired = days.get_next_fire_time(None, day)
        if fired is None or fired >= hi:
            return
        day = datetime.combine(fired.astimezone(tz).date(), datetime.min.time(), tz)
        following = datetime.combine(day.date() + _DAY, datetime.min.time(), tz)
        if day.utcoffset() != following.utcoffset():  # a change of offset that day
            times: Iterator[datetime] = _each_fire_time(trigger, max(lo, day), min(hi, following))
        else:
            times = (day + t for t in clock)
        for t in times:
            if lo <= t < hi and (start is None or t >= start) and (end is None or t <= end):
                yield t.astimezone(TZ)
        day = following


def _days_off(rule: Rule) -> tuple[DayRange, ...]:
    return rule.day_ranges() if not isinstance(rule, OnceRule) else ()


def _fire_range(rule: Rule, lo: datetime, hi: datetime) -> tuple[datetime, datetime]:
    """[lo, hi) narrowed to the rule's campaign dates (inclusive local dates)."""
    start_date = getattr(rule, "start_date", None)
    end_date = getattr(rule, "end_date", None)
    if start_date is not None:
        lo = max(lo, at_local(start_date))
    # The last day of the calendar (31/12/9999, typed for "no end") has no next midnight:
    # it bounds nothing a plan can reach, so it is open-ended like an empty end date.
    if end_date is not None and end_date < date.max:
        hi = min(hi, at_local(end_date + timedelta(days=1)))
    return lo, hi


def firing_span(rule: Rule, items: Mapping[str, ItemInfo]) -> timedelta:
    """How long after its fire time one firing of `rule` may still start an entry."""
    if isinstance(rule, RelayRule):
        return rule.window.length()
    gap = timedelta(seconds=rule.gap_s)
    return sum(
        ((timedelta(seconds=items[i].duration_s) + gap) * rule.repeat for i in rule.item_ids),
        timedelta(0),
    )


class Occurrences:
    """The entries that `schedule`'s rules make, emergencies or the others, by start.

    `cover(lo, hi)` makes sure every such entry starting in [lo, hi) is here; `kept` and
    `violations` (quiet hours, weekdays, approvals, the bundle's expiry `expires_at`) between
    two instants are then complete. More than `limit` entries made is a ScheduleError: a rule
    firing every minute for a year is a typo.
    """

    def __init__(
        self,
        schedule: Schedule,
        items: Mapping[str, ItemInfo],
        *,
        emergencies: bool,
        limit: int,
        expires_at: datetime | None = None,
    ) -> None:
        self._items = items
        self._expires_at = expires_at
        self._policy = schedule.policy
        self._emergencies = emergencies
        self._limit = limit
        self._made = 0
        self._rules = [
            (index, rule, firing_span(rule, items), rule.triggers(), _days_off(rule))
            for index, rule in enumerate(schedule.rules)
            if any(items[i].is_emergency == emergencies for i in rule.item_ids)
            or (isinstance(rule, RelayRule) and not emergencies)
        ]
        self.lo: datetime | None = None
        self.hi: datetime | None = None
        self._kept: list[PlanEntry] = []
        self._kept_starts: list[datetime] = []
        self._violations: list[Violation] = []
        self._violation_starts: list[datetime] = []

    @property
    def empty(self) -> bool:
        """No rule makes entries of this kind."""
        return not self._rules

    def cover(self, lo: datetime, hi: datetime) -> None:
        if self.lo is None or self.hi is None:
            self._make(lo, hi)
            self.lo, self.hi = lo, hi
            return
        if lo < self.lo:
            self._make(lo, self.lo)
            self.lo = lo
        if hi > self.hi:
            self._make(self.hi, hi)
            self.hi = hi

    def kept(self, lo: datetime, hi: datetime) -> list[PlanEntry]:
        """Entries starting in [lo, hi) that quiet hours and weekdays let through."""
        self._check(lo, hi)
        return self._kept[bisect_left(self._kept_starts, lo) : bisect_left(self._kept_starts, hi)]

    def violations(self, lo: datetime, hi: datetime) -> list[Violation]:
        self._check(lo, hi)
        starts = self._violation_starts
        return self._violations[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def _check(self, lo: datetime, hi: datetime) -> None:
        if lo < hi and (self.lo is None or self.hi is None or lo < self.lo or hi > self.hi):
            raise AssertionError(
                f"[{lo}, {hi}) asked of occurrences covering [{self.lo}, {self.hi})"
            )

    def _make(self, lo: datetime, hi: datetime) -> None:
        if lo >= hi:
            return
        made = []
        for index, rule, span, triggers, days_off in self._rules:
            fire_lo, fire_hi = _fire_range(rule, lo - span, hi)
            if fire_lo >= fire_hi:
                continue
            fired_at = (
                fired
                for trigger in triggers
                for on_lo, on_hi in on_spans(days_off, fire_lo, fire_hi)
                for fired in fire_times(trigger, on_lo, on_hi)
            )
            for fired in fired_at:
                for entry in self._firing(index, rule, fired):
                    if lo <= entry.start < hi and entry.is_emergency == self._emergencies:
                        made.append(entry)
                        self._made += 1
                        if self._made > self._limit:
                            # Rules are numbered from 1, as every other refusal names
                            # them ("rule 0" sent the operator to no rule, or the one before).
                            raise ScheduleError(
                                f"the schedule makes more than {self._limit} broadcasts in "
                                f"this window; check rule {index + 1}",
                                f"lịch phát tạo quá {self._limit} lượt phát trong khoảng "
                                f"này; kiểm tra quy tắc số {index + 1}",
                            )
        made.sort(key=order_key)
        made, violations = drop_outside_approval(made, self._items)
        made, more = drop_after_expiry(made, self._expires_at)
        violations += more
        if not self._emergencies:
            made, more = drop_quiet_hours(made, self._policy)
            violations += more
            made, more = drop_disallowed_weekdays(made, self._policy)
            violations += more
        violations.sort(key=lambda v: order_key(v.entry))
        # [lo, hi) lies wholly before or after what is here: joining keeps the order.
        if self.hi is not None and lo >= self.hi:
            self._kept += made
            self._violations += violations
        else:
            self._kept[:0] = made
            self._violations[:0] = violations
        self._kept_starts = [e.start for e in self._kept]
        self._violation_starts = [v.entry.start for v in self._violations]

    def _firing(self, index: int, rule: Rule, fired: datetime) -> Iterator[PlanEntry]:
        if isinstance(rule, RelayRule):
            yield PlanEntry(
                start=fired,
                end=fired + rule.window.length(),
                item_id=rule.relay,
                priority=Priority(rule.priority),
                rule_index=index,
                relay=rule.relay,
                window_start=fired,
            )
            return
        gap = timedelta(seconds=rule.gap_s)
        cursor = fired
        for item_id in rule.item_ids:
            item = self._items[item_id]
            length = timedelta(seconds=item.duration_s)
            for r in range(rule.repeat):
                yield PlanEntry(
                    start=cursor,
                    end=cursor + length,
                    item_id=item_id,
                    priority=item.priority,
                    rule_index=index,
                    repeat_index=r,
                )
                cursor = cursor + length + gap

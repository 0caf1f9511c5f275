"""Schedule expansion: rules + items + a window → the timeline one unit plays (pure, no clock)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger

from content_library.types import Priority

from .conflicts import resolve
from .errors import ScheduleError
from .policy import apply_caps, drop_disallowed_weekdays, drop_quiet_hours, quiet_overlap
from .rules import LoopPlaylist, Schedule, parse_schedule
from .timeline import Conflict, ItemInfo, Plan, PlanEntry, Violation, nfc, order_key
from .tz import TZ, at_local, day_start, human_en, human_vi, next_day_start, require_aware

__all__ = [
    "Conflict",
    "ItemInfo",
    "Plan",
    "PlanEntry",
    "Violation",
    "expand",
    "expand_loop",
    "fire_times",
    "items_from_manifest",
    "plan_from_manifest",
    "schedule_from_manifest",
    "resolve",
]

MAX_HOURS = 24 * 400  # a window longer than a year and a bit is a mistake, not a plan
# A unit is a Raspberry Pi: a rule firing every minute for a year is a typo, not a schedule.
MAX_OCCURRENCES = 200_000


def fire_times(trigger: BaseTrigger, lo: datetime, hi: datetime) -> Iterator[datetime]:
    """Every fire time of an APScheduler trigger in [lo, hi), `now` passed in (no clock)."""
    previous = None
    now = lo
    while True:
        nxt = trigger.get_next_fire_time(previous, now)
        if nxt is None or nxt >= hi:
            return
        if nxt >= lo:
            yield nxt.astimezone(TZ)
        previous = now = nxt


def _rule_span(rule, lo: datetime, hi: datetime) -> tuple[datetime, datetime]:
    start_date = getattr(rule, "start_date", None)
    end_date = getattr(rule, "end_date", None)
    if start_date is not None:
        lo = max(lo, at_local(start_date))
    if end_date is not None:
        hi = min(hi, at_local(end_date + timedelta(days=1)))
    return lo, hi


def _occurrences(
    schedule: Schedule, items: Mapping[str, ItemInfo], lo: datetime, hi: datetime
) -> Iterator[PlanEntry]:
    for index, rule in enumerate(schedule.rules):
        span_lo, span_hi = _rule_span(rule, lo, hi)
        if span_lo >= span_hi:
            continue
        gap = timedelta(seconds=rule.gap_s)
        for trigger in rule.triggers():
            for fired in fire_times(trigger, span_lo, span_hi):
                cursor = fired
                for item_id in rule.item_ids:
                    item = items[item_id]
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


def _window(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    start = require_aware(start, "start")
    end = require_aware(end, "end")
    if end <= start:
        raise ScheduleError(
            f"window end {end.isoformat()} is not after start {start.isoformat()}",
            f"thời điểm kết thúc {end.isoformat()} không sau thời điểm bắt đầu {start.isoformat()}",
        )
    return start, end


def expand(
    schedule: Schedule,
    items: Mapping[str, ItemInfo],
    *,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> Plan:
    """The plan for entries starting in [start, end).

    Rules are expanded over whole local days around the window (from the day before
    `start`) so that caps per day and conflicts come out the same whatever window is asked
    for; the result is then clipped. `now`, if given, is when emergency items that no rule
    schedules play (khẩn cấp = now). The loop playlist is not on the timeline: see
    `expand_loop`.
    """
    start, end = _window(start, end)
    schedule.check_items(items.keys())
    lo = day_start(start) - timedelta(days=1)
    hi = next_day_start(end - timedelta(microseconds=1))

    raw = []
    for entry in _occurrences(schedule, items, lo, hi):
        raw.append(entry)
        if len(raw) > MAX_OCCURRENCES:
            raise ScheduleError(
                f"the schedule makes more than {MAX_OCCURRENCES} broadcasts in this window; "
                f"check rule {entry.rule_index}",
                f"lịch phát tạo quá {MAX_OCCURRENCES} lượt phát trong khoảng này; "
                f"kiểm tra quy tắc số {entry.rule_index}",
            )
    if now is not None:
        raw.extend(_emergencies_now(schedule, items, require_aware(now, "now")))
    raw.sort(key=order_key)

    policy = schedule.policy
    kept, violations = drop_quiet_hours(raw, policy)
    kept, more = drop_disallowed_weekdays(kept, policy)
    violations += more
    kept, conflicts = resolve(kept, tolerance_s=policy.queue_tolerance_s)
    # Queuing moves entries later, possibly into quiet hours or past midnight.
    kept, more = drop_quiet_hours(kept, policy)
    violations += more
    kept, more = drop_disallowed_weekdays(kept, policy)
    violations += more
    kept, more = apply_caps(kept, policy)
    violations += more

    def inside(e: PlanEntry) -> bool:
        return start <= e.start < end

    return Plan(
        start=start,
        end=end,
        entries=[e for e in kept if inside(e)],
        conflicts=sorted(
            (c for c in conflicts if inside(c.entry)), key=lambda c: order_key(c.entry)
        ),
        violations=sorted(
            (v for v in violations if inside(v.entry)), key=lambda v: order_key(v.entry)
        ),
    )


def _emergencies_now(
    schedule: Schedule, items: Mapping[str, ItemInfo], now: datetime
) -> list[PlanEntry]:
    scheduled = schedule.referenced_item_ids()
    out = []
    for item_id in sorted(items):
        item = items[item_id]
        if item.priority is Priority.EMERGENCY and item_id not in scheduled:
            length = timedelta(seconds=item.duration_s)
            out.append(PlanEntry(now, now + length, item_id, item.priority))
    return out


def expand_loop(
    schedule: Schedule,
    items: Mapping[str, ItemInfo],
    *,
    start: datetime,
    end: datetime,
) -> Plan:
    """The loop playlist laid out from `start` (when the rig's operator starts it) to `end`.

    Items play in order, `gap_s` apart, round and round while a whole item still fits. The
    loop stops (one violation) at quiet hours or at max_session_minutes; a weekday the area
    does not allow gives an empty plan. Caps per day do not apply: it runs on demand.
    """
    start, end = _window(start, end)
    plan = Plan(start=start, end=end)
    loop: LoopPlaylist | None = schedule.loop
    if loop is None:
        return plan
    schedule.check_items(items.keys())
    policy = schedule.policy
    stop_at = (
        start + timedelta(minutes=policy.max_session_minutes)
        if policy.max_session_minutes is not None
        else end
    )
    gap = timedelta(seconds=loop.gap_s)
    cursor = start
    index = 0
    while True:
        item = items[loop.item_ids[index % len(loop.item_ids)]]
        entry = PlanEntry(
            start=cursor,
            end=cursor + timedelta(seconds=item.duration_s),
            item_id=item.id,
            priority=item.priority,
            repeat_index=index // len(loop.item_ids),
        )
        if entry.end > end:
            break
        _, weekday = drop_disallowed_weekdays([entry], policy)
        if weekday:
            plan.violations.extend(weekday)
            break
        if entry.end > stop_at and not entry.is_emergency:
            plan.violations.append(
                _loop_stopped(entry, f"{policy.max_session_minutes:g} min", "session cap")
            )
            break
        quiet = policy.quiet_hours
        if (
            quiet is not None
            and not entry.is_emergency
            and quiet_overlap(quiet, entry.start, entry.end)
        ):
            plan.violations.append(_loop_stopped(entry, quiet.label(), "quiet hours"))
            break
        plan.entries.append(entry)
        cursor = entry.end + gap
        index += 1
    return plan


def _loop_stopped(entry: PlanEntry, limit: str, what: str) -> Violation:
    what_vi = {"session cap": "giới hạn thời lượng buổi phát", "quiet hours": "giờ yên tĩnh"}[what]
    return Violation(
        kind="loop_stopped",
        entry=entry,
        reason=f"loop stopped before {entry.item_id!r} at {human_en(entry.start)}: {what} {limit}",
        reason_vi=nfc(
            f"Dừng phát lặp trước {entry.item_id!r} lúc {human_vi(entry.start)}: {what_vi} {limit}"
        ),
    )


# ---- bundle manifests ------------------------------------------------------------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def items_from_manifest(manifest: Any) -> dict[str, ItemInfo]:
    """ItemInfo by id from a manifest (a dict or an object with `.items`)."""
    out: dict[str, ItemInfo] = {}
    for raw in _get(manifest, "items", None) or []:
        item_id = _get(raw, "id")
        if not isinstance(item_id, str) or not item_id:
            raise ScheduleError("manifest item without an id", "bản tin trong gói thiếu mã (id)")
        if item_id in out:
            raise ScheduleError(
                f"manifest lists item {item_id!r} twice", f"gói liệt kê bản tin {item_id!r} hai lần"
            )
        try:
            duration = float(_get(raw, "duration_s"))
        except (TypeError, ValueError):
            raise ScheduleError(
                f"item {item_id!r}: missing or bad duration_s",
                f"bản tin {item_id!r}: thiếu hoặc sai thời lượng (duration_s)",
            ) from None
        out[item_id] = ItemInfo(
            id=item_id,
            duration_s=duration,
            priority=_get(raw, "priority", Priority.NORMAL) or Priority.NORMAL,
            title=_get(raw, "title", "") or "",
        )
    return out


def schedule_from_manifest(manifest: Any, items: Mapping[str, ItemInfo]) -> Schedule:
    """The manifest's schedule, validated against its items.

    Items flagged `loop` make the loop playlist when the schedule does not name one.
    """
    schedule = parse_schedule(_get(manifest, "schedule", None), item_ids=items.keys())
    if schedule.loop is None:
        looped = [
            _get(raw, "id")
            for raw in _get(manifest, "items", None) or []
            if _get(raw, "loop", False)
        ]
        if looped:
            schedule = schedule.model_copy(update={"loop": LoopPlaylist(item_ids=looped)})
    return schedule


def plan_from_manifest(manifest: Any, *, start: datetime, hours: float) -> Plan:
    """What `loa plan` prints: the manifest's schedule over `hours` from `start`.

    `manifest` is a dict (manifest.json) or the bundle module's Manifest. `start` is also
    "now" for emergency items no rule schedules. The loop playlist (on demand) is not in it.
    """
    if not (0 < hours <= MAX_HOURS):
        raise ScheduleError(
            f"hours must be more than 0 and at most {MAX_HOURS}",
            f"số giờ phải lớn hơn 0 và không quá {MAX_HOURS}",
        )
    start = require_aware(start, "start")
    items = items_from_manifest(manifest)
    schedule = schedule_from_manifest(manifest, items)
    return expand(schedule, items, start=start, end=start + timedelta(hours=hours), now=start)

"""Schedule expansion: rules + items + a window → the timeline one unit plays (pure, no clock)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from content_library.types import Priority

from .blocks import Blocks
from .conflicts import resolve
from .errors import ScheduleError
from .occurrences import fire_times
from .policy import drop_disallowed_weekdays, quiet_overlap
from .rules import LoopPlaylist, Schedule, parse_schedule
from .timeline import Conflict, ItemInfo, Plan, PlanEntry, Violation, nfc
from .tz import human_en, human_vi, require_aware

__all__ = [
    "Conflict",
    "ItemInfo",
    "Plan",
    "PlanEntry",
    "Violation",
    "expand",
    "expand_loop",
    "expiry_from_manifest",
    "fire_times",
    "items_from_manifest",
    "plan_from_manifest",
    "relay_ids_from_manifest",
    "resolve",
    "schedule_from_manifest",
]

MAX_HOURS = 24 * 400  # a window longer than a year and a bit is a mistake, not a plan
# A unit is a Raspberry Pi: a rule firing every minute for a year is a typo, not a schedule.
MAX_OCCURRENCES = 200_000


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
    expires_at: datetime | None = None,
) -> Plan:
    """The plan for entries starting in [start, end): exactly the part of the schedule's one
    timeline that falls in the window, whatever window is asked for.

    The rules are planned in blocks between clean midnights (or, for a schedule that keeps
    the output busy around every midnight, week by week from Monday 00:00, what plays on
    across it carried into the next week) and emergencies in one queue, around the window
    (see `scheduler.blocks`); then clipped. Entries, and the
    conflicts and violations of entries, are in the window by their start (a conflict's
    entry as scheduled). `now`, if given, is when emergency items that no rule schedules
    play (khẩn cấp = now), also those in the loop playlist. The loop playlist itself is not
    on the timeline: see `expand_loop`. `expires_at`, if given, is the bundle's expiry: the
    unit starts nothing from it at or after that instant, so a broadcast starting then is
    left out before anything is fitted around it, and again once queued (violation
    "expired"), like one outside its item's approval window. More than MAX_OCCURRENCES
    broadcasts looked at is a ScheduleError.
    """
    start, end = _window(start, end)
    if expires_at is not None:
        expires_at = require_aware(expires_at, "expires_at")
    schedule = parse_schedule(schedule)  # a Schedule as it is; a dict validated
    _check_item_infos(items)
    schedule.check_items(items.keys())
    try:
        now_entries = (
            [] if now is None else _emergencies_now(schedule, items, require_aware(now, "now"))
        )
        blocks = Blocks(
            schedule,
            items,
            now_entries=now_entries,
            limit=MAX_OCCURRENCES,
            expires_at=expires_at,
        )
        return blocks.plan(start, end)
    except OverflowError:
        # The blocks around a window reach days to weeks beyond it: near the calendar's
        # first or last day (years 1 and 9999) there are no such days.
        raise ScheduleError(
            f"the window {start.isoformat()} to {end.isoformat()} is too near the ends of "
            "the calendar (years 1 and 9999) to plan",
            f"khoảng thời gian {start.isoformat()} đến {end.isoformat()} quá gần đầu hoặc "
            "cuối lịch (năm 1 và năm 9999), không lập được lịch phát",
        ) from None


def _check_item_infos(items: object) -> None:
    if not isinstance(items, Mapping) or not all(
        isinstance(k, str) and isinstance(v, ItemInfo) for k, v in items.items()
    ):
        raise ScheduleError(
            "items must map item ids to ItemInfo",
            "danh sách bản tin phải ghép mã bản tin với thông tin bản tin (ItemInfo)",
        )


def _emergencies_now(
    schedule: Schedule, items: Mapping[str, ItemInfo], now: datetime
) -> list[PlanEntry]:
    """Emergency items no rule schedules play at once, in the loop playlist or not."""
    scheduled = schedule.rule_item_ids()
    out = []
    for item_id in sorted(items):
        item = items[item_id]
        if item.is_emergency and item_id not in scheduled:
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
    schedule = parse_schedule(schedule)
    plan = Plan(start=start, end=end)
    loop: LoopPlaylist | None = schedule.loop
    if loop is None:
        return plan
    _check_item_infos(items)
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
            minutes = f"{policy.max_session_minutes:g}"
            plan.violations.append(
                _loop_stopped(entry, f"{minutes} min", "session cap", limit_vi=f"{minutes} phút")
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


def _loop_stopped(
    entry: PlanEntry, limit: str, what: str, *, limit_vi: str | None = None
) -> Violation:
    what_vi = {"session cap": "giới hạn thời lượng buổi phát", "quiet hours": "giờ yên tĩnh"}[what]
    return Violation(
        kind="loop_stopped",
        entry=entry,
        reason=f"loop stopped before {entry.item_id!r} at {human_en(entry.start)}: {what} {limit}",
        reason_vi=nfc(
            f"Dừng phát lặp trước {entry.item_id!r} lúc {human_vi(entry.start)}: {what_vi} "
            f"{limit_vi or limit}"
        ),
    )


# ---- bundle manifests ------------------------------------------------------------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _listed(manifest: Any, name: str) -> list[Any]:
    """The manifest's list `name` (none is an empty list); anything else is refused."""
    value = _get(manifest, name, None) or []
    if not isinstance(value, list | tuple):
        raise ScheduleError(
            f"manifest {name} must be a list", f"mục {name} của gói phải là một danh sách"
        )
    return list(value)


def items_from_manifest(manifest: Any) -> dict[str, ItemInfo]:
    """ItemInfo by id from a manifest (a dict or an object with `.items`)."""
    out: dict[str, ItemInfo] = {}
    for raw in _listed(manifest, "items"):
        item_id = _get(raw, "id")
        if not isinstance(item_id, str) or not item_id:
            raise ScheduleError("manifest item without an id", "bản tin trong gói thiếu mã (id)")
        if item_id in out:
            raise ScheduleError(
                f"manifest lists item {item_id!r} twice", f"gói liệt kê bản tin {item_id!r} hai lần"
            )
        duration = _get(raw, "duration_s")
        # a number of seconds, as the manifest's JSON has it: not true (1 s), not "60"
        if not isinstance(duration, int | float) or isinstance(duration, bool):
            raise ScheduleError(
                f"item {item_id!r}: missing or bad duration_s ({duration!r}, not a number)",
                f"bản tin {item_id!r}: thiếu hoặc sai thời lượng (duration_s = {duration!r}, "
                "cần một số giây)",
            )
        approval = _get(raw, "approval")
        out[item_id] = ItemInfo(
            id=item_id,
            duration_s=float(duration),
            priority=_get(raw, "priority", Priority.NORMAL) or Priority.NORMAL,
            title=_get(raw, "title", "") or "",
            valid_from=_instant(item_id, "valid_from", _get(approval, "valid_from")),
            valid_until=_instant(item_id, "valid_until", _get(approval, "valid_until")),
        )
    return out


def _instant(item_id: str, name: str, value: Any) -> datetime | None:
    """An approval's bound as the manifest has it; None when the item carries no approval (a
    manifest made by hand)."""
    return _manifest_time(
        value,
        f"item {item_id!r}: approval {name}",
        f"bản tin {item_id!r}: {name} của phê duyệt",
    )


def _manifest_time(value: Any, what: str, what_vi: str) -> datetime | None:
    """An instant as a manifest holds it: a datetime, or ISO 8601 text in manifest.json."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ScheduleError(
            f"{what} is not a date and time ({value!r})",
            f"{what_vi} không phải ngày giờ ({value!r})",
        ) from None


def relay_ids_from_manifest(manifest: Any) -> set[str]:
    """The ids of the relay channels the manifest carries (none without `relays`)."""
    out = set()
    for raw in _listed(manifest, "relays"):
        relay_id = _get(raw, "id")
        if not isinstance(relay_id, str) or not relay_id:
            raise ScheduleError(
                "manifest relay channel without an id", "kênh tiếp sóng trong gói thiếu mã (id)"
            )
        out.add(relay_id)
    return out


def schedule_from_manifest(manifest: Any, items: Mapping[str, ItemInfo]) -> Schedule:
    """The manifest's schedule, validated against its items and relay channels: a relay rule
    naming a channel the bundle does not carry is refused.

    Items flagged `loop` make the loop playlist when the schedule does not name one.
    """
    schedule = parse_schedule(
        _get(manifest, "schedule", None),
        item_ids=items.keys(),
        relay_ids=relay_ids_from_manifest(manifest),
    )
    if schedule.loop is None:
        looped = [_get(raw, "id") for raw in _listed(manifest, "items") if _get(raw, "loop", False)]
        if looped:
            schedule = schedule.model_copy(update={"loop": LoopPlaylist(item_ids=looped)})
    return schedule


def plan_from_manifest(manifest: Any, *, start: datetime, hours: float) -> Plan:
    """What `loa plan` prints: the manifest's schedule over `hours` from `start`.

    `manifest` is a dict (manifest.json) or the bundle module's Manifest. `start` is also
    "now" for emergency items no rule schedules. The loop playlist (on demand) is not in it.
    The bundle's `expires_at`, when the manifest has one, bounds it as on the unit.
    """
    number = isinstance(hours, int | float) and not isinstance(hours, bool)
    if not (number and 0 < hours <= MAX_HOURS):  # also refuses NaN
        raise ScheduleError(
            f"hours must be more than 0 and at most {MAX_HOURS}",
            f"số giờ phải lớn hơn 0 và không quá {MAX_HOURS}",
        )
    start = require_aware(start, "start")
    items = items_from_manifest(manifest)
    schedule = schedule_from_manifest(manifest, items)
    return expand(
        schedule,
        items,
        start=start,
        end=start + timedelta(hours=hours),
        now=start,
        expires_at=expiry_from_manifest(manifest),
    )


def expiry_from_manifest(manifest: Any) -> datetime | None:
    """The bundle's `expires_at` (a datetime, or ISO 8601 text in manifest.json); None when
    the manifest has none (a schedule made by hand)."""
    return _manifest_time(
        _get(manifest, "expires_at"), "the bundle's expires_at", "expires_at của gói"
    )

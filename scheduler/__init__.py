"""scheduler: schedule rules → a timeline for one unit (pure functions, `now` passed in)."""

from .conflicts import resolve
from .errors import ScheduleError
from .plan import (
    expand,
    expand_loop,
    items_from_manifest,
    plan_from_manifest,
    schedule_from_manifest,
)
from .rules import (
    AreaPolicy,
    CronRule,
    DailyRule,
    LoopPlaylist,
    OnceRule,
    QuietHours,
    RelayRule,
    RelayWindow,
    Schedule,
    parse_schedule,
)
from .timeline import Conflict, ItemInfo, Plan, PlanEntry, Violation
from .tz import TZ

__all__ = [
    "TZ",
    "AreaPolicy",
    "Conflict",
    "CronRule",
    "DailyRule",
    "ItemInfo",
    "LoopPlaylist",
    "OnceRule",
    "Plan",
    "PlanEntry",
    "QuietHours",
    "RelayRule",
    "RelayWindow",
    "Schedule",
    "ScheduleError",
    "Violation",
    "expand",
    "expand_loop",
    "items_from_manifest",
    "parse_schedule",
    "plan_from_manifest",
    "resolve",
    "schedule_from_manifest",
]

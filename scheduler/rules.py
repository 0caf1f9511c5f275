"""Schedule rules as data: the versioned `schedule` dict carried in a signed bundle manifest.

Format 1 (``Schedule.model_dump(mode="json")``)::

    {"format": 1,
     "rules": [
       {"kind": "daily", "times": ["06:00", "17:30"], "weekdays": [0, 2, 4],
        "item_ids": ["ban-tin-1"], "repeat": 2, "gap_s": 5,
        "start_date": "2025-03-01", "end_date": "2025-03-31", "name": ""},
       {"kind": "cron", "day": "last", "hour": "7", "minute": "0", "item_ids": ["tong-ket"]},
       {"kind": "once", "at": "2025-03-08T09:00:00+07:00", "item_ids": ["8-3"]},
       {"kind": "relay", "relay": "vov1", "window": {"start": "05:30", "end": "06:00"},
        "weekdays": [0, 1, 2, 3, 4], "priority": "normal",
        "start_date": null, "end_date": null,
        "days_off": ["2027-02-05/2027-02-10", "2027-09-02"], "name": ""}],
     "loop": {"item_ids": ["an-ninh-1", "an-ninh-2"], "gap_s": 10},
     "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}, "max_per_day": 2,
                "max_session_minutes": 15, "allowed_weekdays": [0, 1, 2, 3, 4],
                "queue_tolerance_s": 300, "session_gap_s": 300}}

A relay rule names a relay channel (an id of the bundle's `relays`) and a daily window
instead of items: the unit relays the channel's stream over the window, on the weekdays and
campaign dates given. A window whose end is not after its start runs past midnight.

A campaign is not a rule of its own: it is the inclusive local date range
(`start_date`/`end_date`) that recurring rules (daily, cron, relay) may carry, less their
`days_off` (ngày nghỉ phát: dates and inclusive ranges, see `scheduler.days_off`), a field
left out of the dump when empty so that a schedule without days off is written as before.
Wall times are Asia/Ho_Chi_Minh; a naive `at` is read as Vietnam time, an offset one is
converted to it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, Self

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from . import days_off as off
from .errors import InvalidValue, ScheduleError
from .tz import TZ, at_local, parse_hhmm

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

ALL_WEEKDAYS = (0, 1, 2, 3, 4, 5, 6)  # Monday = 0, as datetime.weekday() and CronTrigger
SCHEDULE_FORMAT: Final = 1


def _not_bool(value: object) -> object:
    """Pydantic reads true as 1 and false as 0: a count, a weekday or a number of seconds
    given as true or false is a mistake (`weekdays: [true]` was Tuesday), not a number."""
    if isinstance(value, bool):
        raise InvalidValue(
            f"{value!r} is not a number", f"{str(value).lower()} (đúng/sai) không phải là số"
        )
    return value


Int = Annotated[int, BeforeValidator(_not_bool)]
Number = Annotated[float, BeforeValidator(_not_bool)]
ItemId = Annotated[str, Field(min_length=1, max_length=200)]
ItemIds = Annotated[list[ItemId], Field(min_length=1)]
Weekdays = Annotated[list[Annotated[Int, Field(ge=0, le=6)]], Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _hhmm(value: str) -> str:
    clock = parse_hhmm(value)
    return f"{clock.hour:02d}:{clock.minute:02d}"


def _unique_sorted(values: list[int]) -> list[int]:
    return sorted(set(values))


_BARE_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The clock part of an ISO date and time, to name an hour, minute or second that no day has.
_CLOCK_PART = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")

# An ISO date and time whose offset gives hours only (±hh, which pydantic does not read).
_HOURS_OFFSET = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.,]+[+-][0-9]{2})$")

# What each cron field takes, for the refusal of a bad one (APScheduler 3 CronTrigger syntax:
# also *, */n, a-b, a-b/n and lists a,b).
_CRON_RANGES: Final = {
    "month": ("1–12 or jan–dec", "tháng", "1–12 hoặc jan–dec"),
    "day": (
        "1–31, last (the month's last day) or a weekday of the month such as 1st mon or last fri",
        "ngày",
        "1–31, last (ngày cuối tháng) hoặc thứ trong tháng như 1st mon (thứ Hai đầu tiên), "
        "last fri (thứ Sáu cuối cùng)",
    ),
    "week": ("1–53", "tuần ISO", "1–53"),
    "day_of_week": (
        "0–6 (Monday = 0, Sunday = 6) or mon–sun",
        "thứ",
        "0–6 (thứ Hai = 0, Chủ nhật = 6) hoặc mon–sun",
    ),
    "hour": ("0–23", "giờ", "0–23"),
    "minute": ("0–59", "phút", "0–59"),
}

# The whole of each comma-separated part of a cron field, in the forms CronTrigger documents.
# CronTrigger itself matches a weekday or month name, "last" and "1st mon" at the start of
# the text and ignores what follows ("mon-fri/2" is Monday to Friday, "lastfri" the month's
# last day, "mon fri" Monday), and reads any Unicode digit ("٦" is 6): such text is refused
# here instead of being planned as something the operator did not write. ASCII only.
_NUMBERS = r"(?:\*|[0-9]+(?:-[0-9]+)?)(?:/[0-9]+)?"
_DAY_NAMES = "mon|tue|wed|thu|fri|sat|sun"
_MONTH_NAMES = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_CRON_PART: Final = {
    name: re.compile(pattern, re.IGNORECASE | re.ASCII)
    for name, pattern in {
        "month": rf"{_NUMBERS}|(?:{_MONTH_NAMES})(?:-(?:{_MONTH_NAMES}))?",
        "day": rf"{_NUMBERS}|last|(?:1st|2nd|3rd|4th|5th|last) +(?:{_DAY_NAMES})",
        "week": _NUMBERS,
        "day_of_week": rf"{_NUMBERS}|(?:{_DAY_NAMES})(?:-(?:{_DAY_NAMES}))?",
        "hour": _NUMBERS,
        "minute": _NUMBERS,
    }.items()
}
_CRON_SEPARATOR = re.compile(" *, *")  # CronTrigger's own


# Each field's values in order, for a range that wraps round (a-b with b before a): the
# refusal spells out the list the operator meant ("sat-mon" → sat,sun,mon; "22-2" →
# 22,23,0,1,2), not one example for every field.
_FIELD_VALUES: Final = {
    "month": [str(n) for n in range(1, 13)],
    "day": [str(n) for n in range(1, 32)],
    "week": [str(n) for n in range(1, 54)],
    "day_of_week": [str(n) for n in range(7)],
    "hour": [str(n) for n in range(24)],
    "minute": [str(n) for n in range(60)],
}
_FIELD_NAMES: Final = {"month": _MONTH_NAMES.split("|"), "day_of_week": _DAY_NAMES.split("|")}


def _wrapped(name: str, value: str) -> tuple[str, str] | None:
    """The first part of cron field `name` that is a range running backwards, and the list
    it would be if it wrapped round; None if there is none."""
    for part in _CRON_SEPARATOR.split(value.strip()):
        bounds = part.lower().split("-")
        if len(bounds) != 2:
            continue
        names = _FIELD_NAMES.get(name, [])
        values = names if all(b in names for b in bounds) else _FIELD_VALUES[name]
        if not all(b in values or b.isdecimal() for b in bounds):
            continue
        bounds = [str(int(b)) if b.isdecimal() else b for b in bounds]
        if not all(b in values for b in bounds):
            continue
        first, last = values.index(bounds[0]), values.index(bounds[1])
        if last < first:
            return part, ",".join(values[first:] + values[: last + 1])
    return None


def _bad_cron_part(name: str, value: str) -> str | None:
    """The first part of cron field `name` that is not wholly one of its forms, if any."""
    for part in _CRON_SEPARATOR.split(value.strip()):
        if not _CRON_PART[name].fullmatch(part):
            return part
    return None


# Where the search for a cron rule's first firing starts and ends: any fixed day does (never
# the clock). The Gregorian calendar repeats every 400 years to the day, weekdays and ISO
# weeks included (146 097 days, 20 871 weeks), so a rule that fires at all fires in one such
# cycle. Left to itself CronTrigger walks day by day on to the year 9999 for a rule that never
# fires (`week: "53", month: "6"`): seconds on a panel, more on a unit checking a bundle.
_SEARCH_FROM = date(2000, 1, 1)
_SEARCH_UNTIL = date(2400, 1, 1)


class _RuleBase(_Model):
    item_ids: ItemIds
    # Per-item repeats: each item plays `repeat` times back to back, `gap_s` apart; the
    # rule's items play in order (a, a, b, b for repeat=2), also `gap_s` apart.
    repeat: Int = Field(1, ge=1, le=20)
    gap_s: Number = Field(0.0, ge=0, le=3600, allow_inf_nan=False)
    name: str = Field("", max_length=200)


def _date_not_number(value: object) -> object:
    """Pydantic reads a number as seconds since 1970 in UTC (0 is 01/01/1970): a campaign's
    day is a date written out, never a count of seconds."""
    if isinstance(value, int | float):  # bool too
        raise InvalidValue(
            f"a campaign date must be a date (YYYY-MM-DD), not the number {value!r}",
            f"ngày của đợt phát phải là ngày (YYYY-MM-DD), không phải số {value!r}",
        )
    return value


# A campaign's first or last day: inclusive local dates; None means open-ended on that side.
CampaignDate = Annotated[date | None, BeforeValidator(_date_not_number)]
# The local dates a recurring rule does not fire on, written one way (`days_off.normalise`).
DaysOff = Annotated[list[str], BeforeValidator(off.normalise)]


def _without_empty_days_off(
    rule: BaseModel, handler: SerializerFunctionWrapHandler
) -> dict[str, Any]:
    """A rule's dump, `days_off` left out when empty: schedules saved and bundles signed
    before days off existed are written byte for byte as they were."""
    data: dict[str, Any] = handler(rule)
    if not data.get("days_off"):
        data.pop("days_off", None)
    return data


class _DatedRule(_RuleBase):
    start_date: CampaignDate = None
    end_date: CampaignDate = None
    days_off: DaysOff = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty_days_off(self, handler)

    def day_ranges(self) -> tuple[off.DayRange, ...]:
        """The days off as (first, last) local dates, in order."""
        return off.ranges(tuple(self.days_off))

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise InvalidValue(
                f"end_date {self.end_date} is before start_date {self.start_date}",
                f"ngày kết thúc {self.end_date} trước ngày bắt đầu {self.start_date}",
            )
        return self


class DailyRule(_DatedRule):
    """Times of day × weekdays (Monday = 0), optionally within a campaign's dates."""

    kind: Literal["daily"] = "daily"
    # At most one time per minute of the day: a longer list repeats one (and a list of ten
    # thousand is refused before each is read).
    times: Annotated[list[str], Field(min_length=1, max_length=24 * 60)]
    weekdays: Weekdays = Field(default_factory=lambda: list(ALL_WEEKDAYS))

    @field_validator("times")
    @classmethod
    def _times(cls, value: list[str]) -> list[str]:
        normal = [_hhmm(t) for t in value]
        twice = sorted(t for t, n in Counter(normal).items() if n > 1)
        if twice:
            raise InvalidValue(
                f"times listed twice: {', '.join(twice)}",
                f"giờ phát bị lặp lại: {', '.join(twice)}",
            )
        return sorted(normal)

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        return _unique_sorted(value)

    def triggers(self) -> list[BaseTrigger]:
        """One CronTrigger per set of minutes shared by some hours: 06:00, 06:30 and 18:00 are
        `hour=6, minute=0,30` and `hour=18, minute=0` (each time fires once; a minute-by-minute
        list is one trigger, not 1 440)."""
        days = ",".join(str(d) for d in self.weekdays)
        minutes: dict[int, list[int]] = {}
        for text in self.times:
            clock = parse_hhmm(text)
            minutes.setdefault(clock.hour, []).append(clock.minute)
        hours: dict[str, list[int]] = {}
        for hour, mins in minutes.items():
            hours.setdefault(",".join(str(m) for m in sorted(mins)), []).append(hour)
        return [
            CronTrigger(
                day_of_week=days,
                hour=",".join(str(h) for h in sorted(hs)),
                minute=mins,
                timezone=TZ,
            )
            for mins, hs in hours.items()
        ]


class CronRule(_DatedRule):
    """A cron-like recurrence with APScheduler 3 CronTrigger fields (day_of_week: mon = 0).

    Unset fields follow CronTrigger: those less significant than the last field given
    (in the order month, day, week, day_of_week, hour, minute) take their minimum (`day` 1,
    `hour` and `minute` 0; `week` and `day_of_week` any), the others are "*": `hour="7"`
    fires at 07:00 every day, `month="3"` at 00:00 on 1 March, and `day="1", minute="30"`
    at every hour's :30 on the 1st (the hour between them is "*").
    """

    kind: Literal["cron"] = "cron"
    month: str | None = None
    day: str | None = None
    week: str | None = None
    day_of_week: str | None = None
    hour: str | None = None
    minute: str | None = None

    @field_validator("month", "day", "week", "day_of_week", "hour", "minute", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    def _fields(self) -> dict[str, str]:
        names = ("month", "day", "week", "day_of_week", "hour", "minute")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self._fields():
            raise InvalidValue(
                "cron rule needs at least one of month, day, week, day_of_week, hour, minute",
                "quy tắc cron cần ít nhất một trong month, day, week, day_of_week, hour, minute",
            )
        for name, value in self._fields().items():
            en, what_vi, range_vi = _CRON_RANGES[name]
            part = _bad_cron_part(name, value)
            try:
                if part is not None:
                    raise ValueError(f"{part!r} is not one of the field's forms")
                CronTrigger(timezone=TZ, **{name: value})
            except ValueError as exc:
                hint_en = hint_vi = ""
                if part is not None and part != value.strip():
                    hint_vi = f" Phần {part!r} không đúng dạng nào."
                if "must not be higher than the maximum" in str(exc):
                    hint_en = " A range does not wrap round: a-b needs a before b."
                    hint_vi = " Khoảng a-b không vòng lại: a phải đứng trước b."
                    if wrapped := _wrapped(name, value):
                        hint_en = (
                            f" A range does not wrap round: write {wrapped[1]}, not {wrapped[0]}."
                        )
                        hint_vi = (
                            f" Khoảng a-b không vòng lại: viết {wrapped[1]} thay cho {wrapped[0]}."
                        )
                raise InvalidValue(
                    f"bad cron expression: {name} {value!r}: {exc} (expected {en}, *, */n, "
                    f"a-b, a-b/n or a,b; a step /n only after numbers).{hint_en}",
                    f"{what_vi} ({name}) {value!r} không hợp lệ: cần giá trị trong khoảng "
                    f"{range_vi}, hoặc dạng *, */n, a-b, a-b/n, a,b (bước /n chỉ đi sau số, "
                    f"chữ số ASCII).{hint_vi}",
                ) from None
        try:
            self.triggers()
        except ValueError as exc:
            raise InvalidValue(
                f"bad cron expression: {exc}", f"biểu thức cron không hợp lệ: {exc}"
            ) from None
        # A rule that matches no date at all (30 February) is a mistake, not an empty plan;
        # one whose campaign holds none of its dates is only an empty campaign.
        cycle = CronTrigger(timezone=TZ, end_date=at_local(_SEARCH_UNTIL), **self._fields())
        if cycle.get_next_fire_time(None, at_local(_SEARCH_FROM)) is None:
            raise InvalidValue(
                "the rule never fires: no date matches its days (such as 30 February)",
                "quy tắc không bao giờ phát: không có ngày nào khớp (ví dụ ngày 30 tháng 2)",
            )
        return self

    def triggers(self) -> list[BaseTrigger]:
        return [CronTrigger(timezone=TZ, **self._fields())]


# The years a one-off time may fall in: the calendar's, less the first and the last.
FIRST_YEAR: Final = 2
LAST_YEAR: Final = 9998


class OnceRule(_RuleBase):
    """A one-off slot."""

    kind: Literal["once"] = "once"
    at: datetime

    @field_validator("at", mode="before")
    @classmethod
    def _date_and_time(cls, value: object) -> object:
        # Pydantic would read 1700000000 as seconds since 1970 and "2027-01-04" as midnight.
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise InvalidValue(
                f"at must be a date and time (ISO 8601), not the number {value!r}",
                f"thời điểm (at) phải là ngày giờ ISO 8601, không phải số {value!r}",
            )
        if isinstance(value, str) and _BARE_DATE.match(value.strip()):
            raise InvalidValue(
                f"at {value!r} needs a time of day (ISO 8601, such as 2027-01-04T06:00)",
                f"thời điểm (at) {value!r} thiếu giờ (ISO 8601, ví dụ 2027-01-04T06:00)",
            )
        clock = _CLOCK_PART.match(value.strip()) if isinstance(value, str) else None
        if clock and (
            int(clock[1]) > 23
            or int(clock[2]) > 59
            or (clock[3] is not None and int(clock[3]) > 59)
        ):
            raise InvalidValue(
                f"at {value!r}: no such time of day; times run from 00:00 to 23:59 "
                "(24:00 is 00:00 of the next day)",
                f"thời điểm (at) {value!r}: không có giờ này; giờ chỉ từ 00:00 đến 23:59 "
                "(24:00 là 00:00 của ngày hôm sau)",
            )
        if isinstance(value, str) and (short := _HOURS_OFFSET.match(value.strip())):
            return f"{short[1]}:00"  # ISO 8601's ±hh offset ("…T06:00+07"), as ±hh:00
        return value

    @field_validator("at")
    @classmethod
    def _local(cls, value: datetime) -> datetime:
        try:
            local = value.replace(tzinfo=TZ) if value.tzinfo is None else value.astimezone(TZ)
        except OverflowError:  # 0001-01-01T00:00+14:00 is before the calendar's first day
            raise InvalidValue(
                f"at {value.isoformat()} is outside the calendar (years 1 to 9999)",
                f"thời điểm (at) {value.isoformat()} nằm ngoài lịch (năm 1 đến năm 9999)",
            ) from None
        # A plan reaches days around its window (the blocks, the panel's notice of what the
        # quiet hours hold back): a slot in the calendar's first or last year saved, then
        # crashed the schedule's page. No broadcast is that far away; it is a typo.
        if not (FIRST_YEAR <= local.year <= LAST_YEAR):
            raise InvalidValue(
                f"at {value.isoformat()} is too near the ends of the calendar: a one-off time "
                f"must fall in the years {FIRST_YEAR} to {LAST_YEAR}",
                f"thời điểm (at) {value.isoformat()} quá gần đầu hoặc cuối lịch: giờ phát một "
                f"lần phải nằm trong các năm {FIRST_YEAR} đến {LAST_YEAR}",
            )
        return local

    def triggers(self) -> list[BaseTrigger]:
        return [DateTrigger(run_date=self.at, timezone=TZ)]


RELAY_ID_PATTERN = r"^[a-z0-9-]{1,32}$"  # the bundle's relay channel ids (docs/bundle-format.md)
MAX_RELAY_WINDOW_HOURS = 12  # a relay longer than half a day is a typo, not a programme


class RelayWindow(_Model):
    """[start, end) local time, every day the rule runs; end <= start runs past midnight."""

    start: str
    end: str

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        return _hhmm(value)

    @model_validator(mode="after")
    def _length(self) -> RelayWindow:
        if self.start == self.end:
            raise InvalidValue(
                f"relay window {self.label()} is empty",
                f"khung giờ tiếp sóng {self.label()} trống (giờ bắt đầu bằng giờ kết thúc)",
            )
        if self.length() > timedelta(hours=MAX_RELAY_WINDOW_HOURS):
            raise InvalidValue(
                f"relay window {self.label()} is longer than {MAX_RELAY_WINDOW_HOURS} hours",
                f"khung giờ tiếp sóng {self.label()} dài hơn {MAX_RELAY_WINDOW_HOURS} giờ",
            )
        return self

    def length(self) -> timedelta:
        start, end = parse_hhmm(self.start), parse_hhmm(self.end)
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        return timedelta(minutes=minutes % (24 * 60))

    def label(self) -> str:
        return f"{self.start}–{self.end}"


class RelayRule(_Model):
    """Relay a channel's stream over a daily window (tiếp sóng), on weekdays, within a
    campaign's dates. Its priority is its own (no item carries it); an emergency relay is
    not a schedule rule: emergencies pre-empt relays instead."""

    kind: Literal["relay"] = "relay"
    relay: Annotated[str, Field(pattern=RELAY_ID_PATTERN)]
    window: RelayWindow
    weekdays: Weekdays = Field(default_factory=lambda: list(ALL_WEEKDAYS))
    priority: Literal["normal", "priority"] = "normal"
    start_date: CampaignDate = None
    end_date: CampaignDate = None
    days_off: DaysOff = Field(default_factory=list)
    name: str = Field("", max_length=200)

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty_days_off(self, handler)

    def day_ranges(self) -> tuple[off.DayRange, ...]:
        """The days off as (first, last) local dates, in order: a window is off with the day
        it opens."""
        return off.ranges(tuple(self.days_off))

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        return _unique_sorted(value)

    @model_validator(mode="after")
    def _range(self) -> RelayRule:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise InvalidValue(
                f"end_date {self.end_date} is before start_date {self.start_date}",
                f"ngày kết thúc {self.end_date} trước ngày bắt đầu {self.start_date}",
            )
        return self

    @property
    def item_ids(self) -> list[str]:
        """A relay rule plays no item."""
        return []

    def triggers(self) -> list[BaseTrigger]:
        days = ",".join(str(d) for d in self.weekdays)
        clock = parse_hhmm(self.window.start)
        return [CronTrigger(day_of_week=days, hour=clock.hour, minute=clock.minute, timezone=TZ)]


Rule = Annotated[DailyRule | CronRule | OnceRule | RelayRule, Field(discriminator="kind")]


class LoopPlaylist(_Model):
    """Mobile rigs: items played in a loop on demand, not at set times."""

    item_ids: ItemIds
    gap_s: Number = Field(0.0, ge=0, le=3600, allow_inf_nan=False)


class QuietHours(_Model):
    """[start, end) in local time; start > end means across midnight (the default)."""

    start: str = "22:00"
    end: str = "05:00"

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        return _hhmm(value)

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.start == self.end:
            raise InvalidValue(
                "quiet hours start and end are equal; use null for none",
                "giờ yên tĩnh có giờ bắt đầu bằng giờ kết thúc; để trống (null) nếu không có",
            )
        return self

    def label(self) -> str:
        return f"{self.start}–{self.end}"


MAX_POLICY_GAP_S = 3600  # queue tolerance and session gap: more than an hour is a typo


class AreaPolicy(_Model):
    """The area's rules for fixed speakers; emergency broadcasts are exempt from all of them.

    Numbers are finite and bounded (a session of at most a day, a queue tolerance and a
    session gap of at most an hour): an infinite or huge value is refused, not planned.
    """

    quiet_hours: QuietHours | None = Field(default_factory=QuietHours)
    # Broadcast sessions per local day.
    max_per_day: Annotated[int | None, BeforeValidator(_not_bool)] = Field(None, ge=1)
    max_session_minutes: Annotated[float | None, BeforeValidator(_not_bool)] = Field(
        None, gt=0, le=24 * 60, allow_inf_nan=False
    )
    allowed_weekdays: Weekdays = Field(default_factory=lambda: list(ALL_WEEKDAYS))
    # Equal-priority overlaps are queued back to back if that delays one by at most this.
    queue_tolerance_s: Number = Field(300.0, ge=0, le=MAX_POLICY_GAP_S, allow_inf_nan=False)
    # A broadcast starting less than this after the previous one ended is in the same session
    # (buổi phát) for the caps; exactly this much later starts a new session.
    session_gap_s: Number = Field(300.0, ge=0, le=MAX_POLICY_GAP_S, allow_inf_nan=False)

    @field_validator("allowed_weekdays")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        return _unique_sorted(value)


class Schedule(_Model):
    """What goes into the bundle manifest's `schedule` field.

    Pass the bundle's item ids (and relay channel ids) as validation context to refuse
    unknown ones: ``Schedule.model_validate(data, context={"item_ids": {...},
    "relay_ids": {...}})``.
    """

    format: Literal[1] = SCHEDULE_FORMAT
    rules: list[Rule] = Field(default_factory=list)
    loop: LoopPlaylist | None = None
    policy: AreaPolicy = Field(default_factory=AreaPolicy)

    @model_validator(mode="after")
    def _known_items(self, info: ValidationInfo) -> Self:
        known = (info.context or {}).get("item_ids") if info is not None else None
        if known is not None:
            missing = self.unknown_item_ids(known)
            if missing:
                raise InvalidValue(
                    f"unknown item ids: {', '.join(missing)}",
                    f"mã bản tin không có trong gói: {', '.join(missing)}",
                )
        relays = (info.context or {}).get("relay_ids") if info is not None else None
        if relays is not None:
            missing = self.unknown_relay_ids(relays)
            if missing:
                raise InvalidValue(
                    f"unknown relay channels: {', '.join(missing)}",
                    f"kênh tiếp sóng không có trong gói: {', '.join(missing)}",
                )
        return self

    def relay_rules(self) -> list[RelayRule]:
        return [rule for rule in self.rules if isinstance(rule, RelayRule)]

    def relay_ids(self) -> set[str]:
        """Relay channels some rule relays."""
        return {rule.relay for rule in self.relay_rules()}

    def unknown_relay_ids(self, known: Iterable[str]) -> list[str]:
        return sorted(self.relay_ids() - set(known))

    def check_relays(self, known: Iterable[str]) -> None:
        missing = self.unknown_relay_ids(known)
        if missing:
            raise ScheduleError(
                f"schedule relays channels the bundle does not carry: {', '.join(missing)}",
                f"Lịch phát tiếp sóng kênh không có trong gói: {', '.join(missing)}",
                code="relay_unknown",
            )

    def rule_item_ids(self) -> set[str]:
        """Items some rule schedules at set times (the loop playlist is not a rule)."""
        return {i for rule in self.rules for i in rule.item_ids}

    def referenced_item_ids(self) -> set[str]:
        """Items the rules or the loop playlist name."""
        ids = self.rule_item_ids()
        if self.loop is not None:
            ids.update(self.loop.item_ids)
        return ids

    def unknown_item_ids(self, known: Iterable[str]) -> list[str]:
        return sorted(self.referenced_item_ids() - set(known))

    def check_items(self, known: Iterable[str]) -> None:
        missing = self.unknown_item_ids(known)
        if missing:
            raise ScheduleError(
                f"schedule refers to unknown items: {', '.join(missing)}",
                f"Lịch phát nhắc đến bản tin không có trong gói: {', '.join(missing)}",
            )


def parse_schedule(
    data: object,
    *,
    item_ids: Iterable[str] | None = None,
    relay_ids: Iterable[str] | None = None,
) -> Schedule:
    """Validate a schedule dict (None or {} is an empty schedule); errors as ScheduleError.

    `item_ids` / `relay_ids`, when given, are the items / relay channels the schedule may name.
    """
    if data is None:
        data = {}
    if isinstance(data, Schedule):
        if item_ids is not None:
            data.check_items(item_ids)
        if relay_ids is not None:
            data.check_relays(relay_ids)
        return data
    context: dict[str, set[str]] = {}
    if item_ids is not None:
        context["item_ids"] = set(item_ids)
    if relay_ids is not None:
        context["relay_ids"] = set(relay_ids)
    try:
        return Schedule.model_validate(data, context=context or None)
    except ValidationError as exc:
        errors = exc.errors()
        detail = "; ".join(_describe(err) for err in errors)
        detail_vi = "; ".join(_describe_vi(err) for err in errors)
        raise ScheduleError(
            f"invalid schedule: {detail}", f"Lịch phát không hợp lệ: {detail_vi}"
        ) from None


def _message(err: ErrorDetails) -> str:
    msg = err.get("msg", "invalid")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return msg


def _describe(err: ErrorDetails) -> str:
    where = ".".join(str(p) for p in err.get("loc", ()))
    msg = _message(err)
    return f"{where}: {msg}" if where else msg


# Pydantic's commonest refusals in Vietnamese (by error type); the rest stay in English.
_VI: Final = {
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "too_short": "cần ít nhất {min_length} phần tử",
    "too_long": "quá dài (tối đa {max_length})",
    "string_too_long": "quá dài (tối đa {max_length} ký tự)",
    "string_too_short": "quá ngắn (tối thiểu {min_length} ký tự)",
    "finite_number": "phải là số hữu hạn",
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "list_type": "phải là danh sách",
    "string_type": "phải là chuỗi ký tự",
    "date_from_datetime_parsing": "phải là ngày (YYYY-MM-DD)",
    "date_parsing": "phải là ngày (YYYY-MM-DD)",
    "datetime_from_date_parsing": "phải là thời điểm (ISO 8601)",
    "datetime_parsing": "phải là thời điểm (ISO 8601)",
    "datetime_type": "phải là thời điểm (ISO 8601)",
    "string_pattern_mismatch": "không đúng dạng {pattern}",
    "literal_error": "phải là {expected}",
    "union_tag_invalid": "loại quy tắc không hợp lệ (phải là {expected_tags})",
    "union_tag_not_found": "thiếu loại quy tắc (kind: daily, cron, once hoặc relay)",
    "date_from_datetime_inexact": "phải là ngày (YYYY-MM-DD), không kèm giờ",
    "date_type": "phải là ngày (YYYY-MM-DD)",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "int_parsing_size": "số quá lớn",
    "model_attributes_type": "phải là một đối tượng (dict)",
    "datetime_object_invalid": "phải là thời điểm (ISO 8601)",
    "model_type": "phải là một đối tượng (dict)",
    "dict_type": "phải là một đối tượng (dict)",
}


_DATE_TYPES: Final = {
    "date_from_datetime_parsing",
    "date_parsing",
    "datetime_from_date_parsing",
    "datetime_parsing",
}


def _describe_vi(err: ErrorDetails) -> str:
    where = ".".join(str(p) for p in err.get("loc", ()))
    ctx = err.get("ctx") or {}
    error = ctx.get("error")
    if isinstance(error, InvalidValue):
        msg = error.vi
    elif err.get("type") in _DATE_TYPES and "outside expected range" in str(error):
        # "2027-02-29" is well written but not in the calendar: say that, not "YYYY-MM-DD".
        msg = (
            f"ngày {err.get('input')!r} không có trong lịch (tháng không có ngày này; "
            "29/02 chỉ có ở năm nhuận)"
        )
    elif err.get("type") in _VI:
        try:
            shown = {k: f"{v:g}" if isinstance(v, float) else v for k, v in ctx.items()}
            msg = _VI[err["type"]].format(**shown)
        except (KeyError, IndexError):  # a context the template does not expect
            msg = _vi_fallback(err)
    else:
        msg = _vi_fallback(err)
    return f"{where}: {msg}" if where else msg


def _vi_fallback(err: ErrorDetails) -> str:
    """A refusal pydantic words in English only: said in Vietnamese, its words after it."""
    return f"giá trị không hợp lệ ({_message(err)})"

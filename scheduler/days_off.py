"""Days off (ngày nghỉ phát): the local dates on which a recurring rule does not fire.

A rule's `days_off` is a list of ISO dates and inclusive ISO ranges,
``["2027-02-05/2027-02-10", "2027-09-02"]``. `normalise` validates it and writes it one way
(sorted; duplicates, overlaps and touching ranges joined; a one-day range as its date), so a
schedule reads the same however it was typed. A firing is off when the Asia/Ho_Chi_Minh date
it fires on is: a broadcast or relay window that starts before midnight and runs on into a day
off belongs to the day it started, as with a campaign's dates.

`on_spans` cuts a range of fire times into the parts outside the days off: the rule's triggers
are asked of those parts only, so a long range off costs nothing and no firing is looked at
one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Final

from .errors import InvalidValue
from .tz import at_local

# More entries than this in one rule is a list pasted by mistake, not a year of holidays.
MAX_DAYS_OFF: Final = 100
RANGE_SEPARATOR: Final = "/"  # ISO 8601's for an interval: "2027-02-05/2027-02-10"

DayRange = tuple[date, date]  # first and last day off, both included

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # fromisoformat also reads 20270205


def _vi(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _date(text: str, entry: str) -> date:
    said = repr(entry) if text == entry.strip() else f"{text!r} in {entry!r}"
    said_vi = repr(entry) if text == entry.strip() else f"{text!r} trong {entry!r}"
    if not _ISO_DATE.fullmatch(text):
        raise InvalidValue(
            f"day off {said} is not a date written YYYY-MM-DD (a range: YYYY-MM-DD/YYYY-MM-DD)",
            f"ngày nghỉ phát {said_vi} không viết dạng YYYY-MM-DD (khoảng ngày: "
            "YYYY-MM-DD/YYYY-MM-DD)",
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(
            f"day off {said} is not in the calendar (that month has no such day)",
            f"ngày nghỉ phát {said_vi} không có trong lịch (tháng không có ngày này; 29/02 chỉ "
            "có ở năm nhuận)",
        ) from None


def _entry(value: object) -> DayRange:
    if isinstance(value, datetime):  # a date and time is not a day
        raise InvalidValue(
            f"a day off is a date, not the date and time {value.isoformat()}",
            f"ngày nghỉ phát là một ngày, không kèm giờ ({value.isoformat()})",
        )
    if isinstance(value, date):
        return value, value
    if not isinstance(value, str):
        raise InvalidValue(
            f"a day off is a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD, not {value!r}",
            "ngày nghỉ phát phải là một ngày YYYY-MM-DD hoặc một khoảng "
            f"YYYY-MM-DD/YYYY-MM-DD, không phải {value!r}",
        )
    parts = value.strip().split(RANGE_SEPARATOR)
    if len(parts) > 2 and not all(_ISO_DATE.fullmatch(p.strip()) for p in parts):
        _date(value.strip(), value)  # 05/02/2027: refused as not written YYYY-MM-DD
    if len(parts) > 2:
        raise InvalidValue(
            f"day off {value!r}: a range is two dates, YYYY-MM-DD/YYYY-MM-DD",
            f"ngày nghỉ phát {value!r}: một khoảng gồm hai ngày, YYYY-MM-DD/YYYY-MM-DD",
        )
    first = _date(parts[0].strip(), value)
    last = _date(parts[-1].strip(), value)
    if last < first:
        raise InvalidValue(
            f"days off {value!r}: the last day {last.isoformat()} is before the first "
            f"{first.isoformat()}",
            f"ngày nghỉ phát {value!r}: ngày cuối {_vi(last)} trước ngày đầu {_vi(first)}",
        )
    return first, last


def join(entries: Sequence[DayRange]) -> list[DayRange]:
    """Sorted, with overlapping and touching ranges made one."""
    out: list[DayRange] = []
    for first, last in sorted(entries):
        if out and (out[-1][1] >= date.max or first <= out[-1][1] + timedelta(days=1)):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def text(first: date, last: date) -> str:
    """How a range is written in a schedule: its date alone when it is one day."""
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()}{RANGE_SEPARATOR}{last.isoformat()}"


def normalise(value: object) -> object:
    """A rule's `days_off` as given → its one written form (a pydantic before-validator)."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise InvalidValue(
            'days_off is a list of dates and ranges, e.g. ["2027-02-05/2027-02-10", "2027-09-02"]',
            "ngày nghỉ phát (days_off) phải là danh sách ngày và khoảng ngày, ví dụ "
            '["2027-02-05/2027-02-10", "2027-09-02"]',
        )
    if len(value) > MAX_DAYS_OFF:
        raise InvalidValue(
            f"at most {MAX_DAYS_OFF} days off or ranges in a rule (got {len(value)}); "
            "write days in a row as one range",
            f"mỗi quy tắc có tối đa {MAX_DAYS_OFF} ngày hoặc khoảng nghỉ phát (nhận "
            f"{len(value)}); những ngày liền nhau hãy viết thành một khoảng",
        )
    return [text(first, last) for first, last in join([_entry(v) for v in value])]


@lru_cache(maxsize=256)
def ranges(days_off: tuple[str, ...]) -> tuple[DayRange, ...]:
    """The ranges of a normalised `days_off`, in order."""
    return tuple(_entry(t) for t in days_off)


def is_off(days_off: Sequence[DayRange], day: date) -> bool:
    return any(first <= day <= last for first, last in days_off)


def on_spans(
    days_off: Sequence[DayRange], lo: datetime, hi: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """[lo, hi) less the local days of `days_off` (sorted, disjoint): the parts in which the
    rule may fire, in order. A range to 31/12/9999 runs to the end of time."""
    cursor = lo
    for first, last in days_off:
        if cursor >= hi:
            return
        off_lo = at_local(first)
        off_hi = at_local(last + timedelta(days=1)) if last < date.max else None
        if off_hi is not None and off_hi <= cursor:
            continue
        if off_lo >= hi:
            break
        if cursor < off_lo:
            yield cursor, off_lo
        if off_hi is None:
            return
        cursor = max(cursor, off_hi)
    if cursor < hi:
        yield cursor, hi

"""Asia/Ho_Chi_Minh wall time: the only clock face the scheduler knows (never the machine's)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from content_library.types import HO_CHI_MINH

from .errors import InvalidValue, ScheduleError

TZ = ZoneInfo(HO_CHI_MINH)

_HHMM = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")  # ASCII digits only

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def parse_hhmm(text: str) -> time:
    """ "06:00" → time(6, 0); "6:00" is accepted too. Raises ValueError with the bad text."""
    m = _HHMM.match(text.strip()) if isinstance(text, str) else None
    if not m:
        # "24:00" is how people write the end of a day: say what to write instead
        midnight = isinstance(text, str) and text.strip() in ("24:00", "24:0", "24")
        raise InvalidValue(
            f"bad time {text!r}: expected HH:MM between 00:00 and 23:59"
            + (" (midnight is 00:00: a window 23:00–00:00 runs to midnight)" if midnight else ""),
            f"giờ không hợp lệ {text!r}: cần dạng HH:MM từ 00:00 đến 23:59"
            + (" (nửa đêm là 00:00: khung 23:00–00:00 chạy đến nửa đêm)" if midnight else ""),
        )
    return time(int(m.group(1)), int(m.group(2)))


def require_aware(value: datetime, name: str) -> datetime:
    """Refuse naive datetimes (a naive value is the machine's clock face); return it in TZ."""
    if not isinstance(value, datetime):
        raise ScheduleError(f"{name} must be a datetime", f"{name} phải là thời điểm (datetime)")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ScheduleError(
            f"{name} must carry a time zone (got naive {value.isoformat()})",
            f"{name} phải có múi giờ (nhận {value.isoformat()} không có múi giờ)",
        )
    try:
        return value.astimezone(TZ)
    except OverflowError:  # 0001-01-01T00:00+14:00 is before the calendar's first day here
        raise ScheduleError(
            f"{name} {value.isoformat()} is outside the calendar (years 1 to 9999)",
            f"{name} {value.isoformat()} nằm ngoài lịch (năm 1 đến năm 9999)",
        ) from None


def at_local(day: date, clock: time = time(0)) -> datetime:
    """The instant `clock` on `day` in Vietnam (no DST there, so never ambiguous)."""
    return datetime.combine(day, clock, tzinfo=TZ)


def day_start(value: datetime) -> datetime:
    return at_local(value.astimezone(TZ).date())


def next_day_start(value: datetime) -> datetime:
    return at_local(value.astimezone(TZ).date() + timedelta(days=1))


def iso(value: datetime) -> str:
    """ISO 8601 with the +07:00 offset; milliseconds only when there are any."""
    local = value.astimezone(TZ)
    return local.isoformat(timespec="milliseconds" if local.microsecond else "seconds")


def _clock(local: datetime, to_the_second: bool) -> str:
    """HH:MM, or HH:MM:SS for an instant off the whole minute when `to_the_second`: a slot
    at 23:59 refused at 23:59:30 must not read as refused at 23:59."""
    exact = to_the_second and (local.second or local.microsecond)
    return local.strftime("%H:%M:%S" if exact else "%H:%M")


def human_en(value: datetime, *, to_the_second: bool = False) -> str:
    local = value.astimezone(TZ)
    return f"{local:%Y-%m-%d} {_clock(local, to_the_second)}"


def human_vi(value: datetime, *, to_the_second: bool = False) -> str:
    local = value.astimezone(TZ)
    return f"{_clock(local, to_the_second)} ngày {local:%d/%m/%Y}"

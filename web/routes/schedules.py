"""Operators compose schedules from approved items and relay windows, see the coming week,
publish, download.

A schedule targets one unit or one area (every unit inside it). The form is plain fields a
commune radio operator can fill on a phone; it is composed into the scheduler's format-1
rules (scheduler/rules.py) and validated there, so the panel, `loa plan` and the unit read
the same thing. The week ahead is computed with the scheduler's own `expand`, so conflicts
and quiet-hour or cap violations show before anything is published; what the quiet hours
hold back is also said in one sentence above "Xuất bản", with when they end (someone trying
the demo at 23:00 would otherwise hear nothing and not know why). The week may also be asked
from a later day (`?from=` on the page, `start` in the API: next month, Tết seen from
December); it then starts at that day's Vietnamese midnight. Publishing builds and
signs one bundle for the schedule's target (content_library.publishing); "Tải về cho USB"
serves those exact bytes.

Days off (ngày nghỉ phát): one line of dates and ranges as people write them ("05/02/2027–
10/02/2027, 02/09/2027"; ISO dates too) becomes the `days_off` of every recurring rule and relay
window of the schedule (scheduler.days_off); the week view says which of its days are off.

The cron "Thứ" field also takes the days as the form's boxes name them and people write them
(T2 … T7, CN, "thứ 2-6", "chủ nhật") and refuses bare numbers: the rule's count Monday = 0, so
"thứ 2" typed as 2 would be Wednesday (`cron_weekdays`; a stored rule's numbers are shown as
names, `typed_weekdays`); its "Ngày" field takes "cuối tháng" (the month's last day)
and "T6 cuối tháng", and refuses a lunar day (rằm, mùng 1) saying what to do (`cron_day`).

Relay windows (tiếp sóng, issue 16): the form names one relay channel the target's area may
use (content_library.relay) and its daily windows; each window is a scheduler relay rule. A
window touching quiet hours is refused when saving and again when publishing
(scheduler.policy.check_relay_windows), so a wrong relay time never reaches a unit; the week
shows relay windows among the broadcasts, cut where an emergency interrupts them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from content_library import access, publishing, relay, services, signing, validation
from content_library.errors import NotFound, PermissionDenied, ValidationError
from content_library.models import (
    Area,
    Publication,
    Schedule,
    Script,
    ScriptVersion,
    Unit,
    User,
    linked_row,
    require_id,
)
from content_library.relay_models import ChannelState
from content_library.types import Priority, Role
from scheduler import days_off as off
from scheduler.errors import ScheduleError
from scheduler.plan import expand
from scheduler.policy import check_campaign_ahead, check_once_ahead, check_relay_windows
from scheduler.rules import OnceRule, QuietHours, parse_schedule
from scheduler.rules import Schedule as ScheduleRules
from scheduler.timeline import ItemInfo, Plan, Violation
from scheduler.tz import TZ as HO_CHI_MINH
from scheduler.tz import WEEKDAYS_EN, WEEKDAYS_VI, at_local, parse_hhmm
from web.deps import CurrentUser, Now, PageDep, SessionDep, discard
from web.i18n import N_
from web.schemas import ERRORS, IdPath
from web.services.devices import aware
from web.services.forms import form_ints, form_text, parse_local_day

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["schedules"])

TIMELINE_DAYS = 7
WEEKDAY_MSGIDS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
VIOLATION_MSGIDS = {
    "quiet_hours": N_("quiet hours"),
    "weekday": N_("day not allowed"),
    "max_per_day": N_("too many a day"),
    "max_session": N_("session too long"),
    "loop_stopped": N_("loop stopped"),
    "week_boundary": N_("still playing at Monday 00:00"),
    "approval": N_("outside its approval"),
}
CONFLICT_MSGIDS = {
    "dropped": N_("conflict"),
    "kept_both": N_("conflict"),
    "preempted": N_("interrupted"),
}
RELAY_PRIORITIES = (Priority.NORMAL.value, Priority.PRIORITY.value)


# --- what an operator may touch --------------------------------------------------------------


def operator_area_ids(session: Session, user: User) -> set[int]:
    """Every area inside the subtrees where the user is an operator (or admin)."""
    return access.role_area_ids(session, user, Role.OPERATOR.value)


def _require_operator(session: Session, user: User, area_id: int) -> None:
    if not access.has_role(session, user, Role.OPERATOR.value, area_id):
        raise PermissionDenied(
            "only the operator of this area may do this",
            "Chỉ đài truyền thanh của địa bàn này được làm việc này.",
        )


def _schedule_or_404(session: Session, user: User, schedule_id: int) -> Schedule:
    schedule = session.get(Schedule, schedule_id)
    if schedule is None or schedule.area_id not in operator_area_ids(session, user):
        raise NotFound("no such schedule", "Không tìm thấy lịch phát.")
    return schedule


@dataclass(frozen=True)
class Target:
    value: str  # "unit:ngoc-chuc-01" | "area:3"
    kind: str
    id: str
    area_id: int
    label: str


def targets_for(session: Session, user: User) -> list[Target]:
    ids = operator_area_ids(session, user)
    if not ids:
        return []
    areas = sorted(
        session.exec(select(Area).where(col(Area.id).in_(ids))).all(), key=lambda a: a.path
    )
    names = {a.id: a.name for a in areas}
    out = [
        Target(
            f"area:{a.id}",
            "area",
            str(a.id),
            require_id(a),
            "\u00a0\u00a0" * max(0, a.path.count("/") - 2) + a.name,
        )
        for a in areas
    ]
    units = session.exec(select(Unit).where(col(Unit.area_id).in_(ids)).order_by(Unit.id)).all()
    out[:0] = [
        Target(f"unit:{u.id}", "unit", u.id, u.area_id, f"{u.name} ({u.id}) — {names[u.area_id]}")
        for u in units
    ]
    return out


def approved_items(
    session: Session, user: User, now: datetime
) -> list[tuple[ScriptVersion, Script]]:
    """Approved, unexpired versions in the operator's areas: what a schedule may use."""
    versions = services.approved_versions(
        session, area_ids=operator_area_ids(session, user), now=now
    )
    scripts = {
        s.id: s
        for s in session.exec(
            select(Script).where(col(Script.id).in_({v.script_id for v in versions} or {-1}))
        ).all()
    }
    return sorted(
        ((v, scripts[v.script_id]) for v in versions if v.render_sha256),
        key=lambda p: (p[0].title.casefold(), p[0].id),
    )


# --- the form → format-1 rules ---------------------------------------------------------------


def _int(
    value: str, *, field: str, vi: str, lo: int, hi: int, default: int | None = None
) -> int | None:
    value = (value or "").strip()
    if not value:
        return default
    try:
        n = int(value)
    except ValueError:
        n = None
    if n is None or not lo <= n <= hi:
        raise ValidationError(
            f"{field} must be a whole number from {lo} to {hi}",
            f"{vi} phải là số nguyên từ {lo} đến {hi}.",
            field=field,
        )
    return n


def _weekdays(form: FormData, name: str) -> list[int]:
    days = sorted({d for d in form_ints(form, name) if d <= 6})
    return days


def _weekdays_or_every_day(form: FormData, name: str) -> list[int]:
    """The days ticked; none ticked on the form (its boxes were shown) is refused, not read
    as every day. A client that sends no boxes at all gets every day."""
    days = _weekdays(form, name)
    if days:
        return days
    if form_text(form, f"{name}_shown"):
        raise ValidationError(
            "tick at least one day of the week",
            "Hãy chọn ít nhất một ngày trong tuần (không chọn ngày nào thì không phát được).",
            field=name,
        )
    return list(range(7))


# A day as people type it: 05/02/2027, 5-2-2027, 05.02.2027 (day first), or ISO 2027-02-05.
_TYPED_DAY = r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
# One entry of the days-off line: a day, or two joined by a dash, "/", "..", "~" or "đến".
_TYPED_DAY_OFF = re.compile(
    rf"({_TYPED_DAY})(?:\s*(?:–|—|-|/|\.\.|~|đến|to)\s*({_TYPED_DAY}))?", re.IGNORECASE
)
MAX_DAYS_OFF_CHARS = 4000
# A one-off time written as the form's date-and-time box sends it, whatever its numbers.
_WRITTEN_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?")


def _typed_day(text: str, entry: str) -> date:
    parts = re.split(r"[/.-]", text)
    year, month, day = (int(n) for n in (parts if len(parts[0]) == 4 else parts[::-1]))
    try:
        return date(year, month, day)
    except ValueError:
        said = text if text == entry else f"{text} ({entry})"
        raise ValidationError(
            f"days off: {said} is not in the calendar (day/month/year)",
            f"Nghỉ phát: không có ngày {said} trong lịch (ngày/tháng/năm; 29/02 chỉ có ở năm "
            "nhuận).",
            field="days_off",
        ) from None


def parse_days_off(text: str) -> list[str]:
    """The "Nghỉ phát" line → a rule's `days_off` (ISO dates and ranges, normalised), e.g.
    "05/02/2027–10/02/2027, 02/09/2027" → ["2027-02-05/2027-02-10", "2027-09-02"].
    Entries are separated by commas, semicolons or new lines; dates are day/month/year."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()
    if len(text) > MAX_DAYS_OFF_CHARS:
        raise ValidationError(
            f"days off: at most {MAX_DAYS_OFF_CHARS} characters",
            f"Nghỉ phát: tối đa {MAX_DAYS_OFF_CHARS} ký tự.",
            field="days_off",
        )
    entries = [e.strip() for e in re.split(r"[,;\n]", text) if e.strip()]
    if len(entries) > off.MAX_DAYS_OFF:
        raise ValidationError(
            f"days off: at most {off.MAX_DAYS_OFF} days or ranges (got {len(entries)}); write "
            "days in a row as one range, e.g. 05/02/2027–10/02/2027",
            f"Nghỉ phát: tối đa {off.MAX_DAYS_OFF} ngày hoặc khoảng ngày (nhận {len(entries)}); "
            "những ngày liền nhau hãy viết thành một khoảng, ví dụ 05/02/2027–10/02/2027.",
            field="days_off",
        )
    ranges = []
    for entry in entries:
        m = _TYPED_DAY_OFF.fullmatch(entry)
        if m is None:
            raise ValidationError(
                f"days off: write a day as 02/09/2027 and a range as 05/02/2027–10/02/2027, "
                f"separated by commas (got {entry!r})",
                f"Nghỉ phát: viết mỗi ngày dạng 02/09/2027, mỗi khoảng dạng 05/02/2027–10/02/2027, "
                f"cách nhau bằng dấu phẩy (nhận {entry!r}).",
                field="days_off",
            )
        first = _typed_day(m[1], entry)
        last = _typed_day(m[2], entry) if m[2] else first
        if last < first:
            raise ValidationError(
                f"days off {entry!r}: the last day {last:%d/%m/%Y} is before the first "
                f"{first:%d/%m/%Y}",
                f"Nghỉ phát {entry!r}: ngày cuối {last:%d/%m/%Y} trước ngày đầu {first:%d/%m/%Y}.",
                field="days_off",
            )
        ranges.append((first, last))
    return [off.text(first, last) for first, last in off.join(ranges)]


def typed_days_off(ranges: Sequence[off.DayRange]) -> str:
    """Days off as the form shows them: "05/02/2027–10/02/2027, 02/09/2027"."""
    return ", ".join(
        f"{first:%d/%m/%Y}" if first == last else f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
        for first, last in ranges
    )


def schedule_days_off(rules: ScheduleRules) -> list[off.DayRange]:
    """Every day off of the schedule's rules, joined (the form gives all its rules the same)."""
    return off.join(
        [r for rule in rules.rules if not isinstance(rule, OnceRule) for r in rule.day_ranges()]
    )


def _campaign_dates(form: FormData) -> dict[str, Any]:
    """The campaign's first and last day ("từ ngày … đến ngày …") and its days off ("Nghỉ
    phát"), where the form gives them; they bound every recurring rule of the schedule, its
    relay windows included. One-off times are left as they are (a notice on a day of mourning
    still plays)."""
    dated: dict[str, Any] = {k: form.get(k) for k in ("start_date", "end_date") if form.get(k)}
    days_off = parse_days_off(form_text(form, "days_off"))
    if days_off:  # absent, not empty: a schedule without days off is saved as before
        dated["days_off"] = days_off
    return dated


# The days of the week as the panel's own boxes name them (T2 … T7, CN) and as people write
# them, for the cron "Thứ" field: Vietnamese counts thứ 2 = Monday … thứ 7 = Saturday, then
# Chủ nhật, where the rule's numbers count Monday = 0 … Sunday = 6 ("2" is Wednesday there).
_DAY_NAMES_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_WORDS_VI = ("hai", "ba", "tư", "năm", "sáu", "bảy")
_VI_DAYS: dict[str, str] = {
    **{
        f"{prefix}{n}": name
        for n, name in zip(range(2, 8), _DAY_NAMES_EN, strict=False)
        for prefix in ("t", "t.", "thứ ", "thu ")
    },
    **{f"thứ {word}": name for word, name in zip(_DAY_WORDS_VI, _DAY_NAMES_EN, strict=False)},
    **dict.fromkeys(("cn", "c.n", "chủ nhật", "chu nhat"), "sun"),
}
_DAY_RANGE = re.compile(r"\s*(?:-|–|—|đến)\s*")


# A day of the week written as a bare number or a range of them ("2-6", "1-5", "0"): three
# calendars read it three ways (thứ 2 = Monday in Vietnamese, 1 = Monday in Unix cron, 0 =
# Monday in the rule), so the form takes names only.
_BARE_WEEKDAY = re.compile(r"[0-9]+(?:\s*-\s*[0-9]+)?(?:\s*/\s*[0-9]+)?")
_WEEKDAY_NAME_VI = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def typed_weekdays(stored: str) -> str:
    """A rule's `day_of_week` as the form shows it: its numbers (Monday = 0, from the API or an
    older form) written as the names the form takes (T2 … CN), so saving it again keeps its
    days; names and steps are shown as stored."""

    def name(m: re.Match[str]) -> str:
        n = int(m[0])
        return _WEEKDAY_NAME_VI[n] if n < 7 else m[0]

    parts = [p.strip() for p in stored.split(",")]
    if not all(re.fullmatch(r"[0-6](?:-[0-6])?", p) for p in parts):
        return stored
    return ",".join(re.sub(r"[0-9]", name, p) for p in parts)


def cron_weekdays(text: str) -> str:
    """The form's cron "Thứ" field as the rule reads it: Vietnamese names ("T2-T6", "thứ 2,
    thứ 4", "T7, CN", "chủ nhật") become mon … sun; English names and "*" steps are left for the
    scheduler to read or refuse. "T2-6" is thứ 2 to thứ 6. A bare number ("2-6", "1-5") is
    refused naming the names to write: an operator meaning thứ 2 – thứ 6 (or Unix cron's 1-5)
    would get the rule's Wednesday to Sunday (Monday = 0). The API keeps the documented
    numbers (docs/bundle-format.md)."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()
    parts = [p.strip() for p in text.split(",")]
    named = False
    out = []
    for part in parts:
        bounds = _DAY_RANGE.split(" ".join(part.casefold().split()))
        if (
            len(bounds) == 2
            and bounds[0][-1:].isdigit()
            and len(bounds[1]) == 1
            and bounds[1] in "234567"
        ):
            bounds[1] = bounds[0][:-1] + bounds[1]  # "T2-6", "thứ 2-6": thứ 2 to thứ 6
        if len(bounds) <= 2 and all(b in _VI_DAYS for b in bounds):
            named = True
            out.append("-".join(_VI_DAYS[b] for b in bounds))
        else:
            out.append(part)
    numbers = [
        p
        for p, o in zip(parts, out, strict=True)
        if p == o and (named or _BARE_WEEKDAY.fullmatch(p)) and re.search(r"[0-9]", p)
    ]
    if numbers:
        raise ValidationError(
            f"day of week {text!r}: write every day as a name (T2 … T7, CN or mon … sun); "
            f"{numbers[0]!r} is a number, and numbers count Monday as 0",
            f"Thứ {text!r}: hãy viết mọi ngày bằng chữ (T2 … T7, CN hoặc mon … sun); "
            f"{numbers[0]!r} là số, mà số ở đây tính thứ Hai là 0, không phải 2.",
            field="cron_day_of_week",
        )
    return ",".join(out) if named else text


_MONTHS_LAST = re.compile(r"(?:ngày )?cuối(?: tháng)?")
_LAST_WEEKDAY = re.compile(r"(.+?) cuối(?: cùng)?(?: (?:của|trong))?(?: tháng)?")
_LAST_WORKDAY = re.compile(
    r"(?:ngày )?làm việc cuối(?: cùng)?(?: (?:của|trong))?(?: tháng)?|last (?:week|work|business) ?day"
)
_LUNAR = re.compile(r"rằm|mùng|mồng|âm lịch|\bâl\b|\bal\b")


def cron_day(text: str) -> str:
    """The form's cron "Ngày" field as the rule reads it: "cuối tháng" (ngày cuối tháng) is the
    month's last day, `last`; "T6 cuối tháng" (thứ Sáu cuối cùng) is `last fri`. A lunar day
    (rằm, mùng 1) is refused saying what to do: the scheduler has no lunar calendar."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()
    said = " ".join(text.casefold().split())
    if _MONTHS_LAST.fullmatch(said):
        return "last"
    m = _LAST_WEEKDAY.fullmatch(said)
    if m and m[1] in _VI_DAYS:
        return f"last {_VI_DAYS[m[1]]}"
    if _LAST_WORKDAY.fullmatch(said):
        raise ValidationError(
            f"day {text!r}: there is no rule for the month's last working day; use 'last' (the "
            "month's last day, weekends included) or a weekday such as 'last fri'",
            f"Ngày {text!r}: không có quy tắc “ngày làm việc cuối tháng”; hãy dùng "
            "“cuối tháng” (ngày cuối tháng, kể cả thứ Bảy, Chủ nhật) hoặc một thứ như "
            "“T6 cuối tháng” (thứ Sáu cuối cùng của tháng).",
            field="cron_day",
        )
    if _LUNAR.search(said):
        raise ValidationError(
            f"day {text!r}: the scheduler has no lunar calendar; give each lunar day as a one-off "
            "time from a lunar calendar (rằm tháng Giêng Đinh Mùi is 20/02/2027)",
            f"Ngày {text!r}: bộ lập lịch không tính theo âm lịch; hãy đặt giờ phát một lần cho "
            "từng ngày âm lịch, tra theo lịch âm (rằm tháng Giêng Đinh Mùi là 20/02/2027).",
            field="cron_day",
        )
    return text


def _relay_rules(form: FormData, *, channels: set[str]) -> list[dict[str, Any]]:
    """The relay rules of the form: one channel, its windows "05:30-06:00, 18:00-18:30", on the
    days ticked (none ticked is refused, as for broadcasts) within the campaign's dates."""
    code = form_text(form, "relay_channel").strip()
    windows = form_text(form, "relay_windows").strip()
    if not code and not windows:
        return []
    weekdays = _weekdays_or_every_day(form, "relay_weekdays")
    if code not in channels:
        raise ValidationError(
            "choose a relay channel your area may relay",
            "Hãy chọn kênh tiếp sóng mà địa bàn được phép dùng.",
            field="relay_channel",
        )
    priority = form_text(form, "relay_priority") or Priority.NORMAL.value
    if priority not in RELAY_PRIORITIES:
        raise ValidationError(
            "a relay is normal or priority",
            "Tiếp sóng chỉ có mức thông thường hoặc ưu tiên.",
            field="relay_priority",
        )
    rules = []
    for text in windows.replace(";", ",").split(","):
        if not text.strip():
            continue
        parts = text.replace("–", "-").split("-")
        if len(parts) != 2:
            raise ValidationError(
                f"a relay window is written 05:30-06:00 (got {text.strip()!r})",
                f"Khung giờ tiếp sóng viết dạng 05:30-06:00 (nhận {text.strip()!r}).",
                field="relay_windows",
            )
        rules.append(
            {
                "kind": "relay",
                "relay": code,
                "window": {"start": parts[0].strip(), "end": parts[1].strip()},
                "weekdays": weekdays,
                "priority": priority,
                **_campaign_dates(form),
            }
        )
    if not rules:
        raise ValidationError(
            "give the relay windows, e.g. 05:30-06:00, 18:00-18:30",
            "Hãy nhập khung giờ tiếp sóng, ví dụ 05:30-06:00, 18:00-18:30.",
            field="relay_windows",
        )
    return rules


def compose(
    form: FormData,
    *,
    targets: list[Target],
    allowed_ids: set[int],
    relay_channels: Any = lambda area_id: set(),
    now: datetime | None = None,
    saved_once: list[datetime] | None = None,
    saved_end_dates: list[date] | None = None,
) -> dict[str, Any]:
    """Validate the form and build the schedule row's fields; ValidationError says what's wrong.

    `relay_channels(area_id)` gives the relay channel ids a schedule for that area may use.
    Given `now`, a one-off time before it is refused, unless it is one of `saved_once` (the
    slots the schedule had when it was opened for editing), and so is a campaign that ended
    before today, unless its end date is one of `saved_end_dates`."""
    name = services.nfc(form_text(form, "name").strip())
    if not name or len(name) > 200:
        raise ValidationError(
            "the schedule needs a name (at most 200 characters)",
            "Lịch phát cần có tên (tối đa 200 ký tự).",
            field="name",
        )
    name = validation.clean_text(name, validation.SCHEDULE_NAME)  # no control or bidi character
    target = next((t for t in targets if t.value == form.get("target")), None)
    if target is None:
        raise ValidationError(
            "choose a unit or an area in your areas",
            "Hãy chọn cụm loa hoặc địa bàn thuộc phạm vi của bạn.",
            field="target",
        )
    version_ids = sorted(set(form_ints(form, "version_ids")))
    relay_rules = _relay_rules(form, channels=relay_channels(target.area_id))
    if not version_ids and not relay_rules:
        raise ValidationError(
            "choose at least one approved item",
            "Hãy chọn ít nhất một bản tin đã duyệt.",
            field="version_ids",
        )
    if not set(version_ids) <= allowed_ids:
        raise ValidationError(
            "an item is not approved, has expired or is outside your areas",
            "Có bản tin chưa được duyệt, đã hết hiệu lực hoặc ngoài địa bàn của bạn.",
            field="version_ids",
        )
    item_ids = [publishing.item_id(v) for v in version_ids]
    repeat = _int(
        form_text(form, "repeat"), field="repeat", vi="Số lần lặp", lo=1, hi=20, default=1
    )
    gap = _int(form_text(form, "gap_s"), field="gap_s", vi="Khoảng nghỉ", lo=0, hi=3600, default=0)
    common = {"item_ids": item_ids, "repeat": repeat, "gap_s": gap}
    rules: list[dict[str, Any]] = []
    body: dict[str, Any] = {"format": 1, "rules": rules}
    mode = form_text(form, "mode") or "times"
    if not item_ids:
        pass  # relay windows only
    elif mode == "loop":
        body["loop"] = {"item_ids": item_ids, "gap_s": gap}
    else:
        times = [
            t.strip() for t in form_text(form, "times").replace(";", ",").split(",") if t.strip()
        ]
        dated = _campaign_dates(form)
        if times:
            rules.append(
                {
                    "kind": "daily",
                    "times": times,
                    "weekdays": _weekdays_or_every_day(form, "weekdays"),
                    **dated,
                    **common,
                }
            )
        cron = {
            k: form_text(form, f"cron_{k}").strip()
            for k in ("minute", "hour", "day", "month", "day_of_week")
        }
        cron["day_of_week"] = cron_weekdays(cron["day_of_week"])
        cron["day"] = cron_day(cron["day"])
        if any(cron.values()):
            rules.append(
                {"kind": "cron", **{k: v for k, v in cron.items() if v}, **dated, **common}
            )
        once = form_text(form, "once_at").strip()
        if once:
            try:
                at = datetime.fromisoformat(once)
            except ValueError:
                if _WRITTEN_DATE_TIME.fullmatch(once):  # 2027-02-29T07:00, …T24:00
                    raise ValidationError(
                        f"the one-off time {once} is not in the calendar (that month has no "
                        "such day, 29/02 is in leap years only; hours run from 00:00 to 23:59, "
                        "24:00 is 00:00 of the next day)",
                        f"Giờ phát một lần {once} không có trong lịch (tháng không có ngày này, "
                        "29/02 chỉ có ở năm nhuận; giờ từ 00:00 đến 23:59, 24:00 là 00:00 của "
                        "ngày hôm sau).",
                        field="once_at",
                    ) from None
                raise ValidationError(
                    "the one-off time is not a date and time",
                    "Giờ phát một lần không đúng định dạng ngày giờ.",
                    field="once_at",
                ) from None
            at = at.replace(tzinfo=HO_CHI_MINH) if at.tzinfo is None else at
            rules.append({"kind": "once", "at": at.isoformat(), **common})
        if not rules and not relay_rules:
            raise ValidationError(
                "give times of day, a cron rule or a one-off time",
                "Hãy nhập giờ phát hằng ngày, quy tắc lặp hoặc giờ phát một lần.",
                field="times",
            )
    quiet_start, quiet_end = (
        form_text(form, "quiet_start").strip(),
        form_text(form, "quiet_end").strip(),
    )
    policy: dict[str, Any] = {
        "quiet_hours": {"start": quiet_start, "end": quiet_end}
        if quiet_start or quiet_end
        else None,
        "allowed_weekdays": _weekdays_or_every_day(form, "allowed_weekdays"),
    }
    max_day = _int(
        form_text(form, "max_per_day"), field="max_per_day", vi="Số buổi mỗi ngày", lo=1, hi=100
    )
    max_min = _int(
        form_text(form, "max_session_minutes"),
        field="max_session_minutes",
        vi="Số phút mỗi buổi",
        lo=1,
        hi=24 * 60,
    )
    if max_day:
        policy["max_per_day"] = max_day
    if max_min:
        policy["max_session_minutes"] = max_min
    body["policy"] = policy
    rules.extend(relay_rules)
    if parse_days_off(form_text(form, "days_off")) and not any("days_off" in r for r in rules):
        raise ValidationError(  # typed, then lost on saving: say so instead
            "days off apply to times of day, cron rules and relay windows, and this schedule "
            "has none (a one-off time or a loop plays whatever the day)",
            "Ngày nghỉ phát chỉ áp dụng cho giờ phát hằng ngày, quy tắc lặp và khung tiếp sóng, "
            "mà lịch phát này không có (giờ phát một lần và phát lặp không theo ngày nghỉ).",
            field="days_off",
        )
    try:
        rules_model = parse_schedule(body, item_ids=item_ids)
        check_relay_windows(rules_model)  # a wrong relay time is refused here, not played
        if now is not None:
            check_once_ahead(rules_model, now=now, saved=saved_once or [])
            check_campaign_ahead(rules_model, now=now, saved=saved_end_dates or [])
    except ScheduleError as exc:
        field = {
            "relay_quiet_hours": "relay_windows",
            "once_past": "once_at",
            "campaign_past": "end_date",
        }.get(exc.code, "rules")
        raise ValidationError(exc.reason, exc.reason_vi, field=field, code=exc.code) from None
    return {
        "name": name,
        "target": target,
        "version_ids": version_ids,
        "body": rules_model.model_dump(mode="json"),
    }


def form_values(schedule: Schedule | None) -> dict[str, Any]:
    """The form's fields for an existing schedule (or the defaults for a new one)."""
    values: dict[str, Any] = {
        "mode": "times",
        "times": "",
        "weekdays": list(range(7)),
        "repeat": "1",
        "gap_s": "0",
        "quiet_start": "22:00",
        "quiet_end": "05:00",
        "allowed_weekdays": list(range(7)),
        "version_ids": [],
        "relay_weekdays": list(range(7)),
        "relay_priority": Priority.NORMAL.value,
    }
    if schedule is None:
        return values
    body = schedule.body or {}
    values.update(
        name=schedule.name,
        target=f"{schedule.target_kind}:{schedule.target_id}",
        version_ids=[int(v) for v in schedule.version_ids],
    )
    relay_windows = []
    for rule in body.get("rules", []):
        if rule["kind"] == "relay":
            relay_windows.append(f"{rule['window']['start']}-{rule['window']['end']}")
            values.update(
                relay_channel=rule["relay"],
                relay_weekdays=rule.get("weekdays", list(range(7))),
                relay_priority=rule.get("priority", Priority.NORMAL.value),
            )
            values.setdefault("start_date", rule.get("start_date") or "")
            values.setdefault("end_date", rule.get("end_date") or "")
            continue
        values.update(repeat=str(rule.get("repeat", 1)), gap_s=str(int(rule.get("gap_s", 0))))
        if rule["kind"] == "daily":
            values.update(
                times=", ".join(rule["times"]),
                weekdays=rule["weekdays"],
                start_date=rule.get("start_date") or "",
                end_date=rule.get("end_date") or "",
            )
        elif rule["kind"] == "cron":
            values.update(
                {
                    f"cron_{k}": rule.get(k) or ""
                    for k in ("minute", "hour", "day", "month", "day_of_week")
                }
            )
            values["cron_day_of_week"] = typed_weekdays(str(values["cron_day_of_week"]))
            values.setdefault("start_date", rule.get("start_date") or "")
            values.setdefault("end_date", rule.get("end_date") or "")
        elif rule["kind"] == "once":
            values["once_at"] = rule["at"][:16]
    values["relay_windows"] = ", ".join(relay_windows)
    values["days_off"] = typed_days_off(schedule_days_off(ScheduleRules.model_validate(body)))
    if body.get("loop"):
        values.update(mode="loop", gap_s=str(int(body["loop"].get("gap_s", 0))))
    policy = body.get("policy") or {}
    quiet = policy.get("quiet_hours")
    values.update(
        quiet_start=quiet["start"] if quiet else "",
        quiet_end=quiet["end"] if quiet else "",
        allowed_weekdays=policy.get("allowed_weekdays", list(range(7))),
        max_per_day=policy.get("max_per_day") or "",
        max_session_minutes=int(policy["max_session_minutes"])
        if policy.get("max_session_minutes")
        else "",
    )
    return values


# --- the week ahead ----------------------------------------------------------------------------


def item_infos(session: Session, version_ids: list[int]) -> dict[str, ItemInfo]:
    out = {}
    for vid in version_ids:
        v = session.get(ScriptVersion, int(vid))
        if v is None:
            continue
        out[publishing.item_id(require_id(v))] = ItemInfo(
            id=publishing.item_id(require_id(v)),
            duration_s=max(v.render_duration_s or 1.0, 0.1),
            priority=Priority(v.priority),
            title=v.title,
            # the approval's own window, as the bundle carries it: the unit starts the item
            # nowhere outside it, and the week shown gives those slots up as the unit does
            valid_from=aware(v.valid_from),
            valid_until=aware(v.valid_until),
        )
    return out


def relay_titles(session: Session, area_id: int, body: dict[str, Any]) -> dict[str, ItemInfo]:
    """What the week view calls each relay channel the rules name (for display only): the
    channel of that code the schedule's area may relay (another commune's may share it)."""
    codes = relay.relay_codes(body)
    names = {c.code: c.name for c in relay.usable_channels(session, area_id) if c.code in codes}
    return {code: ItemInfo(id=code, duration_s=1.0, title=names.get(code, code)) for code in codes}


def relay_problem(schedule: Schedule) -> ValidationError | None:
    """Relay windows in quiet hours: said on the schedule's page, refused when publishing."""
    try:
        check_relay_windows(ScheduleRules.model_validate(schedule.body))
    except ScheduleError as exc:
        return ValidationError(exc.reason, exc.reason_vi, field="relay_windows", code=exc.code)
    return None


def _plan(
    session: Session,
    version_ids: list[int],
    body: dict[str, Any],
    now: datetime,
    days: int = TIMELINE_DAYS,
    *,
    first_day: date | None = None,
) -> tuple[Plan, dict[str, ItemInfo]]:
    items = item_infos(session, version_ids)
    rules = ScheduleRules.model_validate(body)
    start = shown_from(now, first_day)
    return expand(rules, items, start=start, end=start + timedelta(days=days)), items


def week_plan(
    session: Session, schedule: Schedule, now: datetime, *, first_day: date | None = None
) -> tuple[Plan, dict[str, ItemInfo]]:
    """The coming week as the units would play it (from `first_day`'s midnight, if later than
    now); ScheduleError if it cannot be planned."""
    return _plan(session, schedule.version_ids, schedule.body, now, first_day=first_day)


# How far ahead the week view and the timeline may be asked to start: next year's Tết, not the
# calendar's end (a plan there would overflow it).
MAX_AHEAD_DAYS = 731


def shown_from(now: datetime, first_day: date | None) -> datetime:
    """Where a timeline starts: `now`, or the Vietnamese midnight opening `first_day` when that
    is later (a week around Tết seen from December). A day before today starts now: the plan
    says what will play, not what did (the as-run log does)."""
    start = now.astimezone(HO_CHI_MINH)
    if first_day is None:
        return start
    today = start.date()
    if first_day > today + timedelta(days=MAX_AHEAD_DAYS):
        raise ValidationError(
            f"a timeline starts at most {MAX_AHEAD_DAYS} days ahead (until "
            f"{today + timedelta(days=MAX_AHEAD_DAYS):%d/%m/%Y})",
            f"Chỉ xem được lịch bắt đầu trong vòng {MAX_AHEAD_DAYS} ngày tới (đến ngày "
            f"{today + timedelta(days=MAX_AHEAD_DAYS):%d/%m/%Y}).",
            field="from",
        )
    return max(start, at_local(first_day))


def plan_problem(
    session: Session, version_ids: list[int], body: dict[str, Any], now: datetime
) -> ValidationError | None:
    """Rules that parse but cannot be planned — more broadcasts than the planner looks at
    (a cron rule every minute, repeated), emergencies back to back for more than a day: a unit
    refuses their bundle (`schedule_invalid`), so they are refused when saving and publishing,
    and said on the page of a schedule saved before this check."""
    try:
        _plan(session, version_ids, body, now)
    except ScheduleError as exc:
        return ValidationError(exc.reason, exc.reason_vi, field="rules", code=exc.code)
    return None


# --- what the quiet hours hold back ------------------------------------------------------------


@dataclass(frozen=True)
class QuietNotice:
    """Broadcasts the area's quiet hours will not let play, said before publishing.

    kind "window": those of the recurring rules in the timeline shown; "once": one one-off
    slot (whenever it is, inside the timeline or not). `first_at` is the nearest held-back
    broadcast, `until` the end of the quiet period it falls in. Nothing here changes what
    plays: the scheduler drops these entries whatever the panel says.
    """

    kind: str
    quiet_hours: str  # "22:00–05:00"
    held: int
    first_at: datetime
    until: datetime
    reason: str
    reason_vi: str


def quiet_period_end(quiet: QuietHours, start: datetime, end: datetime) -> datetime:
    """The end of the first quiet period [start, end) touches (across midnight when start > end)."""
    q_start, q_end = parse_hhmm(quiet.start), parse_hhmm(quiet.end)
    day = start.astimezone(HO_CHI_MINH).date() - timedelta(days=1)
    while day <= end.astimezone(HO_CHI_MINH).date():
        lo = at_local(day, q_start)
        hi = at_local(day + timedelta(days=1) if q_end <= q_start else day, q_end)
        if start < hi and lo < end:
            return hi
        day += timedelta(days=1)
    raise ValueError(f"{start.isoformat()}–{end.isoformat()} is not in quiet hours {quiet.label()}")


def _when(at: datetime, today: date) -> tuple[str, str]:
    """A time and its day relative to the local date `today`, in English and Vietnamese:
    ("23:10 today (10/03)", "23:10 hôm nay (10/03)"). A day of another year outside the
    coming week carries its year: a one-off slot typed for 31/12 of the next year read
    "Friday (31/12)" on 30/12, as if it were the next day."""
    at = at.astimezone(HO_CHI_MINH)
    day = at.date()
    if day == today:
        en, vi = "today", "hôm nay"
    elif day == today + timedelta(days=1):
        en, vi = "tomorrow", "ngày mai"
    else:
        en, vi = WEEKDAYS_EN[day.weekday()], WEEKDAYS_VI[day.weekday()]
    near = today <= day < today + timedelta(days=7)
    shown = f"{at:%d/%m}" if near or day.year == today.year else f"{at:%d/%m/%Y}"
    return f"{at:%H:%M} {en} ({shown})", f"{at:%H:%M} {vi} ({shown})"


def _notice(
    kind: str,
    held: list[Violation],
    quiet: QuietHours,
    now: datetime,
    *,
    days: int = TIMELINE_DAYS,
    slot: datetime | None = None,
) -> QuietNotice:
    first = min(held, key=lambda v: v.entry.start).entry
    until = quiet_period_end(quiet, first.start, first.end)
    today = now.astimezone(HO_CHI_MINH).date()
    (first_en, first_vi), (until_en, until_vi) = _when(first.start, today), _when(until, today)
    label, n = quiet.label(), len(held)
    hint_en = f"For it to play, pick a time from {quiet.end} on, outside the quiet hours."
    hint_vi = f"Muốn bản tin được phát, hãy chọn giờ từ {quiet.end} trở đi, ngoài giờ yên tĩnh."
    count_en = f"{n} broadcast falls" if n == 1 else f"{n} broadcasts fall"
    if kind == "once":
        slot_en, slot_vi = _when(slot or first.start, today)
        reason = (
            f"The one-off time {slot_en}: {count_en} in the quiet hours {label} and will not "
            f"play; those quiet hours last until {until_en}. {hint_en}"
        )
        reason_vi = (
            f"Giờ phát một lần {slot_vi}: {n} lượt phát rơi vào giờ yên tĩnh {label} nên sẽ "
            f"không được phát; giờ yên tĩnh đó kéo dài đến {until_vi}. {hint_vi}"
        )
    else:
        reason = (
            f"{count_en} in the next {days} days in the quiet hours {label} and will not play; "
            f"the nearest at {first_en}, and those quiet hours last until {until_en}. {hint_en}"
        )
        reason_vi = (
            f"{n} lượt phát trong {days} ngày tới rơi vào giờ yên tĩnh {label} nên sẽ không "
            f"được phát; lượt gần nhất lúc {first_vi}, giờ yên tĩnh đó kéo dài đến "
            f"{until_vi}. {hint_vi}"
        )
    return QuietNotice(
        kind=kind,
        quiet_hours=label,
        held=n,
        first_at=first.start,
        until=until,
        reason=reason,
        reason_vi=services.nfc(reason_vi),
    )


def quiet_notices(
    rules: ScheduleRules,
    items: dict[str, ItemInfo],
    plan: Plan,
    now: datetime,
    *,
    days: int = TIMELINE_DAYS,
) -> list[QuietNotice]:
    """What the quiet hours hold back: one notice per one-off slot still ahead, one for the
    recurring rules in `plan` (the timeline shown). Emergencies are exempt in the scheduler,
    so they never show up here."""
    quiet = rules.policy.quiet_hours
    if quiet is None:
        return []
    once = {i: r for i, r in enumerate(rules.rules) if isinstance(r, OnceRule)}
    out = []
    for index, rule in once.items():
        if rule.at < now:
            continue  # gone: it does not play whatever the quiet hours say
        # its own expansion, so a slot beyond the timeline is said too
        around = expand(rules, items, start=rule.at, end=rule.at + timedelta(days=2))
        held = [
            v for v in around.violations if v.kind == "quiet_hours" and v.entry.rule_index == index
        ]
        if held:
            out.append(_notice("once", held, quiet, now, slot=rule.at))
    recurring = [
        v for v in plan.violations if v.kind == "quiet_hours" and v.entry.rule_index not in once
    ]
    if recurring:
        out.insert(0, _notice("window", recurring, quiet, now, days=days))
    return out


def timeline_days(plan: Plan, *, days_off: Sequence[off.DayRange] = ()) -> list[dict[str, Any]]:
    """Entries, conflicts and violations grouped by local day, in time order; the days of the
    timeline that are `days_off` are shown too (`off`), with or without rows."""
    days: dict[Any, dict[str, Any]] = {}
    first = plan.start.astimezone(HO_CHI_MINH).date()
    # to the day the plan ends in: a week from now runs into an eighth day, one from a
    # midnight (`?from=`) does not
    last = (plan.end - timedelta(microseconds=1)).astimezone(HO_CHI_MINH).date()
    for n in range((last - first).days + 1):
        d = first + timedelta(days=n)
        days[d] = {"date": d, "rows": [], "off": off.is_off(days_off, d)}
    for e in plan.entries:
        days.setdefault(e.start.date(), {"date": e.start.date(), "rows": []})["rows"].append(
            {"kind": "entry", "entry": e, "at": e.start}
        )
    for c in plan.conflicts:
        days.setdefault(c.at.date(), {"date": c.at.date(), "rows": []})["rows"].append(
            {
                "kind": "conflict",
                "entry": c.entry,
                "at": c.at,
                "reason_vi": c.reason_vi,
                "reason": c.reason,
                "what": CONFLICT_MSGIDS.get(c.kind, c.kind),
            }
        )
    for v in plan.violations:
        days.setdefault(v.at.date(), {"date": v.at.date(), "rows": []})["rows"].append(
            {
                "kind": "violation",
                "entry": v.entry,
                "at": v.at,
                "reason_vi": v.reason_vi,
                "reason": v.reason,
                "what": VIOLATION_MSGIDS.get(v.kind, v.kind),
            }
        )
    out = []
    for d in sorted(days):
        day = days[d]
        day.setdefault("off", off.is_off(days_off, d))
        day["rows"].sort(key=lambda r: r["at"])
        day["weekday"] = WEEKDAY_MSGIDS[d.weekday()]
        out.append(day)
    return [d for d in out if d["rows"] or d["off"]] or out[:1]


# --- pages ---------------------------------------------------------------------------------


def _list_page(page, session: Session, user: User, now: datetime) -> Response:
    ids = operator_area_ids(session, user)
    schedules = session.exec(
        select(Schedule)
        .where(col(Schedule.area_id).in_(ids or {-1}))
        .order_by(col(Schedule.updated_at).desc())
    ).all()
    pubs = session.exec(
        select(Publication)
        .where(col(Publication.schedule_id).in_({s.id for s in schedules} or {-1}))
        .order_by(col(Publication.sequence).desc())
        .limit(50)
    ).all()
    names = {s.id: s.name for s in schedules}
    return page.render(
        "schedules.html", schedules=schedules, publications=pubs, names=names, now=now
    )


@router.get("/schedules")
def schedules_page(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    return _list_page(page, session, user, now)


def _form_page(
    page,
    session: Session,
    user: User,
    now: datetime,
    *,
    values: dict,
    schedule=None,
    error: str | None = None,
    error_field: str | None = None,
    status: int = 200,
) -> Response:
    return page.render(
        "schedule_form.html",
        status_code=status,
        schedule=schedule,
        values=values,
        targets=targets_for(session, user),
        items=approved_items(session, user, now),
        error=error,
        error_field=error_field,
        weekdays=WEEKDAY_MSGIDS,
        relay_channels=[
            c
            for c in relay.visible_channels(session, user)
            if c.state in (ChannelState.SUBMITTED, ChannelState.APPROVED)
        ],
        relay_approved={
            c.code for c in relay.visible_channels(session, user) if relay.is_approved(c, now)
        },
        relay_priorities=RELAY_PRIORITIES,
    )


@router.get("/schedules/new")
def new_schedule_form(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    return _form_page(page, session, user, now, values=form_values(None))


def _values_from(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {
        k: v for k, v in form.items() if k not in ("version_ids", "weekdays", "allowed_weekdays")
    }
    for k in ("version_ids", "weekdays", "allowed_weekdays", "relay_weekdays"):
        values[k] = form_ints(form, k)
    return values


def _relay_channels_for(session: Session) -> Any:
    """The relay channel ids a schedule for an area may name: channels of that area or above,
    waiting for approval or approved (publishing takes only approved ones)."""

    def channels(area_id: int) -> set[str]:
        return {
            c.code
            for c in relay.usable_channels(session, area_id)
            if c.state in (ChannelState.SUBMITTED, ChannelState.APPROVED)
        }

    return channels


def _save(
    session: Session, user: User, now: datetime, form: FormData, schedule: Schedule | None
) -> Schedule:
    allowed = {require_id(v) for v, _ in approved_items(session, user, now)}
    if schedule is not None:  # items already in it stay allowed while they are approved
        allowed |= {
            int(v)
            for v in schedule.version_ids
            if services.effective_state(linked_row(session, ScriptVersion, int(v)), now)
            == "approved"
        }
    saved_rules = ScheduleRules.model_validate(schedule.body).rules if schedule is not None else []
    saved_once = [r.at for r in saved_rules if isinstance(r, OnceRule)]
    saved_end_dates = [
        end for r in saved_rules if (end := getattr(r, "end_date", None)) is not None
    ]
    fields = compose(
        form,
        targets=targets_for(session, user),
        allowed_ids=allowed,
        relay_channels=_relay_channels_for(session),
        now=now,
        saved_once=saved_once,
        saved_end_dates=saved_end_dates,
    )
    target: Target = fields["target"]
    _require_operator(session, user, target.area_id)
    for vid in fields["version_ids"]:  # each item is approved for the target's area (or above)
        publishing.check_plays_in(session, linked_row(session, ScriptVersion, vid), target.area_id)
    problem = plan_problem(session, fields["version_ids"], fields["body"], now)
    if problem is not None:  # saved, its page, its timeline and its bundle would all fail
        raise problem
    row = schedule or Schedule(
        name="", target_kind=target.kind, target_id=target.id, area_id=target.area_id
    )
    row.name, row.target_kind, row.target_id, row.area_id = (
        fields["name"],
        target.kind,
        target.id,
        target.area_id,
    )
    row.body, row.version_ids = fields["body"], fields["version_ids"]
    row.updated_by, row.updated_at = user.id, now
    session.add(row)
    session.flush()
    services.audit(
        session,
        actor=user,
        action="schedule.save",
        object_type="schedule",
        object_id=row.id,
        now=now,
        target=f"{row.target_kind}:{row.target_id}",
        items=row.version_ids,
    )
    return row


@router.post("/schedules/new")
async def create_schedule(
    request: Request, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    form = await request.form()
    try:
        row = _save(session, user, now, form, None)
    except ValidationError as exc:
        discard(session)
        return _form_page(
            page,
            session,
            user,
            now,
            values=_values_from(form),
            status=422,
            error=exc.reason_vi if page.locale == "vi" else exc.reason,
            error_field=exc.field,
        )
    request.session["flash"] = N_("Schedule saved. Check the week ahead, then publish.")
    return RedirectResponse(f"/schedules/{row.id}", status_code=303)


@router.get("/schedules/{schedule_id}")
def schedule_page(
    schedule_id: IdPath,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    from_: Annotated[str, Query(alias="from", max_length=40)] = "",
) -> Response:
    """The schedule and its week; `?from=YYYY-MM-DD` shows the week from that day (Tết seen
    from December) instead of from now."""
    schedule = _schedule_or_404(session, user, schedule_id)
    try:
        first_day = parse_local_day(from_, field="from")
        shown_from(now, first_day)
    except ValidationError as exc:
        return _detail(page, session, user, now, schedule, error=page.say(exc), status=422)
    return _detail(page, session, user, now, schedule, first_day=first_day)


def _detail(
    page,
    session: Session,
    user: User,
    now: datetime,
    schedule: Schedule,
    *,
    error: str | None = None,
    status: int = 200,
    first_day: date | None = None,
) -> Response:
    try:
        plan, items = week_plan(session, schedule, now, first_day=first_day)
        # what the quiet hours hold back is said of the coming week, whichever week is shown
        coming = plan if first_day is None else week_plan(session, schedule, now)[0]
    except ScheduleError as exc:  # saved before the check on saving (plan_problem)
        start = shown_from(now, first_day)
        plan = coming = Plan(start=start, end=start + timedelta(days=TIMELINE_DAYS))
        items = item_infos(session, schedule.version_ids)
        if error is None:
            error = page.say(ValidationError(exc.reason, exc.reason_vi, code=exc.code))
    pubs = session.exec(
        select(Publication)
        .where(Publication.schedule_id == schedule.id)
        .order_by(col(Publication.sequence).desc())
    ).all()
    stale = [
        publishing.item_id(int(v))
        for v in schedule.version_ids
        if services.effective_state(linked_row(session, ScriptVersion, int(v)), now) != "approved"
    ]
    rules = ScheduleRules.model_validate(schedule.body)
    notices = quiet_notices(rules, items, coming, now)
    days_off = schedule_days_off(rules)
    problem = relay_problem(schedule)
    if error is None and problem is not None:
        error = page.say(problem)
    return page.render(
        "schedule_detail.html",
        status_code=status,
        schedule=schedule,
        plan=plan,
        days=timeline_days(plan, days_off=days_off),
        days_off=typed_days_off(days_off),
        items={**items, **relay_titles(session, schedule.area_id, schedule.body)},
        publications=pubs,
        stale=stale,
        error=error,
        loop=(schedule.body or {}).get("loop"),
        quiet_notices=notices,
        shown_from=first_day.isoformat() if first_day is not None else "",
    )


@router.get("/schedules/{schedule_id}/edit")
def edit_schedule_form(
    schedule_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    schedule = _schedule_or_404(session, user, schedule_id)
    return _form_page(page, session, user, now, values=form_values(schedule), schedule=schedule)


@router.post("/schedules/{schedule_id}/edit")
async def edit_schedule(
    schedule_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
) -> Response:
    schedule = _schedule_or_404(session, user, schedule_id)
    form = await request.form()
    try:
        _save(session, user, now, form, schedule)
    except ValidationError as exc:
        discard(session)
        schedule = _schedule_or_404(session, user, schedule_id)
        return _form_page(
            page,
            session,
            user,
            now,
            values=_values_from(form),
            schedule=schedule,
            status=422,
            error=exc.reason_vi if page.locale == "vi" else exc.reason,
            error_field=exc.field,
        )
    request.session["flash"] = N_("Schedule saved. Check the week ahead, then publish.")
    return RedirectResponse(f"/schedules/{schedule_id}", status_code=303)


def publish_schedule(
    request: Request, session: Session, user: User, schedule: Schedule, now: datetime
) -> Publication:
    settings = request.app.state.settings
    problem = relay_problem(schedule)  # a relay window in quiet hours is never published
    if problem is None:  # nor rules a unit could not plan
        problem = plan_problem(session, schedule.version_ids, schedule.body, now)
    if problem is not None:
        raise problem
    pub, _path = publishing.publish(
        session,
        actor=user,
        schedule_id=require_id(schedule),
        signing_key=signing.load_or_create_private_key(settings.signing_key_path),
        store=request.app.state.asset_store,
        out_dir=settings.outbox_dir,
        now=now,
    )
    return pub


@router.post("/schedules/{schedule_id}/publish")
def publish_page(
    schedule_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
) -> Response:
    schedule = _schedule_or_404(session, user, schedule_id)
    try:
        pub = publish_schedule(request, session, user, schedule, now)
    except ValidationError as exc:
        discard(session)
        schedule = _schedule_or_404(session, user, schedule_id)
        return _detail(
            page,
            session,
            user,
            now,
            schedule,
            status=422,
            error=exc.reason_vi if page.locale == "vi" else exc.reason,
        )
    request.session["flash"] = N_(
        "Published: the signed bundle is ready for the units and for USB."
    )
    return RedirectResponse(f"/schedules/{schedule_id}#pub-{pub.id}", status_code=303)


def _publication_file(request: Request, session: Session, user: User, publication_id: int):
    pub = session.get(Publication, publication_id)
    schedule = session.get(Schedule, pub.schedule_id) if pub and pub.schedule_id else None
    if pub is None or schedule is None or schedule.area_id not in operator_area_ids(session, user):
        raise NotFound("no such publication", "Không tìm thấy gói đã xuất bản.")
    path = publishing.bundle_path(request.app.state.settings.outbox_dir, pub)
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != pub.file_sha256:
        raise NotFound(
            "the bundle file is missing or changed on the server; publish again",
            "Tệp gói trên máy chủ bị thiếu hoặc đã thay đổi; hãy xuất bản lại.",
        )
    return pub, path


@router.get("/publications/{publication_id}/download")
def download_bundle(
    publication_id: IdPath, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    """Tải về cho USB: the same signed file the units get."""
    pub, path = _publication_file(request, session, user, publication_id)
    return FileResponse(
        path,
        media_type="application/octet-stream",
        filename=path.name,
        headers={"Cache-Control": "private, no-store", "ETag": f'"{pub.file_sha256}"'},
    )


# --- JSON API ---------------------------------------------------------------------------------


class ScheduleOut(BaseModel):
    id: int
    name: str
    target_kind: str
    target_id: str
    area_id: int
    version_ids: list[int]
    body: dict[str, Any]
    updated_at: datetime


class TimelineEntryOut(BaseModel):
    """A broadcast, or a relay window (`relay` is the channel id; `item` is then the same)."""

    start: datetime
    end: datetime
    item: str
    title: str
    priority: str
    relay: str | None = None


class IssueOut(BaseModel):
    at: datetime
    item: str
    kind: str
    reason: str
    reason_vi: str


class QuietNoticeOut(BaseModel):
    """Broadcasts the quiet hours hold back: "window" for the recurring rules in this timeline,
    "once" for a one-off slot; `until` is when the quiet period of the nearest one ends."""

    kind: str
    quiet_hours: str
    held: int
    first_at: datetime
    until: datetime
    reason: str
    reason_vi: str


class TimelineOut(BaseModel):
    start: datetime
    end: datetime
    entries: list[TimelineEntryOut]
    conflicts: list[IssueOut]
    violations: list[IssueOut]
    quiet_hours_notices: list[QuietNoticeOut] = []


class PublicationOut(BaseModel):
    id: int
    bundle_id: str
    target_kind: str
    target_id: str
    sequence: int
    file_sha256: str
    size: int
    issued_at: datetime
    expires_at: datetime
    download_url: str


def _schedule_out(s: Schedule) -> ScheduleOut:
    return ScheduleOut(
        id=s.id,
        name=s.name,
        target_kind=s.target_kind,
        target_id=s.target_id,
        area_id=s.area_id,
        version_ids=[int(v) for v in s.version_ids],
        body=s.body,
        updated_at=s.updated_at,
    )


def _pub_out(p: Publication) -> PublicationOut:
    return PublicationOut(
        id=p.id,
        bundle_id=p.bundle_id,
        target_kind=p.target_kind,
        target_id=p.target_id,
        sequence=p.sequence,
        file_sha256=p.file_sha256,
        size=p.size,
        issued_at=p.issued_at,
        expires_at=p.expires_at,
        download_url=f"/api/v1/publications/{p.id}/download",
    )


@api.get("/schedules", response_model=list[ScheduleOut], responses=ERRORS)
def api_schedules(session: SessionDep, user: CurrentUser):
    """Schedules in the areas where you are the radio operator."""
    ids = operator_area_ids(session, user)
    return [
        _schedule_out(s)
        for s in session.exec(
            select(Schedule)
            .where(col(Schedule.area_id).in_(ids or {-1}))
            .order_by(col(Schedule.id))
        ).all()
    ]


@api.get("/schedules/{schedule_id}/timeline", response_model=TimelineOut, responses=ERRORS)
def api_timeline(
    schedule_id: IdPath,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    days: Annotated[int, Query(ge=1, le=31)] = TIMELINE_DAYS,
    start: Annotated[date | None, Query()] = None,
):
    """The coming days as the unit would play them, with conflicts and policy violations, and
    in `quiet_hours_notices` what the quiet hours hold back and until when. `start`
    (YYYY-MM-DD, Vietnam's date) begins the timeline at that day's midnight instead of now —
    next month's calendar, or Tết seen from December; a day already past begins now. Such a
    timeline is what the rules make: a bundle is valid 14 days from publishing
    (content_library.publishing.DEFAULT_VALIDITY), so days further ahead play only from a
    bundle published again in time."""
    schedule = _schedule_or_404(session, user, schedule_id)
    rules = ScheduleRules.model_validate(schedule.body)
    try:
        plan, items = _plan(
            session, schedule.version_ids, schedule.body, now, days, first_day=start
        )
        # the quiet-hours notices speak of the coming days, whichever days are asked for
        coming = (
            plan
            if start is None
            else _plan(session, schedule.version_ids, schedule.body, now, days)[0]
        )
    except ScheduleError as exc:  # saved before the check on saving: 422, with the reason
        raise ValidationError(exc.reason, exc.reason_vi, field="rules", code=exc.code) from None
    titles = {**items, **relay_titles(session, schedule.area_id, schedule.body)}

    def issue(kind: str, c) -> IssueOut:
        return IssueOut(
            at=c.at, item=c.entry.item_id, kind=kind, reason=c.reason, reason_vi=c.reason_vi
        )

    return TimelineOut(
        start=plan.start,
        end=plan.end,
        entries=[
            TimelineEntryOut(
                start=e.start,
                end=e.end,
                item=e.item_id,
                title=titles[e.item_id].title,
                priority=e.priority.value,
                relay=e.relay,
            )
            for e in plan.entries
        ],
        conflicts=[issue("conflict", c) for c in plan.conflicts],
        violations=[issue(v.kind, v) for v in plan.violations],
        quiet_hours_notices=[
            QuietNoticeOut(
                kind=n.kind,
                quiet_hours=n.quiet_hours,
                held=n.held,
                first_at=n.first_at,
                until=n.until,
                reason=n.reason,
                reason_vi=n.reason_vi,
            )
            for n in quiet_notices(rules, items, coming, now, days=days)
        ],
    )


@api.post(
    "/schedules/{schedule_id}/publish",
    response_model=PublicationOut,
    status_code=201,
    responses=ERRORS,
)
def api_publish(
    schedule_id: IdPath, request: Request, session: SessionDep, user: CurrentUser, now: Now
):
    """Build and sign the bundle for the schedule's target."""
    schedule = _schedule_or_404(session, user, schedule_id)
    return _pub_out(publish_schedule(request, session, user, schedule, now))


@api.get(
    "/publications/{publication_id}/download",
    responses={
        **ERRORS,
        200: {"content": {"application/octet-stream": {}}, "description": "the signed .loa file"},
    },
)
def api_download(publication_id: IdPath, request: Request, session: SessionDep, user: CurrentUser):
    """The signed bundle, byte for byte what the units get (for a USB stick)."""
    _pub, path = _publication_file(request, session, user, publication_id)
    return FileResponse(path, media_type="application/octet-stream", filename=path.name)

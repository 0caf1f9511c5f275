"""An area's policy applied to entries: quiet hours, allowed weekdays, session and daily caps.

Emergency entries are exempt from all of it (khẩn cấp plays at once).

Relay windows are also checked before a bundle is made (`check_relay_windows`): a window
that touches quiet hours is refused outright rather than left for the plan to drop, so a
relay time set wrong is seen by the operator, not heard by a sleeping commune. So is a
one-off slot already past when it is saved (`check_once_ahead`), which would never play.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TypeVar

from .errors import ScheduleError
from .rules import (
    AreaPolicy,
    CronRule,
    DailyRule,
    OnceRule,
    QuietHours,
    RelayRule,
    Rule,
    Schedule,
)
from .timeline import ItemInfo, PlanEntry, Violation, nfc, order_key
from .tz import (
    TZ,
    WEEKDAYS_EN,
    WEEKDAYS_VI,
    at_local,
    human_en,
    human_vi,
    iso,
    parse_hhmm,
    require_aware,
)


def quiet_overlap(quiet: QuietHours, start: datetime, end: datetime) -> bool:
    """Does [start, end) touch the quiet hours of any day (across midnight when start > end)?"""
    q_start, q_end = parse_hhmm(quiet.start), parse_hhmm(quiet.end)
    first = start.astimezone(TZ).date() - timedelta(days=1)
    last = end.astimezone(TZ).date()
    day = first
    while day <= last:
        lo = at_local(day, q_start)
        hi = at_local(day + timedelta(days=1) if q_end <= q_start else day, q_end)
        if start < hi and lo < end:
            return True
        day += timedelta(days=1)
    return False


# Where an area has no quiet hours, a relay window is still kept out of the night.
RELAY_NIGHT = QuietHours()
_ANY_DAY = date(2001, 1, 1)  # quiet hours and relay windows repeat daily; any day will do


def relay_windows_in_quiet_hours(
    schedule: Schedule,
) -> list[tuple[int, RelayRule, QuietHours]]:
    """The relay rules (with their index) whose window touches quiet hours on any day: the
    area's, or RELAY_NIGHT (22:00–05:00) when the area has none."""
    quiet = schedule.policy.quiet_hours or RELAY_NIGHT
    out = []
    for index, rule in enumerate(schedule.rules):
        if not isinstance(rule, RelayRule):
            continue
        start = at_local(_ANY_DAY, parse_hhmm(rule.window.start))
        if quiet_overlap(quiet, start, start + rule.window.length()):
            out.append((index, rule, quiet))
    return out


def check_relay_windows(schedule: Schedule) -> None:
    """Refuse (ScheduleError, code "relay_quiet_hours") relay windows in quiet hours."""
    found = relay_windows_in_quiet_hours(schedule)
    if not found:
        return
    en = "; ".join(
        f"rule {i + 1} relays {r.relay!r} {r.window.label()}, inside quiet hours {q.label()}"
        for i, r, q in found
    )
    vi = "; ".join(
        f"quy tắc số {i + 1} tiếp sóng {r.relay!r} lúc {r.window.label()}, "
        f"trong giờ yên tĩnh {q.label()}"
        for i, r, q in found
    )
    raise ScheduleError(
        f"A relay may not play in quiet hours: {en}. Correct the relay window.",
        nfc(
            f"Không được tiếp sóng trong giờ yên tĩnh: {vi}. "
            "Hãy sửa lại giờ tiếp sóng (ví dụ 05:30–06:00) trước khi phát hành."
        ),
        code="relay_quiet_hours",
    )


_When = TypeVar("_When", bound=date)  # a date, or a datetime


def _refuse_past(
    schedule: Schedule,
    when: Callable[[Rule], _When | None],
    *,
    before: _When,
    saved: set[_When],
    said: Callable[[_When], tuple[str, str]],
    en: tuple[str, str],
    vi: tuple[str, str],
    code: str,
) -> None:
    """Refuse (ScheduleError `code`) the rules whose `when` is before `before` and not in
    `saved`. The reason names each ("rule N " and `said`'s English, "quy tắc số N " and its
    Vietnamese) between the two halves of `en` and of `vi`."""
    past = [
        (i, w)
        for i, r in enumerate(schedule.rules)
        if (w := when(r)) is not None and w < before and w not in saved
    ]
    if not past:
        return
    en_list = "; ".join(f"rule {i + 1} {said(w)[0]}" for i, w in past)
    vi_list = "; ".join(f"quy tắc số {i + 1} {said(w)[1]}" for i, w in past)
    raise ScheduleError(
        f"{en[0]}: {en_list}. {en[1]}", nfc(f"{vi[0]}: {vi_list}. {vi[1]}"), code=code
    )


def check_once_ahead(schedule: Schedule, *, now: datetime, saved: Iterable[datetime] = ()) -> None:
    """Refuse (ScheduleError, code "once_past") a one-off slot before `now`: it would never
    play, and the operator who typed it would not know. Slots in `saved` (those the schedule
    already had, which may have played since) may stay, so that an old schedule can still be
    edited. The plan itself does not refuse the past: a window there is a fair question."""
    now = require_aware(now, "now")
    _refuse_past(
        schedule,
        lambda r: r.at if isinstance(r, OnceRule) else None,
        before=now,
        saved={require_aware(s, "saved") for s in saved},  # naive: the machine's clock face
        # to the second off the whole minute: "23:59" refused at 23:59:30 is said so
        said=lambda at: (
            f"at {human_en(at, to_the_second=True)}",
            f"lúc {human_vi(at, to_the_second=True)}",
        ),
        en=(
            f"A one-off time has already passed (now {human_en(now, to_the_second=True)})",
            "Pick a later time or leave it empty.",
        ),
        vi=(
            f"Giờ phát một lần đã qua (bây giờ là {human_vi(now, to_the_second=True)})",
            "Hãy chọn giờ muộn hơn hoặc để trống.",
        ),
        code="once_past",
    )


def check_campaign_ahead(schedule: Schedule, *, now: datetime, saved: Iterable[date] = ()) -> None:
    """Refuse (ScheduleError, code "campaign_past") a campaign whose last day ("đến ngày",
    inclusive) is before today where the units are: nothing of it would ever play, and a
    year typed wrong at New Year would go unnoticed. End dates in `saved` (the schedule's own,
    when it is opened for editing) may stay, so that an ended campaign can still be edited."""
    today = require_aware(now, "now").astimezone(TZ).date()
    _refuse_past(
        schedule,
        lambda r: r.end_date if isinstance(r, (DailyRule, CronRule, RelayRule)) else None,
        before=today,
        saved=set(saved),
        said=lambda d: (f"until {d.isoformat()}", f"đến ngày {d:%d/%m/%Y}"),
        en=(
            f"The campaign has already ended (today is {today.isoformat()})",
            "Check the year, or leave the end date empty.",
        ),
        vi=(
            f"Đợt phát đã kết thúc (hôm nay là {today:%d/%m/%Y})",
            "Hãy xem lại năm, hoặc để trống ngày kết thúc.",
        ),
        code="campaign_past",
    )


def drop_quiet_hours(
    entries: list[PlanEntry], policy: AreaPolicy
) -> tuple[list[PlanEntry], list[Violation]]:
    quiet = policy.quiet_hours
    if quiet is None:
        return list(entries), []
    kept, violations = [], []
    for e in entries:
        if e.is_emergency or not quiet_overlap(quiet, e.start, e.end):
            kept.append(e)
            continue
        violations.append(
            Violation(
                kind="quiet_hours",
                entry=e,
                reason=(
                    f"dropped {e.what_en} at {human_en(e.start)}: in quiet hours {quiet.label()}"
                ),
                reason_vi=nfc(
                    f"Bỏ {e.what_vi} lúc {human_vi(e.start)}: trong giờ yên tĩnh {quiet.label()}"
                ),
            )
        )
    return kept, violations


def drop_outside_approval(
    entries: list[PlanEntry], items: Mapping[str, ItemInfo]
) -> tuple[list[PlanEntry], list[Violation]]:
    """Drop what starts outside its item's approval window [valid_from, valid_until): the
    unit never starts it there (playout.core.unplayable), so it must not hold the output
    either. A notice approved from tomorrow, in today's bundle with the daily bulletin at the
    same minute, used to make the plan drop the bulletin ("overlaps priority"), and the unit
    then skipped both. Emergencies too: one that cannot play keeps no other waiting. Relay
    windows are not items (their channel's approval is the unit's to check)."""
    kept, violations = [], []
    for e in entries:
        item = items.get(e.item_id) if e.relay is None else None
        if item is None or (
            (item.valid_from is None or e.start >= item.valid_from)
            and (item.valid_until is None or e.start < item.valid_until)
        ):
            kept.append(e)
            continue
        if item.valid_from is not None and e.start < item.valid_from:
            en = f"its approval is not valid before {human_en(item.valid_from, to_the_second=True)}"
            vi = f"phê duyệt chưa có hiệu lực trước {human_vi(item.valid_from, to_the_second=True)}"
        else:
            assert item.valid_until is not None
            en = f"its approval expired at {human_en(item.valid_until, to_the_second=True)}"
            vi = f"phê duyệt đã hết hạn lúc {human_vi(item.valid_until, to_the_second=True)}"
        violations.append(
            Violation(
                kind="approval",
                entry=e,
                reason=f"dropped {e.what_en} at {human_en(e.start)}: {en}",
                reason_vi=nfc(f"Bỏ {e.what_vi} lúc {human_vi(e.start)}: {vi}"),
            )
        )
    return kept, violations


def drop_after_expiry(
    entries: list[PlanEntry], expires_at: datetime | None
) -> tuple[list[PlanEntry], list[Violation]]:
    """Drop what starts at or after the bundle's expiry: the unit starts nothing from a bundle
    then (playout.core.unplayable), so it must not hold the output either. A priority notice
    at 07:02 in a bundle expiring at 07:01 used to make the plan drop the 07:00 bulletin
    ("overlaps priority"), and the unit then skipped the notice too. Emergencies and relay
    windows too: they come from the same bundle. None: no expiry (a schedule, not a bundle)."""
    if expires_at is None:
        return entries, []
    kept, violations = [], []
    for e in entries:
        if e.start < expires_at:
            kept.append(e)
            continue
        violations.append(
            Violation(
                kind="expired",
                entry=e,
                # the expiry as the manifest has it and the unit says it (playout.core)
                reason=(
                    f"dropped {e.what_en} at {human_en(e.start)}: the bundle expired at "
                    f"{iso(expires_at)}"
                ),
                reason_vi=nfc(
                    f"Bỏ {e.what_vi} lúc {human_vi(e.start)}: gói nội dung đã hết hạn lúc "
                    f"{iso(expires_at)}"
                ),
            )
        )
    return kept, violations


def drop_disallowed_weekdays(
    entries: list[PlanEntry], policy: AreaPolicy
) -> tuple[list[PlanEntry], list[Violation]]:
    """Drop what starts on a local weekday the area does not allow. A relay window is of the
    day it opens: its pieces resumed or delayed past midnight keep that day."""
    allowed = set(policy.allowed_weekdays)
    kept, violations = [], []
    for e in entries:
        weekday = (e.window_start or e.start).astimezone(TZ).weekday()
        if e.is_emergency or weekday in allowed:
            kept.append(e)
            continue
        violations.append(
            Violation(
                kind="weekday",
                entry=e,
                reason=(
                    f"dropped {e.what_en} at {human_en(e.start)}: "
                    f"no broadcasts on {WEEKDAYS_EN[weekday]} in this area"
                ),
                reason_vi=nfc(
                    f"Bỏ {e.what_vi} lúc {human_vi(e.start)}: "
                    f"địa bàn không phát vào {WEEKDAYS_VI[weekday]}"
                ),
            )
        )
    return kept, violations


_Window = tuple[str, int | None, datetime]


def _relay_window(e: PlanEntry) -> _Window | None:
    """The relay window an entry is a piece of (None if it is not a relay)."""
    return (e.relay, e.rule_index, e.window_start or e.start) if e.relay else None


def _cut_sessions(
    group: list[PlanEntry], *, gap_s: float, limit: timedelta
) -> tuple[list[list[PlanEntry]], list[tuple[PlanEntry, datetime]]]:
    """Cut one group of `sessions()` to `limit`, sessions read on what is kept.

    Walking the group in order, an entry that would end after its session's start plus
    `limit` is dropped, and it no longer holds the session together: the next entry starts
    a new session when it starts `gap_s` or more after the last kept one ended. The same as
    `sessions()` run again on what is left after each drop, in one pass: the
    pieces of one relay window stay one broadcast, so an entry up to the last piece of a
    window with a kept piece in the session is in the session too, and a window with a piece
    dropped does not resume: its later pieces are dropped with it (the relay of a window too
    long for the cap used to start after an emergency cut it, its head dropped and its tail
    a new session).

    Returns the kept sessions and the dropped entries with the start of their session.
    """
    gap = timedelta(seconds=gap_s)
    last: dict[_Window, int] = {}  # relay window → index of its last piece in the group
    for i, e in enumerate(group):
        window = _relay_window(e)
        if window is not None:
            last[window] = i
    out: list[list[PlanEntry]] = []
    dropped: list[tuple[PlanEntry, datetime]] = []
    current: list[PlanEntry] = []  # kept entries of the session being walked
    start = end = group[0].start
    reach = -1  # the session runs at least up to this index (a relay window's last piece)
    cut: dict[_Window, datetime] = {}  # relay window → start of the session that dropped it
    for i, e in enumerate(group):
        window = _relay_window(e)
        if window is not None and window in cut:
            dropped.append((e, cut[window]))
            continue
        if not current or (e.start - end >= gap and i > reach):
            if current:
                out.append(current)
            current, start, end, reach = [], e.start, e.end, -1
        if e.end > start + limit:
            dropped.append((e, start))
            if window is not None:
                cut[window] = start
            continue
        current.append(e)
        end = max(end, e.end) if len(current) > 1 else e.end
        if window is not None:
            reach = max(reach, last[window])
    if current:
        out.append(current)
    return out, dropped


def sessions(entries: list[PlanEntry], *, gap_s: float) -> list[list[PlanEntry]]:
    """Group non-emergency entries into sessions (buổi phát).

    A broadcast that starts less than `gap_s` after the previous one ended joins its session;
    exactly `gap_s` later (or more) starts a new one. The pieces of one relay window are one
    broadcast: a piece resumed after an emergency joins the session of the piece before it
    (and what lies between), however long the emergency (exempt from caps) took.
    """
    gap = timedelta(seconds=gap_s)
    out: list[list[PlanEntry]] = []
    windows: dict[_Window, int] = {}  # relay window → its group
    end: datetime | None = None
    for e in sorted((e for e in entries if not e.is_emergency), key=order_key):
        window = _relay_window(e)
        if window is not None and window in windows:
            first = windows[window]
            merged = [x for group in out[first:] for x in group]
            del out[first:]
            out.append([*merged, e])
            windows = {w: min(g, first) for w, g in windows.items()}
        elif end is not None and e.start - end < gap:
            out[-1].append(e)
        else:
            out.append([e])
            end = e.end
        end = e.end if end is None else max(end, e.end)
        if window is not None:
            windows[window] = len(out) - 1
    return out


def apply_caps(
    entries: list[PlanEntry], policy: AreaPolicy, *, before: Iterable[PlanEntry] = ()
) -> tuple[list[PlanEntry], list[Violation]]:
    """Cut sessions to max_session_minutes, then keep max_per_day sessions per local day.

    Which sessions a day keeps: the highest priority first, then the earliest. Sessions are
    read on what plays: a broadcast the session cap drops holds no session together.

    `before` is the session still running when `entries` begin, as already capped where it
    started (the block before a forced Monday 00:00, `scheduler.blocks`): a broadcast
    joining it is in that session, for the session cap and for the day it counts for; its
    own entries are neither returned nor dropped again.
    """
    earlier = [e for e in before if not e.is_emergency]
    if earlier:
        fixed = set(earlier)
        kept_all, dropped_all = apply_caps([*earlier, *entries], policy)
        return [e for e in kept_all if e not in fixed], [
            v for v in dropped_all if v.entry not in fixed
        ]
    emergencies = [e for e in entries if e.is_emergency]
    groups = sessions(entries, gap_s=policy.session_gap_s)
    violations: list[Violation] = []

    if policy.max_session_minutes is not None:
        limit = timedelta(minutes=policy.max_session_minutes)
        minutes = f"{policy.max_session_minutes:g}"
        cut = []
        for group in groups:
            kept_sessions, dropped = _cut_sessions(group, gap_s=policy.session_gap_s, limit=limit)
            cut.extend(kept_sessions)
            for e, start in dropped:
                violations.append(
                    Violation(
                        kind="max_session",
                        entry=e,
                        reason=(
                            f"dropped {e.what_en} at {human_en(e.start)}: the session "
                            f"from {human_en(start)} would exceed {minutes} minutes"
                        ),
                        reason_vi=nfc(
                            f"Bỏ {e.what_vi} lúc {human_vi(e.start)}: buổi phát bắt đầu "
                            f"{human_vi(start)} sẽ vượt quá {minutes} phút"
                        ),
                    )
                )
        groups = cut

    if policy.max_per_day is not None:
        by_day: dict[date, list[list[PlanEntry]]] = defaultdict(list)
        for group in groups:
            by_day[group[0].start.astimezone(TZ).date()].append(group)
        allowed = []
        for day, day_groups in by_day.items():
            ranked = sorted(
                day_groups, key=lambda g: (-max(e.priority.rank for e in g), g[0].start)
            )
            allowed.extend(ranked[: policy.max_per_day])
            for group in ranked[policy.max_per_day :]:
                for e in group:
                    violations.append(
                        Violation(
                            kind="max_per_day",
                            entry=e,
                            reason=(
                                f"dropped {e.what_en} at {human_en(e.start)}: more than "
                                f"{policy.max_per_day} broadcast sessions on {day.isoformat()}"
                            ),
                            reason_vi=nfc(
                                f"Bỏ {e.what_vi} lúc {human_vi(e.start)}: quá "
                                f"{policy.max_per_day} buổi phát trong ngày "
                                f"{day.strftime('%d/%m/%Y')}"
                            ),
                        )
                    )
        groups = allowed

    kept = emergencies + [e for group in groups for e in group]
    return sorted(kept, key=order_key), violations

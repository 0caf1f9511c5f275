"""Broadcast reports: airtime per topic, area and unit for a period and an area subtree, with
covered villages, failures and progress against targets (chỉ tiêu).

``build_report`` does the counting in SQL (GROUP BY over the indexed ``area_id`` and
``actual_start`` columns, one query per calendar month of the period) and the rest — rolling
areas up the tree, bucketing into targets' periods — in Python over those small results, so
SQLite and PostgreSQL give the same numbers without dialect date functions. Periods are
calendar periods in Vietnam's time (Asia/Ho_Chi_Minh): month, quarter, half (sơ kết 6 tháng)
and year (tổng kết năm). A broadcast is an as-run entry of kind ``finished``; its airtime is
``duration_s``. ``failed`` and ``skipped`` entries are failures, grouped by reason.

Attribution is the server's (issue 12): an entry counts in its unit's own area or an area
inside it — never in another commune, whatever the unit claimed — and an entry naming an item
no bundle delivered to its unit (``AsRunRecord.undelivered``, flagged at upload) is not
counted at all. The sync endpoint stores entries that way; the report re-checks the area, for
rows stored before it did.

Relay windows (tiếp sóng, issue 16) are not bulletins: an as-run entry naming no item — the
unit writes those only for relay windows, with ``"relay": "<channel>"`` in its signed fields
— is left out of the broadcast counts (it proves no approved bulletin played) and relay
windows are reported apart (``relay_rows``): per channel and area, the windows, the minutes
relayed (``relayed_s``), the dropouts and their length, the bytes received, from the fields
the unit logs at the end of each window.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnClause, case, false, func, literal_column
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from content_library.errors import NotFound, ValidationError
from content_library.models import (
    Area,
    AsRunRecord,
    ReportTarget,
    Topic,
    Unit,
    columns,
    require_id,
)
from content_library.relay_models import RelayChannel
from content_library.types import HO_CHI_MINH

TZ = ZoneInfo(HO_CHI_MINH)
PERIODS = ("month", "quarter", "half", "year")
MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
BROADCAST = "finished"
FAILURE_KINDS = ("failed", "skipped")
# Literal SQL so the CASE in SELECT and GROUP BY is one expression on PostgreSQL too.
_FAILURE_SQL: list[ColumnClause[Any]] = [literal_column("'failed'"), literal_column("'skipped'")]
_COUNTED_SQL = [literal_column("'finished'"), *_FAILURE_SQL]
NO_TOPIC = ""  # as-run entries without a topic code are reported under this key
# A relay window's as-run entry: no item, and the channel in its fields (canonical JSON).
RELAY_BODY = '%"relay":"%'

MET, NOT_MET, IN_PROGRESS = "met", "not_met", "in_progress"


# --- periods -------------------------------------------------------------------------------


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise ValidationError(
            f"unknown period {period!r} (month, quarter, half or year)",
            "Kỳ báo cáo không hợp lệ (tháng, quý, 6 tháng hoặc năm).",
            field="period",
        )
    return period


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def period_start(period: str, day: date) -> date:
    """The first day of the calendar ``period`` that contains ``day``."""
    size = MONTHS[check_period(period)]
    return date(day.year, (day.month - 1) // size * size + 1, 1)


def period_bounds(period: str, day: date) -> tuple[date, date]:
    """[first day, first day of the next period) of the period containing ``day``."""
    start = period_start(period, day)
    return start, add_months(start, MONTHS[period])


def local_midnight_utc(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=TZ).astimezone(UTC)


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def period_label(period: str, start: date, locale: str = "vi") -> str:
    """'tháng 3/2026', 'quý I/2026', '6 tháng đầu năm 2026', 'năm 2026' (or English)."""
    start = period_start(period, start)
    y, m = start.year, start.month
    if locale == "en":
        return {
            "month": f"{_MONTHS_EN[m - 1]} {y}",
            "quarter": f"Q{(m - 1) // 3 + 1} {y}",
            "half": f"{'first' if m == 1 else 'second'} half of {y}",
            "year": f"year {y}",
        }[period]
    return {
        "month": f"tháng {m}/{y}",
        "quarter": f"quý {_ROMAN[(m - 1) // 3 + 1]}/{y}",
        "half": f"6 tháng {'đầu' if m == 1 else 'cuối'} năm {y}",
        "year": f"năm {y}",
    }[period]


def report_title_vi(period: str, start: date) -> str:
    """The heading of the exported report, as Vietnamese offices write it."""
    label = period_label(period, start, "vi").upper()
    if period == "half":
        return f"BÁO CÁO SƠ KẾT CÔNG TÁC TUYÊN TRUYỀN {label}"
    if period == "year":
        return f"BÁO CÁO TỔNG KẾT CÔNG TÁC TUYÊN TRUYỀN {label}"
    return f"BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN {label}"


def parse_start(value: str) -> date:
    """'2026-03' or '2026-03-15' (any day inside the period)."""
    value = (value or "").strip()
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            "the start must look like 2026-03 or 2026-03-01",
            "Thời gian bắt đầu phải có dạng 2026-03 hoặc 2026-03-01.",
            field="start",
        ) from None


# --- the report ----------------------------------------------------------------------------


@dataclass
class Tally:
    broadcasts: int = 0
    seconds: float = 0.0
    failed: int = 0
    skipped: int = 0

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60.0, 1)

    @property
    def failures(self) -> int:
        return self.failed + self.skipped

    def add(self, kind: str, n: int, seconds: float) -> None:
        if kind == BROADCAST:
            self.broadcasts += n
            self.seconds += seconds
        elif kind == "failed":
            self.failed += n
        elif kind == "skipped":
            self.skipped += n


@dataclass
class TopicRow:
    code: str
    name: str
    tally: Tally


@dataclass
class AreaRow:
    id: int
    name: str
    kind: str
    depth: int  # 0 for the report's area
    tally: Tally  # this area and everything below it


@dataclass
class UnitRow:
    id: str
    name: str
    kind: str
    area_name: str
    tally: Tally


@dataclass
class MonthRow:
    start: date
    tally: Tally


@dataclass
class VillageRow:
    id: int
    name: str
    commune: str
    broadcasts: int
    seconds: float

    @property
    def covered(self) -> bool:
        return self.broadcasts > 0


@dataclass
class FailureRow:
    kind: str  # failed | skipped
    reason: str
    count: int


@dataclass
class WindowResult:
    start: date
    end: date
    broadcasts: int
    seconds: float
    status: str


@dataclass
class TargetRow:
    target_id: int
    target_area: str
    commune_id: int
    commune: str
    topic_code: str | None  # None: any topic
    topic_name: str | None
    period: str  # the target's own period
    min_broadcasts: int
    min_minutes: float
    windows: list[WindowResult]
    cumulative: bool  # the target's period is longer than the report's: progress to date

    @property
    def broadcasts(self) -> int:
        return sum(w.broadcasts for w in self.windows)

    @property
    def minutes(self) -> float:
        return round(sum(w.seconds for w in self.windows) / 60.0, 1)

    @property
    def met_windows(self) -> int:
        return sum(1 for w in self.windows if w.status == MET)

    @property
    def status(self) -> str:
        states = {w.status for w in self.windows}
        if NOT_MET in states:
            return NOT_MET
        if IN_PROGRESS in states:
            return IN_PROGRESS
        return MET


@dataclass
class RelayRow:
    """The relay windows of one channel in one area (ended or failed) in the period."""

    channel: str
    name: str
    area_id: int
    area_name: str
    windows: int = 0
    failed: int = 0
    seconds: float = 0.0  # relayed: stream audio actually played
    dropouts: int = 0
    dropout_s: float = 0.0
    bytes: int = 0

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60.0, 1)


@dataclass
class Report:
    area_id: int
    area_name: str
    area_kind: str
    period: str
    start: date
    end: date  # exclusive
    now: datetime
    totals: Tally
    by_topic: list[TopicRow]
    by_area: list[AreaRow]
    by_unit: list[UnitRow]
    by_month: list[MonthRow]
    villages: list[VillageRow]
    failures: list[FailureRow]
    targets: list[TargetRow]
    complete: bool = field(default=True)  # False while the period is still running
    relays: list[RelayRow] = field(default_factory=list)

    @property
    def relay_channels(self) -> list[RelayRow]:
        """Relay totals per channel over every area of the report."""
        out: dict[str, RelayRow] = {}
        for r in self.relays:
            t = out.setdefault(r.channel, RelayRow(r.channel, r.name, self.area_id, ""))
            t.windows += r.windows
            t.failed += r.failed
            t.seconds += r.seconds
            t.dropouts += r.dropouts
            t.dropout_s += r.dropout_s
            t.bytes += r.bytes
        return sorted(out.values(), key=lambda r: r.channel)

    @property
    def covered_villages(self) -> list[VillageRow]:
        return [v for v in self.villages if v.covered]

    def label(self, locale: str = "vi") -> str:
        return period_label(self.period, self.start, locale)

    @property
    def title_vi(self) -> str:
        return report_title_vi(self.period, self.start)


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


# Above this share of the table, one sequential scan beats an index range per area followed
# by a row lookup each (measured on SQLite: 0.2 s to scan 1M rows, 1.1 s to look them up).
SCAN_ABOVE = 0.2


def _area_filter(session: Session, area_ids: list[int], lo: datetime, hi: datetime):
    """``area_id IN (...)``, written so the planner scans the table when most rows match.

    ``area_id + 0`` hides the column from the (area_id, actual_start) index: portable SQL
    that SQLite and PostgreSQL both read as "no index for this predicate".
    """
    t = columns(AsRunRecord)
    conn = session.connection()
    in_range = conn.execute(
        sa_select(func.count()).where(
            t.area_id.in_(area_ids), t.actual_start >= lo, t.actual_start < hi
        )
    ).scalar_one()
    first, last = conn.execute(sa_select(func.min(t.id), func.max(t.id))).one()
    table_rows = (last - first + 1) if first is not None else 0
    wide = table_rows and in_range / table_rows > SCAN_ABOVE
    return (t.area_id + 0).in_(area_ids) if wide else t.area_id.in_(area_ids)


def _group_counts(session: Session, area_ids: list[int] | None, bounds: list[datetime]):
    """(month index, area_id, unit_id, topic_code, kind, reason, count, seconds) over
    [bounds[0], bounds[-1]); month i is [bounds[i], bounds[i + 1]). Entries naming no item
    (relay windows': see ``relay_rows``) are not bulletins and are left out.

    ``area_ids=None`` counts the entries stored without an area instead (an index lookup on
    (NULL, time) in the same index; the caller places them in their unit's area).
    """
    t = columns(AsRunRecord)
    lo, hi = bounds[0], bounds[-1]
    inner_bounds = bounds[1:-1]
    bucket = (
        case(
            *[(t.actual_start < b, i) for i, b in enumerate(inner_bounds)], else_=len(inner_bounds)
        )
        if inner_bounds
        else literal_column("0")
    )
    reason = case((t.kind.in_(_FAILURE_SQL), t.reason), else_=None)
    # Bucket in a subquery: grouping by its name keeps PostgreSQL from seeing two copies of
    # the CASE (each with its own bound parameters) as different expressions.
    inner = (
        sa_select(
            bucket.label("bucket"),
            t.area_id,
            t.unit_id,
            t.topic_code,
            t.kind,
            reason.label("reason"),
            t.duration_s,
        )
        .where(
            t.area_id.is_(None) if area_ids is None else _area_filter(session, area_ids, lo, hi),
            t.actual_start >= lo,
            t.actual_start < hi,
            t.kind.in_(_COUNTED_SQL),
            t.undelivered.is_(false()),
            t.item_id.isnot(None),  # no item: a relay window's (relay_rows)
        )
        .subquery("g")
    )
    g = inner.c
    stmt = sa_select(
        g.bucket,
        g.area_id,
        g.unit_id,
        g.topic_code,
        g.kind,
        g.reason,
        func.count(),
        func.sum(g.duration_s),
    ).group_by(g.bucket, g.kind, g.topic_code, g.area_id, g.unit_id, g.reason)
    return session.connection().execute(stmt).all()


def _relevant_targets(session: Session, root: Area, areas: dict[int, Area]) -> list:
    """Targets set on the report's area, an area above it, or an area inside it."""
    ancestors = set(_path_ids(root.path))
    rows = session.exec(select(ReportTarget, Area).where(ReportTarget.area_id == Area.id)).all()
    return sorted(
        ((t, a) for t, a in rows if (a.id in ancestors or a.id in areas) and t.period in MONTHS),
        key=lambda r: (r[1].path, r[0].id),
    )


def build_report(
    session: Session, *, area_id: int, period: str, start: date, now: datetime
) -> Report:
    """The report for the calendar ``period`` containing ``start``, over ``area_id``'s subtree."""
    check_period(period)
    root = session.get(Area, area_id)
    if root is None:
        raise NotFound("no such area", "Không tìm thấy địa bàn.")
    p_start, p_end = period_bounds(period, start)
    areas = {
        require_id(a): a
        for a in session.exec(select(Area).where(col(Area.path).startswith(root.path))).all()
    }
    area_ids = sorted(areas)
    root_depth = len(_path_ids(root.path))
    # Each area's ancestors inside the subtree (itself included), and its commune.
    chain = {aid: [x for x in _path_ids(a.path) if x in areas] for aid, a in areas.items()}
    commune_of: dict[int, int | None] = {}
    for aid, ids in chain.items():
        communes = [x for x in ids if areas[x].kind == "commune"]
        commune_of[aid] = communes[-1] if communes else None

    # A target over a longer period than the report's (a year target in a monthly report) is
    # progress to date: its months before the report are counted in the same query.
    targets = _relevant_targets(session, root, areas)
    q_start = min([p_start] + [period_start(t.period, p_start) for t, _ in targets])
    offset = (p_start.year - q_start.year) * 12 + p_start.month - q_start.month
    n_months = MONTHS[period]
    month_starts = [add_months(q_start, i) for i in range(offset + n_months + 1)]

    topics = {t.code: t.name for t in session.exec(select(Topic)).all()}
    totals = Tally()
    per_topic: dict[str, Tally] = defaultdict(Tally)
    per_area_own: dict[int, Tally] = defaultdict(Tally)
    per_unit: dict[str, Tally] = defaultdict(Tally)
    failures: dict[tuple[str, str], int] = defaultdict(int)
    months = [MonthRow(m, Tally()) for m in month_starts[offset:-1]]
    # finished broadcasts per (commune, topic, month index from the report's start; earlier
    # months negative): targets are judged on these.
    commune_month: dict[tuple[int, str, int], list] = defaultdict(lambda: [0, 0.0])

    bounds = [local_midnight_utc(m) for m in month_starts]
    rows = _group_counts(session, area_ids, bounds) if area_ids else []
    rows = _own_areas_only(session, rows, areas) + _unplaced_rows(session, bounds, areas)
    for i, a_id, unit_id, topic, kind, reason, n, secs in rows:
        secs = float(secs or 0.0)
        topic = topic or NO_TOPIC
        i -= offset
        commune = commune_of.get(a_id)
        if kind == BROADCAST and commune is not None:
            cell = commune_month[(commune, topic, i)]
            cell[0] += n
            cell[1] += secs
        if i < 0:
            continue
        for tally in (
            totals,
            months[i].tally,
            per_topic[topic],
            per_area_own[a_id],
            per_unit[unit_id],
        ):
            tally.add(kind, n, secs)
        if kind in FAILURE_KINDS:
            failures[(kind, reason or "")] += n

    # Roll each area's own counts up to every ancestor inside the subtree.
    rolled: dict[int, Tally] = {aid: Tally() for aid in areas}
    for aid, own in per_area_own.items():
        for anc in chain.get(aid, ()):
            r = rolled[anc]
            r.broadcasts += own.broadcasts
            r.seconds += own.seconds
            r.failed += own.failed
            r.skipped += own.skipped
    in_order = sorted(areas.items(), key=lambda item: _sort_key(item[1], areas))
    by_area = [
        AreaRow(aid, a.name, a.kind, len(_path_ids(a.path)) - root_depth, rolled[aid])
        for aid, a in in_order
    ]
    villages = [
        VillageRow(
            aid,
            a.name,
            areas[commune].name if (commune := commune_of.get(aid)) else "",
            rolled[aid].broadcasts,
            rolled[aid].seconds,
        )
        for aid, a in in_order
        if a.kind == "village"
    ]

    by_topic = [
        TopicRow(code, topics.get(code, code) if code else "", tally)
        for code, tally in per_topic.items()
    ]
    by_topic.sort(key=lambda r: (-r.tally.broadcasts, -r.tally.seconds, r.code))

    by_unit = _unit_rows(session, area_ids, areas, per_unit)
    failure_rows = [FailureRow(k, r, n) for (k, r), n in failures.items()]
    failure_rows.sort(key=lambda f: (-f.count, f.kind, f.reason))
    target_rows = _target_rows(
        targets,
        areas=areas,
        period=period,
        p_start=p_start,
        p_end=p_end,
        now=now,
        commune_month=commune_month,
        topic_by_id={require_id(t): t for t in session.exec(select(Topic)).all()},
    )
    return Report(
        area_id=require_id(root),
        area_name=root.name,
        area_kind=root.kind,
        period=period,
        start=p_start,
        end=p_end,
        now=now,
        totals=totals,
        by_topic=by_topic,
        by_area=by_area,
        by_unit=by_unit,
        by_month=months,
        villages=villages,
        failures=failure_rows,
        targets=target_rows,
        complete=now >= local_midnight_utc(p_end),
        relays=relay_rows(
            session,
            areas=areas,
            lo=local_midnight_utc(p_start),
            hi=local_midnight_utc(p_end),
        ),
    )


def relay_rows(
    session: Session,
    *,
    areas: Mapping[Any, Area],
    lo: datetime,
    hi: datetime,
) -> list[RelayRow]:
    """Relay windows that ended (finished or failed) in [lo, hi) in the ``areas``, per channel
    and area, from the relay fields of their signed as-run entries. An entry counts in its
    unit's own area or one inside it, or, sent without an area, in the unit's area.

    The entries naming no item are found through their own small partial index
    (``ix_asrun_itemless_time``): a report without relays reads nothing more.
    """
    t = columns(AsRunRecord)
    if not areas:
        return []
    rows = (
        session.connection()
        .execute(
            sa_select(t.unit_id, t.area_id, t.kind, t.body, t.duration_s).where(
                t.item_id.is_(None),  # first: the partial index's own condition
                t.actual_start >= lo,
                t.actual_start < hi,
                t.kind.in_(("finished", "failed")),
                t.body.like(RELAY_BODY),
            )
        )
        .all()
    )
    if not rows:
        return []
    homes = {
        u.id: u
        for u in session.exec(select(Unit).where(col(Unit.id).in_({r[0] for r in rows}))).all()
    }
    all_paths = {a.id: a.path for a in session.exec(select(Area)).all()}
    # A code names one channel per branch of the tree (two communes may each have "dai-xa"):
    # the name is that of the channel the unit's own area may relay.
    channels = [
        (c.code, all_paths.get(c.area_id, "\0"), c.name)
        for c in session.exec(select(RelayChannel)).all()
    ]

    def name_of(code: str, home: str) -> str:
        return next((n for c, p, n in channels if c == code and home.startswith(p)), code)

    out: dict[tuple[str, int], RelayRow] = {}
    for unit_id, area_id, kind, body, window_s in rows:
        unit = homes.get(unit_id)
        if unit is None:
            continue
        home = all_paths.get(unit.area_id, "")
        area_id = area_id if area_id is not None else unit.area_id
        if area_id not in areas or not areas[area_id].path.startswith(home):
            continue
        try:
            fields = json.loads(body).get("fields") or {}
        except (ValueError, AttributeError):
            continue
        channel = fields.get("relay")
        if not isinstance(channel, str):
            continue
        row = out.setdefault(
            (channel, area_id),
            RelayRow(channel, name_of(channel, home), area_id, areas[area_id].name),
        )
        row.windows += 1
        row.failed += kind == "failed"
        # Seconds relayed or lost lie within the window as played: its stored length, which the
        # sync bounds by the panel's clock (a unit cannot fill a relay target with one entry).
        longest = window_s if window_s is not None else 0.0
        row.seconds += min(_number(fields.get("relayed_s")), longest)
        row.dropouts += int(_number(fields.get("dropouts")))
        row.dropout_s += min(_number(fields.get("dropout_s")), longest)
        row.bytes += int(_number(fields.get("bytes")))
    return sorted(out.values(), key=lambda r: (r.channel, areas[r.area_id].path))


def _number(value: object) -> float:
    """A count or length the unit logged; anything else counts as nothing."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if math.isfinite(value) and value >= 0 else 0.0


def _own_areas_only(session: Session, rows: list, areas: dict[int, Area]) -> list:
    """Rows whose area lies within their unit's own area: a unit cannot place airtime in
    another commune's report (rows stored before the sync endpoint checked it)."""
    if not rows:
        return rows
    homes = dict(
        session.exec(
            select(Unit.id, Area.path).where(
                Unit.area_id == Area.id, col(Unit.id).in_({r[2] for r in rows})
            )
        ).all()
    )
    return [
        r
        for r in rows
        if r[1] in areas and homes.get(r[2]) and areas[r[1]].path.startswith(homes[r[2]])
    ]


def _unplaced_rows(session: Session, bounds: list[datetime], areas: dict[int, Area]) -> list[tuple]:
    """Entries the unit sent without an area count in the area the unit is placed in."""
    rows = _group_counts(session, None, bounds)
    if not rows:
        return []
    placed = dict(
        session.exec(
            select(Unit.id, Unit.area_id).where(col(Unit.id).in_({r[2] for r in rows}))
        ).all()
    )
    return [(r[0], placed[r[2]], *r[2:]) for r in rows if placed.get(r[2]) in areas]


def _unit_rows(
    session: Session, area_ids: list[int], areas: dict[int, Area], per_unit: dict[str, Tally]
) -> list[UnitRow]:
    """Units placed in the subtree, and any other unit that played there (a roaming rig)."""
    units = (
        {u.id: u for u in session.exec(select(Unit).where(col(Unit.area_id).in_(area_ids))).all()}
        if area_ids
        else {}
    )
    missing = [uid for uid in per_unit if uid not in units]
    if missing:
        units.update(
            {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(missing))).all()}
        )
    names = {a.id: a.name for a in areas.values()}
    other = {u.area_id for u in units.values()} - set(names)
    if other:
        names.update(
            {a.id: a.name for a in session.exec(select(Area).where(col(Area.id).in_(other))).all()}
        )
    rows = [
        UnitRow(u.id, u.name, u.kind, names.get(u.area_id, ""), per_unit.get(u.id, Tally()))
        for u in units.values()
    ]
    rows.sort(key=lambda r: (-r.tally.broadcasts, r.id))
    return rows


def _sort_key(area: Area, areas: dict[int, Area]) -> tuple:
    """Tree order, siblings by name: the path of names from the top."""
    return tuple(areas[i].name if i in areas else "" for i in _path_ids(area.path))


def _window_status(
    broadcasts: int, seconds: float, target: ReportTarget, end: date, now: datetime
) -> str:
    if broadcasts >= target.min_broadcasts and seconds / 60.0 >= (target.min_minutes or 0.0) - 1e-9:
        return MET
    return NOT_MET if now >= local_midnight_utc(end) else IN_PROGRESS


def _sum_months(cells, code: str | None, first: int, last: int) -> tuple[int, float]:
    b, s = 0, 0.0
    for tcode, i, n, secs in cells:
        if first <= i < last and (code is None or tcode == code):
            b += n
            s += secs
    return b, s


def _target_rows(
    targets: list,
    *,
    areas: dict[int, Area],
    period: str,
    p_start: date,
    p_end: date,
    now: datetime,
    commune_month: dict,
    topic_by_id: dict[int, Topic],
) -> list[TargetRow]:
    """Each target applies to each commune below its area (the area itself if a commune).

    Same period as the report: one window. Shorter (monthly target, quarterly report): one
    window per target period inside the report. Longer (yearly target, monthly report): one
    window from the start of the target's period to the end of the report, judged only once
    the target's period is over.
    """
    communes = sorted(
        (a for a in areas.values() if a.kind == "commune"), key=lambda a: _sort_key(a, areas)
    )
    n_report = MONTHS[period]
    per_commune: dict[int, list[tuple[str, int, int, float]]] = defaultdict(list)
    for (cid, tcode, i), (n, secs) in commune_month.items():
        per_commune[cid].append((tcode, i, n, secs))
    out: list[TargetRow] = []
    for target, t_area in targets:
        topic = topic_by_id.get(target.topic_id) if target.topic_id is not None else None
        code = topic.code if topic else None
        n_t = MONTHS[target.period]
        cumulative = n_t > n_report
        for c in communes:
            if not c.path.startswith(t_area.path):
                continue
            cells = per_commune.get(require_id(c), ())
            windows: list[WindowResult] = []
            if not cumulative:
                for k in range(0, n_report, n_t):
                    w_lo, w_hi = add_months(p_start, k), add_months(p_start, k + n_t)
                    b, s = _sum_months(cells, code, k, k + n_t)
                    windows.append(
                        WindowResult(w_lo, w_hi, b, s, _window_status(b, s, target, w_hi, now))
                    )
            else:
                t_lo, t_hi = period_bounds(target.period, p_start)
                first = -((p_start.year - t_lo.year) * 12 + p_start.month - t_lo.month)
                b, s = _sum_months(cells, code, first, n_report)
                status = _window_status(b, s, target, t_hi, now)
                if status == NOT_MET and p_end < t_hi:
                    status = IN_PROGRESS  # the report ends before the target's period does
                windows.append(WindowResult(t_lo, p_end, b, s, status))
            out.append(
                TargetRow(
                    target_id=target.id,
                    target_area=t_area.name,
                    commune_id=require_id(c),
                    commune=c.name,
                    topic_code=code,
                    topic_name=topic.name if topic else None,
                    period=target.period,
                    min_broadcasts=target.min_broadcasts,
                    min_minutes=target.min_minutes or 0.0,
                    windows=windows,
                    cumulative=cumulative,
                )
            )
    return out

"""The devices dashboard, each unit's as-run log, broadcast reports with their exports, and the
admin page of report targets (chỉ tiêu). Operators and reviewers see their areas' subtrees."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, BackgroundTasks, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from content_library import access, services
from content_library.errors import NotFound, PermissionDenied, ValidationError
from content_library.models import Area, ReportTarget, Topic, Unit, User
from content_library.types import HO_CHI_MINH, Role
from web import charts, devices, report_export, report_jobs, reports
from web.deps import CurrentUser, Now, PageDep, SessionDep, discard
from web.i18n import N_
from web.routes.pages import KIND_MSGIDS, area_label, flash, parse_id

router = APIRouter(include_in_schema=False)
TZ = ZoneInfo(HO_CHI_MINH)
FormStr = Annotated[str, Form()]
VIEW_ROLES = (Role.OPERATOR.value, Role.REVIEWER.value)
PERIOD_MSGIDS = {
    "month": N_("Monthly report"),
    "quarter": N_("Quarterly report"),
    "half": N_("Half-year review (6 months)"),
    "year": N_("Annual review"),
}
TARGET_PERIOD_MSGIDS = {"month": N_("per month"), "quarter": N_("per quarter"),
                        "half": N_("per half-year"), "year": N_("per year")}
ASRUN_KIND_MSGIDS = {"armed": N_("armed"), "started": N_("started"), "finished": N_("finished"),
                     "failed": N_("failed"), "skipped": N_("skipped")}
STATUS_MSGIDS = {reports.MET: N_("met"), reports.NOT_MET: N_("not met"),
                 reports.IN_PROGRESS: N_("in progress")}


# --- who sees what -------------------------------------------------------------------------


def visible_area_ids(session: Session, user: User) -> set[int]:
    """Areas in the subtrees where the user is an operator or a reviewer (admins: all)."""
    ids: set[int] = set()
    for role in VIEW_ROLES:
        ids |= access.role_area_ids(session, user, role)
    return ids


def visible_areas(session: Session, user: User) -> list[Area]:
    ids = visible_area_ids(session, user)
    if not ids:
        return []
    return sorted(session.exec(select(Area).where(col(Area.id).in_(ids))).all(), key=lambda a: a.path)


def _denied() -> PermissionDenied:
    return PermissionDenied("this area is outside yours", "Địa bàn này nằm ngoài phạm vi của bạn.")


def _visible_unit(session: Session, user: User, unit_id: str) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("no such unit", "Không tìm thấy cụm loa.")
    if unit.area_id not in visible_area_ids(session, user):
        raise _denied()
    return unit


def _poll_s(request: Request) -> float:
    return float(getattr(request.app.state.settings, "sync_poll_s", devices.DEFAULT_POLL_S))


# --- devices -------------------------------------------------------------------------------


@router.get("/devices")
def devices_page(request: Request, page: PageDep, session: SessionDep, user: CurrentUser,
                 now: Now) -> Response:
    units = devices.fleet_status(session, area_ids=visible_area_ids(session, user), now=now,
                                 poll_s=_poll_s(request))
    summary = {
        "total": len(units),
        "online": sum(1 for u in units if u.online),
        "offline": sum(1 for u in units if not u.online and u.last_seen is not None),
        "never": sum(1 for u in units if u.last_seen is None),
        "untrusted": sum(1 for u in units if u.clock_trusted is False),
        "failing": sum(1 for u in units if u.failures),
    }
    return page.render("devices.html", units=units, summary=summary, poll_s=_poll_s(request),
                       failure_days=devices.FAILURE_WINDOW.days)


def _local_day(value: str, *, field: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError("not a date", "Ngày không hợp lệ (dạng 2026-03-01).", field=field) from None


def _midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=TZ)


@router.get("/devices/{unit_id}")
def unit_log_page(unit_id: str, request: Request, page: PageDep, session: SessionDep,
                  user: CurrentUser, now: Now, date_from: str = Query(""), date_to: str = Query(""),
                  kind: str = Query(""), topic: str = Query(""),
                  page_no: int = Query(1, alias="page", ge=1, le=100_000)) -> Response:
    unit = _visible_unit(session, user, unit_id)
    d_from, d_to = _local_day(date_from, field="date_from"), _local_day(date_to, field="date_to")
    if kind and kind not in devices.KINDS:
        raise ValidationError("unknown kind", "Loại sự kiện không hợp lệ.", field="kind")
    flt = devices.LogFilter(
        date_from=_midnight(d_from) if d_from else None,
        date_to=_midnight(d_to + timedelta(days=1)) if d_to else None,  # the whole last day
        kind=kind, topic=topic.strip(),
    )
    per_page = 100
    rows, total = devices.unit_log(session, unit.id, flt, limit=per_page, offset=(page_no - 1) * per_page)
    mark = devices.chain_mark(session, unit, rows)
    status = next((s for s in devices.fleet_status(session, area_ids={unit.area_id}, now=now,
                                                   poll_s=_poll_s(request)) if s.id == unit.id), None)
    trail = devices.gps_trail(session, unit.id, flt) if unit.kind == "mobile" else []
    topics = list(session.exec(select(Topic).order_by(Topic.name)).all())
    return page.render(
        "unit_log.html", unit=unit, status=status, rows=rows, total=total, page_no=page_no,
        pages=max(1, -(-total // per_page)), mark=mark, trail=trail, topics=topics,
        flags=devices.sync_flags(session, unit.id),
        kinds=devices.KINDS, kind_msgids=ASRUN_KIND_MSGIDS,
        filters={"date_from": date_from, "date_to": date_to, "kind": kind, "topic": topic},
        topic_names={t.code: t.name for t in topics},
    )


# --- reports -------------------------------------------------------------------------------


def _report_params(session: Session, user: User, areas: list[Area], *, area_id: str, period: str,
                   start: str, now: datetime) -> tuple[int, str, date]:
    reports.check_period(period)
    aid = parse_id(area_id, field="area_id", en="area", vi="địa bàn", required=False)
    if aid is None:
        if not areas:
            raise _denied()
        aid = areas[0].id
    if aid not in {a.id for a in areas}:
        raise _denied()
    day = reports.parse_start(start) if start.strip() else now.astimezone(TZ).date()
    return aid, period, day


@router.get("/reports")
def reports_page(page: PageDep, session: SessionDep, user: CurrentUser, now: Now,
                 area_id: str = Query(""), period: str = Query("month"),
                 start: str = Query("")) -> Response:
    areas = visible_areas(session, user)
    aid, period, day = _report_params(session, user, areas, area_id=area_id, period=period,
                                      start=start, now=now)
    report = reports.build_report(session, area_id=aid, period=period, start=day, now=now)
    tables = {t.key: t for t in report_export.report_tables(report, page.locale)}
    _ = page._
    svg = {
        "by_topic": charts.bar_chart(tables["by_topic"].chart or [], title=_("Broadcasts per topic"),
                                     chart_id="chart-topic"),
        "by_unit": charts.bar_chart(tables["by_unit"].chart or [], title=_("Broadcasts per unit"),
                                    chart_id="chart-unit"),
        "by_month": charts.column_chart(tables["by_month"].chart or [], title=_("Broadcasts per month"),
                                        chart_id="chart-month"),
    }
    return page.render(
        "reports.html", report=report, tables=tables, svg=svg,
        areas=[(a, area_label(a)) for a in areas], period_msgids=PERIOD_MSGIDS,
        status_msgids=STATUS_MSGIDS, formats=list(report_export.FORMATS),
        values={"area_id": aid, "period": period, "start": f"{report.start:%Y-%m}"},
        last_day=report.end - timedelta(days=1),
        title=report.title_vi if page.locale == "vi" else report_export.heading(report, "en")[0],
    )


@router.post("/reports/export")
def start_export(request: Request, background: BackgroundTasks, session: SessionDep,
                 user: CurrentUser, now: Now, page: PageDep, area_id: FormStr = "",
                 period: FormStr = "month", start: FormStr = "", fmt: FormStr = "docx") -> Response:
    if fmt not in report_export.FORMATS:
        raise ValidationError("unknown format", "Định dạng tệp không hợp lệ.", field="fmt")
    aid, period, day = _report_params(session, user, visible_areas(session, user), area_id=area_id,
                                      period=period, start=start, now=now)
    jobs = report_jobs.jobs_of(request.app)
    job = jobs.create(user_id=user.id, area_id=aid, period=period, start=day, fmt=fmt,
                      locale=page.locale, now=now)
    background.add_task(jobs.run, job, engine=request.app.state.engine, now=request.app.state.clock)
    if request.headers.get("hx-request"):
        return page.render("_export_progress.html", job=job)
    return RedirectResponse(f"/reports/jobs/{job.id}", status_code=303)


def _job(request: Request, user: User, job_id: str) -> report_jobs.ExportJob:
    job = report_jobs.jobs_of(request.app).get(job_id, user_id=user.id)
    if job is None:
        raise NotFound("no such export", "Không tìm thấy tệp xuất báo cáo (có thể đã hết hạn).")
    return job


@router.get("/reports/jobs/{job_id}")
def export_progress(job_id: str, request: Request, page: PageDep, user: CurrentUser) -> Response:
    job = _job(request, user, job_id)
    if request.headers.get("hx-request"):
        return page.render("_export_progress.html", job=job)
    return page.render("export_job.html", job=job)


@router.get("/reports/jobs/{job_id}/download")
def export_download(job_id: str, request: Request, user: CurrentUser) -> Response:
    job = _job(request, user, job_id)
    if job.state != "done":
        raise NotFound("the export is not ready", "Tệp báo cáo chưa sẵn sàng.")
    return Response(job.data, media_type=job.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{job.filename}"'})


# --- report targets (admins) ---------------------------------------------------------------


def _targets_page(page, session: Session, *, values: dict | None = None, error: str | None = None,
                  status: int = 200) -> Response:
    areas = sorted(session.exec(select(Area)).all(), key=lambda a: a.path)
    names = {a.id: a for a in areas}
    topics = list(session.exec(select(Topic).order_by(Topic.name)).all())
    tnames = {t.id: t.name for t in topics}
    targets = session.exec(select(ReportTarget).order_by(col(ReportTarget.id))).all()
    rows = [(t, names.get(t.area_id), tnames.get(t.topic_id) if t.topic_id else None) for t in targets]
    rows.sort(key=lambda r: (r[1].path if r[1] else "", r[0].id))
    return page.render("report_targets.html", status_code=status, rows=rows,
                       areas=[(a, area_label(a)) for a in areas if a.kind != "village"],
                       topics=topics, periods=reports.PERIODS, period_msgids=TARGET_PERIOD_MSGIDS,
                       kind_msgids=KIND_MSGIDS, values=values or {}, error=error)


@router.get("/admin/report-targets")
def report_targets(page: PageDep, session: SessionDep) -> Response:
    return _targets_page(page, session)


def _number(value: str, *, field: str, vi: str, integer: bool) -> float:
    value = (value or "").strip().replace(",", ".") or "0"
    try:
        n = int(value) if integer else float(value)
    except ValueError:
        raise ValidationError(f"{field} is not a number", f"{vi} phải là một số.", field=field) from None
    if n < 0 or n > 1_000_000:
        raise ValidationError(f"{field} is out of range", f"{vi} phải từ 0 đến 1.000.000.", field=field)
    return n


@router.post("/admin/report-targets")
def create_report_target(request: Request, page: PageDep, session: SessionDep, user: CurrentUser,
                         now: Now, area_id: FormStr = "", topic_id: FormStr = "",
                         period: FormStr = "month", min_broadcasts: FormStr = "0",
                         min_minutes: FormStr = "0") -> Response:
    values = dict(area_id=area_id, topic_id=topic_id, period=period, min_broadcasts=min_broadcasts,
                  min_minutes=min_minutes)
    try:
        aid = parse_id(area_id, field="area_id", en="area", vi="địa bàn")
        if session.get(Area, aid) is None:
            raise ValidationError("unknown area", "Địa bàn không tồn tại.", field="area_id")
        tid = parse_id(topic_id, field="topic_id", en="topic", vi="chủ đề", required=False)
        if tid is not None and session.get(Topic, tid) is None:
            raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
        reports.check_period(period)
        nb = int(_number(min_broadcasts, field="min_broadcasts", vi="Số lượt tối thiểu", integer=True))
        nm = _number(min_minutes, field="min_minutes", vi="Số phút tối thiểu", integer=False)
        if nb <= 0 and nm <= 0:
            raise ValidationError("a target needs broadcasts or minutes",
                                  "Chỉ tiêu cần số lượt hoặc số phút lớn hơn 0.", field="min_broadcasts")
    except ValidationError as exc:
        discard(session)
        return _targets_page(page, session, values=values, status=422,
                             error=exc.reason_vi if page.locale == "vi" else exc.reason)
    target = ReportTarget(area_id=aid, topic_id=tid, period=period, min_broadcasts=nb,
                          min_minutes=nm, created_by=user.id, created_at=now)
    session.add(target)
    session.flush()
    services.audit(session, actor=user, action="report_target.create", object_type="report_target",
                   object_id=target.id, now=now, area_id=aid, topic_id=tid, period=period,
                   min_broadcasts=nb, min_minutes=nm)
    flash(request, N_("Target saved."))
    return RedirectResponse("/admin/report-targets", status_code=303)


@router.post("/admin/report-targets/{target_id}/delete")
def delete_report_target(target_id: int, request: Request, session: SessionDep,
                         user: CurrentUser, now: Now) -> Response:
    target = session.get(ReportTarget, target_id)
    if target is None:
        raise NotFound("no such target", "Không tìm thấy chỉ tiêu.")
    services.audit(session, actor=user, action="report_target.delete", object_type="report_target",
                   object_id=target.id, now=now, area_id=target.area_id, topic_id=target.topic_id,
                   period=target.period, min_broadcasts=target.min_broadcasts,
                   min_minutes=target.min_minutes)
    session.delete(target)
    flash(request, N_("Target deleted."))
    return RedirectResponse("/admin/report-targets", status_code=303)

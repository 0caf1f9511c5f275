"""/reports: broadcast reports per period and area subtree, with charts and DOCX/XLSX/CSV
exports run as background jobs. Operators and reviewers see their areas' subtrees."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from content_library import access
from content_library.errors import NotFound, PermissionDenied, ValidationError
from content_library.models import Area, User, require_id
from web.deps import CurrentUser, FormStr, Now, PageDep, SessionDep
from web.i18n import N_
from web.services import charts, forms, report_export, report_jobs, reports
from web.services.labels import area_label

router = APIRouter(include_in_schema=False)
PERIOD_MSGIDS = {
    "month": N_("Monthly report"),
    "quarter": N_("Quarterly report"),
    "half": N_("Half-year review (6 months)"),
    "year": N_("Annual review"),
}
STATUS_MSGIDS = {
    reports.MET: N_("met"),
    reports.NOT_MET: N_("not met"),
    reports.IN_PROGRESS: N_("in progress"),
}


def _denied() -> PermissionDenied:
    return PermissionDenied("this area is outside yours", "Địa bàn này nằm ngoài phạm vi của bạn.")


def _visible_areas(session: Session, user: User) -> list[Area]:
    return access.areas_for(session, user, *access.WATCH_ROLES)


def _report_params(
    areas: list[Area], *, area_id: str, period: str, start: str, now: datetime
) -> tuple[int, str, date]:
    reports.check_period(period)
    aid = forms.parse_id(area_id, field="area_id", en="area", vi="địa bàn", required=False)
    if aid is None:
        if not areas:
            raise _denied()
        aid = require_id(areas[0])
    if aid not in {a.id for a in areas}:
        raise _denied()
    day = reports.parse_start(start) if start.strip() else now.astimezone(reports.TZ).date()
    return aid, period, day


@router.get("/reports")
def reports_page(
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    area_id: str = Query(""),
    period: str = Query("month"),
    start: str = Query(""),
) -> Response:
    areas = _visible_areas(session, user)
    aid, period, day = _report_params(areas, area_id=area_id, period=period, start=start, now=now)
    report = reports.build_report(session, area_id=aid, period=period, start=day, now=now)
    tables = {t.key: t for t in report_export.report_tables(report, page.locale)}
    _ = page._
    svg = {
        "by_topic": charts.bar_chart(
            tables["by_topic"].chart or [], title=_("Broadcasts per topic"), chart_id="chart-topic"
        ),
        "by_unit": charts.bar_chart(
            tables["by_unit"].chart or [], title=_("Broadcasts per unit"), chart_id="chart-unit"
        ),
        "by_month": charts.column_chart(
            tables["by_month"].chart or [], title=_("Broadcasts per month"), chart_id="chart-month"
        ),
    }
    return page.render(
        "reports.html",
        report=report,
        tables=tables,
        svg=svg,
        areas=[(a, area_label(a)) for a in areas],
        period_msgids=PERIOD_MSGIDS,
        status_msgids=STATUS_MSGIDS,
        formats=list(report_export.FORMATS),
        values={"area_id": aid, "period": period, "start": f"{report.start:%Y-%m}"},
        last_day=report.end - timedelta(days=1),
        title=report.title_vi if page.locale == "vi" else report_export.heading(report, "en")[0],
    )


@router.post("/reports/export")
def start_export(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    page: PageDep,
    area_id: FormStr = "",
    period: FormStr = "month",
    start: FormStr = "",
    fmt: FormStr = "docx",
) -> Response:
    if fmt not in report_export.FORMATS:
        raise ValidationError("unknown format", "Định dạng tệp không hợp lệ.", field="fmt")
    aid, period, day = _report_params(
        _visible_areas(session, user), area_id=area_id, period=period, start=start, now=now
    )
    jobs = report_jobs.jobs_of(request.app)
    job = jobs.create(
        user_id=require_id(user),
        area_id=aid,
        period=period,
        start=day,
        fmt=fmt,
        locale=page.locale,
        now=now,
    )
    background.add_task(jobs.run, job, engine=request.app.state.engine, now=request.app.state.clock)
    if request.headers.get("hx-request"):
        return page.render("_export_progress.html", job=job)
    return RedirectResponse(f"/reports/jobs/{job.id}", status_code=303)


def _job(request: Request, session: Session, user: User, job_id: str) -> report_jobs.ExportJob:
    """The user's own export, while they still watch its area: a role taken away (or moved to
    another commune) since it was started reads like a job that does not exist (security 22)."""
    job = report_jobs.jobs_of(request.app).get(job_id, user_id=require_id(user))
    if job is None or job.area_id not in {a.id for a in _visible_areas(session, user)}:
        raise NotFound("no such export", "Không tìm thấy tệp xuất báo cáo (có thể đã hết hạn).")
    return job


@router.get("/reports/jobs/{job_id}")
def export_progress(
    job_id: str, request: Request, page: PageDep, session: SessionDep, user: CurrentUser
) -> Response:
    job = _job(request, session, user, job_id)
    if request.headers.get("hx-request"):
        return page.render("_export_progress.html", job=job)
    return page.render("export_job.html", job=job)


@router.get("/reports/jobs/{job_id}/download")
def export_download(
    job_id: str, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    job = _job(request, session, user, job_id)
    if job.state != "done":
        raise NotFound("the export is not ready", "Tệp báo cáo chưa sẵn sàng.")
    return Response(
        job.data,
        media_type=job.media_type,
        headers={"Content-Disposition": f'attachment; filename="{job.filename}"'},
    )

"""/devices and /devices/{unit_id}: the fleet dashboard and each unit's as-run log (verified
chain, filters, GPS trail of mobile rigs). Operators and reviewers see their areas' subtrees."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from content_library import access, publishing, services
from content_library.errors import NotFound, ValidationError
from content_library.models import Unit, User
from web.deps import CurrentUser, Now, PageDep, SessionDep, locale_of
from web.services import devices, forms
from web.services.labels import ASRUN_KIND_MSGIDS

router = APIRouter(include_in_schema=False)


def _visible_unit(session: Session, user: User, unit_id: str) -> Unit:
    unit = None if "\x00" in unit_id else session.get(Unit, unit_id)  # PostgreSQL: no NUL
    # Another area's unit reads like one that does not exist: unit ids are names people pick
    # ("ngoc-chuc-01"), so a refusal would confirm a guess.
    if unit is None or unit.area_id not in access.role_area_ids(session, user, *access.WATCH_ROLES):
        raise NotFound("no such unit", "Không tìm thấy cụm loa.")
    return unit


def _poll_s(request: Request) -> float:
    return float(getattr(request.app.state.settings, "sync_poll_s", devices.DEFAULT_POLL_S))


@router.get("/devices")
def devices_page(
    request: Request, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    # Approvals past their end are taken off the air before the fleet is shown (issue 12).
    services.expire_approvals(
        session,
        now=now,
        publisher=publishing.Publisher.from_settings(
            request.app.state.settings, store=request.app.state.asset_store
        ),
    )
    units = devices.fleet_status(
        session,
        area_ids=access.role_area_ids(session, user, *access.WATCH_ROLES),
        now=now,
        poll_s=_poll_s(request),
    )
    summary = {
        "total": len(units),
        "online": sum(1 for u in units if u.online),
        "offline": sum(1 for u in units if not u.online and u.last_seen is not None),
        "never": sum(1 for u in units if u.last_seen is None),
        "untrusted": sum(1 for u in units if u.clock_trusted is False),
        "failing": sum(1 for u in units if u.failures),
        "revocation": sum(1 for u in units if u.revocation_pending is not None),
    }
    return page.render(
        "devices.html",
        units=units,
        summary=summary,
        poll_s=_poll_s(request),
        failure_days=devices.FAILURE_WINDOW.days,
    )


def _midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=forms.TZ)


@router.get("/devices/{unit_id}")
def unit_log_page(
    unit_id: str,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    date_from: str = Query(""),
    date_to: str = Query(""),
    kind: str = Query(""),
    topic: str = Query(""),
    page_no: int = Query(1, alias="page", ge=1, le=100_000),
) -> Response:
    unit = _visible_unit(session, user, unit_id)
    d_from = forms.parse_local_day(date_from, field="date_from")
    d_to = forms.parse_local_day(date_to, field="date_to")
    if kind and kind not in devices.KINDS:
        raise ValidationError("unknown kind", "Loại sự kiện không hợp lệ.", field="kind")
    flt = devices.LogFilter(
        date_from=_midnight(d_from) if d_from else None,
        date_to=_midnight(d_to + timedelta(days=1)) if d_to else None,  # the whole last day
        kind=kind,
        topic=topic.replace("\x00", "").strip(),
    )
    per_page = 100
    rows, total = devices.unit_log(
        session, unit.id, flt, limit=per_page, offset=(page_no - 1) * per_page
    )
    mark = devices.chain_mark(session, unit, rows)
    status = next(
        (
            s
            for s in devices.fleet_status(
                session, area_ids={unit.area_id}, now=now, poll_s=_poll_s(request)
            )
            if s.id == unit.id
        ),
        None,
    )
    trail = devices.gps_trail(session, unit.id, flt) if unit.kind == "mobile" else []
    topics = services.all_topics(session)
    return page.render(
        "unit_log.html",
        unit=unit,
        status=status,
        rows=rows,
        total=total,
        page_no=page_no,
        pages=max(1, -(-total // per_page)),
        mark=mark,
        trail=trail,
        topics=topics,
        flags=devices.sync_flags(session, unit.id),
        kinds=devices.KINDS,
        kind_msgids=ASRUN_KIND_MSGIDS,
        filters={"date_from": date_from, "date_to": date_to, "kind": kind, "topic": topic},
        topic_names={t.code: t.name for t in topics},
        reasons=devices.reasons_in(rows, locale_of(request)),
    )

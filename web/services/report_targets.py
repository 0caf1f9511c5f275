"""Report targets (chỉ tiêu): how many broadcasts or minutes an area owes per period, optionally
for one topic. Admins set and delete them; reports (``web.services.reports``) measure them."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session, col, select

from content_library import access, services
from content_library.errors import NotFound, ValidationError
from content_library.models import Area, ReportTarget, Topic, User
from content_library.types import Role
from web.services.reports import check_period


class TargetRow(NamedTuple):
    target: ReportTarget
    area: Area | None
    topic_name: str | None


def all_targets(session: Session, *, area_ids: set[int] | None = None) -> list[TargetRow]:
    """Every target (of ``area_ids`` only, when given), grouped by area in tree order."""
    areas = {a.id: a for a in session.exec(select(Area)).all()}
    topics = {t.id: t.name for t in session.exec(select(Topic)).all()}
    q = select(ReportTarget).order_by(col(ReportTarget.id))
    if area_ids is not None:
        q = q.where(col(ReportTarget.area_id).in_(area_ids or {-1}))
    targets = session.exec(q).all()
    rows = [
        TargetRow(t, areas.get(t.area_id), topics.get(t.topic_id) if t.topic_id else None)
        for t in targets
    ]
    rows.sort(key=lambda r: (r.area.path if r.area else "", r.target.id))
    return rows


def create_target(
    session: Session,
    *,
    actor: User,
    area_id: int,
    topic_id: int | None,
    period: str,
    min_broadcasts: int,
    min_minutes: float,
    now: datetime,
) -> ReportTarget:
    services.require_admin(session, actor)
    # Another commune's area reads like one that does not exist (docs/security.md 30, 31).
    access.require_known_areas(session, actor, [area_id])
    if session.get(Area, area_id) is None:
        raise ValidationError("unknown area", "Địa bàn không tồn tại.", field="area_id")
    services.require_admin(session, actor, area_ids=[area_id])
    if topic_id is not None and session.get(Topic, topic_id) is None:
        raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
    check_period(period)
    if min_broadcasts <= 0 and min_minutes <= 0:
        raise ValidationError(
            "a target needs broadcasts or minutes",
            "Chỉ tiêu cần số lượt hoặc số phút lớn hơn 0.",
            field="min_broadcasts",
        )
    target = ReportTarget(
        area_id=area_id,
        topic_id=topic_id,
        period=period,
        min_broadcasts=min_broadcasts,
        min_minutes=min_minutes,
        created_by=actor.id,
        created_at=now,
    )
    session.add(target)
    session.flush()
    services.audit(
        session,
        actor=actor,
        action="report_target.create",
        object_type="report_target",
        object_id=target.id,
        now=now,
        area_id=area_id,
        topic_id=topic_id,
        period=period,
        min_broadcasts=min_broadcasts,
        min_minutes=min_minutes,
    )
    return target


def delete_target(session: Session, *, actor: User, target_id: int, now: datetime) -> None:
    services.require_admin(session, actor)
    target = session.get(ReportTarget, target_id)
    # Another commune's target reads like one that does not exist (security 29): a refusal
    # confirmed it, and the page lists only the admin's own.
    if target is None or target.area_id not in access.role_area_ids(session, actor, Role.ADMIN):
        raise NotFound("no such target", "Không tìm thấy chỉ tiêu.")
    services.audit(
        session,
        actor=actor,
        action="report_target.delete",
        object_type="report_target",
        object_id=target.id,
        now=now,
        area_id=target.area_id,
        topic_id=target.topic_id,
        period=target.period,
        min_broadcasts=target.min_broadcasts,
        min_minutes=target.min_minutes,
    )
    session.delete(target)

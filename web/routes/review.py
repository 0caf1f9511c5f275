"""/review and /versions/{id}/approve|reject: the review queue, the review page where the
reviewer listens to the exact render, and the decision. The approval rule itself — only the
finished render, only the one that was heard — is ``content_library.services.approve``. The
queue also lists the emergency templates waiting for the reviewer (new, or sent back by a
lexicon edit or an upgrade, with the reason); they are approved on their own page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from content_library import access, emergency, publishing, services
from content_library.errors import LoaError, ValidationError
from content_library.models import User, require_id
from content_library.types import Role
from content_library.workflow import AudioNotHeard
from web.deps import CurrentUser, FormStr, Now, Page, PageDep, SessionDep, discard, flash
from web.i18n import N_
from web.schemas import IdPath
from web.services import forms, render
from web.services.diff import render_diff
from web.services.labels import area_choices
from web.services.speech import builtin_readings, speech_of

router = APIRouter(include_in_schema=False)

AGE_CHOICES = ("", "1", "24", "72")


@router.get("/review")
def review_queue(
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    area_id: Annotated[str, Query()] = "",
    topic_id: Annotated[str, Query()] = "",
    min_age_hours: Annotated[str, Query()] = "",
) -> Response:
    areas = access.areas_for(session, user, Role.REVIEWER)
    topics = services.all_topics(session)
    error = None
    rows = []
    waiting: list[tuple[emergency.WaitingTemplate, str]] = []
    try:
        aid = forms.parse_id(area_id, field="area_id", en="area", vi="địa bàn", required=False)
        tid = forms.parse_id(topic_id, field="topic_id", en="topic", vi="chủ đề", required=False)
        if aid is not None and aid not in {a.id for a in areas}:
            raise ValidationError(
                "unknown area", "Địa bàn không tồn tại hoặc ngoài phạm vi của bạn.", field="area_id"
            )
        if tid is not None and tid not in {t.id for t in topics}:
            raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
        if min_age_hours not in AGE_CHOICES:
            raise ValidationError(
                "unknown age filter", "Bộ lọc thời gian không hợp lệ.", field="min_age_hours"
            )
        age = float(min_age_hours) if min_age_hours else None
        rows = services.review_queue(
            session, actor=user, area_id=aid, topic_id=tid, min_age_hours=age, now=now
        )
        code = next((t.code for t in topics if t.id == tid), None) if tid is not None else None
        waiting = _templates_waiting(
            page, session, user, now=now, area_id=aid, topic_code=code, age=age
        )
    except ValidationError as exc:
        error = page.say(exc)
    return page.render(
        "review_queue.html",
        status_code=422 if error else 200,
        rows=rows,
        templates=waiting,
        error=error,
        areas=area_choices(areas),
        topics=topics,
        f={"area_id": area_id, "topic_id": topic_id, "min_age_hours": min_age_hours},
        ages=AGE_CHOICES,
    )


def _templates_waiting(
    page: Page,
    session: Session,
    user: User,
    *,
    now: datetime,
    area_id: int | None,
    topic_code: str | None,
    age: float | None,
) -> list[tuple[emergency.WaitingTemplate, str]]:
    """The emergency templates waiting for this reviewer, each with why it waits again when
    its approval was taken back ("Từ điển phát âm thay đổi: …"), after holding the approved
    ones to the built-in readings (an upgrade sends some back here: ``recheck_builtin``)."""
    emergency.recheck_builtin(session, builtin=builtin_readings(), now=now)
    path = access.area_path(session, area_id) if area_id is not None else None
    out = []
    for w in emergency.templates_to_review(session, user):
        t = w.template
        if path is not None and not access.is_within(
            access.area_path(session, t.area_id) or "", path
        ):
            continue
        if topic_code is not None and topic_code != t.topic_code:
            continue
        if age is not None and (now - w.since).total_seconds() < age * 3600:
            continue
        reason = ""
        if w.returned is not None:
            en, vi = str(w.returned.get("reason", "")), str(w.returned.get("reason_vi", ""))
            reason = page.say(LoaError(en[:1].upper() + en[1:], vi[:1].upper() + vi[1:]))
        out.append((w, reason))
    return out


def _review_page(
    page: Page,
    session: Session,
    user: User,
    version_id: int,
    now: datetime,
    *,
    error: str | None = None,
    status: int = 200,
    reason: str = "",
    comment: str = "",
) -> Response:
    # a version of an area the user holds no role in reads like an unknown version id
    version, script = services.visible_version(session, actor=user, version_id=version_id)
    detail = services.script_detail(
        session, actor=user, script_id=require_id(script), now=now
    )  # checks the area
    diff = None
    if version.kind == "text" and detail.last_approved_text is not None:
        diff = render_diff(detail.last_approved_text, version.text or "")
    return page.render(
        "review.html",
        status_code=status,
        d=detail,
        v=version,
        state=services.effective_state(version, now),
        diff=diff,
        audio=services.reviewable_audio_sha256(version),
        speech=speech_of(session, version),
        actions=services.allowed_actions(session, actor=user, version=version, now=now),
        error=error,
        reason=reason,
        comment=comment,
    )


@router.get("/review/{version_id}")
def review_page(
    version_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    return _review_page(page, session, user, version_id, now)


@router.post("/versions/{version_id}/approve")
def approve(
    version_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    comment: FormStr = "",
    audio_sha256: FormStr = "",
) -> Response:
    try:
        review = services.approve(
            session,
            actor=user,
            version_id=version_id,
            audio_sha256=audio_sha256,
            now=now,
            comment=comment,
            publisher=publishing.Publisher.from_settings(
                request.app.state.settings, store=request.app.state.asset_store
            ),
        )
        render.confirm_heard(session, review)
    except AudioNotHeard as exc:
        # Back to the review page with the reason and the player of the audio there is now.
        discard(session)
        return _review_page(
            page, session, user, version_id, now, status=422, error=page.say(exc), comment=comment
        )
    flash(request, N_("Approved."))
    return RedirectResponse("/review", status_code=303)


@router.post("/versions/{version_id}/reject")
def reject(
    version_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    reason: FormStr = "",
) -> Response:
    try:
        services.reject(session, actor=user, version_id=version_id, reason=reason, now=now)
    except ValidationError as exc:
        discard(session)
        return _review_page(
            page, session, user, version_id, now, status=422, reason=reason, error=page.say(exc)
        )
    flash(request, N_("Rejected; the author will see your reason."))
    return RedirectResponse("/review", status_code=303)

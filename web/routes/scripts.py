"""/scripts and /versions/{id}/submit|withdraw: an author's scripts, writing and editing them
(text or an uploaded recording), sending a version for review, withdrawing it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from content_library import access, publishing, services
from content_library.errors import LimitReached, ValidationError
from content_library.models import Script, ScriptVersion, User, require_id
from content_library.types import Priority, Region, Role
from web.deps import (
    CurrentUser,
    FormStr,
    Now,
    Page,
    PageDep,
    Renders,
    SessionDep,
    discard,
    flash,
    submit_version,
)
from web.i18n import N_
from web.schemas import IdPath
from web.services import forms
from web.services.diff import render_diff
from web.services.labels import area_choices
from web.services.speech import speech_for, speech_of

router = APIRouter(include_in_schema=False)


def _publisher(request: Request) -> publishing.Publisher:
    """Withdrawing an approved version re-issues the bundles that carry it, signed as the
    publish route signs them."""
    return publishing.Publisher.from_settings(
        request.app.state.settings, store=request.app.state.asset_store
    )


def preview_of(version: ScriptVersion) -> str | None:
    """What the script page plays: the render, or an unrendered draft's own recording."""
    if version.render_status == "done":
        return version.render_sha256
    if version.kind == "recording" and version.render_status == "none":
        return version.asset_sha256
    return None


@router.get("/scripts")
def my_scripts(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    rows = services.my_scripts(session, actor=user, now=now)  # not the old commune's (sec. 29)
    return page.render("scripts.html", rows=rows)


def _script_form(
    page: Page,
    session: Session,
    user: User,
    *,
    values: dict,
    error: str | None = None,
    error_field: str = "",
    status: int = 200,
    script: Script | None = None,
    version: ScriptVersion | None = None,
) -> Response:
    settings = page.request.app.state.settings
    return page.render(
        "script_form.html",
        status_code=status,
        values=values,
        error=error,
        error_field=error_field,
        areas=area_choices(access.areas_for(session, user, Role.AUTHOR)),
        topics=services.all_topics(session),
        priorities=[p.value for p in Priority],
        regions=[r.value for r in Region],
        max_chars=settings.max_script_chars,
        max_mb=settings.max_upload_bytes // (1024 * 1024),
        script=script,
        version=version,
    )


def _refused_form(
    page: Page,
    session: Session,
    user: User,
    exc: ValidationError | LimitReached,
    *,
    values: dict,
    script: Script | None = None,
    version: ScriptVersion | None = None,
) -> Response:
    """The form again, as typed, with the refusal above it: 422, or 429 with Retry-After past
    the submit bound (services.submit; nothing was stored)."""
    response = _script_form(
        page,
        session,
        user,
        values=values,
        error=page.say(exc),
        error_field="" if isinstance(exc, LimitReached) else exc.field,
        status=429 if isinstance(exc, LimitReached) else 422,
        script=script,
        version=version,
    )
    if isinstance(exc, LimitReached):
        response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


@router.get("/scripts/new")
def new_script_form(page: PageDep, session: SessionDep, user: CurrentUser) -> Response:
    return _script_form(
        page, session, user, values={"kind": "text", "priority": "normal", "voice_region": "north"}
    )


def _store_recording(
    request: Request, session: Session, file: UploadFile | None, now: datetime
) -> str:
    if file is None or not file.filename:
        raise ValidationError(
            "choose a recording to upload", "Hãy chọn tệp ghi âm để tải lên.", field="file"
        )
    settings = request.app.state.settings
    # Removed again if this request does not commit (a later refusal, any error).
    asset = services.keep_upload(
        session,
        request.app.state.asset_store,
        file.file,
        filename=file.filename,
        max_bytes=settings.max_upload_bytes,
        max_duration_s=settings.max_recording_s,
        now=now,
    )
    return asset.sha256


def _note(text: str, max_chars: int) -> str | None:
    """A recording's optional note or transcript: checked like a script, before the upload."""
    return services.validate_script_text(text, max_chars=max_chars) if text.strip() else None


def _checked_fields(
    session: Session,
    user: User,
    *,
    title: str,
    topic_id: str,
    area_id: str,
    priority: str,
    voice_region: str,
    valid_from: str,
    valid_until: str,
    submitting: bool = False,
    now: datetime | None = None,
) -> dict:
    """The form's fields parsed and checked by the domain, before any upload is kept."""
    tid = forms.parse_id(topic_id, field="topic_id", en="topic", vi="chủ đề")
    aid = forms.parse_id(area_id, field="area_id", en="area", vi="địa bàn")
    fields = services.check_script_fields(
        session,
        actor=user,
        title=title,
        topic_id=tid,
        area_id=aid,
        priority=forms.check_choice(priority, Priority, field="priority", vi="Mức ưu tiên"),
        voice_region=forms.check_choice(
            voice_region, Region, field="voice_region", vi="Giọng vùng miền"
        ),
        valid_from=forms.parse_local_datetime(valid_from, field="valid_from"),
        valid_until=forms.parse_local_datetime(valid_until, field="valid_until"),
        submitting=submitting,
        now=now,
    )
    return {**fields, "topic_id": tid, "area_id": aid}


@router.post("/scripts/new")
def new_script(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
    title: FormStr = "",
    topic_id: FormStr = "",
    area_id: FormStr = "",
    kind: FormStr = "text",
    text: FormStr = "",
    priority: FormStr = "normal",
    voice_region: FormStr = "north",
    valid_from: FormStr = "",
    valid_until: FormStr = "",
    action: FormStr = "save",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    values = dict(
        title=title,
        topic_id=topic_id,
        area_id=area_id,
        kind=kind,
        text=text,
        priority=priority,
        voice_region=voice_region,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    max_chars = request.app.state.settings.max_script_chars
    try:
        fields = _checked_fields(
            session,
            user,
            title=title,
            topic_id=topic_id,
            area_id=area_id,
            priority=priority,
            voice_region=voice_region,
            valid_from=valid_from,
            valid_until=valid_until,
            submitting=action == "submit",
            now=now,
        )
        if kind == "recording":
            note = _note(text, max_chars)
            sha = _store_recording(request, session, file, now)
            version = services.create_script(
                session,
                actor=user,
                text=note,
                asset_sha256=sha,
                max_chars=max_chars,
                now=now,
                **fields,
            )
        else:
            body = services.validate_script_text(text, max_chars=max_chars)
            version = services.create_script(
                session, actor=user, text=body, max_chars=max_chars, now=now, **fields
            )
        if action == "submit":
            submit_version(
                request,
                session,
                actor=user,
                version_id=require_id(version),
                now=now,
                renders=renders,
            )
    except (ValidationError, LimitReached) as exc:
        discard(session)
        return _refused_form(page, session, user, exc, values=values)
    flash(request, N_("Sent for review.") if action == "submit" else N_("Saved as a draft."))
    return RedirectResponse(f"/scripts/{version.script_id}", status_code=303)


@router.post("/scripts/preview-speech")
def preview_speech(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    text: FormStr = "",
    voice_region: FormStr = "north",
    kind: FormStr = "text",
) -> Response:
    """The form's live preview (HTMX, as the author types): what the reader will say, and what
    it is unsure of. Nothing for a recording; the text is checked as saving would check it."""
    speech = error = None
    if kind == "text" and text.strip():
        try:
            body = services.validate_script_text(
                text, max_chars=request.app.state.settings.max_script_chars
            )
            region = forms.check_choice(
                voice_region, Region, field="voice_region", vi="Giọng vùng miền"
            )
            speech = speech_for(session, body, region=region)
        except ValidationError as exc:
            error = page.say(exc)
    return page.render("_speech_preview.html", speech=speech, error=error)


@router.get("/scripts/{script_id}/edit")
def edit_script_form(
    script_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    detail = services.script_detail(session, actor=user, script_id=script_id, now=now)
    v = detail.current
    values = dict(
        title=detail.script.title,
        topic_id=str(detail.script.topic_id),
        area_id=str(detail.script.area_id),
        kind=v.kind,
        text=v.text or "",
        priority=v.priority,
        voice_region=v.voice_region,
        valid_from=_input_dt(v.valid_from),
        valid_until=_input_dt(v.valid_until),
    )
    return _script_form(page, session, user, values=values, script=detail.script, version=v)


def _input_dt(dt: datetime | None) -> str:
    if dt is None:
        return ""
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt
    return dt.astimezone(forms.TZ).strftime("%Y-%m-%dT%H:%M")


@router.post("/scripts/{script_id}/edit")
def edit_script(
    script_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
    title: FormStr = "",
    kind: FormStr = "text",
    text: FormStr = "",
    priority: FormStr = "normal",
    voice_region: FormStr = "north",
    valid_from: FormStr = "",
    valid_until: FormStr = "",
    action: FormStr = "save",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    detail = services.script_detail(session, actor=user, script_id=script_id, now=now)
    script = detail.script
    values = dict(
        title=title,
        topic_id=str(script.topic_id),
        area_id=str(script.area_id),
        kind=kind,
        text=text,
        priority=priority,
        voice_region=voice_region,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    max_chars = request.app.state.settings.max_script_chars
    try:
        fields = _checked_fields(
            session,
            user,
            title=title,
            topic_id=str(script.topic_id),
            area_id=str(script.area_id),
            priority=priority,
            voice_region=voice_region,
            valid_from=valid_from,
            valid_until=valid_until,
            submitting=action == "submit",
            now=now,
        )
        fields.pop("topic_id")
        fields.pop("area_id")
        fields.pop("language")
        if kind == "recording":
            sha = None
            note = _note(text, max_chars)
            if file is not None and file.filename:
                sha = _store_recording(request, session, file, now)
            elif detail.current.kind == "recording":
                sha = detail.current.asset_sha256
            else:
                _store_recording(request, session, None, now)  # raises "choose a recording"
            version = services.new_version(
                session,
                actor=user,
                script_id=require_id(script),
                text=note,
                asset_sha256=sha,
                max_chars=max_chars,
                now=now,
                **fields,
            )
        else:
            body = services.validate_script_text(text, max_chars=max_chars)
            version = services.new_version(
                session,
                actor=user,
                script_id=require_id(script),
                text=body,
                max_chars=max_chars,
                now=now,
                **fields,
            )
        if action == "submit":
            submit_version(
                request,
                session,
                actor=user,
                version_id=require_id(version),
                now=now,
                renders=renders,
            )
    except (ValidationError, LimitReached) as exc:
        discard(session)
        return _refused_form(
            page, session, user, exc, values=values, script=script, version=detail.current
        )
    flash(request, N_("Sent for review.") if action == "submit" else N_("Saved as a draft."))
    return RedirectResponse(f"/scripts/{script.id}", status_code=303)


@router.get("/scripts/{script_id}")
def script_page(
    script_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    detail = services.script_detail(session, actor=user, script_id=script_id, now=now)
    current = detail.current
    diff = None
    if current.kind == "text" and detail.last_approved_text is not None:
        diff = render_diff(detail.last_approved_text, current.text or "")
    states = {v.id: services.effective_state(v, now) for v in detail.versions}
    return page.render(
        "script_detail.html",
        d=detail,
        diff=diff,
        states=states,
        actions=services.allowed_actions(session, actor=user, version=current, now=now),
        audio=preview_of(current),
        v=current,
        speech=speech_of(session, current),
        mp3=states[current.id] == "approved" and current.render_status == "done",
        is_reviewer=access.has_role(session, user, Role.REVIEWER, detail.script.area_id),
        is_author=access.has_role(session, user, Role.AUTHOR, detail.script.area_id)
        or user.id == detail.script.author_id,
    )


@router.post("/versions/{version_id}/submit")
def submit(
    version_id: IdPath,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
) -> Response:
    version = submit_version(
        request,
        session,
        actor=user,
        version_id=version_id,
        now=now,
        renders=renders,
    )
    flash(request, N_("Sent for review."))
    return RedirectResponse(f"/scripts/{version.script_id}", status_code=303)


@router.post("/versions/{version_id}/withdraw")
def withdraw(
    version_id: IdPath, request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    version = services.withdraw(
        session, actor=user, version_id=version_id, now=now, publisher=_publisher(request)
    )
    flash(request, N_("Withdrawn."))
    return RedirectResponse(f"/scripts/{version.script_id}", status_code=303)

"""Server-rendered pages: my scripts, the review queue, history and audit, admin."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlmodel import Session, col, select

from content_library import access, services, workflow
from content_library.assets import store_upload
from content_library.errors import NotFound, PermissionDenied, ValidationError, WorkflowError
from content_library.models import Area, Asset, Membership, Script, ScriptVersion, Topic, User
from content_library.types import HO_CHI_MINH, Priority, Region, Role
from web import render_service
from web.deps import CurrentUser, Now, PageDep, SessionDep, discard
from web.diff import render_diff
from web.i18n import N_

router = APIRouter(include_in_schema=False)
TZ = ZoneInfo(HO_CHI_MINH)

STATE_MSGIDS = {
    "draft": N_("draft"),
    "submitted": N_("awaiting review"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
    "expired": N_("expired"),
    "superseded": N_("superseded"),
}
PRIORITY_MSGIDS = {"normal": N_("normal"), "priority": N_("priority"), "emergency": N_("emergency")}
REGION_MSGIDS = {"north": N_("Northern voice"), "central": N_("Central voice"),
                 "south": N_("Southern voice")}
AUDIT_MSGIDS = {
    "script.create": N_("created"),
    "script.edit": N_("edited (new version)"),
    "version.submit": N_("submitted for review"),
    "version.approve": N_("approved"),
    "version.reject": N_("rejected"),
    "version.withdraw": N_("withdrawn"),
    "version.expire": N_("expired"),
    "version.approval_dropped": N_("approval dropped; needs review again"),
    "lexicon.set": N_("lexicon entry saved"),
    "lexicon.delete": N_("lexicon entry deleted"),
}
RENDER_MSGIDS = {
    "queued": N_("Waiting to render the audio…"),
    "running": N_("Rendering the audio… %(pct)s%%"),
    "done": N_("Audio ready"),
    "failed": N_("The audio could not be rendered:"),
}

KINDS = ("province", "district", "commune", "village")
KIND_MSGIDS = {"province": N_("province"), "district": N_("district"),
               "commune": N_("commune"), "village": N_("village")}

FormStr = Annotated[str, Form()]


# --- small parsers (every refusal is a ValidationError with a Vietnamese reason) ------------


def parse_id(value: str | None, *, field: str, en: str, vi: str, required: bool = True) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError(f"choose the {en}", f"Hãy chọn {vi}.", field=field)
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError(f"unknown {en}", f"{vi.capitalize()} không tồn tại.", field=field) from None


def parse_local_datetime(value: str | None, *, field: str) -> datetime | None:
    """<input type="datetime-local"> is Vietnam's wall time without a zone."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("not a date and time", "Ngày giờ không hợp lệ.", field=field) from None
    return dt.replace(tzinfo=TZ) if dt.tzinfo is None else dt


def check_choice(value: str, allowed: type, *, field: str, vi: str) -> str:
    try:
        return allowed(value).value
    except ValueError:
        raise ValidationError(f"unknown {field}", f"{vi} không hợp lệ.", field=field) from None


def areas_for(session: Session, user: User, role: str) -> list[Area]:
    ids = access.role_area_ids(session, user, role)
    if not ids:
        return []
    return sorted(session.exec(select(Area).where(col(Area.id).in_(ids))).all(), key=lambda a: a.path)


def area_label(area: Area) -> str:
    depth = max(0, area.path.count("/") - 2)
    return "\u00a0\u00a0" * depth + area.name


def all_topics(session: Session) -> list[Topic]:
    return list(session.exec(select(Topic).order_by(Topic.name)).all())


def workflow_actor(session: Session, user: User, area_id: int) -> workflow.Actor:
    return workflow.Actor(
        id=user.id,
        author_here=access.has_role(session, user, Role.AUTHOR, area_id),
        reviewer_here=access.has_role(session, user, Role.REVIEWER, area_id),
        admin=access.is_admin(session, user),
    )


def allowed_actions(session: Session, user: User, version: ScriptVersion, script: Script,
                    now: datetime) -> set[str]:
    facts = workflow.VersionFacts(
        state=version.state, created_by=version.created_by,
        valid_until=_aware(version.valid_until),
    )
    actor = workflow_actor(session, user, script.area_id)
    return {a.value for a in workflow.allowed_actions(facts, actor, now=now)}


def check_may(session: Session, user: User, version: ScriptVersion, script: Script,
              action: workflow.Action, now: datetime) -> None:
    """Raise the state machine's own refusal (403/409) before checking anything else."""
    facts = workflow.VersionFacts(state=version.state, created_by=version.created_by,
                                  valid_until=_aware(version.valid_until))
    workflow.transition(facts, action, workflow_actor(session, user, script.area_id), now=now)


def _aware(dt: datetime | None) -> datetime | None:
    from datetime import UTC

    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def flash(request: Request, msgid: str) -> None:
    request.session["flash"] = msgid


def audio_of(version: ScriptVersion) -> str | None:
    """What a reviewer plays: the finished render, never a stale or half-made one."""
    return version.render_sha256 if version.render_status == "done" else None


def preview_of(version: ScriptVersion) -> str | None:
    """What the script page plays: the render, or an unrendered draft's own recording."""
    if version.render_status == "done":
        return version.render_sha256
    if version.kind == "recording" and version.render_status == "none":
        return version.asset_sha256
    return None


# --- home ----------------------------------------------------------------------------------


@router.get("/")
def home(request: Request, page: PageDep, user: CurrentUser) -> Response:
    roles: set[str] = request.state.roles
    if Role.AUTHOR in roles or Role.ADMIN in roles:
        return RedirectResponse("/scripts", status_code=303)
    if Role.REVIEWER in roles:
        return RedirectResponse("/review", status_code=303)
    return page.render("home.html")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


# --- my scripts ----------------------------------------------------------------------------


@router.get("/scripts")
def my_scripts(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    rows = services.my_scripts(session, actor=user, now=now)
    return page.render("scripts.html", rows=rows)


def _script_form(page, session: Session, user: User, *, values: dict, error: str | None = None,
                 error_field: str = "", status: int = 200, script: Script | None = None,
                 version: ScriptVersion | None = None) -> Response:
    areas = areas_for(session, user, Role.AUTHOR)
    return page.render(
        "script_form.html", status_code=status, values=values, error=error, error_field=error_field,
        areas=[(a.id, area_label(a)) for a in areas], topics=all_topics(session),
        priorities=[p.value for p in Priority], regions=[r.value for r in Region],
        max_chars=page.request.app.state.settings.max_script_chars,
        max_mb=page.request.app.state.settings.max_upload_bytes // (1024 * 1024),
        script=script, version=version,
    )


@router.get("/scripts/new")
def new_script_form(page: PageDep, session: SessionDep, user: CurrentUser) -> Response:
    return _script_form(page, session, user, values={"kind": "text", "priority": "normal",
                                                     "voice_region": "north"})


def _store_recording(request: Request, session: Session, file: UploadFile | None, now: datetime) -> str:
    if file is None or not file.filename:
        raise ValidationError("choose a recording to upload", "Hãy chọn tệp ghi âm để tải lên.",
                              field="file")
    settings = request.app.state.settings
    asset = store_upload(session, request.app.state.asset_store, file.file, filename=file.filename,
                         max_bytes=settings.max_upload_bytes, now=now)
    return asset.sha256


def _note(text: str, max_chars: int) -> str | None:
    """A recording's optional note or transcript: checked like a script, before the upload."""
    return services.validate_script_text(text, max_chars=max_chars) if text.strip() else None


def _common_fields(session: Session, user: User, *, title: str, topic_id: str, area_id: str,
                   priority: str, voice_region: str, valid_from: str, valid_until: str) -> dict:
    """Checks that need no storage, done before an upload is kept."""
    title = services.validate_title(title)
    tid = parse_id(topic_id, field="topic_id", en="topic", vi="chủ đề")
    aid = parse_id(area_id, field="area_id", en="area", vi="địa bàn")
    if session.get(Topic, tid) is None:
        raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
    if session.get(Area, aid) is None:
        raise ValidationError("unknown area", "Địa bàn không tồn tại.", field="area_id")
    if not access.has_role(session, user, Role.AUTHOR, aid):
        raise PermissionDenied("you may write scripts only for your own areas",
                               "Bạn chỉ được soạn kịch bản cho địa bàn của mình.")
    vf = parse_local_datetime(valid_from, field="valid_from")
    vu = parse_local_datetime(valid_until, field="valid_until")
    if vf and vu and vu <= vf:
        raise ValidationError("valid-until must be after valid-from",
                              "Ngày hết hiệu lực phải sau ngày bắt đầu.", field="valid_until")
    return dict(
        title=title, topic_id=tid, area_id=aid,
        priority=check_choice(priority, Priority, field="priority", vi="Mức ưu tiên"),
        voice_region=check_choice(voice_region, Region, field="voice_region", vi="Giọng vùng miền"),
        valid_from=vf, valid_until=vu,
    )


@router.post("/scripts/new")
def new_script(
    request: Request, page: PageDep, session: SessionDep, user: CurrentUser, now: Now,
    background: BackgroundTasks,
    title: FormStr = "", topic_id: FormStr = "", area_id: FormStr = "", kind: FormStr = "text",
    text: FormStr = "", priority: FormStr = "normal", voice_region: FormStr = "north",
    valid_from: FormStr = "", valid_until: FormStr = "", action: FormStr = "save",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    values = dict(title=title, topic_id=topic_id, area_id=area_id, kind=kind, text=text,
                  priority=priority, voice_region=voice_region, valid_from=valid_from,
                  valid_until=valid_until)
    settings = request.app.state.settings
    try:
        fields = _common_fields(session, user, title=title, topic_id=topic_id, area_id=area_id,
                                priority=priority, voice_region=voice_region,
                                valid_from=valid_from, valid_until=valid_until)
        if kind == "recording":
            note = _note(text, settings.max_script_chars)
            sha = _store_recording(request, session, file, now)
            version = services.create_script(session, actor=user, text=note, asset_sha256=sha,
                                             max_chars=settings.max_script_chars, now=now, **fields)
        else:
            body = services.validate_script_text(text, max_chars=settings.max_script_chars)
            version = services.create_script(session, actor=user, text=body,
                                             max_chars=settings.max_script_chars, now=now, **fields)
        if action == "submit":
            services.submit(session, actor=user, version_id=version.id, now=now)
            render_service.queue_render(request, session, background, version)
    except ValidationError as exc:
        discard(session)
        return _script_form(page, session, user, values=values, error=exc.reason_vi
                            if page.locale == "vi" else exc.reason, error_field=exc.field, status=422)
    flash(request, N_("Sent for review.") if action == "submit" else N_("Saved as a draft."))
    return RedirectResponse(f"/scripts/{version.script_id}", status_code=303)


@router.get("/scripts/{script_id}/edit")
def edit_script_form(script_id: int, page: PageDep, session: SessionDep, user: CurrentUser,
                     now: Now) -> Response:
    detail = services.script_detail(session, actor=user, script_id=script_id, now=now)
    v = detail.current
    values = dict(title=detail.script.title, topic_id=str(detail.script.topic_id),
                  area_id=str(detail.script.area_id), kind=v.kind, text=v.text or "",
                  priority=v.priority, voice_region=v.voice_region,
                  valid_from=_input_dt(v.valid_from), valid_until=_input_dt(v.valid_until))
    return _script_form(page, session, user, values=values, script=detail.script, version=v)


def _input_dt(dt: datetime | None) -> str:
    dt = _aware(dt)
    return dt.astimezone(TZ).strftime("%Y-%m-%dT%H:%M") if dt else ""


@router.post("/scripts/{script_id}/edit")
def edit_script(
    script_id: int, request: Request, page: PageDep, session: SessionDep, user: CurrentUser,
    now: Now, background: BackgroundTasks, title: FormStr = "", kind: FormStr = "text",
    text: FormStr = "",
    priority: FormStr = "normal", voice_region: FormStr = "north", valid_from: FormStr = "",
    valid_until: FormStr = "", action: FormStr = "save",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    detail = services.script_detail(session, actor=user, script_id=script_id, now=now)
    script = detail.script
    values = dict(title=title, topic_id=str(script.topic_id), area_id=str(script.area_id), kind=kind,
                  text=text, priority=priority, voice_region=voice_region, valid_from=valid_from,
                  valid_until=valid_until)
    settings = request.app.state.settings
    try:
        fields = _common_fields(session, user, title=title, topic_id=str(script.topic_id),
                                area_id=str(script.area_id), priority=priority,
                                voice_region=voice_region, valid_from=valid_from,
                                valid_until=valid_until)
        fields.pop("topic_id")
        fields.pop("area_id")
        if kind == "recording":
            sha = None
            note = _note(text, settings.max_script_chars)
            if file is not None and file.filename:
                sha = _store_recording(request, session, file, now)
            elif detail.current.kind == "recording":
                sha = detail.current.asset_sha256
            else:
                _store_recording(request, session, None, now)  # raises "choose a recording"
            version = services.new_version(session, actor=user, script_id=script.id,
                                           text=note, asset_sha256=sha,
                                           max_chars=settings.max_script_chars, now=now, **fields)
        else:
            body = services.validate_script_text(text, max_chars=settings.max_script_chars)
            version = services.new_version(session, actor=user, script_id=script.id, text=body,
                                           max_chars=settings.max_script_chars, now=now, **fields)
        if action == "submit":
            services.submit(session, actor=user, version_id=version.id, now=now)
            render_service.queue_render(request, session, background, version)
    except ValidationError as exc:
        discard(session)
        return _script_form(page, session, user, values=values, error=exc.reason_vi
                            if page.locale == "vi" else exc.reason, error_field=exc.field,
                            status=422, script=script, version=detail.current)
    flash(request, N_("Sent for review.") if action == "submit" else N_("Saved as a draft."))
    return RedirectResponse(f"/scripts/{script.id}", status_code=303)


@router.get("/scripts/{script_id}")
def script_page(script_id: int, page: PageDep, session: SessionDep, user: CurrentUser,
                now: Now) -> Response:
    detail = services.script_detail(session, actor=user, script_id=script_id, now=now)
    current = detail.current
    diff = None
    if current.kind == "text" and detail.last_approved_text is not None:
        diff = render_diff(detail.last_approved_text, current.text or "")
    states = {v.id: services.effective_state(v, now) for v in detail.versions}
    return page.render(
        "script_detail.html", d=detail, diff=diff, states=states,
        actions=allowed_actions(session, user, current, detail.script, now),
        audio=preview_of(current), v=current,
        mp3=states[current.id] == "approved" and current.render_status == "done",
        is_reviewer=access.has_role(session, user, Role.REVIEWER, detail.script.area_id),
        is_author=access.has_role(session, user, Role.AUTHOR, detail.script.area_id)
        or user.id == detail.script.author_id,
    )


def _version_and_script(session: Session, version_id: int) -> tuple[ScriptVersion, Script]:
    version = session.get(ScriptVersion, version_id)
    if version is None:
        raise NotFound("no such script version", "Không tìm thấy phiên bản kịch bản.")
    return version, session.get(Script, version.script_id)


@router.post("/versions/{version_id}/submit")
def submit(version_id: int, request: Request, session: SessionDep, user: CurrentUser,
           now: Now, background: BackgroundTasks) -> Response:
    version = services.submit(session, actor=user, version_id=version_id, now=now)
    render_service.queue_render(request, session, background, version)
    flash(request, N_("Sent for review."))
    return RedirectResponse(f"/scripts/{version.script_id}", status_code=303)


@router.post("/versions/{version_id}/withdraw")
def withdraw(version_id: int, request: Request, session: SessionDep, user: CurrentUser,
             now: Now) -> Response:
    version = services.withdraw(session, actor=user, version_id=version_id, now=now)
    flash(request, N_("Withdrawn."))
    return RedirectResponse(f"/scripts/{version.script_id}", status_code=303)


# --- review --------------------------------------------------------------------------------

AGE_CHOICES = ("", "1", "24", "72")


@router.get("/review")
def review_queue(
    page: PageDep, session: SessionDep, user: CurrentUser, now: Now,
    area_id: Annotated[str, Query()] = "", topic_id: Annotated[str, Query()] = "",
    min_age_hours: Annotated[str, Query()] = "",
) -> Response:
    areas = areas_for(session, user, Role.REVIEWER)
    topics = all_topics(session)
    error = None
    rows = []
    try:
        aid = parse_id(area_id, field="area_id", en="area", vi="địa bàn", required=False)
        tid = parse_id(topic_id, field="topic_id", en="topic", vi="chủ đề", required=False)
        if aid is not None and aid not in {a.id for a in areas}:
            raise ValidationError("unknown area", "Địa bàn không tồn tại hoặc ngoài phạm vi của bạn.",
                                  field="area_id")
        if tid is not None and tid not in {t.id for t in topics}:
            raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
        if min_age_hours not in AGE_CHOICES:
            raise ValidationError("unknown age filter", "Bộ lọc thời gian không hợp lệ.",
                                  field="min_age_hours")
        age = float(min_age_hours) if min_age_hours else None
        rows = services.review_queue(session, actor=user, area_id=aid, topic_id=tid,
                                     min_age_hours=age, now=now)
    except ValidationError as exc:
        error = exc.reason_vi if page.locale == "vi" else exc.reason
    return page.render(
        "review_queue.html", status_code=422 if error else 200, rows=rows, error=error,
        areas=[(a.id, area_label(a)) for a in areas], topics=topics,
        f={"area_id": area_id, "topic_id": topic_id, "min_age_hours": min_age_hours},
        ages=AGE_CHOICES,
    )


def _review_page(page, session: Session, user: User, version_id: int, now: datetime, *,
                 error: str | None = None, status: int = 200, reason: str = "") -> Response:
    version, script = _version_and_script(session, version_id)
    detail = services.script_detail(session, actor=user, script_id=script.id, now=now)
    diff = None
    if version.kind == "text":
        diff = render_diff(detail.last_approved_text, version.text or "") \
            if detail.last_approved_text is not None else None
    return page.render(
        "review.html", status_code=status, d=detail, v=version,
        state=services.effective_state(version, now), diff=diff, audio=audio_of(version),
        actions=allowed_actions(session, user, version, script, now), error=error, reason=reason,
    )


@router.get("/review/{version_id}")
def review_page(version_id: int, page: PageDep, session: SessionDep, user: CurrentUser,
                now: Now) -> Response:
    return _review_page(page, session, user, version_id, now)


@router.post("/versions/{version_id}/approve")
def approve(version_id: int, request: Request, session: SessionDep, user: CurrentUser, now: Now,
            comment: FormStr = "", audio_sha256: FormStr = "") -> Response:
    version, script = _version_and_script(session, version_id)
    check_may(session, user, version, script, workflow.Action.APPROVE, now)
    render_service.require_render(version)
    if not audio_sha256:
        raise ValidationError("listen to the audio before approving",
                              "Hãy nghe bản âm thanh trước khi duyệt.", field="audio_sha256")
    services.approve(session, actor=user, version_id=version_id, now=now, comment=comment,
                     audio_sha256=audio_sha256, require_audio=True)
    flash(request, N_("Approved."))
    return RedirectResponse("/review", status_code=303)


@router.post("/versions/{version_id}/reject")
def reject(version_id: int, request: Request, page: PageDep, session: SessionDep,
           user: CurrentUser, now: Now, reason: FormStr = "") -> Response:
    try:
        services.reject(session, actor=user, version_id=version_id, reason=reason, now=now)
    except ValidationError as exc:
        discard(session)
        return _review_page(page, session, user, version_id, now, status=422, reason=reason,
                            error=exc.reason_vi if page.locale == "vi" else exc.reason)
    flash(request, N_("Rejected; the author will see your reason."))
    return RedirectResponse("/review", status_code=303)


# --- audio ---------------------------------------------------------------------------------


@router.get("/assets/{sha256}")
def asset(sha256: str, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """The audio of a version the user may see; Range requests let the player seek."""
    row = session.get(Asset, sha256)
    if row is None:
        raise NotFound("no such audio", "Không tìm thấy tệp âm thanh.")
    versions = session.exec(
        select(ScriptVersion).where(
            (ScriptVersion.asset_sha256 == sha256) | (ScriptVersion.render_sha256 == sha256)
        )
    ).all()
    scripts = [session.get(Script, sid) for sid in {v.script_id for v in versions}]
    if not any(services.can_view_script(session, user, s) for s in scripts if s is not None):
        raise NotFound("no such audio", "Không tìm thấy tệp âm thanh.")
    path = request.app.state.asset_store.path_for(sha256)
    if not path.exists():
        raise NotFound("the audio file is missing", "Thiếu tệp âm thanh trên máy chủ.")
    return FileResponse(path, media_type=row.media_type or "application/octet-stream",
                        headers={"Cache-Control": "private, max-age=3600"})


def _visible_version(session: Session, user: User, version_id: int) -> tuple[ScriptVersion, Script]:
    version = session.get(ScriptVersion, version_id)
    script = session.get(Script, version.script_id) if version is not None else None
    if script is None or not services.can_view_script(session, user, script):
        raise NotFound("no such script version", "Không tìm thấy phiên bản kịch bản.")
    return version, script


@router.get("/versions/{version_id}/render-status")
def render_status(version_id: int, page: PageDep, session: SessionDep, user: CurrentUser,
                  view: Annotated[str, Query(max_length=10)] = "page") -> Response:
    """The render's progress, polled by HTMX every second while it is queued or running.

    On the script and review pages (``view=page``) a finished render reloads the page, so
    the player and the approve button appear with the audio's hash.
    """
    version, _script = _visible_version(session, user, version_id)
    view = "list" if view == "list" else "page"
    response = page.render("_render_status.html", v=version, view=view)
    if view == "page" and version.render_status not in render_service.PENDING:
        response.headers["HX-Refresh"] = "true"
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/versions/{version_id}/mp3")
def download_mp3(version_id: int, request: Request, session: SessionDep, user: CurrentUser,
                 now: Now) -> Response:
    """The approved render as MP3, for sharing on Zalo or a fanpage."""
    version, script = _visible_version(session, user, version_id)
    if services.effective_state(version, now) != "approved":
        raise WorkflowError("only approved audio can be downloaded",
                            "Chỉ tải được âm thanh đã được duyệt.")
    sha = render_service.require_render(version)
    path = render_service.service_of(request).mp3_for(sha)
    name = f"{ascii_slug(script.title) or 'ban-tin'}-v{version.number}.mp3"
    return FileResponse(path, media_type="audio/mpeg", headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "private, max-age=3600",
    })


def ascii_slug(text: str, *, max_len: int = 60) -> str:
    """'Phòng chống ma túy tháng 3' → 'phong-chong-ma-tuy-thang-3' (safe in any header)."""
    import re
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:max_len].rstrip("-")


# --- admin ---------------------------------------------------------------------------------


def _admin_users_page(page, session: Session, *, error: str | None = None, status: int = 200,
                      values: dict | None = None) -> Response:
    users = list(session.exec(select(User).order_by(User.username)).all())
    memberships: dict[int, list[tuple[str, Area]]] = {u.id: [] for u in users}
    for m, a in session.exec(select(Membership, Area).where(Membership.area_id == Area.id)).all():
        memberships.setdefault(m.user_id, []).append((m.role, a))
    areas = sorted(session.exec(select(Area)).all(), key=lambda a: a.path)
    return page.render("admin_users.html", status_code=status, users=users, memberships=memberships,
                       areas=[(a.id, area_label(a)) for a in areas], roles=[r.value for r in Role],
                       error=error, values=values or {})


@router.get("/admin/users")
def admin_users(page: PageDep, session: SessionDep) -> Response:
    return _admin_users_page(page, session)


def _role_pair(role: str, area_id: str) -> tuple[str, int]:
    role = check_choice(role, Role, field="role", vi="Vai trò")
    aid = parse_id(area_id, field="area_id", en="area", vi="địa bàn")
    return role, aid


@router.post("/admin/users")
def admin_create_user(
    request: Request, page: PageDep, session: SessionDep, user: CurrentUser, now: Now,
    username: FormStr = "", full_name: FormStr = "", password: FormStr = "",
    role: FormStr = "", area_id: FormStr = "",
) -> Response:
    values = dict(username=username, full_name=full_name, role=role, area_id=area_id)
    try:
        roles = [_role_pair(role, area_id)] if role else []
        services.create_user(session, actor=user, username=username, password=password,
                             full_name=full_name, roles=roles, now=now)
    except ValidationError as exc:
        discard(session)
        return _admin_users_page(page, session, status=422, values=values,
                                 error=exc.reason_vi if page.locale == "vi" else exc.reason)
    flash(request, N_("User created."))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/roles")
async def admin_set_roles(user_id: int, request: Request, page: PageDep, session: SessionDep,
                          user: CurrentUser, now: Now) -> Response:
    form = await request.form()
    if session.get(User, user_id) is None:
        raise NotFound("no such user", "Không tìm thấy người dùng.")
    try:
        roles = []
        for kept in form.getlist("keep"):
            r, _, a = str(kept).partition(":")
            roles.append(_role_pair(r, a))
        if form.get("role"):
            roles.append(_role_pair(str(form.get("role")), str(form.get("area_id") or "")))
        services.set_roles(session, actor=user, user_id=user_id, roles=roles, now=now)
    except ValidationError as exc:
        discard(session)
        return _admin_users_page(page, session, status=422,
                                 error=exc.reason_vi if page.locale == "vi" else exc.reason)
    flash(request, N_("Roles saved."))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/active")
def admin_set_active(user_id: int, request: Request, session: SessionDep, user: CurrentUser,
                     now: Now, active: FormStr = "") -> Response:
    if user_id == user.id and active != "1":
        raise ValidationError("you cannot disable yourself", "Bạn không thể tự khóa tài khoản của mình.",
                              field="active")
    services.set_active(session, actor=user, user_id=user_id, active=active == "1", now=now)
    flash(request, N_("Saved."))
    return RedirectResponse("/admin/users", status_code=303)


def _admin_areas_page(page, session: Session, *, error: str | None = None, status: int = 200,
                      values: dict | None = None) -> Response:
    areas = sorted(session.exec(select(Area)).all(), key=lambda a: a.path)
    return page.render("admin_areas.html", status_code=status,
                       areas=[(a, area_label(a)) for a in areas], kinds=KINDS,
                       kind_msgids=KIND_MSGIDS, error=error, values=values or {})


@router.get("/admin/areas")
def admin_areas(page: PageDep, session: SessionDep) -> Response:
    return _admin_areas_page(page, session)


@router.post("/admin/areas")
def admin_create_area(request: Request, page: PageDep, session: SessionDep, user: CurrentUser,
                      now: Now, name: FormStr = "", kind: FormStr = "commune",
                      parent_id: FormStr = "") -> Response:
    values = dict(name=name, kind=kind, parent_id=parent_id)
    try:
        pid = parse_id(parent_id, field="parent_id", en="parent area", vi="địa bàn cấp trên",
                       required=False)
        services.create_area(session, actor=user, name=name, kind=kind, parent_id=pid, now=now)
    except ValidationError as exc:
        discard(session)
        return _admin_areas_page(page, session, status=422, values=values,
                                 error=exc.reason_vi if page.locale == "vi" else exc.reason)
    flash(request, N_("Area created."))
    return RedirectResponse("/admin/areas", status_code=303)

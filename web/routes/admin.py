"""/admin/users, /admin/areas, /admin/report-targets and /admin/voices: administrators manage
accounts and their roles per area, the area tree, the report targets, and the voice that reads
each region. (/admin/lexicon is web/routes/lexicon.py.) Past a window after the last password
check, managing accounts (``web.reauth.ACCOUNTS``, docs/security.md 32), creating an area and
choosing a region's voice (``web.reauth.ADMIN``, 33) ask for the admin's password again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from content_library import access, accounts, security, services
from content_library.errors import ValidationError
from content_library.models import Area, Membership, User, require_id
from content_library.types import Region, Role
from tts.engines import default_voice
from tts.ports import TTSError
from web.auth import wall_now
from web.deps import CurrentUser, FormStr, Now, Page, PageDep, Renders, SessionDep, discard, flash
from web.i18n import N_
from web.reauth import (
    ACCOUNTS,
    ADMIN,
    REAUTH_FIELD,
    ReauthRefused,
    check_recent_password,
    form_refusal,
    needs_password,
)
from web.schemas import IdPath
from web.services import forms, report_targets, reports
from web.services.labels import KIND_MSGIDS, KINDS, REGION_MSGIDS, area_choices, area_label
from web.services.render import service_of, voice_registry

router = APIRouter(include_in_schema=False)

TARGET_PERIOD_MSGIDS = {
    "month": N_("per month"),
    "quarter": N_("per quarter"),
    "half": N_("per half-year"),
    "year": N_("per year"),
}


def _administered(session: Session, actor: User) -> list[Area]:
    """The areas ``actor`` administers (their subtrees; all of them at a root), tree order."""
    return access.areas_for(session, actor, Role.ADMIN)


# --- users ---------------------------------------------------------------------------------


def _users_page(
    page: Page,
    session: Session,
    *,
    error: str | None = None,
    status: int = 200,
    values: dict | None = None,
) -> Response:
    # An admin sees and manages the people and areas of their own subtrees (all, at the root).
    actor = _actor(page, session)
    users = services.administered_users(session, actor) if actor is not None else []
    memberships: dict[int, list[tuple[str, Area]]] = {require_id(u): [] for u in users}
    for m, a in session.exec(select(Membership, Area).where(Membership.area_id == Area.id)).all():
        if m.user_id in memberships:
            memberships[m.user_id].append((m.role, a))
    return page.render(
        "admin_users.html",
        status_code=status,
        users=users,
        memberships=memberships,
        areas=area_choices(access.areas_for(session, actor, Role.ADMIN) if actor else []),
        roles=[r.value for r in Role],
        error=error,
        values=values or {},
        # The session's password check is older than the window (a found phone): every form
        # asks for the admin's own password once more (security 32).
        reauth=(
            page.say(ACCOUNTS.ask_error())
            if needs_password(page.request, session, ACCOUNTS)
            else ""
        ),
        reauth_field=REAUTH_FIELD,
    )


def _password_refused(
    request: Request,
    page: Page,
    session: Session,
    user: User,
    password: str,
    *,
    attempted: str,
    object_id: object,
    values: dict | None = None,
) -> Response | None:
    """None when the session's password check is recent, or ``password`` (the admin's own,
    typed again) is right; otherwise the users page with the refusal, nothing changed and the
    refusal audited (web.reauth). Called before the action writes anything."""
    try:
        check_recent_password(
            request,
            user,
            password,
            purpose=ACCOUNTS,
            object_type="user",
            object_id=object_id,
            attempted=attempted,
        )
    except ReauthRefused as exc:
        response = _users_page(
            page, session, status=exc.status, values=values, error=page.say(exc.error)
        )
        response.headers.update(exc.headers)
        return response
    return None


@router.get("/admin/users")
def admin_users(page: PageDep, session: SessionDep) -> Response:
    return _users_page(page, session)


def _role_pair(role: str, area_id: str) -> tuple[str, int]:
    role = forms.check_choice(role, Role, field="role", vi="Vai trò")
    aid = forms.parse_id(area_id, field="area_id", en="area", vi="địa bàn")
    return role, aid


@router.post("/admin/users")
def admin_create_user(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    username: FormStr = "",
    full_name: FormStr = "",
    password: FormStr = "",
    role: FormStr = "",
    area_id: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    values = dict(username=username, full_name=full_name, role=role, area_id=area_id)
    refused = _password_refused(
        request,
        page,
        session,
        user,
        reauth_password,
        attempted="user.create",
        object_id="",
        values=values,
    )
    if refused is not None:
        return refused
    try:
        roles = [_role_pair(role, area_id)] if role else []
        created = services.create_user(
            session,
            actor=user,
            username=username,
            password=password,
            full_name=full_name,
            roles=roles,
            now=now,
        )
        # The policy after the service's own checks (a bad username is said first).
        security.check_new_password(password, username=created.username, field="password")
    except ValidationError as exc:
        discard(session)
        return _users_page(page, session, status=422, values=values, error=page.say(exc))
    flash(request, N_("User created."))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/roles")
async def admin_set_roles(
    user_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
) -> Response:
    form = await request.form()
    # Another commune's account is 404 before this runs (web.deps.refuse_unknown_account),
    # and in services.set_roles for any caller.
    services.require_known_user(session, user, user_id)
    password = form.get(REAUTH_FIELD)
    refused = await run_in_threadpool(
        _password_refused,
        request,
        page,
        session,
        user,
        password if isinstance(password, str) else "",
        attempted="user.roles",
        object_id=user_id,
    )
    if refused is not None:
        return refused
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
        return _users_page(page, session, status=422, error=page.say(exc))
    flash(request, N_("Roles saved."))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/active")
def admin_set_active(
    user_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    active: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    refused = _password_refused(
        request, page, session, user, reauth_password, attempted="user.active", object_id=user_id
    )
    if refused is not None:
        return refused
    services.set_active(session, actor=user, user_id=user_id, active=active == "1", now=now)
    if active != "1":  # disabled: every session and API token ends (enabling revives none)
        accounts.revoke_user_sessions(session, user_id, now=wall_now(request))
    flash(request, N_("Saved."))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/password")
def admin_reset_password(
    user_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    new_password: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    """An administrator sets a new password (forgotten, or a lost phone); the user's sessions
    and API tokens end. The new password is told to the user in person, never by the panel."""
    refused = _password_refused(
        request,
        page,
        session,
        user,
        reauth_password,
        attempted="user.password_reset",
        object_id=user_id,
    )
    if refused is not None:
        return refused
    try:
        accounts.reset_password(
            session, actor=user, user_id=user_id, new=new_password, now=now, wall=wall_now(request)
        )
    except ValidationError as exc:
        discard(session)
        return _users_page(page, session, status=422, error=page.say(exc))
    flash(request, N_("Password reset. The user's sessions were ended."))
    return RedirectResponse("/admin/users", status_code=303)


# --- areas ---------------------------------------------------------------------------------


def _actor(page: Page, session: Session) -> User | None:
    return session.get(User, page.user.id) if page.user is not None else None


def _areas_page(
    page: Page,
    session: Session,
    *,
    error: str | None = None,
    status: int = 200,
    values: dict | None = None,
) -> Response:
    # A commune's admin sees the tree they may know of (their subtrees and the areas above,
    # as GET /api/v1/areas) and creates only inside what they administer; the whole tree,
    # every other commune's hamlets with it, is for an admin of its root (security 29).
    actor = _actor(page, session)
    return page.render(
        "admin_areas.html",
        status_code=status,
        areas=[(a, area_label(a)) for a in (access.visible_areas(session, actor) if actor else [])],
        parents=[(a, area_label(a)) for a in (_administered(session, actor) if actor else [])],
        kinds=KINDS,
        kind_msgids=KIND_MSGIDS,
        error=error,
        values=values or {},
        **_reauth(page, session),
    )


def _reauth(page: Page, session: Session) -> dict[str, str]:
    """The password field a form shows when the session's check is older than the window (a
    found phone: an area and a region's voice are changes for good, security 33)."""
    return {
        "reauth": (
            page.say(ADMIN.ask_error()) if needs_password(page.request, session, ADMIN) else ""
        ),
        "reauth_field": REAUTH_FIELD,
    }


@router.get("/admin/areas")
def admin_areas(page: PageDep, session: SessionDep) -> Response:
    return _areas_page(page, session)


@router.post("/admin/areas")
def admin_create_area(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    name: FormStr = "",
    kind: FormStr = "commune",
    parent_id: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    values = dict(name=name, kind=kind, parent_id=parent_id)
    # No page renames or removes an area: one made from a found phone stays in every area
    # choice of the subtree (security 33).
    refused = form_refusal(
        request,
        user,
        reauth_password,
        purpose=ADMIN,
        show=lambda exc: _areas_page(
            page, session, status=exc.status, values=values, error=page.say(exc.error)
        ),
        object_type="area",
        object_id="",
        attempted="area.create",
    )
    if refused is not None:
        return refused
    try:
        pid = forms.parse_id(
            parent_id, field="parent_id", en="parent area", vi="địa bàn cấp trên", required=False
        )
        services.create_area(session, actor=user, name=name, kind=kind, parent_id=pid, now=now)
    except ValidationError as exc:
        discard(session)
        return _areas_page(page, session, status=422, values=values, error=page.say(exc))
    flash(request, N_("Area created."))
    return RedirectResponse("/admin/areas", status_code=303)


# --- report targets ------------------------------------------------------------------------


def _targets_page(
    page: Page,
    session: Session,
    *,
    values: dict | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    # Only the targets and areas the admin administers (security 29): another commune's
    # targets are theirs to set, and their names stay out of sight.
    actor = _actor(page, session)
    mine = _administered(session, actor) if actor is not None else []
    return page.render(
        "report_targets.html",
        status_code=status,
        rows=report_targets.all_targets(session, area_ids={require_id(a) for a in mine}),
        areas=[(a, area_label(a)) for a in mine if a.kind != "village"],
        topics=services.all_topics(session),
        periods=reports.PERIODS,
        period_msgids=TARGET_PERIOD_MSGIDS,
        kind_msgids=KIND_MSGIDS,
        values=values or {},
        error=error,
    )


@router.get("/admin/report-targets")
def admin_report_targets(page: PageDep, session: SessionDep) -> Response:
    return _targets_page(page, session)


@router.post("/admin/report-targets")
def admin_create_report_target(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    area_id: FormStr = "",
    topic_id: FormStr = "",
    period: FormStr = "month",
    min_broadcasts: FormStr = "0",
    min_minutes: FormStr = "0",
) -> Response:
    values = dict(
        area_id=area_id,
        topic_id=topic_id,
        period=period,
        min_broadcasts=min_broadcasts,
        min_minutes=min_minutes,
    )
    try:
        aid = forms.parse_id(area_id, field="area_id", en="area", vi="địa bàn")
        report_targets.create_target(
            session,
            actor=user,
            area_id=aid,
            topic_id=forms.parse_id(
                topic_id, field="topic_id", en="topic", vi="chủ đề", required=False
            ),
            period=period,
            min_broadcasts=int(
                forms.parse_number(
                    min_broadcasts, field="min_broadcasts", vi="Số lượt tối thiểu", integer=True
                )
            ),
            min_minutes=forms.parse_number(
                min_minutes, field="min_minutes", vi="Số phút tối thiểu", integer=False
            ),
            now=now,
        )
    except ValidationError as exc:
        discard(session)
        return _targets_page(page, session, values=values, status=422, error=page.say(exc))
    flash(request, N_("Target saved."))
    return RedirectResponse("/admin/report-targets", status_code=303)


@router.post("/admin/report-targets/{target_id}/delete")
def admin_delete_report_target(
    target_id: IdPath, request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    report_targets.delete_target(session, actor=user, target_id=target_id, now=now)
    flash(request, N_("Target deleted."))
    return RedirectResponse("/admin/report-targets", status_code=303)


# --- voices (docs/voices.md) ---------------------------------------------------------------

VOICE_CHANGED = ("the voice of a region changed", "giọng đọc của một vùng đã thay đổi")


def _voice_rows(request: Request) -> tuple[list[dict], list[dict]]:
    """Installed voices, and per region its choice, the options and what renders use now."""
    registry = voice_registry(request.app.state.settings)
    assert registry is not None  # the panel's Settings always has a data_dir
    config = service_of(request.app).config
    installed: list[dict[str, Any]] = [
        {"voice": v, "present": registry.present(v.name)} for v in registry.voices()
    ]
    options = [v["voice"] for v in installed if v["present"]]
    regions = []
    for region, choice in registry.choices().items():
        engine, voice = config.voice_for(region)
        if voice is None and engine != "piper":
            voice = default_voice(engine, region)
        name = choice.removeprefix("piper:")
        regions.append(
            {
                "region": region,
                "choice": choice,
                "options": options,
                "missing": choice != "espeak" and not any(v.name == name for v in options),
                "espeak_voice": default_voice("espeak", region),
                "in_use": f"{'espeak-ng' if engine in ('espeak', 'espeak-ng') else engine}:{voice}",
            }
        )
    return installed, regions


def _voices_page(
    page: Page,
    request: Request,
    session: Session,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    try:
        installed, regions = _voice_rows(request)
    except TTSError as exc:  # voices.json unreadable: say so; renders stay on espeak-ng
        installed, regions = [], []
        error = error or page.say(ValidationError(exc.reason, exc.reason_vi))
    return page.render(
        "admin_voices.html",
        status_code=status,
        installed=installed,
        regions=regions,
        region_msgids=REGION_MSGIDS,
        error=error,
        **_reauth(page, session),
    )


@router.get("/admin/voices")
def admin_voices(request: Request, page: PageDep, session: SessionDep) -> Response:
    return _voices_page(page, request, session)


@router.post("/admin/voices")
def admin_choose_voice(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
    region: FormStr = "",
    voice: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    """A region reads with espeak-ng or an installed piper voice from now on; scripts of that
    region whose audio changes are rendered again and need review again."""
    services.require_admin(session, user, top=True)  # a region's voice reads every area's
    # Every approved script of the region goes back to review (off the air until heard
    # again): not from a found phone without the password (security 33).
    refused = form_refusal(
        request,
        user,
        reauth_password,
        purpose=ADMIN,
        show=lambda exc: _voices_page(
            page, request, session, error=page.say(exc.error), status=exc.status
        ),
        object_type="voice",
        object_id=region[:20],
        attempted="voice.choose",
    )
    if refused is not None:
        return refused
    registry = voice_registry(request.app.state.settings)
    assert registry is not None  # the panel's Settings always has a data_dir
    try:
        region = forms.check_choice(region, Region, field="region", vi="Vùng")
        try:
            previous = registry.choose(region, voice)
        except TTSError as exc:
            raise ValidationError(exc.reason, exc.reason_vi, field="voice") from None
    except ValidationError as exc:
        discard(session)
        return _voices_page(page, request, session, error=page.say(exc), status=422)
    service = service_of(request.app)
    before = service.config.voice_for(region)
    service.use_voice_choices(registry)
    chosen = registry.choices()[region]
    if chosen != previous or service.config.voice_for(region) != before:
        services.audit(
            session,
            actor=user,
            action="voice.choose",
            object_type="voice",
            object_id=region,
            now=now,
            choice=chosen,
            previous=previous,
        )
        renders.recheck(session, reason=VOICE_CHANGED, now=now, actor=user, kinds=("text",))
    flash(
        request, N_("Voice saved; scripts of this region are rendered again and need review again.")
    )
    return RedirectResponse("/admin/voices", status_code=303)

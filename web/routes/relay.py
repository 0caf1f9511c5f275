"""/relay…: relay channels (tiếp sóng) — an admin registers a higher-level station's stream, a
police reviewer approves the channel once (bound to its exact URL), operators see which
channels their schedules may relay; and /api/v1/relay-channels.

The rules are ``content_library.relay``'s; this module renders the pages and hands the domain
the panel's publisher, so a channel revoked or moved to another URL is taken off the air in
the same unit of work. Registering and changing a channel need a recent password check
(``web.reauth.ADMIN``, docs/security.md 33); a reviewer's approve and end do not (as a
script's, 25).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel
from sqlmodel import Session, select

from content_library import access, publishing, services
from content_library import relay as core
from content_library.errors import ValidationError
from content_library.models import Area, Script, ScriptVersion, User
from content_library.relay_models import ChannelState, RelayChannel
from content_library.types import Role
from protocol.manifest import RELAY_FORMATS
from web.deps import CurrentUser, FormStr, Now, Page, PageDep, SessionDep, discard, flash
from web.i18n import N_
from web.reauth import ADMIN, REAUTH_FIELD, ReauthRefused, form_refusal, needs_password
from web.schemas import ERRORS, IdPath
from web.services.labels import area_choices

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["relay"])

STATES = {
    ChannelState.SUBMITTED: N_("waiting for approval"),
    ChannelState.APPROVED: N_("approved"),
    ChannelState.REJECTED: N_("rejected"),
    ChannelState.REVOKED: N_("revoked"),
}
FORMAT_LABELS = {
    "mp3": N_("MP3 stream (Icecast/Shoutcast)"),
    "aac": N_("AAC stream (Icecast/Shoutcast)"),
    "ogg": N_("Ogg stream (Icecast)"),
    "hls": N_("HLS playlist (.m3u8)"),
}


def _publisher(request: Request) -> publishing.Publisher:
    return publishing.Publisher.from_settings(
        request.app.state.settings, store=request.app.state.asset_store
    )


def _user_name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return (user.full_name or user.username) if user else ""


def _visible(session: Session, user: User, channel_id: int) -> RelayChannel:
    return core.visible_channel(session, user, channel_id)


def _fallback_choices(session: Session, user: User, now: datetime) -> list[tuple[int, str]]:
    """Approved items of the areas the admin administers and the areas above them: never
    another commune's scripts (``relay.check_fields`` refuses them too)."""
    mine = [a.path for a in access.areas_for(session, user, Role.ADMIN.value)]
    versions = services.approved_versions(session, area_ids=None, now=now)
    out: list[tuple[int, str]] = []
    for v in versions:
        script = session.get(Script, v.script_id)
        path = access.area_path(session, script.area_id) if script else None
        if not path or not any(access.is_within(p, path) for p in mine):
            continue  # areas_for holds the admin's whole subtrees: this covers "inside" too
        if v.id is not None:
            out.append((v.id, f"{v.title} (v{v.id})"))
    return sorted(out, key=lambda p: p[1].casefold())


def _fallback_title(session: Session, user: User, version_id: int | None) -> str:
    """The fallback's title, when the reader may see its script. A province's channel may fall
    back on a commune's script (it is packed only where it may play); another commune's
    operator, who sees the province's channel, is told only its item id (security 29)."""
    version = session.get(ScriptVersion, version_id) if version_id else None
    script = session.get(Script, version.script_id) if version else None
    if version is None or script is None:
        return ""
    if not services.can_view_script(session, user, script):
        return f"v{version_id}"
    return f"{version.title} (v{version_id})"


# --- list and detail -------------------------------------------------------------------------


@router.get("/relay")
def channels_page(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    rows = core.visible_channels(session, user)
    areas = {a.id: a.name for a in session.exec(select(Area)).all()}
    return page.render(
        "relay/list.html",
        rows=rows,
        states=STATES,
        usable={c.id for c in rows if core.is_approved(c, now)},
        areas=areas,
        is_admin=access.is_admin(session, user),
    )


def _detail(
    page: Page,
    session: Session,
    user: User,
    channel: RelayChannel,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    can_review = access.has_role(session, user, Role.REVIEWER.value, channel.area_id) and (
        user.id not in (channel.created_by, channel.updated_by)
    )
    return page.render(
        "relay/detail.html",
        status_code=status,
        c=channel,
        states=STATES,
        format_labels=FORMAT_LABELS,
        area=session.get(Area, channel.area_id),
        usable=core.is_approved(channel, page.now),
        bound=channel.approved_url == channel.url,
        writer=_user_name(session, channel.updated_by),
        approver=_user_name(session, channel.approved_by),
        fallback=_fallback_title(session, user, channel.fallback_version_id),
        can_review=can_review,
        is_admin=access.is_admin(session, user),
        error=error,
    )


# --- register and change (admins) ------------------------------------------------------------


def _form(
    page: Page,
    session: Session,
    user: User,
    *,
    channel: RelayChannel | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
    error_field: str = "",
    status: int = 200,
) -> Response:
    if values is None:
        values = (
            {
                "code": channel.code,
                "name": channel.name,
                "url": channel.url,
                "format": channel.format,
                "area_id": str(channel.area_id),
                "fallback_version_id": str(channel.fallback_version_id or ""),
            }
            if channel
            else {"format": "mp3"}
        )
    return page.render(
        "relay/form.html",
        status_code=status,
        channel=channel,
        values=values,
        areas=area_choices(access.areas_for(session, user, Role.ADMIN.value)),
        formats=RELAY_FORMATS,
        format_labels=FORMAT_LABELS,
        fallbacks=_fallback_choices(session, user, page.now),
        error=error,
        error_field=error_field,
        # The session's password check is older than the window (a found phone): the form
        # asks for the admin's own password once more (security 33).
        reauth=(
            page.say(ADMIN.ask_error()) if needs_password(page.request, session, ADMIN) else ""
        ),
        reauth_field=REAUTH_FIELD,
    )


def _small_id(value: str, *, field: str, en: str, vi: str, optional: bool = False) -> int | None:
    value = (value or "").strip()
    if not value and optional:
        return None
    if not (value.isascii() and value.isdigit() and 0 < len(value) < 11):
        raise ValidationError(en, vi, field=field)
    return int(value)


def _fields(
    session: Session, user: User, now: datetime, *, values: dict[str, str], code: str
) -> core.ChannelFields:
    area_id = _small_id(
        values["area_id"], field="area_id", en="choose the area", vi="Hãy chọn địa bàn."
    )
    fallback = _small_id(
        values["fallback_version_id"],
        field="fallback_version_id",
        en="choose the fallback item",
        vi="Hãy chọn bản tin dự phòng.",
        optional=True,
    )
    assert area_id is not None
    return core.check_fields(
        session,
        code=code,
        name=values["name"],
        url=values["url"],
        format=values["format"],
        area_id=area_id,
        fallback_version_id=fallback,
        now=now,
        actor=user,  # another commune's area reads like none (docs/security.md 30)
    )


def _refused(
    page: Page,
    session: Session,
    user: User,
    exc: ReauthRefused,
    *,
    values: dict[str, Any],
    channel: RelayChannel | None = None,
) -> Response:
    """The form again as typed, with the refusal; nothing changed."""
    return _form(
        page,
        session,
        user,
        channel=channel,
        values=values,
        error=page.say(exc.error),
        error_field=REAUTH_FIELD,
        status=exc.status,
    )


@router.get("/relay/new")
def new_channel_form(page: PageDep, session: SessionDep, user: CurrentUser) -> Response:
    return _form(page, session, user)


@router.post("/relay/new")
def create_channel(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    code: FormStr = "",
    name: FormStr = "",
    url: FormStr = "",
    format: FormStr = "",
    area_id: FormStr = "",
    fallback_version_id: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    values = {
        "code": code,
        "name": name,
        "url": url,
        "format": format,
        "area_id": area_id,
        "fallback_version_id": fallback_version_id,
    }
    # A channel registered from a found phone under a name reviewers trust ("VOV1") waits
    # for their approval, pointing at the finder's stream (security 33).
    refused = form_refusal(
        request,
        user,
        reauth_password,
        purpose=ADMIN,
        show=lambda exc: _refused(page, session, user, exc, values=values),
        object_type="relay_channel",
        object_id="",
        attempted="relay_channel.create",
    )
    if refused is not None:
        return refused
    try:
        fields = _fields(session, user, now, values=values, code=code)
        channel = core.register_channel(session, actor=user, fields=fields, now=now)
    except ValidationError as exc:
        discard(session)
        return _form(
            page,
            session,
            user,
            values=values,
            error=page.say(exc),
            error_field=exc.field,
            status=422,
        )
    flash(request, N_("The channel was registered; a reviewer must approve it once."))
    return RedirectResponse(f"/relay/{channel.id}", status_code=303)


@router.get("/relay/{channel_id}")
def channel_page(
    channel_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser
) -> Response:
    return _detail(page, session, user, _visible(session, user, channel_id))


@router.get("/relay/{channel_id}/edit")
def edit_channel_form(
    channel_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser
) -> Response:
    services.require_admin(session, user)
    return _form(page, session, user, channel=_visible(session, user, channel_id))


@router.post("/relay/{channel_id}/edit")
def edit_channel(
    channel_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    name: FormStr = "",
    url: FormStr = "",
    format: FormStr = "",
    area_id: FormStr = "",
    fallback_version_id: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    channel = _visible(session, user, channel_id)  # another commune's: 404 before anything
    values = {
        "code": channel.code,
        "name": name,
        "url": url,
        "format": format,
        "area_id": area_id,
        "fallback_version_id": fallback_version_id,
    }
    # A new URL or a move takes the channel off the air until a reviewer approves it again:
    # not from a found phone without the password (security 33).
    refused = form_refusal(
        request,
        user,
        reauth_password,
        purpose=ADMIN,
        show=lambda exc: _refused(page, session, user, exc, values=values, channel=channel),
        object_type="relay_channel",
        object_id=channel_id,
        attempted="relay_channel.update",
    )
    if refused is not None:
        return refused
    url_before, approved_before = channel.url, channel.state == ChannelState.APPROVED
    try:
        fields = _fields(session, user, now, values=values, code=channel.code)
        core.update_channel(
            session,
            actor=user,
            channel_id=channel_id,
            fields=fields,
            now=now,
            publisher=_publisher(request),
        )
    except ValidationError as exc:
        discard(session)
        return _form(
            page,
            session,
            user,
            channel=core.get_channel(session, channel_id),
            values=values,
            error=page.say(exc),
            error_field=exc.field,
            status=422,
        )
    if fields.url != url_before:
        flash(request, N_("Saved. The URL changed: the channel waits for a reviewer's approval."))
    elif approved_before and channel.state != ChannelState.APPROVED:
        flash(
            request,
            N_(
                "Saved. The channel moved beyond the area its approval covers: it waits for "
                "a reviewer's approval."
            ),
        )
    else:
        flash(request, N_("Saved."))
    return RedirectResponse(f"/relay/{channel_id}", status_code=303)


# --- approve, reject, revoke (reviewers) -----------------------------------------------------


@router.post("/relay/{channel_id}/approve")
def approve_channel(
    channel_id: IdPath,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    url: FormStr = "",
) -> Response:
    core.approve_channel(session, actor=user, channel_id=channel_id, url=url, now=now)
    flash(request, N_("Channel approved: schedules may relay it, at this URL only."))
    return RedirectResponse(f"/relay/{channel_id}", status_code=303)


@router.post("/relay/{channel_id}/end")
def end_channel(
    channel_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    reason: FormStr = "",
) -> Response:
    try:
        channel = core.end_channel(
            session,
            actor=user,
            channel_id=channel_id,
            reason=reason,
            now=now,
            publisher=_publisher(request),
        )
    except ValidationError as exc:
        discard(session)
        channel = _visible(session, user, channel_id)
        return _detail(page, session, user, channel, error=page.say(exc), status=422)
    flash(
        request,
        N_("Channel revoked: it is taken off the air.")
        if channel.state == ChannelState.REVOKED
        else N_("Rejected."),
    )
    return RedirectResponse(f"/relay/{channel_id}", status_code=303)


# --- JSON API ----------------------------------------------------------------------------------


class RelayChannelOut(BaseModel):
    """A relay channel; `id` is what relay rules name (``{"kind": "relay", "relay": id}``)."""

    id: str
    name: str
    url: str
    format: str
    area_id: int
    state: str
    approved: bool
    fallback_item: str | None


@api.get("/relay-channels", response_model=list[RelayChannelOut], responses=ERRORS)
def api_channels(session: SessionDep, user: CurrentUser, now: Now) -> list[RelayChannelOut]:
    """The relay channels you may see: `approved` says whether publishing will take it."""
    return [
        RelayChannelOut(
            id=c.code,
            name=c.name,
            url=c.url,
            format=c.format,
            area_id=c.area_id,
            state=c.state,
            approved=core.is_approved(c, now),
            fallback_item=publishing.item_id(c.fallback_version_id)
            if c.fallback_version_id
            else None,
        )
        for c in core.visible_channels(session, user)
    ]

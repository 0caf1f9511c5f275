"""/emergencies…: emergency templates (approved once), "Phát khẩn cấp" from a template or a
four-eyes free text, "Dừng", the live status page, and their JSON API (/api/v1/emergencies).

The rules are ``content_library.emergency``'s; this module renders the pages and gives the
domain its two edges: the renderer (the panel's normalizer and TTS, with the voice the
template was approved with) and the push publisher (``content_library.push``), called once
the transaction has committed. The units' side is in ``web/routes/sync.py``.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from content_library import access, publishing, push, services
from content_library import emergency as core
from content_library.emergency_models import (
    Emergency,
    EmergencyConfirmation,
    EmergencyState,
    TemplateState,
)
from content_library.errors import (
    LoaError,
    NotFound,
    PermissionDenied,
    ValidationError,
    WorkflowError,
)
from content_library.models import Area, Unit, User
from content_library.types import Region, Role
from protocol.manifest import EMERGENCY_MAX_GAP_S, EMERGENCY_MAX_REPEATS
from web.deps import CurrentUser, FormStr, Now, Page, PageDep, SessionDep, discard, flash
from web.i18n import N_
from web.reauth import (
    EMERGENCY,
    REAUTH_FIELD,
    ReauthRefused,
    check_recent_password,
    needs_password,
)
from web.schemas import ERRORS, DbId, IdPath
from web.services import refusals
from web.services.labels import area_choices
from web.services.render import service_of
from web.services.speech import builtin_readings

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["emergencies"])

API_ERRORS: dict[int | str, dict[str, Any]] = {k: dict(v) for k, v in ERRORS.items()}
EmergencyId = Annotated[str, PathParam(min_length=1, max_length=36)]
REPEAT_CHOICES = (1, 2, 3, 5)
GAP_CHOICES = (0, 30, 60, 120, 300)
EXPIRY_CHOICES = (30, 60, 120, 240, 720)
TEMPLATE_STATES = {
    TemplateState.SUBMITTED: N_("waiting for approval"),
    TemplateState.APPROVED: N_("approved"),
    TemplateState.REJECTED: N_("rejected"),
    TemplateState.REVOKED: N_("revoked"),
}
EMERGENCY_STATES = {
    EmergencyState.PENDING: N_("waiting for the second person"),
    EmergencyState.ACTIVE: N_("on the air"),
    EmergencyState.STOPPED: N_("stopped"),
    EmergencyState.REJECTED: N_("rejected"),
    "expired": N_("expired"),
}


# --- the two edges ---------------------------------------------------------------------------


class TTSRenderer:
    """The panel's render (normalizer → TTS → mastering) with exactly the given voice."""

    def __init__(self, request: Request) -> None:
        self.service = service_of(request.app)
        self.store = request.app.state.asset_store

    def voice_for(self, region: str) -> tuple[str, str | None]:
        return self.service.config.voice_for(region)

    def render(
        self,
        session: Session,
        text: str,
        *,
        region: str,
        engine: str,
        voice: str | None,
        lexicon: Mapping[str, str],
    ) -> core.RenderedAudio:
        from tts.lexicon import DEFAULT_LEXICON
        from tts.ports import TTSError
        from tts.render import render_script

        config = self.service.config
        fd, name = tempfile.mkstemp(prefix="khan-cap-", suffix=".wav", dir=self.store.root / "tmp")
        os.close(fd)
        try:
            result = render_script(
                text,
                engine=engine,
                voice=voice,
                region=region,
                engine_options=config.engine_options.get(engine),
                fallback=False,  # the approval is bound to this voice
                template=config.template,
                # the stored entries the approval was checked against, over the built-in
                # list (as web.services.render.merged_lexicon, but not read again)
                lexicon={**DEFAULT_LEXICON, **lexicon},
                cache_dir=config.cache_dir,
                out_path=name,
            )
        except TTSError as exc:
            Path(name).unlink(missing_ok=True)
            raise LoaError(
                f"the approved voice could not read the text: {exc}",
                f"Giọng đọc đã duyệt không đọc được nội dung: {exc.reason_vi}",
                code="render_failed",
            ) from None
        return core.RenderedAudio(Path(name), result.duration_s, result.sample_rate)


def _rechecked(session: Session, now: datetime) -> core.Builtin:
    """Hold the approved templates to the built-in readings before they are listed, shown or
    issued (``core.recheck_builtin``: an upgrade that reads one otherwise sends it back for
    approval, audited); the built-in readings, for the checks that follow."""
    builtin = builtin_readings()
    core.recheck_builtin(session, builtin=builtin, now=now)
    return builtin


def _signer(request: Request) -> core.Signer:
    settings = request.app.state.settings
    return core.Signer.from_publisher(
        publishing.Publisher.from_settings(settings, store=request.app.state.asset_store),
        flac=settings.emergency_audio == "flac",
    )


def _announcer(request: Request) -> core.Announce:
    # app.state.push_publisher: one injected by a test or a tool; else this process's own
    # (content_library.push keeps one per process, so a forked worker makes its own).
    publisher = getattr(request.app.state, "push_publisher", None) or push.get_publisher(
        request.app.state.settings
    )

    def announce(notice: dict[str, Any], area_ids: list[int]) -> None:
        publisher.announce(notice, area_ids=area_ids, unit_ids=[])

    return announce


def _areas_by_id(session: Session, ids: list[Any]) -> list[Area]:
    return [a for a in (session.get(Area, int(i)) for i in ids) if a is not None]


def _areas_shown(session: Session, user: User, ids: list[Any]) -> list[Area]:
    """The areas of an emergency its reader may know of (``access.visible_areas``): a
    province's warning to two communes names, to each commune's people, their own commune and
    the areas above, never the other commune (docs/security.md 30), as its units (29)."""
    visible = access.visible_area_ids(session, user)
    return [a for a in _areas_by_id(session, ids) if a.id in visible]


def _user_name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return (user.full_name or user.username) if user else ""


# --- a recent password check (a stolen phone) ------------------------------------------------
#
# Issuing an emergency (a template, or the second person's approval of a free text) needs the
# session's password check to be at most ``settings.emergency_reauth_s`` old (web/reauth.py,
# shared with account management). Stopping never asks.


def _reauth_text(page: Page, session: Session) -> str:
    """The password field's label when the form must ask for it, else ""."""
    if not needs_password(page.request, session, EMERGENCY):
        return ""
    return page.say(EMERGENCY.ask_error())


# --- templates -----------------------------------------------------------------------------------


@router.get("/emergencies/templates")
def templates_page(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    builtin = _rechecked(session, now)
    rows = core.visible_templates(session, user)
    usable = core.usable_templates(session, builtin=builtin)
    return page.render(
        "emergency/templates.html",
        states=TEMPLATE_STATES,
        rows=rows,
        usable={t.id for t in rows if usable(t)},
        areas={a.id: a.name for a in _areas_by_id(session, [t.area_id for t in rows])},
    )


def _template_form(
    page: Page,
    session: Session,
    user: User,
    *,
    values: dict[str, str] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    areas = access.areas_for(session, user, Role.AUTHOR.value, Role.ISSUER.value)
    return page.render(
        "emergency/template_form.html",
        status_code=status,
        areas=area_choices(areas),
        regions=[r.value for r in Region],
        slot_types=core.SLOT_TYPES,
        values=values or {"slots": "", "voice_region": "north"},
        error=error,
    )


@router.get("/emergencies/templates/new")
def template_new(page: PageDep, session: SessionDep, user: CurrentUser) -> Response:
    return _template_form(page, session, user)


@router.post("/emergencies/templates/new")
def template_create(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    name: FormStr = "",
    area_id: FormStr = "",
    text: FormStr = "",
    slots: FormStr = "",
    voice_region: FormStr = "north",
) -> Response:
    values = {
        "name": name,
        "area_id": area_id,
        "text": text,
        "slots": slots,
        "voice_region": voice_region,
    }
    try:
        aid = area_id.strip()
        if not (aid.isascii() and aid.isdigit() and 0 < len(aid) < 11):
            raise ValidationError("choose the area", "Hãy chọn địa bàn.", field="area_id")
        template = core.create_template(
            session,
            actor=user,
            name=name,
            area_id=int(aid),
            text=text,
            slots=core.parse_slot_lines(slots),
            voice_region=voice_region,
            now=now,
        )
    except ValidationError as exc:
        discard(session)
        return _template_form(page, session, user, values=values, error=page.say(exc), status=422)
    flash(request, N_("The template was saved; a reviewer must approve it once."))
    return RedirectResponse(f"/emergencies/templates/{template.id}", status_code=303)


def _template_page(
    page: Page,
    session: Session,
    user: User,
    template_id: int,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    template = core.visible_template(session, user, template_id)
    area = session.get(Area, template.area_id)
    can_review = access.has_role(session, user, Role.REVIEWER.value, template.area_id) and (
        user.id != template.created_by
    )
    usable = core.usable_templates(session, builtin=builtin_readings())(template)
    return page.render(
        "emergency/template_detail.html",
        states=TEMPLATE_STATES,
        status_code=status,
        t=template,
        area=area,
        usable=usable,
        # approved but no longer bound to what it is: the reviewer may approve it as it is now
        may_approve=template.state == TemplateState.SUBMITTED
        or (template.state == TemplateState.APPROVED and not usable),
        writer=_user_name(session, template.created_by),
        approver=_user_name(session, template.approved_by),
        can_review=can_review,
        can_issue=bool(core.issuer_areas(session, user)) and usable,
        voice=TTSRenderer(page.request).voice_for(template.voice_region),
        slot_types=core.SLOT_TYPES,
        lexicon=_lexicon_lines(page, session, template),
        dropped=_dropped_text(page, session, template),
        error=error,
    )


def _lexicon_lines(page: Page, session: Session, template: Any) -> tuple[str, list[str]]:
    """(a heading, one line a term): how the template's own words are read now — the stored
    lexicon entries and the built-in readings (marked) of the terms they use, what an
    approval binds (docs/security.md 34, 35), shown so that the reviewer approves them
    knowingly. ("", []) when there are none."""
    stored = services.lexicon(session)
    bound = core.readings_binding(template.text, template.slots, stored, builtin_readings())
    used = bound["readings"]
    if not used:
        return "", []
    heading = page.say(
        LoaError(
            "Read with these pronunciation lexicon entries, the panel's or built in (the "
            "approval covers them; a change to one, or an upgrade that reads one otherwise, "
            "sends the template back for approval):",
            "Đọc theo các mục từ điển phát âm sau, của trang quản trị hoặc có sẵn trong phần "
            "mềm (phê duyệt bao gồm cả chúng; sửa một mục, hay một bản nâng cấp đọc khác đi, "
            "sẽ đưa mẫu về chờ duyệt lại):",
        )
    )
    mark = page._("built-in")
    return heading, [
        f"“{term}” → “{spoken if len(spoken) <= 80 else spoken[:79] + '…'}”"
        + ("" if term in stored else f" ({mark})")
        for term, spoken in used.items()
    ]


def _dropped_text(page: Page, session: Session, template: Any) -> str:
    """Why a template waiting for approval lost its approval (a lexicon edit), or ""."""
    dropped = core.dropped_approval(session, template)
    if dropped is None:
        return ""
    return page.say(
        LoaError(
            f"Its approval was withdrawn ({dropped.get('reason', '')}): it says something else "
            "now, so a reviewer must approve it again before it can be issued.",
            f"Phê duyệt của mẫu đã bị gỡ ({dropped.get('reason_vi', '')}): mẫu giờ được đọc "
            "khác đi, nên người thẩm duyệt phải duyệt lại trước khi phát được.",
        )
    )


@router.get("/emergencies/templates/{template_id}")
def template_detail(
    template_id: IdPath, page: PageDep, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    _rechecked(session, now)
    return _template_page(page, session, user, template_id)


@router.post("/emergencies/templates/{template_id}/approve")
def template_approve(
    template_id: IdPath,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    engine: FormStr = "",
    voice: FormStr = "",
) -> Response:
    template = core.visible_template(session, user, template_id)
    current = TTSRenderer(request).voice_for(template.voice_region)
    # The reviewer approves the voice shown on the page: if it changed meanwhile, say so.
    if (engine, voice) != (current[0], current[1] or ""):
        raise ValidationError(
            "the voice changed while you were reading; look at the page again",
            "Giọng đọc vừa thay đổi trong khi bạn xem; hãy tải lại trang rồi duyệt.",
            field="voice",
        )
    core.approve_template(
        session,
        actor=user,
        template_id=template_id,
        voice=current,
        now=now,
        builtin=builtin_readings(),
    )
    flash(request, N_("Template approved: issuers may now fill it and broadcast at once."))
    return RedirectResponse(f"/emergencies/templates/{template_id}", status_code=303)


@router.post("/emergencies/templates/{template_id}/end")
def template_end(
    template_id: IdPath,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    reason: FormStr = "",
) -> Response:
    try:
        template = core.end_template(
            session, actor=user, template_id=template_id, reason=reason, now=now
        )
    except ValidationError as exc:
        discard(session)
        return _template_page(page, session, user, template_id, error=page.say(exc), status=422)
    flash(
        request,
        N_("Template revoked.") if template.state == TemplateState.REVOKED else N_("Rejected."),
    )
    return RedirectResponse(f"/emergencies/templates/{template_id}", status_code=303)


# --- issuing from a page ---------------------------------------------------------------------


@router.get("/emergencies")
def emergencies_page(page: PageDep, session: SessionDep, user: CurrentUser, now: Now) -> Response:
    builtin = _rechecked(session, now)
    rows = core.visible_emergencies(session, user)
    return page.render(
        "emergency/list.html",
        em_states=EMERGENCY_STATES,
        rows=[(e, core.state_of(e, now)) for e in rows],
        templates=core.issuable_templates(session, user, builtin=builtin),
        is_issuer=bool(core.issuer_areas(session, user)),
    )


def _issue_form(
    page: Page,
    session: Session,
    user: User,
    template_id: int | None,
    *,
    values: dict[str, Any] | None = None,
    error: str | None = None,
    error_field: str = "",
    status: int = 200,
) -> Response:
    templates = core.issuable_templates(session, user, builtin=builtin_readings())
    template = next((t for t in templates if t.id == template_id), None)
    if template_id is not None and template is None:
        raise NotFound(
            "no approved template with this number for you",
            "Không có mẫu đã duyệt này trong phạm vi của bạn.",
        )
    areas = core.issuer_areas(session, user)
    if template is not None:
        # Only where the template may play: its area and below (security 31).
        areas = [
            a for a in areas if a.id is not None and core.template_covers(session, template, a.id)
        ]
    return page.render(
        "emergency/issue_form.html",
        status_code=status,
        templates=templates,
        t=template,
        places=(
            core.template_places(session, template, near=[a.id for a in areas if a.id is not None])
            if template
            else {}
        ),
        areas=area_choices(areas),
        values=values or {"repeats": "3", "gap_s": "60", "expires_in_min": "60", "area_ids": []},
        repeats=REPEAT_CHOICES,
        gaps=GAP_CHOICES,
        expiries=EXPIRY_CHOICES,
        error=error,
        error_field=error_field,
        reauth=_reauth_text(page, session),
        reauth_field=REAUTH_FIELD,
    )


@router.get("/emergencies/new")
def issue_new(
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    template_id: str = "",
) -> Response:
    _rechecked(session, now)
    tid = int(template_id) if template_id.isascii() and template_id.isdigit() else None
    if tid is not None and not 0 < tid < 2**31:
        tid = None
    return _issue_form(page, session, user, tid)


async def _form_slots(request: Request) -> dict[str, Any]:
    """slot_<name> fields (a wind slot: slot_<name> and slot_<name>_gust)."""
    form = await request.form()
    out: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key.startswith("slot_") and isinstance(value, str):
            out[key.removeprefix("slot_")] = value
    return out


@router.post("/emergencies/new")
async def issue_create(request: Request, user: CurrentUser) -> Response:
    form = await request.form()
    slots_raw = await _form_slots(request)
    fields = {k: form.get(k) for k in ("template_id", "repeats", "gap_s", "expires_in_min")}
    area_ids = [v for v in form.getlist("area_ids") if isinstance(v, str)]
    password = form.get(REAUTH_FIELD)
    fields[REAUTH_FIELD] = password if isinstance(password, str) else ""
    return await _issue_sync(request, user, fields, slots_raw, area_ids)


async def _issue_sync(
    request: Request,
    user: User,
    fields: dict[str, Any],
    slots_raw: dict[str, Any],
    area_ids: list[str],
) -> Response:
    return await run_in_threadpool(_issue_from_form, request, user, fields, slots_raw, area_ids)


def _issue_from_form(
    request: Request,
    user: User,
    fields: dict[str, Any],
    slots_raw: dict[str, Any],
    area_ids: list[str],
) -> Response:
    now = request.app.state.clock()
    page = Page(request, user, now)
    password = str(fields.pop(REAUTH_FIELD, "") or "")  # never shown back on the form
    tid_raw = str(fields.get("template_id") or "")
    tid = int(tid_raw) if tid_raw.isascii() and tid_raw.isdigit() and len(tid_raw) < 10 else None
    refused: ReauthRefused | None = None
    try:
        check_recent_password(
            request,
            user,
            password,
            purpose=EMERGENCY,
            object_type="emergency_template",
            object_id=tid or "",
        )
    except ReauthRefused as exc:
        refused = exc
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        # An upgrade that reads a template otherwise sends it back before this issue reads
        # it, committed on its own: the refusal below rolls back, the return stays.
        builtin = _rechecked(session, now)
        session.commit()
        template = core.get_template(session, tid) if tid else None
        slots: dict[str, Any] = {}
        if template is not None:
            for spec in template.slots:
                name = spec["name"]
                if spec["type"] == "wind":
                    slots[name] = {
                        "level": slots_raw.get(name, ""),
                        "gust": slots_raw.get(f"{name}_gust", "") or None,
                    }
                else:
                    slots[name] = slots_raw.get(name)
        values = {**{k: str(v or "") for k, v in fields.items()}, "area_ids": area_ids}
        values.update({f"slot_{k}": v for k, v in slots_raw.items()})
        if refused is not None:
            if tid is None or template is None:
                tid = None  # the list of templates, with the error above it
            response = _issue_form(
                page,
                session,
                user,
                tid,
                values=values,
                error=page.say(refused.error),
                error_field=getattr(refused.error, "field", ""),
                status=refused.status,
            )
            response.headers.update(refused.headers)
            return response
        try:
            if template is None:
                raise ValidationError(
                    "choose an approved template",
                    "Hãy chọn một mẫu đã duyệt.",
                    field="template_id",
                )
            em = core.issue_from_template(
                session,
                actor=user,
                template_id=template.id or 0,
                slots=slots,
                area_ids=area_ids,
                repeats=fields.get("repeats"),
                gap_s=fields.get("gap_s"),
                expires_in_min=fields.get("expires_in_min"),
                now=now,
                renderer=TTSRenderer(request),
                signer=_signer(request),
                announce=_announcer(request),
                builtin=builtin,
            )
            session.commit()
        except (ValidationError, PermissionDenied, WorkflowError) as exc:
            session.rollback()
            if isinstance(exc, PermissionDenied):  # an area not theirs: kept in the audit log
                refusals.audit_refusal(request, status=403, reason=exc.reason, code=exc.code)
            # A template that stopped being issuable meanwhile (a lexicon edit sent it back for
            # approval, a reviewer revoked it): the form with every approved template and the
            # reason above it — never a bare error page while a storm is coming.
            issuable = {t.id for t in core.issuable_templates(session, user, builtin=builtin)}
            return _issue_form(
                page,
                session,
                user,
                tid if tid in issuable else None,
                values=values,
                error=page.say(exc),
                error_field=exc.field if isinstance(exc, ValidationError) else "",
                status=(
                    422
                    if isinstance(exc, ValidationError)
                    else 409
                    if isinstance(exc, WorkflowError)
                    else 403
                ),
            )
        except BaseException:
            session.rollback()
            raise
    flash(request, N_("Emergency issued: the units are being told now."))
    return RedirectResponse(f"/emergencies/{em.id}", status_code=303)


def _free_form(
    page: Page,
    session: Session,
    user: User,
    *,
    values: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    return page.render(
        "emergency/free_form.html",
        status_code=status,
        areas=area_choices(core.issuer_areas(session, user)),
        regions=[r.value for r in Region],
        values=values
        or {
            "repeats": "3",
            "gap_s": "60",
            "expires_in_min": "60",
            "area_ids": [],
            "voice_region": "north",
        },
        repeats=REPEAT_CHOICES,
        gaps=GAP_CHOICES,
        expiries=EXPIRY_CHOICES,
        error=error,
    )


@router.get("/emergencies/free")
def free_new(page: PageDep, session: SessionDep, user: CurrentUser) -> Response:
    return _free_form(page, session, user)


@router.post("/emergencies/free")
async def free_create(request: Request, user: CurrentUser) -> Response:
    form = await request.form()
    fields = {
        k: str(form.get(k) or "")
        for k in ("title", "text", "repeats", "gap_s", "expires_in_min", "voice_region")
    }
    area_ids = [v for v in form.getlist("area_ids") if isinstance(v, str)]
    return await run_in_threadpool(_free_from_form, request, user, fields, area_ids)


def _free_from_form(
    request: Request, user: User, fields: dict[str, str], area_ids: list[str]
) -> Response:
    now = request.app.state.clock()
    page = Page(request, user, now)
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        try:
            em = core.write_free(
                session,
                actor=user,
                title=fields["title"],
                text=fields["text"],
                area_ids=area_ids,
                repeats=fields["repeats"],
                gap_s=fields["gap_s"],
                expires_in_min=fields["expires_in_min"],
                voice_region=fields["voice_region"] or "north",
                now=now,
                renderer=TTSRenderer(request),
                store=request.app.state.asset_store,
            )
            session.commit()
        except (ValidationError, PermissionDenied) as exc:
            session.rollback()
            if isinstance(exc, PermissionDenied):
                refusals.audit_refusal(request, status=403, reason=exc.reason, code=exc.code)
            return _free_form(
                page,
                session,
                user,
                values={**fields, "area_ids": area_ids},
                error=page.say(exc),
                status=422 if isinstance(exc, ValidationError) else 403,
            )
        except BaseException:
            session.rollback()
            raise
    flash(request, N_("Written. A second person must listen and approve it before it is sent."))
    return RedirectResponse(f"/emergencies/{em.id}", status_code=303)


# --- one emergency: status, four-eyes approval, stop ------------------------------------------


def _visible(session: Session, user: User, emergency_id: str) -> Emergency:
    return core.visible_emergency(session, user, emergency_id)


def _status(session: Session, user: User, em: Emergency, now: datetime) -> core.Status:
    """The emergency's status as far as ``user`` watches: the units of the areas where they
    issue or review (everything for the province's people). A province's warning to two
    communes listed, to each commune's issuer and reviewer, the other commune's units by id
    and name and how each answered, which the fleet pages never show them (security 29)."""
    st = core.status(session, em, now=now)
    scope = access.role_area_ids(session, user, Role.ISSUER.value, Role.REVIEWER.value)
    mine = set(session.exec(select(Unit.id).where(col(Unit.area_id).in_(scope or {-1}))).all())
    if all(u.unit_id in mine for u in st.units):
        return st
    units = [u for u in st.units if u.unit_id in mine]
    played = set(
        session.exec(
            select(EmergencyConfirmation.unit_id).where(
                EmergencyConfirmation.emergency_id == em.id,
                col(EmergencyConfirmation.state).in_(core.PLAYED_STATES),
            )
        ).all()
    )
    return dataclasses.replace(
        st,
        units=units,
        units_total=len(units),
        played_confirmed=len({u.unit_id for u in units} & played),
    )


@router.get("/emergencies/{emergency_id}")
def emergency_page(
    emergency_id: EmergencyId,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
) -> Response:
    return _emergency_page(page, session, user, emergency_id, now)


def _emergency_page(
    page: Page,
    session: Session,
    user: User,
    emergency_id: str,
    now: datetime,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    em = _visible(session, user, emergency_id)
    st = _status(session, user, em, now)
    may_decide = (
        em.kind == "free"
        and em.state == EmergencyState.PENDING
        and user.id != em.created_by
        and core._may_approve_free(session, user, em)
    )
    may_stop = st.state == EmergencyState.ACTIVE and all(
        access.has_role(session, user, Role.ISSUER.value, a) for a in em.area_ids
    )
    return page.render(
        "emergency/detail.html",
        em_states=EMERGENCY_STATES,
        em=em,
        st=st,
        areas=_areas_shown(session, user, em.area_ids),
        writer=_user_name(session, em.created_by),
        approver=_user_name(session, em.approved_by),
        may_decide=may_decide,
        may_stop=may_stop,
        reauth=_reauth_text(page, session) if may_decide else "",
        reauth_field=REAUTH_FIELD,
        error=error,
        status_code=status,
    )


@router.get("/emergencies/{emergency_id}/status")
def emergency_status_fragment(
    emergency_id: EmergencyId,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
) -> Response:
    em = _visible(session, user, emergency_id)
    return page.render("emergency/_status.html", em=em, st=_status(session, user, em, now))


@router.get("/emergencies/{emergency_id}/audio")
def emergency_audio(
    emergency_id: EmergencyId, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    em = _visible(session, user, emergency_id)
    store = request.app.state.asset_store
    if not em.audio_sha256 or not store.exists(em.audio_sha256):
        raise NotFound("no audio", "Chưa có âm thanh.")
    return FileResponse(
        store.path_for(em.audio_sha256),
        media_type="audio/wav",
        headers={"Cache-Control": "private, no-cache"},  # asked again after logout
    )


@router.post("/emergencies/{emergency_id}/approve")
def emergency_approve(
    emergency_id: EmergencyId,
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    audio_sha256: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    """The second person's approval issues the free text at once: it needs a recent password
    check like an issue from a template (check_recent_password)."""
    em = _visible(session, user, emergency_id)  # not theirs: reads as one that does not exist
    # Only someone who may approve it now is asked (others get approve_free's own refusal).
    may_decide = (
        em.kind == "free"
        and em.state == EmergencyState.PENDING
        and user.id != em.created_by
        and core._may_approve_free(session, user, em)
    )
    # The limiter and the audit of a refusal write on their own connections: this request's
    # unit of work must hold no write lock meanwhile.
    session.commit()
    try:
        if may_decide:
            check_recent_password(
                request,
                user,
                reauth_password,
                purpose=EMERGENCY,
                object_type="emergency",
                object_id=emergency_id,
            )
    except ReauthRefused as exc:
        response = _emergency_page(
            page, session, user, emergency_id, now, error=page.say(exc.error), status=exc.status
        )
        response.headers.update(exc.headers)
        return response
    core.approve_free(
        session,
        actor=user,
        emergency_id=emergency_id,
        heard_sha256=audio_sha256,
        now=now,
        signer=_signer(request),
        announce=_announcer(request),
    )
    flash(request, N_("Approved and issued: the units are being told now."))
    return RedirectResponse(f"/emergencies/{emergency_id}", status_code=303)


@router.post("/emergencies/{emergency_id}/reject")
def emergency_reject(
    emergency_id: EmergencyId,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    reason: FormStr = "",
) -> Response:
    core.reject_free(session, actor=user, emergency_id=emergency_id, reason=reason, now=now)
    flash(request, N_("Rejected."))
    return RedirectResponse(f"/emergencies/{emergency_id}", status_code=303)


@router.post("/emergencies/{emergency_id}/stop")
def emergency_stop(
    emergency_id: EmergencyId,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
) -> Response:
    core.stop(
        session,
        actor=user,
        emergency_id=emergency_id,
        now=now,
        signer=_signer(request),
        announce=_announcer(request),
    )
    flash(request, N_("Stopped: the units are cutting it now."))
    return RedirectResponse(f"/emergencies/{emergency_id}", status_code=303)


# --- JSON API --------------------------------------------------------------------------------


class EmergencyIn(BaseModel):
    template_id: DbId
    slots: dict[str, Any] = Field(
        description="one value per slot of the template: storm 1–99; wind {level, gust?} "
        "1–17 or 'level/gust'; water metres −10..50 (≤ 2 decimals); time 'HH:MM'; date "
        "'YYYY-MM-DD'; place an area id below the template's area; choice one listed option"
    )
    area_ids: list[DbId] = Field(min_length=1, max_length=core.MAX_AREAS)
    repeats: int = Field(default=3, ge=1, le=EMERGENCY_MAX_REPEATS)
    gap_s: int = Field(default=60, ge=0, le=EMERGENCY_MAX_GAP_S)
    expires_in_min: int = Field(default=60, ge=1, le=core.MAX_EXPIRES_MIN)


class IssuedOut(BaseModel):
    id: str
    bundle_id: str


class StoppedOut(BaseModel):
    id: str
    state: str
    bundle_id: str


class UnitStateOut(BaseModel):
    unit_id: str
    state: str
    at: str | None


class StatusOut(BaseModel):
    id: str
    state: str
    units_total: int
    played_confirmed: int
    units: list[UnitStateOut]


class TemplateOut(BaseModel):
    id: int
    name: str
    area_id: int
    text: str
    slots: list[dict[str, Any]]


@api.get("/api/v1/emergency-templates", response_model=list[TemplateOut], responses=API_ERRORS)
def api_templates(session: SessionDep, user: CurrentUser, now: Now) -> Any:
    """Mẫu tin khẩn cấp đã duyệt mà bạn được phát / the approved templates you may issue."""
    builtin = _rechecked(session, now)
    return [
        TemplateOut(id=t.id or 0, name=t.name, area_id=t.area_id, text=t.text, slots=t.slots)
        for t in core.issuable_templates(session, user, builtin=builtin)
    ]


@api.post("/api/v1/emergencies", status_code=201, response_model=IssuedOut, responses=API_ERRORS)
def api_issue(
    body: EmergencyIn, request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Any:
    """Phát khẩn cấp theo mẫu / issue an emergency from an approved template (one signed
    bundle for every unit of the areas, pushed at once). The token must be younger than
    ``emergency_reauth_s`` (its creation checked the password): an older one is refused with
    403 and code ``reauth_required`` — get a new token and issue with it."""
    builtin = _rechecked(session, now)  # a return by an upgrade stays when the issue fails
    session.commit()  # the audit of a refusal writes on its own connection
    try:
        check_recent_password(
            request,
            user,
            "",
            purpose=EMERGENCY,
            object_type="emergency_template",
            object_id=body.template_id,
        )
    except ReauthRefused as exc:
        raise exc.error from None
    em = core.issue_from_template(
        session,
        actor=user,
        template_id=body.template_id,
        slots=body.slots,
        area_ids=list(body.area_ids),
        repeats=body.repeats,
        gap_s=body.gap_s,
        expires_in_min=body.expires_in_min,
        now=now,
        renderer=TTSRenderer(request),
        signer=_signer(request),
        announce=_announcer(request),
        builtin=builtin,
    )
    return JSONResponse({"id": em.id, "bundle_id": em.bundle_id}, status_code=201)


@api.post(
    "/api/v1/emergencies/{emergency_id}/stop", response_model=StoppedOut, responses=API_ERRORS
)
def api_stop(
    emergency_id: EmergencyId, request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Any:
    """Dừng tin khẩn cấp / stop an emergency everywhere (a signed stop bundle)."""
    em = core.stop(
        session,
        actor=user,
        emergency_id=emergency_id,
        now=now,
        signer=_signer(request),
        announce=_announcer(request),
    )
    return StoppedOut(id=em.id, state=em.state, bundle_id=em.stop_bundle_id or "")


@api.get("/api/v1/emergencies/{emergency_id}", response_model=StatusOut, responses=API_ERRORS)
def api_status(emergency_id: EmergencyId, session: SessionDep, user: CurrentUser, now: Now) -> Any:
    """Tình trạng phát / how many units confirmed playing it, and which have not."""
    em = _visible(session, user, emergency_id)
    return _status(session, user, em, now).as_dict()

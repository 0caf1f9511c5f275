"""The JSON API under /api/v1: the same services and the same access rules as the pages.

Authenticate with ``POST /api/v1/token`` and send ``Authorization: Bearer <token>``; a
browser session cookie works too, with the ``X-CSRF-Token`` header on unsafe requests.
Errors are ``{"detail", "reason", "reason_vi", "field"?, "code"?}`` (``web.schemas.ErrorOut``)
with 401/403/404/409/422. Every route calls the same ``content_library.services`` function
as the page that does the same thing; only the shapes in and out are the API's own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from pydantic import BaseModel, Field
from sqlmodel import select

from content_library import access, publishing, security, services, validation
from content_library.errors import NotFound, ValidationError
from content_library.models import Area, Membership, Review, ScriptVersion, Topic, User, require_id
from content_library.types import Priority, Region, Role
from web.auth import (
    ACCOUNT_LOCKED_MSGID,
    BAD_LOGIN_MSGID,
    LOCKED_MSGID,
    client_ip,
    issue_token,
)
from web.deps import CurrentUser, Now, Renders, SessionDep, gettext_for, submit_version
from web.reauth import ACCOUNTS, ADMIN, ReauthRefused, check_recent_password, require_recent_token
from web.schemas import (
    ERRORS,
    ID_MAX,
    SUBMIT_ERRORS,
    DbId,
    ErrorOut,
    IdPath,
    IdQuery,
    Moment,
    choice_schema,
    text_schema,
)
from web.services import render

router = APIRouter(prefix="/api/v1", tags=["v1"])


# --- models --------------------------------------------------------------------------------


class TokenIn(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class RoleOut(BaseModel):
    role: str
    area_id: int
    area_name: str


class UserOut(BaseModel):
    id: int
    username: str
    full_name: str
    locale: str
    is_active: bool
    roles: list[RoleOut] = []


class AreaOut(BaseModel):
    id: int
    name: str
    kind: str
    parent_id: int | None


class TopicOut(BaseModel):
    id: int
    code: str
    name: str


class VersionOut(BaseModel):
    id: int
    number: int
    title: str  # the title this version is reviewed and goes on air under
    kind: str
    text: str | None
    asset_sha256: str | None
    audio_sha256: str | None
    language: str
    voice_region: str
    priority: str
    valid_from: datetime | None
    valid_until: datetime | None
    state: str
    created_by: int
    created_at: datetime
    render_status: str = "none"  # none | queued | running | done | failed
    render_progress: float = 0.0
    render_sha256: str | None = None
    render_duration_s: float | None = None
    render_message: str | None = None  # warnings or the failure, in Vietnamese


class ScriptOut(BaseModel):
    id: int
    title: str
    topic_id: int
    area_id: int
    author_id: int
    state: str
    current_version: VersionOut
    last_rejection: str | None = None


class ReviewOut(BaseModel):
    id: int
    version_id: int
    reviewer_id: int
    decision: str
    comment: str
    audio_sha256: str | None
    created_at: datetime


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor_id: int | None
    actor: str | None
    action: str
    detail: dict


class ScriptDetailOut(ScriptOut):
    versions: list[VersionOut]
    reviews: list[ReviewOut]
    audit: list[AuditOut]
    last_approved_text: str | None


class QueueRowOut(BaseModel):
    script_id: int
    title: str
    version: VersionOut
    topic_id: int
    area_id: int
    author: str
    age_hours: float


# Inputs: pydantic refuses only what cannot be a value at all (a wrong type, an id no row can
# have, a text past a hard cap at or above the domain's limit); the rules of each text and
# choice are the domain's, checked there with a Vietnamese sentence naming the field, and
# stated in the schema from the same definitions (web.schemas.text_schema / choice_schema) so
# clients and fuzzers know them.
_TEXT_CAP = 1_000_000  # a script's text: the domain's limit is a setting
SCRIPT_TEXT_NOTE = (
    "at most the server's max_script_chars characters (20 000 unless configured "
    "lower); a recording's note has the same limit"
)
Priorities = Annotated[str, Field(json_schema_extra=choice_schema(Priority))]
Regions = Annotated[str, Field(json_schema_extra=choice_schema(Region))]
Roles = Annotated[str, Field(json_schema_extra=choice_schema(Role))]
AREA_KINDS = ("province", "district", "commune", "village")  # content_library.services.create_area
MAX_AGE_HOURS = 24 * 366 * 100  # a century: older is "all of them" (and still a representable time)


class ScriptIn(BaseModel):
    title: str = Field(max_length=400, json_schema_extra=text_schema(validation.TITLE))
    topic_id: DbId
    area_id: DbId
    text: str = Field(
        max_length=_TEXT_CAP,
        description=SCRIPT_TEXT_NOTE,
        json_schema_extra=text_schema(validation.SCRIPT_TEXT),
    )
    priority: Priorities = "normal"
    voice_region: Regions = "north"
    # No pydantic cap: a lone surrogate then reaches the domain's sentence naming the field.
    language: str = Field(
        default="vi", json_schema_extra=text_schema(validation.LANGUAGE, required=False)
    )
    valid_from: Moment | None = None
    valid_until: Moment | None = Field(default=None, description="after valid_from")
    submit: bool = False


class VersionIn(BaseModel):
    text: str | None = Field(
        default=None,
        max_length=_TEXT_CAP,
        description=SCRIPT_TEXT_NOTE,
        json_schema_extra=text_schema(validation.SCRIPT_TEXT),
    )
    title: str | None = Field(
        default=None, max_length=400, json_schema_extra=text_schema(validation.TITLE)
    )
    priority: Priorities | None = None
    voice_region: Regions | None = None
    valid_from: Moment | None = None
    valid_until: Moment | None = Field(default=None, description="after valid_from")
    submit: bool = False


class ApproveIn(BaseModel):
    comment: str = Field(
        default="",
        max_length=5000,
        json_schema_extra=text_schema(validation.COMMENT, required=False),
    )
    # Required to approve (422 without it); optional in the schema so that a refusal for the
    # person (403) or the state (409) reads the same with or without it.
    audio_sha256: str | None = Field(
        default=None,
        max_length=64,
        json_schema_extra={"pattern": "^[0-9a-f]{64}$"},
        description="sha256 of the audio you listened to: the version's finished render",
    )


class RejectIn(BaseModel):
    reason: str = Field(max_length=5000, json_schema_extra=text_schema(validation.REASON))


class UserIn(BaseModel):
    username: str = Field(max_length=64, json_schema_extra={"pattern": "^[a-z0-9_.-]{3,64}$"})
    password: str = Field(
        max_length=1000,
        description=(
            f"{security.MIN_PASSWORD_CHARS}–{security.MAX_PASSWORD_CHARS} characters, not a "
            "common password, not the username, more than two different characters"
        ),
        json_schema_extra={
            "minLength": security.MIN_PASSWORD_CHARS,
            "maxLength": security.MAX_PASSWORD_CHARS,
            "pattern": "^[^\\x00]*$",
        },
    )
    full_name: str = Field(
        default="",
        max_length=200,
        json_schema_extra=text_schema(validation.FULL_NAME, required=False),
    )
    roles: list[tuple[Roles, DbId]] = []


class RolesIn(BaseModel):
    roles: list[tuple[Roles, DbId]]


class AreaIn(BaseModel):
    name: str = Field(max_length=200, json_schema_extra=text_schema(validation.AREA_NAME))
    kind: str = Field(json_schema_extra=choice_schema(AREA_KINDS))
    parent_id: DbId | None = None


# --- converters ----------------------------------------------------------------------------


def _publisher(request: Request) -> publishing.Publisher:
    """An approval that ends (withdrawn, or replaced by a newer one) re-issues the bundles
    that carry it, signed as the publish route signs them."""
    return publishing.Publisher.from_settings(
        request.app.state.settings, store=request.app.state.asset_store
    )


def version_out(v: ScriptVersion, now: datetime) -> VersionOut:
    return VersionOut(
        id=v.id,
        number=v.number,
        title=v.title,
        kind=v.kind,
        text=v.text,
        asset_sha256=v.asset_sha256,
        audio_sha256=v.render_sha256 if v.render_status == "done" else None,
        language=v.language,
        voice_region=v.voice_region,
        priority=v.priority,
        valid_from=v.valid_from,
        valid_until=v.valid_until,
        state=services.effective_state(v, now),
        created_by=v.created_by,
        created_at=v.created_at,
        render_status=v.render_status,
        render_progress=v.render_progress,
        render_sha256=v.render_sha256,
        render_duration_s=v.render_duration_s,
        render_message=v.render_message,
    )


def user_out(session, user: User) -> UserOut:
    rows = session.exec(
        select(Membership, Area).where(Membership.user_id == user.id, Membership.area_id == Area.id)
    ).all()
    return UserOut(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        locale=user.locale,
        is_active=user.is_active,
        roles=[RoleOut(role=m.role, area_id=a.id, area_name=a.name) for m, a in rows],
    )


def review_out(r: Review) -> ReviewOut:
    return ReviewOut(
        id=r.id,
        version_id=r.version_id,
        reviewer_id=r.reviewer_id,
        decision=r.decision,
        comment=r.comment,
        audio_sha256=r.audio_sha256,
        created_at=r.created_at,
    )


def detail_out(session, user: User, script_id: int, now: datetime) -> ScriptDetailOut:
    d = services.script_detail(session, actor=user, script_id=script_id, now=now)
    return ScriptDetailOut(
        id=d.script.id,
        title=d.script.title,
        topic_id=d.script.topic_id,
        area_id=d.script.area_id,
        author_id=d.script.author_id,
        state=d.state,
        current_version=version_out(d.current, now),
        last_rejection=next(
            (
                r.comment
                for r in reversed(d.reviews)
                if r.decision == "rejected" and r.version_id == d.current.id
            ),
            None,
        ),
        versions=[version_out(v, now) for v in d.versions],
        reviews=[review_out(r) for r in d.reviews],
        audit=[
            AuditOut(
                id=e.id,
                at=e.at,
                # an account the reader may not know of is neither named nor numbered
                actor_id=e.actor_id if e.actor_id in d.users else None,
                actor=d.users[e.actor_id].username if e.actor_id in d.users else None,
                action=e.action,
                detail=e.detail,
            )
            for e in d.events
        ],
        last_approved_text=d.last_approved_text,
    )


# --- routes --------------------------------------------------------------------------------


@router.post(
    "/token",
    response_model=TokenOut,
    responses={code: {"model": ErrorOut} for code in (400, 401, 413, 422, 429)},
)
def token(body: TokenIn, request: Request, session: SessionDep, now: Now):
    """Exchange a username and password for a bearer token (rate limited like the login form)."""
    from fastapi.responses import JSONResponse

    _ = gettext_for(request)
    cat = request.app.state.catalogs
    limiter = request.app.state.login_limiter
    ip = client_ip(request)
    # Reserved before the password is checked, as on the login form: parallel guesses cannot
    # all pass the limit while the first ones are still being checked.
    # Held to the account's own limit too, unless the caller logged in to it from this browser
    # or this address before (docs/security.md 38).
    account = not limiter.exempt(request, body.username, now)
    wait = limiter.reserve(ip, body.username, now, account=account)
    if wait is not None:
        minutes = -(-wait // 60)
        msgid = ACCOUNT_LOCKED_MSGID if wait.account else LOCKED_MSGID
        return JSONResponse(
            {
                "detail": _(msgid, minutes=minutes),
                "reason": cat.translator("en")(msgid, minutes=minutes),
                "reason_vi": cat.translator("vi")(msgid, minutes=minutes),
            },
            status_code=429,
            headers={"Retry-After": str(wait)},
        )
    try:
        user = services.authenticate(session, body.username, body.password)
    except BaseException:  # PasswordCheckBusy (503 by the app's handler) or worse: not a guess
        limiter.release(ip, body.username, account=account)
        raise
    if user is None:
        limiter.failed(ip, body.username, now, account=account)
        return JSONResponse(
            {
                "detail": _(BAD_LOGIN_MSGID),
                "reason": cat.translator("en")(BAD_LOGIN_MSGID),
                "reason_vi": cat.translator("vi")(BAD_LOGIN_MSGID),
            },
            status_code=401,
        )
    limiter.succeeded(ip, body.username, account=account)
    limiter.remember_address(ip, user.username, now)
    return TokenOut(
        access_token=issue_token(request, user),
        expires_in=request.app.state.settings.session_max_age_s,
    )


@router.get("/me", response_model=UserOut, responses=ERRORS)
def me(session: SessionDep, user: CurrentUser):
    return user_out(session, user)


@router.get("/areas", response_model=list[AreaOut], responses=ERRORS)
def areas(session: SessionDep, user: CurrentUser):
    """The areas where the user holds a role (with everything below) and those above them."""
    rows = access.visible_areas(session, user)
    return [AreaOut(id=a.id, name=a.name, kind=a.kind, parent_id=a.parent_id) for a in rows]


@router.get("/topics", response_model=list[TopicOut], responses=ERRORS)
def topics(session: SessionDep, user: CurrentUser):
    return [
        TopicOut(id=t.id, code=t.code, name=t.name)
        for t in session.exec(select(Topic).order_by(Topic.code)).all()
    ]


@router.get("/scripts", response_model=list[ScriptOut], responses=ERRORS)
def my_scripts(session: SessionDep, user: CurrentUser, now: Now):
    """The scripts I wrote or that belong to areas where I am an author."""
    return [
        ScriptOut(
            id=r.script.id,
            title=r.script.title,
            topic_id=r.script.topic_id,
            area_id=r.script.area_id,
            author_id=r.script.author_id,
            state=r.state,
            current_version=version_out(r.version, now),
            last_rejection=r.last_rejection,
        )
        for r in services.my_scripts(session, actor=user, now=now)
    ]


@router.post("/scripts", response_model=ScriptDetailOut, status_code=201, responses=SUBMIT_ERRORS)
def create_script(
    body: ScriptIn,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
):
    """Write a text script; ``submit: true`` also sends it for review."""
    max_chars = request.app.state.settings.max_script_chars
    text = services.validate_script_text(body.text, max_chars=max_chars)
    version = services.create_script(
        session,
        actor=user,
        title=body.title,
        topic_id=body.topic_id,
        area_id=body.area_id,
        text=text,
        language=body.language,
        voice_region=body.voice_region,
        priority=body.priority,
        valid_from=body.valid_from,
        valid_until=body.valid_until,
        max_chars=max_chars,
        now=now,
    )
    if body.submit:
        submit_version(
            request,
            session,
            actor=user,
            version_id=require_id(version),
            now=now,
            renders=renders,
        )
    session.flush()
    return detail_out(session, user, version.script_id, now)


@router.post(
    "/scripts/recording",
    response_model=ScriptDetailOut,
    status_code=201,
    responses=SUBMIT_ERRORS,
)
def create_recording(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
    file: Annotated[
        UploadFile,
        File(
            description=(
                "the recording (probed before it is kept): WAV, FLAC, MP3, Ogg/Opus, M4A/AAC or WebM, "
                "at most 30 minutes"
            )
        ),
    ],
    title: Annotated[str, Form(max_length=400, json_schema_extra=text_schema(validation.TITLE))],
    topic_id: Annotated[int, Form(ge=1, le=ID_MAX)],
    area_id: Annotated[int, Form(ge=1, le=ID_MAX)],
    note: Annotated[
        str,
        Form(
            max_length=20000,
            description=SCRIPT_TEXT_NOTE,
            json_schema_extra=text_schema(validation.NOTE, required=False),
        ),
    ] = "",
    priority: Annotated[str, Form(json_schema_extra=choice_schema(Priority))] = "normal",
    valid_from: Annotated[Moment | None, Form()] = None,
    valid_until: Annotated[Moment | None, Form(description="after valid_from")] = None,
    submit: Annotated[bool, Form()] = False,
):
    """Upload a recording as a new script (multipart)."""
    settings = request.app.state.settings
    # Everything that needs no storage is checked before the upload is kept.
    services.check_script_fields(
        session,
        actor=user,
        title=title,
        topic_id=topic_id,
        area_id=area_id,
        priority=priority,
        valid_from=valid_from,
        valid_until=valid_until,
        submitting=submit,
        now=now,
    )
    # Removed again if this request does not commit (a later refusal, any error).
    asset = services.keep_upload(
        session,
        request.app.state.asset_store,
        file.file,
        filename=file.filename or "",
        max_bytes=settings.max_upload_bytes,
        max_duration_s=settings.max_recording_s,
        now=now,
    )
    version = services.create_script(
        session,
        actor=user,
        title=title,
        topic_id=topic_id,
        area_id=area_id,
        text=note or None,
        asset_sha256=asset.sha256,
        priority=priority,
        valid_from=valid_from,
        valid_until=valid_until,
        max_chars=settings.max_script_chars,
        now=now,
    )
    if submit:
        submit_version(
            request,
            session,
            actor=user,
            version_id=require_id(version),
            now=now,
            renders=renders,
        )
    session.flush()
    return detail_out(session, user, version.script_id, now)


@router.get("/scripts/{script_id}", response_model=ScriptDetailOut, responses=ERRORS)
def script_detail(script_id: IdPath, session: SessionDep, user: CurrentUser, now: Now):
    """A script with every version, review and audit event."""
    return detail_out(session, user, script_id, now)


@router.post(
    "/scripts/{script_id}/versions",
    response_model=ScriptDetailOut,
    status_code=201,
    responses=SUBMIT_ERRORS,
)
def new_version(
    script_id: IdPath,
    body: VersionIn,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
):
    max_chars = request.app.state.settings.max_script_chars
    text = (
        services.validate_script_text(body.text, max_chars=max_chars)
        if body.text is not None
        else None
    )
    version = services.new_version(
        session,
        actor=user,
        script_id=script_id,
        text=text,
        title=body.title,
        priority=body.priority,
        voice_region=body.voice_region,
        valid_from=body.valid_from,
        valid_until=body.valid_until,
        max_chars=max_chars,
        now=now,
    )
    if body.submit:
        submit_version(
            request,
            session,
            actor=user,
            version_id=require_id(version),
            now=now,
            renders=renders,
        )
    session.flush()
    return detail_out(session, user, script_id, now)


@router.post("/versions/{version_id}/submit", response_model=VersionOut, responses=SUBMIT_ERRORS)
def submit(
    version_id: IdPath,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
):
    """Send for review; the audio is rendered in the background (poll ``render_status``). At
    most ``max_submits_per_hour`` a person: past it 429 with ``Retry-After``, nothing stored."""
    version = submit_version(
        request,
        session,
        actor=user,
        version_id=version_id,
        now=now,
        renders=renders,
    )
    return version_out(version, now)


@router.post("/versions/{version_id}/withdraw", response_model=VersionOut, responses=ERRORS)
def withdraw(
    version_id: IdPath, request: Request, session: SessionDep, user: CurrentUser, now: Now
):
    """Withdraw a version; an approved one is taken off the air at once (new signed bundles)."""
    return version_out(
        services.withdraw(
            session, actor=user, version_id=version_id, now=now, publisher=_publisher(request)
        ),
        now,
    )


@router.post("/versions/{version_id}/approve", response_model=ReviewOut, responses=ERRORS)
def approve(
    version_id: IdPath,
    body: ApproveIn,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
):
    """Approve the rendered audio; pass the ``audio_sha256`` you listened to, so a changed
    render is refused. Nothing can be approved before its render is done: a 422 with
    ``field: "audio_sha256"`` and a ``code`` (``render_pending``, ``not_rendered``,
    ``not_heard``, ``audio_changed``) says why."""
    review = services.approve(
        session,
        actor=user,
        version_id=version_id,
        audio_sha256=body.audio_sha256 or "",
        now=now,
        comment=body.comment,
        publisher=_publisher(request),
    )
    render.confirm_heard(session, review)
    return review_out(review)


@router.post("/versions/{version_id}/reject", response_model=ReviewOut, responses=ERRORS)
def reject(version_id: IdPath, body: RejectIn, session: SessionDep, user: CurrentUser, now: Now):
    return review_out(
        services.reject(session, actor=user, version_id=version_id, reason=body.reason, now=now)
    )


@router.get("/review-queue", response_model=list[QueueRowOut], responses=ERRORS)
def review_queue(
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    area_id: IdQuery = None,
    topic_id: IdQuery = None,
    min_age_hours: Annotated[float | None, Query(ge=0, le=MAX_AGE_HOURS)] = None,
):
    """Versions awaiting review in my areas, oldest first."""
    # An area outside the reviewer's reads like one that does not exist (404): the queue
    # answered [] for another commune's id and 422 for an unknown one (security 29).
    if area_id is not None and area_id not in {
        a.id for a in access.areas_for(session, user, Role.REVIEWER.value)
    }:
        raise NotFound("no such area", "Không tìm thấy địa bàn.")
    if topic_id is not None and session.get(Topic, topic_id) is None:
        raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
    rows = services.review_queue(
        session,
        actor=user,
        area_id=area_id,
        topic_id=topic_id,
        min_age_hours=min_age_hours,
        now=now,
    )
    return [
        QueueRowOut(
            script_id=r.script.id,
            title=r.version.title,
            version=version_out(r.version, now),
            topic_id=r.topic.id,
            area_id=r.area.id,
            author=r.author.username,
            age_hours=round(r.age_hours, 2),
        )
        for r in rows
    ]


@router.get("/users", response_model=list[UserOut], responses=ERRORS)
def users(session: SessionDep, user: CurrentUser):
    return [user_out(session, u) for u in services.administered_users(session, user)]


def _recent_password(request: Request, user: User, *, attempted: str, object_id: object) -> None:
    """Managing accounts needs the token to be younger than ``account_reauth_s`` (its creation
    checked the password; a found phone's older one may not): 403 ``reauth_required``, audited,
    nothing changed (web/reauth.py, docs/security.md 32)."""
    try:
        check_recent_password(
            request,
            user,
            "",
            purpose=ACCOUNTS,
            object_type="user",
            object_id=object_id,
            attempted=attempted,
        )
    except ReauthRefused as exc:
        raise exc.error from None


@router.post("/users", response_model=UserOut, status_code=201, responses=ERRORS)
def create_user(body: UserIn, request: Request, session: SessionDep, user: CurrentUser, now: Now):
    """Create an account; the token must be younger than ``account_reauth_s`` (else 403,
    code ``reauth_required``: get a new token)."""
    _recent_password(request, user, attempted="user.create", object_id="")
    services.require_admin(session, user)
    # Another commune's area reads like one that does not exist (services.set_roles).
    created = services.create_user(
        session,
        actor=user,
        username=body.username,
        password=body.password,
        full_name=body.full_name,
        roles=body.roles,
        now=now,
    )
    session.flush()
    return user_out(session, created)


@router.put("/users/{user_id}/roles", response_model=UserOut, responses=ERRORS)
def set_roles(
    user_id: IdPath,
    body: RolesIn,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
):
    """Give or take roles; the token must be younger than ``account_reauth_s`` (else 403,
    code ``reauth_required``: get a new token)."""
    _recent_password(request, user, attempted="user.roles", object_id=user_id)
    # Another commune's account or area reads like an unknown id (services.set_roles; the
    # account also in web.deps.refuse_unknown_account, before this runs).
    services.set_roles(session, actor=user, user_id=user_id, roles=body.roles, now=now)
    session.flush()
    target = session.get(User, user_id)
    assert target is not None  # set_roles found it
    return user_out(session, target)


@router.post("/areas", response_model=AreaOut, status_code=201, responses=ERRORS)
def create_area(body: AreaIn, request: Request, session: SessionDep, user: CurrentUser, now: Now):
    """Create an area (no route renames or removes one); the token must be younger than
    ``account_reauth_s`` (else 403, code ``reauth_required``: get a new token)."""
    services.require_admin(session, user)
    require_recent_token(
        request, user, purpose=ADMIN, object_type="area", object_id="", attempted="area.create"
    )
    # Another commune's parent reads like one that does not exist (services.create_area).
    a = services.create_area(
        session, actor=user, name=body.name, kind=body.kind, parent_id=body.parent_id, now=now
    )
    return AreaOut(id=a.id, name=a.name, kind=a.kind, parent_id=a.parent_id)

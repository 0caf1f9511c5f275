"""The unit ↔ server sync API (issue 6, docs/sync-protocol.md).

Units carry no session or bearer token: each request is signed with the unit's Ed25519 key
(``content_library.sync.authenticate``). The access table lists these routes as
``UNIT_SIGNED`` (reachable without a login; the route itself checks the signature), and they
are CSRF-exempt because nothing ambient (a cookie) authenticates them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from content_library import access, emergency, publishing
from content_library import sync as core
from content_library.errors import LoaError, NotFound, PermissionDenied, ValidationError
from content_library.models import Unit
from content_library.types import Role
from web.deps import CurrentUser, Now, SessionDep
from web.reauth import ADMIN, require_recent_token
from web.schemas import ErrorOut

router = APIRouter(prefix="/api/v1/units", tags=["sync"])
UNIT_PATH = "/api/v1/units/{unit_id}"


def _error(status: int, exc: LoaError, **extra: Any) -> JSONResponse:
    return JSONResponse(
        {"detail": exc.reason_vi, "reason": exc.reason, "reason_vi": exc.reason_vi, **extra},
        status_code=status,
        headers={"WWW-Authenticate": "LoaUnit"} if status == 401 else None,
    )


def nonces(request: Request) -> core.NonceCache:
    cache = getattr(request.app.state, "sync_nonces", None)
    if cache is None:
        cache = request.app.state.sync_nonces = core.NonceCache()
    return cache


# Every unit polls its bundle; the sweep that expires ended approvals (a query, and re-issues
# when one ended) runs at most this often per process. What is served is checked each time.
APPROVAL_EXPIRY_EVERY_S = 30


def approval_expiry(request: Request) -> core.Periodic:
    periodic = getattr(request.app.state, "approval_expiry", None)
    if periodic is None:
        periodic = request.app.state.approval_expiry = core.Periodic(APPROVAL_EXPIRY_EVERY_S)
    return periodic


async def raw_body(request: Request) -> bytes:
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]


def _auth(request: Request, session: Session, unit_id: str, body: bytes, now) -> Unit:
    return core.authenticate(
        session,
        unit_id=unit_id,
        method=request.method,
        path=request.url.path,
        query=request.url.query,
        headers=request.headers,
        body=body,
        now=now,
        nonces=nonces(request),
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN/Infinity: PostgreSQL's JSON refuses them


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant) if body else None
    except (UnicodeDecodeError, ValueError, RecursionError):  # "[[[[…": nested past the stack
        raise ValidationError("the body is not JSON", "Nội dung không phải JSON.") from None


_SIGNED = {
    "parameters": [
        {"name": h, "in": "header", "required": True, "schema": {"type": "string"}}
        for h in ("X-Loa-Unit", "X-Loa-Timestamp", "X-Loa-Nonce", "X-Loa-Signature")
    ]
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "not a correctly signed request of an enrolled unit"},
    422: {"description": "malformed body"},
    413: {"description": "body over the route's size limit (web.app.BodySizeLimit.SYNC)"},
}


class EnrolIn(BaseModel):
    unit_id: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=64)
    public_key: str = Field(min_length=1, max_length=200, description="ed25519:<key id>:<base64>")


class AsRunContinue(BaseModel):
    seq: int = Field(description="the next as-run seq the panel expects from the unit")
    prev_hash: str = Field(description="the hash of the last entry the panel stored")


class EnrolOut(BaseModel):
    unit_id: str
    enrolled_at: str
    public_key: str
    asrun_continue: AsRunContinue | None = Field(
        default=None,
        description="where the unit's as-run chain goes on (the panel's stored head); null "
        "when the panel holds none of its entries. A unit with an empty log starts there.",
    )


@router.post(
    "/enrol",
    response_model=EnrolOut,
    include_in_schema=True,
    responses={
        403: {"description": "wrong, used or expired code"},
        413: {"description": "body over 4 KB"},
    },
)
def enrol(body: EnrolIn, session: SessionDep, now: Now) -> Any:
    """Đăng ký cụm loa bằng mã dùng một lần / enrol a unit with its one-time code."""
    try:
        unit = core.enrol(session, body.unit_id, body.code, body.public_key, now)
    except core.EnrolError as exc:
        return _error(403, exc)
    assert unit.enrolled_at is not None  # core.enrol has just set it
    cont = core.asrun_continue(unit)
    return EnrolOut(
        unit_id=unit.id,
        enrolled_at=unit.enrolled_at.isoformat(),
        public_key=unit.public_key,
        asrun_continue=AsRunContinue(**cont) if cont is not None else None,
    )


@router.get(
    "/{unit_id}/bundle",
    include_in_schema=True,
    openapi_extra=_SIGNED,
    responses={
        **_ERRORS,
        200: {"content": {"application/octet-stream": {}}, "description": "the signed .loa bundle"},
        204: {"description": "no bundle for this unit yet"},
        206: {"description": "a byte range (resume)"},
        304: {"description": "the unit already has it (If-None-Match)"},
        409: {
            "description": "the newest bundle carries an item no longer "
            "approved and could not be re-issued"
        },
    },
)
def bundle(unit_id: str, request: Request, session: SessionDep, now: Now) -> Response:
    """Gói phát mới nhất / the unit's newest bundle (ETag = sha256; Range resumes)."""
    try:
        unit = _auth(request, session, unit_id, b"", now)
    except core.SyncAuthError as exc:
        return _error(401, exc)
    try:  # never a bundle with an item no longer approved (issue 12, item 2)
        with core.write_lock(session):
            pub = core.bundle_to_serve(
                session,
                unit,
                now=now,
                publisher=publishing.Publisher.from_settings(
                    request.app.state.settings, store=request.app.state.asset_store
                ),
                expiry=approval_expiry(request),
            )
            session.commit()
    except publishing.BundleWithheld as exc:
        return _error(409, exc)
    if pub is None:
        return Response(status_code=204)
    etag = f'"{pub.file_sha256}"'
    headers = {
        "ETag": etag,
        "X-Loa-Bundle-Sequence": str(pub.sequence),
        "Cache-Control": "no-cache",
    }
    inm = request.headers.get("if-none-match", "")
    if inm and any(t.strip().removeprefix("W/") in (etag, "*") for t in inm.split(",")):
        return Response(status_code=304, headers=headers)
    path = Path(publishing.bundle_path(request.app.state.settings.outbox_dir, pub))
    if not path.is_file():
        return _error(
            404,
            LoaError(
                "the bundle file is missing on the server", "Máy chủ không còn tệp gói phát này."
            ),
        )
    return FileResponse(
        path, media_type="application/octet-stream", filename=path.name, headers=headers
    )


@router.post(
    "/{unit_id}/asrun",
    include_in_schema=True,
    openapi_extra={
        **_SIGNED,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["entries"],
                        "properties": {
                            "entries": {
                                "type": "array",
                                "maxItems": core.MAX_BATCH,
                                "items": {
                                    "type": "object",
                                    "required": [
                                        "seq",
                                        "kind",
                                        "body",
                                        "prev_hash",
                                        "hash",
                                        "signature",
                                    ],
                                    "properties": {
                                        "seq": {"type": "integer"},
                                        "kind": {"type": "string"},
                                        "body": {"type": "string"},
                                        "prev_hash": {"type": "string"},
                                        "hash": {"type": "string"},
                                        "signature": {"type": "string"},
                                    },
                                },
                            }
                        },
                    }
                }
            },
        },
    },
    responses={
        **_ERRORS,
        200: {"description": "{accepted, duplicates, rejected, last_seq, flags}"},
        409: {
            "description": "an entry was rejected (forged, bad signature, reordered) "
            "and flagged; entries before it are kept"
        },
        429: {
            "description": "over the unit's daily budget of stored bytes "
            "(LOA_UNIT_DAILY_BUDGET_BYTES): nothing of the batch is stored; Retry-After "
            "gives the seconds until the next UTC day"
        },
    },
)
def asrun(unit_id: str, request: Request, body: RawBody, session: SessionDep, now: Now) -> Response:
    """Gửi nhật ký phát theo lô / push as-run entries (idempotent by entry hash)."""
    try:
        unit = _auth(request, session, unit_id, body, now)
    except core.SyncAuthError as exc:
        return _error(401, exc)
    data = _json(body)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ValidationError(
            'expected {"entries": [...]}', 'Cần {"entries": [...]}.', field="entries"
        )
    with core.unit_lock(unit.id), core.write_lock(session):
        try:
            result = core.push_asrun(
                session,
                unit,
                data["entries"],
                now,
                daily_budget=request.app.state.settings.unit_daily_budget_bytes,
            )
        except ValidationError:
            raise
        except core.OverBudget as exc:
            session.commit()  # the day's one over_budget flag; nothing of the batch
            return JSONResponse(
                {"detail": exc.reason_vi, "reason": exc.reason, "reason_vi": exc.reason_vi},
                status_code=429,
                headers={"Retry-After": str(exc.retry_after)},
            )
        except LoaError as exc:
            return _error(409, exc)
        session.commit()  # before the lock is released
    return JSONResponse(result.as_dict(), status_code=409 if result.rejected else 200)


@router.post(
    "/{unit_id}/heartbeat",
    include_in_schema=True,
    openapi_extra={
        **_SIGNED,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "clock_trusted": {"type": "boolean"},
                            "clock_state": {"type": "string"},
                            "free_disk_bytes": {"type": "integer"},
                            "temperature_c": {"type": "number"},
                            "sound_ok": {"type": "boolean"},
                            "relays_ok": {"type": "boolean"},
                            "last_broadcast": {"type": "string"},
                            "bundle_sequence": {"type": "integer"},
                            "emergency_sequence": {"type": "integer"},
                            "software_version": {"type": "string"},
                        },
                    }
                }
            },
        },
    },
    responses={**_ERRORS, 200: {"description": "{asrun_last_seq, server_time}"}},
)
def heartbeat_route(
    unit_id: str, request: Request, body: RawBody, session: SessionDep, now: Now
) -> Response:
    """Nhịp tim của cụm loa / the unit's heartbeat (clock, disk, sound, relays, versions)."""
    try:
        unit = _auth(request, session, unit_id, body, now)
    except core.SyncAuthError as exc:
        return _error(401, exc)
    data = _json(body)
    with core.write_lock(session):
        answer = core.heartbeat(session, unit, data if data is not None else {}, now)
        session.commit()
    return JSONResponse(answer)


class EnrolCodeOut(BaseModel):
    unit_id: str
    code: str
    expires_at: str


@router.post(
    "/{unit_id}/enrol-code",
    response_model=EnrolCodeOut,
    include_in_schema=True,
    responses={
        403: {
            "description": "not an operator of the unit's area, or (code reauth_required) an "
            "API token older than LOA_ACCOUNT_REAUTH_S: get a new token"
        },
        404: {"description": "no such unit"},
        422: {
            "model": ErrorOut,
            "description": "a browser session whose password check is older than "
            "LOA_ACCOUNT_REAUTH_S (code reauth_required): type the password again",
        },
    },
)
def enrol_code(
    unit_id: str, request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Any:
    """Cấp mã đăng ký một lần (đài truyền thanh) / issue a one-time enrolment code (operator).

    The code is shown once; only its hash is stored. Issuing a new code replaces the old one;
    enrolling again with it replaces the unit's key (a replaced SD card). Whoever holds the code
    enrols their own key for the unit, so it needs a recent password check (docs/security.md
    34): an API token younger than ``LOA_ACCOUNT_REAUTH_S``; an older one is refused with 403
    and code ``reauth_required`` (get a new token), a browser session's older check with 422.
    """
    unit = None if "\x00" in unit_id else session.get(Unit, unit_id)  # PostgreSQL: no NUL
    # Unit ids are names people pick ("ngoc-chuc-01"): to someone without any role over the
    # unit's area a refusal would confirm a guess, so it reads as a unit that does not exist.
    if unit is None or not any(access.has_role(session, user, r, unit.area_id) for r in Role):
        raise NotFound("no such unit", "Không tìm thấy cụm loa.")
    if not access.has_role(session, user, Role.OPERATOR.value, unit.area_id):
        raise PermissionDenied(
            "only an operator of the unit's area may enrol it",
            "Chỉ đài truyền thanh của địa bàn này được cấp mã đăng ký.",
        )
    # After the 404/403 (another commune's unit is not confirmed by a password prompt), before
    # any write: the refusal's audit and the limiter write on their own connections.
    require_recent_token(
        request,
        user,
        purpose=ADMIN,
        object_type="unit",
        object_id=unit.id,
        attempted="unit.enrol_code",
    )
    code = core.issue_enrol_code(session, unit.id, now, actor=user)
    assert unit.enrol_code_expires is not None  # issue_enrol_code has just set it
    return EnrolCodeOut(unit_id=unit.id, code=code, expires_at=unit.enrol_code_expires.isoformat())


# --- emergencies (issue 15): the unit lists, fetches and confirms its emergency bundles ------


@router.get(
    "/{unit_id}/emergencies",
    include_in_schema=True,
    openapi_extra=_SIGNED,
    responses={
        **_ERRORS,
        200: {
            "description": '{"emergencies": [{"id", "bundle_id", "action", "sequence", '
            '"sha256", "size", "expires_at"}]}: every emergency bundle (play or stop) for '
            "the unit's areas that has not expired, oldest first"
        },
    },
)
def emergencies(unit_id: str, request: Request, session: SessionDep, now: Now) -> Response:
    """Các gói khẩn cấp còn hiệu lực / the unit's emergency bundles (play and stop)."""
    try:
        unit = _auth(request, session, unit_id, b"", now)
    except core.SyncAuthError as exc:
        return _error(401, exc)
    rows = emergency.bundles_for_unit(session, unit, now=now)
    return JSONResponse(
        {
            "emergencies": [
                {
                    "id": r.emergency_id,
                    "bundle_id": r.bundle_id,
                    "action": r.action,
                    "sequence": r.sequence,
                    "sha256": r.file_sha256,
                    "size": r.size,
                    "expires_at": _iso(r.expires_at),
                }
                for r in rows
            ]
        },
        headers={"Cache-Control": "no-store"},
    )


def _iso(dt: datetime) -> str:
    return (dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt).isoformat()


@router.get(
    "/{unit_id}/emergencies/{bundle_id}",
    include_in_schema=True,
    openapi_extra=_SIGNED,
    responses={
        **_ERRORS,
        200: {"content": {"application/octet-stream": {}}, "description": "the signed bundle"},
        404: {"description": "no such emergency bundle for this unit"},
    },
)
def emergency_bundle(
    unit_id: str,
    bundle_id: Annotated[str, PathParam(max_length=64)],
    request: Request,
    session: SessionDep,
    now: Now,
) -> Response:
    """Một gói khẩn cấp / one emergency bundle, only if addressed to this unit."""
    try:
        unit = _auth(request, session, unit_id, b"", now)
    except core.SyncAuthError as exc:
        return _error(401, exc)
    try:
        row, path = emergency.bundle_for_unit(
            session, unit, bundle_id, out_dir=request.app.state.settings.outbox_dir
        )
    except NotFound as exc:
        return _error(404, exc)
    return FileResponse(
        path,
        media_type="application/octet-stream",
        filename=path.name,
        headers={
            "ETag": f'"{row.file_sha256}"',
            "X-Loa-Emergency-Sequence": str(row.sequence),
            "Cache-Control": "no-cache",
        },
    )


@router.post(
    "/{unit_id}/emergencies/{emergency_id}/played",
    include_in_schema=True,
    status_code=204,
    openapi_extra={
        **_SIGNED,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["state", "at"],
                        "properties": {
                            "state": {"enum": list(emergency.CONFIRM_STATES)},
                            "repeat": {"type": "integer", "minimum": 0, "maximum": 100},
                            "at": {"type": "string", "format": "date-time"},
                            "reason": {"type": "string", "maxLength": 500},
                        },
                    }
                }
            },
        },
    },
    responses={
        **_ERRORS,
        204: {"description": "stored (or already stored: idempotent)"},
        404: {"description": "no such emergency for this unit"},
    },
)
def emergency_played(
    unit_id: str,
    emergency_id: Annotated[str, PathParam(max_length=64)],
    request: Request,
    body: RawBody,
    session: SessionDep,
    now: Now,
) -> Response:
    """Xác nhận đã phát tin khẩn cấp / confirm an emergency started, finished, failed or
    stopped (the live "đã phát" count)."""
    try:
        unit = _auth(request, session, unit_id, body, now)
    except core.SyncAuthError as exc:
        return _error(401, exc)
    data = _json(body)
    try:
        with core.write_lock(session):
            emergency.record_played(session, unit, emergency_id, data, now=now)
            session.commit()
    except NotFound as exc:
        return _error(404, exc)
    return Response(status_code=204)

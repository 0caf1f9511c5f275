"""The panel's composition: create_app(settings) builds one FastAPI app with its own engine,
clock, catalogs, templates and limits on app.state (no import-time globals).

Middleware, outermost first: security headers (HSTS in production), the concurrency limit of
unit sync traffic, the per-route request-body limit, the session cookie, NULs dropped from the
query string; no statement of the engine runs with a NUL in a text value. Error handlers turn
domain errors, a busy database and a busy password check into readable answers.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl, quote, urlencode, urlsplit
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from content_library import security
from content_library import sync as sync_core
from content_library.db import make_engine
from content_library.errors import (
    LimitReached,
    LoaError,
    NotFound,
    PermissionDenied,
    ValidationError,
    WorkflowError,
)
from content_library.types import HO_CHI_MINH
from web import access_rules, auth, csrf
from web.deps import (
    ROLE_MSGIDS,
    AccessDenied,
    MissingAccessRule,
    NotAuthenticated,
    enforce_access,
    gettext_for,
    locale_of,
)
from web.i18n import N_, Catalogs, error_reason
from web.services import refusals
from web.settings import Settings

HERE = Path(__file__).parent
TZ = ZoneInfo(HO_CHI_MINH)


def system_clock() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    clock: Callable[[], datetime] | None = None,
) -> FastAPI:
    """Build the panel. The caller migrates the database (``loa db upgrade`` / ``loa demo``)."""
    if settings.argon2_time_cost or settings.argon2_memory_cost:
        security.configure(
            time_cost=settings.argon2_time_cost or 3,
            memory_cost=settings.argon2_memory_cost or 65536,
            parallelism=1,
        )
    from content_library.assets import AssetStore
    from web.routes import ROUTERS
    from web.services.render import RenderService

    app = FastAPI(
        title="Loa",
        summary="Kịch bản, thẩm duyệt và phát thanh loa / scripts, review and broadcasts",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; the intranet has none. The JSON stays.
        redoc_url=None,
        dependencies=[Depends(enforce_access)],
        lifespan=_lifespan,
    )
    security.limit_concurrency(settings.login_concurrent_checks, wait_s=settings.login_check_wait_s)
    app.state.settings = settings
    app.state.engine = engine or make_engine(
        settings.db_url, busy_timeout_ms=settings.db_busy_timeout_ms
    )
    refuse_nul_in_statements(app.state.engine)  # PostgreSQL refuses NUL in text (see NUL)
    app.state.clock = clock or system_clock
    # Sessions age in real time, like the cookie that carries them (tests move app.state.clock
    # for domain rules without logging anyone out).
    app.state.session_clock = system_clock
    app.state.catalogs = Catalogs(default=settings.default_locale)
    app.state.templates = _templates()
    app.state.sync_nonces = sync_core.NonceCache()  # in the database: shared by every worker
    app.state.unit_traffic = UnitTraffic(settings.sync_max_concurrent)
    app.state.login_limiter = auth.LoginLimiter(
        engine=app.state.engine,  # counted in the database: shared by every worker process
        max_failures=settings.login_max_failures,
        max_failures_per_ip=settings.login_max_failures_per_ip,
        max_failures_per_account=settings.login_max_failures_per_account,
        window_s=settings.login_window_s,
    )
    app.state.asset_store = AssetStore(settings.assets_dir)
    app.state.render_service = RenderService.from_settings(
        settings, engine=app.state.engine, store=app.state.asset_store, clock=app.state.clock
    )

    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    _install_error_handlers(app)
    app.state.body_limits = BodyLimits(app, settings)
    # Outermost last: limits see the raw request first, then the session is decoded.
    app.add_middleware(DropNulFromQuery)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="loa_session",
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(
        BodySizeLimit,
        limits=app.state.body_limits,
        read_timeout_s=settings.body_read_timeout_s,
        min_rate_bps=settings.body_min_rate_bps,
    )
    app.add_middleware(
        UnitTrafficLimit, traffic=app.state.unit_traffic, wait_s=settings.sync_queue_wait_s
    )
    app.add_middleware(
        SecurityHeaders, hsts_max_age_s=settings.hsts_max_age_s if settings.production else None
    )
    check_access_rules(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Background parts start with the server and stop in reverse order."""
    from web.services.report_jobs import jobs_of

    app.state.render_service.start()  # re-queues renders a crash left behind
    jobs_of(app).start()  # takes over exports whose worker process died
    try:
        yield
    finally:
        jobs_of(app).stop()
        app.state.render_service.stop()


def _route_path(ctx: RouteContext) -> str:
    """The path a route answers (every route of the panel has one; FastAPI types it optional)."""
    if ctx.path is None:
        raise MissingAccessRule(f"{ctx.original_route!r} has no path")
    return ctx.path


def route_keys(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every route the app answers, mounts included."""
    keys: list[tuple[str, str]] = []
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if isinstance(route, Mount):
            keys.append(("GET", _route_path(ctx)))
            continue
        for method in sorted(ctx.methods or {"GET"}):
            if method != "HEAD":
                keys.append((method, _route_path(ctx)))
    return keys


def check_access_rules(app: FastAPI) -> None:
    """Refuse to start when the route table and web.access_rules disagree.

    Every (method, path) needs a rule. Non-API routes (the static mount, the OpenAPI
    document) must be public: app-wide dependencies do not run for them. Routers must be
    included without a prefix, because the check at request time reads the route's own path.
    """
    for method, path in route_keys(app):
        if access_rules.rule_for(method, path) is None:
            raise MissingAccessRule(
                f"no access rule for {method} {path} (add it to web/access_rules.py)"
            )
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if getattr(route, "path", ctx.path) != ctx.path:
            raise MissingAccessRule(f"{ctx.path}: include routers without a prefix")
        if (
            not isinstance(route, APIRoute)
            and access_rules.rule_for("GET", _route_path(ctx)) != access_rules.PUBLIC
        ):
            raise MissingAccessRule(f"{ctx.path} is not an API route, so it can only be public")


# --- templates -----------------------------------------------------------------------------


def _templates() -> Jinja2Templates:
    from web.services import visible as visible_text
    from web.services.labels import AUDIT_MSGIDS, PRIORITY_MSGIDS, REGION_MSGIDS, STATE_MSGIDS

    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    # Every printed string shows a bidi override or a control character as its escape: a
    # unit's reports reach the pages as sent (docs/security.md 38). Set before any template
    # is compiled (finalize is read at compile time).
    env.finalize = visible_text.finalize
    env.filters["localtime"] = _localtime
    env.filters["localdate_input"] = _local_input
    env.globals["STATE_MSGIDS"] = STATE_MSGIDS
    env.globals["AUDIT_MSGIDS"] = AUDIT_MSGIDS
    env.globals["PRIORITY_MSGIDS"] = PRIORITY_MSGIDS
    env.globals["REGION_MSGIDS"] = REGION_MSGIDS
    env.globals["ROLE_MSGIDS"] = ROLE_MSGIDS
    return templates


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def _localtime(dt: datetime | None) -> str:
    if dt is None:
        return ""
    return _aware(dt).astimezone(TZ).strftime("%d/%m/%Y %H:%M")


def _local_input(dt: datetime | None) -> str:
    """The value of an <input type="datetime-local">, in Vietnam's time."""
    if dt is None:
        return ""
    return _aware(dt).astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


# --- errors --------------------------------------------------------------------------------


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


_STATUS = {
    ValidationError: 422,
    PermissionDenied: 403,
    NotFound: 404,
    WorkflowError: 409,
    LimitReached: 429,
}


def _status_for(exc: LoaError) -> int:
    for cls, status in _STATUS.items():
        if isinstance(exc, cls):
            return status
    return 400


def error_response(
    request: Request,
    *,
    status: int,
    message: str,
    reason_en: str,
    reason_vi: str,
    field: str = "",
    code: str = "",
    headers: dict[str, str] | None = None,
) -> Response:
    if is_api(request):
        body = {"detail": message, "reason": reason_en, "reason_vi": reason_vi}
        if field:
            body["field"] = field
        if code:
            body["code"] = code
        return JSONResponse(body, status_code=status, headers=headers)
    from web.deps import Page

    page = Page(request, getattr(request.state, "user_view", None), request.app.state.clock())
    response = page.render(
        "error.html",
        status_code=status,
        message=message,
        status=status,
        back=_same_site_referer(request),
    )
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _same_site_referer(request: Request) -> str | None:
    """The page the user came from, when it is ours (the CSP forbids javascript: links)."""
    referer = request.headers.get("referer", "")
    parts = urlsplit(referer)
    if not referer or parts.netloc != request.url.netloc:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    # The rule of ?next= (a browser reads "/\\host" as "//host"): ours, or no link at all.
    return path if auth.safe_next(path) == path else None


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _translated(request: Request, msgid: str, **params: object) -> tuple[str, str, str]:
    """(in the reader's language, English, Vietnamese)."""
    cat = request.app.state.catalogs
    en = cat.translator("en")(msgid, **params)
    vi = cat.translator("vi")(msgid, **params)
    return (vi if locale_of(request) == "vi" else en), en, vi


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if is_api(request):
            msg, en, vi = _translated(request, N_("Please log in."))
            return JSONResponse(
                {"detail": msg, "reason": en, "reason_vi": vi},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer", "X-Loa-Access": "denied"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(
            f"/login?next={quote(target)}", status_code=303, headers={"X-Loa-Access": "denied"}
        )

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        _ = gettext_for(request)
        cat = request.app.state.catalogs

        def say(gettext) -> str:
            params: dict[str, Any] = dict(exc.params)
            if "roles" in params:
                params["roles"] = ", ".join(gettext(ROLE_MSGIDS.get(r, r)) for r in params["roles"])
            return gettext(exc.msgid, **params)

        reason_en = say(cat.translator("en"))
        await run_in_threadpool(
            refusals.audit_refusal, request, status=403, reason=reason_en, code="role"
        )
        return error_response(
            request,
            status=403,
            message=say(_),
            reason_en=reason_en,
            reason_vi=say(cat.translator("vi")),
            headers={"X-Loa-Access": "denied"},
        )

    @app.exception_handler(MissingAccessRule)
    async def missing_rule(request: Request, exc: MissingAccessRule) -> Response:
        msg, en, vi = _translated(request, N_("This address has no access rule and is refused."))
        return error_response(
            request,
            status=403,
            message=msg,
            reason_en=en,
            reason_vi=vi,
            headers={"X-Loa-Access": "no-rule"},
        )

    @app.exception_handler(csrf.CsrfError)
    async def csrf_error(request: Request, exc: csrf.CsrfError) -> Response:
        msg, en, vi = _translated(request, csrf.STALE_MESSAGE)
        # A logged-in person's change without the page's token: a page left open too long,
        # or another site's form riding on their cookie — either way worth a trace.
        await run_in_threadpool(refusals.audit_refusal, request, status=403, reason=en, code="csrf")
        return error_response(
            request,
            status=403,
            message=msg,
            reason_en=en,
            reason_vi=vi,
            headers={"X-Loa-Csrf": "refused"},
        )

    @app.exception_handler(LoaError)
    async def domain_error(request: Request, exc: LoaError) -> Response:
        status = _status_for(exc)
        if status in (403, 404):  # not allowed, or another area's: read like no such id
            await run_in_threadpool(
                refusals.audit_refusal,
                request,
                status=status,
                reason=exc.reason,
                code=str(getattr(exc, "code", "") or ""),
            )
        return error_response(
            request,
            status=status,
            message=error_reason(exc, locale_of(request)),
            reason_en=exc.reason,
            reason_vi=exc.reason_vi,
            field=getattr(exc, "field", ""),
            code=str(getattr(exc, "code", "") or ""),
            headers=(
                {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, LimitReached) else None
            ),
        )

    @app.exception_handler(security.PasswordCheckBusy)
    async def password_check_busy(request: Request, exc: security.PasswordCheckBusy) -> Response:
        return error_response(
            request,
            status=503,
            message=error_reason(exc, locale_of(request)),
            reason_en=exc.reason,
            reason_vi=exc.reason_vi,
            code="busy",
            headers={"Retry-After": str(exc.retry_after_s)},
        )

    @app.exception_handler(OperationalError)
    async def database_error(request: Request, exc: OperationalError) -> Response:
        if not is_db_busy(exc):
            raise exc  # a real fault: the server error page, and the log gets the traceback
        return await db_busy_response(request)

    @app.exception_handler(PoolTimeout)
    async def pool_exhausted(request: Request, exc: PoolTimeout) -> Response:
        return await db_busy_response(request)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request):
            msg, en, vi = _translated(request, N_("The request is not valid."))
            return JSONResponse(
                {"detail": msg, "reason": en, "reason_vi": vi, "errors": _jsonable_errors(exc)},
                status_code=422,
            )
        msg, en, vi = _translated(
            request, N_("The form is not valid; please check it and try again.")
        )
        return error_response(request, status=422, message=msg, reason_en=en, reason_vi=vi)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        msgid = {
            404: N_("Not found."),
            405: N_("This method is not allowed here."),
            413: N_("The upload is too large."),
        }.get(exc.status_code, N_("The request failed."))
        msg, en, vi = _translated(request, msgid)
        return error_response(
            request,
            status=exc.status_code,
            message=msg,
            reason_en=en,
            reason_vi=vi,
            headers=getattr(exc, "headers", None),
        )


# --- a busy database ---------------------------------------------------------------------------


# SQLSTATEs of PostgreSQL's "try again": lock_timeout, statement_timeout, deadlock, serialization.
_BUSY_SQLSTATES = frozenset({"55P03", "57014", "40P01", "40001"})
_BUSY_SQLITE = ("database is locked", "database table is locked", "database schema is locked")


def is_db_busy(exc: BaseException) -> bool:
    """A lock or a slow database (worth a retry), not a broken query."""
    if isinstance(exc, PoolTimeout):
        return True
    if not isinstance(exc, OperationalError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    return any(text in str(orig).lower() for text in _BUSY_SQLITE)


DB_BUSY_MSGID = N_("The database is busy, so nothing was saved. Please try again in a few seconds.")

# Fields shown as editable text on the busy page (others travel hidden), with their labels.
BUSY_FIELD_LABELS = {
    "title": N_("Title"),
    "text": N_("Text (or a note for a recording)"),
    "name": N_("Name"),
    "full_name": N_("Full name"),
    "username": N_("Username"),
    "reason": N_("Reason"),
    "comment": N_("Comment (optional)"),
}


@dataclass(frozen=True)
class BusyField:
    name: str
    value: str
    visible: bool
    label: str
    label_msgid: bool
    rows: int


async def _posted_fields(request: Request) -> tuple[list[BusyField], bool, bool]:
    """What the refused form carried: (fields, a file was dropped, a password was dropped)."""
    ctype = request.headers.get("content-type", "")
    if request.method in ("GET", "HEAD") or not ctype.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return [], False, False
    try:
        form = await request.form()  # already parsed by the route: cached on this request
    except Exception:
        return [], False, False
    fields: list[BusyField] = []
    files = secrets = False
    for name, value in form.multi_items():
        if name == csrf.FORM_FIELD:
            continue
        if not isinstance(value, str):
            files = files or bool(getattr(value, "filename", ""))
            continue
        if "password" in name.lower():
            secrets = True  # never echoed back into a page
            continue
        label = BUSY_FIELD_LABELS.get(name)
        visible = label is not None or "\n" in value or " " in value.strip() or len(value) > 60
        rows = min(12, max(2, value.count("\n") + len(value) // 70 + 1))
        fields.append(BusyField(name, value, visible, label or name, label is not None, rows))
    return fields, files, secrets


async def db_busy_response(request: Request) -> Response:
    """503 with Retry-After: JSON for the API; for a page, the form again with what was typed
    (so nothing typed on a phone is lost), ready to be sent once more."""
    retry = str(request.app.state.settings.db_busy_retry_after_s)
    msg, en, vi = _translated(request, DB_BUSY_MSGID)
    headers = {"Retry-After": retry}
    if is_api(request):
        return error_response(
            request,
            status=503,
            message=msg,
            reason_en=en,
            reason_vi=vi,
            code="db_busy",
            headers=headers,
        )
    from web.deps import Page

    fields, files, secrets = await _posted_fields(request)
    page = Page(request, getattr(request.state, "user_view", None), request.app.state.clock())
    # The form posts the fields again to this path: only ever a path of this site (a raw
    # "//host/…" would post them elsewhere; no route matches one today, security 30).
    action = auth.safe_next(
        request.url.path + (f"?{request.url.query}" if request.url.query else "")
    )
    response = page.render(
        "busy.html",
        status_code=503,
        message=msg,
        fields=fields,
        action=action,
        dropped_files=files,
        dropped_secrets=secrets,
        back=_same_site_referer(request),
    )
    response.headers.update(headers)
    return response


def _jsonable_errors(exc: RequestValidationError) -> list[dict]:
    out = []
    for err in exc.errors():
        out.append({"loc": [str(x) for x in err.get("loc", ())], "msg": str(err.get("msg", ""))})
    return out


# --- NUL ------------------------------------------------------------------------------------
#
# NUL (U+0000) never reaches the database, whatever the route (docs/security.md 26).
#
# PostgreSQL refuses NUL in text (psycopg: "cannot contain NUL (0x00)"), so a NUL in any value
# that reached a query or a column was a 500, on whichever route had no check of its own (the
# login's username, an API token's, a schedule's name, a string id in a path).
# Now, for every route of the panel and the API:
#
# - a path holding NUL names nothing: 404 (``web.deps.refuse_nul_in_path``, for every route);
# - a query string is only a filter or a place to go back to: its NULs are dropped before the
#   router parses it (``DropNulFromQuery``, a middleware);
# - any other value — every form field, JSON string, file name — that would reach a statement
#   with a NUL in it is refused there, before the statement runs (``refuse_nul_in_statements``,
#   on the engine): 422 with a Vietnamese reason, code ``nul``; the request's unit of work is
#   rolled back, nothing is stored. Fields checked by ``content_library.validation.clean_text``
#   are refused before that, naming the field. A person's text is never changed behind their
#   back (a password "ab\\x00c" does not become "abc").
#
# The unit sync routes keep their own rule: the signed body is stored whole (its JSON escapes
# NUL) and what is copied into columns loses its NULs (``content_library.sync.db_text``).

NUL = "\x00"


class NulRefused(ValidationError):
    """A value bound for the database holds NUL: refused before the statement runs."""

    def __init__(self) -> None:
        super().__init__(
            "the request holds a NUL character (\\x00); remove it and send again",
            "Dữ liệu gửi lên chứa ký tự NUL (\\x00), không được chấp nhận; "
            "hãy xoá ký tự đó rồi gửi lại.",
            code="nul",
        )


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False  # bytes (audio, hashes) go to binary columns; numbers, dates, None


def _check_statement(conn, cursor, statement, parameters, context, executemany) -> None:
    if _holds_nul(parameters):
        raise NulRefused()


def refuse_nul_in_statements(engine: Engine) -> None:
    """Every statement of ``engine`` with a NUL in a bound text value raises NulRefused before
    it reaches the database (the same on SQLite, which would store it, as on PostgreSQL)."""
    if not event.contains(engine, "before_cursor_execute", _check_statement):
        event.listen(engine, "before_cursor_execute", _check_statement)


class DropNulFromQuery:
    """A query string loses its NULs (decoded: ``%00`` and raw) before anything parses it. A
    query filters a list or names where to go back; nothing of it is stored as typed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw: bytes = scope.get("query_string", b"")
            if b"%00" in raw or b"\x00" in raw:
                pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="latin-1")
                clean = [(k.replace(NUL, ""), v.replace(NUL, "")) for k, v in pairs]
                scope = dict(scope)
                scope["query_string"] = urlencode(clean, encoding="latin-1").encode("latin-1")
        await self.app(scope, receive, send)


# --- middleware ----------------------------------------------------------------------------


class BodyLimits:
    """The most bytes a request body may carry, per route — never chosen by the client's
    Content-Type. Uploads get max_upload_bytes plus room for the form around the file; the
    unit sync routes their own small limits; every other form or JSON body max_form_bytes."""

    UPLOADS = frozenset(
        {
            ("POST", "/scripts/new"),
            ("POST", "/scripts/{script_id}/edit"),
            ("POST", "/api/v1/scripts/recording"),
        }
    )
    FORM_SLACK = 1 << 20
    SYNC: ClassVar[dict[tuple[str, str], int]] = {
        ("POST", "/api/v1/units/enrol"): 4 * 1024,
        ("POST", "/api/v1/units/{unit_id}/heartbeat"): 16 * 1024,  # 2 × MAX_HEARTBEAT_BYTES
        # MAX_BATCH entries of a few hundred bytes each, with room for long reasons.
        ("POST", "/api/v1/units/{unit_id}/asrun"): 4 * 1024 * 1024,
        ("POST", "/api/v1/units/{unit_id}/emergencies/{emergency_id}/played"): 4 * 1024,
    }

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self.max_upload_bytes = settings.max_upload_bytes
        self.default = settings.max_form_bytes
        self._routes: list[tuple[object, frozenset[str], int, bool]] = []
        for ctx in iter_route_contexts(app.routes):
            route = ctx.original_route
            if not isinstance(route, APIRoute):
                continue
            for method in route.methods or ():
                key = (method, _route_path(ctx))
                if key in self.UPLOADS:
                    limit, upload = settings.max_upload_bytes + self.FORM_SLACK, True
                else:
                    limit, upload = self.SYNC.get(key, self.default), False
                self._routes.append((route.path_regex, frozenset({method}), limit, upload))

    def match(self, method: str, path: str) -> tuple[int, bool]:
        """(limit in bytes, is an upload route) for a request, matched like the router."""
        for regex, methods, limit, upload in self._routes:
            if method in methods and regex.match(path):  # type: ignore[attr-defined]
                return limit, upload
        return self.default, False

    def limit_for(self, method: str, path: str) -> int:
        return self.match(method, path)[0]


class _BodyRefused(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class BodySizeLimit:
    """Refuse a body past its route's limit without reading it whole: by Content-Length before
    anything is read, and by counting while it streams; a body that stalls longer than
    read_timeout_s between chunks is cut off (408). Reading stops at the limit: the app gets
    an error instead of the rest (nothing truncated is ever parsed and acted on), and the
    answer is 413 or 408 with Connection: close.

    A body that never stalls but trickles (a byte every 25 s) is cut off too: by the time the
    n-th byte is awaited, at most read_timeout_s + n / min_rate_bps seconds may have passed
    since reading began (a minimum rate after a grace period, as mod_reqtimeout's MinRate)."""

    def __init__(
        self, app: ASGIApp, *, limits: BodyLimits, read_timeout_s: float, min_rate_bps: int = 500
    ) -> None:
        self.app = app
        self.limits = limits
        self.read_timeout_s = read_timeout_s
        self.min_rate_bps = min_rate_bps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit, upload = self.limits.match(scope["method"], scope["path"])
        length = dict(scope["headers"]).get(b"content-length", b"").decode("latin-1")
        if length and (not length.isdigit() or int(length) > limit):
            await self._refuse(413, scope, receive, send, limit=limit, upload=upload)
            return
        seen = 0
        refused: int | None = None
        response_started = False
        loop = asyncio.get_running_loop()
        began = loop.time()

        async def limited_receive() -> Message:
            nonlocal seen, refused
            if refused is not None:
                raise _BodyRefused(refused)
            # Between chunks, and behind the minimum rate on the whole: whichever ends first.
            deadline = began + self.read_timeout_s + seen / self.min_rate_bps
            wait_s = min(self.read_timeout_s, deadline - loop.time())
            try:
                if wait_s <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(receive(), wait_s)
            except TimeoutError:
                refused = 408
                raise _BodyRefused(408) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    refused = 413
                    raise _BodyRefused(413)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused is not None:  # the app turned the refusal into an answer of its own
                if not response_started and message["type"] == "http.response.start":
                    response_started = True
                    await self._refuse(refused, scope, receive, send, limit=limit, upload=upload)
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyRefused as exc:
            if not response_started:
                await self._refuse(exc.status, scope, receive, send, limit=limit, upload=upload)

    async def _refuse(
        self, status: int, scope: Scope, receive: Receive, send: Send, *, limit: int, upload: bool
    ) -> None:
        size = _size(limit - BodyLimits.FORM_SLACK if upload else limit)
        if status == 408:
            body_vi = "Gửi dữ liệu quá chậm, kết nối đã bị ngắt; vui lòng gửi lại."
            body_en = "The request body arrived too slowly and was cut off; please send it again."
        elif upload:
            body_vi = f"Tệp quá lớn: tối đa {size}."
            body_en = f"The upload is too large: at most {size}."
        else:
            body_vi = f"Yêu cầu quá lớn: tối đa {size}."
            body_en = f"The request is too large: at most {size}."
        if scope["path"].startswith("/api/"):
            response: Response = JSONResponse(
                {"detail": body_vi, "reason": body_en, "reason_vi": body_vi}, status_code=status
            )
        else:
            response = HTMLResponse(
                f"<!doctype html><meta charset=utf-8><title>{status}</title>"
                f"<p>{body_vi}</p><p lang=en>{body_en}</p><p><a href='/'>Loa</a></p>",
                status_code=status,
            )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


class UnitTraffic:
    """How many unit sync requests are being served now, at most ``max_concurrent``; the
    others wait in line (first come, first served) without holding a worker thread.

    Waiters may sit on different event loops (the test client runs one per request), so a
    freed slot is handed to the next waiter through its own loop."""

    def __init__(self, max_concurrent: int) -> None:
        self.max_concurrent = max_concurrent
        self.active = 0
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()
        self._lock = threading.Lock()

    async def enter(self, timeout_s: float) -> bool:
        """True with a slot held (call leave()); False when none came within timeout_s."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self.active < self.max_concurrent and not self._waiters:
                self.active += 1
                return True
            waiter = (loop, loop.create_future())
            self._waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter[1], timeout_s)
            return True  # leave() handed its slot over
        except BaseException as exc:
            with self._lock:
                handed = waiter not in self._waiters
                if not handed:
                    self._waiters.remove(waiter)
            if handed:  # the slot arrived as the wait ended: it is ours
                if isinstance(exc, TimeoutError):
                    return True
                self.leave()
            if isinstance(exc, TimeoutError):
                return False
            raise

    def leave(self) -> None:
        with self._lock:
            if not self._waiters:
                self.active -= 1
                return
            loop, future = self._waiters.popleft()  # the slot passes on; active stays
        try:
            loop.call_soon_threadsafe(_wake, future)
        except RuntimeError:  # that loop has closed: its waiter is gone; pass the slot on
            self.leave()


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class UnitTrafficLimit:
    """Unit sync requests (/api/v1/units/…) take at most ``max_concurrent`` worker threads, so
    heartbeats waiting on a locked database cannot starve people's pages. Others wait here
    (no thread held) up to ``wait_s``, then hear 503 with Retry-After. A slot is freed when
    the answer starts: a slow bundle download holds no slot while it streams."""

    PREFIX = "/api/v1/units/"

    def __init__(self, app: ASGIApp, *, traffic: UnitTraffic, wait_s: float) -> None:
        self.app = app
        self.traffic = traffic
        self.wait_s = wait_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        # enrol-code is an operator's request from the panel, not unit traffic.
        if (
            scope["type"] != "http"
            or not path.startswith(self.PREFIX)
            or path.endswith("/enrol-code")
        ):
            await self.app(scope, receive, send)
            return
        if not await self.traffic.enter(self.wait_s):
            await self._busy(scope, receive, send)
            return
        held = True

        def free() -> None:
            nonlocal held
            if held:
                held = False
                self.traffic.leave()

        async def send_and_free(message: Message) -> None:
            if message["type"] == "http.response.start":
                free()
            await send(message)

        try:
            await self.app(scope, receive, send_and_free)
        finally:
            free()

    async def _busy(self, scope: Scope, receive: Receive, send: Send) -> None:
        vi = "Máy chủ đang bận phục vụ các cụm loa khác; hãy thử lại sau ít giây."
        en = "The server is busy serving other units; try again in a few seconds."
        retry = max(1, math.ceil(self.wait_s)) + 1
        response = JSONResponse(
            {"detail": vi, "reason": en, "reason_vi": vi, "code": "busy"},
            status_code=503,
            headers={"Retry-After": str(retry)},
        )
        await response(scope, receive, send)


class SecurityHeaders:
    """Same-origin everything: the panel loads no third-party script, style or font. In
    production (HTTPS only) browsers are also told to use HTTPS for a year (HSTS).

    An answer that says nothing of caching is ``Cache-Control: no-store`` (pages, JSON, error
    pages): a phone left logged out keeps no copy of a review queue or a script to show from
    its cache. Only ``/static`` stays cacheable; routes that set their own (audio, bundles)
    keep it. An unhandled error is answered here, as a 500 with these headers, before the
    server logs it."""

    HEADERS: ClassVar[list[tuple[bytes, bytes]]] = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        (b"cross-origin-opener-policy", b"same-origin"),
        # media-src blob:: the author listens to a recording made in the browser before sending
        # it (web/static/recorder.js); only the page's own scripts can make a blob: URL.
        (
            b"content-security-policy",
            b"default-src 'self'; img-src 'self' data:; media-src 'self' blob:; object-src 'none'; "
            b"frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ),
    ]
    NO_STORE = (b"cache-control", b"no-store")
    CACHEABLE_PREFIX = "/static/"
    SERVER_ERROR_VI = "Lỗi máy chủ; vui lòng thử lại sau. Nếu lỗi lặp lại, hãy báo quản trị viên."
    SERVER_ERROR_EN = (
        "A server error; please try again later. If it happens again, tell the administrator."
    )

    def __init__(self, app: ASGIApp, *, hsts_max_age_s: int | None = None) -> None:
        self.app = app
        self.headers = list(self.HEADERS)
        if hsts_max_age_s:
            self.headers.append(
                (
                    b"strict-transport-security",
                    f"max-age={hsts_max_age_s}; includeSubDomains".encode(),
                )
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = scope.get("path", "").startswith(self.CACHEABLE_PREFIX)
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                extra = list(self.headers)
                if not cacheable and not any(k.lower() == b"cache-control" for k, _ in headers):
                    extra.append(self.NO_STORE)
                message["headers"] = headers + extra
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            if not started:  # the outer error middleware sees an answer begun and only logs
                await self._server_error(scope)(scope, receive, with_headers)
            raise

    def _server_error(self, scope: Scope) -> Response:
        vi, en = self.SERVER_ERROR_VI, self.SERVER_ERROR_EN
        if scope.get("path", "").startswith("/api/"):
            return JSONResponse({"detail": vi, "reason": en, "reason_vi": vi}, status_code=500)
        return HTMLResponse(
            f"<!doctype html><meta charset=utf-8><title>500</title>"
            f"<p>{vi}</p><p lang=en>{en}</p><p><a href='/'>Loa</a></p>",
            status_code=500,
        )

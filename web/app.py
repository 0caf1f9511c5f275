"""The panel's composition: create_app(settings) builds one FastAPI app with its own engine,
clock, catalogs, templates and limits on app.state (no import-time globals)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from content_library import security
from content_library.db import make_engine
from content_library.errors import (
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
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.db_url)
    app.state.clock = clock or system_clock
    app.state.catalogs = Catalogs(default=settings.default_locale)
    app.state.templates = _templates()
    app.state.token_serializer = auth.token_serializer(settings.secret_key)
    app.state.login_limiter = auth.LoginLimiter(
        max_failures=settings.login_max_failures,
        max_failures_per_ip=settings.login_max_failures_per_ip,
        window_s=settings.login_window_s,
    )
    app.state.asset_store = AssetStore(settings.assets_dir)
    app.state.render_service = RenderService.from_settings(
        settings, engine=app.state.engine, store=app.state.asset_store, clock=app.state.clock)

    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    _install_error_handlers(app)
    # Outermost last: limits see the raw request first, then the session is decoded.
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key, session_cookie="loa_session",
                       max_age=settings.session_max_age_s, same_site="lax",
                       https_only=settings.cookie_secure)
    app.add_middleware(BodySizeLimit, max_upload_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    check_access_rules(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Background parts start with the server and stop in reverse order."""
    app.state.render_service.start()  # re-queues renders a crash left behind
    try:
        yield
    finally:
        app.state.render_service.stop()


def route_keys(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every route the app answers, mounts included."""
    keys: list[tuple[str, str]] = []
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if isinstance(route, Mount):
            keys.append(("GET", ctx.path))
            continue
        for method in sorted(ctx.methods or {"GET"}):
            if method != "HEAD":
                keys.append((method, ctx.path))
    return keys


def check_access_rules(app: FastAPI) -> None:
    """Refuse to start when the route table and web.access_rules disagree.

    Every (method, path) needs a rule. Non-API routes (the static mount, the OpenAPI
    document) must be public: app-wide dependencies do not run for them. Routers must be
    included without a prefix, because the check at request time reads the route's own path.
    """
    for method, path in route_keys(app):
        if access_rules.rule_for(method, path) is None:
            raise MissingAccessRule(f"no access rule for {method} {path} (add it to web/access_rules.py)")
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if getattr(route, "path", ctx.path) != ctx.path:
            raise MissingAccessRule(f"{ctx.path}: include routers without a prefix")
        if not isinstance(route, APIRoute) and access_rules.rule_for("GET", ctx.path) != access_rules.PUBLIC:
            raise MissingAccessRule(f"{ctx.path} is not an API route, so it can only be public")


# --- templates -----------------------------------------------------------------------------


def _templates() -> Jinja2Templates:
    from web.services.labels import AUDIT_MSGIDS, PRIORITY_MSGIDS, REGION_MSGIDS, STATE_MSGIDS

    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
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


_STATUS = {ValidationError: 422, PermissionDenied: 403, NotFound: 404, WorkflowError: 409}


def _status_for(exc: LoaError) -> int:
    for cls, status in _STATUS.items():
        if isinstance(exc, cls):
            return status
    return 400


def error_response(
    request: Request, *, status: int, message: str, reason_en: str, reason_vi: str,
    field: str = "", code: str = "", headers: dict[str, str] | None = None,
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
    response = page.render("error.html", status_code=status, message=message, status=status,
                           back=_same_site_referer(request))
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
    return path if path.startswith("/") and not path.startswith("//") else None


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
            return JSONResponse({"detail": msg, "reason": en, "reason_vi": vi}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer", "X-Loa-Access": "denied"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303,
                                headers={"X-Loa-Access": "denied"})

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        _ = gettext_for(request)
        cat = request.app.state.catalogs

        def say(gettext) -> str:  # noqa: ANN001
            params = dict(exc.params)
            if "roles" in params:
                params["roles"] = ", ".join(gettext(ROLE_MSGIDS.get(r, r)) for r in params["roles"])
            return gettext(exc.msgid, **params)

        return error_response(request, status=403, message=say(_),
                              reason_en=say(cat.translator("en")), reason_vi=say(cat.translator("vi")),
                              headers={"X-Loa-Access": "denied"})

    @app.exception_handler(MissingAccessRule)
    async def missing_rule(request: Request, exc: MissingAccessRule) -> Response:
        msg, en, vi = _translated(request, N_("This address has no access rule and is refused."))
        return error_response(request, status=403, message=msg, reason_en=en, reason_vi=vi,
                              headers={"X-Loa-Access": "no-rule"})

    @app.exception_handler(csrf.CsrfError)
    async def csrf_error(request: Request, exc: csrf.CsrfError) -> Response:
        msg, en, vi = _translated(request, csrf.STALE_MESSAGE)
        return error_response(request, status=403, message=msg, reason_en=en, reason_vi=vi,
                              headers={"X-Loa-Csrf": "refused"})

    @app.exception_handler(LoaError)
    async def domain_error(request: Request, exc: LoaError) -> Response:
        return error_response(request, status=_status_for(exc),
                              message=error_reason(exc, locale_of(request)),
                              reason_en=exc.reason, reason_vi=exc.reason_vi,
                              field=getattr(exc, "field", ""), code=str(getattr(exc, "code", "") or ""))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request):
            msg, en, vi = _translated(request, N_("The request is not valid."))
            return JSONResponse({"detail": msg, "reason": en, "reason_vi": vi,
                                 "errors": _jsonable_errors(exc)}, status_code=422)
        msg, en, vi = _translated(request, N_("The form is not valid; please check it and try again."))
        return error_response(request, status=422, message=msg, reason_en=en, reason_vi=vi)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        msgid = {404: N_("Not found."), 405: N_("This method is not allowed here."),
                 413: N_("The upload is too large.")}.get(exc.status_code, N_("The request failed."))
        msg, en, vi = _translated(request, msgid)
        return error_response(request, status=exc.status_code, message=msg, reason_en=en,
                              reason_vi=vi, headers=getattr(exc, "headers", None))


def _jsonable_errors(exc: RequestValidationError) -> list[dict]:
    out = []
    for err in exc.errors():
        out.append({"loc": [str(x) for x in err.get("loc", ())], "msg": str(err.get("msg", ""))})
    return out


# --- middleware ----------------------------------------------------------------------------


class BodySizeLimit:
    """Refuse bodies past the limit without reading them whole: by Content-Length up front,
    and by counting while streaming when there is none. Uploads get max_upload_bytes plus
    room for the other form fields; any other body gets a few MB."""

    FORM_SLACK = 1 << 20
    OTHER_LIMIT = 4 << 20

    def __init__(self, app: ASGIApp, *, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        multipart = headers.get("content-type", "").startswith("multipart/")
        limit = self.max_upload_bytes + self.FORM_SLACK if multipart else self.OTHER_LIMIT
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        too_large = False
        response_started = False

        async def limited_receive() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    too_large = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if too_large:
                if not response_started and message["type"] == "http.response.start":
                    response_started = True
                    await self._refuse(scope, receive, send)
                return
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        size = _size(self.max_upload_bytes)
        body_vi = f"Tệp quá lớn: tối đa {size}."
        body_en = f"The upload is too large: at most {size}."
        if scope["path"].startswith("/api/"):
            response: Response = JSONResponse(
                {"detail": body_vi, "reason": body_en, "reason_vi": body_vi}, status_code=413
            )
        else:
            response = HTMLResponse(
                f"<!doctype html><meta charset=utf-8><title>413</title>"
                f"<p>{body_vi}</p><p lang=en>{body_en}</p><p><a href='/'>Loa</a></p>",
                status_code=413,
            )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


class SecurityHeaders:
    """Same-origin everything: the panel loads no third-party script, style or font."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        # media-src blob:: the author listens to a recording made in the browser before sending
        # it (web/static/recorder.js); only the page's own scripts can make a blob: URL.
        (b"content-security-policy",
         b"default-src 'self'; img-src 'self' data:; media-src 'self' blob:; object-src 'none'; "
         b"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)

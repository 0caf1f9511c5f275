"""Request dependencies: one DB session per request (committed once), the clock, the current
user, the access rule of the matched route, CSRF, locale, page rendering, the render queue the
use cases call, and the flash message a redirect carries. Route modules share only these (and
``web.services``), never each other's helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import BackgroundTasks, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from sqlmodel import Session
from starlette.exceptions import HTTPException

from content_library import access, services
from content_library.errors import LoaError, NotFound
from content_library.models import ScriptVersion, User, require_id
from content_library.ports import RenderQueue
from content_library.types import Role
from web import access_rules, csrf
from web.auth import carries_credentials, safe_next, user_from_request
from web.i18n import N_, error_reason, negotiate
from web.services.render import AfterResponse, service_of


class NotAuthenticated(Exception):
    """No valid session or token: pages redirect to the login form, the API answers 401."""


class AccessDenied(Exception):
    """The route's access rule refuses this user (403 with the reason)."""

    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(msgid % params if params else msgid)
        self.msgid = msgid
        self.params = params


class MissingAccessRule(RuntimeError):
    """A route without an entry in web.access_rules: refused, never silently allowed."""


# --- database and clock --------------------------------------------------------------------


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One unit of work per request: commit once at the end, roll back on any error.

    ``scope="function"`` below makes the commit happen before the response is sent, so a
    redirect never races its own write. Opening a Session does no I/O, so it happens on the
    event loop; the commit or rollback and the close run in the thread pool, in one hop (a hop
    costs the server more CPU than a small query), and only when there is something to end.
    """
    session = Session(request.app.state.engine, expire_on_commit=False)
    try:
        yield session
    except BaseException:
        await _finish(session, commit=False)
        raise
    await _finish(session, commit=True)


async def _finish(session: Session, *, commit: bool) -> None:
    if session.in_transaction() or session.new or session.dirty or session.deleted:
        await run_in_threadpool(_end, session, commit=commit)
    else:
        session.close()  # nothing begun since the route's own commit: no I/O, no thread hop


def _end(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_db, scope="function")]


def discard(session: Session) -> None:
    """Drop whatever this request wrote (a refused form is shown again; nothing is stored)."""
    session.rollback()


async def get_now(request: Request) -> datetime:
    return request.app.state.clock()  # a plain function: no thread hop for it


Now = Annotated[datetime, Depends(get_now)]


def get_renders(request: Request, background: BackgroundTasks) -> RenderQueue:
    """The render queue of this request: what it queues is rendered after it commits."""
    return AfterResponse(service_of(request.app), background)


Renders = Annotated[RenderQueue, Depends(get_renders)]


def submit_version(
    request: Request,
    session: Session,
    *,
    actor: User,
    version_id: int,
    now: datetime,
    renders: RenderQueue,
) -> ScriptVersion:
    """``services.submit`` bounded by the panel's ``max_submits_per_hour``: what every form and
    API route that sends a version for review calls."""
    return services.submit(
        session,
        actor=actor,
        version_id=version_id,
        now=now,
        renders=renders,
        max_per_hour=request.app.state.settings.max_submits_per_hour,
    )


FormStr = Annotated[str, Form()]


# --- user, roles, access -------------------------------------------------------------------


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    locale: str


async def get_optional_user(request: Request, session: SessionDep) -> User | None:
    if carries_credentials(request):
        return await run_in_threadpool(_user_of, request, session)
    return _user_of(request, session)  # no token, no cookie (a unit): no query, no thread hop


def _user_of(request: Request, session: Session) -> User | None:
    user = user_from_request(request, session)
    request.state.user = user
    # Error pages render after the session is rolled back and closed: keep a plain copy.
    request.state.user_view = (
        UserView(require_id(user), user.username, user.full_name, user.locale) if user else None
    )
    if user is not None:
        request.state.roles = {role for role, _ in access.user_roles(session, user.id)}
    else:
        request.state.roles = set()
    return user


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> User:
    if user is None:
        raise NotAuthenticated()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


ROLE_MSGIDS = {
    Role.AUTHOR.value: N_("author"),
    Role.REVIEWER.value: N_("reviewer"),
    Role.OPERATOR.value: N_("operator"),
    Role.ISSUER.value: N_("emergency issuer"),
    Role.ADMIN.value: N_("administrator"),
}


async def enforce_access(request: Request, user: OptionalUser, session: SessionDep) -> None:
    """Runs for every API route (an app-wide dependency): the rule, the CSRF token, no NUL in
    the path, then no account id the person may not know of."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    rule = access_rules.rule_for(request.method, path) if path else None
    if rule is None:
        raise MissingAccessRule(f"no access rule for {request.method} {path}")
    roles: set[str] = request.state.roles
    if not access_rules.allows(rule, authenticated=user is not None, roles=roles):
        if user is None:
            raise NotAuthenticated()
        needed = sorted(rule) if isinstance(rule, frozenset) else []
        raise AccessDenied(N_("This needs the role: %(roles)s."), roles=needed)
    # A bearer token carries no ambient credential, so it stands in for the CSRF token — only
    # when it names someone: a junk Authorization header on a public form (the login) does not.
    by_token = request.state.auth_kind == "bearer" and user is not None
    if not by_token and (request.method, path) not in csrf.EXEMPT:
        await csrf.verify(request)
    refuse_nul_in_path(request)  # PostgreSQL refuses NUL in text; an id never holds one
    if user is not None and "user_id" in request.path_params:
        await run_in_threadpool(refuse_unknown_account, request, session, user)


def refuse_unknown_account(request: Request, session: Session, user: User) -> None:
    """A route naming an account by id (``{user_id}``: an admin's reset, disable, roles, by
    page or API) answers an account the person may not know of — every role of it in
    another commune, or none at all to a commune's admin (``access.knows_user``) — exactly
    like an id that does not exist: 404, the same sentence, before the route runs
    (docs/security.md 30). A refusal (403) would confirm the guess."""
    raw = str(request.path_params.get("user_id", ""))
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        return  # not an id: the route's own validation answers
    uid = int(raw)
    if session.get(User, uid) is None or not access.knows_user(session, user, uid):
        raise NotFound("no such user", "Không tìm thấy người dùng.")


def refuse_nul_in_path(request: Request) -> None:
    """A path holding NUL names nothing (an id never has one; PostgreSQL refuses NUL in text):
    404 before the route runs (docs/security.md 26; the rest of the rule is in web.app)."""
    if "\x00" in request.url.path:
        raise HTTPException(404)


def require_role(*roles: str):
    """A dependency for finer checks inside a route (the route table stays the first gate)."""

    def check(request: Request, user: CurrentUser) -> User:
        held: set[str] = request.state.roles
        if Role.ADMIN.value not in held and not held & set(roles):
            raise AccessDenied(N_("This needs the role: %(roles)s."), roles=sorted(roles))
        return user

    return Depends(check)


# --- locale and pages ----------------------------------------------------------------------


def locale_of(request: Request) -> str:
    cached = getattr(request.state, "locale", None)
    if cached:
        return cached
    # ?lang= names this page's language only; it is kept for the session by POST /language
    # (the switch in the header, with the page's CSRF token): a GET changes nothing stored,
    # so another site's link or image cannot set it (docs/security.md 30).
    query = request.query_params.get("lang")
    user = getattr(request.state, "user_view", None)
    locale = negotiate(
        query=query,
        chosen=request.session.get("lang"),
        user_locale=user.locale if user is not None else None,
        accept_language=request.headers.get("accept-language"),
        default=request.app.state.settings.default_locale,
    )
    request.state.locale = locale
    return locale


def gettext_for(request: Request):
    return request.app.state.catalogs.translator(locale_of(request))


def here(request: Request) -> str:
    """Where the language switch comes back to: this page's path and query without ``lang``
    (home for a page answering a POST: a form shown again with its error has no GET of its
    own to return to). Always a path of this site (``safe_next``)."""
    if request.method != "GET":
        return "/"
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])
    return safe_next(request.url.path + (f"?{query}" if query else ""))


class Page:
    """Renders a template with what every page needs: user, roles, locale, CSRF token."""

    def __init__(self, request: Request, user: User | UserView | None, now: datetime) -> None:
        self.request = request
        self.user = user
        self.now = now
        self.locale = locale_of(request)
        self._ = gettext_for(request)

    def context(self, **ctx: Any) -> dict[str, Any]:
        roles: set[str] = getattr(self.request.state, "roles", set())
        effective = set(ROLE_MSGIDS) if Role.ADMIN.value in roles else set(roles)
        base = {
            "request": self.request,
            "user": self.user,
            "roles": effective,
            "lang": self.locale,
            "_": self._,
            "gettext": self._,
            "csrf_token": csrf.get_token(self.request),
            "here": here(self.request),
            "now": self.now,
            "flash": self._(flash) if (flash := self.request.session.pop("flash", None)) else None,
        }
        base.update(ctx)
        return base

    def say(self, exc: LoaError) -> str:
        """A domain error as one sentence in the reader's language (shown on the form)."""
        return error_reason(exc, self.locale)

    def render(self, name: str, *, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        templates = self.request.app.state.templates
        return templates.TemplateResponse(
            self.request, name, self.context(**ctx), status_code=status_code
        )


def get_page(request: Request, user: OptionalUser, now: Now) -> Page:
    return Page(request, user, now)


PageDep = Annotated[Page, Depends(get_page)]


def flash(request: Request, msgid: str) -> None:
    """A message for the next page (a msgid: translated when that page renders)."""
    request.session["flash"] = msgid

"""Logging in and out of the panel (the login form; rate limited per IP and username) and
changing one's own password (/account/password)."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from content_library import accounts, services
from content_library.errors import ValidationError
from content_library.security import MIN_PASSWORD_CHARS, PasswordCheckBusy
from web.auth import (
    ACCOUNT_LOCKED_MSGID,
    BAD_LOGIN_MSGID,
    BUSY_LOGIN_MSGID,
    LOCKED_MSGID,
    LoginLimiter,
    client_ip,
    end_session,
    remember_browser,
    safe_next,
    start_session,
    wall_now,
)
from web.deps import CurrentUser, Now, PageDep, SessionDep, discard, flash
from web.i18n import LOCALES, N_

router = APIRouter()


@router.get("/login", include_in_schema=False)
def login_form(page: PageDep, next: str = "/") -> Response:
    if page.user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return page.render("login.html", next=safe_next(next), error=None, username="")


@router.post("/login", include_in_schema=False)
def login_submit(
    request: Request,
    session: SessionDep,
    page: PageDep,
    now: Now,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    limiter: LoginLimiter = request.app.state.login_limiter
    ip = client_ip(request)

    def again(status: int, error: str, headers: dict[str, str] | None = None) -> Response:
        response = page.render(
            "login.html", status_code=status, next=safe_next(next), error=error, username=username
        )
        response.headers.update(headers or {})
        return response

    # A browser that never logged in to this account, from an address it never logged in
    # from, is also held to the account's own limit (guesses from many addresses); the owner's
    # phone or office is not, so a botnet cannot lock them out (docs/security.md 38).
    account = not limiter.exempt(request, username, now)
    wait = limiter.reserve(ip, username, now, account=account)  # atomically: check, count
    if wait is not None:
        msgid = ACCOUNT_LOCKED_MSGID if wait.account else LOCKED_MSGID
        return again(429, page._(msgid, minutes=math.ceil(wait / 60)), {"Retry-After": str(wait)})
    try:
        user = services.authenticate(session, username, password)
    except PasswordCheckBusy as exc:
        limiter.release(ip, username, account=account)  # not checked: not the user's failure
        return again(503, page._(BUSY_LOGIN_MSGID), {"Retry-After": str(exc.retry_after_s)})
    except BaseException:
        limiter.release(ip, username, account=account)
        raise
    if user is None:
        limiter.failed(ip, username, now, account=account)
        return again(401, page._(BAD_LOGIN_MSGID))
    limiter.succeeded(ip, username, account=account)
    limiter.remember_address(ip, user.username, now)
    start_session(request, session, user)
    response = RedirectResponse(safe_next(next), status_code=303)
    remember_browser(request, response, user.username)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, session: SessionDep) -> Response:
    """Ends the session on the server; the browser is told to drop what it cached and stored
    for the panel (pages, audio, htmx's page copies), so a phone handed on shows none of it."""
    end_session(request, session)
    return RedirectResponse(
        "/login", status_code=303, headers={"Clear-Site-Data": '"cache", "storage"'}
    )


@router.post("/language", include_in_schema=False)
def choose_language(
    request: Request,
    lang: Annotated[str, Form(max_length=8)] = "",
    back: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Tiếng Việt / English for the rest of this browser's session: the header's switch, a
    POST with the page's CSRF token. ``?lang=`` shows one page in a language and stores
    nothing, so another site cannot change it with a link or an image (docs/security.md 30)."""
    if lang in LOCALES:
        request.session["lang"] = lang
    return RedirectResponse(safe_next(back), status_code=303)


# --- one's own password ------------------------------------------------------------------------


@router.get("/account/password", include_in_schema=False)
def password_form(page: PageDep, user: CurrentUser) -> Response:
    return page.render("account_password.html", error=None, min_chars=MIN_PASSWORD_CHARS)


@router.post("/account/password", include_in_schema=False)
def password_change(
    request: Request,
    session: SessionDep,
    page: PageDep,
    user: CurrentUser,
    now: Now,
    current_password: Annotated[str, Form(max_length=1000)] = "",
    new_password: Annotated[str, Form(max_length=1000)] = "",
    confirm_password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Needs the current password (rate limited like the login form: a borrowed, unlocked
    phone must not become a way to guess it); every session of the user ends, and this
    browser gets a new one."""
    limiter: LoginLimiter = request.app.state.login_limiter
    ip = client_ip(request)

    def again(status: int, error: str, headers: dict[str, str] | None = None) -> Response:
        response = page.render(
            "account_password.html", status_code=status, error=error, min_chars=MIN_PASSWORD_CHARS
        )
        response.headers.update(headers or {})
        return response

    if new_password != confirm_password:
        return again(422, page._(N_("The two new passwords do not match.")))
    # The limiter writes on its own connection: this request must hold no write lock then
    # (the session's last-seen time was just written), or the two wait for each other.
    session.commit()
    wait = limiter.reserve(ip, user.username, now)
    if wait is not None:
        return again(
            429, page._(LOCKED_MSGID, minutes=math.ceil(wait / 60)), {"Retry-After": str(wait)}
        )
    try:
        accounts.change_password(
            session,
            user=user,
            current=current_password,
            new=new_password,
            now=now,
            wall=wall_now(request),
        )
        start_session(request, session, user)
        session.commit()  # before the limiter's own write (above)
    except PasswordCheckBusy as exc:
        limiter.release(ip, user.username)
        discard(session)
        return again(503, page._(BUSY_LOGIN_MSGID), {"Retry-After": str(exc.retry_after_s)})
    except ValidationError as exc:
        discard(session)
        if exc.field == "current_password":
            limiter.failed(ip, user.username, now)
        else:
            limiter.release(ip, user.username)
        return again(422, page.say(exc))
    except BaseException:
        limiter.release(ip, user.username)
        raise
    limiter.succeeded(ip, user.username)
    flash(request, N_("Password changed. You were logged out everywhere else."))
    return RedirectResponse("/", status_code=303)

"""Logging in and out of the panel (the login form; rate limited per IP and username)."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from content_library import services
from web.auth import (
    BAD_LOGIN_MSGID,
    LOCKED_MSGID,
    LoginLimiter,
    client_ip,
    end_session,
    safe_next,
    start_session,
)
from web.deps import Now, PageDep, SessionDep

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
    wait = limiter.retry_after(ip, username, now)
    if wait is not None:
        error = page._(LOCKED_MSGID, minutes=math.ceil(wait / 60))
        return page.render("login.html", status_code=429, next=safe_next(next), error=error,
                           username=username)
    user = services.authenticate(session, username, password)
    if user is None:
        limiter.failed(ip, username, now)
        return page.render("login.html", status_code=401, next=safe_next(next),
                           error=page._(BAD_LOGIN_MSGID), username=username)
    limiter.succeeded(ip, username)
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    end_session(request)
    return RedirectResponse("/login", status_code=303)

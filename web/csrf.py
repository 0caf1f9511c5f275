"""CSRF tokens: one random token per session, required on every unsafe request.

Forms carry it in the ``csrf_token`` field, HTMX and JSON clients in the ``X-CSRF-Token``
header. API clients that authenticate with a bearer token carry no ambient credentials and
need no CSRF token.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request

from web.i18n import N_

SESSION_KEY = "csrf"
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Issuing an API token needs the password and sets no cookie, so it needs no CSRF token.
# Unit sync requests are signed by the unit's key and carry no cookie (web/routes/sync.py).
EXEMPT = frozenset(
    {
        ("POST", "/api/v1/token"),
        ("POST", "/api/v1/units/enrol"),
        ("POST", "/api/v1/units/{unit_id}/asrun"),
        ("POST", "/api/v1/units/{unit_id}/heartbeat"),
        ("POST", "/api/v1/units/{unit_id}/emergencies/{emergency_id}/played"),
    }
)

STALE_MESSAGE = N_("Your session has expired, please reload the page.")


class CsrfError(Exception):
    """The token is missing or does not match this session's (e.g. a page left open too long)."""


def get_token(request: Request) -> str:
    token = request.session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def rotate(request: Request) -> str:
    """A new token (after login/logout), so a token seen before login is useless after it."""
    token = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = token
    return token


async def verify(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get(SESSION_KEY)
    submitted = request.headers.get(HEADER)
    if not submitted:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(FORM_FIELD)
            submitted = value if isinstance(value, str) else None
    # Compared as bytes: compare_digest refuses a str with a non-ASCII character (TypeError,
    # a 500 for anyone who typed one into the field or header; docs/security.md 37).
    if (
        not expected
        or not submitted
        or not secrets.compare_digest(
            expected.encode("utf-8"), submitted.encode("utf-8", "replace")
        )
    ):
        raise CsrfError(STALE_MESSAGE)

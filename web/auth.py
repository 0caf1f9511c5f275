"""Who is calling: server-side sessions (a signed cookie holds the session's secret), bearer
tokens for the API (the same sessions, kind "api"), and login rate limiting per (IP,
username). The login form, logout and the password pages are web/routes/auth.py.

Sessions live in the database (``content_library.accounts``), so logging out, disabling a
user and changing a password end them for good, whoever holds a copy of the cookie. They age
by ``app.state.session_clock`` (the real clock, like the cookie that carries them), not by the
app's clock that tests move for domain rules.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict, deque
from datetime import datetime
from urllib.parse import urlsplit

from fastapi import Request
from sqlalchemy.orm import object_session
from sqlmodel import Session

from content_library import accounts
from content_library.models import User
from web import csrf
from web.i18n import N_

SESSION_SID = "sid"


def wall_now(request: Request) -> datetime:
    return request.app.state.session_clock()


def issue_token(request: Request, user: User) -> str:
    """A bearer token for the API: a server-side session of kind "api" (revocable)."""
    settings = request.app.state.settings
    db = object_session(user)
    if db is not None:
        return accounts.open_session(
            db, user, now=wall_now(request), max_age_s=settings.session_max_age_s, kind="api"
        )
    with Session(request.app.state.engine) as own:
        token = accounts.open_session(
            own, user, now=wall_now(request), max_age_s=settings.session_max_age_s, kind="api"
        )
        own.commit()
        return token


def user_from_request(request: Request, session: Session) -> User | None:
    """The bearer token when there is an Authorization header, else the session cookie."""
    settings = request.app.state.settings
    header = request.headers.get("authorization", "")
    if header:
        request.state.auth_kind = "bearer"
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return accounts.session_user(session, token.strip(), now=wall_now(request), kind="api")
    request.state.auth_kind = "session"
    sid = request.session.get(SESSION_SID)
    if sid is None:
        return None
    user = accounts.session_user(
        session, sid, now=wall_now(request), kind="browser", idle_s=settings.session_idle_s
    )
    if user is None:
        request.session.pop(SESSION_SID, None)
    return user


def start_session(request: Request, session: Session, user: User) -> None:
    """A new server-side session for this browser (a fresh secret: no fixation)."""
    settings = request.app.state.settings
    token = accounts.open_session(
        session, user, now=wall_now(request), max_age_s=settings.session_max_age_s, kind="browser"
    )
    lang = request.session.get("lang")
    request.session.clear()  # nothing from before login survives but the language
    if lang:
        request.session["lang"] = lang
    request.session[SESSION_SID] = token
    csrf.rotate(request)


def end_session(request: Request, session: Session) -> None:
    """Revoke this browser's session on the server, then forget it in the cookie."""
    accounts.revoke_session(session, request.session.get(SESSION_SID), now=wall_now(request))
    lang = request.session.get("lang")
    request.session.clear()
    if lang:
        request.session["lang"] = lang
    csrf.rotate(request)


# --- rate limiting -------------------------------------------------------------------------


class LoginLimiter:
    """Failed logins per (IP, username) and per IP inside a sliding window (in memory).

    An attempt is *reserved* before the password is checked — counted as a failure at once,
    atomically with the check of the limit — so guesses fired in parallel cannot all slip in
    before the first failure is recorded. The outcome then resolves the reservation: a wrong
    password keeps it, a right one removes it and clears the username's failures, a busy
    server (no password-check slot) takes it back. Time comes from the app's clock, so tests
    move it instead of sleeping.
    """

    def __init__(self, *, max_failures: int, max_failures_per_ip: int, window_s: int) -> None:
        self.max_failures = max_failures
        self.max_failures_per_ip = max_failures_per_ip
        self.window_s = window_s
        self._hits: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._open: dict[tuple[str, str], int] = defaultdict(int)  # unresolved reservations
        self._lock = threading.Lock()

    def _keys(self, ip: str, username: str) -> tuple[tuple[tuple[str, str], int], ...]:
        return (
            ((ip, username.strip().lower()), self.max_failures),
            ((ip, ""), self.max_failures_per_ip),
        )

    def _prune(self, key: tuple[str, str], t: float) -> deque[float]:
        q = self._hits[key]
        while q and q[0] <= t - self.window_s:
            q.popleft()
        if not q and not self._open.get(key):
            del self._hits[key]  # keep memory to the IPs and usernames seen in the window
        return q

    def reserve(self, ip: str, username: str, now: datetime) -> int | None:
        """None: go ahead (one attempt reserved; resolve it with failed/succeeded/release).
        Otherwise the seconds to wait: this IP, or this IP for this username, is locked out."""
        t = now.timestamp()
        keys = self._keys(ip, username)
        with self._lock:
            for key, limit in keys:
                q = self._prune(key, t)
                if len(q) >= limit:
                    return max(1, math.ceil(q[0] + self.window_s - t))
            for key, _ in keys:
                self._hits[key].append(t)
                self._open[key] += 1
        return None

    # The API token route was written against the old check-then-record interface; the same
    # call now reserves, and its failed()/succeeded() resolve the reservation.
    retry_after = reserve

    def _resolve(self, key: tuple[str, str]) -> bool:
        if self._open.get(key, 0) > 0:
            self._open[key] -= 1
            if not self._open[key]:
                del self._open[key]
            return True
        return False

    def failed(self, ip: str, username: str, now: datetime) -> None:
        """A wrong password: the reservation stays as the failure (or one is recorded)."""
        t = now.timestamp()
        with self._lock:
            for key, _ in self._keys(ip, username):
                if not self._resolve(key):
                    self._hits[key].append(t)

    def succeeded(self, ip: str, username: str) -> None:
        """The right password: its reservation goes, and so do the username's failures."""
        (ukey, _), (ipkey, _) = self._keys(ip, username)
        with self._lock:
            if self._resolve(ipkey) and self._hits[ipkey]:
                self._hits[ipkey].pop()
            self._resolve(ukey)
            still_open = self._open.get(ukey, 0)  # other attempts of this username in flight
            q = self._hits.pop(ukey, deque())
            if still_open:
                self._hits[ukey] = deque(list(q)[-still_open:])

    def release(self, ip: str, username: str) -> None:
        """Take a reservation back: the password was not checked (the server was busy)."""
        with self._lock:
            for key, _ in self._keys(ip, username):
                if self._resolve(key) and self._hits[key]:
                    self._hits[key].pop()


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


LOCKED_MSGID = N_("Too many failed logins. Please try again in %(minutes)d minutes.")
BAD_LOGIN_MSGID = N_("Wrong username or password.")
BUSY_LOGIN_MSGID = N_(
    "The server is busy checking other passwords. Please try again in a few seconds."
)


def safe_next(target: str | None) -> str:
    """Only same-site paths, so ?next= cannot send people to another site after login."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target

"""Who is calling: signed-cookie sessions for the panel, signed bearer tokens for the API, and
login rate limiting per (IP, username). The login form and logout are web/routes/auth.py."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict, deque
from datetime import datetime
from threading import Lock
from urllib.parse import urlsplit

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session

from content_library.models import User
from web import csrf
from web.i18n import N_

SESSION_UID = "uid"
SESSION_FP = "fp"
TOKEN_SALT = "loa-api-token"


def fingerprint(user: User) -> str:
    """Changes when the password changes, so old sessions and tokens stop working."""
    return hashlib.sha256(f"{user.id}:{user.password_hash}".encode()).hexdigest()[:16]


def token_serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=TOKEN_SALT)


def issue_token(request: Request, user: User) -> str:
    return request.app.state.token_serializer.dumps({"uid": user.id, "fp": fingerprint(user)})


def user_from_request(request: Request, session: Session) -> User | None:
    """The bearer token when there is an Authorization header, else the session cookie."""
    header = request.headers.get("authorization", "")
    if header:
        request.state.auth_kind = "bearer"
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        settings = request.app.state.settings
        try:
            data = request.app.state.token_serializer.loads(
                token.strip(), max_age=settings.session_max_age_s
            )
        except BadSignature:
            return None
        return _live_user(session, data.get("uid"), data.get("fp"))
    request.state.auth_kind = "session"
    uid = request.session.get(SESSION_UID)
    if uid is None:
        return None
    user = _live_user(session, uid, request.session.get(SESSION_FP))
    if user is None:
        request.session.pop(SESSION_UID, None)
        request.session.pop(SESSION_FP, None)
    return user


def _live_user(session: Session, uid: object, fp: object) -> User | None:
    if not isinstance(uid, int):
        return None
    user = session.get(User, uid)
    if user is None or not user.is_active or fingerprint(user) != fp:
        return None
    return user


def start_session(request: Request, user: User) -> None:
    lang = request.session.get("lang")
    request.session.clear()  # no fixation: nothing from before login survives but the language
    if lang:
        request.session["lang"] = lang
    request.session[SESSION_UID] = user.id
    request.session[SESSION_FP] = fingerprint(user)
    csrf.rotate(request)


def end_session(request: Request) -> None:
    lang = request.session.get("lang")
    request.session.clear()
    if lang:
        request.session["lang"] = lang
    csrf.rotate(request)


# --- rate limiting -------------------------------------------------------------------------


class LoginLimiter:
    """Failed logins per (IP, username) and per IP inside a sliding window (in memory).

    Time comes from the app's clock, so tests move it instead of sleeping.
    """

    def __init__(self, *, max_failures: int, max_failures_per_ip: int, window_s: int) -> None:
        self.max_failures = max_failures
        self.max_failures_per_ip = max_failures_per_ip
        self.window_s = window_s
        self._fails: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = Lock()

    def _prune(self, key: tuple[str, str], t: float) -> deque[float]:
        q = self._fails[key]
        while q and q[0] <= t - self.window_s:
            q.popleft()
        return q

    def retry_after(self, ip: str, username: str, now: datetime) -> int | None:
        """Seconds to wait when this IP (or this IP for this username) is locked out."""
        t = now.timestamp()
        with self._lock:
            for key, limit in (
                ((ip, username.strip().lower()), self.max_failures),
                ((ip, ""), self.max_failures_per_ip),
            ):
                q = self._prune(key, t)
                if len(q) >= limit:
                    return max(1, math.ceil(q[0] + self.window_s - t))
        return None

    def failed(self, ip: str, username: str, now: datetime) -> None:
        t = now.timestamp()
        with self._lock:
            self._fails[(ip, username.strip().lower())].append(t)
            self._fails[(ip, "")].append(t)

    def succeeded(self, ip: str, username: str) -> None:
        with self._lock:
            self._fails.pop((ip, username.strip().lower()), None)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


LOCKED_MSGID = N_("Too many failed logins. Please try again in %(minutes)d minutes.")
BAD_LOGIN_MSGID = N_("Wrong username or password.")


def safe_next(target: str | None) -> str:
    """Only same-site paths, so ?next= cannot send people to another site after login."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target

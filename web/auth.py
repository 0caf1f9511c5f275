"""Who is calling: server-side sessions (a signed cookie holds the session's secret), bearer
tokens for the API (the same sessions, kind "api"), and login rate limiting per (IP,
username). The login form, logout and the password pages are web/routes/auth.py.

Sessions live in the database (``content_library.accounts``), so logging out, disabling a
user and changing a password end them for good, whoever holds a copy of the cookie. They age
by ``app.state.session_clock`` (the real clock, like the cookie that carries them), not by the
app's clock that tests move for domain rules.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import math
import re
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlsplit

from fastapi import Request, Response
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import object_session
from sqlmodel import Session, col

from content_library import accounts
from content_library.job_models import LoginAttempt
from content_library.models import User
from web import csrf
from web.i18n import N_

SESSION_SID = "sid"


def wall_now(request: Request) -> datetime:
    return request.app.state.session_clock()


def issue_token(request: Request, user: User) -> str:
    """A bearer token for the API: a server-side session of kind "api" (revocable)."""
    settings = request.app.state.settings
    # Typed as SQLAlchemy's Session; the panel opens only SQLModel Sessions (web.deps, here).
    db = cast(Session | None, object_session(user))
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


def carries_credentials(request: Request) -> bool:
    """Whether the request names a user at all (a bearer token or a session id in the
    cookie): ``user_from_request`` reads the database only then."""
    return bool(request.headers.get("authorization")) or SESSION_SID in request.session


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


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


class Wait(int):
    """Seconds to wait before the next login attempt; ``account``: the account's own limit
    (failures from browsers that never logged in to it), not the sender's."""

    account: bool

    def __new__(cls, seconds: int, *, account: bool = False) -> Wait:
        wait = super().__new__(cls, seconds)
        wait.account = account
        return wait


class LoginLimiter:
    """Failed logins per (IP, username) and per IP inside a sliding window, counted in the
    database (``LoginAttempt``) so every worker process sees the same count.

    An attempt is *reserved* before the password is checked — counted as a failure at once,
    atomically with the check of the limit — so guesses fired in parallel (to one worker or
    to several) cannot all slip in before the first failure is recorded. The outcome then
    resolves the reservation: a wrong password keeps it, a right one removes it and clears the
    username's failures, a busy server (no password-check slot) takes it back. Time comes from
    the app's clock, so tests move it instead of sleeping.

    Atomic across processes: the reservation is inserted first and the window counted after,
    in one transaction. SQLite runs one writing transaction at a time, so the count sees every
    other reservation; on PostgreSQL a transaction-scoped advisory lock per key does the same.
    Only a hash of (IP, username) is stored. "IP" is the sender's block (``address_block``):
    an IPv6 /64 counts as one address.

    A third count, per account (``account=True``: the login form and the API token, from a
    browser and an address that never logged in to the account), caps a botnet's guesses from
    many addresses; a known browser or address (``exempt``) is held to the first two only, so
    the cap cannot lock the account's owner out (docs/security.md 38).
    """

    def __init__(
        self,
        *,
        engine: Engine,
        max_failures: int,
        max_failures_per_ip: int,
        window_s: int,
        max_failures_per_account: int = 100,
    ) -> None:
        self.engine = engine
        self.max_failures = max_failures
        self.max_failures_per_ip = max_failures_per_ip
        self.max_failures_per_account = max_failures_per_account
        self.window_s = window_s

    def _keys(self, ip: str, username: str, *, account: bool = False) -> list[tuple[str, int]]:
        ip = address_block(ip)
        name = username.strip().lower()
        keys = [
            (_digest("user", ip, name), self.max_failures),
            (_digest("ip", ip), self.max_failures_per_ip),
        ]
        if account:  # last: a refusal names the narrower limit when both are reached
            keys.append((_digest("account", name), self.max_failures_per_account))
        return keys

    # An address the account logged in from: a row of its own key whose ``at`` is when the
    # memory ends (in the future, so the window's clean-up leaves it until then).
    @staticmethod
    def _known_key(ip: str, username: str) -> str:
        return _digest("known", address_block(ip), username.strip().lower())

    def known_address(self, ip: str, username: str, now: datetime) -> bool:
        """Whether the account logged in from this address (its /64) in the last
        ``KNOWN_ADDRESS_S``: like a known browser, held to the per-address limits only."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(col(LoginAttempt.id))
                .where(
                    col(LoginAttempt.key) == self._known_key(ip, username),
                    col(LoginAttempt.at) > now.timestamp(),
                )
                .limit(1)
            ).first()
        return row is not None

    def remember_address(self, ip: str, username: str, now: datetime) -> None:
        """After a right password: the account is known at this address for a while."""
        key = self._known_key(ip, username)
        with self.engine.begin() as conn:
            conn.execute(delete(LoginAttempt).where(col(LoginAttempt.key) == key))
            conn.execute(
                insert(LoginAttempt).values(
                    key=key, at=now.timestamp() + KNOWN_ADDRESS_S, open=False
                )
            )

    def exempt(self, request: Request, username: str, now: datetime) -> bool:
        """Whether this login is held to the per-address limits only: the browser, or the
        address, logged in to the account before (docs/security.md 38)."""
        return known_browser(request, username) or self.known_address(
            client_ip(request), username, now
        )

    @staticmethod
    def _serialize(conn: Connection, keys: list[str]) -> None:
        if conn.dialect.name == "postgresql":
            for key in sorted(keys):  # one order: no deadlock between two reservations
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:k)"),
                    {"k": int(key[:15], 16)},  # 60 bits of the hash: a bigint
                )

    def reserve(
        self, ip: str, username: str, now: datetime, *, account: bool = False
    ) -> Wait | None:
        """None: go ahead (one attempt reserved; resolve it with failed/succeeded/release,
        passing the same ``account``). Otherwise the seconds to wait: this IP, or this IP for
        this username, is locked out — or, with ``account`` (a login from a browser that has
        not logged in to this account before, or the API), the account itself is: too many
        failures from such senders, wherever they came from (``Wait.account``)."""
        t = now.timestamp()
        keys = self._keys(ip, username, account=account)
        horizon = t - self.window_s
        with self.engine.begin() as conn:
            self._serialize(conn, [k for k, _ in keys])
            for key, _ in keys:  # the write first: on SQLite it takes the write lock
                conn.execute(insert(LoginAttempt).values(key=key, at=t, open=True))
            for i, (key, limit) in enumerate(keys):
                seen = conn.execute(
                    select(col(LoginAttempt.at))
                    .where(col(LoginAttempt.key) == key, col(LoginAttempt.at) > horizon)
                    .order_by(col(LoginAttempt.at), col(LoginAttempt.id))
                    .limit(limit + 1)
                ).all()
                if len(seen) > limit:  # this reservation is one too many
                    conn.rollback()
                    return Wait(max(1, math.ceil(seen[0][0] + self.window_s - t)), account=i == 2)
            conn.execute(delete(LoginAttempt).where(col(LoginAttempt.at) <= horizon))
        return None

    # The API token route was written against the old check-then-record interface; the same
    # call now reserves, and its failed()/succeeded() resolve the reservation.
    retry_after = reserve

    @staticmethod
    def _one_open(key: str) -> Any:
        return (
            select(col(LoginAttempt.id))
            .where(col(LoginAttempt.key) == key, col(LoginAttempt.open))
            .order_by(col(LoginAttempt.id).desc())
            .limit(1)
            .scalar_subquery()
        )

    def _resolve(self, conn: Connection, key: str, *, keep: bool) -> bool:
        """Resolve one open reservation of ``key``: keep it as a failure, or remove it."""
        one = col(LoginAttempt.id) == self._one_open(key)
        if keep:
            done = conn.execute(update(LoginAttempt).where(one).values(open=False))
        else:
            done = conn.execute(delete(LoginAttempt).where(one))
        return bool(done.rowcount)

    def failed(self, ip: str, username: str, now: datetime, *, account: bool = False) -> None:
        """A wrong password: the reservation stays as the failure (or one is recorded)."""
        t = now.timestamp()
        with self.engine.begin() as conn:
            for key, _ in self._keys(ip, username, account=account):
                if not self._resolve(conn, key, keep=True):
                    conn.execute(insert(LoginAttempt).values(key=key, at=t, open=False))

    def succeeded(self, ip: str, username: str, *, account: bool = False) -> None:
        """The right password: its reservation goes, and so do the username's failures from
        this address (attempts of this username still in flight stay reserved). The account's
        failures from everywhere stay: someone else's guesses are not forgiven by it."""
        keys = self._keys(ip, username, account=account)
        (ukey, _), (ipkey, _) = keys[0], keys[1]
        with self.engine.begin() as conn:
            self._resolve(conn, ipkey, keep=False)
            self._resolve(conn, ukey, keep=False)
            if account:
                self._resolve(conn, keys[2][0], keep=False)
            conn.execute(
                delete(LoginAttempt).where(
                    col(LoginAttempt.key) == ukey, col(LoginAttempt.open).is_(False)
                )
            )

    def release(self, ip: str, username: str, *, account: bool = False) -> None:
        """Take a reservation back: the password was not checked (the server was busy)."""
        with self.engine.begin() as conn:
            for key, _ in self._keys(ip, username, account=account):
                self._resolve(conn, key, keep=False)


def address_block(ip: str) -> str:
    """The addresses one sender holds, counted as one by the login limiter: an IPv4 address,
    or an IPv6 /64 — one phone line, one home, one rented server gets a whole /64 and picks
    any of its 2^64 addresses as the source, so counting each address alone let one machine
    guess without end (docs/security.md 37). An IPv4-mapped IPv6 address is its IPv4
    address; anything else (a test client's name) is kept as it is."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])  # no zone: fe80::1%eth0
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.IPv6Network((addr, 64), strict=False))
    return str(addr)


# --- browsers that logged in to an account before ---------------------------------------------

KNOWN_COOKIE = "loa_known"
KNOWN_MAX = 4  # accounts one browser is remembered for (a shared office PC)
KNOWN_AGE_S = 180 * 24 * 3600  # a browser's mark
KNOWN_ADDRESS_S = 30 * 24 * 3600  # an address: they are handed on to others in time


def _known_mark(secret: str, username: str) -> str:
    """This installation's mark of one account: only the panel (its secret key) makes it, and
    only a browser that logged in to the account gets it."""
    mac = hmac.new(
        secret.encode(), b"loa-known-browser\x00" + username.strip().lower().encode(), "sha256"
    )
    return base64.urlsafe_b64encode(mac.digest()[:18]).decode()


def known_browser(request: Request, username: str) -> bool:
    """Whether this browser logged in to ``username`` before (its ``loa_known`` cookie holds
    the account's mark). Such a browser is held to the per-address limits only, never to the
    account's own limit: an issuer's phone is not locked out by guesses from a botnet
    (docs/security.md 38)."""
    mark = _known_mark(request.app.state.settings.secret_key, username).encode()
    held = request.cookies.get(KNOWN_COOKIE, "").split(".")[:KNOWN_MAX]
    return any(hmac.compare_digest(mark, m.encode("utf-8", "replace")) for m in held)


def remember_browser(request: Request, response: Response, username: str) -> None:
    """After a right password on the login form: this browser is known to the account."""
    settings = request.app.state.settings
    mark = _known_mark(settings.secret_key, username)
    held = [m for m in request.cookies.get(KNOWN_COOKIE, "").split(".") if _MARK.fullmatch(m)]
    marks = [mark, *(m for m in held if m != mark)][:KNOWN_MAX]
    response.set_cookie(
        KNOWN_COOKIE,
        ".".join(marks),
        max_age=KNOWN_AGE_S,
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
    )


_MARK = re.compile(r"[A-Za-z0-9_-]{24}")


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


LOCKED_MSGID = N_("Too many failed logins. Please try again in %(minutes)d minutes.")
ACCOUNT_LOCKED_MSGID = N_(
    "Too many failed logins to this account from browsers that never logged in to it. Log in "
    "from a phone or computer you used before, or try again in %(minutes)d minutes."
)
BAD_LOGIN_MSGID = N_("Wrong username or password.")
BUSY_LOGIN_MSGID = N_(
    "The server is busy checking other passwords. Please try again in a few seconds."
)


def safe_next(target: str | None) -> str:
    """Only same-site paths, so ?next= cannot send people to another site after login. A
    path holding a character that is not printable (a control, a bidi override, an unusual
    space) names no page of ours — a browser drops some of them and reads what is left — and
    the pages would show it escaped (``web.services.visible``), a backslash a browser reads
    as a slash: home instead."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if not target.isprintable():
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target

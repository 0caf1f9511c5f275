"""A recent password check: what a phone found still logged in may not do without the password —
issue an emergency (docs/security.md 25), manage accounts (32), and the other administrative
changes whose harm outlives the phone's session (33: an area, a region's voice, the lexicon, a
relay channel).

Such an action needs the session's password check to be at most a window old (a setting per
purpose, ``Purpose.window_setting``): the login (the LoginSession row's created_at, on the
server) or the password typed again on the form, whose time is kept in the signed session
cookie next to the session id it belongs to (a thief can neither forge nor move it; ending the
session on the server ends it too). A password typed for one purpose counts for every other. An
API token's creation is its password check: an older token is refused (403, code
``reauth_required``) with a reason to get a new one. Both ages are on the sessions' clock
(``wall_now``), like their ends. A typed password is checked like a login (the login limiter,
argon2 in a password-check slot); every refusal is audited, in a transaction of its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Request
from fastapi.responses import Response
from sqlmodel import Session

from content_library import accounts, services
from content_library.errors import LoaError, PermissionDenied, ValidationError
from content_library.models import LoginSession, User
from content_library.security import PasswordCheckBusy
from web.auth import LOCKED_MSGID, SESSION_SID, LoginLimiter, client_ip, wall_now

REAUTH_FIELD = "reauth_password"
# cookie: [the session row's id (a hash of its token), epoch seconds of the check]. Named when
# only emergencies asked; kept so, as a new name would make every open session type it again.
_PW_AT = "emergency_pw_at"
_MAX_PASSWORD_CHARS = 1000  # as the login form


@dataclass(frozen=True)
class Purpose:
    """What a check guards: its window (a ``web.settings.Settings`` field), the audit action of
    a refusal, and its sentences (English, Vietnamese)."""

    window_setting: str
    refused_action: str
    ask: tuple[str, str]  # the password field's label
    required: tuple[str, str]  # the form came without the password
    wrong: tuple[str, str]
    token_too_old: tuple[str, str]

    def ask_error(self) -> LoaError:
        """The field's label, as a LoaError for ``Page.say`` (no catalog entry needed)."""
        return LoaError(*self.ask)


EMERGENCY = Purpose(
    window_setting="emergency_reauth_s",
    refused_action="emergency.issue_refused",
    ask=(
        "Enter your password again to broadcast the emergency",
        "Nhập lại mật khẩu để phát khẩn cấp",
    ),
    required=(
        "enter your password again to broadcast the emergency; nothing was broadcast",
        "Nhập lại mật khẩu để phát khẩn cấp; chưa có gì được phát.",
    ),
    wrong=(
        "the password is wrong; nothing was broadcast",
        "Mật khẩu không đúng; chưa có gì được phát.",
    ),
    token_too_old=(
        "this API token is older than the emergency window; get a new token "
        "(POST /api/v1/token) and issue with it",
        "Mã truy cập (token) này đã cũ; hãy lấy mã mới (POST /api/v1/token) rồi phát "
        "khẩn cấp bằng mã đó.",
    ),
)

ACCOUNTS = Purpose(
    window_setting="account_reauth_s",
    refused_action="user.change_refused",
    ask=(
        "Enter your own password again to manage accounts",
        "Nhập lại mật khẩu của bạn để quản lý tài khoản",
    ),
    required=(
        "enter your own password again to manage accounts; nothing was changed",
        "Nhập lại mật khẩu của bạn để quản lý tài khoản; chưa có gì thay đổi.",
    ),
    wrong=(
        "your password is wrong; nothing was changed",
        "Mật khẩu của bạn không đúng; chưa có gì thay đổi.",
    ),
    token_too_old=(
        "this API token is older than the account-management window; get a new token "
        "(POST /api/v1/token) and try again with it",
        "Mã truy cập (token) này đã cũ; hãy lấy mã mới (POST /api/v1/token) rồi làm lại "
        "bằng mã đó.",
    ),
)


# The administrative changes a found phone could make for good (docs/security.md 33): an area
# (no page removes or renames one), a region's voice and the lexicon (every approved script
# they read goes back to review; the lexicon also changes what an approved emergency template
# says when issued), a relay channel (registered under a name reviewers trust, or its URL
# changed: off the air until approved again). One window with the accounts': an administrator
# who typed the password for one types it for none of the others.
ADMIN = Purpose(
    window_setting="account_reauth_s",
    refused_action="admin.change_refused",
    ask=(
        "Enter your own password again to make this change",
        "Nhập lại mật khẩu của bạn để thực hiện thay đổi này",
    ),
    required=(
        "enter your own password again to make this change; nothing was changed",
        "Nhập lại mật khẩu của bạn để thực hiện thay đổi này; chưa có gì thay đổi.",
    ),
    wrong=ACCOUNTS.wrong,
    token_too_old=ACCOUNTS.token_too_old,
)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _login_row(request: Request, session: Session) -> LoginSession | None:
    if getattr(request.state, "auth_kind", "") == "bearer":
        token: object = request.headers.get("authorization", "").partition(" ")[2].strip()
    else:
        token = request.session.get(SESSION_SID)
    if not isinstance(token, str) or not token:
        return None
    return session.get(LoginSession, accounts.token_hash(token))


def password_checked_at(request: Request, session: Session) -> datetime | None:
    """When this session's password was last checked (login, token, or typed again)."""
    row = _login_row(request, session)
    if row is None:
        return None
    at = _aware(row.created_at)
    kept = request.session.get(_PW_AT) if row.kind == "browser" else None
    if (
        isinstance(kept, list)
        and len(kept) == 2
        and kept[0] == row.id
        and isinstance(kept[1], int | float)
        and math.isfinite(kept[1])
    ):
        at = max(at, datetime.fromtimestamp(kept[1], UTC))
    return at


def needs_password(request: Request, session: Session, purpose: Purpose) -> bool:
    at = password_checked_at(request, session)
    window = getattr(request.app.state.settings, purpose.window_setting)
    return at is None or (wall_now(request) - at).total_seconds() > window


class ReauthRefused(Exception):
    """The password was needed and not given right: nothing is done."""

    def __init__(self, error: LoaError, status: int, headers: dict[str, str] | None = None):
        super().__init__(error.reason)
        self.error = error
        self.status = status
        self.headers = headers or {}


def check_recent_password(
    request: Request,
    user: User,
    password: str,
    *,
    purpose: Purpose,
    object_type: str,
    object_id: object,
    **detail: object,
) -> None:
    """Passes when the session's password check is recent, or when ``password`` is the user's
    (checked like a login: the login rate limiter, argon2 in a password-check slot); the check
    then counts as recent for this session. Otherwise raises ReauthRefused after auditing the
    refusal (``purpose.refused_action``, with ``detail``) in a transaction of its own. Runs
    before the action's own writes: the limiter and the audit write on their own connections,
    so the caller's unit of work must hold no write lock yet."""
    engine = request.app.state.engine
    with Session(engine, expire_on_commit=False) as session:
        if not needs_password(request, session, purpose):
            return
        row = _login_row(request, session)
    now = request.app.state.clock()

    def refuse(reason: str, error: LoaError, status: int, **headers: str) -> ReauthRefused:
        with Session(engine) as own:
            services.audit(
                own,
                actor=user,
                action=purpose.refused_action,
                object_type=object_type,
                object_id=object_id,
                now=now,
                reason=reason,
                **detail,
            )
            own.commit()
        return ReauthRefused(error, status, headers)

    if row is None or row.kind != "browser":
        # An API token (or no session at all): nothing to type a password into.
        raise refuse(
            "token_too_old", PermissionDenied(*purpose.token_too_old, code="reauth_required"), 403
        )
    if not password:
        raise refuse(
            "password_required",
            ValidationError(*purpose.required, field=REAUTH_FIELD, code="reauth_required"),
            422,
        )
    limiter: LoginLimiter = request.app.state.login_limiter
    ip = client_ip(request)
    wait = limiter.reserve(ip, user.username, now)  # counted as a failure until resolved
    if wait is not None:
        minutes = math.ceil(wait / 60)
        locked = LOCKED_MSGID % {"minutes": minutes}
        vi = request.app.state.catalogs.translator("vi")(LOCKED_MSGID, minutes=minutes)
        raise refuse(
            "locked",
            ValidationError(locked, vi, field=REAUTH_FIELD, code="locked"),
            429,
            **{"Retry-After": str(wait)},
        )
    try:
        with Session(engine) as session:
            checked = (
                services.authenticate(session, user.username, password)
                if len(password) <= _MAX_PASSWORD_CHARS
                else None
            )
            checked_id = checked.id if checked is not None else None
            session.commit()  # a rehash under the current argon2 parameters
    except PasswordCheckBusy as exc:
        limiter.release(ip, user.username)  # not checked: not the user's failure
        raise ReauthRefused(exc, 503, {"Retry-After": str(exc.retry_after_s)}) from None
    except BaseException:
        limiter.release(ip, user.username)
        raise
    if checked_id is None or checked_id != user.id:
        limiter.failed(ip, user.username, now)
        raise refuse(
            "password_wrong",
            ValidationError(*purpose.wrong, field=REAUTH_FIELD, code="password_wrong"),
            422,
        )
    limiter.succeeded(ip, user.username)
    request.session[_PW_AT] = [row.id, wall_now(request).timestamp()]


def require_recent_token(
    request: Request,
    user: User,
    *,
    purpose: Purpose,
    object_type: str,
    object_id: object,
    **detail: object,
) -> None:
    """For a JSON route, which has no field to type the password into: passes when the
    session's check is recent (an API token younger than the window); otherwise raises the
    refusal's LoaError (403 ``reauth_required`` for a token, 422 for a browser's cookie),
    audited like a form's. Before the action's own writes, as ``check_recent_password``."""
    try:
        check_recent_password(
            request,
            user,
            "",
            purpose=purpose,
            object_type=object_type,
            object_id=object_id,
            **detail,
        )
    except ReauthRefused as exc:
        raise exc.error from None


def form_refusal(
    request: Request,
    user: User,
    password: str,
    *,
    purpose: Purpose,
    show: Callable[[ReauthRefused], Response],
    object_type: str,
    object_id: object,
    **detail: object,
) -> Response | None:
    """For a form: None when the check is recent or ``password`` (the field ``REAUTH_FIELD``)
    is right; otherwise the page ``show`` renders for the refusal, with its status and
    headers (``Retry-After`` when locked or busy), nothing changed and the refusal audited."""
    try:
        check_recent_password(
            request,
            user,
            password,
            purpose=purpose,
            object_type=object_type,
            object_id=object_id,
            **detail,
        )
    except ReauthRefused as exc:
        response = show(exc)
        response.status_code = exc.status
        response.headers.update(exc.headers)
        return response
    return None

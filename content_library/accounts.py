"""Login sessions and passwords of panel users: open, find, revoke; change and reset.

A session (a browser cookie or an API token) is a random secret handed to the client; the
database keeps only its sha256 (``LoginSession``), so a copy of the database logs nobody in.
Sessions end when they expire, when idle too long, on logout (that one), and — every session
of the user at once — when the user is disabled, changes the password or has it reset by an
administrator. Times here are the wall clock the caller passes in (``now``); nothing commits.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from content_library.errors import NotFound, ValidationError
from content_library.models import LoginSession, User, require_id
from content_library.security import check_new_password, hash_password, verify_password
from content_library.services import (
    audit,
    require_admin,
    require_admin_of_user,
    require_known_user,
)

TOKEN_BYTES = 32
TOUCH_EVERY = timedelta(minutes=5)  # last_seen_at is written at most this often
KEEP_ENDED = timedelta(days=1)  # ended rows are deleted this long after they expire


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(
    session: Session, user: User, *, now: datetime, max_age_s: int, kind: str = "browser"
) -> str:
    """A new session for the user; returns the secret for the cookie or token (never stored)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        LoginSession(
            id=token_hash(token),
            user_id=require_id(user),
            kind=kind,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(seconds=max_age_s),
        )
    )
    # Housekeeping: rows that ended long ago (one indexed delete per login).
    session.execute(delete(LoginSession).where(col(LoginSession.expires_at) < now - KEEP_ENDED))
    session.flush()
    return token


def session_user(
    session: Session, token: object, *, now: datetime, kind: str, idle_s: int | None = None
) -> User | None:
    """The active user of a live session, or None (unknown, revoked, expired, idle, disabled)."""
    if not isinstance(token, str) or not 16 <= len(token) <= 200:
        return None
    row = session.get(LoginSession, token_hash(token))
    if row is None or row.kind != kind or row.revoked_at is not None:
        return None
    if now >= _aware(row.expires_at):
        return None
    last_seen = _aware(row.last_seen_at)
    if idle_s is not None and now - last_seen > timedelta(seconds=idle_s):
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    if now - last_seen >= TOUCH_EVERY:
        _touch(session, row.id, now)
    return user


def _touch(session: Session, row_id: str, now: datetime) -> None:
    """Record activity in a short transaction of its own: the request's unit of work stays a
    reader until it writes for itself, and a busy database only skips the touch."""
    bind = session.get_bind()
    try:
        # The session is bound to an Engine (content_library.db), whose begin() yields a
        # Connection; get_bind() is typed Engine | Connection.
        with bind.begin() as conn:
            conn.execute(  # type: ignore[union-attr]
                update(LoginSession).where(col(LoginSession.id) == row_id).values(last_seen_at=now)
            )
    except OperationalError:
        pass  # last_seen_at is advisory; the next request tries again


def revoke_session(session: Session, token: object, *, now: datetime) -> None:
    if isinstance(token, str) and token:
        session.execute(
            update(LoginSession)
            .where(
                col(LoginSession.id) == token_hash(token), col(LoginSession.revoked_at).is_(None)
            )
            .values(revoked_at=now)
        )


def revoke_user_sessions(session: Session, user_id: int, *, now: datetime) -> int:
    """End every session and API token of the user; returns how many were live."""
    # An UPDATE without RETURNING gives a CursorResult; Session.execute is typed Result.
    result = cast(
        CursorResult[Any],
        session.execute(
            update(LoginSession)
            .where(col(LoginSession.user_id) == user_id, col(LoginSession.revoked_at).is_(None))
            .values(revoked_at=now)
        ),
    )
    return result.rowcount or 0


def live_sessions(session: Session, user_id: int, *, now: datetime) -> list[LoginSession]:
    rows = session.exec(
        select(LoginSession).where(
            LoginSession.user_id == user_id, col(LoginSession.revoked_at).is_(None)
        )
    ).all()
    return [r for r in rows if _aware(r.expires_at) > now]


# --- passwords --------------------------------------------------------------------------------


def change_password(
    session: Session, *, user: User, current: str, new: str, now: datetime, wall: datetime
) -> None:
    """The user's own change: needs the current password; ends every session of the user
    (the caller opens a new one for the browser that made the change)."""
    if not verify_password(user.password_hash, current or ""):
        raise ValidationError(
            "the current password is wrong",
            "Mật khẩu hiện tại không đúng.",
            field="current_password",
        )
    check_new_password(new, username=user.username)
    if new == current:
        raise ValidationError(
            "the new password must differ from the current one",
            "Mật khẩu mới phải khác mật khẩu hiện tại.",
            field="new_password",
        )
    user.password_hash = hash_password(new)
    session.add(user)
    ended = revoke_user_sessions(session, require_id(user), now=wall)
    audit(
        session,
        actor=user,
        action="user.password_change",
        object_type="user",
        object_id=user.id,
        now=now,
        sessions_ended=ended,
    )


def reset_password(
    session: Session, *, actor: User, user_id: int, new: str, now: datetime, wall: datetime
) -> User:
    """An administrator sets a new password (a forgotten one, a lost phone): every session
    and API token of the user ends. Not their own: that is ``change_password``, which asks
    for the current one — else a found phone, still logged in as an admin, set a password of
    its own choosing and locked the owner out (docs/security.md 31)."""
    require_admin(session, actor)
    require_known_user(session, actor, user_id)  # another commune's: like no such id
    user = session.get(User, user_id)
    if user is None:  # pragma: no cover - require_known_user said it exists
        raise NotFound("no such user", "Không tìm thấy người dùng.")
    require_admin_of_user(session, actor, user_id)
    if user_id == actor.id:
        raise ValidationError(
            "change your own password on the Change password page (it asks for the current one)",
            "Đổi mật khẩu của chính mình ở trang Đổi mật khẩu (cần mật khẩu hiện tại).",
            field="new_password",
        )
    check_new_password(new, username=user.username)
    user.password_hash = hash_password(new)
    session.add(user)
    ended = revoke_user_sessions(session, require_id(user), now=wall)
    audit(
        session,
        actor=actor,
        action="user.password_reset",
        object_type="user",
        object_id=user.id,
        now=now,
        sessions_ended=ended,
    )
    return user

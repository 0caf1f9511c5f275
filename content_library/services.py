"""Use cases of the panel over the database: scripts, versions, reviews, users, areas, audit,
the pronunciation lexicon.

Each use case is one function here, called alike by the HTML pages, the JSON API and the CLI:
it validates, checks permissions, drives the pure state machine (``workflow``) and writes
audit events. Rendering goes out through the ``RenderQueue`` port (``content_library.ports``):
``submit`` queues the render, lexicon edits recheck renders, and ``approve`` binds the
approval to the finished render the reviewer heard. Services never commit: the caller (one
web request, one CLI command) commits once per unit of work, so a refused action stores
nothing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import BinaryIO, Protocol, overload

from sqlalchemy import event
from sqlmodel import Session, col, select

from content_library import access, validation, workflow
from content_library.assets import DEFAULT_MAX_RECORDING_S, AssetStore, store_upload
from content_library.errors import (
    LimitReached,
    NotFound,
    PermissionDenied,
    ValidationError,
    WorkflowError,
)
from content_library.models import (
    Area,
    Asset,
    AuditEvent,
    LexiconEntry,
    Membership,
    Review,
    Script,
    ScriptVersion,
    Topic,
    User,
    linked_row,
    require_id,
)
from content_library.ports import RenderQueue
from content_library.security import (
    DUMMY_PASSWORD,
    PasswordCheckBusy,
    check_new_password,
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)
from content_library.types import Priority, Region, Role
from content_library.validation import clean_text
from content_library.workflow import Action, State, VersionFacts

DEFAULT_MAX_SCRIPT_CHARS = 20_000
_USERNAME = re.compile(r"^[a-z0-9_.-]{3,64}$")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


# --- validation ----------------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def validate_script_text(text: str | None, *, max_chars: int = DEFAULT_MAX_SCRIPT_CHARS) -> str:
    """NFC, CRLF → LF, trimmed; refuses empty, oversize and control characters."""
    return clean_text(text, validation.SCRIPT_TEXT, max_len=max_chars)


def validate_title(title: str | None) -> str:
    return clean_text(title, validation.TITLE)


def _choice(value: str, allowed: type[Enum], *, field_name: str, vi: str) -> str:
    try:
        return allowed(value).value
    except ValueError:
        names = ", ".join(v.value for v in allowed)
        raise ValidationError(
            f"unknown {field_name} {value!r} (expected one of {names})",
            f"{vi} không hợp lệ: “{_shown(value)}”.",
            field=field_name,
        ) from None


def _shown(value: object, limit: int = 60) -> str:
    """A value echoed in a message: never a lone surrogate (the response could not be encoded)."""
    text = str(value)[:limit]
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _aware(dt: datetime | None, field_name: str) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValidationError(
            f"{field_name} needs a time zone", "Thời gian phải có múi giờ.", field=field_name
        )
    return dt.astimezone(UTC)


@overload
def _as_utc(dt: datetime) -> datetime: ...
@overload
def _as_utc(dt: datetime | None) -> datetime | None: ...
def _as_utc(dt: datetime | None) -> datetime | None:
    """Rows read back from SQLite may be naive UTC; make them aware."""
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


# --- what happens to files when the unit of work ends ----------------------------------------


def on_outcome(
    session: Session,
    *,
    committed: Callable[[], object] | None = None,
    rolled_back: Callable[[], object] | None = None,
) -> None:
    """Run ``committed`` once the session's current transaction commits, or ``rolled_back``
    when it ends any other way (rollback, close, an error in the commit itself).

    Files belong to rows: a file written for a row is put in place only when the row is
    committed, and removed when the row is not (services never commit; the caller does).
    """
    session.connection()  # begin the transaction now if nothing has yet
    pending = session.info.get(_OUTCOME_KEY)
    if pending is None:
        pending = session.info[_OUTCOME_KEY] = []
        event.listen(session, "after_commit", _outcome_committed)
        event.listen(session, "after_transaction_end", _outcome_ended)
    pending.append([session.get_transaction(), False, committed, rolled_back])


_OUTCOME_KEY = "loa_on_outcome"


def _outcome_committed(session: Session) -> None:
    for entry in session.info.get(_OUTCOME_KEY, ()):
        entry[1] = True  # only the root transaction commits: its entries, which end next


def _outcome_ended(session: Session, transaction: object) -> None:
    pending = session.info.get(_OUTCOME_KEY) or []
    ended = [e for e in pending if e[0] is transaction]
    if not ended:
        return
    pending[:] = [e for e in pending if e[0] is not transaction]
    for _root, was_committed, committed, rolled_back in ended:
        action = committed if was_committed else rolled_back
        if action is not None:
            action()


def keep_upload(
    session: Session,
    store: AssetStore,
    fileobj: BinaryIO,
    *,
    filename: str,
    max_bytes: int,
    max_duration_s: float = DEFAULT_MAX_RECORDING_S,
    now: datetime,
) -> Asset:
    """Store an uploaded recording (probed first) and its row; when the unit of work does not
    commit — any refusal after the upload, not only the ones checked before it — the file
    goes too, unless another request kept the same file in the meantime."""
    asset = store_upload(
        session,
        store,
        fileobj,
        filename=filename,
        max_bytes=max_bytes,
        max_duration_s=max_duration_s,
        now=now,
    )
    if asset in session.new:
        sha, bind = asset.sha256, session.get_bind()

        def remove() -> None:
            with Session(bind) as other:
                if other.get(Asset, sha) is None:
                    store.path_for(sha).unlink(missing_ok=True)

        on_outcome(session, rolled_back=remove)
    return asset


# --- audit ---------------------------------------------------------------------------------


def audit(
    session: Session,
    *,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: object,
    now: datetime,
    **detail: object,
) -> AuditEvent:
    event = AuditEvent(
        at=now,
        actor_id=actor.id if actor else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail={k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in detail.items()},
    )
    session.add(event)
    return event


# --- users and areas -----------------------------------------------------------------------


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None.

    An unknown or disabled user costs one check against :func:`security.dummy_hash` (the
    current argon2 parameters), like a real user. A right password whose hash was made under
    older parameters is hashed again under the current ones and stored (argon2-cffi's
    ``check_needs_rehash`` pattern; the caller's unit of work commits it), so raising the cost
    reaches every account at its next login — and a user's check then costs what the dummy
    costs. A busy hasher skips the rehash (the next login does it), never the login."""
    if _SURROGATE.search(username) or _SURROGATE.search(password):
        # Not UTF-8: no such user, and no such password (the database and argon2 refuse them).
        verify_password(dummy_hash(), DUMMY_PASSWORD)
        return None
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None or not user.is_active:
        # Same work on a miss, so timing does not reveal which usernames exist.
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        try:
            user.password_hash = hash_password(password)
        except PasswordCheckBusy:
            pass  # the next login rehashes it
        else:
            session.add(user)
    return user


def require_admin(
    session: Session, actor: User, *, area_ids: Iterable[int] = (), top: bool = False
) -> None:
    """The actor administers: somewhere, over every area of ``area_ids`` (an admin's role
    covers their subtree, like every role), and with ``top`` over a root of the tree (what
    applies to every area: new roots, the pronunciation lexicon, the voices)."""
    if not access.is_admin(session, actor):
        raise PermissionDenied(
            "only administrators may do this", "Chỉ quản trị viên được làm việc này."
        )
    outside = [a for a in area_ids if not access.has_role(session, actor, Role.ADMIN, a)]
    if top and not any(
        role == Role.ADMIN and area.parent_id is None
        for role, area in access.user_roles(session, actor.id)
    ):
        outside.append(0)
    if outside:
        raise PermissionDenied(
            "this is outside the areas you administer",
            "Việc này nằm ngoài địa bàn bạn quản trị.",
        )


def require_admin_of_user(session: Session, actor: User, user_id: int) -> None:
    """The actor administers every area where the user holds a role, so a commune's admin
    cannot reset, disable or re-role the province's people. A user without any role (one
    whose roles were taken away: a former officer, perhaps disabled) is an admin's of a root
    of the tree only: else any commune's admin could give that person's name a new password
    and roles of their own commune."""
    held = session.exec(select(Membership.area_id).where(Membership.user_id == user_id)).all()
    require_admin(session, actor, area_ids=set(held), top=not held)


def administered_users(session: Session, actor: User) -> list[User]:
    """The users an admin manages (``require_admin_of_user`` would let them), by username:
    those whose every role lies in the admin's subtrees, and — for an admin of a root of the
    tree — those without any role."""
    mine = access.role_area_ids(session, actor, Role.ADMIN)
    top = any(
        role == Role.ADMIN and area.parent_id is None
        for role, area in access.user_roles(session, actor.id)
    )
    held: dict[int, set[int]] = {}
    for m in session.exec(select(Membership)).all():
        held.setdefault(m.user_id, set()).add(m.area_id)
    users = session.exec(select(User).order_by(col(User.username))).all()
    return [
        u for u in users if (roles := held.get(require_id(u), set())) <= mine and (roles or top)
    ]


def require_known_user(session: Session, actor: User, user_id: int) -> None:
    """An account that does not exist, or that ``actor`` may not know of (``access.knows_user``:
    every role of it in another commune; none at all, to a commune's admin), is NotFound with
    one sentence: a refusal would confirm a guessed id (docs/security.md 30)."""
    if session.get(User, user_id) is None or not access.knows_user(session, actor, user_id):
        raise NotFound("no such user", "Không tìm thấy người dùng.")


def _active_root_admins(session: Session) -> dict[int, set[int]]:
    """For each root of the tree, the active accounts holding the admin role over it."""
    out: dict[int, set[int]] = {
        require_id(a): set()
        for a in session.exec(select(Area).where(col(Area.parent_id).is_(None))).all()
    }
    rows = session.exec(
        select(Membership.area_id, Membership.user_id).where(
            Membership.role == Role.ADMIN.value,
            Membership.user_id == User.id,
            col(User.is_active).is_(True),
        )
    ).all()
    for area_id, user_id in rows:
        if area_id in out:
            out[area_id].add(user_id)
    return out


def _keep_root_admins(session: Session, before: Mapping[int, set[int]]) -> None:
    """Refuse a change that took the last active administrator away from a root of the tree
    (an admin taking their own role away, or two admins each other's): the province's people
    and areas would have no manager but the server's console (``loa user create``)."""
    after = _active_root_admins(session)
    for root_id, held in before.items():
        if held and not after.get(root_id):
            area = session.get(Area, root_id)
            name = area.name if area else str(root_id)
            raise ValidationError(
                f"{name} would have no active administrator left",
                f"“{name}” sẽ không còn quản trị viên nào đang hoạt động; "
                "hãy giao vai trò quản trị cho người khác trước.",
                field="role",
            )


def create_area(
    session: Session,
    *,
    actor: User | None,
    name: str,
    kind: str,
    parent_id: int | None,
    now: datetime,
) -> Area:
    if actor is not None:
        require_admin(session, actor)
    name = clean_text(name, validation.AREA_NAME)
    if kind not in ("province", "district", "commune", "village"):
        raise ValidationError(
            f"unknown area kind {kind!r}", "Cấp địa bàn không hợp lệ.", field="kind"
        )
    parent = None
    if parent_id is not None:
        if actor is not None:  # another commune's reads like no such area (security 30, 31)
            access.require_known_areas(session, actor, [parent_id], parent=True)
        parent = session.get(Area, parent_id)
        if parent is None:
            raise ValidationError(
                "unknown parent area", "Địa bàn cấp trên không tồn tại.", field="parent_id"
            )
    if actor is not None:  # below an area one administers; a new root needs a root's admin
        require_admin(session, actor, area_ids=[parent_id] if parent_id else [], top=not parent)
    area = Area(name=name, kind=kind, parent_id=parent_id)
    session.add(area)
    session.flush()
    area.path = f"{parent.path if parent else '/'}{area.id}/"
    session.add(area)
    if actor is not None and parent is None:
        # a new root lies under no area its creator administers: they administer it
        session.add(
            Membership(user_id=require_id(actor), area_id=require_id(area), role=Role.ADMIN)
        )
    audit(
        session,
        actor=actor,
        action="area.create",
        object_type="area",
        object_id=area.id,
        now=now,
        name=name,
    )
    return area


def create_user(
    session: Session,
    *,
    actor: User | None,
    username: str,
    password: str,
    full_name: str = "",
    roles: Sequence[tuple[str, int]] = (),
    now: datetime,
) -> User:
    if actor is not None:
        require_admin(session, actor)
    username = (username or "").strip().lower()
    if not _USERNAME.match(username):
        raise ValidationError(
            "username must be 3–64 characters: a–z, 0–9, '.', '_' or '-'",
            "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm a–z, 0–9, dấu chấm, gạch dưới, gạch ngang.",
            field="username",
        )
    if len(password or "") < 8:
        raise ValidationError(
            "the password needs at least 8 characters",
            "Mật khẩu phải có ít nhất 8 ký tự.",
            field="password",
        )
    if _SURROGATE.search(password) or "\x00" in password:
        raise ValidationError(
            "the password has an invalid character",
            "Mật khẩu chứa ký tự không hợp lệ.",
            field="password",
        )
    if actor is not None:  # a person sets it (the admin page, the API): the full policy
        check_new_password(password, username=username, field="password")
    full_name = clean_text(full_name, validation.FULL_NAME, required=False)
    if session.exec(select(User).where(User.username == username)).first():
        raise ValidationError(
            "that username is taken", "Tên đăng nhập đã tồn tại.", field="username"
        )
    user = User(username=username, full_name=full_name, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    set_roles(session, actor=actor, user_id=require_id(user), roles=roles, now=now, new_user=True)
    audit(
        session,
        actor=actor,
        action="user.create",
        object_type="user",
        object_id=user.id,
        now=now,
        username=username,
    )
    return user


def set_roles(
    session: Session,
    *,
    actor: User | None,
    user_id: int,
    roles: Sequence[tuple[str, int]],
    now: datetime,
    new_user: bool = False,
) -> None:
    """``new_user``: the user was made in this unit of work by ``actor`` (create_user), who may
    give the first roles without administering a user without roles.

    An account or an area the actor may not know of (another commune's) reads exactly like an
    id that does not exist (404 "Không tìm thấy người dùng.", 422 "Địa bàn không tồn tại."),
    whoever calls (docs/security.md 30, 31). A change that leaves a root of the tree without
    an active administrator is refused: nobody but the server's console could manage its
    people and areas again."""
    if actor is not None and not new_user:
        require_known_user(session, actor, user_id)
        require_admin_of_user(session, actor, user_id)
    elif actor is not None:
        require_admin(session, actor)
    checked = []
    for role, area_id in roles:
        role = _choice(role, Role, field_name="role", vi="Vai trò")
        if actor is not None:
            access.require_known_areas(session, actor, [area_id])
        if session.get(Area, area_id) is None:
            raise ValidationError("unknown area", "Địa bàn không tồn tại.", field="area_id")
        checked.append((role, area_id))
    if actor is not None:  # roles are given only over areas one administers
        require_admin(session, actor, area_ids={a for _, a in checked})
    before = _active_root_admins(session)
    for m in session.exec(select(Membership).where(Membership.user_id == user_id)).all():
        session.delete(m)
    session.flush()
    for role, area_id in dict.fromkeys(checked):
        session.add(Membership(user_id=user_id, area_id=area_id, role=role))
    session.flush()
    if actor is not None:
        _keep_root_admins(session, before)
    audit(
        session,
        actor=actor,
        action="user.roles",
        object_type="user",
        object_id=user_id,
        now=now,
        roles=[list(r) for r in checked],
    )


def set_active(session: Session, *, actor: User, user_id: int, active: bool, now: datetime) -> User:
    require_admin(session, actor)
    require_known_user(session, actor, user_id)
    require_admin_of_user(session, actor, user_id)
    if user_id == actor.id and not active:
        raise ValidationError(
            "you cannot disable yourself",
            "Bạn không thể tự khóa tài khoản của mình.",
            field="active",
        )
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user", "Không tìm thấy người dùng.")
    user.is_active = active
    session.add(user)
    audit(
        session,
        actor=actor,
        action="user.active",
        object_type="user",
        object_id=user_id,
        now=now,
        active=active,
    )
    return user


# --- scripts and versions ------------------------------------------------------------------


def _check_content(
    session: Session, *, text: str | None, asset_sha256: str | None, max_chars: int
) -> tuple[str, str | None, str | None]:
    if asset_sha256:
        if session.get(Asset, asset_sha256) is None:
            raise ValidationError(
                "unknown recording", "Không tìm thấy bản ghi âm đã tải lên.", field="file"
            )
        # An optional transcript or note.
        note = clean_text(text, validation.NOTE, required=False, max_len=max_chars) or None
        return "recording", note, asset_sha256
    return "text", validate_script_text(text, max_chars=max_chars), None


def _version_fields(
    *,
    language: str,
    voice_region: str,
    priority: str,
    valid_from: datetime | None,
    valid_until: datetime | None,
) -> dict:
    language = clean_text(language, validation.LANGUAGE, required=False) or "vi"
    vf, vu = _aware(valid_from, "valid_from"), _aware(valid_until, "valid_until")
    if vf and vu and vu <= vf:
        raise ValidationError(
            "valid-until must be after valid-from",
            "Ngày hết hiệu lực phải sau ngày bắt đầu.",
            field="valid_until",
        )
    return dict(
        language=language,
        voice_region=_choice(voice_region, Region, field_name="voice_region", vi="Giọng vùng miền"),
        priority=_choice(priority, Priority, field_name="priority", vi="Mức ưu tiên"),
        valid_from=vf,
        valid_until=vu,
    )


def check_script_fields(
    session: Session,
    *,
    actor: User,
    title: str,
    topic_id: int,
    area_id: int,
    language: str = "vi",
    voice_region: str = "north",
    priority: str = "normal",
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    submitting: bool = False,
    now: datetime | None = None,
) -> dict:
    """Everything about a script but its content, checked before an upload is kept.

    Returns the cleaned fields (``title`` and the version's language, voice, priority and
    validity); ``create_script`` runs the same checks. ``submitting`` (with ``now``): the
    version will be sent for review at once, so a validity that has already ended is refused
    here too, before anything is stored.
    """
    title = validate_title(title)
    if session.get(Topic, topic_id) is None:
        raise ValidationError("unknown topic", "Chủ đề không tồn tại.", field="topic_id")
    if session.get(Area, area_id) is None:
        raise ValidationError("unknown area", "Địa bàn không tồn tại.", field="area_id")
    if not access.has_role(session, actor, Role.AUTHOR, area_id):
        # another commune's area reads like one that does not exist (422, the sentence above):
        # a refusal would confirm the id (docs/security.md 30); the areas above stay refused
        access.require_known_areas(session, actor, [area_id])
        raise PermissionDenied(
            "you may write scripts only for your own areas",
            "Bạn chỉ được soạn kịch bản cho địa bàn của mình.",
        )
    fields = _version_fields(
        language=language,
        voice_region=voice_region,
        priority=priority,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if submitting and now is not None:
        workflow.check_validity(fields["valid_until"], now)
    return {"title": title, **fields}


def create_script(
    session: Session,
    *,
    actor: User,
    title: str,
    topic_id: int,
    area_id: int,
    text: str | None = None,
    asset_sha256: str | None = None,
    language: str = "vi",
    voice_region: str = "north",
    priority: str = "normal",
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    max_chars: int = DEFAULT_MAX_SCRIPT_CHARS,
    now: datetime,
) -> ScriptVersion:
    """A new script with its first version, a draft (``submit`` sends it for review)."""
    fields = check_script_fields(
        session,
        actor=actor,
        title=title,
        topic_id=topic_id,
        area_id=area_id,
        language=language,
        voice_region=voice_region,
        priority=priority,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    title = fields.pop("title")
    kind, body, sha = _check_content(
        session, text=text, asset_sha256=asset_sha256, max_chars=max_chars
    )
    script = Script(
        title=title,
        topic_id=topic_id,
        area_id=area_id,
        author_id=require_id(actor),
        created_at=now,
    )
    session.add(script)
    session.flush()
    version = ScriptVersion(
        script_id=require_id(script),
        number=1,
        title=title,
        kind=kind,
        text=body,
        asset_sha256=sha,
        created_by=require_id(actor),
        created_at=now,
        **fields,
    )
    session.add(version)
    session.flush()
    script.current_version_id = version.id
    session.add(script)
    audit(
        session,
        actor=actor,
        action="script.create",
        object_type="script",
        object_id=script.id,
        now=now,
        version=version.id,
        title=title,
    )
    return version


def _script_or_404(session: Session, script_id: int) -> Script:
    script = session.get(Script, script_id)
    if script is None:
        raise NotFound("no such script", "Không tìm thấy kịch bản.")
    return script


def _visible_script_or_404(session: Session, actor: User, script_id: int) -> Script:
    """A script the actor may see; one of another area reads exactly like an id that does not
    exist, so sequential ids reveal nothing about other communes' scripts."""
    script = session.get(Script, script_id)
    if script is None or not can_view_script(session, actor, script):
        raise NotFound("no such script", "Không tìm thấy kịch bản.")
    return script


def _version_or_404(session: Session, version_id: int) -> tuple[ScriptVersion, Script]:
    version = session.get(ScriptVersion, version_id)
    if version is None:
        raise NotFound("no such script version", "Không tìm thấy phiên bản kịch bản.")
    return version, _script_or_404(session, version.script_id)


def find_version(session: Session, version_id: int) -> tuple[ScriptVersion, Script]:
    """The version and its script, or NotFound; the caller checks who may see them."""
    return _version_or_404(session, version_id)


def visible_version(
    session: Session, *, actor: User, version_id: int, for_update: bool = False
) -> tuple[ScriptVersion, Script]:
    """A version the actor may see; any other id is "not found" (no hint that it exists).

    ``for_update`` locks the version's row until the transaction ends and reads it afresh, so
    two decisions on one version (an approval and a rejection from two phones) take turns and
    the second sees the first (PostgreSQL; SQLite has one writer at a time anyway)."""
    version = session.get(
        ScriptVersion, version_id, with_for_update=for_update, populate_existing=for_update
    )
    script = session.get(Script, version.script_id) if version is not None else None
    if version is None or script is None or not can_view_script(session, actor, script):
        raise NotFound("no such script version", "Không tìm thấy phiên bản kịch bản.")
    return version, script


def audio_asset(session: Session, *, actor: User, sha256: str) -> Asset:
    """An uploaded or rendered audio file, when it belongs to a script the actor may see."""
    row = session.get(Asset, sha256)
    if row is None:
        raise NotFound("no such audio", "Không tìm thấy tệp âm thanh.")
    versions = session.exec(
        select(ScriptVersion).where(
            (ScriptVersion.asset_sha256 == sha256) | (ScriptVersion.render_sha256 == sha256)
        )
    ).all()
    scripts = [session.get(Script, sid) for sid in {v.script_id for v in versions}]
    if not any(can_view_script(session, actor, s) for s in scripts if s is not None):
        raise NotFound("no such audio", "Không tìm thấy tệp âm thanh.")
    return row


def new_version(
    session: Session,
    *,
    actor: User,
    script_id: int,
    text: str | None = None,
    asset_sha256: str | None = None,
    title: str | None = None,
    language: str | None = None,
    voice_region: str | None = None,
    priority: str | None = None,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    max_chars: int = DEFAULT_MAX_SCRIPT_CHARS,
    now: datetime,
) -> ScriptVersion:
    """Editing: a new draft version; the previous one is kept (superseded unless approved)."""
    script = _visible_script_or_404(session, actor, script_id)
    # Who writes for the area now (having written the script once is not enough: an author
    # whose role there was taken away no longer edits it).
    if not access.has_role(session, actor, Role.AUTHOR, script.area_id):
        raise PermissionDenied("you may not edit this script", "Bạn không được sửa kịch bản này.")
    current = linked_row(session, ScriptVersion, script.current_version_id)
    if (
        asset_sha256 is None
        and text is None
        and current is not None
        and current.kind == "recording"
    ):
        asset_sha256 = current.asset_sha256
    kind, body, sha = _check_content(
        session, text=text, asset_sha256=asset_sha256, max_chars=max_chars
    )
    fields = _version_fields(
        language=language or current.language,
        voice_region=voice_region or current.voice_region,
        priority=priority or current.priority,
        valid_from=valid_from if valid_from is not None else _as_utc(current.valid_from),
        valid_until=valid_until if valid_until is not None else _as_utc(current.valid_until),
    )
    if title is not None:
        script.title = validate_title(title)
    version = ScriptVersion(
        script_id=require_id(script),
        number=current.number + 1,
        title=script.title,
        kind=kind,
        text=body,
        asset_sha256=sha,
        created_by=require_id(actor),
        created_at=now,
        **fields,
    )
    session.add(version)
    if current.state in (State.DRAFT, State.SUBMITTED, State.REJECTED):
        current.state = State.SUPERSEDED
        session.add(current)
    session.flush()
    script.current_version_id = version.id
    session.add(script)
    audit(
        session,
        actor=actor,
        action="script.edit",
        object_type="script",
        object_id=script.id,
        now=now,
        version=version.id,
        number=version.number,
        title=version.title,
    )
    return version


def _facts(version: ScriptVersion) -> VersionFacts:
    return VersionFacts(
        state=version.state, created_by=version.created_by, valid_until=_as_utc(version.valid_until)
    )


def _review_facts(session: Session, version: ScriptVersion, script: Script) -> VersionFacts:
    """The facts with everyone whose writing this version carries (see VersionFacts.authors)."""
    writers = set(
        session.exec(
            select(ScriptVersion.created_by).where(ScriptVersion.script_id == script.id)
        ).all()
    )
    writers.add(script.author_id)
    # The same content: the text read aloud, or the recording (its note is not the content).
    same = (
        ScriptVersion.text == version.text
        if version.kind == "text"
        else ScriptVersion.asset_sha256 == version.asset_sha256
    )
    if version.text or version.asset_sha256:
        writers |= set(session.exec(select(ScriptVersion.created_by).where(same)).all())
    return replace(_facts(version), authors=frozenset(writers))


def _actor(session: Session, user: User, area_id: int) -> workflow.Actor:
    return workflow.Actor(
        id=user.id,
        author_here=access.has_role(session, user, Role.AUTHOR, area_id),
        reviewer_here=access.has_role(session, user, Role.REVIEWER, area_id),
        admin=access.has_role(session, user, Role.ADMIN, area_id),  # admins of this area
    )


def allowed_actions(
    session: Session, *, actor: User, version: ScriptVersion, now: datetime
) -> set[str]:
    """What the actor may do with this version now (the buttons a page shows)."""
    script = _script_or_404(session, version.script_id)
    return {
        a.value
        for a in workflow.allowed_actions(
            _review_facts(session, version, script), _actor(session, actor, script.area_id), now=now
        )
    }


def _act(
    session: Session,
    *,
    actor: User,
    version_id: int,
    action: Action,
    now: datetime,
    reason: str = "",
    before: Callable[[ScriptVersion], object] | None = None,
) -> tuple[ScriptVersion, Script]:
    """Check the transition, then (``before``: a further check that may refuse) apply it.
    A version the actor may not even see is "not found" (no hint that it exists). The
    version's row is locked first: the check and the change see the same state."""
    version, script = visible_version(session, actor=actor, version_id=version_id, for_update=True)
    new_state = workflow.transition(
        _review_facts(session, version, script),
        action,
        _actor(session, actor, script.area_id),
        now=now,
        reason=reason,
    )
    if before is not None:
        before(version)
    version.state = new_state
    session.add(version)
    return version, script


# Each submit queues a render (docs/security.md 32): a found phone or a script looping on the
# form kept the render workers busy and the versions growing. A writer correcting a bulletin
# all afternoon sends a few an hour; the panel passes Settings.max_submits_per_hour.
SUBMITS_PER_HOUR = 60
SUBMIT_WINDOW = timedelta(hours=1)


def lock_person(session: Session, user_id: int) -> None:
    """Until the transaction ends, this person's other bounded requests wait for this one, so
    a count of what they did and the row that adds to it are one step (the submit and report
    export bounds, docs/security.md 32). PostgreSQL: a row lock on their account, ``FOR NO
    KEY UPDATE`` (the audit rows naming them, which hold a key-share lock, still go in
    meanwhile). SQLite runs one writing transaction at a time: the caller writes its row
    first and counts after, in the same transaction (as ``web.auth.LoginLimiter``)."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(User.id).where(User.id == user_id).with_for_update(key_share=True))


def submit(
    session: Session,
    *,
    actor: User,
    version_id: int,
    now: datetime,
    renders: RenderQueue,
    max_per_hour: int = SUBMITS_PER_HOUR,
) -> ScriptVersion:
    """Send a draft for review and queue its render: what the reviewer will listen to.

    At most ``max_per_hour`` submits per person in the last hour: past it LimitReached (429,
    with when to try again) and the caller rolls back (nothing stored, nothing queued)."""
    version, script = _act(
        session, actor=actor, version_id=version_id, action=Action.SUBMIT, now=now
    )
    lock_person(session, require_id(actor))
    event = audit(
        session,
        actor=actor,
        action="version.submit",
        object_type="script",
        object_id=script.id,
        now=now,
        version=version.id,
    )
    session.flush()  # the write before the count (lock_person)
    _check_submits(session, actor=actor, now=now, max_per_hour=max_per_hour, own=event)
    renders.queue(session, version)
    return version


def _check_submits(
    session: Session, *, actor: User, now: datetime, max_per_hour: int, own: AuditEvent
) -> None:
    earlier = session.exec(
        select(AuditEvent.at)
        .where(
            AuditEvent.actor_id == actor.id,
            AuditEvent.action == "version.submit",
            col(AuditEvent.at) > now - SUBMIT_WINDOW,
            AuditEvent.id != own.id,
        )
        .order_by(col(AuditEvent.at))
    ).all()
    if len(earlier) < max_per_hour:
        return
    # When the oldest of those that must leave the window has left it.
    wait = _as_utc(earlier[len(earlier) - max_per_hour]) + SUBMIT_WINDOW - now
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    raise LimitReached(
        f"you sent {len(earlier)} versions for review in the last hour (at most "
        f"{max_per_hour}); try again in {minutes} min",
        f"Bạn đã gửi duyệt {len(earlier)} phiên bản trong một giờ qua (tối đa {max_per_hour}); "
        f"hãy thử lại sau {minutes} phút.",
        retry_after_s=max(1, math.ceil(wait.total_seconds())),
    )


def reviewable_audio_sha256(version: ScriptVersion) -> str | None:
    """The exact audio a reviewer hears: the finished render (of the text, or of the recording)."""
    return version.render_sha256 if version.render_status == "done" else None


def approve(
    session: Session,
    *,
    actor: User,
    version_id: int,
    audio_sha256: str,
    now: datetime,
    comment: str = "",
    publisher: Revoker | None = None,
) -> Review:
    """Approve the audio the reviewer listened to.

    ``audio_sha256`` is the sha256 of what they heard; it must be the version's finished
    render, or ``workflow.AudioNotHeard`` says why not (``code``: still rendering, not
    rendered, nothing heard, changed since). Who may approve and in which state is checked
    first (PermissionDenied, WorkflowError), so those refusals read the same as before.
    """
    checked: dict[str, str] = {}

    def heard_it(version: ScriptVersion) -> None:
        workflow.check_heard(
            render_status=version.render_status,
            render_sha256=version.render_sha256,
            heard=audio_sha256,
        )
        checked["comment"] = clean_text(comment, validation.COMMENT, required=False)

    version, script = _act(
        session, actor=actor, version_id=version_id, action=Action.APPROVE, now=now, before=heard_it
    )
    heard = version.render_sha256
    review = Review(
        version_id=require_id(version),
        reviewer_id=require_id(actor),
        decision="approved",
        comment=checked["comment"],
        created_at=now,
        audio_sha256=heard,
        render_fingerprint=version.render_fingerprint,
    )
    session.add(review)
    # A newer approval retires older approved versions of the same script: they stop playing.
    retired = []
    for old in session.exec(
        select(ScriptVersion).where(
            ScriptVersion.script_id == script.id,
            ScriptVersion.id != version.id,
            ScriptVersion.state == State.APPROVED,
        )
    ).all():
        old.state = State.SUPERSEDED
        session.add(old)
        retired.append(require_id(old))
    session.flush()
    audit(
        session,
        actor=actor,
        action="version.approve",
        object_type="script",
        object_id=script.id,
        now=now,
        version=version.id,
        review=review.id,
        audio_sha256=heard,
    )
    end_approvals(
        session,
        retired,
        publisher=publisher,
        now=now,
        actor=actor,
        reason=("replaced by a newer approved version", "đã có phiên bản mới hơn được duyệt"),
    )
    return review


def reject(session: Session, *, actor: User, version_id: int, reason: str, now: datetime) -> Review:
    checked: dict[str, str] = {}

    def clean_reason(_version: ScriptVersion) -> None:
        checked["reason"] = clean_text(reason, validation.REASON)

    version, script = _act(
        session,
        actor=actor,
        version_id=version_id,
        action=Action.REJECT,
        now=now,
        reason=reason or "",
        before=clean_reason,
    )
    reason = checked["reason"]
    review = Review(
        version_id=require_id(version),
        reviewer_id=require_id(actor),
        decision="rejected",
        comment=reason,
        created_at=now,
        audio_sha256=reviewable_audio_sha256(version),
        render_fingerprint=version.render_fingerprint,
    )
    session.add(review)
    session.flush()
    audit(
        session,
        actor=actor,
        action="version.reject",
        object_type="script",
        object_id=script.id,
        now=now,
        version=version.id,
        review=review.id,
        reason=reason,
    )
    return review


def withdraw(
    session: Session,
    *,
    actor: User,
    version_id: int,
    now: datetime,
    publisher: Revoker | None = None,
) -> ScriptVersion:
    """Withdraw a version; an approved one stops playing at once (``end_approvals``)."""
    version, script = _act(
        session, actor=actor, version_id=version_id, action=Action.WITHDRAW, now=now
    )
    audit(
        session,
        actor=actor,
        action="version.withdraw",
        object_type="script",
        object_id=script.id,
        now=now,
        version=version.id,
    )
    end_approvals(
        session,
        [require_id(version)],
        publisher=publisher,
        now=now,
        actor=actor,
        reason=("withdrawn", "đã rút"),
    )
    return version


class Revoker(Protocol):
    """What ends an approval on the air: ``content_library.publishing.Publisher``, which
    re-issues every bundle that carries the version, signed, without it."""

    def revoke(
        self,
        session: Session,
        *,
        version_ids: Iterable[int],
        now: datetime,
        actor: User | None = None,
        reason: tuple[str, str] = ("", ""),
    ) -> list: ...


def end_approvals(
    session: Session,
    version_ids: Iterable[int],
    *,
    publisher: Revoker | None,
    now: datetime,
    actor: User | None = None,
    reason: tuple[str, str] = ("", ""),
) -> list:
    """Approvals of ``version_ids`` have ended (withdrawn, expired, dropped, replaced): every
    target whose newest bundle carries one of them gets a new signed bundle without it, now,
    in this unit of work. Without a publisher that is impossible, so it is refused while any
    bundle carries them (units would keep playing them)."""
    ids = sorted({int(v) for v in version_ids})
    if not ids:
        return []
    if publisher is None:
        from content_library import publishing  # publishing builds on services

        held = publishing.carrying(session, ids)
        if held:
            raise WorkflowError(
                "units hold a bundle with this version; it can only end with a new bundle",
                "Cụm loa đang giữ gói phát có bản tin này; cần phát hành lại gói để dừng phát.",
            )
        return []
    session.flush()
    return publisher.revoke(session, version_ids=ids, now=now, actor=actor, reason=reason)


def revoke_approval(
    session: Session,
    *,
    version_id: int,
    why: str,
    why_vi: str,
    now: datetime,
    actor: User | None = None,
    publisher: Revoker | None = None,
) -> ScriptVersion:
    """The audio no longer matches what was approved (lexicon, voice, template changed):
    the version goes back to awaiting review, and off the air."""
    return revoke_approvals(
        session,
        version_ids=[version_id],
        why=why,
        why_vi=why_vi,
        now=now,
        actor=actor,
        publisher=publisher,
    )[0]


def revoke_approvals(
    session: Session,
    *,
    version_ids: Iterable[int],
    why: str,
    why_vi: str,
    now: datetime,
    actor: User | None = None,
    publisher: Revoker | None = None,
) -> list[ScriptVersion]:
    """``revoke_approval`` for many versions, with one new bundle per target for all of them."""
    out, dropped = [], []
    for version_id in version_ids:
        version, script = _version_or_404(session, version_id)
        out.append(version)
        if version.state != State.APPROVED:
            continue
        version.state = State.SUBMITTED
        session.add(version)
        dropped.append(require_id(version))
        audit(
            session,
            actor=actor,
            action="version.approval_dropped",
            object_type="script",
            object_id=script.id,
            now=now,
            version=version.id,
            reason=why,
            reason_vi=why_vi,
        )
    end_approvals(session, dropped, publisher=publisher, now=now, actor=actor, reason=(why, why_vi))
    return out


def effective_state(version: ScriptVersion, now: datetime) -> str:
    return workflow.effective_state(_facts(version), now)


def expire_approvals(session: Session, *, now: datetime, publisher: Revoker | None = None) -> int:
    """Mark approved versions whose valid-until has passed as expired, and take them off the
    air (``end_approvals``). Run at request time with the request's ``now`` (a unit asking for
    its bundle, the devices page), so expiry needs no clock of its own."""
    expired = []
    system = workflow.Actor(id=None, system=True)
    due = select(ScriptVersion).where(
        ScriptVersion.state == State.APPROVED,
        col(ScriptVersion.valid_until).is_not(None),
        col(ScriptVersion.valid_until) <= now,
    )
    for v in session.exec(due).all():
        if effective_state(v, now) == State.EXPIRED:
            v.state = workflow.transition(_facts(v), Action.EXPIRE, system, now=now)
            session.add(v)
            audit(
                session,
                actor=None,
                action="version.expire",
                object_type="script",
                object_id=v.script_id,
                now=now,
                version=v.id,
            )
            expired.append(require_id(v))
    end_approvals(
        session,
        expired,
        publisher=publisher,
        now=now,
        reason=("the approval's validity ended", "hết thời hạn hiệu lực"),
    )
    return len(expired)


# --- read models ---------------------------------------------------------------------------


@dataclass
class ScriptRow:
    script: Script
    version: ScriptVersion
    state: str
    topic: Topic
    area: Area
    last_rejection: str | None = None


@dataclass
class QueueRow:
    script: Script
    version: ScriptVersion
    topic: Topic
    area: Area
    author: User
    age_hours: float


@dataclass
class ScriptDetail:
    script: Script
    topic: Topic
    area: Area
    author: User
    versions: list[ScriptVersion]
    reviews: list[Review]
    events: list[AuditEvent]
    current: ScriptVersion
    state: str
    last_approved_text: str | None
    users: dict[int, User] = field(default_factory=dict)


def my_scripts(session: Session, *, actor: User, now: datetime) -> list[ScriptRow]:
    """Scripts in areas where the actor writes, and those they wrote where they still see
    scripts (a reviewer who once wrote one); none of an area where they hold no role now."""
    areas = access.role_area_ids(session, actor, Role.AUTHOR)
    seen = access.role_area_ids(session, actor, *access.SCRIPT_ROLES)
    q = select(Script).where(
        ((col(Script.author_id) == actor.id) & col(Script.area_id).in_(seen or {-1}))
        | col(Script.area_id).in_(areas or {-1})
    )
    rows = []
    for script in session.exec(q.order_by(col(Script.id).desc())).all():
        version = linked_row(session, ScriptVersion, script.current_version_id)
        last_rej = session.exec(
            select(Review)
            .where(Review.version_id == version.id, Review.decision == "rejected")
            .order_by(col(Review.id).desc())
        ).first()
        rows.append(
            ScriptRow(
                script=script,
                version=version,
                state=effective_state(version, now),
                topic=linked_row(session, Topic, script.topic_id),
                area=linked_row(session, Area, script.area_id),
                last_rejection=last_rej.comment if last_rej else None,
            )
        )
    return rows


def review_queue(
    session: Session,
    *,
    actor: User,
    area_id: int | None = None,
    topic_id: int | None = None,
    min_age_hours: float | None = None,
    now: datetime,
) -> list[QueueRow]:
    """Versions awaiting review in the reviewer's subtrees, oldest first."""
    areas = access.role_area_ids(session, actor, Role.REVIEWER)
    if not areas:
        raise PermissionDenied("you are not a reviewer", "Bạn không có quyền thẩm duyệt.")
    if area_id is not None:
        areas &= access.subtree_ids(session, area_id)
    q = (
        select(ScriptVersion, Script)
        .where(ScriptVersion.state == State.SUBMITTED, ScriptVersion.script_id == Script.id)
        .where(col(Script.area_id).in_(areas or {-1}))
        .order_by(col(ScriptVersion.created_at))
    )
    if topic_id is not None:
        q = q.where(Script.topic_id == topic_id)
    rows = []
    for version, script in session.exec(q).all():
        age = (now - _as_utc(version.created_at)).total_seconds() / 3600
        if min_age_hours is not None and age < min_age_hours:
            continue
        rows.append(
            QueueRow(
                script=script,
                version=version,
                topic=linked_row(session, Topic, script.topic_id),
                area=linked_row(session, Area, script.area_id),
                author=linked_row(session, User, version.created_by),
                age_hours=age,
            )
        )
    return rows


def all_topics(session: Session) -> list[Topic]:
    return list(session.exec(select(Topic).order_by(Topic.name)).all())


def can_view_script(session: Session, actor: User, script: Script) -> bool:
    """Those who hold a script role in its area (admins hold every role). Having written it
    is not enough: a writer moved to another commune, or left without a role, no longer sees
    it (docs/security.md 29)."""
    return access.sees_scripts_of(session, actor, script.area_id)


def script_detail(session: Session, *, actor: User, script_id: int, now: datetime) -> ScriptDetail:
    script = _visible_script_or_404(session, actor, script_id)
    versions = list(
        session.exec(
            select(ScriptVersion)
            .where(ScriptVersion.script_id == script.id)
            .order_by(col(ScriptVersion.number))
        ).all()
    )
    ids = [v.id for v in versions]
    reviews = list(
        session.exec(
            select(Review).where(col(Review.version_id).in_(ids)).order_by(col(Review.id))
        ).all()
    )
    events = list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.object_type == "script", AuditEvent.object_id == str(script.id))
            .order_by(col(AuditEvent.id))
        ).all()
    )
    current = linked_row(session, ScriptVersion, script.current_version_id)
    approved_ids = {r.version_id for r in reviews if r.decision == "approved"}
    last_approved = next(
        (v.text for v in reversed(versions) if v.id in approved_ids and v.id != current.id), None
    )
    user_ids = (
        {script.author_id} | {v.created_by for v in versions} | {r.reviewer_id for r in reviews}
    )
    # Who wrote and reviewed it held a role over its area. An event's other actor may not: a
    # lexicon or voice edit by another province's admin sends this script back too. Such an
    # account, one the reader may not know of (``access.knows_user``), is left out of
    # ``users`` (shown as someone outside the reader's areas), never named (docs/security.md
    # 30; security review 16).
    user_ids |= {
        uid
        for uid in {e.actor_id for e in events if e.actor_id} - user_ids
        if access.knows_user(session, actor, uid)
    }
    users = {
        require_id(u): u for u in session.exec(select(User).where(col(User.id).in_(user_ids))).all()
    }
    return ScriptDetail(
        script=script,
        topic=linked_row(session, Topic, script.topic_id),
        area=linked_row(session, Area, script.area_id),
        author=users[script.author_id],  # in user_ids: the author is a user (a foreign key)
        versions=versions,
        reviews=reviews,
        events=events,
        current=current,
        state=effective_state(current, now),
        last_approved_text=last_approved,
        users=users,
    )


def approved_versions(
    session: Session, *, area_ids: set[int] | None, now: datetime
) -> list[ScriptVersion]:
    """Approved, unexpired versions (what may go into a bundle)."""
    q = select(ScriptVersion, Script).where(
        ScriptVersion.state == State.APPROVED, ScriptVersion.script_id == Script.id
    )
    if area_ids is not None:
        q = q.where(col(Script.area_id).in_(area_ids or {-1}))
    return [v for v, _ in session.exec(q).all() if effective_state(v, now) == State.APPROVED]


# --- lexicon -------------------------------------------------------------------------------


def lexicon(session: Session) -> dict[str, str]:
    return {e.term: e.spoken for e in session.exec(select(LexiconEntry)).all()}


def lexicon_changed(detail: str, detail_vi: str | None = None) -> tuple[str, str]:
    """The reason recorded when a lexicon edit drops approvals (English, Vietnamese)."""
    return (
        f"pronunciation lexicon changed: {detail}",
        f"từ điển phát âm thay đổi: {detail_vi or detail}",
    )


def set_lexicon_entry(
    session: Session,
    *,
    actor: User,
    term: str,
    spoken: str,
    now: datetime,
    builtin: Mapping[str, str],
    renders: RenderQueue,
) -> LexiconEntry:
    """Say ``term`` as ``spoken``, over the built-in lexicon ``builtin`` (tts' own list).

    When that changes how the term is read, every text script whose audio changes goes back
    to awaiting review and is rendered again (``renders.recheck``); recordings are not read
    through the lexicon.
    """
    require_admin(session, actor, top=True)  # every area's scripts are read through it
    term = clean_text(term, validation.LEXICON_TERM)
    spoken = clean_text(spoken, validation.LEXICON_SPOKEN)
    entry = session.exec(select(LexiconEntry).where(LexiconEntry.term == term)).first()
    old = entry.spoken if entry else None
    said_before = old if entry else builtin.get(term)
    if entry is None:
        entry = LexiconEntry(term=term, spoken=spoken, updated_by=actor.id, updated_at=now)
    else:
        entry.spoken, entry.updated_by, entry.updated_at = spoken, actor.id, now
    session.add(entry)
    audit(
        session,
        actor=actor,
        action="lexicon.set",
        object_type="lexicon",
        object_id=term,
        now=now,
        old=old,
        new=spoken,
    )
    reason = lexicon_changed(f"“{term}” → “{spoken}”")
    if said_before != spoken:
        _recheck_lexicon(session, renders, actor=actor, now=now, reason=reason)
    if old != spoken:
        _recheck_templates(session, term=term, actor=actor, now=now, reason=reason)
    return entry


def delete_lexicon_entry(
    session: Session,
    *,
    actor: User,
    term: str,
    now: datetime,
    builtin: Mapping[str, str],
    renders: RenderQueue,
) -> None:
    """Drop an admin's entry: the term is read as the built-in lexicon says, or not at all."""
    require_admin(session, actor, top=True)
    entry = session.exec(select(LexiconEntry).where(LexiconEntry.term == term)).first()
    if entry is None:
        raise NotFound("no such lexicon entry", "Không tìm thấy mục từ điển này.")
    old = entry.spoken
    default = builtin.get(term)
    session.delete(entry)
    audit(
        session,
        actor=actor,
        action="lexicon.delete",
        object_type="lexicon",
        object_id=term,
        now=now,
        old=old,
        new=default,
    )
    if default is None:
        reason = lexicon_changed(f"“{term}” removed", f"xóa “{term}”")
    else:
        reason = lexicon_changed(
            f"“{term}” back to the built-in “{default}”",
            f"“{term}” trở về mặc định “{default}”",
        )
    if default != old:
        _recheck_lexicon(session, renders, actor=actor, now=now, reason=reason)
    _recheck_templates(session, term=term, actor=actor, now=now, reason=reason)


def _recheck_lexicon(
    session: Session, renders: RenderQueue, *, actor: User, now: datetime, reason: tuple[str, str]
) -> None:
    session.flush()  # the recheck reads the lexicon back from the database
    renders.recheck(session, reason=reason, now=now, actor=actor, kinds=("text",))


def _recheck_templates(
    session: Session, *, term: str, actor: User, now: datetime, reason: tuple[str, str]
) -> None:
    """Approved emergency templates read with ``term`` go back for approval: theirs is bound
    to the stored entries their words use (docs/security.md 34). Whenever the stored entry
    changes, even to what the built-in list says: the approval names the stored entries."""
    from content_library import emergency  # it builds on this module: imported when used

    emergency.lexicon_edited(session, term=term, actor=actor, now=now, reason=reason)


def hours_ago(now: datetime, hours: float) -> datetime:
    return now - timedelta(hours=hours)

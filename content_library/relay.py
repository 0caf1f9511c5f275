"""Relay channels (tiếp sóng, issue 16): registered by an admin, approved once by a police
reviewer with the approval bound to the exact URL, and packed into bundles.

- An admin registers a channel: its id in bundles (``code``), name, stream URL (Icecast /
  Shoutcast HTTP audio, or an HLS playlist), expected format, the area whose schedules may
  use it (and everything below), and an optional fallback item (an approved script version
  played while the stream is down).
- A reviewer (Công an) of the channel's area approves the channel itself, not its live
  content, for ``APPROVAL_DAYS``; the approval is bound to the URL the reviewer saw
  (``approved_url``). Changing the URL puts the channel back to waiting for approval, and a
  revoked or re-submitted channel is taken off the air at once: every target whose newest
  bundle carries it gets a new bundle without it (``take_off_air``).
- Publishing (``bundle_relays``) puts into a bundle exactly the channels its relay rules
  name, only approved ones. (Relay windows in quiet hours are refused before that, by the
  panel with the scheduler's ``check_relay_windows``: this package does not import the
  scheduler.)

Every change is audited. Nothing here commits: the caller's unit of work does.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from content_library import access, publishing, services, validation
from content_library.assets import AssetStore
from content_library.bundle import Approval, read_manifest_unverified
from content_library.errors import NotFound, PermissionDenied, ValidationError, WorkflowError
from content_library.models import Area, Publication, Script, ScriptVersion, Unit, User
from content_library.relay_models import ChannelState, RelayChannel
from content_library.types import Role
from protocol.errors import ProtocolError
from protocol.manifest import RELAY_FORMATS, RELAY_ID_RE, Relay, relay_url

APPROVAL_DAYS = 365  # a channel's approval lasts a year, then a reviewer looks again
CHANNEL_NAME = validation.TextField("name", "the channel name", "Tên kênh", 200)


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def _uid(user: User) -> int:
    assert user.id is not None
    return user.id


def is_approved(channel: RelayChannel, now: datetime) -> bool:
    """Approved, still bound to the URL it has now, and the approval not yet ended."""
    until = _aware(channel.approval_valid_until)
    return (
        channel.state == ChannelState.APPROVED
        and channel.approved_url is not None
        and channel.approved_url == channel.url
        and until is not None
        and now < until
    )


def get_channel(session: Session, channel_id: int) -> RelayChannel:
    channel = session.get(RelayChannel, channel_id)
    if channel is None:
        raise NotFound("no such relay channel", "Không tìm thấy kênh tiếp sóng.")
    return channel


def visible_channel(session: Session, actor: User, channel_id: int) -> RelayChannel:
    """The channel, if ``actor`` may see it (``visible_channels``); another commune's channel
    reads exactly like an id that does not exist (NotFound), so a guess is never confirmed."""
    channel = get_channel(session, channel_id)
    if channel not in visible_channels(session, actor):
        raise NotFound("no such relay channel", "Không tìm thấy kênh tiếp sóng.")
    return channel


# --- the fields an admin gives ------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelFields:
    code: str
    name: str
    url: str
    format: str
    area_id: int
    fallback_version_id: int | None


def check_fields(
    session: Session,
    *,
    code: str,
    name: str,
    url: str,
    format: str,
    area_id: int,
    fallback_version_id: int | None,
    now: datetime,
    actor: User | None = None,
) -> ChannelFields:
    """The channel's fields as they will be stored, or ValidationError naming the field.
    With ``actor``, an area they may not know of reads like one that does not exist."""
    code = (code or "").strip()
    if not RELAY_ID_RE.fullmatch(code):
        raise ValidationError(
            "the channel id is 1 to 32 of a-z, 0-9 and - (e.g. vov1)",
            "Mã kênh gồm 1 đến 32 ký tự a-z, 0-9 và dấu - (ví dụ vov1).",
            field="code",
        )
    name = validation.clean_text(name, CHANNEL_NAME)
    url = (url or "").strip()
    try:
        relay_url(url, "url")
    except ProtocolError as exc:
        raise ValidationError(
            f"the stream URL: {exc.reason}",
            f"Địa chỉ luồng (URL): {exc.reason_vi}. Chỉ nhận http:// hoặc https:// "
            "(Icecast/Shoutcast hoặc danh sách HLS .m3u8).",
            field="url",
        ) from None
    if format not in RELAY_FORMATS:
        raise ValidationError(
            f"the format is one of {', '.join(RELAY_FORMATS)}",
            f"Định dạng phải là một trong {', '.join(RELAY_FORMATS)}.",
            field="format",
        )
    _require_known_area(session, actor, area_id)
    if fallback_version_id is not None:
        version = session.get(ScriptVersion, fallback_version_id)
        # One answer for an unknown, unapproved or foreign item: another commune's script is
        # neither named nor confirmed to exist.
        if (
            version is None
            or services.effective_state(version, now) != "approved"
            or not _on_branch(session, version, area_id)
        ):
            raise ValidationError(
                "the fallback item must be an approved item of the channel's area, "
                "an area above it or inside it",
                "Bản tin dự phòng phải là bản tin đã được duyệt của địa bàn của kênh, "
                "địa bàn cấp trên hoặc cấp dưới.",
                field="fallback_version_id",
            )
    return ChannelFields(code, name, url, format, area_id, fallback_version_id)


def _require_known_area(session: Session, actor: User | None, area_id: int) -> None:
    """An area that does not exist, or that ``actor`` may not know of (another commune's,
    outside ``access.visible_areas``), gets one answer: its id is not confirmed
    (docs/security.md 30, 31). An area they may know of but not administer is refused later
    (``services.require_admin``)."""
    if session.get(Area, area_id) is None or (
        actor is not None and area_id not in access.visible_area_ids(session, actor)
    ):
        raise ValidationError("choose the area", "Hãy chọn địa bàn.", field="area_id")


def _on_branch(session: Session, version: ScriptVersion, area_id: int) -> bool:
    """A fallback is a script of the channel's own branch of the tree: of its area or one
    above (it may play everywhere the channel goes), or of an area inside it (publishing then
    packs it only for targets where it may play, ``bundle_relays``). Never another commune's."""
    script = session.get(Script, version.script_id)
    script_path = access.area_path(session, script.area_id) if script else None
    channel_path = access.area_path(session, area_id)
    return bool(
        script_path
        and channel_path
        and (
            access.is_within(channel_path, script_path)
            or access.is_within(script_path, channel_path)
        )
    )


# --- use cases ------------------------------------------------------------------------------------


def same_branch(session: Session, code: str, area_id: int) -> list[RelayChannel]:
    """The channels of code ``code`` a unit of ``area_id``'s branch could meet: of that area,
    an area above it or one below it. Channels of other communes are not among them."""
    here = access.area_path(session, area_id)
    if here is None:
        return []
    paths = {a.id: a.path for a in session.exec(select(Area)).all()}
    return [
        c
        for c in session.exec(select(RelayChannel).where(RelayChannel.code == code)).all()
        if (there := paths.get(c.area_id)) is not None
        and (access.is_within(here, there) or access.is_within(there, here))
    ]


def _check_code_free(session: Session, code: str, area_id: int, *, keep: int | None = None) -> None:
    """One channel per code in a branch of the tree, so a unit never meets two. A code used
    only in another commune is free here: refusing it would confirm that it exists there (a
    channel of the same branch is one the admin registering sees anyway: security 22)."""
    if any(c.id != keep for c in same_branch(session, code, area_id)):
        raise ValidationError(
            f"a channel with id {code} exists already",
            f"Đã có kênh mang mã {code}.",
            field="code",
        )


def register_channel(
    session: Session, *, actor: User, fields: ChannelFields, now: datetime
) -> RelayChannel:
    """A new channel, waiting for a reviewer's approval (admins register channels)."""
    services.require_admin(session, actor)
    _require_known_area(session, actor, fields.area_id)
    services.require_admin(session, actor, area_ids=[fields.area_id])
    _check_code_free(session, fields.code, fields.area_id)
    channel = RelayChannel(
        code=fields.code,
        name=fields.name,
        url=fields.url,
        format=fields.format,
        area_id=fields.area_id,
        fallback_version_id=fields.fallback_version_id,
        state=ChannelState.SUBMITTED,
        created_by=_uid(actor),
        created_at=now,
        updated_by=_uid(actor),
        updated_at=now,
    )
    session.add(channel)
    session.flush()
    services.audit(
        session,
        actor=actor,
        action="relay_channel.create",
        object_type="relay_channel",
        object_id=channel.id,
        now=now,
        code=channel.code,
        url=channel.url,
        format=channel.format,
        area_id=channel.area_id,
        fallback_version_id=channel.fallback_version_id,
    )
    return channel


def update_channel(
    session: Session,
    *,
    actor: User,
    channel_id: int,
    fields: ChannelFields,
    now: datetime,
    publisher: publishing.Publisher | None = None,
) -> RelayChannel:
    """Change a channel (admins). A new URL voids the approval: the channel waits for a
    reviewer again and is taken off the air at once. Its id (``code``) never changes."""
    services.require_admin(session, actor)
    channel = visible_channel(session, actor, channel_id)
    _require_known_area(session, actor, fields.area_id)
    services.require_admin(session, actor, area_ids={channel.area_id, fields.area_id})
    if fields.code != channel.code:
        raise ValidationError(
            "a channel's id cannot change; register a new channel",
            "Không đổi được mã kênh; hãy đăng ký kênh mới.",
            field="code",
        )
    if fields.area_id != channel.area_id:
        _check_code_free(session, channel.code, fields.area_id, keep=channel.id)
    old_area = channel.area_id
    url_changed = fields.url != channel.url
    # The approval was given by a reviewer of the channel's area, for that area and below
    # (usable_channels): moved above it or to another commune, it would play where no
    # reviewer of that place approved it (docs/security.md 31). Moved inside it, it stands.
    old_path, new_path = (access.area_path(session, a) for a in (old_area, fields.area_id))
    area_widened = not (old_path and new_path and access.is_within(new_path, old_path))
    was_approved = channel.state == ChannelState.APPROVED
    voided = url_changed or (area_widened and was_approved)
    before = {"url": channel.url, "format": channel.format, "name": channel.name}
    channel.name, channel.url, channel.format = fields.name, fields.url, fields.format
    channel.area_id, channel.fallback_version_id = fields.area_id, fields.fallback_version_id
    channel.updated_by, channel.updated_at = _uid(actor), now
    if voided:
        # The approval was given to the old URL (or area): it does not carry over.
        channel.state = ChannelState.SUBMITTED
        channel.approved_by = channel.approved_at = channel.approved_url = None
        channel.approval_valid_until = None
        channel.ended_by = channel.ended_at = channel.end_reason = None
    session.add(channel)
    services.audit(
        session,
        actor=actor,
        action="relay_channel.update",
        object_type="relay_channel",
        object_id=channel.id,
        now=now,
        before=before,
        url=channel.url,
        format=channel.format,
        area_id=channel.area_id,
        fallback_version_id=channel.fallback_version_id,
        approval_voided=voided and was_approved,
    )
    if voided and was_approved:
        take_off_air(
            session,
            code=channel.code,
            area_ids={old_area, channel.area_id},
            publisher=publisher,
            now=now,
            actor=actor,
            reason=(
                (
                    "the relay channel's URL changed",
                    "địa chỉ kênh tiếp sóng đã thay đổi, cần duyệt lại",
                )
                if url_changed
                else (
                    "the relay channel moved beyond the area its approval was given for",
                    "kênh tiếp sóng đã chuyển ra ngoài địa bàn được duyệt, cần duyệt lại",
                )
            ),
        )
    return channel


def _require_reviewer(session: Session, actor: User, channel: RelayChannel, what: str) -> None:
    if not access.has_role(session, actor, Role.REVIEWER.value, channel.area_id):
        raise PermissionDenied(
            f"only a reviewer of the channel's area may {what} it",
            "Chỉ người thẩm duyệt (công an) của địa bàn này được duyệt kênh tiếp sóng.",
        )


def approve_channel(
    session: Session, *, actor: User, channel_id: int, url: str, now: datetime
) -> RelayChannel:
    """The one approval, bound to ``url`` — the URL the reviewer was shown, which must still be
    the channel's. A reviewer of the channel's area; not whoever registered or last changed it."""
    channel = visible_channel(session, actor, channel_id)
    _require_reviewer(session, actor, channel, "approve")
    if actor.id in (channel.created_by, channel.updated_by):
        raise PermissionDenied(
            "whoever registered or changed a channel cannot approve it",
            "Người đăng ký hoặc sửa kênh không được tự duyệt kênh đó.",
            code="self_approval",
        )
    if channel.state != ChannelState.SUBMITTED:
        raise WorkflowError(
            "only a channel waiting for approval can be approved",
            "Chỉ duyệt được kênh đang chờ duyệt.",
        )
    if url != channel.url:
        raise ValidationError(
            "the channel's URL changed while you were reading; look at the page again",
            "Địa chỉ kênh vừa thay đổi trong khi bạn xem; hãy tải lại trang rồi duyệt.",
            field="url",
        )
    channel.state = ChannelState.APPROVED
    channel.approved_by, channel.approved_at = actor.id, now
    channel.approved_url = channel.url
    channel.approval_valid_until = now + timedelta(days=APPROVAL_DAYS)
    session.add(channel)
    services.audit(
        session,
        actor=actor,
        action="relay_channel.approve",
        object_type="relay_channel",
        object_id=channel.id,
        now=now,
        url=channel.url,
        valid_until=channel.approval_valid_until,
    )
    return channel


def end_channel(
    session: Session,
    *,
    actor: User,
    channel_id: int,
    reason: str,
    now: datetime,
    publisher: publishing.Publisher | None = None,
) -> RelayChannel:
    """Reject a waiting channel or revoke an approved one (a reviewer of its area); a revoked
    channel is taken off the air at once."""
    channel = visible_channel(session, actor, channel_id)
    _require_reviewer(session, actor, channel, "reject or revoke")
    reason = validation.clean_text(reason, validation.REASON, required=False)
    if channel.state == ChannelState.SUBMITTED:
        channel.state, action = ChannelState.REJECTED, "relay_channel.reject"
    elif channel.state == ChannelState.APPROVED:
        channel.state, action = ChannelState.REVOKED, "relay_channel.revoke"
    else:
        raise WorkflowError("the channel has already ended", "Kênh này đã bị từ chối hoặc thu hồi.")
    channel.ended_by, channel.ended_at, channel.end_reason = actor.id, now, reason or None
    session.add(channel)
    services.audit(
        session,
        actor=actor,
        action=action,
        object_type="relay_channel",
        object_id=channel.id,
        now=now,
        reason=reason,
    )
    if action == "relay_channel.revoke":
        take_off_air(
            session,
            code=channel.code,
            area_ids={channel.area_id},
            publisher=publisher,
            now=now,
            actor=actor,
            reason=("the relay channel was revoked", "kênh tiếp sóng đã bị thu hồi"),
        )
    return channel


# --- who sees which channels ----------------------------------------------------------------------


def visible_channels(session: Session, actor: User) -> list[RelayChannel]:
    """Reviewers: those of their subtrees. Operators and admins: those their areas' schedules
    may use (a channel of an area above theirs too). An admin's role covers their subtree only:
    another commune's channels are not theirs to see."""
    channels = list(session.exec(select(RelayChannel).order_by(col(RelayChannel.code))).all())
    reviewed = access.role_area_ids(session, actor, Role.REVIEWER.value)
    operated = access.areas_for(session, actor, Role.OPERATOR.value)
    paths = {a.id: a.path for a in session.exec(select(Area)).all()}
    out = []
    for c in channels:
        path = paths.get(c.area_id, "")
        if c.area_id in reviewed or any(access.is_within(a.path, path) for a in operated):
            out.append(c)
    return out


def usable_channels(session: Session, area_id: int) -> list[RelayChannel]:
    """Channels a schedule for ``area_id`` may relay: those of that area or an area above it
    (whatever their approval: publishing checks it)."""
    target = access.area_path(session, area_id)
    if target is None:
        return []
    paths = {a.id: a.path for a in session.exec(select(Area)).all()}
    return [
        c
        for c in session.exec(select(RelayChannel).order_by(col(RelayChannel.code))).all()
        if access.is_within(target, paths.get(c.area_id, "\0"))
    ]


# --- into bundles -------------------------------------------------------------------------------------


def _manifest_relay(session: Session, channel: RelayChannel, fallback: str | None) -> Relay:
    reviewer = session.get(User, channel.approved_by) if channel.approved_by else None
    approved_at = _aware(channel.approved_at)
    until = _aware(channel.approval_valid_until)
    assert approved_at is not None and until is not None
    return Relay(
        id=channel.code,
        name=channel.name,
        url=channel.url,
        format=channel.format,
        fallback_item=fallback,
        approval=Approval(
            id=f"relay-{channel.id}-{int(approved_at.timestamp())}",
            reviewer=(reviewer.full_name or reviewer.username) if reviewer else "?",
            approved_at=approved_at,
            valid_from=approved_at,
            valid_until=until,
        ),
    )


def target_area_id(session: Session, target_kind: str, target_id: str) -> int:
    """The area of a publication's target (a unit's area, or the area itself)."""
    if target_kind == "unit":
        unit = session.get(Unit, target_id)
        if unit is None:
            raise NotFound("no such unit", "Không tìm thấy cụm loa.")
        return unit.area_id
    return int(target_id)


def relay_codes(body: dict[str, Any] | None) -> set[str]:
    """The channels the relay rules of a schedule body name (scheduler.rules.RelayRule)."""
    return {
        str(r.get("relay"))
        for r in (body or {}).get("rules") or []
        if isinstance(r, dict) and r.get("kind") == "relay"
    }


def bundle_relays(
    session: Session,
    store: AssetStore,
    *,
    body: dict[str, Any],
    area_id: int,
    packed: list[publishing.PackedItem],
    now: datetime,
    strict: bool = True,
) -> tuple[dict[str, Any], list[Relay], list[publishing.PackedItem]]:
    """The relay channels a schedule ``body`` for ``area_id`` needs in its bundle, with the
    fallback items not yet in ``packed``: (body, relays, extra packed items).

    ``strict`` (publishing): a channel that is unknown, outside the area or not approved (or
    no longer bound to its URL) is a ValidationError. Otherwise (re-issuing a bundle without
    what is no longer approved) the relay rules of such channels are dropped from ``body``,
    and a fallback no longer approved is left out.
    """
    wanted = sorted(relay_codes(body))
    if not wanted:
        return body, [], []
    usable = {c.code: c for c in usable_channels(session, area_id)}
    have = {p.item.id: p for p in packed}
    relays: list[Relay] = []
    extra: list[publishing.PackedItem] = []
    gone: set[str] = set()
    for code in wanted:
        channel = usable.get(code)
        if channel is None or not is_approved(channel, now):
            if strict:
                name = channel.name if channel else code
                raise ValidationError(
                    f"relay channel {name} ({code}) is not approved (or its URL changed since "
                    "the approval, or the approval ended); a reviewer must approve it before "
                    "publishing",
                    f"Kênh tiếp sóng {name} ({code}) chưa được công an duyệt (hoặc địa chỉ đã "
                    "đổi sau khi duyệt, hoặc phê duyệt đã hết hạn); cần duyệt kênh trước khi "
                    "phát hành.",
                    field="relay",
                    code="relay_not_approved",
                )
            gone.add(code)
            continue
        fallback = None
        if channel.fallback_version_id is not None:
            fallback = publishing.item_id(channel.fallback_version_id)
            if fallback not in have:
                version = session.get(ScriptVersion, channel.fallback_version_id)
                try:
                    if version is None:
                        raise ValidationError("no such version", "Không tìm thấy phiên bản.")
                    try:
                        publishing.check_plays_in(session, version, area_id)
                    except ValidationError:  # without the title: it is not this area's script
                        raise ValidationError(
                            "it is approved for another area and cannot play here",
                            "bản tin này được duyệt cho địa bàn khác, không phát ở địa bàn "
                            "này được.",
                        ) from None
                    have[fallback] = publishing.approved_item(session, store, version, now=now)
                    extra.append(have[fallback])
                except ValidationError as exc:
                    if strict:
                        raise ValidationError(
                            f"the fallback item of relay channel {channel.name}: {exc.reason}",
                            f"Bản tin dự phòng của kênh {channel.name}: {exc.reason_vi} Hãy "
                            "chọn bản tin dự phòng khác hoặc bỏ trống.",
                            field="relay",
                        ) from None
                    fallback = None
        relays.append(_manifest_relay(session, channel, fallback))
    if gone:
        body = copy.deepcopy(dict(body))
        body["rules"] = [
            r
            for r in body.get("rules") or []
            if not (isinstance(r, dict) and r.get("kind") == "relay" and r.get("relay") in gone)
        ]
    return body, relays, extra


def _target_path(session: Session, pub: Publication, paths: dict[int | None, str]) -> str | None:
    """The area path of a publication's target (a unit's area, or the area itself)."""
    if pub.target_kind == "unit":
        unit = session.get(Unit, pub.target_id)
        return paths.get(unit.area_id) if unit is not None else None
    return paths.get(int(pub.target_id)) if pub.target_id.isdigit() else None


def carrying_channel(
    session: Session,
    code: str,
    publisher: publishing.Publisher,
    *,
    area_ids: Iterable[int] | None = None,
) -> list[Publication]:
    """The targets' newest publications whose bundle carries relay channel ``code``; with
    ``area_ids``, only targets inside those areas (the same code is another commune's channel
    elsewhere: its bundles are left alone)."""
    paths: dict[int | None, str] = {a.id: a.path for a in session.exec(select(Area)).all()}
    roots = [paths[a] for a in area_ids or () if a in paths]
    out = []
    for pub in publishing.newest_per_target(session):
        if area_ids is not None:
            where = _target_path(session, pub, paths)
            if where is None or not any(access.is_within(where, r) for r in roots):
                continue
        path = publishing.bundle_path(publisher.out_dir, pub)
        try:
            manifest = read_manifest_unverified(path)
        except (OSError, ProtocolError):
            continue
        if any(r.id == code for r in manifest.relays):
            out.append(pub)
    return out


def take_off_air(
    session: Session,
    *,
    code: str,
    publisher: publishing.Publisher | None,
    now: datetime,
    actor: User | None,
    reason: tuple[str, str],
    area_ids: Iterable[int] | None = None,
) -> list[Publication]:
    """Every target (inside ``area_ids``, the channel's areas, when given) whose newest bundle
    carries channel ``code`` gets a new bundle without it (publishing.republish re-checks
    every channel: the one no longer approved is left out)."""
    if publisher is None:
        return []
    pubs = sorted(
        carrying_channel(session, code, publisher, area_ids=area_ids),
        key=lambda p: (p.sequence, p.id),
    )
    return [
        publishing.republish(session, p, publisher=publisher, now=now, actor=actor, reason=reason)[
            0
        ]
        for p in pubs
    ]


# --- demo ---------------------------------------------------------------------------------------

DEMO_URL = "http://127.0.0.1:8010/vov1"  # the loopback icecast `make run` feeds a tone into


def seed_demo_channel(
    session: Session, *, area: Area, writer: User, reviewer: User, now: datetime
) -> RelayChannel:
    """The demo's "VOV1 (mô phỏng)": registered by ``writer`` (an admin) and approved by
    ``reviewer``, pointing at the local simulated station (hardware.relay_station)."""
    assert area.id is not None
    fields = check_fields(
        session,
        code="vov1",
        name="VOV1 (mô phỏng)",
        url=DEMO_URL,
        format="mp3",
        area_id=area.id,
        fallback_version_id=None,
        now=now,
    )
    channel = register_channel(session, actor=writer, fields=fields, now=now)
    assert channel.id is not None
    return approve_channel(session, actor=reviewer, channel_id=channel.id, url=DEMO_URL, now=now)

"""Publishing: turn an operator's schedule and its approved versions into one signed bundle,
and take an approval off the air at once when it ends.

Only versions that are approved now, whose approval was given to the exact audio that will be
packed (Review.audio_sha256 == the rendered file), can go in. The sequence is one counter for
the whole panel, so every new bundle is newer than anything any unit holds: a counter row
locked and advanced inside the publishing transaction (``allocate_sequence``), so two
operators clicking at once — threads or worker processes, SQLite or PostgreSQL — never share
a number, and never below what a unit reports having accepted (a restored or new database). The bundle is written under a temporary name and moved into place only when
the row is committed; a rollback removes it (``services.on_outcome``).

Revocation (issue 12): an approval withdrawn, expired, dropped by a lexicon edit or replaced
by a newer one must stop playing. ``republish_without`` gives every target whose newest
bundle carries such a version a new signed bundle without it (and without anything else no
longer approved), with the same schedule otherwise; the ``Publisher`` (key, asset store,
outbox — the same the publish route uses) does it for the services that end approvals, and
``check_served`` re-checks at the moment a unit asks for its bundle.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, overload

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import and_, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from content_library import access, services
from content_library.assets import AssetStore
from content_library.bundle import (
    Approval,
    BundleItem,
    Manifest,
    Target,
    build_bundle,
    read_manifest_unverified,
)
from content_library.errors import LoaError, NotFound, PermissionDenied, ValidationError
from content_library.models import (
    Area,
    Publication,
    Review,
    Schedule,
    Script,
    ScriptVersion,
    SequenceCounter,
    Topic,
    Unit,
    User,
    columns,
    linked_row,
    require_id,
)
from content_library.signing import key_id, load_or_create_private_key
from content_library.types import Role
from protocol.errors import ProtocolError
from protocol.manifest import Relay

log = logging.getLogger(__name__)

DEFAULT_VALIDITY = timedelta(days=14)
SEQUENCE = "bundle"  # the SequenceCounter row of bundle sequences


def item_id(version_id: int) -> str:
    """The id a schedule rule and a bundle item use for a script version."""
    return f"v{version_id}"


@overload
def _aware(dt: datetime) -> datetime: ...
@overload
def _aware(dt: datetime | None) -> datetime | None: ...
def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


@dataclass(frozen=True)
class PackedItem:
    item: BundleItem
    audio_path: Path


def approved_item(
    session: Session,
    store: AssetStore,
    version: ScriptVersion,
    *,
    now: datetime,
    loop: bool = False,
) -> PackedItem:
    """The bundle item for one approved version, or a ValidationError saying why not."""
    script = linked_row(session, Script, version.script_id)
    if services.effective_state(version, now) != "approved":
        raise ValidationError(
            f"“{version.title}” (version {version.number}) is not approved",
            f"“{version.title}” (phiên bản {version.number}) chưa được duyệt hoặc đã hết hiệu lực.",
            field="version_ids",
        )
    review = session.exec(
        select(Review)
        .where(Review.version_id == version.id, Review.decision == "approved")
        .order_by(col(Review.id).desc())
    ).first()
    audio = version.render_sha256
    if review is None or audio is None or review.audio_sha256 != audio:
        raise ValidationError(
            f"“{version.title}”: the approval is not bound to the rendered audio",
            f"“{version.title}”: bản duyệt không gắn với đúng bản âm thanh sẽ phát; cần duyệt lại.",
            field="version_ids",
        )
    path = store.path_for(audio)
    if not path.exists():
        raise ValidationError(
            f"“{version.title}”: the rendered audio file is missing",
            f"“{version.title}”: thiếu tệp âm thanh đã dựng.",
            field="version_ids",
        )
    import soundfile as sf

    info = sf.info(str(path))
    reviewer = linked_row(session, User, review.reviewer_id)
    topic = linked_row(session, Topic, script.topic_id)
    approved_at = _aware(review.created_at)
    valid_from = _aware(version.valid_from) or approved_at
    valid_until = _aware(version.valid_until) or (now + DEFAULT_VALIDITY * 4)
    item = BundleItem(
        id=item_id(require_id(version)),
        # The title this version was approved under, not the script's newest: a later draft
        # that renames the script does not relabel approved audio (as-run log, reports).
        title=version.title,
        topic=topic.code,
        priority=version.priority,  # type: ignore[arg-type]  # a str column; BundleItem coerces it
        audio_sha256=audio,
        audio_size=path.stat().st_size,
        duration_s=round(info.frames / info.samplerate, 3),
        sample_rate=info.samplerate,
        script_version_id=str(version.id),
        approval=Approval(
            id=str(review.id),
            reviewer=reviewer.full_name or reviewer.username,
            approved_at=approved_at,
            valid_from=valid_from,
            valid_until=valid_until,
        ),
        loop=loop,
    )
    return PackedItem(item=item, audio_path=path)


def check_plays_in(session: Session, version: ScriptVersion, area_id: int) -> None:
    """A script is written and approved for its area: it may play there and below, never on
    another area's speakers (a province operator putting one commune's script on another
    commune's units) — ValidationError naming the script."""
    script = linked_row(session, Script, version.script_id)
    script_path = access.area_path(session, script.area_id)
    target_path = access.area_path(session, area_id)
    if not script_path or not target_path or not access.is_within(target_path, script_path):
        raise ValidationError(
            f"“{version.title}” is approved for another area and cannot play here",
            f"“{version.title}” được duyệt cho địa bàn khác, không phát ở địa bàn này được.",
            field="version_ids",
        )


def schedule_target(session: Session, schedule: Schedule) -> Target:
    if schedule.target_kind == "unit":
        if session.get(Unit, schedule.target_id) is None:
            raise NotFound("no such unit", "Không tìm thấy cụm loa.")
        return Target(units=(schedule.target_id,))
    if session.get(Area, int(schedule.target_id)) is None:
        raise NotFound("no such area", "Không tìm thấy địa bàn.")
    return Target(areas=(str(schedule.target_id),))


# A unit's report may raise a counter by at most this much in one allocation: more than a
# panel signs in months between a backup and its restore, and a small step against the
# 2**31 - 1 the column holds, so a compromised unit reporting a huge number cannot use the
# counter up (docs/bundle-format.md, "Khôi phục cơ sở dữ liệu").
MAX_REPORTED_JUMP = 100_000
MAX_SEQUENCE = 2**31 - 1  # the sequence columns are PostgreSQL ``integer``

Reported = tuple[int, str] | None  # (highest sequence a unit reports accepting, that unit)


def take_sequence(
    session: Session,
    name: str,
    *,
    issued: Any,
    reported: Callable[[Session], Reported],
    now: datetime | None = None,
    actor: User | None = None,
) -> int:
    """The next value of the counter row ``name``, in the caller's transaction.

    The row is locked first (an UPDATE that leaves it as it is: PostgreSQL's row lock,
    SQLite's write lock), so a second publisher waits for the first to commit and then reads
    what it left. The next value is above the counter, above the highest sequence already
    issued (``issued``: rows written by other tools, a restored backup) and above the highest
    sequence a unit reports having accepted (``reported``) — a panel restored from an older
    backup or reinstalled would otherwise sign bundles every unit refuses as stale. A report
    moves the counter by at most ``MAX_REPORTED_JUMP``; a jump is logged and, given ``now``,
    recorded in the audit log (action ``sequence.raised``)."""
    counter = columns(SequenceCounter)
    lock = (
        update(SequenceCounter)
        .where(counter.name == name)
        .values(value=counter.value)
        .returning(counter.value)
    )
    current = session.execute(lock).scalar_one_or_none()
    if current is None:  # a database made without the migration's row
        try:
            with session.begin_nested():
                session.execute(insert(SequenceCounter).values(name=name, value=0))
        except IntegrityError:
            pass  # another publisher made it first
        current = session.execute(lock).scalar_one()
    highest = session.execute(select(func.coalesce(func.max(issued), 0))).scalar_one()
    base = max(int(current), int(highest))
    floor = base
    told = reported(session)
    if told is not None and told[0] > base:
        floor = min(told[0], base + MAX_REPORTED_JUMP, MAX_SEQUENCE - 1)
    value = floor + 1
    session.execute(update(SequenceCounter).where(counter.name == name).values(value=value))
    if told is not None and floor > base:
        _announce_jump(session, name, base=base, told=told, value=value, now=now, actor=actor)
    return value


def _announce_jump(
    session: Session,
    name: str,
    *,
    base: int,
    told: tuple[int, str],
    value: int,
    now: datetime | None,
    actor: User | None,
) -> None:
    reported, unit_id = told
    capped = value - 1 < reported
    log.warning(
        "bộ đếm số thứ tự %s nhảy từ %d lên %d: cụm loa %s báo đã nhận số %d (cơ sở dữ liệu "
        "được khôi phục từ bản sao lưu cũ hoặc cài mới?)%s / the %s sequence counter jumped "
        "from %d to %d: unit %s reports having accepted %d (database restored from an older "
        "backup, or new?)%s",
        name,
        base,
        value,
        unit_id,
        reported,
        f"; chỉ nhảy tối đa MAX_REPORTED_JUMP={MAX_REPORTED_JUMP} — số báo quá lớn, hãy "
        f"kiểm tra cụm loa này"
        if capped
        else "",
        name,
        base,
        value,
        unit_id,
        reported,
        f"; moved by at most MAX_REPORTED_JUMP={MAX_REPORTED_JUMP} — the report is beyond "
        f"that, check this unit"
        if capped
        else "",
    )
    if now is not None:
        services.audit(
            session,
            actor=actor,
            action="sequence.raised",
            object_type="sequence_counter",
            object_id=name,
            now=now,
            previous=base,
            reported=reported,
            unit_id=unit_id,
            next=value,
            capped=capped,
        )


def highest_reported(session: Session, column: Any) -> Reported:
    """(value, unit id) of the unit whose ``column`` (a sequence its heartbeat reports) is
    highest; None when no unit reports one. One query: it runs inside a counter's lock."""
    row = session.execute(
        select(Unit.id, column)
        .where(col(column).is_not(None))
        .order_by(col(column).desc(), col(Unit.id))
        .limit(1)
    ).first()
    return None if row is None else (int(row[1]), str(row[0]))


def reported_bundle_sequence(session: Session) -> Reported:
    """The highest bundle sequence a unit's heartbeat reports (``Unit.bundle_sequence``)."""
    return highest_reported(session, Unit.bundle_sequence)


def allocate_sequence(
    session: Session, *, now: datetime | None = None, actor: User | None = None
) -> int:
    """The next bundle sequence (``take_sequence`` on the panel's ``bundle`` counter): above
    every sequence issued and every one a unit reports having accepted."""
    return take_sequence(
        session,
        SEQUENCE,
        issued=Publication.sequence,
        reported=reported_bundle_sequence,
        now=now,
        actor=actor,
    )


def bundle_name(target_kind: str, target_id: str, sequence: int) -> str:
    return f"{target_kind}-{target_id}-{sequence:06d}.loa"


def _issue(
    session: Session,
    *,
    target_kind: str,
    target_id: str,
    schedule_id: int | None,
    body: dict,
    packed: list[PackedItem],
    signing_key: Ed25519PrivateKey,
    out_dir: str | os.PathLike[str],
    now: datetime,
    validity: timedelta,
    actor: User | None,
    revokes: Iterable[int] = (),
    action: str = "bundle.publish",
    relays: Iterable[Relay] = (),
    **audit_detail: Any,
) -> tuple[Publication, Path]:
    """Sign one bundle and record it; the file takes its name when the row is committed."""
    sequence = allocate_sequence(session, now=now, actor=actor)
    target = (
        Target(units=(target_id,)) if target_kind == "unit" else Target(areas=(str(target_id),))
    )
    manifest = Manifest(
        bundle_id=str(uuid.uuid4()),
        target=target,
        sequence=sequence,
        issued_at=now,
        expires_at=now + validity,
        key_id=key_id(signing_key.public_key()),
        items=tuple(p.item for p in packed),
        schedule=body,
        relays=tuple(relays),
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = bundle_name(target_kind, target_id, sequence)
    final = out_dir / name
    # Hidden and unique: units and the USB download only ever see committed bundles.
    tmp = out_dir / f".{name}.{uuid.uuid4().hex}.tmp"
    try:
        build_bundle(
            manifest,
            {p.item.audio_sha256: p.audio_path for p in packed},
            signing_key=signing_key,
            out_path=tmp,
            now=now,
        )
        digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
        pub = Publication(
            bundle_id=manifest.bundle_id,
            target_kind=target_kind,
            target_id=str(target_id),
            sequence=sequence,
            schedule_id=schedule_id,
            file_sha256=digest,
            size=tmp.stat().st_size,
            issued_at=now,
            expires_at=manifest.expires_at,
            created_by=actor.id if actor else None,
            version_ids=[int(p.item.script_version_id) for p in packed],
            revokes=sorted({int(v) for v in revokes}),
        )
        session.add(pub)
        session.flush()
        services.audit(
            session,
            actor=actor,
            action=action,
            object_type="schedule",
            object_id=schedule_id if schedule_id is not None else f"{target_kind}:{target_id}",
            now=now,
            bundle_id=manifest.bundle_id,
            sequence=sequence,
            target=name,
            items=[p.item.id for p in packed],
            **({"relays": [r.id for r in manifest.relays]} if manifest.relays else {}),
            **audit_detail,
        )
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

    def into_place() -> None:
        try:
            os.replace(tmp, final)
        except OSError:
            log.exception("bundle %s was committed but could not be moved into place", name)

    services.on_outcome(
        session, committed=into_place, rolled_back=lambda: tmp.unlink(missing_ok=True)
    )
    return pub, final


def publish(
    session: Session,
    *,
    actor: User,
    schedule_id: int,
    signing_key: Ed25519PrivateKey,
    store: AssetStore,
    out_dir: str | os.PathLike[str],
    now: datetime,
    validity: timedelta = DEFAULT_VALIDITY,
) -> tuple[Publication, Path]:
    """Build and sign the bundle for one schedule; record it as a Publication.

    The returned path holds the bundle once the caller commits (not before): until then the
    file has a temporary name, and it is removed if the unit of work is rolled back.
    """
    schedule = session.get(Schedule, schedule_id)
    if schedule is None:
        raise NotFound("no such schedule", "Không tìm thấy lịch phát.")
    if not access.has_role(session, actor, Role.OPERATOR, schedule.area_id):
        raise PermissionDenied(
            "only the operator of this area may publish",
            "Chỉ đài truyền thanh của địa bàn này được phát hành.",
        )
    from content_library import relay  # relay channels (issue 16); relay imports this module

    if not schedule.version_ids and not relay.relay_codes(schedule.body):
        raise ValidationError(
            "the schedule has no items", "Lịch phát chưa có bản tin nào.", field="version_ids"
        )
    loop_ids = set((schedule.body.get("loop") or {}).get("item_ids", []))
    packed = []
    for vid in schedule.version_ids:
        version = session.get(ScriptVersion, int(vid))
        if version is None:
            raise ValidationError("unknown script version", "Không tìm thấy phiên bản kịch bản.")
        check_plays_in(session, version, schedule.area_id)
        packed.append(
            approved_item(
                session, store, version, now=now, loop=item_id(require_id(version)) in loop_ids
            )
        )
    schedule_target(session, schedule)  # the target still exists
    body, relays, fallbacks = relay.bundle_relays(
        session, store, body=schedule.body, area_id=schedule.area_id, packed=packed, now=now
    )
    return _issue(
        session,
        target_kind=schedule.target_kind,
        target_id=schedule.target_id,
        schedule_id=schedule.id,
        body=body,
        packed=packed + fallbacks,
        relays=relays,
        signing_key=signing_key,
        out_dir=out_dir,
        now=now,
        validity=validity,
        actor=actor,
    )


def bundle_path(out_dir: str | os.PathLike[str], pub: Publication) -> Path:
    return Path(out_dir) / bundle_name(pub.target_kind, pub.target_id, pub.sequence)


# --- revocation ----------------------------------------------------------------------------


@dataclass
class Publisher:
    """Where the panel signs and writes bundles: the signing key (read when first needed),
    the asset store and the outbox — what the publish route uses, from the same settings."""

    key_path: Path | None
    store: AssetStore
    out_dir: Path
    key: Ed25519PrivateKey | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Any, *, store: AssetStore) -> Publisher:
        return cls(
            key_path=Path(settings.signing_key_path), store=store, out_dir=Path(settings.outbox_dir)
        )

    def signing_key(self) -> Ed25519PrivateKey:
        if self.key is None:
            if self.key_path is None:
                raise RuntimeError("this Publisher was given neither a key nor a key path")
            self.key = load_or_create_private_key(self.key_path)
        return self.key

    def revoke(
        self,
        session: Session,
        *,
        version_ids: Iterable[int],
        now: datetime,
        actor: User | None = None,
        reason: tuple[str, str] = ("", ""),
    ) -> list[Publication]:
        """``services`` calls this when approvals end (see ``republish_without``)."""
        return republish_without(
            session, version_ids=version_ids, publisher=self, now=now, actor=actor, reason=reason
        )


def newest_per_target(session: Session) -> list[Publication]:
    """The newest publication of every target (what a unit of that target is given)."""
    top = (
        select(
            Publication.target_kind,
            Publication.target_id,
            func.max(Publication.sequence).label("sequence"),
        )
        .group_by(Publication.target_kind, Publication.target_id)
        .subquery()
    )
    return list(
        session.exec(
            select(Publication).join(
                top,
                and_(
                    col(Publication.target_kind) == top.c.target_kind,
                    col(Publication.target_id) == top.c.target_id,
                    col(Publication.sequence) == top.c.sequence,
                ),
            )
        ).all()
    )


def carrying(session: Session, version_ids: Iterable[int]) -> list[Publication]:
    """The targets' newest publications that carry any of ``version_ids``."""
    wanted = {int(v) for v in version_ids}
    return [p for p in newest_per_target(session) if wanted & {int(v) for v in p.version_ids}]


def not_approved(session: Session, pub: Publication, now: datetime) -> list[int]:
    """The versions ``pub`` carries that are not approved now (withdrawn, expired, dropped…)."""
    out = []
    for vid in pub.version_ids:
        version = session.get(ScriptVersion, int(vid))
        if version is None or services.effective_state(version, now) != "approved":
            out.append(int(vid))
    return out


def without_items(body: dict, gone: set[str]) -> dict:
    """The schedule ``body`` with the items ``gone`` taken out of every rule and of the loop;
    a rule or a loop left with no item is dropped (the unit refuses unknown items)."""
    out = copy.deepcopy(dict(body or {}))
    rules = []
    for rule in out.get("rules") or []:
        if isinstance(rule, dict) and rule.get("kind") != "relay":  # a relay rule has no items
            kept = [i for i in rule.get("item_ids") or [] if i not in gone]
            if not kept:
                continue
            rule = {**rule, "item_ids": kept}
        rules.append(rule)
    if "rules" in out:
        out["rules"] = rules
    loop = out.get("loop")
    if isinstance(loop, dict):
        kept = [i for i in loop.get("item_ids") or [] if i not in gone]
        if kept:
            out["loop"] = {**loop, "item_ids": kept}
        else:
            out.pop("loop")
    return out


def _published_body(pub: Publication, out_dir: Path, session: Session) -> dict:
    """The schedule as it was published (from the bundle file, when it is still the one we
    wrote), else the schedule as saved now."""
    path = bundle_path(out_dir, pub)
    try:
        if hashlib.sha256(path.read_bytes()).hexdigest() == pub.file_sha256:
            return dict(read_manifest_unverified(path).schedule)
    except (OSError, ProtocolError):
        pass
    schedule = session.get(Schedule, pub.schedule_id) if pub.schedule_id else None
    return dict(schedule.body) if schedule is not None else {"format": 1, "rules": []}


def republish(
    session: Session,
    pub: Publication,
    *,
    publisher: Publisher,
    now: datetime,
    actor: User | None = None,
    reason: tuple[str, str] = ("", ""),
    validity: timedelta = DEFAULT_VALIDITY,
) -> tuple[Publication, Path]:
    """``pub``'s bundle again, for the same target, with only the items still approved (and
    still bound to their audio): the rest of the schedule as it was published."""
    body = _published_body(pub, publisher.out_dir, session)
    loop_ids = set(
        (body.get("loop") or {}).get("item_ids", []) if isinstance(body.get("loop"), dict) else []
    )
    packed, dropped = [], []
    for vid in pub.version_ids:
        version = session.get(ScriptVersion, int(vid))
        try:
            if version is None:
                raise ValidationError(
                    "unknown script version", "Không tìm thấy phiên bản kịch bản."
                )
            packed.append(
                approved_item(
                    session,
                    publisher.store,
                    version,
                    now=now,
                    loop=item_id(require_id(version)) in loop_ids,
                )
            )
        except ValidationError:
            dropped.append(int(vid))
    body = without_items(body, {item_id(v) for v in dropped})
    from content_library import relay  # relay channels (issue 16); relay imports this module

    body, relays, fallbacks = relay.bundle_relays(
        session,
        publisher.store,
        body=body,
        area_id=relay.target_area_id(session, pub.target_kind, pub.target_id),
        packed=packed,
        now=now,
        strict=False,  # channels no longer approved are left out, with their rules
    )
    return _issue(
        session,
        target_kind=pub.target_kind,
        target_id=pub.target_id,
        schedule_id=pub.schedule_id,
        body=body,
        packed=packed + fallbacks,
        relays=relays,
        signing_key=publisher.signing_key(),
        out_dir=publisher.out_dir,
        now=now,
        validity=validity,
        actor=actor,
        revokes=dropped,
        action="bundle.revoke",
        replaces=pub.sequence,
        reason=reason[0],
        reason_vi=reason[1],
    )


def republish_without(
    session: Session,
    *,
    version_ids: Iterable[int],
    publisher: Publisher,
    now: datetime,
    actor: User | None = None,
    reason: tuple[str, str] = ("", ""),
) -> list[Publication]:
    """Every target whose newest bundle carries one of ``version_ids`` gets, at once, a new
    signed bundle without it (and without anything else no longer approved).

    Targets are re-issued in the order their bundles were, so a unit that had its own bundle
    rather than its area's keeps its own."""
    pubs = sorted(carrying(session, version_ids), key=lambda p: (p.sequence, p.id))
    return [
        republish(session, p, publisher=publisher, now=now, actor=actor, reason=reason)[0]
        for p in pubs
    ]


class BundleWithheld(LoaError):
    """The unit's newest bundle carries an item that is no longer approved, and no new bundle
    could be made: it is not served."""


def check_served(
    session: Session,
    pub: Publication | None,
    *,
    now: datetime,
    publisher: Publisher | None,
    find: Any,
    expire: bool = True,
) -> Publication | None:
    """Before a unit is given ``pub``: approvals past their end are expired now (and their
    bundles re-issued) unless ``expire`` is False; if ``pub`` still carries an item that is not
    approved at ``now``, its target is re-issued without it and ``find()`` picks the unit's
    bundle again; failing that, refuse. The second check alone keeps an ended approval out of
    what is served, so the sweep may run only now and then."""
    if expire:
        services.expire_approvals(session, now=now, publisher=publisher)
    for _ in range(3):
        if pub is None:
            return None
        stale = not_approved(session, pub, now)
        if not stale:
            return pub
        if publisher is None:
            break
        republish_without(
            session,
            version_ids=stale,
            publisher=publisher,
            now=now,
            reason=("an item is no longer approved", "một bản tin không còn được duyệt"),
        )
        pub = find()
    raise BundleWithheld(
        "the newest bundle for this unit carries an item that is no longer approved",
        "Gói phát mới nhất của cụm loa có bản tin không còn được duyệt; chưa phát hành lại được.",
    )

"""Publishing: turn an operator's schedule and its approved versions into one signed bundle.

Only versions that are approved now, whose approval was given to the exact audio that will be
packed (Review.audio_sha256 == the rendered file), can go in. The sequence is one counter for
the whole panel, so every new bundle is newer than anything any unit holds.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, col, func, select

from content_library import access, services
from content_library.assets import AssetStore
from content_library.bundle import Approval, BundleItem, Manifest, Target, build_bundle
from content_library.errors import NotFound, PermissionDenied, ValidationError
from content_library.models import (
    Area,
    Publication,
    Review,
    Schedule,
    Script,
    ScriptVersion,
    Topic,
    Unit,
    User,
)
from content_library.signing import key_id
from content_library.types import Role

DEFAULT_VALIDITY = timedelta(days=14)


def item_id(version_id: int) -> str:
    """The id a schedule rule and a bundle item use for a script version."""
    return f"v{version_id}"


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


@dataclass(frozen=True)
class PackedItem:
    item: BundleItem
    audio_path: Path


def approved_item(
    session: Session, store: AssetStore, version: ScriptVersion, *, now: datetime, loop: bool = False
) -> PackedItem:
    """The bundle item for one approved version, or a ValidationError saying why not."""
    script = session.get(Script, version.script_id)
    if services.effective_state(version, now) != "approved":
        raise ValidationError(
            f"“{script.title}” (version {version.number}) is not approved",
            f"“{script.title}” (phiên bản {version.number}) chưa được duyệt hoặc đã hết hiệu lực.",
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
            f"“{script.title}”: the approval is not bound to the rendered audio",
            f"“{script.title}”: bản duyệt không gắn với đúng bản âm thanh sẽ phát; cần duyệt lại.",
            field="version_ids",
        )
    path = store.path_for(audio)
    if not path.exists():
        raise ValidationError(
            f"“{script.title}”: the rendered audio file is missing",
            f"“{script.title}”: thiếu tệp âm thanh đã dựng.",
            field="version_ids",
        )
    import soundfile as sf  # noqa: PLC0415 - only the panel publishes

    info = sf.info(str(path))
    reviewer = session.get(User, review.reviewer_id)
    topic = session.get(Topic, script.topic_id)
    approved_at = _aware(review.created_at)
    valid_from = _aware(version.valid_from) or approved_at
    valid_until = _aware(version.valid_until) or (now + DEFAULT_VALIDITY * 4)
    item = BundleItem(
        id=item_id(version.id),
        title=script.title,
        topic=topic.code,
        priority=version.priority,
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


def schedule_target(session: Session, schedule: Schedule) -> Target:
    if schedule.target_kind == "unit":
        if session.get(Unit, schedule.target_id) is None:
            raise NotFound("no such unit", "Không tìm thấy cụm loa.")
        return Target(units=(schedule.target_id,))
    if session.get(Area, int(schedule.target_id)) is None:
        raise NotFound("no such area", "Không tìm thấy địa bàn.")
    return Target(areas=(str(schedule.target_id),))


def next_sequence(session: Session) -> int:
    current = session.exec(select(func.max(Publication.sequence))).one()
    return int(current or 0) + 1


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
    """Build and sign the bundle for one schedule; record it as a Publication."""
    schedule = session.get(Schedule, schedule_id)
    if schedule is None:
        raise NotFound("no such schedule", "Không tìm thấy lịch phát.")
    if not access.has_role(session, actor, Role.OPERATOR, schedule.area_id):
        raise PermissionDenied(
            "only the operator of this area may publish", "Chỉ đài truyền thanh của địa bàn này được phát hành."
        )
    if not schedule.version_ids:
        raise ValidationError("the schedule has no items", "Lịch phát chưa có bản tin nào.", field="version_ids")
    loop_ids = set((schedule.body.get("loop") or {}).get("item_ids", []))
    packed = []
    for vid in schedule.version_ids:
        version = session.get(ScriptVersion, int(vid))
        if version is None:
            raise ValidationError("unknown script version", "Không tìm thấy phiên bản kịch bản.")
        packed.append(approved_item(session, store, version, now=now, loop=item_id(version.id) in loop_ids))
    sequence = next_sequence(session)
    manifest = Manifest(
        bundle_id=str(uuid.uuid4()),
        target=schedule_target(session, schedule),
        sequence=sequence,
        issued_at=now,
        expires_at=now + validity,
        key_id=key_id(signing_key.public_key()),
        items=tuple(p.item for p in packed),
        schedule=schedule.body,
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"{schedule.target_kind}-{schedule.target_id}-{sequence:06d}.loa"
    path = build_bundle(
        manifest, {p.item.audio_sha256: p.audio_path for p in packed},
        signing_key=signing_key, out_path=out_dir / name, now=now,
    )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    pub = Publication(
        bundle_id=manifest.bundle_id, target_kind=schedule.target_kind, target_id=schedule.target_id,
        sequence=sequence, schedule_id=schedule.id, file_sha256=digest, size=path.stat().st_size,
        issued_at=now, expires_at=manifest.expires_at, created_by=actor.id,
    )
    session.add(pub)
    session.flush()
    services.audit(session, actor=actor, action="bundle.publish", object_type="schedule", object_id=schedule.id,
                   now=now, bundle_id=manifest.bundle_id, sequence=sequence, target=name,
                   items=[p.item.id for p in packed])
    return pub, path


def bundle_path(out_dir: str | os.PathLike[str], pub: Publication) -> Path:
    return Path(out_dir) / f"{pub.target_kind}-{pub.target_id}-{pub.sequence:06d}.loa"

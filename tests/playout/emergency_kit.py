"""Signed emergency bundles (play and stop) for the unit's tests, built like the panel does:
one bundle per issued emergency, addressed to an area."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

from content_library import bundle as B
from protocol.manifest import Emergency


def emergency_bundle(
    kit,
    *,
    sequence: int,
    emergency_id: str | None = None,
    action: str = "play",
    item=None,
    repeats: int = 3,
    gap_s: int = 5,
    start_at: datetime | None = None,
    expires_at: datetime | None = None,
    issued_at: datetime | None = None,
    areas=("xa-tan-phu",),
    signing_key=None,
) -> tuple[Path, str]:
    """(path, emergency id) of a signed emergency bundle dated around kit.t0."""
    eid = emergency_id or str(uuid.uuid4())
    issued = issued_at or kit.t0 - timedelta(minutes=1)
    items: tuple = ()
    if action == "play":
        items = (item or kit.item(f"em-{sequence}", seconds=2.0, freq=880.0, priority="emergency"),)
    manifest = B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(areas=tuple(areas)),
        sequence=sequence,
        issued_at=issued,
        expires_at=expires_at or kit.t0 + timedelta(hours=2),
        key_id=kit.kid,
        items=items,
        schedule={},
        emergency=Emergency(
            id=eid,
            action=action,
            repeats=repeats,
            gap_s=gap_s,
            start_at=start_at or issued,
        ),
    )
    out = kit.out_dir / f"em{sequence}-{action}-{uuid.uuid4().hex[:6]}.loa"
    path = B.build_bundle(
        manifest,
        {i.audio_sha256: kit.audio[i.audio_sha256] for i in items},
        signing_key=signing_key or kit.priv,
        out_path=out,
        now=issued,
    )
    return path, eid


def unit_store(kit, clock, *, unit_id: str = "unit-01", areas=("xa-tan-phu",)):
    from playout.store import BundleStore

    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id=unit_id,
        unit_areas=areas,
        clock=clock,
    )

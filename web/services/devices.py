"""The devices dashboard's queries: each unit's state from its last heartbeat, its as-run log
with filters and a verified-chain mark, the GPS trail of mobile rigs, and which units have not
yet picked up a bundle issued to take an approval off the air (a revocation).

Counts are GROUP BY queries over the (unit_id, actual_start) index; the chain mark re-checks
the stored rows with ``content_library.asrun_verify`` (the unit's own rules).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import ColumnElement, String, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from content_library.models import (
    Area,
    AsRunRecord,
    Publication,
    SyncFlag,
    Unit,
    columns,
    require_id,
)
from content_library.sync import retired_keys
from protocol.asrun_chain import ChainCheck, StoredRow, verify_chain
from protocol.errors import KeyFileError
from protocol.keys import parse_public_key_line

DEFAULT_POLL_S = 15.0
OFFLINE_AFTER_POLLS = 4  # a few missed polls on a rural link is normal; more is offline
FAILURE_WINDOW = timedelta(days=7)
KINDS = ("armed", "started", "finished", "failed", "skipped")
CHAIN_CHECK_MAX = 5000  # rows re-verified per page view, at most


def aware(dt: datetime | None) -> datetime | None:
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def clock_trusted(heartbeat: dict) -> bool | None:
    """The heartbeat's clock state, whichever shape the unit sends; None when it did not say."""
    if not isinstance(heartbeat, dict):
        return None
    if isinstance(heartbeat.get("clock_trusted"), bool):
        return heartbeat["clock_trusted"]
    clock = heartbeat.get("clock")
    if isinstance(clock, dict) and isinstance(clock.get("trusted"), bool):
        return clock["trusted"]
    state = clock if isinstance(clock, str) else heartbeat.get("clock_state")
    if isinstance(state, str):
        return state.lower() in ("trusted", "ok", "synced", "sync", "gps")
    return None


@dataclass
class UnitStatus:
    id: str
    name: str
    kind: str
    area_id: int
    area_name: str
    enrolled: bool
    online: bool
    last_seen: datetime | None
    clock_trusted: bool | None
    bundle_sequence: int | None
    software_version: str | None
    failures: int  # failed broadcasts in the last FAILURE_WINDOW
    flags: int  # sync flags (gaps, forged or reordered entries)
    heartbeat: dict
    # The newest revoking bundle addressed to the unit, when the unit has not reported it (or
    # a newer one) yet: it may still play what was taken off the air.
    revocation_pending: int | None = None


def fleet_status(
    session: Session, *, area_ids: set[int], now: datetime, poll_s: float = DEFAULT_POLL_S
) -> list[UnitStatus]:
    """Every unit placed in ``area_ids``, in area then name order."""
    if not area_ids:
        return []
    units = session.exec(select(Unit).where(col(Unit.area_id).in_(area_ids))).all()
    if not units:
        return []
    ids = [u.id for u in units]
    t = columns(AsRunRecord)
    conn = session.connection()
    failures: dict[str, int] = dict(
        conn.execute(
            sa_select(t.unit_id, func.count())
            .where(t.unit_id.in_(ids), t.kind == "failed", t.actual_start >= now - FAILURE_WINDOW)
            .group_by(t.unit_id)
        ).all()
    )
    f = columns(SyncFlag)
    flags: dict[str, int] = dict(
        conn.execute(
            sa_select(f.unit_id, func.count()).where(f.unit_id.in_(ids)).group_by(f.unit_id)
        ).all()
    )
    placed = session.exec(select(Area).where(col(Area.id).in_({u.area_id for u in units}))).all()
    names = {require_id(a): a.name for a in placed}
    revoking = revocations(session, {require_id(a): a.path for a in placed}, units)
    cutoff = now - timedelta(seconds=poll_s * OFFLINE_AFTER_POLLS)
    out = []
    for u in units:
        seen = aware(u.last_seen_at)
        hb = u.last_heartbeat if isinstance(u.last_heartbeat, dict) else {}
        out.append(
            UnitStatus(
                id=u.id,
                name=u.name,
                kind=u.kind,
                area_id=u.area_id,
                area_name=names.get(u.area_id, ""),
                enrolled=u.enrolled_at is not None or bool(u.public_key),
                online=seen is not None and seen >= cutoff,
                last_seen=seen,
                clock_trusted=clock_trusted(hb),
                bundle_sequence=u.bundle_sequence,
                software_version=u.software_version,
                failures=int(failures.get(u.id, 0)),
                flags=int(flags.get(u.id, 0)),
                heartbeat=hb,
                revocation_pending=_pending(revoking.get(u.id), u.bundle_sequence),
            )
        )
    out.sort(key=lambda s: (s.area_name, s.name, s.id))
    return out


def revocations(session: Session, paths: dict[int, str], units: Sequence[Unit]) -> dict[str, int]:
    """unit id → the sequence of the newest revoking bundle addressed to it (itself, or an
    area on its path)."""
    p = columns(Publication)
    rows = (
        session.connection()
        .execute(
            sa_select(p.target_kind, p.target_id, func.max(p.sequence))
            .where(cast(p.revokes, String) != "[]")
            .group_by(p.target_kind, p.target_id)
        )
        .all()
    )
    if not rows:
        return {}
    newest = {(kind, str(target)): int(seq) for kind, target, seq in rows}
    out: dict[str, int] = {}
    for u in units:
        above = [x for x in (paths.get(u.area_id) or f"/{u.area_id}/").split("/") if x]
        found = [newest.get(("unit", u.id))] + [newest.get(("area", a)) for a in above]
        seqs = [s for s in found if s is not None]
        if seqs:
            out[u.id] = max(seqs)
    return out


def _pending(revoking: int | None, reported: int | None) -> int | None:
    if revoking is None or (reported is not None and reported >= revoking):
        return None
    return revoking


@dataclass
class LogFilter:
    date_from: datetime | None = None  # inclusive, UTC
    date_to: datetime | None = None  # exclusive, UTC
    kind: str = ""
    topic: str = ""


def unit_log(
    session: Session, unit_id: str, flt: LogFilter, *, limit: int = 200, offset: int = 0
) -> tuple[list[AsRunRecord], int]:
    """The unit's as-run entries, newest first, and how many match in all."""
    conds: list[ColumnElement[bool]] = [col(AsRunRecord.unit_id) == unit_id]
    if flt.date_from is not None:
        conds.append(col(AsRunRecord.actual_start) >= flt.date_from)
    if flt.date_to is not None:
        conds.append(col(AsRunRecord.actual_start) < flt.date_to)
    if flt.kind:
        conds.append(col(AsRunRecord.kind) == flt.kind)
    if flt.topic:
        conds.append(col(AsRunRecord.topic_code) == flt.topic)
    total = session.exec(select(func.count()).select_from(AsRunRecord).where(*conds)).one()
    rows = session.exec(
        select(AsRunRecord)
        .where(*conds)
        .order_by(col(AsRunRecord.seq).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return list(rows), int(total)


def reasons_in(rows: Sequence[AsRunRecord], locale: str) -> dict[int, str]:
    """Each entry's reason in the reader's language: a unit signs its reasons in both
    ("reason", "reason_vi"), and the column keeps the English one for reports. An entry whose
    body has no Vietnamese reason (an older unit) keeps the column's."""
    out: dict[int, str] = {}
    for r in rows:
        text = r.reason or ""
        if locale.startswith("vi") and r.body:
            try:
                vi = json.loads(r.body)["fields"].get("reason_vi")
            except (ValueError, KeyError, TypeError, AttributeError):
                vi = None
            if isinstance(vi, str) and vi.strip():
                text = vi[:2000]
        out[r.seq] = text
    return out


def _stored(r) -> StoredRow:
    return StoredRow(r.seq, r.kind, r.body, r.prev_hash, r.entry_hash, r.signature)


@dataclass
class ChainMark:
    state: str  # verified | broken | unsigned | empty | too_long
    check: ChainCheck | None = None


def chain_mark(session: Session, unit: Unit, rows: list[AsRunRecord]) -> ChainMark:
    """Re-verify the stored chain over the seq span of ``rows`` (and its link to the row
    before): continuity, hashes, and signatures with the unit's enrolled key."""
    if not rows:
        return ChainMark("empty")
    lo, hi = min(r.seq for r in rows), max(r.seq for r in rows)
    if hi - lo + 1 > CHAIN_CHECK_MAX:
        return ChainMark("too_long")
    key = None
    if unit.public_key:
        try:
            key = parse_public_key_line(unit.public_key)[1]
        except KeyFileError:
            return ChainMark(
                "broken", ChainCheck(False, 0, reason="the unit's public key is malformed")
            )
    # A unit enrolled again (a new SD card) signed its older entries with its older keys.
    epochs: list[tuple[int, Ed25519PublicKey]] = []
    for last, line in retired_keys(session, unit.id):
        try:
            epochs.append((last, parse_public_key_line(line)[1]))
        except KeyFileError:
            return ChainMark(
                "broken", ChainCheck(False, 0, reason="a replaced key of the unit is malformed")
            )

    def key_for(seq: int) -> Ed25519PublicKey | None:
        return next((k for last, k in epochs if seq <= last), key)

    cols = (
        AsRunRecord.seq,
        AsRunRecord.kind,
        AsRunRecord.body,
        AsRunRecord.prev_hash,
        AsRunRecord.entry_hash,
        AsRunRecord.signature,
    )
    span = session.exec(
        select(*cols)  # type: ignore[call-overload]  # sqlmodel.select is typed up to 4 columns
        .where(
            AsRunRecord.unit_id == unit.id,
            col(AsRunRecord.seq) >= lo - 1,
            col(AsRunRecord.seq) <= hi,
        )
        .order_by(col(AsRunRecord.seq))
    ).all()
    stored = [_stored(r) for r in span]
    prev = stored[0] if stored and stored[0].seq == lo - 1 else None
    window = stored[1:] if prev is not None else stored
    check = _verify_by_key(window, key_for, unit_id=unit.id, prev=prev, from_genesis=lo == 1)
    if check.ok and prev is None and lo > 1:
        check = ChainCheck(
            False,
            check.checked,
            check.first_seq,
            check.last_seq,
            lo - 1,
            f"entry {lo - 1} is missing",
        )
    if not check.ok:
        return ChainMark("broken", check)
    return ChainMark("verified" if key is not None else "unsigned", check)


def _verify_by_key(
    rows: list[StoredRow],
    key_for: Callable[[int], Ed25519PublicKey | None],
    *,
    unit_id: str | None,
    prev: StoredRow | None,
    from_genesis: bool,
) -> ChainCheck:
    """``verify_chain`` over runs of rows signed by one key, each run linked to the one before
    (the chain goes on across a key change; only the signer changes)."""
    checked, first = 0, rows[0].seq if rows else None
    check = ChainCheck(True, 0)
    for _, run in itertools.groupby(rows, key=lambda r: id(key_for(r.seq))):
        part = list(run)
        check = verify_chain(
            part,
            public_key=key_for(part[0].seq),
            unit_id=unit_id,
            prev=prev,
            from_genesis=from_genesis and prev is None,
        )
        checked += check.checked
        if not check.ok:
            return dataclasses.replace(check, checked=checked, first_seq=first)
        prev, from_genesis = part[-1], False
    return dataclasses.replace(check, checked=checked, first_seq=first)


def sync_flags(session: Session, unit_id: str, *, limit: int = 20) -> list[SyncFlag]:
    """The newest problems the sync endpoint flagged in what this unit sent."""
    return list(
        session.exec(
            select(SyncFlag)
            .where(SyncFlag.unit_id == unit_id)
            .order_by(col(SyncFlag.id).desc())
            .limit(limit)
        ).all()
    )


def gps_trail(
    session: Session, unit_id: str, flt: LogFilter, *, limit: int = 500
) -> list[AsRunRecord]:
    """Positions a mobile rig logged with its broadcasts, oldest first."""
    conds: list[ColumnElement[bool]] = [
        col(AsRunRecord.unit_id) == unit_id,
        col(AsRunRecord.gps_lat).is_not(None),
        col(AsRunRecord.gps_lon).is_not(None),
    ]
    if flt.date_from is not None:
        conds.append(col(AsRunRecord.actual_start) >= flt.date_from)
    if flt.date_to is not None:
        conds.append(col(AsRunRecord.actual_start) < flt.date_to)
    rows = session.exec(
        select(AsRunRecord).where(*conds).order_by(col(AsRunRecord.seq).desc()).limit(limit)
    ).all()
    return list(reversed(rows))

"""The unit ↔ server sync protocol, server side, pure of HTTP (issue 6; docs/sync-protocol.md).

- Enrolment: an operator issues a one-time code (only its sha256 is stored, with an expiry);
  the unit exchanges it once for registering its Ed25519 public key.
- Request authentication: every unit request is signed as ``protocol.request_signing``
  defines; timestamps outside ±5 minutes and nonces seen within the window are refused.
- Bundle: the newest Publication for the unit itself or any area on its area path.
- As-run push: what an entry counts as is the server's call, not the unit's: its area is the
  unit's own (or an area inside it), its topic that of the delivered script version; an item
  never delivered to the unit is kept but flagged (SyncFlag ``undelivered``) and not
  reported, a claimed area outside the unit's is flagged ``foreign_area``.
- As-run push: idempotent by entry hash; the chain is continued from
  ``Unit.asrun_last_seq/hash``. A **gap** (the first new entry's seq is past last+1) is
  stored and flagged (SyncFlag ``gap``) so nothing already on the unit is lost; a forged
  entry (hash, body or chain link wrong), a bad signature or entries out of order are
  rejected and flagged, and processing of the batch stops there (earlier entries are kept).
  A unit enrolled again (a new SD card, a new key) continues the stored chain: the enrol answer
  names where (``asrun_continue``), the panel's own head, never the unit's word.
- Heartbeat: the latest state, kept on the Unit row for the dashboard.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import math
import re
import secrets
import threading
import time
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, overload

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import (
    BigInteger,
    Integer,
    String,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from content_library import emergency, publishing, services
from content_library.emergency_models import Emergency
from content_library.errors import LoaError, NotFound, ValidationError
from content_library.models import (
    Area,
    AsRunRecord,
    Asset,
    AuditEvent,
    Publication,
    Script,
    ScriptVersion,
    SyncFlag,
    SyncNonce,
    Topic,
    Unit,
    User,
)
from content_library.types import CLOCK_WINDOW_S as CLOCK_WINDOW_S  # the window, re-exported
from protocol.asrun_chain import GENESIS_HASH, StoredRow, check_row
from protocol.errors import KeyFileError
from protocol.keys import parse_public_key_line, public_key_line
from protocol.request_signing import SIGNED_HEADERS, verify_request
from protocol.request_signing import sign_request as sign_request  # for tests and tools

DEFAULT_CODE_TTL = timedelta(hours=24)
MAX_BATCH = 500
MAX_HEARTBEAT_BYTES = 8192
# Sequence numbers are SQL INTEGER columns: 32-bit on PostgreSQL. A larger one, signed by the
# unit's own key, is refused (a seq) or not kept (a bundle sequence), never a server error.
MAX_DB_INT = 2**31 - 1
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
# Looked up in lower case: header names are case-insensitive, and lower case in plain dicts.
HEADER_UNIT, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE = (h.lower() for h in SIGNED_HEADERS)
_NONCE_RE = re.compile(r"[0-9A-Za-z_-]{16,64}\Z")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")


class SyncAuthError(LoaError):
    """A unit request that is not authentic (unknown unit, bad signature, stale, replayed)."""


class OverBudget(LoaError):
    """The unit's uploads have stored their daily budget of bytes; nothing of the batch was
    stored. ``retry_after`` is the seconds until the next UTC day."""

    def __init__(self, reason: str, reason_vi: str, retry_after: int) -> None:
        super().__init__(reason, reason_vi)
        self.retry_after = retry_after


class EnrolError(LoaError):
    """An enrolment code that is wrong, used or expired."""


@overload
def _aware(dt: datetime) -> datetime: ...
@overload
def _aware(dt: datetime | None) -> datetime | None: ...
def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def hash_code(code: str) -> str:
    normal = re.sub(r"[\s-]", "", code).upper()
    return hashlib.sha256(b"loa-enrol-v1\n" + normal.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- enrolment


def issue_enrol_code(
    session: Session,
    unit_id: str,
    now: datetime,
    ttl: timedelta = DEFAULT_CODE_TTL,
    *,
    actor: User | None = None,
) -> str:
    """A new one-time code for the unit (replaces any earlier code); only its hash is kept.
    Audited (``unit.enrol_code``, by ``actor``; None: the server's console): whoever holds the
    code can replace the unit's key."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"no such unit {unit_id!r}", f"Không tìm thấy cụm loa “{unit_id}”.")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    unit.enrol_code_hash = hash_code(code)
    unit.enrol_code_expires = _aware(now) + ttl
    session.add(unit)
    services.audit(
        session,
        actor=actor,
        action="unit.enrol_code",
        object_type="unit",
        object_id=unit.id,
        now=_aware(now),
        expires_at=unit.enrol_code_expires,
        enrolled=unit.public_key is not None,
    )
    session.flush()
    return code


def enrol(session: Session, unit_id: str, code: str, public_key: str, now: datetime) -> Unit:
    """Register the unit's public key in exchange for its one-time code (consumed)."""
    unit = None if "\x00" in unit_id else session.get(Unit, unit_id, with_for_update=True)
    if (
        unit is None
        or not unit.enrol_code_hash
        or not isinstance(code, str)
        or not hmac.compare_digest(unit.enrol_code_hash, hash_code(code))
    ):
        raise EnrolError(
            "unknown unit or wrong/used enrolment code",
            "Mã đăng ký sai, đã dùng hoặc cụm loa không tồn tại.",
        )
    expires = _aware(unit.enrol_code_expires)
    if expires is None or _aware(now) >= expires:
        raise EnrolError("the enrolment code has expired", "Mã đăng ký đã hết hạn.")
    try:
        _, pub = parse_public_key_line(public_key)
    except KeyFileError as exc:
        raise ValidationError(exc.reason, exc.reason_vi, field="public_key") from exc
    before = unit.public_key
    unit.public_key = public_key_line(pub)
    unit.enrolled_at = _aware(now)
    unit.enrol_code_hash = None
    unit.enrol_code_expires = None
    session.add(unit)
    replaced = before is not None and before != unit.public_key
    services.audit(
        session,
        actor=None,
        action="unit.enrol",
        object_type="unit",
        object_id=unit.id,
        now=_aware(now),
        key_id=_key_id(unit.public_key),
        replaced_key_id=_key_id(before) if replaced else None,
        # what the replaced key signed: the stored chain up to here (retired_keys)
        replaced_key=before if replaced else None,
        replaced_key_last_seq=unit.asrun_last_seq if replaced else None,
    )
    if replaced:  # shown on the unit's page: a key nobody expected to change did
        session.add(
            SyncFlag(
                unit_id=unit.id,
                kind="rekeyed",
                detail=f"the unit's key was replaced: {_key_id(before)} → "
                f"{_key_id(unit.public_key)} (enrolled again with a new code)",
                at=_aware(now),
            )
        )
    session.flush()
    return unit


def retired_keys(session: Session, unit_id: str) -> list[tuple[int, str]]:
    """The keys a unit was enrolled with before its current one, each with the last stored
    as-run seq it signed, oldest first (from the ``unit.enrol`` audit): the stored chain up to
    that seq was checked against that key when it arrived. A key replaced before this was
    recorded is not known (its entries read as signed by another key)."""
    events = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.action == "unit.enrol",
            AuditEvent.object_type == "unit",
            AuditEvent.object_id == unit_id,
        )
        .order_by(col(AuditEvent.at), col(AuditEvent.id))
    ).all()
    keys = []
    for e in events:
        key, last = e.detail.get("replaced_key"), e.detail.get("replaced_key_last_seq")
        if isinstance(key, str) and isinstance(last, int):
            keys.append((last, key))
    return keys


def asrun_continue(unit: Unit) -> dict[str, Any] | None:
    """Where the unit's as-run chain goes on, as the panel stored it: ``{seq, prev_hash}``
    (the next seq and the last stored entry's hash), None when nothing is stored. Sent in the
    enrol answer: a unit enrolled on a new SD card starts its empty log there, so its chain
    continues under the new key. Only the panel says where; what a unit then pushes is held
    to the same rule as ever (seq last + 1 naming the stored hash), so it can only add."""
    if unit.asrun_last_seq <= 0 or not unit.asrun_last_hash:
        return None
    return {"seq": unit.asrun_last_seq + 1, "prev_hash": unit.asrun_last_hash}


def _key_id(line: str | None) -> str:
    """The key id of a public key line (``ed25519:<key id>:<base64>``), for audits and flags."""
    parts = (line or "").split(":")
    return parts[1][:40] if len(parts) == 3 else "?"


# --------------------------------------------------------------------------- request signing


class NonceCache:
    """Nonces of signed requests, kept in the database (``SyncNonce``) for as long as their
    timestamp could still pass the clock window.

    The primary key (unit, nonce) makes "insert or refuse" one atomic statement, so a request
    is refused as replayed after a panel restart and by every other worker process (SQLite or
    PostgreSQL). Nothing inside the window is ever evicted: a row is purged only once its
    timestamp is more than the window old (the timestamp check refuses it by then). A unit
    that sends more than ``max_entries`` requests inside one window is refused, not served by
    forgetting older nonces. Each nonce is recorded in a short transaction of its own, so it
    counts as used even when the request then fails.

    A request costs one statement: the insert carries the per-unit limit as its condition, so
    only a refused nonce needs a second look (replayed, or over the limit).
    """

    PURGE_EVERY_S = 60

    def __init__(self, window_s: int = CLOCK_WINDOW_S, max_entries: int = 20_000) -> None:
        self.window_s = window_s
        self.max_entries = max_entries
        self._next_purge = 0.0
        self._lock = threading.Lock()

    def add(
        self, unit_id: str, nonce: str, now_s: float, *, session: Session, ts: int | None = None
    ) -> bool:
        """True when new (and now recorded); False for a replay."""
        ts = int(now_s if ts is None else ts)
        bind = session.get_bind()
        with write_lock(session):
            if isinstance(bind, Engine):
                with bind.begin() as conn:
                    return self._add(conn, unit_id, nonce, now_s, ts)
            return self._add(bind, unit_id, nonce, now_s, ts)  # a caller's own connection

    def _add(self, conn: Connection, unit_id: str, nonce: str, now_s: float, ts: int) -> bool:
        horizon = int(now_s) - 2 * self.window_s
        with self._lock:
            purge = now_s >= self._next_purge
            if purge:
                self._next_purge = now_s + self.PURGE_EVERY_S
        if purge:
            conn.execute(delete(SyncNonce).where(col(SyncNonce.ts) < horizon))
        params = {"unit_id": unit_id, "nonce": nonce, "ts": ts, "horizon": horizon}
        params["limit"] = self.max_entries or _NO_LIMIT
        if conn.execute(_insert_nonce(conn.dialect.name), params).first() is not None:
            return True
        seen = conn.execute(
            select(SyncNonce.ts).where(SyncNonce.unit_id == unit_id, SyncNonce.nonce == nonce)
        ).first()
        if seen is not None:
            return False
        raise SyncAuthError(
            f"too many requests from this unit inside {2 * self.window_s} s",
            "Cụm loa gửi quá nhiều yêu cầu trong thời gian ngắn; hãy thử lại sau.",
        )


_NO_LIMIT = 2**62
_INSERT_NONCE: dict[str, Any] = {}


def _insert_nonce(dialect: str) -> Any:
    """The nonce insert of ``NonceCache``, built once per dialect: insert (unit_id, nonce, ts)
    unless that nonce is there already or the unit has ``limit`` nonces at or after
    ``horizon``; a row comes back only when it was inserted."""
    stmt = _INSERT_NONCE.get(dialect)
    if stmt is None:
        if dialect not in ("sqlite", "postgresql"):
            raise NotImplementedError(f"nonces on {dialect}")  # make_engine makes only these
        unit_id = bindparam("unit_id", type_=String)
        seen = (
            select(func.count())
            .select_from(SyncNonce)
            .where(col(SyncNonce.unit_id) == unit_id, col(SyncNonce.ts) >= bindparam("horizon"))
            .scalar_subquery()
        )
        values = select(
            unit_id, bindparam("nonce", type_=String), bindparam("ts", type_=Integer)
        ).where(seen < bindparam("limit", type_=BigInteger))
        dialect_insert = sqlite_insert if dialect == "sqlite" else pg_insert
        stmt = _INSERT_NONCE[dialect] = (
            dialect_insert(SyncNonce)
            .from_select(["unit_id", "nonce", "ts"], values)
            .on_conflict_do_nothing()
            .returning(col(SyncNonce.nonce))
        )
    return stmt


_KEY_CACHE: dict[str, Ed25519PublicKey] = {}


def unit_public_key(unit: Unit) -> Ed25519PublicKey | None:
    if not unit.public_key:
        return None
    pub = _KEY_CACHE.get(unit.public_key)
    if pub is None:
        try:
            pub = parse_public_key_line(unit.public_key)[1]
        except KeyFileError:
            return None
        if len(_KEY_CACHE) > 10_000:
            _KEY_CACHE.clear()
        _KEY_CACHE[unit.public_key] = pub
    return pub


def authenticate(
    session: Session,
    *,
    unit_id: str,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime,
    nonces: NonceCache,
    query: str = "",
) -> Unit:
    """The enrolled unit that signed this request, or SyncAuthError. ``query`` is the raw
    query string as sent and ``headers`` all the request's headers: the signature covers the
    query and the headers that shape the answer (``protocol.request_signing``)."""

    def refuse(en: str, vi: str) -> SyncAuthError:
        return SyncAuthError(en, vi)

    claimed = headers.get(HEADER_UNIT, "")
    ts = headers.get(HEADER_TIMESTAMP, "")
    nonce = headers.get(HEADER_NONCE, "")
    sig = headers.get(HEADER_SIGNATURE, "")
    if not (claimed and ts and nonce and sig):
        raise refuse("missing signature headers", "Thiếu chữ ký của cụm loa.")
    if claimed != unit_id:
        raise refuse(
            "the signing unit is not the unit in the path",
            "Cụm loa ký khác cụm loa trong đường dẫn.",
        )
    if not ts.isdigit() or len(ts) > 12:
        raise refuse("malformed timestamp", "Dấu thời gian sai định dạng.")
    now_s = _aware(now).timestamp()
    if abs(int(ts) - now_s) > CLOCK_WINDOW_S:
        raise refuse(
            "timestamp outside the ±5 minute window (check the unit clock)",
            "Dấu thời gian lệch quá 5 phút (kiểm tra đồng hồ cụm loa).",
        )
    if not _NONCE_RE.match(nonce):
        raise refuse("malformed nonce", "Nonce sai định dạng.")
    unit = session.get(Unit, unit_id)
    pub = unit_public_key(unit) if unit is not None else None
    if unit is None or pub is None:
        raise refuse("unknown or not enrolled unit", "Cụm loa không tồn tại hoặc chưa đăng ký.")
    if not verify_request(
        pub,
        method=method,
        path=path,
        unit_id=unit_id,
        timestamp=ts,
        nonce=nonce,
        body=body,
        signature=sig,
        query=query,
        headers=headers,
    ):
        raise refuse("bad request signature", "Chữ ký yêu cầu không hợp lệ.")
    if not nonces.add(unit_id, nonce, now_s, session=session, ts=int(ts)):
        raise refuse(
            "replayed request (nonce already used)", "Yêu cầu bị phát lại (nonce đã dùng)."
        )
    return unit


# --------------------------------------------------------------------------- bundles


def area_path_ids(session: Session, area_id: int) -> list[str]:
    area = session.get(Area, area_id)
    if area is None:
        return [str(area_id)]
    ids = [p for p in (area.path or "").split("/") if p]
    if str(area_id) not in ids:
        ids.append(str(area_id))
    return ids


def _reaching(session: Session, unit: Unit) -> Any:
    """Publications addressed to the unit, or to any area above (or at) its area."""
    areas = area_path_ids(session, unit.area_id)
    return or_(
        (col(Publication.target_kind) == "unit") & (col(Publication.target_id) == unit.id),
        (col(Publication.target_kind) == "area") & (col(Publication.target_id).in_(areas)),
    )


def bundle_for_unit(session: Session, unit: Unit) -> Publication | None:
    """The newest publication for the unit or any area above (or at) its area."""
    stmt = (
        select(Publication)
        .where(_reaching(session, unit))
        .order_by(col(Publication.issued_at).desc(), col(Publication.id).desc())
        .limit(1)
    )
    return session.exec(stmt).first()


class Periodic:
    """Due at most once per ``every_s`` seconds of the clock passed in, in this process: for
    maintenance that requests run now and then rather than each time. A clock that goes back
    makes it due again."""

    def __init__(self, every_s: float) -> None:
        self.every = timedelta(seconds=every_s)
        self._next: datetime | None = None
        self._lock = threading.Lock()

    def due(self, now: datetime) -> bool:
        now = _aware(now)
        with self._lock:
            if self._next is not None and self._next - self.every <= now < self._next:
                return False
            self._next = now + self.every
            return True


def bundle_to_serve(
    session: Session,
    unit: Unit,
    *,
    now: datetime,
    publisher: publishing.Publisher | None,
    expiry: Periodic | None = None,
) -> Publication | None:
    """The unit's bundle, never one that carries an item no longer approved: approvals past
    their end expire now and their bundles are re-issued (``publishing.check_served``) —
    every time, or when ``expiry`` is due; the bundle served is checked at ``now`` either way.
    When it cannot be re-issued, ``publishing.BundleWithheld``. The caller commits."""
    return publishing.check_served(
        session,
        bundle_for_unit(session, unit),
        now=now,
        publisher=publisher,
        find=lambda: bundle_for_unit(session, unit),
        expire=expiry is None or expiry.due(now),
    )


def delivered_version_ids(session: Session, unit: Unit) -> set[int]:
    """Every script version some bundle addressed to the unit (or its areas) carried."""
    out: set[int] = set()
    for ids in session.exec(select(Publication.version_ids).where(_reaching(session, unit))).all():
        out.update(int(v) for v in ids or ())
    return out


# --------------------------------------------------------------------------- as-run push


@dataclass
class PushResult:
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    last_seq: int = 0
    flags: list[str] = field(default_factory=list)
    bad_seq: int | None = None
    reason: str = ""
    reason_vi: str = ""
    stored_bytes: int = 0  # what the batch stores, against the unit's daily budget

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "last_seq": self.last_seq,
            "flags": self.flags,
        }
        if self.rejected:
            out.update(bad_seq=self.bad_seq, reason=self.reason, reason_vi=self.reason_vi)
        return out


def _us_to_dt(value: Any) -> datetime | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**17:
        return datetime.fromtimestamp(value / 1_000_000, UTC)
    return None


def _version_id(item: Any) -> int | None:
    if isinstance(item, str):
        m = re.fullmatch(r"v(\d{1,12})", item)
        if m:
            return int(m.group(1))
    return None


# Per database (engine): version id → (topic code, until). Keyed by engine so two databases
# in one process (tests, a migration next to the live app) never see each other's ids.
_TOPIC_CACHE: weakref.WeakKeyDictionary[Any, dict[int, tuple[str | None, float]]] = (
    weakref.WeakKeyDictionary()
)


class _Lookups:
    def __init__(self, session: Session, now: datetime | None = None) -> None:
        self.session = session
        self.now = _aware(now) or datetime.now(UTC)
        self.topics: dict[int, str | None] = {}
        self.areas: dict[int, bool] = {}
        self.paths: dict[int, str | None] = {}
        self.delivered: dict[str, set[int]] = {}
        self.created: dict[int, datetime | None] = {}
        self.lengths: dict[int, float | None] = {}
        self.emergencies: dict[str, tuple[datetime | None, float | None]] = {}

    def version_created(self, version_id: int | None) -> datetime | None:
        """When the script version was written (None: no such version)."""
        if version_id is None:
            return None
        if version_id not in self.created:
            version = self.session.get(ScriptVersion, version_id)
            self.created[version_id] = _aware(version.created_at) if version else None
        return self.created[version_id]

    def length_s(self, version_id: int | None) -> float | None:
        """How long the version's audio is (its render), None when unknown."""
        if version_id is None:
            return None
        if version_id not in self.lengths:
            version = self.session.get(ScriptVersion, version_id)
            length = version.render_duration_s if version is not None else None
            known = isinstance(length, int | float) and math.isfinite(length) and length > 0
            self.lengths[version_id] = float(length) if known and length is not None else None
        return self.lengths[version_id]

    def emergency_bounds(self, item: str) -> tuple[datetime | None, float | None]:
        """When the emergency ``item`` (``emergency-<id>``) was issued, and how long its audio
        is: a play of it cannot start before the one nor last longer than the other."""
        if item not in self.emergencies:
            em = self.session.get(Emergency, item.removeprefix("emergency-"))
            issued = _aware(em.issued_at) if em is not None and em.issued_at else None
            asset = (
                self.session.get(Asset, em.audio_sha256)
                if em is not None and em.audio_sha256
                else None
            )
            length = asset.duration_s if asset is not None else None
            known = isinstance(length, int | float) and math.isfinite(length) and length > 0
            self.emergencies[item] = (issued, float(length) if known and length else None)
        return self.emergencies[item]

    def delivered_to(self, unit: Unit) -> set[int]:
        if unit.id not in self.delivered:
            self.delivered[unit.id] = delivered_version_ids(self.session, unit)
        return self.delivered[unit.id]

    def path(self, area_id: int) -> str | None:
        if area_id not in self.paths:
            area = self.session.get(Area, area_id)
            self.paths[area_id] = area.path if area is not None else None
        return self.paths[area_id]

    def place(self, unit: Unit, claimed: int | None) -> int:
        """Where the entry counts: the area it names when that lies within the unit's own
        area (a village of its commune, a commune a mobile rig of the district drove to),
        else the unit's area. A unit never places airtime in another commune."""
        if claimed is None or claimed == unit.area_id:
            return unit.area_id
        own, there = self.path(unit.area_id), self.path(claimed)
        if own and there and there.startswith(own):
            return claimed
        return unit.area_id

    def topic_of(self, version_id: int | None) -> str | None:
        if version_id is None:
            return None
        if version_id not in self.topics:
            cache = _TOPIC_CACHE.setdefault(self.session.get_bind(), {})
            cached = cache.get(version_id)
            if cached is not None and cached[1] > time.monotonic():
                self.topics[version_id] = cached[0]
                return cached[0]
            row = self.session.exec(
                select(Topic.code)
                .join(Script, col(Script.topic_id) == Topic.id)
                .join(ScriptVersion, col(ScriptVersion.script_id) == Script.id)
                .where(ScriptVersion.id == version_id)
            ).first()
            self.topics[version_id] = row
            if len(cache) > 50_000:
                cache.clear()
            cache[version_id] = (row, time.monotonic() + 300)
        return self.topics[version_id]

    def area(self, value: Any) -> int | None:
        if isinstance(value, str) and value.isdigit() and len(value) < 12:
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if value not in self.areas:
            self.areas[value] = self.session.get(Area, value) is not None
        return value if self.areas[value] else None


def record_from_body(
    unit: Unit, row: StoredRow, data: dict[str, Any], look: _Lookups
) -> AsRunRecord:
    values = record_values(unit, row, data, look)
    values.pop("time_given")
    values.pop("duration_given")
    return AsRunRecord(**values)


def record_values(
    unit: Unit, row: StoredRow, data: dict[str, Any], look: _Lookups
) -> dict[str, Any]:
    """The AsRunRecord columns of one verified entry (denormalised from its signed body).

    The unit says what it played; the server decides what that counts as (issue 12): the
    area is the unit's own (``_Lookups.place``), the topic is the one of the script version
    the item names — only if some bundle delivered that version to this unit. An item never
    delivered is kept (the chain stays whole) but marked ``undelivered``: reports skip it and
    ``push_asrun`` flags it.
    """
    fields = data.get("fields")
    f: dict[str, Any] = fields if isinstance(fields, dict) else {}
    item = f.get("item") if isinstance(f.get("item"), str) else None
    vid = _version_id(item)
    if vid is None and isinstance(f.get("script_version_id"), str | int):
        vid = _version_id(f"v{f['script_version_id']}")
    named = item is not None or vid is not None
    delivered = vid is not None and vid in look.delivered_to(unit)
    if not delivered and item is not None and item.startswith("emergency-"):
        delivered = emergency.delivered_to(look.session, unit, item)  # an emergency's play
    topic = look.topic_of(vid) if delivered else None
    dur_us = f.get("duration_played_us")
    duration = (
        dur_us / 1e6 if isinstance(dur_us, int | float) and not isinstance(dur_us, bool) else None
    )
    actual = _us_to_dt(f.get("actual_start_us"))
    if actual is None and row.kind in ("finished", "failed"):
        logged = _us_to_dt(data.get("logged_us"))
        if logged is not None and duration is not None:
            actual = logged - timedelta(seconds=duration)
        else:
            actual = _us_to_dt(f.get("scheduled_start_us")) or logged
    if actual is None:
        actual = _us_to_dt(f.get("scheduled_start_us")) or _us_to_dt(data.get("logged_us"))
    gps_field = f.get("gps")
    gps: dict[str, Any] = gps_field if isinstance(gps_field, dict) else {}

    def num(v: Any) -> float | None:
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    def text(v: Any, n: int) -> str | None:
        return db_text(v)[:n] if isinstance(v, str) else None

    bseq = f.get("bundle_seq")
    not_before, length_s = look.version_created(vid), look.length_s(vid)
    if vid is None and delivered and item is not None:  # an emergency's play: its own bounds
        not_before, length_s = look.emergency_bounds(item)
    told = actual
    actual = believed_time(actual, not_before=not_before, now=look.now)
    given = duration
    duration = believed_duration(duration, length_s=length_s, start=actual, now=look.now)
    return dict(
        unit_id=unit.id,
        seq=row.seq,
        entry_hash=row.entry_hash,
        prev_hash=row.prev_hash,
        kind=row.kind,
        item_id=text(item, 64),
        audio_sha256=text(f.get("audio_sha256"), 64),
        approval_id=text(f.get("approval_id"), 64),
        bundle_sequence=(
            bseq
            if isinstance(bseq, int) and not isinstance(bseq, bool) and 0 <= bseq <= MAX_DB_INT
            else None
        ),
        script_version_id=vid,
        topic_code=text(topic, 40),
        area_id=look.place(unit, look.area(f.get("area_id", f.get("area")))),
        undelivered=named and not delivered,
        scheduled_start=_us_to_dt(f.get("scheduled_start_us")),
        actual_start=actual,
        duration_s=duration,
        reason=text(f.get("reason"), 2000),
        gps_lat=num(gps.get("lat")),
        gps_lon=num(gps.get("lon")),
        body=row.body,
        signature=row.signature,
        received_at=look.now,
        time_given=told if told != actual else None,
        duration_given=given if given != duration else None,
    )


# A play may run a little past its audio's measured length (frames counted at the device's
# rate, rounding): this much, and this share of the length, is not questioned.
LENGTH_SLACK_S = 2.0
LENGTH_SLACK_SHARE = 0.01


def believed_duration(
    played_s: float | None, *, length_s: float | None, start: datetime | None, now: datetime
) -> float | None:
    """How long a unit says it played, bounded by what can be true: never negative (None: a
    negative length would take airtime off the other units of the report), never longer than
    the item's audio (``length_s``, with a little slack) nor than the time from its start to
    the panel's clock (plus the clock window). The unit's own words stay in the signed entry;
    ``push_asrun`` flags a changed length (``bad_duration``, docs/security.md 25)."""
    if played_s is None:
        return None
    if not math.isfinite(played_s) or played_s < 0:
        return None
    cap = math.inf
    if length_s is not None:
        cap = length_s * (1 + LENGTH_SLACK_SHARE) + LENGTH_SLACK_S
    if start is not None:
        elapsed = (_aware(now) - _aware(start)).total_seconds() + CLOCK_WINDOW_S
        cap = min(cap, max(elapsed, 0.0))
    return min(played_s, cap)


def db_text(value: str) -> str:
    """A unit's string as a text column can hold it: PostgreSQL refuses NUL (a 500 on every
    push or heartbeat that carried one). The signed body keeps the unit's own words."""
    return value.replace("\x00", "")


def believed_time(
    at: datetime | None, *, not_before: datetime | None, now: datetime
) -> datetime | None:
    """The time a unit gives for what it played, or ``now`` (when it arrived) if that time
    cannot be true: later than the panel's clock plus the clock window, or earlier than the
    thing played existed (less the window). A unit offline for days sends old times: those
    are believed. The unit's own words stay in the signed entry; ``push_asrun`` and
    ``emergency.record_played`` flag the replaced time (``bad_time``, docs/security.md 22)."""
    if at is None:
        return None
    at, now = _aware(at), _aware(now)
    window = timedelta(seconds=CLOCK_WINDOW_S)
    if at > now + window or (not_before is not None and at < _aware(not_before) - window):
        return now
    return at


def _row_of(entry: Any) -> StoredRow | None:
    if not isinstance(entry, Mapping):
        return None
    seq, kind, body = entry.get("seq"), entry.get("kind"), entry.get("body")
    prev, hash_, sig = (
        entry.get("prev_hash"),
        entry.get("hash", entry.get("entry_hash")),
        entry.get("signature"),
    )
    if (
        type(seq) is not int
        or not 1 <= seq <= MAX_DB_INT
        or not isinstance(kind, str)
        or not isinstance(body, str)
        or not isinstance(prev, str)
        or not isinstance(hash_, str)
        or not isinstance(sig, str)
    ):
        return None
    if len(body) > 64_000 or len(kind) > 12 or not _HEX64.match(prev) or len(sig) > 128:
        return None
    if not kind.isprintable():  # a NUL or a line break: no entry kind has one
        return None
    return StoredRow(seq=seq, kind=kind, body=body, prev_hash=prev, entry_hash=hash_, signature=sig)


_UNIT_LOCKS: dict[str, threading.Lock] = {}
_UNIT_LOCKS_GUARD = threading.Lock()


def unit_lock(unit_id: str) -> threading.Lock:
    """One push at a time per unit in this process (the DB row lock covers PostgreSQL)."""
    with _UNIT_LOCKS_GUARD:
        lock = _UNIT_LOCKS.get(unit_id)
        if lock is None:
            lock = _UNIT_LOCKS[unit_id] = threading.Lock()
        return lock


_SQLITE_WRITES = threading.Lock()


def write_lock(session: Session) -> Any:
    """On SQLite, one sync write transaction at a time in this process: waiting on a lock is
    fair and prompt, while SQLite's busy handler sleeps in growing steps (the p99 tail).
    Other databases lock rows themselves."""
    if session.get_bind().dialect.name == "sqlite":
        return _SQLITE_WRITES
    return contextlib.nullcontext()


def _flag(
    session: Session, unit: Unit, kind: str, detail: str, now: datetime, result: PushResult
) -> None:
    flag = SyncFlag(unit_id=unit.id, kind=kind, detail=detail[:2000], at=_aware(now))
    session.add(flag)
    result.flags.append(kind)
    result.stored_bytes += FLAG_ROW_BYTES + len(flag.kind) + len(flag.detail.encode("utf-8"))


# What a stored row costs against the daily budget beyond its strings (numbers, dates, the
# row header and index entries): an estimate on the high side.
ASRUN_ROW_BYTES = 256
FLAG_ROW_BYTES = 128
DAY_S = 86_400


def record_bytes(values: Mapping[str, Any]) -> int:
    """The bytes one as-run row stores: its strings (the body, the signature, the hashes and
    the fields copied out of the body) and ``ASRUN_ROW_BYTES``."""
    return ASRUN_ROW_BYTES + sum(
        len(v.encode("utf-8")) for v in values.values() if isinstance(v, str)
    )


def budget_day(now: datetime) -> int:
    """The UTC day of ``now``, in days since 1970-01-01: the budget's counting day."""
    return int(_aware(now).timestamp()) // DAY_S


def _charge(session: Session, unit_id: str, cost: int, now: datetime, budget: int) -> bool:
    """Add ``cost`` to the unit's bytes of the day if they stay within ``budget``; False (and
    nothing changed) if not. One UPDATE whose WHERE holds the check, so concurrent uploads,
    in this process or another, cannot pass the budget together. A new UTC day starts from
    0, and the first batch of a day is always taken (a budget below one batch still lets one
    a day through, so a unit's backlog cannot be stuck for good)."""
    t = Unit.__table__  # type: ignore[attr-defined]
    day = budget_day(now)
    used = case((t.c.asrun_budget_day == day, t.c.asrun_budget_used), else_=0)
    stmt = (
        update(t)
        .where(t.c.id == unit_id, or_(used + cost <= budget, used == 0))
        .values(asrun_budget_day=day, asrun_budget_used=used + cost)
    )
    return bool(session.connection().execute(stmt).rowcount)


def _refuse_over_budget(
    session: Session, unit_id: str, cost: int, now: datetime, budget: int
) -> OverBudget:
    """Undo the whole batch (its rows and flags), flag the unit over_budget once a UTC day,
    and answer the refusal for the caller to raise after committing the flag."""
    session.rollback()
    day = budget_day(now)
    t = Unit.__table__  # type: ignore[attr-defined]
    first = session.connection().execute(
        update(t)
        .where(t.c.id == unit_id, t.c.asrun_budget_flagged != day)
        .values(asrun_budget_flagged=day)
    )
    if first.rowcount:
        session.add(
            SyncFlag(
                unit_id=unit_id,
                kind="over_budget",
                detail=f"as-run uploads over the daily budget of {budget} bytes (UTC day); "
                + (f"refused a batch of {cost} bytes" if cost else "refused a batch")
                + "; later batches are refused until the next UTC day and stay on the unit",
                at=_aware(now),
            )
        )
    retry_after = DAY_S - int(_aware(now).timestamp()) % DAY_S
    return OverBudget(
        f"over the unit's daily budget of {budget} bytes stored; nothing of this batch was "
        f"stored, retry after {retry_after} s (the next UTC day)",
        f"Cụm loa đã dùng hết hạn mức lưu trữ trong ngày ({budget} byte); lô này không được "
        f"lưu, các mục vẫn được giữ trên cụm loa; thử lại sau {retry_after} giây (ngày mới "
        "theo giờ UTC, 7 giờ sáng giờ Việt Nam).",
        retry_after,
    )


def _flag_attribution(
    session: Session,
    unit: Unit,
    row: StoredRow,
    data: dict[str, Any],
    values: dict[str, Any],
    look: _Lookups,
    now: datetime,
    result: PushResult,
) -> None:
    """Flag what the unit claimed and the server did not accept (see ``record_values``)."""
    if values["undelivered"]:
        _flag(
            session,
            unit,
            "undelivered",
            f"seq {row.seq}: item {values['item_id']!r} was never delivered to this unit",
            now,
            result,
        )
    fields = data.get("fields")
    f: dict[str, Any] = fields if isinstance(fields, dict) else {}
    claimed = f.get("area_id", f.get("area"))
    if claimed is not None and look.area(claimed) != values["area_id"]:
        _flag(
            session,
            unit,
            "foreign_area",
            f"seq {row.seq}: area {str(claimed)[:40]!r} is not the unit's; counted in area "
            f"{values['area_id']}",
            now,
            result,
        )


def push_asrun(
    session: Session,
    unit: Unit,
    entries: Sequence[Any],
    now: datetime,
    *,
    daily_budget: int | None = None,
) -> PushResult:
    """Store a batch of signed as-run entries; see the module docstring for the rules.

    The caller commits (flags of a rejected batch are kept too) and should hold
    :func:`unit_lock`. With ``daily_budget`` (bytes), what the batch stores (rows and flags)
    counts against the unit's bytes of the UTC day; over it, nothing of the batch is stored,
    the session is rolled back and holds one over_budget flag a day, and :class:`OverBudget`
    is raised: the caller commits, then answers 429.
    """
    unit_id = unit.id
    if not isinstance(entries, Sequence) or isinstance(entries, str | bytes):
        raise ValidationError(
            "entries must be a list", "entries phải là một danh sách", field="entries"
        )
    if len(entries) > MAX_BATCH:
        raise ValidationError(
            f"at most {MAX_BATCH} entries per batch",
            f"Tối đa {MAX_BATCH} mục mỗi lô.",
            field="entries",
        )
    if session.get_bind().dialect.name != "sqlite":  # SQLite has one writer anyway
        unit = session.get(Unit, unit.id, with_for_update=True, populate_existing=True) or unit
    if (
        daily_budget is not None
        and entries
        and unit.asrun_budget_day == budget_day(now)
        and unit.asrun_budget_used >= daily_budget
    ):
        # The day is already full, so no batch that stores a byte can fit: refused before a
        # signature is checked (a unit over budget sends its batch again every poll).
        raise _refuse_over_budget(session, unit_id, 0, now, daily_budget)
    result = PushResult(last_seq=unit.asrun_last_seq)
    pub = unit_public_key(unit)
    rows: list[StoredRow | None] = [_row_of(e) for e in entries]
    hashes = [r.entry_hash for r in rows if r is not None]
    stored: set[str] = set()
    if hashes:
        stored = set(
            session.exec(
                select(AsRunRecord.entry_hash).where(
                    AsRunRecord.unit_id == unit.id, col(AsRunRecord.entry_hash).in_(hashes)
                )
            ).all()
        )
    # Out of order inside the batch: refuse all of it before storing anything.
    seqs = [r.seq for r in rows if r is not None]
    if any(b <= a for a, b in itertools.pairwise(seqs)):
        bad = next(b for a, b in itertools.pairwise(seqs) if b <= a)
        _flag(
            session,
            unit,
            "reordered",
            f"batch not in increasing seq order at seq {bad}",
            now,
            result,
        )
        result.rejected, result.bad_seq = len(rows), bad
        result.reason = "entries out of order"
        result.reason_vi = "Các mục nhật ký không đúng thứ tự."
        if daily_budget is not None and not _charge(
            session, unit_id, result.stored_bytes, now, daily_budget
        ):
            raise _refuse_over_budget(session, unit_id, result.stored_bytes, now, daily_budget)
        return result
    look = _Lookups(session, now)
    new_rows: list[dict[str, Any]] = []
    last_seq = unit.asrun_last_seq
    last_hash = unit.asrun_last_hash or GENESIS_HASH
    for raw, row in zip(entries, rows, strict=True):
        if row is not None and row.entry_hash in stored:
            result.duplicates += 1
            continue

        def reject(kind: str, en: str, vi: str, seq: Any) -> None:
            _flag(session, unit, kind, f"seq {seq}: {en}", now, result)
            result.rejected = 1
            result.bad_seq = seq if isinstance(seq, int) else None
            result.reason, result.reason_vi = en, vi

        if row is None:
            seq = raw.get("seq") if isinstance(raw, Mapping) else None
            reject("forged", "malformed entry", "Mục nhật ký sai định dạng.", seq)
            break
        problem = check_row(row, expected_seq=None, prev_hash=None, public_key=pub, unit_id=unit.id)
        if problem == "signature invalid" and unit.asrun_last_seq:
            reject(
                "bad_signature",
                f"{problem}: not signed by the unit's enrolled key (written before the unit "
                "was enrolled again with a new key?); the entries stay on the unit",
                f"Mục số {row.seq} không được ký bằng khóa đã đăng ký của cụm loa (ghi trước "
                "khi cụm loa đăng ký lại với khóa mới?); các mục vẫn được giữ trên cụm loa.",
                row.seq,
            )
            break
        if problem:
            kind = "bad_signature" if "signature" in problem else "forged"
            reject(kind, problem, "Mục nhật ký bị giả mạo hoặc chữ ký sai.", row.seq)
            break
        if row.seq <= last_seq:
            reject(
                "reordered",
                f"seq {row.seq} arrives after seq {last_seq} and is not the entry stored "
                f"there: the unit's as-run log does not continue the chain the panel stored "
                f"(next seq {last_seq + 1}); the entries stay on the unit",
                f"Mục số {row.seq} đến sau mục số {last_seq} và không phải mục đã lưu ở đó: "
                f"nhật ký phát của cụm loa không nối tiếp chuỗi máy chủ đã lưu (mục kế tiếp "
                f"phải là số {last_seq + 1}); các mục vẫn được giữ trên cụm loa.",
                row.seq,
            )
            break
        if row.seq == last_seq + 1 and row.prev_hash != last_hash:
            reject(
                "forged",
                f"prev_hash does not match the stored chain: entry {row.seq} must name the "
                f"hash of stored entry {last_seq} ({last_hash[:12]}…); the unit's as-run log "
                "is another chain (a new SD card enrolled without continuing the stored "
                "one?); the entries stay on the unit",
                f"Chuỗi băm không khớp với nhật ký đã lưu: mục số {row.seq} phải nối tiếp mục "
                f"số {last_seq} đã lưu ({last_hash[:12]}…); nhật ký trên cụm loa là một chuỗi "
                "khác (thẻ nhớ mới đăng ký mà không nối tiếp chuỗi đã lưu?); các mục vẫn được "
                "giữ trên cụm loa.",
                row.seq,
            )
            break
        if row.seq > last_seq + 1:
            _flag(
                session, unit, "gap", f"entries {last_seq + 1}..{row.seq - 1} missing", now, result
            )
        data = json.loads(row.body)
        values = record_values(unit, row, data, look)
        _flag_attribution(session, unit, row, data, values, look, now, result)
        told = values.pop("time_given")
        given = values.pop("duration_given")
        if given is not None:
            kept = values["duration_s"]
            _flag(
                session,
                unit,
                "bad_duration",
                f"seq {row.seq}: played for {given:g} s cannot be true (negative, longer than "
                f"item {values['item_id']!r}, or than the time since it started); counted as "
                f"{'nothing' if kept is None else f'{kept:g} s'}",
                now,
                result,
            )
        if told is not None:
            _flag(
                session,
                unit,
                "bad_time",
                f"seq {row.seq}: played at {told.isoformat()} cannot be true (after the "
                f"panel's clock, or before item {values['item_id']!r} existed); counted at "
                f"its arrival {values['actual_start'].isoformat()}",
                now,
                result,
            )
        new_rows.append(values)
        result.stored_bytes += record_bytes(values)
        stored.add(row.entry_hash)
        last_seq, last_hash = row.seq, row.entry_hash
        result.accepted += 1
    if (
        daily_budget is not None
        and result.stored_bytes
        and not _charge(session, unit_id, result.stored_bytes, now, daily_budget)
    ):
        raise _refuse_over_budget(session, unit_id, result.stored_bytes, now, daily_budget)
    try:
        if new_rows:  # one executemany on the connection: the ORM's bulk path costs more
            session.connection().execute(insert(AsRunRecord), new_rows)
        if result.accepted:
            unit.asrun_last_seq, unit.asrun_last_hash = last_seq, last_hash
            session.add(unit)
        session.flush()
    except IntegrityError as exc:  # a concurrent push of the same entries won the race
        session.rollback()
        raise LoaError("concurrent upload, retry", "Đang tải lên đồng thời, hãy thử lại.") from exc
    result.last_seq = last_seq
    return result


# --------------------------------------------------------------------------- heartbeat


def heartbeat(
    session: Session, unit: Unit, payload: Mapping[str, Any], now: datetime
) -> dict[str, Any]:
    """Keep the latest heartbeat on the unit row; answers what the unit needs to know."""
    if not isinstance(payload, Mapping):
        raise ValidationError("heartbeat must be an object", "Nhịp tim phải là một đối tượng JSON.")
    data = dict(payload)
    if len(json.dumps(data, default=str)) > MAX_HEARTBEAT_BYTES:
        raise ValidationError("heartbeat too large", "Nhịp tim quá lớn.")
    bseq = data.get("bundle_sequence")
    if isinstance(bseq, int) and not isinstance(bseq, bool) and 0 <= bseq <= MAX_DB_INT:
        unit.bundle_sequence = bseq
    eseq = data.get("emergency_sequence")  # read by emergency.reported_emergency_sequence
    if (
        isinstance(eseq, int)
        and not isinstance(eseq, bool)
        and 0 <= eseq <= publishing.MAX_SEQUENCE
    ):
        unit.emergency_sequence = eseq
    sv = data.get("software_version")
    if isinstance(sv, str):
        unit.software_version = db_text(sv)[:40]
    unit.last_heartbeat = data
    unit.last_seen_at = _aware(now)
    session.add(unit)
    return {"asrun_last_seq": unit.asrun_last_seq, "server_time": int(_aware(now).timestamp())}

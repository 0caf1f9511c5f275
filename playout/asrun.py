"""The as-run log: every broadcast event, hash-chained and Ed25519-signed, in SQLite (WAL, FULL).

Each entry's body is canonical JSON (sorted keys, no spaces, UTF-8, NFC text) holding its seq,
kind, unit id, the previous entry's hash and the fields. hash = sha256(body); signature =
Ed25519(unit key, DOMAIN + hash). A one-row `head` table, signed and updated in the same
transaction, names the last entry, so deleting the newest rows is caught as well.
Export format (JSON lines) carries `"v": 1`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64
DOMAIN = b"loa-asrun-v1\n"
HEAD_DOMAIN = b"loa-asrun-head-v1\n"
KINDS = ("armed", "started", "finished", "failed", "skipped")
# Field names the daemon is expected to use (others are allowed, JSON values only).
KNOWN_FIELDS = (
    "item",  # item id in the bundle
    "audio_sha256",
    "approval_id",
    "bundle_seq",
    "token",
    "scheduled_start_us",  # wall µs since epoch (UTC)
    "actual_start_us",
    "duration_played_us",
    "frames_played",
    "relay_states",  # {"amplifier": true, "zone:a": false}
    "gps",  # GpsFix.as_dict()
    "reason",  # why it failed or was skipped
)
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_HEX128 = re.compile(r"[0-9a-f]{128}\Z")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS asrun (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL
);
"""


class AsRunError(Exception):
    """The as-run log refused an entry (bad kind or field)."""


# --------------------------------------------------------------------------- canonical JSON


def _normalise(value: Any, path: str = "") -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AsRunError(f"{path or 'value'}: non-finite number")
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise AsRunError(f"{path}: keys must be text")
            out[unicodedata.normalize("NFC", k)] = _normalise(v, f"{path}.{k}")
        return out
    if isinstance(value, list | tuple):
        return [_normalise(v, f"{path}[]") for v in value]
    raise AsRunError(f"{path or 'value'}: {type(value).__name__} is not JSON")


def canonical_json(obj: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text, NFC strings, finite numbers only."""
    return json.dumps(_normalise(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _head_message(seq: int, hash_: str) -> bytes:
    return HEAD_DOMAIN + f"{seq}:{hash_}".encode("ascii")


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    seq: int
    kind: str
    unit_id: str
    logged_us: int
    fields: dict[str, Any]
    prev_hash: str
    hash: str
    signature: str
    body: str  # the exact canonical JSON that was hashed

    def to_export(self) -> dict[str, Any]:
        return {
            "v": FORMAT_VERSION,
            "seq": self.seq,
            "kind": self.kind,
            "body": json.loads(self.body),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "signature": self.signature,
        }


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int  # entries checked good before the first problem (all of them when ok)
    first_bad_seq: int | None = None
    reason: str = ""


def _entry_from_row(row: tuple[Any, ...]) -> Entry:
    seq, kind, body, prev_hash, hash_, sig = row
    data = json.loads(body) if isinstance(body, str) else {}
    return Entry(seq, kind, data.get("unit_id", ""), data.get("logged_us", 0),
                 data.get("fields", {}), prev_hash, hash_, sig, body)


def verify_rows(
    rows: Iterable[tuple[Any, ...]],
    public_key: Ed25519PublicKey,
    *,
    head: tuple[Any, ...] | None,
    require_head: bool = True,
    expect_unit_id: str | None = None,
) -> VerifyResult:
    """Check a chain of (seq, kind, body, prev_hash, hash, signature) rows, in order, and the head
    (seq, hash, signature). Pure: no database, usable on an export too."""
    prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    for row in rows:
        seq = row[0]
        bad = _check_row(row, expected_seq, prev, public_key, expect_unit_id)
        if bad:
            return VerifyResult(False, count, seq if isinstance(seq, int) else expected_seq, bad)
        prev = row[4]
        expected_seq += 1
        count += 1
    # the head names the last entry (and is absent only for an empty log)
    if head is None:
        if count and require_head:
            return VerifyResult(False, count, count, "head record missing")
        return VerifyResult(True, 0)
    h_seq, h_hash, h_sig = head
    if type(h_seq) is not int or h_seq != count or h_hash != (prev if count else None):
        return VerifyResult(False, count, count + 1 if isinstance(h_seq, int) and h_seq > count
                            else count, "head does not name the last entry (rows deleted?)")
    if not isinstance(h_sig, str) or not _HEX128.match(h_sig):
        return VerifyResult(False, count, count, "head signature malformed")
    try:
        public_key.verify(bytes.fromhex(h_sig), _head_message(h_seq, h_hash))
    except InvalidSignature:
        return VerifyResult(False, count, count, "head signature invalid")
    return VerifyResult(True, count)


def _check_row(row: tuple[Any, ...], expected_seq: int, prev: str,
               public_key: Ed25519PublicKey, expect_unit_id: str | None) -> str:
    seq, kind, body, prev_hash, hash_, sig = row
    if type(seq) is not int or seq != expected_seq:
        return f"sequence gap: expected {expected_seq}, found {seq!r}"
    if not all(isinstance(x, str) for x in (kind, body, prev_hash, hash_, sig)):
        return "a column has the wrong type"
    if prev_hash != prev:
        return "prev_hash does not match the previous entry"
    if not _HEX64.match(hash_) or _sha256(body) != hash_:
        return "hash does not match the body"
    if not _HEX128.match(sig):
        return "signature malformed"
    try:
        public_key.verify(bytes.fromhex(sig), DOMAIN + bytes.fromhex(hash_))
    except InvalidSignature:
        return "signature invalid"
    try:
        data = json.loads(body)
    except ValueError:
        return "body is not JSON"
    if not isinstance(data, dict) or canonical_json(data) != body:
        return "body is not canonical JSON"
    if data.get("seq") != seq or data.get("kind") != kind or data.get("prev_hash") != prev_hash:
        return "columns disagree with the signed body"
    if data.get("v") != FORMAT_VERSION:
        return f"unknown entry version {data.get('v')!r}"
    if expect_unit_id is not None and data.get("unit_id") != expect_unit_id:
        return f"entry from unit {data.get('unit_id')!r}, expected {expect_unit_id!r}"
    return ""


def verify_jsonl(lines: Iterable[str], public_key: Ed25519PublicKey) -> VerifyResult:
    """Verify an export (the server checks uploads with this). An export has no head, so it
    cannot show that its newest entries were cut off; the server compares sequence numbers."""
    rows = []
    for line in lines:
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("v") != FORMAT_VERSION:
            return VerifyResult(False, len(rows), d.get("seq"), f"unknown export version {d.get('v')!r}")
        rows.append((d.get("seq"), d.get("kind"), canonical_json(d.get("body")), d.get("prev_hash"),
                     d.get("hash"), d.get("signature")))
    return verify_rows(rows, public_key, head=None, require_head=False)


# --------------------------------------------------------------------------- the log


class AsRunLog:
    """Append-only, one writer at a time (BEGIN IMMEDIATE serialises processes too)."""

    def __init__(
        self,
        path: str | Path,
        *,
        unit_key: Ed25519PrivateKey | None,
        unit_id: str,
        clock: Any = None,
    ) -> None:
        """`unit_key` may be None to open read-only for verify/export. `clock` (hardware Clock)
        gives `logged_us`; default the system clock."""
        self.path = Path(path)
        self.unit_id = unit_id
        self._key = unit_key
        self._clock = clock
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                     timeout=30)
        mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise AsRunError(f"cannot put {self.path} in WAL mode (got {mode})")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> AsRunLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pragma(self, name: str) -> Any:
        if not name.isidentifier():
            raise ValueError(name)
        return self._conn.execute(f"PRAGMA {name}").fetchone()[0]

    def _now_us(self) -> int:
        wall = self._clock.wall() if self._clock is not None else datetime.now(UTC)
        return round(wall.timestamp() * 1_000_000)

    def append(self, kind: str, **fields: Any) -> Entry:
        if self._key is None:
            raise AsRunError("the log was opened without the unit key: read-only")
        if kind not in KINDS:
            raise AsRunError(f"unknown entry kind {kind!r}; one of {', '.join(KINDS)}")
        if kind in ("failed", "skipped") and not fields.get("reason"):
            raise AsRunError(f"a {kind} entry needs a reason")
        fields = _normalise(fields)
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                last = conn.execute("SELECT seq, hash FROM asrun ORDER BY seq DESC LIMIT 1").fetchone()
                seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
                logged_us = self._now_us()
                body = canonical_json({
                    "v": FORMAT_VERSION,
                    "seq": seq,
                    "kind": kind,
                    "unit_id": self.unit_id,
                    "logged_us": logged_us,
                    "prev_hash": prev,
                    "fields": fields,
                })
                hash_ = _sha256(body)
                sig = self._key.sign(DOMAIN + bytes.fromhex(hash_)).hex()
                head_sig = self._key.sign(_head_message(seq, hash_)).hex()
                conn.execute(
                    "INSERT INTO asrun (seq, kind, body, prev_hash, hash, signature)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (seq, kind, body, prev, hash_, sig),
                )
                conn.execute(
                    "INSERT INTO head (id, seq, hash, signature) VALUES (1, ?, ?, ?)"
                    " ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, hash=excluded.hash,"
                    " signature=excluded.signature",
                    (seq, hash_, head_sig),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return Entry(seq, kind, self.unit_id, logged_us, fields, prev, hash_, sig, body)

    def _rows(self) -> Iterator[tuple[Any, ...]]:
        return self._conn.execute(
            "SELECT seq, kind, body, prev_hash, hash, signature FROM asrun ORDER BY rowid"
        )

    def entries(self) -> Iterator[Entry]:
        for row in self._conn.execute(
            "SELECT seq, kind, body, prev_hash, hash, signature FROM asrun ORDER BY seq"
        ):
            yield _entry_from_row(row)

    def last(self) -> Entry | None:
        row = self._conn.execute(
            "SELECT seq, kind, body, prev_hash, hash, signature FROM asrun ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return None if row is None else _entry_from_row(row)

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM asrun").fetchone()[0]

    def verify(self, public_key: Ed25519PublicKey | bytes) -> VerifyResult:
        """Check every entry in storage order: seq 1..n without gaps, each prev_hash, hash and
        signature, the columns against the signed body, and the signed head."""
        if isinstance(public_key, bytes):
            public_key = Ed25519PublicKey.from_public_bytes(public_key)
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                head = self._conn.execute("SELECT seq, hash, signature FROM head WHERE id = 1").fetchone()
                heads = self._conn.execute("SELECT count(*) FROM head").fetchone()[0]
                result = verify_rows(self._rows(), public_key, head=head,
                                     expect_unit_id=self.unit_id)
            finally:
                self._conn.execute("COMMIT")
        if result.ok and heads != 1 and result.count:
            return VerifyResult(False, result.count, None, "head table altered")
        return result

    def export_jsonl(self, fh: IO[str], *, since_seq: int = 0) -> int:
        """Write entries after `since_seq` as JSON lines (`"v": 1`); returns how many."""
        n = 0
        for e in self.entries():
            if e.seq <= since_seq:
                continue
            fh.write(json.dumps(e.to_export(), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
        return n

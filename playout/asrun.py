"""The as-run log: every broadcast event, hash-chained and Ed25519-signed, in SQLite (WAL, FULL).

The entry format (canonical JSON body, hash = sha256(body), signature = Ed25519(unit key,
DOMAIN + hash)) and its checks are ``protocol.asrun_chain``, which the panel checks with too.
A one-row `head` table, signed and updated in the same transaction, names the last entry, so
deleting the newest rows is caught as well. Export format (JSON lines) carries `"v": 1`.

A log may start after seq 1: a unit enrolled again on a new SD card continues the chain the
panel stored for it (the enrol answer's ``asrun_continue``), so its first entry is the panel's
last seq + 1 and names the panel's last hash as ``prev_hash``. The one-row `base` table keeps
that starting point, signed with the unit key (``BASE_DOMAIN``); it is only ever set while the
log is empty (``start_after``), so it cannot move an existing chain, and removing it makes the
log fail its check (it no longer starts at seq 1).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from playout.errors import AsRunError
from protocol.asrun_chain import (
    FORMAT_VERSION,
    GENESIS_HASH,
    KINDS,
    StoredRow,
    VerifyResult,
    entry_body,
    entry_hash,
    head_message,
    sign_entry,
    sign_head,
    verify_chain,
    verify_rows,
)
from protocol.canonical import canonical_text, normalise
from protocol.keys import verify_signature

# Names this module has always offered (tests and tools import them from here).
__all__ = [
    "GENESIS_HASH",
    "KINDS",
    "AsRunError",
    "AsRunLog",
    "Entry",
    "VerifyResult",
    "canonical_json",
    "verify_jsonl",
    "verify_rows",
]
BASE_DOMAIN = b"loa-asrun-base-v1\n"
_HEX64 = frozenset("0123456789abcdef")
canonical_json = canonical_text  # the as-run body is text; the same rules as every signed JSON

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
CREATE TABLE IF NOT EXISTS base (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL
);
"""


def base_message(seq: int, hash_: str) -> bytes:
    """What the unit key signs for the log's starting point (the chain continues after it)."""
    return BASE_DOMAIN + f"{seq}:{hash_}".encode("ascii")


def valid_start(seq: Any, hash_: Any) -> bool:
    """A starting point a log may continue after: seq >= 1 and a sha256 in lower-case hex."""
    return (
        type(seq) is int
        and 1 <= seq < 2**62
        and isinstance(hash_, str)
        and len(hash_) == 64
        and set(hash_) <= _HEX64
        and hash_ != GENESIS_HASH
    )


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


def _entry_from_row(row: tuple[Any, ...]) -> Entry:
    seq, kind, body, prev_hash, hash_, sig = row
    data = json.loads(body) if isinstance(body, str) else {}
    return Entry(
        seq,
        kind,
        data.get("unit_id", ""),
        data.get("logged_us", 0),
        data.get("fields", {}),
        prev_hash,
        hash_,
        sig,
        body,
    )


def verify_jsonl(lines: Iterable[str], public_key: Ed25519PublicKey) -> VerifyResult:
    """Verify an export (the server checks uploads with this). An export has no head, so it
    cannot show that its newest entries were cut off; the server compares sequence numbers."""
    rows: list[tuple[Any, ...]] = []
    for line in lines:
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("v") != FORMAT_VERSION:
            return VerifyResult(
                False, len(rows), d.get("seq"), f"unknown export version {d.get('v')!r}"
            )
        try:
            body = canonical_text(d.get("body"))
        except (TypeError, ValueError) as exc:
            raise AsRunError(f"seq {d.get('seq')!r}: {exc}") from None
        rows.append(
            (
                d.get("seq"),
                d.get("kind"),
                body,
                d.get("prev_hash"),
                d.get("hash"),
                d.get("signature"),
            )
        )
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
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30
        )
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
        try:
            fields = normalise(fields, "fields")
        except (TypeError, ValueError) as exc:
            raise AsRunError(str(exc)) from None
        with self._writing() as conn:
            last = conn.execute("SELECT seq, hash FROM asrun ORDER BY seq DESC LIMIT 1").fetchone()
            if last is None:
                base = conn.execute("SELECT seq, hash FROM base WHERE id = 1").fetchone()
                last = base  # a log that continues the panel's chain starts after it
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
            logged_us = self._now_us()
            body = entry_body(
                seq=seq,
                kind=kind,
                unit_id=self.unit_id,
                logged_us=logged_us,
                prev_hash=prev,
                fields=fields,
            )
            hash_ = entry_hash(body)
            sig = sign_entry(self._key, hash_)
            head_sig = sign_head(self._key, seq, hash_)
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
        return Entry(seq, kind, self.unit_id, logged_us, fields, prev, hash_, sig, body)

    def base(self) -> tuple[int, str] | None:
        """(seq, hash) the log continues after, or None for a log that starts at seq 1."""
        row = self._conn.execute("SELECT seq, hash FROM base WHERE id = 1").fetchone()
        return None if row is None else (row[0], row[1])

    def start_after(self, seq: int, hash_: str) -> bool:
        """Make an empty log continue a chain that ends at ``seq`` with entry hash ``hash_``
        (its first entry will be seq + 1, naming ``hash_``). True when set; False when the log
        already holds entries (they are kept as they are, never rewritten)."""
        if self._key is None:
            raise AsRunError("the log was opened without the unit key: read-only")
        if not valid_start(seq, hash_):
            raise AsRunError(f"not a chain position to continue after: {seq!r} {hash_!r}")
        with self._writing() as conn:
            if conn.execute("SELECT count(*) FROM asrun").fetchone()[0]:
                return False  # nothing written: the empty transaction just ends
            sig = self._key.sign(base_message(seq, hash_)).hex()
            conn.execute(
                "INSERT INTO base (id, seq, hash, signature) VALUES (1, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, hash=excluded.hash,"
                " signature=excluded.signature",
                (seq, hash_, sig),
            )
        return True

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: this process's lock, then BEGIN IMMEDIATE (which serialises
        other processes); committed when the block ends, rolled back if it raises — or if the
        COMMIT itself fails (a full SD card): SQLite may leave that transaction open, and every
        later BEGIN would then fail until a restart."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def entry(self, seq: int) -> Entry | None:
        row = self._conn.execute(
            "SELECT seq, kind, body, prev_hash, hash, signature FROM asrun WHERE seq = ?", (seq,)
        ).fetchone()
        return None if row is None else _entry_from_row(row)

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
        count: int = self._conn.execute("SELECT count(*) FROM asrun").fetchone()[0]
        return count

    def verify(self, public_key: Ed25519PublicKey | bytes) -> VerifyResult:
        """Check every entry in storage order: seq 1..n without gaps, each prev_hash, hash and
        signature, the columns against the signed body, and the signed head."""
        if isinstance(public_key, bytes):
            public_key = Ed25519PublicKey.from_public_bytes(public_key)
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                head = self._conn.execute(
                    "SELECT seq, hash, signature FROM head WHERE id = 1"
                ).fetchone()
                heads = self._conn.execute("SELECT count(*) FROM head").fetchone()[0]
                base = self._conn.execute(
                    "SELECT seq, hash, signature FROM base WHERE id = 1"
                ).fetchone()
                if base is None:
                    result = verify_rows(
                        self._rows(), public_key, head=head, expect_unit_id=self.unit_id
                    )
                else:
                    result = _verify_after(
                        base, self._rows(), public_key, head=head, unit_id=self.unit_id
                    )
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


def _verify_after(
    base: tuple[Any, ...],
    rows: Iterable[tuple[Any, ...]],
    public_key: Ed25519PublicKey,
    *,
    head: tuple[Any, ...] | None,
    unit_id: str,
) -> VerifyResult:
    """``verify_rows`` for a log that continues after its signed base (seq, hash, signature):
    the first entry is base seq + 1 naming the base hash, and the head names the last one."""
    b_seq, b_hash, b_sig = base
    sig_ok = isinstance(b_sig, str) and len(b_sig) == 128 and set(b_sig) <= _HEX64
    if not (
        valid_start(b_seq, b_hash)
        and sig_ok
        and verify_signature(public_key, base_message(b_seq, b_hash), bytes.fromhex(b_sig))
    ):
        return VerifyResult(False, 0, None, "base record altered (signature invalid)")
    prev = StoredRow(b_seq, "", "", "", b_hash, "")
    chain = verify_chain(
        (StoredRow(*row) for row in rows), public_key=public_key, unit_id=unit_id, prev=prev
    )
    count = chain.checked
    last = b_seq + count
    if not chain.ok:
        bad = chain.first_bad_seq
        return VerifyResult(False, count, bad if isinstance(bad, int) else last + 1, chain.reason)
    if head is None:
        if count:
            return VerifyResult(False, count, last, "head record missing")
        return VerifyResult(True, 0)
    h_seq, h_hash, h_sig = head
    if type(h_seq) is not int or h_seq != last or not count or h_hash != chain.last_hash:
        bad_seq = last + 1 if isinstance(h_seq, int) and h_seq > last else last
        return VerifyResult(
            False, count, bad_seq, "head does not name the last entry (rows deleted?)"
        )
    sig_ok = isinstance(h_sig, str) and len(h_sig) == 128 and set(h_sig) <= _HEX64
    if not sig_ok or not verify_signature(
        public_key, head_message(h_seq, h_hash), bytes.fromhex(h_sig)
    ):
        return VerifyResult(False, count, last, "head signature invalid")
    return VerifyResult(True, count)

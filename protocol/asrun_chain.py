"""The as-run entry and its chain: body, hash, signature, the row check, the chain and its head.

An entry's body is canonical JSON (``protocol.canonical``) of ``{"v": 1, "seq", "kind",
"unit_id", "logged_us", "prev_hash", "fields"}``; its hash is sha256(body) in hex; its
signature is Ed25519(unit key, DOMAIN + hash). Entry n names entry n-1's hash as its
``prev_hash`` (GENESIS_HASH for seq 1). The unit also keeps a signed head
(HEAD_DOMAIN + ``"seq:hash"``) naming the last entry, so deleting the newest rows is caught.

The unit writes and checks its log with these functions (``playout.asrun``); the panel checks
pushed and stored rows with the same ones (``content_library.sync``, ``web.devices``). Pure:
rows in, a result out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.canonical import canonical_text
from protocol.keys import verify_signature

__all__ = [
    "DOMAIN",
    "FORMAT_VERSION",
    "GENESIS_HASH",
    "HEAD_DOMAIN",
    "KINDS",
    "ChainCheck",
    "StoredRow",
    "VerifyResult",
    "check_row",
    "entry_body",
    "entry_hash",
    "head_message",
    "sign_entry",
    "sign_head",
    "verify_chain",
    "verify_rows",
]

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64
DOMAIN = b"loa-asrun-v1\n"
HEAD_DOMAIN = b"loa-asrun-head-v1\n"
KINDS = ("armed", "started", "finished", "failed", "skipped")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_HEX128 = re.compile(r"[0-9a-f]{128}\Z")


# --------------------------------------------------------------------------- writing


def entry_body(
    *, seq: int, kind: str, unit_id: str, logged_us: int, prev_hash: str, fields: Any
) -> str:
    """The exact text that is hashed and signed (raises as canonical JSON does)."""
    return canonical_text(
        {
            "v": FORMAT_VERSION,
            "seq": seq,
            "kind": kind,
            "unit_id": unit_id,
            "logged_us": logged_us,
            "prev_hash": prev_hash,
            "fields": fields,
        }
    )


def entry_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def sign_entry(key: Ed25519PrivateKey, hash_: str) -> str:
    return key.sign(DOMAIN + bytes.fromhex(hash_)).hex()


def head_message(seq: int, hash_: str) -> bytes:
    return HEAD_DOMAIN + f"{seq}:{hash_}".encode("ascii")


def sign_head(key: Ed25519PrivateKey, seq: int, hash_: str) -> str:
    return key.sign(head_message(seq, hash_)).hex()


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class StoredRow:
    """The verifiable columns of one stored entry (the unit's asrun table, AsRunRecord, a push)."""

    seq: int
    kind: str
    body: str
    prev_hash: str
    entry_hash: str
    signature: str


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int  # rows checked good before the first problem (all of them when ok)
    first_seq: int | None = None
    last_seq: int | None = None
    first_bad_seq: int | None = None
    reason: str = ""
    last_hash: str | None = None  # of the last good row


@dataclass(frozen=True)
class VerifyResult:
    """A whole log checked from seq 1, with its head (the unit's own check)."""

    ok: bool
    count: int  # entries checked good before the first problem (all of them when ok)
    first_bad_seq: int | None = None
    reason: str = ""


def _signature_problem(public_key: Ed25519PublicKey, signature: Any, message: bytes) -> str:
    if not isinstance(signature, str) or not _HEX128.match(signature):
        return "malformed"
    if not verify_signature(public_key, message, bytes.fromhex(signature)):
        return "invalid"
    return ""


def check_row(
    row: StoredRow,
    *,
    expected_seq: int | None,
    prev_hash: str | None,
    public_key: Ed25519PublicKey | None,
    unit_id: str | None = None,
) -> str:
    """The first problem with one row, or "" when it is good.

    ``expected_seq``/``prev_hash`` None skip the link check (the first row of a window whose
    predecessor is not at hand); ``public_key`` None skips the signature (unit not enrolled).
    """
    if expected_seq is not None and (type(row.seq) is not int or row.seq != expected_seq):
        return f"sequence gap: expected {expected_seq}, found {row.seq!r}"
    columns = (row.kind, row.body, row.prev_hash, row.entry_hash, row.signature)
    if not all(isinstance(x, str) for x in columns):
        return "a column has the wrong type"
    if prev_hash is not None and row.prev_hash != prev_hash:
        return "prev_hash does not match the previous entry"
    try:
        hashed = entry_hash(row.body)
    except UnicodeEncodeError:  # a lone surrogate (JSON "\ud800"): no UTF-8 bytes to hash
        hashed = None
    if not _HEX64.match(row.entry_hash) or hashed != row.entry_hash:
        return "hash does not match the body"
    if public_key is not None:
        bad = _signature_problem(public_key, row.signature, DOMAIN + bytes.fromhex(row.entry_hash))
        if bad:
            return f"signature {bad}"
    try:
        data = json.loads(row.body)
    except (ValueError, RecursionError):
        return "body is not JSON"
    try:
        canonical = isinstance(data, dict) and canonical_text(data) == row.body
    except (TypeError, ValueError, RecursionError):
        canonical = False
    if not canonical:
        return "body is not canonical JSON"
    if (
        data.get("seq") != row.seq
        or data.get("kind") != row.kind
        or data.get("prev_hash") != row.prev_hash
    ):
        return "columns disagree with the signed body"
    if data.get("v") != FORMAT_VERSION:
        return f"unknown entry version {data.get('v')!r}"
    if unit_id is not None and data.get("unit_id") != unit_id:
        return f"entry from unit {data.get('unit_id')!r}, expected {unit_id!r}"
    return ""


def verify_chain(
    rows: Iterable[StoredRow],
    *,
    public_key: Ed25519PublicKey | None,
    unit_id: str | None = None,
    prev: StoredRow | None = None,
    from_genesis: bool = False,
) -> ChainCheck:
    """Check rows in seq order: each links to the one before, hashes and signatures hold.

    ``prev`` is the stored row just before the window (its hash is the first row's
    prev_hash); ``from_genesis`` says the window starts at seq 1.
    """
    expected_seq: int | None = None
    prev_hash: str | None = None
    if prev is not None:
        expected_seq, prev_hash = prev.seq + 1, prev.entry_hash
    elif from_genesis:
        expected_seq, prev_hash = 1, GENESIS_HASH
    checked = 0
    first = last = None
    for row in rows:
        if first is None:
            first = row.seq
        bad = check_row(
            row,
            expected_seq=expected_seq,
            prev_hash=prev_hash,
            public_key=public_key,
            unit_id=unit_id,
        )
        if bad:
            return ChainCheck(False, checked, first, last, row.seq, bad, prev_hash)
        last = row.seq
        expected_seq, prev_hash = row.seq + 1, row.entry_hash
        checked += 1
    return ChainCheck(True, checked, first, last, last_hash=prev_hash)


def verify_rows(
    rows: Iterable[tuple[Any, ...]],
    public_key: Ed25519PublicKey,
    *,
    head: tuple[Any, ...] | None,
    require_head: bool = True,
    expect_unit_id: str | None = None,
) -> VerifyResult:
    """Check a whole log: (seq, kind, body, prev_hash, hash, signature) rows from seq 1, in
    order, and the head (seq, hash, signature) naming the last one. Usable on an export too."""
    chain = verify_chain(
        (StoredRow(*row) for row in rows),
        public_key=public_key,
        unit_id=expect_unit_id,
        from_genesis=True,
    )
    count = chain.checked
    if not chain.ok:
        seq = chain.first_bad_seq
        return VerifyResult(False, count, seq if isinstance(seq, int) else count + 1, chain.reason)
    # the head names the last entry (and is absent only for an empty log)
    if head is None:
        if count and require_head:
            return VerifyResult(False, count, count, "head record missing")
        return VerifyResult(True, count)
    h_seq, h_hash, h_sig = head
    if type(h_seq) is not int or h_seq != count or h_hash != (chain.last_hash if count else None):
        bad_seq = count + 1 if isinstance(h_seq, int) and h_seq > count else count
        return VerifyResult(
            False, count, bad_seq, "head does not name the last entry (rows deleted?)"
        )
    bad = _signature_problem(public_key, h_sig, head_message(h_seq, h_hash))
    if bad:
        return VerifyResult(False, count, count, f"head signature {bad}")
    return VerifyResult(True, count)

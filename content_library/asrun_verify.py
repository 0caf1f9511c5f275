"""Checking stored as-run entries on the server: chain continuity, hashes and Ed25519 signatures.

The same rules as the unit's own check (``playout.asrun._check_row``: canonical JSON body,
hash = sha256(body), signature over DOMAIN + hash, columns equal to the signed body); kept
here because ``web`` may not import ``playout`` (import-linter), and pure — rows in, a result
out — so the panel, the sync endpoint and tests can share it. A test verifies entries written
by ``playout.asrun.AsRunLog`` with this module, so the two cannot drift apart silently.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64
DOMAIN = b"loa-asrun-v1\n"
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_HEX128 = re.compile(r"[0-9a-f]{128}\Z")


@dataclass(frozen=True)
class StoredRow:
    """The verifiable columns of one stored entry (AsRunRecord or the unit's asrun table)."""

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


def _normalise(value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite number")
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {unicodedata.normalize("NFC", str(k)): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    raise ValueError(f"{type(value).__name__} is not JSON")


def canonical_json(obj: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text, NFC strings, finite numbers only."""
    return json.dumps(_normalise(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def check_row(row: StoredRow, *, expected_seq: int | None, prev_hash: str | None,
              public_key: Ed25519PublicKey | None, unit_id: str | None = None) -> str:
    """The first problem with one row, or "" when it is good.

    ``expected_seq``/``prev_hash`` None skip the link check (the first row of a window whose
    predecessor is not at hand); ``public_key`` None skips the signature (unit not enrolled).
    """
    if expected_seq is not None and row.seq != expected_seq:
        return f"sequence gap: expected {expected_seq}, found {row.seq}"
    if prev_hash is not None and row.prev_hash != prev_hash:
        return "prev_hash does not match the previous entry"
    if not _HEX64.match(row.entry_hash or "") or \
            hashlib.sha256(row.body.encode("utf-8")).hexdigest() != row.entry_hash:
        return "hash does not match the body"
    if public_key is not None:
        if not _HEX128.match(row.signature or ""):
            return "signature malformed"
        try:
            public_key.verify(bytes.fromhex(row.signature), DOMAIN + bytes.fromhex(row.entry_hash))
        except InvalidSignature:
            return "signature invalid"
    try:
        data = json.loads(row.body)
        canonical = isinstance(data, dict) and canonical_json(data) == row.body
    except ValueError:
        return "body is not canonical JSON"
    if not canonical:
        return "body is not canonical JSON"
    if data.get("seq") != row.seq or data.get("kind") != row.kind or data.get("prev_hash") != row.prev_hash:
        return "columns disagree with the signed body"
    if data.get("v") != FORMAT_VERSION:
        return f"unknown entry version {data.get('v')!r}"
    if unit_id is not None and data.get("unit_id") != unit_id:
        return f"entry from unit {data.get('unit_id')!r}, expected {unit_id!r}"
    return ""


def verify_chain(rows: Iterable[StoredRow], *, public_key: Ed25519PublicKey | None,
                 unit_id: str | None = None, prev: StoredRow | None = None,
                 from_genesis: bool = False) -> ChainCheck:
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
        bad = check_row(row, expected_seq=expected_seq, prev_hash=prev_hash,
                        public_key=public_key, unit_id=unit_id)
        if bad:
            return ChainCheck(False, checked, first, last, row.seq, bad)
        last = row.seq
        expected_seq, prev_hash = row.seq + 1, row.entry_hash
        checked += 1
    return ChainCheck(True, checked, first, last)

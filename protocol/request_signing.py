"""The signature on each unit → panel sync request: the signed message and its four headers.

A unit request carries ``X-Loa-Unit``, ``X-Loa-Timestamp`` (unix seconds), ``X-Loa-Nonce`` and
``X-Loa-Signature`` = Ed25519(unit key, :func:`signing_message`) over the method, path, unit
id, timestamp, nonce and sha256(body) (docs/sync-protocol.md). The unit signs with
:func:`sign_request` (``playout.sync_client``); the panel checks with :func:`verify_request`
(``content_library.sync``, which also enforces the clock window and refuses replayed nonces).
"""

from __future__ import annotations

import hashlib
import secrets
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.keys import verify_signature

__all__ = [
    "HEADER_NONCE",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "HEADER_UNIT",
    "SIGNED_HEADERS",
    "SYNC_DOMAIN",
    "body_digest",
    "sign_request",
    "signing_message",
    "verify_request",
]

SYNC_DOMAIN = b"loa-sync-v1\n"
HEADER_UNIT = "X-Loa-Unit"
HEADER_TIMESTAMP = "X-Loa-Timestamp"
HEADER_NONCE = "X-Loa-Nonce"
HEADER_SIGNATURE = "X-Loa-Signature"
SIGNED_HEADERS = (HEADER_UNIT, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def signing_message(
    method: str, path: str, unit_id: str, timestamp: str, nonce: str, body_sha256: str
) -> bytes:
    return SYNC_DOMAIN + "\n".join(
        (method.upper(), path, unit_id, timestamp, nonce, body_sha256)
    ).encode("utf-8")


def sign_request(
    key: Ed25519PrivateKey,
    method: str,
    path: str,
    unit_id: str,
    body: bytes,
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The four headers of a signed unit request (timestamp: now; nonce: 16 random bytes)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(16)
    sig = key.sign(signing_message(method, path, unit_id, ts, nonce, body_digest(body)))
    return {
        HEADER_UNIT: unit_id,
        HEADER_TIMESTAMP: ts,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sig.hex(),
    }


def verify_request(
    public_key: Ed25519PublicKey,
    *,
    method: str,
    path: str,
    unit_id: str,
    timestamp: str,
    nonce: str,
    body: bytes,
    signature: str,
) -> bool:
    """True when ``signature`` (hex) is the unit's signature of this request."""
    try:
        raw = bytes.fromhex(signature)
    except ValueError:
        return False
    message = signing_message(method, path, unit_id, timestamp, nonce, body_digest(body))
    return verify_signature(public_key, message, raw)

"""The signature on each unit → panel sync request: the signed message and its four headers.

A unit request carries ``X-Loa-Unit``, ``X-Loa-Timestamp`` (unix seconds), ``X-Loa-Nonce`` and
``X-Loa-Signature`` = Ed25519(unit key, :func:`signing_message`) over the method, path, query
string, unit id, timestamp, nonce, sha256(body) and the headers that shape the answer
(``Range``, ``If-Range``, ``If-None-Match``; docs/sync-protocol.md, docs/security.md 22). The
unit signs with :func:`sign_request` (``playout.sync_client``); the panel checks with
:func:`verify_request` (``content_library.sync``, which also enforces the clock window and
refuses replayed nonces).

Units older than this (``loa-sync-v1``) signed neither the query nor those headers: their
signature is still taken, but only for a request without a query string (no sync route reads
one); see :func:`verify_request`.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.keys import verify_signature

__all__ = [
    "HEADER_NONCE",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "HEADER_UNIT",
    "SHAPING_HEADERS",
    "SIGNED_HEADERS",
    "SYNC_DOMAIN",
    "SYNC_DOMAIN_V1",
    "body_digest",
    "sign_request",
    "signing_message",
    "verify_request",
]

SYNC_DOMAIN = b"loa-sync-v2\n"
SYNC_DOMAIN_V1 = b"loa-sync-v1\n"  # older units: no query, no shaping headers
HEADER_UNIT = "X-Loa-Unit"
HEADER_TIMESTAMP = "X-Loa-Timestamp"
HEADER_NONCE = "X-Loa-Nonce"
HEADER_SIGNATURE = "X-Loa-Signature"
SIGNED_HEADERS = (HEADER_UNIT, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)
# Request headers that change what the panel answers (a byte range, "you have it already"):
# signed too, by value ("" when absent), so nobody on the way can add, drop or change them.
SHAPING_HEADERS = ("Range", "If-Range", "If-None-Match")


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _header(headers: Mapping[str, str] | None, name: str) -> str:
    """A header's value as the panel reads it; repeated headers joined (so an added copy
    changes the message). Names compare case-insensitively."""
    if not headers:
        return ""
    getlist = getattr(headers, "getlist", None)
    if getlist is not None:  # starlette's Headers: every copy of the header
        return ", ".join(getlist(name))
    wanted = name.lower()
    return ", ".join(str(v) for k, v in headers.items() if k.lower() == wanted)


def signing_message(
    method: str,
    path: str,
    unit_id: str,
    timestamp: str,
    nonce: str,
    body_sha256: str,
    *,
    query: str = "",
    headers: Mapping[str, str] | None = None,
) -> bytes:
    """The signed message: one field a line (none may hold a newline: a path, query string
    and header values cannot), the shaping headers as ``name:value``."""
    shaping = [f"{h.lower()}:{_header(headers, h)}" for h in SHAPING_HEADERS]
    fields = (method.upper(), path, query, unit_id, timestamp, nonce, body_sha256, *shaping)
    return SYNC_DOMAIN + "\n".join(fields).encode("utf-8")


def signing_message_v1(
    method: str, path: str, unit_id: str, timestamp: str, nonce: str, body_sha256: str
) -> bytes:
    """What units before ``loa-sync-v2`` signed (kept to check them, never to sign)."""
    return SYNC_DOMAIN_V1 + "\n".join(
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
    headers: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The four headers of a signed unit request (timestamp: now; nonce: 16 random bytes).

    ``path`` may carry a query (``/x?a=1``): it is signed as sent. ``headers`` are the other
    headers the request will carry; those of :data:`SHAPING_HEADERS` are signed, so they must
    be set before signing and not changed after."""
    path, _, query = path.partition("?")
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(16)
    message = signing_message(
        method, path, unit_id, ts, nonce, body_digest(body), query=query, headers=headers
    )
    return {
        HEADER_UNIT: unit_id,
        HEADER_TIMESTAMP: ts,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: key.sign(message).hex(),
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
    query: str = "",
    headers: Mapping[str, str] | None = None,
) -> bool:
    """True when ``signature`` (hex) is the unit's signature of this request.

    An older unit's ``loa-sync-v1`` signature is taken only when the request has no query
    string: then it covers every part a sync route reads (method, path, unit, body). Its
    shaping headers are not signed; they only choose between 200, 206 and 304 of a bundle the
    unit checks against the panel's own signature, so they are tolerated until the fleet has
    moved to v2 (docs/security.md 22)."""
    try:
        raw = bytes.fromhex(signature)
    except ValueError:
        return False
    digest = body_digest(body)
    message = signing_message(
        method, path, unit_id, timestamp, nonce, digest, query=query, headers=headers
    )
    if verify_signature(public_key, message, raw):
        return True
    if query:
        return False
    legacy = signing_message_v1(method, path, unit_id, timestamp, nonce, digest)
    return verify_signature(public_key, legacy, raw)

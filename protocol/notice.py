"""The push notice: a small message the panel signs and publishes over MQTT, saying "a new
bundle is waiting for you", and its check on the unit (docs/push.md).

A notice is a hint, never an order: a unit that accepts one only pulls over the signed HTTP
protocol at once, and plays nothing unless the bundle it downloads passes its own signature
check. The notice is still signed, so a broker, a neighbour unit or a network attacker cannot
make every unit of a province poll at once or fill their logs with forged "emergencies".

Payload (UTF-8 canonical JSON, at most ``MAX_NOTICE_BYTES``)::

    {"body": {...}, "key_id": "<panel key id>", "sig": "<hex Ed25519>"}

``sig`` = Ed25519(panel key, ``NOTICE_DOMAIN`` + canonical_json(body)) — the same key that
signs bundles. The body::

    {"v": 1, "kind": "emergency", "bundle_id": "...", "emergency_id": "...",
     "action": "play" | "stop", "sequence": 17, "sha256": "<64 hex>", "priority": "emergency",
     "to": {"unit": "<unit id>"} | {"area": <area id>},
     "issued_at": <unix s>, "expires_at": <unix s>, "nonce": "<32 hex>"}

The unit refuses (``NoticeRejected``, with ``code``): ``malformed``, ``unknown_key``,
``bad_signature``, ``expired`` / ``not_yet_valid`` (outside issued_at − skew .. expires_at +
skew), ``wrong_unit`` (addressed to another unit or an area the unit is not in, or not to the
topic it came on), ``replay`` (a nonce already accepted; ``ReplayGuard``).

The emergency fast path: the signed emergency bundle itself (the ``.loa`` file, not a notice)
is published on ``loa/v1/area/<area id>/emergency`` (``area_emergency_topic``), at most
``MAX_BUNDLE_PAYLOAD`` bytes. The unit hands it to its bundle store, which checks it exactly
as a bundle fetched over HTTP or from a USB stick; nothing here is trusted on its own.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.canonical import canonical_json, loads_strict
from protocol.errors import ProtocolError
from protocol.keys import KEY_ID_RE, key_id, verify_signature

__all__ = [
    "DEFAULT_TTL_S",
    "EMERGENCY_SUFFIX",
    "MAX_BUNDLE_PAYLOAD",
    "MAX_NOTICE_BYTES",
    "MAX_SKEW_S",
    "NOTICE_DOMAIN",
    "NOTICE_FIELDS",
    "TOPIC_PREFIX",
    "Notice",
    "NoticeRejected",
    "ReplayGuard",
    "area_emergency_topic",
    "area_topic",
    "emergency_topic_area",
    "emergency_topics_for_unit",
    "sign_notice",
    "topics_for_unit",
    "unit_topic",
    "verify_notice",
]

NOTICE_DOMAIN = b"loa-notice-v1\n"
NOTICE_VERSION = 1
TOPIC_PREFIX = "loa/v1"
DEFAULT_TTL_S = 300  # short: an offline unit that misses it catches up by polling anyway
MAX_SKEW_S = 120  # the unit's clock may be this far from the panel's
MAX_NOTICE_BYTES = 4096
EMERGENCY_SUFFIX = "emergency"
# The largest emergency bundle sent over MQTT (the broker's message_size_limit is the same,
# deploy/mosquitto/loa.conf); a larger one reaches the units by the HTTP pull only.
MAX_BUNDLE_PAYLOAD = 8 * 1024 * 1024
# What the panel passes to the publisher (the contract of issue 15); all are signed.
NOTICE_FIELDS = ("kind", "bundle_id", "emergency_id", "action", "sequence", "sha256", "priority")
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")  # ids as they appear in topics
_HEX64_RE = re.compile(r"[0-9a-f]{64}")
_NONCE_RE = re.compile(r"[0-9a-f]{32}")
_KINDS = ("emergency", "bundle")
_ACTIONS = ("play", "stop")


class NoticeRejected(ProtocolError):
    """A push notice the unit does not act on; ``code`` says why."""

    default_code = "notice_rejected"


def _reject(code: str, en: str, vi: str) -> NoticeRejected:
    return NoticeRejected(
        f"push notice refused: {en}", f"thông báo đẩy bị từ chối: {vi}", code=code
    )


def unit_topic(unit_id: str) -> str:
    """``loa/v1/unit/<unit id>``: only this unit may read it (the broker's ACL)."""
    if not _ID_RE.fullmatch(unit_id):
        raise ValueError(f"unit id {unit_id!r} cannot be an MQTT topic level")
    return f"{TOPIC_PREFIX}/unit/{unit_id}"


def area_topic(area_id: int | str) -> str:
    """``loa/v1/area/<area id>``: readable by every unit in the area's subtree."""
    text = str(area_id)
    if isinstance(area_id, bool) or not text.isdigit() or not text.isascii():
        raise ValueError(f"area id {area_id!r} is not a number")
    return f"{TOPIC_PREFIX}/area/{int(text)}"


def topics_for_unit(unit_id: str, areas: Collection[str]) -> list[str]:
    """The topics a unit subscribes to: its own and each area on its path (root → leaf)."""
    return [unit_topic(unit_id), *(area_topic(a) for a in areas)]


def area_emergency_topic(area_id: int | str) -> str:
    """``loa/v1/area/<area id>/emergency``: the signed emergency bundles for the area's
    subtree (readable by the same units as ``area_topic``)."""
    return f"{area_topic(area_id)}/{EMERGENCY_SUFFIX}"


def emergency_topics_for_unit(areas: Collection[str]) -> list[str]:
    """The emergency bundle topics of each area on a unit's path (root → leaf)."""
    return [area_emergency_topic(a) for a in areas]


def emergency_topic_area(topic: str) -> int | None:
    """The area id of an emergency bundle topic; None for any other topic."""
    parts = topic.split("/")
    if (
        len(parts) == 5
        and "/".join(parts[:2]) == TOPIC_PREFIX
        and parts[2] == "area"
        and parts[4] == EMERGENCY_SUFFIX
        and parts[3].isascii()
        and parts[3].isdigit()
    ):
        return int(parts[3])
    return None


@dataclass(frozen=True)
class Notice:
    """A notice that passed every check."""

    kind: str
    bundle_id: str
    emergency_id: str
    action: str
    sequence: int
    sha256: str
    priority: str
    to_unit: str | None
    to_area: int | None
    issued_at: int
    expires_at: int
    nonce: str
    key_id: str
    body: Mapping[str, Any]


def sign_notice(
    key: Ed25519PrivateKey,
    fields: Mapping[str, Any],
    *,
    unit_id: str | None = None,
    area_id: int | None = None,
    now: float,
    ttl_s: int = DEFAULT_TTL_S,
    nonce: str | None = None,
) -> bytes:
    """The MQTT payload of a notice for one unit or one area (exactly one of them)."""
    if (unit_id is None) == (area_id is None):
        raise ValueError("a notice is addressed to exactly one unit or one area")
    if ttl_s < 1:
        raise ValueError("ttl_s must be positive")
    to: dict[str, Any] = {"unit": unit_id} if unit_id is not None else {"area": area_id}
    issued = int(now)
    body = {
        "v": NOTICE_VERSION,
        **{name: fields[name] for name in NOTICE_FIELDS},
        # ids travel as text whatever their type on the panel (a row id or a uuid)
        "bundle_id": str(fields["bundle_id"]),
        "emergency_id": str(fields["emergency_id"]),
        "to": to,
        "issued_at": issued,
        "expires_at": issued + int(ttl_s),
        "nonce": nonce or secrets.token_hex(16),
    }
    _check_body(body)  # the panel never signs what a unit would refuse as malformed
    sig = key.sign(NOTICE_DOMAIN + canonical_json(body))
    payload = canonical_json({"body": body, "key_id": key_id(key.public_key()), "sig": sig.hex()})
    if len(payload) > MAX_NOTICE_BYTES:
        raise ValueError(f"notice of {len(payload)} bytes is over {MAX_NOTICE_BYTES}")
    return payload


def _malformed(what: str, what_vi: str) -> NoticeRejected:
    return _reject("malformed", f"malformed ({what})", f"sai định dạng ({what_vi})")


def _check_body(body: Mapping[str, Any]) -> None:
    def text(name: str, pattern: re.Pattern[str]) -> None:
        value = body.get(name)
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise _malformed(f"{name} is missing or invalid", f"{name} thiếu hoặc sai")

    def whole(name: str) -> int:
        value = body.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _malformed(f"{name} must be a whole number", f"{name} phải là số nguyên")
        return value

    if body.get("v") != NOTICE_VERSION:
        raise _malformed(f"version {body.get('v')!r}", f"phiên bản {body.get('v')!r}")
    if body.get("kind") not in _KINDS or body.get("action") not in _ACTIONS:
        raise _malformed("kind or action", "loại hoặc hành động")
    text("bundle_id", _ID_RE)
    text("emergency_id", _ID_RE)
    text("priority", _ID_RE)
    text("sha256", _HEX64_RE)
    text("nonce", _NONCE_RE)
    whole("sequence")
    if whole("expires_at") <= whole("issued_at"):
        raise _malformed("expires_at is not after issued_at", "hết hạn trước khi phát hành")
    to = body.get("to")
    if not isinstance(to, dict) or len(to) != 1:
        raise _malformed("to names one unit or one area", "to phải chỉ một cụm loa hoặc địa bàn")
    if "unit" in to:
        if not isinstance(to["unit"], str) or not _ID_RE.fullmatch(to["unit"]):
            raise _malformed("to.unit", "to.unit")
    elif "area" in to:
        area = to["area"]
        if isinstance(area, bool) or not isinstance(area, int) or area < 0:
            raise _malformed("to.area", "to.area")
    else:
        raise _malformed("to names one unit or one area", "to phải chỉ một cụm loa hoặc địa bàn")


class ReplayGuard:
    """Nonces of accepted notices until they expire: the same notice is acted on once.

    In memory, bounded; ``export``/``load`` let the unit keep it across restarts.
    """

    def __init__(self, *, max_entries: int = 10_000) -> None:
        self.max_entries = max_entries
        self._seen: dict[str, int] = {}  # nonce → expires_at (unix s)

    def seen(self, nonce: str) -> bool:
        return nonce in self._seen

    def add(self, nonce: str, expires_at: int, *, now: float) -> None:
        self.prune(now)
        self._seen[nonce] = expires_at
        while len(self._seen) > self.max_entries:  # oldest first (insertion order)
            self._seen.pop(next(iter(self._seen)))

    def prune(self, now: float) -> None:
        limit = now - MAX_SKEW_S
        for nonce in [n for n, exp in self._seen.items() if exp < limit]:
            del self._seen[nonce]

    def export(self) -> dict[str, int]:
        return dict(self._seen)

    def load(self, data: Any, *, now: float) -> None:
        if isinstance(data, dict):
            for nonce, exp in data.items():
                if isinstance(nonce, str) and isinstance(exp, int) and not isinstance(exp, bool):
                    self._seen[nonce] = exp
        self.prune(now)


def verify_notice(
    payload: bytes,
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    unit_id: str,
    unit_areas: Collection[str],
    now: float,
    topic: str | None = None,
    guard: ReplayGuard | None = None,
) -> Notice:
    """The notice in ``payload`` if it passes every check, else ``NoticeRejected``.

    ``topic`` (the MQTT topic it arrived on) must be the one its body is addressed to.
    With a ``guard``, an accepted notice's nonce is remembered and a second copy refused.
    """
    if len(payload) > MAX_NOTICE_BYTES:
        raise _malformed(f"{len(payload)} bytes", f"{len(payload)} byte")
    try:
        outer = loads_strict(payload)
    except (ValueError, UnicodeDecodeError):
        raise _malformed("not JSON", "không phải JSON") from None
    if not isinstance(outer, dict) or set(outer) != {"body", "key_id", "sig"}:
        raise _malformed("not a signed notice", "không phải thông báo có chữ ký")
    body, kid, sig_hex = outer["body"], outer["key_id"], outer["sig"]
    if not isinstance(body, dict) or not isinstance(kid, str) or not isinstance(sig_hex, str):
        raise _malformed("not a signed notice", "không phải thông báo có chữ ký")
    if not KEY_ID_RE.fullmatch(kid) or kid not in trusted_keys:
        raise _reject("unknown_key", f"key {kid[:16]!r} is not trusted", "khóa ký không tin cậy")
    try:
        sig = bytes.fromhex(sig_hex)
        message = NOTICE_DOMAIN + canonical_json(body)
    except (ValueError, TypeError):
        raise _malformed("signature or body", "chữ ký hoặc nội dung") from None
    if not verify_signature(trusted_keys[kid], message, sig):
        raise _reject("bad_signature", "bad signature", "chữ ký sai")
    _check_body(body)  # signed by a trusted key, but still checked before use
    issued, expires = int(body["issued_at"]), int(body["expires_at"])
    if now > expires + MAX_SKEW_S:
        raise _reject("expired", f"expired {int(now - expires)} s ago", "đã hết hạn")
    if now < issued - MAX_SKEW_S:
        raise _reject(
            "not_yet_valid", "issued in the future (check the clock)", "phát hành ở tương lai"
        )
    to = body["to"]
    to_unit: str | None = to.get("unit")
    to_area: int | None = to.get("area")
    if to_unit is not None:
        addressed, expected = to_unit == unit_id, unit_topic(to_unit)
    else:
        addressed, expected = str(to_area) in {str(a) for a in unit_areas}, area_topic(str(to_area))
    if not addressed or (topic is not None and topic != expected):
        raise _reject(
            "wrong_unit",
            f"addressed to {expected}, not to this unit ({unit_id}) on {topic}",
            f"gửi cho {expected}, không phải cho cụm loa này ({unit_id})",
        )
    nonce = str(body["nonce"])
    if guard is not None:
        if guard.seen(nonce):
            raise _reject("replay", "already received", "đã nhận rồi (phát lại)")
        guard.add(nonce, expires, now=now)
    return Notice(
        kind=str(body["kind"]),
        bundle_id=str(body["bundle_id"]),
        emergency_id=str(body["emergency_id"]),
        action=str(body["action"]),
        sequence=int(body["sequence"]),
        sha256=str(body["sha256"]),
        priority=str(body["priority"]),
        to_unit=to_unit,
        to_area=to_area,
        issued_at=issued,
        expires_at=expires,
        nonce=nonce,
        key_id=kid,
        body=body,
    )

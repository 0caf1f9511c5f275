"""The bundle manifest: its model (items, approvals, target, window, schedule, relay channels)
and strict parser.

The manifest is what the panel signs and the unit trusts (docs/bundle-format.md): every
field is checked on construction, strings are stored NFC, and ``from_dict`` refuses unknown
or missing fields, so one manifest has one canonical byte string, ``to_json_bytes()``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import urllib.parse
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from content_library.types import Priority
from protocol.canonical import canonical_json
from protocol.errors import ManifestInvalid, invalid
from protocol.keys import KEY_ID_RE

__all__ = [
    "EMERGENCY_ACTIONS",
    "FORMAT_VERSION",
    "RELAY_FORMATS",
    "RELAY_ID_RE",
    "SHA256_RE",
    "Approval",
    "BundleItem",
    "Emergency",
    "Manifest",
    "Relay",
    "Target",
]

FORMAT_VERSION = 1

SHA256_RE = re.compile(r"[0-9a-f]{64}")


# --------------------------------------------------------------------------- field helpers


def _ident(value: Any, where: str) -> str:
    """Ids are strings in the format; ints from the database are accepted and converted."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise invalid(f"{where} must be a string id", f"{where} phải là mã dạng chuỗi")
    text = unicodedata.normalize("NFC", str(value))
    if not text or len(text) > 200 or any(ch in text for ch in "\x00\n\r"):
        raise invalid(f"{where} is empty or malformed", f"{where} rỗng hoặc sai định dạng")
    return text


def _text(value: Any, where: str, *, empty_ok: bool = False) -> str:
    if not isinstance(value, str):
        raise invalid(f"{where} must be a string", f"{where} phải là chuỗi")
    text = unicodedata.normalize("NFC", value)
    if not text and not empty_ok:
        raise invalid(f"{where} is empty", f"{where} bị trống")
    return text


def check_aware(value: Any, where: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise invalid(
            f"{where} must be a datetime with a UTC offset",
            f"{where} phải là thời điểm có múi giờ",
        )
    return value


def _parse_time(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise invalid(f"{where} must be an ISO 8601 string", f"{where} phải là chuỗi ISO 8601")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise invalid(f"{where} is not ISO 8601", f"{where} không đúng ISO 8601") from None
    return check_aware(parsed, where)


def _int(value: Any, where: str, *, minimum: int, maximum: int = 2**63 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(f"{where} must be an integer", f"{where} phải là số nguyên")
    if not minimum <= value <= maximum:
        raise invalid(f"{where} is out of range", f"{where} nằm ngoài giới hạn")
    return value


def _sha256(value: Any, where: str) -> str:
    if not isinstance(value, str) or not SHA256_RE.fullmatch(value):
        raise invalid(f"{where} must be 64 lowercase hex", f"{where} phải là 64 ký tự hex thường")
    return value


def _strict_keys(data: Any, allowed: Collection[str], where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise invalid(f"{where} must be a JSON object", f"{where} phải là đối tượng JSON")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise invalid(f"unknown field {where}.{unknown[0]}", f"trường lạ {where}.{unknown[0]}")
    missing = sorted(set(allowed) - set(data))
    if missing:
        raise invalid(f"missing field {where}.{missing[0]}", f"thiếu trường {where}.{missing[0]}")
    return data


def _set(obj: Any, name: str, value: Any) -> None:
    object.__setattr__(obj, name, value)  # normalising inside a frozen dataclass


# --------------------------------------------------------------------------- the manifest


@dataclass(frozen=True)
class Approval:
    """The reviewer's approval of one exact audio (see Review.audio_sha256)."""

    id: str
    reviewer: str
    approved_at: datetime
    valid_from: datetime
    valid_until: datetime

    def __post_init__(self) -> None:
        _set(self, "id", _ident(self.id, "approval.id"))
        _set(self, "reviewer", _text(self.reviewer, "approval.reviewer"))
        for name in ("approved_at", "valid_from", "valid_until"):
            check_aware(getattr(self, name), f"approval.{name}")
        if self.valid_from >= self.valid_until:
            raise invalid(
                "approval.valid_from must be before valid_until",
                "approval.valid_from phải trước valid_until",
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reviewer": self.reviewer,
            "approved_at": self.approved_at.isoformat(),
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "approval") -> Approval:
        d = _strict_keys(
            data, ("id", "reviewer", "approved_at", "valid_from", "valid_until"), where
        )
        if isinstance(d["id"], bool) or not isinstance(d["id"], str):
            raise invalid(f"{where}.id must be a string", f"{where}.id phải là chuỗi")
        return cls(
            id=d["id"],
            reviewer=d["reviewer"],
            approved_at=_parse_time(d["approved_at"], f"{where}.approved_at"),
            valid_from=_parse_time(d["valid_from"], f"{where}.valid_from"),
            valid_until=_parse_time(d["valid_until"], f"{where}.valid_until"),
        )


_ITEM_FIELDS = (
    "id",
    "title",
    "topic",
    "priority",
    "audio_sha256",
    "audio_size",
    "duration_s",
    "sample_rate",
    "script_version_id",
    "loop",
    "approval",
)


@dataclass(frozen=True)
class BundleItem:
    """One approved script version's audio, as the unit will play it."""

    id: str
    title: str
    topic: str
    priority: Priority
    audio_sha256: str
    audio_size: int
    duration_s: float
    sample_rate: int
    script_version_id: str
    approval: Approval | None  # None is representable only so build_bundle can refuse it
    loop: bool = False  # part of a mobile rig's loop playlist

    def __post_init__(self) -> None:
        _set(self, "id", _ident(self.id, "item.id"))
        where = f"item {self.id}"
        _set(self, "title", _text(self.title, f"{where}: title"))
        _set(self, "topic", _text(self.topic, f"{where}: topic"))
        try:
            _set(self, "priority", Priority(self.priority))
        except ValueError:
            raise invalid(
                f"{where}: priority must be normal, priority or emergency",
                f"{where}: mức ưu tiên phải là normal, priority hoặc emergency",
            ) from None
        _sha256(self.audio_sha256, f"{where}: audio_sha256")
        _int(self.audio_size, f"{where}: audio_size", minimum=1)
        if isinstance(self.duration_s, bool) or not isinstance(self.duration_s, int | float):
            raise invalid(
                f"{where}: duration_s must be a number", f"{where}: duration_s phải là số"
            )
        _set(self, "duration_s", float(self.duration_s))
        if not (math.isfinite(self.duration_s) and self.duration_s > 0):
            raise invalid(f"{where}: duration_s must be > 0", f"{where}: duration_s phải > 0")
        _int(self.sample_rate, f"{where}: sample_rate", minimum=1, maximum=10_000_000)
        _set(
            self, "script_version_id", _ident(self.script_version_id, f"{where}: script_version_id")
        )
        if not isinstance(self.loop, bool):
            raise invalid(
                f"{where}: loop must be true or false", f"{where}: loop phải là true/false"
            )
        if self.approval is not None and not isinstance(self.approval, Approval):
            raise invalid(f"{where}: approval must be an Approval", f"{where}: approval sai kiểu")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "topic": self.topic,
            "priority": self.priority.value,
            "audio_sha256": self.audio_sha256,
            "audio_size": self.audio_size,
            "duration_s": self.duration_s,
            "sample_rate": self.sample_rate,
            "script_version_id": self.script_version_id,
            "loop": self.loop,
            "approval": None if self.approval is None else self.approval.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "item") -> BundleItem:
        d = _strict_keys(data, _ITEM_FIELDS, where)
        for name in ("id", "script_version_id", "priority"):
            if not isinstance(d[name], str):
                raise invalid(f"{where}.{name} must be a string", f"{where}.{name} phải là chuỗi")
        if d["approval"] is None:
            raise invalid(f"{where} has no approval", f"{where} chưa được phê duyệt")
        return cls(
            id=d["id"],
            title=d["title"],
            topic=d["topic"],
            priority=d["priority"],
            audio_sha256=d["audio_sha256"],
            audio_size=d["audio_size"],
            duration_s=d["duration_s"],
            sample_rate=d["sample_rate"],
            script_version_id=d["script_version_id"],
            loop=d["loop"],
            approval=Approval.from_dict(d["approval"], f"{where}.approval"),
        )


@dataclass(frozen=True)
class Target:
    """Which units (by id) and areas (by id, a unit in a sub-area is included) get the bundle."""

    units: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("units", "areas"):
            values = getattr(self, name)
            if isinstance(values, str | bytes) or not isinstance(values, Iterable):
                raise invalid(f"target.{name} must be a list", f"target.{name} phải là danh sách")
            ids = [_ident(v, f"target.{name}[]") for v in values]
            if len(set(ids)) != len(ids):
                raise invalid(f"target.{name} has duplicates", f"target.{name} bị trùng")
            _set(self, name, tuple(sorted(ids)))
        if not self.units and not self.areas:
            raise invalid("target names no unit and no area", "target không có loa hay địa bàn nào")

    def to_dict(self) -> dict[str, Any]:
        return {"units": list(self.units), "areas": list(self.areas)}

    @classmethod
    def from_dict(cls, data: Any) -> Target:
        d = _strict_keys(data, ("units", "areas"), "target")
        for name in ("units", "areas"):
            if not isinstance(d[name], list) or not all(isinstance(v, str) for v in d[name]):
                raise invalid(
                    f"target.{name} must be a list of strings",
                    f"target.{name} phải là danh sách chuỗi",
                )
        return cls(units=tuple(d["units"]), areas=tuple(d["areas"]))


EMERGENCY_ACTIONS = ("play", "stop")
EMERGENCY_MAX_REPEATS = 20
EMERGENCY_MAX_GAP_S = 3600
_EMERGENCY_FIELDS = ("id", "action", "repeats", "gap_s", "start_at")


def _uuid(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise invalid(f"{where} must be a UUID string", f"{where} phải là chuỗi UUID")
    try:
        canonical = str(uuid.UUID(value))
    except ValueError:
        raise invalid(f"{where} must be a UUID", f"{where} phải là UUID") from None
    if value != canonical:
        raise invalid(f"{where} must be a lowercase UUID", f"{where} phải là UUID chữ thường")
    return canonical


@dataclass(frozen=True)
class Emergency:
    """The optional ``emergency`` field: this bundle plays (or stops) one issued emergency.

    ``play``: the bundle's single emergency-priority item plays ``repeats`` times from
    max(``start_at``, arrival), ``gap_s`` apart, through quiet hours and caps, never after the
    bundle's ``expires_at``. ``stop``: no items; ``id`` names the emergency to cut. Emergency
    bundles are numbered from their own counter (``protocol.sequence``: the ``emergency``
    floor), apart from ordinary bundles.
    """

    id: str
    action: str
    repeats: int
    gap_s: int
    start_at: datetime

    def __post_init__(self) -> None:
        _set(self, "id", _uuid(self.id, "emergency.id"))
        if self.action not in EMERGENCY_ACTIONS:
            raise invalid(
                "emergency.action must be play or stop",
                "emergency.action phải là play hoặc stop",
            )
        _int(self.repeats, "emergency.repeats", minimum=1, maximum=EMERGENCY_MAX_REPEATS)
        _int(self.gap_s, "emergency.gap_s", minimum=0, maximum=EMERGENCY_MAX_GAP_S)
        check_aware(self.start_at, "emergency.start_at")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "repeats": self.repeats,
            "gap_s": self.gap_s,
            "start_at": self.start_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Emergency:
        d = _strict_keys(data, _EMERGENCY_FIELDS, "emergency")
        if not isinstance(d["action"], str):
            raise invalid("emergency.action must be a string", "emergency.action phải là chuỗi")
        return cls(
            id=d["id"],
            action=d["action"],
            repeats=d["repeats"],
            gap_s=d["gap_s"],
            start_at=_parse_time(d["start_at"], "emergency.start_at"),
        )


RELAY_FORMATS = ("mp3", "aac", "ogg", "hls")
RELAY_ID_RE = re.compile(r"[a-z0-9-]{1,32}")
RELAY_URL_MAX = 2048
_RELAY_FIELDS = ("id", "name", "url", "format", "fallback_item", "approval")


def relay_url(value: Any, where: str) -> str:
    """An absolute http(s) URL with a host, printable ASCII, no fragment: what a unit may open."""
    if not isinstance(value, str):
        raise invalid(f"{where} must be a string", f"{where} phải là chuỗi")
    if not value or len(value) > RELAY_URL_MAX or not all(" " < ch < "\x7f" for ch in value):
        raise invalid(
            f"{where} must be 1..{RELAY_URL_MAX} printable ASCII characters, no spaces",
            f"{where} phải gồm 1..{RELAY_URL_MAX} ký tự ASCII in được, không có dấu cách",
        )
    try:
        parts = urllib.parse.urlsplit(value)
        host = parts.hostname
        _ = parts.port  # a bad port raises here
    except ValueError:
        raise invalid(f"{where} is not a valid URL", f"{where} không phải URL hợp lệ") from None
    if parts.scheme not in ("http", "https"):
        raise invalid(
            f"{where} must be an http:// or https:// URL",
            f"{where} phải là URL http:// hoặc https://",
        )
    if not host:
        raise invalid(f"{where} has no host", f"{where} thiếu tên máy chủ")
    if parts.fragment or value.endswith("#"):
        raise invalid(f"{where} must not have a #fragment", f"{where} không được có phần #")
    return value


@dataclass(frozen=True)
class Relay:
    """One relay channel (tiếp sóng) the unit may open, approved once and bound to its URL.

    A unit opens no URL that is not a relay of its active signed bundle. ``fallback_item``
    (an item of this bundle, or None) plays while the stream is down.
    """

    id: str
    name: str
    url: str
    format: str
    fallback_item: str | None
    approval: Approval

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not RELAY_ID_RE.fullmatch(self.id):
            raise invalid(
                "relay.id must be 1..32 of a-z, 0-9 and -",
                "relay.id phải gồm 1..32 ký tự a-z, 0-9 và -",
            )
        where = f"relay {self.id}"
        _set(self, "name", _text(self.name, f"{where}: name"))
        if len(self.name) > 200:
            raise invalid(f"{where}: name is too long", f"{where}: tên quá dài")
        relay_url(self.url, f"{where}: url")
        if self.format not in RELAY_FORMATS:
            raise invalid(
                f"{where}: format must be one of {', '.join(RELAY_FORMATS)}",
                f"{where}: format phải là một trong {', '.join(RELAY_FORMATS)}",
            )
        if self.fallback_item is not None:
            _set(self, "fallback_item", _ident(self.fallback_item, f"{where}: fallback_item"))
        if not isinstance(self.approval, Approval):
            raise invalid(f"{where}: approval must be an Approval", f"{where}: approval sai kiểu")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "format": self.format,
            "fallback_item": self.fallback_item,
            "approval": self.approval.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "relay") -> Relay:
        d = _strict_keys(data, _RELAY_FIELDS, where)
        for name in ("id", "format"):
            if not isinstance(d[name], str):
                raise invalid(f"{where}.{name} must be a string", f"{where}.{name} phải là chuỗi")
        if d["fallback_item"] is not None and not isinstance(d["fallback_item"], str):
            raise invalid(
                f"{where}.fallback_item must be a string or null",
                f"{where}.fallback_item phải là chuỗi hoặc null",
            )
        if d["approval"] is None:
            raise invalid(f"{where} has no approval", f"{where} chưa được phê duyệt")
        return cls(
            id=d["id"],
            name=d["name"],
            url=d["url"],
            format=d["format"],
            fallback_item=d["fallback_item"],
            approval=Approval.from_dict(d["approval"], f"{where}.approval"),
        )


_MANIFEST_FIELDS = (
    "format",
    "bundle_id",
    "target",
    "sequence",
    "issued_at",
    "expires_at",
    "key_id",
    "items",
    "schedule",
)


@dataclass(frozen=True)
class Manifest:
    """What the bundle says; signed as ``to_json_bytes()``."""

    bundle_id: str
    target: Target
    sequence: int
    issued_at: datetime
    expires_at: datetime
    key_id: str
    items: tuple[BundleItem, ...]
    schedule: Mapping[str, Any] = field(default_factory=dict)  # opaque, owned by scheduler
    format: int = FORMAT_VERSION
    emergency: Emergency | None = None  # absent from the JSON of an ordinary bundle
    relays: tuple[Relay, ...] = ()  # absent from the JSON of a bundle without relay channels

    def __post_init__(self) -> None:
        if isinstance(self.format, bool) or self.format != FORMAT_VERSION:
            raise ManifestInvalid(
                f"unsupported bundle format {self.format!r} (this unit reads {FORMAT_VERSION})",
                f"định dạng gói {self.format!r} không được hỗ trợ (máy đọc {FORMAT_VERSION})",
                code="unsupported_format",
            )
        try:
            bid = str(uuid.UUID(str(self.bundle_id)))
        except ValueError:
            raise invalid("bundle_id must be a UUID", "bundle_id phải là UUID") from None
        if isinstance(self.bundle_id, str) and self.bundle_id != bid:
            raise invalid("bundle_id must be a lowercase UUID", "bundle_id phải là UUID chữ thường")
        _set(self, "bundle_id", bid)
        if isinstance(self.target, Mapping):
            _set(self, "target", Target(**self.target))
        if not isinstance(self.target, Target):
            raise invalid("target must be a Target", "target sai kiểu")
        _int(self.sequence, "sequence", minimum=0)
        check_aware(self.issued_at, "issued_at")
        check_aware(self.expires_at, "expires_at")
        if self.issued_at >= self.expires_at:
            raise invalid("issued_at must be before expires_at", "issued_at phải trước expires_at")
        if not isinstance(self.key_id, str) or not KEY_ID_RE.fullmatch(self.key_id):
            raise invalid("key_id must be 16 lowercase hex", "key_id phải là 16 ký tự hex thường")
        items = tuple(self.items)
        if not all(isinstance(item, BundleItem) for item in items):
            raise invalid("items must be BundleItem objects", "items sai kiểu")
        seen_ids: set[str] = set()
        sizes: dict[str, int] = {}
        for item in items:
            if item.id in seen_ids:
                raise invalid(f"duplicate item id {item.id}", f"trùng mã mục {item.id}")
            seen_ids.add(item.id)
            if sizes.setdefault(item.audio_sha256, item.audio_size) != item.audio_size:
                raise invalid(
                    f"audio {item.audio_sha256[:12]}… listed with two sizes",
                    f"âm thanh {item.audio_sha256[:12]}… có hai kích thước khác nhau",
                )
            if item.approval is not None and item.approval.approved_at > self.issued_at:
                raise invalid(
                    f"item {item.id}: approved after the bundle was issued",
                    f"mục {item.id}: được duyệt sau thời điểm phát hành gói",
                )
        _set(self, "items", items)
        if not isinstance(self.schedule, Mapping):
            raise invalid("schedule must be a JSON object", "schedule phải là đối tượng JSON")
        try:
            schedule = json.loads(canonical_json(self.schedule))
        except (TypeError, ValueError, RecursionError) as exc:
            raise invalid(
                f"schedule is not JSON-serialisable ({exc})",
                f"schedule không chuyển được sang JSON ({exc})",
            ) from None
        _set(self, "schedule", schedule)
        self._check_emergency()
        self._check_relays()

    def _check_relays(self) -> None:
        if isinstance(self.relays, str | bytes | Mapping) or not isinstance(self.relays, Iterable):
            raise invalid("relays must be a list", "relays phải là danh sách")
        relays = tuple(Relay(**r) if isinstance(r, Mapping) else r for r in self.relays)
        item_ids = {item.id for item in self.items}
        seen: set[str] = set()
        for relay in relays:
            if not isinstance(relay, Relay):
                raise invalid("relays must be Relay objects", "relays sai kiểu")
            if relay.id in seen:
                raise invalid(
                    f"duplicate relay id {relay.id}", f"trùng mã kênh tiếp sóng {relay.id}"
                )
            seen.add(relay.id)
            if relay.fallback_item is not None and relay.fallback_item not in item_ids:
                raise invalid(
                    f"relay {relay.id}: fallback item {relay.fallback_item} is not in the bundle",
                    f"kênh tiếp sóng {relay.id}: bản tin dự phòng {relay.fallback_item} "
                    "không có trong gói",
                )
            if relay.approval.approved_at > self.issued_at:
                raise invalid(
                    f"relay {relay.id}: approved after the bundle was issued",
                    f"kênh tiếp sóng {relay.id}: được duyệt sau thời điểm phát hành gói",
                )
        _set(self, "relays", relays)

    def _check_emergency(self) -> None:
        em = self.emergency
        if em is None:
            return
        if isinstance(em, Mapping):
            em = Emergency(**em)
            _set(self, "emergency", em)
        if not isinstance(em, Emergency):
            raise invalid("emergency must be an Emergency", "emergency sai kiểu")
        if self.schedule:
            raise invalid(
                "an emergency bundle carries an empty schedule",
                "gói khẩn cấp phải có schedule rỗng",
            )
        if em.action == "stop":
            if self.items:
                raise invalid(
                    "an emergency stop bundle carries no items",
                    "gói dừng khẩn cấp không được có mục nào",
                )
            return
        if len(self.items) != 1 or self.items[0].priority is not Priority.EMERGENCY:
            raise invalid(
                "an emergency play bundle carries exactly one item of priority emergency",
                "gói phát khẩn cấp phải có đúng một mục mức ưu tiên khẩn cấp",
            )
        if em.start_at >= self.expires_at:
            raise invalid(
                "emergency.start_at must be before expires_at",
                "emergency.start_at phải trước expires_at",
            )

    @property
    def audio_sizes(self) -> dict[str, int]:
        """Distinct audio by sha256 → size (two items may share one audio)."""
        return {item.audio_sha256: item.audio_size for item in self.items}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": self.format,
            "bundle_id": self.bundle_id,
            "target": self.target.to_dict(),
            "sequence": self.sequence,
            "issued_at": self.issued_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
            "key_id": self.key_id,
            "items": [item.to_dict() for item in self.items],
            "schedule": self.schedule,
        }
        if self.emergency is not None:  # an ordinary manifest stays byte for byte as before
            out["emergency"] = self.emergency.to_dict()
        if self.relays:  # likewise a manifest without relay channels
            out["relays"] = [relay.to_dict() for relay in self.relays]
        return out

    def to_json_bytes(self) -> bytes:
        return canonical_json(self.to_dict())

    @classmethod
    def from_dict(cls, data: Any) -> Manifest:
        """Strict: unknown or missing fields and wrong types raise ManifestInvalid."""
        if isinstance(data, dict) and "format" in data and data["format"] != FORMAT_VERSION:
            cls._check_format(data["format"])
        fields: tuple[str, ...] = _MANIFEST_FIELDS
        if isinstance(data, dict) and "emergency" in data:
            fields = (*fields, "emergency")
        if isinstance(data, dict) and "relays" in data:
            fields = (*fields, "relays")
        d = _strict_keys(data, fields, "manifest")
        relays = d.get("relays", None)
        if "relays" in d and (not isinstance(relays, list) or not relays):
            raise invalid(
                "relays, when present, must be a non-empty list",
                "relays, nếu có, phải là danh sách không rỗng",
            )
        if not isinstance(d["bundle_id"], str):
            raise invalid("bundle_id must be a string", "bundle_id phải là chuỗi")
        if not isinstance(d["items"], list):
            raise invalid("items must be a list", "items phải là danh sách")
        if not isinstance(d["schedule"], dict):
            raise invalid("schedule must be a JSON object", "schedule phải là đối tượng JSON")
        return cls(
            format=d["format"],
            bundle_id=d["bundle_id"],
            target=Target.from_dict(d["target"]),
            sequence=d["sequence"],
            issued_at=_parse_time(d["issued_at"], "issued_at"),
            expires_at=_parse_time(d["expires_at"], "expires_at"),
            key_id=d["key_id"],
            items=tuple(BundleItem.from_dict(v, f"items[{i}]") for i, v in enumerate(d["items"])),
            schedule=d["schedule"],
            emergency=Emergency.from_dict(d["emergency"]) if "emergency" in d else None,
            relays=tuple(Relay.from_dict(v, f"relays[{i}]") for i, v in enumerate(relays or [])),
        )

    @staticmethod
    def _check_format(value: Any) -> None:
        raise ManifestInvalid(
            f"unsupported bundle format {value!r} (this unit reads {FORMAT_VERSION})",
            f"định dạng gói {value!r} không được hỗ trợ (máy đọc {FORMAT_VERSION})",
            code="unsupported_format",
        )

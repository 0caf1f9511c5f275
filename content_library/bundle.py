"""The signed bundle: manifest model, deterministic tar writer, strict verifier and extractor.

A bundle is a plain POSIX (ustar) tar in one exact canonical layout (docs/bundle-format.md).
The reader re-derives every header it expects and compares bytes, so any change to any
byte of the file — signed or not — is refused. Imports nothing from the project except
``content_library.types`` and no ORM/web library: the speaker unit runs it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import unicodedata
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from content_library.types import Priority

__all__ = [
    "FORMAT_VERSION",
    "Approval",
    "BundleItem",
    "BundleRejected",
    "Limits",
    "Manifest",
    "ManifestInvalid",
    "Member",
    "Target",
    "VerifiedBundle",
    "build_bundle",
    "canonical_json",
    "extract_bundle",
    "read_manifest_unverified",
    "record_accepted",
    "target_key",
    "verify_bundle",
]

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
STATE_FILE_NAME = "bundle-state.json"
SIGNATURE_BYTES = 64

BLOCK = 512
ZERO_BLOCK = bytes(BLOCK)
TAR_MTIME = 0  # fixed so that the same manifest and audio give the same bytes
TAR_MODE = 0o644
_CHUNK = 1 << 20

_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_KEY_ID_RE = re.compile(r"[0-9a-f]{16}")
_AUDIO_NAME_RE = re.compile(r"audio/([0-9a-f]{64})\.wav")
_SIZE_FIELD_RE = re.compile(rb"[0-7]{11}\x00")
_CHECKSUM_FIELD_RE = re.compile(rb"[0-7]{6}\x00 ")


# --------------------------------------------------------------------------- errors


class BundleRejected(Exception):
    """A bundle (or bundle input) is refused. ``reason`` is short English, ``reason_vi``
    Vietnamese, ``code`` a stable machine-readable tag (e.g. ``"bad_signature"``)."""

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str = "rejected"):
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = reason_vi or reason
        self.code = code

    def __str__(self) -> str:
        return self.reason


class ManifestInvalid(BundleRejected, ValueError):
    """The manifest (or a value meant for it) breaks the format's rules."""

    def __init__(
        self, reason: str, reason_vi: str | None = None, *, code: str = "manifest_invalid"
    ):
        super().__init__(reason, reason_vi, code=code)


def _invalid(what: str, what_vi: str) -> ManifestInvalid:
    return ManifestInvalid(f"invalid manifest: {what}", f"manifest không hợp lệ: {what_vi}")


def _show(name: str | bytes, limit: int = 40) -> str:
    """A member name made safe for a one-line message."""
    text = repr(name if isinstance(name, str) else name.decode("latin-1"))
    return text if len(text) <= limit else text[: limit - 1] + "…'"


# --------------------------------------------------------------------------- canonical JSON


def _nfc_tree(obj: Any) -> Any:
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if obj is None or isinstance(obj, bool | int):
        return obj
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError("NaN and infinity are not JSON")
        return obj
    if isinstance(obj, Mapping):
        out: dict[str, Any] = {}
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be strings, not {type(key).__name__}")
            nkey = unicodedata.normalize("NFC", key)
            if nkey in out:
                raise ValueError(f"duplicate key after NFC normalisation: {nkey!r}")
            out[nkey] = _nfc_tree(value)
        return out
    if isinstance(obj, list | tuple):
        return [_nfc_tree(value) for value in obj]
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (not \\u-escaped), every string NFC, no NaN."""
    text = json.dumps(
        _nfc_tree(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")  # lone surrogates raise UnicodeEncodeError (a ValueError)


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _loads_strict(data: bytes) -> Any:
    return json.loads(
        data.decode("utf-8"), object_pairs_hook=_pairs_no_duplicates, parse_constant=_no_constants
    )


# --------------------------------------------------------------------------- field helpers


def _ident(value: Any, where: str) -> str:
    """Ids are strings in the format; ints from the database are accepted and converted."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _invalid(f"{where} must be a string id", f"{where} phải là mã dạng chuỗi")
    text = unicodedata.normalize("NFC", str(value))
    if not text or len(text) > 200 or any(ch in text for ch in "\x00\n\r"):
        raise _invalid(f"{where} is empty or malformed", f"{where} rỗng hoặc sai định dạng")
    return text


def _text(value: Any, where: str, *, empty_ok: bool = False) -> str:
    if not isinstance(value, str):
        raise _invalid(f"{where} must be a string", f"{where} phải là chuỗi")
    text = unicodedata.normalize("NFC", value)
    if not text and not empty_ok:
        raise _invalid(f"{where} is empty", f"{where} bị trống")
    return text


def _aware(value: Any, where: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise _invalid(
            f"{where} must be a datetime with a UTC offset",
            f"{where} phải là thời điểm có múi giờ",
        )
    return value


def _parse_time(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise _invalid(f"{where} must be an ISO 8601 string", f"{where} phải là chuỗi ISO 8601")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _invalid(f"{where} is not ISO 8601", f"{where} không đúng ISO 8601") from None
    return _aware(parsed, where)


def _int(value: Any, where: str, *, minimum: int, maximum: int = 2**63 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(f"{where} must be an integer", f"{where} phải là số nguyên")
    if not minimum <= value <= maximum:
        raise _invalid(f"{where} is out of range", f"{where} nằm ngoài giới hạn")
    return value


def _sha256(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _SHA256_RE.fullmatch(value):
        raise _invalid(f"{where} must be 64 lowercase hex", f"{where} phải là 64 ký tự hex thường")
    return value


def _strict_keys(data: Any, allowed: Collection[str], where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _invalid(f"{where} must be a JSON object", f"{where} phải là đối tượng JSON")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise _invalid(f"unknown field {where}.{unknown[0]}", f"trường lạ {where}.{unknown[0]}")
    missing = sorted(set(allowed) - set(data))
    if missing:
        raise _invalid(f"missing field {where}.{missing[0]}", f"thiếu trường {where}.{missing[0]}")
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
            _aware(getattr(self, name), f"approval.{name}")
        if self.valid_from >= self.valid_until:
            raise _invalid(
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
            raise _invalid(f"{where}.id must be a string", f"{where}.id phải là chuỗi")
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
            raise _invalid(
                f"{where}: priority must be normal, priority or emergency",
                f"{where}: mức ưu tiên phải là normal, priority hoặc emergency",
            ) from None
        _sha256(self.audio_sha256, f"{where}: audio_sha256")
        _int(self.audio_size, f"{where}: audio_size", minimum=1)
        if isinstance(self.duration_s, bool) or not isinstance(self.duration_s, int | float):
            raise _invalid(
                f"{where}: duration_s must be a number", f"{where}: duration_s phải là số"
            )
        _set(self, "duration_s", float(self.duration_s))
        if not (math.isfinite(self.duration_s) and self.duration_s > 0):
            raise _invalid(f"{where}: duration_s must be > 0", f"{where}: duration_s phải > 0")
        _int(self.sample_rate, f"{where}: sample_rate", minimum=1, maximum=10_000_000)
        _set(
            self, "script_version_id", _ident(self.script_version_id, f"{where}: script_version_id")
        )
        if not isinstance(self.loop, bool):
            raise _invalid(
                f"{where}: loop must be true or false", f"{where}: loop phải là true/false"
            )
        if self.approval is not None and not isinstance(self.approval, Approval):
            raise _invalid(f"{where}: approval must be an Approval", f"{where}: approval sai kiểu")

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
                raise _invalid(f"{where}.{name} must be a string", f"{where}.{name} phải là chuỗi")
        if d["approval"] is None:
            raise _invalid(f"{where} has no approval", f"{where} chưa được phê duyệt")
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
                raise _invalid(f"target.{name} must be a list", f"target.{name} phải là danh sách")
            ids = [_ident(v, f"target.{name}[]") for v in values]
            if len(set(ids)) != len(ids):
                raise _invalid(f"target.{name} has duplicates", f"target.{name} bị trùng")
            _set(self, name, tuple(sorted(ids)))
        if not self.units and not self.areas:
            raise _invalid(
                "target names no unit and no area", "target không có loa hay địa bàn nào"
            )

    def to_dict(self) -> dict[str, Any]:
        return {"units": list(self.units), "areas": list(self.areas)}

    @classmethod
    def from_dict(cls, data: Any) -> Target:
        d = _strict_keys(data, ("units", "areas"), "target")
        for name in ("units", "areas"):
            if not isinstance(d[name], list) or not all(isinstance(v, str) for v in d[name]):
                raise _invalid(
                    f"target.{name} must be a list of strings",
                    f"target.{name} phải là danh sách chuỗi",
                )
        return cls(units=tuple(d["units"]), areas=tuple(d["areas"]))


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
            raise _invalid("bundle_id must be a UUID", "bundle_id phải là UUID") from None
        if isinstance(self.bundle_id, str) and self.bundle_id != bid:
            raise _invalid(
                "bundle_id must be a lowercase UUID", "bundle_id phải là UUID chữ thường"
            )
        _set(self, "bundle_id", bid)
        if isinstance(self.target, Mapping):
            _set(self, "target", Target(**self.target))
        if not isinstance(self.target, Target):
            raise _invalid("target must be a Target", "target sai kiểu")
        _int(self.sequence, "sequence", minimum=0)
        _aware(self.issued_at, "issued_at")
        _aware(self.expires_at, "expires_at")
        if self.issued_at >= self.expires_at:
            raise _invalid("issued_at must be before expires_at", "issued_at phải trước expires_at")
        if not isinstance(self.key_id, str) or not _KEY_ID_RE.fullmatch(self.key_id):
            raise _invalid("key_id must be 16 lowercase hex", "key_id phải là 16 ký tự hex thường")
        items = tuple(self.items)
        if not all(isinstance(item, BundleItem) for item in items):
            raise _invalid("items must be BundleItem objects", "items sai kiểu")
        seen_ids: set[str] = set()
        sizes: dict[str, int] = {}
        for item in items:
            if item.id in seen_ids:
                raise _invalid(f"duplicate item id {item.id}", f"trùng mã mục {item.id}")
            seen_ids.add(item.id)
            if sizes.setdefault(item.audio_sha256, item.audio_size) != item.audio_size:
                raise _invalid(
                    f"audio {item.audio_sha256[:12]}… listed with two sizes",
                    f"âm thanh {item.audio_sha256[:12]}… có hai kích thước khác nhau",
                )
            if item.approval is not None and item.approval.approved_at > self.issued_at:
                raise _invalid(
                    f"item {item.id}: approved after the bundle was issued",
                    f"mục {item.id}: được duyệt sau thời điểm phát hành gói",
                )
        _set(self, "items", items)
        if not isinstance(self.schedule, Mapping):
            raise _invalid("schedule must be a JSON object", "schedule phải là đối tượng JSON")
        try:
            schedule = json.loads(canonical_json(self.schedule))
        except (TypeError, ValueError, RecursionError) as exc:
            raise _invalid(
                f"schedule is not JSON-serialisable ({exc})",
                f"schedule không chuyển được sang JSON ({exc})",
            ) from None
        _set(self, "schedule", schedule)

    @property
    def audio_sizes(self) -> dict[str, int]:
        """Distinct audio by sha256 → size (two items may share one audio)."""
        return {item.audio_sha256: item.audio_size for item in self.items}

    def to_dict(self) -> dict[str, Any]:
        return {
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

    def to_json_bytes(self) -> bytes:
        return canonical_json(self.to_dict())

    @classmethod
    def from_dict(cls, data: Any) -> Manifest:
        """Strict: unknown or missing fields and wrong types raise ManifestInvalid."""
        if isinstance(data, dict) and "format" in data and data["format"] != FORMAT_VERSION:
            cls._check_format(data["format"])
        d = _strict_keys(data, _MANIFEST_FIELDS, "manifest")
        if not isinstance(d["bundle_id"], str):
            raise _invalid("bundle_id must be a string", "bundle_id phải là chuỗi")
        if not isinstance(d["items"], list):
            raise _invalid("items must be a list", "items phải là danh sách")
        if not isinstance(d["schedule"], dict):
            raise _invalid("schedule must be a JSON object", "schedule phải là đối tượng JSON")
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
        )

    @staticmethod
    def _check_format(value: Any) -> None:
        raise ManifestInvalid(
            f"unsupported bundle format {value!r} (this unit reads {FORMAT_VERSION})",
            f"định dạng gói {value!r} không được hỗ trợ (máy đọc {FORMAT_VERSION})",
            code="unsupported_format",
        )


def target_key(target: Target) -> str:
    """The key under which a unit's state remembers the last sequence for this target."""
    return canonical_json(target.to_dict()).decode("utf-8")


# --------------------------------------------------------------------------- limits, results


@dataclass(frozen=True)
class Limits:
    """What a unit is willing to read; checked against bytes actually counted."""

    max_members: int = 1026  # manifest + signature + up to 1024 distinct audio files
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024  # sum of member data
    max_manifest_bytes: int = 4 * 1024 * 1024


@dataclass(frozen=True)
class Member:
    name: str
    offset: int  # of the member's data in the bundle file
    size: int


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle that passed every check; audio can be read in place by offset."""

    path: Path
    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    key_id: str
    members: tuple[Member, ...]
    time_checked: bool  # False when the clock was not trusted: validity window not checked
    sequence_checked: bool  # False when no state dir was given

    def audio_member(self, sha256: str) -> Member:
        name = f"audio/{sha256}.wav"
        for member in self.members:
            if member.name == name:
                return member
        raise KeyError(sha256)

    def read_audio(self, sha256: str) -> bytes:
        """The audio's bytes, re-hashed: the file may have changed since verification."""
        member = self.audio_member(sha256)
        with open(self.path, "rb") as fh:
            fh.seek(member.offset)
            data = _read_exact(fh, member.size, "audio")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BundleRejected(
                f"audio {sha256[:12]}… changed after verification",
                f"âm thanh {sha256[:12]}… đã bị thay đổi sau khi xác minh",
                code="audio_hash_mismatch",
            )
        return data


# --------------------------------------------------------------------------- tar layout


def _octal(value: int, width: int) -> bytes:
    digits = format(value, "o").rjust(width - 1, "0")
    if len(digits) != width - 1:
        raise ValueError(f"{value} does not fit a {width}-byte tar field")
    return digits.encode("ascii") + b"\x00"


def _checksum(header: bytes | bytearray) -> int:
    return sum(header[:148]) + 8 * 0x20 + sum(header[156:])


def _ustar_header(name: str, size: int) -> bytes:
    """The one header this format allows for a regular member ``name`` of ``size`` bytes."""
    raw = name.encode("ascii")
    if len(raw) > 100:
        raise ValueError("member name too long")
    h = bytearray(BLOCK)
    h[0:100] = raw.ljust(100, b"\x00")
    h[100:108] = _octal(TAR_MODE, 8)
    h[108:116] = _octal(0, 8)  # uid
    h[116:124] = _octal(0, 8)  # gid
    h[124:136] = _octal(size, 12)
    h[136:148] = _octal(TAR_MTIME, 12)
    h[156:157] = b"0"  # regular file
    h[257:263] = b"ustar\x00"
    h[263:265] = b"00"
    h[329:337] = _octal(0, 8)  # devmajor
    h[337:345] = _octal(0, 8)  # devminor
    h[148:156] = format(_checksum(h), "06o").encode("ascii") + b"\x00 "
    return bytes(h)


def _padding(size: int) -> int:
    return -size % BLOCK


_TYPE_NAMES = {
    b"1": ("hard link", "liên kết cứng"),
    b"2": ("symbolic link", "liên kết tượng trưng"),
    b"3": ("character device", "thiết bị ký tự"),
    b"4": ("block device", "thiết bị khối"),
    b"5": ("directory", "thư mục"),
    b"6": ("FIFO", "FIFO"),
    b"x": ("pax header", "pax header"),
    b"g": ("pax global header", "pax global header"),
    b"L": ("GNU long name", "GNU long name"),
    b"K": ("GNU long link", "GNU long link"),
}


def _parse_header(header: bytes) -> tuple[str, int]:
    """Name and size of a header, refused unless it is exactly the canonical header."""
    if header[257:265] != b"ustar\x0000":
        raise BundleRejected(
            "not a bundle: no POSIX ustar header",
            "không phải gói: thiếu header ustar POSIX",
            code="bad_header",
        )
    raw_name = header[0:100].split(b"\x00", 1)[0]
    prefix = header[345:500].split(b"\x00", 1)[0]
    full = prefix + b"/" + raw_name if prefix else raw_name
    typeflag = header[156:157]
    if typeflag != b"0":
        kind, kind_vi = _TYPE_NAMES.get(typeflag, ("special member", "thành phần đặc biệt"))
        raise BundleRejected(
            f"{kind} {_show(full)} not allowed in a bundle",
            f"không cho phép {kind_vi} {_show(full)} trong gói",
            code="special_member",
        )
    try:
        name = full.decode("ascii")
    except UnicodeDecodeError:
        name = ""
    parts = name.split("/")
    if name.startswith("/") or full.startswith(b"/"):
        raise BundleRejected(
            f"absolute member name {_show(full)}",
            f"tên thành phần là đường dẫn tuyệt đối {_show(full)}",
            code="unsafe_name",
        )
    if ".." in parts or b".." in full.split(b"/") or b"\\" in full:
        raise BundleRejected(
            f"path traversal in member name {_show(full)}",
            f"tên thành phần vượt thư mục {_show(full)}",
            code="unsafe_name",
        )
    if name not in (MANIFEST_NAME, SIGNATURE_NAME) and not _AUDIO_NAME_RE.fullmatch(name):
        raise BundleRejected(
            f"unexpected member {_show(full)}",
            f"thành phần lạ {_show(full)}",
            code="unexpected_member",
        )
    if not _SIZE_FIELD_RE.fullmatch(header[124:136]):
        raise BundleRejected(
            f"malformed size field for {name}",
            f"trường kích thước sai định dạng ở {name}",
            code="bad_header",
        )
    size = int(header[124:135], 8)
    stored = header[148:156]
    if not _CHECKSUM_FIELD_RE.fullmatch(stored) or int(stored[:6], 8) != _checksum(header):
        raise BundleRejected(
            f"bad tar header checksum for {name}",
            f"sai tổng kiểm tra ở header của {name}",
            code="bad_header",
        )
    if header != _ustar_header(name, size):
        raise BundleRejected(
            f"non-canonical tar header for {name}",
            f"header tar không đúng chuẩn của gói ở {name}",
            code="bad_header",
        )
    return name, size


def _truncated(what: str) -> BundleRejected:
    return BundleRejected(
        f"bundle is truncated (in {what})",
        f"gói bị cắt cụt (ở {what})",
        code="truncated",
    )


def _read_exact(fh: BinaryIO, n: int, what: str) -> bytes:
    """Exactly n bytes or BundleRejected; never asks for more than n."""
    parts: list[bytes] = []
    left = n
    while left:
        chunk = fh.read(min(left, _CHUNK))
        if not chunk:
            raise _truncated(what)
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _check_padding(fh: BinaryIO, size: int, name: str) -> None:
    pad = _padding(size)
    if pad and _read_exact(fh, pad, name) != bytes(pad):
        raise BundleRejected(
            f"non-zero padding after {name}",
            f"phần đệm sau {name} không phải toàn số 0",
            code="bad_padding",
        )


# --------------------------------------------------------------------------- signature check


def _public_key_id(pub: Ed25519PublicKey) -> str:
    # Same rule as content_library.signing.key_id, repeated to keep this module's imports small.
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _check_manifest(
    manifest_bytes: bytes, signature: bytes, trusted_keys: Mapping[str, Ed25519PublicKey]
) -> Manifest:
    try:
        obj = _loads_strict(manifest_bytes)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRejected(
            "manifest is not valid UTF-8 JSON",
            "manifest không phải JSON UTF-8 hợp lệ",
            code="manifest_invalid",
        ) from None
    if not isinstance(obj, dict):
        raise _invalid("not a JSON object", "không phải đối tượng JSON")
    kid = obj.get("key_id")
    if not isinstance(kid, str) or not _KEY_ID_RE.fullmatch(kid):
        raise _invalid("key_id missing or malformed", "thiếu key_id hoặc sai định dạng")
    pub = trusted_keys.get(kid)
    if pub is None:
        raise BundleRejected(
            f"signed by untrusted key {kid}",
            f"được ký bằng khóa không tin cậy {kid}",
            code="untrusted_key",
        )
    if _public_key_id(pub) != kid:
        raise BundleRejected(
            f"trusted key listed under the wrong key id {kid}",
            f"khóa tin cậy được ghi sai mã khóa {kid}",
            code="untrusted_key",
        )
    try:
        pub.verify(signature, manifest_bytes)
    except InvalidSignature:
        raise BundleRejected(
            f"bad signature (key {kid})", f"chữ ký không hợp lệ (khóa {kid})", code="bad_signature"
        ) from None
    # Signed, but only our canonical form is accepted so one manifest has one byte string.
    try:
        canonical = canonical_json(obj)
    except (TypeError, ValueError, RecursionError):
        canonical = b""
    if canonical != manifest_bytes:
        raise _invalid("not in canonical JSON form", "không ở dạng JSON chuẩn tắc")
    return Manifest.from_dict(obj)


# --------------------------------------------------------------------------- reading


def _scan(
    fh: BinaryIO,
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey] | None,
    limits: Limits,
    manifest_only: bool = False,
) -> tuple[Manifest, bytes, bytes, tuple[Member, ...]]:
    """Walk the whole archive in its one allowed layout; verify signature and every hash.

    With ``trusted_keys=None`` and ``manifest_only`` it only parses the first member
    (for inspect/plan), without any trust.
    """
    pos = 0
    index = 0
    total = 0
    seen: set[str] = set()
    last_audio = ""
    members: list[Member] = []
    manifest: Manifest | None = None
    manifest_bytes = b""
    signature = b""
    expected: dict[str, int] = {}

    while True:
        header = _read_exact(fh, BLOCK, "a header" if index else "the first header")
        pos += BLOCK
        if header == ZERO_BLOCK:
            if _read_exact(fh, BLOCK, "end-of-archive marker") != ZERO_BLOCK:
                raise BundleRejected(
                    "data after the first end-of-archive block",
                    "có dữ liệu sau khối kết thúc lưu trữ",
                    code="trailing_data",
                )
            if fh.read(1):
                raise BundleRejected(
                    "trailing data after end of archive",
                    "có dữ liệu thừa sau khi kết thúc lưu trữ",
                    code="trailing_data",
                )
            break
        index += 1
        if index > limits.max_members:
            raise BundleRejected(
                f"more than {limits.max_members} members",
                f"nhiều hơn {limits.max_members} thành phần",
                code="too_many_members",
            )
        name, size = _parse_header(header)
        if name in seen:
            raise BundleRejected(
                f"duplicate member {name}", f"thành phần bị trùng {name}", code="duplicate_member"
            )
        seen.add(name)
        expected_first = {1: MANIFEST_NAME, 2: SIGNATURE_NAME}.get(index)
        is_audio = name.startswith("audio/")
        if (expected_first and name != expected_first) or (not expected_first and not is_audio):
            raise BundleRejected(
                f"member {name} out of place (want manifest.json, manifest.sig, then audio)",
                f"thành phần {name} sai vị trí (cần manifest.json, manifest.sig rồi đến audio)",
                code="bad_order",
            )
        if is_audio and name < last_audio:
            raise BundleRejected(
                f"audio member {name} out of order", f"âm thanh {name} sai thứ tự", code="bad_order"
            )
        limit = {MANIFEST_NAME: limits.max_manifest_bytes, SIGNATURE_NAME: SIGNATURE_BYTES}.get(
            name, limits.max_member_bytes
        )
        if size > limit:
            raise BundleRejected(
                f"member {name} is {size} bytes, over the limit {limit}",
                f"thành phần {name} có {size} byte, vượt giới hạn {limit}",
                code="member_too_large",
            )
        total += size
        if total > limits.max_total_bytes:
            raise BundleRejected(
                f"bundle holds more than {limits.max_total_bytes} bytes",
                f"gói chứa hơn {limits.max_total_bytes} byte",
                code="bundle_too_large",
            )
        members.append(Member(name, pos, size))

        if name == MANIFEST_NAME:
            manifest_bytes = _read_exact(fh, size, name)
            _check_padding(fh, size, name)
            if manifest_only:
                try:
                    obj = _loads_strict(manifest_bytes)
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise _invalid("not valid UTF-8 JSON", "không phải JSON UTF-8 hợp lệ") from None
                return Manifest.from_dict(obj), manifest_bytes, b"", tuple(members)
        elif name == SIGNATURE_NAME:
            if size != SIGNATURE_BYTES:
                raise BundleRejected(
                    "manifest.sig is not a 64-byte Ed25519 signature",
                    "manifest.sig không phải chữ ký Ed25519 64 byte",
                    code="bad_signature",
                )
            signature = _read_exact(fh, size, name)
            _check_padding(fh, size, name)
            assert trusted_keys is not None
            manifest = _check_manifest(manifest_bytes, signature, trusted_keys)
            expected = manifest.audio_sizes
        else:
            assert manifest is not None  # guaranteed by the order check
            sha = name[6:70]
            last_audio = name
            if sha not in expected:
                raise BundleRejected(
                    f"audio {sha[:12]}… is not listed in the manifest",
                    f"âm thanh {sha[:12]}… không có trong manifest",
                    code="extra_member",
                )
            if size != expected[sha]:
                raise BundleRejected(
                    f"audio {sha[:12]}… is {size} bytes, manifest says {expected[sha]}",
                    f"âm thanh {sha[:12]}… có {size} byte, manifest ghi {expected[sha]}",
                    code="audio_size_mismatch",
                )
            digest = hashlib.sha256()
            left = size
            while left:
                chunk = fh.read(min(left, _CHUNK))
                if not chunk:
                    raise _truncated(name)
                digest.update(chunk)
                left -= len(chunk)
            if digest.hexdigest() != sha:
                raise BundleRejected(
                    f"audio hash mismatch: {sha[:12]}…",
                    f"mã băm âm thanh không khớp: {sha[:12]}…",
                    code="audio_hash_mismatch",
                )
            _check_padding(fh, size, name)
        pos += size + _padding(size)

    if manifest is None:
        missing = MANIFEST_NAME if not manifest_bytes else SIGNATURE_NAME
        raise BundleRejected(
            f"bundle has no {missing}", f"gói thiếu {missing}", code="missing_member"
        )
    absent = sorted(set(expected) - {m.name[6:70] for m in members if m.name.startswith("audio/")})
    if absent:
        raise BundleRejected(
            f"audio {absent[0][:12]}… is missing ({len(absent)} missing)",
            f"thiếu âm thanh {absent[0][:12]}… (thiếu {len(absent)})",
            code="missing_member",
        )
    return manifest, manifest_bytes, signature, tuple(members)


# --------------------------------------------------------------------------- unit state


def _state_path(state_dir: str | os.PathLike[str]) -> Path:
    return Path(state_dir) / STATE_FILE_NAME


def _load_state(state_dir: str | os.PathLike[str]) -> dict[str, Any]:
    path = _state_path(state_dir)
    try:
        with open(path, "rb") as fh:
            data = fh.read(16 * 1024 * 1024 + 1)
    except FileNotFoundError:
        return {"format": 1, "targets": {}}
    except OSError as exc:
        raise BundleRejected(
            f"cannot read unit state {path}: {exc.strerror}",
            f"không đọc được trạng thái của loa {path}: {exc.strerror}",
            code="state_unreadable",
        ) from exc
    try:
        state = _loads_strict(data)
        ok = (
            isinstance(state, dict)
            and state.get("format") == 1
            and isinstance(state.get("targets"), dict)
            and all(
                isinstance(v, dict)
                and isinstance(v.get("sequence"), int)
                and not isinstance(v.get("sequence"), bool)
                for v in state["targets"].values()
            )
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        ok = False
    if not ok:
        # Fail closed: a damaged state must not reset the sequence and let old bundles in.
        raise BundleRejected(
            f"unit state {path} is damaged; refusing bundles until it is repaired",
            f"tệp trạng thái {path} bị hỏng; từ chối gói cho đến khi sửa",
            code="state_unreadable",
        )
    return state


def _check_sequence(state_dir: str | os.PathLike[str], manifest: Manifest) -> None:
    held = _load_state(state_dir)["targets"].get(target_key(manifest.target))
    if held is not None and manifest.sequence <= held["sequence"]:
        raise BundleRejected(
            f"sequence {manifest.sequence} is not newer than {held['sequence']} held for this target",
            f"số thứ tự {manifest.sequence} không mới hơn {held['sequence']} đang giữ cho đích này",
            code="stale_sequence",
        )


def fsync_dir(path: Path) -> None:
    """fsync a folder so a rename inside it survives a power cut (best effort)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Temp file in the same folder, fsync, rename over `path`, fsync the folder."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def record_accepted(state_dir: str | os.PathLike[str], manifest: Manifest) -> None:
    """Remember ``manifest.sequence`` as the newest accepted for its target (atomic write).

    Recording the same bundle twice is a no-op; recording an older one is refused.
    One writer (the unit daemon) is assumed.
    """
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(state_dir)
    key = target_key(manifest.target)
    held = state["targets"].get(key)
    if held is not None:
        if held["sequence"] == manifest.sequence and held.get("bundle_id") == manifest.bundle_id:
            return
        _check_sequence(state_dir, manifest)
    state["targets"][key] = {"sequence": manifest.sequence, "bundle_id": manifest.bundle_id}
    atomic_write(_state_path(state_dir), canonical_json(state) + b"\n")


# --------------------------------------------------------------------------- public API


def _verify_open(
    fh: BinaryIO,
    path: Path,
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    now: datetime | None,
    clock_trusted: bool,
    state_dir: str | os.PathLike[str] | None,
    limits: Limits,
    unit_id: str | None,
    unit_areas: Collection[str],
) -> VerifiedBundle:
    manifest, manifest_bytes, signature, members = _scan(
        fh, trusted_keys=trusted_keys, limits=limits
    )
    if clock_trusted:
        if now is None:
            now = datetime.now(UTC)
        elif now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must carry a UTC offset")
        if now < manifest.issued_at:
            raise BundleRejected(
                f"bundle not valid before {manifest.issued_at.isoformat()}",
                f"gói chưa có hiệu lực trước {manifest.issued_at.isoformat()}",
                code="not_yet_valid",
            )
        if now >= manifest.expires_at:
            raise BundleRejected(
                f"bundle expired at {manifest.expires_at.isoformat()}",
                f"gói đã hết hạn lúc {manifest.expires_at.isoformat()}",
                code="expired",
            )
        for item in manifest.items:
            assert item.approval is not None  # from_dict refuses a missing approval
            if now >= item.approval.valid_until:
                raise BundleRejected(
                    f"approval of item {item.id} expired at {item.approval.valid_until.isoformat()}",
                    f"phê duyệt của mục {item.id} hết hạn lúc {item.approval.valid_until.isoformat()}",
                    code="approval_expired",
                )
    if unit_id is not None:
        if unit_id not in manifest.target.units and not set(unit_areas) & set(
            manifest.target.areas
        ):
            raise BundleRejected(
                f"bundle is not addressed to unit {unit_id}",
                f"gói không gửi tới loa {unit_id}",
                code="wrong_target",
            )
    if state_dir is not None:
        _check_sequence(state_dir, manifest)
    return VerifiedBundle(
        path=path,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        signature=signature,
        key_id=manifest.key_id,
        members=members,
        time_checked=clock_trusted,
        sequence_checked=state_dir is not None,
    )


def _open_bundle(path: str | os.PathLike[str]) -> BinaryIO:
    try:
        return open(path, "rb")  # closed by the callers' with-blocks
    except OSError as exc:
        raise BundleRejected(
            f"cannot open bundle: {exc.strerror}",
            f"không mở được gói: {exc.strerror}",
            code="unreadable",
        ) from exc


def verify_bundle(
    path: str | os.PathLike[str],
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    now: datetime | None = None,
    clock_trusted: bool = True,
    state_dir: str | os.PathLike[str] | None = None,
    limits: Limits = Limits(),
    unit_id: str | None = None,
    unit_areas: Collection[str] = (),
) -> VerifiedBundle:
    """Verify everything (layout, signature, key id, hashes, limits, window, sequence).

    ``now`` defaults to the system clock only when the caller trusts it and passes none.
    ``unit_id``/``unit_areas`` (the unit's area and its ancestors), when given, also
    require the bundle to be addressed to this unit. Raises BundleRejected.
    """
    with _open_bundle(path) as fh:
        return _verify_open(
            fh,
            Path(path),
            trusted_keys=trusted_keys,
            now=now,
            clock_trusted=clock_trusted,
            state_dir=state_dir,
            limits=limits,
            unit_id=unit_id,
            unit_areas=unit_areas,
        )


def extract_bundle(
    path: str | os.PathLike[str],
    dest_dir: str | os.PathLike[str],
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    now: datetime | None = None,
    clock_trusted: bool = True,
    state_dir: str | os.PathLike[str] | None = None,
    limits: Limits = Limits(),
    unit_id: str | None = None,
    unit_areas: Collection[str] = (),
) -> VerifiedBundle:
    """Verify, then write each audio as ``dest_dir/audio/<sha256>.wav`` (atomically).

    File names come from verified hashes, never from the archive, and are opened relative
    to a directory descriptor opened with O_NOFOLLOW, so nothing lands outside dest_dir.
    Does not record the sequence: call ``record_accepted`` once the unit switches over.
    """
    dest = Path(dest_dir)
    with _open_bundle(path) as fh:
        verified = _verify_open(
            fh,
            Path(path),
            trusted_keys=trusted_keys,
            now=now,
            clock_trusted=clock_trusted,
            state_dir=state_dir,
            limits=limits,
            unit_id=unit_id,
            unit_areas=unit_areas,
        )
        dest.mkdir(parents=True, exist_ok=True)
        audio_dir = dest / "audio"
        try:
            audio_dir.mkdir(exist_ok=True)
            dir_fd = os.open(
                audio_dir,
                os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0),
            )
        except OSError as exc:
            raise BundleRejected(
                f"{audio_dir} is not a plain directory ({exc.strerror})",
                f"{audio_dir} không phải thư mục thường ({exc.strerror})",
                code="unsafe_destination",
            ) from exc
        try:
            for member in verified.members:
                if member.name.startswith("audio/"):
                    _extract_one(fh, member, dir_fd)
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return verified


def _extract_one(fh: BinaryIO, member: Member, dir_fd: int) -> None:
    sha = member.name[6:70]
    assert _SHA256_RE.fullmatch(sha)
    final = f"{sha}.wav"
    tmp = f".{final}.{uuid.uuid4().hex}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o644, dir_fd=dir_fd)
    try:
        digest = hashlib.sha256()
        fh.seek(member.offset)
        left = member.size
        with os.fdopen(fd, "wb") as out:
            while left:
                chunk = fh.read(min(left, _CHUNK))
                if not chunk:
                    raise _truncated(member.name)
                digest.update(chunk)
                out.write(chunk)
                left -= len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha:  # the file changed under us since verification
            raise BundleRejected(
                f"audio hash mismatch: {sha[:12]}… (bundle changed during extraction)",
                f"mã băm âm thanh không khớp: {sha[:12]}… (gói thay đổi khi giải nén)",
                code="audio_hash_mismatch",
            )
        os.replace(tmp, final, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except FileNotFoundError:
            pass
        raise


def read_manifest_unverified(
    path: str | os.PathLike[str], *, limits: Limits = Limits()
) -> Manifest:
    """The manifest, parsed strictly but NOT verified: for display and planning only."""
    with _open_bundle(path) as fh:
        manifest, _, _, _ = _scan(fh, trusted_keys=None, limits=limits, manifest_only=True)
    return manifest


def build_bundle(
    manifest: Manifest,
    audio_files: Mapping[str, str | os.PathLike[str]],
    *,
    signing_key: Ed25519PrivateKey,
    out_path: str | os.PathLike[str],
    now: datetime,
    limits: Limits = Limits(),
) -> Path:
    """Sign ``manifest`` and write the bundle to ``out_path`` atomically; return the path.

    Refuses: an item without approval, or whose approval ended (valid_until <= now); a
    bundle already expired; a signing key other than ``manifest.key_id``; missing audio;
    audio whose size or sha256 differs from the manifest; anything over ``limits``.
    Approval windows are not clipped to the bundle's window: the unit checks both.
    """
    _aware(now, "now")
    if _public_key_id(signing_key.public_key()) != manifest.key_id:
        raise BundleRejected(
            f"manifest key_id {manifest.key_id} is not the signing key",
            f"key_id {manifest.key_id} của manifest không phải khóa ký",
            code="untrusted_key",
        )
    if now >= manifest.expires_at:
        raise BundleRejected(
            f"bundle would already be expired ({manifest.expires_at.isoformat()})",
            f"gói đã hết hạn ngay khi tạo ({manifest.expires_at.isoformat()})",
            code="expired",
        )
    for item in manifest.items:
        if item.approval is None:
            raise BundleRejected(
                f"item {item.id} ({item.title}) is not approved",
                f"mục {item.id} ({item.title}) chưa được phê duyệt",
                code="not_approved",
            )
        if item.approval.valid_until <= now:
            raise BundleRejected(
                f"approval of item {item.id} ({item.title}) expired at "
                f"{item.approval.valid_until.isoformat()}",
                f"phê duyệt của mục {item.id} ({item.title}) đã hết hạn lúc "
                f"{item.approval.valid_until.isoformat()}",
                code="approval_expired",
            )
    sizes = dict(sorted(manifest.audio_sizes.items()))
    for sha in sizes:
        if sha not in audio_files:
            raise BundleRejected(
                f"no audio file given for {sha[:12]}…",
                f"thiếu tệp âm thanh cho {sha[:12]}…",
                code="missing_member",
            )
    manifest_bytes = manifest.to_json_bytes()
    checks = [
        (len(sizes) + 2 > limits.max_members, "too many audio files", "quá nhiều tệp âm thanh"),
        (
            len(manifest_bytes) > limits.max_manifest_bytes,
            "manifest too large",
            "manifest quá lớn",
        ),
        (
            any(s > limits.max_member_bytes for s in sizes.values()),
            "an audio file is too large",
            "có tệp âm thanh quá lớn",
        ),
        (
            sum(sizes.values()) + len(manifest_bytes) + SIGNATURE_BYTES > limits.max_total_bytes,
            "bundle too large",
            "gói quá lớn",
        ),
    ]
    for failed, reason, reason_vi in checks:
        if failed:
            raise BundleRejected(reason, reason_vi, code="bundle_too_large")
    signature = signing_key.sign(manifest_bytes)

    out = Path(out_path)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            for name, data in ((MANIFEST_NAME, manifest_bytes), (SIGNATURE_NAME, signature)):
                fh.write(_ustar_header(name, len(data)))
                fh.write(data)
                fh.write(bytes(_padding(len(data))))
            for sha, size in sizes.items():
                fh.write(_ustar_header(f"audio/{sha}.wav", size))
                _copy_audio(Path(audio_files[sha]), sha, size, fh)
                fh.write(bytes(_padding(size)))
            fh.write(ZERO_BLOCK * 2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(out.parent)
    return out


def _copy_audio(src: Path, sha: str, size: int, out: BinaryIO) -> None:
    """Copy exactly ``size`` bytes, hashing what is actually written."""
    digest = hashlib.sha256()
    with open(src, "rb") as fh:
        head = fh.read(12) if size >= 12 else b""
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            raise BundleRejected(
                f"{src.name} is not a WAV file", f"{src.name} không phải tệp WAV", code="not_wav"
            )
        digest.update(head)
        out.write(head)
        left = size - len(head)
        while left > 0:
            chunk = fh.read(min(left, _CHUNK))
            if not chunk:
                break
            digest.update(chunk)
            out.write(chunk)
            left -= len(chunk)
        extra = fh.read(1)
    if left != 0 or extra:
        raise BundleRejected(
            f"audio {sha[:12]}… size differs from the manifest ({size} bytes)",
            f"kích thước âm thanh {sha[:12]}… khác manifest ({size} byte)",
            code="audio_size_mismatch",
        )
    if digest.hexdigest() != sha:
        raise BundleRejected(
            f"audio hash mismatch: {sha[:12]}… ({src.name})",
            f"mã băm âm thanh không khớp: {sha[:12]}… ({src.name})",
            code="audio_hash_mismatch",
        )

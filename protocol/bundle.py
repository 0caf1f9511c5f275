"""Build, verify and extract a signed bundle (docs/bundle-format.md).

A bundle is a plain POSIX (ustar) tar in one exact canonical layout (``protocol.ustar``):
``manifest.json`` (canonical JSON), ``manifest.sig`` (Ed25519 over those bytes), then each
audio once as ``audio/<sha256>.wav`` (or ``.flac``: the same samples, lossless, as the panel
sends emergency audio) in name order. The reader walks the whole file once,
checking every header, the signature, each audio's size and hash, the limits, then the
validity window, the target, the sequence and the caller's own check of the manifest (the
unit passes its scheduler's: protocol cannot import it); any change to any byte is refused.
Only a regular file is opened (never a FIFO or a device), without blocking.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections import deque
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from protocol.canonical import canonical_json, loads_strict
from protocol.errors import BundleRejected, invalid
from protocol.files import atomic_file
from protocol.keys import KEY_ID_RE, SIGNATURE_BYTES, key_id, verify_signature
from protocol.manifest import SHA256_RE, Manifest, check_aware
from protocol.sequence import check_sequence, time_floor
from protocol.ustar import (
    AUDIO_SUFFIXES,
    BLOCK,
    CHUNK,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    ZERO_BLOCK,
    check_padding,
    padding,
    parse_header,
    read_chunks,
    read_exact,
    ustar_header,
)

__all__ = [
    "BundleRejected",  # what every function here raises (defined in protocol.errors)
    "Limits",
    "ManifestCheck",
    "Member",
    "VerifiedBundle",
    "build_bundle",
    "describe_file_type",
    "extract_bundle",
    "read_manifest_unverified",
    "signed_head",
    "verify_bundle",
]


# --------------------------------------------------------------------------- limits, results


@dataclass(frozen=True)
class Limits:
    """What a unit is willing to read; checked against bytes actually counted."""

    max_members: int = 1026  # manifest + signature + up to 1024 distinct audio files
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024  # sum of member data
    max_manifest_bytes: int = 4 * 1024 * 1024

    @property
    def max_file_bytes(self) -> int:
        """The largest a bundle file can be within these limits: the member data, a header
        and at most one block of padding per member, and the two end blocks."""
        return self.max_total_bytes + self.max_members * 2 * BLOCK + 2 * BLOCK


# A caller's own check of a verified manifest (the unit's: its schedule can be used);
# raises BundleRejected.
ManifestCheck = Callable[[Manifest], None]


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
        for member in self.members:
            if member.name in (f"audio/{sha256}{suffix}" for suffix in AUDIO_SUFFIXES):
                return member
        raise KeyError(sha256)

    def read_audio(self, sha256: str) -> bytes:
        """The audio's bytes, re-hashed: the file may have changed since verification."""
        member = self.audio_member(sha256)
        with open(self.path, "rb") as fh:
            fh.seek(member.offset)
            data = read_exact(fh, member.size, "audio")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BundleRejected(
                f"audio {sha256[:12]}… changed after verification",
                f"âm thanh {sha256[:12]}… đã bị thay đổi sau khi xác minh",
                code="audio_hash_mismatch",
            )
        return data


# --------------------------------------------------------------------------- signature check


def _check_manifest(
    manifest_bytes: bytes, signature: bytes, trusted_keys: Mapping[str, Ed25519PublicKey]
) -> Manifest:
    try:
        obj = loads_strict(manifest_bytes)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRejected(
            "manifest is not valid UTF-8 JSON",
            "manifest không phải JSON UTF-8 hợp lệ",
            code="manifest_invalid",
        ) from None
    if not isinstance(obj, dict):
        raise invalid("not a JSON object", "không phải đối tượng JSON")
    kid = obj.get("key_id")
    if not isinstance(kid, str) or not KEY_ID_RE.fullmatch(kid):
        raise invalid("key_id missing or malformed", "thiếu key_id hoặc sai định dạng")
    pub = trusted_keys.get(kid)
    if pub is None:
        raise BundleRejected(
            f"signed by untrusted key {kid}",
            f"được ký bằng khóa không tin cậy {kid}",
            code="untrusted_key",
        )
    if key_id(pub) != kid:
        raise BundleRejected(
            f"trusted key listed under the wrong key id {kid}",
            f"khóa tin cậy được ghi sai mã khóa {kid}",
            code="untrusted_key",
        )
    head = (pub.public_bytes_raw(), manifest_bytes, signature)
    if not _checked_before(head):
        if not verify_signature(pub, manifest_bytes, signature):
            raise BundleRejected(
                f"bad signature (key {kid})",
                f"chữ ký không hợp lệ (khóa {kid})",
                code="bad_signature",
            )
        # Signed, but only our canonical form is accepted so one manifest has one byte string.
        try:
            canonical = canonical_json(obj)
        except (TypeError, ValueError, RecursionError):
            canonical = b""
        if canonical != manifest_bytes:
            raise invalid("not in canonical JSON form", "không ở dạng JSON chuẩn tắc")
        _remember_checked(head)
    return Manifest.from_dict(obj)


# The heads (public key, manifest bytes, signature) whose signature and canonical form passed
# last. One import checks the same head two or three times — the file's head before it is
# copied (signed_head), the copy, and the audio again when it plays — and both checks are
# pure functions of those three byte strings, so a head equal byte for byte to one that passed
# passes. Only passes are kept (a refusal is checked again every time), few and small ones.
_CHECKED_HEADS: deque[tuple[bytes, bytes, bytes]] = deque(maxlen=4)
_CHECKED_HEAD_MAX_BYTES = 256 * 1024
_checked_lock = threading.Lock()


def _checked_before(head: tuple[bytes, bytes, bytes]) -> bool:
    with _checked_lock:
        return head in _CHECKED_HEADS


def _remember_checked(head: tuple[bytes, bytes, bytes]) -> None:
    if len(head[1]) <= _CHECKED_HEAD_MAX_BYTES:
        with _checked_lock:
            _CHECKED_HEADS.append(head)


# --------------------------------------------------------------------------- reading


def _scan(
    fh: BinaryIO,
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey] | None,
    limits: Limits,
    manifest_only: bool = False,
    head_only: bool = False,
) -> tuple[Manifest, bytes, bytes, tuple[Member, ...]]:
    """Walk the whole archive in its one allowed layout; verify signature and every hash.

    With ``trusted_keys=None`` and ``manifest_only`` it only parses the first member
    (for inspect/plan), without any trust. With ``head_only`` it stops once the signature
    of the manifest is verified (``signed_head``).
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
    audio_seen: set[str] = set()

    while True:
        header = read_exact(fh, BLOCK, "a header" if index else "the first header")
        pos += BLOCK
        if header == ZERO_BLOCK:
            if read_exact(fh, BLOCK, "end-of-archive marker") != ZERO_BLOCK:
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
        name, size = parse_header(header)
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
            manifest_bytes = read_exact(fh, size, name)
            check_padding(fh, size, name)
            if manifest_only:
                try:
                    obj = loads_strict(manifest_bytes)
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise invalid("not valid UTF-8 JSON", "không phải JSON UTF-8 hợp lệ") from None
                return Manifest.from_dict(obj), manifest_bytes, b"", tuple(members)
        elif name == SIGNATURE_NAME:
            if size != SIGNATURE_BYTES:
                raise BundleRejected(
                    "manifest.sig is not a 64-byte Ed25519 signature",
                    "manifest.sig không phải chữ ký Ed25519 64 byte",
                    code="bad_signature",
                )
            signature = read_exact(fh, size, name)
            check_padding(fh, size, name)
            assert trusted_keys is not None
            manifest = _check_manifest(manifest_bytes, signature, trusted_keys)
            expected = manifest.audio_sizes
            if head_only:
                return manifest, manifest_bytes, signature, tuple(members)
        else:
            assert manifest is not None  # guaranteed by the order check
            sha = name[6:70]
            last_audio = name
            if sha in audio_seen:  # the same audio as .wav and as .flac
                raise BundleRejected(
                    f"duplicate audio {sha[:12]}…",
                    f"âm thanh bị trùng {sha[:12]}…",
                    code="duplicate_member",
                )
            audio_seen.add(sha)
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
            for chunk in read_chunks(fh, size, name):
                digest.update(chunk)
            if digest.hexdigest() != sha:
                raise BundleRejected(
                    f"audio hash mismatch: {sha[:12]}…",
                    f"mã băm âm thanh không khớp: {sha[:12]}…",
                    code="audio_hash_mismatch",
                )
            check_padding(fh, size, name)
        pos += size + padding(size)

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


# --------------------------------------------------------------------------- public API


def _check_ended_before(manifest: Manifest, floor: datetime) -> None:
    """With an untrusted clock: refuse what had ended before ``floor``, a time known to be
    past (the newest issued_at the unit accepted). Whether it is valid now stays unknown."""
    if manifest.expires_at <= floor:
        raise BundleRejected(
            f"bundle expired at {manifest.expires_at.isoformat()}, before a bundle already "
            f"accepted was issued ({floor.isoformat()})",
            f"gói đã hết hạn lúc {manifest.expires_at.isoformat()}, trước khi gói đã nhận được "
            f"phát hành ({floor.isoformat()})",
            code="expired",
        )
    for item in manifest.items:
        assert item.approval is not None  # from_dict refuses a missing approval
        if item.approval.valid_until <= floor:
            raise BundleRejected(
                f"approval of item {item.id} expired at {item.approval.valid_until.isoformat()}",
                f"phê duyệt của mục {item.id} hết hạn lúc {item.approval.valid_until.isoformat()}",
                code="approval_expired",
            )


def _check_window(manifest: Manifest, now: datetime | None, clock_trusted: bool) -> None:
    if not clock_trusted:
        return
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


def _check_target(manifest: Manifest, unit_id: str | None, unit_areas: Collection[str]) -> None:
    if unit_id is None:
        return
    if unit_id not in manifest.target.units and not set(unit_areas) & set(manifest.target.areas):
        raise BundleRejected(
            f"bundle is not addressed to unit {unit_id}",
            f"gói không gửi tới loa {unit_id}",
            code="wrong_target",
        )


def _open_bundle(path: str | os.PathLike[str]) -> BinaryIO:
    """The bundle file, opened only if it is a regular file.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; the
    descriptor's own type is then checked (not the name's, which could change meanwhile), so
    a FIFO, a device (/dev/zero) or a folder is refused before a byte is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise BundleRejected(
            f"cannot open bundle: {exc.strerror}",
            f"không mở được gói: {exc.strerror}",
            code="unreadable",
        ) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise BundleRejected(
                f"{path} is not a regular file ({describe_file_type(mode)})",
                f"{path} không phải tệp thường ({describe_file_type(mode, vi=True)})",
                code="not_a_file",
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")  # closed by the callers' with-blocks
    except BaseException:
        os.close(fd)
        raise


def describe_file_type(mode: int, *, vi: bool = False) -> str:
    """'a FIFO', 'a device', … for a reason a person reads."""
    kinds = [
        (stat.S_ISLNK, "a symbolic link", "liên kết tượng trưng"),
        (stat.S_ISDIR, "a folder", "thư mục"),
        (stat.S_ISFIFO, "a FIFO (named pipe)", "FIFO (ống có tên)"),
        (stat.S_ISCHR, "a character device", "thiết bị ký tự"),
        (stat.S_ISBLK, "a block device", "thiết bị khối"),
        (stat.S_ISSOCK, "a socket", "socket"),
    ]
    for test, en, vi_text in kinds:
        if test(mode):
            return vi_text if vi else en
    return "tệp đặc biệt" if vi else "a special file"


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
    extract_to: str | os.PathLike[str] | None = None,
    manifest_check: ManifestCheck | None = None,
) -> VerifiedBundle:
    """Verify everything (layout, signature, key id, hashes, limits, window, sequence).

    ``now`` defaults to the system clock only when the caller trusts it and passes none.
    With an untrusted clock and a ``state_dir``, a bundle (or approval) that ended before the
    newest accepted bundle was issued is still refused: that much of the past is known.
    ``unit_id``/``unit_areas`` (the unit's area and its ancestors), when given, also
    require the bundle to be addressed to this unit. ``manifest_check`` is the caller's
    own check of the signed manifest (raises BundleRejected), run last. With
    ``extract_to``, the audio is then written there from the same open file (see
    :func:`extract_bundle`). Raises BundleRejected.
    """
    with _open_bundle(path) as fh:
        manifest, manifest_bytes, signature, members = _scan(
            fh, trusted_keys=trusted_keys, limits=limits
        )
        _check_window(manifest, now, clock_trusted)
        if not clock_trusted and state_dir is not None:
            floor = time_floor(state_dir)
            if floor is not None:
                _check_ended_before(manifest, floor)
        _check_target(manifest, unit_id, unit_areas)
        if state_dir is not None:
            # every key the caller trusts is its panel's: they share one floor (key rotation)
            check_sequence(state_dir, manifest, panel_keys=trusted_keys.keys())
        if manifest_check is not None:
            manifest_check(manifest)
        verified = VerifiedBundle(
            path=Path(path),
            manifest=manifest,
            manifest_bytes=manifest_bytes,
            signature=signature,
            key_id=manifest.key_id,
            members=members,
            time_checked=clock_trusted,
            sequence_checked=state_dir is not None,
        )
        if extract_to is not None:
            _extract_audio(fh, members, Path(extract_to))
    return verified


def extract_bundle(
    path: str | os.PathLike[str], dest_dir: str | os.PathLike[str], **checks: Any
) -> VerifiedBundle:
    """Verify (``checks``: the keywords of :func:`verify_bundle`), then write each audio as
    ``dest_dir/audio/<sha256>.wav`` (or ``.flac``, as its member is named; atomically).

    File names come from verified hashes, never from the archive, and are opened relative
    to a directory descriptor opened with O_NOFOLLOW, so nothing lands outside dest_dir.
    Does not record the sequence: call ``record_accepted`` once the unit switches over.
    """
    return verify_bundle(path, extract_to=dest_dir, **checks)


def _extract_audio(fh: BinaryIO, members: tuple[Member, ...], dest: Path) -> None:
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
        for member in members:
            if member.name.startswith("audio/"):
                _extract_one(fh, member, dir_fd)
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _extract_one(fh: BinaryIO, member: Member, dir_fd: int) -> None:
    sha, suffix = member.name[6:70], member.name[70:]
    assert SHA256_RE.fullmatch(sha) and suffix in AUDIO_SUFFIXES
    digest = hashlib.sha256()
    fh.seek(member.offset)
    with atomic_file(f"{sha}{suffix}", dir_fd=dir_fd) as out:  # the caller fsyncs the folder
        for chunk in read_chunks(fh, member.size, member.name):
            digest.update(chunk)
            out.write(chunk)
        if digest.hexdigest() != sha:  # the file changed under us since verification
            raise BundleRejected(
                f"audio hash mismatch: {sha[:12]}… (bundle changed during extraction)",
                f"mã băm âm thanh không khớp: {sha[:12]}… (gói thay đổi khi giải nén)",
                code="audio_hash_mismatch",
            )


def signed_head(
    fh: BinaryIO,
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    limits: Limits = Limits(),
) -> tuple[int, Manifest]:
    """The size a bundle file must have and the signed manifest that says it, from its first
    two members only: the manifest, signed by a trusted key (``untrusted_key``,
    ``bad_signature``… as :func:`verify_bundle` says), gives the size of each audio, and the
    layout is fixed. ``fh`` is read from its start, a few megabytes at most
    (``Limits.max_manifest_bytes``).

    For a file not yet copied (a USB stick): one that no trusted panel signed, or one longer
    than its signed manifest allows, is refused before it is copied whole, and the manifest
    says what the file is (an emergency or not). It proves nothing about the audio, the
    window, the target or the sequence: :func:`verify_bundle` on the copy checks everything.
    """
    fh.seek(0)
    manifest, manifest_bytes, _, _ = _scan(
        fh, trusted_keys=trusted_keys, limits=limits, head_only=True
    )
    sizes = [len(manifest_bytes), SIGNATURE_BYTES, *manifest.audio_sizes.values()]
    if len(sizes) > limits.max_members or any(n > limits.max_member_bytes for n in sizes[2:]):
        raise BundleRejected(
            "the signed manifest lists more or larger audio than a bundle may hold",
            "manifest đã ký liệt kê nhiều hoặc lớn hơn số âm thanh một gói được chứa",
            code="bundle_too_large",
        )
    return sum(BLOCK + n + padding(n) for n in sizes) + 2 * BLOCK, manifest


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
    check_aware(now, "now")
    if key_id(signing_key.public_key()) != manifest.key_id:
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

    with atomic_file(out_path) as fh:
        for name, data in ((MANIFEST_NAME, manifest_bytes), (SIGNATURE_NAME, signature)):
            fh.write(ustar_header(name, len(data)))
            fh.write(data)
            fh.write(bytes(padding(len(data))))
        for sha, size in sizes.items():
            src = Path(audio_files[sha])
            fh.write(ustar_header(f"audio/{sha}{_audio_suffix(src)}", size))
            _copy_audio(src, sha, size, fh)
            fh.write(bytes(padding(size)))
        fh.write(ZERO_BLOCK * 2)
    return Path(out_path)


def _kind(head: bytes) -> str | None:
    """``.wav`` (RIFF/WAVE), ``.flac`` (fLaC) or None, from a file's first 12 bytes."""
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return ".wav"
    if head[:4] == b"fLaC":
        return ".flac"
    return None


def _not_audio(src: Path) -> BundleRejected:
    return BundleRejected(
        f"{src.name} is not a WAV or FLAC file",
        f"{src.name} không phải tệp WAV hay FLAC",
        code="not_wav",
    )


def _audio_suffix(src: Path) -> str:
    """The member suffix of an audio file, from its content (refused: neither WAV nor FLAC)."""
    try:
        with open(src, "rb") as fh:
            kind = _kind(fh.read(12))
    except OSError:
        kind = None  # _copy_audio reports the missing file
    if kind is None:
        raise _not_audio(src)
    return kind


def _copy_audio(src: Path, sha: str, size: int, out: BinaryIO) -> None:
    """Copy exactly ``size`` bytes, hashing what is actually written."""
    digest = hashlib.sha256()
    with open(src, "rb") as fh:
        head = fh.read(12) if size >= 12 else b""
        if len(head) < 12 or _kind(head) is None:
            raise _not_audio(src)
        digest.update(head)
        out.write(head)
        left = size - len(head)
        while left > 0:
            chunk = fh.read(min(left, CHUNK))
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

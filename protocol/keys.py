"""Ed25519 keys: generate, store (0600), name by key id, parse key lines, sign, verify."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from protocol.errors import KeyFileError

__all__ = [
    "KEY_ID_RE",
    "SIGNATURE_BYTES",
    "KeyFileError",
    "generate_keypair",
    "key_id",
    "load_or_create_private_key",
    "load_private_key",
    "load_trusted_keys",
    "parse_public_key_line",
    "public_key_line",
    "sign",
    "verify_signature",
    "write_private_key",
    "write_public_key",
]

KEY_ID_HEX_CHARS = 16
SIGNATURE_BYTES = 64
_RAW_PUBLIC_BYTES = 32
KEY_ID_RE = re.compile(r"[0-9a-f]{16}")
# Standard base64 of 32 bytes is always 44 characters ending in one "=".
_B64_32_RE = re.compile(r"[A-Za-z0-9+/]{43}=")
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def generate_keypair() -> tuple[Ed25519PrivateKey, Ed25519PublicKey]:
    private = Ed25519PrivateKey.generate()
    return private, private.public_key()


def _raw_public(pub: Ed25519PublicKey) -> bytes:
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(pub: Ed25519PublicKey) -> str:
    """First 16 hex characters of sha256(raw public key)."""
    return hashlib.sha256(_raw_public(pub)).hexdigest()[:KEY_ID_HEX_CHARS]


def public_key_line(pub: Ed25519PublicKey) -> str:
    """``ed25519:<key_id>:<base64 raw public key>`` (no newline)."""
    raw = base64.b64encode(_raw_public(pub)).decode("ascii")
    return f"ed25519:{key_id(pub)}:{raw}"


def parse_public_key_line(line: str) -> tuple[str, Ed25519PublicKey]:
    """Parse one public-key line; the key id must match the key it names."""
    parts = line.strip().split(":")
    if len(parts) != 3 or parts[0] != "ed25519":
        raise KeyFileError(
            "not an 'ed25519:<key_id>:<base64>' public-key line",
            "không phải dòng khóa công khai dạng 'ed25519:<mã khóa>:<base64>'",
        )
    kid, b64 = parts[1], parts[2]
    if not KEY_ID_RE.fullmatch(kid) or not _B64_32_RE.fullmatch(b64):
        raise KeyFileError("malformed public-key line", "dòng khóa công khai sai định dạng")
    try:
        raw = base64.b64decode(b64, validate=True)
    except binascii.Error as exc:
        raise KeyFileError(
            "malformed public-key line", "dòng khóa công khai sai định dạng"
        ) from exc
    if len(raw) != _RAW_PUBLIC_BYTES:
        raise KeyFileError("malformed public-key line", "dòng khóa công khai sai định dạng")
    pub = Ed25519PublicKey.from_public_bytes(raw)
    if key_id(pub) != kid:
        raise KeyFileError(
            f"key id {kid} does not match its public key",
            f"mã khóa {kid} không khớp với khóa công khai",
        )
    return kid, pub


def _refuse_writable_by_others(path: Path) -> None:
    """Whoever can write the trusted-keys file decides what the unit plays: it must belong to
    root or to the unit's own user and be writable by nobody else (0644 is fine, 0664 is not)."""
    try:
        st = path.stat()
    except OSError:
        return  # reading it below gives the clear error
    if st.st_mode & 0o022 or st.st_uid not in (0, os.geteuid()):
        raise KeyFileError(
            f"refusing trusted keys in {path}: the file may be changed by another user "
            f"(mode {st.st_mode & 0o777:04o}, owner uid {st.st_uid}); make it owned by root or "
            f"the unit's user and not group/other-writable (chmod go-w)",
            f"từ chối khóa tin cậy trong {path}: người dùng khác có thể sửa tệp này "
            f"(quyền {st.st_mode & 0o777:04o}, chủ sở hữu uid {st.st_uid}); hãy để tệp thuộc root "
            f"hoặc người dùng của cụm loa và bỏ quyền ghi của nhóm/người khác (chmod go-w)",
        )


def load_trusted_keys(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> dict[str, Ed25519PublicKey]:
    """Trusted public keys by key id, from public-key lines and/or files holding such lines.

    A string starting with ``ed25519:`` is a line; anything else is a path. Files may hold
    several lines (rotation); blank lines and ``#`` comments are skipped.
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    keys: dict[str, Ed25519PublicKey] = {}

    def add(line: str, where: str) -> None:
        try:
            kid, pub = parse_public_key_line(line)
        except KeyFileError as exc:
            raise KeyFileError(f"{where}: {exc.reason}", f"{where}: {exc.reason_vi}") from None
        keys[kid] = pub

    for source in sources:
        if isinstance(source, str) and source.strip().startswith("ed25519:"):
            add(source, "public-key line")
            continue
        path = Path(source)
        _refuse_writable_by_others(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyFileError(
                f"cannot read public key {path}: {exc}",
                f"không đọc được khóa công khai {path}: {exc}",
            ) from exc
        found = 0
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            add(line, f"{path}:{number}")
            found += 1
        if not found:
            raise KeyFileError(f"no public key in {path}", f"không có khóa công khai trong {path}")
    return keys


def _write_new(path: Path, data: bytes, mode: int, *, exact_mode: bool) -> Path:
    """Create ``path`` (refusing an existing one) and write ``data``, fsynced.

    O_CREAT|O_EXCL also refuses a symlink planted at ``path``. ``exact_mode`` sets ``mode``
    regardless of the umask (a private key never exists with a wider mode).
    """
    try:
        fd = os.open(path, _NEW_FILE, mode)
    except FileExistsError as exc:
        raise KeyFileError(
            f"{path} already exists; not overwriting a key",
            f"{path} đã tồn tại; không ghi đè khóa",
        ) from exc
    try:
        if exact_mode:
            os.fchmod(fd, mode)  # the umask can only narrow the mode, but be exact
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    return path


def write_private_key(path: str | os.PathLike[str], key: Ed25519PrivateKey) -> Path:
    """Write the key as PKCS#8 PEM into a new file created 0600; refuses to overwrite."""
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return _write_new(Path(path), pem, 0o600, exact_mode=True)


def load_or_create_private_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    """The key in ``path``; on first use a new one is generated there (0600, folder 0700)."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        private, _ = generate_keypair()
        try:
            write_private_key(path, private)
        except KeyFileError:
            if not path.exists():  # another process won the race: use its key
                raise
    return load_private_key(path)


def write_public_key(path: str | os.PathLike[str], pub: Ed25519PublicKey) -> Path:
    """Write the public-key line (plus newline) into a new file; refuses to overwrite."""
    line = (public_key_line(pub) + "\n").encode("ascii")
    return _write_new(Path(path), line, 0o644, exact_mode=False)


def load_private_key(
    path: str | os.PathLike[str], *, require_private_mode: bool = True
) -> Ed25519PrivateKey:
    """Load a PEM Ed25519 private key; by default refuse a file group/others may access."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise KeyFileError(
            f"cannot read private key {path}: {exc}", f"không đọc được khóa bí mật {path}: {exc}"
        ) from exc
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if require_private_mode and os.name == "posix" and stat.S_IMODE(mode) & 0o077:
            raise KeyFileError(
                f"private key {path} is accessible by other users (mode "
                f"{stat.S_IMODE(mode):o}); chmod 600 it",
                f"khóa bí mật {path} để người khác đọc được (quyền "
                f"{stat.S_IMODE(mode):o}); hãy chmod 600",
            )
        data = fh.read(64 * 1024)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(
            f"{path} is not an unencrypted PEM private key",
            f"{path} không phải khóa bí mật PEM không mã hóa",
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} is not an Ed25519 key", f"{path} không phải khóa Ed25519")
    return key


def sign(priv: Ed25519PrivateKey, data: bytes) -> bytes:
    return priv.sign(data)


def verify_signature(pub: Ed25519PublicKey, data: bytes, sig: bytes) -> bool:
    if len(sig) != SIGNATURE_BYTES:
        return False
    try:
        pub.verify(sig, data)
    except InvalidSignature:
        return False
    return True

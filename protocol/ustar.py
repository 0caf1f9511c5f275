"""The bundle's one exact tar layout: POSIX ustar headers, padding and the allowed member names.

Exactly one header is valid for a member of a given name and size (``ustar_header``); the
reader re-derives it and compares bytes, so no other tar feature (links, devices, pax or GNU
headers, prefixes, odd modes, times or owners) can slip in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from protocol.errors import BundleRejected

__all__ = [
    "BLOCK",
    "CHUNK",
    "MANIFEST_NAME",
    "SIGNATURE_NAME",
    "ZERO_BLOCK",
    "check_padding",
    "padding",
    "parse_header",
    "read_chunks",
    "read_exact",
    "truncated",
    "ustar_header",
]

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
BLOCK = 512
ZERO_BLOCK = bytes(BLOCK)
TAR_MTIME = 0  # fixed so that the same manifest and audio give the same bytes
TAR_MODE = 0o644
CHUNK = 1 << 20  # read and copy in pieces this large

_AUDIO_NAME_RE = re.compile(r"audio/([0-9a-f]{64})\.(?:wav|flac)")  # AUDIO_SUFFIXES
AUDIO_SUFFIXES = (".wav", ".flac")  # 16-bit PCM WAV, or FLAC (lossless) for emergency audio
_SIZE_FIELD_RE = re.compile(rb"[0-7]{11}\x00")
_CHECKSUM_FIELD_RE = re.compile(rb"[0-7]{6}\x00 ")


def _show(name: str | bytes, limit: int = 40) -> str:
    """A member name made safe for a one-line message."""
    text = repr(name if isinstance(name, str) else name.decode("latin-1"))
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _octal(value: int, width: int) -> bytes:
    digits = format(value, "o").rjust(width - 1, "0")
    if len(digits) != width - 1:
        raise ValueError(f"{value} does not fit a {width}-byte tar field")
    return digits.encode("ascii") + b"\x00"


def _checksum(header: bytes | bytearray) -> int:
    return sum(header[:148]) + 8 * 0x20 + sum(header[156:])


def ustar_header(name: str, size: int) -> bytes:
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


def padding(size: int) -> int:
    """How many zero bytes follow a member of ``size`` bytes, up to the next block."""
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


def parse_header(header: bytes) -> tuple[str, int]:
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
    if header != ustar_header(name, size):
        raise BundleRejected(
            f"non-canonical tar header for {name}",
            f"header tar không đúng chuẩn của gói ở {name}",
            code="bad_header",
        )
    return name, size


def truncated(what: str) -> BundleRejected:
    return BundleRejected(
        f"bundle is truncated (in {what})",
        f"gói bị cắt cụt (ở {what})",
        code="truncated",
    )


def read_chunks(fh: BinaryIO, n: int, what: str) -> Iterator[bytes]:
    """The next n bytes in pieces of at most CHUNK, or BundleRejected; never reads past n."""
    left = n
    while left:
        chunk = fh.read(min(left, CHUNK))
        if not chunk:
            raise truncated(what)
        left -= len(chunk)
        yield chunk


def read_exact(fh: BinaryIO, n: int, what: str) -> bytes:
    """Exactly n bytes or BundleRejected; never asks for more than n."""
    return b"".join(read_chunks(fh, n, what))


def check_padding(fh: BinaryIO, size: int, name: str) -> None:
    pad = padding(size)
    if pad and read_exact(fh, pad, name) != bytes(pad):
        raise BundleRejected(
            f"non-zero padding after {name}",
            f"phần đệm sau {name} không phải toàn số 0",
            code="bad_padding",
        )

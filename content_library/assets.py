"""Content-addressed file store: uploads and renders kept on disk under their sha256."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlmodel import Session

from content_library.errors import ValidationError
from content_library.models import Asset

CHUNK = 1 << 16
DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class AudioProbe:
    format_name: str
    codec: str
    duration_s: float
    sample_rate: int
    channels: int


class AssetStore:
    """Files live at ``root/ab/abcdef….ext``; writes go to a temp file, then rename."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "tmp").mkdir(exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def spool(self, fileobj: BinaryIO, *, max_bytes: int) -> tuple[Path, str, int]:
        """Stream ``fileobj`` to a temp file, hashing as we go; refuse past ``max_bytes``."""
        h = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=self.root / "tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := fileobj.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ValidationError(
                            f"the file is larger than {max_bytes // (1024 * 1024)} MB",
                            f"Tệp quá lớn: tối đa {max_bytes // (1024 * 1024)} MB.",
                            field="file",
                        )
                    h.update(chunk)
                    out.write(chunk)
        except BaseException:
            os.unlink(tmp)
            raise
        return Path(tmp), h.hexdigest(), size

    def commit(self, tmp: Path, sha256: str) -> Path:
        dest = self.path_for(sha256)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            tmp.unlink()
        else:
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            os.replace(tmp, dest)
        return dest

    def put_bytes(self, data: bytes) -> tuple[str, Path]:
        sha = hashlib.sha256(data).hexdigest()
        dest = self.path_for(sha)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root / "tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
        return sha, dest

    def put_file(self, src: str | os.PathLike[str]) -> tuple[str, Path]:
        h = hashlib.sha256()
        with open(src, "rb") as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
        sha = h.hexdigest()
        dest = self.path_for(sha)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root / "tmp")
            os.close(fd)
            shutil.copyfile(src, tmp)
            os.replace(tmp, dest)
        return sha, dest


_NOT_AUDIO = ValidationError(
    "the file is not audio, or it is truncated or corrupt",
    "Tệp không phải âm thanh, hoặc bị hỏng / không đầy đủ.",
    field="file",
)

# The containers an upload may be, by ffmpeg demuxer name (what ffprobe calls format_name):
# what recorders and phones write, and WebM for the browser's MediaRecorder. Playlists (hls),
# concat scripts and the rest are refused: they make ffmpeg open other files or URLs.
# tts/decode.py keeps the same list for decoding (the two packages import nothing of each other).
AUDIO_DEMUXERS = {
    "wav": "audio/wav",
    "flac": "audio/flac",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "mov,mp4,m4a,3gp,3g2,mj2": "audio/mp4",
    "matroska,webm": "audio/webm",
    "aac": "audio/aac",
}
# ffmpeg options, before -i: open only local files, and only the demuxers above.
FFMPEG_INPUT_LIMITS = (
    "-protocol_whitelist",
    "file",
    "-format_whitelist",
    ",".join(sorted({n for name in AUDIO_DEMUXERS for n in name.split(",")})),
)
DEFAULT_MAX_RECORDING_S = 30 * 60  # a bulletin; longer needs a setting, not a bigger default
_COUNT_RATE = 8000  # the length check decodes to 8 kHz mono s16: 16 KB per second, streamed
_TIMEOUT_S = 120

_ACCEPTED_EN = "only WAV, FLAC, MP3, Ogg/Opus, M4A/AAC or WebM audio is accepted"
_ACCEPTED_VI = "chỉ nhận WAV, FLAC, MP3, OGG/Opus, M4A/AAC hoặc WebM"
_NOT_ON_WHITELIST = re.compile(rb"\[(\w+) @ [^\]]*\] Format not on whitelist")
# Formats that name other files, said in words: the reason they are refused.
_REFERRING = {
    "hls": ("an HLS playlist", "danh sách phát HLS"),
    "concat": ("a concat script", "kịch bản ghép tệp concat"),
}


def _bad_format(demuxer: str) -> ValidationError:
    en, vi = _REFERRING.get(demuxer, (f"format {demuxer}", f"định dạng {demuxer}"))
    return ValidationError(
        f"the file is not audio in an accepted format ({en}): {_ACCEPTED_EN}",
        f"Tệp không phải âm thanh ở định dạng được chấp nhận ({vi}): {_ACCEPTED_VI}.",
        field="file",
    )


def _minutes(seconds: float) -> str:
    """30, 60, 30,5 (a Vietnamese decimal comma), rounded up to a tenth."""
    tenths = math.ceil(seconds / 6 - 1e-9)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"


def _too_long(duration_s: float | None, max_s: float) -> ValidationError:
    limit = _minutes(max_s)
    if duration_s is None:  # the decode went past the limit; the header said otherwise
        return ValidationError(
            f"the recording is longer than {limit} minutes, the limit",
            f"Bản ghi âm dài hơn {limit} phút, vượt quá giới hạn {limit} phút.",
            field="file",
        )
    return ValidationError(
        f"the recording is {_minutes(duration_s).replace(',', '.')} minutes long; "
        f"the limit is {limit} minutes",
        f"Bản ghi âm dài {_minutes(duration_s)} phút, vượt quá giới hạn {limit} phút.",
        field="file",
    )


def _decoded_seconds(path: str | os.PathLike[str], *, max_s: float) -> float | None:
    """Decode the whole file (to 8 kHz mono, streamed: memory stays flat) and return its length;
    None past ``max_s``, whatever the header said. Errors in the stream refuse the file."""
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-xerror",
                *FFMPEG_INPUT_LIMITS,
                "-i",
                f"file:{os.fspath(path)}",
                "-map",
                "0:a:0",
                "-t",
                f"{max_s + 1:.3f}",
                "-ac",
                "1",
                "-ar",
                str(_COUNT_RATE),
                "-f",
                "s16le",
                "-",
            ],
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
        )
        watchdog = threading.Timer(_TIMEOUT_S, proc.kill)
        watchdog.start()
        size = 0
        try:
            assert proc.stdout is not None
            while chunk := proc.stdout.read(CHUNK):
                size += len(chunk)
            code = proc.wait()
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        errors.seek(0)
        if code != 0 or errors.read().strip():
            raise _NOT_AUDIO
    seconds = size / (2 * _COUNT_RATE)
    return None if seconds > max_s else seconds


def probe_audio(
    path: str | os.PathLike[str], *, max_duration_s: float = DEFAULT_MAX_RECORDING_S
) -> AudioProbe:
    """Ask ffprobe what the file is; refuse a container not in AUDIO_DEMUXERS (checked on the
    contents, not the name) and a recording longer than ``max_duration_s``; then decode it all,
    streamed and stopping at the limit, to catch truncation and a header that lies about the
    length."""
    try:
        out = subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                *FFMPEG_INPUT_LIMITS,
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
                f"file:{os.fspath(path)}",
            ],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise _NOT_AUDIO from None
    if out.returncode != 0:
        refused = _NOT_ON_WHITELIST.search(out.stderr)
        raise _bad_format(refused.group(1).decode()) if refused else _NOT_AUDIO
    try:
        info = json.loads(out.stdout or b"{}")
    except json.JSONDecodeError:
        raise _NOT_AUDIO from None
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    fmt = info.get("format", {})
    if fmt.get("format_name") not in AUDIO_DEMUXERS:  # the whitelist's match is loose
        raise _bad_format(str(fmt.get("format_name")))
    if not streams:
        raise _NOT_AUDIO
    s = streams[0]
    try:
        declared = float(fmt.get("duration") or s.get("duration") or 0.0)
    except ValueError:
        declared = 0.0  # "N/A": a live recording (MediaRecorder's WebM) has no length in it
    if declared > max_duration_s:
        raise _too_long(declared, max_duration_s)
    decoded = _decoded_seconds(path, max_s=max_duration_s)
    if decoded is None:
        raise _too_long(None, max_duration_s)
    duration = declared or decoded
    if duration <= 0.05 or decoded <= 0.05:
        raise ValidationError(
            "the recording is empty", "Bản ghi âm không có nội dung.", field="file"
        )
    return AudioProbe(
        format_name=str(fmt["format_name"]),
        codec=str(s.get("codec_name", "")),
        duration_s=duration,
        sample_rate=int(s.get("sample_rate") or 0),
        channels=int(s.get("channels") or 0),
    )


def stored_file_name(filename: str | None) -> str:
    """An upload's name as it is kept: its last path part (either slash), NFC, without
    control, format (bidi overrides, zero-width) or private-use characters, whitespace
    collapsed, at most 255 characters. A name is only a label for people: it never picks a
    path or a decoder, and what a phone or a hostile client sends must not reorder or hide
    text on the reviewer's page (docs/security.md 28). NUL is the exception: kept, so the
    request is refused as any value with a NUL is (docs/security.md 26), not quietly changed."""
    raw = unicodedata.normalize("NFC", filename or "")
    raw = raw.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(
        " " if ch in "\t\n\r" or unicodedata.category(ch) in ("Zs", "Zl", "Zp") else ch
        for ch in raw
        if ch in "\t\n\r\x00" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    name = " ".join(kept.split())[:255]
    return "" if name in (".", "..") else name


def store_upload(
    session: Session,
    store: AssetStore,
    fileobj: BinaryIO,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    media_type: str = "",
    max_duration_s: float = DEFAULT_MAX_RECORDING_S,
    now: datetime | None = None,
) -> Asset:
    """Spool under the size limit, probe (format, length), and only then keep it (nothing
    half-stored)."""
    tmp, sha, size = store.spool(fileobj, max_bytes=max_bytes)
    try:
        if size == 0:
            raise ValidationError("the file is empty", "Tệp đang trống.", field="file")
        probe = probe_audio(tmp, max_duration_s=max_duration_s)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    store.commit(tmp, sha)
    asset = session.get(Asset, sha)
    if asset is None:
        asset = Asset(
            sha256=sha,
            size=size,
            media_type=media_type or AUDIO_DEMUXERS[probe.format_name],
            original_name=stored_file_name(filename),
            duration_s=probe.duration_s,
            sample_rate=probe.sample_rate,
        )
        if now is not None:
            asset.created_at = now
        session.add(asset)
    return asset


def register_file(
    session: Session,
    store: AssetStore,
    path: str | os.PathLike[str],
    *,
    media_type: str,
    duration_s: float | None = None,
    sample_rate: int | None = None,
) -> Asset:
    """Keep a file we produced ourselves (a render) under its hash."""
    sha, dest = store.put_file(path)
    asset = session.get(Asset, sha)
    if asset is None:
        asset = Asset(
            sha256=sha,
            size=dest.stat().st_size,
            media_type=media_type,
            duration_s=duration_s,
            sample_rate=sample_rate,
        )
        session.add(asset)
    return asset

"""Content-addressed file store: uploads and renders kept on disk under their sha256."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
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


def probe_audio(path: str | os.PathLike[str]) -> AudioProbe:
    """Ask ffprobe what the file is, then decode it fully (-v error) to catch truncation."""
    try:
        out = subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
            capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise _NOT_AUDIO from None
    if out.returncode != 0:
        raise _NOT_AUDIO
    info = json.loads(out.stdout or b"{}")
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    fmt = info.get("format", {})
    if not streams or fmt.get("format_name") in (None, "image2", "tty", "txt"):
        raise _NOT_AUDIO
    s = streams[0]
    # A full decode: errors in the stream (truncated frames, garbage) show up on stderr.
    dec = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", str(path), "-f", "null", "-"],
        capture_output=True, timeout=120, check=False,
    )
    if dec.returncode != 0 or dec.stderr.strip():
        raise _NOT_AUDIO
    try:
        duration = float(fmt.get("duration") or s.get("duration") or 0.0)
    except ValueError:
        duration = 0.0
    if duration <= 0.05:
        raise ValidationError(
            "the recording is empty", "Bản ghi âm không có nội dung.", field="file"
        )
    return AudioProbe(
        format_name=str(fmt.get("format_name", "")),
        codec=str(s.get("codec_name", "")),
        duration_s=duration,
        sample_rate=int(s.get("sample_rate") or 0),
        channels=int(s.get("channels") or 0),
    )


def store_upload(
    session: Session,
    store: AssetStore,
    fileobj: BinaryIO,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    media_type: str = "",
    now: datetime | None = None,
) -> Asset:
    """Spool under the limit, probe, and only then keep it (nothing half-stored)."""
    tmp, sha, size = store.spool(fileobj, max_bytes=max_bytes)
    try:
        if size == 0:
            raise ValidationError("the file is empty", "Tệp đang trống.", field="file")
        probe = probe_audio(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    store.commit(tmp, sha)
    asset = session.get(Asset, sha)
    if asset is None:
        asset = Asset(
            sha256=sha, size=size, media_type=media_type or f"audio/{probe.format_name.split(',')[0]}",
            original_name=os.path.basename(filename or "")[:255], duration_s=probe.duration_s,
            sample_rate=probe.sample_rate,
        )
        if now is not None:
            asset.created_at = now
        session.add(asset)
    return asset


def register_file(session: Session, store: AssetStore, path: str | os.PathLike[str], *,
                  media_type: str, duration_s: float | None = None,
                  sample_rate: int | None = None) -> Asset:
    """Keep a file we produced ourselves (a render) under its hash."""
    sha, dest = store.put_file(path)
    asset = session.get(Asset, sha)
    if asset is None:
        asset = Asset(sha256=sha, size=dest.stat().st_size, media_type=media_type,
                      duration_s=duration_s, sample_rate=sample_rate)
        session.add(asset)
    return asset

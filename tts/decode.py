"""Decoding audio files (uploads, jingles, music beds, gTTS MP3) to float32 mono via ffmpeg."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tts.ports import AudioInputError, EngineUnavailableError

# A WAV/RIFF size field this large means "unknown length" (written by streaming tools such
# as `espeak-ng --stdout`), not a promise of 2 GB of audio.
_STREAMED_SIZE = 0x7FFF0000
_TIMEOUT_S = 120


@dataclass(frozen=True)
class AudioInfo:
    """What ffprobe says about a file, after we checked it holds decodable audio."""

    path: str
    format_name: str
    codec: str
    sample_rate: int
    channels: int
    duration_s: float


def _ffmpeg(tool: str = "ffmpeg") -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise EngineUnavailableError(
            f"{tool} is not installed (Debian package ffmpeg)",
            reason_vi=f"Chưa cài {tool} (gói Debian ffmpeg)",
        )
    return exe


def _refuse(path: str | Path, why_en: str, why_vi: str) -> AudioInputError:
    name = Path(path).name
    return AudioInputError(
        f"{name}: not a usable audio file ({why_en})",
        reason_vi=f"{name}: không phải tệp âm thanh dùng được ({why_vi})",
    )


def _wav_declared_bytes(path: Path) -> tuple[int, int] | None:
    """(declared data bytes, bytes actually present) for a RIFF/WAVE file, else None."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            size = path.stat().st_size
            pos = 12
            while pos + 8 <= size:
                fh.seek(pos)
                chunk_id, chunk_len = struct.unpack("<4sI", fh.read(8))
                if chunk_id == b"data":
                    return chunk_len, size - pos - 8
                pos += 8 + chunk_len + (chunk_len & 1)
    except OSError:
        return None
    return None


def probe_audio(path: str | Path) -> AudioInfo:
    """Check that ``path`` is a complete, decodable audio file and describe it.

    Refuses (AudioInputError) missing files, non-audio files, files whose container
    promises more audio than they hold (truncated) and files ffmpeg cannot decode.
    """
    p = Path(path)
    if not p.is_file():
        raise _refuse(p, "file not found", "không tìm thấy tệp")
    if p.stat().st_size == 0:
        raise _refuse(p, "empty file", "tệp rỗng")
    proc = subprocess.run(
        [_ffmpeg("ffprobe"), "-v", "error", "-show_entries",
         "format=format_name,duration:stream=codec_type,codec_name,sample_rate,channels",
         "-of", "json", str(p)],
        capture_output=True, timeout=_TIMEOUT_S, check=False,
    )
    try:
        info = json.loads(proc.stdout or b"{}")
    except json.JSONDecodeError:
        info = {}
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    if proc.returncode != 0 or not streams:
        raise _refuse(p, "no audio stream found", "không có luồng âm thanh")
    stream = streams[0]
    fmt = info.get("format", {})
    declared = _wav_declared_bytes(p)
    if declared is not None and declared[0] < _STREAMED_SIZE and declared[1] < declared[0]:
        raise _refuse(
            p,
            f"truncated: {declared[1]} of {declared[0]} audio bytes present",
            f"tệp bị cắt cụt: chỉ có {declared[1]}/{declared[0]} byte âm thanh",
        )
    try:
        duration = float(stream.get("duration") or fmt.get("duration") or 0.0)
        sample_rate = int(stream.get("sample_rate") or 0)
        channels = int(stream.get("channels") or 0)
    except ValueError:
        duration, sample_rate, channels = 0.0, 0, 0
    if sample_rate <= 0 or channels <= 0:
        raise _refuse(p, "audio stream has no sample rate", "luồng âm thanh không hợp lệ")
    return AudioInfo(
        path=str(p),
        format_name=str(fmt.get("format_name", "")),
        codec=str(stream.get("codec_name", "")),
        sample_rate=sample_rate,
        channels=channels,
        duration_s=duration,
    )


def _run_decoder(args: list[str], *, stdin: bytes | None, label: str) -> np.ndarray:
    proc = subprocess.run(
        [_ffmpeg(), *(["-nostdin"] if stdin is None else []), "-v", "error", *args,
         "-f", "f32le", "-acodec", "pcm_f32le", "-ac", "1", "-"],
        input=stdin, capture_output=True, timeout=_TIMEOUT_S, check=False,
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _refuse(label, detail[-1] if detail else "ffmpeg failed", "ffmpeg không giải mã được")
    return np.frombuffer(proc.stdout, dtype="<f4").astype(np.float32)


def decode_upload(path: str | Path, *, sample_rate: int | None = None) -> tuple[np.ndarray, int]:
    """Decode any audio file ffmpeg knows to (float32 mono samples, sample rate).

    The file is probed first (see probe_audio); the decoded length is checked against the
    declared one so a file cut short in transfer is refused instead of played half.
    """
    info = probe_audio(path)
    sr = int(sample_rate or info.sample_rate)
    audio = _run_decoder(["-i", str(path), "-ar", str(sr)], stdin=None, label=str(path))
    if audio.size == 0:
        raise _refuse(path, "no audio data", "không có dữ liệu âm thanh")
    got_s = audio.size / sr
    if info.duration_s > 0 and got_s < 0.9 * info.duration_s - 0.1:
        raise _refuse(
            path,
            f"truncated or corrupt: decoded {got_s:.2f} s of {info.duration_s:.2f} s",
            f"tệp hỏng hoặc bị cắt cụt: chỉ giải mã được {got_s:.2f}/{info.duration_s:.2f} giây",
        )
    if not np.all(np.isfinite(audio)):
        raise _refuse(path, "decoded samples are not finite", "mẫu âm thanh không hợp lệ")
    return audio, sr


def decode_bytes(data: bytes, *, sample_rate: int, label: str = "audio") -> np.ndarray:
    """Decode an in-memory file (e.g. gTTS's MP3) to float32 mono at ``sample_rate``."""
    audio = _run_decoder(["-i", "pipe:0", "-ar", str(sample_rate)], stdin=data, label=label)
    if audio.size == 0:
        raise _refuse(label, "no audio data", "không có dữ liệu âm thanh")
    return audio

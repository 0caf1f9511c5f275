"""Decoding audio files (uploads, jingles, music beds, gTTS MP3) to float32 mono via ffmpeg.

ffmpeg opens only local files and only the audio containers in ``AUDIO_DEMUXERS`` (no
playlists, no concat scripts: they name other files), and the decoded samples are read from
its pipe in fixed-size chunks into one buffer that stops growing at ``max_seconds``: a small
file that decodes to hours of audio, or whose header lies about its length, is refused before
it fills the memory.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tts.ports import AudioInputError, EngineUnavailableError

# A WAV/RIFF size field this large means "unknown length" (written by streaming tools such
# as `espeak-ng --stdout`), not a promise of 2 GB of audio.
_STREAMED_SIZE = 0x7FFF0000
_TIMEOUT_S = 120

# ffmpeg demuxer names (ffprobe's format_name) a file may be: the same list as
# content_library.assets.AUDIO_DEMUXERS, which refuses the rest at upload.
AUDIO_DEMUXERS = frozenset(
    {
        "wav",
        "flac",
        "mp3",
        "ogg",
        "mov,mp4,m4a,3gp,3g2,mj2",
        "matroska,webm",
        "aac",
    }
)
_FORMAT_WHITELIST = ",".join(sorted({n for name in AUDIO_DEMUXERS for n in name.split(",")}))
DEFAULT_MAX_SECONDS = 30 * 60  # the longest audio decoded, whatever the file's header says
MAX_SAMPLE_RATE = 48_000  # decoded at most at this rate (a 384 kHz file is resampled)
_CHUNK_BYTES = 1 << 16


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
        [
            _ffmpeg("ffprobe"),
            "-v",
            "error",
            *_input_limits("file"),
            "-show_entries",
            "format=format_name,duration:stream=codec_type,codec_name,sample_rate,channels",
            "-of",
            "json",
            f"file:{p}",
        ],
        capture_output=True,
        timeout=_TIMEOUT_S,
        check=False,
    )
    try:
        info = json.loads(proc.stdout or b"{}")
    except json.JSONDecodeError:
        info = {}
    fmt = info.get("format", {})
    if b"not on whitelist" in proc.stderr or (
        proc.returncode == 0 and fmt.get("format_name") not in AUDIO_DEMUXERS
    ):
        # a playlist or concat script (they name other files), an image, …
        raise _refuse(
            p,
            "not in an accepted container: WAV, FLAC, MP3, Ogg, M4A/AAC or WebM",
            "không thuộc định dạng được chấp nhận: WAV, FLAC, MP3, OGG, M4A/AAC, WebM",
        )
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    if proc.returncode != 0 or not streams:
        raise _refuse(p, "no audio stream found", "không có luồng âm thanh")
    stream = streams[0]
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


def _input_limits(protocol: str) -> list[str]:
    """ffmpeg options before ``-i``: one protocol, and only the accepted demuxers."""
    return ["-protocol_whitelist", protocol, "-format_whitelist", _FORMAT_WHITELIST]


def _too_long(label: str | Path, max_seconds: float) -> AudioInputError:
    name, minutes = Path(label).name, f"{max_seconds / 60:g}"
    return AudioInputError(
        f"{name}: the audio is longer than {minutes} minutes, the limit",
        reason_vi=f"{name}: bản ghi âm dài hơn {minutes.replace('.', ',')} phút, "
        f"vượt quá giới hạn {minutes.replace('.', ',')} phút",
    )


def _run_decoder(
    args: list[str],
    *,
    stdin: bytes | None,
    label: str | Path,
    sample_rate: int,
    max_seconds: float,
    expect_frames: int = 0,
) -> np.ndarray:
    """Run ffmpeg to float32 mono and read its output in fixed chunks into one buffer that
    never grows past ``max_seconds`` of audio; past that, ffmpeg is stopped and the file refused.

    ``expect_frames`` (from the probe) only sizes the first buffer: a header may lie.
    """
    max_frames = int(max_seconds * sample_rate)
    buf = np.empty(min(max(expect_frames + sample_rate, sample_rate), max_frames + 1), np.float32)
    n_bytes = 0
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [
                _ffmpeg(),
                *(["-nostdin"] if stdin is None else []),
                "-v",
                "error",
                *args,
                "-map",
                "0:a:0",
                "-ar",
                str(sample_rate),
                "-t",
                f"{max_seconds + 1:.3f}",
                "-f",
                "f32le",
                "-acodec",
                "pcm_f32le",
                "-ac",
                "1",
                "-",
            ],
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        watchdog = threading.Timer(_TIMEOUT_S, proc.kill)
        watchdog.start()
        feeder = None
        if stdin is not None:
            feeder = threading.Thread(target=_feed, args=(proc, stdin), daemon=True)
            feeder.start()
        too_long = finished = False
        assert proc.stdout is not None  # stdout=PIPE
        try:
            while True:
                if n_bytes == buf.nbytes:
                    # The buffer holds at most max_frames + 1 frames: full means too long.
                    if buf.size > max_frames:
                        too_long = True
                        break
                    buf = _grown(buf, n_bytes, max_frames + 1)
                view = buf.data.cast("B")[n_bytes : n_bytes + _CHUNK_BYTES]
                # Popen(stdout=PIPE) gives a BufferedReader; IO[bytes] lacks readinto.
                got = proc.stdout.readinto(view)  # type: ignore[attr-defined]
                if not got:
                    break
                n_bytes += got
            finished = True
        finally:
            watchdog.cancel()
            if proc.poll() is None and (too_long or not finished):
                proc.kill()
            code = proc.wait()
            proc.stdout.close()
            if feeder is not None:
                feeder.join(timeout=5)
        frames = n_bytes // 4
        if too_long or frames > max_frames:
            raise _too_long(label, max_seconds)
        if code != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise _refuse(
                label, detail[-1] if detail else "ffmpeg failed", "ffmpeg không giải mã được"
            )
    # A copy only when the buffer is much larger than the audio (a header that promised more).
    return buf[:frames] if frames > buf.size // 2 else buf[:frames].copy()


def _grown(buf: np.ndarray, used_bytes: int, limit_frames: int) -> np.ndarray:
    bigger = np.empty(min(buf.size * 2, limit_frames), np.float32)
    bigger.data.cast("B")[:used_bytes] = buf.data.cast("B")[:used_bytes]
    return bigger


def _feed(proc: subprocess.Popen, data: bytes) -> None:
    try:
        assert proc.stdin is not None
        proc.stdin.write(data)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # ffmpeg stopped early (an error, or the length limit): its exit code says which


def decode_upload(
    path: str | Path, *, sample_rate: int | None = None, max_seconds: float = DEFAULT_MAX_SECONDS
) -> tuple[np.ndarray, int]:
    """Decode an audio file in an accepted container to (float32 mono samples, sample rate).

    The file is probed first (see probe_audio); the decoded length is checked against the
    declared one so a file cut short in transfer is refused instead of played half. Without
    ``sample_rate`` the file's own rate is kept, up to MAX_SAMPLE_RATE. More than
    ``max_seconds`` of audio is refused, whatever the header says, with memory bounded by it.
    """
    info = probe_audio(path)
    sr = int(sample_rate or min(info.sample_rate, MAX_SAMPLE_RATE))
    if info.duration_s > max_seconds:
        raise _too_long(path, max_seconds)
    audio = _run_decoder(
        [*_input_limits("file"), "-i", f"file:{Path(path)}"],
        stdin=None,
        label=path,
        sample_rate=sr,
        max_seconds=max_seconds,
        expect_frames=int(info.duration_s * sr),
    )
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


def decode_bytes(
    data: bytes, *, sample_rate: int, label: str = "audio", max_seconds: float = DEFAULT_MAX_SECONDS
) -> np.ndarray:
    """Decode an in-memory file (e.g. gTTS's MP3) to float32 mono at ``sample_rate``."""
    audio = _run_decoder(
        [*_input_limits("pipe"), "-i", "pipe:0"],
        stdin=data,
        label=label,
        sample_rate=sample_rate,
        max_seconds=max_seconds,
    )
    if audio.size == 0:
        raise _refuse(label, "no audio data", "không có dữ liệu âm thanh")
    return audio

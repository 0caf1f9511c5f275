"""The espeak-ng engine: the offline default, one `espeak-ng --stdout` process per sentence."""

from __future__ import annotations

import functools
import shutil
import struct
import subprocess

import numpy as np

from tts.ports import EngineUnavailableError, TTSError, UnknownVoiceError

# region -> espeak-ng voice (Debian's espeak-ng 1.51 ships these three Vietnamese voices)
VOICES: dict[str, str] = {
    "vi": "Vietnamese, northern (Hà Nội)",
    "vi-vn-x-central": "Vietnamese, central (Huế)",
    "vi-vn-x-south": "Vietnamese, southern (Sài Gòn)",
}
REGION_VOICES: dict[str, str] = {
    "north": "vi",
    "central": "vi-vn-x-central",
    "south": "vi-vn-x-south",
}


@functools.lru_cache(maxsize=4)
def espeak_version(binary: str = "espeak-ng") -> str:
    """`espeak-ng --version`'s first line, e.g. 'eSpeak NG text-to-speech: 1.51 ...'."""
    exe = shutil.which(binary)
    if exe is None:
        raise EngineUnavailableError(
            "espeak-ng is not installed (Debian package espeak-ng)",
            reason_vi="Chưa cài espeak-ng (gói Debian espeak-ng)",
        )
    out = subprocess.run([exe, "--version"], capture_output=True, timeout=10, check=False)
    line = out.stdout.decode("utf-8", "replace").strip().splitlines()
    # The data path in the line says nothing about the sound; keep only the version.
    return (line[0].split(" Data at:")[0] if line else "unknown").strip()


def parse_wav_stream(data: bytes) -> tuple[np.ndarray, int]:
    """Read a 16-bit PCM mono WAV whose size fields may be 'unknown' (streamed to a pipe)."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a RIFF/WAVE stream")
    pos, sr, channels, bits = 12, 0, 1, 16
    while pos + 8 <= len(data):
        chunk_id, chunk_len = struct.unpack_from("<4sI", data, pos)
        body = pos + 8
        if chunk_id == b"fmt ":
            _fmt, channels, sr, _rate, _align, bits = struct.unpack_from("<HHIIHH", data, body)
        elif chunk_id == b"data":
            end = min(len(data), body + chunk_len)
            pcm = np.frombuffer(data[body : end - ((end - body) % 2)], dtype="<i2")
            if bits != 16 or sr <= 0:
                raise ValueError("expected 16-bit PCM")
            pcm = pcm.reshape(-1, channels).mean(axis=1) if channels > 1 else pcm
            return (pcm.astype(np.float32) / 32768.0), sr
        pos = body + chunk_len + (chunk_len & 1)
    raise ValueError("no data chunk")


class EspeakEngine:
    """espeak-ng through its command line; deterministic for a given version and voice."""

    name = "espeak-ng"
    sample_rate = 22050  # espeak-ng's fixed output rate; checked against each WAV header

    def __init__(
        self,
        voice: str = "vi",
        *,
        binary: str = "espeak-ng",
        speed_wpm: int | None = None,
        pitch: int | None = None,
        timeout_s: float = 60.0,
    ) -> None:
        if voice not in VOICES:
            raise UnknownVoiceError(
                f"unknown espeak-ng voice {voice!r}; available: {', '.join(VOICES)}",
                reason_vi=f"Không có giọng espeak-ng '{voice}'; các giọng có: {', '.join(VOICES)}",
            )
        self.voice = voice
        self._binary = binary
        self._speed = speed_wpm
        self._pitch = pitch
        self._timeout = timeout_s
        opts = f"s{speed_wpm}" if speed_wpm else ""
        opts += f"p{pitch}" if pitch is not None else ""
        self.version = espeak_version(binary) + (f" [{opts}]" if opts else "")

    def _argv(self) -> list[str]:
        argv = [shutil.which(self._binary) or self._binary, "-v", self.voice, "-b", "1", "--stdout"]
        if self._speed:
            argv += ["-s", str(int(self._speed))]
        if self._pitch is not None:
            argv += ["-p", str(int(self._pitch))]
        return argv

    def synthesize(self, sentence: str) -> np.ndarray:
        # Text goes through stdin so a sentence starting with '-' is never read as an option.
        try:
            proc = subprocess.run(
                self._argv(),
                input=sentence.encode("utf-8"),
                capture_output=True,
                timeout=self._timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EngineUnavailableError(
                f"espeak-ng failed to run: {exc}", reason_vi=f"Không chạy được espeak-ng: {exc}"
            ) from exc
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip()
            raise TTSError(f"espeak-ng failed: {msg}", reason_vi=f"espeak-ng báo lỗi: {msg}")
        try:
            audio, sr = parse_wav_stream(proc.stdout)
        except ValueError as exc:
            raise TTSError(
                f"espeak-ng returned no audio: {exc}", reason_vi="espeak-ng không trả về âm thanh"
            ) from exc
        if sr != self.sample_rate:
            self.sample_rate = sr
        return audio

"""TTS engines behind one interface (tts.ports.TTSEngine), chosen by name from config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tts.engines.espeak import REGION_VOICES
from tts.engines.espeak import VOICES as ESPEAK_VOICES
from tts.engines.gtts import VOICES as GTTS_VOICES
from tts.ports import TTSEngine, UnknownVoiceError

ENGINES: tuple[str, ...] = ("espeak", "piper", "gtts")
DEFAULT_ENGINE = "espeak"
_ALIASES = {"espeak-ng": "espeak", "espeak_ng": "espeak", "google": "gtts"}


@dataclass(frozen=True)
class VoiceInfo:
    engine: str
    voice: str
    description: str
    offline: bool


def default_voice(engine: str = DEFAULT_ENGINE, region: str = "north") -> str:
    """The voice an engine uses for a region when none is named."""
    engine = _ALIASES.get(engine, engine)
    if engine == "espeak":
        return REGION_VOICES.get(region, "vi")
    if engine == "gtts":
        return "vi"
    raise UnknownVoiceError(
        f"engine {engine!r} has no default voice; name a voice model",
        reason_vi=f"Bộ đọc '{engine}' không có giọng mặc định; hãy chọn tệp giọng",
    )


def list_voices(*, piper_voices_dir: str | Path | None = None) -> list[VoiceInfo]:
    """Every voice this machine can use (piper voices only if a voices folder is given)."""
    from tts.engines.piper import find_piper_voices

    voices = [VoiceInfo("espeak", v, d, True) for v, d in ESPEAK_VOICES.items()]
    voices += [
        VoiceInfo("piper", name, str(path), True)
        for name, path in find_piper_voices(piper_voices_dir).items()
    ]
    voices += [VoiceInfo("gtts", v, d, False) for v, d in GTTS_VOICES.items()]
    return voices


def get_engine(name: str, voice: str | None = None, **cfg: Any) -> TTSEngine:
    """Build the engine ``name`` ('espeak', 'piper' or 'gtts') for ``voice``.

    ``cfg`` holds engine options (espeak: binary, speed_wpm, pitch; piper: voices_dir,
    config_path, speaker_id, length_scale; gtts: tld, timeout_s, slow) plus ``region``
    to pick a default voice. Unknown names raise UnknownVoiceError.
    """
    engine = _ALIASES.get(name, name)
    region = cfg.pop("region", "north")
    if engine == "espeak":
        from tts.engines.espeak import EspeakEngine

        return EspeakEngine(voice or default_voice("espeak", region), **cfg)
    if engine == "piper":
        from tts.engines.piper import PiperEngine

        if not voice:
            raise UnknownVoiceError(
                "the piper engine needs a voice model (.onnx)",
                reason_vi="Bộ đọc piper cần một tệp giọng (.onnx)",
            )
        return PiperEngine(voice, **cfg)
    if engine == "gtts":
        from tts.engines.gtts import GttsEngine

        return GttsEngine(voice or "vi", **cfg)
    raise UnknownVoiceError(
        f"unknown TTS engine {name!r}; available: {', '.join(ENGINES)}",
        reason_vi=f"Không có bộ đọc '{name}'; các bộ đọc có: {', '.join(ENGINES)}",
    )


__all__ = ["DEFAULT_ENGINE", "ENGINES", "VoiceInfo", "default_voice", "get_engine", "list_voices"]

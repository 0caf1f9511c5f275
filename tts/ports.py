"""The TTS engine interface and the errors tts raises (each readable in Vietnamese and English)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


class TTSError(Exception):
    """Root of every error tts raises for something a user can fix or should know.

    ``str(err)`` is the English sentence; ``err.reason_vi`` the Vietnamese one shown first
    in the panel and the CLI; ``err.code`` a short machine string.
    """

    default_code = "tts"

    def __init__(
        self, reason: str, *, reason_vi: str | None = None, code: str | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = reason_vi or reason
        self.code = code or self.default_code


class UnknownVoiceError(TTSError, ValueError):
    """An engine or voice name that does not exist here (or a voice file that is missing)."""


class EngineUnavailableError(TTSError, RuntimeError):
    """The engine exists but cannot synthesize right now (binary missing, network down)."""


class AudioInputError(TTSError, ValueError):
    """An uploaded recording, jingle or music bed that is not usable audio."""


class NoSpeechError(AudioInputError):
    """A recording that holds no speech (silence, or noise far below speech level)."""


@runtime_checkable
class TTSEngine(Protocol):
    """One sentence in, float32 mono samples out, at ``sample_rate``.

    ``version`` changes whenever the same sentence could sound different (engine release,
    voice model file); it is part of the sentence cache key and of the render fingerprint.
    """

    name: str
    voice: str
    sample_rate: int
    version: str

    def synthesize(self, sentence: str) -> np.ndarray: ...


class TemplateError(TTSError, ValueError):
    """A programme template that cannot be used (bad field, bad value, missing file)."""

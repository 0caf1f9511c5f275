"""The one root exception of `hardware`, and its few readable subclasses."""

from __future__ import annotations


class HardwareError(Exception):
    """Root of every error raised by `hardware`: `reason` (one English sentence), `reason_vi`
    (Vietnamese; the English one when none was given) and `code` (a short machine string)."""

    default_code = "hardware"

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str | None = None):
        super().__init__(reason)
        self.reason, self.reason_vi = reason, reason_vi or reason
        self.code = code or self.default_code


class DeviceNotFound(HardwareError, LookupError):
    """The configured sound device (or pin, or GPS) is not there."""

    default_code = "device_not_found"


class AudioFormatError(HardwareError, ValueError):
    """A source the output cannot play as-is (sample rate, channels)."""

    default_code = "audio_format"


class AudioStreamError(HardwareError, RuntimeError):
    """The audio stream could not start, stopped calling back, or died."""

    default_code = "audio_stream"


class ClockDisagreement(HardwareError, RuntimeError):
    """The sound card's stream clock and time.monotonic() do not advance together."""

    default_code = "clock_disagreement"


class NoFreeVoice(HardwareError, RuntimeError):
    """Every playback slot of the output is busy."""

    default_code = "no_free_voice"


class SourceReadError(HardwareError, OSError):
    """The audio of a broadcast could not be read from storage."""

    default_code = "source_read"

"""The one root exception of `hardware`, and its few readable subclasses."""

from __future__ import annotations


class HardwareError(Exception):
    """Root of every error raised by `hardware`; the message is one readable sentence."""


class DeviceNotFound(HardwareError, LookupError):
    """The configured sound device (or pin, or GPS) is not there."""


class AudioFormatError(HardwareError, ValueError):
    """A source the output cannot play as-is (sample rate, channels)."""


class AudioStreamError(HardwareError, RuntimeError):
    """The audio stream could not start, stopped calling back, or died."""


class ClockDisagreement(HardwareError, RuntimeError):
    """The sound card's stream clock and time.monotonic() do not advance together."""


class NoFreeVoice(HardwareError, RuntimeError):
    """Every playback slot of the output is busy."""


class SourceReadError(HardwareError, OSError):
    """The audio of a broadcast could not be read from storage."""

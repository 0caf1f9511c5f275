"""The one root exception of `playout`, and its few readable subclasses.

Every error carries `reason` (one English sentence), `reason_vi` (the same in Vietnamese; the
English one when no translation was given) and `code` (a short machine string), so the CLI and
the daemon's log can show both without knowing where the error came from, and a program can
branch on `code`. Each subclass also inherits the matching builtin (`except OSError` still
catches a ControlError or a SyncError).
"""

from __future__ import annotations


class PlayoutError(Exception):
    """Root of every error raised by `playout`."""

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str = "error") -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = reason_vi or reason
        self.code = code

    def __str__(self) -> str:
        return self.reason

    def bilingual(self) -> str:
        """'Vietnamese / English' on one line (Vietnamese first)."""
        if self.reason_vi == self.reason:
            return self.reason
        return f"{self.reason_vi} / {self.reason}"


class ConfigError(PlayoutError, ValueError):
    """The unit's TOML config is missing, unreadable or breaks a rule."""

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str = "config") -> None:
        super().__init__(reason, reason_vi, code=code)


class ImportRejected(PlayoutError):
    """A bundle was refused on import; the active bundle was left as it was."""


class NoActiveBundle(PlayoutError, LookupError):
    """The unit has no usable active bundle (none imported, or it no longer verifies)."""

    def __init__(
        self, reason: str, reason_vi: str | None = None, *, code: str = "no_bundle"
    ) -> None:
        super().__init__(reason, reason_vi, code=code)


class ControlError(PlayoutError, OSError):
    """A command for the running daemon could not be written or read."""

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str = "control") -> None:
        super().__init__(reason, reason_vi, code=code)


class AsRunError(PlayoutError, ValueError):
    """The as-run log refused an entry (bad kind or field) or cannot be written."""

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str = "asrun") -> None:
        super().__init__(reason, reason_vi, code=code)


class SyncError(PlayoutError, OSError):
    """A sync step with the panel failed; `status` is the HTTP status (0: no answer, network)."""

    def __init__(
        self, reason: str, reason_vi: str | None = None, *, status: int = 0, code: str = "sync"
    ) -> None:
        super().__init__(reason, reason_vi, code=code)
        self.status = status

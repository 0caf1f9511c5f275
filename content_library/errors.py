"""The one root exception of the domain, with a reason in English and in Vietnamese."""

from __future__ import annotations


class LoaError(Exception):
    """Base of every error a user may see: ``reason`` (English) and ``reason_vi``."""

    def __init__(self, reason: str, reason_vi: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = reason_vi or reason

    def __str__(self) -> str:
        return self.reason


class ValidationError(LoaError, ValueError):
    """Input refused at the edge; nothing was stored."""

    def __init__(self, reason: str, reason_vi: str | None = None, *, field: str = "") -> None:
        super().__init__(reason, reason_vi)
        self.field = field


class PermissionDenied(LoaError, PermissionError):
    """The actor's role or area does not allow this action."""


class NotFound(LoaError, LookupError):
    """No such object (or not visible to this actor)."""


class WorkflowError(LoaError):
    """The action is not allowed in the version's current state."""

"""The one root exception of the domain, with a reason in English and in Vietnamese."""

from __future__ import annotations


class LoaError(Exception):
    """Base of every error a user may see: ``reason`` (English), ``reason_vi`` and ``code`` (a
    short machine string; subclasses set ``default_code``, a raise site may be more precise)."""

    default_code = "error"

    def __init__(
        self, reason: str, reason_vi: str | None = None, *, code: str | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = reason_vi or reason
        self.code = code or self.default_code

    def __str__(self) -> str:
        return self.reason


class ValidationError(LoaError, ValueError):
    """Input refused at the edge; nothing was stored."""

    default_code = "invalid"

    def __init__(
        self, reason: str, reason_vi: str | None = None, *, field: str = "", code: str | None = None
    ) -> None:
        super().__init__(reason, reason_vi, code=code)
        self.field = field


class PermissionDenied(LoaError, PermissionError):
    """The actor's role or area does not allow this action."""

    default_code = "forbidden"


class NotFound(LoaError, LookupError):
    """No such object (or not visible to this actor)."""

    default_code = "not_found"


class WorkflowError(LoaError):
    """The action is not allowed in the version's current state."""

    default_code = "workflow"


class LimitReached(LoaError):
    """The person asked for more of something bounded than they may now (report exports);
    ``retry_after_s``: when asking again may succeed."""

    default_code = "too_many"

    def __init__(
        self,
        reason: str,
        reason_vi: str | None = None,
        *,
        retry_after_s: int,
        code: str | None = None,
    ) -> None:
        super().__init__(reason, reason_vi, code=code)
        self.retry_after_s = retry_after_s

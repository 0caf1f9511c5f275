"""The one root exception of the scheduler: a readable reason in English and Vietnamese."""

from __future__ import annotations

import unicodedata


class ScheduleError(ValueError):
    """A schedule, an item set or a window the scheduler refuses (nothing was planned)."""

    def __init__(
        self, reason: str, reason_vi: str | None = None, *, code: str = "schedule_invalid"
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = unicodedata.normalize("NFC", reason_vi or reason)
        self.code = code

    def __str__(self) -> str:
        return self.reason


class InvalidValue(ValueError):
    """A value a schedule model refuses, said in both languages; pydantic reports the English
    text and `parse_schedule` the Vietnamese one (`vi`) in ScheduleError.reason_vi."""

    def __init__(self, reason: str, reason_vi: str) -> None:
        super().__init__(reason)
        self.vi = unicodedata.normalize("NFC", reason_vi)

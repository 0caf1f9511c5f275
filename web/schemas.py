"""The error body every JSON route answers with, and the responses routes declare for it in
the OpenAPI document (``responses=ERRORS``)."""

from __future__ import annotations

from pydantic import BaseModel


class ErrorOut(BaseModel):
    detail: str  # in the reader's language
    reason: str  # English
    reason_vi: str  # Vietnamese
    field: str | None = None  # the input at fault, when there is one
    code: str | None = None  # a refusal's kind, when a client may act on it (e.g. "audio_changed")


ERRORS = {code: {"model": ErrorOut} for code in (401, 403, 404, 409, 422)}

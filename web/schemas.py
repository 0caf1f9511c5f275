"""Shapes every JSON route shares: the error body and the responses routes declare for it in
the OpenAPI document (``responses=ERRORS``), and the type of a database id in a path, a query
or a body (``IdPath``, ``IdQuery``, ``DbId``), bounded so a fuzzer's 2**64 is a 422, not a 500."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import BaseModel, Field

# Ids are SQL INTEGER columns: 32-bit on PostgreSQL, so a larger number can name no row, and
# passing it to the database fails (SQLite: OverflowError past 2**63) instead of finding nothing.
ID_MAX = 2**31 - 1
_ID = {"ge": 1, "le": ID_MAX}

DbId = Annotated[int, Field(**_ID)]
IdPath = Annotated[int, Path(**_ID)]
IdQuery = Annotated[int | None, Query(**_ID)]


class ErrorOut(BaseModel):
    detail: str  # in the reader's language
    reason: str  # English
    reason_vi: str  # Vietnamese
    field: str | None = None  # the input at fault, when there is one
    code: str | None = None  # a refusal's kind, when a client may act on it (e.g. "audio_changed")


ERRORS = {code: {"model": ErrorOut} for code in (401, 403, 404, 409, 422)}

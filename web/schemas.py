"""Shapes every JSON route shares: the error body and the responses routes declare for it in
the OpenAPI document (``responses=ERRORS``); the type of a database id in a path, a query or a
body (``IdPath``, ``IdQuery``, ``DbId``), bounded so a fuzzer's 2**64 is a 422, not a 500; a
moment (``Moment``) that converts to UTC; and what the document says of the fields the domain
checks itself (``text_schema``, ``choice_schema``), so generated clients and fuzzers agree
with the checks.

Why a text's rules are stated in the schema but checked by the domain (``clean_text``, with its
Vietnamese sentence naming the field) rather than by pydantic: the refusal then reads the same
from the API, the pages and the CLI, and there is one definition of each rule,
``content_library.validation``, which both the schema and the check are made from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator, BaseModel, Field

from content_library.validation import TextField

# Ids are SQL INTEGER columns: 32-bit on PostgreSQL, so a larger number can name no row, and
# passing it to the database fails (SQLite: OverflowError past 2**63) instead of finding nothing.
ID_MAX = 2**31 - 1
_ID = {"ge": 1, "le": ID_MAX}

DbId = Annotated[int, Field(**_ID)]
IdPath = Annotated[int, Path(**_ID)]
IdQuery = Annotated[int | None, Query(**_ID)]


def _representable(moment: datetime) -> datetime:
    if moment.tzinfo is not None:  # a naive one is refused by the domain, in its words
        try:
            moment.astimezone(UTC)
        except OverflowError:
            raise ValueError("out of range once converted to UTC") from None
    return moment


# A date and time (RFC 3339 with its offset, as the schema's format says) the domain can take
# to UTC: "0001-01-01T00:00:00+07:00" is a 422 here, not an OverflowError there.
Moment = Annotated[datetime, AfterValidator(_representable)]

# content_library.validation refuses these, as text arrives (before CRLF → LF): C0 but tab,
# newline and CR in multi-line fields, DEL, C1, the BOM, bidi overrides and isolates, U+FFFE/F.
_CONTROL_LINE = r"\x00-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_CONTROL_MULTI = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069\ufffe\uffff"
# What str.strip() removes that is not a control character: a text of only these is empty.
_SPACE = r" \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_MULTI = r"\t\n\r" + _SPACE


def text_schema(
    kind: TextField, *, required: bool = True, max_len: int | None = None
) -> dict[str, Any]:
    """The JSON Schema of ``clean_text``'s rules for ``kind`` (``json_schema_extra=``): its
    length limit, no control characters, and (``required``) something besides spaces.

    The pattern reads alike in JSON Schema (ECMA 262), Python's re and Rust's regex.
    """
    control = _CONTROL_MULTI if kind.multiline else _CONTROL_LINE
    space = _SPACE_MULTI if kind.multiline else _SPACE
    schema: dict[str, Any] = {"maxLength": kind.max_len if max_len is None else max_len}
    if required:
        schema.update(minLength=1, pattern=rf"^[^{control}]*[^{control}{space}][^{control}]*$")
    else:
        schema.update(pattern=rf"^[^{control}]*$")
    return schema


def choice_schema(values: Iterable[str]) -> dict[str, Any]:
    """The values a choice the domain checks may take (``json_schema_extra=``)."""
    return {"enum": [str(v) for v in values]}


class ErrorOut(BaseModel):
    detail: str  # in the reader's language
    reason: str  # English
    reason_vi: str  # Vietnamese
    field: str | None = None  # the input at fault, when there is one
    code: str | None = None  # a refusal's kind, when a client may act on it (e.g. "audio_changed")


# 400: a body that is not JSON; 413: a body over the size limit (web.app.BodySizeLimit).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 422)
}
# An operation that may send a version for review: 429 past Settings.max_submits_per_hour.
SUBMIT_ERRORS: dict[int | str, dict[str, Any]] = ERRORS | {429: {"model": ErrorOut}}

"""Form values → typed values for the use cases. Every refusal is a ValidationError with a
Vietnamese reason and the field's name, so a page can show the form again with it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, overload
from zoneinfo import ZoneInfo

from starlette.datastructures import FormData

from content_library.errors import ValidationError
from content_library.types import HO_CHI_MINH
from tts.lexicon import validate_entry

TZ = ZoneInfo(HO_CHI_MINH)


def form_text(form: FormData, name: str) -> str:
    """A text field of a posted form, "" when absent. A file posted under a text field's name
    is refused (no page sends one)."""
    value = form.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be text", "Trường này phải là chữ.", field=name)
    return value


def form_ints(form: FormData, name: str) -> list[int]:
    """The whole numbers among a posted form's values for ``name`` (others are skipped)."""
    return [int(v) for v in form.getlist(name) if isinstance(v, str) and v.isdigit()]


@overload
def parse_id(
    value: str | None, *, field: str, en: str, vi: str, required: Literal[True] = True
) -> int: ...
@overload
def parse_id(value: str | None, *, field: str, en: str, vi: str, required: bool) -> int | None: ...
def parse_id(
    value: str | None, *, field: str, en: str, vi: str, required: bool = True
) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError(f"choose the {en}", f"Hãy chọn {vi}.", field=field)
        return None
    # Database ids are positive and fit a signed 64-bit column; anything else names no row
    # (and 2**64 would be an overflow error in the database driver, not a clear answer).
    if value.isascii() and value.isdigit() and len(value) <= 19 and 0 < int(value) < 2**63:
        return int(value)
    raise ValidationError(f"unknown {en}", f"{vi.capitalize()} không tồn tại.", field=field)


def parse_local_datetime(value: str | None, *, field: str) -> datetime | None:
    """<input type="datetime-local"> is Vietnam's wall time without a zone."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            "not a date and time", "Ngày giờ không hợp lệ.", field=field
        ) from None
    return dt.replace(tzinfo=TZ) if dt.tzinfo is None else dt


def parse_local_day(value: str | None, *, field: str) -> date | None:
    """<input type="date">: a calendar day."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            "not a date", "Ngày không hợp lệ (dạng 2026-03-01).", field=field
        ) from None


def check_choice(value: str, allowed: type, *, field: str, vi: str) -> str:
    try:
        return allowed(value).value
    except ValueError:
        raise ValidationError(f"unknown {field}", f"{vi} không hợp lệ.", field=field) from None


def parse_number(value: str, *, field: str, vi: str, integer: bool) -> float:
    """A count or an amount from 0 to 1,000,000; a comma is a decimal point."""
    value = (value or "").strip().replace(",", ".") or "0"
    try:
        n = int(value) if integer else float(value)
    except ValueError:
        raise ValidationError(
            f"{field} is not a number", f"{vi} phải là một số.", field=field
        ) from None
    if n < 0 or n > 1_000_000:
        raise ValidationError(
            f"{field} is out of range", f"{vi} phải từ 0 đến 1.000.000.", field=field
        )
    return n


def lexicon_entry(term: str, spoken: str) -> tuple[str, str]:
    """A lexicon edit, cleaned by the rules of the reader that uses it (tts.lexicon)."""
    try:
        return validate_entry(term, spoken)
    except ValueError as exc:
        raise ValidationError(
            f"the lexicon entry is not valid ({exc})", str(exc), field="term"
        ) from None

"""Canonical JSON: the one byte string of a value that is hashed or signed, on both sides.

One rule set for every caller (bundle manifest, unit state, as-run entry body):

- objects: keys must be ``str``; keys and string values are NFC-normalised; two keys equal
  after NFC are refused (a signer and a verifier could otherwise keep different ones); keys
  are sorted by code point;
- integers must fit a signed 64-bit integer (-2**63 .. 2**63-1): SQLite, most JSON readers
  and the database cannot hold more, so a bigger one would not come back the same. ``bool``
  is true/false, never a number;
- floats must be finite; they are written as Python's shortest round-trip form (``2.5``,
  ``1e+308``, ``-0.0``), so parsing the bytes and writing them again gives the same bytes;
- lists and tuples are arrays, ``None`` is null; any other type is refused;
- output: no whitespace, UTF-8 (not ``\\u``-escaped); a lone surrogate (not UTF-8) is refused.

A refusal raises ``TypeError`` (a type JSON has not: a non-string key, an object) or
``ValueError`` (a value the rules refuse), naming where it is (``$.gps.lat``); nesting
deeper than Python's recursion limit raises ``RecursionError``.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Mapping
from typing import Any

__all__ = ["INT_MAX", "INT_MIN", "canonical_json", "canonical_text", "loads_strict", "normalise"]

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


def _nfc(text: str, where: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{where}: a lone surrogate is not UTF-8 text") from None
    return text


def normalise(obj: Any, where: str = "$") -> Any:
    """``obj`` as plain JSON data, every string NFC; raises on anything the rules refuse."""
    if isinstance(obj, str):
        return _nfc(obj, where)
    if obj is None or isinstance(obj, bool):
        return obj
    if isinstance(obj, int):
        if not INT_MIN <= obj <= INT_MAX:  # not shown: a huge int may not even print
            raise ValueError(f"{where}: integer outside the signed 64-bit range")
        return obj
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError(f"{where}: non-finite number {obj!r} is not JSON")
        return obj
    if isinstance(obj, Mapping):
        out: dict[str, Any] = {}
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(
                    f"{where}: JSON object keys must be strings, not {type(key).__name__}"
                )
            nkey = _nfc(key, where)
            if nkey in out:
                raise ValueError(f"{where}: duplicate key after NFC normalisation: {nkey!r}")
            out[nkey] = normalise(value, f"{where}.{nkey}")
        return out
    if isinstance(obj, list | tuple):
        return [normalise(value, f"{where}[{i}]") for i, value in enumerate(obj)]
    raise TypeError(f"{where}: {type(obj).__name__} is not JSON")


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (not \\u-escaped), every string NFC, no NaN."""
    text = json.dumps(
        normalise(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def canonical_text(obj: Any) -> str:
    """The same bytes as text (an as-run body is stored as TEXT), with the same refusals."""
    return canonical_json(obj).decode("utf-8")


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads_strict(data: bytes) -> Any:
    """Parse UTF-8 JSON, refusing duplicate keys and NaN/Infinity (ValueError)."""
    return json.loads(
        data.decode("utf-8"), object_pairs_hook=_pairs_no_duplicates, parse_constant=_no_constants
    )

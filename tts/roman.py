"""Roman numerals: strict parsing and writing (I–LXXXIX, the range official texts use).

Only canonical forms parse ("IV", never "IIII"), and only with the letters I, V, X, L, so
"CV" (công văn), "MC", "DC" are never numbers. Whether a valid numeral *is* a number is
decided by its context in `tts.normalize` (after "quý", "khóa", "lần thứ", at the head of a
heading line); a lone "I" in a name is left alone.
"""

from __future__ import annotations

import re

__all__ = ["ROMAN", "parse_roman", "to_roman"]

# Tens then units, canonical only, at least one letter.
ROMAN = r"(?=[IVXL])(?:L?X{0,3}|XL)(?:IX|IV|V?I{0,3})"
_ROMAN_FULL = re.compile(r"(?=[IVXL])(?:L?X{0,3}|XL)(?:IX|IV|V?I{0,3})")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def parse_roman(token: str) -> int | None:
    """The value of a canonical upper-case Roman numeral from 1 to 89, else None."""
    if not token or not _ROMAN_FULL.fullmatch(token):
        return None
    total = 0
    for i, c in enumerate(token):
        v = _VALUES[c]
        total += -v if i + 1 < len(token) and _VALUES[token[i + 1]] > v else v
    return total


def to_roman(n: int) -> str:
    """1 → "I", 14 → "XIV", 89 → "LXXXIX"."""
    if not 1 <= n <= 89:
        raise ValueError(f"outside I–LXXXIX: {n}")
    out = ""
    for value, letters in (
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out

"""The curated abbreviation list (tts/data/abbreviations.tsv) and its context rules.

The file is for a native speaker to review: one reading per row, with the official source
of the expansion where there is one. Columns (tab-separated, lines starting with # are
comments):

    abbreviation  expansion  before  after  check  source

* `abbreviation` matches exactly as written (letter case counts), between non-letters;
  a "-" in it also matches an en dash with spaces ("TĐ – KT").
* `before` / `after` are regular expressions (case-insensitive) that the text just before
  / just after the abbreviation must match; empty means "anything". `{Upper}` stands for
  one upper-case letter (case-sensitive even inside the case-insensitive rule), `{Number}`
  for a number in digits or already in words (earlier passes read dates and references),
  `{Lower}` for one lower-case letter (so "P." after "tại" is phường, after "Nguyễn Văn"
  an initial).
* The first row of an abbreviation whose contexts match is its reading. When no row
  matches, the abbreviation is ambiguous: the normalizer spells it and warns.
* `check` = "warn": the reading is the likely one but the author should check it.

The panel's lexicon (tts.lexicon, admin-editable) is layered on top: an entry there with
the same key wins over every row here.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DATA_FILE", "Reading", "curated", "key_pattern", "resolve"]

DATA_FILE = Path(__file__).parent / "data" / "abbreviations.tsv"
_COLUMNS = ("abbreviation", "expansion", "before", "after", "check", "source")
_UPPER = "".join(
    c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper() and c.lower() != c
)
_UPPER_CLASS = "(?-i:[" + re.escape(_UPPER) + "])"
_LOWER_CLASS = "(?-i:[" + re.escape(_UPPER.lower()) + "])"
# A number, written or already read ("TT 124/2021" reaches the lexicon as "TT một trăm…").
_NUMBER = r"(?:\d|(?:không|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b)"


@dataclass(frozen=True)
class Reading:
    """One row of the curated file."""

    abbreviation: str
    expansion: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    warn: bool
    source: str

    def fits(self, text: str, start: int, end: int) -> bool:
        if self.before is not None and not self.before.search(text[max(0, start - 60) : start]):
            return False
        return self.after is None or bool(self.after.match(text, end))


def _compile(rule: str, *, before: bool) -> re.Pattern[str] | None:
    if not rule:
        return None
    rule = rule.replace("{Upper}", _UPPER_CLASS).replace("{Lower}", _LOWER_CLASS)
    rule = rule.replace("{Number}", _NUMBER)
    if before:
        return re.compile(rf"(?:{rule})\s*$", re.IGNORECASE)
    return re.compile(rf"\s*(?:{rule})", re.IGNORECASE)


def parse(text: str) -> dict[str, tuple[Reading, ...]]:
    """Rows of a curated TSV, grouped by abbreviation in file order. ValueError if broken."""
    out: dict[str, list[Reading]] = {}
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if number == 1 or cells[0] == "abbreviation":
            continue  # the header row
        if len(cells) != len(_COLUMNS):
            raise ValueError(f"{DATA_FILE.name}:{number}: expected {len(_COLUMNS)} columns")
        abbr, expansion, before, after, check, source = (
            unicodedata.normalize("NFC", c.strip()) for c in cells
        )
        if not abbr or not expansion or any(c.isdigit() for c in expansion):
            raise ValueError(f"{DATA_FILE.name}:{number}: empty field or a digit in the reading")
        if check not in ("", "warn"):
            raise ValueError(f"{DATA_FILE.name}:{number}: check must be empty or 'warn'")
        try:
            reading = Reading(
                abbr,
                expansion,
                _compile(before, before=True),
                _compile(after, before=False),
                check == "warn",
                source,
            )
        except re.error as err:
            raise ValueError(f"{DATA_FILE.name}:{number}: bad context rule: {err}") from None
        out.setdefault(abbr, []).append(reading)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def curated() -> dict[str, tuple[Reading, ...]]:
    """The shipped curated list, read once."""
    return parse(DATA_FILE.read_text(encoding="utf-8"))


def key_pattern(key: str) -> str:
    """The regex source matching a key as written ("TĐ-KT" also matches "TĐ – KT")."""
    return "".join(r"\s*[-–]\s*" if c == "-" else re.escape(c) for c in key)


def resolve(key: str, text: str, start: int, end: int) -> Reading | None:
    """The curated reading of text[start:end] (== key) in its context, or None."""
    for reading in curated().get(key, ()):
        if reading.fits(text, start, end):
            return reading
    return None


if __name__ == "__main__":  # pragma: no cover - a reviewer's listing
    for abbr, readings in sorted(curated().items()):
        for r in readings:
            ctx = " ".join(p for p in (r.before and "before", r.after and "after") if p)
            sys.stdout.write(f"{abbr}\t{r.expansion}\t{ctx}\t{r.source}\n")

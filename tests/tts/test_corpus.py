"""The reading corpus: real official sentences (seeds.tsv) and bulletin-style ones
(bulletins.tsv), each with the reading checked by hand.

Every sentence must read exactly as expected, except the few listed in KNOWN_MISSES, which
must at least be flagged (a warning on the span), never silently wrong. Run this file as a
script to print the share read correctly per file:

    .venv/bin/python tests/tts/test_corpus.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":  # run as a script from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tts.normalize import normalize_with_report

CORPUS = Path(__file__).parent / "corpus"
FILES = ("seeds.tsv", "bulletins.tsv")

# written sentence → why the normalizer cannot read it right (it must flag it instead).
KNOWN_MISSES: dict[str, str] = {
    "- Ban ĐKHTN TWD;": "ĐKHTN is a misspelling of ĐKTHTN (Ban Đoàn kết Tập hợp Thanh niên); "
    "an unknown acronym is spelled and flagged",
}


def load(name: str) -> list[tuple[str, str, str]]:
    """(region, written, expected) rows of one corpus file; seeds are read in the north."""
    rows = []
    with (CORPUS / name).open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            region = row.get("region") or "north"
            rows.append((region, row["written"], row["expected"].replace("\\n", "\n")))
    return rows


def _cases() -> list:
    return [
        pytest.param(region, written, expected, id=f"{name}:{i}")
        for name in FILES
        for i, (region, written, expected) in enumerate(load(name), 1)
    ]


@pytest.mark.parametrize(("region", "written", "expected"), _cases())
def test_corpus_sentence(region, written, expected):
    report = normalize_with_report(written, region=region)
    if written in KNOWN_MISSES:
        assert report.warnings, f"a known misreading must be flagged: {written}"
        assert report.spoken != expected, f"fixed? remove it from KNOWN_MISSES: {written}"
        return
    assert report.spoken == expected


def test_corpus_is_big_enough():
    assert len(load("seeds.tsv")) >= 150
    assert len(load("bulletins.tsv")) >= 100
    # every written sentence is one line of real text, every expected reading has no digit
    for name in FILES:
        for _region, written, expected in load(name):
            assert written.strip() and not re.search(r"\d", expected), (name, written)


def shares() -> dict[str, tuple[int, int]]:
    """file → (read correctly, total)."""
    out = {}
    for name in FILES:
        rows = load(name)
        good = sum(normalize_with_report(w, region=r).spoken == e for r, w, e in rows)
        out[name] = (good, len(rows))
    return out


def test_share_read_correctly():
    for name, (good, total) in shares().items():
        print(f"{name}: {good}/{total} = {good / total:.1%}")
        assert good / total >= 0.98, name


if __name__ == "__main__":
    for name, (good, total) in shares().items():
        print(f"{name}: {good}/{total} read correctly ({good / total:.1%})")

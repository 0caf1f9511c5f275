"""The check every probe of official text makes of one reading (tests/tts/test_normalize_official_*.py)."""

from __future__ import annotations

import unicodedata

from tts.normalize import normalize, normalize_with_report


def check_reading(text: str, spoken: str, region: str = "north") -> None:
    """`text` reads `spoken`, with nothing flagged; the reading reads itself again unchanged,
    and the same text in NFD (as some phones send it) reads the same."""
    report = normalize_with_report(text, region=region)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == []
    assert normalize(report.spoken, region=region) == report.spoken
    assert normalize(unicodedata.normalize("NFD", text), region=region) == spoken

"""docs/settings.md lists every environment variable the panel reads, and nothing it does not
read: an operator reads that table, so it must not fall behind the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = ("web/settings.py", "loa/cli_server.py")


def _read_by_code() -> set[str]:
    names: set[str] = set()
    for rel in READERS:
        names |= set(re.findall(r'"(LOA_[A-Z0-9_]+)"', (ROOT / rel).read_text()))
    return names


def test_every_panel_variable_is_documented_and_no_other():
    documented = set(re.findall(r"`(LOA_[A-Z0-9_]+)`", (ROOT / "docs/settings.md").read_text()))
    in_code = _read_by_code()
    assert in_code, "no LOA_* variable found where the panel reads them"
    assert not in_code - documented, f"read but not in docs/settings.md: {in_code - documented}"
    assert not documented - in_code, f"documented but never read: {documented - in_code}"

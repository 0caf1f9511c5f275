"""The README's docs list names every document in docs/ and every benchmark in bench/, and
only those that exist: a newcomer finds everything from there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_lists_every_doc_and_benchmark():
    readme = (ROOT / "README.md").read_text()
    docs = {p.name for p in (ROOT / "docs").glob("*.md")}
    listed = set(re.findall(r"`docs/([a-z0-9-]+\.md)`", readme))
    assert docs - listed == set(), f"not in the README: {sorted(docs - listed)}"
    assert listed - docs == set(), f"listed but missing: {sorted(listed - docs)}"
    benches = {p.stem for p in (ROOT / "bench").glob("*.py") if not p.stem.startswith("_")}
    named = set(re.findall(r"bench\.([a-z_]+)", readme))
    assert benches - named == set(), f"benchmarks not in the README: {sorted(benches - named)}"

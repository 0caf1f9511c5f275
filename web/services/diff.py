"""Word-level diff of a script against its last approved text, as <ins>/<del> HTML."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKEN = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    """Words and the whitespace between them, so joining the tokens gives the text back."""
    return _TOKEN.findall(text or "")


def word_diff(old: str | None, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in "equal", "insert", "delete"; whitespace-only changes are equal."""
    a, b = tokens(old or ""), tokens(new or "")
    # Compare words, not their spacing: collapse whitespace tokens to one space for matching.
    key_a = [" " if t.isspace() else t for t in a]
    key_b = [" " if t.isspace() else t for t in b]
    out: list[tuple[str, str]] = []
    matcher = SequenceMatcher(a=key_a, b=key_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(b[j1:j2])))
    return out


def render_diff(old: str | None, new: str) -> Markup:
    """HTML safe to embed: every piece of text escaped, changes wrapped in <ins>/<del>."""
    parts = []
    for op, text in word_diff(old, new):
        if op == "equal":
            parts.append(escape(text))
        elif not text.strip():
            if op == "insert":  # new spacing is part of the new text; old spacing is not
                parts.append(escape(text))
        else:
            tag = "ins" if op == "insert" else "del"
            parts.append(Markup(f"<{tag}>{escape(text)}</{tag}>"))
    return Markup("").join(parts)

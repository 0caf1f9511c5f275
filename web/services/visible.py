"""Text as the panel shows it: a character that would change how the text around it looks — a
bidi override, embedding, isolate or mark, a C0/C1 control, a line or paragraph separator, the
BOM, a lone surrogate — is written as its escape (``\\u202e``, ``\\x1b``), so it is seen, not
obeyed.

A unit reports text the panel keeps as sent (as-run reasons and item ids, topic codes,
software versions, emergency confirmations): the panel's own forms refuse these characters
(``content_library.validation.clean_text``), a unit's reports cannot. One U+202E in an as-run
reason reversed the rest of its line on the devices page and in the reports, so a
refusal could be made to read like something else. The Jinja environment runs every
``{{ … }}`` through :func:`visible` (``web.app``), and the exports write each cell through it
(``web.services.report_export``): no page or file shows such a character raw
(docs/security.md 38). Tab, line feed and carriage return are kept: multi-line fields hold
them, and they reorder nothing.
"""

from __future__ import annotations

import re

# C0 but tab, LF and CR; DEL and C1; ALM; LRM, RLM; LS, PS; LRE…RLO; LRI…PDI; the BOM; lone
# surrogates; U+FFFE, U+FFFF.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff\ufffe\uffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character that would reorder or hide what is shown written as its
    escape; anything else unchanged."""
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_escape, text)


def finalize(value: object) -> object:
    """Jinja's ``finalize``: each plain string an expression prints goes through
    :func:`visible`; markup the templates built (``|tojson``, ``Markup``) is left as it is."""
    if type(value) is str:  # not Markup (a str subclass): it is already what the page holds
        return visible(value)
    return value

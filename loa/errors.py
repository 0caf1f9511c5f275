"""How every `loa` command tells a person what went wrong: one line, "vi / en", an exit code."""

from __future__ import annotations

import sys
from typing import NoReturn

import click


def one_line(text: str) -> str:
    """Whitespace (newlines included) folded to single spaces: one line on a terminal or in a log."""
    return " ".join(text.split())


def fail(vi: str, en: str, code: int = 1) -> NoReturn:
    """Print "vi / en" on stderr and exit with `code` (Vietnamese first, as the UI is)."""
    click.echo(one_line(f"{vi} / {en}"), err=True)
    sys.exit(code)


def fail_on(
    exc: BaseException, code: int = 1, *, prefix_vi: str = "", prefix_en: str = ""
) -> NoReturn:
    """`fail` for any of the project's errors: they carry `reason` (English) and `reason_vi`."""
    en = str(getattr(exc, "reason", None) or exc)
    vi = str(getattr(exc, "reason_vi", None) or en)
    fail(prefix_vi + vi, prefix_en + en, code)

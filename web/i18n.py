"""Translations of the panel: gettext catalogs (Babel), Vietnamese by default, English second.

Source strings (msgids) are English; ``locale/vi`` translates every one of them. Catalogs are
loaded from the compiled ``.mo``; when a ``.mo`` is missing or older than its ``.po`` (a fresh
clone where nobody ran ``pybabel compile``), the ``.po`` is compiled in memory instead.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from content_library.errors import LoaError

LOCALE_DIR = Path(__file__).with_name("locale")
LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "marked, translated later"
    """Marks a msgid for extraction where it is translated later (e.g. in a template)."""
    return message


def load_translations(locale: str, *, locale_dir: Path = LOCALE_DIR) -> NullTranslations:
    base = locale_dir / locale / "LC_MESSAGES"
    po, mo = base / f"{DOMAIN}.po", base / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    if po.exists():
        return Translations(io.BytesIO(compile_po(po)), domain=DOMAIN)
    return NullTranslations()


def compile_po(po: Path) -> bytes:
    with po.open("rb") as f:
        catalog = read_po(f)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


class Catalogs:
    """All locales, loaded once per app."""

    def __init__(self, *, default: str = DEFAULT_LOCALE, locale_dir: Path = LOCALE_DIR) -> None:
        self.default = default
        self._t = {loc: load_translations(loc, locale_dir=locale_dir) for loc in LOCALES}

    def translator(self, locale: str) -> Callable[..., str]:
        t = self._t.get(locale, self._t[self.default])

        def _(message: str, **params: object) -> str:
            text = t.gettext(message)
            return text % params if params else text

        return _


def negotiate(
    *,
    query: str | None,
    chosen: str | None,
    user_locale: str | None,
    accept_language: str | None,
    default: str = DEFAULT_LOCALE,
) -> str:
    """?lang= beats the language chosen this session, then the user's own, then the browser's."""
    for candidate in (query, chosen, user_locale):
        if candidate in LOCALES:
            return candidate
    best = _from_accept_language(accept_language or "")
    return best or default


def _from_accept_language(header: str) -> str | None:
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        piece = part.strip()
        if not piece:
            continue
        lang, _, params = piece.partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = lang.strip().lower().split("-")[0]
        if primary in LOCALES and q > 0:
            ranked.append((-q, i, primary))
    return min(ranked)[2] if ranked else None


def error_reason(exc: LoaError, locale: str) -> str:
    """A domain error as one sentence in the reader's language."""
    return exc.reason_vi if locale == "vi" else exc.reason

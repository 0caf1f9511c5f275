"""Text rewritten in passes that remembers, for every piece, the written span it came from.

`tts.normalize` rewrites a script with a series of regex substitutions. `TrackedText.sub`
does what `re.sub` does and also keeps a list of pieces: text copied from the script
(aligned character by character with it) and replacements (each tied to the written span
it replaced, and, when it is a reading, to an `Expansion` kind). At the end the pieces give
`NormalizedText`: the spoken text, every expansion with its span on both sides, and the
warnings the passes raised.

Rules that keep the spans meaningful:

* a replacement is trimmed to what it changes, at word edges: "tháng 4" → "tháng tư" is an
  expansion of "4" into "tư"; spaces a pass adds around its words are fillers, not part of
  any expansion;
* an expansion is atomic: a later rewrite that touches part of it takes all of it, so a
  written span is never split between two expansions;
* a rewrite with no kind (spacing, punctuation) that touches an expansion stays inside it.

Pure and standard-library only; the result is plain data (`to_json`).
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass

__all__ = ["Expansion", "NormalizationWarning", "NormalizedText", "TrackedText"]

KINDS: tuple[str, ...] = (
    "number", "date", "time", "abbreviation", "lexicon", "roman", "unit", "phone", "plate",
    "email", "url", "range", "fraction", "typography", "legal", "money", "spelling",
)  # fmt: skip


@dataclass(frozen=True)
class Expansion:
    """One reading: `written` (script[written_start:written_end]) is said as `spoken`
    (spoken_text[spoken_start:spoken_end]). Spans are Python string offsets (code points)."""

    kind: str
    written: str
    spoken: str
    written_start: int
    written_end: int
    spoken_start: int
    spoken_end: int


@dataclass(frozen=True)
class NormalizationWarning:
    """A span the normalizer could not read with confidence: the author should check it."""

    written: str
    written_start: int
    written_end: int
    reason_vi: str
    reason_en: str


@dataclass(frozen=True)
class NormalizedText:
    """The result of `tts.normalize.normalize_with_report`."""

    written: str
    spoken: str
    region: str
    expansions: tuple[Expansion, ...] = ()
    warnings: tuple[NormalizationWarning, ...] = ()
    version: int = 1

    def to_dict(self) -> dict:
        data = asdict(self)
        data["expansions"] = [asdict(e) for e in self.expansions]
        data["warnings"] = [asdict(w) for w in self.warnings]
        return data

    def to_json(self, **kwargs) -> str:
        """JSON for the panel: {"version", "written", "spoken", "region", "expansions":
        [...], "warnings": [...]}; non-ASCII kept as is unless ensure_ascii=True is passed."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)


@dataclass(frozen=True)
class Out:
    """What a substitution callback may return instead of a plain str: text with its kind
    (None for formatting that is no reading of its own)."""

    text: str
    kind: str | None


@dataclass
class _Piece:
    text: str
    start: int  # span in the written script
    end: int
    exp: int | None = None  # id of the expansion this piece is

    @property
    def verbatim(self) -> bool:
        return self.exp is None and len(self.text) == self.end - self.start


@dataclass
class _Edit:
    start: int
    end: int
    text: str
    kind: str | None


def _edge(old: str, q: int) -> bool:
    """Whether position q of old is a word edge (a place a replacement may be cut)."""
    if q <= 0 or q >= len(old):
        return True
    a, b = old[q - 1], old[q]
    return a.isspace() or b.isspace() or a.isalnum() != b.isalnum()


def _trim(old: str, new: str) -> tuple[int, int]:
    """(prefix, suffix) lengths shared by old and new, cut back to word edges."""
    limit = min(len(old), len(new))
    p = 0
    while p < limit and old[p] == new[p]:
        p += 1
    while p > 0 and not _edge(old, p):
        p -= 1
    s = 0
    while s < limit - p and old[-1 - s] == new[-1 - s]:
        s += 1
    while s > 0 and not _edge(old, len(old) - s):
        s -= 1
    return p, s


class TrackedText:
    """A string under rewriting, with the written span and kind of every piece."""

    def __init__(self, written: str, pieces: list[_Piece] | None = None) -> None:
        self.written = written
        self._pieces = pieces if pieces is not None else [_Piece(written, 0, len(written))]
        self._kinds: dict[int, str] = {}
        self._next_id = 0
        self.warnings: list[NormalizationWarning] = []
        self._warned: set[tuple[int, int, str]] = set()
        self._reindex()

    @classmethod
    def prepared(cls, written: str, prepare_char: Callable[[str], str]) -> TrackedText:
        """Pieces for `written` after per-character clean-up and NFC, still aligned.

        `prepare_char` maps one character to its replacement ("" drops it). NFC is applied
        per cluster (a base and its combining marks) so most text stays verbatim; if that
        ever differs from NFC of the whole, the whole script becomes one piece.
        """
        pieces: list[_Piece] = []
        i, n = 0, len(written)
        verbatim_from = 0

        def flush(upto: int) -> None:
            if upto > verbatim_from:
                pieces.append(_Piece(written[verbatim_from:upto], verbatim_from, upto))

        while i < n:
            j = i + 1
            if written[i] == "\r" and j < n and written[j] == "\n":
                j += 1
            else:
                while j < n and unicodedata.combining(written[j]):
                    j += 1
            cluster = written[i:j]
            cleaned = "\n" if cluster == "\r\n" else "".join(prepare_char(c) for c in cluster)
            cleaned = unicodedata.normalize("NFC", cleaned)
            if cleaned != cluster:
                flush(i)
                pieces.append(_Piece(cleaned, i, j))
                verbatim_from = j
            i = j
        flush(n)
        tracked = cls(written, pieces)
        return tracked

    # --- reading ------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    def _reindex(self) -> None:
        self._text = "".join(p.text for p in self._pieces)
        self._offsets = []
        pos = 0
        for p in self._pieces:
            self._offsets.append(pos)
            pos += len(p.text)

    def _piece_at(self, pos: int) -> int:
        """Index of the piece holding text position pos (the last one for pos == len)."""
        return max(0, bisect.bisect_right(self._offsets, pos) - 1)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The written span behind text[start:end] (an empty span for inserted text)."""
        if not self._pieces:
            return (0, 0)
        lo, hi = None, None
        k = self._piece_at(start)
        while k < len(self._pieces):
            p, off = self._pieces[k], self._offsets[k]
            if off >= end and (lo is not None or off > start):
                break
            a, b = max(start, off), min(end, off + len(p.text))
            if b > a or (start == end and a == b):
                if p.verbatim:
                    s, e = p.start + a - off, p.start + b - off
                else:
                    s, e = p.start, p.end
                lo = s if lo is None else min(lo, s)
                hi = e if hi is None else max(hi, e)
            if off + len(p.text) >= end:
                break
            k += 1
        if lo is None:
            p, off = self._pieces[k], self._offsets[k]
            at = p.start + (min(start - off, len(p.text)) if p.verbatim else 0)
            return (at, at)
        assert hi is not None  # set together with lo
        return (lo, hi)

    def warn(self, start: int, end: int, detail_vi: str, detail_en: str) -> None:
        """Record that text[start:end] (positions in the current text) is uncertain.

        The reasons read "Không chắc cách đọc: “7g” (detail_vi)" / "Unsure how to read
        “7g” (detail_en)", with the written text of the span.
        """
        s, e = self.source_span(start, end)
        written = self.written[s:e].strip() or self._text[start:end]
        key = (s, e, detail_en)
        if key in self._warned:
            return
        self._warned.add(key)
        self.warnings.append(
            NormalizationWarning(
                written=written, written_start=s, written_end=e,
                reason_vi=f"Không chắc cách đọc: “{written}” ({detail_vi})",
                reason_en=f"Unsure how to read “{written}” ({detail_en})",
            )
        )  # fmt: skip

    # --- rewriting ----------------------------------------------------------------------

    def sub(
        self,
        pattern: re.Pattern[str],
        repl: Callable[[re.Match[str]], str | Out | None] | str,
        kind: str | None = None,
    ) -> None:
        """Like `pattern.sub(repl, text)`; each replacement becomes a piece of `kind`.

        `repl` may return a str (of `kind`), an `Out` (its own kind) or None (no change).
        A str `repl` is expanded with `Match.expand`.
        """
        text = self._text
        edits: list[_Edit] = []
        for m in pattern.finditer(text):
            out = m.expand(repl) if isinstance(repl, str) else repl(m)
            if out is None:
                continue
            new, k = (out.text, out.kind) if isinstance(out, Out) else (out, kind)
            old = m[0]
            if new == old:
                continue
            p, s = _trim(old, new)
            edits.append(_Edit(m.start() + p, m.end() - s, new[p : len(new) - s], k))
        if edits:
            self._apply(edits)

    def _apply(self, edits: list[_Edit]) -> None:
        text, pieces, offsets = self._text, self._pieces, self._offsets
        # Widen each edit to the whole of any non-verbatim piece it touches (expansions are
        # atomic), then group edits whose widened ranges overlap into one.
        groups: list[tuple[int, int, list[_Edit]]] = []
        for e in edits:
            start, end = e.start, e.end
            if pieces:
                k = self._piece_at(start)
                p, off = pieces[k], offsets[k]
                if not p.verbatim and off < start:
                    start = off
                if end > start:
                    k = self._piece_at(end - 1)
                    p, off = pieces[k], offsets[k]
                    if not p.verbatim and off + len(p.text) > end:
                        end = off + len(p.text)
            if groups and start < groups[-1][1]:
                g_start, g_end, members = groups[-1]
                groups[-1] = (g_start, max(g_end, end), [*members, e])
            else:
                groups.append((start, end, [e]))

        new_pieces: list[_Piece] = []
        idx = 0
        cursor = 0

        def copy_until(upto: int) -> None:
            nonlocal idx, cursor
            while idx < len(pieces):
                p, off = pieces[idx], offsets[idx]
                end = off + len(p.text)
                if not p.text:
                    if off < cursor:
                        idx += 1
                        continue
                    if off > upto:
                        break
                    new_pieces.append(_Piece("", p.start, p.end, p.exp))
                    idx += 1
                    continue
                if end <= cursor:
                    idx += 1
                    continue
                if off >= upto:
                    break
                a, b = max(cursor, off), min(upto, end)
                if p.verbatim:
                    new_pieces.append(
                        _Piece(p.text[a - off : b - off], p.start + a - off, p.start + b - off)
                    )
                else:
                    new_pieces.append(_Piece(p.text, p.start, p.end, p.exp))
                    b = end
                cursor = b
                if b < end:
                    break
                idx += 1
            cursor = max(cursor, upto)

        for g_start, g_end, members in groups:
            copy_until(g_start)
            body, pos = "", g_start
            kind: str | None = None
            for e in members:
                body += text[pos : e.start] + e.text
                pos = e.end
                kind = kind or e.kind
            body += text[pos:g_end]
            self._emit(new_pieces, g_start, g_end, body, kind)
            cursor = g_end
        copy_until(len(text))
        self._pieces = new_pieces
        self._reindex()

    def _emit(self, out: list[_Piece], start: int, end: int, body: str, kind: str | None) -> None:
        src = self.source_span(start, end)
        exp = self._new_exp(kind) if kind is not None else self._inherited(start, end)
        core = body.strip()
        if not core:
            if body:
                # Only spaces: a filler where a pass padded, or what a deletion leaves.
                out.append(_Piece(body, src[0], src[1]))
            elif end > start and kind is not None:
                # A deletion that is a reading of its own ("(MTTQ)" after its expansion).
                out.append(_Piece("", src[0], src[1], exp))
            return
        lead = body[: len(body) - len(body.lstrip())]
        trail = body[len(body.rstrip()) :]
        if lead:
            out.append(_Piece(lead, src[0], src[0]))
        out.append(_Piece(core, src[0], src[1], exp))
        if trail:
            out.append(_Piece(trail, src[1], src[1]))

    def _inherited(self, start: int, end: int) -> int | None:
        if end <= start:
            return None
        k = self._piece_at(start)
        while k < len(self._pieces) and self._offsets[k] < end:
            if self._pieces[k].exp is not None:
                return self._pieces[k].exp
            k += 1
        return None

    def _new_exp(self, kind: str) -> int:
        self._next_id += 1
        self._kinds[self._next_id] = kind
        return self._next_id

    def expansions(self) -> tuple[Expansion, ...]:
        out: list[Expansion] = []
        for p, off in zip(self._pieces, self._offsets, strict=True):
            if p.exp is None:
                continue
            written = self.written[p.start : p.end]
            if written == p.text:
                continue
            out.append(
                Expansion(
                    kind=self._kinds[p.exp], written=written, spoken=p.text,
                    written_start=p.start, written_end=p.end,
                    spoken_start=off, spoken_end=off + len(p.text),
                )
            )  # fmt: skip
        return tuple(out)

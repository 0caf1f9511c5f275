"""What a text script will be said as, shaped for the eye: the written text and the spoken text
cut into segments with every reading of the normalizer (tts.normalize's report) marked on both
sides and paired by number, and its warnings grouped, in both languages.

The author sees it under the text before submitting (the form's preview and the script page),
the reviewer beside the render on the review page. The region is the script's voice's and the
lexicon the one renders use (``merged_lexicon``), so what is shown is what is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session

from content_library.emergency import Builtin
from content_library.models import ScriptVersion
from tts.lexicon import DEFAULT_LEXICON
from tts.normalize import NormalizationError, normalize_with_report
from tts.tracked import NormalizedText
from web.i18n import N_
from web.services.render import merged_lexicon

# The kinds of tts.tracked.KINDS, as a reviewer would name them (translated in templates).
KIND_MSGIDS = {
    "number": N_("a number"),
    "date": N_("a date"),
    "time": N_("a time of day"),
    "range": N_("a range"),
    "fraction": N_("a fraction"),
    "money": N_("an amount of money"),
    "unit": N_("a measure and its unit"),
    "phone": N_("a phone number"),
    "legal": N_("a document reference"),
    "roman": N_("a Roman numeral"),
    "abbreviation": N_("an abbreviation"),
    "lexicon": N_("a lexicon entry"),
    "spelling": N_("spelled out letter by letter"),
    "plate": N_("a vehicle plate"),
    "email": N_("an e-mail address"),
    "url": N_("a web address"),
    "typography": N_("punctuation or a list mark"),
}


@dataclass(frozen=True)
class Segment:
    """A piece of one side. ``kind`` is None for text read as written; otherwise ``n`` numbers
    the reading (the same on both sides) and ``other`` is the other side's text of it (what is
    said, on the written side; what was written, on the spoken side). ``warned``: the reader is
    unsure of this piece."""

    text: str
    kind: str | None = None
    n: int | None = None
    other: str = ""
    warned: bool = False

    @property
    def label(self) -> str:
        return KIND_MSGIDS.get(self.kind or "", self.kind or "")


@dataclass(frozen=True)
class SpeechWarning:
    """One reason the reader gave, with how often it came up (the same acronym ten times is
    one line)."""

    written: str
    reason_vi: str
    reason_en: str
    count: int = 1


@dataclass(frozen=True)
class Speech:
    region: str
    written: tuple[Segment, ...] = ()
    spoken: tuple[Segment, ...] = ()
    warnings: tuple[SpeechWarning, ...] = ()
    kinds: tuple[str, ...] = ()  # the kinds present, in order of first appearance (the legend)
    error_vi: str = ""  # nothing readable is left (the normalizer refused the text)
    error_en: str = ""

    @property
    def error(self) -> bool:
        return bool(self.error_vi or self.error_en)

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(kind, msgid) of each kind present."""
        return [(k, KIND_MSGIDS.get(k, k)) for k in self.kinds]


def speech_view(text: str, *, region: str, lexicon: Mapping[str, str]) -> Speech:
    """The display model of ``text`` read in ``region`` with ``lexicon``."""
    try:
        report = normalize_with_report(text, region=region, lexicon=lexicon)
    except NormalizationError as exc:
        return Speech(region=region, error_vi=exc.reason_vi, error_en=str(exc))
    return from_report(report)


def speech_for(session: Session, text: str, *, region: str) -> Speech:
    """``text`` as a render made now would read it (the panel's lexicon)."""
    return speech_view(text, region=region, lexicon=merged_lexicon(session))


def speech_of(session: Session, version: ScriptVersion) -> Speech | None:
    """The display model of a version, or None when it has no text to read (a recording: its
    text is only a note, never read)."""
    if version.kind != "text" or not (version.text or "").strip():
        return None
    return speech_for(session, version.text or "", region=version.voice_region or "north")


def from_report(report: NormalizedText) -> Speech:
    warned = [(w.written_start, w.written_end) for w in report.warnings]
    written: list[Segment] = []
    spoken: list[Segment] = []
    kinds: list[str] = []
    wpos = spos = 0
    for n, e in enumerate(report.expansions, 1):
        flagged = any(_overlaps(e.written_start, e.written_end, a, b) for a, b in warned)
        written += _plain(report.written, wpos, e.written_start, warned)
        written.append(
            Segment(report.written[e.written_start : e.written_end], e.kind, n, e.spoken, flagged)
        )
        wpos = e.written_end
        if e.spoken_end > e.spoken_start:  # a deletion (a bullet) has nothing on the spoken side
            if e.spoken_start > spos:
                spoken.append(Segment(report.spoken[spos : e.spoken_start]))
            spoken.append(
                Segment(report.spoken[e.spoken_start : e.spoken_end], e.kind, n, e.written, flagged)
            )
            spos = e.spoken_end
        if e.kind not in kinds:
            kinds.append(e.kind)
    written += _plain(report.written, wpos, len(report.written), warned)
    if spos < len(report.spoken):
        spoken.append(Segment(report.spoken[spos:]))
    return Speech(
        region=report.region,
        written=tuple(written),
        spoken=tuple(spoken),
        warnings=_grouped(report),
        kinds=tuple(kinds),
    )


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    """Whether [a, b) and the warning [c, d) share a character (an empty warning: its place)."""
    return a < d and c < b if c < d else a <= c < b


def _plain(text: str, start: int, end: int, warned: list[tuple[int, int]]) -> list[Segment]:
    """text[start:end], read as written, cut where a warning covers part of it."""
    out: list[Segment] = []
    pos = start
    for a, b in sorted(warned):
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        if a > pos:
            out.append(Segment(text[pos:a]))
        out.append(Segment(text[a:b], warned=True))
        pos = b
    if pos < end:
        out.append(Segment(text[pos:end]))
    return out


def _grouped(report: NormalizedText) -> tuple[SpeechWarning, ...]:
    seen: dict[tuple[str, str], SpeechWarning] = {}
    for w in report.warnings:
        key = (w.reason_vi, w.reason_en)
        prev = seen.get(key)
        seen[key] = SpeechWarning(
            w.written, w.reason_vi, w.reason_en, prev.count + 1 if prev else 1
        )
    return tuple(seen.values())


def builtin_readings() -> Builtin:
    """The built-in readings of the tts code this panel runs (its lexicon, curated
    abbreviations and legal codes), which an emergency template's approval is bound to
    (docs/security.md 35): the emergency pages and the review queue hold templates to them.
    Built on each call (a few hundred rows) from the modules' current data, which tests
    replace as an upgrade would."""
    from tts import abbreviations
    from tts.lexicon import LEGAL_DOC_TYPES, LEGAL_ISSUERS

    return Builtin.from_data(
        lexicon=DEFAULT_LEXICON,
        abbreviations=abbreviations.curated(),
        codes=(LEGAL_DOC_TYPES, LEGAL_ISSUERS),
    )

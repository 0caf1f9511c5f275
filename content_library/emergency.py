"""Emergencies (khẩn cấp, issue 15): templates approved once, filled and issued in seconds.

Three paths, one bundle format:

- **Templates** (mẫu tin khẩn cấp): text with typed, bounded slots (``{bao}``, ``{gio}``…)
  written by an author or issuer and approved once by a reviewer of its area. The approval
  is bound to ``fingerprint``: the exact text, slot definitions, reading region, the
  voice (engine, voice name) pinned at approval, and how its own words are read: the stored
  lexicon entry or the built-in reading (tts' lexicon and curated abbreviations, passed in as
  ``Builtin``) that wins for each term they use (``reading_fingerprint``; docs/security.md
  34, 35). Filling it needs no second approval: each slot is typed and bounded
  (``parse_slot``), none takes free text, and the filled text is rendered with the pinned
  voice and the lexicon the approval was checked against. A lexicon edit that changes how
  its words or the places it may name are read (``lexicon_edited``), or an upgrade that does
  (``recheck_builtin``), sends it back for approval; the reviewers find it on their review
  queue with the reason (``templates_to_review``).
- **Free text**: one person writes it (its audio is rendered at once), a second person with
  the reviewer or issuer role over every chosen area listens and approves (four-eyes); only
  then is it issued.
- **Issue / stop**: ONE signed bundle per emergency (``protocol.manifest.Emergency``), for
  every unit in the chosen areas' subtrees, numbered from its own counter (the
  ``SequenceCounter`` row ``emergency``), written under a temporary name and moved into
  place when the transaction commits; then the push notice goes out (``announce``). A stop
  is a second bundle with the same emergency id and no items.

Units list, fetch and confirm through ``web/routes/sync.py`` (docs/sync-protocol.md). Like
``services``, nothing here commits: the caller commits once per unit of work. Rendering is
the caller's port (``EmergencyRenderer``): this package imports no ``tts``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from content_library import access, services, validation
from content_library.assets import AssetStore, register_file
from content_library.emergency_models import (
    Emergency,
    EmergencyBundle,
    EmergencyConfirmation,
    EmergencyState,
    EmergencyTemplate,
    TemplateState,
)
from content_library.errors import NotFound, PermissionDenied, ValidationError, WorkflowError
from content_library.models import Area, AuditEvent, LexiconEntry, SyncFlag, Unit, User
from content_library.publishing import Reported, highest_reported, take_sequence
from content_library.signing import key_id
from content_library.types import CLOCK_WINDOW_S, HO_CHI_MINH, Priority, Region, Role
from protocol.bundle import build_bundle
from protocol.canonical import canonical_json
from protocol.manifest import (
    EMERGENCY_MAX_GAP_S,
    EMERGENCY_MAX_REPEATS,
    Approval,
    BundleItem,
    Manifest,
    Target,
)
from protocol.manifest import Emergency as EmergencyField

log = logging.getLogger(__name__)

SEQUENCE = "emergency"  # the SequenceCounter row of emergency bundles
MAX_TEMPLATE_CHARS = 2000
MAX_FREE_TEXT_CHARS = 3000
MAX_SLOTS = 12
MAX_CHOICES = 12
MAX_EXPIRES_MIN = 24 * 60
MAX_AREAS = 50
TOPIC = "THIEN-TAI"
CONFIRM_STATES = ("started", "finished", "failed", "stopped")
PLAYED_STATES = frozenset({"started", "finished"})

TEMPLATE_TEXT = validation.TextField(
    "text", "the template text", "Nội dung mẫu", MAX_TEMPLATE_CHARS, multiline=True
)
FREE_TEXT = validation.TextField(
    "text", "the emergency text", "Nội dung tin khẩn cấp", MAX_FREE_TEXT_CHARS, multiline=True
)
TEMPLATE_NAME = validation.TextField("name", "the template name", "Tên mẫu", 200)
SLOT_LABEL = validation.TextField("slots", "the slot label", "Nhãn ô điền", 100)
CHOICE = validation.TextField("slots", "the choice", "Lựa chọn", 100)

try:
    from zoneinfo import ZoneInfo

    _TZ: Any = ZoneInfo(HO_CHI_MINH)
except Exception:  # pragma: no cover - tzdata is a dependency
    _TZ = UTC


# --- slots -----------------------------------------------------------------------------------

_SLOT_NAME = re.compile(r"[a-z][a-z0-9_]{0,29}")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class SlotType:
    code: str
    label_en: str
    label_vi: str


SLOT_TYPES: dict[str, SlotType] = {
    t.code: t
    for t in (
        SlotType("storm", "storm number (1–99)", "số hiệu bão (1–99)"),
        SlotType("wind", "wind level (Beaufort 1–17, gusts)", "cấp gió (1–17, giật cấp)"),
        SlotType("water", "water level in m (−10 to 50)", "mực nước, mét (−10 đến 50)"),
        SlotType("time", "time of day (HH:MM)", "giờ (HH:MM)"),
        SlotType("date", "date (within a year)", "ngày (trong vòng một năm)"),
        SlotType("place", "a place in the area tree", "địa danh trong cây địa bàn"),
        SlotType("choice", "one of a fixed list", "một lựa chọn trong danh sách cố định"),
    )
}


def _bad_slot(spec: Mapping[str, Any], en: str, vi: str) -> ValidationError:
    label = spec.get("label") or spec.get("name", "")
    return ValidationError(
        f"slot “{label}”: {en}",
        f"Ô “{label}”: {vi}",
        field=f"slot_{spec.get('name', '')}",
        code="bad_slot",
    )


def check_slot_specs(text: str, specs: Any) -> list[dict[str, Any]]:
    """The template's slot definitions, checked against its text: every ``{name}`` has a
    definition and every definition is used; no other brace in the text."""
    if not isinstance(specs, list) or not specs:
        raise ValidationError(
            "a template needs at least one slot",
            "Mẫu cần ít nhất một ô điền (ví dụ {bao}).",
            field="slots",
        )
    if len(specs) > MAX_SLOTS:
        raise ValidationError(
            f"at most {MAX_SLOTS} slots",
            f"Mẫu có tối đa {MAX_SLOTS} ô điền.",
            field="slots",
        )
    out: list[dict[str, Any]] = []
    names: set[str] = set()
    for raw in specs:
        if not isinstance(raw, Mapping):
            raise ValidationError("a slot must be an object", "Ô điền sai dạng.", field="slots")
        name = raw.get("name")
        if not isinstance(name, str) or not _SLOT_NAME.fullmatch(name):
            raise ValidationError(
                f"bad slot name {str(name)[:40]!r} (a–z, 0–9, _)",
                f"Tên ô điền “{str(name)[:40]}” không hợp lệ (chỉ a–z, 0–9, _; bắt đầu bằng chữ).",
                field="slots",
            )
        if name in names:
            raise ValidationError(
                f"slot {name} defined twice", f"Ô “{name}” được khai báo hai lần.", field="slots"
            )
        names.add(name)
        kind = raw.get("type")
        if kind not in SLOT_TYPES:
            known = ", ".join(SLOT_TYPES)
            raise ValidationError(
                f"slot {name}: unknown type {str(kind)[:20]!r} (one of {known})",
                f"Ô “{name}”: loại “{str(kind)[:20]}” không có (chọn một trong: {known}).",
                field="slots",
            )
        label = validation.clean_text(raw.get("label") or name, SLOT_LABEL)
        spec: dict[str, Any] = {"name": name, "type": kind, "label": label}
        if kind == "choice":
            options = raw.get("options")
            if not isinstance(options, list) or not 2 <= len(options) <= MAX_CHOICES:
                raise ValidationError(
                    f"slot {name}: a choice needs 2 to {MAX_CHOICES} options",
                    f"Ô “{label}”: cần từ 2 đến {MAX_CHOICES} lựa chọn.",
                    field="slots",
                )
            cleaned = [validation.clean_text(o, CHOICE) for o in options]
            if any(ch in o for o in cleaned for ch in "{}|;"):
                raise ValidationError(
                    f"slot {name}: an option may not contain {{ }} | ;",
                    f"Ô “{label}”: lựa chọn không được chứa {{ }} | ;",
                    field="slots",
                )
            if len(set(cleaned)) != len(cleaned):
                raise ValidationError(
                    f"slot {name}: an option is listed twice",
                    f"Ô “{label}”: có lựa chọn bị trùng.",
                    field="slots",
                )
            spec["options"] = cleaned
        elif raw.get("options"):
            raise ValidationError(
                f"slot {name}: only a choice has options",
                f"Ô “{label}”: chỉ loại “choice” mới có danh sách lựa chọn.",
                field="slots",
            )
        out.append(spec)
    used = _placeholders(text)
    missing = sorted(set(used) - names)
    if missing:
        raise ValidationError(
            f"the text uses {{{missing[0]}}} but no slot defines it",
            f"Nội dung dùng {{{missing[0]}}} nhưng chưa khai báo ô điền này.",
            field="slots",
        )
    unused = sorted(names - set(used))
    if unused:
        raise ValidationError(
            f"slot {unused[0]} is defined but not used in the text",
            f"Ô “{unused[0]}” được khai báo nhưng không có trong nội dung.",
            field="slots",
        )
    return out


def _placeholders(text: str) -> list[str]:
    """The slot names in ``text``; refuses a lone or nested brace."""
    names = _PLACEHOLDER.findall(text)
    stripped = _PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped or any(not _SLOT_NAME.fullmatch(n) for n in names):
        raise ValidationError(
            "the text has a brace that is not a slot like {name}",
            "Nội dung có dấu ngoặc nhọn không phải ô điền dạng {ten_o}.",
            field="text",
        )
    return names


def parse_slot_lines(lines: str) -> list[dict[str, Any]]:
    """The form's slot definitions, one a line: ``name | type | label | option; option``."""
    specs: list[dict[str, Any]] = []
    for raw in (lines or "").replace("\r\n", "\n").split("\n"):
        line = unicodedata.normalize("NFC", raw).strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 2 or len(parts) > 4:
            raise ValidationError(
                f"slot line {line[:60]!r}: expected name | type | label | options",
                f"Dòng “{line[:60]}”: cần dạng tên | loại | nhãn | lựa chọn; lựa chọn.",
                field="slots",
            )
        spec: dict[str, Any] = {"name": parts[0], "type": parts[1]}
        if len(parts) > 2:
            spec["label"] = parts[2]
        if len(parts) > 3:
            spec["options"] = [o.strip() for o in parts[3].split(";") if o.strip()]
        specs.append(spec)
    return specs


def slot_lines(specs: Iterable[Mapping[str, Any]]) -> str:
    """The inverse of ``parse_slot_lines`` (to show a template's slots in a form)."""
    out = []
    for s in specs:
        parts = [s["name"], s["type"], s.get("label", "")]
        if s.get("options"):
            parts.append("; ".join(s["options"]))
        out.append(" | ".join(parts))
    return "\n".join(out)


def _int_in(spec: Mapping[str, Any], value: Any, lo: int, hi: int, what_vi: str) -> int:
    if isinstance(value, bool):
        value = None
    if isinstance(value, str):
        value = value.strip()
        value = int(value) if re.fullmatch(r"[0-9]{1,3}", value) else None
    if not isinstance(value, int) or not lo <= value <= hi:
        raise _bad_slot(
            spec,
            f"expected a whole number from {lo} to {hi}",
            f"{what_vi} phải là số nguyên từ {lo} đến {hi}.",
        )
    return value


def parse_slot(
    spec: Mapping[str, Any],
    value: Any,
    *,
    today: date,
    places: Mapping[int, str],
) -> tuple[Any, str]:
    """(the stored value, the text that goes into the template) for one slot, or a
    ValidationError naming the slot with a Vietnamese sentence. ``places``: the areas a place
    slot may name (id → name)."""
    kind = spec["type"]
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _bad_slot(spec, "is empty", "chưa điền.")
    if kind == "storm":
        n = _int_in(spec, value, 1, 99, "Số hiệu bão")
        return n, str(n)
    if kind == "wind":
        level, gust = value, None
        if isinstance(value, Mapping):
            level, gust = value.get("level"), value.get("gust")
        elif isinstance(value, str) and "/" in value:
            level, gust = value.split("/", 1)
        lv = _int_in(spec, level, 1, 17, "Cấp gió")
        if gust is None or (isinstance(gust, str) and not gust.strip()):
            return {"level": lv}, f"cấp {lv}"
        gv = _int_in(spec, gust, 1, 17, "Cấp gió giật")
        if gv < lv:
            raise _bad_slot(
                spec,
                "gusts cannot be below the wind level",
                f"gió giật (cấp {gv}) không thể nhỏ hơn cấp gió (cấp {lv}).",
            )
        return {"level": lv, "gust": gv}, f"cấp {lv}, giật cấp {gv}"
    if kind == "water":
        try:
            text = str(value).strip().replace(",", ".") if not isinstance(value, bool) else "x"
            if not re.fullmatch(r"-?[0-9]{1,2}(\.[0-9]{1,2})?", text):
                raise InvalidOperation
            amount = Decimal(text)
        except (InvalidOperation, ValueError):
            raise _bad_slot(
                spec,
                "expected metres like 2.5 (at most two decimals)",
                "mực nước phải là số mét, ví dụ 2,5 (tối đa hai chữ số thập phân).",
            ) from None
        if not Decimal(-10) <= amount <= Decimal(50):
            raise _bad_slot(spec, "must be from −10 to 50 m", "mực nước phải từ −10 đến 50 mét.")
        shown = format(amount.normalize(), "f").replace(".", ",")
        return format(amount, "f"), f"{shown} m"
    if kind == "time":
        m = re.fullmatch(r"([01]?[0-9]|2[0-3])[:hH]([0-5][0-9])", str(value).strip())
        if not m or isinstance(value, bool):
            raise _bad_slot(spec, "expected a time HH:MM", "giờ phải có dạng GG:PP, ví dụ 14:30.")
        hh, mm = int(m.group(1)), int(m.group(2))
        return f"{hh:02d}:{mm:02d}", f"{hh}:{mm:02d}"
    if kind == "date":
        raw = str(value).strip()
        parsed: date | None = None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                parsed = datetime.strptime(raw, fmt).date()
                break
            except ValueError:
                continue
        if parsed is None or isinstance(value, bool):
            raise _bad_slot(
                spec, "expected a date", "ngày phải có dạng NN/TT/NNNN, ví dụ 15/10/2026."
            )
        if not today - timedelta(days=30) <= parsed <= today + timedelta(days=366):
            raise _bad_slot(
                spec,
                "must lie within a month before and a year after today",
                "ngày phải trong khoảng từ 30 ngày trước đến một năm sau hôm nay.",
            )
        return parsed.isoformat(), parsed.strftime("%d/%m/%Y")
    if kind == "place":
        area_id = value
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 12:
            area_id = int(value.strip())
        if isinstance(area_id, bool) or not isinstance(area_id, int) or area_id not in places:
            raise _bad_slot(
                spec,
                "choose a place of the template's area",
                "hãy chọn một địa danh thuộc địa bàn của mẫu.",
            )
        return area_id, places[area_id]
    if kind == "choice":
        picked = unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else None
        if picked is None or picked not in spec["options"]:
            raise _bad_slot(
                spec,
                "choose one of the listed options",
                "hãy chọn một trong các lựa chọn có sẵn: " + " / ".join(spec["options"]) + ".",
            )
        return picked, picked
    raise _bad_slot(spec, "unknown slot type", "loại ô không có.")  # pragma: no cover


def fill_text(
    template: EmergencyTemplate,
    values: Mapping[str, Any],
    *,
    now: datetime,
    places: Mapping[int, str],
) -> tuple[str, dict[str, Any]]:
    """The filled text (NFC) and the stored slot values; refuses an unknown or missing slot."""
    if not isinstance(values, Mapping):
        raise ValidationError("slots must be an object", "Các ô điền sai dạng.", field="slots")
    specs = {s["name"]: s for s in template.slots}
    unknown = sorted(set(values) - set(specs))
    if unknown:
        raise ValidationError(
            f"the template has no slot {str(unknown[0])[:40]}",
            f"Mẫu không có ô “{str(unknown[0])[:40]}”.",
            field="slots",
            code="bad_slot",
        )
    today = now.astimezone(_TZ).date()
    stored: dict[str, Any] = {}
    shown: dict[str, str] = {}
    for name, spec in specs.items():
        stored[name], shown[name] = parse_slot(spec, values.get(name), today=today, places=places)
    text = _PLACEHOLDER.sub(lambda m: shown[m.group(1)], template.text)
    return unicodedata.normalize("NFC", text), stored


# --- the port to the renderer ------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedAudio:
    wav_path: Path  # a file the renderer wrote; kept in the asset store under its sha256
    duration_s: float
    sample_rate: int


class EmergencyRenderer(Protocol):
    """Renders a filled text with a given voice (the panel's normalizer and TTS)."""

    def voice_for(self, region: str) -> tuple[str, str | None]:
        """The (engine, voice) the panel reads ``region``'s texts with now."""

    def render(
        self,
        session: Session,
        text: str,
        *,
        region: str,
        engine: str,
        voice: str | None,
        lexicon: Mapping[str, str],
    ) -> RenderedAudio:
        """Render ``text`` with exactly this voice (no fallback) and exactly ``lexicon`` (the
        panel's stored entries, ``services.lexicon``, over the renderer's built-in list), or
        raise a LoaError. The lexicon is passed in, not read again: it is the one a template's
        approval was checked against in the same unit of work."""


Announce = Callable[[dict[str, Any], list[int]], None]
"""announce(notice, area_ids): the push publisher, called after the transaction commits."""


@dataclass
class Signer:
    """Where emergency bundles are signed and written (the panel's key and outbox)."""

    signing_key: Callable[[], Any]
    out_dir: Path
    store: AssetStore
    # the audio goes in the bundle as lossless FLAC of the approved WAV (a quarter of the
    # bytes on MQTT); False sends the WAV itself (for units older than FLAC support)
    flac: bool = True

    @classmethod
    def from_publisher(cls, publisher: Any, *, flac: bool = True) -> Signer:
        """From a ``publishing.Publisher`` (the same key, store and outbox as ordinary ones)."""
        return cls(
            signing_key=publisher.signing_key,
            out_dir=publisher.out_dir,
            store=publisher.store,
            flac=flac,
        )


def bundle_path(out_dir: str | os.PathLike[str], bundle_id: str) -> Path:
    return Path(out_dir) / "emergency" / f"{bundle_id}.loa"


# --- fingerprints --------------------------------------------------------------------------------


# What each slot type adds around its value when filled ("cấp 12, giật cấp 14", "2,5 m"): a
# lexicon key may span the template's text and these words ("mạnh cấp").
_SLOT_SAMPLES = {
    "storm": "1",
    "wind": "cấp 1, giật cấp 2",
    "water": "1 m",
    "time": "1:00",
    "date": "01/01/2026",
}
_NUMERIC_SLOTS = frozenset(_SLOT_SAMPLES)


def entries_used(text: str, lexicon: Mapping[str, str]) -> dict[str, str]:
    """The entries of ``lexicon`` whose term occurs in ``text``: an all-capitals term as
    written, any other in any letter case. The rule of ``tts.render.lexicon_entries_used``
    (which binds a script's render; content_library imports no tts): a substring, so a
    superset of what the normalizer, which matches whole words, reads."""
    nfc = unicodedata.normalize("NFC", text)
    folded = nfc.casefold()
    used = {}
    for key, spoken in lexicon.items():
        k = unicodedata.normalize("NFC", str(key))
        if (k in nfc) if k.isupper() else (k.casefold() in folded):
            used[k] = str(spoken)
    return dict(sorted(used.items()))


def reading_surface(
    text: str, slots: Iterable[Mapping[str, Any]], *, places: Iterable[str] = ()
) -> str:
    """Every word a filled template may be read with, as one text to match lexicon terms in:
    its own text (the slots as line breaks), and for each slot each value it may take beside
    that text — a choice's options, ``places`` for a place slot, the words a number, a time or
    a date slot adds around its digits — so a term spanning the text and a value is found."""
    specs = list(slots)
    bare = _PLACEHOLDER.sub("\n", text)
    out = [bare]
    names = list(places)
    for spec in specs:
        kind = spec.get("type")
        if kind == "choice":
            values = list(spec.get("options") or ())
        elif kind == "place":
            values = names
        else:
            values = [_SLOT_SAMPLES.get(str(kind), "")]
        for value in values:
            out.append(_fill_one(text, str(spec.get("name")), str(value)))
    return "\n".join(out)


def _fill_one(text: str, name: str, value: str) -> str:
    """``text`` with slot ``name`` filled with ``value``, every other slot a line break."""
    return _PLACEHOLDER.sub(lambda m: value if m.group(1) == name else "\n", text)


def lexicon_binding(
    text: str, slots: Iterable[Mapping[str, Any]], lexicon: Mapping[str, str]
) -> dict[str, str]:
    """The entries of the panel's stored lexicon (``services.lexicon``) a template's approval
    is bound to: those whose term occurs in its own words — the text, its choices' options, the
    words its slot types add (``reading_surface`` without places: places are areas, which may
    be added after the approval; ``lexicon_edited`` looks at them when the lexicon changes)."""
    return entries_used(reading_surface(text, slots), lexicon)


def template_fingerprint(
    *,
    text: str,
    slots: list[dict[str, Any]],
    region: str,
    engine: str,
    voice: str | None,
    lexicon: Mapping[str, str],
) -> str:
    """An approval given without the built-in readings (``"version": 2``, security review
    14): text, slots, region, voice, and the stored lexicon entries its own words are read
    with (``lexicon_binding``; ``lexicon`` is the whole stored lexicon, ``services.lexicon``).
    Still written by ``approve_template`` when no ``builtin`` is passed (code that cannot
    read tts' data: the demo's seed, tests); the panel binds ``reading_fingerprint``."""
    body = {
        "version": 2,
        "text": text,
        "slots": slots,
        "region": region,
        "engine": engine,
        "voice": voice or "",
        "lexicon": lexicon_binding(text, slots, lexicon),
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()


@dataclass(frozen=True)
class Builtin:
    """What the code itself reads, as plain data (this package imports no tts; the panel
    builds it from ``tts.lexicon`` and ``tts.abbreviations``: ``Builtin.from_data``).

    ``readings``: a term → how it is read when the panel's stored lexicon has no entry for it
    — the built-in lexicon's entry, else the curated abbreviation rows (one row without
    context reads as its expansion; several, or context rules, as one line listing them, so a
    changed rule is a changed reading). ``codes``: the codes read inside a legal reference
    ("NĐ", "CP"), which no stored entry overrides."""

    readings: Mapping[str, str]
    codes: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_data(
        cls,
        *,
        lexicon: Mapping[str, str],
        abbreviations: Mapping[str, Iterable[Any]],
        codes: Iterable[Mapping[str, str]] = (),
    ) -> Builtin:
        """``abbreviations``: term → its rows (``tts.abbreviations.Reading``: ``expansion``,
        ``before`` and ``after`` compiled patterns or None). Only what changes the reading is
        kept: a row's source and its "check" mark (a warning to the author) are not."""
        readings: dict[str, str] = {}
        for term, rows in abbreviations.items():
            parts = []
            for row in rows:
                before = row.before.pattern if row.before is not None else ""
                after = row.after.pattern if row.after is not None else ""
                parts.append(
                    f"{row.expansion} ⟨{before}⟩⟨{after}⟩" if before or after else row.expansion
                )
            if parts:
                readings[_nfc(term)] = " | ".join(parts)
        readings.update({_nfc(k): str(v) for k, v in lexicon.items()})  # it wins over the rows
        joined: dict[str, list[str]] = {}
        for table in codes:
            for k, v in table.items():
                joined.setdefault(_nfc(k), []).append(str(v))
        return cls(readings=readings, codes={k: " | ".join(v) for k, v in joined.items()})


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", str(text))


# A curated key with a dash ("TĐ-KT") is also read where the text has an en dash with spaces
# ("TĐ – KT"): the surface the built-in terms are looked for in has the dashes closed up too.
_DASH = re.compile(r"[^\S\n]*[-–][^\S\n]*")


def readings_binding(
    text: str,
    slots: Iterable[Mapping[str, Any]],
    lexicon: Mapping[str, str],
    builtin: Builtin,
    *,
    places: Iterable[str] = (),
) -> dict[str, dict[str, str]]:
    """What a template's own words (and ``places``, when given) are read with: for every term
    of the stored ``lexicon`` or of ``builtin.readings`` found in them, the reading that wins
    (the stored entry, else the built-in one), and the legal codes found. A stored entry equal
    to the built-in reading binds the same thing as no entry: the words sound the same."""
    surface = reading_surface(text, slots, places=places)
    closed = _DASH.sub("-", surface)
    if closed != surface:
        surface = f"{surface}\n{closed}"
    terms = {**builtin.readings, **{_nfc(k): str(v) for k, v in lexicon.items()}}
    return {
        "readings": entries_used(surface, terms),
        "codes": entries_used(surface, builtin.codes),
    }


def reading_fingerprint(
    *,
    text: str,
    slots: list[dict[str, Any]],
    region: str,
    engine: str,
    voice: str | None,
    lexicon: Mapping[str, str],
    builtin: Builtin,
) -> str:
    """What the panel binds a template's approval to (``"version": 3``, docs/security.md 35):
    text, slots, region, voice, and how each term its own words use is read
    (``readings_binding``) — the stored entry or the built-in reading, whichever wins — not
    which table it comes from. So an upgrade sends back only the templates whose words it
    reads otherwise, and an entry saved equal to what was read before sends back none."""
    body = {
        "version": 3,
        "text": text,
        "slots": slots,
        "region": region,
        "engine": engine,
        "voice": voice or "",
        **readings_binding(text, slots, lexicon, builtin),
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()


def _legacy_fingerprint(
    *, text: str, slots: list[dict[str, Any]], region: str, engine: str, voice: str | None
) -> str:
    """An approval given before the lexicon was part of it (security review 14): bound to the
    text, slots, region and voice. Still honoured, so that an upgrade takes no storm template
    off the air; from the upgrade on, a lexicon edit that reaches its words sends it back for
    approval (``lexicon_edited``), which binds it to the lexicon."""
    body = {"text": text, "slots": slots, "region": region, "engine": engine, "voice": voice or ""}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def is_usable(
    template: EmergencyTemplate, *, lexicon: Mapping[str, str], builtin: Builtin | None = None
) -> bool:
    """Approved, and still bound to exactly what was approved, read with ``lexicon`` (the
    stored lexicon, ``services.lexicon``, the one it would be rendered with) and, for an
    approval that binds them (version 3), the built-in readings ``builtin``. Without
    ``builtin`` such an approval cannot be checked, so it is not usable. An approval of
    version 2 or before is honoured as it is until ``recheck_builtin`` binds it."""
    if template.state != TemplateState.APPROVED or not template.voice_engine:
        return False
    text, slots, region = template.text, list(template.slots), template.voice_region
    engine, voice = template.voice_engine, template.voice_name
    if builtin is not None and template.approval_fingerprint == reading_fingerprint(
        text=text,
        slots=slots,
        region=region,
        engine=engine,
        voice=voice,
        lexicon=lexicon,
        builtin=builtin,
    ):
        return True
    return template.approval_fingerprint in (
        template_fingerprint(
            text=text, slots=slots, region=region, engine=engine, voice=voice, lexicon=lexicon
        ),
        _legacy_fingerprint(text=text, slots=slots, region=region, engine=engine, voice=voice),
    )


def usable_templates(
    session: Session, *, builtin: Builtin | None = None
) -> Callable[[EmergencyTemplate], bool]:
    """``is_usable`` with the stored lexicon read once (for a page that lists templates)."""
    lexicon = services.lexicon(session)
    return lambda template: is_usable(template, lexicon=lexicon, builtin=builtin)


def dropped_approval(session: Session, template: EmergencyTemplate) -> dict[str, Any] | None:
    """Why a template waiting for approval lost its last one (``lexicon_edited``): the audit
    detail of ``emergency_template.approval_dropped`` (``reason``, ``reason_vi``, ``at``), or
    None when it is not waiting or was never approved."""
    if template.state != TemplateState.SUBMITTED or template.id is None:
        return None
    event = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.object_type == "emergency_template",
            AuditEvent.object_id == str(template.id),
            col(AuditEvent.action).in_(
                ("emergency_template.approve", "emergency_template.approval_dropped")
            ),
        )
        .order_by(col(AuditEvent.id).desc())
    ).first()
    if event is None or event.action != "emergency_template.approval_dropped":
        return None
    return {**event.detail, "at": event.at, "actor_id": event.actor_id}


def _approval_record(session: Session, template: EmergencyTemplate) -> dict[str, Any] | None:
    """What the approval ``template`` carries now was given under
    (``EmergencyTemplate.approval_readings``: ``readings``, ``codes``, ``builtin``), or None
    for an approval of version 2 or older."""
    record = template.approval_readings
    if not template.approval_fingerprint or not isinstance(record, dict):
        return None
    if not isinstance(record.get("readings"), dict) or not isinstance(record.get("builtin"), dict):
        return None
    return record


def _stored_before(session: Session, term: str) -> tuple[bool, str | None]:
    """(known, the stored reading of ``term`` before the edit being made): the ``old`` of the
    ``lexicon.set`` / ``lexicon.delete`` audit event ``services`` wrote for it in this unit of
    work (None: there was no stored entry). (False, None) when there is no such event."""
    event = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.object_type == "lexicon",
            AuditEvent.object_id == term,
            col(AuditEvent.action).in_(("lexicon.set", "lexicon.delete")),
        )
        .order_by(col(AuditEvent.id).desc())
    ).first()
    if event is None or "old" not in (event.detail or {}):
        return False, None
    old = event.detail["old"]
    return True, (None if old is None else str(old))


def _drop(
    session: Session,
    template: EmergencyTemplate,
    *,
    actor: User | None,
    now: datetime,
    term: str,
    reason: tuple[str, str],
) -> None:
    """Send an approved template back to waiting for approval, audited with ``reason``
    (``emergency_template.approval_dropped``; ``dropped_approval`` gives it to the template
    page, the review queue and an issue's refusal)."""
    services.audit(
        session,
        actor=actor,
        action="emergency_template.approval_dropped",
        object_type="emergency_template",
        object_id=template.id,
        now=now,
        term=term,
        reason=reason[0],
        reason_vi=reason[1],
        approved_by=template.approved_by,
        approved_at=template.approved_at,
        fingerprint=template.approval_fingerprint,
    )
    template.state = TemplateState.SUBMITTED
    template.approval_fingerprint = None
    template.approval_readings = None
    template.approved_by = template.approved_at = None
    session.add(template)


def lexicon_edited(
    session: Session,
    *,
    term: str,
    actor: User | None,
    now: datetime,
    reason: tuple[str, str],
) -> list[EmergencyTemplate]:
    """The stored lexicon entry ``term`` was saved or deleted (``services.set_lexicon_entry``,
    ``delete_lexicon_entry``, in their unit of work): every approved template that term may be
    read in goes back to waiting for approval, with ``reason`` (English, Vietnamese) in the
    audit log and on its page. Read in: its own words (what its approval is bound to, whatever
    approval it carries), a place it may name (the areas of its subtree now), or — a term with
    a digit — a number, time or date slot. A reviewer approves it again, bound to the new
    lexicon; an issue meanwhile is refused with the reason (``issue_from_template``).

    Unless the term is read as before (docs/security.md 35): for an approval that recorded
    the built-in readings of its words and places (version 3), the reading before the edit
    (the stored entry ``services`` audited as ``old``, else the built-in one) and after it
    (the stored entry now, else the built-in one) are compared; equal, nothing it says
    changed, and it stays approved. An older approval goes back on any edit that reaches it.

    As for scripts (``services.revoke_approvals``), the safe direction: the police approved
    what the template says, and a lexicon entry can make it say the opposite ("sơ tán" →
    "ở yên trong nhà")."""
    term = _nfc(term)
    probe = {term: ""}
    known, before_stored = _stored_before(session, term)
    entry = session.exec(select(LexiconEntry).where(LexiconEntry.term == term)).first()
    after_stored = entry.spoken if entry is not None else None
    dropped = []
    approved = session.exec(
        select(EmergencyTemplate).where(EmergencyTemplate.state == TemplateState.APPROVED)
    ).all()
    for template in approved:
        places = template_places(session, template).values()
        surface = reading_surface(template.text, template.slots, places=places)
        numeric = any(s.get("type") in _NUMERIC_SLOTS for s in template.slots)
        if not entries_used(surface, probe) and not (numeric and any(ch.isdigit() for ch in term)):
            continue
        record = _approval_record(session, template) if known else None
        if record is not None:
            builtin = record["builtin"].get(term)
            before = before_stored if before_stored is not None else builtin
            after = after_stored if after_stored is not None else builtin
            if before == after:
                continue  # read as before: nothing it says changed
        _drop(session, template, actor=actor, now=now, term=term, reason=reason)
        dropped.append(template)
    return dropped


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _builtin_terms(
    template: EmergencyTemplate, builtin: Builtin, places: Iterable[str] = ()
) -> dict[str, str]:
    """The built-in readings of the terms in the template's own words and in ``places`` (each
    name on its own line: a built-in term spanning a name and the text is not looked for —
    that would fill the text with every place, too slow for a province's hundreds)."""
    names = "\n".join(places)
    surface = reading_surface(template.text, template.slots)
    if names:
        surface = f"{surface}\n{names}"
    closed = _DASH.sub("-", surface)
    return entries_used(f"{surface}\n{closed}" if closed != surface else surface, builtin.readings)


def _recorded_readings(
    session: Session, template: EmergencyTemplate, lexicon: Mapping[str, str], builtin: Builtin
) -> dict[str, Any]:
    """What an approval of version 3 records (``approval_readings``, and the approval's audit
    detail): the readings its fingerprint
    binds (``readings``, ``codes``), and the built-in readings of the terms its words and its
    places use (``builtin``: what ``lexicon_edited`` compares an edit with, and
    ``recheck_builtin`` an upgrade with)."""
    places = template_places(session, template).values()
    return {
        **readings_binding(template.text, template.slots, lexicon, builtin),
        "builtin": _builtin_terms(template, builtin, places),
    }


def _builtin_diff(
    session: Session,
    template: EmergencyTemplate,
    record: Mapping[str, Any],
    lexicon: Mapping[str, str],
    builtin: Builtin,
) -> list[tuple[str, str | None]]:
    """(term, its built-in reading now, None if gone) for each term the template's words or
    places are read with otherwise than when it was approved (``record``). A term with a
    stored entry is left out: the entry is what is read, and its edits go through
    ``lexicon_edited``. A place named after the approval is read as the code reads it now."""
    approved = {str(k): str(v) for k, v in record["builtin"].items()}
    current = _builtin_terms(template, builtin, template_places(session, template).values())
    terms = set(approved) | set(_builtin_terms(template, builtin))
    stored = {_nfc(k) for k in lexicon}
    diff: list[tuple[str, str | None]] = [
        (t, current.get(t)) for t in sorted(terms - stored) if approved.get(t) != current.get(t)
    ]
    codes_then = {str(k): str(v) for k, v in (record.get("codes") or {}).items()}
    codes_now = readings_binding(template.text, template.slots, {}, builtin)["codes"]
    diff += [
        (t, codes_now.get(t))
        for t in sorted(set(codes_then) | set(codes_now))
        if codes_then.get(t) != codes_now.get(t)
    ]
    return diff


def _upgrade_reason(diff: list[tuple[str, str | None]]) -> tuple[str, str]:
    """The reason of a return by ``recheck_builtin``, English and Vietnamese."""
    if not diff:
        return (
            "it changed since its approval (its text or the lexicon was edited outside the panel)",
            "mẫu đã thay đổi sau khi duyệt (nội dung hoặc từ điển phát âm bị sửa ngoài trang "
            "quản trị)",
        )
    shown = diff[:5]
    en = "; ".join(
        f"“{t}” → “{_shorten(n)}”" if n is not None else f"“{t}” no longer built in"
        for t, n in shown
    )
    vi = "; ".join(f"“{t}” → “{_shorten(n)}”" if n is not None else f"bỏ “{t}”" for t, n in shown)
    if len(diff) > len(shown):
        more = len(diff) - len(shown)
        en, vi = f"{en}; {more} more", f"{vi}; và {more} mục khác"
    return (
        f"pronunciation lexicon changed (built in, with a software upgrade): {en}",
        f"từ điển phát âm thay đổi (phần có sẵn, do nâng cấp phần mềm): {vi}",
    )


def recheck_builtin(
    session: Session, *, builtin: Builtin, now: datetime
) -> list[EmergencyTemplate]:
    """Hold the approved templates to the built-in readings of the code now running (the panel
    calls it before it lists, shows or issues templates and on the review queue; the caller
    commits). Returns the templates it changed.

    - An approval of version 3 whose words and places read as when it was approved: nothing.
    - An approval from before (version 2 or older) that still matches its own fingerprint is
      bound now to the built-in readings of this code (its ``approval_readings`` keep the
      fingerprint replaced, ``rebound_from``; no reviewer and no audit event: it says what
      was honoured until now, and can only go back for approval sooner), so that from now on
      an upgrade that reads its words otherwise is seen.
    - Any other approved template is read otherwise than approved — an upgrade changed the
      built-in reading of a term its words or places use, or its row or the lexicon changed
      behind the panel's back: it goes back to waiting for approval, the terms and their new
      readings in the reason (``emergency_template.approval_dropped``, no actor).

    An upgrade that changes no reading of a template's words or places leaves it approved:
    only what it uses is compared, not a version of the whole data."""
    lexicon = services.lexicon(session)
    changed = []
    approved = session.exec(
        select(EmergencyTemplate).where(EmergencyTemplate.state == TemplateState.APPROVED)
    ).all()
    for template in approved:
        if not template.voice_engine:
            continue
        now_fp = reading_fingerprint(
            text=template.text,
            slots=list(template.slots),
            region=template.voice_region,
            engine=template.voice_engine,
            voice=template.voice_name,
            lexicon=lexicon,
            builtin=builtin,
        )
        record = _approval_record(session, template)
        if template.approval_fingerprint == now_fp:
            if record is None:
                continue
            diff = _builtin_diff(session, template, record, lexicon, builtin)
            if not diff:
                continue
        elif is_usable(template, lexicon=lexicon):  # version 2 or older, still what it was
            # Not an audit event: it narrows nothing the approval allowed and widens nothing
            # (the template says what it said); the row keeps the fingerprint it replaced.
            old = template.approval_fingerprint
            template.approval_fingerprint = now_fp
            template.approval_readings = {
                **_recorded_readings(session, template, lexicon, builtin),
                "rebound_from": old,
                "rebound_at": now.isoformat(),
            }
            session.add(template)
            log.info("emergency template %s: approval bound to the built-in readings", template.id)
            changed.append(template)
            continue
        else:
            diff = _builtin_diff(session, template, record, lexicon, builtin) if record else []
        _drop(session, template, actor=None, now=now, term="", reason=_upgrade_reason(diff))
        changed.append(template)
    return changed


# --- templates -----------------------------------------------------------------------------------


def create_template(
    session: Session,
    *,
    actor: User,
    name: str,
    area_id: int,
    text: str,
    slots: Any,
    voice_region: str = Region.NORTH.value,
    now: datetime,
) -> EmergencyTemplate:
    """A new template waiting for its one approval (an author or issuer of the area writes it).
    An area the actor may not know of (another commune's) reads exactly like one that does not
    exist (docs/security.md 30); one they may know of but not write for is refused."""
    if session.get(Area, area_id) is None or area_id not in access.visible_area_ids(session, actor):
        raise ValidationError("no such area", "Không tìm thấy địa bàn.", field="area_id")
    if not (
        access.has_role(session, actor, Role.AUTHOR.value, area_id)
        or access.has_role(session, actor, Role.ISSUER.value, area_id)
    ):
        raise PermissionDenied(
            "only an author or emergency issuer of this area may write its templates",
            "Chỉ người soạn tin hoặc người phát lệnh khẩn cấp của địa bàn này được soạn mẫu.",
        )
    name = validation.clean_text(name, TEMPLATE_NAME)
    text = validation.clean_text(text, TEMPLATE_TEXT)
    specs = check_slot_specs(text, slots)
    try:
        region = Region(voice_region).value
    except ValueError:
        raise ValidationError(
            "unknown reading region", "Vùng giọng đọc không hợp lệ.", field="voice_region"
        ) from None
    template = EmergencyTemplate(
        name=name,
        area_id=area_id,
        topic_code=TOPIC,
        text=text,
        slots=specs,
        voice_region=region,
        state=TemplateState.SUBMITTED,
        created_by=_uid(actor),
        created_at=now,
    )
    session.add(template)
    session.flush()
    services.audit(
        session,
        actor=actor,
        action="emergency_template.create",
        object_type="emergency_template",
        object_id=template.id,
        now=now,
        name=name,
        area_id=area_id,
    )
    return template


def get_template(session: Session, template_id: int) -> EmergencyTemplate:
    template = session.get(EmergencyTemplate, template_id)
    if template is None:
        raise NotFound("no such emergency template", "Không tìm thấy mẫu tin khẩn cấp.")
    return template


def visible_template(session: Session, actor: User, template_id: int) -> EmergencyTemplate:
    """The template, if ``actor`` may see it (``visible_templates``); another commune's
    template reads exactly like an id that does not exist (NotFound), never a refusal that
    confirms a guessed id."""
    template = get_template(session, template_id)
    if template not in visible_templates(session, actor):
        raise NotFound("no such emergency template", "Không tìm thấy mẫu tin khẩn cấp.")
    return template


def approve_template(
    session: Session,
    *,
    actor: User,
    template_id: int,
    voice: tuple[str, str | None],
    now: datetime,
    builtin: Builtin | None = None,
) -> EmergencyTemplate:
    """The one approval: a reviewer of the template's area, not its writer; bound to the text,
    the slots, ``voice`` (the panel's voice for the template's region, pinned here) and how
    its words are read: with ``builtin`` (the panel's), the readings that win of the stored
    and built-in lexicons (``reading_fingerprint``, recorded in ``approval_readings`` and the audit detail); without it
    (code that cannot read tts' data), the stored entries only (``template_fingerprint``),
    bound to the built-in readings by the panel's next ``recheck_builtin``."""
    template = visible_template(session, actor, template_id)
    if not access.has_role(session, actor, Role.REVIEWER.value, template.area_id):
        raise PermissionDenied(
            "only a reviewer of the template's area may approve it",
            "Chỉ người thẩm duyệt (công an) của địa bàn này được duyệt mẫu.",
        )
    if actor.id == template.created_by:
        raise PermissionDenied(
            "the writer of a template cannot approve it",
            "Người soạn mẫu không được tự duyệt mẫu của mình.",
            code="self_approval",
        )
    lexicon = services.lexicon(session)
    # Waiting, or approved but no longer bound to what it is (a row changed behind the panel's
    # back, or read otherwise since): the reviewer looks again and approves it as it is now.
    if template.state != TemplateState.SUBMITTED and not (
        template.state == TemplateState.APPROVED
        and not is_usable(template, lexicon=lexicon, builtin=builtin)
    ):
        raise WorkflowError(
            "only a template waiting for approval can be approved",
            "Chỉ duyệt được mẫu đang chờ duyệt.",
        )
    engine, voice_name = voice
    template.voice_engine = engine
    template.voice_name = voice_name
    readings: dict[str, Any] = {}
    if builtin is None:
        template.approval_fingerprint = template_fingerprint(
            text=template.text,
            slots=list(template.slots),
            region=template.voice_region,
            engine=engine,
            voice=voice_name,
            lexicon=lexicon,
        )
    else:
        template.approval_fingerprint = reading_fingerprint(
            text=template.text,
            slots=list(template.slots),
            region=template.voice_region,
            engine=engine,
            voice=voice_name,
            lexicon=lexicon,
            builtin=builtin,
        )
        readings = _recorded_readings(session, template, lexicon, builtin)
    template.approval_readings = readings or None
    template.state = TemplateState.APPROVED
    template.approved_by = actor.id
    template.approved_at = now
    session.add(template)
    services.audit(
        session,
        actor=actor,
        action="emergency_template.approve",
        object_type="emergency_template",
        object_id=template.id,
        now=now,
        fingerprint=template.approval_fingerprint,
        engine=engine,
        voice=voice_name or "",
        lexicon=lexicon_binding(template.text, template.slots, lexicon),
        **readings,
    )
    return template


def end_template(
    session: Session, *, actor: User, template_id: int, reason: str, now: datetime
) -> EmergencyTemplate:
    """Reject a waiting template or revoke an approved one (a reviewer of its area)."""
    template = visible_template(session, actor, template_id)
    if not access.has_role(session, actor, Role.REVIEWER.value, template.area_id):
        raise PermissionDenied(
            "only a reviewer of the template's area may reject or revoke it",
            "Chỉ người thẩm duyệt của địa bàn này được từ chối hoặc thu hồi mẫu.",
        )
    reason = validation.clean_text(reason, validation.REASON, required=False)
    if template.state == TemplateState.SUBMITTED:
        template.state, action = TemplateState.REJECTED, "emergency_template.reject"
    elif template.state == TemplateState.APPROVED:
        template.state, action = TemplateState.REVOKED, "emergency_template.revoke"
    else:
        raise WorkflowError("the template has already ended", "Mẫu này đã kết thúc.")
    template.ended_by, template.ended_at, template.end_reason = actor.id, now, reason or None
    session.add(template)
    services.audit(
        session,
        actor=actor,
        action=action,
        object_type="emergency_template",
        object_id=template.id,
        now=now,
        reason=reason,
    )
    return template


def visible_templates(session: Session, actor: User) -> list[EmergencyTemplate]:
    """Templates of the areas where the actor writes, reviews or issues (and areas above:
    a province's template may be filled by a commune's issuer)."""
    mine = access.areas_for(
        session, actor, Role.AUTHOR.value, Role.REVIEWER.value, Role.ISSUER.value
    )
    if not mine:
        return []
    ids: set[int] = set()
    for area in mine:
        ids.update(int(p) for p in area.path.split("/") if p)
    rows = session.exec(
        select(EmergencyTemplate)
        .where(col(EmergencyTemplate.area_id).in_(ids))
        .order_by(col(EmergencyTemplate.id).desc())
    ).all()
    return list(rows)


@dataclass(frozen=True)
class WaitingTemplate:
    """A template waiting for ``actor``'s approval (``templates_to_review``)."""

    template: EmergencyTemplate
    since: datetime  # written, or sent back
    returned: dict[str, Any] | None  # ``dropped_approval``: why its approval was taken back


def templates_to_review(session: Session, actor: User) -> list[WaitingTemplate]:
    """The templates waiting for approval that ``actor`` may approve (a reviewer of the
    template's area, not its writer), oldest first: new ones, and approved ones sent back by a
    lexicon edit or an upgrade (``returned``: the reason, shown on the review queue)."""
    out = []
    for template in visible_templates(session, actor):
        if template.state != TemplateState.SUBMITTED or template.created_by == actor.id:
            continue
        if not access.has_role(session, actor, Role.REVIEWER.value, template.area_id):
            continue
        returned = dropped_approval(session, template)
        since = _aware(returned["at"] if returned else template.created_at)
        out.append(WaitingTemplate(template, since or template.created_at, returned))
    return sorted(out, key=lambda w: (w.since, w.template.id or 0))


def issuable_templates(
    session: Session, actor: User, *, builtin: Builtin | None = None
) -> list[EmergencyTemplate]:
    """Approved templates the actor may fill: usable (``builtin``: as ``is_usable``), and with
    an area of their scope inside the template's (a province's template for a commune's
    issuer; a commune's template for the province's issuer, sent to that commune:
    ``issue_from_template``)."""
    scope = issuer_areas(session, actor)
    usable = usable_templates(session, builtin=builtin)
    out = []
    for t in visible_templates(session, actor):
        if not usable(t):
            continue
        tpath = access.area_path(session, t.area_id) or "/"
        if any(access.is_within(a.path, tpath) for a in scope):
            out.append(t)
    return out


def template_covers(session: Session, template: EmergencyTemplate, area_id: int) -> bool:
    """May ``template`` play in ``area_id``? Its approval was given by a reviewer of its area,
    for its area: it plays there and below, never above it, where it would reach other
    communes' speakers (as a script: ``publishing.check_plays_in``; docs/security.md 31)."""
    tpath = access.area_path(session, template.area_id)
    path = access.area_path(session, area_id)
    return bool(tpath and path and access.is_within(path, tpath))


def issuer_areas(session: Session, actor: User) -> list[Area]:
    """The areas an issuer may send emergencies to (every area of their subtrees)."""
    return access.areas_for(session, actor, Role.ISSUER.value)


def template_places(
    session: Session, template: EmergencyTemplate, *, near: Iterable[int] | None = None
) -> dict[int, str]:
    """The areas a place slot of ``template`` may name: the template's area and below, and
    with ``near`` (the areas the emergency goes to, or the issuer's) only places in or above
    one of those: a commune's issuer filling a province's template names no other commune's
    hamlet to its speakers."""
    root = access.area_path(session, template.area_id) or "/"
    rows = session.exec(
        select(Area).where(col(Area.path).startswith(root)).order_by(col(Area.path))
    ).all()
    if near is not None:
        paths = [p for p in (access.area_path(session, a) for a in near) if p]
        rows = [
            a
            for a in rows
            if any(access.is_within(a.path, p) or access.is_within(p, a.path) for p in paths)
        ]
    return {a.id: a.name for a in rows if a.id is not None}


# --- issuing -------------------------------------------------------------------------------------


def _check_plan(
    session: Session,
    actor: User,
    area_ids: Any,
    repeats: Any,
    gap_s: Any,
    expires_in_min: Any,
    *,
    role_check: bool = True,
) -> tuple[list[int], int, int, int]:
    if not isinstance(area_ids, list | tuple) or not area_ids:
        raise ValidationError(
            "choose at least one area", "Hãy chọn ít nhất một địa bàn.", field="area_ids"
        )
    ids: list[int] = []
    # An area the actor may not know of (another commune's) reads exactly like one that does
    # not exist: neither is named (an issuer could read every commune's name by trying ids).
    visible = {a.id for a in access.visible_areas(session, actor)} if role_check else None
    for raw in area_ids:
        if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) < 12:
            raw = int(raw.strip())
        if (
            visible is not None
            and isinstance(raw, int)
            and not isinstance(raw, bool)
            and raw not in visible
        ):
            raise PermissionDenied(
                "a chosen area is outside your emergency scope",
                "Địa bàn đã chọn nằm ngoài phạm vi phát lệnh khẩn cấp của bạn.",
                code="out_of_scope",
            )
        if isinstance(raw, bool) or not isinstance(raw, int) or session.get(Area, raw) is None:
            raise ValidationError(
                "no such area", "Không tìm thấy địa bàn đã chọn.", field="area_ids"
            )
        if raw not in ids:
            ids.append(raw)
    if len(ids) > MAX_AREAS:
        raise ValidationError(
            f"at most {MAX_AREAS} areas", f"Tối đa {MAX_AREAS} địa bàn.", field="area_ids"
        )
    if role_check:
        for area_id in ids:
            if not access.has_role(session, actor, Role.ISSUER.value, area_id):
                area = session.get(Area, area_id)
                raise PermissionDenied(
                    f"area {area_id} is outside your emergency scope",
                    f"Địa bàn “{area.name if area else area_id}” nằm ngoài phạm vi phát lệnh "
                    "khẩn cấp của bạn.",
                    code="out_of_scope",
                )
    bounds = (
        ("repeats", repeats, 1, EMERGENCY_MAX_REPEATS, "Số lần phát"),
        ("gap_s", gap_s, 0, EMERGENCY_MAX_GAP_S, "Khoảng nghỉ (giây)"),
        ("expires_in_min", expires_in_min, 1, MAX_EXPIRES_MIN, "Hiệu lực (phút)"),
    )
    values = []
    for name, value, lo, hi, vi in bounds:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{1,5}", value.strip()):
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValidationError(
                f"{name} must be a whole number from {lo} to {hi}",
                f"{vi} phải là số nguyên từ {lo} đến {hi}.",
                field=name,
            )
        values.append(value)
    return ids, values[0], values[1], values[2]


def _uid(user: User) -> int:
    assert user.id is not None  # a stored user
    return user.id


def _display_name(user: User) -> str:
    return user.full_name or user.username


def issue_from_template(
    session: Session,
    *,
    actor: User,
    template_id: int,
    slots: Mapping[str, Any],
    area_ids: Any,
    repeats: Any,
    gap_s: Any,
    expires_in_min: Any,
    now: datetime,
    renderer: EmergencyRenderer,
    signer: Signer,
    announce: Announce | None = None,
    builtin: Builtin | None = None,
) -> Emergency:
    """Fill an approved template and issue it at once (no second approval: every slot is
    typed and bounded). The bundle file and the push notice follow the commit. ``builtin``:
    the built-in readings ``renderer`` reads with, which an approval of version 3 is checked
    against (``is_usable``)."""
    ids, repeats, gap_s, expires_in_min = _check_plan(
        session, actor, area_ids, repeats, gap_s, expires_in_min
    )
    template = visible_template(session, actor, template_id)  # another commune's: not found
    if template.state == TemplateState.REVOKED:
        raise WorkflowError(
            "the template's approval was revoked",
            "Mẫu này đã bị thu hồi phê duyệt; không phát được.",
            code="template_revoked",
        )
    # The lexicon read once, then the template's state read again after it: a lexicon edit
    # and the approvals it drops commit together (``lexicon_edited``), so whichever committed
    # first, this issue sees either the old lexicon with the approval bound to it, or a
    # template waiting for approval. The render below uses exactly this lexicon.
    lexicon = services.lexicon(session)
    session.refresh(template)
    if not is_usable(template, lexicon=lexicon, builtin=builtin):
        dropped = dropped_approval(session, template)
        if dropped is not None:
            raise WorkflowError(
                f"the template went back for approval ({dropped.get('reason', '')}): a "
                "reviewer of its area must approve it again; nothing was broadcast",
                f"Mẫu “{template.name}” vừa được đưa về chờ duyệt lại "
                f"({dropped.get('reason_vi', '')}), nên chưa có gì được phát. Hãy báo người "
                "thẩm duyệt (công an) của địa bàn nghe lại và duyệt mẫu; trong lúc chờ có thể "
                "phát tin khẩn cấp tự soạn (cần người thứ hai duyệt).",
                code="template_not_approved",
            )
        raise WorkflowError(
            "the template is not approved (or changed since its approval)",
            "Mẫu chưa được duyệt (hoặc đã thay đổi sau khi duyệt); không phát được.",
            code="template_not_approved",
        )
    for area_id in ids:
        # A commune's template sent to the province above would play on every other
        # commune's speakers, approved by none of their reviewers.
        if not template_covers(session, template, area_id):
            raise PermissionDenied(
                "the template is approved for another area: it plays in its area and below",
                "Mẫu này được duyệt cho địa bàn khác: chỉ phát được trong địa bàn của mẫu "
                "và các địa bàn trực thuộc.",
                code="out_of_scope",
            )
    places = template_places(session, template, near=ids)
    text, stored = fill_text(template, slots, now=now, places=places)
    em = Emergency(
        id=str(uuid.uuid4()),
        kind="template",
        template_id=template.id,
        title=template.name,
        slots=stored,
        text=text,
        area_ids=ids,
        repeats=repeats,
        gap_s=gap_s,
        expires_at=now + timedelta(minutes=expires_in_min),
        state=EmergencyState.PENDING,
        created_by=_uid(actor),
        created_at=now,
        voice_region=template.voice_region,
        voice_engine=template.voice_engine,
        voice_name=template.voice_name,
        approved_by=template.approved_by,
        approved_at=template.approved_at,
    )
    _render_into(session, em, renderer, signer.store, lexicon=lexicon)
    session.add(em)
    session.flush()
    services.audit(
        session,
        actor=actor,
        action="emergency.create",
        object_type="emergency",
        object_id=em.id,
        now=now,
        kind="template",
        template_id=template.id,
        slots=stored,
        area_ids=ids,
        repeats=repeats,
        gap_s=gap_s,
        expires_at=em.expires_at,
    )
    reviewer = session.get(User, template.approved_by) if template.approved_by else None
    approved_at = _aware(template.approved_at) or now
    approval = Approval(
        id=f"template-{template.id}",
        reviewer=_display_name(reviewer) if reviewer else "?",
        approved_at=approved_at,
        valid_from=approved_at,
        valid_until=em.expires_at,
    )
    _issue(session, em, actor=actor, approval=approval, now=now, signer=signer, announce=announce)
    return em


def write_free(
    session: Session,
    *,
    actor: User,
    title: str,
    text: str,
    area_ids: Any,
    repeats: Any,
    gap_s: Any,
    expires_in_min: Any,
    voice_region: str = Region.NORTH.value,
    now: datetime,
    renderer: EmergencyRenderer,
    store: AssetStore,
) -> Emergency:
    """A free-text emergency, rendered now and waiting for a second person (four-eyes)."""
    ids, repeats, gap_s, expires_in_min = _check_plan(
        session, actor, area_ids, repeats, gap_s, expires_in_min
    )
    title = validation.clean_text(title, validation.TITLE)
    text = validation.clean_text(text, FREE_TEXT)
    try:
        region = Region(voice_region).value
    except ValueError:
        raise ValidationError(
            "unknown reading region", "Vùng giọng đọc không hợp lệ.", field="voice_region"
        ) from None
    engine, voice = renderer.voice_for(region)
    em = Emergency(
        id=str(uuid.uuid4()),
        kind="free",
        title=title,
        text=text,
        area_ids=ids,
        repeats=repeats,
        gap_s=gap_s,
        expires_at=now + timedelta(minutes=expires_in_min),
        state=EmergencyState.PENDING,
        created_by=_uid(actor),
        created_at=now,
        voice_region=region,
        voice_engine=engine,
        voice_name=voice,
    )
    _render_into(session, em, renderer, store, lexicon=services.lexicon(session))
    session.add(em)
    session.flush()
    services.audit(
        session,
        actor=actor,
        action="emergency.create",
        object_type="emergency",
        object_id=em.id,
        now=now,
        kind="free",
        area_ids=ids,
        repeats=repeats,
        gap_s=gap_s,
        expires_at=em.expires_at,
        audio_sha256=em.audio_sha256,
    )
    return em


def _uuid(value: Any) -> str | None:
    """The canonical form of an id in a path, or None (no row has any other id)."""
    try:
        return str(uuid.UUID(str(value)[:36]))
    except ValueError:
        return None


def get_emergency(session: Session, emergency_id: str) -> Emergency:
    key = _uuid(emergency_id)
    em = session.get(Emergency, key) if key else None
    if em is None:
        raise NotFound("no such emergency", "Không tìm thấy tin khẩn cấp.")
    return em


def visible_emergency(session: Session, actor: User, emergency_id: str) -> Emergency:
    """The emergency, if ``actor`` may see it (``may_view``); another commune's reads exactly
    like an id that does not exist (NotFound), never a refusal that confirms it exists."""
    em = get_emergency(session, emergency_id)
    if not may_view(session, actor, em):
        raise NotFound("no such emergency", "Không tìm thấy tin khẩn cấp.")
    return em


def _is_expired(em: Emergency, now: datetime) -> bool:
    expires = _aware(em.expires_at)
    return expires is not None and expires <= now


def _may_approve_free(session: Session, actor: User, em: Emergency) -> bool:
    return all(
        access.has_role(session, actor, Role.REVIEWER.value, a)
        or access.has_role(session, actor, Role.ISSUER.value, a)
        for a in em.area_ids
    )


def approve_free(
    session: Session,
    *,
    actor: User,
    emergency_id: str,
    heard_sha256: str,
    now: datetime,
    signer: Signer,
    announce: Announce | None = None,
) -> Emergency:
    """The second person approves the free text they heard, and it is issued at once."""
    em = visible_emergency(session, actor, emergency_id)
    if em.kind != "free":
        raise WorkflowError(
            "a template emergency needs no second approval",
            "Tin theo mẫu đã được duyệt sẵn, không cần duyệt lần hai.",
        )
    if not _may_approve_free(session, actor, em):
        raise PermissionDenied(
            "only a reviewer or emergency issuer of every chosen area may approve it",
            "Chỉ người thẩm duyệt hoặc người phát lệnh khẩn cấp của mọi địa bàn đã chọn "
            "được duyệt tin này.",
        )
    if actor.id == em.created_by:
        raise PermissionDenied(
            "a free-text emergency needs a second person: its writer cannot approve it",
            "Tin khẩn cấp tự soạn cần người thứ hai duyệt; người soạn không được tự duyệt.",
            code="self_approval",
        )
    if em.state != EmergencyState.PENDING:
        raise WorkflowError(
            "the emergency is not waiting for approval", "Tin này không còn chờ duyệt."
        )
    if _is_expired(em, now):
        raise WorkflowError(
            "the emergency expired before it was approved",
            "Tin này đã hết hiệu lực trước khi được duyệt.",
            code="expired",
        )
    if not em.audio_sha256 or heard_sha256 != em.audio_sha256:
        raise WorkflowError(
            "approve the audio you heard: it is not the emergency's audio",
            "Hãy nghe và duyệt đúng bản âm thanh của tin này (bản đã nghe không khớp).",
            code="audio_not_heard",
        )
    em.approved_by, em.approved_at = actor.id, now
    approval = Approval(
        id=f"emergency-{em.id}",
        reviewer=_display_name(actor),
        approved_at=now,
        valid_from=now,
        valid_until=_aware(em.expires_at) or now,
    )
    services.audit(
        session,
        actor=actor,
        action="emergency.approve",
        object_type="emergency",
        object_id=em.id,
        now=now,
        audio_sha256=em.audio_sha256,
    )
    _issue(session, em, actor=actor, approval=approval, now=now, signer=signer, announce=announce)
    return em


def reject_free(
    session: Session, *, actor: User, emergency_id: str, reason: str, now: datetime
) -> Emergency:
    em = visible_emergency(session, actor, emergency_id)
    if em.kind != "free" or em.state != EmergencyState.PENDING:
        raise WorkflowError(
            "the emergency is not waiting for approval", "Tin này không còn chờ duyệt."
        )
    if not _may_approve_free(session, actor, em):
        raise PermissionDenied(
            "only a reviewer or emergency issuer of every chosen area may refuse it",
            "Chỉ người thẩm duyệt hoặc người phát lệnh khẩn cấp của mọi địa bàn đã chọn "
            "được từ chối tin này.",
        )
    reason = validation.clean_text(reason, validation.REASON, required=False)
    em.state = EmergencyState.REJECTED
    session.add(em)
    services.audit(
        session,
        actor=actor,
        action="emergency.reject",
        object_type="emergency",
        object_id=em.id,
        now=now,
        reason=reason,
    )
    return em


def stop(
    session: Session,
    *,
    actor: User,
    emergency_id: str,
    now: datetime,
    signer: Signer,
    announce: Announce | None = None,
) -> Emergency:
    """ "Dừng": a stop bundle for the same areas; units cut it and drop its remaining repeats."""
    em = visible_emergency(session, actor, emergency_id)
    for area_id in em.area_ids:
        if not access.has_role(session, actor, Role.ISSUER.value, area_id):
            raise PermissionDenied(
                "only an emergency issuer of every area it went to may stop it",
                "Chỉ người phát lệnh khẩn cấp của mọi địa bàn nhận tin được dừng tin này.",
                code="out_of_scope",
            )
    if em.state == EmergencyState.STOPPED:
        raise WorkflowError("the emergency is already stopped", "Tin này đã được dừng.")
    if em.state != EmergencyState.ACTIVE:
        raise WorkflowError(
            "only an emergency on the air can be stopped", "Chỉ dừng được tin đang phát."
        )
    if _is_expired(em, now):
        raise WorkflowError(
            "the emergency has already expired", "Tin này đã hết hiệu lực.", code="expired"
        )
    row, final, tmp = _sign(
        session, em, action="stop", item=None, audio=None, now=now, signer=signer
    )
    em.state = EmergencyState.STOPPED
    em.stopped_by, em.stopped_at, em.stop_bundle_id = actor.id, now, row.bundle_id
    session.add(em)
    services.audit(
        session,
        actor=actor,
        action="emergency.stop",
        object_type="emergency",
        object_id=em.id,
        now=now,
        bundle_id=row.bundle_id,
        sequence=row.sequence,
    )
    _after_commit(session, row, em, tmp, final, announce)
    return em


# --- rendering and signing -------------------------------------------------------------------


def _render_into(
    session: Session,
    em: Emergency,
    renderer: EmergencyRenderer,
    store: AssetStore,
    *,
    lexicon: Mapping[str, str],
) -> None:
    audio = renderer.render(
        session,
        em.text,
        region=em.voice_region,
        engine=em.voice_engine or "espeak",
        voice=em.voice_name,
        lexicon=lexicon,
    )
    try:
        asset = register_file(
            session,
            store,
            audio.wav_path,
            media_type="audio/wav",
            duration_s=audio.duration_s,
            sample_rate=audio.sample_rate,
        )
    finally:
        Path(audio.wav_path).unlink(missing_ok=True)
    asset.original_name = asset.original_name or f"khan-cap-{em.id[:8]}.wav"
    em.audio_sha256 = asset.sha256


def reported_emergency_sequence(session: Session) -> Reported:
    """The highest emergency sequence a unit's heartbeat reports (``Unit.emergency_sequence``,
    copied by ``sync.heartbeat`` only when it is an integer in 0..``MAX_SEQUENCE``; a unit
    that sends none reports nothing). One query rather than a read of every stored heartbeat:
    it runs inside the counter's lock, on the emergency path."""
    return highest_reported(session, Unit.emergency_sequence)


def allocate_sequence(
    session: Session, *, now: datetime | None = None, actor: User | None = None
) -> int:
    """The next emergency bundle sequence: the ``emergency`` counter row, taken like
    ``publishing.allocate_sequence`` (above every emergency sequence issued and every one a
    unit reports having accepted), apart from ordinary bundles."""
    return take_sequence(
        session,
        SEQUENCE,
        issued=EmergencyBundle.sequence,
        reported=reported_emergency_sequence,
        now=now,
        actor=actor,
    )


def _sign(
    session: Session,
    em: Emergency,
    *,
    action: str,
    item: BundleItem | None,
    audio: Path | None,
    now: datetime,
    signer: Signer,
) -> tuple[EmergencyBundle, Path, Path]:
    sequence = allocate_sequence(session, now=now)
    key = signer.signing_key()
    expires = _aware(em.expires_at) or now
    manifest = Manifest(
        bundle_id=str(uuid.uuid4()),
        target=Target(areas=tuple(str(a) for a in em.area_ids)),
        sequence=sequence,
        issued_at=now,
        expires_at=expires,
        key_id=key_id(key.public_key()),
        items=(item,) if item is not None else (),
        schedule={},
        emergency=EmergencyField(
            id=em.id, action=action, repeats=em.repeats, gap_s=em.gap_s, start_at=now
        ),
    )
    final = bundle_path(signer.out_dir, manifest.bundle_id)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{final.name}.{uuid.uuid4().hex}.tmp"
    try:
        build_bundle(
            manifest,
            {item.audio_sha256: audio} if item is not None and audio is not None else {},
            signing_key=key,
            out_path=tmp,
            now=now,
        )
        row = EmergencyBundle(
            bundle_id=manifest.bundle_id,
            emergency_id=em.id,
            action=action,
            sequence=sequence,
            area_ids=list(em.area_ids),
            file_sha256=hashlib.sha256(tmp.read_bytes()).hexdigest(),
            size=tmp.stat().st_size,
            issued_at=now,
            expires_at=expires,
            created_by=None,
        )
        session.add(row)
        session.flush()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return row, final, tmp


def _issue(
    session: Session,
    em: Emergency,
    *,
    actor: User,
    approval: Approval,
    now: datetime,
    signer: Signer,
    announce: Announce | None,
) -> None:
    if not em.audio_sha256:  # pragma: no cover - both paths render first
        raise ValidationError("the emergency has no audio", "Tin chưa có âm thanh.")
    path = signer.store.path_for(em.audio_sha256)
    if not path.is_file():
        raise ValidationError(
            "the emergency's audio file is missing", "Thiếu tệp âm thanh của tin khẩn cấp."
        )
    import soundfile as sf

    info = sf.info(str(path))
    audio_sha256, audio = _bundle_audio(session, em.audio_sha256, path, signer)
    item = BundleItem(
        id=f"emergency-{em.id}",
        title=em.title,
        topic=TOPIC,
        priority=Priority.EMERGENCY,
        audio_sha256=audio_sha256,
        audio_size=audio.stat().st_size,
        duration_s=round(info.frames / info.samplerate, 3),
        sample_rate=info.samplerate,
        script_version_id=f"emergency-{em.id}",
        approval=approval,
    )
    row, final, tmp = _sign(
        session, em, action="play", item=item, audio=audio, now=now, signer=signer
    )
    row.created_by = actor.id
    em.state = EmergencyState.ACTIVE
    em.issued_at = now
    em.bundle_id = row.bundle_id
    session.add(em)
    services.audit(
        session,
        actor=actor,
        action="emergency.issue",
        object_type="emergency",
        object_id=em.id,
        now=now,
        bundle_id=row.bundle_id,
        sequence=row.sequence,
        area_ids=list(em.area_ids),
        audio_sha256=em.audio_sha256,
        bundle_audio_sha256=audio_sha256,  # the same samples as lossless FLAC (or the WAV)
        approval_id=approval.id,
    )
    _after_commit(session, row, em, tmp, final, announce)


def _bundle_audio(session: Session, wav_sha256: str, wav: Path, signer: Signer) -> tuple[str, Path]:
    """(sha256, file) of the audio an emergency bundle carries: the approved 16-bit WAV as
    lossless FLAC — about a quarter of the bytes the panel pushes to every unit over MQTT —
    decoded again here and compared sample for sample with the approved WAV, and kept in the
    asset store under its own sha256 (which the signed manifest then names). The WAV itself
    when that cannot be done (another sample format, no FLAC encoder, a mismatch)."""
    if not signer.flac:
        return wav_sha256, wav
    import numpy as np
    import soundfile as sf

    tmp: Path | None = None
    try:
        info = sf.info(str(wav))
        if info.format != "WAV" or info.subtype != "PCM_16":
            return wav_sha256, wav
        pcm, rate = sf.read(str(wav), dtype="int16", always_2d=True)
        tmp_dir = Path(signer.out_dir) / "emergency"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = tmp_dir / f".audio-{uuid.uuid4().hex}.flac"
        sf.write(str(tmp), pcm, rate, format="FLAC", subtype="PCM_16")
        back, back_rate = sf.read(str(tmp), dtype="int16", always_2d=True)
        if back_rate != rate or not np.array_equal(back, pcm):
            raise ValueError("the FLAC does not decode to the approved samples")
        asset = register_file(
            session,
            signer.store,
            tmp,
            media_type="audio/flac",
            duration_s=round(info.frames / info.samplerate, 3),
            sample_rate=rate,
        )
        return asset.sha256, signer.store.path_for(asset.sha256)
    except (RuntimeError, ValueError, OSError) as exc:  # LibsndfileError is a RuntimeError
        log.warning("emergency audio %s sent as WAV, not FLAC: %s", wav_sha256[:12], exc)
        return wav_sha256, wav
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def notice(row: EmergencyBundle) -> dict[str, Any]:
    """The push notice of one emergency bundle (content_library.push signs and sends it)."""
    return {
        "kind": "emergency",
        "bundle_id": row.bundle_id,
        "emergency_id": row.emergency_id,
        "action": row.action,
        "sequence": row.sequence,
        "sha256": row.file_sha256,
        "priority": Priority.EMERGENCY.value,
    }


def _after_commit(
    session: Session,
    row: EmergencyBundle,
    em: Emergency,
    tmp: Path,
    final: Path,
    announce: Announce | None,
) -> None:
    """Once committed: the file takes its name, then the units are told (never before)."""
    message = notice(row)
    areas = [int(a) for a in em.area_ids]

    def into_place() -> None:
        try:
            os.replace(tmp, final)
        except OSError:
            log.exception("emergency bundle %s was committed but not moved into place", final)
            return
        if announce is not None:
            try:
                announce(message, areas)
            except Exception:  # the publisher must never fail the issue; polling remains
                log.exception("push notice for emergency bundle %s failed", row.bundle_id)

    services.on_outcome(
        session, committed=into_place, rolled_back=lambda: tmp.unlink(missing_ok=True)
    )


# --- the units' side -------------------------------------------------------------------------


def _unit_area_ids(session: Session, unit: Unit) -> set[int]:
    area = session.get(Area, unit.area_id)
    if area is None:
        return {unit.area_id}
    return {int(p) for p in area.path.split("/") if p} | {unit.area_id}


def bundles_for_unit(session: Session, unit: Unit, *, now: datetime) -> list[EmergencyBundle]:
    """Every emergency bundle (play or stop) addressed to the unit's areas that has not
    expired, oldest first."""
    mine = _unit_area_ids(session, unit)
    rows = session.exec(
        select(EmergencyBundle)
        .where(EmergencyBundle.expires_at > now)
        .order_by(col(EmergencyBundle.sequence))
    ).all()
    return [r for r in rows if mine & {int(a) for a in r.area_ids}]


def bundle_for_unit(
    session: Session, unit: Unit, bundle_id: str, *, out_dir: str | os.PathLike[str]
) -> tuple[EmergencyBundle, Path]:
    """One emergency bundle addressed to the unit (expired ones too: the unit may still be
    catching up), or NotFound."""
    key = _uuid(bundle_id)
    row = session.get(EmergencyBundle, key) if key else None
    if row is None or not _unit_area_ids(session, unit) & {int(a) for a in row.area_ids}:
        raise NotFound(
            "no such emergency bundle for this unit",
            "Không có gói khẩn cấp này cho cụm loa.",
        )
    path = bundle_path(out_dir, row.bundle_id)
    if not path.is_file():
        raise NotFound(
            "the emergency bundle file is missing on the server",
            "Máy chủ không còn tệp gói khẩn cấp này.",
        )
    return row, path


def _parse_at(value: Any) -> datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise ValidationError("at must be an ISO 8601 time", "“at” phải là thời điểm ISO 8601.")
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            "at must be an ISO 8601 time", "“at” phải là thời điểm ISO 8601.", field="at"
        ) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValidationError("at needs a UTC offset", "“at” phải có múi giờ.", field="at")
    return at.astimezone(UTC)


def record_played(
    session: Session, unit: Unit, emergency_id: str, body: Any, *, now: datetime
) -> bool:
    """Store a unit's confirmation; True if new, False if it was already stored (idempotent).

    The emergency must have been addressed to the unit; the body is
    ``{"state", "repeat", "at", "reason"?}``. An ``at`` that cannot be true (later than the
    panel's clock plus the clock window, or before the emergency was issued less that window)
    is not believed: the confirmation is kept at the time it arrived and flagged
    (SyncFlag ``bad_time``, with the time the unit gave; docs/security.md 22). A unit offline
    for days sends old times: those are kept as given."""
    if not isinstance(body, Mapping):
        raise ValidationError("expected a JSON object", "Cần một đối tượng JSON.")
    unknown = sorted(set(body) - {"state", "repeat", "at", "reason"})
    if unknown:
        raise ValidationError(
            f"unknown field {str(unknown[0])[:40]}", f"Trường lạ: {str(unknown[0])[:40]}."
        )
    state = body.get("state")
    if state not in CONFIRM_STATES:
        raise ValidationError(
            "state must be started, finished, failed or stopped",
            "“state” phải là started, finished, failed hoặc stopped.",
            field="state",
        )
    repeat = body.get("repeat", 0)
    if isinstance(repeat, bool) or not isinstance(repeat, int) or not 0 <= repeat <= 100:
        raise ValidationError(
            "repeat must be a whole number from 0 to 100",
            "“repeat” phải là số nguyên từ 0 đến 100.",
            field="repeat",
        )
    at = _parse_at(body.get("at"))
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ValidationError("reason must be text", "“reason” phải là chữ.", field="reason")
    reason = validation.clean_text(reason, validation.REASON, required=False)[:500] or None
    key = _uuid(emergency_id)
    em = session.get(Emergency, key) if key else None
    mine = _unit_area_ids(session, unit)
    if em is None or not mine & {int(a) for a in em.area_ids} or em.bundle_id is None:
        raise NotFound("no such emergency for this unit", "Không có tin khẩn cấp này cho cụm loa.")
    where = (
        (EmergencyConfirmation.emergency_id == em.id)
        & (EmergencyConfirmation.unit_id == unit.id)
        & (EmergencyConfirmation.state == state)
        & (EmergencyConfirmation.repeat == repeat)
    )
    if session.exec(select(EmergencyConfirmation.id).where(where)).first() is not None:
        return False
    issued = _aware(em.issued_at or em.created_at)
    window = timedelta(seconds=CLOCK_WINDOW_S)
    told, now = at, _aware(now) or now
    if at > now + window or (issued is not None and at < issued - window):
        at = now
    try:
        with session.begin_nested():
            session.add(
                EmergencyConfirmation(
                    emergency_id=em.id,
                    unit_id=unit.id,
                    state=state,
                    repeat=repeat,
                    at=at,
                    reason=reason,
                    received_at=now,
                )
            )
    except IntegrityError:
        return False  # the same report, stored by a concurrent request
    if at != told:
        session.add(
            SyncFlag(
                unit_id=unit.id,
                kind="bad_time",
                detail=f"emergency {em.id} {state} (repeat {repeat}): played at "
                f"{told.isoformat()} cannot be true (after the panel's clock, or before it "
                f"was issued at {issued.isoformat() if issued else '?'}); kept at its "
                f"arrival {now.isoformat()}",
                at=now,
            )
        )
    return True


# --- status --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitStatus:
    unit_id: str
    name: str
    state: str  # waiting | started | finished | failed | stopped
    at: datetime | None


@dataclass(frozen=True)
class Status:
    emergency: Emergency
    state: str  # pending | active | stopped | rejected | expired
    units_total: int
    played_confirmed: int
    units: list[UnitStatus]

    @property
    def waiting(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state not in PLAYED_STATES]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.emergency.id,
            "state": self.state,
            "units_total": self.units_total,
            "played_confirmed": self.played_confirmed,
            "units": [
                {
                    "unit_id": u.unit_id,
                    "state": u.state,
                    "at": u.at.isoformat() if u.at else None,
                }
                for u in self.units
            ],
        }


def state_of(em: Emergency, now: datetime) -> str:
    if em.state == EmergencyState.ACTIVE and _is_expired(em, now):
        return "expired"
    if em.state == EmergencyState.PENDING and _is_expired(em, now):
        return "expired"
    return em.state


_RANK = {"waiting": 0, "failed": 1, "started": 2, "finished": 3, "stopped": 4}


def status(session: Session, em: Emergency, *, now: datetime) -> Status:
    """How many of the units it went to have confirmed playing it, and which have not."""
    area_ids: set[int] = set()
    for a in em.area_ids:
        area_ids |= access.subtree_ids(session, int(a))
    units = session.exec(
        select(Unit).where(col(Unit.area_id).in_(area_ids)).order_by(col(Unit.id))
    ).all()
    seen: dict[str, tuple[str, datetime | None]] = {}
    played: set[str] = set()
    for c in session.exec(
        select(EmergencyConfirmation).where(EmergencyConfirmation.emergency_id == em.id)
    ).all():
        if c.state in PLAYED_STATES:
            played.add(c.unit_id)
        prev = seen.get(c.unit_id)
        if prev is None or _RANK.get(c.state, 0) >= _RANK.get(prev[0], 0):
            seen[c.unit_id] = (c.state, _aware(c.at))
    rows = [UnitStatus(u.id, u.name, *seen.get(u.id, ("waiting", None))) for u in units]
    return Status(
        emergency=em,
        state=state_of(em, now),
        units_total=len(units),
        played_confirmed=len({u.unit_id for u in rows} & played),
        units=rows,
    )


def may_view(session: Session, actor: User, em: Emergency) -> bool:
    """Issuers and reviewers of one of its areas (admins too). Having written it is not
    enough: a writer moved to another commune or left without the role reads it like an
    unknown id (docs/security.md 22), as withdrawing a script needs the role (20)."""
    return any(
        access.has_role(session, actor, Role.ISSUER.value, a)
        or access.has_role(session, actor, Role.REVIEWER.value, a)
        for a in em.area_ids
    )


def visible_emergencies(session: Session, actor: User, *, limit: int = 50) -> list[Emergency]:
    """Newest first: the emergencies of the actor's issuer or reviewer areas (``may_view``)."""
    scope = access.role_area_ids(session, actor, Role.ISSUER.value, Role.REVIEWER.value)
    rows = session.exec(
        select(Emergency).order_by(col(Emergency.created_at).desc()).limit(500)
    ).all()
    out = [e for e in rows if scope & {int(a) for a in e.area_ids}]
    return out[:limit]


# --- demo data -----------------------------------------------------------------------------------

DEMO_TEMPLATE_TEXT = (
    "Thông báo khẩn cấp: bão số {bao} đang tiến vào đất liền, gió mạnh {gio}. "
    "Từ {gio_den} ngày {ngay}, bà con ở {noi} {viec}. "
    "Đề nghị bà con theo dõi loa truyền thanh để nhận tin tiếp theo."
)
DEMO_TEMPLATE_SLOTS = [
    {"name": "bao", "type": "storm", "label": "Số hiệu bão"},
    {"name": "gio", "type": "wind", "label": "Cấp gió"},
    {"name": "gio_den", "type": "time", "label": "Giờ"},
    {"name": "ngay", "type": "date", "label": "Ngày"},
    {"name": "noi", "type": "place", "label": "Nơi"},
    {
        "name": "viec",
        "type": "choice",
        "label": "Việc cần làm",
        "options": ["sơ tán đến nơi an toàn", "chằng chống nhà cửa", "không ra khơi"],
    },
]


def seed_demo_template(
    session: Session, *, area: Area, writer: User, reviewer: User, now: datetime
) -> EmergencyTemplate:
    """The demo's storm template, written by ``writer`` and approved by ``reviewer`` (read
    by espeak-ng's voice of the south, the demo's offline voice)."""
    template = EmergencyTemplate(
        name="Bão khẩn cấp",
        area_id=area.id or 0,
        text=DEMO_TEMPLATE_TEXT,
        slots=check_slot_specs(DEMO_TEMPLATE_TEXT, DEMO_TEMPLATE_SLOTS),
        voice_region=Region.SOUTH.value,
        created_by=_uid(writer),
        created_at=now,
    )
    session.add(template)
    session.flush()
    return approve_template(
        session, actor=reviewer, template_id=template.id or 0, voice=("espeak", None), now=now
    )


def delivered_to(session: Session, unit: Unit, item: str) -> bool:
    """Is ``item`` (an as-run entry's ``emergency-<id>``) an emergency issued to the unit's
    areas? Then its plays are ones the panel sent, not items "never delivered"."""
    key = _uuid(item.removeprefix("emergency-")) if item.startswith("emergency-") else None
    em = session.get(Emergency, key) if key else None
    if em is None or em.bundle_id is None or f"emergency-{em.id}" != item:
        return False
    return bool(_unit_area_ids(session, unit) & {int(a) for a in em.area_ids})

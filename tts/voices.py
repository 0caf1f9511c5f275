"""The installed piper voices and the voice that reads each region (the data dir's voices folder).

``<data_dir>/voices/`` holds NAME.onnx, NAME.onnx.json, NAME.MODEL_CARD (when the voice came
with one) and ``voices.json``: a record per voice (language, quality, sample rate, sha256,
licence, when installed, the test render's length) and the choice per region, ``espeak`` or
``piper:NAME``. ``loa tts voices`` installs and removes; the panel's admin page and ``loa tts
voices choose`` choose. espeak-ng needs nothing here: a region reads with it until another
voice is chosen, and whenever the chosen one is gone or fails (tts.render falls back).

``install`` runs in this order: inspect the pair (tts.engines.piper_config: config fields,
Vietnamese, onnxruntime loads the model), copy it into a staging folder beside the voices,
render a test sentence from the staged copy through the normal path (normalize → piper →
mastering, tts.render) and check that the speech is neither silent nor of an implausible
length, then move the files into place and record them. A refusal at any step leaves nothing
installed. Writers (the CLI, the panel) take a lock on the folder; the record is replaced
atomically, so readers never see half of it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from tts.engines.piper_config import VoiceRejected, inspect_pair
from tts.ports import TTSError, UnknownVoiceError

log = logging.getLogger(__name__)

REGIONS = ("north", "central", "south")
ESPEAK = "espeak"
PIPER_PREFIX = "piper:"
FORMAT_VERSION = 1
RECORD_FILE = "voices.json"
# Read by every voice before it is installed: numbers and a time exercise the normaliser.
TEST_SENTENCE = "Kính thưa bà con, đây là bản tin thử giọng đọc lúc 7 giờ sáng."
STALE_STAGING_S = 24 * 3600

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_RESERVED = {"espeak", "espeak-ng", "espeak_ng", "gtts", "piper"}

__all__ = [
    "ESPEAK",
    "REGIONS",
    "TEST_SENTENCE",
    "InstalledVoice",
    "SynthesisCheck",
    "VoiceRegistry",
    "VoiceRejected",
    "check_synthesis",
]


@dataclass(frozen=True)
class InstalledVoice:
    """One installed piper voice as recorded in voices.json."""

    name: str
    language: str
    sample_rate: int
    sha256: str
    config_sha256: str
    size_bytes: int
    num_speakers: int = 1
    quality: str | None = None
    dataset: str | None = None
    licence: str | None = None
    model_card: bool = False
    source: str = ""  # the file name it was installed from
    installed_at: str = ""  # ISO 8601
    test_seconds: float = 0.0  # length of the test sentence as this voice read it

    @property
    def choice(self) -> str:
        return f"{PIPER_PREFIX}{self.name}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InstalledVoice:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class SynthesisCheck:
    """The test render of a voice: how long its speech was, how loud, which engine read it."""

    seconds: float
    peak: float
    rms_dbfs: float
    engine_used: str


# --- the test render ------------------------------------------------------------------------


class _Recording:
    """An engine wrapper that keeps the raw speech, before mastering changes its level."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.name, self.voice = engine.name, engine.voice
        self.sample_rate, self.version = engine.sample_rate, engine.version
        self.clips: list[np.ndarray] = []

    def synthesize(self, sentence: str) -> np.ndarray:
        audio = np.asarray(self._engine.synthesize(sentence), dtype=np.float32)
        self.clips.append(audio)
        return audio


def check_synthesis(model: Path, config: Path, *, sentence: str = TEST_SENTENCE) -> SynthesisCheck:
    """Render ``sentence`` with the voice as a script would be rendered, and check its speech.

    Refused (VoiceRejected): piper cannot load or run it, the speech is silent or not finite,
    or its length is implausible for the number of syllables read.
    """
    from tts.engines import get_engine
    from tts.render import render_script, spoken_sentences

    label = model.name
    try:
        recorder = _Recording(get_engine("piper", str(model), config_path=config))
        # No cache and no fallback: this must be this voice, read now.
        result = render_script(sentence, engine=recorder, fallback=False)
    except TTSError as exc:
        raise VoiceRejected(
            f"{label}: the test sentence could not be read ({exc.reason})",
            reason_vi=f"{label}: không đọc được câu thử ({exc.reason_vi})",
        ) from exc
    audio = np.concatenate(recorder.clips) if recorder.clips else np.zeros(0, np.float32)
    if not np.all(np.isfinite(audio)):
        raise VoiceRejected(
            f"{label}: the voice produced invalid samples (NaN or infinity)",
            reason_vi=f"{label}: giọng tạo ra mẫu âm thanh hỏng (NaN/vô cực)",
        )
    seconds = audio.size / recorder.sample_rate
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if audio.size else 0.0
    rms_dbfs = 20 * np.log10(max(rms, 1e-12))
    if peak < 0.01 or rms_dbfs < -50.0:
        raise VoiceRejected(
            f"{label}: the voice read the test sentence as silence",
            reason_vi=f"{label}: giọng đọc câu thử ra im lặng",
        )
    syllables = sum(len(s.split()) for s in spoken_sentences(sentence))
    # Vietnamese is read at 3-8 syllables a second; allow a wide margin either way.
    low, high = 0.05 * syllables, 1.0 * syllables + 2.0
    if not low <= seconds <= high:
        raise VoiceRejected(
            f"{label}: the test sentence ({syllables} syllables) lasted {seconds:.1f} s, "
            f"outside {low:.1f}-{high:.1f} s",
            reason_vi=f"{label}: câu thử ({syllables} âm tiết) dài {seconds:.1f} giây, ngoài "
            f"khoảng {low:.1f}-{high:.1f} giây",
        )
    return SynthesisCheck(
        seconds=seconds, peak=peak, rms_dbfs=float(rms_dbfs), engine_used=result.engine_used
    )


# --- the registry ---------------------------------------------------------------------------


def _copy_hashing(src: Path, dst: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with src.open("rb") as fin, dst.open("wb") as fout:
        for block in iter(lambda: fin.read(1 << 20), b""):
            h.update(block)
            size += len(block)
            fout.write(block)
        fout.flush()
        os.fsync(fout.fileno())
    return h.hexdigest(), size


def _unknown(name: str, installed: list[str]) -> UnknownVoiceError:
    have = ", ".join(installed) or "—"
    return UnknownVoiceError(
        f"no installed voice {name!r}; installed: {have}",
        reason_vi=f"Không có giọng đã cài tên '{name}'; các giọng đã cài: {have}",
    )


class VoiceRegistry:
    """The voices folder: what is installed there and which voice each region uses."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    @classmethod
    def for_data_dir(cls, data_dir: str | Path) -> VoiceRegistry:
        return cls(Path(data_dir) / "voices")

    def model_path(self, name: str) -> Path:
        return self.root / f"{name}.onnx"

    def config_path(self, name: str) -> Path:
        return self.root / f"{name}.onnx.json"

    def card_path(self, name: str) -> Path:
        return self.root / f"{name}.MODEL_CARD"

    # --- reading ------------------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        path = self.root / RECORD_FILE
        if not path.is_file():
            return {"version": FORMAT_VERSION, "voices": {}, "regions": {}}
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TTSError(
                f"{path} is unreadable ({exc}); fix or remove it",
                reason_vi=f"Không đọc được {path} ({exc}); hãy sửa hoặc xoá tệp",
            ) from exc
        if not isinstance(doc, dict) or doc.get("version") != FORMAT_VERSION:
            raise TTSError(
                f"{path}: unknown format (expected version {FORMAT_VERSION})",
                reason_vi=f"{path}: định dạng không rõ (cần version {FORMAT_VERSION})",
            )
        doc.setdefault("voices", {})
        doc.setdefault("regions", {})
        return doc

    def voices(self) -> list[InstalledVoice]:
        return [InstalledVoice.from_dict(v) for _, v in sorted(self._read()["voices"].items())]

    def get(self, name: str) -> InstalledVoice | None:
        data = self._read()["voices"].get(name)
        return InstalledVoice.from_dict(data) if data else None

    def present(self, name: str) -> bool:
        """Both files of the voice are in the folder (someone may have deleted them by hand)."""
        return self.model_path(name).is_file() and self.config_path(name).is_file()

    def choices(self) -> dict[str, str]:
        """Every region's voice: ``espeak`` or ``piper:NAME`` (espeak where none was chosen)."""
        chosen = self._read()["regions"]
        return {r: chosen.get(r, ESPEAK) for r in REGIONS}

    def region_voices(self) -> dict[str, tuple[str, str | None]]:
        """(engine, voice) of the regions someone chose a voice for, as renders take them.

        A record that cannot be read chooses nothing (espeak-ng keeps working); it is logged.
        """
        try:
            chosen = self._read()["regions"]
        except TTSError as exc:
            log.error("voice choices ignored: %s", exc)
            return {}
        out: dict[str, tuple[str, str | None]] = {}
        for region, choice in chosen.items():
            if region in REGIONS and isinstance(choice, str):
                if choice.startswith(PIPER_PREFIX):
                    out[region] = ("piper", choice[len(PIPER_PREFIX) :])
                elif choice == ESPEAK:
                    out[region] = (ESPEAK, None)
        return out

    def chosen_by(self, name: str) -> list[str]:
        """The regions whose chosen voice is ``name``."""
        return [r for r, c in self.choices().items() if c == f"{PIPER_PREFIX}{name}"]

    # --- writing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, Any]]:
        """Read-modify-write of voices.json under an exclusive lock; written on success."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            doc = self._read()
            yield doc
            self._write(doc)

    def _write(self, doc: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".voices-", suffix=".json.tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2, sort_keys=True)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.root / RECORD_FILE)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def normalize_choice(self, choice: str) -> str:
        """``espeak``/``espeak-ng`` → ``espeak``; ``NAME`` or ``piper:NAME`` of an installed
        voice whose files are here → ``piper:NAME``; anything else is UnknownVoiceError."""
        choice = (choice or "").strip()
        if choice in ("espeak", "espeak-ng", "espeak_ng"):
            return ESPEAK
        name = choice.removeprefix(PIPER_PREFIX)
        voices = self._read()["voices"]
        if name not in voices or not self.present(name):
            raise _unknown(name, sorted(voices))
        return f"{PIPER_PREFIX}{name}"

    def choose(self, region: str, choice: str) -> str:
        """Region ``region`` reads with ``choice`` from now on; returns the previous choice."""
        if region not in REGIONS:
            raise UnknownVoiceError(
                f"unknown region {region!r}; regions: {', '.join(REGIONS)}",
                reason_vi=f"Không có vùng '{region}'; các vùng: {', '.join(REGIONS)}",
            )
        choice = self.normalize_choice(choice)
        with self._locked() as doc:
            previous = doc["regions"].get(region, ESPEAK)
            doc["regions"][region] = choice
        return previous

    def install(
        self,
        model: str | Path,
        *,
        config: str | Path | None = None,
        model_card: str | Path | None = None,
        name: str | None = None,
        force: bool = False,
        now: datetime,
    ) -> tuple[InstalledVoice, SynthesisCheck]:
        """Check, test-render and install a piper voice pair (the order is in the module doc).

        ``config`` defaults to MODEL.json beside the model, ``model_card`` to a MODEL_CARD
        beside it if there is one; ``name`` to the model's file name without ``.onnx``. An
        installed voice of that name is replaced only with ``force``.
        """
        model = Path(model)
        config = Path(config) if config else model.with_name(model.name + ".json")
        card = Path(model_card) if model_card else self._card_beside(model)
        name = name or model.name.removesuffix(".onnx")
        self._check_name(name)
        if not model.is_file():
            raise VoiceRejected(
                f"{model.name}: the model file does not exist",
                reason_vi=f"{model.name}: không có tệp mô hình",
            )
        if not config.is_file():
            raise VoiceRejected(
                f"{config.name}: no voice config beside the model; give it with --config",
                reason_vi=f"{config.name}: không thấy tệp cấu hình cạnh mô hình; hãy chỉ rõ "
                "bằng --config",
            )
        if not force:
            self._refuse_existing(name, self._read())
        facts = inspect_pair(model, config, model_card=card)
        self.root.mkdir(parents=True, exist_ok=True)
        self._clean_staging()
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
        try:
            staged_model, staged_config = staging / f"{name}.onnx", staging / f"{name}.onnx.json"
            sha256, size = _copy_hashing(model, staged_model)
            config_sha256, _ = _copy_hashing(config, staged_config)
            if card is not None:
                _copy_hashing(card, staging / f"{name}.MODEL_CARD")
            check = check_synthesis(staged_model, staged_config)
            voice = InstalledVoice(
                name=name,
                language=facts.language,
                sample_rate=facts.sample_rate,
                sha256=sha256,
                config_sha256=config_sha256,
                size_bytes=size,
                num_speakers=facts.num_speakers,
                quality=facts.quality,
                dataset=facts.dataset,
                licence=facts.licence,
                model_card=card is not None,
                source=model.name,
                installed_at=now.isoformat(timespec="seconds"),
                test_seconds=round(check.seconds, 2),
            )
            with self._locked() as doc:
                if not force:
                    self._refuse_existing(name, doc)  # installed meanwhile by someone else
                # The model first: a NAME.onnx without its .json is never picked up as a voice.
                os.replace(staged_model, self.model_path(name))
                os.replace(staged_config, self.config_path(name))
                if card is not None:
                    os.replace(staging / f"{name}.MODEL_CARD", self.card_path(name))
                else:
                    self.card_path(name).unlink(missing_ok=True)
                doc["voices"][name] = voice.to_dict()
            return voice, check
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def remove(self, name: str) -> tuple[InstalledVoice, list[str]]:
        """Delete the voice's files and record. Regions that chose it keep the choice (their
        renders fall back to espeak-ng and say so) until another voice is chosen; they are
        returned so the caller can say which."""
        with self._locked() as doc:
            data = doc["voices"].pop(name, None)
            if data is None:
                raise _unknown(name, sorted(doc["voices"]))
            for path in (self.model_path(name), self.config_path(name), self.card_path(name)):
                path.unlink(missing_ok=True)
            still = [r for r, c in doc["regions"].items() if c == f"{PIPER_PREFIX}{name}"]
        return InstalledVoice.from_dict(data), sorted(still, key=REGIONS.index)

    # --- helpers ------------------------------------------------------------------------

    @staticmethod
    def _card_beside(model: Path) -> Path | None:
        stem = model.name.removesuffix(".onnx")
        for candidate in (
            f"{stem}.MODEL_CARD",
            f"{model.name}.MODEL_CARD",
            "MODEL_CARD",
            "MODEL_CARD.md",
        ):
            path = model.with_name(candidate)
            if path.is_file():
                return path
        return None

    @staticmethod
    def _check_name(name: str) -> None:
        if not _NAME.match(name) or name.lower() in _RESERVED or name.endswith((".onnx", ".json")):
            raise VoiceRejected(
                f"{name!r} cannot name a voice: use letters, digits, '_', '-' and '.' "
                "(like vi_VN-vais1000-medium)",
                reason_vi=f"'{name}' không dùng làm tên giọng được: chỉ dùng chữ, số, '_', '-' "
                "và '.' (như vi_VN-vais1000-medium)",
            )

    def _refuse_existing(self, name: str, doc: dict[str, Any]) -> None:
        if (
            name in doc["voices"]
            or self.model_path(name).exists()
            or self.config_path(name).exists()
        ):
            raise VoiceRejected(
                f"a voice named {name!r} is already installed; add --force to replace it",
                reason_vi=f"Đã có giọng tên '{name}'; thêm --force để thay thế",
            )

    def _clean_staging(self) -> None:
        """Staging folders an interrupted install left behind (older than a day)."""
        for entry in self.root.glob(".staging-*"):
            with contextlib.suppress(OSError):
                if time.time() - entry.stat().st_mtime > STALE_STAGING_S:
                    shutil.rmtree(entry, ignore_errors=True)

"""Render a script or a recording to a mastered 48 kHz mono WAV, and fingerprint what made it."""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tts.cache import SentenceCache
from tts.engines import default_voice, get_engine
from tts.filters import band_limit, resample
from tts.loudness import (
    LoudnessReport,
    active_speech_seconds,
    clipped_fraction,
    normalize_loudness,
    reference_loudness,
    true_peak_dbtp,
)
from tts.mix import ProgrammeTemplate, assemble
from tts.ports import (
    AudioInputError,
    EngineUnavailableError,
    NoSpeechError,
    TTSEngine,
    TTSError,
)

# Bump when the mastering maths change in a way the source digest below cannot see
# (e.g. a dependency upgrade known to change the sound).
RENDER_VERSION = "1"
_AUDIO_MODULES = (
    "mix.py",
    "filters.py",
    "loudness.py",
    "render.py",
    "cache.py",
    "engines/espeak.py",
    "engines/piper.py",
    "engines/gtts.py",
)

Progress = Callable[[int, int], None]
"""progress(done, total): called once before synthesis (done=0) and after each sentence."""


@dataclass(frozen=True)
class RenderWarning:
    code: str
    message_vi: str
    message_en: str

    def __str__(self) -> str:
        return self.message_en


@dataclass(frozen=True)
class RenderResult:
    """One render: the WAV bytes and everything the panel shows or binds an approval to."""

    audio: bytes
    sha256: str
    duration_s: float
    sample_rate: int
    loudness_lufs: float
    true_peak_dbtp: float
    engine_used: str
    voice_used: str
    fingerprint: str
    sentences: tuple[str, ...] = ()
    warnings: tuple[RenderWarning, ...] = ()
    fallback_reason: str | None = None
    fallback_reason_vi: str | None = None
    path: Path | None = None
    limiter_reduction_db: float = 0.0


@dataclass(frozen=True)
class Assets:
    """Template audio decoded at the programme's rate (None where the template has none)."""

    intro: np.ndarray | None = None
    outro: np.ndarray | None = None
    bed: np.ndarray | None = None
    hashes: Mapping[str, str] = field(default_factory=dict)


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_ASSET_LABELS = {
    "intro": ("intro jingle", "nhạc hiệu mở đầu"),
    "outro": ("outro jingle", "nhạc hiệu kết thúc"),
    "music_bed": ("music bed", "nhạc nền"),
}


def load_assets(template: ProgrammeTemplate) -> Assets:
    """Decode the template's jingles and bed; a missing or corrupt file is a clear error."""
    from tts.decode import decode_upload

    out: dict[str, np.ndarray | None] = {}
    hashes: dict[str, str] = {}
    for f, (en, vi) in _ASSET_LABELS.items():
        path = getattr(template, f)
        if not path:
            out[f] = None
            continue
        try:
            audio, _sr = decode_upload(path, sample_rate=template.sample_rate)
            hashes[f] = _file_sha256(Path(path))
        except AudioInputError as exc:
            raise AudioInputError(f"{en}: {exc}", reason_vi=f"{vi}: {exc.reason_vi}") from exc
        out[f] = audio
    return Assets(intro=out["intro"], outro=out["outro"], bed=out["music_bed"], hashes=hashes)


def asset_hashes(template: ProgrammeTemplate) -> dict[str, str]:
    """sha256 of each template file (jingles, bed); a missing file hashes as 'missing'."""
    hashes = {}
    for f in _ASSET_LABELS:
        path = getattr(template, f)
        if path:
            p = Path(path)
            hashes[f] = _file_sha256(p) if p.is_file() else "missing"
    return hashes


# --- text -> spoken sentences ----------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+|\n+")


def spoken_sentences(
    text: str, *, region: str = "north", lexicon: Mapping[str, str] | None = None
) -> list[str]:
    """The script as the sentences the engine will read (normalised by tts.normalize).

    Until tts.normalize exists, the text is only NFC-normalised and split at sentence
    punctuation, so the rest of the pipeline can run.
    """
    try:
        from tts.normalize import normalize, split_sentences
    except ModuleNotFoundError as exc:
        if exc.name != "tts.normalize":
            raise
        plain = unicodedata.normalize("NFC", text)
        parts = (re.sub(r"\s+", " ", p).strip() for p in _SENTENCE_END.split(plain))
        return [p for p in parts if p]
    spoken = normalize(text, region=region, lexicon=lexicon)
    return [s for s in (x.strip() for x in split_sentences(spoken)) if s]


def lexicon_entries_used(text: str, lexicon: Mapping[str, str] | None) -> dict[str, str]:
    """Entries whose key appears in the text (all-capitals keys case-sensitively)."""
    if lexicon is None:
        try:
            from tts.lexicon import DEFAULT_LEXICON
        except ImportError:
            return {}
        lexicon = DEFAULT_LEXICON
    nfc = unicodedata.normalize("NFC", text)
    folded = nfc.casefold()
    used = {}
    for key, spoken in lexicon.items():
        k = unicodedata.normalize("NFC", str(key))
        if (k in nfc) if k.isupper() else (k.casefold() in folded):
            used[k] = str(spoken)
    return dict(sorted(used.items()))


def _code_digest() -> str:
    h = hashlib.sha256(RENDER_VERSION.encode())
    base = Path(__file__).parent
    for name in _AUDIO_MODULES:
        try:
            h.update(name.encode() + b"\0" + (base / name).read_bytes())
        except OSError:
            h.update(name.encode() + b"\0missing")
    return h.hexdigest()


def _fingerprint(
    *,
    sentences: Sequence[str],
    lexicon_used: Mapping[str, str],
    engine: str,
    voice: str,
    engine_version: str,
    template: ProgrammeTemplate,
    assets: Mapping[str, str],
    source: str | None = None,
) -> str:
    doc = {
        "version": 1,
        "sentences": list(sentences),
        "lexicon": dict(lexicon_used),
        "engine": engine,
        "voice": voice,
        "engine_version": engine_version,
        "template": {
            k: v
            for k, v in template.to_dict().items()
            if k not in ("name", "intro", "outro", "music_bed")
        },
        "assets": dict(sorted(assets.items())),
        "source": source,
        "code": _code_digest(),
    }
    blob = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _make_engine(
    engine: str | TTSEngine, voice: str | None, region: str, options: Mapping[str, Any] | None
) -> TTSEngine:
    if not isinstance(engine, str):
        return engine
    return get_engine(engine, voice, region=region, **dict(options or {}))


def render_fingerprint(
    text: str,
    *,
    engine: str | TTSEngine = "espeak",
    voice: str | None = None,
    region: str = "north",
    engine_options: Mapping[str, Any] | None = None,
    template: ProgrammeTemplate | None = None,
    lexicon: Mapping[str, str] | None = None,
) -> str:
    """sha256 over everything that changes the rendered audio.

    Normalised sentences, the lexicon entries the text uses, engine, voice and engine
    version, the template's settings, the jingle/bed file hashes and the mastering code.
    If it differs from the fingerprint stored with an approval, the approval no longer
    describes what would be broadcast.
    """
    template = template or ProgrammeTemplate()
    eng = _make_engine(engine, voice, region, engine_options)
    return _fingerprint(
        sentences=spoken_sentences(text, region=region, lexicon=lexicon),
        lexicon_used=lexicon_entries_used(text, lexicon),
        engine=eng.name,
        voice=eng.voice,
        engine_version=eng.version,
        template=template,
        assets=asset_hashes(template),
    )


# --- mastering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mastered:
    audio: np.ndarray
    sample_rate: int
    report: LoudnessReport
    speech_regions: tuple[tuple[int, int], ...]


def master(
    speech: Sequence[np.ndarray], *, template: ProgrammeTemplate, assets: Assets | None = None
) -> Mastered:
    """Mix (jingles, pauses, repeats, ducked bed) → band-limit → loudness → true-peak limit.

    ``speech`` clips must already be at ``template.sample_rate``.
    """
    assets = assets or Assets()
    programme = assemble(
        speech, template=template, intro=assets.intro, outro=assets.outro, bed=assets.bed
    )
    sr = programme.sample_rate
    shaped = band_limit(
        programme.audio, sr, low_hz=template.band_low_hz, high_hz=template.band_high_hz
    )
    audio, report = normalize_loudness(
        shaped,
        sr,
        target_lufs=template.target_lufs,
        ceiling_dbtp=template.ceiling_dbtp,
        bandwidth_hz=template.band_high_hz,
    )
    return Mastered(
        audio=audio, sample_rate=sr, report=report, speech_regions=programme.speech_regions
    )


def encode_wav(audio: np.ndarray, sample_rate: int) -> bytes:
    """16-bit PCM WAV with no metadata chunks: identical samples give identical bytes."""
    import soundfile

    buf = io.BytesIO()
    soundfile.write(buf, np.clip(audio, -1.0, 1.0), sample_rate, subtype="PCM_16", format="WAV")
    return buf.getvalue()


def _loudness_warnings(mastered: Mastered, template: ProgrammeTemplate) -> list[RenderWarning]:
    out = mastered.report.output_lufs
    if np.isfinite(out) and abs(out - template.target_lufs) > 0.5:
        return [
            RenderWarning(
                "loudness_target_missed",
                f"Độ lớn {out:.1f} LUFS chưa đạt mức {template.target_lufs:.1f} LUFS: âm thanh "
                "quá nhiều đỉnh so với trần đỉnh thật",
                f"Loudness {out:.1f} LUFS misses the {template.target_lufs:.1f} LUFS target: "
                "the material is too peaky for the true-peak ceiling",
            )
        ]
    return []


def _finish(mastered: Mastered, *, out_path: str | Path | None, **fields: Any) -> RenderResult:
    wav = encode_wav(mastered.audio, mastered.sample_rate)
    # Report what is in the file: the 16-bit samples, measured by pyloudnorm itself.
    import soundfile

    pcm, _ = soundfile.read(io.BytesIO(wav), dtype="float32")
    path = None
    if out_path is not None:
        path = Path(out_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wav)
    return RenderResult(
        audio=wav,
        sha256=hashlib.sha256(wav).hexdigest(),
        duration_s=pcm.size / mastered.sample_rate,
        sample_rate=mastered.sample_rate,
        loudness_lufs=reference_loudness(pcm, mastered.sample_rate),
        true_peak_dbtp=true_peak_dbtp(pcm),
        limiter_reduction_db=mastered.report.limiter_reduction_db,
        path=path,
        **fields,
    )


def _synthesize_all(
    engine: TTSEngine,
    sentences: Sequence[str],
    cache: SentenceCache | None,
    progress: Progress | None,
    sample_rate: int,
) -> list[np.ndarray]:
    clips = []
    total = len(sentences)
    if progress:
        progress(0, total)
    for i, sentence in enumerate(sentences, 1):
        audio = cache.synthesize(engine, sentence) if cache else engine.synthesize(sentence)
        clips.append(resample(np.asarray(audio, dtype=np.float32), engine.sample_rate, sample_rate))
        if progress:
            progress(i, total)
    return clips


def render_script(
    text: str,
    *,
    engine: str | TTSEngine = "espeak",
    voice: str | None = None,
    region: str = "north",
    engine_options: Mapping[str, Any] | None = None,
    fallback: bool = True,
    template: ProgrammeTemplate | None = None,
    lexicon: Mapping[str, str] | None = None,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    out_path: str | Path | None = None,
) -> RenderResult:
    """Normalise, synthesize (cached per sentence), master and encode a script.

    If the engine is unavailable (gTTS offline, piper not installed, a chosen piper voice
    removed or failing: tts.engines.piper.PiperVoiceMissing) and ``fallback`` is on, the
    whole script is read by the offline espeak-ng voice for ``region`` instead, and
    ``fallback_reason`` says why, so the panel can show it on the script.
    """
    template = template or ProgrammeTemplate()
    sentences = spoken_sentences(text, region=region, lexicon=lexicon)
    if not sentences:
        raise TTSError(
            "the script has no text to read", reason_vi="Kịch bản không có nội dung để đọc"
        )
    cache = SentenceCache(cache_dir) if cache_dir is not None else None
    assets = load_assets(template)  # fail on a bad jingle before spending time on TTS
    warnings: list[RenderWarning] = []
    fallback_reason = fallback_reason_vi = None
    try:
        eng = _make_engine(engine, voice, region, engine_options)
        clips = _synthesize_all(eng, sentences, cache, progress, template.sample_rate)
    except EngineUnavailableError as exc:
        offline = isinstance(engine, str) and engine in ("espeak", "espeak-ng")
        if not fallback or offline:
            raise
        # Mixing two voices in one broadcast sounds broken: re-read every sentence.
        eng = get_engine("espeak", default_voice("espeak", region))
        fallback_reason, fallback_reason_vi = str(exc), exc.reason_vi
        warnings.append(
            RenderWarning(
                "engine_fallback",
                f"Đã dùng giọng đọc ngoại tuyến {eng.name}:{eng.voice} vì {exc.reason_vi}",
                f"Used the offline voice {eng.name}:{eng.voice} because {exc}",
            )
        )
        clips = _synthesize_all(eng, sentences, cache, progress, template.sample_rate)
    mastered = master(clips, template=template, assets=assets)
    warnings += _loudness_warnings(mastered, template)
    fingerprint = _fingerprint(
        sentences=sentences,
        lexicon_used=lexicon_entries_used(text, lexicon),
        engine=eng.name,
        voice=eng.voice,
        engine_version=eng.version,
        template=template,
        assets=assets.hashes,
    )
    return _finish(
        mastered,
        out_path=out_path,
        engine_used=f"{eng.name}:{eng.voice}",
        voice_used=eng.voice,
        fingerprint=fingerprint,
        sentences=tuple(sentences),
        warnings=tuple(warnings),
        fallback_reason=fallback_reason,
        fallback_reason_vi=fallback_reason_vi,
    )


def render_recording(
    path: str | Path,
    *,
    template: ProgrammeTemplate | None = None,
    progress: Progress | None = None,
    out_path: str | Path | None = None,
    min_speech_s: float = 0.5,
) -> RenderResult:
    """Master an uploaded recording through the same chain as TTS speech.

    Refuses files that are not complete audio (AudioInputError) and recordings without
    speech (NoSpeechError); a clipped recording is rendered (limited) with a warning.
    """
    from tts.decode import decode_upload

    template = template or ProgrammeTemplate()
    assets = load_assets(template)
    if progress:
        progress(0, 1)
    audio, sr = decode_upload(path)
    warnings: list[RenderWarning] = []
    if active_speech_seconds(audio, sr) < min_speech_s:
        raise NoSpeechError(
            f"{Path(path).name}: no speech found in the recording",
            reason_vi=f"{Path(path).name}: không tìm thấy tiếng nói trong bản ghi âm",
        )
    clipped = clipped_fraction(audio)
    if clipped > 1e-4:
        warnings.append(
            RenderWarning(
                "clipping",
                f"Bản ghi âm bị méo do quá mức ({clipped:.2%} mẫu); đã giới hạn đỉnh, "
                "nên ghi âm lại nhỏ hơn",
                f"The recording is clipped ({clipped:.2%} of samples); peaks were limited, "
                "consider re-recording at a lower level",
            )
        )
    speech = resample(audio, sr, template.sample_rate)
    mastered = master([speech], template=template, assets=assets)
    warnings += _loudness_warnings(mastered, template)
    if progress:
        progress(1, 1)
    fingerprint = _fingerprint(
        sentences=(),
        lexicon_used={},
        engine="recording",
        voice="",
        engine_version="",
        template=template,
        assets=assets.hashes,
        source=_file_sha256(Path(path)),
    )
    return _finish(
        mastered,
        out_path=out_path,
        engine_used="recording",
        voice_used="",
        fingerprint=fingerprint,
        warnings=tuple(warnings),
    )

"""Programme templates and assembly: jingles, speech, pauses, repeats, a ducked music bed."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tts.ports import TemplateError

_ASSET_FIELDS = ("intro", "outro", "music_bed")


@dataclass(frozen=True)
class ProgrammeTemplate:
    """How one broadcast is laid out and mastered.

    intro, speech (sentences separated by ``sentence_pause_s``), repeated ``repeats`` times
    with ``repeat_gap_s`` between, then outro. An optional music bed plays under the
    speech section and is ducked by ``duck_db`` while speech plays. Levels of jingles and
    bed are relative to the speech's RMS; the whole programme is then band-limited and
    normalised to ``target_lufs`` with a true-peak ceiling.
    """

    name: str = "default"
    intro: str | None = None
    outro: str | None = None
    music_bed: str | None = None
    jingle_level_db: float = 0.0
    bed_level_db: float = -6.0
    duck_db: float = 10.0
    duck_attack_ms: float = 150.0
    duck_release_ms: float = 500.0
    bed_fade_s: float = 1.0
    lead_in_s: float = 0.6
    sentence_pause_s: float = 0.45
    repeats: int = 1
    repeat_gap_s: float = 2.0
    lead_out_s: float = 0.6
    edge_silence_s: float = 0.2
    band_low_hz: float | None = 150.0
    band_high_hz: float | None = 7000.0
    target_lufs: float = -16.0
    ceiling_dbtp: float = -1.0
    sample_rate: int = 48000

    def __post_init__(self) -> None:
        problems = []
        if not 1 <= int(self.repeats) <= 20:
            problems.append(("repeats must be 1–20", "số lần lặp phải từ 1 đến 20"))
        for f in (
            "lead_in_s",
            "sentence_pause_s",
            "repeat_gap_s",
            "lead_out_s",
            "edge_silence_s",
            "bed_fade_s",
            "duck_db",
            "duck_attack_ms",
            "duck_release_ms",
        ):
            v = getattr(self, f)
            if not (isinstance(v, int | float) and 0 <= v <= 600):
                problems.append((f"{f} must be a number of 0–600", f"{f} phải là số từ 0 đến 600"))
        if not -40.0 <= self.target_lufs <= -5.0:
            problems.append(
                ("target_lufs must be between -40 and -5", "target_lufs phải từ -40 đến -5")
            )
        if not -20.0 <= self.ceiling_dbtp <= 0.0:
            problems.append(
                ("ceiling_dbtp must be between -20 and 0", "ceiling_dbtp phải từ -20 đến 0")
            )
        if self.sample_rate not in (16000, 22050, 24000, 32000, 44100, 48000):
            problems.append(
                (
                    "sample_rate must be a standard rate such as 48000",
                    "sample_rate phải là tần số chuẩn, ví dụ 48000",
                )
            )
        lo, hi = self.band_low_hz, self.band_high_hz
        if lo is not None and hi is not None and not 0 < lo < hi:
            problems.append(
                ("band_low_hz must be below band_high_hz", "band_low_hz phải nhỏ hơn band_high_hz")
            )
        if problems:
            raise TemplateError(
                f"template {self.name!r}: " + "; ".join(p[0] for p in problems),
                reason_vi=f"Mẫu chương trình '{self.name}': " + "; ".join(p[1] for p in problems),
            )

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, base_dir: str | Path | None = None
    ) -> ProgrammeTemplate:
        """Build from plain data; asset paths are resolved against ``base_dir``."""
        known = {f.name for f in dataclasses.fields(cls)}
        body = dict(data)
        body.pop("version", None)  # saved formats carry a version; 1 is the only one so far
        unknown = sorted(set(body) - known)
        if unknown:
            raise TemplateError(
                f"unknown template field(s): {', '.join(unknown)}",
                reason_vi=f"Mẫu chương trình có trường không hợp lệ: {', '.join(unknown)}",
            )
        for f in _ASSET_FIELDS:
            if body.get(f) and base_dir is not None:
                body[f] = str((Path(base_dir) / str(body[f])).resolve())
        try:
            return cls(**body)
        except TypeError as exc:
            raise TemplateError(
                str(exc), reason_vi=f"Mẫu chương trình không hợp lệ: {exc}"
            ) from exc

    @classmethod
    def load(cls, path: str | Path) -> ProgrammeTemplate:
        """Read a .json or .toml template; relative asset paths are relative to the file."""
        p = Path(path)
        try:
            raw = p.read_bytes()
            data = tomllib.loads(raw.decode("utf-8")) if p.suffix == ".toml" else json.loads(raw)
        except (OSError, ValueError) as exc:
            raise TemplateError(
                f"cannot read template {p.name}: {exc}",
                reason_vi=f"Không đọc được mẫu chương trình {p.name}: {exc}",
            ) from exc
        if not isinstance(data, dict):
            raise TemplateError(
                f"template {p.name} is not a table",
                reason_vi=f"Mẫu chương trình {p.name} không đúng định dạng",
            )
        data.setdefault("name", p.stem)
        return cls.from_dict(data, base_dir=p.parent)

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, **dataclasses.asdict(self)}


@dataclass(frozen=True)
class Programme:
    """An assembled (not yet mastered) programme and where its speech sits."""

    audio: np.ndarray
    sample_rate: int
    speech_regions: tuple[tuple[int, int], ...]


def trim_silence(audio: np.ndarray, *, floor: float = 1e-3) -> np.ndarray:
    """Drop leading and trailing samples below ``floor`` (TTS engines pad both ends)."""
    loud = np.flatnonzero(np.abs(audio) >= floor)
    if loud.size == 0:
        return audio[:0]
    return audio[loud[0] : loud[-1] + 1]


def _rms(audio: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if audio.size else 0.0


def _scaled_to(audio: np.ndarray, reference_rms: float, level_db: float) -> np.ndarray:
    rms = _rms(audio)
    if rms <= 0 or reference_rms <= 0:
        return audio.astype(np.float32)
    return (audio * np.float32(reference_rms / rms * 10 ** (level_db / 20))).astype(np.float32)


def merge_regions(regions: Sequence[tuple[int, int]], *, min_gap: int) -> list[tuple[int, int]]:
    """Join regions separated by fewer than ``min_gap`` samples."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start - merged[-1][1] < min_gap:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def duck_envelope(
    length: int,
    regions: Sequence[tuple[int, int]],
    *,
    sample_rate: int,
    depth_db: float = 10.0,
    attack_ms: float = 150.0,
    release_ms: float = 500.0,
) -> np.ndarray:
    """Gain for the music bed: ``-depth_db`` during speech, 0 dB elsewhere.

    The speech timings are known in advance, so the bed starts going down ``attack_ms``
    before each region and reaches full depth exactly when speech starts (no look-ahead
    guesswork); it comes back up over ``release_ms`` after the region. Ramps are linear
    in dB. Pauses shorter than attack + release stay ducked rather than pumping.
    """
    attack = round(attack_ms * 1e-3 * sample_rate)
    release = round(release_ms * 1e-3 * sample_rate)
    gain = np.ones(length, dtype=np.float32)
    floor = np.float32(10 ** (-depth_db / 20))
    # Ramps are computed once and sliced; only ramp samples pay for the dB->linear power.
    down = (10 ** (-depth_db * np.arange(1, attack + 1) / max(attack, 1) / 20)).astype(np.float32)
    up = (10 ** (-depth_db * (1 - np.arange(1, release + 1) / max(release, 1)) / 20)).astype(
        np.float32
    )
    for start, end in merge_regions(regions, min_gap=attack + release):
        s, e = max(0, start), min(length, end)
        gain[s:e] = floor
        a0 = start - attack
        lo = max(0, a0)
        if s > lo:
            gain[lo:s] = down[lo - a0 : s - a0]
        hi = min(length, end + release)
        if hi > e:
            gain[e:hi] = up[e - end : hi - end]
    return gain


def _fit_bed(bed: np.ndarray, length: int, fade: int) -> np.ndarray:
    """Loop the bed to ``length`` samples with a fade-in and fade-out."""
    if bed.size == 0 or length <= 0:
        return np.zeros(max(length, 0), dtype=np.float32)
    reps = -(-length // bed.size)
    out = np.tile(bed.astype(np.float32), reps)[:length].copy()
    fade = min(fade, length // 2)
    if fade > 0:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        out[:fade] *= ramp
        out[-fade:] *= ramp[::-1]
    return out


def assemble(
    speech: Sequence[np.ndarray],
    *,
    template: ProgrammeTemplate,
    intro: np.ndarray | None = None,
    outro: np.ndarray | None = None,
    bed: np.ndarray | None = None,
) -> Programme:
    """Lay out a programme at ``template.sample_rate`` from speech clips at that rate.

    Clips are trimmed of their own leading/trailing silence so the template's pauses are
    the pauses heard. Jingles and bed are level-matched to the speech's RMS.
    """
    sr = template.sample_rate
    clips = [trim_silence(np.asarray(c, dtype=np.float32)) for c in speech]
    clips = [c for c in clips if c.size]
    speech_rms = _rms(np.concatenate(clips)) if clips else 0.0
    pause = np.zeros(round(template.sentence_pause_s * sr), dtype=np.float32)
    edge = np.zeros(round(template.edge_silence_s * sr), dtype=np.float32)
    parts: list[np.ndarray] = [edge]
    pos = edge.size
    regions: list[tuple[int, int]] = []

    def put(chunk: np.ndarray) -> None:
        nonlocal pos
        parts.append(chunk)
        pos += chunk.size

    if intro is not None and intro.size:
        put(_scaled_to(intro, speech_rms, template.jingle_level_db))
        put(np.zeros(round(template.lead_in_s * sr), dtype=np.float32))
    speech_start = pos
    for rep in range(template.repeats if clips else 0):
        if rep:
            put(np.zeros(round(template.repeat_gap_s * sr), dtype=np.float32))
        for i, clip in enumerate(clips):
            if i:
                put(pause)
            regions.append((pos, pos + clip.size))
            put(clip)
    speech_end = pos
    if outro is not None and outro.size:
        put(np.zeros(round(template.lead_out_s * sr), dtype=np.float32))
        put(_scaled_to(outro, speech_rms, template.jingle_level_db))
    put(edge)
    audio = np.concatenate(parts).astype(np.float32, copy=False)
    if bed is not None and bed.size and speech_end > speech_start:
        fade = round(template.bed_fade_s * sr)
        start = max(0, speech_start - fade)
        stop = min(audio.size, speech_end + fade)
        layer = _fit_bed(_scaled_to(bed, speech_rms, template.bed_level_db), stop - start, fade)
        local = [(s - start, e - start) for s, e in regions]
        layer *= duck_envelope(
            stop - start,
            local,
            sample_rate=sr,
            depth_db=template.duck_db,
            attack_ms=template.duck_attack_ms,
            release_ms=template.duck_release_ms,
        )
        audio[start:stop] += layer
    return Programme(audio=audio, sample_rate=sr, speech_regions=tuple(regions))

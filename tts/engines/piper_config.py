"""Checks on a downloaded piper voice (NAME.onnx + NAME.onnx.json) before Loa installs it.

In order: the config is a JSON object of sensible size with what piper-tts needs
(``audio.sample_rate``, espeak phonemes and ``espeak.voice``, the phoneme id map, the symbol
and speaker counts) and a Vietnamese ``language.code``; then onnxruntime loads the model and
it takes piper's inputs. What the voice record shows (quality, dataset, licence) is read here
too, the licence from the config or the voice's MODEL_CARD. Every refusal is a
``VoiceRejected`` naming the file, in Vietnamese and English.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tts.ports import TTSError

MAX_CONFIG_BYTES = 2 * 1024 * 1024  # real configs are 5-10 kB
MAX_MODEL_BYTES = 1024 * 1024 * 1024  # the "high" piper voices are about 110 MB
MAX_MODEL_CARD_BYTES = 256 * 1024
QUALITIES = ("x_low", "low", "medium", "high")
PIPER_INPUTS = ("input", "input_lengths", "scales")

_LICENCE_LINE = re.compile(r"^\s*[*\-]?\s*licen[cs]e\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


class VoiceRejected(TTSError, ValueError):
    """A voice that cannot be installed (bad config, not a model, silent, already there)."""


@dataclass(frozen=True)
class PiperVoiceFacts:
    """What a voice's config says about it, checked."""

    language: str
    sample_rate: int
    espeak_voice: str
    num_speakers: int
    quality: str | None = None
    dataset: str | None = None
    licence: str | None = None


def _reject(en: str, vi: str) -> VoiceRejected:
    return VoiceRejected(en, reason_vi=vi)


def read_config(path: Path) -> dict[str, Any]:
    """The config file as a JSON object, or VoiceRejected saying what is wrong with it."""
    if not path.is_file():
        raise _reject(
            f"{path.name}: the voice config file does not exist",
            f"{path.name}: không có tệp cấu hình giọng",
        )
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise _reject(
            f"{path.name}: too large for a piper voice config",
            f"{path.name}: quá lớn, không phải cấu hình giọng piper",
        )
    try:
        config = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _reject(
            f"{path.name}: not valid JSON ({exc})", f"{path.name}: không phải JSON hợp lệ ({exc})"
        ) from None
    if not isinstance(config, dict):
        raise _reject(
            f"{path.name}: a piper voice config is a JSON object",
            f"{path.name}: cấu hình giọng piper phải là một đối tượng JSON",
        )
    return config


def _field(config: dict[str, Any], dotted: str) -> Any:
    value: Any = config
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def check_config(config: dict[str, Any], *, filename: str) -> PiperVoiceFacts:
    """The fields piper-tts reads (``PiperConfig.from_dict``), and a Vietnamese language."""

    def missing(dotted: str, vi_what: str) -> VoiceRejected:
        return _reject(
            f"{filename}: missing or invalid {dotted}",
            f"{filename}: thiếu hoặc sai {dotted} ({vi_what})",
        )

    rate = _field(config, "audio.sample_rate")
    if isinstance(rate, bool) or not isinstance(rate, int) or not 8000 <= rate <= 96000:
        raise missing("audio.sample_rate", "tần số lấy mẫu, ví dụ 22050")
    phoneme_type = config.get("phoneme_type", "espeak")
    if phoneme_type != "espeak":
        raise _reject(
            f"{filename}: phoneme_type is {phoneme_type!r}; Vietnamese voices use "
            "'espeak' phonemes",
            f"{filename}: phoneme_type là {phoneme_type!r}; giọng tiếng Việt dùng âm vị 'espeak'",
        )
    espeak_voice = _field(config, "espeak.voice")
    if not isinstance(espeak_voice, str) or not espeak_voice.strip():
        raise missing("espeak.voice", 'giọng espeak-ng dùng để tách âm vị, ví dụ "vi"')
    id_map = config.get("phoneme_id_map")
    if not isinstance(id_map, dict) or not id_map:
        raise missing("phoneme_id_map", "bảng âm vị → số")
    for key in ("num_symbols", "num_speakers"):
        n = config.get(key)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise missing(key, "một số nguyên dương")
    language = _field(config, "language.code")
    if not isinstance(language, str) or not language.strip():
        raise missing("language.code", "mã ngôn ngữ, ví dụ vi_VN")
    if not re.match(r"^vi([_-]|$)", language.strip(), re.IGNORECASE):
        raise _reject(
            f"{filename}: the voice speaks {language!r}, not Vietnamese (vi_VN)",
            f"{filename}: giọng này đọc {language!r}, không phải tiếng Việt (vi_VN)",
        )
    quality = _field(config, "audio.quality")
    dataset = config.get("dataset")
    return PiperVoiceFacts(
        language=language.strip(),
        sample_rate=rate,
        espeak_voice=espeak_voice.strip(),
        num_speakers=int(config["num_speakers"]),
        quality=quality if quality in QUALITIES else None,
        dataset=dataset.strip() if isinstance(dataset, str) and dataset.strip() else None,
        licence=_config_licence(config),
    )


def _config_licence(config: dict[str, Any]) -> str | None:
    for key in ("license", "licence"):
        value = config.get(key) or _field(config, f"dataset.{key}")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def licence_from_model_card(text: str) -> str | None:
    """The 'License:' lines of a piper MODEL_CARD (the dataset's licence), joined."""
    found = [m.group(1) for m in _LICENCE_LINE.finditer(text)]
    return "; ".join(dict.fromkeys(found)) or None


def read_model_card(path: Path) -> str:
    if path.stat().st_size > MAX_MODEL_CARD_BYTES:
        raise _reject(
            f"{path.name}: too large for a model card",
            f"{path.name}: quá lớn, không phải thẻ mô tả giọng (MODEL_CARD)",
        )
    return path.read_bytes().decode("utf-8", "replace")


def check_model(path: Path, *, num_speakers: int) -> None:
    """onnxruntime loads the file and the graph takes piper's inputs."""
    if not path.is_file():
        raise _reject(
            f"{path.name}: the model file does not exist", f"{path.name}: không có tệp mô hình"
        )
    if path.stat().st_size > MAX_MODEL_BYTES:
        raise _reject(
            f"{path.name}: larger than {MAX_MODEL_BYTES >> 20} MB",
            f"{path.name}: lớn hơn {MAX_MODEL_BYTES >> 20} MB",
        )
    try:
        import onnxruntime
    except ImportError as exc:
        raise _reject(
            "onnxruntime is not installed (needed for piper voices)",
            "Chưa cài onnxruntime (cần cho giọng piper)",
        ) from exc
    try:
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime's own exception types (InvalidProtobuf, ...)
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise _reject(
            f"{path.name}: not an ONNX model onnxruntime can load ({detail})",
            f"{path.name}: không phải mô hình ONNX nạp được ({detail})",
        ) from None
    inputs = {i.name for i in session.get_inputs()}
    needed = set(PIPER_INPUTS) | ({"sid"} if num_speakers > 1 else set())
    if not needed <= inputs:
        lacking = ", ".join(sorted(needed - inputs))
        raise _reject(
            f"{path.name}: not a piper voice model (no input {lacking})",
            f"{path.name}: không phải mô hình giọng piper (thiếu đầu vào {lacking})",
        )


def inspect_pair(model: Path, config: Path, *, model_card: Path | None = None) -> PiperVoiceFacts:
    """Every check above, config first (cheap), then the model; the licence from the card
    when the config has none."""
    facts = check_config(read_config(config), filename=config.name)
    check_model(model, num_speakers=facts.num_speakers)
    if facts.licence is None and model_card is not None:
        licence = licence_from_model_card(read_model_card(model_card))
        if licence:
            facts = replace(facts, licence=licence)
    if facts.quality is None:
        suffix = model.name.removesuffix(".onnx").rsplit("-", 1)[-1]
        if suffix in QUALITIES:
            facts = replace(facts, quality=suffix)
    return facts

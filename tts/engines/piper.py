"""The piper engine: a neural voice (.onnx + .onnx.json) the user installs, run by piper-tts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from tts.ports import EngineUnavailableError, UnknownVoiceError


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_piper_voices(voices_dir: str | Path | None) -> dict[str, Path]:
    """Voice name (file stem) -> model path, for every NAME.onnx with a NAME.onnx.json."""
    if not voices_dir or not Path(voices_dir).is_dir():
        return {}
    return {
        p.name[: -len(".onnx")]: p
        for p in sorted(Path(voices_dir).glob("*.onnx"))
        if p.with_name(p.name + ".json").is_file()
    }


def _missing(voice: str, detail: str) -> UnknownVoiceError:
    return UnknownVoiceError(
        f"unknown piper voice {voice!r}: {detail}",
        reason_vi=f"Không có giọng piper '{voice}': {detail}",
    )


class PiperEngine:
    """A piper voice model loaded once; synthesizes one sentence per call.

    ``voice`` is a path to NAME.onnx, or a NAME found in ``voices_dir``. The config is
    NAME.onnx.json next to it unless ``config_path`` says otherwise.
    """

    name = "piper"

    def __init__(
        self,
        voice: str,
        *,
        voices_dir: str | Path | None = None,
        config_path: str | Path | None = None,
        speaker_id: int | None = None,
        length_scale: float | None = None,
    ) -> None:
        model = Path(voice)
        if not model.is_file():
            found = find_piper_voices(voices_dir).get(voice)
            if found is None:
                raise _missing(voice, "no such .onnx model file or voice in the voices folder")
            model = found
        cfg = Path(config_path) if config_path else model.with_name(model.name + ".json")
        if not cfg.is_file():
            raise _missing(voice, f"config {cfg.name} not found next to the model")
        try:
            config = json.loads(cfg.read_text(encoding="utf-8"))
            self.sample_rate = int(config["audio"]["sample_rate"])
        except (ValueError, KeyError, TypeError) as exc:
            raise _missing(voice, f"config {cfg.name} is not a piper voice config ({exc})") from exc
        try:
            from piper import PiperVoice
            from piper.config import SynthesisConfig
        except ImportError as exc:  # the server extra is not installed
            raise EngineUnavailableError(
                "piper-tts is not installed", reason_vi="Chưa cài piper-tts"
            ) from exc
        try:
            self._voice = PiperVoice.load(model, config_path=cfg)
        except Exception as exc:  # onnxruntime raises its own exception types
            raise _missing(voice, f"the model could not be loaded ({exc})") from exc
        self._syn = SynthesisConfig(speaker_id=speaker_id, length_scale=length_scale)
        self.voice = model.name[: -len(".onnx")] if model.name.endswith(".onnx") else model.name
        self.model_path = model
        try:
            from importlib.metadata import version

            piper_version = version("piper-tts")
        except Exception:  # pragma: no cover - metadata missing in odd installs
            piper_version = "unknown"
        # The model bytes and config decide the sound as much as the library does.
        digest = hashlib.sha256()
        digest.update(_file_sha256(model).encode())
        digest.update(cfg.read_bytes())
        digest.update(repr((speaker_id, length_scale)).encode())
        self.version = f"piper-tts {piper_version} model {digest.hexdigest()[:16]}"

    def synthesize(self, sentence: str) -> np.ndarray:
        chunks = [c.audio_float_array for c in self._voice.synthesize(sentence, syn_config=self._syn)]
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32, copy=False)

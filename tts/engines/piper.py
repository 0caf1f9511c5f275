"""The piper engine: a neural voice (.onnx + .onnx.json) the user installs, run by piper-tts."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from tts.ports import EngineUnavailableError, TTSError, UnknownVoiceError


class PiperVoiceMissing(UnknownVoiceError, EngineUnavailableError):
    """The piper voice named is not here or cannot be loaded (removed, half-copied, broken).

    Both an unknown voice (what ``get_engine`` callers catch) and an unavailable engine (what
    the renderer falls back from): a region whose chosen voice is gone is still read, by
    espeak-ng, and the render says why.
    """


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _signature(path: Path) -> tuple[str, int, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_ino, st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=16)
def _cached_sha256(signature: tuple[str, int, int, int]) -> str:
    # A 60 MB model takes a noticeable moment to hash; fingerprint rechecks build the engine
    # once per script version, so hash each file version once.
    return _file_sha256(Path(signature[0]))


@functools.lru_cache(maxsize=3)  # one voice per region at most; each holds its model in RAM
def _cached_voice(model: tuple[str, int, int, int], config: tuple[str, int, int, int]) -> Any:
    from piper import PiperVoice

    return PiperVoice.load(model[0], config_path=config[0])


def file_sha256(path: str | Path) -> str:
    """sha256 of a file, remembered while the file is unchanged (path, inode, size, mtime)."""
    return _cached_sha256(_signature(Path(path)))


def find_piper_voices(voices_dir: str | Path | None) -> dict[str, Path]:
    """Voice name (file stem) -> model path, for every NAME.onnx with a NAME.onnx.json."""
    if not voices_dir or not Path(voices_dir).is_dir():
        return {}
    return {
        p.name[: -len(".onnx")]: p
        for p in sorted(Path(voices_dir).glob("*.onnx"))
        if p.with_name(p.name + ".json").is_file()
    }


def _missing(voice: str, detail: str, detail_vi: str | None = None) -> PiperVoiceMissing:
    return PiperVoiceMissing(
        f"unknown piper voice {voice!r}: {detail}",
        reason_vi=f"Không có giọng piper '{voice}': {detail_vi or detail}",
    )


class PiperEngine:
    """A piper voice model loaded once; synthesizes one sentence per call.

    ``voice`` is a path to NAME.onnx, or a NAME found in ``voices_dir``. The config is
    NAME.onnx.json next to it unless ``config_path`` says otherwise. Loaded voices are kept
    (a few, keyed by the files' identity), so building the engine again is cheap.
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
        if not (os.sep in voice or voice.endswith(".onnx")) or not model.is_file():
            # A bare NAME is looked up in the voices folder, never in the working directory.
            found = find_piper_voices(voices_dir).get(voice)
            if found is None:
                raise _missing(
                    voice,
                    "no such .onnx model file or voice in the voices folder",
                    "không có tệp mô hình .onnx hay giọng nào tên này trong thư mục giọng đọc",
                )
            model = found
        cfg = Path(config_path) if config_path else model.with_name(model.name + ".json")
        if not cfg.is_file():
            raise _missing(
                voice,
                f"config {cfg.name} not found next to the model",
                f"không thấy tệp cấu hình {cfg.name} cạnh mô hình",
            )
        try:
            config_bytes = cfg.read_bytes()
            config = json.loads(config_bytes.decode("utf-8"))
            self.sample_rate = int(config["audio"]["sample_rate"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise _missing(
                voice,
                f"config {cfg.name} is not a piper voice config ({exc})",
                f"tệp {cfg.name} không phải cấu hình giọng piper ({exc})",
            ) from exc
        try:
            import piper  # noqa: F401
            from piper.config import SynthesisConfig
        except ImportError as exc:  # the server extra is not installed
            raise EngineUnavailableError(
                "piper-tts is not installed", reason_vi="Chưa cài piper-tts"
            ) from exc
        try:
            self._voice = _cached_voice(_signature(model), _signature(cfg))
        except Exception as exc:  # onnxruntime raises its own exception types
            raise _missing(
                voice, f"the model could not be loaded ({exc})", f"không nạp được mô hình ({exc})"
            ) from exc
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
        digest.update(file_sha256(model).encode())
        digest.update(config_bytes)
        digest.update(repr((speaker_id, length_scale)).encode())
        self.version = f"piper-tts {piper_version} model {digest.hexdigest()[:16]}"

    def synthesize(self, sentence: str) -> np.ndarray:
        try:
            chunks = [
                c.audio_float_array for c in self._voice.synthesize(sentence, syn_config=self._syn)
            ]
        except TTSError:
            raise
        except Exception as exc:  # onnxruntime, a phoneme the model's map lacks, ...
            # Unavailable, not fatal: the renderer reads the script with espeak-ng instead.
            raise EngineUnavailableError(
                f"piper voice {self.voice!r} failed: {type(exc).__name__}: {exc}",
                reason_vi=f"Giọng piper '{self.voice}' bị lỗi khi đọc: {type(exc).__name__}: {exc}",
            ) from exc
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32, copy=False)

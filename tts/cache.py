"""On-disk cache of synthesized sentences, keyed by engine, voice, engine version and text."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

from tts.ports import TTSEngine


def sentence_key(engine: str, voice: str, version: str, sentence: str) -> str:
    """sha256 over the four things that decide how a sentence sounds."""
    h = hashlib.sha256()
    for part in (engine, voice, version, sentence):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))  # length-prefixed: no ambiguous joins
        h.update(data)
    return h.hexdigest()


class SentenceCache:
    """float32 samples stored as .npy files under ``root/ab/abcdef….npy``.

    Writes are atomic (temp file + rename), so a crash or a second renderer never leaves
    a half-written entry; an unreadable entry is treated as a miss and rewritten.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.npy"

    def get(self, key: str) -> tuple[np.ndarray, int] | None:
        path = self._path(key)
        try:
            with path.open("rb") as fh:
                sr = int(np.load(fh, allow_pickle=False))
                audio = np.load(fh, allow_pickle=False)
        except (OSError, ValueError, EOFError):
            return None
        if audio.dtype != np.float32 or audio.ndim != 1:
            return None
        return audio, sr

    def put(self, key: str, audio: np.ndarray, sample_rate: int) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.save(fh, np.int64(sample_rate), allow_pickle=False)
                np.save(fh, np.asarray(audio, dtype=np.float32), allow_pickle=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def synthesize(self, engine: TTSEngine, sentence: str) -> np.ndarray:
        """engine.synthesize(sentence), from the cache when the same sentence was made before."""
        key = sentence_key(engine.name, engine.voice, engine.version, sentence)
        hit = self.get(key)
        if hit is not None and hit[1] == engine.sample_rate:
            self.hits += 1
            return hit[0]
        self.misses += 1
        audio = np.asarray(engine.synthesize(sentence), dtype=np.float32)
        self.put(key, audio, engine.sample_rate)
        return audio

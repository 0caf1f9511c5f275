"""The tests' tone files: the same tone is the same bytes, so a sha256 taken once holds."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from .conftest import SR, tone_wav


def test_a_tone_has_no_dated_peak_chunk_and_holds_its_samples(tmp_path) -> None:
    a = tone_wav(tmp_path / "a.wav", freq=440, seconds=0.25)
    b = tone_wav(tmp_path / "b.wav", freq=440, seconds=0.25)
    assert b"PEAK" not in a.read_bytes()
    assert a.read_bytes() == b.read_bytes()
    data, rate = sf.read(a, dtype="float32")
    assert rate == SR and len(data) == SR // 4
    assert data[0] == np.float32(0.1)  # the DC offset: the first sample is not silence
    assert sf.info(str(a)).subtype == "FLOAT"

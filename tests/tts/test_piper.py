"""The piper engine, loaded through piper-tts's real PiperVoice with a tiny generated model."""

from __future__ import annotations

import functools
import operator
import shutil

import numpy as np
import pytest

from tts.engines import get_engine, list_voices
from tts.engines.piper import PiperEngine
from tts.ports import TTSEngine, UnknownVoiceError
from tts.render import render_script

from .conftest import HOP


def test_piper_loads_and_synthesizes_through_piper_voice(piper_voice):
    eng = get_engine("piper", str(piper_voice))
    assert isinstance(eng, PiperEngine) and isinstance(eng, TTSEngine)
    assert (eng.name, eng.voice, eng.sample_rate) == ("piper", "vi_VN-tiny-test", 16000)
    audio = eng.synthesize("Xin chào bà con.")
    assert audio.dtype == np.float32 and audio.ndim == 1
    # piper phonemized with espeak-ng, mapped phonemes to ids (BOS, pads, EOS included),
    # and the model made HOP samples per id.
    phonemes = eng._voice.phonemize("Xin chào bà con.")
    ids = functools.reduce(operator.iadd, (eng._voice.phonemes_to_ids(p) for p in phonemes), [])
    assert audio.size == len(ids) * HOP
    assert np.abs(audio).max() == pytest.approx(1.0, abs=1e-3)  # piper normalises
    np.testing.assert_array_equal(audio, eng.synthesize("Xin chào bà con."))


def test_piper_voice_by_name_from_voices_dir(piper_voice):
    eng = get_engine("piper", "vi_VN-tiny-test", voices_dir=piper_voice.parent)
    assert eng.model_path == piper_voice
    names = [
        v.voice for v in list_voices(piper_voices_dir=piper_voice.parent) if v.engine == "piper"
    ]
    assert names == ["vi_VN-tiny-test"]


def test_version_follows_the_model_file(piper_voice, tmp_path):
    copy = tmp_path / "copy.onnx"
    shutil.copy(piper_voice, copy)
    shutil.copy(piper_voice.with_name(piper_voice.name + ".json"), tmp_path / "copy.onnx.json")
    a = PiperEngine(str(copy))
    assert a.version == PiperEngine(str(piper_voice)).version
    assert PiperEngine(str(copy), length_scale=1.3).version != a.version


def test_missing_model_config_or_broken_model(piper_voice, tmp_path):
    with pytest.raises(UnknownVoiceError) as err:
        get_engine("piper", "khong-co", voices_dir=tmp_path)
    assert "Không có giọng piper" in err.value.reason_vi
    lonely = tmp_path / "lonely.onnx"
    shutil.copy(piper_voice, lonely)
    with pytest.raises(UnknownVoiceError, match=r"config lonely\.onnx\.json not found"):
        PiperEngine(str(lonely))
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    shutil.copy(piper_voice.with_name(piper_voice.name + ".json"), tmp_path / "broken.onnx.json")
    with pytest.raises(UnknownVoiceError, match="could not be loaded"):
        PiperEngine(str(broken))


def test_render_with_piper(piper_voice, tmp_path):
    result = render_script(
        "Xin chào bà con. Chúc bà con một ngày tốt lành.",
        engine="piper",
        voice=str(piper_voice),
        cache_dir=tmp_path / "cache",
    )
    assert result.engine_used == "piper:vi_VN-tiny-test"
    assert result.fallback_reason is None
    assert result.true_peak_dbtp <= -1.0
    np.testing.assert_allclose(result.loudness_lufs, -16.0, atol=0.5)

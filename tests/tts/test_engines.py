"""espeak-ng through the engine interface, the engine registry, the sentence cache, decoding."""

from __future__ import annotations

import numpy as np
import pytest

from tts.cache import SentenceCache, sentence_key
from tts.decode import decode_upload, probe_audio
from tts.engines import default_voice, get_engine, list_voices
from tts.engines.espeak import EspeakEngine
from tts.ports import AudioInputError, TTSEngine, UnknownVoiceError

SENTENCE = "Xin chào bà con, hôm nay trời nắng đẹp."


@pytest.mark.parametrize(
    ("region", "voice"),
    [("north", "vi"), ("central", "vi-vn-x-central"), ("south", "vi-vn-x-south")],
)
def test_espeak_regional_voices(region, voice):
    eng = get_engine("espeak", region=region)
    assert isinstance(eng, TTSEngine)
    assert (eng.name, eng.voice, eng.sample_rate) == ("espeak-ng", voice, 22050)
    audio = eng.synthesize(SENTENCE)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert 1.0 < audio.size / eng.sample_rate < 10.0
    assert np.abs(audio).max() > 0.05
    assert eng.version.startswith("eSpeak NG")


def test_espeak_is_deterministic_and_voices_differ():
    north, south = EspeakEngine("vi"), EspeakEngine("vi-vn-x-south")
    a, b = north.synthesize(SENTENCE), north.synthesize(SENTENCE)
    np.testing.assert_array_equal(a, b)
    c = south.synthesize(SENTENCE)
    assert a.size != c.size or not np.array_equal(a, c)


def test_text_starting_with_a_dash_is_read_not_parsed():
    audio = EspeakEngine("vi").synthesize("-v en --help")
    assert audio.size > 0


def test_unknown_voice_and_engine_errors_are_bilingual():
    with pytest.raises(UnknownVoiceError) as err:
        get_engine("espeak", "vi-klingon")
    assert "unknown espeak-ng voice 'vi-klingon'" in str(err.value)
    assert "Không có giọng" in err.value.reason_vi
    assert isinstance(err.value, ValueError)
    with pytest.raises(UnknownVoiceError, match="unknown TTS engine"):
        get_engine("festival", "vi")
    with pytest.raises(UnknownVoiceError, match="needs a voice model"):
        get_engine("piper")
    with pytest.raises(UnknownVoiceError, match="unknown gTTS voice"):
        get_engine("gtts", "fr")


def test_voice_list_and_defaults():
    voices = {(v.engine, v.voice) for v in list_voices()}
    assert {
        ("espeak", "vi"),
        ("espeak", "vi-vn-x-central"),
        ("espeak", "vi-vn-x-south"),
        ("gtts", "vi"),
    } <= voices
    assert default_voice("espeak", "south") == "vi-vn-x-south"


class CountingEngine:
    name, voice, sample_rate, version = "counting", "v1", 16000, "1.0"

    def __init__(self) -> None:
        self.calls = 0

    def synthesize(self, sentence: str) -> np.ndarray:
        self.calls += 1
        return np.full(100 + len(sentence), 0.25, dtype=np.float32)


def test_cache_hits_misses_and_keys(tmp_path):
    cache, eng = SentenceCache(tmp_path), CountingEngine()
    a = cache.synthesize(eng, "một")
    b = cache.synthesize(eng, "một")
    np.testing.assert_array_equal(a, b)
    assert (eng.calls, cache.hits, cache.misses) == (1, 1, 1)
    cache.synthesize(eng, "hai")
    assert eng.calls == 2
    keys = {
        sentence_key("e", "v", "1", "s"),
        sentence_key("e", "v", "2", "s"),
        sentence_key("e", "w", "1", "s"),
        sentence_key("e", "v", "1", "t"),
        sentence_key("ev", "", "1", "s"),
    }
    assert len(keys) == 5  # every part matters; no ambiguous joins


def test_cache_survives_a_corrupt_entry(tmp_path):
    cache, eng = SentenceCache(tmp_path), CountingEngine()
    cache.synthesize(eng, "ba")
    (entry,) = tmp_path.rglob("*.npy")
    entry.write_bytes(b"\x93NUMPY garbage")
    again = SentenceCache(tmp_path).synthesize(eng, "ba")
    assert eng.calls == 2 and again.size == 102
    assert not list(tmp_path.rglob("*.tmp"))


def test_cache_with_real_espeak(tmp_path):
    cache, eng = SentenceCache(tmp_path), EspeakEngine("vi")
    first = cache.synthesize(eng, SENTENCE)
    second = SentenceCache(tmp_path).synthesize(eng, SENTENCE)
    np.testing.assert_array_equal(first, second)


# --- decoding uploads -----------------------------------------------------------------------


def test_decode_wav_and_mp3(tmp_path, sig):
    wav = sig.write_wav(tmp_path / "a.wav", sig.tone(440.0, 1.0, sr=16000), sr=16000)
    audio, sr = decode_upload(wav)
    assert (sr, audio.size) == (16000, 16000)
    info = probe_audio(wav)
    assert (info.sample_rate, info.channels, info.codec) == (16000, 1, "pcm_s16le")
    resampled, sr2 = decode_upload(wav, sample_rate=48000)
    assert sr2 == 48000 and abs(resampled.size - 48000) < 10


@pytest.mark.parametrize("kind", ["text", "garbage", "truncated", "header_only", "empty"])
def test_probe_refuses_non_audio_and_truncated_files(tmp_path, sig, kind):
    path = tmp_path / f"{kind}.wav"
    good = sig.write_wav(tmp_path / "good.wav", sig.tone(440.0, 2.0, sr=16000), sr=16000)
    data = good.read_bytes()
    path.write_bytes(
        {
            "text": "Đây là văn bản, không phải âm thanh.\n".encode() * 40,
            "garbage": bytes(range(256)) * 40,
            "truncated": data[: len(data) // 3],
            "header_only": data[:44],
            "empty": b"",
        }[kind]
    )
    with pytest.raises(AudioInputError) as err:
        decode_upload(path)
    assert f"{kind}.wav" in str(err.value)
    assert "không phải tệp âm thanh" in err.value.reason_vi


def test_missing_file(tmp_path):
    with pytest.raises(AudioInputError, match="file not found"):
        probe_audio(tmp_path / "nope.wav")

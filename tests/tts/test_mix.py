"""Templates, programme layout, ducking and band-limiting, on generated signals."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from tts.filters import band_limit, resample, tone_response_db
from tts.mix import ProgrammeTemplate, assemble, duck_envelope, trim_silence
from tts.ports import TemplateError

SR = 48000


def _db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(x, dtype=np.float64)))))


@pytest.mark.parametrize(("freq", "min_cut_db"), [(50.0, 24.0), (12000.0, 24.0)])
def test_band_limit_attenuates_outside_the_horn_band(sig, freq, min_cut_db):
    x = sig.tone(freq, 1.0, amp=0.5)
    y = band_limit(x, SR)
    steady = slice(SR // 4, None)  # past the filter's start-up
    assert _db(x[steady]) - _db(y[steady]) >= min_cut_db
    np.testing.assert_allclose(
        tone_response_db(SR, freq), _db(y[steady]) - _db(x[steady]), atol=0.2
    )


def test_band_limit_passes_speech_band_and_is_configurable(sig):
    x = sig.tone(1000.0, 1.0)
    np.testing.assert_allclose(_db(band_limit(x, SR)[SR // 4 :]), _db(x[SR // 4 :]), atol=0.2)
    low = sig.tone(100.0, 1.0)
    assert _db(low[SR // 4 :]) - _db(band_limit(low, SR)[SR // 4 :]) > 5.0
    # A wider band (e.g. a PA system instead of horns) keeps 100 Hz.
    wide = band_limit(low, SR, low_hz=40.0, high_hz=None)
    np.testing.assert_allclose(_db(wide[SR // 4 :]), _db(low[SR // 4 :]), atol=0.5)
    assert band_limit(x, SR).dtype == np.float32


def test_resample_keeps_level_and_length(sig):
    x = sig.tone(440.0, 1.0, sr=22050)
    y = resample(x, 22050, SR)
    assert y.size == SR
    np.testing.assert_allclose(_db(y[1000:-1000]), _db(x[500:-500]), atol=0.05)


def test_duck_envelope_depth_and_timing():
    start, end = 2 * SR, 4 * SR
    gain = duck_envelope(
        6 * SR, [(start, end)], sample_rate=SR, depth_db=10.0, attack_ms=150.0, release_ms=500.0
    )
    db = 20 * np.log10(gain)
    attack, release = int(0.150 * SR), int(0.500 * SR)
    np.testing.assert_allclose(db[start:end], -10.0, atol=1e-4)  # full depth under speech
    np.testing.assert_allclose(db[: start - attack], 0.0, atol=1e-6)  # untouched before
    np.testing.assert_allclose(db[end + release :], 0.0, atol=1e-6)  # back up after
    # Linear-in-dB ramps: halfway through the attack and the release, -5 dB.
    np.testing.assert_allclose(db[start - attack // 2], -5.0, atol=0.05)
    np.testing.assert_allclose(db[end + release // 2], -5.0, atol=0.05)
    assert np.all(np.diff(db[start - attack : start]) <= 1e-6)  # only going down
    assert np.all(np.diff(db[end : end + release]) >= -1e-6)  # only coming up


def test_short_pauses_stay_ducked():
    regions = [(SR, 2 * SR), (2 * SR + SR // 4, 3 * SR)]  # 250 ms pause < 150 + 500 ms
    db = 20 * np.log10(duck_envelope(4 * SR, regions, sample_rate=SR))
    np.testing.assert_allclose(db[2 * SR : 2 * SR + SR // 4], -10.0, atol=1e-4)


def test_assemble_layout_with_repeats_and_jingles(sig):
    clips = [sig.speechlike(1.0, seed=1), sig.speechlike(1.5, seed=2)]
    template = ProgrammeTemplate(
        repeats=3,
        sentence_pause_s=0.5,
        repeat_gap_s=2.0,
        lead_in_s=0.5,
        lead_out_s=0.5,
        edge_silence_s=0.25,
    )
    jingle = sig.tone(880.0, 1.0, amp=0.2)
    prog = assemble(clips, template=template, intro=jingle, outro=jingle)
    regions = prog.speech_regions
    assert len(regions) == 6
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(regions)]
    np.testing.assert_allclose(gaps, [0.5 * SR, 2.0 * SR, 0.5 * SR, 2.0 * SR, 0.5 * SR], atol=1)
    assert regions[0][0] == int(0.25 * SR) + SR + int(0.5 * SR)  # edge + intro + lead-in
    # Every repeat carries the same audio.
    first = prog.audio[regions[0][0] : regions[0][1]]
    np.testing.assert_array_equal(first, prog.audio[regions[2][0] : regions[2][1]])
    assert prog.audio.dtype == np.float32


def test_music_bed_is_ducked_under_speech(sig):
    clips = [sig.speechlike(2.0, seed=3), sig.speechlike(2.0, seed=4)]
    template = ProgrammeTemplate(
        sentence_pause_s=2.0, bed_level_db=-6.0, duck_db=10.0, lead_in_s=0.0, bed_fade_s=0.5
    )
    bed = sig.tone(200.0, 3.0, amp=0.3)
    dry = assemble(clips, template=template)
    wet = assemble(clips, template=template, bed=bed)
    layer = wet.audio - dry.audio
    (s1, e1), (s2, _e2) = wet.speech_regions
    under = layer[s1 + SR // 4 : e1 - SR // 4]
    # In the 2 s pause: 500 ms release, then open bed until the 150 ms attack.
    gap_open = layer[e1 + int(0.6 * SR) : s2 - int(0.2 * SR)]
    np.testing.assert_allclose(_db(gap_open) - _db(under), 10.0, atol=0.3)
    # The open bed sits bed_level_db under the speech's RMS (its fade-in is long over).
    speech_rms = _db(np.concatenate([trim_silence(c) for c in clips]))
    np.testing.assert_allclose(_db(gap_open), speech_rms - 6.0, atol=0.3)


def test_template_json_and_toml_round_trip(tmp_path):
    (tmp_path / "jingles").mkdir()
    data = {
        "name": "xa-a",
        "intro": "jingles/in.wav",
        "repeats": 2,
        "band_low_hz": 200.0,
        "target_lufs": -18.0,
    }
    (tmp_path / "t.json").write_text(json.dumps(data), encoding="utf-8")
    t = ProgrammeTemplate.load(tmp_path / "t.json")
    assert t.repeats == 2 and t.target_lufs == -18.0
    assert t.intro == str((tmp_path / "jingles" / "in.wav").resolve())
    (tmp_path / "t.toml").write_text(
        'repeats = 3\nduck_db = 12.0\nmusic_bed = "bed.ogg"\n', encoding="utf-8"
    )
    t2 = ProgrammeTemplate.load(tmp_path / "t.toml")
    assert (t2.name, t2.repeats, t2.duck_db) == ("t", 3, 12.0)
    assert t2.music_bed == str((tmp_path / "bed.ogg").resolve())
    assert ProgrammeTemplate.from_dict(t2.to_dict()) == t2


@pytest.mark.parametrize(
    "bad",
    [
        {"repeats": 0},
        {"colour": "red"},
        {"target_lufs": 3.0},
        {"band_low_hz": 8000.0},
        {"sample_rate": 12345},
    ],
)
def test_bad_templates_are_refused_in_both_languages(bad):
    with pytest.raises(TemplateError) as err:
        ProgrammeTemplate.from_dict(bad)
    assert err.value.reason_vi.startswith(("Mẫu chương trình", "Mẫu"))
    assert isinstance(err.value, ValueError)


def test_unreadable_template_file(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("repeats = = 2", encoding="utf-8")
    with pytest.raises(TemplateError, match="cannot read template"):
        ProgrammeTemplate.load(path)

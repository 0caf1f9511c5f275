"""Loudness, true peak and the limiter, checked on generated signals against pyloudnorm/scipy."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest
from scipy import signal

from tts import loudness

SR = 48000


def reference_tp_db(x: np.ndarray) -> float:
    """An independent 4x-oversampled true peak (scipy's own polyphase resampler)."""
    return float(20 * np.log10(np.abs(signal.resample_poly(x.astype(np.float64), 4, 1)).max()))


def _signals(sig) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    t = np.arange(6 * SR) / SR
    music = sum(0.2 * np.sin(2 * np.pi * f * t) for f in (220.0, 277.18, 329.63, 659.25))
    music = music * (0.6 + 0.4 * np.sin(2 * np.pi * 0.5 * t))
    bursts = np.where(
        (np.arange(t.size) // (SR // 3)) % 2 == 0, rng.standard_normal(t.size) * 0.25, 0.0
    )
    return {
        "quiet": sig.speechlike(6.0, amp=0.005),
        "loud": np.clip(rng.standard_normal(t.size) * 0.4, -1, 1),
        "clipped": np.clip(3.0 * np.sin(2 * np.pi * 300 * t), -1.0, 1.0) * 0.999,
        "music": music,
        "bursts": bursts,
        "speechlike": sig.speechlike(6.0, amp=0.9),
    }


@pytest.mark.parametrize("name", ["quiet", "loud", "clipped", "music", "bursts", "speechlike"])
def test_meter_matches_pyloudnorm(sig, name):
    x = _signals(sig)[name]
    ours = loudness.integrated_loudness(x, SR)
    ref = pyloudnorm.Meter(SR).integrated_loudness(x.astype(np.float64))
    np.testing.assert_allclose(ours, ref, atol=1e-6)


@pytest.mark.parametrize("name", ["quiet", "loud", "clipped", "music", "bursts", "speechlike"])
def test_normalize_reaches_target_under_the_ceiling(sig, name):
    x = _signals(sig)[name]
    y, report = loudness.normalize_loudness(x, SR, target_lufs=-16.0, ceiling_dbtp=-1.0)
    ref = pyloudnorm.Meter(SR).integrated_loudness(y.astype(np.float64))
    np.testing.assert_allclose(ref, -16.0, atol=0.5)
    np.testing.assert_allclose(report.output_lufs, ref, atol=0.01)
    assert reference_tp_db(y) <= -1.0
    assert report.true_peak_dbtp <= -1.0
    assert y.dtype == np.float32 and y.shape == x.shape


@pytest.mark.parametrize("name", ["loud", "clipped", "music", "speechlike"])
def test_band_limited_chain_uses_short_interpolator_safely(sig, name):
    from tts.filters import band_limit

    x = band_limit(_signals(sig)[name], SR)
    y, _report = loudness.normalize_loudness(x, SR, bandwidth_hz=7000.0)
    assert reference_tp_db(y) <= -1.0
    assert loudness.true_peak_dbtp(y) <= -1.0  # the long interpolator agrees
    np.testing.assert_allclose(loudness.reference_loudness(y, SR), -16.0, atol=0.5)


def test_other_targets(sig):
    x = sig.speechlike(5.0, amp=0.2)
    for target, ceiling in ((-23.0, -2.0), (-14.0, -1.0)):
        y, _ = loudness.normalize_loudness(x, SR, target_lufs=target, ceiling_dbtp=ceiling)
        np.testing.assert_allclose(loudness.reference_loudness(y, SR), target, atol=0.5)
        assert reference_tp_db(y) <= ceiling


def test_unreachable_target_stops_and_reports_shortfall(sig):
    # -8 LUFS under a -6 dBTP ceiling would need the limiter to flatten speech entirely;
    # the gain stops 6 dB above the unlimited estimate instead of lifting the noise floor.
    x = sig.speechlike(5.0, amp=0.2)
    y, report = loudness.normalize_loudness(x, SR, target_lufs=-8.0, ceiling_dbtp=-6.0)
    assert report.output_lufs < -8.5
    assert report.gain_db <= -8.0 - report.input_lufs + 6.0 + 1e-9
    assert reference_tp_db(y) <= -6.0


def test_true_peak_sees_inter_sample_peaks():
    # A quarter-sample-rate sine sampled 45 degrees off its crests: samples at 0.707 of
    # the real peak, which 4x oversampling recovers (BS.1770's classic example).
    t = np.arange(SR) / SR
    x = (0.5 * np.sin(2 * np.pi * (SR / 4) * t + np.pi / 4)).astype(np.float32)
    sample_peak_db = 20 * np.log10(np.abs(x).max())
    tp = loudness.true_peak_dbtp(x)
    assert tp > sample_peak_db + 2.5
    np.testing.assert_allclose(tp, 20 * np.log10(0.5), atol=0.2)
    np.testing.assert_allclose(tp, reference_tp_db(x), atol=0.1)


def test_true_peak_matches_scipy_on_noise_and_music(sig):
    for name, x in _signals(sig).items():
        np.testing.assert_allclose(
            loudness.true_peak_dbtp(x), reference_tp_db(x), atol=0.15, err_msg=name
        )


def test_limiter_keeps_quiet_parts_and_looks_ahead(sig):
    quiet = sig.tone(440.0, 1.0, amp=0.1)
    peak = sig.tone(440.0, 0.05, amp=1.5) * np.hanning(int(0.05 * SR)).astype(np.float32)
    x = np.concatenate([quiet, peak, quiet])
    y, reduction = loudness.limit_true_peak(
        x, SR, ceiling_dbtp=-1.0, lookahead_ms=5.0, release_ms=50.0
    )
    # scipy's resampler has ~0.005 dB of passband ripple of its own
    assert reference_tp_db(y) <= -1.0 + 0.01
    assert loudness.true_peak_dbtp(y) <= -1.0
    assert reduction > 4.0
    # Far from the peak the signal is untouched.
    np.testing.assert_allclose(y[: SR // 2], x[: SR // 2], atol=1e-7)
    np.testing.assert_allclose(y[-SR // 2 :], x[-SR // 2 :], atol=1e-7)
    # Gain is already down before the signal first crosses the ceiling (look-ahead).
    first_over = int(np.flatnonzero(np.abs(x) > 10 ** (-1 / 20))[0])
    before = slice(first_over - 120, first_over)
    big = np.abs(x[before]) > 0.05
    ratio = np.abs(y[before][big]) / np.abs(x[before][big])
    assert ratio.max() < 0.99
    assert np.all(np.abs(y) <= np.abs(x) + 1e-7)


def test_limiter_output_is_deterministic(sig):
    x = sig.speechlike(3.0, amp=1.0) * 2.0
    a, _ = loudness.limit_true_peak(x, SR)
    b, _ = loudness.limit_true_peak(x.copy(), SR)
    assert a.tobytes() == b.tobytes()


def test_silence_and_short_input():
    silence = np.zeros(2 * SR, dtype=np.float32)
    y, report = loudness.normalize_loudness(silence, SR)
    assert report.input_lufs == float("-inf")
    assert not y.any()
    assert loudness.integrated_loudness(np.ones(100, dtype=np.float32), SR) == float("-inf")
    assert loudness.true_peak_dbtp(silence) == float("-inf")


def test_clipping_and_speech_activity(sig):
    t = np.arange(SR) / SR
    clean = 0.5 * np.sin(2 * np.pi * 200 * t)
    clipped = np.clip(4 * clean, -1.0, 1.0)
    assert loudness.clipped_fraction(clean) == 0.0
    assert loudness.clipped_fraction(clipped) > 0.3
    assert loudness.active_speech_seconds(sig.speechlike(4.0), SR) > 1.0
    assert loudness.active_speech_seconds(np.zeros(SR * 3), SR) == 0.0
    hiss = np.random.default_rng(1).standard_normal(3 * SR) * 1e-4
    assert loudness.active_speech_seconds(hiss, SR) == 0.0

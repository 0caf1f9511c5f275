"""Band-limiting for horn speakers and sample-rate conversion (scipy, vectorised)."""

from __future__ import annotations

import functools
from math import gcd

import numpy as np
from scipy import signal

DEFAULT_LOW_HZ = 150.0
DEFAULT_HIGH_HZ = 7000.0


@functools.lru_cache(maxsize=32)
def band_sos(
    sample_rate: int,
    low_hz: float | None,
    high_hz: float | None,
    low_order: int = 4,
    high_order: int = 6,
) -> np.ndarray:
    """Butterworth high-pass at ``low_hz`` and low-pass at ``high_hz`` as one SOS cascade.

    Horn speakers reproduce little below ~150 Hz (energy there only heats the driver) and
    above ~7 kHz; cutting both keeps the amplifier's power for the speech band.
    """
    sections = []
    nyquist = sample_rate / 2
    if low_hz:
        sections.append(signal.butter(low_order, low_hz, "highpass", fs=sample_rate, output="sos"))
    if high_hz and high_hz < nyquist * 0.98:
        sections.append(signal.butter(high_order, high_hz, "lowpass", fs=sample_rate, output="sos"))
    if not sections:
        return np.zeros((0, 6))
    sos = np.vstack(sections)
    return sos


def band_limit(
    audio: np.ndarray,
    sample_rate: int,
    *,
    low_hz: float | None = DEFAULT_LOW_HZ,
    high_hz: float | None = DEFAULT_HIGH_HZ,
) -> np.ndarray:
    """Keep ``low_hz``–``high_hz`` (None disables that side). float32 in, float32 out."""
    sos = band_sos(int(sample_rate), low_hz, high_hz)
    x = np.asarray(audio, dtype=np.float32)
    if sos.shape[0] == 0 or x.size == 0:
        return x.copy()
    return signal.sosfilt(sos.astype(np.float32), x).astype(np.float32, copy=False)


def resample(audio: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    """Polyphase resampling (scipy.signal.resample_poly) to ``sr_out``; float32 out."""
    x = np.asarray(audio, dtype=np.float32)
    if sr_in == sr_out or x.size == 0:
        return x.copy()
    g = gcd(int(sr_in), int(sr_out))
    return signal.resample_poly(x, sr_out // g, sr_in // g).astype(np.float32, copy=False)


def tone_response_db(
    sample_rate: int,
    freq_hz: float,
    *,
    low_hz: float | None = DEFAULT_LOW_HZ,
    high_hz: float | None = DEFAULT_HIGH_HZ,
) -> float:
    """The band-limit's gain at ``freq_hz`` in dB (for docs and tests)."""
    sos = band_sos(int(sample_rate), low_hz, high_hz)
    if sos.shape[0] == 0:
        return 0.0
    _, h = signal.sosfreqz(sos, worN=[freq_hz], fs=sample_rate)
    return float(20 * np.log10(max(abs(h[0]), 1e-12)))

"""Placement maths: where the first sample goes in a buffer, and the clock-agreement check."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from hardware.placement import (
    ClockKind,
    PlacementKind,
    clock_agreement,
    frame_time,
    place,
)

rates = st.sampled_from([8000, 16000, 22050, 44100, 48000, 96000])
dac_times = st.floats(min_value=0.0, max_value=1e6, allow_nan=False)
buffer_frames = st.integers(min_value=1, max_value=8192)


def test_start_inside_the_buffer():
    p = place(buffer_dac_time=10.0, frames=480, sample_rate=48000, target=10.005)
    assert p.kind is PlacementKind.START and p.offset == 240


def test_not_yet_and_late():
    assert (
        place(buffer_dac_time=10.0, frames=480, sample_rate=48000, target=10.01).kind
        is PlacementKind.NOT_YET
    )
    late = place(buffer_dac_time=10.0, frames=480, sample_rate=48000, target=9.999)
    assert late.kind is PlacementKind.LATE and late.late_frames == 48 and late.offset == 0


@given(dac=dac_times, frames=buffer_frames, sr=rates, delta=st.floats(-2.0, 2.0))
def test_start_lands_within_half_a_frame(dac, frames, sr, delta):
    target = dac + delta
    p = place(buffer_dac_time=dac, frames=frames, sample_rate=sr, target=target)
    if p.kind is PlacementKind.START:
        assert 0 <= p.offset < frames
        # float noise in dac (up to 1e6 s) is ~1e-10 s: far below a frame
        assert abs(frame_time(dac, p.offset, sr) - target) <= 0.5 / sr + 1e-9
    elif p.kind is PlacementKind.LATE:
        assert target < dac + 0.5 / sr + 1e-9
        assert p.late_frames >= 1
        assert abs(p.late_frames - (dac - target) * sr) <= 0.5 + 1e-3
    else:
        assert target > dac + (frames - 0.5) / sr - 1e-9


@given(
    t0=st.floats(0.0, 1e5),
    frames=buffer_frames,
    sr=rates,
    n_buf=st.integers(1, 200),
    frac=st.floats(0.0, 1.0),
)
def test_a_stream_of_buffers_starts_exactly_once_on_time(t0, frames, sr, n_buf, frac):
    """Consecutive callbacks as a sound card makes them: the callback logic (first buffer that
    is not NOT_YET starts it) starts within half a frame of the target, or one frame late at
    a float boundary, never early by more than half a frame."""
    target = t0 + frac * n_buf * frames / sr
    for j in range(n_buf + 2):
        dac = t0 + j * frames / sr
        p = place(buffer_dac_time=dac, frames=frames, sample_rate=sr, target=target)
        if p.kind is PlacementKind.NOT_YET:
            continue
        start = frame_time(dac, p.offset, sr)
        if p.kind is PlacementKind.START:
            assert abs(start - target) <= 0.5 / sr + 1e-7
        else:  # late only if the target fell before the very first buffer, or by <= 1 frame
            assert j == 0 or p.late_frames <= 1
        return
    raise AssertionError("never started")


def test_clock_agreement_monotonic():
    pairs = [(100.0 + i * 0.01 - 20e-6, 100.0 + i * 0.01) for i in range(16)]
    a = clock_agreement(pairs)
    assert a.ok and a.kind is ClockKind.MONOTONIC and abs(a.offset_s + 20e-6) < 1e-9


def test_clock_agreement_realtime_offset_accepted():
    off = 1.7e9
    pairs = [(off + 50.0 + i * 0.0125, 50.0 + i * 0.0125) for i in range(16)]
    a = clock_agreement(pairs)
    assert a.ok and a.kind is ClockKind.OFFSET and math.isclose(a.offset_s, off, abs_tol=1e-6)


def test_clock_agreement_rejects_a_clock_running_at_another_rate():
    pairs = [(i * 1.1, float(i)) for i in range(100)]
    a = clock_agreement(pairs)
    assert not a.ok and "runs at" in a.reason


def test_clock_agreement_rejects_jitter_and_tolerates_one_stall():
    steady = [(100.0 + i * 0.01, 100.0 + i * 0.01) for i in range(20)]
    one_stall = [*steady[:10], (steady[10][0], steady[10][1] + 0.03), *steady[11:]]
    assert clock_agreement(one_stall).ok
    noisy = [(s, m + (0.02 if i % 2 else 0.0)) for i, (s, m) in enumerate(steady)]
    bad = clock_agreement(noisy)
    assert not bad.ok and "jitters" in bad.reason
    assert not clock_agreement(steady[:1]).ok

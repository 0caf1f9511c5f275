"""Pure maths for sample-accurate starts: where in a buffer a scheduled first sample goes, and
whether a sound card's stream clock agrees with time.monotonic()."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class PlacementKind(StrEnum):
    NOT_YET = "not_yet"  # the target instant lies after this buffer
    START = "start"  # the first sample goes at `offset` inside this buffer
    LATE = "late"  # the target instant was before this buffer started


@dataclass(frozen=True)
class Placement:
    kind: PlacementKind
    offset: int = 0  # frame inside this buffer for START (0 for LATE: start at once)
    late_frames: int = 0  # for LATE: how many frames after the target the first sample goes


def target_offset(buffer_dac_time: float, sample_rate: int, target: float) -> int:
    """Frame index, relative to the first frame of a buffer, whose DAC instant is nearest `target`.

    Frame i of a buffer reaches the DAC at buffer_dac_time + i / sample_rate. The result may be
    negative (the target was before this buffer) or >= frames (after it). Kept allocation-light
    because the audio callback calls it; ties round up so consecutive buffers agree.
    """
    return math.floor((target - buffer_dac_time) * sample_rate + 0.5)


def place(*, buffer_dac_time: float, frames: int, sample_rate: int, target: float) -> Placement:
    """Where the first sample of a broadcast scheduled at `target` goes in this buffer."""
    if frames <= 0 or sample_rate <= 0:
        raise ValueError("frames and sample_rate must be positive")
    k = target_offset(buffer_dac_time, sample_rate, target)
    if k >= frames:
        return Placement(PlacementKind.NOT_YET)
    if k >= 0:
        return Placement(PlacementKind.START, offset=k)
    return Placement(PlacementKind.LATE, offset=0, late_frames=-k)


def frame_time(buffer_dac_time: float, offset: int, sample_rate: int) -> float:
    """The DAC instant of frame `offset` of a buffer."""
    return buffer_dac_time + offset / sample_rate


# --------------------------------------------------------------------------- clock agreement


class ClockKind(StrEnum):
    MONOTONIC = "monotonic"  # the stream clock is time.monotonic() (offset ~ 0)
    OFFSET = "offset"  # a different clock (e.g. CLOCK_REALTIME) at a steady offset


@dataclass(frozen=True)
class ClockAgreement:
    ok: bool
    kind: ClockKind
    offset_s: float  # stream_time - monotonic_time (median)
    spread_s: float  # 80th percentile of |sample offset - median|: the pairing jitter
    rate_error: float  # (d stream / d monotonic) - 1 over the samples; 0 if too short to tell
    samples: int
    reason: str = ""


def clock_agreement(
    pairs: Sequence[tuple[float, float]],
    *,
    tolerance_s: float = 0.005,
    monotonic_within_s: float = 0.05,
    max_rate_error: float = 0.01,
) -> ClockAgreement:
    """Judge pairs of (stream_time, monotonic_time) read together (e.g. in the audio callback).

    The clocks agree when the offset between them is steady within `tolerance_s` and they advance
    at the same rate. A steady non-zero offset (PortAudio's ALSA backend may report
    CLOCK_REALTIME) is accepted: the caller maps stream times with `offset_s`.
    """
    if len(pairs) < 2:
        return ClockAgreement(
            False, ClockKind.OFFSET, 0.0, math.inf, 0.0, len(pairs), "too few samples"
        )
    offsets = [s - m for s, m in pairs]
    offset = statistics.median(offsets)
    # A Python callback can be held up by the GIL now and then: judge the steadiness on the
    # 80th percentile of the deviations so a rare stall does not fail the check.
    deviations = sorted(abs(o - offset) for o in offsets)
    spread = deviations[int(0.8 * (len(deviations) - 1))]
    (s0, m0), (s1, m1) = pairs[0], pairs[-1]
    # A rate estimate needs a span long enough for the pairing jitter not to swamp it.
    long_enough = (m1 - m0) > 2 * tolerance_s / max_rate_error
    rate_error = ((s1 - s0) / (m1 - m0) - 1.0) if long_enough else 0.0
    kind = ClockKind.MONOTONIC if abs(offset) <= monotonic_within_s else ClockKind.OFFSET
    if not all(math.isfinite(o) for o in offsets):
        return ClockAgreement(
            False, kind, offset, math.inf, rate_error, len(pairs), "non-finite time"
        )
    if abs(rate_error) > max_rate_error:
        reason = f"stream clock runs at {1 + rate_error:.4f}x time.monotonic()"
        return ClockAgreement(False, kind, offset, spread, rate_error, len(pairs), reason)
    if spread > tolerance_s:
        reason = f"stream clock jitters {spread * 1e3:.1f} ms against time.monotonic()"
        return ClockAgreement(False, kind, offset, spread, rate_error, len(pairs), reason)
    return ClockAgreement(True, kind, offset, spread, rate_error, len(pairs))

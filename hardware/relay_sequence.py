"""Pure relay sequencing: broadcasts (start, end, zones) + timing → when to switch what.

Rules: the amplifier is on at least `warm_up_s` before a first sample; zone relays switch only in
silence (never between a first sample and the end of its tail); the amplifier goes off
`tail_s + hold_s` after the last sample, and zones are released `zone_settle_s` after that.
Back-to-back broadcasts keep the amplifier on when the gap is shorter than hold + warm-up.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class RelayAction(StrEnum):
    AMP_ON = "amp_on"
    AMP_OFF = "amp_off"
    SELECT_ZONES = "select_zones"


@dataclass(frozen=True)
class RelayStep:
    time: float  # seconds on the daemon's (monotonic) clock
    action: RelayAction
    zones: tuple[str, ...] = ()  # for SELECT_ZONES: the zones on after this step (others off)


@dataclass(frozen=True)
class RelayTiming:
    warm_up_s: float = 3.0  # amplifier on this long before the first sample
    tail_s: float = 0.5  # after the last sample, still "sound" (decay, horn ring-out)
    hold_s: float = 5.0  # then keep the amplifier on this long in case more follows
    zone_settle_s: float = 0.2  # zone relays switch this long before the amplifier/first sample
    release_zones: bool = True  # all zone relays off after the amplifier goes off

    def __post_init__(self) -> None:
        for name in ("warm_up_s", "tail_s", "hold_s", "zone_settle_s"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class Broadcast:
    start: float  # first sample at the DAC
    end: float  # last sample at the DAC
    zones: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a broadcast cannot end before it starts")


def _zones(z: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(z)))


def plan_relays(
    broadcasts: Sequence[Broadcast],
    timing: RelayTiming = RelayTiming(),
    *,
    amp_on: bool = False,
    zones: Iterable[str] = (),
) -> list[RelayStep]:
    """Relay steps for non-overlapping broadcasts, given the relays' state before the first.

    Raises ValueError if broadcasts overlap, or if back-to-back broadcasts on different zones
    leave no silent moment (gap < tail) to switch the zones in.
    """
    items = sorted(broadcasts, key=lambda b: b.start)
    for a, b in itertools.pairwise(items):
        if b.start < a.end:
            raise ValueError(f"broadcasts overlap: {a.start}–{a.end} and {b.start}–{b.end}")
    steps: list[RelayStep] = []
    amp = amp_on
    current = _zones(zones)
    prev_end: float | None = None
    for b in items:
        want = _zones(b.zones)
        t_amp_on = b.start - timing.warm_up_s
        silent_from = -float("inf") if prev_end is None else prev_end + timing.tail_s
        keep_on = amp and (prev_end is None or t_amp_on <= prev_end + timing.tail_s + timing.hold_s)
        if amp and not keep_on:
            assert prev_end is not None
            t_off = prev_end + timing.tail_s + timing.hold_s
            steps.append(RelayStep(t_off, RelayAction.AMP_OFF))
            amp = False
            t_release = t_off + timing.zone_settle_s
            if timing.release_zones and current and t_release <= t_amp_on - timing.zone_settle_s:
                steps.append(RelayStep(t_release, RelayAction.SELECT_ZONES, ()))
                current = ()
        if want != current:
            t_sel = (b.start if amp else t_amp_on) - timing.zone_settle_s
            t_sel = max(t_sel, silent_from)
            if t_sel > b.start:
                raise ValueError(
                    f"no silence to switch zones before the broadcast at {b.start}: "
                    f"the previous one ends (with its tail) at {silent_from}"
                )
            steps.append(RelayStep(t_sel, RelayAction.SELECT_ZONES, want))
            current = want
        if not amp:
            steps.append(RelayStep(t_amp_on, RelayAction.AMP_ON))
            amp = True
        prev_end = b.end
    if amp and prev_end is not None:
        t_off = prev_end + timing.tail_s + timing.hold_s
        steps.append(RelayStep(t_off, RelayAction.AMP_OFF))
        if timing.release_zones and current:
            steps.append(RelayStep(t_off + timing.zone_settle_s, RelayAction.SELECT_ZONES, ()))
    # stable: equal times keep their logical order (off before release, zones before amp on)
    return sorted(steps, key=lambda s: s.time)


def plan_broadcast(
    start: float, end: float, zones: Iterable[str], timing: RelayTiming = RelayTiming()
) -> list[RelayStep]:
    """The steps for one broadcast with the relays off and released before it."""
    return plan_relays([Broadcast(start, end, _zones(zones))], timing)


def relay_state_at(
    steps: Sequence[RelayStep],
    t: float,
    *,
    amp_on: bool = False,
    zones: Iterable[str] = (),
) -> tuple[bool, tuple[str, ...]]:
    """(amplifier on?, zones on) after every step with time <= t has been applied."""
    amp, current = amp_on, _zones(zones)
    for s in steps:
        if s.time > t:
            break
        if s.action is RelayAction.AMP_ON:
            amp = True
        elif s.action is RelayAction.AMP_OFF:
            amp = False
        else:
            current = s.zones
    return amp, current


def due_steps(steps: Sequence[RelayStep], after: float, upto: float) -> list[RelayStep]:
    """Steps with after < time <= upto (what a daemon tick applies)."""
    return [s for s in steps if after < s.time <= upto]

"""Relay sequencing (pure, property-tested) and the RelayBank on gpiozero's MockFactory."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.gpio_relays import RelayBank, RelayConfig, RelayPin, UnknownZone
from hardware.relay_sequence import (
    Broadcast,
    RelayAction,
    RelayTiming,
    plan_broadcast,
    plan_relays,
    relay_state_at,
)

ZONES = ("a", "b", "c")


@st.composite
def schedules(draw):
    timing = RelayTiming(
        warm_up_s=draw(st.floats(0, 10)),
        tail_s=draw(st.floats(0, 3)),
        hold_s=draw(st.floats(0, 30)),
        zone_settle_s=draw(st.floats(0, 1)),
    )
    t = draw(st.floats(0, 100))
    out = []
    for _ in range(draw(st.integers(1, 6))):
        zones = tuple(draw(st.sets(st.sampled_from(ZONES), min_size=1)))
        t += draw(st.floats(0, 60)) if out else 0
        # leave at least the tail between broadcasts so zones can always switch in silence
        if out:
            t = max(t, out[-1].end + timing.tail_s)
        dur = draw(st.floats(0.1, 120))
        out.append(Broadcast(t, t + dur, zones))
        t += dur
    return timing, out


@given(schedules())
def test_plan_keeps_every_rule(case):
    timing, broadcasts = case
    steps = plan_relays(broadcasts, timing)
    assert [s.time for s in steps] == sorted(s.time for s in steps)
    eps = 1e-9
    for b in broadcasts:
        # amplifier on from warm-up before the first sample through the tail
        checks = (
            b.start - timing.warm_up_s + eps,
            b.start,
            (b.start + b.end) / 2,
            max(b.start, b.end + timing.tail_s - eps),
        )
        for t in checks:
            amp, _zones = relay_state_at(steps, t)
            assert amp, f"amplifier off at {t} for broadcast {b}"
        # the right zones for the whole broadcast, and no zone switch while sound plays
        assert relay_state_at(steps, b.start)[1] == tuple(sorted(set(b.zones)))
        for s in steps:
            if s.action is RelayAction.SELECT_ZONES:
                assert not (b.start < s.time < b.end + timing.tail_s - eps), (s, b)
        # every AMP_ON before this broadcast lies warm_up before it
        ons = [s for s in steps if s.action is RelayAction.AMP_ON and s.time <= b.start]
        assert ons and b.start - ons[-1].time >= timing.warm_up_s - eps
    last = broadcasts[-1]
    off = last.end + timing.tail_s + timing.hold_s
    assert steps[-1].time >= off - eps
    assert relay_state_at(steps, off + timing.zone_settle_s + eps) == (False, ())


def test_back_to_back_keeps_the_amplifier_on_and_switches_zones_in_the_gap():
    timing = RelayTiming(warm_up_s=3, tail_s=0.5, hold_s=5, zone_settle_s=0.2)
    steps = plan_relays([Broadcast(100, 160, ("a",)), Broadcast(162, 200, ("b",))], timing)
    assert [(s.time, s.action.value, s.zones) for s in steps] == [
        (96.8, "select_zones", ("a",)),
        (97.0, "amp_on", ()),
        (161.8, "select_zones", ("b",)),
        (205.5, "amp_off", ()),
        (205.7, "select_zones", ()),
    ]


def test_no_silence_to_switch_zones_is_refused():
    with pytest.raises(ValueError, match="no silence"):
        plan_relays(
            [Broadcast(0, 10, ("a",)), Broadcast(10.1, 20, ("b",))], RelayTiming(tail_s=0.5)
        )
    with pytest.raises(ValueError, match="overlap"):
        plan_relays([Broadcast(0, 10, ("a",)), Broadcast(5, 20, ("a",))])


def _config(active_high=True):
    return RelayConfig(
        amplifier=RelayPin(17, active_high=active_high),
        zones={"thon1": RelayPin(22), "thon2": RelayPin(23, active_high=False)},
    )


def test_relay_bank_runs_a_plan_with_recorded_pin_states_and_times(mock_factory, sim_clock):
    bank = RelayBank(_config(), pin_factory=mock_factory)
    amp, z1, z2 = (mock_factory.pin(n) for n in (17, 22, 23))
    for p in (amp, z1, z2):
        p.clear_states()
    t0 = sim_clock.monotonic()
    start, end = t0 + 10.0, t0 + 40.0
    timing = RelayTiming(warm_up_s=3.0, tail_s=0.5, hold_s=5.0, zone_settle_s=0.2)
    for step in plan_broadcast(start, end, ["thon1", "thon2"], timing):
        sim_clock.advance_to(step.time)  # the daemon's tick, without sleeping
        bank.apply(step)
    # zones at 6.8 s, amplifier at 7.0 s (3 s warm-up before the first sample at 10 s);
    # amplifier off at 40 + 0.5 tail + 5 hold = 45.5 s; zones released 0.2 s later.
    amp.assert_states_and_times([(0.0, False), (7.0, True), (38.5, False)])
    z1.assert_states_and_times([(0.0, False), (6.8, True), (38.9, False)])
    # thon2 is active-low: the pin goes low to switch the relay on
    z2.assert_states_and_times([(0.0, True), (6.8, False), (38.9, True)])
    assert len(amp.states) == 3 and len(z2.states) == 3
    assert bank.states() == {"amplifier": False, "zone:thon1": False, "zone:thon2": False}
    bank.close()


def test_relay_bank_initial_state_break_before_make_and_safe_close(mock_factory):
    cfg = RelayConfig(
        amplifier=RelayPin(5, active_high=False, initial_value=True),
        zones={"a": RelayPin(6), "b": RelayPin(13)},
    )
    bank = RelayBank(cfg, pin_factory=mock_factory)
    assert mock_factory.pin(5).state is False  # active-low relay switched on from the start
    assert bank.states()["amplifier"] is True
    bank.select_zones(["a"])
    mock_factory.pin(6).clear_states()
    mock_factory.pin(13).clear_states()
    bank.select_zones(["b"])
    assert bank.states() == {"amplifier": True, "zone:a": False, "zone:b": True}
    with pytest.raises(UnknownZone, match="unknown zone"):
        bank.select_zones(["nowhere"])
    with bank:
        pass
    assert mock_factory.pin(5).state is True  # closing left the amplifier relay off

"""Faults a unit meets in the field: a power cut during an install, the SD card full, the wall
clock stepped by NTP after a boot without RTC, a relay pin that is busy, an emergency at an
awkward instant. Simulated card, MockFactory relays, a SimClock: nothing sleeps."""

from __future__ import annotations

from .conftest import daily, import_bundle

START = 1010.0  # SimClock monotonic at 07:00:00 (T0 is 06:59:50 at 1000.0)


def played_tokens(unit):
    return [r.token[0] for r in unit.output.played if r.start_time is not None]


def pin_changes(pin, base: float = 1000.0):
    """[(absolute time, state)] from a MockPin's (delta, state) records, first entry skipped."""
    t, out = base, []
    for i, s in enumerate(pin.states):
        t += s.timestamp
        if i:
            out.append((round(t, 6), s.state))
    return out


class GpioBusy(Exception):
    """What lgpio raises for a pin another process holds (`lgpio.error: 'GPIO busy'`): not a
    HardwareError, not an OSError."""


def refuse_once(relays, name: str) -> list[int]:
    real, calls = getattr(relays, name), []

    def switch(*args):
        calls.append(1)
        if len(calls) == 1:
            raise GpioBusy("GPIO busy")
        return real(*args)

    setattr(relays, name, switch)
    return calls


# ------------------------------------------------------------------ relays


def test_a_busy_pin_refusing_amp_off_is_retried_and_the_amplifier_goes_off(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    calls = refuse_once(u.daemon.relays, "amp_off")
    u.run(25)  # A 07:00:00–02, tail + hold 5.5 s: the amplifier is due off at 07:00:07.5
    assert len(calls) == 2  # refused, then done on the next tick
    (_, on), (t_off, off) = pin_changes(u.pin(17))
    assert on and not off and START + 7.5 <= t_off <= START + 7.5 + 0.05
    assert not u.daemon.relays.states()["amplifier"]
    assert "GPIO busy" in (u.daemon.last_error or "")
    assert u.kinds() == ["armed", "started", "finished"]


def test_a_busy_pin_refusing_amp_on_is_retried_and_the_warm_up_still_holds(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    calls = refuse_once(u.daemon.relays, "amp_on")
    u.run(15)
    assert len(calls) == 2
    [rec] = u.output.played
    (t_on, on), *_ = pin_changes(u.pin(17))
    assert on and rec.start_time == START and START - t_on >= 3.0
    started = next(f for k, f in u.entries() if k == "started")
    assert started["relay_states"]["amplifier"] is True


# ------------------------------------------------------------------ power cut during an install


def test_a_power_cut_mid_install_plays_the_old_bundle_and_the_next_import_clears_the_litter(
    kit, clock, make_unit
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    # the power went while bundle 2 was being copied and extracted: its staging folder stays
    bundles = kit.state_dir / "bundles"
    half = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2).read_bytes()
    stale = bundles / ".incoming-0123456789abcdef0123456789abcdef"
    (stale / "audio").mkdir(parents=True)
    (stale / "bundle.loa").write_bytes(half[: len(half) // 2])
    (stale / "audio" / ".half.wav.tmp").write_bytes(b"RIFF")
    u = make_unit()
    u.run(15)
    assert [t.split("@")[0] for t in played_tokens(u)] == ["A"]
    assert u.daemon.bundle is not None and u.daemon.bundle.sequence == 1
    import_bundle(
        kit, kit.bundle([kit.item("C")], schedule=daily(["07:05"], "C"), sequence=3), clock
    )
    assert not stale.exists()
    assert sorted(p.name for p in bundles.iterdir() if p.name.startswith(".")) == []
    u.run(1)
    assert u.daemon.bundle.sequence == 3

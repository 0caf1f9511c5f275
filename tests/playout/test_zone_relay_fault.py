"""A zone relay that cannot close (GPIO error): the other zones are still switched, the
amplifier comes on when at least one zone of the broadcast is live, and the as-run entry says
which zones did not get it. With no zone live the amplifier stays off and the entry is
`failed` with a reason. MockFactory relays, a SimClock: nothing sleeps."""

from __future__ import annotations

import pytest

from hardware.gpio_relays import RelayBank, RelayConfig, RelayPin, ZoneRelayError

from .conftest import daily, import_bundle

ZONES = {"thon-1": {"pin": 22}, "thon-2": {"pin": 23}, "thon-3": {"pin": 24}}
PINS = {"thon-1": 22, "thon-2": 23, "thon-3": 24}


class GpioBusy(Exception):
    """What lgpio raises for a pin another process holds: not a HardwareError."""


def stick(pin) -> dict[str, bool]:
    """The pin refuses to go high (the relay cannot close) until `flag["stuck"]` is False."""
    real, flag = pin._set_state, {"stuck": True}

    def set_state(value):
        if value and flag["stuck"]:
            raise GpioBusy("GPIO busy")
        real(value)

    pin._set_state = set_state
    return flag


def three_zone_unit(kit, clock, make_unit, *, seconds: float = 2.0, times=("07:00",)):
    a = kit.item("A", seconds=seconds)
    import_bundle(kit, kit.bundle([a], schedule=daily(list(times), "A")), clock)
    cfg = kit.config_dict()
    cfg["relays"]["zones"] = ZONES
    from playout.config import parse_config

    return make_unit(parse_config(cfg, base_dir=kit.tmp, source="test.toml"))


def ends(unit):
    return [(k, f) for k, f in unit.entries() if k in ("finished", "failed")]


def test_the_bank_switches_every_zone_it_can_and_names_the_stuck_one(pin_factory):
    cfg = RelayConfig(RelayPin(17), {z: RelayPin(p) for z, p in PINS.items()})
    bank = RelayBank(cfg, pin_factory=pin_factory)
    stick(pin_factory.pin(23))
    with pytest.raises(ZoneRelayError, match="thon-2") as info:
        bank.select_zones(["thon-1", "thon-2", "thon-3"])
    assert set(info.value.failed) == {"thon-2"} and "GPIO busy" in info.value.failed["thon-2"]
    assert bank.states() == {
        "amplifier": False,
        "zone:thon-1": True,
        "zone:thon-2": False,
        "zone:thon-3": True,
    }
    bank.close()


def test_one_zone_of_three_stuck_the_others_play_and_the_entry_names_it(kit, clock, make_unit):
    u = three_zone_unit(kit, clock, make_unit)
    stick(u.pin(23))
    u.run(15)  # A 07:00:00–02
    started = next(f for k, f in u.entries() if k == "started")
    assert started["relay_states"] == {
        "amplifier": True,
        "zone:thon-1": True,
        "zone:thon-2": False,
        "zone:thon-3": True,
    }
    [(kind, f)] = ends(u)
    assert kind == "finished" and f["outcome"] == "finished"
    assert f["zones_missed"] == ["thon-2"]
    assert "thon-2" in f["reason"] and "thon-2" in f["reason_vi"]
    assert "không" in f["reason_vi"]
    assert "thon-2" in (u.daemon.last_error or "")
    assert u.kinds() == ["armed", "started", "finished"]
    assert u.daemon.asrun.verify(kit.unit_pub).ok


def test_every_zone_stuck_keeps_the_amplifier_off_and_the_broadcast_failed(kit, clock, make_unit):
    u = three_zone_unit(kit, clock, make_unit)
    for p in PINS.values():
        stick(u.pin(p))
    u.run(15)
    assert all(s.state is False for s in u.pin(17).states)  # the amplifier never came on
    assert not u.daemon.relays.states()["amplifier"]
    first = ends(u)[0]
    assert first[0] == "failed"
    f = first[1]
    assert f["zones_missed"] == ["thon-1", "thon-2", "thon-3"]
    assert "no zone" in f["reason"] and "không" in f["reason_vi"]
    assert "finished" not in u.kinds()
    assert u.daemon.asrun.verify(kit.unit_pub).ok


def test_the_stuck_relay_closes_again_for_the_next_broadcast(kit, clock, make_unit):
    u = three_zone_unit(kit, clock, make_unit, times=("07:00", "07:01"))
    flag = stick(u.pin(23))
    u.run(20)  # the first broadcast, its hold, the amplifier off and the zones released
    assert not u.daemon.relays.states()["amplifier"]
    flag["stuck"] = False  # the other process let go of the pin
    u.run(60)  # 07:01:00–02
    first, second = ends(u)
    assert first[1]["zones_missed"] == ["thon-2"]
    assert second[0] == "finished" and "zones_missed" not in second[1]
    assert "reason" not in second[1]
    started = [f for k, f in u.entries() if k == "started"]
    assert started[1]["relay_states"]["zone:thon-2"] is True


def test_relays_that_close_partway_through_are_named_as_late(kit, clock, make_unit):
    u = three_zone_unit(kit, clock, make_unit, seconds=10.0)
    flags = [stick(u.pin(p)) for p in PINS.values()]
    u.run(13)  # 07:00:03, three seconds into A (07:00:00–10) played into silence
    assert not u.daemon.relays.states()["amplifier"]
    for flag in flags:
        flag["stuck"] = False
    u.run(12)
    [(kind, f)] = ends(u)[:1]
    assert kind == "finished" and f["zones_late"] == ["thon-1", "thon-2", "thon-3"]
    assert "zones_missed" not in f
    assert "partway" in f["reason"] and "giữa chừng" in f["reason_vi"]


def test_a_unit_without_zone_relays_logs_no_zone_fields(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit(kit.config(relays={"zones": {}}))
    u.run(15)
    [(kind, f)] = ends(u)
    assert kind == "finished" and f["outcome"] == "finished"
    assert not {"zones_missed", "zones_late", "reason"} & set(f)

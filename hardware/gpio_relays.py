"""Amplifier-power and zone-selector relays as gpiozero output devices (pin factory passed in)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hardware.errors import HardwareError
from hardware.relay_sequence import RelayAction, RelayStep

AMPLIFIER = "amplifier"


class RelayError(HardwareError):
    """A relay pin could not be set up or switched."""


class ZoneRelayError(RelayError):
    """Some zone relays could not be switched; every other zone of the step was.

    `failed`: {zone id: the error}. The zones not named are in the state the step asked for.
    """

    def __init__(self, failed: Mapping[str, str]) -> None:
        self.failed = dict(failed)
        names = ", ".join(f"{z} ({e})" for z, e in sorted(self.failed.items()))
        super().__init__(f"zone relay(s) could not be switched: {names}")


class UnknownZone(RelayError, KeyError):
    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else "unknown zone"


@dataclass(frozen=True)
class RelayPin:
    pin: int | str  # gpiozero pin name: 17, "GPIO17", "BOARD11"
    active_high: bool = True  # False for the common low-triggered relay boards
    initial_value: bool = False  # state set when the bank opens (False = relay off)


@dataclass(frozen=True)
class RelayConfig:
    amplifier: RelayPin
    zones: Mapping[str, RelayPin] = field(default_factory=dict)


class RelayBank:
    """The unit's relays. `select_zones` switches break-before-make: zones leaving go off first.

    Closing the bank (or leaving its `with` block) switches everything off — the daemon's
    `finally` leaves the amplifier unpowered whatever happened.
    """

    def __init__(self, config: RelayConfig, *, pin_factory: Any = None) -> None:
        from gpiozero import OutputDevice  # lazily: only the unit drives GPIO
        from gpiozero.exc import GPIOZeroError

        self._devices: dict[str, Any] = {}
        try:
            self._amp = self._open(OutputDevice, config.amplifier, pin_factory)
            self._devices[AMPLIFIER] = self._amp
            self._zones = {}
            for zone_id, pin in config.zones.items():
                self._zones[zone_id] = self._open(OutputDevice, pin, pin_factory)
                self._devices[f"zone:{zone_id}"] = self._zones[zone_id]
        except GPIOZeroError as exc:
            self._close_all()
            raise RelayError(f"cannot set up relay pins: {exc}") from exc

    @staticmethod
    def _open(cls: Any, pin: RelayPin, pin_factory: Any) -> Any:
        return cls(
            pin.pin,
            active_high=pin.active_high,
            initial_value=pin.initial_value,
            pin_factory=pin_factory,
        )

    @property
    def zone_ids(self) -> tuple[str, ...]:
        return tuple(self._zones)

    def amp_on(self) -> None:
        self._amp.on()

    def amp_off(self) -> None:
        self._amp.off()

    def select_zones(self, zone_ids: Iterable[str]) -> None:
        """Zones leaving go off, then the wanted ones on. A relay that cannot switch does not
        stop the others: all are tried, then `ZoneRelayError` names those that failed."""
        wanted = set(zone_ids)
        unknown = wanted - set(self._zones)
        if unknown:
            raise UnknownZone(
                f"unknown zone(s) {sorted(unknown)}; configured: {sorted(self._zones)}"
            )
        failed: dict[str, str] = {}
        # each relay on its own: one that cannot switch (a pin another process holds, lgpio's
        # "GPIO busy") must not leave the other zones of the commune unswitched
        for zone_id, dev in self._zones.items():
            if zone_id not in wanted:
                _switch(dev.off, zone_id, failed)
        for zone_id in sorted(wanted):
            _switch(self._zones[zone_id].on, zone_id, failed)
        if failed:
            raise ZoneRelayError(failed)

    def states(self) -> dict[str, bool]:
        """{"amplifier": on?, "zone:<id>": on?} — logical states (active_high already applied)."""
        return {name: bool(dev.value) for name, dev in self._devices.items()}

    def apply(self, step: RelayStep) -> None:
        """Carry out one step of a `relay_sequence` plan."""
        if step.action is RelayAction.AMP_ON:
            self.amp_on()
        elif step.action is RelayAction.AMP_OFF:
            self.amp_off()
        else:
            self.select_zones(step.zones)

    def all_off(self) -> None:
        self._amp.off()
        for dev in self._zones.values():
            dev.off()

    def close(self) -> None:
        """Amplifier off, zones off, pins released."""
        try:
            if self._devices:
                self.all_off()
        finally:
            self._close_all()

    def _close_all(self) -> None:
        for dev in self._devices.values():
            dev.close()
        self._devices = {}

    def __enter__(self) -> RelayBank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _switch(action: Any, zone_id: str, failed: dict[str, str]) -> None:
    try:
        action()
    except Exception as exc:  # any adapter's error: gpiozero's, lgpio's "GPIO busy"
        failed[zone_id] = str(exc) or type(exc).__name__

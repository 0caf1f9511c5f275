"""The loop switch of a mobile rig (a gpiozero Button): on = keep repeating the programme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hardware.errors import HardwareError


class LoopSwitch:
    """A toggle (or push) switch wired between a GPIO pin and ground (`pull_up=True`).

    `is_on` reads it; `on_change(is_on)` is called by gpiozero's event thread when it flips —
    keep that callback short (set a flag the daemon reads).
    """

    def __init__(
        self,
        pin: int | str,
        *,
        pull_up: bool = True,
        bounce_time: float | None = 0.05,
        on_change: Callable[[bool], None] | None = None,
        pin_factory: Any = None,
    ) -> None:
        from gpiozero import Button  # lazily: only the unit drives GPIO
        from gpiozero.exc import GPIOZeroError

        try:
            self._button = Button(
                pin, pull_up=pull_up, bounce_time=bounce_time, pin_factory=pin_factory
            )
        except GPIOZeroError as exc:
            raise HardwareError(f"cannot set up the loop switch on pin {pin}: {exc}") from exc
        self._on_change = on_change
        self._button.when_pressed = self._pressed
        self._button.when_released = self._released

    @property
    def is_on(self) -> bool:
        return bool(self._button.is_pressed)

    def set_on_change(self, fn: Callable[[bool], None] | None) -> None:
        self._on_change = fn

    def _pressed(self) -> None:
        if self._on_change is not None:
            self._on_change(True)

    def _released(self) -> None:
        if self._on_change is not None:
            self._on_change(False)

    def close(self) -> None:
        self._button.close()

    def __enter__(self) -> LoopSwitch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

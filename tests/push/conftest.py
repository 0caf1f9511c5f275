"""A real Mosquitto broker per test (bench/_mosquitto.py), a panel key, recorders for wakes."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from bench._mosquitto import Broker, mosquitto_binary
from protocol.keys import generate_keypair, key_id

UNITS = {"cl-01": ["1", "4"], "cl-02": ["1", "5"]}
PASSWORDS = {"cl-01": "mat-khau-01", "cl-02": "mat-khau-02"}
PANEL_PASSWORD = "mat-khau-panel"
WAIT_S = 30.0  # an upper bound for something that should happen; never a measured duration


def require_mosquitto() -> None:
    """Skip without mosquitto, unless LOA_REQUIRE_MOSQUITTO is set (make test): then fail."""
    if mosquitto_binary() is None:
        message = "mosquitto is not installed (Debian package mosquitto; make test installs it)"
        if os.environ.get("LOA_REQUIRE_MOSQUITTO"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def make_broker(tmp_path) -> Iterator:
    require_mosquitto()
    made: list[Broker] = []

    def make(*, secured: bool = True, **kw) -> Broker:
        folder = tmp_path / f"broker{len(made)}"
        if secured:
            kw = {
                "units": UNITS,
                "unit_passwords": PASSWORDS,
                "panel_password": PANEL_PASSWORD,
            } | kw
        broker = Broker(folder, **kw).start()
        made.append(broker)
        return broker

    yield make
    for broker in made:
        broker.stop()


@pytest.fixture
def panel_key():
    priv, pub = generate_keypair()
    return priv, {key_id(pub): pub}


class Wakes:
    """Records wake(reason) calls; ``wait_for(reason)`` blocks until one arrives."""

    def __init__(self) -> None:
        self.reasons: list[str] = []
        self._cond = threading.Condition()

    def __call__(self, reason: str) -> None:
        with self._cond:
            self.reasons.append(reason)
            self._cond.notify_all()

    def wait_for(self, reason: str, count: int = 1, timeout: float = WAIT_S) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.reasons.count(reason) >= count, timeout)


@pytest.fixture
def wakes() -> Wakes:
    return Wakes()

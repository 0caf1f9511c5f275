"""A sixth security review, on the unit (docs/security.md 25): a bundle refused only because
the unit's clock is a little behind the panel's is fetched again, never given up on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from playout.errors import NoActiveBundle
from playout.store import BundleStore
from playout.sync_client import SyncClient

from .test_sync_client import UNIT, _code, _publish, kit_t0, server  # noqa: F401  (fixtures)


class _Clock:
    """The unit's wall clock, trusted (NTP or GPS), set by the test."""

    def __init__(self, now) -> None:
        self.now = now

    def wall(self):
        return self.now

    def is_trusted(self) -> bool:
        return True


def test_a_bundle_refused_as_not_yet_valid_is_fetched_again(server, kit) -> None:  # noqa: F811
    """The panel dates a bundle by its own clock and wakes the units at once; a unit whose
    trusted clock is a moment behind refuses it as "not yet valid". The client remembered its
    ETag as refused and asked with If-None-Match from then on: 304 for good, and the unit kept
    the bundle before — a withdrawn approval's item played on (2) until the next publish."""
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    bundle = kit.bundle([kit.item("a", seconds=1.0)], units=(UNIT,), sequence=7)
    _publish(server, bundle, 7)
    clock = _Clock(kit.t0 - timedelta(hours=2))  # before the bundle's issued_at (t0 − 1 h)
    store = BundleStore(kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id=UNIT, clock=clock)
    client = SyncClient(server.base_url, UNIT, kit.unit_priv, kit.state_dir, store=store)
    client.enrol(_code(server))

    rep = client.poll_once()
    assert rep.bundle == "rejected", rep
    with pytest.raises(NoActiveBundle):
        store.load_active()

    clock.now = kit.t0  # the clock caught up (a poll later)
    rep = client.poll_once()
    assert rep.bundle == "imported" and rep.bundle_sequence == 7, rep
    assert store.load_active().sequence == 7


def test_a_bundle_refused_for_good_is_not_fetched_again(server, kit) -> None:  # noqa: F811
    """A refusal that another try cannot change (here: signed for another unit) keeps its
    ETag, so the unit does not download it every poll."""
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    bundle = kit.bundle([kit.item("a", seconds=1.0)], units=("another-unit",), sequence=3)
    _publish(server, bundle, 3)
    store = BundleStore(kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id=UNIT)
    client = SyncClient(server.base_url, UNIT, kit.unit_priv, kit.state_dir, store=store)
    client.enrol(_code(server))
    assert client.poll_once().bundle == "rejected"
    assert client.poll_once().bundle == "unchanged"  # 304: not downloaded again


def test_a_clock_a_moment_behind_takes_a_new_bundle_at_once(server, kit) -> None:  # noqa: F811
    """A trusted clock up to CLOCK_SKEW_S behind the panel's does not refuse a bundle just
    issued (the same allowance emergencies have): it is imported at the first poll."""
    from playout.store import CLOCK_SKEW_S

    kit.state_dir.mkdir(parents=True, exist_ok=True)
    bundle = kit.bundle([kit.item("a", seconds=1.0)], units=(UNIT,), sequence=4)
    _publish(server, bundle, 4)
    issued = kit.t0 - timedelta(hours=1)  # kit bundles are issued an hour before t0
    clock = _Clock(issued - timedelta(seconds=CLOCK_SKEW_S - 5))
    store = BundleStore(kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id=UNIT, clock=clock)
    client = SyncClient(server.base_url, UNIT, kit.unit_priv, kit.state_dir, store=store)
    client.enrol(_code(server))

    rep = client.poll_once()
    assert rep.bundle == "imported" and rep.bundle_sequence == 4, rep
    assert store.load_active().sequence == 4

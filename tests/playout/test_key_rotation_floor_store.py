"""The unit's store during a panel key rotation: it trusts the old key A and the new key B,
and a bundle A signed before the rotation (on a found USB stick, or replayed over the
network) never replaces a newer one signed with B — ordinary, held or emergency."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from playout.errors import ImportRejected
from playout.store import BundleStore
from protocol import keys as signing

from .emergency_kit import emergency_bundle


@contextmanager
def signing_with(kit, priv, pub):
    """Build the kit's bundles with another key of the same panel."""
    saved = kit.priv, kit.pub, kit.kid
    kit.priv, kit.pub, kit.kid = priv, pub, signing.key_id(pub)
    try:
        yield
    finally:
        kit.priv, kit.pub, kit.kid = saved


@pytest.fixture
def new_key():
    return signing.generate_keypair()


@pytest.fixture
def store(kit, clock, new_key):
    _, new_pub = new_key
    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub, signing.key_id(new_pub): new_pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )


def _old_and_new(kit, new_key, item, *, old_seq: int, new_seq: int, replay_seq: int):
    old_first = kit.bundle([item], sequence=old_seq)
    replay = kit.bundle([item], sequence=replay_seq)
    with signing_with(kit, *new_key):
        newer = kit.bundle([item], sequence=new_seq)
    return old_first, newer, replay


def _assert_refused_across_keys(err, kit, new_kid: str) -> None:
    exc = err.value
    assert exc.code == "stale_sequence"
    assert "not newer than 100" in exc.reason and new_kid in exc.reason
    assert "không mới hơn 100" in exc.reason_vi and new_kid in exc.reason_vi


def test_an_old_key_bundle_never_rolls_the_unit_back(kit, store, new_key):
    a = kit.item("A")
    old80, new100, old95 = _old_and_new(kit, new_key, a, old_seq=80, new_seq=100, replay_seq=95)
    assert store.import_bundle(old80).status == "activated"
    assert store.import_bundle(new100).status == "activated"
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(old95)
    _assert_refused_across_keys(err, kit, signing.key_id(new_key[1]))
    active = store.load_active()
    assert (active.sequence, active.manifest.key_id) == (100, signing.key_id(new_key[1]))
    # the old key's own newest bundle cannot be brought back either
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(old80)
    assert err.value.code == "stale_sequence"
    assert store.load_active().sequence == 100


def test_a_fresh_unit_and_the_ordinary_path(kit, store, new_key):
    a = kit.item("A")
    assert store.import_bundle(kit.bundle([a], sequence=1)).status == "activated"
    assert store.import_bundle(kit.bundle([a], sequence=2)).status == "activated"
    with signing_with(kit, *new_key):
        b3 = kit.bundle([a], sequence=3)
    assert store.import_bundle(b3).status == "activated"
    assert store.import_bundle(b3).status == "unchanged"
    assert store.load_active().sequence == 3
    assert store.accepted_sequence(store.load_active().manifest) == 3


def test_a_held_new_key_bundle_is_not_replaced_by_an_older_old_key_one(kit, store, clock, new_key):
    a = kit.item("A")
    old80, new100, old95 = _old_and_new(kit, new_key, a, old_seq=80, new_seq=100, replay_seq=95)
    store.import_bundle(old80)
    clock.set_trusted(False)
    assert store.import_bundle(new100).status == "held"
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(old95)
    assert err.value.code == "stale_sequence" and "không mới hơn" in err.value.reason_vi
    assert store.held()["sequence"] == 100
    clock.set_trusted(True)
    result = store.activate_held()
    assert result is not None and result.sequence == 100
    assert store.load_active().sequence == 100


def test_emergency_floor_is_shared_by_the_panels_keys(kit, store, new_key):
    new_kid = signing.key_id(new_key[1])
    first, _ = emergency_bundle(kit, sequence=7)
    assert store.import_bundle(first).status == "emergency"
    with signing_with(kit, *new_key):
        newer, _ = emergency_bundle(kit, sequence=9)
    assert store.import_bundle(newer).status == "emergency"
    old8, _ = emergency_bundle(kit, sequence=8)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(old8)
    assert err.value.code == "stale_sequence"
    assert new_kid in err.value.reason and new_kid in err.value.reason_vi
    assert store.emergency_floor(kit.kid) == 9
    assert len(store.emergencies()) == 2

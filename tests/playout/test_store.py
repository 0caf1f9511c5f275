"""Bundle import and activation: verify, sequence check, atomic switch, the inbox for USB sticks."""

from __future__ import annotations

import json

import pytest

from playout.errors import ImportRejected, NoActiveBundle
from playout.store import ACTIVE_FILE, BundleStore, Inbox
from protocol import keys as signing

from .conftest import T0


@pytest.fixture
def store(kit, clock):
    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )


def test_import_activates_and_load_verifies_again(kit, store):
    a = kit.item("A")
    result = store.import_bundle(kit.bundle([a], sequence=3))
    assert (result.status, result.sequence, result.items) == ("activated", 3, 1)
    active = store.load_active()
    assert active.sequence == 3
    assert active.audio_path(a.audio_sha256).read_bytes() == kit.audio[a.audio_sha256].read_bytes()
    assert json.loads((kit.state_dir / ACTIVE_FILE).read_text())["sequence"] == 3
    assert store.recent_imports()[-1]["ok"] is True


def test_the_sequence_is_checked_on_import(kit, store):
    a = kit.item("A")
    store.import_bundle(kit.bundle([a], sequence=5))
    for seq in (4, 5):
        with pytest.raises(ImportRejected) as err:
            store.import_bundle(kit.bundle([a], sequence=seq))
        assert err.value.code == "stale_sequence"
        assert "not newer than 5" in err.value.reason and "không mới hơn" in err.value.reason_vi
    assert store.load_active().sequence == 5
    assert store.import_bundle(kit.bundle([a], sequence=6)).sequence == 6


def test_the_same_bundle_again_is_unchanged_not_an_error(kit, store):
    path = kit.bundle([kit.item("A")], sequence=2)
    store.import_bundle(path)
    marker = store.active_marker()
    assert store.import_bundle(path).status == "unchanged"
    assert store.active_marker() == marker


@pytest.mark.parametrize("damage", ["flip_byte", "other_key", "wrong_unit", "truncated"])
def test_an_invalid_bundle_never_replaces_a_valid_one(kit, store, damage):
    a = kit.item("A")
    store.import_bundle(kit.bundle([a], sequence=1))
    marker = store.active_marker()
    if damage == "flip_byte":
        bad = kit.bundle([a], sequence=2)
        data = bytearray(bad.read_bytes())
        data[len(data) // 2] ^= 0x01
        bad.write_bytes(bytes(data))
    elif damage == "other_key":
        other, other_pub = signing.generate_keypair()
        kit.kid_saved, kit.kid = kit.kid, signing.key_id(other_pub)
        bad = kit.bundle([a], sequence=2, signing_key=other)
        kit.kid = kit.kid_saved
    elif damage == "wrong_unit":
        bad = kit.bundle([a], sequence=2, units=("unit-99",))
    else:
        bad = kit.bundle([a], sequence=2)
        bad.write_bytes(bad.read_bytes()[:1500])
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(bad)
    assert err.value.reason and err.value.reason_vi
    assert store.active_marker() == marker
    assert store.load_active().sequence == 1
    assert not [p for p in store.bundles_dir.iterdir() if p.name.startswith(".incoming")]
    last = store.recent_imports()[-1]
    assert last["ok"] is False and last["reason"] == err.value.reason


def test_expired_bundle_is_refused_with_a_trusted_clock_only(kit, clock):
    path = kit.bundle([kit.item("A")], expires_at=T0 + __import__("datetime").timedelta(minutes=1))
    clock.jump(3600)
    store = BundleStore(
        kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id="unit-01", clock=clock
    )
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(path)
    assert err.value.code == "expired"
    clock.set_trusted(False)  # the window cannot be judged: held until the clock is trusted
    assert store.import_bundle(path).status == "held"
    with pytest.raises(NoActiveBundle):
        store.load_active()


def test_load_refuses_changed_audio_and_a_rolled_back_pointer(kit, store):
    a = kit.item("A")
    store.import_bundle(kit.bundle([a], sequence=1))
    first = json.loads((kit.state_dir / ACTIVE_FILE).read_text())
    store.import_bundle(kit.bundle([a], sequence=2))
    # someone points active.json back at the older bundle folder
    (kit.state_dir / ACTIVE_FILE).write_text(json.dumps(first))
    with pytest.raises(NoActiveBundle) as err:
        store.load_active()
    assert err.value.code == "stale_sequence"
    store.import_bundle(kit.bundle([a], sequence=3))
    path = store.load_active().audio_path(a.audio_sha256)
    path.write_bytes(path.read_bytes()[:-2] + b"\0\0")
    with pytest.raises(NoActiveBundle) as err:
        store.load_active()
    assert err.value.code == "audio_hash_mismatch"


def test_power_cut_between_pointer_and_state_is_safe(kit, store, monkeypatch):
    import playout.store as S

    a = kit.item("A")
    store.import_bundle(kit.bundle([a], sequence=1))

    def cut(*_a, **_k):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(S, "record_accepted", cut)
    with pytest.raises(KeyboardInterrupt):
        store.import_bundle(kit.bundle([a], sequence=2))
    monkeypatch.undo()
    assert store.load_active().sequence == 2  # new folder complete, state still says 1: fine


def test_no_bundle_yet(store):
    with pytest.raises(NoActiveBundle) as err:
        store.load_active()
    assert err.value.code == "no_bundle" and "chưa nạp" in err.value.reason_vi


def test_inbox_waits_for_a_stable_file_and_tries_each_file_once(kit, store, tmp_path):
    stick = tmp_path / "usb"
    (stick / "loa").mkdir(parents=True)
    inbox = Inbox(store, [stick, tmp_path / "not-mounted"])
    a = kit.item("A")
    good = kit.bundle([a], sequence=7)
    target = stick / "loa" / "ban-tin.loa"
    target.write_bytes(good.read_bytes())
    assert inbox.poll() == []  # first sight: maybe still copying
    [result] = inbox.poll()
    assert result.status == "activated" and result.sequence == 7
    assert inbox.poll() == []  # done with it
    bad = stick / "old.loa"
    bad.write_bytes(kit.bundle([a], sequence=6).read_bytes())
    inbox.poll()
    [rejected] = inbox.poll()
    assert isinstance(rejected, ImportRejected) and rejected.code == "stale_sequence"
    assert inbox.poll() == []  # not retried until it changes
    assert store.load_active().sequence == 7


def test_inbox_imports_several_bundles_lowest_sequence_first(kit, store, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    a = kit.item("A")
    (stick / "z-first.loa").write_bytes(kit.bundle([a], sequence=1).read_bytes())
    (stick / "a-second.loa").write_bytes(kit.bundle([a], sequence=2).read_bytes())
    inbox = Inbox(store, [stick])
    inbox.poll()
    results = inbox.poll()
    assert [r.sequence for r in results] == [1, 2]
    assert store.load_active().sequence == 2

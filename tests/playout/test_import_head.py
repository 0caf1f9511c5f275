"""One import reads the bundle's signed head once to route it: the head read before the copy
(the file's size from its signed manifest) says whether it is an emergency; the copy is then
verified in full on the path it took. A head that passed is not checked again byte for byte
(the signature check is a pure function of key, manifest and signature), a refusal always is."""

from __future__ import annotations

import io

import pytest

from playout import store as store_module
from playout.errors import ImportRejected, NoActiveBundle
from protocol import bundle as bundle_module
from protocol.bundle import BundleRejected, signed_head, verify_bundle

from .conftest import daily
from .emergency_kit import emergency_bundle, unit_store


@pytest.fixture
def signature_checks(monkeypatch) -> list[bytes]:
    """The manifests whose Ed25519 signature was actually computed."""
    real, calls = bundle_module.verify_signature, []

    def counting(pub, data, sig):
        calls.append(data)
        return real(pub, data, sig)

    monkeypatch.setattr(bundle_module, "verify_signature", counting)
    bundle_module._CHECKED_HEADS.clear()
    return calls


def test_an_emergency_import_checks_its_signature_once(kit, clock, signature_checks):
    store = unit_store(kit, clock)
    path, eid = emergency_bundle(kit, sequence=1)
    assert store.import_bundle(path).status == "emergency"
    # the head before the copy, the copy, and loading it to play: one signature computed
    assert len(signature_checks) == 1
    [entry] = store.emergencies()
    assert store.load_emergency(entry).manifest.emergency.id == eid
    assert len(signature_checks) == 1


def test_a_signature_that_failed_is_checked_again_every_time(kit, signature_checks):
    path = kit.bundle([kit.item("a")], schedule=daily(["07:00"], "a"))
    data = bytearray(path.read_bytes())
    sig_at = 2 * 512 + ((int(data[124:135], 8) + 511) // 512) * 512  # manifest.sig's content
    data[sig_at] ^= 0x01
    path.write_bytes(bytes(data))
    for _ in range(2):
        with pytest.raises(BundleRejected) as err:
            verify_bundle(path, trusted_keys={kit.kid: kit.pub}, now=kit.t0)
        assert err.value.code == "bad_signature"
    assert len(signature_checks) == 2


def test_a_passed_head_is_not_trusted_for_another_key(kit, signature_checks):
    """A remembered pass never stands in for the key check: the same manifest, once passed,
    is refused when the unit's trusted key under that key id is another one."""
    path = kit.bundle([kit.item("a")], schedule=daily(["07:00"], "a"))
    verify_bundle(path, trusted_keys={kit.kid: kit.pub}, now=kit.t0)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(BundleRejected) as err:
        verify_bundle(path, trusted_keys={kit.kid: other}, now=kit.t0)
    assert err.value.code == "untrusted_key"


def test_signed_head_gives_the_size_and_the_signed_manifest(kit):
    path, eid = emergency_bundle(kit, sequence=3)
    size, manifest = signed_head(io.BytesIO(path.read_bytes()), trusted_keys={kit.kid: kit.pub})
    assert size == path.stat().st_size
    assert manifest.emergency is not None and manifest.emergency.id == eid
    with pytest.raises(BundleRejected) as err:
        signed_head(io.BytesIO(path.read_bytes()), trusted_keys={})
    assert err.value.code == "untrusted_key"


def test_a_file_that_turns_into_an_emergency_after_its_head_was_read_is_refused(
    kit, clock, monkeypatch
):
    """A stick (or a device) that answers the head read with one signed bundle and the copy
    with another: an emergency copied on the ordinary path never becomes the schedule."""
    store = unit_store(kit, clock)
    ordinary = kit.bundle([kit.item("a")], schedule=daily(["07:00"], "a"), sequence=2)
    assert store.import_bundle(ordinary).status == "activated"
    decoy = kit.bundle([kit.item("b")], schedule=daily(["08:00"], "b"), sequence=3)
    emergency, _ = emergency_bundle(kit, sequence=4)

    def head_of_decoy(fh, **kw):
        _size, manifest = signed_head(io.BytesIO(decoy.read_bytes()), **kw)
        return emergency.stat().st_size, manifest

    monkeypatch.setattr(store_module, "signed_head", head_of_decoy)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(emergency)
    assert err.value.code == "manifest_invalid"
    assert "gói khẩn cấp" in err.value.reason_vi
    assert store.load_active().sequence == 2 and store.emergencies() == []


def test_a_file_that_stops_being_an_emergency_after_its_head_was_read_is_refused(
    kit, clock, monkeypatch
):
    store = unit_store(kit, clock)
    emergency, _ = emergency_bundle(kit, sequence=4)
    ordinary = kit.bundle([kit.item("a")], schedule=daily(["07:00"], "a"), sequence=5)

    def head_of_emergency(fh, **kw):
        _size, manifest = signed_head(io.BytesIO(emergency.read_bytes()), **kw)
        return ordinary.stat().st_size, manifest

    monkeypatch.setattr(store_module, "signed_head", head_of_emergency)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(ordinary)
    assert err.value.code == "manifest_invalid"
    assert store.emergencies() == []
    with pytest.raises(NoActiveBundle):  # nothing became active either
        store.load_active()

"""Security review 5 on the unit: a hostile USB stick that fills the unit's storage.

Before a file of a stick was judged at all, the unit copied it whole onto its own storage (up
to the largest a bundle may be: 2 GiB, fsynced), then read it. A stick of junk files named
``*.loa`` — or real bundles of the panel with junk appended — cost the unit's SD card that
much writing each, and could fill it while the as-run log still had to be written. Now the
head of the file (its manifest, signed by a trusted key) is read first, from the stick: a file
no trusted panel signed is refused before a byte of it is copied, and a signed one is copied
only up to the size its manifest gives (docs/security.md 24)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playout import store as store_module
from playout.errors import ImportRejected
from playout.store import BundleStore, Inbox
from protocol import keys as signing
from protocol.bundle import Limits

from .test_security_review_unit import _signed

UNIT = "unit-01"
JUNK = 3 * 1024 * 1024  # small for a test; the same path copied up to 2 GiB before


@pytest.fixture
def store(kit, clock):
    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id=UNIT,
        unit_areas=("xa-tan-phu",),
        clock=clock,
        limits=Limits(max_total_bytes=16 * 1024 * 1024),
    )


@pytest.fixture
def copied(monkeypatch) -> dict[str, int]:
    """How many bytes of each file of the stick reached the unit's storage."""
    real = store_module._copy_bounded
    seen: dict[str, int] = {}

    def recording(src: Path, dst: Path, *args, **kw):
        try:
            return real(src, dst, *args, **kw)
        finally:
            seen[Path(src).name] = dst.stat().st_size if dst.exists() else 0

    monkeypatch.setattr(store_module, "_copy_bounded", recording)
    return seen


def test_a_stick_of_junk_never_reaches_the_units_storage(kit, store, copied, tmp_path) -> None:
    a = kit.item("A")
    assert store.import_bundle(kit.bundle([a], sequence=9)).status == "activated"
    copied.clear()

    stick = tmp_path / "usb"
    stick.mkdir()
    other_priv, _ = signing.generate_keypair()
    real = kit.bundle([kit.item("B", freq=660.0)], sequence=10).read_bytes()
    crafted = {
        "a-random.loa": (os.urandom(JUNK), "bad_header"),
        "b-zeros.loa": (bytes(JUNK), "trailing_data"),
        # a real bundle of this panel, with junk after it
        "c-padded.loa": (real + os.urandom(JUNK), "bundle_too_large"),
        # a bundle of another panel, as large as it likes
        "d-other-panel.loa": (
            _signed(
                kit, [kit.item("C", seconds=30.0)], sequence=11, units=(UNIT,), key=other_priv
            ).read_bytes(),
            "untrusted_key",
        ),
    }
    for name, (data, _) in crafted.items():
        (stick / name).write_bytes(data)

    inbox = Inbox(store, [stick])
    results = inbox.poll() + inbox.poll()
    assert len(results) == len(crafted)
    assert all(isinstance(r, ImportRejected) for r in results), results
    # Judged on the stick: nothing of any of them was copied.
    assert copied == dict.fromkeys(crafted, 0)
    for name, (_, code) in crafted.items():  # the reason of each, from the same import
        with pytest.raises(ImportRejected) as err:
            store.import_bundle(stick / name)
        assert err.value.code == code, (name, err.value.reason)
        assert err.value.reason and err.value.reason_vi
    assert copied == dict.fromkeys(crafted, 0)
    assert store.load_active().sequence == 9

    # The real bundle alone still goes in, copied once, exactly its size.
    (stick / "e-real.loa").write_bytes(real)
    results = inbox.poll() + inbox.poll()
    assert [r.status for r in results] == ["activated"]
    assert copied["e-real.loa"] == len(real)
    assert store.load_active().sequence == 10

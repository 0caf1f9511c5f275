"""Security review 2 on the unit: a found USB stick. Every crafted file on it goes through the
real inbox (``playout.store.Inbox``) of a unit already playing sequence 9, and is refused with
its reason in both languages: a bundle for another unit or another commune, one signed by
another panel's key, an older bundle of this unit replayed, archive members that climb out
of the folder or are links, a manifest that is not the signed one. The active bundle stays,
and nothing is written outside the unit's state folder."""

from __future__ import annotations

import tarfile
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from bench.bundle_tamper import member, pack
from content_library import bundle as B
from playout.errors import ImportRejected
from playout.store import BundleStore, Inbox
from protocol import keys as signing

UNIT, AREA = "unit-01", "xa-tan-phu"


@pytest.fixture
def store(kit, clock):
    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id=UNIT,
        unit_areas=(AREA,),
        clock=clock,
    )


def _signed(kit, items, *, sequence, units=(), areas=(), key=None, name=None) -> Path:
    priv = key or kit.priv
    manifest = B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(units=units, areas=areas),
        sequence=sequence,
        issued_at=kit.t0 - timedelta(hours=1),
        expires_at=kit.t0 + timedelta(days=7),
        key_id=signing.key_id(priv.public_key()),
        items=tuple(items),
        schedule={"format": 1, "rules": []},
    )
    return B.build_bundle(
        manifest,
        {i.audio_sha256: kit.audio[i.audio_sha256] for i in items},
        signing_key=priv,
        out_path=kit.out_dir / (name or f"s{sequence}-{uuid.uuid4().hex[:6]}.loa"),
        now=kit.t0,
    )


def _members(path: Path) -> list[tuple[str, bytes]]:
    with tarfile.open(path) as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def test_a_found_usb_stick_cannot_change_what_the_unit_plays(kit, store, tmp_path) -> None:
    a = kit.item("A")
    nine = _signed(kit, [a], sequence=9, units=(UNIT,))
    assert store.import_bundle(nine).status == "activated"

    stick = tmp_path / "usb"
    stick.mkdir()
    other_priv, _ = signing.generate_keypair()
    b = kit.item("B", freq=660.0)
    crafted: dict[str, str] = {}

    def put(name: str, data: bytes, code: str) -> None:
        (stick / name).write_bytes(data)
        crafted[name] = code

    put(
        "a-other-unit.loa",
        _signed(kit, [b], sequence=20, units=("unit-02",)).read_bytes(),
        "wrong_target",
    )
    put(
        "b-other-commune.loa",
        _signed(kit, [b], sequence=21, areas=("xa-khac",)).read_bytes(),
        "wrong_target",
    )
    put(
        "c-other-panel.loa",
        _signed(kit, [b], sequence=22, units=(UNIT,), key=other_priv).read_bytes(),
        "untrusted_key",
    )
    replayed = _signed(kit, [b], sequence=5, units=(UNIT,))
    put("d-replayed.loa", replayed.read_bytes(), "stale_sequence")
    good = _members(_signed(kit, [b], sequence=23, units=(UNIT,)))
    (manifest_name, manifest), sig, (audio_name, audio) = good[0], good[1], good[2]
    put(
        "e-climbs-out.loa",
        pack([good[0], sig, (f"../../{Path(audio_name).name}", audio)]),
        "unsafe_name",
    )
    put(
        "f-absolute.loa",
        pack([good[0], sig, (f"/tmp/{Path(audio_name).name}", audio)]),
        "unsafe_name",
    )
    link = member(audio_name, b"", typeflag=b"2", linkname=b"/etc/passwd")
    put("g-symlink-member.loa", pack([good[0], sig])[:-1024] + link + bytes(1024), "special_member")
    # A manifest changed after signing (another target), the signature kept.
    forged = manifest.replace(UNIT.encode(), b"unit-99")
    put(
        "h-edited-manifest.loa",
        pack([(manifest_name, forged), sig, (audio_name, audio)]),
        "bad_signature",
    )

    outside_before = _files(tmp_path.parent) - _files(kit.state_dir)
    inbox = Inbox(store, [stick])
    results = inbox.poll() + inbox.poll()  # a file is imported once it is seen unchanged
    assert len(results) == len(crafted)
    assert all(isinstance(r, ImportRejected) for r in results), results
    # The reason of each, from the import the inbox runs.
    refused: dict[str, ImportRejected] = {}
    for name in crafted:
        with pytest.raises(ImportRejected) as err:
            store.import_bundle(stick / name)
        refused[name] = err.value
    assert {n: r.code for n, r in refused.items()} == crafted, refused
    for r in refused.values():
        assert r.reason and r.reason_vi and r.reason != r.reason_vi
    active = store.load_active()
    assert active.sequence == 9 and [i.id for i in active.manifest.items] == ["A"]
    # Nothing landed outside the unit's own folders (no '../../<sha>.wav', no /tmp/<sha>.wav).
    assert _files(tmp_path.parent) - _files(kit.state_dir) == outside_before
    assert not Path(f"/tmp/{Path(audio_name).name}").exists()

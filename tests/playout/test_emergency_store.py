"""Emergency bundles in the unit's store: an overlay beside the active ordinary bundle,
verified with every check, kept across restarts, dropped when expired or stopped."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest

from playout.errors import ImportRejected, NoActiveBundle
from protocol import keys as signing

from .conftest import T0, daily
from .emergency_kit import emergency_bundle, unit_store


def test_an_emergency_is_kept_beside_the_active_bundle(kit, clock):
    store = unit_store(kit, clock)
    ordinary = kit.bundle([kit.item("a")], schedule=daily(["07:00"], "a"), sequence=5)
    assert store.import_bundle(ordinary).status == "activated"
    path, eid = emergency_bundle(kit, sequence=1, repeats=3, gap_s=10)
    result = store.import_bundle(path)
    assert result.status == "emergency" and result.emergency_id == eid
    assert "khẩn cấp" in result.message_vi
    # the ordinary bundle is still the active one
    assert store.load_active().sequence == 5
    [entry] = store.emergencies()
    assert entry["id"] == eid and entry["state"] == "active" and entry["played"] == 0
    assert entry["repeats"] == 3 and entry["gap_s"] == 10
    assert entry["arrived_at"] == clock.wall().isoformat()
    loaded = store.load_emergency(entry)
    assert loaded.manifest.emergency.id == eid
    assert loaded.audio_path(loaded.manifest.items[0].audio_sha256).exists()
    # the same bundle again (the next poll) is unchanged, not a sequence error
    assert store.import_bundle(path).status == "unchanged"
    # an ordinary bundle numbered below the emergency's counter is still accepted
    newer = kit.bundle([kit.item("b")], schedule=daily(["08:00"], "b"), sequence=6)
    assert store.import_bundle(newer).status == "activated"
    assert len(store.emergencies()) == 1


def test_an_old_emergency_bundle_is_refused(kit, clock):
    store = unit_store(kit, clock)
    old, _ = emergency_bundle(kit, sequence=3)
    new, _ = emergency_bundle(kit, sequence=4)
    store.import_bundle(new)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(old)
    assert err.value.code == "stale_sequence"
    assert len(store.emergencies()) == 1


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"areas": ("xa-khac",)}, "wrong_target"),
        (
            {
                "issued_at": T0 - timedelta(hours=3),
                "expires_at": T0 - timedelta(hours=1),
            },
            "expired",
        ),
    ],
)
def test_every_check_applies_to_emergency_bundles(kit, clock, kw, code):
    store = unit_store(kit, clock)
    path, _ = emergency_bundle(kit, sequence=1, **kw)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(path)
    assert err.value.code == code
    assert store.emergencies() == []


def test_an_emergency_signed_by_an_untrusted_key_is_refused(kit, clock):
    from playout.store import BundleStore

    _, other_pub = signing.generate_keypair()
    store = BundleStore(
        kit.state_dir,
        trusted_keys={signing.key_id(other_pub): other_pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )
    path, _ = emergency_bundle(kit, sequence=1)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(path)
    assert err.value.code == "untrusted_key"
    assert store.emergencies() == []


def test_a_tampered_emergency_bundle_is_refused(kit, clock):
    store = unit_store(kit, clock)
    path, _ = emergency_bundle(kit, sequence=1)
    data = bytearray(path.read_bytes())
    at = data.find(b'"repeats":3')
    data[at + 10] = ord("9")
    bad = path.with_name("bad.loa")
    bad.write_bytes(bytes(data))
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(bad)
    assert err.value.code == "bad_signature"
    assert store.emergencies() == []


def test_an_area_ancestor_reaches_the_unit(kit, clock):
    store = unit_store(kit, clock, areas=("xa-tan-phu", "huyen-a", "tinh-b"))
    path, _ = emergency_bundle(kit, sequence=1, areas=("tinh-b",))
    assert store.import_bundle(path).status == "emergency"


def test_stop_marks_it_stopped_drops_its_audio_and_queues_a_confirmation(kit, clock):
    store = unit_store(kit, clock)
    play, eid = emergency_bundle(kit, sequence=1)
    store.import_bundle(play)
    folder = store.emergency_dir / store.emergencies()[0]["dir"]
    assert folder.exists()
    stop, _ = emergency_bundle(kit, sequence=2, emergency_id=eid, action="stop")
    result = store.import_bundle(stop)
    assert result.status == "emergency_stopped"
    [entry] = store.emergencies()
    assert entry["state"] == "stopped" and entry["dir"] is None
    assert not folder.exists()
    assert store.pending_confirmations() == [
        {"emergency_id": eid, "state": "stopped", "repeat": 0, "at": clock.wall().isoformat()}
    ]
    assert store.import_bundle(stop).status == "unchanged"
    assert store.import_bundle(play).status == "unchanged"


def test_a_stop_that_comes_first_keeps_the_emergency_from_playing(kit, clock):
    store = unit_store(kit, clock)
    play, eid = emergency_bundle(kit, sequence=1)
    stop, _ = emergency_bundle(kit, sequence=2, emergency_id=eid, action="stop")
    store.import_bundle(stop)
    with pytest.raises(ImportRejected):
        store.import_bundle(play)  # older than the stop: never plays
    [entry] = store.emergencies()
    assert entry["state"] == "stopped"


def test_progress_survives_a_restart_and_finished_is_final(kit, clock):
    store = unit_store(kit, clock)
    path, eid = emergency_bundle(kit, sequence=1, repeats=2)
    store.import_bundle(path)
    wall = clock.wall()
    store.emergency_played(eid, state="started", repeat=1, at=wall, end=wall + timedelta(seconds=2))
    again = unit_store(kit, clock)  # a power cut: a new store on the same folder
    [entry] = again.emergencies()
    assert entry["played"] == 1 and entry["state"] == "active"
    again.emergency_played(eid, state="started", repeat=2, at=wall + timedelta(seconds=9))
    again.emergency_played(eid, state="finished", repeat=2, at=wall + timedelta(seconds=11))
    [entry] = unit_store(kit, clock).emergencies()
    assert entry["state"] == "finished" and entry["played"] == 2
    assert [c["state"] for c in again.pending_confirmations()] == [
        "started",
        "started",
        "finished",
    ]
    sent = again.pending_confirmations()[:2]
    again.confirmations_sent(sent)
    assert [c["state"] for c in again.pending_confirmations()] == ["finished"]


def test_expired_emergencies_are_dropped(kit, clock):
    store = unit_store(kit, clock)
    path, _ = emergency_bundle(kit, sequence=1, expires_at=kit.t0 + timedelta(minutes=10))
    store.import_bundle(path)
    folder = store.emergency_dir / store.emergencies()[0]["dir"]
    assert store.expire_emergencies(clock.wall()) == []
    assert len(store.expire_emergencies(kit.t0 + timedelta(minutes=10))) == 1
    assert store.emergencies() == [] and not folder.exists()
    with pytest.raises(ImportRejected) as err:  # and it never comes back
        store.import_bundle(path)
    assert err.value.code in ("stale_sequence", "expired")


def test_a_changed_emergency_audio_is_not_loaded(kit, clock):
    from playout.errors import NoActiveBundle

    store = unit_store(kit, clock)
    path, _ = emergency_bundle(kit, sequence=1)
    store.import_bundle(path)
    [entry] = store.emergencies()
    audio = next((store.emergency_dir / entry["dir"] / "audio").iterdir())
    audio.write_bytes(b"RIFF" + bytes(100))
    with pytest.raises(NoActiveBundle) as err:
        store.load_emergency(entry)
    assert err.value.code == "audio_hash_mismatch"


def test_a_damaged_overlay_plays_nothing(kit, clock):
    store = unit_store(kit, clock)
    path, _ = emergency_bundle(kit, sequence=1)
    store.import_bundle(path)
    store.emergency_file.write_text(json.dumps({"v": 1, "emergencies": {"x": {"id": 1}}}))
    assert store.emergencies() == []
    later, _ = emergency_bundle(kit, sequence=2)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(later)
    assert err.value.code == "state_unreadable"
    shutil.rmtree(store.emergency_dir)


def test_an_untrusted_clock_still_takes_an_emergency(kit, clock):
    clock.set_trusted(False)
    store = unit_store(kit, clock)
    path, _ = emergency_bundle(kit, sequence=1)
    result = store.import_bundle(path)
    assert result.status == "emergency"
    assert store.held() is None


def test_a_unit_clock_a_little_behind_the_panel_still_takes_it(kit, clock):
    store = unit_store(kit, clock)
    # issued "30 s from now" by the unit's clock: the panel's clock is ahead
    path, _ = emergency_bundle(kit, sequence=1, issued_at=kit.t0 + timedelta(seconds=30))
    assert store.import_bundle(path).status == "emergency"
    # but not one from far in the future
    far, _ = emergency_bundle(kit, sequence=2, issued_at=kit.t0 + timedelta(minutes=30))
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(far)
    assert err.value.code == "not_yet_valid"


def test_the_limits_apply_to_emergency_bundles(kit, clock):
    from playout.store import BundleStore
    from protocol.bundle import Limits

    store = BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
        limits=Limits(max_member_bytes=10_000),
    )
    path, _ = emergency_bundle(kit, sequence=1)  # two seconds of audio: far more than that
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(path)
    assert err.value.code in ("member_too_large", "bundle_too_large")
    assert store.emergencies() == []


# --------------------------------------------------------------------------- FLAC audio


def flac_item(kit, item_id: str, *, seconds: float = 2.0, freq: float = 660.0):
    """An emergency item whose audio is 16-bit FLAC (as the panel sends emergency audio)."""
    import dataclasses
    import hashlib

    import numpy as np
    import soundfile as sf

    from .conftest import SR

    t = np.arange(round(seconds * SR)) / SR
    pcm = np.round((0.1 + 0.4 * np.sin(2 * np.pi * freq * t)) * 32767).astype(np.int16)
    path = kit.wav_dir / f"{item_id}.flac"
    sf.write(path, pcm, SR, format="FLAC", subtype="PCM_16")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    kit.audio[sha] = path
    base = kit.item(item_id, seconds=seconds, freq=freq, priority="emergency")
    return dataclasses.replace(base, audio_sha256=sha, audio_size=path.stat().st_size), pcm


def test_a_flac_emergency_is_imported_verified_and_readable(kit, clock):
    import numpy as np
    import soundfile as sf

    from hardware.source import AudioSource

    item, pcm = flac_item(kit, "em-flac")
    path, _ = emergency_bundle(kit, sequence=1, item=item)
    store = unit_store(kit, clock)
    assert store.import_bundle(path).status == "emergency"
    [entry] = store.emergencies()
    loaded = store.load_emergency(entry)  # signature and the audio's sha256 checked again
    audio = loaded.audio_path(item.audio_sha256)
    assert audio.name == f"{item.audio_sha256}.flac" and audio.is_file()
    got, rate = sf.read(audio, dtype="int16")
    assert rate == 48000 and np.array_equal(got, pcm)  # lossless: the very samples
    src = AudioSource(audio, sha256=item.audio_sha256)
    try:
        assert (src.sample_rate, src.frames) == (48000, len(pcm))
    finally:
        src.close()
    # changed on the card after the import: not loaded
    audio.write_bytes(audio.read_bytes()[:-10] + b"\0" * 10)
    with pytest.raises(NoActiveBundle) as err:
        store.load_emergency(entry)
    assert err.value.code == "audio_hash_mismatch"


def test_the_emergency_is_durable_before_the_overlay_and_the_floor(kit, clock, monkeypatch):
    """Power-cut order of an emergency import: the bundle, its audio and their folders are
    fsynced before the overlay names them, the overlay before the sequence floor; the import
    history (imports.json) is replaced last without an fsync (it is only shown)."""
    import os
    from pathlib import Path

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name fsynced descriptors")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}")).name))
        real_fsync(fd)

    def replace(src, dst, **kw):
        real_replace(src, dst, **kw)
        events.append(("replace", Path(dst).name))

    item, _ = flac_item(kit, "em-order")
    path, _ = emergency_bundle(kit, sequence=1, item=item)
    store = unit_store(kit, clock)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert store.import_bundle(path).status == "emergency"
    monkeypatch.undo()
    overlay = events.index(("replace", "emergencies.json"))
    floor = events.index(("replace", "bundle-state.json"))
    history = events.index(("replace", "imports.json"))
    before = {name for kind, name in events[:overlay] if kind == "fsync"}
    assert {"bundle.loa", "audio", "emergency"} <= before
    # the audio under its temp name (fsynced, then renamed to <sha256>.flac)
    assert any(n.startswith(f".{item.audio_sha256}.flac.") for n in before)
    assert overlay < floor < history
    # after the floor: its folder's fsync, then nothing is fsynced for the history
    assert [e for e in events[floor + 1 :] if e[0] == "fsync"] == [("fsync", "state")]
    assert store.recent_imports()[-1]["code"] == "emergency"

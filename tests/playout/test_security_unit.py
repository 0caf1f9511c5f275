"""Issue 12 on the unit: no rollback across targets, no expired bundle on an untrusted clock,
a USB inbox that opens only regular files of a sane size, no bundle whose schedule the unit
cannot use, and trusted-key / unit-key files nobody else can write or read."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from content_library import bundle as B
from playout.errors import ConfigError, ImportRejected, NoActiveBundle
from playout.store import ACTIVE_FILE, BundleStore, Inbox
from protocol import keys as signing
from protocol.bundle import Limits

from .conftest import T0, UnitKit, daily, real_now

ROOT = Path(__file__).resolve().parents[2]
LOA = Path(sys.executable).with_name("loa")


@pytest.fixture
def store(kit, clock):
    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )


def signed(
    kit,
    items,
    *,
    sequence,
    units=(),
    areas=(),
    schedule=None,
    issued_at=None,
    expires_at=None,
    built_at=None,
):
    """A bundle signed by the panel key, addressed to `units` and/or `areas`."""
    issued = issued_at or kit.t0 - timedelta(hours=1)
    manifest = B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(units=units, areas=areas),
        sequence=sequence,
        issued_at=issued,
        expires_at=expires_at or kit.t0 + timedelta(days=7),
        key_id=kit.kid,
        items=tuple(items),
        schedule=schedule or {"format": 1, "rules": []},
    )
    out = kit.out_dir / f"s{sequence}-{uuid.uuid4().hex[:6]}.loa"
    return B.build_bundle(
        manifest,
        {i.audio_sha256: kit.audio[i.audio_sha256] for i in items},
        signing_key=kit.priv,
        out_path=out,
        now=built_at or kit.t0,
    )


# --------------------------------------------------------------------------- 1. rollback


def test_an_older_area_bundle_cannot_roll_back_a_newer_unit_bundle(kit, store):
    a = kit.item("A")
    nine = signed(kit, [a], sequence=9, units=("unit-01",))
    assert store.import_bundle(nine).status == "activated"
    five = signed(kit, [a], sequence=5, areas=("xa-tan-phu",))
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(five)
    assert err.value.code == "stale_sequence"
    assert "not newer than 9" in err.value.reason and "không mới hơn 9" in err.value.reason_vi
    assert store.load_active().sequence == 9
    again = store.import_bundle(nine)  # the same bundle again: idempotent, not "stale"
    assert again.status == "unchanged" and again.sequence == 9
    assert store.load_active().sequence == 9
    # newer, to either target, is accepted
    assert store.import_bundle(signed(kit, [a], sequence=10, areas=("xa-tan-phu",))).sequence == 10


def test_a_unit_stuck_by_the_old_per_target_state_recovers(kit, store):
    """A unit that already fell for the rollback (per-target state: unit 9, area 5 active):
    the newest bundle it ever accepted can be imported again and plays; 5 no longer loads."""
    from protocol.sequence import STATE_FILE_NAME, target_key

    a = kit.item("A")
    nine = signed(kit, [a], sequence=9, units=("unit-01",))
    five = signed(kit, [a], sequence=5, areas=("xa-tan-phu",))
    m9, m5 = B.read_manifest_unverified(nine), B.read_manifest_unverified(five)
    assert store.import_bundle(five).status == "activated"
    old_state = {
        "format": 1,
        "targets": {
            target_key(m9.target): {"sequence": 9, "bundle_id": m9.bundle_id},
            target_key(m5.target): {"sequence": 5, "bundle_id": m5.bundle_id},
        },
    }
    (kit.state_dir / STATE_FILE_NAME).write_text(json.dumps(old_state))
    with pytest.raises(NoActiveBundle) as err:
        store.load_active()
    assert err.value.code == "stale_sequence"
    assert store.import_bundle(nine).status == "activated"
    assert store.load_active().sequence == 9
    with pytest.raises(ImportRejected):
        store.import_bundle(five)


def test_an_expired_bundle_on_an_untrusted_clock_is_held_not_played(kit, store, clock):
    a = kit.item("A")
    store.import_bundle(signed(kit, [a], sequence=1, units=("unit-01",)))
    expired = signed(kit, [a], sequence=2, units=("unit-01",), expires_at=T0 + timedelta(minutes=1))
    clock.jump(3600)
    clock.set_trusted(False)
    result = store.import_bundle(expired)
    assert result.status == "held" and result.sequence == 2
    assert "held" in result.message and "chờ" in result.message_vi
    assert store.load_active().sequence == 1  # still the old one
    assert store.held() is not None and store.held()["sequence"] == 2
    assert store.activate_held() is None  # the clock is still not trusted: nothing happens
    clock.set_trusted(True)
    outcome = store.activate_held()
    assert isinstance(outcome, ImportRejected) and outcome.code == "expired"
    assert store.held() is None and store.load_active().sequence == 1


def test_a_held_bundle_is_activated_once_the_clock_is_trusted_and_it_is_valid(kit, store, clock):
    a = kit.item("A")
    clock.set_trusted(False)
    held = store.import_bundle(signed(kit, [a], sequence=3, units=("unit-01",)))
    assert held.status == "held"
    with pytest.raises(NoActiveBundle):
        store.load_active()
    with pytest.raises(ImportRejected) as err:  # older than the one already waiting
        store.import_bundle(signed(kit, [a], sequence=2, units=("unit-01",)))
    assert err.value.code == "stale_sequence"
    clock.set_trusted(True)
    result = store.activate_held()
    assert result.status == "activated" and result.sequence == 3
    assert store.load_active().sequence == 3 and store.held() is None


def test_a_bundle_provably_expired_is_refused_even_on_an_untrusted_clock(kit, store, clock):
    """The newest accepted bundle's issued_at is a lower bound of now, whatever the clock says."""
    a = kit.item("A")
    store.import_bundle(signed(kit, [a], sequence=4, units=("unit-01",)))  # issued T0 - 1 h
    earlier = replace(
        a,
        approval=replace(
            a.approval, approved_at=T0 - timedelta(days=11), valid_from=T0 - timedelta(days=11)
        ),
    )
    old = signed(
        kit,
        [earlier],
        sequence=5,
        units=("unit-01",),
        issued_at=T0 - timedelta(days=10),
        expires_at=T0 - timedelta(days=3),
        built_at=T0 - timedelta(days=9),
    )
    clock.jump(-30 * 86400)  # the untrusted clock says the bundle is still valid
    clock.set_trusted(False)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(old)
    assert err.value.code == "expired" and store.held() is None
    assert store.load_active().sequence == 4


def test_the_daemon_activates_a_held_bundle_when_its_clock_becomes_trusted(kit, clock, make_unit):
    a = kit.item("A")
    clock.set_trusted(False)
    u = make_unit()
    store = u.daemon.store
    assert (
        store.import_bundle(
            signed(kit, [a], sequence=6, units=("unit-01",), schedule=daily(["07:00"], "A"))
        ).status
        == "held"
    )
    u.run(1)
    assert u.daemon.bundle is None
    clock.set_trusted(True)
    u.run(1)
    assert u.daemon.bundle is not None and u.daemon.bundle.sequence == 6


# --------------------------------------------------------------------------- 11. USB inbox


def _poll_within(inbox: Inbox, seconds: float = 15.0):
    """inbox.poll() in a thread: a FIFO must not block the test run forever."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("r", inbox.poll()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "inbox.poll() blocked"
    return box["r"]


def test_the_inbox_skips_links_fifos_devices_oversize_and_folders(kit, store, tmp_path, caplog):
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "a-zero.loa").symlink_to("/dev/zero")
    os.mkfifo(stick / "b-fifo.loa")
    with open(stick / "c-big.loa", "wb") as fh:  # sparse: costs no disk
        fh.truncate(Limits().max_file_bytes + 1)
    (stick / "d-folder.loa").mkdir()
    good = signed(kit, [kit.item("A")], sequence=7, units=("unit-01",))
    (stick / "e-link-to-good.loa").symlink_to(good)
    (stick / "f-good.loa").write_bytes(good.read_bytes())
    inbox = Inbox(store, [stick])
    caplog.set_level(logging.WARNING, logger="playout.store")
    started = time.monotonic()
    first = _poll_within(inbox)
    second = _poll_within(inbox)
    assert time.monotonic() - started < 10
    skipped = {Path(r.source).name: r.code for r in first + second if isinstance(r, ImportRejected)}
    assert skipped == {
        "a-zero.loa": "not_a_file",
        "b-fifo.loa": "not_a_file",
        "c-big.loa": "bundle_too_large",
        "d-folder.loa": "not_a_file",
        "e-link-to-good.loa": "not_a_file",
    }
    [done] = [r for r in second if not isinstance(r, ImportRejected)]
    assert done.status == "activated" and done.sequence == 7
    for name in skipped:
        assert name in caplog.text
    assert "symbolic link" in caplog.text and "FIFO" in caplog.text
    assert _poll_within(inbox) == []  # each skipped once, not logged again every poll
    assert store.load_active().sequence == 7
    assert not [p for p in store.bundles_dir.iterdir() if p.name.startswith(".incoming")]


def test_import_opens_only_a_regular_file_and_bounds_the_copy(kit, clock, tmp_path):
    tight = Limits(max_total_bytes=1024 * 1024)
    store = BundleStore(
        kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id="unit-01", clock=clock, limits=tight
    )
    fifo = tmp_path / "pipe.loa"
    os.mkfifo(fifo)
    link = tmp_path / "zero.loa"
    link.symlink_to("/dev/zero")
    big = tmp_path / "big.loa"
    with open(big, "wb") as fh:
        fh.truncate(tight.max_file_bytes + 1)
    for path, code in (
        (fifo, "not_a_file"),
        (link, "not_a_file"),
        (Path("/dev/zero"), "not_a_file"),
        (big, "bundle_too_large"),
    ):
        box: dict = {}

        def attempt(p=path, b=box):
            try:
                store.import_bundle(p)
            except ImportRejected as exc:
                b["err"] = exc

        thread = threading.Thread(target=attempt, daemon=True)
        thread.start()
        thread.join(15)
        assert not thread.is_alive(), f"import of {path} blocked"
        assert box["err"].code == code, (path, box["err"].reason)
        assert box["err"].reason and box["err"].reason_vi
    assert (
        store.import_bundle(signed(kit, [kit.item("A")], sequence=1, units=("unit-01",))).status
        == "activated"
    )


# --------------------------------------------------------------------------- 18. schedule


UNUSABLE = [
    pytest.param(
        {"format": 1, "rules": [{"kind": "daily", "times": ["07:00"], "item_ids": ["X"]}]},
        id="unknown-item",
    ),
    pytest.param({"rules": [{"item": "A", "at": "07:00"}]}, id="not-our-rules"),
    pytest.param({"format": 9, "rules": []}, id="format"),
    pytest.param(
        {"format": 1, "rules": [{"kind": "daily", "times": ["25:00"], "item_ids": ["A"]}]},
        id="bad-time",
    ),
]


@pytest.mark.parametrize("schedule", UNUSABLE)
def test_a_signed_bundle_with_an_unusable_schedule_is_refused(kit, store, schedule):
    a = kit.item("A")
    store.import_bundle(
        signed(kit, [a], sequence=1, units=("unit-01",), schedule=daily(["07:00"], "A"))
    )
    marker = store.active_marker()
    bad = signed(kit, [a], sequence=2, units=("unit-01",), schedule=schedule)
    with pytest.raises(ImportRejected) as err:
        store.import_bundle(bad)
    assert err.value.code == "schedule_invalid"
    assert "schedule" in err.value.reason and "lịch phát" in err.value.reason_vi
    assert store.active_marker() == marker and store.load_active().sequence == 1


def _unit_config(tmp: Path, *, unit_id: str, areas: list[str], trusted: Path) -> Path:
    key = tmp / "unit.key"
    if not key.exists():
        signing.write_private_key(key, signing.generate_keypair()[0])
    cfg = tmp / "unit.toml"
    cfg.write_text(
        f"""format = 1
[unit]
id = "{unit_id}"
areas = {json.dumps(areas)}
trusted_keys = ["{trusted}"]
key = "{key}"
state_dir = "{tmp / "state"}"
[audio]
backend = "sim"
[relays]
backend = "none"
[gps]
mode = "off"
[clock]
trust = "always"
""",
        encoding="utf-8",
    )
    return cfg


def _run(*args, timeout=120):
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )


def test_cli_verify_and_unit_import_refuse_an_unusable_schedule(tmp_path):
    kit = UnitKit(tmp_path, t0=real_now())
    bad = signed(
        kit,
        [kit.item("A")],
        sequence=3,
        units=("unit-01",),
        schedule={"rules": [{"item": "A", "at": "07:00"}]},
    )
    verify = _run(LOA, "bundle", "verify", bad, "--trust", kit.trusted_file)
    assert verify.returncode == 1 and verify.stdout == ""
    assert (
        "REJECTED" in verify.stderr and "schedule" in verify.stderr and "lịch phát" in verify.stderr
    )
    cfg = _unit_config(tmp_path, unit_id="unit-01", areas=["xa-tan-phu"], trusted=kit.trusted_file)
    imported = _run(LOA, "unit", "import", bad, "--config", cfg)
    assert imported.returncode != 0 and "lịch phát" in imported.stderr
    assert not (tmp_path / "state" / ACTIVE_FILE).exists()


def test_the_bench_sample_imports_into_a_fresh_unit_and_plans(tmp_path):
    out = _run(sys.executable, "-m", "bench.bundle_tamper", "--emit-sample", tmp_path / "sample")
    assert out.returncode == 0, out.stderr
    sample = json.loads(out.stdout.strip().splitlines()[-1])
    unit = tmp_path / "unit"
    unit.mkdir()
    cfg = _unit_config(
        unit, unit_id="loa-di-dong-01", areas=["xa-ngoc-chuc"], trusted=Path(sample["public_key"])
    )
    imported = _run(LOA, "unit", "import", sample["bundle"], "--config", cfg)
    assert imported.returncode == 0, imported.stderr
    assert "activated" in imported.stdout
    now = real_now()
    plan = _run(LOA, "plan", sample["bundle"], "--from", now.isoformat(), "--hours", "24")
    assert plan.returncode == 0, plan.stderr
    entries = [json.loads(line) for line in plan.stdout.splitlines()]
    assert sorted(e["start"][11:16] for e in entries if e["item"] == "item-0") == ["06:00", "17:30"]


# --------------------------------------------------------------------------- 16. key files


@pytest.mark.parametrize("mode", [0o666, 0o646, 0o664])
def test_a_writable_trusted_key_file_is_refused(kit, mode):
    kit.trusted_file.chmod(mode)
    config = kit.config()
    with pytest.raises(ConfigError) as err:
        config.load_trusted_keys()
    assert (
        str(kit.trusted_file) in err.value.reason and str(kit.trusted_file) in err.value.reason_vi
    )
    assert "chmod 644" in err.value.reason and "chown root" in err.value.reason
    assert "chmod 644" in err.value.reason_vi and "ghi" in err.value.reason_vi
    kit.trusted_file.chmod(0o644)
    assert list(config.load_trusted_keys()) == [kit.kid]


def test_a_trusted_key_in_a_folder_anyone_may_write_is_refused(kit, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    key = shared / "panel.pub"
    key.write_text(kit.trusted_file.read_text())
    shared.chmod(0o777)
    config = kit.config(unit={"trusted_keys": [str(key)]})
    with pytest.raises(ConfigError) as err:
        config.load_trusted_keys()
    assert str(shared) in err.value.reason
    shared.chmod(0o755)
    assert list(config.load_trusted_keys()) == [kit.kid]


def test_unit_import_says_why_a_writable_trusted_key_is_refused(kit, tmp_path):
    cfg = _unit_config(tmp_path, unit_id="unit-01", areas=["xa-tan-phu"], trusted=kit.trusted_file)
    kit.trusted_file.chmod(0o666)
    bundle = signed(kit, [kit.item("A")], sequence=1, units=("unit-01",))
    result = _run(LOA, "unit", "import", bundle, "--config", cfg)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(kit.trusted_file) in result.stderr and "chmod 644" in result.stderr


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_the_unit_private_key_must_be_0600(kit, mode):
    kit.unit_key_file.chmod(mode)
    with pytest.raises(ConfigError) as err:
        kit.config().load_unit_key()
    assert str(kit.unit_key_file) in err.value.reason and "chmod 600" in err.value.reason
    kit.unit_key_file.chmod(0o600)
    assert stat.S_IMODE(kit.unit_key_file.stat().st_mode) == 0o600
    kit.config().load_unit_key()

"""`loa keys generate`, `loa bundle verify` and `loa bundle inspect` through the real console script."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from protocol import keys as signing

LOA = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "loa"
if not LOA.exists():  # a virtualenv elsewhere: use the console script beside this Python
    LOA = Path(sys.prefix) / "bin" / "loa"


def loa(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LOA), *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def pub_file(kit) -> Path:
    path = kit.tmp / "panel.pub"
    path.write_text(signing.public_key_line(kit.pub) + "\n")
    return path


# A schedule the unit's scheduler can use (the bundle kit's default one is not: see below).
PLAYABLE = {"format": 1, "rules": [{"kind": "daily", "times": ["07:00"], "item_ids": ["item-0"]}]}


@pytest.fixture
def playable_path(kit) -> Path:
    return kit.build(kit.manifest(schedule=PLAYABLE), name="playable.loa")


def test_keys_generate_writes_0600_private_and_pub_line(tmp_path):
    out = tmp_path / "keys" / "panel.key"
    out.parent.mkdir()
    result = loa("keys", "generate", "--out", out)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    line = (tmp_path / "keys" / "panel.key.pub").read_text()
    assert line.endswith("\n") and line.count("\n") == 1
    kid, _pub = signing.parse_public_key_line(line)
    assert signing.key_id(signing.load_private_key(out).public_key()) == kid
    again = loa("keys", "generate", "--out", out)
    assert again.returncode != 0 and "already exists" in again.stderr


def test_verify_ok_then_rejections(kit, playable_path, pub_file):
    bundle_path = playable_path
    now = kit.now.isoformat()
    ok = loa("bundle", "verify", bundle_path, "--trust", pub_file, "--now", now)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK ") and ok.stdout.count("\n") == 1
    assert kit.manifest().bundle_id in ok.stdout

    data = bytearray(bundle_path.read_bytes())
    data[len(data) // 2] ^= 0x10
    bad = kit.write(bytes(data), "bad.loa")
    rejected = loa("bundle", "verify", bad, "--trust", pub_file, "--now", now)
    assert rejected.returncode == 1
    assert rejected.stdout == ""
    assert rejected.stderr.count("\n") == 1 and "REJECTED" in rejected.stderr

    late = (kit.now + timedelta(days=30)).isoformat()
    expired = loa("bundle", "verify", bundle_path, "--trust", pub_file, "--now", late)
    assert expired.returncode == 1 and "expired" in expired.stderr
    untrusted = loa(
        "bundle", "verify", bundle_path, "--clock-untrusted", "--now", late, "--trust", pub_file
    )
    assert untrusted.returncode == 0 and "clock not trusted" in untrusted.stdout


def test_verify_two_trust_keys_and_state(kit, playable_path, pub_file):
    from content_library import bundle as B

    bundle_path = playable_path
    _, other = signing.generate_keypair()
    args = ["--trust", signing.public_key_line(other), "--trust", pub_file]
    now = ["--now", kit.now.isoformat()]
    state = kit.tmp / "state"
    ok = loa("bundle", "verify", bundle_path, *args, *now, "--state", state)
    assert ok.returncode == 0, ok.stderr
    B.record_accepted(state, kit.manifest(sequence=5))
    stale = loa("bundle", "verify", bundle_path, *args, *now, "--state", state)
    assert stale.returncode == 1 and "not newer" in stale.stderr
    wrong = loa("bundle", "verify", bundle_path, "--trust", signing.public_key_line(other), *now)
    assert wrong.returncode == 1 and "untrusted key" in wrong.stderr


def test_verify_refuses_a_schedule_the_unit_cannot_use(kit, bundle_path, pub_file):
    """Signed and intact, but its schedule is not the scheduler's format: the unit would play
    nothing from it, so `verify` must not say OK."""
    result = loa("bundle", "verify", bundle_path, "--trust", pub_file, "--now", kit.now.isoformat())
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "REJECTED" in result.stderr
    assert "schedule cannot be used" in result.stderr and "lịch phát" in result.stderr


def test_verify_usage_errors_exit_2(kit, bundle_path, tmp_path):
    (tmp_path / "broken.pub").write_text("ed25519:nope\n")
    assert loa("bundle", "verify", bundle_path, "--trust", tmp_path / "broken.pub").returncode == 2
    assert loa("bundle", "verify", bundle_path).returncode == 2


def test_inspect_prints_manifest_json(kit, bundle_path):
    result = loa("bundle", "inspect", bundle_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(kit.manifest().to_json_bytes())

"""`loa unit ...` and `loa doctor` through click, and the demo unit (real time, briefly)."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from loa.cli import main
from playout import control
from protocol import keys as signing

from .conftest import real_now


@pytest.fixture
def kit_t0():
    """The code under test reads the real clock, so the kit's bundles are dated from it."""
    return real_now()


@pytest.fixture
def cfg_file(kit):
    unit_key = kit.tmp / "keys" / "unit.key"
    text = f"""format = 1
[unit]
id = "unit-01"
areas = ["xa-tan-phu"]
trusted_keys = ["{kit.trusted_file}"]
key = "{unit_key}"
state_dir = "state"
[audio]
backend = "sim"
[relays]
backend = "mock"
warm_up_s = 0.2
hold_s = 0.5
[relays.amplifier]
pin = 17
[gps]
mode = "off"
[clock]
trust = "always"
"""
    path = kit.tmp / "unit.toml"
    path.write_text(text)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_keygen_import_status_loop_log(kit, cfg_file):
    r = run("unit", "keygen", "--config", cfg_file)
    assert r.exit_code == 0 and "public ed25519:" in r.output
    assert run("unit", "keygen", "--config", cfg_file).exit_code == 1  # never overwrites

    good = kit.bundle([kit.item("A", seconds=0.5, priority="emergency")], sequence=4)
    r = run("unit", "import", good, "--config", cfg_file)
    assert r.exit_code == 0 and "đã kích hoạt gói số 4" in r.output
    r = run("unit", "import", kit.bundle([kit.item("A")], sequence=3), "--config", cfg_file)
    assert r.exit_code == 1
    assert "gói đang dùng giữ nguyên" in r.output and "not newer than 4" in r.output

    r = run("unit", "loop", "start", "--config", cfg_file)
    assert r.exit_code == 0 and "queued" in r.output
    [cmd] = control.take_commands(kit.tmp / "state")
    assert cmd.cmd == "loop" and cmd.args == {"on": True}

    r = run("unit", "status", "--config", cfg_file)
    assert r.exit_code == 0 and "not running" in r.output and "last import" in r.output

    # the daemon as `loa unit run` runs it (real time, briefly): the emergency plays. 0.2 s of
    # amplifier warm-up and 0.5 s of audio: 4 s leaves a loaded machine room to start the
    # daemon (at 1.5 s one loaded run stopped it mid-broadcast, logged "failed")
    r = run("unit", "run", "--config", cfg_file, "--seconds", 4)
    assert r.exit_code == 0
    status = json.loads(run("unit", "status", "--config", cfg_file, "--json").output)
    assert status["state"] == "stopped" and status["bundle"]["sequence"] == 4

    r = run("unit", "log", "verify", "--config", cfg_file)
    assert r.exit_code == 0 and "log intact" in r.output
    out = kit.tmp / "asrun.jsonl"
    r = run("unit", "log", "export", "--config", cfg_file, "-o", out)
    assert r.exit_code == 0
    kinds = [json.loads(line)["kind"] for line in out.read_text().splitlines()]
    assert kinds[:3] == ["armed", "started", "finished"]
    assert all(json.loads(line)["v"] == 1 for line in out.read_text().splitlines())


def test_config_errors_are_one_bilingual_line(kit, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[unit]\nid = "x"\n')
    r = run("unit", "status", "--config", bad)
    assert r.exit_code == 2 and "unit.trusted_keys: thiếu / " in r.output
    r = run("doctor", "--config", bad)
    assert r.exit_code == 1 and "[FAIL] config" in r.output


def test_doctor_prints_a_verdict_per_check(kit, cfg_file):
    run("unit", "keygen", "--config", cfg_file)
    r = run("doctor", "--config", cfg_file)
    lines = [line for line in r.output.splitlines() if line.startswith("[")]
    assert len(lines) == 9 and r.exit_code == 1  # no bundle yet (the sim card has no server line)
    assert any(line.startswith("[FAIL] bundle") for line in lines)
    assert any("realtime" in line for line in lines)
    r = run("doctor", "--config", cfg_file, "--json")
    assert {json.loads(line)["check"] for line in r.output.splitlines()} >= {"sound / âm thanh"}


def test_log_verify_with_a_foreign_key_fails(kit, cfg_file):
    run("unit", "keygen", "--config", cfg_file)
    run(
        "unit",
        "import",
        kit.bundle([kit.item("A", seconds=0.3, priority="emergency")]),
        "--config",
        cfg_file,
    )
    run("unit", "run", "--config", cfg_file, "--seconds", 0.5)
    _, other = signing.generate_keypair()
    pub = kit.tmp / "other.pub"
    pub.write_text(signing.public_key_line(other) + "\n")
    r = run("unit", "log", "verify", "--config", cfg_file, "--public-key", pub)
    assert r.exit_code == 1 and "signature invalid" in r.output


def test_the_demo_unit_plays_what_lands_in_its_inbox(kit, tmp_path):
    from playout.demo import start_demo_unit

    inbox = tmp_path / "inbox"
    handle = start_demo_unit(
        tmp_path / "data",
        trusted_key_lines=[signing.public_key_line(kit.pub)],
        inbox_dir=inbox,
        unit_id="unit-01",
        areas=("xa-tan-phu",),
        poll_s=0.1,
        warm_up_s=0.1,
    )
    try:
        assert handle.alive and handle.daemon.bundle is None
        bundle = kit.bundle([kit.item("E", seconds=0.3, priority="emergency")])
        (inbox / "published.loa").write_bytes(bundle.read_bytes())
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not list(handle.played_dir.glob("*.wav")):
            time.sleep(0.05)
        [wav] = list(handle.played_dir.glob("*.wav"))
        assert "-E-finished" in wav.name
        import soundfile

        data, rate = soundfile.read(wav)
        assert rate == 48000 and len(data) == round(0.3 * 48000)
    finally:
        handle.stop()
    assert not handle.alive

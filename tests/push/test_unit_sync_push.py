"""`loa unit sync` with a [push] section, as a separate process: it subscribes with its own
credentials and a notice from the panel makes it poll at once (the panel here is not running,
so the poll fails and says so: what matters is that it was woken)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench._unitkit import child_env
from protocol.keys import generate_keypair, write_private_key, write_public_key

from .conftest import PASSWORDS, WAIT_S
from .helpers import FIELDS, panel_publisher

ROOT = Path(__file__).resolve().parents[2]


def test_loa_unit_sync_is_woken_by_a_notice(make_broker, panel_key, tmp_path):
    from bench._mosquitto import free_port

    broker = make_broker()
    key, _ = panel_key
    unit_key, _ = generate_keypair()
    write_private_key(tmp_path / "unit.key", unit_key)
    write_public_key(tmp_path / "panel.pub", key.public_key())
    (tmp_path / "mqtt.password").write_text(PASSWORDS["cl-01"] + "\n")
    (tmp_path / "mqtt.password").chmod(0o600)
    (tmp_path / "unit.toml").write_text(
        f"""format = 1
[unit]
id = "cl-01"
areas = ["1", "4"]
trusted_keys = ["panel.pub"]
key = "unit.key"
state_dir = "state"
[relays]
backend = "none"
[sync]
server = "http://127.0.0.1:{free_port()}"
poll_s = 15
timeout_s = 2
[push]
url = "{broker.unit_url}"
password_file = "mqtt.password"
poll_s = 60
"""
    )
    log = tmp_path / "sync.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "loa.cli", "unit", "sync", "--config", "unit.toml", "-v"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=child_env(),  # keeps PYTHONPATH: the moved-clock pass moves this child too
        )
    pub = panel_publisher(broker, key)
    try:

        def logged(text: str, within: float = WAIT_S) -> bool:
            deadline = time.monotonic() + within
            while time.monotonic() < deadline:
                if text in log.read_text(errors="replace"):
                    return True
                time.sleep(0.05)
            return False

        assert logged("push: connected", 3 * WAIT_S), log.read_text()  # a cold start
        pub.announce(FIELDS, area_ids=[4], unit_ids=[])
        assert logged("push: emergency play (bundle b-1, seq 1)"), log.read_text()
    finally:
        pub.close()
        proc.terminate()
        proc.wait(WAIT_S)

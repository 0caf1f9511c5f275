"""The daemon's doorbell (playout.doorbell): the sync client's process rings after storing an
emergency or a bundle, `loa unit` after writing a command, and the daemon's idle loop looks at
once instead of on its next idle tick. Ringing a bell nobody listens to is silence."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from playout import control
from playout import daemon as daemon_module
from playout.doorbell import Doorbell, address, ring

from .emergency_kit import emergency_bundle, unit_store

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux sockets")


def test_a_ring_from_another_process_wakes_the_listener(tmp_path):
    bell = Doorbell(tmp_path)
    assert bell.listen()
    try:
        assert bell.wait(0) is False  # nobody rang
        subprocess.run(
            [sys.executable, "-c", f"from playout.doorbell import ring; ring({str(tmp_path)!r})"],
            cwd=ROOT,
            check=True,
            timeout=60,
        )
        assert bell.wait(30) is True and bell.rung == 1
        ring(tmp_path)
        ring(tmp_path)
        assert bell.wait(30) is True  # two rings waiting: one wake, both drained
        assert bell.wait(0) is False and bell.rung == 2
    finally:
        bell.close()


def test_one_bell_per_state_folder_whatever_its_spelling(tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "state")
    assert address(tmp_path / "link") == address(tmp_path / "state")
    assert address(tmp_path / "state") != address(tmp_path)
    first, second = Doorbell(tmp_path / "state"), Doorbell(tmp_path / "link")
    try:
        assert first.listen() and not second.listen()  # a second daemon: polling only
        ring(tmp_path / "link")
        assert first.wait(30)
    finally:
        first.close()
        second.close()


def test_nobody_listening_is_silence(tmp_path):
    ring(tmp_path)  # no daemon: nothing raised, nothing written
    assert list(tmp_path.iterdir()) == []


def run_idle(u, stop: threading.Event) -> threading.Thread:
    """The daemon's real loop, idle for an hour between ticks: only the bell can wake it."""
    u.daemon._period = lambda: 3600.0
    t = threading.Thread(target=u.daemon.run, args=(stop,), daemon=True)
    t.start()
    return t


def watch_emergencies(u) -> threading.Event:
    picked = threading.Event()
    real = u.daemon._check_emergencies

    def check(now, wall):
        real(now, wall)
        if u.daemon._em_runs:
            picked.set()

    u.daemon._check_emergencies = check
    return picked


def test_an_emergency_stored_elsewhere_wakes_the_idle_daemon(kit, clock, make_unit):
    u = make_unit(start=False)
    picked = watch_emergencies(u)
    stop = threading.Event()
    t = run_idle(u, stop)
    try:
        assert _ready(u)
        path, eid = emergency_bundle(kit, sequence=1)
        # another store on the same folder, as the sync client's process has
        assert unit_store(kit, clock).import_bundle(path).status == "emergency"
        assert picked.wait(30), "the daemon did not look at the new emergency"
        assert eid in u.daemon._em_runs
    finally:
        u.daemon.request_stop()  # rings too: the hour-long wait ends now
        t.join(30)
    assert not t.is_alive()


def test_a_command_from_loa_unit_wakes_the_idle_daemon(kit, clock, make_unit):
    u = make_unit(start=False)
    took = threading.Event()
    real = u.daemon._apply_command

    def apply(cmd):
        real(cmd)
        took.set()

    u.daemon._apply_command = apply
    stop = threading.Event()
    t = run_idle(u, stop)
    try:
        assert _ready(u)
        took.clear()
        control.send_command(kit.state_dir, "loop", on=True)
        assert took.wait(30) and u.daemon.loop_on
    finally:
        u.daemon.request_stop()
        t.join(30)
    assert not t.is_alive()


def test_without_a_bell_the_idle_daemon_waits_for_its_tick(kit, clock, make_unit, monkeypatch):
    """The control case: when the bell cannot listen (another daemon holds it), the new
    emergency waits for the next tick — an hour here — and an external stop still ends it."""
    monkeypatch.setattr(daemon_module.Doorbell, "listen", lambda self: False)
    u = make_unit(start=False)
    picked = watch_emergencies(u)
    stop = threading.Event()
    t = run_idle(u, stop)
    try:
        assert _ready(u)
        path, _ = emergency_bundle(kit, sequence=1)
        assert unit_store(kit, clock).import_bundle(path).status == "emergency"
        assert not picked.wait(1.0)
    finally:
        stop.set()
        t.join(30)
    assert not t.is_alive()


def _ready(u) -> bool:
    for _ in range(3000):
        if "READY=1" in u.notes:
            return True
        threading.Event().wait(0.01)
    return False


def test_the_bell_is_closed_when_the_daemon_stops(kit, clock, make_unit):
    u = make_unit(start=False)
    stop = threading.Event()
    t = run_idle(u, stop)
    assert _ready(u)
    u.daemon.request_stop()
    t.join(30)
    assert not t.is_alive()
    again = Doorbell(kit.state_dir)  # a restarted daemon listens again
    try:
        assert again.listen()
    finally:
        again.close()
    assert os.path.isdir(kit.state_dir)

"""The loop switch (MockFactory), the clocks, and the GPS client against a fake gpsd."""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hardware.button import LoopSwitch
from hardware.clock import SimClock, SystemClock, chrony_synchronized, timedatectl_synchronized
from hardware.gps import GpsdClient, SimGps, connect_gpsd, parse_tpv
from hardware.ports import Clock, GpsFix

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_loop_switch_reads_and_reports_flips(mock_factory):
    seen: list[bool] = []
    sw = LoopSwitch(4, bounce_time=None, on_change=seen.append, pin_factory=mock_factory)
    pin = mock_factory.pin(4)
    assert not sw.is_on
    pin.drive_low()  # switch closes to ground (pull-up)
    deadline = time.monotonic() + 2
    while not seen and time.monotonic() < deadline:  # gpiozero may call back on its own thread
        time.sleep(0.001)
    assert sw.is_on
    pin.drive_high()
    while len(seen) < 2 and time.monotonic() < deadline:
        time.sleep(0.001)
    assert seen == [True, False] and not sw.is_on
    sw.close()


def test_sim_clock_advances_jumps_and_notifies():
    c = SimClock(datetime(2026, 11, 20, 9, 30, tzinfo=VN), monotonic=50.0)
    assert isinstance(c, Clock)
    ticks: list[float] = []
    c.add_listener(ticks.append)
    c.advance(1.5)
    assert c.monotonic() == 51.5 and c.wall() == datetime(2026, 11, 20, 9, 30, 1, 500000, tzinfo=VN)
    c.jump(-3600)  # an NTP step back: wall moves, monotonic does not
    assert c.monotonic() == 51.5 and c.wall().hour == 8
    c.jump(7200)
    assert c.wall().hour == 10
    with pytest.raises(ValueError, match="cannot go back"):
        c.advance(-1)
    c.set_trusted(False)
    assert not c.is_trusted()
    assert ticks == [51.5]
    assert c.wall().tzinfo is not None


def test_system_clock_trust_comes_from_the_probes_and_is_cached():
    calls = []

    def chrony():
        calls.append("chrony")
        return None

    def timedatectl():
        calls.append("timedatectl")
        return True

    c = SystemClock(probes=(chrony, timedatectl), cache_s=60)
    assert c.is_trusted() and c.is_trusted()
    assert calls == ["chrony", "timedatectl"]
    assert not SystemClock(probes=(lambda: None,)).is_trusted()
    assert SystemClock(probes=(lambda: None,), trust_unknown=True).is_trusted()
    assert c.wall().tzinfo is not None and abs(c.monotonic() - time.monotonic()) < 1


def test_real_sync_probes_answer_or_abstain():
    # whatever this machine has: a bool, or None when the tool is missing or cannot tell
    assert timedatectl_synchronized() in (True, False, None)
    assert chrony_synchronized() in (True, False, None)


def test_parse_tpv():
    fix = parse_tpv(
        '{"class":"TPV","mode":3,"lat":21.0285,"lon":105.8542,"altMSL":12.5,'
        '"time":"2026-11-20T02:30:00.000Z","eph":4.2}'
    )
    assert fix == GpsFix(21.0285, 105.8542, 12.5, 3, "2026-11-20T02:30:00.000Z", 4.2)
    assert parse_tpv('{"class":"TPV","mode":1}') is None
    assert parse_tpv('{"class":"SKY"}') is None
    assert parse_tpv("garbage") is None


class FakeGpsd(threading.Thread):
    def __init__(self, lines: list[dict]) -> None:
        super().__init__(daemon=True)
        self.srv = socket.create_server(("127.0.0.1", 0))
        self.port = self.srv.getsockname()[1]
        self.lines = lines
        self.got = b""

    def run(self) -> None:
        conn, _ = self.srv.accept()  # the probe
        conn.close()
        conn, _ = self.srv.accept()
        with conn:
            conn.sendall(b'{"class":"VERSION","release":"3.25","proto_major":3}\n')
            self.got = conn.recv(1024)
            for line in self.lines:
                conn.sendall(json.dumps(line).encode() + b"\n")
            time.sleep(0.5)
        self.srv.close()


def test_gpsd_client_keeps_the_latest_fix():
    fake = FakeGpsd(
        [
            {"class": "DEVICES", "devices": []},
            {"class": "TPV", "mode": 1},
            {"class": "TPV", "mode": 2, "lat": 10.762622, "lon": 106.660172},
        ]
    )
    fake.start()
    client = connect_gpsd("127.0.0.1", fake.port)
    assert client is not None
    deadline = time.monotonic() + 3
    while client.fix() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    fix = client.fix()
    client.stop()
    assert b"?WATCH=" in fake.got
    assert fix is not None and (fix.lat, fix.lon, fix.mode) == (10.762622, 106.660172, 2)


def test_no_gpsd_means_no_gps_and_stale_fixes_expire():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free_port = s.getsockname()[1]
    assert connect_gpsd("127.0.0.1", free_port) is None
    now = [0.0]
    c = GpsdClient(monotonic=lambda: now[0], max_age_s=10)
    c._latest = (0.0, GpsFix(1.0, 2.0))
    assert c.fix() is not None
    now[0] = 11.0
    assert c.fix() is None


def test_sim_gps():
    a, b = GpsFix(21.0, 105.8), GpsFix(21.1, 105.9)
    g = SimGps([a, None, b])
    assert [g.fix(), g.fix(), g.fix(), g.fix()] == [a, None, b, b]
    assert SimGps().fix() is None and SimGps(a).fix() == a

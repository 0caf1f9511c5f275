"""The real sound output on a real audio server: JACK's dummy driver, paced by the system clock,
watched by a second JACK client (hardware.jack_observer) that records which frame every
broadcast's first sample went out on.

Timing is asserted in frames of the server (the observer's record), not in wall-clock seconds:
the frame the first sample went out on must be the frame whose DAC instant is nearest the
scheduled instant, within one server period. Faults are real: jackd is SIGKILLed under a
playing broadcast and started again, the daemon is SIGSTOPped mid-broadcast (an xrun), a file
read stalls two seconds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from .jack_support import PERIOD, RATE, JackServer, require_jack, shared_or_private

pytestmark = [pytest.mark.jack]
ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("jack_driver.py")


def _env(server: JackServer) -> dict[str, str]:
    # keep what is on PYTHONPATH: a run with a moved wall clock puts its sitecustomize there
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return server.env(PYTHONPATH=path)


@pytest.fixture
def jack_server():
    require_jack()
    server = shared_or_private().start()
    try:
        yield server
    finally:
        if server.owned:
            server.stop()


class Driver:
    """tests/hardware/jack_driver.py in a subprocess."""

    def __init__(self, server: JackServer, **args) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER), json.dumps(args)],
            env=_env(server),
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"driver failed: {self.proc.stderr.read()[-3000:]}")
        self.hello = json.loads(line)

    def go(self, timeout: float = 60) -> dict:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        out, err = self.proc.communicate(timeout=timeout)
        assert self.proc.returncode == 0, err[-3000:]
        return json.loads(out.strip().splitlines()[-1])


def _observe(server: JackServer, driver: Driver, **kw) -> Any:
    """An observer watching the driver's unit (started; connected once the unit is in the
    graph: it follows the unit's connections)."""
    from hardware.jack_observer import ObserverProcess

    return ObserverProcess(
        {"unit": f"^{driver.hello['client']}:out_"},
        client_name=f"loa-observer-{os.getpid()}",
        server_name=server.name,
        env=_env(server),
        cwd=str(ROOT),
        **kw,
    ).start()


def _tone(n: int, freq: float, offset: float = 0.1) -> np.ndarray:
    t = np.arange(n) / RATE
    return (offset + 0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _assert_same_audio(rec, name: str, seg, expected: np.ndarray) -> None:
    """Sample for sample — except in cycles where the server reported an xrun: a late client
    (on a loaded machine even a SCHED_FIFO one) leaves a block the observer cannot vouch for."""
    got = rec.samples(name, seg)
    assert len(got) == len(expected), f"{len(got)} frames, expected {len(expected)}"
    bad = np.flatnonzero(got != expected)
    suspect = [int(i) for i in bad if not rec.near_xrun(seg.frame + int(i))]
    assert not suspect, (
        f"{len(suspect)} samples differ away from any xrun, first at "
        f"{suspect[0]} (xruns: {rec.xruns})"
    )


ATTEMPTS = 3
WitnessLost = RuntimeError  # what ObserverProcess raises when its process ended or hung


def _observed(run, check) -> None:
    """Run a scenario (`run()` gives the observer's recording and the driver's result) and
    `check` it. A check that fails is run again, up to ATTEMPTS times: a late client's cycle
    (on a loaded or virtual machine, even at SCHED_FIFO) leaves the witness a repeated or
    silent block it cannot vouch for. The witness runs in a process of its own
    (ObserverProcess: no test runner's threads between it and the GIL) and corrects its own
    late reads of the frame counter; a fault in the unit fails every attempt."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            rec, result = run()
            check(rec, result)
            return
        except (AssertionError, WitnessLost):
            if attempt == ATTEMPTS:
                raise


def _drive(jack_server, args: dict, **observe) -> tuple[Any, dict]:
    """The driver with `args`, watched by an observer: (recording, result)."""
    driver = Driver(jack_server, **args)
    obs = _observe(jack_server, driver, **observe)
    try:
        if args["mode"] != "suspend":  # an idle unit out of the graph has nothing to connect
            assert obs.wait_connected("unit"), "the observer could not connect to the unit"
        result = driver.go(timeout=60)
    finally:
        rec = obs.stop()
    return rec, result


@pytest.mark.parametrize("via", ["libjack", "portaudio"])
def test_the_right_audio_starts_on_the_right_frame(jack_server, via):
    tones = [(0.12, 440.0), (0.2, 523.25), (0.08, 659.25), (0.15, 392.0), (0.1, 880.0)]
    args = {
        "mode": "starts",
        "via": via,
        "client": f"loa-unit-{via[:2]}{os.getpid()}",
        "tones": tones,
        "realtime": True,
    }
    _observed(lambda: _drive(jack_server, args), lambda rec, res: _check_starts(rec, res, tones))


def _check_starts(rec, result: dict, tones: list) -> None:
    assert rec.rate == RATE and rec.period == PERIOD and rec.latency_frames > 0
    segs = rec.segments["unit"]
    plays = result["plays"]
    assert len(segs) == len(plays), (segs, plays)
    errors = []
    for (secs, freq), play, seg in zip(tones, plays, segs, strict=True):
        assert play["state"] == "finished" and play["late_frames"] <= PERIOD
        # frames from the scheduled instant to the frame the observer saw the first sample on
        error_frames = (seg.time - play["target"]) * RATE
        assert abs(error_frames) <= PERIOD, f"{play['token']}: {error_frames:+.1f} frames"
        errors.append(error_frames)
        # the right audio: the whole tone, sample for sample, and nothing else
        n = round(secs * RATE)
        assert seg.length == n == play["frames_played"]
        _assert_same_audio(rec, "unit", seg, _tone(n, freq))
    # the server's own frame times are used: on the frame, not merely in the right period (a
    # start can still come late when a loaded machine holds the callback past its cycle)
    assert float(np.median(np.abs(errors))) <= 1.0, errors


@pytest.fixture
def long_period_server():
    """A private server with a 1024-frame period, for checks on seconds of unbroken audio.

    On this project's CI machines (virtual, 2 vCPUs) a server at 256 frames (5.3 ms) reports
    tens of xruns in ten idle seconds: a vCPU woken late by the hypervisor misses the cycle,
    and the witness then cannot vouch for the blocks around it. At 1024 frames it reports
    none. What is checked with it — a disk stall bridged by the ring — does not depend on the
    period; start accuracy is checked at 256."""
    require_jack()
    server = JackServer(f"loa-long-{os.getpid()}", period=LONG_PERIOD).start()
    try:
        yield server
    finally:
        server.stop()


LONG_PERIOD = 1024


def test_a_read_that_stalls_two_seconds_does_not_glitch(long_period_server, tmp_path):
    seconds = 6.0
    # a 4 s ring read in blocks of 2048 frames is primed by 94 reads when armed; the feeder
    # then reads about once a round (10 ms): read 130 comes ≈ 0.4 s into the tone
    args = {
        "mode": "stall",
        "via": "libjack",
        "client": f"loa-unit-st{os.getpid()}",
        "seconds": seconds,
        "stall_s": 2.0,
        "stall_at_read": 130,
        "tmp": str(tmp_path),
        "realtime": True,
    }
    _observed(
        lambda: _drive(long_period_server, args, capture_s=10.0),
        lambda rec, res: _check_stall(rec, res, seconds),
    )


def _check_stall(rec, result: dict, seconds: float) -> None:
    play = result["plays"][0]
    assert result["stalled_at"] is not None, "the read never stalled"
    assert result["stall_after_start_s"] > 0, "the read stalled before the broadcast started"
    assert rec.period == LONG_PERIOD
    assert play["state"] == "finished" and play["late_frames"] <= LONG_PERIOD
    assert play["underrun_frames"] == 0, "the ring ran dry during the stall"
    # arming another broadcast during the stall did not wait for the disk
    assert result["arm_during_stall_s"] < 0.1 and result["other_state"] == "finished"
    segs = rec.segments["unit"]
    n = round(seconds * RATE)
    # the tone whole, in one piece, then the broadcast armed during the stall
    assert [s.length for s in segs] == [n, RATE // 10], f"the tone was cut or had a gap: {segs}"
    _assert_same_audio(rec, "unit", segs[0], _tone(n, 330.0))


def test_an_idle_unit_leaves_the_graph_and_comes_back_on_the_frame(jack_server):
    """Idle, the unit's client leaves JACK's graph (no process cycles: no wake-ups, the idle
    cost); a broadcast armed then brings it back, connected again, and starts on its frame."""

    tones = [(0.1, 440.0), (0.15, 523.25), (0.08, 659.25)]
    args = {
        "mode": "suspend",
        "via": "libjack",
        "client": f"loa-unit-su{os.getpid()}",
        "tones": tones,
        "realtime": True,
        "idle_suspend_s": 0.2,
    }
    # the unit may have left the graph already: the observer connects when it comes back
    _observed(lambda: _drive(jack_server, args), lambda rec, res: _check_suspend(rec, res, tones))


def _check_suspend(rec, result: dict, tones: list) -> None:
    plays, segs = result["plays"], rec.segments["unit"]
    assert len(segs) == len(plays) == len(tones), (segs, plays)
    for (secs, freq), play, seg in zip(tones, plays, segs, strict=True):
        # out of the graph before it was armed: no cycle ran, nothing connected, still healthy
        assert play["suspended"] and play["alive_while_suspended"], play
        assert play["cycles_while_suspended"] == 0, play
        assert play["connections_while_suspended"] == [], play
        # back in: connected again to every system playback port, on the frame, whole tone
        assert any(c.startswith("system:playback_") for c in play["connections_after"]), play
        assert play["state"] == "finished" and play["late_frames"] <= PERIOD
        error_frames = (seg.time - play["target"]) * RATE
        assert abs(error_frames) <= PERIOD, f"{play['token']}: {error_frames:+.1f} frames"
        n = round(secs * RATE)
        assert seg.length == n == play["frames_played"]
        _assert_same_audio(rec, "unit", seg, _tone(n, freq))
    stats = result["stats"]
    assert stats["resumes"] == len(tones) and stats["suspends"] >= len(tones)
    assert stats["callback_error"] is None


def test_a_server_that_dies_while_the_unit_is_out_of_the_graph_is_noticed(monkeypatch):
    """Out of the graph the unit has no process cycles to miss, yet a killed server is still
    noticed (libjack's notification thread), the output reopens when the server is back, and
    the next broadcast plays."""
    require_jack()
    from hardware.sounddevice_output import SounddeviceOutput
    from hardware.source import AudioSource

    server = JackServer(f"loa-susp-{os.getpid()}").start()
    monkeypatch.setenv("JACK_DEFAULT_SERVER", server.name)
    monkeypatch.setenv("JACK_NO_AUDIO_RESERVATION", "1")
    out = SounddeviceOutput(
        "system",
        host_api="jack",
        client_name=f"loa-unit-sk{os.getpid()}",
        idle_suspend_s=0.1,
        idle_service_s=0.05,
        reopen_backoff_s=(0.2, 0.5),
    )
    try:
        out.start()
        _wait(lambda: out.stats()["suspended"], 10, "the idle client to leave the graph")
        assert out.is_alive()
        server.kill()
        _wait(lambda: out.stats()["reopening"], 10, "the dead server to be noticed")
        assert not out.is_alive()
        server.start()
        _wait(out.is_alive, 20, "the output to reopen")
        assert out.stats()["reopens"] == 1
        n = RATE // 10
        h = out.schedule(
            AudioSource.from_array(_tone(n, 440.0), RATE), out.clock() + 0.3, token="b"
        )
        h.wait(10)
        assert h.state.value == "finished" and h.frames_played == n
    finally:
        out.stop()
        server.stop()


# --------------------------------------------------------------------------- the real daemon


def _wait(pred, timeout: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.02)
    tail = log.read_text()[-4000:] if log is not None and log.exists() else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


def test_the_unit_survives_jackd_being_killed_and_counts_xruns(tmp_path):
    """jackd is SIGKILLed under a playing broadcast: that broadcast is logged failed with the
    reason, the daemon stays up and reopens the device (with backoff) once jackd is back, the
    next broadcast starts on its frame; a broadcast during which the daemon misses cycles has
    its xruns in the as-run entry."""
    require_jack()
    from bench._unitkit import UnitKit, asrun_rows, clock_offset, now_vn, wall_to_mono
    from hardware.jack_observer import ObserverProcess

    # at 1024 frames: what is checked here is the fault handling; at 256 frames this VM's late
    # vCPU wake-ups gave B (0.5 s) ten xruns in a CI run, and the witness cannot vouch for
    # blocks around them (start accuracy is checked at 256 frames by the tests above)
    server = JackServer(f"loa-fault-{os.getpid()}", period=LONG_PERIOD).start()
    kit = UnitKit(tmp_path / "unit")
    client = f"loa-unit-f{os.getpid()}"
    t0 = now_vn() + timedelta(seconds=7)
    slots = [
        ("A", t0, 4.0, 330.0),
        ("B", t0 + timedelta(seconds=11), 0.5, 440.0),
        ("C", t0 + timedelta(seconds=14), 2.0, 550.0),
    ]
    items = [kit.item(i, seconds=s, freq=f) for i, _, s, f in slots]
    kit.import_bundle(
        kit.bundle(items, schedule=kit.once_schedule([(i, t) for i, t, _, _ in slots]))
    )
    cfg = kit.write_toml(
        kit.config_dict(
            audio={
                "backend": "sounddevice",
                "device": "system",
                "host_api": "jack",
                "jack_client": client,
            },
            relays={"backend": "none", "warm_up_s": 0.0},
            playout={"arm_ahead_s": 1.0, "tick_s": 0.02},
        )
    )
    ready, spy, logf = tmp_path / "ready", tmp_path / "spy.jsonl", tmp_path / "daemon.log"
    log_fd = open(logf, "w")  # noqa: SIM115 - the daemon child writes it; closed in finally
    daemon = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench._unitkit",
            "run-real",
            "--config",
            str(cfg),
            "--ready",
            str(ready),
            "--spy",
            str(spy),
        ],
        env=_env(server),
        cwd=ROOT,
        stderr=log_fd,
        stdout=log_fd,
    )
    obs = None
    try:
        _wait(ready.exists, 30, "the daemon's READY", logf)
        offset = clock_offset()

        def observe() -> ObserverProcess:
            o = ObserverProcess(
                {"unit": f"^{client}:out_"},
                client_name=f"loa-obs-{os.getpid()}",
                server_name=server.name,
                capture_s=5.0,
                env=_env(server),
                cwd=str(ROOT),
            ).start()
            assert o.wait_connected("unit", timeout=10)
            return o

        obs = observe()
        a_start = wall_to_mono(slots[0][1], offset)
        _wait(lambda: time.monotonic() > a_start + 1.0, 30, "A to play for a second")
        assert obs.segments("unit"), "A did not start"
        server.kill()  # mid-broadcast, like a crash
        killed_at = time.monotonic()
        obs.discard()
        obs = None
        time.sleep(1.5)
        assert daemon.poll() is None, "the daemon died with the audio server"
        server.start()
        # the unit reconnects by itself (its backoff caps at 8 s) and the observer follows
        _wait(lambda: "reopened" in logf.read_text(), 20, "the output to reopen", logf)
        obs = observe()
        b_start = wall_to_mono(slots[1][1], offset)
        c_start = wall_to_mono(slots[2][1], offset)
        assert time.monotonic() < b_start - 0.5, "B's start passed before the output was back"
        _wait(lambda: time.monotonic() > c_start + 0.5, 30, "C to play")
        daemon.send_signal(signal.SIGSTOP)  # the unit misses ~5 cycles: the server counts xruns
        time.sleep(0.1)
        daemon.send_signal(signal.SIGCONT)
        _wait(lambda: time.monotonic() > c_start + 2.5, 30, "C to end")
        assert daemon.poll() is None
        rec = obs.stop()
        obs = None
    finally:
        if obs is not None:
            obs.discard()
        if daemon.poll() is None:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(30)
        log_fd.close()
        server.stop()
    log = logf.read_text()
    assert daemon.returncode == 0, log[-3000:]
    rows = asrun_rows(kit.state_dir / "asrun.sqlite3")
    ended = {f["item"]: (k, f) for k, f in rows if k in ("finished", "failed")}
    # A: cut by the kill, with the reason and what it played; the retry policy's second try
    # came while the device was still down and failed for that (not played twice)
    a_ends = [(k, f) for k, f in rows if k in ("finished", "failed") and f["item"] == "A"]
    kind, a = a_ends[0]
    assert kind == "failed" and "JACK server shut down" in a["reason"], a
    started = [f for k, f in rows if k == "started" and f["item"] == "A"]
    assert started and 0 < a["duration_played_us"] < 4_000_000, (a, started)
    assert all(k == "failed" for k, _ in a_ends)
    kind, b = ended["B"]
    assert kind == "finished" and b["outcome"] == "finished", b
    kind, c = ended["C"]
    # C's own xruns (the daemon stopped for ~5 cycles) are counted in its entry. B, with no
    # stall provoked, is not compared with it: on a virtual machine whose vCPU is descheduled
    # the server reports late cycles to every client (a CI run saw B with 19, C with 10).
    assert kind == "finished" and c["xruns"] >= 1, (b, c)
    # the reopen was logged with its attempts, after the kill
    assert "still down" in log or "reopened after" in log
    # B went out on its frame, seen from outside
    segs = rec.segments["unit"]
    assert len(segs) >= 1
    error_frames = (segs[0].time - b_start) * RATE
    assert rec.period == LONG_PERIOD
    assert abs(error_frames) <= LONG_PERIOD, f"B started {error_frames:+.1f} frames off"
    assert segs[0].length == round(0.5 * RATE), (segs[0], rec.xruns, rec.jumps[:20])
    assert killed_at < b_start


def test_doctor_reports_the_jack_server(jack_server, tmp_path, monkeypatch):
    from bench._unitkit import UnitKit
    from playout.doctor import OK, WARN, check_audio_server, check_sound

    kit = UnitKit(tmp_path)
    monkeypatch.setenv("JACK_DEFAULT_SERVER", jack_server.name)  # libjack reads it per client
    cfg = kit.config(
        audio={
            "backend": "sounddevice",
            "device": "system",
            "jack_client": f"loa-doc-{os.getpid()}",
        }
    )
    server = check_audio_server(cfg)
    sound = check_sound(cfg, None, None)
    assert server is not None
    assert server.status in (OK, WARN) and "period 256" in server.verdict_en
    assert "latency 512 frames (10.667 ms)" in server.verdict_en
    assert sound.status == OK, sound.line()

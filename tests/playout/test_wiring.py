"""playout.wiring: the daemon built from a config — the parts it names, who owns and closes
them, lazy hardware imports, resampling, and the same wiring over the simulated card and the
real sounddevice backend on ALSA's null PCM."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from hardware.sim_output import SimAudioOutput
from playout.errors import ConfigError
from playout.wiring import FROM_CONFIG, build_daemon, make_gps, make_notifier, open_source

from .conftest import SR, tone_wav

ROOT = Path(__file__).resolve().parents[2]


def _pins_free(factory, *pins: int) -> bool:
    """True when every pin can be claimed again on `factory` (nothing built earlier holds it)."""
    from gpiozero import OutputDevice

    devices = [OutputDevice(p, pin_factory=factory) for p in pins]
    for d in devices:
        d.close()
    return True


def test_build_daemon_builds_the_configured_parts_and_stop_closes_them(
    kit, clock, pin_factory, monkeypatch
):
    from hardware.gpio_relays import RelayBank

    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    d = build_daemon(kit.config(), clock=clock, pin_factory=pin_factory, inbox_thread=False)
    assert isinstance(d.output, SimAudioOutput) and not d.output._realtime  # paced by the SimClock
    assert isinstance(d.relays, RelayBank) and d.relays.zone_ids == ("thon-1", "thon-2")
    assert d.gps is None and d.notifier is None and d.loop_switch is None  # gps off, no systemd
    assert kit.state_dir.is_dir() and d.asrun.path == kit.config().asrun_path
    d.start()
    d.stop()
    assert not pin_factory.pin(17).state  # amplifier left off
    assert _pins_free(pin_factory, 17, 22, 23)  # the relay bank was closed
    with pytest.raises(sqlite3.ProgrammingError):  # the as-run log was closed too
        d.asrun.append("skipped", item="x", reason="after stop")


def test_a_build_that_fails_closes_what_it_had_built(kit, clock, pin_factory):
    config = kit.config(unit={"key": str(kit.tmp / "missing.key")}, loop={"switch_pin": 5})
    with pytest.raises(ConfigError) as err:
        build_daemon(config, clock=clock, pin_factory=pin_factory, inbox_thread=False)
    assert err.value.code == "unit_key"
    assert _pins_free(pin_factory, 17, 22, 23, 5)  # relays and loop switch closed again


def test_parts_passed_in_replace_the_configured_ones_and_stay_the_callers(kit, clock, pin_factory):
    from hardware.gps import SimGps

    card = SimAudioOutput(clock, sample_rate=SR)
    gps = SimGps()

    class Notes:
        def __init__(self) -> None:
            self.states: list[str] = []

        def notify(self, state: str) -> None:
            self.states.append(state)

    notes = Notes()
    config = kit.config(gps={"mode": "on", "port": 1})  # would start a gpsd client
    d = build_daemon(
        config,
        clock=clock,
        output=card,
        pin_factory=pin_factory,
        gps=gps,
        notifier=notes,
        inbox_thread=False,
    )
    assert d.output is card and d.gps is gps and d.notifier is notes
    d.start()
    d.stop()
    assert "READY=1" in notes.states and notes.states[-1] == "STOPPING=1"
    # gps=None means no GPS, whatever the config says
    d = build_daemon(
        config, clock=clock, pin_factory=pin_factory, gps=None, notifier=None, inbox_thread=False
    )
    assert d.gps is None
    d.stop()


def test_gps_and_notifier_factories_follow_the_config_and_environment(kit, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert make_gps(kit.config(gps={"mode": "off"})) is None
    assert make_gps(kit.config(gps={"mode": "auto", "port": port})) is None
    client = make_gps(kit.config(gps={"mode": "on", "port": port}))
    try:
        assert client is not None and client.fix() is None
    finally:
        client.stop()
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert make_notifier() is None
    assert FROM_CONFIG is not None


def test_open_source_resamples_to_the_card_rate_and_keeps_the_hash(tmp_path):
    same = open_source(
        tone_wav(tmp_path / "a.wav", freq=440.0, seconds=0.5), sha256="a" * 64, sample_rate=SR
    )
    assert same.sample_rate == SR and same.path is not None and same.sha256 == "a" * 64
    same.close()
    src = open_source(
        tone_wav(tmp_path / "b.wav", freq=440.0, seconds=0.5, sr=24000),
        sha256="b" * 64,
        sample_rate=SR,
    )
    assert src.sample_rate == SR and src.sha256 == "b" * 64
    assert src.duration_s == pytest.approx(0.5)
    src.fill()
    out = np.zeros((src.frames, 1), dtype=np.float32)
    assert src.read_into(out) == src.frames
    t = np.arange(src.frames) / SR
    mid = slice(SR // 20, -SR // 20)  # the resampling filter's edges aside
    np.testing.assert_allclose(
        out[mid, 0], (0.1 + 0.4 * np.sin(2 * np.pi * 440 * t))[mid], atol=2e-3
    )


def _run(tmp_path: Path, code: str, config: dict, **env: str) -> dict:
    """Run `code` in a fresh interpreter (HOME = tmp_path, for ALSA's .asoundrc); it gets
    `config` (a UnitConfig) and prints one JSON line."""
    script = tmp_path / "driver.py"
    script.write_text(
        "import json, sys\n"
        "from playout.config import parse_config\n"
        "config = parse_config(json.loads(sys.argv[1]), base_dir=sys.argv[2])\n"
        + textwrap.dedent(code)
    )
    full_env = dict(
        os.environ,
        HOME=str(tmp_path),
        **env,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    full_env.pop("ALSA_CONFIG_PATH", None)
    res = subprocess.run(
        [sys.executable, str(script), json.dumps(config), str(tmp_path)],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_the_unit_imports_and_runs_without_portaudio_gpiozero_or_sdnotify(kit, tmp_path):
    config = kit.config_dict(relays={"backend": "none"}, clock={"trust": "always"})
    r = _run(
        tmp_path,
        """
        for name in ("sounddevice", "gpiozero", "sdnotify"):
            sys.modules[name] = None  # import fails, as on a machine without them
        import threading
        from dataclasses import replace
        import loa.cli_unit, playout.doctor, playout.demo  # noqa: F401
        from playout.wiring import build_daemon, make_output, make_pin_factory
        d = build_daemon(config, inbox_thread=False)  # sim card, no relays, gps off
        stop = threading.Event()
        threading.Timer(0.3, stop.set).start()
        d.run(stop)
        real = make_output(replace(config, audio=replace(config.audio, backend="sounddevice")),
                           d.clock)
        try:
            real.start()
            started = "yes"
        except ImportError as exc:
            started = str(exc)
        try:
            make_pin_factory(replace(config, relays=replace(config.relays, backend="mock")))
            mock = "yes"
        except ImportError as exc:
            mock = str(exc)
        print(json.dumps({"notifier": d.notifier is None, "output": type(d.output).__name__,
                          "real": type(real).__name__, "started": started, "mock": mock}))
    """,
        config,
        NOTIFY_SOCKET="/nonexistent/notify",
    )
    assert r["notifier"] and r["output"] == "SimAudioOutput"
    # the real backend is built without PortAudio; only opening it needs sounddevice
    assert r["real"] == "SounddeviceOutput" and "sounddevice" in r["started"]
    assert "gpiozero" in r["mock"]


@pytest.mark.parametrize("backend", ["sim", "sounddevice"])
def test_the_same_wiring_runs_the_simulated_card_and_the_real_backend(kit, tmp_path, backend):
    (tmp_path / ".asoundrc").write_text("pcm.loa_null {\n    type null\n}\n")
    audio = {"backend": backend}
    if backend == "sounddevice":
        audio["device"] = "loa_null"
    config = kit.config_dict(audio=audio, clock={"trust": "always"})
    r = _run(
        tmp_path,
        """
        import time

        from playout.wiring import build_daemon

        class Notes:
            states = []
            def notify(self, state):
                self.states.append(state)

        d = build_daemon(config, notifier=Notes(), inbox_thread=False)
        d.start()
        # the card's first block comes from its own thread: wait for it (bounded)
        end = time.monotonic() + 10
        while not d.output.is_alive(max_age_s=2.0) and time.monotonic() < end:
            time.sleep(0.02)
        alive = d.output.is_alive(max_age_s=2.0)
        relays_up = dict(d.relays.states())
        d.stop()
        print(json.dumps({"output": type(d.output).__name__, "alive": alive,
                          "states": Notes.states, "relays_up": relays_up,
                          "alive_after": d.output.is_alive()}))
    """,
        config,
    )
    assert r["output"] == {"sim": "SimAudioOutput", "sounddevice": "SounddeviceOutput"}[backend]
    assert r["alive"] and not r["alive_after"]
    assert "READY=1" in r["states"] and r["states"][-1] == "STOPPING=1"
    assert r["relays_up"] == {"amplifier": False, "zone:thon-1": False, "zone:thon-2": False}

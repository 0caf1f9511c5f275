"""The unit's wiring: builds a `Daemon` and every part its config names — clock, sound output,
relays and loop switch, GPS, systemd notifier, as-run log — one factory per part. Each factory
imports its hardware adapter inside itself, so the unit imports without PortAudio, gpiozero or
sdnotify and needs each only when the config uses it.

API::

    d = build_daemon(config, *, clock=None, output=None, pin_factory=None, gps=FROM_CONFIG,
                     notifier=FROM_CONFIG, after_broadcast=None, inbox_thread=True)
    d.run(stop_event)        # stop() closes the parts build_daemon made, in reverse

    make_clock(config) -> Clock                       # SystemClock; [clock] trust
    make_output(config, clock) -> AudioOutput         # [audio] backend: sim | sounddevice
    make_pin_factory(config) -> MockFactory | None    # [relays] backend = "mock"
    make_relays(config, pin_factory) -> RelayBank | None  # [relays] backend: gpio|mock|none
    make_loop_switch(config, pin_factory)             # [loop] switch_pin
    make_gps(config) -> Gps | None                    # [gps] mode: auto | on | off
    make_notifier() -> Notifier | None                # systemd, when NOTIFY_SOCKET is set
    open_source(path, *, sha256, sample_rate)         # resampled when the file's rate differs
    wav_writer(output, folder) -> after_broadcast hook  # [audio] played_dir, simulated card
    make_push_client(config, sync_client) -> PushClient | None  # [push] url: MQTT wakes the sync

Pass `clock`/`output`/`pin_factory` to replace the configured part (tests, benchmarks, the
demo); `gps=None`/`notifier=None` mean none, `FROM_CONFIG` (the default) builds the configured
one. Parts passed in are the caller's; parts built here are owned by the daemon.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from enum import Enum
from math import gcd
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from hardware.ports import AudioOutput, Clock, Gps
from playout.asrun import AsRunLog
from playout.config import UnitConfig
from playout.daemon import BroadcastResult, Daemon, Notifier

if TYPE_CHECKING:
    from hardware.button import LoopSwitch
    from hardware.gpio_relays import RelayBank
    from playout.push_client import PushClient

log = logging.getLogger("loa.playout")


class _FromConfig(Enum):
    FROM_CONFIG = "from config"


FROM_CONFIG: Final = _FromConfig.FROM_CONFIG  # "build the part the config names"


def build_daemon(
    config: UnitConfig,
    *,
    clock: Clock | None = None,
    output: AudioOutput | None = None,
    pin_factory: Any = None,
    gps: Gps | _FromConfig | None = FROM_CONFIG,
    notifier: Notifier | _FromConfig | None = FROM_CONFIG,
    after_broadcast: Callable[[BroadcastResult], None] | None = None,
    inbox_thread: bool = True,
) -> Daemon:
    """Build every part the config names and a daemon that owns them.

    On any error the parts built so far are closed again, in reverse.
    """
    closers: list[Callable[[], None]] = []
    try:
        if clock is None:
            clock = make_clock(config)
        if output is None:
            output = make_output(config, clock)
        factory = pin_factory if pin_factory is not None else make_pin_factory(config)
        relays = make_relays(config, factory)
        if relays is not None:
            closers.append(relays.close)
        switch = make_loop_switch(config, factory)
        if switch is not None:
            closers.append(switch.close)
        if gps is FROM_CONFIG:
            gps = make_gps(config)
            if gps is not None and hasattr(gps, "stop"):
                closers.append(gps.stop)
        if notifier is FROM_CONFIG:
            notifier = make_notifier()
        config.state_dir.mkdir(parents=True, exist_ok=True)
        asrun = AsRunLog(
            config.asrun_path, unit_key=config.load_unit_key(), unit_id=config.unit_id, clock=clock
        )
        closers.append(asrun.close)
        hook = after_broadcast
        if config.audio.played_dir is not None and hasattr(output, "write_wav"):
            hook = _chain(wav_writer(output, config.audio.played_dir), after_broadcast)
        return Daemon(
            config,
            clock=clock,
            output=output,
            asrun=asrun,
            relays=relays,
            gps=gps,
            loop_switch=switch,
            notifier=notifier,
            after_broadcast=hook,
            inbox_thread=inbox_thread,
            open_source=open_source,
            owned=closers,
        )
    except BaseException:
        for close in reversed(closers):
            _quietly(close)
        raise


# --------------------------------------------------------------------------- adapter factories


def make_clock(config: UnitConfig) -> Clock:
    """The system clock; `[clock] trust = "always"` trusts it without a sync check."""
    from hardware.clock import SystemClock

    return SystemClock(trust_unknown=config.clock.trust == "always")


def make_output(config: UnitConfig, clock: Clock) -> AudioOutput:
    """`[audio] backend`: "sim" (the simulated card, paced by `clock`) or "sounddevice" (ALSA
    through PortAudio, or JACK: `host_api`, `jack_via`, realtime and memory locking)."""
    a = config.audio
    if a.backend == "sim":
        from hardware.sim_output import SimAudioOutput

        realtime = not hasattr(clock, "advance")  # a SimClock drives the card itself
        return SimAudioOutput(
            clock, sample_rate=a.sample_rate, channels=a.channels, realtime=realtime, latency_s=0.0
        )
    from hardware.sounddevice_output import SounddeviceOutput

    # ALSA via PortAudio, or a JACK server (`device = "system"`) via the unit's own client
    return SounddeviceOutput(
        a.device,
        sample_rate=a.sample_rate,
        channels=a.channels,
        latency_s=a.latency_s,
        host_api=a.host_api,
        jack_via=a.jack_via,
        client_name=a.jack_client,
        realtime=a.realtime,
        realtime_priority=a.realtime_priority,
        lock_memory=a.lock_memory,
        idle_suspend_s=a.idle_suspend_s,
    )


def make_pin_factory(config: UnitConfig) -> Any:
    """gpiozero's MockFactory for `[relays] backend = "mock"`; None (gpiozero's default) else."""
    if config.relays.backend != "mock":
        return None
    from gpiozero.pins.mock import MockFactory

    return MockFactory()


def make_relays(config: UnitConfig, pin_factory: Any) -> RelayBank | None:
    """The amplifier and zone relays on `pin_factory`; None for `[relays] backend = "none"`."""
    r = config.relays
    if r.backend == "none":
        return None
    from hardware.gpio_relays import RelayBank, RelayConfig

    assert r.amplifier is not None  # the config refuses gpio/mock without one
    return RelayBank(RelayConfig(r.amplifier, dict(r.zones)), pin_factory=pin_factory)


def make_loop_switch(config: UnitConfig, pin_factory: Any) -> LoopSwitch | None:
    """The mobile rig's loop switch on `[loop] switch_pin`; None when there is none."""
    lc = config.loop
    if lc.switch_pin is None:
        return None
    from hardware.button import LoopSwitch

    return LoopSwitch(lc.switch_pin, pull_up=lc.switch_pull_up, pin_factory=pin_factory)


def make_gps(config: UnitConfig) -> Gps | None:
    """`[gps] mode`: "off" → None; "on" → a started gpsd client; "auto" → gpsd if it answers."""
    g = config.gps
    if g.mode == "off":
        return None
    from hardware.gps import GpsdClient, connect_gpsd

    if g.mode == "on":
        return GpsdClient(g.host, g.port).start()
    return connect_gpsd(g.host, g.port)


def make_notifier() -> Notifier | None:
    """systemd's notifier when run as a Type=notify service (NOTIFY_SOCKET set) and sdnotify
    is installed; None otherwise."""
    if not os.environ.get("NOTIFY_SOCKET"):
        return None
    try:
        import sdnotify
    except ImportError:
        return None
    notifier: Notifier = sdnotify.SystemdNotifier()  # untyped package; has notify(state)
    return notifier


def make_push_client(
    config: UnitConfig, sync_client: Any, *, trusted_keys: Any = None
) -> PushClient | None:
    """`[push] url`: a started MQTT subscriber that wakes `sync_client` on each valid notice
    and imports emergency bundles published over MQTT into the sync client's store;
    while it is connected the client polls every `[push] poll_s` (slower), and at `[sync]
    poll_s` again as soon as it is down. None when no url is configured."""
    p = config.push
    if not p.url:
        return None
    from playout.push_client import PushClient, wake_sync_client

    normal_s = float(sync_client.poll_s)
    wake = wake_sync_client(sync_client)

    def on_connection(up: bool) -> None:
        sync_client.poll_s = max(p.poll_s, normal_s) if up else normal_s
        if not up:
            wake("push-down")  # the slower wait in progress ends; polling resumes its pace

    return PushClient(
        p.url,
        unit_id=config.unit_id,
        areas=config.areas,
        trusted_keys=trusted_keys if trusted_keys is not None else config.load_trusted_keys(),
        wake=wake,
        username=p.username or config.unit_id,
        password=p.load_password(),
        ca_file=p.ca_file,
        state_dir=config.state_dir / "sync",
        keepalive_s=p.keepalive_s,
        on_connection=on_connection,
        store=getattr(sync_client, "store", None),  # emergency bundles over MQTT: imported at once
    ).start()


# --------------------------------------------------------------------------- audio helpers


def open_source(path: Path, *, sha256: str, sample_rate: int) -> Any:
    """An AudioSource for `path`; resampled in memory when the file's rate is not the card's."""
    from hardware.source import AudioSource

    src = AudioSource(path, sha256=sha256)
    if src.sample_rate == sample_rate:
        return src
    import numpy as np
    import soundfile
    from scipy.signal import resample_poly

    src.close()
    data, rate = soundfile.read(os.fspath(path), dtype="float32", always_2d=True)
    g = gcd(sample_rate, rate)
    out = resample_poly(data, sample_rate // g, rate // g, axis=0).astype(np.float32)
    res = AudioSource.from_array(out, sample_rate)
    res.sha256 = sha256
    return res


def wav_writer(output: Any, folder: Path) -> Callable[[BroadcastResult], None]:
    """A hook writing each broadcast the simulated card played as a WAV a person can listen to."""

    written: set[Any] = set()

    def write(r: BroadcastResult) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = r.wall_start.strftime("%Y%m%d-%H%M%S")
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in r.item_id)
        output.write_wav(folder / f"{stamp}-{safe}-{r.outcome}.wav", token=r.token)
        written.add(r.token)
        # keep only what a broadcast not yet written may still need
        waiting = [
            rec.first_frame
            for rec in output.played
            if rec.token not in written and rec.first_frame is not None
        ]
        output.discard_captured_before(min(waiting, default=output.frames_out))

    return write


def _chain(*hooks: Callable[[BroadcastResult], None] | None) -> Callable[[BroadcastResult], None]:
    live = [h for h in hooks if h is not None]

    def run(r: BroadcastResult) -> None:
        for h in live:
            _quietly(functools.partial(h, r))

    return run


def _quietly(fn: Callable[[], Any]) -> None:
    try:
        fn()
    except Exception as exc:
        log.warning("ignored during cleanup: %s", exc)


__all__ = [
    "FROM_CONFIG",
    "build_daemon",
    "make_clock",
    "make_gps",
    "make_loop_switch",
    "make_notifier",
    "make_output",
    "make_pin_factory",
    "make_push_client",
    "make_relays",
    "open_source",
    "wav_writer",
]

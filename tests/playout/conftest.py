"""Playout fixtures: signed bundles with schedules, a unit config, and a daemon on a SimClock,
the simulated sound card and gpiozero's MockFactory — driven by hand, nothing sleeps."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import soundfile as sf

from content_library import bundle as B
from hardware.clock import SimClock
from playout.asrun import AsRunLog
from playout.config import parse_config
from protocol import keys as signing

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SR = 48000
T0 = datetime(2026, 11, 20, 6, 59, 50, tzinfo=VN)  # ten seconds before a 07:00 broadcast


_SFC_SET_ADD_PEAK_CHUNK = 0x1050  # libsndfile's sf_command code


def tone_wav(path: Path, *, freq: float, seconds: float, sr: int = SR) -> Path:
    """A float WAV of a sine; the same arguments give the same bytes, whenever it is written."""
    t = np.arange(round(seconds * sr)) / sr
    # a DC offset makes the very first sample non-zero (easy to find in what was played)
    samples = (0.1 + 0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    with sf.SoundFile(path, "w", samplerate=sr, channels=1, subtype="FLOAT") as f:
        # libsndfile dates a float WAV's PEAK chunk; without the chunk the bytes are the samples'
        sf._snd.sf_command(f._file, _SFC_SET_ADD_PEAK_CHUNK, sf._ffi.NULL, 0)
        f.write(samples)
    return path


def real_now() -> datetime:
    """The real wall clock, for tests whose code under test reads it (CLI, sync, demo unit)."""
    return datetime.now(VN).replace(microsecond=0)


class UnitKit:
    """Keys, audio, bundles, config and the parts of a simulated unit.

    Bundles and approvals are dated around `t0`: T0 for code driven by a SimClock at T0, the
    real now (`real_now()`) for code that reads the real clock.
    """

    def __init__(self, tmp: Path, *, t0: datetime = T0) -> None:
        self.tmp = tmp
        self.t0 = t0
        self.priv, self.pub = signing.generate_keypair()
        self.kid = signing.key_id(self.pub)
        self.trusted_file = tmp / "trusted.pub"
        self.trusted_file.write_text(signing.public_key_line(self.pub) + "\n")
        self.unit_key_file = tmp / "unit.key"
        self.unit_priv, self.unit_pub = signing.generate_keypair()
        signing.write_private_key(self.unit_key_file, self.unit_priv)
        self.state_dir = tmp / "state"
        self.wav_dir = tmp / "wav"
        self.wav_dir.mkdir()
        self.audio: dict[str, Path] = {}
        self.out_dir = tmp / "out"
        self.out_dir.mkdir()

    # ------------------------------------------------------------ bundles
    def item(
        self,
        item_id: str,
        *,
        seconds: float = 2.0,
        freq: float = 440.0,
        priority: str = "normal",
        loop: bool = False,
        valid_from: datetime | None = None,
        valid_until: datetime | None = None,
        sr: int = SR,
    ) -> B.BundleItem:
        path = tone_wav(self.wav_dir / f"{item_id}.wav", freq=freq, seconds=seconds, sr=sr)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        self.audio[sha] = path
        return B.BundleItem(
            id=item_id,
            title=f"Bản tin {item_id}",
            topic="an ninh",
            priority=priority,
            audio_sha256=sha,
            audio_size=path.stat().st_size,
            duration_s=seconds,
            sample_rate=sr,
            script_version_id=f"v-{item_id}",
            loop=loop,
            approval=B.Approval(
                id=f"ap-{item_id}",
                reviewer="Công an xã",
                approved_at=self.t0 - timedelta(days=2),
                valid_from=valid_from or self.t0 - timedelta(days=1),
                valid_until=valid_until or self.t0 + timedelta(days=30),
            ),
        )

    def bundle(
        self,
        items,
        *,
        schedule=None,
        sequence: int = 1,
        name: str | None = None,
        expires_at: datetime | None = None,
        units=("unit-01",),
        signing_key=None,
    ) -> Path:
        manifest = B.Manifest(
            bundle_id=str(uuid.uuid4()),
            target=B.Target(units=units),
            sequence=sequence,
            issued_at=self.t0 - timedelta(hours=1),
            expires_at=expires_at or self.t0 + timedelta(days=7),
            key_id=self.kid,
            items=tuple(items),
            schedule=schedule or {"format": 1, "rules": []},
        )
        out = self.out_dir / (name or f"b{sequence}-{uuid.uuid4().hex[:6]}.loa")
        return B.build_bundle(
            manifest,
            {i.audio_sha256: self.audio[i.audio_sha256] for i in items},
            signing_key=signing_key or self.priv,
            out_path=out,
            now=self.t0,
        )

    # ------------------------------------------------------------ config
    def config_dict(self, **sections) -> dict:
        data = {
            "format": 1,
            "unit": {
                "id": "unit-01",
                "areas": ["xa-tan-phu"],
                "trusted_keys": [str(self.trusted_file)],
                "key": str(self.unit_key_file),
                "state_dir": str(self.state_dir),
            },
            "audio": {"backend": "sim"},
            "relays": {
                "backend": "mock",
                "amplifier": {"pin": 17},
                "zones": {"thon-1": {"pin": 22}, "thon-2": {"pin": 23}},
                "warm_up_s": 3.0,
                "tail_s": 0.5,
                "hold_s": 5.0,
                "zone_settle_s": 0.2,
            },
            "playout": {"tick_s": 0.02},
            "gps": {"mode": "off"},
            "clock": {"trust": "sync"},
        }
        for key, value in sections.items():
            data[key] = {**data.get(key, {}), **value}
        return data

    def config(self, **sections):
        return parse_config(self.config_dict(**sections), base_dir=self.tmp, source="test.toml")


@pytest.fixture
def kit_t0() -> datetime:
    """When the kit's bundles are dated; modules whose code reads the real clock override it."""
    return T0


@pytest.fixture
def kit(tmp_path, kit_t0) -> UnitKit:
    return UnitKit(tmp_path, t0=kit_t0)


@pytest.fixture
def clock() -> SimClock:
    return SimClock(T0, monotonic=1000.0)


@pytest.fixture
def pin_factory(monkeypatch, clock):
    """MockFactory whose pin timestamps follow the SimClock (pin.states times = clock times)."""
    import gpiozero.pins.mock as mock
    from gpiozero import Device

    monkeypatch.setattr(mock, "monotonic", clock.monotonic)
    factory = mock.MockFactory()
    saved = Device.pin_factory
    try:
        yield factory
    finally:
        factory.reset()
        Device.pin_factory = saved


class Unit:
    """A daemon wired to simulated parts, with helpers to let time pass."""

    def __init__(
        self,
        kit: UnitKit,
        clock: SimClock,
        pin_factory,
        config,
        *,
        gps=None,
        notifier=None,
        start: bool = True,
    ) -> None:
        from hardware.sim_output import SimAudioOutput
        from playout.wiring import build_daemon

        self.kit, self.clock, self.factory, self.config = kit, clock, pin_factory, config
        self.output = SimAudioOutput(clock, sample_rate=SR)
        self.notes: list[str] = []
        self.results = []
        self.daemon = build_daemon(
            config,
            clock=clock,
            output=self.output,
            pin_factory=pin_factory,
            gps=gps,
            notifier=notifier if notifier is not None else self,
            after_broadcast=self.results.append,
            inbox_thread=False,
        )
        if start:
            self.daemon.start()

    def notify(self, state: str) -> None:  # the systemd notifier stand-in
        self.notes.append(state)

    def run(self, seconds: float, step: float = 0.02) -> None:
        end = self.clock.monotonic() + seconds
        while self.clock.monotonic() < end - 1e-9:
            self.clock.advance(min(step, end - self.clock.monotonic()))
            self.daemon.tick()

    def run_until(self, wall: datetime, step: float = 0.02) -> None:
        self.run((wall - self.clock.wall()).total_seconds(), step)

    def pin(self, number: int):
        return self.factory.pin(number)

    def entries(self):
        with AsRunLog(self.config.asrun_path, unit_key=None, unit_id="unit-01") as log:
            return [(e.kind, e.fields) for e in log.entries()]

    def kinds(self, token: str | None = None):
        return [k for k, f in self.entries() if token is None or f.get("token") == token]

    def stop(self) -> None:
        self.daemon.stop()


@pytest.fixture
def make_unit(kit, clock, pin_factory):
    units: list[Unit] = []

    def make(config=None, **kw) -> Unit:
        unit = Unit(kit, clock, pin_factory, config or kit.config(), **kw)
        units.append(unit)
        return unit

    yield make
    for u in units:
        if u.daemon._running:
            u.stop()


def import_bundle(kit: UnitKit, path: Path, clock: SimClock):
    from playout.store import BundleStore

    store = BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )
    return store.import_bundle(path)


def daily(times, *item_ids, **extra):
    return {
        "format": 1,
        "rules": [{"kind": "daily", "times": list(times), "item_ids": list(item_ids), **extra}],
        "policy": {"quiet_hours": None},
    }

"""Shared helpers for the unit benchmarks: keys, signed bundles with `once` rules at real wall
times, a unit config (dict and TOML), a daemon runner for subprocesses, /proc readers.

    kit = UnitKit(tmp)                      # panel key, unit key, trusted.pub
    path = kit.bundle(kit.slots(starts, seconds=0.3), sequence=1)
    kit.import_bundle(path)                 # as `loa unit import` does
    kit.write_toml(kit.config_dict(...))    # for a subprocess

    python -m bench._unitkit run --config unit.toml --record card.jsonl [--seconds N]

runs the real daemon (`build_daemon`) on a simulated card paced by the real monotonic
clock, with capture off (a real card keeps nothing either). `--record` appends one JSON line
per broadcast the card finished, fsync'd from the card's own thread before the daemon hears of
it: independent, durable evidence of what went on air.

    python -m bench._unitkit run-real --config unit.toml [--spy spy.jsonl] [--ready FILE]

runs it on the output its config names (`[audio] backend = "sounddevice"`: ALSA or a JACK
server), exactly as `loa unit run` builds it. `--spy` appends a JSON line per call the daemon
makes on the output (`schedule`: token and instant; `fade`: when it asked to pre-empt) and per
playback event, with time.monotonic() — the same clock in every process of the machine.

    python -m bench._unitkit import-at --state DIR --trusted trusted.pub --plan plan.json --out stored.jsonl

stores bundles into the unit's state at given time.monotonic() instants from a process of its
own, as the sync client or the push subscriber does beside the daemon.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import soundfile as sf

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SR = 48000
UNIT_ID = "bench-unit-01"
AREA = "xa-bench"


def tone_wav(
    path: Path, *, freq: float, seconds: float, sr: int = SR, subtype: str = "FLOAT"
) -> Path:
    t = np.arange(round(seconds * sr)) / sr
    sf.write(
        path, (0.1 + 0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32), sr, subtype=subtype
    )
    return path


ROOT = Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a benchmark's child process: this checkout first on PYTHONPATH,
    whatever was there kept (a test run may put its own `sitecustomize` there)."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def now_vn() -> datetime:
    return datetime.now(VN)


def wall_to_mono(wall: datetime, offset: float) -> float:
    """A wall instant on the monotonic axis, given offset = time.time() - time.monotonic()."""
    return wall.timestamp() - offset


def clock_offset(samples: int = 25) -> float:
    """time.time() - time.monotonic(), the median of a few tight readings."""
    vals = []
    for _ in range(samples):
        a = time.monotonic()
        w = time.time()
        b = time.monotonic()
        vals.append(w - (a + b) / 2)
    vals.sort()
    return vals[len(vals) // 2]


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    return float(np.percentile(np.asarray(values, dtype=float), q))


class UnitKit:
    """Keys, audio, bundles and config for one benchmark unit under `root`."""

    def __init__(self, root: Path) -> None:
        from protocol import keys as signing

        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.priv, self.pub = signing.generate_keypair()
        self.kid = signing.key_id(self.pub)
        self.trusted_file = self.root / "trusted.pub"
        self.trusted_file.write_text(signing.public_key_line(self.pub) + "\n")
        self.unit_key_file = self.root / "unit.key"
        self.unit_priv, self.unit_pub = signing.generate_keypair()
        signing.write_private_key(self.unit_key_file, self.unit_priv)
        self.state_dir = self.root / "state"
        self.wav_dir = self.root / "wav"
        self.wav_dir.mkdir(exist_ok=True)
        self.out_dir = self.root / "out"
        self.out_dir.mkdir(exist_ok=True)
        self.audio: dict[str, Path] = {}
        self._wav_cache: dict[tuple[float, float, str], tuple[str, Path]] = {}
        self._t0 = now_vn()

    def wav(self, seconds: float, freq: float = 440.0, subtype: str = "FLOAT") -> tuple[str, Path]:
        key = (round(seconds, 4), freq, subtype)
        if key not in self._wav_cache:
            p = tone_wav(
                self.wav_dir / f"t{len(self._wav_cache)}.wav",
                freq=freq,
                seconds=seconds,
                subtype=subtype,
            )
            sha = hashlib.sha256(p.read_bytes()).hexdigest()
            self.audio[sha] = p
            self._wav_cache[key] = (sha, p)
        return self._wav_cache[key]

    def item(
        self,
        item_id: str,
        *,
        seconds: float = 0.3,
        freq: float = 440.0,
        priority: str = "normal",
        loop: bool = False,
        subtype: str = "FLOAT",
    ):
        from content_library import bundle as B
        from content_library.types import Priority

        sha, path = self.wav(seconds, freq, subtype)
        t0 = self._t0
        return B.BundleItem(
            id=item_id,
            title=f"Bản tin {item_id}",
            topic="an ninh",
            priority=Priority(priority),
            audio_sha256=sha,
            audio_size=path.stat().st_size,
            duration_s=seconds,
            sample_rate=SR,
            script_version_id=f"v-{item_id}",
            loop=loop,
            approval=B.Approval(
                id=f"ap-{item_id}",
                reviewer="Công an xã",
                approved_at=t0 - timedelta(days=2),
                valid_from=t0 - timedelta(days=1),
                valid_until=t0 + timedelta(days=30),
            ),
        )

    @staticmethod
    def once_schedule(slots: Iterable[tuple[str, datetime]]) -> dict[str, Any]:
        rules = [
            {"kind": "once", "at": at.isoformat(), "item_ids": [item_id]} for item_id, at in slots
        ]
        return {"format": 1, "rules": rules, "policy": {"quiet_hours": None}}

    def bundle(self, items, *, schedule=None, sequence: int = 1) -> Path:
        from content_library import bundle as B

        t0 = self._t0
        manifest = B.Manifest(
            bundle_id=str(uuid.uuid4()),
            target=B.Target(units=(UNIT_ID,)),
            sequence=sequence,
            issued_at=t0 - timedelta(hours=1),
            expires_at=t0 + timedelta(days=7),
            key_id=self.kid,
            items=tuple(items),
            schedule=schedule or {"format": 1, "rules": []},
        )
        out = self.out_dir / f"b{sequence}-{uuid.uuid4().hex[:6]}.loa"
        audio = {i.audio_sha256: self.audio[i.audio_sha256] for i in items}
        return B.build_bundle(manifest, audio, signing_key=self.priv, out_path=out, now=now_vn())

    def emergency_bundle(self, item, *, sequence: int) -> Path:
        """An issued emergency as the panel sends it (one play, now, to the unit's area): the
        store keeps it in its overlay beside the active bundle, which stays as it is."""
        from content_library import bundle as B
        from protocol.manifest import Emergency

        now = now_vn()
        manifest = B.Manifest(
            bundle_id=str(uuid.uuid4()),
            target=B.Target(areas=(AREA,)),
            sequence=sequence,
            issued_at=now - timedelta(seconds=5),
            expires_at=now + timedelta(hours=1),
            key_id=self.kid,
            items=(item,),
            schedule={},
            emergency=Emergency(
                id=str(uuid.uuid4()),
                action="play",
                repeats=1,
                gap_s=0,
                start_at=now - timedelta(seconds=5),
            ),
        )
        out = self.out_dir / f"em{sequence}-{uuid.uuid4().hex[:6]}.loa"
        audio = {item.audio_sha256: self.audio[item.audio_sha256]}
        return B.build_bundle(manifest, audio, signing_key=self.priv, out_path=out, now=now)

    def scheduled_bundle(
        self, starts: Sequence[datetime], *, seconds: float, sequence: int = 1, prefix: str = "s"
    ) -> tuple[Path, list[tuple[str, datetime]]]:
        """One item per start (ids prefix000…), all sharing one tone."""
        slots = [(f"{prefix}{i:03d}", at) for i, at in enumerate(starts)]
        items = [self.item(item_id, seconds=seconds) for item_id, _ in slots]
        return self.bundle(items, schedule=self.once_schedule(slots), sequence=sequence), slots

    def import_bundle(self, path: Path):
        from hardware.clock import SystemClock
        from playout.store import BundleStore

        store = BundleStore(
            self.state_dir,
            trusted_keys={self.kid: self.pub},
            unit_id=UNIT_ID,
            unit_areas=(AREA,),
            clock=SystemClock(trust_unknown=True),
        )
        return store.import_bundle(path)

    def config_dict(self, **sections) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": 1,
            "unit": {
                "id": UNIT_ID,
                "areas": [AREA],
                "trusted_keys": [str(self.trusted_file)],
                "key": str(self.unit_key_file),
                "state_dir": str(self.state_dir),
            },
            "audio": {"backend": "sim"},
            "relays": {"backend": "none"},
            "playout": {"tick_s": 0.02},
            "gps": {"mode": "off"},
            "inbox": {"watch": [], "poll_s": 5},
            "clock": {"trust": "always"},
        }
        for key, value in sections.items():
            data[key] = {**data.get(key, {}), **value}
        return data

    def config(self, **sections):
        from playout.config import parse_config

        return parse_config(self.config_dict(**sections), base_dir=self.root, source="bench")

    def write_toml(self, data: dict[str, Any], name: str = "unit.toml") -> Path:
        path = self.root / name
        path.write_text(to_toml(data), encoding="utf-8")
        return path


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {v!r} as TOML")


def to_toml(data: dict[str, Any], prefix: str = "") -> str:
    """Enough TOML for a unit config: scalars, lists, nested tables."""
    lines, tables = [], []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        elif v is not None:
            lines.append(f"{k} = {_toml_value(v)}")
    out = "\n".join(lines) + ("\n" if lines else "")
    for k, v in tables:
        name = f"{prefix}.{k}" if prefix else k
        out += f"\n[{name}]\n" + to_toml(v, name)
    return out


# --------------------------------------------------------------------------- reading the unit


def asrun_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(kind, fields) of every as-run entry, read-only (the daemon may be writing)."""
    from playout.asrun import AsRunLog

    if not Path(path).exists():
        return []
    with AsRunLog(path, unit_key=None, unit_id=UNIT_ID) as log:
        return [(e.kind, dict(e.fields)) for e in log.entries()]


def first_armed(path: Path) -> bool:
    if not Path(path).exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2)
        try:
            tables = [
                r[0] for r in con.execute("select name from sqlite_master where type='table'")
            ]
            for t in tables:
                cols = [r[1] for r in con.execute(f"pragma table_info({t})")]
                if "kind" in cols:
                    return (
                        con.execute(f"select 1 from {t} where kind='armed' limit 1").fetchone()
                        is not None
                    )
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return False


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def proc_cpu_s(pid: int) -> float:
    """utime + stime of a process (all threads), seconds."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def read_records(path: Path) -> list[dict[str, Any]]:
    if not Path(path).exists():
        return []
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut by SIGKILL before its newline: not fsync'd, not a claim
    return out


# --------------------------------------------------------------------------- daemon runner


class FastClock:
    """The real monotonic clock sped up `speed` times, wall time from `epoch` (trusted).

    Lets a benchmark play an hour of programme in minutes: the card renders `speed` seconds
    of audio per real second, the daemon's deadlines and relays follow the same clock."""

    def __init__(self, speed: float, epoch: datetime) -> None:
        self.speed = speed
        self._m0 = time.monotonic()
        self._epoch = epoch

    def monotonic(self) -> float:
        return self._m0 + (time.monotonic() - self._m0) * self.speed

    def wall(self) -> datetime:
        return self._epoch + timedelta(seconds=self.monotonic() - self._m0)

    def is_trusted(self) -> bool:
        return True


class CardRecorder:
    """A PlaybackListener on the simulated card: one fsync'd JSON line per ended broadcast."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._lock = threading.Lock()

    def on_started(self, handle, actual_start: float, first_frame: int) -> None:
        pass

    def _write(self, handle, outcome: str, frames: int) -> None:
        token = handle.token
        rec = {
            "token": token[0] if isinstance(token, tuple) else str(token),
            "outcome": outcome,
            "frames": frames,
            "start": handle.actual_start,
            "pid": os.getpid(),
        }
        with self._lock:
            os.write(self._fd, (json.dumps(rec) + "\n").encode())
            os.fsync(self._fd)

    def on_finished(self, handle, frames_played: int) -> None:
        self._write(handle, "finished", frames_played)

    def on_failed(self, handle, reason: str) -> None:
        if handle.actual_start is not None:
            self._write(handle, "failed", handle.frames_played)


class ReadyFile:
    """The systemd notifier stand-in: on READY=1 writes this process's pid to a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def notify(self, state: str) -> None:
        if state == "READY=1":
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(f"{os.getpid()} {time.monotonic()}\n")
            os.replace(tmp, self.path)


def run_daemon(
    config_path: Path,
    record: Path | None,
    seconds: float | None,
    *,
    speed: float = 1.0,
    epoch: datetime | None = None,
    ready: Path | None = None,
    voices: int = 16,
) -> None:
    from hardware.clock import SystemClock
    from hardware.sim_output import SimAudioOutput
    from playout.config import load_config
    from playout.wiring import build_daemon

    config = load_config(config_path)
    clock: Any = SystemClock(trust_unknown=config.clock.trust == "always")
    if speed != 1.0:
        clock = FastClock(speed, epoch or now_vn())
    card = SimAudioOutput
    if speed != 1.0:

        class SpedUpCard(SimAudioOutput):
            """The health check allows the same *real* stall as at normal speed: on a clock
            running `speed` times faster, a 20 ms scheduling hiccup is not a dead card."""

            def is_alive(self, *, max_age_s: float = 1.0) -> bool:
                return super().is_alive(max_age_s=max_age_s * speed)

        card = SpedUpCard
    output = card(
        clock,
        sample_rate=config.audio.sample_rate,
        channels=config.audio.channels,
        realtime=True,
        latency_s=config.audio.latency_s,
        capture=False,
        max_voices=voices,
    )
    if record is not None:
        output.add_listener(CardRecorder(record))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if seconds is not None:
        threading.Timer(seconds, stop.set).start()
    daemon = build_daemon(
        config,
        clock=clock,
        output=output,
        gps=None,
        notifier=ReadyFile(ready) if ready else None,
        inbox_thread=False,
    )
    daemon.run(stop)


class OutputSpy:
    """Wraps the daemon's AudioOutput: one JSON line per schedule/fade call and per playback
    event, stamped with time.monotonic(); everything else goes to the output."""

    def __init__(self, output: Any, path: Path) -> None:
        self._output = output
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._lock = threading.Lock()
        output.add_listener(self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._output, name)

    def _write(self, **rec: Any) -> None:
        tok = rec.get("token")
        if isinstance(tok, tuple):
            rec["token"] = tok[0]
        with self._lock:
            os.write(self._fd, (json.dumps(rec) + "\n").encode())

    def schedule(self, source: Any, at: float, *, token: Any) -> Any:
        t = time.monotonic()
        handle = self._output.schedule(source, at, token=token)
        self._write(ev="schedule", token=token, at=at, t=t)
        return handle

    def fade_out_and_stop(self, handle: Any, fade_s: float) -> None:
        self._write(ev="fade", token=handle.token, t=time.monotonic(), fade_s=fade_s)
        self._output.fade_out_and_stop(handle, fade_s)

    def on_started(self, handle: Any, actual_start: float, first_frame: int) -> None:
        self._write(
            ev="started",
            token=handle.token,
            at=handle.scheduled_at,
            actual=actual_start,
            frame=first_frame,
            t=time.monotonic(),
        )

    def on_finished(self, handle: Any, frames_played: int) -> None:
        self._write(
            ev="finished",
            token=handle.token,
            frames=frames_played,
            xruns=handle.xruns,
            t=time.monotonic(),
        )

    def on_failed(self, handle: Any, reason: str) -> None:
        self._write(ev="failed", token=handle.token, reason=reason, t=time.monotonic())


def run_real_daemon(
    config_path: Path, *, spy: Path | None, ready: Path | None, seconds: float | None
) -> None:
    """The daemon on the output its config names, built as `loa unit run` builds it."""
    import logging

    from playout.config import load_config
    from playout.wiring import build_daemon, make_clock, make_output

    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    config = load_config(config_path)
    clock = make_clock(config)
    output: Any = make_output(config, clock)
    if spy is not None:
        output = OutputSpy(output, spy)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if seconds is not None:
        threading.Timer(seconds, stop.set).start()
    daemon = build_daemon(
        config, clock=clock, output=output, gps=None, notifier=ReadyFile(ready) if ready else None
    )
    daemon.run(stop)


def import_at(state_dir: Path, trusted: Path, plan: Path, out: Path) -> None:
    """Store bundles into a unit's state at given instants, from a process of its own — as the
    sync client or the push subscriber does next to the daemon. `plan` is a JSON list of
    [bundle path, time.monotonic() to store it at]; `out` gets one JSON line per bundle with
    the instant its import returned (the store has rung the daemon's doorbell by then)."""
    from hardware.clock import SystemClock
    from playout.store import BundleStore
    from protocol import keys as signing

    kid, pub = signing.parse_public_key_line(trusted.read_text().strip())
    store = BundleStore(
        state_dir,
        trusted_keys={kid: pub},
        unit_id=UNIT_ID,
        unit_areas=(AREA,),
        clock=SystemClock(trust_unknown=True),
    )
    with out.open("a") as f:
        for path, at in json.loads(plan.read_text()):
            while (left := at - time.monotonic()) > 0:
                time.sleep(min(left, 0.05))
            result = store.import_bundle(Path(path))
            f.write(json.dumps({"path": path, "stored": time.monotonic(), "result": str(result)}))
            f.write("\n")
            f.flush()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench._unitkit")
    sub = p.add_subparsers(dest="cmd", required=True)
    ia = sub.add_parser("import-at", help="store bundles into a unit's state at given instants")
    ia.add_argument("--state", type=Path, required=True)
    ia.add_argument("--trusted", type=Path, required=True)
    ia.add_argument("--plan", type=Path, required=True)
    ia.add_argument("--out", type=Path, required=True)
    rr = sub.add_parser("run-real", help="run the daemon on the output its config names")
    rr.add_argument("--config", type=Path, required=True)
    rr.add_argument("--spy", type=Path, default=None)
    rr.add_argument("--ready", type=Path, default=None)
    rr.add_argument("--seconds", type=float, default=None)
    r = sub.add_parser("run", help="run the daemon on a simulated card (real clock)")
    r.add_argument("--config", type=Path, required=True)
    r.add_argument("--record", type=Path, default=None)
    r.add_argument("--seconds", type=float, default=None)
    r.add_argument(
        "--voices",
        type=int,
        default=16,
        help="card playback slots (dense bench schedules arm several items at once)",
    )
    r.add_argument("--ready", type=Path, default=None, help="write 'PID MONOTONIC' here on READY=1")
    r.add_argument("--speed", type=float, default=1.0, help="run the clock this many times faster")
    r.add_argument("--epoch", default=None, help="wall time (ISO) when a sped-up clock starts")
    args = p.parse_args(argv)
    if args.cmd == "import-at":
        import_at(args.state, args.trusted, args.plan, args.out)
    if args.cmd == "run-real":
        run_real_daemon(args.config, spy=args.spy, ready=args.ready, seconds=args.seconds)
    if args.cmd == "run":
        epoch = datetime.fromisoformat(args.epoch) if args.epoch else None
        run_daemon(
            args.config,
            args.record,
            args.seconds,
            speed=args.speed,
            epoch=epoch,
            ready=args.ready,
            voices=args.voices,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

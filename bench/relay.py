"""Relay benchmark (tiếp sóng): windows relayed from a loopback icecast2, with dropouts injected.

    python -m bench.relay [--windows 6] [--window-s 20] [--daemon-s 60] [--quick]
                          [--decoder auto|ffmpeg]

A stand-in station (Debian's icecast2 on a free loopback port, fed by an ffmpeg tone). Two
phases, each killing the station's source once in a while and starting it again a few
seconds later:

1. Timing, in this process: the unit's relay path, `RelaySource` (a decoder child) armed on
   the simulated sound card running in real time (48 kHz, 10 ms blocks), as the daemon arms
   it, a few seconds before each window. On the card's own account of where it put each frame:
   - `started_on_time_p99_ms`: the window's start → its first relayed (stream) sample;
   - `fallback_gap_ms_p99`: the source killed → the fallback item's first sample;
   - `resume_gap_ms_p99`: the source back on the server → the stream's first sample again.
2. Cost, of the real daemon: a signed bundle with a relay channel and a relay window open now
   is imported into a fresh unit, and the daemon runs as its own process
   (`python -m bench._unitkit run`: `playout.wiring.build_daemon`, as `loa unit run` builds
   it, on the simulated card paced by the real clock, capture off; it imports what the daemon
   imports and nothing of this benchmark). It joins the open window and relays for
   `daemon_s` seconds; it and every process under it (the decoder) are read from outside,
   through /proc, every 0.25 s:
   - `unit_cpu_pct_while_relaying`: CPU of the daemon (all its threads) plus the decoder, in %
     of one core (target ≤ 15);
   - `rss_mb_while_relaying`: the largest resident set of the daemon plus every process under
     it (the decoder; now and then a `timedatectl`) (target ≤ 80); `unit_rss_mb` and
     `decoder_rss_mb` their own maxima, `daemon_rss_mb_before_relay` the daemon before the
     window; `pss_mb_while_relaying` counts the shared pages in proportion.
   The cost used to be read in the timing process itself, which imports the benchmark's
   helpers but not the daemon's modules (the scheduler, pydantic, apscheduler, asyncio…): it
   is not what a unit carries, and it read low. `timing_process` keeps those figures.
   The simulated card stands in for PortAudio: what `import sounddevice` (the ALSA/JACK
   output) adds to a process is measured on its own, `portaudio_import_rss_mb`, and is not
   in `rss_mb_while_relaying` (`docs/relay.md` says what it is made of); most of it is the
   ALSA plugins of libasound2-plugins (pulse, a52 with libavcodec…), which a unit does not
   need: `portaudio_import_rss_mb_without_alsa_plugins` is the same import with ALSA's
   configuration as it is without that package.

`--decoder ffmpeg` hides mpg123 (as on a unit without it) in both phases: ffmpeg decodes.

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from bench._unitkit import UNIT_ID, UnitKit, child_env, now_vn, percentile

SR = 48000
DECODERS = ("mpg123", "ffmpeg")
ROOT = Path(__file__).resolve().parent.parent


def _proc_cpu_s(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _mem_mb(pid: int | str) -> tuple[float, float]:
    """(RSS, PSS) in MB: PSS counts shared library pages in proportion to their users."""
    rss = pss = 0.0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) / 1024.0
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return rss, pss


def _descendants(pid: int) -> list[int]:
    """Every process under `pid` (children of all its threads, and theirs)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tids = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    kids = [int(x) for x in f.read().split()]
            except (OSError, ValueError):
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def _settings(decoder: str) -> Any:
    from hardware.relay_source import RelaySettings

    return RelaySettings() if decoder == "auto" else RelaySettings(mpg123="")  # unit defaults


def run_timing(
    ice: Any, windows: int, window_s: float, kill_at: float, back_at: float, decoder: str
) -> dict[str, Any]:
    from hardware.relay_source import RelaySource
    from hardware.sim_output import SimAudioOutput
    from hardware.source import AudioSource

    t = np.arange(SR * 10, dtype=np.float32) / np.float32(SR)
    fallback_audio = (0.3 * np.sin(np.float32(2 * np.pi * 1000.0) * t)).astype(np.float32)
    del t
    settings = _settings(decoder)
    on_time: list[float] = []
    fallback_gaps: list[float] = []
    resume_gaps: list[float] = []
    injected = recovered = 0
    failures: list[str] = []
    decoders: set[str] = set()
    cpu_self = cpu_child = wall = 0.0
    rss_max = self_max = dec_max = 0.0
    src = ice.feed("vov1")
    out = SimAudioOutput(sample_rate=SR, realtime=True, capture=False)
    out.start()
    try:
        for w in range(windows):
            lead = 4.0
            start_at = out.clock() + lead
            relay = RelaySource(
                ice.url("vov1"),
                "mp3",
                sample_rate=SR,
                frames=round(window_s * SR),
                start_at=start_at,
                clock=out.clock,
                settings=settings,
                fallback=lambda: AudioSource.from_array(fallback_audio, SR),
                fallback_label="fallback",
                name=f"bench{w}",
            ).start()
            handle = out.schedule(relay, start_at, token=("relay", w))
            killed_at = back_at_t = None
            child_cpu: dict[int, float] = {}
            t0_wall, t0_cpu = time.monotonic(), time.process_time()
            polls = 0
            while not handle.done:
                now = out.clock()
                if killed_at is None and now >= start_at + kill_at:
                    src.kill()
                    killed_at = out.clock()
                    injected += 1
                elif killed_at is not None and back_at_t is None and now >= start_at + back_at:
                    src = ice.feed("vov1")  # returns once the mount answers again
                    back_at_t = out.clock()
                pid = relay.decoder_pid
                if pid is not None:
                    c = _proc_cpu_s(pid)
                    if c is not None:
                        child_cpu[pid] = c
                    if polls % 5 == 0:  # memory every 0.25 s (smaps_rollup costs CPU)
                        sr_, dr_ = _mem_mb("self")[0], _mem_mb(pid)[0]
                        rss_max = max(rss_max, sr_ + dr_)
                        self_max, dec_max = max(self_max, sr_), max(dec_max, dr_)
                polls += 1
                time.sleep(0.05)
            wall += time.monotonic() - t0_wall
            cpu_self += time.process_time() - t0_cpu
            cpu_child += sum(child_cpu.values())
            st = relay.stats
            if st.decoder:
                decoders.add(st.decoder)
            if handle.actual_start is None:
                failures.append(f"window {w}: never started ({handle.reason})")
                continue
            base = handle.actual_start
            if st.first_stream_frame is not None:
                on_time.append((base + st.first_stream_frame / SR - start_at) * 1000.0)
            else:
                failures.append(f"window {w}: no stream audio")
            after = [
                d
                for d in st.dropouts
                if killed_at is not None and base + d.start_frame / SR >= killed_at - 3.0
            ]
            if after and killed_at is not None:
                d = after[0]
                if d.fallback_frame is not None:
                    fallback_gaps.append((base + d.fallback_frame / SR - killed_at) * 1000.0)
                if d.end_frame is not None and d.end_frame < st.total_frames:
                    recovered += 1
                    if back_at_t is not None:
                        resume_gaps.append((base + d.end_frame / SR - back_at_t) * 1000.0)
            elif killed_at is not None:
                failures.append(f"window {w}: the injected dropout was not seen")
    finally:
        out.stop()
        src.kill()
    return {
        "windows": windows,
        "window_s": window_s,
        "started_on_time_p99_ms": round(percentile(on_time, 99), 3),
        "started_on_time_max_ms": round(max(on_time), 3) if on_time else None,
        "dropouts_injected": injected,
        "recovered": recovered,
        "fallback_gap_ms_p99": round(percentile(fallback_gaps, 99), 1),
        "resume_gap_ms_p99": round(percentile(resume_gaps, 99), 1),
        "decoder": ",".join(sorted(decoders)) or None,
        "stall_s": settings.stall_s,
        "buffer_s": settings.buffer_s,
        "timing_process": {
            "what": "this benchmark's process (not the daemon) + the decoder",
            "cpu_pct": round(100.0 * (cpu_self + cpu_child) / max(wall, 1e-9), 2),
            "rss_mb": round(rss_max, 1),
            "own_rss_mb": round(self_max, 1),
            "decoder_rss_mb": round(dec_max, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        },
        "failures": failures,
    }


def _relay_bundle(kit: UnitKit, url: str, start: datetime, end: datetime) -> Path:
    """A signed bundle: a fallback item and channel "vov1" relayed daily start–end (VN)."""
    from content_library import bundle as B
    from protocol.manifest import Relay

    fb = kit.item("fb", seconds=10.0, freq=1000.0)
    t0 = now_vn()
    ap = B.Approval(
        id="ap-vov1",
        reviewer="Công an xã",
        approved_at=t0 - timedelta(days=2),
        valid_from=t0 - timedelta(days=1),
        valid_until=t0 + timedelta(days=30),
    )
    window = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
    manifest = B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(units=(UNIT_ID,)),
        sequence=1,
        issued_at=t0 - timedelta(hours=1),
        expires_at=t0 + timedelta(days=7),
        key_id=kit.kid,
        items=(fb,),
        schedule={
            "format": 1,
            "rules": [{"kind": "relay", "relay": "vov1", "window": window}],
            "policy": {"quiet_hours": None},
        },
        relays=(Relay("vov1", "VOV1 (mô phỏng)", url, "mp3", "fb", ap),),
    )
    out = kit.out_dir / f"relay-{uuid.uuid4().hex[:6]}.loa"
    return Path(
        B.build_bundle(
            manifest,
            {fb.audio_sha256: kit.audio[fb.audio_sha256]},
            signing_key=kit.priv,
            out_path=out,
            now=t0,
        )
    )


def run_daemon(ice: Any, seconds: float, kill_at: float, back_at: float, decoder: str) -> dict:
    """The real daemon relaying a window open now; read from outside (see the docstring)."""
    # the window: from this minute to one that leaves `seconds` and a margin (not over midnight)
    need = timedelta(seconds=seconds + 90)
    now = now_vn()
    if (now + need).date() != now.date():
        wake = (now + need).replace(hour=0, minute=0, second=5, microsecond=0)
        time.sleep((wake - now).total_seconds())
        now = now_vn()
    start = now.replace(second=0, microsecond=0)
    end = start + timedelta(minutes=-(-(now + need - start).total_seconds() // 60))
    src = ice.feed("vov1")
    with tempfile.TemporaryDirectory(prefix="loa-relay-bench-") as tmp:
        kit = UnitKit(Path(tmp))
        kit.import_bundle(_relay_bundle(kit, ice.url("vov1"), start, end))
        config = kit.write_toml(kit.config_dict(playout={"late_start_max_s": 3600.0}))
        env = child_env()
        if decoder == "ffmpeg":  # a unit without mpg123: the same PATH, less mpg123
            hidden = Path(tmp) / "bin"
            hidden.mkdir()
            os.symlink(shutil.which("ffmpeg") or "ffmpeg", hidden / "ffmpeg")
            env["PATH"] = str(hidden)
        log = Path(tmp) / "daemon.log"
        with open(log, "wb") as err:
            p = subprocess.Popen(
                [sys.executable, "-m", "bench._unitkit", "run", "--config", str(config)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        try:
            return _watch_daemon(p, ice, src, seconds, kill_at, back_at, log)
        finally:
            p.terminate()
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _watch_daemon(
    p: subprocess.Popen[bytes],
    ice: Any,
    src: Any,
    seconds: float,
    kill_at: float,
    back_at: float,
    log: Path,
) -> dict[str, Any]:
    t0 = time.monotonic()
    before = 0.0
    kids: list[int] = []
    while time.monotonic() - t0 < 60:  # until the relay's decoder runs
        if p.poll() is not None:
            err = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the daemon exited ({p.returncode}): {err}")
        kids = _descendants(p.pid)
        if kids:
            break
        before = max(before, _mem_mb(p.pid)[0])
        time.sleep(0.1)
    if not kids:
        err = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the daemon never started the relay's decoder: {err}")
    comms = sorted({_comm(k) for k in kids})
    time.sleep(2.0)  # connected and buffered: the window plays
    unit_max = dec_max = rss_max = pss_max = 0.0
    child_cpu: dict[int, float] = {}
    cpu0, w0 = _proc_cpu_s(p.pid) or 0.0, time.monotonic()
    killed = back = False
    kill_count = 0
    while (now := time.monotonic()) - w0 < seconds:
        if not killed and now - w0 >= kill_at:
            src.kill()
            killed, kill_count = True, kill_count + 1
        elif killed and not back and now - w0 >= back_at:
            src = ice.feed("vov1", wait=False)
            back = True
        if p.poll() is not None:
            raise RuntimeError(f"the daemon exited ({p.returncode}) while relaying")
        ur, up = _mem_mb(p.pid)
        kr = kp = dr = 0.0  # every child (the decoder; a timedatectl now and then) and the decoder
        for k in _descendants(p.pid):
            r_, p_ = _mem_mb(k)
            kr, kp = kr + r_, kp + p_
            name = _comm(k)
            if name in DECODERS:
                dr += r_
            c = _proc_cpu_s(k)
            if c is not None:
                child_cpu[k] = c
            comms = sorted(set(comms) | {name})
        unit_max, dec_max = max(unit_max, ur), max(dec_max, dr)
        rss_max, pss_max = max(rss_max, ur + kr), max(pss_max, up + kp)
        time.sleep(0.25)
    src.kill()
    wall = time.monotonic() - w0
    cpu_daemon = (_proc_cpu_s(p.pid) or cpu0) - cpu0
    cpu_child = sum(child_cpu.values())
    return {
        "daemon_s": round(wall, 1),
        "daemon_dropouts_injected": kill_count,
        "unit_cpu_pct_while_relaying": round(100.0 * (cpu_daemon + cpu_child) / wall, 2),
        "decoder_cpu_pct": round(100.0 * cpu_child / wall, 2),
        "rss_mb_while_relaying": round(rss_max, 1),
        "pss_mb_while_relaying": round(pss_max, 1),
        "unit_rss_mb": round(unit_max, 1),
        "decoder_rss_mb": round(dec_max, 1),
        "daemon_rss_mb_before_relay": round(before, 1),
        "child_processes": comms,
    }


_PORTAUDIO_PROBE = """
import numpy, soundfile
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
r0 = rss()
import sounddevice
print(rss() - r0)
"""


def _alsa_config_without_plugins(folder: Path) -> Path | None:
    """This machine's alsa.conf without its first `@hooks` block — the one that loads the
    conf.d files packages such as libasound2-plugins add (pulse, jack, a52 with libavcodec…):
    ALSA as a unit without those packages has it. None when there is no alsa.conf."""
    src = Path("/usr/share/alsa/alsa.conf")
    try:
        text = src.read_text()
        start = text.index("@hooks [")
    except (OSError, ValueError):
        return None
    depth, end = 0, start
    for k in range(start, len(text)):
        if text[k] == "[":
            depth += 1
        elif text[k] == "]":
            depth -= 1
            if depth == 0:
                end = k + 1
                break
    out = folder / "alsa-without-plugins.conf"
    out.write_text(text[:start] + text[end:])
    return out


def portaudio_import_mb(*, alsa_plugins: bool = True) -> float | None:
    """What `import sounddevice` (PortAudio initialised: ALSA's devices and plugins listed)
    adds to a process that already has numpy and soundfile: the real output's share, which
    the simulated card of the daemon phase does not carry. With `alsa_plugins=False`, as on a
    unit without libasound2-plugins (ALSA_CONFIG_PATH without their conf.d). None when it
    cannot be imported."""
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="loa-alsa-") as tmp:
        if not alsa_plugins:
            conf = _alsa_config_without_plugins(Path(tmp))
            if conf is None:
                return None
            env["ALSA_CONFIG_PATH"] = str(conf)
        return _portaudio_probe(env)


def _portaudio_probe(env: dict[str, str]) -> float | None:
    try:
        out = subprocess.run(
            [sys.executable, "-c", _PORTAUDIO_PROBE],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        return round(float(out.strip().splitlines()[-1]), 1)
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return None


def run(
    windows: int,
    window_s: float,
    kill_at: float,
    back_at: float,
    *,
    daemon_s: float = 60.0,
    decoder: str = "auto",
) -> dict[str, Any]:
    from hardware.relay_station import IcecastServer

    with IcecastServer() as ice:
        timing = run_timing(ice, windows, window_s, kill_at, back_at, decoder)
        cost = run_daemon(ice, daemon_s, daemon_s * 0.3, daemon_s * 0.5, decoder)
    return {
        **{k: v for k, v in timing.items() if k not in ("failures", "timing_process")},
        **cost,
        "portaudio_import_rss_mb": portaudio_import_mb(),
        "portaudio_import_rss_mb_without_alsa_plugins": portaudio_import_mb(alsa_plugins=False),
        "targets": {"unit_cpu_pct_while_relaying": 15, "rss_mb_while_relaying": 80},
        "timing_process": timing["timing_process"],
        "failures": timing["failures"],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    p.add_argument("--windows", type=int, default=6)
    p.add_argument("--window-s", type=float, default=20.0)
    p.add_argument("--daemon-s", type=float, default=60.0, help="the daemon relays this long")
    p.add_argument("--decoder", choices=("auto", "ffmpeg"), default="auto")
    p.add_argument("--quick", action="store_true", help="2 windows of 14 s, the daemon 15 s")
    args = p.parse_args(argv)
    if args.quick:
        windows, window_s, kill_at, back_at, daemon_s = 2, 14.0, 3.0, 5.0, 15.0
    else:
        windows, window_s, daemon_s = args.windows, args.window_s, args.daemon_s
        kill_at, back_at = window_s * 0.3, window_s * 0.5
    result = run(windows, window_s, kill_at, back_at, daemon_s=daemon_s, decoder=args.decoder)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

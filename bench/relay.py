"""Relay benchmark (tiếp sóng): windows relayed from a loopback icecast2, with dropouts injected.

    python -m bench.relay [--windows 6] [--window-s 20] [--quick]

A stand-in station (Debian's icecast2 on a free loopback port, fed by an ffmpeg tone) and, in
this process, the unit's relay path: `RelaySource` (an ffmpeg decoder child) armed on the
simulated sound card running in real time (48 kHz, 10 ms blocks), as the daemon arms it, a few
seconds before each window. In each window the station's source is killed once and started
again a few seconds later.

Measured, on the card's own account of where it put each frame:
- `started_on_time_p99_ms`: the window's start → its first relayed (stream) sample;
- `fallback_gap_ms_p99`: the source killed → the fallback item's first sample;
- `resume_gap_ms_p99`: the source back on the server → the stream's first sample again;
- `unit_cpu_pct_while_relaying`: CPU of this process (the unit's side: card, mixer, fetch and
  PCM threads) plus the decoder child, over the windows, in % of one core (target ≤ 15);
- `rss_mb_while_relaying`: the largest resident set of this process plus the decoder (≤ 80);
  `pss_mb_while_relaying` counts the shared libraries in proportion (ffmpeg maps 40 MB of them).

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from typing import Any

import numpy as np

from bench._unitkit import percentile

SR = 48000


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


def run(windows: int, window_s: float, kill_at: float, back_at: float) -> dict[str, Any]:
    from hardware.relay_source import RelaySettings, RelaySource
    from hardware.relay_station import IcecastServer
    from hardware.sim_output import SimAudioOutput
    from hardware.source import AudioSource

    t = np.arange(SR * 10, dtype=np.float32) / np.float32(SR)
    fallback_audio = (0.3 * np.sin(np.float32(2 * np.pi * 1000.0) * t)).astype(np.float32)
    del t
    settings = RelaySettings()  # the unit's defaults
    on_time: list[float] = []
    fallback_gaps: list[float] = []
    resume_gaps: list[float] = []
    injected = recovered = 0
    failures: list[str] = []
    cpu_self = cpu_child = wall = 0.0
    rss_max = pss_max = self_max = dec_max = 0.0
    with IcecastServer() as ice:
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
                        (sr_, sp_), (dr_, dp_) = _mem_mb("self"), _mem_mb(pid)
                        rss_max, pss_max = max(rss_max, sr_ + dr_), max(pss_max, sp_ + dp_)
                        self_max, dec_max = max(self_max, sr_), max(dec_max, dr_)
                    time.sleep(0.05)
                wall += time.monotonic() - t0_wall
                cpu_self += time.process_time() - t0_cpu
                cpu_child += sum(child_cpu.values())
                st = relay.stats
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
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {
        "windows": windows,
        "window_s": window_s,
        "started_on_time_p99_ms": round(percentile(on_time, 99), 3),
        "started_on_time_max_ms": round(max(on_time), 3) if on_time else None,
        "dropouts_injected": injected,
        "recovered": recovered,
        "fallback_gap_ms_p99": round(percentile(fallback_gaps, 99), 1),
        "resume_gap_ms_p99": round(percentile(resume_gaps, 99), 1),
        "unit_cpu_pct_while_relaying": round(100.0 * (cpu_self + cpu_child) / max(wall, 1e-9), 2),
        "decoder_cpu_pct": round(100.0 * cpu_child / max(wall, 1e-9), 2),
        "rss_mb_while_relaying": round(rss_max, 1),
        "pss_mb_while_relaying": round(pss_max, 1),
        "unit_rss_mb": round(self_max, 1),
        "decoder_rss_mb": round(dec_max, 1),
        "process_peak_rss_mb": round(self_rss, 1),
        "stall_s": settings.stall_s,
        "buffer_s": settings.buffer_s,
        "targets": {"unit_cpu_pct_while_relaying": 15, "rss_mb_while_relaying": 80},
        "failures": failures,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--windows", type=int, default=6)
    p.add_argument("--window-s", type=float, default=20.0)
    p.add_argument("--quick", action="store_true", help="2 windows of 14 s (a smoke run)")
    args = p.parse_args(argv)
    if args.quick:
        windows, window_s, kill_at, back_at = 2, 14.0, 3.0, 5.0
    else:
        windows, window_s = args.windows, args.window_s
        kill_at, back_at = window_s * 0.3, window_s * 0.5
    result = run(windows, window_s, kill_at, back_at)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Runs SounddeviceOutput on a JACK server (JACK_DEFAULT_SERVER); talks JSON lines on stdio.

Started by test_jack_output.py in a subprocess, so PortAudio (jack_via = "portaudio") joins
the test's server and no other, and a server the test kills takes only this process's client
with it. Protocol: prints {"ready": ..., "client": ..., "ports": [...]} once the stream runs,
waits for one line on stdin (the observer is connected), plays, prints the result, exits.

Modes:
  starts — tones at known instants (different lengths and pitches, sub-frame offsets)
  stall  — one long tone whose file read stalls `stall_s` once, mid-broadcast (a slow SD
           card); meanwhile a second source is armed, to show schedule() is not held up
  suspend — tones one at a time, each armed only once the idle client has left the graph
           (`idle_suspend_s`): what the client did while out of it is reported per tone
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np
import soundfile

SR = 48000


def tone(n: int, freq: float, offset: float = 0.1) -> np.ndarray:
    t = np.arange(n) / SR
    return (offset + 0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


class StallingReader:
    """soundfile.SoundFile's read(), stalling once on read number `at_read`."""

    def __init__(self, inner, at_read: int, stall_s: float) -> None:
        self.inner = inner
        self.at_read = at_read
        self.stall_s = stall_s
        self.reads = 0
        self.stalled_at: float | None = None

    def read(self, *args, **kw):
        self.reads += 1
        if self.reads == self.at_read:
            self.stalled_at = time.monotonic()
            time.sleep(self.stall_s)
        return self.inner.read(*args, **kw)

    def close(self) -> None:
        self.inner.close()


def main() -> None:
    args = json.loads(sys.argv[1])
    from hardware.sounddevice_output import SounddeviceOutput
    from hardware.source import AudioSource

    out = SounddeviceOutput(
        "system",
        sample_rate=SR,
        channels=1,
        host_api="jack",
        jack_via=args["via"],
        client_name=args["client"],
        realtime=args.get("realtime", False),
        max_voices=8,
        idle_suspend_s=args.get("idle_suspend_s", 0.0),
    )
    out.start()
    print(
        json.dumps(
            {
                "ready": True,
                "client": out.jack_client,
                "ports": out.ports,
                "latency_frames": out.latency_frames,
            }
        ),
        flush=True,
    )
    sys.stdin.readline()  # the observer is connected

    result: dict = {"plays": []}
    if args["mode"] == "starts":
        handles = []
        base = out.clock() + 0.3
        for i, (secs, freq) in enumerate(args["tones"]):
            sig = tone(round(secs * SR), freq)
            # sub-frame offsets: the nearest frame must be chosen, not the buffer start
            at = base + i * 0.45 + (i * 7.3) / SR
            h = out.schedule(AudioSource.from_array(sig, SR), at, token=f"t{i}")
            handles.append((h, at, len(sig)))
        for h, at, n in handles:
            h.wait(10)
            result["plays"].append(
                {
                    "token": h.token,
                    "target": at,
                    "n": n,
                    "state": h.state.value,
                    "actual_start": h.actual_start,
                    "late_frames": h.late_frames,
                    "frames_played": h.frames_played,
                    "underrun_frames": h.underrun_frames,
                    "xruns": h.xruns,
                }
            )
    elif args["mode"] == "suspend":
        jack = out._jack
        for i, (secs, freq) in enumerate(args["tones"]):
            deadline = time.monotonic() + 10
            while not out.stats()["suspended"] and time.monotonic() < deadline:
                time.sleep(0.01)
            suspended = out.stats()["suspended"]
            frames0 = jack.frames
            time.sleep(0.25)
            out_of_graph = {
                "suspended": suspended,
                "cycles_while_suspended": (jack.frames - frames0) // jack.buffer_size,
                "connections_while_suspended": jack.connections(out.ports[0]),
                "alive_while_suspended": out.is_alive(),
            }
            sig = tone(round(secs * SR), freq)
            at = out.clock() + 0.3 + (i * 7.3) / SR
            h = out.schedule(AudioSource.from_array(sig, SR), at, token=f"t{i}")
            h.wait(10)
            result["plays"].append(
                {
                    "token": h.token,
                    "target": at,
                    "n": len(sig),
                    "state": h.state.value,
                    "late_frames": h.late_frames,
                    "frames_played": h.frames_played,
                    "connections_after": jack.connections(out.ports[0]),
                    **out_of_graph,
                }
            )
    else:  # stall
        n = round(args["seconds"] * SR)
        sig = tone(n, 330.0)
        wav = os.path.join(args["tmp"], "long.wav")
        soundfile.write(wav, sig, SR, subtype="FLOAT")
        src = AudioSource(wav, ring_seconds=4.0, block_frames=2048)
        stall = StallingReader(src._reader, at_read=args["stall_at_read"], stall_s=args["stall_s"])
        src._reader = stall
        at = out.clock() + 0.3
        h = out.schedule(src, at, token="long")
        # while the read stalls, arm something else: the control path must not wait for it
        while stall.stalled_at is None and not h.done:
            time.sleep(0.005)
        t0 = time.monotonic()
        other = out.schedule(
            AudioSource.from_array(tone(SR // 10, 880.0), SR),
            at + args["seconds"] + 0.5,
            token="after",
        )
        arm_s = time.monotonic() - t0
        h.wait(args["seconds"] + 10)
        other.wait(10)
        result["plays"].append(
            {
                "token": "long",
                "target": at,
                "n": n,
                "state": h.state.value,
                "frames_played": h.frames_played,
                "underrun_frames": h.underrun_frames,
                "xruns": h.xruns,
                "late_frames": h.late_frames,
            }
        )
        result.update(
            stalled_at=stall.stalled_at,
            stall_s=args["stall_s"],
            arm_during_stall_s=arm_s,
            other_state=other.state.value,
            stall_after_start_s=stall.stalled_at - at,
        )
    result["stats"] = out.stats()
    out.stop()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

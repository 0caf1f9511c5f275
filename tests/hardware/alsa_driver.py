"""Runs SounddeviceOutput on an ALSA PCM defined by the test's .asoundrc; prints one JSON line.

Started in a subprocess by test_sounddevice_output.py so HOME (and so ~/.asoundrc) is set
before PortAudio initialises. With mode "file", ALSA's file PCM writes the stream into a FIFO
that a thread here reads at 48 kHz: a paced stand-in for a DAC, and a record of every frame.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

import numpy as np
import soundfile


class PacedFifoReader(threading.Thread):
    """Reads the FIFO at the nominal byte rate (the 'DAC'), keeping everything it read."""

    def __init__(self, path: str, bytes_per_s: int) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.bytes_per_s = bytes_per_s
        self.data = bytearray()
        self.stop_flag = False

    def run(self) -> None:
        fd = os.open(self.path, os.O_RDONLY)
        try:
            import fcntl

            fcntl.fcntl(fd, 1031, 4096)  # F_SETPIPE_SZ: keep the pipe (hidden latency) small
        except OSError:
            pass
        t0 = time.monotonic()
        chunk = self.bytes_per_s // 200
        while not self.stop_flag:
            due = t0 + len(self.data) / self.bytes_per_s
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            b = os.read(fd, chunk)
            if not b:
                break
            self.data.extend(b)
        os.close(fd)

    def frames(self) -> np.ndarray:
        return np.frombuffer(bytes(self.data[: len(self.data) // 4 * 4]), dtype="<f4")

    def wait_for_frames_after_first_sound(self, count: int, *, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.is_alive():
            played = self.frames()
            nz = np.flatnonzero(played)
            if len(nz) and len(played) >= int(nz[0]) + count:
                return
            time.sleep(0.02)


class Recorder:
    def __init__(self) -> None:
        self.events: list[list] = []

    def on_started(self, handle, actual_start, first_frame):
        self.events.append(["started", handle.token, actual_start, first_frame])

    def on_finished(self, handle, frames_played):
        self.events.append(["finished", handle.token, frames_played])

    def on_failed(self, handle, reason):
        self.events.append(["failed", handle.token, reason])


def main() -> None:
    args = json.loads(sys.argv[1])
    from hardware.sounddevice_output import SounddeviceOutput
    from hardware.source import AudioSource

    sr = 48000
    reader = None
    if args["mode"] == "file":
        reader = PacedFifoReader(args["fifo"], sr * 4)
        reader.start()
    n = int(args["seconds"] * sr)
    t = np.arange(n) / sr
    # starts at a non-zero sample so the first frame can be found in the recording
    signal = (0.25 + 0.5 * np.sin(2 * np.pi * 440 * t) * np.linspace(1, 0.5, n)).astype(np.float32)
    wav = os.path.join(args["tmp"], "tone.wav")
    soundfile.write(wav, signal, sr, subtype="FLOAT")

    rec = Recorder()
    out = SounddeviceOutput(
        args["device"], sample_rate=sr, channels=1, latency_s=0.05, listener=rec
    )
    out.start()
    alive_before = out.is_alive()
    hb0 = out.heartbeat()
    src = AudioSource(wav, ring_seconds=args["ring_seconds"], block_frames=2048)
    target = out.clock() + args["lead_s"]
    handle = out.schedule(src, target, token="tone")
    done = handle.wait(timeout=10)
    time.sleep(0.05)
    if reader is not None:
        # "finished" means the callback handed over the last frame; the stream's buffer (50 ms)
        # and the file PCM's period are still on their way to the "DAC". Stopping now would cut
        # the recording's tail, so wait (at most 5 s) until the reader holds the whole tone and
        # 0.1 s after it.
        reader.wait_for_frames_after_first_sound(n + sr // 10, timeout=5.0)
    hb1 = out.heartbeat()
    stats = out.stats()
    check = out.clock_check
    out.stop()
    result = {
        "done": done,
        "state": handle.state.value,
        "target": target,
        "actual_start": handle.actual_start,
        "first_frame": handle.first_frame,
        "late_frames": handle.late_frames,
        "frames_played": handle.frames_played,
        "underrun_frames": handle.underrun_frames,
        "n": n,
        "events": rec.events,
        "alive_before": alive_before,
        "alive_after_stop": out.is_alive(),
        "heartbeat_advanced": hb1 is not None and hb0 is not None and hb1 > hb0,
        "clock_ok": check.ok,
        "clock_kind": check.kind.value,
        "clock_spread_s": check.spread_s,
        "stats": stats,
    }
    if reader is not None:
        reader.stop_flag = True
        reader.join(timeout=2)
        played = reader.frames()
        nz = np.flatnonzero(played)
        first = int(nz[0]) if len(nz) else -1
        seg = played[first : first + n] if first >= 0 else np.zeros(0, np.float32)
        result["recorded_first_nonzero"] = first
        result["recorded_match"] = bool(len(seg) == n and np.array_equal(seg, signal))
        if not result["recorded_match"]:  # what went wrong, for the test's message
            differ = np.flatnonzero(seg != signal[: len(seg)])
            result["recorded_frames"] = len(played)
            result["recorded_tone_frames"] = len(seg)
            result["first_mismatch"] = int(differ[0]) if len(differ) else None
        result["recorded_after_silent"] = bool(not np.any(played[first + n :]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""The real PortAudio backend, for real, on ALSA's file and null PCMs (there is no sound card).

Each case runs tests/hardware/alsa_driver.py in a subprocess whose HOME holds the .asoundrc
written here, so PortAudio initialises with our PCMs. The file PCM writes the stream into a
FIFO that the driver reads at 48 kHz — a paced stand-in for a DAC that also records every frame.
The plain null PCM runs unpaced on a CLOCK_REALTIME stream clock: it exercises the offset path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hardware.errors import DeviceNotFound
from hardware.sounddevice_output import find_output_device

ROOT = Path(__file__).resolve().parents[2]
SR = 48000

import sounddevice  # noqa: E402,F401 - make test installs libportaudio2: missing it must fail, not skip


def _run_driver(tmp_path: Path, **args) -> dict:
    fifo = tmp_path / "dac.fifo"
    os.mkfifo(fifo)
    (tmp_path / ".asoundrc").write_text(
        "pcm.loa_test {\n"
        "    type file\n"
        '    slave.pcm "null"\n'
        f'    file "{fifo}"\n'
        '    format "raw"\n'
        "}\n"
        "pcm.loa_null {\n"
        "    type null\n"
        "}\n"
    )
    # keep what is on PYTHONPATH: a run with a moved wall clock puts its sitecustomize there
    env = dict(
        os.environ,
        HOME=str(tmp_path),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("ALSA_CONFIG_PATH", None)
    payload = json.dumps({"fifo": str(fifo), "tmp": str(tmp_path), **args})
    res = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("alsa_driver.py")), payload],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_plays_one_second_on_the_alsa_file_pcm_sample_exact(tmp_path):
    r = _run_driver(
        tmp_path, mode="file", device="loa_test", seconds=1.0, ring_seconds=0.25, lead_s=0.2
    )
    assert r["clock_ok"] and r["clock_kind"] == "monotonic"
    assert r["alive_before"] and r["heartbeat_advanced"] and not r["alive_after_stop"]
    assert r["done"] and r["state"] == "finished"
    # placed inside a callback buffer, within half a frame of the target (on the device's clock)
    assert r["late_frames"] == 0
    assert abs(r["actual_start"] - r["target"]) <= 0.5 / SR + 1e-6
    # every frame went out, in order, through a ring 4x smaller than the file, without underrun
    assert r["frames_played"] == r["n"] == SR
    assert r["underrun_frames"] == 0
    assert r["recorded_match"] and r["recorded_after_silent"], r
    # the ALSA stream primed some silence before our first callback; our frame count is behind
    assert r["recorded_first_nonzero"] >= r["first_frame"] > 0
    assert r["events"][0][:2] == ["started", "tone"] and r["events"][-1] == ["finished", "tone", SR]
    assert r["stats"]["callback_error"] is None


def test_realtime_stream_clock_is_detected_and_mapped(tmp_path):
    # the plain null PCM runs as fast as the CPU allows and timestamps with CLOCK_REALTIME
    r = _run_driver(
        tmp_path, mode="null", device="loa_null", seconds=0.2, ring_seconds=0.05, lead_s=0.05
    )
    assert r["clock_ok"] and r["clock_kind"] == "offset"
    assert abs(r["stats"]["clock_offset_s"]) > 1e6  # wall-clock epoch vs boot-time monotonic
    assert r["state"] == "finished" and r["frames_played"] == r["n"]
    assert abs(r["actual_start"] - r["target"]) <= 0.5 / SR + 1e-4


class _FakeSd:
    class default:
        device = (-1, -1)

    @staticmethod
    def query_devices():
        return [
            {"name": "USB Audio Device: - (hw:1,0)", "max_output_channels": 2},
            {"name": "mic", "max_output_channels": 0},
            {"name": "pulse", "max_output_channels": 32},
        ]


def test_device_is_chosen_by_name():
    assert find_output_device(_FakeSd, "pulse") == 2
    assert find_output_device(_FakeSd, "hw:1,0") == 0
    with pytest.raises(DeviceNotFound, match=r"not found.*USB Audio"):
        find_output_device(_FakeSd, "mic")
    with pytest.raises(DeviceNotFound, match="no default"):
        find_output_device(_FakeSd, None)


def test_a_callback_without_a_stream_time_is_not_a_clock_step():
    """PortAudio may leave currentTime 0 in a callback; on a CLOCK_REALTIME stream that must
    not re-anchor the stream→monotonic offset (it once mapped a start to the wall epoch)."""
    from types import SimpleNamespace

    import numpy as np

    from hardware.sounddevice_output import SounddeviceOutput

    out = SounddeviceOutput("loa_test", clock_check_callbacks=2)
    out._cal_count = 2  # calibrated: the stream clock is the wall clock, 1.7e9 s ahead
    out._offset, out._track_steps = 1.7e9, True
    status = SimpleNamespace(output_underflow=False)
    buf = np.zeros((480, 1), dtype=np.float32)
    import time

    now = time.monotonic()
    out._callback(
        buf, 480, SimpleNamespace(currentTime=0.0, outputBufferDacTime=1.7e9 + now + 0.05), status
    )
    assert out._offset == 1.7e9 and out._clock_steps == 0
    # a real step of the wall clock is still followed
    out._callback(
        buf,
        480,
        SimpleNamespace(currentTime=1.7e9 + now + 30.0, outputBufferDacTime=1.7e9 + now + 30.05),
        status,
    )
    assert out._clock_steps == 1 and out._offset == pytest.approx(1.7e9 + 30.0, abs=1.0)


def test_a_late_calibration_is_corrected_by_the_next_prompt_callback(monkeypatch):
    """On a CLOCK_REALTIME stream the offset is the upper envelope of stream − monotonic: each
    callback sees it minus its own delay. A calibration whose callbacks all waited (a busy
    machine: the GIL, the scheduler) is corrected by the first callback that did not wait, and
    a late callback afterwards never lowers it (it once placed a start 5.8 ms late)."""
    from types import SimpleNamespace

    import numpy as np

    from hardware import sounddevice_output as sdo

    clock = {"now": 100.0}
    monkeypatch.setattr(sdo.time, "monotonic", lambda: clock["now"])
    out = sdo.SounddeviceOutput("loa_test", clock_check_callbacks=2)
    true_offset = 1.7e9
    out._cal_count = 2  # calibrated on callbacks that were all 5.8 ms late
    out._offset, out._track_steps = true_offset - 0.0058, True
    status = SimpleNamespace(output_underflow=False)
    buf = np.zeros((480, 1), dtype=np.float32)

    def callback(stream_time: float, delay: float, offset: float = true_offset) -> None:
        clock["now"] = stream_time - offset + delay
        info = SimpleNamespace(currentTime=stream_time, outputBufferDacTime=stream_time + 0.05)
        out._callback(buf, 480, info, status)

    callback(true_offset + 200.0, delay=0.0001)  # a prompt one
    assert out._offset == pytest.approx(true_offset - 0.0001, abs=1e-6)
    callback(true_offset + 200.01, delay=0.009)  # a late one: no change
    assert out._offset == pytest.approx(true_offset - 0.0001, abs=1e-6)
    assert out._clock_steps == 0
    # the wall clock stepped 0.5 s ahead: followed
    callback(true_offset + 260.5, delay=0.0, offset=true_offset + 0.5)
    assert out._clock_steps == 1 and out._offset == pytest.approx(true_offset + 0.5, abs=1e-6)

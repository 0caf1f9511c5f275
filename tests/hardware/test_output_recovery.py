"""The real output's bookkeeping without a device: which broadcasts fail when the stream dies,
how xruns are attributed to broadcasts, how a device is chosen within a host API, and what the
realtime helpers report."""

from __future__ import annotations

import numpy as np
import pytest

from hardware.errors import DeviceNotFound
from hardware.ports import PlaybackHandle, PlaybackState
from hardware.sounddevice_output import (
    SounddeviceOutput,
    _fail_voices,
    find_output_device,
    realtime_capability,
)
from hardware.source import AudioSource, Mixer

from .conftest import tone

SR = 48000


def _mixer_with_one_playing_and_two_armed() -> tuple[Mixer, list[PlaybackHandle]]:
    m = Mixer(SR, 1, max_voices=4)
    playing = m.arm(AudioSource.from_array(tone(1.0), SR), 10.0, token="playing")
    soon = m.arm(AudioSource.from_array(tone(0.5), SR), 10.5, token="soon")
    later = m.arm(AudioSource.from_array(tone(0.5), SR), 60.0, token="later")
    out = np.zeros((480, 1), np.float32)
    m.render(out, 10.0, 0)  # "playing" starts on frame 0 of this block
    m.collect()
    return m, [playing, soon, later]


def test_a_dead_stream_fails_what_plays_and_keeps_what_is_armed_for_later():
    m, (playing, soon, later) = _mixer_with_one_playing_and_two_armed()
    events = _fail_voices(m, "the JACK server shut down (test)", playing=True, due_before=None)
    assert [(e.kind, e.handle.token) for e in events] == [("failed", "playing")]
    assert playing.state is PlaybackState.FAILED and "JACK" in playing.reason
    assert playing.frames_played == 480
    assert soon.state is PlaybackState.ARMED and later.state is PlaybackState.ARMED
    # while the device is down, only broadcasts whose start has passed fail
    events = _fail_voices(
        m, "the sound output was down at the start time", playing=False, due_before=20.0
    )
    assert [e.handle.token for e in events] == ["soon"]
    assert later.state is PlaybackState.ARMED


def test_xruns_are_counted_for_the_broadcast_they_fell_in():
    out = SounddeviceOutput("loa_test")
    seen = []

    class Listener:
        def on_started(self, h, t, f):
            pass

        def on_finished(self, h, n):
            seen.append((h.token, h.xruns))

        def on_failed(self, h, reason):
            seen.append((h.token, h.xruns))

    out.add_listener(Listener())
    for frame in (100, 5000, 50_000):  # two while "a" sounds (frames 0..9 599), one much later
        out._frames_out = frame
        out._note_xrun()
    m = Mixer(SR, 1)
    a = m.arm(AudioSource.from_array(tone(0.2), SR), 0.0, token="a")
    block = np.zeros((9600, 1), np.float32)
    m.render(block, 0.0, 0)
    m.render(block, 0.2, 9600)
    out._dispatch(m.collect())
    assert a.state is PlaybackState.FINISHED
    assert seen == [("a", 2)]
    assert out.stats()["xruns"] == 3


class _FakeSd:
    class default:
        device = (-1, -1)

    @staticmethod
    def query_hostapis():
        return [{"name": "ALSA"}, {"name": "JACK Audio Connection Kit"}]

    @staticmethod
    def query_devices():
        return [
            {"name": "system", "max_output_channels": 2, "hostapi": 0},  # an ALSA PCM by that name
            {"name": "jack", "max_output_channels": 2, "hostapi": 0},
            {"name": "system", "max_output_channels": 2, "hostapi": 1},
        ]


def test_a_device_is_chosen_within_its_host_api():
    assert find_output_device(_FakeSd, "system", host_api="JACK") == 2
    assert find_output_device(_FakeSd, "system") == 0
    with pytest.raises(DeviceNotFound, match="not found"):
        find_output_device(_FakeSd, "jack", host_api="JACK")


def test_the_output_refuses_unknown_host_apis():
    with pytest.raises(ValueError, match="host_api"):
        SounddeviceOutput("system", host_api="pulse")
    with pytest.raises(ValueError, match="jack_via"):
        SounddeviceOutput("system", jack_via="alsa")


def test_realtime_capability_is_reported():
    cap = realtime_capability()
    assert set(cap) >= {"rtprio_limit", "memlock_limit", "may_fifo", "may_lock"}
    assert isinstance(cap["may_fifo"], bool)


def test_a_handle_starts_with_no_xruns():
    assert PlaybackHandle("t", 0.0, SR).xruns == 0

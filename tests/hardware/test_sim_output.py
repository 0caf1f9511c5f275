"""The simulated sound card: sample-exact starts on an injected clock, and what it recorded."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from hardware.errors import AudioFormatError, AudioStreamError, NoFreeVoice, SourceReadError
from hardware.ports import AudioOutput, PlaybackState
from hardware.sim_output import SimAudioOutput
from hardware.source import AudioSource

from .conftest import SR, tone


class Events:
    def __init__(self) -> None:
        self.log: list[tuple] = []

    def on_started(self, handle, actual_start, first_frame):
        self.log.append(("started", handle.token, actual_start, first_frame))

    def on_finished(self, handle, frames_played):
        self.log.append(("finished", handle.token, frames_played))

    def on_failed(self, handle, reason):
        self.log.append(("failed", handle.token, reason))


@pytest.fixture
def card(sim_clock):
    ev = Events()
    out = SimAudioOutput(sim_clock, sample_rate=SR, block_frames=480, latency_s=0.02, listener=ev)
    out.start()
    out.ev = ev
    yield out
    out.stop()


def test_it_is_an_audio_output(card):
    assert isinstance(card, AudioOutput)


def test_first_sample_reaches_the_dac_at_the_scheduled_instant(card, sim_clock):
    sig = tone(0.5)
    at = sim_clock.monotonic() + 1.2345678
    h = card.schedule(AudioSource.from_array(sig, SR), at, token="a")
    sim_clock.advance(3.0)
    assert h.state is PlaybackState.FINISHED and h.done
    # the sample index and time it started at are exactly where the maths says
    expected_frame = round((at - card.frame_time(0)) * SR)
    assert h.first_frame == expected_frame
    assert abs(h.actual_start - at) <= 0.5 / SR
    card.assert_played([("a", at, len(sig))])
    np.testing.assert_array_equal(card.samples_of("a")[:, 0], sig)
    # and silence either side of it
    assert not np.any(card.samples(0, expected_frame))
    assert not np.any(card.samples(expected_frame + len(sig)))
    assert [e[0] for e in card.ev.log] == ["started", "finished"]
    assert card.ev.log[0][3] == expected_frame


def test_late_schedule_starts_at_once_and_says_how_late(card, sim_clock):
    sim_clock.advance(1.0)
    at = sim_clock.monotonic() - 0.5
    h = card.schedule(AudioSource.from_array(tone(0.1), SR), at, token="late")
    sim_clock.advance(1.0)
    assert h.state is PlaybackState.FINISHED
    assert h.late_frames > 0.5 * SR
    assert h.actual_start == pytest.approx(at + h.late_frames / SR, abs=1e-9)


def test_fade_out_and_stop_ramps_to_silence(card, sim_clock):
    sig = np.full(5 * SR, 0.5, dtype=np.float32)
    at = sim_clock.monotonic() + 0.1
    h = card.schedule(AudioSource.from_array(sig, SR), at, token="long")
    sim_clock.advance(1.0)
    assert h.state is PlaybackState.PLAYING
    card.fade_out_and_stop(h, 0.25)
    sim_clock.advance(1.0)
    assert h.state is PlaybackState.FADED
    played = card.samples_of("long")[:, 0]
    assert len(played) == h.frames_played
    fade = played[-round(0.25 * SR) :]
    assert fade[0] == pytest.approx(0.5, abs=1e-3) and abs(fade[-1]) < 1e-6
    assert np.all(np.diff(fade) <= 1e-7)
    assert card.record_of("long").outcome is PlaybackState.FADED


def test_stop_before_the_first_sample_cancels(card, sim_clock):
    h = card.schedule(AudioSource.from_array(tone(1.0), SR), sim_clock.monotonic() + 10, token="c")
    sim_clock.advance(1.0)
    card.fade_out_and_stop(h, 2.0)
    sim_clock.advance(0.1)
    assert h.state is PlaybackState.CANCELLED and h.frames_played == 0 and h.first_frame is None


def test_two_voices_overlap_for_an_emergency_crossfade(card, sim_clock):
    base = sim_clock.monotonic()
    normal = card.schedule(
        AudioSource.from_array(np.full(SR * 4, 0.25, np.float32), SR), base + 0.5, token="normal"
    )
    sim_clock.advance(1.0)
    card.fade_out_and_stop(normal, 0.5)
    emergency = card.schedule(
        AudioSource.from_array(np.full(SR, 0.5, np.float32), SR), base + 1.25, token="emergency"
    )
    sim_clock.advance(2.0)
    assert normal.state is PlaybackState.FADED and emergency.state is PlaybackState.FINISHED
    both = card.samples(emergency.first_frame, emergency.first_frame + 10)[:, 0]
    assert np.all(both > 0.5)  # mixed: the fading voice adds to the new one


def test_mono_source_on_a_stereo_card_and_format_checks(sim_clock):
    out = SimAudioOutput(sim_clock, sample_rate=SR, channels=2)
    out.start()
    sig = tone(0.1)
    out.schedule(AudioSource.from_array(sig, SR), sim_clock.monotonic() + 0.1, token="m")
    sim_clock.advance(1)
    s = out.samples_of("m")
    np.testing.assert_array_equal(s[:, 0], sig)
    np.testing.assert_array_equal(s[:, 1], sig)
    with pytest.raises(AudioFormatError, match="44100 Hz"):
        out.schedule(AudioSource.from_array(sig, 44100), 0.0, token="x")
    with pytest.raises(AudioFormatError, match="channels"):
        out.schedule(AudioSource.from_array(np.zeros((10, 3)), SR), 0.0, token="x")
    out.stop()


def test_voices_are_a_fixed_set(sim_clock):
    out = SimAudioOutput(sim_clock, max_voices=1)
    out.start()
    out.schedule(AudioSource.from_array(tone(0.1), SR), sim_clock.monotonic() + 5, token=1)
    with pytest.raises(NoFreeVoice):
        out.schedule(AudioSource.from_array(tone(0.1), SR), sim_clock.monotonic() + 5, token=2)


def test_heartbeat_follows_the_clock_and_stops_when_frozen(card, sim_clock):
    sim_clock.advance(0.5)
    assert card.is_alive(max_age_s=0.05)
    assert sim_clock.monotonic() - card.heartbeat() < 480 / SR + 1e-9
    card.freeze()
    sim_clock.advance(2.0)
    assert not card.is_alive(max_age_s=1.0)
    card.unfreeze()
    sim_clock.advance(0.1)
    assert card.is_alive(max_age_s=0.05)


def test_injected_device_failure_fails_the_broadcast(card, sim_clock):
    h = card.schedule(AudioSource.from_array(tone(2.0), SR), sim_clock.monotonic() + 0.1, token="f")
    sim_clock.advance(0.5)
    card.trigger_failure("USB sound card unplugged")
    assert h.state is PlaybackState.FAILED and h.reason == "USB sound card unplugged"
    assert card.ev.log[-1] == ("failed", "f", "USB sound card unplugged")
    assert not card.is_alive()
    with pytest.raises(AudioStreamError):
        card.schedule(AudioSource.from_array(tone(0.1), SR), 0.0, token="g")


def test_a_read_error_fails_only_that_broadcast(card, sim_clock):
    class Broken(AudioSource):
        primed = False

        def fill(self):
            if self.primed:
                raise OSError("I/O error on /media/usb")
            self.primed = True
            return super().fill()

    src = Broken.from_array(tone(2.0), SR, ring_seconds=0.05)
    h = card.schedule(src, sim_clock.monotonic() + 0.1, token="b")
    sim_clock.advance(1.0)
    assert h.state is PlaybackState.FAILED and "I/O error" in h.reason
    with pytest.raises(SourceReadError, match="I/O error"):
        card.schedule(src, sim_clock.monotonic() + 0.1, token="again")


def test_hours_of_idle_card_are_cheap_and_exact(card, sim_clock):
    at = sim_clock.monotonic() + 6 * 3600 + 0.123
    h = card.schedule(AudioSource.from_array(tone(0.2), SR), at, token="later")
    sim_clock.advance(7 * 3600)
    assert abs(h.actual_start - at) <= 0.5 / SR
    assert card.frames_out >= 7 * 3600 * SR - 480


def test_write_wav_lets_you_listen(card, sim_clock, tmp_path):
    sig = tone(0.3)
    card.schedule(AudioSource.from_array(sig, SR), sim_clock.monotonic() + 0.2, token="w")
    sim_clock.advance(1.0)
    n = card.write_wav(tmp_path / "one.wav", token="w")
    data, sr = soundfile.read(tmp_path / "one.wav", dtype="float32")
    assert sr == SR and n == len(sig)
    np.testing.assert_array_equal(data, sig)
    card.write_wav(tmp_path / "all.wav")
    info = soundfile.info(tmp_path / "all.wav")
    assert info.frames == card.frames_out


def test_streams_from_a_file_on_disk(card, sim_clock, tmp_path):
    sig = tone(2.0)
    soundfile.write(tmp_path / "t.wav", sig, SR, subtype="FLOAT")
    src = AudioSource(tmp_path / "t.wav", ring_seconds=0.25)
    card.schedule(src, sim_clock.monotonic() + 0.05, token="disk")
    for _ in range(30):
        sim_clock.advance(0.1)
    np.testing.assert_array_equal(card.samples_of("disk")[:, 0], sig)
    assert card.record_of("disk").outcome is PlaybackState.FINISHED

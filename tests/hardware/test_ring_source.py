"""The SPSC frame ring and AudioSource: blocks from disk, exact samples out, fades."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import soundfile
from hypothesis import given
from hypothesis import strategies as st

from hardware.errors import AudioFormatError
from hardware.ring import FrameRing
from hardware.source import AudioSource

from .conftest import SR, tone


@given(
    capacity=st.integers(1, 64),
    ops=st.lists(st.tuples(st.booleans(), st.integers(0, 80)), max_size=60),
)
def test_ring_is_a_fifo_whatever_the_wrap(capacity, ops):
    ring = FrameRing(capacity, 2)
    written = read = 0
    for is_write, n in ops:
        if is_write:
            data = np.arange(written, written + n, dtype=np.float32)[:, None].repeat(2, 1)
            written += ring.write(data)
        else:
            out = np.full((n, 2), -1.0, dtype=np.float32)
            got = ring.read_into(out)
            expect = np.arange(read, read + got, dtype=np.float32)[:, None].repeat(2, 1)
            np.testing.assert_array_equal(out[:got], expect)
            read += got
        assert 0 <= ring.available == written - read <= capacity
        assert ring.free == capacity - ring.available


def test_ring_threads_one_producer_one_consumer():
    ring = FrameRing(97, 1)
    total = 20_000
    received: list[np.ndarray] = []

    def produce():
        pos = 0
        while pos < total:
            chunk = np.arange(pos, min(total, pos + 31), dtype=np.float32)[:, None]
            n = ring.write(chunk)
            pos += n
            if n == 0:
                time.sleep(0)  # busy-waiting is fine in a test; let the other side run

    t = threading.Thread(target=produce)
    t.start()
    buf = np.zeros((13, 1), dtype=np.float32)
    got = 0
    while got < total:
        n = ring.read_into(buf)
        received.append(buf[:n, 0].copy())
        got += n
        if n == 0:
            time.sleep(0)
    t.join()
    np.testing.assert_array_equal(np.concatenate(received), np.arange(total, dtype=np.float32))


def test_source_streams_a_wav_file_through_a_small_ring(tmp_path):
    sig = tone(1.0)
    path = tmp_path / "a.wav"
    soundfile.write(path, sig, SR, subtype="FLOAT")
    src = AudioSource(path, ring_seconds=0.1, block_frames=1000)
    assert (src.sample_rate, src.channels, src.frames) == (SR, 1, SR)
    assert src.ring.capacity == 4800
    out = np.zeros((SR, 1), dtype=np.float32)
    pos = 0
    while not src.exhausted:
        src.fill()
        pos += src.read_into(out[pos : pos + 480])
    np.testing.assert_array_equal(out[:, 0], sig)
    src.close()


def test_source_fade_is_applied_from_the_current_frame():
    sig = np.ones(SR, dtype=np.float32)
    src = AudioSource.from_array(sig, SR)
    src.fill()
    head = np.zeros((100, 1), dtype=np.float32)
    assert src.read_into(head) == 100
    src.request_fade(480)
    out = np.zeros((1000, 1), dtype=np.float32)
    n = src.read_into(out)
    assert n == 480 and src.faded_out
    assert out[0, 0] == pytest.approx(1.0, abs=1e-4) and out[479, 0] == pytest.approx(0.0, abs=1e-6)
    assert np.all(np.diff(out[:480, 0]) <= 1e-7)  # monotonic ramp down
    assert src.read_into(out) == 0


def test_unreadable_file_is_a_readable_error(tmp_path):
    bad = tmp_path / "x.wav"
    bad.write_bytes(b"not audio")
    with pytest.raises(AudioFormatError, match="cannot open audio file"):
        AudioSource(bad)

"""A preallocated single-producer/single-consumer ring of audio frames (numpy, no locks).

The producer (an ordinary thread reading from disk) only advances `_write`; the consumer (the
audio callback) only advances `_read`. Both are ever-growing frame counts, so `write - read` is
the fill level without ambiguity between "full" and "empty". Python int stores are atomic under
the GIL, and the producer publishes `_write` only after the data is in place.
"""

from __future__ import annotations

import numpy as np


class FrameRing:
    def __init__(self, capacity: int, channels: int, dtype: str = "float32") -> None:
        if capacity <= 0 or channels <= 0:
            raise ValueError("capacity and channels must be positive")
        self.capacity = capacity
        self.channels = channels
        self._buf = np.zeros((capacity, channels), dtype=dtype)
        self._write = 0  # frames ever written (producer-owned)
        self._read = 0  # frames ever read (consumer-owned)

    # both sides
    @property
    def available(self) -> int:
        """Frames the consumer may read now."""
        return self._write - self._read

    @property
    def free(self) -> int:
        """Frames the producer may write now."""
        return self.capacity - (self._write - self._read)

    # producer side
    def writable_regions(self, max_frames: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Up to two views the producer may fill (second is empty unless the space wraps)."""
        n = self.free if max_frames is None else min(self.free, max_frames)
        start = self._write % self.capacity
        first = min(n, self.capacity - start)
        return self._buf[start : start + first], self._buf[0 : n - first]

    def commit_write(self, frames: int) -> None:
        """Publish `frames` frames the producer has put into the writable regions."""
        if frames < 0 or frames > self.free:
            raise ValueError("commit beyond free space")
        self._write += frames

    def write(self, data: np.ndarray) -> int:
        """Copy as much of `data` (frames x channels) as fits; returns frames written."""
        a, b = self.writable_regions(len(data))
        na = len(a)
        a[:] = data[:na]
        nb = len(b)
        if nb:
            b[:] = data[na : na + nb]
        self.commit_write(na + nb)
        return na + nb

    # consumer side (audio callback: no allocation beyond numpy views, no waiting)
    def read_into(self, out: np.ndarray, gain: np.ndarray | None = None) -> int:
        """Copy up to len(out) frames into `out` (same channel count); returns frames copied.

        `gain`, if given, is a per-frame factor with at least as many entries as frames copied.
        """
        n = min(len(out), self._write - self._read)
        if n <= 0:
            return 0
        start = self._read % self.capacity
        first = min(n, self.capacity - start)
        out[:first] = self._buf[start : start + first]
        if n > first:
            out[first:n] = self._buf[0 : n - first]
        if gain is not None:
            out[:n] *= gain[:n, None]
        self._read += n
        return n

    def clear(self) -> None:
        """Drop everything (only when neither side is running)."""
        self._read = self._write

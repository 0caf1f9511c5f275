"""The daemon's doorbell: another process of the unit wakes its loop at once.

The daemon (`loa unit run`) and the sync client (`loa unit sync`, with the MQTT push client)
are two processes sharing the state folder. The daemon sees what the other writes — an
emergency in the overlay, a new active bundle, a command from `loa unit` — on its next tick,
which is up to `idle_tick_s` (0.25 s) away while the unit is idle. After writing, the writer
rings: one datagram on a Linux abstract UNIX socket named after the state folder, which the
daemon's loop waits on instead of sleeping. An emergency then starts one tick after it is
stored, not up to an idle tick later; the idle loop wakes no more often than before.

Ringing is best effort and carries nothing: a bell nobody listens to (the daemon stopped, or
not on Linux) is silence, and the daemon still looks at every tick. A datagram says only
"look now" — whatever rang, the daemon reads the state folder as it always does, so a
process that rings needlessly costs one tick.

API::

    bell = Doorbell(state_dir)
    bell.listen() -> bool          # the daemon; False: another listener or no abstract sockets
    bell.wait(timeout_s) -> bool   # True when rung (drains every datagram waiting)
    bell.close()
    ring(state_dir)                # any process, any thread; never raises
"""

from __future__ import annotations

import hashlib
import logging
import os
import select
import socket
import sys
from pathlib import Path

log = logging.getLogger("loa.playout")

__all__ = ["Doorbell", "address", "ring"]


def address(state_dir: str | os.PathLike[str]) -> bytes:
    """The abstract socket name of a state folder (its real path: two spellings of one folder
    ring one bell); abstract names have no file, so no folder's path length limits them."""
    real = os.path.realpath(state_dir)
    return b"\0loa-unit-" + hashlib.sha256(real.encode()).hexdigest()[:40].encode()


def ring(state_dir: str | os.PathLike[str]) -> None:
    """Wake the daemon of ``state_dir`` if it listens; otherwise nothing happens."""
    if not sys.platform.startswith("linux"):
        return
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
            s.setblocking(False)
            s.sendto(b"!", address(state_dir))
    except OSError:  # nobody listens (ECONNREFUSED), or its queue is full: it will look anyway
        pass


class Doorbell:
    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        self.state_dir = Path(state_dir)
        self._sock: socket.socket | None = None
        self.rung = 0  # wakes by a ring (not by the timeout): for status and tests

    @property
    def listening(self) -> bool:
        return self._sock is not None

    def listen(self) -> bool:
        if self._sock is not None:
            return True
        if not sys.platform.startswith("linux"):
            return False
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        try:
            sock.bind(address(self.state_dir))
        except OSError as exc:
            sock.close()
            log.warning(
                "doorbell: %s; new emergencies are seen on the next tick / "
                "không mở được chuông đánh thức, khẩn cấp mới được thấy ở lượt kiểm tra sau",
                exc.strerror or exc,
            )
            return False
        sock.setblocking(False)
        self._sock = sock
        return True

    def wait(self, timeout_s: float) -> bool:
        """Sleep up to ``timeout_s``; True as soon as someone rang (or had rung meanwhile)."""
        sock = self._sock
        if sock is None:
            return False
        try:
            ready, _, _ = select.select([sock], [], [], max(0.0, timeout_s))
        except (OSError, ValueError):  # closed under us by stop()
            return False
        if not ready:
            return False
        self._drain(sock)
        self.rung += 1
        return True

    @staticmethod
    def _drain(sock: socket.socket) -> None:
        try:
            while sock.recv(16):
                pass
        except (BlockingIOError, OSError):
            pass

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()

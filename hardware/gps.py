"""GPS fixes: a gpsd client over its JSON socket protocol (localhost:2947), and SimGps."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeGuard

from hardware.ports import GpsFix

log = logging.getLogger(__name__)

GPSD_PORT = 2947
WATCH = b'?WATCH={"enable":true,"json":true};\n'


def parse_tpv(line: str | bytes) -> GpsFix | None:
    """A GpsFix from one gpsd JSON line if it is a TPV report with a 2D/3D fix, else None."""
    try:
        msg = json.loads(line)
    except (ValueError, TypeError):
        return None
    if not isinstance(msg, dict) or msg.get("class") != "TPV":
        return None
    mode = msg.get("mode", 0)
    lat, lon = msg.get("lat"), msg.get("lon")
    if not isinstance(mode, int) or mode < 2 or not _num(lat) or not _num(lon):
        return None
    alt = msg.get("altMSL", msg.get("alt"))
    eph = msg.get("eph")
    return GpsFix(
        lat=float(lat),
        lon=float(lon),
        alt_m=float(alt) if _num(alt) and mode >= 3 else None,
        mode=mode,
        time=msg.get("time") if isinstance(msg.get("time"), str) else None,
        eph_m=float(eph) if _num(eph) else None,
    )


def _num(x: object) -> TypeGuard[int | float]:
    return isinstance(x, int | float) and not isinstance(x, bool)


class GpsdClient:
    """Keeps the latest fix from gpsd, read by a background thread that reconnects on its own.

    `fix()` never blocks: it returns the latest fix if younger than `max_age_s`, else None.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = GPSD_PORT,
        *,
        max_age_s: float = 10.0,
        reconnect_s: float = 5.0,
        timeout_s: float = 2.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.host, self.port = host, port
        self._max_age = max_age_s
        self._reconnect = reconnect_s
        self._timeout = timeout_s
        self._mono = monotonic
        self._latest: tuple[float, GpsFix] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    def start(self) -> GpsdClient:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="gpsd", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=self._timeout + 1)
            self._thread = None

    def fix(self) -> GpsFix | None:
        latest = self._latest
        if latest is None or self._mono() - latest[0] > self._max_age:
            return None
        return latest[1]

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._session()
            except OSError as exc:
                log.debug("gpsd %s:%s: %s", self.host, self.port, exc)
            self._stop.wait(self._reconnect)

    def _session(self) -> None:
        with socket.create_connection((self.host, self.port), timeout=self._timeout) as sock:
            self._sock = sock
            try:
                sock.sendall(WATCH)
                sock.settimeout(1.0)
                buf = b""
                while not self._stop.is_set():
                    try:
                        chunk = sock.recv(4096)
                    except TimeoutError:
                        continue
                    if not chunk:
                        return
                    buf += chunk
                    *lines, buf = buf.split(b"\n")
                    for line in lines:
                        fix = parse_tpv(line)
                        if fix is not None:
                            self._latest = (self._mono(), fix)
                    if len(buf) > 65536:  # no newline in 64 KiB: not gpsd
                        return
            finally:
                self._sock = None


def connect_gpsd(
    host: str = "127.0.0.1", port: int = GPSD_PORT, *, probe_timeout_s: float = 0.5, **kwargs: float
) -> GpsdClient | None:
    """A started GpsdClient if something listens on host:port, else None (no GPS on this rig)."""
    try:
        with socket.create_connection((host, port), timeout=probe_timeout_s):
            pass
    except OSError:
        return None
    return GpsdClient(host, port, **kwargs).start()  # type: ignore[arg-type]


class SimGps:
    """Returns the fixes it was given, in turn (the last one repeats); None means no fix."""

    def __init__(self, fixes: GpsFix | Sequence[GpsFix | None] | None = None) -> None:
        if fixes is None or isinstance(fixes, GpsFix):
            self._fixes: list[GpsFix | None] = [fixes]
        else:
            self._fixes = list(fixes) or [None]
        self._i = 0

    def fix(self) -> GpsFix | None:
        f = self._fixes[min(self._i, len(self._fixes) - 1)]
        self._i += 1
        return f

    def start(self) -> SimGps:
        return self

    def stop(self) -> None:
        pass

"""A real Mosquitto broker on loopback for tests, benchmarks and the demo (docs/push.md).

    broker = Broker(folder)                                  # open: one anonymous listener
    broker = Broker(folder, units={"cl-01": [1, 4]}, unit_passwords={...}, panel_password="…")
    broker.start(); broker.restart(); broker.stop()
    broker.unit_url, broker.panel_url                        # mqtt://127.0.0.1:<port>

The secured form is deploy/mosquitto/loa.conf without TLS: a listener for units (one password
each, username = client id = unit id, ACL from ``content_library.push.unit_acl``) and one for
the panel (its own password and ACL: publish only). Both keep sessions on disk (persistence),
so a unit's queued notices survive a broker restart.
"""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from content_library.push import PANEL_USERNAME, panel_acl, unit_acl
from protocol.notice import MAX_BUNDLE_PAYLOAD

MOSQUITTO = "/usr/sbin/mosquitto"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def mosquitto_binary() -> str | None:
    for path in (MOSQUITTO, "/usr/bin/mosquitto"):
        if os.access(path, os.X_OK):
            return path
    return None


def write_password_file(path: Path, users: Mapping[str, str]) -> None:
    """A Mosquitto password file (hashed by mosquitto_passwd -U), mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.writelines(f"{user}:{password}\n" for user, password in users.items())
    subprocess.run(["mosquitto_passwd", "-U", str(path)], check=True, capture_output=True)


class Broker:
    def __init__(
        self,
        folder: str | os.PathLike[str],
        *,
        units: Mapping[str, Sequence[int | str]] | None = None,
        unit_passwords: Mapping[str, str] | None = None,
        panel_password: str | None = None,
        port: int | None = None,
        panel_port: int | None = None,
        persistence: bool = True,
        message_size_limit: int = MAX_BUNDLE_PAYLOAD,
    ) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.secured = units is not None
        self.port = port or free_port()
        self.panel_port = (panel_port or free_port()) if self.secured else self.port
        self.persistence = persistence
        self.proc: subprocess.Popen[bytes] | None = None
        self.conf = self.folder / "mosquitto.conf"
        self.log = self.folder / "mosquitto.log"
        lines = [
            "# written by bench/_mosquitto.py (see deploy/mosquitto/loa.conf)",
            f"user {getpass.getuser()}",  # mosquitto started as root would switch to 'mosquitto'
            f"log_dest file {self.log}",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "connection_messages false",
            "set_tcp_nodelay true",
            "max_queued_messages 1000",
            f"message_size_limit {message_size_limit}",  # as deploy/mosquitto/loa.conf
        ]
        if persistence:
            lines += [
                "persistence true",
                f"persistence_location {self.folder}/",
                "autosave_interval 60",
            ]
        if not self.secured:
            lines += [f"listener {self.port} 127.0.0.1", "allow_anonymous true"]
        else:
            assert units is not None
            write_password_file(self.folder / "units.passwd", unit_passwords or {})
            (self.folder / "units.acl").write_text(unit_acl(units))
            write_password_file(
                self.folder / "panel.passwd", {PANEL_USERNAME: panel_password or "panel"}
            )
            (self.folder / "panel.acl").write_text(panel_acl())
            lines += [
                "per_listener_settings true",
                "",
                "# units",
                f"listener {self.port} 127.0.0.1",
                "allow_anonymous false",
                f"password_file {self.folder / 'units.passwd'}",
                f"acl_file {self.folder / 'units.acl'}",
                "use_username_as_clientid true",
                "",
                "# the panel",
                f"listener {self.panel_port} 127.0.0.1",
                "allow_anonymous false",
                f"password_file {self.folder / 'panel.passwd'}",
                f"acl_file {self.folder / 'panel.acl'}",
            ]
        self.conf.write_text("\n".join(lines) + "\n")

    @property
    def unit_url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    @property
    def panel_url(self) -> str:
        return f"mqtt://127.0.0.1:{self.panel_port}"

    def start(self, timeout: float = 15.0) -> Broker:
        binary = mosquitto_binary()
        if binary is None:
            raise RuntimeError("mosquitto is not installed (Debian package mosquitto)")
        self.proc = subprocess.Popen(
            [binary, "-c", str(self.conf)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "mosquitto.stderr", "ab"),  # noqa: SIM115
        )
        deadline = time.monotonic() + timeout
        ports = {self.port, self.panel_port}
        while ports:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mosquitto exited: {self._tail()}")
            for port in list(ports):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    ports.discard(port)
                except OSError:
                    pass
            if ports and time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"mosquitto did not listen on {ports}: {self._tail()}")
            if ports:
                time.sleep(0.05)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM: the broker saves its sessions and queued messages, then exits."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _tail(self) -> str:
        text = ""
        for name in ("mosquitto.stderr", "mosquitto.log"):
            path = self.folder / name
            if path.exists():
                text += path.read_text(errors="replace")[-2000:]
        return text.strip()

    def __enter__(self) -> Broker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""Talking to a running daemon through its state folder: command files in, a status file out.

API::

    send_command(state_dir, "loop", on=True) -> Path    # `loa unit loop start`
    take_commands(state_dir) -> list[Command]           # the daemon, each tick it polls
    write_status(state_dir, status: dict)               # the daemon, every few seconds
    read_status(state_dir) -> dict | None               # `loa unit status`, `loa doctor`
    status_is_fresh(status, now_wall, max_age_s=15) -> bool

Plain files instead of a socket: they work whether or not the daemon runs (a command left
while it is down is applied when it starts), need no permissions beyond the state folder,
and every write is atomic (temp file, fsync, rename), so a half-written command is never read.
Commands are JSON: {"v": 1, "cmd": "loop", "args": {"on": true}, "sent_at": "..."}.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from playout.doorbell import ring
from playout.errors import ControlError
from protocol.files import atomic_write

log = logging.getLogger(__name__)

CONTROL_DIR = "control"
STATUS_FILE = "status.json"
COMMAND_VERSION = 1
COMMANDS = ("loop",)


@dataclass(frozen=True)
class Command:
    cmd: str
    args: dict[str, Any] = field(default_factory=dict)
    sent_at: str = ""


def send_command(state_dir: str | os.PathLike[str], cmd: str, **args: Any) -> Path:
    if cmd not in COMMANDS:
        raise ControlError(f"unknown command {cmd!r}", f"lệnh lạ {cmd!r}")
    folder = Path(state_dir) / CONTROL_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # names sort in sending order: nanoseconds, then a random tail against ties
        path = folder / f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.json"
        body = {
            "v": COMMAND_VERSION,
            "cmd": cmd,
            "args": args,
            "sent_at": datetime.now().astimezone().isoformat(),
        }
        atomic_write(path, json.dumps(body, sort_keys=True).encode("utf-8"))
    except OSError as exc:
        raise ControlError(
            f"cannot write the command into {folder}: {exc.strerror or exc}",
            f"không ghi được lệnh vào {folder}: {exc.strerror or exc}",
        ) from exc
    ring(state_dir)  # the daemon takes it now, not on its next look at the folder
    return path


def take_commands(state_dir: str | os.PathLike[str]) -> list[Command]:
    """Read and delete every pending command, oldest first; malformed ones are dropped (logged)."""
    folder = Path(state_dir) / CONTROL_DIR
    try:
        names = sorted(
            n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith(".")
        )
    except FileNotFoundError:
        return []
    out: list[Command] = []
    for name in names:
        path = folder / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            ok = (
                isinstance(data, dict)
                and data.get("v") == COMMAND_VERSION
                and data.get("cmd") in COMMANDS
                and isinstance(data.get("args", {}), dict)
            )
        except (OSError, ValueError):
            ok, data = False, None
        with contextlib.suppress(OSError):
            path.unlink()
        if not ok:
            log.warning("ignoring a malformed command file %s", name)
            continue
        out.append(Command(data["cmd"], dict(data.get("args", {})), str(data.get("sent_at", ""))))
    return out


def write_status(state_dir: str | os.PathLike[str], status: dict[str, Any]) -> None:
    """Replace status.json atomically (temp + rename). Not fsynced: it is rewritten every few
    seconds and worthless after a power cut, and an SD card should not pay for it."""
    path = Path(state_dir) / STATUS_FILE
    tmp = path.with_name(f".{STATUS_FILE}.{os.getpid()}.tmp")
    tmp.write_text(
        json.dumps(status, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    os.replace(tmp, path)


def read_status(state_dir: str | os.PathLike[str]) -> dict[str, Any] | None:
    try:
        data = json.loads((Path(state_dir) / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def status_is_fresh(
    status: dict[str, Any] | None, now_wall: datetime, *, max_age_s: float = 15.0
) -> bool:
    """True when the daemon wrote its status lately (it is running) and did not say it stopped."""
    if not status or status.get("state") == "stopped":
        return False
    try:
        updated = datetime.fromisoformat(status["updated_at"])
    except (KeyError, TypeError, ValueError):
        return False
    return abs((now_wall - updated).total_seconds()) <= max_age_s

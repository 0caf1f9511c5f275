"""The demo unit: a real daemon in a thread, on a simulated sound card and mock relays, watching
the folder where the panel publishes bundles, writing every broadcast it plays as a WAV.

API::

    handle = start_demo_unit(data_dir, trusted_key_lines=[...], inbox_dir=...,
                             unit_id="ngoc-chuc-01", areas=("ngoc-chuc",))
    handle.daemon, handle.played_dir, handle.config
    handle.stop()           # stops the daemon (relays off), joins the thread

Layout under data_dir/unit/: unit.key (the demo unit's as-run key, made on first run),
trusted.pub, state/ (bundles, as-run log, status), played/ (one WAV per broadcast).
The clock is the system clock, trusted by configuration (the demo machine is not a unit).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from playout.config import parse_config
from playout.daemon import Daemon
from playout.wiring import build_daemon

log = logging.getLogger(__name__)


@dataclass
class DemoUnit:
    daemon: Daemon
    thread: threading.Thread
    stop_event: threading.Event
    played_dir: Path
    config: object

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self.thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self.thread.is_alive()


def start_demo_unit(
    data_dir: Path,
    *,
    trusted_key_lines: Iterable[str],
    inbox_dir: Path,
    unit_id: str = "ngoc-chuc-01",
    areas: Sequence[str] = ("ngoc-chuc",),
    poll_s: float = 1.0,
    warm_up_s: float = 3.0,
) -> DemoUnit:
    """Start the demo unit; returns once it is running (READY), or raises what stopped it."""
    from content_library import signing
    from hardware.clock import SystemClock

    root = Path(data_dir) / "unit"
    root.mkdir(parents=True, exist_ok=True)
    inbox = Path(inbox_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    key_path = root / "unit.key"
    if not key_path.exists():
        private, _ = signing.generate_keypair()
        signing.write_private_key(key_path, private)
    trusted = root / "trusted.pub"
    trusted.write_text(
        "".join(line.strip() + "\n" for line in trusted_key_lines if line.strip()), encoding="utf-8"
    )
    config = parse_config(
        {
            "format": 1,
            "unit": {
                "id": unit_id,
                "areas": list(areas),
                "trusted_keys": [str(trusted)],
                "key": str(key_path),
                "state_dir": str(root / "state"),
            },
            "audio": {"backend": "sim", "played_dir": str(root / "played")},
            "relays": {
                "backend": "mock",
                "amplifier": {"pin": 17},
                "zones": {"zone-1": {"pin": 22}, "zone-2": {"pin": 23}},
                "warm_up_s": warm_up_s,
                "hold_s": 2.0,
            },
            "playout": {"tick_s": 0.05},
            "gps": {"mode": "off"},
            "inbox": {"watch": [str(inbox)], "poll_s": poll_s},
            "clock": {"trust": "always"},
        },
        base_dir=root,
        source="<demo unit>",
    )
    stop = threading.Event()
    started = threading.Event()
    failure: list[BaseException] = []

    class _Ready:
        def notify(self, state: str) -> None:
            if state == "READY=1":
                started.set()

    daemon = build_daemon(
        config,
        clock=SystemClock(trust_unknown=True),
        gps=None,
        notifier=_Ready(),
        inbox_thread=True,
    )

    def run() -> None:
        try:
            daemon.run(stop)
        except BaseException as exc:  # reported to the caller below, or logged if later
            failure.append(exc)
            log.exception("the demo unit stopped: %s", exc)
        finally:
            started.set()

    thread = threading.Thread(target=run, name="loa-demo-unit", daemon=True)
    thread.start()
    started.wait(30)
    if failure:
        raise failure[0]
    return DemoUnit(daemon, thread, stop, root / "played", config)

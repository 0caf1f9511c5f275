"""`loa unit enrol`, `loa unit sync` (the unit side) and `loa unit enrol-code` (the panel side)
of the sync protocol (docs/sync-protocol.md), plus the demo's sync thread.

Registered on the `unit` group by loa/cli_unit.py. The unit commands import no panel code.

Demo wiring (loa/cli_server.demo_unit, after ``handle = start_demo_unit(...)``)::

    from loa.cli_sync import start_demo_sync
    sync = start_demo_sync(settings, engine, handle, base_url=f"http://127.0.0.1:{port}")
    try: yield
    finally: sync.stop(); handle.stop()
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from loa.errors import fail

log = logging.getLogger(__name__)

DEFAULT_CONFIG = "/etc/loa/unit.toml"
CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=lambda: os.environ.get("LOA_UNIT_CONFIG", DEFAULT_CONFIG),
    show_default=DEFAULT_CONFIG,
    help="Unit config (TOML). Default: $LOA_UNIT_CONFIG or /etc/loa/unit.toml.",
)


def _config(path: Path):
    from playout.config import load_config
    from playout.errors import ConfigError

    try:
        return load_config(path)
    except ConfigError as exc:
        fail(exc.reason_vi, exc.reason, 2)


def make_client(config, server: str | None = None):
    """A SyncClient for a unit config (server: --server, else [sync] server, else enrolment's)."""
    from hardware.clock import SystemClock
    from playout.errors import ConfigError
    from playout.store import BundleStore
    from playout.sync_client import SyncClient

    try:
        key = config.load_unit_key()
        store = BundleStore(
            config.state_dir,
            trusted_keys=config.load_trusted_keys(),
            unit_id=config.unit_id,
            unit_areas=config.areas,
            clock=SystemClock(trust_unknown=config.clock.trust == "always"),
        )
    except ConfigError as exc:
        fail(exc.reason_vi, exc.reason, 2)
    client = SyncClient(
        server or config.sync.server or "http://invalid",
        config.unit_id,
        key,
        config.state_dir,
        store=store,
        asrun_path=config.asrun_path,
        poll_s=config.sync.poll_s,
        batch=config.sync.batch,
        timeout_s=config.sync.timeout_s,
    )
    if not (server or config.sync.server):
        remembered = client.state().get("server")
        if not remembered:
            fail(
                "chưa có địa chỉ máy chủ: dùng --server hoặc [sync] server trong cấu hình",
                "no server: pass --server or set [sync] server in the config",
                2,
            )
        client.base_url = remembered
    return client


@click.command("enrol")
@CONFIG_OPTION
@click.option("--server", default=None, help="Panel URL, e.g. https://loa.huyen.gov.vn")
@click.option("--code", required=True, help="One-time enrolment code from the panel.")
def unit_enrol(config_path: Path, server: str | None, code: str) -> None:
    """Đăng ký máy phát với máy chủ / enrol this unit with the panel (one-time code)."""
    from playout.sync_client import SyncError

    client = make_client(_config(config_path), server)
    try:
        answer = client.enrol(code)
    except SyncError as exc:
        fail(f"đăng ký thất bại: {exc.reason_vi}", f"enrolment failed: {exc.reason}")
    click.echo(f"Đã đăng ký {client.unit_id} với {client.base_url} / enrolled")
    said = _ASRUN_LOCAL.get(answer.get("asrun_local", "none"))
    if said is not None:
        click.echo(said[0].format(**(answer.get("asrun_continue") or {})), err=said[1])


# What enrolling did to the local as-run log (SyncClient._continue_asrun): a line for the person
# at the unit, on stderr when the panel will refuse the log's next entries.
_ASRUN_LOCAL: dict[str, tuple[str, bool]] = {
    "started": (
        "Nhật ký phát nối tiếp chuỗi máy chủ đã lưu, từ mục {seq} / the as-run log goes on "
        "from the panel's chain, at seq {seq}",
        False,
    ),
    "behind": (
        "Cảnh báo: nhật ký phát trên máy chưa tới mục máy chủ đã lưu ({seq} trở đi); máy chủ "
        "sẽ từ chối các mục mới, chúng vẫn được giữ trên máy / warning: the local as-run log "
        "has not reached the panel's (seq {seq} on); the panel will refuse its new entries, "
        "which stay on the unit",
        True,
    ),
    "diverged": (
        "Cảnh báo: nhật ký phát trên máy là một chuỗi khác chuỗi máy chủ đã lưu; máy chủ sẽ từ "
        "chối các mục mới, chúng vẫn được giữ trên máy (loa unit log export) / warning: the "
        "local as-run log is another chain than the panel's; the panel will refuse its new "
        "entries, which stay on the unit (loa unit log export)",
        True,
    ),
}


@click.command("sync")
@CONFIG_OPTION
@click.option(
    "--server", default=None, help="Panel URL (default: [sync] server, or the one enrolled with)."
)
@click.option("--once", is_flag=True, help="One poll, then exit (1 when a step failed).")
@click.option("--forever", is_flag=True, help="Poll until stopped (the default; systemd uses it).")
@click.option("-v", "--verbose", is_flag=True)
def unit_sync(
    config_path: Path, server: str | None, once: bool, forever: bool, verbose: bool
) -> None:
    """Đồng bộ với máy chủ / heartbeat, push the as-run log, pull the newest bundle."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    config = _config(config_path)
    client = make_client(config, server)
    if once:
        rep = client.poll_once()
        click.echo(
            f"nhịp tim / heartbeat: {'ok' if rep.heartbeat else '—'}; "
            f"nhật ký / as-run: +{rep.pushed} (trùng / dup {rep.duplicates}); "
            f"gói phát / bundle: {rep.bundle} {rep.bundle_sequence or ''}".rstrip()
        )
        for err in rep.errors:
            click.echo(f"lỗi / error: {err}", err=True)
        sys.exit(1 if rep.errors else 0)
    stop = threading.Event()

    def on_signal(*_: Any) -> None:
        client.stop(stop)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGUSR1, lambda *_: client.wake())  # `kill -USR1`: poll now
    push = _push_client(config, client)  # [push]: MQTT notices wake the client (docs/push.md)
    try:
        client.run(stop)
    finally:
        if push is not None:
            push.stop()


def _push_client(config, client):
    from playout.errors import ConfigError
    from playout.wiring import make_push_client

    try:
        return make_push_client(config, client)
    except (ConfigError, ValueError) as exc:
        fail(getattr(exc, "reason_vi", str(exc)), getattr(exc, "reason", str(exc)), 2)


@click.command("enrol-code")
@click.argument("unit_id")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: os.environ.get("LOA_DATA_DIR", "data"),
    show_default="$LOA_DATA_DIR or ./data",
)
@click.option("--ttl-hours", type=float, default=24.0, show_default=True)
def unit_enrol_code(unit_id: str, data_dir: Path, ttl_hours: float) -> None:
    """(Máy chủ) cấp mã đăng ký một lần / (panel) issue a one-time enrolment code."""
    from sqlmodel import Session

    from content_library import sync
    from content_library.errors import LoaError
    from loa.cli_server import _engine, _settings

    engine = _engine(_settings(data_dir))
    with Session(engine) as session:
        try:
            code = sync.issue_enrol_code(
                session, unit_id, datetime.now(UTC), ttl=timedelta(hours=ttl_hours)
            )
        except LoaError as exc:
            fail(exc.reason_vi, exc.reason)
        session.commit()
    click.echo(
        f"Mã đăng ký / enrolment code for {unit_id} (hết hạn sau / expires in {ttl_hours:g} h): {code}"
    )
    click.echo(f"Trên máy phát / on the unit: loa unit enrol --server URL --code {code}")


# --------------------------------------------------------------------------- the demo


@dataclass
class DemoSync:
    client: Any
    thread: threading.Thread
    stop_event: threading.Event
    push: Any = None  # playout.push_client.PushClient when the panel has a broker

    def stop(self, timeout: float = 10.0) -> None:
        if self.push is not None:
            self.push.stop()
        self.client.stop(self.stop_event)
        self.thread.join(timeout)


def _wait_for(url: str, stop: threading.Event, timeout_s: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        stop.wait(0.5)
    return False


def start_demo_sync(
    settings, engine, handle, *, base_url: str = "http://127.0.0.1:8000", poll_s: float = 2.0
) -> DemoSync:
    """Enrol the demo unit over HTTP once the panel answers, then sync it every ``poll_s``.

    ``handle`` is playout.demo.DemoUnit. A code is issued in the database now (unless the
    unit is already enrolled with this key); the thread waits for /healthz, enrols, and
    runs the client: heartbeats, the as-run log and bundles go over the real protocol.
    """
    from sqlmodel import Session

    from content_library import sync
    from content_library.models import Unit
    from hardware.clock import SystemClock
    from playout.store import BundleStore
    from playout.sync_client import SyncClient, SyncError
    from protocol.keys import load_private_key, public_key_line

    config = handle.config
    key = load_private_key(config.unit_key)
    code = None
    with Session(engine) as session:
        unit = session.get(Unit, config.unit_id)
        if unit is not None and unit.public_key != public_key_line(key.public_key()):
            code = sync.issue_enrol_code(
                session, config.unit_id, datetime.now(UTC), ttl=timedelta(hours=1)
            )
            session.commit()
    store = BundleStore(
        config.state_dir,
        trusted_keys=config.load_trusted_keys(),
        unit_id=config.unit_id,
        unit_areas=config.areas,
        clock=SystemClock(trust_unknown=True),
    )
    client = SyncClient(
        base_url,
        config.unit_id,
        key,
        config.state_dir,
        store=store,
        asrun_path=config.asrun_path,
        poll_s=poll_s,
    )
    stop = threading.Event()

    def run() -> None:
        if not _wait_for(base_url.rstrip("/") + "/healthz", stop):
            return
        if code is not None:
            try:
                client.enrol(code)
                log.info("demo unit enrolled / cụm loa mô phỏng đã đăng ký")
            except SyncError as exc:
                log.error("demo unit enrolment failed: %s", exc.reason)
                return
        client.run(stop)

    push = None
    if getattr(settings, "mqtt_url", ""):  # `make run`: a loopback broker; notices wake the unit
        from playout.push_client import PushClient, wake_sync_client

        push = PushClient(
            settings.mqtt_url,
            unit_id=config.unit_id,
            areas=config.areas,
            trusted_keys=config.load_trusted_keys(),
            wake=wake_sync_client(client),
            state_dir=config.state_dir / "sync",
        ).start()
    thread = threading.Thread(target=run, name="loa-demo-sync", daemon=True)
    thread.start()
    return DemoSync(client, thread, stop, push)

"""`loa unit ...` (the speaker unit: run, import, log, loop, keygen, status) and `loa doctor`.

The config file comes from --config, else $LOA_UNIT_CONFIG, else /etc/loa/unit.toml.
Exit codes: 0 ok, 1 refused / check failed, 2 config or usage error.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

import click

from loa.errors import fail

DEFAULT_CONFIG = "/etc/loa/unit.toml"
EXIT_REFUSED = 1
EXIT_CONFIG = 2

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
        fail(exc.reason_vi, exc.reason, EXIT_CONFIG)


@click.group()
def unit() -> None:
    """Máy phát loa / the speaker unit."""


@unit.command("run")
@CONFIG_OPTION
@click.option(
    "--seconds",
    type=float,
    default=None,
    help="Stop after this many seconds (tests, benchmarks); default: run until signalled.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages too.")
def unit_run(config_path: Path, seconds: float | None, verbose: bool) -> None:
    """Chạy dịch vụ phát / run the playout daemon (systemd: Type=notify, WatchdogSec)."""
    from playout.doorbell import ring
    from playout.errors import PlayoutError
    from playout.wiring import build_daemon

    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    config = _config(config_path)
    stop = threading.Event()

    def on_stop(*_: object) -> None:
        stop.set()
        ring(config.state_dir)  # the loop waits on its doorbell: it ends the wait now

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_stop)
    if seconds is not None:
        timer = threading.Timer(seconds, on_stop)
        timer.daemon = True
        timer.start()
    try:
        daemon = build_daemon(config)
    except PlayoutError as exc:
        fail(exc.reason_vi, exc.reason, EXIT_CONFIG)
    except Exception as exc:  # a device or pin that cannot be opened: say so in one line
        fail(f"không khởi động được máy phát: {exc}", f"cannot start the unit: {exc}", EXIT_REFUSED)
    daemon.run(stop)


@unit.command("import")
@click.argument("bundle_file", type=click.Path(dir_okay=False, path_type=Path))
@CONFIG_OPTION
def unit_import(bundle_file: Path, config_path: Path) -> None:
    """Nạp gói nội dung / verify a bundle and make it the active one."""
    from hardware.clock import SystemClock
    from playout.errors import ConfigError, ImportRejected
    from playout.store import BundleStore

    config = _config(config_path)
    try:
        trusted = config.load_trusted_keys()
    except ConfigError as exc:  # e.g. a trusted-key file others may write: say which, and why
        fail(exc.reason_vi, exc.reason, EXIT_CONFIG)
    store = BundleStore(
        config.state_dir,
        trusted_keys=trusted,
        unit_id=config.unit_id,
        unit_areas=config.areas,
        clock=SystemClock(trust_unknown=config.clock.trust == "always"),
    )
    try:
        result = store.import_bundle(bundle_file)
    except ImportRejected as exc:
        fail(
            f"gói bị từ chối, gói đang dùng giữ nguyên: {exc.reason_vi}",
            f"bundle rejected, the active bundle is unchanged: {exc.reason}",
            EXIT_REFUSED,
        )
    # "held": verified, but the clock is not trusted; the daemon activates it later
    click.echo(f"{result.message_vi} / {result.message}")


@unit.group("log")
def unit_log() -> None:
    """Nhật ký phát / the as-run log."""


def _open_log(config):
    from playout.asrun import AsRunLog

    if not config.asrun_path.exists():
        fail(
            f"chưa có nhật ký phát ở {config.asrun_path}",
            f"no as-run log at {config.asrun_path}",
            EXIT_REFUSED,
        )
    return AsRunLog(config.asrun_path, unit_key=None, unit_id=config.unit_id)


@unit_log.command("verify")
@CONFIG_OPTION
@click.option(
    "--public-key",
    "public_key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The unit's public-key line file (default: derived from the unit key).",
)
def unit_log_verify(config_path: Path, public_key: Path | None) -> None:
    """Kiểm tra chuỗi nhật ký / check the hash chain and signatures."""
    from playout.errors import ConfigError
    from protocol.keys import KeyFileError, load_trusted_keys

    config = _config(config_path)
    try:
        if public_key is not None:
            pub = next(iter(load_trusted_keys(public_key).values()))
        else:
            pub = config.load_unit_key().public_key()
    except (KeyFileError, ConfigError) as exc:
        fail(exc.reason_vi, exc.reason, EXIT_CONFIG)
    with _open_log(config) as log:
        result = log.verify(pub)
    if not result.ok:
        fail(
            f"nhật ký hỏng hoặc bị sửa ở mục {result.first_bad_seq}: {result.reason}",
            f"log broken at entry {result.first_bad_seq}: {result.reason}",
            EXIT_REFUSED,
        )
    click.echo(f"nhật ký nguyên vẹn: {result.count} mục / log intact: {result.count} entries")


@unit_log.command("export")
@CONFIG_OPTION
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write JSON lines here (default: standard output).",
)
@click.option(
    "--since", type=int, default=0, show_default=True, help="Only entries after this seq."
)
def unit_log_export(config_path: Path, out: Path | None, since: int) -> None:
    """Xuất nhật ký (JSON lines, "v": 1) / export the log."""
    config = _config(config_path)
    with _open_log(config) as log:
        if out is None:
            n = log.export_jsonl(sys.stdout, since_seq=since)
        else:
            with open(out, "w", encoding="utf-8") as fh:
                n = log.export_jsonl(fh, since_seq=since)
    click.echo(f"{n} entries", err=True)


@unit.group("loop")
def unit_loop() -> None:
    """Phát lặp (loa di động) / the mobile rig's loop."""


def _loop(config_path: Path, on: bool) -> None:
    from datetime import datetime

    from playout import control
    from playout.errors import ControlError

    config = _config(config_path)
    try:
        control.send_command(config.state_dir, "loop", on=on)
    except ControlError as exc:
        fail(exc.reason_vi, exc.reason, EXIT_REFUSED)
    running = control.status_is_fresh(
        control.read_status(config.state_dir), datetime.now().astimezone()
    )
    what_vi, what_en = ("bật", "start") if on else ("tắt", "stop")
    if running:
        click.echo(f"đã gửi lệnh {what_vi} phát lặp / loop {what_en} sent")
    else:
        click.echo(
            f"đã ghi lệnh {what_vi} phát lặp; dịch vụ loa chưa chạy, sẽ làm khi khởi động / "
            f"loop {what_en} queued; the daemon is not running and will apply it when it starts"
        )


@unit_loop.command("start")
@CONFIG_OPTION
def unit_loop_start(config_path: Path) -> None:
    """Bắt đầu phát lặp / start the loop."""
    _loop(config_path, True)


@unit_loop.command("stop")
@CONFIG_OPTION
def unit_loop_stop(config_path: Path) -> None:
    """Dừng phát lặp / stop the loop."""
    _loop(config_path, False)


@unit.command("keygen")
@CONFIG_OPTION
def unit_keygen(config_path: Path) -> None:
    """Tạo khóa ký nhật ký của máy / create the unit's as-run signing key."""
    from protocol import keys as signing

    config = _config(config_path)
    path = config.unit_key
    if path.exists() or path.is_symlink():
        fail(
            f"{path} đã tồn tại; không ghi đè khóa",
            f"{path} already exists; not overwriting a key",
            EXIT_REFUSED,
        )
    private, public = signing.generate_keypair()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        signing.write_private_key(path, private)
    except (signing.KeyFileError, OSError) as exc:
        fail(f"không ghi được khóa: {exc}", f"cannot write the key: {exc}", EXIT_REFUSED)
    click.echo(f"key_id {signing.key_id(public)}")
    click.echo(f"private {path}")
    click.echo(f"public {signing.public_key_line(public)}")


@unit.command("status")
@CONFIG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the raw status JSON.")
def unit_status(config_path: Path, as_json: bool) -> None:
    """Trạng thái máy phát / what the unit is doing."""
    from datetime import datetime

    from playout import control
    from playout.doctor import emergency_lines
    from playout.store import BundleStore

    config = _config(config_path)
    status = control.read_status(config.state_dir)
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False, indent=1))
        return
    running = control.status_is_fresh(status, datetime.now().astimezone())
    click.echo(f"máy / unit: {config.unit_id}")
    click.echo(
        "dịch vụ / daemon: " + ("đang chạy / running" if running else "không chạy / not running")
    )
    if status:
        b = status.get("bundle")
        if b:
            click.echo(
                f"gói / bundle: số {b['sequence']} ({b['items']} bản tin / items), "
                f"hết hạn / expires {b['expires_at']}"
            )
        c = status.get("clock", {})
        click.echo(f"đồng hồ / clock: {c.get('reason_vi')} / {c.get('reason')}")
        lp = status.get("loop", {})
        click.echo("phát lặp / loop: " + ("bật / on" if lp.get("on") else "tắt / off"))
        for p in status.get("playing", []):
            click.echo(f"  {p['state']}: {p['item']} {p['start']}")
        for n in status.get("next", []):
            click.echo(f"  tiếp theo / next: {n['item']} {n['start']}")
        if status.get("last_error"):
            click.echo(f"lỗi gần nhất / last error: {status['last_error']}")
    store = BundleStore(config.state_dir, trusted_keys={}, unit_id=None)
    for vi, en in emergency_lines(store.emergencies()):
        click.echo(f"{vi} / {en}")
    recent = store.recent_imports()
    if recent:
        r = recent[-1]
        ok = "OK" if r.get("ok") else "từ chối / rejected"
        click.echo(
            f"lần nạp cuối / last import: {r.get('source')}: {ok}: "
            f"{r.get('reason_vi')} / {r.get('reason')}"
        )


@click.command()
@CONFIG_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
def doctor(config_path: Path, as_json: bool) -> None:
    """Kiểm tra máy phát / check a unit: sound, relays, clock, bundle, disk, log."""
    from playout.config import load_config
    from playout.doctor import FAIL, Check, run_checks, worst
    from playout.errors import ConfigError

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        checks = [Check("config / cấu hình", FAIL, exc.reason_vi, exc.reason)]
    else:
        checks = [
            Check("config / cấu hình", "ok", f"đọc được {config_path}", f"{config_path} is valid"),
            *run_checks(config),
        ]
    for c in checks:
        if as_json:
            click.echo(
                json.dumps(
                    {"check": c.name, "status": c.status, "vi": c.verdict_vi, "en": c.verdict_en},
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(c.line())
    overall = worst(checks)
    if not as_json:
        click.echo(
            {
                "ok": "Máy ổn / all good",
                "warn": "Có cảnh báo / warnings",
                "fail": "Có lỗi cần sửa / problems to fix",
            }[overall]
        )
    sys.exit(EXIT_REFUSED if overall == FAIL else 0)


# issue 6: `loa unit enrol | sync | enrol-code` live in loa/cli_sync.py (the sync protocol)
from loa.cli_sync import unit_enrol, unit_enrol_code, unit_sync  # noqa: E402

for _cmd in (unit_enrol, unit_sync, unit_enrol_code):
    unit.add_command(_cmd)

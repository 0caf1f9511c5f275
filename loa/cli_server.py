"""`loa serve`, `loa demo`, `loa db upgrade`, `loa user create`: the panel's composition root."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import click

DATA_DIR_OPTION = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: os.environ.get("LOA_DATA_DIR", "data"),
    show_default="$LOA_DATA_DIR or ./data",
    help="Where the database, recordings and the secret key live.",
)


def _settings(data_dir: Path, **overrides):
    from web.settings import Settings, SettingsError

    # Owner-only: the database, the secret key and the recordings live here.
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        return Settings.from_env(data_dir=data_dir, **overrides)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def _engine(settings):
    from content_library.db import make_engine, upgrade_to_head

    engine = make_engine(settings.db_url, busy_timeout_ms=settings.db_busy_timeout_ms)
    upgrade_to_head(engine)  # idempotent; a fresh data dir just works
    return engine


def uvicorn_options(settings) -> dict:
    """Connection limits of the panel's HTTP server (issue 12, item 12; docs/security.md).

    h11 so that its limit on an incomplete request head applies; idle keep-alive connections
    close after a few seconds; past ``http_max_connections`` open requests uvicorn answers 503
    at once. Request bodies have per-route limits and a read timeout in the app
    (web.app.BodySizeLimit). X-Forwarded-* is trusted from the local TLS proxy only.
    """
    return {
        "http": "h11",
        "log_level": "info",
        "proxy_headers": True,
        "forwarded_allow_ips": "127.0.0.1",
        "timeout_keep_alive": settings.http_keep_alive_s,
        "h11_max_incomplete_event_size": 16 * 1024,
        "limit_concurrency": settings.http_max_connections,
        "timeout_graceful_shutdown": 10,
        "server_header": False,
    }


def _run(app, host: str, port: int, settings) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, **uvicorn_options(settings))


WORKER_APP = "loa.cli_server:worker_app"


def worker_app():
    """The app factory each worker process of ``loa serve --workers N`` calls.

    Settings come from the environment (``LOA_*``, with ``LOA_DATA_DIR`` set by the parent),
    like the parent's: the same database, secret key (so a session cookie is good on every
    worker), signing key and asset store. The parent has migrated the database already.
    Workers share nothing else: nonces, sessions, login limits and jobs live in the database.
    """
    from content_library.db import make_engine
    from web.app import create_app

    settings = _settings(Path(os.environ.get("LOA_DATA_DIR", "data")))
    engine = make_engine(settings.db_url, busy_timeout_ms=settings.db_busy_timeout_ms)
    return create_app(settings, engine=engine)


def _run_workers(host: str, port: int, settings, workers: int) -> None:
    """N uvicorn worker processes on one socket (uvicorn's supervisor restarts a dead one)."""
    import uvicorn

    os.environ["LOA_DATA_DIR"] = str(Path(settings.data_dir).resolve())
    uvicorn.run(
        WORKER_APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **uvicorn_options(settings),
    )


@click.command()
@DATA_DIR_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    envvar="LOA_WORKERS",
    show_envvar=True,
    help="Worker processes sharing the port; they share nothing but the database and broker.",
)
def serve(data_dir: Path, host: str, port: int, workers: int) -> None:
    """Chạy bảng điều khiển web / run the web panel."""
    settings = _settings(data_dir)
    engine = _engine(settings)  # migrated once, before any worker starts
    if workers > 1:
        engine.dispose()
        _run_workers(host, port, settings, workers)
        return
    from web.app import create_app

    _run(create_app(settings, engine=engine), host, port, settings)


DEMO_LOGINS_FILE = "demo-logins.txt"


def panel_signing_key(settings):
    """The panel's bundle-signing key: the file named in settings, made (0600) on first use."""
    from protocol import keys as signing

    return signing.load_or_create_private_key(settings.signing_key_path)


def outbox_dir(settings) -> Path:
    return Path(settings.outbox_dir)


@contextmanager
def demo_unit(settings, engine, *, port: int | None = None) -> Iterator[None]:
    """The simulated speaker unit that runs beside the panel in the demo.

    It trusts the panel's public key, plays on a simulated card and writes each broadcast
    as a WAV under data/unit/played/. With `port` (the panel's), it enrols and syncs over the
    unit protocol like a real unit: bundles pulled, heartbeats and its as-run log pushed to
    the dashboard. It also watches the panel's outbox folder, as a unit watches a USB stick.
    It starts before the panel serves and stops after the panel has stopped.
    """
    from sqlmodel import Session

    from content_library.demo import DEMO_UNIT_ID
    from content_library.models import Area, Unit
    from playout.demo import start_demo_unit
    from protocol import keys as signing

    with Session(engine) as session:
        unit = session.get(Unit, DEMO_UNIT_ID)
        area = session.get(Area, unit.area_id) if unit is not None else None
        # A bundle for the unit's commune or any area above it is for this unit too.
        areas = [part for part in area.path.split("/") if part] if area is not None else []
    if unit is None:
        yield
        return
    key = panel_signing_key(settings)
    handle = start_demo_unit(
        settings.data_dir,
        trusted_key_lines=[signing.public_key_line(key.public_key())],
        inbox_dir=outbox_dir(settings),
        unit_id=DEMO_UNIT_ID,
        areas=areas,
    )
    click.echo(
        f"Cụm loa mô phỏng / simulated unit {DEMO_UNIT_ID}: "
        f"bản tin đã phát / played audio → {handle.played_dir}"
    )
    sync = None
    try:
        if port is not None:
            from loa.cli_sync import start_demo_sync

            # the unit talks to the panel on loopback whatever address the panel listens on
            sync = start_demo_sync(
                settings, engine, handle, base_url=f"http://127.0.0.1:{port}", poll_s=2.0
            )
        yield
    finally:
        try:
            if sync is not None:
                sync.stop()
        finally:
            handle.stop()


@click.command()
@DATA_DIR_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def demo(data_dir: Path, host: str, port: int) -> None:
    """Dữ liệu mẫu + bảng điều khiển / demo data, then serve the panel."""
    from sqlmodel import Session

    from content_library.demo import seed_demo
    from web.app import create_app

    settings = _settings(data_dir, environment=os.environ.get("LOA_ENV", "development"))
    engine = _engine(settings)
    logins_path = settings.data_dir / DEMO_LOGINS_FILE
    with Session(engine) as session:
        logins = seed_demo(session, now=datetime.now(UTC))
        session.commit()
    if logins:
        lines = [
            f"{x.username:10} {x.password:16} {x.role:9} {x.area:14} {x.description}"
            for x in logins
        ]
        fd = os.open(logins_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("\n".join(lines) + "\n")
    click.echo("Tài khoản mẫu / demo logins (tên đăng nhập, mật khẩu, vai trò, địa bàn):")
    if logins_path.exists():
        click.echo(logins_path.read_text().rstrip())
    else:
        click.echo("  (dữ liệu đã có từ trước / the data dir was already in use)")
    click.echo(f"Mở / open http://{host}:{port}/")
    with demo_unit(settings, engine, port=port):
        _run(create_app(settings, engine=engine), host, port, settings)


@click.group()
def db() -> None:
    """Cơ sở dữ liệu / database."""


@db.command("upgrade")
@DATA_DIR_OPTION
def db_upgrade(data_dir: Path) -> None:
    """Apply every migration up to head (safe to repeat)."""
    settings = _settings(data_dir)
    _engine(settings).dispose()
    click.echo("Cơ sở dữ liệu đã cập nhật / database is at head.")


@click.group()
def user() -> None:
    """Người dùng / users."""


@user.command("create")
@DATA_DIR_OPTION
@click.option("--username", required=True)
@click.option("--full-name", default="")
@click.option(
    "--role",
    "roles",
    multiple=True,
    metavar="ROLE:AREA",
    help="e.g. admin:'An Giang' or reviewer:3 (area name or id); repeatable.",
)
@click.password_option(prompt="Mật khẩu / password")
def user_create(
    data_dir: Path, username: str, full_name: str, roles: tuple[str, ...], password: str
) -> None:
    """Create a user (the first administrator, or any user from the console)."""
    from sqlmodel import Session, select

    from content_library import security, services
    from content_library.errors import LoaError
    from content_library.models import Area, require_id

    settings = _settings(data_dir)
    engine = _engine(settings)
    with Session(engine) as session:
        pairs = []
        for spec in roles:
            role, _, area = spec.partition(":")
            found = (
                session.get(Area, int(area))
                if area.isdigit()
                else session.exec(select(Area).where(Area.name == area)).first()
            )
            if (
                found is None
                and area
                and not area.isdigit()
                and session.exec(select(Area)).first() is None
            ):
                # A fresh install has no areas: the first one named becomes the root (a province).
                found = services.create_area(
                    session,
                    actor=None,
                    name=area,
                    kind="province",
                    parent_id=None,
                    now=datetime.now(UTC),
                )
                click.echo(f"Đã tạo địa bàn gốc / created the root area: {found.name}")
            if found is None:
                raise click.ClickException(f"Không có địa bàn / no such area: {area!r}")
            pairs.append((role, require_id(found)))
        try:
            created = services.create_user(
                session,
                actor=None,
                username=username,
                password=password,
                full_name=full_name,
                roles=pairs,
                now=datetime.now(UTC),
            )
            security.check_new_password(password, username=created.username, field="password")
            session.commit()
        except LoaError as exc:
            raise click.ClickException(f"{exc.reason_vi} / {exc.reason}") from None
        click.echo(f"Đã tạo / created: {created.username} (id {created.id})")

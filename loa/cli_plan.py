"""`loa plan`: print a bundle's timeline as JSON lines (start, end, item, priority)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from scheduler import ScheduleError, plan_from_manifest
from scheduler.plan import MAX_HOURS
from scheduler.tz import TZ, iso


def _parse_from(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"không phải thời điểm ISO 8601 / not an ISO 8601 time: {text!r}",
            param_hint="--from",
        ) from None
    if value.tzinfo is None:
        # Someone typing a wall time at a Vietnamese unit means Vietnam time, not the
        # machine's (which may well be UTC).
        value = value.replace(tzinfo=TZ)
    return value.astimezone(TZ)


def _read_bundle_manifest(path: Path):
    try:
        from content_library.bundle import read_manifest_unverified
    except ImportError as exc:
        if exc.name != "content_library.bundle":
            raise  # a real import failure inside the bundle module: show it
        raise click.ClickException(
            "chưa đọc được gói (content_library.bundle chưa có) / "
            "bundle reading is not available yet; use --manifest-json FILE"
        ) from None
    try:
        return read_manifest_unverified(path)
    except Exception as exc:  # the bundle module's own errors: show its one-line reason
        raise click.ClickException(
            f"không đọc được gói / cannot read bundle {path}: {exc}"
        ) from None


def _read_manifest_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(
            f"không đọc được tệp manifest / cannot read manifest {path}: {exc}"
        ) from None
    if not isinstance(data, dict):
        raise click.ClickException(
            f"manifest phải là một đối tượng JSON / manifest must be a JSON object: {path}"
        )
    return data


@click.command("plan")
@click.argument("bundle", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--from",
    "from_",
    required=True,
    metavar="ISO8601",
    help="Bắt đầu / window start, e.g. 2025-03-01T05:00+07:00 (no offset = Vietnam time).",
)
@click.option(
    "--hours",
    type=click.FloatRange(min=0, min_open=True, max=MAX_HOURS),
    default=24.0,
    show_default=True,
    help="Số giờ / window length in hours.",
)
@click.option(
    "--manifest-json",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Đọc manifest JSON thay cho gói / read a manifest JSON file instead of a bundle.",
)
def plan(bundle: Path | None, from_: str, hours: float, manifest_json: Path | None) -> None:
    """Lịch phát của gói dưới dạng JSON lines / print a bundle's timeline as JSON lines.

    One object per line on stdout: start, end (ISO 8601, +07:00), item, priority.
    Conflicts and policy violations go to stderr, one line each. The bundle's signature
    is not checked here (use `loa bundle verify`).
    """
    if (bundle is None) == (manifest_json is None):
        raise click.UsageError(
            "cần đúng một: BUNDLE hoặc --manifest-json / give BUNDLE or --manifest-json"
        )
    start = _parse_from(from_)
    if manifest_json is not None:
        manifest = _read_manifest_json(manifest_json)
    else:
        assert bundle is not None  # exactly one of the two, checked above
        manifest = _read_bundle_manifest(bundle)
    try:
        result = plan_from_manifest(manifest, start=start, hours=hours)
    except ScheduleError as exc:
        raise click.ClickException(f"{exc.reason_vi} / {exc.reason}") from None

    for entry in result.entries:
        click.echo(json.dumps(entry.to_json(), ensure_ascii=False))
    for conflict in result.conflicts:
        click.echo(
            f"xung đột / conflict {iso(conflict.at)}: {conflict.reason_vi} / {conflict.reason}",
            err=True,
        )
    for violation in result.violations:
        click.echo(
            f"vi phạm / violation {violation.kind} {iso(violation.at)}: "
            f"{violation.reason_vi} / {violation.reason}",
            err=True,
        )

"""`loa keys ...` and `loa bundle ...`: signing keys, bundle verification and inspection."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from content_library.types import HO_CHI_MINH
from loa.errors import fail, one_line

# Exit codes of `loa bundle verify`: 0 valid, 1 rejected, 2 usage / unusable trust key.
EXIT_REJECTED = 1
EXIT_USAGE = 2


@click.group()
def keys() -> None:
    """Khóa ký gói (Ed25519) / bundle signing keys."""


@keys.command("generate")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Private key file (written 0600); the public key goes to OUT.pub.",
)
def keys_generate(out: Path) -> None:
    """Tạo cặp khóa mới / generate a new key pair (OUT and OUT.pub)."""
    from protocol import keys as signing

    pub_path = out.with_name(out.name + ".pub")
    for path in (out, pub_path):
        if path.exists() or path.is_symlink():
            fail(
                f"{path} đã tồn tại; không ghi đè khóa",
                f"{path} already exists; not overwriting a key",
                EXIT_REJECTED,
            )
    private, public = signing.generate_keypair()
    try:
        signing.write_private_key(out, private)
        signing.write_public_key(pub_path, public)
    except signing.KeyFileError as exc:
        fail(exc.reason_vi, exc.reason, EXIT_REJECTED)
    except OSError as exc:
        fail(f"không ghi được khóa: {exc}", f"cannot write key: {exc}", EXIT_REJECTED)
    click.echo(f"key_id {signing.key_id(public)}")
    click.echo(f"private {out}")
    click.echo(f"public {pub_path}: {signing.public_key_line(public)}")


@keys.command("public")
@click.argument("private_key", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def keys_public(private_key: Path) -> None:
    """In dòng khóa công khai của khóa bí mật / print the public-key line of a private key."""
    from protocol import keys as signing

    try:
        key = signing.load_private_key(private_key)
    except signing.KeyFileError as exc:
        fail(exc.reason_vi, exc.reason, EXIT_REJECTED)
    click.echo(signing.public_key_line(key.public_key()))


@click.group()
def bundle() -> None:
    """Gói nội dung đã ký / signed content bundles."""


def _parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(ZoneInfo(HO_CHI_MINH))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"không phải thời điểm ISO 8601 / not an ISO 8601 time: {value}", param_hint="--now"
        ) from None
    if parsed.tzinfo is None:  # a bare local time means Vietnam time, never the machine's TZ
        parsed = parsed.replace(tzinfo=ZoneInfo(HO_CHI_MINH))
    return parsed


@bundle.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--trust",
    "trust",
    multiple=True,
    required=True,
    help="Trusted public key: a .pub file or an 'ed25519:<key_id>:<base64>' line. Repeatable.",
)
@click.option(
    "--state",
    "state_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Unit state directory: refuse a sequence not newer than the one held.",
)
@click.option("--now", "now", help="Check the validity window at this ISO 8601 time.")
@click.option(
    "--clock-untrusted",
    is_flag=True,
    help="The clock is not synchronised: skip validity-window checks (and say so).",
)
@click.option("--unit", "unit_id", help="Also require the bundle to target this unit id.")
@click.option("--area", "unit_areas", multiple=True, help="The unit's area ids (with --unit).")
def bundle_verify(
    file: Path,
    trust: tuple[str, ...],
    state_dir: Path | None,
    now: str | None,
    clock_untrusted: bool,
    unit_id: str | None,
    unit_areas: tuple[str, ...],
) -> None:
    """Xác minh gói / verify a bundle: exit 0 and "OK …", else non-zero and one reason.

    Everything the unit checks on import, including that its scheduler can use the schedule.
    """
    from playout.store import check_schedule
    from protocol import bundle as bundle_mod
    from protocol import keys as signing

    try:
        trusted = signing.load_trusted_keys(list(trust))
    except signing.KeyFileError as exc:
        fail(f"khóa tin cậy không dùng được: {exc.reason_vi}", f"bad trust key: {exc}", EXIT_USAGE)
    when = _parse_now(now)
    try:
        verified = bundle_mod.verify_bundle(
            file,
            trusted_keys=trusted,
            now=when,
            clock_trusted=not clock_untrusted,
            state_dir=state_dir,
            unit_id=unit_id,
            unit_areas=unit_areas,
            # the unit's own scheduler must be able to use the schedule, or it plays nothing
            manifest_check=check_schedule,
        )
    except bundle_mod.BundleRejected as exc:
        fail(f"TỪ CHỐI: {exc.reason_vi}", f"REJECTED: {exc.reason}", EXIT_REJECTED)
    m = verified.manifest
    line = (
        f"OK bundle {m.bundle_id} sequence {m.sequence} key {m.key_id} "
        f"items {len(m.items)} audio {len(m.audio_sizes)} expires {m.expires_at.isoformat()}"
    )
    if not verified.time_checked:
        line += (
            " (đồng hồ chưa tin cậy: chưa kiểm tra thời hạn"
            " / clock not trusted: validity window not checked)"
        )
    if not verified.sequence_checked:
        line += " (không kiểm tra số thứ tự / sequence not checked: no --state)"
    click.echo(one_line(line))


@bundle.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def bundle_inspect(file: Path) -> None:
    """In manifest dạng JSON (CHƯA xác minh) / print the manifest as JSON (NOT verified)."""
    from protocol import bundle as bundle_mod

    try:
        manifest = bundle_mod.read_manifest_unverified(file)
    except bundle_mod.BundleRejected as exc:
        fail(f"không đọc được gói: {exc.reason_vi}", f"cannot read bundle: {exc}", EXIT_REJECTED)
    click.echo("(chưa xác minh chữ ký / signature not verified)", err=True)
    click.echo(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))

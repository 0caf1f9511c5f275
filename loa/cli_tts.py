"""`loa tts ...`: text-to-speech tools on the command line (normalization for now)."""

from __future__ import annotations

import click

from tts.normalize import NormalizationError, normalize_with_report


@click.group()
def tts() -> None:
    """Chuẩn hóa và đọc văn bản / text-to-speech tools."""


@tts.command("normalize")
@click.argument("text")
@click.option(
    "--region",
    type=click.Choice(["north", "central", "south"]),
    default="north",
    show_default=True,
    help="Cách đọc theo vùng (linh/lẻ, nghìn/ngàn) / regional reading.",
)
@click.option(
    "--report",
    is_flag=True,
    help="In kết quả dạng JSON kèm các chỗ đã đọc và cảnh báo / print JSON with the "
    "expansions and warnings (docs/normalization.md).",
)
def normalize_command(text: str, region: str, report: bool) -> None:
    """In cách đọc của TEXT / print the spoken form of TEXT.

    Chỗ không chắc cách đọc được cảnh báo trên stderr / uncertain spans are warned on stderr.
    """
    try:
        result = normalize_with_report(text, region=region)
    except NormalizationError as err:
        # Vietnamese first, English second (the house rule for user-facing text).
        click.echo(f"Lỗi: {err.reason_vi} / Error: {err}", err=True)
        raise SystemExit(2) from None
    if report:
        click.echo(result.to_json(indent=2))
        return
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning.reason_vi} / Warning: {warning.reason_en}", err=True)
    click.echo(result.spoken)

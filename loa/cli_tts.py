"""`loa tts ...`: text-to-speech tools on the command line (normalization for now)."""

from __future__ import annotations

import click

from tts.normalize import NormalizationError, normalize


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
def normalize_command(text: str, region: str) -> None:
    """In cách đọc của TEXT / print the spoken form of TEXT."""
    try:
        spoken = normalize(text, region=region)
    except NormalizationError as err:
        # Vietnamese first, English second (the house rule for user-facing text).
        click.echo(f"Lỗi: {err.reason_vi} / Error: {err}", err=True)
        raise SystemExit(2) from None
    click.echo(spoken)

"""`loa render`: a script file to a mastered WAV, with progress on stderr."""

from __future__ import annotations

import os
from pathlib import Path

import click

from loa.errors import fail_on


def _default_cache_dir() -> Path:
    base = os.environ.get("LOA_DATA_DIR")
    if base:
        return Path(base) / "cache" / "tts"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "loa" / "tts"


@click.command("render")
@click.argument("script", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp WAV đầu ra / output WAV",
)
@click.option(
    "--engine",
    default="espeak",
    show_default=True,
    help="espeak | piper | gtts (gtts falls back to espeak when offline)",
)
@click.option(
    "--voice",
    default=None,
    help="Giọng đọc / voice: vi, vi-vn-x-central, vi-vn-x-south, a piper .onnx, "
    "or ENGINE:VOICE (e.g. piper:/path/voice.onnx)",
)
@click.option(
    "--template",
    "template_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Mẫu chương trình / programme template (.json or .toml)",
)
@click.option(
    "--region",
    type=click.Choice(["north", "central", "south"]),
    default="north",
    show_default=True,
    help="Vùng đọc số và giọng mặc định / reading region",
)
@click.option(
    "--cache-dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Bộ nhớ đệm câu đã đọc / sentence cache folder",
)
@click.option("--no-cache", is_flag=True, help="Không dùng bộ nhớ đệm / do not cache sentences")
@click.option(
    "--recording",
    is_flag=True,
    help="SCRIPT là bản ghi âm, không phải văn bản / SCRIPT is a recording",
)
def render(
    script: Path,
    output: Path,
    engine: str,
    voice: str | None,
    template_path: Path | None,
    region: str,
    cache_dir: Path | None,
    no_cache: bool,
    recording: bool,
) -> None:
    """Đọc kịch bản SCRIPT thành âm thanh đã xử lý / render SCRIPT to mastered audio."""
    from tqdm import tqdm

    from tts.mix import ProgrammeTemplate
    from tts.ports import TTSError
    from tts.render import render_recording, render_script

    if voice and ":" in voice and voice.split(":", 1)[0] in ("espeak", "piper", "gtts"):
        engine, voice = voice.split(":", 1)
    elif voice and voice.endswith(".onnx"):
        engine = "piper"
    bar = tqdm(
        total=0,
        unit="câu",
        desc="render",
        file=click.get_text_stream("stderr"),
        leave=False,
        dynamic_ncols=True,
    )

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        template = ProgrammeTemplate.load(template_path) if template_path else ProgrammeTemplate()
        if recording:
            result = render_recording(script, template=template, progress=progress, out_path=output)
        else:
            text = script.read_text(encoding="utf-8")
            result = render_script(
                text,
                engine=engine,
                voice=voice,
                region=region,
                template=template,
                cache_dir=None if no_cache else (cache_dir or _default_cache_dir()),
                progress=progress,
                out_path=output,
            )
    except (TTSError, ValueError, OSError) as exc:
        fail_on(exc)
    finally:
        bar.close()
    for w in result.warnings:
        click.echo(f"cảnh báo / warning: {w.message_vi} / {w.message_en}", err=True)
    click.echo(f"sha256: {result.sha256}")
    click.echo(f"duration_s: {result.duration_s:.2f}")
    click.echo(f"loudness_lufs: {result.loudness_lufs:.2f}")
    click.echo(f"true_peak_dbtp: {result.true_peak_dbtp:.2f}")
    click.echo(f"engine: {result.engine_used}")
    click.echo(f"output: {output}")

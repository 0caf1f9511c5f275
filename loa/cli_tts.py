"""`loa tts ...`: text-to-speech tools on the command line (normalization, installed voices)."""

from __future__ import annotations

import os
from pathlib import Path

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


# --- loa tts voices: installed piper voices (tts.voices, docs/voices.md) ---------------------

DATA_DIR_OPTION = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: os.environ.get("LOA_DATA_DIR", "data"),
    show_default="$LOA_DATA_DIR or ./data",
    help="Thư mục dữ liệu của máy chủ; giọng nằm trong voices/ / the panel's data directory.",
)
REGION_VI = {"north": "Bắc", "central": "Trung", "south": "Nam"}


def _fail(exc: Exception) -> click.ClickException:
    vi = getattr(exc, "reason_vi", None) or str(exc)
    return click.ClickException(f"{vi} / {getattr(exc, 'reason', None) or exc}")


def _registry(data_dir: Path):
    from tts.voices import VoiceRegistry

    return VoiceRegistry.for_data_dir(data_dir)


def _describe_choice(choice: str) -> str:
    return "espeak-ng" if choice == "espeak" else choice


@tts.group("voices")
def voices() -> None:
    """Giọng đọc piper đã cài, giọng theo vùng / installed piper voices, voice per region.

    espeak-ng luôn có sẵn và là giọng mặc định / espeak-ng is always there and the default.
    """


@voices.command("add")
@click.argument("model", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tệp cấu hình .onnx.json nếu không nằm cạnh mô hình / the "
    "voice config when it is not MODEL.onnx.json beside the model.",
)
@click.option(
    "--model-card",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tệp MODEL_CARD của giọng (giấy phép) / the voice's MODEL_CARD (licence); "
    "a MODEL_CARD beside the model is found by itself.",
)
@click.option(
    "--name",
    default=None,
    help="Tên giọng (mặc định: tên tệp) / voice name (default: the file name without .onnx).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Thay giọng cùng tên đã cài / replace an installed voice of the same name.",
)
@DATA_DIR_OPTION
def voices_add(
    model: Path,
    config: Path | None,
    model_card: Path | None,
    name: str | None,
    force: bool,
    data_dir: Path,
) -> None:
    """Kiểm tra, đọc thử và cài một giọng piper / check, test-read and install a piper voice.

    MODEL là tệp .onnx đã tải về (ví dụ vi_VN-vais1000-medium.onnx), kèm MODEL.onnx.json
    cạnh nó / MODEL is the downloaded .onnx, with MODEL.onnx.json beside it.
    """
    from datetime import UTC, datetime

    from tts.ports import TTSError

    try:
        voice, check = _registry(data_dir).install(
            model,
            config=config,
            model_card=model_card,
            name=name,
            force=force,
            now=datetime.now(UTC),
        )
    except TTSError as exc:
        raise _fail(exc) from None
    click.echo(
        f"Đã cài giọng / installed: {voice.name} ({voice.language}, "
        f"{voice.quality or '?'}, {voice.sample_rate} Hz, sha256 {voice.sha256[:12]}…)"
    )
    click.echo(f"Đọc thử / test sentence: {check.seconds:.1f} s, {check.engine_used}")
    if voice.licence:
        click.echo(f"Giấy phép / licence: {voice.licence}")
    if not voice.licence or "unknown" in voice.licence.lower():
        click.echo(
            "Cảnh báo: chưa rõ giấy phép; đọc MODEL_CARD của giọng trước khi phát công "
            "khai / Warning: licence unclear; read the voice's MODEL_CARD before public "
            "broadcast (docs/voices.md)",
            err=True,
        )
    in_use = _registry(data_dir).chosen_by(voice.name)
    if in_use:
        where = ", ".join(in_use)
        click.echo(
            f"Vùng {where} đang dùng giọng này: khởi động lại panel để dựng lại âm thanh / "
            f"{where} use this voice: restart the panel to render their scripts again",
            err=True,
        )
        return
    click.echo(
        "Chọn giọng cho vùng: Quản trị → Giọng đọc, hoặc / choose it for a region in the "
        f"panel or: loa tts voices choose REGION {voice.name}"
    )


@voices.command("list")
@click.option("--json", "as_json", is_flag=True, help="In JSON / print JSON.")
@DATA_DIR_OPTION
def voices_list(as_json: bool, data_dir: Path) -> None:
    """Liệt kê giọng đã cài và giọng theo vùng / list installed voices and the voice per region."""
    import json

    from tts.ports import TTSError

    registry = _registry(data_dir)
    try:
        installed, choices = registry.voices(), registry.choices()
    except TTSError as exc:
        raise _fail(exc) from None
    if as_json:
        click.echo(
            json.dumps(
                {
                    "voices": [
                        {**v.to_dict(), "present": registry.present(v.name)} for v in installed
                    ],
                    "regions": choices,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not installed:
        click.echo("Chưa cài giọng piper nào / no piper voice installed")
    for v in installed:
        state = "" if registry.present(v.name) else "  [THIẾU TỆP / FILES MISSING]"
        click.echo(
            f"{v.name}  {v.language}  {v.quality or '?'}  {v.sample_rate} Hz  "
            f"sha256 {v.sha256[:12]}…  licence: {v.licence or 'unknown'}{state}"
        )
    for region, choice in choices.items():
        name = choice.removeprefix("piper:")
        gone = choice != "espeak" and not registry.present(name)
        note = "  (thiếu, đọc bằng espeak-ng / missing, read by espeak-ng)" if gone else ""
        click.echo(f"{region} ({REGION_VI[region]}): {_describe_choice(choice)}{note}")


@voices.command("remove")
@click.argument("name")
@DATA_DIR_OPTION
def voices_remove(name: str, data_dir: Path) -> None:
    """Gỡ một giọng đã cài / remove an installed voice."""
    from tts.ports import TTSError

    try:
        voice, regions = _registry(data_dir).remove(name)
    except TTSError as exc:
        raise _fail(exc) from None
    click.echo(f"Đã gỡ giọng / removed: {voice.name}")
    if regions:
        where = ", ".join(regions)
        click.echo(
            f"Cảnh báo: vùng {where} vẫn chọn giọng này và sẽ đọc bằng espeak-ng cho đến "
            f"khi chọn giọng khác / Warning: {where} still choose it and will be read by "
            "espeak-ng until another voice is chosen",
            err=True,
        )


@voices.command("choose")
@click.argument("region", type=click.Choice(["north", "central", "south"]))
@click.argument("voice")
@DATA_DIR_OPTION
def voices_choose(region: str, voice: str, data_dir: Path) -> None:
    """Chọn giọng cho một vùng: espeak hoặc tên giọng đã cài / choose a region's voice:
    espeak or an installed voice name.

    Máy chủ đang chạy áp dụng khi khởi động lại; trang Quản trị → Giọng đọc áp dụng ngay /
    a running panel applies it when restarted; its admin page applies it at once.
    """
    from tts.ports import TTSError

    registry = _registry(data_dir)
    try:
        previous = registry.choose(region, voice)
        chosen = registry.choices()[region]
    except TTSError as exc:
        raise _fail(exc) from None
    click.echo(f"Vùng / region {region}: {_describe_choice(previous)} → {_describe_choice(chosen)}")

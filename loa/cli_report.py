"""`loa report`: a broadcast report for a period and an area subtree, printed or written to a
DOCX, XLSX or CSV file (the same tables as the panel's Reports page)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # what click.progressbar returns

PERIOD_NAMES = {
    "month": "Báo cáo tháng",
    "quarter": "Báo cáo quý",
    "half": "Sơ kết 6 tháng",
    "year": "Tổng kết năm",
}


@click.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: os.environ.get("LOA_DATA_DIR", "data"),
    show_default="$LOA_DATA_DIR or ./data",
    help="The panel's data directory (its database).",
)
@click.option("--db-url", default=None, help="A database URL instead of the data directory's.")
@click.option(
    "--area", "area", required=True, metavar="ID|NAME", help="Area id or exact name (its subtree)."
)
@click.option(
    "--period",
    type=click.Choice(list(PERIOD_NAMES)),
    default="month",
    show_default=True,
    help="month (tháng), quarter (quý), half (sơ kết 6 tháng), year (tổng kết năm).",
)
@click.option(
    "--start", required=True, metavar="YYYY-MM", help="Any month inside the period, e.g. 2026-03."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "xlsx", "docx"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: a name from the report; text goes to stdout).",
)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def report(
    data_dir: Path,
    db_url: str | None,
    area: str,
    period: str,
    start: str,
    fmt: str,
    output: Path | None,
    lang: str,
) -> None:
    """Báo cáo phát thanh / broadcast report: lượt phát, thời lượng, ấp được phủ sóng, sự cố,
    chỉ tiêu."""
    from sqlmodel import Session, select

    from content_library.db import default_database_url, make_engine
    from content_library.errors import LoaError
    from content_library.models import Area, require_id
    from web.services import report_export, reports

    engine = make_engine(
        db_url or os.environ.get("LOA_DATABASE_URL") or default_database_url(data_dir)
    )
    try:
        with Session(engine) as session:
            area_row = (
                session.get(Area, int(area))
                if area.isdigit()
                else session.exec(select(Area).where(Area.name == area)).first()
            )
            if area_row is None:
                raise click.ClickException(f"Không tìm thấy địa bàn / no such area: {area}")
            try:
                rep = reports.build_report(
                    session,
                    area_id=require_id(area_row),
                    period=period,
                    start=reports.parse_start(start),
                    now=datetime.now(UTC),
                )
            except LoaError as exc:
                raise click.ClickException(exc.reason_vi if lang == "vi" else exc.reason) from None
    finally:
        engine.dispose()

    if fmt == "text":
        text = render_text(rep, lang)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        return
    path = output or Path(report_export.filename(rep, fmt))
    progress_bar: ProgressBar[int] = click.progressbar(
        length=100, label=f"{PERIOD_NAMES[period]} → {path}", file=click.get_text_stream("stderr")
    )
    with progress_bar as bar:
        done = [0]

        def progress(fraction: float) -> None:
            step = int(fraction * 100) - done[0]
            if step > 0:
                bar.update(step)
                done[0] += step

        data = report_export.export(rep, fmt, lang, progress)
    path.write_bytes(data)
    click.echo(str(path))


def render_text(rep, lang: str = "vi") -> str:
    """The report as aligned plain-text tables."""
    from web.services.report_export import heading, report_tables

    title, lines = heading(rep, lang)
    out = [title, *lines, ""]
    for table in report_tables(rep, lang):
        out.append(f"== {table.title} ==")
        rows = [[_cell(v) for v in r] for r in table.rows]
        widths = [
            max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h))
            for i, h in enumerate(table.headers)
        ]
        out.append("  ".join(str(h).ljust(w) for h, w in zip(table.headers, widths, strict=True)))
        for r in rows:
            out.append("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
        if not rows:
            out.append("—")
        out.append("")
    return "\n".join(out)


def _cell(v) -> str:
    """A cell as the terminal shows it: a unit's text (an as-run reason) with an escape sequence,
    a bidi override or a line break would rewrite the admin's screen or the table around it,
    so each is written as its escape (web.services.visible; docs/security.md 38)."""
    from web.services.visible import visible

    if isinstance(v, float):
        return f"{v:.1f}"
    return visible(str(v)).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")

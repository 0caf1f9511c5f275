"""A built report as tables, and those tables as CSV, XLSX (openpyxl) and DOCX (python-docx).

``report_tables`` is the one place that decides the sections, columns and numbers; the
panel page, the three file formats and ``loa report`` all read it, so they cannot disagree.
Exports take a ``progress(fraction)`` callback so a long export can show how far it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from web.services.charts import text_bar
from web.services.reports import MET, NOT_MET, Report
from web.services.visible import visible

Progress = Callable[[float], None]
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}

_L = {
    "vi": {
        "summary": "Tổng hợp",
        "by_topic": "Theo chủ đề",
        "by_area": "Theo địa bàn",
        "by_unit": "Theo cụm loa",
        "by_month": "Theo tháng",
        "villages": "Ấp, thôn được phủ sóng",
        "failures": "Sự cố phát sóng",
        "relays": "Tiếp sóng",
        "channel": "Kênh",
        "windows": "Số khung giờ",
        "relay_minutes": "Đã tiếp sóng (phút)",
        "dropouts": "Số lần mất sóng",
        "dropout_minutes": "Mất sóng (phút)",
        "received_mb": "Dữ liệu nhận (MB)",
        "targets": "Tiến độ chỉ tiêu",
        "item": "Chỉ số",
        "value": "Giá trị",
        "broadcasts": "Số lượt phát",
        "minutes": "Thời lượng (phút)",
        "failed": "Lỗi",
        "skipped": "Bỏ qua",
        "problems": "Lỗi, bỏ qua",
        "topic": "Chủ đề",
        "code": "Mã",
        "area": "Địa bàn",
        "level": "Cấp",
        "unit": "Cụm loa",
        "kind": "Loại",
        "month": "Tháng",
        "village": "Ấp/thôn",
        "commune": "Xã",
        "covered": "Đã phủ sóng",
        "yes": "Có",
        "no": "Chưa",
        "reason": "Lý do",
        "count": "Số lần",
        "period": "Kỳ",
        "target_b": "Chỉ tiêu (lượt)",
        "target_m": "Chỉ tiêu (phút)",
        "done_b": "Đã phát (lượt)",
        "done_m": "Đã phát (phút)",
        "result": "Kết quả",
        "any_topic": "Mọi chủ đề",
        "villages_covered": "Ấp/thôn được phủ sóng",
        "targets_met": "Chỉ tiêu đạt",
        "fixed": "cố định",
        "mobile": "di động",
        "no_topic": "(không chủ đề)",
        MET: "Đạt",
        NOT_MET: "Chưa đạt",
        "in_progress": "Đang thực hiện",
        "p_month": "tháng",
        "p_quarter": "quý",
        "p_half": "6 tháng",
        "p_year": "năm",
        "province": "tỉnh",
        "district": "huyện",
        "village_k": "ấp",
        "commune_k": "xã",
        "area_line": "Địa bàn",
        "period_line": "Kỳ báo cáo",
        "running": "(kỳ chưa kết thúc)",
        "chart": "Biểu đồ",
    },
    "en": {
        "summary": "Summary",
        "by_topic": "By topic",
        "by_area": "By area",
        "by_unit": "By unit",
        "by_month": "By month",
        "villages": "Villages covered",
        "failures": "Broadcast failures",
        "relays": "Relays",
        "channel": "Channel",
        "windows": "Windows",
        "relay_minutes": "Relayed (minutes)",
        "dropouts": "Dropouts",
        "dropout_minutes": "Dropouts (minutes)",
        "received_mb": "Received (MB)",
        "targets": "Progress against targets",
        "item": "Measure",
        "value": "Value",
        "broadcasts": "Broadcasts",
        "minutes": "Airtime (minutes)",
        "failed": "Failed",
        "skipped": "Skipped",
        "problems": "Failed or skipped",
        "topic": "Topic",
        "code": "Code",
        "area": "Area",
        "level": "Level",
        "unit": "Unit",
        "kind": "Kind",
        "month": "Month",
        "village": "Village",
        "commune": "Commune",
        "covered": "Covered",
        "yes": "Yes",
        "no": "No",
        "reason": "Reason",
        "count": "Count",
        "period": "Period",
        "target_b": "Target (broadcasts)",
        "target_m": "Target (minutes)",
        "done_b": "Done (broadcasts)",
        "done_m": "Done (minutes)",
        "result": "Result",
        "any_topic": "Any topic",
        "villages_covered": "Villages covered",
        "targets_met": "Targets met",
        "fixed": "fixed",
        "mobile": "mobile",
        "no_topic": "(no topic)",
        MET: "Met",
        NOT_MET: "Not met",
        "in_progress": "In progress",
        "p_month": "month",
        "p_quarter": "quarter",
        "p_half": "half-year",
        "p_year": "year",
        "province": "province",
        "district": "district",
        "village_k": "village",
        "commune_k": "commune",
        "area_line": "Area",
        "period_line": "Period",
        "running": "(period still running)",
        "chart": "Chart",
    },
}


def labels(locale: str) -> dict[str, str]:
    return _L["en" if locale == "en" else "vi"]


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]
    chart: list[tuple[str, float]] | None = None  # (label, value) for a bar chart


def _kind(lab: dict, kind: str) -> str:
    return lab.get({"village": "village_k", "commune": "commune_k"}.get(kind, kind), kind)


def report_tables(report: Report, locale: str = "vi") -> list[Table]:
    lab = labels(locale)
    t = report.totals
    covered = len(report.covered_villages)
    met = sum(1 for r in report.targets if r.status == MET)
    summary = Table(
        "summary",
        lab["summary"],
        [lab["item"], lab["value"]],
        [
            [lab["broadcasts"], t.broadcasts],
            [lab["minutes"], t.minutes],
            [lab["failed"], t.failed],
            [lab["skipped"], t.skipped],
            [lab["villages_covered"], f"{covered}/{len(report.villages)}"],
            [lab["targets_met"], f"{met}/{len(report.targets)}"],
        ],
    )
    topic_rows: list[list[Any]] = [
        [
            r.code or "",
            r.name or lab["no_topic"],
            r.tally.broadcasts,
            r.tally.minutes,
            r.tally.failures,
        ]
        for r in report.by_topic
    ]
    by_topic = Table(
        "by_topic",
        lab["by_topic"],
        [lab["code"], lab["topic"], lab["broadcasts"], lab["minutes"], lab["problems"]],
        topic_rows,
        chart=[(r[1], r[2]) for r in topic_rows],
    )
    by_area = Table(
        "by_area",
        lab["by_area"],
        [lab["area"], lab["level"], lab["broadcasts"], lab["minutes"], lab["problems"]],
        [
            [
                "  " * a.depth + a.name,
                _kind(lab, a.kind),
                a.tally.broadcasts,
                a.tally.minutes,
                a.tally.failures,
            ]
            for a in report.by_area
        ],
    )
    by_unit = Table(
        "by_unit",
        lab["by_unit"],
        [
            lab["code"],
            lab["unit"],
            lab["kind"],
            lab["area"],
            lab["broadcasts"],
            lab["minutes"],
            lab["problems"],
        ],
        [
            [
                u.id,
                u.name,
                lab.get(u.kind, u.kind),
                u.area_name,
                u.tally.broadcasts,
                u.tally.minutes,
                u.tally.failures,
            ]
            for u in report.by_unit
        ],
        chart=[(u.name, u.tally.broadcasts) for u in report.by_unit],
    )
    month_rows: list[list[Any]] = [
        [
            f"{m.start.month:02d}/{m.start.year}",
            m.tally.broadcasts,
            m.tally.minutes,
            m.tally.failures,
        ]
        for m in report.by_month
    ]
    by_month = Table(
        "by_month",
        lab["by_month"],
        [lab["month"], lab["broadcasts"], lab["minutes"], lab["problems"]],
        month_rows,
        chart=[(r[0], r[1]) for r in month_rows],
    )
    villages = Table(
        "villages",
        lab["villages"],
        [lab["village"], lab["commune"], lab["broadcasts"], lab["minutes"], lab["covered"]],
        [
            [
                v.name,
                v.commune,
                v.broadcasts,
                round(v.seconds / 60.0, 1),
                lab["yes"] if v.covered else lab["no"],
            ]
            for v in report.villages
        ],
    )
    failures = Table(
        "failures",
        lab["failures"],
        [lab["kind"], lab["reason"], lab["count"]],
        [[lab[f.kind], f.reason, f.count] for f in report.failures],
    )
    targets = Table(
        "targets",
        lab["targets"],
        [
            lab["commune"],
            lab["topic"],
            lab["period"],
            lab["target_b"],
            lab["target_m"],
            lab["done_b"],
            lab["done_m"],
            lab["result"],
        ],
        [
            [
                r.commune,
                r.topic_name or lab["any_topic"],
                lab["p_" + r.period],
                r.min_broadcasts,
                r.min_minutes,
                r.broadcasts,
                r.minutes,
                lab[r.status],
            ]
            for r in report.targets
        ],
    )
    out = [summary, by_topic, by_area, by_unit, by_month, villages, failures, targets]
    if report.relays:  # relay windows (tiếp sóng): per channel and area, then per channel
        out.append(
            Table(
                "relays",
                lab["relays"],
                [
                    lab["channel"],
                    lab["area"],
                    lab["windows"],
                    lab["relay_minutes"],
                    lab["dropouts"],
                    lab["dropout_minutes"],
                    lab["failed"],
                    lab["received_mb"],
                ],
                [
                    [
                        r.name,
                        r.area_name or report.area_name,
                        r.windows,
                        r.minutes,
                        r.dropouts,
                        round(r.dropout_s / 60.0, 1),
                        r.failed,
                        round(r.bytes / 1e6, 1),
                    ]
                    for r in [*report.relays, *report.relay_channels]
                ],
                chart=[(r.name, r.minutes) for r in report.relay_channels],
            )
        )
    return out


def heading(report: Report, locale: str = "vi") -> tuple[str, list[str]]:
    """The document title and the lines under it."""
    lab = labels(locale)
    title = report.title_vi if locale != "en" else f"Broadcast report, {report.label('en')}"
    lines = [
        f"{lab['area_line']}: {report.area_name}",
        f"{lab['period_line']}: {report.label(locale)} "
        f"({report.start:%d/%m/%Y} – {_last_day(report):%d/%m/%Y})"
        + ("" if report.complete else f" {lab['running']}"),
    ]
    return title, lines


def _last_day(report: Report):
    from datetime import timedelta

    return report.end - timedelta(days=1)


def _noop(_: float) -> None:
    pass


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def xml_safe(value):
    """Text an XLSX or DOCX file can hold, and that reads as it was sent: a character XML
    cannot hold (a C0 control, a lone surrogate) is written as its escape (``\\x1b``,
    ``\\udcff``), and so is one that would reorder or hide the text around it (a bidi
    override ``\\u202e``, a C1 control: ``web.services.visible``). A unit's reason reaches the
    report as the unit sent it: one escape character in it made every XLSX and DOCX export of
    that area and period fail (docs/security.md 37), one U+202E reversed its row in every
    format (38). Numbers stay numbers."""
    if isinstance(value, str):
        return visible(value)
    return value


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text, never runs: a text that a spreadsheet would read as
    a formula (=, +, -, @ first, after any spaces; or a tab or line break first) gets a
    leading apostrophe. Names come from people (areas, units, topics) and reasons from units;
    numbers stay numbers."""
    if isinstance(value, str) and (
        value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START)
    ):
        return "'" + value
    return value


def _safe_row(row) -> list:
    return [spreadsheet_safe(xml_safe(v)) for v in row]


def to_csv(report: Report, locale: str = "vi", progress: Progress = _noop) -> bytes:
    """One file, sections one after another (title line, header, rows, blank line); UTF-8 with
    a BOM so spreadsheet programs read the Vietnamese letters right."""
    buf = io.StringIO()
    w = csv.writer(buf)
    title, lines = heading(report, locale)
    w.writerow(_safe_row([title]))
    for line in lines:
        w.writerow(_safe_row([line]))
    w.writerow([])
    tables = report_tables(report, locale)
    for i, table in enumerate(tables):
        w.writerow(_safe_row([table.title]))
        w.writerow(_safe_row(table.headers))
        w.writerows(_safe_row(r) for r in table.rows)
        w.writerow([])
        progress((i + 1) / len(tables))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(report: Report, locale: str = "vi", progress: Progress = _noop) -> bytes:
    """One sheet per section, numbers stored as numbers, the header row bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    tables = report_tables(report, locale)
    title, lines = heading(report, locale)
    for i, table in enumerate(tables):
        ws = wb.create_sheet(table.title[:31])
        start = 1
        if i == 0:
            ws.append(_safe_row([title]))
            ws["A1"].font = Font(bold=True, size=13)
            for line in lines:
                ws.append(_safe_row([line]))
            ws.append([])
            start = len(lines) + 3
        ws.append(_safe_row(table.headers))
        for cell in ws[start]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append(_safe_row(row))
        ws.freeze_panes = ws.cell(row=start + 1, column=1)
        if table.chart and table.rows:
            _xlsx_chart(ws, table, header_row=start)
        for j, header in enumerate(table.headers):
            width = max([len(str(header))] + [len(str(r[j])) for r in table.rows]) + 2
            ws.column_dimensions[ws.cell(row=start, column=j + 1).column_letter].width = min(
                48, width
            )
        progress((i + 1) / len(tables))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsx_chart(ws, table: Table, *, header_row: int) -> None:
    """A native Excel bar chart of the table's broadcasts column beside the table."""
    from openpyxl.chart import BarChart, Reference

    label_col = 2 if table.key in ("by_topic", "by_unit") else 1  # the name, not the code
    value_col = next(i for i, r in enumerate(table.rows[0]) if isinstance(r, int | float)) + 1
    last = header_row + len(table.rows)
    chart = BarChart()
    chart.type = "col" if table.key == "by_month" else "bar"
    chart.title = table.title
    chart.legend = None
    chart.add_data(
        Reference(ws, min_col=value_col, min_row=header_row, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=label_col, min_row=header_row + 1, max_row=last))
    chart.height, chart.width = (
        max(6.0, 0.8 * len(table.rows) + 3) if chart.type == "bar" else 7.5,
        16,
    )
    ws.add_chart(chart, ws.cell(row=header_row, column=len(table.headers) + 2).coordinate)


def to_docx(report: Report, locale: str = "vi", progress: Progress = _noop) -> bytes:
    """A Word report as offices send upward: title, area and period, then one table per
    section; charts as text bars (Word cannot hold the panel's SVG without a converter)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lab = labels(locale)
    doc = Document()
    title, lines = heading(report, locale)
    h = doc.add_heading(xml_safe(title), level=1)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in lines:
        doc.add_paragraph(xml_safe(line))
    tables = report_tables(report, locale)
    for i, table in enumerate(tables):
        doc.add_heading(table.title, level=2)
        if not table.rows:
            doc.add_paragraph("—")
        else:
            grid = doc.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = xml_safe(str(header))
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in table.rows:
                cells = grid.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = _docx_value(value)
        if table.chart and any(v for _, v in table.chart):
            top = max(v for _, v in table.chart)
            doc.add_paragraph(f"{lab['chart']}: {table.title}")
            for label, value in table.chart:
                doc.add_paragraph(xml_safe(f"{label}: {text_bar(value, top)} {_docx_value(value)}"))
        progress((i + 1) / len(tables))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_value(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return xml_safe(str(value))


EXPORTERS: dict[str, Callable[..., bytes]] = {"csv": to_csv, "xlsx": to_xlsx, "docx": to_docx}


def export(report: Report, fmt: str, locale: str = "vi", progress: Progress = _noop) -> bytes:
    return EXPORTERS[fmt](report, locale, progress)


def filename(report: Report, fmt: str) -> str:
    return (
        f"bao-cao-{report.period}-{report.start:%Y-%m}-khu-vuc-{report.area_id}.{FORMATS[fmt][1]}"
    )

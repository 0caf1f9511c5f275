"""Security review 18 (docs/security.md 38): a unit's text holding a bidi override or a
control character is shown as its escape on every page and in every export, never obeyed."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlmodel import select

from content_library.models import AsRunRecord, Unit
from content_library.types import Role
from tests.web.asrun_rows import NOW_AFTER_MARCH, build_province
from tests.web.conftest import add_people
from web.services import report_export, reports
from web.services.visible import finalize, visible

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows reads backwards
# Characters that reorder or hide the text around them, as a unit may send them.
HIDDEN = (RLO, "\u202d", "\u2066", "\u2069", "\u200f", "\u061c", "\u2028", "\x1b", "\x85")


# --- a unit's text: bidi overrides and controls ----------------------------------------------


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("relay fault", "relay fault"),
        ("Đã phát\tlúc 7 giờ\r\n", "Đã phát\tlúc 7 giờ\r\n"),  # kept: they reorder nothing
        (f"tluaf{RLO}OK", "tluaf\\u202eOK"),
        ("a\u2066b\u2069c", "a\\u2066b\\u2069c"),
        ("x\u200fy\u061cz\u2028w", "x\\u200fy\\u061cz\\u2028w"),
        ("\x1b[2Jx\x07\x85\x7f", "\\x1b[2Jx\\x07\\x85\\x7f"),
        ("\ufeffv1\udcff", "\\ufeffv1\\udcff"),
    ],
)
def test_visible(sent: str, shown: str) -> None:
    assert visible(sent) == shown


def test_the_templates_finalize_leaves_markup_alone() -> None:
    from markupsafe import Markup

    assert finalize(f"a{RLO}b") == "a\\u202eb"
    kept = Markup(f"<b>{RLO}</b>")
    assert finalize(kept) is kept
    assert finalize(3) == 3 and finalize(None) is None


@pytest.fixture
def bidi_fleet(db, clock):
    """A province whose unit u1 reported a failed broadcast with a reason, an item id and a
    topic code holding a bidi override, and a software version holding one too."""
    p = build_province(db)
    clock.now = NOW_AFTER_MARCH
    failed = db.exec(select(AsRunRecord).where(AsRunRecord.kind == "failed")).one()
    failed.reason = f"relay {RLO}KO tluaf\x1b[2J"
    failed.item_id = f"item-{RLO}9"
    failed.topic_code = f"X{RLO}Y"
    db.add(failed)
    u1 = db.get(Unit, "u1")
    u1.software_version = f"1.0{RLO}beta"
    u1.last_seen_at = NOW_AFTER_MARCH.astimezone(UTC) - timedelta(seconds=10)
    u1.last_heartbeat = {"clock_trusted": True}
    db.add(u1)
    add_people(db, {"ca_tinh": [(Role.REVIEWER, p["province"].id)]}, now=NOW_AFTER_MARCH)
    db.commit()
    return p


def _no_hidden(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in HIDDEN})
    assert not found, f"shown raw: {found}"


def test_a_units_bidi_override_is_shown_escaped_on_the_devices_pages(panel, bidi_fleet) -> None:
    p = panel("ca_tinh")
    fleet = p.get("/devices")
    assert fleet.status_code == 200
    _no_hidden(fleet.text)
    assert "1.0\\u202ebeta" in fleet.text  # the software version, escaped
    log = p.get("/devices/u1?lang=en")
    assert log.status_code == 200
    _no_hidden(log.text)
    assert "relay \\u202eKO tluaf\\x1b[2J" in log.text
    assert "item-\\u202e9" in log.text and "X\\u202eY" in log.text


def test_a_units_bidi_override_is_shown_escaped_in_the_report(panel, bidi_fleet) -> None:
    area = bidi_fleet["province"].id
    r = panel("ca_tinh").get(f"/reports?area_id={area}&period=month&start=2026-03&lang=en")
    assert r.status_code == 200
    _no_hidden(r.text)
    assert "relay \\u202eKO tluaf\\x1b[2J" in r.text


def test_a_units_bidi_override_is_written_escaped_in_every_export(session, db_backend) -> None:
    province = build_province(session)
    failed = session.exec(select(AsRunRecord).where(AsRunRecord.kind == "failed")).one()
    failed.reason = f"relay {RLO}KO tluaf\u2066x\u2069"
    session.add(failed)
    session.commit()
    report = reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    shown = "relay \\u202eKO tluaf\\u2066x\\u2069"

    wb = load_workbook(io.BytesIO(report_export.export(report, "xlsx")))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert shown in cells
    _no_hidden(" ".join(str(c) for c in cells if c is not None))

    doc = Document(io.BytesIO(report_export.export(report, "docx")))
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert shown in texts
    _no_hidden(" ".join(texts))

    data = report_export.export(report, "csv").decode("utf-8-sig")
    assert shown in [c for row in csv.reader(io.StringIO(data)) for c in row]
    _no_hidden(data)


def test_a_bidi_override_in_a_units_reason_is_escaped_in_the_charts() -> None:
    from web.services.charts import bar_chart, column_chart

    for chart in (bar_chart, column_chart):
        svg = str(chart([(f"X{RLO}Y", 2.0)], title=f"t{RLO}", unit="min"))
        _no_hidden(svg)
        assert "X\\u202eY" in svg

"""Relay minutes in the reports (tiếp sóng, issue 16): relay windows sent by a unit through the
real sync ingestion (signed, chained) are reported per channel and area from their as-run
fields (`relay`, `relayed_s`, `dropouts`, `dropout_s`, `bytes`), and are not counted as
bulletins."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from content_library import sync
from content_library.models import Unit, User
from content_library.relay_models import RelayChannel
from protocol.asrun_chain import DOMAIN, GENESIS_HASH
from protocol.canonical import canonical_text
from protocol.keys import public_key_line
from tests.web.asrun_rows import MARCH, NOW_AFTER_MARCH, build_province, vn
from web.services import report_export, reports


@pytest.fixture
def province(session, db_backend):
    return build_province(session)


def _entries(unit_id: str, key: Ed25519PrivateKey, rows: list[tuple[str, dict]]) -> list[dict]:
    """Signed, chained as-run entries, as playout.asrun writes them."""
    out, prev = [], GENESIS_HASH
    for seq, (kind, fields) in enumerate(rows, start=1):
        body = canonical_text(
            {
                "v": 1,
                "seq": seq,
                "kind": kind,
                "unit_id": unit_id,
                "logged_us": fields.get("actual_start_us", 0) + 1,
                "prev_hash": prev,
                "fields": fields,
            }
        )
        digest = hashlib.sha256(body.encode()).hexdigest()
        out.append(
            {
                "seq": seq,
                "kind": kind,
                "body": body,
                "prev_hash": prev,
                "hash": digest,
                "signature": key.sign(DOMAIN + bytes.fromhex(digest)).hex(),
            }
        )
        prev = digest
    return out


def _us(*args: int) -> int:
    return int(vn(*args).timestamp() * 1_000_000)


def _relay_end(kind: str, at: tuple, **fields) -> tuple[str, dict]:
    base = {
        "item": None,
        "relay": "vov1",
        "relay_url": "http://127.0.0.1:8010/vov1",
        "actual_start_us": _us(*at),
        "duration_played_us": 1_800_000_000,
        "relayed_s": 1800.0,
        "dropouts": 0,
        "dropout_s": 0.0,
        "bytes": 28_800_000,
    }
    base.update(fields)
    return kind, base


def test_relay_minutes_per_channel_and_area_apart_from_the_bulletins(session, province):
    key = Ed25519PrivateKey.generate()
    unit = Unit(
        id="u3",
        name="Đài Xã Một (tiếp sóng)",
        area_id=province["c1"].id,
        public_key=public_key_line(key.public_key()),
    )
    session.add(unit)
    session.commit()
    rows = [
        ("started", {"item": None, "relay": "vov1", "actual_start_us": _us(2026, 3, 2, 5, 30)}),
        _relay_end("finished", (2026, 3, 2, 5, 30)),
        # cut by a dropout: 1500 s relayed, one 300 s dropout (the fallback played)
        _relay_end(
            "finished",
            (2026, 3, 3, 5, 30),
            relayed_s=1500.0,
            dropouts=1,
            dropout_s=300.0,
            bytes=24_000_000,
            area_id=province["v1a"].id,
        ),
        # the stream never came
        _relay_end(
            "failed",
            (2026, 3, 4, 5, 30),
            relayed_s=0,
            dropouts=1,
            dropout_s=1800.0,
            bytes=0,
            reason="the stream never came",
        ),
        # in April: not in March's report
        _relay_end("finished", (2026, 4, 1, 5, 30)),
        # another channel, another day
        _relay_end("finished", (2026, 3, 5, 18, 0), relay="tinh", relayed_s=600.0),
    ]
    result = sync.push_asrun(session, unit, _entries("u3", key, rows), NOW_AFTER_MARCH)
    session.commit()
    assert result.last_seq == len(rows)

    report = reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    # The bulletins are what they were: relay windows are not broadcasts of items.
    assert report.totals.broadcasts == MARCH["broadcasts"]
    assert report.totals.seconds == MARCH["seconds"]
    assert report.totals.failed == MARCH["failed"]

    by = {(r.channel, r.area_name): r for r in report.relays}
    assert set(by) == {("tinh", "Xã Một"), ("vov1", "Xã Một"), ("vov1", "Ấp 1A")}
    commune = by[("vov1", "Xã Một")]
    assert (commune.windows, commune.failed, commune.seconds) == (2, 1, 1800.0)
    assert (commune.dropouts, commune.dropout_s, commune.bytes) == (1, 1800.0, 28_800_000)
    village = by[("vov1", "Ấp 1A")]
    assert (village.windows, village.minutes, village.dropouts) == (1, 25.0, 1)
    totals = {r.channel: r for r in report.relay_channels}
    assert totals["vov1"].minutes == 55.0 and totals["vov1"].windows == 3
    assert totals["tinh"].minutes == 10.0

    # A commune's report sees its own; the other commune's sees none.
    other = reports.build_report(
        session,
        area_id=province["c2"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    assert other.relays == []

    # The report's tables (page and exports) carry them, with the channel's name once known.
    admin = User(username="quantri-thu", password_hash="-")
    session.add(admin)
    session.flush()
    session.add(
        RelayChannel(
            code="vov1",
            name="VOV1 (mô phỏng)",
            url="http://127.0.0.1:8010/vov1",
            format="mp3",
            area_id=province["province"].id,
            created_by=admin.id,
            updated_by=admin.id,
        )
    )
    session.commit()
    report = reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    [table] = [t for t in report_export.report_tables(report, "vi") if t.key == "relays"]
    assert table.title == "Tiếp sóng"
    assert ["VOV1 (mô phỏng)", "Xã Một", 2, 30.0, 1, 30.0] in [r[:6] for r in table.rows]
    csv_text = report_export.to_csv(report, "vi").decode("utf-8-sig")
    assert "Tiếp sóng" in csv_text and "VOV1 (mô phỏng)" in csv_text


def test_a_unit_cannot_claim_more_relay_time_than_its_window_played(session, province):
    """A compromised unit's signed entry claiming 10^12 s relayed (or lost) counts at most the
    window's stored length; one without a length counts nothing."""
    key = Ed25519PrivateKey.generate()
    unit = Unit(
        id="u3",
        name="Đài Xã Một (tiếp sóng)",
        area_id=province["c1"].id,
        public_key=public_key_line(key.public_key()),
    )
    session.add(unit)
    session.commit()
    no_length = _relay_end("finished", (2026, 3, 3, 5, 30), relayed_s=1e12)
    del no_length[1]["duration_played_us"]
    rows = [
        _relay_end("finished", (2026, 3, 2, 5, 30), relayed_s=1e12, dropout_s=1e12, dropouts=1),
        no_length,
    ]
    assert sync.push_asrun(session, unit, _entries("u3", key, rows), NOW_AFTER_MARCH).last_seq == 2
    session.commit()
    report = reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    (row,) = report.relays
    assert (row.windows, row.seconds, row.dropout_s) == (2, 1800.0, 1800.0)


def test_a_report_without_relays_has_no_relay_table(session, province):
    report = reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    assert report.relays == []
    assert "relays" not in {t.key for t in report_export.report_tables(report, "vi")}

"""Security review 17 (docs/security.md 37): the login limiter counts an IPv6 /64 as one
sender, so a machine that picks a new source address for each guess is still limited; a
unit's reason holding a control character no longer stops every XLSX and DOCX export."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from urllib.parse import quote

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import select

from content_library.models import AsRunRecord
from tests.web.asrun_rows import NOW_AFTER_MARCH, build_province
from web.auth import address_block
from web.services import report_export, reports

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _login_from(app, address: str, username: str, password: str) -> int:
    """One login from a browser at ``address`` (its own cookie and CSRF token)."""
    with TestClient(app, base_url="http://testserver", client=(address, 50000)) as c:
        token = _CSRF.search(c.get("/login").text).group(1)
        r = c.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token, "next": "/"},
            follow_redirects=False,
        )
        return r.status_code


def test_new_ipv6_source_addresses_of_one_64_do_not_buy_more_guesses(app) -> None:
    limit = app.state.settings.login_max_failures
    # One rented server holds 2001:db8:7:9::/64 and sends each guess from a new address.
    statuses = [
        _login_from(app, f"2001:db8:7:9::{i + 1:x}", "doanvien", f"doan-sai-{i}")
        for i in range(limit + 1)
    ]
    assert statuses[:limit] == [401] * limit
    assert statuses[limit] == 429, statuses
    # The same username from another /64 (another household) is not locked out by it.
    assert _login_from(app, "2001:db8:7:a::1", "doanvien", "doan-sai") == 401


class TestAnyUsername:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"login_max_failures_per_ip": 3}

    def test_the_per_address_count_spans_the_64_and_any_username(self, app) -> None:
        names = ["doanvien", "congan", "nobody-1", "nobody-2"]
        statuses = [
            _login_from(app, f"2001:db8:7:9:{i + 1:x}::1", name, "sai")
            for i, name in enumerate(names)
        ]
        assert statuses == [401, 401, 401, 429]


@pytest.mark.parametrize(
    ("sent", "counted"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("2001:db8:7:9:abcd::1", "2001:db8:7:9::/64"),
        ("2001:DB8:7:9::FFFF", "2001:db8:7:9::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("testclient", "testclient"),
    ],
)
def test_address_block(sent: str, counted: str) -> None:
    assert address_block(sent) == counted


# --- report exports: a unit's words that XML cannot hold -------------------------------------


def test_a_control_character_in_a_units_reason_does_not_stop_the_exports(
    session, db_backend
) -> None:
    province = build_province(session)
    # What a unit sent (web/routes/sync.py keeps it as sent, less NUL): a terminal escape and
    # a bell in the reason of a failed broadcast.
    failed = session.exec(select(AsRunRecord).where(AsRunRecord.kind == "failed")).one()
    failed.reason = "relay\x1b[2J fault\x07"
    session.add(failed)
    session.commit()
    report = reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )
    shown = "relay\\x1b[2J fault\\x07"  # the escapes, written out

    wb = load_workbook(io.BytesIO(report_export.export(report, "xlsx")))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert shown in cells

    doc = Document(io.BytesIO(report_export.export(report, "docx")))
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert shown in texts

    data = report_export.export(report, "csv").decode("utf-8-sig")
    assert shown in [c for row in csv.reader(io.StringIO(data)) for c in row]


# --- CSRF: a token that is not ASCII -------------------------------------------------------


@pytest.mark.parametrize("token", ["é", "\u202e", "%FF%FE"])
def test_a_csrf_token_that_is_not_ascii_is_refused_not_a_server_error(client, token) -> None:
    client.get("/login")  # the session and its token
    raw = token if token.startswith("%") else quote(token)  # %FF%FE: not UTF-8 at all
    r = client.post(
        "/login",
        content=f"username=doanvien&password=x&csrf_token={raw}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert r.status_code == 403 and r.headers["X-Loa-Csrf"] == "refused", r.text[:300]
    # The same in the header (HTMX and JSON clients): UTF-8 bytes, read as Latin-1.
    r = client.post(
        "/login",
        data={"username": "doanvien", "password": "x"},
        headers={"X-CSRF-Token": "é".encode()},
        follow_redirects=False,
    )
    assert r.status_code == 403 and r.headers["X-Loa-Csrf"] == "refused", r.text[:300]

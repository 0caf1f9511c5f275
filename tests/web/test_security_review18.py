"""Security review 18 (docs/security.md 38): a unit's text holding a bidi override or a
control character is shown as its escape on every page and in every export, never obeyed;
guesses against one account from many addresses are capped per account, for browsers that
never logged in to it only, so the cap cannot lock an emergency issuer out; a logged-in
person's refused request to change something is kept in the audit log."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, timedelta

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import select

from content_library.models import AsRunRecord, AuditEvent, ScriptVersion, Unit, User
from content_library.types import Role
from tests.web.asrun_rows import NOW_AFTER_MARCH, build_province
from tests.web.conftest import add_people, new_script_form, password_for, script_id_from
from web.auth import KNOWN_COOKIE
from web.services import report_export, reports
from web.services.visible import finalize, visible

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
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


def march_report_with_reason(session, reason: str) -> reports.Report:
    """March 2026's report of a province whose one failed broadcast gave ``reason``."""
    province = build_province(session)
    failed = session.exec(select(AsRunRecord).where(AsRunRecord.kind == "failed")).one()
    failed.reason = reason
    session.add(failed)
    session.commit()
    return reports.build_report(
        session,
        area_id=province["province"].id,
        period="month",
        start=date(2026, 3, 1),
        now=NOW_AFTER_MARCH,
    )


def test_a_units_bidi_override_is_written_escaped_in_every_export(session, db_backend) -> None:
    report = march_report_with_reason(session, f"relay {RLO}KO tluaf\u2066x\u2069")
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


def test_loa_reports_terminal_table_shows_a_units_reason_escaped(session, db_backend) -> None:
    """`loa report` prints the report to the admin's terminal: a reason's ESC sequence would
    clear the screen, a carriage return overwrite the row, a bidi override reverse it."""
    from loa.cli_report import render_text

    report = march_report_with_reason(session, f"relay {RLO}KO\x1b[2J\rok\nline")
    text = render_text(report, "en")
    assert "relay \\u202eKO\\x1b[2J\\rok\\nline" in text
    _no_hidden(text)
    assert "\x1b" not in text and "\r" not in text


def test_a_bidi_override_in_a_units_reason_is_escaped_in_the_charts() -> None:
    from web.services.charts import bar_chart, column_chart

    for chart in (bar_chart, column_chart):
        svg = str(chart([(f"X{RLO}Y", 2.0)], title=f"t{RLO}", unit="min"))
        _no_hidden(svg)
        assert "X\\u202eY" in svg


# --- a cap per account that cannot lock its owner out ----------------------------------------


def _browser(app, address: str) -> TestClient:
    return TestClient(app, base_url="http://testserver", client=(address, 50000))


def _login(c: TestClient, username: str, password: str):
    token = _CSRF.search(c.get("/login").text).group(1)
    return c.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )


class TestAccountCap:
    """Guesses against one account from many addresses (a botnet: each address stays under
    the per-address limits) are capped per account — for browsers that never logged in to
    it. A browser that did is held to the per-address limits only, so the guesses cannot
    lock the account's owner (an emergency issuer) out of their own phone."""

    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"login_max_failures_per_account": 3}

    def test_guesses_from_many_addresses_are_capped_per_account(self, app) -> None:
        statuses = []
        for i in range(4):
            with _browser(app, f"203.0.113.{i + 1}") as c:
                r = _login(c, "doanvien", f"doan-sai-{i}")
                statuses.append(r.status_code)
        assert statuses == [401, 401, 401, 429], statuses
        assert "chưa từng đăng nhập" in r.text and int(r.headers["Retry-After"]) > 0
        # A new browser is refused even with the right password while the cap holds ...
        with _browser(app, "203.0.113.50") as c:
            assert _login(c, "doanvien", password_for("doanvien")).status_code == 429
        # ... and so is the API's token, which no browser knows.
        with _browser(app, "203.0.113.51") as c:
            r = c.post(
                "/api/v1/token",
                json={"username": "doanvien", "password": password_for("doanvien")},
            )
            assert r.status_code == 429 and "never logged in" in r.json()["reason"]
        # Another account is not touched by it.
        with _browser(app, "203.0.113.52") as c:
            assert _login(c, "congan", password_for("congan")).status_code == 303

    def test_the_owners_own_browser_still_logs_in(self, app) -> None:
        with _browser(app, "198.51.100.9") as office:
            assert _login(office, "doanvien", password_for("doanvien")).status_code == 303
            assert office.cookies.get(KNOWN_COOKIE)
            _logout(office)
            mark = office.cookies.get(KNOWN_COOKIE)
        for i in range(4):  # the botnet reaches the cap
            with _browser(app, f"203.0.113.{i + 1}") as c:
                _login(c, "doanvien", "sai")
        # The same phone on another network (its cookie, an address never used): a mistyped
        # password is a plain 401 (the per-address limits only), the right one logs in.
        with _browser(app, "192.0.2.77") as phone:
            phone.cookies.set(KNOWN_COOKIE, mark)
            assert _login(phone, "doanvien", "go-nham").status_code == 401
            r = _login(phone, "doanvien", password_for("doanvien"))
            assert r.status_code == 303, r.text[:300]
        # Another browser at the office's address (it logged in from there): logs in too.
        with _browser(app, "198.51.100.9") as colleague:
            assert _login(colleague, "doanvien", password_for("doanvien")).status_code == 303
        # A browser and an address the account never used: held to the cap.
        with _browser(app, "192.0.2.78") as stranger:
            assert _login(stranger, "doanvien", password_for("doanvien")).status_code == 429

    def test_another_accounts_mark_or_a_forged_one_does_not_lift_the_cap(self, app) -> None:
        with _browser(app, "198.51.100.20") as attacker:
            # The attacker's own account gives their browser its mark, for that account only.
            assert _login(attacker, "congan", password_for("congan")).status_code == 303
            _logout(attacker)
            held = attacker.cookies.get(KNOWN_COOKIE)
            for i in range(4):
                with _browser(app, f"203.0.113.{i + 1}") as c:
                    c.cookies.set(KNOWN_COOKIE, held)
                    last = _login(c, "doanvien", "sai")
            assert last.status_code == 429
            with _browser(app, "203.0.113.60") as c:
                c.cookies.set(KNOWN_COOKIE, "A" * 24 + "." + held)
                assert _login(c, "doanvien", password_for("doanvien")).status_code == 429

    def test_a_browser_is_remembered_for_a_few_accounts(self, app) -> None:
        with _browser(app, "198.51.100.30") as c:
            for name in ("doanvien", "congan"):
                assert _login(c, name, password_for(name)).status_code == 303
                _logout(c)
            marks = c.cookies.get(KNOWN_COOKIE).split(".")
            assert len(marks) == 2 and len(set(marks)) == 2
            # The cookie cannot be read or sent by a page's script or another site's form.
            login = _login(c, "doanvien", password_for("doanvien"))
            cookie = next(
                v for k, v in login.headers.multi_items() if k == "set-cookie" and KNOWN_COOKIE in v
            ).lower()
            assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=" in cookie
            assert c.cookies.get(KNOWN_COOKIE).split(".")[0] == marks[1]  # newest first


def _logout(c: TestClient) -> None:
    token = _CSRF.search(c.get("/").text).group(1)
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303


# --- refused actions leave a trace -----------------------------------------------------------


def _refusals(db) -> list[AuditEvent]:
    db.expire_all()
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == "access.refused")).all())


def _version_of(db, script_id: int) -> int:
    db.expire_all()
    return (
        db.exec(select(ScriptVersion).where(ScriptVersion.script_id == script_id)).first().id  # type: ignore[union-attr]
    )


def test_a_reviewer_approving_their_own_script_is_refused_and_audited(panel, db) -> None:
    both = panel("tonghop")  # author and reviewer of Ngọc Chúc: four-eyes says no
    vid = _version_of(db, script_id_from(both.post("/scripts/new", new_script_form(db))))
    r = both.post(f"/versions/{vid}/approve", {"comment": "", "audio_sha256": ""})
    assert r.status_code == 403
    [event] = _refusals(db)
    assert event.actor_id == db.exec(select(User).where(User.username == "tonghop")).one().id
    assert event.object_id == f"/versions/{vid}/approve"
    assert event.detail["route"] == "/versions/{version_id}/approve"
    assert event.detail["params"] == {"version_id": str(vid)}
    assert event.detail["status"] == 403 and event.detail["method"] == "POST"
    assert "cannot review" in event.detail["reason"]
    # Reading the page it may not act on leaves no trace (a page's reads are many).
    assert both.get(f"/review/{vid}").status_code == 200
    assert len(_refusals(db)) == 1


def test_another_communes_version_and_a_missing_role_are_audited(panel, db, api) -> None:
    author = panel("doanvien")
    vid = _version_of(db, script_id_from(author.post("/scripts/new", new_script_form(db))))
    # A reviewer of the other commune: the version reads like none (404), and is audited.
    other = panel("congan_tl")
    assert other.post(f"/versions/{vid}/reject", {"reason": "x"}).status_code == 404
    # The writer has no reviewer role: the route's rule refuses (403), audited too.
    assert author.post(f"/versions/{vid}/approve", {"comment": ""}).status_code == 403
    # The same through the API, with a bearer token.
    r = author.client.post(
        f"/api/v1/versions/{vid}/approve", json={"audio_sha256": ""}, headers=api("doanvien")
    )
    assert r.status_code == 403
    events = _refusals(db)
    got = [(e.detail["route"], e.detail["status"], e.detail["code"]) for e in events]
    assert got == [
        ("/versions/{version_id}/reject", 404, "not_found"),
        ("/versions/{version_id}/approve", 403, "role"),
        ("/api/v1/versions/{version_id}/approve", 403, "role"),
    ], got
    names = {db.get(User, e.actor_id).username for e in events}
    assert names == {"congan_tl", "doanvien"}
    # Nobody logged in: nothing to name, nothing written (a login form's refusal is counted
    # by the login limiter instead).
    assert panel().post(f"/versions/{vid}/approve", {"comment": ""}).status_code == 303
    assert len(_refusals(db)) == 3


def test_a_refusal_stands_when_its_audit_cannot_be_written(panel, db, monkeypatch) -> None:
    from sqlalchemy.exc import OperationalError

    from web.services import refusals

    def broken(*a, **kw):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    both = panel("tonghop")
    vid = _version_of(db, script_id_from(both.post("/scripts/new", new_script_form(db))))
    monkeypatch.setattr(refusals.services, "audit", broken)
    r = both.post(f"/versions/{vid}/approve", {"comment": ""})
    assert r.status_code == 403 and "không được tự duyệt" in r.text
    assert _refusals(db) == []


def test_an_emergency_beyond_the_issuers_areas_is_refused_and_audited(
    issuers, panel, db, clock
) -> None:
    world = issuers
    from tests.web.test_emergency import _issue, _template

    tid = _template(panel, world)
    before = len(_refusals(db))
    # An issuer of Ngọc Chúc sends to Thạnh Lộc too: the form again, 403, and a trace.
    r = _issue(panel("chutich"), tid, world, clock, area_ids=("Ngọc Chúc", "Thạnh Lộc"))
    assert r.status_code == 403 and "ngoài phạm vi" in r.text
    [event] = _refusals(db)[before:]
    assert event.detail["route"] == "/emergencies/new" and event.detail["status"] == 403
    assert event.detail["code"] == "out_of_scope"
    assert db.get(User, event.actor_id).username == "chutich"


def test_a_change_without_the_pages_token_is_refused_and_audited(panel, db) -> None:
    """Another site's form riding on a reviewer's cookie: refused (CSRF), and now traced."""
    reviewer = panel("congan")
    r = reviewer.post("/versions/1/reject", {"reason": "x"}, token="not-the-token")
    assert r.status_code == 403 and r.headers["X-Loa-Csrf"] == "refused"
    [event] = _refusals(db)
    assert (
        event.detail["code"] == "csrf" and event.detail["route"] == "/versions/{version_id}/reject"
    )
    assert db.get(User, event.actor_id).username == "congan"
    # Without a session there is nobody to name: refused, nothing written.
    assert panel().post("/login", {"username": "x", "password": "y"}, token="no").status_code == 403
    assert len(_refusals(db)) == 1


def test_a_refusals_trace_holds_what_was_sent_escaped(panel, db) -> None:
    """A NUL in the path (PostgreSQL's JSON refuses it) or a bidi override is kept escaped."""
    author = panel("doanvien")  # no reviewer role: refused by the route's rule
    r = author.post("/versions/%00%E2%80%AE1/approve", {"comment": ""})
    assert r.status_code in (403, 404, 422)
    [event] = _refusals(db)
    assert event.detail["params"] == {"version_id": "\\x00\\u202e1"}
    assert event.object_id == "/versions/\\x00\\u202e1/approve"


def test_a_password_checks_refusal_is_audited_once_under_its_own_action(
    issuers, app, panel, client, db, clock
) -> None:
    """An API token too old to issue an emergency: web.reauth audits it
    (emergency.issue_refused); the refusal audit does not write it a second time."""
    from datetime import datetime

    from tests.web.conftest import Clock
    from tests.web.test_emergency import _issue_api, _template, _token

    wall = Clock(datetime.now(UTC))
    app.state.session_clock = wall
    tid = _template(panel, issuers)
    token = _token(client, "chutich")
    wall.advance(minutes=16)
    r = _issue_api(client, token, tid, issuers, clock)
    assert r.status_code == 403 and r.json()["code"] == "reauth_required"
    db.expire_all()
    actions = [e.action for e in db.exec(select(AuditEvent)).all()]
    assert actions.count("emergency.issue_refused") == 1
    assert _refusals(db) == []


def test_a_curious_operator_trying_another_communes_ids_is_audited_once_per_path(
    panel, db, clock
) -> None:
    author = panel("doanvien")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db)))
    other = panel("congan_tl")  # a reviewer of Thạnh Lộc only
    for _ in range(3):  # the same id again and again: one trace
        assert other.get(f"/scripts/{sid}").status_code == 404
    assert other.get(f"/scripts/{sid + 1000}").status_code == 404  # another id: another trace
    # A page refused by its role alone (no id in it) leaves none.
    assert other.get("/admin/users").status_code == 403
    events = _refusals(db)
    assert [(e.object_id, e.detail["method"], e.detail["status"]) for e in events] == [
        (f"/scripts/{sid}", "GET", 404),
        (f"/scripts/{sid + 1000}", "GET", 404),
    ]
    clock.advance(minutes=11)  # past the ten minutes: the same path is kept again
    assert other.get(f"/scripts/{sid}").status_code == 404
    assert len(_refusals(db)) == 3


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/\x0b/evil.example", "/"),
        (f"/{RLO}elpmaxe.live//", "/"),
        ("/\u3000/evil.example", "/"),
        ("/scripts?q=ma túy&page=2", "/scripts?q=ma túy&page=2"),  # Vietnamese stays
    ],
)
def test_a_next_that_is_not_printable_goes_home(target: str, kept: str) -> None:
    """The login page keeps ``next`` in a hidden field, where a control character would be
    shown escaped (a backslash, which a browser reads as a slash): such a path goes home."""
    from web.auth import safe_next

    assert safe_next(target) == kept

"""Reports: figures equal the hand-computed fixture (tests/web/asrun_rows.py) on SQLite and
PostgreSQL; DOCX, XLSX and CSV exports parse back to the same numbers; `loa report`; the
Reports page, exports with progress, and report targets over HTTP with role and area checks."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from sqlmodel import select

from content_library import services
from content_library.models import AuditEvent, Membership, ReportTarget, User
from content_library.types import Role
from tests.web.asrun_rows import MARCH, NOW_AFTER_MARCH, build_province, vn
from tests.web.conftest import add_people
from web.services import report_export, reports

# --- figures ---------------------------------------------------------------------------------


@pytest.fixture
def province(session, db_backend):
    return build_province(session)


def march(
    session, province, *, area=None, period="month", start=date(2026, 3, 1), now=NOW_AFTER_MARCH
):
    return reports.build_report(
        session, area_id=(area or province["province"]).id, period=period, start=start, now=now
    )


def test_month_totals_topics_areas_units_equal_the_hand_computed_figures(session, province):
    r = march(session, province)
    assert (r.totals.broadcasts, r.totals.seconds, r.totals.minutes) == (9, 1200.0, 20.0)
    assert (r.totals.failed, r.totals.skipped) == (1, 1)
    assert {
        t.code: (t.tally.broadcasts, t.tally.minutes, t.tally.failures) for t in r.by_topic
    } == MARCH["topic"]
    assert {a.name: (a.tally.broadcasts, a.tally.seconds) for a in r.by_area} == MARCH["area"]
    assert {
        u.id: (u.tally.broadcasts, u.tally.minutes, u.tally.failures) for u in r.by_unit
    } == MARCH["unit"]
    assert {v.name for v in r.covered_villages} == MARCH["covered"]
    assert len(r.villages) == 4
    assert [(f.kind, f.reason, f.count) for f in r.failures] == MARCH["failures"]
    assert [m.tally.broadcasts for m in r.by_month] == [9]
    assert r.complete and r.start == date(2026, 3, 1) and r.end == date(2026, 4, 1)


def test_month_targets_per_commune(session, province):
    r = march(session, province)
    got = {(t.commune, t.topic_code, t.period): (t.broadcasts, t.status) for t in r.targets}
    assert got == {
        ("Xã Một", "MA-TUY", "month"): (4, reports.MET),
        ("Xã Hai", "MA-TUY", "month"): (2, reports.NOT_MET),
        # a yearly target in a monthly report: progress to date (Feb + March), year not over
        ("Xã Hai", None, "year"): (4, reports.IN_PROGRESS),
    }


def test_a_commune_subtree_sees_only_its_own_rows(session, province):
    r = march(session, province, area=province["c1"])
    assert (r.totals.broadcasts, r.totals.seconds) == (6, 930.0)
    assert {v.name for v in r.villages} == {"Ấp 1A", "Ấp 1B"}
    # the rig is placed in the district but played in Xã Một: it is listed with what it played here
    assert {u.id: u.tally.broadcasts for u in r.by_unit} == {"u1": 5, "rig": 1}
    assert [(t.commune, t.topic_code) for t in r.targets] == [("Xã Một", "MA-TUY")]


def test_quarter_judges_each_month_and_counts_february(session, province):
    r = march(session, province, period="quarter", start=date(2026, 2, 14))
    assert (r.start, r.end) == (date(2026, 1, 1), date(2026, 4, 1))
    assert r.totals.broadcasts == 10  # March 9 + the rig's February broadcast
    assert [m.tally.broadcasts for m in r.by_month] == [0, 1, 9]
    one = next(t for t in r.targets if t.commune == "Xã Một" and t.period == "month")
    assert [w.broadcasts for w in one.windows] == [0, 0, 4]
    assert (one.met_windows, one.status) == (1, reports.NOT_MET)


def test_a_running_period_is_in_progress_not_failed(session, province):
    r = march(session, province, now=reports.local_midnight_utc(date(2026, 3, 20)))
    assert not r.complete
    two = next(t for t in r.targets if t.commune == "Xã Hai" and t.period == "month")
    assert two.status == reports.IN_PROGRESS


def test_an_entry_without_an_area_counts_where_its_unit_is_placed(session, province):
    province["writers"]["u1"].add(
        session, "finished", at=vn(2026, 3, 28, 8), topic="ATGT", area_id=None, duration_s=60
    )
    session.commit()
    r = march(session, province)
    assert r.totals.broadcasts == 10
    assert {a.name: a.tally.broadcasts for a in r.by_area}["Xã Một"] == 7
    assert {v.name: v.broadcasts for v in r.villages}["Ấp 1A"] == 3  # no village is claimed
    other = march(session, province, area=province["c2"])
    assert other.totals.broadcasts == 3


@pytest.mark.parametrize(
    ("period", "start", "vi"),
    [
        ("month", date(2026, 3, 1), "tháng 3/2026"),
        ("quarter", date(2026, 5, 1), "quý II/2026"),
        ("half", date(2026, 9, 1), "6 tháng cuối năm 2026"),
        ("year", date(2026, 3, 1), "năm 2026"),
    ],
)
def test_period_labels(period, start, vi):
    assert reports.period_label(period, start) == vi


def test_titles_say_so_ket_and_tong_ket():
    assert "SƠ KẾT" in reports.report_title_vi("half", date(2026, 1, 1))
    assert "TỔNG KẾT" in reports.report_title_vi("year", date(2026, 1, 1))


# --- exports -------------------------------------------------------------------------------


def test_docx_opens_and_holds_the_numbers(session, province):
    r = march(session, province)
    seen = []
    doc = Document(io.BytesIO(report_export.to_docx(r, "vi", seen.append)))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN THÁNG 3/2026" in text and "Tỉnh Thử" in text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    summary = dict(tuple(r) for r in tables[0][1:])
    assert summary["Số lượt phát"] == "9" and summary["Thời lượng (phút)"] == "20.0"
    topics = {row[0]: row[2:] for row in tables[1][1:]}
    assert topics["MA-TUY"] == ["6", "13.5", "2"] and topics["ATGT"] == ["3", "6.5", "0"]
    targets = tables[-1][1:]
    assert ["Xã Một", "Phòng, chống ma túy", "tháng", "4", "0.0", "4", "10.0", "Đạt"] in targets


def test_xlsx_opens_and_holds_numbers_as_numbers(session, province):
    r = march(session, province)
    wb = load_workbook(io.BytesIO(report_export.to_xlsx(r, "vi")))
    assert wb.sheetnames[:4] == ["Tổng hợp", "Theo chủ đề", "Theo địa bàn", "Theo cụm loa"]
    ws = wb["Theo cụm loa"]
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["u1"][4:] == (5, 15.0, 1) and rows["rig"][4:] == (2, 2.0, 0)
    summary = {
        row[0]: row[1] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]
    }
    assert summary["Số lượt phát"] == 9 and summary["Thời lượng (phút)"] == 20.0
    villages = {
        row[0].strip(): row[4]
        for row in wb["Ấp, thôn được phủ sóng"].iter_rows(min_row=2, values_only=True)
    }
    assert villages == {"Ấp 1A": "Có", "Ấp 1B": "Có", "Ấp 2A": "Có", "Ấp 2B": "Chưa"}
    assert [len(wb[name]._charts) for name in ("Theo chủ đề", "Theo tháng", "Tổng hợp")] == [
        1,
        1,
        0,
    ]


def test_csv_has_every_section_and_a_bom(session, province):
    data = report_export.to_csv(march(session, province), "en")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    titles = [r[0] for r in rows if len(r) == 1]
    for section in (
        "Summary",
        "By topic",
        "By area",
        "By unit",
        "Villages covered",
        "Progress against targets",
    ):
        assert section in titles
    assert ["Broadcasts", "9"] in rows
    assert ["failed", "amplifier relay fault", "1"] in [[x.lower() for x in r] for r in rows]


def test_cli_report_text_and_xlsx(session, province, db_url, tmp_path):
    runner = CliRunner()
    from loa.cli import main

    res = runner.invoke(
        main,
        [
            "report",
            "--db-url",
            db_url,
            "--area",
            "Tỉnh Thử",
            "--period",
            "month",
            "--start",
            "2026-03",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN THÁNG 3/2026" in res.output
    assert re.search(r"Số lượt phát\s+9", res.output)
    out = tmp_path / "r.xlsx"
    res = runner.invoke(
        main,
        [
            "report",
            "--db-url",
            db_url,
            "--area",
            str(province["c1"].id),
            "--period",
            "half",
            "--start",
            "2026-03",
            "--format",
            "xlsx",
            "-o",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    wb = load_workbook(out)
    summary = {
        row[0]: row[1] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]
    }
    assert summary["Số lượt phát"] == 6
    res = runner.invoke(
        main, ["report", "--db-url", db_url, "--area", "Không có", "--start", "2026-03"]
    )
    assert res.exit_code != 0 and "Không tìm thấy" in res.output


# --- over HTTP -----------------------------------------------------------------------------


@pytest.fixture
def web_province(db, now):
    p = build_province(db)
    add_people(
        db,
        {"op_mot": [(Role.OPERATOR, p["c1"].id)], "ca_tinh": [(Role.REVIEWER, p["province"].id)]},
        now=now,
    )
    db.commit()
    return p


def test_reports_page_shows_figures_and_svg_charts(panel, web_province, clock):
    clock.now = NOW_AFTER_MARCH
    p = panel("ca_tinh")
    r = p.get(f"/reports?area_id={web_province['province'].id}&period=month&start=2026-03")
    assert r.status_code == 200, r.text
    assert "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN THÁNG 3/2026" in r.text
    assert r.text.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert "Phòng, chống ma túy: 6" in r.text  # the chart's description lists the values
    # the charts are drawn by the server: nothing is loaded from another origin
    assert not re.search(r'(?:src|href|action)\s*=\s*"(?:https?:)?//', r.text)


def test_operator_is_kept_to_their_commune(panel, web_province, clock):
    clock.now = NOW_AFTER_MARCH
    p = panel("op_mot")
    ok = p.get(f"/reports?area_id={web_province['c1'].id}&period=month&start=2026-03")
    assert ok.status_code == 200 and "Xã Một" in ok.text
    assert (
        p.get(
            f"/reports?area_id={web_province['province'].id}&period=month&start=2026-03"
        ).status_code
        == 403
    )
    assert p.get(f"/reports?area_id={web_province['c2'].id}").status_code == 403
    default = p.get("/reports")  # no area chosen: the first of theirs
    assert default.status_code == 200 and "Xã Một" in default.text


def test_authors_cannot_see_reports(panel, web_province):
    p = panel("doanvien")
    assert p.get("/reports").status_code == 403
    assert p.get("/devices").status_code == 403
    assert panel().get("/reports", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
def test_export_runs_as_a_job_with_progress_then_downloads(panel, web_province, clock, fmt):
    clock.now = NOW_AFTER_MARCH
    p = panel("ca_tinh")
    r = p.post(
        "/reports/export",
        {
            "area_id": str(web_province["province"].id),
            "period": "month",
            "start": "2026-03",
            "fmt": fmt,
        },
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200, r.text
    job_id = re.search(r'id="export-job-([\w-]+)"', r.text).group(1)
    # the background task ran after the response; the polled fragment now offers the file
    poll = p.get(f"/reports/jobs/{job_id}", headers={"HX-Request": "true"})
    assert "/download" in poll.text and "hx-trigger" not in poll.text
    page = p.get(f"/reports/jobs/{job_id}")
    assert page.status_code == 200 and "<progress" not in page.text
    dl = p.get(f"/reports/jobs/{job_id}/download")
    assert dl.status_code == 200
    assert dl.headers["content-type"].startswith(report_export.FORMATS[fmt][0].split(";")[0])
    assert "attachment" in dl.headers["content-disposition"]
    if fmt == "xlsx":
        wb = load_workbook(io.BytesIO(dl.content))
        assert {
            row[0]: row[1] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]
        }["Số lượt phát"] == 9
    elif fmt == "docx":
        assert "Tỉnh Thử" in "\n".join(
            par.text for par in Document(io.BytesIO(dl.content)).paragraphs
        )
    else:
        assert "Số lượt phát,9" in dl.content.decode("utf-8-sig")
    # another user cannot fetch someone else's export
    assert panel("quantri").get(f"/reports/jobs/{job_id}/download").status_code == 404


def test_export_without_htmx_redirects_to_a_progress_page(panel, web_province, clock):
    clock.now = NOW_AFTER_MARCH
    p = panel("ca_tinh")
    r = p.post(
        "/reports/export",
        {
            "area_id": str(web_province["province"].id),
            "period": "year",
            "start": "2026-01",
            "fmt": "csv",
        },
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/reports/jobs/")
    assert p.get(r.headers["location"]).status_code == 200
    bad = p.post("/reports/export", {"area_id": str(web_province["c2"].id), "fmt": "pdf"})
    assert bad.status_code == 422


def test_admin_manages_report_targets(panel, web_province, db, now):
    # Admins are scoped to their subtrees: An Giang's admin also administers Tỉnh Thử here.
    quantri = db.exec(select(User).where(User.username == "quantri")).one()
    held = [
        (m.role, m.area_id)
        for m in db.exec(select(Membership).where(Membership.user_id == quantri.id)).all()
    ]
    services.set_roles(
        db,
        actor=None,
        user_id=quantri.id,
        roles=[*held, (Role.ADMIN.value, web_province["province"].id)],
        now=now,
    )
    db.commit()
    admin = panel("quantri")
    page = admin.get("/admin/report-targets")
    assert page.status_code == 200 and "Xã Hai" in page.text
    before = len(db.exec(select(ReportTarget)).all())
    r = admin.post(
        "/admin/report-targets",
        {
            "area_id": str(web_province["c1"].id),
            "topic_id": "",
            "period": "quarter",
            "min_broadcasts": "12",
            "min_minutes": "30",
        },
    )
    assert r.status_code == 303
    db.expire_all()
    rows = db.exec(select(ReportTarget)).all()
    assert len(rows) == before + 1
    new = max(rows, key=lambda t: t.id)
    assert (new.area_id, new.topic_id, new.period, new.min_broadcasts, new.min_minutes) == (
        web_province["c1"].id,
        None,
        "quarter",
        12,
        30.0,
    )
    bad = admin.post(
        "/admin/report-targets",
        {"area_id": str(web_province["c1"].id), "period": "week", "min_broadcasts": "1"},
    )
    assert bad.status_code == 422
    zero = admin.post(
        "/admin/report-targets",
        {
            "area_id": str(web_province["c1"].id),
            "period": "month",
            "min_broadcasts": "0",
            "min_minutes": "0",
        },
    )
    assert zero.status_code == 422
    assert admin.post(f"/admin/report-targets/{new.id}/delete").status_code == 303
    actions = [
        e.action
        for e in db.exec(
            select(AuditEvent).where(
                AuditEvent.object_type == "report_target", AuditEvent.object_id == str(new.id)
            )
        )
    ]
    assert actions == ["report_target.create", "report_target.delete"]
    db.expire_all()
    assert len(db.exec(select(ReportTarget)).all()) == before
    assert panel("ca_tinh").get("/admin/report-targets").status_code == 403


def test_a_running_export_shows_its_progress_and_keeps_polling(app, panel, web_province, db, clock):
    from web.services.report_jobs import jobs_of

    p = panel("ca_tinh")
    owner = db.exec(select(User).where(User.username == "ca_tinh")).one()
    jobs = jobs_of(app)
    job = jobs.create(
        user_id=owner.id,
        area_id=web_province["province"].id,
        period="year",
        start=date(2026, 1, 1),
        fmt="docx",
        locale="vi",
        now=clock.now,
    )
    jobs.update(job, state="running", stage="writing", progress=0.62)  # as a worker writes it
    frag = p.get(f"/reports/jobs/{job.id}", headers={"HX-Request": "true"}).text
    assert 'hx-trigger="every 1s"' in frag and 'value="62"' in frag and "62%" in frag
    page = p.get(f"/reports/jobs/{job.id}").text
    assert '<meta http-equiv="refresh"' in page  # without JavaScript the page reloads itself
    assert p.get(f"/reports/jobs/{job.id}/download").status_code == 404  # not ready yet
    jobs.update(job, state="failed", error="hết bộ nhớ")
    assert "hết bộ nhớ" in p.get(f"/reports/jobs/{job.id}", headers={"HX-Request": "true"}).text


# --- attribution (issue 12, item 7) ----------------------------------------------------------


def _pushed_unit(session, province, tmp_path):
    """u3, a fixed cluster of Xã Một, enrolled, with one ATGT script version delivered to it."""
    from datetime import timedelta

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from content_library.models import Publication, Script, ScriptVersion, Topic, Unit
    from protocol.keys import public_key_line

    key = Ed25519PrivateKey.generate()
    session.add(
        Unit(
            id="u3",
            name="Cụm 3",
            area_id=province["c1"].id,
            kind="fixed",
            public_key=public_key_line(key.public_key()),
        )
    )
    author = User(username="tacgia", password_hash="x")
    session.add(author)
    session.flush()
    atgt = session.exec(select(Topic).where(Topic.code == "ATGT")).one()
    script = Script(
        title="An toàn giao thông", topic_id=atgt.id, area_id=province["c1"].id, author_id=author.id
    )
    session.add(script)
    session.flush()
    version = ScriptVersion(
        script_id=script.id,
        number=1,
        title=script.title,
        kind="text",
        text="Đội mũ bảo hiểm.",
        created_by=author.id,
        state="approved",
        created_at=vn(2026, 2, 20, 8),  # written before it was published (a play is not)
    )
    session.add(version)
    session.flush()
    session.add(
        Publication(
            bundle_id="b-u3",
            target_kind="unit",
            target_id="u3",
            sequence=40,
            file_sha256="a" * 64,
            size=1,
            issued_at=vn(2026, 3, 1, 0),
            expires_at=vn(2026, 3, 1, 0) + timedelta(days=60),
            version_ids=[version.id],
        )
    )
    session.commit()
    return key, version


def test_a_unit_cannot_count_airtime_in_another_commune_or_for_items_it_never_got(
    session, province, tmp_path
):
    from content_library import sync
    from content_library.models import AsRunRecord, SyncFlag, Unit
    from playout.asrun import AsRunLog

    key, version = _pushed_unit(session, province, tmp_path)
    c1, c2, v1a = province["c1"], province["c2"], province["v1a"]
    before_c1, before_c2 = march(session, province, area=c1), march(session, province, area=c2)

    class Clock:
        t = vn(2026, 3, 20, 8)

        def wall(self):
            return self.t

    log = AsRunLog(tmp_path / "u3.sqlite3", unit_key=key, unit_id="u3", clock=Clock())
    at = int(vn(2026, 3, 20, 8).timestamp() * 1e6)
    # delivered, in a village of its own commune, but "MA-TUY" claimed for an ATGT script
    log.append(
        "finished",
        item=f"v{version.id}",
        area=str(v1a.id),
        topic="MA-TUY",
        duration_played_us=60_000_000,
        actual_start_us=at,
    )
    # a non-existent item, claimed in the other commune
    log.append(
        "finished",
        item="v999999",
        area=str(c2.id),
        topic="MA-TUY",
        duration_played_us=120_000_000,
        actual_start_us=at + 10**8,
    )
    # delivered, claimed in the other commune
    log.append(
        "finished",
        item=f"v{version.id}",
        area=str(c2.id),
        duration_played_us=30_000_000,
        actual_start_us=at + 2 * 10**8,
    )
    wire = [
        {
            "seq": e.seq,
            "kind": e.kind,
            "body": e.body,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
            "signature": e.signature,
        }
        for e in log.entries()
    ]
    res = sync.push_asrun(session, session.get(Unit, "u3"), wire, vn(2026, 3, 20, 9))
    session.commit()
    assert res.accepted == 3 and res.rejected == 0
    rows = session.exec(
        select(AsRunRecord).where(AsRunRecord.unit_id == "u3").order_by(AsRunRecord.seq)
    ).all()
    assert [(r.area_id, r.topic_code, r.undelivered) for r in rows] == [
        (v1a.id, "ATGT", False),
        (c1.id, None, True),
        (c1.id, "ATGT", False),
    ]
    flags = sorted(
        f.kind for f in session.exec(select(SyncFlag).where(SyncFlag.unit_id == "u3")).all()
    )
    assert flags == ["foreign_area", "foreign_area", "undelivered"]

    after_c2 = march(session, province, area=c2)
    assert (after_c2.totals.broadcasts, after_c2.totals.seconds) == (
        before_c2.totals.broadcasts,
        before_c2.totals.seconds,
    )
    after_c1 = march(session, province, area=c1)
    assert after_c1.totals.broadcasts == before_c1.totals.broadcasts + 2  # the two delivered ones
    assert after_c1.totals.seconds == before_c1.totals.seconds + 90
    topics = {t.code: t.tally.broadcasts for t in after_c1.by_topic}
    assert topics["ATGT"] == {t.code: t.tally.broadcasts for t in before_c1.by_topic}["ATGT"] + 2


def test_rows_stored_in_another_commune_are_not_counted_there(session, province):
    before = march(session, province, area=province["c2"])
    province["writers"]["u1"].add(
        session,
        "finished",
        at=vn(2026, 3, 25, 8),
        topic="MA-TUY",
        area_id=province["v2a"].id,
        duration_s=500,
    )  # u1 is in Xã Một
    session.commit()
    after = march(session, province, area=province["c2"])
    assert (after.totals.broadcasts, after.totals.seconds) == (
        before.totals.broadcasts,
        before.totals.seconds,
    )
    assert {v.name for v in after.covered_villages} == {v.name for v in before.covered_villages}

"""A tenth independent security review (docs/security.md 29), as an attacker would test it: a
writer moved to another commune (or left without a role) with the phone still logged in, a
curious admin, operator, reviewer, writer or issuer of another commune trying every route of
the app's own route table with Ngọc Chúc's ids, and the parts of a province's emergency that
belong to the other commune. Each test is the regression of a hole it found, or pins a
refusal that held and no earlier test pinned."""

from __future__ import annotations

import html
import re

import pytest
from sqlmodel import select

from content_library import services
from content_library.emergency_models import Emergency
from content_library.models import (
    Area,
    AuditEvent,
    ReportTarget,
    Script,
    ScriptVersion,
    Unit,
    User,
)
from content_library.types import Role

from .conftest import add_people
from .test_emergency import _issue, _template

MARK = "Zqxw"  # in the title of Ngọc Chúc's script: never on another commune's screen


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


def _areas(db) -> dict[str, int]:
    return {a.name: a.id for a in db.exec(select(Area)).all()}


def _approved(panel, db) -> ScriptVersion:
    from .test_schedules import approved_version

    vid = approved_version(panel, db, title=f"{MARK} bản tin", text="Kính thưa bà con.")
    db.expire_all()
    return db.get(ScriptVersion, vid)


def _set_roles(db, username: str, roles: list[tuple[Role, str]], at) -> None:
    areas = _areas(db)
    services.set_roles(
        db,
        actor=None,
        user_id=_uid(db, username),
        roles=[(r.value, areas[a]) for r, a in roles],
        now=at,
    )
    db.commit()


def _text(r) -> str:
    return html.unescape(r.text)


# --- 1. a writer moved away, or left without a role, kept reading what they once wrote ------


@pytest.mark.parametrize(
    "moved_to",
    [
        [(Role.AUTHOR, "Thạnh Lộc")],
        [(Role.AUTHOR, "Thạnh Lộc"), (Role.REVIEWER, "Thạnh Lộc")],
        [],
    ],
    ids=["author-elsewhere", "author-and-reviewer-elsewhere", "no-role"],
)
def test_a_writer_moved_away_no_longer_reads_the_script_nor_hears_its_audio(
    panel, api, client, db, moved_to
) -> None:
    """The writer's phone, still logged in (cookie and API token), after the admin moved them
    to Thạnh Lộc or took their roles: the script, its later versions, reviews and history, and
    its audio (player, MP3, render progress) read like ids that do not exist."""
    v = _approved(panel, db)
    sid, vid, sha = v.script_id, v.id, v.render_sha256
    phone, token = panel("doanvien"), api("doanvien")
    assert phone.get(f"/scripts/{sid}").status_code == 200  # before the move: theirs
    assert phone.get(f"/assets/{sha}").status_code == 200
    _set_roles(db, "doanvien", moved_to, v.created_at)

    missing = {
        f"/scripts/{sid}": ("/scripts/999999", "Không tìm thấy kịch bản."),
        f"/scripts/{sid}/edit": ("/scripts/999999/edit", "Không tìm thấy kịch bản."),
        f"/review/{vid}": ("/review/999999", "Không tìm thấy phiên bản kịch bản."),
        f"/versions/{vid}/mp3": ("/versions/999999/mp3", "Không tìm thấy phiên bản kịch bản."),
        f"/versions/{vid}/render-status": (
            "/versions/999999/render-status",
            "Không tìm thấy phiên bản kịch bản.",
        ),
        f"/assets/{sha}": (f"/assets/{'0' * 64}", "Không tìm thấy tệp âm thanh."),
    }
    for url, (gone_url, sentence) in missing.items():
        r, gone = phone.get(url), phone.get(gone_url)
        assert r.status_code == gone.status_code and r.status_code in (403, 404), (url, r)
        assert MARK not in _text(r), url
        if r.status_code == 404:
            assert sentence in _text(r), url
    r = client.get(f"/api/v1/scripts/{sid}", headers=token)
    gone = client.get("/api/v1/scripts/999999", headers=token)
    assert r.status_code == gone.status_code == 404, r.text
    assert r.json()["reason_vi"] == "Không tìm thấy kịch bản." and MARK not in r.text
    for url in ("/scripts", "/api/v1/scripts"):  # the lists (403 without any author role)
        r = client.get(url, headers=token) if url.startswith("/api") else phone.get(url)
        assert r.status_code in (200, 403) and MARK not in r.text, url
    # The commune's own people still see it, and the writer's old script stays theirs.
    assert panel("congan").get(f"/scripts/{sid}").status_code == 200
    assert panel("daixa").get(f"/assets/{sha}").status_code == 200
    assert db.get(Script, sid).author_id == _uid(db, "doanvien")


def test_a_writer_given_back_the_role_reads_the_script_again(panel, db) -> None:
    """The check follows the role, not a mark on the script: given back, it is theirs again."""
    v = _approved(panel, db)
    _set_roles(db, "doanvien", [(Role.AUTHOR, "Thạnh Lộc")], v.created_at)
    phone = panel("doanvien")
    assert phone.get(f"/scripts/{v.script_id}").status_code == 404
    _set_roles(db, "doanvien", [(Role.AUTHOR, "Ngọc Chúc")], v.created_at)
    r = phone.get(f"/scripts/{v.script_id}")
    assert r.status_code == 200 and MARK in _text(r)
    assert MARK in _text(phone.get("/scripts"))


# --- 2. a commune's admin: the area tree and the report targets of the others ------------------


@pytest.fixture
def tl_admin(db, clock) -> dict[str, int]:
    areas = _areas(db)
    add_people(db, {"quantri_tl": [(Role.ADMIN, areas["Thạnh Lộc"])]}, now=clock.now)
    db.commit()
    return areas


def test_a_communes_admin_sees_only_their_part_of_the_area_tree(panel, tl_admin) -> None:
    """/admin/areas listed the whole tree — every other commune and its hamlets — to any
    commune's admin, where GET /api/v1/areas shows only their subtree and the areas above."""
    page = _text(panel("quantri_tl").get("/admin/areas"))
    for name in ("An Giang", "Thạnh Lộc", "Ấp Thạnh Hưng", "Ấp Thạnh Bình"):
        assert name in page, name
    for name in ("Ngọc Chúc", "Ấp Ngọc Thạnh", "Ấp Ngọc Bình"):
        assert name not in page, name
    # The "inside" choices are where they may create: their own commune and its hamlets.
    parents = re.search(r'<select name="parent_id">(.*?)</select>', page, re.S).group(1)
    offered = set(re.findall(r'<option value="(\d+)"', parents))
    assert offered == {str(tl_admin[n]) for n in ("Thạnh Lộc", "Ấp Thạnh Hưng", "Ấp Thạnh Bình")}
    # The root's admin still sees and may build under the whole tree.
    root = _text(panel("quantri").get("/admin/areas"))
    assert all(n in root for n in ("Ngọc Chúc", "Ấp Ngọc Bình", "Ấp Thạnh Bình"))
    assert f'<option value="{tl_admin["An Giang"]}"' in root


def test_a_communes_admin_neither_sees_nor_deletes_another_communes_targets(
    panel, db, clock, tl_admin
) -> None:
    """/admin/report-targets listed every commune's targets (and every area's name) to any
    admin, and deleting another commune's target answered 403 where an unknown id is 404."""
    nc = ReportTarget(
        area_id=tl_admin["Ngọc Chúc"],
        topic_id=None,
        period="month",
        min_broadcasts=37,
        min_minutes=0,
        created_by=None,
        created_at=clock.now,
    )
    db.add(nc)
    db.commit()
    other = panel("quantri_tl")
    page = _text(other.get("/admin/report-targets"))
    assert "Ngọc Chúc" not in page and "37" not in page
    r, gone = (
        other.post(f"/admin/report-targets/{nc.id}/delete"),
        other.post("/admin/report-targets/999999/delete"),
    )
    assert r.status_code == gone.status_code == 404
    assert "Không tìm thấy chỉ tiêu." in _text(r)
    db.expire_all()
    assert db.get(ReportTarget, nc.id) is not None
    assert not db.exec(select(AuditEvent).where(AuditEvent.action == "report_target.delete")).all()
    # Their own commune's targets they set, see and delete as before; the root's admin sees all.
    r = other.post(
        "/admin/report-targets",
        {"area_id": str(tl_admin["Thạnh Lộc"]), "period": "month", "min_broadcasts": "5"},
    )
    assert r.status_code == 303, _text(r)[:300]
    assert "Thạnh Lộc" in _text(other.get("/admin/report-targets"))
    assert "Ngọc Chúc" in _text(panel("quantri").get("/admin/report-targets"))
    assert panel("quantri").post(f"/admin/report-targets/{nc.id}/delete").status_code == 303


# --- 3. a province's warning to two communes: each sees its own units ---------------------------


def test_a_provinces_emergency_shows_each_commune_only_its_own_units(
    panel, api, client, db, issuers, clock
) -> None:
    """The page, its polled fragment and the API listed, to a commune's issuer, every unit of
    the other commune the warning went to (ids, names, how each answered), which the fleet
    pages never show them; the province's issuer still sees all."""
    areas = issuers
    db.add(Unit(id="thanh-loc-01", name="Cụm loa Thạnh Lộc", area_id=areas["Thạnh Lộc"].id))
    db.commit()
    tid = _template(panel, areas, author="quantri", area="An Giang")
    r = _issue(panel("quantri"), tid, areas, clock, area_ids=("Ngọc Chúc", "Thạnh Lộc"))
    assert r.status_code == 303, r.text[:300]
    eid = r.headers["location"].rsplit("/", 1)[1]
    for who, mine, theirs in (
        ("chutich", "ngoc-chuc-01", "thanh-loc-01"),
        ("chutich_tl", "thanh-loc-01", "ngoc-chuc-01"),
    ):
        p = panel(who)
        for url in (f"/emergencies/{eid}", f"/emergencies/{eid}/status"):
            text = _text(p.get(url))
            assert mine in text and theirs not in text, (who, url)
        body = client.get(f"/api/v1/emergencies/{eid}", headers=api(who)).json()
        assert [u["unit_id"] for u in body["units"]] == [mine], (who, body)
        assert body["units_total"] == 1 and body["played_confirmed"] == 0
    whole = client.get(f"/api/v1/emergencies/{eid}", headers=api("quantri")).json()
    assert {u["unit_id"] for u in whole["units"]} == {"ngoc-chuc-01", "thanh-loc-01"}
    assert whole["units_total"] == 2
    db.expire_all()
    assert db.get(Emergency, eid).state == "active"

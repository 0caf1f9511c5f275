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
    Membership,
    Publication,
    ReportTarget,
    Schedule,
    Script,
    ScriptVersion,
    Unit,
    User,
)
from content_library.types import Role
from web.app import route_keys

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
    assert f'id="target-{nc.id}"' not in page and "Ngọc Chúc" not in page  # row, choices
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


def test_a_provinces_relay_channel_names_a_communes_fallback_only_to_that_commune(
    panel, db, tl_people
) -> None:
    """A province's channel may fall back on a commune's approved script; the channel's page,
    which every commune's operator sees, named that script's title to the other commune."""
    from .test_relay import register

    v = _approved(panel, db)
    cid = register(panel, db, fallback_version_id=str(v.id))  # the province's channel
    other = _text(panel("daixa_tl").get(f"/relay/{cid}"))
    assert "Đài tỉnh (thử)" in other and f"v{v.id}" in other
    assert MARK not in other
    assert f"{MARK} bản tin (v{v.id})" in _text(panel("daixa").get(f"/relay/{cid}"))


def test_the_api_review_queue_tells_another_communes_area_from_no_area_no_more(
    client, api, tl_people
) -> None:
    """GET /api/v1/review-queue?area_id= answered [] for another commune's area and 422 for an
    id that does not exist, so area ids could be probed; now both read as not found."""
    token = api("congan_tl")
    r = client.get(f"/api/v1/review-queue?area_id={tl_people['Ngọc Chúc']}", headers=token)
    gone = client.get("/api/v1/review-queue?area_id=999999", headers=token)
    assert r.status_code == gone.status_code == 404
    assert r.json() == gone.json()
    assert r.json()["reason_vi"] == "Không tìm thấy địa bàn."
    own = client.get(f"/api/v1/review-queue?area_id={tl_people['Thạnh Lộc']}", headers=token)
    assert own.status_code == 200
    province = client.get(
        f"/api/v1/review-queue?area_id={tl_people['Ngọc Chúc']}", headers=api("congan")
    )
    assert province.status_code == 200  # a commune below the province's reviewer


# --- 4. every route that takes an id, walked from the app's route table ------------------------

# Thạnh Lộc's people, one per role (congan_tl reviews there, chutich_tl issues there).
OTHERS = {
    "quantri_tl": Role.ADMIN,
    "daixa_tl": Role.OPERATOR,
    "doanvien_tl": Role.AUTHOR,
}
WALKERS = ("quantri_tl", "daixa_tl", "doanvien_tl", "congan_tl", "chutich_tl")
# What a page of Ngọc Chúc's objects would show: a script's title, the unit's name, the
# schedule's name, the relay channel's name, the emergency template's text and slots.
SECRETS = (
    MARK,
    "Cụm loa chợ Ngọc Chúc",
    "Lịch tuần Ngọc Chúc",
    "Kênh xã Zqxw",
    "bà con ở",
    "Mực nước",
)
# JSON bodies the API routes read, so that a refusal is the area's, not the body's.
API_BODIES = {
    "/api/v1/scripts/{script_id}/versions": {"text": "Nội dung mới.", "submit": True},
    "/api/v1/versions/{version_id}/approve": {"audio_sha256": "0" * 64},
    "/api/v1/versions/{version_id}/reject": {"reason": "không đạt"},
    "/api/v1/users/{user_id}/roles": {"roles": []},
}
FORMS = {
    "/versions/{version_id}/approve": {"audio_sha256": "0" * 64},
    "/versions/{version_id}/reject": {"reason": "không đạt"},
    "/versions/{version_id}/withdraw": {"reason": "không đạt"},
    "/admin/users/{user_id}/roles": {},  # no role kept: all of the user's taken away
    "/admin/users/{user_id}/active": {"active": "0"},
    "/admin/users/{user_id}/password": {"new_password": "Mat-khau-cua-ke-gian-2026"},
    "/emergencies/templates/{template_id}/end": {"reason": "không đạt"},
    "/emergencies/{emergency_id}/reject": {"reason": "không đạt"},
}


@pytest.fixture
def ngoc_chuc(app, panel, db, issuers, clock) -> dict[str, str]:
    """One of each of Ngọc Chúc's objects (by the route parameter that names it), made
    through the panel as its own people would, and Thạnh Lộc's people to try them."""
    from .test_relay import register
    from .test_schedules import week_form
    from .test_security_review_3 import _export

    areas = issuers
    add_people(db, {u: [(r, areas["Thạnh Lộc"].id)] for u, r in OTHERS.items()}, now=clock.now)
    db.commit()
    v = _approved(panel, db)
    op = panel("daixa")
    r = op.post("/schedules/new", week_form([v.id]))
    schedule_id = r.headers["location"].rsplit("/", 1)[1]
    assert op.post(f"/schedules/{schedule_id}/publish").status_code == 303
    db.expire_all()
    pub = db.exec(select(Publication)).one()
    channel = register(
        panel, db, code="xa-nc", name="Kênh xã Zqxw", area_id=str(areas["Ngọc Chúc"].id)
    )
    template = _template(panel, areas)
    r = _issue(panel("chutich"), template, areas, clock)
    assert r.status_code == 303, r.text[:300]
    target = ReportTarget(
        area_id=areas["Ngọc Chúc"].id,
        topic_id=None,
        period="month",
        min_broadcasts=7,
        min_minutes=0,
        created_by=None,
        created_at=clock.now,
    )
    db.add(target)
    db.commit()
    em = db.exec(select(Emergency)).one()
    return {
        "script_id": str(v.script_id),
        "version_id": str(v.id),
        "sha256": v.render_sha256 or "",
        "schedule_id": schedule_id,
        "publication_id": str(pub.id),
        "unit_id": "ngoc-chuc-01",
        "channel_id": str(channel),
        "template_id": str(template),
        "emergency_id": em.id,
        "job_id": _export(op),
        "user_id": str(_uid(db, "doanvien")),
        "target_id": str(target.id),
    }


def _state(db) -> tuple:
    """What any of the walked routes could change of Ngọc Chúc's."""
    from content_library.emergency_models import EmergencyTemplate
    from content_library.relay_models import RelayChannel

    db.expire_all()
    doanvien = db.exec(select(User).where(User.username == "doanvien")).one()
    return (
        [(v.id, v.state, v.render_sha256) for v in db.exec(select(ScriptVersion)).all()],
        [(s.id, s.name, s.body, s.version_ids) for s in db.exec(select(Schedule)).all()],
        len(db.exec(select(Publication)).all()),
        [(c.id, c.state, c.url) for c in db.exec(select(RelayChannel)).all()],
        [(t.id, t.state) for t in db.exec(select(EmergencyTemplate)).all()],
        [(e.id, e.state) for e in db.exec(select(Emergency)).all()],
        len(db.exec(select(ReportTarget)).all()),
        (doanvien.is_active, doanvien.password_hash),
        sorted(
            (m.role, m.area_id)
            for m in db.exec(select(Membership).where(Membership.user_id == doanvien.id)).all()
        ),
        db.get(Unit, "ngoc-chuc-01").enrol_code_hash,
    )


def _id_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route of the app's table with an id in its path."""
    out = []
    for method, path in route_keys(app):
        if "{" not in path:
            continue
        # The unit protocol answers to a unit's signature, not to a person (other tests).
        if path.startswith("/api/v1/units/") and not path.endswith("/enrol-code"):
            continue
        out.append((method, path))
    return out


def test_another_communes_people_reach_nothing_of_ngoc_chuc_by_any_id(
    app, panel, api, client, db, ngoc_chuc
) -> None:
    """Every route of the route table that takes an id, with each id of Ngọc Chúc's objects,
    for Thạnh Lộc's admin, operator, writer, reviewer and issuer (cookie and CSRF token, or
    API token): 403 or 404, none of Ngọc Chúc's names in the answer, nothing changed. A route
    added with an id parameter this test cannot fill fails it (add the id above)."""
    routes = _id_routes(app)
    assert len(routes) >= 40, routes
    people = {who: (panel(who), api(who)) for who in WALKERS}
    before = _state(db)
    tried = 0
    for method, path in routes:
        url = path
        for name, value in ngoc_chuc.items():
            url = url.replace("{" + name + "}", value)
        assert "{" not in url, f"no id of Ngọc Chúc for {path}"
        for who, (p, token) in people.items():
            if path.startswith("/api/"):
                r = client.request(method, url, headers=token, json=API_BODIES.get(path, {}))
            elif method == "GET":
                r = p.get(url)
            else:
                r = p.post(url, FORMS.get(path, {}))
            text = _text(r)
            assert r.status_code in (403, 404), (method, path, who, r.status_code, text[:200])
            leaked = [s for s in SECRETS if s in text]
            assert not leaked, (method, path, who, leaked)
            tried += 1
    assert tried == len(routes) * len(WALKERS)
    assert _state(db) == before


def test_every_posted_id_route_needs_the_csrf_token_before_anything_else(
    app, panel, db, ngoc_chuc
) -> None:
    """The same routes posted from another site (the session's cookie rides along, the token
    cannot): refused as a stale page, for Ngọc Chúc's own admin too, and nothing changed."""
    owner = panel("quantri")  # may do all of it with the token
    before = _state(db)
    for method, path in _id_routes(app):
        if method != "POST" or path.startswith("/api/"):
            continue
        url = path
        for name, value in ngoc_chuc.items():
            url = url.replace("{" + name + "}", value)
        for token in ("", "forged-token"):
            r = owner.post(url, FORMS.get(path, {}), token=token)
            assert r.status_code == 403, (path, token, r.status_code)
            assert "Phiên làm việc đã hết hạn" in _text(r), (path, _text(r)[:200])
    assert _state(db) == before

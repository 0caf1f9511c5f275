"""A twelfth independent security review (docs/security.md 31), as a hostile user would test it:
a commune's emergency template sent to the whole province, a relay channel moved out of the
area its approval was given for, an admin's found phone setting its owner's password, the last
administrator of the province taking their own role away, a person looping on the report
export, and the use cases called directly answering another commune's ids like unknown ones.
Each test is the regression of a hole it found, or pins a refusal that held; every refusal is
tried beside the legitimate path, which still works."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from content_library import accounts, services
from content_library import relay as relay_core
from content_library.emergency_models import Emergency
from content_library.errors import NotFound, PermissionDenied, ValidationError
from content_library.job_models import Job, JobState
from content_library.models import Area, AuditEvent, Membership, ReportTarget, User
from content_library.relay_models import ChannelState, RelayChannel
from content_library.types import Role
from web.services import report_jobs, report_targets

from .conftest import add_people, password_for


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


def _user(db, username: str) -> User:
    db.expire_all()
    return db.exec(select(User).where(User.username == username)).one()


def _text(r) -> str:
    return html.unescape(r.text)


def _roles(db, username: str) -> list[tuple[str, int]]:
    db.expire_all()
    uid = _uid(db, username)
    return sorted(
        (m.role, m.area_id)
        for m in db.exec(select(Membership).where(Membership.user_id == uid)).all()
    )


@pytest.fixture
def areas(db, clock) -> dict[str, int]:
    """Area ids by name; Thạnh Lộc's admin, a reviewer of Ngọc Chúc only (the commune's police)
    and an emergency issuer of the whole province."""
    by_name = {a.name: a.id for a in db.exec(select(Area)).all()}
    add_people(
        db,
        {
            "quantri_tl": [(Role.ADMIN, by_name["Thạnh Lộc"])],
            "congan_nc": [(Role.REVIEWER, by_name["Ngọc Chúc"])],
            "chutich_tinh": [(Role.ISSUER, by_name["An Giang"])],
        },
        now=clock.now,
    )
    db.commit()
    return by_name


# --- 1. a commune's emergency template sent to the whole province ---------------------------


def test_a_communes_template_plays_in_its_area_and_below_never_above(
    panel, client, db, issuers, areas, clock
) -> None:
    """Ngọc Chúc's template, approved by Ngọc Chúc's police only, was issued by the province's
    issuer to the whole province: it played on Thạnh Lộc's speakers ("bà con ở Ấp Ngọc Bình sơ
    tán"), approved by none of their reviewers. A script may play only in its area and below
    (publishing.check_plays_in); a template now too, by form and API, and nothing is issued.
    Sent to Ngọc Chúc itself, the province's issuer still issues it."""
    from .test_emergency import _issue, _issue_api, _template, _token

    tid = _template(panel, issuers, approver="congan_nc")
    province = panel("chutich_tinh")
    form = province.get(f"/emergencies/new?template_id={tid}")
    assert form.status_code == 200
    offered = set(re.findall(r'name="area_ids" value="(\d+)"', form.text))
    assert str(areas["Ngọc Chúc"]) in offered
    assert str(areas["An Giang"]) not in offered  # not offered any more
    assert str(areas["Thạnh Lộc"]) not in offered

    for where in (("An Giang",), ("Ngọc Chúc", "An Giang")):
        r = _issue(province, tid, issuers, clock, area_ids=where)
        assert r.status_code == 403, (where, r.status_code, _text(r)[:300])
        assert "chỉ phát được trong địa bàn của mẫu" in _text(r)
    token = _token(client, "chutich_tinh")
    r = _issue_api(client, token, tid, issuers, clock, area_ids=[areas["An Giang"]])
    assert r.status_code == 403 and r.json()["code"] == "out_of_scope", r.text
    db.expire_all()
    assert db.exec(select(Emergency)).all() == []

    # The legitimate path: the province's issuer sends it to the commune it was written for,
    # and the province's own template still goes to any commune below it.
    r = _issue(province, tid, issuers, clock, area_ids=("Ngọc Chúc",))
    assert r.status_code == 303, _text(r)[:300]
    tinh = _template(panel, issuers, author="quantri", approver="congan", area="An Giang")
    r = _issue(panel("chutich"), tinh, issuers, clock, area_ids=("Ngọc Chúc",))
    assert r.status_code == 303, _text(r)[:300]
    db.expire_all()
    sent = db.exec(select(Emergency)).all()
    assert sorted(e.area_ids for e in sent) == [[areas["Ngọc Chúc"]]] * 2


# --- 2. a relay channel moved out of the area its approval was given for -------------------


def _channel(panel, area_id: int, code: str) -> int:
    r = panel("quantri").post(
        "/relay/new",
        {
            "code": code,
            "name": "Đài xã Ngọc Chúc",
            "url": "http://127.0.0.1:8012/dai-xa",
            "format": "mp3",
            "area_id": str(area_id),
        },
    )
    assert r.status_code == 303, _text(r)[:300]
    cid = int(r.headers["location"].rsplit("/", 1)[1])
    r = panel("congan_nc").post(f"/relay/{cid}/approve", {"url": "http://127.0.0.1:8012/dai-xa"})
    assert r.status_code == 303, _text(r)[:300]
    return cid


def _move(admin, cid: int, area_id: int):
    return admin.post(
        f"/relay/{cid}/edit",
        {
            "name": "Đài xã Ngọc Chúc",
            "url": "http://127.0.0.1:8012/dai-xa",
            "format": "mp3",
            "area_id": str(area_id),
        },
    )


@pytest.mark.parametrize("to", ["An Giang", "Thạnh Lộc"])
def test_a_relay_channel_moved_beyond_its_approved_area_waits_for_approval_again(
    panel, db, areas, clock, to
) -> None:
    """Ngọc Chúc's channel, approved by Ngọc Chúc's police, moved by the province's admin to
    the province (or to Thạnh Lộc) kept its approval — the URL had not changed — and every
    Thạnh Lộc schedule could relay it. Now its approval ends with the move: it waits for a
    reviewer of the new area, and the bundles that carry it are re-issued without it."""
    cid = _channel(panel, areas["Ngọc Chúc"], "dai-nc")
    admin = panel("quantri")
    r = _move(admin, cid, areas[to])
    assert r.status_code == 303, _text(r)[:300]
    assert "chuyển ra ngoài địa bàn được duyệt" in _text(admin.get(r.headers["location"]))
    db.expire_all()
    channel = db.get(RelayChannel, cid)
    assert channel.area_id == areas[to]
    assert channel.state == ChannelState.SUBMITTED and channel.approved_by is None
    assert not relay_core.is_approved(channel, clock.now)
    audit = db.exec(select(AuditEvent).where(AuditEvent.action == "relay_channel.update")).all()
    assert audit and audit[-1].detail["approval_voided"] is True
    # The new area's reviewer approves it again (the province's police: a reviewer there).
    r = panel("congan").post(f"/relay/{cid}/approve", {"url": "http://127.0.0.1:8012/dai-xa"})
    assert r.status_code == 303
    db.expire_all()
    assert relay_core.is_approved(db.get(RelayChannel, cid), clock.now)


def test_a_relay_channel_moved_inside_its_area_keeps_its_approval(panel, db, areas, clock) -> None:
    """Moved into a hamlet of the commune it was approved for, it plays on fewer speakers than
    approved: the approval stands."""
    cid = _channel(panel, areas["Ngọc Chúc"], "dai-nc")
    r = _move(panel("quantri"), cid, areas["Ấp Ngọc Bình"])
    assert r.status_code == 303, _text(r)[:300]
    db.expire_all()
    channel = db.get(RelayChannel, cid)
    assert channel.area_id == areas["Ấp Ngọc Bình"]
    assert relay_core.is_approved(channel, clock.now)


# --- 3. an admin's found phone sets its owner's password ---------------------------------------


def test_an_admin_cannot_reset_their_own_password_without_the_current_one(
    panel, client, api, db, areas
) -> None:
    """The admin's phone, found still logged in, set a new password for its owner through the
    admin's reset form — no current password asked — which ended the owner's other sessions
    and locked them out, the finder knowing the new one. Now one's own password is changed on
    /account/password only (the current one asked); the form is not shown for oneself."""
    found = panel("quantri")
    token = api("quantri")
    me = _uid(db, "quantri")
    before = _user(db, "quantri").password_hash
    page = found.get("/admin/users").text
    assert f'action="/admin/users/{me}/password"' not in page
    assert f'action="/admin/users/{_uid(db, "doanvien")}/password"' in page
    r = found.post(f"/admin/users/{me}/password", {"new_password": "Mat-khau-cua-ke-nhat-duoc"})
    assert r.status_code == 422, _text(r)[:300]
    assert "Đổi mật khẩu của chính mình ở trang Đổi mật khẩu" in _text(r)
    assert _user(db, "quantri").password_hash == before
    assert found.get("/admin/users").status_code == 200  # nothing ended either
    assert client.get("/api/v1/me", headers=token).status_code == 200
    # The owner's own change, with the current password, works; an admin's reset of another
    # person's password too.
    r = found.post(
        "/account/password",
        {
            "current_password": password_for("quantri"),
            "new_password": "Mot-mat-khau-moi-2026",
            "confirm_password": "Mot-mat-khau-moi-2026",
        },
    )
    assert r.status_code == 303, _text(r)[:300]
    r = found.post(
        f"/admin/users/{_uid(db, 'doanvien')}/password", {"new_password": "Mot-mat-khau-khac-2026"}
    )
    assert r.status_code == 303


# --- 4. the last administrator of the province ------------------------------------------------


def test_the_last_administrator_of_the_province_cannot_drop_their_role(
    panel, client, api, db, areas, clock
) -> None:
    """The province's only admin could take their own admin role away (the page's "keep" box
    unticked, or PUT /api/v1/users/{id}/roles): nobody but the server's console could then
    manage the province's people and areas. Now refused, nothing changed; with a second admin
    of the province, either may step down."""
    me = _uid(db, "quantri")
    ag = areas["An Giang"]
    before = _roles(db, "quantri")
    admin = panel("quantri")
    r = admin.post(f"/admin/users/{me}/roles", {"role": "reviewer", "area_id": str(ag)})
    assert r.status_code == 422, _text(r)[:300]
    assert "“An Giang” sẽ không còn quản trị viên nào đang hoạt động" in _text(r)
    r = client.put(
        f"/api/v1/users/{me}/roles", json={"roles": [["operator", ag]]}, headers=api("quantri")
    )
    assert r.status_code == 422 and "không còn quản trị viên" in r.json()["reason_vi"], r.text
    assert _roles(db, "quantri") == before
    # A second admin of the province, then disabled: still the last active one.
    add_people(db, {"quantri2": [(Role.ADMIN, ag)]}, now=clock.now)
    db.commit()
    r = admin.post(f"/admin/users/{_uid(db, 'quantri2')}/active", {"active": "0"})
    assert r.status_code == 303
    r = admin.post(f"/admin/users/{me}/roles", {"role": "reviewer", "area_id": str(ag)})
    assert r.status_code == 422
    assert _roles(db, "quantri") == before
    # Enabled again, the second admin may hand over: the first steps down.
    assert (
        admin.post(f"/admin/users/{_uid(db, 'quantri2')}/active", {"active": "1"}).status_code
        == 303
    )
    r = admin.post(f"/admin/users/{me}/roles", {"role": "reviewer", "area_id": str(ag)})
    assert r.status_code == 303, _text(r)[:300]
    assert _roles(db, "quantri") == [("reviewer", ag)]
    # A commune's admin stepping down leaves the province's admin: allowed.
    tl_admin = panel("quantri_tl")
    r = tl_admin.post(
        f"/admin/users/{_uid(db, 'quantri_tl')}/roles",
        {"role": "operator", "area_id": str(areas["Thạnh Lộc"])},
    )
    assert r.status_code == 303, _text(r)[:300]


# --- 5. one person looping on the report export -------------------------------------------


def _export(p, area_id: int):
    return p.post("/reports/export", {"area_id": str(area_id), "period": "month", "fmt": "csv"})


def test_a_person_has_at_most_two_exports_in_the_making(app, panel, db, areas, monkeypatch) -> None:
    """Each export is built by a worker thread and kept in the database for an hour; a found
    phone or a script looping on the form started them without bound. Past two in the making
    the answer is 429 with Retry-After, nothing queued; another person is not held up."""
    jobs = report_jobs.jobs_of(app)
    monkeypatch.setattr(jobs, "run", lambda *a, **k: None)  # they stay queued, as under load
    op = panel("daixa")
    nc = areas["Ngọc Chúc"]
    assert _export(op, nc).status_code == 303
    assert _export(op, nc).status_code == 303
    r = _export(op, nc)
    assert r.status_code == 429 and r.headers["retry-after"] == str(report_jobs.OPEN_RETRY_S)
    assert "Bạn đang có 2 tệp báo cáo đang được tạo" in _text(r)
    db.expire_all()
    mine = db.exec(select(Job).where(Job.kind == "report", Job.user_id == _uid(db, "daixa")))
    queued = mine.all()
    assert len(queued) == 2
    assert _export(panel("congan"), nc).status_code == 303  # someone else's export goes ahead
    # One finishes: the next may start.
    jobs.update(jobs.get(queued[0].key, user_id=_uid(db, "daixa")), state=JobState.DONE)
    assert _export(op, nc).status_code == 303


def test_a_person_starts_at_most_forty_exports_an_hour(app, panel, db, areas, clock) -> None:
    """Forty finished exports in the last hour (each kept an hour): the next waits until the
    oldest is dropped, told how long; then it goes."""
    uid = _uid(db, "daixa")
    for i in range(report_jobs.MAX_PER_KEEP):
        db.add(
            Job(
                kind="report",
                key=f"cu-{i}",
                state=JobState.DONE,
                user_id=uid,
                params="{}",
                created_at=clock.now - timedelta(minutes=30),
            )
        )
    db.commit()
    op = panel("daixa")
    r = _export(op, areas["Ngọc Chúc"])
    assert r.status_code == 429, _text(r)[:300]
    assert "hãy thử lại sau 30 phút" in _text(r)
    assert 1700 <= int(r.headers["retry-after"]) <= 1800
    clock.advance(minutes=31)
    r = _export(op, areas["Ngọc Chúc"])
    assert r.status_code == 303, _text(r)[:300]


# --- 6. the use cases themselves: another commune's ids read like unknown ones -------------


def test_the_use_cases_called_directly_answer_another_communes_ids_like_unknown_ones(
    db, areas, clock
) -> None:
    """services.set_roles, set_active, accounts.reset_password, services.create_area,
    report_targets.create_target and relay.register_channel, called as the console or a test
    would (not through the routes' checks of 30), answered 403 for another commune's account
    or area and 404/422 for an unknown one. Now the same error, the same sentence."""
    actor = _user(db, "quantri_tl")
    nc, tl = areas["Ngọc Chúc"], areas["Thạnh Lộc"]
    victim = _uid(db, "doanvien")
    before = _roles(db, "doanvien")

    def same(call, theirs, unknown, kind) -> None:
        with pytest.raises(kind) as a:
            call(theirs)
        db.rollback()
        with pytest.raises(kind) as b:
            call(unknown)
        db.rollback()
        assert (type(a.value), a.value.reason_vi) == (type(b.value), b.value.reason_vi)
        assert "Ngọc Chúc" not in a.value.reason_vi

    now = clock.now
    same(
        lambda u: services.set_roles(db, actor=actor, user_id=u, roles=[], now=now),
        victim,
        999999,
        NotFound,
    )
    same(
        lambda u: services.set_active(db, actor=actor, user_id=u, active=False, now=now),
        victim,
        999999,
        NotFound,
    )
    same(
        lambda u: accounts.reset_password(
            db, actor=actor, user_id=u, new="Mat-khau-cua-ke-gian-2026", now=now, wall=now
        ),
        victim,
        999999,
        NotFound,
    )
    mine = _uid(db, "quantri_tl")
    same(
        lambda a: services.set_roles(
            db, actor=actor, user_id=mine, roles=[("admin", tl), ("author", a)], now=now
        ),
        nc,
        999999,
        ValidationError,
    )
    same(
        lambda a: services.create_area(
            db, actor=actor, name="Ấp Lạ", kind="village", parent_id=a, now=now
        ),
        nc,
        999999,
        ValidationError,
    )
    same(
        lambda a: report_targets.create_target(
            db,
            actor=actor,
            area_id=a,
            topic_id=None,
            period="month",
            min_broadcasts=5,
            min_minutes=0,
            now=now,
        ),
        nc,
        999999,
        ValidationError,
    )

    def channel(area_id: int) -> relay_core.RelayChannel:
        fields = relay_core.ChannelFields(
            "kenh-la", "Kênh lạ", "http://127.0.0.1:8010/x", "mp3", area_id, None
        )
        return relay_core.register_channel(db, actor=actor, fields=fields, now=now)

    same(channel, nc, 999999, ValidationError)
    db.expire_all()
    assert _roles(db, "doanvien") == before and _user(db, "doanvien").is_active
    assert _roles(db, "quantri_tl") == [("admin", tl)]
    assert db.exec(select(Area).where(Area.name == "Ấp Lạ")).first() is None
    assert not db.exec(select(ReportTarget)).all()
    assert not db.exec(select(RelayChannel).where(RelayChannel.code == "kenh-la")).all()
    # What they may know of but not manage stays a refusal: the province's reviewer, the
    # province's area, a role over the province (a commune's admin granting province roles).
    with pytest.raises(PermissionDenied):
        services.set_active(db, actor=actor, user_id=_uid(db, "congan"), active=False, now=now)
    db.rollback()
    with pytest.raises(PermissionDenied):
        services.set_roles(
            db, actor=actor, user_id=mine, roles=[("admin", areas["An Giang"])], now=now
        )
    db.rollback()
    with pytest.raises(PermissionDenied):
        channel(areas["An Giang"])
    db.rollback()
    # Their own commune works as before.
    services.create_area(db, actor=actor, name="Ấp Mới", kind="village", parent_id=tl, now=now)
    assert channel(tl).area_id == tl
    db.commit()


def test_a_communes_admin_cannot_grant_province_roles_by_page_or_api(
    panel, client, api, db, areas
) -> None:
    """Pinned: Thạnh Lộc's admin giving anyone (a new account, their own) a role over the
    province — admin included — is refused (403), by page and API; nothing is stored."""
    ag, tl = areas["An Giang"], areas["Thạnh Lộc"]
    admin, token = panel("quantri_tl"), api("quantri_tl")
    mine = _uid(db, "quantri_tl")
    r = admin.post(
        "/admin/users",
        {"username": "tv_tinh", "password": "Mot-mat-khau-dai", "role": "admin", "area_id": ag},
    )
    assert r.status_code == 403, _text(r)[:300]
    r = admin.post(
        f"/admin/users/{mine}/roles", {"keep": f"admin:{tl}", "role": "admin", "area_id": ag}
    )
    assert r.status_code == 403
    r = client.put(
        f"/api/v1/users/{mine}/roles",
        json={"roles": [["admin", tl], ["issuer", ag]]},
        headers=token,
    )
    assert r.status_code == 403
    db.expire_all()
    assert db.exec(select(User).where(User.username == "tv_tinh")).first() is None
    assert _roles(db, "quantri_tl") == [("admin", tl)]
    r = admin.post(
        "/admin/users",
        {"username": "tv_tl2", "password": "Mot-mat-khau-dai", "role": "issuer", "area_id": tl},
    )
    assert r.status_code == 303, _text(r)[:300]

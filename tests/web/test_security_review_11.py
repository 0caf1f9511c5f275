"""An eleventh independent security review (docs/security.md 30), as a hostile user would test
it: a commune's admin probing another commune's accounts and areas by id, another site
changing the session's language with a link, a province's warning naming one commune to the
other, and the sweep of what a stolen phone, another commune's people and a crafted request
may still reach. Each test is the regression of a hole it found, or pins a refusal that held
and no earlier test pinned."""

from __future__ import annotations

import html
import re

import pytest
from sqlmodel import select

from content_library.models import Area, Membership, ReportTarget, User
from content_library.types import Role

from .conftest import add_people, new_author_form, password_for


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


def _text(r) -> str:
    return html.unescape(r.text)


def _account(db, username: str) -> tuple:
    db.expire_all()
    u = db.exec(select(User).where(User.username == username)).one()
    roles = sorted(
        (m.role, m.area_id)
        for m in db.exec(select(Membership).where(Membership.user_id == u.id)).all()
    )
    return u.is_active, u.password_hash, roles


@pytest.fixture
def areas(db, clock) -> dict[str, int]:
    """Thạnh Lộc's admin, and a former officer whose roles the province took away."""
    by_name = {a.name: a.id for a in db.exec(select(Area)).all()}
    add_people(
        db,
        {"quantri_tl": [(Role.ADMIN, by_name["Thạnh Lộc"])], "cu_canbo": []},
        now=clock.now,
    )
    db.commit()
    return by_name


# --- 1. a commune's admin: another commune's account, area or target reads like no such id ------

USER_ACTIONS = {
    "password": {"new_password": "Mat-khau-cua-ke-gian-2026"},
    "active": {"active": "0"},
    "roles": {"role": "author"},  # area_id filled in: their own commune
}


@pytest.mark.parametrize("action", sorted(USER_ACTIONS))
@pytest.mark.parametrize("victim", ["doanvien", "cu_canbo"])
def test_another_communes_account_reads_exactly_like_an_unknown_id(
    panel, db, areas, action, victim
) -> None:
    """Thạnh Lộc's admin resetting, disabling or re-roling Ngọc Chúc's writer (or an account
    without any role) heard 403 where an unknown id is 404: user ids were confirmed. Now the
    same 404, the same page, and nothing changed."""
    admin = panel("quantri_tl")
    form = dict(USER_ACTIONS[action])
    if action == "roles":
        form["area_id"] = str(areas["Thạnh Lộc"])
    before = _account(db, victim)
    r = admin.post(f"/admin/users/{_uid(db, victim)}/{action}", form)
    gone = admin.post(f"/admin/users/999999/{action}", form)
    assert r.status_code == gone.status_code == 404, (r.status_code, _text(r)[:300])
    assert r.text == gone.text
    assert "Không tìm thấy người dùng." in _text(r)
    assert _account(db, victim) == before
    # The province's admin (a root of the tree) still manages both.
    root = panel("quantri")
    assert root.post(f"/admin/users/{_uid(db, victim)}/active", {"active": "0"}).status_code == 303


def test_an_account_the_admin_may_know_of_is_still_refused_not_hidden(panel, db, areas) -> None:
    """The province's reviewer works above Thạnh Lộc (their name is on its approvals): the
    commune's admin is told they may not touch them (403), as before; their own commune's
    people they manage as before."""
    admin = panel("quantri_tl")
    before = _account(db, "congan")
    r = admin.post(f"/admin/users/{_uid(db, 'congan')}/active", {"active": "0"})
    assert r.status_code == 403
    assert _account(db, "congan") == before
    r = admin.post("/admin/users", new_author_form(areas["Thạnh Lộc"]))
    assert r.status_code == 303, _text(r)[:300]
    r = admin.post(f"/admin/users/{_uid(db, 'tv_thanhloc')}/active", {"active": "0"})
    assert r.status_code == 303


def test_another_communes_area_reads_like_one_that_does_not_exist(panel, db, areas) -> None:
    """Creating an area under, a target for, or giving a role over another commune's area
    answered 403 ("ngoài địa bàn bạn quản trị") where an unknown area id is 422 "không tồn
    tại": every area id of the tree could be told from a free one. Now the same 422."""
    admin = panel("quantri_tl")
    nc, tl = areas["Ngọc Chúc"], areas["Thạnh Lộc"]
    mine = _uid(db, "quantri_tl")
    cases = [
        (
            "/admin/areas",
            lambda a: {"name": "Ấp Lạ", "kind": "village", "parent_id": str(a)},
            "Địa bàn cấp trên không tồn tại.",
        ),
        (
            "/admin/report-targets",
            lambda a: {"area_id": str(a), "period": "month", "min_broadcasts": "5"},
            "Địa bàn không tồn tại.",
        ),
        (
            "/admin/users",
            lambda a: {**new_author_form(tl, username="tv_la"), "area_id": str(a)},
            "Địa bàn không tồn tại.",
        ),
        (
            f"/admin/users/{mine}/roles",
            lambda a: {"keep": f"admin:{tl}", "role": "author", "area_id": str(a)},
            "Địa bàn không tồn tại.",
        ),
    ]
    for url, form, sentence in cases:
        r, gone = admin.post(url, form(nc)), admin.post(url, form(999999))
        assert r.status_code == gone.status_code == 422, (url, r.status_code, _text(r)[:300])
        assert sentence in _text(r) and sentence in _text(gone), url
        error = re.search(r'class="error"[^>]*>(.*?)<', r.text, re.S)
        assert error and error.group(1) == re.search(
            r'class="error"[^>]*>(.*?)<', gone.text, re.S
        ).group(1), url
        assert "Ngọc Chúc" not in _text(r), url
    db.expire_all()
    assert db.exec(select(Area).where(Area.name == "Ấp Lạ")).first() is None
    assert not db.exec(select(ReportTarget)).all()
    assert db.exec(select(User).where(User.username == "tv_la")).first() is None
    assert _account(db, "quantri_tl")[2] == [("admin", tl)]
    # An area they may know of (the province above) is still a refusal, not "unknown".
    r = admin.post(
        "/admin/areas", {"name": "Xã Lạ", "kind": "commune", "parent_id": str(areas["An Giang"])}
    )
    assert r.status_code == 403
    # Their own commune works as before.
    r = admin.post("/admin/areas", {"name": "Ấp Mới", "kind": "village", "parent_id": str(tl)})
    assert r.status_code == 303, _text(r)[:300]


def test_the_api_answers_another_communes_account_and_area_like_unknown_ids(
    client, api, db, areas
) -> None:
    """The same by API token: PUT /api/v1/users/{id}/roles of another commune's account, and
    POST /api/v1/users or /api/v1/areas naming another commune's area, answered 403 where an
    unknown id answered 404 or 422. Now the very same JSON, and nothing stored."""
    token = api("quantri_tl")
    nc, tl = areas["Ngọc Chúc"], areas["Thạnh Lộc"]
    before = _account(db, "doanvien")
    r = client.put(f"/api/v1/users/{_uid(db, 'doanvien')}/roles", json={"roles": []}, headers=token)
    gone = client.put("/api/v1/users/999999/roles", json={"roles": []}, headers=token)
    assert r.status_code == gone.status_code == 404 and r.json() == gone.json()
    assert r.json()["reason_vi"] == "Không tìm thấy người dùng."
    assert _account(db, "doanvien") == before
    mine = _uid(db, "quantri_tl")
    cases = [
        ("PUT", f"/api/v1/users/{mine}/roles", lambda a: {"roles": [["admin", tl], ["author", a]]}),
        (
            "POST",
            "/api/v1/users",
            lambda a: {
                "username": "tv_la",
                "password": "Mot-mat-khau-dai",
                "roles": [["author", a]],
            },
        ),
        ("POST", "/api/v1/areas", lambda a: {"name": "Ấp Lạ", "kind": "village", "parent_id": a}),
    ]
    for method, url, body in cases:
        r = client.request(method, url, json=body(nc), headers=token)
        gone = client.request(method, url, json=body(999999), headers=token)
        assert r.status_code == gone.status_code == 422, (url, r.text)
        assert r.json() == gone.json(), url
    db.expire_all()
    assert db.exec(select(User).where(User.username == "tv_la")).first() is None
    assert db.exec(select(Area).where(Area.name == "Ấp Lạ")).first() is None
    assert _account(db, "quantri_tl")[2] == [("admin", tl)]
    # The province's account and the province itself stay refusals (they may know of them).
    r = client.put(f"/api/v1/users/{_uid(db, 'congan')}/roles", json={"roles": []}, headers=token)
    assert r.status_code == 403


def test_another_communes_area_reads_like_no_area_to_a_template_writer(
    panel, db, areas, clock
) -> None:
    """A writer of Thạnh Lộc writing an emergency template for Ngọc Chúc's area id heard 403
    ("Chỉ người soạn tin … của địa bàn này"), for an unknown id 422 "Không tìm thấy địa
    bàn.": area ids were confirmed. Now the same 422; the province above stays a refusal."""
    from content_library.emergency_models import EmergencyTemplate

    add_people(db, {"tv_tl": [(Role.AUTHOR, areas["Thạnh Lộc"])]}, now=clock.now)
    db.commit()
    writer = panel("tv_tl")

    def form(area_id: int) -> dict:
        return {
            "name": "Bão lạ",
            "area_id": str(area_id),
            "text": "Bão số {bao} đang vào.",
            "slots": "bao | storm | Số hiệu bão",
            "voice_region": "south",
        }

    r, gone = (
        writer.post("/emergencies/templates/new", form(areas["Ngọc Chúc"])),
        writer.post("/emergencies/templates/new", form(999999)),
    )
    assert r.status_code == gone.status_code == 422, (r.status_code, _text(r)[:300])
    assert "Không tìm thấy địa bàn." in _text(r) and "Không tìm thấy địa bàn." in _text(gone)
    assert writer.post("/emergencies/templates/new", form(areas["An Giang"])).status_code == 403
    db.expire_all()
    assert not db.exec(select(EmergencyTemplate).where(EmergencyTemplate.name == "Bão lạ")).all()
    r = writer.post("/emergencies/templates/new", form(areas["Thạnh Lộc"]))
    assert r.status_code == 303, _text(r)[:300]


def test_another_communes_area_reads_like_no_area_to_a_relay_channels_admin(
    panel, db, areas
) -> None:
    """Thạnh Lộc's admin registering a relay channel for Ngọc Chúc's area id heard 403
    ("ngoài địa bàn bạn quản trị"), for an unknown id 422 "Hãy chọn địa bàn.". Now the same
    422, nothing stored; the province above stays a refusal."""
    from content_library.relay_models import RelayChannel

    admin = panel("quantri_tl")

    def form(area_id: int, code: str = "kenh-la") -> dict:
        return {
            "code": code,
            "name": "Kênh lạ",
            "url": "http://127.0.0.1:8010/vov1",
            "format": "mp3",
            "area_id": str(area_id),
        }

    r = admin.post("/relay/new", form(areas["Ngọc Chúc"]))
    gone = admin.post("/relay/new", form(999999))
    assert r.status_code == gone.status_code == 422, (r.status_code, _text(r)[:300])
    assert "Hãy chọn địa bàn." in _text(r) and "Hãy chọn địa bàn." in _text(gone)
    assert admin.post("/relay/new", form(areas["An Giang"])).status_code == 403
    db.expire_all()
    assert not db.exec(select(RelayChannel).where(RelayChannel.code == "kenh-la")).all()
    r = admin.post("/relay/new", form(areas["Thạnh Lộc"], code="kenh-tl"))
    assert r.status_code == 303, _text(r)[:300]


def test_the_api_answers_a_script_for_another_communes_area_like_an_unknown_area(
    client, api, db, areas, clock
) -> None:
    """A writer of Thạnh Lộc writing a script (text or recording) over the API for Ngọc Chúc's
    area id heard 403 "Bạn chỉ được soạn kịch bản cho địa bàn của mình.", for an unknown id
    422 "Địa bàn không tồn tại.". Now the same 422 JSON, nothing stored; the province above
    (where they may know the area) stays a refusal."""
    from content_library.models import Script, Topic

    from .conftest import wav_bytes

    add_people(db, {"tv_tl": [(Role.AUTHOR, areas["Thạnh Lộc"])]}, now=clock.now)
    db.commit()
    token = api("tv_tl")
    topic = db.exec(select(Topic)).first().id

    def text(area_id: int):
        body = {"title": "Tin lạ", "text": "Kính thưa bà con.", "topic_id": topic}
        return client.post("/api/v1/scripts", json={**body, "area_id": area_id}, headers=token)

    def recording(area_id: int):
        return client.post(
            "/api/v1/scripts/recording",
            data={"title": "Tin lạ", "topic_id": str(topic), "area_id": str(area_id)},
            files={"file": ("ghi-am.wav", wav_bytes(), "audio/wav")},
            headers=token,
        )

    for ask in (text, recording):
        r, gone = ask(areas["Ngọc Chúc"]), ask(999999)
        assert r.status_code == gone.status_code == 422, (ask.__name__, r.text)
        assert r.json() == gone.json() and r.json()["reason_vi"] == "Địa bàn không tồn tại."
        assert ask(areas["An Giang"]).status_code == 403, ask.__name__
    db.expire_all()
    assert not db.exec(select(Script).where(Script.title == "Tin lạ")).all()
    assert text(areas["Thạnh Lộc"]).status_code == 201


# --- 2. ?lang= changed the session's language on a GET -----------------------------------------


def test_a_link_with_lang_shows_one_page_and_stores_nothing(panel) -> None:
    """GET ?lang=en stored English in the session: any site could change a logged-in
    officer's language with a link or an <img>. Now ?lang= is this page's only."""
    p = panel("doanvien")
    assert "My scripts" in p.get("/scripts?lang=en").text
    page = p.get("/scripts").text
    assert '<html lang="vi">' in page and "Kịch bản của tôi" in page


def test_the_language_switch_is_a_post_with_the_pages_token(panel) -> None:
    p = panel("doanvien")
    page = p.get("/scripts?page=2&lang=en").text
    form = re.search(r'<form method="post" action="/language".*?</form>', page, re.S)
    assert form and 'name="csrf_token"' in form.group(0)
    assert 'name="back" value="/scripts?page=2"' in form.group(0)  # back, without ?lang=
    for token in ("", "forged-token"):  # another site's form: refused, nothing stored
        r = p.post("/language", {"lang": "en", "back": "/scripts"}, token=token)
        assert r.status_code == 403
        assert '<html lang="vi">' in p.get("/scripts").text
    r = p.post("/language", {"lang": "en", "back": "/scripts"})
    assert r.status_code == 303 and r.headers["location"] == "/scripts"
    assert '<html lang="en">' in p.get("/scripts").text
    # Only the two languages, and only back to this site.
    r = p.post("/language", {"lang": "fr", "back": "//evil.example/x"})
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert '<html lang="en">' in p.get("/scripts").text
    assert p.post("/language", {"lang": "vi"}).headers["location"] == "/"
    assert '<html lang="vi">' in p.get("/scripts").text
    # Anonymous on the login page, too (its own session's token).
    anon = panel()
    assert anon.post("/language", {"lang": "en", "back": "/login"}).status_code == 303
    assert "Log in" in anon.get("/login").text


# --- 3. a province's warning to two communes named the other commune -------------------------


def test_a_provinces_emergency_names_to_each_commune_only_the_areas_it_may_know_of(
    panel, db, issuers, clock
) -> None:
    """The page's heading line listed every area the warning went to: Thạnh Lộc's issuer read
    "Ngọc Chúc, Thạnh Lộc". Now each commune reads its own (the province's people, both). The
    text itself is what plays on the reader's own speakers, and is shown as it plays."""
    from .test_emergency import _issue, _template

    areas = issuers
    tid = _template(panel, areas, author="quantri", area="An Giang")
    r = _issue(panel("quantri"), tid, areas, clock, area_ids=("Ngọc Chúc", "Thạnh Lộc"))
    assert r.status_code == 303, r.text[:300]
    url = r.headers["location"]

    def meta(who: str) -> str:
        page = panel(who).get(url)
        assert page.status_code == 200, who
        return html.unescape(re.search(r'<p class="meta">(.*?)</p>', page.text, re.S).group(1))

    assert "Thạnh Lộc" in meta("chutich_tl") and "Ngọc Chúc" not in meta("chutich_tl")
    assert "Ngọc Chúc" in meta("chutich") and "Thạnh Lộc" not in meta("chutich")
    assert "Ngọc Chúc" in meta("quantri") and "Thạnh Lộc" in meta("quantri")


# --- 4. the sweep: a stolen phone's session dies ------------------------------------------------


@pytest.mark.parametrize("how", ["own-password", "admin-reset", "disabled"])
def test_a_stolen_phones_session_and_token_die(panel, client, api, db, areas, how) -> None:
    """The thief holds the phone's cookie and an API token; the owner changes the password
    from another device, or the admin resets it or disables the account: both die at once."""
    phone, token = panel("doanvien"), api("doanvien")
    assert phone.get("/scripts").status_code == 200
    uid = _uid(db, "doanvien")
    if how == "own-password":
        owner = panel("doanvien")
        r = owner.post(
            "/account/password",
            {
                "current_password": password_for("doanvien"),
                "new_password": "Mot-mat-khau-moi-2026",
                "confirm_password": "Mot-mat-khau-moi-2026",
            },
        )
        assert r.status_code == 303, _text(r)[:300]
        assert owner.get("/scripts").status_code == 200  # the owner's new session lives
    elif how == "admin-reset":
        r = panel("quantri").post(
            f"/admin/users/{uid}/password", {"new_password": "Mot-mat-khau-moi-2026"}
        )
        assert r.status_code == 303
    else:
        assert (
            panel("quantri").post(f"/admin/users/{uid}/active", {"active": "0"}).status_code == 303
        )
    r = phone.get("/scripts", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert client.get("/api/v1/me", headers=token).status_code == 401


def test_a_role_taken_away_ends_what_it_allowed_on_the_stolen_phone_at_once(
    panel, client, api, db, areas
) -> None:
    """The writer's phone (cookie and token) after the admin took the writer's role: the next
    request no longer has it, by page or API; the root's admin's form did it."""
    phone, token = panel("doanvien"), api("doanvien")
    assert phone.get("/scripts").status_code == 200
    assert client.get("/api/v1/scripts", headers=token).status_code == 200
    uid = _uid(db, "doanvien")
    r = panel("quantri").post(f"/admin/users/{uid}/roles", {})  # no role kept
    assert r.status_code == 303
    assert _account(db, "doanvien")[2] == []
    assert phone.get("/scripts").status_code == 403
    assert phone.post("/scripts/new", {"title": "x", "text": "y"}).status_code == 403
    assert client.get("/api/v1/scripts", headers=token).status_code == 403


def test_ids_in_forms_and_queries_of_another_commune_read_like_unknown_ones(
    panel, db, areas, clock
) -> None:
    """Pinned: ids that are not in a path — a schedule's target, a report's or an export's
    area, a free-text emergency's areas — answer another commune's id exactly like an id that
    does not exist (status and sentence), naming nothing, storing nothing."""
    from content_library.emergency_models import Emergency
    from content_library.models import Schedule

    add_people(
        db,
        {
            "daixa_tl": [(Role.OPERATOR, areas["Thạnh Lộc"])],
            "chutich_tl": [(Role.ISSUER, areas["Thạnh Lộc"])],
        },
        now=clock.now,
    )
    db.commit()
    op, issuer = panel("daixa_tl"), panel("chutich_tl")
    nc = areas["Ngọc Chúc"]

    def said(r) -> list[str]:
        return re.findall(r'class="error[^"]*"[^>]*>(.*?)<', _text(r), re.S) or [
            m for m in re.findall(r"<p[^>]*>(.*?)</p>", _text(r), re.S) if "phạm vi" in m
        ]

    pairs = [
        (
            lambda v: op.post("/schedules/new", {"name": "Lịch lạ", "target": v}),
            ("unit:ngoc-chuc-01", "unit:khong-co-loa-nay"),
        ),
        (
            lambda v: op.post("/schedules/new", {"name": "Lịch lạ", "target": v}),
            (f"area:{nc}", "area:999999"),
        ),
        (lambda v: op.get(f"/reports?area_id={v}"), (nc, 999999)),
        (
            lambda v: op.post(
                "/reports/export", {"area_id": str(v), "period": "month", "fmt": "csv"}
            ),
            (nc, 999999),
        ),
        (
            lambda v: issuer.post(
                "/emergencies/free",
                {
                    "text": "Bà con chú ý.",
                    "area_ids": [str(v)],
                    "repeats": "1",
                    "gap_s": "0",
                    "expires_in_min": "30",
                    "voice_region": "south",
                },
            ),
            (nc, 999999),
        ),
    ]
    for ask, (theirs, unknown) in pairs:
        r, gone = ask(theirs), ask(unknown)
        assert r.status_code == gone.status_code and r.status_code in (403, 404, 422), (
            theirs,
            r.status_code,
            gone.status_code,
        )
        assert said(r) and said(r) == said(gone), (theirs, said(r), said(gone))
        assert "Ngọc Chúc" not in _text(r) and "ngoc-chuc-01" not in said(r)[0], theirs
    db.expire_all()
    assert not db.exec(select(Schedule).where(Schedule.name == "Lịch lạ")).all()
    assert not db.exec(select(Emergency)).all()

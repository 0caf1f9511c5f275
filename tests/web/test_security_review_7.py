"""A seventh security review (docs/security.md 26): NUL anywhere a person or a client sends
text, a stolen phone's copied cookie and the emergency password check. Each test is the
regression of a hole it found, or pins a refusal that held."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from content_library.models import Schedule, User
from web.app import NulRefused

from .conftest import password_for
from .test_emergency import world
from .test_emergency_reauth import wall

__all__ = ["wall", "world"]  # fixtures shared with test_emergency_reauth

NUL_VI = "chứa ký tự NUL"


# --- 1. NUL in any field, on any route ---------------------------------------------------------


def _has_nul(params: object) -> bool:
    if isinstance(params, str):
        return "\x00" in params
    if isinstance(params, bytes):
        return False  # audio and hashes: binary columns take any byte
    if isinstance(params, dict):
        return any(_has_nul(v) for v in params.values())
    if isinstance(params, list | tuple):
        return any(_has_nul(v) for v in params)
    return False


@pytest.fixture
def postgres_nul_rule(app) -> Iterator[list[str]]:
    """SQLite stores NUL; PostgreSQL refuses it in text (psycopg: "A string literal cannot
    contain NUL (0x00) characters", a 500). The engine refuses it here as PostgreSQL would, and
    records each refused statement."""
    refused: list[str] = []

    def check(conn, cursor, statement, parameters, context, executemany) -> None:
        if _has_nul(parameters):
            refused.append(statement)
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")

    engine = app.state.engine
    event.listen(engine, "before_cursor_execute", check)
    yield refused
    event.remove(engine, "before_cursor_execute", check)


def _nul_refusal(r) -> None:
    assert r.status_code == 422, (r.status_code, r.text[:500])
    if r.headers["content-type"].startswith("application/json"):
        body = r.json()
        assert NUL_VI in body["reason_vi"] and body["code"] == "nul", body
        assert "NUL" in body["reason"]
    else:
        assert NUL_VI in html.unescape(r.text), r.text[:2000]


def test_a_nul_that_would_reach_the_database_is_refused_on_any_route(
    app, panel, client, db, postgres_nul_rule
) -> None:
    """Only the unit routes and the fields through clean_text had a rule: a NUL in the login's
    username reached the user query (a 500 on PostgreSQL), so did an API token request's. Now
    no statement runs with one: 422 in Vietnamese, nothing stored."""
    from .test_schedules import approved_version, week_form

    # Not a script route: the login form and the API token (no session yet).
    r = panel().post("/login", {"username": "doan\x00vien", "password": "x", "next": "/"})
    _nul_refusal(r)
    r = client.post("/api/v1/token", json={"username": "daixa\x00", "password": "x"})
    _nul_refusal(r)
    # Whatever route comes next: no statement of the panel's engine runs with one.
    with Session(app.state.engine) as s, pytest.raises(NulRefused) as refused:
        s.exec(select(User).where(User.username == "x\x00")).all()
    assert NUL_VI in refused.value.reason_vi and refused.value.code == "nul"
    # Fields clean_text checks keep their own reason, naming the field; nothing is stored.
    vid = approved_version(panel, db, title="Phòng cháy", text="Kính thưa bà con.")
    op = panel("daixa")
    r = op.post("/schedules/new", week_form([vid], name="Lịch\x00tuần"))
    assert r.status_code == 422 and "Tên lịch phát chứa ký tự điều khiển" in html.unescape(r.text)
    assert db.exec(select(Schedule)).all() == []
    r = panel("quantri").post("/admin/areas", {"name": "Ấp\x00Mới", "kind": "hamlet"})
    assert r.status_code == 422 and "Tên địa bàn chứa ký tự điều khiển" in html.unescape(r.text)
    assert postgres_nul_rule == []  # no statement carried one past the panel


def test_a_nul_in_a_path_is_not_found_and_in_a_query_is_dropped(
    panel, client, api, postgres_nul_rule
) -> None:
    """A string id in a path (an emergency, an export job, an asset) went to a query as it was;
    a path holding NUL now names nothing. A query's NUL is dropped: it only filters."""
    op = panel("quantri")
    for url in ("/emergencies/abc%00", "/reports/jobs/x%00y", "/assets/ab%00"):
        r = op.get(url)
        assert r.status_code == 404 and "Không tìm thấy" in html.unescape(r.text), url
    r = client.get("/api/v1/scripts/1%00", headers=api("doanvien"))
    assert r.status_code in (404, 422) and r.json()["reason_vi"], r.text
    assert op.get("/reports?area_id=%00&period=m%00onth").status_code == 200
    assert op.get("/scripts?q=%%0000").status_code == 200
    login = panel().get("/login?next=/scripts%00")
    assert login.status_code == 200 and "\x00" not in login.text
    assert postgres_nul_rule == []


# --- 2. a stolen phone: the emergency password check and a copied cookie ------------------------


def _with_cookie(panel, cookie: str, username: str):
    """Another browser holding a copy of a cookie (a thief's)."""
    p = panel()
    p.client.cookies.set("loa_session", cookie)
    p.username = username
    return p


def test_a_copied_cookie_never_holds_a_fresher_password_check_than_when_copied(
    world, wall, panel, db, clock, app
) -> None:
    """The typed check's time is kept in the signed cookie beside the session it belongs to
    (25). Kept on the session's row instead, a copy taken before the owner typed the password
    would share the owner's fresh check; in the cookie, a copy holds only what it held when it
    was taken, it cannot be made fresher, and logging out ends it with the session."""
    from .test_emergency import _template
    from .test_emergency_reauth import ASK_VI, FIELD, _issue_with

    tid = _template(panel, world)
    owner = panel("chutich")
    before = owner.client.cookies["loa_session"]
    wall.advance(minutes=16)
    assert (
        _issue_with(owner, tid, world, clock, password=password_for("chutich")).status_code == 303
    )
    after = owner.client.cookies["loa_session"]
    assert after != before
    # The copy taken before the password was typed is asked for it and issues nothing.
    thief = _with_cookie(panel, before, "chutich")
    form = thief.get(f"/emergencies/new?template_id={tid}")
    assert form.status_code == 200 and FIELD in form.text and ASK_VI in form.text
    r = _issue_with(thief, tid, world, clock)
    assert r.status_code == 422 and ASK_VI in html.unescape(r.text)
    assert len(app.state.push_publisher.sent) == 1
    # A copy taken after it ages like the owner's own: 16 minutes on, asked again.
    wall.advance(minutes=16)
    late = _with_cookie(panel, after, "chutich")
    assert _issue_with(late, tid, world, clock).status_code == 422
    # Logging out ends the session, and with it every copy of its cookie, checked or not.
    r = _issue_with(owner, tid, world, clock, password=password_for("chutich"))
    assert r.status_code == 303, r.text
    fresh = owner.client.cookies["loa_session"]
    owner.logout()
    gone = _with_cookie(panel, fresh, "chutich")
    r = gone.get(f"/emergencies/new?template_id={tid}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert len(app.state.push_publisher.sent) == 2


# --- 3. checked, already safe: the login's next=, another commune's objects --------------------

OFF_SITE = [
    "//evil.example/",
    "/\\evil.example",
    "/\t/evil.example",
    "/\r\n/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "/\x0b/evil.example",
    "/%2F/evil.example",
    " //evil.example",
    "\\\\evil.example",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_logins_next_never_leaves_the_site(panel, target) -> None:
    """What a browser does with each Location: it resolves it against the page, after dropping
    tabs and line breaks and reading a backslash as a slash."""
    from urllib.parse import urljoin, urlsplit

    p = panel()
    token = p.csrf()
    form = {"username": "doanvien", "password": password_for("doanvien"), "next": target}
    r = p.client.post("/login", data=form | {"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303, r.text

    def stays(url: str) -> bool:
        as_browser = "".join(c for c in url if c not in "\t\r\n").replace("\\", "/")
        return (
            urlsplit(urljoin("http://testserver/login", as_browser.strip())).netloc == "testserver"
        )

    assert stays(r.headers["location"]), r.headers["location"]
    # The login page keeps it in a hidden field only once it is a path of this site.
    page = panel().get("/login", params={"next": target})
    kept = re.search(r'name="next" value="([^"]*)"', page.text)
    assert page.status_code == 200 and kept and stays(html.unescape(kept.group(1)))


def test_another_communes_admin_operator_and_reviewer_reach_nothing_of_ngoc_chuc(
    panel, db, tl_people
) -> None:
    """Thạnh Lộc's people, by every id of Ngọc Chúc's objects: 404 ("Không tìm thấy …") or 403
    with the reason, never the object; lists do not show them."""
    from .test_relay import _area, channel_form, register
    from .test_schedules import approved_version, week_form

    vid = approved_version(panel, db, title="Zqxw bản tin", text="Kính thưa bà con.")
    sid = int(
        panel("daixa").post("/schedules/new", week_form([vid])).headers["location"].split("/")[-1]
    )
    cid = register(panel, db, code="xa-nc", area_id=str(_area(db, "Ngọc Chúc")))
    gets = [
        f"/review/{vid}",
        f"/versions/{vid}/mp3",
        f"/schedules/{sid}",
        f"/schedules/{sid}/edit",
        f"/relay/{cid}",
        "/devices/ngoc-chuc-01",
    ]
    posts = {
        f"/schedules/{sid}/publish": {},
        f"/schedules/{sid}/edit": week_form([vid], name="Đổi"),
        f"/versions/{vid}/withdraw": {"reason": "x"},
        f"/versions/{vid}/reject": {"reason": "x"},
        f"/relay/{cid}/edit": channel_form(db, url="http://evil.example/x.mp3"),
        f"/relay/{cid}/end": {},
    }
    for who in ("quantri_tl", "daixa_tl", "congan_tl"):
        p = panel(who)
        for url in gets:
            r = p.get(url)
            text = html.unescape(r.text)
            assert r.status_code in (403, 404) and "Zqxw bản tin" not in text, (who, url)
            assert ("Không tìm thấy" if r.status_code == 404 else "Bạn không có quyền") in text
        for url, data in posts.items():
            r = p.post(url, data)
            assert r.status_code in (403, 404), (who, url, r.status_code)
            text = html.unescape(r.text)
            assert "Không tìm thấy" in text or "Bạn không có quyền" in text, (who, url)
        for url in ("/review", "/schedules", "/relay", "/devices", "/reports"):
            r = p.get(url)
            assert (
                "Zqxw bản tin" not in html.unescape(r.text)
                and "xa-nc" not in r.text
                and "ngoc-chuc-01" not in r.text
            )


# --- 4. a schedule's name: the one stored text clean_text did not see (15) ----------------------


@pytest.mark.parametrize(
    "name", ["Lịch \x1b[31mđỏ", "Lịch\u202etuần", "Lịch\x85tuần", "Lịch\ufefftuần"]
)
def test_a_schedule_name_with_control_or_bidi_characters_is_refused(panel, db, name) -> None:
    """Escape sequences, C1, the BOM and bidirectional overrides were stored in a schedule's
    name and shown on every page listing it (text displayed in another order than stored)."""
    from .test_schedules import approved_version, week_form

    vid = approved_version(panel, db, title="Phòng cháy", text="Kính thưa bà con.")
    op = panel("daixa")
    r = op.post("/schedules/new", week_form([vid], name=name))
    assert r.status_code == 422, r.status_code
    assert "Tên lịch phát chứa ký tự điều khiển" in html.unescape(r.text)
    assert db.exec(select(Schedule)).all() == []
    r = op.post("/schedules/new", week_form([vid], name="  Lịch tuần\u0301 "))
    assert r.status_code == 303
    db.expire_all()
    (row,) = db.exec(select(Schedule)).all()
    assert row.name == unicodedata.normalize("NFC", "Lịch tuần\u0301")  # trimmed, NFC

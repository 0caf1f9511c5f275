"""A fourth independent review: the panel's hardening as a tester with a browser and curl sees
it — redirects after login, what a phone keeps after logout, the browser headers of every
answer, CSRF on every state-changing route (walked from the app's own route table), file
names in downloads, and what the login form gives away about usernames. Each test is the
regression of a hole it found, or pins a refusal that already held (docs/security.md 23)."""

from __future__ import annotations

import dataclasses
import os
import re
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from content_library import services
from content_library.models import Asset, Script, User
from web import csrf
from web.app import create_app, route_keys
from web.services.labels import ascii_slug

from .conftest import Panel, new_script_form, password_for, script_id_from
from .test_csrf_and_login import log_in_with_next
from .test_security_transport import BASE

SITE = "https://loa.example.vn/"
CSRF_FIELD = re.compile(r'name="csrf_token" value="[^"]+"')
PATH_PARAM = re.compile(r"\{[^}]+\}")


def _browser_target(location: str) -> str:
    """Where a browser goes for this Location (tabs and newlines dropped, '\\' read as '/')."""
    cleaned = re.sub(r"[\t\r\n]", "", location).strip("\x00 ").replace("\\", "/")
    return urljoin(SITE, cleaned)


def _stays_on_site(location: str) -> bool:
    target = urlsplit(_browser_target(location))
    return target.scheme == "https" and target.netloc == "loa.example.vn"


# --- 1. redirects after login never leave the site --------------------------------------------

OFF_SITE = [
    "//evil.example",
    "///evil.example/x",
    "////evil.example",
    "https://evil.example/",
    "HTTPS://evil.example",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\x00//evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https:/evil.example",
    "/login?next=//evil.example",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_redirect_after_login_stays_on_the_site(panel, target) -> None:
    p = panel()
    r = log_in_with_next(p, target)
    assert r.status_code == 303 and _stays_on_site(r.headers["location"]), r.headers["location"]
    # Logged in, the login page sends one on at once: the same rule, from the query string.
    r = p.client.get("/login", params={"next": target}, follow_redirects=False)
    assert r.status_code == 303 and _stays_on_site(r.headers["location"]), r.headers["location"]


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil"])
def test_the_login_form_carries_no_off_site_target(panel, target) -> None:
    page = panel().get("/login", params={"next": target})
    m = re.search(r'name="next" value="([^"]*)"', page.text)
    assert m and m.group(1) == "/"


def test_the_way_to_login_carries_only_this_sites_path(panel) -> None:
    r = panel().get("//evil.example/scripts", follow_redirects=False)
    assert r.status_code == 303 and _stays_on_site(r.headers["location"])
    assert r.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize(
    "referer",
    [
        "http://testserver/\\evil.example",
        "http://testserver//evil.example",
        "http://testserver/%09/x\\@evil.example",
        "http://evil.example/scripts",
    ],
)
def test_the_back_link_of_an_error_page_stays_on_the_site(panel, referer) -> None:
    r = panel("doanvien").get("/scripts/999999", headers={"Referer": referer})
    assert r.status_code == 404
    for href in re.findall(r'<a href="([^"]*)"', r.text):
        assert _stays_on_site(href.replace("&#39;", "'")), href


# --- 2. what a phone keeps after logout ---------------------------------------------------------


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("cache-control", "")


def _rendered_asset(panel, db) -> str:
    sid = script_id_from(panel("doanvien").post("/scripts/new", new_script_form(db)))
    db.expire_all()
    asset = db.exec(select(Asset)).all()
    assert asset, f"script {sid} has no rendered audio"
    return asset[-1].sha256


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("congan", "/review"),
        ("doanvien", "/scripts"),
        ("doanvien", "/scripts/new"),
        ("doanvien", "/account/password"),
        ("daixa", "/reports"),
        ("quantri", "/admin/users"),
        ("chutich", "/emergencies"),
    ],
)
def test_authenticated_pages_are_not_kept_in_the_browser(panel, username, url) -> None:
    r = panel(username).get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert _no_store(r), r.headers.get("cache-control")


def test_api_answers_and_the_login_page_are_not_kept_either(client, api, panel) -> None:
    r = client.get("/api/v1/scripts", headers=api("doanvien"))
    assert r.status_code == 200 and _no_store(r)
    assert _no_store(panel().get("/login"))


def test_static_files_stay_cacheable(panel) -> None:
    r = panel().get("/static/loa.css")
    assert r.status_code == 200 and not _no_store(r)


def test_audio_is_checked_with_the_server_before_each_replay(panel, db) -> None:
    sha = _rendered_asset(panel, db)
    p = panel("congan")
    r = p.get(f"/assets/{sha}")
    assert r.status_code == 200
    cache = r.headers["cache-control"]
    assert "private" in cache and ("no-cache" in cache or "no-store" in cache), cache
    assert "max-age=3600" not in cache
    etag = r.headers["etag"]
    # Still logged in: the copy the phone holds is confirmed, not sent again.
    again = p.get(f"/assets/{sha}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    # After logout the same question is not answered: the phone's copy is not confirmed.
    p.logout()
    after = p.get(f"/assets/{sha}", headers={"If-None-Match": etag}, follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"].startswith("/login")


def test_logout_ends_the_session_on_the_server_and_clears_the_browser(panel) -> None:
    p = panel("congan")
    copied = p.client.cookies["loa_session"]
    r = p.logout()
    assert r.status_code == 303 and r.headers["location"] == "/login"
    cleared = r.headers.get("clear-site-data", "")
    assert '"cache"' in cleared and '"storage"' in cleared, cleared
    thief = panel()
    thief.client.cookies.set("loa_session", copied)
    assert thief.get("/review", follow_redirects=False).status_code == 303


def test_htmx_keeps_no_copies_of_pages_in_the_browser(panel) -> None:
    """hx-push-url (the review queue's filter) would otherwise store the page's HTML in
    sessionStorage, which outlives the logout in the same tab."""
    text = panel("congan").get("/review").text
    m = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", text)
    assert m and '"historyCacheSize": 0' in m.group(1)


# --- 3. browser headers on every answer ----------------------------------------------------------


def _has_browser_headers(r) -> bool:
    h = r.headers
    return (
        h.get("x-content-type-options") == "nosniff"
        and h.get("x-frame-options") == "DENY"
        and "frame-ancestors 'none'" in h.get("content-security-policy", "")
        and h.get("referrer-policy") == "same-origin"
    )


def test_every_page_carries_the_browser_headers(app, panel) -> None:
    admin = panel("quantri")
    anonymous = panel()
    checked = 0
    for method, path in route_keys(app):
        if method != "GET" or "{" in path or path == "/static":
            continue
        for who in (admin, anonymous):
            r = who.get(path, follow_redirects=False)
            assert _has_browser_headers(r), (path, r.status_code, dict(r.headers))
            checked += 1
    assert checked > 30
    for r in (
        admin.get("/scripts/999999"),
        admin.get("/no-such-page"),
        admin.post("/scripts/new", {"title": "x"}, token="wrong"),
    ):
        assert r.status_code in (403, 404) and _has_browser_headers(r)


def test_a_server_error_carries_the_browser_headers(app, monkeypatch) -> None:
    import web.routes.home as home

    def broken(*a, **kw):
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as c:
        p = Panel(c)
        assert p.login("doanvien").status_code == 303
        monkeypatch.setattr(home, "RedirectResponse", broken)
        r = c.get("/", follow_redirects=False)
    assert r.status_code == 500
    assert _has_browser_headers(r) and _no_store(r), dict(r.headers)
    assert "Lỗi máy chủ" in r.text


@pytest.fixture
def in_production(settings, clock):
    prod = dataclasses.replace(settings, environment="production", base_url=BASE)
    app = create_app(prod, clock=clock)
    yield app
    app.state.engine.dispose()


def test_in_production_pages_logout_and_errors_carry_hsts_and_no_store(in_production) -> None:
    with TestClient(in_production, base_url=BASE, raise_server_exceptions=False) as c:
        p = Panel(c)
        assert p.login("congan").status_code == 303
        answers = [c.get("/review"), c.get("/scripts/999999"), c.get("/no-such-page"), p.logout()]
    for r in answers:
        assert r.headers["strict-transport-security"].startswith("max-age=")
        assert _has_browser_headers(r) and _no_store(r), (r.status_code, dict(r.headers))
    assert '"cache"' in answers[-1].headers["clear-site-data"]


# --- 4. CSRF on every state-changing route --------------------------------------------------------

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# Routes a cookie cannot drive, so they need no CSRF token: issuing a bearer token needs the
# password and sets no cookie; unit sync routes are signed with the unit's key.
EXPECTED_EXEMPT = {
    ("POST", "/api/v1/token"),
    ("POST", "/api/v1/units/enrol"),
    ("POST", "/api/v1/units/{unit_id}/asrun"),
    ("POST", "/api/v1/units/{unit_id}/heartbeat"),
    ("POST", "/api/v1/units/{unit_id}/emergencies/{emergency_id}/played"),
}


def _unsafe_routes(app) -> list[tuple[str, str]]:
    return [(m, p) for m, p in route_keys(app) if m in UNSAFE]


def _send(client, method: str, path: str, *, token: str | None, header: str | None):
    url = PATH_PARAM.sub("1", path)
    headers = {csrf.HEADER: header} if header is not None else {}
    if path.startswith("/api/"):
        return client.request(method, url, json={"x": 1}, headers=headers, follow_redirects=False)
    data = {"csrf_token": token} if token is not None else {"x": "1"}
    return client.request(method, url, data=data, headers=headers, follow_redirects=False)


def test_every_cookie_route_that_changes_state_refuses_a_missing_or_wrong_csrf_token(
    app, panel
) -> None:
    """Walks the app's routes: a new POST/PUT/PATCH/DELETE route is checked the day it is
    added, and fails here unless the app-wide CSRF check covers it."""
    admin = panel("quantri")  # holds every role: the access rule lets each request through
    other = panel("quantri").csrf()  # a real token, of another session
    routes = [k for k in _unsafe_routes(app) if k not in csrf.EXEMPT]
    assert len(routes) > 40
    for method, path in routes:
        for token, header in ((None, None), ("wrong", None), (other, None), (None, other)):
            r = _send(admin.client, method, path, token=token, header=header)
            assert r.status_code == 403 and r.headers.get("x-loa-csrf") == "refused", (
                method,
                path,
                token,
                header,
                r.status_code,
            )
    # Still logged in: the refused logout did not end the session.
    assert admin.get("/admin/users").status_code == 200


def test_anonymous_posts_need_the_token_too(app, panel) -> None:
    anonymous = panel()
    r = anonymous.client.post(
        "/login",
        data={"username": "doanvien", "password": password_for("doanvien")},
        follow_redirects=False,
    )
    assert r.status_code == 403 and r.headers.get("x-loa-csrf") == "refused"


def test_the_csrf_exemptions_are_the_password_and_unit_signed_routes_only(app, panel) -> None:
    assert set(csrf.EXEMPT) == EXPECTED_EXEMPT
    assert set(_unsafe_routes(app)) >= EXPECTED_EXEMPT
    # A cookie alone drives none of them.
    p = panel("quantri")
    assert p.client.post("/api/v1/token", json={"username": "quantri"}).status_code == 422
    for path in sorted(EXPECTED_EXEMPT - {("POST", "/api/v1/token")}):
        url = PATH_PARAM.sub("ngoc-chuc-01", path[1])
        r = p.client.post(url, json={"unit_id": "ngoc-chuc-01", "code": "x", "public_key": "x"})
        # refused by the route itself (a wrong code: 403; no signature: 401), not by CSRF
        assert r.status_code in (401, 403, 422) and "x-loa-csrf" not in r.headers, (path, r)


def test_a_cookie_alone_cannot_drive_the_json_api(panel, db) -> None:
    p = panel("doanvien")
    form = new_script_form(db)
    body = {
        "title": form["title"],
        "topic_id": int(form["topic_id"]),
        "area_id": int(form["area_id"]),
        "text": form["text"],
    }
    before = len(db.exec(select(Script)).all())
    r = p.client.post("/api/v1/scripts", json=body)
    assert r.status_code == 403 and r.headers.get("x-loa-csrf") == "refused"
    assert r.json()["reason_vi"] == "Phiên làm việc đã hết hạn, vui lòng tải lại trang"
    db.expire_all()
    assert len(db.exec(select(Script)).all()) == before
    r = p.client.post("/api/v1/scripts", json=body, headers={csrf.HEADER: p.csrf()})
    assert r.status_code == 201, r.text


def test_a_forged_bearer_header_does_not_lift_csrf_from_a_cookie(panel, db) -> None:
    p = panel("doanvien")
    bogus = {"Authorization": "Bearer not-a-token"}
    r = p.client.post("/api/v1/scripts", json={"title": "x"}, headers=bogus)
    assert r.status_code == 401
    r = p.client.post(
        "/scripts/new", data=new_script_form(db), headers=bogus, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_an_authorization_header_that_names_nobody_does_not_lift_csrf_from_the_login(panel) -> None:
    """Only a bearer token that authenticates someone stands in for the CSRF token: a junk
    header on the login form (a public route) must not let a login without one through."""
    p = panel()
    p.csrf()  # the browser has a session cookie, as any visitor does
    for header in ("Bearer not-a-token", "Basic ZG9hbnZpZW46eA==", "x"):
        r = p.client.post(
            "/login",
            data={"username": "doanvien", "password": password_for("doanvien")},
            headers={"Authorization": header},
            follow_redirects=False,
        )
        assert r.status_code == 403 and r.headers.get("x-loa-csrf") == "refused", (header, r)
    assert p.get("/scripts", follow_redirects=False).status_code == 303  # nobody logged in


# --- 5. file names in downloads --------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        'Tin "khẩn"\r\nSet-Cookie: loa_session=x',
        "Phòng chống ma túy; filename=evil.exe",
        "Đường ĐT.741 — đoạn ngập ../../etc/passwd",
        "\u202egnp.exe",
        "日本語だけ",
    ],
)
def test_a_titles_file_name_is_one_plain_ascii_token(title) -> None:
    slug = ascii_slug(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|", slug), slug
    assert len(slug) <= 60


def test_the_mp3_download_name_comes_from_the_title_safely(panel, db) -> None:
    from content_library.models import ScriptVersion

    from .test_security_review import AUDIO

    form = new_script_form(db, title="Phòng chống ma túy tháng 3")
    sid = script_id_from(panel("doanvien").post("/scripts/new", form))
    db.expire_all()
    vid = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one().id
    reviewer = panel("congan")
    sha = AUDIO.search(reviewer.get(f"/review/{vid}").text).group(1)
    assert reviewer.post(f"/versions/{vid}/approve", {"audio_sha256": sha}).status_code == 303
    # Past the form's checks, on the version: the MP3 is named by the title it was approved
    # under (scriptversion.title), not by the script's current one.
    version = db.get(ScriptVersion, vid)
    version.title = 'Tin "khẩn"\r\nSet-Cookie: loa_session=x; Đêm nay'
    db.add(version)
    db.commit()
    r = reviewer.get(f"/versions/{vid}/mp3")
    assert r.status_code == 200, r.text
    disposition = r.headers["content-disposition"]
    assert disposition == 'attachment; filename="tin-khan-set-cookie-loa-session-x-dem-nay-v1.mp3"'
    assert "set-cookie" not in {k.lower() for k in r.headers if k.lower() != "content-disposition"}
    assert "no-store" in r.headers["cache-control"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_a_report_exports_file_name_holds_no_user_text(panel, db, fmt) -> None:
    from content_library.models import Area

    area = db.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
    area.name = 'Ngọc "Chúc"\r\nSet-Cookie: loa_session=x'  # past the form's checks
    db.add(area)
    db.commit()
    p = panel("daixa")
    bad = p.post("/reports/export", {"area_id": "", "period": "month\r\nX-A: b", "fmt": fmt})
    assert bad.status_code == 422 and "x-a" not in bad.headers
    r = p.post(
        "/reports/export",
        {"area_id": "", "period": "month", "start": "", "fmt": fmt},
        headers={"HX-Request": "true"},
    )
    job = re.search(r'id="export-job-([\w-]+)"', r.text).group(1)
    download = p.get(f"/reports/jobs/{job}/download")
    assert download.status_code == 200
    assert re.fullmatch(
        rf'attachment; filename="bao-cao-month-\d{{4}}-\d{{2}}-khu-vuc-{area.id}\.{fmt}"',
        download.headers["content-disposition"],
    ), download.headers["content-disposition"]
    assert "x-a" not in download.headers and _no_store(download)


# --- 6. the login form gives nothing away about usernames --------------------------------------------


def _login_answer(panel, username: str, password: str):
    p = panel()
    r = p.login(username, password)
    body = CSRF_FIELD.sub("", r.text).replace(username, "<name>")
    return r.status_code, body


def test_an_unknown_user_a_disabled_one_and_a_wrong_password_read_the_same(
    panel, db, client
) -> None:
    user = db.exec(select(User).where(User.username == "daixa")).one()
    user.is_active = False
    db.add(user)
    db.commit()
    unknown = _login_answer(panel, "khongcoai", "sai-mat-khau-1")
    wrong = _login_answer(panel, "congan", "sai-mat-khau-1")
    disabled = _login_answer(panel, "daixa", password_for("daixa"))
    assert unknown[0] == wrong[0] == disabled[0] == 401
    assert unknown[1] == wrong[1] == disabled[1]
    answers = [
        client.post("/api/v1/token", json={"username": u, "password": pw})
        for u, pw in (
            ("khongcoai", "sai-mat-khau-1"),
            ("congan", "sai-mat-khau-1"),
            ("daixa", password_for("daixa")),
        )
    ]
    assert {a.status_code for a in answers} == {401}
    assert answers[0].json() == answers[1].json() == answers[2].json()


def test_an_unknown_user_costs_one_password_check_like_a_known_one(panel, monkeypatch) -> None:
    calls: list[str] = []
    real = services.verify_password

    def counting(password_hash: str, password: str) -> bool:
        calls.append(password_hash[:10])
        return real(password_hash, password)

    monkeypatch.setattr(services, "verify_password", counting)
    for username in ("khongcoai", "congan", "Không Có Ai\u00a0"):
        calls.clear()
        assert panel().login(username, "sai-mat-khau-1").status_code == 401
        assert len(calls) == 1 and calls[0].startswith("$argon2id"), (username, calls)


def test_an_unknown_user_is_locked_out_like_a_known_one(panel, app) -> None:
    limit = app.state.settings.login_max_failures
    for username in ("khongcoai", "congan"):
        p = panel()
        for _ in range(limit):
            assert p.login(username, "sai-mat-khau-1").status_code == 401
        r = p.login(username, "sai-mat-khau-1")
        assert r.status_code == 429 and "Retry-After" in r.headers


# --- 2, in a real browser: the back button after logout ---------------------------------------------


@pytest.mark.browser
def test_the_back_button_after_logout_shows_no_page_of_the_session(panel, db, request) -> None:
    """A reviewer reads the queue and an unreleased script on a phone, logs out and hands the
    phone on: going back shows neither (Chromium, as in tests/web/test_browser.py)."""
    from . import test_browser as tb

    if not tb.CHROMIUM.exists() and not os.environ.get("LOA_REQUIRE_BROWSER"):
        pytest.skip("needs Debian's chromium (make test installs it)")
    base = request.getfixturevalue("live_server")
    chromium = request.getfixturevalue("browser")
    title = "Tin mật chưa duyệt số 7"
    sid = script_id_from(panel("doanvien").post("/scripts/new", new_script_form(db, title=title)))
    page = chromium.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    errors = tb.collect_errors(page)
    tb.log_in(page, base, "congan")
    assert title in page.content()  # the review queue
    page.click(f"text={title}")
    page.wait_for_url("**/review/*")
    assert title in page.content()
    page.click("form[action='/logout'] button")
    page.wait_for_url("**/login*")
    for _ in range(2):  # the script's page, then the queue
        page.go_back()
        page.wait_for_load_state()
        assert title not in page.content(), (page.url, sid)
        assert "/login" in page.url
    assert not [e for e in errors if "ERR_" not in e], errors


from .test_browser import browser, live_server  # noqa: E402,F401  (fixtures of the test above)

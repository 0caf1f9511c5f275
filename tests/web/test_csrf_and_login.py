"""Sessions, CSRF tokens, login rate limiting and settings that refuse insecure defaults."""

from __future__ import annotations

import pytest

from web.settings import Settings, SettingsError

from .conftest import new_script_form, password_for


def test_login_and_logout(panel) -> None:
    p = panel()
    assert p.get("/scripts", follow_redirects=False).headers["location"] == "/login?next=/scripts"
    r = p.login("doanvien")
    assert r.status_code == 303
    assert p.get("/scripts").status_code == 200
    r = p.logout()
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert p.get("/scripts", follow_redirects=False).status_code == 303


def test_session_cookie_is_signed_httponly_and_lax(panel) -> None:
    p = panel()
    p.csrf()
    token = p.csrf()
    r = p.client.post(
        "/login",
        data={"username": "doanvien", "password": password_for("doanvien"), "csrf_token": token},
        follow_redirects=False,
    )
    set_cookie = r.headers["set-cookie"].lower()
    assert (
        "loa_session=" in set_cookie and "httponly" in set_cookie and "samesite=lax" in set_cookie
    )
    value = p.client.cookies["loa_session"]
    p.client.cookies.set(
        "loa_session", value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB")
    )
    assert p.get("/scripts", follow_redirects=False).status_code == 303  # tampered → anonymous


def test_wrong_password(panel) -> None:
    p = panel()
    r = p.login("doanvien", "sai-mat-khau")
    assert r.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in r.text


def test_login_rate_limit_per_ip_and_username(panel, app, clock) -> None:
    p = panel()
    limit = app.state.settings.login_max_failures
    for _ in range(limit):
        assert p.login("doanvien", "sai-mat-khau").status_code == 401
    # Locked out now, even with the right password.
    r = p.login("doanvien")
    assert r.status_code == 429
    assert "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút." in r.text
    # Another username from the same IP is not locked by this.
    assert p.login("congan").status_code == 303
    p.logout()
    # The API token endpoint shares the limiter.
    r = p.client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    )
    assert r.status_code == 429 and "Retry-After" in r.headers
    clock.advance(minutes=15, seconds=1)
    assert p.login("doanvien").status_code == 303


def test_per_ip_limit_across_usernames(panel, app) -> None:
    p = panel()
    for i in range(app.state.settings.login_max_failures_per_ip):
        p.login(f"khong-co-{i}", "sai")
    assert p.login("doanvien").status_code == 429


def test_post_without_token_is_refused(panel, db) -> None:
    p = panel("doanvien")
    r = p.client.post("/scripts/new", data=new_script_form(db), follow_redirects=False)
    assert r.status_code == 403
    assert "Phiên làm việc đã hết hạn, vui lòng tải lại trang" in r.text


def test_token_of_another_session_is_refused(panel, db) -> None:
    a, b = panel("doanvien"), panel("doanvien")
    r = a.post("/scripts/new", new_script_form(db), token=b.csrf())
    assert r.status_code == 403


def test_token_before_login_is_useless_after_it(panel, db) -> None:
    p = panel()
    before = p.csrf()
    p.login("doanvien")
    assert p.post("/scripts/new", new_script_form(db), token=before).status_code == 403
    assert p.post("/scripts/new", new_script_form(db)).status_code == 303


def test_login_form_needs_its_token(panel) -> None:
    p = panel()
    r = p.client.post(
        "/login",
        data={"username": "doanvien", "password": password_for("doanvien")},
        follow_redirects=False,
    )
    assert r.status_code == 403


def test_htmx_header_token_is_accepted(panel, db) -> None:
    p = panel("doanvien")
    data = new_script_form(db)
    r = p.client.post(
        "/scripts/new", data=data, headers={"X-CSRF-Token": p.csrf()}, follow_redirects=False
    )
    assert r.status_code == 303


def log_in_with_next(p, target: str):
    """doanvien's login form, sent with ``next=target``; the answer, not followed."""
    return p.client.post(
        "/login",
        data={
            "username": "doanvien",
            "password": password_for("doanvien"),
            "csrf_token": p.csrf(),
            "next": target,
        },
        follow_redirects=False,
    )


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "https://evil.example/", "/\\evil", "javascript:alert(1)"]
)
def test_next_cannot_leave_the_site(panel, target) -> None:
    r = log_in_with_next(panel(), target)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_security_headers(panel) -> None:
    r = panel().get("/login")
    assert r.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_disabled_user_loses_the_session(panel, db) -> None:
    from sqlmodel import select

    from content_library.models import User

    p = panel("doanvien")
    user = db.exec(select(User).where(User.username == "doanvien")).one()
    user.is_active = False
    db.add(user)
    db.commit()
    assert p.get("/scripts", follow_redirects=False).status_code == 303


def test_settings_refuse_the_insecure_default(tmp_path) -> None:
    with pytest.raises(SettingsError, match="secret_key"):
        Settings(data_dir=tmp_path)
    with pytest.raises(SettingsError, match="secret_key"):
        Settings(data_dir=tmp_path, environment="production", secret_key="changethis")
    with pytest.raises(SettingsError, match="secret_key"):
        Settings(data_dir=tmp_path, environment="test", secret_key="short")
    assert Settings(data_dir=tmp_path, environment="development").secret_key == "changethis"


def test_settings_from_env_keep_a_generated_secret(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LOA_SECRET_KEY", raising=False)
    monkeypatch.delenv("LOA_ENV", raising=False)  # production, the default: needs its https address
    monkeypatch.setenv("LOA_BASE_URL", "https://loa.example.vn")
    monkeypatch.setenv("LOA_MAX_SCRIPT_CHARS", "1234")
    a = Settings.from_env(data_dir=tmp_path)
    b = Settings.from_env(data_dir=tmp_path)
    assert a.secret_key == b.secret_key and len(a.secret_key) > 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert a.max_script_chars == 1234
    monkeypatch.setenv("LOA_MAX_SCRIPT_CHARS", "lots")
    with pytest.raises(SettingsError, match="LOA_MAX_SCRIPT_CHARS"):
        Settings.from_env(data_dir=tmp_path)

"""Issue 12, item 9: sessions live on the server and can be revoked.

The cookie carries only a random session id; the database keeps its sha256 with the user, the
times and whether it was revoked. Logging out revokes that session; disabling a user, changing
or resetting a password revokes every session (and API token) of the user. Passwords follow a
policy (length, not common, not the username) with Vietnamese messages.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from content_library import security
from content_library.errors import ValidationError
from content_library.models import LoginSession, User

from .conftest import password_for

NEW_PASSWORD = "Loa-phuong-2026!"


def _logged_in_with(app, cookie: str) -> bool:
    """A fresh browser holding only the copied cookie."""
    with TestClient(app, base_url="http://testserver") as c:
        c.cookies.set("loa_session", cookie)
        return c.get("/scripts", follow_redirects=False).status_code == 200


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


def _change(p, current: str, new: str, confirm: str | None = None):
    return p.post(
        "/account/password",
        {
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
    )


def test_a_cookie_copied_before_logout_is_refused_after_it(panel, app) -> None:
    p = panel("doanvien")
    stolen = p.client.cookies["loa_session"]
    assert _logged_in_with(app, stolen)
    p.logout()
    assert not _logged_in_with(app, stolen)


def test_an_old_cookie_is_refused_after_disable_and_enable(panel, app, db) -> None:
    p = panel("doanvien")
    stolen = p.client.cookies["loa_session"]
    admin = panel("quantri")
    uid = _uid(db, "doanvien")
    assert admin.post(f"/admin/users/{uid}/active", {"active": "0"}).status_code == 303
    assert admin.post(f"/admin/users/{uid}/active", {"active": "1"}).status_code == 303
    assert not _logged_in_with(app, stolen)
    assert p.get("/scripts", follow_redirects=False).status_code == 303
    assert panel().login("doanvien").status_code == 303  # enabled again: a new login works


def test_a_password_change_ends_every_session_and_token_of_the_user(panel, app, client) -> None:
    phone, pc = panel("doanvien"), panel("doanvien")
    stolen = phone.client.cookies["loa_session"]
    token = client.post(
        "/api/v1/token", json={"username": "doanvien", "password": password_for("doanvien")}
    ).json()["access_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    r = _change(pc, password_for("doanvien"), NEW_PASSWORD)
    assert r.status_code == 303
    page = pc.get("/scripts", follow_redirects=False)
    assert page.status_code == 200 and "Đã đổi mật khẩu" in page.text  # this browser stays in

    assert not _logged_in_with(app, stolen)
    assert phone.get("/scripts", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert panel().login("doanvien").status_code == 401  # the old password
    assert panel().login("doanvien", NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(
    ("current", "new", "confirm", "says"),
    [
        ("sai-mat-khau-cu", NEW_PASSWORD, None, "Mật khẩu hiện tại không đúng"),
        (None, "ngan-qua", None, "ít nhất 10 ký tự"),
        (None, "1234567890", None, "quá phổ biến"),
        (None, "matkhau123", None, "quá phổ biến"),
        (None, NEW_PASSWORD, "Loa-phuong-2027!", "không khớp"),
        (None, password_for("doanvien"), None, "khác mật khẩu hiện tại"),
    ],
)
def test_a_password_change_is_refused_in_vietnamese(
    panel, app, current, new, confirm, says
) -> None:
    p = panel("doanvien")
    stolen = p.client.cookies["loa_session"]
    r = _change(p, current or password_for("doanvien"), new, confirm)
    assert r.status_code == 422 and says in r.text
    assert new not in r.text  # typed passwords are never sent back
    assert _logged_in_with(app, stolen)  # nothing changed
    assert panel().login("doanvien").status_code == 303


def test_the_password_page_is_for_logged_in_people(panel) -> None:
    assert panel().get("/account/password", follow_redirects=False).status_code == 303
    page = panel("congan").get("/account/password")
    assert page.status_code == 200 and 'name="current_password"' in page.text
    assert 'href="/account/password"' in page.text  # reachable from every page's header


def test_an_admin_reset_sets_a_new_password_and_ends_the_users_sessions(panel, app, db) -> None:
    p = panel("doanvien")
    stolen = p.client.cookies["loa_session"]
    admin = panel("quantri")
    uid = _uid(db, "doanvien")
    assert f'action="/admin/users/{uid}/password"' in admin.get("/admin/users").text

    r = admin.post(f"/admin/users/{uid}/password", {"new_password": "ngan"})
    assert r.status_code == 422 and "ít nhất 10 ký tự" in r.text
    assert _logged_in_with(app, stolen)

    r = admin.post(f"/admin/users/{uid}/password", {"new_password": NEW_PASSWORD})
    assert r.status_code == 303
    assert not _logged_in_with(app, stolen)
    assert panel().login("doanvien", NEW_PASSWORD).status_code == 303
    assert (
        panel("congan")
        .post(f"/admin/users/{uid}/password", {"new_password": NEW_PASSWORD + "x"})
        .status_code
        == 403
    )


def test_an_admin_may_not_create_a_user_with_a_weak_password(panel, db) -> None:
    admin = panel("quantri")
    r = admin.post("/admin/users", {"username": "tv_moi", "password": "qwertyuiop"})
    assert r.status_code == 422 and "quá phổ biến" in r.text
    assert db.exec(select(User).where(User.username == "tv_moi")).first() is None


def test_the_policy_refuses_the_username_and_common_passwords() -> None:
    security.check_new_password("Tiếng-Việt-có-dấu", username="doanvien")  # fine
    with pytest.raises(ValidationError) as err:
        security.check_new_password("NguyenVanAn", username="nguyenvanan")
    assert "tên đăng nhập" in err.value.reason_vi and err.value.field == "new_password"
    with pytest.raises(ValidationError, match="common"):
        security.check_new_password("Password123", username="x")
    with pytest.raises(ValidationError, match="at least 10"):
        security.check_new_password("ngắn", username="x")
    assert len(security.common_passwords()) >= 100


def test_sessions_are_stored_hashed_and_expire(panel, app, db) -> None:
    p = panel("doanvien")
    cookie = p.client.cookies["loa_session"]
    payload = json.loads(base64.b64decode(cookie.split(".")[0] + "=="))
    sid = payload["sid"]
    assert "uid" not in payload
    db.expire_all()
    rows = db.exec(select(LoginSession).where(LoginSession.user_id == _uid(db, "doanvien"))).all()
    assert [r.id for r in rows] == [hashlib.sha256(sid.encode()).hexdigest()]
    assert rows[0].revoked_at is None
    # Sessions age in real time, like the cookie that carries them: move that clock on.
    real = app.state.session_clock
    app.state.session_clock = lambda: (
        real() + timedelta(seconds=app.state.settings.session_max_age_s + 1)
    )
    assert p.get("/scripts", follow_redirects=False).status_code == 303


def test_an_idle_session_ends(panel, app) -> None:
    p = panel("doanvien")
    real = app.state.session_clock
    app.state.session_clock = lambda: (
        real() + timedelta(seconds=app.state.settings.session_idle_s + 1)
    )
    assert p.get("/scripts", follow_redirects=False).status_code == 303


def test_the_session_store_on_every_backend(session, db_backend) -> None:
    """content_library.accounts directly, on SQLite and (in make test) PostgreSQL."""
    from datetime import UTC, datetime

    from content_library import accounts, services

    t0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    user = services.create_user(
        session, actor=None, username="phien_thu", password="mat-khau-dai-du", now=t0
    )
    session.commit()
    a = accounts.open_session(session, user, now=t0, max_age_s=3600)
    b = accounts.open_session(session, user, now=t0, max_age_s=3600)
    token = accounts.open_session(session, user, now=t0, max_age_s=3600, kind="api")
    session.commit()
    assert session.get(LoginSession, a) is None  # only the hash is stored
    later = t0 + timedelta(minutes=10)
    assert accounts.session_user(session, a, now=later, kind="browser", idle_s=1800).id == user.id
    assert accounts.session_user(session, token, now=later, kind="browser") is None  # wrong kind
    accounts.revoke_session(session, a, now=later)
    session.commit()
    assert accounts.session_user(session, a, now=later, kind="browser") is None
    assert accounts.session_user(session, b, now=later, kind="browser") is not None
    assert accounts.revoke_user_sessions(session, user.id, now=later) == 2
    session.commit()
    assert accounts.session_user(session, b, now=later, kind="browser") is None
    assert accounts.session_user(session, token, now=later, kind="api") is None
    c = accounts.open_session(session, user, now=later, max_age_s=3600)
    session.commit()
    assert accounts.session_user(session, c, now=later + timedelta(hours=1), kind="browser") is None
    assert (
        accounts.session_user(
            session, c, now=later + timedelta(minutes=31), kind="browser", idle_s=1800
        )
        is None
    )

"""Role × route matrix, generated from the app's own route table and web/access_rules.py.

A route added without an access rule fails here (and create_app refuses to start); a rule
left behind for a route that no longer exists fails too.
"""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI

from web import access_rules
from web.app import check_access_rules, create_app, route_keys
from web.deps import MissingAccessRule

from .conftest import ROLE_USER

ROLES = ("anonymous", "author", "reviewer", "operator", "issuer", "admin")
PLACEHOLDER = {
    "script_id": "999999",
    "version_id": "999999",
    "user_id": "999999",
    "sha256": "0" * 64,
}


def concrete(path: str) -> str:
    if path == "/static":
        return "/static/loa.css"
    return re.sub(r"\{(\w+)\}", lambda m: PLACEHOLDER.get(m.group(1), "999999"), path)


def test_every_route_has_exactly_one_rule(app: FastAPI) -> None:
    routes = set(route_keys(app))
    missing = sorted(routes - set(access_rules.RULES))
    stale = sorted(set(access_rules.RULES) - routes)
    assert not missing, f"routes without an access rule: {missing}"
    assert not stale, f"access rules for routes that do not exist: {stale}"


def test_a_new_route_without_a_rule_is_refused(app: FastAPI) -> None:
    @app.get("/surprise")
    def surprise() -> dict:
        return {}

    with pytest.raises(MissingAccessRule, match="/surprise"):
        check_access_rules(app)


def test_create_app_refuses_a_route_table_it_cannot_enforce(settings, monkeypatch) -> None:
    monkeypatch.delitem(access_rules.RULES, ("GET", "/review"))
    with pytest.raises(MissingAccessRule, match="GET /review"):
        create_app(settings)


def test_non_api_routes_must_be_public(settings, monkeypatch) -> None:
    monkeypatch.setitem(access_rules.RULES, ("GET", "/static"), access_rules.AUTHENTICATED)
    with pytest.raises(MissingAccessRule, match="/static"):
        create_app(settings)


def expected_allowed(rule, role: str) -> bool:
    roles = set() if role == "anonymous" else {role}
    return access_rules.allows(rule, authenticated=role != "anonymous", roles=roles)


@pytest.mark.parametrize("role", ROLES)
def test_role_route_matrix(app: FastAPI, panel, role: str) -> None:
    p = panel(None if role == "anonymous" else ROLE_USER[role])
    token = p.csrf()
    wrong = []
    # Logging out ends the session the rest of the walk needs: do it last.
    for method, path in sorted(route_keys(app), key=lambda k: k == ("POST", "/logout")):
        rule = access_rules.rule_for(method, path)
        url = concrete(path)
        headers = {"X-CSRF-Token": token}
        if method == "GET":
            r = p.client.get(url, follow_redirects=False)
        elif path.startswith("/api/"):
            r = p.client.request(method, url, json={}, headers=headers, follow_redirects=False)
        else:
            r = p.client.request(method, url, data={"csrf_token": token}, follow_redirects=False)
        denied = r.headers.get("x-loa-access") == "denied"
        should_allow = expected_allowed(rule, role)
        if should_allow and (denied or r.headers.get("x-loa-csrf")):
            wrong.append(
                f"{method} {path}: {role} should pass the access rule, got {r.status_code}"
            )
        if not should_allow:
            if not denied:
                wrong.append(f"{method} {path}: {role} should be refused, got {r.status_code}")
            elif role == "anonymous":
                ok = (
                    r.status_code == 401
                    if path.startswith("/api/")
                    else (r.status_code == 303 and r.headers["location"].startswith("/login"))
                )
                if not ok:
                    wrong.append(
                        f"{method} {path}: anonymous should be sent to log in, got {r.status_code}"
                    )
            elif r.status_code != 403:
                wrong.append(f"{method} {path}: {role} should get 403, got {r.status_code}")
    assert not wrong, "\n".join(wrong)


def test_403_says_why_in_vietnamese(panel) -> None:
    p = panel("doanvien")
    r = p.get("/review")
    assert r.status_code == 403
    assert "Bạn không có quyền" in r.text and "thẩm duyệt" in r.text
    api = p.client.get("/api/v1/users")
    assert api.status_code == 403
    body = api.json()
    assert "quản trị" in body["reason_vi"] and "administrator" in body["reason"]


def test_admin_holds_every_role(panel) -> None:
    p = panel("quantri")
    for url in ("/scripts", "/review", "/admin/users", "/admin/areas"):
        assert p.get(url).status_code == 200, url

"""Ids no database column can hold, on every route that takes one (path, query or body), as
the whole-API schemathesis run (deploy/dev/run-schemathesis.sh, in `make test`) sends them:
the answer is 404 or 422, never a server error. An id is a SQL INTEGER, 32-bit on
PostgreSQL, so the largest is 2**31 - 1 and the OpenAPI document says so."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from web.app import route_keys

from .conftest import Panel, ids, password_for

HUGE = (2**31, 2**63 - 1, 2**63, 2**64, 10**30)
ID_MAX = 2**31 - 1
# One body every id-taking JSON route accepts (extra keys are ignored), so the handler runs.
API_BODY = {"reason": "Không đạt", "comment": "", "roles": []}


def _path_params(path: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", path)


@pytest.fixture
def admin(app):
    """An admin's browser session and bearer token, on a client that turns a server error into
    a 500 answer (as a real server does) instead of raising it."""
    with TestClient(app, base_url="http://testserver", raise_server_exceptions=False) as c:
        p = Panel(c)
        assert p.login("quantri").status_code == 303
        r = c.post("/api/v1/token", json={"username": "quantri", "password": password_for("quantri")})
        assert r.status_code == 200, r.text
        yield p, {"Authorization": f"Bearer {r.json()['access_token']}"}


@pytest.mark.parametrize("big", HUGE, ids=lambda n: f"id={n}")
def test_a_huge_id_in_the_path_is_not_a_server_error(app, admin, big: int) -> None:
    p, bearer = admin
    token = p.csrf()
    failures = []
    routes = [(m, path) for m, path in route_keys(app) if _path_params(path)]
    assert len(routes) > 20
    for method, path in routes:
        url = re.sub(r"\{\w+\}", str(big), path)
        if path.startswith("/api/"):
            r = p.client.request(method, url, json=None if method == "GET" else API_BODY,
                                 headers=bearer, follow_redirects=False)
        elif method == "GET":
            r = p.client.get(url, follow_redirects=False)
        else:
            r = p.client.request(method, url, data={"csrf_token": token}, follow_redirects=False)
        if r.status_code >= 500:
            failures.append(f"{method} {url}: {r.status_code}")
        elif "_id}" in path and r.status_code not in (401, 404, 422):
            failures.append(f"{method} {url}: {r.status_code}, expected 404 or 422")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("big", HUGE, ids=lambda n: f"id={n}")
def test_a_huge_id_in_a_query_or_body_is_refused(admin, db, big: int) -> None:
    p, bearer = admin
    i = ids(db)
    area, topic = i["area"]["Ngọc Chúc"], i["topic"]["ATGT"]
    script = {"title": "Tin", "topic_id": topic, "area_id": area, "text": "Bà con chú ý."}
    calls = [
        ("GET", "/api/v1/review-queue", {"params": {"area_id": big}}),
        ("GET", "/api/v1/review-queue", {"params": {"topic_id": big}}),
        ("POST", "/api/v1/scripts", {"json": {**script, "topic_id": big}}),
        ("POST", "/api/v1/scripts", {"json": {**script, "area_id": big}}),
        ("POST", "/api/v1/scripts/recording",
         {"data": {"title": "Tin", "topic_id": str(big), "area_id": str(area)},
          "files": {"file": ("a.wav", b"RIFF", "audio/wav")}}),
        ("POST", "/api/v1/areas", {"json": {"name": "Ấp Mới", "kind": "village", "parent_id": big}}),
        ("POST", "/api/v1/users", {"json": {"username": "moi", "password": "mat-khau-dai-du-12",
                                            "roles": [["author", big]]}}),
        ("PUT", f"/api/v1/users/{i['user']['doanvien']}/roles", {"json": {"roles": [["author", big]]}}),
    ]
    failures = []
    for method, url, kw in calls:
        r = p.client.request(method, url, headers=bearer, **kw)
        if r.status_code >= 500 or r.status_code not in (404, 422):
            failures.append(f"{method} {url} {kw}: {r.status_code} {r.text[:200]}")
    assert not failures, "\n".join(failures)


def test_the_openapi_document_states_the_id_range(app) -> None:
    doc = app.openapi()
    checked, unbounded = 0, []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for param in op.get("parameters", []):
                schema = param["schema"]
                for t in [schema, *schema.get("anyOf", [])]:
                    if t.get("type") == "integer" and param["name"].endswith("_id"):
                        checked += 1
                        if t.get("minimum") != 1 or t.get("maximum") != ID_MAX:
                            unbounded.append(f"{method} {path} {param['name']}: {t}")
    assert checked >= 12
    assert not unbounded, "\n".join(unbounded)

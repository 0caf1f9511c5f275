"""Ids no database column can hold, on every route that takes one (path, query or body), as
the whole-API schemathesis run (deploy/dev/run-schemathesis.sh, in `make test`) sends them:
the answer is 404 or 422, never a server error. An id is a SQL INTEGER, 32-bit on
PostgreSQL, so the largest is 2**31 - 1 and the OpenAPI document says so. And the document
states the other limits the API enforces, so generated clients and fuzzers agree with it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from content_library import security
from content_library.errors import ValidationError
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
        r = c.post(
            "/api/v1/token", json={"username": "quantri", "password": password_for("quantri")}
        )
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
            r = p.client.request(
                method,
                url,
                json=None if method == "GET" else API_BODY,
                headers=bearer,
                follow_redirects=False,
            )
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
        (
            "POST",
            "/api/v1/scripts/recording",
            {
                "data": {"title": "Tin", "topic_id": str(big), "area_id": str(area)},
                "files": {"file": ("a.wav", b"RIFF", "audio/wav")},
            },
        ),
        (
            "POST",
            "/api/v1/areas",
            {"json": {"name": "Ấp Mới", "kind": "village", "parent_id": big}},
        ),
        (
            "POST",
            "/api/v1/users",
            {
                "json": {
                    "username": "moi",
                    "password": "mat-khau-dai-du-12",
                    "roles": [["author", big]],
                }
            },
        ),
        (
            "PUT",
            f"/api/v1/users/{i['user']['doanvien']}/roles",
            {"json": {"roles": [["author", big]]}},
        ),
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


# --- the OpenAPI document states the limits the API enforces --------------------------------

# Bodies the schema allows are accepted: 2xx, or a refusal for the person (401/403), a missing
# object (404) or the state (409) — never a 4xx for the input itself. What a schema cannot say
# is fixed up before sending: ids of rows that exist, an end after the start, a free username.
ACCEPTED = {200, 201, 401, 403, 404, 409, 429}
OPERATIONS = [
    ("POST", "/api/v1/areas"),
    ("POST", "/api/v1/scripts"),
    ("POST", "/api/v1/scripts/{script_id}/versions"),
    ("POST", "/api/v1/users"),
    ("PUT", "/api/v1/users/{user_id}/roles"),
    ("POST", "/api/v1/versions/{version_id}/reject"),
    ("POST", "/api/v1/versions/{version_id}/approve"),
    ("POST", "/api/v1/token"),
]


@pytest.fixture
def world(admin, db):
    p, bearer = admin
    i = ids(db)
    area, topic = i["area"]["Ngọc Chúc"], i["topic"]["ATGT"]
    r = p.client.post(
        "/api/v1/scripts",
        headers=bearer,
        json={"title": "Tin mẫu", "topic_id": topic, "area_id": area, "text": "Bà con chú ý."},
    )
    assert r.status_code == 201, r.text
    script = r.json()
    return {
        "area": area,
        "topic": topic,
        "script": script["id"],
        "version": script["current_version"]["id"],
        "user": i["user"]["doanvien"],
        "usernames": set(i["user"]),
    }


def _fix_up(case, world: dict, n: int) -> None:
    """What the schema cannot say, made true: rows that exist, an order of dates, uniqueness."""
    params = case.path_parameters or {}
    for name in ("script_id", "version_id", "user_id"):
        if name in params:
            params[name] = world[name.removesuffix("_id")]
    body = case.body
    if not isinstance(body, dict):
        return
    for name in ("topic_id", "area_id"):
        if name in body:
            body[name] = world[name.removesuffix("_id")]
    if body.get("parent_id") is not None:
        body["parent_id"] = world["area"]
    if isinstance(body.get("roles"), list):
        body["roles"] = [[role, world["area"]] for role, _area in body["roles"]]
    if case.path == "/api/v1/users" and body.get("username") in world["usernames"]:
        body["username"] = f"{body['username'][:58]}-{n}"
    if case.path == "/api/v1/users":
        world["usernames"].add(body.get("username"))
        try:  # the policy's common-password list and "not the username" are not in a schema
            security.check_new_password(
                str(body.get("password")), username=str(body.get("username")), field="password"
            )
        except ValidationError:
            body["password"] = f"Mat-khau-hop-le-{n}"
    if body.get("submit"):
        body["submit"] = False  # no render: the input is what is tested here
    start, end = _moment(body.get("valid_from")), _moment(body.get("valid_until"))
    if end is not None and (start is None or end <= start):
        body.pop("valid_until")
    if case.path.endswith("/versions"):
        # A new version keeps the current one's dates where the body gives none (the
        # current one is the previous example's): give the end whenever the start is given.
        if start is not None and (end is None or end <= start):
            body["valid_until"] = (
                (start + timedelta(days=1)).isoformat() if start.year < 9999 else None
            )
            if body["valid_until"] is None:
                body.pop("valid_from")
                body.pop("valid_until")
        if body.get("text") is None:
            body["text"] = "Bà con chú ý."  # services.new_version: None does not keep the text


def _moment(value) -> datetime | None:
    """The instant a generated string names, or None (not a string, or not a date: "" and the
    like go to the server as generated)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_generated_bodies_the_schema_allows_are_accepted(app, admin, world, method, path) -> None:
    _p, bearer = admin
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    op = schema[path][method]
    client = TestClient(app, raise_server_exceptions=False)
    refused: list[str] = []
    seen = [0]

    @given(case=op.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        seen[0] += 1
        _fix_up(case, world, seen[0])
        kwargs = case.as_transport_kwargs(base_url="http://testserver")
        kwargs["headers"] = {**kwargs.get("headers", {}), **bearer}
        r = client.request(
            **{
                k: v
                for k, v in kwargs.items()
                if k in ("method", "url", "headers", "json", "params", "content", "data", "files")
            }
        )
        if r.status_code not in ACCEPTED:
            refused.append(f"{r.status_code} {r.text[:300]}\n    body: {str(case.body)[:300]}")

    check()
    assert not refused, f"{len(refused)} of {seen[0]} schema-valid requests refused:\n" + "\n".join(
        refused[:8]
    )


@pytest.mark.parametrize("hours", ["1e308", "inf", "nan", "-1"])
def test_an_age_no_clock_can_reach_is_refused(admin, hours: str) -> None:
    p, bearer = admin
    r = p.client.get("/api/v1/review-queue", params={"min_age_hours": hours}, headers=bearer)
    assert r.status_code == 422, r.text[:300]

"""Issue 12, item 12: request bodies are limited per route, not by the client's Content-Type.

Sync JSON routes and forms get small limits, only upload routes a large one. The limit is
enforced from Content-Length before anything is read and while the body streams (chunked),
before any parsing; a body that stalls is cut off. These tests drive the ASGI app directly
with a counting ``receive``, so they see exactly how many bytes the app pulled in.
"""

from __future__ import annotations

import asyncio
import json

import pytest

KIB, MIB = 1024, 1024 * 1024
CHUNK = 64 * KIB
HEARTBEAT = "/api/v1/units/ngoc-chuc-01/heartbeat"


FIELD = b'--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n'


def call(
    app,
    method: str,
    path: str,
    *,
    headers: dict[str, str],
    total: int,
    stall_s: float = 0.0,
    chunk: int = CHUNK,
):
    """Send ``total`` bytes in chunks of ``chunk`` bytes (64 KiB), each after ``stall_s`` — the
    head of one multipart field, then filler — and return (status, body, headers, bytes pulled
    by the app)."""
    pulled = 0
    sent: list[dict] = []

    async def run() -> None:
        remaining = total
        first = True

        async def receive() -> dict:
            nonlocal pulled, remaining, first
            if stall_s:
                await asyncio.sleep(stall_s)  # a client that stops sending
            if remaining <= 0:
                return {"type": "http.request", "body": b"", "more_body": False}
            n = min(chunk, remaining)
            remaining -= n
            pulled += n
            body = (FIELD + b"x" * (n - len(FIELD))) if first else b"x" * n
            first = False
            return {"type": "http.request", "body": body, "more_body": remaining > 0}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }
        await app(scope, receive, send)

    asyncio.run(run())
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, {k.decode(): v.decode() for k, v in start["headers"]}, pulled


MULTIPART = {"content-type": "multipart/form-data; boundary=b", "host": "testserver"}


def test_a_20_mb_multipart_heartbeat_is_refused_without_reading_it(app) -> None:
    status, body, headers, pulled = call(app, "POST", HEARTBEAT, headers=MULTIPART, total=20 * MIB)
    assert status == 413
    assert pulled <= 16 * KIB + CHUNK, f"the app read {pulled} bytes of a heartbeat"
    answer = json.loads(body)
    assert answer["reason_vi"] and answer["reason"]
    assert headers.get("connection") == "close"


def test_a_declared_length_over_the_limit_is_refused_before_reading(app) -> None:
    status, _, _, pulled = call(
        app,
        "POST",
        HEARTBEAT,
        total=20 * MIB,
        headers={**MULTIPART, "content-length": str(20 * MIB)},
    )
    assert status == 413 and pulled == 0


def test_a_form_that_is_not_an_upload_gets_a_small_limit(app) -> None:
    status, body, _, pulled = call(app, "POST", "/admin/areas", headers=MULTIPART, total=8 * MIB)
    assert status == 413 and pulled <= MIB + CHUNK
    assert "quá lớn" in body.decode()


def test_limits_per_route(app, settings) -> None:
    limits = app.state.body_limits
    assert limits.limit_for("POST", HEARTBEAT) <= 16 * KIB
    assert limits.limit_for("POST", "/api/v1/units/enrol") <= 16 * KIB
    assert 256 * KIB <= limits.limit_for("POST", "/api/v1/units/ngoc-chuc-01/asrun") <= 8 * MIB
    for path in ("/scripts/new", "/scripts/12/edit", "/api/v1/scripts/recording"):
        assert limits.limit_for("POST", path) >= settings.max_upload_bytes, path
    for path in ("/login", "/admin/areas", "/api/v1/scripts", "/versions/3/approve"):
        assert limits.limit_for("POST", path) <= MIB, path
    assert limits.limit_for("POST", "/no/such/route") <= MIB


def test_a_full_script_still_fits_its_form(panel, db, settings) -> None:
    from .conftest import new_script_form, script_id_from

    p = panel("doanvien")
    text = ("Kính thưa bà con, đề nghị bà con cảnh giác với tội phạm lừa đảo qua mạng. " * 400)[
        : settings.max_script_chars
    ]
    r = p.post("/scripts/new", new_script_form(db, text=text, action="save"))
    assert script_id_from(r)


class TestSlowBodies:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"body_read_timeout_s": 0.2}

    def test_a_body_that_stalls_is_cut_off(self, app) -> None:
        status, body, _, _ = call(
            app,
            "POST",
            HEARTBEAT,
            total=4 * KIB,
            stall_s=1.0,
            headers={"content-type": "application/json", "host": "testserver"},
        )
        assert status == 408
        assert json.loads(body)["reason_vi"]


TRICKLE = dict(total=10 * KIB, chunk=256, stall_s=0.05)  # 40 chunks, 5 KiB/s, never stalls 1 s


class TestTricklingBodies:
    """A body that never stalls between chunks but trickles below the minimum rate is cut off
    all the same: else a byte every 25 s holds a connection (and a slot) for good."""

    @pytest.fixture
    def settings_overrides(self) -> dict:
        # 1 s between chunks; 50 KB/s on the whole after that first second: 10 KiB is due
        # within 1.2 s, and 40 chunks 0.05 s apart take 2 s.
        return {"body_read_timeout_s": 1.0, "body_min_rate_bps": 50_000}

    def test_a_body_below_the_minimum_rate_is_cut_off(self, app) -> None:
        status, body, headers, pulled = call(
            app, "POST", HEARTBEAT, headers={"content-type": "application/json"}, **TRICKLE
        )
        assert status == 408, body
        assert json.loads(body)["reason_vi"] and headers.get("connection") == "close"
        assert pulled < TRICKLE["total"]


class TestBodiesAboveTheMinimumRate:
    @pytest.fixture
    def settings_overrides(self) -> dict:
        return {"body_read_timeout_s": 1.0, "body_min_rate_bps": 100}

    def test_the_same_body_above_the_minimum_rate_is_read(self, app) -> None:
        status, body, _, pulled = call(
            app, "POST", HEARTBEAT, headers={"content-type": "application/json"}, **TRICKLE
        )
        assert status != 408, body  # read whole, then judged by the route (not JSON: refused)
        assert pulled == TRICKLE["total"]


def test_the_minimum_rate_must_be_positive(settings) -> None:
    from dataclasses import replace

    from web.settings import SettingsError

    with pytest.raises(SettingsError, match="body_min_rate_bps"):
        replace(settings, body_min_rate_bps=0)


def test_loa_serve_sets_connection_limits(settings) -> None:
    from loa.cli_server import uvicorn_options

    opts = uvicorn_options(settings)
    assert opts["http"] == "h11"
    assert 1 <= opts["timeout_keep_alive"] <= 15
    assert opts["h11_max_incomplete_event_size"] <= 64 * KIB
    assert opts["limit_concurrency"] >= 50
    assert opts["proxy_headers"] and opts["forwarded_allow_ips"] == "127.0.0.1"


def test_the_minimum_rate_is_read_from_the_environment(tmp_path, monkeypatch) -> None:
    from web.settings import Settings, SettingsError

    monkeypatch.setenv("LOA_ENV", "test")
    monkeypatch.setenv("LOA_BODY_MIN_RATE_BPS", "2000")
    assert Settings.from_env(data_dir=tmp_path).body_min_rate_bps == 2000
    monkeypatch.setenv("LOA_BODY_MIN_RATE_BPS", "0")
    with pytest.raises(SettingsError):
        Settings.from_env(data_dir=tmp_path)

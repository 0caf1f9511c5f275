"""Issue 12, item 8: production runs behind HTTPS only.

In production the panel needs its https:// address (LOA_BASE_URL) or refuses to start with a
message in both languages; cookies carry ``Secure``; every answer carries HSTS and the other
security headers. deploy/ holds a TLS reverse proxy example (nginx and Caddy).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from web.app import create_app
from web.settings import Settings, SettingsError

from .conftest import SECRET, password_for

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://loa.ngoc-chuc.example.vn"


@pytest.mark.parametrize("base_url", ["", "http://loa.example.vn", "loa.example.vn", "https://"])
def test_production_needs_an_https_base_url(tmp_path, base_url) -> None:
    with pytest.raises(SettingsError) as err:
        Settings(data_dir=tmp_path, environment="production", secret_key=SECRET, base_url=base_url)
    message = str(err.value)
    assert "LOA_BASE_URL" in message and "https://" in message
    assert "phải" in message and "must" in message  # Vietnamese and English
    assert Settings(
        data_dir=tmp_path, environment="production", secret_key=SECRET, base_url=BASE
    ).secure_cookies


def test_test_and_development_may_run_on_plain_http(tmp_path) -> None:
    s = Settings(data_dir=tmp_path, environment="test", secret_key=SECRET)
    assert not s.secure_cookies
    assert Settings(data_dir=tmp_path, environment="development", base_url="http://127.0.0.1:8000")


@pytest.fixture
def production_app(settings, clock):
    prod = dataclasses.replace(settings, environment="production", base_url=BASE)
    app = create_app(prod, clock=clock)
    yield app
    app.state.engine.dispose()


def test_production_cookies_are_secure_and_answers_carry_hsts(production_app) -> None:
    with TestClient(production_app, base_url=BASE) as c:
        page = c.get("/login")
        assert page.status_code == 200
        h = page.headers
        assert h["strict-transport-security"].startswith("max-age=")
        assert int(h["strict-transport-security"].split("=")[1].split(";")[0]) >= 180 * 24 * 3600
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["referrer-policy"] in (
            "same-origin",
            "no-referrer",
            "strict-origin-when-cross-origin",
        )
        set_cookie = page.headers["set-cookie"].lower()
        assert (
            "loa_session=" in set_cookie and "; secure" in set_cookie and "httponly" in set_cookie
        )
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        r = c.post(
            "/login",
            data={
                "username": "doanvien",
                "password": password_for("doanvien"),
                "csrf_token": token,
            },
            follow_redirects=False,
        )
        assert r.status_code == 303 and "; secure" in r.headers["set-cookie"].lower()
        api = c.get("/api/v1/openapi.json")
        assert "strict-transport-security" in api.headers


def test_no_hsts_outside_production(panel) -> None:
    r = panel().get("/login")
    assert "strict-transport-security" not in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "secure" not in r.headers["set-cookie"].lower().split("; ")


def test_loa_serve_refuses_plain_http_in_production(tmp_path, monkeypatch) -> None:
    from loa import cli_server

    served = []
    monkeypatch.setattr(cli_server, "_run", lambda *a, **kw: served.append(a))
    monkeypatch.setenv("LOA_ENV", "production")
    monkeypatch.setenv("LOA_SECRET_KEY", SECRET)
    monkeypatch.delenv("LOA_BASE_URL", raising=False)
    monkeypatch.delenv("LOA_DATABASE_URL", raising=False)
    r = CliRunner().invoke(cli_server.serve, ["--data-dir", str(tmp_path / "data")])
    assert r.exit_code != 0 and not served
    assert "LOA_BASE_URL" in r.output and "https://" in r.output
    monkeypatch.setenv("LOA_BASE_URL", BASE)
    r = CliRunner().invoke(cli_server.serve, ["--data-dir", str(tmp_path / "data")])
    assert r.exit_code == 0, r.output
    assert served


def test_deploy_has_a_tls_reverse_proxy_example() -> None:
    nginx = (ROOT / "deploy" / "nginx" / "loa.conf").read_text()
    assert "ssl_certificate" in nginx and "proxy_pass http://127.0.0.1:8000" in nginx
    assert "X-Forwarded-Proto" in nginx and "client_max_body_size" in nginx
    caddy = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    assert "reverse_proxy 127.0.0.1:8000" in caddy
    unit = (ROOT / "deploy" / "systemd" / "loa-panel.service").read_text()
    assert "--host 127.0.0.1" in unit and "LOA_BASE_URL" in unit
    doc = (ROOT / "docs" / "security.md").read_text()
    assert "## 8." in doc and "deploy/nginx/loa.conf" in doc

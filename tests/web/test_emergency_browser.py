"""Issuing an emergency from a phone, in a real browser: the commune chairman opens Khẩn cấp,
taps the demo's approved storm template, fills its slots, taps Phát ngay, and watches
"đã phát: n/N cụm loa" fill up as a unit confirms (HTMX polling), then stops it.

Playwright drives Debian's Chromium (headless) against uvicorn, as tests/web/test_browser.py.
"""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlmodel import Session

from content_library import sync as sync_core
from content_library.demo import DEMO_UNIT_ID
from content_library.emergency_models import Emergency
from protocol.keys import public_key_line

from . import test_browser
from .test_browser import CHROMIUM, collect_errors, log_in

live_server = test_browser.live_server  # the same uvicorn fixture
browser = test_browser.browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("LOA_REQUIRE_BROWSER"),
        reason="needs Debian's chromium (make test installs it)",
    ),
]


@pytest.fixture
def issuer() -> str:
    """The demo's commune chairman holds the issuer role over Ngọc Chúc."""
    return "chutich"


@pytest.fixture
def phone(browser, live_server, issuer):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=live_server
    )
    page = context.new_page()
    page.errors = collect_errors(page)
    log_in(page, live_server, issuer)
    yield page
    context.close()


def test_issue_from_the_storm_template_on_a_phone(phone, app, db, clock) -> None:
    page = phone
    page.get_by_role("link", name="⚠ Khẩn cấp").click()
    page.get_by_role("link", name="⚠ Bão khẩn cấp").click()
    page.fill("input[name=slot_bao]", "3")
    page.fill("input[name=slot_gio]", "12")
    page.fill("input[name=slot_gio_gust]", "14")
    page.fill("input[name=slot_gio_den]", "14:30")
    page.fill("input[name=slot_ngay]", clock.now.date().isoformat())
    page.select_option("select[name=slot_noi]", label="Ấp Ngọc Bình")
    page.select_option("select[name=slot_viec]", label="sơ tán đến nơi an toàn")
    page.get_by_role("checkbox", name="Ngọc Chúc", exact=True).check()
    # a wrong value first: refused in Vietnamese, what was typed is kept
    page.fill("input[name=slot_gio_gust]", "10")
    page.click("#issue")
    assert "không thể nhỏ hơn cấp gió" in page.locator("p.error").inner_text()
    assert page.input_value("input[name=slot_bao]") == "3"
    page.fill("input[name=slot_gio_gust]", "14")
    page.get_by_role("checkbox", name="Ngọc Chúc", exact=True).check()
    page.click("#issue")
    page.wait_for_url("**/emergencies/*")
    played = page.locator(".played")
    assert "đã phát: 0/1 cụm loa" in played.inner_text()
    assert "gió mạnh cấp 12, giật cấp 14" in page.locator(".text").inner_text()
    # the demo unit confirms over the signed sync API; the page fills up without a reload
    eid = page.url.rsplit("/", 1)[1]
    key = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = sync_core.issue_enrol_code(s, DEMO_UNIT_ID, clock.now)
        sync_core.enrol(s, DEMO_UNIT_ID, code, public_key_line(key.public_key()), clock.now)
        s.commit()
    path = f"/api/v1/units/{DEMO_UNIT_ID}/emergencies/{eid}/played"
    body = b'{"state": "started", "repeat": 1, "at": "%s"}' % clock.now.isoformat().encode()
    headers = sync_core.sign_request(
        key, "POST", path, DEMO_UNIT_ID, body, timestamp=int(clock.now.timestamp())
    )
    with TestClient(app) as unit:
        r = unit.post(path, content=body, headers={**headers, "Content-Type": "application/json"})
    assert r.status_code == 204
    page.wait_for_function(
        "() => document.querySelector('.played').innerText.includes('1/1')", timeout=15_000
    )
    page.click("#stop")
    page.wait_for_url(f"**/emergencies/{eid}")
    assert "Đã dừng" in page.locator("p.flash").inner_text()
    db.expire_all()
    assert db.get(Emergency, eid).state == "stopped"
    # the one 422 answer (the refused gust) is logged by the browser; nothing else is
    assert [e for e in page.errors if "status of 422" not in e] == []

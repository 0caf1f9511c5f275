"""In a real browser: the reviewer listens to a recording and approves it; the author sees it.

Playwright drives Debian's Chromium (headless) against uvicorn serving the app on a free
127.0.0.1 port in a thread.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import new_script_form, password_for, script_id_from, speech_wav_bytes

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]

pytestmark = [
    pytest.mark.browser,
    # A developer's quick `pytest` may lack the browser; `make test` installs it and sets
    # LOA_REQUIRE_BROWSER, so there a missing Chromium fails instead of skipping.
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("LOA_REQUIRE_BROWSER"),
        reason="needs Debian's chromium (make test installs it)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(app):
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:  # waiting for a socket, not for time logic
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    from playwright import sync_api  # a dev dependency: missing it must fail, not skip

    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def collect_errors(page) -> list[str]:
    """Script errors and console errors (CSP violations, failed or aborted requests) of ``page``.

    The list fills while the page runs; a test asserts on it at the end.
    """
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: errors.append(f"{msg.text} {msg.location}") if msg.type == "error" else None,
    )
    return errors


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password_for(username))
    page.click("button[type=submit].primary")
    page.wait_for_url(lambda url: "/login" not in url)


def test_reviewer_listens_and_approves_author_sees_it(live_server, browser, panel, db) -> None:
    # The author records a bulletin and submits it (through the same pages, without a browser).
    author_http = panel("doanvien")
    form = new_script_form(db, title="Bản tin ghi âm PCCC", kind="recording", text="")
    sid = script_id_from(
        author_http.post(
            "/scripts/new", form, files={"file": ("pccc.wav", speech_wav_bytes(), "audio/wav")}
        )
    )
    from sqlmodel import select

    from content_library.models import ScriptVersion

    db.expire_all()
    version = db.exec(select(ScriptVersion).where(ScriptVersion.script_id == sid)).one()
    assert version.render_status == "done", version.render_message  # mastered before review

    reviewer = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}
    )  # a phone
    page = reviewer.new_page()
    errors = collect_errors(page)
    log_in(page, live_server, "congan")
    assert page.url.endswith("/review")
    assert page.locator("h1").inner_text() == "Chờ duyệt"
    page.click("text=Bản tin ghi âm PCCC")
    page.wait_for_url("**/review/*")

    audio = page.locator("audio")
    audio.wait_for()
    page.evaluate("document.querySelector('audio').play()")
    page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a && a.currentTime > 0.2; }",
        timeout=15_000,
    )
    # the player plays the mastered render the approval will be bound to
    assert audio.evaluate("a => a.src").endswith(f"/assets/{version.render_sha256}")
    assert audio.evaluate("a => a.duration") == pytest.approx(version.render_duration_s, abs=0.1)

    page.click("button.approve")
    page.wait_for_url("**/review")
    assert "Đã duyệt." in page.locator(".flash").inner_text()
    assert page.locator("text=Bản tin ghi âm PCCC").count() == 0
    assert not errors, errors  # no script errors, no CSP violations

    author = browser.new_context(locale="vi-VN").new_page()
    log_in(author, live_server, "doanvien")
    author.goto(f"{live_server}/scripts")
    item = author.locator(f"#script-{sid}")
    assert "đã duyệt" in item.locator(".state").inner_text()
    author.click(f"#script-{sid} a.title")
    assert author.locator("tr.event[data-action='version.approve']").count() == 1


def test_queue_filter_swaps_with_htmx(live_server, browser, panel, db) -> None:
    author_http = panel("doanvien")
    author_http.post("/scripts/new", new_script_form(db, title="Tin ma túy"))
    author_http.post("/scripts/new", new_script_form(db, title="Tin giao thông", topic_id="2"))
    page = browser.new_context(locale="vi-VN").new_page()
    log_in(page, live_server, "congan")
    assert page.locator("#queue li").count() == 2
    page.evaluate("typeof htmx")  # loaded from /static, no CDN
    assert page.evaluate("typeof htmx") == "object"
    topic = page.locator("select[name=topic_id]")
    topic.select_option(label=topic.locator("option").nth(1).inner_text())
    page.wait_for_url("**topic_id=*")
    page.wait_for_function("() => document.querySelectorAll('#queue li').length < 2")
    assert page.locator("#queue li").count() <= 1


def test_typing_while_a_speech_preview_is_on_its_way_logs_no_error(live_server, browser) -> None:
    # A slow network: the preview the page asks for on load is held until the author has typed.
    # The next preview must wait for it, not abort it (an aborted request is an error in the
    # console, and the server does the work anyway); the last text's reading is what shows.
    page = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    errors = collect_errors(page)
    log_in(page, live_server, "doanvien")
    held: list = []
    slow = True

    def network(route) -> None:
        if slow:
            held.append(route)
        else:
            route.continue_()

    page.route("**/scripts/preview-speech", network)
    page.goto(f"{live_server}/scripts/new")
    page.wait_for_function("() => document.querySelector('#speech-preview.htmx-request')")
    assert len(held) == 1  # the preview asked for on load, still on its way
    page.fill("#script-text", "Họp lúc 7h30 ngày 15/12.")
    page.dispatch_event("#script-text", "input")
    page.wait_for_timeout(1500)  # past the 700 ms the form waits after typing
    slow = False
    for route in held:
        route.continue_()
    page.wait_for_function(
        "() => document.querySelector('#speech-preview').textContent.includes('bảy giờ ba mươi')"
    )
    assert not errors, errors

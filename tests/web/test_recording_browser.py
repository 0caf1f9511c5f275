"""Recording from the phone's microphone, in a real browser: Chromium's fake microphone plays
a WAV the test makes with espeak-ng; the author records with the text as a teleprompter,
listens, records again, and sends it through the form's upload path (probe, mastering, review).

Playwright drives Debian's Chromium (headless) against uvicorn, as tests/web/test_browser.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlmodel import select

from content_library.models import Asset, ScriptVersion

from . import test_browser
from .conftest import ids, new_script_form, script_id_from, speech_wav_bytes
from .test_browser import ARGS, CHROMIUM, collect_errors, log_in

live_server = test_browser.live_server  # the same uvicorn fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("LOA_REQUIRE_BROWSER"),
        reason="needs Debian's chromium (make test installs it)",
    ),
]

TELEPROMPTER = (
    "Kính thưa bà con, Công an xã thông báo: từ ngày 15/12, các hộ kinh doanh "
    "phải trang bị bình chữa cháy.\nĐề nghị bà con chấp hành nghiêm."
)


@pytest.fixture
def microphone_wav(tmp_path: Path) -> Path:
    """What the fake microphone hears, looped: speech from espeak-ng."""
    path = tmp_path / "microphone.wav"
    path.write_bytes(speech_wav_bytes("Kính thưa bà con, đây là bản tin của Công an xã."))
    return path


@pytest.fixture
def browser(microphone_wav: Path):
    from playwright import sync_api  # a dev dependency: missing it must fail, not skip

    args = [
        *ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone_wav}",
    ]
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)
        yield b
        b.close()


@pytest.fixture
def phone(browser, live_server):
    """An author's phone, microphone allowed, collecting script errors and CSP violations."""
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        permissions=["microphone"],
        base_url=live_server,
    )
    page = context.new_page()
    page.errors = collect_errors(page)
    log_in(page, live_server, "doanvien")
    yield page
    context.close()


def record(page, *, seconds: float) -> None:
    """Press Ghi âm, wait until the recorder's own clock has run ``seconds``, press Dừng."""
    page.get_by_role("button", name="Ghi âm", exact=True).click()
    prompter = page.locator("#rec-prompter")
    prompter.wait_for(state="visible")
    assert page.locator("#recorder").evaluate("r => r.classList.contains('recording')")
    page.wait_for_function(
        f"() => +document.getElementById('rec-timer').dataset.elapsedMs >= {seconds * 1000}",
        timeout=15_000,
    )
    page.get_by_role("button", name="Dừng", exact=True).click()
    page.wait_for_function(
        "() => (document.getElementById('rec-audio').src || '').startsWith('blob:')", timeout=10_000
    )
    assert prompter.is_hidden()


def listen(page) -> None:
    page.get_by_role("button", name="Nghe lại", exact=True).click()
    page.wait_for_function(
        "() => document.getElementById('rec-audio').currentTime > 0.3", timeout=10_000
    )


def stored_recording(db, script_id: int) -> tuple[ScriptVersion, Asset]:
    db.expire_all()
    version = db.exec(
        select(ScriptVersion)
        .where(ScriptVersion.script_id == script_id)
        .order_by(ScriptVersion.number.desc())
    ).first()
    assert version.kind == "recording"
    return version, db.get(Asset, version.asset_sha256)


def test_a_new_script_recorded_on_the_phone(phone, db) -> None:
    i = ids(db)
    phone.goto("/scripts/new")
    phone.fill("input[name=title]", "Bản tin ghi âm trên điện thoại")
    phone.select_option("select[name=topic_id]", str(i["topic"]["PCCC"]))
    phone.select_option("select[name=area_id]", str(i["area"]["Ngọc Chúc"]))
    phone.fill("#script-text", TELEPROMPTER)
    phone.locator("#speech-preview .speech").wait_for()  # the author's preview (htmx)
    assert "mười lăm tháng mười hai" in phone.locator("#speech-preview .spoken").inner_text()

    record(phone, seconds=1.5)
    assert phone.locator("input[name=kind][value=recording]").is_checked()
    # a recording reads nothing: the preview empties itself
    phone.wait_for_function(
        "() => document.getElementById('speech-preview').innerText.trim() === ''"
    )
    listen(phone)
    phone.get_by_role("button", name="Ghi lại", exact=True).click()  # not good enough: again
    phone.locator("#recorder.recording").wait_for()
    assert phone.locator("#rec-prompter").inner_text().strip() == TELEPROMPTER
    phone.wait_for_function(
        "() => +document.getElementById('rec-timer').dataset.elapsedMs >= 2500", timeout=15_000
    )
    phone.get_by_role("button", name="Dừng", exact=True).click()
    phone.wait_for_function(
        "() => (document.getElementById('rec-audio').src || '').startsWith('blob:')"
    )
    listen(phone)

    phone.get_by_role("button", name="Gửi bản ghi âm", exact=True).click()
    phone.wait_for_url(re.compile(r"/scripts/\d+$"))
    assert "Đã gửi duyệt." in phone.locator(".flash").inner_text()
    sid = int(phone.url.rsplit("/", 1)[1])
    version, asset = stored_recording(db, sid)
    assert version.number == 1 and version.state == "submitted"
    assert asset.media_type == "audio/webm" and asset.original_name.endswith(".webm")
    assert asset.duration_s > 2.0  # the second take, not the first
    assert version.text == TELEPROMPTER  # the text read stays as the recording's note
    assert version.render_status in ("queued", "running", "done")
    # the page shows the render's status, and reloads itself when the mastered audio is ready
    status = phone.locator(f"#render-{version.id}")
    status.wait_for()
    phone.locator(".render-done").wait_for(timeout=60_000)
    db.expire_all()
    assert db.get(ScriptVersion, version.id).render_status == "done"
    assert "Âm thanh đã sẵn sàng" in phone.locator(".render-done").inner_text()
    assert not phone.errors, phone.errors  # no script errors, no CSP violations


def test_a_new_version_recorded_on_the_phone(phone, panel, db) -> None:
    author = panel("doanvien")
    sid = script_id_from(author.post("/scripts/new", new_script_form(db, action="save")))
    phone.goto(f"/scripts/{sid}/edit")
    record(phone, seconds=1.5)
    listen(phone)
    phone.get_by_role("button", name="Gửi bản ghi âm", exact=True).click()
    phone.wait_for_url(f"**/scripts/{sid}")
    version, asset = stored_recording(db, sid)
    assert version.number == 2 and asset.duration_s > 1.0
    assert version.render_status in ("queued", "running", "done")
    phone.locator(f"#render-{version.id}").wait_for()
    assert not phone.errors, phone.errors

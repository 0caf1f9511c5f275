"""Vietnamese by default, English through the catalogs; catalogs complete and compiled."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sqlmodel import select

from content_library.models import User
from web.i18n import LOCALE_DIR, compile_po, negotiate

WEB = Path(__file__).resolve().parents[2] / "web"


def po(locale: str):
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def extracted_msgids() -> set[str]:
    with (WEB / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    return {
        m[2] if isinstance(m[2], str) else m[2][0]
        for m in extract_from_dir(str(WEB), method_map, options_map)
    }


def test_every_string_in_the_code_is_in_both_catalogs() -> None:
    ids = extracted_msgids()
    assert "Your session has expired, please reload the page." in ids
    for locale in ("vi", "en"):
        catalog_ids = {m.id for m in po(locale) if m.id}
        missing = sorted(ids - catalog_ids)
        assert not missing, f"{locale}: run pybabel extract/update (see web/babel.cfg): {missing}"


def test_every_vietnamese_message_is_translated() -> None:
    untranslated = [m.id for m in po("vi") if m.id and not m.string]
    assert not untranslated
    fuzzy = [m.id for m in po("vi") if m.id and m.fuzzy]
    assert not fuzzy


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_compiled_catalog_matches_its_po(locale: str) -> None:
    mo_path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.mo"
    assert mo_path.exists(), "commit the compiled .mo (pybabel compile -d web/locale)"
    with mo_path.open("rb") as f:
        committed = {m.id: m.string for m in read_mo(f) if m.id}
    fresh = {
        m.id: m.string
        for m in read_mo(
            io.BytesIO(compile_po(LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"))
        )
        if m.id
    }
    assert committed == fresh


def test_vietnamese_is_the_default(client) -> None:
    r = client.get("/login")
    assert '<html lang="vi">' in r.text and "Đăng nhập" in r.text and "Mật khẩu" in r.text


def test_lang_query_switches_one_page_and_the_switch_sticks(panel) -> None:
    p = panel()
    r = p.get("/login?lang=en")
    assert '<html lang="en">' in r.text and "Log in" in r.text and "Password" in r.text
    assert '<html lang="vi">' in p.get("/login").text  # a GET stores nothing (security 30)
    assert p.post("/language", {"lang": "en", "back": "/login"}).status_code == 303
    assert '<html lang="en">' in p.get("/login").text
    assert '<html lang="vi">' in p.get("/login?lang=vi").text


def test_browser_language_for_visitors(client) -> None:
    assert "Log in" in client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"}).text
    assert (
        "Đăng nhập"
        in client.get("/login", headers={"Accept-Language": "fr, vi;q=0.5, en;q=0.4"}).text
    )


def test_user_locale_wins_over_the_browser(panel, db) -> None:
    p = panel("doanvien")
    headers = {"Accept-Language": "en"}
    assert "Kịch bản của tôi" in p.get("/scripts", headers=headers).text  # locale "vi" by default
    user = db.exec(select(User).where(User.username == "doanvien")).one()
    user.locale = "en"
    db.add(user)
    db.commit()
    assert "My scripts" in p.get("/scripts").text
    assert "Kịch bản của tôi" in p.get("/scripts?lang=vi").text  # an explicit choice wins


def test_domain_errors_follow_the_language(panel, db) -> None:
    from .conftest import new_script_form

    p = panel("doanvien")
    p.post("/language", {"lang": "en"})
    r = p.post("/scripts/new", new_script_form(db, text=""))
    assert r.status_code == 422 and "the script is empty" in r.text
    api = p.client.get("/api/v1/review-queue")
    assert api.json()["detail"].startswith("This needs the role")
    assert api.json()["reason_vi"].startswith("Bạn không có quyền")


def test_state_labels(panel, db) -> None:
    from .conftest import new_script_form

    p = panel("doanvien")
    p.post("/scripts/new", new_script_form(db, action="save"))
    assert "bản nháp" in p.get("/scripts").text
    assert ">draft<" in p.get("/scripts?lang=en").text


def test_negotiate() -> None:
    assert negotiate(query=None, chosen=None, user_locale=None, accept_language=None) == "vi"
    assert (
        negotiate(query="xx", chosen=None, user_locale=None, accept_language="en;q=0.1, vi;q=0.9")
        == "vi"
    )
    assert negotiate(query=None, chosen=None, user_locale=None, accept_language="en-GB") == "en"
    assert negotiate(query=None, chosen="en", user_locale="vi", accept_language=None) == "en"

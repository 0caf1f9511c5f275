"""A tenth independent security review (docs/security.md 29), as an attacker would test it: a
writer moved to another commune (or left without a role) with the phone still logged in, a
curious admin, operator, reviewer, writer or issuer of another commune trying every route of
the app's own route table with Ngọc Chúc's ids, and the parts of a province's emergency that
belong to the other commune. Each test is the regression of a hole it found, or pins a
refusal that held and no earlier test pinned."""

from __future__ import annotations

import html

import pytest
from sqlmodel import select

from content_library import services
from content_library.models import (
    Area,
    Script,
    ScriptVersion,
    User,
)
from content_library.types import Role

MARK = "Zqxw"  # in the title of Ngọc Chúc's script: never on another commune's screen


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


def _areas(db) -> dict[str, int]:
    return {a.name: a.id for a in db.exec(select(Area)).all()}


def _approved(panel, db) -> ScriptVersion:
    from .test_schedules import approved_version

    vid = approved_version(panel, db, title=f"{MARK} bản tin", text="Kính thưa bà con.")
    db.expire_all()
    return db.get(ScriptVersion, vid)


def _set_roles(db, username: str, roles: list[tuple[Role, str]], at) -> None:
    areas = _areas(db)
    services.set_roles(
        db,
        actor=None,
        user_id=_uid(db, username),
        roles=[(r.value, areas[a]) for r, a in roles],
        now=at,
    )
    db.commit()


def _text(r) -> str:
    return html.unescape(r.text)


# --- 1. a writer moved away, or left without a role, kept reading what they once wrote ------


@pytest.mark.parametrize(
    "moved_to",
    [
        [(Role.AUTHOR, "Thạnh Lộc")],
        [(Role.AUTHOR, "Thạnh Lộc"), (Role.REVIEWER, "Thạnh Lộc")],
        [],
    ],
    ids=["author-elsewhere", "author-and-reviewer-elsewhere", "no-role"],
)
def test_a_writer_moved_away_no_longer_reads_the_script_nor_hears_its_audio(
    panel, api, client, db, moved_to
) -> None:
    """The writer's phone, still logged in (cookie and API token), after the admin moved them
    to Thạnh Lộc or took their roles: the script, its later versions, reviews and history, and
    its audio (player, MP3, render progress) read like ids that do not exist."""
    v = _approved(panel, db)
    sid, vid, sha = v.script_id, v.id, v.render_sha256
    phone, token = panel("doanvien"), api("doanvien")
    assert phone.get(f"/scripts/{sid}").status_code == 200  # before the move: theirs
    assert phone.get(f"/assets/{sha}").status_code == 200
    _set_roles(db, "doanvien", moved_to, v.created_at)

    missing = {
        f"/scripts/{sid}": ("/scripts/999999", "Không tìm thấy kịch bản."),
        f"/scripts/{sid}/edit": ("/scripts/999999/edit", "Không tìm thấy kịch bản."),
        f"/review/{vid}": ("/review/999999", "Không tìm thấy phiên bản kịch bản."),
        f"/versions/{vid}/mp3": ("/versions/999999/mp3", "Không tìm thấy phiên bản kịch bản."),
        f"/versions/{vid}/render-status": (
            "/versions/999999/render-status",
            "Không tìm thấy phiên bản kịch bản.",
        ),
        f"/assets/{sha}": (f"/assets/{'0' * 64}", "Không tìm thấy tệp âm thanh."),
    }
    for url, (gone_url, sentence) in missing.items():
        r, gone = phone.get(url), phone.get(gone_url)
        assert r.status_code == gone.status_code and r.status_code in (403, 404), (url, r)
        assert MARK not in _text(r), url
        if r.status_code == 404:
            assert sentence in _text(r), url
    r = client.get(f"/api/v1/scripts/{sid}", headers=token)
    gone = client.get("/api/v1/scripts/999999", headers=token)
    assert r.status_code == gone.status_code == 404, r.text
    assert r.json()["reason_vi"] == "Không tìm thấy kịch bản." and MARK not in r.text
    for url in ("/scripts", "/api/v1/scripts"):  # the lists (403 without any author role)
        r = client.get(url, headers=token) if url.startswith("/api") else phone.get(url)
        assert r.status_code in (200, 403) and MARK not in r.text, url
    # The commune's own people still see it, and the writer's old script stays theirs.
    assert panel("congan").get(f"/scripts/{sid}").status_code == 200
    assert panel("daixa").get(f"/assets/{sha}").status_code == 200
    assert db.get(Script, sid).author_id == _uid(db, "doanvien")


def test_a_writer_given_back_the_role_reads_the_script_again(panel, db) -> None:
    """The check follows the role, not a mark on the script: given back, it is theirs again."""
    v = _approved(panel, db)
    _set_roles(db, "doanvien", [(Role.AUTHOR, "Thạnh Lộc")], v.created_at)
    phone = panel("doanvien")
    assert phone.get(f"/scripts/{v.script_id}").status_code == 404
    _set_roles(db, "doanvien", [(Role.AUTHOR, "Ngọc Chúc")], v.created_at)
    r = phone.get(f"/scripts/{v.script_id}")
    assert r.status_code == 200 and MARK in _text(r)
    assert MARK in _text(phone.get("/scripts"))

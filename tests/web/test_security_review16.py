"""A sixteenth independent security review, as a hostile user would test it: what
docs/security.md promises (30: another commune's or province's account reads like an id that
does not exist) and the earlier reviews left. Each test is the regression of a hole it found:
it fails on the code before the fix."""

from __future__ import annotations

import html

import pytest
from sqlmodel import select

from content_library import services
from content_library.models import AuditEvent, User
from content_library.types import Role

from .conftest import add_people, new_script_form, script_id_from
from .test_render_service import approve_heard, version_of


def _text(r) -> str:
    return html.unescape(r.text)


def _uid(db, username: str) -> int:
    return db.exec(select(User).where(User.username == username)).one().id


@pytest.fixture
def other_province(db, clock) -> int:
    """A second root of the tree with its own admin: the pronunciation lexicon and the voices
    are every province's, so its admin edits what the first province's scripts say."""
    root = services.create_area(
        db, actor=None, name="Tỉnh Bạc Liêu", kind="province", parent_id=None, now=clock.now
    )
    add_people(db, {"quantri_bl": [(Role.ADMIN, root.id)]}, now=clock.now)
    db.commit()
    return root.id


# --- 1. another province's admin named in the history of a commune's script ---------------------


def test_another_provinces_admin_is_not_named_in_a_scripts_history(panel, api, db, other_province):
    """Another province's admin edits the lexicon: every approved script using the term goes
    back to review, audited with that admin as the actor. The script page, the review page and
    the API's script detail named the account (username and id) to the commune's writer and
    reviewer — an account of another province, which everywhere else reads like an id that
    does not exist (security 30). Now the event reads "người ngoài địa bàn của bạn", the API
    gives neither name nor id; the commune's own reviewer is still named."""
    author, reviewer = panel("doanvien"), panel("congan")
    sid = script_id_from(
        author.post(
            "/scripts/new",
            new_script_form(db, title="Dùng từ ANTT", text="Bảo đảm ANTT trên địa bàn xã."),
        )
    )
    vid = version_of(db, sid).id
    approve_heard(reviewer, vid)
    stranger = panel("quantri_bl")
    r = stranger.post("/admin/lexicon", {"term": "ANTT", "spoken": "an ninh và trật tự"})
    assert r.status_code == 303, _text(r)[:300]
    foreign = _uid(db, "quantri_bl")
    db.expire_all()
    dropped = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "version.approval_dropped", AuditEvent.object_id == str(sid)
        )
    ).all()
    assert [e.actor_id for e in dropped] == [foreign]  # the hole's precondition

    for who in (author, reviewer):
        page = _text(who.get(f"/scripts/{sid}"))
        assert "quantri_bl" not in page
        assert "người ngoài địa bàn của bạn" in page
        assert "congan" in page  # the commune's own reviewer approved it: named as before
    assert "quantri_bl" not in _text(reviewer.get(f"/review/{vid}"))
    for username in ("doanvien", "congan"):
        r = panel(username).client.get(f"/api/v1/scripts/{sid}", headers=api(username))
        assert r.status_code == 200, r.text
        audit = r.json()["audit"]
        assert "quantri_bl" not in r.text
        assert foreign not in [e["actor_id"] for e in audit]
        gone = [e for e in audit if e["action"] == "version.approval_dropped"]
        assert gone and all(e["actor"] is None and e["actor_id"] is None for e in gone)
        assert "congan" in [e["actor"] for e in audit]


def test_the_lexicon_page_does_not_name_another_provinces_admin(panel, db, other_province):
    """The lexicon page (any admin, a commune's too) listed the last edits with their editor's
    username: another province's admin was named to this province's admins. Now they read as
    someone outside the reader's areas; an admin of the reader's own tree is named."""
    r = panel("quantri_bl").post("/admin/lexicon", {"term": "ANTT", "spoken": "an ninh trật tự"})
    assert r.status_code == 303, _text(r)[:300]
    r = panel("quantri").post("/admin/lexicon", {"term": "PCCC", "spoken": "phòng cháy"})
    assert r.status_code == 303, _text(r)[:300]
    for reader, named, hidden in (
        ("quantri", "quantri", "quantri_bl"),
        ("quantri_bl", "quantri_bl", "quantri"),
    ):
        page = _text(panel(reader).get("/admin/lexicon"))
        rows = page.split("Recent changes" if "Recent changes" in page else "Thay đổi gần đây")[-1]
        assert f"<td>{named}</td>" in rows, reader
        assert f"<td>{hidden}</td>" not in rows, reader
        assert "người ngoài địa bàn của bạn" in rows, reader

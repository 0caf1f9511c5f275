"""An emergency template's approval and the pronunciation lexicon (docs/security.md 34): the
approval is bound to the stored entries its own words are read with, and a lexicon edit that
reaches its words, a place it may name or its numbers sends it back for approval, with the
reason in the audit log — and an issue meanwhile is refused with that reason, not read with
the new entry. The web tests (tests/web/test_emergency_lexicon.py) render and sign it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import pytest
from sqlmodel import Session, col, select

from content_library import emergency as em
from content_library import services
from content_library.demo import seed_demo
from content_library.emergency_models import EmergencyTemplate, TemplateState
from content_library.errors import WorkflowError
from content_library.models import Area, AuditEvent, LexiconEntry, User
from content_library.ports import RecordedRenders
from tts.render import lexicon_entries_used

SLOTS = [
    {"name": "viec", "type": "choice", "label": "Việc", "options": ["sơ tán", "ở nhà"]},
    {"name": "gio", "type": "wind", "label": "Gió"},
    {"name": "noi", "type": "place", "label": "Nơi"},
]
TEXT = "UBND xã đề nghị bà con {viec}, gió mạnh {gio}, ở {noi}."


@pytest.mark.parametrize(
    "text",
    [
        "UBND xã đề nghị bà con sơ tán, theo dõi Zalo và zalo.",
        "Ubnd viết thường, SƠ TÁN viết hoa, ANTT.",
        "so\u031b tán (dạng tách dấu)",
    ],
)
def test_the_match_is_the_render_fingerprints_rule(text: str) -> None:
    """content_library imports no tts: its copy of the rule must find what tts' does."""
    lexicon = {"UBND": "ủy ban", "sơ tán": "x", "Zalo": "da-lô", "ANTT": "a", "PCCC": "p"}
    assert em.entries_used(text, lexicon) == lexicon_entries_used(text, lexicon)


def test_the_binding_is_the_entries_its_own_words_use() -> None:
    """Its text, its choices' options, the words a slot type adds and a term that spans the
    text and a value — not the places (areas come and go; the lexicon edit looks at them)."""
    lexicon = {
        "UBND": "Ủy ban nhân dân",
        "sơ tán": "ở yên trong nhà",  # an option
        "con ở nhà": "y",  # spans the text and an option
        "mạnh cấp": "z",  # spans the text and the words a wind slot adds
        "giật": "g",  # a word of the wind slot
        "Ngọc Bình": "n",  # a place: not bound here
        "Zalo": "da-lô",  # not in its words
    }
    assert set(em.lexicon_binding(TEXT, SLOTS, lexicon)) == {
        "UBND",
        "sơ tán",
        "con ở nhà",
        "mạnh cấp",
        "giật",
    }


def _fingerprint(lexicon: Mapping[str, str]) -> str:
    return em.template_fingerprint(
        text=TEXT, slots=SLOTS, region="south", engine="espeak", voice=None, lexicon=lexicon
    )


def test_the_fingerprint_moves_with_an_entry_its_words_use_only() -> None:
    approved = {"sơ tán": "sơ tán", "Zalo": "da-lô"}
    fp = _fingerprint(approved)
    assert _fingerprint({**approved, "Zalo": "za-lo"}) == fp
    assert _fingerprint({**approved, "PCCC": "p"}) == fp
    for changed in (
        {**approved, "sơ tán": "ở yên trong nhà"},
        {"Zalo": "da-lô"},  # the entry removed
        {**approved, "UBND": "ủy ban"},  # a new entry for its words
    ):
        assert _fingerprint(changed) != fp, changed


@pytest.fixture
def demo(session: Session, now: datetime) -> Session:
    seed_demo(session, now=now)
    session.commit()
    return session


def _user(session: Session, name: str) -> User:
    return session.exec(select(User).where(User.username == name)).one()


def _storm(session: Session) -> EmergencyTemplate:
    """The demo's storm template (approved, An Giang; places of the whole province)."""
    return session.exec(select(EmergencyTemplate)).one()


def _edit(session: Session, now: datetime, term: str, spoken: str) -> None:
    services.set_lexicon_entry(
        session,
        actor=_user(session, "quantri"),
        term=term,
        spoken=spoken,
        now=now,
        builtin={},
        renders=RecordedRenders(),
    )
    session.commit()


def _dropped(session: Session) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "emergency_template.approval_dropped")
            .order_by(col(AuditEvent.id))
        ).all()
    )


class NoRender:
    """The issue must be refused before anything is read aloud."""

    def voice_for(self, region: str) -> tuple[str, str | None]:
        return ("espeak", None)

    def render(self, session, text, *, region, engine, voice, lexicon):  # pragma: no cover
        raise AssertionError(f"rendered {text!r} with {dict(lexicon)!r}")


@pytest.mark.parametrize(
    ("term", "why"),
    [
        ("sơ tán", "an option"),
        ("bão số", "its text"),
        ("Ngọc Bình", "a place it may name"),
        ("Ấp Thạnh", "a place of another commune it may name (a province's template)"),
        ("12", "a number a slot may read"),
        ("cấp", "the words of its wind slot"),
    ],
)
def test_a_lexicon_edit_that_reaches_it_sends_the_template_back(demo, now, term, why) -> None:
    session = demo
    storm = _storm(session)
    assert em.is_usable(storm, lexicon=services.lexicon(session))
    _edit(session, now, term, "ở yên trong nhà")
    session.expire_all()
    storm = _storm(session)
    assert storm.state == TemplateState.SUBMITTED, why
    assert storm.approval_fingerprint is None and storm.approved_by is None
    [event] = _dropped(session)
    assert event.object_id == str(storm.id) and event.detail["term"] == term
    assert event.actor_id == _user(session, "quantri").id
    assert event.detail["reason_vi"] == f"từ điển phát âm thay đổi: “{term}” → “ở yên trong nhà”"
    assert em.dropped_approval(session, storm) == {
        **event.detail,
        "at": event.at,
        "actor_id": event.actor_id,
    }
    assert em.issuable_templates(session, _user(session, "chutich")) == []
    ngoc_chuc = session.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
    with pytest.raises(WorkflowError) as refused:
        em.issue_from_template(
            session,
            actor=_user(session, "chutich"),
            template_id=storm.id or 0,
            slots={},
            area_ids=[ngoc_chuc.id],
            repeats=1,
            gap_s=0,
            expires_in_min=30,
            now=now,
            renderer=NoRender(),
            signer=None,  # type: ignore[arg-type]  # refused before it signs
        )
    assert refused.value.code == "template_not_approved"
    assert f"“{term}” → “ở yên trong nhà”" in refused.value.reason_vi
    assert "chưa có gì được phát" in refused.value.reason_vi

    # The reviewer approves it again: bound to the new entry, issuable again.
    em.approve_template(
        session,
        actor=_user(session, "congan"),
        template_id=storm.id or 0,
        voice=("espeak", None),
        now=now,
    )
    session.commit()
    assert em.is_usable(storm, lexicon=services.lexicon(session))
    assert em.dropped_approval(session, storm) is None
    assert em.issuable_templates(session, _user(session, "chutich")) == [storm]


@pytest.mark.parametrize("term", ["Zalo", "ở yên", "Hà Nội"])
def test_an_edit_of_a_term_it_cannot_read_leaves_it_approved(demo, now, term) -> None:
    session = demo
    _edit(session, now, term, "một cách đọc khác")
    session.expire_all()
    storm = _storm(session)
    assert storm.state == TemplateState.APPROVED
    assert em.is_usable(storm, lexicon=services.lexicon(session))
    assert _dropped(session) == []


def test_deleting_an_entry_its_words_use_sends_it_back(demo, now) -> None:
    session = demo
    _edit(session, now, "sơ tán", "sơ tán")  # an entry equal to the word: still a new binding
    storm = _storm(session)
    assert storm.state == TemplateState.SUBMITTED
    em.approve_template(
        session,
        actor=_user(session, "congan"),
        template_id=storm.id or 0,
        voice=("espeak", None),
        now=now,
    )
    session.commit()
    services.delete_lexicon_entry(
        session,
        actor=_user(session, "quantri"),
        term="sơ tán",
        now=now,
        builtin={},
        renders=RecordedRenders(),
    )
    session.commit()
    assert _storm(session).state == TemplateState.SUBMITTED
    assert [e.detail["reason_vi"] for e in _dropped(session)][-1] == (
        "từ điển phát âm thay đổi: xóa “sơ tán”"
    )


def test_an_approval_given_before_the_binding_stays_usable_until_an_edit_reaches_it(
    demo, now
) -> None:
    """An upgrade takes no approved template off the air: the fingerprint of an approval given
    before the lexicon was part of it is still honoured, and the next edit of its words sends it
    back for approval (which binds it)."""
    session = demo
    storm = _storm(session)
    storm.approval_fingerprint = em._legacy_fingerprint(
        text=storm.text,
        slots=list(storm.slots),
        region=storm.voice_region,
        engine="espeak",
        voice=None,
    )
    session.add(storm)
    session.commit()
    assert em.is_usable(storm, lexicon={"bão": "anything"})
    _edit(session, now, "Zalo", "da-lô")
    assert _storm(session).state == TemplateState.APPROVED
    _edit(session, now, "bà con", "mọi người")
    assert _storm(session).state == TemplateState.SUBMITTED


def test_an_approved_template_no_longer_bound_may_be_approved_again(demo, now) -> None:
    """A row changed behind the panel's back (no lexicon edit through the panel): it reads as
    changed since its approval, and the reviewer may approve it as it is now."""
    session = demo
    session.add(LexiconEntry(term="bà con", spoken="mọi người", updated_at=now))
    session.commit()
    storm = _storm(session)
    assert storm.state == TemplateState.APPROVED
    assert not em.is_usable(storm, lexicon=services.lexicon(session))
    em.approve_template(
        session,
        actor=_user(session, "congan"),
        template_id=storm.id or 0,
        voice=("espeak", None),
        now=now,
    )
    session.commit()
    assert em.is_usable(storm, lexicon=services.lexicon(session))
    with pytest.raises(WorkflowError):  # approved and bound: nothing to approve
        em.approve_template(
            session,
            actor=_user(session, "congan"),
            template_id=storm.id or 0,
            voice=("espeak", None),
            now=now,
        )


def test_an_edit_landing_while_an_issue_reads_never_plays_the_unapproved_reading(
    demo, engine, now, monkeypatch
) -> None:
    """The storm is being issued when the admin's edit commits, between the issue's first read
    of the template and its read of the lexicon (each read sees what is committed, on SQLite
    as on PostgreSQL). The issue reads the template's row again after the lexicon: it finds
    it waiting, and says why — it does not read the place otherwise, unapproved."""
    session = demo
    storm = _storm(session)
    chutich = _user(session, "chutich")
    ngoc_chuc = session.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
    place = session.exec(select(Area).where(Area.name == "Ấp Ngọc Bình")).one()
    real = services.lexicon
    landed: list[bool] = []

    def lexicon_after_the_edit(s: Session) -> dict[str, str]:
        if not landed:  # the admin's request commits on its own connection, once
            landed.append(True)
            with Session(engine) as other:
                _edit(other, now, "Ngọc Bình", "Ngọc Chúc")
        return real(s)

    monkeypatch.setattr(em.services, "lexicon", lexicon_after_the_edit)
    with pytest.raises(WorkflowError) as refused:
        em.issue_from_template(
            session,
            actor=chutich,
            template_id=storm.id or 0,
            slots={
                "bao": 3,
                "gio": "12",
                "gio_den": "14:30",
                "ngay": now.date().isoformat(),
                "noi": place.id,
                "viec": "không ra khơi",
            },
            area_ids=[ngoc_chuc.id],
            repeats=1,
            gap_s=0,
            expires_in_min=30,
            now=now,
            renderer=NoRender(),
            signer=None,  # type: ignore[arg-type]  # refused before it signs
        )
    assert landed == [True]
    assert "“Ngọc Bình” → “Ngọc Chúc”" in refused.value.reason_vi

"""Security review 15 (docs/security.md 35): what the fourteenth review's binding of an emergency
template's approval to the lexicon left open, tried over HTTP with the real render.

1. An upgrade of the built-in lexicon or abbreviation data that reads a template's words
   otherwise sends it back for approval (the issuer is told why, nothing is read with the new
   reading); an upgrade that reads none of its words otherwise leaves it on the air.
2. A lexicon entry saved as the words were read already (equal to the built-in reading), or
   removed back to it, sends nothing back; a changed reading does.
3. The reviewers who may approve a template that went back see it on their review queue with
   the reason, and the return is in the audit log.

The tests over HTTP run on SQLite and on PostgreSQL (``db_backend``). The upgrade is simulated as the code would ship it: the built-in data the panel reads
(``tts.lexicon.DEFAULT_LEXICON``, the curated abbreviation rows) changed under the running
panel, which also renders with it."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
from sqlmodel import col, select

from content_library import emergency as em
from content_library.emergency_models import Emergency, EmergencyTemplate, TemplateState
from content_library.models import AuditEvent
from tts import abbreviations
from tts.lexicon import DEFAULT_LEXICON

from .test_emergency import _issue, _template

UPGRADED_VI = (
    "từ điển phát âm thay đổi (phần có sẵn, do nâng cấp phần mềm): “sơ tán” → “ở yên trong nhà”"
)


def _text(r) -> str:
    return html.unescape(r.text)


def _state(db, tid: int) -> str:
    db.expire_all()
    template = db.get(EmergencyTemplate, tid)
    assert template is not None
    return template.state


def _events(db, tid: int, action: str) -> list[AuditEvent]:
    db.expire_all()
    return list(
        db.exec(
            select(AuditEvent)
            .where(AuditEvent.action == action, AuditEvent.object_id == str(tid))
            .order_by(col(AuditEvent.id))
        ).all()
    )


def _count(db) -> int:
    db.expire_all()
    return len(db.exec(select(Emergency)).all())


def _approve(panel, tid: int) -> None:
    rev = panel("congan")
    page = rev.get(f"/emergencies/templates/{tid}").text
    engine = re.search(r'name="engine" value="([^"]*)"', page)
    voice = re.search(r'name="voice" value="([^"]*)"', page)
    assert engine and voice, "no approve form on the page"
    r = rev.post(
        f"/emergencies/templates/{tid}/approve",
        {"engine": engine.group(1), "voice": voice.group(1)},
    )
    assert r.status_code == 303, _text(r)[:300]


def _queue_item(page: str, tid: int) -> str:
    """The review queue's entry of template ``tid`` ("" when it is not listed)."""
    m = re.search(rf'<li class="item" id="template-{tid}">(.*?)</li>', page, re.S)
    return html.unescape(m.group(1)) if m else ""


def test_an_upgrade_that_reads_its_words_otherwise_sends_it_back(
    db_backend, issuers, panel, db, clock, monkeypatch
) -> None:
    areas = issuers
    tid = _template(panel, areas)
    issuer = panel("chutich")

    # An upgrade that reads none of its words otherwise (a new built-in entry, another
    # abbreviation's rows): still approved, issued without a second approval.
    monkeypatch.setitem(DEFAULT_LEXICON, "Zalo OA", "da-lô ô-a")
    rows = dict(abbreviations.curated())
    monkeypatch.setattr(abbreviations, "curated", lambda: {**rows, "KTXH": ()})
    r = _issue(issuer, tid, areas, clock)
    assert r.status_code == 303, _text(r)[:400]
    assert _state(db, tid) == TemplateState.APPROVED
    assert _events(db, tid, "emergency_template.approval_dropped") == []

    # The next release reads "sơ tán" (evacuate) as "ở yên trong nhà" (stay at home) by
    # default. The police approved "sơ tán": the issue is refused, saying why.
    monkeypatch.setitem(DEFAULT_LEXICON, "sơ tán", "ở yên trong nhà")
    before = _count(db)
    r = _issue(issuer, tid, areas, clock)
    assert r.status_code == 409
    said = _text(r)
    assert UPGRADED_VI in said and "chờ duyệt lại" in said and "chưa có gì được phát" in said
    assert _count(db) == before
    assert _state(db, tid) == TemplateState.SUBMITTED

    # Audited once, with no actor (the upgrade did it), the reason and the approval it ended.
    [event] = _events(db, tid, "emergency_template.approval_dropped")
    assert event.actor_id is None
    assert event.detail["reason_vi"] == UPGRADED_VI
    assert event.detail["approved_by"] is not None and event.detail["fingerprint"]

    # The reviewers who may approve it find it waiting on their queue, with the reason.
    item = _queue_item(panel("congan").get("/review").text, tid)
    assert "Bão khẩn cấp" in item and f'href="/emergencies/templates/{tid}"' in item
    assert UPGRADED_VI[:1].upper() + UPGRADED_VI[1:] in item
    # Not another commune's reviewer, nor an issuer.
    assert _queue_item(panel("congan_tl").get("/review").text, tid) == ""

    # Approved again, it reads the new default, and is issued.
    _approve(panel, tid)
    assert _state(db, tid) == TemplateState.APPROVED
    r = _issue(issuer, tid, areas, clock)
    assert r.status_code == 303, _text(r)[:400]
    assert _queue_item(panel("congan").get("/review").text, tid) == ""


def test_a_changed_context_rule_of_a_curated_abbreviation_is_a_changed_reading(
    db_backend, issuers, panel, db, clock, monkeypatch
) -> None:
    """The curated rows of an abbreviation its text uses are bound with their context rules:
    a new rule that reads it otherwise where it stands sends the template back."""
    areas = issuers
    r = panel("doanvien").post(
        "/emergencies/templates/new",
        {
            "name": "Cháy rừng",
            "area_id": str(areas["Ngọc Chúc"].id),
            "text": "UBND xã yêu cầu bà con ở {noi} {viec}.",
            "slots": "noi | place | Nơi\nviec | choice | Việc | sơ tán; ở yên trong nhà",
            "voice_region": "south",
        },
    )
    assert r.status_code == 303, _text(r)[:300]
    tid = int(r.headers["location"].rsplit("/", 1)[1])
    _approve(panel, tid)
    assert _state(db, tid) == TemplateState.APPROVED

    rows = dict(abbreviations.curated())
    assert "UBND" in rows or "UBND" in DEFAULT_LEXICON
    monkeypatch.delitem(DEFAULT_LEXICON, "UBND", raising=False)
    moved = SimpleNamespace(
        expansion="Ủy ban nhân dân", before=None, after=re.compile(r"\s*xã"), warn=False
    )
    monkeypatch.setattr(abbreviations, "curated", lambda: {**rows, "UBND": (moved,)})
    page = panel("congan").get("/review").text
    assert _state(db, tid) == TemplateState.SUBMITTED
    assert "“UBND” → “Ủy ban nhân dân ⟨⟩⟨" in _queue_item(page, tid)


def test_an_entry_saved_as_the_words_were_read_sends_nothing_back(
    db_backend, issuers, panel, db, clock, monkeypatch
) -> None:
    areas = issuers
    # The code reads "bà con" as "bà con cô bác" (a built-in entry) when it is approved.
    monkeypatch.setitem(DEFAULT_LEXICON, "bà con", "bà con cô bác")
    tid = _template(panel, areas)
    admin = panel("quantri")

    # An admin saves the built-in reading as an entry of the panel, then removes it: the words
    # read the same throughout, nothing goes back for approval.
    r = admin.post("/admin/lexicon", {"term": "bà con", "spoken": "bà con cô bác"})
    assert r.status_code == 303, _text(r)[:300]
    assert _state(db, tid) == TemplateState.APPROVED
    r = admin.post("/admin/lexicon", {"term": "bà con", "spoken": "bà con cô bác"})  # again
    assert r.status_code == 303, _text(r)[:300]
    r = admin.post("/admin/lexicon/delete", {"term": "bà con"})
    assert r.status_code == 303, _text(r)[:300]
    assert _state(db, tid) == TemplateState.APPROVED
    assert _events(db, tid, "emergency_template.approval_dropped") == []
    r = _issue(panel("chutich"), tid, areas, clock)
    assert r.status_code == 303, _text(r)[:400]

    # A reading that changes what is said does send it back, and the reviewer is told.
    r = admin.post("/admin/lexicon", {"term": "bà con", "spoken": "mọi người"})
    assert r.status_code == 303, _text(r)[:300]
    assert _state(db, tid) == TemplateState.SUBMITTED
    [event] = _events(db, tid, "emergency_template.approval_dropped")
    assert event.detail["reason_vi"] == "từ điển phát âm thay đổi: “bà con” → “mọi người”"
    item = _queue_item(panel("congan").get("/review").text, tid)
    assert "Từ điển phát âm thay đổi: “bà con” → “mọi người”" in item

    # Approved with the entry; the entry saved again unchanged sends nothing back, and the
    # entry removed (back to the built-in "bà con cô bác") is a changed reading.
    _approve(panel, tid)
    r = admin.post("/admin/lexicon", {"term": "bà con", "spoken": "mọi người"})
    assert r.status_code == 303
    assert _state(db, tid) == TemplateState.APPROVED
    r = admin.post("/admin/lexicon/delete", {"term": "bà con"})
    assert r.status_code == 303
    assert _state(db, tid) == TemplateState.SUBMITTED


def test_an_approval_from_before_is_bound_to_the_built_in_readings_without_going_back(
    db_backend, issuers, panel, db, clock, monkeypatch
) -> None:
    """An approval given before this review (version 2: no built-in readings) stays on the
    air after the upgrade that brings the binding: the panel binds it to the readings of the
    code it runs (audited), and from then on an upgrade that reads it otherwise sends it back."""
    areas = issuers
    tid = _template(panel, areas, approver=None)
    db.expire_all()
    template = db.get(EmergencyTemplate, tid)
    assert template is not None
    template.state = TemplateState.APPROVED
    template.voice_engine, template.voice_name = "espeak", None
    template.approval_fingerprint = em.template_fingerprint(
        text=template.text,
        slots=list(template.slots),
        region=template.voice_region,
        engine="espeak",
        voice=None,
        lexicon={},
    )
    db.add(template)
    db.commit()

    old = template.approval_fingerprint
    page = panel("chutich").get("/emergencies").text
    assert f"template_id={tid}" in page  # still issuable
    assert _state(db, tid) == TemplateState.APPROVED
    db.expire_all()
    rebound = db.get(EmergencyTemplate, tid)
    assert rebound is not None and rebound.approval_fingerprint != old
    assert rebound.approval_readings["rebound_from"] == old
    assert "sơ tán" not in rebound.approval_readings["readings"]
    assert _events(db, tid, "emergency_template.approval_dropped") == []

    monkeypatch.setitem(DEFAULT_LEXICON, "sơ tán", "ở yên trong nhà")
    item = _queue_item(panel("congan").get("/review").text, tid)
    assert UPGRADED_VI[:1].upper() + UPGRADED_VI[1:] in item
    assert _state(db, tid) == TemplateState.SUBMITTED


def test_the_built_in_readings_keep_only_what_is_read() -> None:
    """A row's source and its "check" mark are not readings: changing them changes nothing a
    template is bound to; an expansion or a context rule does."""
    row = SimpleNamespace(expansion="Ủy ban nhân dân", before=None, after=None, warn=False)
    same = SimpleNamespace(
        expansion="Ủy ban nhân dân", before=None, after=None, warn=True, source="khác"
    )
    ruled = SimpleNamespace(
        expansion="Ủy ban nhân dân", before=re.compile("xã"), after=None, warn=False
    )
    base = em.Builtin.from_data(lexicon={}, abbreviations={"UBND": (row,)})
    assert base.readings == {"UBND": "Ủy ban nhân dân"}
    assert em.Builtin.from_data(lexicon={}, abbreviations={"UBND": (same,)}) == base
    assert em.Builtin.from_data(lexicon={}, abbreviations={"UBND": (ruled,)}) != base
    # The built-in lexicon wins over the rows, as in the normalizer.
    over = em.Builtin.from_data(lexicon={"UBND": "u bê en đê"}, abbreviations={"UBND": (row,)})
    assert over.readings == {"UBND": "u bê en đê"}


@pytest.mark.parametrize(
    ("stored", "builtin", "same"),
    [
        ({}, {"UBND": "Ủy ban nhân dân"}, True),
        ({"UBND": "Ủy ban nhân dân"}, {"UBND": "Ủy ban nhân dân"}, True),  # equal entry
        ({"UBND": "ủy ban"}, {"UBND": "Ủy ban nhân dân"}, False),
        ({}, {"UBND": "Ủy ban nhân dân", "Zalo": "da-lô"}, True),  # a term it does not use
        ({}, {"UBND": "Ủy ban"}, False),
        ({}, {"UBND": "Ủy ban nhân dân", "TĐ-KT": "x"}, False),  # "TĐ – KT" in its text
    ],
)
def test_the_reading_fingerprint_moves_with_what_its_words_are_read_as(
    stored, builtin, same
) -> None:
    text = "UBND xã và Hội đồng TĐ – KT đề nghị bà con {viec}."
    slots = [{"name": "viec", "type": "choice", "label": "Việc", "options": ["sơ tán", "ở nhà"]}]

    def fp(lexicon, readings) -> str:
        return em.reading_fingerprint(
            text=text,
            slots=slots,
            region="south",
            engine="espeak",
            voice=None,
            lexicon=lexicon,
            builtin=em.Builtin(readings=readings),
        )

    approved = fp({}, {"UBND": "Ủy ban nhân dân"})
    assert (fp(stored, builtin) == approved) is same

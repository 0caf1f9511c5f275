"""An approved emergency template and the pronunciation lexicon, over HTTP with everything real
(docs/security.md 34): the espeak-ng render, the signed bundle and its audio. A lexicon edit of
a term the template reads sends it back for approval — the issuer told why, nothing read with
the new entry; an edit of a term it does not read changes nothing; the reviewer's new approval
reads the new entry, and the entry removed and approved again reads exactly the first audio."""

from __future__ import annotations

import html
import re

from sqlmodel import col, select

from content_library.emergency import bundle_path
from content_library.emergency_models import Emergency, EmergencyTemplate, TemplateState
from content_library.models import AuditEvent, User
from protocol.bundle import verify_bundle

from .conftest import password_for
from .test_emergency import _issue, _template, _trusted

DROPPED_VI = "từ điển phát âm thay đổi: “sơ tán” → “ở yên trong nhà”"


def _text(r) -> str:
    return html.unescape(r.text)


def _issued(issuer, tid, areas, clock, db, settings) -> tuple[str, bytes]:
    """Issue the template with the same slots; (the approved WAV's sha256, the audio the signed
    bundle carries to the units, as verified by a unit)."""
    r = _issue(issuer, tid, areas, clock)
    assert r.status_code == 303, _text(r)[:400]
    db.expire_all()
    em = db.get(Emergency, r.headers["location"].rsplit("/", 1)[1])
    assert em is not None and em.audio_sha256 and em.bundle_id
    vb = verify_bundle(
        bundle_path(settings.outbox_dir, em.bundle_id),
        trusted_keys=_trusted(settings),
        now=clock.now,
        unit_id="ngoc-chuc-01",
        unit_areas=[str(areas["An Giang"].id), str(areas["Ngọc Chúc"].id)],
    )
    [item] = vb.manifest.items
    assert item.approval.id == f"template-{tid}"
    return em.audio_sha256, vb.read_audio(item.audio_sha256)


def _approve_again(panel, tid) -> str:
    """The reviewer opens the template page and approves it; returns the page they read."""
    rev = panel("congan")
    page = rev.get(f"/emergencies/templates/{tid}")
    engine = re.search(r'name="engine" value="([^"]*)"', page.text)
    voice = re.search(r'name="voice" value="([^"]*)"', page.text)
    assert engine and voice, "no approve form on the page"
    r = rev.post(
        f"/emergencies/templates/{tid}/approve",
        {"engine": engine.group(1), "voice": voice.group(1)},
    )
    assert r.status_code == 303, _text(r)[:400]
    return _text(page)


def _dropped(db, tid: int) -> list[AuditEvent]:
    """The template's approvals dropped by lexicon edits (the demo's storm template too reads
    "sơ tán": it has its own)."""
    db.expire_all()
    return list(
        db.exec(
            select(AuditEvent)
            .where(
                AuditEvent.action == "emergency_template.approval_dropped",
                AuditEvent.object_id == str(tid),
            )
            .order_by(col(AuditEvent.id))
        ).all()
    )


def _count(db) -> int:
    db.expire_all()
    return len(db.exec(select(Emergency)).all())


def test_the_issued_audio_changes_only_with_a_new_approval(
    issuers, panel, db, clock, settings, client
) -> None:
    areas = issuers
    tid = _template(panel, areas)
    issuer, admin = panel("chutich"), panel("quantri")
    approved = _issued(issuer, tid, areas, clock, db, settings)
    assert _issued(issuer, tid, areas, clock, db, settings) == approved  # deterministic

    # A term the template does not read: still approved, the same audio to the byte.
    r = admin.post("/admin/lexicon", {"term": "Zalo", "spoken": "da lô"})
    assert r.status_code == 303, _text(r)[:300]
    assert _issued(issuer, tid, areas, clock, db, settings) == approved

    # The issuer has the form open (a storm coming) when an admin saves "sơ tán" → "ở yên
    # trong nhà". The issue is refused, saying why and what to do; nothing is read with it.
    form = issuer.get(f"/emergencies/new?template_id={tid}")
    assert form.status_code == 200
    r = admin.post("/admin/lexicon", {"term": "sơ tán", "spoken": "ở yên trong nhà"})
    assert r.status_code == 303, _text(r)[:300]
    before = _count(db)
    r = _issue(issuer, tid, areas, clock)
    assert r.status_code == 409
    said = _text(r)
    assert "chờ duyệt lại" in said and DROPPED_VI in said and "chưa có gì được phát" in said
    assert "người thẩm duyệt" in said and "tin khẩn cấp tự soạn" in said
    assert 'href="/emergencies/free"' in r.text  # the other way in, one tap away
    assert _count(db) == before
    # The API says the same, with a code a client can act on.
    token = client.post(
        "/api/v1/token", json={"username": "chutich", "password": password_for("chutich")}
    ).json()["access_token"]
    r = client.post(
        "/api/v1/emergencies",
        json={
            "template_id": tid,
            "slots": {"bao": 3},
            "area_ids": [areas["Ngọc Chúc"].id],
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 409 and r.json()["code"] == "template_not_approved"
    assert DROPPED_VI in r.json()["reason_vi"]
    assert _count(db) == before

    # Audited, by the admin who saved the entry; the templates page lists it as waiting.
    db.expire_all()
    [event] = _dropped(db, tid)
    quantri = db.exec(select(User).where(User.username == "quantri")).one()
    assert event.object_id == str(tid) and event.actor_id == quantri.id
    assert event.detail["reason_vi"] == DROPPED_VI
    template = db.get(EmergencyTemplate, tid)
    assert template is not None and template.state == TemplateState.SUBMITTED

    # The reviewer's page says why, and which entries the approval covers.
    page = _approve_again(panel, tid)
    assert "Phê duyệt của mẫu đã bị gỡ" in page and DROPPED_VI in page
    assert "Đọc theo các mục từ điển phát âm sau" in page
    assert "“sơ tán” → “ở yên trong nhà”" in page
    heard = _issued(issuer, tid, areas, clock, db, settings)
    assert heard[0] != approved[0] and heard[1] != approved[1]  # it reads the new entry now

    # The entry removed: back to review once more; approved again, the first audio exactly.
    r = admin.post("/admin/lexicon/delete", {"term": "sơ tán"})
    assert r.status_code == 303, _text(r)[:300]
    assert _issue(issuer, tid, areas, clock).status_code == 409
    _approve_again(panel, tid)
    assert _issued(issuer, tid, areas, clock, db, settings) == approved
    db.expire_all()
    reasons = [e.detail["reason_vi"] for e in _dropped(db, tid)]
    assert reasons == [DROPPED_VI, "từ điển phát âm thay đổi: xóa “sơ tán”"]


def test_a_place_name_read_otherwise_sends_the_template_back(issuers, panel, db, clock) -> None:
    """A place slot's value was never heard by the reviewer, but the reviewer approved "a place
    of the area read by its name": an entry that reads a place of the template's area otherwise
    ("Ngọc Bình" → "Ngọc Chúc", the evacuation sent elsewhere) sends it back too."""
    areas = issuers
    tid = _template(panel, areas)
    r = panel("quantri").post("/admin/lexicon", {"term": "Ngọc Bình", "spoken": "Ngọc Chúc"})
    assert r.status_code == 303
    r = _issue(panel("chutich"), tid, areas, clock)
    assert r.status_code == 409 and "“Ngọc Bình” → “Ngọc Chúc”" in _text(r)
    page = panel("quantri").get("/emergencies/templates")
    assert page.status_code == 200

"""Publishing: schedule + approved renders → a signed bundle a unit accepts and can plan."""

from __future__ import annotations

import io
from datetime import timedelta

import numpy as np
import pytest
import soundfile as sf
from sqlmodel import select

from content_library import publishing, services
from content_library.assets import AssetStore
from content_library.demo import seed_demo
from content_library.errors import PermissionDenied, ValidationError
from content_library.models import Area, AuditEvent, Publication, Schedule, Topic, User
from content_library.ports import RecordedRenders
from protocol.bundle import verify_bundle
from protocol.keys import generate_keypair, key_id
from scheduler.plan import plan_from_manifest


@pytest.fixture
def setup(session, tmp_path, now):
    seed_demo(
        session,
        now=now,
        passwords=dict.fromkeys(("doanvien", "congan", "daixa", "quantri"), "mk-demo-123"),
    )
    users = {u.username: u for u in session.exec(select(User)).all()}
    area = session.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
    topic = session.exec(select(Topic).where(Topic.code == "MA-TUY")).one()
    store = AssetStore(tmp_path / "assets")
    session.flush()
    return users, area, topic, store


def _rendered(session, store, users, area, topic, now, *, approve=True):
    v = services.create_script(
        session,
        actor=users["doanvien"],
        title="Phòng chống ma túy",
        topic_id=topic.id,
        area_id=area.id,
        text="Nói không với ma túy.",
        valid_until=now + timedelta(days=60),
        now=now,
    )
    buf = io.BytesIO()
    sf.write(
        buf,
        (0.2 * np.sin(np.arange(48000) / 48000 * 2 * np.pi * 300)).astype("float32"),
        48000,
        format="WAV",
        subtype="PCM_16",
    )
    sha, _ = store.put_bytes(buf.getvalue())
    services.submit(
        session, actor=users["doanvien"], version_id=v.id, now=now, renders=RecordedRenders()
    )
    v.render_status, v.render_sha256 = "done", sha  # as the render service leaves a finished render
    session.add(v)
    if approve:
        services.approve(session, actor=users["congan"], version_id=v.id, now=now, audio_sha256=sha)
    return v


def _schedule(session, users, area, versions):
    body = {
        "format": 1,
        "rules": [
            {
                "kind": "daily",
                "times": ["06:30", "17:00"],
                "weekdays": [0, 1, 2, 3, 4, 5, 6],
                "item_ids": [publishing.item_id(v.id) for v in versions],
            }
        ],
    }
    sch = Schedule(
        name="Lịch tuần",
        target_kind="unit",
        target_id="ngoc-chuc-01",
        area_id=area.id,
        body=body,
        version_ids=[v.id for v in versions],
        updated_by=users["daixa"].id,
    )
    session.add(sch)
    session.flush()
    return sch


def test_publish_builds_a_bundle_the_unit_accepts(session, setup, tmp_path, now):
    users, area, topic, store = setup
    v = _rendered(session, store, users, area, topic, now)
    sch = _schedule(session, users, area, [v])
    priv, pub = generate_keypair()
    record, path = publishing.publish(
        session,
        actor=users["daixa"],
        schedule_id=sch.id,
        signing_key=priv,
        store=store,
        out_dir=tmp_path / "out",
        now=now,
    )
    session.commit()  # the file takes its name when its row is committed (issue 12, item 10)
    verified = verify_bundle(path, trusted_keys={key_id(pub): pub}, now=now + timedelta(hours=1))
    item = verified.manifest.items[0]
    assert item.audio_sha256 == v.render_sha256
    assert item.approval is not None and item.approval.reviewer == "Trần Thị Bình"
    assert verified.manifest.target.units == ("ngoc-chuc-01",)
    plan = plan_from_manifest(verified.manifest, start=now, hours=24)
    assert [e.start.strftime("%d %H:%M") for e in plan.entries] == ["20 17:00", "21 06:30"]
    assert record.sequence == 1


def test_sequence_grows(session, setup, tmp_path, now):
    users, area, topic, store = setup
    v = _rendered(session, store, users, area, topic, now)
    sch = _schedule(session, users, area, [v])
    priv, _ = generate_keypair()
    a, _ = publishing.publish(
        session,
        actor=users["daixa"],
        schedule_id=sch.id,
        signing_key=priv,
        store=store,
        out_dir=tmp_path,
        now=now,
    )
    b, _ = publishing.publish(
        session,
        actor=users["daixa"],
        schedule_id=sch.id,
        signing_key=priv,
        store=store,
        out_dir=tmp_path,
        now=now + timedelta(minutes=1),
    )
    assert b.sequence == a.sequence + 1
    assert len(session.exec(select(Publication)).all()) == 2


def test_unapproved_or_rebound_audio_is_refused(session, setup, tmp_path, now):
    users, area, topic, store = setup
    pending = _rendered(session, store, users, area, topic, now, approve=False)
    priv, _ = generate_keypair()
    sch = _schedule(session, users, area, [pending])
    with pytest.raises(ValidationError, match="not approved"):
        publishing.publish(
            session,
            actor=users["daixa"],
            schedule_id=sch.id,
            signing_key=priv,
            store=store,
            out_dir=tmp_path,
            now=now,
        )
    approved = _rendered(session, store, users, area, topic, now)
    approved.render_sha256 = "0" * 64  # the audio changed after approval
    sch2 = _schedule(session, users, area, [approved])
    with pytest.raises(ValidationError, match="rendered audio"):
        publishing.publish(
            session,
            actor=users["daixa"],
            schedule_id=sch2.id,
            signing_key=priv,
            store=store,
            out_dir=tmp_path,
            now=now,
        )
    assert session.exec(select(Publication)).all() == []


def test_only_operators_publish(session, setup, tmp_path, now):
    users, area, topic, store = setup
    v = _rendered(session, store, users, area, topic, now)
    sch = _schedule(session, users, area, [v])
    priv, _ = generate_keypair()
    with pytest.raises(PermissionDenied):
        publishing.publish(
            session,
            actor=users["doanvien"],
            schedule_id=sch.id,
            signing_key=priv,
            store=store,
            out_dir=tmp_path,
            now=now,
        )


def test_a_renaming_draft_does_not_relabel_the_approved_version(session, setup, tmp_path, now):
    """The title is part of the version: a writer who saves a new draft under another title
    renames the script's label, but the approved audio still goes on air, into the as-run
    log and the reports, under the title the reviewer approved (until the draft is approved)."""
    users, area, topic, store = setup
    v1 = _rendered(session, store, users, area, topic, now)
    v2 = services.new_version(
        session,
        actor=users["doanvien"],
        script_id=v1.script_id,
        text=v1.text,
        title="  Bản tin mới  ",
        now=now + timedelta(minutes=5),
    )
    assert (v1.title, v2.title) == ("Phòng chống ma túy", "Bản tin mới")
    script = services.find_version(session, v1.id)[1]
    assert script.title == "Bản tin mới"  # the label of the newest version
    edit = session.exec(select(AuditEvent).where(AuditEvent.action == "script.edit")).one()
    assert edit.detail["title"] == "Bản tin mới"

    sch = _schedule(session, users, area, [v1])
    priv, pub = generate_keypair()
    _, path = publishing.publish(
        session,
        actor=users["daixa"],
        schedule_id=sch.id,
        signing_key=priv,
        store=store,
        out_dir=tmp_path / "out",
        now=now + timedelta(minutes=10),
    )
    session.commit()
    verified = verify_bundle(path, trusted_keys={key_id(pub): pub}, now=now + timedelta(hours=1))
    assert [i.title for i in verified.manifest.items] == ["Phòng chống ma túy"]

    # A refusal names the version by its own title too.
    with pytest.raises(ValidationError) as refused:
        publishing.approved_item(session, store, v2, now=now + timedelta(minutes=10))
    assert "“Bản tin mới” (phiên bản 2)" in refused.value.reason_vi

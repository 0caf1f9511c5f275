"""`make run`'s simulated unit: what the panel publishes for it is loaded, played and logged."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
import soundfile as sf
from sqlmodel import Session, select

from content_library import publishing, services
from content_library.assets import AssetStore
from content_library.db import make_engine, upgrade_to_head
from content_library.demo import DEMO_UNIT_ID, seed_demo
from content_library.models import Area, Schedule, Topic, User
from content_library.ports import RecordedRenders
from loa.cli_server import demo_unit, outbox_dir, panel_signing_key
from playout.asrun import AsRunLog
from web.settings import Settings

pytestmark = pytest.mark.slow

PASSWORDS = dict.fromkeys(("doanvien", "congan", "daixa", "quantri"), "mk-demo-123")


def _wait_for(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    return predicate()


@pytest.fixture
def panel(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data",
        secret_key="k" * 32,
        environment="development",
        argon2_time_cost=1,
        argon2_memory_cost=8,
    )
    settings.data_dir.mkdir(parents=True)
    engine = make_engine(settings.db_url)
    upgrade_to_head(engine)
    yield settings, engine
    engine.dispose()


def _publish_one_broadcast(settings, engine, *, at: datetime, target_kind: str, target_id) -> None:
    """An approved 1-second item scheduled once at `at`, published the way the panel does."""
    now = datetime.now(UTC)
    store = AssetStore(settings.assets_dir)
    with Session(engine) as session:
        seed_demo(session, now=now, passwords=PASSWORDS)
        users = {u.username: u for u in session.exec(select(User)).all()}
        area = session.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
        topic = session.exec(select(Topic).where(Topic.code == "MA-TUY")).one()
        v = services.create_script(
            session,
            actor=users["doanvien"],
            title="Phòng chống ma túy",
            topic_id=topic.id,
            area_id=area.id,
            text="Nói không với ma túy.",
            valid_until=now + timedelta(days=30),
            now=now,
        )
        buf = io.BytesIO()
        tone = 0.2 * np.sin(np.arange(48000) / 48000 * 2 * np.pi * 440)
        sf.write(buf, tone.astype("float32"), 48000, format="WAV", subtype="PCM_16")
        services.submit(
            session, actor=users["doanvien"], version_id=v.id, now=now, renders=RecordedRenders()
        )
        v.render_status = "done"  # as the render service leaves a finished render
        v.render_sha256, _ = store.put_bytes(buf.getvalue())
        services.approve(
            session, actor=users["congan"], version_id=v.id, now=now, audio_sha256=v.render_sha256
        )
        # The broadcast is a few seconds from the real now, whatever the hour: the schedule
        # has no quiet hours (the default 22:00–05:00 would hold it back at night). This test
        # is about panel → unit → as-run; quiet hours are tested in tests/scheduler.
        body = {
            "format": 1,
            "rules": [
                {"kind": "once", "at": at.isoformat(), "item_ids": [publishing.item_id(v.id)]}
            ],
            "policy": {"quiet_hours": None},
        }
        target = area.id if target_kind == "area" else target_id
        sch = Schedule(
            name="Thử",
            target_kind=target_kind,
            target_id=str(target),
            area_id=area.id,
            body=body,
            version_ids=[v.id],
            updated_by=users["daixa"].id,
        )
        session.add(sch)
        session.flush()
        publishing.publish(
            session,
            actor=users["daixa"],
            schedule_id=sch.id,
            signing_key=panel_signing_key(settings),
            store=store,
            out_dir=outbox_dir(settings),
            now=now,
        )
        session.commit()


def _finished(settings):
    with AsRunLog(
        settings.data_dir / "unit" / "state" / "asrun.sqlite3", unit_key=None, unit_id=DEMO_UNIT_ID
    ) as log:
        return [e for e in log.entries() if e.kind == "finished"]


@pytest.mark.parametrize("target_kind", ["unit", "area"])
def test_the_demo_unit_plays_what_the_panel_publishes(panel, target_kind):
    settings, engine = panel
    with Session(engine) as session:
        seed_demo(session, now=datetime.now(UTC), passwords=PASSWORDS)
        session.commit()
    with demo_unit(settings, engine):
        at = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=6)
        _publish_one_broadcast(
            settings, engine, at=at, target_kind=target_kind, target_id=DEMO_UNIT_ID
        )
        played_dir = settings.data_dir / "unit" / "played"
        wavs = _wait_for(lambda: sorted(played_dir.glob("*.wav")), timeout=40)
        assert wavs, "the unit wrote no WAV of what it played"
        finished = _wait_for(lambda: _finished(settings), timeout=20)
    assert len(wavs) == 1
    data, rate = sf.read(wavs[0])
    assert rate == 48000 and len(data) >= 48000 * 0.9
    assert len(finished) == 1 and finished[0].fields["item"].startswith("v")


def test_the_demo_unit_enrols_and_syncs_with_the_panel_over_the_protocol(panel):
    """`make run`: the unit pulls what the panel publishes and pushes heartbeats and its
    as-run log over the unit protocol, so they appear on the devices dashboard."""
    import socket
    import threading

    import uvicorn

    from content_library.models import AsRunRecord, Unit
    from web.app import create_app

    settings, engine = panel
    with Session(engine) as session:
        seed_demo(session, now=datetime.now(UTC), passwords=PASSWORDS)
        session.commit()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        # the unit watches another folder than the one the panel publishes into: the bundle
        # can only reach it over HTTP
        unit_side = Settings(
            data_dir=settings.data_dir,
            secret_key=settings.secret_key,
            environment="development",
            outbox=settings.data_dir / "usb",
        )
        with demo_unit(unit_side, engine, port=port):

            def enrolled():
                with Session(engine) as session:
                    unit = session.get(Unit, DEMO_UNIT_ID)
                    return unit is not None and unit.enrolled_at and unit.last_seen_at

            # publish once the unit talks to the panel: on a loaded machine enrolment alone
            # can take longer than the lead below, and a bundle that arrives after its slot
            # is logged as missed, not played
            assert _wait_for(enrolled, timeout=60), "the demo unit never enrolled"
            at = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=8)
            _publish_one_broadcast(
                settings, engine, at=at, target_kind="unit", target_id=DEMO_UNIT_ID
            )

            def synced():
                with Session(engine) as session:
                    unit = session.get(Unit, DEMO_UNIT_ID)
                    rows = session.exec(
                        select(AsRunRecord).where(
                            AsRunRecord.unit_id == DEMO_UNIT_ID, AsRunRecord.kind == "finished"
                        )
                    ).all()
                    return (unit, rows) if rows and unit.last_seen_at else None

            found = _wait_for(synced, timeout=60)
            if not found:
                with Session(engine) as session:
                    kinds = session.exec(
                        select(AsRunRecord.kind).where(AsRunRecord.unit_id == DEMO_UNIT_ID)
                    ).all()
                raise AssertionError(
                    f"the unit's finished broadcast never reached the panel (as-run: {kinds})"
                )
            unit, rows = found
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert unit.public_key and unit.enrolled_at is not None
    assert unit.bundle_sequence == 1 and unit.last_heartbeat.get("clock_trusted") is True
    assert len(rows) == 1 and rows[0].item_id.startswith("v") and rows[0].duration_s > 0.9
    assert list((settings.data_dir / "outbox").glob("*.loa"))  # published on the panel side...
    assert not list((settings.data_dir / "usb").glob("*.loa"))  # ...and nothing came by folder

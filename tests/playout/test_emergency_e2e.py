"""End to end, with the real panel on a real socket (uvicorn in a thread): an issuer issues
an emergency through the API (a template approved once, rendered by espeak-ng, signed once
for the commune), the unit's sync client pulls and verifies it, the daemon (SimClock at the
real time, the simulated card) plays its repeats, and the panel counts the unit's "played"
confirmation; then a stop cuts a second emergency at once and the panel hears "stopped"."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from content_library import emergency, security, services
from content_library import sync as sync_core
from content_library.db import make_engine, upgrade_to_head
from content_library.demo import DEMO_UNIT_ID, seed_demo
from content_library.models import Area, Unit, User
from content_library.signing import load_or_create_private_key
from content_library.types import Role
from hardware.clock import SimClock
from playout.store import BundleStore
from playout.sync_client import SyncClient
from protocol.keys import public_key_line

from .conftest import VN
from .conftest import Unit as SimUnit

TEXT = "Bão số {bao} đang vào. Bà con {viec}."
SLOTS = "bao | storm | Số hiệu bão\nviec | choice | Việc cần làm | sơ tán; không ra khơi"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def panel(tmp_path):
    import uvicorn

    from web.app import create_app
    from web.settings import Settings

    security.configure(time_cost=1, memory_cost=8, parallelism=1)
    db = tmp_path / "panel" / "loa.sqlite3"
    db.parent.mkdir()
    engine = make_engine(f"sqlite:///{db}")
    upgrade_to_head(engine)
    with Session(engine) as s:
        seed_demo(s, now=datetime.now(UTC), passwords={})
        s.commit()
    settings = Settings(
        data_dir=tmp_path / "panel",
        database_url=f"sqlite:///{db}",
        secret_key="test-secret-key-not-for-production-0123456789",
        environment="test",
        argon2_time_cost=1,
        argon2_memory_cost=8,
    )
    app = create_app(settings, engine=engine)
    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(400):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started
    srv.base_url = f"http://127.0.0.1:{port}"
    srv.engine, srv.settings, srv.app = engine, settings, app
    yield srv
    srv.should_exit = True
    thread.join(10)
    engine.dispose()


def _http(panel, method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(panel.base_url + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def _world(panel):
    """An issuer for Ngọc Chúc, a template approved once by the reviewer; (template id, the
    demo unit's area ids as the bundle names them)."""
    from web.services.render import service_of

    with Session(panel.engine) as s:
        areas = {a.name: a for a in s.exec(select(Area)).all()}
        now = datetime.now(UTC)
        issuer = services.create_user(
            s,
            actor=None,
            username="truongcongan",
            password="matkhau-truongcongan",
            full_name="Trưởng Công an xã",
            roles=[(Role.ISSUER.value, areas["Ngọc Chúc"].id)],
            now=now,
        )
        template = emergency.create_template(
            s,
            actor=issuer,
            name="Bão",
            area_id=areas["Ngọc Chúc"].id,
            text=TEXT,
            slots=emergency.parse_slot_lines(SLOTS),
            voice_region="south",
            now=now,
        )
        s.flush()
        reviewer = s.exec(select(User).where(User.username == "congan")).one()
        emergency.approve_template(
            s,
            actor=reviewer,
            template_id=template.id,
            voice=service_of(panel.app).config.voice_for("south"),
            now=now,
        )
        unit = s.get(Unit, DEMO_UNIT_ID)
        area = s.get(Area, unit.area_id)
        unit_areas = sorted({p for p in area.path.split("/") if p} | {str(unit.area_id)})
        code = sync_core.issue_enrol_code(s, DEMO_UNIT_ID, now)
        s.commit()
        return template.id, areas["Ngọc Chúc"].id, unit_areas, code


def _unit(panel, kit, pin_factory, unit_areas):
    key = load_or_create_private_key(panel.settings.signing_key_path)
    pub_file = kit.tmp / "panel.pub"
    pub_file.write_text(public_key_line(key.public_key()) + "\n")
    clock = SimClock(datetime.now(VN), monotonic=1000.0)
    data = kit.config_dict(
        unit={"id": DEMO_UNIT_ID, "areas": unit_areas, "trusted_keys": [str(pub_file)]}
    )
    from playout.config import parse_config

    config = parse_config(data, base_dir=kit.tmp, source="test.toml")
    unit = SimUnit(kit, clock, pin_factory, config)
    store = BundleStore(
        kit.state_dir,
        trusted_keys=config.load_trusted_keys(),
        unit_id=DEMO_UNIT_ID,
        unit_areas=unit_areas,
        clock=clock,
    )
    client = SyncClient(panel.base_url, DEMO_UNIT_ID, kit.unit_priv, kit.state_dir, store=store)
    return unit, client, clock


def _issue(panel, token, tid, area_id, *, repeats, gap_s):
    status, body = _http(
        panel,
        "POST",
        "/api/v1/emergencies",
        {
            "template_id": tid,
            "slots": {"bao": 3, "viec": "sơ tán"},
            "area_ids": [area_id],
            "repeats": repeats,
            "gap_s": gap_s,
            "expires_in_min": 30,
        },
        token,
    )
    assert status == 201, body
    return body["id"]


def test_issue_pull_play_confirm_then_stop(panel, kit, pin_factory):
    tid, area_id, unit_areas, code = _world(panel)
    unit, client, _clock = _unit(panel, kit, pin_factory, unit_areas)
    client.enrol(code)
    status, body = _http(
        panel,
        "POST",
        "/api/v1/token",
        {"username": "truongcongan", "password": "matkhau-truongcongan"},
    )
    assert status == 200, body
    token = body["access_token"]

    eid = _issue(panel, token, tid, area_id, repeats=2, gap_s=1)
    client.wake("push")
    rep = client.poll_once()  # what run() does at once on a wake
    assert rep.emergencies == 1, (rep.errors, client.store.recent_imports())
    for _ in range(120):  # the rendered bulletin lasts a few seconds; two repeats
        unit.run(1.0)
        entry = client.store.emergencies()[0]
        if entry["state"] == "finished":
            break
    assert entry["state"] == "finished" and entry["played"] == 2
    plays = [r for r in unit.output.played if r.token[0].startswith(f"emergency:{eid}:")]
    assert len(plays) == 2
    assert client.send_confirmations() == 4
    status, st = _http(panel, "GET", f"/api/v1/emergencies/{eid}", token=token)
    assert status == 200 and st["played_confirmed"] == 1
    mine = next(u for u in st["units"] if u["unit_id"] == DEMO_UNIT_ID)
    assert mine["state"] != "waiting"

    # a second emergency, stopped while it plays
    eid2 = _issue(panel, token, tid, area_id, repeats=5, gap_s=1)
    assert client.poll_once().emergencies == 1
    for _ in range(200):
        unit.run(0.1)
        if any(k == "started" for k, f in unit.entries() if f.get("emergency_id") == eid2):
            break
    status, body = _http(panel, "POST", f"/api/v1/emergencies/{eid2}/stop", token=token)
    assert status == 200, body
    rep = client.poll_once()
    assert rep.emergencies == 1 and rep.errors == []
    assert rep.pushed > 0  # the as-run entries of the plays reached the panel too
    unit.run(0.5)
    [cut] = [r for r in unit.output.played if r.token[0].startswith(f"emergency:{eid2}:")]
    assert cut.outcome.value == "faded"
    unit.run(20)
    assert len([r for r in unit.output.played if r.token[0].startswith(f"emergency:{eid2}:")]) == 1
    client.send_confirmations()
    assert client.store.pending_confirmations() == []
    status, st = _http(panel, "GET", f"/api/v1/emergencies/{eid2}", token=token)
    assert st["state"] == "stopped"
    unit.stop()

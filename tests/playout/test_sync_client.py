"""The unit's sync client against the real panel on a real socket (uvicorn in a thread):
enrol, pull and import a signed bundle, push a real AsRunLog, heartbeats, and a download cut
mid-way that resumes from its .part file; `loa unit sync --once` and `loa unit enrol`."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from content_library import publishing, security
from content_library import sync as core
from content_library.db import make_engine, upgrade_to_head
from content_library.demo import DEMO_UNIT_ID, seed_demo
from content_library.models import AsRunRecord, Publication, Unit
from playout.asrun import AsRunLog
from playout.store import BundleStore
from playout.sync_client import SyncClient, SyncError

from .conftest import real_now


@pytest.fixture
def kit_t0():
    """The code under test reads the real clock, so the kit's bundles are dated from it."""
    return real_now()


UNIT = DEMO_UNIT_ID


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
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
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started
    srv.base_url = f"http://127.0.0.1:{port}"
    srv.engine = engine
    srv.settings = settings
    yield srv
    srv.should_exit = True
    thread.join(10)
    engine.dispose()


def _publish(server, path, sequence):
    data = path.read_bytes()
    with Session(server.engine) as s:
        pub = Publication(
            bundle_id=f"b{sequence}",
            target_kind="unit",
            target_id=UNIT,
            sequence=sequence,
            file_sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            issued_at=datetime.now(UTC),
            expires_at=datetime.now(UTC) + timedelta(days=7),
        )
        s.add(pub)
        s.commit()
        out = publishing.bundle_path(server.settings.outbox_dir, pub)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _code(server) -> str:
    with Session(server.engine) as s:
        code = core.issue_enrol_code(s, UNIT, datetime.now(UTC))
        s.commit()
    return code


class _Dropping(SyncClient):
    """Cuts the first bundle download after ``cut`` bytes (the link dropped)."""

    def __init__(self, *a, cut: int, **kw) -> None:
        super().__init__(*a, **kw)
        self.cut = cut
        self.ranges: list[str | None] = []

    def _request(self, method, path, body=b"", *, signed=True, headers=None):
        if path.endswith("/bundle"):
            self.ranges.append((headers or {}).get("Range"))
        status, h, resp = super()._request(method, path, body, signed=signed, headers=headers)
        if path.endswith("/bundle") and status == 200 and self.cut:
            cut, self.cut = self.cut, 0
            real = resp

            class Cut:
                left = cut

                def read(self, n=-1):
                    if self.left <= 0:
                        raise ConnectionResetError("link dropped")
                    data = real.read(min(n, self.left))
                    self.left -= len(data)
                    return data

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    real.close()

            return status, h, Cut()
        return status, h, resp


def _store(kit):
    return BundleStore(kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id=UNIT)


def test_enrol_pull_push_heartbeat_and_resume(server, kit):
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    bundle = kit.bundle(
        [kit.item("a", seconds=3.0), kit.item("b", seconds=2.0)], units=(UNIT,), sequence=4
    )
    sha = _publish(server, bundle, 4)
    log = AsRunLog(kit.state_dir / "asrun.sqlite3", unit_key=kit.unit_priv, unit_id=UNIT)
    for i in range(5):
        log.append("finished", item=f"v{i}", duration_played_us=1_000_000)
    client = _Dropping(
        server.base_url,
        UNIT,
        kit.unit_priv,
        kit.state_dir,
        store=_store(kit),
        asrun_path=kit.state_dir / "asrun.sqlite3",
        batch=2,
        cut=100_000,
    )

    # not enrolled yet: refused, nothing stored
    rep = client.poll_once()
    assert rep.errors and not rep.heartbeat
    with pytest.raises(SyncError):
        client.enrol("WRONG-CODE-0000")
    client.enrol(_code(server))

    rep = client.poll_once()  # heartbeat, 5 entries in 3 batches, then the download is cut
    assert rep.heartbeat and rep.pushed == 5 and rep.bundle == "none"
    assert any("bundle" in e for e in rep.errors)
    part = client.sync_dir / "bundle.part"
    assert part.stat().st_size == 100_000

    rep = client.poll_once()  # resumes from byte 100 000, verifies, imports
    assert rep.errors == [] and rep.bundle == "imported" and rep.bundle_sequence == 4
    assert client.ranges[-1] == "bytes=100000-"
    assert _store(kit).load_active().sequence == 4 and not part.exists()
    assert client.state()["bundle_etag"] == f'"{sha}"'

    rep = client.poll_once()  # nothing new: 304, nothing pushed
    assert rep.bundle == "unchanged" and rep.pushed == 0 and rep.duplicates == 0
    log.append("failed", item="v9", reason="mất điện")
    client.wake()
    rep = client.poll_once()
    assert rep.pushed == 1

    with Session(server.engine) as s:
        rows = s.exec(select(AsRunRecord).order_by(AsRunRecord.seq)).all()
        unit = s.get(Unit, UNIT)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.body for r in rows] == [e.body for e in log.entries()]
    assert unit.asrun_last_seq == 6 and unit.last_seen_at is not None
    assert unit.last_heartbeat["free_disk_bytes"] > 0 and unit.software_version
    assert unit.last_heartbeat["last_broadcast"]["seq"] == 6


def test_acknowledgement_lost_then_retried(server, kit):
    """The server stored a batch but the unit never heard back: the next poll learns the
    server's head from the heartbeat and sends only what is missing; nothing duplicates."""
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    log = AsRunLog(kit.state_dir / "asrun.sqlite3", unit_key=kit.unit_priv, unit_id=UNIT)
    for i in range(4):
        log.append("finished", item=f"v{i}")
    client = SyncClient(
        server.base_url,
        UNIT,
        kit.unit_priv,
        kit.state_dir,
        asrun_path=kit.state_dir / "asrun.sqlite3",
    )
    client.enrol(_code(server))
    client.push_asrun()
    client._save(asrun_acked_seq=1)  # as if the answers of the last batches were lost
    assert client.push_asrun() == (0, 3)  # re-sent: all duplicates
    client._save(asrun_acked_seq=0)
    rep = client.poll_once()  # the heartbeat says the server has 4
    assert rep.pushed == 0 and rep.duplicates == 0
    with Session(server.engine) as s:
        assert len(s.exec(select(AsRunRecord)).all()) == 4


def test_a_forged_acknowledgement_never_goes_beyond_the_units_own_log(server, kit, monkeypatch):
    """Over plain HTTP the panel's answers are not signed: a forged heartbeat or push answer
    claiming seq 10^9 is taken only as far as the unit's newest entry (and the batch sent), so
    the entries written next are still sent; the honest panel's next heartbeat, lower, has
    everything it lacks sent again."""
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    log = AsRunLog(kit.state_dir / "asrun.sqlite3", unit_key=kit.unit_priv, unit_id=UNIT)
    for i in range(3):
        log.append("finished", item=f"v{i}")
    client = SyncClient(
        server.base_url,
        UNIT,
        kit.unit_priv,
        kit.state_dir,
        asrun_path=kit.state_dir / "asrun.sqlite3",
        batch=2,
    )
    client.enrol(_code(server))
    honest = client._json_call
    forged = {"asrun_last_seq": 10**9, "last_seq": 10**9, "accepted": 2}
    monkeypatch.setattr(client, "_json_call", lambda path, payload: (200, dict(forged)))
    client.heartbeat()
    assert client.state()["asrun_acked_seq"] == 3  # not 10^9
    log.append("finished", item="v3")
    log.append("finished", item="v4")
    assert client.push_asrun() == (2, 0)  # what the forger "accepted": the first batch only
    assert client.state()["asrun_acked_seq"] == 5
    monkeypatch.setattr(client, "_json_call", honest)  # the attacker is gone
    rep = client.poll_once()
    assert rep.heartbeat and rep.pushed == 5
    with Session(server.engine) as s:
        assert len(s.exec(select(AsRunRecord)).all()) == 5


def test_cli_enrol_and_sync_once(server, kit, tmp_path):
    import tomllib  # noqa: F401 - the config below is TOML

    from loa.cli import main

    cfg = tmp_path / "unit.toml"
    cfg.write_text(
        f"""format = 1
[unit]
id = "{UNIT}"
trusted_keys = ["{kit.trusted_file}"]
key = "{kit.unit_key_file}"
state_dir = "{kit.state_dir}"
[audio]
backend = "sim"
[relays]
backend = "none"
[sync]
poll_s = 2
""",
        encoding="utf-8",
    )
    runner = CliRunner()
    r = runner.invoke(main, ["unit", "sync", "--once", "--config", str(cfg)])
    assert r.exit_code == 2 and "--server" in r.output
    r = runner.invoke(
        main,
        [
            "unit",
            "enrol",
            "--config",
            str(cfg),
            "--server",
            server.base_url,
            "--code",
            _code(server),
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["unit", "sync", "--once", "--config", str(cfg)])  # server remembered
    assert r.exit_code == 0, r.output
    assert "heartbeat: ok" in r.output
    with Session(server.engine) as s:
        assert s.get(Unit, UNIT).last_seen_at is not None


def test_demo_sync_enrols_and_syncs(server, kit):
    """loa.cli_sync.start_demo_sync: a code in the DB, enrolment over HTTP, then the loop."""
    from types import SimpleNamespace

    from loa.cli_sync import start_demo_sync

    config = kit.config(unit={"id": UNIT})
    config.state_dir.mkdir(parents=True, exist_ok=True)
    log = AsRunLog(config.asrun_path, unit_key=kit.unit_priv, unit_id=UNIT)
    log.append("finished", item="v1", duration_played_us=5_000_000)
    demo = start_demo_sync(
        server.settings,
        server.engine,
        SimpleNamespace(config=config),
        base_url=server.base_url,
        poll_s=0.2,
    )
    try:
        for _ in range(300):
            with Session(server.engine) as s:
                unit = s.get(Unit, UNIT)
                if unit.asrun_last_seq == 1 and unit.last_seen_at is not None:
                    break
            time.sleep(0.05)
        assert unit.public_key and unit.asrun_last_seq == 1 and unit.last_seen_at is not None
    finally:
        demo.stop()
    assert not demo.thread.is_alive()


def test_heartbeat_payload_reads_the_daemon_status(kit):
    import json

    kit.state_dir.mkdir(parents=True, exist_ok=True)
    (kit.state_dir / "status.json").write_text(
        json.dumps(
            {
                "v": 1,
                "state": "running",
                "clock": {"trusted": False, "source": "none"},
                "bundle": {"sequence": 9},
                "output_alive": True,
                "relays": {"amplifier": False},
                "last_error": "relay 2 stuck",
            }
        ),
        encoding="utf-8",
    )
    client = SyncClient(
        "http://127.0.0.1:9",
        UNIT,
        kit.unit_priv,
        kit.state_dir,
        status_provider=lambda: {"temperature_c": 41.5},
    )
    hb = client.heartbeat_payload()
    assert hb["clock_trusted"] is False and hb["bundle_sequence"] == 9 and hb["sound_ok"] is True
    assert hb["relays"] == {"amplifier": False} and hb["last_error"] == "relay 2 stuck"
    assert hb["temperature_c"] == 41.5 and hb["free_disk_bytes"] > 0
    rep = client.poll_once()  # nothing listens on port 9: one error, no exception
    assert rep.errors and not rep.heartbeat


class _Hostile:
    """A tiny HTTP server that answers the bundle URL with endless bytes, or with a
    Content-Length far over any bundle (and then endless bytes too)."""

    def __init__(self, *, declare: int | None) -> None:
        import http.server

        sent = self.sent = [0]

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):
                self.send_response(200)
                self.send_header("ETag", '"' + "0" * 64 + '"')
                if declare is not None:
                    self.send_header("Content-Length", str(declare))
                self.end_headers()
                block = b"\0" * 65536
                try:
                    while sent[0] < 256 * 1024**2:  # a safety stop for a broken client only
                        self.wfile.write(block)
                        sent[0] += len(block)
                except OSError:
                    pass  # the client hung up: what we want

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("declare", [None, 100 * 1024**3])
def test_a_bundle_download_is_cut_at_the_size_limit(kit, declare):
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    srv = _Hostile(declare=declare)
    cap = 1024 * 1024
    try:
        kwargs = {} if declare else {"max_bundle_bytes": cap}  # a declared size: the real limit
        client = SyncClient(
            srv.base_url,
            UNIT,
            kit.unit_priv,
            kit.state_dir,
            store=_store(kit),
            timeout_s=10,
            **kwargs,
        )
        started = time.monotonic()
        with pytest.raises(SyncError) as err:
            client.pull_bundle()
        assert time.monotonic() - started < 20
    finally:
        srv.close()
    assert err.value.code == "bundle_too_large"
    assert "larger than" in err.value.reason and "lớn hơn" in err.value.reason_vi
    assert not (client.sync_dir / "bundle.part").exists()
    assert client.state().get("part_etag") is None
    if declare:
        assert srv.sent[0] < 64 * 1024**2  # refused on the header, not after reading it all
    else:
        assert srv.sent[0] < cap + 64 * 1024**2


def test_heartbeat_reports_the_newest_emergency_accepted(kit):
    """The panel numbers its next emergency above what units report (a panel restored from an
    older backup would otherwise have its storm warning refused as a replay)."""
    from hardware.clock import SimClock
    from playout.store import BundleStore

    clock = SimClock(kit.t0, monotonic=1000.0)  # the kit's bundles are dated from it

    from .emergency_kit import emergency_bundle

    store = BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )
    client = SyncClient("http://127.0.0.1:9", UNIT, kit.unit_priv, kit.state_dir, store=store)
    assert "emergency_sequence" not in client.heartbeat_payload()  # none accepted yet
    bundle, _ = emergency_bundle(kit, sequence=7)
    assert store.import_bundle(bundle).status == "emergency"
    assert client.heartbeat_payload()["emergency_sequence"] == 7
    # a damaged state file: the heartbeat still goes, without the figure
    (kit.state_dir / "bundle-state.json").write_text("{not json", encoding="utf-8")
    hb = client.heartbeat_payload()
    assert "emergency_sequence" not in hb and hb["free_disk_bytes"] > 0

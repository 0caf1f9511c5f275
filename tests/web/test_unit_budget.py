"""A unit's daily budget of stored bytes (security 25, "Volume from one unit"): over it an as-run
upload is answered 429 with Retry-After, nothing of the batch is stored, the unit is flagged
over_budget once a day, and the next UTC day the backlog goes through. The count is one
UPDATE that holds the check: concurrent uploads cannot pass the budget together."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from content_library import sync as core
from content_library.models import Area, AsRunRecord, SyncFlag, Unit

from .test_sync_api import BASE, UNIT, _log, post


def _floor(entries) -> int:
    """Bytes a batch stores at the least, counted here from what it carries: each entry's
    body, signature and two hashes are stored as they are."""
    return sum(
        len(e["body"].encode()) + len(e["signature"]) + len(e["hash"]) + len(e["prev_hash"])
        for e in entries
    )


def _budget(app, value: int) -> None:
    app.state.settings = dataclasses.replace(app.state.settings, unit_daily_budget_bytes=value)


def _unit(db) -> Unit:
    db.expire_all()
    unit = db.get(Unit, UNIT)
    assert unit is not None
    return unit


def _flags(db, kind: str | None = None) -> list[SyncFlag]:
    db.expire_all()
    rows = db.exec(select(SyncFlag).where(SyncFlag.unit_id == UNIT)).all()
    return [f for f in rows if kind is None or f.kind == kind]


def _stored(db) -> list[int]:
    db.expire_all()
    rows = db.exec(select(AsRunRecord).where(AsRunRecord.unit_id == UNIT)).all()
    return sorted(r.seq for r in rows)


def _to_next_utc_day(now: datetime) -> int:
    now = now.astimezone(UTC)
    midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
    return int((midnight - now).total_seconds())


def test_under_budget_stores_normally_and_counts_the_day(http, key, clock, db, tmp_path):
    entries = _log(tmp_path, key, 5, clock)
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries})
    assert r.status_code == 200 and r.json()["accepted"] == 5
    assert _stored(db) == [1, 2, 3, 4, 5]
    unit = _unit(db)
    assert unit.asrun_budget_day == int(clock.now.timestamp()) // 86_400
    # at least the bytes of the entries themselves, and their flags (undelivered items)
    assert unit.asrun_budget_used >= _floor(entries) + sum(len(f.detail) for f in _flags(db))
    assert _flags(db, "over_budget") == []
    # the same batch again: only duplicates, nothing stored, nothing counted
    used = unit.asrun_budget_used
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries})
    assert r.status_code == 200 and r.json()["duplicates"] == 5
    assert _unit(db).asrun_budget_used == used


def test_over_budget_is_429_stores_nothing_and_flags_once_a_day(
    app, http, key, clock, db, tmp_path
):
    entries = _log(tmp_path, key, 15, clock)
    # room for a batch of five and not for two
    _budget(app, _floor(entries[:5]) * 3 // 2)
    assert post(http, key, clock, f"{BASE}/asrun", {"entries": entries[:5]}).status_code == 200
    used = _unit(db).asrun_budget_used
    flags_before = len(_flags(db))

    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries[5:10]})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) == _to_next_utc_day(clock.now)
    assert "budget" in r.json()["reason"] and "hạn mức" in r.json()["reason_vi"]
    assert _stored(db) == [1, 2, 3, 4, 5]
    assert _unit(db).asrun_budget_used == used
    assert _unit(db).asrun_last_seq == 5
    # the batch's own flags (undelivered items) are not stored either: one over_budget only
    assert len(_flags(db)) == flags_before + 1
    assert len(_flags(db, "over_budget")) == 1

    # retried, and a batch with a forged entry: refused alike, still one flag for the day
    clock.advance(minutes=10)
    forged = {**entries[6], "body": entries[6]["body"].replace('"v7"', '"v99"')}
    for batch in (entries[5:10], [entries[5], forged]):
        r = post(http, key, clock, f"{BASE}/asrun", {"entries": batch})
        assert r.status_code == 429 and r.headers["Retry-After"]
    assert _stored(db) == [1, 2, 3, 4, 5]
    assert len(_flags(db)) == flags_before + 1
    assert [f.kind for f in _flags(db)].count("forged") == 0

    # the next UTC day the unit's retry goes through; over again, a second day's flag
    clock.advance(seconds=_to_next_utc_day(clock.now))
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries[5:10]})
    assert r.status_code == 200 and r.json()["accepted"] == 5
    assert _stored(db) == list(range(1, 11))
    assert _unit(db).asrun_budget_day == int(clock.now.timestamp()) // 86_400
    assert post(http, key, clock, f"{BASE}/asrun", {"entries": entries[10:]}).status_code == 429
    assert len(_flags(db, "over_budget")) == 2


def test_a_backlog_after_weeks_offline_arrives_over_days(app, http, key, clock, db, tmp_path):
    entries = _log(tmp_path, key, 40, clock)
    _budget(app, _floor(entries[:5]) * 2)
    days, acked = 0, 0
    while acked < len(entries) and days < 40:
        batch = entries[acked : acked + 5]
        r = post(http, key, clock, f"{BASE}/asrun", {"entries": batch})
        if r.status_code == 429:  # as the unit does: keep the entries, try again later
            days += 1
            clock.advance(seconds=int(r.headers["Retry-After"]))
            continue
        assert r.status_code == 200, r.text
        acked = r.json()["last_seq"]
    assert _stored(db) == list(range(1, 41))
    assert days >= 2  # it took several days, and no day passed its budget by more than a batch
    assert len(_flags(db, "over_budget")) == days


def test_the_unit_keeps_refused_entries_and_sends_them_the_next_day(app, key, clock, db, tmp_path):
    """playout.sync_client against the panel: a 429 leaves the acknowledged seq where it was
    (nothing dropped, nothing acked); the next day's poll sends the rest."""
    from fastapi.testclient import TestClient

    from playout.asrun import AsRunLog
    from playout.sync_client import SyncClient, SyncError

    http = TestClient(app)

    class Client(SyncClient):
        def _request(self, method, path, body=b"", *, signed=True, headers=None):
            h = dict(headers or {})
            if body:
                h["Content-Type"] = "application/json"
            if signed:  # the panel's clock, not the machine's
                ts = int(clock.now.timestamp())
                h.update(core.sign_request(self.key, method, path, UNIT, body, timestamp=ts))
            r = http.request(method, path, content=body or None, headers=h)
            return r.status_code, dict(r.headers), r.content

    log_path = tmp_path / "unit-asrun.sqlite3"
    _log(tmp_path, key, 12, clock)  # the unit's log: 12 entries
    unit = Client("http://testserver", UNIT, key, tmp_path / "state", asrun_path=log_path, batch=5)
    _budget(app, 1)  # the first batch of a day only
    with pytest.raises(SyncError) as refused:
        unit.push_asrun()
    assert refused.value.status == 429
    assert unit.state()["asrun_acked_seq"] == 5 and _stored(db) == [1, 2, 3, 4, 5]
    with AsRunLog(log_path, unit_key=key, unit_id=UNIT) as log:
        assert [e.seq for e in log.entries()] == list(range(1, 13))  # nothing dropped
    clock.advance(days=1)
    with pytest.raises(SyncError):
        unit.push_asrun()
    assert unit.state()["asrun_acked_seq"] == 10
    clock.advance(days=1)
    assert unit.push_asrun() == (2, 0)
    assert _stored(db) == list(range(1, 13))


def test_concurrent_uploads_cannot_pass_the_budget(app, http, key, clock, db, tmp_path):
    """Threads upload at once through the real app (SQLite): the day's count never passes
    the budget, and it matches what was stored."""
    entries = _log(tmp_path, key, 40, clock)
    batches = [entries[i : i + 5] for i in range(0, 40, 5)]
    _budget(app, _floor(entries[:5]) * 3)
    assert post(http, key, clock, f"{BASE}/asrun", {"entries": batches[0]}).status_code == 200
    start = threading.Barrier(len(batches) - 1)
    answers: list[int] = []

    def upload(batch) -> None:
        start.wait()
        answers.append(post(http, key, clock, f"{BASE}/asrun", {"entries": batch}).status_code)

    threads = [threading.Thread(target=upload, args=(b,)) for b in batches[1:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    unit = _unit(db)
    assert 429 in answers
    assert unit.asrun_budget_used <= app.state.settings.unit_daily_budget_bytes
    db.expire_all()
    rows = db.exec(select(AsRunRecord).where(AsRunRecord.unit_id == UNIT)).all()
    row_bytes = sum(
        core.record_bytes({k: v for k, v in r.model_dump().items() if isinstance(v, str)})
        for r in rows
    )
    assert len(rows) >= 5 and row_bytes >= _floor(batches[0])
    flags = [f for f in _flags(db) if f.kind != "over_budget"]
    flag_bytes = sum(core.FLAG_ROW_BYTES + len(f.kind) + len(f.detail.encode()) for f in flags)
    assert unit.asrun_budget_used == row_bytes + flag_bytes
    assert len(_flags(db, "over_budget")) == 1


@pytest.fixture
def bare_unit(engine):
    with Session(engine) as s:
        area = Area(name="Ngọc Chúc", kind="commune", path="/")
        s.add(area)
        s.flush()
        assert area.id is not None
        s.add(Unit(id="u-budget", name="Cụm loa 1", area_id=area.id))
        s.commit()
    return "u-budget"


def test_the_count_is_one_update_workers_cannot_race(engine, db_backend, bare_unit):
    """Many workers (own sessions and connections, no in-process lock) charge at once: exactly
    as many as the budget holds succeed. Runs on PostgreSQL too when the suite has one."""
    now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    cost, budget, workers = 1000, 10_000, 24
    with Session(engine) as s:  # the day is open: the first-batch rule does not apply
        assert core._charge(s, bare_unit, cost, now, budget)
        s.commit()
    start = threading.Barrier(workers)
    won: list[bool] = []

    def charge() -> None:
        with Session(engine) as s:
            start.wait()
            ok = core._charge(s, bare_unit, cost, now, budget)
            s.commit()
            won.append(ok)

    threads = [threading.Thread(target=charge) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert won.count(True) == budget // cost - 1
    with Session(engine) as s:
        unit = s.get(Unit, bare_unit)
        assert unit is not None and unit.asrun_budget_used == budget
        # a new UTC day starts from nothing
        assert core._charge(s, bare_unit, cost, now + timedelta(days=1), budget)
        s.commit()
        s.refresh(unit)
        assert unit.asrun_budget_used == cost


def test_migration_0010_upgrades_a_panel_with_units(database_at, db_backend):
    """A panel at 0009 with units upgrades: each unit starts with an empty day and no flag."""
    from alembic import command
    from sqlalchemy import text

    eng, cfg = database_at("0009")
    with eng.begin() as conn:
        conn.execute(
            text("INSERT INTO area (name, kind, path) VALUES ('Ngọc Chúc', 'commune', '/1/')")
        )
        conn.execute(
            text(
                "INSERT INTO unit (id, name, area_id, kind, created_at, last_heartbeat, "
                "asrun_last_seq) VALUES ('u1', 'Cụm loa 1', 1, 'fixed', CURRENT_TIMESTAMP, "
                "'{}', 7)"
            )
        )
    command.upgrade(cfg, "head")
    with eng.connect() as conn:
        row = conn.execute(
            text(
                "SELECT id, asrun_last_seq, asrun_budget_day, asrun_budget_used, "
                "asrun_budget_flagged FROM unit"
            )
        ).one()
    assert tuple(row) == ("u1", 7, 0, 0, 0)
    command.downgrade(cfg, "0009")
    command.upgrade(cfg, "head")


def test_the_budget_is_read_from_the_environment(tmp_path, monkeypatch) -> None:
    from web.settings import Settings, SettingsError

    monkeypatch.setenv("LOA_ENV", "test")
    assert Settings.from_env(data_dir=tmp_path).unit_daily_budget_bytes == 16 * 1024 * 1024
    monkeypatch.setenv("LOA_UNIT_DAILY_BUDGET_BYTES", "2000000")
    assert Settings.from_env(data_dir=tmp_path).unit_daily_budget_bytes == 2_000_000
    for bad in ("0", "-5", str(2**31)):
        monkeypatch.setenv("LOA_UNIT_DAILY_BUDGET_BYTES", bad)
        with pytest.raises(SettingsError):
            Settings.from_env(data_dir=tmp_path)


def test_a_full_day_refuses_before_checking_a_signature(
    app, http, key, clock, db, tmp_path, monkeypatch
):
    """Once the day's bytes are used up no batch that stores anything can fit, so a unit
    re-sending its batch every poll costs the panel no signature checks until the next day."""
    entries = _log(tmp_path, key, 10, clock)
    _budget(app, _floor(entries[:5]) // 2)  # the day's first batch is taken, and fills it
    assert post(http, key, clock, f"{BASE}/asrun", {"entries": entries[:5]}).status_code == 200
    assert _unit(db).asrun_budget_used >= app.state.settings.unit_daily_budget_bytes

    checked: list[int] = []
    real = core.check_row
    monkeypatch.setattr(
        core, "check_row", lambda row, **kw: checked.append(row.seq) or real(row, **kw)
    )
    for _ in range(3):
        clock.advance(minutes=1)
        r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries[5:]})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert checked == []
    assert _stored(db) == [1, 2, 3, 4, 5] and len(_flags(db, "over_budget")) == 1

    clock.advance(seconds=_to_next_utc_day(clock.now))  # a new day: checked and stored
    r = post(http, key, clock, f"{BASE}/asrun", {"entries": entries[5:]})
    assert r.status_code == 200 and checked == [6, 7, 8, 9, 10]

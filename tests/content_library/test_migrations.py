"""Alembic upgrades an empty database to head, and head matches the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import content_library.models  # noqa: F401


def test_upgrade_empty_database_to_head(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_head_matches_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


@pytest.fixture(autouse=True)
def _every_backend(db_backend):
    """Run this module on SQLite and (in `make test`) on PostgreSQL."""


def test_upgrade_keeps_existing_rows(database_at):
    """A panel that already has units upgrades to head without losing them."""
    from alembic import command
    from sqlalchemy import text

    eng, cfg = database_at("0002")
    with eng.begin() as conn:
        conn.execute(
            text("INSERT INTO area (name, kind, path) VALUES ('Ngọc Chúc', 'commune', '/1/')")
        )
        conn.execute(
            text(
                "INSERT INTO unit (id, name, area_id, kind, created_at) "
                "VALUES ('u1', 'Cụm loa 1', 1, 'fixed', CURRENT_TIMESTAMP)"
            )
        )
    command.upgrade(cfg, "head")
    with eng.connect() as conn:
        row = conn.execute(text("SELECT id, asrun_last_seq FROM unit")).one()
    assert tuple(row) == ("u1", 0)


def test_upgrade_fills_the_emergency_sequence_from_stored_heartbeats(database_at):
    """0011 copies each unit's reported emergency_sequence from its stored heartbeat, with
    the checks the heartbeat applies (an integer in 0..2**31-1, anything else left NULL)."""
    import json

    from alembic import command
    from sqlalchemy import text

    eng, cfg = database_at("0010")
    beats = {
        "u1": {"emergency_sequence": 40},
        "u2": {"emergency_sequence": True},
        "u3": {"emergency_sequence": 2**31},
        "u4": {"emergency_sequence": "9"},
        "u5": {"bundle_sequence": 3},
    }
    with eng.begin() as conn:
        conn.execute(
            text("INSERT INTO area (name, kind, path) VALUES ('Ngọc Chúc', 'commune', '/1/')")
        )
        for unit_id, beat in beats.items():
            conn.execute(
                text(
                    "INSERT INTO unit (id, name, area_id, kind, created_at, last_heartbeat) "
                    "VALUES (:id, :id, 1, 'fixed', CURRENT_TIMESTAMP, :beat)"
                ),
                {"id": unit_id, "beat": json.dumps(beat)},
            )
    command.upgrade(cfg, "head")
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT id, emergency_sequence FROM unit ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        ("u1", 40),
        ("u2", None),
        ("u3", None),
        ("u4", None),
        ("u5", None),
    ]


def test_upgrade_gives_each_version_its_script_title(database_at):
    """0012 makes the title part of the version: existing versions take their script's title
    (what they went on air under until then), and the column is required afterwards."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    eng, cfg = database_at("0011")
    with eng.begin() as conn:
        conn.execute(
            text("INSERT INTO area (name, kind, path) VALUES ('Ngọc Chúc', 'commune', '/1/')")
        )
        conn.execute(text("INSERT INTO topic (code, name) VALUES ('ATGT', 'An toàn giao thông')"))
        conn.execute(
            text(
                'INSERT INTO "user" (username, password_hash, full_name, locale, is_active, created_at) '
                "VALUES ('tacgia', 'x', '', 'vi', true, CURRENT_TIMESTAMP)"
            )
        )
        for sid, title in ((1, "Đội mũ bảo hiểm"), (2, "Phòng chống đuối nước")):
            conn.execute(
                text(
                    "INSERT INTO script (id, title, topic_id, area_id, author_id, created_at) "
                    "VALUES (:id, :title, 1, 1, 1, CURRENT_TIMESTAMP)"
                ),
                {"id": sid, "title": title},
            )
        for vid, sid, number in ((1, 1, 1), (2, 1, 2), (3, 2, 1)):
            conn.execute(
                text(
                    "INSERT INTO scriptversion (id, script_id, number, kind, text, language, "
                    "voice_region, priority, created_by, created_at, state, render_status, "
                    "render_progress) VALUES (:id, :sid, :n, 'text', 'Nội dung.', 'vi', "
                    "'north', 'normal', 1, CURRENT_TIMESTAMP, 'draft', 'none', 0)"
                ),
                {"id": vid, "sid": sid, "n": number},
            )
    command.upgrade(cfg, "head")
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT id, title FROM scriptversion ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        (1, "Đội mũ bảo hiểm"),
        (2, "Đội mũ bảo hiểm"),
        (3, "Phòng chống đuối nước"),
    ]
    with pytest.raises(IntegrityError), eng.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO scriptversion (id, script_id, number, kind, language, voice_region, "
                "priority, created_by, created_at, state, render_status, render_progress) "
                "VALUES (4, 2, 2, 'text', 'vi', 'north', 'normal', 1, CURRENT_TIMESTAMP, "
                "'draft', 'none', 0)"
            )
        )


# One process of the race: imports first, waits for the start file, then upgrades; prints the
# outcome. Run with ``python -c`` so that it needs only the project on its path.
_UPGRADE_AT_ONCE = """
import os, sys, time
from content_library.db import make_engine, upgrade_to_head
engine = make_engine(sys.argv[1])
while not os.path.exists(sys.argv[2]):
    time.sleep(0.002)
try:
    upgrade_to_head(engine)
    print("ok")
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}"[:300])
"""


def test_panels_that_start_together_migrate_one_after_another(db_url, tmp_path):
    """Two hosts, or `loa db upgrade` beside `loa serve`, upgrading a new database at once:
    each ends at head, none fails on a table the other has just made."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from sqlalchemy import inspect, text

    from content_library.db import make_engine

    engine = make_engine(db_url)
    if db_url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    }
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _UPGRADE_AT_ONCE, db_url, str(go)],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    time.sleep(3)  # each has imported the project and waits (a late one only lowers the race)
    go.touch()
    outcomes = [p.communicate(timeout=120) for p in procs]
    assert [out.strip() for out, _err in outcomes] == ["ok", "ok", "ok"], outcomes
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()

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


def test_upgrade_keeps_existing_rows(db_url):
    """A panel that already has units upgrades to head without losing them."""
    from alembic import command
    from sqlalchemy import text

    from content_library.db import alembic_config, make_engine

    eng = make_engine(db_url)
    if db_url.startswith("postgresql"):
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    cfg = alembic_config(eng)
    command.upgrade(cfg, "0002")
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
    eng.dispose()


def _upgrade_at_once(db_url: str, start, results) -> None:
    from content_library.db import make_engine, upgrade_to_head

    engine = make_engine(db_url)
    start.wait()
    try:
        upgrade_to_head(engine)
        results.put("ok")
    except Exception as exc:  # the test reports what went wrong in the other process
        results.put(f"{type(exc).__name__}: {exc}"[:300])
    finally:
        engine.dispose()


def test_panels_that_start_together_migrate_one_after_another(db_url):
    """Two hosts, or `loa db upgrade` beside `loa serve`, upgrading a new database at once:
    each ends at head, none fails on a table the other has just made."""
    import multiprocessing

    from sqlalchemy import inspect, text

    from content_library.db import make_engine

    engine = make_engine(db_url)
    if db_url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    ctx = multiprocessing.get_context("spawn")  # Alembic's context is one per process
    start, results = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=_upgrade_at_once, args=(db_url, start, results)) for _ in "abc"]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert outcomes == ["ok", "ok", "ok"]
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()

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

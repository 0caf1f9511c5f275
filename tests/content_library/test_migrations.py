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

"""Alembic environment: runs against the engine the caller passes in (or LOA_DATABASE_URL)."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import content_library.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata

LOCK_KEY = 0x4C4F41_4D494752  # "LOA" "MIGR": the advisory lock that serializes migrations


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from content_library.db import make_engine

        engine = make_engine(os.environ["LOA_DATABASE_URL"])
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Panels that start together (several hosts, or `loa db upgrade` beside
                # `loa serve`) migrate one after another: the second finds head and does nothing.
                # Held until this transaction ends.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            context.run_migrations()
        connection.commit()


run_migrations_online()

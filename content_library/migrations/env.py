"""Alembic environment: runs against the engine the caller passes in (or LOA_DATABASE_URL)."""

from __future__ import annotations

import os

from alembic import context
from sqlmodel import SQLModel

import content_library.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


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
            context.run_migrations()
        connection.commit()


run_migrations_online()

"""Fixtures shared by every test package: a fixed Vietnamese `now` and a fresh migrated DB."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# The suite runs with the machine's TZ set elsewhere, so nothing may lean on local time.
os.environ.setdefault("TZ", "America/New_York")


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 20, 9, 30, tzinfo=VN)


@pytest.fixture
def engine(tmp_path):
    from content_library import security
    from content_library.db import make_engine, upgrade_to_head

    security.configure(time_cost=1, memory_cost=1024, parallelism=1)
    url = os.environ.get("LOA_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'loa.sqlite3'}"
    eng = make_engine(url)
    if url.startswith("postgresql"):
        _reset_postgres(eng)
    upgrade_to_head(eng)
    yield eng
    eng.dispose()


def _reset_postgres(eng) -> None:
    from sqlalchemy import text

    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))


@pytest.fixture
def session(engine):
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as s:
        yield s

"""Fixtures shared by every test package: a fixed Vietnamese `now` and a fresh migrated DB."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Property tests judge results, never speed: no per-example deadline (a loaded CI machine
# must not turn a slow example into a failure). They draw the same examples on every run
# (derandomize), so a clean clone's CI passes or fails on the code, not on the draw; to hunt
# for new counterexamples run them with LOA_HYPOTHESIS_EXPLORE=1 (random draws, and
# more of them where a test takes its count from the profile).
hypothesis_settings.register_profile("loa", deadline=None, derandomize=True)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=2000)
hypothesis_settings.load_profile("explore" if os.environ.get("LOA_HYPOTHESIS_EXPLORE") else "loa")
# The suite runs with the machine's TZ set elsewhere, so nothing may lean on local time.
os.environ.setdefault("TZ", "America/New_York")


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 20, 9, 30, tzinfo=VN)


def pytest_generate_tests(metafunc):
    # Tests that take `db_backend` run on SQLite, and on PostgreSQL too when `make test` started
    # one (LOA_TEST_POSTGRES_URL); the rest use SQLite only.
    if "db_backend" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if os.environ.get("LOA_TEST_POSTGRES_URL") else [])
        metafunc.parametrize("db_backend", backends)


@pytest.fixture
def db_url(request, tmp_path) -> str:
    backend = (
        request.getfixturevalue("db_backend") if "db_backend" in request.fixturenames else "sqlite"
    )
    if backend == "postgresql":
        return os.environ["LOA_TEST_POSTGRES_URL"]
    return f"sqlite:///{tmp_path / 'loa.sqlite3'}"


@pytest.fixture
def engine(db_url):
    from content_library import security
    from content_library.db import make_engine, upgrade_to_head

    security.configure(time_cost=1, memory_cost=1024, parallelism=1)
    url = db_url
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
def database_at(db_url):
    """``at(revision)``: a new database migrated only that far (an upgrade test fills it, then
    runs the rest), as its engine and Alembic config."""
    from alembic import command

    from content_library.db import alembic_config, make_engine

    engines = []

    def at(revision: str):
        eng = make_engine(db_url)
        engines.append(eng)
        if db_url.startswith("postgresql"):
            _reset_postgres(eng)
        cfg = alembic_config(eng)
        command.upgrade(cfg, revision)
        return eng, cfg

    yield at
    for eng in engines:
        eng.dispose()


@pytest.fixture
def session(engine):
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as s:
        yield s

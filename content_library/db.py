"""Database engine: an SQLite file in WAL mode by default, PostgreSQL when the URL says so.

SQLite files (the database, its -wal and -shm) are owner-only (0600): created so, and an older
file this process owns is narrowed when it is opened. ``busy_timeout_ms`` bounds how long a
statement waits for a lock (SQLite's busy timeout, PostgreSQL's lock_timeout), so a locked
database turns into an error the panel can answer with 503 instead of a hung request.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from content_library.security import narrow_to_owner

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def default_database_url(data_dir: str | os.PathLike[str]) -> str:
    """``LOA_DATABASE_URL`` wins; otherwise ``sqlite:///<data_dir>/loa.sqlite3``."""
    url = os.environ.get("LOA_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(data_dir).resolve() / 'loa.sqlite3'}"


def make_engine(url: str, *, echo: bool = False, busy_timeout_ms: int | None = None) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path is not None:
            _owner_only_file(path)
        # A file database keeps every connection of SQLAlchemy's default cap (5 + 10 overflow)
        # open: an overflow connection is closed when it is returned, and opening one again
        # costs the pragmas and the three chmods of on_connect (the sync path's busy minutes).
        pool = {"pool_size": 15, "max_overflow": 0} if path is not None else {}
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False}, **pool)
        timeout = 5000 if busy_timeout_ms is None else busy_timeout_ms

        def on_connect(dbapi_conn, _record) -> None:
            _sqlite_pragmas(dbapi_conn, busy_timeout_ms=timeout)
            if path is not None:
                for extra in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    narrow_to_owner(extra)

        event.listen(engine, "connect", on_connect)
    else:
        args = {"options": f"-c lock_timeout={busy_timeout_ms}"} if busy_timeout_ms else {}
        engine = create_engine(url, echo=echo, pool_pre_ping=True, connect_args=args)
    return engine


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for an in-memory database)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _owner_only_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would follow the umask: 0644);
    SQLite gives its -wal and -shm files the database file's mode."""
    if path.exists():
        narrow_to_owner(path)
        return
    if not path.parent.is_dir():
        return  # SQLite reports the missing folder itself
    try:
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except FileExistsError:  # another process created it meanwhile
        narrow_to_owner(path)
        return
    os.close(fd)  # an empty file is an empty SQLite database


def _sqlite_pragmas(dbapi_conn, *, busy_timeout_ms: int = 5000) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the panel read while a render or a sync writes; foreign keys are off by default.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cur.close()


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    """Apply every Alembic migration up to head (idempotent).

    Processes that start together migrate one after another; the later ones find head and do
    nothing. On PostgreSQL an advisory lock does it (in migrations/env.py, so the ``alembic``
    command takes it too); SQLite's DDL does not wait for another writer, so a lock file
    beside the database file does.
    """
    from alembic import command

    with _sqlite_migration_lock(engine):
        command.upgrade(alembic_config(engine), "head")


@contextmanager
def _sqlite_migration_lock(engine: Engine) -> Iterator[None]:
    path = sqlite_file(str(engine.url)) if engine.dialect.name == "sqlite" else None
    if path is None or not path.parent.is_dir():
        yield
        return
    lock = Path(f"{path}-migrate.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

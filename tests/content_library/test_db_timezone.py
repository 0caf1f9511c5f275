"""The database keeps instants as UTC whatever the PostgreSQL server's or the client's time zone.

A server installed on a machine set to Vietnam's time (Debian's initdb takes the machine's
zone), or a client with PGTZ set, must not move an instant: an as-run entry of 07:00 (VN) read
as 14:00 would count a month's first morning in the previous month. The columns are
`timestamp with time zone` (sqlmodel's UTCDateTime: aware in, UTC out); were one a plain
`timestamp`, PostgreSQL would store the session zone's wall clock. PGTZ here stands for such a
server: libpq sends it as the session's zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlmodel import Session, select

from content_library.db import make_engine, upgrade_to_head
from content_library.models import AuditEvent

from ..conftest import _reset_postgres

VN = timezone(timedelta(hours=7))


def test_an_instant_is_stored_and_read_as_utc_under_vietnams_zone(db_backend, db_url, monkeypatch):
    monkeypatch.setenv("PGTZ", "Asia/Ho_Chi_Minh")
    engine = make_engine(db_url)
    try:
        if db_backend == "postgresql":
            _reset_postgres(engine)
        upgrade_to_head(engine)
        at = datetime(2026, 12, 1, 0, 30, tzinfo=VN)  # 30/11 17:30 UTC: November's, in UTC
        with Session(engine) as s:
            s.add(AuditEvent(at=at, action="t", object_type="t", object_id="1"))
            s.commit()
        with Session(engine) as s:
            [stored] = s.exec(select(AuditEvent.at)).all()
        assert stored.replace(tzinfo=UTC) == at
        with Session(engine) as s:  # a query bound by an aware instant finds it on its side
            since = datetime(2026, 12, 1, tzinfo=VN)
            assert s.exec(select(AuditEvent).where(AuditEvent.at >= since)).all()
    finally:
        engine.dispose()


def test_every_instant_column_keeps_its_zone(db_backend, engine):
    """Every instant column of the migrated database holds a zone (PostgreSQL's
    `timestamp with time zone`), the models' and the migrations' alike."""
    from sqlalchemy import DateTime, inspect
    from sqlmodel import SQLModel

    naive = [
        f"{t.name}.{c.name}"
        for t in SQLModel.metadata.tables.values()
        for c in t.columns
        if isinstance(c.type, DateTime) and not c.type.timezone
    ]
    assert naive == []
    if db_backend == "postgresql":
        columns = [
            (t, c["name"], c["type"])
            for t in inspect(engine).get_table_names()
            for c in inspect(engine).get_columns(t)
            if "TIMESTAMP" in str(c["type"])
        ]
        assert len(columns) > 40
        assert [(t, c) for t, c, kind in columns if not kind.timezone] == []

"""Report benchmark: a province's year of as-run entries (1 000 000 rows) in a temp SQLite,
then time ``web.services.reports.build_report`` over it.

    python -m bench.report_load [--rows N] [--keep DIR] [--db-url URL]

Prints one JSON object on its last line: ``rows``, ``report_1m_rows_s`` (seconds for the
province's year report, tổng kết năm — the widest one: every row is in range), the month and
quarter reports beside it, and how long the load took. ``time_report_1m(db_url=None)`` and
``run()`` are importable, so the sync benchmark can call them and merge the result.
``--db-url`` (PostgreSQL) fills an empty database: it refuses one that already holds as-run rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from content_library.db import make_engine, upgrade_to_head
from content_library.models import Area, ReportTarget, Topic, Unit, require_id
from content_library.types import HO_CHI_MINH

VN = ZoneInfo(HO_CHI_MINH)
YEAR = 2026
NOW = datetime(YEAR + 1, 1, 5, 9, 0, tzinfo=VN)  # the year is over: targets are judged
TOPICS = [
    ("ANTT", "An ninh trật tự"),
    ("ATGT", "An toàn giao thông"),
    ("MA-TUY", "Phòng, chống ma túy"),
    ("PCCC", "Phòng cháy chữa cháy"),
    ("LUA-DAO", "Lừa đảo qua mạng"),
    ("THIEN-TAI", "Thiên tai"),
]
# Weighted like a real log: armed/started/finished per play, now and then a failure or a skip.
KINDS = ["armed"] * 2 + ["started"] * 3 + ["finished"] * 12 + ["failed", "skipped"]
REASONS = {
    "failed": ["output device lost", "amplifier relay fault", "audio hash mismatch"],
    "skipped": ["quiet hours", "clock not trusted", "pre-empted by emergency"],
}
SQLITE_FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime on SQLite (UTC here)


def _province(session: Session, *, districts: int, communes: int, villages: int) -> dict:
    """A province → districts → communes → villages tree, one fixed unit per commune and one
    mobile rig per district, the topics and a few targets."""

    def add(name: str, kind: str, parent: Area | None) -> Area:
        a = Area(name=name, kind=kind, parent_id=parent.id if parent else None)
        session.add(a)
        session.flush()
        a.path = (parent.path if parent else "/") + f"{a.id}/"
        return a

    province = add("Tỉnh Thử Nghiệm", "province", None)
    tree: dict[str, Any] = {"villages": [], "units": []}
    for d in range(districts):
        district = add(f"Huyện {d + 1}", "district", province)
        rig = Unit(
            id=f"rig-{d + 1:02d}",
            name=f"Loa di động {d + 1}",
            area_id=require_id(district),
            kind="mobile",
        )
        session.add(rig)
        rig_villages: list[int] = []
        for c in range(communes):
            commune = add(f"Xã {d + 1}.{c + 1}", "commune", district)
            vs = [add(f"Ấp {d + 1}.{c + 1}.{v + 1}", "village", commune) for v in range(villages)]
            unit = Unit(
                id=f"xa-{d + 1:02d}-{c + 1:02d}",
                name=f"Đài xã {d + 1}.{c + 1}",
                area_id=require_id(commune),
                kind="fixed",
            )
            session.add(unit)
            tree["units"].append((unit.id, [require_id(v) for v in vs], False))
            rig_villages.extend(require_id(v) for v in vs)
            tree["villages"].extend(require_id(v) for v in vs)
        tree["units"].append((rig.id, rig_villages, True))
    for code, name in TOPICS:
        session.add(Topic(code=code, name=name))
    session.flush()
    drug = session.exec(select(Topic).where(Topic.code == "MA-TUY")).one()
    session.add(
        ReportTarget(
            area_id=require_id(province), topic_id=drug.id, period="month", min_broadcasts=4
        )
    )
    session.add(
        ReportTarget(
            area_id=require_id(province),
            topic_id=None,
            period="year",
            min_broadcasts=500,
            min_minutes=600,
        )
    )
    session.add(
        ReportTarget(
            area_id=require_id(province), topic_id=drug.id, period="quarter", min_broadcasts=20
        )
    )
    session.commit()
    tree["province"] = require_id(province)
    return tree


def _rows(tree: dict, n: int, seed: int):
    """Yield ``n`` as-run rows spread over the year, each unit's seqs contiguous from 1."""
    rng = random.Random(seed)
    units = tree["units"]
    seqs = {uid: 0 for uid, _, _ in units}
    start = datetime(YEAR, 1, 1, tzinfo=VN).astimezone(UTC)
    span = (datetime(YEAR + 1, 1, 1, tzinfo=VN).astimezone(UTC) - start).total_seconds()
    step = span / n
    prev = "0" * 64
    received = datetime(YEAR + 1, 1, 2, tzinfo=UTC).strftime(SQLITE_FMT)
    for i in range(n):
        uid, villages, mobile = units[rng.randrange(len(units))]
        seqs[uid] += 1
        seq = seqs[uid]
        kind = KINDS[rng.randrange(len(KINDS))]
        area = villages[rng.randrange(len(villages))]
        topic = TOPICS[rng.randrange(len(TOPICS))][0]
        at = start + timedelta(seconds=i * step + rng.random() * step * 0.5)
        actual = at.strftime(SQLITE_FMT)
        duration = round(60 + rng.random() * 240, 3) if kind == "finished" else None
        reason = REASONS[kind][rng.randrange(3)] if kind in REASONS else None
        lat, lon = (
            (round(9.9 + rng.random() * 0.3, 6), round(105.2 + rng.random() * 0.3, 6))
            if mobile
            else (None, None)
        )
        entry_hash = hashlib.sha256(f"{uid}:{seq}".encode()).hexdigest()
        item = f"item-{topic.lower()}-{seq % 40}"
        body = (
            f'{{"actual_start_us":{int(at.timestamp() * 1e6)},"area_id":{area},"item":"{item}",'
            f'"kind":"{kind}","prev_hash":"{prev}","seq":{seq},"topic":"{topic}",'
            f'"unit_id":"{uid}","v":1}}'
        )
        yield (
            uid,
            seq,
            entry_hash,
            prev,
            kind,
            item,
            None,
            None,
            7,
            None,
            topic,
            area,
            actual,
            actual,
            duration,
            reason,
            lat,
            lon,
            body,
            "ab" * 64,
            received,
        )
        prev = entry_hash


INSERT = (
    "INSERT INTO asrunrecord (unit_id, seq, entry_hash, prev_hash, kind, item_id, audio_sha256, "
    "approval_id, bundle_sequence, script_version_id, topic_code, area_id, scheduled_start, "
    "actual_start, duration_s, reason, gps_lat, gps_lon, body, signature, received_at) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def load(
    path: Path,
    *,
    rows: int,
    seed: int = 20261120,
    districts: int = 2,
    communes: int = 10,
    villages: int = 5,
) -> dict:
    """Create the database at ``path`` and insert ``rows`` as-run rows; return the tree."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with Session(engine) as session:
        tree = _province(session, districts=districts, communes=communes, villages=villages)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    it = _rows(tree, rows, seed)
    with conn:
        while True:
            chunk = [r for _, r in zip(range(50_000), it, strict=False)]
            if not chunk:
                break
            conn.executemany(INSERT, chunk)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return tree


def load_url(
    url: str,
    *,
    rows: int,
    seed: int = 20261120,
    districts: int = 2,
    communes: int = 10,
    villages: int = 5,
) -> dict:
    """Fill an empty non-SQLite database (PostgreSQL: COPY) and return the tree."""
    from sqlalchemy import text

    engine = make_engine(url)
    upgrade_to_head(engine)
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM asrunrecord")).scalar_one():
                raise RuntimeError(
                    f"{url}: the database already holds as-run rows; give an empty one"
                )
        with Session(engine) as session:
            tree = _province(session, districts=districts, communes=communes, villages=villages)
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cols = INSERT[INSERT.index("(") + 1 : INSERT.index(")")]
            with cur.copy(f"COPY asrunrecord ({cols}) FROM STDIN") as copy:
                for r in _rows(tree, rows, seed):
                    r = list(r)
                    for i in (12, 13, 20):  # timestamps: the SQLite text is UTC
                        r[i] = r[i] + "+00"
                    copy.write_row(r)
            raw.commit()
            cur.execute("ANALYZE asrunrecord")
            raw.commit()
        finally:
            raw.close()
    finally:
        engine.dispose()
    return tree


def time_reports(path: Path | str, province_id: int) -> dict:
    from web.services.reports import build_report

    engine = make_engine(path if isinstance(path, str) else f"sqlite:///{path}")
    out = {}
    try:
        with Session(engine) as session:
            for key, period, start in (
                ("report_1m_rows_s", "year", date(YEAR, 1, 1)),
                ("report_quarter_s", "quarter", date(YEAR, 10, 1)),
                ("report_month_s", "month", date(YEAR, 12, 1)),
            ):
                t0 = time.perf_counter()
                report = build_report(
                    session, area_id=province_id, period=period, start=start, now=NOW
                )
                out[key] = round(time.perf_counter() - t0, 3)
                if period == "year":
                    out["year_broadcasts"] = report.totals.broadcasts
                    out["year_failures"] = report.totals.failures
                    out["target_rows"] = len(report.targets)
    finally:
        engine.dispose()
    return out


def run(
    rows: int = 1_000_000,
    *,
    keep: Path | None = None,
    seed: int = 20261120,
    db_url: str | None = None,
) -> dict:
    if db_url and not db_url.startswith("sqlite"):
        t0 = time.perf_counter()
        tree = load_url(db_url, rows=rows, seed=seed)
        load_s = time.perf_counter() - t0
        result = {
            "rows": rows,
            "backend": db_url.split(":", 1)[0],
            "load_s": round(load_s, 2),
            "insert_rows_per_s": round(rows / load_s) if load_s else None,
        }
        result.update(time_reports(db_url, tree["province"]))
        return result
    work = Path(tempfile.mkdtemp(prefix="loa-report-bench-"))
    if db_url:  # a SQLite file of the caller's: created afresh, left in place
        path = Path(db_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    else:
        path = (keep or work) / "report-bench.sqlite3"
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
    try:
        t0 = time.perf_counter()
        tree = load(path, rows=rows, seed=seed)
        load_s = time.perf_counter() - t0
        result = {
            "rows": rows,
            "backend": "sqlite",
            "load_s": round(load_s, 2),
            "insert_rows_per_s": round(rows / load_s) if load_s else None,
        }
        result.update(time_reports(path, tree["province"]))
        result["db_mb"] = round(path.stat().st_size / 1e6, 1)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def time_report_1m(db_url: str | None = None, *, rows: int = 1_000_000) -> float:
    """Seconds for a province's year report over ``rows`` as-run rows (default one million):
    a temp SQLite when ``db_url`` is None, else that (empty) database."""
    return run(rows, db_url=db_url)["report_1m_rows_s"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report_load", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the SQLite database in DIR")
    parser.add_argument(
        "--db-url", default=None, help="an empty PostgreSQL database to fill instead"
    )
    args = parser.parse_args(argv)
    result = run(args.rows, keep=args.keep, seed=args.seed, db_url=args.db_url)
    result["ok"] = result["report_1m_rows_s"] <= 2.0 if args.rows >= 1_000_000 else None
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sync load: N simulated units against the panel on a real socket.

The panel runs in its own process (uvicorn, SQLite in a temp dir, or PostgreSQL when
LOA_BENCH_POSTGRES_URL is set). Units are enrolled directly in the database (one Ed25519 key
each); one area publication serves them all. Each unit, ``--rounds`` times: a heartbeat, a
bundle poll (If-None-Match: 304 after the first download) and an as-run batch (``--batch``
signed, chained entries). Clients: asyncio + httpx.AsyncClient, ``--concurrency`` in flight.

Prints one JSON object: units, requests, rps, p50_ms, p99_ms, errors, report_1m_rows_s
(bench.report_load.time_report_1m; null with --skip-report or --quick), backend, workers, and
where the CPU went per request: the panel's processes, the database server's (PostgreSQL
backends, read from /proc) and this load generator's (it shares the machine).

``--workers N`` runs the panel as N uvicorn worker processes on one port (as
``loa serve --workers N``). ``--postgres URL`` (or LOA_BENCH_POSTGRES_URL) runs it on that
PostgreSQL database (its schema is dropped and made again) and also measures the
single-process SQLite figure, reported beside it as ``sqlite_1_worker``.

    python -m bench.sync_load                  # 1000 units, with the 1M-row report timing
    python -m bench.sync_load --quick          # 20 units, seconds (the smoke test)
    python -m bench.sync_load --workers 2 --postgres postgresql://loa:loa@127.0.0.1/loa_bench
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

SECRET = "bench-secret-key-not-for-production-0123456789"


ERROR_KINDS: Counter[str] = Counter()  # status code or exception name → count, for the report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(data_dir: Path, db_url: str):
    from web.settings import Settings

    return Settings(
        data_dir=data_dir,
        database_url=db_url,
        secret_key=SECRET,
        environment="test",
        argon2_time_cost=1,
        argon2_memory_cost=8,
    )


def serve(data_dir: Path, db_url: str, port: int, workers: int = 1) -> None:
    import uvicorn

    from web.app import create_app

    if workers > 1:
        os.environ["LOA_BENCH_DATA_DIR"] = str(data_dir)
        os.environ["LOA_BENCH_DB_URL"] = db_url
        uvicorn.run(
            "bench.sync_load:worker_app",
            factory=True,
            workers=workers,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
        )
        return
    app = create_app(_settings(data_dir, db_url))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def worker_app():
    """The app of one worker process (``--workers N``): the same settings as the parent's."""
    from web.app import create_app

    return create_app(
        _settings(Path(os.environ["LOA_BENCH_DATA_DIR"]), os.environ["LOA_BENCH_DB_URL"])
    )


def prepare(data_dir: Path, db_url: str, units: int, rounds: int, batch: int):
    """Units with keys and pre-built as-run chains; one area bundle in the outbox."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy import text
    from sqlmodel import Session

    from content_library import publishing
    from content_library.db import make_engine, upgrade_to_head
    from content_library.models import Area, Publication, Unit, require_id
    from protocol.asrun_chain import DOMAIN, GENESIS_HASH
    from protocol.canonical import canonical_text as canonical_json
    from protocol.keys import public_key_line

    engine = make_engine(db_url)
    if db_url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade_to_head(engine)
    now = datetime.now(UTC)
    fleet = []
    with Session(engine) as s:
        area = Area(name="Tỉnh thử tải", kind="province", path="/")
        s.add(area)
        s.flush()
        area.path = f"/{area.id}/"
        for i in range(units):
            key = Ed25519PrivateKey.generate()
            uid = f"bench-{i:05d}"
            s.add(
                Unit(
                    id=uid,
                    name=f"Cụm {i}",
                    area_id=require_id(area),
                    public_key=public_key_line(key.public_key()),
                    enrolled_at=now,
                )
            )
            prev, batches, seq = GENESIS_HASH, [], 0
            start_us = int(now.timestamp() * 1e6)
            for _ in range(rounds):
                entries = []
                for _ in range(batch):
                    seq += 1
                    body = canonical_json(
                        {
                            "v": 1,
                            "seq": seq,
                            "kind": "finished",
                            "unit_id": uid,
                            "logged_us": start_us + seq,
                            "prev_hash": prev,
                            "fields": {
                                "item": "v1",
                                "duration_played_us": 60_000_000,
                                "actual_start_us": start_us + seq,
                            },
                        }
                    )
                    h = hashlib.sha256(body.encode()).hexdigest()
                    entries.append(
                        {
                            "seq": seq,
                            "kind": "finished",
                            "body": body,
                            "prev_hash": prev,
                            "hash": h,
                            "signature": key.sign(DOMAIN + bytes.fromhex(h)).hex(),
                        }
                    )
                    prev = h
                batches.append(json.dumps({"entries": entries}).encode())
            fleet.append((uid, key, batches))
        data = os.urandom(64 * 1024)
        pub = Publication(
            bundle_id="bench",
            target_kind="area",
            target_id=str(area.id),
            sequence=1,
            file_sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            issued_at=now,
            expires_at=now + timedelta(days=7),
        )
        s.add(pub)
        s.commit()
        out = publishing.bundle_path(_settings(data_dir, db_url).outbox_dir, pub)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    engine.dispose()
    return fleet


async def drive(base: str, fleet, concurrency: int) -> tuple[list[float], int, int]:
    import httpx

    from protocol.request_signing import sign_request

    latencies: list[float] = []
    errors = 0
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def call(
            method: str,
            path: str,
            uid: str,
            key,
            body: bytes = b"",
            extra: dict | None = None,
            ok=(200,),
        ) -> httpx.Response | None:
            nonlocal errors
            # the headers that shape the answer (If-None-Match) are signed with the request
            headers = sign_request(key, method, path, uid, body, headers=extra)
            if body:
                headers["Content-Type"] = "application/json"
            headers.update(extra or {})
            async with sem:
                t = time.perf_counter()
                try:
                    r = await client.request(method, path, content=body or None, headers=headers)
                except httpx.HTTPError as exc:
                    errors += 1
                    ERROR_KINDS[type(exc).__name__] += 1
                    return None
                latencies.append(time.perf_counter() - t)
            if r.status_code not in ok:
                errors += 1
                ERROR_KINDS[str(r.status_code)] += 1
            return r

        async def unit(uid: str, key, batches: list[bytes]) -> None:
            etag = None
            base_path = f"/api/v1/units/{uid}"
            for body in batches:
                hb = json.dumps(
                    {"clock_trusted": True, "software_version": "bench", "free_disk_bytes": 10**9}
                ).encode()
                await call("POST", f"{base_path}/heartbeat", uid, key, hb)
                r = await call(
                    "GET",
                    f"{base_path}/bundle",
                    uid,
                    key,
                    extra={"If-None-Match": etag} if etag else None,
                    ok=(200, 304),
                )
                if r is not None and r.status_code == 200:
                    etag = r.headers.get("etag")
                await call("POST", f"{base_path}/asrun", uid, key, body)

        t0 = time.perf_counter()
        await asyncio.gather(*(unit(uid, key, b) for uid, key, b in fleet))
        wall = time.perf_counter() - t0
    return latencies, errors, wall  # type: ignore[return-value]


def run(
    units: int, rounds: int, batch: int, concurrency: int, db_url: str | None, workers: int = 1
) -> dict:
    with tempfile.TemporaryDirectory(prefix="loa-sync-bench-") as tmp:
        data_dir = Path(tmp)
        url = db_url or f"sqlite:///{data_dir / 'loa.sqlite3'}"
        fleet = prepare(data_dir, url, units, rounds, batch)
        port = _free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.sync_load",
                "--serve",
                str(data_dir),
                "--db-url",
                url,
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            cwd=Path(__file__).resolve().parent.parent,
        )
        try:
            deadline = time.monotonic() + 180
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("the panel did not start") from None
                    time.sleep(0.1)
            _wait_ready(f"http://127.0.0.1:{port}/healthz", workers, proc)
            cpu0, db0, me0 = _tree_cpu_s(proc.pid), _db_cpu_s(url), _self_cpu_s()
            ERROR_KINDS.clear()
            latencies, errors, wall = asyncio.run(
                drive(f"http://127.0.0.1:{port}", fleet, concurrency)
            )
            server_cpu = _tree_cpu_s(proc.pid) - cpu0
            db_cpu, client_cpu = _db_cpu_s(url) - db0, _self_cpu_s() - me0
        finally:
            proc.terminate()
            proc.wait(20)
    lat = sorted(latencies)
    n = len(lat) + 0

    def pct(p: float) -> float:
        return round(lat[min(n - 1, int(p * n))] * 1000, 2) if n else 0.0

    return {
        "units": units,
        "requests": n + 0,
        "rps": round(n / wall, 1) if wall else 0.0,
        "p50_ms": round(statistics.median(lat) * 1000, 2) if n else 0.0,
        "p99_ms": pct(0.99),
        "errors": errors,
        "backend": "postgresql" if url.startswith("postgresql") else "sqlite",
        "workers": workers,
        "error_kinds": dict(ERROR_KINDS),
        "server_cpu_ms_per_req": round(server_cpu * 1000 / n, 2) if n else None,
        "db_cpu_ms_per_req": round(db_cpu * 1000 / n, 2) if n else None,
        "client_cpu_ms_per_req": round(client_cpu * 1000 / n, 2) if n else None,
        "cpus": os.cpu_count(),
    }


def _wait_ready(url: str, workers: int, proc: subprocess.Popen) -> None:
    """Every worker answers (the socket opens before each worker has imported the panel)."""
    import httpx

    deadline = time.monotonic() + 180
    ok = 0
    while ok < 4 * workers:
        try:
            ok += httpx.get(url, timeout=10).status_code == 200
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the panel did not start") from None
            time.sleep(0.2)
    time.sleep(1.0 * workers)  # let the workers' start-up jobs (render recheck) settle


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _tree_cpu_s(pid: int) -> float:
    """CPU seconds of a process and every process under it (the uvicorn workers)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += _cpu_s(p)
        todo += _children(p)
    return total


def _db_cpu_s(url: str) -> float:
    """CPU seconds of the PostgreSQL server's processes (on this machine); 0 for SQLite,
    whose work happens inside the panel's processes."""
    if not url.startswith("postgresql"):
        return 0.0
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "(postgres)" in text[:64]:
            total += _cpu_s(int(stat.parent.name))
    return total


def _self_cpu_s() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--units", type=int, default=1000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--batch", type=int, default=5, help="as-run entries per upload")
    p.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    p.add_argument("--quick", action="store_true", help="20 units, 2 rounds, no report timing")
    p.add_argument("--skip-report", action="store_true")
    p.add_argument("--report-rows", type=int, default=1_000_000)
    p.add_argument("--workers", type=int, default=1, help="panel worker processes")
    p.add_argument(
        "--postgres",
        default=os.environ.get("LOA_BENCH_POSTGRES_URL"),
        metavar="URL",
        help="run on this PostgreSQL database (its schema is replaced) beside SQLite",
    )
    p.add_argument("--db-url", default=None, help=argparse.SUPPRESS)
    p.add_argument("--serve", type=Path, default=None, help=argparse.SUPPRESS)
    p.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve is not None:
        serve(args.serve, args.db_url, args.port, args.workers)
        return 0
    if args.quick:
        args.units, args.rounds, args.skip_report = 20, 2, True
    shape = (args.units, args.rounds, args.batch, args.concurrency)
    if args.postgres:
        result = run(*shape, args.postgres, args.workers)
        base = run(*shape, None, 1)
        result["sqlite_1_worker"] = {
            k: base[k] for k in ("rps", "p50_ms", "p99_ms", "errors", "server_cpu_ms_per_req")
        }
        result["errors"] += base["errors"]
    else:
        result = run(*shape, None, args.workers)
    result["report_1m_rows_s"] = None
    if not args.skip_report:
        from bench.report_load import time_report_1m

        result["report_1m_rows_s"] = round(time_report_1m(rows=args.report_rows), 3)
    print(json.dumps(result, ensure_ascii=False))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())

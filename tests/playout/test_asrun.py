"""The as-run log: chain + signatures catch any change, and a SIGKILLed writer leaves it sound."""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hardware.clock import SimClock
from playout.asrun import GENESIS_HASH, AsRunError, AsRunLog, canonical_json, verify_jsonl

ROOT = Path(__file__).resolve().parents[2]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PUB = KEY.public_key()
COLUMNS = ("seq", "kind", "body", "prev_hash", "hash", "signature")


def _fill(log: AsRunLog, clock: SimClock | None = None) -> None:
    common = dict(
        item="bantin-ATGT-01",
        audio_sha256="ab" * 32,
        approval_id="appr-7",
        bundle_seq=12,
        token="t1",
    )
    log.append("armed", scheduled_start_us=1_763_605_800_000_000, **common)
    if clock:
        clock.advance(3)
    log.append(
        "started",
        actual_start_us=1_763_605_800_000_021,
        scheduled_start_us=1_763_605_800_000_000,
        relay_states={"amplifier": True, "zone:thôn 1": True},
        gps={"lat": 21.0285, "lon": 105.8542, "mode": 3},
        **common,
    )
    log.append("finished", duration_played_us=61_250_000, frames_played=2_940_000, **common)
    log.append("skipped", item="bantin-PCCC-02", reason="giờ yên tĩnh (quiet hours)")
    log.append("failed", item="bantin-03", reason="read error: I/O error")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("asrun") / "template.sqlite3"
    with AsRunLog(path, unit_key=KEY, unit_id="unit-xa-1") as log:
        _fill(log)
        assert log.verify(PUB).ok
    return path


def _copy(template: Path, tmp: Path) -> Path:
    dst = tmp / f"{uuid.uuid4().hex}.sqlite3"
    shutil.copy(template, dst)
    return dst


def _verify(path: Path):
    with AsRunLog(path, unit_key=None, unit_id="unit-xa-1") as log:
        return log.verify(PUB)


def test_append_chains_signs_and_exports(tmp_path):
    clock = SimClock(datetime(2026, 11, 20, 9, 30, tzinfo=VN))
    with AsRunLog(tmp_path / "a.sqlite3", unit_key=KEY, unit_id="unit-xa-1", clock=clock) as log:
        assert log.last() is None and log.verify(PUB).ok
        _fill(log, clock)
        assert log.pragma("journal_mode") == "wal" and log.pragma("synchronous") == 2  # FULL
        entries = list(log.entries())
        assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
        assert entries[0].prev_hash == GENESIS_HASH
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
        assert entries[1].logged_us - entries[0].logged_us == 3_000_000
        assert entries[1].fields["relay_states"] == {"amplifier": True, "zone:thôn 1": True}
        assert log.last().kind == "failed" and log.last().fields["reason"].startswith("read error")
        r = log.verify(PUB)
        assert (r.ok, r.count, r.first_bad_seq) == (True, 5, None)
        assert log.verify(PUB.public_bytes_raw()).ok
        assert not log.verify(Ed25519PrivateKey.generate().public_key()).ok
        buf = io.StringIO()
        assert log.export_jsonl(buf) == 5
    lines = buf.getvalue().splitlines()
    first = json.loads(lines[0])
    assert first["v"] == 1 and first["seq"] == 1 and first["body"]["fields"]["bundle_seq"] == 12
    assert verify_jsonl(lines, PUB).ok
    tampered = lines[:]
    d = json.loads(tampered[2])
    d["body"]["fields"]["frames_played"] += 1
    tampered[2] = json.dumps(d)
    assert (verify_jsonl(tampered, PUB).ok, verify_jsonl(tampered, PUB).first_bad_seq) == (False, 3)
    assert not verify_jsonl(lines[:1] + lines[2:], PUB).ok


def test_bad_entries_are_refused(tmp_path):
    with AsRunLog(tmp_path / "b.sqlite3", unit_key=KEY, unit_id="u") as log:
        with pytest.raises(AsRunError, match="unknown entry kind"):
            log.append("played", item="x")
        with pytest.raises(AsRunError, match="needs a reason"):
            log.append("skipped", item="x")
        with pytest.raises(AsRunError, match="not JSON"):
            log.append("armed", item=object())
        with pytest.raises(AsRunError, match="non-finite"):
            log.append("armed", gps={"lat": float("nan")})
        assert log.count() == 0
    with (
        AsRunLog(tmp_path / "b.sqlite3", unit_key=None, unit_id="u") as ro,
        pytest.raises(AsRunError, match="read-only"),
    ):
        ro.append("armed", item="x")


def test_canonical_json_is_nfc_sorted_and_compact():
    decomposed = "tho\u0302n"  # "thôn" with a combining circumflex
    assert canonical_json({"b": 1, "a": decomposed}) == '{"a":"thôn","b":1}'


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(row=st.integers(0, 4), column=st.sampled_from(COLUMNS), data=st.data())
def test_changing_any_byte_of_any_row_and_column_fails_verify(
    template, tmp_path, row, column, data
):
    path = _copy(template, tmp_path)
    conn = sqlite3.connect(path)
    seq, value = conn.execute(
        f"SELECT seq, {column} FROM asrun ORDER BY seq LIMIT 1 OFFSET ?", (row,)
    ).fetchone()
    if column == "seq":
        new = data.draw(st.integers(-(2**63), 2**63 - 1).filter(lambda v: v != seq))
        taken = {r[0] for r in conn.execute("SELECT seq FROM asrun")}
        assume(new not in taken)
    else:
        raw = bytearray(value.encode("utf-8"))
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[pos]))
        try:
            new = raw.decode("utf-8")
        except UnicodeDecodeError:
            new = bytes(raw)  # not text any more: stored as a BLOB
    conn.execute(f"UPDATE asrun SET {column} = ? WHERE seq = ?", (new, seq))
    conn.commit()
    conn.close()
    result = _verify(path)
    assert not result.ok, (column, row)
    assert result.first_bad_seq is not None and result.reason


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(column=st.sampled_from(("seq", "hash", "signature")), data=st.data())
def test_changing_the_head_fails_verify(template, tmp_path, column, data):
    path = _copy(template, tmp_path)
    conn = sqlite3.connect(path)
    (value,) = conn.execute(f"SELECT {column} FROM head").fetchone()
    if column == "seq":
        new = data.draw(st.integers(-5, 10).filter(lambda v: v != value))
    else:
        pos = data.draw(st.integers(0, len(value) - 1))
        new = (
            value[:pos]
            + data.draw(st.sampled_from("0123456789abcdefA").filter(lambda c: c != value[pos]))
            + value[pos + 1 :]
        )
    conn.execute(f"UPDATE head SET {column} = ?", (new,))
    conn.commit()
    conn.close()
    assert not _verify(path).ok


@pytest.mark.parametrize("seq", [1, 3, 5])
def test_deleting_a_row_fails(template, tmp_path, seq):
    path = _copy(template, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM asrun WHERE seq = ?", (seq,))
    r = _verify(path)
    assert not r.ok and r.first_bad_seq is not None


def test_deleting_the_head_fails(template, tmp_path):
    path = _copy(template, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM head")
    assert not _verify(path).ok


@pytest.mark.parametrize(("a", "b"), [(1, 2), (2, 5), (4, 5)])
def test_reordering_rows_fails(template, tmp_path, a, b):
    path = _copy(template, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE asrun SET seq = -1 WHERE seq = ?", (a,))
        conn.execute("UPDATE asrun SET seq = ? WHERE seq = ?", (a, b))
        conn.execute("UPDATE asrun SET seq = ? WHERE seq = -1", (b,))
    r = _verify(path)
    assert not r.ok and r.first_bad_seq == a


WRITER = """
import sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playout.asrun import AsRunLog
key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
log = AsRunLog(sys.argv[1], unit_key=key, unit_id="unit-xa-1")
i = 0
while True:
    i += 1
    e = log.append("started", item=f"item-{i}", audio_sha256="cd" * 32, padding="x" * 2000)
    print(e.seq, flush=True)
"""


def test_sigkill_mid_stream_leaves_a_verifiable_chain(tmp_path):
    path = tmp_path / "kill.sqlite3"
    # keep what is on PYTHONPATH: a run with a moved wall clock puts its sitecustomize there
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
        cwd=ROOT,
    )
    committed = 0
    try:
        for line in proc.stdout:
            committed = int(line)
            if committed >= 60:
                break
        proc.send_signal(signal.SIGKILL)  # mid-stream: it is appending as we kill it
    finally:
        proc.kill()
        proc.wait()
    assert committed >= 60
    with AsRunLog(path, unit_key=None, unit_id="unit-xa-1") as log:
        assert log.pragma("integrity_check") == "ok"
        r = log.verify(PUB)
        assert r.ok, r
        # everything it reported as committed survived (WAL + synchronous=FULL)
        assert r.count >= committed
    with AsRunLog(path, unit_key=KEY, unit_id="unit-xa-1") as log:  # and the chain goes on
        e = log.append("finished", item=f"item-{committed}")
        assert e.seq == log.count() and log.verify(PUB).ok

"""content_library.asrun_verify checks what playout.asrun.AsRunLog writes exactly as the unit
does: a real unit log verifies, and each kind of tampering is caught by both."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from playout import asrun
from protocol.asrun_chain import StoredRow, verify_chain
from protocol.canonical import canonical_text as canonical_json


@pytest.fixture
def log(tmp_path):
    key = Ed25519PrivateKey.generate()
    with asrun.AsRunLog(tmp_path / "asrun.sqlite3", unit_key=key, unit_id="ngoc-chuc-01") as lg:
        lg.append("armed", item="a", bundle_seq=3)
        lg.append("started", item="a", actual_start_us=1_700_000_000_000_000)
        lg.append(
            "finished", item="a", duration_played_us=90_000_000, gps={"lat": 10.0, "lon": 105.3}
        )
        lg.append("failed", item="b", reason="Mất kết nối bộ khuếch đại")
        lg.append("skipped", item="c", reason="giờ yên tĩnh")
        yield lg, key.public_key()


def rows_of(lg) -> list[StoredRow]:
    return [
        StoredRow(e.seq, e.kind, e.body, e.prev_hash, e.hash, e.signature) for e in lg.entries()
    ]


def test_a_real_unit_log_verifies(log):
    lg, pub = log
    check = verify_chain(rows_of(lg), public_key=pub, unit_id="ngoc-chuc-01", from_genesis=True)
    assert check.ok and check.checked == 5 and (check.first_seq, check.last_seq) == (1, 5)
    assert lg.verify(pub).ok


def test_canonical_json_matches_the_units():
    obj = {"b": "Ấp Ngọc Thạnh", "a": [1, 2.5, None, True], "c": {"z": 1, "y": "x"}}
    assert canonical_json(obj) == asrun.canonical_json(obj)


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (
            lambda r: StoredRow(
                r.seq,
                r.kind,
                r.body.replace('"item":"a"', '"item":"z"'),
                r.prev_hash,
                r.entry_hash,
                r.signature,
            ),
            "hash does not match the body",
        ),
        (
            lambda r: StoredRow(r.seq, "failed", r.body, r.prev_hash, r.entry_hash, r.signature),
            "columns disagree with the signed body",
        ),
        (
            lambda r: StoredRow(r.seq, r.kind, r.body, r.prev_hash, r.entry_hash, "00" * 64),
            "signature invalid",
        ),
    ],
)
def test_tampering_is_caught(log, tamper, reason):
    lg, pub = log
    rows = rows_of(lg)
    rows[2] = tamper(rows[2])
    check = verify_chain(rows, public_key=pub, from_genesis=True)
    assert (check.ok, check.first_bad_seq, check.reason, check.checked) == (False, 3, reason, 2)
    unit_rows = [(r.seq, r.kind, r.body, r.prev_hash, r.entry_hash, r.signature) for r in rows]
    assert asrun.verify_rows(unit_rows, pub, head=None, require_head=False).reason == reason


def test_reordered_and_missing_entries_are_caught(log):
    lg, pub = log
    rows = rows_of(lg)
    swapped = [rows[0], rows[2], rows[1], rows[3], rows[4]]
    assert verify_chain(swapped, public_key=pub, from_genesis=True).reason.startswith(
        "sequence gap"
    )
    window = verify_chain(rows[3:], public_key=pub, prev=rows[2])
    assert window.ok and window.checked == 2
    assert not verify_chain(rows[3:], public_key=pub, prev=rows[1]).ok
    other = verify_chain(rows, public_key=pub, unit_id="thanh-loc-01", from_genesis=True)
    assert not other.ok and "expected 'thanh-loc-01'" in other.reason

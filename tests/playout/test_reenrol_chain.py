"""A unit enrolled again (a new SD card, a new key) continues the as-run chain the panel stored:
the real panel on a real socket, the real SyncClient and AsRunLog. Before, its new log started
at seq 1 and the panel never stored an entry of it again."""

from __future__ import annotations

import itertools
import shutil
import sqlite3

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from content_library.models import AsRunRecord, SyncFlag, Unit
from playout.asrun import AsRunLog
from playout.errors import AsRunError
from playout.sync_client import SyncClient, SyncError
from protocol.asrun_chain import GENESIS_HASH, StoredRow, verify_chain
from protocol.keys import public_key_line
from web.services.devices import LogFilter, chain_mark, unit_log

from .test_sync_client import UNIT, _code, kit_t0, server  # noqa: F401 - fixtures


def _client(server, kit, key) -> SyncClient:  # noqa: F811 - the fixture's name
    return SyncClient(
        server.base_url, UNIT, key, kit.state_dir, asrun_path=kit.state_dir / "asrun.sqlite3"
    )


def _log(kit, key) -> AsRunLog:
    return AsRunLog(kit.state_dir / "asrun.sqlite3", unit_key=key, unit_id=UNIT)


def _first_card(server, kit, plays: int = 3) -> list[str]:  # noqa: F811
    """Enrol with the kit's key, play and upload ``plays`` entries; their hashes."""
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    client = _client(server, kit, kit.unit_priv)
    answer = client.enrol(_code(server))
    assert answer["asrun_continue"] is None and answer["asrun_local"] == "none"
    with _log(kit, kit.unit_priv) as log:
        hashes = [log.append("finished", item=f"old{i}").hash for i in range(plays)]
    rep = client.poll_once()
    assert rep.errors == [] and rep.pushed == plays
    return hashes


def _new_card(kit) -> Ed25519PrivateKey:
    """The SD card died: a fresh image, a fresh key, nothing of the old state."""
    shutil.rmtree(kit.state_dir)
    kit.state_dir.mkdir(parents=True)
    return Ed25519PrivateKey.generate()


def _stored(server) -> list[AsRunRecord]:  # noqa: F811
    with Session(server.engine) as s:
        return list(s.exec(select(AsRunRecord).order_by(AsRunRecord.seq)).all())


def _flags(server) -> list[str]:  # noqa: F811
    with Session(server.engine) as s:
        return [f.kind for f in s.exec(select(SyncFlag).order_by(SyncFlag.id)).all()]


def test_a_new_card_continues_the_stored_chain(server, kit):  # noqa: F811
    old = _first_card(server, kit)
    key = _new_card(kit)
    client = _client(server, kit, key)
    answer = client.enrol(_code(server))
    assert answer["asrun_continue"] == {"seq": 4, "prev_hash": old[-1]}
    assert answer["asrun_local"] == "started"
    assert answer["public_key"] == public_key_line(key.public_key())

    with _log(kit, key) as log:
        first = log.append("finished", item="new0")
        log.append("failed", item="new1", reason="mất điện")
        assert (first.seq, first.prev_hash) == (4, old[-1])
        assert log.base() == (3, old[-1])
        check = log.verify(key.public_key())
        assert check.ok and check.count == 2
    rep = client.poll_once()
    assert rep.errors == [] and rep.pushed == 2

    rows = _stored(server)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert [r.entry_hash for r in rows[:3]] == old
    # one chain across the key change: each entry names the one before it
    assert rows[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(rows))
    as_stored = [
        StoredRow(r.seq, r.kind, r.body, r.prev_hash, r.entry_hash, r.signature) for r in rows
    ]
    # each part signed by the key enrolled when it was written
    assert verify_chain(as_stored[:3], public_key=kit.unit_priv.public_key(), from_genesis=True).ok
    assert verify_chain(as_stored[3:], public_key=key.public_key(), prev=as_stored[2]).ok
    assert not verify_chain(
        as_stored[3:], public_key=kit.unit_priv.public_key(), prev=as_stored[2]
    ).ok
    assert "forged" not in _flags(server) and "gap" not in _flags(server)
    assert "rekeyed" in _flags(server)
    with Session(server.engine) as s:
        unit = s.get(Unit, UNIT)
        assert (unit.asrun_last_seq, unit.asrun_last_hash) == (5, rows[-1].entry_hash)
        logged, total = unit_log(s, UNIT, LogFilter())
        assert total == 5 and sorted(r.seq for r in logged) == [1, 2, 3, 4, 5]
        # the unit page's chain check over the new entries and their link to the old one,
        # and across the key change: each part by the key enrolled when it was signed
        assert chain_mark(s, unit, [r for r in logged if r.seq >= 4]).state == "verified"
        whole = chain_mark(s, unit, logged)
        assert whole.state == "verified" and whole.check.checked == 5, whole
        assert chain_mark(s, unit, [r for r in logged if r.seq in (2, 3, 4)]).state == "verified"

    # enrolled again on the same card (a new key, the log kept): it goes on from there
    key2 = Ed25519PrivateKey.generate()
    client2 = _client(server, kit, key2)
    answer = client2.enrol(_code(server))
    assert answer["asrun_continue"] == {"seq": 6, "prev_hash": rows[-1].entry_hash}
    assert answer["asrun_local"] == "continues"
    with AsRunLog(kit.state_dir / "asrun.sqlite3", unit_key=key2, unit_id=UNIT) as log:
        log.append("finished", item="new2")
    rep = client2.poll_once()
    assert rep.errors == [] and rep.pushed == 1
    assert [r.seq for r in _stored(server)] == [1, 2, 3, 4, 5, 6]
    with Session(server.engine) as s:  # three keys, one chain
        logged, _ = unit_log(s, UNIT, LogFilter())
        assert chain_mark(s, s.get(Unit, UNIT), logged).state == "verified"


def test_a_log_that_is_another_chain_is_refused_clearly_and_kept(server, kit):  # noqa: F811
    """The new card played before it was enrolled: its log starts at seq 1 and is kept as it
    is; the panel refuses it with a reason that says so, and nothing is lost on the unit."""
    old = _first_card(server, kit)
    key = _new_card(kit)
    with _log(kit, key) as log:
        for i in range(4):
            log.append("finished", item=f"early{i}")
    client = _client(server, kit, key)
    answer = client.enrol(_code(server))
    assert answer["asrun_continue"] == {"seq": 4, "prev_hash": old[-1]}
    assert answer["asrun_local"] == "diverged"
    rep = client.poll_once()
    assert rep.pushed == 0
    (err,) = [e for e in rep.errors if e.startswith("asrun")]
    assert "không khớp" in err and "giữ trên cụm loa" in err
    with pytest.raises(SyncError) as info:
        client.push_asrun()
    assert "another chain" in info.value.reason and "stay on the unit" in info.value.reason
    assert info.value.status == 409
    assert [r.seq for r in _stored(server)] == [1, 2, 3]
    assert _flags(server)[-1] == "forged"
    with _log(kit, key) as log:  # kept, unchanged, for whoever sorts it out
        assert log.count() == 4 and log.verify(key.public_key()).ok


@pytest.mark.parametrize("where", ["before", "beside"])
def test_a_unit_cannot_start_its_chain_elsewhere(server, kit, where):  # noqa: F811
    """The continuation point is the panel's: a unit starting its log over stored history (or
    beside the stored head) is refused, and the stored entries stay as they were."""
    old = _first_card(server, kit)
    key = _new_card(kit)
    client = _client(server, kit, key)
    client.enrol(_code(server))
    shutil.rmtree(kit.state_dir)  # throw away what the panel said, start where it likes
    kit.state_dir.mkdir(parents=True)
    client = _client(server, kit, key)
    with _log(kit, key) as log:
        if where == "before":
            assert log.start_after(1, old[0])  # would replace stored entries 2 and 3
        else:
            assert log.start_after(3, "ab" * 32)  # seq 4, but not after the stored entry 3
        log.append("finished", item="rewritten")
    client._save(asrun_acked_seq=0 if where == "before" else 3)
    with pytest.raises(SyncError) as info:
        client.push_asrun()
    if where == "before":
        assert "does not continue the chain the panel stored" in info.value.reason
        assert "không nối tiếp chuỗi máy chủ đã lưu" in info.value.reason_vi
        assert _flags(server)[-1] == "reordered"
    else:
        assert "prev_hash does not match the stored chain" in info.value.reason
        assert _flags(server)[-1] == "forged"
    assert [r.entry_hash for r in _stored(server)] == old


def test_an_older_client_ignoring_the_field_behaves_as_before(server, kit):  # noqa: F811
    """A unit that does not read ``asrun_continue`` starts at seq 1 as it always did: it
    enrols, its entries up to the panel's head are not sent, the next one is refused."""

    class OldClient(SyncClient):
        def _continue_asrun(self, answer, changes):
            return "none"

    old = _first_card(server, kit)
    key = _new_card(kit)
    client = OldClient(
        server.base_url, UNIT, key, kit.state_dir, asrun_path=kit.state_dir / "asrun.sqlite3"
    )
    answer = client.enrol(_code(server))
    assert answer["unit_id"] == UNIT and answer["enrolled_at"]
    with _log(kit, key) as log:
        for i in range(3):
            log.append("finished", item=f"n{i}")
        assert log.base() is None and log.last().seq == 3
    rep = client.poll_once()
    assert rep.heartbeat and rep.pushed == 0 and rep.errors == []  # seq 1..3: "already there"
    with _log(kit, key) as log:
        log.append("finished", item="n3")
    rep = client.poll_once()
    assert any("không khớp" in e for e in rep.errors)
    assert [r.entry_hash for r in _stored(server)] == old


def test_the_starting_point_is_signed_and_set_only_on_an_empty_log(tmp_path):
    key = Ed25519PrivateKey.generate()
    path = tmp_path / "asrun.sqlite3"
    with AsRunLog(path, unit_key=key, unit_id=UNIT) as log:
        assert log.start_after(7, "cd" * 32)
        assert log.start_after(9, "ef" * 32)  # still empty: the newer answer wins
        assert log.verify(key.public_key()).ok
        e = log.append("started", item="x")
        assert (e.seq, e.prev_hash) == (10, "ef" * 32)
        assert not log.start_after(1, "ab" * 32)  # entries are never moved
        assert log.base() == (9, "ef" * 32)
        with pytest.raises(AsRunError):
            log.start_after(0, "ab" * 32)
        with pytest.raises(AsRunError):
            log.start_after(3, GENESIS_HASH)
        assert log.verify(key.public_key()).ok
        assert not log.verify(Ed25519PrivateKey.generate().public_key()).ok
    with pytest.raises(AsRunError):
        AsRunLog(path, unit_key=None, unit_id=UNIT).start_after(3, "ab" * 32)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE base SET seq = 8")  # moved by hand: the signature no longer holds
    conn.commit()
    with AsRunLog(path, unit_key=None, unit_id=UNIT) as log:
        result = log.verify(key.public_key())
        assert not result.ok and "base" in result.reason
    conn.execute("DELETE FROM base")  # removed: the log no longer starts at seq 1
    conn.commit()
    conn.close()
    with AsRunLog(path, unit_key=None, unit_id=UNIT) as log:
        result = log.verify(key.public_key())
        assert not result.ok and result.first_bad_seq == 10


def test_entries_the_old_key_signed_and_did_not_upload_are_refused_clearly(server, kit):  # noqa: F811
    """Same card, new key: what the old key wrote and had not sent is refused with a reason
    that names the key change, and stays on the unit."""
    _first_card(server, kit)
    with _log(kit, kit.unit_priv) as log:
        log.append("finished", item="unsent")
    key = Ed25519PrivateKey.generate()
    client = _client(server, kit, key)
    assert client.enrol(_code(server))["asrun_local"] == "continues"
    with pytest.raises(SyncError) as info:
        client.push_asrun()
    assert "not signed by the unit's enrolled key" in info.value.reason
    assert "khóa đã đăng ký" in info.value.reason_vi
    assert _flags(server)[-1] == "bad_signature"
    assert [r.seq for r in _stored(server)] == [1, 2, 3]
    with _log(kit, key) as log:
        assert log.count() == 4


def test_loa_unit_enrol_says_where_the_log_goes_on(server, kit, tmp_path):  # noqa: F811
    """The person re-enrolling a unit on a new card sees that its log continues the panel's
    chain; on a card that had played before enrolment, a warning on stderr says its entries
    will be refused and stay on the unit."""
    from click.testing import CliRunner

    from loa.cli import main
    from protocol.keys import write_private_key

    _first_card(server, kit)

    def enrol_new_card(plays_before: int):
        key = _new_card(kit)
        key_file = write_private_key(tmp_path / f"card{plays_before}.key", key)
        if plays_before:
            with _log(kit, key) as log:
                for i in range(plays_before):
                    log.append("finished", item=f"early{i}")
        cfg = tmp_path / f"unit{plays_before}.toml"
        cfg.write_text(
            f'format = 1\n[unit]\nid = "{UNIT}"\ntrusted_keys = ["{kit.trusted_file}"]\n'
            f'key = "{key_file}"\nstate_dir = "{kit.state_dir}"\n'
            '[audio]\nbackend = "sim"\n[relays]\nbackend = "none"\n',
            encoding="utf-8",
        )
        args = ["unit", "enrol", "--config", str(cfg), "--server", server.base_url]
        return CliRunner(mix_stderr=False).invoke(main, [*args, "--code", _code(server)])

    r = enrol_new_card(0)
    assert r.exit_code == 0, r.output
    assert "nối tiếp chuỗi máy chủ đã lưu, từ mục 4" in r.stdout
    assert "Cảnh báo" not in r.stdout + r.stderr

    r = enrol_new_card(4)
    assert r.exit_code == 0, r.output
    assert "Cảnh báo" in r.stderr and "chuỗi khác" in r.stderr and "stay on the unit" in r.stderr
    assert "từ mục" not in r.stdout

"""The USB inbox remembers what it handled across a daemon restart (state_dir), so a stick
left plugged in through a crash loop or a power cut is not copied and verified again."""

from __future__ import annotations

import json
import os

from playout import store as store_module
from playout.store import Inbox

from .conftest import daily, import_bundle
from .emergency_kit import unit_store


def two_bundle_stick(kit, clock, tmp_path):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    b3 = kit.bundle([kit.item("C")], schedule=daily(["07:00"], "C"), sequence=3)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "a.loa").write_bytes(b2.read_bytes())
    (stick / "b.loa").write_bytes(b3.read_bytes())
    return stick


def counting_copies(monkeypatch):
    real, calls = store_module._copy_bounded, []

    def copy(src, dst, limit, signed_size=None):
        calls.append(src)
        return real(src, dst, limit, signed_size)

    monkeypatch.setattr(store_module, "_copy_bounded", copy)
    return calls


def history(kit, clock):
    return [i["source"] for i in unit_store(kit, clock).recent_imports()]


def memory_file(kit):
    return kit.state_dir / Inbox.MEMORY_FILE


def test_a_restart_with_the_stick_left_in_copies_and_verifies_nothing_again(
    kit, clock, tmp_path, monkeypatch
):
    stick = two_bundle_stick(kit, clock, tmp_path)
    copies = counting_copies(monkeypatch)
    inbox = Inbox(unit_store(kit, clock), [stick])
    results = [r for _ in range(3) for r in inbox.poll()]
    assert len(results) == 2 and len(copies) == 2
    assert unit_store(kit, clock).load_active().sequence == 3
    before = history(kit, clock)
    assert memory_file(kit).is_file()

    for _ in range(3):  # a crash loop: the inbox made again from the same state_dir each time
        again = Inbox(unit_store(kit, clock), [stick])
        assert [r for _ in range(4) for r in again.poll()] == []
    assert len(copies) == 2
    assert history(kit, clock) == before
    assert unit_store(kit, clock).load_active().sequence == 3


def test_a_file_changed_while_the_daemon_was_down_is_handled_again(
    kit, clock, tmp_path, monkeypatch
):
    stick = two_bundle_stick(kit, clock, tmp_path)
    inbox = Inbox(unit_store(kit, clock), [stick])
    [inbox.poll() for _ in range(3)]
    copies = counting_copies(monkeypatch)
    b4 = kit.bundle([kit.item("D")], schedule=daily(["07:00"], "D"), sequence=4)
    (stick / "a.loa").write_bytes(b4.read_bytes())  # new size and mtime, same name
    st = os.stat(stick / "b.loa")
    os.utime(stick / "b.loa", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # touched

    again = Inbox(unit_store(kit, clock), [stick])
    results = [r for _ in range(4) for r in again.poll()]
    assert sorted(copies) == [stick / "a.loa", stick / "b.loa"]
    assert [getattr(r, "status", None) for r in results].count("activated") == 1
    assert unit_store(kit, clock).load_active().sequence == 4


def test_a_corrupt_memory_file_is_ignored_once_and_the_daemon_goes_on(
    kit, clock, tmp_path, monkeypatch, caplog
):
    stick = two_bundle_stick(kit, clock, tmp_path)
    inbox = Inbox(unit_store(kit, clock), [stick])
    [inbox.poll() for _ in range(3)]
    copies = counting_copies(monkeypatch)
    for bad in (b'{"version": 1, "files": {"x": [1', b"\xff\xfe", b'{"version": 1, "files": []}'):
        memory_file(kit).write_bytes(bad)
        caplog.clear()
        with caplog.at_level("WARNING", logger="playout.store"):
            again = Inbox(unit_store(kit, clock), [stick])
        assert len([r for r in caplog.records if "inbox memory" in r.getMessage()]) == 1
        results = [r for _ in range(4) for r in again.poll()]
        assert len(results) == 2  # handled once more ("already active", stale): no crash
        assert json.loads(memory_file(kit).read_text())["version"] == Inbox.MEMORY_VERSION
        after = Inbox(unit_store(kit, clock), [stick])  # the file was written anew
        assert [r for _ in range(4) for r in after.poll()] == []
    assert len(copies) == 3 * 2
    assert unit_store(kit, clock).load_active().sequence == 3


def test_a_memory_file_that_cannot_be_read_or_written_does_not_stop_the_inbox(
    kit, clock, tmp_path, monkeypatch, caplog
):
    stick = two_bundle_stick(kit, clock, tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(Inbox, "_memory_path", property(lambda self: blocker / "memory.json"))
    with caplog.at_level("WARNING", logger="playout.store"):
        inbox = Inbox(unit_store(kit, clock), [stick])
        results = [r for _ in range(6) for r in inbox.poll()]
    assert len(results) == 2 and unit_store(kit, clock).load_active().sequence == 3
    assert any("inbox memory" in r.getMessage() for r in caplog.records)


def test_the_memory_file_stays_bounded(kit, clock, tmp_path, monkeypatch):
    monkeypatch.setattr(Inbox, "MEMORY_MAX", 5)
    monkeypatch.setattr(Inbox, "MEMORY_POLLS", 3)
    stick = tmp_path / "stick"
    stick.mkdir()
    store = unit_store(kit, clock)
    inbox = Inbox(store, [stick])
    for n in range(12):  # files that come and go (other sticks), each refused as broken
        (stick / f"junk{n}.loa").write_bytes(b"not a bundle %d" % n)
        [inbox.poll() for _ in range(2)]
        files = json.loads(memory_file(kit).read_text())["files"]
        assert 0 < len(files) <= 5
    assert len(json.loads(memory_file(kit).read_text())["files"]) == 5

    for p in stick.iterdir():  # the stick is gone: so are its entries, once it has been looked
        p.unlink()
    again = Inbox(unit_store(kit, clock), [stick])
    [again.poll() for _ in range(3)]  # at for a while after a start (a stick mounted late)
    assert json.loads(memory_file(kit).read_text())["files"] == {}


def test_a_stick_mounted_a_few_polls_after_the_start_is_still_remembered(
    kit, clock, tmp_path, monkeypatch
):
    stick = two_bundle_stick(kit, clock, tmp_path)
    inbox = Inbox(unit_store(kit, clock), [stick])
    [inbox.poll() for _ in range(3)]
    copies = counting_copies(monkeypatch)
    mount = tmp_path / "mount"
    mount.mkdir()
    again = Inbox(unit_store(kit, clock), [stick, mount])
    stick.rename(tmp_path / "away")  # not mounted yet at the start
    assert [again.poll() for _ in range(3)] == [[]] * 3
    (tmp_path / "away").rename(stick)
    assert [r for _ in range(4) for r in again.poll()] == []
    assert copies == []


def test_a_file_given_up_after_its_read_retries_stays_given_up_after_a_restart(
    kit, clock, tmp_path, monkeypatch
):
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "b2.loa").write_bytes(b2.read_bytes())

    def copy(src, dst, limit, signed_size=None):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(store_module, "_copy_bounded", copy)
    inbox = Inbox(unit_store(kit, clock), [stick])
    assert len([r for _ in range(40) for r in inbox.poll()]) == 1 + store_module.INBOX_READ_RETRIES
    again = Inbox(unit_store(kit, clock), [stick])  # given up: still given up after a restart
    assert [r for _ in range(40) for r in again.poll()] == []


def test_a_file_with_read_retries_left_is_read_again_after_a_restart(
    kit, clock, tmp_path, monkeypatch
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "b2.loa").write_bytes(b2.read_bytes())
    real, calls = store_module._copy_bounded, []

    def copy(src, dst, limit, signed_size=None):
        calls.append(src)
        if len(calls) == 1:  # a loose contact, then the power goes
            raise OSError(5, "Input/output error")
        return real(src, dst, limit, signed_size)

    monkeypatch.setattr(store_module, "_copy_bounded", copy)
    inbox = Inbox(unit_store(kit, clock), [stick])
    [refused] = [r for _ in range(2) for r in inbox.poll()]
    assert refused.code == "unreadable"
    again = Inbox(unit_store(kit, clock), [stick])
    results = [r for _ in range(4) for r in again.poll()]
    assert [getattr(r, "status", None) for r in results] == ["activated"]
    assert unit_store(kit, clock).load_active().sequence == 2

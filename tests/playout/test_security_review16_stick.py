"""Security review 16, the unit's side: a found USB stick whose file names carry control
characters (or are not UTF-8). Each test fails on the code before the fix."""

from __future__ import annotations

import os

import pytest

# A carriage return and "erase line", then a green "OK", a bidi override and a title change:
# printed as they are, the refused bundle's history line reads like an accepted one.
HOSTILE_NAME = "goi\r\x1b[2K\x1b[32mOK: da kich hoat goi so 99\x1b[0m\u202e\x1b]0;loa\x07.loa"


def _printable(text: str) -> bool:
    return all(c.isprintable() or c == "\n" for c in text)


@pytest.fixture
def stick(kit):
    folder = kit.tmp / "stick"
    folder.mkdir()
    return folder


def test_a_file_name_on_a_stick_cannot_rewrite_the_technicians_terminal(kit, stick) -> None:
    """A stick's file names were kept and shown as they are: the import history (`loa unit
    status`: "lần nạp cuối / last import: <name>: từ chối"), a refusal's reason and the log
    carried escape sequences, carriage returns and bidi overrides to the technician's
    terminal, which could make a refused bundle read as accepted. Now every character that is
    not printable is written as its escape; the name can still be read."""
    from playout.store import BundleStore, ImportRejected, Inbox

    junk = stick / HOSTILE_NAME
    junk.write_bytes(b"\0" * 2048)  # not a bundle: refused
    (stick / f"lien-ket\x1b[2K{HOSTILE_NAME}").symlink_to(junk)  # refused by name, reason has it
    kit.state_dir.mkdir(parents=True, exist_ok=True)
    store = BundleStore(kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id="unit-01")
    inbox = Inbox(store, [stick])
    outcomes = inbox.poll() + inbox.poll()
    refusals = [o for o in outcomes if isinstance(o, ImportRejected)]
    assert len(refusals) == 2, outcomes
    history = store.recent_imports()
    assert len(history) == 2
    for line in history:
        for field in ("source", "reason", "reason_vi"):
            assert _printable(line[field]), (field, line[field])
        assert "\\x1b[2K" in line["source"] and "\\r" in line["source"]  # still readable
    for r in refusals:
        assert _printable(r.reason) and _printable(r.reason_vi)
        assert _printable(getattr(r, "source", ""))


def test_a_name_that_is_not_utf8_is_refused_like_any_other(kit, stick) -> None:
    """A stick formatted elsewhere may hold names that are not UTF-8 (FAT with another code
    page): the refusal's history line could not be written (UnicodeEncodeError, not an
    ImportRejected), so `loa unit import` ended in a traceback and the inbox's pass stopped
    at that file. Now it is refused like any junk file, its name escaped."""
    from playout.store import BundleStore, ImportRejected

    name = os.fsencode(stick) + b"/g\xf3i-\xff.loa"
    with open(name, "wb") as fh:
        fh.write(b"\0" * 2048)
    store = BundleStore(kit.state_dir, trusted_keys={kit.kid: kit.pub}, unit_id="unit-01")
    with pytest.raises(ImportRejected):
        store.import_bundle(os.fsdecode(name))
    (line,) = store.recent_imports()
    assert line["source"].endswith("g\\udcf3i-\\udcff.loa") and _printable(line["source"])

"""Issue 12, item 10: concurrent publishes take distinct sequences from the database, and a
bundle file appears only once its row is committed (none is left behind by a rollback).

Runs on SQLite and, in `make test`, on PostgreSQL (the `db_backend` parameter)."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlmodel import select

from content_library import publishing
from content_library.models import Publication


def test_two_concurrent_publishes_take_two_sequences_two_files_two_rows(
    world, one_schedule, db_backend, monkeypatch
):
    # Both publishers reach the signing step before either writes its row (if the database
    # lets them: a publisher that waits for the other's sequence skips the rendezvous).
    meet = threading.Barrier(2)
    real_build = publishing.build_bundle

    def build_together(*a, **kw):
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait(timeout=2)
        return real_build(*a, **kw)

    monkeypatch.setattr(publishing, "build_bundle", build_together)
    results, errors = [], []

    def click() -> None:
        try:
            with world.session() as s:
                pub, path = world.publish(s, one_schedule)
                s.commit()
                results.append((pub.sequence, path))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    sequences = sorted(seq for seq, _ in results)
    assert len(set(sequences)) == 2, sequences
    assert len(world.files()) == 2
    with world.session() as s:
        rows = s.exec(select(Publication).order_by(Publication.sequence)).all()
        assert [r.sequence for r in rows] == sequences
    for seq, path in results:
        assert world.verify(path).manifest.sequence == seq


def test_the_file_appears_only_after_the_commit(world, one_schedule, db_backend):
    with world.session() as s:
        pub, path = world.publish(s, one_schedule)
        assert not path.exists()  # the row is not committed yet: units cannot see it, nor the file
        s.commit()
    assert path.exists() and world.files() == [path.name]
    assert world.verify(path).manifest.sequence == pub.sequence


def test_a_failure_after_writing_leaves_no_file_and_no_row(
    world, one_schedule, db_backend, monkeypatch
):
    def fail(*a, **kw):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr(publishing.services, "audit", fail)
    with world.session() as s:
        with pytest.raises(RuntimeError):
            world.publish(s, one_schedule)
        s.rollback()
    assert world.files() == []
    with world.session() as s:
        assert s.exec(select(Publication)).all() == []


def test_a_rolled_back_publish_leaves_no_file(world, one_schedule, db_backend):
    with world.session() as s:
        _pub, path = world.publish(s, one_schedule)
        s.rollback()  # the request failed after publishing (anything later in it)
    assert world.files() == [] and not path.exists()
    with world.session() as s:
        assert s.exec(select(Publication)).all() == []
        # the next publish still gets a fresh sequence and its file
        pub, path = world.publish(s, one_schedule)
        s.commit()
    assert path.exists() and world.files() == [path.name]
    assert pub.sequence >= 1

"""A panel restored from an older backup, or reinstalled on a fresh database, numbers its next
bundles above what its units report having accepted (ordinary and emergency counters apart),
says so once in the log and the audit log, and lets no unit's report move a counter further
than ``MAX_REPORTED_JUMP`` in one step."""

from __future__ import annotations

import dataclasses
import logging
import uuid

import pytest
from sqlmodel import select

from content_library import emergency as em
from content_library import publishing, sync
from content_library.models import AuditEvent, Unit
from protocol.sequence import check_sequence, record_accepted

UNIT = "ngoc-chuc-01"


def report(world, payload: dict) -> None:
    """The unit's heartbeat, through the code the sync route calls."""
    with world.session() as s:
        sync.heartbeat(s, s.get(Unit, UNIT), payload, world.now)
        s.commit()


def publish_one(world) -> tuple[int, object]:
    with world.session() as s:
        sch = world.schedule(s, [world.approved(s)])
        pub, path = world.publish(s, sch.id)
        s.commit()
        return pub.sequence, path


def raised_events(world) -> list[AuditEvent]:
    with world.session() as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == "sequence.raised")))


def test_a_fresh_panel_numbers_above_what_the_unit_accepted(world, tmp_path, caplog, db_backend):
    report(world, {"bundle_sequence": 40})
    with caplog.at_level(logging.INFO, logger="content_library.publishing"):
        seq, path = publish_one(world)
    assert seq == 41
    # the unit, holding 40 from this panel's key, takes the new bundle
    manifest = world.verify(path).manifest
    state = tmp_path / "unit-state"
    record_accepted(state, dataclasses.replace(manifest, sequence=40, bundle_id=str(uuid.uuid4())))
    check_sequence(state, manifest)
    jumps = [r for r in caplog.records if "40" in r.getMessage() and UNIT in r.getMessage()]
    assert len(jumps) == 1, caplog.text
    assert jumps[0].getMessage().index("số thứ tự") < jumps[0].getMessage().index("sequence")
    (event,) = raised_events(world)
    assert event.object_id == publishing.SEQUENCE
    assert event.detail["reported"] == 40 and event.detail["unit_id"] == UNIT
    assert event.detail["next"] == 41 and event.detail["capped"] is False
    # once: the counter is now past the report, the next bundle neither jumps nor logs again
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="content_library.publishing"):
        assert publish_one(world)[0] == 42
    assert not [r for r in caplog.records if UNIT in r.getMessage()]
    assert len(raised_events(world)) == 1


def test_a_restored_backup_continues_after_the_units(world):
    assert [publish_one(world)[0] for _ in range(3)] == [1, 2, 3]
    report(world, {"bundle_sequence": 10})  # bundles 4..10 were signed after the backup
    assert publish_one(world)[0] == 11


def test_a_report_below_the_counter_changes_nothing(world):
    assert [publish_one(world)[0] for _ in range(3)] == [1, 2, 3]
    report(world, {"bundle_sequence": 2})
    assert publish_one(world)[0] == 4
    assert raised_events(world) == []


def test_the_emergency_counter_follows_the_emergency_report(world, db_backend):
    report(world, {"bundle_sequence": 5, "emergency_sequence": 40})
    with world.session() as s:
        assert em.allocate_sequence(s, now=world.now) == 41
        assert em.allocate_sequence(s, now=world.now) == 42
        # the two counters stay apart: the ordinary one follows the ordinary report only
        assert publishing.allocate_sequence(s, now=world.now) == 6
        s.commit()
    events = raised_events(world)
    assert sorted(e.object_id for e in events) == [publishing.SEQUENCE, em.SEQUENCE]


def stored_emergency_sequence(world) -> int | None:
    with world.session() as s:
        return s.get(Unit, UNIT).emergency_sequence


def test_the_emergency_report_is_kept_in_its_column(world):
    report(world, {"emergency_sequence": 7})
    assert stored_emergency_sequence(world) == 7
    report(world, {"bundle_sequence": 3})  # a heartbeat without it keeps the last report
    assert stored_emergency_sequence(world) == 7
    with world.session() as s:
        assert em.reported_emergency_sequence(s) == (7, UNIT)


HOSTILE = [True, False, -3, -1, "40", 2**31, 10**18, 4.0e1, None, [40], {"n": 40}]


@pytest.mark.parametrize("value", HOSTILE)
def test_an_emergency_report_that_is_no_sequence_is_ignored(world, value):
    report(world, {"emergency_sequence": value})
    assert stored_emergency_sequence(world) is None
    with world.session() as s:
        assert em.reported_emergency_sequence(s) is None
        assert em.allocate_sequence(s, now=world.now) == 1


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_report_leaves_the_last_good_one(world, value):
    report(world, {"emergency_sequence": 12})
    report(world, {"emergency_sequence": value})
    assert stored_emergency_sequence(world) == 12
    with world.session() as s:
        assert em.allocate_sequence(s, now=world.now) == 13
        s.commit()


def test_a_hostile_report_moves_the_counter_by_a_bounded_step(world, caplog):
    report(world, {"bundle_sequence": 2**31 - 2, "emergency_sequence": 2**31 - 2})
    bound = publishing.MAX_REPORTED_JUMP
    with caplog.at_level(logging.WARNING):
        assert publish_one(world)[0] == bound + 1
        with world.session() as s:
            assert em.allocate_sequence(s, now=world.now) == bound + 1
            s.commit()
    assert sum("MAX_REPORTED_JUMP" in r.getMessage() for r in caplog.records) == 2, caplog.text
    assert all(e.detail["capped"] is True for e in raised_events(world))
    assert bound + 1 < 2**31 // 1000  # a thousand such steps still leave the counter room


def test_a_report_beyond_the_database_is_never_stored(world):
    report(world, {"bundle_sequence": 10**18})
    assert publish_one(world)[0] == 1

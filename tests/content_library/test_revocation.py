"""Issue 12, item 2: an approval that ends — withdrawn, expired, dropped by a lexicon edit,
replaced by a newer one — is taken off the air at once: every target whose newest bundle
carried it gets a new signed bundle without it, and the server never serves a bundle that
carries an item no longer approved.

Runs on SQLite and, in `make test`, on PostgreSQL (the `db_backend` parameter)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from content_library import publishing, services, sync
from content_library.errors import WorkflowError
from content_library.models import Publication, ScriptVersion, Unit
from content_library.ports import RecordedRenders

UNIT = "ngoc-chuc-01"


def newest(s, kind: str, target: str) -> Publication:
    return s.exec(
        select(Publication)
        .where(Publication.target_kind == kind, Publication.target_id == target)
        .order_by(Publication.sequence.desc())
    ).first()


@pytest.fixture
def aired(world):
    """Two approved items: `a` in the unit's schedule and the commune's, `b` in the unit's only;
    both bundles published and committed."""
    with world.session() as s:
        a, b = (
            world.approved(s, "Phòng chống ma túy.", freq=300),
            world.approved(s, "An toàn giao thông.", freq=500),
        )
        for_unit = world.schedule(s, [a, b])
        for_area = world.schedule(
            s, [a], target_kind="area", target_id=str(world.area.id), name="Lịch xã"
        )
        s.flush()
        world.publish(s, for_area.id)
        world.publish(s, for_unit.id)
        s.commit()
        return {"a": a.id, "b": b.id, "unit_schedule": for_unit.id, "area_schedule": for_area.id}


def _items(world, pub: Publication, now=None) -> list[str]:
    return [i.id for i in world.verify(publishing.bundle_path(world.out, pub), now).manifest.items]


def test_withdrawing_reissues_every_bundle_that_carried_it(world, aired, db_backend):
    a, b = aired["a"], aired["b"]
    with world.session() as s:
        before = {
            k: newest(s, k, t).sequence for k, t in (("unit", UNIT), ("area", str(world.area.id)))
        }
        services.withdraw(
            s,
            actor=world.users["doanvien"],
            version_id=a,
            now=world.now,
            publisher=world.publisher(),
        )
        s.commit()
    with world.session() as s:
        unit_pub, area_pub = newest(s, "unit", UNIT), newest(s, "area", str(world.area.id))
        assert unit_pub.sequence > before["unit"] and area_pub.sequence > before["area"]
        assert unit_pub.revokes == [a] and area_pub.revokes == [a]
        # signed, verifiable, and without the withdrawn item; the rest of the schedule stays
        assert _items(world, unit_pub) == [publishing.item_id(b)]
        assert unit_pub.version_ids == [b]
        manifest = world.verify(publishing.bundle_path(world.out, unit_pub)).manifest
        assert manifest.schedule["rules"][0]["item_ids"] == [publishing.item_id(b)]
        assert (
            _items(world, area_pub) == []
            and world.verify(publishing.bundle_path(world.out, area_pub)).manifest.schedule["rules"]
            == []
        )
        # the area's bundle was re-issued first: the unit still gets its own
        served = sync.bundle_to_serve(
            s, s.get(Unit, UNIT), now=world.now, publisher=world.publisher()
        )
        assert served.id == unit_pub.id


def test_expiry_is_found_when_a_unit_asks_and_the_bundle_is_reissued(world, db_backend):
    with world.session() as s:
        short = world.approved(s, "Tin ngắn hạn.", valid_until=world.now + timedelta(hours=1))
        keep = world.approved(s, "Tin dài hạn.", freq=700)
        sch = world.schedule(s, [short, keep])
        first, _ = world.publish(s, sch.id)
        s.commit()
        first_seq = first.sequence
    later = world.now + timedelta(hours=2)
    with world.session() as s:
        pub = sync.bundle_to_serve(s, s.get(Unit, UNIT), now=later, publisher=world.publisher())
        s.commit()
        assert pub.sequence > first_seq and pub.revokes == [short.id]
        assert _items(world, pub, later) == [publishing.item_id(keep.id)]
        assert s.get(ScriptVersion, short.id).state == "expired"
    with world.session() as s:  # asked again: nothing more to do
        again = sync.bundle_to_serve(s, s.get(Unit, UNIT), now=later, publisher=world.publisher())
        assert again.id == pub.id


def test_a_lexicon_drop_takes_the_item_off_the_air(world, aired, db_backend):
    a = aired["a"]
    with world.session() as s:
        services.revoke_approval(
            s,
            version_id=a,
            why="lexicon changed",
            why_vi="từ điển thay đổi",
            now=world.now,
            actor=world.users["quantri"],
            publisher=world.publisher(),
        )
        s.commit()
    with world.session() as s:
        assert s.get(ScriptVersion, a).state == "submitted"
        assert publishing.item_id(a) not in _items(world, newest(s, "unit", UNIT))
        assert newest(s, "area", str(world.area.id)).revokes == [a]


def test_a_newer_approval_takes_the_old_version_off_the_air(world, aired, db_backend):
    a = aired["a"]
    with world.session() as s:
        old = s.get(ScriptVersion, a)
        v2 = services.new_version(
            s,
            actor=world.users["doanvien"],
            script_id=old.script_id,
            text="Phòng chống ma túy, bản mới.",
            now=world.now,
        )
        sha, _ = world.store.put_bytes(b"RIFF" + b"\0" * 100)
        services.submit(
            s,
            actor=world.users["doanvien"],
            version_id=v2.id,
            now=world.now,
            renders=RecordedRenders(),
        )
        v2.render_status, v2.render_sha256 = "done", sha
        services.approve(
            s,
            actor=world.users["congan"],
            version_id=v2.id,
            audio_sha256=sha,
            now=world.now,
            publisher=world.publisher(),
        )
        s.commit()
    with world.session() as s:
        assert s.get(ScriptVersion, a).state == "superseded"
        assert newest(s, "unit", UNIT).revokes == [a]


def test_without_a_publisher_an_approval_on_the_air_cannot_end(world, aired, db_backend):
    with world.session() as s:
        with pytest.raises(WorkflowError) as err:
            services.withdraw(
                s, actor=world.users["doanvien"], version_id=aired["a"], now=world.now
            )
        assert "phát hành lại" in err.value.reason_vi
        s.rollback()
        assert s.get(ScriptVersion, aired["a"]).state == "approved"


def test_the_server_never_serves_a_bundle_with_an_item_no_longer_approved(world, aired, db_backend):
    with world.session() as s:  # ended behind the services' back (a script, a restored backup)
        s.get(ScriptVersion, aired["b"]).state = "withdrawn"
        s.commit()
    with world.session() as s:
        with pytest.raises(publishing.BundleWithheld):
            sync.bundle_to_serve(s, s.get(Unit, UNIT), now=world.now, publisher=None)
        s.rollback()
        pub = sync.bundle_to_serve(s, s.get(Unit, UNIT), now=world.now, publisher=world.publisher())
        s.commit()
        assert pub.revokes == [aired["b"]] and _items(world, pub) == [
            publishing.item_id(aired["a"])
        ]


def test_an_expiry_between_two_sweeps_is_still_never_served(world, db_backend):
    with world.session() as s:
        short = world.approved(s, "Tin ngắn hạn.", valid_until=world.now + timedelta(hours=1))
        keep = world.approved(s, "Tin dài hạn.", freq=700)
        world.publish(s, world.schedule(s, [short, keep]).id)
        s.commit()
    expiry = sync.Periodic(30)
    ends = world.now + timedelta(hours=1)
    with world.session() as s:  # a poll sweeps just before the approval ends
        sync.bundle_to_serve(
            s,
            s.get(Unit, UNIT),
            now=ends - timedelta(seconds=5),
            publisher=world.publisher(),
            expiry=expiry,
        )
        s.commit()
    after = ends + timedelta(seconds=5)
    with world.session() as s:  # the next poll, before the next sweep is due
        pub = sync.bundle_to_serve(
            s, s.get(Unit, UNIT), now=after, publisher=world.publisher(), expiry=expiry
        )
        s.commit()
        assert _items(world, pub, after) == [publishing.item_id(keep.id)]
        assert s.get(ScriptVersion, short.id).state == "approved"  # the sweep has not run
    with world.session() as s:  # once due, the sweep marks it expired
        sync.bundle_to_serve(
            s,
            s.get(Unit, UNIT),
            now=after + timedelta(seconds=30),
            publisher=world.publisher(),
            expiry=expiry,
        )
        s.commit()
        assert s.get(ScriptVersion, short.id).state == "expired"

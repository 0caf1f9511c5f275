"""The devices dashboard: online/offline from the last heartbeat, clock trust, failed
broadcasts, bundle sequence; a unit's as-run log with filters and the verified-chain mark;
the GPS trail of a mobile rig; operators and reviewers kept to their areas."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlmodel import select

from content_library.models import AsRunRecord, SyncFlag, Unit, User
from content_library.types import Role
from tests.web.asrun_rows import ChainWriter, build_province, vn
from tests.web.conftest import add_people
from web.services import devices

NOW = vn(2026, 3, 10, 10, 0)  # u1 failed on 6 March: inside the 7-day window


@pytest.fixture
def fleet(session, db_backend):
    p = build_province(session)
    u1, u2 = session.get(Unit, "u1"), session.get(Unit, "u2")
    u1.last_seen_at = NOW - timedelta(seconds=20)
    u1.last_heartbeat = {"clock_trusted": True, "free_disk_mb": 900}
    u1.bundle_sequence = 7
    u2.last_seen_at = NOW - timedelta(minutes=30)
    u2.last_heartbeat = {"clock": {"trusted": False}}
    session.add_all([u1, u2, SyncFlag(unit_id="u2", kind="gap", detail="missing 5..6")])
    session.commit()
    return p


def by_id(session, area_ids):
    return {s.id: s for s in devices.fleet_status(session, area_ids=area_ids, now=NOW)}


def test_fleet_status(session, fleet):
    every = {a.id for a in fleet.values() if hasattr(a, "path")}
    st = by_id(session, every)
    assert set(st) == {"u1", "u2", "rig"}
    assert (st["u1"].online, st["u1"].clock_trusted, st["u1"].bundle_sequence) == (True, True, 7)
    assert (st["u2"].online, st["u2"].clock_trusted, st["u2"].flags) == (False, False, 1)
    assert (st["rig"].online, st["rig"].last_seen, st["rig"].clock_trusted) == (False, None, None)
    assert st["u1"].failures == 1 and st["u2"].failures == 0  # u2's entry is skipped, not failed
    # only the units placed in the areas asked for
    assert set(by_id(session, {fleet["c1"].id})) == {"u1"}


@pytest.mark.parametrize(
    ("hb", "want"),
    [
        ({}, None),
        ({"clock_trusted": False}, False),
        ({"clock": {"trusted": True}}, True),
        ({"clock": "untrusted"}, False),
        ({"clock_state": "synced"}, True),
    ],
)
def test_clock_trust_from_heartbeat_shapes(hb, want):
    assert devices.clock_trusted(hb) is want


def test_log_filters(session, fleet):
    flt = devices.LogFilter
    rows, total = devices.unit_log(session, "u1", flt())
    assert total == 7 and [r.seq for r in rows] == [7, 6, 5, 4, 3, 2, 1]
    rows, total = devices.unit_log(session, "u1", flt(kind="finished", topic="MA-TUY"))
    assert total == 4
    rows, total = devices.unit_log(
        session, "u1", flt(date_from=vn(2026, 3, 5), date_to=vn(2026, 3, 10))
    )
    assert sorted(r.seq for r in rows) == [2, 5, 6, 7]
    rows, total = devices.unit_log(session, "u1", flt(), limit=3, offset=3)
    assert [r.seq for r in rows] == [4, 3, 2] and total == 7


def test_chain_mark_verified_then_broken_by_a_forged_row(session, fleet):
    unit = session.get(Unit, "u1")
    rows, _ = devices.unit_log(session, "u1", devices.LogFilter())
    mark = devices.chain_mark(session, unit, rows)
    assert mark.state == "verified" and mark.check.checked == 7
    # a filtered page checks the span it shows and its link to the entry before
    rows, _ = devices.unit_log(session, "u1", devices.LogFilter(kind="failed"))
    assert devices.chain_mark(session, unit, rows).state == "verified"
    forged = session.exec(
        select(AsRunRecord).where(AsRunRecord.unit_id == "u1", AsRunRecord.seq == 3)
    ).one()
    forged.duration_s = 9999  # a denormalised column: does not break the signed chain
    forged.body = forged.body.replace('"kind":"finished"', '"kind":"finished" ')
    session.add(forged)
    session.commit()
    rows, _ = devices.unit_log(session, "u1", devices.LogFilter())
    mark = devices.chain_mark(session, unit, rows)
    assert (mark.state, mark.check.first_bad_seq) == ("broken", 3)
    assert "hash" in mark.check.reason


def test_chain_mark_catches_a_signature_from_another_key(session, fleet):
    unit = session.get(Unit, "u2")
    unit.public_key = session.get(Unit, "u1").public_key
    session.add(unit)
    session.commit()
    rows, _ = devices.unit_log(session, "u2", devices.LogFilter())
    mark = devices.chain_mark(session, unit, rows)
    assert (mark.state, mark.check.reason) == ("broken", "signature invalid")


def test_chain_mark_catches_a_missing_entry(session, fleet):
    gone = session.exec(
        select(AsRunRecord).where(AsRunRecord.unit_id == "rig", AsRunRecord.seq == 2)
    ).one()
    session.delete(gone)
    session.commit()
    rows, _ = devices.unit_log(session, "rig", devices.LogFilter())
    mark = devices.chain_mark(session, session.get(Unit, "rig"), rows)
    assert mark.state == "broken" and "sequence gap" in mark.check.reason


def test_gps_trail_oldest_first(session, fleet):
    trail = devices.gps_trail(session, "rig", devices.LogFilter())
    assert [(r.gps_lat, r.gps_lon) for r in trail] == [
        (10.0, 105.3),
        (10.01, 105.31),
        (10.02, 105.32),
    ]
    march = devices.gps_trail(session, "rig", devices.LogFilter(date_from=vn(2026, 3, 1)))
    assert len(march) == 2


# --- over HTTP -----------------------------------------------------------------------------


@pytest.fixture
def web_fleet(db, clock):
    p = build_province(db)
    clock.now = NOW
    u1 = db.get(Unit, "u1")
    u1.last_seen_at = NOW.astimezone(UTC) - timedelta(seconds=10)
    u1.last_heartbeat = {"clock_trusted": False}
    u1.bundle_sequence = 12
    db.add(u1)
    add_people(
        db,
        {"op_mot": [(Role.OPERATOR, p["c1"].id)], "ca_huyen": [(Role.REVIEWER, p["district"].id)]},
        now=NOW,
    )
    db.commit()
    return p


def test_dashboard_lists_only_the_units_in_my_area(panel, web_fleet):
    r = panel("op_mot").get("/devices")
    assert r.status_code == 200
    assert 'id="unit-u1" data-online="yes"' in r.text and "unit-u2" not in r.text
    assert "Đồng hồ chưa tin cậy" in r.text or "Clock not trusted" in r.text
    assert ">12<" in r.text  # the bundle sequence
    wide = panel("ca_huyen").get("/devices")
    assert all(f'id="unit-{u}"' in wide.text for u in ("u1", "u2", "rig"))
    assert 'id="unit-u2" data-online="no"' in wide.text


def test_unit_log_page_with_filters_mark_and_gps(panel, web_fleet):
    p = panel("ca_huyen")
    r = p.get("/devices/u1?kind=finished&topic=MA-TUY&date_from=2026-03-01&date_to=2026-03-31")
    assert r.status_code == 200
    assert r.text.count('<tr class="kind-finished">') == 4
    assert 'class="chain chain-verified"' in r.text
    rig = p.get("/devices/rig")
    assert "10.01000" in rig.text and "105.32000" in rig.text
    assert p.get("/devices/u1?kind=bogus").status_code == 422
    assert p.get("/devices/u1?date_from=yesterday").status_code == 422
    assert p.get("/devices/nope").status_code == 404


def test_operator_cannot_open_another_communes_unit(panel, web_fleet):
    p = panel("op_mot")
    assert p.get("/devices/u1").status_code == 200
    # another area's unit reads like one that does not exist
    assert p.get("/devices/u2").status_code == 404
    assert p.get("/devices/rig").status_code == 404  # placed in the district, above the commune


def test_unit_log_lists_sync_flags(panel, web_fleet, db):
    db.add(SyncFlag(unit_id="u2", kind="forged", detail="entry 4: signature invalid", at=NOW))
    db.commit()
    r = panel("ca_huyen").get("/devices/u2")
    assert 'id="sync-flags"' in r.text and "entry 4: signature invalid" in r.text
    assert 'id="sync-flags"' not in panel("ca_huyen").get("/devices/u1").text


def test_unit_log_gives_each_reason_in_the_readers_language(panel, web_fleet, db):
    """A unit signs its reasons in both languages; the log shows the reader's, and an entry
    from an older unit with only the English one shows that."""
    w = ChainWriter("u3")
    db.add(Unit(id="u3", name="Cụm 3", area_id=web_fleet["c1"].id, public_key=w.public_line))
    db.flush()
    en = "played; zone relay thon-2 could not be switched: not heard there"
    vi = "đã phát; không đóng được rơ-le vùng thon-2: ở đó không nghe được"
    w.add(db, "finished", at=NOW - timedelta(hours=2), duration_s=30, reason=en, reason_vi=vi)
    w.add(db, "failed", at=NOW - timedelta(hours=1), reason="audio device lost")
    db.commit()
    p = panel("ca_huyen")
    page = p.get("/devices/u3").text
    assert vi in page and en not in page
    assert "audio device lost" in page  # no Vietnamese reason was signed
    user = db.exec(select(User).where(User.username == "ca_huyen")).one()
    user.locale = "en"
    db.add(user)
    db.commit()
    page = p.get("/devices/u3").text
    assert en in page and vi not in page


# --- revocations (issue 12, item 2) --------------------------------------------------------


def test_withdrawing_an_aired_item_reissues_the_bundle_and_the_dashboard_shows_who_lags(
    panel, db, settings
):
    from content_library import publishing
    from content_library.models import Publication, Schedule
    from protocol.bundle import verify_bundle
    from protocol.keys import key_id, load_private_key
    from tests.web.test_schedules import approved_version, week_form

    a = approved_version(
        panel, db, title="Phòng chống ma túy", text="Ma túy là hiểm họa của toàn xã hội."
    )
    b = approved_version(
        panel, db, title="An toàn giao thông", text="Đã uống rượu bia thì không lái xe."
    )
    op = panel("daixa")
    r = op.post("/schedules/new", week_form([a, b], times="17:00"))
    assert r.status_code == 303, r.text[:1000]
    sid = db.exec(select(Schedule)).one().id
    assert op.post(f"/schedules/{sid}/publish").status_code == 303
    db.expire_all()
    first = db.exec(select(Publication)).one()
    assert first.version_ids == [a, b]
    unit = db.get(Unit, "ngoc-chuc-01")
    unit.bundle_sequence = first.sequence  # the unit has loaded it
    db.add(unit)
    db.commit()
    page = op.get("/devices").text
    assert "revocation-pending" not in page

    r = panel("doanvien").post(f"/versions/{a}/withdraw")
    assert r.status_code == 303
    db.expire_all()
    newest = db.exec(select(Publication).order_by(Publication.sequence.desc())).first()
    assert newest.sequence > first.sequence and newest.revokes == [a] and newest.version_ids == [b]
    key = load_private_key(settings.signing_key_path).public_key()
    manifest = verify_bundle(
        publishing.bundle_path(settings.outbox_dir, newest),
        trusted_keys={key_id(key): key},
        now=NOW.astimezone(UTC) + timedelta(days=1),
    ).manifest
    assert [i.id for i in manifest.items] == [publishing.item_id(b)]

    page = op.get("/devices").text
    assert "revocation-pending" in page
    assert f"Chưa nhận gói thu hồi số {newest.sequence}" in page
    unit = db.get(Unit, "ngoc-chuc-01")
    unit.bundle_sequence = newest.sequence  # the unit picked it up
    db.add(unit)
    db.commit()
    assert "revocation-pending" not in op.get("/devices").text

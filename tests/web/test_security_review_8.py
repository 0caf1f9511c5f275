"""An eighth independent security review (docs/security.md 27): a compromised unit that signs
what it likes about its plays and its area, a network attacker between the unit and the
panel, and a USB stick found in the field. Each test is the regression of a hole it found, or
pins a refusal that held and no earlier test pinned."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from content_library.demo import DEMO_UNIT_ID
from content_library.emergency_models import Emergency
from content_library.models import AsRunRecord, Asset, Unit, User

from .test_security_review_2 import _entry, _post
from .test_security_review_6 import _flags, _fresh_chain, _us

UNIT = DEMO_UNIT_ID
BASE = f"/api/v1/units/{UNIT}"


def _utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _issued_emergency(db, clock, *, audio_s: float | None, issued_ago: timedelta) -> str:
    """An emergency issued to the demo unit's area, its audio ``audio_s`` long."""
    unit = db.get(Unit, UNIT)
    sha = uuid.uuid4().hex * 2
    db.add(Asset(sha256=sha, size=1, media_type="audio/wav", duration_s=audio_s))
    em = Emergency(
        id=str(uuid.uuid4()),
        kind="template",
        title="Bão số 3",
        text="Bão số 3 đổ bộ.",
        area_ids=[unit.area_id],
        repeats=3,
        gap_s=60,
        expires_at=clock.now + timedelta(hours=6),
        state="issued",
        created_by=db.exec(select(User)).first().id,
        audio_sha256=sha,
        issued_at=clock.now - issued_ago,
        bundle_id=str(uuid.uuid4()),
    )
    db.add(em)
    db.commit()
    return em.id


# --- 1. a compromised unit: an emergency's plays in the reports ----------------------------


def test_an_emergency_play_is_bounded_by_its_audio_and_its_issue_time(
    panel, http, key, db, clock
) -> None:
    """An emergency's plays count in the reports like any item's, but its length and time were
    bounded by nothing of the emergency: 20 hours of a 20-second warning, or a play dated
    days before it was issued, were counted as the unit said."""
    eid = _issued_emergency(db, clock, audio_s=20.0, issued_ago=timedelta(days=1))
    _fresh_chain(db)
    after = clock.now - timedelta(hours=20)
    plays = [
        (clock.now - timedelta(days=10), 19.5),  # before the emergency existed
        (after, 20 * 3600.0),  # 20 hours of a 20-second warning
        (after, 19.5),  # true
    ]
    entries, prev = [], None
    for seq, (start, played) in enumerate(plays, start=1):
        fields = {
            "item": f"emergency-{eid}",
            "actual_start_us": _us(start),
            "duration_played_us": int(played * 1e6),
        }
        entry = _entry(key, seq, fields, **({"prev": prev} if prev else {}))
        entries.append(entry)
        prev = entry["hash"]
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": entries})
    assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
    db.expire_all()
    rows = {r.seq: r for r in db.exec(select(AsRunRecord)).all()}
    assert not any(r.undelivered for r in rows.values())  # an emergency the panel sent
    assert _utc(rows[1].actual_start) >= clock.now - timedelta(days=1, minutes=5)
    assert rows[2].duration_s is not None and 0 < rows[2].duration_s <= 20.0 * 1.01 + 2.0
    assert rows[3].duration_s == pytest.approx(19.5)
    assert [f.detail.split(":")[0] for f in _flags(db, "bad_time")] == ["seq 1"]
    assert [f.detail.split(":")[0] for f in _flags(db, "bad_duration")] == ["seq 2"]

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


# --- 2. a found USB stick: what protocol.bundle.verify_bundle refuses ----------------------


@pytest.mark.parametrize("case", ["retired-key", "forged-key-id", "another-unit", "downgraded"])
def test_a_found_sticks_bundle_is_refused_by_the_verifier_in_vietnamese(tmp_path, case) -> None:
    """A stick found in the field: a bundle signed by a key the unit no longer trusts (rotated
    away), one signed by another key under a trusted key's id, one for another unit, and one
    older than the unit holds. Each is refused by the verifier itself, with its reason in
    Vietnamese, whatever the caller does next."""
    from dataclasses import replace

    from protocol import keys as signing
    from protocol import sequence as S
    from protocol.bundle import build_bundle, verify_bundle
    from protocol.errors import BundleRejected
    from protocol.manifest import Target
    from tests.protocol.test_sequence import NOW, UNIT, Panel

    panel = Panel(tmp_path)
    S.record_accepted(panel.state, panel.manifest(sequence=9, target=UNIT))
    manifest = panel.manifest(sequence=10, target=UNIT)
    trusted = panel.trusted
    path = None
    if case == "retired-key":
        _, new_pub = signing.generate_keypair()
        trusted = {signing.key_id(new_pub): new_pub}  # the old key was taken off the unit
        expected = ("untrusted_key", f"được ký bằng khóa không tin cậy {panel.kid}")
    elif case == "forged-key-id":
        thief, thief_pub = signing.generate_keypair()  # signs, then names the panel's key
        thief_kid = signing.key_id(thief_pub)
        path = build_bundle(
            replace(manifest, key_id=thief_kid),
            {panel.sha: panel.wav},
            signing_key=thief,
            out_path=tmp_path / "forged.loa",
            now=NOW,
        )
        path.write_bytes(path.read_bytes().replace(thief_kid.encode(), panel.kid.encode()))
        expected = ("bad_signature", f"chữ ký không hợp lệ (khóa {panel.kid})")
    elif case == "another-unit":
        manifest = replace(manifest, target=Target(units=("unit-02",)))
        expected = ("wrong_target", "gói không gửi tới loa unit-01")
    else:
        manifest = panel.manifest(sequence=8, target=UNIT)
        expected = ("stale_sequence", "số thứ tự 8 không mới hơn 9 đã nhận từ máy chủ này")
    if path is None:
        path = panel.build(manifest)
    with pytest.raises(BundleRejected) as err:
        verify_bundle(
            path,
            trusted_keys=trusted,
            now=NOW,
            state_dir=panel.state,
            unit_id="unit-01",
            unit_areas=("xa-tan-phu",),
        )
    assert err.value.code == expected[0], err.value.reason
    assert err.value.reason_vi.startswith(expected[1]), err.value.reason_vi
    assert S.newest_accepted(panel.state, panel.kid)[0] == 9  # nothing recorded


# --- 3. a compromised unit: the reasons it signs, on the unit's log page -------------------


def test_a_units_reasons_in_both_languages_are_shown_escaped_on_its_log(
    panel, http, key, db, clock
) -> None:
    """The unit's log page now reads each entry's Vietnamese reason out of the signed body (not
    the stored column): markup in either language reaches the page as text."""
    _fresh_chain(db)
    en = '<script>alert("en")</script>'
    vi = "<img src=x onerror=\"alert('vi')\">Loa hỏng"
    fields = {"item": "x", "actual_start_us": _us(clock.now), "reason": en, "reason_vi": vi}
    r = _post(http, key, clock, f"{BASE}/asrun", {"entries": [_entry(key, 1, fields)]})
    assert r.status_code == 200, r.text
    page = panel("daixa")
    html = page.get(f"/devices/{UNIT}").text
    assert "&lt;img src=x onerror=" in html and "Loa hỏng" in html  # the Vietnamese one, as text
    assert "<img src=x" not in html and "<script>alert" not in html
    user = db.exec(select(User).where(User.username == "daixa")).one()
    user.locale = "en"
    db.add(user)
    db.commit()
    html = page.get(f"/devices/{UNIT}").text
    assert "&lt;script&gt;alert(" in html and "<script>alert" not in html

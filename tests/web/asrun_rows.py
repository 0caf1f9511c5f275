"""Test helpers for reports and the devices dashboard: signed as-run rows as the sync endpoint
stores them, and a small province whose March 2026 figures are computed by hand below."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from content_library.models import Area, AsRunRecord, ReportTarget, Topic, Unit
from protocol.asrun_chain import DOMAIN, GENESIS_HASH
from protocol.canonical import canonical_text as canonical_json
from protocol.keys import public_key_line

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)


@dataclass
class ChainWriter:
    """Writes one unit's entries the way playout.asrun.AsRunLog signs them."""

    unit_id: str
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    seq: int = 0
    prev: str = GENESIS_HASH

    @property
    def public_line(self) -> str:
        return public_key_line(self.key.public_key())

    def add(
        self,
        session: Session,
        kind: str,
        *,
        at: datetime,
        topic: str | None = None,
        area_id: int | None = None,
        duration_s: float | None = None,
        reason: str | None = None,
        reason_vi: str | None = None,
        gps: tuple[float, float] | None = None,
    ) -> AsRunRecord:
        self.seq += 1
        us = int(at.timestamp() * 1_000_000)
        fields: dict = {"item": f"item-{self.seq}", "actual_start_us": us}
        if duration_s is not None:
            fields["duration_played_us"] = int(duration_s * 1_000_000)
        if reason:
            fields["reason"] = reason
        if reason_vi:
            fields["reason_vi"] = reason_vi
        if gps:
            fields["gps"] = {"lat": gps[0], "lon": gps[1]}
        body = canonical_json(
            {
                "v": 1,
                "seq": self.seq,
                "kind": kind,
                "unit_id": self.unit_id,
                "logged_us": us,
                "prev_hash": self.prev,
                "fields": fields,
            }
        )
        entry_hash = hashlib.sha256(body.encode()).hexdigest()
        sig = self.key.sign(DOMAIN + bytes.fromhex(entry_hash)).hex()
        row = AsRunRecord(
            unit_id=self.unit_id,
            seq=self.seq,
            entry_hash=entry_hash,
            prev_hash=self.prev,
            kind=kind,
            item_id=fields["item"],
            topic_code=topic,
            area_id=area_id,
            actual_start=at.astimezone(UTC),
            scheduled_start=at.astimezone(UTC),
            duration_s=duration_s,
            reason=reason,
            gps_lat=gps[0] if gps else None,
            gps_lon=gps[1] if gps else None,
            body=body,
            signature=sig,
            bundle_sequence=3,
        )
        session.add(row)
        self.prev = entry_hash
        return row


def add_area(session: Session, name: str, kind: str, parent: Area | None) -> Area:
    a = Area(name=name, kind=kind, parent_id=parent.id if parent else None)
    session.add(a)
    session.flush()
    a.path = (parent.path if parent else "/") + f"{a.id}/"
    session.add(a)
    session.flush()
    return a


def topic(session: Session, code: str, name: str) -> Topic:
    t = session.exec(select(Topic).where(Topic.code == code)).first()
    if t is None:
        t = Topic(code=code, name=name)
        session.add(t)
        session.flush()
    return t


# Expected figures of the March 2026 report over the province (computed by hand from the rows
# written in build_province; see the comments there).
MARCH = {
    "broadcasts": 9,
    "seconds": 1200.0,
    "minutes": 20.0,
    "failed": 1,
    "skipped": 1,
    "topic": {"MA-TUY": (6, 13.5, 2), "ATGT": (3, 6.5, 0)},  # broadcasts, minutes, failures
    "area": {
        "Xã Một": (6, 930.0),
        "Xã Hai": (3, 270.0),
        "Ấp 1A": (3, 600.0),
        "Ấp 1B": (3, 330.0),
        "Ấp 2A": (3, 270.0),
        "Ấp 2B": (0, 0.0),
        "Huyện Thử": (9, 1200.0),
        "Tỉnh Thử": (9, 1200.0),
    },
    "unit": {"u1": (5, 15.0, 1), "u2": (2, 3.0, 1), "rig": (2, 2.0, 0)},
    "covered": {"Ấp 1A", "Ấp 1B", "Ấp 2A"},
    "failures": [("failed", "amplifier relay fault", 1), ("skipped", "quiet hours", 1)],
}
NOW_AFTER_MARCH = vn(2026, 4, 5, 9, 0)


def build_province(session: Session) -> dict:
    """Tỉnh Thử → Huyện Thử → Xã Một (Ấp 1A, 1B), Xã Hai (Ấp 2A, 2B); units u1 (Xã Một), u2
    (Xã Hai), rig (mobile, the district). Targets: ≥4 MA-TUY per commune per month (province),
    ≥10 of any topic per year (Xã Hai)."""
    prov = add_area(session, "Tỉnh Thử", "province", None)
    dist = add_area(session, "Huyện Thử", "district", prov)
    c1 = add_area(session, "Xã Một", "commune", dist)
    c2 = add_area(session, "Xã Hai", "commune", dist)
    v1a, v1b = add_area(session, "Ấp 1A", "village", c1), add_area(session, "Ấp 1B", "village", c1)
    v2a, v2b = add_area(session, "Ấp 2A", "village", c2), add_area(session, "Ấp 2B", "village", c2)
    drug = topic(session, "MA-TUY", "Phòng, chống ma túy")
    topic(session, "ATGT", "An toàn giao thông")
    w = {uid: ChainWriter(uid) for uid in ("u1", "u2", "rig")}
    session.add(
        Unit(
            id="u1", name="Đài Xã Một", area_id=c1.id, kind="fixed", public_key=w["u1"].public_line
        )
    )
    session.add(
        Unit(
            id="u2", name="Đài Xã Hai", area_id=c2.id, kind="fixed", public_key=w["u2"].public_line
        )
    )
    session.add(
        Unit(
            id="rig",
            name="Loa di động",
            area_id=dist.id,
            kind="mobile",
            public_key=w["rig"].public_line,
        )
    )
    session.flush()
    u1, u2, rig = w["u1"], w["u2"], w["rig"]
    # u1 (Xã Một): 4 MA-TUY (600 s) + 1 ATGT (300 s) finished, 1 failed, 1 started (not counted)
    u1.add(
        session, "finished", at=vn(2026, 3, 2, 8), topic="MA-TUY", area_id=v1a.id, duration_s=120
    )
    u1.add(
        session, "finished", at=vn(2026, 3, 9, 8), topic="MA-TUY", area_id=v1a.id, duration_s=180
    )
    u1.add(
        session, "finished", at=vn(2026, 3, 16, 8), topic="MA-TUY", area_id=v1b.id, duration_s=60
    )
    u1.add(
        session, "finished", at=vn(2026, 3, 23, 8), topic="MA-TUY", area_id=v1b.id, duration_s=240
    )
    u1.add(session, "finished", at=vn(2026, 3, 5, 17), topic="ATGT", area_id=v1a.id, duration_s=300)
    u1.add(
        session,
        "failed",
        at=vn(2026, 3, 6, 17),
        topic="MA-TUY",
        area_id=v1a.id,
        reason="amplifier relay fault",
    )
    u1.add(session, "started", at=vn(2026, 3, 7, 17), topic="MA-TUY", area_id=v1a.id)
    # u2 (Xã Hai): 1 MA-TUY 120 s; ATGT at 01:00 on 1 March VN (still Feb in UTC: counted);
    # ATGT at 06:00 on 1 April VN (still March in UTC: not counted); one skipped
    u2.add(
        session, "finished", at=vn(2026, 3, 10, 8), topic="MA-TUY", area_id=v2a.id, duration_s=120
    )
    u2.add(session, "finished", at=vn(2026, 3, 1, 1), topic="ATGT", area_id=v2a.id, duration_s=60)
    u2.add(session, "finished", at=vn(2026, 4, 1, 6), topic="ATGT", area_id=v2a.id, duration_s=60)
    u2.add(
        session,
        "skipped",
        at=vn(2026, 3, 12, 23),
        topic="MA-TUY",
        area_id=v2a.id,
        reason="quiet hours",
    )
    # the mobile rig: one February broadcast (not in March), then two in March with GPS
    rig.add(
        session,
        "finished",
        at=vn(2026, 2, 20, 9),
        topic="MA-TUY",
        area_id=v2b.id,
        duration_s=100,
        gps=(10.0, 105.3),
    )
    rig.add(
        session,
        "finished",
        at=vn(2026, 3, 15, 9),
        topic="MA-TUY",
        area_id=v2a.id,
        duration_s=90,
        gps=(10.01, 105.31),
    )
    rig.add(
        session,
        "finished",
        at=vn(2026, 3, 15, 10),
        topic="ATGT",
        area_id=v1b.id,
        duration_s=30,
        gps=(10.02, 105.32),
    )
    session.add(ReportTarget(area_id=prov.id, topic_id=drug.id, period="month", min_broadcasts=4))
    session.add(ReportTarget(area_id=c2.id, topic_id=None, period="year", min_broadcasts=10))
    session.commit()
    return {
        "province": prov,
        "district": dist,
        "c1": c1,
        "c2": c2,
        "v1a": v1a,
        "v1b": v1b,
        "v2a": v2a,
        "v2b": v2b,
        "writers": w,
    }

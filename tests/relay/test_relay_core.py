"""Relay windows in the playout decisions, as plain data (no clock read, no network): the
channel comes only from the bundle's `relays`; an expired channel approval is a skip with its
reason; what is left of a window after an emergency."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from content_library import bundle as B
from playout import core
from protocol.manifest import Relay

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2027, 1, 4, 5, 29, 50, tzinfo=VN)  # a Monday, ten seconds before 05:30


def manifest(*, valid_until: datetime | None = None) -> B.Manifest:
    ap = B.Approval(
        id="ap-vov1",
        reviewer="Công an xã",
        approved_at=T0 - timedelta(days=3),
        valid_from=T0 - timedelta(days=2),
        valid_until=valid_until or T0 + timedelta(days=30),
    )
    return B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(units=("unit-01",)),
        sequence=1,
        issued_at=T0 - timedelta(hours=1),
        expires_at=T0 + timedelta(days=7),
        key_id="0123456789abcdef",
        items=(),
        schedule={
            "format": 1,
            "rules": [
                {"kind": "relay", "relay": "vov1", "window": {"start": "05:30", "end": "06:00"}}
            ],
            "policy": {"quiet_hours": None},
        },
        relays=(Relay("vov1", "VOV1", "https://stream.example/vov1", "mp3", None, ap),),
    )


def candidates(m: B.Manifest) -> list[core.Candidate]:
    cands, _schedule, warnings = core.build_candidates(
        m, core.items_meta(m), wall=T0, horizon_s=3600, lookback_s=60
    )
    assert warnings == []
    return cands


def test_a_relay_window_is_a_candidate_with_the_bundle_s_channel():
    [c] = candidates(manifest())
    assert c.key == "relay:vov1@2027-01-04T05:30:00+07:00"
    assert c.relay == core.RelayChannel("vov1", "VOV1", "https://stream.example/vov1", "mp3", None)
    assert c.start == T0 + timedelta(seconds=10) and c.end == T0 + timedelta(minutes=30, seconds=10)
    assert c.item.duration_s == 1800.0 and c.item.approval_id == "ap-vov1"
    assert c.drop_reason is None


def test_an_expired_channel_approval_is_skipped_with_its_reason():
    m = manifest(valid_until=T0 + timedelta(seconds=5))  # ends before the window starts
    [c] = candidates(m)
    sit = core.Situation(now=100.0, wall=T0 + timedelta(seconds=8), trusted=True, amp_ready_at=0)
    d = core.decide(sit, candidates=[c], history={}, active=[], policy=core.Policy())
    assert d.arms == []
    [skip] = d.skips
    assert "approval ap-vov1 expired" in skip.reason
    assert "phê duyệt ap-vov1 đã hết hạn" in skip.reason_vi


def test_a_relay_window_is_armed_ahead_like_a_broadcast():
    [c] = candidates(manifest())
    sit = core.Situation(now=100.0, wall=T0 + timedelta(seconds=8), trusted=True, amp_ready_at=0)
    d = core.decide(sit, candidates=[c], history={}, active=[], policy=core.Policy())
    [arm] = d.arms
    assert arm.at == 102.0 and arm.candidate.relay is not None  # its first sample at 05:30


def test_what_is_left_of_a_window_after_an_emergency():
    [c] = candidates(manifest())
    later = T0 + timedelta(minutes=10)
    rest = core.relay_resume(c, 1, wall=later)
    assert rest is not None
    assert rest.key == c.key + "~1" and rest.start is None and rest.end == c.end
    assert rest.item.duration_s == (c.end - later).total_seconds()
    assert rest.relay == c.relay
    assert core.relay_resume(rest, 2, wall=later).key == c.key + "~2"
    assert core.relay_resume(c, 1, wall=c.end) is None  # the window is over


def test_a_window_naming_a_channel_the_bundle_lacks_is_never_opened():
    from content_library.types import Priority
    from scheduler.timeline import PlanEntry

    start = T0 + timedelta(seconds=10)
    entry = PlanEntry(
        start, start + timedelta(minutes=30), "vov2", Priority.NORMAL, 0, relay="vov2"
    )
    c = core._relay_candidate(entry, core.relay_channels(manifest()), None)
    assert c.relay is not None and c.relay.url == ""  # no address to open
    assert c.drop_reason is not None
    assert "not in the active bundle" in c.drop_reason[0]
    assert "không có trong gói đang dùng" in c.drop_reason[1]
    sit = core.Situation(now=100.0, wall=T0 + timedelta(seconds=8), trusted=True, amp_ready_at=0)
    d = core.decide(sit, candidates=[c], history={}, active=[], policy=core.Policy())
    assert d.arms == [] and [s.candidate.key for s in d.skips] == [c.key]

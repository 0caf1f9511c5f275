"""The pure decisions for issued emergencies (playout.core): which repeat is due, when, and
what it pre-empts (a scheduled broadcast, a relay window, the loop) or cuts."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from content_library.types import Priority
from playout import core
from playout.core import Active, EmergencyRun, ItemMeta, KeyState, Kind, Policy, Situation

VN = ZoneInfo("Asia/Ho_Chi_Minh")
W = datetime(2026, 11, 20, 23, 30, tzinfo=VN)  # in quiet hours: it does not matter
EID = "5f0c6a1e-15ab-4c1d-9e2f-0123456789ab"


def _item(priority=Priority.EMERGENCY, duration=10.0) -> ItemMeta:
    return ItemMeta(
        "E",
        "Bão số 3",
        priority,
        "a" * 64,
        duration,
        "ap",
        W - timedelta(days=1),
        W + timedelta(days=1),
    )


def _run(**over) -> EmergencyRun:
    fields = dict(
        id=EID,
        item=_item(),
        repeats=3,
        gap_s=30.0,
        start_at=W - timedelta(minutes=1),
        arrived_at=W,
        expires_at=W + timedelta(hours=1),
        state="active",
        played=0,
        last_end=None,
    )
    fields.update(over)
    return EmergencyRun(**fields)


def test_keys_round_trip():
    key = core.emergency_run_key(EID, 2)
    assert core.parse_emergency_run_key(key) == (EID, 2)
    assert core.parse_emergency_run_key("emergency:E:ap-E") is None
    assert core.parse_emergency_run_key("A@2026-11-20T07:00:00+07:00") is None


def test_first_repeat_from_max_of_start_and_arrival():
    late = _run(start_at=W + timedelta(seconds=20))
    assert core.emergency_candidates([late], wall=W, history={}) == []
    [c] = core.emergency_candidates([late], wall=W + timedelta(seconds=20), history={})
    assert c.key == core.emergency_run_key(EID, 1) and c.kind is Kind.EMERGENCY
    assert c.start is None and c.expires_at == late.expires_at
    # arrival after start_at: at once
    [c] = core.emergency_candidates([_run()], wall=W, history={})
    assert c.key.endswith("repeat-1")


def test_next_repeat_waits_for_the_gap_after_the_last_end():
    run = _run(played=1, last_end=W + timedelta(seconds=10))
    assert core.emergency_candidates([run], wall=W + timedelta(seconds=39), history={}) == []
    [c] = core.emergency_candidates([run], wall=W + timedelta(seconds=40), history={})
    assert c.key.endswith("repeat-2")
    # every repeat spent
    done = _run(played=3, last_end=W)
    assert core.emergency_candidates([done], wall=W + timedelta(hours=0.5), history={}) == []


def test_a_repeat_done_in_the_history_counts_as_spent():
    hist = {core.emergency_run_key(EID, 1): KeyState(done=True)}
    run = _run(played=0)
    assert core.next_emergency_repeat(run, hist) == 2
    hist[core.emergency_run_key(EID, 2)] = KeyState(done=True)
    hist[core.emergency_run_key(EID, 3)] = KeyState(done=True)
    assert core.next_emergency_repeat(run, hist) is None


def test_stopped_finished_or_expired_give_nothing_and_are_cut():
    for run in (
        _run(state="stopped"),
        _run(state="finished"),
        _run(expires_at=W),
    ):
        assert core.emergency_candidates([run], wall=W, history={}) == []
    key = core.emergency_run_key(EID, 1)
    cut = core.emergencies_to_cut({EID: _run(state="stopped")}, [key, "A@x"], wall=W)
    assert cut == [(key, ("emergency stopped", "đã dừng phát khẩn cấp"))]
    [(k, (en, _vi))] = core.emergencies_to_cut({EID: _run(expires_at=W)}, [key], wall=W)
    assert k == key and "expired" in en
    assert core.emergencies_to_cut({}, [key], wall=W)[0][0] == key  # dropped from the overlay
    assert core.emergencies_to_cut({EID: _run()}, [key], wall=W) == []


def _decide(active):
    [c] = core.emergency_candidates([_run()], wall=W, history={})
    sit = Situation(now=100.0, wall=W, trusted=True, amp_ready_at=0.0)
    return c, core.decide(sit, candidates=[c], history={}, active=active, policy=Policy())


def test_it_pre_empts_a_relay_window_a_scheduled_broadcast_and_the_loop():
    for kind, rank in (
        (Kind.SCHEDULED, Priority.NORMAL.rank),  # a relay window is a scheduled candidate
        (Kind.SCHEDULED, Priority.PRIORITY.rank),
        (Kind.LOOP, -1),
    ):
        on_air = Active("relay:vov1@x", kind, rank, 90.0, 200.0, started=True)
        c, d = _decide([on_air])
        assert [s.key for s in d.stops] == ["relay:vov1@x"]
        assert d.stops[0].fade_s == Policy().fade_s
        [arm] = d.arms
        assert arm.candidate.key == c.key and arm.at <= 100.0 + 0.06


def test_it_waits_behind_another_emergency_and_ignores_the_ordinary_expiry():
    other = Active("emergency:X:ap", Kind.EMERGENCY, Priority.EMERGENCY.rank, 95.0, 105.0, True)
    c, d = _decide([other])
    assert d.stops == [] and d.arms[0].at == 105.0
    # the ordinary bundle expired: the emergency has its own expiry
    sit = Situation(
        now=100.0, wall=W, trusted=True, amp_ready_at=0.0, bundle_expires_at=W - timedelta(days=1)
    )
    d = core.decide(sit, candidates=[c], history={}, active=[], policy=Policy())
    assert d.skips == [] and len(d.arms) == 1

"""Relay rules (tiếp sóng): windows in the plan with the priorities, quiet hours, caps and
conflict checks of items; refused in quiet hours before a bundle is made; emergencies
pre-empt a relay, which resumes after them. Times are passed in: no clock is read."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content_library.types import Priority
from scheduler.errors import ScheduleError
from scheduler.plan import ItemInfo, expand, plan_from_manifest, schedule_from_manifest
from scheduler.policy import check_relay_windows, relay_windows_in_quiet_hours
from scheduler.rules import RelayRule, Schedule, parse_schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P, E = Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY


def at(day: int, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(2027, 1, day, hh, mm, ss, tzinfo=VN)  # 4 January 2027 is a Monday


def relay(start: str, end: str, **more) -> dict:
    return {"kind": "relay", "relay": "vov1", "window": {"start": start, "end": end}, **more}


def schedule(*rules, **policy) -> Schedule:
    return Schedule.model_validate(
        {"rules": list(rules), "policy": {"quiet_hours": None, **policy}}
    )


def once(when: datetime, ids) -> dict:
    return {"kind": "once", "at": when.isoformat(), "item_ids": ids}


def spans(entries) -> list[tuple[str, str, str]]:
    return [(e.start.strftime("%d %H:%M"), e.end.strftime("%d %H:%M"), e.item_id) for e in entries]


# ---- the rule ----------------------------------------------------------------------------


def test_a_relay_rule_parses_and_round_trips():
    data = {
        "rules": [relay("5:30", "06:00", weekdays=[4, 0, 1, 2, 3, 3], name="VOV sáng")],
        "policy": {"quiet_hours": {"start": "22:00", "end": "05:00"}},
    }
    sched = parse_schedule(data, item_ids=[], relay_ids=["vov1"])
    [rule] = sched.rules
    assert isinstance(rule, RelayRule)
    assert rule.window.start == "05:30" and rule.weekdays == [0, 1, 2, 3, 4]
    assert rule.window.length() == timedelta(minutes=30)
    assert rule.item_ids == [] and sched.relay_ids() == {"vov1"}
    again = parse_schedule(sched.model_dump(mode="json"), item_ids=[], relay_ids=["vov1"])
    assert again == sched


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (relay("05:30", "05:30"), "empty"),
        (relay("06:00", "19:00"), "longer than 12 hours"),
        (relay("25:00", "06:00"), "bad time"),
        ({**relay("05:30", "06:00"), "relay": "VOV 1"}, "relay"),
        ({**relay("05:30", "06:00"), "priority": "emergency"}, "priority"),
        ({**relay("05:30", "06:00"), "item_ids": ["a"]}, "item_ids"),
        ({"kind": "relay", "relay": "vov1"}, "window"),
        (relay("05:30", "06:00", start_date="2027-02-01", end_date="2027-01-01"), "before"),
    ],
)
def test_bad_relay_rules_are_refused_with_a_reason(rule, words):
    with pytest.raises(ScheduleError) as exc:
        parse_schedule({"rules": [rule]})
    assert words in exc.value.reason
    assert exc.value.reason_vi.startswith("Lịch phát không hợp lệ")


def test_a_relay_rule_naming_a_channel_the_bundle_lacks_is_refused():
    with pytest.raises(ScheduleError, match="unknown relay channels: vov1"):
        parse_schedule({"rules": [relay("05:30", "06:00")]}, relay_ids=["vtv-tinh"])
    sched = parse_schedule({"rules": [relay("05:30", "06:00")]})
    with pytest.raises(ScheduleError) as exc:
        sched.check_relays([])
    assert exc.value.code == "relay_unknown"
    assert "tiếp sóng kênh không có trong gói: vov1" in exc.value.reason_vi


def test_the_manifest_schedule_check_refuses_unknown_channels():
    manifest = {"items": [], "schedule": {"rules": [relay("05:30", "06:00")]}}
    with pytest.raises(ScheduleError, match="unknown relay channels: vov1"):
        schedule_from_manifest(manifest, {})
    manifest["relays"] = [{"id": "vov1", "name": "VOV1", "url": "http://127.0.0.1:8010/vov1"}]
    assert schedule_from_manifest(manifest, {}).relay_ids() == {"vov1"}


# ---- in the plan -------------------------------------------------------------------------


def test_weekday_windows_are_entries_marked_as_relays():
    sched = schedule(
        relay("05:30", "06:00", weekdays=[0, 1, 2, 3, 4]),
        relay("18:00", "18:30", weekdays=[0, 1, 2, 3, 4]),
    )
    plan = expand(sched, {}, start=at(8, 0), end=at(11, 0))  # Friday to Sunday
    assert spans(plan.entries) == [
        ("08 05:30", "08 06:00", "vov1"),
        ("08 18:00", "08 18:30", "vov1"),
    ]
    assert all(e.relay == "vov1" and e.priority is N for e in plan.entries)
    assert plan.entries[0].to_json() == {
        "start": "2027-01-08T05:30:00+07:00",
        "end": "2027-01-08T06:00:00+07:00",
        "item": "vov1",
        "priority": "normal",
        "relay": "vov1",
    }


def test_a_window_across_midnight_and_a_campaign():
    sched = schedule(relay("23:50", "00:20", start_date="2027-01-05", end_date="2027-01-05"))
    plan = expand(sched, {}, start=at(4, 0), end=at(8, 0))
    assert spans(plan.entries) == [("05 23:50", "06 00:20", "vov1")]


def test_the_0315_relay_is_refused_before_publishing_and_dropped_by_the_plan():
    # The complaint: a relay time set wrong after repairs played national radio at 03:15.
    sched = schedule(
        relay("03:15", "03:45"),
        relay("05:30", "06:00"),
        quiet_hours={"start": "22:00", "end": "05:00"},
    )
    [(index, rule, quiet)] = relay_windows_in_quiet_hours(sched)
    assert (index, rule.window.label(), quiet.label()) == (0, "03:15–03:45", "22:00–05:00")
    with pytest.raises(ScheduleError) as exc:
        check_relay_windows(sched)
    assert exc.value.code == "relay_quiet_hours"
    assert exc.value.reason_vi.startswith("Không được tiếp sóng trong giờ yên tĩnh")
    assert "03:15–03:45" in exc.value.reason_vi and "22:00–05:00" in exc.value.reason_vi
    # Should such a bundle reach a unit all the same, its plan drops the window.
    plan = expand(sched, {}, start=at(4, 0), end=at(5, 0))
    assert spans(plan.entries) == [("04 05:30", "04 06:00", "vov1")]
    [v] = plan.violations
    assert v.kind == "quiet_hours" and v.entry.relay == "vov1"
    assert "tiếp sóng 'vov1'" in v.reason_vi and "giờ yên tĩnh" in v.reason_vi


@pytest.mark.parametrize(
    ("window", "refused"),
    [
        (("04:45", "05:15"), True),  # runs into the end of the night
        (("21:45", "22:15"), True),  # runs into the start of it
        (("05:00", "05:30"), False),  # starts as quiet hours end
        (("21:30", "22:00"), False),  # ends as they start
    ],
)
def test_the_quiet_hours_check_is_on_the_window_edges(window, refused):
    sched = schedule(relay(*window), quiet_hours={"start": "22:00", "end": "05:00"})
    assert bool(relay_windows_in_quiet_hours(sched)) is refused


def test_without_quiet_hours_a_relay_is_still_kept_out_of_the_night():
    sched = schedule(relay("03:15", "03:45"))  # the area has no quiet hours
    with pytest.raises(ScheduleError, match="22:00–05:00"):
        check_relay_windows(sched)
    check_relay_windows(schedule(relay("11:00", "11:30")))  # daytime: fine


def test_an_emergency_pre_empts_a_relay_which_resumes_after_it():
    sched = schedule(relay("05:30", "06:00"), once(at(4, 5, 40), ["lu"]))
    plan = expand(sched, {"lu": ItemInfo("lu", 300.0, E)}, start=at(4, 0), end=at(5, 0))
    assert spans(plan.entries) == [
        ("04 05:30", "04 05:40", "vov1"),
        ("04 05:40", "04 05:45", "lu"),
        ("04 05:45", "04 06:00", "vov1"),
    ]
    assert [e.repeat_index for e in plan.entries if e.relay] == [0, 1]
    [c] = plan.conflicts
    assert c.kind == "preempted" and c.entry.start == at(4, 5, 30) and c.other.item_id == "lu"
    assert "resumes" in c.reason and "tiếp tục" in c.reason_vi


def test_an_unscheduled_emergency_now_pre_empts_the_relay():
    sched = schedule(relay("05:30", "06:00"))
    items = {"bao": ItemInfo("bao", 120.0, E)}
    plan = expand(sched, items, start=at(4, 0), end=at(5, 0), now=at(4, 5, 59, 30))
    # 05:59:30 + 2 min ends after the window: the relay does not resume.
    assert spans(plan.entries) == [
        ("04 05:30", "04 05:59", "vov1"),
        ("04 05:59", "04 06:01", "bao"),
    ]
    assert plan.entries[0].end == at(4, 5, 59, 30)


def test_a_remainder_under_a_minute_is_not_resumed():
    sched = schedule(relay("05:30", "06:00"), once(at(4, 5, 29, 30), ["lu"]))
    plan = expand(sched, {"lu": ItemInfo("lu", 1800 - 10.0, E)}, start=at(4, 0), end=at(5, 0))
    assert [e.item_id for e in plan.entries] == ["lu"]
    [c] = plan.conflicts
    assert c.kind == "dropped" and c.entry.relay == "vov1"


def test_priorities_between_relays_and_items():
    # A priority item cuts into a normal relay; a normal item inside a priority relay is dropped.
    sched = schedule(
        relay("05:30", "06:00"),
        once(at(4, 5, 50), ["p"]),
        relay("18:00", "18:30", priority="priority"),
        once(at(4, 18, 10), ["n"]),
    )
    items = {"p": ItemInfo("p", 120.0, P), "n": ItemInfo("n", 60.0, N)}
    plan = expand(sched, items, start=at(4, 0), end=at(5, 0))
    assert spans(plan.entries) == [
        ("04 05:30", "04 05:50", "vov1"),
        ("04 05:50", "04 05:52", "p"),
        ("04 05:52", "04 06:00", "vov1"),
        ("04 18:00", "04 18:30", "vov1"),
    ]
    assert [(c.kind, c.entry.item_id) for c in plan.conflicts] == [
        ("preempted", "vov1"),
        ("dropped", "n"),
    ]


def test_an_equal_priority_item_delays_a_relay_which_ends_with_its_window():
    sched = schedule(once(at(4, 5, 27), ["a"]), relay("05:30", "06:00"), queue_tolerance_s=300)
    plan = expand(sched, {"a": ItemInfo("a", 300.0, N)}, start=at(4, 0), end=at(5, 0))
    assert spans(plan.entries) == [("04 05:27", "04 05:32", "a"), ("04 05:32", "04 06:00", "vov1")]
    assert plan.entries[1].delay_s == 120
    # Beyond the tolerance the relay is dropped, like an item.
    plan = expand(sched, {"a": ItemInfo("a", 900.0, N)}, start=at(4, 0), end=at(5, 0))
    assert [e.item_id for e in plan.entries] == ["a"]
    assert [(c.kind, c.entry.item_id) for c in plan.conflicts] == [("dropped", "vov1")]


def test_caps_and_weekdays_apply_to_relays():
    sched = schedule(relay("05:30", "06:00"), max_session_minutes=15)
    plan = expand(sched, {}, start=at(4, 0), end=at(5, 0))
    assert plan.entries == [] and [v.kind for v in plan.violations] == ["max_session"]
    sched = schedule(relay("05:30", "06:00"), allowed_weekdays=[1])
    plan = expand(sched, {}, start=at(4, 0), end=at(6, 0))
    assert spans(plan.entries) == [("05 05:30", "05 06:00", "vov1")]
    assert [v.kind for v in plan.violations] == ["weekday"]
    sched = schedule(relay("05:30", "06:00"), once(at(4, 8), ["a"]), max_per_day=1)
    plan = expand(sched, {"a": ItemInfo("a", 60.0, N)}, start=at(4, 0), end=at(5, 0))
    assert [e.item_id for e in plan.entries] == ["vov1"]
    assert [(v.kind, v.entry.item_id) for v in plan.violations] == [("max_per_day", "a")]


def test_loa_plan_prints_the_relay_window():
    manifest = {
        "items": [],
        "relays": [{"id": "vov1"}],
        "schedule": {"rules": [relay("05:30", "06:00")], "policy": {"quiet_hours": None}},
    }
    plan = plan_from_manifest(manifest, start=at(4, 0), hours=24)
    assert [e.to_json()["relay"] for e in plan.entries] == ["vov1"]


# ---- a resumed window is still the window -------------------------------------------------


@pytest.mark.parametrize("interrupter", [E, P])
def test_a_window_resumed_past_midnight_keeps_the_weekday_it_started_on(interrupter):
    """Was: Friday's 23:30–00:30 window, interrupted at 23:55, lost its piece after midnight
    ("no broadcasts on Saturday") though the conflict said it resumes, and the same window
    uninterrupted plays to 00:30 Saturday. A window belongs to the day it starts."""
    sched = schedule(
        relay("23:30", "00:30", weekdays=[4]),
        once(at(8, 23, 55), ["x"]),
        allowed_weekdays=[0, 1, 2, 3, 4],
    )
    items = {"x": ItemInfo("x", 600.0, interrupter)}
    plan = expand(sched, items, start=at(8, 0), end=at(10, 0))
    assert spans(plan.entries) == [
        ("08 23:30", "08 23:55", "vov1"),
        ("08 23:55", "09 00:05", "x"),
        ("09 00:05", "09 00:30", "vov1"),
    ]
    assert plan.violations == []
    assert [c.kind for c in plan.conflicts] == ["preempted"]
    # Uninterrupted, the same window plays past midnight too.
    whole = expand(
        schedule(relay("23:30", "00:30", weekdays=[4]), allowed_weekdays=[0, 1, 2, 3, 4]),
        items,
        start=at(8, 0),
        end=at(10, 0),
    )
    assert spans(whole.entries) == [("08 23:30", "09 00:30", "vov1")]


def test_a_window_delayed_past_midnight_keeps_the_weekday_it_started_on():
    """Kept waiting behind an equal-priority broadcast, Friday's window starts after midnight
    and still plays (a live programme, ending with its window)."""
    sched = schedule(
        relay("23:58", "00:30", weekdays=[4]),
        once(at(8, 23, 55), ["x"]),
        allowed_weekdays=[4],
    )
    plan = expand(sched, {"x": ItemInfo("x", 300.0, N)}, start=at(8, 0), end=at(10, 0))
    assert spans(plan.entries) == [("08 23:55", "09 00:00", "x"), ("09 00:00", "09 00:30", "vov1")]
    assert plan.entries[1].delay_s == 120
    assert plan.violations == []


def test_an_emergency_does_not_split_a_window_into_two_sessions_for_the_daily_cap():
    """Was: 06:00–06:30 cut by a 10-minute emergency at 06:10 made two sessions (the piece
    after it starts 10 min after the first ended), so max_per_day=1 dropped the rest of the
    window that the conflict said resumes. Emergencies are exempt from caps: they must not
    cost a window its remainder."""
    sched = schedule(relay("06:00", "06:30"), once(at(4, 6, 10), ["lu"]), max_per_day=1)
    plan = expand(sched, {"lu": ItemInfo("lu", 600.0, E)}, start=at(4, 0), end=at(5, 0))
    assert spans(plan.entries) == [
        ("04 06:00", "04 06:10", "vov1"),
        ("04 06:10", "04 06:20", "lu"),
        ("04 06:20", "04 06:30", "vov1"),
    ]
    assert plan.violations == []
    # A separate broadcast later that day is still the second session, and is dropped.
    later = schedule(
        relay("06:00", "06:30"),
        once(at(4, 6, 10), ["lu"]),
        once(at(4, 9, 0), ["n"]),
        max_per_day=1,
    )
    items = {"lu": ItemInfo("lu", 600.0, E), "n": ItemInfo("n", 60.0, N)}
    plan = expand(later, items, start=at(4, 0), end=at(5, 0))
    assert [(v.kind, v.entry.item_id) for v in plan.violations] == [("max_per_day", "n")]

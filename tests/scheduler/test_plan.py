"""Schedule expansion, conflicts, quiet hours and caps on small hand-checked examples."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

import scheduler
from content_library.types import Priority
from scheduler.errors import ScheduleError
from scheduler.plan import (
    ItemInfo,
    PlanEntry,
    expand,
    expand_loop,
    items_from_manifest,
    plan_from_manifest,
    resolve,
)
from scheduler.rules import Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
N, P, E = Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY
# 2025-03-03 is a Monday.
MON = datetime(2025, 3, 3, tzinfo=VN)


def at(day: int, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(2025, 3, day, hh, mm, ss, tzinfo=VN)


def items(**spec) -> dict[str, ItemInfo]:
    """items(a=(60, N), b=(30, E)) → {id: ItemInfo}"""
    return {k: ItemInfo(k, float(d), p, title=k.upper()) for k, (d, p) in spec.items()}


def schedule(*rules, **policy) -> Schedule:
    data = {"rules": list(rules)}
    if policy:
        data["policy"] = policy
    return Schedule.model_validate(data)


def daily(times, ids, **kw):
    return {"kind": "daily", "times": times, "item_ids": ids, **kw}


def once(when: datetime, ids, **kw):
    return {"kind": "once", "at": when.isoformat(), "item_ids": ids, **kw}


def starts(plan) -> list[tuple[str, str]]:
    return [(e.start.strftime("%d %H:%M:%S"), e.item_id) for e in plan.entries]


def day_plan(sched, its, day=3, days=1, **kw):
    return expand(sched, its, start=at(day, 0), end=at(day, 0) + timedelta(days=days), **kw)


def test_daily_rule_with_per_item_repeats_and_gaps():
    plan = day_plan(
        schedule(daily(["06:00"], ["a", "b"], repeat=2, gap_s=5)), items(a=(60, N), b=(30, N))
    )
    assert starts(plan) == [
        ("03 06:00:00", "a"),
        ("03 06:01:05", "a"),
        ("03 06:02:10", "b"),
        ("03 06:02:45", "b"),
    ]
    assert [e.repeat_index for e in plan.entries] == [0, 1, 0, 1]
    assert all(e.rule_index == 0 for e in plan.entries)
    assert plan.entries[0].end == at(3, 6, 1)
    assert plan.conflicts == [] and plan.violations == []
    assert all(
        e.start.tzinfo is not None and e.start.utcoffset() == timedelta(hours=7)
        for e in plan.entries
    )


def test_weekdays_and_campaign_date_range_inclusive():
    sched = schedule(
        daily(["07:00"], ["a"], weekdays=[0, 2]),  # Mon, Wed
        daily(["08:00"], ["b"], start_date="2025-03-04", end_date="2025-03-05"),
    )
    plan = expand(sched, items(a=(60, N), b=(60, N)), start=at(2, 0), end=at(8, 0))
    assert starts(plan) == [
        ("03 07:00:00", "a"),
        ("04 08:00:00", "b"),
        ("05 07:00:00", "a"),
        ("05 08:00:00", "b"),
    ]


def test_cron_rule_uses_apscheduler_fields():
    sched = schedule(
        {
            "kind": "cron",
            "day_of_week": "mon-fri",
            "hour": "6,18",
            "minute": "30",
            "item_ids": ["a"],
        }
    )
    plan = expand(sched, items(a=(60, N)), start=at(7, 0), end=at(11, 0))  # Fri .. Mon
    assert starts(plan) == [
        ("07 06:30:00", "a"),
        ("07 18:30:00", "a"),
        ("10 06:30:00", "a"),
        ("10 18:30:00", "a"),
    ]


def test_window_is_half_open_on_entry_start():
    sched = schedule(daily(["06:00", "07:00"], ["a"]))
    plan = expand(sched, items(a=(60, N)), start=at(3, 6), end=at(3, 7))
    assert starts(plan) == [("03 06:00:00", "a")]


def test_naive_and_empty_windows_and_unknown_items_are_refused():
    sched = schedule(daily(["06:00"], ["a"]))
    its = items(a=(60, N))
    with pytest.raises(ScheduleError, match="time zone"):
        expand(sched, its, start=datetime(2025, 3, 3), end=at(4, 0))
    with pytest.raises(ScheduleError, match="time zone"):
        expand(sched, its, start=at(3, 0), end=datetime(2025, 3, 4))
    with pytest.raises(ScheduleError, match="not after"):
        expand(sched, its, start=at(3, 0), end=at(3, 0))
    with pytest.raises(ScheduleError, match="unknown items: a"):
        expand(sched, {}, start=at(3, 0), end=at(4, 0))
    with pytest.raises(ScheduleError, match="duration"):
        ItemInfo("x", 0)
    with pytest.raises(ScheduleError, match="priority"):
        ItemInfo("x", 1, "urgent")


def test_quiet_hours_across_midnight_drop_and_report():
    sched = schedule(
        daily(["04:59", "05:00", "21:50", "22:00", "23:30"], ["a"]),  # a is 60 s long
        daily(["21:55"], ["long"]),  # 21:55 + 10 min runs into the quiet hours
        once(at(3, 23, 15), ["alarm"]),  # emergency: plays whatever the hour
    )
    its = items(a=(60, N), long=(600, N), alarm=(30, E))
    plan = day_plan(sched, its)
    assert starts(plan) == [("03 05:00:00", "a"), ("03 21:50:00", "a"), ("03 23:15:00", "alarm")]
    quiet = [(v.kind, v.entry.start.strftime("%H:%M"), v.entry.item_id) for v in plan.violations]
    assert quiet == [
        ("quiet_hours", "04:59", "a"),
        ("quiet_hours", "21:55", "long"),
        ("quiet_hours", "22:00", "a"),
        ("quiet_hours", "23:30", "a"),
    ]
    v = plan.violations[0]
    assert "22:00–05:00" in v.reason and "04:59" in v.reason
    assert v.reason_vi == "Bỏ 'a' lúc 04:59 ngày 03/03/2025: trong giờ yên tĩnh 22:00–05:00"


def test_entry_ending_exactly_at_quiet_start_is_kept():
    plan = day_plan(schedule(daily(["21:50"], ["a"])), items(a=(600, N)))
    assert starts(plan) == [("03 21:50:00", "a")]


def test_custom_and_disabled_quiet_hours():
    sched = schedule(
        daily(["12:30", "23:00"], ["a"]), quiet_hours={"start": "12:00", "end": "13:30"}
    )
    assert starts(day_plan(sched, items(a=(60, N)))) == [("03 23:00:00", "a")]
    sched = schedule(daily(["12:30", "23:00"], ["a"]), quiet_hours=None)
    assert len(day_plan(sched, items(a=(60, N))).entries) == 2


def test_higher_priority_wins_and_the_loser_is_reported():
    sched = schedule(daily(["06:00"], ["n"]), daily(["06:01"], ["p"]))
    plan = day_plan(sched, items(n=(120, N), p=(60, P)))
    assert starts(plan) == [("03 06:01:00", "p")]
    [c] = plan.conflicts
    assert c.kind == "dropped" and c.entry.item_id == "n" and c.other.item_id == "p"
    assert "higher-priority 'p'" in c.reason
    assert "ưu tiên cao hơn (ưu tiên)" in c.reason_vi and "(thông thường)" in c.reason_vi


def test_emergency_preempts_and_a_second_one_waits_for_the_first():
    # The unit never pre-empts an emergency with another one: e2 plays when e1 ends.
    sched = schedule(
        daily(["06:00"], ["p"]), once(at(3, 6, 0, 30), ["e1"]), once(at(3, 6, 0, 40), ["e2"])
    )
    plan = day_plan(sched, items(p=(300, P), e1=(60, E), e2=(60, E)))
    assert starts(plan) == [("03 06:00:30", "e1"), ("03 06:01:30", "e2")]
    assert plan.entries[1].delay_s == 50 and plan.entries[1].end == at(3, 6, 2, 30)
    kinds = sorted((c.kind, c.entry.item_id, c.other.item_id) for c in plan.conflicts)
    assert kinds == [("dropped", "p", "e1"), ("kept_both", "e2", "e1")]
    both = next(c for c in plan.conflicts if c.kind == "kept_both")
    assert both.entry.start == at(3, 6, 0, 40)  # as scheduled
    assert "'e2' plays when 'e1' ends, at 2025-03-03 06:01" in both.reason
    assert "'e2' phát khi 'e1' kết thúc, lúc 06:01 ngày 03/03/2025" in both.reason_vi


def test_emergencies_queue_one_after_another_and_push_lower_ones_out():
    # e1 06:00-06:10; e2 (06:05) and e3 (06:06) wait in turn; n at 06:25 now overlaps e3.
    sched = schedule(
        once(at(3, 6), ["e1"]),
        once(at(3, 6, 5), ["e2"]),
        once(at(3, 6, 6), ["e3"]),
        once(at(3, 6, 25), ["n"]),
    )
    plan = day_plan(sched, items(e1=(600, E), e2=(600, E), e3=(600, E), n=(60, N)))
    assert starts(plan) == [("03 06:00:00", "e1"), ("03 06:10:00", "e2"), ("03 06:20:00", "e3")]
    assert [(c.kind, c.entry.item_id, c.other.item_id) for c in plan.conflicts] == [
        ("kept_both", "e2", "e1"),
        ("kept_both", "e3", "e2"),
        ("dropped", "n", "e3"),
    ]
    # A window that starts while e3 waits still has it, at the time it plays.
    late = expand(
        sched,
        plan_items := items(e1=(600, E), e2=(600, E), e3=(600, E), n=(60, N)),
        start=at(3, 6, 15),
        end=at(3, 7),
    )
    assert starts(late) == [("03 06:20:00", "e3")]
    assert expand(sched, plan_items, start=at(3, 6, 6), end=at(3, 6, 7)).entries == []


def test_equal_priority_queues_back_to_back_within_tolerance():
    sched = schedule(daily(["06:00"], ["a"]), daily(["06:01"], ["b"]), queue_tolerance_s=120)
    plan = day_plan(sched, items(a=(150, N), b=(60, N)))
    assert starts(plan) == [("03 06:00:00", "a"), ("03 06:02:30", "b")]
    assert plan.entries[1].delay_s == 90
    assert plan.conflicts == []


def test_equal_priority_beyond_tolerance_drops_the_later_one():
    sched = schedule(daily(["06:00"], ["a"]), daily(["06:01"], ["b"]), queue_tolerance_s=60)
    plan = day_plan(sched, items(a=(150, N), b=(60, N)))
    assert starts(plan) == [("03 06:00:00", "a")]
    [c] = plan.conflicts
    assert (c.kind, c.entry.item_id, c.other.item_id) == ("dropped", "b", "a")
    assert "would wait 90 s, more than the 60 s tolerance" in c.reason
    assert "phải chờ 90 giây" in c.reason_vi


def test_queue_cascades_and_never_lands_on_a_higher_priority():
    sched = schedule(
        daily(["06:00"], ["a"]),
        once(at(3, 6, 0, 30), ["b"]),
        once(at(3, 6, 1, 30), ["c"]),
        once(at(3, 6, 3), ["p"]),
        queue_tolerance_s=600,
    )
    plan = day_plan(sched, items(a=(60, N), b=(60, N), c=(60, N), p=(60, P)))
    # a 06:00-06:01, b queued to 06:01-06:02, c queued to 06:02-06:03, p at 06:03.
    assert starts(plan) == [
        ("03 06:00:00", "a"),
        ("03 06:01:00", "b"),
        ("03 06:02:00", "c"),
        ("03 06:03:00", "p"),
    ]
    sched2 = schedule(
        daily(["06:00"], ["a"]),
        once(at(3, 6, 0, 30), ["b"]),
        once(at(3, 6, 1, 30), ["p"]),
        queue_tolerance_s=600,
    )
    plan2 = day_plan(sched2, items(a=(60, N), b=(60, N), p=(60, P)))
    # b would be queued onto p, which outranks it: dropped, not pushed further.
    assert starts(plan2) == [("03 06:00:00", "a"), ("03 06:01:30", "p")]
    assert [(c.entry.item_id, c.other.item_id) for c in plan2.conflicts] == [("b", "p")]


HANOI = {"max_per_day": 2, "max_session_minutes": 15, "allowed_weekdays": [0, 1, 2, 3, 4]}


def test_caps_hanoi_two_a_day_fifteen_minutes_five_days():
    sched = schedule(daily(["06:00", "11:00", "17:00"], ["a"]), **HANOI)
    plan = expand(sched, items(a=(300, N)), start=MON, end=MON + timedelta(days=7))
    days = sorted({e.start.date().day for e in plan.entries})
    assert days == [3, 4, 5, 6, 7]  # Monday..Friday
    assert all(e.start.strftime("%H:%M") in ("06:00", "11:00") for e in plan.entries)
    kinds = [v.kind for v in plan.violations]
    assert kinds.count("max_per_day") == 5 and kinds.count("weekday") == 6
    sat = next(v for v in plan.violations if v.kind == "weekday")
    assert "Saturday" in sat.reason and "thứ Bảy" in sat.reason_vi


def test_daily_cap_keeps_higher_priority_sessions_first():
    sched = schedule(daily(["06:00", "11:00"], ["a"]), daily(["17:00"], ["p"]), max_per_day=2)
    plan = day_plan(sched, items(a=(60, N), p=(60, P)))
    assert starts(plan) == [("03 06:00:00", "a"), ("03 17:00:00", "p")]
    [v] = plan.violations
    assert v.kind == "max_per_day" and v.entry.start == at(3, 11)
    assert "quá 2 buổi phát trong ngày 03/03/2025" in v.reason_vi


def test_session_cap_cuts_the_tail_and_sessions_group_close_broadcasts():
    # Four 5-minute items one minute apart: one session; only three fit in 15 minutes.
    sched = schedule(
        daily(["06:00"], ["a", "b", "c", "d"], gap_s=0), max_session_minutes=15, max_per_day=1
    )
    plan = day_plan(sched, items(a=(300, N), b=(300, N), c=(300, N), d=(300, N)))
    assert [e.item_id for e in plan.entries] == ["a", "b", "c"]
    [v] = plan.violations
    assert v.kind == "max_session" and v.entry.item_id == "d"
    assert "15 minutes" in v.reason and "15 phút" in v.reason_vi


def test_emergency_is_exempt_from_caps_and_weekdays():
    sat = at(8, 0)
    sched = schedule(
        once(at(8, 9), ["e"]), once(at(8, 23), ["e"]), max_per_day=1, allowed_weekdays=[0]
    )
    plan = expand(sched, items(e=(1800, E)), start=sat, end=sat + timedelta(days=1))
    assert starts(plan) == [("08 09:00:00", "e"), ("08 23:00:00", "e")]
    assert plan.violations == []


def test_emergency_only_in_the_loop_playlist_plays_now_too():
    sched = Schedule.model_validate(
        {"rules": [daily(["09:30"], ["a"])], "loop": {"item_ids": ["x", "alert"]}}
    )
    its = items(a=(60, N), x=(30, N), alert=(45, E), alarm=(20, E))
    now = at(3, 9, 0)
    plan = expand(sched, its, start=now, end=now + timedelta(hours=1), now=now)
    assert starts(plan) == [
        ("03 09:00:00", "alarm"),
        ("03 09:00:20", "alert"),
        ("03 09:30:00", "a"),
    ]
    # An emergency a rule schedules plays at its slot only.
    sched = Schedule.model_validate(
        {"rules": [daily(["09:30"], ["alert"])], "loop": {"item_ids": ["alert"]}}
    )
    plan = expand(sched, its, start=now, end=now + timedelta(hours=1), now=now)
    assert starts(plan) == [("03 09:00:00", "alarm"), ("03 09:30:00", "alert")]


def test_unscheduled_emergency_plays_now():
    sched = schedule(daily(["09:30"], ["a"]))
    its = items(a=(60, N), alert=(45, E), unused=(60, N))
    now = at(3, 9, 30, 10)
    plan = expand(sched, its, start=now, end=now + timedelta(hours=1), now=now)
    assert starts(plan) == [("03 09:30:10", "alert")]
    assert plan.entries[0].rule_index is None
    # Without `now` nothing is placed for it.
    assert expand(sched, its, start=at(3, 0), end=at(4, 0)).entries[0].item_id == "a"


def test_sliding_windows_agree_with_the_whole_day():
    sched = schedule(
        daily(["06:00", "06:02", "11:00", "17:00", "21:59"], ["a", "b"], repeat=2, gap_s=3),
        once(at(3, 6, 1), ["p"]),
        **HANOI,
    )
    its = items(a=(50, N), b=(40, N), p=(70, P))
    whole = day_plan(sched, its)
    parts = []
    for h in range(24):
        parts += expand(sched, its, start=at(3, h), end=at(3, h) + timedelta(hours=1)).entries
    assert parts == whole.entries
    assert whole == day_plan(sched, its)  # deterministic


def test_resolve_directly():
    def entry(item, start, secs, prio, i=0):
        return PlanEntry(start, start + timedelta(seconds=secs), item, prio, 0, i)

    a = entry("a", at(3, 6), 60, N)
    b = entry("b", at(3, 6, 0, 30), 60, N, 1)
    kept, conflicts = resolve([b, a], tolerance_s=30)
    assert [(e.item_id, e.start) for e in kept] == [("a", at(3, 6)), ("b", at(3, 6, 1))]
    assert conflicts == []
    kept, conflicts = resolve([b, a], tolerance_s=29.9)
    assert kept == [a] and conflicts[0].entry == b


def test_expand_loop_for_mobile_rigs():
    sched = Schedule.model_validate(
        {"loop": {"item_ids": ["x", "y"], "gap_s": 10}, "policy": {"max_session_minutes": 5}}
    )
    its = items(x=(60, N), y=(30, N))
    start = at(3, 8)
    plan = expand_loop(sched, its, start=start, end=start + timedelta(hours=1))
    # x 0-60 s, y 70-100, x 110-170, y 180-210, x 220-280; y would end at 320 s > 5 min.
    assert [e.item_id for e in plan.entries] == ["x", "y", "x", "y", "x"]
    assert plan.entries[1].start == at(3, 8, 1, 10)
    assert [e.repeat_index for e in plan.entries] == [0, 0, 1, 1, 2]
    [v] = plan.violations
    assert v.kind == "loop_stopped" and "5 min" in v.reason
    # Quiet hours stop it too; a schedule without a loop gives nothing.
    sched = Schedule.model_validate({"loop": {"item_ids": ["x"]}})
    late = at(3, 21, 58)
    plan = expand_loop(sched, its, start=late, end=late + timedelta(hours=1))
    assert [e.start for e in plan.entries] == [at(3, 21, 58), at(3, 21, 59)]
    assert (
        plan.violations[0].kind == "loop_stopped" and "giờ yên tĩnh" in plan.violations[0].reason_vi
    )
    assert expand_loop(Schedule(), its, start=late, end=late + timedelta(hours=1)).entries == []
    # The daily rules' timeline never contains the loop.
    assert expand(sched, its, start=at(3, 0), end=at(4, 0)).entries == []


MANIFEST = {
    "format": 1,
    "items": [
        {"id": "a", "title": "Bản tin ANTT", "priority": "normal", "duration_s": 60, "loop": False},
        {"id": "e", "title": "Báo cháy", "priority": "emergency", "duration_s": 30},
        {"id": "l1", "priority": "normal", "duration_s": 20, "loop": True},
        {"id": "l2", "priority": "normal", "duration_s": 20, "loop": True},
    ],
    "schedule": {"format": 1, "rules": [daily(["06:00", "17:00"], ["a"])]},
}


def test_plan_from_manifest_dict_and_object():
    start = at(3, 5, 30)
    plan = plan_from_manifest(MANIFEST, start=start, hours=24)
    assert starts(plan) == [("03 05:30:00", "e"), ("03 06:00:00", "a"), ("03 17:00:00", "a")]
    as_object = SimpleNamespace(
        items=[SimpleNamespace(**{"loop": False, "title": "", **i}) for i in MANIFEST["items"]],
        schedule=MANIFEST["schedule"],
    )
    assert plan_from_manifest(as_object, start=start, hours=24) == plan
    # Items flagged `loop` make the loop playlist.
    assert scheduler.schedule_from_manifest(
        MANIFEST, items_from_manifest(MANIFEST)
    ).loop.item_ids == ["l1", "l2"]
    assert items_from_manifest(MANIFEST)["a"].title == "Bản tin ANTT"


def test_plan_from_manifest_refuses_bad_input():
    start = at(3, 5)
    with pytest.raises(ScheduleError, match="hours"):
        plan_from_manifest(MANIFEST, start=start, hours=0)
    bad = {**MANIFEST, "schedule": {"rules": [daily(["06:00"], ["nope"])]}}
    with pytest.raises(ScheduleError, match="unknown item ids: nope"):
        plan_from_manifest(bad, start=start, hours=1)
    with pytest.raises(ScheduleError, match="twice"):
        plan_from_manifest({"items": [MANIFEST["items"][0]] * 2}, start=start, hours=1)
    with pytest.raises(ScheduleError, match="duration_s"):
        plan_from_manifest({"items": [{"id": "z"}]}, start=start, hours=1)
    # No schedule at all is an empty one.
    assert plan_from_manifest({"items": MANIFEST["items"][:1]}, start=start, hours=1).entries == []


def test_no_clock_reads_in_the_scheduler():
    source = "\n".join(p.read_text() for p in Path(scheduler.__file__).parent.glob("*.py"))
    for pattern in (
        r"\.now\(",
        r"\.today\(",
        r"utcnow",
        r"time\.time\(",
        r"monotonic",
        r"localtime",
    ):
        assert not re.search(pattern, source), pattern


def test_runaway_rules_are_refused(monkeypatch):
    monkeypatch.setattr("scheduler.plan.MAX_OCCURRENCES", 100)
    sched = schedule({"kind": "cron", "minute": "*", "item_ids": ["a"]}, quiet_hours=None)
    with pytest.raises(ScheduleError, match="more than 100 broadcasts"):
        day_plan(sched, items(a=(10, N)))


def test_queuing_past_midnight_respects_the_next_days_weekday():
    fri = at(7, 23, 58)  # Friday; only Fridays allowed, no quiet hours
    sched = schedule(
        once(fri, ["a"]), once(at(7, 23, 59), ["b"]), quiet_hours=None, allowed_weekdays=[4]
    )
    plan = expand(sched, items(a=(120, N), b=(60, N)), start=at(7, 0), end=at(9, 0))
    assert starts(plan) == [("07 23:58:00", "a")]
    [v] = plan.violations
    assert v.kind == "weekday" and v.entry.start == at(8, 0) and v.entry.delay_s == 60

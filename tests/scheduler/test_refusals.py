"""Bad input is refused with a clear reason in English and Vietnamese: never a crash (an
OverflowError from deep inside the plan) and never a silent acceptance."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content_library.types import Priority
from scheduler.errors import ScheduleError
from scheduler.plan import ItemInfo, expand, items_from_manifest, plan_from_manifest
from scheduler.rules import parse_schedule
from scheduler.tz import parse_hhmm

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAILY = {"kind": "daily", "times": ["06:00"], "item_ids": ["a"]}
RELAY = {"kind": "relay", "relay": "vov1", "window": {"start": "05:30", "end": "06:00"}}
CRON = {"kind": "cron", "item_ids": ["a"]}


def refused(schedule: object) -> ScheduleError:
    with pytest.raises(ScheduleError) as info:
        parse_schedule(schedule)
    return info.value


@pytest.mark.parametrize(
    ("schedule", "en", "vi"),
    [
        (
            {"rules": [{**DAILY, "times": ["24:00"]}]},
            "bad time '24:00'",
            "giờ không hợp lệ '24:00'",
        ),
        ({"rules": [{**DAILY, "times": ["7:5"]}]}, "bad time '7:5'", "cần dạng HH:MM"),
        ({"rules": [{**DAILY, "times": ["25:00"]}]}, "bad time '25:00'", "giờ không hợp lệ"),
        (
            {"rules": [{**RELAY, "window": {"start": "05:30", "end": "24:00"}}]},
            "bad time '24:00'",
            "giờ không hợp lệ",
        ),
        (
            {"policy": {"quiet_hours": {"start": "22:00", "end": "7:5"}}},
            "bad time '7:5'",
            "giờ không hợp lệ",
        ),
        ({"rules": [{**DAILY, "weekdays": [7]}]}, "less than or equal to 6", "nhỏ hơn hoặc bằng 6"),
        ({"rules": [{**DAILY, "weekdays": [-1]}]}, "greater than or equal to 0", "lớn hơn"),
        ({"rules": [{**RELAY, "weekdays": [9]}]}, "less than or equal to 6", "nhỏ hơn"),
        ({"policy": {"allowed_weekdays": [7]}}, "less than or equal to 6", "nhỏ hơn"),
        ({"policy": {"allowed_weekdays": []}}, "at least 1", "ít nhất 1"),
        ({"rules": [{**DAILY, "item_ids": []}]}, "at least 1", "ít nhất 1"),
        ({"loop": {"item_ids": []}}, "at least 1", "ít nhất 1"),
        (
            {"rules": [{**DAILY, "start_date": "2027-03-02", "end_date": "2027-03-01"}]},
            "end_date 2027-03-01 is before start_date 2027-03-02",
            "ngày kết thúc 2027-03-01 trước ngày bắt đầu 2027-03-02",
        ),
        (
            {"rules": [{**RELAY, "start_date": "2027-03-02", "end_date": "2027-03-01"}]},
            "is before start_date",
            "trước ngày bắt đầu",
        ),
        ({"rules": [{**DAILY, "gap_s": -1}]}, "greater than or equal to 0", "lớn hơn hoặc bằng 0"),
        ({"loop": {"item_ids": ["a"], "gap_s": -5}}, "greater than or equal to 0", "lớn hơn"),
        ({"rules": [{**DAILY, "repeat": 0}]}, "greater than or equal to 1", "lớn hơn hoặc bằng 1"),
        ({"rules": [{**DAILY, "times": ["06:00", "6:00"]}]}, "twice", "bị lặp lại"),
        ({"rules": [{"kind": "weekly", "item_ids": ["a"]}]}, "expected tags", "loại quy tắc"),
        ({"rules": [{**DAILY, "colour": "red"}]}, "Extra inputs", "không được phép"),
    ],
)
def test_bad_input_is_refused_in_both_languages(schedule, en, vi):
    error = refused(schedule)
    assert en in error.reason
    assert error.reason_vi.startswith("Lịch phát không hợp lệ: ")
    assert vi in error.reason_vi


@pytest.mark.parametrize("field", ["queue_tolerance_s", "session_gap_s", "max_session_minutes"])
@pytest.mark.parametrize("value", [math.inf, math.nan, 1e15])
def test_infinite_or_huge_policy_numbers_are_refused_not_a_crash(field, value):
    """Was: accepted, then OverflowError from timedelta deep in the plan (1e15 s too)."""
    error = refused({"rules": [DAILY], "policy": {field: value}})
    assert f"policy.{field}" in error.reason
    assert "phải là số hữu hạn" in error.reason_vi or "nhỏ hơn hoặc bằng" in error.reason_vi


def test_policy_bounds_are_an_hour_and_a_day():
    parse_schedule({"policy": {"queue_tolerance_s": 3600, "session_gap_s": 3600}})
    parse_schedule({"policy": {"max_session_minutes": 1440}})
    assert "3600" in refused({"policy": {"queue_tolerance_s": 3601}}).reason
    assert "1440" in refused({"policy": {"max_session_minutes": 1441}}).reason


@pytest.mark.parametrize("value", [math.inf, math.nan])
def test_non_finite_gaps_are_refused(value):
    assert "finite" in refused({"rules": [{**DAILY, "gap_s": value}]}).reason
    assert "finite" in refused({"loop": {"item_ids": ["a"], "gap_s": value}}).reason


@pytest.mark.parametrize(
    "cron",
    [{"month": "2", "day": "30"}, {"month": "2", "day": "31"}, {"month": "4,6,9,11", "day": "31"}],
)
def test_a_cron_rule_that_can_never_fire_is_refused(cron):
    """Was: accepted, and the plan silently held nothing, year after year."""
    error = refused({"rules": [{**CRON, **cron}]})
    assert "never fires" in error.reason
    assert "không bao giờ phát" in error.reason_vi


def test_a_cron_rule_outside_its_campaign_is_only_an_empty_campaign():
    """Day 31 with an April campaign fires on no day of it, but is a valid rule: no entries."""
    rule = {**CRON, "day": "31", "hour": "9", "start_date": "2027-04-01", "end_date": "2027-04-30"}
    schedule = parse_schedule({"rules": [rule]})
    items = {"a": ItemInfo("a", 60.0)}
    start = datetime(2027, 3, 1, tzinfo=VN)
    plan = expand(schedule, items, start=start, end=start + timedelta(days=90))
    assert plan.entries == [] and plan.violations == []


@pytest.mark.parametrize("duration", [math.inf, math.nan, 0.0, -1.0, 86400.5, 1e12, "60", True])
def test_bad_item_durations_are_refused(duration):
    """Was: an infinite (or 1e12 s) duration was accepted and crashed the plan (OverflowError)."""
    with pytest.raises(ScheduleError) as info:
        ItemInfo("a", duration)  # type: ignore[arg-type]
    assert "duration" in info.value.reason and "thời lượng" in info.value.reason_vi


@pytest.mark.parametrize("duration", [True, False, "60", "inf", None, [60], {"s": 60}])
def test_a_manifest_duration_must_be_a_number_of_seconds(duration):
    """Was: a raw manifest's `true` read as float(True) = 1 s, and "60" as 60 s."""
    manifest = {"items": [{"id": "a", "duration_s": duration}], "schedule": {"rules": [DAILY]}}
    with pytest.raises(ScheduleError) as info:
        items_from_manifest(manifest)
    assert "duration_s" in info.value.reason and "thời lượng" in info.value.reason_vi
    assert items_from_manifest({"items": [{"id": "a", "duration_s": 60}]})["a"].duration_s == 60


def test_a_manifest_with_an_infinite_duration_is_refused():
    manifest = {"items": [{"id": "a", "duration_s": "inf"}], "schedule": {"rules": [DAILY]}}
    with pytest.raises(ScheduleError):
        items_from_manifest(manifest)
    with pytest.raises(ScheduleError):
        plan_from_manifest(manifest, start=datetime(2027, 1, 1, tzinfo=VN), hours=24)


def test_a_day_long_item_is_still_accepted():
    assert ItemInfo("a", 86400.0, Priority.NORMAL).duration_s == 86400.0


@pytest.mark.parametrize("text", ["1\u0666:00", "\u0660\u0666:00", "06:\u0660\u0660", "０６:００"])
def test_times_take_ascii_digits_only(text):
    """Was: "1٦:00" (an Arabic-Indic digit) was read as 16:00."""
    with pytest.raises(ValueError, match="bad time"):
        parse_hhmm(text)


@pytest.mark.parametrize(
    ("at", "words"),
    [(1799000000, "not the number"), (1.5, "not the number"), ("2027-01-04", "time of day")],
)
def test_a_once_needs_a_date_and_a_time(at, words):
    """Was: a number was read as seconds since 1970 (UTC) and a bare date as midnight, both
    silently (midnight then dropped for quiet hours)."""
    error = refused({"rules": [{"kind": "once", "at": at, "item_ids": ["a"]}]})
    assert words in error.reason
    assert "thời điểm (at)" in error.reason_vi


def test_a_once_with_a_time_is_accepted_naive_or_with_an_offset():
    for at in ("2027-01-04T06:00", "2027-01-04 06:00:00", "2027-01-04T06:00:00+07:00"):
        schedule = parse_schedule({"rules": [{"kind": "once", "at": at, "item_ids": ["a"]}]})
        assert schedule.rules[0].at == datetime(2027, 1, 4, 6, tzinfo=VN)

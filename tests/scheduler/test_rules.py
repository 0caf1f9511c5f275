"""Schedule rules: the manifest's `schedule` dict, its validation and its error messages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from scheduler.errors import ScheduleError
from scheduler.rules import (
    AreaPolicy,
    CronRule,
    DailyRule,
    OnceRule,
    QuietHours,
    Schedule,
    parse_schedule,
)
from scheduler.tz import TZ

EXAMPLE = {
    "format": 1,
    "rules": [
        {
            "kind": "daily",
            "times": ["17:30", "6:00"],
            "weekdays": [4, 0, 2],
            "item_ids": ["ban-tin-1"],
            "repeat": 2,
            "gap_s": 5,
            "start_date": "2025-03-01",
            "end_date": "2025-03-31",
        },
        {"kind": "cron", "day": "last", "hour": 7, "minute": "0", "item_ids": ["tong-ket"]},
        {"kind": "once", "at": "2025-03-08T09:00:00", "item_ids": ["8-3"]},
    ],
    "loop": {"item_ids": ["an-ninh-1", "an-ninh-2"], "gap_s": 10},
    "policy": {
        "max_per_day": 2,
        "max_session_minutes": 15,
        "allowed_weekdays": [0, 1, 2, 3, 4],
    },
}


def test_example_round_trips_through_json():
    schedule = Schedule.model_validate(EXAMPLE)
    dumped = schedule.model_dump(mode="json")
    assert json.loads(json.dumps(dumped)) == dumped
    assert Schedule.model_validate(dumped) == schedule
    daily, cron, once = schedule.rules
    assert isinstance(daily, DailyRule) and daily.times == ["06:00", "17:30"]
    assert daily.weekdays == [0, 2, 4]
    assert daily.start_date == date(2025, 3, 1)
    assert isinstance(cron, CronRule) and cron.hour == "7"
    assert isinstance(once, OnceRule)
    # A naive `at` is Vietnam wall time, written back with its +07:00 offset.
    assert dumped["rules"][2]["at"] == "2025-03-08T09:00:00+07:00"
    assert dumped["policy"]["quiet_hours"] == {"start": "22:00", "end": "05:00"}
    assert dumped["format"] == 1


def test_defaults_are_an_empty_schedule_with_default_quiet_hours():
    schedule = Schedule.model_validate({})
    assert schedule.rules == [] and schedule.loop is None
    assert schedule.policy.quiet_hours == QuietHours(start="22:00", end="05:00")
    assert schedule.policy.allowed_weekdays == [0, 1, 2, 3, 4, 5, 6]
    assert parse_schedule(None) == schedule


def test_aware_once_is_converted_to_vietnam_time():
    rule = OnceRule(at=datetime(2025, 3, 8, 2, 0, tzinfo=UTC), item_ids=["x"])
    assert rule.at == datetime(2025, 3, 8, 9, 0, tzinfo=TZ)
    assert rule.at.utcoffset().total_seconds() == 7 * 3600


@pytest.mark.parametrize("bad", ["25:00", "12:60", "6h", "", "06:00:00", "noon"])
def test_bad_time_strings_are_refused_with_the_text(bad):
    with pytest.raises(ValidationError) as info:
        Schedule.model_validate({"rules": [{"kind": "daily", "times": [bad], "item_ids": ["a"]}]})
    assert "bad time" in str(info.value)
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ({"kind": "daily", "times": ["06:00"], "item_ids": []}, "at least 1"),
        ({"kind": "daily", "times": [], "item_ids": ["a"]}, "at least 1"),
        ({"kind": "daily", "times": ["06:00", "6:00"], "item_ids": ["a"]}, "twice"),
        (
            {"kind": "daily", "times": ["06:00"], "weekdays": [7], "item_ids": ["a"]},
            "less than or equal to 6",
        ),
        ({"kind": "daily", "times": ["06:00"], "weekdays": [], "item_ids": ["a"]}, "at least 1"),
        (
            {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], "repeat": 0},
            "greater than or equal to 1",
        ),
        (
            {"kind": "daily", "times": ["06:00"], "item_ids": ["a"], "gap_s": -1},
            "greater than or equal to 0",
        ),
        ({"kind": "daily", "times": ["06:00"], "item_ids": ["a"], "colour": "red"}, "Extra inputs"),
        (
            {
                "kind": "daily",
                "times": ["06:00"],
                "item_ids": ["a"],
                "start_date": "2025-04-01",
                "end_date": "2025-03-01",
            },
            "before start_date",
        ),
        ({"kind": "cron", "hour": "25", "item_ids": ["a"]}, "bad cron expression"),
        ({"kind": "cron", "day_of_week": "funday", "item_ids": ["a"]}, "bad cron expression"),
        ({"kind": "cron", "item_ids": ["a"]}, "at least one of"),
        ({"kind": "once", "at": "tomorrow", "item_ids": ["a"]}, "datetime"),
        ({"kind": "weekly", "item_ids": ["a"]}, "does not match any of the expected tags"),
    ],
)
def test_bad_rules_are_refused_clearly(rule, words):
    with pytest.raises(ValidationError) as info:
        Schedule.model_validate({"rules": [rule]})
    assert words in str(info.value)


def test_other_formats_are_refused():
    with pytest.raises(ValidationError):
        Schedule.model_validate({"format": 2})


def test_unknown_item_ids_refused_given_the_item_set():
    data = {
        "rules": [{"kind": "daily", "times": ["06:00"], "item_ids": ["a", "ghost"]}],
        "loop": {"item_ids": ["phantom"]},
    }
    # Without the item set the schedule alone is well formed...
    schedule = Schedule.model_validate(data)
    assert schedule.unknown_item_ids({"a"}) == ["ghost", "phantom"]
    # ...with it, unknown ids are refused.
    with pytest.raises(ValidationError, match="unknown item ids: ghost, phantom"):
        Schedule.model_validate(data, context={"item_ids": {"a"}})
    with pytest.raises(ScheduleError) as info:
        parse_schedule(data, item_ids=["a"])
    assert "ghost" in info.value.reason
    assert info.value.reason_vi.startswith("Lịch phát không hợp lệ")
    with pytest.raises(ScheduleError, match="unknown items: ghost, phantom"):
        schedule.check_items({"a"})


def test_parse_schedule_gives_one_readable_line():
    with pytest.raises(ScheduleError) as info:
        parse_schedule({"rules": [{"kind": "daily", "times": ["24:00"], "item_ids": ["a"]}]})
    text = str(info.value)
    assert "\n" not in text
    assert "rules.0.daily.times: bad time '24:00'" in text


def test_policy_hanoi_example_and_quiet_hours():
    policy = AreaPolicy(max_per_day=2, max_session_minutes=15, allowed_weekdays=[4, 0, 1, 2, 3, 3])
    assert policy.allowed_weekdays == [0, 1, 2, 3, 4]
    assert AreaPolicy(quiet_hours=None).quiet_hours is None
    with pytest.raises(ValidationError, match="equal"):
        QuietHours(start="22:00", end="22:00")
    with pytest.raises(ValidationError, match="bad time"):
        QuietHours(start="10pm")
    with pytest.raises(ValidationError):
        AreaPolicy(max_per_day=0)


def test_models_are_frozen():
    schedule = Schedule.model_validate(EXAMPLE)
    with pytest.raises(ValidationError):
        schedule.policy.max_per_day = 5  # type: ignore[misc]

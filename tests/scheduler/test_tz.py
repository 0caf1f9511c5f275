"""The machine's time zone changes nothing: plans are Asia/Ho_Chi_Minh whatever TZ says."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from loa.cli_plan import plan as plan_command
from scheduler.plan import plan_from_manifest

VN = ZoneInfo("Asia/Ho_Chi_Minh")

MANIFEST = {
    "items": [
        {"id": "a", "priority": "normal", "duration_s": 120},
        {"id": "p", "priority": "priority", "duration_s": 60},
        {"id": "e", "priority": "emergency", "duration_s": 30},
    ],
    "schedule": {
        "rules": [
            {"kind": "daily", "times": ["05:00", "06:00", "21:59", "23:00"], "item_ids": ["a"]},
            {"kind": "cron", "day": "last", "hour": "6", "minute": "1", "item_ids": ["p"]},
            {"kind": "once", "at": "2028-03-01T04:00:00", "item_ids": ["a"]},
        ],
        "policy": {"max_per_day": 3, "allowed_weekdays": [0, 1, 2, 3, 4, 5]},
    },
}
ZONES = ["UTC", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"]


@pytest.fixture
def machine_tz():
    """Set the process TZ (and tzset) for a test; restore it afterwards."""
    saved = os.environ.get("TZ")

    def set_tz(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_tz
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def _snapshot():
    start = datetime(2028, 2, 27, 0, 0, tzinfo=VN)
    plan = plan_from_manifest(MANIFEST, start=start, hours=24 * 5)
    return (
        [e.to_json() for e in plan.entries],
        [c.reason for c in plan.conflicts],
        [(v.kind, v.reason, v.reason_vi) for v in plan.violations],
    )


def test_plans_do_not_depend_on_the_machine_time_zone(machine_tz):
    machine_tz("Asia/Ho_Chi_Minh")
    baseline = _snapshot()
    entries = baseline[0]
    assert entries and all(e["start"].endswith("+07:00") for e in entries)
    assert {
        "start": "2028-02-29T06:01:00+07:00",
        "end": "2028-02-29T06:02:00+07:00",
        "item": "p",
        "priority": "priority",
    } in entries
    for zone in ZONES:
        machine_tz(zone)
        assert time.localtime(0).tm_gmtoff != 7 * 3600  # the machine really is elsewhere
        assert _snapshot() == baseline, zone


def test_cli_output_does_not_depend_on_the_machine_time_zone(machine_tz, tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(MANIFEST))
    args = ["--manifest-json", str(path), "--from", "2028-02-28T05:00", "--hours", "48"]
    outputs = []
    for zone in ["Asia/Ho_Chi_Minh", *ZONES]:
        machine_tz(zone)
        result = CliRunner(mix_stderr=False).invoke(plan_command, args)
        assert result.exit_code == 0, result.output + result.stderr
        outputs.append((result.stdout, result.stderr))
    assert all(o == outputs[0] for o in outputs)
    first = json.loads(outputs[0][0].splitlines()[0])
    # A --from without an offset is Vietnam time, not the machine's.
    assert datetime.fromisoformat(first["start"]) >= datetime(2028, 2, 28, 5, tzinfo=VN)
    assert first["start"] == "2028-02-28T05:00:00+07:00"  # the unscheduled emergency, now
    assert datetime.fromisoformat(first["start"]).utcoffset() == timedelta(hours=7)

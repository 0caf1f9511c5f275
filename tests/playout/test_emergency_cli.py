"""`loa unit import`, `loa unit status` and `loa doctor` with an emergency bundle: the import
says it plays now, status and the doctor's bundle check list the active emergency, and
`loa unit run` plays it (real time, briefly)."""

from __future__ import annotations

import json

import pytest

from .emergency_kit import emergency_bundle
from .test_cli_unit import cfg_file, run  # noqa: F401 - the fixture is used by name


@pytest.fixture
def kit_t0():
    from .conftest import real_now

    return real_now()


def test_import_status_doctor_and_run(kit, cfg_file):  # noqa: F811 - the fixture
    assert run("unit", "keygen", "--config", cfg_file).exit_code == 0
    item = kit.item("E", seconds=0.3, priority="emergency")
    path, eid = emergency_bundle(kit, sequence=1, item=item, repeats=2, gap_s=0)
    r = run("unit", "import", path, "--config", cfg_file)
    assert r.exit_code == 0 and "đã nhận gói khẩn cấp số 1" in r.output
    r = run("unit", "import", path, "--config", cfg_file)
    assert r.exit_code == 0  # the same bundle again: unchanged
    r = run("unit", "status", "--config", cfg_file)
    assert "khẩn cấp Bản tin E: đang phát 0/2 lần" in r.output
    r = run("doctor", "--config", cfg_file, "--json")
    bundle = next(json.loads(line) for line in r.output.splitlines() if "bundle" in line)
    assert "khẩn cấp Bản tin E: đang phát 0/2" in bundle["vi"]
    assert "emergency Bản tin E: active 0/2" in bundle["en"]
    r = run("unit", "run", "--config", cfg_file, "--seconds", 2.5)
    assert r.exit_code == 0
    r = run("unit", "status", "--config", cfg_file)
    assert "khẩn cấp Bản tin E: đã phát xong 2/2 lần" in r.output
    status = json.loads(run("unit", "status", "--config", cfg_file, "--json").output)
    assert status["emergencies"][0]["id"] == eid

"""`loa plan`: JSON lines on stdout, conflicts and violations on stderr, readable errors."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from loa.cli import main
from loa.cli_plan import plan

MANIFEST = {
    "format": 1,
    "items": [
        {"id": "tin-sang", "title": "Bản tin sáng", "priority": "normal", "duration_s": 90},
        {"id": "tin-trua", "title": "Bản tin trưa", "priority": "normal", "duration_s": 60},
        {"id": "ma-tuy", "title": "Phòng chống ma túy", "priority": "priority", "duration_s": 120},
        {"id": "chay", "title": "Báo cháy", "priority": "emergency", "duration_s": 30.5},
    ],
    "schedule": {
        "format": 1,
        "rules": [
            {"kind": "daily", "times": ["06:00", "22:15"], "item_ids": ["tin-sang"]},
            {"kind": "daily", "times": ["06:01"], "item_ids": ["tin-trua"]},  # overlaps, queued
            {"kind": "once", "at": "2025-03-03T11:00:00+07:00", "item_ids": ["tin-trua"]},
            {"kind": "once", "at": "2025-03-03T11:00:30+07:00", "item_ids": ["ma-tuy"]},  # wins
        ],
        "policy": {"queue_tolerance_s": 60},
    },
}


@pytest.fixture
def manifest_file(tmp_path) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(MANIFEST, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args):
    return CliRunner(mix_stderr=False).invoke(main, ["plan", *args])


def test_prints_json_lines_and_reports_on_stderr(manifest_file):
    result = run(
        "--manifest-json",
        str(manifest_file),
        "--from",
        "2025-03-03T05:00:00+07:00",
        "--hours",
        "24",
    )
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {
            "start": "2025-03-03T05:00:00+07:00",
            "end": "2025-03-03T05:00:30.500+07:00",
            "item": "chay",
            "priority": "emergency",
        },
        {
            "start": "2025-03-03T06:00:00+07:00",
            "end": "2025-03-03T06:01:30+07:00",
            "item": "tin-sang",
            "priority": "normal",
        },
        {
            "start": "2025-03-03T06:01:30+07:00",
            "end": "2025-03-03T06:02:30+07:00",
            "item": "tin-trua",
            "priority": "normal",
        },
        {
            "start": "2025-03-03T11:00:30+07:00",
            "end": "2025-03-03T11:02:30+07:00",
            "item": "ma-tuy",
            "priority": "priority",
        },
    ]
    err = result.stderr.splitlines()
    assert len(err) == 2
    assert err[0].startswith("xung đột / conflict 2025-03-03T11:00:00+07:00: Bỏ 'tin-trua'")
    assert err[1].startswith(
        "vi phạm / violation quiet_hours 2025-03-03T22:15:00+07:00: Bỏ 'tin-sang'"
    )
    assert "in quiet hours 22:00–05:00" in err[1]


def test_from_in_another_offset_is_shown_in_vietnam_time(manifest_file):
    result = run(
        "--manifest-json", str(manifest_file), "--from", "2025-03-02T23:00:00Z", "--hours", "1"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["start"] == "2025-03-03T06:00:00+07:00"


def test_bundle_path_reads_the_manifest_through_the_bundle_module(
    manifest_file, monkeypatch, tmp_path
):
    bundle_path = tmp_path / "goi.loa"
    bundle_path.write_bytes(b"not really a bundle")
    seen = []

    def read_manifest_unverified(path):
        seen.append(Path(path))
        return types.SimpleNamespace(
            items=[types.SimpleNamespace(loop=False, **i) for i in MANIFEST["items"]],
            schedule=MANIFEST["schedule"],
        )

    fake = types.ModuleType("content_library.bundle")
    fake.read_manifest_unverified = read_manifest_unverified
    monkeypatch.setitem(sys.modules, "content_library.bundle", fake)
    via_bundle = run(str(bundle_path), "--from", "2025-03-03T05:00", "--hours", "24")
    via_json = run(
        "--manifest-json", str(manifest_file), "--from", "2025-03-03T05:00", "--hours", "24"
    )
    assert via_bundle.exit_code == 0, via_bundle.stderr
    assert seen == [bundle_path]
    assert via_bundle.stdout == via_json.stdout and via_bundle.stderr == via_json.stderr


def test_bundle_reader_errors_are_one_line(monkeypatch, tmp_path):
    bundle_path = tmp_path / "goi.loa"
    bundle_path.write_bytes(b"x")
    fake = types.ModuleType("content_library.bundle")

    def broken(path):
        raise ValueError("manifest.json missing")

    fake.read_manifest_unverified = broken
    monkeypatch.setitem(sys.modules, "content_library.bundle", fake)
    result = run(str(bundle_path), "--from", "2025-03-03T05:00")
    assert result.exit_code == 1
    assert "manifest.json missing" in result.stderr and result.stdout == ""

    monkeypatch.setitem(sys.modules, "content_library.bundle", None)  # not built yet
    result = run(str(bundle_path), "--from", "2025-03-03T05:00")
    assert result.exit_code == 1 and "--manifest-json" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "yesterday"], "ISO 8601"),
        (["--from", "2025-03-03T05:00", "--hours", "0"], "--hours"),
        (["--from", "2025-03-03T05:00", "--hours", "-3"], "--hours"),
        ([], "--from"),
    ],
)
def test_bad_arguments(manifest_file, args, words):
    result = run("--manifest-json", str(manifest_file), *args)
    assert result.exit_code == 2
    assert words in result.stderr


def test_needs_exactly_one_input(manifest_file):
    assert run("--from", "2025-03-03T05:00").exit_code == 2
    both = run(
        str(manifest_file), "--manifest-json", str(manifest_file), "--from", "2025-03-03T05:00"
    )
    assert both.exit_code == 2 and "BUNDLE" in both.stderr


def test_invalid_schedule_is_refused_in_both_languages(tmp_path):
    bad = {
        **MANIFEST,
        "schedule": {"rules": [{"kind": "daily", "times": ["25:00"], "item_ids": ["ghost"]}]},
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = CliRunner(mix_stderr=False).invoke(
        plan, ["--manifest-json", str(path), "--from", "2025-03-03T05:00"]
    )
    assert result.exit_code == 1
    assert "Lịch phát không hợp lệ" in result.stderr and "invalid schedule" in result.stderr
    assert "bad time '25:00'" in result.stderr
    path.write_text("{not json")
    result = CliRunner(mix_stderr=False).invoke(
        plan, ["--manifest-json", str(path), "--from", "2025-03-03T05:00"]
    )
    assert result.exit_code == 1 and "cannot read manifest" in result.stderr

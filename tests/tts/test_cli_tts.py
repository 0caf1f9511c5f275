"""`loa tts normalize`: through click's runner and once as the installed console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from loa.cli import main

LOA = Path(sys.prefix) / "bin" / "loa"


def _runner() -> CliRunner:
    # click 8.1 mixes stderr into stdout unless told not to; 8.2 always keeps them apart.
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def test_normalize_prints_the_spoken_form():
    result = _runner().invoke(main, ["tts", "normalize", "Gọi 113 lúc 17h30 ngày 15/12/2022"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Gọi một một ba lúc mười bảy giờ ba mươi phút ngày mười lăm tháng mười hai năm "
        "hai nghìn không trăm hai mươi hai\n"
    )


def test_region_option():
    runner = _runner()
    north = runner.invoke(main, ["tts", "normalize", "105.000đ"])
    south = runner.invoke(main, ["tts", "normalize", "105.000đ", "--region", "south"])
    assert north.output == "một trăm linh năm nghìn đồng\n"
    assert south.output == "một trăm lẻ năm ngàn đồng\n"


def test_unknown_region_is_a_usage_error():
    result = _runner().invoke(main, ["tts", "normalize", "5", "--region", "west"])
    assert result.exit_code == 2
    assert "west" in result.stderr


def test_nothing_to_read_exits_2_with_the_reason_on_stderr():
    result = _runner().invoke(main, ["tts", "normalize", " ... "])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Văn bản không có chữ nào để đọc" in result.stderr
    assert "nothing to read" in result.stderr


def test_console_script():
    proc = subprocess.run(
        [
            str(LOA),
            "tts",
            "normalize",
            "ANTT trực 24/7, Nghị định 100/2019/NĐ-CP",
            "--region",
            "south",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "an ninh trật tự trực hai bốn trên bảy, Nghị định một trăm, "
        "năm hai ngàn không trăm mười chín của Chính phủ\n"
    )


def test_report_flag_prints_json_and_warnings_go_to_stderr():
    import json

    result = _runner().invoke(main, ["tts", "normalize", "Quý III/2026, CN", "--report"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["written"] == "Quý III/2026, CN"
    assert data["spoken"].startswith("Quý ba năm hai nghìn không trăm hai mươi sáu")
    assert {e["kind"] for e in data["expansions"]} >= {"roman", "spelling"}
    assert data["warnings"][0]["written"] == "CN"
    plain = _runner().invoke(main, ["tts", "normalize", "Gặp TT ngay"])
    assert plain.exit_code == 0
    assert "Không chắc cách đọc: “TT”" in plain.stderr and "Unsure how to read" in plain.stderr
    assert plain.stdout == "Gặp tê tê ngay\n"

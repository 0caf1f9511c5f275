"""Readings of official text, second probe: military call-up, citizen ID, scam warnings,
fire and drug prevention, elections, land, farming, health, schools and pensions. One
table per rule, each rule tried on several sentences (northern reading unless a case says
otherwise)."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    assert normalize(text, region=region) == spoken


def _flagged(text: str) -> list[str]:
    return [w.written for w in normalize_with_report(text).warnings]


# --- round the clock: "24/24h", "24/24", "24/7" -----------------------------------------------

ROUND_THE_CLOCK = [
    ("Ca trực 24/24h", "Ca trực hai mươi tư trên hai mươi tư giờ"),
    (
        "Đội PCCC cơ sở ấp 2 trực 24/24h trong mùa khô.",
        "Đội phòng cháy chữa cháy cơ sở ấp hai trực hai mươi tư trên hai mươi tư giờ trong mùa khô.",
    ),
    (
        "Ca trực 24/24 h, kể cả Chủ nhật.",
        "Ca trực hai mươi tư trên hai mươi tư giờ, kể cả Chủ nhật.",
    ),
    ("Ca trực 24/24 giờ.", "Ca trực hai mươi tư trên hai mươi tư giờ."),
    ("Trực chiến 24/24.", "Trực chiến hai mươi tư trên hai mươi tư."),
    (
        "GPS hoạt động 24/24, kể cả ngày lễ.",
        "giê pê ét hoạt động hai mươi tư trên hai mươi tư, kể cả ngày lễ.",
    ),
    # real dates with 24 are untouched
    ("Ngày 24/12 tổ chức Giáng sinh.", "Ngày hai mươi tư tháng mười hai tổ chức Giáng sinh."),
    ("Thứ 4, 24/12.", "Thứ tư, ngày hai mươi tư tháng mười hai."),
    ("Ngày 24/7, xã tổ chức.", "Ngày hai mươi tư tháng bảy, xã tổ chức."),
    ("Trực 24/7 để tiếp nhận tin báo.", "Trực hai mươi tư trên bảy để tiếp nhận tin báo."),
]


@pytest.mark.parametrize(("text", "spoken"), ROUND_THE_CLOCK)
def test_round_the_clock(text, spoken):
    _check(text, spoken)


def test_round_the_clock_is_not_flagged_and_follows_the_region():
    assert _flagged("Trực chiến 24/24.") == []
    assert _flagged("Ca trực 24/24h") == []
    assert normalize("Ca trực 24/24h", region="south") == (
        "Ca trực hai mươi bốn trên hai mươi bốn giờ"
    )

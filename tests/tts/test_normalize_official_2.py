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


# --- an amount in words that differs from the number before it -------------------------------

DIFFERING_AMOUNTS = [
    (
        "Hỗ trợ 8.000.000 đồng (Bảy triệu đồng) cho mỗi hộ.",
        "Hỗ trợ tám triệu đồng, Bảy triệu đồng, cho mỗi hộ.",
        "(Bảy triệu đồng)",
    ),
    (
        "Phạt tiền 3.000.000 đồng (Hai triệu đồng).",
        "Phạt tiền ba triệu đồng, Hai triệu đồng.",
        "(Hai triệu đồng)",
    ),
    (
        "Số tiền 2.500.000 đồng (hai triệu sáu trăm nghìn đồng).",
        "Số tiền hai triệu năm trăm nghìn đồng, hai triệu sáu trăm nghìn đồng.",
        "(hai triệu sáu trăm nghìn đồng)",
    ),
    (
        "Trong thời hạn 15 (mười ngày) kể từ ngày nhận.",
        "Trong thời hạn mười lăm, mười ngày, kể từ ngày nhận.",
        "(mười ngày)",
    ),
    (
        "Mức phạt từ 6.000.000 đồng đến 8.000.000 đồng (Sáu triệu đồng đến chín triệu đồng).",
        "Mức phạt từ sáu triệu đồng đến tám triệu đồng, Sáu triệu đồng đến chín triệu đồng.",
        "(Sáu triệu đồng đến chín triệu đồng)",
    ),
]


@pytest.mark.parametrize(("text", "spoken", "flagged"), DIFFERING_AMOUNTS)
def test_a_bracket_with_another_amount_is_read_and_flagged(text, spoken, flagged):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == [flagged]
    assert "amount in brackets" in report.warnings[0].reason_en


SAME_OR_OTHER_BRACKETS = [
    # the same amount, the unit left out of the bracket: said once
    (
        "Mức phạt 4.000.000 đồng (bốn triệu) đến 6.000.000 đồng (sáu triệu).",
        "Mức phạt bốn triệu đồng đến sáu triệu đồng.",
    ),
    ("Hỗ trợ 5.000.000 đồng (Năm triệu đồng) cho gia đình.", "Hỗ trợ năm triệu đồng cho gia đình."),
    # brackets that are not the amount again: read, not flagged
    (
        "Chỉ tiêu là 18 công dân (trong đó có 02 công an nghĩa vụ).",
        "Chỉ tiêu là mười tám công dân, trong đó có hai công an nghĩa vụ.",
    ),
    (
        "Trợ cấp 01 tháng lương cơ sở (2.340.000 đồng).",
        "Trợ cấp một tháng lương cơ sở, hai triệu ba trăm bốn mươi nghìn đồng.",
    ),
    (
        "Có 35 lớp (năm học 2026-2027).",
        "Có ba mươi lăm lớp, năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    ("Họp 2 lần, 3 buổi (năm nay và năm sau).", "Họp hai lần, ba buổi, năm nay và năm sau."),
    (
        "Ông Tư, 60 tuổi (sinh năm 1965).",
        "Ông Tư, sáu mươi tuổi, sinh năm một nghìn chín trăm sáu mươi lăm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SAME_OR_OTHER_BRACKETS)
def test_brackets_with_the_same_amount_or_no_amount_are_not_flagged(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()

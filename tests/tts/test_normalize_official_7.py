"""Readings of official text, seventh probe: commune notices (land tax, power cuts, meetings),
military service calls, vaccination and dengue campaigns, drowning and fire prevention, traffic
safety, scam warnings and flood bulletins, as officials of the three regions write them. One
table per rule (northern reading unless a case says otherwise); each table holds cases that
must not change too."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    assert normalize(text, region=region) == spoken


def _flagged(text: str, region: str = "north") -> list[str]:
    return [w.written for w in normalize_with_report(text, region=region).warnings]


# --- a measured value over its total, the unit written once ------------------------------------
# "68,5/70m": the level reached over the crest, the length built over the length planned. It was
# a pause ("sáu mươi tám phẩy năm, bảy mươi mét"), and two whole numbers were read as a date.

MEASURED_TOTALS = [
    (
        "Mực nước sông Hồng tại Hà Nội lúc 7h ngày 10/9 là 68,5/70m.",
        "Mực nước sông Hồng tại Hà Nội lúc bảy giờ ngày mười tháng chín là sáu mươi tám phẩy năm "
        "trên bảy mươi mét.",
    ),
    (
        "Chiều cao đập 12,3/15m, mực nước hồ đạt 23,5/25,0m.",
        "Chiều cao đập mười hai phẩy ba trên mười lăm mét, mực nước hồ đạt hai mươi ba phẩy năm "
        "trên hai mươi lăm phẩy không mét.",
    ),
    (
        "Tiến độ đạt 8,5/10km đường giao thông nông thôn.",
        "Tiến độ đạt tám phẩy năm trên mười ki-lô-mét đường giao thông nông thôn.",
    ),
    (
        "Độ sâu nước tại ngầm tràn 0,5/0,8m, cấm phương tiện qua lại.",
        "Độ sâu nước tại ngầm tràn không phẩy năm trên không phẩy tám mét, cấm phương tiện qua lại.",
    ),
    (
        "Đã hoàn thành 9/10 km đường bê tông.",
        "Đã hoàn thành chín trên mười ki-lô-mét đường bê tông.",
    ),
    (
        "Đã gieo cấy 450/520 ha lúa Đông Xuân.",
        "Đã gieo cấy bốn trăm năm mươi trên năm trăm hai mươi héc-ta lúa Đông Xuân.",
    ),
    # guards: a unit on both sides is a rate, a date word keeps the date
    (
        "Diện tích rừng bị cháy khoảng 2,5ha/15ha được giao khoán.",
        "Diện tích rừng bị cháy khoảng hai phẩy năm héc-ta trên mười lăm héc-ta được giao khoán.",
    ),
    (
        "Nồng độ cồn 0,25 mg/1 lít khí thở.",
        "Nồng độ cồn không phẩy hai mươi lăm mi-li-gam trên một lít khí thở.",
    ),
    ("Ngày 9/10 m nước dâng cao.", "Ngày chín tháng mười m nước dâng cao."),
]


@pytest.mark.parametrize(("text", "spoken"), MEASURED_TOTALS)
def test_measured_over_total(text: str, spoken: str) -> None:
    _check(text, spoken)
    assert not _flagged(text)

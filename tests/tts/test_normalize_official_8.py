"""Readings of official text, eighth probe: medical figures, UV bulletins, power-cut notices,
vaccination campaigns, animal disease and crop notices, elections, social insurance, school
enrolment, festivals, call-ups, addresses and hotlines, as officials write them. One table per
rule (northern reading); each table holds cases that must not change too."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    assert normalize(text, region=region) == spoken


def _flagged(text: str, region: str = "north") -> list[str]:
    return [w.written for w in normalize_with_report(text, region=region).warnings]


# --- a count of cells per a volume ---------------------------------------------------------------
# "tiểu cầu dưới 100.000/mm3": platelets per cubic millimetre is "trên", like "40.000 cây/ha"
# (was "mỗi mi-li-mét khối", and "4,2 triệu/mm3" was "một", as if money).

COUNTS_PER_VOLUME = [
    (
        "Bệnh nhân sốt xuất huyết có tiểu cầu dưới 100.000/mm3 cần nhập viện ngay.",
        "Bệnh nhân sốt xuất huyết có tiểu cầu dưới một trăm nghìn trên mi-li-mét khối cần nhập "
        "viện ngay.",
    ),
    (
        "Số lượng bạch cầu bình thường từ 4.000-10.000/mm3.",
        "Số lượng bạch cầu bình thường từ bốn nghìn đến mười nghìn trên mi-li-mét khối.",
    ),
    (
        "Hồng cầu 4,2 triệu/mm3, tiểu cầu 150.000/mm3.",
        "Hồng cầu bốn phẩy hai triệu trên mi-li-mét khối, tiểu cầu một trăm năm mươi nghìn trên "
        "mi-li-mét khối.",
    ),
    (
        "Tiểu cầu giảm nhanh còn 50.000/mm3 kèm cô đặc máu là dấu hiệu cảnh báo.",
        "Tiểu cầu giảm nhanh còn năm mươi nghìn trên mi-li-mét khối kèm cô đặc máu là dấu hiệu "
        "cảnh báo.",
    ),
    # guards: a price per a litre and money per a person keep their readings
    (
        "Giá xăng 23.000/lít từ 15h chiều nay.",
        "Giá xăng hai mươi ba nghìn mỗi lít từ mười lăm giờ chiều nay.",
    ),
    (
        "Hỗ trợ 1.000.000/người/năm.",
        "Hỗ trợ một triệu mỗi người mỗi năm.",
    ),
    (
        "Mật độ lăng quăng 20 con/m3 nước.",
        "Mật độ lăng quăng hai mươi con trên mét khối nước.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), COUNTS_PER_VOLUME)
def test_count_per_volume(text: str, spoken: str) -> None:
    _check(text, spoken)

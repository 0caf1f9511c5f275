"""Readings of official text, twelfth probe: storm, flood and cold bulletins of the national
hydro-meteorological centre, military call-up, social and health insurance, land and tax
deadlines, vaccination, traffic fines, fire and drug prevention, power-cut notices, elections and
meetings, scam warnings with phone numbers, keypad codes, text-message syntax and web addresses,
and the cases left open by the eleventh probe, as commune loudspeakers broadcast them. One table
per rule (northern reading); each table holds cases that must not change too. Every case is read
without a warning, and reading the spoken text again changes nothing."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    report = normalize_with_report(text, region=region)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == []
    assert normalize(report.spoken, region=region) == report.spoken


# --- a code dialled on the keypad ----------------------------------------------------------------
# "bấm *101#", "*123#", "*#06#" (USSD): said key by key, "*" "sao" and "#" "thăng", as the
# operators' notices say them (the marks were dropped and the digits read as a number, "bấm một
# trăm linh một"). A star or a hash that opens no code stays what it was.
KEYPAD = [
    (
        "Kiểm tra số dư tài khoản viễn thông bằng cách bấm *101#.",
        "Kiểm tra số dư tài khoản viễn thông bằng cách bấm sao một không một thăng.",
    ),
    (
        "Bấm *123# để kiểm tra thông tin thuê bao chính chủ.",
        "Bấm sao một hai ba thăng để kiểm tra thông tin thuê bao chính chủ.",
    ),
    (
        "Không bấm các mã lạ như *21*số điện thoại# theo yêu cầu của người gọi.",
        "Không bấm các mã lạ như hai mươi mốt số điện thoại theo yêu cầu của người gọi.",
    ),
    # guards: a bullet star, a bold mark, a hashtag
    (
        "* Lưu ý: mang theo CCCD.",
        "Lưu ý: mang theo căn cước công dân.",
    ),
    (
        "Hạn chót **25/12**.",
        "Hạn chót ngày hai mươi lăm tháng mười hai.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), KEYPAD)
def test_keypad_codes(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- country codes after "số nước ngoài"; a text message's syntax --------------------------------
# "cuộc gọi từ số nước ngoài (+855, +63...)": country codes, "cộng tám năm năm" like "đầu số +84"
# (the first was "tám trăm năm mươi lăm" and its plus flagged). "Soạn tin UH gửi 1407": the
# keywords are typed letter by letter, so spelled and not flagged; the short number is dialled
# (was "một nghìn bốn trăm linh bảy").
MESSAGES = [
    (
        "Cảnh giác với cuộc gọi từ số nước ngoài (+855, +63...).",
        "Cảnh giác với cuộc gọi từ số nước ngoài, cộng tám năm năm, cộng sáu ba...",
    ),
    (
        "Không nghe máy khi thấy đầu số quốc tế như +225, +232.",
        "Không nghe máy khi thấy đầu số quốc tế như cộng hai hai năm, cộng hai ba hai.",
    ),
    (
        "Soạn tin UH gửi 1407 để ủng hộ đồng bào bị lũ lụt.",
        "Soạn tin u hát gửi một bốn không bảy để ủng hộ đồng bào bị lũ lụt.",
    ),
    (
        "Nhắn tin theo cú pháp DK V90 gửi 9191.",
        "Nhắn tin theo cú pháp dê ca vê chín mươi gửi chín một chín một.",
    ),
    (
        "Cú pháp tin nhắn: TC gửi 5656.",
        "Cú pháp tin nhắn: tê xê gửi năm sáu năm sáu.",
    ),
    # guards: a count after "gửi", a plus on a temperature
    (
        "Soạn tin nhắn gửi 5 người.",
        "Soạn tin nhắn gửi năm người.",
    ),
    (
        "Nhiệt độ khoảng +5°C.",
        "Nhiệt độ khoảng cộng năm độ xê.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), MESSAGES)
def test_messages_and_country_codes(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- money for so many periods; a unit after the amount restated in words -----------------------
# "1.263.600 đồng/12 tháng" is what is paid for twelve months, "đồng cho mười hai tháng" (was
# "trên mười hai tháng", a rate); rain over several days is "trong" like "mm/24h". "5 (năm) km2",
# "02 (hai) m": the unit after the bracket (was "ki-lô-mét hai", read as kilometre post two, and
# "m" left).
PERIODS_AND_UNITS = [
    (
        "Mức đóng BHYT hộ gia đình: người thứ nhất đóng 1.263.600 đồng/12 tháng.",
        "Mức đóng bảo hiểm y tế hộ gia đình: người thứ nhất đóng một triệu hai trăm sáu mươi ba "
        "nghìn sáu trăm đồng cho mười hai tháng.",
    ),
    (
        "Mức đóng 631.800 đồng/6 tháng.",
        "Mức đóng sáu trăm ba mươi mốt nghìn tám trăm đồng cho sáu tháng.",
    ),
    (
        "Tổng lượng mưa 350mm/3 ngày.",
        "Tổng lượng mưa ba trăm năm mươi mi-li-mét trong ba ngày.",
    ),
    (
        "Tổng diện tích rừng bị ảnh hưởng khoảng 5 (năm) km2.",
        "Tổng diện tích rừng bị ảnh hưởng khoảng năm ki-lô-mét vuông.",
    ),
    (
        "Đào rãnh sâu 02 (hai) m.",
        "Đào rãnh sâu hai mét.",
    ),
    # guards: per one period, a rate per a unit, a kilometre post
    (
        "Học phí 3.000.000 đồng/1 năm.",
        "Học phí ba triệu đồng một năm.",
    ),
    (
        "Mưa 25-50mm/24h.",
        "Mưa hai mươi lăm đến năm mươi mi-li-mét trong hai mươi tư giờ.",
    ),
    (
        "Nồng độ cồn vượt quá 0,4 miligam/1 lít khí thở.",
        "Nồng độ cồn vượt quá không phẩy bốn miligam trên một lít khí thở.",
    ),
    (
        "Sạt lở tại (QL9) km 25.",
        "Sạt lở tại, quốc lộ chín, ki-lô-mét hai mươi lăm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), PERIODS_AND_UNITS)
def test_periods_and_units(text: str, spoken: str) -> None:
    _check(text, spoken)

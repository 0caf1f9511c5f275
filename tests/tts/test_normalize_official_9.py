"""Readings of official text, ninth probe: storm and flood bulletins, health campaigns (dengue,
HIV/AIDS, vaccination), fire prevention and emergency numbers, traffic fines and their legal
references, meeting times, money, Roman numerals, addresses, hotlines and web addresses, as
commune loudspeakers broadcast them. One table per rule (northern reading); each table holds
cases that must not change too. Every case is read without a warning, and reading the spoken
text again changes nothing."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    report = normalize_with_report(text, region=region)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == []
    assert normalize(report.spoken, region=region) == report.spoken


# --- a named day before its date -----------------------------------------------------------------
# "Ngày Pháp luật 9/11", "Ngày Môi trường thế giới 5/6": the day is named, so "d/m" is its date,
# said without a second "ngày" (was "ngày chín tháng mười một", flagged as a fraction or a date
# because neither is a holiday of the list). The comma of "phòng, chống" ends no clause.

NAMED_DAYS = [
    (
        "Hưởng ứng Ngày Pháp luật 9/11.",
        "Hưởng ứng Ngày Pháp luật chín tháng mười một.",
    ),
    (
        "Hưởng ứng Ngày Môi trường thế giới 5/6.",
        "Hưởng ứng Ngày Môi trường thế giới năm tháng sáu.",
    ),
    (
        "Mít tinh hưởng ứng Ngày Thế giới phòng, chống HIV/AIDS 1/12.",
        "Mít tinh hưởng ứng Ngày Thế giới phòng, chống hát i vê, ết một tháng mười hai.",
    ),
    (
        "Hưởng ứng Ngày ASEAN phòng, chống sốt xuất huyết 15/6.",
        "Hưởng ứng Ngày a-xê-an phòng, chống sốt xuất huyết mười lăm tháng sáu.",
    ),
    # guards: holidays, a date word before, a fraction of the households
    (
        "Ngày Quốc khánh 2/9.",
        "Ngày Quốc khánh hai tháng chín.",
    ),
    (
        "Hưởng ứng Ngày Gia đình Việt Nam 28/6.",
        "Hưởng ứng Ngày Gia đình Việt Nam hai mươi tám tháng sáu.",
    ),
    (
        "Từ 10/11 đến 10/12 hằng năm.",
        "Từ ngày mười tháng mười một đến ngày mười tháng mười hai hằng năm.",
    ),
    (
        "Ngày 1 tháng 12 là ngày Thế giới phòng chống AIDS.",
        "Ngày một tháng mười hai là ngày Thế giới phòng chống ết.",
    ),
    (
        "Ngày Hội Đại đoàn kết, giảm 1/2 số hộ nghèo.",
        "Ngày Hội Đại đoàn kết, giảm một phần hai số hộ nghèo.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NAMED_DAYS)
def test_named_day_before_its_date(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- emergency numbers listed ------------------------------------------------------------------------
# A number 111–115 followed by a word that counts nothing ("khi", "để", "miễn phí", "ngay") is
# dialled like the one before it: "gọi 112 khi cần cứu nạn, 113 khi cần công an" (the second was
# "một trăm mười ba"), "Các số 113, 114, 115 miễn phí" (the last was "một trăm mười lăm").

EMERGENCY_LISTS = [
    (
        "Gọi 112 khi cần cứu nạn, 113 khi cần công an.",
        "Gọi một một hai khi cần cứu nạn, một một ba khi cần công an.",
    ),
    (
        "Các số 113, 114, 115 miễn phí.",
        "Các số một một ba, một một bốn, một một năm miễn phí.",
    ),
    (
        "Khi phát hiện cháy, gọi ngay 114.",
        "Khi phát hiện cháy, gọi ngay một một bốn.",
    ),
    (
        "Số điện thoại khẩn cấp: Công an 113, Cứu hỏa 114, Cấp cứu 115.",
        "Số điện thoại khẩn cấp: Công an một một ba, Cứu hỏa một một bốn, Cấp cứu một một năm.",
    ),
    (
        "Khi xảy ra sự cố, gọi 114 (cứu hỏa) hoặc 115 (cấp cứu).",
        "Khi xảy ra sự cố, gọi một một bốn, cứu hỏa hoặc một một năm, cấp cứu.",
    ),
    # guards: counted households, an article of a law
    (
        "Thôn có 113 hộ dân.",
        "Thôn có một trăm mười ba hộ dân.",
    ),
    (
        "Theo Điều 113 khi xét xử.",
        "Theo Điều một trăm mười ba khi xét xử.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), EMERGENCY_LISTS)
def test_emergency_numbers_listed(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- a landline with its exchange digit on the area code -----------------------------------------------
# "02353 812 345", "02363.822.123": the area code written with the first local digit, after a
# label that is no phone word (was "không hai ba năm ba tám trăm mười hai ba trăm …").

LANDLINES = [
    (
        "Trung tâm Y tế huyện: 02353 812 345.",
        "Trung tâm Y tế huyện: không hai ba năm ba, tám một hai, ba bốn năm.",
    ),
    (
        "Trạm Y tế xã Tam Kỳ, 02353.812.345.",
        "Trạm Y tế xã Tam Kỳ, không hai ba năm ba, tám một hai, ba bốn năm.",
    ),
    # guards: after a phone word, and the 4-4-3 grouping
    (
        "ĐT: 02353 812 345.",
        "điện thoại: không hai ba năm ba, tám một hai, ba bốn năm.",
    ),
    (
        "Liên hệ Trạm Y tế: 0235 3812 345.",
        "Liên hệ Trạm Y tế: không hai ba năm, ba tám một hai, ba bốn năm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), LANDLINES)
def test_landline_with_exchange_digit(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- "5K": a set of things named by K ------------------------------------------------------------------
# The Ministry of Health's message "5K" (khẩu trang, khử khuẩn, khoảng cách, không tập trung, khai
# báo y tế) is "năm ca" (was "năm K", the letter left to the synthesizer).

K_SETS = [
    (
        "Thực hiện tốt thông điệp 5K của Bộ Y tế.",
        "Thực hiện tốt thông điệp năm ca của Bộ Y tế.",
    ),
    (
        "Thực hiện thông điệp 5K: Khẩu trang, Khử khuẩn, Khoảng cách.",
        "Thực hiện thông điệp năm ca: Khẩu trang, Khử khuẩn, Khoảng cách.",
    ),
    (
        "Nhân rộng mô hình 3K tại các thôn.",
        "Nhân rộng mô hình ba ca tại các thôn.",
    ),
    # guard: a price in the thousands ("k") keeps its reading
    (
        "Giá bán 500k/kg.",
        "Giá bán năm trăm nghìn một ki-lô-gam.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), K_SETS)
def test_k_sets(text: str, spoken: str) -> None:
    _check(text, spoken)


def test_a_price_in_capital_k_is_not_a_set() -> None:
    assert "ca" not in normalize("Giá 5K/kg.").split()


# --- a clock typed with spaces ------------------------------------------------------------------
# "7 h 30", "lúc 8 h sáng": spaces round the "h" (was "bảy h ba mươi"); without minutes a clock
# word must stand next to it, so "Mất 2 h" is left.

SPACED_CLOCKS = [
    (
        "Thời gian: 7 h 30 ngày 5/12.",
        "Thời gian: bảy giờ ba mươi phút ngày năm tháng mười hai.",
    ),
    (
        "Khai mạc lúc 14 h 00 ngày 20/12.",
        "Khai mạc lúc mười bốn giờ ngày hai mươi tháng mười hai.",
    ),
    (
        "Họp lúc 8 h sáng thứ Hai.",
        "Họp lúc tám giờ sáng thứ Hai.",
    ),
    (
        "Tiếp dân từ 7 h 30 - 11 h 30.",
        "Tiếp dân từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút.",
    ),
    # guard: a speed keeps its unit
    (
        "Tốc độ tối đa 60 km/ h.",
        "Tốc độ tối đa sáu mươi ki-lô-mét trên giờ.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SPACED_CLOCKS)
def test_spaced_clocks(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- notices: a spaced slash, a lettered house number, the web portal, office hours ---------------
# "60 km / h", "500.000 đồng / người": a slash typed with spaces after a unit is read like the
# glued one (was "ki-lô-mét, h"). "Số 18A/2": a letter glued to the first part is a house too
# (was "mười tám A, hai"). "Cổng TTĐT" is the Cổng Thông tin điện tử; "(trừ CN)" after office
# hours is "trừ chủ nhật" (both were spelled and flagged).

NOTICES = [
    (
        "Xe ô tô chạy quá 60 km / h trong khu dân cư.",
        "Xe ô tô chạy quá sáu mươi ki-lô-mét trên giờ trong khu dân cư.",
    ),
    (
        "Thu 20.000 đồng / tháng / hộ.",
        "Thu hai mươi nghìn đồng một tháng một hộ.",
    ),
    (
        "Liên hệ ông Tư, số 18A/2 ấp Phú Hòa.",
        "Liên hệ ông Tư, số mười tám a trên hai ấp Phú Hòa.",
    ),
    (
        "Nhà số 25B/3 đường Lê Lợi.",
        "Nhà số hai mươi lăm bê trên ba đường Lê Lợi.",
    ),
    (
        "Kết quả được đăng trên Cổng TTĐT huyện.",
        "Kết quả được đăng trên Cổng Thông tin điện tử huyện.",
    ),
    (
        "Tiếp nhận hồ sơ buổi tối từ 19h00-21h00 (trừ CN).",
        "Tiếp nhận hồ sơ buổi tối từ mười chín giờ đến hai mươi mốt giờ, trừ chủ nhật.",
    ),
    # guards: glued slashes, a date after a street's name
    (
        "Lãi suất 5%/năm, hỗ trợ 500.000 đồng/người.",
        "Lãi suất năm phần trăm mỗi năm, hỗ trợ năm trăm nghìn đồng một người.",
    ),
    (
        "Hẻm 45/7B đường 30/4.",
        "Hẻm bốn mươi lăm trên bảy bê đường ba mươi tháng tư.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NOTICES)
def test_notices(text: str, spoken: str) -> None:
    _check(text, spoken)


def test_cn_alone_stays_flagged() -> None:
    assert [w.written for w in normalize_with_report("Trừ CN kinh doanh.").warnings] == ["CN"]


# --- a foreign caller's number -------------------------------------------------------------------
# Scam warnings quote foreign numbers with a bracketed area code: "+1 (202) 555-0123" is dialled
# group by group (was "cộng một, hai trăm linh hai, năm trăm năm mươi lăm đến không một hai ba").

FOREIGN_CALLERS = [
    (
        "Cảnh giác với cuộc gọi từ số lạ +1 (202) 555-0123.",
        "Cảnh giác với cuộc gọi từ số lạ cộng một, hai không hai, năm năm năm, không một hai ba.",
    ),
    (
        "Cuộc gọi từ đầu số +44 (20) 7946 0958 là lừa đảo.",
        "Cuộc gọi từ đầu số cộng bốn bốn, hai không, bảy chín bốn sáu, không chín năm tám là lừa "
        "đảo.",
    ),
    # guards: a Vietnamese number with its country code, bracketed or not
    (
        "Gọi từ +84 899 123 456.",
        "Gọi từ cộng tám bốn, tám chín chín, một hai ba, bốn năm sáu.",
    ),
    (
        "Điện thoại: (+84) 296 3852 123.",
        "Điện thoại: cộng tám bốn, hai chín sáu, ba tám năm hai, một hai ba.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), FOREIGN_CALLERS)
def test_foreign_callers(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- health campaigns: HIV/AIDS, ARV, ORS --------------------------------------------------------------
# "AIDS" is "ết" as radio says it, "ARV" and "ORS" are spelled as health workers say them (were
# spelled and flagged).

HEALTH = [
    (
        "Tháng hành động quốc gia phòng, chống HIV/AIDS năm 2026.",
        "Tháng hành động quốc gia phòng, chống hát i vê, ết năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Người nhiễm HIV được điều trị ARV miễn phí.",
        "Người nhiễm hát i vê được điều trị a rờ vê miễn phí.",
    ),
    (
        "Dung dịch ORS pha 1 gói với 1 lít nước sôi để nguội.",
        "Dung dịch o rờ ét pha một gói với một lít nước sôi để nguội.",
    ),
    (
        "Từ đầu năm đến nay toàn huyện ghi nhận 125 ca SXH, tăng 12,5% so với cùng kỳ.",
        "Từ đầu năm đến nay toàn huyện ghi nhận một trăm hai mươi lăm ca sốt xuất huyết, tăng "
        "mười hai phẩy năm phần trăm so với cùng kỳ.",
    ),
    (
        "Người dân có thẻ BHYT đến TTYT huyện để được khám.",
        "Người dân có thẻ bảo hiểm y tế đến Trung tâm Y tế huyện để được khám.",
    ),
    (
        "Tiêm vắc xin phòng COVID-19 mũi 2 cho trẻ từ 5-11 tuổi.",
        "Tiêm vắc xin phòng cô-vít mười chín mũi hai cho trẻ từ năm đến mười một tuổi.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), HEALTH)
def test_health_campaigns(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- economic indicators in year-end reports ----------------------------------------------------------
# "GRDP", "GDP", "CPI", "PCI", "DDCI" are spelled as radio spells them, no longer flagged.

INDICATORS = [
    (
        "Mức tăng trưởng GRDP đạt 7,5-8%.",
        "Mức tăng trưởng giê rờ dê pê đạt bảy phẩy năm đến tám phần trăm.",
    ),
    (
        "Chỉ số PCI xếp thứ 12/63 tỉnh, thành.",
        "Chỉ số pê xê i xếp thứ mười hai trên sáu mươi ba tỉnh, thành.",
    ),
    (
        "Chỉ số CPI tháng 11 tăng 0,3%.",
        "Chỉ số xê pê i tháng mười một tăng không phẩy ba phần trăm.",
    ),
    (
        "Kết quả đánh giá chỉ số DDCI năm 2026.",
        "Kết quả đánh giá chỉ số dê dê xê i năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Tỷ lệ hộ nghèo còn 1,25%, giảm 0,75 điểm % so với đầu năm.",
        "Tỷ lệ hộ nghèo còn một phẩy hai mươi lăm phần trăm, giảm không phẩy bảy mươi lăm điểm "
        "phần trăm so với đầu năm.",
    ),
]


# "HSG" in school news is "học sinh giỏi" (was spelled, flagged).
SCHOOL = [
    (
        "Đội tuyển HSG lớp 9 đạt 15 giải (2 giải Nhất, 4 giải Nhì, 9 giải Ba).",
        "Đội tuyển học sinh giỏi lớp chín đạt mười lăm giải, hai giải Nhất, bốn giải Nhì, chín "
        "giải Ba.",
    ),
    (
        "Kỳ thi tốt nghiệp THPT năm 2026 diễn ra ngày 11-12/6.",
        "Kỳ thi tốt nghiệp trung học phổ thông năm hai nghìn không trăm hai mươi sáu diễn ra ngày "
        "mười một đến ngày mười hai tháng sáu.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SCHOOL)
def test_school(text: str, spoken: str) -> None:
    _check(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), INDICATORS)
def test_indicators(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- passages read right already: storm, flood, fire, traffic, meetings, money, addresses ------------

PASSAGES = [
    (
        "Hồi 13 giờ ngày 25/9, vị trí tâm bão ở vào khoảng 17,5 độ Vĩ Bắc; 107,3 độ Kinh Đông.",
        "Hồi mười ba giờ ngày hai mươi lăm tháng chín, vị trí tâm bão ở vào khoảng mười bảy "
        "phẩy năm độ Vĩ Bắc; một trăm linh bảy phẩy ba độ Kinh Đông.",
    ),
    (
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp 8-9 (62-88 km/h), giật cấp 11.",
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp tám đến chín, sáu mươi hai đến tám mươi "
        "tám ki-lô-mét trên giờ, giật cấp mười một.",
    ),
    (
        "Mực nước sông Bồ tại Phú Ốc lúc 7h ngày 28/9 là 3,85 m, trên báo động 2 là 0,35 m.",
        "Mực nước sông Bồ tại Phú Ốc lúc bảy giờ ngày hai mươi tám tháng chín là ba phẩy tám "
        "mươi lăm mét, trên báo động hai là không phẩy ba mươi lăm mét.",
    ),
    (
        "Cấp độ rủi ro thiên tai do bão: cấp 3.",
        "Cấp độ rủi ro thiên tai do bão: cấp ba.",
    ),
    (
        "Công tác PCCC và CNCH được triển khai tại 100% hộ kinh doanh.",
        "Công tác phòng cháy chữa cháy và cứu nạn cứu hộ được triển khai tại một trăm phần trăm "
        "hộ kinh doanh.",
    ),
    (
        "Theo điểm c khoản 2 Điều 6 Nghị định số 100/2019/NĐ-CP, mức phạt từ 6.000.000 đồng đến "
        "8.000.000 đồng.",
        "Theo điểm c khoản hai Điều sáu Nghị định số một trăm, năm hai nghìn không trăm mười chín "
        "của Chính phủ, mức phạt từ sáu triệu đồng đến tám triệu đồng.",
    ),
    (
        "Nồng độ cồn vượt quá 0,25 mg/1 lít khí thở.",
        "Nồng độ cồn vượt quá không phẩy hai mươi lăm mi-li-gam trên một lít khí thở.",
    ),
    (
        "Thời gian tiếp nhận: sáng từ 7h30-11h30, chiều từ 13h30-17h.",
        "Thời gian tiếp nhận: sáng từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút, chiều "
        "từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    (
        "Họp lúc 7g00 sáng thứ Hai.",
        "Họp lúc bảy giờ sáng thứ Hai.",
    ),
    (
        "Tổng kinh phí 1,5 tỷ đồng, hỗ trợ 500 nghìn đồng mỗi hộ.",
        "Tổng kinh phí một phẩy năm tỷ đồng, hỗ trợ năm trăm nghìn đồng mỗi hộ.",
    ),
    (
        "Hoàn thành kế hoạch Quý IV/2026; quán triệt Nghị quyết Đại hội XIII của Đảng.",
        "Hoàn thành kế hoạch Quý bốn năm hai nghìn không trăm hai mươi sáu; quán triệt Nghị quyết "
        "Đại hội mười ba của Đảng.",
    ),
    (
        "Liên hệ: số 12 ngõ 34/5 phố Hoàng Hoa Thám.",
        "Liên hệ: số mười hai ngõ ba mươi tư trên năm phố Hoàng Hoa Thám.",
    ),
    (
        "Đường dây nóng: 0912.345.678; tổng đài 1900 1234.",
        "Đường dây nóng: không chín một hai, ba bốn năm, sáu bảy tám; tổng đài một chín không "
        "không, một hai ba bốn.",
    ),
    (
        "Nộp hồ sơ trực tuyến tại dichvucong.gov.vn.",
        "Nộp hồ sơ trực tuyến tại dịch vụ công chấm giê o vê chấm vê nờ.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), PASSAGES)
def test_passages(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- whole bulletins, several lines ----------------------------------------------------------------

BULLETINS = [
    (
        "TIN BÃO KHẨN CẤP\n(Cơn bão số 3)\nHồi 16 giờ ngày 06/9, vị trí tâm bão ở vào khoảng 19,8 "
        "độ Vĩ Bắc; 109,5 độ Kinh Đông, cách Quảng Ninh khoảng 290km.\n- Sức gió mạnh nhất: cấp "
        "15-16 (167-201km/h), giật cấp 17.\n- Hướng, tốc độ di chuyển: Tây Tây Bắc, 15-20km/h.\n"
        "Cấp độ rủi ro thiên tai: cấp 4.\nTin phát lúc: 16h30.",
        "Tin bão khẩn cấp\nCơn bão số ba\nHồi mười sáu giờ ngày sáu tháng chín, vị trí tâm bão ở "
        "vào khoảng mười chín phẩy tám độ Vĩ Bắc; một trăm linh chín phẩy năm độ Kinh Đông, cách "
        "Quảng Ninh khoảng hai trăm chín mươi ki-lô-mét.\nSức gió mạnh nhất: cấp mười lăm đến "
        "mười sáu, một trăm sáu mươi bảy đến hai trăm linh một ki-lô-mét trên giờ, giật cấp mười "
        "bảy.\nHướng, tốc độ di chuyển: Tây Tây Bắc, mười lăm đến hai mươi ki-lô-mét trên giờ.\n"
        "Cấp độ rủi ro thiên tai: cấp bốn.\nTin phát lúc: mười sáu giờ ba mươi phút.",
    ),
    (
        "THÔNG BÁO\nV/v tạm ngừng cung cấp điện\n1. Thời gian: từ 07h00 đến 16h00 ngày 10/12/2026 "
        "(Thứ Năm).\n2. Khu vực: Thôn 1, Thôn 2, Thôn 3 xã Hòa Phú (TBA Hòa Phú 1, Hòa Phú 2).\n"
        "Mọi chi tiết xin liên hệ Tổng đài CSKH: 1900 1909.",
        "Thông báo\nVề việc tạm ngừng cung cấp điện\nThời gian: từ bảy giờ đến mười sáu giờ ngày "
        "mười tháng mười hai năm hai nghìn không trăm hai mươi sáu, Thứ Năm.\nKhu vực: Thôn một, "
        "Thôn hai, Thôn ba xã Hòa Phú, trạm biến áp Hòa Phú một, Hòa Phú hai.\nMọi chi tiết xin "
        "liên hệ Tổng đài chăm sóc khách hàng: một chín không không, một chín không chín.",
    ),
    (
        "KẾ HOẠCH\nTổ chức Tết Trồng cây Xuân Bính Ngọ 2026\nI. MỤC ĐÍCH, YÊU CẦU\n1. Trồng mới "
        "5.000 cây xanh các loại.\nII. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: 7h30’, ngày 20/02/2026 "
        "(tức ngày 04 tháng Giêng năm Bính Ngọ).",
        "Kế hoạch\nTổ chức Tết Trồng cây Xuân Bính Ngọ hai nghìn không trăm hai mươi sáu\nPhần "
        "một. Mục đích, yêu cầu\nTrồng mới năm nghìn cây xanh các loại.\nPhần hai. Thời gian, "
        "địa điểm\nThời gian: bảy giờ ba mươi phút, ngày hai mươi tháng hai năm hai nghìn không "
        "trăm hai mươi sáu, tức ngày bốn tháng Giêng năm Bính Ngọ.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), BULLETINS)
def test_bulletins(text: str, spoken: str) -> None:
    _check(text, spoken)

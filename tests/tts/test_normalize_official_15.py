"""Readings of official text, fifteenth probe: commune notices as officials type them, with the items
of a list after a colon or a semicolon ("Nơi nhận: - TT Đảng ủy; - Lưu VT."), a comma before a dot
("Tm,."), a full stop without its space ("30/11.Quá hạn"), numbers listed with glued commas ("Thôn
1,2,3"), ranks out of a total ("xếp thứ 2/15"), a weekday before its date ("ngày CN 7/12"), dates with
spaced slashes ("ngày 15 / 12") or dashes ("từ ngày 1-12 đến 15-12"), banks and non-farm land ("NH
Vietcombank", "SDĐ PNN"), what a phone number is for ("ĐT liên hệ:"), and the storm and flood
bulletins, police warnings, vaccination, election and call-up notices, land tax and fees, headings in
capitals and whole notices that must keep their readings. One table per rule (northern reading); each
table holds cases that must not change too. Every case is read without a warning, reading the spoken
text again changes nothing, and the same text in NFD reads the same."""

from __future__ import annotations

import pytest

from .official import check_reading

# --- bullets after a colon or a semicolon ----------------------------------------------------------
# "Nơi nhận: - TT Đảng ủy; - UBND xã; - Lưu: VT.": after a colon or a semicolon a dash or a plus before a
# word opens an item on any line, glued too ("Thành phần:- Đảng ủy;- HĐND"); it is silent, the mark
# before it is the pause (the dash was left between the items unless the line opened with a bullet).
# A dash between a time and a time, or between two names, is not an item's.
INLINE_BULLETS = [
    (
        "Nơi nhận: - TT Đảng ủy; - UBND xã; - Lưu: VT.",
        "Nơi nhận: Thường trực Đảng ủy; Ủy ban nhân dân xã; Lưu: văn thư.",
    ),
    (
        "Nơi nhận:- Như trên;- CT, PCT UBND xã;- Lưu VP.",
        "Nơi nhận: Như trên; Chủ tịch, Phó Chủ tịch Ủy ban nhân dân xã; Lưu Văn phòng.",
    ),
    (
        "Thành phần:- Đảng ủy;- HĐND;- UBND;- UBMTTQ xã.",
        "Thành phần: Đảng ủy; Hội đồng nhân dân; Ủy ban nhân dân; Ủy ban Mặt trận Tổ quốc xã.",
    ),
    (
        "Kính gửi: - Các ban, ngành, đoàn thể xã; - Trưởng các thôn, tổ dân phố.",
        "Kính gửi: Các ban, ngành, đoàn thể xã; Trưởng các thôn, tổ dân phố.",
    ),
    (
        "Hồ sơ gồm: - Đơn đề nghị; - Bản sao CCCD; - Giấy khám sức khỏe.",
        "Hồ sơ gồm: Đơn đề nghị; Bản sao căn cước công dân; Giấy khám sức khỏe.",
    ),
    (
        "Mức thu: - Hộ gia đình: 30.000 đồng/tháng; - Hộ kinh doanh: 100.000 - 300.000 đồng/tháng.",
        "Mức thu: Hộ gia đình: ba mươi nghìn đồng một tháng; Hộ kinh doanh: một trăm nghìn đến ba trăm nghìn đồng một tháng.",
    ),
    (
        "Lưu ý: + Không tụ tập đông người; + Không thả diều gần đường dây điện.",
        "Lưu ý: Không tụ tập đông người; Không thả diều gần đường dây điện.",
    ),
    (
        "Công an xã đề nghị:-Không cho người lạ mượn CCCD;-Không bấm vào đường link lạ.",
        "Công an xã đề nghị: Không cho người lạ mượn căn cước công dân; Không bấm vào đường link lạ.",
    ),
    (
        "Kết quả: -Tăng 5% so với năm 2025.",
        "Kết quả: Tăng năm phần trăm so với năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Mời: đ/c Bí thư; đ/c Chủ tịch; - các đ/c PCT.",
        "Mời: đồng chí Bí thư; đồng chí Chủ tịch; các đồng chí Phó Chủ tịch.",
    ),
    (
        "Sáng: 7h00 - 11h00; chiều: 13h30 - 17h00.",
        "Sáng: từ bảy giờ đến mười một giờ; chiều: từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    (
        "Giờ làm việc: Sáng 7h-11h;Chiều 13h-17h",
        "Giờ làm việc: Sáng từ bảy giờ đến mười một giờ; Chiều từ mười ba giờ đến mười bảy giờ",
    ),
    (
        "Địa chỉ: thôn Phú Lộc - xã Tân An.",
        "Địa chỉ: thôn Phú Lộc - xã Tân An.",
    ),
    (
        "Ủy ban MTTQ - Hội LHPN xã phối hợp thực hiện.",
        "Ủy ban Mặt trận Tổ quốc - Hội Liên hiệp Phụ nữ xã phối hợp thực hiện.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), INLINE_BULLETS)
def test_bullets_after_a_colon_or_a_semicolon(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- a comma before a dot; a full stop without its space -----------------------------------------
# "Tm,." was "Tm." and a second reading said "Thay mặt": the comma typed between a word and its dot is
# dropped first, so the first reading is the signature's. "30/11.Quá hạn": a full stop typed without
# its space between a word read in lower case and a capitalised word is a full stop (espeak-ng said
# "chấm" between "một" and "Quá").
DOUBLED_MARKS = [
    (
        "Tm,.",
        "Thay mặt",
    ),
    (
        "Tm,. UBND XÃ",
        "Thay mặt Ủy ban nhân dân xã",
    ),
    (
        "TM,.UBND XÃ\nCHỦ TỊCH",
        "Thay mặt Ủy ban nhân dân xã\nChủ tịch",
    ),
    (
        "KT,. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Ký thay chủ tịch\nPhó chủ tịch",
    ),
    (
        "Hạn nộp: 30/11.Quá hạn sẽ bị xử phạt theo quy định.",
        "Hạn nộp: ngày ba mươi tháng mười một. Quá hạn sẽ bị xử phạt theo quy định.",
    ),
    (
        "Họp lúc 14h ngày 10/12.Đề nghị các đồng chí đến đúng giờ.",
        "Họp lúc mười bốn giờ ngày mười tháng mười hai. Đề nghị các đồng chí đến đúng giờ.",
    ),
    (
        "Mọi chi tiết liên hệ 0912345678.Gặp đồng chí Nam.",
        "Mọi chi tiết liên hệ không chín một hai, ba bốn năm, sáu bảy tám. Gặp đồng chí Nam.",
    ),
    (
        "Thu phí 20.000 đồng.Hộ nghèo được miễn.",
        "Thu phí hai mươi nghìn đồng. Hộ nghèo được miễn.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), DOUBLED_MARKS)
def test_doubled_marks_and_glued_full_stops(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- numbers listed with glued commas --------------------------------------------------------------
# "Thôn 1,2,3", "Điều 5,6,7": three numbers or more joined by commas are a list (was "một phẩy hai,
# ba"); two after a numbered thing too ("khoản 1,2", "mũi 1,2"). Decimals ("1,2 m", "0,5 ml"),
# English thousands and days before their month keep their readings.
COMMA_LISTS = [
    (
        "Thôn 1,2,3 họp dân lúc 19h30 tối nay.",
        "Thôn một, hai, ba họp dân lúc mười chín giờ ba mươi phút tối nay.",
    ),
    (
        "Các thôn 4,5 và 7 cúp điện từ 7h-11h.",
        "Các thôn bốn, năm và bảy cúp điện từ bảy giờ đến mười một giờ.",
    ),
    (
        "Căn cứ khoản 1,2 Điều 5 Luật Nghĩa vụ quân sự.",
        "Căn cứ khoản một, hai Điều năm Luật Nghĩa vụ quân sự.",
    ),
    (
        "Điều 5,6,7 của Quy chế.",
        "Điều năm, sáu, bảy của Quy chế.",
    ),
    (
        "Tổ 12,13,14 tổ dân phố Tân Hòa nhận gạo cứu trợ.",
        "Tổ mười hai, mười ba, mười bốn tổ dân phố Tân Hòa nhận gạo cứu trợ.",
    ),
    (
        "Tiêm mũi 1,2 cho trẻ dưới 1 tuổi.",
        "Tiêm mũi một, hai cho trẻ dưới một tuổi.",
    ),
    (
        "Trẻ cao dưới 1,2 m được miễn vé.",
        "Trẻ cao dưới một phẩy hai mét được miễn vé.",
    ),
    (
        "Liều 0,5 ml tiêm bắp.",
        "Liều không phẩy năm mi-li-lít tiêm bắp.",
    ),
    (
        "Tổng số tiền 1,250,000 đồng.",
        "Tổng số tiền một triệu hai trăm năm mươi nghìn đồng.",
    ),
    (
        "Các ngày 10,11,12/12 tổ chức khám tuyển.",
        "Các ngày mười, mười một, mười hai tháng mười hai tổ chức khám tuyển.",
    ),
    (
        "Mực nước tại thôn 3 dâng cao 1,5 m.",
        "Mực nước tại thôn ba dâng cao một phẩy năm mét.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), COMMA_LISTS)
def test_numbers_listed_with_glued_commas(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- a rank out of a total -------------------------------------------------------------------------
# "xếp thứ 2/15 xã", "đứng thứ 1/18": the ordinal, "trên", the total ("thứ nhất trên mười tám"; was
# "thứ hai, mười lăm", and "đứng thứ 1/18" "thứ nhất, mười tám").
RANKS = [
    (
        "Xã xếp thứ 2/15 xã, thị trấn toàn huyện.",
        "Xã xếp thứ hai trên mười lăm xã, thị trấn toàn huyện.",
    ),
    (
        "Năm 2026 xã đứng thứ 1/18 về thu ngân sách.",
        "Năm hai nghìn không trăm hai mươi sáu xã đứng thứ nhất trên mười tám về thu ngân sách.",
    ),
    (
        "Chi đoàn thôn 3 xếp thứ 4/12 chi đoàn.",
        "Chi đoàn thôn ba xếp thứ tư trên mười hai chi đoàn.",
    ),
    (
        "Đội bóng xã đứng thứ 3/10 đội tham gia giải.",
        "Đội bóng xã đứng thứ ba trên mười đội tham gia giải.",
    ),
    (
        "Xếp hạng 3/10 toàn tỉnh.",
        "Xếp hạng ba trên mười toàn tỉnh.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), RANKS)
def test_ranks_out_of_a_total(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- a weekday before its date ---------------------------------------------------------------------
# "vào ngày thứ Bảy 6/12", "ngày CN 7/12": the weekday's "ngày" is the date's, not said again (was
# "ngày thứ Bảy ngày sáu tháng mười hai"). Without "ngày" before the weekday, or in brackets, the date
# keeps its own.
WEEKDAY_DATES = [
    (
        "Lễ ra quân vào lúc 6h30 ngày CN 7/12.",
        "Lễ ra quân vào lúc sáu giờ ba mươi phút ngày chủ nhật bảy tháng mười hai.",
    ),
    (
        "Họp vào ngày thứ Bảy 6/12 và Chủ nhật 7/12.",
        "Họp vào ngày thứ Bảy sáu tháng mười hai và Chủ nhật ngày bảy tháng mười hai.",
    ),
    (
        "Tiêm chủng vào ngày thứ 4, 10/12 tại Trạm Y tế xã.",
        "Tiêm chủng vào ngày thứ tư, mười tháng mười hai tại Trạm Y tế xã.",
    ),
    (
        "Sáng thứ 2 (08/12) họp giao ban.",
        "Sáng thứ hai, ngày tám tháng mười hai, họp giao ban.",
    ),
    (
        "Thứ Bảy, ngày 6/12, ra quân dọn vệ sinh.",
        "Thứ Bảy, ngày sáu tháng mười hai, ra quân dọn vệ sinh.",
    ),
    (
        "Hạn chót là ngày 07/12 (Chủ nhật).",
        "Hạn chót là ngày bảy tháng mười hai, Chủ nhật.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), WEEKDAY_DATES)
def test_a_weekday_before_its_date(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- dates typed with spaces round the slash ----------------------------------------------------------
# "ngày 15 / 12", "từ 15 / 12 / 2026 đến 20 / 12 / 2026" after a date word are dates (were "mười lăm,
# mười hai", a pause per slash). Money and units per something and words joined by a spaced slash
# keep their readings.
SPACED_SLASH_DATES = [
    (
        "Thanh niên có mặt lúc 7 giờ 00 ngày 15 / 12 tại Hội trường UBND xã.",
        "Thanh niên có mặt lúc bảy giờ ngày mười lăm tháng mười hai tại Hội trường Ủy ban nhân dân xã.",
    ),
    (
        "Thời gian nhận hồ sơ từ 15 / 12 / 2026 đến 20 / 12 / 2026.",
        "Thời gian nhận hồ sơ từ ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu đến ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Hạn chót nộp đơn trước 30 /11.",
        "Hạn chót nộp đơn trước ngày ba mươi tháng mười một.",
    ),
    (
        "Phí: 500.000 đồng / người / năm.",
        "Phí: năm trăm nghìn đồng một người một năm.",
    ),
    (
        "Tốc độ tối đa 60 km / h.",
        "Tốc độ tối đa sáu mươi ki-lô-mét trên giờ.",
    ),
    (
        "Đăng ký cho trẻ Nam / nữ từ 6 tuổi.",
        "Đăng ký cho trẻ Nam, nữ từ sáu tuổi.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SPACED_SLASH_DATES)
def test_dates_typed_with_spaced_slashes(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- spans of dates written with dashes -------------------------------------------------------------
# "Từ ngày 1-12 đến 15-12": the day and month at either end of a span of dates are dates (the first was
# "một đến mười hai", flagged). Ages, wind levels and other quantities keep their ranges.
DASH_DATE_SPANS = [
    (
        "Từ ngày 1-12 đến 15-12, Trạm Y tế xã tiêm vắc xin Sởi.",
        "Từ ngày một tháng mười hai đến ngày mười lăm tháng mười hai, Trạm Y tế xã tiêm vắc xin Sởi.",
    ),
    (
        "Thời gian treo cờ từ ngày 1-12 đến ngày 5-12.",
        "Thời gian treo cờ từ ngày một tháng mười hai đến ngày năm tháng mười hai.",
    ),
    (
        "Đăng ký từ 3-12 đến 10-12-2026.",
        "Đăng ký từ ngày ba tháng mười hai đến ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Trẻ từ 6-12 tháng tuổi uống vitamin A.",
        "Trẻ từ sáu đến mười hai tháng tuổi uống vitamin A.",
    ),
    (
        "Gió mạnh cấp 6-7, giật cấp 8-9.",
        "Gió mạnh cấp sáu đến bảy, giật cấp tám đến chín.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), DASH_DATE_SPANS)
def test_spans_of_dates_joined_by_dashes(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- banks and non-farm land ------------------------------------------------------------------------
# "NH Vietcombank", "NH Chính sách" are "ngân hàng", "thuế SDĐ PNN", "đất PNN" "phi nông nghiệp" (were
# spelled and flagged).
BANKS_AND_LAND = [
    (
        "Đối tượng yêu cầu chuyển tiền vào TK số 0123456789 tại NH Vietcombank.",
        "Đối tượng yêu cầu chuyển tiền vào tài khoản số không một hai ba, bốn năm sáu, bảy tám chín tại ngân hàng Vietcombank.",
    ),
    (
        "Hộ nghèo được vay vốn NH Chính sách xã hội với lãi suất 0,66%/tháng.",
        "Hộ nghèo được vay vốn ngân hàng Chính sách xã hội với lãi suất không phẩy sáu mươi sáu phần trăm mỗi tháng.",
    ),
    (
        "Nộp thuế SDĐ PNN năm 2026 trước ngày 31/10.",
        "Nộp thuế sử dụng đất phi nông nghiệp năm hai nghìn không trăm hai mươi sáu trước ngày ba mươi mốt tháng mười.",
    ),
    (
        "Chuyển mục đích sử dụng từ đất nông nghiệp sang đất PNN phải xin phép.",
        "Chuyển mục đích sử dụng từ đất nông nghiệp sang đất phi nông nghiệp phải xin phép.",
    ),
    (
        "Thông báo v/v thu thuế SDĐ PNN năm 2026.",
        "Thông báo về việc thu thuế sử dụng đất phi nông nghiệp năm hai nghìn không trăm hai mươi sáu.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), BANKS_AND_LAND)
def test_banks_and_non_farm_land(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- what a phone number is for; students ----------------------------------------------------------
# "ĐT liên hệ:", "ĐT trực ban:" are "điện thoại" like "ĐT:" (ĐT was spelled and flagged before
# "liên hệ"); "BHYT HS-SV" is "học sinh, sinh viên" (was "hát ét-ét vê", flagged).
PHONE_LABELS = [
    (
        "ĐT liên hệ: 02353.812.345 - 0905.111.222",
        "điện thoại liên hệ: không hai ba năm ba, tám một hai, ba bốn năm - không chín không năm, một một một, hai hai hai",
    ),
    (
        "Điện thoại di động: 0912 345 678 (đ/c Hùng).",
        "Điện thoại di động: không chín một hai, ba bốn năm, sáu bảy tám, đồng chí Hùng.",
    ),
    (
        "ĐT trực ban: 0235.3852.111.",
        "điện thoại trực ban: không hai ba năm, ba tám năm hai, một một một.",
    ),
    (
        "Đợt 2 năm 2026 thu BHYT HS-SV tại trường.",
        "Đợt hai năm hai nghìn không trăm hai mươi sáu thu bảo hiểm y tế học sinh, sinh viên tại trường.",
    ),
    (
        "Vốn ĐT 2026 là 3,5 tỷ đồng.",
        "Vốn đầu tư hai nghìn không trăm hai mươi sáu là ba phẩy năm tỷ đồng.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), PHONE_LABELS)
def test_phone_labels_and_students(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- storm and flood bulletins that keep their readings ---------------------------------------------
STORM = [
    (
        "Hồi 13 giờ ngày 05/12, vị trí tâm bão ở vào khoảng vĩ độ 17,5 độ Bắc; kinh độ 112,3 độ Kinh Đông.",
        "Hồi mười ba giờ ngày năm tháng mười hai, vị trí tâm bão ở vào khoảng vĩ độ mười bảy phẩy năm độ Bắc; kinh độ một trăm mười hai phẩy ba độ Kinh Đông.",
    ),
    (
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp 12 (118-133 km/h), giật cấp 15.",
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp mười hai, một trăm mười tám đến một trăm ba mươi ba ki-lô-mét trên giờ, giật cấp mười lăm.",
    ),
    (
        "Dự báo đến 13h ngày 06/12, bão di chuyển chủ yếu theo hướng Tây Tây Bắc, mỗi giờ đi được 15-20 km.",
        "Dự báo đến mười ba giờ ngày sáu tháng mười hai, bão di chuyển chủ yếu theo hướng Tây Tây Bắc, mỗi giờ đi được mười lăm đến hai mươi ki-lô-mét.",
    ),
    (
        "Từ 19h ngày 05/12 đến 6h ngày 6/12, vùng ven biển từ Quảng Trị đến Quảng Ngãi có gió mạnh dần lên cấp 6-7, sau tăng lên cấp 8.",
        "Từ mười chín giờ ngày năm tháng mười hai đến sáu giờ ngày sáu tháng mười hai, vùng ven biển từ Quảng Trị đến Quảng Ngãi có gió mạnh dần lên cấp sáu đến bảy, sau tăng lên cấp tám.",
    ),
    (
        "Vùng biển ven bờ có sóng cao 3-5m, nước dâng do bão cao từ 0,5 đến 1,2 m.",
        "Vùng biển ven bờ có sóng cao ba đến năm mét, nước dâng do bão cao từ không phẩy năm đến một phẩy hai mét.",
    ),
    (
        "Cấp độ rủi ro thiên tai do bão: cấp 4.",
        "Cấp độ rủi ro thiên tai do bão: cấp bốn.",
    ),
    (
        "Lượng mưa phổ biến 150-250 mm, có nơi trên 400 mm.",
        "Lượng mưa phổ biến một trăm năm mươi đến hai trăm năm mươi mi-li-mét, có nơi trên bốn trăm mi-li-mét.",
    ),
    (
        "Mực nước sông Vu Gia tại trạm Ái Nghĩa lúc 7h: 8,65m, trên BĐ3 0,15m.",
        "Mực nước sông Vu Gia tại trạm Ái Nghĩa lúc bảy giờ: tám phẩy sáu mươi lăm mét, trên báo động ba, không phẩy mười lăm mét.",
    ),
    (
        "Đề nghị các chủ tàu, thuyền trưởng liên lạc qua số máy trực ban: 0235.3852.111.",
        "Đề nghị các chủ tàu, thuyền trưởng liên lạc qua số máy trực ban: không hai ba năm, ba tám năm hai, một một một.",
    ),
    (
        "Tính đến 17h00 ngày 05/12/2026, đã kêu gọi 125/125 tàu thuyền với 640 lao động vào nơi tránh trú an toàn.",
        "Tính đến mười bảy giờ ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu, đã kêu gọi một trăm hai mươi lăm trên một trăm hai mươi lăm tàu thuyền với sáu trăm bốn mươi lao động vào nơi tránh trú an toàn.",
    ),
    (
        "BAN CHỈ HUY PHÒNG CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN XÃ",
        "Ban chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn xã",
    ),
    (
        "Hồ Phú Ninh xả tràn với lưu lượng từ 200 đến 500 m3/s kể từ 14h00 ngày 6/12.",
        "Hồ Phú Ninh xả tràn với lưu lượng từ hai trăm đến năm trăm mét khối trên giây kể từ mười bốn giờ ngày sáu tháng mười hai.",
    ),
    (
        "Nhiệt độ thấp nhất tại vùng núi phổ biến 8-11 độ C, có nơi dưới 5 độ C.",
        "Nhiệt độ thấp nhất tại vùng núi phổ biến tám đến mười một độ xê, có nơi dưới năm độ xê.",
    ),
    (
        "Lúc 4h sáng 6/12, tâm bão ở trên vùng biển phía Đông quần đảo Hoàng Sa.",
        "Lúc bốn giờ sáng ngày sáu tháng mười hai, tâm bão ở trên vùng biển phía Đông quần đảo Hoàng Sa.",
    ),
    (
        "Bán kính gió mạnh từ cấp 6 khoảng 200 km tính từ tâm bão.",
        "Bán kính gió mạnh từ cấp sáu khoảng hai trăm ki-lô-mét tính từ tâm bão.",
    ),
    (
        "Khoảng 60-70% diện tích lúa bị ngập.",
        "Khoảng sáu mươi đến bảy mươi phần trăm diện tích lúa bị ngập.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), STORM)
def test_storm_and_flood_bulletins(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- police notices on scams, drugs and traffic that keep their readings ----------------------------
POLICE = [
    (
        "CẢNH BÁO: Thủ đoạn giả danh cán bộ Công an gọi điện thông báo liên quan đến đường dây ma túy, yêu cầu chuyển tiền để “xác minh”.",
        "Cảnh báo: Thủ đoạn giả danh cán bộ Công an gọi điện thông báo liên quan đến đường dây ma túy, yêu cầu chuyển tiền để xác minh.",
    ),
    (
        "Từ đầu năm đến nay, trên địa bàn xã xảy ra 05 vụ lừa đảo qua mạng, thiệt hại hơn 1,2 tỷ đồng.",
        "Từ đầu năm đến nay, trên địa bàn xã xảy ra năm vụ lừa đảo qua mạng, thiệt hại hơn một phẩy hai tỷ đồng.",
    ),
    (
        "Người dân tuyệt đối không cung cấp mã OTP, mật khẩu, số CCCD cho bất kỳ ai.",
        "Người dân tuyệt đối không cung cấp mã ô tê pê, mật khẩu, số căn cước công dân cho bất kỳ ai.",
    ),
    (
        "Khi phát hiện dấu hiệu nghi vấn, báo ngay cho Công an xã qua số điện thoại 0912.345.678 hoặc gọi 113.",
        "Khi phát hiện dấu hiệu nghi vấn, báo ngay cho Công an xã qua số điện thoại không chín một hai, ba bốn năm, sáu bảy tám hoặc gọi một một ba.",
    ),
    (
        "Người điều khiển xe mô tô vi phạm nồng độ cồn mức 3 bị phạt từ 8.000.000đ đến 10.000.000đ, trừ 10 điểm GPLX.",
        "Người điều khiển xe mô tô vi phạm nồng độ cồn mức ba bị phạt từ tám triệu đồng đến mười triệu đồng, trừ mười điểm giấy phép lái xe.",
    ),
    (
        "Căn cứ điểm a khoản 6 Điều 7 Nghị định số 168/2024/NĐ-CP ngày 26/12/2024 của Chính phủ.",
        "Căn cứ điểm a khoản sáu Điều bảy Nghị định số một trăm sáu mươi tám, năm hai nghìn không trăm hai mươi tư ngày hai mươi sáu tháng mười hai năm hai nghìn không trăm hai mươi tư của Chính phủ.",
    ),
    (
        "Điều 5 khoản 2 điểm a Nghị định số 100/2019/NĐ-CP quy định mức phạt tiền từ 2.000.000 đồng đến 3.000.000 đồng.",
        "Điều năm khoản hai điểm a Nghị định số một trăm, năm hai nghìn không trăm mười chín của Chính phủ quy định mức phạt tiền từ hai triệu đồng đến ba triệu đồng.",
    ),
    (
        "Tàng trữ trái phép chất ma túy bị phạt tù từ 01 năm đến 05 năm theo Điều 249 BLHS.",
        "Tàng trữ trái phép chất ma túy bị phạt tù từ một năm đến năm năm theo Điều hai trăm bốn mươi chín Bộ luật Hình sự.",
    ),
    (
        "Công an xã tiếp nhận 15 khẩu súng tự chế, 2,5 kg pháo nổ do người dân tự nguyện giao nộp.",
        "Công an xã tiếp nhận mười lăm khẩu súng tự chế, hai phẩy năm ki-lô-gam pháo nổ do người dân tự nguyện giao nộp.",
    ),
    (
        "Đ/c Trần Văn B - Trưởng Công an xã, SĐT: 0988 123 456.",
        "Đồng chí Trần Văn B - Trưởng Công an xã, số điện thoại: không chín tám tám, một hai ba, bốn năm sáu.",
    ),
    (
        "Phát hiện 3 đối tượng: Nguyễn Văn A (SN 1995), Trần Văn B (SN 1998).",
        "Phát hiện ba đối tượng: Nguyễn Văn A, sinh năm một nghìn chín trăm chín mươi lăm, Trần Văn B, sinh năm một nghìn chín trăm chín mươi tám.",
    ),
    (
        "Ngày 05/12/2026, tại thôn 2, Công an xã phát hiện 02 đối tượng tàng trữ 0,5 gam ma túy tổng hợp.",
        "Ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu, tại thôn hai, Công an xã phát hiện hai đối tượng tàng trữ không phẩy năm gam ma túy tổng hợp.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), POLICE)
def test_police_notices(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- vaccination, election and call-up notices that keep their readings ----------------------------
HEALTH_ELECTION_CALLUP = [
    (
        "Trạm Y tế xã tổ chức tiêm vắc xin Sởi - Rubella cho trẻ từ 1-5 tuổi vào ngày 10/12 và 11/12.",
        "Trạm Y tế xã tổ chức tiêm vắc xin Sởi - Rubella cho trẻ từ một đến năm tuổi vào ngày mười tháng mười hai và ngày mười một tháng mười hai.",
    ),
    (
        "Tỷ lệ tiêm chủng đầy đủ của xã đạt 97,8%, vượt 2,8% so với kế hoạch.",
        "Tỷ lệ tiêm chủng đầy đủ của xã đạt chín mươi bảy phẩy tám phần trăm, vượt hai phẩy tám phần trăm so với kế hoạch.",
    ),
    (
        "Khi đi tiêm mang theo sổ tiêm chủng; trẻ sốt trên 38,5 độ C tạm hoãn tiêm.",
        "Khi đi tiêm mang theo sổ tiêm chủng; trẻ sốt trên ba mươi tám phẩy năm độ xê tạm hoãn tiêm.",
    ),
    (
        "Cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026-2031 diễn ra vào Chủ nhật, ngày 15/3/2026.",
        "Cuộc bầu cử đại biểu Quốc hội khóa mười sáu và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi mốt diễn ra vào Chủ nhật, ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thời gian bỏ phiếu từ 7h00 đến 19h00; mỗi cử tri chỉ được bỏ 01 phiếu.",
        "Thời gian bỏ phiếu từ bảy giờ đến mười chín giờ; mỗi cử tri chỉ được bỏ một phiếu.",
    ),
    (
        "Công dân nam sinh năm 2008 và công dân sinh từ năm 2001-2007 chưa đi nghĩa vụ có mặt khám sức khỏe NVQS năm 2027.",
        "Công dân nam sinh năm hai nghìn không trăm linh tám và công dân sinh từ năm hai nghìn không trăm linh một đến hai nghìn không trăm linh bảy chưa đi nghĩa vụ có mặt khám sức khỏe nghĩa vụ quân sự năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Thời gian khám: 7h ngày 12/12/2026 (thứ Bảy); địa điểm: Trung tâm Y tế huyện.",
        "Thời gian khám: bảy giờ ngày mười hai tháng mười hai năm hai nghìn không trăm hai mươi sáu, thứ Bảy; địa điểm: Trung tâm Y tế huyện.",
    ),
    (
        "Lễ giao nhận quân năm 2027 tổ chức vào ngày 26/02/2027 (tức ngày 10 tháng Giêng năm Đinh Mùi).",
        "Lễ giao nhận quân năm hai nghìn không trăm hai mươi bảy tổ chức vào ngày hai mươi sáu tháng hai năm hai nghìn không trăm hai mươi bảy, tức ngày mười tháng Giêng năm Đinh Mùi.",
    ),
    (
        "Tiêu chuẩn: chiều cao từ 1m57 trở lên, cân nặng từ 45 kg trở lên.",
        "Tiêu chuẩn: chiều cao từ một mét năm mươi bảy trở lên, cân nặng từ bốn mươi lăm ki-lô-gam trở lên.",
    ),
    (
        "Số lượng: 12 thanh niên, trong đó nhập ngũ Quân đội 10, Công an 2.",
        "Số lượng: mười hai thanh niên, trong đó nhập ngũ Quân đội mười, Công an hai.",
    ),
    (
        "Cử tri đủ 18 tuổi (sinh trước ngày 16/3/2008).",
        "Cử tri đủ mười tám tuổi, sinh trước ngày mười sáu tháng ba năm hai nghìn không trăm linh tám.",
    ),
    (
        "Học sinh được nghỉ học từ ngày 06/12 đến hết ngày 07/12/2026.",
        "Học sinh được nghỉ học từ ngày sáu tháng mười hai đến hết ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), HEALTH_ELECTION_CALLUP)
def test_vaccination_election_and_call_up(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- land tax deadlines, fees and budgets that keep their readings ----------------------------------
LAND_AND_FEES = [
    (
        "Hạn nộp thuế SDĐ PNN năm 2026: 1 lần trước ngày 31/10; nộp 2 lần: lần 1 trước 31/5, lần 2 trước 31/10.",
        "Hạn nộp thuế sử dụng đất phi nông nghiệp năm hai nghìn không trăm hai mươi sáu: một lần trước ngày ba mươi mốt tháng mười; nộp hai lần: lần một trước ngày ba mươi mốt tháng năm, lần hai trước ngày ba mươi mốt tháng mười.",
    ),
    (
        "Quá hạn, mỗi ngày chậm nộp tính tiền chậm nộp bằng 0,03% số tiền thuế.",
        "Quá hạn, mỗi ngày chậm nộp tính tiền chậm nộp bằng không phẩy không ba phần trăm số tiền thuế.",
    ),
    (
        "Mức thu phí vệ sinh: 15.000đ/khẩu/tháng; hộ kinh doanh 50.000-100.000đ/tháng.",
        "Mức thu phí vệ sinh: mười lăm nghìn đồng một khẩu một tháng; hộ kinh doanh năm mươi nghìn đến một trăm nghìn đồng một tháng.",
    ),
    (
        "Quỹ phòng, chống thiên tai: 20.000 đồng/người/năm đối với lao động từ đủ 18 tuổi đến 60 tuổi.",
        "Quỹ phòng, chống thiên tai: hai mươi nghìn đồng một người một năm đối với lao động từ đủ mười tám tuổi đến sáu mươi tuổi.",
    ),
    (
        "Hộ nghèo được hỗ trợ 2,5 triệu đồng/tháng trong 6 tháng.",
        "Hộ nghèo được hỗ trợ hai phẩy năm triệu đồng một tháng trong sáu tháng.",
    ),
    (
        "Lệ phí cấp GCN QSDĐ lần đầu: 100.000 đồng/giấy; cấp đổi: 50.000 đồng/giấy.",
        "Lệ phí cấp giấy chứng nhận quyền sử dụng đất lần đầu: một trăm nghìn đồng một giấy; cấp đổi: năm mươi nghìn đồng một giấy.",
    ),
    (
        "Báo cáo kết quả thực hiện trước ngày 25/12; số liệu tính đến hết quý IV/2026.",
        "Báo cáo kết quả thực hiện trước ngày hai mươi lăm tháng mười hai; số liệu tính đến hết quý bốn năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Phấn đấu đến năm 2030, 100% hộ dân được sử dụng nước sạch.",
        "Phấn đấu đến năm hai nghìn không trăm ba mươi, một trăm phần trăm hộ dân được sử dụng nước sạch.",
    ),
    (
        "Tổng kinh phí 1,25 tỷ đồng, trong đó ngân sách tỉnh 60%, huyện 30%, xã 10%.",
        "Tổng kinh phí một phẩy hai mươi lăm tỷ đồng, trong đó ngân sách tỉnh sáu mươi phần trăm, huyện ba mươi phần trăm, xã mười phần trăm.",
    ),
    (
        "Giá đất ở tại thôn 2 là 3,5 triệu đồng/m2; diện tích thu hồi 1.250 m2.",
        "Giá đất ở tại thôn hai là ba phẩy năm triệu đồng một mét vuông; diện tích thu hồi một nghìn hai trăm năm mươi mét vuông.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), LAND_AND_FEES)
def test_land_tax_and_fees(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- spacing and marks as typed on a phone -------------------------------------------------------
AS_TYPED = [
    (
        "Mức  phạt :  từ 4.000.000đ - 6.000.000đ .",
        "Mức phạt: từ bốn triệu đồng đến sáu triệu đồng.",
    ),
    (
        "Thôn 3 ,thôn 4 ,thôn 5 mất điện từ 8h00-15h00 ngày 10/12.",
        "Thôn ba, thôn bốn, thôn năm mất điện từ tám giờ đến mười lăm giờ ngày mười tháng mười hai.",
    ),
    (
        "Ngày bầu cử là Chủ nhật, 15/3/2026 , cử tri đi bầu từ 7h đến 19h .",
        "Ngày bầu cử là Chủ nhật, ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu, cử tri đi bầu từ bảy giờ đến mười chín giờ.",
    ),
    (
        "Hotline:0912345678 (Zalo)",
        "Hót-lai: không chín một hai, ba bốn năm, sáu bảy tám, da-lô",
    ),
    (
        "SĐT:0912-345-678",
        "số điện thoại: không chín một hai, ba bốn năm, sáu bảy tám",
    ),
    (
        "KHÔNG nghe, KHÔNG tin, KHÔNG chuyển tiền!!!",
        "Không nghe, không tin, không chuyển tiền!!!",
    ),
    (
        "Họp lúc  19h30  tại nhà văn hóa thôn   2.",
        "Họp lúc mười chín giờ ba mươi phút tại nhà văn hóa thôn hai.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), AS_TYPED)
def test_spacing_and_marks_as_typed(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- the đồng sign in capitals -----------------------------------------------------------------------
# "GIÁ VÉ: 20.000Đ/LƯỢT", "MỨC PHẠT: 4.000.000Đ - 6.000.000Đ": a heading in capitals writes "Đ" for
# "đ" (the letter was left, and the dash between the amounts with it); only after an amount with its
# thousands ("3Đ" may name a movement).
CAPITAL_DONG = [
    (
        "GIÁ VÉ: 20.000Đ/LƯỢT",
        "Giá vé: hai mươi nghìn đồng một lượt",
    ),
    (
        "MỨC PHẠT: 4.000.000Đ - 6.000.000Đ",
        "Mức phạt: bốn triệu đồng đến sáu triệu đồng",
    ),
    (
        "PHÍ VỆ SINH: 15.000 Đ/KHẨU/THÁNG",
        "Phí vệ sinh: mười lăm nghìn đồng một khẩu một tháng",
    ),
    (
        "MỨC THU: 30.000Đ/THÁNG; HỘ KINH DOANH: 100.000Đ - 300.000Đ/THÁNG",
        "Mức thu: ba mươi nghìn đồng một tháng; hộ kinh doanh: một trăm nghìn đồng đến ba trăm nghìn đồng một tháng",
    ),
    (
        "HỖ TRỢ 1500000Đ/HỘ",
        "Hỗ trợ một triệu năm trăm nghìn đồng một hộ",
    ),
    (
        "Mức phạt: 4.000.000đ - 6.000.000đ",
        "Mức phạt: bốn triệu đồng đến sáu triệu đồng",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), CAPITAL_DONG)
def test_the_dong_sign_in_capitals(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- headings and lines in capitals ----------------------------------------------------------------
CAPS = [
    (
        "THÔNG BÁO V/V TỔ CHỨC TIÊM CHỦNG MỞ RỘNG THÁNG 12/2026",
        "Thông báo Về việc tổ chức tiêm chủng mở rộng tháng mười hai năm hai nghìn không trăm hai mươi sáu",
    ),
    (
        "LỊCH CẮT ĐIỆN NGÀY 10/12/2026",
        "Lịch cắt điện ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu",
    ),
    (
        "QUYẾT ĐỊNH SỐ 123/QĐ-UBND NGÀY 5/12/2026",
        "Quyết định số một trăm hai mươi ba của Ủy ban nhân dân ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu",
    ),
    (
        "THỜI GIAN: 7H30 NGÀY 15/12/2026\nĐỊA ĐIỂM: HỘI TRƯỜNG UBND XÃ",
        "Thời gian: bảy giờ ba mươi phút ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu\nĐịa điểm: Hội trường Ủy ban nhân dân xã",
    ),
    (
        "MỨC PHẠT TỪ 2-3 TRIỆU ĐỒNG",
        "Mức phạt từ hai đến ba triệu đồng",
    ),
    (
        "TỪ 19H NGÀY 05/12 ĐẾN 6H NGÀY 6/12 CÓ MƯA TO",
        "Từ mười chín giờ ngày năm tháng mười hai đến sáu giờ ngày sáu tháng mười hai có mưa to",
    ),
    (
        "THÔNG BÁO KHẨN: BÃO SỐ 15 ĐANG TIẾN GẦN BỜ",
        "Thông báo khẩn: Bão số mười lăm đang tiến gần bờ",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), CAPS)
def test_headings_in_capitals(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- whole notices, several lines --------------------------------------------------------------------
LONG = [
    (
        "UBND XÃ TÂN AN\nTHÔNG BÁO\nV/v khám sức khỏe NVQS năm 2027\n- Thời gian: 7h00 ngày 12 / 12 (thứ Bảy).\n- Địa điểm: Trạm Y tế xã.\n- Đối tượng: công dân nam sinh từ 2001-2008; Thôn 1,2,3 có mặt lúc 6h30.\nNơi nhận:- Các thôn;- Lưu VT.\nTM,. UBND XÃ\nCHỦ TỊCH",
        "Ủy ban nhân dân xã tân an\nThông báo\nVề việc khám sức khỏe nghĩa vụ quân sự năm hai nghìn không trăm hai mươi bảy\nThời gian: bảy giờ ngày mười hai tháng mười hai, thứ Bảy.\nĐịa điểm: Trạm Y tế xã.\nĐối tượng: công dân nam sinh từ hai nghìn không trăm linh một đến hai nghìn không trăm linh tám; Thôn một, hai, ba có mặt lúc sáu giờ ba mươi phút.\nNơi nhận: Các thôn; Lưu văn thư.\nThay mặt Ủy ban nhân dân xã\nChủ tịch",
    ),
    (
        "BAN CHỈ HUY PCTT&TKCN XÃ\nTin bão khẩn cấp (cơn bão số 15)\nHồi 13h ngày 05/12, vị trí tâm bão ở vào khoảng 17,5N-112,3E. Sức gió mạnh nhất cấp 12 (118-133km/h), giật cấp 15.Từ 19h ngày 05/12 đến 6h ngày 6/12 gió mạnh cấp 8-9; mưa 150-250mm.\nĐề nghị: - Tàu thuyền không ra khơi; - Gia cố nhà cửa; - Liên hệ ĐT trực ban: 0235.3852.111.",
        "Ban chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn xã\nTin bão khẩn cấp, cơn bão số mười lăm\nHồi mười ba giờ ngày năm tháng mười hai, vị trí tâm bão ở vào khoảng mười bảy phẩy năm độ vĩ Bắc, một trăm mười hai phẩy ba độ kinh Đông. Sức gió mạnh nhất cấp mười hai, một trăm mười tám đến một trăm ba mươi ba ki-lô-mét trên giờ, giật cấp mười lăm. Từ mười chín giờ ngày năm tháng mười hai đến sáu giờ ngày sáu tháng mười hai gió mạnh cấp tám đến chín; mưa một trăm năm mươi đến hai trăm năm mươi mi-li-mét.\nĐề nghị: Tàu thuyền không ra khơi; Gia cố nhà cửa; Liên hệ điện thoại trực ban: không hai ba năm, ba tám năm hai, một một một.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), LONG)
def test_whole_notices(text: str, spoken: str) -> None:
    check_reading(text, spoken)

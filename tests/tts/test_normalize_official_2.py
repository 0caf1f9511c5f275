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
    ("Ca trực 24/24h", "Ca trực hai tư trên hai tư giờ"),
    (
        "Đội PCCC cơ sở ấp 2 trực 24/24h trong mùa khô.",
        "Đội phòng cháy chữa cháy cơ sở ấp hai trực hai tư trên hai tư giờ trong mùa khô.",
    ),
    (
        "Ca trực 24/24 h, kể cả Chủ nhật.",
        "Ca trực hai tư trên hai tư giờ, kể cả Chủ nhật.",
    ),
    ("Ca trực 24/24 giờ.", "Ca trực hai tư trên hai tư giờ."),
    ("Trực chiến 24/24.", "Trực chiến hai tư trên hai tư."),
    (
        "GPS hoạt động 24/24, kể cả ngày lễ.",
        "giê pê ét hoạt động hai tư trên hai tư, kể cả ngày lễ.",
    ),
    # real dates with 24 are untouched
    ("Ngày 24/12 tổ chức Giáng sinh.", "Ngày hai mươi tư tháng mười hai tổ chức Giáng sinh."),
    ("Thứ 4, 24/12.", "Thứ tư, ngày hai mươi tư tháng mười hai."),
    ("Ngày 24/7, xã tổ chức.", "Ngày hai mươi tư tháng bảy, xã tổ chức."),
    ("Trực 24/7 để tiếp nhận tin báo.", "Trực hai tư trên bảy để tiếp nhận tin báo."),
]


@pytest.mark.parametrize(("text", "spoken"), ROUND_THE_CLOCK)
def test_round_the_clock(text, spoken):
    _check(text, spoken)


def test_round_the_clock_is_not_flagged_and_follows_the_region():
    assert _flagged("Trực chiến 24/24.") == []
    assert _flagged("Ca trực 24/24h") == []
    assert normalize("Ca trực 24/24h", region="south") == ("Ca trực hai bốn trên hai bốn giờ")


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


# --- foreign and medical acronyms: the way Vietnamese radio says them, not flagged -----------

FOREIGN_ACRONYMS = [
    ("Các nước ASEAN cam kết hợp tác.", "Các nước a-xê-an cam kết hợp tác."),
    ("Thuế giá trị gia tăng (VAT) 10%.", "Thuế giá trị gia tăng, vát, mười phần trăm."),
    ("Cây ATM tại chợ xã tạm ngừng hoạt động.", "Cây a tê mờ tại chợ xã tạm ngừng hoạt động."),
    ("Không quét mã QR lạ.", "Không quét mã quy rờ lạ."),
    ("Đối tượng nhắn tin SMS giả mạo.", "Đối tượng nhắn tin ét mờ ét giả mạo."),
    ("Không cắm USB lạ vào máy tính.", "Không cắm u ét bê lạ vào máy tính."),
    ("Định vị GPS trên tàu cá.", "Định vị giê pê ét trên tàu cá."),
    ("Tổ chức WHO khuyến cáo.", "Tổ chức vê kép hát o khuyến cáo."),
    ("Chỉ số AQI ở mức kém.", "Chỉ số a quy i ở mức kém."),
    ("Tiêm vắc xin DPT mũi nhắc.", "Tiêm vắc xin dê pê tê mũi nhắc."),
    ("Tiêm vắc xin HPV cho trẻ em gái.", "Tiêm vắc xin hát pê vê cho trẻ em gái."),
    ("Tiêm vắc xin IPV mũi 1, uống bOPV.", "Tiêm vắc xin i pê vê mũi một, uống bê ô pê vê."),
    ("Bón phân NPK và DAP.", "Bón phân nờ pê ca và dê a pê."),
    ("Dịch COVID-19 đã được kiểm soát.", "Dịch cô-vít mười chín đã được kiểm soát."),
    ("Tổ chức UNICEF tài trợ.", "Tổ chức u-ni-xép tài trợ."),
    ("Xem TV, nghe đài.", "Xem ti vi, nghe đài."),
    ("Bắt sóng Wifi miễn phí.", "Bắt sóng oai-phai miễn phí."),
    ("Khi SpO2 dưới 95%", "Khi ét pê ô hai dưới chín mươi lăm phần trăm"),
    ("Độ pH của đất từ 4,5 đến 5,5.", "Độ pê hát của đất từ bốn phẩy năm đến năm phẩy năm."),
    (
        "Kích hoạt tài khoản trên ứng dụng VNeID.",
        "Kích hoạt tài khoản trên ứng dụng vê-nê-ai-đi.",
    ),
    ("Tải ứng dụng VssID.", "Tải ứng dụng vê ét ét ai đi."),
    ("Tiêm vắc xin BCG cho trẻ sơ sinh.", "Tiêm vắc xin bê xê giê cho trẻ sơ sinh."),
    ("Nhiễm khí CO khi đốt than.", "Nhiễm khí xê o khi đốt than."),
    ("Ngộ độc khí CO.", "Ngộ độc khí xê o."),
    # the storm's name after "bão" is a name, read as a word
    ("Bão số 3 (YAGI) đổ bộ.", "Bão số ba, Yagi, đổ bộ."),
    ("Cơn bão NORU đang mạnh lên.", "Cơn bão Noru đang mạnh lên."),
    ("Siêu bão YAGI", "Siêu bão Yagi"),
]


@pytest.mark.parametrize(("text", "spoken"), FOREIGN_ACRONYMS)
def test_common_foreign_acronyms_have_a_reading_and_are_not_flagged(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


def test_unknown_acronyms_are_still_spelled_and_flagged():
    assert _flagged("Chương trình XYZW hỗ trợ.") == ["XYZW"]
    assert _flagged("Gặp QRX ngay.") == ["QRX"]


# --- local words: khu phố, tổ nhân dân tự quản, vân vân ----------------------------------------

LOCAL_ABBREVIATIONS = [
    (
        "Đề nghị các thôn, KP thông báo đến từng hộ.",
        "Đề nghị các thôn, khu phố thông báo đến từng hộ.",
    ),
    ("Ban Điều hành các KP.", "Ban Điều hành các khu phố."),
    (
        "Trưởng ấp, Trưởng KP, Tổ trưởng tổ dân phố.",
        "Trưởng ấp, Trưởng khu phố, Tổ trưởng tổ dân phố.",
    ),
    ("KP 3, P. Tân Phú, Q. 7", "khu phố ba, phường Tân Phú, quận bảy"),
    ("Nhân dân KP Bình Hòa", "Nhân dân khu phố Bình Hòa"),
    (
        "Kinh phí (KP) thực hiện: 120 triệu đồng.",
        "Kinh phí thực hiện: một trăm hai mươi triệu đồng.",
    ),
    ("Toàn xã có 12 tổ NDTQ.", "Toàn xã có mười hai tổ nhân dân tự quản."),
    ("Giấy tờ: CCCD, GPLX, v.v.", "Giấy tờ: căn cước công dân, giấy phép lái xe, vân vân."),
    ("Phí 50.000đ/lượt, v.v...", "Phí năm mươi nghìn đồng một lượt, vân vân..."),
]


@pytest.mark.parametrize(("text", "spoken"), LOCAL_ABBREVIATIONS)
def test_local_abbreviations(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


def test_kp_without_a_deciding_context_is_flagged():
    assert _flagged("Đã chi KP hỗ trợ.") == ["KP"]
    assert _flagged("Kinh phí thực hiện (KP): 120 triệu đồng.") == ["KP"]


# --- "3/5 thôn", "9/9 ấp": so many of a total, not a date ------------------------------------

COUNTED_OF_A_TOTAL = [
    (
        "Có 3/5 thôn đạt chuẩn NTM nâng cao.",
        "Có ba trên năm thôn đạt chuẩn nông thôn mới nâng cao.",
    ),
    ("Đến nay 9/9 ấp đã có camera an ninh.", "Đến nay chín trên chín ấp đã có ca-mê-ra an ninh."),
    ("Có 4/6 trường đạt chuẩn quốc gia.", "Có bốn trên sáu trường đạt chuẩn quốc gia."),
    (
        "đạt 12/12 thôn, 9/9 ấp, 3/5 khu phố",
        "đạt mười hai trên mười hai thôn, chín trên chín ấp, ba trên năm khu phố",
    ),
    ("Kết nạp 5/7 đoàn viên ưu tú.", "Kết nạp năm trên bảy đoàn viên ưu tú."),
    ("Đã xử lý 8/10 trường hợp vi phạm.", "Đã xử lý tám trên mười trường hợp vi phạm."),
    # a date word before it keeps the date
    ("Ngày 9/9 ấp Tân Lợi ra quân.", "Ngày chín tháng chín ấp Tân Lợi ra quân."),
    ("Sáng 3/5 thôn Đông tổ chức họp.", "Sáng ngày ba tháng năm thôn Đông tổ chức họp."),
    ("Từ 10/6 các hộ đăng ký.", "Từ ngày mười tháng sáu các hộ đăng ký."),
    # a fraction word keeps the fraction
    ("Gần 2/3 dân số đã tiêm mũi 3.", "Gần hai phần ba dân số đã tiêm mũi ba."),
]


@pytest.mark.parametrize(("text", "spoken"), COUNTED_OF_A_TOTAL)
def test_so_many_of_a_total_is_read_over(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- a plus sign before a number: "đầu số +84", "+5°C" ---------------------------------------

PLUS_SIGNS = [
    (
        "Cảnh giác cuộc gọi từ đầu số +84 hoặc số lạ.",
        "Cảnh giác cuộc gọi từ đầu số cộng tám bốn hoặc số lạ.",
    ),
    (
        "Cảnh giác cuộc gọi từ đầu số +855, +86.",
        "Cảnh giác cuộc gọi từ đầu số cộng tám năm năm, cộng tám sáu.",
    ),
    ("Mã quốc gia +84 là của Việt Nam.", "Mã quốc gia cộng tám bốn là của Việt Nam."),
    (
        "Gọi từ số +84 912 345 678.",
        "Gọi từ số cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    ("Nhiệt độ khoảng +5°C.", "Nhiệt độ khoảng cộng năm độ xê."),
    ("Tăng +15% so với cùng kỳ.", "Tăng cộng mười lăm phần trăm so với cùng kỳ."),
    # between numbers and between words as before
    ("1+1 bằng 2", "một cộng một bằng hai"),
    ("sáng+chiều", "sáng và chiều"),
]


@pytest.mark.parametrize(("text", "spoken"), PLUS_SIGNS)
def test_a_plus_sign_before_a_number_is_cong(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- what is counted per a unit: "cây/ha", "con/m²"; medical units --------------------------

PER_UNIT = [
    ("Mật độ trồng 40.000 cây/ha.", "Mật độ trồng bốn mươi nghìn cây trên héc-ta."),
    ("Mật độ thả nuôi 30 con/m2.", "Mật độ thả nuôi ba mươi con trên mét vuông."),
    (
        "Phun thuốc khi mật độ trên 3.000 con/m².",
        "Phun thuốc khi mật độ trên ba nghìn con trên mét vuông.",
    ),
    ("Hỗ trợ 2 triệu đồng/ha.", "Hỗ trợ hai triệu đồng một héc-ta."),
    ("Trồng 1.000 cây xanh/năm.", "Trồng một nghìn cây xanh mỗi năm."),
    ("Huyết áp 140/90 mmHg.", "Huyết áp một trăm bốn mươi trên chín mươi mi-li-mét thủy ngân."),
    (
        "Đường huyết lúc đói > 7,0 mmol/l.",
        "Đường huyết lúc đói trên bảy phẩy không mi-li-mol trên lít.",
    ),
    ("Tiêm 0,5ml vắc xin/liều.", "Tiêm không phẩy năm mi-li-lít vắc xin mỗi liều."),
]


@pytest.mark.parametrize(("text", "spoken"), PER_UNIT)
def test_per_unit(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


def test_blood_pressure_without_its_unit():
    report = normalize_with_report("Huyết áp 120/80, nhịp tim 80 lần/phút.")
    assert report.spoken == (
        "Huyết áp một trăm hai mươi trên tám mươi, nhịp tim tám mươi lần mỗi phút."
    )
    assert report.warnings == ()


# --- dashes: a chain of numbers is no range; a range whose first end carries its word ---------

DASHES = [
    (
        "Bón phân NPK 20-20-15 với liều lượng 150 kg/ha.",
        "Bón phân nờ pê ca hai mươi, hai mươi, mười lăm với liều lượng một trăm năm mươi ki-lô-gam trên héc-ta.",
    ),
    ("Phân NPK 16-16-8 và DAP.", "Phân nờ pê ca mười sáu, mười sáu, tám và dê a pê."),
    ("Trẻ từ 6 tháng - 5 tuổi.", "Trẻ từ sáu tháng đến năm tuổi."),
    (
        "Thời gian cách ly 14 ngày - 21 ngày.",
        "Thời gian cách ly mười bốn ngày đến hai mươi mốt ngày.",
    ),
    ("Trẻ từ 12 - 18 tháng.", "Trẻ từ mười hai đến mười tám tháng."),
    # dates, ranges and phone numbers are untouched
    ("Ngày 15-12-2026", "Ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu"),
    (
        "Giảm 10-15% so với năm 2025.",
        "Giảm mười đến mười lăm phần trăm so với năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Năm học 2026-2027",
        "Năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), DASHES)
def test_dashes_between_numbers(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- web addresses in scam warnings ------------------------------------------------------------

ADDRESSES = [
    (
        "Chỉ truy cập Cổng dịch vụ công quốc gia tại dichvucong.gov.vn.",
        "Chỉ truy cập Cổng dịch vụ công quốc gia tại dịch vụ công chấm giê o vê chấm vê nờ.",
    ),
    (
        "Báo cáo trang lừa đảo tại canhbao.khonggianmang.vn.",
        "Báo cáo trang lừa đảo tại cảnh báo chấm không gian mạng chấm vê nờ.",
    ),
    ("Tra cứu tại tinnhiemmang.vn.", "Tra cứu tại tín nhiệm mạng chấm vê nờ."),
    (
        "Không bấm vào bit.ly/dangky lạ.",
        "Không bấm vào bê i tê chấm lờ i dài gạch chéo dê a nờ giê ca i dài lạ.",
    ),
    (
        "Website giả mạo: vneid-gov.top, dichvucong-gov.online.",
        "Oép-sai giả mạo: vê nờ e i dê gạch ngang giê o vê chấm tê o pê, dịch vụ công gạch ngang giê o vê chấm o nờ lờ i nờ e.",
    ),
    ("Trang web abc.xyz là giả.", "Trang web a bê xê chấm ích i dài dét là giả."),
]


@pytest.mark.parametrize(("text", "spoken"), ADDRESSES)
def test_web_addresses_in_scam_warnings(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- a phone number with a one-digit group; chemical formulas ---------------------------------

OTHER_CODES = [
    ("Điện thoại: 0296 3 852 113.", "Điện thoại: không hai chín sáu, ba, tám năm hai, một một ba."),
    (
        "ĐT: 0296 3 852 113 hoặc 113",
        "điện thoại: không hai chín sáu, ba, tám năm hai, một một ba hoặc một một ba",
    ),
    ("Điện thoại 2 chiếc, 3 máy tính.", "Điện thoại hai chiếc, ba máy tính."),
    ("Khí N2O (bóng cười) rất nguy hiểm.", "Khí nờ hai o, bóng cười, rất nguy hiểm."),
    ("Khí H2S, CO, NH3 rất độc.", "Khí hát hai ét, xê o, nờ hát ba rất độc."),
    ("Bình chữa cháy CO2 loại MT3.", "Bình chữa cháy xê o hai loại mờ tê ba."),
]


@pytest.mark.parametrize(("text", "spoken"), OTHER_CODES)
def test_other_codes(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- square kilometres are no kilometre post; a per word of two words; minutes and seconds ---

MORE_UNITS = [
    ("Diện tích tự nhiên 25 km2.", "Diện tích tự nhiên hai mươi lăm ki-lô-mét vuông."),
    (
        "Diện tích 25,6 km² với 12.345 người.",
        "Diện tích hai mươi lăm phẩy sáu ki-lô-mét vuông với mười hai nghìn ba trăm bốn mươi lăm người.",
    ),
    ("Mật độ 456 người/km2.", "Mật độ bốn trăm năm mươi sáu người trên ki-lô-mét vuông."),
    ("Tại Km 2, QL1A.", "Tại ki-lô-mét hai, quốc lộ một a."),
    ("Tại Km2 + 300.", "Tại ki-lô-mét hai cộng ba trăm."),
    ("Học phí 300.000 đồng/học sinh/tháng.", "Học phí ba trăm nghìn đồng một học sinh một tháng."),
    ("Hỗ trợ 50.000 đồng/người dân.", "Hỗ trợ năm mươi nghìn đồng một người dân."),
    ("Chạy 5 km trong 25'30\".", "Chạy năm ki-lô-mét trong hai mươi lăm phút ba mươi giây."),
]


@pytest.mark.parametrize(("text", "spoken"), MORE_UNITS)
def test_more_units(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- land, livestock and health codes --------------------------------------------------------

LAND_AND_HEALTH_CODES = [
    ("Giấy chứng nhận QSDĐ số 123.", "Giấy chứng nhận quyền sử dụng đất số một trăm hai mươi ba."),
    ("Cấp GCNQSDĐ cho 45 hộ.", "Cấp giấy chứng nhận quyền sử dụng đất cho bốn mươi lăm hộ."),
    ("Cấp đổi GCN cho hộ ông A.", "Cấp đổi giấy chứng nhận cho hộ ông A."),
    ("Loại đất ONT, diện tích 200 m2.", "Loại đất o nờ tê, diện tích hai trăm mét vuông."),
    (
        "Chuyển từ đất LUC sang đất CLN, ODT.",
        "Chuyển từ đất lờ u xê sang đất xê lờ nờ, o dê tê.",
    ),
    ("Dịch tả lợn châu Phi (ASF) xuất hiện.", "Dịch tả lợn châu Phi, a ét ép, xuất hiện."),
    ("Chỉ số UV ở mức cao.", "Chỉ số u vê ở mức cao."),
    ("Chỉ số BMI bình thường.", "Chỉ số bê mờ i bình thường."),
]


@pytest.mark.parametrize(("text", "spoken"), LAND_AND_HEALTH_CODES)
def test_land_and_health_codes(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- headings and list marks with a slash: "I/", "1/", "a/" ---------------------------------

SLASH_MARKS = [
    ("I/ MỤC ĐÍCH, YÊU CẦU", "Phần một. Mục đích, yêu cầu"),
    ("II/ NỘI DUNG\n1/ Thời gian:", "Phần hai. Nội dung\nThời gian:"),
    (
        "a/ Nâng cao nhận thức.\nb/ Tổ chức tuyên truyền.",
        "Nâng cao nhận thức.\nTổ chức tuyên truyền.",
    ),
    ("k/g các ban ngành", "kính gửi các ban ngành"),
    ("V/v tạm dừng cung cấp điện", "Về việc tạm dừng cung cấp điện"),
]


@pytest.mark.parametrize(("text", "spoken"), SLASH_MARKS)
def test_heading_and_list_marks_with_a_slash(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- "chiều nay (05/12)": a time of day with "nay", "mai", "qua" before a date -------------------

TODAY_DATES = [
    ("Chiều nay (05/12), tại Hội trường.", "Chiều nay, ngày năm tháng mười hai, tại Hội trường."),
    ("Sáng mai 06/12 ra quân.", "Sáng mai ngày sáu tháng mười hai ra quân."),
    ("Tối qua (4/12) xảy ra cháy.", "Tối qua, ngày bốn tháng mười hai, xảy ra cháy."),
    ("Hôm nay 3/5 thôn Đông họp.", "Hôm nay ngày ba tháng năm thôn Đông họp."),
    # "đến nay" is no date word
    ("Đến nay 9/9 ấp đã có camera.", "Đến nay chín trên chín ấp đã có ca-mê-ra."),
]


@pytest.mark.parametrize(("text", "spoken"), TODAY_DATES)
def test_a_time_of_day_with_nay_mai_qua_names_a_date(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- identifiers: long digit runs, codes after "mã hồ sơ"; a decimal dot before triệu/tỷ ----

IDENTIFIERS = [
    (
        "Mã số BHXH: 8012345678.",
        "Mã số bảo hiểm xã hội: tám không một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "Số định danh cá nhân 079201001234.",
        "Số định danh cá nhân không bảy chín hai không một không không một hai ba bốn.",
    ),
    (
        "Căn cước 079201001234 của ông A.",
        "Căn cước không bảy chín hai không một không không một hai ba bốn của ông A.",
    ),
    (
        "Mã hồ sơ: H12.34-241201-0001.",
        "Mã hồ sơ: hát một hai chấm ba bốn gạch ngang hai bốn một hai không một gạch ngang không không không một.",
    ),
    ("Giá 2.5 triệu đồng.", "Giá hai phẩy năm triệu đồng."),
    ("Thiệt hại 1.2 tỷ đồng.", "Thiệt hại một phẩy hai tỷ đồng."),
    # amounts and years are untouched
    ("Tổng 1.250.000.000 đồng.", "Tổng một tỷ hai trăm năm mươi triệu đồng."),
    ("Mục 1.2 của kế hoạch.", "Mục một chấm hai của kế hoạch."),
]


@pytest.mark.parametrize(("text", "spoken"), IDENTIFIERS)
def test_identifiers_and_decimal_dots(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- more curated words: LED, 4G, "Kt.", "T.Ư"; a signature glued to its body ----------------

MORE_CURATED = [
    ("Lắp đặt 12 đèn LED 50W.", "Lắp đặt mười hai đèn lét năm mươi oát."),
    ("Sóng 4G, 5G phủ 100% thôn.", "Sóng bốn giê, năm giê phủ một trăm phần trăm thôn."),
    ("Kt. CHỦ TỊCH", "Ký thay chủ tịch"),
    ("Tm. BAN CHẤP HÀNH", "Thay mặt ban chấp hành"),
    ("T.Ư Đoàn tổ chức.", "Trung ương Đoàn tổ chức."),
    ("TM.UBND XÃ", "Thay mặt Ủy ban nhân dân xã"),
    ("KT.CHỦ TỊCH", "Ký thay chủ tịch"),
]


@pytest.mark.parametrize(("text", "spoken"), MORE_CURATED)
def test_more_curated(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- grades, eyesight and scores out of a total -----------------------------------------------

OUT_OF = [
    (
        "Thanh niên có trình độ văn hóa lớp 8/12 trở lên.",
        "Thanh niên có trình độ văn hóa lớp tám trên mười hai trở lên.",
    ),
    (
        "Thị lực mắt phải 10/10, mắt trái 9/10.",
        "Thị lực mắt phải mười trên mười, mắt trái chín trên mười.",
    ),
    ("Điểm thi đạt 7,5/10.", "Điểm thi đạt bảy phẩy năm trên mười."),
    ("Điểm trung bình 8.5 trở lên.", "Điểm trung bình tám phẩy năm trở lên."),
    ("Đạt 8.5 điểm.", "Đạt tám phẩy năm điểm."),
    # a date after "ngày" stays a date
    ("Lớp học ngày 8/12 nghỉ.", "Lớp học ngày tám tháng mười hai nghỉ."),
]


@pytest.mark.parametrize(("text", "spoken"), OUT_OF)
def test_grades_eyesight_and_scores(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- the recipients' notes "(b/c)", "(t/h)"; a country code with the start of a number --------

NOTES_AND_CODES = [
    (
        "- TT Đảng ủy, TT HĐND xã (b/c);",
        "Thường trực Đảng ủy, Thường trực Hội đồng nhân dân xã, báo cáo;",
    ),
    ("- Các ấp (t/h);", "Các ấp, thực hiện;"),
    ("- Công an xã (p/h);", "Công an xã, phối hợp;"),
    (
        "Các số lạ có đầu số 0899 hoặc +84 899...",
        "Các số lạ có đầu số không tám chín chín hoặc cộng tám bốn, tám chín chín...",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NOTES_AND_CODES)
def test_recipient_notes_and_partial_numbers(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


# --- titles: UV (Ủy viên, or the ultraviolet index), PBT, CHT; a named day's date -------------

TITLES = [
    ("Đồng chí A - UV BTV Huyện ủy.", "Đồng chí A - Ủy viên Ban Thường vụ Huyện ủy."),
    ("Đồng chí B, UV BCH Đảng bộ xã.", "Đồng chí B, Ủy viên Ban Chấp hành Đảng bộ xã."),
    ("Chỉ số UV ở mức cao.", "Chỉ số u vê ở mức cao."),
    ("Hạn chế tiếp xúc tia UV.", "Hạn chế tiếp xúc tia u vê."),
    ("Đ/c Trần Thị B - PBT TT Đảng ủy.", "Đồng chí Trần Thị B - Phó Bí thư Thường trực Đảng ủy."),
    ("Đ/c Phạm D - CHT BCHQS xã.", "Đồng chí Phạm D - Chỉ huy trưởng Ban Chỉ huy quân sự xã."),
    ("Ngày Quốc khánh 2/9.", "Ngày Quốc khánh hai tháng chín."),
    ("Ngày Nhà giáo Việt Nam 20/11.", "Ngày Nhà giáo Việt Nam hai mươi tháng mười một."),
]


@pytest.mark.parametrize(("text", "spoken"), TITLES)
def test_titles_and_named_days(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


def test_a_slashed_note_needs_its_bracket():
    # elsewhere "t/h" may be tonnes an hour: not taken for the note
    assert "thực hiện" not in normalize("Máy sấy công suất 10 t/h.")


def test_uv_without_a_deciding_context_is_flagged():
    assert _flagged("Gặp UV ngay.") == ["UV"]


# --- a small fraction before what is counted; a stretch between two kilometre posts -----------

FRACTIONS_AND_POSTS = [
    ("Có 1/3 học sinh bị cận thị.", "Có một phần ba học sinh bị cận thị."),
    ("Khoảng 2/3 hộ đã đăng ký.", "Khoảng hai phần ba hộ đã đăng ký."),
    ("Có 3/5 thôn đạt chuẩn.", "Có ba trên năm thôn đạt chuẩn."),
    (
        "Tuyến QL91 đoạn Km 12+500 - Km 13+200 sạt lở.",
        "Tuyến quốc lộ chín mươi mốt đoạn ki-lô-mét mười hai cộng năm trăm đến ki-lô-mét mười ba cộng hai trăm sạt lở.",
    ),
    ("Từ Km 5 – Km 7 đang thi công.", "Từ ki-lô-mét năm đến ki-lô-mét bảy đang thi công."),
]


@pytest.mark.parametrize(("text", "spoken"), FRACTIONS_AND_POSTS)
def test_small_fractions_and_kilometre_stretches(text, spoken):
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert report.warnings == ()


def test_an_acronym_after_a_storm_is_no_name():
    assert _flagged("Sau bão, XKCD hỗ trợ.") == ["XKCD"]
    assert normalize("Bão WIPHA suy yếu.") == "Bão Wipha suy yếu."


def test_a_plus_sign_after_the_word_itself_is_not_said_twice():
    assert normalize("Được cộng +0,5 điểm ưu tiên.") == "Được cộng không phẩy năm điểm ưu tiên."

"""Readings of official text, fifth probe: the people of schools, offices, Party cells and
Youth Union branches (ĐV, HS, GV, CB), vaccines, the social policy bank, codes that are not
roads or directives (a rice variety, a building), and commune notices heavy in
abbreviations. One table per rule (northern reading unless a case says otherwise); each
table holds cases that must not change too."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    assert normalize(text, region=region) == spoken


def _flagged(text: str, region: str = "north") -> list[str]:
    return [w.written for w in normalize_with_report(text, region=region).warnings]


# --- people: the context decides ĐV, HS, GV, CB (the curated list) -------------------------------
# A Youth Union branch before "ĐV" makes it đoàn viên, a Party cell đảng viên; the nearest body
# named in the clause decides. "HS" after nộp, bộ, thành phần… is hồ sơ, after a number or before
# lớp, trường… học sinh. "CB, CC, VC" is a list. With nothing to decide, they stay spelled and
# flagged (test_normalize_official_4.py).

PEOPLE = [
    (
        "Chi đoàn thôn 3 kết nạp 5 ĐV mới.",
        "Chi đoàn thôn ba kết nạp năm đoàn viên mới.",
    ),
    ("Chi bộ có 35 ĐV.", "Chi bộ có ba mươi lăm đảng viên."),
    ("Lễ kết nạp Đảng cho 3 ĐV mới.", "Lễ kết nạp Đảng cho ba đảng viên mới."),
    (
        "Đoàn xã tổ chức cho 120 ĐV ra quân dọn vệ sinh.",
        "Đoàn xã tổ chức cho một trăm hai mươi đoàn viên ra quân dọn vệ sinh.",
    ),
    (
        "Đảng bộ xã có 215 ĐV sinh hoạt tại 12 chi bộ.",
        "Đảng bộ xã có hai trăm mười lăm đảng viên sinh hoạt tại mười hai chi bộ.",
    ),
    (
        "Chi bộ giới thiệu, Chi đoàn bình xét 4 ĐV ưu tú.",
        "Chi bộ giới thiệu, Chi đoàn bình xét bốn đoàn viên ưu tú.",
    ),
    ("Trường có 450 HS và 30 GV.", "Trường có bốn trăm năm mươi học sinh và ba mươi giáo viên."),
    (
        "Trường THCS có 120 HS lớp 9 dự thi.",
        "Trường trung học cơ sở có một trăm hai mươi học sinh lớp chín dự thi.",
    ),
    ("Hỗ trợ HS nghèo vượt khó.", "Hỗ trợ học sinh nghèo vượt khó."),
    ("Phụ huynh HS đón con đúng giờ.", "Phụ huynh học sinh đón con đúng giờ."),
    ("Nộp HS tại bộ phận một cửa.", "Nộp hồ sơ tại bộ phận một cửa."),
    ("Thành phần HS gồm 02 bộ.", "Thành phần hồ sơ gồm hai bộ."),
    ("Nộp 02 HS tại UBND xã.", "Nộp hai hồ sơ tại Ủy ban nhân dân xã."),
    ("GV chủ nhiệm lớp 5A họp phụ huynh.", "giáo viên chủ nhiệm lớp năm A họp phụ huynh."),
    ("Đề nghị CB thôn thông báo cho nhân dân.", "Đề nghị cán bộ thôn thông báo cho nhân dân."),
    (
        "Toàn thể CB, CC, VC cơ quan tham gia.",
        "Toàn thể cán bộ, công chức, viên chức cơ quan tham gia.",
    ),
    ("100% CBGV nhà trường tham gia.", "một trăm phần trăm cán bộ, giáo viên nhà trường tham gia."),
    (
        "Toàn thể CBGVNV tham gia lao động.",
        "Toàn thể cán bộ, giáo viên, nhân viên tham gia lao động.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), PEOPLE)
def test_people_by_context(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# A rice variety keeps its letters ("ĐV 108"); the Party or the Union before it does not decide.
VARIETY_LETTERS = [
    ("Chi bộ vận động gieo giống ĐV108.", "Chi bộ vận động gieo giống đê vê một trăm linh tám."),
    ("Gieo sạ giống ĐV 108.", "Gieo sạ giống đê vê một trăm linh tám."),
]


@pytest.mark.parametrize(("text", "spoken"), VARIETY_LETTERS)
def test_variety_letters(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# --- vaccines, the social policy bank, fire safety, cooperatives, surveys, apps -----------------

NAMED = [
    (
        "Tiêm vắc xin MR cho trẻ từ 1-5 tuổi.",
        "Tiêm vắc xin sởi - ru-bê-la cho trẻ từ một đến năm tuổi.",
    ),
    (
        "Tiêm MR mũi 2 cho trẻ 18 tháng.",
        "Tiêm sởi - ru-bê-la mũi hai cho trẻ mười tám tháng.",
    ),
    (
        "Tiêm vắc xin VGB sơ sinh trong 24 giờ đầu.",
        "Tiêm vắc xin viêm gan bê sơ sinh trong hai mươi tư giờ đầu.",
    ),
    ("Ngân hàng CSXH huyện giải ngân.", "Ngân hàng chính sách xã hội huyện giải ngân."),
    (
        "Tổ tiết kiệm và vay vốn NHCSXH.",
        "Tổ tiết kiệm và vay vốn Ngân hàng Chính sách xã hội.",
    ),
    ("Tuyên truyền công tác PC&CC.", "Tuyên truyền công tác phòng cháy và chữa cháy."),
    ("Công tác PCCC mùa khô.", "Công tác phòng cháy chữa cháy mùa khô."),
    ("Thành lập THT trồng rau an toàn.", "Thành lập tổ hợp tác trồng rau an toàn."),
    (
        "Kết quả chỉ số PAPI năm 2025.",
        "Kết quả chỉ số pa-pi năm hai nghìn không trăm hai mươi lăm.",
    ),
    ("Cài đặt ứng dụng VNeID mức độ 2.", "Cài đặt ứng dụng vê-nê-ai-đi mức độ hai."),
]


@pytest.mark.parametrize(("text", "spoken"), NAMED)
def test_named_acronyms(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# Letters whose meaning could not be confirmed stay spelled and flagged.
UNSURE = [
    ("Hội ND-TT xã.", ["ND", "TT"]),
    ("Tổ WG số 3.", ["WG"]),
    ("Đã gửi RVT.", ["RVT"]),
]


@pytest.mark.parametrize(("text", "letters"), UNSURE)
def test_unsure_letters_stay_flagged(text, letters):
    assert _flagged(text) == letters


# --- codes that are not roads or directives ---------------------------------------------------
# After giống, lúa, gạo, ngô a code is a variety, its letters and number ("ĐT8" was "đường tỉnh
# tám"); after chung cư, tòa, nhà, block, letters glued to a number name the building ("CT3"
# was "Chỉ thị ba"). Roads and directives elsewhere stay.

CODES = [
    ("Giống lúa ĐT8 năng suất cao.", "Giống lúa đê tê tám năng suất cao."),
    ("Lúa ĐT8 trổ bông.", "Lúa đê tê tám trổ bông."),
    ("Gieo sạ giống ĐT8, ĐV108.", "Gieo sạ giống đê tê tám, đê vê một trăm linh tám."),
    (
        "Gieo các giống lúa thuần ĐT 100, ĐT8 và ĐV 108.",
        "Gieo các giống lúa thuần đê tê một trăm, đê tê tám và đê vê một trăm linh tám.",
    ),
    ("Chung cư CT3 mất nước.", "Chung cư xê tê ba mất nước."),
    ("Tòa nhà CT3 tầng 5.", "Tòa nhà xê tê ba tầng năm."),
    # guards
    ("Lúa ĐX 12 ngày tuổi.", "Lúa Đông Xuân mười hai ngày tuổi."),
    ("Đường ĐT 741 sạt lở.", "Đường tỉnh bảy trăm bốn mươi mốt sạt lở."),
    ("Tuyến ĐT8 bị ngập.", "Tuyến đường tỉnh tám bị ngập."),
    ("Thực hiện CT 15 của UBND.", "Thực hiện Chỉ thị mười lăm của Ủy ban nhân dân."),
]


@pytest.mark.parametrize(("text", "spoken"), CODES)
def test_varieties_and_buildings(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# --- a year after ĐT is no phone number; words then their acronym after a slash are said once --

YEARS_AND_ECHOES = [
    (
        "Vốn ĐT 2026 là 5 tỷ đồng.",
        "Vốn đầu tư hai nghìn không trăm hai mươi sáu là năm tỷ đồng.",
    ),
    ("Chủ ĐT dự án.", "Chủ đầu tư dự án."),
    (
        "Kế hoạch Đầu tư/ĐT 2026.",
        "Kế hoạch Đầu tư hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Điện thoại/ĐT: 0912 345 678.",
        "Điện thoại: không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    ("Giáo dục và Đào tạo/GD&ĐT huyện.", "Giáo dục và Đào tạo huyện."),
    # guards: a dialled number stays dialled, a reference keeps its code
    ("ĐT 0912345678.", "điện thoại không chín một hai, ba bốn năm, sáu bảy tám."),
    ("ĐT 3822 456.", "điện thoại ba tám hai hai, bốn năm sáu."),
    ("Kế hoạch 12/KH-UBND.", "Kế hoạch mười hai của Ủy ban nhân dân."),
]


@pytest.mark.parametrize(("text", "spoken"), YEARS_AND_ECHOES)
def test_years_after_dt_and_slashed_echoes(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


def test_dt_before_a_year_alone_is_flagged():
    assert _flagged("Kế hoạch ĐT 2026.") == ["ĐT"]
    _check("Kế hoạch ĐT 2026.", "Kế hoạch đê tê hai nghìn không trăm hai mươi sáu.")


# --- BCH in a reference: the line decides between Ban Chỉ huy and Ban Chấp hành ---------------

BCH_REFERENCES = [
    (
        "Ban CHQS xã ban hành Kế hoạch số 12/KH-BCH về huấn luyện DQTV.",
        "Ban Chỉ huy quân sự xã ban hành Kế hoạch số mười hai của Ban Chỉ huy về huấn luyện dân quân tự vệ.",
    ),
    (
        "Đoàn xã ban hành Kế hoạch 05/KH-BCH.",
        "Đoàn xã ban hành Kế hoạch năm của Ban Chấp hành.",
    ),
    (
        "Thực hiện Kế hoạch số 12/KH-BCH ngày 5/3/2026 của Ban Chỉ huy Quân sự xã.",
        "Thực hiện Kế hoạch số mười hai ngày năm tháng ba năm hai nghìn không trăm hai mươi sáu của Ban Chỉ huy Quân sự xã.",
    ),
    (
        "Số 15/QĐ-UBND ngày 2/3/2026.",
        "Quyết định số mười lăm của Ủy ban nhân dân ngày hai tháng ba năm hai nghìn không trăm hai mươi sáu.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), BCH_REFERENCES)
def test_bch_in_references(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


BCH_UNDECIDED = [
    "Số 12/KH-BCH ngày 5/3/2026.",
    "Kế hoạch 07/KH-BCH về phòng chống thiên tai của Đoàn xã.",
]


@pytest.mark.parametrize("text", BCH_UNDECIDED)
def test_bch_undecided_is_flagged(text):
    assert _flagged(text) == ["KH-BCH"]
    assert "bê xê hát" in normalize(text)


# --- fifth probe: commune notices heavy in abbreviations ------------------------------------------
# Most were already right and are pinned; the fixes of this probe: UBMTTQVN, CDC, "Tổ TK&VV",
# "Hội ND", LĐTBXH, ĐVM after "lý luận chính trị" or a Party body, and "ĐV" decided by the body
# named after it in the clause ("Kết nạp 12 ĐV mới cho Chi đoàn …"). All were spelled, flagged.

NOTICES = [
    (
        "BCH Đoàn TN xã tổ chức ra quân Tháng TN năm 2026.",
        "Ban Chấp hành Đoàn Thanh niên xã tổ chức ra quân Tháng Thanh niên năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Chi đoàn thôn 2 tổ chức sinh hoạt chuyên đề, 100% ĐVTN tham gia.",
        "Chi đoàn thôn hai tổ chức sinh hoạt chuyên đề, một trăm phần trăm đoàn viên thanh niên tham gia.",
    ),
    (
        "HLHPN xã phối hợp TYT tổ chức khám sàng lọc ung thư cho 150 hội viên.",
        "Hội Liên hiệp Phụ nữ xã phối hợp Trạm Y tế tổ chức khám sàng lọc ung thư cho một trăm năm mươi hội viên.",
    ),
    (
        "HPN thôn Đông tổ chức họp mặt kỷ niệm ngày 20/10.",
        "Hội Phụ nữ thôn Đông tổ chức họp mặt kỷ niệm ngày hai mươi tháng mười.",
    ),
    (
        "Hội CCB xã tổ chức Đại hội nhiệm kỳ 2027-2032.",
        "Hội Cựu chiến binh xã tổ chức Đại hội nhiệm kỳ hai nghìn không trăm hai mươi bảy đến hai nghìn không trăm ba mươi hai.",
    ),
    (
        "UBMTTQVN xã phát động ủng hộ Quỹ Vì người nghèo.",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã phát động ủng hộ Quỹ Vì người nghèo.",
    ),
    (
        "Thường trực HĐND xã tiếp xúc cử tri tại KDC số 3.",
        "Thường trực Hội đồng nhân dân xã tiếp xúc cử tri tại khu dân cư số ba.",
    ),
    (
        "BCĐ 35 xã họp triển khai nhiệm vụ.",
        "Ban Chỉ đạo ba mươi lăm xã họp triển khai nhiệm vụ.",
    ),
    (
        "BQL chợ xã thông báo thu phí vệ sinh.",
        "Ban quản lý chợ xã thông báo thu phí vệ sinh.",
    ),
    (
        "Cơ quan BHXH huyện chi trả lương hưu tại UBND xã.",
        "Cơ quan bảo hiểm xã hội huyện chi trả lương hưu tại Ủy ban nhân dân xã.",
    ),
    (
        "Trường THPT số 2 tổ chức thi thử TN THPT.",
        "Trường trung học phổ thông số hai tổ chức thi thử tốt nghiệp trung học phổ thông.",
    ),
    (
        "Trường MN Hoa Sen nhận trẻ từ 18 tháng tuổi.",
        "Trường mầm non Hoa Sen nhận trẻ từ mười tám tháng tuổi.",
    ),
    (
        "Trường TH và THCS xã tổ chức khai giảng.",
        "Trường tiểu học và trung học cơ sở xã tổ chức khai giảng.",
    ),
    (
        "Phòng GDĐT huyện kiểm tra công tác dạy học.",
        "Phòng Giáo dục và Đào tạo huyện kiểm tra công tác dạy học.",
    ),
    (
        "Giữ vững ANTT trên địa bàn, phòng chống TNXH.",
        "Giữ vững an ninh trật tự trên địa bàn, phòng chống tệ nạn xã hội.",
    ),
    (
        "CAX phối hợp BCH QS tuần tra đêm.",
        "Công an xã phối hợp Ban Chỉ huy quân sự tuần tra đêm.",
    ),
    ("ĐVT: triệu đồng.", "đơn vị tính: triệu đồng."),
    (
        "Tăng cường kiểm tra VSATTP dịp Tết.",
        "Tăng cường kiểm tra vệ sinh an toàn thực phẩm dịp Tết.",
    ),
    (
        "TYT xã tổ chức tiêm vắc xin MR cho trẻ.",
        "Trạm Y tế xã tổ chức tiêm vắc xin sởi - ru-bê-la cho trẻ.",
    ),
    (
        "CDC tỉnh cảnh báo dịch SXH.",
        "Trung tâm Kiểm soát bệnh tật tỉnh cảnh báo dịch sốt xuất huyết.",
    ),
    ("V/v tổ chức tiêm chủng mở rộng.", "Về việc tổ chức tiêm chủng mở rộng."),
    ("Kt. CHỦ TỊCH", "Ký thay chủ tịch"),
    ("TM. UBND XÃ", "Thay mặt Ủy ban nhân dân xã"),
    ("TL. CHỦ TỊCH", "Thừa lệnh chủ tịch"),
    ("Q. CHỦ TỊCH", "Quyền chủ tịch"),
    (
        "Địa chỉ: thôn 3, xã Tân Phú, H. Định Quán, T. Đồng Nai.",
        "Địa chỉ: thôn ba, xã Tân Phú, huyện Định Quán, tỉnh Đồng Nai.",
    ),
    (
        "Tại P. Tân Định, Q.1, Tp. Hồ Chí Minh.",
        "Tại phường Tân Định, quận một, thành phố Hồ Chí Minh.",
    ),
    (
        "Tổ TK&VV thôn 4 họp bình xét hộ vay vốn.",
        "Tổ tiết kiệm và vay vốn thôn bốn họp bình xét hộ vay vốn.",
    ),
    ("Tổ TK&VV do HPN quản lý.", "Tổ tiết kiệm và vay vốn do Hội Phụ nữ quản lý."),
    ("Hội ND xã tập huấn kỹ thuật trồng lúa.", "Hội Nông dân xã tập huấn kỹ thuật trồng lúa."),
    (
        "BTV Đoàn xã tặng quà cho HS nghèo vượt khó.",
        "Ban Thường vụ Đoàn xã tặng quà cho học sinh nghèo vượt khó.",
    ),
    (
        "Đề nghị các đ/c trưởng thôn, TDP thông báo.",
        "Đề nghị các đồng chí trưởng thôn, tổ dân phố thông báo.",
    ),
    (
        "Thu phí BHYT HSSV năm học 2026-2027.",
        "Thu phí bảo hiểm y tế học sinh, sinh viên năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    ("CB, CC xã trực Tết theo lịch.", "cán bộ, công chức xã trực Tết theo lịch."),
    (
        "Các đ/c UV BCH Đảng bộ xã dự họp.",
        "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã dự họp.",
    ),
    (
        "Kết nạp 12 ĐV mới cho Chi đoàn thôn 5.",
        "Kết nạp mười hai đoàn viên mới cho Chi đoàn thôn năm.",
    ),
    (
        "Chi bộ thôn 1 tổ chức lễ kết nạp ĐV mới.",
        "Chi bộ thôn một tổ chức lễ kết nạp đảng viên mới.",
    ),
    (
        "Tăng cường PCCC&CNCH mùa khô.",
        "Tăng cường phòng cháy chữa cháy và cứu nạn cứu hộ mùa khô.",
    ),
    (
        "Phòng LĐTBXH huyện chi trả trợ cấp.",
        "Phòng Lao động - Thương binh và Xã hội huyện chi trả trợ cấp.",
    ),
    (
        "Lớp bồi dưỡng lý luận chính trị cho ĐVM.",
        "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới.",
    ),
    (
        "UBKT Đảng ủy xã kiểm tra ĐV chấp hành.",
        "Ủy ban Kiểm tra Đảng ủy xã kiểm tra đảng viên chấp hành.",
    ),
    (
        "Ban ATGT xã phối hợp CSGT kiểm tra.",
        "Ban an toàn giao thông xã phối hợp cảnh sát giao thông kiểm tra.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NOTICES)
def test_fifth_probe_notices(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# Guards: letters these rows must not catch.
NOT_CAUGHT = [
    ("Số ND của dự án.", ["ND"]),
    ("Mã ĐVM.", ["ĐVM"]),
]


@pytest.mark.parametrize(("text", "letters"), NOT_CAUGHT)
def test_rows_do_not_catch_other_letters(text, letters):
    assert _flagged(text) == letters


# --- fifth probe, second batch: welfare, administration, law, security, health, elections ------
# All of these letters were spelled and flagged. "TB" before or after "LS" and after "gia đình"
# is thương binh (was "thông báo"); "CS" after gia đình, hộ, đối tượng is chính sách; "PN"
# after Hội, Chi hội is Phụ nữ; "CH" between "Ban" and PCTT, QS is Chỉ huy; "ĐB" before HĐND,
# QH is đại biểu; "CT" before MTQG is Chương trình; "PL" after tìm hiểu, phổ biến… is pháp luật.

WELFARE_AND_ADMINISTRATION = [
    (
        "Đối tượng: trẻ em từ 1-5 tuổi, PNCT, người cao tuổi.",
        "Đối tượng: trẻ em từ một đến năm tuổi, phụ nữ có thai, người cao tuổi.",
    ),
    ("Chi hội PN thôn 3 tổ chức sinh hoạt.", "Chi hội Phụ nữ thôn ba tổ chức sinh hoạt."),
    (
        "Trưởng BQL dự án ĐTXD huyện.",
        "Trưởng Ban quản lý dự án đầu tư xây dựng huyện.",
    ),
    ("Ban QLDA xã công khai kết quả đấu thầu.", "Ban quản lý dự án xã công khai kết quả đấu thầu."),
    (
        "MTTQ và các đoàn thể CT-XH xã phát động.",
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội xã phát động.",
    ),
    (
        "BTT UBMTTQ xã họp phiên thường kỳ.",
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã họp phiên thường kỳ.",
    ),
    (
        "Hỗ trợ hộ nghèo, hộ cận nghèo, hộ có HCKK.",
        "Hỗ trợ hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn.",
    ),
    (
        "Tặng 50 suất quà cho gia đình CS, NCC.",
        "Tặng năm mươi suất quà cho gia đình chính sách, người có công.",
    ),
    (
        "Viếng NTLS xã nhân ngày 27/7.",
        "Viếng nghĩa trang liệt sĩ xã nhân ngày hai mươi bảy tháng bảy.",
    ),
    ("Thăm hỏi các gia đình TB, LS.", "Thăm hỏi các gia đình thương binh, liệt sĩ."),
    (
        "Triển khai Đề án 06 về CSDLQG về dân cư.",
        "Triển khai Đề án sáu về cơ sở dữ liệu quốc gia về dân cư.",
    ),
    (
        "Kiểm tra công tác CCHC tại bộ phận TN&TKQ.",
        "Kiểm tra công tác cải cách hành chính tại bộ phận tiếp nhận và trả kết quả.",
    ),
    (
        "Kiểm tra cơ sở KDDV có điều kiện về ANTT.",
        "Kiểm tra cơ sở kinh doanh dịch vụ có điều kiện về an ninh trật tự.",
    ),
    (
        "Thực hiện Luật TTATGTĐB năm 2024.",
        "Thực hiện Luật trật tự, an toàn giao thông đường bộ năm hai nghìn không trăm hai mươi tư.",
    ),
    (
        "Hội thi tìm hiểu PL về phòng chống BLGĐ.",
        "Hội thi tìm hiểu pháp luật về phòng chống bạo lực gia đình.",
    ),
    (
        "Tuyên truyền phòng chống XHTD trẻ em.",
        "Tuyên truyền phòng chống xâm hại tình dục trẻ em.",
    ),
    (
        "Ban CH PCTT&TKCN xã họp triển khai.",
        "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn xã họp triển khai.",
    ),
    (
        "Kiểm tra ATVSLĐ tại các cơ sở SX.",
        "Kiểm tra an toàn, vệ sinh lao động tại các cơ sở sản xuất.",
    ),
    ("Cấp GPXD nhà ở riêng lẻ.", "Cấp giấy phép xây dựng nhà ở riêng lẻ."),
    ("Kiểm tra TTXD trên địa bàn xã.", "Kiểm tra trật tự xây dựng trên địa bàn xã."),
    (
        "Tiêm vắc xin phòng bệnh DTLCP.",
        "Tiêm vắc xin phòng bệnh dịch tả lợn châu Phi.",
    ),
    ("Hỗ trợ NKT đặc biệt nặng.", "Hỗ trợ người khuyết tật đặc biệt nặng."),
    (
        "Bầu cử ĐBQH khóa XVI và ĐB HĐND các cấp.",
        "Bầu cử đại biểu Quốc hội khóa mười sáu và đại biểu Hội đồng nhân dân các cấp.",
    ),
    (
        "Kết quả thu NSNN năm 2026.",
        "Kết quả thu ngân sách nhà nước năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Hỗ trợ xây dựng nhà ở cho hộ nghèo theo CT MTQG.",
        "Hỗ trợ xây dựng nhà ở cho hộ nghèo theo Chương trình mục tiêu quốc gia.",
    ),
    (
        "Tập huấn CĐS cho tổ CNSCĐ.",
        "Tập huấn chuyển đổi số cho tổ công nghệ số cộng đồng.",
    ),
    ("Kiểm tra VSMT khu dân cư.", "Kiểm tra vệ sinh môi trường khu dân cư."),
    # guards: the old readings where the new contexts are absent
    ("Đo nhiệt độ TB năm.", "Đo nhiệt độ trung bình năm."),
    ("Gửi TB tới các hộ.", "Gửi thông báo tới các hộ."),
    (
        "Nơi nhận: - TT Đảng ủy; - TT HĐND xã; - CT, các PCT UBND xã; - Lưu VT.",
        "Nơi nhận: Thường trực Đảng ủy; Thường trực Hội đồng nhân dân xã; Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân xã; Lưu văn thư.",
    ),
    ("Thực hiện CT số 15 của UBND.", "Thực hiện Chỉ thị số mười lăm của Ủy ban nhân dân."),
]


@pytest.mark.parametrize(("text", "spoken"), WELFARE_AND_ADMINISTRATION)
def test_welfare_and_administration(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# Without their context these letters keep being spelled and flagged.
CONTEXT_ABSENT = [
    ("Các CS giao thông làm nhiệm vụ.", ["CS"]),
    ("Gửi PL.", ["PL"]),
    ("Ban CH Đoàn xã.", ["CH"]),
    ("Đội SX số 3.", ["SX"]),
    ("Đặc biệt ĐB khó khăn.", ["ĐB"]),
    ("Giải bóng đá TN-TTN xã.", ["TN", "TTN"]),
]


@pytest.mark.parametrize(("text", "letters"), CONTEXT_ABSENT)
def test_context_absent_stays_flagged(text, letters):
    assert _flagged(text) == letters


# --- fifth probe, third batch: invitations, schools, banks, farming ------------------------------
# Fixes: "(CN)" after a date is chủ nhật (was "xê nờ", flagged); "HS gồm:" is hồ sơ; "MT" after
# ô nhiễm, bảo vệ, vệ sinh or before "và ATTP" is môi trường; "NK" after a number nhân khẩu;
# "HV" after "Đoàn viên," or before "các hội" hội viên; NN&PTNT, TDND, LPG; "DV", "NN" after
# HTX, Phòng… dịch vụ, nông nghiệp. All were spelled, flagged.

INVITATIONS_AND_FARMING = [
    (
        "Thời gian: 7h30 ngày 15/12/2026 (CN).",
        "Thời gian: bảy giờ ba mươi phút ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu, chủ nhật.",
    ),
    (
        "Thành phần: BTV Đảng ủy, TT HĐND, lãnh đạo UBND, UBMTTQ và các đoàn thể.",
        "Thành phần: Ban Thường vụ Đảng ủy, Thường trực Hội đồng nhân dân, lãnh đạo Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc và các đoàn thể.",
    ),
    (
        "Số lượng: 120 ĐVTN, 30 HSSV.",
        "Số lượng: một trăm hai mươi đoàn viên thanh niên, ba mươi học sinh, sinh viên.",
    ),
    (
        "Các cháu HS tiểu học nghỉ học từ ngày 10/12.",
        "Các cháu học sinh tiểu học nghỉ học từ ngày mười tháng mười hai.",
    ),
    (
        "Lớp tập huấn cho 45 CB, CC cấp xã.",
        "Lớp tập huấn cho bốn mươi lăm cán bộ, công chức cấp xã.",
    ),
    (
        "Các trường MN, TH, THCS trên địa bàn.",
        "Các trường mầm non, tiểu học, trung học cơ sở trên địa bàn.",
    ),
    (
        "Kế hoạch số 20/KH-BCĐ ngày 3/12/2026.",
        "Kế hoạch số hai mươi của Ban Chỉ đạo ngày ba tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thông báo số 15/TB-ĐTN ngày 2/12/2026.",
        "Thông báo số mười lăm của Đoàn Thanh niên ngày hai tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Kế hoạch 05-KH/ĐTN của BCH Đoàn xã.",
        "Kế hoạch năm của Ban Chấp hành Đoàn xã.",
    ),
    (
        "Hạn nộp HS: trước 17h ngày 20/12/2026.",
        "Hạn nộp hồ sơ: trước mười bảy giờ ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "HS gồm: Đơn đăng ký, bản sao CCCD.",
        "hồ sơ gồm: Đơn đăng ký, bản sao căn cước công dân.",
    ),
    (
        "Tiêu chí 17 về MT và ATTP.",
        "Tiêu chí mười bảy về môi trường và an toàn thực phẩm.",
    ),
    (
        "Nghiêm cấm đốt rơm rạ gây ô nhiễm MT.",
        "Nghiêm cấm đốt rơm rạ gây ô nhiễm môi trường.",
    ),
    (
        "Xã có 1.250 hộ, 4.800 NK.",
        "Xã có một nghìn hai trăm năm mươi hộ, bốn nghìn tám trăm nhân khẩu.",
    ),
    ("Đoàn viên, HV các hội tham gia.", "Đoàn viên, hội viên các hội tham gia."),
    (
        "Đồng kính gửi: BTT UBMTTQ xã.",
        "Đồng kính gửi: Ban Thường trực Ủy ban Mặt trận Tổ quốc xã.",
    ),
    (
        "Ngân hàng NN&PTNT chi nhánh huyện.",
        "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện.",
    ),
    ("Quỹ TDND xã giải ngân.", "Quỹ tín dụng nhân dân xã giải ngân."),
    (
        "Kiểm tra cơ sở kinh doanh khí dầu mỏ hóa lỏng (LPG).",
        "Kiểm tra cơ sở kinh doanh khí dầu mỏ hóa lỏng, lờ pê giê.",
    ),
    ("HTX DV NN Tân Phú.", "hợp tác xã dịch vụ nông nghiệp Tân Phú."),
    (
        "Giá lúa IR 50404 là 7.500 đ/kg.",
        "Giá lúa i rờ năm không bốn không bốn là bảy nghìn năm trăm đồng một ki-lô-gam.",
    ),
    # guards: a glued code keeps its letters and is not flagged, though the letters have rows
    ("Bình chữa cháy loại MT3.", "Bình chữa cháy loại mờ tê ba."),
    ("Đội CS113 trực.", "Đội xê ét một trăm mười ba trực."),
]


@pytest.mark.parametrize(("text", "spoken"), INVITATIONS_AND_FARMING)
def test_invitations_and_farming(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# Still undecided: an amount per HS may be per pupil or per dossier (fees are charged per
# hồ sơ); "đối với HS" likewise; MT, NK, HV, DV, NN alone.
STILL_UNDECIDED = [
    ("Hỗ trợ 2 triệu đồng/HS.", ["HS"]),
    ("Đã nhận MT.", ["MT"]),
    ("Có 40 HV.", ["HV"]),
    ("Gửi NN.", ["NN"]),
]


@pytest.mark.parametrize(("text", "letters"), STILL_UNDECIDED)
def test_still_undecided(text, letters):
    assert _flagged(text) == letters


# "PL" before a number or after kèm theo, đính kèm, xem is phụ lục (an annex), after tìm
# hiểu, tuyên truyền… pháp luật; "kèm theo PL" must not be "pháp luật".
ANNEX_OR_LAW = [
    ("Chi tiết theo PL đính kèm.", "Chi tiết theo phụ lục đính kèm."),
    ("Xem PL 01 kèm theo.", "Xem phụ lục một kèm theo."),
    ("Đoàn kiểm tra PL 01 kèm theo.", "Đoàn kiểm tra phụ lục một kèm theo."),
    ("Tuyên truyền PL cho người dân.", "Tuyên truyền pháp luật cho người dân."),
    (
        "Hội thi tìm hiểu PL về phòng chống BLGĐ.",
        "Hội thi tìm hiểu pháp luật về phòng chống bạo lực gia đình.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), ANNEX_OR_LAW)
def test_annex_or_law(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# --- fifth probe, fourth batch: unions, infrastructure, health, campaigns ------------------------
# Fixes: XD, GTNT, GTNĐ, LĐLĐ, CTĐ, TCMR, YT, ĐĐK, TDĐKXDĐSVH, PCBLGĐ (were spelled, flagged);
# "Mái ấm CĐ" Công đoàn, "Hội KH" Khuyến học (was "kế hoạch"), "mức sống TB", "Hộ TB" trung
# bình (was "thông báo"). An expansion whose first words were just said does not say them
# again: "tiêm chủng TCMR" → "tiêm chủng mở rộng", "Ngân hàng NHCSXH" (were said twice).

UNIONS_AND_CAMPAIGNS = [
    ("Hộ có mức sống TB: 120 hộ.", "Hộ có mức sống trung bình: một trăm hai mươi hộ."),
    ("Hộ TB, hộ khá.", "Hộ trung bình, hộ khá."),
    (
        "Đội hình TNTN tham gia XD NTM.",
        "Đội hình thanh niên tình nguyện tham gia xây dựng nông thôn mới.",
    ),
    (
        "ĐVTN tham gia làm đường GTNT.",
        "đoàn viên thanh niên tham gia làm đường giao thông nông thôn.",
    ),
    (
        "Cứng hóa 2,5 km đường GTNĐ.",
        "Cứng hóa hai phẩy năm ki-lô-mét đường giao thông nội đồng.",
    ),
    ("LĐLĐ huyện trao Mái ấm CĐ.", "Liên đoàn Lao động huyện trao Mái ấm Công đoàn."),
    ("Hội CTĐ xã vận động hiến máu.", "Hội Chữ thập đỏ xã vận động hiến máu."),
    (
        "Thông báo lịch tiêm chủng TCMR tháng 12.",
        "Thông báo lịch tiêm chủng mở rộng tháng mười hai.",
    ),
    (
        "Người dân khai báo YT khi có triệu chứng.",
        "Người dân khai báo y tế khi có triệu chứng.",
    ),
    (
        "Tổ chức Ngày hội ĐĐK toàn dân tộc tại KDC.",
        "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc tại khu dân cư.",
    ),
    (
        "Cuộc vận động TDĐKXDĐSVH.",
        "Cuộc vận động Toàn dân đoàn kết xây dựng đời sống văn hóa.",
    ),
    ("Hội KH xã hỗ trợ.", "Hội Khuyến học xã hỗ trợ."),
    (
        "Sinh hoạt CLB PCBLGĐ.",
        "Sinh hoạt câu lạc bộ phòng, chống bạo lực gia đình.",
    ),
    (
        "Vay vốn tại Ngân hàng NHCSXH huyện.",
        "Vay vốn tại Ngân hàng Chính sách xã hội huyện.",
    ),
    ("Tham gia bảo hiểm BHYT.", "Tham gia bảo hiểm y tế."),
    ("Cán bộ Công an CAX tuần tra.", "Cán bộ Công an xã tuần tra."),
    # guards: nothing said twice, or a pause between them
    ("Ngân hàng, NHCSXH.", "Ngân hàng, Ngân hàng Chính sách xã hội."),
    ("Xã đạt chuẩn NTM.", "Xã đạt chuẩn nông thôn mới."),
    ("Gửi TB số 5.", "Gửi thông báo số năm."),
    ("Ban hành KH số 12.", "Ban hành kế hoạch số mười hai."),
    ("BCH CĐ cơ sở trường THCS.", "Ban Chấp hành Công đoàn cơ sở trường trung học cơ sở."),
]


@pytest.mark.parametrize(("text", "spoken"), UNIONS_AND_CAMPAIGNS)
def test_unions_and_campaigns(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# No sure meaning found: kept spelled and flagged.
NO_SURE_MEANING = [
    ("Phòng VHTT xã.", ["VHTT"]),
    ("Ra quân CDTN.", ["CDTN"]),
]


@pytest.mark.parametrize(("text", "letters"), NO_SURE_MEANING)
def test_no_sure_meaning(text, letters):
    assert _flagged(text) == letters


# --- people in lists and before a body ------------------------------------------------------------
# "CB, GV, NV": nhân viên after GV or CB (was spelled, flagged); "CB Chi đoàn", "CB UBND":
# cán bộ before a body. "Các CB, ĐV" (đảng viên or đoàn viên) and "HS tặng hoa GV" stay flagged.

LISTS_AND_BODIES = [
    ("Trường có 35 CB, GV, NV.", "Trường có ba mươi lăm cán bộ, giáo viên, nhân viên."),
    (
        "Lúc 7h00 ngày 1/12, CB Chi đoàn tập trung.",
        "Lúc bảy giờ ngày một tháng mười hai, cán bộ Chi đoàn tập trung.",
    ),
    (
        "Chi bộ thôn 3 có 42 ĐV, trong đó 5 ĐV được miễn sinh hoạt.",
        "Chi bộ thôn ba có bốn mươi hai đảng viên, trong đó năm đảng viên được miễn sinh hoạt.",
    ),
    (
        "Đoàn xã giới thiệu 10 ĐV ưu tú cho Đảng xem xét kết nạp.",
        "Đoàn xã giới thiệu mười đoàn viên ưu tú cho Đảng xem xét kết nạp.",
    ),
    ("Ông Nguyễn Văn B, CB địa chính xã.", "Ông Nguyễn Văn B, cán bộ địa chính xã."),
    (
        "Tiêm MR cho trẻ 9 tháng, tiêm DPT-VGB-Hib mũi 1 cho trẻ 2 tháng.",
        "Tiêm sởi - ru-bê-la cho trẻ chín tháng, tiêm dê pê tê-viêm gan bê-Hib mũi một cho trẻ hai tháng.",
    ),
    ("Gạo ST25 đạt giải.", "Gạo ét tê hai mươi lăm đạt giải."),
    ("Giống lúa OM 5451, ĐT 8.", "Giống lúa o mờ năm bốn năm một, đê tê tám."),
]


@pytest.mark.parametrize(("text", "spoken"), LISTS_AND_BODIES)
def test_lists_and_bodies(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


@pytest.mark.parametrize(
    ("text", "letters"),
    [("Các CB, ĐV thôn 5 tham gia.", ["ĐV"]), ("Ngày 20/11, HS tặng hoa GV.", ["HS", "GV"])],
)
def test_people_left_to_the_author(text, letters):
    assert _flagged(text) == letters


# --- the south: hamlets, households, signature blocks ------------------------------------------
# Fixes: "KD" after hộ, cơ sở, đăng ký… is kinh doanh, "HGĐ" hộ gia đình (were spelled, flagged).

SOUTH = [
    ("Các hộ KD trên tuyến QL 1A.", "Các hộ kinh doanh trên tuyến quốc lộ một a."),
    (
        "Thu BHYT HGĐ năm 2027.",
        "Thu bảo hiểm y tế hộ gia đình năm hai ngàn không trăm hai mươi bảy.",
    ),
    (
        "Ấp 3 có 250 hộ, 1.020 NK.",
        "Ấp ba có hai trăm năm mươi hộ, một ngàn không trăm hai mươi nhân khẩu.",
    ),
    ("Tổ NDTQ ấp 2 họp dân.", "Tổ nhân dân tự quản ấp hai họp dân."),
    (
        "Đ/c Trần Thị C - CT Hội LHPN xã.",
        "Đồng chí Trần Thị C - Chủ tịch Hội Liên hiệp Phụ nữ xã.",
    ),
    (
        "Ngày 03/12/2026, BTT UBMTTQ VN xã phối hợp với các đoàn thể.",
        "Ngày ba tháng mười hai năm hai ngàn không trăm hai mươi sáu, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã phối hợp với các đoàn thể.",
    ),
    (
        "- TT ĐU, TT HĐND xã (b/c);",
        "Thường trực Đảng ủy, Thường trực Hội đồng nhân dân xã, báo cáo;",
    ),
    ("T/M BCH ĐOÀN XÃ", "Thay mặt Ban Chấp hành đoàn xã"),
]


@pytest.mark.parametrize(("text", "spoken"), SOUTH)
def test_south_notices(text, spoken):
    _check(text, spoken, "south")
    assert not _flagged(text, "south")


def test_kd_alone_stays_flagged():
    assert _flagged("Mã KD.") == ["KD"]

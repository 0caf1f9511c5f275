"""Readings of official text, tenth probe: decisions and plans with their numbers and dates,
article and clause references, meeting times, rainfall and temperature ranges, percentages,
money, units of land and water, hotlines and short switchboard numbers, addresses and road
posts, weekdays, school years, lunar dates, lists and the abbreviations of commune notices, as
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


# --- a short number after the name of its line ---------------------------------------------------
# "Tổng đài dịch vụ công 1022", "Đường dây nóng của huyện: 1088": words naming the line stand
# between "tổng đài" and its number, which is dialled (was "một nghìn không trăm hai mươi hai").
# A count, a year or the first group of a longer number after them keeps its reading.

NAMED_LINES = [
    (
        "Tổng đài dịch vụ công 1022 hỗ trợ người dân 24/7.",
        "Tổng đài dịch vụ công một không hai hai hỗ trợ người dân hai tư trên bảy.",
    ),
    (
        "Đường dây nóng của huyện: 1088.",
        "Đường dây nóng của huyện: một không tám tám.",
    ),
    (
        "Mọi phản ánh xin gọi Tổng đài hỗ trợ 1022 hoặc 0235.3.123.456.",
        "Mọi phản ánh xin gọi Tổng đài hỗ trợ một không hai hai hoặc không hai ba năm, ba, một "
        "hai ba, bốn năm sáu.",
    ),
    # guards: counts, a year, a 1900 number, an emergency number
    (
        "Tổng đài đã tiếp nhận 1500 cuộc gọi.",
        "Tổng đài đã tiếp nhận một nghìn năm trăm cuộc gọi.",
    ),
    (
        "Tổng đài tiếp nhận 1200 phản ánh trong tháng.",
        "Tổng đài tiếp nhận một nghìn hai trăm phản ánh trong tháng.",
    ),
    (
        "Tổng đài được thành lập năm 1999.",
        "Tổng đài được thành lập năm một nghìn chín trăm chín mươi chín.",
    ),
    (
        "Mọi chi tiết xin liên hệ Tổng đài CSKH: 1900 1909.",
        "Mọi chi tiết xin liên hệ Tổng đài chăm sóc khách hàng: một chín không không, một chín "
        "không chín.",
    ),
    (
        "Tổng đài điện thoại quốc gia bảo vệ trẻ em 111.",
        "Tổng đài điện thoại quốc gia bảo vệ trẻ em một một một.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NAMED_LINES)
def test_short_number_after_the_name_of_its_line(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- a kilometre post with no metres past it -----------------------------------------------------
# "Km0+000", "Km 12+000": the post itself, "ki-lô-mét không" (was "ki-lô-mét không cộng không").

ROAD_POSTS = [
    (
        "Thi công tuyến ĐH 12 đoạn Km0+000 - Km2+500.",
        "Thi công tuyến đường huyện mười hai đoạn ki-lô-mét không đến ki-lô-mét hai cộng năm trăm.",
    ),
    (
        "Cắm biển cảnh báo tại Km 12+000 QL1A.",
        "Cắm biển cảnh báo tại ki-lô-mét mười hai quốc lộ một a.",
    ),
    # guards: metres past the post are said
    (
        "Tai nạn giao thông xảy ra tại km 12+300 QL1A.",
        "Tai nạn giao thông xảy ra tại ki-lô-mét mười hai cộng ba trăm quốc lộ một a.",
    ),
    (
        "Sửa chữa cầu tại Km3+450 trên ĐT.609.",
        "Sửa chữa cầu tại ki-lô-mét ba cộng bốn trăm năm mươi trên đường tỉnh sáu trăm linh chín.",
    ),
    (
        "Phân luồng giao thông trên QL14B từ Km 5+200 đến Km 7+800.",
        "Phân luồng giao thông trên quốc lộ mười bốn bê từ ki-lô-mét năm cộng hai trăm đến "
        "ki-lô-mét bảy cộng tám trăm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), ROAD_POSTS)
def test_road_posts(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- bodies joined by a hyphen -----------------------------------------------------------------------
# "Văn phòng HĐND-UBND", "Thường trực HĐND-UBND-UBMTTQ": abbreviations that name bodies, joined by
# a hyphen, are said with a pause between the names (the hyphen was left glued between them:
# "Hội đồng nhân dân-Ủy ban nhân dân"). A joined key of its own keeps its reading.

JOINED_BODIES = [
    (
        "Yêu cầu các thôn báo cáo về UBND xã (qua Văn phòng HĐND-UBND) trước ngày 25/12/2026.",
        "Yêu cầu các thôn báo cáo về Ủy ban nhân dân xã, qua Văn phòng Hội đồng nhân dân - Ủy "
        "ban nhân dân, trước ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi "
        "sáu.",
    ),
    (
        "Thường trực HĐND-UBND-UBMTTQ xã dự lễ.",
        "Thường trực Hội đồng nhân dân - Ủy ban nhân dân - Ủy ban Mặt trận Tổ quốc xã dự lễ.",
    ),
    (
        "Quy chế phối hợp giữa UBND-MTTQ xã.",
        "Quy chế phối hợp giữa Ủy ban nhân dân - Mặt trận Tổ quốc xã.",
    ),
    # guards: written spaced, a joined key of its own
    (
        "Thường trực HĐND - UBND xã trân trọng kính mời.",
        "Thường trực Hội đồng nhân dân - Ủy ban nhân dân xã trân trọng kính mời.",
    ),
    (
        "Phát triển KT-XH năm 2027.",
        "Phát triển kinh tế xã hội năm hai nghìn không trăm hai mươi bảy.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), JOINED_BODIES)
def test_bodies_joined_by_a_hyphen(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- a place numbered with a letter ---------------------------------------------------------------------
# "thôn 2A", "Tổ 5B", "phòng 2B": the letter is said by its name, as in "quốc lộ 1A" (it was left to
# the synthesizer, "thôn hai A").

LETTERED_PLACES = [
    (
        "Họp tại nhà văn hóa thôn 2A lúc 19h00.",
        "Họp tại nhà văn hóa thôn hai a lúc mười chín giờ.",
    ),
    (
        "Tổ 5B, khu phố 3, phường 1.",
        "Tổ năm bê, khu phố ba, phường một.",
    ),
    (
        "Tiếp nhận hồ sơ tại phòng 2B tầng 3.",
        "Tiếp nhận hồ sơ tại phòng hai bê tầng ba.",
    ),
    # guards: a house before a slash, a road's branch
    (
        "Liên hệ số 12A/3 Lê Lợi.",
        "Liên hệ số mười hai a trên ba Lê Lợi.",
    ),
    (
        "Quốc lộ 1A đoạn qua xã.",
        "Quốc lộ một a đoạn qua xã.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), LETTERED_PLACES)
def test_lettered_places(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- abbreviations of commune notices --------------------------------------------------------------
# "QP-AN" quốc phòng - an ninh, "GDQP-AN" giáo dục quốc phòng - an ninh, "GPMB" giải phóng mặt
# bằng, "TĐC" tái định cư, "NVH" nhà văn hóa, "NVTG CAND" nghĩa vụ tham gia Công an nhân dân
# (were spelled and flagged).

ABBREVIATIONS = [
    (
        "Phát triển KT-XH, bảo đảm QP-AN năm 2027.",
        "Phát triển kinh tế xã hội, bảo đảm quốc phòng - an ninh năm hai nghìn không trăm hai "
        "mươi bảy.",
    ),
    (
        "Học sinh lớp 10 học môn GDQP-AN từ tháng 9.",
        "Học sinh lớp mười học môn giáo dục quốc phòng - an ninh từ tháng chín.",
    ),
    (
        "Đẩy nhanh tiến độ GPMB dự án khu TĐC.",
        "Đẩy nhanh tiến độ giải phóng mặt bằng dự án khu tái định cư.",
    ),
    (
        "Họp tại NVH thôn 2 lúc 19h30.",
        "Họp tại nhà văn hóa thôn hai lúc mười chín giờ ba mươi phút.",
    ),
    (
        "Chỉ tiêu tuyển quân năm 2027 là 12 công dân (11 nhập ngũ, 01 thực hiện NVTG CAND).",
        "Chỉ tiêu tuyển quân năm hai nghìn không trăm hai mươi bảy là mười hai công dân, mười một "
        "nhập ngũ, một thực hiện nghĩa vụ tham gia Công an nhân dân.",
    ),
    (
        "Ban đại diện CMHS trường THCS&THPT.",
        "Ban đại diện cha mẹ học sinh trường trung học cơ sở và trung học phổ thông.",
    ),
    (
        "Trung tâm GDNN-GDTX huyện tuyển sinh.",
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện tuyển sinh.",
    ),
    (
        "Phòng chống TNTT cho trẻ em trong dịp hè.",
        "Phòng chống tai nạn thương tích cho trẻ em trong dịp hè.",
    ),
    (
        "Đăng ký XKLĐ tại Phòng LĐ-TB&XH huyện.",
        "Đăng ký xuất khẩu lao động tại Phòng Lao động - Thương binh và Xã hội huyện.",
    ),
    (
        "Cán bộ BVTV hướng dẫn phòng trừ sâu bệnh.",
        "Cán bộ bảo vệ thực vật hướng dẫn phòng trừ sâu bệnh.",
    ),
    (
        "Nộp hồ sơ tại BPMC UBND xã hoặc qua DVCTT.",
        "Nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân xã hoặc qua dịch vụ công trực tuyến.",
    ),
    (
        "Tổ chức tập huấn cho cán bộ làm công tác TTCS.",
        "Tổ chức tập huấn cho cán bộ làm công tác thông tin cơ sở.",
    ),
    (
        "Thực hiện CĐS trong cơ quan nhà nước, phát triển KTS, XHS.",
        "Thực hiện chuyển đổi số trong cơ quan nhà nước, phát triển kinh tế số, xã hội số.",
    ),
    (
        "Xây dựng CQS, KTS và XHS.",
        "Xây dựng chính quyền số, kinh tế số và xã hội số.",
    ),
    (
        "Vận động ĐVHV tham gia hiến máu; hỗ trợ SXNN sau bão.",
        "Vận động đoàn viên, hội viên tham gia hiến máu; hỗ trợ sản xuất nông nghiệp sau bão.",
    ),
    # guards: abbreviations read right already
    (
        "Vận động người dân tham gia BHTN, BHXH tự nguyện.",
        "Vận động người dân tham gia bảo hiểm thất nghiệp, bảo hiểm xã hội tự nguyện.",
    ),
    (
        "Công tác PCCC&CNCH được quan tâm.",
        "Công tác phòng cháy chữa cháy và cứu nạn cứu hộ được quan tâm.",
    ),
    (
        "Thường trực HĐND - UBND xã trân trọng kính mời.",
        "Thường trực Hội đồng nhân dân - Ủy ban nhân dân xã trân trọng kính mời.",
    ),
    (
        "Hội đồng NVQS xã thông báo lịch khám tuyển.",
        "Hội đồng nghĩa vụ quân sự xã thông báo lịch khám tuyển.",
    ),
    (
        "Ban CHQS xã phối hợp với lực lượng DQTV tuần tra.",
        "Ban Chỉ huy quân sự xã phối hợp với lực lượng dân quân tự vệ tuần tra.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), ABBREVIATIONS)
def test_abbreviations(text: str, spoken: str) -> None:
    _check(text, spoken)


def test_nvtg_without_the_police_stays_flagged() -> None:
    assert [w.written for w in normalize_with_report("Hoàn thành NVTG.").warnings] == ["NVTG"]


def test_kts_outside_the_digital_economy_stays_flagged() -> None:
    # "Thuê KTS thiết kế": an architect (kiến trúc sư), not "kinh tế số"
    report = normalize_with_report("Thuê KTS thiết kế nhà văn hóa.")
    assert [w.written for w in report.warnings] == ["KTS"]


def test_tntt_outside_injuries_stays_flagged() -> None:
    # "Đoàn TNTT giáo xứ" is a parish youth group, not "tai nạn thương tích"
    assert [w.written for w in normalize_with_report("Đoàn TNTT giáo xứ.").warnings] == ["TNTT"]


# --- decisions, plans and legal references ----------------------------------------------------------

REFERENCES = [
    (
        "Thực hiện Quyết định số 1234/QĐ-UBND ngày 05/12/2026 của UBND huyện về việc phê duyệt "
        "kế hoạch.",
        "Thực hiện Quyết định số một nghìn hai trăm ba mươi tư ngày năm tháng mười hai năm hai "
        "nghìn không trăm hai mươi sáu của Ủy ban nhân dân huyện về việc phê duyệt kế hoạch.",
    ),
    (
        "Căn cứ Kế hoạch 56/KH-BCĐ ngày 20/11/2026 của Ban Chỉ đạo xã.",
        "Căn cứ Kế hoạch năm mươi sáu ngày hai mươi tháng mười một năm hai nghìn không trăm hai "
        "mươi sáu của Ban Chỉ đạo xã.",
    ),
    (
        "Thông báo số 12/TB-UBND ngày 03/12/2026 về lịch tiếp công dân.",
        "Thông báo số mười hai của Ủy ban nhân dân ngày ba tháng mười hai năm hai nghìn không "
        "trăm hai mươi sáu về lịch tiếp công dân.",
    ),
    (
        "Nghị quyết số 15/NQ-HĐND ngày 10/12/2026 của HĐND xã.",
        "Nghị quyết số mười lăm ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu "
        "của Hội đồng nhân dân xã.",
    ),
    (
        "Chỉ thị số 05-CT/TU ngày 15/11/2026 của Ban Thường vụ Tỉnh ủy.",
        "Chỉ thị số năm ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi sáu của "
        "Ban Thường vụ Tỉnh ủy.",
    ),
    (
        "Theo điểm a khoản 2 Điều 5 Nghị định 168/2024/NĐ-CP, người điều khiển xe mô tô vượt đèn "
        "đỏ bị phạt từ 4.000.000 đồng đến 6.000.000 đồng.",
        "Theo điểm a khoản hai Điều năm Nghị định một trăm sáu mươi tám, năm hai nghìn không trăm "
        "hai mươi tư của Chính phủ, người điều khiển xe mô tô vượt đèn đỏ bị phạt từ bốn triệu "
        "đồng đến sáu triệu đồng.",
    ),
    (
        "Nghị định 168/2024/NĐ-CP thay thế Nghị định 100/2019/NĐ-CP từ ngày 01/01/2025.",
        "Nghị định một trăm sáu mươi tám, năm hai nghìn không trăm hai mươi tư của Chính phủ thay "
        "thế Nghị định một trăm, năm hai nghìn không trăm mười chín của Chính phủ từ ngày một "
        "tháng một năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Theo điểm b, điểm c khoản 1 Điều 9 Thông tư 24/2023/TT-BCA.",
        "Theo điểm b, điểm c khoản một Điều chín Thông tư hai mươi tư, năm hai nghìn không trăm "
        "hai mươi ba của Bộ Công an.",
    ),
    (
        "Hành vi vi phạm Điều 260 Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung năm 2017).",
        "Hành vi vi phạm Điều hai trăm sáu mươi Bộ luật Hình sự năm hai nghìn không trăm mười "
        "lăm, sửa đổi, bổ sung năm hai nghìn không trăm mười bảy.",
    ),
    (
        "Luật Đất đai 2024 có hiệu lực từ 01/8/2024.",
        "Luật Đất đai hai nghìn không trăm hai mươi tư có hiệu lực từ ngày một tháng tám năm hai "
        "nghìn không trăm hai mươi tư.",
    ),
    (
        "Chi tiết tại Phụ lục I kèm theo Kế hoạch này.",
        "Chi tiết tại Phụ lục một kèm theo Kế hoạch này.",
    ),
]


REFERENCES += [
    (
        "Theo Khoản 2, Điều 3 Quyết định số 15/2026/QĐ-UBND của UBND tỉnh.",
        "Theo Khoản hai, Điều ba Quyết định số mười lăm, năm hai nghìn không trăm hai mươi sáu "
        "của Ủy ban nhân dân tỉnh.",
    ),
    (
        "Hướng dẫn số 05/HD-BCĐ ngày 02/12/2026.",
        "Hướng dẫn số năm của Ban Chỉ đạo ngày hai tháng mười hai năm hai nghìn không trăm hai "
        "mươi sáu.",
    ),
    (
        "Công điện số 08/CĐ-UBND ngày 04/12/2026 của UBND tỉnh về ứng phó bão số 15.",
        "Công điện số tám ngày bốn tháng mười hai năm hai nghìn không trăm hai mươi sáu của Ủy ban "
        "nhân dân tỉnh về ứng phó bão số mười lăm.",
    ),
    (
        "Tờ trình số 20/TTr-UBND ngày 01/12/2026.",
        "Tờ trình số hai mươi của Ủy ban nhân dân ngày một tháng mười hai năm hai nghìn không trăm "
        "hai mươi sáu.",
    ),
    (
        "Kết luận số 12-KL/ĐU ngày 30/11/2026.",
        "Kết luận số mười hai của Đảng ủy ngày ba mươi tháng mười một năm hai nghìn không trăm hai "
        "mươi sáu.",
    ),
    (
        "Chương II. QUYỀN VÀ NGHĨA VỤ\nĐiều 5. Mức hỗ trợ",
        "Chương hai. Quyền và nghĩa vụ\nĐiều năm. Mức hỗ trợ",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), REFERENCES)
def test_references(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- times, weekdays, dates, school years, lunar dates --------------------------------------------------

TIMES_AND_DATES = [
    (
        "Thời gian: 07 giờ 30 phút, Thứ Hai, ngày 07/12/2026.",
        "Thời gian: bảy giờ ba mươi phút, Thứ Hai, ngày bảy tháng mười hai năm hai nghìn không "
        "trăm hai mươi sáu.",
    ),
    (
        "Buổi chiều làm việc từ 13h30' đến 17h00'.",
        "Buổi chiều làm việc từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    (
        "Buổi sáng từ 7h-11h30, buổi chiều từ 13h30-17h.",
        "Buổi sáng từ bảy giờ đến mười một giờ ba mươi phút, buổi chiều từ mười ba giờ ba mươi "
        "phút đến mười bảy giờ.",
    ),
    (
        "Lúc 13g30 ngày 9/12 tại hội trường UBND xã.",
        "Lúc mười ba giờ ba mươi phút ngày chín tháng mười hai tại hội trường Ủy ban nhân dân xã.",
    ),
    (
        "Lệnh cấm có hiệu lực từ 0h00 ngày 01/01/2027.",
        "Lệnh cấm có hiệu lực từ không giờ ngày một tháng một năm hai nghìn không trăm hai mươi "
        "bảy.",
    ),
    (
        "Hạn chót nộp hồ sơ: 17h00, Thứ Sáu, ngày 18/12/2026.",
        "Hạn chót nộp hồ sơ: mười bảy giờ, Thứ Sáu, ngày mười tám tháng mười hai năm hai nghìn "
        "không trăm hai mươi sáu.",
    ),
    (
        "Họp vào Thứ 2, ngày 7/12/2026.",
        "Họp vào Thứ hai, ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Hội nghị tổ chức trong 02 ngày, ngày 15 - 16/12/2026.",
        "Hội nghị tổ chức trong hai ngày, ngày mười lăm đến ngày mười sáu tháng mười hai năm hai "
        "nghìn không trăm hai mươi sáu.",
    ),
    (
        "Tổ chức vào ngày 15 và 16/12/2026.",
        "Tổ chức vào ngày mười lăm và mười sáu tháng mười hai năm hai nghìn không trăm hai mươi "
        "sáu.",
    ),
    (
        "Báo cáo kết quả tháng 11, 12/2026.",
        "Báo cáo kết quả tháng mười một, tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Hoàn thành chỉ tiêu giao quân trong quý IV/2026.",
        "Hoàn thành chỉ tiêu giao quân trong quý bốn năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Tuyển sinh lớp 10 THPT năm học 2026-2027.",
        "Tuyển sinh lớp mười trung học phổ thông năm học hai nghìn không trăm hai mươi sáu đến "
        "hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Kỳ họp thứ 12 HĐND xã khóa XIII, nhiệm kỳ 2021-2026.",
        "Kỳ họp thứ mười hai Hội đồng nhân dân xã khóa mười ba, nhiệm kỳ hai nghìn không trăm hai "
        "mươi mốt đến hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Lễ cúng đình làng tổ chức vào mùng 10 tháng Chạp.",
        "Lễ cúng đình làng tổ chức vào mùng mười tháng Chạp.",
    ),
    (
        "Nghỉ Tết từ 28 tháng Chạp đến mùng 6 tháng Giêng.",
        "Nghỉ Tết từ hai mươi tám tháng Chạp đến mùng sáu tháng Giêng.",
    ),
    (
        "Tết Trung thu (15/8 âm lịch) năm nay rơi vào ngày 25/9/2026.",
        "Tết Trung thu, ngày mười lăm tháng tám âm lịch, năm nay rơi vào ngày hai mươi lăm tháng "
        "chín năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thứ Bảy, ngày 12/12/2026 (tức ngày 03/11 năm Bính Ngọ).",
        "Thứ Bảy, ngày mười hai tháng mười hai năm hai nghìn không trăm hai mươi sáu, tức ngày ba "
        "tháng mười một năm Bính Ngọ.",
    ),
]


TIMES_AND_DATES += [
    (
        "Cấm xe tải từ 22h00 - 06h00 hôm sau.",
        "Cấm xe tải từ hai mươi hai giờ đến sáu giờ hôm sau.",
    ),
    (
        "Làm việc từ 7 giờ 00 đến 11 giờ 00.",
        "Làm việc từ bảy giờ đến mười một giờ.",
    ),
    (
        "Lễ ra quân lúc 7 giờ 30' sáng thứ Hai.",
        "Lễ ra quân lúc bảy giờ ba mươi phút sáng thứ Hai.",
    ),
    (
        "Ngày 07/12/2026 (tức ngày 28/10 năm Bính Ngọ).",
        "Ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu, tức ngày hai mươi tám "
        "tháng mười năm Bính Ngọ.",
    ),
    (
        "Lễ cúng cô hồn Rằm tháng Bảy (15/7 âm lịch).",
        "Lễ cúng cô hồn Rằm tháng Bảy, ngày mười lăm tháng bảy âm lịch.",
    ),
    (
        "Nghỉ Tết từ ngày 14/02 đến 22/02/2026 (tức từ 27 tháng Chạp đến mùng 6 tháng Giêng).",
        "Nghỉ Tết từ ngày mười bốn tháng hai đến ngày hai mươi hai tháng hai năm hai nghìn không "
        "trăm hai mươi sáu, tức từ hai mươi bảy tháng Chạp đến mùng sáu tháng Giêng.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), TIMES_AND_DATES)
def test_times_and_dates(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- weather, ranges, percentages, money and units -----------------------------------------------------

MEASURES = [
    (
        "Từ đêm nay đến ngày mai, lượng mưa phổ biến từ 20-25 mm, có nơi trên 50 mm.",
        "Từ đêm nay đến ngày mai, lượng mưa phổ biến từ hai mươi đến hai mươi lăm mi-li-mét, có "
        "nơi trên năm mươi mi-li-mét.",
    ),
    (
        "Nhiệt độ thấp nhất 12-14°C, vùng núi có nơi dưới 10°C.",
        "Nhiệt độ thấp nhất mười hai đến mười bốn độ xê, vùng núi có nơi dưới mười độ xê.",
    ),
    (
        "Gió tây nam mạnh cấp 5, vận tốc 10-15 m/s, sóng biển cao 2-3m.",
        "Gió tây nam mạnh cấp năm, vận tốc mười đến mười lăm mét trên giây, sóng biển cao hai đến "
        "ba mét.",
    ),
    (
        "Lưu lượng về hồ 1.200 m3/s.",
        "Lưu lượng về hồ một nghìn hai trăm mét khối trên giây.",
    ),
    (
        "Đề nghị mỗi tổ cử 15 - 20 người tham gia dọn vệ sinh.",
        "Đề nghị mỗi tổ cử mười lăm đến hai mươi người tham gia dọn vệ sinh.",
    ),
    (
        "Tỷ lệ người dân tham gia BHYT đạt 95,5%, tăng 3,2 % so với cùng kỳ năm 2025.",
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt chín mươi lăm phẩy năm phần trăm, tăng ba phẩy "
        "hai phần trăm so với cùng kỳ năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Mức thu: 500.000đ/hộ/năm.",
        "Mức thu: năm trăm nghìn đồng một hộ một năm.",
    ),
    (
        "Hỗ trợ 1,5 triệu đồng/người đối với hộ nghèo.",
        "Hỗ trợ một phẩy năm triệu đồng một người đối với hộ nghèo.",
    ),
    (
        "Tổng kinh phí xây dựng nhà văn hóa là 2 tỷ 300 triệu đồng.",
        "Tổng kinh phí xây dựng nhà văn hóa là hai tỷ ba trăm triệu đồng.",
    ),
    (
        "Giá lợn hơi dao động 55.000-60.000đ/kg.",
        "Giá lợn hơi dao động năm mươi lăm nghìn đến sáu mươi nghìn đồng một ki-lô-gam.",
    ),
    (
        "Lãi suất cho vay 0,65%/tháng.",
        "Lãi suất cho vay không phẩy sáu mươi lăm phần trăm mỗi tháng.",
    ),
    (
        "Mức phạt 1.000.000 VNĐ.",
        "Mức phạt một triệu đồng.",
    ),
    (
        "Diện tích gieo trồng vụ Đông Xuân 1.250 ha, năng suất ước đạt 65 tạ/ha.",
        "Diện tích gieo trồng vụ Đông Xuân một nghìn hai trăm năm mươi héc-ta, năng suất ước đạt "
        "sáu mươi lăm tạ trên héc-ta.",
    ),
    (
        "Bón phân với lượng 0,5 kg/m² mặt luống.",
        "Bón phân với lượng không phẩy năm ki-lô-gam trên mét vuông mặt luống.",
    ),
    (
        "Hỗ trợ 50 triệu đồng/ha đất lúa.",
        "Hỗ trợ năm mươi triệu đồng một héc-ta đất lúa.",
    ),
]


MEASURES += [
    (
        "Đối tượng tuyển quân là công dân tuổi từ 18-25.",
        "Đối tượng tuyển quân là công dân tuổi từ mười tám đến hai mươi lăm.",
    ),
    (
        "Độ mặn trên sông từ 4-6‰, độ sâu ngập 0,5 - 1m.",
        "Độ mặn trên sông từ bốn đến sáu phần nghìn, độ sâu ngập không phẩy năm đến một mét.",
    ),
    (
        "Tỷ lệ hộ nghèo giảm 2,5 - 3%; thu ngân sách đạt 100,5% dự toán.",
        "Tỷ lệ hộ nghèo giảm hai phẩy năm đến ba phần trăm; thu ngân sách đạt một trăm phẩy năm "
        "phần trăm dự toán.",
    ),
    (
        "Tiền công 250.000 đ/công.",
        "Tiền công hai trăm năm mươi nghìn đồng một công.",
    ),
    (
        "Thân nhiệt trên 38,5°C cần đến cơ sở y tế.",
        "Thân nhiệt trên ba mươi tám phẩy năm độ xê cần đến cơ sở y tế.",
    ),
    (
        "Tiêm 0,5 ml/liều; điện áp 220V.",
        "Tiêm không phẩy năm mi-li-lít mỗi liều; điện áp hai trăm hai mươi vôn.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), MEASURES)
def test_measures(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- phones, addresses and the bodies of commune notices -------------------------------------------------

NOTICES = [
    (
        "Mọi thông tin xin liên hệ Công an xã, số điện thoại 0235.3.123.456.",
        "Mọi thông tin xin liên hệ Công an xã, số điện thoại không hai ba năm, ba, một hai ba, "
        "bốn năm sáu.",
    ),
    (
        "SĐT liên hệ: 0905123456.",
        "số điện thoại liên hệ: không chín không năm, một hai ba, bốn năm sáu.",
    ),
    (
        "Khi phát hiện trẻ em bị xâm hại, gọi ngay Tổng đài 111.",
        "Khi phát hiện trẻ em bị xâm hại, gọi ngay Tổng đài một một một.",
    ),
    (
        "Địa chỉ: Số 25, đường Hùng Vương, TDP 3, thị trấn Hà Lam.",
        "Địa chỉ: Số hai mươi lăm, đường Hùng Vương, tổ dân phố ba, thị trấn Hà Lam.",
    ),
    (
        "Đ/c Nguyễn Văn Hùng - Chủ tịch UBND xã chủ trì hội nghị.",
        "Đồng chí Nguyễn Văn Hùng - Chủ tịch Ủy ban nhân dân xã chủ trì hội nghị.",
    ),
    (
        "Đảm bảo ANTT, TTATGT trong dịp Tết Nguyên đán Bính Ngọ 2026.",
        "Đảm bảo an ninh trật tự, trật tự an toàn giao thông trong dịp Tết Nguyên đán Bính Ngọ "
        "hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Công dân đủ 14 tuổi trở lên chưa có CCCD đến CAX để làm thủ tục và kích hoạt tài khoản "
        "VNeID mức độ 2.",
        "Công dân đủ mười bốn tuổi trở lên chưa có căn cước công dân đến Công an xã để làm thủ tục "
        "và kích hoạt tài khoản vê-nê-ai-đi mức độ hai.",
    ),
    (
        "Ủy ban Hội LHTN Việt Nam xã tổ chức hiến máu tình nguyện.",
        "Ủy ban Hội Liên hiệp thanh niên Việt Nam xã tổ chức hiến máu tình nguyện.",
    ),
    (
        "BCĐ phòng chống dịch xã yêu cầu các thôn báo cáo trước ngày 20/12.",
        "Ban Chỉ đạo phòng chống dịch xã yêu cầu các thôn báo cáo trước ngày hai mươi tháng mười "
        "hai.",
    ),
    (
        "Tổ chức Hội nghị lần thứ 8 BCH Đảng bộ xã khóa XXI.",
        "Tổ chức Hội nghị lần thứ tám Ban Chấp hành Đảng bộ xã khóa hai mươi mốt.",
    ),
    (
        "Nội dung:\na) Tuyên truyền Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ;\nb) Ra quân "
        "tổng vệ sinh môi trường.\n- Thành phần: BCH Đoàn xã, ĐVTN các chi đoàn.\n+ Mỗi chi đoàn "
        "cử 10 ĐVTN.",
        "Nội dung:\nTuyên truyền Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ;\nRa quân tổng vệ "
        "sinh môi trường.\nThành phần: Ban Chấp hành Đoàn xã, đoàn viên thanh niên các chi đoàn.\n"
        "Mỗi chi đoàn cử mười đoàn viên thanh niên.",
    ),
]


NOTICES += [
    (
        "Gọi 113/114/115 khi khẩn cấp.",
        "Gọi một một ba, một một bốn, một một năm khi khẩn cấp.",
    ),
    (
        "Liên hệ 0905.123.456 (anh Nam) hoặc 0983 456 789 (chị Lan).",
        "Liên hệ không chín không năm, một hai ba, bốn năm sáu, anh Nam hoặc không chín tám ba, "
        "bốn năm sáu, bảy tám chín, chị Lan.",
    ),
    (
        "Ban Giám hiệu (BGH) nhà trường.",
        "Ban Giám hiệu nhà trường.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NOTICES)
def test_notices(text: str, spoken: str) -> None:
    _check(text, spoken)

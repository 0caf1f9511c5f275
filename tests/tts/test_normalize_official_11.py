"""Readings of official text, eleventh probe: storm and flood bulletins of the national
forecasting centre, notices of communes and wards after the 2025 reorganisation, police warnings
about scams, fire prevention, military service, elections, vaccination, taxes and social
insurance, traffic, farming, schools, dates and times written many ways, hotlines, legal
references and money, as commune loudspeakers broadcast them. One table per rule (northern
reading); each table holds cases that must not change too. Every case is read without a
warning, and reading the spoken text again changes nothing."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    report = normalize_with_report(text, region=region)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == []
    assert normalize(report.spoken, region=region) == report.spoken


# --- a code in two parts: a plot, a stall, a flat ------------------------------------------------
# "Lô B2-15" is plot 15 of block B2, one code, not plots B2 to 15: said part after part as people
# read it, "lô bê hai mười lăm" (was "bê hai đến mười lăm"). A padding zero is said, as in any
# code ("A1-05" → "a một không năm"). No pause between the parts, so a list of plots keeps its
# commas for the items. A range of codes repeats the letter ("A1-A2", "10A1-10A5") and stays a
# range; numbers without a letter ("Tầng 2-3") stay a range; "T2-T6" stays weekdays; "bê tông
# M200-300" stays a range of strength grades.
CODE_PARTS = [
    (
        "Giao đất tại Lô B2-15 khu dân cư Bắc Sơn.",
        "Giao đất tại Lô bê hai mười lăm khu dân cư Bắc Sơn.",
    ),
    (
        "Các lô đất A1-05, A1-06 và Lô C3-12 đã có chủ.",
        "Các lô đất a một không năm, a một không sáu và Lô xê ba mười hai đã có chủ.",
    ),
    (
        "Căn hộ B2-15 chung cư Hòa Bình.",
        "Căn hộ bê hai mười lăm chung cư Hòa Bình.",
    ),
    (
        "Ki ốt số K2-15 chợ Đông Ba bị cháy lúc 2h sáng.",
        "Ki ốt số ca hai mười lăm chợ Đông Ba bị cháy lúc hai giờ sáng.",
    ),
    (
        "Phòng A2-301 nhà điều hành.",
        "Phòng a hai ba trăm linh một nhà điều hành.",
    ),
    (
        "Đấu giá quyền sử dụng đất các lô D1-01 đến D1-12.",
        "Đấu giá quyền sử dụng đất các lô dê một không một đến dê một mười hai.",
    ),
    # guards: ranges of codes, numbers alone, weekdays, two codes joined
    (
        "Lớp 10A1-10A5 học buổi sáng.",
        "Lớp mười A một đến mười A năm học buổi sáng.",
    ),
    (
        "Bằng lái xe hạng A1-A2.",
        "Bằng lái xe hạng a một - a hai.",
    ),
    (
        "Tầng 2-3 nhà A.",
        "Tầng hai đến ba nhà A.",
    ),
    (
        "Làm việc từ T2-T6 hàng tuần.",
        "Làm việc từ thứ hai đến thứ sáu hàng tuần.",
    ),
    (
        "Tuyến đường D2-N4.",
        "Tuyến đường dê hai - nờ bốn.",
    ),
    (
        "Cấp độ rủi ro thiên tai cấp 3-4.",
        "Cấp độ rủi ro thiên tai cấp ba đến bốn.",
    ),
    (
        "Đổ bê tông M200-300 cho mặt đường.",
        "Đổ bê tông mác hai trăm đến ba trăm cho mặt đường.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), CODE_PARTS)
def test_code_in_two_parts(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- departments named by letters joined with "&" ------------------------------------------------
# "Sở KH&CN", "Sở NN&MT" (the 2025 merged department), "Sở VH,TT&DL", "Bộ TT&TT", "Sở KH&ĐT" were
# read by their halves ("kế hoạch và xê nờ", "nông nghiệp và mờ tê") or spelled and flagged.
# "GTGT" giá trị gia tăng, "EPI" tiêm chủng mở rộng, "Zalo OA" "da-lô ô a" (was "oa", a word),
# "FM" "ép mờ" before a frequency, "MN"/"TH" before a count of pupils (were spelled, flagged).
NAMES = [
    (
        "Sở KH&CN, Sở GD&ĐT, Sở NN&PTNT, Sở TN&MT, Sở VH,TT&DL phối hợp.",
        "Sở Khoa học và Công nghệ, Sở Giáo dục và Đào tạo, Sở Nông nghiệp và Phát triển nông "
        "thôn, Sở Tài nguyên và Môi trường, Sở Văn hóa, Thể thao và Du lịch phối hợp.",
    ),
    (
        "Sở NN&MT tỉnh (hợp nhất từ Sở NN&PTNT và Sở TN&MT) hướng dẫn khung lịch thời vụ.",
        "Sở Nông nghiệp và Môi trường tỉnh, hợp nhất từ Sở Nông nghiệp và Phát triển nông thôn "
        "và Sở Tài nguyên và Môi trường, hướng dẫn khung lịch thời vụ.",
    ),
    (
        "Bộ VHTTDL, Bộ KH&ĐT.",
        "Bộ Văn hóa, Thể thao và Du lịch, Bộ Kế hoạch và Đầu tư.",
    ),
    (
        "Căn cứ Thông tư 39/2020/TT-BTTTT ngày 04/12/2020 của Bộ TT&TT quy định về quản lý đài "
        "truyền thanh cấp xã.",
        "Căn cứ Thông tư ba mươi chín, năm hai nghìn không trăm hai mươi ngày bốn tháng mười "
        "hai năm hai nghìn không trăm hai mươi của Bộ Thông tin và Truyền thông quy định về "
        "quản lý đài truyền thanh cấp xã.",
    ),
    (
        "Sở VHTT&DL tổ chức Hội thi tuyên truyền lưu động.",
        "Sở Văn hóa, Thể thao và Du lịch tổ chức Hội thi tuyên truyền lưu động.",
    ),
    (
        "Hộ kinh doanh có doanh thu dưới 200 triệu đồng/năm không phải nộp thuế GTGT và thuế TNCN.",
        "Hộ kinh doanh có doanh thu dưới hai trăm triệu đồng một năm không phải nộp thuế giá "
        "trị gia tăng và thuế thu nhập cá nhân.",
    ),
    (
        "Chương trình EPI triển khai tiêm vắc xin phòng bại liệt (IPV) mũi 2 cho trẻ 9 tháng tuổi.",
        "Chương trình tiêm chủng mở rộng triển khai tiêm vắc xin phòng bại liệt, i pê vê, mũi "
        "hai cho trẻ chín tháng tuổi.",
    ),
    (
        "Tiêm chủng mở rộng (EPI) tháng 12/2026.",
        "Tiêm chủng mở rộng tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        'Hệ thống Zalo OA "Công an phường Thuận Hóa" là kênh thông tin chính thức.',
        "Hệ thống da-lô ô a, Công an phường Thuận Hóa, là kênh thông tin chính thức.",
    ),
    (
        "Quét mã QR để truy cập Zalo OA của UBND xã.",
        "Quét mã quy rờ để truy cập da-lô ô a của Ủy ban nhân dân xã.",
    ),
    (
        "Đài TT xã phát sóng trên tần số FM 98,5 MHz.",
        "Đài truyền thanh xã phát sóng trên tần số ép mờ chín mươi tám phẩy năm mê-ga-héc.",
    ),
    (
        "Năm học 2026 - 2027, toàn xã có 1.256 học sinh, trong đó: MN 320 cháu; TH 512 em; "
        "THCS 424 em.",
        "Năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy, toàn "
        "xã có một nghìn hai trăm năm mươi sáu học sinh, trong đó: mầm non ba trăm hai mươi "
        "cháu; tiểu học năm trăm mười hai em; trung học cơ sở bốn trăm hai mươi tư em.",
    ),
    # guards: keys read right already
    (
        "Sở LĐ-TB&XH, Phòng GD&ĐT huyện.",
        "Sở Lao động - Thương binh và Xã hội, Phòng Giáo dục và Đào tạo huyện.",
    ),
    (
        "Trường MN Hoa Sen tuyển sinh trẻ từ 18-36 tháng tuổi.",
        "Trường mầm non Hoa Sen tuyển sinh trẻ từ mười tám đến ba mươi sáu tháng tuổi.",
    ),
    (
        "Toàn xã có 3 TH vi phạm.",
        "Toàn xã có ba trường hợp vi phạm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), NAMES)
def test_names(text: str, spoken: str) -> None:
    _check(text, spoken)


def test_oa_without_zalo_stays_flagged() -> None:
    assert [w.written for w in normalize_with_report("Gửi OA cho xã.").warnings] == ["OA"]


# --- serotypes and influenza subtypes ------------------------------------------------------------
# "DENV-1": four capitals, a hyphen and a short number name a serotype, said by the letters and the
# number like "DEN-1" ("dê e nờ vê một"; DENV was flagged and the hyphen left glued, "vê- một").
# Decided: spelled, not "Den-gơ típ một": the bulletin writes the code, and health workers read
# the letters. "cúm A(H1N1)" is read like "A/H1N1" (was "cúm A, hát một nờ một").
STRAINS = [
    (
        "Số ca mắc sốt xuất huyết tăng 25% so với cùng kỳ, chủ yếu do virus DENV-1 và DENV-2.",
        "Số ca mắc sốt xuất huyết tăng hai mươi lăm phần trăm so với cùng kỳ, chủ yếu do virus "
        "dê e nờ vê một và dê e nờ vê hai.",
    ),
    (
        "Virus Dengue có 4 type huyết thanh (DENV-1, DENV-2, DENV-3, DENV-4).",
        "Virus Dengue có bốn típ huyết thanh, dê e nờ vê một, dê e nờ vê hai, dê e nờ vê ba, "
        "dê e nờ vê bốn.",
    ),
    (
        "Cúm A(H1N1) và cúm A(H3N2) đang lưu hành.",
        "Cúm a hát một nờ một và cúm a hát ba nờ hai đang lưu hành.",
    ),
    (
        "Phát hiện ổ dịch cúm A (H5N1) trên đàn gia cầm tại thôn 3.",
        "Phát hiện ổ dịch cúm a hát năm nờ một trên đàn gia cầm tại thôn ba.",
    ),
    # guards
    (
        "Cúm A/H5N1 ở gia cầm.",
        "Cúm a hát năm nờ một ở gia cầm.",
    ),
    (
        "Virus DEN-2 chiếm ưu thế.",
        "Virus dê e nờ hai chiếm ưu thế.",
    ),
    (
        "Bệnh tay chân miệng do virus EV71 gây ra.",
        "Bệnh tay chân miệng do virus e vê bảy mươi mốt gây ra.",
    ),
    (
        "Phòng chống dịch COVID-19.",
        "Phòng chống dịch cô-vít mười chín.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), STRAINS)
def test_strains(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- a person's initials -------------------------------------------------------------------------
# Police notices hide a victim's or a suspect's name: "bà N.T.H", "anh L.V.M" are said by the
# letters' names ("nờ tê hát"; they were left to the synthesizer). One capital and a dot after
# a name stays an initial as written; a capital alone ("Nguyễn Văn A") is left.
INITIALS = [
    (
        "Bà N.T.H (SN 1965, trú tại thôn 3) bị lừa mất 350 triệu đồng.",
        "Bà nờ tê hát, sinh năm một nghìn chín trăm sáu mươi lăm, trú tại thôn ba, bị lừa mất "
        "ba trăm năm mươi triệu đồng.",
    ),
    (
        "Đối tượng L.V.M (sinh năm 1998) đã bị tạm giữ.",
        "Đối tượng lờ vê mờ, sinh năm một nghìn chín trăm chín mươi tám, đã bị tạm giữ.",
    ),
    (
        "Cháu Đ.T.K.L, học sinh lớp 5A, bị đuối nước.",
        "Cháu đê tê ca lờ, học sinh lớp năm A, bị đuối nước.",
    ),
    # guards
    (
        "Đối tượng Nguyễn Văn A (SN 1990) đã bị bắt.",
        "Đối tượng Nguyễn Văn A, sinh năm một nghìn chín trăm chín mươi, đã bị bắt.",
    ),
    (
        "Nguyễn Văn H. trình bày.",
        "Nguyễn Văn H. trình bày.",
    ),
    (
        "Phường Kim Long, TP. Huế.",
        "Phường Kim Long, thành phố Huế.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), INITIALS)
def test_initials(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- a unit after the scale word; a level over its normal level ----------------------------------
# "45 triệu m3", "2,5 nghìn ha": the unit after "triệu", "nghìn", "tỷ" was left ("m ba", "ha",
# which the synthesizer says as the syllable). A reservoir's level over its normal level with
# the unit after both, "56,8m/58,0m", is "… mét trên … mét" (was a pause between them).
SCALED_UNITS = [
    (
        "Hồ Tả Trạch đang tích 450 triệu m3 nước, đạt 88% dung tích thiết kế.",
        "Hồ Tả Trạch đang tích bốn trăm năm mươi triệu mét khối nước, đạt tám mươi tám phần "
        "trăm dung tích thiết kế.",
    ),
    (
        "Dung tích 1,2 tỷ m3.",
        "Dung tích một phẩy hai tỷ mét khối.",
    ),
    (
        "Diện tích rừng trồng mới 2,5 nghìn ha.",
        "Diện tích rừng trồng mới hai phẩy năm nghìn héc-ta.",
    ),
    (
        "Hồ Hương Điền: mực nước 56,8m/58,0m (mực nước dâng bình thường), lưu lượng đến 1.450m3/s.",
        "Hồ Hương Điền: mực nước năm mươi sáu phẩy tám mét trên năm mươi tám phẩy không mét, "
        "mực nước dâng bình thường, lưu lượng đến một nghìn bốn trăm năm mươi mét khối trên "
        "giây.",
    ),
    (
        "Đã thi công 8,5km/10km đường giao thông nông thôn.",
        "Đã thi công tám phẩy năm ki-lô-mét trên mười ki-lô-mét đường giao thông nông thôn.",
    ),
    # guards: the unit once, a dose per a volume, tonnes, money
    (
        "Mực nước hồ 68,5/70m.",
        "Mực nước hồ sáu mươi tám phẩy năm trên bảy mươi mét.",
    ),
    (
        "Liều 10mg/5ml.",
        "Liều mười mi-li-gam trên năm mi-li-lít.",
    ),
    (
        "Sản lượng lúa đạt 1,2 triệu tấn.",
        "Sản lượng lúa đạt một phẩy hai triệu tấn.",
    ),
    (
        "Tổng kinh phí 12,5 tỷ đồng.",
        "Tổng kinh phí mười hai phẩy năm tỷ đồng.",
    ),
    (
        "Lưu lượng về hồ Tả Trạch khoảng 1.200 m³/s, lưu lượng xả 800m3/s.",
        "Lưu lượng về hồ Tả Trạch khoảng một nghìn hai trăm mét khối trên giây, lưu lượng xả "
        "tám trăm mét khối trên giây.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SCALED_UNITS)
def test_scaled_units(text: str, spoken: str) -> None:
    _check(text, spoken)


def test_scaled_units_in_the_south() -> None:
    _check("Hồ chứa 45 ngàn m3 nước.", "Hồ chứa bốn mươi lăm ngàn mét khối nước.", "south")


# --- a word per a period; a file's extension; weekdays with numbers ------------------------------
# "mức lương cơ sở/tháng" is "mỗi tháng" like "2 lần/tháng" (was a pause, "cơ sở, tháng"); periods
# listed against each other keep the pause ("ngày/tháng/năm sinh"). "đuôi .apk" is "đuôi chấm a
# pê ca" (the tidy glued it: "đuôi.apk"). "Thứ 2 - Thứ 6" is "thứ hai đến thứ sáu" at once (the
# dash was left and read "đến" only when the spoken text was read again).
SLASHES_AND_MARKS = [
    (
        "Mức hỗ trợ Tổ trưởng: 0,3 lần mức lương cơ sở/tháng.",
        "Mức hỗ trợ Tổ trưởng: không phẩy ba lần mức lương cơ sở mỗi tháng.",
    ),
    (
        "Số lượt truy cập/ngày tăng gấp đôi.",
        "Số lượt truy cập mỗi ngày tăng gấp đôi.",
    ),
    (
        "Không cài ứng dụng có đuôi .apk.",
        "Không cài ứng dụng có đuôi chấm a pê ca.",
    ),
    (
        "Không mở tệp .exe hoặc file .APK do người lạ gửi qua Zalo.",
        "Không mở tệp chấm e ích e hoặc phai chấm a pê ca do người lạ gửi qua da-lô.",
    ),
    (
        "Thứ 2 - Thứ 6: Sáng 7h00 - 11h30; Chiều 13h30 - 17h00.",
        "Thứ hai đến Thứ sáu: Sáng từ bảy giờ đến mười một giờ ba mươi phút; Chiều từ mười ba "
        "giờ ba mươi phút đến mười bảy giờ.",
    ),
    # guards
    (
        "Ghi rõ ngày/tháng/năm sinh.",
        "Ghi rõ ngày, tháng, năm sinh.",
    ),
    (
        "Báo cáo tuần/tháng gửi về UBND xã.",
        "Báo cáo tuần, tháng gửi về Ủy ban nhân dân xã.",
    ),
    (
        "Nam/nữ, tuổi từ 18-35.",
        "Nam, nữ, tuổi từ mười tám đến ba mươi lăm.",
    ),
    (
        "Tưới nước 2-3 lần/tuần, mỗi lần 20-25 m3/sào.",
        "Tưới nước hai đến ba lần mỗi tuần, mỗi lần hai mươi đến hai mươi lăm mét khối mỗi sào.",
    ),
    (
        "Truy cập dichvucong.gov.vn để nộp hồ sơ.",
        "Truy cập dịch vụ công chấm giê o vê chấm vê nờ để nộp hồ sơ.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SLASHES_AND_MARKS)
def test_slashes_and_marks(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- cases left open by earlier probes, decided --------------------------------------------------
# "Đề án 06", "Chỉ thị 05": the zero pads a document number, which references read as a number
# ("Chỉ thị số 05-CT/TW" → "số năm", pinned earlier), so "Đề án sáu", "Chỉ thị năm" (not "không
# sáu"). "5K + vắc xin": a "+" between words is "và" everywhere; the slogan keeps it ("năm ca và
# vắc xin") rather than a reading of its own. "UV2+": the indicator of EPI reports (tetanus, two
# doses or more) is spelled with the open top said "cộng", as "UV 11+" is; the letters are not
# guessed as "uốn ván" or "tia cực tím". "DENV-1" and "Lô B2-15": see their tables above.
DECIDED = [
    (
        "Triển khai Đề án 06 của Chính phủ.",
        "Triển khai Đề án sáu của Chính phủ.",
    ),
    (
        "Chỉ thị 05 và Đề án 06 là nhiệm vụ trọng tâm năm 2027.",
        "Chỉ thị năm và Đề án sáu là nhiệm vụ trọng tâm năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
        "Thực hiện Chỉ thị số năm ngày mười lăm tháng năm năm hai nghìn không trăm mười sáu "
        "của Bộ Chính trị.",
    ),
    (
        "Thực hiện thông điệp 5K + vắc xin để phòng chống dịch.",
        "Thực hiện thông điệp năm ca và vắc xin để phòng chống dịch.",
    ),
    (
        "Phụ nữ có thai tiêm vắc xin uốn ván (UV2+) theo lịch.",
        "Phụ nữ có thai tiêm vắc xin uốn ván, u vê hai cộng, theo lịch.",
    ),
    (
        "Tỷ lệ tiêm UV2+ cho phụ nữ có thai đạt 95%.",
        "Tỷ lệ tiêm u vê hai cộng cho phụ nữ có thai đạt chín mươi lăm phần trăm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), DECIDED)
def test_decided(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- passages read right already -----------------------------------------------------------------
STORM_AND_FLOOD = [
    (
        "Hồi 16 giờ ngày 03/12, vị trí tâm bão ở vào khoảng 17,5 độ Vĩ Bắc; 112,3 độ Kinh Đông.",
        "Hồi mười sáu giờ ngày ba tháng mười hai, vị trí tâm bão ở vào khoảng mười bảy phẩy "
        "năm độ Vĩ Bắc; một trăm mười hai phẩy ba độ Kinh Đông.",
    ),
    (
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp 8-9 (62-88 km/h), giật cấp 11.",
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp tám đến chín, sáu mươi hai đến tám mươi "
        "tám ki-lô-mét trên giờ, giật cấp mười một.",
    ),
    (
        "Dự báo trong 24 giờ tới, bão di chuyển theo hướng Tây Tây Bắc, mỗi giờ đi được 10-15km.",
        "Dự báo trong hai mươi tư giờ tới, bão di chuyển theo hướng Tây Tây Bắc, mỗi giờ đi "
        "được mười đến mười lăm ki-lô-mét.",
    ),
    (
        "Vùng nguy hiểm trên biển: phía Bắc vĩ tuyến 15,0N; phía Tây kinh tuyến 115,0E.",
        "Vùng nguy hiểm trên biển: phía Bắc vĩ tuyến mười lăm phẩy không độ vĩ Bắc; phía Tây "
        "kinh tuyến một trăm mười lăm phẩy không độ kinh Đông.",
    ),
    (
        "Khu vực từ Quảng Trị đến Quảng Ngãi có mưa to đến rất to với lượng mưa phổ biến "
        "100-200mm, có nơi trên 350mm.",
        "Khu vực từ Quảng Trị đến Quảng Ngãi có mưa to đến rất to với lượng mưa phổ biến một "
        "trăm đến hai trăm mi-li-mét, có nơi trên ba trăm năm mươi mi-li-mét.",
    ),
    (
        "Mực nước sông Hương tại Kim Long lúc 7h ngày 4/12 là 3,85m, trên BĐ3 0,35m.",
        "Mực nước sông Hương tại Kim Long lúc bảy giờ ngày bốn tháng mười hai là ba phẩy tám "
        "mươi lăm mét, trên báo động ba, không phẩy ba mươi lăm mét.",
    ),
    (
        "Mực nước trên sông Bồ tại Phú Ốc lên mức 4,2m, dưới BĐ3 0,3m.",
        "Mực nước trên sông Bồ tại Phú Ốc lên mức bốn phẩy hai mét, dưới báo động ba, không "
        "phẩy ba mét.",
    ),
    (
        "Cấp độ rủi ro thiên tai do bão: cấp 3; do lũ quét, sạt lở đất: cấp 2.",
        "Cấp độ rủi ro thiên tai do bão: cấp ba; do lũ quét, sạt lở đất: cấp hai.",
    ),
    (
        "Áp thấp nhiệt đới đã mạnh lên thành bão, cơn bão số 15 năm 2026 (tên quốc tế là KOTO).",
        "Áp thấp nhiệt đới đã mạnh lên thành bão, cơn bão số mười lăm năm hai nghìn không trăm "
        "hai mươi sáu, tên quốc tế là Koto.",
    ),
    (
        "Trên biển có sóng cao từ 4,0-6,0m, vùng gần tâm bão 6,0-8,0m, biển động rất mạnh.",
        "Trên biển có sóng cao từ bốn phẩy không đến sáu phẩy không mét, vùng gần tâm bão sáu "
        "phẩy không đến tám phẩy không mét, biển động rất mạnh.",
    ),
    (
        "Nhiệt độ thấp nhất phổ biến 12-15°C, vùng núi cao có nơi dưới 8 độ C.",
        "Nhiệt độ thấp nhất phổ biến mười hai đến mười lăm độ xê, vùng núi cao có nơi dưới tám "
        "độ xê.",
    ),
    (
        "Lượng mưa tích lũy 24h qua (từ 19h ngày 2/12 đến 19h ngày 3/12) tại Nam Đông 245mm.",
        "Lượng mưa tích lũy hai mươi tư giờ qua, từ mười chín giờ ngày hai tháng mười hai đến "
        "mười chín giờ ngày ba tháng mười hai, tại Nam Đông hai trăm bốn mươi lăm mi-li-mét.",
    ),
    (
        "Hồ thủy điện A Lưới xả tràn với lưu lượng 500-700 m3/s từ 14h00 ngày 3/12/2026.",
        "Hồ thủy điện A Lưới xả tràn với lưu lượng năm trăm đến bảy trăm mét khối trên giây từ "
        "mười bốn giờ ngày ba tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Cảnh báo lũ quét, sạt lở đất tại các xã vùng núi: A Lưới 1, A Lưới 2, A Lưới 3.",
        "Cảnh báo lũ quét, sạt lở đất tại các xã vùng núi: A Lưới một, A Lưới hai, A Lưới ba.",
    ),
    (
        "Tin bão khẩn cấp (Cơn bão số 15) phát lúc 04h30 ngày 04/12/2026.",
        "Tin bão khẩn cấp, Cơn bão số mười lăm, phát lúc bốn giờ ba mươi phút ngày bốn tháng "
        "mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Đến 4 giờ ngày 5/12, vị trí tâm bão ở vào khoảng 16,2N-110,5E.",
        "Đến bốn giờ ngày năm tháng mười hai, vị trí tâm bão ở vào khoảng mười sáu phẩy hai độ "
        "vĩ Bắc, một trăm mười phẩy năm độ kinh Đông.",
    ),
    (
        "Bán kính gió mạnh từ cấp 6 trở lên khoảng 200km tính từ tâm bão.",
        "Bán kính gió mạnh từ cấp sáu trở lên khoảng hai trăm ki-lô-mét tính từ tâm bão.",
    ),
    (
        "Cường độ bão có khả năng mạnh thêm lên cấp 12-13, giật cấp 15-16.",
        "Cường độ bão có khả năng mạnh thêm lên cấp mười hai đến mười ba, giật cấp mười lăm "
        "đến mười sáu.",
    ),
    (
        "Mực nước cao nhất trên các sông: sông Hương tại Kim Long 3,5-4,0m, trên BĐ3 0,0-0,5m; "
        "sông Bồ tại Phú Ốc 4,5-5,0m, dưới BĐ3 0,2-0,5m.",
        "Mực nước cao nhất trên các sông: sông Hương tại Kim Long ba phẩy năm đến bốn phẩy "
        "không mét, trên báo động ba, không phẩy không đến không phẩy năm mét; sông Bồ tại Phú "
        "Ốc bốn phẩy năm đến năm phẩy không mét, dưới báo động ba, không phẩy hai đến không "
        "phẩy năm mét.",
    ),
    (
        "Lượng mưa đo được từ 19h ngày 01/12 đến 7h ngày 02/12: A Lưới 156mm, Bạch Mã 278mm, "
        "Tà Lương 312,5mm.",
        "Lượng mưa đo được từ mười chín giờ ngày một tháng mười hai đến bảy giờ ngày hai tháng "
        "mười hai: A Lưới một trăm năm mươi sáu mi-li-mét, Bạch Mã hai trăm bảy mươi tám "
        "mi-li-mét, Tà Lương ba trăm mười hai phẩy năm mi-li-mét.",
    ),
    (
        "Độ cao nước dâng do bão 0,5-1,0m; độ ẩm không khí 85-95%.",
        "Độ cao nước dâng do bão không phẩy năm đến một phẩy không mét; độ ẩm không khí tám "
        "mươi lăm đến chín mươi lăm phần trăm.",
    ),
    (
        "Nhiệt độ trung bình 22-24oC.",
        "Nhiệt độ trung bình hai mươi hai đến hai mươi tư độ xê.",
    ),
]

NOTICES = [
    (
        "UBND phường Thuận Hóa thông báo lịch tiếp công dân tháng 12/2026.",
        "Ủy ban nhân dân phường Thuận Hóa thông báo lịch tiếp công dân tháng mười hai năm hai "
        "nghìn không trăm hai mươi sáu.",
    ),
    (
        "Xã Phú Vinh (sáp nhập từ xã Phú An, Phú Mỹ và Phú Thuận) tổ chức hội nghị vào lúc "
        "8h00 ngày 10/12/2026.",
        "Xã Phú Vinh, sáp nhập từ xã Phú An, Phú Mỹ và Phú Thuận, tổ chức hội nghị vào lúc tám "
        "giờ ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thực hiện mô hình chính quyền địa phương 2 cấp từ ngày 01/7/2025.",
        "Thực hiện mô hình chính quyền địa phương hai cấp từ ngày một tháng bảy năm hai nghìn "
        "không trăm hai mươi lăm.",
    ),
    (
        "Bộ phận Một cửa UBND phường làm việc từ thứ Hai đến thứ Sáu (sáng 7h30-11h30; chiều "
        "13h30-17h00).",
        "Bộ phận Một cửa Ủy ban nhân dân phường làm việc từ thứ Hai đến thứ Sáu, sáng từ bảy "
        "giờ ba mươi phút đến mười một giờ ba mươi phút; chiều từ mười ba giờ ba mươi phút đến "
        "mười bảy giờ.",
    ),
    (
        "Thời gian tiếp nhận hồ sơ: Từ 7h30' đến 11h30' các ngày làm việc trong tuần.",
        "Thời gian tiếp nhận hồ sơ: Từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút các "
        "ngày làm việc trong tuần.",
    ),
    (
        "Đ/c Nguyễn Văn An, Chủ tịch UBND xã chủ trì hội nghị.",
        "Đồng chí Nguyễn Văn An, Chủ tịch Ủy ban nhân dân xã chủ trì hội nghị.",
    ),
    (
        "V/v triển khai kế hoạch thu ngân sách năm 2027.",
        "Về việc triển khai kế hoạch thu ngân sách năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        'UBMTTQ xã phối hợp với các đoàn thể vận động nhân dân ủng hộ Quỹ "Vì người nghèo" năm '
        "2026.",
        "Ủy ban Mặt trận Tổ quốc xã phối hợp với các đoàn thể vận động nhân dân ủng hộ Quỹ, Vì "
        "người nghèo, năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Phường Kim Long mới (sáp nhập từ phường Kim Long, Hương Long và một phần phường Phú "
        "Thuận) có 28 tổ dân phố.",
        "Phường Kim Long mới, sáp nhập từ phường Kim Long, Hương Long và một phần phường Phú "
        "Thuận, có hai mươi tám tổ dân phố.",
    ),
    (
        "Hạn chót nộp hồ sơ là ngày 20/12/2026, quá thời hạn trên UBND xã không giải quyết.",
        "Hạn chót nộp hồ sơ là ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi "
        "sáu, quá thời hạn trên Ủy ban nhân dân xã không giải quyết.",
    ),
    (
        "Đề nghị các hộ gia đình thực hiện nghiêm túc./.",
        "Đề nghị các hộ gia đình thực hiện nghiêm túc.",
    ),
    (
        "Kính gửi: Đ/c Trưởng thôn các thôn.",
        "Kính gửi: Đồng chí Trưởng thôn các thôn.",
    ),
    (
        "Nơi nhận:\n- Như trên;\n- TT Đảng ủy, HĐND xã;\n- Lưu: VT.",
        "Nơi nhận:\nNhư trên;\nThường trực Đảng ủy, Hội đồng nhân dân xã;\nLưu: văn thư.",
    ),
    (
        "a) Đối tượng: Hộ nghèo, hộ cận nghèo;\nb) Thời gian: Từ ngày 01/12 đến 31/12/2026;\nc) "
        "Địa điểm: Nhà văn hóa thôn.",
        "Đối tượng: Hộ nghèo, hộ cận nghèo;\nThời gian: Từ ngày một tháng mười hai đến ngày ba "
        "mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi sáu;\nĐịa điểm: Nhà văn hóa "
        "thôn.",
    ),
    (
        "- Các hộ gia đình chủ động gia cố nhà cửa;\n- Không ra khơi khi có bão;\n+ Chuẩn bị "
        "lương thực cho 5-7 ngày.",
        "Các hộ gia đình chủ động gia cố nhà cửa;\nKhông ra khơi khi có bão;\nChuẩn bị lương "
        "thực cho năm đến bảy ngày.",
    ),
    (
        "Hồ sơ gồm 02 bộ (01 bản chính, 01 bản sao).",
        "Hồ sơ gồm hai bộ, một bản chính, một bản sao.",
    ),
    (
        "Số lượng thành viên Tổ bảo vệ ANTT ở cơ sở: 3-5 người/tổ.",
        "Số lượng thành viên Tổ bảo vệ an ninh trật tự ở cơ sở: ba đến năm người mỗi tổ.",
    ),
    (
        "Giờ làm việc mùa Đông (từ 01/10 đến 31/3): Sáng từ 7h30 đến 11h30; Chiều từ 13h00 đến "
        "17h00.",
        "Giờ làm việc mùa Đông, từ ngày một tháng mười đến ngày ba mươi mốt tháng ba: Sáng từ "
        "bảy giờ ba mươi phút đến mười một giờ ba mươi phút; Chiều từ mười ba giờ đến mười bảy "
        "giờ.",
    ),
]

SCAMS_AND_SAFETY = [
    (
        "Tuyệt đối không chuyển tiền vào số tài khoản 0123456789 tại ngân hàng Vietcombank.",
        "Tuyệt đối không chuyển tiền vào số tài khoản không một hai ba, bốn năm sáu, bảy tám "
        "chín tại ngân hàng Vietcombank.",
    ),
    (
        "Kích hoạt tài khoản định danh điện tử VNeID mức 2 tại Công an xã, mang theo CCCD gắn "
        "chip.",
        "Kích hoạt tài khoản định danh điện tử vê-nê-ai-đi mức hai tại Công an xã, mang theo "
        "căn cước công dân gắn chip.",
    ),
    (
        "Người dân nhận được cuộc gọi từ số máy lạ có đầu số +84, +855 cần cảnh giác.",
        "Người dân nhận được cuộc gọi từ số máy lạ có đầu số cộng tám bốn, cộng tám năm năm "
        "cần cảnh giác.",
    ),
    (
        "Phát hiện hành vi lừa đảo, báo ngay cho Công an xã theo số 0234.3822.113 hoặc gọi 113.",
        "Phát hiện hành vi lừa đảo, báo ngay cho Công an xã theo số không hai ba bốn, ba tám "
        "hai hai, một một ba hoặc gọi một một ba.",
    ),
    (
        "Trong tháng 11/2026, trên địa bàn tỉnh xảy ra 15 vụ lừa đảo qua mạng, chiếm đoạt hơn "
        "2 tỷ 500 triệu đồng.",
        "Trong tháng mười một năm hai nghìn không trăm hai mươi sáu, trên địa bàn tỉnh xảy ra "
        "mười lăm vụ lừa đảo qua mạng, chiếm đoạt hơn hai tỷ năm trăm triệu đồng.",
    ),
    (
        "Chuyển khoản vào STK 1903 4567 8901 234 Techcombank, chủ TK Nguyễn Văn B.",
        "Chuyển khoản vào số tài khoản một chín không ba, bốn năm sáu bảy, tám chín không một, "
        "hai ba bốn Techcombank, chủ tài khoản Nguyễn Văn B.",
    ),
    (
        "Từ ngày 01/7/2025, CCCD được gọi là thẻ căn cước.",
        "Từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm, căn cước công dân được "
        "gọi là thẻ căn cước.",
    ),
    (
        "Phí cấp đổi thẻ căn cước là 50.000 đồng/thẻ, cấp lại 70.000 đồng/thẻ.",
        "Phí cấp đổi thẻ căn cước là năm mươi nghìn đồng một thẻ, cấp lại bảy mươi nghìn đồng "
        "một thẻ.",
    ),
    (
        "Khi phát hiện cháy, hãy gọi ngay 114.",
        "Khi phát hiện cháy, hãy gọi ngay một một bốn.",
    ),
    (
        "Mỗi hộ gia đình trang bị ít nhất 01 bình chữa cháy xách tay loại 4kg.",
        "Mỗi hộ gia đình trang bị ít nhất một bình chữa cháy xách tay loại bốn ki-lô-gam.",
    ),
    (
        "Theo Nghị định số 106/2025/NĐ-CP quy định xử phạt vi phạm hành chính về PCCC và CNCH.",
        "Theo Nghị định số một trăm linh sáu, năm hai nghìn không trăm hai mươi lăm của Chính "
        "phủ quy định xử phạt vi phạm hành chính về phòng cháy chữa cháy và cứu nạn cứu hộ.",
    ),
    (
        "Không sạc xe đạp điện, xe máy điện qua đêm (từ 22h đến 6h sáng hôm sau).",
        "Không sạc xe đạp điện, xe máy điện qua đêm, từ hai mươi hai giờ đến sáu giờ sáng hôm sau.",
    ),
    (
        "Nhà có diện tích trên 300m² phải có phương án PCCC.",
        "Nhà có diện tích trên ba trăm mét vuông phải có phương án phòng cháy chữa cháy.",
    ),
    (
        "Cháy rừng cấp V (cấp cực kỳ nguy hiểm).",
        "Cháy rừng cấp năm, cấp cực kỳ nguy hiểm.",
    ),
]

SERVICE_AND_ELECTIONS = [
    (
        "Lịch khám sức khỏe NVQS năm 2027: từ ngày 15-17/12/2026 tại Trung tâm Y tế khu vực.",
        "Lịch khám sức khỏe nghĩa vụ quân sự năm hai nghìn không trăm hai mươi bảy: từ ngày "
        "mười lăm đến ngày mười bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu tại "
        "Trung tâm Y tế khu vực.",
    ),
    (
        "Công dân sinh năm 2009 đủ 18 tuổi phải đăng ký NVQS lần đầu trong tháng 4/2027.",
        "Công dân sinh năm hai nghìn không trăm linh chín đủ mười tám tuổi phải đăng ký nghĩa "
        "vụ quân sự lần đầu trong tháng tư năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Chiều cao đạt từ 1,60m trở lên, cân nặng từ 50kg trở lên.",
        "Chiều cao đạt từ một phẩy sáu mươi mét trở lên, cân nặng từ năm mươi ki-lô-gam trở lên.",
    ),
    (
        "Giao nhận quân dự kiến vào ngày 21/2/2027 (tức ngày 15 tháng Giêng năm Đinh Mùi).",
        "Giao nhận quân dự kiến vào ngày hai mươi mốt tháng hai năm hai nghìn không trăm hai "
        "mươi bảy, tức ngày mười lăm tháng Giêng năm Đinh Mùi.",
    ),
    (
        "Sức khỏe loại 1, loại 2, loại 3 theo Thông tư 105/2023/TT-BQP.",
        "Sức khỏe loại một, loại hai, loại ba theo Thông tư một trăm linh năm, năm hai nghìn "
        "không trăm hai mươi ba của Bộ Quốc phòng.",
    ),
    (
        "Bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026-2031.",
        "Bầu cử đại biểu Quốc hội khóa mười sáu và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ "
        "hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi mốt.",
    ),
    (
        "Khu vực bỏ phiếu số 3 gồm thôn 5, 6, 7.",
        "Khu vực bỏ phiếu số ba gồm thôn năm, sáu, bảy.",
    ),
    (
        "Tổng số cử tri: 4.512 người, đã đi bầu 4.498 người, đạt 99,69%.",
        "Tổng số cử tri: bốn nghìn năm trăm mười hai người, đã đi bầu bốn nghìn bốn trăm chín "
        "mươi tám người, đạt chín mươi chín phẩy sáu mươi chín phần trăm.",
    ),
    (
        "Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030.",
        "Đại hội Đảng bộ xã lần thứ nhất, nhiệm kỳ hai nghìn không trăm hai mươi lăm đến hai "
        "nghìn không trăm ba mươi.",
    ),
    (
        "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
        "Đại hội đại biểu toàn quốc lần thứ mười bốn của Đảng.",
    ),
    (
        "Nhân kỷ niệm 82 năm Ngày thành lập QĐND Việt Nam (22/12/1944 - 22/12/2026).",
        "Nhân kỷ niệm tám mươi hai năm Ngày thành lập Quân đội nhân dân Việt Nam, ngày hai "
        "mươi hai tháng mười hai năm một nghìn chín trăm bốn mươi tư đến ngày hai mươi hai "
        "tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
]

HEALTH_AND_INSURANCE = [
    (
        "Tiêm chủng mở rộng (TCMR) tháng 12/2026: tiêm vắc xin 6 trong 1 cho trẻ 2, 3, 4 tháng "
        "tuổi.",
        "Tiêm chủng mở rộng tháng mười hai năm hai nghìn không trăm hai mươi sáu: tiêm vắc xin "
        "sáu trong một cho trẻ hai, ba, bốn tháng tuổi.",
    ),
    (
        "Trạm Y tế xã tổ chức tiêm vắc xin sởi-rubella (MR) cho trẻ 18 tháng tuổi vào ngày 10 "
        "và 11/12/2026.",
        "Trạm Y tế xã tổ chức tiêm vắc xin sởi-rubella cho trẻ mười tám tháng tuổi vào ngày "
        "mười và mười một tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Trẻ từ 1-5 tuổi uống vitamin A liều 200.000 đơn vị vào ngày 1-2/12.",
        "Trẻ từ một đến năm tuổi uống vitamin A liều hai trăm nghìn đơn vị vào ngày một đến "
        "ngày hai tháng mười hai.",
    ),
    (
        "Số ca mắc sởi trong tuần 48/2026 là 12 ca, tăng 3 ca so với tuần trước.",
        "Số ca mắc sởi trong tuần bốn mươi tám năm hai nghìn không trăm hai mươi sáu là mười "
        "hai ca, tăng ba ca so với tuần trước.",
    ),
    (
        "Tiêm vắc xin phòng cúm mùa cho người trên 60 tuổi, giá 250.000đ/mũi.",
        "Tiêm vắc xin phòng cúm mùa cho người trên sáu mươi tuổi, giá hai trăm năm mươi nghìn "
        "đồng một mũi.",
    ),
    (
        "Mức đóng BHYT hộ gia đình năm 2027 bằng 4,5% mức lương cơ sở 2.340.000đ, tương đương "
        "105.300 đồng/người/tháng.",
        "Mức đóng bảo hiểm y tế hộ gia đình năm hai nghìn không trăm hai mươi bảy bằng bốn "
        "phẩy năm phần trăm mức lương cơ sở hai triệu ba trăm bốn mươi nghìn đồng, tương đương "
        "một trăm linh năm nghìn ba trăm đồng một người một tháng.",
    ),
    (
        "Nhà nước hỗ trợ 30% mức đóng BHXH tự nguyện cho người thuộc hộ nghèo; 25% cho hộ cận "
        "nghèo; 10% cho các đối tượng khác.",
        "Nhà nước hỗ trợ ba mươi phần trăm mức đóng bảo hiểm xã hội tự nguyện cho người thuộc "
        "hộ nghèo; hai mươi lăm phần trăm cho hộ cận nghèo; mười phần trăm cho các đối tượng "
        "khác.",
    ),
    (
        "Mức thu nhập tháng làm căn cứ đóng thấp nhất bằng chuẩn hộ nghèo khu vực nông thôn "
        "(1.500.000 đồng/tháng).",
        "Mức thu nhập tháng làm căn cứ đóng thấp nhất bằng chuẩn hộ nghèo khu vực nông thôn, "
        "một triệu năm trăm nghìn đồng một tháng.",
    ),
    (
        "Hạn nộp hồ sơ khai thuế quý IV/2026 chậm nhất là ngày 31/01/2027.",
        "Hạn nộp hồ sơ khai thuế quý bốn năm hai nghìn không trăm hai mươi sáu chậm nhất là "
        "ngày ba mươi mốt tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Trợ cấp xã hội hàng tháng cho người từ đủ 75 tuổi trở lên là 500.000 đ/người/tháng.",
        "Trợ cấp xã hội hàng tháng cho người từ đủ bảy mươi lăm tuổi trở lên là năm trăm nghìn "
        "đồng một người một tháng.",
    ),
    (
        "Lệ phí trước bạ đối với xe máy lần đầu là 2%, ô tô dưới 9 chỗ là 10-12%.",
        "Lệ phí trước bạ đối với xe máy lần đầu là hai phần trăm, ô tô dưới chín chỗ là mười "
        "đến mười hai phần trăm.",
    ),
    (
        "Hỗ trợ 1,5 triệu đồng/người/tháng cho lao động mất việc.",
        "Hỗ trợ một phẩy năm triệu đồng một người một tháng cho lao động mất việc.",
    ),
    (
        "Tổng kinh phí thực hiện: 2 tỷ 500 triệu đồng (Hai tỷ năm trăm triệu đồng).",
        "Tổng kinh phí thực hiện: hai tỷ năm trăm triệu đồng.",
    ),
    (
        "Tỷ giá 1 USD = 26.300 VNĐ.",
        "Tỷ giá một đô la Mỹ bằng hai mươi sáu nghìn ba trăm đồng.",
    ),
    (
        "Học phí 300.000đ/tháng/học sinh.",
        "Học phí ba trăm nghìn đồng một tháng một học sinh.",
    ),
    (
        "Số tiền 15tr/người.",
        "Số tiền mười lăm triệu một người.",
    ),
]

ROADS_AND_FARMS = [
    (
        "Tạm dừng lưu thông qua ngầm tràn Km 15+200 ĐT.605 từ 14h ngày 3/12.",
        "Tạm dừng lưu thông qua ngầm tràn ki-lô-mét mười lăm cộng hai trăm đường tỉnh sáu trăm "
        "linh năm từ mười bốn giờ ngày ba tháng mười hai.",
    ),
    (
        "Cấm xe ô tô trên 16 chỗ và xe tải trên 5 tấn đi qua cầu Trường Tiền.",
        "Cấm xe ô tô trên mười sáu chỗ và xe tải trên năm tấn đi qua cầu Trường Tiền.",
    ),
    (
        "Sạt lở tại Km 45+800 QL49 (đoạn qua xã A Lưới 2), chiều dài khoảng 50m.",
        "Sạt lở tại ki-lô-mét bốn mươi lăm cộng tám trăm quốc lộ bốn mươi chín, đoạn qua xã A "
        "Lưới hai, chiều dài khoảng năm mươi mét.",
    ),
    (
        "Tuyến QL1A đoạn qua thị xã bị ngập sâu 0,3-0,5m.",
        "Tuyến quốc lộ một a đoạn qua thị xã bị ngập sâu không phẩy ba đến không phẩy năm mét.",
    ),
    (
        "Người điều khiển xe vi phạm nồng độ cồn mức 3 (vượt quá 0,4 mg/l khí thở) bị phạt từ "
        "8.000.000đ đến 10.000.000đ và trừ 10 điểm GPLX.",
        "Người điều khiển xe vi phạm nồng độ cồn mức ba, vượt quá không phẩy bốn mi-li-gam "
        "trên lít khí thở, bị phạt từ tám triệu đồng đến mười triệu đồng và trừ mười điểm giấy "
        "phép lái xe.",
    ),
    (
        "Xe khách 45 chỗ BKS 75B-012.34 bị giữ lại.",
        "Xe khách bốn mươi lăm chỗ biển kiểm soát bảy năm bê, không một hai chấm ba bốn bị giữ "
        "lại.",
    ),
    (
        "Xe ô tô chở người trên 16 chỗ (kể cả chỗ người lái) không được lưu thông từ 6h-8h và "
        "16h-18h.",
        "Xe ô tô chở người trên mười sáu chỗ, kể cả chỗ người lái, không được lưu thông từ sáu "
        "giờ đến tám giờ và từ mười sáu giờ đến mười tám giờ.",
    ),
    (
        "Tổ chức phân luồng tại nút giao QL1A - ĐT.605.",
        "Tổ chức phân luồng tại nút giao quốc lộ một a - đường tỉnh sáu trăm linh năm.",
    ),
    (
        "Xe có tải trọng trên 10T cấm lưu thông.",
        "Xe có tải trọng trên mười tấn cấm lưu thông.",
    ),
    (
        "Giá lúa tươi IR50404 dao động 8.500-9.000đ/kg, lúa ST25 từ 9.500-10.000 đồng/kg.",
        "Giá lúa tươi i rờ năm không bốn không bốn dao động tám nghìn năm trăm đến chín nghìn "
        "đồng một ki-lô-gam, lúa ét tê hai mươi lăm từ chín nghìn năm trăm đến mười nghìn đồng "
        "một ki-lô-gam.",
    ),
    (
        "Năng suất lúa vụ Đông Xuân đạt bình quân 65 tạ/ha, tăng 2,5 tạ/ha.",
        "Năng suất lúa vụ Đông Xuân đạt bình quân sáu mươi lăm tạ trên héc-ta, tăng hai phẩy "
        "năm tạ trên héc-ta.",
    ),
    (
        "Rầy nâu mật độ phổ biến 1.000-1.500 con/m², nơi cao trên 3.000 con/m².",
        "Rầy nâu mật độ phổ biến một nghìn đến một nghìn năm trăm con trên mét vuông, nơi cao "
        "trên ba nghìn con trên mét vuông.",
    ),
    (
        "Bón phân NPK 16-16-8 với lượng 25-30kg/sào.",
        "Bón phân nờ pê ca mười sáu, mười sáu, tám với lượng hai mươi lăm đến ba mươi "
        "ki-lô-gam mỗi sào.",
    ),
    (
        "Tiêm phòng vắc xin LMLM, THT cho đàn trâu bò đợt 2 năm 2026.",
        "Tiêm phòng vắc xin lở mồm long móng, tụ huyết trùng cho đàn trâu bò đợt hai năm hai "
        "nghìn không trăm hai mươi sáu.",
    ),
    (
        "Giá heo hơi 62.000-65.000đ/kg, tăng 2.000đ/kg so với tuần trước.",
        "Giá heo hơi sáu mươi hai nghìn đến sáu mươi lăm nghìn đồng một ki-lô-gam, tăng hai "
        "nghìn đồng một ki-lô-gam so với tuần trước.",
    ),
    (
        "Tổng diện tích 12,5ha, trong đó 3,2 ha trồng rau an toàn.",
        "Tổng diện tích mười hai phẩy năm héc-ta, trong đó ba phẩy hai héc-ta trồng rau an toàn.",
    ),
]

SCHOOLS_DATES_PHONES_REFERENCES = [
    (
        "Kế hoạch tuyển sinh vào lớp 6 THCS năm học 2026-2027.",
        "Kế hoạch tuyển sinh vào lớp sáu trung học cơ sở năm học hai nghìn không trăm hai mươi "
        "sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Kỳ thi tốt nghiệp THPT năm 2027 dự kiến diễn ra vào ngày 11-12/6/2027.",
        "Kỳ thi tốt nghiệp trung học phổ thông năm hai nghìn không trăm hai mươi bảy dự kiến "
        "diễn ra vào ngày mười một đến ngày mười hai tháng sáu năm hai nghìn không trăm hai "
        "mươi bảy.",
    ),
    (
        "Hồ sơ xét tuyển gồm: Học bạ THCS (bản sao); Giấy khai sinh; Đơn xét tuyển (theo mẫu).",
        "Hồ sơ xét tuyển gồm: Học bạ trung học cơ sở, bản sao; Giấy khai sinh; Đơn xét tuyển, "
        "theo mẫu.",
    ),
    (
        "Học kỳ I năm học 2026-2027 kết thúc vào ngày 15/01/2027.",
        "Học kỳ một năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai "
        "mươi bảy kết thúc vào ngày mười lăm tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Học sinh nghỉ học từ ngày 03-05/12/2026 để tránh bão.",
        "Học sinh nghỉ học từ ngày ba đến ngày năm tháng mười hai năm hai nghìn không trăm hai "
        "mươi sáu để tránh bão.",
    ),
    (
        "Thời gian: 7h30' ngày 15/12/2026 (Thứ Ba).",
        "Thời gian: bảy giờ ba mươi phút ngày mười lăm tháng mười hai năm hai nghìn không trăm "
        "hai mươi sáu, Thứ Ba.",
    ),
    (
        "Báo cáo kết quả trước Quý I/2027.",
        "Báo cáo kết quả trước Quý một năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Lịch cắt điện: từ 7h00 đến 17h00 ngày 8/12/2026 (Thứ Ba) khu vực thôn 1, 2, 3.",
        "Lịch cắt điện: từ bảy giờ đến mười bảy giờ ngày tám tháng mười hai năm hai nghìn "
        "không trăm hai mươi sáu, Thứ Ba, khu vực thôn một, hai, ba.",
    ),
    (
        "Sáng nay (04/12), UBND xã tổ chức họp.",
        "Sáng nay, ngày bốn tháng mười hai, Ủy ban nhân dân xã tổ chức họp.",
    ),
    (
        "Thời gian phát thanh: 5h30-6h00 và 17h00-17h30 hằng ngày.",
        "Thời gian phát thanh: từ năm giờ ba mươi phút đến sáu giờ và từ mười bảy giờ đến mười "
        "bảy giờ ba mươi phút hằng ngày.",
    ),
    (
        "Từ tháng 10/2026 đến tháng 3/2027.",
        "Từ tháng mười năm hai nghìn không trăm hai mươi sáu đến tháng ba năm hai nghìn không "
        "trăm hai mươi bảy.",
    ),
    (
        "Đợt 1 từ ngày 05-10/12, đợt 2 từ ngày 15-20/12/2026.",
        "Đợt một từ ngày năm đến ngày mười tháng mười hai, đợt hai từ ngày mười lăm đến ngày "
        "hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Đường dây nóng: 0234.3822.115 hoặc 0914.123.456.",
        "Đường dây nóng: không hai ba bốn, ba tám hai hai, một một năm hoặc không chín một "
        "bốn, một hai ba, bốn năm sáu.",
    ),
    (
        "Số điện thoại của Trung tâm Y tế: 0234 3 822 117.",
        "Số điện thoại của Trung tâm Y tế: không hai ba bốn, ba, tám hai hai, một một bảy.",
    ),
    (
        "Hotline 1900 9095 (miễn phí).",
        "Hót-lai một chín không không, chín không chín năm, miễn phí.",
    ),
    (
        "Gọi 113, 114, 115 khi cần trợ giúp.",
        "Gọi một một ba, một một bốn, một một năm khi cần trợ giúp.",
    ),
    (
        "Trực ban Công an xã: 0234.3861.113 (24/24h).",
        "Trực ban Công an xã: không hai ba bốn, ba tám sáu một, một một ba, hai tư trên hai tư "
        "giờ.",
    ),
    (
        "Căn cứ Luật số 73/2025/QH15 ngày 24/6/2025 của Quốc hội.",
        "Căn cứ Luật số bảy mươi ba, năm hai nghìn không trăm hai mươi lăm ngày hai mươi tư "
        "tháng sáu năm hai nghìn không trăm hai mươi lăm của Quốc hội.",
    ),
    (
        "Theo quy định tại Điều 6 Khoản 2 Điểm a Nghị định số 168/2024/NĐ-CP.",
        "Theo quy định tại Điều sáu Khoản hai Điểm a Nghị định số một trăm sáu mươi tám, năm "
        "hai nghìn không trăm hai mươi tư của Chính phủ.",
    ),
    (
        "Căn cứ Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh.",
        "Căn cứ Nghị quyết số hai trăm linh hai, năm hai nghìn không trăm hai mươi lăm của "
        "Quốc hội khóa mười lăm về sắp xếp đơn vị hành chính cấp tỉnh.",
    ),
    (
        "Căn cứ Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025.",
        "Căn cứ Nghị quyết số một nghìn sáu trăm sáu mươi của Ủy ban Thường vụ Quốc hội khóa "
        "mười lăm ngày mười sáu tháng sáu năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15.",
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số năm mươi lăm, năm hai nghìn không "
        "trăm hai mươi tư của Quốc hội khóa mười lăm.",
    ),
]


# --- days listed with a glued comma; months of two years; "ngày mai" ----------------------------
# "các ngày 15,16/12" lists days like "ngày 15, 16/12" (was read as a decimal, "mười lăm phẩy mười
# sáu trên mười hai", and flagged). "tháng 12/2026 - 01/2027" is "… đến tháng một …" (the dash
# was a pause). "Ngày mai 04/12" is a date like "sáng mai 06/12" (was flagged).
DATES = [
    (
        "Tổ chức vào các ngày 15,16/12.",
        "Tổ chức vào các ngày mười lăm, mười sáu tháng mười hai.",
    ),
    (
        "Tổ chức vào các ngày 10,11,12/12/2026.",
        "Tổ chức vào các ngày mười, mười một, mười hai tháng mười hai năm hai nghìn không trăm "
        "hai mươi sáu.",
    ),
    (
        "Trong tháng 12/2026 - 01/2027, cấm khai thác cát trên sông Hương.",
        "Trong tháng mười hai năm hai nghìn không trăm hai mươi sáu đến tháng một năm hai "
        "nghìn không trăm hai mươi bảy, cấm khai thác cát trên sông Hương.",
    ),
    (
        "Từ tháng 11/2026-02/2027 tạm dừng tiếp nhận hồ sơ.",
        "Từ tháng mười một năm hai nghìn không trăm hai mươi sáu đến tháng hai năm hai nghìn "
        "không trăm hai mươi bảy tạm dừng tiếp nhận hồ sơ.",
    ),
    (
        "Ngày mai 04/12: Nhiều mây, có mưa vừa.",
        "Ngày mai ngày bốn tháng mười hai: Nhiều mây, có mưa vừa.",
    ),
    # guards: a decimal over a total, a day range, two school years
    (
        "Tỷ lệ mắc 15,5/100.000 dân.",
        "Tỷ lệ mắc mười lăm phẩy năm trên một trăm nghìn dân.",
    ),
    (
        "Tập huấn từ 15/12 - 17/12/2026.",
        "Tập huấn từ ngày mười lăm tháng mười hai đến ngày mười bảy tháng mười hai năm hai "
        "nghìn không trăm hai mươi sáu.",
    ),
    (
        "Tổ chức vào ngày 15, 16/12.",
        "Tổ chức vào ngày mười lăm, mười sáu tháng mười hai.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), DATES)
def test_dates(text: str, spoken: str) -> None:
    _check(text, spoken)


def test_initials_next_to_a_digit_read_on_the_first_pass() -> None:
    # "0A.Đ": once the zero is read the initials stand alone; they are read at once
    assert normalize("0A.Đ") == "không a đê"


# --- an account named by words before its number ------------------------------------------------
# "Tài khoản nhận tiền: 1023456789": words naming the account and a colon lead its number, said
# digit by digit like "STK" (was "một tỷ không trăm hai mươi ba triệu …"). A balance keeps its
# amount.
ACCOUNTS = [
    (
        "Tài khoản nhận tiền: 1023456789 - Vietinbank.",
        "Tài khoản nhận tiền: một không hai ba, bốn năm sáu, bảy tám chín - Vietinbank.",
    ),
    (
        "Tài khoản ngân hàng: 0123456789 (Agribank) là tài khoản của đối tượng.",
        "Tài khoản ngân hàng: không một hai ba, bốn năm sáu, bảy tám chín, Agribank, là tài "
        "khoản của đối tượng.",
    ),
    # guards
    (
        "Số dư tài khoản: 5.000.000 đồng.",
        "Số dư tài khoản: năm triệu đồng.",
    ),
    (
        "Tuyệt đối không chuyển tiền vào số tài khoản 0123456789 tại ngân hàng Vietcombank.",
        "Tuyệt đối không chuyển tiền vào số tài khoản không một hai ba, bốn năm sáu, bảy tám "
        "chín tại ngân hàng Vietcombank.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), ACCOUNTS)
def test_accounts(text: str, spoken: str) -> None:
    _check(text, spoken)


# --- a service number with hidden places --------------------------------------------------------
# "Tổng đài 1900 xxxx là lừa đảo": the hidden places of a 1900 or 1800 number are read by their
# marks, as in "0983.xxx.xxx", and flagged (the "xxxx" was left to the synthesizer, unflagged).


@pytest.mark.parametrize(
    ("text", "spoken", "flagged"),
    [
        (
            "Tổng đài 1900 xxxx là lừa đảo.",
            "Tổng đài một chín không không, ích ích ích ích là lừa đảo.",
            "1900 xxxx",
        ),
        (
            "Cảnh giác cuộc gọi từ đầu số 1900.xx.xx.",
            "Cảnh giác cuộc gọi từ đầu số một chín không không, ích ích, ích ích.",
            "1900.xx.xx",
        ),
    ],
)
def test_hidden_service_number(text: str, spoken: str, flagged: str) -> None:
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == [flagged]
    assert normalize(report.spoken) == report.spoken


def test_year_1900_and_whole_service_numbers_are_not_hidden() -> None:
    _check("Năm 1900 xảy ra lũ lớn.", "Năm một nghìn chín trăm xảy ra lũ lớn.")
    _check("Hotline 1900 9095.", "Hót-lai một chín không không, chín không chín năm.")


# --- a unit after an amount restated in words -----------------------------------------------------
# "cấp 01 (một) ha đất": once the bracket is dropped as a repetition, "ha" was left to the
# synthesizer (the syllable "ha"); the unit after the bracket is the amount's.
UNIT_AFTER_BRACKET = [
    (
        "Thu hồi 10.000 m2 đất, cấp 01 (một) ha đất tái định cư.",
        "Thu hồi mười nghìn mét vuông đất, cấp một héc-ta đất tái định cư.",
    ),
    (
        "Giao 50 (năm mươi) m2 đất làm nhà văn hóa thôn.",
        "Giao năm mươi mét vuông đất làm nhà văn hóa thôn.",
    ),
    (
        "Hỗ trợ mỗi khẩu 15 (mười lăm) kg gạo.",
        "Hỗ trợ mỗi khẩu mười lăm ki-lô-gam gạo.",
    ),
    # guards: a count after the bracket, the unit before it
    (
        "Cấp 01 (một) hộ.",
        "Cấp một hộ.",
    ),
    (
        "Diện tích 2 ha (hai héc-ta) đất rừng.",
        "Diện tích hai héc-ta đất rừng.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), UNIT_AFTER_BRACKET)
def test_unit_after_bracket(text: str, spoken: str) -> None:
    _check(text, spoken)


PASSAGES = (
    STORM_AND_FLOOD
    + NOTICES
    + SCAMS_AND_SAFETY
    + SERVICE_AND_ELECTIONS
    + HEALTH_AND_INSURANCE
    + ROADS_AND_FARMS
    + SCHOOLS_DATES_PHONES_REFERENCES
)


@pytest.mark.parametrize(("text", "spoken"), PASSAGES)
def test_passages(text: str, spoken: str) -> None:
    _check(text, spoken)

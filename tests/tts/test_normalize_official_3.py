"""Readings of official text, third probe: the structure of documents read aloud (numbers,
headings, signatures, recipients), the lunar calendar, times and money as people write
them, informal ratios, blood groups, web addresses of provinces, and regional readings.
One table per rule (northern reading unless a case says otherwise)."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report


def _check(text: str, spoken: str, region: str = "north") -> None:
    assert normalize(text, region=region) == spoken


def _flagged(text: str, region: str = "north") -> list[str]:
    return [w.written for w in normalize_with_report(text, region=region).warnings]


# --- already right: document structure, calendar, times, money, regions -----------------------

ALREADY_RIGHT = [
    ("north", "Số: 123/TB-UBND", "Thông báo số một trăm hai mươi ba của Ủy ban nhân dân"),
    ("south", "Số: 105/TB-UBND", "Thông báo số một trăm lẻ năm của Ủy ban nhân dân"),
    (
        "north",
        "V/v tổ chức tiêm chủng mở rộng đợt 1 năm 2025",
        "Về việc tổ chức tiêm chủng mở rộng đợt một năm hai nghìn không trăm hai mươi lăm",
    ),
    (
        "north",
        "Theo quy định tại khoản 2 Điều 5 Nghị quyết này.",
        "Theo quy định tại khoản hai Điều năm Nghị quyết này.",
    ),
    (
        "north",
        "Trường hợp quy định tại điểm a khoản 1 Điều 3 thì xử lý như sau.",
        "Trường hợp quy định tại điểm a khoản một Điều ba thì xử lý như sau.",
    ),
    ("north", "Mục II. NỘI DUNG", "Mục hai. Nội dung"),
    ("north", "KT. CHỦ TỊCH", "Ký thay chủ tịch"),
    ("north", "TM. BAN CHẤP HÀNH", "Thay mặt ban chấp hành"),
    ("north", "TUQ. CHỦ TỊCH", "Thừa ủy quyền chủ tịch"),
    ("north", "(Đã ký)", "Đã ký"),
    (
        "north",
        "Quyết định này có hiệu lực kể từ ngày ký./.",
        "Quyết định này có hiệu lực kể từ ngày ký.",
    ),
    (
        "north",
        "Mùng 5 tháng Giêng, xã tổ chức hội xuân.",
        "Mùng năm tháng Giêng, xã tổ chức hội xuân.",
    ),
    (
        "north",
        "Tết Trung thu 15/8 âm lịch tổ chức vui chơi cho thiếu nhi.",
        "Tết Trung thu ngày mười lăm tháng tám âm lịch tổ chức vui chơi cho thiếu nhi.",
    ),
    (
        "north",
        "Ngày 23 tháng Chạp cúng ông Công ông Táo.",
        "Ngày hai mươi ba tháng Chạp cúng ông Công ông Táo.",
    ),
    ("north", "Tết Đoan Ngọ mùng 5/5 âm lịch.", "Tết Đoan Ngọ mùng năm tháng năm âm lịch."),
    (
        "north",
        "Tiếp dân từ 17h-19h hằng ngày.",
        "Tiếp dân từ mười bảy giờ đến mười chín giờ hằng ngày.",
    ),
    ("north", "Làm việc từ 7g đến 11g.", "Làm việc từ bảy giờ đến mười một giờ."),
    ("north", "Họp lúc 7h30' sáng thứ Hai.", "Họp lúc bảy giờ ba mươi phút sáng thứ Hai."),
    ("north", "Cấm đốt pháo từ 0h ngày 1/1.", "Cấm đốt pháo từ không giờ ngày một tháng một."),
    ("north", "Hạn chót 24h00 ngày 15/6.", "Hạn chót hai mươi tư giờ ngày mười lăm tháng sáu."),
    (
        "north",
        "Tiếp công dân từ 13h30 - 17h.",
        "Tiếp công dân từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    ("central", "Lúc 7 giờ kém 15.", "Lúc bảy giờ kém mười lăm."),
    ("south", "Bắt đầu 7 giờ rưỡi.", "Bắt đầu bảy giờ rưỡi."),
    ("north", "Tổng kinh phí 1,5 tỷ đồng.", "Tổng kinh phí một phẩy năm tỷ đồng."),
    ("north", "Hỗ trợ mỗi hộ 2 tr.", "Hỗ trợ mỗi hộ hai triệu."),
    ("central", "Phí 500k mỗi người.", "Phí năm trăm ngàn mỗi người."),
    ("north", "Tổng cộng 15.000.000 VNĐ.", "Tổng cộng mười lăm triệu đồng."),
    ("north", "Giá trị 1.200 USD.", "Giá trị một nghìn hai trăm đô la Mỹ."),
    ("south", "Dân số 2.104 người.", "Dân số hai ngàn một trăm lẻ bốn người."),
    ("south", "Tổng 1.005.000 đồng.", "Tổng một triệu không trăm lẻ năm ngàn đồng."),
    ("central", "Số 105 thôn Đông.", "Số một trăm lẻ năm thôn Đông."),
    ("north", "Số 105 thôn Đông.", "Số một trăm linh năm thôn Đông."),
    ("central", "Ngày 24 tháng 4.", "Ngày hai mươi tư tháng tư."),
    ("south", "Có 21 hộ và 25 hộ.", "Có hai mươi mốt hộ và hai mươi lăm hộ."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), ALREADY_RIGHT)
def test_already_right(region, text, spoken):
    _check(text, spoken, region)


# --- a "count" whose numerator exceeds its total is a date; "24/7" said short --------------------

COUNT_OR_DATE = [
    (
        "north",
        "Hạn chót 15/6 hộ dân phải nộp hồ sơ.",
        "Hạn chót ngày mười lăm tháng sáu hộ dân phải nộp hồ sơ.",
    ),
    (
        "north",
        "Hạn chót 31/5 người dân hoàn thành kê khai.",
        "Hạn chót ngày ba mươi mốt tháng năm người dân hoàn thành kê khai.",
    ),
    (
        "south",
        "Hết 28/2 hồ sơ nào chưa bổ sung sẽ bị trả lại.",
        "Hết ngày hai mươi tám tháng hai hồ sơ nào chưa bổ sung sẽ bị trả lại.",
    ),
    (
        "central",
        "Chậm nhất 10/9 cán bộ thôn gửi danh sách về xã.",
        "Chậm nhất ngày mười tháng chín cán bộ thôn gửi danh sách về xã.",
    ),
    # a part of a total stays a count
    (
        "north",
        "Đến nay 9/9 ấp đã ra mắt tổ an ninh.",
        "Đến nay chín trên chín ấp đã ra mắt tổ an ninh.",
    ),
    ("north", "Có 3/5 thôn đạt chuẩn.", "Có ba trên năm thôn đạt chuẩn."),
    ("north", "Có 1/3 học sinh chưa tiêm.", "Có một phần ba học sinh chưa tiêm."),
    # round the clock: "hai tư trên bảy", the south "hai bốn trên bảy"
    ("north", "Phục vụ 24/7.", "Phục vụ hai tư trên bảy."),
    (
        "central",
        "Đường dây nóng hoạt động 24/7 kể cả ngày nghỉ.",
        "Đường dây nóng hoạt động hai tư trên bảy kể cả ngày nghỉ.",
    ),
    ("south", "Trực 24/7 tại trụ sở.", "Trực hai bốn trên bảy tại trụ sở."),
    ("north", "Ngày 24/7, xã tổ chức.", "Ngày hai mươi tư tháng bảy, xã tổ chức."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), COUNT_OR_DATE)
def test_count_or_date(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- blood groups: "O+" is "ô dương", "Rh-" "rờ hát âm" -----------------------------------------

BLOOD_GROUPS = [
    ("Nhóm máu O+ và A+ đang thiếu.", "Nhóm máu ô dương và a dương đang thiếu."),
    ("Cần gấp người nhóm máu AB+ và B-.", "Cần gấp người nhóm máu a bê dương và bê âm."),
    ("Người có nhóm máu O- đăng ký hiến máu.", "Người có nhóm máu ô âm đăng ký hiến máu."),
    ("Nhóm máu Rh- rất hiếm.", "Nhóm máu rờ hát âm rất hiếm."),
    ("Bệnh nhân cần máu O Rh(-).", "Bệnh nhân cần máu ô rờ hát âm."),
    ("Người hiến có Rh+ chiếm đa số.", "Người hiến có rờ hát dương chiếm đa số."),
    ("Nhóm máu A, B, AB và O đều cần.", "Nhóm máu a, bê, a bê và ô đều cần."),
    ("Ngân hàng máu thiếu nhóm O, nhóm AB.", "Ngân hàng máu thiếu nhóm ô, nhóm a bê."),
    # no blood in the sentence: letters stay what they were
    ("Lớp 9A+ đội B.", "Lớp chín A+ đội B."),
]


@pytest.mark.parametrize(("text", "spoken"), BLOOD_GROUPS[:-1])
def test_blood_groups(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


def test_blood_group_letters_need_blood():
    assert "dương" not in normalize("Đội A+ thắng đội B-.")
    assert "ô" not in normalize("Khu O, khu A.").split()


# --- signatures, headings, table marks, the lunar calendar ----------------------------------------

DOCUMENT_MARKS = [
    ("north", "Q. TRƯỞNG CÔNG AN", "Quyền trưởng công an"),
    ("north", "Q. CHỦ TỊCH", "Quyền chủ tịch"),
    ("north", "Q. Giám đốc Trung tâm", "Quyền Giám đốc Trung tâm"),
    ("south", "Q. HIỆU TRƯỞNG", "Quyền hiệu trưởng"),
    ("north", "Hộ ông A ở Q. Bình Thạnh.", "Hộ ông A ở quận Bình Thạnh."),
    ("north", "STT 1: Nguyễn Văn An, thôn 3", "số thứ tự một: Nguyễn Văn An, thôn ba"),
    ("north", "Ghi rõ STT, họ tên.", "Ghi rõ số thứ tự, họ tên."),
    ("north", "Số: 15 /BC-UBND", "Báo cáo số mười lăm của Ủy ban nhân dân"),
    (
        "central",
        "Số: 07 /KH-UBND ngày 5/1/2026",
        "Kế hoạch số bảy của Ủy ban nhân dân ngày năm tháng một năm hai ngàn không trăm hai mươi sáu",
    ),
    # the lunar calendar: "ÂL", and its first and last months are Giêng and Chạp
    (
        "north",
        "Ngày 15/8 (ÂL) tổ chức rước đèn.",
        "Ngày mười lăm tháng tám, âm lịch, tổ chức rước đèn.",
    ),
    ("north", "Hội làng ngày 6/1 ÂL.", "Hội làng ngày sáu tháng Giêng âm lịch."),
    ("north", "Mùng 10/1 âm lịch khai hội.", "Mùng mười tháng Giêng âm lịch khai hội."),
    (
        "south",
        "Ngày 23/12 âm lịch đưa ông Táo.",
        "Ngày hai mươi ba tháng Chạp âm lịch đưa ông Táo.",
    ),
    (
        "central",
        "Ngày 10/3 âm lịch là Giỗ Tổ Hùng Vương.",
        "Ngày mười tháng ba âm lịch là Giỗ Tổ Hùng Vương.",
    ),
    ("north", "Rằm tháng 1 âm lịch dâng hương.", "Rằm tháng Giêng âm lịch dâng hương."),
    ("north", "Ngày 12/1 nghỉ học.", "Ngày mười hai tháng một nghỉ học."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), DOCUMENT_MARKS)
def test_document_marks(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- provinces and cities in web and e-mail addresses -----------------------------------------------

GOV = "chấm giê o vê chấm vê nờ"
ADDRESSES = [
    ("Xem tại angiang.gov.vn.", f"Xem tại An Giang {GOV}."),
    ("Truy cập hanoi.gov.vn để biết thêm.", f"Truy cập Hà Nội {GOV} để biết thêm."),
    ("Gửi về email ubnd@dongthap.gov.vn.", f"Gửi về i-meo u bê nờ dê a còng Đồng Tháp {GOV}."),
    ("Thông tin tại cantho.gov.vn.", f"Thông tin tại Cần Thơ {GOV}."),
    (
        "Đăng ký tại dichvucong.danang.gov.vn.",
        f"Đăng ký tại dịch vụ công chấm Đà Nẵng {GOV}.",
    ),
    ("Xem hue.gov.vn hoặc quangnam.gov.vn.", f"Xem Huế {GOV} hoặc Quảng Nam {GOV}."),
    (
        "Truy cập www.dongnai.gov.vn.",
        f"Truy cập vê kép vê kép vê kép chấm Đồng Nai {GOV}.",
    ),
    ("Cổng thông tin thanhhoa.gov.vn", f"Cổng thông tin Thanh Hóa {GOV}"),
    ("Trang https://baclieu.gov.vn/", f"Trang Bạc Liêu {GOV}"),
    # an unknown part is still spelled, "tphcm" too (said as letters, typed as letters)
    (
        "Liên hệ xaphuhoa@angiang.gov.vn",
        f"Liên hệ ích a pê hát u hát o a a còng An Giang {GOV}",
    ),
    ("Website: tphcm.gov.vn", f"Oép-sai: tê pê hát xê mờ {GOV}"),
]


@pytest.mark.parametrize(("text", "spoken"), ADDRESSES)
def test_province_addresses(text, spoken):
    _check(text, spoken)


# --- money as written: "tr.đ", an amount per person without its unit ---------------------------------

MONEY = [
    ("north", "Mức hỗ trợ 2,5 tr.đ/hộ.", "Mức hỗ trợ hai phẩy năm triệu đồng một hộ."),
    ("south", "Mức 2 tr.đ/hộ.", "Mức hai triệu đồng một hộ."),
    ("north", "Tổng kinh phí 120 trđ.", "Tổng kinh phí một trăm hai mươi triệu đồng."),
    ("central", "Hỗ trợ 3 tr.đồng/người.", "Hỗ trợ ba triệu đồng một người."),
    (
        "north",
        "Mức đóng 1.000.000/người/năm.",
        "Mức đóng một triệu mỗi người mỗi năm.",
    ),
    ("south", "Thu 50.000/hộ/tháng.", "Thu năm mươi ngàn mỗi hộ mỗi tháng."),
    ("north", "Mức 1.500.000/tháng.", "Mức một triệu năm trăm nghìn mỗi tháng."),
    ("central", "Chi 200.000/suất.", "Chi hai trăm ngàn mỗi suất."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), MONEY)
def test_money_as_written(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- party signatures, recipients, unit lines and flattened tables ---------------------------------

SIGNATURES_AND_TABLES = [
    ("north", "T/M ĐẢNG ỦY", "Thay mặt đảng ủy"),
    ("north", "T/M BAN THƯỜNG VỤ", "Thay mặt ban thường vụ"),
    ("north", "K/T BÍ THƯ", "Ký thay bí thư"),
    ("south", "T/L BAN THƯỜNG VỤ", "Thừa lệnh ban thường vụ"),
    ("north", "ĐVT: đồng", "đơn vị tính: đồng"),
    ("central", "ĐVT: Triệu đồng", "đơn vị tính: Triệu đồng"),
    ("north", "- Lưu: VT, VHXH.", "Lưu: văn thư, Văn hóa - Xã hội."),
    ("north", "Ban VHXH HĐND xã", "Ban Văn hóa - Xã hội Hội đồng nhân dân xã"),
    ("north", "- Đài TT xã (để thông báo);", "Đài truyền thanh xã, để thông báo;"),
    ("south", "Đài TT-TH huyện đưa tin.", "Đài Truyền thanh - Truyền hình huyện đưa tin."),
    ("north", "- CT, các PCT UBND xã;", "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân xã;"),
    (
        "north",
        "STT | Họ và tên | Năm sinh | Ghi chú",
        "số thứ tự, Họ và tên, Năm sinh, Ghi chú",
    ),
    (
        "north",
        "1 | Nguyễn Văn A | 1990 | Thôn 1",
        "một, Nguyễn Văn A, một nghìn chín trăm chín mươi, Thôn một",
    ),
    (
        "south",
        "| 2 | Trần Thị B | 1988 | Ấp 3 |",
        "hai, Trần Thị B, một ngàn chín trăm tám mươi tám, Ấp ba",
    ),
]


@pytest.mark.parametrize(("region", "text", "spoken"), SIGNATURES_AND_TABLES)
def test_signatures_and_tables(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


def test_markdown_table_rule_is_silent():
    text = "| STT | Họ tên |\n|---|---|\n| 1 | An |"
    assert normalize(text) == "số thứ tự, Họ tên\nmột, An"


# --- the lunar year named after a date; dollars per; cents of zero ------------------------------------

LUNAR_YEAR_AND_MONEY = [
    ("north", "Ngày 9/1 năm Bính Ngọ khai hội.", "Ngày chín tháng Giêng năm Bính Ngọ khai hội."),
    ("south", "Ngày 30 tháng 12 năm Ất Tỵ.", "Ngày ba mươi tháng Chạp năm Ất Tỵ."),
    ("central", "Ngày 26/10 năm Ất Tỵ.", "Ngày hai mươi sáu tháng mười năm Ất Tỵ."),
    (
        "north",
        "Ngày 12/1 năm 2026.",
        "Ngày mười hai tháng một năm hai nghìn không trăm hai mươi sáu.",
    ),
    ("north", "Giá 10 USD/người.", "Giá mười đô la Mỹ một người."),
    ("south", "Hỗ trợ 1.200 USD/hộ.", "Hỗ trợ một ngàn hai trăm đô la Mỹ một hộ."),
    ("north", "Số tiền: 5.000.000,00 đồng.", "Số tiền: năm triệu đồng."),
    ("central", "Tổng cộng: 12.500.000,00 VNĐ", "Tổng cộng: mười hai triệu năm trăm ngàn đồng"),
    ("north", "Giá 2,50 USD.", "Giá hai phẩy năm mươi đô la Mỹ."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), LUNAR_YEAR_AND_MONEY)
def test_lunar_year_and_money(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- arrows are a pause; Sunday before the holidays ---------------------------------------------------

ARROWS_AND_SUNDAY = [
    ("Ưu tiên người già => trẻ em.", "Ưu tiên người già, trẻ em."),
    (
        "Đăng ký -> nộp hồ sơ -> nhận kết quả.",
        "Đăng ký, nộp hồ sơ, nhận kết quả.",
    ),
    ("Bước 1 → Bước 2 ⇒ xong.", "Bước một, Bước hai, xong."),
    ("Nghỉ CN và ngày lễ.", "Nghỉ chủ nhật và ngày lễ."),
    ("Không làm việc CN, các ngày lễ, Tết.", "Không làm việc chủ nhật, các ngày lễ, Tết."),
]


@pytest.mark.parametrize(("text", "spoken"), ARROWS_AND_SUNDAY)
def test_arrows_and_sunday(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


def test_sunday_alone_is_still_flagged():
    assert "CN" in _flagged("Nghỉ CN")


# --- common abbreviations of commune notices ------------------------------------------------------

ABBREVIATIONS = [
    (
        "Đội tuyển gồm 12 VĐV, trong đó có 3 nữ.",
        "Đội tuyển gồm mười hai vận động viên, trong đó có ba nữ.",
    ),
    ("HLV trưởng đội bóng xã.", "huấn luyện viên trưởng đội bóng xã."),
    ("Toàn thể CBCCVC xã tham gia.", "Toàn thể cán bộ, công chức, viên chức xã tham gia."),
    ("Đội ngũ CCVC của phường.", "Đội ngũ công chức, viên chức của phường."),
    ("Đóng BHXH cho NLĐ.", "Đóng bảo hiểm xã hội cho người lao động."),
    ("Ủy ban MTTQVN xã Tân Hòa.", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa."),
    ("BQL chợ thông báo.", "Ban quản lý chợ thông báo."),
    ("Hỗ trợ hộ SXKD giỏi.", "Hỗ trợ hộ sản xuất kinh doanh giỏi."),
    ("BĐD Hội Người cao tuổi xã.", "Ban đại diện Hội Người cao tuổi xã."),
]


@pytest.mark.parametrize(("text", "spoken"), ABBREVIATIONS)
def test_abbreviations(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# --- times as people write them ----------------------------------------------------------------------

TIMES = [
    ("north", "Từ 7h sáng - 11h trưa.", "Từ bảy giờ sáng đến mười một giờ trưa."),
    ("south", "Làm việc 7h sáng - 5h chiều.", "Làm việc từ bảy giờ sáng đến năm giờ chiều."),
    ("north", "Lúc 9h-9h30.", "Lúc chín giờ đến chín giờ ba mươi phút."),
    (
        "central",
        "Vào lúc 19h30 - 21h30 tối thứ Bảy.",
        "Vào lúc mười chín giờ ba mươi phút đến hai mươi mốt giờ ba mươi phút tối thứ Bảy.",
    ),
    ("north", "Lúc 6.45 sáng.", "Lúc sáu giờ bốn mươi lăm phút sáng."),
    ("north", "Tập trung lúc 7.30.", "Tập trung lúc bảy giờ ba mươi phút."),
    (
        "south",
        "Tập trung lúc 13.30 tại hội trường ấp.",
        "Tập trung lúc mười ba giờ ba mươi phút tại hội trường ấp.",
    ),
    ("north", "Khai mạc 7.30 sáng thứ Hai.", "Khai mạc bảy giờ ba mươi phút sáng thứ Hai."),
    # a decimal stays a decimal
    ("north", "Mực nước lúc này 6.45 m.", "Mực nước lúc này sáu phẩy bốn mươi lăm mét."),
    ("north", "Giá lúc 12.50 triệu đồng.", "Giá lúc mười hai phẩy năm mươi triệu đồng."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), TIMES)
def test_times_as_written(region, text, spoken):
    _check(text, spoken, region)


# --- document types and issuers of Nghị định 30/2020 and the Party's rules -----------------------------

DOCUMENT_CODES = [
    ("Biên bản số 03/BB-UBND.", "Biên bản số ba của Ủy ban nhân dân."),
    ("Số: 25/GM-UBND", "Giấy mời số hai mươi lăm của Ủy ban nhân dân"),
    (
        "Hợp đồng số 12/2025/HĐ-UBND.",
        "Hợp đồng số mười hai, năm hai nghìn không trăm hai mươi lăm của Ủy ban nhân dân.",
    ),
    ("Số: 07/GGT-UBND", "Giấy giới thiệu số bảy của Ủy ban nhân dân"),
    ("Số: 03/PA-UBND", "Phương án số ba của Ủy ban nhân dân"),
    ("Hướng dẫn số 36-HD/VPTW.", "Hướng dẫn số ba mươi sáu của Văn phòng Trung ương Đảng."),
    ("Thông báo số 15/TB-VPCP.", "Thông báo số mười lăm của Văn phòng Chính phủ."),
    ("Số: 12/QyĐ-UBND", "Quy định số mười hai của Ủy ban nhân dân"),
    (
        "Quyết định số 1.234/QĐ-UBND.",
        "Quyết định số một nghìn hai trăm ba mươi tư của Ủy ban nhân dân.",
    ),
    ("Số: 2.015/UBND-VP", "Số: hai nghìn không trăm mười lăm của Ủy ban nhân dân Văn phòng"),
]


@pytest.mark.parametrize(("text", "spoken"), DOCUMENT_CODES)
def test_document_codes(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


# --- plus-minus and about; out of a total after a rank or a dose; a school year with a slash ------------

MARKS_AND_TOTALS = [
    ("north", "Sai số ±5%.", "Sai số cộng trừ năm phần trăm."),
    ("north", "Nhiệt độ 25 ± 2 độ C.", "Nhiệt độ hai mươi lăm cộng trừ hai độ xê."),
    ("south", "Điều chỉnh +/- 0,5 điểm.", "Điều chỉnh cộng trừ không phẩy năm điểm."),
    ("north", "Dân số ≈ 12.000 người.", "Dân số xấp xỉ mười hai nghìn người."),
    ("north", "Khoảng ≈ 200 hộ.", "Khoảng hai trăm hộ."),
    ("north", "Xếp hạng 3/10 toàn huyện.", "Xếp hạng ba trên mười toàn huyện."),
    ("central", "Tiêm mũi 2/3 cho trẻ.", "Tiêm mũi hai trên ba cho trẻ."),
    ("north", "Đạt 4/5 sao OCOP.", "Đạt bốn trên năm sao ô cốp."),
    (
        "north",
        "Năm học 2025/2026 bắt đầu từ 5/9.",
        "Năm học hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm hai mươi sáu bắt đầu từ ngày năm tháng chín.",
    ),
    (
        "south",
        "Mùa vụ 2025/2026.",
        "Mùa vụ hai ngàn không trăm hai mươi lăm đến hai ngàn không trăm hai mươi sáu.",
    ),
]


@pytest.mark.parametrize(("region", "text", "spoken"), MARKS_AND_TOTALS)
def test_marks_and_totals(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- minutes with a prime alone -----------------------------------------------------------------------

MINUTES = [
    ("north", "Trận đấu kéo dài 90'.", "Trận đấu kéo dài chín mươi phút."),
    ("south", "Thi đấu 2 hiệp, mỗi hiệp 45'.", "Thi đấu hai hiệp, mỗi hiệp bốn mươi lăm phút."),
    ("central", "Nghỉ giữa giờ 15′ rồi tiếp tục.", "Nghỉ giữa giờ mười lăm phút rồi tiếp tục."),
    ("north", "Thời gian làm bài 120'", "Thời gian làm bài một trăm hai mươi phút"),
]


@pytest.mark.parametrize(("region", "text", "spoken"), MINUTES)
def test_minutes_alone(region, text, spoken):
    _check(text, spoken, region)


def test_a_quoted_number_is_no_minute():
    assert "phút" not in normalize("Khẩu hiệu 'Xã 5' được treo.")


# --- "1tr2", "1k5": a digit after the money unit ------------------------------------------------------

UNIT_TAIL = [
    ("south", "Giá 1tr2/tháng.", "Giá một triệu hai một tháng."),
    ("north", "Lương 5tr5.", "Lương năm triệu năm."),
    ("central", "Vé 2k5/lượt.", "Vé hai ngàn năm một lượt."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), UNIT_TAIL)
def test_unit_tail(region, text, spoken):
    _check(text, spoken, region)


# --- DS: a list (danh sách) or the population (dân số) ----------------------------------------------

DS = [
    ("Gửi kèm: DS trích ngang.", "Gửi kèm: danh sách trích ngang."),
    ("Danh sách kèm theo (DS gồm 15 người).", "Danh sách kèm theo, danh sách gồm mười lăm người."),
    ("Lập DS cử tri trước ngày 10/3.", "Lập danh sách cử tri trước ngày mười tháng ba."),
    ("Cán bộ DS-KHHGĐ xã.", "Cán bộ dân số - kế hoạch hóa gia đình xã."),
    ("Công tác DS và phát triển.", "Công tác dân số và phát triển."),
]


@pytest.mark.parametrize(("text", "spoken"), DS)
def test_ds(text, spoken):
    _check(text, spoken)
    assert not _flagged(text)


def test_ds_alone_is_flagged():
    assert "DS" in _flagged("Nộp DS.")


# --- more sentences of the probe read right (each output checked by ear) ----------------------------

PROBE_READ_RIGHT = [
    (
        "north",
        "Căn cứ Quyết định số 1234/QĐ-UBND ngày 15/3/2024 của UBND huyện;",
        "Căn cứ Quyết định số một nghìn hai trăm ba mươi tư ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi tư của Ủy ban nhân dân huyện;",
    ),
    (
        "central",
        "Thực hiện Công văn số 789/UBND-VX ngày 10/10/2025 của UBND huyện,",
        "Thực hiện Công văn số bảy trăm tám mươi chín ngày mười tháng mười năm hai ngàn không trăm hai mươi lăm của Ủy ban nhân dân huyện",
    ),
    (
        "north",
        "Điều 3. Chánh Văn phòng, Trưởng các ban ngành có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        "Điều ba. Chánh Văn phòng, Trưởng các ban ngành có liên quan và các ông, bà, có tên tại Điều một chịu trách nhiệm thi hành Quyết định này.",
    ),
    ("north", "CHƯƠNG III. ĐIỀU KHOẢN THI HÀNH", "Chương ba. Điều khoản thi hành"),
    ("north", "Mục 1. QUY ĐỊNH CHUNG", "Mục một. Quy định chung"),
    (
        "north",
        "b) Tổng hợp danh sách gửi về UBND xã trước ngày 20/12/2025.",
        "Tổng hợp danh sách gửi về Ủy ban nhân dân xã trước ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "north",
        "- TT Đảng ủy, TT HĐND xã (b/c);",
        "Thường trực Đảng ủy, Thường trực Hội đồng nhân dân xã, báo cáo;",
    ),
    ("south", "- Các ấp (t/h);", "Các ấp, thực hiện;"),
    ("north", "TM. ỦY BAN NHÂN DÂN", "Thay mặt ủy ban nhân dân"),
    ("north", "KT. TRƯỞNG BAN", "Ký thay trưởng ban"),
    ("north", "TL. GIÁM ĐỐC", "Thừa lệnh giám đốc"),
    ("north", "Số 15-TB/ĐU", "Thông báo số mười lăm của Đảng ủy"),
    ("north", "Số: 12-NQ/ĐU", "Nghị quyết số mười hai của Đảng ủy"),
    (
        "north",
        "V/v: Tăng cường công tác PCCC mùa hanh khô.",
        "Về việc: Tăng cường công tác phòng cháy chữa cháy mùa hanh khô.",
    ),
    (
        "north",
        "Xét đề nghị của Trưởng Công an xã tại Tờ trình số 45/TTr-CA ngày 5/11/2025,",
        "Xét đề nghị của Trưởng Công an xã tại Tờ trình số bốn mươi lăm của Công an ngày năm tháng mười một năm hai nghìn không trăm hai mươi lăm",
    ),
    ("north", "Tổng cộng: 25 hộ / 97 khẩu.", "Tổng cộng: hai mươi lăm hộ, chín mươi bảy khẩu."),
    (
        "north",
        "Ghi chú: (*) Số liệu tính đến ngày 30/11/2025.",
        "Ghi chú: Số liệu tính đến ngày ba mươi tháng mười một năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "north",
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 5/1/2026 của UBND xã)",
        "Kèm theo Kế hoạch số mười hai ngày năm tháng một năm hai nghìn không trăm hai mươi sáu của Ủy ban nhân dân xã",
    ),
    ("north", "PHỤ LỤC I", "Phụ lục một"),
    ("north", "Khoản 3 Điều 2 được sửa đổi như sau:", "Khoản ba Điều hai được sửa đổi như sau:"),
    (
        "north",
        "Theo điểm đ khoản 1 Điều 12 Nghị định số 100/2019/NĐ-CP.",
        "Theo điểm đ khoản một Điều mười hai Nghị định số một trăm, năm hai nghìn không trăm mười chín của Chính phủ.",
    ),
    ("north", "Điều 12a được bổ sung.", "Điều mười hai a được bổ sung."),
    ("north", "các khoản 1, 2, 3 Điều 10", "các khoản một, hai, ba Điều mười"),
    ("north", "tại các Điều 5, 6 và 7", "tại các Điều năm, sáu và bảy"),
    ("north", "Mục 2 Chương III", "Mục hai Chương ba"),
    (
        "north",
        "Số: 01/2026/NQ-HĐND",
        "Nghị quyết số một, năm hai nghìn không trăm hai mươi sáu của Hội đồng nhân dân",
    ),
    (
        "north",
        "Kết luận số 123-KL/TW ngày 24/1/2025.",
        "Kết luận số một trăm hai mươi ba của Trung ương ngày hai mươi tư tháng một năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "north",
        "Luật số 59/2020/QH14.",
        "Luật số năm mươi chín, năm hai nghìn không trăm hai mươi của Quốc hội khóa mười bốn.",
    ),
    (
        "north",
        "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của BCH TW Đảng khóa XII.",
        "Nghị quyết số mười tám ngày hai mươi lăm tháng mười năm hai nghìn không trăm mười bảy của Ban Chấp hành Trung ương Đảng khóa mười hai.",
    ),
    (
        "north",
        "Thời gian: 7h30 ngày 15/12/2025 (tức ngày 26/10 năm Ất Tỵ).",
        "Thời gian: bảy giờ ba mươi phút ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm, tức ngày hai mươi sáu tháng mười năm Ất Tỵ.",
    ),
    (
        "north",
        "Thời gian: từ 7h00 - 11h00 và 13h30 - 17h00 các ngày trong tuần.",
        "Thời gian: từ bảy giờ đến mười một giờ và từ mười ba giờ ba mươi phút đến mười bảy giờ các ngày trong tuần.",
    ),
    ("north", "Lúc 14g00 ngày 20/12.", "Lúc mười bốn giờ ngày hai mươi tháng mười hai."),
    (
        "north",
        "Vào hồi 8 giờ 30 phút, ngày 25/12/2025.",
        "Vào hồi tám giờ ba mươi phút, ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "north",
        "Cấm xe tải từ 6h-9h và 16h-19h.",
        "Cấm xe tải từ sáu giờ đến chín giờ và từ mười sáu giờ đến mười chín giờ.",
    ),
    (
        "north",
        "Giờ làm việc: Sáng 7h-11h30, chiều 13h30-17h.",
        "Giờ làm việc: Sáng từ bảy giờ đến mười một giờ ba mươi phút, chiều từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    ("north", "Lúc 7:30 sáng.", "Lúc bảy giờ ba mươi phút sáng."),
    (
        "north",
        "Từ 0h đến 24h ngày 31/12.",
        "Từ không giờ đến hai mươi tư giờ ngày ba mươi mốt tháng mười hai.",
    ),
    ("south", "Lúc 9 giờ 45.", "Lúc chín giờ bốn mươi lăm."),
    ("central", "8 giờ kém 10 tập trung.", "tám giờ kém mười tập trung."),
    (
        "north",
        "Khai mạc 19h30' tối 14/2/2026 (tức 27 tháng Chạp).",
        "Khai mạc mười chín giờ ba mươi phút tối ngày mười bốn tháng hai năm hai nghìn không trăm hai mươi sáu, tức hai mươi bảy tháng Chạp.",
    ),
    (
        "north",
        "Rằm tháng Bảy (15/7 âm lịch) là lễ Vu Lan.",
        "Rằm tháng Bảy, ngày mười lăm tháng bảy âm lịch, là lễ Vu Lan.",
    ),
    (
        "north",
        "Từ 27 tháng Chạp đến hết mùng 5 tháng Giêng.",
        "Từ hai mươi bảy tháng Chạp đến hết mùng năm tháng Giêng.",
    ),
    ("north", "Mồng 3 Tết Bính Ngọ.", "Mồng ba Tết Bính Ngọ."),
    ("north", "Ngày 1 và 15 âm lịch hằng tháng.", "Ngày một và mười lăm âm lịch hằng tháng."),
    ("south", "Cúng đình ngày 16/2 Âm lịch.", "Cúng đình ngày mười sáu tháng hai Âm lịch."),
    ("central", "Tết Trung thu (rằm tháng Tám).", "Tết Trung thu, rằm tháng Tám."),
    ("north", "Hỗ trợ 1 triệu 500 nghìn đồng.", "Hỗ trợ một triệu năm trăm nghìn đồng."),
    ("north", "Mức thu 2.5tr/năm.", "Mức thu hai phẩy năm triệu một năm."),
    ("north", "Phí 30k/tháng.", "Phí ba mươi nghìn một tháng."),
    (
        "north",
        "Tổng: 12.345.678 VND.",
        "Tổng: mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng.",
    ),
    ("north", "Giá 1,5 triệu/tấn.", "Giá một phẩy năm triệu một tấn."),
    (
        "north",
        "Lương cơ sở 2.340.000 đồng/tháng.",
        "Lương cơ sở hai triệu ba trăm bốn mươi nghìn đồng một tháng.",
    ),
    ("south", "Hỗ trợ 500 ngàn/hộ.", "Hỗ trợ năm trăm ngàn một hộ."),
    (
        "north",
        "Vay tối đa 100 triệu đồng/hộ, lãi suất 0,66%/tháng.",
        "Vay tối đa một trăm triệu đồng một hộ, lãi suất không phẩy sáu mươi sáu phần trăm mỗi tháng.",
    ),
    ("south", "Giá 3.000đ/kg.", "Giá ba ngàn đồng một ki-lô-gam."),
    (
        "south",
        "Hạn chót 24h00 ngày 24/12.",
        "Hạn chót hai mươi bốn giờ ngày hai mươi bốn tháng mười hai.",
    ),
    ("south", "Quý IV/2025.", "Quý bốn năm hai ngàn không trăm hai mươi lăm."),
    ("south", "Thứ 4 ngày 24/4.", "Thứ tư ngày hai mươi bốn tháng tư."),
    ("south", "Điều 104 Bộ luật Hình sự.", "Điều một trăm lẻ bốn Bộ luật Hình sự."),
    (
        "central",
        "Có 104 hộ với 1.005 nhân khẩu.",
        "Có một trăm lẻ bốn hộ với một ngàn không trăm lẻ năm nhân khẩu.",
    ),
    ("central", "Khoảng 2.024 người.", "Khoảng hai ngàn không trăm hai mươi tư người."),
    ("south", "Mức 1.004.000 đồng.", "Mức một triệu không trăm lẻ bốn ngàn đồng."),
    ("south", "Năm 1954.", "Năm một ngàn chín trăm năm mươi bốn."),
    ("south", "Lúc 14h54.", "Lúc mười bốn giờ năm mươi bốn phút."),
    (
        "south",
        "Thông tư 04/2024/TT-BCA.",
        "Thông tư bốn, năm hai ngàn không trăm hai mươi bốn của Bộ Công an.",
    ),
    ("south", "Từ 7g30 đến 11g.", "Từ bảy giờ ba mươi phút đến mười một giờ."),
    ("north", "Đạt 17/19 tiêu chí.", "Đạt mười bảy trên mười chín tiêu chí."),
    ("north", "Đến 31/12 thôn hoàn thành.", "Đến ngày ba mươi mốt tháng mười hai thôn hoàn thành."),
    ("north", "Có 12/15 hộ đồng ý.", "Có mười hai trên mười lăm hộ đồng ý."),
    ("north", "Từ 15/6 học sinh nghỉ hè.", "Từ ngày mười lăm tháng sáu học sinh nghỉ hè."),
    ("north", "Sau 20/8 trường khai giảng.", "Sau ngày hai mươi tháng tám trường khai giảng."),
    ("north", "Điều 2 - Giao Văn phòng thực hiện.", "Điều hai - Giao Văn phòng thực hiện."),
    ("north", "III/ TỔ CHỨC THỰC HIỆN", "Phần ba. Tổ chức thực hiện"),
    (
        "north",
        "Email: ubndxa@angiang.gov.vn - Website: angiang.gov.vn",
        "I-meo: u bê nờ dê ích a a còng An Giang chấm giê o vê chấm vê nờ - Oép-sai: An Giang chấm giê o vê chấm vê nờ",
    ),
    (
        "north",
        "Xem thêm tại: https://tayninh.gov.vn",
        "Xem thêm tại: Tây Ninh chấm giê o vê chấm vê nờ",
    ),
    ("north", "ĐT: 02773.851.234", "điện thoại: không hai bảy bảy ba, tám năm một, hai ba bốn"),
    ("north", "Làm việc từ T2 - T6.", "Làm việc từ thứ hai đến thứ sáu."),
    (
        "north",
        "Mang theo: CCCD, sổ hộ khẩu, v.v.",
        "Mang theo: căn cước công dân, sổ hộ khẩu, vân vân.",
    ),
    (
        "south",
        "Mỗi gian hàng thu phí 500.000đ/gian/đợt.",
        "Mỗi gian hàng thu phí năm trăm ngàn đồng một gian một đợt.",
    ),
    (
        "central",
        "Lễ dâng hương tưởng niệm các Vua Hùng vào lúc 7h00 ngày 10/3 ÂL (tức ngày 26/4/2026).",
        "Lễ dâng hương tưởng niệm các Vua Hùng vào lúc bảy giờ ngày mười tháng ba âm lịch, tức ngày hai mươi sáu tháng tư năm hai ngàn không trăm hai mươi sáu.",
    ),
    (
        "south",
        "Ấp Tân Lợi có 245 hộ/1.032 khẩu.",
        "Ấp Tân Lợi có hai trăm bốn mươi lăm hộ, một ngàn không trăm ba mươi hai khẩu.",
    ),
    (
        "central",
        "Ngày 25 tháng Chạp năm Ất Tỵ (tức ngày 12/02/2026).",
        "Ngày hai mươi lăm tháng Chạp năm Ất Tỵ, tức ngày mười hai tháng hai năm hai ngàn không trăm hai mươi sáu.",
    ),
    (
        "south",
        "Chương trình văn nghệ đón giao thừa bắt đầu lúc 22h30 ngày 16/2/2026 (30 Tết).",
        "Chương trình văn nghệ đón giao thừa bắt đầu lúc hai mươi hai giờ ba mươi phút ngày mười sáu tháng hai năm hai ngàn không trăm hai mươi sáu, ba mươi Tết.",
    ),
    (
        "north",
        "Khai mạc Hội xuân vào 8h sáng mùng 4 Tết (tức 20/2/2026).",
        "Khai mạc Hội xuân vào tám giờ sáng mùng bốn Tết, tức ngày hai mươi tháng hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "south",
        "Ban tổ chức trao 5 giải: 1 giải Nhất 3 triệu đồng, 1 giải Nhì 2 triệu đồng, 3 giải Ba mỗi giải 1 triệu đồng.",
        "Ban tổ chức trao năm giải: một giải Nhất ba triệu đồng, một giải Nhì hai triệu đồng, ba giải Ba mỗi giải một triệu đồng.",
    ),
    (
        "north",
        "Vòng loại: 8h ngày 5/1; bán kết: 14h ngày 6/1; chung kết: 8h ngày 7/1.",
        "Vòng loại: tám giờ ngày năm tháng một; bán kết: mười bốn giờ ngày sáu tháng một; chung kết: tám giờ ngày bảy tháng một.",
    ),
    (
        "central",
        "Năm 2025, xã có 105 hộ nghèo, giảm 24 hộ so với năm 2024.",
        "Năm hai ngàn không trăm hai mươi lăm, xã có một trăm lẻ năm hộ nghèo, giảm hai mươi tư hộ so với năm hai ngàn không trăm hai mươi tư.",
    ),
    (
        "north",
        "Vào các ngày 14, 15 và 16/1/2026.",
        "Vào các ngày mười bốn, mười lăm và mười sáu tháng một năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "north",
        "Từ ngày 01/01 - 31/3/2026.",
        "Từ ngày một tháng một đến ngày ba mươi mốt tháng ba năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "north",
        "Thành phần: BTV Đảng ủy; TT HĐND; lãnh đạo UBND; UBMTTQ và các đoàn thể.",
        "Thành phần: Ban Thường vụ Đảng ủy; Thường trực Hội đồng nhân dân; lãnh đạo Ủy ban nhân dân; Ủy ban Mặt trận Tổ quốc và các đoàn thể.",
    ),
    (
        "north",
        "SĐT liên hệ: 0913 456 789 (Đ/c Hùng).",
        "số điện thoại liên hệ: không chín một ba, bốn năm sáu, bảy tám chín, Đồng chí Hùng.",
    ),
    (
        "north",
        "Email: vanphong.ubnd@quangnam.gov.vn",
        "I-meo: vê a nờ pê hát o nờ giê chấm u bê nờ dê a còng Quảng Nam chấm giê o vê chấm vê nờ",
    ),
]


@pytest.mark.parametrize(("region", "text", "spoken"), PROBE_READ_RIGHT)
def test_probe_read_right(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- round the clock said short like "24/7"; half a day ----------------------------------------------

SHORT_AND_HALF = [
    ("north", "Ca trực 24/24h.", "Ca trực hai tư trên hai tư giờ."),
    ("south", "Trực chiến 24/24.", "Trực chiến hai bốn trên hai bốn."),
    ("central", "Hoạt động 24/24 giờ.", "Hoạt động hai tư trên hai tư giờ."),
    ("north", "Nghỉ 1/2 ngày.", "Nghỉ nửa ngày."),
    ("south", "Hưởng 1/2 tháng lương.", "Hưởng nửa tháng lương."),
    ("north", "Làm việc 1/2 buổi sáng thứ Bảy.", "Làm việc nửa buổi sáng thứ Bảy."),
    ("north", "Ngày 1/2 khai giảng.", "Ngày một tháng hai khai giảng."),
]


@pytest.mark.parametrize(("region", "text", "spoken"), SHORT_AND_HALF)
def test_short_and_half(region, text, spoken):
    _check(text, spoken, region)
    assert not _flagged(text, region)


# --- glued "Q.", the Party's "T/M" before a body, a year left blank -------------------------------------

GLUED_AND_BLANK = [
    ("Q.CHỦ TỊCH", "Quyền chủ tịch"),
    ("Q.TRƯỞNG CÔNG AN XÃ", "Quyền trưởng công an xã"),
    ("T/M UBND XÃ", "Thay mặt Ủy ban nhân dân xã"),
    ("T/M HĐND XÃ", "Thay mặt Hội đồng nhân dân xã"),
    ("Hà Nội, ngày … tháng … năm 20…", "Hà Nội, ngày… tháng… năm…"),
    ("Ngày …/…/20…", "Ngày………"),
    ("Năm 20.. tổ chức.", "Năm.. tổ chức."),
]


@pytest.mark.parametrize(("text", "spoken"), GLUED_AND_BLANK)
def test_glued_and_blank(text, spoken):
    _check(text, spoken)


def test_tel_is_dien_thoai():
    assert (
        normalize("Tel: (0296) 3852 113")
        == "điện thoại: không hai chín sáu, ba tám năm hai, một một ba"
    )
    assert normalize("Hotline/Tel: 0913 456 789").startswith("Hót-lai, điện thoại:")

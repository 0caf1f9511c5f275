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

"""Readings of official text, sixteenth probe: notices as officials and village heads type them on
phones and in offices, with emoji and pictographs ("⚠️ KHẨN CẤP", "👉 Không chuyển tiền", "Thôn 3️⃣",
"lưu ý‼️"), items numbered inside a line ("1) Nộp hồ sơ; 2) Nhận kết quả"), the half of a school year
("HK I", "HK II", "HK1"), chronic diseases at the health station ("THA, ĐTĐ"), vaccines and livestock
diseases ("OPV", "VDNC"), a doctor named in brackets ("(BS Hùng)"), pesticide formulations after a trade
name ("Regent 800WG"), grams typed "gr", a fertiliser grade per an area ("NPK 5-10-3/sào"), lunar dates
typed "âl"; and the lunar festivals, times as typed, farm units, health, school, congress and plan
names, contacts and phone money that must keep their readings. One table per rule (northern reading);
each table holds cases that must not change too. Every case is read without a warning, reading the
spoken text again changes nothing, and the same text in NFD reads the same."""

from __future__ import annotations

import pytest

from tts.normalize import NormalizationError, normalize

from .official import check_reading

# --- emoji and pictographs typed on phones ---------------------------------------------------------
# "⚠️ Cảnh báo", "👉 Không chuyển tiền", "✅ Đã hoàn thành": an emoji or a pictograph is silent (they
# were left in the text for the voice). A run of them between a word and a capital parts two clauses
# and is a pause; elsewhere a space. A keycap digit is its digit, and at the start of a line it opens an
# item like "1."; "➡️" is an arrow like "→"; "‼️" and "⁉️" are their marks, "№" is "số". "✓", "►" and "→"
# keep the readings they had.
EMOJI = [
    (
        "⚠️ Cảnh báo lừa đảo qua điện thoại!",
        "Cảnh báo lừa đảo qua điện thoại!",
    ),
    (
        "👉 Không chuyển tiền cho người lạ.",
        "Không chuyển tiền cho người lạ.",
    ),
    (
        "✅ Đã hoàn thành tiêm chủng.",
        "Đã hoàn thành tiêm chủng.",
    ),
    (
        "📢 THÔNG BÁO KHẨN.",
        "Thông báo khẩn.",
    ),
    (
        "🔴 Mưa lớn, lũ quét.",
        "Mưa lớn, lũ quét.",
    ),
    (
        "⚠️⚠️ KHẨN CẤP ⚠️⚠️",
        "Khẩn cấp",
    ),
    (
        "👉👉 Bà con lưu ý!",
        "Bà con lưu ý!",
    ),
    (
        "❗ Không đốt rơm rạ.",
        "Không đốt rơm rạ.",
    ),
    (
        "📌 Địa điểm: Nhà văn hóa thôn.",
        "Địa điểm: Nhà văn hóa thôn.",
    ),
    (
        "📞 Liên hệ: 0912.345.678.",
        "Liên hệ: không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "⏰ Thời gian: 7h30.",
        "Thời gian: bảy giờ ba mươi phút.",
    ),
    (
        "🌀 Bão số 3 đổ bộ.",
        "Bão số ba đổ bộ.",
    ),
    (
        "✔ Đã nộp đủ.",
        "Đã nộp đủ.",
    ),
    (
        "✗ Chưa xong.",
        "Chưa xong.",
    ),
    (
        "➡️ Bước 2.",
        "Bước hai.",
    ),
    (
        "⚠️ Lưu ý: 👉 mang CCCD ✅ đúng giờ.",
        "Lưu ý: mang căn cước công dân đúng giờ.",
    ),
    (
        "Bão số 3 🌀🌀 đổ bộ.",
        "Bão số ba đổ bộ.",
    ),
    (
        "Trẻ em ❤️ được tiêm miễn phí.",
        "Trẻ em được tiêm miễn phí.",
    ),
    (
        "Liên hệ ☎ 0912.345.678.",
        "Liên hệ không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "Nhắn tin ☎️ 0987654321.",
        "Nhắn tin không chín tám bảy, sáu năm bốn, ba hai một.",
    ),
    (
        "Hotline 📞 0912.345.678",
        "Hót-lai không chín một hai, ba bốn năm, sáu bảy tám",
    ),
    (
        "★ Lưu ý ★",
        "Lưu ý",
    ),
    (
        "🙏 Xin cảm ơn!",
        "Xin cảm ơn!",
    ),
    (
        "Xin trân trọng cảm ơn!🙏",
        "Xin trân trọng cảm ơn!",
    ),
    (
        "Bà con lưu ý!!! 😊",
        "Bà con lưu ý!!!",
    ),
    (
        "Hẹn gặp lại 👋 nhé.",
        "Hẹn gặp lại nhé.",
    ),
    (
        "⭐ Lớp 10A1 đạt giải Nhất.",
        "Lớp mười A một đạt giải Nhất.",
    ),
    (
        "🌾 Năng suất lúa đạt 65 tạ/ha.",
        "Năng suất lúa đạt sáu mươi lăm tạ trên héc-ta.",
    ),
    (
        "Thời gian: ⏰ 7h30 ngày 5/12/2026 (thứ Bảy).",
        "Thời gian: bảy giờ ba mươi phút ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu, thứ Bảy.",
    ),
    (
        "Lịch cúp điện 🔌: từ 6h đến 11h30 và 13h30-17h ngày 20/12.",
        "Lịch cúp điện: từ sáu giờ đến mười một giờ ba mươi phút và từ mười ba giờ ba mươi phút đến mười bảy giờ ngày hai mươi tháng mười hai.",
    ),
    (
        "Cúp điện 📢 từ 7h đến 11h30.",
        "Cúp điện từ bảy giờ đến mười một giờ ba mươi phút.",
    ),
    # between a word and a capital: a pause
    (
        "🚨 Cảnh báo lừa đảo 🚨 Không cung cấp mã OTP cho bất kỳ ai.",
        "Cảnh báo lừa đảo, Không cung cấp mã ô tê pê cho bất kỳ ai.",
    ),
    (
        "Bà con lưu ý 👉 Mang theo thẻ BHYT.",
        "Bà con lưu ý, Mang theo thẻ bảo hiểm y tế.",
    ),
    (
        "✅ Đúng giờ ✅ Đủ giấy tờ.",
        "Đúng giờ, Đủ giấy tờ.",
    ),
    (
        "Học sinh nghỉ học ⛔ Tuyệt đối không tắm sông.",
        "Học sinh nghỉ học, Tuyệt đối không tắm sông.",
    ),
    (
        "THÔNG BÁO ⚠️ Cúp điện từ 7h-17h ngày 6/12.",
        "Thông báo, Cúp điện từ bảy giờ đến mười bảy giờ ngày sáu tháng mười hai.",
    ),
    # keycaps and the emoji forms of marks
    (
        "Số 1️⃣ Nộp đơn.",
        "Số một, Nộp đơn.",
    ),
    (
        "Thôn 3️⃣ họp.",
        "Thôn ba họp.",
    ),
    (
        "1️⃣ Nộp hồ sơ tại bộ phận một cửa.",
        "Nộp hồ sơ tại bộ phận một cửa.",
    ),
    (
        "1️⃣ Nộp hồ sơ tại bộ phận một cửa.\n2️⃣ Nhận giấy hẹn.\n3️⃣ Nhận kết quả sau 3 ngày.",
        "Nộp hồ sơ tại bộ phận một cửa.\nNhận giấy hẹn.\nNhận kết quả sau ba ngày.",
    ),
    (
        "Cảnh báo‼️ Không tắm sông.",
        "Cảnh báo! Không tắm sông.",
    ),
    (
        "Bà con lưu ý‼️ Không tắm sông, suối.",
        "Bà con lưu ý! Không tắm sông, suối.",
    ),
    (
        "Sao vậy⁉️",
        "Sao vậy?",
    ),
    (
        "Giấy chứng nhận № 125.",
        "Giấy chứng nhận số một trăm hai mươi lăm.",
    ),
    # must not change
    (
        "✓ Đã xong.",
        "Đã xong.",
    ),
    (
        "► Mục 1.",
        "Mục một.",
    ),
    (
        "• Mang theo CCCD.",
        "Mang theo căn cước công dân.",
    ),
    (
        "Đăng ký → nộp hồ sơ → nhận kết quả.",
        "Đăng ký, nộp hồ sơ, nhận kết quả.",
    ),
    (
        "Nhiệt độ 25℃.",
        "Nhiệt độ hai mươi lăm độ xê.",
    ),
    (
        "Lợn 100 kg ± 5 kg.",
        "Lợn một trăm ki-lô-gam cộng trừ năm ki-lô-gam.",
    ),
    (
        "Diện tích ≥ 2 ha.",
        "Diện tích không dưới hai héc-ta.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), EMOJI)
def test_emoji_and_pictographs_are_silent(text: str, spoken: str) -> None:
    check_reading(text, spoken)


def test_emoji_alone_leave_nothing_to_read() -> None:
    with pytest.raises(NormalizationError):
        normalize("⚠️⚠️⚠️ 👍", region="north")


# --- items numbered inside a line ------------------------------------------------------------------
# "1) Nộp hồ sơ; 2) Nhận kết quả": the first number at the start of the line is silent, the next ones
# after a semicolon were read ("Nộp hồ sơ; hai, Nhận kết quả", "b, Hộ cận nghèo"). After a colon or a
# semicolon a number or a letter with a bracket before a word is silent too, and a number with a dot
# after a semicolon; after a colon a number with a dot may be a value and is read.
INLINE_NUMBERS = [
    (
        "1) Nộp hồ sơ; 2) Nhận kết quả.",
        "Nộp hồ sơ; Nhận kết quả.",
    ),
    (
        "1. Nộp hồ sơ; 2. Nhận kết quả.",
        "Nộp hồ sơ; Nhận kết quả.",
    ),
    (
        "a) Hộ nghèo; b) Hộ cận nghèo.",
        "Hộ nghèo; Hộ cận nghèo.",
    ),
    (
        "Hồ sơ gồm: a) Đơn đề nghị; b) Bản sao CCCD; c) Giấy xác nhận của thôn.",
        "Hồ sơ gồm: Đơn đề nghị; Bản sao căn cước công dân; Giấy xác nhận của thôn.",
    ),
    (
        "Điều kiện: 1) Có hộ khẩu thường trú tại xã; 2) Chưa được hỗ trợ lần nào.",
        "Điều kiện: Có hộ khẩu thường trú tại xã; Chưa được hỗ trợ lần nào.",
    ),
    (
        "Quy trình:1) Nộp hồ sơ;2) Nhận giấy hẹn;3) Nhận kết quả.",
        "Quy trình: Nộp hồ sơ; Nhận giấy hẹn; Nhận kết quả.",
    ),
    # must not change: a value after a colon, a count after a semicolon
    (
        "Điểm: 8. Xếp loại: Giỏi.",
        "Điểm: tám. Xếp loại: Giỏi.",
    ),
    (
        "Hộ nghèo: 12 hộ; hộ cận nghèo: 20 hộ.",
        "Hộ nghèo: mười hai hộ; hộ cận nghèo: hai mươi hộ.",
    ),
    (
        "Họp tổ (lúc 7:30) tại nhà văn hóa.",
        "Họp tổ, lúc bảy giờ ba mươi phút, tại nhà văn hóa.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), INLINE_NUMBERS)
def test_items_numbered_inside_a_line(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- the half of a school year ---------------------------------------------------------------------
# "HK I", "HK II", "HK1": "học kỳ" (was spelled "hát ca" and flagged; "HK I" left the letter "I").
SCHOOL_TERMS = [
    (
        "Sơ kết HK I năm học 2026 - 2027.",
        "Sơ kết học kỳ một năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "HK II năm học 2026-2027.",
        "học kỳ hai năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Học kỳ I, HKI, HK1.",
        "Học kỳ một, học kỳ một, học kỳ một.",
    ),
    (
        "Điểm TB HK I đạt 8,5.",
        "Điểm trung bình học kỳ một đạt tám phẩy năm.",
    ),
    (
        "Thi HK II lớp 9 từ ngày 4/5 đến ngày 8/5/2027.",
        "Thi học kỳ hai lớp chín từ ngày bốn tháng năm đến ngày tám tháng năm năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Sơ kết HK II.",
        "Sơ kết học kỳ hai.",
    ),
    (
        "Kết quả HK I và HK II.",
        "Kết quả học kỳ một và học kỳ hai.",
    ),
    (
        "HK1 năm học 2026-2027 kết thúc ngày 10/1/2027.",
        "học kỳ một năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy kết thúc ngày mười tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
    # must not change
    (
        "Thi học kỳ II từ ngày 10/5.",
        "Thi học kỳ hai từ ngày mười tháng năm.",
    ),
    (
        "Năm học 2026-2027 khai giảng ngày 5/9.",
        "Năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy khai giảng ngày năm tháng chín.",
    ),
    (
        "Học sinh lớp 9A2, 12C3 đạt giải.",
        "Học sinh lớp chín A hai, mười hai C ba đạt giải.",
    ),
    (
        "Học sinh lớp 10A1 trường THPT Lê Lợi.",
        "Học sinh lớp mười A một trường trung học phổ thông Lê Lợi.",
    ),
    (
        "Trường TH&THCS xã An Bình.",
        "Trường tiểu học và trung học cơ sở xã An Bình.",
    ),
    (
        "Tỷ lệ tốt nghiệp THPT đạt 99,5%.",
        "Tỷ lệ tốt nghiệp trung học phổ thông đạt chín mươi chín phẩy năm phần trăm.",
    ),
    (
        "Học sinh khối 10 THPT nghỉ học từ ngày 15/1 đến 25/1/2027.",
        "Học sinh khối mười trung học phổ thông nghỉ học từ ngày mười lăm tháng một đến ngày hai mươi lăm tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), SCHOOL_TERMS)
def test_the_half_of_a_school_year(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- health station: chronic diseases, vaccines, a doctor named ----------------------------------------
# "THA, ĐTĐ": "tăng huyết áp", "đái tháo đường" (ĐTĐ was spelled and flagged, THA read as the word
# "tha"); THA only beside a disease word or ĐTĐ, since "THA THỨ" in a heading is the word. "OPV" is
# spelled like "IPV" without a warning; "(BS Hùng)", "liên hệ BS Lan" are a doctor.
HEALTH = [
    (
        "Quản lý bệnh nhân ĐTĐ, THA tại TYT.",
        "Quản lý bệnh nhân đái tháo đường, tăng huyết áp tại Trạm Y tế.",
    ),
    (
        "Khám sàng lọc THA, ĐTĐ miễn phí cho người trên 40 tuổi.",
        "Khám sàng lọc tăng huyết áp, đái tháo đường miễn phí cho người trên bốn mươi tuổi.",
    ),
    (
        "Người mắc ĐTĐ cần khám định kỳ.",
        "Người mắc đái tháo đường cần khám định kỳ.",
    ),
    (
        "Bệnh nhân THA uống thuốc đều.",
        "Bệnh nhân tăng huyết áp uống thuốc đều.",
    ),
    (
        "Phòng bệnh THA.",
        "Phòng bệnh tăng huyết áp.",
    ),
    (
        "Đề nghị người cao tuổi, người mắc bệnh nền (THA, ĐTĐ, tim mạch) tiêm phòng cúm.",
        "Đề nghị người cao tuổi, người mắc bệnh nền, tăng huyết áp, đái tháo đường, tim mạch, tiêm phòng cúm.",
    ),
    (
        "Tiêm bổ sung OPV, IPV, DPT, VGB.",
        "Tiêm bổ sung o pê vê, i pê vê, dê pê tê, viêm gan bê.",
    ),
    (
        "Tiêm vắc xin OPV (uống) cho trẻ 2, 3, 4 tháng tuổi.",
        "Tiêm vắc xin o pê vê, uống, cho trẻ hai, ba, bốn tháng tuổi.",
    ),
    (
        "Liên hệ: 0912.345.678 (BS Hùng).",
        "Liên hệ: không chín một hai, ba bốn năm, sáu bảy tám, bác sĩ Hùng.",
    ),
    (
        "Mọi thắc mắc xin liên hệ BS Lan, Trạm Y tế xã.",
        "Mọi thắc mắc xin liên hệ bác sĩ Lan, Trạm Y tế xã.",
    ),
    # must not change
    (
        "THA THỨ CHO NGƯỜI LẦM LỠ.",
        "Tha thứ cho người lầm lỡ.",
    ),
    (
        "Tiêm vắc xin Pfizer mũi 3, liều 0,5ml.",
        "Tiêm vắc xin Pfizer mũi ba, liều không phẩy năm mi-li-lít.",
    ),
    (
        "Liều 1ml/kg thể trọng.",
        "Liều một mi-li-lít trên ki-lô-gam thể trọng.",
    ),
    (
        "Vắc xin 5 trong 1, 6 trong 1.",
        "Vắc xin năm trong một, sáu trong một.",
    ),
    (
        "Tiêm vắc xin 6 trong 1 (Hexaxim) mũi 1 lúc trẻ 2 tháng tuổi.",
        "Tiêm vắc xin sáu trong một, Hexaxim, mũi một lúc trẻ hai tháng tuổi.",
    ),
    (
        "Tiêm vắc xin phòng Viêm não Nhật Bản mũi 1, 2, 3.",
        "Tiêm vắc xin phòng Viêm não Nhật Bản mũi một, hai, ba.",
    ),
    (
        "Người dân đi KCB BHYT mang theo CCCD gắn chip hoặc VNeID mức 2.",
        "Người dân đi khám chữa bệnh bảo hiểm y tế mang theo căn cước công dân gắn chip hoặc vê-nê-ai-đi mức hai.",
    ),
    (
        "Khám tại TTYT huyện hoặc BVĐK tỉnh.",
        "Khám tại Trung tâm Y tế huyện hoặc Bệnh viện Đa khoa tỉnh.",
    ),
    (
        "Uống 2 viên/ngày.",
        "Uống hai viên mỗi ngày.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), HEALTH)
def test_health_station_notices(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- farm extension: formulations, grams, a grade per an area, livestock ----------------------------
# "Regent 800WG", "Tilt Super 300EC": the formulation after a trade name's strength is spelled without
# a warning (only "50% EC" was known). "500gr": grams. "NPK 5-10-3/sào": the grade, then "mỗi sào"
# (was "năm, mười, ba, sào", or "năm đến mười đến ba" after a number). "VDNC": "viêm da nổi cục".
FARM = [
    (
        "Thuốc Regent 800WG, Virtako 40WG.",
        "Thuốc Regent tám trăm vê kép giê, Virtako bốn mươi vê kép giê.",
    ),
    (
        "Dùng thuốc Anvil 5SC, liều 30ml/bình 16 lít.",
        "Dùng thuốc Anvil năm ét xê, liều ba mươi mi-li-lít mỗi bình mười sáu lít.",
    ),
    (
        "Thuốc Amistar Top 325SC, Tilt Super 300EC.",
        "Thuốc Amistar Top ba trăm hai mươi lăm ét xê, Tilt Super ba trăm e xê.",
    ),
    (
        "Thuốc trừ cỏ Sofit 300EC pha 30ml/bình 16l.",
        "Thuốc trừ cỏ Sofit ba trăm e xê pha ba mươi mi-li-lít mỗi bình mười sáu lít.",
    ),
    (
        "Thuốc Regent 800 WG.",
        "Thuốc Regent tám trăm vê kép giê.",
    ),
    (
        "Phun Anvil 5 SC.",
        "Phun Anvil năm ét xê.",
    ),
    (
        "Cân 500gr thịt.",
        "Cân năm trăm gam thịt.",
    ),
    (
        "Mỗi gói 20 gr.",
        "Mỗi gói hai mươi gam.",
    ),
    (
        "Pha 1 gói 25gr/bình.",
        "Pha một gói hai mươi lăm gam mỗi bình.",
    ),
    (
        "Bón 10 kg NPK 16-16-8/sào.",
        "Bón mười ki-lô-gam nờ pê ca mười sáu, mười sáu, tám mỗi sào.",
    ),
    (
        "Trạm Khuyến nông huyện khuyến cáo: gieo mạ khi nhiệt độ trung bình trên 15°C, bón lót 8-10 kg phân NPK 5-10-3/sào.",
        "Trạm Khuyến nông huyện khuyến cáo: gieo mạ khi nhiệt độ trung bình trên mười lăm độ xê, bón lót tám đến mười ki-lô-gam phân nờ pê ca năm, mười, ba mỗi sào.",
    ),
    (
        "Bón NPK 16-16-8/ha.",
        "Bón nờ pê ca mười sáu, mười sáu, tám trên héc-ta.",
    ),
    (
        "Bệnh VDNC ở bò.",
        "Bệnh viêm da nổi cục ở bò.",
    ),
    (
        "Dịch bệnh VDNC trên đàn trâu bò đang lây lan.",
        "Dịch bệnh viêm da nổi cục trên đàn trâu bò đang lây lan.",
    ),
    (
        "Phân NPK 20-20-15 + TE.",
        "Phân nờ pê ca hai mươi, hai mươi, mười lăm và tê e.",
    ),
    # must not change
    (
        "Bón 200 kg/ha phân NPK 16-16-8.",
        "Bón hai trăm ki-lô-gam trên héc-ta phân nờ pê ca mười sáu, mười sáu, tám.",
    ),
    (
        "Bón phân NPK 5-10-3 lượng 8 kg/sào.",
        "Bón phân nờ pê ca năm, mười, ba lượng tám ki-lô-gam mỗi sào.",
    ),
    (
        "Năng suất ngô đạt 5,5 tấn/ha.",
        "Năng suất ngô đạt năm phẩy năm tấn trên héc-ta.",
    ),
    (
        "Đổ 15 m³ bê tông.",
        "Đổ mười lăm mét khối bê tông.",
    ),
    (
        "Mỗi sào 360 m2 bón 8 kg đạm.",
        "Mỗi sào ba trăm sáu mươi mét vuông bón tám ki-lô-gam đạm.",
    ),
    (
        "Pha 15cc/bình 16 lít.",
        "Pha mười lăm phân khối mỗi bình mười sáu lít.",
    ),
    (
        "Pha 1 gói 10g/bình 16 lít.",
        "Pha một gói mười gam mỗi bình mười sáu lít.",
    ),
    (
        "Gieo 1,5-2 kg giống/sào.",
        "Gieo một phẩy năm đến hai ki-lô-gam giống mỗi sào.",
    ),
    (
        "Phun 400-500 lít nước/ha.",
        "Phun bốn trăm đến năm trăm lít nước trên héc-ta.",
    ),
    (
        "Dùng 0,5 l/ha.",
        "Dùng không phẩy năm lít trên héc-ta.",
    ),
    (
        "Mật độ 150-200 con/m2, cao 500 con/m2.",
        "Mật độ một trăm năm mươi đến hai trăm con trên mét vuông, cao năm trăm con trên mét vuông.",
    ),
    (
        "Sâu non tuổi 1-2 nở rộ từ 10-15/6.",
        "Sâu non tuổi một đến hai nở rộ từ ngày mười đến ngày mười lăm tháng sáu.",
    ),
    (
        "Nhiệt độ xuống dưới 13 °C, không gieo mạ.",
        "Nhiệt độ xuống dưới mười ba độ xê, không gieo mạ.",
    ),
    (
        "Giống lúa BC15, TBR225, Thiên ưu 8 cấy trà xuân muộn.",
        "Giống lúa bê xê mười lăm, tê bê rờ hai trăm hai mươi lăm, Thiên ưu tám cấy trà xuân muộn.",
    ),
    (
        "Tiêm phòng LMLM, THT, dại.",
        "Tiêm phòng lở mồm long móng, tụ huyết trùng, dại.",
    ),
    (
        "Cân 2 lạng, 3 yến, 5 tạ.",
        "Cân hai lạng, ba yến, năm tạ.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), FARM)
def test_farm_extension_notices(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- lunar dates and festivals ---------------------------------------------------------------------
# "10/3 âl": the lower-case "âl" is "âm lịch" like "ÂL", and makes the first month "Giêng" (was left).
LUNAR = [
    (
        "Ngày 10/3 âl giỗ Tổ Hùng Vương.",
        "Ngày mười tháng ba âm lịch giỗ Tổ Hùng Vương.",
    ),
    (
        "Lễ hội làng diễn ra ngày 15/1 âl.",
        "Lễ hội làng diễn ra ngày mười lăm tháng Giêng âm lịch.",
    ),
    # must not change
    (
        "Ngày 23 tháng Chạp, ông Công ông Táo về trời.",
        "Ngày hai mươi ba tháng Chạp, ông Công ông Táo về trời.",
    ),
    (
        "Lễ hội đình làng diễn ra từ mùng 10 đến 12 tháng Giêng.",
        "Lễ hội đình làng diễn ra từ mùng mười đến mười hai tháng Giêng.",
    ),
    (
        "Ngày 15/1 âm lịch (tức ngày 21/2/2027) tổ chức lễ Thượng nguyên.",
        "Ngày mười lăm tháng Giêng âm lịch, tức ngày hai mươi mốt tháng hai năm hai nghìn không trăm hai mươi bảy, tổ chức lễ Thượng nguyên.",
    ),
    (
        "Rằm tháng Giêng, Tết Đoan ngọ mùng 5/5 âm lịch.",
        "Rằm tháng Giêng, Tết Đoan ngọ mùng năm tháng năm âm lịch.",
    ),
    (
        "Tết Trung thu 15/8 âm lịch.",
        "Tết Trung thu ngày mười lăm tháng tám âm lịch.",
    ),
    (
        "Giao thừa 0h ngày 1/1 âm lịch.",
        "Giao thừa không giờ ngày một tháng Giêng âm lịch.",
    ),
    (
        "Từ 22h30 ngày 30 Tết đến 1h ngày mùng 1.",
        "Từ hai mươi hai giờ ba mươi phút ngày ba mươi Tết đến một giờ ngày mùng một.",
    ),
    (
        "Rằm tháng 7 (Vu Lan) năm Bính Ngọ, đề nghị bà con không đốt vàng mã gần khu dân cư.",
        "Rằm tháng bảy, Vu Lan, năm Bính Ngọ, đề nghị bà con không đốt vàng mã gần khu dân cư.",
    ),
    (
        "Mùng 1 và Rằm hằng tháng, nhà văn hóa mở cửa từ 6h đến 21h.",
        "Mùng một và Rằm hằng tháng, nhà văn hóa mở cửa từ sáu giờ đến hai mươi mốt giờ.",
    ),
    (
        "Ngày 1/1/2027 (tức ngày 23 tháng 11 năm Bính Ngọ).",
        "Ngày một tháng một năm hai nghìn không trăm hai mươi bảy, tức ngày hai mươi ba tháng mười một năm Bính Ngọ.",
    ),
    (
        "Nhân dịp Tết Nguyên đán Đinh Mùi 2027, UBND xã tổ chức chợ hoa Xuân từ ngày 25 tháng Chạp đến hết ngày 30 tháng Chạp (tức từ ngày 1/2 đến ngày 5/2/2027).",
        "Nhân dịp Tết Nguyên đán Đinh Mùi hai nghìn không trăm hai mươi bảy, Ủy ban nhân dân xã tổ chức chợ hoa Xuân từ ngày hai mươi lăm tháng Chạp đến hết ngày ba mươi tháng Chạp, tức từ ngày một tháng hai đến ngày năm tháng hai năm hai nghìn không trăm hai mươi bảy.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), LUNAR)
def test_lunar_dates_and_festivals(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- times as typed, congresses and plans, contacts, money typed on phones: must not change ----------
KEPT = [
    (
        "Họp lúc 7h30' ngày 5/12.",
        "Họp lúc bảy giờ ba mươi phút ngày năm tháng mười hai.",
    ),
    (
        "Tiêm chủng từ 7h30-11h, chiều 13h30'-16h30'.",
        "Tiêm chủng từ bảy giờ ba mươi phút đến mười một giờ, chiều từ mười ba giờ ba mươi phút đến mười sáu giờ ba mươi phút.",
    ),
    (
        "Bắt đầu lúc 8 giờ 00 phút ngày 10/12/2026.",
        "Bắt đầu lúc tám giờ ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Lúc 14h00' ngày 3/12.",
        "Lúc mười bốn giờ ngày ba tháng mười hai.",
    ),
    (
        "Thời gian: 7h30 - 11h30 | 13h30 - 17h.",
        "Thời gian: từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút, từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    (
        "Sáng 7g30-11g, chiều 13g30-17g.",
        "Sáng từ bảy giờ ba mươi phút đến mười một giờ, chiều từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    (
        "Đúng 24h00 ngày 31/12/2026.",
        "Đúng hai mươi tư giờ ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Đại hội Đảng bộ xã lần thứ XXIV, nhiệm kỳ 2025-2030 diễn ra trong 2 ngày 15-16/7/2025.",
        "Đại hội Đảng bộ xã lần thứ hai mươi tư, nhiệm kỳ hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm ba mươi diễn ra trong hai ngày mười lăm đến ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Đại hội đại biểu Hội LHPN xã lần thứ XV, nhiệm kỳ 2026-2031.",
        "Đại hội đại biểu Hội Liên hiệp Phụ nữ xã lần thứ mười lăm, nhiệm kỳ hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi mốt.",
    ),
    (
        "Đại hội Đoàn TNCS Hồ Chí Minh xã lần thứ XXVI.",
        "Đại hội Đoàn thanh niên cộng sản Hồ Chí Minh xã lần thứ hai mươi sáu.",
    ),
    (
        "Chào mừng thành công Đại hội đại biểu toàn quốc lần thứ XIV của Đảng!",
        "Chào mừng thành công Đại hội đại biểu toàn quốc lần thứ mười bốn của Đảng!",
    ),
    (
        "Hội nghị lần thứ 10 BCH Trung ương khóa XIII.",
        "Hội nghị lần thứ mười Ban Chấp hành Trung ương khóa mười ba.",
    ),
    (
        "Thực hiện Kế hoạch số 123/KH-UBND ngày 2/12/2026 của UBND huyện về triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
        "Thực hiện Kế hoạch số một trăm hai mươi ba ngày hai tháng mười hai năm hai nghìn không trăm hai mươi sáu của Ủy ban nhân dân huyện về triển khai Nghị quyết số năm mươi bảy ngày hai mươi hai tháng mười hai năm hai nghìn không trăm hai mươi tư của Bộ Chính trị.",
    ),
    (
        "Kết luận số 123-KL/TW.",
        "Kết luận số một trăm hai mươi ba của Trung ương.",
    ),
    (
        "Hướng dẫn số 15-HD/BTGTW.",
        "Hướng dẫn số mười lăm của Ban Tuyên giáo Trung ương.",
    ),
    (
        "Luật số 31/2024/QH15.",
        "Luật số ba mươi mốt, năm hai nghìn không trăm hai mươi tư của Quốc hội khóa mười lăm.",
    ),
    (
        "Liên hệ: 0912.345.678 (anh Nam) hoặc 0987 654 321 (chị Hoa).",
        "Liên hệ: không chín một hai, ba bốn năm, sáu bảy tám, anh Nam hoặc không chín tám bảy, sáu năm bốn, ba hai một, chị Hoa.",
    ),
    (
        "Liên hệ 091.234.5678.",
        "Liên hệ không chín một, hai ba bốn, năm sáu bảy tám.",
    ),
    (
        "SĐT 0912 34 56 78.",
        "số điện thoại không chín một hai, ba bốn, năm sáu, bảy tám.",
    ),
    (
        "Tổng đài 1900.9095.",
        "Tổng đài một chín không không, chín không chín năm.",
    ),
    (
        "Gọi 113, 114, 115 khi khẩn cấp.",
        "Gọi một một ba, một một bốn, một một năm khi khẩn cấp.",
    ),
    (
        "Zalo: 0912345678.",
        "da-lô: không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "Giá 1tr2/tháng.",
        "Giá một triệu hai một tháng.",
    ),
    (
        "Giá 2tr500.",
        "Giá hai triệu năm trăm.",
    ),
    (
        "Giá 150k/người.",
        "Giá một trăm năm mươi nghìn một người.",
    ),
    (
        "Giá 1,5tr.",
        "Giá một phẩy năm triệu.",
    ),
    (
        "Giá vé 1tr5/người, trẻ em 750k.",
        "Giá vé một triệu năm một người, trẻ em bảy trăm năm mươi nghìn.",
    ),
    (
        "Tổng kinh phí xây dựng nhà văn hóa là 2,5 tỷ đồng, trong đó ngân sách tỉnh hỗ trợ 1,2 tỷ đồng, nhân dân đóng góp 500 triệu đồng.",
        "Tổng kinh phí xây dựng nhà văn hóa là hai phẩy năm tỷ đồng, trong đó ngân sách tỉnh hỗ trợ một phẩy hai tỷ đồng, nhân dân đóng góp năm trăm triệu đồng.",
    ),
    (
        "Họp lúc 7h30 , ngày 5/12 .",
        "Họp lúc bảy giờ ba mươi phút, ngày năm tháng mười hai.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), KEPT)
def test_times_congresses_contacts_and_money_keep_their_readings(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- the Party, welfare --------------------------------------------------------------------------
# "ĐCSVN", "Đảng CSVN": "Đảng Cộng sản Việt Nam" (were spelled and flagged); "BTXH": "bảo trợ xã hội".
PARTY_AND_WELFARE = [
    (
        "Kỷ niệm 97 năm Ngày thành lập ĐCSVN (3/2/1930 - 3/2/2027).",
        "Kỷ niệm chín mươi bảy năm Ngày thành lập Đảng Cộng sản Việt Nam, ngày ba tháng hai năm một nghìn chín trăm ba mươi đến ngày ba tháng hai năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Đảng CSVN quang vinh muôn năm!",
        "Đảng Cộng sản Việt Nam quang vinh muôn năm!",
    ),
    (
        "ĐẢNG CSVN QUANG VINH MUÔN NĂM!",
        "Đảng Cộng sản Việt Nam quang vinh muôn năm!",
    ),
    (
        "Chi trả trợ cấp cho đối tượng BTXH tháng 12/2026.",
        "Chi trả trợ cấp cho đối tượng bảo trợ xã hội tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    # must not change
    (
        "Lực lượng CAND, QĐND.",
        "Lực lượng Công an nhân dân, Quân đội nhân dân.",
    ),
    (
        "Đoàn TNCS HCM, Hội CCB, Hội ND, Hội PN, MTTQ VN.",
        "Đoàn thanh niên cộng sản Hồ Chí Minh, Hội Cựu chiến binh, Hội Nông dân, Hội Phụ nữ, Mặt trận Tổ quốc Việt Nam.",
    ),
    (
        "Nhà ĐĐK, nhà tạm.",
        "Nhà Đại đoàn kết, nhà tạm.",
    ),
    (
        "Gia đình CS, người có công (NCC).",
        "Gia đình chính sách, người có công.",
    ),
    (
        "Tháng 11/2026 đến nay, toàn xã có 15 ca SXH.",
        "Tháng mười một năm hai nghìn không trăm hai mươi sáu đến nay, toàn xã có mười lăm ca sốt xuất huyết.",
    ),
    (
        "Trạm Y tế xã khám, phát thuốc miễn phí cho NCT từ 80 tuổi.",
        "Trạm Y tế xã khám, phát thuốc miễn phí cho người cao tuổi từ tám mươi tuổi.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), PARTY_AND_WELFARE)
def test_the_party_and_welfare(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- prices per a unit in a range, numbered things listed with a glued comma ---------------------------
# "35.000đ/kg - 40.000đ/kg", "50 km/h - 60 km/h": a range whose ends carry a unit per another is read
# "đến" (the dash was left between the two prices). "tiết 3,4", "câu 3,4", "cụm 1,2" are listed like
# "khoản 1,2" (were decimals, "ba phẩy bốn"); a count after them keeps the decimal ("1,5 điểm").
RANGES_AND_LISTS = [
    (
        "Giá 35.000đ/kg - 40.000đ/kg.",
        "Giá ba mươi lăm nghìn đồng một ki-lô-gam đến bốn mươi nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá lợn hơi 60.000 đồng/kg - 65.000 đồng/kg.",
        "Giá lợn hơi sáu mươi nghìn đồng một ki-lô-gam đến sáu mươi lăm nghìn đồng một ki-lô-gam.",
    ),
    (
        "Xe chạy 50 km/h - 60 km/h.",
        "Xe chạy năm mươi ki-lô-mét trên giờ đến sáu mươi ki-lô-mét trên giờ.",
    ),
    (
        "Tiết 1-2, tiết 3,4.",
        "Tiết một đến hai, tiết ba, bốn.",
    ),
    (
        "Sai câu 3,4 phần trắc nghiệm.",
        "Sai câu ba, bốn phần trắc nghiệm.",
    ),
    (
        "Cụm 1,2 thi đấu sáng thứ Bảy.",
        "Cụm một, hai thi đấu sáng thứ Bảy.",
    ),
    # must not change
    (
        "Mật độ 20 con/m2 - 30 con/m2.",
        "Mật độ hai mươi con trên mét vuông đến ba mươi con trên mét vuông.",
    ),
    (
        "Giá lúa 7.500-8.000đ/kg.",
        "Giá lúa bảy nghìn năm trăm đến tám nghìn đồng một ki-lô-gam.",
    ),
    (
        "Nghỉ từ 5/12 - 7/12.",
        "Nghỉ từ ngày năm tháng mười hai đến ngày bảy tháng mười hai.",
    ),
    (
        "Bài thi được cộng 1,5 điểm.",
        "Bài thi được cộng một phẩy năm điểm.",
    ),
    (
        "Học phí 50k/tháng/học sinh.",
        "Học phí năm mươi nghìn một tháng một học sinh.",
    ),
    (
        "Lịch học: T2-T6, sáng 7h15.",
        "Lịch học: thứ hai đến thứ sáu, sáng bảy giờ mười lăm phút.",
    ),
    (
        "Tuần 15 (từ 8/12-13/12).",
        "Tuần mười lăm, từ ngày tám tháng mười hai đến ngày mười ba tháng mười hai.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), RANGES_AND_LISTS)
def test_prices_per_a_unit_in_a_range_and_numbered_lists(text: str, spoken: str) -> None:
    check_reading(text, spoken)


# --- whole notices ---------------------------------------------------------------------------------
LONG = [
    (
        "📢 THÔNG BÁO: Trạm Y tế xã tổ chức khám sàng lọc THA, ĐTĐ miễn phí cho người từ 40 tuổi trở lên vào sáng thứ Bảy 12/12, từ 7h-10h30 tại TYT xã. 👉 Mang theo thẻ BHYT và CCCD. ☎️ Liên hệ: 0912.345.678 (BS Hùng).",
        "Thông báo: Trạm Y tế xã tổ chức khám sàng lọc tăng huyết áp, đái tháo đường miễn phí cho người từ bốn mươi tuổi trở lên vào sáng thứ Bảy ngày mười hai tháng mười hai, từ bảy giờ đến mười giờ ba mươi phút tại Trạm Y tế xã. Mang theo thẻ bảo hiểm y tế và căn cước công dân. Liên hệ: không chín một hai, ba bốn năm, sáu bảy tám, bác sĩ Hùng.",
    ),
    (
        "⚠️ Trạm Khuyến nông khuyến cáo: nhiệt độ dưới 13°C không gieo mạ; bón lót 8-10 kg NPK 5-10-3/sào; phun Regent 800WG 1 gói/bình 16 lít, 2 bình/sào 360m2.",
        "Trạm Khuyến nông khuyến cáo: nhiệt độ dưới mười ba độ xê không gieo mạ; bón lót tám đến mười ki-lô-gam nờ pê ca năm, mười, ba mỗi sào; phun Regent tám trăm vê kép giê một gói mỗi bình mười sáu lít, hai bình mỗi sào ba trăm sáu mươi mét vuông.",
    ),
    (
        "✅ Trường THCS xã thông báo: Sơ kết HK I năm học 2026-2027 vào 14h ngày 9/1/2027; học sinh lớp 9A1, 9A2 tập trung lúc 13h30'.",
        "Trường trung học cơ sở xã thông báo: Sơ kết học kỳ một năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy vào mười bốn giờ ngày chín tháng một năm hai nghìn không trăm hai mươi bảy; học sinh lớp chín A một, chín A hai tập trung lúc mười ba giờ ba mươi phút.",
    ),
    (
        "🎉 Chào mừng Đại hội Đảng bộ xã lần thứ XXIV, nhiệm kỳ 2025-2030! Thực hiện Kế hoạch số 123/KH-UBND, lễ dâng hương đầu Xuân Đinh Mùi 2027 diễn ra vào 7g30 ngày mùng 6 tháng Giêng (tức 11/2/2027).",
        "Chào mừng Đại hội Đảng bộ xã lần thứ hai mươi tư, nhiệm kỳ hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm ba mươi! Thực hiện Kế hoạch số một trăm hai mươi ba của Ủy ban nhân dân, lễ dâng hương đầu Xuân Đinh Mùi hai nghìn không trăm hai mươi bảy diễn ra vào bảy giờ ba mươi phút ngày mùng sáu tháng Giêng, tức ngày mười một tháng hai năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "💰 Mức ủng hộ: hộ khá 500k, hộ trung bình 200k, hộ nghèo tự nguyện. Tổng kinh phí dự kiến 1tr5/hộ... Chuyển khoản: NH Agribank.",
        "Mức ủng hộ: hộ khá năm trăm nghìn, hộ trung bình hai trăm nghìn, hộ nghèo tự nguyện. Tổng kinh phí dự kiến một triệu năm một hộ... Chuyển khoản: ngân hàng Agribank.",
    ),
    (
        "Trạm Y tế xã thông báo: Tiêm vắc xin Sởi - Rubella (MR) mũi 2 cho trẻ 18 tháng tuổi vào sáng thứ Năm 10/12, từ 7h30-11h.",
        "Trạm Y tế xã thông báo: Tiêm vắc xin Sởi - Rubella mũi hai cho trẻ mười tám tháng tuổi vào sáng thứ Năm ngày mười tháng mười hai, từ bảy giờ ba mươi phút đến mười một giờ.",
    ),
    (
        "Trường THCS Nguyễn Du thông báo lịch họp phụ huynh HK I năm học 2026-2027: lớp 6A1, 6A2 lúc 7h30; lớp 7A1-7A3 lúc 14h ngày 13/12.",
        "Trường trung học cơ sở Nguyễn Du thông báo lịch họp phụ huynh học kỳ một năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy: lớp sáu A một, sáu A hai lúc bảy giờ ba mươi phút; lớp bảy A một đến bảy A ba lúc mười bốn giờ ngày mười ba tháng mười hai.",
    ),
    (
        "Mọi thông tin liên hệ: đồng chí Nguyễn Văn A, Phó Chủ tịch UBND xã, SĐT: 0912.345.678 hoặc Văn phòng UBND xã, ĐT: (0237) 3.852.123.",
        "Mọi thông tin liên hệ: đồng chí Nguyễn Văn A, Phó Chủ tịch Ủy ban nhân dân xã, số điện thoại: không chín một hai, ba bốn năm, sáu bảy tám hoặc Văn phòng Ủy ban nhân dân xã, điện thoại: không hai ba bảy, ba, tám năm hai, một hai ba.",
    ),
    (
        "Phun trừ rầy khi mật độ trên 3.000 con/m2, pha 15-20ml/bình 16 lít, phun 2 bình/sào 360m2.",
        "Phun trừ rầy khi mật độ trên ba nghìn con trên mét vuông, pha mười lăm đến hai mươi mi-li-lít mỗi bình mười sáu lít, phun hai bình mỗi sào ba trăm sáu mươi mét vuông.",
    ),
    (
        "📢 THÔNG BÁO KHẨN\n⚠️ Bão số 3 dự kiến đổ bộ chiều 6/12.\n👉 Bà con chằng chống nhà cửa, không ra khơi.\n☎️ Đường dây nóng: 0912.345.678",
        "Thông báo khẩn\nBão số ba dự kiến đổ bộ chiều ngày sáu tháng mười hai.\nBà con chằng chống nhà cửa, không ra khơi.\nĐường dây nóng: không chín một hai, ba bốn năm, sáu bảy tám",
    ),
    (
        "UBND XÃ AN PHÚ\n🔔 Thủ tục đăng ký khai sinh:\n1️⃣ Nộp tờ khai và giấy chứng sinh; 2) Nhận giấy hẹn.\n2️⃣ Nhận kết quả sau 3 ngày làm việc.\n👉 Liên hệ BS Lan nếu cần giấy chứng sinh.",
        "Ủy ban nhân dân xã an phú\nThủ tục đăng ký khai sinh:\nNộp tờ khai và giấy chứng sinh; Nhận giấy hẹn.\nNhận kết quả sau ba ngày làm việc.\nLiên hệ bác sĩ Lan nếu cần giấy chứng sinh.",
    ),
    (
        "🔴🔴 THÔNG BÁO KHẨN 🔴🔴\nDo ảnh hưởng của bão số 3, UBND xã yêu cầu:\n✅ Các hộ ven sông di dời trước 17h ngày 6/12;\n✅ Tàu thuyền vào nơi tránh trú an toàn;\n⛔ Tuyệt đối không ra khơi.\n📞 Trực ban PCTT xã: 0237.3852.123 / 0912.345.678.",
        "Thông báo khẩn\nDo ảnh hưởng của bão số ba, Ủy ban nhân dân xã yêu cầu:\nCác hộ ven sông di dời trước mười bảy giờ ngày sáu tháng mười hai;\nTàu thuyền vào nơi tránh trú an toàn;\nTuyệt đối không ra khơi.\nTrực ban phòng chống thiên tai xã: không hai ba bảy, ba tám năm hai, một hai ba, không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "⚠️CẢNH BÁO LỪA ĐẢO⚠️\nHiện nay xuất hiện đối tượng giả danh cán bộ BHXH gọi điện yêu cầu cài app. 👉 Bà con KHÔNG cung cấp mã OTP, KHÔNG chuyển tiền. Mọi thắc mắc gọi 113 hoặc CA xã: 0912 345 678.",
        "Cảnh báo lừa đảo\nHiện nay xuất hiện đối tượng giả danh cán bộ bảo hiểm xã hội gọi điện yêu cầu cài áp. Bà con không cung cấp mã ô tê pê, không chuyển tiền. Mọi thắc mắc gọi một một ba hoặc Công an xã: không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "🌾 KHUYẾN CÁO SẢN XUẤT VỤ XUÂN 2027 🌾\n• Gieo mạ từ 25/1 - 5/2/2027 (tức 18-29 tháng Chạp).\n• Bón lót: 8-10 kg NPK 5-10-3/sào.\n• Phòng trừ rầy: Virtako 40WG 3g/bình 16 lít.",
        "Khuyến cáo sản xuất vụ xuân hai nghìn không trăm hai mươi bảy\nGieo mạ từ ngày hai mươi lăm tháng một đến ngày năm tháng hai năm hai nghìn không trăm hai mươi bảy, tức mười tám đến hai mươi chín tháng Chạp.\nBón lót: tám đến mười ki-lô-gam nờ pê ca năm, mười, ba mỗi sào.\nPhòng trừ rầy: Virtako bốn mươi vê kép giê ba gam mỗi bình mười sáu lít.",
    ),
    (
        "🏫 Trường TH&THCS An Phú thông báo:\n1️⃣ Học sinh nghỉ Tết từ 15/2 đến 23/2/2027.\n2️⃣ Đi học lại ngày 24/2/2027 (mùng 8 tháng Giêng).\n3️⃣ Thi HK II từ 10/5.",
        "Trường tiểu học và trung học cơ sở An Phú thông báo:\nHọc sinh nghỉ Tết từ ngày mười lăm tháng hai đến ngày hai mươi ba tháng hai năm hai nghìn không trăm hai mươi bảy.\nĐi học lại ngày hai mươi tư tháng hai năm hai nghìn không trăm hai mươi bảy, mùng tám tháng Giêng.\nThi học kỳ hai từ ngày mười tháng năm.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), LONG)
def test_whole_notices(text: str, spoken: str) -> None:
    check_reading(text, spoken)

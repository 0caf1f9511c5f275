"""Readings of official text, eighteenth probe: genres covered little so far — the power company's
outage schedules ("từ 07h00 đến 17h00 ngày 05/12/2026, khu vực TBA Thôn 3, lộ 471"), weather and
river bulletins ("18-20°C", "cấp 3-4", "lúc 7h: 3,45m, trên BĐ1 0,25m"), market prices
("7.200-7.500đ/kg"), budget and tax results ("105,6% KH", "125,5 tr.đ"), lists of people commended
("SN 1990, Thôn 3"), citizens' reception days, recruitment and training notices, school notices
("8,5 điểm", "lớp 9A2", "tiết 3-4"), traffic ("QL1A", "Km 15+200", "ĐT.741"), health ("trẻ từ 6-36
tháng", "0,5ml") and the lunar calendar ("rằm tháng 7 âl") — and the leftovers of probe 17: a
dotted place before the next sentence ("Về TP. Sau đó…"), a bare mix ratio ("xi măng 3:1"), a phone
typed with spaced dots ("0912 . 345 . 678") and years chained by dashes ("2021 - 2025 - 2030"). One
table per subject (northern reading; the later tables hold what the probe found: feeders "XT 471",
transformer ratings "250kVA-22/0,4kV", classes "10/1, 10/2", mixes "3:2:1", "so với CK", signed
changes "(+0,15m so với 1h)", marks "Toán 8.5", "cuối kỳ I", "CC Tư pháp", items after "SN 1990;",
"(âl)"); each holds cases that must not change too. Every case is read
without a warning, reading the spoken text again changes nothing, and the same text in NFD reads the
same; the last tests hold the readings that are flagged."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report

from .official import check_reading

# --- lịch cắt điện: hours, dates, substations (TBA), lines (lộ), voltages ----------------------------
# Readings that must hold: "07h00" without its minutes, "TBA" "trạm biến áp", a line's number digit by
# digit ("lộ bốn bảy một"), "kV" "ki-lô-vôn", a switchboard number in two groups.
POWER_CUTS = [
    (
        "Điện lực thông báo tạm ngừng cung cấp điện từ 07h00 đến 17h00 ngày 05/12/2026.",
        "Điện lực thông báo tạm ngừng cung cấp điện từ bảy giờ đến mười bảy giờ ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Khu vực: TBA Thôn 3, lộ 471 E12.",
        "Khu vực: trạm biến áp Thôn ba, lộ bốn bảy một e mười hai.",
    ),
    (
        "Thời gian cắt điện: từ 7h30 - 16h30 ngày 10/12/2026 (thứ Năm).",
        "Thời gian cắt điện: từ bảy giờ ba mươi phút đến mười sáu giờ ba mươi phút ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu, thứ Năm.",
    ),
    (
        "Phạm vi mất điện: một phần xã Tân Phú, trạm biến áp Tân Phú 2, Tân Phú 5.",
        "Phạm vi mất điện: một phần xã Tân Phú, trạm biến áp Tân Phú hai, Tân Phú năm.",
    ),
    (
        "Lý do: bảo dưỡng, sửa chữa lưới điện 22kV.",
        "Lý do: bảo dưỡng, sửa chữa lưới điện hai mươi hai ki-lô-vôn.",
    ),
    (
        "Thay dây dẫn đường dây 35 kV lộ 372.",
        "Thay dây dẫn đường dây ba mươi lăm ki-lô-vôn lộ ba bảy hai.",
    ),
    (
        "Mọi thắc mắc xin liên hệ tổng đài 19001006 hoặc 1900 1006.",
        "Mọi thắc mắc xin liên hệ tổng đài một chín không không, một không không sáu hoặc một chín không không, một không không sáu.",
    ),
    (
        "Điện lực huyện rất mong quý khách hàng thông cảm!",
        "Điện lực huyện rất mong quý khách hàng thông cảm!",
    ),
    (
        "Thời gian có thể kết thúc sớm hơn hoặc muộn hơn dự kiến.",
        "Thời gian có thể kết thúc sớm hơn hoặc muộn hơn dự kiến.",
    ),
    (
        "Cắt điện từ 05h30 đến 11h30 ngày 06/12.",
        "Cắt điện từ năm giờ ba mươi phút đến mười một giờ ba mươi phút ngày sáu tháng mười hai.",
    ),
    (
        "Mất điện từ 8h-16h ngày 12/12/2026 khu vực TBA Đồng Tâm 1, TBA Đồng Tâm 2.",
        "Mất điện từ tám giờ đến mười sáu giờ ngày mười hai tháng mười hai năm hai nghìn không trăm hai mươi sáu khu vực trạm biến áp Đồng Tâm một, trạm biến áp Đồng Tâm hai.",
    ),
    (
        "Thời gian: 06h30-17h30 thứ Bảy ngày 13/12/2026.",
        "Thời gian: từ sáu giờ ba mươi phút đến mười bảy giờ ba mươi phút thứ Bảy ngày mười ba tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Đường dây 110kV mạch kép.",
        "Đường dây một trăm mười ki-lô-vôn mạch kép.",
    ),
    (
        "Công suất 250 kVA.",
        "Công suất hai trăm năm mươi ki-lô-vôn-ampe.",
    ),
    (
        "Điện lực Hương Sơn thông báo lịch ngừng cung cấp điện tuần 50 năm 2026.",
        "Điện lực Hương Sơn thông báo lịch ngừng cung cấp điện tuần năm mươi năm hai nghìn không trăm hai mươi sáu.",
    ),
]

# --- dự báo thời tiết, thủy văn: temperatures, humidity, wind force, rain, river levels -------------
# "18-20°C" a range in "độ xê", "cấp 3-4", "BĐ1" "báo động một", "mm/24h", "m3/s".
WEATHER = [
    (
        "Nhiệt độ thấp nhất 18-20°C, cao nhất 24-26°C.",
        "Nhiệt độ thấp nhất mười tám đến hai mươi độ xê, cao nhất hai mươi tư đến hai mươi sáu độ xê.",
    ),
    (
        "Nhiệt độ từ 18 - 20 độ C.",
        "Nhiệt độ từ mười tám đến hai mươi độ xê.",
    ),
    (
        "Độ ẩm 80-90%.",
        "Độ ẩm tám mươi đến chín mươi phần trăm.",
    ),
    (
        "Gió Đông Bắc cấp 3-4, giật cấp 6.",
        "Gió Đông Bắc cấp ba đến bốn, giật cấp sáu.",
    ),
    (
        "Lượng mưa phổ biến 20-40mm, có nơi trên 70mm.",
        "Lượng mưa phổ biến hai mươi đến bốn mươi mi-li-mét, có nơi trên bảy mươi mi-li-mét.",
    ),
    (
        "Mực nước sông Hồng lúc 7h: 3,45m, trên BĐ1 0,25m.",
        "Mực nước sông Hồng lúc bảy giờ: ba phẩy bốn mươi lăm mét, trên báo động một, không phẩy hai mươi lăm mét.",
    ),
    (
        "Mực nước sông Cả tại Nam Đàn lúc 7h ngày 5/12 là 5,12m, dưới BĐ2 0,38m.",
        "Mực nước sông Cả tại Nam Đàn lúc bảy giờ ngày năm tháng mười hai là năm phẩy mười hai mét, dưới báo động hai, không phẩy ba mươi tám mét.",
    ),
    (
        "Cảnh báo lũ trên sông ở mức báo động cấp 2/BĐ2.",
        "Cảnh báo lũ trên sông ở mức báo động cấp hai, báo động hai.",
    ),
    (
        "Mực nước lên mức BĐ3 và trên BĐ3.",
        "Mực nước lên mức báo động ba và trên báo động ba.",
    ),
    (
        "Trời rét, nhiệt độ thấp nhất 10-13 độ, vùng núi dưới 8 độ.",
        "Trời rét, nhiệt độ thấp nhất mười đến mười ba độ, vùng núi dưới tám độ.",
    ),
    (
        "Sóng biển cao 2-3m, biển động mạnh.",
        "Sóng biển cao hai đến ba mét, biển động mạnh.",
    ),
    (
        "Tầm nhìn xa trên 10km.",
        "Tầm nhìn xa trên mười ki-lô-mét.",
    ),
    (
        "Gió mạnh cấp 6, giật cấp 7-8.",
        "Gió mạnh cấp sáu, giật cấp bảy đến tám.",
    ),
    (
        "Nhiệt độ cao nhất 35-37°C, có nơi trên 38°C.",
        "Nhiệt độ cao nhất ba mươi lăm đến ba mươi bảy độ xê, có nơi trên ba mươi tám độ xê.",
    ),
    (
        "Độ ẩm thấp nhất 50 - 55%.",
        "Độ ẩm thấp nhất năm mươi đến năm mươi lăm phần trăm.",
    ),
    (
        "Mưa 50-100 mm/24h.",
        "Mưa năm mươi đến một trăm mi-li-mét trong hai mươi tư giờ.",
    ),
    (
        "Sáng 8/12, nhiệt độ trung bình 15,5°C.",
        "Sáng ngày tám tháng mười hai, nhiệt độ trung bình mười lăm phẩy năm độ xê.",
    ),
    (
        "Ngày 6/12, mưa rào và dông rải rác, nhiệt độ 22°C - 28°C.",
        "Ngày sáu tháng mười hai, mưa rào và dông rải rác, nhiệt độ hai mươi hai độ xê đến hai mươi tám độ xê.",
    ),
    (
        "Lúc 19h ngày 5/12, mực nước tại trạm Kim Long là 1,85m.",
        "Lúc mười chín giờ ngày năm tháng mười hai, mực nước tại trạm Kim Long là một phẩy tám mươi lăm mét.",
    ),
    (
        "Mực nước sông Thu Bồn tại Câu Lâu: 2,80m (BĐ2: 2,50m).",
        "Mực nước sông Thu Bồn tại Câu Lâu: hai phẩy tám mươi mét, báo động hai: hai phẩy năm mươi mét.",
    ),
    (
        "Lưu lượng về hồ 1.250 m3/s.",
        "Lưu lượng về hồ một nghìn hai trăm năm mươi mét khối trên giây.",
    ),
    (
        "Hồ thủy điện xả 500m3/s.",
        "Hồ thủy điện xả năm trăm mét khối trên giây.",
    ),
    (
        "Mực nước hồ đạt 95,5/97m.",
        "Mực nước hồ đạt chín mươi lăm phẩy năm trên chín mươi bảy mét.",
    ),
    (
        "Không khí lạnh tăng cường, gió chuyển hướng Bắc đến Đông Bắc cấp 2-3.",
        "Không khí lạnh tăng cường, gió chuyển hướng Bắc đến Đông Bắc cấp hai đến ba.",
    ),
    (
        "Sương mù vào sáng sớm, tầm nhìn dưới 1km.",
        "Sương mù vào sáng sớm, tầm nhìn dưới một ki-lô-mét.",
    ),
    (
        "UV ở mức 8-10, nguy cơ gây hại rất cao.",
        "u vê ở mức tám đến mười, nguy cơ gây hại rất cao.",
    ),
    (
        "Lượng mưa tích lũy 150-250mm.",
        "Lượng mưa tích lũy một trăm năm mươi đến hai trăm năm mươi mi-li-mét.",
    ),
]

# --- giá cả thị trường: prices per kilogram, per litre, ranges of prices, rises in percent ------------
PRICES = [
    (
        "Giá lúa 7.200-7.500đ/kg.",
        "Giá lúa bảy nghìn hai trăm đến bảy nghìn năm trăm đồng một ki-lô-gam.",
    ),
    (
        "Heo hơi 65.000 đ/kg.",
        "Heo hơi sáu mươi lăm nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá phân bón tăng 2-3%.",
        "Giá phân bón tăng hai đến ba phần trăm.",
    ),
    (
        "Giá cà phê 120.000 - 125.000 đồng/kg.",
        "Giá cà phê một trăm hai mươi nghìn đến một trăm hai mươi lăm nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá xăng RON 95 là 21.500đ/lít.",
        "Giá xăng rôn chín mươi lăm là hai mươi mốt nghìn năm trăm đồng một lít.",
    ),
    (
        "Giá gạo tẻ thường 15.000-16.000 đ/kg.",
        "Giá gạo tẻ thường mười lăm nghìn đến mười sáu nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá heo hơi dao động 62.000-65.000 đồng/kg.",
        "Giá heo hơi dao động sáu mươi hai nghìn đến sáu mươi lăm nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá vàng SJC 85,5 triệu đồng/lượng.",
        "Giá vàng ét gi xê tám mươi lăm phẩy năm triệu đồng một lượng.",
    ),
    (
        "Giá trứng gà 30.000đ/chục.",
        "Giá trứng gà ba mươi nghìn đồng một chục.",
    ),
    (
        "Thanh long ruột đỏ loại 1: 25.000đ/kg.",
        "Thanh long ruột đỏ loại một: hai mươi lăm nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá tiêu giảm 1.000-2.000đ/kg so với tuần trước.",
        "Giá tiêu giảm một nghìn đến hai nghìn đồng một ki-lô-gam so với tuần trước.",
    ),
    (
        "Tăng 5% so với cùng kỳ năm 2025.",
        "Tăng năm phần trăm so với cùng kỳ năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Lúa khô giá 8.000 - 8.200 đ/kg, lúa tươi 6.500đ/kg.",
        "Lúa khô giá tám nghìn đến tám nghìn hai trăm đồng một ki-lô-gam, lúa tươi sáu nghìn năm trăm đồng một ki-lô-gam.",
    ),
]

# --- thu ngân sách, thuế: percent of the plan (KH), "tỷ đồng", "tr.đ", per person per month ------------
BUDGET = [
    (
        "Thu ngân sách đạt 105,6% KH.",
        "Thu ngân sách đạt một trăm linh năm phẩy sáu phần trăm kế hoạch.",
    ),
    (
        "Tổng thu 1,25 tỷ đồng.",
        "Tổng thu một phẩy hai mươi lăm tỷ đồng.",
    ),
    (
        "Thu nhập bình quân 4,5 triệu đồng/người/tháng.",
        "Thu nhập bình quân bốn phẩy năm triệu đồng một người một tháng.",
    ),
    (
        "Thu được 125,5 tr.đ.",
        "Thu được một trăm hai mươi lăm phẩy năm triệu đồng.",
    ),
    (
        "Đạt 98,5% so với dự toán huyện giao.",
        "Đạt chín mươi tám phẩy năm phần trăm so với dự toán huyện giao.",
    ),
    (
        "Thu thuế 350 tr.đ, đạt 87% KH năm.",
        "Thu thuế ba trăm năm mươi triệu đồng, đạt tám mươi bảy phần trăm kế hoạch năm.",
    ),
    (
        "Tổng thu ngân sách 12.345.678.000 đồng.",
        "Tổng thu ngân sách mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn đồng.",
    ),
    (
        "Chi ngân sách 2,35 tỷ đồng, bằng 65% dự toán.",
        "Chi ngân sách hai phẩy ba mươi lăm tỷ đồng, bằng sáu mươi lăm phần trăm dự toán.",
    ),
    (
        "Thu nhập bình quân đầu người đạt 52 triệu đồng/người/năm.",
        "Thu nhập bình quân đầu người đạt năm mươi hai triệu đồng một người một năm.",
    ),
    (
        "Thu ngân sách trên địa bàn đạt 3.456 tr.đ.",
        "Thu ngân sách trên địa bàn đạt ba nghìn bốn trăm năm mươi sáu triệu đồng.",
    ),
    (
        "Dự toán 2.500 triệu đồng.",
        "Dự toán hai nghìn năm trăm triệu đồng.",
    ),
    (
        "Thu 6 tháng đạt 1.234.567.000đ, bằng 56,78% KH.",
        "Thu sáu tháng đạt một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn đồng, bằng năm mươi sáu phẩy bảy mươi tám phần trăm kế hoạch.",
    ),
    (
        "Thu phí, lệ phí 45,2 tr.đồng.",
        "Thu phí, lệ phí bốn mươi lăm phẩy hai triệu đồng.",
    ),
    (
        "Hỗ trợ 1,5 triệu đồng/hộ.",
        "Hỗ trợ một phẩy năm triệu đồng một hộ.",
    ),
    (
        "Mức lương tối thiểu vùng IV là 3.450.000 đồng/tháng.",
        "Mức lương tối thiểu vùng bốn là ba triệu bốn trăm năm mươi nghìn đồng một tháng.",
    ),
]

# --- danh sách khen thưởng: names, years of birth (SN), hamlets, counts with a padding zero -------------
HONOURS = [
    (
        "Ông Nguyễn Văn A, SN 1990, Thôn 3.",
        "Ông Nguyễn Văn A, sinh năm một nghìn chín trăm chín mươi, Thôn ba.",
    ),
    (
        "Bà Trần Thị B, sinh năm 1985, thôn 2.",
        "Bà Trần Thị B, sinh năm một nghìn chín trăm tám mươi lăm, thôn hai.",
    ),
    (
        "Em Lê Văn C (2010), học sinh lớp 9A2.",
        "Em Lê Văn C, hai nghìn không trăm mười, học sinh lớp chín A hai.",
    ),
    (
        "Ông Phạm Văn D, SN: 1965, trú tại Thôn Đông.",
        "Ông Phạm Văn D, sinh năm: một nghìn chín trăm sáu mươi lăm, trú tại Thôn Đông.",
    ),
    (
        "Khen thưởng 05 tập thể và 12 cá nhân.",
        "Khen thưởng năm tập thể và mười hai cá nhân.",
    ),
    (
        "Tặng Giấy khen cho 15 hộ gia đình văn hóa tiêu biểu giai đoạn 2021-2025.",
        "Tặng Giấy khen cho mười lăm hộ gia đình văn hóa tiêu biểu giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Bà Hoàng Thị E (SN 1956) - Thôn 1.",
        "Bà Hoàng Thị E, sinh năm một nghìn chín trăm năm mươi sáu - Thôn một.",
    ),
    (
        "Ông Đỗ Văn F, sinh năm 1949, Đảng viên 50 năm tuổi Đảng.",
        "Ông Đỗ Văn F, sinh năm một nghìn chín trăm bốn mươi chín, Đảng viên năm mươi năm tuổi Đảng.",
    ),
    (
        "Tặng Huy hiệu 30, 40, 45 năm tuổi Đảng.",
        "Tặng Huy hiệu ba mươi, bốn mươi, bốn mươi lăm năm tuổi Đảng.",
    ),
    (
        "Cháu Lê Thị G, lớp 5A, Trường TH Kim Đồng.",
        "Cháu Lê Thị G, lớp năm A, Trường tiểu học Kim Đồng.",
    ),
    (
        "Nguyễn Văn H - 1978 - Thôn 4.",
        "Nguyễn Văn H - một nghìn chín trăm bảy mươi tám - Thôn bốn.",
    ),
]

# --- tiếp công dân, tuyển dụng, tập huấn: weekdays, hours, deadlines, ages ---------------------------
CITIZENS_AND_TRAINING = [
    (
        "Lịch tiếp công dân: thứ 5 hằng tuần.",
        "Lịch tiếp công dân: thứ năm hằng tuần.",
    ),
    (
        "Chủ tịch UBND xã tiếp công dân vào các ngày thứ 3, thứ 5.",
        "Chủ tịch Ủy ban nhân dân xã tiếp công dân vào các ngày thứ ba, thứ năm.",
    ),
    (
        "Tiếp công dân định kỳ vào ngày 15 hằng tháng.",
        "Tiếp công dân định kỳ vào ngày mười lăm hằng tháng.",
    ),
    (
        "Thời gian: sáng từ 7h30 đến 11h00, chiều từ 13h30 đến 16h30.",
        "Thời gian: sáng từ bảy giờ ba mươi phút đến mười một giờ, chiều từ mười ba giờ ba mươi phút đến mười sáu giờ ba mươi phút.",
    ),
    (
        "Địa điểm: Phòng tiếp công dân, trụ sở UBND xã.",
        "Địa điểm: Phòng tiếp công dân, trụ sở Ủy ban nhân dân xã.",
    ),
    (
        "Tuyển dụng 05 giáo viên hợp đồng, nộp hồ sơ từ ngày 01/12 đến 15/12/2026.",
        "Tuyển dụng năm giáo viên hợp đồng, nộp hồ sơ từ ngày một tháng mười hai đến ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Tập huấn lúc 8h00 ngày 10/12/2026 tại Hội trường UBND xã.",
        "Tập huấn lúc tám giờ ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu tại Hội trường Ủy ban nhân dân xã.",
    ),
    (
        "Thời gian tập huấn: 02 ngày (từ 10-11/12/2026).",
        "Thời gian tập huấn: hai ngày, từ ngày mười đến ngày mười một tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Mỗi học viên được hỗ trợ 150.000đ/ngày.",
        "Mỗi học viên được hỗ trợ một trăm năm mươi nghìn đồng một ngày.",
    ),
    (
        "Tuổi từ 18 đến 35.",
        "Tuổi từ mười tám đến ba mươi lăm.",
    ),
    (
        "Độ tuổi từ 18-35 tuổi.",
        "Độ tuổi từ mười tám đến ba mươi lăm tuổi.",
    ),
    (
        "Tuyển 03 nhân viên, yêu cầu tốt nghiệp THPT trở lên.",
        "Tuyển ba nhân viên, yêu cầu tốt nghiệp trung học phổ thông trở lên.",
    ),
    (
        "Hạn nộp hồ sơ: 17h00 ngày 20/12/2026.",
        "Hạn nộp hồ sơ: mười bảy giờ ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Nhận hồ sơ trong giờ hành chính từ thứ 2 đến thứ 6.",
        "Nhận hồ sơ trong giờ hành chính từ thứ hai đến thứ sáu.",
    ),
    (
        "Lớp tập huấn kỹ thuật trồng lúa ngày 9-10/12/2026.",
        "Lớp tập huấn kỹ thuật trồng lúa ngày chín đến ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
]

# --- thông báo của trường: marks with a decimal comma, classes "9A2", periods "tiết 3-4", school years -
SCHOOL = [
    (
        "Học sinh Nguyễn Văn A đạt 8,5 điểm môn Toán.",
        "Học sinh Nguyễn Văn A đạt tám phẩy năm điểm môn Toán.",
    ),
    (
        "Lớp 9A2 học tiết 3-4 thứ Hai.",
        "Lớp chín A hai học tiết ba đến bốn thứ Hai.",
    ),
    (
        "Kỳ thi tuyển sinh lớp 10 năm học 2026-2027.",
        "Kỳ thi tuyển sinh lớp mười năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Điểm chuẩn vào lớp 10 là 32,5 điểm.",
        "Điểm chuẩn vào lớp mười là ba mươi hai phẩy năm điểm.",
    ),
    (
        "Học sinh lớp 6A1, 7B3 nghỉ học tiết 5.",
        "Học sinh lớp sáu A một, bảy B ba nghỉ học tiết năm.",
    ),
    (
        "Họp phụ huynh lúc 14h00 chủ nhật ngày 07/12/2026.",
        "Họp phụ huynh lúc mười bốn giờ chủ nhật ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Học sinh có điểm TB từ 8,0 trở lên.",
        "Học sinh có điểm trung bình từ tám phẩy không trở lên.",
    ),
    (
        "Tổng điểm 3 môn đạt 25,75 điểm.",
        "Tổng điểm ba môn đạt hai mươi lăm phẩy bảy mươi lăm điểm.",
    ),
    (
        "Kỳ thi học kỳ I năm học 2026 - 2027.",
        "Kỳ thi học kỳ một năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Lớp 12A1 đạt 100% tốt nghiệp.",
        "Lớp mười hai A một đạt một trăm phần trăm tốt nghiệp.",
    ),
]

# --- giao thông: national and provincial roads, kilometre posts, loads, speeds, seats -----------------
TRAFFIC = [
    (
        "Xe tải trọng trên 10 tấn không được lưu thông.",
        "Xe tải trọng trên mười tấn không được lưu thông.",
    ),
    (
        "Tai nạn tại Km 15+200 QL1A.",
        "Tai nạn tại ki-lô-mét mười lăm cộng hai trăm quốc lộ một a.",
    ),
    (
        "Sửa chữa tuyến ĐT.741 đoạn qua xã.",
        "Sửa chữa tuyến đường tỉnh bảy trăm bốn mươi mốt đoạn qua xã.",
    ),
    (
        "Cấm xe từ 16 chỗ trở lên.",
        "Cấm xe từ mười sáu chỗ trở lên.",
    ),
    (
        "Tốc độ tối đa 50km/h.",
        "Tốc độ tối đa năm mươi ki-lô-mét trên giờ.",
    ),
    (
        "Đường QL14 đoạn Km 820+500 - Km 821+300 đang thi công.",
        "Đường quốc lộ mười bốn đoạn ki-lô-mét tám trăm hai mươi cộng năm trăm đến ki-lô-mét tám trăm hai mươi mốt cộng ba trăm đang thi công.",
    ),
    (
        "Cấm xe có tải trọng trục trên 8 tấn.",
        "Cấm xe có tải trọng trục trên tám tấn.",
    ),
    (
        "Hạn chế tốc độ 40 km/h.",
        "Hạn chế tốc độ bốn mươi ki-lô-mét trên giờ.",
    ),
    (
        "Xe khách trên 29 chỗ.",
        "Xe khách trên hai mươi chín chỗ.",
    ),
    (
        "Tuyến ĐH.12 đi xã Tân An.",
        "Tuyến đường huyện mười hai đi xã Tân An.",
    ),
    (
        "Cầu yếu, tải trọng 5T.",
        "Cầu yếu, tải trọng năm tấn.",
    ),
]

# --- y tế: doses, ages in months, millilitres, international units -------------------------------------
HEALTH = [
    (
        "Tiêm 3 mũi vắc xin.",
        "Tiêm ba mũi vắc xin.",
    ),
    (
        "Trẻ từ 6-36 tháng tuổi uống vitamin A.",
        "Trẻ từ sáu đến ba mươi sáu tháng tuổi uống vitamin A.",
    ),
    (
        "Liều 0,5ml tiêm bắp.",
        "Liều không phẩy năm mi-li-lít tiêm bắp.",
    ),
    (
        "Trẻ từ 6 - 36 tháng uống 1 viên vitamin A liều 100.000 đơn vị.",
        "Trẻ từ sáu đến ba mươi sáu tháng uống một viên vitamin A liều một trăm nghìn đơn vị.",
    ),
    (
        "Tiêm vắc xin sởi - rubella cho trẻ 18 tháng tuổi.",
        "Tiêm vắc xin sởi - rubella cho trẻ mười tám tháng tuổi.",
    ),
    (
        "Uống 2 viên/ngày, chia 2 lần.",
        "Uống hai viên mỗi ngày, chia hai lần.",
    ),
    (
        "Tiêm vắc xin 5 trong 1 cho trẻ 2, 3, 4 tháng tuổi.",
        "Tiêm vắc xin năm trong một cho trẻ hai, ba, bốn tháng tuổi.",
    ),
    (
        "Uống vitamin A liều 200.000 IU cho trẻ 12-36 tháng.",
        "Uống vitamin A liều hai trăm nghìn đơn vị quốc tế cho trẻ mười hai đến ba mươi sáu tháng.",
    ),
    (
        "Trẻ dưới 5 tuổi.",
        "Trẻ dưới năm tuổi.",
    ),
    (
        "Người trên 60 tuổi tiêm mũi 3.",
        "Người trên sáu mươi tuổi tiêm mũi ba.",
    ),
]

# --- âm lịch: "tháng Giêng", "tháng Chạp", "âl", "ÂL", years by stem and branch ------------------------
LUNAR = [
    (
        "Ngày 15 tháng Giêng năm Đinh Mùi.",
        "Ngày mười lăm tháng Giêng năm Đinh Mùi.",
    ),
    (
        "Rằm tháng 7 âl.",
        "Rằm tháng bảy âm lịch.",
    ),
    (
        "Ngày 15/7 âm lịch.",
        "Ngày mười lăm tháng bảy âm lịch.",
    ),
    (
        "Mùng 1 tháng Chạp.",
        "Mùng một tháng Chạp.",
    ),
    (
        "Ngày 23 tháng Chạp năm Bính Ngọ.",
        "Ngày hai mươi ba tháng Chạp năm Bính Ngọ.",
    ),
    (
        "Lễ hội diễn ra từ ngày 10-12 tháng Giêng (âm lịch).",
        "Lễ hội diễn ra từ ngày mười đến mười hai tháng Giêng, âm lịch.",
    ),
    (
        "Ngày 1/1 âl.",
        "Ngày một tháng Giêng âm lịch.",
    ),
    (
        "Rằm tháng Giêng năm Bính Ngọ.",
        "Rằm tháng Giêng năm Bính Ngọ.",
    ),
    (
        "Mùng 10 tháng 3 âm lịch.",
        "Mùng mười tháng ba âm lịch.",
    ),
    (
        "Ngày 15-7 ÂL.",
        "Ngày mười lăm tháng bảy âm lịch.",
    ),
    (
        "Tết Nguyên đán Đinh Mùi 2027.",
        "Tết Nguyên đán Đinh Mùi hai nghìn không trăm hai mươi bảy.",
    ),
]

# --- a dotted place before the next sentence: "Về TP. Sau đó …" -----------------------------------------
# A word that opens sentences and begins no place's name ("Sau đó", "Các", "Đề nghị") after "TP."
# keeps the dot as the sentence's full stop (was "thành phố Sau đó"); a name goes on ("TP. Đồng Hới").
PLACE_BEFORE_SENTENCE = [
    (
        "Về TP. Sau đó đi Hà Nội.",
        "Về thành phố. Sau đó đi Hà Nội.",
    ),
    (
        "Đoàn về TP. Các hộ dân chuẩn bị.",
        "Đoàn về thành phố. Các hộ dân chuẩn bị.",
    ),
    (
        "Làm việc tại TP. Đề nghị bà con chú ý.",
        "Làm việc tại thành phố. Đề nghị bà con chú ý.",
    ),
    (
        "Về TX. Sau đó về xã.",
        "Về thị xã. Sau đó về xã.",
    ),
    (
        "Về TP. Huế.",
        "Về thành phố Huế.",
    ),
    (
        "Đi TP. Đồng Hới.",
        "Đi thành phố Đồng Hới.",
    ),
    (
        "UBND TP. Thủ Đức.",
        "Ủy ban nhân dân thành phố Thủ Đức.",
    ),
]

# --- a bare mix ratio: "Trộn cát và xi măng 3:1" --------------------------------------------------------
# A colon between numbers that cannot be a clock time, in a clause of mixing, is "ba trên một" (was
# "ba: một"); a clock after "lúc" stays a time, a score after its verb "hai một", a label's colon a colon.
MIX_RATIO = [
    (
        "Trộn cát và xi măng 3:1.",
        "Trộn cát và xi măng ba trên một.",
    ),
    (
        "Trộn cát với xi măng 4:1 để xây tường.",
        "Trộn cát với xi măng bốn trên một để xây tường.",
    ),
    (
        "Pha dung dịch vôi với nước 1:10 để quét chuồng.",
        "Pha dung dịch vôi với nước một trên mười để quét chuồng.",
    ),
    (
        "Pha loãng thuốc với nước 1:20 rồi phun.",
        "Pha loãng thuốc với nước một trên hai mươi rồi phun.",
    ),
    (
        "Pha thuốc theo tỉ lệ 1:10.",
        "Pha thuốc theo tỉ lệ một trên mười.",
    ),
    (
        "Bản đồ 1:500.",
        "Bản đồ một trên năm trăm.",
    ),
    (
        "Pha thuốc lúc 1:30 chiều.",
        "Pha thuốc lúc một giờ ba mươi phút chiều.",
    ),
    (
        "Họp lúc 7:30 tại hội trường.",
        "Họp lúc bảy giờ ba mươi phút tại hội trường.",
    ),
    (
        "Đội thôn 3 thắng 2:1.",
        "Đội thôn ba thắng hai một.",
    ),
    (
        "Hai đội hòa 1 : 1.",
        "Hai đội hòa một một.",
    ),
    (
        "Khoản 2: 3 người.",
        "Khoản hai: ba người.",
    ),
]

# --- a phone typed with spaced dots: "0912 . 345 . 678" --------------------------------------------------
# One number, dialled in its groups (was "không chín một hai. ba trăm bốn mươi lăm. …").
SPACED_DOT_PHONE = [
    (
        "Liên hệ 0912 . 345 . 678 để được hỗ trợ.",
        "Liên hệ không chín một hai, ba bốn năm, sáu bảy tám để được hỗ trợ.",
    ),
    (
        "ĐT: 0912 . 345 . 678.",
        "điện thoại: không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "Số điện thoại 0236 . 3822 . 123 (cơ quan).",
        "Số điện thoại không hai ba sáu, ba tám hai hai, một hai ba, cơ quan.",
    ),
    (
        "Gọi 0912 . 345 . 678 hoặc 0987 . 654 . 321.",
        "Gọi không chín một hai, ba bốn năm, sáu bảy tám hoặc không chín tám bảy, sáu năm bốn, ba hai một.",
    ),
    (
        "Hotline: 1900 . 1006.",
        "Hót-lai: một chín không không, một không không sáu.",
    ),
    (
        "Liên hệ 0912.345.678 hoặc 0912 345 678.",
        "Liên hệ không chín một hai, ba bốn năm, sáu bảy tám hoặc không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
]


# --- a feeder written "XT 471": "xuất tuyến", its number digit by digit like "lộ 471" ------------------
# ("XT" was spelled and flagged, the number read "bốn trăm bảy mươi mốt"). "XT" elsewhere stays flagged.
FEEDERS = [
    (
        "Từ 7h00-17h00 ngày 05/12/2026 (Thứ 7): Mất điện khu vực TBA Bình An 3 (XT 471-E12).",
        "Từ bảy giờ đến mười bảy giờ ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu, Thứ bảy: Mất điện khu vực trạm biến áp Bình An ba, xuất tuyến bốn bảy một - e mười hai.",
    ),
    (
        "Cắt điện XT 373 E1.19.",
        "Cắt điện xuất tuyến ba bảy ba e một chấm mười chín.",
    ),
    (
        "Cắt điện từ 07 giờ 00 đến 17 giờ 30 ngày 05/12/2026.",
        "Cắt điện từ bảy giờ đến mười bảy giờ ba mươi ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thời gian mất điện dự kiến: 6h00 - 12h00.",
        "Thời gian mất điện dự kiến: từ sáu giờ đến mười hai giờ.",
    ),
    (
        "Các TBA: Thôn 1, Thôn 2A, Thôn 2B, Trường THCS.",
        "Các trạm biến áp: Thôn một, Thôn hai a, Thôn hai bê, Trường trung học cơ sở.",
    ),
    (
        "Lưới điện 0,4kV sau TBA Xóm Mới.",
        "Lưới điện không phẩy bốn ki-lô-vôn sau trạm biến áp Xóm Mới.",
    ),
]


# --- a range whose second end is open: "trẻ 6-<36 tháng" --------------------------------------------------
# "sáu đến dưới ba mươi sáu" (was "sáu - dưới …", the dash left).
OPEN_SECOND_END = [
    (
        "Trẻ 6-<36 tháng tuổi.",
        "Trẻ sáu đến dưới ba mươi sáu tháng tuổi.",
    ),
    (
        "Trẻ từ 6 - <36 tháng.",
        "Trẻ từ sáu đến dưới ba mươi sáu tháng.",
    ),
    (
        "Người 18-<60 tuổi.",
        "Người mười tám đến dưới sáu mươi tuổi.",
    ),
    (
        "Tiêm vaccine phòng bệnh sởi cho trẻ từ 9 tháng đến dưới 2 tuổi.",
        "Tiêm vaccine phòng bệnh sởi cho trẻ từ chín tháng đến dưới hai tuổi.",
    ),
    (
        "Trẻ từ 06-36 tháng tuổi.",
        "Trẻ từ sáu đến ba mươi sáu tháng tuổi.",
    ),
]


# --- the same genres typed loosely: "oC", spaced "%", "13h/5/12", "trđ", "7h30'", "QL.1A", "0.5 ml" -------
BULLETINS_TYPED_LOOSELY = [
    (
        "Nhiệt độ: 18 - 20oC.",
        "Nhiệt độ: mười tám đến hai mươi độ xê.",
    ),
    (
        "Nhiệt độ thấp nhất từ 16-18 độ C; cao nhất 22-24oC.",
        "Nhiệt độ thấp nhất từ mười sáu đến mười tám độ xê; cao nhất hai mươi hai đến hai mươi tư độ xê.",
    ),
    (
        "Nhiệt độ phổ biến 18oC đến 20oC.",
        "Nhiệt độ phổ biến mười tám độ xê đến hai mươi độ xê.",
    ),
    (
        "Độ ẩm không khí: 75 - 85 %.",
        "Độ ẩm không khí: bảy mươi lăm đến tám mươi lăm phần trăm.",
    ),
    (
        "Gió Đông Bắc cấp 3, cấp 4; vùng ven biển cấp 4-5, giật cấp 6-7.",
        "Gió Đông Bắc cấp ba, cấp bốn; vùng ven biển cấp bốn đến năm, giật cấp sáu đến bảy.",
    ),
    (
        "Tổng lượng mưa từ 19h ngày 4/12 đến 7h ngày 5/12 phổ biến 30-60mm.",
        "Tổng lượng mưa từ mười chín giờ ngày bốn tháng mười hai đến bảy giờ ngày năm tháng mười hai phổ biến ba mươi đến sáu mươi mi-li-mét.",
    ),
    (
        "Lúc 13h/5/12, mực nước sông Lam tại Đô Lương: 12,35m, dưới BĐ1: 0,65m.",
        "Lúc mười ba giờ ngày năm tháng mười hai, mực nước sông Lam tại Đô Lương: mười hai phẩy ba mươi lăm mét, dưới báo động một: không phẩy sáu mươi lăm mét.",
    ),
    (
        "Dự báo trong 12-24h tới, lũ trên sông tiếp tục lên.",
        "Dự báo trong mười hai đến hai mươi tư giờ tới, lũ trên sông tiếp tục lên.",
    ),
    (
        "Lúa Đài thơm 8: 7.800 - 8.000 đ/kg.",
        "Lúa Đài thơm tám: bảy nghìn tám trăm đến tám nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá heo hơi: 62.000-64.000đ/kg (tăng 1.000đ/kg).",
        "Giá heo hơi: sáu mươi hai nghìn đến sáu mươi tư nghìn đồng một ki-lô-gam, tăng một nghìn đồng một ki-lô-gam.",
    ),
    (
        "Tổng thu NSNN trên địa bàn: 5.678,9 triệu đồng, đạt 112,5% dự toán.",
        "Tổng thu ngân sách nhà nước trên địa bàn: năm nghìn sáu trăm bảy mươi tám phẩy chín triệu đồng, đạt một trăm mười hai phẩy năm phần trăm dự toán.",
    ),
    (
        "Thu cân đối NS xã đạt 2.345 trđ.",
        "Thu cân đối ngân sách xã đạt hai nghìn ba trăm bốn mươi lăm triệu đồng.",
    ),
    (
        "Nợ đọng thuế 123 triệu 500 nghìn đồng.",
        "Nợ đọng thuế một trăm hai mươi ba triệu năm trăm nghìn đồng.",
    ),
    (
        "Thu nhập bình quân 65 tr.đ/người/năm.",
        "Thu nhập bình quân sáu mươi lăm triệu đồng một người một năm.",
    ),
    (
        "Ông Nguyễn Văn An (1958) - Bí thư Chi bộ Thôn 3.",
        "Ông Nguyễn Văn An, một nghìn chín trăm năm mươi tám - Bí thư Chi bộ Thôn ba.",
    ),
    (
        "Tiếp công dân vào sáng thứ 3 và chiều thứ 5 hằng tuần.",
        "Tiếp công dân vào sáng thứ ba và chiều thứ năm hằng tuần.",
    ),
    (
        "Tập huấn 01 ngày, bắt đầu từ 7h30' ngày 12/12/2026.",
        "Tập huấn một ngày, bắt đầu từ bảy giờ ba mươi phút ngày mười hai tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Học sinh lớp 9 thi thử lần 2 vào ngày 15, 16/12/2026.",
        "Học sinh lớp chín thi thử lần hai vào ngày mười lăm, mười sáu tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Điểm TB môn Toán: 7,8; Văn: 6,5; Anh: 8,25.",
        "Điểm trung bình môn Toán: bảy phẩy tám; Văn: sáu phẩy năm; Anh: tám phẩy hai mươi lăm.",
    ),
    (
        "Lớp 10A1-10A5 học buổi sáng.",
        "Lớp mười A một đến mười A năm học buổi sáng.",
    ),
    (
        "Đoạn từ Km 12+500 đến Km 15+200 ĐT.741.",
        "Đoạn từ ki-lô-mét mười hai cộng năm trăm đến ki-lô-mét mười lăm cộng hai trăm đường tỉnh bảy trăm bốn mươi mốt.",
    ),
    (
        "QL.1A đoạn qua xã.",
        "quốc lộ một a đoạn qua xã.",
    ),
    (
        "Liều 0.5 ml.",
        "Liều không phẩy năm mi-li-lít.",
    ),
    (
        "Ngày 15/01 âm lịch (tức ngày 22/02/2027).",
        "Ngày mười lăm tháng Giêng âm lịch, tức ngày hai mươi hai tháng hai năm hai nghìn không trăm hai mươi bảy.",
    ),
]


# --- classes numbered with a slash, listed: "các lớp 10/1, 10/2 và 11/3" -----------------------------------
# Each one "mười trên hai" like the first (the later ones were dates, "ngày mười tháng hai").
CLASS_LISTS = [
    (
        "Học sinh các lớp 10/1, 10/2 và 11/3.",
        "Học sinh các lớp mười trên một, mười trên hai và mười một trên ba.",
    ),
    (
        "Học sinh các lớp 10/1, 10/2; 11/3 và 12/4 tập trung.",
        "Học sinh các lớp mười trên một, mười trên hai; mười một trên ba và mười hai trên bốn tập trung.",
    ),
    (
        "Lớp 9/1, 9/2 tập trung tại sân trường.",
        "Lớp chín trên một, chín trên hai tập trung tại sân trường.",
    ),
    (
        "Lớp 12/5 đạt giải.",
        "Lớp mười hai trên năm đạt giải.",
    ),
    (
        "Họp ngày 10/1, 10/2 và 11/3.",
        "Họp ngày mười tháng một, ngày mười tháng hai và ngày mười một tháng ba.",
    ),
]


# --- a mix of three parts: "tỷ lệ 3:2:1" ------------------------------------------------------------------
# Said in turn after a pause, like "NPK 20-20-15" (was "ba trên hai: một"); a clock with seconds stays one.
COLON_CHAINS = [
    (
        "Trộn cát, đá và xi măng theo tỷ lệ 3:2:1.",
        "Trộn cát, đá và xi măng theo tỷ lệ ba, hai, một.",
    ),
    (
        "Trộn theo tỷ lệ 1:2:3.",
        "Trộn theo tỷ lệ một, hai, ba.",
    ),
    (
        "Pha theo tỷ lệ 1 : 2 : 3 rồi tưới.",
        "Pha theo tỷ lệ một, hai, ba rồi tưới.",
    ),
    (
        "Bắt đầu lúc 7:30:15.",
        "Bắt đầu lúc bảy giờ ba mươi phút mười lăm giây.",
    ),
    (
        "Tỷ lệ 1:2 và 1:3.",
        "Tỷ lệ một trên hai và một trên ba.",
    ),
    (
        "Khoản 2: 3: 4 người.",
        "Khoản hai: ba: bốn người.",
    ),
]


# --- budget and price reports: "so với CK" (cùng kỳ; was spelled, flagged), "đạt 3,5/6,8 tỷ đồng" (so
# much of the plan, "trên"; the slash was a pause), and more of the genres that read right already.
SAME_PERIOD_AND_SHARES = [
    (
        "Đạt 105,6% KH năm, tăng 12% so với CK.",
        "Đạt một trăm linh năm phẩy sáu phần trăm kế hoạch năm, tăng mười hai phần trăm so với cùng kỳ.",
    ),
    (
        "Giảm 3% so CK năm trước.",
        "Giảm ba phần trăm so cùng kỳ năm trước.",
    ),
    (
        "Thu ngân sách 6 tháng đầu năm 2026 đạt 3,5/6,8 tỷ đồng.",
        "Thu ngân sách sáu tháng đầu năm hai nghìn không trăm hai mươi sáu đạt ba phẩy năm trên sáu phẩy tám tỷ đồng.",
    ),
    (
        "Đạt 1.234,5/2.000 triệu đồng.",
        "Đạt một nghìn hai trăm ba mươi tư phẩy năm trên hai nghìn triệu đồng.",
    ),
    (
        "Điểm thi 8,5/10.",
        "Điểm thi tám phẩy năm trên mười.",
    ),
    (
        "Giá gà ta 90-100 nghìn đồng/kg.",
        "Giá gà ta chín mươi đến một trăm nghìn đồng một ki-lô-gam.",
    ),
    (
        "Giá bắp 5.500 - 6.000đ/kg, tăng 200-300đ/kg.",
        "Giá bắp năm nghìn năm trăm đến sáu nghìn đồng một ki-lô-gam, tăng hai trăm đến ba trăm đồng một ki-lô-gam.",
    ),
    (
        "Tôm thẻ loại 100 con/kg: 95.000đ.",
        "Tôm thẻ loại một trăm con trên ki-lô-gam: chín mươi lăm nghìn đồng.",
    ),
    (
        "Tổng thu: 12,5 tỷ; tổng chi: 11,2 tỷ.",
        "Tổng thu: mười hai phẩy năm tỷ; tổng chi: mười một phẩy hai tỷ.",
    ),
    (
        "Thu nhập bình quân 3,8 triệu/người/tháng.",
        "Thu nhập bình quân ba phẩy tám triệu một người một tháng.",
    ),
    (
        "Lương: 7-10 triệu đồng/tháng.",
        "Lương: bảy đến mười triệu đồng một tháng.",
    ),
    (
        "1. Ông Lê Văn Hùng - SN 1975 - Thôn 1.",
        "Ông Lê Văn Hùng - sinh năm một nghìn chín trăm bảy mươi lăm - Thôn một.",
    ),
    (
        "Tiếp công dân: thứ 5 tuần thứ 2 và tuần thứ 4 hằng tháng.",
        "Tiếp công dân: thứ năm tuần thứ hai và tuần thứ tư hằng tháng.",
    ),
    (
        "Các ngày thứ 2, 4, 6 hằng tuần.",
        "Các ngày thứ hai, bốn, sáu hằng tuần.",
    ),
    (
        "Thời gian: 7g30 sáng thứ Bảy, ngày 6/12.",
        "Thời gian: bảy giờ ba mươi phút sáng thứ Bảy, ngày sáu tháng mười hai.",
    ),
    (
        "Mực nước ở mức BĐ1-BĐ2.",
        "Mực nước ở mức báo động một đến báo động hai.",
    ),
    (
        "Dự báo đến 19h ngày 6/12, mực nước sông lên mức BĐ2 - BĐ3.",
        "Dự báo đến mười chín giờ ngày sáu tháng mười hai, mực nước sông lên mức báo động hai đến báo động ba.",
    ),
    (
        "Nhiệt độ -2 đến 3°C ở vùng núi cao.",
        "Nhiệt độ âm hai đến ba độ xê ở vùng núi cao.",
    ),
    (
        "Lượng mưa 24h qua: Tân Kỳ 45mm, Đô Lương 60,5mm.",
        "Lượng mưa hai mươi tư giờ qua: Tân Kỳ bốn mươi lăm mi-li-mét, Đô Lương sáu mươi phẩy năm mi-li-mét.",
    ),
    (
        "Từ Km0+000 đến Km5+500.",
        "Từ ki-lô-mét không đến ki-lô-mét năm cộng năm trăm.",
    ),
    (
        "Đường ĐH 12 đoạn Km 3 - Km 5.",
        "Đường huyện mười hai đoạn ki-lô-mét ba đến ki-lô-mét năm.",
    ),
    (
        "Uống 1 viên/lần x 2 lần/ngày.",
        "Uống một viên mỗi lần nhân hai lần mỗi ngày.",
    ),
    (
        "Lễ hội tổ chức vào ngày 10/3 ÂL hằng năm.",
        "Lễ hội tổ chức vào ngày mười tháng ba âm lịch hằng năm.",
    ),
    (
        "Từ ngày 23 tháng Chạp đến mùng 6 tháng Giêng.",
        "Từ ngày hai mươi ba tháng Chạp đến mùng sáu tháng Giêng.",
    ),
]


# --- a transformer's rating "250kVA-22/0,4kV" (its power, then the high voltage over the low; was a range
# and a pause), "MBA 560 kVA" (máy biến áp), "3,2 tỷ/5 tỷ đồng" ("trên"), and more outage notices.
TRANSFORMERS_AND_SHARES = [
    (
        "Nhánh rẽ TBA Bơm Đồng Cừ (250kVA-22/0,4kV).",
        "Nhánh rẽ trạm biến áp Bơm Đồng Cừ, hai trăm năm mươi ki-lô-vôn-ampe, hai mươi hai trên không phẩy bốn ki-lô-vôn.",
    ),
    (
        "Trạm biến áp 22/0,4kV.",
        "Trạm biến áp hai mươi hai trên không phẩy bốn ki-lô-vôn.",
    ),
    (
        "MBA 560kVA - 35/0,4kV.",
        "máy biến áp năm trăm sáu mươi ki-lô-vôn-ampe, ba mươi lăm trên không phẩy bốn ki-lô-vôn.",
    ),
    (
        "MBA 560 kVA - 35/0,4 kV.",
        "máy biến áp năm trăm sáu mươi ki-lô-vôn-ampe, ba mươi lăm trên không phẩy bốn ki-lô-vôn.",
    ),
    (
        "Thu tiền sử dụng đất 3,2 tỷ/5 tỷ đồng.",
        "Thu tiền sử dụng đất ba phẩy hai tỷ trên năm tỷ đồng.",
    ),
    (
        "Đạt 450 triệu/1.200 triệu đồng.",
        "Đạt bốn trăm năm mươi triệu trên một nghìn hai trăm triệu đồng.",
    ),
    (
        "Lương 5 triệu/tháng.",
        "Lương năm triệu một tháng.",
    ),
    (
        "Ngày 09/12/2026 (Thứ Tư): 07h30 - 11h30, TBA Đồng Văn 1, 2, 3.",
        "Ngày chín tháng mười hai năm hai nghìn không trăm hai mươi sáu, Thứ Tư: từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút, trạm biến áp Đồng Văn một, hai, ba.",
    ),
    (
        "Cắt điện ĐZ 35kV lộ 375 E24.6 từ cột 45 đến cột 78.",
        "Cắt điện đường dây ba mươi lăm ki-lô-vôn lộ ba bảy năm e hai mươi tư chấm sáu từ cột bốn mươi lăm đến cột bảy mươi tám.",
    ),
    (
        "Gió cấp 6 (39-49 km/h).",
        "Gió cấp sáu, ba mươi chín đến bốn mươi chín ki-lô-mét trên giờ.",
    ),
    (
        "Sóng cao 3,0-5,0m.",
        "Sóng cao ba phẩy không đến năm phẩy không mét.",
    ),
    (
        "Giá lúa tươi IR504: 7.000đ/kg; OM18: 7.500đ/kg.",
        "Giá lúa tươi i rờ năm trăm linh bốn: bảy nghìn đồng một ki-lô-gam; o mờ mười tám: bảy nghìn năm trăm đồng một ki-lô-gam.",
    ),
    (
        "Bà Nguyễn Thị Hoa (sinh 1955) - Chi hội Phụ nữ Thôn 2.",
        "Bà Nguyễn Thị Hoa, sinh một nghìn chín trăm năm mươi lăm - Chi hội Phụ nữ Thôn hai.",
    ),
    (
        "Lịch tiếp công dân tháng 12/2026: ngày 05, 15 và 25.",
        "Lịch tiếp công dân tháng mười hai năm hai nghìn không trăm hai mươi sáu: ngày năm, mười lăm và hai mươi lăm.",
    ),
    (
        "Hồ sơ gồm: 01 đơn xin việc, 02 ảnh 3x4.",
        "Hồ sơ gồm: một đơn xin việc, hai ảnh ba nhân bốn.",
    ),
    (
        "Trẻ từ 0-6 tuổi được cấp thẻ BHYT miễn phí.",
        "Trẻ từ không đến sáu tuổi được cấp thẻ bảo hiểm y tế miễn phí.",
    ),
    (
        "Nghỉ Tết từ 28 tháng Chạp đến hết mùng 5 tháng Giêng.",
        "Nghỉ Tết từ hai mươi tám tháng Chạp đến hết mùng năm tháng Giêng.",
    ),
]


# --- a signed change compared with something: "(+0,15m so với 1h)" "tăng", "(-0,20m so với hôm qua)" "giảm"
# (the plus was dropped and flagged, the minus said "âm"); a signed level alone keeps "âm", "cộng".
SIGNED_CHANGES = [
    (
        "Mực nước sông Kiến Giang tại Lệ Thủy lúc 7h: 3,12m (+0,15m so với 1h).",
        "Mực nước sông Kiến Giang tại Lệ Thủy lúc bảy giờ: ba phẩy mười hai mét, tăng không phẩy mười lăm mét so với một giờ.",
    ),
    (
        "Mực nước 2,5m (-0,20m so với hôm qua).",
        "Mực nước hai phẩy năm mét, giảm không phẩy hai mươi mét so với hôm qua.",
    ),
    (
        "Giá lúa +200đ/kg so với tuần trước.",
        "Giá lúa tăng hai trăm đồng một ki-lô-gam so với tuần trước.",
    ),
    (
        "Nhiệt độ -2°C.",
        "Nhiệt độ âm hai độ xê.",
    ),
    (
        "Nhiệt độ khoảng +5°C.",
        "Nhiệt độ khoảng cộng năm độ xê.",
    ),
    (
        "Tăng +15% so với cùng kỳ.",
        "Tăng cộng mười lăm phần trăm so với cùng kỳ.",
    ),
]


# --- the commune's news and reports: dates in brackets, shares of a total, money typed short, weekdays.
NEWS_AND_REPORTS = [
    (
        "Mực nước tại Kim Long: 3,45m, trên BĐ3: 0,45m.",
        "Mực nước tại Kim Long: ba phẩy bốn mươi lăm mét, trên báo động ba: không phẩy bốn mươi lăm mét.",
    ),
    (
        "Hồ Kẻ Gỗ: 32,5/32,5m.",
        "Hồ Kẻ Gỗ: ba mươi hai phẩy năm trên ba mươi hai phẩy năm mét.",
    ),
    (
        "Lưu lượng đến hồ: 850m³/s, xả 1.200m³/s.",
        "Lưu lượng đến hồ: tám trăm năm mươi mét khối trên giây, xả một nghìn hai trăm mét khối trên giây.",
    ),
    (
        "Ngày mai (06/12), trời nhiều mây.",
        "Ngày mai, ngày sáu tháng mười hai, trời nhiều mây.",
    ),
    (
        "Từ đêm 5/12 đến ngày 7/12.",
        "Từ đêm ngày năm tháng mười hai đến ngày bảy tháng mười hai.",
    ),
    (
        "Sáng nay (5/12), đoàn công tác của huyện do đ/c Nguyễn Văn A - PCT UBND huyện làm trưởng đoàn đã làm việc tại xã.",
        "Sáng nay, ngày năm tháng mười hai, đoàn công tác của huyện do đồng chí Nguyễn Văn A - Phó Chủ tịch Ủy ban nhân dân huyện làm trưởng đoàn đã làm việc tại xã.",
    ),
    (
        "Đến nay, đã có 1.234/1.500 hộ nộp thuế.",
        "Đến nay, đã có một nghìn hai trăm ba mươi tư trên một nghìn năm trăm hộ nộp thuế.",
    ),
    (
        "Xã đạt 19/19 tiêu chí nông thôn mới.",
        "Xã đạt mười chín trên mười chín tiêu chí nông thôn mới.",
    ),
    (
        "Km15+200 QL1A.",
        "ki-lô-mét mười lăm cộng hai trăm quốc lộ một a.",
    ),
    (
        "QL 1A đoạn qua xã.",
        "quốc lộ một a đoạn qua xã.",
    ),
    (
        "Tuyển sinh 40 học viên, học phí 2,5tr/khóa.",
        "Tuyển sinh bốn mươi học viên, học phí hai phẩy năm triệu một khóa.",
    ),
    (
        "Hỗ trợ 500k/người.",
        "Hỗ trợ năm trăm nghìn một người.",
    ),
    (
        "Mức thu 30.000 đồng/m2/tháng.",
        "Mức thu ba mươi nghìn đồng một mét vuông một tháng.",
    ),
    (
        "Nộp trước 15h ngày thứ 6 (12/12).",
        "Nộp trước mười lăm giờ ngày thứ sáu, ngày mười hai tháng mười hai.",
    ),
    (
        "Thứ 7, CN nghỉ.",
        "Thứ bảy, chủ nhật nghỉ.",
    ),
    (
        "Làm việc T2-T6.",
        "Làm việc thứ hai đến thứ sáu.",
    ),
    (
        "Tiếp dân các ngày T3, T5 hàng tuần.",
        "Tiếp dân các ngày thứ ba, thứ năm hàng tuần.",
    ),
]


# --- a subject's mark typed with a dot in a sentence about marks: "Điểm thi: Toán 8.5, Văn 7.25" is
# "tám phẩy năm" (was "tám chấm năm"); a section "Toán 8.5 chương 2", a roll call "điểm danh" keep "chấm".
SUBJECT_MARKS = [
    (
        "Điểm thi: Toán 8.5, Văn 7.25.",
        "Điểm thi: Toán tám phẩy năm, Văn bảy phẩy hai mươi lăm.",
    ),
    (
        "Điểm các môn: Toán: 9.0; Tiếng Anh: 8.75.",
        "Điểm các môn: Toán: chín phẩy không; Tiếng Anh: tám phẩy bảy mươi lăm.",
    ),
    (
        "Toán 8.5 chương 2.",
        "Toán tám chấm năm chương hai.",
    ),
    (
        "Điểm danh lớp Toán 2.1.",
        "Điểm danh lớp Toán hai chấm một.",
    ),
    (
        "Điểm thi: Toán 8,5; Ngữ văn 7,0.",
        "Điểm thi: Toán tám phẩy năm; Ngữ văn bảy phẩy không.",
    ),
]


# --- a term without "học": "cuối kỳ I", "giữa kỳ II" (the numeral was left); a commune post "CC Tư pháp -
# Hộ tịch" is "công chức" (was spelled, flagged); more outage, salinity, price and lunar lines.
TERMS_AND_POSTS = [
    (
        "Kiểm tra cuối kỳ I từ 15/12 - 20/12/2026.",
        "Kiểm tra cuối kỳ một từ ngày mười lăm tháng mười hai đến ngày hai mươi tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thi giữa kỳ II.",
        "Thi giữa kỳ hai.",
    ),
    (
        "Tổng kết học kỳ I lúc 7h30 thứ Hai (12/01/2027).",
        "Tổng kết học kỳ một lúc bảy giờ ba mươi phút thứ Hai, ngày mười hai tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Cán bộ trực: đ/c Nguyễn Văn B - CC Tư pháp - Hộ tịch, ĐT: 0912.345.678.",
        "Cán bộ trực: đồng chí Nguyễn Văn B - công chức Tư pháp - Hộ tịch, điện thoại: không chín một hai, ba bốn năm, sáu bảy tám.",
    ),
    (
        "CC Địa chính xã.",
        "công chức Địa chính xã.",
    ),
    (
        "Kỳ họp thứ 5.",
        "Kỳ họp thứ năm.",
    ),
    (
        "Điện lực Quỳnh Lưu thông báo: Từ 6h00 đến 18h00 ngày 07/12/2026 (Chủ nhật), ngừng cung cấp điện để thi công đường dây 22kV.",
        "Điện lực Quỳnh Lưu thông báo: Từ sáu giờ đến mười tám giờ ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu, Chủ nhật, ngừng cung cấp điện để thi công đường dây hai mươi hai ki-lô-vôn.",
    ),
    (
        "Khu vực mất điện: TBA Quỳnh Thạch 1, 2, 3, 4; TBA Bơm Tân Thắng.",
        "Khu vực mất điện: trạm biến áp Quỳnh Thạch một, hai, ba, bốn; trạm biến áp Bơm Tân Thắng.",
    ),
    (
        "Độ mặn từ 2-4‰.",
        "Độ mặn từ hai đến bốn phần nghìn.",
    ),
    (
        "Mưa 10-20mm/ngày.",
        "Mưa mười đến hai mươi mi-li-mét mỗi ngày.",
    ),
    (
        "Lợn hơi giá từ 60 - 62 nghìn đồng/kg.",
        "Lợn hơi giá từ sáu mươi đến sáu mươi hai nghìn đồng một ki-lô-gam.",
    ),
    (
        "Tăng 1,5 lần so với năm 2025.",
        "Tăng một phẩy năm lần so với năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Ông Phan Văn Tư (1945 - 2026).",
        "Ông Phan Văn Tư, một nghìn chín trăm bốn mươi lăm đến hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Trường THCS Tân Lập thông báo: học sinh khối 6, 7 nghỉ học ngày 08/12/2026.",
        "Trường trung học cơ sở Tân Lập thông báo: học sinh khối sáu, bảy nghỉ học ngày tám tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Lưu ý: tải trọng cầu 13T; khổ 3,5m.",
        "Lưu ý: tải trọng cầu mười ba tấn; khổ ba phẩy năm mét.",
    ),
    (
        "Ngày 3/12 (tức 14/10 âm lịch).",
        "Ngày ba tháng mười hai, tức ngày mười bốn tháng mười âm lịch.",
    ),
    (
        "Giỗ Tổ Hùng Vương 10/3 âm lịch.",
        "Giỗ Tổ Hùng Vương ngày mười tháng ba âm lịch.",
    ),
]


# --- an item's number after a semicolon that follows a number ("SN 1990; 2) Trần Thị B") is silent like the
# first (it was read, "hai,"); "(âl)" alone in brackets, "rằm âl" are "âm lịch" (were spelled, flagged).
LISTS_AND_LUNAR_BRACKETS = [
    (
        "Danh sách: 1) Nguyễn Văn A, SN 1990; 2) Trần Thị B, SN 1992.",
        "Danh sách: Nguyễn Văn A, sinh năm một nghìn chín trăm chín mươi; Trần Thị B, sinh năm một nghìn chín trăm chín mươi hai.",
    ),
    (
        "Hồ sơ gồm: a) Đơn đề nghị; b) Bản sao CCCD.",
        "Hồ sơ gồm: Đơn đề nghị; Bản sao căn cước công dân.",
    ),
    (
        "Lớp 9A1 đạt 8,5; 9A2 đạt 8,0.",
        "Lớp chín A một đạt tám phẩy năm; chín A hai đạt tám phẩy không.",
    ),
    (
        "Mùng 1 và ngày rằm hằng tháng (âl).",
        "Mùng một và ngày rằm hằng tháng, âm lịch.",
    ),
    (
        "Ngày rằm âl.",
        "Ngày rằm âm lịch.",
    ),
    (
        "Ngày 01/01/2027 âl.",
        "Ngày một tháng Giêng năm hai nghìn không trăm hai mươi bảy âm lịch.",
    ),
    (
        "Từ ngày 10 - 12/3 âm lịch.",
        "Từ ngày mười đến ngày mười hai tháng ba âm lịch.",
    ),
    (
        "Tháng 7 âl năm nay.",
        "Tháng bảy âm lịch năm nay.",
    ),
    (
        "Hồ chứa nước Ia Ring: 1.234.567 m3 (đạt 85%).",
        "Hồ chứa nước Ia Ring: một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy mét khối, đạt tám mươi lăm phần trăm.",
    ),
    (
        "Mưa trên 40mm/3h.",
        "Mưa trên bốn mươi mi-li-mét trong ba giờ.",
    ),
    (
        "Vàng 9999: 8,45 triệu đồng/chỉ.",
        "Vàng bốn số chín: tám phẩy bốn mươi lăm triệu đồng một chỉ.",
    ),
    (
        "Thu NSNN 11 tháng đạt 4.567 tr.đ = 95,6% dự toán.",
        "Thu ngân sách nhà nước mười một tháng đạt bốn nghìn năm trăm sáu mươi bảy triệu đồng bằng chín mươi lăm phẩy sáu phần trăm dự toán.",
    ),
    (
        "Thu nhập: 4-5tr/tháng.",
        "Thu nhập: bốn đến năm triệu một tháng.",
    ),
    (
        "Bà Lê Thị Cúc (SN 1970), Thôn 3, tặng 20 suất quà, mỗi suất 500.000đ.",
        "Bà Lê Thị Cúc, sinh năm một nghìn chín trăm bảy mươi, Thôn ba, tặng hai mươi suất quà, mỗi suất năm trăm nghìn đồng.",
    ),
    (
        "Thứ 2 - thứ 6 hằng tuần, sáng 7h30-11h30.",
        "Thứ hai đến thứ sáu hằng tuần, sáng từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút.",
    ),
]


# --- ranges with the unit or the sign written at both ends ("18°C – 20°C", "80% - 90%", "7.200đ - 7.500đ/kg"),
# days listed before one month ("các ngày 10, 11/12/2026"): cases that must not change.
RANGES_WRITTEN_BOTH_ENDS = [
    (
        "Từ 08h00 đến 16h00 các ngày 10, 11/12/2026.",
        "Từ tám giờ đến mười sáu giờ các ngày mười, mười một tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Cắt điện ngày 10 và 11/12/2026.",
        "Cắt điện ngày mười và mười một tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thời gian: 07h00 – 17h00 ngày 05/12.",
        "Thời gian: từ bảy giờ đến mười bảy giờ ngày năm tháng mười hai.",
    ),
    (
        "Nhiệt độ: 18°C – 20°C.",
        "Nhiệt độ: mười tám độ xê đến hai mươi độ xê.",
    ),
    (
        "Độ ẩm: 80% - 90%.",
        "Độ ẩm: tám mươi phần trăm đến chín mươi phần trăm.",
    ),
    (
        "Giá lúa từ 7.200đ - 7.500đ/kg.",
        "Giá lúa từ bảy nghìn hai trăm đồng đến bảy nghìn năm trăm đồng một ki-lô-gam.",
    ),
    (
        "Tăng từ 2% - 3%.",
        "Tăng từ hai phần trăm đến ba phần trăm.",
    ),
    (
        "Năm 2026, thu nhập bình quân đạt 55,5 triệu đồng/người/năm, tăng 4,5 triệu đồng so với năm 2025.",
        "Năm hai nghìn không trăm hai mươi sáu, thu nhập bình quân đạt năm mươi lăm phẩy năm triệu đồng một người một năm, tăng bốn phẩy năm triệu đồng so với năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Các hộ có thu nhập dưới 2,25 tr.đ/người/tháng.",
        "Các hộ có thu nhập dưới hai phẩy hai mươi lăm triệu đồng một người một tháng.",
    ),
    (
        "Cầu Km 5+500 ĐT.741 hạn chế xe trên 10 tấn.",
        "Cầu ki-lô-mét năm cộng năm trăm đường tỉnh bảy trăm bốn mươi mốt hạn chế xe trên mười tấn.",
    ),
    (
        "Tiêm vắc xin cho trẻ từ đủ 6 - 36 tháng tuổi.",
        "Tiêm vắc xin cho trẻ từ đủ sáu đến ba mươi sáu tháng tuổi.",
    ),
    (
        "Ngày 15 tháng Giêng, năm Đinh Mùi 2027.",
        "Ngày mười lăm tháng Giêng, năm Đinh Mùi hai nghìn không trăm hai mươi bảy.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), POWER_CUTS)
def test_power_cuts(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), WEATHER)
def test_weather(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), PRICES)
def test_prices(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), BUDGET)
def test_budget(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), HONOURS)
def test_honours(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), CITIZENS_AND_TRAINING)
def test_citizens_and_training(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SCHOOL)
def test_school(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TRAFFIC)
def test_traffic(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), HEALTH)
def test_health(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), LUNAR)
def test_lunar(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), PLACE_BEFORE_SENTENCE)
def test_place_before_sentence(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), MIX_RATIO)
def test_mix_ratio(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SPACED_DOT_PHONE)
def test_spaced_dot_phone(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), FEEDERS)
def test_feeders(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), OPEN_SECOND_END)
def test_open_second_end(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), BULLETINS_TYPED_LOOSELY)
def test_bulletins_typed_loosely(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), CLASS_LISTS)
def test_class_lists(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), COLON_CHAINS)
def test_colon_chains(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SAME_PERIOD_AND_SHARES)
def test_same_period_and_shares(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TRANSFORMERS_AND_SHARES)
def test_transformers_and_shares(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SIGNED_CHANGES)
def test_signed_changes(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), NEWS_AND_REPORTS)
def test_news_and_reports(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SUBJECT_MARKS)
def test_subject_marks(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TERMS_AND_POSTS)
def test_terms_and_posts(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), LISTS_AND_LUNAR_BRACKETS)
def test_lists_and_lunar_brackets(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), RANGES_WRITTEN_BOTH_ENDS)
def test_ranges_written_both_ends(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(
    ("text", "spoken", "flagged"),
    [
        (
            "Kế hoạch giai đoạn 2021 - 2025 - 2030.",
            "Kế hoạch giai đoạn hai nghìn không trăm hai mươi mốt, hai nghìn không trăm hai mươi lăm, "
            "hai nghìn không trăm ba mươi.",
            "2021 - 2025 - 2030",
        ),
        (
            "Tầm nhìn 2021-2025-2030.",
            "Tầm nhìn hai nghìn không trăm hai mươi mốt, hai nghìn không trăm hai mươi lăm, "
            "hai nghìn không trăm ba mươi.",
            "2021-2025-2030",
        ),
        # no word of mixing in the clause: a ratio or a score, every number said, flagged
        (
            "Kết quả 3:1 nghiêng về đội thôn 2.",
            "Kết quả ba trên một nghiêng về đội thôn hai.",
            "3:1",
        ),
        (
            "Trộn phân chuồng với vôi. Chia 3:1 cho hai đội.",
            "Trộn phân chuồng với vôi. Chia ba trên một cho hai đội.",
            "3:1",
        ),
        (
            "Mã 3:2:1 ghi trên bao.",
            "Mã ba, hai, một ghi trên bao.",
            "3:2:1",
        ),
        # "CK" is "cùng kỳ" only after "so (với)": a payment "bằng CK" may be "chuyển khoản"
        (
            "Thanh toán bằng CK.",
            "Thanh toán bằng xê ca.",
            "CK",
        ),
    ],
)
def test_ambiguous_chains_and_ratios_are_read_and_flagged(
    text: str, spoken: str, flagged: str
) -> None:
    # "2021 - 2025 - 2030" was "… đến … đến …" (a range with two ends and a middle), unflagged;
    # a bare "3:1" was "ba: một"
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == [flagged]


def test_two_years_stay_a_range_and_a_clock_stays_a_clock() -> None:
    assert normalize("Năm học 2025-2026.") == (
        "Năm học hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm hai mươi sáu."
    )
    # "1:10" with no word of mixing may be ten past one: not a ratio
    assert "trên" not in normalize("Kết thúc lúc 1:10.")
    assert "trên" not in normalize("Pha trà lúc 1:10 rồi uống.")
    # "XT" is the feeder only before its three digits
    report = normalize_with_report("Xe XT 15 chỗ.")
    assert "xuất tuyến" not in report.spoken
    assert [w.written for w in report.warnings] == ["XT"]


@pytest.mark.parametrize("text", ["A .A", "xin chào .Tôi", "Về TP .Huế"])
def test_a_mark_typed_after_a_space_reads_the_same_twice(text: str) -> None:
    # the tidy-up glued "A .A" into "A.A", which a second reading took for initials ("a a")
    once = normalize(text)
    assert normalize(once) == once

"""Readings of official text, seventeenth probe: notices as commune officials paste them from Word, PDF
and Zalo — Công an xã warnings (scams, VNeID, căn cước, tạm trú, drugs, firecrackers), the call-up
for military service, storm and flood bulletins, traffic, health, taxes and insurance, farming,
school and legal references, addresses, hotlines and times — and the leftovers of earlier probes: a
dotted place ending a sentence ("Về TP."), abbreviations typed together or hyphenated ("PCCCCNCH",
"NVQS-CAND"), a weekday with its date ("thứ 7/12"), one day's "ngày 10-12", caps-lock words ("tHÔNG
BÁO"), a ratio in brackets ("(1:2)"), letters glued to a decimal strength ("0.75TP"), no-break
spaces inside a phone number, "số 12/3 ngõ 45", a date typed "10 - 12 - 2026", two totals "1.234 hộ
/ 5.678 khẩu" and "(SN: 1978)", Word's bullets pasted as text, consolidated texts ("15/VBHN-BCA"),
abbreviations typed in lower case on a phone ("cccd"), "a/c", an arrow between dates ("5/12
->10/12"), a sign before a blood pressure ("≥ 140/90 mmHg") and a storm's name after a dash ("bão số
6 - TRAMI"). One table per subject (northern reading); each holds cases that must not change too.
Every case is read without a warning, reading the spoken text again changes nothing, and the same
text in NFD reads the same."""

from __future__ import annotations

import pytest

from tts.normalize import normalize, normalize_with_report

from .official import check_reading

# --- Công an xã: scams, VNeID, căn cước, residence, drugs, firecrackers ------------------------------
# Readings that must hold: "VNeID" from the lexicon, "mức 2", "+84", fines in millions, "01 người"
# without its zero, a police legal reference, phones and the emergency number.
POLICE = [
    (
        "Công an xã thông báo: đối tượng giả danh cán bộ Công an gọi điện yêu cầu cài ứng dụng VNeID giả mạo.",
        "Công an xã thông báo: đối tượng giả danh cán bộ Công an gọi điện yêu cầu cài ứng dụng vê-nê-ai-đi giả mạo.",
    ),
    (
        "Người dân cần kích hoạt tài khoản định danh điện tử mức 2 trước ngày 31/12/2026.",
        "Người dân cần kích hoạt tài khoản định danh điện tử mức hai trước ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Đến trụ sở Công an xã làm thủ tục cấp thẻ căn cước từ thứ 2 đến thứ 6 hằng tuần.",
        "Đến trụ sở Công an xã làm thủ tục cấp thẻ căn cước từ thứ hai đến thứ sáu hằng tuần.",
    ),
    (
        "Thời gian làm việc: sáng từ 7h30-11h30, chiều từ 13h30-17h00.",
        "Thời gian làm việc: sáng từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút, chiều từ mười ba giờ ba mươi phút đến mười bảy giờ.",
    ),
    (
        "Hộ gia đình có người đến lưu trú phải khai báo tạm trú trước 23 giờ cùng ngày.",
        "Hộ gia đình có người đến lưu trú phải khai báo tạm trú trước hai mươi ba giờ cùng ngày.",
    ),
    (
        "Mức phạt từ 10.000.000 đồng đến 20.000.000 đồng theo Nghị định số 144/2021/NĐ-CP.",
        "Mức phạt từ mười triệu đồng đến hai mươi triệu đồng theo Nghị định số một trăm bốn mươi tư, năm hai nghìn không trăm hai mươi mốt của Chính phủ.",
    ),
    (
        "Mọi thông tin liên hệ Công an xã: 0912.345.678 hoặc gọi 113.",
        "Mọi thông tin liên hệ Công an xã: không chín một hai, ba bốn năm, sáu bảy tám hoặc gọi một một ba.",
    ),
    (
        "Tuyệt đối không cung cấp mã OTP, số tài khoản ngân hàng cho bất kỳ ai.",
        "Tuyệt đối không cung cấp mã ô tê pê, số tài khoản ngân hàng cho bất kỳ ai.",
    ),
    (
        "Cảnh giác với các cuộc gọi có đầu số +84 lạ hoặc số nước ngoài.",
        "Cảnh giác với các cuộc gọi có đầu số cộng tám bốn lạ hoặc số nước ngoài.",
    ),
    (
        "Phát hiện 02 đối tượng sử dụng trái phép chất ma túy tại thôn 5.",
        "Phát hiện hai đối tượng sử dụng trái phép chất ma túy tại thôn năm.",
    ),
    (
        "Cảnh báo thủ đoạn lừa đảo “cài lại ứng dụng VNeID”.",
        "Cảnh báo thủ đoạn lừa đảo, cài lại ứng dụng vê-nê-ai-đi.",
    ),
    (
        "Tài khoản định danh điện tử mức độ 2 được sử dụng thay CCCD.",
        "Tài khoản định danh điện tử mức độ hai được sử dụng thay căn cước công dân.",
    ),
    (
        "Công dân từ đủ 14 tuổi trở lên phải làm thủ tục cấp căn cước.",
        "Công dân từ đủ mười bốn tuổi trở lên phải làm thủ tục cấp căn cước.",
    ),
    (
        "Người sử dụng pháo nổ có thể bị phạt tiền từ 10 – 20 triệu đồng.",
        "Người sử dụng pháo nổ có thể bị phạt tiền từ mười đến hai mươi triệu đồng.",
    ),
    (
        "Thu giữ 1,2 kg pháo nổ các loại và 05 hộp pháo hoa.",
        "Thu giữ một phẩy hai ki-lô-gam pháo nổ các loại và năm hộp pháo hoa.",
    ),
    (
        "Phát hiện 03 đối tượng có kết quả test nhanh dương tính với ma túy.",
        "Phát hiện ba đối tượng có kết quả test nhanh dương tính với ma túy.",
    ),
    (
        "Lệ phí cấp đổi căn cước là 30.000 đồng/thẻ.",
        "Lệ phí cấp đổi căn cước là ba mươi nghìn đồng một thẻ.",
    ),
    (
        "Không tàng trữ, sử dụng pháo nổ dịp Tết Nguyên đán Bính Ngọ 2026.",
        "Không tàng trữ, sử dụng pháo nổ dịp Tết Nguyên đán Bính Ngọ hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Đối tượng chiếm đoạt 350 triệu đồng của 01 người dân thôn 7.",
        "Đối tượng chiếm đoạt ba trăm năm mươi triệu đồng của một người dân thôn bảy.",
    ),
    (
        "Từ ngày 01/01/2027, công dân dùng căn cước hoặc VNeID mức 2 khi làm thủ tục.",
        "Từ ngày một tháng một năm hai nghìn không trăm hai mươi bảy, công dân dùng căn cước hoặc vê-nê-ai-đi mức hai khi làm thủ tục.",
    ),
]

# --- nghĩa vụ quân sự calls ---------------------------------------------------------------------------
# A law of the congress ("78/2015/QH13"), the call-up time "6h30", a lunar date in brackets, "6h45’"
# with a typographic minute mark, "ngày 15-16/12/2026".
MILITARY = [
    (
        "Căn cứ Luật Nghĩa vụ quân sự số 78/2015/QH13 ngày 19/6/2015.",
        "Căn cứ Luật Nghĩa vụ quân sự số bảy mươi tám, năm hai nghìn không trăm mười lăm của Quốc hội khóa mười ba ngày mười chín tháng sáu năm hai nghìn không trăm mười lăm.",
    ),
    (
        "Lệnh gọi công dân nhập ngũ năm 2027: có mặt lúc 6h30 ngày 15/02/2027.",
        "Lệnh gọi công dân nhập ngũ năm hai nghìn không trăm hai mươi bảy: có mặt lúc sáu giờ ba mươi phút ngày mười lăm tháng hai năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Công dân sinh năm 2008 đủ 18 tuổi phải đăng ký NVQS lần đầu trong tháng 4/2026.",
        "Công dân sinh năm hai nghìn không trăm linh tám đủ mười tám tuổi phải đăng ký nghĩa vụ quân sự lần đầu trong tháng tư năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Thanh niên trong độ tuổi từ 18-25 tuổi; có trình độ cao đẳng, đại học đến 27 tuổi.",
        "Thanh niên trong độ tuổi từ mười tám đến hai mươi lăm tuổi; có trình độ cao đẳng, đại học đến hai mươi bảy tuổi.",
    ),
    (
        "Khám tuyển NVQS đợt 1: ngày 15-16/12/2026.",
        "Khám tuyển nghĩa vụ quân sự đợt một: ngày mười lăm đến ngày mười sáu tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Công dân có mặt tại Hội trường UBND xã lúc 6h45’.",
        "Công dân có mặt tại Hội trường Ủy ban nhân dân xã lúc sáu giờ bốn mươi lăm phút.",
    ),
    (
        "Ngày 26/02/2027 (tức ngày 10 tháng Giêng năm Đinh Mùi) tổ chức Lễ giao nhận quân.",
        "Ngày hai mươi sáu tháng hai năm hai nghìn không trăm hai mươi bảy, tức ngày mười tháng Giêng năm Đinh Mùi, tổ chức Lễ giao nhận quân.",
    ),
    (
        "Công dân nhập ngũ được hỗ trợ 3.000.000đ.",
        "Công dân nhập ngũ được hỗ trợ ba triệu đồng.",
    ),
]

# --- thiên tai: storm and flood bulletins -------------------------------------------------------------
# Coordinates "17,8 độ Vĩ Bắc; 107,9 độ Kinh Đông" and "16,5N-113,2E", wind levels "cấp 10-11",
# speeds in brackets, rainfall ranges "100-200mm", alarm levels "BĐ3", discharge "m3/s", "°C". The
# hemisphere by its Vietnamese initial after a degree sign, "17,5°B – 112,3°Đ", is "vĩ Bắc", "kinh
# Đông" (was "độ B", "độ Đ").
STORM = [
    (
        "Tin bão khẩn cấp – cơn bão số 5.",
        "Tin bão khẩn cấp – cơn bão số năm.",
    ),
    (
        "Hồi 10 giờ ngày 25/9, vị trí tâm bão ở vào khoảng 18,2 độ Vĩ Bắc; 110,5 độ Kinh Đông.",
        "Hồi mười giờ ngày hai mươi lăm tháng chín, vị trí tâm bão ở vào khoảng mười tám phẩy hai độ Vĩ Bắc; một trăm mười phẩy năm độ Kinh Đông.",
    ),
    (
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp 10-11 (89-117km/h), giật cấp 13.",
        "Sức gió mạnh nhất vùng gần tâm bão mạnh cấp mười đến mười một, tám mươi chín đến một trăm mười bảy ki-lô-mét trên giờ, giật cấp mười ba.",
    ),
    (
        "Dự báo trong 24h tới, bão di chuyển theo hướng Tây Tây Bắc, mỗi giờ đi được 15-20km.",
        "Dự báo trong hai mươi tư giờ tới, bão di chuyển theo hướng Tây Tây Bắc, mỗi giờ đi được mười lăm đến hai mươi ki-lô-mét.",
    ),
    (
        "Từ đêm 25/9 đến ngày 27/9, khu vực có mưa to đến rất to với lượng mưa phổ biến 100-200mm, có nơi trên 300mm.",
        "Từ đêm ngày hai mươi lăm tháng chín đến ngày hai mươi bảy tháng chín, khu vực có mưa to đến rất to với lượng mưa phổ biến một trăm đến hai trăm mi-li-mét, có nơi trên ba trăm mi-li-mét.",
    ),
    (
        "Mực nước sông Cả tại Nam Đàn lúc 7h ngày 26/9 là 6,85m, trên báo động 2 là 0,35m.",
        "Mực nước sông Cả tại Nam Đàn lúc bảy giờ ngày hai mươi sáu tháng chín là sáu phẩy tám mươi lăm mét, trên báo động hai là không phẩy ba mươi lăm mét.",
    ),
    (
        "Tàu thuyền hoạt động trong vùng nguy hiểm: phía Bắc vĩ tuyến 16,0; phía Tây kinh tuyến 113,0.",
        "Tàu thuyền hoạt động trong vùng nguy hiểm: phía Bắc vĩ tuyến mười sáu phẩy không; phía Tây kinh tuyến một trăm mười ba phẩy không.",
    ),
    (
        "Lượng mưa phổ biến 50-100mm, có nơi trên 150 mm.",
        "Lượng mưa phổ biến năm mươi đến một trăm mi-li-mét, có nơi trên một trăm năm mươi mi-li-mét.",
    ),
    (
        "Gió giật cấp 8-9, sóng biển cao 2-4m, biển động mạnh.",
        "Gió giật cấp tám đến chín, sóng biển cao hai đến bốn mét, biển động mạnh.",
    ),
    (
        "Hồi 04 giờ, vị trí tâm bão ở vào khoảng 16,5N-113,2E.",
        "Hồi bốn giờ, vị trí tâm bão ở vào khoảng mười sáu phẩy năm độ vĩ Bắc, một trăm mười ba phẩy hai độ kinh Đông.",
    ),
    (
        "Lũ trên sông Bồ tại Phú Ốc lên mức 4,2m (trên BĐ3 0,7m).",
        "Lũ trên sông Bồ tại Phú Ốc lên mức bốn phẩy hai mét, trên báo động ba, không phẩy bảy mét.",
    ),
    (
        "Cấp độ rủi ro thiên tai do lũ: cấp 3.",
        "Cấp độ rủi ro thiên tai do lũ: cấp ba.",
    ),
    (
        "Gió mạnh cấp 6, giật cấp 7–8.",
        "Gió mạnh cấp sáu, giật cấp bảy đến tám.",
    ),
    (
        "Lượng mưa từ 70–150 mm.",
        "Lượng mưa từ bảy mươi đến một trăm năm mươi mi-li-mét.",
    ),
    (
        "Từ 20h00 ngày 05/12 đến 06h00 ngày 06/12, mưa lớn.",
        "Từ hai mươi giờ ngày năm tháng mười hai đến sáu giờ ngày sáu tháng mười hai, mưa lớn.",
    ),
    (
        "Bão số 5 mạnh cấp 12 (118-133 km/h), giật cấp 15, di chuyển nhanh 20-25 km/h.",
        "Bão số năm mạnh cấp mười hai, một trăm mười tám đến một trăm ba mươi ba ki-lô-mét trên giờ, giật cấp mười lăm, di chuyển nhanh hai mươi đến hai mươi lăm ki-lô-mét trên giờ.",
    ),
    (
        "Lúc 13h ngày 26/9, tâm bão ở khoảng 17,8 độ Vĩ Bắc; 107,9 độ Kinh Đông, trên vùng biển Quảng Trị.",
        "Lúc mười ba giờ ngày hai mươi sáu tháng chín, tâm bão ở khoảng mười bảy phẩy tám độ Vĩ Bắc; một trăm linh bảy phẩy chín độ Kinh Đông, trên vùng biển Quảng Trị.",
    ),
    (
        "Các hồ chứa xả lũ với lưu lượng 500-1.000 m3/s.",
        "Các hồ chứa xả lũ với lưu lượng năm trăm đến một nghìn mét khối trên giây.",
    ),
    (
        "Cảnh báo cấp độ rủi ro thiên tai do mưa lớn cấp 2; lũ quét, sạt lở đất cấp 1.",
        "Cảnh báo cấp độ rủi ro thiên tai do mưa lớn cấp hai; lũ quét, sạt lở đất cấp một.",
    ),
    (
        "Nhiệt độ thấp nhất 8-11°C, vùng núi cao dưới 5°C.",
        "Nhiệt độ thấp nhất tám đến mười một độ xê, vùng núi cao dưới năm độ xê.",
    ),
    (
        "Hồi 13 giờ, tâm bão ở vào khoảng 17,5°B – 112,3°Đ.",
        "Hồi mười ba giờ, tâm bão ở vào khoảng mười bảy phẩy năm độ vĩ Bắc, một trăm mười hai phẩy ba độ kinh Đông.",
    ),
    (
        "Vị trí tâm áp thấp: 16,2° B; 110,8° Đ.",
        "Vị trí tâm áp thấp: mười sáu phẩy hai độ vĩ Bắc; một trăm mười phẩy tám độ kinh Đông.",
    ),
]

# --- giao thông: alcohol, speed, fines, km posts -------------------------------------------------------
TRAFFIC = [
    (
        "Nồng độ cồn vượt quá 50 mg/100ml máu hoặc 0,25 mg/l khí thở.",
        "Nồng độ cồn vượt quá năm mươi mi-li-gam trên một trăm mi-li-lít máu hoặc không phẩy hai mươi lăm mi-li-gam trên lít khí thở.",
    ),
    (
        "Xe mô tô chạy quá tốc độ từ 5 km/h đến dưới 10 km/h bị phạt tiền.",
        "Xe mô tô chạy quá tốc độ từ năm ki-lô-mét trên giờ đến dưới mười ki-lô-mét trên giờ bị phạt tiền.",
    ),
    (
        "Nồng độ cồn vượt quá 80 mg/100 ml máu hoặc vượt quá 0,4 mg/1 lít khí thở.",
        "Nồng độ cồn vượt quá tám mươi mi-li-gam trên một trăm mi-li-lít máu hoặc vượt quá không phẩy bốn mi-li-gam trên một lít khí thở.",
    ),
    (
        "Tốc độ tối đa trong khu dân cư là 50km/h đối với xe máy.",
        "Tốc độ tối đa trong khu dân cư là năm mươi ki-lô-mét trên giờ đối với xe máy.",
    ),
    (
        "Phạt từ 800.000đ - 1.000.000đ đối với hành vi không đội mũ bảo hiểm.",
        "Phạt từ tám trăm nghìn đồng đến một triệu đồng đối với hành vi không đội mũ bảo hiểm.",
    ),
    (
        "Người điều khiển ô tô có nồng độ cồn bị trừ 10 điểm GPLX.",
        "Người điều khiển ô tô có nồng độ cồn bị trừ mười điểm giấy phép lái xe.",
    ),
    (
        "Tai nạn giao thông tại Km 15+300 Quốc lộ 1A làm 02 người bị thương.",
        "Tai nạn giao thông tại ki-lô-mét mười lăm cộng ba trăm Quốc lộ một a làm hai người bị thương.",
    ),
    (
        "Xe tải trên 3,5 tấn cấm lưu thông từ 6h-8h và 16h30-18h30.",
        "Xe tải trên ba phẩy năm tấn cấm lưu thông từ sáu giờ đến tám giờ và từ mười sáu giờ ba mươi phút đến mười tám giờ ba mươi phút.",
    ),
]

# --- y tế: vaccination, dengue, first aid ------------------------------------------------------------
HEALTH = [
    (
        "Tiêm vắc xin sởi – rubella cho trẻ từ 1-5 tuổi.",
        "Tiêm vắc xin sởi – rubella cho trẻ từ một đến năm tuổi.",
    ),
    (
        "Sốt xuất huyết: toàn xã ghi nhận 12 ca mắc, tăng 5 ca so với tuần trước.",
        "Sốt xuất huyết: toàn xã ghi nhận mười hai ca mắc, tăng năm ca so với tuần trước.",
    ),
    (
        "Nhiệt độ cơ thể trên 38,5°C cần đưa ngay đến cơ sở y tế.",
        "Nhiệt độ cơ thể trên ba mươi tám phẩy năm độ xê cần đưa ngay đến cơ sở y tế.",
    ),
    (
        "Ngày 03/12/2026, toàn xã tiêm được 1.245 liều vắc xin.",
        "Ngày ba tháng mười hai năm hai nghìn không trăm hai mươi sáu, toàn xã tiêm được một nghìn hai trăm bốn mươi lăm liều vắc xin.",
    ),
    (
        "Tỷ lệ tiêm chủng đạt 98,5%.",
        "Tỷ lệ tiêm chủng đạt chín mươi tám phẩy năm phần trăm.",
    ),
    (
        "Sốt xuất huyết tăng 2,5 lần so với cùng kỳ năm 2025.",
        "Sốt xuất huyết tăng hai phẩy năm lần so với cùng kỳ năm hai nghìn không trăm hai mươi lăm.",
    ),
    (
        "Trạm Y tế xã trực cấp cứu 24/24h, SĐT: 0235.3.862.115.",
        "Trạm Y tế xã trực cấp cứu hai tư trên hai tư giờ, số điện thoại: không hai ba năm, ba, tám sáu hai, một một năm.",
    ),
    (
        "Cần phun hóa chất diệt muỗi trong bán kính 200m quanh ổ dịch.",
        "Cần phun hóa chất diệt muỗi trong bán kính hai trăm mét quanh ổ dịch.",
    ),
    (
        "Tiêm mũi 2 cách mũi 1 tối thiểu 28 ngày.",
        "Tiêm mũi hai cách mũi một tối thiểu hai mươi tám ngày.",
    ),
    (
        "Trẻ 9 tháng tuổi tiêm mũi 1 vắc xin sởi.",
        "Trẻ chín tháng tuổi tiêm mũi một vắc xin sởi.",
    ),
    (
        "Uống Oresol: pha 1 gói với 200ml nước đun sôi để nguội.",
        "Uống Oresol: pha một gói với hai trăm mi-li-lít nước đun sôi để nguội.",
    ),
    (
        "Trẻ dưới 2 tuổi uống 50-100ml sau mỗi lần đi ngoài.",
        "Trẻ dưới hai tuổi uống năm mươi đến một trăm mi-li-lít sau mỗi lần đi ngoài.",
    ),
    (
        "Khám sàng lọc miễn phí cho người từ 60 tuổi trở lên vào sáng thứ 5 hằng tuần.",
        "Khám sàng lọc miễn phí cho người từ sáu mươi tuổi trở lên vào sáng thứ năm hằng tuần.",
    ),
]

# --- thuế, BHYT, BHXH: amounts per period and percentages ---------------------------------------------
MONEY = [
    (
        "Mức đóng BHYT hộ gia đình năm 2026: người thứ nhất bằng 4,5% mức lương cơ sở.",
        "Mức đóng bảo hiểm y tế hộ gia đình năm hai nghìn không trăm hai mươi sáu: người thứ nhất bằng bốn phẩy năm phần trăm mức lương cơ sở.",
    ),
    (
        "Hạn nộp thuế sử dụng đất phi nông nghiệp trước ngày 31/10.",
        "Hạn nộp thuế sử dụng đất phi nông nghiệp trước ngày ba mươi mốt tháng mười.",
    ),
    (
        "Mức phí 30.000đ/con; hỗ trợ 50% cho hộ nghèo.",
        "Mức phí ba mươi nghìn đồng một con; hỗ trợ năm mươi phần trăm cho hộ nghèo.",
    ),
    (
        "Mức đóng BHXH tự nguyện bằng 22% mức thu nhập lựa chọn.",
        "Mức đóng bảo hiểm xã hội tự nguyện bằng hai mươi hai phần trăm mức thu nhập lựa chọn.",
    ),
    (
        "Nhà nước hỗ trợ 30% đối với hộ nghèo, 25% hộ cận nghèo, 10% đối tượng khác.",
        "Nhà nước hỗ trợ ba mươi phần trăm đối với hộ nghèo, hai mươi lăm phần trăm hộ cận nghèo, mười phần trăm đối tượng khác.",
    ),
    (
        "Thu nhập tối thiểu làm căn cứ đóng là 1.500.000 đồng/tháng.",
        "Thu nhập tối thiểu làm căn cứ đóng là một triệu năm trăm nghìn đồng một tháng.",
    ),
    (
        "Mức đóng thấp nhất 330.000 đ/tháng.",
        "Mức đóng thấp nhất ba trăm ba mươi nghìn đồng một tháng.",
    ),
    (
        "Mức đóng BHYT học sinh năm học 2026-2027 là 1.263.600 đồng/năm.",
        "Mức đóng bảo hiểm y tế học sinh năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy là một triệu hai trăm sáu mươi ba nghìn sáu trăm đồng một năm.",
    ),
    (
        "Hộ kinh doanh có doanh thu từ 200 triệu đồng/năm trở xuống không phải nộp thuế.",
        "Hộ kinh doanh có doanh thu từ hai trăm triệu đồng một năm trở xuống không phải nộp thuế.",
    ),
    (
        "Chậm nộp bị tính tiền chậm nộp 0,03%/ngày.",
        "Chậm nộp bị tính tiền chậm nộp không phẩy không ba phần trăm mỗi ngày.",
    ),
]

# --- nông nghiệp: fertiliser per sào, doses, yields ----------------------------------------------------
# Curated: "KN" after cán bộ, trạm, tổ is "khuyến nông", "CN-TY" "Chăn nuôi - Thú y" (were spelled).
FARM = [
    (
        "Bón phân NPK 16-16-8 với lượng 15-20 kg/sào.",
        "Bón phân nờ pê ca mười sáu, mười sáu, tám với lượng mười lăm đến hai mươi ki-lô-gam mỗi sào.",
    ),
    (
        "Gieo sạ 3-4 kg/sào; diện tích gieo cấy toàn xã 450,5 ha.",
        "Gieo sạ ba đến bốn ki-lô-gam mỗi sào; diện tích gieo cấy toàn xã bốn trăm năm mươi phẩy năm héc-ta.",
    ),
    (
        "Pha 20ml thuốc cho bình 16 lít nước, phun 2 bình/sào.",
        "Pha hai mươi mi-li-lít thuốc cho bình mười sáu lít nước, phun hai bình mỗi sào.",
    ),
    (
        "Bón thúc 5-7 kg đạm urê/sào (360m²).",
        "Bón thúc năm đến bảy ki-lô-gam đạm urê mỗi sào, ba trăm sáu mươi mét vuông.",
    ),
    (
        "Phun thuốc trừ rầy nâu khi mật độ trên 3.000 con/m².",
        "Phun thuốc trừ rầy nâu khi mật độ trên ba nghìn con trên mét vuông.",
    ),
    (
        "Liều lượng: 1 gói 20g pha bình 16 lít, phun 2-3 bình/sào.",
        "Liều lượng: một gói hai mươi gam pha bình mười sáu lít, phun hai đến ba bình mỗi sào.",
    ),
    (
        "Tiêm phòng LMLM, THT cho trâu bò; dịch tả lợn châu Phi (DTLCP).",
        "Tiêm phòng lở mồm long móng, tụ huyết trùng cho trâu bò; dịch tả lợn châu Phi.",
    ),
    (
        "Tiêm vắc xin phòng bệnh Dại cho chó, mèo với giá 50.000 đồng/liều.",
        "Tiêm vắc xin phòng bệnh Dại cho chó, mèo với giá năm mươi nghìn đồng một liều.",
    ),
    (
        "Rắc vôi bột 7-10 kg/100m² chuồng nuôi.",
        "Rắc vôi bột bảy đến mười ki-lô-gam trên một trăm mét vuông chuồng nuôi.",
    ),
    (
        "Năng suất bình quân ước đạt 62,5 tạ/ha.",
        "Năng suất bình quân ước đạt sáu mươi hai phẩy năm tạ trên héc-ta.",
    ),
    (
        "Cán bộ KN xã hướng dẫn bà con bón phân.",
        "Cán bộ khuyến nông xã hướng dẫn bà con bón phân.",
    ),
    (
        "Trạm CN-TY huyện tiêm phòng cho đàn trâu bò.",
        "Trạm Chăn nuôi - Thú y huyện tiêm phòng cho đàn trâu bò.",
    ),
]

# --- giáo dục: school years, enrolment dates ----------------------------------------------------------
SCHOOL = [
    (
        "Năm học 2026-2027, trường THCS tuyển sinh 4 lớp 6.",
        "Năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy, trường trung học cơ sở tuyển sinh bốn lớp sáu.",
    ),
    (
        "Khai giảng năm học mới vào 7h30 ngày 05/9/2026.",
        "Khai giảng năm học mới vào bảy giờ ba mươi phút ngày năm tháng chín năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Năm học 2026 - 2027 bắt đầu từ ngày 01/9/2026 (thứ Ba).",
        "Năm học hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm hai mươi bảy bắt đầu từ ngày một tháng chín năm hai nghìn không trăm hai mươi sáu, thứ Ba.",
    ),
    (
        "Học sinh lớp 1 nhập học ngày 25/8; lớp 6 ngày 26/8.",
        "Học sinh lớp một nhập học ngày hai mươi lăm tháng tám; lớp sáu ngày hai mươi sáu tháng tám.",
    ),
    (
        "Hạn nộp hồ sơ tuyển sinh lớp 10: trước 17h00 ngày 10/6/2026.",
        "Hạn nộp hồ sơ tuyển sinh lớp mười: trước mười bảy giờ ngày mười tháng sáu năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Điểm chuẩn NV1 vào lớp 10 là 32,5 điểm.",
        "Điểm chuẩn nguyện vọng một vào lớp mười là ba mươi hai phẩy năm điểm.",
    ),
    (
        "Kết thúc học kỳ I trước ngày 15/01/2027.",
        "Kết thúc học kỳ một trước ngày mười lăm tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
]

# --- legal references: decrees, decisions, plans, laws of the congress, articles and clauses ----------
LEGAL = [
    (
        "Căn cứ Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ.",
        "Căn cứ Nghị định số một trăm, năm hai nghìn không trăm mười chín ngày ba mươi tháng mười hai năm hai nghìn không trăm mười chín của Chính phủ.",
    ),
    (
        "Căn cứ Nghị định 168/2024/NĐ-CP; Thông tư số 24/2023/TT-BCA.",
        "Căn cứ Nghị định một trăm sáu mươi tám, năm hai nghìn không trăm hai mươi tư của Chính phủ; Thông tư số hai mươi tư, năm hai nghìn không trăm hai mươi ba của Bộ Công an.",
    ),
    (
        "Căn cứ Quyết định số 1234/QĐ-UBND ngày 05/11/2026 của UBND tỉnh.",
        "Căn cứ Quyết định số một nghìn hai trăm ba mươi tư ngày năm tháng mười một năm hai nghìn không trăm hai mươi sáu của Ủy ban nhân dân tỉnh.",
    ),
    (
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 01/12/2026 của UBND xã.",
        "Căn cứ Kế hoạch số bốn mươi lăm ngày một tháng mười hai năm hai nghìn không trăm hai mươi sáu của Ủy ban nhân dân xã.",
    ),
    (
        "Theo Điều 5, khoản 2, điểm a Luật Cư trú năm 2020.",
        "Theo Điều năm, khoản hai, điểm a Luật Cư trú năm hai nghìn không trăm hai mươi.",
    ),
    (
        "Căn cứ Luật số 23/2018/QH14 về Quốc phòng.",
        "Căn cứ Luật số hai mươi ba, năm hai nghìn không trăm mười tám của Quốc hội khóa mười bốn về Quốc phòng.",
    ),
    (
        "Vi phạm điểm c, khoản 6, Điều 6 Nghị định 100/2019/NĐ-CP.",
        "Vi phạm điểm c, khoản sáu, Điều sáu Nghị định một trăm, năm hai nghìn không trăm mười chín của Chính phủ.",
    ),
    (
        "Luật Căn cước số 26/2023/QH15 có hiệu lực từ ngày 01/7/2024.",
        "Luật Căn cước số hai mươi sáu, năm hai nghìn không trăm hai mươi ba của Quốc hội khóa mười lăm có hiệu lực từ ngày một tháng bảy năm hai nghìn không trăm hai mươi tư.",
    ),
    (
        "Điều 321 Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung năm 2017).",
        "Điều ba trăm hai mươi mốt Bộ luật Hình sự năm hai nghìn không trăm mười lăm, sửa đổi, bổ sung năm hai nghìn không trăm mười bảy.",
    ),
    (
        "Theo khoản 2, Điều 13 Luật Nghĩa vụ quân sự.",
        "Theo khoản hai, Điều mười ba Luật Nghĩa vụ quân sự.",
    ),
]

# --- addresses ----------------------------------------------------------------------------------------
# "số 12/3 ngõ 45": numbers joined by a slash before an alley word and its number are the house in
# it, "mười hai trên ba" (was "số ngày mười hai tháng ba ngõ …"); after a date word it stays a date
# ("Ngày 12/3 ngõ 45 bị ngập").
ADDRESS = [
    (
        "Địa điểm: số 12/3 ngõ 45 đường Lê Lợi.",
        "Địa điểm: số mười hai trên ba ngõ bốn mươi lăm đường Lê Lợi.",
    ),
    (
        "Số 12/3 ngõ 45, tổ dân phố 6, phường Đông Thành.",
        "Số mười hai trên ba ngõ bốn mươi lăm, tổ dân phố sáu, phường Đông Thành.",
    ),
    (
        "Số nhà 27, ngách 15/8, ngõ 120 đường Trần Phú.",
        "Số nhà hai mươi bảy, ngách mười lăm trên tám, ngõ một trăm hai mươi đường Trần Phú.",
    ),
    (
        "Nhà 5/2, ngõ 17 Hàng Bông.",
        "Nhà năm trên hai, ngõ mười bảy Hàng Bông.",
    ),
    (
        "Tổ dân phố số 3, thôn Đông, xóm 2.",
        "Tổ dân phố số ba, thôn Đông, xóm hai.",
    ),
    (
        "Xóm 3 (thôn Đông) và Xóm 4 (thôn Tây) mất điện từ 8h00 đến 17h00.",
        "Xóm ba, thôn Đông và Xóm bốn, thôn Tây, mất điện từ tám giờ đến mười bảy giờ.",
    ),
    (
        "Thôn 1, 2, 3 và xóm 4,5 mất điện.",
        "Thôn một, hai, ba và xóm bốn, năm mất điện.",
    ),
    (
        "Tổ 7, khu phố 3, phường 2.",
        "Tổ bảy, khu phố ba, phường hai.",
    ),
    (
        "Ngày 12/3 ngõ 45 bị ngập.",
        "Ngày mười hai tháng ba ngõ bốn mươi lăm bị ngập.",
    ),
]

# --- hotlines and phones ------------------------------------------------------------------------------
# A no-break, thin or narrow no-break space pasted from Word or a PDF is a space: "0912\u00a0345\u00a0678"
# was read as three numbers ("ba trăm bốn mươi lăm"); a thousands group with narrow spaces is money.
PHONES = [
    (
        "Số điện thoại đường dây nóng: 1900 1234.",
        "Số điện thoại đường dây nóng: một chín không không, một hai ba bốn.",
    ),
    (
        "Hotline: 0912.345.678 – 0987 654 321.",
        "Hót-lai: không chín một hai, ba bốn năm, sáu bảy tám – không chín tám bảy, sáu năm bốn, ba hai một.",
    ),
    (
        "Đường dây nóng: 0912.345.678 (đ/c Hùng – Trưởng Công an xã).",
        "Đường dây nóng: không chín một hai, ba bốn năm, sáu bảy tám, đồng chí Hùng – Trưởng Công an xã.",
    ),
    (
        "Tổng đài 1900 9095 hoặc 1800 1091 (miễn phí).",
        "Tổng đài một chín không không, chín không chín năm hoặc một tám không không, một không chín một, miễn phí.",
    ),
    (
        "Gọi ngay 114 khi có cháy, 115 khi cấp cứu.",
        "Gọi ngay một một bốn khi có cháy, một một năm khi cấp cứu.",
    ),
    (
        "LIÊN HỆ: Ông Nguyễn Văn A – Trưởng thôn, ĐT 0987.654.321",
        "Liên hệ: Ông Nguyễn Văn A – Trưởng thôn, điện thoại không chín tám bảy, sáu năm bốn, ba hai một",
    ),
    (
        "Số\xa0điện thoại: 0912\xa0345\xa0678",
        "Số điện thoại: không chín một hai, ba bốn năm, sáu bảy tám",
    ),
    (
        "Hỗ trợ 1\u202f500\u202f000 đồng.",
        "Hỗ trợ một triệu năm trăm nghìn đồng.",
    ),
    (
        "Gọi\u2009113 khi cần.",
        "Gọi một một ba khi cần.",
    ),
]

# --- times as typed ------------------------------------------------------------------------------------
TIMES = [
    (
        "Thời gian: từ 7h-11h ngày 12/12/2026.",
        "Thời gian: từ bảy giờ đến mười một giờ ngày mười hai tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Lúc 19 giờ 30' ngày 14/12, tại nhà văn hóa thôn 4.",
        "Lúc mười chín giờ ba mươi phút ngày mười bốn tháng mười hai, tại nhà văn hóa thôn bốn.",
    ),
    (
        "Họp từ 14h00 – 16h30 chiều thứ Sáu (ngày 11/12).",
        "Họp từ mười bốn giờ đến mười sáu giờ ba mươi phút chiều thứ Sáu, ngày mười một tháng mười hai.",
    ),
    (
        "Thông báo lịch cắt điện: 7h30 - 16h30 ngày 05/12/2026.",
        "Thông báo lịch cắt điện: từ bảy giờ ba mươi phút đến mười sáu giờ ba mươi phút ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu.",
    ),
    (
        "Họp lúc 14h00 — 16h00.",
        "Họp lúc mười bốn giờ đến mười sáu giờ.",
    ),
    (
        "Họp\xa0dân lúc\xa07h30\xa0ngày 5/12.",
        "Họp dân lúc bảy giờ ba mươi phút ngày năm tháng mười hai.",
    ),
]

# --- typography of pasted text: bullets, dashes, soft hyphens, doubled spaces, no-break spaces ---------
TYPOGRAPHY = [
    (
        "“Ngày hội Đại đoàn kết toàn dân tộc” năm 2026…",
        "Ngày hội Đại đoàn kết toàn dân tộc, năm hai nghìn không trăm hai mươi sáu…",
    ),
    (
        "• Mang theo CCCD gắn chip hoặc tài khoản VNeID mức 2.",
        "Mang theo căn cước công dân gắn chip hoặc tài khoản vê-nê-ai-đi mức hai.",
    ),
    (
        "– Đối tượng: trẻ em từ 6 tháng đến 5 tuổi.",
        "Đối tượng: trẻ em từ sáu tháng đến năm tuổi.",
    ),
    (
        "Tiêm chủng\xad mở rộng cho trẻ.",
        "Tiêm chủng mở rộng cho trẻ.",
    ),
    (
        "Người dân  cần   chú ý.",
        "Người dân cần chú ý.",
    ),
    (
        "Đối tượng: – Trẻ em; — Người già.",
        "Đối tượng: Trẻ em; Người già.",
    ),
    (
        "1. Thời gian: 7h30’ ngày 10/12/2026",
        "Thời gian: bảy giờ ba mươi phút ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu",
    ),
    (
        "▪ Mang theo CCCD.",
        "Mang theo căn cước công dân.",
    ),
    (
        "- Hạn chót: 15/12.",
        "Hạn chót: ngày mười lăm tháng mười hai.",
    ),
    (
        "CÔNG AN XÃ\xa0THÔNG BÁO",
        "Công an xã thông báo",
    ),
]

# --- a dotted place at the end of a sentence ------------------------------------------------------------
# "Về TP." is "Về thành phố." — the dot of "TP." ends the sentence too (it was swallowed: "Về thành phố"
# ran into the next sentence). "Đi TX.", "Về Tp.": the dotted rows need a name after them; without one
# the key without its dot is read ("thị xã.", "thành phố."; were spelled and flagged). "TP. Huế" and
# "TP.HCM" keep their readings; alone on its line ("Tm." over a signature) the dot is not added.
PLACE_AT_SENTENCE_END = [
    (
        "Đoàn công tác trở về TP.",
        "Đoàn công tác trở về thành phố.",
    ),
    (
        "Về TP. Huế dự hội nghị.",
        "Về thành phố Huế dự hội nghị.",
    ),
    (
        "Họp tại TP.\nThành phần: cán bộ xã.",
        "Họp tại thành phố.\nThành phần: cán bộ xã.",
    ),
    (
        "Xe khách chạy tuyến xã – TX.",
        "Xe khách chạy tuyến xã – thị xã.",
    ),
    (
        "Cán bộ về Tp.",
        "Cán bộ về thành phố.",
    ),
    (
        "Cán bộ đi công tác TP.HCM.",
        "Cán bộ đi công tác Thành phố Hồ Chí Minh.",
    ),
]

# --- abbreviations of the call-up and of fire and rescue ------------------------------------------------
# Curated: "KSK" khám sức khỏe, "SQDB" sĩ quan dự bị, "DBĐV" dự bị động viên, "LLDBĐV" lực lượng dự bị
# động viên (were spelled and flagged). Two abbreviations with one reading each typed as one word are
# read one after the other ("PCCCCNCH", "ANTTATGT", "CCHCTTHC"; were spelled and flagged), and joined
# by a hyphen they are read with a pause ("NVQS-CAND", "PCCC-CNCH"; the hyphen was left glued). A
# hyphen before a year is not said ("NVQS-2027" was "nghĩa vụ quân sự- hai nghìn …").
ABBREVIATIONS = [
    (
        "Danh sách công dân KSK NVQS năm 2027.",
        "Danh sách công dân khám sức khỏe nghĩa vụ quân sự năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Lịch khám tuyển NVQS, sơ tuyển SQDB và QNDB.",
        "Lịch khám tuyển nghĩa vụ quân sự, sơ tuyển sĩ quan dự bị và quân nhân dự bị.",
    ),
    (
        "Huấn luyện LLDBĐV và DQTV năm 2027.",
        "Huấn luyện lực lượng dự bị động viên và dân quân tự vệ năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Quân nhân DBĐV hạng 1 tập trung lúc 7h.",
        "Quân nhân dự bị động viên hạng một tập trung lúc bảy giờ.",
    ),
    (
        "Công dân trúng tuyển NVQS-CAND có mặt đúng giờ.",
        "Công dân trúng tuyển nghĩa vụ quân sự - Công an nhân dân có mặt đúng giờ.",
    ),
    (
        "Kiện toàn lực lượng PCCC-CNCH của xã.",
        "Kiện toàn lực lượng phòng cháy chữa cháy - cứu nạn cứu hộ của xã.",
    ),
    (
        "Lực lượng PCCCCNCH của xã trực 24/24.",
        "Lực lượng phòng cháy chữa cháy cứu nạn cứu hộ của xã trực hai tư trên hai tư.",
    ),
    (
        "Công tác ANTTATGT dịp Tết.",
        "Công tác an ninh trật tự an toàn giao thông dịp Tết.",
    ),
    (
        "Đẩy mạnh CCHCTTHC tại Bộ phận một cửa.",
        "Đẩy mạnh cải cách hành chính thủ tục hành chính tại Bộ phận một cửa.",
    ),
    (
        "Ban CHQS xã thông báo lịch KSK.",
        "Ban Chỉ huy quân sự xã thông báo lịch khám sức khỏe.",
    ),
    (
        "Hội đồng NVQS xã họp lúc 14h ngày 02/12.",
        "Hội đồng nghĩa vụ quân sự xã họp lúc mười bốn giờ ngày hai tháng mười hai.",
    ),
    (
        "Kế hoạch tuyển quân NVQS-2027 của xã.",
        "Kế hoạch tuyển quân nghĩa vụ quân sự hai nghìn không trăm hai mươi bảy của xã.",
    ),
    (
        "Triển khai Kế hoạch PCCC-2026.",
        "Triển khai Kế hoạch phòng cháy chữa cháy hai nghìn không trăm hai mươi sáu.",
    ),
]

# --- "thứ 7/12": a weekday and its date --------------------------------------------------------------
# Without a verb of rank (xếp, đứng…) or a counted word after it, "thứ 2/3" … "thứ 7/12" is read as the
# weekday whose number is also the day of its date: "thứ bảy, ngày bảy tháng mười hai" (was "thứ ngày
# bảy tháng mười hai", the weekday's number lost). Every digit is said; the reading is sure only when
# the year makes that day that weekday ("thứ 7/11/2026": Saturday 7 November 2026), otherwise the
# author is asked to check it (the span flagged). Ranks keep "thứ tư trên mười hai".
WEEKDAY_DATE = [
    (
        "Đội bóng thôn 3 xếp thứ 4/12 đội.",
        "Đội bóng thôn ba xếp thứ tư trên mười hai đội.",
    ),
    (
        "Thôn 5 đứng thứ 7/12 về thu nộp BHYT.",
        "Thôn năm đứng thứ bảy trên mười hai về thu nộp bảo hiểm y tế.",
    ),
    (
        "Chi đoàn xếp thứ 2/9 chi đoàn.",
        "Chi đoàn xếp thứ hai trên chín chi đoàn.",
    ),
    (
        "Họp vào thứ 7/11/2026 tại hội trường.",
        "Họp vào thứ bảy, ngày bảy tháng mười một năm hai nghìn không trăm hai mươi sáu tại hội trường.",
    ),
    (
        "Thứ 2/11/2026 khai giảng lớp học nghề.",
        "Thứ hai, ngày hai tháng mười một năm hai nghìn không trăm hai mươi sáu khai giảng lớp học nghề.",
    ),
    (
        "Sáng thứ 3/11/2026 tiêm chủng tại trạm.",
        "Sáng thứ ba, ngày ba tháng mười một năm hai nghìn không trăm hai mươi sáu tiêm chủng tại trạm.",
    ),
]
# the same reading, flagged: no year, or a year in which that day is another weekday
WEEKDAY_DATE_CHECKED = [
    (
        "Họp vào thứ 7/12 tại hội trường.",
        "Họp vào thứ bảy, ngày bảy tháng mười hai tại hội trường.",
        "7/12",
    ),
    (
        "Thứ 4/12 họp dân.",
        "Thứ tư, ngày bốn tháng mười hai họp dân.",
        "4/12",
    ),
    (
        "Sáng thứ 2/3 khai mạc hội nghị.",
        "Sáng thứ hai, ngày hai tháng ba khai mạc hội nghị.",
        "2/3",
    ),
    (
        "Chiều thứ 6/11, tiêm chủng tại trạm.",
        "Chiều thứ sáu, ngày sáu tháng mười một, tiêm chủng tại trạm.",
        "6/11",
    ),
    (
        "Họp vào thứ 7/12/2026 tại hội trường.",
        "Họp vào thứ bảy, ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu tại hội trường.",
        "7/12/2026",
    ),
    (
        "Thứ 2/12/2026 khai giảng năm học mới.",
        "Thứ hai, ngày hai tháng mười hai năm hai nghìn không trăm hai mươi sáu khai giảng năm học mới.",
        "2/12/2026",
    ),
]

# --- "ngày 10-12": one day ----------------------------------------------------------------------------
# After "ngày" (one day, not "các ngày", "hai ngày") a day and a month joined by a dash are a date:
# "ngày mười tháng mười hai" (was "mười đến mười hai", flagged). A month word after ("ngày 1-3 tháng
# 12") keeps the range; a span of dates keeps its reading.
ONE_DAY = [
    (
        "Tiêm vào ngày 10-12.",
        "Tiêm vào ngày mười tháng mười hai.",
    ),
    (
        "Ngày 10-12 tổ chức tiêm chủng.",
        "Ngày mười tháng mười hai tổ chức tiêm chủng.",
    ),
    (
        "Hạn nộp: ngày 5-11.",
        "Hạn nộp: ngày năm tháng mười một.",
    ),
    (
        "Họp ngày 2-9 tại hội trường.",
        "Họp ngày hai tháng chín tại hội trường.",
    ),
    (
        "Ngày 1-3 tháng 12 họp.",
        "Ngày một đến ba tháng mười hai họp.",
    ),
    (
        "Từ ngày 1-12 đến 15-12, tiêm vắc xin Sởi.",
        "Từ ngày một tháng mười hai đến ngày mười lăm tháng mười hai, tiêm vắc xin Sởi.",
    ),
]

# --- caps lock: "tHÔNG BÁO" ---------------------------------------------------------------------------
# A word typed with caps lock on and shift held for its first letter is a word in capitals (was left
# "tHÔNG" for the synthesizer). Only a Vietnamese syllable; a two-letter one only next to a word in
# capitals ("vỀ VIỆC"). "mRNA", "eKYC", "iOS", "mA" keep their letters.
CAPS_LOCK = [
    (
        "tHÔNG BÁO",
        "Thông báo",
    ),
    (
        "tHÔNG BÁO KHẨN vỀ VIỆC PHÒNG CHỐNG BÃO.",
        "Thông báo khẩn về việc phòng chống bão.",
    ),
    (
        "Ủy ban nhân dân xã tHÔNG BÁO: lịch tiêm.",
        "Ủy ban nhân dân xã thông báo: lịch tiêm.",
    ),
    (
        "tHÔNG bÁO về việc thu thuế.",
        "Thông báo về việc thu thuế.",
    ),
    (
        "Tiêm vắc xin mRNA, xác thực eKYC trên iOS.",
        "Tiêm vắc xin mRNA, xác thực eKYC trên iOS.",
    ),
    (
        "Dòng điện 500 mA.",
        "Dòng điện năm trăm mA.",
    ),
]

# --- a ratio in brackets: "(1:2)" --------------------------------------------------------------------
# A ratio alone in brackets is "một trên hai", whatever names it, when it cannot be a clock time
# (minutes take two digits): "Cloramin B (1:2)" (was "một: hai"). "trộn" joins the ratio words. A
# score after thắng, thua, hòa may be typed with a colon: "thắng 2:1" is "thắng hai một" (was "hai:
# một").
RATIO = [
    (
        "Khử trùng bằng Cloramin B (1:2) rồi lau sàn.",
        "Khử trùng bằng Cloramin B, một trên hai, rồi lau sàn.",
    ),
    (
        "Pha thuốc theo tỷ lệ (1:2) rồi phun.",
        "Pha thuốc theo tỷ lệ, một trên hai, rồi phun.",
    ),
    (
        "Trộn vôi bột (1:10) rắc chuồng.",
        "Trộn vôi bột, một trên mười, rắc chuồng.",
    ),
    (
        "Nước vôi (1:1,5) quét chuồng.",
        "Nước vôi, một trên một phẩy năm, quét chuồng.",
    ),
    (
        "Họp (7:30) tại hội trường.",
        "Họp, bảy giờ ba mươi phút, tại hội trường.",
    ),
    (
        "Pha nước vôi 1:10 rồi quét chuồng.",
        "Pha nước vôi một trên mười rồi quét chuồng.",
    ),
    (
        "Đội bóng thôn 3 thắng 2:1 trước thôn 5.",
        "Đội bóng thôn ba thắng hai một trước thôn năm.",
    ),
    (
        "Hai đội hòa 1 : 1.",
        "Hai đội hòa một một.",
    ),
    (
        "Kết thúc lúc 7:30.",
        "Kết thúc lúc bảy giờ ba mươi phút.",
    ),
]

# --- capitals glued to a decimal strength: "0.75TP" ---------------------------------------------------
# Letters glued to a strength with a decimal are the product's formulation, spelled: "không chấm bảy
# mươi lăm tê pê" (was "thành phố"). The formulation rows keep their readings ("0.3GR" "giê rờ").
STRENGTH = [
    (
        "Thuốc Basudin 10GR, Sát trùng Linh 0.75TP.",
        "Thuốc Basudin mười giê rờ, Sát trùng Linh không chấm bảy mươi lăm tê pê.",
    ),
    (
        "Phun thuốc Anvil 5SC pha 0.75TP cho bình 16 lít.",
        "Phun thuốc Anvil năm ét xê pha không chấm bảy mươi lăm tê pê cho bình mười sáu lít.",
    ),
    (
        "Thuốc Tungcydan 0,75TP trừ sâu.",
        "Thuốc Tungcydan không phẩy bảy mươi lăm tê pê trừ sâu.",
    ),
    (
        "Dùng Regent 0.3GR rắc gốc.",
        "Dùng Regent không chấm ba giê rờ rắc gốc.",
    ),
    (
        "Từ xã đến TP. Huế khoảng 25,5 km.",
        "Từ xã đến thành phố Huế khoảng hai mươi lăm phẩy năm ki-lô-mét.",
    ),
]


# --- a date typed with spaced dashes: "10 - 12 - 2026" ---------------------------------------------------
# A day, a month and a year joined by spaced dashes or en dashes are a date (was "mười đến mười hai đến
# hai nghìn …"); three numbers ending on a year make no range.
SPACED_DASH_DATE = [
    (
        "Ngày 10 - 12 - 2026 họp dân tại nhà văn hóa.",
        "Ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu họp dân tại nhà văn hóa.",
    ),
    (
        "Từ 01 - 12 - 2026 đến 15 - 12 - 2026, tổng vệ sinh môi trường.",
        "Từ ngày một tháng mười hai năm hai nghìn không trăm hai mươi sáu đến ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu, tổng vệ sinh môi trường.",
    ),
    (
        "Hạn nộp 05 – 01 – 2027.",
        "Hạn nộp ngày năm tháng một năm hai nghìn không trăm hai mươi bảy.",
    ),
    (
        "Ngày 10-12-2026 họp.",
        "Ngày mười tháng mười hai năm hai nghìn không trăm hai mươi sáu họp.",
    ),
]

# --- two totals, a year of birth ---------------------------------------------------------------------
# "1.234 hộ / 5.678 khẩu": a slash before a second count is a pause, not "mỗi năm nghìn …" (the "năm"
# of a number read already was taken for a period). "SN: 1978" is "sinh năm" with the colon too (was
# spelled and flagged).
TOTALS = [
    (
        "Tổng: 1.234 hộ / 5.678 khẩu.",
        "Tổng: một nghìn hai trăm ba mươi tư hộ, năm nghìn sáu trăm bảy mươi tám khẩu.",
    ),
    (
        "Thôn 3 có 125 hộ / 5 khẩu neo đơn.",
        "Thôn ba có một trăm hai mươi lăm hộ, năm khẩu neo đơn.",
    ),
    (
        "Mức lương cơ sở/tháng tăng từ 01/7.",
        "Mức lương cơ sở mỗi tháng tăng từ ngày một tháng bảy.",
    ),
    (
        "Số lượt/năm không quá 2 lần.",
        "Số lượt mỗi năm không quá hai lần.",
    ),
    (
        "Nguyễn Thị D (SN: 1978) – Trưởng thôn.",
        "Nguyễn Thị D, sinh năm: một nghìn chín trăm bảy mươi tám – Trưởng thôn.",
    ),
    (
        "Ông Nguyễn Văn B (SN 1985, trú thôn 3) bị lừa 150 triệu.",
        "Ông Nguyễn Văn B, sinh năm một nghìn chín trăm tám mươi lăm, trú thôn ba, bị lừa một trăm năm mươi triệu.",
    ),
]


# --- Word's bullets pasted as text ----------------------------------------------------------------------
# A private-use character (a bullet of Word's Symbol or Wingdings font: "\uf0b7", "\uf0a7", "\uf0d8") is
# dropped like a space (it was left in the spoken text). The letters those fonts draw as bullets ("o",
# "§", "Ø", "ü", "v") open an item at the start of a line before a capital (they were read).
WORD_BULLETS = [
    (
        "\uf0b7 Thời gian: 7h30 ngày 12/12.",
        "Thời gian: bảy giờ ba mươi phút ngày mười hai tháng mười hai.",
    ),
    (
        "\uf0a7 Địa điểm: Hội trường UBND xã.",
        "Địa điểm: Hội trường Ủy ban nhân dân xã.",
    ),
    (
        "\uf0d8 Đối tượng: trẻ từ 1-5 tuổi.",
        "Đối tượng: trẻ từ một đến năm tuổi.",
    ),
    (
        "o Mang theo giấy tờ tùy thân.",
        "Mang theo giấy tờ tùy thân.",
    ),
    (
        "§ Nộp hồ sơ trước 15/12.",
        "Nộp hồ sơ trước ngày mười lăm tháng mười hai.",
    ),
    (
        "Ø Đối tượng: học sinh lớp 9.",
        "Đối tượng: học sinh lớp chín.",
    ),
    (
        "ü Đã tiêm đủ 2 mũi.",
        "Đã tiêm đủ hai mũi.",
    ),
    (
        "v Lưu ý: mang theo CCCD.",
        "Lưu ý: mang theo căn cước công dân.",
    ),
    (
        "Nội dung:\n\uf0b7 Tiêm chủng;\no Khám sức khỏe.",
        "Nội dung:\nTiêm chủng;\nKhám sức khỏe.",
    ),
    (
        "Con gà o o gáy.",
        "Con gà o o gáy.",
    ),
]


# --- consolidated texts --------------------------------------------------------------------------------
# "15/VBHN-BCA": a consolidated text of a ministry is a document type of its own, "Văn bản hợp nhất"
# ("VBHN" was spelled and flagged), "VPQH" is the Văn phòng Quốc hội that issues the congress's.
CONSOLIDATED_TEXTS = [
    (
        "Văn bản hợp nhất số 15/VBHN-BCA.",
        "Văn bản hợp nhất số mười lăm của Bộ Công an.",
    ),
    (
        "Căn cứ 15/VBHN-BCA ngày 10/5/2024 của Bộ Công an.",
        "Căn cứ Văn bản hợp nhất mười lăm ngày mười tháng năm năm hai nghìn không trăm hai mươi tư của Bộ Công an.",
    ),
    (
        "Căn cứ VBHN số 09/VBHN-VPQH.",
        "Căn cứ văn bản hợp nhất số chín của Văn phòng Quốc hội.",
    ),
    (
        "Nghị quyết số 42/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh.",
        "Nghị quyết số bốn mươi hai ngày mười tháng mười hai năm hai nghìn không trăm hai mươi lăm của Hội đồng nhân dân tỉnh.",
    ),
    (
        "Thông tư liên tịch số 01/2014/TTLT-BCA-BQP.",
        "Thông tư liên tịch số một, năm hai nghìn không trăm mười bốn của Bộ Công an và Bộ Quốc phòng.",
    ),
    (
        "Khoản 2 Điều 260 BLHS.",
        "Khoản hai Điều hai trăm sáu mươi Bộ luật Hình sự.",
    ),
]

# --- typed on a phone ------------------------------------------------------------------------------------
# An abbreviation typed in lower case ("cccd", "ubnd", "bhyt") is read like its capitals when those
# have one reading and the word is no Vietnamese syllable, even one typed without its tone ("luc",
# "thong bao" stay as typed); "link", "test" are no abbreviations. "a/c" is "anh chị" like "đ/c" is
# "đồng chí", "VD:" "ví dụ:"; curated "Nhà VH" "Nhà văn hóa", "TNXK", "QTDND" (were spelled and flagged). An arrow between two numbers, dates or times is "đến" ("5/12 ->10/12"; was a pause and
# the second date flagged); elsewhere the pause it was.
PHONE_TYPING = [
    (
        "Mời bà con mang cccd đến ubnd xã làm thủ tục.",
        "Mời bà con mang căn cước công dân đến Ủy ban nhân dân xã làm thủ tục.",
    ),
    (
        "Nộp bhyt, bhxh trước 15/12.",
        "Nộp bảo hiểm y tế, bảo hiểm xã hội trước ngày mười lăm tháng mười hai.",
    ),
    (
        "Không cung cấp mã otp cho người lạ.",
        "Không cung cấp mã ô tê pê cho người lạ.",
    ),
    (
        "Học sinh thcs, thpt nghỉ học ngày 5/12.",
        "Học sinh trung học cơ sở, trung học phổ thông nghỉ học ngày năm tháng mười hai.",
    ),
    (
        "thong bao hop dan luc 7h, mang theo cccd.",
        "thong bao hop dan luc bảy giờ, mang theo căn cước công dân.",
    ),
    (
        "Bấm vào link lạ, test nhanh.",
        "Bấm vào link lạ, test nhanh.",
    ),
    (
        "Gửi qua zalo, facebook.",
        "Gửi qua da-lô, phây-búc.",
    ),
    (
        "Nhận sim mới tại cửa hàng.",
        "Nhận sim mới tại cửa hàng.",
    ),
    (
        "A/c trưởng thôn thông báo cho bà con.",
        "Anh chị trưởng thôn thông báo cho bà con.",
    ),
    (
        "Đề nghị a/c mang theo CCCD.",
        "Đề nghị anh chị mang theo căn cước công dân.",
    ),
    (
        "Từ 5/12 ->10/12 tạm dừng cấp nước.",
        "Từ ngày năm tháng mười hai đến ngày mười tháng mười hai tạm dừng cấp nước.",
    ),
    (
        "Từ 7h → 11h cắt điện.",
        "Từ bảy giờ đến mười một giờ cắt điện.",
    ),
    (
        "Vào VNeID -> chọn Thủ tục hành chính.",
        "Vào vê-nê-ai-đi, chọn Thủ tục hành chính.",
    ),
    (
        "Bước 1 -> Bước 2.",
        "Bước một, Bước hai.",
    ),
    (
        "Số định danh cá nhân gồm 12 chữ số (VD: 001099012345).",
        "Số định danh cá nhân gồm mười hai chữ số, ví dụ: không không một không chín chín không một hai ba bốn năm.",
    ),
    (
        "Vd: Nguyễn Văn A, sinh năm 1990.",
        "Ví dụ: Nguyễn Văn A, sinh năm một nghìn chín trăm chín mươi.",
    ),
    (
        "Họp tại Nhà VH thôn 3 lúc 19h30.",
        "Họp tại Nhà văn hóa thôn ba lúc mười chín giờ ba mươi phút.",
    ),
    (
        "Đội TNXK xã ra quân dọn vệ sinh.",
        "Đội thanh niên xung kích xã ra quân dọn vệ sinh.",
    ),
    (
        "QTDND xã thông báo lãi suất 0,5%/tháng.",
        "Quỹ tín dụng nhân dân xã thông báo lãi suất không phẩy năm phần trăm mỗi tháng.",
    ),
]


# --- a sign before a number read already; a storm's name after a dash ---------------------------------
# "Huyết áp ≥ 140/90 mmHg": the blood pressure is read before the comparisons, so the sign met words
# and was left ("≥") or dropped (">="); it is "không dưới" as before a number. "(Cơn bão số 6 - TRAMI)":
# the storm's name after a dash is a name like after a bracket (was spelled and flagged).
SIGNS_AND_NAMES = [
    (
        "Huyết áp ≥ 140/90 mmHg cần đi khám.",
        "Huyết áp không dưới một trăm bốn mươi trên chín mươi mi-li-mét thủy ngân cần đi khám.",
    ),
    (
        "Huyết áp >= 140/90 mmHg phải theo dõi.",
        "Huyết áp không dưới một trăm bốn mươi trên chín mươi mi-li-mét thủy ngân phải theo dõi.",
    ),
    (
        "Đường huyết lúc đói > 7 mmol/l.",
        "Đường huyết lúc đói trên bảy mi-li-mol trên lít.",
    ),
    (
        "Điểm >= 8 là giỏi.",
        "Điểm không dưới tám là giỏi.",
    ),
    (
        "TIN BÃO TRÊN BIỂN ĐÔNG (Cơn bão số 6 - TRAMI)",
        "Tin bão trên biển đông, Cơn bão số sáu - Trami",
    ),
    (
        "Cơn bão số 3 – YAGI đổ bộ vào đất liền.",
        "Cơn bão số ba – Yagi đổ bộ vào đất liền.",
    ),
    (
        "Bão số 3 (YAGI) đổ bộ.",
        "Bão số ba, Yagi, đổ bộ.",
    ),
    (
        "Ghi nhận 5 ca SXH, 2 ca TCM, 1 ca sởi.",
        "Ghi nhận năm ca sốt xuất huyết, hai ca tay chân miệng, một ca sởi.",
    ),
    (
        "Bổ sung vitamin A 200.000 IU cho trẻ 6-36 tháng.",
        "Bổ sung vitamin A hai trăm nghìn đơn vị quốc tế cho trẻ sáu đến ba mươi sáu tháng.",
    ),
]


@pytest.mark.parametrize(("text", "spoken"), POLICE)
def test_police(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), MILITARY)
def test_military(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), STORM)
def test_storm(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TRAFFIC)
def test_traffic(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), HEALTH)
def test_health(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), MONEY)
def test_money(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), FARM)
def test_farm(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SCHOOL)
def test_school(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), LEGAL)
def test_legal(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), ADDRESS)
def test_address(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), PHONES)
def test_phones(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TIMES)
def test_times(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TYPOGRAPHY)
def test_typography(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), PLACE_AT_SENTENCE_END)
def test_place_at_sentence_end(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), ABBREVIATIONS)
def test_abbreviations(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), WEEKDAY_DATE)
def test_weekday_date(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken", "flagged"), WEEKDAY_DATE_CHECKED)
def test_weekday_date_not_confirmed_by_a_year_is_flagged(
    text: str, spoken: str, flagged: str
) -> None:
    report = normalize_with_report(text)
    assert report.spoken == spoken
    assert [w.written for w in report.warnings] == [flagged]


@pytest.mark.parametrize(("text", "spoken"), ONE_DAY)
def test_one_day(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), CAPS_LOCK)
def test_caps_lock(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), RATIO)
def test_ratio(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), STRENGTH)
def test_strength(text: str, spoken: str) -> None:
    check_reading(text, spoken)


def test_several_days_keep_the_flagged_range() -> None:
    # "các ngày 10-12", "mùng 1-3": several days, the 10th to the 12th or a date; still flagged
    for text, spoken, flagged in (
        ("Tiêm vào các ngày 10-12.", "Tiêm vào các ngày mười đến mười hai.", "10-12"),
        ("Nghỉ mùng 1-3 Tết.", "Nghỉ mùng một đến ba Tết.", "1-3"),
    ):
        report = normalize_with_report(text)
        assert report.spoken == spoken
        assert [w.written for w in report.warnings] == [flagged]


def test_a_dotted_place_keeps_the_full_stop_with_the_panels_lexicon() -> None:
    # the panel passes its own lexicon: an entry "TP." there ends the sentence the same way
    lexicon = {"TP.": "thành phố", "TX": "thị xã"}
    assert normalize("Về TP.", lexicon=lexicon) == "Về thành phố."
    assert normalize("Về TP. Huế.", lexicon=lexicon) == "Về thành phố Huế."


@pytest.mark.parametrize(("text", "spoken"), SPACED_DASH_DATE)
def test_spaced_dash_date(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), TOTALS)
def test_totals(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), WORD_BULLETS)
def test_word_bullets(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), CONSOLIDATED_TEXTS)
def test_consolidated_texts(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), PHONE_TYPING)
def test_phone_typing(text: str, spoken: str) -> None:
    check_reading(text, spoken)


@pytest.mark.parametrize(("text", "spoken"), SIGNS_AND_NAMES)
def test_signs_and_names(text: str, spoken: str) -> None:
    check_reading(text, spoken)


def test_an_ordinal_of_a_thing_is_no_weekday() -> None:
    # "lần thứ 2/3": the second of three times, not a Monday; still flagged as before
    report = normalize_with_report("Đây là lần thứ 2/3 trong năm.")
    assert "ngày hai tháng ba" not in report.spoken
    assert [w.written for w in report.warnings] == ["2/3"]

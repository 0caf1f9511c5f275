"""normalize_with_report: expansions and warnings with spans, the curated abbreviation list,
Roman numerals, and the properties the panel relies on."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tts.abbreviations import curated, parse
from tts.normalize import NormalizationError, normalize, normalize_with_report
from tts.numbers import read_number
from tts.roman import parse_roman, to_roman
from tts.tracked import NormalizedText

_REGION = st.sampled_from(["north", "central", "south"])
_PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- readings (northern unless a case says otherwise) -----------------------------------------

READINGS = [
    # Roman numerals: headings, contexts, and what is not a numeral
    ("III. TỔ CHỨC THỰC HIỆN", "Phần ba. Tổ chức thực hiện"),
    ("I- MỤC ĐÍCH, YÊU CẦU", "Phần một. Mục đích, yêu cầu"),
    ("quý III/2026", "quý ba năm hai nghìn không trăm hai mươi sáu"),
    ("quý 3/2026", "quý ba năm hai nghìn không trăm hai mươi sáu"),
    ("Quý I, II và III", "Quý một, hai và ba"),
    ("Đại hội lần thứ XIII", "Đại hội lần thứ mười ba"),
    ("lần thứ I", "lần thứ nhất"),
    ("Chương IV", "Chương bốn"),
    ("Quốc hội khóa XV", "Quốc hội khóa mười lăm"),
    ("Huân chương Lao động hạng II", "Huân chương Lao động hạng nhì"),
    ("báo động III", "báo động ba"),
    ("Ông Nguyễn Văn I", "Ông Nguyễn Văn I"),
    ("theo CV số 12", "theo công văn số mười hai"),
    ("em-xi MC", "em-xi em-xi"),
    # abbreviations and their context
    ("BCH Đoàn xã", "Ban Chấp hành Đoàn xã"),
    ("BCH quân sự xã", "Ban Chỉ huy quân sự xã"),
    ("BCH PCCC", "Ban Chỉ huy phòng cháy chữa cháy"),
    ("TT Tỉnh đoàn", "Thường trực Tỉnh đoàn"),
    ("TT Triệu Sơn", "thị trấn Triệu Sơn"),
    ("theo TT số 5", "theo Thông tư số năm"),
    ("các xã, TT", "các xã, thị trấn"),
    ("T7, CN", "thứ bảy, chủ nhật"),
    ("sáng CN", "sáng chủ nhật"),
    ("khu CN", "khu công nghiệp"),
    ("SN 1990", "sinh năm một nghìn chín trăm chín mươi"),
    ("SN 12", "số nhà mười hai"),
    ("CT và các PCT UBND xã", "Chủ tịch và các Phó Chủ tịch Ủy ban nhân dân xã"),
    ("Lưu: VT, VP.", "Lưu: văn thư, Văn phòng."),
    ("TM. BAN THƯỜNG VỤ", "Thay mặt ban thường vụ"),
    ("V/v tuyên truyền", "Về việc tuyên truyền"),
    ("05 đ/c", "năm đồng chí"),
    ("Đ/c Lan", "Đồng chí Lan"),
    ("Ban TĐ – KT", "Ban Thi đua - Khen thưởng"),
    ("Ủy ban Mặt trận Tổ quốc (MTTQ) xã", "Ủy ban Mặt trận Tổ quốc xã"),
    ("an ninh Tổ quốc” (ANTQ)", "an ninh Tổ quốc"),
    ("Trung tâm Y tế (TTYT) huyện", "Trung tâm Y tế huyện"),
    ("họp (MTTQ)", "họp, Mặt trận Tổ quốc"),
    # slash
    ("80 mg/100 ml", "tám mươi mi-li-gam trên một trăm mi-li-lít"),
    ("500.000 đồng/người/tháng", "năm trăm nghìn đồng một người một tháng"),
    ("100 mm/24h", "một trăm mi-li-mét trong hai mươi tư giờ"),
    ("50 mm/ngày", "năm mươi mi-li-mét mỗi ngày"),
    ("2 lần/tháng", "hai lần mỗi tháng"),
    ("01 tháng/lần", "một tháng một lần"),
    ("ngày 3-5/12", "ngày ba đến ngày năm tháng mười hai"),
    ("từ 08 - 10/01", "từ ngày tám đến ngày mười tháng một"),
    ("1/3 số hộ", "một phần ba số hộ"),
    ("Nam/nữ", "Nam, nữ"),
    # bullets and typography
    ("- + Kinh phí in phông", "Kinh phí in phông"),
    ("• Mục một\n* Mục hai\n– Mục ba", "Mục một\nMục hai\nMục ba"),
    ("1.2.3. Nội dung\na) Thời gian\nđ. Địa điểm", "Nội dung\nThời gian\nĐịa điểm"),
    ("KẾ HOẠCH**Phát động", "Kế hoạch\nPhát động"),
    ("thực hiện./.", "thực hiện."),
    ("mô hình “Hộ an toàn” trên địa bàn", "mô hình, Hộ an toàn, trên địa bàn"),
    ("“Sáng” và “Xanh”", "Sáng và Xanh"),
    ("Zalo+Facebook", "da-lô và phây-búc"),
    # southern and everyday writing
    ("lúc 7g30", "lúc bảy giờ ba mươi phút"),
    ("lúc 7g", "lúc bảy giờ"),
    ("7 giờ 30' sáng", "bảy giờ ba mươi phút sáng"),
    ("19h-21h", "từ mười chín giờ đến hai mươi mốt giờ"),
    ("7h30", "bảy giờ ba mươi phút"),
    ("Km 15+300", "ki-lô-mét mười lăm cộng ba trăm"),
    ("2+3", "hai cộng ba"),
    ("a.b@gmail.com", "a chấm bê a còng gờ-meo chấm com"),
    ("www.cand.com.vn", "vê kép vê kép vê kép chấm xê a nờ dê chấm com chấm vê nờ"),
    ("68B1-123.45", "sáu tám bê một, một hai ba chấm bốn năm"),
    ("30A-1234", "ba không a, một hai ba bốn"),
    ("PV05", "pê vê không năm"),
]


@pytest.mark.parametrize(("text", "spoken"), READINGS)
def test_readings(text, spoken):
    assert normalize(text) == spoken


def test_south_reads_its_own_numbers_in_new_readings():
    assert normalize("Đại hội lần thứ XXIV", region="south") == "Đại hội lần thứ hai mươi bốn"
    assert normalize("19h-21h", region="south") == "từ mười chín giờ đến hai mươi mốt giờ"
    assert normalize("ngày 3-5/12", region="central") == "ngày ba đến ngày năm tháng mười hai"


# --- warnings ---------------------------------------------------------------------------------

FLAGGED = [
    ("Nghỉ CN", "CN"),  # chủ nhật, công nghiệp, công nhân…
    ("Gặp TT", "TT"),  # Thông tư, thị trấn, Thường trực, Trung tâm
    ("Cân 7g đường", "7g"),  # 7 giờ or 7 gam
    ("tỷ lệ 5/13", None),  # a ratio: "năm phần mười ba"
    ("hồ sơ 5/13", "5/13"),  # not a date, not a known fraction
    ("còn 1/4 rồi 2/9", "2/9"),  # a date or a fraction: read as a date, flagged
    ("Mục IV", None),  # in context: not flagged
    ("IV", "IV"),  # a numeral without context
    ("Liên hệ XYZ", "XYZ"),  # unknown acronym: spelled, flagged
    ("sáng + chiều + ", "+"),
    ("ngày 31/4/2024", "31/4/2024"),
    ("Đài T5", "T5"),  # a weekday guessed, flagged
]


@pytest.mark.parametrize(("text", "flagged"), FLAGGED)
def test_uncertain_spans_are_flagged(text, flagged):
    report = normalize_with_report(text)
    written = [w.written for w in report.warnings]
    if flagged is None:
        assert written == []
        return
    assert flagged in written
    warning = report.warnings[written.index(flagged)]
    assert text[warning.written_start : warning.written_end] == flagged
    assert warning.reason_vi.startswith(f"Không chắc cách đọc: “{flagged}”")
    assert warning.reason_en.startswith(f"Unsure how to read “{flagged}”")


def test_confident_text_has_no_warnings():
    text = (
        "Thực hiện Kế hoạch số 938/KH-UBND ngày 21/3/2022 của UBND tỉnh, Công an xã đề nghị "
        "bà con mang CCCD đến họp lúc 19h30 ngày 15/12/2022; gọi 113 khi cần."
    )
    assert normalize_with_report(text).warnings == ()


# --- the report -------------------------------------------------------------------------------


def test_expansions_name_both_spans():
    text = "- Quý III/2026, 05 đ/c CAX trực 19h-21h (MTTQ)."
    report = normalize_with_report(text)
    assert report.spoken == normalize(text)
    by_written = {e.written: e for e in report.expansions}
    assert by_written["III/2026"].kind == "roman"
    assert by_written["III/2026"].spoken == "ba năm hai nghìn không trăm hai mươi sáu"
    assert by_written["đ/c"].kind == "abbreviation"
    assert by_written["CAX"].spoken == "Công an xã"
    assert by_written["19h-21h"].kind == "range"
    assert by_written["- "].kind == "typography" and by_written["- "].spoken == ""
    for e in report.expansions:
        assert text[e.written_start : e.written_end] == e.written
        assert report.spoken[e.spoken_start : e.spoken_end] == e.spoken


def test_to_json_is_plain_data():
    report = normalize_with_report("Họp lúc 7g ngày 3-5/12, Gặp TT", region="south")
    data = json.loads(report.to_json())
    assert set(data) == {"version", "written", "spoken", "region", "expansions", "warnings"}
    assert data["region"] == "south" and data["version"] == 1
    assert set(data["expansions"][0]) == {
        "kind", "written", "spoken", "written_start", "written_end", "spoken_start",
        "spoken_end",
    }  # fmt: skip
    assert set(data["warnings"][0]) == {
        "written", "written_start", "written_end", "reason_vi", "reason_en",
    }  # fmt: skip
    assert "Không chắc" in report.to_json() and "\\u" not in report.to_json()
    assert isinstance(report, NormalizedText)


def test_report_raises_like_normalize():
    with pytest.raises(NormalizationError):
        normalize_with_report("  ")
    with pytest.raises(NormalizationError):
        normalize_with_report("- + *")


def test_spans_survive_nfd_crlf_and_invisible_characters():
    import unicodedata

    text = unicodedata.normalize("NFD", "Dòng một\r\nỦy ban nhân\u200b dân (UBND) họp 17h30")
    report = normalize_with_report(text)
    assert report.spoken == "Dòng một\nỦy ban nhân dân họp mười bảy giờ ba mươi phút"
    for e in report.expansions:
        assert text[e.written_start : e.written_end] == e.written
        assert report.spoken[e.spoken_start : e.spoken_end] == e.spoken


# --- the curated list --------------------------------------------------------------------------


def test_curated_list_loads_and_reads_stably():
    table = curated()
    for key in ("CAX", "BCH", "TT", "CN", "SN", "Đ/c", "v/v", "T7", "TM.", "BHYT", "GPLX"):
        assert key in table, key
    for readings in table.values():
        for reading in readings:
            assert not any(c.isdigit() for c in reading.expansion)
            assert normalize(reading.expansion) == reading.expansion, reading


@pytest.mark.parametrize(
    ("tsv", "message"),
    [
        ("abbreviation\texpansion\tbefore\tafter\tcheck\tsource\nX\tích\n", "columns"),
        ("abbreviation\texpansion\tbefore\tafter\tcheck\tsource\nX\t\t\t\t\t\n", "empty"),
        ("abbreviation\texpansion\tbefore\tafter\tcheck\tsource\nX\tmục 5\t\t\t\t\n", "digit"),
        ("abbreviation\texpansion\tbefore\tafter\tcheck\tsource\nX\tích\t(\t\t\t\n", "rule"),
        ("abbreviation\texpansion\tbefore\tafter\tcheck\tsource\nX\tích\t\t\tmaybe\t\n", "check"),
    ],
)
def test_curated_file_errors_name_the_line(tsv, message):
    with pytest.raises(ValueError, match=message):
        parse(tsv)


# --- properties ---------------------------------------------------------------------------------


@_PROPS
@given(st.integers(min_value=1, max_value=89), _REGION)
def test_roman_heading_round_trips(n, region):
    roman = to_roman(n)
    assert parse_roman(roman) == n
    cardinal = read_number(n, region=region)
    assert normalize(f"{roman}. TỔ CHỨC THỰC HIỆN", region=region) == (
        f"Phần {cardinal}. Tổ chức thực hiện"
    )
    assert normalize(f"Chương {roman}", region=region) == f"Chương {cardinal}"
    assert normalize(f"quý {roman}/2026", region=region) == (
        f"quý {cardinal} năm {read_number(2026, region=region)}"
    )


def test_only_canonical_roman_numerals_parse():
    assert [parse_roman(t) for t in ("IIII", "VX", "CV", "MC", "DC", "", "iv")] == [None] * 7
    assert parse_roman("LI") == 51 and parse_roman("XLIX") == 49


_PIECES = [*sorted(curated()),
    "III", "IV", "XV", "I", "quý ", "khóa ", "lần thứ ", "Chương ", "- ", "+ ", "• ", "* ",
    "1. ", "a) ", "\n", "/", "+", "-", "–", " ", ".", ",", "(", ")", "“", "”", "7g30", "7g",
    "19h-21h", "Km 15+300", "68B1-123.45", "a@b.com", "mg/100 ml", "đồng/người",
    "lần/tháng", "3-5/12", "1/3", "5/13", "2026", "05", "ABC", "XYZ", "NỘI DUNG", "T7", "CN",
    "SN ", "24/7", "0", "9", "đ", "km", "%",
]  # fmt: skip
_TEXT = st.lists(
    st.sampled_from(_PIECES) | st.text(alphabet="0123456789/+-.ABCXIV hđ", max_size=6),
    max_size=14,
).map("".join)
_ACRONYM = re.compile(r"(?<![^\W\d_])[A-Z]{2,}(?![^\W\d_])")


@_PROPS
@given(_TEXT, _REGION)
def test_nothing_unreadable_survives_unless_flagged(text, region):
    try:
        report = normalize_with_report(text, region=region)
    except NormalizationError:
        return
    spoken = report.spoken
    flagged = " ".join(w.written for w in report.warnings)
    assert not any(c.isdigit() for c in spoken), spoken
    for mark in ("+", "/"):
        assert mark not in spoken or report.warnings, spoken
    for acronym in _ACRONYM.findall(spoken):
        assert acronym in flagged, (acronym, spoken)


@_PROPS
@given(_TEXT, _REGION)
def test_report_spans_are_exact_and_ordered(text, region):
    try:
        report = normalize_with_report(text, region=region)
    except NormalizationError:
        return
    assert report.spoken == normalize(text, region=region)
    last_written = last_spoken = 0
    for e in report.expansions:
        assert text[e.written_start : e.written_end] == e.written
        assert report.spoken[e.spoken_start : e.spoken_end] == e.spoken
        assert e.written_start >= last_written and e.spoken_start >= last_spoken
        last_written, last_spoken = e.written_end, e.spoken_end
    for w in report.warnings:
        assert 0 <= w.written_start <= w.written_end <= len(text)

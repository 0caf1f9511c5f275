"""The pronunciation lexicon: abbreviations and foreign words → how a Vietnamese reader says them.

`DEFAULT_LEXICON` is the built-in list; admins add and override entries in the panel, which
stores them and passes the merged dict to `tts.normalize.normalize(lexicon=...)`. Below both
lies the curated abbreviation list (tts/data/abbreviations.tsv, read by tts.abbreviations),
whose readings may depend on context ("BCH" is Ban Chấp hành of a union but Ban Chỉ huy of a
military or fire-prevention body); any key in the lexicon passed in wins over it, so
context-dependent keys are deliberately absent from `DEFAULT_LEXICON`.

Matching rules (applied by tts.normalize): an all-capitals key ("CA", "UBND", "NĐ-CP") only
matches that exact spelling, because its lower-case twin is often an ordinary word ("ca",
"an"); any other key ("Zalo", "online") matches in any letter case.

Document-type and issuer codes used inside legal references ("NĐ", "BCA", "TU") live in
`LEGAL_DOC_TYPES` / `LEGAL_ISSUERS`, not in the lexicon: on their own they clash with common
words ("CP" is also "cổ phần", "TT" also "trung tâm"), so they are read as codes only inside
a reference such as "124/2021/TT-BCA". A full suffix in the lexicon ("TT-BCA") wins over them.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_LEXICON: dict[str, str] = {
    # --- security, order and the bodies the broadcasts come from -----------------------------
    "ANTT": "an ninh trật tự",
    "ATGT": "an toàn giao thông",
    "ANTQ": "an ninh Tổ quốc",
    "ANND": "an ninh nhân dân",
    "ATTP": "an toàn thực phẩm",
    "PCCC": "phòng cháy chữa cháy",
    "CNCH": "cứu nạn cứu hộ",
    "PCTT": "phòng chống thiên tai",
    "TKCN": "tìm kiếm cứu nạn",
    "CSGT": "cảnh sát giao thông",
    "CSCĐ": "cảnh sát cơ động",
    "CA": "Công an",
    "CAND": "Công an nhân dân",
    "BCA": "Bộ Công an",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "BCĐ": "Ban Chỉ đạo",
    "BTV": "Ban Thường vụ",
    "BĐH": "Ban điều hành",
    "ĐVTN": "đoàn viên thanh niên",
    "TNCS": "thanh niên cộng sản",
    "TNTP": "thiếu niên tiền phong",
    "LHTN": "Liên hiệp thanh niên",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "HCCB": "Hội Cựu chiến binh",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TP.": "thành phố",
    "TP": "thành phố",
    "HCM": "Hồ Chí Minh",
    "TX": "thị xã",
    "KT-XH": "kinh tế xã hội",
    "XHCN": "xã hội chủ nghĩa",
    "CNTT": "công nghệ thông tin",
    "SĐT": "số điện thoại",
    "VNĐ": "Việt Nam đồng",
    "USD": "đô la Mỹ",
    # --- legal-reference suffixes, read after the number: "Nghị định 100/2019/NĐ-CP" -------
    "NĐ-CP": "Nghị định của Chính phủ",
    "QĐ-TTg": "Quyết định của Thủ tướng Chính phủ",
    "CT-TTg": "Chỉ thị của Thủ tướng Chính phủ",
    "TT-BCA": "Thông tư của Bộ Công an",
    "CT/TU": "Chỉ thị của Tỉnh ủy",
    "CT/TW": "Chỉ thị của Trung ương",
    "NQ/TW": "Nghị quyết của Trung ương",
    "KH-UBND": "Kế hoạch của Ủy ban nhân dân",
    "QĐ-UBND": "Quyết định của Ủy ban nhân dân",
    # --- foreign words and brands, in Vietnamese spelling -----------------------------------
    "Zalo": "da-lô",
    "Facebook": "phây-búc",
    "fanpage": "phan-pây",
    "online": "on-lai",
    "offline": "óp-lai",
    "TikTok": "tích-tốc",
    "YouTube": "diu-túp",
    "Google": "gu-gồ",
    "internet": "in-tơ-nét",
    "email": "i-meo",
    "website": "oép-sai",
    "livestream": "lai-sờ-trim",
    "hotline": "hót-lai",
    "Tel": "điện thoại",
    "camera": "ca-mê-ra",
    "Covid": "cô-vít",
    "Covid-19": "cô-vít mười chín",
    # the virus of Covid-19 and the 2003 epidemic, as health bulletins on radio say them
    "SARS-CoV-2": "sát-cô-vi hai",
    "SARS": "sát",
    # a virus serotype in animal vaccine notices: "vắc xin LMLM type O", "type O, A"
    "type": "típ",
    "OTP": "ô tê pê",
    "SIM": "xim",
    "app": "áp",
    "video": "vi-đê-ô",
    "clip": "clíp",
    "file": "phai",
    "word": "uốt",
    "scan": "xờ-can",
    # drugs named in police warnings, and an app scam warnings name
    "ketamine": "ke-ta-min",
    "methamphetamine": "mét-am-phê-ta-min",
    "heroin": "hê-rô-in",
    "Telegram": "tê-lê-gram",
}

# Document types (Nghị định 30/2020/NĐ-CP, appendix III): the first part of a reference's
# code names what kind of document it is.
LEGAL_DOC_TYPES: dict[str, str] = {
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "CV": "Công văn",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CĐ": "Công điện",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "PL": "Pháp lệnh",
    "TTr": "Tờ trình",
    # Nghị định 30/2020/NĐ-CP, Phụ lục III: the other documents a commune issues
    "QyĐ": "Quy định",
    "PA": "Phương án",
    "DA": "Dự án",
    "BB": "Biên bản",
    "HĐ": "Hợp đồng",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GUQ": "Giấy ủy quyền",
    "BGN": "Bản ghi nhớ",
    # Nghị định 30/2020/NĐ-CP, Phụ lục III: a ministry's consolidated text ("15/VBHN-BCA")
    "VBHN": "Văn bản hợp nhất",
}

# Issuing bodies, the later parts of a reference's code.
LEGAL_ISSUERS: dict[str, str] = {
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "TW": "Trung ương",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BTC": "Bộ Tài chính",
    "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BGTVT": "Bộ Giao thông vận tải",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BTP": "Bộ Tư pháp",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "TU-BTV": "Ban Thường vụ Tỉnh ủy",
    "ĐU": "Đảng ủy",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "CAT": "Công an tỉnh",
    "CATP": "Công an thành phố",
    "CAH": "Công an huyện",
    "CAX": "Công an xã",
    "TĐTN": "Tỉnh đoàn Thanh niên",
    "TWĐ": "Trung ương Đoàn",
    "TWĐTN": "Trung ương Đoàn Thanh niên",
    "HĐTN": "Huyện đoàn Thanh niên",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "VP": "Văn phòng",
    "VPTW": "Văn phòng Trung ương Đảng",
    "VPCP": "Văn phòng Chính phủ",
    "VPQH": "Văn phòng Quốc hội",
    "BNV": "Bộ Nội vụ",
}

# Controls (C0, DEL, C1) and the invisible format characters that would make two entries
# that look the same differ.
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_MAX_TERM, _MAX_SPOKEN = 100, 300


def validate_entry(term: str, spoken: str) -> tuple[str, str]:
    """Clean one admin edit: NFC, stripped; ValueError (Vietnamese message) if unusable.

    The spoken form must not contain digits: it is substituted into text that has to come
    out of normalization without any, and "5" inside a pronunciation is always a typo for
    a word the admin meant to write.
    """
    term = unicodedata.normalize("NFC", " ".join((term or "").split()))
    spoken = unicodedata.normalize("NFC", " ".join((spoken or "").split()))
    if not term:
        raise ValueError("Từ viết tắt hoặc từ nước ngoài không được để trống.")
    if not spoken:
        raise ValueError(f"Cách đọc của “{term}” không được để trống.")
    if _BAD_CHARS.search(term) or _BAD_CHARS.search(spoken):
        raise ValueError("Mục từ điển có ký tự điều khiển hoặc ký tự ẩn, hãy gõ lại.")
    if len(term) > _MAX_TERM or len(spoken) > _MAX_SPOKEN:
        raise ValueError(
            f"Mục từ điển quá dài (tối đa {_MAX_TERM} ký tự cho từ, {_MAX_SPOKEN} cho cách đọc)."
        )
    if any(c.isdigit() for c in spoken):
        raise ValueError(f"Cách đọc của “{term}” phải viết bằng chữ, không có chữ số.")
    if not any(c.isalpha() for c in spoken):
        raise ValueError(f"Cách đọc của “{term}” phải có ít nhất một chữ cái.")
    if not any(c.isalnum() for c in term):
        raise ValueError("Từ trong từ điển phải có chữ cái hoặc chữ số.")
    return term, spoken

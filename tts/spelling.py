"""Reading things letter by letter: codes, unknown abbreviations, e-mail and web addresses,
vehicle plates.

One naming of the letters everywhere, the one Vietnamese schools and CSGT use when they
spell a code aloud: a, bê, xê, dê, đê, e, ép, giê, hát, i, ca, lờ, mờ, nờ, o, pê, quy, rờ,
ét, tê, u, vê, vê kép, ích, i dài, dét ("F0" is "ép không", "PV05" "pê vê không năm").
Vowels with marks keep their sound ("Ô" is "ô"). Digits are said one by one, except that
a code's number without a padding zero is a number ("B12" is "bê mười hai").

Addresses: "@" is "a còng", "." "chấm", "-" "gạch ngang", "_" "gạch dưới", "/" "gạch
chéo"; a few domain words are said as words (gmail "gờ-meo", com "com"), and in a domain the
names of provinces and big cities ("angiang" "An Giang"); everything else is spelled.
Plates follow the way traffic police read them over the radio: every digit on its own,
the series letters by name, a comma between the two halves, "chấm" for the dot:
"68B1-123.45" → "sáu tám bê một, một hai ba chấm bốn năm".
"""

from __future__ import annotations

import re

from tts.numbers import read_digits, read_number

__all__ = ["LETTER_NAMES", "read_address", "read_plate", "spell", "spell_letters"]

LETTER_NAMES: dict[str, str] = {
    "A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e",
    "Ê": "ê", "F": "ép", "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "lờ",
    "M": "mờ", "N": "nờ", "O": "o", "Ô": "ô", "Ơ": "ơ", "P": "pê", "Q": "quy", "R": "rờ",
    "S": "ét", "T": "tê", "U": "u", "Ư": "ư", "V": "vê", "W": "vê kép", "X": "ích",
    "Y": "i dài", "Z": "dét",
}  # fmt: skip

# Domain and address words people say as words rather than spell.
ADDRESS_WORDS: dict[str, str] = {
    "gmail": "gờ-meo", "yahoo": "da-hu", "hotmail": "hót-meo", "outlook": "ao-lúc",
    "com": "com", "net": "nét", "facebook": "phây-búc", "zalo": "da-lô",
    "youtube": "diu-túp", "google": "gu-gồ", "www": "vê kép vê kép vê kép",
    # the names of the public sites scam warnings send people to, said as the words they are
    "dichvucong": "dịch vụ công", "congan": "công an", "bocongan": "Bộ Công an",
    "baohiemxahoi": "bảo hiểm xã hội", "chinhphu": "chính phủ", "canhbao": "cảnh báo",
    "khonggianmang": "không gian mạng", "tinnhiemmang": "tín nhiệm mạng",
    "nganhang": "ngân hàng", "thuvienphapluat": "thư viện pháp luật", "baochinhphu": "báo chính phủ",
    # words fake sites glue to a real name ("vcb-hotro.com", "evn-thanhtoan.com")
    "hotro": "hỗ trợ", "thanhtoan": "thanh toán",
    # and the lures they add ("vcb-xacthuc.com", "nhanthuong-khuyenmai.top"; were spelled letter
    # by letter)
    "xacthuc": "xác thực", "khuyenmai": "khuyến mãi", "trungthuong": "trúng thưởng",
    "nhanthuong": "nhận thưởng", "taikhoan": "tài khoản",
    "thongbao": "thông báo",
}  # fmt: skip
# Provinces and big cities as their sites and mailboxes write them, without spaces or marks
# ("angiang.gov.vn", "ubnd@dongthap.gov.vn"): said as their names, which listeners type back
# the same way. Abbreviations ("tphcm", "brvt") are not here: they are typed as letters, so
# they are spelled.
PLACE_WORDS: dict[str, str] = {
    "angiang": "An Giang", "bariavungtau": "Bà Rịa - Vũng Tàu", "bacgiang": "Bắc Giang",
    "backan": "Bắc Kạn", "baclieu": "Bạc Liêu", "bacninh": "Bắc Ninh", "bentre": "Bến Tre",
    "binhdinh": "Bình Định", "binhduong": "Bình Dương", "binhphuoc": "Bình Phước",
    "binhthuan": "Bình Thuận", "camau": "Cà Mau", "cantho": "Cần Thơ", "caobang": "Cao Bằng",
    "danang": "Đà Nẵng", "daklak": "Đắk Lắk", "daknong": "Đắk Nông", "dienbien": "Điện Biên",
    "dongnai": "Đồng Nai", "dongthap": "Đồng Tháp", "gialai": "Gia Lai", "hagiang": "Hà Giang",
    "hanam": "Hà Nam", "hanoi": "Hà Nội", "hatinh": "Hà Tĩnh", "haiduong": "Hải Dương",
    "haiphong": "Hải Phòng", "haugiang": "Hậu Giang", "hoabinh": "Hòa Bình",
    "hungyen": "Hưng Yên", "khanhhoa": "Khánh Hòa", "kiengiang": "Kiên Giang",
    "kontum": "Kon Tum", "laichau": "Lai Châu", "lamdong": "Lâm Đồng", "langson": "Lạng Sơn",
    "laocai": "Lào Cai", "longan": "Long An", "namdinh": "Nam Định", "nghean": "Nghệ An",
    "ninhbinh": "Ninh Bình", "ninhthuan": "Ninh Thuận", "phutho": "Phú Thọ",
    "phuyen": "Phú Yên", "quangbinh": "Quảng Bình", "quangnam": "Quảng Nam",
    "quangngai": "Quảng Ngãi", "quangninh": "Quảng Ninh", "quangtri": "Quảng Trị",
    "soctrang": "Sóc Trăng", "sonla": "Sơn La", "tayninh": "Tây Ninh", "thaibinh": "Thái Bình",
    "thainguyen": "Thái Nguyên", "thanhhoa": "Thanh Hóa", "thuathienhue": "Thừa Thiên Huế",
    "hue": "Huế", "tiengiang": "Tiền Giang", "travinh": "Trà Vinh",
    "tuyenquang": "Tuyên Quang", "vinhlong": "Vĩnh Long", "vinhphuc": "Vĩnh Phúc",
    "yenbai": "Yên Bái", "vungtau": "Vũng Tàu",
    "dalat": "Đà Lạt", "nhatrang": "Nha Trang", "halong": "Hạ Long", "quynhon": "Quy Nhơn",
    "buonmathuot": "Buôn Ma Thuột", "pleiku": "Plây-cu", "phuquoc": "Phú Quốc",
}  # fmt: skip
_ADDRESS_SIGNS = {
    "@": "a còng", ".": "chấm", "-": "gạch ngang", "_": "gạch dưới", "/": "gạch chéo",
    ":": "hai chấm", "?": "chấm hỏi", "=": "bằng", "&": "và", "+": "cộng", "%": "phần trăm",
}  # fmt: skip


def spell_letters(letters: str) -> str:
    """Name each letter: "TWD" → "tê vê kép dê"; characters without a name are skipped."""
    return " ".join(LETTER_NAMES[c] for c in letters.upper() if c in LETTER_NAMES)


def spell(code: str, *, region: str = "north") -> str:
    """Spell a code: letters by name, numbers as numbers ("V05" → "vê không năm") in the
    region's reading ("B24" is "bê hai mươi tư" in the north, "hai mươi bốn" in the south)."""
    words: list[str] = []
    for chunk in re.findall(r"\d+|\D", code):
        if chunk.isdigit():
            # A code's "05" is said "không năm", its "50404" digit by digit ("IR50404" is
            # a rice variety, not fifty thousand); "15" is "mười lăm".
            if chunk[0] == "0" or len(chunk) >= 4:
                words.append(read_digits(chunk))
            else:
                words.append(read_number(int(chunk), region=region))
        elif chunk.upper() in LETTER_NAMES:
            words.append(LETTER_NAMES[chunk.upper()])
    return " ".join(words)


def read_address(address: str) -> str:
    """An e-mail or web address, part by part: "a.b@gmail.com" → "a chấm bê a còng gờ-meo
    chấm com". A leading "http://" or "https://" is not read."""
    address = re.sub(r"^https?://", "", address, flags=re.IGNORECASE)
    words: list[str] = []
    in_domain = False
    for chunk in re.findall(r"[^\W\d_]+|\d+|.", address):
        lower = chunk.lower()
        in_domain = in_domain or chunk == "@"
        if lower in ADDRESS_WORDS:
            words.append(ADDRESS_WORDS[lower])
        elif lower in PLACE_WORDS and (in_domain or "@" not in address):
            # in the domain only: "hue.nguyen@…" is a person (Huệ), "…@hue.gov.vn" the city
            words.append(PLACE_WORDS[lower])
        elif chunk.isdigit():
            words.append(read_digits(chunk))
        elif chunk in _ADDRESS_SIGNS:
            words.append(_ADDRESS_SIGNS[chunk])
        elif chunk.strip():
            words.append(spell_letters(chunk))
    return " ".join(w for w in words if w)


def read_plate(province: str, series: str, number: str) -> str:
    """A vehicle plate: ("68", "B1", "123.45") → "sáu tám bê một, một hai ba chấm bốn năm"."""
    head = f"{read_digits(province)} " + " ".join(
        read_digits(c) if c.isdigit() else LETTER_NAMES.get(c, c) for c in series
    )
    tail = " chấm ".join(read_digits(part) for part in number.split("."))
    return f"{head}, {tail}"

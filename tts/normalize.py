"""Vietnamese text normalization: written script → the words a reader says (no digits left).

`normalize` (and `normalize_with_report`, which also says what it did) runs small regex
passes in a fixed order over a `tts.tracked.TrackedText`; each pass rewrites the spans it
is sure about into words, records each rewrite as an expansion of some kind, warns about
what it cannot read with confidence, and leaves the rest for the next:

    prepare (NFC, Unicode digits → ASCII, controls out; spans still map to the script)
    → typography         bullets "- + • *", list numbers "1.2." "a)", Roman headings
                         "III. TỔ CHỨC" → "Phần ba.", "./.", bold glued to a heading
    → echoes             "Mặt trận Tổ quốc (MTTQ)": the acronym after its own expansion
    → addresses          "a.b@gmail.com", "www.dichvucong.gov.vn"
    → licence classes    "GPLX hạng A1, B2, C1E" (after the blood groups)
    → slashed words      "đ/c", "v/v", "k/g" (before "05 đ/c" can look like money)
    → Roman numerals     "quý III/2026", "khóa XV", "lần thứ XIII", "Chương IV"; "BĐ3"
    → legal references   "Nghị định 100/2019/NĐ-CP", "Chỉ thị 05-CT/TU"
    → roads              "QL1A", "ĐT.741", "Quốc lộ 14C"
    → fuel grades        "RON 95-III", "DO 0,05S-II"
    → coordinates        "17,5N-112,3E", "vĩ tuyến 15N", "15,8°N"
    → plates             "68B1-123.45"
    → day ranges         "ngày 3-5/12", "từ 08 - 10/01"
    → dates              "15/12/2022", "30/11", "12/2022", "tháng 4", "T7/2023"
    → phone numbers      "0912 345 678", "gọi 113", "1900 1234", "(0296) 3852 123"
    → spaced thousands   "1 000 000 đồng", "12 345 người", "100,000 đồng"
    → kilometre posts    "Km 15+300"
    → comparisons        "> 0,25" "≤ 60" "~ 80%" "3x4 m"
    → time ranges        "19h-21h" → "từ mười chín giờ đến hai mươi mốt giờ"
    → ranges             "10 - 15", "2021–2025"
    → times              "17h30", "7g30", "17:30", "7 giờ 30'"
    → money, %, units    "50.000đ", "2,5%", "60 km/h", "mm/24h", "đồng/người/tháng"
    → per words          "01 tháng/lần", "2 lần/tháng", "3 người/hộ"
    → lexicon            the panel's lexicon over the curated abbreviations (with context)
    → codes              "PV05", "F0", "A1"
    → ordinals, numbers  "thứ 4", "1.000.000", "3,14", "19.2", "3a", "v2.0", "5/13"
    → repeated amounts   "8.000.000 đồng (Tám triệu đồng)": the bracket is not read twice
    → symbols            "+", "&", "%", "/", quotes and brackets → pauses
    → capitals           "TỔ CHỨC" → "tổ chức"; unknown acronyms spelled and flagged
    → tidy               spaces and doubled pauses

Three places differ from the plain "legal → dates/times → phones → money/units → ranges →
numbers → lexicon" order, on purpose:

* ranges come before times and units: the dash is only recognisable as "đến" while both
  ends are still digits ("22:00–05:00", "10-15 km"); once "15 km" is words it is not.
* the lexicon comes before the number passes: keys may contain digits ("Covid-19") that
  the number passes would otherwise split, context rules look at the digits after a key
  ("SN 1990" is "sinh năm", "SN 12" is "số nhà"), and a spoken form with a digit in it is
  still read aloud, so the no-digit guarantee holds for any lexicon the panel passes in.
* slashed abbreviations and Roman numerals come first: "05 đ/c" would otherwise be read
  as money and "quý III/2026" as a fraction.

The readings chosen (per, slash, bullets, letters, plates, addresses) are listed with
examples in docs/normalization.md. The module is pure (no I/O, no clock; the curated list
is read once from the package) and imports only the standard library and tts.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from tts.abbreviations import curated, key_pattern, resolve
from tts.lexicon import DEFAULT_LEXICON, LEGAL_DOC_TYPES, LEGAL_ISSUERS
from tts.numbers import (
    DIGITS,
    check_region,
    read_decimal,
    read_digits,
    read_integer_string,
    read_month,
    read_number,
    read_ordinal,
)
from tts.ports import TTSError
from tts.roman import ROMAN, parse_roman
from tts.spelling import read_address, read_plate, spell, spell_letters
from tts.tracked import NormalizedText, Out, TrackedText

__all__ = [
    "NormalizationError",
    "NormalizedText",
    "lexicon_terms_used",
    "normalize",
    "normalize_with_report",
    "split_sentences",
]


class NormalizationError(TTSError, ValueError):
    """The text has nothing a synthesizer could read (empty, or only punctuation/symbols).

    ``str(err)`` is English; ``err.reason_vi`` is the Vietnamese sentence for the panel.
    """


# --- building blocks ------------------------------------------------------------------------

# A Unicode letter: \w minus digits and underscore. Vietnamese letters ("đ", "ư", "ằ") are
# letters, so "5đi" is not "5 đồng" and "ANTTx" is not "ANTT".
_L = r"[^\W\d_]"
_NO_LETTER_BEFORE = rf"(?<!{_L})"
_NO_LETTER_AFTER = rf"(?!{_L})"
# A number ends here: no further digit, and no separator that continues it ("1.000", "2,5").
_NUM_END = r"(?!\d|[.,]\d)"
# Not in the middle of a longer written number or code.
_NUM_START = r"(?<![\d.,])"

# A written quantity: 1.000.000 (dots group thousands), 2,5 (decimal comma), 1.5 (a dot
# before one or two digits is a decimal point in measurements), or a plain integer.
# Two or more ",ddd" groups ("1,250,000") are thousands written the English way: a decimal
# comma is never followed by a second comma.
_ENGLISH_THOUSANDS = r"\d{1,3}(?:,\d{3}){2,}(?!\d|[.,]\d)"
_QUANTITY = (
    rf"{_ENGLISH_THOUSANDS}|\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?(?!\d|[.,]\d)|\d+,\d+"
    r"|\d+\.\d{1,2}(?![\d.])|\d+"
)
# A Roman numeral as a whole word, upper case even inside a case-insensitive pattern.
_ROMAN_WORD = rf"(?-i:{ROMAN})(?![\w])"


@dataclass
class _Context:
    region: str
    lexicon: Mapping[str, str]
    tracked: TrackedText
    used: set[str] = field(default_factory=set)
    # acronyms the text defines itself, "Đăng ký nghĩa vụ quân sự (ĐKNVQS)": their words
    defined: dict[str, str] = field(default_factory=dict)

    def lookup(self, term: str) -> str | None:
        """An exact lexicon entry, recorded as used (the render service tracks these)."""
        spoken = self.lexicon.get(term)
        if spoken is not None:
            self.used.add(term)
        return spoken

    def warn(self, start: int, end: int, detail_vi: str, detail_en: str) -> None:
        """Flag text[start:end] of the current text: the author should check its reading."""
        self.tracked.warn(start, end, detail_vi, detail_en)

    def number(self, n: int) -> str:
        return read_number(n, region=self.region)


def _spaced(words: str) -> str:
    # Replacements are padded so "3a" becomes "ba a", never "baa"; spacing is tidied at the end.
    return f" {words} "


def _before(text: str, start: int, width: int = 40) -> str:
    # Markdown marks carry no sound: "ngày **15/12**" still has "ngày " before the date.
    return text[max(0, start - width) : start].rstrip("*_")


def read_quantity(token: str, *, region: str) -> str:
    """Read one `_QUANTITY` token: thousands dots, decimal comma, or a measurement's 1.5."""
    if re.fullmatch(_ENGLISH_THOUSANDS, token):
        return read_integer_string(token.replace(",", ""), region=region)
    if "," in token:
        integer, fraction = token.split(",", 1)
        return read_decimal(integer.replace(".", ""), fraction, region=region)
    if "." in token:
        integer, rest = token.split(".", 1)
        if len(rest) <= 2:  # "1.5 km": a decimal point written the English way
            return read_decimal(integer, rest, region=region)
        return read_integer_string(token.replace(".", ""), region=region)
    return read_integer_string(token, region=region)


# --- 0. prepare -----------------------------------------------------------------------------

# Invisible format characters: dropped, so "AN\u200bTT" is "ANTT" and NFD/NFC agree.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_LINE_BREAKS = re.compile(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x09\x1f\x7f-\x84\x86-\x9f]")


def _prepare_char(char: str) -> str:
    if _INVISIBLE.match(char):
        return ""
    if _LINE_BREAKS.match(char):
        return "\n"
    if _CONTROLS.match(char):
        return " "
    if unicodedata.category(char) == "Co":
        # a private-use character: a bullet of Word's Symbol or Wingdings font pasted as text
        # ("\uf0b7", "\uf0a7", "\uf0d8"); no font here draws it and no voice says it
        return " "
    if char != " " and unicodedata.category(char) == "Zs":
        # a no-break, thin or figure space pasted from Word or a PDF ("0912\u00a0345\u00a0678")
        # is a space: the passes that look for one (phones, thousands) see it (the phone was
        # read as three numbers)
        return " "
    if char.isdigit() and not char.isascii():
        # "²", "①", Arabic-Indic and full-width digits are digits too: make them ASCII so
        # every later pass (and the no-digit guarantee) only has to know 0-9.
        value = unicodedata.digit(char, None)
        return "" if value is None else str(value)
    return char


# --- 1. typography --------------------------------------------------------------------------

# "./." closes a document; "KẾ HOẠCH**Phát động" is a heading glued to the next by the
# copy that lost its line break.
_END_MARK = re.compile(r"(?<=\.)/\.")
_GLUED_BOLD = re.compile(r"(?<=[^\W_])\*\*(?=[^\W_])")
# "H’Luyến", "Cư M’gar", "Đắk R‘lấp": Êđê, Jrai and M'nông names and places keep an apostrophe
# that word processors curl; glued between two letters it is that apostrophe, never a quote
# (it was a closing quote, a pause: "H, Luyến").
_WORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[’‘ʼ](?=[^\W\d_])")
# Bullets at the start of a line: a hyphen followed by a space or a letter ("-5" is a
# number), en and em dashes, "+", "•", "*", arrows. Several may stack ("- + Kinh phí").
_BULLETS = re.compile(r"(?m)^[^\S\n]*(?:(?:-(?=[^\S\n]|[^\W\d_])|[–—•·▪◦►▸➢➤✓❖+*])[^\S\n]*)+")
# Word's bullets pasted as the letters of their fonts: "o" (Courier New), "§" "▪", "Ø" "➢", "ü" "✓",
# "v" "❖" (Wingdings), at the start of a line before a capital ("o Mang theo giấy tờ"; "o" was read).
_FONT_BULLET = re.compile(r"(?m)^[^\S\n]*[o§Øüv][^\S\n]+(?=[^\W\d_])")
# A Roman heading: "III. TỔ CHỨC", "I- MỤC ĐÍCH", "IV) ...", "I/ MỤC ĐÍCH" at the start of a line.
_ROMAN_HEADING = re.compile(rf"(?m)^[^\S\n]*(?P<r>{ROMAN})[^\S\n]*[.\-–:)/](?=[^\S\n]+\S)")
# "X. Yên Sơn, H. Lục Nam, T. Bắc Giang" opens an address, not part ten.
_ADDRESS_LINE = re.compile(
    r"[^\S\n]*[A-ZĐ][^\n,.]*,[^\S\n]*(?:H\.|huyện|TX\.?|thị xã|TP\.?|thành phố|T\.|tỉnh)"
)
# List numbers at the start of a line: "1.", "1.2.3.", "1.1", "2)", "1/", "a)", "a/", "đ.",
# "B.", "(3)", "(a)". Upper-case I, V and X are Roman headings, not letters; P., Q. and T.
# are places ("P. Tân Định"), lists never run that far. "k/g", "V/v" have no space after
# the slash and stay words.
_LIST_NUMBER = re.compile(
    r"(?m)^[^\S\n]*(?:\d{1,2}(?:\.\d{1,2})*[.)/]|\d{1,2}(?:\.\d{1,2})+|[a-zđ][.)/]"
    r"|[A-HJ-ORSUWYZ][.)/]|\((?:\d{1,2}|[a-zđ])\))(?=[^\S\n]+\S|\*)"
)


# "TP.Buôn Ma Thuột", "P.Tân Định": a place word glued to its name gets its space back, so
# the curated list reads it ("TP.HCM", all capitals, is a lexicon key and stays).
_GLUED_PLACE = re.compile(r"(?<![^\W_])(?:TP|Tp|TX|Tx|TT|P|Q|H|X)\.(?=[A-ZĐ][a-zà-ỹđ])")
# "P.CSGT", "P.TC-KH", "P.GD&ĐT": "P." glued to the letters of an office is "Phòng" (the
# curated list; was left glued, "P.cảnh sát giao thông"). A ward is named by words or a number,
# never by letters without a vowel.
_GLUED_OFFICE = re.compile(r"(?<![^\W_])P\.(?=[BCDĐFGHJKLMNPQRSTVWXZ]{2,}(?![a-zà-ỹđ]))")
# "ThS.BS Trần Thị B": a degree glued to the title after it (was "Thạc sĩ.bác sĩ").
_GLUED_DEGREE = re.compile(r"(?<![^\W_])ThS\.(?=[A-ZĐ])")


# "Tm,.", "TM,.UBND": a comma typed between a word and its dot is no pause of its own (the tidy-up
# dropped it, so a second reading found "Tm." and said "Thay mặt"); dropped first, every pass sees
# the dotted word.
_COMMA_BEFORE_DOT = re.compile(r"(?<=[^\W\d_]),[^\S\n]*(?=\.)")
# "TM.UBND XÃ", "KT.CHỦ TỊCH": a signature mark glued to the body it signs for.
_GLUED_SIGNATURE = re.compile(
    # "Tm.Đ0", "Tm .D0": the same typed in lower case, or with a space before its dot (a second
    # reading said "Thay mặt" once the tidy-up had spaced them; found by the property test)
    r"(?<![^\W\d_])(?:(?:TM|KT|TL|TUQ|Tm)(?:\.(?=[A-ZĐ])|[^\S\n]+\.(?=[^\W\d_]))|Q\.(?=CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|HIỆU TRƯỞNG|CHÁNH))"
)
# "năm 20…", "…/…/20..": a year left blank in a template; its "20" is not said ("hai mươi").
_BLANK_YEAR = re.compile(r"(?<![\d.,])(?:19|20)(?=…|\.{2,})")

# A table flattened into lines: "STT | Họ và tên | Năm sinh", "| 1 | Nguyễn Văn A | 1990 |".
# A bar between two cells is a pause (a comma), the bars at the ends and the rule under the
# heading row ("|---|---|") are silent; they were dropped with no pause, running cells together.
_TABLE_RULE = re.compile(r"(?m)^(?=[^\n]*\|)[|: \t-]*-{3,}[|: \t-]*$")
_TABLE_EDGE = re.compile(r"(?m)^[^\S\n]*\|[^\S\n]*|(?<![^\S\n])[^\S\n]*\|[^\S\n]*$")
_TABLE_CELL = re.compile(r"(?<=[^\s|])[^\S\n]*\|[^\S\n]*(?=[^\s|])")


# "tháng 12-2026", "Quý I-2027", "đợt 1-2027", "học kỳ 1-2026": a period of a year joined to the
# year by a dash is the period of that year, like "tháng 12/2026" (the dash was read "âm" or
# "đến": "tháng mười hai âm hai nghìn …", silently). The dash becomes the slash the date and
# Roman passes read. "Đợt 1-2 năm 2026", "tháng 3-4" keep their ranges.
_PERIOD_YEAR_DASH = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?i:tháng|quý|đợt|kỳ|học kỳ|lần|tuần)[^\S\n]+"
    r"(?:\d{1,2}|(?-i:[IVX]{1,4})))[^\S\n]*[-–][^\S\n]*(?=(?:19|20)\d\d(?!\d|[.,]\d|[-–/]\d))"
)
# "Q1/2027", "Q4-2026", "Q1 năm 2027": a quarter of a year in plans and reports, "quý" (was "Q
# tháng một năm …", "quy một"). "Q.1", "Q1" alone (a district, a code) are left.
_QUARTER = re.compile(
    r"(?<![^\W_])Q(?=[1-4](?:[^\S\n]*[/-][^\S\n]*|[^\S\n]+năm[^\S\n]+)(?:19|20)\d\d(?!\d))"
)

# "HK I năm học 2026-2027", "thi HK II", "điểm TB HK1": "HK" with the half of a school year is
# "học kỳ", so the Roman pass reads "học kỳ I" (was spelled "hát ca" and flagged, "HK I" left the
# "I"). "HKI", "HKII" glued are the curated list's. "HK" alone (hộ khẩu?) stays ambiguous.
_SCHOOL_TERM = re.compile(r"(?<![^\W_])HK(?=[^\S\n]*(?:I{1,2}|[12])(?![\w.,]\d|[\w/]))")

# Emoji and pictographs typed on phones: "⚠️ KHẨN CẤP", "👉 Không chuyển tiền", "Lưu ý: 📌 mang
# CCCD ✅ đúng giờ": silent (they reached the voice). A run of them between a word and a capital
# parts two clauses ("lừa đảo 🚨 Không chuyển tiền"), so it is a pause; elsewhere a space. A keycap
# digit ("3️⃣") is its digit, and opens an item at the start of a line like "3." (the keycap's
# marks were left in the text). The marks the passes below read as bullets or arrows ("✓", "❖",
# "➢", "➤", "➔", "➜") are not in the class; "➡" is an arrow like "→". Matches start at the first
# space of a run only, so a long run of spaces is scanned once.
_PICTOGRAPH_CHARS = (
    "\U0001f000-\U0001faff\u2600-\u2712\u2714-\u2755\u2757-\u2793\u2795-\u279b"
    "\u279d-\u27a0\u27a5-\u27bf\u231a\u231b\u2328\u23cf\u23e9-\u23fa\u24c2\u25fb-\u25fe"
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\u00a9\u00ae"
    "\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f"
)
_PICTOGRAPH = re.compile(
    rf"(?<![^\S\n])[^\S\n]*[{_PICTOGRAPH_CHARS}]+(?:[^\S\n]*[{_PICTOGRAPH_CHARS}]+)*[^\S\n]*"
)
# "Ký hiệu № 5", "№05": the numero sign is "số" (was left in the text).
_NUMERO = re.compile(r"№[^\S\n]*")
# "Cảnh báo‼️", "Sao vậy⁉️": the emoji forms of "!!" and "?!" are their marks (were left in the text).
_EMOJI_MARKS = re.compile("[\u203c\u2049]")
_KEYCAP_ITEM = re.compile("(?m)^([^\\S\\n]*\\d)\ufe0f?\u20e3")


def _pictograph(m: re.Match[str]) -> str:
    text = m.string
    before = text[m.start() - 1] if m.start() else "\n"
    after = text[m.end()] if m.end() < len(text) else "\n"
    return ", " if before.isalnum() and after.isupper() else " "


# "Đăng ký -> nộp hồ sơ", "người già => trẻ em": an arrow is a pause (was dropped, or a dash).
# The lookbehinds start a match only at the first space of a run (or the first "=" or "-"),
# so a long run of spaces or dashes is scanned once, not once from each of its characters (20 000
# spaces took 15 s).
_ARROW = re.compile(r"(?<![^\S\n])[^\S\n]*(?:(?<!=)=+>|(?<!-)-+>|[→⇒➔➜⟶➡])[^\S\n]*")
# "Từ 5/12 ->10/12", "7h → 11h": an arrow between two numbers, dates or times is "đến" (was a
# pause, and the second date was flagged).
_ARROW_FROM = re.compile(r"\d(?:[hg]|[hg]\d\d)?$")


def _arrow(m: re.Match[str]) -> str:
    between = (
        _ARROW_FROM.search(m.string, 0, m.start()) and m.string[m.end() : m.end() + 1].isdigit()
    )
    return " đến " if between else ", "


# "- Thời gian: 7h30 ngày 05/12 - Địa điểm: Hội trường", "…tháng 12: - Thời gian: …", "(thứ 3).
# - Địa điểm: …": the items of a list run into one line keep their bullets. A spaced bullet is
# an item's when it follows a full stop, when a label follows it ("Địa điểm:", up to four words
# and a colon) after a colon, or when the line opens with a bullet (the writer marks items so);
# it was left as a dash between the items. Before a label it ends the item (a full stop), after
# punctuation it is silent. A dash between two labelled items of a line without bullets
# ("Email: … - Website: …") is left as the pause it is.
# After a colon or a semicolon a dash or a plus before a word opens an item whatever the line
# ("Nơi nhận: - TT Đảng ủy; - Lưu VT.", "Thành phần:- Đảng ủy;- HĐND"): silent, the mark before it is
# the pause (the dash was left between the items).
_INLINE_BULLET = re.compile(
    r"(?:(?:(?P<p>[:;])[^\S\n]*[-–—•+][^\S\n]*|(?P<dot>\.)?[^\S\n]+[-–—•+][^\S\n]+)(?=[^\W\d_])"
    # "Đ. --0": the bullet before a minus sign, as a second reading finds it once "-0" is "âm
    # không" (the property test)
    r"|(?P<dot2>\.)[^\S\n]+[-–—•+](?=[-−]\d))"
    r"(?=(?P<label>(?-i:[A-ZĐ])[^\W\d_]*(?:[^\S\n]+[^\W\d_]+){0,3}[^\S\n]*:(?!\d))?)"
)
_LINE_BULLET = re.compile(r"[^\S\n]*[-–—•+*]")
# "Hồ sơ gồm: a) Đơn đề nghị; b) Bản sao CCCD", "1) Nộp hồ sơ; 2) Nhận kết quả", "1. Nộp hồ sơ; 2.
# Nhận kết quả": the number of an item run into the line after a colon or a semicolon is as silent
# as the first one at the line's start (it was read, "Nộp hồ sơ; hai, Nhận kết quả", "b, Hộ cận
# nghèo"). A number with a dot only after a semicolon: after a colon it may be a value ("Điểm: 8.
# Xếp loại: Giỏi"). A colon not after a digit: "(lúc 7:30) tại", "(tỷ lệ 1:2) và" are a time and a
# ratio; a semicolon may follow one ("1) Nguyễn Văn A, SN 1990; 2) Trần Thị B": the second was read).
_INLINE_NUMBER = re.compile(
    r"(?:(?<!\()(?P<semi>;)[^\S\n]*\d{1,2}[.)]|(?P<p>(?<![\d(]):|(?<!\();)[^\S\n]*(?:\d{1,2}|[a-zđ])\))"
    r"[^\S\n]+(?=[^\W\d_])"
)

# "Số: 156/TB-UBND            Tân Phú, ngày 02 tháng 12 năm 2026": a document's heading set in
# two columns with spaces (a tab is a space by now), or a table typed so: a gap of four spaces
# or more between two words is a pause like a table's bar (the columns ran together: "… của Ủy ban nhân
# dân Tân Phú, ngày …"). Not after punctuation, which already pauses.
# What is left of a long run of spaces (after punctuation, at a line's edge) is one space: many
# passes open with "[^\S\n]*", which tried a run from each of its spaces (a line of 100 000
# spaces after a colon took minutes).
_SPACE_RUN = re.compile(r"(?<![^\S\n])[^\S\n]{4,}")
_COLUMN_GAP = re.compile(r"(?<=[^\s.,:;!?(\[“\"‘-])[^\S\n]{4,}(?=[^\s.,:;!?)\]”\"’])")


# "35 0C", "8 - 10 0C": the degree sign typed as a zero, a superscript lost in copying. Only
# after a space: "20C" glued may be twenty degrees with the sign left out.
_ZERO_DEGREE = re.compile(r"(?<=\d)[^\S\n]+0(?=C(?![^\W_]))")


# "GIÁ VÉ: 20.000Đ/LƯỢT", "MỨC PHẠT: 4.000.000Đ - 6.000.000Đ": a heading in capitals writes the
# đồng sign in capitals too (the "Đ" was left, and the dash between two amounts with it). Only
# after an amount with its thousands ("5Đ", "3Đ" may name a movement or a class).
_CAPITAL_DONG = re.compile(r"(?:(?<=\d\.\d{3})|(?<=\d{4})|(?<=\d\.\d{3}[^\S\n]))Đ(?![^\W_])")


# "tHÔNG BÁO", "tHÔNG bÁO": a word typed with caps lock on and the shift key held for its first
# letter is a word in capitals (was left "tHÔNG" for the synthesizer). Only a Vietnamese
# syllable ("mRNA", "eKYC", "iOS" keep their letters), and one of two letters only next to a
# word in capitals ("vỀ VIỆC"; "500 mA" is milliamperes).
_CAPS_LOCK = re.compile(rf"(?<!{_L}){_L}{_L}+(?!{_L})")


def _caps_lock(m: re.Match[str]) -> str | None:
    if not (m[0][0].islower() and m[0][1:].isupper()):
        return None
    word = m[0].upper()
    if not _is_syllable(word):
        return None
    if len(word) == 2:
        before = _CAPS_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
        after = _CAPS_AFTER.match(m.string, m.end())
        if not any(n is not None and n[1][1:].isupper() for n in (before, after)):
            return None
    return word


# "Lưu: VT, VP (02b)": the copies kept on file, "hai bản" (was "hai b").
_FILED_COPIES = re.compile(r"(?<=\()[^\S\n]*(?P<n>\d{1,2})[^\S\n]?b[^\S\n]*(?=\))")
_FILED_LINE = re.compile(r"(?:^|\n)[^\S\n]*[-–+•]?[^\S\n]*Lưu\b[^\n]*$", re.IGNORECASE)


def _typography(t: TrackedText, ctx: _Context) -> None:
    t.sub(_WORD_APOSTROPHE, "'", None)
    t.sub(
        _FILED_COPIES,
        lambda m: (
            Out(f"{ctx.number(int(m['n']))} bản", "number")
            if _FILED_LINE.search(m.string, 0, m.start())
            else None
        ),
    )
    t.sub(_CAPS_LOCK, _caps_lock, None)
    t.sub(_CAPITAL_DONG, "đ", None)
    t.sub(_ZERO_DEGREE, "°", None)
    t.sub(_END_MARK, "", None)
    t.sub(_COMMA_BEFORE_DOT, "", None)
    t.sub(_NUMERO, "số ", "abbreviation")
    t.sub(_EMOJI_MARKS, lambda m: "!" if m[0] == "\u203c" else "?", None)
    t.sub(_KEYCAP_ITEM, r"\1.", None)
    t.sub(_PICTOGRAPH, _pictograph, "typography")
    t.sub(_SCHOOL_TERM, "học kỳ ", "abbreviation")
    t.sub(_ARROW, _arrow, "typography")
    t.sub(_QUARTER, "quý ", "abbreviation")
    t.sub(_PERIOD_YEAR_DASH, r"\g<lead>/", None)
    t.sub(_TABLE_RULE, "", "typography")
    t.sub(_TABLE_EDGE, "", "typography")
    t.sub(_TABLE_CELL, ", ", "typography")
    t.sub(_COLUMN_GAP, ", ", "typography")
    t.sub(_SPACE_RUN, " ", None)
    t.sub(_GLUED_PLACE, lambda m: m[0] + " ", None)
    t.sub(_GLUED_OFFICE, lambda m: m[0] + " ", None)
    t.sub(_GLUED_DEGREE, lambda m: m[0] + " ", None)
    t.sub(_GLUED_SIGNATURE, lambda m: re.sub(r"[^\S\n]+", "", m[0]) + " ", None)
    t.sub(_BLANK_YEAR, "", "typography")
    t.sub(_GLUED_BOLD, "\n", None)

    def inline_bullet(m: re.Match[str]) -> str | None:
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        line = m.string[line_start : m.start()]
        bulleted = _LINE_BULLET.match(line) is not None
        if m["dot"] or m["dot2"]:
            return ". "
        if m["p"]:
            return f"{m['p']} "
        if not line or not m["label"] or ":" not in line or line[-1] in ",(":
            return None
        return ". " if bulleted else None

    t.sub(_INLINE_NUMBER, lambda m: f"{m['semi'] or m['p']} ", "typography")
    t.sub(_INLINE_BULLET, inline_bullet, "typography")
    _line_marks(t, ctx)


def _line_marks(t: TrackedText, ctx: _Context) -> None:
    """Bullets, Roman headings and list numbers at the start of a line. Run again while
    tidying: "A.0" becomes "A. không", whose "A." is then a list mark like any other."""

    def heading(m: re.Match[str]) -> str | None:
        if m["r"] == "X" and _ADDRESS_LINE.match(m.string, m.end()):
            return None  # "X. Yên Sơn, H. Lục Nam": a commune, read by the curated list
        value = parse_roman(m["r"])
        return None if value is None else f"Phần {ctx.number(value)}."

    t.sub(_BULLETS, "", "typography")
    t.sub(
        _FONT_BULLET,
        lambda m: "" if m.string[m.end()].isupper() else None,
        "typography",
    )
    t.sub(_ROMAN_HEADING, heading, "roman")
    t.sub(_LIST_NUMBER, "", "typography")


# --- 2. acronyms echoed after their expansion -----------------------------------------------

_ECHO = re.compile(r"(?<=[\s”\"’»*])[^\S\n]*\((?P<acr>[A-ZĐ][A-ZĐ&.-]*[A-ZĐ])\)")
_ECHO_TRAIL = re.compile(r"[\s”\"’»*]+$")
# The other way round: "tiêm UV (uốn ván)", "ATTP (an toàn thực phẩm)": the acronym, then its
# words in brackets. The words are said once, the acronym not spelled (nor flagged).
_EXPLAINED = re.compile(
    r"(?<![^\W_])(?P<acr>(?-i:[A-ZĐ][A-ZĐ&]*[A-ZĐ]))[^\S\n]*\((?P<body>[^()\d\n]{2,120})\)"
)


# "Đầu tư/ĐT", "Ủy ban nhân dân/UBND": the words, a slash, and the acronym they spell; said once.
_SLASH_ECHO = re.compile(
    r"(?<=[^\W\d_])[^\S\n]*/[^\S\n]*(?P<acr>(?-i:[A-ZĐ][A-ZĐ&]*[A-ZĐ]))(?![^\W_]|[-/.]\w)"
)
_ECHO_LEVEL = re.compile(r"\s+(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)$")


def _initial(word: str) -> str:
    first = word[0].casefold()
    return first if first == "đ" else unicodedata.normalize("NFD", first)[0]


@functools.lru_cache(maxsize=256)
def _written_expansion(spoken: str) -> re.Pattern[str]:
    """The expansion as it may be written: a foreign word said in syllables ("ru-bê-la") is
    written whole ("rubella", "Rubella"), a dash may be glued or an en dash ("sởi-rubella")."""
    body = ""
    for word in spoken.casefold().split():
        if word in ("-", "–"):
            body += r"[^\S\n]*[-–][^\S\n]*"
            continue
        if body and not body.endswith("*"):
            body += r"[^\S\n]+"
        syllables = word.split("-")
        if len(syllables) > 1 and all(syllables):  # "ru-bê-la": its first letter, as long
            body += rf"{re.escape(_initial(word))}{_L}{{{len(syllables)},}}"
        else:
            body += re.escape(word)
    return re.compile(rf"(?<!{_L})(?:{body})$")


def _echoes_words(acr: str, before: str, ctx: _Context) -> bool:
    """Whether `before` ends with the expansion of `acr` or with words it is the initials of."""
    folded = " ".join(before.split()).casefold()
    expansions = [ctx.lexicon.get(acr)] + [r.expansion for r in curated().get(acr, ())]
    for spoken in filter(None, expansions):
        tail = " ".join(spoken.split()).casefold()
        if folded.endswith(tail) and not re.match(_L, folded[-len(tail) - 1 : -len(tail)]):
            return True
        if "-" in spoken and _written_expansion(spoken).search(folded):
            return True
    letters = [c.casefold() for c in acr if c.isalpha()]
    words = re.findall(_L + "+", before)[-len(letters) :]
    return len(words) == len(letters) and [_initial(w) for w in words] == letters


# What may stand in a bracket that repeats the name before it in acronyms: acronyms, "&", and
# plain words ("(Sở NN&PTNT)", "(BCĐ PCTT và TKCN)", "(UBND xã)").
_ECHO_PHRASE = re.compile(
    r"(?<=[\s”\"’»*])[^\S\n]*\((?P<acr>(?=[^()\n]*(?-i:[A-ZĐ]{2}))"
    r"[^\W\d_][^\W\d_&-]*(?:(?:[^\S\n]+|[^\S\n]*[&-][^\S\n]*)[^\W\d_][^\W\d_&-]*){1,5})\)"
)
_CLAUSE_MARK = re.compile(r"[.;:!?\n(“\"]")


def _phrase_initials(phrase: str) -> list[str]:
    """ "BCĐ PCTT và TKCN" → b c đ p c t t v t k c n: an acronym gives its letters, a word its
    initial, "&" is "và"."""
    out: list[str] = []
    for token in re.findall(rf"{_L}+|&", phrase):
        if token == "&":
            out.append("v")
        elif len(token) > 1 and token.isupper():
            out.extend(c.casefold() for c in token)
        else:
            out.append(_initial(token))
    return out


def _named_by(acr: str, before: str) -> list[str] | None:
    """The words of the name ending `before` that `acr` spells, also its head only: "Đoàn Thanh
    niên Cộng sản Hồ Chí Minh (ĐTN)", "Văn phòng Điều phối nông thôn mới (VPĐP)" (a name is
    often shortened to its first words: "Hồ Chí Minh", "nông thôn mới" are left out)."""
    clause = before[max((m.end() for m in _CLAUSE_MARK.finditer(before)), default=0) :]
    words = re.findall(_L + "+", clause)
    letters = _phrase_initials(acr)
    if len(letters) < 2:
        return None
    for left_out in range(0, 6):
        end = len(words) - left_out
        if end - len(letters) < 0:
            break
        head = words[end - len(letters) : end]
        if [_initial(w) for w in head] != letters:
            continue
        if left_out == 0:
            return head
        # the head only when it is a body's name in capitals ("Đoàn Thanh niên"), not any words
        # ("Kinh phí thực hiện (KP)" keeps its ambiguous KP)
        if head[0][0].isupper() and sum(w[0].isupper() for w in head) >= 2:
            return head
    return None


def _echoes_name(acr: str, before: str) -> bool:
    return _named_by(acr, before) is not None


def _define(acr: str, before: str, ctx: _Context) -> None:
    """Remember the words an acronym unknown to both lists stands for in this text, so it is
    said by them where it comes again ("Đăng ký nghĩa vụ quân sự (ĐKNVQS) … danh sách ĐKNVQS"):
    the author's own definition beats spelling it."""
    if acr in ctx.lexicon or acr in curated() or not acr.isalpha():
        return
    words = _named_by(acr, before)
    if words is None:
        return
    if all(w.islower() for w in words[1:]):
        words = [words[0].lower(), *words[1:]]  # "Đăng ký …" opened its sentence
    ctx.defined.setdefault(acr, " ".join(words))


def _echoes(t: TrackedText, ctx: _Context) -> None:
    """ "Ban Thường vụ (BTV)", "an ninh Tổ quốc” (ANTQ)": the acronym is not read twice."""

    def repl(m: re.Match[str]) -> Out | None:
        acr = m["acr"]
        written = _ECHO_TRAIL.sub("", _before(m.string, m.start(), 160))
        # "Trạm Y tế xã (TYT)": the body's level may stand between it and its acronym.
        _define(acr, written, ctx)
        for before in dict.fromkeys((written, _ECHO_LEVEL.sub("", written))):
            if _echoes_words(acr, before, ctx):
                return Out("", "abbreviation")
        return Out("", "abbreviation") if _echoes_name(acr, written) else None

    t.sub(_ECHO, repl)

    def phrase(m: re.Match[str]) -> Out | None:
        written = _ECHO_TRAIL.sub("", _before(m.string, m.start(), 160))
        if _echoes_words(m["acr"], written, ctx) or _echoes_name(m["acr"], written):
            return Out("", "abbreviation")
        return None

    # "Bảo hiểm xã hội huyện (BHXH huyện)", "Sở Nông nghiệp và Phát triển nông thôn (Sở
    # NN&PTNT)": an acronym with words, or its head only, after the name it shortens (both were
    # read twice; "(VPĐP)" was spelled and flagged)
    t.sub(_ECHO_PHRASE, phrase)

    def slash_echo(m: re.Match[str]) -> Out | None:
        return (
            Out("", "abbreviation")
            if _echoes_words(m["acr"], _before(m.string, m.start(), 160), ctx)
            else None
        )

    t.sub(_SLASH_ECHO, slash_echo)

    def explained(m: re.Match[str]) -> Out | None:
        if not _echoes_words(m["acr"], m["body"].strip(), ctx):
            return None
        words = re.findall(_L + "+", m["body"])
        if len(words) > len(m["acr"]) + 8:
            return None
        return Out(m["body"].strip(), "abbreviation")

    t.sub(_EXPLAINED, explained)


# --- 3. e-mail and web addresses ------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.@+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL_TAIL = r"(?:/[^\s,;()“”\"<>]*[^\s,;()“”\"<>.!?:])?"
_URL = re.compile(
    r"(?<![\w@/.-])(?:(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+"
    # the domains of Vietnamese sites, and those scam links use ("bit.ly/…", "….top")
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info|ly|io|me|xyz|top|online|site|"
    r"shop|link|club|biz|cc|app|asia|live|vip)(?![\w]))(?:\.[a-z]{2}(?!\w))?" + _URL_TAIL,
    re.IGNORECASE,
)


# "ứng dụng có đuôi .apk", "tệp .exe": a file's extension after a space, said "chấm a pê ca" like
# an address (the tidy glued it to the word before: "đuôi.apk").
_EXTENSION = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:đuôi|file|tệp|tập tin|định dạng|dạng|tên miền)[^\S\n]+)"
    r"(?P<ext>\.[a-z]{2,4}(?:\.[a-z]{2,4})*)(?!\w|\.\w)",
    re.IGNORECASE,
)


# "bấm *101#", "*123#", "*#06#": a code dialled on the keypad (USSD) is said key by key, "*"
# "sao" and "#" "thăng" as the operators' own notices say them ("sao một không một thăng";
# the marks were dropped and the digits read as a number, "một trăm linh một").
_KEYPAD_CODE = re.compile(r"(?<![\w*#])(?P<code>[*#][*#\d]*\d[*#\d]*#)(?![\w*#])")
_KEYPAD_KEYS = {"*": "sao", "#": "thăng"}
# "nhấn phím # để kết thúc", "phím *": one key named (the mark was dropped as markup).
_KEYPAD_KEY = re.compile(rf"{_NO_LETTER_BEFORE}(?P<lead>(?:phím|nút)[^\S\n]+)(?P<k>[*#])(?![\w*#])")


def _keypad(code: str) -> str:
    return " ".join(_KEYPAD_KEYS.get(key) or DIGITS[int(key)] for key in code)


def _addresses(t: TrackedText, ctx: _Context) -> None:
    t.sub(_KEYPAD_CODE, lambda m: _spaced(_keypad(m["code"])), "phone")
    t.sub(_KEYPAD_KEY, lambda m: m["lead"] + _spaced(_KEYPAD_KEYS[m["k"]]), "phone")
    t.sub(_EXTENSION, lambda m: m["lead"] + _spaced(read_address(m["ext"])), "url")
    t.sub(_EMAIL, lambda m: _spaced(read_address(m[0])), "email")
    t.sub(_URL, lambda m: _spaced(read_address(m[0])), "url")


# --- blood groups ----------------------------------------------------------------------------

# "nhóm máu O+ và A+", "AB-", "O Rh(-)": a group is said by its letters, "+" "dương" and "-"
# "âm" ("ô dương", "a bê âm"); "Rh" is "rờ hát". A group's letters are read only after
# "nhóm máu", "máu" (or "nhóm" in a sentence about blood) and in the list that follows;
# with its sign, anywhere near "máu". "O" is "ô", the way donors and doctors say it.
_SIGN = r"(?:[+\-−]|\([+\-−]\))"
_GROUP = rf"(?<![\w+\-−])(?-i:AB|A|B|O)(?:[^\S\n]?{_SIGN})?(?:[^\S\n]*(?-i:Rh)[^\S\n]?{_SIGN})?(?![\w+\-−(])"
_GROUP_LIST = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:nhóm[^\S\n]+máu|máu|nhóm)[^\S\n]*:?[^\S\n]*)"
    rf"(?P<list>{_GROUP}(?:[^\S\n]*(?:,|/|;|và|hoặc|(?:,[^\S\n]*)?nhóm)[^\S\n]*{_GROUP})*)",
    re.IGNORECASE,
)
_SIGNED_GROUP = re.compile(
    rf"(?<![\w+\-−])(?-i:AB|A|B|O)[^\S\n]?{_SIGN}(?:[^\S\n]*(?-i:Rh)[^\S\n]?{_SIGN})?"
    r"(?![\w+\-−(])"
)
_RH_FACTOR = re.compile(
    rf"(?<![\w])(?-i:Rh)(?:[^\S\n]?(?P<s>{_SIGN})|(?=[^\S\n]+(?:âm|dương)(?!\w)))"
)
_BLOOD = re.compile(rf"{_NO_LETTER_BEFORE}máu{_NO_LETTER_AFTER}", re.IGNORECASE)
_GROUP_LETTERS = {"AB": "a bê", "A": "a", "B": "bê", "O": "ô"}


def _say_blood_group(written: str) -> str:
    def sign(s: str) -> str:
        return "dương" if "+" in s else "âm"

    words = []
    for part in re.findall(rf"(?-i:AB|A|B|O|Rh)|{_SIGN}", written):
        if part in _GROUP_LETTERS:
            words.append(_GROUP_LETTERS[part])
        elif part == "Rh":
            words.append("rờ hát")
        else:
            words.append(sign(part))
    return " ".join(words)


# "Giấy phép lái xe hạng A1, A2, B1, B2, C", "GPLX hạng BE, C1E": the classes of a driving licence
# (Luật Trật tự, an toàn giao thông đường bộ 2024, Điều 57) are said by their letters and numbers,
# "a một", "bê e", "xê một e" (a lone "C" was left to the synthesizer and "BE", "CE", "DE" read as
# the words "be", "ce", "de"). Only after "hạng" in a sentence about a licence or a test.
_LICENCE_CLASS = r"(?-i:[A-F][12]?E?)(?![^\W_])"
_LICENCE_CLASSES = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:giấy phép lái xe|(?-i:GPLX)|bằng lái(?:[^\S\n]+xe)?|lái xe|"
    r"sát hạch|đào tạo lái xe)(?:[^\S\n]+(?!hạng)[^\W\d_]+){0,3}[^\S\n]+hạng[^\S\n]+)"
    rf"(?P<list>{_LICENCE_CLASS}(?:[^\S\n]*(?:,|và|hoặc|/|(?:lên|sang)[^\S\n]+hạng)[^\S\n]*{_LICENCE_CLASS})*)",
    re.IGNORECASE,
)


def _licence_classes(t: TrackedText, ctx: _Context) -> None:
    def classes(m: re.Match[str]) -> str:
        said = re.sub(_LICENCE_CLASS, lambda c: _spaced(spell(c[0], region=ctx.region)), m["list"])
        return m["lead"] + said

    t.sub(_LICENCE_CLASSES, classes, "spelling")


def _blood_groups(t: TrackedText, ctx: _Context) -> None:
    def about_blood(text: str, start: int, end: int) -> bool:
        sentence = re.split(r"[.!?\n]", text[max(0, start - 120) : start])[-1]
        return bool(_BLOOD.search(sentence) or _BLOOD.search(text, end, end + 60))

    def group_list(m: re.Match[str]) -> str | None:
        lead = m["lead"]
        if lead.strip().casefold().rstrip(":").strip() == "nhóm" and not about_blood(
            m.string, m.start(), m.end()
        ):
            return None
        groups = re.sub(_GROUP, lambda g: f" {_say_blood_group(g[0])} ", m["list"])
        return lead + _spaced(groups)

    def signed(m: re.Match[str]) -> str | None:
        if not about_blood(m.string, m.start(), m.end()):
            return None
        return _spaced(_say_blood_group(m[0]))

    def rh(m: re.Match[str]) -> str:
        return _spaced("rờ hát" + (" " + _say_blood_group(m["s"]) if m["s"] else ""))

    t.sub(_GROUP_LIST, group_list, "abbreviation")
    t.sub(_SIGNED_GROUP, signed, "abbreviation")
    t.sub(_RH_FACTOR, rh, "abbreviation")


# --- 4. slashed abbreviations ---------------------------------------------------------------


@functools.cache
def _slashed_pattern() -> re.Pattern[str]:
    keys = sorted((k for k in curated() if "/" in k), key=len, reverse=True)
    return re.compile(rf"{_NO_LETTER_BEFORE}(?:{'|'.join(map(re.escape, keys))}){_NO_LETTER_AFTER}")


def _slashed(t: TrackedText, ctx: _Context) -> None:
    """ "đ/c", "v/v", "k/g": before the units pass reads "05 đ/c" as "năm đồng một c"."""

    def repl(m: re.Match[str]) -> str | None:
        spoken = ctx.lookup(m[0])
        if spoken is None:
            reading = resolve(m[0], m.string, m.start(), m.end())
            spoken = reading.expansion if reading else None
        return None if spoken is None else _spaced(spoken)

    t.sub(_slashed_pattern(), repl, "abbreviation")


# --- 5. Roman numerals ----------------------------------------------------------------------

# Words after which a Roman numeral is a number. "thứ" (and "lần thứ") take the ordinal
# reading ("thứ IV" is "thứ tư"); "hạng", "giải" take nhất/nhì ("hạng II" is "hạng nhì").
_ROMAN_CONTEXT = (
    r"quý|khóa|khoá|chương|phần|mục|tiểu mục|tập|phụ lục|đại hội|kỳ họp thứ|kì họp thứ|"
    r"lần thứ|thứ|lần|loại|hạng|giải|nhóm|vùng|cấp độ|cấp|thế kỷ|thế kỉ|văn phòng|VP|"
    r"quân khu|đợt|giai đoạn|khu vực|tiết|bài|học kỳ|học kì|nhiệm kỳ|nhiệm kì|báo động|"
    # "kiểm tra cuối kỳ I", "giữa kỳ II": a term without "học" (the numeral was left)
    r"kỳ|kì|"
    # "PL II", "PL I và PL II": phụ lục written short (the curated list reads "PL" after it)
    r"(?-i:PL)|"
    # the parts of a commune and their teams: "Khu phố III", "Ấp II", "Tổ I", "Đội IV"
    r"khu phố|tổ dân phố|tiểu khu|khu|ấp|xóm|khóm|tổ|đội|liên đội|chi đội|"
    # "Khu vực bỏ phiếu số II", "Đơn vị bầu cử số I"
    r"số"
)
_ROMAN_LIST_SEP = r"[^\S\n]*(?:,|và|hoặc|đến|tới|[-–])[^\S\n]*"
_ROMAN = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<ctx>(?:{_ROMAN_CONTEXT}))[^\S\n]+(?P<list>{_ROMAN_WORD}"
    rf"(?:{_ROMAN_LIST_SEP}{_ROMAN_WORD})*)(?:/(?P<year>(?:19|20)\d\d)(?!\d))?"
    r"(?![\w/]|-[^\W\d_]{2})",  # "Đội V-League" is a name
    re.IGNORECASE,
)
# "Quý 1/2026", "tiêm phòng đợt 2/2026", "lần 1/2026", "kỳ 2/2025", "tuần 48/2026": the
# first (second) of the year, "đợt hai năm hai nghìn…", not a month ("đợt tháng hai năm …");
# "Quý 3-4/2026": "quý ba đến quý bốn năm …".
_QUARTER_YEAR = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<ctx>quý|đợt|lần|kỳ|kì|tuần)[^\S\n]+"
    r"(?:(?P<p>\d{1,2})[^\S\n]*[-–][^\S\n]*)?(?P<q>\d{1,2})/"
    r"(?P<year>(?:19|20)\d\d)(?![\d/])",
    re.IGNORECASE,
)
_PRIZES = {1: "nhất", 2: "nhì", 3: "ba"}
# Flood bulletins: "trên BĐ3 0,45m", "mức BĐ II", "BĐ1-BĐ2", "BĐ3+0,3m". "BĐ" with a level
# (1-3, Roman or not) is "báo động"; alone it may be "bưu điện", "bản đồ" and is left.
_ALARM_LEVEL = r"(?:[1-3]|(?-i:I{1,3}))(?![\d\w]|[.,]\d)"
_ALARM = re.compile(
    rf"(?<![^\W_])(?-i:BĐ)[^\S\n]*\.?[^\S\n]*(?P<a>{_ALARM_LEVEL})"
    rf"(?:[^\S\n]*(?P<sep>[-–]|đến|và|hoặc)[^\S\n]*(?:(?-i:BĐ)[^\S\n]*\.?[^\S\n]*)?"
    rf"(?P<b>{_ALARM_LEVEL}))?(?P<plus>[^\S\n]*\+[^\S\n]*(?=\d))?"
    # "trên BĐ2 0,35m": the height above the level follows; a pause keeps the two numbers
    # apart ("báo động hai, không phẩy ba mươi lăm mét", not "hai không phẩy …")
    r"(?P<then>(?<!\+)[^\S\n]+(?=[-−]?\d))?"
)
# The same written out: "trên báo động 2 0,2m", "trên báo động II 0,12m".
_ALARM_WORDS = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>báo động[^\S\n]+)(?P<a>{_ALARM_LEVEL})[^\S\n]+(?=[-−]?\d)",
    re.IGNORECASE,
)


def _roman(t: TrackedText, ctx: _Context) -> None:
    def say(value: int, context: str) -> str:
        context = context.casefold()
        if context.endswith("thứ"):
            return read_ordinal(value, region=ctx.region)
        if context in ("hạng", "giải") and value in _PRIZES:
            return _PRIZES[value]
        return ctx.number(value)

    def repl(m: re.Match[str]) -> str | None:
        def one(r: re.Match[str]) -> str:
            value = parse_roman(r[0])
            return r[0] if value is None else say(value, m["ctx"])

        if m["ctx"].casefold() == "số" and re.fullmatch(r"[VXL]", m["list"]):
            return None  # "biển số X": a letter more likely than ten
        spoken = re.sub(ROMAN + r"(?![\w])", one, m["list"])
        if spoken == m["list"]:
            return None
        spoken = re.sub(r"[^\S\n]*[-–][^\S\n]*", " đến ", spoken)  # "Quý III-IV": a range
        if m["year"]:
            spoken += " năm " + ctx.number(int(m["year"]))
        return f"{m['ctx']} {spoken} "

    def quarter(m: re.Match[str]) -> str | None:
        last = {"quý": 4, "tuần": 53}.get(m["ctx"].casefold(), 99)
        first = int(m["p"]) if m["p"] else None
        if not 1 <= int(m["q"]) <= last or (first is not None and not 1 <= first < int(m["q"])):
            return None
        words = f"{m['ctx']} "
        if first is not None:
            words += f"{ctx.number(first)} đến {m['ctx'].casefold()} "
        return f"{words}{ctx.number(int(m['q']))} năm {ctx.number(int(m['year']))} "

    def alarm(m: re.Match[str]) -> str:
        def level(written: str) -> str:
            return ctx.number(int(written) if written.isdigit() else parse_roman(written) or 0)

        words = f"báo động {level(m['a'])}"
        if m["b"]:
            sep = "đến" if m["sep"] in "-–" else m["sep"]
            words += f" {sep} báo động {level(m['b'])}"
        return _spaced(words + (" cộng" if m["plus"] else "") + ("," if m["then"] else ""))

    def alarm_words(m: re.Match[str]) -> str:
        level = int(m["a"]) if m["a"].isdigit() else parse_roman(m["a"]) or 0
        return f"{m['lead']}{ctx.number(level)}, "

    t.sub(_ALARM_WORDS, alarm_words, "roman")
    t.sub(_ROMAN, repl, "roman")
    t.sub(_QUARTER_YEAR, quarter, "date")
    t.sub(_ALARM, alarm, "abbreviation")


# --- 6. legal references --------------------------------------------------------------------

# "100/2019/NĐ-CP", "05-CT/TU", "22/HD-BCA-V05", "4162/CATP(XDPT)": a number, an optional
# year, then a code of capitalised parts ("TTg", "CTr" keep a lower-case tail). "Số:" just
# before is taken along, so the type can be said first: "Thông báo số 123 của …".
_CODE_PART = r"[A-ZĐ][A-Za-zĐđ]*\d*"
# The number may be left blank in a template: "Thông tư …/TT-BCA", "Số: /KH-UBND".
_LEGAL = re.compile(
    r"(?<![\w/.,-])(?P<so>(?-i:Số|số)[^\S\n]*:?[^\S\n]*)?"
    rf"(?:(?P<num>\d{{1,2}}\.\d{{3}}|\d{{1,5}})(?:/(?P<year>(?:19|20)\d\d))?(?:[^\S\n]?/|-)|(?:\.{{2,}}|…)?/)"
    rf"(?P<code>[A-ZĐ][A-Za-zĐđ]+\d*(?:[-/]{_CODE_PART})*(?:\([A-ZĐ0-9-]+\))?)(?!\w)"
)
# "… ngày 20/11/2026 của UBND huyện", also with the date in words ("ngày 15 tháng 10 năm 2026 của
# Chủ tịch UBND tỉnh" said "của" twice)
_ISSUER_NAMED_AFTER = re.compile(
    r"[\s,]*(?:ngày[\s\d/.-]*(?:tháng[\s\d]*(?:năm[\s\d]*)?)?)?[\s,]*của(?!\w)", re.IGNORECASE
)
_TYPE_WORDS = sorted(set(LEGAL_DOC_TYPES.values()), key=len, reverse=True)
# Departments and provincial offices that follow the issuer in a dispatch's code
# ("1234/UBND-VX", "56/SYT-NVY"): said as their names, like the issuer before them.
_CODE_UNITS: dict[str, str] = {
    "VX": "Văn xã", "KGVX": "Khoa giáo - Văn xã", "VHXH": "Văn hóa - Xã hội",
    "KT": "Kinh tế", "NC": "Nội chính", "TH": "Tổng hợp", "HC": "Hành chính",
    "TCKH": "Tài chính - Kế hoạch", "KTHT": "Kinh tế - Hạ tầng", "QLĐT": "Quản lý đô thị",
    "TNMT": "Tài nguyên và Môi trường", "NN": "Nông nghiệp", "XD": "Xây dựng",
    "TP": "Tư pháp", "TCCB": "Tổ chức cán bộ", "NV": "Nghiệp vụ", "TM": "Tham mưu",
    "PC": "Pháp chế", "YT": "Y tế", "VH": "Văn hóa", "GDĐT": "Giáo dục và Đào tạo",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "SYT": "Sở Y tế", "SNV": "Sở Nội vụ", "STC": "Sở Tài chính", "STP": "Sở Tư pháp",
    "SXD": "Sở Xây dựng", "SGDĐT": "Sở Giáo dục và Đào tạo", "SGTVT": "Sở Giao thông vận tải",
    "STNMT": "Sở Tài nguyên và Môi trường", "SNN": "Sở Nông nghiệp",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn", "SCT": "Sở Công Thương",
    "SKHĐT": "Sở Kế hoạch và Đầu tư", "STTTT": "Sở Thông tin và Truyền thông",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội", "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "BCHQS": "Ban Chỉ huy quân sự",
    # "05/HD-MTTQ-BTT": the Front's standing committee signs its guides (was spelled, flagged)
    "BTT": "Ban Thường trực",
    # the departments of a provincial health department: "789/SYT-NVD" (was spelled, flagged).
    # "NVY" (Nghiệp vụ Y) is left out: tests/tts/test_normalize_official.py keeps "SYT-NVY" as its
    # example of a part nobody knows.
    "NVD": "Nghiệp vụ Dược", "KHTC": "Kế hoạch - Tài chính",
    "KHTH": "Kế hoạch - Tổng hợp",
}  # fmt: skip


# A body whose letters name two kinds of body: the line it is written on decides ("12/KH-BCH"
# in a plan of the military command is "Ban Chỉ huy", in one of a Union branch "Ban Chấp
# hành"); when both or neither are named, the letters are spelled and flagged.
_CODE_BY_CONTEXT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "BCH": (
        (
            "Ban Chỉ huy",
            re.compile(
                rf"{_NO_LETTER_BEFORE}(?:quân sự|(?-i:QS|PCTT|TKCN|PCCC|CHQS|DQTV|NVQS)|"
                r"thiên tai|phòng cháy|dân quân|biên phòng|tìm kiếm cứu nạn|tuyển quân|"
                r"nhập ngũ|giao quân|giao nhận quân)(?!\w)",
                re.IGNORECASE,
            ),
        ),
        (
            "Ban Chấp hành",
            re.compile(
                r"(?<!\w)(?:(?-i:Đoàn|Hội|ĐTN|HLHPN|HPN|HND|CCB|LĐLĐ)|công đoàn|chi đoàn|"
                r"đoàn viên|hội viên|thanh niên|phụ nữ|cựu chiến binh|nông dân)(?!\w)",
                re.IGNORECASE,
            ),
        ),
    ),
}


def _read_code_part(part: str, ctx: _Context, line: str = "") -> tuple[str, bool]:
    """(spoken, known) for one part of a reference code such as "BCA" or "QH15"; `line` is
    the line the reference is written on, for a part that it decides."""
    spoken = ctx.lookup(part)
    if spoken is not None:
        return spoken, True
    if part in _CODE_BY_CONTEXT:
        named = [name for name, cue in _CODE_BY_CONTEXT[part] if cue.search(line)]
        if len(named) == 1:
            return named[0], True
    if part in LEGAL_ISSUERS:
        return LEGAL_ISSUERS[part], True
    if part in _CODE_UNITS:
        return _CODE_UNITS[part], True
    # An abbreviation the curated list reads one way only ("ĐTN", "CAX"; not "BCH").
    readings = curated().get(part, ())
    if len(readings) == 1 and readings[0].before is None and readings[0].after is None:
        return readings[0].expansion, True
    split = re.fullmatch(r"(\D*)(\d*)", part)
    assert split is not None  # _CODE_PART: letters, then digits
    letters, digits = split.groups()
    if letters in LEGAL_ISSUERS and digits:  # "QH15": Quốc hội (khóa) 15
        number = spell(digits, region=ctx.region)
        term = "khóa " if letters in ("QH", "UBTVQH") else ""  # "UBTVQH15": of the 15th term
        return f"{LEGAL_ISSUERS[letters]} {term}{number}", True
    return spell(part, region=ctx.region), False


def _read_code(code: str, ctx: _Context, line: str = "") -> tuple[str, bool] | None:
    """(the spoken suffix of a reference, "Nghị định của Chính phủ"; whether every part is
    known), or None when the code is not a reference."""
    spoken = ctx.lookup(code)
    if spoken is not None:
        return spoken, True
    parts = [p for p in re.split(r"[-/()]", code) if p]
    doc_type = LEGAL_DOC_TYPES.get(parts[0])
    if doc_type:
        parts = parts[1:]
    issuers = [_read_code_part(p, ctx, line) for p in parts]
    if doc_type is None and not any(known for _, known in issuers) and len(issuers) < 2:
        return None  # "5/AB" is an address or a label, not a reference
    words = [doc_type] if doc_type else []
    names = [spoken for spoken, _ in issuers]
    if len(names) > 1 and all(n.startswith("Bộ ") for n in names):
        # A joint circular ("TTLT-BYT-BNV"): "của Bộ Y tế và Bộ Nội vụ".
        words.append("của " + ", ".join(names[:-1]) + " và " + names[-1])
    elif names:
        words.append("của " + " ".join(names))
    return " ".join(words), all(known for _, known in issuers)


# "Thông tư 124/2021", "NĐ số 100/2019": a number and its year after the document type.
_NUMBER_YEAR = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:{'|'.join(_TYPE_WORDS)}|Luật|"
    rf"{'|'.join(k for k in LEGAL_DOC_TYPES if k.isupper())})(?:\s+số)?\s*:?\s*)"
    r"(?P<num>\d{1,5})/(?P<year>(?:19|20)\d\d)(?![\d/])"
)


# National standards: "QCVN 41:2019/BGTVT", "TCVN 5687:2010", "QCVN 01-1:2018/BYT": the
# number, a colon, the year, and for a technical regulation the ministry that issued it.
_STANDARD = re.compile(
    r"(?<![\w/])(?P<kind>(?-i:QCVN|TCVN))[^\S\n]*(?P<num>\d{1,5}(?:-\d{1,3})*)"
    r"[^\S\n]*:[^\S\n]*(?P<year>(?:19|20)\d\d)(?:/(?P<code>[A-ZĐ][A-Za-zĐđ]*))?(?![\w/])"
)


# "KH-BCH số 18", "QĐ-UBND số 45": the code written before the number, without the slash.
# Said like the reference it stands for, "Kế hoạch số mười tám của Ban Chỉ huy" (it was
# "kế hoạch-Ban Chấp hành số …", the hyphen glued and BCH guessed).
_CODE_FIRST = re.compile(
    rf"(?<![\w/.,-])(?P<code>(?:{'|'.join(sorted(LEGAL_DOC_TYPES, key=len, reverse=True))})"
    rf"(?:-{_CODE_PART})+)(?![\w/-])[^\S\n]+(?-i:số)[^\S\n]*:?[^\S\n]*(?P<num>\d{{1,5}})"
    r"(?:/(?P<year>(?:19|20)\d\d))?(?![\w/-]|[.,]\d)"
)


# A form named by its code: "theo mẫu 01/CNKD", "Mẫu số 01/ĐK", "Mẫu TK1-TS": said as the
# code it is, digits one by one when padded, letters by name, the marks silent ("mẫu không một
# xê nờ ca dê"; was "một," and the letters flagged, or read as a document's reference).
_FORM = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:mẫu|biểu mẫu|tờ khai)(?:[^\S\n]+số)?[^\S\n]*:?[^\S\n]*)"
    # the forms of social insurance open with letters: "Mẫu TK1-TS", "mẫu D02-LT", "C70a-HD"
    r"(?P<code>(?:(?-i:[A-ZĐ]{1,4}))?\d{1,3}(?-i:[a-z])?(?:[/-](?-i:[A-ZĐ][A-ZĐ0-9]{0,7}))+)"
    r"(?![\w/-])",
    re.IGNORECASE,
)


def _legal_refs(t: TrackedText, ctx: _Context) -> None:
    def standard(m: re.Match[str]) -> str:
        reading = resolve(m["kind"], m.string, m.start(), m.end("kind"))
        kind = reading.expansion if reading else m["kind"]
        # "Quy chuẩn QCVN 41:2019", "Tiêu chuẩn TCVN 5687:2010": the words already said
        # are not said twice ("Quy chuẩn kỹ thuật quốc gia …").
        said = _before(m.string, m.start()).casefold().split()
        words_of_kind = kind.split()
        for n in range(len(words_of_kind) - 1, 0, -1):
            if said[-n:] == [w.casefold() for w in words_of_kind[:n]]:
                kind = " ".join(words_of_kind[n:])
                break
        number = " gạch ".join(
            read_integer_string(p, region=ctx.region) for p in m["num"].split("-")
        )
        words = f"{kind} {number}, năm {ctx.number(int(m['year']))}"
        if m["code"]:
            issuer, known = _read_code_part(m["code"], ctx)
            if not known:
                ctx.warn(
                    m.start("code"),
                    m.end("code"),
                    "mã văn bản có phần chưa biết, đang đánh vần",
                    "a part of the document code is unknown; spelled out",
                )
            words += f" của {issuer}"
        return _spaced(words)

    def number_year(m: re.Match[str]) -> str:
        return _spaced(
            f"{read_integer_string(m['num'], region=ctx.region)}, năm {ctx.number(int(m['year']))}"
        )

    def repl(m: re.Match[str]) -> str | None:
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        line_end = m.string.find("\n", m.end())
        line = m.string[line_start : len(m.string) if line_end < 0 else line_end]
        code = _read_code(m["code"], ctx, line.replace(m[0], " "))
        if code is None:
            return None
        suffix, known = code
        named_after = _ISSUER_NAMED_AFTER.match(m.string, m.end()) is not None
        if not known and not named_after:
            ctx.warn(
                m.start("code"),
                m.end("code"),
                "mã văn bản có phần chưa biết, đang đánh vần",
                "a part of the document code is unknown; spelled out",
            )
        # A blank template number ("Số: /KH-UBND") keeps "Số:" where it was written.
        so = "số " if m["so"] and m["num"] else ""
        lead = m["so"] if m["so"] and not m["num"] else ""
        # "1.234/QĐ-UBND": a number past a thousand may carry its dot
        head = read_integer_string(m["num"].replace(".", ""), region=ctx.region) if m["num"] else ""
        if m["year"]:
            # The comma keeps "một trăm, năm hai nghìn…" from being heard as 150 ("trăm năm").
            head += ", năm " + read_number(int(m["year"]), region=ctx.region)
        doc_type = next((w for w in _TYPE_WORDS if suffix.lower().startswith(w.lower())), None)
        rest = suffix[len(doc_type) :].strip() if doc_type else suffix
        if named_after:
            # "… 28/CT-TTg ngày 30/6/2017 của Thủ tướng Chính phủ" names the issuer itself;
            # reading it from the code as well would say it twice.
            rest = ""
        if doc_type is None:
            return _spaced(f"{m['so'] or ''}{head} {rest}")
        # "Nghị định 100/2019/NĐ-CP" already names the type: say it once, before the number.
        before = _before(m.string, m.start())
        abbreviations = [k for k, v in LEGAL_DOC_TYPES.items() if v == doc_type]
        # "Quy định số 124-QĐ/TW": the Party's QĐ is a Quy định as well as a Quyết định.
        also = ("Quy định",) if doc_type == "Quyết định" else ()
        named = "|".join(re.escape(w) for w in [doc_type, *abbreviations, *also])
        if re.search(rf"(?:{named})(?:\s+số)?\s*:?\s*$", before, re.IGNORECASE):
            # "Nghị định 100/…" and "NĐ 100/…" (read "nghị định" by the lexicon) name it.
            return _spaced(f"{m['so'] or ''}{head} {rest}")
        # "Số: 123/TB-UBND" → "Thông báo số một trăm hai mươi ba của …"
        return _spaced(f"{lead}{doc_type} {so}{head} {rest}")

    def code_first(m: re.Match[str]) -> str | None:
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        line_end = m.string.find("\n", m.end())
        line = m.string[line_start : len(m.string) if line_end < 0 else line_end]
        code = _read_code(m["code"], ctx, line.replace(m[0], " "))
        doc_type = LEGAL_DOC_TYPES[re.split(r"-", m["code"])[0]]
        if code is None or not code[0].startswith(doc_type):
            return None
        suffix, known = code
        named_after = _ISSUER_NAMED_AFTER.match(m.string, m.end()) is not None
        if not known and not named_after:
            ctx.warn(
                m.start("code"),
                m.end("code"),
                "mã văn bản có phần chưa biết, đang đánh vần",
                "a part of the document code is unknown; spelled out",
            )
        words = f"{doc_type} số {read_integer_string(m['num'], region=ctx.region)}"
        if m["year"]:
            words += ", năm " + ctx.number(int(m["year"]))
        rest = suffix[len(doc_type) :].strip()
        if rest and not named_after:
            words += f" {rest}"
        return _spaced(words)

    def form(m: re.Match[str]) -> str:
        parts = re.findall(r"[^/-]+", m["code"])
        return m["lead"] + _spaced(" ".join(spell(p, region=ctx.region) for p in parts))

    t.sub(_FORM, form, "spelling")
    t.sub(_STANDARD, standard, "legal")
    t.sub(_CODE_FIRST, code_first, "legal")
    t.sub(_LEGAL, repl, "legal")
    t.sub(_NUMBER_YEAR, lambda m: m["lead"] + number_year(m), "legal")


# --- 6b. roads -------------------------------------------------------------------------------

# "QL1A", "QL 14C", "ĐT.741", "Quốc lộ 1A": a road and its number, with the letter of a
# branch said by name ("quốc lộ một a"). "ĐT" is "điện thoại" before a dialled number:
# a road number has at most three digits and no second group ("ĐT 024 3822 …").
_ROAD_NAMES = {
    "QL": "quốc lộ", "ĐT": "đường tỉnh", "TL": "tỉnh lộ", "ĐH": "đường huyện",
    "HL": "hương lộ", "ĐX": "đường xã", "ĐCT": "đường cao tốc",
}  # fmt: skip
_ROAD = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<k>(?-i:QL|ĐT|TL|ĐH|HL|ĐX|ĐCT)\.?|(?:quốc lộ|tỉnh lộ|đường tỉnh|"
    r"đường huyện|hương lộ|đường xã)(?=[^\S\n]))[^\S\n]*(?P<n>\d{1,3})(?P<s>(?-i:[A-Z]))?"
    r"(?!\d|[.,]\d|[^\S\n]*[.-]?[^\S\n]*\d|[^\W\d_])",
    re.IGNORECASE,
)


_ROAD_WORD_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}đường[^\S\n]*$", re.IGNORECASE)
_CROP_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}(?:vụ|lúa)[^\S\n]*$", re.IGNORECASE)
# "Giống lúa ĐT8", "giống ĐT 100, ĐV 108": a variety's code is its letters and number, not a
# road ("đê tê tám"; was "đường tỉnh tám"). Codes listed before it keep the list going.
_VARIETY_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:giống|lúa|gạo|nếp|ngô|bắp)(?:[^\S\n]+(?:lúa|ngô|bắp|nếp|tẻ|lai|thuần))*"
    # the codes listed before may be spelled already ("ĐT8" → "đê tê tám", by the roads pass)
    rf"[^\S\n]+(?:(?:(?-i:[A-ZĐ]{{1,4}})[^\S\n]?\d{{1,6}}(?-i:[A-Z])?|(?-i:[a-zà-ỹđ]+)"
    rf"(?:[^\S\n]+(?-i:[a-zà-ỹđ]+)){{0,9}})[^\S\n]*(?:,|và|hoặc)[^\S\n]*)*$",
    re.IGNORECASE,
)


# Road signs (QCVN 41:2019/BGTVT): "biển báo cấm P.102", "biển W.207a", "R.301": the group
# letter by name and the number, never "phường một trăm linh hai".
_SIGN_CODE = r"(?-i:DP|IE|[PWRIS])\.[^\S\n]?\d{3}(?-i:[a-h])?(?![\w.]|,\d)"
_SIGNS = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>biển(?:[^\S\n]+{_L}+){{0,4}}?[^\S\n]+(?:số[^\S\n]+)?)"
    rf"(?P<list>{_SIGN_CODE}(?:[^\S\n]*(?:,|và|hoặc)[^\S\n]*{_SIGN_CODE})*)",
    re.IGNORECASE,
)


def _roads(t: TrackedText, ctx: _Context) -> None:
    def sign(m: re.Match[str]) -> str:
        def one(c: re.Match[str]) -> str:
            group, rest = c[0].split(".", 1)
            number = rest.strip()
            words = f"{spell_letters(group)} {read_integer_string(number[:3], region=ctx.region)}"
            return _spaced(words + (f" {spell_letters(number[3:])}" if number[3:] else ""))

        return m["lead"] + re.sub(_SIGN_CODE, one, m["list"])

    t.sub(_SIGNS, sign, "spelling")

    def repl(m: re.Match[str]) -> str | None:
        kind = m["k"].rstrip(".")
        if kind == "ĐT" and re.fullmatch(r"11[1-5]", m["n"]):
            return None  # "ĐT 113": the police line
        if kind == "ĐX" and _CROP_BEFORE.search(_before(m.string, m.start())):
            return None  # "lúa ĐX 12 ngày tuổi": the winter-spring crop (the curated list)
        if _VARIETY_BEFORE.search(_before(m.string, m.start(), 60)):
            return _spaced(spell(kind + m["n"] + (m["s"] or ""), region=ctx.region))
        name = _ROAD_NAMES.get(kind, kind)
        if name.startswith("đường ") and _ROAD_WORD_BEFORE.search(_before(m.string, m.start())):
            name = name.removeprefix("đường ")  # "Đường ĐT 978": "Đường tỉnh …", said once
        words = f"{name} {read_integer_string(m['n'], region=ctx.region)}"
        if m["s"]:
            words += " " + spell_letters(m["s"])
        return _spaced(words)

    t.sub(_ROAD, repl, "abbreviation")


# --- 6c. fuel grades -------------------------------------------------------------------------

# "RON 95-III", "E5 RON 92-II", "DO 0,05S-II": the Roman numeral after the hyphen is the
# emission level ("mức ba", as the standards write it); "S" after the sulphur content is
# the letter.
_FUEL = re.compile(
    rf"(?P<lead>(?:(?-i:RON|DO|E\d{{1,2}})|(?i:diesel|điêzen|dầu))[^\S\n]*)(?P<q>\d{{1,3}}(?:,\d+)?)(?P<s>(?-i:S))?"
    rf"(?:[^\S\n]*-[^\S\n]*(?P<r>{_ROMAN_WORD}))?(?!\w|[.,]\d)"
)


def _fuel(t: TrackedText, ctx: _Context) -> None:
    def repl(m: re.Match[str]) -> str | None:
        if not (m["s"] or m["r"]):
            return None  # "RON 95": the number pass reads it
        words = read_quantity(m["q"], region=ctx.region)
        if m["s"]:
            words += " ét"
        value = parse_roman(m["r"]) if m["r"] else None
        if value is not None:
            words += f" mức {ctx.number(value)}"
        return m["lead"] + _spaced(words)

    t.sub(_FUEL, repl, "unit")


# --- 6d. coordinates -------------------------------------------------------------------------

# Storm bulletins write positions without the degree sign: "17,5N-112,3E", "từ vĩ tuyến
# 15,0N đến 19,0N", "phía Tây kinh tuyến 115E", or with a letter o for it: "20,8oN; 108,7oE". A decimal glued to N or E is a coordinate;
# an integer, a spaced letter, S or W ("2,5W" is watts, "0,05S" sulphur) only next to a
# word that names one, or paired with a coordinate of the other axis.
_COORD_ONE = (
    r"(?P<{0}>\d{{1,3}}(?:[.,]\d{{1,2}})?)(?P<{0}sp>[^\S\n]?(?:[°º]|độ|(?<=\d)(?-i:o))?[^\S\n]?)"
    # "10°02'N", "105°47'30\"E": minutes (and seconds) after the degrees
    r"(?:(?<=[°º])(?P<{0}min>[0-5]?\d)[^\S\n]?['′’](?:(?P<{0}sec>[0-5]?\d)[^\S\n]?(?:\"|″|''))?"
    # "17,5°B – 112,3°Đ": the hemisphere by its Vietnamese initial, only after a degree sign
    r"[^\S\n]?)?(?P<{0}h>(?-i:[NSEW]|(?<=[°º])[BĐT]|(?<=[°º][^\S\n])[BĐT]))(?![\w°])"
)
_COORD = re.compile(
    rf"{_NUM_START}{_COORD_ONE.format('a')}(?:(?P<sep>[^\S\n]*(?:[-–;,/]|đến|và)[^\S\n]*)"
    rf"{_COORD_ONE.format('b')})?"
)
_COORD_WORDS = re.compile(
    r"(?:vĩ tuyến|kinh tuyến|vĩ độ|kinh độ|tọa độ|toạ độ|tâm bão|tâm áp thấp|vị trí)"
    r"[^.!?\n]{0,40}$",
    re.IGNORECASE,
)
_HEMISPHERES = {
    "N": "vĩ Bắc",
    "S": "vĩ Nam",
    "E": "kinh Đông",
    "W": "kinh Tây",
    "B": "vĩ Bắc",
    "Đ": "kinh Đông",
    "T": "kinh Tây",
}
_LATITUDES = "NSB"


def _coordinates(t: TrackedText, ctx: _Context) -> None:
    def one(m: re.Match[str], g: str) -> tuple[str, bool] | None:
        """(reading, sure without context) of coordinate g, or None if out of range."""
        value = float(m[g].replace(",", "."))
        if value > (90 if m[g + "h"] in _LATITUDES else 180):
            return None
        words = f"{read_quantity(m[g], region=ctx.region)} độ"
        if m[g + "min"]:
            words += f" {ctx.number(int(m[g + 'min']))} phút"
        if m[g + "sec"]:
            words += f" {ctx.number(int(m[g + 'sec']))} giây"
        words += f" {_HEMISPHERES[m[g + 'h']]}"
        # "15,8°N", "15 độ N": named a coordinate; a letter o ("20,8oN") only as a glued decimal
        degree = m[g + "sp"].strip() not in ("", "o")
        decimal_glued = m[g + "sp"] in ("", "o") and m[g + "h"] in "NE" and not m[g].isdigit()
        return words, degree or decimal_glued

    def repl(m: re.Match[str]) -> str | None:
        a = one(m, "a")
        b = one(m, "b") if m["b"] else None
        if a is None or (m["b"] and b is None):
            return None
        named = bool(_COORD_WORDS.search(_before(m.string, m.start(), 80)))
        if b is None:
            return _spaced(a[0]) if a[1] or named else None
        pair = (m["ah"] in _LATITUDES) != (m["bh"] in _LATITUDES)
        if not (a[1] and b[1]) and not named and not pair:
            return None
        sep = m["sep"].strip()
        if pair:  # "17,5N-112,3E": a position, latitude then longitude
            sep = sep if sep in (",", ";") else ","
        elif sep in ("-", "–"):  # "15,0N - 19,0N": from one to the other
            sep = "đến"
        return _spaced(f"{a[0]}{'' if sep in (',', ';') else ' '}{sep} {b[0]}")

    t.sub(_COORD, repl, "unit")


# --- 7. vehicle plates ----------------------------------------------------------------------

# "68B1-123.45", "29A-123.45", "51F 123.45", "30E1.234.56": province, series, number.
_PLATE = re.compile(
    r"(?<![\w/.,-])(?P<p>\d{2})-?(?P<s>[A-Z]{1,2}\d?)(?:[^\S\n]*[-.][^\S\n]*|[^\S\n]+)"
    r"(?P<n>\d{3}\.\d{2}|\d{4,5})(?![\w]|[.,]\d)"
)


# Fishing boats: "KG-91234-TS", "KG 90123 TS", "BTh-12345-TS", "QNa-90123-TS", "QNg …" (the
# province, a number, TS for thủy sản), as border guards read them: the letters, the digits
# one by one.
_BOAT = re.compile(
    r"(?<![\w-])(?P<p>(?-i:[A-ZĐ](?:[A-ZĐh]{1,2}|[A-ZĐ][a-z])))[^\S\n]*[-.]?[^\S\n]*"
    r"(?P<n>\d{4,5})"
    r"[^\S\n]*[-.]?[^\S\n]*(?P<ts>(?-i:TS))(?![\w])"
)


def _plates(t: TrackedText, ctx: _Context) -> None:
    def boat(m: re.Match[str]) -> str:
        letters = spell_letters(m["p"].upper())
        return _spaced(f"{letters}, {read_digits(m['n'])}, {spell_letters(m['ts'])}")

    t.sub(_BOAT, boat, "plate")
    t.sub(_PLATE, lambda m: _spaced(read_plate(m["p"], m["s"], m["n"])), "plate")


# --- 8. day ranges sharing a month ----------------------------------------------------------

_DAY_RANGE = re.compile(
    r"(?<![\d/.,])(?P<d1>\d{1,2})[^\S\n]*[-–][^\S\n]*(?P<d2>\d{1,2})/(?P<m>\d{1,2})"
    r"(?:/(?P<y>\d{4}))?(?![\d/]|[.,]\d)"
)


def _day_ranges(t: TrackedText, ctx: _Context) -> None:
    """ "ngày 3-5/12" → "ngày ba đến ngày năm tháng mười hai"."""

    def repl(m: re.Match[str]) -> str | None:
        d1, d2, month = int(m["d1"]), int(m["d2"]), int(m["m"])
        if not (d1 < d2 and _valid_date(d1, month) and _valid_date(d2, month)):
            return None
        words = "" if _DAY_WORD_BEFORE.search(_before(m.string, m.start())) else "ngày "
        words += f"{ctx.number(d1)} đến ngày {ctx.number(d2)} tháng "
        words += read_month(month, region=ctx.region)
        if m["y"]:
            words += " năm " + ctx.number(int(m["y"]))
        return _spaced(words)

    t.sub(_DAY_RANGE, repl, "range")


# --- 9. dates -------------------------------------------------------------------------------

_DAY_WORD_BEFORE = re.compile(r"(?:ngày|mùng|mồng)\s*$", re.IGNORECASE)
# "Từ 15.12 đến 20.12.2026": a dotted day and month opening a range whose other end is a dotted
# date with its year is a date too (was "mười lăm chấm mười hai").
_DOTTED_DATE_AFTER = re.compile(
    r"[^\S\n]*(?:đến|tới|-|–)[^\S\n]*(?:(?:ngày[^\S\n]+)?\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?!\d)"
    # the other end read already: "đến ngày hai mươi tháng mười hai năm …"
    r"|ngày(?:[^\S\n]+[^\W\d_]+){1,3}[^\S\n]+tháng[^\S\n])"
)
# "ngày 5, 6/12", "các ngày 10, 11, 12/12/2026": days listed before the one with its month.
# "thứ 7 và chủ nhật (13 và 14/12)": a bracket after a weekday opens the days like "ngày" (the
# first day was said bare, the second "ngày mười bốn tháng mười hai")
_DAY_LIST_BEFORE = re.compile(
    rf"(?:{_NO_LETTER_BEFORE}(?:ngày|mùng|mồng)[^\S\n]+|{_NO_LETTER_BEFORE}(?:thứ[^\S\n]+"
    r"(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|chủ[^\S\n]+nhật|(?-i:CN|T[2-7]))[^\S\n]*\([^\S\n]*)\d{1,2}"
    r"(?:[^\S\n]*(?:,|và)[^\S\n]*\d{1,2})*"
    r"[^\S\n]*(?:,|và|hoặc)[^\S\n]*$",
    re.IGNORECASE,
)
_MONTH_WORD_BEFORE = re.compile(r"tháng\s*$", re.IGNORECASE)
# The words of an occasion that make a "d/m" or "d-m" just after them a date ("dịp 2/9",
# "lễ 1-5", "Tết 1-1", "hôm 3/2"; "nhân dịp", "ngày lễ" end on them). One list for the three
# patterns below that need them.
_OCCASION_WORDS = r"dịp|lễ|tết|hôm"
# Words after which "d/m" is surely a date, whatever the numbers.
_DATE_CONTEXT_BEFORE = re.compile(
    # "chiều nay (05/12)", "sáng mai 06/12", "hôm nay 3/5" (but not "đến nay 9/9 ấp")
    # "Ngày mai 04/12:", "ngày kia 6/12" (was flagged as a fraction or a date)
    rf"{_NO_LETTER_BEFORE}(?:(?:sáng|trưa|chiều|tối|đêm|hôm)\s+(?:nay|mai|qua)|ngày\s+(?:mai|kia)|"
    r"ngày|mùng|mồng|sáng|trưa|chiều|tối|đêm|từ|đến|tới|và|hoặc|"
    rf"{_OCCASION_WORDS}|hạn|trước|sau|kể từ|vào|thứ\s+\w+|T[2-7]|CN|chủ nhật)\s*[,(]?\s*$"
    r"|[-–—]\s*$",
    re.IGNORECASE,
)
_DMY = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)"
    rf"(?P<y>\d{{4}}|(?<=/)\d{{2}}){_NUM_END}(?![/-]\d)"
)
_ISO = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_NUM_END}(?!-\d)"
)
_MY = re.compile(
    rf"(?:{_NUM_START}(?<![/-])|(?<![\w])T)(?P<m>\d{{1,2}})/(?P<y>\d{{4}}){_NUM_END}(?!/\d)"
)
_DM = re.compile(rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}}){_NUM_END}(?!/\w)")
# "tỷ lệ 1:2", "pha theo tỷ lệ 1:10", "bản đồ tỷ lệ 1/2000": a ratio ("một trên hai"), not
# a clock time or a month. A slash with a denominator under 100 stays a fraction ("phần").
_RATIO_WORDS = re.compile(
    # "nồng độ 1/200", "pha loãng 1:500": a dilution, like "tỷ lệ" (was flagged, "… trên …")
    # "độ dốc 1:3", "mái dốc 1:1,5", "phối trộn 1:3": a slope, a mix (was "một: ba")
    # "Pha Cloramin B (1:2)", "trộn vôi (1:10)": the ratio in brackets after what is mixed (was
    # "một: hai")
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:tỷ lệ|tỉ lệ|tỷ số|tỉ số|nồng độ|pha loãng|pha|độ dốc|"
    rf"mái dốc|phối trộn|trộn)(?:[^\S\n]+{_L}+){{0,3}}?"
    r"[^\S\n]*:?[^\S\n]*(?:\([^\S\n]*(?=[\d.,]+[^\S\n]*:[^\S\n]*[\d.,]+[^\S\n]*\)))?)"
    # "bản đồ tỷ lệ 1/2.000": the scale with its thousands dot (was flagged)
    rf"(?P<a>{_QUANTITY})[^\S\n]*(?::[^\S\n]*(?P<b>{_QUANTITY})|/(?P<c>\d{{1,3}}(?:\.\d{{3}})+|\d{{3,}})"
    # "tỷ lệ 3:2:1": not the first two parts of a chain (the ranges pass reads it)
    rf"{_NUM_END})(?![^\S\n]*:[^\S\n]*\d)",
    re.IGNORECASE,
)
# "Cloramin B (1:2)", "(1:1,5)", "(1:500)": a ratio alone in brackets, whatever names it, when
# it cannot be a clock (minutes take two digits) (was "một: hai").
# The words that name a ratio themselves, not only a verb of mixing ("pha", "trộn").
_RATIO_NAMED = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:tỷ lệ|tỉ lệ|tỷ số|tỉ số|nồng độ|độ dốc|mái dốc)|\(", re.IGNORECASE
)
_BRACKET_RATIO = re.compile(
    r"(?<=\()[^\S\n]*(?P<lead>)(?P<a>\d{1,3}(?:,\d{1,2})?)[^\S\n]*:[^\S\n]*"
    r"(?P<b>\d(?:,\d{1,2})?|\d{3,}|\d{1,3}(?:\.\d{3})+)(?P<c>)[^\S\n]*(?=\))"
)
# "Trộn cát và xi măng 3:1": a colon between numbers that cannot be a clock time (minutes take two
# digits) outside brackets is a ratio, "ba trên một" (was "ba: một"), sure when a word of mixing
# or of a ratio opens its clause, flagged otherwise ("kết quả 3:1" may be a score).
_BARE_RATIO = re.compile(
    # "Điều 3: 1. …", "Khoản 2: 3 người": a colon typed before a space only is a label's
    r"(?<![\w.,:(])(?P<a>\d{1,3}(?:,\d{1,2})?)(?::|[^\S\n]+:[^\S\n]+)"
    # two digits could be minutes ("1:10"): a ratio only in a clause of mixing (the callback)
    r"(?P<b>\d(?:,\d{1,2})?|\d{3,}|\d{1,3}(?:\.\d{3})+|[1-9]\d)(?![\w:]|[^\S\n]*:|[.,]\d)"
)
# "trộn cát, đá và xi măng theo tỷ lệ 3:2:1": three parts or more, said in turn after a pause like
# "NPK 20-20-15" (was "ba trên hai: một"); a clock with its seconds ("7:30:15") is no chain.
_COLON_CHAIN = re.compile(
    r"(?<![\w.,:])(?P<chain>\d{1,3}(?:,\d{1,2})?(?:(?::|[^\S\n]+:[^\S\n]+)\d{1,3}(?:,\d{1,2})?){2,})"
    r"(?![\w:]|[.,]\d)"
)
_CLOCK_WORD_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:lúc|vào|từ|đến|tới|trước|sau)[^\S\n]*$", re.IGNORECASE
)
_MIXING_CLAUSE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:tỷ lệ|tỉ lệ|nồng độ|pha loãng|pha|phối trộn|trộn|độ dốc|mái dốc|"
    r"bản đồ)"
    rf"{_NO_LETTER_AFTER}[^.;!?\n]*$",
    re.IGNORECASE,
)
# "ngày 15-12", "ngày 1.12", "từ 15-12 đến 20-12": a day and a month without a year.
_DM_DASH = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})(?P<sep>[-.])(?P<m>\d{{1,2}}){_NUM_END}(?![-/.]\d)"
)
# "d-m" with no "ngày" before it is a date when the words around say so: an occasion just
# before ("nhân dịp 2-9", "lễ 1-5", "Tết 1-1", "kỷ niệm 19-5"), "là ngày" after ("20-11 là
# ngày Nhà giáo Việt Nam"), a date just before it in a list ("30-4 và 1-5"), or a holiday's
# pair with an occasion in the same sentence ("Ngày Thương binh - Liệt sĩ 27-7"). A
# quantity after it ("5-11 tuổi", "2-4m", "7-9 giờ") keeps it a range.
# "kỷ niệm 19-5", "(chào) mừng 3-2": a celebration, also just before a date.
_CELEBRATION_WORDS = r"kỷ niệm|kỉ niệm|mừng"
_OCCASION = (
    rf"{_OCCASION_WORDS}|{_CELEBRATION_WORDS}|ngày hội|mít tinh|thành lập|truyền thống|quốc khánh"
)
_NAMED_DAY = re.compile(
    # "Ngày hội Đại …"; "Ngày toàn dân PCCC 04/10", "Ngày toàn dân đưa trẻ đến trường 5/9"
    r"(?<![^\W_])(?-i:Ngày)[^\S\n]+(?:(?-i:hội|lễ)[^\S\n]+)?(?:(?-i:[A-ZĐ])|toàn[^\S\n]+dân)"
    r"|(?<![^\W_])(?i:ngày)[^\S\n]+(?i:hội|lễ)[^\S\n]*$"  # "ngày hội 8/3", "ngày lễ 2/9"
)
# "Ngày bầu cử 15/3/2026", "ngày khai giảng 5/9": the event's day is named, its date says no
# second "ngày" (was "Ngày bầu cử ngày mười lăm tháng ba").
_EVENT_DAY = re.compile(
    r"(?<![^\W_])ngày[^\S\n]+(?:bầu cử|bỏ phiếu|khai giảng|tựu trường|nhập học|giao nhận quân|"
    r"giao quân|nhập ngũ|ra quân|khai mạc|bế mạc|thi|hội trại|tổng điều tra)[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE,
)
_OCCASION_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:{_OCCASION_WORDS}|{_CELEBRATION_WORDS})[^\S\n]*$", re.IGNORECASE
)
_OCCASION_NEAR = re.compile(rf"{_NO_LETTER_BEFORE}(?:{_OCCASION})(?!{_L})", re.IGNORECASE)
_DATE_AFTER = re.compile(
    r"[^\S\n]*(?:[,(][^\S\n]*)?(?:là[^\S\n]+(?:ngày|dịp|lễ|tết|hạn)|hằng năm|hàng năm|"
    r"năm[^\S\n]+\d{4}|(?:âm|dương)[^\S\n]+lịch|(?-i:ÂL))(?!\w)",
    re.IGNORECASE,
)
_DATE_LISTED_BEFORE = re.compile(
    r"(?<![\d/.,-])(?P<d>\d{1,2})(?P<sep>[-/])(?P<m>\d{1,2})[^\S\n]*(?:,|và|hoặc|đến|tới|[-–])"
    r"[^\S\n]*$",
    re.IGNORECASE,
)
_READ_DATE_LISTED_BEFORE = re.compile(
    r"tháng(?:[^\S\n]+(?:một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)){1,2}[^\S\n]*"
    r"(?:,|và|hoặc|đến|tới|[-–])[^\S\n]*$"
)
_COUNTED_AFTER = re.compile(
    rf"[^\S\n]*(?:[%°]|(?:m|cm|mm|km|m2|m3|ha|kg|g|tấn|tạ|lít|l|mét|giờ|h|phút|giây|tuổi|"
    rf"ngày|tuần|tháng|năm(?![^\S\n]+(?:\d|nay|này|tới|sau|trước|ngoái))|người|hộ|lần|cấp|độ|tầng|lớp|bậc|điểm|triệu|tỷ|"
    rf"nghìn|ngàn|trăm|chục|cháu|học sinh|thôn|mũi|liều)(?!{_L}))",
    re.IGNORECASE,
)
# "Ngày Thế giới phòng, chống HIV/AIDS 1/12": the comma of "phòng, chống" joins the two
# verbs of one name, it ends no clause.
_JOINED_VERBS = re.compile(r"(?<![^\W_])(phòng),[^\S\n]*(?=chống(?![^\W_]))", re.IGNORECASE)


def _clause_before(text: str, start: int) -> str:
    """The clause that ends at start (up to 60 characters), as date rules read it."""
    before = _JOINED_VERBS.sub(r"\1 ", _before(text, start, 60))
    return re.split(r"[,.!?;:\n]", before)[-1]


_HOLIDAYS = frozenset({
    (1, 1), (9, 1), (3, 2), (27, 2), (8, 3), (10, 3), (26, 3), (30, 4), (1, 5), (7, 5),
    (19, 5), (1, 6), (28, 6), (27, 7), (19, 8), (2, 9), (10, 10), (13, 10), (15, 10),
    (20, 10), (18, 11), (20, 11), (22, 12), (23, 12),
})  # fmt: skip
_MONTH = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<word>tháng)\s+(?P<m>\d{{1,2}}){_NUM_END}", re.IGNORECASE
)
# "vào tháng 3-4", "từ tháng 5-8/2026": two months, "tháng ba đến tháng tư (năm …)" (was
# "tháng ba âm bốn": the dash was read as a minus).
_MONTH_RANGE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<word>tháng)[^\S\n]+(?P<a>\d{{1,2}})[^\S\n]*[-–][^\S\n]*"
    rf"(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}))?{_NUM_END}(?![/-]\d)",
    re.IGNORECASE,
)
# "Đợt 1-2 năm 2026", "tổ 1-4", "mũi 1-2": numbered things, a range of them, never a date
# (the year after it made "đợt 1-2 năm 2026" the first of February).
_SERIES_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:đợt|lần|kỳ|kì|quý|tuần|khóa|khoá|lớp|tầng|tổ|thôn|ấp|xóm|khu phố|"
    r"điều|khoản|mục|trang|phòng|cấp|khu vực|vòng|bảng|hiệp|mũi|liều|giai đoạn)[^\S\n]*$",
    re.IGNORECASE,
)
# "30/4 - 1/5", "15/12/2022 – 20/12/2022": the ranges pass comes after dates and would no
# longer see digits on both sides, so a dash between two dates becomes "đến" here.
# "15.12 - 20.12.2026": dotted dates the same way (the dash was left between the two dates).
_DATE_DASH = re.compile(
    r"(?<=\d)(?P<left>/\d{1,2}(?:/\d{4})?|\.\d{1,2}(?=[^\S\n]*[-–—][^\S\n]*\d{1,2}\.\d{1,2}\.(?:19|20)\d\d))"
    r"[^\S\n]*[-–—][^\S\n]*(?=\d{1,2}[/.]\d)"
)
# "tháng 12/2026 - 01/2027": two months of two years, "đến" (the dash was left, a pause).
_MONTH_YEAR_DASH = re.compile(
    r"(?<![\d/])(?P<left>\d{1,2}/\d{4})[^\S\n]*[-–—][^\S\n]*(?=\d{1,2}/\d{4}(?![\d/]))"
)
# "các ngày 15,16/12", "ngày 10,11,12/12": days listed with the comma glued, as "ngày 15, 16/12"
# (was read as a decimal, "mười lăm phẩy mười sáu trên mười hai", and flagged).
_GLUED_DAY_LIST = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:ngày|mùng|mồng)[^\S\n]+)"
    r"(?P<days>\d{1,2}(?:,\d{1,2})+)(?=/\d{1,2}(?!\d))",
    re.IGNORECASE,
)
# "01/6 đến 30/6" (the dash already read): the first of two dates joined as a range.
_DATE_RANGE_AFTER = re.compile(
    r"[^\S\n]*(?:đến|tới)[^\S\n]+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/]|[.,]\d)"
)
# "2/3 số hộ", "chiếm 1/4", "giảm 1/2": a fraction, not the 2nd of March.
_FRACTION_AFTER = re.compile(
    r"\s+(?:số|tổng|diện tích|dân số|lượng|kinh phí|thời gian|quân số)\b", re.IGNORECASE
)
_FRACTION_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:chiếm|khoảng|gần|hơn|giảm|tăng|bằng|mất|còn|chỉ|đạt|tỷ lệ|tỉ lệ|"
    r"được|phần)\s*$",
    re.IGNORECASE,
)
# "3/5 thôn", "9/9 ấp", "8/10 trường hợp": so many of a total ("ba trên năm thôn"), not the
# 3rd of May, when what is counted follows and no date word stands before.
_TOTAL_COUNTED_AFTER = re.compile(
    r"[^\S\n]+(?:thôn|ấp|xã|phường|thị trấn|bản|buôn|sóc|làng|tổ|khu phố|khóm|khu dân cư|"
    r"hộ|người|trường|lớp|tiêu chí|chỉ tiêu|đơn vị|chi bộ|chi đoàn|chi hội|học sinh|cháu|trẻ|"
    r"đảng viên|đoàn viên|hội viên|thành viên|hồ sơ|trường hợp|thí sinh|cơ sở|doanh nghiệp|"
    r"hợp tác xã|nhóm|đội|công trình|tuyến|mô hình|dự án|cán bộ|công chức|đại biểu|cử tri|"
    r"phiếu|xe|tàu|thuyền|cửa hàng|điểm|nội dung|huyện|tỉnh|ngành|sao|tiêu chuẩn|nhiệm vụ|"
    rf"môn|câu|trận|ván|giải|huy chương)(?!{_L})",
    re.IGNORECASE,
)
# "đạt 3/4 tiêu chí", "2/3 thôn", "hoàn thành 3/4 chỉ tiêu": places, bodies and items of a
# list are counted one by one, so even a small total is "ba trên bốn tiêu chí" (was "ba phần
# bốn", a share); people and households keep the share ("1/3 học sinh", "2/3 hộ"), and so does one
# part of a place ("1/2 xã bị ngập": half the commune).
_ITEM_COUNTED_AFTER = re.compile(
    r"[^\S\n]+(?:thôn|ấp|xã|phường|thị trấn|bản|buôn|sóc|làng|tổ|khu phố|khóm|khu dân cư|"
    r"trường|lớp|tiêu chí|chỉ tiêu|tiêu chuẩn|nhiệm vụ|đơn vị|chi bộ|chi đoàn|chi hội|cơ sở|"
    r"hợp tác xã|công trình|tuyến|mô hình|dự án|cửa hàng|điểm|nội dung|huyện|tỉnh|ngành|sao|"
    rf"môn|câu|trận|ván|giải|huy chương)(?!{_L})",
    re.IGNORECASE,
)
# "nghỉ 1/2 ngày", "1/2 tháng lương", "sau 1/2 năm": half of a span of time, "nửa". Not
# before a year ("1/2 năm 2026", "từ 1/2 năm nay", "1/2 năm Bính Ngọ") or a month ("1/2
# tháng 3"): the first of February.
_HALF_OF = re.compile(
    r"[^\S\n]+(?:ngày|buổi|tháng(?![^\S\n]+\d)|giờ|tiếng|tuần|ca|"
    r"năm(?![^\S\n]+(?:\d|nay|này|ngoái|tới|sau|trước|(?-i:[A-ZĐ]))))"
    rf"(?!{_L})",
    re.IGNORECASE,
)
# "sau 1/2 năm", "trong vòng 1/2 tháng": words of a span that make "1/2" before a span "nửa"
# though they also stand before dates ("sau 15/6"). Not "từ", "đến", "tới" ("từ 1/2 năm học
# mới" starts on the first of February), nor a day word or a weekday.
_HALF_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:sau|trước|trong|vòng|hết|còn|hơn|gần|khoảng|mất)\s*$",
    re.IGNORECASE,
)
# "khoảng 1/3 - 1/2 diện tích", "chiếm 1/4 đến 1/3 số hộ": the second end of a range of
# fractions (the dash already read "đến") is a fraction like the first, not a date after "đến"
# ("một phần ba đến ngày một tháng hai", silently).
_FRACTION_RANGE_BEFORE = re.compile(
    r"(?<![\d/.,])(?P<d>\d{1,2})/(?P<m>\d{1,2})[^\S\n]*(?:đến|tới)[^\S\n]*$"
)
# "uống 1/2 liều", "1/4 viên": a part of a dose or a portion ("nửa liều"; was flagged as a
# fraction or a date).
_PORTION_AFTER = re.compile(
    rf"[^\S\n]+(?:liều|viên|gói|chén|bát|cốc|ly|thìa|muỗng|suất|ống|lọ)(?!{_L})", re.IGNORECASE
)
# "lớp 8/12", "thị lực 10/10", "điểm thi 7,5/10": out of a total, "tám trên mười hai".
_OUT_OF_BEFORE = re.compile(
    # "tổng thị lực 2 mắt đạt 18/20", "Thị lực mắt không kính đạt 9/10": up to four words after "thị lực"
    # "bậc 3/6": a level of a six-level scale (khung năng lực ngoại ngữ 6 bậc; was a date, flagged)
    rf"{_NO_LETTER_BEFORE}(?:lớp|thị lực(?:[^\S\n]+\w+){{0,4}}|mắt phải|mắt trái|hạng|mũi|bậc|"
    r"điểm(?:[^\S\n]+(?:thi|trung bình|"
    r"bình quân))?(?:[^\S\n]+đạt)?"
    # "GPA 3.2/4", "IELTS 6.5", "(GPA) từ 3,2/4", "TOEFL iBT 60": a score of a test or a grade
    # average (its dot a decimal point; "ba chấm hai, bốn", "sáu chấm năm" before)
    r"|(?:GPA|giê pê a|IELTS|ai-en|TOEFL(?: iBT)?|tô-phồ(?: i bê tê)?|TOEIC|tô-ích|VSTEP|vê-xtép)"
    r"[^\S\n]*(?:[,:()][^\S\n]*)*(?:(?:từ|đạt|tối thiểu|tối đa|là|khoảng|trên|dưới)(?!\w))?"
    r")[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE,
)
# "các lớp 10/1, 10/2 và 11/3": classes listed after the first are classes too, whatever a list
# of dates would say (were "ngày mười tháng hai và ngày mười một tháng ba").
_CLASS_LIST_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}lớp[^\S\n]+(?:\d{{1,2}}/\d{{1,2}}[^\S\n]*(?:,|;|và)[^\S\n]*)+$",
    re.IGNORECASE,
)
# The words before a house number. "SN" (số nhà) is added below: any case before a "d/m"
# that would otherwise be a date, upper case only to start a house number of its own.
# "trụ 471/45", "Cột 471/45/12", "Trụ số 12/3": a pole of a power line is numbered like a house,
# its feeder and its place on it ("bốn trăm bảy mươi mốt trên bốn mươi lăm"; "12/3" was the
# twelfth of March, a third part flagged).
_HOUSE_WORDS = (
    r"số nhà|nhà số|căn hộ|hẻm|ngõ|ngách|kiệt"
    r"|(?:trụ|cột)(?:[^\S\n]+(?:điện|hạ thế|trung thế)){0,2}(?:[^\S\n]+số)?"
)
# "số nhà 5/12", "hẻm 51/3": an address, "năm trên mười hai".
_ADDRESS_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}(?:{_HOUSE_WORDS}|SN|sn)\s*$", re.IGNORECASE)


# "hẻm 123/4", "số nhà 12A/3/5": every part of a house number, "trên" between them.
_HOUSE_PARTS = r"\d{1,4}(?-i:[A-Z])?(?:/\d{1,4}(?-i:[A-Z])?)+"
_HOUSE_NUMBER = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:{_HOUSE_WORDS}|(?-i:SN))[^\S\n]*)"
    rf"(?P<num>{_HOUSE_PARTS})(?![\w/]|[.,]\d)",
    re.IGNORECASE,
)
# "Số 12/3A Lê Lợi", "Căn hộ 12/3A": a letter glued to the last part is a house or an
# apartment, never a date ("ngày mười hai tháng ba A"), whatever word comes before. So is one
# glued to the first part: "Số 18A/2 ấp Phú Hòa" (was "mười tám A, hai").
_LETTERED_HOUSE = re.compile(
    r"(?<![\w/.,-])(?P<lead>)(?P<num>\d{1,4}(?:/\d{1,4})*/\d{1,4}(?-i:[A-Z])"
    r"|\d{1,4}(?-i:[A-Z])(?:/\d{1,4}(?-i:[A-Z])?)+)(?![\w/]|[.,]\d)"
)

# "123/45/6 Lê Văn Sỹ", "Địa chỉ: 245/12 Nguyễn Trãi": numbers joined by slashes before a
# street's name are a house in an alley, "trên" between them, when they cannot be a date: two
# slashes without a year, or a day above 31 or a month above 12 (was "…, sáu", flagged).
_HOUSE_BEFORE_STREET = re.compile(
    r"(?<![\w/.,-])(?P<lead>)(?P<num>\d{1,4}(?-i:[A-Z])?(?:/\d{1,4}(?-i:[A-Z])?)+)"
    r"(?=[^\S\n]+(?:(?:đường|phố)[^\S\n]+)?(?-i:[A-ZĐ]))"
)

# "số 12/3 ngõ 45", "Số 5/2 hẻm 17": numbers joined by a slash before an alley are the house in
# it, whatever they could be otherwise (was "số ngày mười hai tháng ba ngõ …").
_HOUSE_BEFORE_ALLEY = re.compile(
    r"(?<![\w/.,-])(?P<lead>)(?P<num>\d{1,4}(?-i:[A-Z])?(?:/\d{1,4}(?-i:[A-Z])?)+)"
    r"(?=,?[^\S\n]+(?:ngõ|ngách|hẻm|kiệt)[^\S\n]+\d)",
    re.IGNORECASE,
)

# "trực 24/24h", "hoạt động 24/24": round the clock, "hai mươi tư trên hai mươi tư (giờ)".
# 24 is never a month, so no date is taken ("24/12" stays a date; "24/7" is decided below).
_ROUND_THE_CLOCK = re.compile(
    rf"{_NUM_START}(?<![/-])24/24(?:[^\S\n]?(?P<h>h|giờ)(?!{_L}))?(?![\d/]|[.,]\d)"
)


# "Mực nước lúc 19h/24/10": hydrological bulletins write the hour, a slash, then the day and
# month: "mười chín giờ ngày hai mươi tư tháng mười" (was "… giờ, hai mươi tư trên mười").
_CLOCK_SLASH_DATE = re.compile(
    rf"{_NUM_START}(?P<t>(?:[01]?\d|2[0-4])[hHg](?:[0-5]\d)?)/(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
    rf"(?:/(?P<y>\d{{4}}))?{_NUM_END}(?!/\d)"
)


# "Lượng mưa từ 19h/8 đến 19h/9", "lúc 7h/10": the hour, a slash, then the day alone (of
# this month), "mười chín giờ ngày tám" (was "mười chín giờ, tám"). Only after từ, đến, lúc,
# hồi, tới or a bracket or dash, so a rate ("cách 4h/1 lần") is left; a dash glued between
# two of them is "đến".
_CLOCK_SLASH_DAY = re.compile(
    rf"(?P<lead>(?:(?<![^\W_])(?i:từ|đến|lúc|hồi|tới)|[(\-–])[^\S\n]*)"
    rf"(?P<t>(?:[01]?\d|2[0-4])[hH](?:[0-5]\d)?)/(?P<d>\d{{1,2}}){_NUM_END}(?!/\d)"
)


# "Năm học 2025/2026", "mùa vụ 2025/2026": two years close together are a span, like the dash.
_YEAR_SPAN = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<a>(?:19|20)\d\d)/(?P<b>(?:19|20)\d\d){_NUM_END}(?!/)"
)


# Streets and places named after a date: "đường 3/2", "Đường 30-4", "cầu 2/9" are "đường ba
# tháng hai" (the name, no "ngày"), never a fraction or a range. But "tổ dân phố 5-6", "khu
# phố 1-2" with the smaller number first are a range of numbered quarters.
_QUARTER_OF_TOWN = re.compile(r"(?:dân|khu)[^\S\n]+$", re.IGNORECASE)
_STREET_DATE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:đường|phố|cầu|công viên|quảng trường)[^\S\n]+)"
    r"(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?![\d/-]|[.,]\d)",
    re.IGNORECASE,
)


# "xếp thứ 2/15", "đứng thứ 3/12 xã", "thứ 5/20": a rank out of so many ("thứ hai trên mười lăm";
# was "thứ hai, mười lăm" or a date). A day and month that make a date need the verb of the rank.
_RANK_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:(?P<verb>xếp|xếp hạng|đứng|giữ|vươn lên|tụt xuống|tụt)[^\S\n]+)?"
    r"thứ[^\S\n]*$",
    re.IGNORECASE,
)
# "lần thứ 2/3", "giải thứ 3/10": an ordinal of a thing, no weekday.
_ORDINAL_NOUN_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:lần|hạng|giải|đợt|khóa|khoá|kỳ|kì|người|con|cháu|tầng|đội|bước|vị trí)"
    r"[^\S\n]+thứ[^\S\n]*$",
    re.IGNORECASE,
)
# "vào ngày thứ Bảy 6/12", "ngày CN 7/12", "ngày Chủ nhật, 7/12": the weekday's "ngày" is the date's
# too (was "ngày thứ Bảy ngày sáu tháng mười hai").
_WEEKDAY_DAY_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}ngày[^\S\n]+(?:thứ[^\S\n]+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ[^\S\n]+nhật|"
    r"CN|T[2-7])[^\S\n]*,?[^\S\n]*$",
    re.IGNORECASE,
)
# "ngày 15 / 12", "từ 15 / 12 / 2026 đến …": a date typed with spaces round its slashes (on a phone)
# after a date word (was "mười lăm, mười hai", a pause for each slash).
_SPACED_SLASH_DATE = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})(?:[^\S\n]+/[^\S\n]*|/[^\S\n]+)(?P<m>\d{{1,2}})"
    rf"(?:[^\S\n]*/[^\S\n]*(?P<y>(?:19|20)\d\d))?{_NUM_END}(?![^\S\n]*/)"
)
# "Ngày 10 - 12 - 2026", "05 – 01 – 2027": a day, a month and a year joined by spaced dashes or en
# dashes are a date (was "mười đến mười hai đến hai nghìn …"); three numbers ending on a year make
# no range. "10-12-2026" is read by _DMY.
_SPACED_DASH_DATE = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})(?P<s1>[^\S\n]*[-–][^\S\n]*)(?P<m>\d{{1,2}})"
    rf"(?P<s2>[^\S\n]*[-–][^\S\n]*)(?P<y>(?:19|20)\d\d){_NUM_END}(?![^\S\n]*[-–/][^\S\n]*\d)"
)
# "từ ngày 1-12 đến 15-12", "từ 1-12 đến ngày 5-12-2026": a day and a month joined by a dash at
# either end of a span of dates are both dates (the first was "một đến mười hai", flagged).
_DASH_DATE_AFTER = re.compile(
    r"[^\S\n]*(?:đến|tới)[^\S\n]+(?:(?:ngày[^\S\n]+)?(?P<d>\d{1,2})-(?P<m>\d{1,2})"
    r"(?:-(?:19|20)\d\d)?(?![\d-]|[.,]\d)"
    # the other end read already: "đến ngày mười lăm tháng mười hai năm …"
    r"|ngày(?:[^\S\n]+[^\W\d_]+){1,3}[^\S\n]+tháng[^\S\n])",
    re.IGNORECASE,
)
_DASH_DATE_BEFORE = re.compile(
    r"(?<![\d/.,-])(?P<d>\d{1,2})-(?P<m>\d{1,2})[^\S\n]+(?:đến|tới)[^\S\n]+(?:ngày[^\S\n]+)?$",
    re.IGNORECASE,
)
# "ngày 10-12": one day's "ngày", not "các ngày", "hai ngày", "những ngày" (several days).
_DATE_DAY_BEFORE = re.compile(r"(?<![^\W_])(?<!\d)(?<!\d )ngày[^\S\n]*$", re.IGNORECASE)
_DAYS_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:các|những|mấy|vài|hai|ba|bốn)[^\S\n]+ngày[^\S\n]*$", re.IGNORECASE
)
# "Thôn 1,2,3", "Điều 5,6,7", "khoản 1,2": numbers listed with the comma glued are a list
# ("thôn một, hai, ba"; was "một phẩy hai, ba"). Three or more, or two after a numbered thing; a
# leading zero ("0,5") or a group of three digits ("1,250,000") is no list.
_COMMA_LIST = re.compile(
    r"(?<![\w.,/-])(?P<lead>)(?P<items>[1-9]\d?(?:,[1-9]\d?){2,})(?![\w/-]|[.,]\d)"
)
_SERIES_COMMA = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:thôn|tổ|ấp|xóm|bản|khóm|khu phố|khoản|điều|mục|chương|đợt|"
    r"lần|lớp|tầng|phòng|mũi|đội|lô|tiết|câu|bài|tuần|cụm)[^\S\n]+)(?P<items>[1-9]\d?,[1-9]\d?)"
    r"(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)


def _valid_date(day: int, month: int) -> bool:
    return (
        1 <= day <= 31
        and 1 <= month <= 12
        and not (month == 2 and day > 29)
        and not (month in (4, 6, 9, 11) and day > 30)
    )


# "6/1 âm lịch", "23/12 (ÂL)": the lunar calendar names its first and last months.
# A year named by its stem and branch ("năm Bính Ngọ") is a lunar year too.
_CAN_CHI = (
    r"năm[^\S\n]+(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)[^\S\n]+"
    r"(?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)"
)
_LUNAR_AFTER = re.compile(
    rf"[^\S\n]*[,(]?[^\S\n]*(?:âm[^\S\n]+lịch|(?-i:ÂL|âl)|{_CAN_CHI})(?!\w)", re.IGNORECASE
)
_LUNAR_MONTHS = {1: "Giêng", 12: "Chạp"}


def _month_name(month: int, text: str, end: int | None, region: str) -> str:
    """The word after "tháng": "tháng Giêng", "tháng Chạp" in the lunar calendar."""
    if end is not None and month in _LUNAR_MONTHS and _LUNAR_AFTER.match(text, end):
        return _LUNAR_MONTHS[month]
    return read_month(month, region=region)


def _say_date(
    text: str,
    start: int,
    day: int,
    month: int,
    year: str | None,
    ctx: _Context,
    *,
    prefix: str | None = None,
    end: int | None = None,
) -> str:
    if prefix is None:
        before = _before(text, start)
        listed = (
            _DAY_WORD_BEFORE.search(before)
            or _DAY_LIST_BEFORE.search(before)
            or _NAMED_DAY.search(before[-12:])  # "ngày hội 8/3": "ngày" is said already
            or _EVENT_DAY.search(before[-40:])  # "Ngày bầu cử 15/3/2026"
            or _WEEKDAY_DAY_BEFORE.search(before)  # "ngày thứ Bảy 6/12"
        )
        prefix = "" if listed else "ngày "
    words = prefix
    words += f"{ctx.number(day)} tháng {_month_name(month, text, end, ctx.region)}"
    if year is not None:
        words += " năm " + ctx.number(int(year))
    return _spaced(words)


def _weekday_of(day: int, month: int, year: str | None) -> bool:
    """Whether day/month/year falls on "thứ <day>" (thứ 2 is Monday … thứ 7 Saturday)."""
    if year is None or len(year) != 4:
        return False
    try:
        return datetime.date(int(year), month, day).weekday() == day - 2
    except ValueError:
        return False


def _dates(t: TrackedText, ctx: _Context) -> None:
    def weekday_date(m: re.Match[str], day: int, month: int, year: str | None) -> Out | None:
        """ "họp vào thứ 7/12", "Thứ 2/12/2026": a weekday whose number is also the day of its
        date, "thứ bảy, ngày bảy tháng mười hai" (was "thứ ngày bảy …", the weekday lost, and
        flagged without a year); "xếp thứ 7/12", "thứ 7/12 xã" keep the rank."""
        before = _before(m.string, m.start())
        rank = _RANK_BEFORE.search(before)
        if (
            rank is None
            or rank["verb"]
            or _ORDINAL_NOUN_BEFORE.search(before)
            or not 2 <= day <= 7
            or not _valid_date(day, month)
            or _TOTAL_COUNTED_AFTER.match(m.string, m.end())
        ):
            return None
        if not _weekday_of(day, month, year):
            # the one number is taken for both the weekday and the day: sure only when the
            # year says that day is that weekday ("thứ 7/11/2026": Saturday 7 November 2026);
            # otherwise every digit is said, and the author checks which was meant
            ctx.warn(
                m.start(),
                m.end(),
                f"thứ {day} và ngày {day}/{month} viết chung một số: kiểm tra lại thứ và ngày",
                f"weekday {day} and the date {day}/{month} share one number: check both",
            )
        date = _say_date(m.string, m.start(), day, month, year, ctx, prefix="ngày ", end=m.end())
        return Out(_spaced(f"{read_ordinal(day, region=ctx.region)}, {date.strip()}"), "date")

    def full(m: re.Match[str]) -> str | Out | None:
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            ctx.warn(m.start(), m.end(), "ngày tháng không hợp lệ", "not a valid date")
            return None
        weekday = weekday_date(m, day, month, m["y"])
        if weekday is not None:
            return weekday
        return _say_date(m.string, m.start(), day, month, m["y"], ctx, end=m.end())

    def month_year(m: re.Match[str]) -> str | None:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return None
        prefix = "" if _MONTH_WORD_BEFORE.search(_before(m.string, m.start())) else "tháng "
        return _spaced(
            f"{prefix}{read_month(month, region=ctx.region)} năm " + ctx.number(int(m["y"]))
        )

    def fraction(m: re.Match[str]) -> Out:
        return Out(_spaced(f"{ctx.number(int(m['d']))} phần {ctx.number(int(m['m']))}"), "fraction")

    def day_month(m: re.Match[str]) -> str | Out | None:
        day, month = int(m["d"]), int(m["m"])
        before = _before(m.string, m.start())
        if _ADDRESS_BEFORE.search(before):
            return Out(_spaced(f"{ctx.number(day)} trên {ctx.number(month)}"), "number")
        weekday = weekday_date(m, day, month, None)
        if weekday is not None:
            return weekday
        rank = _RANK_BEFORE.search(before)
        if rank and 0 < day <= month and (rank["verb"] or not _valid_date(day, month)):
            ordinal = read_ordinal(day, region=ctx.region)
            return Out(_spaced(f"{ordinal} trên {ctx.number(month)}"), "number")
        # "(tức 2/12 âm lịch)": the calendar after it says date.
        class_list = _CLASS_LIST_BEFORE.search(before)
        sure = not class_list and bool(
            _DATE_CONTEXT_BEFORE.search(before)
            or _DAY_LIST_BEFORE.search(before)
            or _DATE_AFTER.match(m.string, m.end())
        )
        out_of = _OUT_OF_BEFORE.search(before) or class_list
        counted = _TOTAL_COUNTED_AFTER.match(m.string, m.end())
        if 0 < day < month and fraction_range_end(m, before, counted is not None):
            return fraction(m)
        if not sure and 0 < day < month and _PORTION_AFTER.match(m.string, m.end()):
            return Out(" nửa ", "fraction") if (day, month) == (1, 2) else fraction(m)
        if not sure and not out_of and counted and day > month and _valid_date(day, month):
            # "Hạn chót 15/6 hộ dân phải nộp": no part exceeds its total, so a date.
            sure = True
        if not sure and (out_of or counted):
            # one of them ("1/3 lớp", "1/2 xã bị ngập") is still a share of the place
            items = day > 1 and _ITEM_COUNTED_AFTER.match(m.string, m.end())
            if not out_of and not items and 0 < day < month <= 4:
                return fraction(m)  # "1/3 học sinh", "2/3 hộ": a part of them
            return Out(_spaced(f"{ctx.number(day)} trên {ctx.number(month)}"), "number")
        if not sure and (
            _FRACTION_AFTER.match(m.string, m.end()) or _FRACTION_BEFORE.search(before)
        ):
            return fraction(m) if 0 < day < month else None
        half_before = _HALF_BEFORE.search(before) and not _DATE_AFTER.match(m.string, m.end())
        if (
            (not sure or half_before)
            and (day, month) == (1, 2)
            and _HALF_OF.match(m.string, m.end())
        ):
            return Out(" nửa ", "fraction")  # "nghỉ 1/2 ngày": half a day
        if not sure and (day, month) == (24, 7):  # "trực 24/7": round the clock
            # said short like a name, "hai tư trên bảy" ("hai bốn" in the south)
            four = ctx.number(24).split()[-1]
            return Out(_spaced(f"hai {four} trên {ctx.number(7)}"), "number")
        if not _valid_date(day, month):
            return None  # read as "a trên b" by the numbers pass, which flags it
        event = _EVENT_DAY.search(before[-40:]) is not None  # "Ngày khai giảng 5/9": a date
        clause = _clause_before(m.string, m.start())
        # "Ngày Quốc khánh 2/9", "Ngày Pháp luật 9/11" name their day: a date, and "ngày" is
        # not said again ("Ngày Môi trường thế giới 5/6" was flagged as a fraction or a date).
        # "Ngày toàn dân PCCC 04/10 hằng năm": a date word after it ("hằng năm") does not make
        # the day unnamed; one before it ("từ ngày", "Thứ Hai") does.
        sure_before = bool(_DATE_CONTEXT_BEFORE.search(before) or _DAY_LIST_BEFORE.search(before))
        named = not sure_before and _NAMED_DAY.search(re.split(r"\d", clause)[-1]) is not None
        if sure or event or named or day >= month or holiday_named(m, day, month):
            return _say_date(
                m.string,
                m.start(),
                day,
                month,
                None,
                ctx,
                prefix="" if named else None,
                end=m.end(),
            )
        if m["d"][0] == "0" or range_of_dates(m):
            # "(01/6 - 30/6)": a day padded with a zero, or a day that a range of dates opens, is
            # no fraction (was flagged)
            return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        # "1/4" with nothing around it: a fraction or the first of April?
        ctx.warn(m.start(), m.end(), "phân số hay ngày tháng", "a fraction or a date")
        if month <= 4:
            return fraction(m)
        return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())

    def fraction_range_end(m: re.Match[str], before: str, counted: bool) -> bool:
        """ "khoảng 1/3 - 1/2 diện tích": the second end of a range whose first end is a
        fraction (a fraction word before it, or a share of something after the range)."""
        prev = _FRACTION_RANGE_BEFORE.search(before)
        if prev is None or not 0 < int(prev["d"]) < int(prev["m"]):
            return False
        ahead = before[: prev.start()]
        if _DATE_CONTEXT_BEFORE.search(ahead) or _DAY_LIST_BEFORE.search(ahead):
            return False  # "từ 1/3 đến 1/4": two dates
        return bool(
            _FRACTION_BEFORE.search(ahead)
            or _FRACTION_AFTER.match(m.string, m.end())
            or (counted and int(m["m"]) <= 4)
        )

    def range_of_dates(m: re.Match[str]) -> bool:
        """ "01/6 - 30/6": the second end is a date too (not "1/2 đến 2/3 số hộ")."""
        after = _DATE_RANGE_AFTER.match(m.string, m.end())
        return bool(
            after
            and _valid_date(int(after["d"]), int(after["m"]))
            and not _FRACTION_AFTER.match(m.string, after.end())
            and not _TOTAL_COUNTED_AFTER.match(m.string, after.end())
        )

    def holiday_named(m: re.Match[str], day: int, month: int) -> bool:
        """A holiday's date with its occasion in the clause: "Quốc khánh 2/9", "mừng 3/2"."""
        clause = _clause_before(m.string, m.start())
        return (day, month) in _HOLIDAYS and bool(
            _OCCASION_NEAR.search(clause) or _DATE_AFTER.match(m.string, m.end())
        )

    def dash_date_span(m: re.Match[str], before: str, context: bool) -> bool:
        """ "từ ngày 1-12 đến 15-12": a span from one "d-m" to another (either end)."""
        after = _DASH_DATE_AFTER.match(m.string, m.end())
        if context and after is not None:
            if after["d"] is None:
                return True  # the other end is a date read already
            end = _COUNTED_AFTER.match(m.string, after.end())
            return end is None and _valid_date(int(after["d"]), int(after["m"]))
        prev = _DASH_DATE_BEFORE.search(before)
        return bool(
            prev is not None
            and _valid_date(int(prev["d"]), int(prev["m"]))
            and _DATE_CONTEXT_BEFORE.search(before[: prev.start()])
        )

    def listed_after_a_date(before: str) -> bool:
        last = _DATE_LISTED_BEFORE.search(before)
        if last is None:
            return bool(_READ_DATE_LISTED_BEFORE.search(before))  # "15/4 đến", read already
        pair = (int(last["d"]), int(last["m"]))
        # Only after an item that is itself a date: "cấp 6-7, 8-9" lists two ranges.
        return last["sep"] == "/" or pair[0] >= pair[1] or pair in _HOLIDAYS

    def day_month_dash(m: re.Match[str]) -> str | None:
        day, month = int(m["d"]), int(m["m"])
        before = _before(m.string, m.start())
        if not _valid_date(day, month):
            return None
        if m["sep"] != "." and day < month and _SERIES_BEFORE.search(before):
            return None
        context = _DATE_CONTEXT_BEFORE.search(before)
        if m["sep"] == ".":
            dated_range = context and _DOTTED_DATE_AFTER.match(m.string, m.end())
            if not (context and _DAY_WORD_BEFORE.search(before)) and not dated_range:
                return None  # "từ 1.5": a decimal, not the first of May
            return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        if _OCCASION_BEFORE.search(before):
            return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        if _COUNTED_AFTER.match(m.string, m.end()):
            return None  # "từ 7-9 giờ", "5-11 tuổi", "2-4 m": a range of a quantity
        if dash_date_span(m, before, context is not None):
            return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        clause = _clause_before(m.string, m.start())
        if _NAMED_DAY.search(re.split(r"\d", clause)[-1]):
            # "Ngày Nhà giáo Việt Nam 20-11" names its day: "ngày" is not said again.
            return _say_date(m.string, m.start(), day, month, None, ctx, prefix="", end=m.end())
        holiday = (day, month) in _HOLIDAYS
        if (
            _DATE_AFTER.match(m.string, m.end())  # "20-11 là ngày Nhà giáo"
            or listed_after_a_date(before)  # "30-4 và 1-5", "15/4 đến 1-5"
            or holiday_named(m, day, month)  # "kỷ niệm 79 năm … 27-7", "Quốc khánh 2-9"
            or (context and day >= month)
        ):
            return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        if _DATE_DAY_BEFORE.search(before) and not _DAYS_BEFORE.search(before):
            # "ngày 10-12", "Ngày 2-9": "ngày" names one day, so the tenth of December (was read
            # "mười đến mười hai" and flagged); "các ngày 10-12", "mùng 1-3" stay days
            return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        if day < month and (_DAY_WORD_BEFORE.search(before) or (holiday and context)):
            # "ngày 10-12": the 10th to the 12th, or the 10th of December? "ngày 2-9", "vào
            # 1-5": a holiday's date most likely, but the author should check.
            ctx.warn(m.start(), m.end(), "khoảng ngày hay ngày tháng", "days or a date")
            if holiday:
                return _say_date(m.string, m.start(), day, month, None, ctx, end=m.end())
        return None

    def month_range(m: re.Match[str]) -> str | None:
        a, b = int(m["a"]), int(m["b"])
        if not 1 <= a < b <= 12:
            return None
        words = f"{m['word']} {_month_name(a, m.string, None, ctx.region)} đến tháng "
        words += _month_name(b, m.string, m.end(), ctx.region)
        if m["y"]:
            words += " năm " + ctx.number(int(m["y"]))
        return _spaced(words)

    def month_word(m: re.Match[str]) -> str | None:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return None
        return f"{m['word']} {_month_name(month, m.string, m.end(), ctx.region)} "

    def ratio(m: re.Match[str]) -> str | None:
        if m["b"] and re.fullmatch(r"[0-5]\d", m["b"]) and _CLOCK_WORD_BEFORE.search(m["lead"]):
            return None  # "Pha thuốc lúc 1:30": a clock time in a clause of mixing
        if (
            m["b"]
            and re.fullmatch(r"[0-5]\d", m["b"])
            and re.fullmatch(r"[2-9]|1\d|2[0-3]", m["a"])
            and not _RATIO_NAMED.search(m["lead"])
        ):
            # "Pha thuốc 2:15": a verb of mixing but no word naming a ratio, and no term is 1 as
            # in the ratios officials write ("1:10", "3:1"): it may as well be a quarter past
            # two. Read as the ratio, flagged (was read so without a word).
            ctx.warn(
                m.start() + len(m["lead"]),
                m.end(),
                "đang đọc là tỉ lệ “… trên …”: kiểm tra lại (tỉ lệ pha hay giờ)",
                "read as a ratio “… over …”: check it (a mixing ratio or a clock time)",
            )
        a = read_quantity(m["a"], region=ctx.region)
        b = read_quantity(m["b"] or m["c"], region=ctx.region)
        return f"{m['lead']}{_spaced(f'{a} trên {b}')}"

    def house(m: re.Match[str]) -> str:
        parts = []
        for part in m["num"].split("/"):
            digits, letter = part.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), part.lstrip("0123456789")
            parts.append(read_integer_string(digits, region=ctx.region))
            if letter:
                parts[-1] += " " + spell_letters(letter)
        return m["lead"] + _spaced(" trên ".join(parts))

    def street(m: re.Match[str]) -> str | None:
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            return None
        if day < month and _QUARTER_OF_TOWN.search(_before(m.string, m.start())):
            return None  # "tổ dân phố 5-6": quarters five to six
        return m["lead"] + _spaced(
            f"{ctx.number(day)} tháng {read_month(month, region=ctx.region)}"
        )

    def round_the_clock(m: re.Match[str]) -> Out:
        # said short like "24/7": "hai tư trên hai tư" ("hai bốn" in the south)
        short = "hai " + ctx.number(24).split()[-1]
        words = f"{short} trên {short}" + (" giờ" if m["h"] else "")
        return Out(_spaced(words), "number")

    def year_span(m: re.Match[str]) -> str | None:
        a, b = int(m["a"]), int(m["b"])
        if not 0 < b - a <= 10:
            return None
        return _spaced(f"{ctx.number(a)} đến {ctx.number(b)}")

    def clock_date(m: re.Match[str]) -> str | None:
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            return None
        date = _say_date(m.string, m.start(), day, month, m["y"], ctx, prefix="ngày ", end=m.end())
        return m["t"] + date

    def spaced_slash_date(m: re.Match[str]) -> str | None:
        day, month = int(m["d"]), int(m["m"])
        before = _before(m.string, m.start())
        if not _valid_date(day, month) or not _DATE_CONTEXT_BEFORE.search(before):
            return None
        return _say_date(m.string, m.start(), day, month, m["y"], ctx, end=m.end())

    def comma_list(m: re.Match[str]) -> str | None:
        if _COUNTED_AFTER.match(m.string, m.end()):
            return None  # "1,2,3 m", "khoản 1,2 triệu": not a list of numbered things
        return m["lead"] + ", ".join(m["items"].split(","))

    t.sub(_SERIES_COMMA, comma_list, None)
    t.sub(_COMMA_LIST, comma_list, None)
    t.sub(_SPACED_SLASH_DATE, spaced_slash_date, "date")

    def spaced_dash_date(m: re.Match[str]) -> str | None:
        if m["s1"] == m["s2"] == "-":
            return None  # "10-12-2026": _DMY's
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            return None
        return _say_date(m.string, m.start(), day, month, m["y"], ctx, end=m.end())

    t.sub(_SPACED_DASH_DATE, spaced_dash_date, "date")
    t.sub(_CLOCK_SLASH_DATE, clock_date, "date")

    def clock_day(m: re.Match[str]) -> str | None:
        day = int(m["d"])
        if not 1 <= day <= 31:
            return None
        lead = m["lead"]
        if lead.strip() in ("-", "–") and m.start() > 0 and not m.string[m.start() - 1].isspace():
            lead = " đến "  # "(19h/8-19h/9)": from one to the other
        return f"{lead}{m['t']} ngày {ctx.number(day)} "

    t.sub(_CLOCK_SLASH_DAY, clock_day, "date")
    t.sub(_YEAR_SPAN, year_span, "range")
    t.sub(_MONTH_RANGE, month_range, "range")
    t.sub(_ROUND_THE_CLOCK, round_the_clock)
    t.sub(_HOUSE_NUMBER, house, "number")

    def lettered_house(m: re.Match[str]) -> str | Out:
        # "4G/5G", "3G/4G": every part a known name (the curated list reads it), so things
        # listed with a slash, a pause between them, not a house ("bốn giê trên năm giê")
        if all(part in curated() or part in ctx.lexicon for part in m["num"].split("/")):
            return Out(m["num"].replace("/", ", "), "typography")
        return house(m)

    t.sub(_LETTERED_HOUSE, lettered_house, "number")

    def house_before_street(m: re.Match[str]) -> str | None:
        parts = [int(p.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for p in m["num"].split("/")]
        if any(len(p.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == 4 for p in m["num"].split("/")[1:]):
            return None  # "12/3/2026 Ủy ban …": a date
        if len(parts) == 2 and _valid_date(parts[0], parts[1]):
            return None  # "15/12 Ủy ban …" may be a date: left to the dates pass
        if _DATE_CONTEXT_BEFORE.search(_before(m.string, m.start())):
            return None
        return house(m)

    t.sub(_HOUSE_BEFORE_STREET, house_before_street, "number")

    def house_before_alley(m: re.Match[str]) -> str | None:
        if any(len(p) == 4 for p in m["num"].split("/")[1:]):
            return None  # "12/3/2026 ngõ 5 …": a date
        if _DATE_CONTEXT_BEFORE.search(_before(m.string, m.start())):
            return None  # "ngày 12/3 ngõ 45 bị ngập"
        return house(m)

    t.sub(_HOUSE_BEFORE_ALLEY, house_before_alley, "number")
    t.sub(_STREET_DATE, street, "date")
    t.sub(_RATIO_WORDS, ratio, "fraction")
    t.sub(_BRACKET_RATIO, ratio, "fraction")
    t.sub(_DATE_DASH, r"\g<left> đến ", "range")
    t.sub(_MONTH_YEAR_DASH, r"\g<left> đến ", "range")
    t.sub(
        _GLUED_DAY_LIST,
        lambda m: (
            m["lead"] + ", ".join(m["days"].split(","))
            if all(1 <= int(d) <= 31 for d in m["days"].split(","))
            else None
        ),
        None,
    )
    t.sub(_DMY, full, "date")
    t.sub(_ISO, full, "date")
    t.sub(_MY, month_year, "date")
    t.sub(_DM, day_month, "date")
    t.sub(_DM_DASH, day_month_dash, "date")
    t.sub(_MONTH, month_word, "date")


# --- 10. phone numbers ----------------------------------------------------------------------

# One dialled number: "0912 345 678", "0237.3852.123", "+84 912 345 678", "113". At least
# three digits, so "điện thoại 2 chiếc" stays a count.
# A bracketed area or country code may open it: "(0296) 3852 123", "(+84) 296 3852 123",
# "(028).3829.1234", "(84-28) 3829 1234".
_AREA_CODE = r"\((?:\+?84(?:[ .-]?0?\d{1,3})?|0\d{1,3})\)[^\S\n]*[.-]?[^\S\n]*"
# "0912 . 345 . 678": a dot typed with a space on each side still joins the groups of one number
# (a phone keyboard's autocorrect spaces them; the groups were read as three numbers).
_SPACED_DOT = r"[^\S\n]+\.[^\S\n]+(?=\d{3})"
# "0296 3 852 113": a one-digit group inside the number, before another group.
_DIALLED = (
    # "ĐT: 84-905-123-456": the country code without its plus, after a phone word only
    rf"(?:{_AREA_CODE}\d+|(?:\+84[ .-]?|84[ .-](?=\d{{3}}))?\d{{3,}})"
    rf"(?:(?:[.-]|{_SPACED_DOT})\d+| \d{{2,}}| \d(?= \d{{2,}}))*"
)
# "gọi" is also "kêu gọi 500 thanh niên": after it only numbers that look dialled.
# "gọi 115 hoặc 0235 3 123 456": a one-digit group as in _DIALLED.
_CALLED = (
    rf"(?:(?:\+84|0|1[89]00)[ .-]?\d+(?:(?:[.-]|{_SPACED_DOT})\d+| \d{{2,}}| \d(?= \d{{2,}}))*|11[1-5]"
    # "Gọi 1022 để phản ánh": a four-digit switchboard (1022, 1080, 1088) when nothing it could
    # count follows (was "một nghìn không trăm hai mươi hai"); "kêu gọi 1050 hộ" stays a count
    r"|10\d\d(?!\d|[.,]\d)(?=[^\S\n]*(?:[.,;:!?()]|$|(?:khi|để|nếu|miễn|ngay|hoặc|và)(?![^\W\d_]))))"
)
# "… 3852 123 - 3852 124": a spaced dash between two dialled numbers lists them too.
_LIST_SEP = r"[^\S\n]*(?:,|;|/|hoặc|và|(?<=\s)[-–](?=\s))[^\S\n]*"
# After these words every number of the list is dialled, so it is read digit by digit.
# "ĐT/Zalo:", "Điện thoại/Fax:": other channels of the same number may follow the label.
_PHONE_CHANNELS = r"(?:[^\S\n]*/[^\S\n]*(?:zalo|viber|fax|tel|đt|điện thoại|di động)(?!\w))*"
_PHONE_TRIGGER = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:số điện thoại|điện thoại|đt|sđt|hotline|đường dây nóng|"
    # "ĐT liên hệ:", "Điện thoại di động:": what the number is for may follow the word ("ĐT" was
    # spelled and flagged before "liên hệ")
    rf"tổng đài|fax|số máy){_PHONE_CHANNELS}"
    r"(?:[^\S\n]+(?:liên hệ|liên lạc|di động|cố định|bàn|cơ quan|trực ban|trực))?"
    r"(?:\s+là|\s+số)?\s*:?\s*)"
    rf"(?P<num>{_DIALLED}{_NUM_END}(?:{_LIST_SEP}{_DIALLED}{_NUM_END})*)",
    re.IGNORECASE,
)
# Account, tax and identity numbers are read digit by digit like a phone number.
_MONEY_UNITS = r"đồng|đ|VNĐ|VND|vnđ|triệu|nghìn|ngàn|tỷ|tỉ"
_DIGIT_CODE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:số tài khoản|tài khoản|(?-i:STK|MST)|mã số thuế|"
    # "Tài khoản nhận tiền: 1023456789", "tài khoản ngân hàng:": words naming the account, a colon
    # (the number was read as "một tỷ không trăm hai mươi ba triệu …")
    rf"tài khoản(?:[^\S\n]+{_L}+){{1,3}}[^\S\n]*:|"
    # "Mã số BHXH: …", "số thẻ BHYT …", "mã BHXH": the identifier of a body's card or book
    r"(?:mã số|mã|số thẻ|số sổ|số)[^\S\n]+(?-i:BHXH|BHYT)|"
    r"mã số|mã hồ sơ|mã bưu chính|số định danh(?: cá nhân)?|số căn cước(?: công dân)?|"
    # "Căn cước công dân số: 001 203 004 567", "CMND số 012345678", "Hộ chiếu số: C1234567": the
    # card named before "số" (the groups were read as numbers, "một hai trăm linh ba …")
    r"(?:căn cước|thẻ căn cước)(?: công dân)?\s+số|chứng minh (?:nhân dân|thư)(?:\s+số)?|"
    r"(?:số\s+)?hộ chiếu(?:\s+số)?|"
    r"(?-i:CCCD|CMND)(?:\s+số)?|số (?-i:CCCD|CMND))(?:\s+là|\s+số)?\s*:?\s*)"
    rf"(?P<num>\d{{4,}}(?:[ .-]\d{{2,}})*"
    # "Số tài khoản 123 456 789 000", "MST: 0 123 456 789": grouped by spaces from a short head
    # (was "một trăm hai mươi ba bốn trăm …", silently); a balance with its dots keeps its amount
    rf"|(?=(?:\d[ \u00a0]?){{6}})\d{{1,3}}(?:[ \u00a0]\d{{2,4}})+){_NUM_END}"
    rf"(?![^\S\n]?(?:{_MONEY_UNITS}){_NO_LETTER_AFTER})",
    re.IGNORECASE,
)
# "Mã hồ sơ: H12.34-241201-0001", "mã tra cứu 000.00.12.H12-…": a code of capitals and
# digits with separators, read like an address (letters by name, digits one by one, "chấm",
# "gạch ngang").
_LABELLED_CODE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:mã hồ sơ|mã số hồ sơ|mã biên nhận|mã tra cứu|mã số|mã)"
    r"[^\S\n]*:?[^\S\n]*)(?P<code>(?-i:[A-Z0-9]+(?:[.\-/][A-Z0-9]+)+))(?![\w\-/]|\.\w)",
    re.IGNORECASE,
)
# "mã trường 02", "mã tỉnh 01", "Mã đề 132", "mã ngành 7340101", "số báo danh 02012345": the
# code of a school, a province, an exam paper, a course of study is said digit by digit (was "mã
# trường hai", "mã đề một trăm ba mươi hai"). A number without a padding zero and under three
# digits stays a number ("mã trường 15").
_NAMED_CODE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:mã[^\S\n]+(?:trường|tỉnh|huyện|xã|quận|ngành|đề|đề thi|môn|"
    r"hội đồng(?: thi)?|cụm thi|điểm thi|lớp|học sinh|thí sinh|sinh viên|nhân viên|bưu điện)"
    r"|số báo danh|SBD)[^\S\n]*(?:là|số)?[^\S\n]*:?[^\S\n]*)"
    rf"(?P<num>0\d+|\d{{3,}}){_NUM_END}(?![^\S\n]?(?:{_MONEY_UNITS}|%){_NO_LETTER_AFTER})",
    re.IGNORECASE,
)
# "Giấy chứng nhận QSDĐ số BĐ 123456", "số seri: AA 012345", "số phát hành CS 654321": the serial
# of a land certificate (or a licence, a diploma) is its letters and its digits one by one (was "bê
# đê một trăm hai mươi ba nghìn …", BĐ flagged as a flood level without its number).
_SERIAL = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:số[^\S\n]+(?:seri|sê-ri|serial|phát hành)|seri|sê-ri|số)"
    r"[^\S\n]*:?[^\S\n]*)(?P<letters>(?-i:[A-ZĐ]{1,3}))[^\S\n]?(?P<num>\d{5,8})(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)
_SERIAL_CONTEXT = re.compile(
    r"(?:giấy chứng nhận|(?-i:GCN|GCNQSDĐ|QSDĐ|QSDĐ)|sổ đỏ|sổ hồng|giấy phép|chứng chỉ|văn bằng|"
    r"bằng tốt nghiệp|phôi|seri|sê-ri|phát hành)[^.;!?\n]*$",
    re.IGNORECASE,
)
# "Mã OTP là 6 số: 123456", "gửi mã 4 số 1234", "mã xác thực 482915": a one-time code is said
# digit by digit, as it is typed (was "một trăm hai mươi ba nghìn …").
_SECRET_CODE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>mã(?:[^\S\n]+(?:(?-i:OTP|PIN)|xác thực|xác nhận|kích hoạt|"
    r"bảo mật|giao dịch))?(?:[^\S\n]+(?:là|gồm|có))?"
    r"(?P<len>[^\S\n]+\d{1,2}[^\S\n]+(?:chữ[^\S\n]+)?số)?[^\S\n]*:?[^\S\n]*)"
    r"(?P<num>\d{4,8})(?![\d\w]|[.,]\d)",
    re.IGNORECASE,
)
_CALL = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>gọi(?:\s+ngay)?(?:\s+(?:số|cho|tới|đến))?\s*:?\s*)"
    rf"(?P<num>{_CALLED}{_NUM_END}(?:{_LIST_SEP}{_CALLED}{_NUM_END})*)",
    re.IGNORECASE,
)
_LINE_COUNTED_WORDS = (
    r"cuộc|lượt|tin|ý kiến|phản ánh|kiến nghị|đơn|người|hộ|trường hợp|vụ|lần|giờ|ngày|năm|"
    r"thôn|xã|đơn vị|cơ quan|bản|cán bộ|đồng"
)
# A text message's syntax: "Soạn tin UH gửi 1407", "Cú pháp tin nhắn: TC gửi 5656", "nhắn tin
# theo cú pháp DK V90 gửi 9191". The keywords are typed letter by letter, so they are spelled
# (and not flagged as unknown abbreviations); the short number they go to is dialled, digit by
# digit (was "một nghìn bốn trăm linh bảy", the keywords flagged).
_SMS = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:soạn(?:[^\S\n]+tin(?:[^\S\n]+nhắn)?)?|nhắn[^\S\n]+tin|"
    r"cú pháp(?:[^\S\n]+tin[^\S\n]+nhắn)?)(?:[^\S\n]+theo[^\S\n]+cú[^\S\n]+pháp)?"
    r"[^\S\n]*:?[^\S\n]*)"
    r"(?P<body>(?:(?-i:[A-Z][A-Z0-9]{0,9})[^\S\n]+){1,4})"
    r"(?P<to>gửi[^\S\n]+(?:(?:đến|tới)[^\S\n]+)?(?:(?:số|đầu số|tổng đài)[^\S\n]+)?)"
    # "Soạn KH gửi 150 hộ dân": a count, not a number to text
    # "Soạn DK VNEID gửi 1900 1234": a 1900 number in its two groups (the second was "một nghìn
    # hai trăm ba mươi tư")
    r"(?P<num>1[89]00[ .-]\d{4}(?:[ .-]\d{2})?|\d{3,5})"
    rf"{_NUM_END}(?![^\S\n]*(?:(?:{_LINE_COUNTED_WORDS}){_NO_LETTER_AFTER}|[%‰°]))",
    re.IGNORECASE,
)
# "Tổng đài dịch vụ công 1022", "Đường dây nóng của huyện: 1088": a short number after the
# name of the line is dialled, "một không hai hai" (was "một nghìn không trăm hai mươi hai");
# a count after it ("Tổng đài đã tiếp nhận 1500 cuộc gọi") stays a number.
_LINE_COUNTED = (
    r"cuộc|lượt|tin|ý kiến|phản ánh|kiến nghị|đơn|người|hộ|trường hợp|vụ|lần|giờ|ngày|năm"
)
_NAMED_LINE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:tổng đài|đường dây nóng|hotline)(?:[^\S\n]+{_L}+){{1,6}}"
    r"[^\S\n]*:?[^\S\n]*)"
    # not the first group of a longer number ("Tổng đài CSKH: 1900 1909")
    rf"(?P<num>1\d{{2,3}}){_NUM_END}(?![ .-]?\d)"
    rf"(?![^\S\n]*(?:(?:{_LINE_COUNTED}){_NO_LETTER_AFTER}|[%‰°]))",
    re.IGNORECASE,
)
_LINE_NOT_NUMBER = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:năm|tháng|ngày|khoảng|gần|hơn|trên|dưới|tổng cộng|nhận|xử lý|"
    r"giải quyết|có|đạt|gồm|với)[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE,
)
_PHONE_ABBREVIATION = re.compile(r"^(?:ĐT|Đt|đt)(?!\w)")
_YEAR_ALONE = re.compile(r"(?:19|20)\d\d")
_DIALLED_ITEM = re.compile(rf"{_DIALLED}|{_CALLED}")
_MOBILE = re.compile(
    rf"{_NUM_START}(?P<num>(?:\+84[ .-]?|0)\d{{2,3}}(?:[ .-]?\d{{3,4}}){{2}}"
    rf"|(?:\+84[ .-]?|0)\d{{2,3}}(?:{_SPACED_DOT}\d{{3,4}}){{2}}"
    # "0297.3.853.113": a southern landline, its first local digit apart
    rf"|(?:\+84[ .-]?|0)\d{{3}}[ .-]\d[ .-]\d{{3}}[ .-]\d{{3}}"
    # "02353 812 345", "02363.822.123": the area code written with the first local digit
    rf"|0\d{{4}}[ .-]\d{{3}}[ .-]\d{{3}}"
    # "0905 12 34 56", "0905-12-34-56": a mobile in pairs after its first four digits (the spaced
    # pairs were read as numbers, "mười hai ba mươi tư năm mươi sáu", unflagged)
    rf"|(?:\+84[ .-]?\d{{3}}|0\d{{3}})(?P<sep>[ .-])\d\d(?:(?P=sep)\d\d){{2}}){_NUM_END}"
)
_AREA_PHONE = re.compile(
    rf"(?<![\w(])(?P<num>{_AREA_CODE}\d{{1,4}}(?:[ .-]?\d{{2,4}}){{1,3}}){_NUM_END}"
)
# Scam warnings print a caller's number half hidden: "0983.xxx.xxx", "069.xxxx.xxx",
# "098****123". Digits are read one by one, a hidden place by its mark ("ích", "sao"), and
# the number is flagged (was "sáu mươi chín.xxxx.xxx").
_MASKED_PHONE = re.compile(
    # a landline's exchange digit may stand alone: "0262.3.852.xxx"
    # The groups repeat possessively: a separator is optional, so a long run of digits followed
    # by a letter could be split in exponentially many ways before failing (a script hung).
    rf"{_NUM_START}(?P<num>(?:\+84[ .-]?|0)\d{{2,4}}(?:[ .-]?(?:\d{{1,4}}|[xX*]{{2,4}}))++"
    # "Tổng đài 1900 xxxx", "1800.xx.xx": a service number's hidden places (were left as "xxxx")
    r"|1[89]00(?:[ .-]?(?:\d{1,4}|[xX*]{2,4}))++)"
    r"(?![\w*])"
)
_MASK_NAMES = {"x": "ích", "X": "ích", "*": "sao"}
# "giờ Việt Nam, GMT+7", "UTC+07:00": a time zone's offset, "cộng bảy" (was "và bảy").
_TIME_ZONE = re.compile(
    r"(?<![^\W_])(?P<zone>(?-i:GMT|UTC))[^\S\n]*(?P<sign>[+\-−])[^\S\n]*(?P<h>\d{1,2})"
    r"(?::00)?(?![\d:])"
)
# "+1 (202) 555-0123" (a foreign caller in a scam warning): the area code may be bracketed
# (was "cộng một, hai trăm linh hai, năm trăm năm mươi lăm đến …").
_PLUS_DIALLED = re.compile(
    rf"{_NUM_START}(?<!\+)\+\d{{1,3}}(?:[ .-]?\(\d{{1,4}}\)(?=[ .-]\d)|[ .-]\d{{1,4}})+{_NUM_END}"
)
_SERVICE = re.compile(rf"{_NUM_START}(?P<num>1[89]00[ .-]?\d{{3,4}}(?:[ .-]?\d{{2,4}})?){_NUM_END}")
# 111 (child protection), 112 (rescue), 113 (police), 114 (fire), 115 (ambulance): dialled,
# unless a noun follows ("113 hộ dân" counts households). Words that count nothing may follow:
# "gọi 112 khi cần cứu nạn, 113 khi cần công an", "Các số 113, 114, 115 miễn phí" (the
# second and the last were "một trăm mười ba", "một trăm mười lăm").
_NOT_COUNTED = rf"(?:khi|để|nếu|miễn phí|ngay)(?!{_L})"
_EMERGENCY = re.compile(
    rf"{_NUM_START}(?P<num>11[1-5]){_NUM_END}(?!\s*(?:(?!{_NOT_COUNTED}){_L}|[%‰°]))",
    re.IGNORECASE,
)
# "phía Tây kinh tuyến 112,", "Điều 113.", "phòng 114": a line, an article, a room, no call.
_NUMBERED_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:kinh tuyến|vĩ tuyến|kinh độ|vĩ độ|điều|khoản|chương|mục|trang|"
    r"phòng|lô|thửa|tờ|thôn|tổ|khu|km|quốc lộ|tỉnh lộ|đường tỉnh|đường huyện)[^\S\n]*$",
    re.IGNORECASE,
)
# "Cấp cứu 115 miễn phí", "báo cháy 114 ngay": after the name of its own service the number
# is dialled, whatever follows (but "cứu hộ 112 người" counts people).
_SERVICE_NUMBERS = {"111": "bảo vệ trẻ em", "112": "cứu nạn|cứu hộ|tìm kiếm cứu nạn",
                    "113": "công an|cảnh sát", "114": "cứu hỏa|chữa cháy|báo cháy|PCCC",
                    "115": "cấp cứu|cứu thương"}  # fmt: skip
_EMERGENCY_NAMED = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<svc>{'|'.join(_SERVICE_NUMBERS.values())})[^\S\n]*:?[^\S\n]*"
    rf"(?P<num>11[1-5]){_NUM_END}(?![^\S\n]*(?:người|hộ|ca|trường hợp|lượt|vụ|phương tiện)"
    rf"{_NO_LETTER_AFTER})",
    re.IGNORECASE,
)


# "đầu số +84", "mã quốc gia +855, +86": a country code alone is dialled, "cộng tám bốn". So
# after "số nước ngoài", "đầu số quốc tế (…)", "số lạ như": "cuộc gọi từ số nước ngoài (+855,
# +63...)" (the first was "tám trăm năm mươi lăm", its plus flagged and dropped).
_COUNTRY_CODES = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:đầu số|mã quốc gia|mã vùng|số)"
    r"(?:[^\S\n]+(?:điện thoại|thuê bao|máy))?(?:[^\S\n]+(?:nước ngoài|quốc tế|lạ))?"
    r"[^\S\n]*[:(]?[^\S\n]*(?:(?:như|là|có|gồm)[^\S\n]+)?)"
    r"(?P<list>\+\d{1,3}(?:[^\S\n]*(?:,|và|hoặc)[^\S\n]*\+\d{1,3})*)(?![\d.,]?\d)",
    re.IGNORECASE,
)


def read_phone(raw: str) -> str:
    """Digit by digit, with a comma (a pause) between the written groups."""
    prefix = ""
    raw = raw.replace("(", "").replace(")", " ")  # "(0296) 3852": the brackets group
    if raw.startswith("+"):
        prefix, raw = "cộng ", raw[1:]
    groups = [g for g in re.split(r"[\s.-]+", raw) if g]
    if len(groups) == 1 and len(groups[0]) == 8 and groups[0][:4] in ("1800", "1900"):
        groups = [groups[0][:4], groups[0][4:]]  # "19001006": "một chín không không, …"
    elif len(groups) == 1 and len(groups[0]) in (10, 11):
        # Unseparated mobile numbers are said 4-3-3 (or 4-3-4), the way people dictate them.
        g = groups[0]
        groups = [g[:4], g[4:7], g[7:]]
    return prefix + ", ".join(read_digits(g) for g in groups)


# "Kết quả xổ số … Giải đặc biệt: 123456; Giải nhất: 45678": a winning number is said digit by
# digit, as the lottery companies read them (was "một trăm hai mươi ba nghìn …"). Only where the
# text speaks of a lottery; a prize in money ("Giải nhất: 10 triệu đồng") keeps its amount.
_LOTTERY_PRIZE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>giải[^\S\n]+(?:đặc biệt|ĐB|nhất|nhì|ba|tư|năm|sáu|bảy|tám|"
    r"khuyến khích|phụ đặc biệt|[1-8])[^\S\n]*[:\-–]?[^\S\n]*)"
    r"(?P<nums>\d{2,6}(?:[^\S\n]*[-–,;][^\S\n]*\d{2,6})*)(?![\d.,]\d|\d)"
    rf"(?![^\S\n]*(?:đồng|đ|triệu|nghìn|ngàn|tỷ|tỉ|%|điểm|người|suất|phần|giải){_NO_LETTER_AFTER})",
    re.IGNORECASE,
)
_LOTTERY_WORDS = re.compile(r"xổ số|vé số|mở thưởng|XSKT|vé trúng", re.IGNORECASE)


def _phones(t: TrackedText, ctx: _Context) -> None:
    def lottery(m: re.Match[str]) -> str | None:
        if not _LOTTERY_WORDS.search(m.string, max(0, m.start() - 1500), m.start()):
            return None
        numbers = re.sub(r"\d+", lambda d: _spaced(read_digits(d[0])), m["nums"])
        return m["lead"] + re.sub(r"[^\S\n]*[-–,;][^\S\n]*", ", ", numbers)

    t.sub(_LOTTERY_PRIZE, lottery, "number")

    def triggered(m: re.Match[str]) -> str | None:
        if (
            _PHONE_ABBREVIATION.match(m["lead"])
            and ":" not in m["lead"]
            and _YEAR_ALONE.fullmatch(m["num"])
        ):
            return None  # "Vốn ĐT 2026", "Đầu tư/ĐT 2026": a year, not a number to dial
        spoken = _DIALLED_ITEM.sub(lambda d: _spaced(read_phone(d[0])), m["num"])
        # "ĐT: 0912…" is "điện thoại"; elsewhere "ĐT" may be "đào tạo" or "đầu tư".
        lead = _PHONE_ABBREVIATION.sub("điện thoại", m["lead"])
        return lead + _spaced(spoken)

    def national(m: re.Match[str]) -> str | None:
        digits = sum(c.isdigit() for c in m["num"])
        wanted = (11, 12) if m["num"].startswith("+") else (10, 11)
        return _spaced(read_phone(m["num"])) if digits in wanted else None

    def area(m: re.Match[str]) -> str | None:
        # Without the country code, a national number has 9 to 11 digits, its 0 included.
        digits = re.sub(r"\D", "", m["num"])
        national = "0" + digits[2:].lstrip("0") if "+" in m["num"] or digits[:2] == "84" else digits
        return _spaced(read_phone(m["num"])) if 9 <= len(national) <= 11 else None

    def service(m: re.Match[str]) -> str | None:
        # 1800/1900 numbers have 8 or 10 digits; "1800000" is one million eight hundred thousand.
        digits = sum(c.isdigit() for c in m["num"])
        return _spaced(read_phone(m["num"])) if digits in (8, 10) else None

    def emergency(m: re.Match[str]) -> str | None:
        if _NUMBERED_BEFORE.search(_before(m.string, m.start())):
            return None
        return _spaced(read_phone(m["num"]))

    def masked(m: re.Match[str]) -> str | None:
        raw = m["num"]
        places = sum(c.isdigit() or c in _MASK_NAMES for c in raw)
        service = raw.startswith("1")  # 1900 and 1800 numbers have eight places, or ten
        if not any(c in _MASK_NAMES for c in raw) or not (
            8 <= places <= 10 if service else 9 <= places <= 12
        ):
            return None
        prefix = "cộng " if raw.startswith("+") else ""
        groups = re.findall(r"\d+|[xX*]+", raw.lstrip("+"))
        words = ", ".join(
            read_digits(g) if g[0].isdigit() else " ".join(_MASK_NAMES[c] for c in g)
            for g in groups
        )
        ctx.warn(
            m.start(),
            m.end(),
            "số điện thoại bị che một phần, đọc cả phần bị che",
            "a partly hidden phone number; the hidden places are read by their marks",
        )
        return _spaced(prefix + words)

    t.sub(_MASKED_PHONE, masked, "phone")

    def time_zone(m: re.Match[str]) -> str:
        sign = "cộng" if m["sign"] == "+" else "trừ"
        return _spaced(f"{spell_letters(m['zone'])} {sign} {ctx.number(int(m['h']))}")

    t.sub(_TIME_ZONE, time_zone, "spelling")
    t.sub(_LABELLED_CODE, lambda m: m["lead"] + _spaced(read_address(m["code"])), "spelling")
    t.sub(_DIGIT_CODE, lambda m: m["lead"] + _spaced(read_phone(m["num"])), "number")
    t.sub(
        _SERIAL,
        lambda m: (
            m["lead"] + _spaced(f"{spell_letters(m['letters'])} {read_digits(m['num'])}")
            if _SERIAL_CONTEXT.search(_before(m.string, m.end(), 120))
            else None
        ),
        "spelling",
    )
    t.sub(_NAMED_CODE, lambda m: m["lead"] + _spaced(read_digits(m["num"])), "number")

    def secret_code(m: re.Match[str]) -> str | None:
        named = re.search(r"(?i)OTP|PIN|xác|kích|bảo mật|giao dịch", m["lead"])
        if not named and not m["len"]:
            return None  # "mã 1234" alone: left to the other code rules
        # the code's length ("6 số") is a number, read by the numbers pass
        return m["lead"] + _spaced(read_digits(m["num"]))

    t.sub(_SECRET_CODE, secret_code, "number")
    t.sub(_PHONE_TRIGGER, triggered, "phone")
    t.sub(_CALL, triggered, "phone")

    def sms(m: re.Match[str]) -> str:
        keywords = " ".join(spell(word, region=ctx.region) for word in m["body"].split())
        number = read_phone(m["num"]) if m["num"][4:5] in (" ", ".", "-") else read_digits(m["num"])
        return f"{m['lead']}{_spaced(keywords)}{m['to']}{_spaced(number)}"

    t.sub(_SMS, sms, "phone")

    def named_line(m: re.Match[str]) -> str | None:
        # "… thành lập năm 1999", "… đã tiếp nhận 1200": a year or a count, not the line's number
        if _LINE_NOT_NUMBER.search(m["lead"]):
            return None
        return m["lead"] + _spaced(read_phone(m["num"]))

    t.sub(_NAMED_LINE, named_line, "phone")
    t.sub(_AREA_PHONE, area, "phone")
    t.sub(_MOBILE, national, "phone")
    t.sub(_SERVICE, service, "phone")
    # "+84 899…": a country code and the start of a number, dialled
    t.sub(_PLUS_DIALLED, lambda m: _spaced(read_phone(m[0])), "phone")

    def named(m: re.Match[str]) -> str | None:
        services = _SERVICE_NUMBERS[m["num"]].casefold().split("|")
        if m["svc"].casefold() not in services:
            return None
        return m[0][: m.start("num") - m.start()] + _spaced(read_phone(m["num"]))

    def country_codes(m: re.Match[str]) -> str:
        codes = re.sub(r"\+(\d+)", lambda c: _spaced(read_phone(c[0])), m["list"])
        return m["lead"] + codes

    t.sub(_COUNTRY_CODES, country_codes, "phone")
    t.sub(_EMERGENCY_NAMED, named, "phone")
    t.sub(_EMERGENCY, emergency, "phone")


# --- units (read by the ranges and measures passes) -----------------------------------------

# "m²" arrives as "m2" (prepare makes every digit ASCII). Case matters: "m" is metres, "M"
# is not; "l" and "L" are both litres. "k" (thousand) is filled in per region at run time.
_UNITS: dict[str, str] = {
    "km2": "ki-lô-mét vuông", "km": "ki-lô-mét", "cm2": "xăng-ti-mét vuông",
    "cm": "xăng-ti-mét", "cm3": "xăng-ti-mét khối", "mm2": "mi-li-mét vuông", "mm3": "mi-li-mét khối", "mm": "mi-li-mét", "m2": "mét vuông", "m3": "mét khối", "m": "mét",
    "hPa": "héc-tô-pát-xcan",  # air pressure at a storm's centre, "955 hPa"
    "ha": "héc-ta", "kg": "ki-lô-gam", "mg": "mi-li-gam", "g": "gam", "gr": "gam", "ml": "mi-li-lít",
    # fine dust "85 µg/m3" (air-quality bulletins): the micro sign or the Greek mu
    "µg": "mi-crô-gam", "μg": "mi-crô-gam",
    "l": "lít", "L": "lít", "cc": "phân khối", "kWh": "ki-lô-oát giờ", "kW": "ki-lô-oát",
    "W": "oát", "V": "vôn", "kV": "ki-lô-vôn", "kVA": "ki-lô-vôn-ampe", "MW": "mê-ga-oát", "kHz": "ki-lô-héc", "KHz": "ki-lô-héc", "MHz": "mê-ga-héc", "Hz": "héc",
    "dB": "đề-xi-ben", "GB": "ghi-ga-bai", "MB": "mê-ga-bai", "°C": "độ xê", "°": "độ",
    "ºC": "độ xê", "℃": "độ xê", "oC": "độ xê", "độ C": "độ xê",
    "°N": "độ vĩ Bắc", "°S": "độ vĩ Nam", "°E": "độ kinh Đông", "°W": "độ kinh Tây",
    "tấn": "tấn", "tạ": "tạ", "yến": "yến", "‰": "phần nghìn",
    "mmHg": "mi-li-mét thủy ngân", "mmol": "mi-li-mol",
    "IU": "đơn vị quốc tế",  # vitamin A "liều 200.000 IU"
    # Units written as words, so "0,25 miligam/1 lít khí thở" (Nghị định 100, 168) is "trên".
    "miligam": "miligam", "mililít": "mililít", "lít": "lít", "gam": "gam", "mét": "mét",
    "%": "phần trăm", "đồng": "đồng", "đ": "đồng", "₫": "đồng", "VNĐ": "đồng",
    "VND": "đồng", "vnđ": "đồng", "vnd": "đồng", "tr": "triệu", "k": "",
    "tr.đ": "triệu đồng", "trđ": "triệu đồng", "tr.đồng": "triệu đồng", "USD": "đô la Mỹ",
    # "25 triệu đ", "1,5 tỷ đ/năm", "500 nghìn đ/người": the scale written, "đ" for đồng
    "triệu đ": "triệu đồng", "tỷ đ": "tỷ đồng", "tỉ đ": "tỷ đồng", "nghìn đ": "nghìn đồng",
    "ngàn đ": "nghìn đồng",
}  # fmt: skip
# "45 triệu m3 nước", "2,5 nghìn ha", "1,2 tỷ kWh": a unit after the scale word is still the
# unit (was "m ba", "ha" left to the synthesizer, which says the syllable "ha").
_UNITS.update(
    {
        f"{scale} {unit}": f"{said} {_UNITS[unit]}"
        for scale, said in (("nghìn", "nghìn"), ("ngàn", "nghìn"), ("triệu", "triệu"),
                            ("tỷ", "tỷ"), ("tỉ", "tỷ"))
        for unit in ("m3", "m2", "km2", "km", "m", "ha", "kg", "kWh", "MW", "kW")
    }
)  # fmt: skip
_MONEY_WORDS = ("đồng", "triệu", "nghìn", "ngàn", "", "triệu đồng", "đô la Mỹ", "tỷ đồng",
                "nghìn đồng", "ngàn đồng")  # fmt: skip
# "5.000.000,00 đồng": the zero cents of an accounting amount are not said.
_ZERO_CENTS = re.compile(r"(?<=\d\.\d{3}),0+$")
_TIME_UNITS: dict[str, str] = {
    "h": "giờ",
    "s": "giây",
    "giờ": "giờ",
    "giây": "giây",
    "phút": "phút",
}
_PER_UNITS: dict[str, str] = {**_UNITS, **_TIME_UNITS}
# A count of cells or larvae per a volume ("tiểu cầu 100.000/mm3", "4,2 triệu/mm3", "bạch cầu
# 4.000-10.000/µl") is "trên", like "40.000 cây/ha": a price is never per mm3 or ml.
_VOLUMES = {"mm3", "mm³", "cm3", "ml", "µl", "μl", "m3"}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_PER_ALT = "|".join(re.escape(u) for u in sorted(_PER_UNITS, key=len, reverse=True))
# "68,5/70m", "8,5/10 km", "1,2/1,5m": a measured value over its total (a water level over
# the crest, a length built over the length planned), the unit written once after the total;
# or after both, as reservoir bulletins write a level over the normal one: "56,8m/58,0m" (was
# a pause, "năm mươi sáu phẩy tám mét, năm mươi tám phẩy không mét").
_MEASURED_TOTAL = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<a>{_QUANTITY})(?:[^\S\n]?(?P<ua>{_UNIT_ALT}))?"
    rf"[^\S\n]*/[^\S\n]*(?P<b>{_QUANTITY})[^\S\n]?"
    rf"(?P<unit>{_UNIT_ALT}){_NO_LETTER_AFTER}"
    # "chạy 80/60 km/h", "75/50km/h": a speed over the limit, the unit a rate (was "tám mươi, sáu
    # mươi", "bảy mươi lăm mỗi năm mươi")
    r"(?:/(?P<per>h|giờ)(?![^\W_]))?(?![/\d])"
)


# "120 ca/100.000 dân", "2 bác sĩ/10.000 dân", "1 bình/50m2": a count per a number of
# something is "trên" (the slash was a pause: "một trăm hai mươi ca, một trăm nghìn dân").
_COUNT_PER_NUMBER = re.compile(
    # glued: "25 hộ / 97 khẩu" with spaces lists two totals, a pause
    # up to three words: "25-30 kg vôi bột/1.000 m2", "2 lít chế phẩm/100 m2" (was a pause)
    rf"(?<=\d)(?P<what>[^\S\n]+{_L}+(?:[^\S\n]+{_L}+){{0,2}})/"
    rf"(?=(?:{_QUANTITY})[^\S\n]?(?:{_UNIT_ALT}|{_L}+[^\S\n]*(?:[.,;:!?)\n]|$)|{_L}+[^\S\n]+{_L}))"
)


def _measured_totals(t: TrackedText, ctx: _Context) -> None:
    """ "68,5/70m" → "sáu mươi tám phẩy năm trên bảy mươi mét" (was a pause: "…, bảy mươi
    mét"; "9/10m" was a date). Two whole numbers that make a date after a date word stay
    for the dates pass ("ngày 9/10 m…")."""

    def voltage_ratio(m: re.Match[str]) -> str:
        # first: "35/0,4 kV" is no total of a measure, and the power before it joins it
        words = ""
        if m["p"]:
            words = f"{read_quantity(m['p'], region=ctx.region)} {_UNITS['kVA']}, "
        a, b = (read_quantity(m[k], region=ctx.region) for k in ("a", "b"))
        return _spaced(f"{words}{a} trên {b} {_UNITS['kV']}")

    t.sub(_VOLTAGE_RATIO, voltage_ratio, "unit")

    def repl(m: re.Match[str]) -> str | None:
        a, b, unit = m["a"], m["b"], m["unit"]
        if m["ua"] is not None and m["ua"] != unit:
            return None  # "10mg/5ml": a dose per a volume, read by the measures pass
        if unit in ("k", "tr", "đ", "đồng"):
            return None  # "5/10k", "1/2 đ/c": no total of money written this way
        dated = _DATE_CONTEXT_BEFORE.search(_before(m.string, m.start())) is not None
        if dated and a.isdigit() and b.isdigit() and _valid_date(int(a), int(b)):
            return None
        said = read_quantity(a, region=ctx.region)
        if m["ua"] is not None:
            said += f" {_UNITS[m['ua']]}"
        said += f" trên {read_quantity(b, region=ctx.region)}"
        per = f" trên {_TIME_UNITS[m['per']]}" if m["per"] else ""
        return _spaced(f"{said} {_UNITS[unit]}{per}")

    t.sub(_MEASURED_TOTAL, repl, "fraction")

    def per_number(m: re.Match[str]) -> str | None:
        after = m.string[m.end() : m.end() + 30]
        last = m["what"].split()[-1]
        money = last.casefold() in ("đồng", "đ")
        unit_per = last in _PER_UNITS and not money
        if unit_per or re.match(r"[\d.,]+\s*(?:h|giờ|ngày|tuần|tháng|năm)\b", after):
            return None  # "mm/24 giờ", "3 lần/24 giờ": a unit per a unit, a span (measures)
        # A rate is per one, per a round number or per a unit: "245 hộ/1.032 khẩu" lists two
        # counts of one hamlet and keeps its pause.
        per = re.match(
            rf"(?P<n>[\d.]+)(?![\d,])[^\S\n]?(?P<unit>(?:{_UNIT_ALT}){_NO_LETTER_AFTER})?", after
        )
        if per is None or not (per["unit"] or re.fullmatch(r"0*1|10*", per["n"].replace(".", ""))):
            return None
        # "2 triệu đồng/01 hộ": money for one of them, "… đồng một hộ" like "đồng/hộ"
        one = re.match(r"0*1(?![\d.,])", after) is not None
        if one and money:
            return f"{m['what']} "
        return f"{m['what']} trên "

    t.sub(_COUNT_PER_NUMBER, per_number, "typography")


# --- 10b. thousands grouped by spaces --------------------------------------------------------

# "1 000 000 đồng/hộ", "12 345 người", "1 234,5 m2": thousands grouped by a space (or the
# no-break space a word processor puts there) before a unit, money or what is counted are one
# number (were read group by group, "một không không đồng", silently). Phone numbers are
# dialled by then; a run not followed by such a word is left as it is.
_SPACED_THOUSANDS = re.compile(
    r"(?<![\d.,])(?<!\d[^\S\n])(?P<num>[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+)(?P<dec>,\d+)?"
    r"(?![\d.]|,\d|[^\S\n]\d)"
    rf"(?=[^\S\n]?(?:{_UNIT_ALT}|người|hộ|nhân khẩu|khẩu|lượt|con|cây|học sinh|cử tri|phiếu|hồ sơ|"
    rf"trẻ|lao động|hội viên|đoàn viên|trường hợp|liều|suất|cuốn|bộ|chiếc|tờ){_NO_LETTER_AFTER})"
)
_SPACED_RANGE_START = re.compile(
    r"(?<![\d.,])(?<!\d[^\S\n])(?P<num>[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+)(?P<dec>,\d+)?"
    r"(?=[^\S\n]*[-–][^\S\n]*[1-9]\d{0,2}(?:\.\d{3})+(?![\d.]))"
)
# "100,000 đồng/tháng": one comma before three digits and the dong is a thousands comma (no amount
# of dong has a decimal part; was "một trăm phẩy không không không đồng").
_COMMA_THOUSAND_DONG = re.compile(
    rf"(?<![\d.,])(?P<a>[1-9]\d{{0,2}}),(?P<b>\d{{3}})(?![\d.,])"
    rf"(?=[^\S\n]?(?:đồng|đ|VNĐ|VND|vnđ|₫){_NO_LETTER_AFTER})"
)


def _spaced_thousands(t: TrackedText, ctx: _Context) -> None:
    t.sub(
        _SPACED_THOUSANDS,
        lambda m: re.sub(r"[ \u00a0\u202f]", ".", m["num"]) + (m["dec"] or ""),
        None,
    )
    # "5 000 - 7 000 đồng": the first end of a range whose second end was one
    t.sub(
        _SPACED_RANGE_START,
        lambda m: re.sub(r"[ \u00a0\u202f]", ".", m["num"]) + (m["dec"] or ""),
        None,
    )
    t.sub(_COMMA_THOUSAND_DONG, r"\g<a>.\g<b>", None)


# --- 11. kilometre posts --------------------------------------------------------------------

# "Km 15+300" (a road position: kilometre 15 plus 300 metres), "Km15", "KM 7".
# After a number or a slash "km2" is the unit ("25 km2", "người/km2"), not post 2; so after the
# number restated in brackets ("5 (năm) km2", _RESTATED_BEFORE).
_KM_POST = re.compile(
    r"(?<![\w/])(?<!\d[^\S\n])(?:Km|KM|km)[^\S\n]*(?P<a>\d{1,4}(?:,\d{1,3})?)(?:[^\S\n]*\+[^\S\n]*(?P<b>\d{1,3}))?"
    r"(?!\d|[.,]\d|[^\W_])"
)


_RESTATED_BEFORE = re.compile(r"\d[^\S\n]*\([^\d()\n]{1,60}\)[^\S\n]*$")


# "Km 12+500 - Km 13+200": the stretch between two posts, "đến".
_KM_STRETCH = re.compile(
    r"(?P<a>(?<![\w/])(?:Km|KM|km)[^\S\n]*\d{1,4}(?:[^\S\n]*\+[^\S\n]*\d{1,3})?)"
    r"[^\S\n]*[-–][^\S\n]*(?=(?:Km|KM|km)[^\S\n]*\d)"
)


def _km_posts(t: TrackedText, ctx: _Context) -> None:
    t.sub(_KM_STRETCH, r"\g<a> đến ", "range")

    def repl(m: re.Match[str]) -> str | None:
        if _RESTATED_BEFORE.search(m.string[max(0, m.start() - 80) : m.start()]):
            return None  # "5 (năm) km2": the unit of an amount restated in words
        words = f"ki-lô-mét {read_quantity(m['a'], region=ctx.region)}"
        # "Km0+000", "Km 12+000": no metres past the post, none said (was "cộng không")
        if m["b"] and int(m["b"]):
            words += f" cộng {ctx.number(int(m['b']))}"
        return _spaced(words)

    t.sub(_KM_POST, repl, "unit")


# --- 11b. comparisons and products ----------------------------------------------------------

# Before a number: "> 0,25 mg" → "trên", "< 6 tuổi" → "dưới", "≥ 18" → "không dưới", "≤ 60"
# → "không quá"; between numbers "3x4 m", "3 × 4" → "nhân". Elsewhere the signs are markup.
_COMPARISON = re.compile(r"(?P<sign>>=|<=|[≥≤><])[^\S\n]*(?=[-−]?\d)")
_COMPARISON_READ = re.compile(r"(?P<sign>>=|<=|[≥≤><])[^\S\n]*(?=[^\W\d_])")
_COMPARISON_WORDS = {">": "trên", "<": "dưới", "≥": "không dưới", ">=": "không dưới",
                     "≤": "không quá", "<=": "không quá"}  # fmt: skip
# "~ 80%", "~50mm", "≈ 200": about; not said twice after "khoảng".
_ABOUT = re.compile(r"(?P<sign>[~≈])[^\S\n]*(?=[-−]?\d)")
# "±5%", "+/- 0,5 điểm": plus or minus.
_PLUS_MINUS = re.compile(r"[^\S\n]*(?:±|\+[^\S\n]*/[^\S\n]*[-−])[^\S\n]*(?=[\d(])")
_ABOUT_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}(?:khoảng|chừng|tầm|xấp xỉ)\s*$", re.IGNORECASE)
_TIMES_SIGN = re.compile(
    r"(?<=\d)[^\S\n]*[x×][^\S\n]*(?=\d)"
    # "22% x mức thu nhập", "hệ số 2,34 x mức lương cơ sở", "× 12 tháng": a lone sign too
    r"|(?<=[\d%])[^\S\n]+x[^\S\n]+(?=\w)|(?<=\S)[^\S\n]+×[^\S\n]+(?=\w)"
    # "2.340.000đ x 12 tháng": an amount with its "đ" glued
    r"|(?<=\dđ)[^\S\n]+x[^\S\n]+(?=\w)"
    # "×" (never a letter) before a number, whatever precedes it: "<×0" is still a product
    r"|[^\S\n]*×[^\S\n]*(?=\d)"
)


# "Hô khẩu hiệu (x2)", "điệp khúc (x3)": a bracketed count of repeats, "hai lần" (was "x
# hai"). The brackets stay: a pause before it.
_REPEATS = re.compile(r"\([^\S\n]*[xX×][^\S\n]?(?P<n>\d{1,2})[^\S\n]*\)")


# "50 suất x 500.000đ", "120 hộ x 2 triệu", "500.000 đồng x hệ số 1,5": a count or an amount
# times something, "nhân".
_TIMES_AFTER_COUNT = re.compile(
    # "2 viên/lần x 3 lần/ngày": the count may be per something
    rf"(?P<left>{_NUM_START}\d[\d.,]*[^\S\n]+{_L}+(?:[^\S\n]+{_L}+)?(?:/{_L}+)?)[^\S\n]+[x×]"
    r"[^\S\n]+"
    r"(?=[\w(])"
)


# "Lương = hệ số x mức lương cơ sở": a lone "=" between two terms is "bằng".
# A markdown mark around a term is seen through ("Tiền thuê = *Diện tích* x …": the "=" was dropped).
_EQUALS = re.compile(r"(?<=[\w%)*])[^\S\n]+=[^\S\n]+(?=[\w(*])")
# After it, in the same sentence, the formula's lone signs between terms are said: "Lợi nhuận
# = Doanh thu - Chi phí", "Thu nhập = Lương + Phụ cấp", "Tiền thuê đất = Diện tích x Đơn giá"
# → "trừ", "cộng", "nhân" (the "x" was left, the dash read as a pause, the plus as "và").
_FORMULA_SIGN = re.compile(r"(?<=[\w%)])[^\S\n]+(?P<s>[x×+\-–])[^\S\n]+(?=[\w(])")
_FORMULA_SAID = {"x": "nhân", "×": "nhân", "+": "cộng", "-": "trừ", "–": "trừ"}
_SENTENCE_BREAK = re.compile(r"[\n;!?]|\.(?:\s|$)")
# "Số tiền phải nộp: Diện tích x đơn giá x 50%", "(Diện tích x Giá đất)": a lone lower-case
# "x" between two words is a product even with no "=" in the sentence (it was left, "x"); no
# Vietnamese word is "x". Not the mark a form asks for ("đánh dấu x vào ô", "điền x").
# Markdown marks and a minus sign around the terms are seen through ("x *2022*", "x -5"), so a
# second reading, with the marks gone, finds nothing new to read.
_LONE_TIMES = re.compile(r"(?<=[^\W\d]|\*)[^\S\n]+x[^\S\n]+(?=[*_]*(?:[^\W\d_]|[-−]?\d))")
# A term of a formula beside the "x" (a quantity, a price, a rate, a size), so a lone "x" that
# stands for someone or something ("Tổ x phụ trách", "ngày x tháng y") is left.
_FORMULA_TERMS = (
    r"diện tích|đơn giá|giá(?: đất| thuê| bán)?|số lượng|hệ số(?: [A-Za-zĐđ])?|mức(?: [^\W\d_]+){0,3}|"
    r"lương(?: cơ sở)?|tiền|số tiền|thành tiền|phụ cấp|chiều dài|chiều rộng|chiều cao|chiều sâu|dài|"
    r"rộng|cao|sâu|thời gian|số (?:tháng|ngày|năm|người|lượt|hộ|suất)|tỷ lệ|tỉ lệ|khối lượng|"
    r"sản lượng|năng suất|định mức|lãi suất|thuế suất|trọng lượng|số lần"
)
_FORMULA_TERM_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:{_FORMULA_TERMS})(?:[^\S\n]+[^\W\d_]+){{0,3}}[*_)]*$", re.IGNORECASE
)
_FORMULA_TERM_AFTER = re.compile(rf"[*_(]*(?:{_FORMULA_TERMS}){_NO_LETTER_AFTER}", re.IGNORECASE)
_LAST_WORD = re.compile(r"([^\W\d_]+)[*_]*$")
_FIRST_WORD = re.compile(r"[*_]*([^\W\d_]+)")
_NUMBER_WORDS_SAID = frozenset({
    "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín",
    "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "linh", "lẻ", "phẩy", "rưỡi", "âm",
})  # fmt: skip
_MARK_X_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:dấu|chữ|ký hiệu|kí hiệu|điền|đánh|ghi|gạch)[^\S\n]*$", re.IGNORECASE
)


# "+5°C", "tăng +15%": a plus glued to a number after a space is its sign, "cộng" (the "+"
# between numbers, "1+1", and "Km 15+300" are read elsewhere).
_PLUS_SIGN = re.compile(r"(?:(?<=[^\S\n(])|(?<=^))\+(?=\d)", re.MULTILINE)
# "UV 11+", "phim 18+", "người 60+": a plus glued after a number is the open top of a scale,
# said "cộng" as bulletins say the level ("mười một cộng"; the "+" was read "và" before the next
# word, or flagged and dropped at a line's end). Not "1+1", "15+300", "11 + 2".
_PLUS_AFTER = re.compile(r"(?<=\d)\+(?![\d+])(?![^\S\n]*\d)")
_PLUS_WORD_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}(?:cộng|dương)[^\S\n]*$", re.IGNORECASE)
# "3,12m (+0,15m so với 1h)", "(-0,20m so với hôm qua)", "+200đ/kg so với tuần trước": a sign before a
# change that is compared with something is a rise or a fall, "tăng", "giảm" (the plus was dropped and
# flagged, the minus said "âm"); after "tăng", "giảm" the sign is read as before.
_SIGNED_CHANGE = re.compile(
    r"(?<![\w.,+\-−])(?P<sign>[+\-−])(?=\d[\d.,]*[^\S\n]?"
    rf"(?:(?:{_UNIT_ALT}|%)(?:/(?:{_UNIT_ALT}))?{_NO_LETTER_AFTER})?[^\S\n]*so(?:[^\S\n]+với)?"
    rf"{_NO_LETTER_AFTER})"
)
_CHANGE_WORD_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}(?:tăng|giảm|cộng)[^\S\n]*$", re.IGNORECASE)


# "ngang 5m x dài 30m": a lone "x" after a length is "nhân" too.
_TIMES_AFTER_LENGTH = re.compile(r"(?P<u>\d[^\S\n]?(?:m|cm|mm|km))[^\S\n]+x[^\S\n]+(?=\w)")


def _comparisons(t: TrackedText, ctx: _Context) -> None:
    def plus_sign(m: re.Match[str]) -> str:
        # "được cộng +0,5 điểm": the word is written already
        return " " if _PLUS_WORD_BEFORE.search(_before(m.string, m.start())) else " cộng "

    t.sub(_REPEATS, lambda m: f"({ctx.number(int(m['n']))} lần)", "number")

    def signed_change(m: re.Match[str]) -> str | None:
        if _CHANGE_WORD_BEFORE.search(_before(m.string, m.start())):
            return None  # "Tăng +15%": the sign as written, "cộng" (probe 2)
        return "tăng " if m["sign"] == "+" else "giảm "

    t.sub(_SIGNED_CHANGE, signed_change, "typography")
    t.sub(_PLUS_MINUS, " cộng trừ ", "typography")
    t.sub(_PLUS_SIGN, plus_sign, "typography")
    # "NPK 20-20-15+TE": a word glued after the plus gets its space ("cộngTE" was left)
    t.sub(
        _PLUS_AFTER,
        lambda m: " cộng " if m.string[m.end() : m.end() + 1].isalpha() else " cộng",
        "typography",
    )

    def formula_sign(m: re.Match[str]) -> str | None:
        sentence = _SENTENCE_BREAK.split(_before(m.string, m.start(), 200))[-1]
        return f" {_FORMULA_SAID[m['s']]} " if _EQUALS.search(sentence) else None

    t.sub(_FORMULA_SIGN, formula_sign, "typography")

    def lone_times(m: re.Match[str]) -> str | None:
        if _MARK_X_BEFORE.search(_before(m.string, m.start())):
            return None
        # A number word beside it was digits this pass did not take ("2x tháng", "x2022" are
        # codes or typos): a second reading must not take it either.
        near = (_LAST_WORD.search(m.string, 0, m.start()), _FIRST_WORD.match(m.string, m.end()))
        if any(w is not None and w[1].casefold() in _NUMBER_WORDS_SAID for w in near):
            return None
        digit_after = re.match(r"[*_]*[-−]?\d", m.string[m.end() :]) is not None
        if not (
            digit_after
            or _FORMULA_TERM_BEFORE.search(_before(m.string, m.start(), 60))
            or _FORMULA_TERM_AFTER.match(m.string, m.end())
        ):
            return None  # "Tổ x phụ trách", "ngày x tháng y": x names someone or something
        return " nhân "

    t.sub(_LONE_TIMES, lone_times, "typography")
    t.sub(_EQUALS, " bằng ", "typography")
    t.sub(_TIMES_AFTER_LENGTH, r"\g<u> nhân ", "typography")
    t.sub(_TIMES_AFTER_COUNT, r"\g<left> nhân ", "typography")
    t.sub(_COMPARISON, lambda m: _spaced(_COMPARISON_WORDS[m["sign"]]), "typography")

    def compared_reading(m: re.Match[str]) -> str | None:
        # "Huyết áp ≥ 140/90 mmHg": the number after the sign was read by an earlier pass (the
        # blood pressure, a measured total), so it starts with a word; its written text starts
        # with a digit (the sign was left, or dropped with ">=")
        start, _ = t.source_span(m.end(), m.end() + 1)
        if not t.written[start : start + 1].isdigit():
            return None
        return _spaced(_COMPARISON_WORDS[m["sign"]])

    t.sub(_COMPARISON_READ, compared_reading, "typography")
    t.sub(_TIMES_SIGN, " nhân ", "typography")

    def about(m: re.Match[str]) -> str:
        if _ABOUT_BEFORE.search(_before(m.string, m.start())):
            return " "
        return " xấp xỉ " if m["sign"] == "≈" else " khoảng "

    t.sub(_ABOUT, about, "typography")


# --- 12. time ranges, 13. ranges ------------------------------------------------------------

# One clock time: "19h", "7h30", "7g30", "13:30", "7h30'", "13h30’" (a right single quote
# typed for the prime by word processors; a closing quote when one opened: _closes_quote).
_MINUTE_MARK = "['’′]"
_CLOCK = rf"(?:[01]?\d|2[0-4])(?:[hHg](?:[0-5]\d)?|:[0-5]\d){_MINUTE_MARK}?"
# "7h sáng - 11h trưa": the first end may carry its part of the day.
_TIME_RANGE = re.compile(
    rf"{_NUM_START}(?P<a>{_CLOCK})(?P<part>[^\S\n]+(?i:sáng|trưa|chiều|tối|đêm))?"
    rf"[^\S\n]*[-–—][^\S\n]*(?P<b>{_CLOCK})(?![\w:])"
)
# "từ" is not added after "từ", nor after "lúc" ("Lúc 9h-9h30": "lúc chín giờ đến …").
_FROM_BEFORE = re.compile(rf"{_NO_LETTER_BEFORE}(?:từ|lúc)\s*$", re.IGNORECASE)
_CLOCK_PARTS = re.compile(rf"(?P<h>\d+)(?:[hHg:](?P<m>\d\d)?){_MINUTE_MARK}?")


def _closes_quote(text: str, end: int) -> bool:
    """Whether a "’" ending at end closes a "‘" opened earlier on its line."""
    if not text[:end].endswith("’"):
        return False
    line = text[: end - 1].rsplit("\n", 1)[-1]
    return line.count("‘") > line.count("’")


def _say_clock(written: str, ctx: _Context) -> str:
    m = _CLOCK_PARTS.fullmatch(written)
    assert m is not None  # written is what _CLOCK_PARTS' pattern matched in the text
    words = f"{ctx.number(int(m['h']))} giờ"
    if m["m"] and int(m["m"]):
        words += f" {ctx.number(int(m['m']))} phút"
    return words


# "Video dài 2:30 phút", "chạy 12:45 phút": minutes and seconds, the unit written after them (was
# "hai giờ ba mươi phút"); after "lúc", "vào", "từ"… ("lúc 7:30 phút") it stays a clock.
# ("sau 12:45 phút" is a duration: "sau" and "trước" stand before both)
_AT_CLOCK_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:lúc|vào|hồi|từ|đến|tới)[^\S\n]*$", re.IGNORECASE
)
_MINUTES_SECONDS_WORD = re.compile(
    rf"{_NUM_START}(?P<m>\d{{1,3}}):(?P<s>[0-5]\d)[^\S\n]+phút{_NO_LETTER_AFTER}"
)


def _time_ranges(t: TrackedText, ctx: _Context) -> None:
    """ "19h-21h" → "từ mười chín giờ đến hai mươi mốt giờ" ("từ" unless already written)."""

    def minutes_seconds(m: re.Match[str]) -> str | None:
        if _AT_CLOCK_BEFORE.search(_before(m.string, m.start())):
            return None
        seconds = int(m["s"])
        words = f"{ctx.number(int(m['m']))} phút"
        return _spaced(words + (f" {ctx.number(seconds)} giây" if seconds else ""))

    t.sub(_MINUTES_SECONDS_WORD, minutes_seconds, "time")

    def repl(m: re.Match[str]) -> str:
        lead = "" if _FROM_BEFORE.search(_before(m.string, m.start())) else "từ "
        part = m["part"] or ""
        words = f"{lead}{_say_clock(m['a'], ctx)}{part} đến {_say_clock(m['b'], ctx)}"
        return _spaced(words) + ("’" if _closes_quote(m.string, m.end()) else "")

    t.sub(_TIME_RANGE, repl, "range")


# A dash between two numbers, each maybe with its unit: "10 - 15", "2021–2025", "10%-15%",
# "6.000.000 đồng - 8.000.000 đồng"; a unit per another too: "35.000đ/kg - 40.000đ/kg" (the dash was
# left between the two prices).
_RANGE = re.compile(
    rf"(?P<left>\d(?:[hH]\d{{0,2}}|')?(?:[^\S\n]?(?:{_UNIT_ALT}){_NO_LETTER_AFTER}"
    rf"(?:/(?:{_UNIT_ALT}|h){_NO_LETTER_AFTER}(?![\d/]))?)?)"
    # "trẻ 6-<36 tháng": the sign read already ("dưới"), the second end is open (was "sáu - dưới")
    r"[^\S\n]*[-–—][^\S\n]*(?=(?:dưới[^\S\n]+)?\d)"
)


# "NPK 20-20-15", "16-16-8": three numbers or more joined by hyphens are a formula, said one
# after the other with a pause, never "hai mươi đến hai mươi đến mười lăm".
# "NPK 5-10-3/sào", "16-16-8/ha": the grade applied per an area is read before the per word (the
# slash was a pause, "năm, mười, ba, sào"; a chain before a slash was a range, "năm đến mười đến ba").
_NUMBER_CHAIN = re.compile(
    r"(?<![\w.,/-])(?P<chain>\d{1,3}(?:-\d{1,3}){2,})"
    r"(?:/(?P<per>(?-i:[a-zà-ỹđ])[^\W\d_]*[23]?)(?![^\W_]|/)|(?![\w/-]|[.,]\d))"
)
# "giai đoạn 2021 - 2025 - 2030": three years or more joined by dashes are no range ("… đến … đến
# …"); a span and a horizon ("2021-2025, tầm nhìn 2030") or a list of years, so each year is said
# after a pause and the chain is flagged for the author.
_YEAR_CHAIN = re.compile(
    r"(?<![\w.,/-])(?P<chain>(?:19|20)\d\d(?:[^\S\n]*[-–][^\S\n]*(?:19|20)\d\d){2,})"
    r"(?![\w/-]|[.,]\d)"
)
# "từ 6 tháng - 5 tuổi", "14 ngày - 21 ngày": the first end carries its own word; so an
# amount with its scale ("từ 500 nghìn - 1 triệu đồng", "2 triệu đồng - 4 triệu đồng"; the dash
# was left), and the second end may be open: "từ 16 tuổi - dưới 60 tuổi" ("đến dưới").
_WORD_RANGE = re.compile(
    rf"(?P<left>\d[^\S\n]*(?:tháng|tuổi|ngày|tuần|năm|giờ|phút|"
    rf"(?:nghìn|ngàn|triệu|tỷ|tỉ)(?:[^\S\n]+(?:đồng|đ))?){_NO_LETTER_AFTER})"
    r"[^\S\n]*[-–][^\S\n]*(?=(?:(?:dưới|trên|hơn)[^\S\n]+)?\d)",
    re.IGNORECASE,
)


# "thắng 3 - 0", "tỷ số 2-1", "hòa 1-1": a score, both numbers said in a row ("ba không"),
# not a range ("ba đến không"). With a counted word after it, it is a range ("thắng 15-20
# phiếu", "thua 3-5 điểm").
_SCORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:tỷ số|tỉ số|thắng|thua|hòa|hoà|cách biệt)"
    r"(?:[^\S\n]+(?:chung cuộc|cách biệt|đậm|sát nút))?[^\S\n]+)"
    # "thắng 2:1": a colon too (was "hai: một")
    r"(?P<a>\d{1,2})[^\S\n]*[-–:][^\S\n]*(?P<b>\d{1,2})(?![\d\w]|[.,]\d)"
    rf"(?![^\S\n]*(?:phiếu|tuổi|người|hộ|điểm|ngày|tháng|năm|giờ|phút|lần|%|"
    rf"(?:{_UNIT_ALT}){_NO_LETTER_AFTER}))",
    re.IGNORECASE,
)


# "Lô B2-15", "lô A1-05", "Ki ốt K2-15", "phòng A2-301": a capital glued to a number, a hyphen,
# then a number is one code in two parts (a plot, a stall, a flat), said part after part as
# people read it ("bê hai mười lăm", "a một không năm"; was "bê hai đến mười lăm", a range of
# plots). No pause between the parts: in a list ("A1-05, A1-06") the commas part the codes. A
# range of codes repeats the letter ("A1-A5", "10A1-10A5"); a weekday ("T2-6") is left alone.
_LETTER_CODE_PARTS = re.compile(
    r"(?<![^\W_])(?P<a>(?-i:[A-ZĐ])\d{1,3})[-–](?P<b>\d{1,4})(?![^\W_]|[.,]\d|[-–/+])"
)
_WEEKDAY_CODE = re.compile(r"T[2-8]")
_GRADE_BEFORE = re.compile(r"(?:bê tông|bêtông|vữa)", re.IGNORECASE)


# "từ 1.5 đến 2.5 mét", "2.5 - 3.5 triệu": a dot before one or two digits opening a range whose
# other end is a measured decimal is a decimal point too (was "một chấm năm đến hai phẩy năm").
_DOT_DECIMAL_RANGE = re.compile(
    r"(?<![\d.,])(?P<a>\d{1,3})\.(?P<b>\d{1,2})(?=[^\S\n]*(?:đến|tới|-|–)[^\S\n]*\d{1,3}[.,]\d{1,2}"
    rf"(?![\d.])[^\S\n]?(?:{_UNIT_ALT}|triệu|tỷ|tỉ|nghìn|ngàn){_NO_LETTER_AFTER})"
)


# "MBA 250kVA-22/0,4kV", "trạm 35/0,4 kV": a transformer's voltages, the high over the low, after
# its power ("… ki-lô-vôn-ampe, hai mươi hai trên không phẩy bốn ki-lô-vôn"; was "… ki-lô-vôn-ampe
# đến hai mươi hai, không phẩy bốn ki-lô-vôn", a range and a pause).
_VOLTAGE_RATIO = re.compile(
    r"(?<![\w.,/])(?:(?P<p>\d{1,5}(?:,\d{1,2})?)[^\S\n]?(?-i:kVA|KVA)[^\S\n]*[-–][^\S\n]*)?"
    r"(?P<a>\d{1,3}(?:,\d{1,2})?)[^\S\n]*/[^\S\n]*(?P<b>\d{1,3}(?:,\d{1,2})?)[^\S\n]?(?-i:kV|KV)"
    r"(?![^\W_])"
)
# "thu 3,2 tỷ/5 tỷ đồng": so much of a total, both with their scale, "trên" (the slash was a pause).
_SCALED_SHARE = re.compile(
    r"(?<=\d)(?P<s>[^\S\n]*(?:tỷ|tỉ|triệu|nghìn|ngàn))[^\S\n]*/[^\S\n]*"
    r"(?=\d[\d.,]*[^\S\n]*(?:tỷ|tỉ|triệu|nghìn|ngàn)(?![^\W_]))"
)


def _ranges(t: TrackedText, ctx: _Context) -> None:
    t.sub(_DOT_DECIMAL_RANGE, r"\g<a>,\g<b>", None)

    t.sub(_SCALED_SHARE, r"\g<s> trên ", "fraction")

    def code_parts(m: re.Match[str]) -> str | None:
        if _WEEKDAY_CODE.fullmatch(m["a"]) and 2 <= int(m["b"]) <= 8:
            return None
        if m["a"][0] == "M" and _GRADE_BEFORE.search(_before(m.string, m.start(), 80)):
            return None  # "bê tông M200-300": a range of strength grades (the codes pass)
        a, b = spell(m["a"], region=ctx.region), spell(m["b"], region=ctx.region)
        return _spaced(f"{a} {b}")

    t.sub(_LETTER_CODE_PARTS, code_parts, "spelling")
    t.sub(
        _SCORE,
        lambda m: m["lead"] + _spaced(f"{ctx.number(int(m['a']))} {ctx.number(int(m['b']))}"),
        "number",
    )

    def bare_ratio(m: re.Match[str]) -> str | None:
        if re.search(r"\d[^\S\n]*:[^\S\n]*$", _before(m.string, m.start())):
            # the end of a longer chain, not read as a chain; a label's colon before it is no
            # chain ("Kết quả: 2:1" was "hai: một", unflagged)
            return None
        mixing = _MIXING_CLAUSE.search(_before(m.string, m.start(), 120))
        if len(m["b"]) == 2 and (
            not mixing or m["a"] != "1" or _CLOCK_WORD_BEFORE.search(_before(m.string, m.start()))
        ):
            return None  # "1:10" may be ten past one ("pha thuốc lúc 1:30"): the times pass
        if not mixing:
            ctx.warn(
                m.start(),
                m.end(),
                "đang đọc là tỉ lệ “… trên …”: kiểm tra lại (tỉ số hay tỉ lệ)",
                "read as a ratio “… over …”: check it (a score or a ratio)",
            )
        a = read_quantity(m["a"], region=ctx.region)
        return _spaced(f"{a} trên {read_quantity(m['b'], region=ctx.region)}")

    def colon_chain(m: re.Match[str]) -> str | None:
        if re.fullmatch(r"[01]?\d:[0-5]\d:[0-5]\d|2[0-3]:[0-5]\d:[0-5]\d", m["chain"]):
            return None  # a clock with its seconds: the times pass
        if not _MIXING_CLAUSE.search(_before(m.string, m.start(), 120)):
            ctx.warn(
                m.start(),
                m.end(),
                "đang đọc lần lượt từng số: kiểm tra lại",
                "each number is read in turn: check it",
            )
        parts = [p.strip() for p in m["chain"].split(":")]
        return _spaced(", ".join(read_quantity(p, region=ctx.region) for p in parts))

    t.sub(_COLON_CHAIN, colon_chain, "fraction")
    t.sub(_BARE_RATIO, bare_ratio, "fraction")

    def chain(m: re.Match[str]) -> str:
        words = m["chain"].replace("-", ", ")
        if not m["per"]:
            return words
        unit = _UNITS.get(m["per"])
        return f"{words} trên {unit}" if unit else f"{words} mỗi {m['per']}"

    def year_chain(m: re.Match[str]) -> str:
        ctx.warn(
            m.start(),
            m.end(),
            "nhiều năm nối bằng gạch ngang: đang đọc lần lượt từng năm, kiểm tra lại",
            "several years joined by dashes: each year is read in turn; check it",
        )
        years = re.findall(r"\d{4}", m["chain"])
        return _spaced(", ".join(ctx.number(int(y)) for y in years))

    t.sub(_YEAR_CHAIN, year_chain, "range")
    t.sub(_NUMBER_CHAIN, chain, "typography")
    t.sub(_WORD_RANGE, r"\g<left> đến ", "range")
    t.sub(_RANGE, r"\g<left> đến ", "range")


# --- 14. times ------------------------------------------------------------------------------

# Not after a unit and "/": "mm/24h" is a rate, read with its unit by the measures pass.
_TIME = re.compile(
    rf"{_NUM_START}(?<!:)(?<!{_L}/)(?P<h>[01]?\d|2[0-4])"
    # "7g30p" as "7h30p": the minutes' "p" (phút) after a "g" clock too (was "bảy gam …")
    rf"(?:[hH](?P<m>[0-5]\d)?(?:{_MINUTE_MARK}|ph?(?!\w))?|g(?P<g>[0-5]\d)(?:{_MINUTE_MARK}|p(?!\w))?|"
    r":(?P<m2>[0-5]\d)(?::(?P<s>[0-5]\d))?)"
    rf"(?!\d|:\d)(?:{_NO_LETTER_AFTER}|(?=phút))"
)
# "lúc 6.45", "7.30 sáng": a dot between hours and minutes, after "lúc"/"hồi" or before a
# part of the day (was "sáu chấm bốn mươi lăm").
_DOT_CLOCK = re.compile(
    rf"(?:(?<={_L})(?<=lúc|hồi)[^\S\n]+|{_NUM_START}(?=[\d.]+[^\S\n]+(?:sáng|trưa|chiều|tối|đêm)"
    rf"{_NO_LETTER_AFTER}))(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)"
    rf"(?!\d|[.,]\d|[^\S\n]?(?:{_UNIT_ALT}|{_L}*%|triệu|tỷ|nghìn|ngàn|trăm){_NO_LETTER_AFTER})",
    re.IGNORECASE,
)
# "tích lũy 48h", "trong 72h tới": more hours than a day has are a duration, "giờ" (was "bốn
# mươi tám h"). Not after a slash ("mm/48h" is read with its unit).
_HOURS = re.compile(rf"{_NUM_START}(?<!/)(?P<n>2[5-9]|[3-9]\d|1\d\d)[^\S\n]?h(?![\w'’]|:\d)")
# "7g" alone: seven o'clock in southern writing, or seven grams. Sure only in context.
_CLOCK_G = re.compile(rf"{_NUM_START}(?P<h>[01]?\d|2[0-3])g(?![\w/])")  # "4g/l": a rate
_CLOCK_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:lúc|vào|từ|đến|tới|khoảng|trước|sau|hồi|sáng|trưa|chiều|tối|đêm)"
    r"\s*$",
    re.IGNORECASE,
)
_CLOCK_AFTER = re.compile(
    r"\s*(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|cùng ngày|hằng ngày|hàng ngày|mỗi ngày|[,;]?\s*"
    r"(?:thứ|chủ nhật|T[2-7]|CN)\b)",
    re.IGNORECASE,
)
# "Pha 1 gói 20g", "Trộn 20g thuốc", "viên 10g": a packet, a dose or a mix weighs it; grams,
# not flagged (was "giờ hay gam"). A clock word still wins ("Lúc 20g tối").
_GRAM_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:gói|túi|bao|hộp|lọ|viên|liều|nặng|trọng lượng|khối lượng|"
    r"pha|trộn|hòa|hoà|bón|rắc|rải)(?:[^\S\n]+\d+)?[^\S\n]*$",
    re.IGNORECASE,
)
_MINUTE_WORD_AFTER = re.compile(r"\s*phút", re.IGNORECASE)
# "7 h 30", "lúc 7 h sáng": a clock typed with spaces round its "h" (was "bảy h ba mươi"). With
# no minutes it needs a clock word before or after it, as "7g" does.
_SPACED_CLOCK = re.compile(
    rf"{_NUM_START}(?<!/)(?P<h>[01]?\d|2[0-4])[^\S\n](?-i:h)(?:[^\S\n](?P<m>[0-5]\d))?"
    r"(?![\w'’′]|[.,]\d|[^\S\n]?/)"
)
# "25'30\"": minutes and seconds of a duration.
_MINUTES_SECONDS = re.compile(
    rf"{_NUM_START}(?P<m>\d{{1,3}})[^\S\n]?['′’][^\S\n]?(?P<s>[0-5]?\d)[^\S\n]?(?:\"|″|'')"
)
# "kéo dài 90'", "mỗi hiệp 45′": a number with a prime alone is minutes, unless a quote
# opened before it on the line ("'Xã 5'").
# "15’" (a right single quote for the prime) too, unless it closes a "‘" (_closes_quote).
_MINUTES_ALONE = re.compile(
    rf"{_NUM_START}(?<!['′’])(?P<m>\d{{1,3}})[^\S\n]?(?P<mark>['′’])(?![\w'′’\"])"
)
# "16°05' vĩ Bắc, 108°30' kinh Đông": minutes of a degree (the hemisphere in words; with a
# letter, "16°05'N", the coordinates pass reads it). Not a quote, whatever came before.
_DEGREE_MINUTES = re.compile(r"(?<=[°º])(?P<m>[0-5]?\d)[^\S\n]?['′’](?![\w'′’\"″])")
# "7 giờ 30'": the prime is "phút".
_MINUTE_PRIME = re.compile(r"(?P<lead>giờ[^\S\n]+)(?P<m>[0-5]?\d)['’]")
# "07 giờ 00 phút", "7 giờ 00": no minutes are said ("bảy giờ", not "bảy giờ không phút").
_ZERO_MINUTES = re.compile(
    r"(?<=giờ)[^\S\n]+(?:00(?:[^\S\n]*(?:phút|['’])(?!\w))?|0[^\S\n]*(?:phút|['’])(?!\w))"
    r"(?![\w,.:]?\d)"
)


def _times(t: TrackedText, ctx: _Context) -> None:

    def repl(m: re.Match[str]) -> str:
        words = ctx.number(int(m["h"])) + " giờ"
        minutes = m["m"] or m["m2"] or m["g"]
        if minutes and int(minutes):
            words += " " + ctx.number(int(minutes))
            if not _MINUTE_WORD_AFTER.match(m.string, m.end()):
                words += " phút"
        if m["s"] and int(m["s"]):
            words += f" {ctx.number(int(m['s']))} giây"
        return _spaced(words) + ("’" if _closes_quote(m.string, m.end()) else "")

    def clock_g(m: re.Match[str]) -> str | None:
        if _CLOCK_BEFORE.search(_before(m.string, m.start())) or _CLOCK_AFTER.match(
            m.string, m.end()
        ):
            return _spaced(ctx.number(int(m["h"])) + " giờ")
        if _GRAM_BEFORE.search(_before(m.string, m.start())):
            return None  # "gói 20g": grams, read by the measures pass
        ctx.warn(m.start(), m.end(), "giờ hay gam", "hours or grams")
        return None

    t.sub(
        _MINUTES_SECONDS,
        lambda m: _spaced(f"{ctx.number(int(m['m']))} phút {ctx.number(int(m['s']))} giây"),
        "time",
    )

    def spaced_clock(m: re.Match[str]) -> str | None:
        if not m["m"] and not (
            _CLOCK_BEFORE.search(_before(m.string, m.start()))
            or _CLOCK_AFTER.match(m.string, m.end())
        ):
            return None
        words = ctx.number(int(m["h"])) + " giờ"
        if m["m"] and int(m["m"]):
            words += " " + ctx.number(int(m["m"]))
            if not _MINUTE_WORD_AFTER.match(m.string, m.end()):
                words += " phút"
        return _spaced(words)

    t.sub(_SPACED_CLOCK, spaced_clock, "time")
    t.sub(_TIME, repl, "time")
    t.sub(_HOURS, lambda m: _spaced(f"{ctx.number(int(m['n']))} giờ"), "time")

    def minutes_alone(m: re.Match[str]) -> str | None:
        line = m.string[: m.start()].rsplit("\n", 1)[-1]
        if m["mark"] == "’" and _closes_quote(m.string, m.end()):
            return None
        if m["mark"] != "’" and ("'" in line or "′" in line):
            return None
        return _spaced(f"{ctx.number(int(m['m']))} phút")

    t.sub(
        _DOT_CLOCK,
        lambda m: _spaced(f"{ctx.number(int(m['h']))} giờ {ctx.number(int(m['m']))} phút"),
        "time",
    )
    t.sub(_CLOCK_G, clock_g, "time")
    t.sub(_ZERO_MINUTES, "", "time")

    def minute_prime(m: re.Match[str]) -> str | None:
        if _closes_quote(m.string, m.end()):
            return None  # "‘… 7 giờ 30’": the quote closes
        return f"{m['lead']}{ctx.number(int(m['m']))} phút"

    t.sub(_MINUTE_PRIME, minute_prime, "time")
    t.sub(_DEGREE_MINUTES, lambda m: _spaced(f"{ctx.number(int(m['m']))} phút"), "time")
    t.sub(_MINUTES_ALONE, minutes_alone, "time")


# --- 15. money, percentages, units ----------------------------------------------------------

_MEASURE = re.compile(
    rf"(?P<neg>(?<![\w.,)\]])[-−](?=\d))?{_NUM_START}(?P<num>{_QUANTITY})[^\S\n]?"
    rf"(?P<unit>{_UNIT_ALT}){_NO_LETTER_AFTER}"
    # "1tr2", "2k5": one digit after "tr" or "k" is the next group's first ("một triệu hai")
    r"(?:(?:(?<=tr)|(?<=k))(?P<tail>\d)(?![\d.,]))?"
    # "15 kg gạo/người/tháng": what is measured may stand between the unit and the slash
    rf"(?P<noun>(?:[^\S\n]+{_L}+){{1,2}}(?=/{_L}))?"
    # "đồng/học sinh/tháng": a per word of two words before a second slash
    # "60 km / h": the slash typed with spaces round it (was "ki-lô-mét, h")
    # "kg/1.000m2": the number per may carry its thousands dot (the slash was a pause)
    rf"(?:(?:(?<=[^\W\d_]|%)[^\S\n])?/(?P<pnum>\d{{1,3}}(?:\.\d{{3}})+(?=[^\S\n]?[^\W\d_])|\d+)?"
    rf"[^\S\n]?(?:(?P<per>{_PER_ALT}){_NO_LETTER_AFTER}"
    rf"|(?P<word>{_L}+(?:[^\S\n]+{_L}+(?=/{_L}))?)))?"
    rf"(?:(?:(?<={_L})[^\S\n])?/[^\S\n]?(?P<per2>{_L}+))?"
)
# Every pattern that can start on a digit says so with _NUM_START: without it a long run of
# digits is rescanned from each position (quadratic on a 20 000-character script).
_DOLLAR = re.compile(rf"\$[^\S\n]?(?P<num>{_QUANTITY})|{_NUM_START}(?P<num2>{_QUANTITY})[^\S\n]?\$")
_EURO = re.compile(rf"€[^\S\n]?(?P<num>{_QUANTITY})|{_NUM_START}(?P<num2>{_QUANTITY})[^\S\n]?€")
_DONG_FIRST = re.compile(rf"₫[^\S\n]?(?P<num>{_QUANTITY})(?P<num2>)")  # "₫5.000"
_COMRADE = re.compile(r"[^\S\n]*chí(?!\w)")


# "tải trọng 3,5T", "trọng lượng trên 5T": T is tấn on a load limit.
_LOAD_TONNES = re.compile(
    # also after a vehicle and a limit: "Cấm xe trên 10T", "xe quá 5T" (was "mười T")
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:tải trọng|trọng tải|trọng lượng|"
    # "ô tô tải trên 3,5T", "phương tiện quá 10T" like "xe" (the T was left)
    rf"(?:xe|ô tô|phương tiện)(?:[^\S\n]+{_L}+){{0,2}}?[^\S\n]+(?:trên|quá|từ|dưới|hơn|đến))"
    rf"(?:[^\S\n]+{_L}+){{0,3}}?"
    rf"[^\S\n]+)(?P<num>{_QUANTITY})[^\S\n]?(?-i:T)(?![\w])",
    re.IGNORECASE,
)


# "công suất từ 90CV", "tàu cá 400 CV": horsepower, "mã lực", when an engine is named
# in the clause before it; "gửi 2 CV" are two official letters (công văn, the lexicon's).
_HORSEPOWER = re.compile(rf"{_NUM_START}(?P<num>{_QUANTITY})[^\S\n]?(?-i:CV)(?![\w])")
_ENGINE_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:công suất|động cơ|máy|tàu|ghe|xuồng|thuyền|sà lan)(?!{_L})",
    re.IGNORECASE,
)


# Blood pressure: "140/90 mmHg", "huyết áp 120/80" → "một trăm hai mươi trên tám mươi".
_BLOOD_PRESSURE = re.compile(
    rf"(?:(?<=huyết áp)(?P<lead>(?:[^\S\n]+{_L}+){{0,3}}?[^\S\n]*:?[^\S\n]*)|{_NUM_START}(?<!/)"
    rf"(?=\d+/\d+[^\S\n]?mmHg))(?P<a>\d{{2,3}})/(?P<b>\d{{2,3}})(?![\d/]|[.,]\d)"
    rf"(?:[^\S\n]?(?P<u>(?-i:mmHg)){_NO_LETTER_AFTER})?",
    re.IGNORECASE,
)


# "cấp 01 (một) ha đất", "10.000 m2 (mười nghìn mét vuông)": a unit after the amount restated
# in words is still the amount's unit (was "ha", said as the syllable, once the bracket was
# dropped as a repetition).
_UNIT_AFTER_BRACKET = re.compile(
    r"(?P<keep>\d[^\S\n]*\([^\d()\n]{1,60}\)[^\S\n]*)"
    # "5 (năm) km2", "02 (hai) cm": any unit the synthesizer would read as letters
    rf"(?P<unit>km2|cm2|mm2|m2|m3|ha|km|kg|cm|mm|mg|ml|m){_NO_LETTER_AFTER}(?![\d/])"
)


# "giá nước 6.700 đồng mỗi m3", "tính theo m2 sàn", "cho kWh từ 0 - 50" (the power company's
# tariff), "DT (m2)": a unit with no number before it is still the unit (was "m ba", "m hai",
# and "kWh" left to the synthesizer). Only the units no word or code is written like.
_BARE_UNIT = re.compile(r"(?<![\w.,/@&-])(?P<u>m2|m3|km2|kWh)(?![\w/])")


def _measures(t: TrackedText, ctx: _Context) -> None:
    t.sub(_UNIT_AFTER_BRACKET, lambda m: m["keep"] + _UNITS[m["unit"]], "unit")

    def pressure(m: re.Match[str]) -> str:
        words = f"{ctx.number(int(m['a']))} trên {ctx.number(int(m['b']))}"
        unit = f" {_UNITS['mmHg']}" if m["u"] else ""
        return (m["lead"] or "") + _spaced(words + unit)

    t.sub(_BLOOD_PRESSURE, pressure, "unit")

    def horsepower(m: re.Match[str]) -> str | None:
        clause = re.split(r"[.!?;:\n]", _before(m.string, m.start(), 60))[-1]
        if not _ENGINE_BEFORE.search(clause):
            return None
        return _spaced(f"{read_quantity(m['num'], region=ctx.region)} mã lực")

    t.sub(_HORSEPOWER, horsepower, "unit")
    t.sub(
        _LOAD_TONNES,
        lambda m: m["lead"] + _spaced(f"{read_quantity(m['num'], region=ctx.region)} tấn"),
        "unit",
    )
    thousand = read_number(1000, region=ctx.region).split()[-1]

    def repl(m: re.Match[str]) -> str | Out | None:
        if m["unit"] == "đồng" and _COMRADE.match(m.string, m.end("unit")):
            return None  # "5 đồng chí": five comrades
        if m["word"] and m.end("word") == m.end() and re.match(r"[^\S\n]*\.", m.string[m.end() :]):
            dotted = m["word"] + "."
            if dotted in curated() or dotted in ctx.lexicon:
                # "0%/Tm.0": a dotted abbreviation ("Tm." Thay mặt) is no per word; taken as one,
                # its dot was left and a second reading said "Thay mặt" (the property test)
                return None
        unit = (_UNITS[m["unit"]] or thousand).replace("nghìn", thousand)  # "‰": "phần ngàn"
        money = unit in _MONEY_WORDS
        num = _ZERO_CENTS.sub("", m["num"]) if money else m["num"]
        tail = f" {DIGITS[int(m['tail'])]}" if m["tail"] else ""
        words = f"{read_quantity(num, region=ctx.region)} {unit}{tail}{m['noun'] or ''}"
        if m["neg"]:  # "-5°C": below zero
            words = "âm " + words
        if m["per"] or m["word"]:
            per = _PER_UNITS[m["per"]] if m["per"] else m["word"]
            if m["pnum"] and (m["per"] in _TIME_UNITS or (not money and per in _PERIODS)):
                # mm/24h: "trong hai mươi tư giờ"; so "200mm/3 ngày" (was "trên ba ngày")
                words += f" trong {ctx.number(int(m['pnum'].replace('.', '')))} {per}"
            elif (
                m["pnum"] and money and int(m["pnum"].replace(".", "")) == 1
            ):  # đồng/1 người: "đồng một người"
                words += f" một {per}"
            elif m["pnum"] and money and per in _PERIODS:
                # "1.263.600 đồng/12 tháng": what is paid for so many months, "cho mười hai
                # tháng" (was "trên mười hai tháng", a rate)
                words += f" cho {ctx.number(int(m['pnum'].replace('.', '')))} {per}"
            elif m["pnum"]:  # mg/100 ml: "mi-li-gam trên một trăm mi-li-lít"
                words += f" trên {ctx.number(int(m['pnum'].replace('.', '')))} {per}"
            elif money and m["unit"] in ("triệu", "nghìn", "ngàn") and m["per"] in _VOLUMES:
                words += f" trên {per}"  # "4,2 triệu/mm3": a count of cells, no money
            elif money:  # 50.000đ/người, 20.000 đ/kg: "… đồng một người", "… một ki-lô-gam"
                words += f" một {per}"
            elif m["per"]:  # km/h: "ki-lô-mét trên giờ"
                words += f" trên {per}"
            elif per.isupper() and re.match(r"[^\S\n]*\d", m.string[m.end() :]):
                # "45,2m/MNDBT 48,0m": a level over a named level and its value, like
                # "45,2m/48,0m" (was "mỗi mực nước dâng bình thường")
                words += f" trên {per}"
            else:  # 100 mm/ngày: "mi-li-mét mỗi ngày"
                words += f" mỗi {per}"
        if m["per2"]:  # đồng/người/tháng: "đồng một người một tháng"
            words += f" {'một' if money else 'mỗi'} {m['per2']}"
        return Out(_spaced(words), "money" if money else "unit")

    def currency(name: str) -> Callable[[re.Match[str]], str]:
        def say(m: re.Match[str]) -> str:
            return _spaced(f"{read_quantity(m['num'] or m['num2'], region=ctx.region)} {name}")

        return say

    t.sub(_DOLLAR, currency("đô la"), "money")
    t.sub(_EURO, currency("ơ-rô"), "money")
    t.sub(_DONG_FIRST, currency("đồng"), "money")
    t.sub(_MEASURE, repl)
    t.sub(_BARE_UNIT, lambda m: _UNITS[m["u"]], "unit")


# --- 16. per words --------------------------------------------------------------------------

# "01 tháng/lần" → "một tháng một lần"; "2 lần/tháng" → "hai lần mỗi tháng"; "3 người/hộ" →
# "ba người mỗi hộ"; a second slash the same way ("3 suất/người/ngày" → "ba suất mỗi người
# mỗi ngày"). Only after a number: "Nam/nữ" stays a pause.
_PER_WORD = re.compile(
    rf"(?<=\d)(?P<gap>[^\S\n]+(?:{_L}+[^\S\n]+)?)(?P<a>{_L}+)[^\S\n]*/[^\S\n]*(?P<b>{_L}+[23]?)"
    rf"(?:[^\S\n]*/[^\S\n]*(?P<c>{_L}+))?"
)
_PERIODS = {"ngày", "tuần", "tháng", "quý", "năm", "giờ", "buổi", "phút"}

_TIMES_WORDS = {"lần", "đợt", "buổi", "lượt", "kỳ", "cuộc"}


# "1.000.000/người/năm", "50.000/hộ/tháng": an amount with its thousands dots and no unit,
# per so much: "một triệu mỗi người mỗi năm" (was a pause, "một triệu, người, năm").
_AMOUNT_PER = re.compile(
    rf"(?<=\.\d{{3}})/(?P<b>{_L}+[23]?)(?:/(?P<c>{_L}+))?{_NO_LETTER_AFTER}(?![\d/])"
)


def _per_words(t: TrackedText, ctx: _Context) -> None:
    def amount_per(m: re.Match[str]) -> str | None:
        if not all(w.islower() for w in (m["b"], m["c"] or "x")):
            return None
        if m["b"] in _VOLUMES and not m["c"]:  # "tiểu cầu 100.000/mm3": a count per volume
            return _spaced(f"trên {_UNITS[m['b']]}")
        words = [_UNITS.get(w) or w for w in (m["b"], m["c"]) if w]
        return _spaced(" ".join(f"mỗi {w}" for w in words))

    t.sub(_AMOUNT_PER, amount_per, "unit")

    def repl(m: re.Match[str]) -> str | None:
        a, b = m["a"], m["b"]
        if not (a.islower() and b.islower()):
            return None
        # "1 tháng/lần": once a month; "2 triệu đồng/hộ": per household
        once = (a in _PERIODS and b in _TIMES_WORDS) or a in _MONEY_WORDS
        joint = "một" if once else "mỗi"
        unit = _UNITS.get(b)
        if unit and unit not in _MONEY_WORDS and b != "%":
            # "40.000 cây/ha", "30 con/m2": a count per unit, "trên" like "kg/ha"
            # "4,2 triệu/mm3": millions of cells per a volume, no money
            money = a in _MONEY_WORDS and not (a in ("triệu", "nghìn", "ngàn") and b in _VOLUMES)
            b, joint = unit, "một" if money else "trên"
        elif b[-1].isdigit():
            return None
        words = f"{m['gap']}{a} {joint} {b}"
        if m["c"]:  # "3 suất/người/ngày", "65 triệu đồng/người/năm"
            if not m["c"].islower():
                return None
            words += f" {'một' if a in _MONEY_WORDS else 'mỗi'} {m['c']}"
        return words

    t.sub(_PER_WORD, repl, "unit")


# --- 17. lexicon and curated abbreviations --------------------------------------------------


@functools.lru_cache(maxsize=16)
def _lexicon_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    curated_keys = [k for k in curated() if "/" not in k and k not in keys]
    if not keys and not curated_keys:
        return None
    sources = {re.escape(k): len(k) for k in keys}
    sources.update({key_pattern(k): len(k) for k in curated_keys})
    alternation = "|".join(sorted(sources, key=lambda s: sources[s], reverse=True))
    # Only letters count as a word edge: "3CA" still holds "CA" (digits are read apart), and
    # a key may start or end with punctuation ("TP.", "NĐ-CP").
    return re.compile(rf"{_NO_LETTER_BEFORE}(?:{alternation}){_NO_LETTER_AFTER}", re.IGNORECASE)


def _prepared_lexicon(lexicon: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for term, spoken in lexicon.items():
        term = unicodedata.normalize("NFC", str(term).strip())
        if term:
            out[term] = unicodedata.normalize("NFC", " ".join(str(spoken).split()))
    return out


_DASHES = re.compile(r"\s*[-–]\s*")


# A capital and a dot: a place ("P. Tân Định") by the curated list, else a person's initial.
_INITIAL = re.compile(r"[A-ZĐ]\.")

# "T2-T6", "T2 - CN": from one weekday to another.
_WEEKDAY_DASH = re.compile(
    r"(?<![^\W_])(?P<a>T[2-7])[^\S\n]*[-–][^\S\n]*(?=(?:T[2-7]|CN)(?![^\W_]))"
    # "(thứ Năm-thứ Sáu)", "thứ Hai - Chủ nhật": written out too
    # "Thứ 2 - Thứ 6" too (the dash was left between the two and read "đến" only on a second pass)
    r"|(?<![^\W_])(?P<w>(?i:thứ)[^\S\n]+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy|[2-7]"
    r"(?![\d.,])))[^\S\n]*[-–][^\S\n]*(?=(?i:thứ|chủ nhật)(?![^\W_]))"
)


# "KP.3", "KP. 3": the dot of an abbreviation that the curated list reads because of the
# number after it is the abbreviation's, not a sentence's end ("khu phố ba"; was "khu phố.
# ba", a pause). "UBND. 3 hộ …" keeps its full stop.
# "Chung cư CT3", "tòa nhà TT2", "block NQ1": letters glued to a number after a building are
# its name, spelled ("xê tê ba"; was "Chỉ thị ba"). So is a form's code after mẫu, tờ khai
# ("Tờ khai CT01", "mẫu CT01, CT02" → "xê tê không một"; was "Chỉ thị không một").
_BUILDING_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:chung cư|tòa nhà|toà nhà|tòa|toà|dãy nhà|khu nhà|nhà|block|blốc|"
    r"khối nhà|mẫu(?:[^\S\n]+số)?|biểu mẫu|tờ khai)[^\S\n]+"
    r"(?:(?-i:[A-ZĐ]{1,4})\d{1,4}[^\S\n]*(?:,|và|hoặc)[^\S\n]*)*$",
    re.IGNORECASE,
)
_VIRUS_TYPE_AFTER = re.compile(r"-(?-i:[A-ZĐ])\d{1,3}(?![^\W_])")
_ABBREVIATION_DOT = re.compile(r"(?<![^\W_])(?P<key>[A-ZĐ][A-ZĐa-zđ]{1,5})\.(?=[^\S\n]?\d)")


# A word of capitals on the same line: "LÝ" of "LÝ DO", "MƯA" of "DO MƯA".
# (any marks between, not only spaces: "bA#aA", "aA~bA" were read on a second reading only, once
# the marks were spaces; found by the property test)
_CAPS_BEFORE = re.compile(rf"(?<!{_L})({_L}{{2,}})[^\w\n]+$")
_CAPS_AFTER = re.compile(rf"[^\w\n]+({_L}{{2,}})(?!{_L})")


def _heading_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a key of the curated list none of whose readings fits, is a
    word of a heading in capitals: a Vietnamese syllable with a word of capitals next to it
    ("II. LÝ DO VÀ SỰ CẦN THIẾT", "THÔNG BÁO DO MƯA LỚN"; "DO" was spelled "dê ô" and
    flagged). Alone among lower-case words ("chỉ số DO") it stays an abbreviation."""
    word = text[start:end]
    if not (word.isupper() and word.isalpha() and _is_syllable(word)):
        return False
    before = _CAPS_BEFORE.search(text, max(0, start - 30), start)
    after = _CAPS_AFTER.match(text, end)
    return any(n is not None and n[1].isupper() for n in (before, after))


def _unsaid(expansion: str, before: str) -> str:
    """The expansion without its first words when the text just said them: "tiêm chủng TCMR"
    → "tiêm chủng mở rộng", "Ngân hàng NHCSXH" → "Ngân hàng Chính sách xã hội" (were said
    twice)."""
    words = expansion.split()
    said = re.findall(rf"{_L}+", before.casefold())
    if re.search(r"[^\w\s]\s*$", before):
        return expansion  # "tiêm chủng: TCMR", "Ngân hàng, NHCSXH": a pause between them
    for n in range(len(words) - 1, 0, -1):
        if said[-n:] == [w.casefold() for w in words[:n]]:
            return " ".join(words[n:])
    return expansion


# "Tm .", "TP ." at a sentence's end: the tidy-up would glue the dot back ("Tm.") and a second
# pass read it as the abbreviation; glued here, the first pass does.
_SPACE_BEFORE_FULL_STOP = re.compile(r"(?<=[^\W\d_])[^\S\n]+(?=\.(?:\s|$))")
# "Tm .0": a dotted key before a digit is glued too, or the tidy-up glues it after the number is
# read ("Tm. không") and a second reading says "Thay mặt" (found by the property test).
_SPACE_BEFORE_KEY_DOT = re.compile(rf"(?<![^\W_])(?P<w>{_L}+)[^\S\n]+(?=\.\d)")


# A run of capitals that may be two abbreviations typed together.
_CAPS_RUN = re.compile(r"(?<![^\W_]|[-/.])[A-ZĐ]{4,12}(?![^\W_]|[-/]\w|\.\w|\d)")
# A run of lower-case letters without tone marks that may be an abbreviation typed on a phone.
# (a digit glued before or after, or a slash, does not hide it: "0ubnd", "Đđk0", "/Đđk", "a/ubnd"
# read on the first reading as on the second, once the slash is a pause; found by the property test)
_LOWER_RUN = re.compile(r"(?<![^\W\d_]|[-.@&])[a-zđ]{3,8}(?![^\W\d_]|[-.@&]\w)")
_CAPITALISED_RUN = re.compile(r"(?<![^\W\d_]|[-.@&])[A-ZĐ][a-zđ]{2,7}(?![^\W\d_]|[-.@&]\w)")
# A strength written with a decimal, glued to the key: "0.75TP", "1,8EC".
_STRENGTH_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}[.,]\d{1,3}$")
# A dotted key ("TP.") at the end of its line: the dot ends the sentence as well.
_LINE_END = re.compile(r"[^\S\n]*(?:\n|$)")
_WORD_ON_LINE = re.compile(rf"{_L}")
# "Về TP. Sau đó đi Hà Nội": a word that opens sentences and begins no place's name after a
# dotted place says the dot ends the sentence ("TP. Huế", "TP. Tuy Hòa", "TP. Đồng Hới" go on).
_SENTENCE_OPENER = re.compile(
    r"[^\S\n]+(?:Sau (?:đó|khi)|Tuy nhiên|Do (?:đó|vậy)|Vì (?:vậy|thế)|Trong (?:đó|thời gian)|"
    r"Ngoài ra|Đồng thời|Hiện nay|Theo đó|Bên cạnh đó|Mọi|Các|Những|Đề nghị|Kính đề nghị|"
    r"Nhưng|Riêng|Khi|Nếu|Người dân|Bà con|Thời gian|Địa điểm|Hãy|Xin|Chúng tôi)(?![^\W_])"
)
_JOINED_BODIES = re.compile(r"(?<![^\W_]|-)[A-ZĐ]{2,8}(?:-[A-ZĐ]{2,8})+(?![^\W_]|-)")


def _lexicon(t: TrackedText, ctx: _Context) -> None:
    t.sub(_WEEKDAY_DASH, lambda m: f"{m['a'] or m['w']} đến ", "range")

    def variant(m: re.Match[str]) -> str | None:
        # before the abbreviations: "KP.3" after "biến thể" is no "khu phố ba"
        if not _VARIANT_BEFORE.search(_before(m.string, m.start(), 80)):
            return None
        numbers = " chấm ".join(spell(n, region=ctx.region) for n in m["n"].split("."))
        return _spaced(f"{spell_letters(m['l'])} {numbers}")

    t.sub(_VARIANT, variant, "spelling")
    t.sub(_SPACE_BEFORE_FULL_STOP, "", None)
    t.sub(
        _SPACE_BEFORE_KEY_DOT,
        lambda m: m["w"] if f"{m['w']}." in curated() or f"{m['w']}." in ctx.lexicon else None,
        None,
    )
    pattern = _lexicon_pattern(tuple(ctx.lexicon))
    if pattern is None:
        return
    folded = {k.casefold(): k for k in ctx.lexicon if not k.isupper()}
    table = curated()

    def abbreviation_dot(m: re.Match[str]) -> str | None:
        key = m["key"]
        if key not in table or key + "." in table or key in ctx.lexicon:
            return None
        undotted = m.string[: m.end("key")] + m.string[m.end() :]
        start, end = m.start(), m.end("key")
        numbered = any(r.after is not None and r.fits(undotted, start, end) for r in table[key])
        return key if numbered else None

    t.sub(_ABBREVIATION_DOT, abbreviation_dot, "typography")

    def body_name(key: str) -> bool:
        """Whether `key` is read, whatever its context, as the name of a body ("UBND")."""
        spoken = ctx.lexicon.get(key)
        if spoken is None:
            readings = table.get(key, ())
            if len(readings) != 1 or readings[0].before or readings[0].after:
                return False
            spoken = readings[0].expansion
        return spoken[:1].isupper()

    def plain(key: str) -> bool:
        """Whether `key` has one reading whatever its context (a lexicon entry or one row)."""
        if key in ctx.lexicon:
            return key.isupper()
        readings = table.get(key, ())
        return len(readings) == 1 and not (
            readings[0].before or readings[0].after or readings[0].warn
        )

    def joined_bodies(m: re.Match[str]) -> str | None:
        # "Văn phòng HĐND-UBND": two bodies joined by a hyphen are said with a pause between
        # their names ("Hội đồng nhân dân - Ủy ban nhân dân"; the hyphen was left glued).
        joined = m[0]
        if joined in ctx.lexicon or joined in table:
            return None
        parts = joined.split("-")
        # "NVQS-CAND", "PCCC-CNCH": any two with one reading each, too (were glued)
        if not all(body_name(p) or plain(p) for p in parts):
            return None
        return " - ".join(parts)

    t.sub(_JOINED_BODIES, joined_bodies, "typography")

    def compound(m: re.Match[str]) -> str | None:
        # "CBNVQS", "PCCCCNCH": two abbreviations typed as one, each with a single reading, are
        # read one after the other (were spelled and flagged). Only when a single split works.
        word = m[0]
        if word in ctx.lexicon or word in table:
            return None
        splits = [
            (word[:i], word[i:])
            for i in range(2, len(word) - 1)
            if plain(word[:i]) and plain(word[i:])
        ]
        return " ".join(splits[0]) if len(splits) == 1 else None

    t.sub(_CAPS_RUN, compound, None)

    def lower_acronym(m: re.Match[str]) -> str | None:
        # "mang cccd đến ubnd xã", "nộp bhyt": an abbreviation typed in lower case on a phone is
        # read like its capitals when those have one reading and the word is no Vietnamese
        # syllable, even typed without its tone ("ca", "an", "luc" stay words); was left to the
        # synthesizer
        word = m[0]
        if _SYLLABLE.fullmatch(word.lower()):
            return None
        upper = word.upper()
        return upper if plain(upper) else None

    t.sub(_LOWER_RUN, lower_acronym, None)
    # "Ubnd xã Tân Phú", "Cccd bản gốc": the same typed at a sentence's start, its first letter
    # capitalised by the phone (was left to the synthesizer)
    t.sub(_CAPITALISED_RUN, lower_acronym, None)

    def repl(m: re.Match[str]) -> str | Out | None:
        out = read_key(m)
        if (
            isinstance(out, Out)
            and m[0].endswith(".")
            and not out.text.endswith(".")
            and (_LINE_END.match(m.string, m.end()) or _SENTENCE_OPENER.match(m.string, m.end()))
            and _WORD_ON_LINE.search(m.string, m.string.rfind("\n", 0, m.start()) + 1, m.start())
        ):
            # "Về TP.": the key's dot is the sentence's full stop too (was swallowed); alone on
            # its line ("TM." over a signature) it is the abbreviation's only
            return Out(out.text + ".", out.kind)
        return out

    def read_key(m: re.Match[str]) -> str | Out | None:
        found = m[0]
        if found.isupper() and _STRENGTH_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
            # "Sát trùng Linh 0.75TP", "Abamectin 1.8EC": capitals glued to a strength with a
            # decimal are the product's formulation, spelled unless a row reads it there (was
            # "thành phố")
            reading = resolve(found, m.string, m.start(), m.end()) if found in table else None
            if reading is None or reading.before is None:
                return Out(
                    spell_letters(found.rstrip(".")) + found[len(found.rstrip(".")) :], "spelling"
                )
        if found.isupper() and _VIRUS_TYPE_AFTER.match(m.string, m.end()):
            return None  # "CV-A6": the virus and its type, spelled by the codes pass
        if m.string[m.end() : m.end() + 1].isdigit() and _BUILDING_BEFORE.search(
            _before(m.string, m.start())
        ):
            return None  # "Chung cư CT3": a building's name, spelled by the codes pass
        if m.string[m.end() : m.end() + 1].isdigit() and _VARIETY_BEFORE.search(
            _before(m.string, m.start(), 60)
        ):
            return None  # "giống lúa ĐT8, BC15": a variety, spelled by the codes pass
        # All-capitals keys are abbreviations and match only as written ("CA" is Công an,
        # "ca" is a shift or a song); other keys match in any case ("facebook", "ZALO").
        key = found if found in ctx.lexicon else folded.get(found.casefold())
        if key is not None:
            spoken = ctx.lookup(key) or found
            if spoken and key[:1].islower() and found[:1].isupper():
                spoken = spoken[0].upper() + spoken[1:]  # "Online" at the start of a sentence
            return Out(spoken, "lexicon")
        key = _DASHES.sub("-", found) if found not in table else found
        if key not in table:
            return None
        reading = resolve(key, m.string, m.start(), m.end())
        if reading is None and _INITIAL.fullmatch(key):
            return None  # "Nguyễn Văn H.": an initial, not "huyện"
        if reading is None and _heading_word(m.string, m.start(), m.end()):
            return None  # "II. LÝ DO VÀ SỰ CẦN THIẾT": a word, lowered by the capitals pass
        if reading is None and re.match(r"-?\d", m.string[m.end() : m.end() + 2]):
            return (
                None  # "loại MT3", "ĐV108": letters glued to a number are a code (the codes pass)
            )
        if reading is None and key.endswith("."):
            # "Đi TX.", "Về Tp.": no row of the dotted place fits (no name after it), so the dot
            # is the sentence's, and the key without it may have a reading (was spelled)
            undotted = found[:-1]
            said = ctx.lookup(undotted) or ctx.lookup(undotted.upper())  # "Tp." as "TP"
            if said is None and undotted in table:
                row = resolve(undotted, m.string, m.start(), m.end() - 1)
                said = row.expansion if row is not None and not row.warn else None
            if said is not None:
                return Out(said + ".", "abbreviation")
        if reading is None:
            ctx.warn(
                m.start(),
                m.end(),
                "chữ viết tắt nhiều nghĩa, đang đánh vần",
                "an abbreviation with several meanings; spelled out",
            )
            return Out(spell_letters(found), "spelling")
        if reading.warn:
            ctx.warn(
                m.start(),
                m.end(),
                f"đang đọc là “{reading.expansion}”",
                f"read as “{reading.expansion}”",
            )
        return Out(_unsaid(reading.expansion, _before(m.string, m.start())), "abbreviation")

    t.sub(pattern, repl)


# --- 18. codes ------------------------------------------------------------------------------

# Capitals glued to a number: "PV05" "pê vê không năm", "F0" "ép không", "A1" "a một".
# "H5N1" alternates letters and numbers; "A/H5N1" names the influenza type before it.
# A formula may end on letters: "N2O", "H2S" ("nờ hai o", "hát hai ét").
# A hyphen may join them: "CB-20", "DEN-1", "CT-01" (was "xê bê- hai mươi", CB flagged).
# Four capitals only before a hyphen and a short number, a serotype: "DENV-1", "DENV-2" ("dê e
# nờ vê một"; DENV was flagged and the hyphen left glued, "vê- một").
# Two or three capitals and a hyphen may name the virus before its type: "EV-A71", "CV-A6"
# ("e vê a bảy mươi mốt"; was "e vê- a …", EV flagged, and CV read "công văn").
# A code ending on digits may go on after a dot: "trạm E1.19", "lộ 471 E1.19" ("e một chấm mười
# chín"; the dot was left and read as a full stop).
_CODE = re.compile(
    r"(?<![^\W_])(?P<code>(?:[A-ZĐ]{4}-\d{1,2}(?!\d)|(?:[A-ZĐ]{2,3}-(?=[A-ZĐ]\d))?[A-ZĐ]{1,3}-?\d{1,6})"
    r"(?:[A-ZĐ]{1,3}-?\d{1,6})*[A-ZĐ]{0,2})(?P<dots>(?<=\d)(?:\.\d{1,3})+(?!\d|[.,]\d))?"
    r"(?![^\W_])"
)
# A variant's name in a health bulletin: "biến thể XBB.1.5", "các dòng phụ BA.2.86, JN.1" are
# the letters, then the numbers with "chấm" between them ("ích bê bê một chấm năm"; the letters
# were flagged and the first dot read as a full stop). Only after a word naming a variant.
_VARIANT = re.compile(
    r"(?<![^\W_])(?P<l>(?-i:[A-Z]{1,4}))\.(?P<n>\d{1,3}(?:\.\d{1,3}){0,3})(?!\d|[.,]\d|[^\W_])"
)
_VARIANT_BEFORE = re.compile(
    r"(?:biến thể|biến chủng|chủng|dòng phụ|dòng|nhánh|Omicron)(?:[^.!?\n]|\.(?=\d)){0,60}$",
    re.IGNORECASE,
)
_FLU_TYPE = re.compile(r"(?<![\w/])(?P<t>[AB])/(?=H\d{1,2}N\d{1,2}(?![^\W_]))")
# "cúm A(H1N1)", "A (H3N2)": the subtype in brackets after the type is read like "A/H1N1" ("a hát
# một nờ một"; the bracket was a pause and the capital left: "cúm A, hát một nờ một").
_FLU_BRACKET = re.compile(
    r"(?<![\w/])(?P<t>[AB])[^\S\n]?\([^\S\n]*(?P<h>H\d{1,2}N\d{1,2})[^\S\n]*\)"
)
# "bà N.T.H", "anh L.V.M (SN 1990)": a person's initials joined by dots, as police notices hide a
# name, are said by the letters' names ("nờ tê hát"; they were left to the synthesizer). One
# capital and a dot ("Nguyễn Văn H.") stays an initial as written.
# A digit next to them is no part of them ("0A.Đ"): once it is read, the initials stand alone, so
# they are read on the first pass already.
_INITIALS = re.compile(
    # (a stray dot before them is no initial: ".A.A" is "a a" on the first reading as on the
    # second, once the tidy-up has dropped the dot; found by the property test)
    r"(?<![^\W\d_])(?<![^\W\d_]\.)(?P<i>(?-i:[A-ZĐ])(?:\.(?-i:[A-ZĐ])){1,3})(?![^\W\d_]|\.[^\W\d_])"
)


# Rice varieties written with a space, "lúa IR 50404, OM 5451 và ST 25": codes, as glued.
_VARIETY_CODE = r"(?-i:[A-ZĐ]{2,3})[^\S\n]+\d{1,6}(?![\d\w]|[.,]\d)"
_VARIETIES = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:lúa|gạo|giống(?:[^\S\n]+lúa)?)[^\S\n]+)"
    rf"(?P<list>{_VARIETY_CODE}(?:[^\S\n]*(?:,|và|hoặc)[^\S\n]*{_VARIETY_CODE})*)",
    re.IGNORECASE,
)


# "Bê tông M250", "bê tông đá 1x2 M200", "vữa xi măng M75": a strength grade, "mác hai trăm
# năm mươi" as builders say it (was spelled "mờ …").
_GRADE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:bê tông|bêtông|vữa)(?:[^\S\n]+[^\s,.;:()]+){{0,4}}?"
    r"[^\S\n]+(?:mác[^\S\n]+)?)(?-i:M)[^\S\n]?(?P<n>\d{2,3})"
    # "M200-M250": a range of grades, the letter written twice ("mác hai trăm đến mác hai trăm
    # năm mươi"; the second was spelled "mờ …")
    r"(?:[^\S\n]*[-–][^\S\n]*(?-i:M)[^\S\n]?(?P<n2>\d{2,3}))?(?!\w|[.,]\d)",
    re.IGNORECASE,
)


# Earthquake bulletins (Viện Vật lý Địa cầu): "độ lớn M4.0", "động đất M 5,2", "(M=3.8)": M is
# the magnitude, its dot a decimal point ("độ lớn bốn phẩy không"; was "mờ bốn. không"). Only
# where the sentence speaks of an earthquake or a magnitude before it.
_MAGNITUDE = re.compile(
    r"(?<![^\W_])(?-i:M)[^\S\n]?=?[^\S\n]?(?P<n>\d(?:[.,]\d{1,2})?)(?![\w]|[.,]\d)"
)
_MAGNITUDE_WORDS = re.compile(r"(?:động đất|độ lớn|chấn tiêu|chấn tâm)[^.!?\n]*$", re.IGNORECASE)
_MAGNITUDE_SAID = re.compile(r"độ lớn[^\S\n]*(?:là[^\S\n]*)?\(?[^\S\n]*$", re.IGNORECASE)


# "thông điệp 5K", "mô hình 3K", "màn hình 4K": a digit and a capital K name a set of things
# that begin with K, said "năm ca" (was "năm K"). A price ("Giá 5K/kg") is left alone.
_K_SET = re.compile(r"(?<![\w.,/])(?P<n>[1-9])(?-i:K)(?![^\W_]|[.,]\d|[^\S\n]*/)")
_PRICE_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:giá|phí|tiền|thu|mua|bán|trả|chi|lương)[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE,
)


# Gold: "vàng nhẫn 9999", "vàng miếng 999,9" are the purity, "bốn số chín" as the markets say it
# (was "chín nghìn chín trăm chín mươi chín"); "vàng 18K", "vàng tây 24K" the carats, "mười tám
# ca" (the K was left to the synthesizer). Up to three words between "vàng" and the mark.
_GOLD = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>vàng(?:[^\S\n]+{_L}+){{0,3}}?[^\S\n]+)"
    r"(?:(?P<nines>9{4}|9{3}[.,]9|9{2}[.,]9{2}|9{3})|(?P<k>[1-9]\d?)(?-i:K))(?![\w]|[.,]\d)",
    re.IGNORECASE,
)
_NINES = {3: "ba số chín", 4: "bốn số chín"}


# Power-cut notices name a feeder by three digits, "lộ 471", "xuất tuyến 373", "máy cắt 471": the
# voltage, the busbar and the line, said digit by digit as the electricity company says them
# ("lộ bốn bảy một"; was "bốn trăm bảy mươi mốt"). Only in a sentence about the grid.
_FEEDER = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:lộ|xuất tuyến|ngăn lộ|máy cắt|(?-i:MC))[^\S\n]+"
    r"(?:số[^\S\n]+)?)(?P<n>\d{3})(?!\d|[.,]\d|[^\S\n]?(?:kV|KV|kv)(?![^\W_]))",
    re.IGNORECASE,
)
_GRID = re.compile(
    r"(?:kV|ki-lô-vôn|điện|(?-i:ĐZ|TBA|MBA)|đường dây|trạm biến áp|trạm)", re.IGNORECASE
)


# "thôn 2A", "Tổ 5B", "phòng 2B": a hamlet, a group or a room numbered with a letter, said by
# the letter's name ("thôn hai a", "tổ năm bê"; the capital was left to the synthesizer). Not a
# house before a slash ("12A/3", read as an address), nor "9A+".
_LETTERED_PLACE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:tổ dân phố|khu phố|thôn|ấp|tổ|khu|xóm|khóm|bản|buôn|"
    r"phòng|dãy|lô)[^\S\n]+)(?P<n>\d{1,3})(?P<l>(?-i:[A-Z]))(?![^\W_]|[-+/]|[.,]\d)",
    re.IGNORECASE,
)


def _codes(t: TrackedText, ctx: _Context) -> None:
    def k_set(m: re.Match[str]) -> str | None:
        if _PRICE_BEFORE.search(_before(m.string, m.start())):
            return None
        return _spaced(f"{ctx.number(int(m['n']))} {spell_letters('K')}")

    t.sub(_K_SET, k_set, "spelling")

    def gold(m: re.Match[str]) -> str:
        if m["nines"]:
            return m["lead"] + _spaced(_NINES[m["nines"].count("9")])
        return m["lead"] + _spaced(f"{ctx.number(int(m['k']))} {spell_letters('K')}")

    t.sub(_GOLD, gold, "number")

    def feeder(m: re.Match[str]) -> str | None:
        start = max(m.string.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        end = min((i for i in (m.string.find(c, m.end()) for c in "!?\n") if i >= 0), default=-1)
        sentence = m.string[start : len(m.string) if end < 0 else end]
        # "lộ" alone may be a road ("trên lộ 925"); a breaker or a feeder named so is the grid's
        if m["lead"][:2].casefold() == "lộ" and not _GRID.search(sentence.replace(m[0], "")):
            return None
        return m["lead"] + _spaced(read_digits(m["n"]))

    t.sub(_FEEDER, feeder, "number")

    def magnitude(m: re.Match[str]) -> str | None:
        before = _before(m.string, m.start(), 120)
        if not _MAGNITUDE_WORDS.search(before):
            return None
        said = "" if _MAGNITUDE_SAID.search(before) else "độ lớn "
        return _spaced(said + read_quantity(m["n"].replace(".", ","), region=ctx.region))

    t.sub(_MAGNITUDE, magnitude, "number")

    def variety(m: re.Match[str]) -> str:
        spoken = re.sub(
            _VARIETY_CODE,
            lambda c: _spaced(spell("".join(c[0].split()), region=ctx.region)),
            m["list"],
        )
        return m["lead"] + spoken

    t.sub(_VARIETIES, variety, "spelling")

    def grade(m: re.Match[str]) -> str:
        said = "" if m["lead"].rstrip().casefold().endswith("mác") else "mác "
        words = f"{said}{ctx.number(int(m['n']))}"
        if m["n2"]:
            words += f" đến mác {ctx.number(int(m['n2']))}"
        return m["lead"] + _spaced(words)

    t.sub(_GRADE, grade, "number")
    t.sub(_FLU_TYPE, lambda m: _spaced(spell_letters(m["t"])), "spelling")
    t.sub(
        _FLU_BRACKET,
        lambda m: _spaced(f"{spell_letters(m['t'])} {spell(m['h'], region=ctx.region)}"),
        "spelling",
    )
    t.sub(_INITIALS, lambda m: _spaced(spell_letters(m["i"].replace(".", ""))), "spelling")
    t.sub(
        _LETTERED_PLACE,
        lambda m: (
            m["lead"]
            + _spaced(f"{read_integer_string(m['n'], region=ctx.region)} {spell_letters(m['l'])}")
        ),
        "spelling",
    )

    def code(m: re.Match[str]) -> str:
        words = spell(m["code"].replace("-", ""), region=ctx.region)
        for part in (m["dots"] or "").split(".")[1:]:
            words += " chấm " + spell(part, region=ctx.region)
        return _spaced(words)

    t.sub(_CODE, code, "spelling")


# --- 19. ordinals and numbers ---------------------------------------------------------------

_ORDINAL = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<word>thứ)\s+(?P<n>\d{{1,3}}){_NUM_END}", re.IGNORECASE
)
_RATIO = re.compile(
    rf"{_NUM_START}(?P<a>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d{{1,2}}\.\d{{1,2}}(?=/\d{{1,3}}(?![\d.,]))"
    # "đạt 3,5/6,8 tỷ đồng": so much of a planned total, both with decimals (was "ba phẩy năm, sáu
    # phẩy tám", the slash a pause)
    rf"|\d+(?:,\d+)?)/(?P<b>\d{{1,3}}(?:\.\d{{3}})+|\d+(?:,\d+)?){_NUM_END}"
)
# "12/15 thôn", "19/19 tiêu chí", "1.234/1.500 trẻ": so many of a total, said "trên".
_COUNTED = re.compile(r"[^\S\n]+(?!(?:năm|tháng|ngày)\b)[^\W\d_]")
_SCALE_AFTER = re.compile(
    rf"[^\S\n]*(?:triệu|tỷ|tỉ|nghìn|ngàn|điểm){_NO_LETTER_AFTER}", re.IGNORECASE
)
# "Điểm thi: Toán 8.5, Văn 7.25": a subject's mark in a sentence about marks, its dot a decimal
# point (was "tám chấm năm").
_SUBJECT_MARK_BEFORE = re.compile(
    r"(?<![^\W_])điểm(?![^\W_])(?![^\S\n]+danh)(?:[^.!?\n]|(?<=\d)\.(?=\d))*?(?<![^\W_])(?:Toán|Văn|Ngữ văn|Anh|Tiếng Anh|Ngoại ngữ|Lý|"
    r"Vật lý|Hóa|Hoá|Hóa học|Sinh|Sinh học|Sử|Lịch sử|Địa|Địa lý|GDCD|Tin|Tin học)"
    r"[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE,
)
_PLUS_BETWEEN_NUMBERS = re.compile(r"(?<=\d)[^\S\n]*\+[^\S\n]*(?=\d)")
_NUMBER = re.compile(
    rf"(?P<neg>(?<![\w.,)\]])[-−](?=\d))?(?P<tok>{_ENGLISH_THOUSANDS}"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,]\d)"
    r"|\d+,\d+|\d+(?:\.\d+)+|\d+)"
)


def _numbers(t: TrackedText, ctx: _Context) -> None:
    region = ctx.region

    def ordinal(m: re.Match[str]) -> str:
        return f"{m['word']} {read_ordinal(int(m['n']), region=region)} "

    def ratio(m: re.Match[str]) -> str | None:
        out_of = _OUT_OF_BEFORE.search(_before(m.string, m.start()))
        dotted = re.fullmatch(r"\d+\.\d{1,2}", m["a"]) is not None
        if dotted and not out_of:
            return None  # "Mục 1.2/3": a section and something else, left as before
        # "GPA 2,5/4", "đạt 8,5/10": a decimal over a scale's top is a score, nothing else
        score = ("," in m["a"] or dotted) and m["b"] in ("4", "5", "10", "20", "100")
        if not _COUNTED.match(m.string, m.end()) and not out_of and not score:
            ctx.warn(m.start(), m.end(), "đang đọc là “… trên …”", "read as “… over …”")
        # "125,5/100.000 dân": a rate per so many, the first part may have decimals.
        if "," in m["b"]:
            over = read_quantity(m["b"], region=region)
        else:
            over = read_integer_string(m["b"].replace(".", ""), region=region)
        return _spaced(f"{read_quantity(m['a'], region=region)} trên {over}")

    def number(m: re.Match[str]) -> str:
        token = m["tok"]
        if (
            token.isdigit()
            and len(token) > 1
            and token[0] == "0"
            and re.match(_L, m.string[m.start() - 1 : m.start()])
        ):
            # Glued to letters with a padding zero ("PV05", "F01") it is a code: "không năm".
            return _spaced(read_digits(token))
        if re.fullmatch(r"\d+\.\d{1,2}", token) and (
            _SCALE_AFTER.match(m.string, m.end())
            or _OUT_OF_BEFORE.search(_before(m.string, m.start()))
            or (
                float(token) <= 10 and _SUBJECT_MARK_BEFORE.search(_before(m.string, m.start(), 80))
            )
        ):
            # "2.5 triệu đồng", "8.5 điểm", "điểm trung bình 8.5": a decimal point written
            # the English way
            integer, fraction = token.split(".")
            return _spaced(read_decimal(integer, fraction, region=region))
        if "." in token and "," not in token and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            # "19.2", "2.0.1", "192.168.1.1": section, version and address numbers.
            words = " chấm ".join(read_integer_string(p, region=region) for p in token.split("."))
        elif re.fullmatch(_ENGLISH_THOUSANDS, token):
            words = read_integer_string(token.replace(",", ""), region=region)
        elif "," in token:
            integer, fraction = token.split(",", 1)
            words = read_decimal(integer.replace(".", ""), fraction, region=region)
        else:
            words = read_integer_string(token.replace(".", ""), region=region)
        return _spaced(("âm " if m["neg"] else "") + words)

    t.sub(_PLUS_BETWEEN_NUMBERS, " cộng ", "number")
    t.sub(_ORDINAL, ordinal, "number")
    t.sub(_RATIO, ratio, "number")
    t.sub(_NUMBER, number, "number")


# --- 19b. amounts repeated in words ----------------------------------------------------------

# Legal texts repeat an amount in words in brackets: "8.000.000 đồng (Tám triệu đồng)",
# "500.000đ (Năm trăm nghìn đồng chẵn)", "05 (năm) ngày", "(Bằng chữ: Hai triệu đồng)".
# Once the numbers are words the bracket says them a second time; it is dropped when its
# words are the words just before it, up to case, punctuation and the spellings of one
# number ("nghìn"/"ngàn", "linh"/"lẻ", "lăm"/"năm", "mốt", "tư", "không trăm", "chẵn").
# "3.000.000đ (Ba triệu đồng chẵn)/hộ": the "per" part may follow the bracket (it was a pause,
# "ba triệu đồng, hộ").
_WORDS_IN_BRACKETS = re.compile(r"\((?P<body>[^()\d\n]{1,300})\)(?P<per>/(?=[^\W\d_]))?")
_IN_WORDS = re.compile(r"^\W*(?:(?:viết|ghi)[^\S\n]+)?bằng[^\S\n]+chữ\W*", re.IGNORECASE)
_SAME_NUMBER_WORD = {"nghìn": "ngàn", "linh": "lẻ", "lăm": "năm", "mốt": "một", "tư": "bốn",
                     "tỉ": "tỷ"}  # fmt: skip
_NUMBER_WORDS = frozenset({
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
    "trăm", "ngàn", "triệu", "tỷ", "lẻ", "phẩy", "rưỡi",
})  # fmt: skip
_WORD = re.compile(rf"{_L}+")


def _canonical_words(text: str) -> list[tuple[str, int]]:
    """(word, start) of each word as a number is compared: one spelling, no "chẵn"."""
    words: list[tuple[str, int]] = []
    for w in _WORD.finditer(text):
        word = w[0].casefold()
        word = _SAME_NUMBER_WORD.get(word, word)
        if word == "chẵn":
            continue
        if word == "trăm" and words and words[-1][0] == "không":
            words.pop()  # "một triệu (không trăm) năm mươi ngàn": the same amount
            continue
        words.append((word, w.start()))
    return words


_DIGIT_WORDS = {w: i for i, w in enumerate(DIGITS)}
_MULTIPLIERS = {"ngàn": 1000, "triệu": 1_000_000, "tỷ": 1_000_000_000}


def _integer_value(words: list[str]) -> int | None:
    """The value of number words ("hai mươi mốt ngàn" → 21000), None if they are not one."""
    total = section = 0
    last: int | None = None
    previous = ""
    for word in words:
        if word == "rưỡi":
            # "một triệu rưỡi", "hai trăm rưỡi": and half of the unit just said
            if previous in _MULTIPLIERS:
                total += _MULTIPLIERS[previous] // 2
            elif previous == "trăm":
                section += 50
            else:
                return None
            previous = word
            continue
        previous = word
        if word in _DIGIT_WORDS:
            if last is not None:
                return None  # digits one by one: a code, not an amount
            last = _DIGIT_WORDS[word]
        elif word == "mười" and last is None:
            section += 10
        elif word in ("mươi", "trăm") and last is not None:
            section += last * (10 if word == "mươi" else 100)
            last = None
        elif word == "lẻ":
            continue
        elif word in _MULTIPLIERS and (section or last):
            if word == "tỷ":
                total = (total + section + (last or 0)) * _MULTIPLIERS[word]
            else:
                total += (section + (last or 0)) * _MULTIPLIERS[word]
            section, last = 0, None
        else:
            return None
    return total + section + (last or 0)


def _amount_value(words: list[str]) -> Fraction | None:
    """The value of a spoken amount, decimals included: "hai phẩy năm tỷ" is 2 500 000 000."""
    if "phẩy" not in words:
        integer = _integer_value(words)
        return None if integer is None else Fraction(integer)
    at = words.index("phẩy")
    whole = _integer_value(words[:at])
    tail = words[at + 1 :]
    cut = next((i for i, w in enumerate(tail) if w in _MULTIPLIERS), len(tail))
    digits, scale = tail[:cut], tail[cut:]
    if whole is None or not digits or any(w not in _MULTIPLIERS for w in scale):
        return None
    if len(digits) > 1 and all(w in _DIGIT_WORDS for w in digits):
        fraction = "".join(str(_DIGIT_WORDS[w]) for w in digits)  # "không phẩy không năm"
    else:
        number = _integer_value(digits)
        if number is None:
            return None
        fraction = str(number)
    value = Fraction(f"{whole}.{fraction}")
    for word in scale:
        value *= _MULTIPLIERS[word]
    return value


def _amounts(words: list[str]) -> list[str | Fraction]:
    """Words with each run of number words replaced by its value (the run, if it has none)."""
    return [item for item, _ in _placed_amounts([(w, 0) for w in words])]


def _placed_amounts(words: list[tuple[str, int]]) -> list[tuple[str | Fraction, int]]:
    """`_amounts` of (word, start) pairs, each item with the start of its first word."""
    out: list[tuple[str | Fraction, int]] = []
    run: list[tuple[str, int]] = []
    for word, start in [*words, ("", -1)]:
        if word in _NUMBER_WORDS:
            run.append((word, start))
            continue
        if run:
            value = _amount_value([w for w, _ in run])
            out += run if value is None else [(value, run[0][1])]
            run = []
        if word:
            out.append((word, start))
    return out


# Words an amount restated in brackets may carry besides its numbers ("Bảy triệu đồng",
# "mười ngày", "sáu triệu đồng đến tám triệu đồng").
_AMOUNT_BRACKET_WORDS = frozenset({
    "đồng", "đến", "và", "ngày", "tháng", "tuần", "năm", "giờ", "phút", "người", "hộ", "lần",
    "phần", "trăm", "ngàn", "triệu", "tỷ", "tù",
})  # fmt: skip
_AMOUNT_TAIL = 3  # words allowed between the written amount and its bracket ("đồng/thẻ")


def _without_per(words: list[tuple[str, int]], *, keep_noun: bool) -> list[tuple[str, int]]:
    """ "năm mươi ngàn đồng một thẻ" without its "per" part ("… đồng"), or with the noun
    alone ("… đồng thẻ", as "đồng/thẻ" reads once the slash is a pause)."""
    kept: list[tuple[str, int]] = []
    while len(words) >= 2 and words[-2][0] in ("một", "mỗi") and words[-1][0] not in _NUMBER_WORDS:
        kept.insert(0, words[-1])
        words = words[:-2]
    return words + kept if keep_noun else words


def _repeated_amounts(t: TrackedText, ctx: _Context) -> None:
    def repl(m: re.Match[str]) -> Out | None:
        said = [w for w, _ in _canonical_words(_IN_WORDS.sub("", m["body"]))]
        if not said or not _NUMBER_WORDS & set(said):
            return None
        wanted = _amounts(said)
        window = max(0, m.start() - 40 * len(said) - 40)
        before = _canonical_words(m.string[window : m.start()])
        # "50.000 đồng/thẻ (Năm mươi nghìn đồng)": the bracket may leave out the "per" part.
        variants = (before, *(_without_per(before, keep_noun=k) for k in (False, True)))
        for words in variants:
            # The shortest tail of the words before that says the same amounts.
            first = next(
                (i for i in range(len(words) - 1, -1, -1)
                 if _amounts([w for w, _ in words[i:]]) == wanted),
                None,
            )  # fmt: skip
            if first is None:
                continue
            written_start, written_end = t.source_span(window + words[first][1], m.start())
            if not any(c.isdigit() for c in t.written[written_start:written_end]):
                return None  # the words before were written as words: nothing is repeated
            return dropped(m, said)
        return other_amount(m, said, wanted, _placed_amounts(before), window)

    def dropped(m: re.Match[str], said: list[str]) -> Out:
        # "(… đồng chẵn./.)" closed the sentence: its full stop stays, once ("(Hai triệu
        # đồng./.)." said "đồng..").
        closed = m["body"].rstrip().endswith(".") and not m.string.startswith(".", m.end())
        money = "đồng" in said
        if m["per"]:
            return Out(" một " if money else "/", "money" if money else "number")
        return Out("." if closed else "", "money" if money else "number")

    def other_amount(
        m: re.Match[str],
        said: list[str],
        wanted: list[str | Fraction],
        before: list[tuple[str | Fraction, int]],
        window: int,
    ) -> Out | None:
        """A bracket that restates an amount in words but not the one written before it
        ("8.000.000 đồng (Bảy triệu đồng)"): a typo in the document. It is read as written
        and flagged; the same amount without its unit ("4.000.000 đồng (bốn triệu)") is
        dropped like any repetition."""
        values = [w for w in wanted if isinstance(w, Fraction)]
        words = {w for w in wanted if isinstance(w, str)}
        if not isinstance(wanted[0], Fraction) or not words <= _AMOUNT_BRACKET_WORDS:
            return None
        at = [i for i, (item, _) in enumerate(before) if isinstance(item, Fraction)]
        if len(at) < len(values) or len(before) - 1 - at[-1] > _AMOUNT_TAIL:
            return None
        first = at[-len(values)]
        bracket_start, bracket_end = t.source_span(m.start(), m.end())
        number_start, number_end = t.source_span(window + before[first][1], m.start())
        bracket = t.written[bracket_start:bracket_end]
        number = t.written[number_start:number_end]
        if any(c.isdigit() for c in bracket) or not any(c.isdigit() for c in number):
            return None  # "(02 người)" says something else; words before were words
        if [before[i][0] for i in at[-len(values) :]] == values:
            tail = {item for item, _ in before[first:] if isinstance(item, str)}
            return dropped(m, said) if words <= tail else None
        ctx.warn(
            m.start(),
            m.end(),
            "số tiền, số lượng trong ngoặc khác số viết trước đó",
            "the amount in brackets differs from the number written before it",
        )
        return None

    t.sub(_WORDS_IN_BRACKETS, repl)


# --- 20. symbols ----------------------------------------------------------------------------

_SYMBOLS = [
    (re.compile(r"%"), " phần trăm ", "unit"),
    (re.compile(r"&"), " và ", "typography"),
    (re.compile(r"°"), " độ ", "unit"),
    # a times sign the passes before left ("0×A0"): said, never left for the synthesizer
    (re.compile(r"×"), " nhân ", "typography"),
    # "sáng+chiều": and; a "+" with no word on one side is flagged and dropped.
    (re.compile(r"(?<=[^\W\d_])[^\S\n]*\+[^\S\n]*(?=[^\W\d_])"), " và ", "typography"),
]
_PLUS = re.compile(r"\+")
_PER_MILLE = re.compile("‰")
# "và/hoặc" is said as written, without the pause a slash between words gets.
_AND_OR = re.compile(r"(?<!\w)(và)[^\S\n]*/[^\S\n]*(hoặc)(?!\w)", re.IGNORECASE)
# Formatting marks (Markdown bold, bullets) carry no sound.
_MARKUP = re.compile(r"[*_#`|~^\\<>=]+")
# A slash left between words ("Nam/nữ", "tháng/lần") is a short pause.
_SLASH = re.compile(r"[^\S\n]*/+[^\S\n]*")
# "mức lương cơ sở/tháng", "số lượt/ngày": a slash between a word and a period is "mỗi", like
# "2 lần/tháng" after a number (was a pause, "mức lương cơ sở, tháng"). Periods listed against
# each other ("ngày/tháng/năm sinh", "báo cáo tuần/tháng") keep the pause.
_PER_PERIOD = re.compile(
    rf"(?P<w>{_L}+)[^\S\n]*/[^\S\n]*(?P<p>(?i:tháng|năm|ngày|tuần|quý)){_NO_LETTER_AFTER}"
    r"(?![^\S\n]*/)"
)
_PERIOD_WORDS = frozenset({"ngày", "tháng", "năm", "tuần", "quý", "giờ", "buổi", "kỳ"})
# "2 lần mức lương cơ sở/con", "mức chuẩn/người": a base amount per a person, "mỗi" like per a
# period (was a pause, "mức lương cơ sở, con").
_PER_HEAD = re.compile(
    r"(?P<w>(?i:lương cơ sở|mức chuẩn(?: trợ giúp xã hội)?|lương tối thiểu(?: vùng)?))"
    rf"[^\S\n]*/[^\S\n]*(?P<p>(?i:người|con|hộ|trẻ|lượt)){_NO_LETTER_AFTER}(?![^\S\n]*/)"
)
# Quotes and brackets: a pause where they cut a sentence, nothing where punctuation or a
# line edge already pauses, or next to "và"/"hoặc"/"hay" (which already join).
_OPENERS = "“«‘([{"
_CLOSERS = "”»’)]}"
_QUOTE = re.compile(r"[“”«»‘’()\[\]{}\"]")
_JOINERS = re.compile(r"^(?:và|hoặc|hay)$", re.IGNORECASE)
# A quotation that names what the word before it says is a name: "gọi là “tín dụng đen”",
# "tức “Bình Bò”", "biệt danh “Tuấn Sẹo”", "mang tên “…”", "tự xưng là “cán bộ công an”".
# No pause cuts the name from "là", "tức", "tên" (it was "gọi đó là, tín dụng đen").
# So after "để", whose quoted verb is a pretext ("chuyển khoản để “xác minh”").
_NAMING = re.compile(r"^(?:là|tức|tên|danh|xưng|dạng|kiểu|nick|nickname|để)$", re.IGNORECASE)
# "Khẩu hiệu “Nói không với ma túy!” được treo": the quotation's own mark would end the
# sentence in the middle ("… ma túy! được treo" is read as two sentences); when the sentence
# goes on in lower case after the closing mark, the quotation's end is a pause like any other.
_QUOTED_END = re.compile(r"[^\S\n]*[!?.…]+(?=[”\"»’][^\S\n]+[^\W\d_])")
# The word a mark cuts from, looking past spaces and other marks ("” (" is one pause).
_WORD_BEFORE = re.compile(r"(\w+)[^\S\n“”«»‘’()\[\]{}\"*]*[“”«»‘’()\[\]{}\"*\s]*$")
_WORD_AFTER = re.compile(r"[“”«»‘’()\[\]{}\"*\s]*(\w+)")


# "tài khoản ngân hàng “ảo”", "hàng “xách tay”": one or two words in lower case between quotes
# in the middle of a sentence are the author's distance from them, not a title: said without a
# pause (it was "ngân hàng, ảo, bị lợi dụng"). A title or a slogan ("“Hộ an toàn”", "“5 không”")
# keeps its pauses.
_QUOTE_CLOSE = re.compile(r"[”»’\"\n]")
_SCARE_QUOTED = re.compile(r"[^\S\n]*(?-i:[a-zà-ỹđ]+)(?:[^\S\n]+(?-i:[a-zà-ỹđ]+))?[^\S\n]*")


def _scare_quoted(quoted: str) -> bool:
    return _SCARE_QUOTED.fullmatch(quoted) is not None


def _symbols(t: TrackedText, ctx: _Context) -> None:
    def scare(text: str, start: int, end: int) -> bool:
        # inside a running sentence: a word in lower case after the closing mark ("“tá lả”, thu
        # giữ" keeps its pause before the name of the game)
        if not _scare_quoted(text[start:end]) or not re.match(
            r"[”»’\"][^\S\n]+(?-i:[a-zà-ỹđ])", text[end : end + 3]
        ):
            return False
        written_start, written_end = t.source_span(start, end)
        return not any(c.isdigit() for c in t.written[written_start:written_end])  # "“5 không”"

    def quote(m: re.Match[str]) -> str:
        mark, text = m[0], m.string
        if mark == '"':
            before = text[m.start() - 1 : m.start()]
            opening = not before or before.isspace() or before in _OPENERS
        else:
            opening = mark in _OPENERS
        if opening:
            near = _WORD_BEFORE.search(_before(text, m.start()))
        else:
            near = _WORD_AFTER.match(text, m.end())
        if near is None or _JOINERS.match(near[1]):
            return " "
        if mark in "()[]{}":
            return " , "
        if opening:
            if _NAMING.match(near[1]):
                return " "
            close = _QUOTE_CLOSE.search(text, m.end())
            if close and scare(text, m.end(), close.start()):
                return " "
            return " , "
        # The closing mark of a short name or pretext opened silently ("để “xác minh” tài
        # khoản", "biệt danh “Tuấn Sẹo” cầm đầu") is silent too: it is one phrase.
        start = max(text.rfind(mark_, 0, m.start()) for mark_ in '“«‘"')
        quoted = text[start + 1 : m.start()]
        named = _WORD_BEFORE.search(_before(text, start)) if start >= 0 else None
        if named and _NAMING.match(named[1]) and len(quoted.split()) <= 3 and "\n" not in quoted:
            return " "
        if start >= 0 and scare(text, start + 1, m.start()):
            return " "
        return " , "  # a pause on either side of the quotation

    def quoted_end(m: re.Match[str]) -> str | None:
        after = _WORD_AFTER.match(m.string, m.end())
        if after is None or not after[1][0].islower():
            return None
        return " "

    def plus(m: re.Match[str]) -> str:
        ctx.warn(m.start(), m.end(), "dấu cộng đứng riêng, đã bỏ", "a stray plus sign; dropped")
        return " "

    for pattern, words, kind in _SYMBOLS:
        t.sub(pattern, words, kind)
    t.sub(_PER_MILLE, f" phần {read_number(1000, region=ctx.region).split()[-1]} ", "unit")
    t.sub(_PLUS, plus, "typography")
    t.sub(_AND_OR, r"\1 \2", "typography")
    t.sub(_QUOTED_END, quoted_end, "typography")
    t.sub(_QUOTE, quote, "typography")
    t.sub(_MARKUP, " ", None)
    t.sub(_PER_HEAD, r"\g<w> mỗi \g<p>", "typography")

    def per_period(m: re.Match[str]) -> str | None:
        if m["w"].casefold() in _PERIOD_WORDS:
            return None
        start, end = t.source_span(m.start("p"), m.end("p"))
        if any(c.isdigit() for c in t.written[start:end]):
            return None  # "1.234 hộ / 5.678 khẩu", "25 hộ / 5 khẩu": "năm" is a number read
        return f"{m['w']} mỗi {m['p']}"

    t.sub(_PER_PERIOD, per_period, "typography")
    t.sub(_SLASH, ", ", "typography")


# --- 21. capitals ---------------------------------------------------------------------------

_CAPS_WORD = re.compile(rf"(?<!{_L})(?P<w>{_L}{{2,}})(?!{_L})")
_TONES = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?P<v>[aăâeêioôơuưy]{1,3})(?P<coda>ch|ng|nh|[cmnpt])?"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]|\n)[\s*\"“”‘’«»()]*$")
# Names of the Central Highlands and the northern mountains written in the Vietnamese alphabet
# ("KRÔNG PẮC", "ĐẮK LẮK", "Y NGÔNG NIÊ KDĂM", "KSƠR", "CƯ M'GAR"): a cluster before the vowel and
# a final k, r, l, h or s that no Vietnamese syllable has.
_HIGHLAND_SYLLABLE = re.compile(
    r"[bcdđghjklmnprstvxwz]{0,3}[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnptkrlhs])?"
)
_HIGHLAND_HEAD = re.compile(
    rf"(?<!{_L})(?:IA|EA|KRÔNG|ĐẮK|ĐĂK|KON|PLEI|CƯ|CHƯ|BUÔN)[^\S\n]+$", re.IGNORECASE
)
_VIETNAMESE_MARK = re.compile("[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031bđĐ]")


def _is_highland_word(word: str, text: str, start: int) -> bool:
    """A name like "KRÔNG", "KDĂM", "GAR" in "M'GAR": it carries a Vietnamese mark, which no
    foreign acronym has ("KPI", "GRAB" stay acronyms), or follows a name's apostrophe."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = unicodedata.normalize("NFC", _TONES.sub("", decomposed))
    if not _HIGHLAND_SYLLABLE.fullmatch(bare) or len(_TONES.findall(decomposed)) > 1:
        return False
    apostrophe = start >= 2 and text[start - 1] == "'" and text[start - 2].isalpha()
    # "XÃ IA GRAI", "BUÔN EA KLY", "KON PLONG": after the head of a highland place name
    head = _HIGHLAND_HEAD.search(text, max(0, start - 12), start) is not None
    return apostrophe or head or _VIETNAMESE_MARK.search(decomposed) is not None


def _is_syllable(word: str) -> bool:
    """A plausible Vietnamese syllable (so "NỘI" is a word and "ANTT", "VIP" are not)."""
    lower = word.lower()
    decomposed = unicodedata.normalize("NFD", lower)
    tones = _TONES.findall(decomposed)
    bare = unicodedata.normalize("NFC", _TONES.sub("", decomposed))
    m = _SYLLABLE.fullmatch(bare)
    if m is None or len(tones) > 1 or re.search(r"(.)\1", m["v"].replace("oo", "")):
        return False
    # A syllable closed by p, t, c or ch only takes the sắc or nặng tone.
    return m["coda"] not in ("p", "t", "c", "ch") or (bool(tones) and tones[0] in "\u0301\u0323")


# A storm's name after "bão" ("bão số 3 (YAGI)", "cơn bão NORU") or "tên quốc tế (là)" ("Cơn
# bão số 3 có tên quốc tế là YAGI") is a name, read as a word.
_STORM_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:bão(?:[^\S\n]+số(?:[^\S\n]+{_L}+){{1,3}})?|tên quốc tế(?:[^\S\n]+là)?)"
    # "(Cơn bão số 6 - TRAMI)": a dash between the number and the name too (TRAMI was spelled)
    r"[^\S\n]*[,:(“\"–-]?[^\S\n]*$",
    re.IGNORECASE,
)


def _in_capital_words(text: str, start: int, end: int) -> bool:
    """Whether a word stands in a heading in capitals: a word in capitals that is a Vietnamese
    syllable and no Roman numeral next to it ("LÝ VI PHẠM", "VI KHUẨN")."""
    for near in (_CAPS_BEFORE.search(text, 0, start), _CAPS_AFTER.match(text, end)):
        if near and near[1].isupper() and _is_syllable(near[1]) and parse_roman(near[1]) is None:
            return True
    return False


def _capitals(t: TrackedText, ctx: _Context) -> None:
    """Headings in capitals are read as words; unknown acronyms are spelled and flagged."""

    def repl(m: re.Match[str]) -> str | Out | None:
        word = m["w"]
        if not word.isupper():
            return None
        named = sum(c in "AEIOUY" for c in word) >= 2  # "YAGI", "NORU"; not "BCĐ", "HTX"
        if named and len(word) > 2 and _STORM_BEFORE.search(_before(m.string, m.start())):
            return Out(word[0] + word[1:].lower(), None)
        value = parse_roman(word)
        if (
            value is not None
            and _is_syllable(word)
            and _in_capital_words(m.string, m.start(), m.end())
        ):
            value = None  # "XỬ LÝ VI PHẠM": a word of the heading ("vi"), not six (was "sáu")
        if value is not None and len(word) > 1:
            ctx.warn(
                m.start(),
                m.end(),
                f"đang đọc là số La Mã {ctx.number(value)}",
                f"read as the Roman numeral {value}",
            )
            return Out(ctx.number(value), "roman")
        if word in ctx.defined:
            spoken = ctx.defined[word]
            if _SENTENCE_START.search(_before(m.string, m.start())):
                spoken = spoken[0].upper() + spoken[1:]
            return Out(spoken, "abbreviation")
        if _is_syllable(word) or _is_highland_word(word, m.string, m.start()):
            lower = word.lower()
            if _SENTENCE_START.search(_before(m.string, m.start())):
                lower = lower[0].upper() + lower[1:]
            return Out(lower, None)
        ctx.warn(
            m.start(),
            m.end(),
            "chữ viết tắt chưa có trong từ điển, đang đánh vần",
            "an abbreviation not in the lexicon; spelled out",
        )
        return Out(spell_letters(word), "spelling")

    t.sub(_CAPS_WORD, repl)


# --- tidy -----------------------------------------------------------------------------------


def _glued_full_stop(m: re.Match[str]) -> str | None:
    """ "một.Quá" → "một. Quá": see the last rule of _TIDY."""
    text, at = m.string, m.start()
    lower_before = text[at - 2 : at].islower()
    capital_after = text[at + 1].isupper() and text[at + 2].islower()
    return ". " if lower_before and capital_after else None


_TIDY: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None] | str]] = [
    (re.compile(r"[^\S\n]+"), " "),
    (re.compile(r" *\n[\s]*"), "\n"),
    (re.compile(r"^\s+|\s+$"), ""),
    # "0./-%" left "không. - phần trăm": a spaced dash after a full stop and before a word is an
    # item's bullet, silent, as a second reading takes it (found by the property test)
    (re.compile(r"(?<=\.) [-–—•+] (?=[^\W\d_])"), " "),
    # "A .A": a mark typed after a space and glued to the next word keeps a space after it, or
    # "A.A" is initials on a second reading (found by the property test)
    (re.compile(r" +(?P<m>[.;:!?…])(?=[^\W_])"), "\\g<m> "),
    (re.compile(r" +(?=[,.;:!?…)”’»])"), ""),
    (re.compile(r"(?<=[(“‘«]) +"), ""),
    # Pauses with nothing between them collapse to the strongest: ", ," → ",", ",." → ".".
    (re.compile(r",(?:[^\S\n]*,)+"), ","),
    # "A,.A": the mark keeps a space before the next word, or "A.A" is initials on a second reading
    (re.compile(r",[^\S\n]*(?P<m>[.;:!?…])(?=[^\W_])"), "\\g<m> "),
    (re.compile(r",[^\S\n]*(?=[.;:!?…])"), ""),
    # "A.,A": the comma keeps its space, or "A.A" is read as initials on a second reading
    (re.compile(r"(?<=[.;:!?…])[^\S\n]*,[^\S\n]*(?=[^\W_])"), " "),
    (re.compile(r"(?<=[.;:!?…])[^\S\n]*,"), ""),
    (re.compile(r"(?m)^[,;:.][^\S\n]*"), ""),
    (re.compile(r"(?m),$"), ""),
    (re.compile(r"(?<=\.\.\.)[^\S\n]*\.|(?<=…)[^\S\n]*\."), ""),
    (re.compile(r"(?<=[,;])(?=[^\W_])"), " "),
    # A hyphen left glued to the front of a word ("95 -III" once read) is not said.
    (re.compile(r"(?<=[^\S\n])[-–](?=[^\W\d_])"), ""),
    # Nor one left glued to the end of a word whose number after it was read ("NVQS-2027" was
    # "nghĩa vụ quân sự- hai nghìn …").
    (re.compile(r"(?<=[^\W\d_])-(?=[^\S\n]+[^\W\d_])"), ""),
    # A dash left after a colon or a semicolon before a word ("0:--0" once read: "không:- âm …") is
    # the bullet the typography pass drops there, so a second reading finds nothing new.
    (re.compile(r"(?<=[:;])[^\S\n]*[-–—•+][^\S\n]*(?=[^\W\d_])"), " "),
    # "Hạn nộp: 30/11.Quá hạn …", "Gọi 0912345678.Gặp anh Nam": a sentence's full stop typed
    # without its space, between a word read in lower case and a capitalised one, is a full stop
    # (espeak-ng said "chấm" between "một" and "Quá"). Abbreviations and addresses are words by now.
    (re.compile(r"(?<=[^\W\d_]{2})\.(?=[^\W\d_]{2})"), _glued_full_stop),
]


def _tidy(t: TrackedText, ctx: _Context) -> None:
    # Each rule can expose work for another ("a , , ." → "a,." → "a."); run to a fixed point
    # so normalizing twice changes nothing.
    for _ in range(10):
        before = t.text
        for pattern, repl in _TIDY:
            t.sub(pattern, repl, None)
        _line_marks(t, ctx)
        if t.text == before:
            break


# --- the pipeline ---------------------------------------------------------------------------

_PASSES: tuple[Callable[[TrackedText, _Context], None], ...] = (
    _typography,
    _echoes,
    _addresses,
    _blood_groups,
    _licence_classes,
    _slashed,
    _roman,
    _legal_refs,
    _roads,
    _fuel,
    _coordinates,
    _plates,
    _measured_totals,
    _day_ranges,
    _dates,
    _phones,
    _spaced_thousands,
    _km_posts,
    _comparisons,
    _time_ranges,
    _ranges,
    _times,
    _measures,
    _per_words,
    _lexicon,
    _codes,
    _numbers,
    _repeated_amounts,
    _symbols,
    _capitals,
)


def _run(text: str, region: str, lexicon: Mapping[str, str] | None) -> tuple[TrackedText, _Context]:
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, got {type(text).__name__}")
    tracked = TrackedText.prepared(text, _prepare_char)
    ctx = _Context(
        region=check_region(region),
        lexicon=_prepared_lexicon(DEFAULT_LEXICON if lexicon is None else lexicon),
        tracked=tracked,
    )
    for step in _PASSES:
        step(tracked, ctx)
    _tidy(tracked, ctx)
    return tracked, ctx


def normalize_with_report(
    text: str, *, region: str = "north", lexicon: Mapping[str, str] | None = None
) -> NormalizedText:
    """`normalize`, and what it did: every expansion with its span in the written and in
    the spoken text, and a warning for each span it could not read with confidence.

    Same arguments and errors as `normalize`; `.spoken` is exactly what `normalize`
    returns. The result is plain data (`to_json()` for the panel), described in
    docs/normalization.md.
    """
    if isinstance(text, str) and not text.strip():
        raise NormalizationError(
            "the text is empty", reason_vi="Văn bản trống, không có gì để đọc."
        )
    tracked, ctx = _run(text, region, lexicon)
    spoken = unicodedata.normalize("NFC", tracked.text)
    if not any(c.isalpha() for c in spoken):
        raise NormalizationError(
            "the text has nothing to read: only punctuation, symbols or spaces",
            reason_vi="Văn bản không có chữ nào để đọc, chỉ có dấu câu hoặc ký hiệu.",
        )
    if spoken != tracked.text:  # pragma: no cover - every piece is NFC already
        return NormalizedText(text, spoken, ctx.region, (), tuple(tracked.warnings))
    return NormalizedText(
        written=text,
        spoken=spoken,
        region=ctx.region,
        expansions=tracked.expansions(),
        warnings=tuple(sorted(tracked.warnings, key=lambda w: (w.written_start, w.written_end))),
    )


def normalize(text: str, *, region: str = "north", lexicon: Mapping[str, str] | None = None) -> str:
    """Turn a script into what the reader says: NFC, every number in words, abbreviations
    expanded from `lexicon` (DEFAULT_LEXICON when None; the panel passes its merged dict)
    over the curated list in tts/data/abbreviations.tsv.

    Words keep their casing unless expanded (headings in capitals are lowered); sentence
    punctuation and line breaks stay so the synthesizer pauses. The result never contains
    a digit. Raises NormalizationError when nothing readable is left (empty text, only
    punctuation or symbols), ValueError for an unknown region.
    """
    return normalize_with_report(text, region=region, lexicon=lexicon).spoken


def lexicon_terms_used(text: str, lexicon: Mapping[str, str]) -> set[str]:
    """The lexicon keys that normalizing `text` with `lexicon` consults.

    The render service stores this with a render: changing or deleting one of these entries
    may change the audio, so it invalidates the approval; changing any other entry does not.
    An entry *added* later is not in this set: ask again with the new lexicon to see whether
    the text uses it. Never raises for text that has nothing to read (returns a set).
    """
    _tracked, ctx = _run(text, "north", lexicon)
    return set(ctx.used)


# --- sentences ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:(?<=[.!?…;])|(?<=[.!?…;][\"'”’»)\]]))\s+|\n+")
_AFTER_COMMA = re.compile(r"(?<=,)\s+")


def _pack(pieces: list[str], max_chars: int, joiner: str = " ") -> list[str]:
    """Greedily join pieces into chunks of at most max_chars."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if len(candidate) <= max_chars:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = piece
    if current:
        chunks.append(current)
    return chunks


def _split_long(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    chunks: list[str] = []
    for clause in _pack(_AFTER_COMMA.split(sentence), max_chars):
        if len(clause) <= max_chars:
            chunks.append(clause)
            continue
        for part in _pack(clause.split(), max_chars):
            # A single "word" longer than a chunk (a pasted URL) is cut where it must be.
            chunks += [part[i : i + max_chars] for i in range(0, len(part), max_chars)]
    return chunks


def split_sentences(spoken: str, *, max_chars: int = 400) -> list[str]:
    """Split normalized text into sentences for per-sentence synthesis.

    Splits after . ! ? … ; and at line breaks; a sentence longer than `max_chars` is split
    after its commas, then between words. Every chunk is stripped, at most `max_chars`
    long, and contains something to say (pieces that are only punctuation are dropped).
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    chunks: list[str] = []
    for sentence in _SENTENCE_END.split(spoken):
        sentence = " ".join(sentence.split())
        if sentence:
            chunks += _split_long(sentence, max_chars)
    return [c for c in chunks if any(ch.isalnum() for ch in c)]

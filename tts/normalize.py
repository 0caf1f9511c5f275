"""Vietnamese text normalization: written script → the words a reader says (no digits left).

`normalize` runs small regex passes in a fixed order; each one rewrites the spans it is sure
about into words and leaves the rest for the next:

    prepare (NFC, Unicode digits → ASCII, controls out)
    → legal references   "Nghị định 100/2019/NĐ-CP", "Chỉ thị 05-CT/TU"
    → dates              "15/12/2022", "30/11", "12/2022", "tháng 4"
    → phone numbers      "0912 345 678", "gọi 113", "1900 1234"
    → ranges             "10 - 15", "2021–2025", "22:00–05:00"
    → times              "17h30", "17:30", "5h"
    → money, %, units    "50.000đ", "2,5%", "60 km/h", "0,25 mg/l"
    → lexicon            "ANTT", "UBND", "Zalo" (admin-editable)
    → ordinals, numbers  "thứ 4", "1.000.000", "3,14", "19.2", "3a", "v2.0"
    → symbols, spacing   "&", "%", "/", "*", spaces before punctuation

Two places differ from the plain "legal → dates/times → phones → money/units → ranges →
numbers → lexicon" order, on purpose:

* ranges come before times and units: the dash is only recognisable as "đến" while both
  ends are still digits ("22:00–05:00", "10-15 km"); once "15 km" is words it is not.
* the lexicon comes before the number passes: keys may contain digits ("Covid-19") that
  the number passes would otherwise split, and a spoken form with a digit in it is still
  read aloud, so the no-digit guarantee holds for any lexicon the panel passes in.

The module is pure (no I/O, no clock) and imports only the standard library and tts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tts.lexicon import DEFAULT_LEXICON, LEGAL_DOC_TYPES, LEGAL_ISSUERS
from tts.numbers import (
    check_region,
    read_decimal,
    read_digits,
    read_integer_string,
    read_month,
    read_number,
    read_ordinal,
)
from tts.ports import TTSError

__all__ = ["NormalizationError", "lexicon_terms_used", "normalize", "split_sentences"]


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
_QUANTITY = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,]\d)|\d+,\d+|\d+\.\d{1,2}(?![\d.])|\d+"


@dataclass
class _Context:
    region: str
    lexicon: Mapping[str, str]
    used: set[str] = field(default_factory=set)

    def lookup(self, term: str) -> str | None:
        """An exact lexicon entry, recorded as used (the render service tracks these)."""
        spoken = self.lexicon.get(term)
        if spoken is not None:
            self.used.add(term)
        return spoken


def _spaced(words: str) -> str:
    # Replacements are padded so "3a" becomes "ba a", never "baa"; spacing is tidied at the end.
    return f" {words} "


def _before(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width) : start]


def read_quantity(token: str, *, region: str) -> str:
    """Read one `_QUANTITY` token: thousands dots, decimal comma, or a measurement's 1.5."""
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
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x09\x1f\x7f-\x84\x86-\x9f]")


def _ascii_digit(char: str) -> str:
    value = unicodedata.digit(char, None)
    return "" if value is None else str(value)


def _prepare(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # "²", "①", Arabic-Indic and full-width digits are digits too: make them ASCII so every
    # later pass (and the no-digit guarantee) only has to know 0-9. "m²" becomes "m2".
    if not text.isascii():
        text = "".join(_ascii_digit(c) if c.isdigit() and not c.isascii() else c for c in text)
    return text


# --- 1. legal references --------------------------------------------------------------------

# "100/2019/NĐ-CP", "05-CT/TU", "22/HD-BCA-V05", "4162/CATP(XDPT)": a number, an optional
# year, then a code of capitalised parts ("TTg", "CTr" keep a lower-case tail).
_CODE_PART = r"[A-ZĐ][A-Za-zĐđ]*\d*"
# The number may be left blank in a template: "Thông tư …/TT-BCA", "Số: /KH-UBND".
_LEGAL = re.compile(
    rf"(?<![\w/.,-])(?:(?P<num>\d{{1,5}})(?:/(?P<year>(?:19|20)\d\d))?[/-]|(?:\.{{2,}}|…)?/)"
    rf"(?P<code>[A-ZĐ][A-Za-zĐđ]+\d*(?:[-/]{_CODE_PART})*(?:\([A-ZĐ0-9-]+\))?)(?!\w)"
)
_LETTER_NAMES = {
    "A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e",
    "Ê": "ê", "F": "ép", "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "lờ",
    "M": "mờ", "N": "nờ", "O": "o", "Ô": "ô", "Ơ": "ơ", "P": "pê", "Q": "quy", "R": "rờ",
    "S": "ét", "T": "tê", "U": "u", "Ư": "ư", "V": "vê", "W": "vê kép", "X": "ích",
    "Y": "i dài", "Z": "dét",
}  # fmt: skip
_ISSUER_NAMED_AFTER = re.compile(r"[\s,]*(?:ngày[\s\d/.-]*)?[\s,]*của(?!\w)", re.IGNORECASE)
_TYPE_WORDS = sorted(set(LEGAL_DOC_TYPES.values()), key=len, reverse=True)


def spell(code: str) -> str:
    """Spell an unknown code letter by letter: "PV" → "pê vê", "V05" → "vê không năm"."""
    words: list[str] = []
    for chunk in re.findall(r"\d+|\D", code):
        if chunk.isdigit():
            # A code's "05" is said "không năm"; "15" is "mười lăm".
            words.append(read_digits(chunk) if chunk[0] == "0" else read_number(int(chunk)))
        elif chunk.upper() in _LETTER_NAMES:
            words.append(_LETTER_NAMES[chunk.upper()])
    return " ".join(words)


def _read_code_part(part: str, ctx: _Context) -> tuple[str, bool]:
    """(spoken, known) for one part of a reference code such as "BCA" or "QH15"."""
    spoken = ctx.lookup(part)
    if spoken is not None:
        return spoken, True
    if part in LEGAL_ISSUERS:
        return LEGAL_ISSUERS[part], True
    letters, digits = re.fullmatch(r"(\D*)(\d*)", part).groups()
    if letters in LEGAL_ISSUERS and digits:  # "QH15": Quốc hội (khóa) 15
        return f"{LEGAL_ISSUERS[letters]} {spell(digits)}", True
    return spell(part), False


def _read_code(code: str, ctx: _Context) -> str | None:
    """The spoken suffix of a reference ("Nghị định của Chính phủ"), None if not a code."""
    spoken = ctx.lookup(code)
    if spoken is not None:
        return spoken
    parts = [p for p in re.split(r"[-/()]", code) if p]
    doc_type = LEGAL_DOC_TYPES.get(parts[0])
    if doc_type:
        parts = parts[1:]
    issuers = [_read_code_part(p, ctx) for p in parts]
    if doc_type is None and not any(known for _, known in issuers):
        return None  # "5/AB" is an address or a label, not a reference
    words = [doc_type] if doc_type else []
    if issuers:
        words.append("của " + " ".join(spoken for spoken, _ in issuers))
    return " ".join(words)


def _legal_refs(text: str, ctx: _Context) -> str:
    def repl(m: re.Match[str]) -> str:
        suffix = _read_code(m["code"], ctx)
        if suffix is None:
            return m[0]
        head = read_integer_string(m["num"], region=ctx.region) if m["num"] else ""
        if m["year"]:
            # The comma keeps "một trăm, năm hai nghìn…" from being heard as 150 ("trăm năm").
            head += ", năm " + read_number(int(m["year"]), region=ctx.region)
        doc_type = next((t for t in _TYPE_WORDS if suffix.lower().startswith(t.lower())), None)
        rest = suffix[len(doc_type) :].strip() if doc_type else suffix
        if _ISSUER_NAMED_AFTER.match(text, m.end()):
            # "… 28/CT-TTg ngày 30/6/2017 của Thủ tướng Chính phủ" names the issuer itself;
            # reading it from the code as well would say it twice.
            rest = ""
        if doc_type is None:
            return _spaced(f"{head} {rest}")
        # "Nghị định 100/2019/NĐ-CP" already names the type: say it once, before the number.
        before = _before(text, m.start())
        if re.search(rf"{re.escape(doc_type)}(?:\s+số)?\s*:?\s*$", before, re.IGNORECASE):
            return _spaced(f"{head} {rest}")
        return _spaced(f"{doc_type} {head} {rest}")

    return _LEGAL.sub(repl, text)


# --- 2. dates -------------------------------------------------------------------------------

_DAY_WORD_BEFORE = re.compile(r"(?:ngày|mùng|mồng)\s*$", re.IGNORECASE)
_MONTH_WORD_BEFORE = re.compile(r"tháng\s*$", re.IGNORECASE)
# Words after which "d/m" is surely a date, whatever the numbers.
_DATE_CONTEXT_BEFORE = re.compile(
    rf"{_NO_LETTER_BEFORE}(?:ngày|mùng|mồng|hôm|sáng|trưa|chiều|tối|đêm|từ|đến|tới|và|hoặc|"
    r"dịp|lễ|tết|hạn|trước|sau)\s*$|[-–—]\s*$",
    re.IGNORECASE,
)
_DMY = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)"
    rf"(?P<y>\d{{4}}|(?<=/)\d{{2}}){_NUM_END}(?![/-]\d)"
)
_ISO = re.compile(
    rf"{_NUM_START}(?<![/-])(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_NUM_END}(?!-\d)"
)
_MY = re.compile(rf"{_NUM_START}(?<![/-])(?P<m>\d{{1,2}})/(?P<y>\d{{4}}){_NUM_END}(?!/\d)")
_DM = re.compile(rf"{_NUM_START}(?<![/-])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}}){_NUM_END}(?!/\w)")
_MONTH = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<word>tháng)\s+(?P<m>\d{{1,2}}){_NUM_END}", re.IGNORECASE
)
# "30/4 - 1/5", "15/12/2022 – 20/12/2022": the ranges pass comes after dates and would no
# longer see digits on both sides, so a dash between two dates becomes "đến" here.
_DATE_DASH = re.compile(r"(?<=\d)(?P<left>/\d{1,2}(?:/\d{4})?)[^\S\n]*[-–—][^\S\n]*(?=\d{1,2}/\d)")
# "2/3 số hộ", "chiếm 1/4": a fraction, not the 2nd of March.
_FRACTION_AFTER = re.compile(r"\s+số\b", re.IGNORECASE)
_FRACTION_BEFORE = re.compile(r"chiếm\s*$", re.IGNORECASE)


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _say_date(text: str, start: int, day: int, month: int, year: str | None, ctx: _Context) -> str:
    words = "" if _DAY_WORD_BEFORE.search(_before(text, start)) else "ngày "
    words += f"{read_number(day, region=ctx.region)} tháng {read_month(month, region=ctx.region)}"
    if year is not None:
        words += " năm " + read_number(int(year), region=ctx.region)
    return _spaced(words)


def _dates(text: str, ctx: _Context) -> str:
    def full(m: re.Match[str]) -> str:
        day, month = int(m["d"]), int(m["m"])
        if not _valid_date(day, month):
            return m[0]
        return _say_date(m.string, m.start(), day, month, m["y"], ctx)

    def month_year(m: re.Match[str]) -> str:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return m[0]
        prefix = "" if _MONTH_WORD_BEFORE.search(_before(m.string, m.start())) else "tháng "
        return _spaced(
            f"{prefix}{read_month(month, region=ctx.region)} năm "
            + read_number(int(m["y"]), region=ctx.region)
        )

    def day_month(m: re.Match[str]) -> str:
        day, month = int(m["d"]), int(m["m"])
        before = _before(m.string, m.start())
        sure = _DATE_CONTEXT_BEFORE.search(before)
        if not sure and (
            _FRACTION_AFTER.match(m.string, m.end()) or _FRACTION_BEFORE.search(before)
        ):
            return _spaced(
                f"{read_number(day, region=ctx.region)} phần {read_number(month, region=ctx.region)}"
            )
        if not sure and (day, month) == (24, 7):  # "trực 24/7": round the clock
            return _spaced(
                f"{read_number(24, region=ctx.region)} trên {read_number(7, region=ctx.region)}"
            )
        if not _valid_date(day, month):
            return m[0]
        return _say_date(m.string, m.start(), day, month, None, ctx)

    def month_word(m: re.Match[str]) -> str:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return m[0]
        return f"{m['word']} {read_month(month, region=ctx.region)} "

    text = _DATE_DASH.sub(r"\g<left> đến ", text)
    text = _DMY.sub(full, text)
    text = _ISO.sub(full, text)
    text = _MY.sub(month_year, text)
    text = _DM.sub(day_month, text)
    return _MONTH.sub(month_word, text)


# --- 3. phone numbers -----------------------------------------------------------------------

# One dialled number: "0912 345 678", "0237.3852.123", "+84 912 345 678", "113". At least
# three digits, so "điện thoại 2 chiếc" stays a count.
_DIALLED = r"(?:\+84[ .-]?)?\d{3,}(?:[.-]\d+| \d{2,})*"
# "gọi" is also "kêu gọi 500 thanh niên": after it only numbers that look dialled.
_CALLED = r"(?:(?:\+84|0|1[89]00)[ .-]?\d+(?:[.-]\d+| \d{2,})*|11[1-5])"
_LIST_SEP = r"[^\S\n]*(?:,|;|/|hoặc|và)[^\S\n]*"
# After these words every number of the list is dialled, so it is read digit by digit.
_PHONE_TRIGGER = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>(?:số điện thoại|điện thoại|đt|sđt|hotline|đường dây nóng|"
    rf"tổng đài|fax|số máy)(?:\s+là|\s+số)?\s*:?\s*)"
    rf"(?P<num>{_DIALLED}{_NUM_END}(?:{_LIST_SEP}{_DIALLED}{_NUM_END})*)",
    re.IGNORECASE,
)
_CALL = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<lead>gọi(?:\s+ngay)?(?:\s+(?:số|cho|tới|đến))?\s*:?\s*)"
    rf"(?P<num>{_CALLED}{_NUM_END}(?:{_LIST_SEP}{_CALLED}{_NUM_END})*)",
    re.IGNORECASE,
)
_DIALLED_ITEM = re.compile(rf"{_DIALLED}|{_CALLED}")
_MOBILE = re.compile(
    rf"{_NUM_START}(?P<num>(?:\+84[ .-]?|0)\d{{2,3}}(?:[ .-]?\d{{3,4}}){{2}}){_NUM_END}"
)
_SERVICE = re.compile(rf"{_NUM_START}(?P<num>1[89]00[ .-]?\d{{3,4}}(?:[ .-]?\d{{2,4}})?){_NUM_END}")
# 111 (child protection), 112 (rescue), 113 (police), 114 (fire), 115 (ambulance): dialled,
# unless a noun follows ("113 hộ dân" counts households).
_EMERGENCY = re.compile(rf"{_NUM_START}(?P<num>11[1-5]){_NUM_END}(?!\s*{_L})")


def read_phone(raw: str) -> str:
    """Digit by digit, with a comma (a pause) between the written groups."""
    prefix = ""
    if raw.startswith("+"):
        prefix, raw = "cộng ", raw[1:]
    groups = [g for g in re.split(r"[\s.-]+", raw) if g]
    if len(groups) == 1 and len(groups[0]) in (10, 11):
        # Unseparated mobile numbers are said 4-3-3 (or 4-3-4), the way people dictate them.
        g = groups[0]
        groups = [g[:4], g[4:7], g[7:]]
    return prefix + ", ".join(read_digits(g) for g in groups)


def _phones(text: str, ctx: _Context) -> str:
    def triggered(m: re.Match[str]) -> str:
        spoken = _DIALLED_ITEM.sub(lambda d: _spaced(read_phone(d[0])), m["num"])
        return m["lead"] + _spaced(spoken)

    def national(m: re.Match[str]) -> str:
        digits = sum(c.isdigit() for c in m["num"])
        wanted = (11, 12) if m["num"].startswith("+") else (10, 11)
        return _spaced(read_phone(m["num"])) if digits in wanted else m[0]

    def service(m: re.Match[str]) -> str:
        # 1800/1900 numbers have 8 or 10 digits; "1800000" is one million eight hundred thousand.
        digits = sum(c.isdigit() for c in m["num"])
        return _spaced(read_phone(m["num"])) if digits in (8, 10) else m[0]

    def emergency(m: re.Match[str]) -> str:
        return _spaced(read_phone(m["num"]))

    text = _PHONE_TRIGGER.sub(triggered, text)
    text = _CALL.sub(triggered, text)
    text = _MOBILE.sub(national, text)
    text = _SERVICE.sub(service, text)
    return _EMERGENCY.sub(emergency, text)


# --- units (read by the ranges and measures passes) -----------------------------------------

# "m²" arrives as "m2" (prepare makes every digit ASCII). Case matters: "m" is metres, "M"
# is not; "l" and "L" are both litres. "k" (thousand) is filled in per region at run time.
_UNITS: dict[str, str] = {
    "km2": "ki-lô-mét vuông", "km": "ki-lô-mét", "cm2": "xăng-ti-mét vuông",
    "cm": "xăng-ti-mét", "mm": "mi-li-mét", "m2": "mét vuông", "m3": "mét khối", "m": "mét",
    "ha": "héc-ta", "kg": "ki-lô-gam", "mg": "mi-li-gam", "g": "gam", "ml": "mi-li-lít",
    "l": "lít", "L": "lít", "cc": "phân khối", "kWh": "ki-lô-oát giờ", "kW": "ki-lô-oát",
    "W": "oát", "V": "vôn", "kHz": "ki-lô-héc", "MHz": "mê-ga-héc", "Hz": "héc",
    "dB": "đề-xi-ben", "GB": "ghi-ga-bai", "MB": "mê-ga-bai", "°C": "độ xê", "°": "độ",
    "%": "phần trăm", "đồng": "đồng", "đ": "đồng", "₫": "đồng", "VNĐ": "đồng",
    "VND": "đồng", "vnđ": "đồng", "vnd": "đồng", "tr": "triệu", "k": "",
}  # fmt: skip
_MONEY_WORDS = ("đồng", "triệu", "nghìn", "ngàn", "")
_PER_UNITS: dict[str, str] = {**_UNITS, "h": "giờ", "s": "giây", "giờ": "giờ", "giây": "giây"}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_PER_ALT = "|".join(re.escape(u) for u in sorted(_PER_UNITS, key=len, reverse=True))

# --- 4. ranges ------------------------------------------------------------------------------

# A dash between two numbers, each maybe with its unit: "10 - 15", "2021–2025", "10%-15%",
# "17h-19h", "22:00–05:00", "6.000.000 đồng - 8.000.000 đồng".
_RANGE = re.compile(
    rf"(?P<left>\d(?:[hH]\d{{0,2}}|')?(?:[^\S\n]?(?:{_UNIT_ALT}){_NO_LETTER_AFTER})?)"
    r"[^\S\n]*[-–—][^\S\n]*(?=\d)"
)


def _ranges(text: str, ctx: _Context) -> str:
    return _RANGE.sub(r"\g<left> đến ", text)


# --- 5. times -------------------------------------------------------------------------------

_TIME = re.compile(
    rf"{_NUM_START}(?<!:)(?P<h>[01]?\d|2[0-4])"
    r"(?:[hH](?P<m>[0-5]\d)?(?:'|ph?(?!\w))?|:(?P<m2>[0-5]\d)(?::(?P<s>[0-5]\d))?)"
    rf"(?!\d|:\d)(?:{_NO_LETTER_AFTER}|(?=phút))"
)
_MINUTE_WORD_AFTER = re.compile(r"\s*phút", re.IGNORECASE)


def _times(text: str, ctx: _Context) -> str:
    def repl(m: re.Match[str]) -> str:
        words = read_number(int(m["h"]), region=ctx.region) + " giờ"
        minutes = m["m"] or m["m2"]
        if minutes and int(minutes):
            words += " " + read_number(int(minutes), region=ctx.region)
            if not _MINUTE_WORD_AFTER.match(m.string, m.end()):
                words += " phút"
        if m["s"] and int(m["s"]):
            words += f" {read_number(int(m['s']), region=ctx.region)} giây"
        return _spaced(words)

    return _TIME.sub(repl, text)


# --- 6. money, percentages, units -----------------------------------------------------------

_MEASURE = re.compile(
    rf"{_NUM_START}(?P<num>{_QUANTITY})[^\S\n]?(?P<unit>{_UNIT_ALT}){_NO_LETTER_AFTER}"
    rf"(?:/(?P<pnum>\d+)?[^\S\n]?(?:(?P<per>{_PER_ALT}){_NO_LETTER_AFTER}|(?P<word>{_L}+)))?"
)
# Every pattern that can start on a digit says so with _NUM_START: without it a long run of
# digits is rescanned from each position (quadratic on a 20 000-character script).
_DOLLAR = re.compile(rf"\$[^\S\n]?(?P<num>{_QUANTITY})|{_NUM_START}(?P<num2>{_QUANTITY})[^\S\n]?\$")
_EURO = re.compile(rf"€[^\S\n]?(?P<num>{_QUANTITY})|{_NUM_START}(?P<num2>{_QUANTITY})[^\S\n]?€")
_DONG_FIRST = re.compile(rf"₫[^\S\n]?(?P<num>{_QUANTITY})(?P<num2>)")  # "₫5.000"


def _measures(text: str, ctx: _Context) -> str:
    thousand = read_number(1000, region=ctx.region).split()[-1]

    def repl(m: re.Match[str]) -> str:
        unit = _UNITS[m["unit"]] or thousand
        words = f"{read_quantity(m['num'], region=ctx.region)} {unit}"
        if m["per"] or m["word"]:
            per = _PER_UNITS[m["per"]] if m["per"] else m["word"]
            if m["pnum"]:  # mg/100 ml: "mi-li-gam trên một trăm mi-li-lít"
                words += f" trên {read_number(int(m['pnum']), region=ctx.region)} {per}"
            elif m["per"] and unit not in _MONEY_WORDS:  # km/h: "ki-lô-mét trên giờ"
                words += f" trên {per}"
            else:  # 50.000đ/người, 20.000 đ/kg: "… đồng một người", "… đồng một ki-lô-gam"
                words += f" một {per}"
        return _spaced(words)

    def currency(name: str) -> Callable[[re.Match[str]], str]:
        def say(m: re.Match[str]) -> str:
            return _spaced(f"{read_quantity(m['num'] or m['num2'], region=ctx.region)} {name}")

        return say

    text = _DOLLAR.sub(currency("đô la"), text)
    text = _EURO.sub(currency("ơ-rô"), text)
    text = _DONG_FIRST.sub(currency("đồng"), text)
    return _MEASURE.sub(repl, text)


# --- 7. lexicon -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _lexicon_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keys:
        return None
    alternation = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
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


def _lexicon(text: str, ctx: _Context) -> str:
    pattern = _lexicon_pattern(tuple(ctx.lexicon))
    if pattern is None:
        return text
    folded = {k.casefold(): k for k in ctx.lexicon if not k.isupper()}

    def repl(m: re.Match[str]) -> str:
        found = m[0]
        # All-capitals keys are abbreviations and match only as written ("CA" is Công an,
        # "ca" is a shift or a song); other keys match in any case ("facebook", "ZALO").
        key = found if found in ctx.lexicon else folded.get(found.casefold())
        if key is None:
            return found
        spoken = ctx.lookup(key) or found
        if spoken and key[:1].islower() and found[:1].isupper():
            spoken = spoken[0].upper() + spoken[1:]  # "Online" at the start of a sentence
        return spoken

    return pattern.sub(repl, text)


# --- 8. ordinals and numbers ----------------------------------------------------------------

_ORDINAL = re.compile(
    rf"{_NO_LETTER_BEFORE}(?P<word>thứ)\s+(?P<n>\d{{1,3}}){_NUM_END}", re.IGNORECASE
)
_RATIO = re.compile(rf"{_NUM_START}(?P<a>\d+)/(?P<b>\d+){_NUM_END}")
_NUMBER = re.compile(
    r"(?P<neg>(?<![\w.,)\]])[-−](?=\d))?(?P<tok>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,]\d)"
    r"|\d+,\d+|\d+(?:\.\d+)+|\d+)"
)


def _numbers(text: str, ctx: _Context) -> str:
    region = ctx.region

    def ordinal(m: re.Match[str]) -> str:
        return f"{m['word']} {read_ordinal(int(m['n']), region=region)} "

    def ratio(m: re.Match[str]) -> str:
        return _spaced(
            f"{read_integer_string(m['a'], region=region)} trên "
            + read_integer_string(m["b"], region=region)
        )

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
        if "." in token and "," not in token and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            # "19.2", "2.0.1", "192.168.1.1": section, version and address numbers.
            words = " chấm ".join(read_integer_string(p, region=region) for p in token.split("."))
        elif "," in token:
            integer, fraction = token.split(",", 1)
            words = read_decimal(integer.replace(".", ""), fraction, region=region)
        else:
            words = read_integer_string(token.replace(".", ""), region=region)
        return _spaced(("âm " if m["neg"] else "") + words)

    text = _ORDINAL.sub(ordinal, text)
    text = _RATIO.sub(ratio, text)
    return _NUMBER.sub(number, text)


# --- 9. symbols and spacing -----------------------------------------------------------------

_SYMBOLS = [
    (re.compile(r"%"), " phần trăm "),
    (re.compile(r"&"), " và "),
    (re.compile(r"°"), " độ "),
    # Formatting marks (Markdown bold, bullets) carry no sound.
    (re.compile(r"[*_#`|~^\\<>=\[\]{}]+"), " "),
    # A slash left between words ("Nam/nữ", "tháng/lần") is a short pause.
    (re.compile(r"[^\S\n]*/+[^\S\n]*"), ", "),
]
_TIDY = [
    (re.compile(r"[^\S\n]+"), " "),
    (re.compile(r" *\n[\s]*"), "\n"),
    (re.compile(r"^\s+|\s+$"), ""),
    (re.compile(r" +(?=[,.;:!?…)”’»])"), ""),
    (re.compile(r"(?<=[(“‘«]) +"), ""),
    # Pauses with nothing between them collapse to the strongest: ", ," → ",", ",." → ".".
    (re.compile(r",(?:[^\S\n]*,)+"), ","),
    (re.compile(r",[^\S\n]*(?=[.;:!?…])"), ""),
    (re.compile(r"(?m)^[,;:][^\S\n]*"), ""),
    (re.compile(r"(?<=[,;])(?=[^\W_])"), " "),
]


def _symbols(text: str, ctx: _Context) -> str:
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


def _tidy(text: str) -> str:
    # Each rule can expose work for another ("a , , ." → "a,." → "a."); run to a fixed point
    # so normalizing twice changes nothing.
    for _ in range(10):
        before = text
        for pattern, repl in _TIDY:
            text = pattern.sub(repl, text)
        if text == before:
            break
    return unicodedata.normalize("NFC", text)


# --- the pipeline ---------------------------------------------------------------------------

_PASSES: tuple[Callable[[str, _Context], str], ...] = (
    _legal_refs,
    _dates,
    _phones,
    _ranges,
    _times,
    _measures,
    _lexicon,
    _numbers,
    _symbols,
)


def _run(text: str, region: str, lexicon: Mapping[str, str] | None) -> tuple[str, _Context]:
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, got {type(text).__name__}")
    ctx = _Context(
        region=check_region(region),
        lexicon=_prepared_lexicon(DEFAULT_LEXICON if lexicon is None else lexicon),
    )
    text = _prepare(text)
    for step in _PASSES:
        text = step(text, ctx)
    return _tidy(text), ctx


def normalize(text: str, *, region: str = "north", lexicon: Mapping[str, str] | None = None) -> str:
    """Turn a script into what the reader says: NFC, every number in words, abbreviations
    expanded from `lexicon` (DEFAULT_LEXICON when None; the panel passes its merged dict).

    Words keep their casing unless expanded; sentence punctuation and line breaks stay so
    the synthesizer pauses. The result never contains a digit. Raises NormalizationError
    when nothing readable is left (empty text, only punctuation or symbols), ValueError for
    an unknown region.
    """
    if isinstance(text, str) and not text.strip():
        raise NormalizationError(
            "the text is empty", reason_vi="Văn bản trống, không có gì để đọc."
        )
    spoken, _ctx = _run(text, region, lexicon)
    if not any(c.isalpha() for c in spoken):
        raise NormalizationError(
            "the text has nothing to read: only punctuation, symbols or spaces",
            reason_vi="Văn bản không có chữ nào để đọc, chỉ có dấu câu hoặc ký hiệu.",
        )
    return spoken


def lexicon_terms_used(text: str, lexicon: Mapping[str, str]) -> set[str]:
    """The lexicon keys that normalizing `text` with `lexicon` consults.

    The render service stores this with a render: changing or deleting one of these entries
    may change the audio, so it invalidates the approval; changing any other entry does not.
    An entry *added* later is not in this set: ask again with the new lexicon to see whether
    the text uses it. Never raises for text that has nothing to read (returns a set).
    """
    _spoken, ctx = _run(text, "north", lexicon)
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

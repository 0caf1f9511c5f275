"""Vietnamese number reading: cardinals, decimals and digit-by-digit, with regional words.

The reading rules (what a newsreader says, not a word-per-digit spelling):

* units after a ten: 1 → "mốt" (21 "hai mươi mốt") but 11 "mười một"; 5 → "lăm" (15 "mười
  lăm", 25 "hai mươi lăm") but 105 "một trăm linh năm"; 4 → "tư" after "mươi" (24 "hai
  mươi tư") in the north and centre; southern speakers mostly say "hai mươi bốn", so the
  south keeps "bốn" (14 is "mười bốn" everywhere).
* "mười" for 10–19, "mươi" for the tens from 20.
* a zero ten inside a group: "linh" in the north, "lẻ" in the centre and south (105).
* thousands: "nghìn" in the north, "ngàn" in the centre and south; then "triệu", "tỷ";
  beyond a thousand billion the names repeat ("nghìn tỷ", "triệu tỷ").
* a group after the first is read in full, so its zeros are spoken: 1 005 000 "một triệu
  không trăm linh năm nghìn"; an all-zero group is skipped (2 000 300 "hai triệu ba trăm").

Digit-by-digit (phone numbers, codes) always says "bốn", "một", "năm": no "tư/mốt/lăm",
which belong to tens only.
"""

from __future__ import annotations

REGIONS: tuple[str, ...] = ("north", "central", "south")

DIGITS: tuple[str, ...] = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Past this many digits nobody reads a quantity aloud; such strings are codes or IDs, so
# `read_integer_string` spells them digit by digit instead of building "tỷ tỷ tỷ".
MAX_CARDINAL_DIGITS = 15


def check_region(region: str) -> str:
    """Return the region as a plain str, or raise ValueError for an unknown one."""
    value = str(region)
    if value not in REGIONS:
        raise ValueError(f"unknown region {region!r}; expected one of {', '.join(REGIONS)}")
    return value


def _words(region: str) -> tuple[str, str, str]:
    """(zero-ten word, thousand word, 4-after-mươi word) for a region."""
    if region == "north":
        return "linh", "nghìn", "tư"
    if region == "central":
        return "lẻ", "ngàn", "tư"
    return "lẻ", "ngàn", "bốn"


def _read_group(n: int, *, full: bool, region: str) -> list[str]:
    """Words for 0 < n < 1000; `full` reads the hundreds even when zero ("không trăm")."""
    zero_ten, _thousand, four = _words(region)
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += [zero_ten, DIGITS[units]]
        elif units:
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(DIGITS[units])
        return words
    words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt")
    elif units == 4:
        words.append(four)
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _read_below_billion(n: int, *, full: bool, region: str) -> list[str]:
    """Words for 0 < n < 10**9; `full` when a higher group was already spoken."""
    _zero_ten, thousand, _four = _words(region)
    groups = [(n // 1_000_000, "triệu"), (n // 1000 % 1000, thousand), (n % 1000, "")]
    words: list[str] = []
    for value, name in groups:
        if value == 0:
            continue
        words += _read_group(value, full=full or bool(words), region=region)
        if name:
            words.append(name)
    return words


def _read_positive(n: int, *, full: bool, region: str) -> list[str]:
    # Vietnamese counts in billions the way it counts in units: 10**12 is "nghìn tỷ", so the
    # part above 10**9 is itself read as a number followed by "tỷ".
    high, low = divmod(n, 1_000_000_000)
    words: list[str] = []
    if high:
        words += [*_read_positive(high, full=full, region=region), "tỷ"]
    if low:
        words += _read_below_billion(low, full=full or bool(words), region=region)
    return words


def read_number(n: int, *, region: str = "north") -> str:
    """Read an integer the way a Vietnamese newsreader says it.

    >>> read_number(1_005_000)
    'một triệu không trăm linh năm nghìn'
    >>> read_number(105, region="south")
    'một trăm lẻ năm'
    """
    region = check_region(region)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"read_number expects an int, got {type(n).__name__}")
    if n == 0:
        return DIGITS[0]
    if n < 0:
        return "âm " + read_number(-n, region=region)
    return " ".join(_read_positive(n, full=False, region=region))


def read_digits(digits: str) -> str:
    """Read a string of ASCII digits one by one: '0912' → 'không chín một hai'."""
    if not digits or not all("0" <= c <= "9" for c in digits):
        raise ValueError(f"not a string of digits: {digits!r}")
    return " ".join(DIGITS[int(c)] for c in digits)


def read_integer_string(digits: str, *, region: str = "north") -> str:
    """Read a written integer, deciding between quantity and code.

    "01" or "005" are quantities with a padding zero ("01 mô hình" is one model), read as
    the number; four or more digits starting with 0 ("0912") and anything longer than
    MAX_CARDINAL_DIGITS are codes, read digit by digit.
    """
    if not digits or not all("0" <= c <= "9" for c in digits):
        raise ValueError(f"not a string of digits: {digits!r}")
    if len(digits) > MAX_CARDINAL_DIGITS or (digits[0] == "0" and len(digits) >= 4):
        return read_digits(digits)
    return read_number(int(digits), region=region)


def read_fraction_digits(digits: str, *, region: str = "north") -> str:
    """Read what follows a decimal comma.

    Up to three digits without a leading zero are read as a number ("3,14" → "ba phẩy
    mười bốn", the common spoken style); a leading zero or a longer tail is read digit by
    digit ("0,05" → "không phẩy không năm") so no place value is lost.
    """
    if len(digits) <= 3 and digits[0] != "0":
        return read_number(int(digits), region=region)
    return read_digits(digits)


def read_decimal(integer: str, fraction: str, *, region: str = "north") -> str:
    """Read integer ',' fraction: ('2', '5') → 'hai phẩy năm'."""
    return f"{read_integer_string(integer, region=region)} phẩy " + read_fraction_digits(
        fraction, region=region
    )


def read_ordinal(n: int, *, region: str = "north") -> str:
    """The word after "thứ": 1 → "nhất", 4 → "tư" (thứ tư, lần thứ tư), else the cardinal."""
    if n == 1:
        return "nhất"
    if n == 4:
        return "tư"
    return read_number(n, region=region)


def read_month(n: int, *, region: str = "north") -> str:
    """The word after "tháng": "tháng tư" everywhere (never "tháng bốn"), else the cardinal."""
    return "tư" if n == 4 else read_number(n, region=region)

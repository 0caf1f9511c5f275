"""The one text check every stored text goes through: titles, script text, notes, names,
reasons, comments, area and topic names, lexicon terms.

``clean_text`` returns the text as it will be stored — NFC, line ends as ``\\n``, trimmed —
or raises ``ValidationError`` with a Vietnamese sentence naming the field. It refuses lone
surrogates (they cannot be encoded as UTF-8: the database would fail with a 500), NUL and the
other C0 and C1 control characters (escape sequences, bells; tab and newline only in
multi-line fields), the byte-order mark, bidirectional overrides (text that displays in
another order than it is stored) and text past the field's length limit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from content_library.errors import ValidationError

# Lone surrogates: refused before anything else touches the string.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 (but tab and newline), DEL, C1, the BOM / zero-width no-break space, bidi overrides
# and isolates, and the noncharacters U+FFFE/U+FFFF.
_CONTROL_MULTI = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@dataclass(frozen=True)
class TextField:
    """A kind of stored text: its form field, names for people, limit and shape."""

    field: str
    label_en: str
    label_vi: str
    max_len: int
    multiline: bool = False


TITLE = TextField("title", "the title", "Tiêu đề", 200)
SCRIPT_TEXT = TextField("text", "the script", "Kịch bản", 20_000, multiline=True)
NOTE = TextField("text", "the note", "Ghi chú", 20_000, multiline=True)
FULL_NAME = TextField("full_name", "the full name", "Họ tên", 200)
AREA_NAME = TextField("name", "the area name", "Tên địa bàn", 200)
TOPIC_NAME = TextField("name", "the topic name", "Tên chủ đề", 200)
SCHEDULE_NAME = TextField("name", "the schedule name", "Tên lịch phát", 200)
UNIT_NAME = TextField("name", "the unit name", "Tên cụm loa", 200)
COMMENT = TextField("comment", "the comment", "Nhận xét", 5000, multiline=True)
REASON = TextField("reason", "the reason", "Lý do", 5000, multiline=True)
LEXICON_TERM = TextField("term", "the lexicon term", "Từ trong từ điển phát âm", 100)
LEXICON_SPOKEN = TextField("spoken", "the spoken form", "Cách đọc", 300)
LANGUAGE = TextField("language", "the language", "Ngôn ngữ", 20)
FILE_NAME = TextField("file", "the file name", "Tên tệp", 255)


def clean_text(
    value: str | None, kind: TextField, *, required: bool = True, max_len: int | None = None
) -> str:
    """``value`` as it will be stored, or ValidationError naming ``kind``'s field.

    ``max_len`` overrides the kind's limit (a script's limit comes from the settings).
    An optional field (``required=False``) may be empty and comes back as "".
    """
    text = "" if value is None else value
    if not isinstance(text, str):
        raise ValidationError(
            f"{kind.label_en} must be text", f"{kind.label_vi} phải là chữ.", field=kind.field
        )
    m = _SURROGATE.search(text)
    if m:
        _refuse(kind, m.group(), m.start())
    if kind.multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        if required:
            raise ValidationError(
                f"{kind.label_en} is empty", f"{kind.label_vi} đang trống.", field=kind.field
            )
        return ""
    limit = kind.max_len if max_len is None else max_len
    if len(text) > limit:
        raise ValidationError(
            f"{kind.label_en} has {len(text)} characters; the limit is {limit}",
            f"{kind.label_vi} dài {len(text)} ký tự, vượt giới hạn {limit} ký tự.",
            field=kind.field,
        )
    m = (_CONTROL_MULTI if kind.multiline else _CONTROL_LINE).search(text)
    if m:
        _refuse(kind, m.group(), m.start())
    return text


def _refuse(kind: TextField, char: str, pos: int) -> None:
    code = f"U+{ord(char):04X}"
    raise ValidationError(
        f"{kind.label_en} has a control or invalid character ({code}) at position {pos}",
        f"{kind.label_vi} chứa ký tự điều khiển hoặc ký tự không hợp lệ ({code}) ở vị trí {pos}.",
        field=kind.field,
    )

"""Emergency slots and templates as plain functions: every slot type accepts its bounded
values and refuses the rest with a sentence naming the slot; a template's approval is bound to
its text, slots and voice; the emergency sequence is its own counter."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from content_library import emergency as em
from content_library.db import make_engine, upgrade_to_head
from content_library.emergency_models import EmergencyTemplate
from content_library.errors import ValidationError
from content_library.publishing import allocate_sequence as bundle_sequence

TODAY = date(2026, 3, 10)
PLACES = {7: "Ấp Ngọc Bình"}


def spec(kind: str, **kw) -> dict:
    return {"name": "o", "type": kind, "label": "Ô thử", **kw}


@pytest.mark.parametrize(
    ("kind", "value", "stored", "shown"),
    [
        ("storm", "3", 3, "3"),
        ("storm", 99, 99, "99"),
        ("wind", "12", {"level": 12}, "cấp 12"),
        ("wind", "12/14", {"level": 12, "gust": 14}, "cấp 12, giật cấp 14"),
        ("wind", {"level": 12, "gust": 12}, {"level": 12, "gust": 12}, "cấp 12, giật cấp 12"),
        ("water", "2,5", "2.5", "2,5 m"),
        ("water", 2.25, "2.25", "2,25 m"),
        ("water", "-1", "-1", "-1 m"),
        ("time", "7:05", "07:05", "7:05"),
        ("time", "14h30", "14:30", "14:30"),
        ("date", "2026-03-11", "2026-03-11", "11/03/2026"),
        ("date", "15/10/2026", "2026-10-15", "15/10/2026"),
        ("place", "7", 7, "Ấp Ngọc Bình"),
    ],
)
def test_slot_values_accepted(kind, value, stored, shown):
    assert em.parse_slot(spec(kind), value, today=TODAY, places=PLACES) == (stored, shown)


def test_a_choice_is_one_of_its_options_nfc():
    s = spec("choice", options=["sơ tán", "không ra khơi"])
    decomposed = "so\u031b tán"  # "sơ" as o + combining horn: the same word once NFC
    assert em.parse_slot(s, decomposed, today=TODAY, places={}) == ("sơ tán", "sơ tán")
    with pytest.raises(ValidationError, match="Ô thử"):
        em.parse_slot(s, "đi chơi", today=TODAY, places={})


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("storm", "0"),
        ("storm", "100"),
        ("storm", True),
        ("storm", "3.5"),
        ("wind", "18"),
        ("wind", "12/11"),
        ("wind", {"level": "x"}),
        ("water", "51"),
        ("water", "2.555"),
        ("water", "nan"),
        ("water", "1e3"),
        ("time", "24:00"),
        ("time", "12:60"),
        ("date", "2025-01-01"),
        ("date", "2027-06-01"),
        ("date", "31/02/2026"),
        ("place", "8"),
        ("place", 2**70),
        ("storm", ""),
        ("time", None),
    ],
)
def test_slot_values_refused_naming_the_slot(kind, value):
    with pytest.raises(ValidationError) as exc:
        em.parse_slot(spec(kind), value, today=TODAY, places=PLACES)
    assert exc.value.reason_vi.startswith("Ô “Ô thử”") and exc.value.code == "bad_slot"


def test_slot_lines_round_trip():
    lines = "bao | storm | Số hiệu bão\nviec | choice | Việc | sơ tán; không ra khơi"
    specs = em.check_slot_specs("Bão {bao}, {viec}.", em.parse_slot_lines(lines))
    assert specs[1]["options"] == ["sơ tán", "không ra khơi"]
    assert em.parse_slot_lines(em.slot_lines(specs)) == specs


def _template(**kw) -> EmergencyTemplate:
    values = dict(
        name="Bão",
        area_id=1,
        text="Bão số {bao}.",
        slots=[{"name": "bao", "type": "storm", "label": "Bão"}],
        voice_region="south",
        created_by=1,
        state="approved",
        voice_engine="espeak",
        voice_name=None,
    )
    values.update(kw)
    t = EmergencyTemplate(**values)
    t.approval_fingerprint = em.template_fingerprint(
        text=t.text,
        slots=list(t.slots),
        region=t.voice_region,
        engine="espeak",
        voice=None,
        lexicon={},
    )
    return t


def test_the_approval_is_bound_to_text_slots_region_and_voice():
    t = _template()
    assert em.is_usable(t, lexicon={})
    for change in (
        {"text": "Áp thấp số {bao}."},
        {"slots": [{"name": "bao", "type": "storm", "label": "Số"}]},
        {"voice_region": "north"},
        {"voice_name": "vi-vn-x-central"},
        {"voice_engine": "piper"},
        {"state": "revoked"},
    ):
        changed = _template()
        for k, v in change.items():
            setattr(changed, k, v)
        assert not em.is_usable(changed, lexicon={}), change


def test_fill_text_reads_every_slot():
    t = _template(
        text="Bão số {bao}, gió {gio}.",
        slots=[
            {"name": "bao", "type": "storm", "label": "Bão"},
            {"name": "gio", "type": "wind", "label": "Gió"},
        ],
    )
    now = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    text, stored = em.fill_text(t, {"bao": "9", "gio": "10/12"}, now=now, places={})
    assert text == "Bão số 9, gió cấp 10, giật cấp 12."
    assert stored == {"bao": 9, "gio": {"level": 10, "gust": 12}}
    with pytest.raises(ValidationError, match="no slot"):
        em.fill_text(t, {"bao": "9", "gio": "10", "them": "chữ tự do"}, now=now, places={})


def test_emergency_sequence_is_apart_from_the_bundle_sequence(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'loa.sqlite3'}")
    upgrade_to_head(engine)
    with Session(engine) as s:
        assert [em.allocate_sequence(s) for _ in range(3)] == [1, 2, 3]
        assert bundle_sequence(s) == 1
        assert em.allocate_sequence(s) == 4

"""The units' Mosquitto ACL as generated from the panel's database (content_library.push,
deploy/mosquitto/write-acl.py): a unit of one commune reads only its own topic and the topics
of the areas on its path — never another commune's — and publishes nothing; no unit id or
area id can carry a wildcard or a line of its own into the file (docs/security.md 23)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from content_library.demo import DEMO_UNIT_ID, seed_demo
from content_library.models import Area, Unit
from content_library.push import build_unit_acl, panel_acl, unit_acl, unit_area_paths
from protocol.notice import area_emergency_topic, area_topic, unit_topic

ROOT = Path(__file__).resolve().parents[2]


def _blocks(text: str) -> dict[str, list[str]]:
    """user → its lines; also checks nothing stands before the first ``user`` but comments
    (a line there would apply to every unit)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("user "):
            current = blocks.setdefault(line.removeprefix("user "), [])
            continue
        assert current is not None, f"a rule for every unit: {line!r}"
        current.append(line)
    return blocks


@pytest.fixture
def paths(engine, now) -> tuple[dict[str, list[int]], dict[str, Area]]:
    with Session(engine) as session:
        seed_demo(session, now=now)
        session.flush()
        areas = {a.name: a for a in session.exec(select(Area)).all()}
        session.add(
            Unit(id="thanh-loc-01", name="Cụm loa Thạnh Lộc", area_id=areas["Thạnh Lộc"].id)
        )
        session.commit()
        return unit_area_paths(session), areas


def test_a_unit_reads_its_own_and_its_areas_topics_never_another_communes(paths) -> None:
    by_unit, areas = paths
    blocks = _blocks(unit_acl(by_unit))
    nc, tl = areas["Ngọc Chúc"].id, areas["Thạnh Lộc"].id
    assert nc in by_unit[DEMO_UNIT_ID] and tl not in by_unit[DEMO_UNIT_ID]
    assert tl in by_unit["thanh-loc-01"] and nc not in by_unit["thanh-loc-01"]
    for unit, own_area, other_area in ((DEMO_UNIT_ID, nc, tl), ("thanh-loc-01", tl, nc)):
        expected = [f"topic read {unit_topic(unit)}"]
        for a in by_unit[unit]:
            expected += [f"topic read {area_topic(a)}", f"topic read {area_emergency_topic(a)}"]
        assert blocks[unit] == expected
        assert f"topic read {area_topic(own_area)}" in blocks[unit]
        assert not any(line.endswith(f"/area/{other_area}") for line in blocks[unit])
        # Read only, no wildcard, no pattern: nothing to publish a notice with.
        for line in blocks[unit]:
            assert line.startswith("topic read loa/v1/"), line
            assert "+" not in line and "#" not in line and "%" not in line, line
    # Both share only the areas above the communes (district, province).
    shared = set(by_unit[DEMO_UNIT_ID]) & set(by_unit["thanh-loc-01"])
    assert nc not in shared and tl not in shared


def test_only_the_panel_may_publish(paths) -> None:
    text = unit_acl(paths[0])
    assert not any(w in text for w in ("topic write", "topic readwrite", "pattern", "topic loa"))
    assert _blocks(panel_acl()) == {"loa-panel": ["topic write loa/v1/#"]}


UNSAFE_UNIT_IDS = [
    "cl-01\ntopic readwrite #",
    "cl-01\r\nuser loa-panel",
    "cl/#",
    "cl+01",
    "#",
    "+",
    "cl 01",
    "cl-01\t",
    "",
    "cl-01/../x",
    "%u",
    "ÿ-cl",
]
UNSAFE_AREA_IDS = ["1/#", "+", "#", "1\ntopic readwrite #", "-1", "١", True, " 1", ""]


def _assert_safe(text: str) -> None:
    """Every line of the file is a comment, a plain ``user <id>`` or a ``topic read`` of a
    topic without wildcards."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        kind, _, rest = line.partition(" ")
        assert kind in ("user", "topic"), line
        assert "+" not in rest and "#" not in rest and "%" not in rest, line
        assert rest.strip() == rest and " " not in rest.removeprefix("read "), line
        if kind == "topic":
            assert rest.startswith("read loa/v1/"), line


@pytest.mark.parametrize("unit_id", UNSAFE_UNIT_IDS)
def test_a_unit_id_cannot_carry_a_wildcard_or_a_line_into_the_acl(unit_id) -> None:
    result = build_unit_acl({"cl-02": [1], unit_id: [1]})
    _assert_safe(result.text)
    assert _blocks(result.text) == {"cl-02": [f"topic read {unit_topic('cl-02')}", *_area(1)]}
    assert [s.unit_id for s in result.skipped] == [unit_id]
    # unit_acl (the same text) logs what it left out
    assert unit_acl({"cl-02": [1], unit_id: [1]}) == result.text


@pytest.mark.parametrize("area", UNSAFE_AREA_IDS)
def test_an_area_id_cannot_carry_a_wildcard_or_a_line_into_the_acl(area) -> None:
    result = build_unit_acl({"cl-01": [1, area], "cl-02": [1, 5]})
    _assert_safe(result.text)
    # the unit with the bad area is left out whole (a partial list of its areas would make it
    # miss the emergencies of the area it could not be given)
    assert _blocks(result.text) == {
        "cl-02": [f"topic read {unit_topic('cl-02')}", *_area(1), *_area(5)]
    }
    assert [s.unit_id for s in result.skipped] == ["cl-01"]
    assert "địa bàn" in result.skipped[0].reason


def _area(a: int) -> list[str]:
    return [f"topic read {area_topic(a)}", f"topic read {area_emergency_topic(a)}"]


def test_one_bad_unit_does_not_stop_the_acl_of_the_others(caplog) -> None:
    units = {
        "cl-01": [1, 4],
        "cl 02\ntopic readwrite #": [1, 4],
        "cl-03": [1, "4/#"],
        "cl-04": [1, 5],
    }
    with caplog.at_level("WARNING", logger="content_library.push"):
        text = unit_acl(units)
    _assert_safe(text)
    assert sorted(_blocks(text)) == ["cl-01", "cl-04"]
    assert "readwrite" not in text and "4/#" not in text
    # both left-out units are logged, Vietnamese first, the id written safely (repr)
    logged = [r.getMessage() for r in caplog.records]
    assert any("cl-03" in m and "Bỏ qua cụm loa" in m for m in logged), logged
    assert any("'cl 02\\ntopic readwrite #'" in m for m in logged), logged
    assert not any("\n" in m for m in logged), logged


def test_a_unit_with_a_broken_area_path_in_the_database_is_left_out(engine, now) -> None:
    with Session(engine) as session:
        seed_demo(session, now=now)
        session.flush()
        areas = {a.name: a for a in session.exec(select(Area)).all()}
        tl = areas["Thạnh Lộc"]
        session.add(Unit(id="thanh-loc-01", name="Cụm loa Thạnh Lộc", area_id=tl.id))
        session.add(Unit(id="thanh-loc 02", name="Cụm loa do tay thêm", area_id=tl.id))
        session.commit()
        # an area row edited by hand: its path no longer reads as ids
        areas["Ngọc Chúc"].path = "/1/x+/"
        session.add(areas["Ngọc Chúc"])
        session.commit()
        result = build_unit_acl(unit_area_paths(session))
    _assert_safe(result.text)
    assert "thanh-loc-01" in _blocks(result.text)
    assert sorted(s.unit_id for s in result.skipped) == [DEMO_UNIT_ID, "thanh-loc 02"]


def test_write_acl_writes_the_others_and_names_the_skipped_units_in_vietnamese(
    engine, db_url, now, tmp_path
) -> None:
    with Session(engine) as session:
        seed_demo(session, now=now)
        session.flush()
        tl = session.exec(select(Area).where(Area.name == "Thạnh Lộc")).one()
        session.add(Unit(id="thanh-loc-01", name="Cụm loa Thạnh Lộc", area_id=tl.id))
        session.add(Unit(id="thanh-loc/#", name="Cụm loa do tay thêm", area_id=tl.id))
        session.commit()
    out = tmp_path / "units.acl"
    env = dict(os.environ, LOA_DATABASE_URL=db_url)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "deploy/mosquitto/write-acl.py"),
            "--data-dir",
            str(tmp_path / "data"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    # written (exit 0, so '&& systemctl reload mosquitto' still runs), the good units in it
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    _assert_safe(text)
    assert sorted(_blocks(text)) == sorted([DEMO_UNIT_ID, "thanh-loc-01"])
    # the skipped one is named on stderr, Vietnamese first
    assert "Bỏ qua cụm loa 'thanh-loc/#'" in done.stderr, done.stderr
    assert "thanh-loc/#" not in text
    assert "2 cụm loa" in done.stdout and "bỏ qua 1" in done.stdout, done.stdout

"""The units' Mosquitto ACL as generated from the panel's database (content_library.push,
deploy/mosquitto/write-acl.py): a unit of one commune reads only its own topic and the topics
of the areas on its path — never another commune's — and publishes nothing; no unit id or
area id can carry a wildcard or a line of its own into the file (docs/security.md 23)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from content_library.demo import DEMO_UNIT_ID, seed_demo
from content_library.models import Area, Unit
from content_library.push import panel_acl, unit_acl, unit_area_paths
from protocol.notice import area_emergency_topic, area_topic, unit_topic


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


@pytest.mark.parametrize(
    "unit_id",
    [
        "cl-01\ntopic readwrite #",
        "cl-01\r\nuser loa-panel",
        "cl/#",
        "cl+01",
        "#",
        "+",
        "cl 01",
        "",
        "cl-01/../x",
        "%u",
        "ÿ-cl",
    ],
)
def test_a_unit_id_cannot_carry_a_wildcard_or_a_line_into_the_acl(unit_id) -> None:
    with pytest.raises(ValueError, match="cannot be an MQTT topic level"):
        unit_acl({"cl-02": [1], unit_id: [1]})


@pytest.mark.parametrize("area", ["1/#", "+", "#", "1\ntopic readwrite #", "-1", "١", True])
def test_an_area_id_cannot_carry_a_wildcard_or_a_line_into_the_acl(area) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        unit_acl({"cl-01": [1, area]})

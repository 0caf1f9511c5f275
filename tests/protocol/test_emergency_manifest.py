"""The optional ``emergency`` manifest field (docs/bundle-format.md, *Emergency bundles*):
strict parsing and bounds, the shape of play and stop bundles, and ordinary manifests that
stay byte for byte what they were."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from protocol.bundle import verify_bundle
from protocol.canonical import canonical_json
from protocol.errors import ManifestInvalid
from protocol.manifest import Emergency, Manifest, Target

from .test_sequence import NOW, Panel

AREA = Target(areas=("xa-tan-phu",))
EID = "5f0c6a1e-15ab-4c1d-9e2f-0123456789ab"


@pytest.fixture
def panel(tmp_path) -> Panel:
    return Panel(tmp_path)


def _emergency(**over) -> dict:
    fields = {
        "id": EID,
        "action": "play",
        "repeats": 3,
        "gap_s": 60,
        "start_at": NOW.isoformat(),
    }
    fields.update(over)
    return fields


def _play(panel: Panel, **over) -> Manifest:
    base = panel.manifest(sequence=1, target=AREA)
    item = replace(base.items[0], priority="emergency")
    return replace(base, items=(item,), emergency=Emergency.from_dict(_emergency(**over)))


def _stop(panel: Panel) -> Manifest:
    base = panel.manifest(sequence=2, target=AREA)
    return replace(base, items=(), emergency=Emergency.from_dict(_emergency(action="stop")))


def test_an_ordinary_manifest_is_byte_for_byte_what_it_was(panel):
    manifest = panel.manifest(sequence=1, target=AREA)
    data = manifest.to_dict()
    assert "emergency" not in data
    assert set(data) == {
        "format",
        "bundle_id",
        "target",
        "sequence",
        "issued_at",
        "expires_at",
        "key_id",
        "items",
        "schedule",
    }
    raw = manifest.to_json_bytes()
    assert raw == canonical_json(json.loads(raw))
    assert Manifest.from_dict(json.loads(raw)) == manifest
    assert manifest.emergency is None


def test_play_and_stop_bundles_round_trip_and_verify(panel):
    for manifest in (_play(panel), _stop(panel)):
        data = json.loads(manifest.to_json_bytes())
        assert data["emergency"]["id"] == EID
        assert Manifest.from_dict(data) == manifest
        path = panel.build(manifest)
        verified = verify_bundle(
            path, trusted_keys=panel.trusted, now=NOW, unit_id="u", unit_areas=("xa-tan-phu",)
        )
        assert verified.manifest.emergency == manifest.emergency


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"id": "not-a-uuid"}, "emergency.id"),
        ({"id": EID.upper()}, "lowercase"),
        ({"id": 15}, "emergency.id"),
        ({"action": "pause"}, "emergency.action"),
        ({"action": None}, "emergency.action"),
        ({"repeats": 0}, "emergency.repeats"),
        ({"repeats": 21}, "emergency.repeats"),
        ({"repeats": True}, "emergency.repeats"),
        ({"repeats": 2.0}, "emergency.repeats"),
        ({"gap_s": -1}, "emergency.gap_s"),
        ({"gap_s": 3601}, "emergency.gap_s"),
        ({"gap_s": 1.5}, "emergency.gap_s"),
        ({"start_at": "2026-11-20T08:00:00"}, "emergency.start_at"),
        ({"start_at": "tomorrow"}, "emergency.start_at"),
        ({"start_at": (NOW + timedelta(days=8)).isoformat()}, "before expires_at"),
    ],
)
def test_bad_emergency_fields_are_refused(panel, over, words):
    data = json.loads(_play(panel).to_json_bytes())
    data["emergency"].update(over)
    with pytest.raises(ManifestInvalid) as err:
        Manifest.from_dict(data)
    assert words in err.value.reason
    assert err.value.reason_vi and err.value.code == "manifest_invalid"


@pytest.mark.parametrize("value", [None, [], "play", {}])
def test_an_emergency_that_is_not_the_object_is_refused(panel, value):
    data = json.loads(_play(panel).to_json_bytes())
    data["emergency"] = value
    with pytest.raises(ManifestInvalid):
        Manifest.from_dict(data)


def test_unknown_and_missing_emergency_keys_are_refused(panel):
    data = json.loads(_play(panel).to_json_bytes())
    data["emergency"]["priority"] = "emergency"
    with pytest.raises(ManifestInvalid, match=r"unknown field emergency\.priority"):
        Manifest.from_dict(data)
    data = json.loads(_play(panel).to_json_bytes())
    del data["emergency"]["gap_s"]
    with pytest.raises(ManifestInvalid, match=r"missing field emergency\.gap_s"):
        Manifest.from_dict(data)


def test_a_play_bundle_carries_exactly_one_emergency_item(panel):
    play = _play(panel)
    data = json.loads(play.to_json_bytes())
    data["items"][0]["priority"] = "priority"
    with pytest.raises(ManifestInvalid, match="exactly one item of priority emergency"):
        Manifest.from_dict(data)
    second = replace(play.items[0], id="b")
    with pytest.raises(ManifestInvalid, match="exactly one item"):
        replace(play, items=(*play.items, second))
    with pytest.raises(ManifestInvalid, match="exactly one item"):
        replace(play, items=())
    with pytest.raises(ManifestInvalid, match="empty schedule"):
        replace(play, schedule={"format": 1})


def test_a_stop_bundle_carries_no_items(panel):
    stop = _stop(panel)
    item = replace(_play(panel).items[0])
    with pytest.raises(ManifestInvalid, match="stop bundle carries no items"):
        replace(stop, items=(item,))
    with pytest.raises(ManifestInvalid, match="empty schedule"):
        replace(stop, schedule={"x": 1})


def test_emergency_values_are_checked_on_construction(panel):
    with pytest.raises(ManifestInvalid):
        Emergency(id=EID, action="play", repeats=1, gap_s=0, start_at=NOW.replace(tzinfo=None))
    with pytest.raises(ManifestInvalid):
        replace(_play(panel), emergency="play")

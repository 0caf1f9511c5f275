"""The optional ``relays`` manifest field (docs/bundle-format.md, *Relay channels*): strict
parsing, the checks against the bundle's items, signed bundles that carry it, and manifests
without it that stay byte for byte what they were."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from playout.store import check_schedule
from protocol.bundle import verify_bundle
from protocol.canonical import canonical_json
from protocol.errors import BundleRejected, ManifestInvalid
from protocol.manifest import Manifest, Relay, Target

from .test_sequence import NOW, Panel

AREA = Target(areas=("xa-tan-phu",))


@pytest.fixture
def panel(tmp_path) -> Panel:
    return Panel(tmp_path)


def _relay(manifest: Manifest, **over) -> dict:
    fields = {
        "id": "vov1",
        "name": "VOV1 (mô phỏng)",
        "url": "http://127.0.0.1:8010/vov1",
        "format": "mp3",
        "fallback_item": "a",
        "approval": manifest.items[0].approval.to_dict(),
    }
    fields.update(over)
    return fields


def _with_relays(panel: Panel, *relays: dict) -> Manifest:
    base = panel.manifest(sequence=1, target=AREA)
    return replace(base, relays=tuple(Relay.from_dict(r) for r in relays or (_relay(base),)))


def test_a_manifest_without_relays_is_byte_for_byte_what_it_was(panel):
    manifest = panel.manifest(sequence=1, target=AREA)
    assert manifest.relays == ()
    data = manifest.to_dict()
    assert "relays" not in data
    raw = manifest.to_json_bytes()
    assert raw == canonical_json(json.loads(raw))
    assert Manifest.from_dict(json.loads(raw)) == manifest


def test_relays_round_trip_and_travel_in_a_signed_bundle(panel):
    base = panel.manifest(sequence=1, target=AREA)
    manifest = _with_relays(
        panel,
        _relay(base),
        _relay(
            base,
            id="tinh",
            url="https://radio.example.vn/live/index.m3u8",
            format="hls",
            fallback_item=None,
            name="Đài tỉnh",
        ),
    )
    data = json.loads(manifest.to_json_bytes())
    assert [r["id"] for r in data["relays"]] == ["vov1", "tinh"]
    assert data["relays"][1]["fallback_item"] is None
    assert Manifest.from_dict(data) == manifest
    verified = verify_bundle(
        panel.build(manifest),
        trusted_keys=panel.trusted,
        now=NOW,
        unit_id="u",
        unit_areas=("xa-tan-phu",),
    )
    assert verified.manifest.relays == manifest.relays
    assert verified.manifest.relays[0].url == "http://127.0.0.1:8010/vov1"


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"id": "VOV1"}, "relay.id"),
        ({"id": "a" * 33}, "relay.id"),
        ({"id": 1}, "relays[0].id"),
        ({"name": ""}, "name is empty"),
        ({"url": "ftp://127.0.0.1/vov1"}, "http:// or https://"),
        ({"url": "file:///etc/passwd"}, "http:// or https://"),
        ({"url": "rtsp://127.0.0.1/vov1"}, "http:// or https://"),
        ({"url": "http:///vov1"}, "no host"),
        ({"url": "http://127.0.0.1/vov 1"}, "printable ASCII"),
        ({"url": "http://127.0.0.1/đài"}, "printable ASCII"),
        ({"url": "http://127.0.0.1:99999/vov1"}, "not a valid URL"),
        ({"url": "http://127.0.0.1/vov1#x"}, "fragment"),
        ({"url": 5}, "must be a string"),
        ({"format": "wav"}, "format must be one of"),
        ({"fallback_item": 7}, "fallback_item"),
        ({"fallback_item": "khong-co"}, "not in the bundle"),
        ({"approval": None}, "has no approval"),
    ],
)
def test_bad_relay_fields_are_refused(panel, over, words):
    base = panel.manifest(sequence=1, target=AREA)
    data = json.loads(base.to_json_bytes())
    data["relays"] = [_relay(base, **over)]
    with pytest.raises(ManifestInvalid) as err:
        Manifest.from_dict(data)
    assert words in err.value.reason
    assert err.value.reason_vi and err.value.code == "manifest_invalid"


def test_duplicates_unknown_keys_and_empty_lists_are_refused(panel):
    base = panel.manifest(sequence=1, target=AREA)
    data = json.loads(base.to_json_bytes())
    data["relays"] = [_relay(base), _relay(base, url="http://127.0.0.1:8010/khac")]
    with pytest.raises(ManifestInvalid, match="duplicate relay id vov1"):
        Manifest.from_dict(data)
    data["relays"] = [{**_relay(base), "codec": "mp3"}]
    with pytest.raises(ManifestInvalid, match=r"unknown field relays\[0\]\.codec"):
        Manifest.from_dict(data)
    relay = _relay(base)
    del relay["fallback_item"]
    data["relays"] = [relay]
    with pytest.raises(ManifestInvalid, match=r"missing field relays\[0\]\.fallback_item"):
        Manifest.from_dict(data)
    for empty in ([], None, {}, "vov1"):
        data["relays"] = empty
        with pytest.raises(ManifestInvalid, match="non-empty list"):
            Manifest.from_dict(data)


def test_a_relay_approved_after_the_bundle_was_issued_is_refused(panel):
    base = panel.manifest(sequence=1, target=AREA)
    approval = _relay(base)["approval"]
    approval["approved_at"] = (base.issued_at + timedelta(minutes=1)).isoformat()
    data = json.loads(base.to_json_bytes())
    data["relays"] = [_relay(base, approval=approval)]
    with pytest.raises(ManifestInvalid, match="approved after the bundle was issued"):
        Manifest.from_dict(data)


def test_changing_the_url_of_a_signed_bundle_breaks_its_signature(panel):
    manifest = _with_relays(panel)
    path = panel.build(manifest)
    raw = path.read_bytes()
    forged = raw.replace(b"127.0.0.1:8010/vov1", b"127.0.0.1:8010/evil")
    assert forged != raw
    path.write_bytes(forged)
    with pytest.raises(BundleRejected):
        verify_bundle(path, trusted_keys=panel.trusted, now=NOW)


def _relay_rule(channel: str) -> dict:
    window = {"start": "05:30", "end": "06:00"}
    return {"rules": [{"kind": "relay", "relay": channel, "window": window}]}


def test_the_units_schedule_check_refuses_a_relay_rule_for_a_channel_not_in_the_bundle(panel):
    base = panel.manifest(sequence=1, target=AREA, schedule=_relay_rule("tinh"))
    manifest = replace(base, relays=(Relay.from_dict(_relay(base)),))
    with pytest.raises(BundleRejected) as err:
        verify_bundle(
            panel.build(manifest),
            trusted_keys=panel.trusted,
            now=NOW,
            manifest_check=check_schedule,
        )
    assert err.value.code == "schedule_invalid"
    assert "unknown relay channels: tinh" in err.value.reason
    # Without any relays at all, likewise; with the channel, accepted.
    alone = panel.manifest(sequence=2, target=AREA, schedule=_relay_rule("vov1"))
    with pytest.raises(BundleRejected, match="unknown relay channels: vov1"):
        check_schedule(alone)
    check_schedule(replace(alone, relays=(Relay.from_dict(_relay(alone)),)))

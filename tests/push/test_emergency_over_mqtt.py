"""The emergency fast path on a real Mosquitto: the signed emergency bundle itself travels over
MQTT (``loa/v1/area/<id>/emergency``) and the unit's store imports it with every check it
makes on a bundle fetched over HTTP — signature, target, expiry, the emergency sequence floor.

The bundles are dated around the playout kit's T0 and judged by a SimClock at T0 (the store's
checks never read the real clock); the notices beside them are signed and checked with the
real clock on both ends, as in the other push tests."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from content_library.push import PANEL_USERNAME, MqttPublisher
from hardware.clock import SimClock
from playout.push_client import PushClient
from protocol.bundle import read_manifest_unverified
from protocol.notice import area_emergency_topic
from tests.playout.conftest import T0, UnitKit
from tests.playout.emergency_kit import emergency_bundle, unit_store

from .conftest import PANEL_PASSWORD, PASSWORDS, WAIT_S
from .helpers import RawClient, panel_publisher


def wait_until(check: Callable[[], bool], timeout: float = WAIT_S) -> bool:
    """Poll ``check`` until it holds or ``timeout`` (an upper bound, never a measurement)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


@pytest.fixture
def kit(tmp_path) -> UnitKit:
    (tmp_path / "kit").mkdir()
    return UnitKit(tmp_path / "kit", t0=T0)


@pytest.fixture
def store(kit):
    """cl-01's store: in areas 1 (the province) and 4 (its commune), as conftest.UNITS says."""
    return unit_store(kit, SimClock(T0, monotonic=1000.0), unit_id="cl-01", areas=("1", "4"))


def notice_of(path: Path) -> dict[str, Any]:
    m = read_manifest_unverified(path)
    assert m.emergency is not None
    return {
        "kind": "emergency",
        "bundle_id": m.bundle_id,
        "emergency_id": m.emergency.id,
        "action": m.emergency.action,
        "sequence": m.sequence,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "priority": "emergency",
    }


def unit(broker, kit, store, wakes, **kw) -> PushClient:
    return PushClient(
        broker.unit_url,
        unit_id="cl-01",
        areas=("1", "4"),
        trusted_keys={kit.kid: kit.pub},
        wake=wakes,
        password=PASSWORDS["cl-01"],
        store=store,
        **kw,
    ).start()


def active_ids(store) -> set[str]:
    return {e["id"] for e in store.emergencies() if e["state"] == "active"}


def test_bundle_published_while_offline_arrives_on_reconnect_and_plays(
    make_broker, kit, store, wakes
):
    broker = make_broker()
    client = unit(broker, kit, store, wakes)
    assert client.subscribed.wait(WAIT_S)
    client.stop()  # offline; the persistent session keeps the QoS 1 messages for it
    path, eid = emergency_bundle(kit, sequence=1, areas=("4",))
    pub = panel_publisher(broker, kit.priv)
    try:
        pub.announce(notice_of(path), area_ids=[4], unit_ids=[], bundle=path)
        assert pub.flush()
        assert pub.bundles_published == 1
        assert store.emergencies() == []
        client = unit(broker, kit, store, wakes)
        assert wait_until(lambda: client.accepted == 1)  # the notice, after the bundle
        assert active_ids(store) == {eid}
        assert client.bundles_imported == 1 and client.bundles_refused == {}
        # the store held the bundle when the notice came: no HTTP pull was asked for
        assert "push" not in wakes.reasons
    finally:
        pub.close()
        client.stop()


def test_the_panel_reads_the_bundle_from_its_outbox_and_a_stop_follows(
    make_broker, kit, store, wakes, tmp_path
):
    broker = make_broker()
    outbox = tmp_path / "outbox" / "emergency"
    outbox.mkdir(parents=True)
    play, eid = emergency_bundle(kit, sequence=1, areas=("1",))
    stop, _ = emergency_bundle(kit, sequence=2, emergency_id=eid, action="stop", areas=("1",))
    for path in (play, stop):  # named as the panel names them (content_library.emergency)
        (outbox / f"{read_manifest_unverified(path).bundle_id}.loa").write_bytes(path.read_bytes())
    client = unit(broker, kit, store, wakes)
    assert client.subscribed.wait(WAIT_S)
    pub = MqttPublisher(
        broker.panel_url,
        signing_key=kit.priv,
        username=PANEL_USERNAME,
        password=PANEL_PASSWORD,
        bundle_dir=outbox,
    )
    try:
        pub.announce(notice_of(play), area_ids=[1], unit_ids=[])
        assert pub.flush()
        assert wait_until(lambda: active_ids(store) == {eid})
        pub.announce(notice_of(stop), area_ids=[1], unit_ids=[])
        assert pub.flush()
        assert wait_until(lambda: client.bundles_imported == 2)
        assert [e["state"] for e in store.emergencies()] == ["stopped"]
        assert pub.bundles_published == 2
    finally:
        pub.close()
        client.stop()


def test_refused_bundles_over_mqtt_are_ignored_and_logged(
    make_broker, kit, store, wakes, tmp_path, caplog
):
    """Forged (another key), tampered, replayed (older than one accepted) and another area's
    bundles, sent straight to the unit's emergency topic as a compromised panel account or
    broker could: the store refuses each; only the genuine one is active."""
    caplog.set_level(logging.WARNING, logger="loa.push")
    broker = make_broker()
    client = unit(broker, kit, store, wakes)
    assert client.subscribed.wait(WAIT_S)
    attacker = RawClient(
        broker.panel_port, "attacker", username=PANEL_USERNAME, password=PANEL_PASSWORD
    )
    (tmp_path / "intruder").mkdir()
    intruder = UnitKit(tmp_path / "intruder", t0=T0)  # a panel key the unit does not trust
    genuine, eid = emergency_bundle(kit, sequence=5, areas=("4",))
    forged, _ = emergency_bundle(intruder, sequence=6, areas=("4",))
    replayed, _ = emergency_bundle(kit, sequence=4, areas=("4",))  # never seen, but older
    elsewhere, _ = emergency_bundle(kit, sequence=7, areas=("5",))
    tampered = bytearray(emergency_bundle(kit, sequence=8, areas=("4",))[0].read_bytes())
    tampered[len(tampered) // 2] ^= 0xFF  # in the audio member
    topic = area_emergency_topic(4)
    try:
        attacker.publish(topic, genuine.read_bytes())
        assert wait_until(lambda: active_ids(store) == {eid})
        for payload in (
            forged.read_bytes(),
            bytes(tampered),
            replayed.read_bytes(),
            elsewhere.read_bytes(),
            b"not a bundle",
        ):
            attacker.publish(topic, payload)
        assert wait_until(lambda: sum(client.bundles_refused.values()) == 5)
        assert client.bundles_refused == {
            "untrusted_key": 1,
            "audio_hash_mismatch": 1,
            "stale_sequence": 1,
            "wrong_target": 1,
            "truncated": 1,  # not a bundle at all
        }, client.bundles_refused
        assert active_ids(store) == {eid} and len(store.emergencies()) == 1
        assert client.bundles_imported == 1
        assert "push" not in wakes.reasons  # a bundle alone never makes the unit pull
        assert "gói khẩn cấp bị từ chối" in caplog.text
    finally:
        attacker.close()
        client.stop()


def test_a_unit_cannot_read_another_areas_emergency_topic(make_broker, kit):
    broker = make_broker()
    spy = RawClient(broker.port, "cl-01", username="cl-01", password=PASSWORDS["cl-01"])
    spy.subscribe(area_emergency_topic(5), "loa/v1/area/+/emergency", "#")
    theirs, _ = emergency_bundle(kit, sequence=1, areas=("5",))
    mine, _ = emergency_bundle(kit, sequence=2, areas=("4",))
    pub = panel_publisher(broker, kit.priv)
    try:
        pub.announce(notice_of(theirs), area_ids=[5], unit_ids=[], bundle=theirs)
        assert pub.flush()
        pub.announce(notice_of(mine), area_ids=[4], unit_ids=[], bundle=mine)
        assert pub.flush()
        assert spy.wait_messages(2)  # area 4's bundle and its notice, in that order
        assert [t for t, _ in spy.messages] == [area_emergency_topic(4), "loa/v1/area/4"]
        assert spy.messages[0][1] == mine.read_bytes()
    finally:
        pub.close()
        spy.close()


def test_a_payload_over_the_units_limit_is_dropped_and_the_notice_pulls(
    make_broker, kit, store, wakes, caplog
):
    caplog.set_level(logging.WARNING, logger="loa.push")
    broker = make_broker()
    path, _ = emergency_bundle(kit, sequence=1, areas=("4",))
    client = unit(broker, kit, store, wakes, max_bundle_bytes=path.stat().st_size - 1)
    assert client.subscribed.wait(WAIT_S)
    pub = panel_publisher(broker, kit.priv)
    try:
        pub.announce(notice_of(path), area_ids=[4], unit_ids=[], bundle=path)
        assert pub.flush()
        assert wakes.wait_for("push")  # the fallback: the notice makes the unit pull by HTTP
        # the bundle and the notice travel on two topics: the notice's wake may come first
        assert wait_until(lambda: client.bundles_refused == {"too_large": 1}), (
            client.bundles_refused
        )
        assert store.emergencies() == []
        assert "quá lớn" in caplog.text
    finally:
        pub.close()
        client.stop()


def test_the_broker_drops_a_payload_over_its_message_size_limit(make_broker, kit, store, wakes):
    limit = 1024 * 1024
    broker = make_broker(message_size_limit=limit)
    client = unit(broker, kit, store, wakes)
    assert client.subscribed.wait(WAIT_S)
    attacker = RawClient(
        broker.panel_port, "attacker", username=PANEL_USERNAME, password=PANEL_PASSWORD
    )
    path, eid = emergency_bundle(kit, sequence=1, areas=("4",))
    assert path.stat().st_size < limit
    try:
        attacker.publish(area_emergency_topic(4), b"\0" * (limit + 1))
        attacker.publish(area_emergency_topic(4), path.read_bytes())  # delivered after it
        assert wait_until(lambda: active_ids(store) == {eid})
        assert client.bundles_refused == {}  # the large one never reached the unit
    finally:
        attacker.close()
        client.stop()


def test_the_panel_sends_no_bundle_it_cannot_vouch_for(make_broker, kit, store, wakes, tmp_path):
    """A bundle file missing, or not the one the notice's sha256 names: only the notice goes
    (the unit pulls by HTTP); announce never fails."""
    broker = make_broker()
    client = unit(broker, kit, store, wakes)
    assert client.subscribed.wait(WAIT_S)
    path, _ = emergency_bundle(kit, sequence=1, areas=("4",))
    other, _ = emergency_bundle(kit, sequence=2, areas=("4",))
    pub = MqttPublisher(
        broker.panel_url,
        signing_key=kit.priv,
        username=PANEL_USERNAME,
        password=PANEL_PASSWORD,
        bundle_dir=tmp_path / "empty",
    )
    try:
        pub.announce(notice_of(path), area_ids=[4], unit_ids=[])  # not in bundle_dir
        pub.announce(notice_of(path), area_ids=[4], unit_ids=[], bundle=other.read_bytes())
        pub.announce({**notice_of(path), "bundle_id": "../x"}, area_ids=[4], unit_ids=[])
        assert pub.flush()
        assert pub.bundles_published == 0 and pub.bundles_skipped == 3
        assert wakes.wait_for("push", count=2)  # the notices (the third's id is not signable)
        assert store.emergencies() == []
    finally:
        pub.close()
        client.stop()


def test_a_bundle_on_a_topic_not_of_its_areas_is_refused(kit, store, wakes):
    client = PushClient(
        "mqtt://127.0.0.1:1",
        unit_id="cl-01",
        areas=("1", "4"),
        trusted_keys={kit.kid: kit.pub},
        wake=wakes,
        store=store,
    )
    path, _ = emergency_bundle(kit, sequence=1, areas=("5", "4"))
    assert client.handle_bundle(area_emergency_topic(5), path.read_bytes()) is None
    assert client.bundles_refused == {"wrong_topic": 1}
    assert store.emergencies() == []
    assert client.topics[-2:] == [area_emergency_topic(1), area_emergency_topic(4)]

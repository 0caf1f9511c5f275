"""The broker's rules, on a real Mosquitto with per-unit passwords and the generated ACL
(content_library.push.unit_acl / panel_acl, as deploy/mosquitto/loa.conf uses them): a unit
reads only its own and its areas' topics, publishes nothing, cannot take another unit's
session, and a wrong password is refused."""

from __future__ import annotations

import json

from content_library.push import panel_acl, unit_acl
from playout.push_client import PushClient

from .conftest import PASSWORDS
from .helpers import FIELDS, WAIT_S, RawClient, panel_publisher


def test_acl_text():
    text = unit_acl({"cl-01": [1, 4], "cl-02": ["1", "5", "5"]})
    assert (
        "user cl-01\ntopic read loa/v1/unit/cl-01\ntopic read loa/v1/area/1\n"
        "topic read loa/v1/area/1/emergency\n"
    ) in text
    assert text.count("topic read loa/v1/area/5\n") == 1
    assert text.count("topic read loa/v1/area/5/emergency\n") == 1
    assert "write" not in text.replace("# no unit may publish", "")
    assert "topic write loa/v1/#" in panel_acl()


def test_unit_reads_only_its_own_and_its_areas_topics(make_broker, panel_key):
    broker = make_broker()
    key, _ = panel_key
    spy = RawClient(broker.port, "cl-01", username="cl-01", password=PASSWORDS["cl-01"])
    # the broker accepts the subscriptions but delivers nothing the ACL does not allow
    spy.subscribe("loa/v1/unit/cl-02", "loa/v1/area/5", "loa/v1/#", "#")
    pub = panel_publisher(broker, key)
    try:
        pub.announce(FIELDS, area_ids=[5], unit_ids=["cl-02"])  # not for cl-01
        assert pub.flush()
        pub.announce(FIELDS, area_ids=[4], unit_ids=["cl-01"])  # for cl-01
        assert pub.flush()
        assert spy.wait_messages(2)
        topics = sorted(t for t, _ in spy.messages)
        assert topics == ["loa/v1/area/4", "loa/v1/unit/cl-01"]
    finally:
        pub.close()
        spy.close()


def test_unit_cannot_publish(make_broker, panel_key, wakes):
    broker = make_broker()
    key, trusted = panel_key
    victim = PushClient(
        broker.unit_url,
        unit_id="cl-02",
        areas=["1", "5"],
        trusted_keys=trusted,
        wake=wakes,
        password=PASSWORDS["cl-02"],
    ).start()
    attacker = RawClient(broker.port, "cl-01", username="cl-01", password=PASSWORDS["cl-01"])
    pub = panel_publisher(broker, key)
    try:
        assert victim.subscribed.wait(WAIT_S)
        forged = json.dumps({"body": FIELDS, "key_id": "0" * 16, "sig": "00"}).encode()
        for topic in ("loa/v1/unit/cl-02", "loa/v1/area/1", "loa/v1/area/5"):
            attacker.publish(topic, forged)  # PUBACKed, then dropped by the ACL
        pub.announce(FIELDS, area_ids=[], unit_ids=["cl-02"])
        assert wakes.wait_for("push")
        # the panel's notice came after the attacker's (one connection each, in order): had
        # any of those reached the unit, it would have been refused first
        assert victim.refused == {}
        assert victim.accepted == 1
    finally:
        pub.close()
        attacker.close()
        victim.stop()


def test_a_unit_cannot_take_another_units_session(make_broker, panel_key, wakes):
    broker = make_broker()
    key, trusted = panel_key
    victim = PushClient(
        broker.unit_url,
        unit_id="cl-02",
        areas=["1", "5"],
        trusted_keys=trusted,
        wake=wakes,
        password=PASSWORDS["cl-02"],
    ).start()
    assert victim.subscribed.wait(WAIT_S)
    victim.stop()  # offline: the broker queues its notices
    pub = panel_publisher(broker, key)
    try:
        pub.announce(FIELDS, area_ids=[], unit_ids=["cl-02"])
        assert pub.flush()
        # cl-01's credentials with cl-02's client id: the broker uses the username as the
        # client id, so this is cl-01's session and cl-02's queued notice stays queued
        thief = RawClient(broker.port, "cl-02", username="cl-01", password=PASSWORDS["cl-01"])
        thief.subscribe("loa/v1/unit/cl-02", "loa/v1/unit/cl-01")
        pub.announce(FIELDS, area_ids=[], unit_ids=["cl-01"])  # a marker the thief may read
        assert thief.wait_messages(1)
        assert [t for t, _ in thief.messages] == ["loa/v1/unit/cl-01"]
        thief.close()
        victim = PushClient(
            broker.unit_url,
            unit_id="cl-02",
            areas=["1", "5"],
            trusted_keys=trusted,
            wake=wakes,
            password=PASSWORDS["cl-02"],
        ).start()
        assert wakes.wait_for("push")
        assert victim.accepted == 1
    finally:
        pub.close()
        victim.stop()


def test_wrong_credentials_refused(make_broker):
    broker = make_broker()
    intruder = RawClient(broker.port, "cl-01", username="cl-01", password="wrong")
    anonymous = RawClient(broker.port, "anon")
    try:
        assert intruder.connack.is_failure and anonymous.connack.is_failure
        # a unit's password does not open the panel's listener
        unit_on_panel = RawClient(
            broker.panel_port, "cl-01", username="cl-01", password=PASSWORDS["cl-01"]
        )
        assert unit_on_panel.connack.is_failure
        unit_on_panel.close()
    finally:
        intruder.close()
        anonymous.close()

"""Notices from the panel's publisher to the unit's subscriber through a real Mosquitto:
persistent sessions, broker restarts, forged notices, and a publisher that never fails its
caller."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from types import SimpleNamespace

import pytest

from bench._mosquitto import free_port
from content_library.push import MqttPublisher, NullPublisher, close_publishers, get_publisher
from playout.config import parse_config
from playout.push_client import PushClient
from playout.wiring import make_push_client
from protocol.canonical import canonical_json
from protocol.keys import generate_keypair, public_key_line
from protocol.notice import sign_notice

from .conftest import PASSWORDS, WAIT_S
from .helpers import FIELDS, RawClient, panel_publisher


def unit(broker, trusted, wakes, *, unit_id="cl-01", areas=("1", "4"), **kw) -> PushClient:
    return PushClient(
        broker.unit_url,
        unit_id=unit_id,
        areas=areas,
        trusted_keys=trusted,
        wake=wakes,
        password=PASSWORDS.get(unit_id) if broker.secured else None,
        **kw,
    ).start()


def test_notice_sent_while_the_unit_was_offline_arrives_on_reconnect(
    make_broker, panel_key, wakes, tmp_path
):
    broker = make_broker()
    key, trusted = panel_key
    client = unit(broker, trusted, wakes, state_dir=tmp_path / "state")
    assert client.subscribed.wait(WAIT_S)
    client.stop()  # the unit goes offline; its session (clean session off) stays on the broker
    pub = panel_publisher(broker, key)
    try:
        pub.announce(FIELDS, area_ids=[4], unit_ids=["cl-01"])
        assert pub.flush()
        assert wakes.reasons == ["push-connected"]  # nothing reached the unit yet
        client = unit(broker, trusted, wakes, state_dir=tmp_path / "state")
        assert wakes.wait_for("push", count=2)  # the unit topic's and the area's
        assert client.accepted == 2 and client.refused == {}
    finally:
        pub.close()
        client.stop()
    # the broker delivers QoS 1 at least once; a notice seen before a restart of the unit is
    # not acted on twice (the nonces are kept in the state folder)
    again = unit(broker, trusted, wakes, state_dir=tmp_path / "state")
    try:
        again.handle(
            "loa/v1/unit/cl-01", sign_notice(key, FIELDS, unit_id="cl-01", now=time.time())
        )
        assert again.accepted == 1
        assert again.guard.export().keys() >= client.guard.export().keys()
    finally:
        again.stop()


def test_broker_restart_unit_reconnects_and_gets_notices(make_broker, panel_key, wakes):
    broker = make_broker()
    key, trusted = panel_key
    ups = []
    client = unit(broker, trusted, wakes, on_connection=ups.append)
    pub = panel_publisher(broker, key)
    try:
        assert client.subscribed.wait(WAIT_S)
        pub.announce(FIELDS, area_ids=[], unit_ids=["cl-01"])
        assert wakes.wait_for("push", count=1)
        broker.restart()
        assert wakes.wait_for("push-connected", count=2)  # reconnected by itself
        pub.announce(FIELDS | {"sequence": 2}, area_ids=[4], unit_ids=[])
        assert wakes.wait_for("push", count=2)
        # a notice published while the broker is down is held by the panel and sent after
        broker.stop()
        pub.announce(FIELDS | {"sequence": 3}, area_ids=[1], unit_ids=[])
        broker.start()
        assert wakes.wait_for("push", count=3)
        assert pub.flush()
        # QoS 1 is at-least-once: a notice in flight when the broker went down may come
        # twice; the unit takes each notice once and drops the copy as already received
        assert client.accepted == 3
        assert set(client.refused) <= {"replay"}
        assert ups[:3] == [True, False, True]
    finally:
        pub.close()
        client.stop()


def test_without_its_own_network_thread_the_caller_runs_the_loop(make_broker, panel_key, wakes):
    """``start(network_thread=False)``: paho starts no thread; the connection, the subscription
    and the notices move only when the caller runs the client's loop (as the fan-out bench
    runs hundreds of units on one thread)."""
    broker = make_broker()
    key, trusted = panel_key
    threads_before = {t.ident for t in threading.enumerate()}
    client = PushClient(
        broker.unit_url,
        unit_id="cl-01",
        areas=("1", "4"),
        trusted_keys=trusted,
        wake=wakes,
        password=PASSWORDS.get("cl-01") if broker.secured else None,
    ).start(network_thread=False)
    pub = panel_publisher(broker, key)

    def run_loop_until(done) -> bool:
        deadline = time.monotonic() + WAIT_S
        while not done() and time.monotonic() < deadline:
            client.mqtt.loop(timeout=0.05)
        return bool(done())

    try:
        assert {t.ident for t in threading.enumerate()} - threads_before == set()
        assert not client.connected.is_set() and wakes.reasons == []  # nothing ran the loop
        client.mqtt.reconnect()
        assert run_loop_until(client.subscribed.is_set)
        assert wakes.reasons == ["push-connected"]
        pub.announce(FIELDS, area_ids=[4], unit_ids=["cl-01"])
        assert pub.flush()
        assert run_loop_until(lambda: wakes.reasons.count("push") == 2)
        assert client.accepted == 2 and client.refused == {}
    finally:
        pub.close()
        client.stop()
    assert client.mqtt is None and not client.connected.is_set()


def test_forged_notices_are_ignored_and_logged(make_broker, panel_key, wakes, caplog):
    # an open broker: anyone may publish (a compromised broker, a stolen credential)
    broker = make_broker(secured=False)
    key, trusted = panel_key
    client = unit(broker, trusted, wakes)
    attacker = RawClient(broker.port, "attacker")
    other_key, _ = generate_keypair()
    now = time.time()
    good = sign_notice(key, FIELDS, unit_id="cl-01", now=now)
    tampered = json.loads(good)
    tampered["body"]["sequence"] = 99
    forged = [
        ("loa/v1/unit/cl-01", sign_notice(other_key, FIELDS, unit_id="cl-01", now=now)),
        ("loa/v1/unit/cl-01", canonical_json(tampered)),
        ("loa/v1/unit/cl-01", sign_notice(key, FIELDS, unit_id="cl-01", now=now - 3600)),
        ("loa/v1/unit/cl-01", sign_notice(key, FIELDS, unit_id="cl-02", now=now)),
        ("loa/v1/area/4", sign_notice(key, FIELDS, area_id=5, now=now)),
        ("loa/v1/area/4", b"\xff not json"),
    ]
    try:
        assert client.subscribed.wait(WAIT_S)
        with caplog.at_level(logging.INFO, logger="loa.push"):
            for topic, payload in forged:
                attacker.publish(topic, payload)
            attacker.publish("loa/v1/unit/cl-01", good)
            attacker.publish("loa/v1/unit/cl-01", good)  # replayed
            attacker.publish("loa/v1/area/4", sign_notice(key, FIELDS, area_id=4, now=now))
            assert wakes.wait_for("push", count=2)
            deadline = time.monotonic() + WAIT_S
            while sum(client.refused.values()) < 7 and time.monotonic() < deadline:
                time.sleep(0.05)
        assert client.accepted == 2
        assert client.refused == {
            "unknown_key": 1,
            "bad_signature": 1,
            "expired": 1,
            "wrong_unit": 2,
            "malformed": 1,
            "replay": 1,
        }
        logged = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
        assert len(logged) == 7
        assert any("bad signature" in m and "chữ ký sai" in m for m in logged)
    finally:
        attacker.close()
        client.stop()


def test_publisher_never_fails_its_caller(panel_key):
    key, _ = panel_key
    # no broker listens there: announce still returns at once and raises nothing
    pub = MqttPublisher(f"mqtt://127.0.0.1:{free_port()}", signing_key=key)
    try:
        pub.announce(FIELDS, area_ids=[4], unit_ids=["cl-01"])
        pub.announce({"kind": "emergency"}, area_ids=[4], unit_ids=[])  # cannot be signed
        pub.announce(FIELDS, area_ids=[], unit_ids=["bad/unit#"])  # not a topic
        pub._queue.join()
        assert pub.published == 2  # area 4 and cl-01, held by paho until a broker answers
        assert pub.dropped == 2
        assert not pub.connected.is_set()
    finally:
        pub.close()
    failing = MqttPublisher(
        "mqtt://127.0.0.1:1",
        signing_key=lambda: (_ for _ in ()).throw(OSError("key file unreadable")),
    )
    failing.announce(FIELDS, area_ids=[4], unit_ids=[])
    failing._queue.join()
    failing.close()


def test_get_publisher_one_per_process(tmp_path):
    from web.settings import Settings

    off = Settings(data_dir=tmp_path, environment="development")
    assert isinstance(get_publisher(off), NullPublisher)
    on = Settings(
        data_dir=tmp_path, environment="development", mqtt_url=f"mqtt://127.0.0.1:{free_port()}"
    )
    try:
        first = get_publisher(on)
        assert isinstance(first, MqttPublisher)
        assert get_publisher(on) is first
        # the emergency bundles it sends over MQTT are the files the HTTP route serves
        assert first.bundle_dir == on.outbox_dir / "emergency"
        # a worker forked from this process makes its own (the parent's thread is not there)
        pid = os.fork()
        if pid == 0:  # the child: exit status says whether it got a publisher of its own
            mine = get_publisher(on)
            os._exit(0 if isinstance(mine, MqttPublisher) and mine is not first else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert get_publisher(on) is first
    finally:
        close_publishers()
    with pytest.raises(ValueError, match="mqtt"):
        Settings(data_dir=tmp_path, environment="development", mqtt_url="http://x")


def test_wiring_slows_polling_while_push_is_up(make_broker, panel_key, tmp_path):
    broker = make_broker()
    key, _ = panel_key
    (tmp_path / "mqtt.password").write_text(PASSWORDS["cl-01"] + "\n")
    config = parse_config(
        {
            "format": 1,
            "unit": {
                "id": "cl-01",
                "areas": ["1", "4"],
                "trusted_keys": [public_key_line(key.public_key())],
                "key": "unit.key",
                "state_dir": "state",
            },
            "relays": {"backend": "none"},
            "push": {"url": broker.unit_url, "password_file": "mqtt.password", "poll_s": 60},
        },
        base_dir=tmp_path,
    )
    woken = []
    changed = threading.Event()
    sync = SimpleNamespace(poll_s=15.0, wake=lambda: (woken.append(1), changed.set()))
    client = make_push_client(config, sync)
    assert client is not None
    try:
        assert client.subscribed.wait(WAIT_S)
        assert sync.poll_s == 60
        changed.clear()
        broker.stop()
        assert changed.wait(WAIT_S)
        deadline = time.monotonic() + WAIT_S
        while sync.poll_s != 15.0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert sync.poll_s == 15.0  # push is down: the normal pace again, and a poll now
    finally:
        client.stop()
    no_push = parse_config(
        {
            "format": 1,
            "unit": {
                "id": "cl-01",
                "trusted_keys": [public_key_line(key.public_key())],
                "key": "unit.key",
                "state_dir": "state",
            },
            "relays": {"backend": "none"},
        },
        base_dir=tmp_path,
    )
    assert make_push_client(no_push, sync) is None

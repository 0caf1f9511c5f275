"""Raw paho-mqtt clients for the tests (an attacker, a spy), and notice fields."""

from __future__ import annotations

import threading
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from content_library.push import PANEL_USERNAME, MqttPublisher

WAIT_S = 30.0

FIELDS = {
    "kind": "emergency",
    "bundle_id": "b-1",
    "emergency_id": "e-1",
    "action": "play",
    "sequence": 1,
    "sha256": "cd" * 32,
    "priority": "emergency",
}


class RawClient:
    """A bare MQTT client: connects, subscribes, publishes, and records what it receives."""

    def __init__(
        self, port: int, client_id: str, *, username: str | None = None, password: str = ""
    ) -> None:
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=client_id,
            clean_session=False,
            protocol=mqtt.MQTTv311,
        )
        if username:
            self.client.username_pw_set(username, password)
        self.messages: list[tuple[str, bytes]] = []
        self.connack: Any = None
        self._connected = threading.Event()
        self._subscribed = threading.Event()
        self._got = threading.Condition()
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = lambda *a: self._subscribed.set()
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        assert self._connected.wait(WAIT_S), "no CONNACK"

    def _on_connect(self, client, userdata, flags, reason, props) -> None:
        self.connack = reason
        self._connected.set()

    def _on_message(self, client, userdata, msg) -> None:
        with self._got:
            self.messages.append((msg.topic, bytes(msg.payload)))
            self._got.notify_all()

    def subscribe(self, *topics: str) -> None:
        self._subscribed.clear()
        self.client.subscribe([(t, 1) for t in topics])
        assert self._subscribed.wait(WAIT_S)

    def publish(self, topic: str, payload: bytes) -> None:
        info = self.client.publish(topic, payload, qos=1)
        info.wait_for_publish(WAIT_S)  # the broker's PUBACK: it has routed (or dropped) it

    def wait_messages(self, count: int) -> bool:
        with self._got:
            return self._got.wait_for(lambda: len(self.messages) >= count, WAIT_S)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def panel_publisher(broker: Any, key: Any, *, password: str | None = None) -> MqttPublisher:
    if broker.secured:
        return MqttPublisher(
            broker.panel_url,
            signing_key=key,
            username=PANEL_USERNAME,
            password=password if password is not None else "mat-khau-panel",
        )
    return MqttPublisher(broker.panel_url, signing_key=key)

"""The unit's push subscriber (docs/push.md): holds an MQTT session with the broker and, on a
valid signed notice, wakes the sync client so it pulls at once instead of on its next poll.

- paho-mqtt, MQTT 3.1.1, client id = unit id, clean session off: the broker keeps the unit's
  subscriptions and queues QoS 1 notices while it is offline, delivered when it reconnects.
- Subscribes to ``loa/v1/unit/<unit id>`` and ``loa/v1/area/<id>`` for each area on its path.
- Each notice is checked by ``protocol.notice.verify_notice`` (panel key, expiry, addressed to
  this unit on the topic it came by, not seen before); a refused notice is logged and dropped.
  A valid one only calls ``wake("push")``: what plays is decided by the bundle the sync client
  then downloads and verifies, never by the notice.
- On every (re)connection it wakes the sync client too (``"push-connected"``): notices that
  expired while it was away are caught up by that pull.
- ``on_connection(bool)`` reports the link going up or down: the wiring slows polling while
  push is up and restores it when push is down.

No FastAPI, no SQLModel: this runs on the Raspberry Pi.
"""

from __future__ import annotations

import json
import logging
import os
import ssl
import threading
import time
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from protocol.files import atomic_write
from protocol.notice import Notice, NoticeRejected, ReplayGuard, topics_for_unit, verify_notice

log = logging.getLogger("loa.push")

SEEN_FILE = "push_seen.json"


def parse_url(url: str) -> tuple[str, int, bool]:
    """(host, port, tls) of ``mqtt://host[:1883]`` or ``mqtts://host[:8883]``."""
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise ValueError(f"not an mqtt:// or mqtts:// URL: {url!r}")
    tls = parts.scheme == "mqtts"
    return parts.hostname, parts.port or (8883 if tls else 1883), tls


class PushClient:
    def __init__(
        self,
        url: str,
        *,
        unit_id: str,
        areas: Collection[str],
        trusted_keys: Mapping[str, Ed25519PublicKey],
        wake: Callable[[str], None],
        username: str | None = None,
        password: str | None = None,
        ca_file: str | os.PathLike[str] | None = None,
        state_dir: str | os.PathLike[str] | None = None,
        clock: Callable[[], float] = time.time,
        keepalive_s: int = 60,
        on_connection: Callable[[bool], None] | None = None,
        on_notice: Callable[[Notice], None] | None = None,
    ) -> None:
        self.host, self.port, self.tls = parse_url(url)
        self.unit_id = unit_id
        self.areas = tuple(str(a) for a in areas)
        self.topics = topics_for_unit(unit_id, self.areas)
        self.trusted_keys = dict(trusted_keys)
        self.wake = wake
        self.username = username if username is not None else unit_id
        self.password = password
        self.ca_file = ca_file
        self.clock = clock
        self.keepalive_s = keepalive_s
        self.on_connection = on_connection
        self.on_notice = on_notice
        self.seen_path = Path(state_dir) / SEEN_FILE if state_dir is not None else None
        self.guard = ReplayGuard()
        self._load_seen()
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.accepted = 0
        self.refused: dict[str, int] = {}  # code → count
        self.last_refusal: str | None = None
        self._client: Any = None
        self._lock = threading.Lock()
        self._sub_mid: int | None = None

    # ------------------------------------------------------------------ life
    def start(self) -> PushClient:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion

        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=self.unit_id,
            clean_session=False,  # the broker keeps our subscriptions and queued notices
            protocol=mqtt.MQTTv311,
        )
        if self.username:
            client.username_pw_set(self.username, self.password)
        if self.tls:
            ctx = ssl.create_default_context(
                cafile=os.fspath(self.ca_file) if self.ca_file else None
            )
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            client.tls_set_context(ctx)
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_subscribe = self._on_subscribe
        client.on_message = self._on_message
        self._client = client
        client.connect_async(self.host, self.port, keepalive=self.keepalive_s)
        client.loop_start()  # paho's network thread: connects, reconnects, acknowledges
        return self

    def stop(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.disconnect()
        finally:
            client.loop_stop()
        self._set_connected(False)

    # ------------------------------------------------------------------ paho callbacks
    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        if reason.is_failure:
            log.error(
                "push: broker refused the connection (%s) / máy chủ MQTT từ chối kết nối", reason
            )
            return
        # subscribe every time: a broker that lost its sessions (restarted without its
        # persistence file) still delivers after this
        _result, mid = client.subscribe([(t, 1) for t in self.topics])
        with self._lock:
            self._sub_mid = mid
        self._set_connected(True)
        log.info(
            "push: connected to %s:%s (session %s)",
            self.host,
            self.port,
            "resumed" if getattr(flags, "session_present", False) else "new",
        )
        self._wake("push-connected")

    def _on_subscribe(self, client: Any, userdata: Any, mid: int, reasons: Any, props: Any) -> None:
        with self._lock:
            if mid == self._sub_mid:
                self.subscribed.set()

    def _on_disconnect(
        self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any
    ) -> None:
        self.subscribed.clear()
        self._set_connected(False)
        if self._client is not None:
            log.warning("push: connection lost (%s); reconnecting", reason)

    def _on_message(self, client: Any, userdata: Any, msg: Any) -> None:
        self.handle(msg.topic, bytes(msg.payload))

    # ------------------------------------------------------------------ notices
    def handle(self, topic: str, payload: bytes) -> Notice | None:
        """Check one notice; wake the sync client when it is valid. Never raises."""
        try:
            notice = verify_notice(
                payload,
                trusted_keys=self.trusted_keys,
                unit_id=self.unit_id,
                unit_areas=self.areas,
                now=self.clock(),
                topic=topic,
                guard=self.guard,
            )
        except NoticeRejected as exc:
            self.refused[exc.code] = self.refused.get(exc.code, 0) + 1
            self.last_refusal = exc.code
            level = logging.INFO if exc.code == "replay" else logging.WARNING
            log.log(level, "push: %s (%s) on %s / %s", exc.reason, exc.code, topic, exc.reason_vi)
            return None
        except Exception:
            log.exception("push: notice on %s could not be checked", topic)
            return None
        self.accepted += 1
        log.info(
            "push: %s %s (bundle %s, seq %s) → pulling now",
            notice.kind,
            notice.action,
            notice.bundle_id,
            notice.sequence,
        )
        self._wake("push")  # first: keeping the nonce on disk may wait for a slow SD card
        if self.on_notice is not None:
            try:
                self.on_notice(notice)
            except Exception:
                log.exception("push: on_notice hook failed")
        self._save_seen()
        return notice

    # ------------------------------------------------------------------ helpers
    def _wake(self, reason: str) -> None:
        try:
            self.wake(reason)
        except Exception:
            log.exception("push: waking the sync client failed")

    def _set_connected(self, up: bool) -> None:
        was = self.connected.is_set()
        if up:
            self.connected.set()
        else:
            self.connected.clear()
        if up != was and self.on_connection is not None:
            try:
                self.on_connection(up)
            except Exception:
                log.exception("push: on_connection hook failed")

    def _load_seen(self) -> None:
        if self.seen_path is None:
            return
        try:
            data = json.loads(self.seen_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        self.guard.load(data, now=self.clock())

    def _save_seen(self) -> None:
        if self.seen_path is None:
            return
        try:
            self.seen_path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.seen_path, json.dumps(self.guard.export()).encode("utf-8"))
        except OSError as exc:
            log.warning("push: cannot keep seen notices in %s: %s", self.seen_path, exc)


def wake_sync_client(sync_client: Any) -> Callable[[str], None]:
    """``sync_client.wake`` as a one-argument callable, whether it takes a reason or not."""
    import inspect

    wake = sync_client.wake
    try:
        takes_reason = len(inspect.signature(wake).parameters) >= 1
    except (TypeError, ValueError):
        takes_reason = True
    if takes_reason:
        return wake
    return lambda reason: wake()

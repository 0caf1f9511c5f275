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

The emergency fast path (given a ``store``): it also subscribes to
``loa/v1/area/<id>/emergency`` for each area on its path, where the panel publishes the signed
emergency bundle itself. Such a message is handed to ``store.import_bundle`` — the very
import of a bundle fetched over HTTP or found on a USB stick (signature, target with area
ancestors, expiry, limits, the emergency sequence floor against replay) — so an emergency
plays without any HTTP request: the daemon sees the overlay change on its next tick, and the
"played" confirmations leave through the sync client's outbox as before. A payload larger
than the store can take is dropped; a refused bundle (forged, another area's, replayed) is
ignored and logged. It is imported on paho's network thread, so the broker's QoS 1
acknowledgement follows the import (a unit cut off mid-import gets it again) and a notice
published after the bundle finds it in the store: then no pull is needed and none is made.

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

from playout.transport import cleartext_secret_refusal
from protocol.files import atomic_write
from protocol.notice import (
    MAX_BUNDLE_PAYLOAD,
    Notice,
    NoticeRejected,
    ReplayGuard,
    emergency_topic_area,
    emergency_topics_for_unit,
    topics_for_unit,
    verify_notice,
)

log = logging.getLogger("loa.push")

SEEN_FILE = "push_seen.json"
# Beyond the payload: the topic (at most 64 KiB by MQTT's own length field) and a packet id.
PACKET_HEADROOM = 64 * 1024 + 16
SPOOL_PREFIX = "emergency-mqtt-"


def _cap_incoming(client: Any, cap: int) -> None:
    """Refuse an incoming MQTT packet longer than ``cap`` bytes as soon as its length is read.

    paho (MQTT 3.1.1 has no maximum packet size to announce) reads a packet whole, up to
    256 MiB, before ``on_message`` sees it, asking the socket for all of it at once: over plain
    ``mqtt://`` whoever sits on the way sent one PUBLISH header claiming 256 MiB and the unit's
    sync process took the Pi's memory (docs/security.md 38). The check sits where paho reads
    the packet's body (``_sock_recv``, after the length is known); an OSError there is paho's
    own "connection lost": it drops the connection and connects again."""
    recv = getattr(client, "_sock_recv", None)
    if recv is None or not isinstance(getattr(client, "_in_packet", None), dict):
        log.warning("push: this paho-mqtt cannot be capped; packets are read whole")
        return

    def capped(bufsize: int) -> bytes:
        packet = client._in_packet
        length = packet.get("remaining_length", 0)
        if packet.get("have_remaining") and length > cap:
            log.error(
                "push: an MQTT packet of %d bytes (over %d) is refused, the connection dropped / "
                "gói MQTT %d byte quá lớn: từ chối, ngắt kết nối",
                length,
                cap,
                length,
            )
            raise OSError(f"MQTT packet of {length} bytes is over {cap}")
        return recv(bufsize)

    client._sock_recv = capped


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
        store: Any = None,
        on_emergency: Callable[[Any], None] | None = None,
        max_bundle_bytes: int = MAX_BUNDLE_PAYLOAD,
    ) -> None:
        """``store``: the unit's ``playout.store.BundleStore``; with it, emergency bundles
        published on the areas' emergency topics are imported at once (``on_emergency`` gets
        each new ImportResult). Payloads over ``max_bundle_bytes`` or the store's own file
        limit are dropped."""
        self.host, self.port, self.tls = parse_url(url)
        if password:  # the broker password goes over TLS, or to this machine only
            refused = cleartext_secret_refusal(
                url, ("the broker password", "mật khẩu máy chủ MQTT")
            )
            if refused is not None:
                raise ValueError(f"{refused[1]} / {refused[0]}")
        self.unit_id = unit_id
        self.areas = tuple(str(a) for a in areas)
        self.store = store
        self.on_emergency = on_emergency
        limits = getattr(store, "limits", None)
        store_limit = getattr(limits, "max_file_bytes", max_bundle_bytes)
        self.max_bundle_bytes = min(max_bundle_bytes, int(store_limit))
        self.emergency_topics = emergency_topics_for_unit(self.areas) if store is not None else []
        self.topics = topics_for_unit(unit_id, self.areas) + self.emergency_topics
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
        self.bundles_imported = 0  # emergency bundles the store took from MQTT (new ones)
        self.bundles_refused: dict[str, int] = {}  # code → count (store refusals, too_large)
        self.last_refusal: str | None = None
        self._client: Any = None
        self._lock = threading.Lock()
        self._sub_mid: int | None = None

    # ------------------------------------------------------------------ life
    def start(self, *, network_thread: bool = True) -> PushClient:
        """Connect in the background. ``network_thread=False``: no thread of paho's own; the
        caller runs the network loop of ``self.mqtt`` (``reconnect()`` first, then
        ``loop_read``/``loop_write``/``loop_misc`` on its socket) — what a simulator holding
        hundreds of units in one process does (bench.emergency_fanout)."""
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
        _cap_incoming(client, self.max_bundle_bytes + PACKET_HEADROOM)
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_subscribe = self._on_subscribe
        client.on_message = self._on_message
        self._client = client
        client.connect_async(self.host, self.port, keepalive=self.keepalive_s)
        if network_thread:
            client.loop_start()  # paho's network thread: connects, reconnects, acknowledges
        return self

    @property
    def mqtt(self) -> Any:
        """The paho client (None before ``start`` and after ``stop``)."""
        return self._client

    def stop(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.disconnect()
        finally:
            client.loop_stop()  # no thread of paho's own (network_thread=False): a no-op
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
        if emergency_topic_area(msg.topic) is not None:
            self.handle_bundle(msg.topic, bytes(msg.payload))
        else:
            self.handle(msg.topic, bytes(msg.payload))

    # ------------------------------------------------------------------ emergency bundles
    def handle_bundle(self, topic: str, payload: bytes) -> Any:
        """Import one emergency bundle that came over MQTT into the store (its full checks);
        the ImportResult, or None when it was dropped or refused (logged). Never raises."""
        store = self.store
        if store is None:
            log.debug("push: emergency bundle on %s ignored (no store)", topic)
            return None
        area = emergency_topic_area(topic)
        if area is None or str(area) not in self.areas:
            return self._bundle_refused(
                "wrong_topic",
                f"an emergency bundle on {topic}, not one of this unit's areas",
                f"gói khẩn cấp trên {topic}, không phải địa bàn của cụm loa",
            )
        if len(payload) > self.max_bundle_bytes:
            return self._bundle_refused(
                "too_large",
                f"an emergency bundle of {len(payload)} bytes on {topic} "
                f"(over {self.max_bundle_bytes}): dropped",
                f"gói khẩn cấp {len(payload)} byte trên {topic} quá lớn: bỏ qua",
            )
        spool = Path(getattr(store, "state_dir", ".")) / "sync"
        path: Path | None = None
        try:
            spool.mkdir(parents=True, exist_ok=True)
            path = spool / f"{SPOOL_PREFIX}{os.getpid()}-{threading.get_ident()}.loa"
            path.write_bytes(payload)  # the store copies and fsyncs what it keeps
            result = store.import_bundle(path)
        except Exception as exc:  # ImportRejected (forged, another area, replayed, expired…)
            code = str(getattr(exc, "code", "") or type(exc).__name__)
            reason = getattr(exc, "reason", None) or str(exc)
            reason_vi = getattr(exc, "reason_vi", None) or reason
            return self._bundle_refused(code, f"{reason} (on {topic})", reason_vi)
        finally:
            if path is not None:
                path.unlink(missing_ok=True)
        status = getattr(result, "status", "")
        if status == "unchanged":  # the HTTP pull or another area's topic brought it first
            log.debug("push: emergency bundle %s already held", result.bundle_id)
            return result
        self.bundles_imported += 1
        log.info(
            "push: emergency bundle %s (%s, sequence %s) accepted from %s / "
            "nhận gói khẩn cấp qua MQTT",
            result.bundle_id,
            getattr(result, "action", None),
            result.sequence,
            topic,
        )
        if self.on_emergency is not None:
            try:
                self.on_emergency(result)
            except Exception:
                log.exception("push: on_emergency hook failed")
        return result

    def _bundle_refused(self, code: str, reason: str, reason_vi: str) -> None:
        self.bundles_refused[code] = self.bundles_refused.get(code, 0) + 1
        log.warning(
            "push: emergency bundle refused (%s): %s / gói khẩn cấp bị từ chối: %s",
            code,
            reason,
            reason_vi,
        )
        return None

    def _holds(self, bundle_id: str) -> bool:
        """Does the store already hold this emergency bundle (it came over MQTT)?"""
        known = getattr(self.store, "known_emergency_bundles", None)
        if known is None:
            return False
        try:
            return bundle_id in known()
        except Exception:
            log.exception("push: cannot read the store's emergencies")
            return False

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
        if notice.kind == "emergency" and self._holds(notice.bundle_id):
            # the bundle came over MQTT just before its notice: nothing to pull
            log.info(
                "push: %s %s (bundle %s, seq %s) already held",
                notice.kind,
                notice.action,
                notice.bundle_id,
                notice.sequence,
            )
        else:
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

"""Push notices to units over MQTT (issue 15, docs/push.md).

The panel tells units "an emergency bundle is waiting for you" on their MQTT topics
(``loa/v1/unit/<unit id>``, ``loa/v1/area/<area id>``) so they pull it at once instead of on
their next poll. The notice is signed (``protocol.notice``) but is a hint only: a unit plays
nothing unless the bundle it then downloads carries a valid signature.

The emergency fast path: for an emergency bundle (play or stop) the publisher also publishes
the signed bundle file itself, once per chosen area, on ``loa/v1/area/<area id>/emergency``
(before the notices, so a unit holds the bundle when the notice comes and needs no pull). The
unit's bundle store checks it exactly as one fetched over HTTP (signature, target, expiry,
the emergency sequence floor). The file is the one the HTTP route serves
(``<outbox>/emergency/<bundle id>.loa``), read on the background thread and checked against
the notice's sha256; a bundle larger than ``MAX_BUNDLE_PAYLOAD`` goes by HTTP only.

``get_publisher(settings)`` returns this process's publisher (each panel worker process has
its own MQTT connection; nothing is shared between processes). ``announce`` never blocks and
never raises: it puts the notice on an in-memory queue and returns; a background thread signs
one notice per topic and hands it to paho-mqtt, whose own network thread sends it (QoS 1) and
reconnects after a broker restart, resending what the broker had not acknowledged. With no
broker configured (``mqtt_url`` empty) the publisher does nothing.

Also here: the broker's access rules for units and the panel, as Mosquitto ACL text
(``unit_acl``/``build_unit_acl``, ``panel_acl``), so the rules the tests check are the ones deployed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import re
import secrets
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from protocol.errors import ProtocolError
from protocol.notice import (
    DEFAULT_TTL_S,
    MAX_BUNDLE_PAYLOAD,
    NOTICE_FIELDS,
    area_emergency_topic,
    area_topic,
    sign_notice,
    unit_topic,
)

log = logging.getLogger(__name__)

PANEL_USERNAME = "loa-panel"
_BUNDLE_FILE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")  # never a path


class Publisher(Protocol):
    def announce(
        self,
        notice: dict[str, Any],
        *,
        area_ids: list[int],
        unit_ids: list[str],
        bundle: bytes | os.PathLike[str] | None = None,
    ) -> None:
        """Queue ``notice`` for the topics of these areas and units (and, for an emergency,
        the signed bundle for the areas' emergency topics); returns at once."""

    def close(self) -> None:
        """Stop the background sender (pending notices may be dropped)."""


class NullPublisher:
    """No broker configured: notices are dropped; units find emergencies by polling."""

    def announce(
        self,
        notice: dict[str, Any],
        *,
        area_ids: list[int],
        unit_ids: list[str],
        bundle: bytes | os.PathLike[str] | None = None,
    ) -> None:
        log.debug(
            "push disabled: notice %s not sent (areas %s, units %s)",
            notice.get("bundle_id"),
            area_ids,
            unit_ids,
        )

    def close(self) -> None:
        return None


@dataclass(frozen=True)
class BrokerAddress:
    host: str
    port: int
    tls: bool


def parse_mqtt_url(url: str) -> BrokerAddress:
    """``mqtt://host[:1883]`` or ``mqtts://host[:8883]`` (TLS)."""
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise ValueError(f"not an mqtt:// or mqtts:// URL: {url!r}")
    tls = parts.scheme == "mqtts"
    return BrokerAddress(parts.hostname, parts.port or (8883 if tls else 1883), tls)


def tls_context(ca_file: str | os.PathLike[str] | None) -> ssl.SSLContext:
    """Verify the broker's certificate and host name (against ``ca_file``, else the system's)."""
    ctx = ssl.create_default_context(cafile=os.fspath(ca_file) if ca_file else None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class MqttPublisher:
    """Signs and publishes notices from a background thread over one paho-mqtt connection."""

    def __init__(
        self,
        url: str,
        *,
        signing_key: Ed25519PrivateKey | Callable[[], Ed25519PrivateKey],
        username: str = "",
        password: str = "",
        ca_file: str | os.PathLike[str] | None = None,
        client_id: str | None = None,
        ttl_s: int = DEFAULT_TTL_S,
        clock: Callable[[], float] = time.time,
        max_pending: int = 1000,
        max_unacked: int = 100_000,
        bundle_dir: str | os.PathLike[str] | None = None,
        max_bundle_bytes: int = MAX_BUNDLE_PAYLOAD,
    ) -> None:
        """``bundle_dir``: where the signed emergency bundles are (``<outbox>/emergency``),
        to publish them on the areas' emergency topics; None: only when ``announce`` is
        given the bundle."""
        self.address = parse_mqtt_url(url)
        self.bundle_dir = Path(bundle_dir) if bundle_dir is not None else None
        self.max_bundle_bytes = max_bundle_bytes
        self._key_source = signing_key
        self._key: Ed25519PrivateKey | None = None
        self.username, self.password, self.ca_file = username, password, ca_file
        self.client_id = client_id or (
            f"{PANEL_USERNAME}-{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
        )
        self.ttl_s, self.clock = ttl_s, clock
        self.max_unacked = max_unacked
        self._queue: queue.Queue[
            tuple[dict[str, Any], list[int], list[str], bytes | os.PathLike[str] | None] | None
        ] = queue.Queue(maxsize=max_pending)
        self._lock = threading.Condition()
        self._started = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._client: Any = None
        self.connected = threading.Event()
        self.published = 0  # handed to paho (one per topic)
        self.acked = 0  # acknowledged by the broker (PUBACK)
        self.dropped = 0  # refused: queue full, too many unacknowledged, or could not sign
        self.bundles_published = 0  # emergency bundles handed to paho (one per area)
        self.bundles_skipped = 0  # not sent over MQTT (missing, too large, sha256 differs)

    # ------------------------------------------------------------------ public
    def announce(
        self,
        notice: dict[str, Any],
        *,
        area_ids: list[int],
        unit_ids: list[str],
        bundle: bytes | os.PathLike[str] | None = None,
    ) -> None:
        """Queue the notice (and the emergency bundle: ``bundle`` bytes or file, else the
        file in ``bundle_dir``); returns at once, never raises."""
        try:
            self._start()
            self._queue.put_nowait((dict(notice), list(area_ids), list(unit_ids), bundle))
        except queue.Full:
            self.dropped += 1
            log.warning(
                "push queue full: notice %s not sent (units will find it by polling)",
                notice.get("bundle_id"),
            )
        except Exception:  # never let the push channel fail the request that issued it
            self.dropped += 1
            log.exception("push: notice %s not queued", notice.get("bundle_id"))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far has been acknowledged by the broker (tests,
        benchmarks, a clean shutdown); False when ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        self._queue.join()
        with self._lock:
            while self.acked < self.published:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self, timeout: float = 5.0) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
        if self._client is not None:
            try:
                self._client.disconnect()
            finally:
                self._client.loop_stop()

    # ------------------------------------------------------------------ background
    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            if self._closed:
                raise RuntimeError("publisher closed")
            # paho is imported and connected on the thread: the first announce costs nothing
            self._thread = threading.Thread(
                target=self._work, name="loa-push-publisher", daemon=True
            )
            self._thread.start()
            self._started = True

    def _make_client(self) -> Any:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion

        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=self.client_id,
            clean_session=True,  # the panel keeps no subscriptions; QoS 1 resends are paho's
            protocol=mqtt.MQTTv311,
        )
        if self.username:
            client.username_pw_set(self.username, self.password or None)
        if self.address.tls:
            client.tls_set_context(tls_context(self.ca_file))
        client.max_queued_messages_set(self.max_unacked)
        client.reconnect_delay_set(min_delay=1, max_delay=10)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_publish = self._on_publish
        client.connect_async(self.address.host, self.address.port, keepalive=30)
        client.loop_start()  # paho's network thread: connects, reconnects, resends
        return client

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        if reason.is_failure:
            log.error("push: broker refused the panel: %s", reason)
            return
        self.connected.set()
        log.info("push: connected to mqtt %s:%s", self.address.host, self.address.port)

    def _on_disconnect(
        self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any
    ) -> None:
        self.connected.clear()
        if not self._closed:
            log.warning("push: broker connection lost (%s); reconnecting", reason)

    def _on_publish(self, client: Any, userdata: Any, mid: int, reason: Any, props: Any) -> None:
        with self._lock:
            self.acked += 1
            self._lock.notify_all()

    def _signing_key(self) -> Ed25519PrivateKey:
        if self._key is None:
            source = self._key_source
            self._key = source if isinstance(source, Ed25519PrivateKey) else source()
        return self._key

    def _work(self) -> None:
        try:
            self._client = self._make_client()
        except Exception:
            log.exception("push: cannot start the MQTT client; notices will not be sent")
            self._client = None
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                self._send(*item)
            except Exception:
                log.exception("push: sending a notice failed")
            finally:
                self._queue.task_done()

    def _bundle_bytes(
        self, notice: Mapping[str, Any], bundle: bytes | os.PathLike[str] | None
    ) -> bytes | None:
        """The signed emergency bundle the notice names, or None (logged) when it cannot go
        over MQTT: the units then pull it over HTTP when the notice wakes them."""
        bundle_id = str(notice.get("bundle_id") or "")
        if isinstance(bundle, bytes):
            data = bundle
        else:
            if bundle is not None:
                path = Path(bundle)
            elif self.bundle_dir is not None and _BUNDLE_FILE_ID_RE.fullmatch(bundle_id):
                path = self.bundle_dir / f"{bundle_id}.loa"
            else:
                return None
            try:
                size = path.stat().st_size
                if size > self.max_bundle_bytes:
                    log.warning(
                        "push: emergency bundle %s is %d bytes (over %d): units pull it by HTTP",
                        bundle_id,
                        size,
                        self.max_bundle_bytes,
                    )
                    return None
                data = path.read_bytes()
            except OSError as exc:
                log.warning("push: emergency bundle %s not readable: %s", bundle_id, exc)
                return None
        if len(data) > self.max_bundle_bytes:
            log.warning("push: emergency bundle %s too large for MQTT", bundle_id)
            return None
        if hashlib.sha256(data).hexdigest() != notice.get("sha256"):
            log.error("push: emergency bundle %s does not match its notice's sha256", bundle_id)
            return None
        return data

    def _send_bundle(
        self,
        notice: Mapping[str, Any],
        area_ids: list[int],
        bundle: bytes | os.PathLike[str] | None,
    ) -> None:
        if notice.get("kind") != "emergency" or not area_ids or self._client is None:
            return
        data = self._bundle_bytes(notice, bundle)
        if data is None:
            self.bundles_skipped += 1
            return
        for area in dict.fromkeys(area_ids):
            try:
                topic = area_emergency_topic(area)
            except ValueError as exc:
                log.warning("push: %s", exc)
                continue
            info = self._client.publish(topic, data, qos=1)
            if info.rc in (0, 4):
                with self._lock:
                    self.published += 1
                self.bundles_published += 1
            else:
                self.bundles_skipped += 1
                log.warning("push: %s not queued (paho rc %s)", topic, info.rc)

    def _send(
        self,
        notice: dict[str, Any],
        area_ids: list[int],
        unit_ids: list[str],
        bundle: bytes | os.PathLike[str] | None = None,
    ) -> None:
        # the bundle first: a unit that holds it when the notice arrives does not pull
        try:
            self._send_bundle(notice, area_ids, bundle)
        except Exception:
            self.bundles_skipped += 1
            log.exception("push: emergency bundle %s not sent", notice.get("bundle_id"))
        fields = {name: notice.get(name) for name in NOTICE_FIELDS}
        key, now = self._signing_key(), self.clock()
        targets: list[tuple[str, dict[str, Any]]] = []
        for area in dict.fromkeys(area_ids):
            targets.append((area_topic(area), {"area_id": int(area)}))
        for unit in dict.fromkeys(unit_ids):
            try:
                targets.append((unit_topic(unit), {"unit_id": unit}))
            except ValueError as exc:
                self.dropped += 1
                log.warning("push: %s", exc)
        for topic, to in targets:
            try:
                payload = sign_notice(key, fields, now=now, ttl_s=self.ttl_s, **to)
            except (ValueError, TypeError, ProtocolError) as exc:
                self.dropped += 1
                log.error("push: notice %s not signed: %s", fields.get("bundle_id"), exc)
                return
            if self._client is None:
                self.dropped += 1
                continue
            info = self._client.publish(topic, payload, qos=1)
            if info.rc in (0, 4):  # MQTT_ERR_SUCCESS, MQTT_ERR_NO_CONN (kept, sent on reconnect)
                with self._lock:
                    self.published += 1
            else:
                self.dropped += 1
                log.warning("push: %s not queued (paho rc %s)", topic, info.rc)


# --------------------------------------------------------------------------- one per process

_publishers: dict[tuple[Any, ...], Publisher] = {}
_publishers_lock = threading.Lock()


def get_publisher(settings: Any) -> Publisher:
    """The publisher for ``settings`` in this process (a no-op when no broker is configured).

    One per process and configuration: a worker forked from a parent that had one makes its
    own (the parent's network thread does not exist in the child).
    """
    url = getattr(settings, "mqtt_url", "") or ""
    if not url:
        return NullPublisher()
    key_path = Path(settings.signing_key_path)
    ident = (
        os.getpid(),
        url,
        getattr(settings, "mqtt_username", ""),
        str(getattr(settings, "mqtt_ca_file", None)),
        str(key_path),
    )
    with _publishers_lock:
        pub = _publishers.get(ident)
        if pub is None:
            for other in [k for k in _publishers if k[0] != os.getpid()]:
                del _publishers[other]  # inherited through fork: not ours to close

            def load_key() -> Ed25519PrivateKey:
                from protocol.keys import load_or_create_private_key

                return load_or_create_private_key(key_path)

            pub = MqttPublisher(
                url,
                signing_key=load_key,
                username=getattr(settings, "mqtt_username", ""),
                password=getattr(settings, "mqtt_password", ""),
                ca_file=getattr(settings, "mqtt_ca_file", None),
                bundle_dir=_emergency_dir(settings),
            )
            _publishers[ident] = pub
        return pub


def _emergency_dir(settings: Any) -> Path | None:
    """Where the panel writes the signed emergency bundles (the same path the HTTP route
    serves them from: content_library.emergency.bundle_path)."""
    try:
        from content_library.emergency import bundle_path

        return bundle_path(settings.outbox_dir, "x").parent
    except Exception:
        log.exception("push: no emergency bundle folder; bundles go by HTTP only")
        return None


def close_publishers() -> None:
    """Close this process's publishers (the panel's shutdown; tests)."""
    with _publishers_lock:
        mine = [k for k in _publishers if k[0] == os.getpid()]
        pubs = [_publishers.pop(k) for k in mine]
    for pub in pubs:
        pub.close()


# --------------------------------------------------------------------------- broker rules


@dataclass(frozen=True)
class SkippedUnit:
    """A unit left out of the ACL: its id, or an area id on its path, cannot be a topic level."""

    unit_id: object  # as found (may hold anything: print it with repr)
    reason: str  # Vietnamese / English

    def describe(self) -> str:
        """One line, Vietnamese first; the id as ``repr`` so a newline in it stays ``\\n``."""
        return f"Bỏ qua cụm loa {self.unit_id!r}: {self.reason}"


@dataclass(frozen=True)
class UnitAcl:
    text: str
    skipped: tuple[SkippedUnit, ...]


def _unit_block(unit_id: object, areas: object) -> list[str]:
    """The lines of one unit, or ValueError (with a bilingual reason) when any id in them
    could carry a wildcard, a level or a line of its own into the file."""
    if not isinstance(unit_id, str):
        raise ValueError("mã cụm loa không phải chuỗi / the unit id is not text")
    try:
        own = unit_topic(unit_id)
    except ValueError:
        raise ValueError(
            "mã cụm loa không dùng được làm chủ đề MQTT (chỉ chữ, số, '.', '_', ':', '-') / "
            "the unit id cannot be an MQTT topic level"
        ) from None
    if isinstance(areas, (str, bytes)) or not isinstance(areas, Iterable):
        raise ValueError("không có danh sách địa bàn / no list of areas")
    lines = [f"user {unit_id}", f"topic read {own}"]
    for a in dict.fromkeys(str(a) if not isinstance(a, bool) else a for a in areas):
        try:
            lines.append(f"topic read {area_topic(a)}")
            lines.append(f"topic read {area_emergency_topic(a)}")
        except ValueError:
            raise ValueError(
                f"mã địa bàn {a!r} trên đường dẫn của cụm loa không phải số / "
                f"an area id on the unit's path is not a number"
            ) from None
    return lines


def build_unit_acl(
    units: Mapping[str, Sequence[int | str]] | Iterable[tuple[str, Sequence[int | str]]],
) -> UnitAcl:
    """Mosquitto ACL for the units' listener: each unit (username = client id = unit id) may
    read its own topic, its areas' topics and its areas' emergency bundle topics, and nothing
    else; no unit may publish.

    ``units``: unit id → the ids of every area on its path (root → its own area). A unit whose
    id, or an area id on whose path, cannot be a topic level (a wildcard ``+``/``#``, ``/``,
    whitespace, a newline that would start an ACL line of its own…) is left out whole and
    named in ``skipped``; the others are written as usual.
    """
    items = units.items() if isinstance(units, Mapping) else units
    lines = [
        "# Loa units (generated; docs/push.md). A unit reads only its own and its areas' topics;",
        "# no unit may publish anything.",
    ]
    skipped: list[SkippedUnit] = []
    seen: set[str] = set()
    for unit_id, areas in sorted(items, key=lambda item: (str(item[0]), repr(item[0]))):
        try:
            block = _unit_block(unit_id, areas)
            if unit_id in seen:
                raise ValueError("mã cụm loa lặp lại / the unit id is listed twice")
        except ValueError as exc:
            skipped.append(SkippedUnit(unit_id, str(exc)))
            continue
        seen.add(str(unit_id))
        lines.extend(block)
    return UnitAcl("\n".join(lines) + "\n", tuple(skipped))


def unit_acl(
    units: Mapping[str, Sequence[int | str]] | Iterable[tuple[str, Sequence[int | str]]],
) -> str:
    """The text of ``build_unit_acl``; each unit left out is logged (a warning)."""
    result = build_unit_acl(units)
    for unit in result.skipped:
        log.warning("ACL MQTT: %s", unit.describe())
    return result.text


def panel_acl(username: str = PANEL_USERNAME) -> str:
    """Mosquitto ACL for the panel's listener: the panel publishes notices and reads nothing."""
    return f"# Loa panel (docs/push.md)\nuser {username}\ntopic write loa/v1/#\n"


def unit_area_paths(session: Any) -> dict[str, list[int | str]]:
    """Every unit with the area ids of its path, from the panel's database (for ``unit_acl``)."""
    from sqlmodel import select

    from content_library.models import Area, Unit

    paths = {a.id: a.path for a in session.exec(select(Area))}
    out: dict[str, list[int | str]] = {}
    for unit in session.exec(select(Unit)):
        path = paths.get(unit.area_id) or f"/{unit.area_id}/"
        # a part that is not a plain number is kept as found: build_unit_acl leaves its unit
        # out (and names it) rather than this stopping the file for every unit
        out[unit.id] = [
            int(p) if p.isascii() and p.isdigit() else p for p in str(path).split("/") if p
        ]
    return out

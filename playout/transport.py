"""Where the unit may send a secret without TLS: to this machine only.

The unit's one-time enrolment code (``SyncClient.enrol``) and its broker password
(``[push] password_file``) are credentials: whoever reads one on the way enrols their own key
for the unit, or logs in to the broker as the unit. Over plain ``http://`` or ``mqtt://`` they
go only to a loopback address (the demo, a broker or proxy on the unit itself); anywhere else
they need ``https://`` or ``mqtts://`` (docs/security.md 8: units reach the panel over HTTPS).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

__all__ = ["cleartext_secret_refusal", "is_loopback_host"]

_TLS_SCHEMES = frozenset({"https", "mqtts"})


def is_loopback_host(host: str | None) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1 (a name is not resolved: only ``localhost`` counts)."""
    if not host:
        return False
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cleartext_secret_refusal(url: str, what: tuple[str, str]) -> tuple[str, str] | None:
    """None when ``url`` may carry the secret ``what`` (English, Vietnamese): TLS, or a
    loopback host. Otherwise the refusal (English, Vietnamese), naming the URL."""
    parts = urlsplit(url)
    if parts.scheme in _TLS_SCHEMES or is_loopback_host(parts.hostname):
        return None
    en, vi = what
    return (
        f"{en} is not sent over {parts.scheme}:// to {parts.hostname or url!r}: anyone on the "
        f"way could read it; use {parts.scheme}s:// (TLS)",
        f"không gửi {vi} qua {parts.scheme}:// tới {parts.hostname or url!r}: người ở giữa đường "
        f"truyền đọc được; hãy dùng {parts.scheme}s:// (TLS)",
    )

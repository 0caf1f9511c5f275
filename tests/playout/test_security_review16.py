"""Security review 16, the unit's side: a network attacker between the unit and its panel or
broker. The unit's one-time enrolment code and its broker password are credentials; over plain
http:// or mqtt:// to another machine anyone on the way read them. Each test fails on the code
before the fix."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from playout.errors import ConfigError, SyncError
from playout.push_client import PushClient
from playout.sync_client import SyncClient
from playout.transport import is_loopback_host

CODE = "ABCD-EFGH-JKLM"


class _Answer(io.BytesIO):
    status = 200
    headers: ClassVar[dict[str, str]] = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture
def sent(monkeypatch) -> list[tuple[str, bytes]]:
    """Every request the unit sends (URL, body), answered like a panel that took the code."""
    calls: list[tuple[str, bytes]] = []

    def urlopen(req, timeout=None):
        calls.append((req.full_url, req.data or b""))
        body = {"unit_id": "unit-01", "enrolled_at": "2026-03-10T02:00:00+00:00"}
        return _Answer(json.dumps(body).encode())

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return calls


@pytest.mark.parametrize(
    "server",
    [
        "http://loa.huyen.example.vn",
        "http://203.0.113.7:8000",
        "http://10.0.0.1",
        "http://[2001:db8::1]",
    ],
)
def test_the_enrolment_code_never_travels_over_plain_http_to_another_machine(
    tmp_path, sent, server
) -> None:
    """`loa unit enrol` over http:// sent the one-time code in the clear: someone on the way
    (a 3G link, the commune's Wi-Fi) who read it, or held the request back, enrolled their own
    key for the unit, and the panel took their as-run log (airtime in the reports), their
    heartbeats and their "played" confirmations as the unit's (docs/security.md 27 left it:
    "at enrolment they can swap the unit's key"). Now nothing is sent: a refusal in both
    languages that says to use https://."""
    client = SyncClient(server, "unit-01", Ed25519PrivateKey.generate(), tmp_path / "state")
    with pytest.raises(SyncError) as err:
        client.enrol(CODE)
    assert sent == []
    assert err.value.code == "insecure_transport"
    assert "https://" in err.value.reason and "https://" in err.value.reason_vi
    assert "mã đăng ký" in err.value.reason_vi
    assert client.state().get("enrolled_at") is None


@pytest.mark.parametrize(
    "server", ["https://loa.huyen.example.vn", "http://127.0.0.1:8000", "http://localhost:8000"]
)
def test_enrolment_over_tls_or_to_this_machine_goes_on(tmp_path, sent, server) -> None:
    client = SyncClient(server, "unit-01", Ed25519PrivateKey.generate(), tmp_path / "state")
    client.enrol(CODE)
    ((url, body),) = sent
    assert url == f"{server}/api/v1/units/enrol" and CODE in body.decode()
    assert client.state()["enrolled_at"] == "2026-03-10T02:00:00+00:00"


def test_a_broker_password_in_the_config_needs_tls_beyond_this_machine(kit) -> None:
    """[push] with a password_file and an mqtt:// URL to another machine sent the unit's
    broker password in the clear on every connection (paho sends CONNECT before it hears
    anything): whoever read it logged in as the unit and took over its session (the broker
    forces the client id to the username), draining the emergency notices queued for it. Now
    the config is refused, naming the key, in both languages."""
    password = kit.tmp / "mqtt.password"
    password.write_text("mat-khau-cum-loa\n", encoding="utf-8")
    push = {"url": "mqtt://mqtt.huyen.example.vn:8883", "password_file": str(password)}
    with pytest.raises(ConfigError) as err:
        kit.config(push=push)
    assert "push.url" in err.value.reason and "mqtts://" in err.value.reason
    assert "mật khẩu máy chủ MQTT" in err.value.reason_vi and "mqtts://" in err.value.reason_vi
    # TLS, a broker on this machine, or no password at all: as before
    for url, secret in (
        ("mqtts://mqtt.huyen.example.vn:8883", True),
        ("mqtt://127.0.0.1:1883", True),
        ("mqtt://mqtt.huyen.example.vn:1883", False),
    ):
        changed = {"url": url, **({"password_file": str(password)} if secret else {})}
        cfg = kit.config(push=changed)
        assert cfg.push.url == url


def test_the_push_client_refuses_a_password_over_plain_mqtt_to_another_machine() -> None:
    """The same rule where the client is built from anything but the config (the demo, a
    simulator): no connection that would send the password in the clear."""
    common = dict(unit_id="unit-01", areas=["1"], trusted_keys={}, wake=lambda reason: None)
    with pytest.raises(ValueError, match="mqtts://"):
        PushClient("mqtt://203.0.113.7:1883", password="mat-khau", **common)
    PushClient("mqtts://203.0.113.7:8883", password="mat-khau", **common)
    PushClient("mqtt://127.0.0.1:1883", password="mat-khau", **common)
    PushClient("mqtt://203.0.113.7:1883", **common)  # no password: nothing secret to send


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("localhost.example.vn", False),
        ("127.0.0.1.nip.io", False),
        ("10.0.0.1", False),
        ("0.0.0.0", False),
        ("", False),
        (None, False),
    ],
)
def test_only_this_machine_counts_as_loopback(host, loopback) -> None:
    assert is_loopback_host(host) is loopback


def test_a_refused_enrolment_is_not_an_http_error(tmp_path, monkeypatch) -> None:
    """The refusal comes before any connection: not a network error a retry loop would try
    again and again (status 0 with code ``sync``)."""

    def unreachable(req, timeout=None):  # what a connection attempt would meet
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(urllib.request, "urlopen", unreachable)
    client = SyncClient(
        "http://loa.huyen.example.vn", "unit-01", Ed25519PrivateKey.generate(), tmp_path / "s"
    )
    with pytest.raises(SyncError) as err:
        client.enrol(CODE)
    assert err.value.code == "insecure_transport"

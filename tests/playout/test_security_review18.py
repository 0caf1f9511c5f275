"""Security review 18 on the unit (docs/security.md 38): the sync client reads the panel's
answers up to a cap. Over plain HTTP (allowed after enrolment) whoever sits on the way could
answer a heartbeat with gigabytes; read whole into memory, they made the kernel kill the
daemon, and the unit went silent where a cut link lets it play on. Checked against a real
listening socket. The push client refuses an MQTT packet longer than the largest emergency
bundle as soon as it has read the packet's length, instead of reading up to 256 MiB first."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from playout import sync_client
from playout.errors import SyncError
from playout.push_client import PushClient
from playout.sync_client import SyncClient

UNIT = "ngoc-chuc-01"
CAP = 64 * 1024  # the test's cap: the real one is 1 MiB


class _Flood(http.server.BaseHTTPRequestHandler):
    """Answers every POST with ``size`` bytes of JSON-looking text (``status``), declaring its
    length or not (chunked), and counts what it managed to send."""

    size: ClassVar[int] = 0
    status: ClassVar[int] = 200
    declare: ClassVar[bool] = True
    sent: ClassVar[int] = 0
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        if type(self).declare:
            self.send_header("Content-Length", str(type(self).size))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b'{"asrun_last_seq": 0, "pad": "' + b"x" * (16 * 1024)
        left = type(self).size
        try:
            while left > 0:
                part = block[: min(len(block), left)]
                if type(self).declare:
                    self.wfile.write(part)
                else:
                    self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                type(self).sent += len(part)
                left -= len(part)
            if not type(self).declare:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:  # the client stopped reading and closed: what we want
            return

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def flood() -> Iterator[str]:
    _Flood.sent, _Flood.status, _Flood.declare = 0, 200, True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flood)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def client(flood, tmp_path, monkeypatch) -> SyncClient:
    monkeypatch.setattr(sync_client, "ANSWER_MAX", CAP)
    return SyncClient(flood, UNIT, Ed25519PrivateKey.generate(), tmp_path / "state")


@pytest.mark.parametrize("declare", [True, False], ids=["content-length", "chunked"])
def test_a_heartbeat_answered_with_too_much_is_refused_not_read_whole(
    client: SyncClient, declare: bool
) -> None:
    _Flood.size, _Flood.declare = 40 * CAP, declare
    with pytest.raises(SyncError) as caught:
        client.heartbeat()
    assert caught.value.code == "answer_too_large"
    assert "máy chủ" in caught.value.reason_vi and "larger than" in caught.value.reason


def test_an_error_answer_is_read_only_up_to_the_cap(client: SyncClient) -> None:
    _Flood.size, _Flood.status = 40 * CAP, 500
    status, _, data = client._request("POST", f"/api/v1/units/{UNIT}/heartbeat", b"{}")
    assert status == 500 and len(data) == CAP


def test_an_answer_of_ordinary_size_is_read(client: SyncClient) -> None:
    _Flood.size = CAP  # at the cap: still read (the JSON is cut, so the client sees nothing)
    status, _, data = client._request("POST", f"/api/v1/units/{UNIT}/heartbeat", b"{}")
    assert status == 200 and len(data) == CAP


# --- the push client: a packet too large is refused as soon as its length is read ------------


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


class _Broker:
    """A loopback stand-in for the broker (or whoever sits on a plain mqtt:// link): accepts
    the unit, says CONNACK, then sends a PUBLISH whose header claims ``claimed`` bytes and
    trickles some; records whether the unit hung up."""

    def __init__(self, claimed: int) -> None:
        self.claimed = claimed
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.hung_up = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            conn.settimeout(0.2)
            with contextlib.suppress(OSError):
                conn.recv(4096)  # CONNECT
            conn.sendall(b"\x20\x02\x00\x00")  # CONNACK, accepted
            topic = b"loa/v1/area/7/emergency"
            head = b"\x30" + _varint(self.claimed) + len(topic).to_bytes(2, "big") + topic
            # Never the whole body (one byte short): a packet within the cap stays unread.
            left = min(self.claimed - 2 - len(topic) - 1, 200 * 4096)
            try:
                conn.sendall(head)
                while left > 0:  # 4 KiB at a time, while the unit still reads
                    part = min(4096, left)
                    conn.sendall(b"\x00" * part)
                    left -= part
                    with contextlib.suppress(TimeoutError):
                        if conn.recv(4096) == b"":
                            self.hung_up.set()
                            return
            except OSError:  # reset by the unit: it hung up
                self.hung_up.set()

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize(("claimed", "refused"), [(200 * 1024 * 1024, True), (20 * 1024, False)])
def test_the_push_client_hangs_up_on_a_packet_too_large(claimed: int, refused: bool) -> None:
    broker = _Broker(claimed)
    push = PushClient(
        f"mqtt://127.0.0.1:{broker.port}",
        unit_id=UNIT,
        areas=["7"],
        trusted_keys={},
        wake=lambda _reason: None,
        store=object(),  # subscribes to the emergency topics
        max_bundle_bytes=64 * 1024,
    )
    try:
        push.start()
        # Waiting for an event, not timing one: the unit hangs up once it has read the
        # length; a packet within the cap is read on (its body never completes here).
        assert broker.hung_up.wait(timeout=10 if refused else 3) is refused
    finally:
        push.stop()
        broker.close()

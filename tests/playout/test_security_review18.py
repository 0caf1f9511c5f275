"""Security review 18 on the unit (docs/security.md 38): the sync client reads the panel's
answers up to a cap. Over plain HTTP (allowed after enrolment) whoever sits on the way could
answer a heartbeat with gigabytes; read whole into memory, they made the kernel kill the
daemon, and the unit went silent where a cut link lets it play on. Checked against a real
listening socket."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from playout import sync_client
from playout.errors import SyncError
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

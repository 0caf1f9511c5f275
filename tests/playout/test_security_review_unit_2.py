"""The unit's side of docs/security.md 22: the sync client signs the query string and the
headers that shape a bundle answer (Range, If-Range, If-None-Match) as it sends them, so the
panel can refuse a request changed on the way. Checked on the wire, against a listening socket
that records what the real client sent."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from playout.sync_client import SyncClient
from protocol.request_signing import (
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    HEADER_UNIT,
    verify_request,
)

UNIT = "ngoc-chuc-01"


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[dict]] = []

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        type(self).seen.append({"path": path, "query": query, "headers": dict(self.headers)})
        self.send_response(304)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _verifies(key, seen: dict, **changed: str) -> bool:
    h = {**seen["headers"], **changed}
    return verify_request(
        key.public_key(),
        method="GET",
        path=seen["path"],
        query=seen["query"],
        unit_id=h[HEADER_UNIT],
        timestamp=h[HEADER_TIMESTAMP],
        nonce=h[HEADER_NONCE],
        body=b"",
        signature=h[HEADER_SIGNATURE],
        headers={k: v for k, v in h.items() if k not in changed or v},
    )


def test_the_unit_signs_the_headers_that_shape_the_bundle_answer(recorder, tmp_path) -> None:
    key = Ed25519PrivateKey.generate()
    client = SyncClient(recorder, UNIT, key, tmp_path / "state")
    etag = '"' + "a" * 64 + '"'
    client._save(bundle_etag=etag, part_etag=etag)
    (client.sync_dir / "bundle.part").write_bytes(b"x" * 100)  # a cut download to resume
    assert client.pull_bundle()[0] == "unchanged"
    (seen,) = _Recorder.seen
    assert seen["headers"]["If-None-Match"] == etag and seen["headers"]["Range"] == "bytes=100-"
    assert _verifies(key, seen)
    assert not _verifies(key, seen, **{"If-None-Match": '"' + "b" * 64 + '"'})
    assert not _verifies(key, seen, Range="bytes=0-")
    assert not _verifies(key, seen, **{"If-Range": ""})  # dropped on the way


def test_the_unit_signs_a_query_string(recorder, tmp_path) -> None:
    key = Ed25519PrivateKey.generate()
    client = SyncClient(recorder, UNIT, key, tmp_path / "state")
    status, _, _ = client._request("GET", f"/api/v1/units/{UNIT}/emergencies?since=3")
    assert status == 304
    (seen,) = _Recorder.seen
    assert seen["query"] == "since=3"
    assert _verifies(key, seen)
    assert not _verifies(key, {**seen, "query": "since=4"})
    assert not _verifies(key, {**seen, "query": ""})

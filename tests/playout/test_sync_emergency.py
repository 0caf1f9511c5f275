"""The sync client's emergency path against a small stand-in of the panel's three routes
(a real HTTP server on loopback): list, fetch and import emergency bundles on every poll and
at once on wake(reason); "played" confirmations sent promptly, kept queued while offline."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
from pathlib import Path

import pytest

from playout.sync_client import SyncClient, SyncError

from .conftest import real_now
from .emergency_kit import emergency_bundle, unit_store

UNIT = "unit-01"


@pytest.fixture
def kit_t0():
    return real_now()


class FakePanel:
    """GET /emergencies, GET /emergencies/{bundle_id}, POST …/{emergency_id}/played."""

    def __init__(self) -> None:
        self.bundles: list[dict] = []  # list entries, with "path"
        self.confirmations: list[tuple[str, dict]] = []
        self.requests: list[tuple[str, str]] = []
        self.down = False
        self.lock = threading.Lock()
        panel = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _send(self, status: int, body: bytes = b"", ctype="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                panel.requests.append(("GET", self.path))
                assert self.headers.get("X-Loa-Unit") or self.headers.get("Authorization")
                if panel.down:
                    return self._send(503, b'{"reason": "down"}')
                base = f"/api/v1/units/{UNIT}/emergencies"
                if self.path == base:
                    listed = [{k: v for k, v in b.items() if k != "path"} for b in panel.bundles]
                    return self._send(200, json.dumps({"emergencies": listed}).encode())
                for b in panel.bundles:
                    if self.path == f"{base}/{b['bundle_id']}":
                        return self._send(200, b["path"].read_bytes(), "application/octet-stream")
                return self._send(404, b'{"reason": "not found"}')

            def do_POST(self):
                panel.requests.append(("POST", self.path))
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if panel.down:
                    return self._send(503, b'{"reason": "down"}')
                prefix = f"/api/v1/units/{UNIT}/emergencies/"
                if self.path.startswith(prefix) and self.path.endswith("/played"):
                    eid = self.path[len(prefix) : -len("/played")]
                    with panel.lock:
                        panel.confirmations.append((eid, json.loads(body)))
                    return self._send(204)
                return self._send(404, b'{"reason": "not found"}')

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, path: Path, eid: str, action: str, sequence: int) -> None:
        from protocol.bundle import read_manifest_unverified

        m = read_manifest_unverified(path)
        data = path.read_bytes()
        self.bundles.append(
            {
                "id": eid,
                "bundle_id": m.bundle_id,
                "action": action,
                "sequence": sequence,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "expires_at": m.expires_at.isoformat(),
                "path": path,
            }
        )

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def panel():
    p = FakePanel()
    yield p
    p.close()


class SystemClockish:
    """The real wall clock, trusted (the sync client's store in production)."""

    def wall(self):
        return real_now()

    def is_trusted(self) -> bool:
        return True

    def monotonic(self) -> float:
        return time.monotonic()


def _client(kit, panel, **kw) -> SyncClient:
    store = unit_store(kit, SystemClockish())
    return SyncClient(
        panel.base_url, UNIT, kit.unit_priv, kit.state_dir, store=store, poll_s=3600, **kw
    )


def test_a_poll_imports_listed_emergencies_in_sequence_order(kit, panel):
    play, eid = emergency_bundle(kit, sequence=4, repeats=2)
    stop, _ = emergency_bundle(kit, sequence=5, emergency_id=eid, action="stop")
    other, eid2 = emergency_bundle(kit, sequence=6)
    # listed out of order: the client still imports lowest sequence first
    panel.publish(other, eid2, "play", 6)
    panel.publish(stop, eid, "stop", 5)
    panel.publish(play, eid, "play", 4)
    client = _client(kit, panel)
    assert client.pull_emergencies() == 3
    store = client.store
    states = {e["id"]: e["state"] for e in store.emergencies()}
    assert states == {eid: "stopped", eid2: "active"}
    fetched = [p for m, p in panel.requests if m == "GET" and p.count("/") > 5]
    assert len(fetched) == 3
    # the next poll fetches nothing again
    panel.requests.clear()
    assert client.pull_emergencies() == 0
    assert [p for _, p in panel.requests] == [f"/api/v1/units/{UNIT}/emergencies"]


def test_a_refused_bundle_is_not_fetched_again_and_a_bad_hash_is_retried(kit, panel):
    wrong, eid = emergency_bundle(kit, sequence=1, areas=("xa-khac",))
    panel.publish(wrong, eid, "play", 1)
    client = _client(kit, panel)
    assert client.pull_emergencies() == 0
    assert client.pull_emergencies() == 0
    fetched = [p for _, p in panel.requests if p.endswith(panel.bundles[0]["bundle_id"])]
    assert len(fetched) == 1
    assert client.store.emergencies() == []
    good, eid2 = emergency_bundle(kit, sequence=2)
    panel.publish(good, eid2, "play", 2)
    panel.bundles[-1]["sha256"] = "0" * 64  # the list and the bytes disagree
    with pytest.raises(SyncError, match="sha256"):
        client.pull_emergencies()
    assert client.store.emergencies() == []
    panel.bundles[-1]["sha256"] = hashlib.sha256(good.read_bytes()).hexdigest()
    assert client.pull_emergencies() == 1


def test_a_forged_bundle_listed_by_the_panel_never_plays(kit, panel):
    path, eid = emergency_bundle(kit, sequence=1)
    data = bytearray(path.read_bytes())
    at = data.find(b'"repeats":3')
    data[at + 10] = ord("9")  # 9 repeats: the signature no longer matches
    forged = path.with_name("forged.loa")
    forged.write_bytes(bytes(data))
    panel.publish(forged, eid, "play", 1)
    client = _client(kit, panel)
    assert client.pull_emergencies() == 0
    assert client.store.emergencies() == []


def test_confirmations_are_sent_and_kept_queued_while_offline(kit, panel):
    client = _client(kit, panel)
    store = client.store
    play, eid = emergency_bundle(kit, sequence=1)
    store.import_bundle(play)
    now = real_now()
    store.emergency_played(eid, state="started", repeat=1, at=now)
    panel.down = True
    with pytest.raises(SyncError):
        client.send_confirmations()
    assert len(store.pending_confirmations()) == 1
    panel.down = False
    store.emergency_played(eid, state="finished", repeat=1, at=now)
    assert client.send_confirmations() == 2
    assert store.pending_confirmations() == []
    assert panel.confirmations == [
        (eid, {"state": "started", "repeat": 1, "at": now.isoformat()}),
        (eid, {"state": "finished", "repeat": 1, "at": now.isoformat()}),
    ]
    assert client.send_confirmations() == 0  # nothing twice


def test_wake_pulls_at_once_and_new_confirmations_go_out_between_polls(kit, panel):
    client = _client(kit, panel)
    stop = threading.Event()
    thread = threading.Thread(target=client.run, args=(stop,), daemon=True)
    thread.start()
    try:
        _wait(lambda: ("GET", f"/api/v1/units/{UNIT}/emergencies") in panel.requests)
        play, eid = emergency_bundle(kit, sequence=1)
        panel.publish(play, eid, "play", 1)
        # poll_s is an hour: only the wake (from another thread) can bring it now
        threading.Thread(target=client.wake, args=("push",)).start()
        _wait(lambda: client.store.emergencies())
        assert client.wake_reason == "push"
        client.store.emergency_played(eid, state="started", repeat=1, at=real_now())
        _wait(lambda: panel.confirmations)
        assert panel.confirmations[0][1]["state"] == "started"
    finally:
        client.stop(stop)
        thread.join(10)
    assert not thread.is_alive()


def _wait(cond, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached")


def test_an_oversized_or_malformed_listing_is_not_downloaded(kit, panel):
    play, eid = emergency_bundle(kit, sequence=1)
    panel.publish(play, eid, "play", 1)
    size = panel.bundles[0]["size"]
    client = _client(kit, panel, max_bundle_bytes=size - 1)
    # the list says it is too large: skipped without a download
    assert client.pull_emergencies() == 0
    assert not [p for _, p in panel.requests if p.endswith(panel.bundles[0]["bundle_id"])]
    # the list lies about the size: the download is cut off at the limit
    panel.bundles[0]["size"] = 100
    client = _client(kit, panel, max_bundle_bytes=size - 1)
    with pytest.raises(SyncError) as err:
        client.pull_emergencies()
    assert err.value.code == "bundle_too_large"
    assert not list((kit.state_dir / "sync").glob("emergency*"))
    # malformed entries are skipped; the good one still comes
    panel.bundles[0]["size"] = size
    panel.bundles.insert(0, {"bundle_id": "../../etc/passwd", "sha256": "x", "sequence": 0})
    client = _client(kit, panel)
    assert client.pull_emergencies() == 1


def test_a_listing_past_its_cap_is_refused_and_one_at_the_cap_is_read(kit, panel, monkeypatch):
    """The list is read by the length it declares, up to a cap: one byte past it is an error
    (nothing fetched), a list that fits is read whole."""
    import playout.sync_client as SC

    play, eid = emergency_bundle(kit, sequence=1)
    panel.publish(play, eid, "play", 1)
    listed = [{k: v for k, v in b.items() if k != "path"} for b in panel.bundles]
    length = len(json.dumps({"emergencies": listed}).encode())
    monkeypatch.setattr(SC, "EMERGENCY_LIST_MAX", length - 1)
    with pytest.raises(SyncError) as err:
        _client(kit, panel).pull_emergencies()
    assert "quá lớn" in err.value.reason_vi
    assert not [p for _, p in panel.requests if p.endswith(panel.bundles[0]["bundle_id"])]
    monkeypatch.setattr(SC, "EMERGENCY_LIST_MAX", length)
    assert _client(kit, panel).pull_emergencies() == 1

"""The unit's side of the sync protocol (docs/sync-protocol.md): enrol once, then every
``poll_s`` seconds send a heartbeat, push the as-run log from the server's last
acknowledged entry, and pull the newest bundle (If-None-Match; a cut download resumes from
its ``.part`` file with Range/If-Range) into the BundleStore. A download is cut off at the
largest size a bundle can be (``protocol.bundle.Limits``): a declared Content-Length over it
is refused before reading, and a body that goes on past it is stopped and its ``.part``
removed, so a broken or hostile server cannot fill the unit's disk.

Standard library HTTP only (urllib): the unit starts without the panel's dependencies.
``wake(reason)`` makes the loop poll at once (thread-safe), so a push channel (the MQTT
subscriber, playout.push_client) only has to call it.
Requests are signed by ``protocol.request_signing``, the module the server checks them with.

Emergencies (issue 15): every poll starts with ``GET /api/v1/units/{id}/emergencies`` and
fetches each listed bundle the store does not hold yet (lowest sequence first, the sha256
the list names checked before import; a refused one is not fetched again), then sends the
store's queued "played" confirmations (``POST …/emergencies/{emergency_id}/played``). The
confirmations stay queued on disk while the panel is unreachable; between polls the loop
watches the queue and sends a new one within ``CONFIRM_CHECK_S``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from playout.asrun import AsRunLog, valid_start
from playout.errors import SyncError
from playout.store import STORAGE_CODES
from playout.transport import cleartext_secret_refusal
from protocol.bundle import Limits
from protocol.files import atomic_write
from protocol.keys import public_key_line
from protocol.request_signing import sign_request

log = logging.getLogger(__name__)

STATE_FILE = "sync_state.json"
PART_FILE = "bundle.part"
CHUNK = 64 * 1024
EMERGENCY_LIST_MAX = 1024 * 1024  # the panel's list of emergency bundles for one unit
# Any other answer (enrolment, heartbeat, as-run, confirmations, an error's text): a few KB.
ANSWER_MAX = 1024 * 1024
API = "/api/v1/units"
EMERGENCY_PART = "emergency.part"
CONFIRM_CHECK_S = 0.25  # how often the wait between polls looks at the confirmation queue
_BUNDLE_ID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
# refusals that may pass later (a clock behind, a busy disk): the bundle is fetched again
# refusals judged again at the next poll (the unit's storage full: `store.STORAGE_CODES`)
_TRANSIENT_REFUSALS = frozenset({"not_yet_valid", "unreadable", "state_unreadable"}) | STORAGE_CODES


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _atomic_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(data, sort_keys=True).encode("utf-8"))


def _reason(body: bytes, default: str) -> tuple[str, str]:
    try:
        data = json.loads(body.decode("utf-8"))
        return str(data.get("reason") or default), str(
            data.get("reason_vi") or data.get("reason") or default
        )
    except (ValueError, UnicodeDecodeError, AttributeError):
        return default, default


@dataclass
class PollReport:
    heartbeat: bool = False
    pushed: int = 0
    duplicates: int = 0
    bundle: str = "none"  # none | unchanged | downloaded | imported | rejected
    bundle_sequence: int | None = None
    emergencies: int = 0  # emergency bundles imported (play or stop)
    confirmed: int = 0  # "played" confirmations the panel took
    errors: list[str] = field(default_factory=list)


class SyncClient:
    def __init__(
        self,
        base_url: str,
        unit_id: str,
        unit_key: Ed25519PrivateKey,
        state_dir: str | os.PathLike[str],
        *,
        store: Any = None,  # playout.store.BundleStore (import_bundle(path))
        asrun_path: str | os.PathLike[str] | None = None,
        poll_s: float = 15.0,
        batch: int = 200,
        timeout_s: float = 30.0,
        status_provider: Callable[[], dict[str, Any]] | None = None,
        software_version: str | None = None,
        max_bundle_bytes: int | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.unit_id = unit_id
        self.key = unit_key
        self.state_dir = Path(state_dir)
        self.sync_dir = self.state_dir / "sync"
        self.store = store
        self.asrun_path = Path(asrun_path) if asrun_path else self.state_dir / "asrun.sqlite3"
        self.poll_s = poll_s
        self.batch = batch
        self.timeout_s = timeout_s
        self.status_provider = status_provider
        # the store's limits when it has them, else the protocol's: never more than verifiable
        limits = getattr(store, "limits", None)
        self.max_bundle_bytes = (
            max_bundle_bytes or (limits if isinstance(limits, Limits) else Limits()).max_file_bytes
        )
        self.software_version = software_version or _software_version()
        self._wake = threading.Event()
        self.wake_reason: str | None = None
        self._em_refused: set[str] = set()  # emergency bundle ids refused on import
        self._outbox_marker: Any = None
        self.last_report: PollReport | None = None
        self.last_error: str | None = None
        self.sync_dir.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------------ state
    @property
    def state_file(self) -> Path:
        return self.sync_dir / STATE_FILE

    def state(self) -> dict[str, Any]:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self, **changes: Any) -> None:
        st = self.state()
        st.update(changes)
        _atomic_json(self.state_file, st)

    # ------------------------------------------------------------------ HTTP
    def _request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        signed: bool = True,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], Any]:
        """(status, headers, response) where response is the open response for 200/206 GETs of
        bundles (caller reads and closes) or the body bytes otherwise."""
        h = {"User-Agent": f"loa-unit/{self.software_version}", **(headers or {})}
        if body:
            h["Content-Type"] = "application/json"
        if signed:
            # Last: the signature covers the query and the Range/If-* headers set above.
            h.update(sign_request(self.key, method, path, self.unit_id, body, headers=h))
        req = urllib.request.Request(
            self.base_url + path, data=body if method != "GET" else None, method=method, headers=h
        )
        try:
            resp = urllib.request.urlopen(req, timeout=self.timeout_s)
        except urllib.error.HTTPError as exc:
            # Only the start of an error's text: it is read for a reason to log.
            data = _read_capped(exc, ANSWER_MAX)[:ANSWER_MAX] if exc.fp is not None else b""
            exc.close()
            return exc.code, dict(exc.headers or {}), data
        except (urllib.error.URLError, OSError) as exc:
            raise SyncError(
                f"cannot reach {self.base_url}: {exc}",
                f"không kết nối được máy chủ {self.base_url}: {exc}",
            ) from exc
        if method == "GET" and resp.status in (200, 206):
            return resp.status, dict(resp.headers), resp
        with resp:
            # Read up to a cap: over plain HTTP (allowed after enrolment) whoever sits on the
            # way answered a heartbeat with gigabytes, read whole into memory, and the kernel
            # killed the daemon — the unit went silent, where a cut link lets it play on
            # (docs/security.md 38).
            data = _read_capped(resp, ANSWER_MAX)
            if len(data) > ANSWER_MAX:
                raise SyncError(
                    f"the panel's answer to {path} is larger than {ANSWER_MAX} bytes: not read",
                    f"câu trả lời của máy chủ cho {path} lớn hơn {ANSWER_MAX} byte: không đọc",
                    code="answer_too_large",
                )
            return resp.status, dict(resp.headers), data

    def _json_call(self, path: str, payload: Any, *, signed: bool = True) -> tuple[int, Any]:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        status, _, data = self._request("POST", path, body, signed=signed)
        try:
            parsed = json.loads(data.decode("utf-8")) if data else None
        except (ValueError, UnicodeDecodeError):
            parsed = None
        if status >= 400 and status != 409:
            en, vi = _reason(data, f"HTTP {status}")
            raise SyncError(f"{path}: {en}", f"{path}: {vi}", status=status)
        return status, parsed

    # ------------------------------------------------------------------ enrol
    def enrol(self, code: str) -> dict[str, Any]:
        """Send the one-time code with this unit's public key. Never over plain ``http://``
        to another machine (``playout.transport``): whoever reads the code on the way could
        enrol their key first, and the panel would take their as-run log and heartbeats."""
        refused = cleartext_secret_refusal(self.base_url, ("the enrolment code", "mã đăng ký"))
        if refused is not None:
            raise SyncError(*refused, code="insecure_transport")
        _status, data = self._json_call(
            f"{API}/enrol",
            {
                "unit_id": self.unit_id,
                "code": code,
                "public_key": public_key_line(self.key.public_key()),
            },
            signed=False,
        )
        data = data if isinstance(data, dict) else {}
        changes: dict[str, Any] = {"enrolled_at": data.get("enrolled_at"), "server": self.base_url}
        data["asrun_local"] = self._continue_asrun(data, changes)
        self._save(**changes)
        return data

    def _continue_asrun(self, answer: dict[str, Any], changes: dict[str, Any]) -> str:
        """Where the local as-run chain goes on, from the enrol answer's ``asrun_continue``
        ({seq, prev_hash}: the panel's next seq and its last entry hash; null when the panel
        holds no entry of this unit). An empty log (a new or re-imaged SD card) starts there,
        so the chain the panel stored goes on unbroken under the new key; a log with entries
        is kept as it is. The answer names what happened:

        ``none`` (no position given: nothing stored, or an older panel), ``started`` (the
        empty log now starts at the panel's next seq), ``continues`` (the local log already
        holds the panel's last entry), ``behind`` (the local log has not reached the panel's
        last seq: its next entries are refused until it has) and ``diverged`` (the local log
        is another chain than the panel's: the panel refuses its entries, which stay here).
        """
        cont = answer.get("asrun_continue")
        if not isinstance(cont, dict):
            return "none"
        seq, prev_hash = cont.get("seq"), cont.get("prev_hash")
        if (
            type(seq) is not int
            or not isinstance(prev_hash, str)
            or not valid_start(seq - 1, prev_hash)
        ):
            log.warning("the panel's asrun_continue is malformed: %r (ignored)", cont)
            return "none"
        with AsRunLog(self.asrun_path, unit_key=self.key, unit_id=self.unit_id) as asrun:
            if asrun.start_after(seq - 1, prev_hash):
                changes["asrun_acked_seq"] = seq - 1
                return "started"
            there = asrun.entry(seq - 1)
            last = asrun.last()
        if there is not None and there.hash == prev_hash:
            return "continues"
        outcome = "behind" if there is None and last is not None and last.seq < seq - 1 else ""
        outcome = outcome or "diverged"
        log.warning(
            "nhật ký phát trên máy (đến mục %s) không nối tiếp nhật ký máy chủ đã lưu (đến mục "
            "%s): máy chủ sẽ từ chối các mục mới, chúng vẫn được giữ trên máy / the local as-run "
            "log (up to seq %s) does not continue the one the panel stored (up to seq %s): the "
            "panel will refuse its new entries, which are kept on the unit (%s)",
            last.seq if last else 0,
            seq - 1,
            last.seq if last else 0,
            seq - 1,
            outcome,
        )
        return outcome

    # ------------------------------------------------------------------ heartbeat
    def _emergency_floor(self) -> int | None:
        """The newest emergency sequence this unit accepted from its panel (any key it
        trusts): a panel restored from an older backup numbers its next emergency above it,
        or every unit would refuse the warning as a replay. None: none yet, or no store."""
        store = self.store
        keys = getattr(store, "trusted_keys", None)
        if not keys:
            return None
        try:
            return store.emergency_floor(next(iter(keys)))
        except Exception:  # a damaged state file: the heartbeat goes without it
            return None

    def heartbeat_payload(self) -> dict[str, Any]:
        hb: dict[str, Any] = {
            "software_version": self.software_version,
            "sent_at": int(time.time()),
        }
        status = _read_status(self.state_dir)
        if status:
            clock = status.get("clock") or {}
            if isinstance(clock.get("trusted"), bool):
                hb["clock_trusted"] = clock["trusted"]
            if clock.get("source"):
                hb["clock_state"] = str(clock.get("source"))
            bundle = status.get("bundle") or {}
            if isinstance(bundle.get("sequence"), int):
                hb["bundle_sequence"] = bundle["sequence"]
            if isinstance(status.get("output_alive"), bool):
                hb["sound_ok"] = status["output_alive"]
            relays = status.get("relays")
            if isinstance(relays, dict):
                hb["relays"] = {str(k): bool(v) for k, v in list(relays.items())[:32]}
                hb["relays_ok"] = True
            if status.get("last_error"):
                hb["last_error"] = str(status["last_error"])[:300]
            hb["daemon_state"] = str(status.get("state", ""))[:20]
        if "bundle_sequence" not in hb and self.store is not None:
            seq = self.state().get("bundle_sequence")
            if isinstance(seq, int):
                hb["bundle_sequence"] = seq
        emergency = self._emergency_floor()
        if emergency is not None:
            hb["emergency_sequence"] = emergency
        with contextlib.suppress(OSError):
            hb["free_disk_bytes"] = shutil.disk_usage(self.state_dir).free
        temp = _temperature_c()
        if temp is not None:
            hb["temperature_c"] = temp
        last = self._last_broadcast()
        if last:
            hb["last_broadcast"] = last
        if self.status_provider is not None:
            try:
                hb.update(self.status_provider() or {})
            except Exception as exc:  # a status hook must never stop the sync
                log.warning("status provider failed: %s", exc)
        return hb

    def heartbeat(self) -> dict[str, Any]:
        _, data = self._json_call(f"{API}/{self.unit_id}/heartbeat", self.heartbeat_payload())
        data = data or {}
        head = data.get("asrun_last_seq")
        if isinstance(head, int) and not isinstance(head, bool):
            self._save(asrun_acked_seq=self._believed_ack(head))
        return data

    def _believed_ack(self, head: int) -> int:
        """The panel's chain head as this unit can believe it: never beyond the newest entry
        the unit has written. Over plain HTTP the panel's answers are not signed, and one
        forged head of 10^9 would otherwise stop the upload for good (the entries stay here,
        never sent); a head below what was acknowledged (a panel restored from a backup)
        sends them again."""
        newest = self._newest_seq()
        if head > newest:
            log.warning(
                "the panel acknowledges as-run seq %d but the newest entry here is %d: taking %d"
                " / máy chủ báo đã nhận tới mục %d nhưng mục mới nhất ở đây là %d",
                head,
                newest,
                newest,
                head,
                newest,
            )
            return newest
        return max(head, 0)

    def _newest_seq(self) -> int:
        """The seq of the newest entry in the unit's log (or of the chain it continues)."""
        if not self.asrun_path.exists():
            return 0
        conn = sqlite3.connect(f"file:{self.asrun_path}?mode=ro", uri=True, timeout=30)
        try:
            newest = conn.execute("SELECT max(seq) FROM asrun").fetchone()[0] or 0
            with contextlib.suppress(sqlite3.OperationalError):  # a log from before re-enrolment
                base = conn.execute("SELECT seq FROM base WHERE id = 1").fetchone()
                newest = max(newest, base[0] if base else 0)
            return int(newest)
        except sqlite3.OperationalError:
            return 0
        finally:
            conn.close()

    # ------------------------------------------------------------------ as-run
    def _asrun_rows(self, after: int, limit: int) -> list[dict[str, Any]]:
        if not self.asrun_path.exists():
            return []
        conn = sqlite3.connect(f"file:{self.asrun_path}?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute(
                "SELECT seq, kind, body, prev_hash, hash, signature FROM asrun"
                " WHERE seq > ? ORDER BY seq LIMIT ?",
                (after, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        finally:
            conn.close()
        return [
            {
                "seq": r[0],
                "kind": r[1],
                "body": r[2],
                "prev_hash": r[3],
                "hash": r[4],
                "signature": r[5],
            }
            for r in rows
        ]

    def _last_broadcast(self) -> dict[str, Any] | None:
        if not self.asrun_path.exists():
            return None
        conn = sqlite3.connect(f"file:{self.asrun_path}?mode=ro", uri=True, timeout=30)
        try:
            row = conn.execute(
                "SELECT seq, kind, body FROM asrun WHERE kind IN ('finished','failed')"
                " ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        except sqlite3.OperationalError:
            return None
        finally:
            conn.close()
        if row is None:
            return None
        body = json.loads(row[2])
        return {
            "seq": row[0],
            "kind": row[1],
            "logged_us": body.get("logged_us"),
            "item": (body.get("fields") or {}).get("item"),
        }

    def push_asrun(self) -> tuple[int, int]:
        """Upload entries after the acknowledged seq, batch by batch; (accepted, duplicates)."""
        accepted = duplicates = 0
        acked = int(self.state().get("asrun_acked_seq") or 0)
        while True:
            rows = self._asrun_rows(acked, self.batch)
            if not rows:
                return accepted, duplicates
            status, data = self._json_call(f"{API}/{self.unit_id}/asrun", {"entries": rows})
            data = data or {}
            accepted += int(data.get("accepted") or 0)
            duplicates += int(data.get("duplicates") or 0)
            if status == 409:
                raise SyncError(
                    f"as-run upload refused at seq {data.get('bad_seq')}: {data.get('reason')}",
                    f"máy chủ từ chối nhật ký ở mục {data.get('bad_seq')}: {data.get('reason_vi')}",
                    status=409,
                )
            last = data.get("last_seq")
            if not isinstance(last, int) or last <= acked:
                raise SyncError("as-run upload made no progress", "Tải nhật ký không tiến triển.")
            acked = min(last, rows[-1]["seq"])  # the server's head, as far as this batch went
            self._save(asrun_acked_seq=acked)

    # ------------------------------------------------------------------ bundle
    def pull_bundle(self) -> tuple[str, int | None]:
        st = self.state()
        part = self.sync_dir / PART_FILE
        headers: dict[str, str] = {}
        if st.get("bundle_etag"):
            headers["If-None-Match"] = st["bundle_etag"]
        offset = part.stat().st_size if part.exists() and st.get("part_etag") else 0
        if offset > self.max_bundle_bytes:  # a part left by an older, uncapped download
            part.unlink(missing_ok=True)
            offset = 0
        if offset:
            headers["Range"] = f"bytes={offset}-"
            headers["If-Range"] = st["part_etag"]
        path = f"{API}/{self.unit_id}/bundle"
        status, rh, resp = self._request("GET", path, headers=headers)
        rh = {k.lower(): v for k, v in rh.items()}
        if status == 304:
            return "unchanged", st.get("bundle_sequence")
        if status == 204:
            return "none", None
        if status == 416:  # our part is longer than the file: start again
            part.unlink(missing_ok=True)
            self._save(part_etag=None)
            return self.pull_bundle()
        if status not in (200, 206):
            en, vi = _reason(resp if isinstance(resp, bytes) else b"", f"HTTP {status}")
            raise SyncError(f"bundle: {en}", f"gói phát: {vi}", status=status)
        etag = rh.get("etag", "")
        seq_header = rh.get("x-loa-bundle-sequence", "")
        seq = int(seq_header) if seq_header.isdigit() else None
        mode = "ab" if status == 206 else "wb"
        start = offset if status == 206 else 0
        declared = rh.get("content-length", "")
        if declared.isdigit() and start + int(declared) > self.max_bundle_bytes:
            with resp:
                pass  # hang up without reading the body
            self._too_large(part, start + int(declared))
        self._save(part_etag=etag)
        limit = self.max_bundle_bytes - start
        written = 0
        try:
            with resp, open(part, mode) as fh:
                while block := resp.read(min(CHUNK, limit + 1 - written)):
                    written += len(block)
                    if written > limit:
                        break
                    fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:  # the link dropped: the .part file is kept for the next poll
            raise SyncError(
                f"bundle download interrupted: {exc}", f"tải gói phát bị ngắt: {exc}"
            ) from exc
        if written > limit:
            self._too_large(part, start + written)
        digest = _sha256_file(part)
        if etag.strip('"') != digest:
            part.unlink(missing_ok=True)
            self._save(part_etag=None)
            raise SyncError(
                "the downloaded bundle does not match its ETag",
                "Gói phát tải về không khớp mã băm; sẽ tải lại.",
            )
        final = self.sync_dir / f"{digest}.loa"
        os.replace(part, final)
        self._save(part_etag=None)
        outcome = "downloaded"
        if self.store is not None:
            try:
                result = self.store.import_bundle(final)
                outcome, seq = "imported", getattr(result, "sequence", seq)
            except Exception as exc:  # ImportRejected: keep the ETag so we do not loop
                log.warning(
                    "gói phát bị từ chối / bundle refused: %s", getattr(exc, "reason_vi", exc)
                )
                outcome = "rejected"
                if getattr(exc, "code", "") in _TRANSIENT_REFUSALS:
                    # Not yet valid by a clock a moment behind the panel's, or unreadable
                    # for now: fetched and judged again at the next poll, not given up on.
                    final.unlink(missing_ok=True)
                    return outcome, st.get("bundle_sequence")
            final.unlink(missing_ok=True)
        self._save(bundle_etag=etag, bundle_sequence=seq)
        return outcome, seq

    def _too_large(self, part: Path, size: int) -> None:
        part.unlink(missing_ok=True)
        self._save(part_etag=None)
        raise SyncError(
            f"the server sent a bundle larger than {self.max_bundle_bytes} bytes "
            f"({size} or more): download cut off",
            f"máy chủ gửi gói phát lớn hơn {self.max_bundle_bytes} byte ({size} trở lên): "
            "đã ngừng tải",
            code="bundle_too_large",
        )

    # ------------------------------------------------------------------ loop
    def poll_once(self) -> PollReport:
        rep = PollReport()
        for step in ("emergencies", "confirm", "heartbeat", "asrun", "bundle"):
            try:
                if step == "emergencies":
                    rep.emergencies = self.pull_emergencies()
                elif step == "confirm":
                    rep.confirmed = self.send_confirmations()
                elif step == "heartbeat":
                    self.heartbeat()
                    rep.heartbeat = True
                elif step == "asrun":
                    rep.pushed, rep.duplicates = self.push_asrun()
                else:
                    rep.bundle, rep.bundle_sequence = self.pull_bundle()
            except SyncError as exc:
                rep.errors.append(f"{step}: {exc.reason_vi}")
                if exc.status in (0, 401):  # offline or not enrolled: the rest would fail too
                    break
        self.last_report = rep
        self.last_error = rep.errors[-1] if rep.errors else None
        return rep

    def wake(self, reason: str = "") -> None:
        """Poll now (a push channel calls this when the server says something changed).
        Thread-safe; the poll in progress, if any, is followed by another at once."""
        self.wake_reason = reason or "wake"
        self._wake.set()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self._wake.clear()  # before the poll: a wake during it polls again at once
            try:
                rep = self.poll_once()
                for err in rep.errors:
                    log.warning("sync: %s", err)
            except Exception:  # never let the loop die
                log.exception("sync poll failed")
            self._wait(stop)  # stop() sets both events, so stopping never waits a full poll

    def _wait(self, stop: threading.Event) -> None:
        """Until the next poll (``poll_s``, read again each slice: the push client changes
        it) or a wake; meanwhile a new confirmation in the queue is sent at once."""
        started = time.monotonic()
        while not stop.is_set():
            left = self.poll_s - (time.monotonic() - started)
            if left <= 0 or self._wake.wait(min(left, CONFIRM_CHECK_S)):
                return
            if self._outbox_changed():
                try:
                    self.send_confirmations()
                except SyncError as exc:
                    log.warning("sync: confirmations: %s", exc.reason_vi)
                except Exception:
                    log.exception("sending confirmations failed")

    # ------------------------------------------------------------------ emergencies
    def _outbox_changed(self) -> bool:
        marker_of = getattr(self.store, "outbox_marker", None)
        if marker_of is None:
            return False
        marker = marker_of()
        if marker == self._outbox_marker:
            return False
        self._outbox_marker = marker
        return marker is not None

    def pull_emergencies(self) -> int:
        """Fetch and import the emergency bundles the panel lists that the store does not
        hold yet; the number imported. A network error stops the pass (the rest come next
        time, still in sequence order); a refused bundle is not fetched again."""
        if self.store is None or not hasattr(self.store, "known_emergency_bundles"):
            return 0
        status, _, data = self._request("GET", f"{API}/{self.unit_id}/emergencies")
        if status == 404:  # a panel without emergencies
            return 0
        if status != 200:
            en, vi = _reason(data if isinstance(data, bytes) else b"", f"HTTP {status}")
            raise SyncError(f"emergencies: {en}", f"tin khẩn cấp: {vi}", status=status)
        with data:
            raw = _read_capped(data, EMERGENCY_LIST_MAX)
        if len(raw) > EMERGENCY_LIST_MAX:
            raise SyncError(
                "the panel's emergency list is larger than a list can be",
                "danh sách khẩn cấp của máy chủ quá lớn",
            )
        listed = _emergency_list(raw)
        known = self.store.known_emergency_bundles()
        imported = 0
        for entry in sorted(listed, key=lambda e: (e["sequence"], e["bundle_id"])):
            bid = entry["bundle_id"]
            if bid in known or bid in self._em_refused:
                continue
            if entry["size"] > self.max_bundle_bytes:
                self._em_refused.add(bid)
                log.warning("emergency bundle %s is larger than a bundle can be: skipped", bid)
                continue
            path = self._fetch_emergency(bid, entry["sha256"])
            try:
                result = self.store.import_bundle(path)
            except Exception as exc:  # ImportRejected: remembered, never fetched again
                if getattr(exc, "code", "") not in _TRANSIENT_REFUSALS:
                    self._em_refused.add(bid)
                log.warning(
                    "gói khẩn cấp %s bị từ chối / emergency bundle refused: %s",
                    bid,
                    getattr(exc, "reason_vi", exc),
                )
                continue
            finally:
                path.unlink(missing_ok=True)
            if getattr(result, "status", "") != "unchanged":
                imported += 1
        return imported

    def _fetch_emergency(self, bundle_id: str, sha256: str) -> Path:
        path = f"{API}/{self.unit_id}/emergencies/{bundle_id}"
        status, _, resp = self._request("GET", path)
        if status != 200:
            body = resp if isinstance(resp, bytes) else b""
            if not isinstance(resp, bytes):
                resp.close()
            en, vi = _reason(body, f"HTTP {status}")
            raise SyncError(f"emergency bundle: {en}", f"gói khẩn cấp: {vi}", status=status)
        part = self.sync_dir / EMERGENCY_PART
        limit = self.max_bundle_bytes
        written = 0
        try:
            with resp, open(part, "wb") as fh:
                while block := resp.read(min(CHUNK, limit + 1 - written)):
                    written += len(block)
                    if written > limit:
                        break
                    fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"emergency download interrupted: {exc}", f"tải gói khẩn cấp bị ngắt: {exc}"
            ) from exc
        if written > limit:
            self._too_large(part, written)
        if _sha256_file(part) != sha256:
            part.unlink(missing_ok=True)
            raise SyncError(
                "the emergency bundle does not match the listed sha256",
                "gói khẩn cấp tải về không khớp mã băm; sẽ tải lại",
            )
        final = self.sync_dir / f"emergency-{sha256}.loa"
        os.replace(part, final)
        return final

    def send_confirmations(self) -> int:
        """POST each queued "played" confirmation; the number the panel took. Kept queued
        while the panel cannot be reached; one the panel refuses as invalid (4xx but 401,
        408, 429) is dropped with a warning so it cannot block the queue."""
        if self.store is None or not hasattr(self.store, "pending_confirmations"):
            return 0
        pending = self.store.pending_confirmations()
        done: list[dict[str, Any]] = []
        taken = 0
        try:
            for note in pending:
                eid = str(note.get("emergency_id", ""))
                payload = {k: note[k] for k in ("state", "repeat", "at", "reason") if k in note}
                body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
                if not _BUNDLE_ID_RE.fullmatch(eid):
                    done.append(note)
                    continue
                status, _, data = self._request(
                    "POST", f"{API}/{self.unit_id}/emergencies/{eid}/played", body
                )
                if status in (200, 201, 204):
                    done.append(note)
                    taken += 1
                elif 400 <= status < 500 and status not in (401, 408, 429):
                    en, _vi = _reason(data if isinstance(data, bytes) else b"", f"HTTP {status}")
                    log.warning("confirmation %s refused by the panel: %s", payload, en)
                    done.append(note)
                else:
                    en, vi = _reason(data if isinstance(data, bytes) else b"", f"HTTP {status}")
                    raise SyncError(
                        f"confirmation: {en}", f"xác nhận khẩn cấp: {vi}", status=status
                    )
        finally:
            if done:
                self.store.confirmations_sent(done)
        return taken

    def stop(self, stop: threading.Event) -> None:
        stop.set()
        self._wake.set()


def _read_capped(resp: Any, cap: int) -> bytes:
    """The body, up to `cap` + 1 bytes (one past the cap: the caller refuses it), asked for by
    the length the response declares when it declares one — not a buffer of the cap on every
    poll (HTTPResponse.read(n) allocates n bytes before it reads)."""
    length = getattr(resp, "length", None)
    want = cap + 1 if length is None else min(int(length), cap) + 1
    return bytes(resp.read(want))


def _emergency_list(raw: bytes) -> list[dict[str, Any]]:
    """The panel's list, each entry checked (it only says what to fetch: the bundle's
    signature decides what plays)."""
    try:
        data = json.loads(raw.decode("utf-8"))
        items = data["emergencies"]
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        raise SyncError(
            "the panel's emergency list is malformed", "danh sách khẩn cấp của máy chủ bị lỗi"
        ) from None
    out = []
    for e in items if isinstance(items, list) else []:
        ok = (
            isinstance(e, dict)
            and isinstance(e.get("bundle_id"), str)
            and _BUNDLE_ID_RE.fullmatch(e["bundle_id"]) is not None
            and isinstance(e.get("sha256"), str)
            and _SHA256_RE.fullmatch(e["sha256"]) is not None
            and isinstance(e.get("sequence"), int)
            and isinstance(e.get("size"), int)
            and not isinstance(e.get("size"), bool)
        )
        if ok:
            out.append(e)
        else:
            log.warning("malformed entry in the panel's emergency list: skipped")
    return out


def _read_status(state_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((state_dir / "status.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _temperature_c() -> float | None:
    try:
        raw = Path("/sys/class/thermal/thermal_zone0/temp").read_text().strip()
        return round(int(raw) / 1000, 1)
    except (OSError, ValueError):
        return None


def _software_version() -> str:
    try:
        from importlib.metadata import version

        return version("loa-thanh-nien")
    except Exception:
        return "0"

"""The unit's bundle store: import (verify → copy → extract → activate atomically), load the
active bundle (verified again), and the watched inbox folders for USB sticks.

API::

    store = BundleStore(state_dir, trusted_keys=..., unit_id=..., unit_areas=(...), clock=clock)
    store.import_bundle(path) -> ImportResult      # raises ImportRejected(reason, reason_vi, code)
    store.load_active() -> ActiveBundle            # raises NoActiveBundle
    store.active_marker() -> tuple | None          # cheap: changes when another bundle is activated
    store.recent_imports() -> list[dict]           # last results, for `loa unit status` / doctor
    inbox = Inbox(store, [folder, ...]); inbox.poll() -> list[ImportResult | ImportRejected]

Layout under state_dir::

    bundle-state.json            newest accepted sequence per target (protocol.sequence)
    active.json                  {"v": 1, "dir": ..., "bundle_id": ..., "sequence": ...}
    bundles/<seq>-<id>-<rand>/   bundle.loa (the exact verified file) + audio/<sha256>.wav
    imports.json                 the last import results (shown by status and doctor)

Activation order makes a power cut at any point safe: the new folder is complete and
fsynced before `active.json` is replaced (temp file, fsync, rename, fsync dir), and the
accepted sequence is recorded only after that. An invalid bundle never gets past the copy
in a staging folder, so the active bundle stays as it was. Two processes (the daemon's inbox
and `loa unit import`) serialise on an flock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hardware.ports import Clock
from playout.errors import ImportRejected, NoActiveBundle
from protocol.bundle import extract_bundle, read_manifest_unverified, verify_bundle
from protocol.errors import BundleRejected
from protocol.files import atomic_write, fsync_dir
from protocol.manifest import Manifest
from protocol.sequence import STATE_FILE_NAME, record_accepted, target_key

log = logging.getLogger(__name__)

ACTIVE_FILE = "active.json"
BUNDLES_DIR = "bundles"
BUNDLE_FILE = "bundle.loa"
IMPORTS_FILE = "imports.json"
LOCK_FILE = ".import.lock"
POINTER_VERSION = 1
KEEP_RECENT_IMPORTS = 20
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ActiveBundle:
    """The bundle the unit plays from: its manifest and where its audio lies."""

    manifest: Manifest
    dir: Path

    @property
    def bundle_id(self) -> str:
        return self.manifest.bundle_id

    @property
    def sequence(self) -> int:
        return self.manifest.sequence

    def audio_path(self, sha256: str) -> Path:
        return self.dir / "audio" / f"{sha256}.wav"


@dataclass(frozen=True)
class ImportResult:
    status: str  # "activated" | "unchanged" (this very bundle is already active)
    bundle_id: str
    sequence: int
    items: int
    source: str
    expires_at: datetime

    @property
    def message(self) -> str:
        if self.status == "unchanged":
            return f"bundle {self.sequence} is already active"
        return f"bundle {self.sequence} activated ({self.items} items, expires {self.expires_at.isoformat()})"

    @property
    def message_vi(self) -> str:
        if self.status == "unchanged":
            return f"gói số {self.sequence} đang được dùng rồi"
        return (f"đã kích hoạt gói số {self.sequence} ({self.items} bản tin, "
                f"hết hạn {self.expires_at.isoformat()})")


# --------------------------------------------------------------------------- small file helpers


def _copy_fsync(src: Path, dst: Path) -> None:
    with open(src, "rb") as fin, open(dst, "xb") as fout:
        while chunk := fin.read(_CHUNK):
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _rejected(exc: BundleRejected) -> ImportRejected:
    return ImportRejected(exc.reason, exc.reason_vi, code=exc.code)


# --------------------------------------------------------------------------- the store


class BundleStore:
    def __init__(
        self,
        state_dir: str | os.PathLike[str],
        *,
        trusted_keys: Mapping[str, Any],
        unit_id: str | None,
        unit_areas: Collection[str] = (),
        clock: Clock | None = None,
    ) -> None:
        """`clock` (wall + is_trusted) decides whether the validity window is checked on
        import; without one the system clock is used and trusted."""
        self.state_dir = Path(state_dir)
        self.trusted_keys = dict(trusted_keys)
        self.unit_id = unit_id
        self.unit_areas = tuple(unit_areas)
        self.clock = clock

    # ------------------------------------------------------------------ paths
    @property
    def bundles_dir(self) -> Path:
        return self.state_dir / BUNDLES_DIR

    @property
    def active_file(self) -> Path:
        return self.state_dir / ACTIVE_FILE

    def _now(self) -> tuple[datetime | None, bool]:
        if self.clock is None:
            return None, True
        return self.clock.wall(), self.clock.is_trusted()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.state_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    # ------------------------------------------------------------------ import
    def import_bundle(self, path: str | os.PathLike[str]) -> ImportResult:
        """Verify `path` fully (signature, hashes, target, validity window when the clock is
        trusted, sequence newer than the last accepted) and make it the active bundle.

        Raises ImportRejected; the active bundle is then untouched. Importing the bundle that
        is already active returns status "unchanged" instead of a sequence error.
        """
        src = Path(path)
        with self._locked():
            try:
                result = self._import_locked(src)
            except ImportRejected as exc:
                self._remember(src, ok=False, code=exc.code, reason=exc.reason,
                               reason_vi=exc.reason_vi)
                raise
            self._remember(src, ok=True, code=result.status, reason=result.message,
                           reason_vi=result.message_vi, sequence=result.sequence,
                           bundle_id=result.bundle_id)
            return result

    def _import_locked(self, src: Path) -> ImportResult:
        now, trusted = self._now()
        self.bundles_dir.mkdir(parents=True, exist_ok=True)
        staging = self.bundles_dir / f".incoming-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            copy = staging / BUNDLE_FILE
            try:
                _copy_fsync(src, copy)
            except OSError as exc:
                raise ImportRejected(f"cannot read bundle {src}: {exc.strerror or exc}",
                                     f"không đọc được gói {src}: {exc.strerror or exc}",
                                     code="unreadable") from exc
            # Verify the copy, not the stick: what is checked is what will be played.
            try:
                verified = extract_bundle(
                    copy, staging, trusted_keys=self.trusted_keys, now=now, clock_trusted=trusted,
                    state_dir=self.state_dir, unit_id=self.unit_id, unit_areas=self.unit_areas)
            except BundleRejected as exc:
                if exc.code == "stale_sequence" and self._is_active(copy):
                    m = read_manifest_unverified(copy)
                    return ImportResult("unchanged", m.bundle_id, m.sequence, len(m.items),
                                        str(src), m.expires_at)
                raise _rejected(exc) from exc
            manifest = verified.manifest
            fsync_dir(staging)
            final = self.bundles_dir / (
                f"{manifest.sequence:010d}-{manifest.bundle_id}-{uuid.uuid4().hex[:8]}")
            os.rename(staging, final)
            fsync_dir(self.bundles_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        pointer = {"v": POINTER_VERSION, "dir": final.name, "bundle_id": manifest.bundle_id,
                   "sequence": manifest.sequence}
        atomic_write(self.active_file, json.dumps(pointer, sort_keys=True).encode() + b"\n")
        # Only now: a power cut before this line leaves the new bundle active and the old
        # sequence recorded, which load_active accepts (active >= recorded).
        record_accepted(self.state_dir, manifest)
        self._prune(keep={final.name})
        log.info("bundle %s (sequence %d) activated from %s", manifest.bundle_id,
                 manifest.sequence, src)
        return ImportResult("activated", manifest.bundle_id, manifest.sequence,
                            len(manifest.items), str(src), manifest.expires_at)

    def _is_active(self, candidate: Path) -> bool:
        pointer = self._pointer()
        if pointer is None:
            return False
        try:
            active = self.bundles_dir / pointer["dir"] / BUNDLE_FILE
            return _sha256_file(active) == _sha256_file(candidate)
        except OSError:
            return False

    def _prune(self, *, keep: set[str]) -> None:
        """Keep the active bundle and the one before it; drop older folders and stale staging."""
        try:
            names = sorted(p.name for p in self.bundles_dir.iterdir() if p.is_dir())
        except OSError:
            return
        finished = [n for n in names if not n.startswith(".")]
        keep = set(keep) | set(finished[-2:])
        for name in names:
            if name in keep or name.startswith(".incoming-"):
                continue
            shutil.rmtree(self.bundles_dir / name, ignore_errors=True)

    # ------------------------------------------------------------------ load
    def _pointer(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.active_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise NoActiveBundle(f"{self.active_file} is unreadable ({exc})",
                                 f"không đọc được {self.active_file} ({exc})") from exc
        if (not isinstance(data, dict) or data.get("v") != POINTER_VERSION
                or not isinstance(data.get("dir"), str) or "/" in data["dir"]
                or data["dir"].startswith(".")):
            raise NoActiveBundle(f"{self.active_file} is damaged", f"{self.active_file} bị hỏng")
        return data

    def active_marker(self) -> tuple[int, int, int] | None:
        """(inode, size, mtime_ns) of active.json: changes whenever a bundle is activated."""
        try:
            st = os.stat(self.active_file)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def load_active(self) -> ActiveBundle:
        """The active bundle, verified again: signature, every hash inside the stored file,
        the target, that its sequence is not older than the newest accepted, and the sha256 of
        every extracted audio file. Validity times are not checked here — the playout core
        checks the bundle's expiry and each approval window against the trusted clock."""
        pointer = self._pointer()
        if pointer is None:
            raise NoActiveBundle("no bundle has been imported yet",
                                 "chưa nạp gói nội dung nào", code="no_bundle")
        folder = self.bundles_dir / pointer["dir"]
        try:
            verified = verify_bundle(folder / BUNDLE_FILE, trusted_keys=self.trusted_keys,
                                     clock_trusted=False, unit_id=self.unit_id,
                                     unit_areas=self.unit_areas)
        except BundleRejected as exc:
            raise NoActiveBundle(f"the active bundle no longer verifies: {exc.reason}",
                                 f"gói đang dùng không còn hợp lệ: {exc.reason_vi}",
                                 code=exc.code) from exc
        manifest = verified.manifest
        held = self.accepted_sequence(manifest)
        if held is not None and manifest.sequence < held:
            raise NoActiveBundle(
                f"the active bundle (sequence {manifest.sequence}) is older than the newest "
                f"accepted ({held})",
                f"gói đang dùng (số {manifest.sequence}) cũ hơn gói mới nhất đã nhận ({held})",
                code="stale_sequence")
        active = ActiveBundle(manifest, folder)
        for sha in sorted(manifest.audio_sizes):
            path = active.audio_path(sha)
            try:
                ok = _sha256_file(path) == sha
            except OSError:
                ok = False
            if not ok:
                raise NoActiveBundle(f"audio {sha[:12]}… of the active bundle is missing or changed",
                                     f"âm thanh {sha[:12]}… của gói đang dùng bị thiếu hoặc bị sửa",
                                     code="audio_hash_mismatch")
        return active

    def accepted_sequence(self, manifest: Manifest) -> int | None:
        try:
            state = json.loads((self.state_dir / STATE_FILE_NAME).read_text(encoding="utf-8"))
            held = state["targets"].get(target_key(manifest.target))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise NoActiveBundle(f"{STATE_FILE_NAME} is damaged ({exc})",
                                 f"{STATE_FILE_NAME} bị hỏng ({exc})", code="state_unreadable") from exc
        return None if held is None else int(held["sequence"])

    # ------------------------------------------------------------------ import history
    def _remember(self, src: Path, **fields: Any) -> None:
        now, _ = self._now()
        entry = {"source": str(src), "at": (now or datetime.now().astimezone()).isoformat(), **fields}
        items = self.recent_imports()
        items.append(entry)
        try:
            atomic_write(self.state_dir / IMPORTS_FILE,
                         json.dumps({"v": 1, "imports": items[-KEEP_RECENT_IMPORTS:]},
                                    ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as exc:  # the history is a convenience: never fail an import over it
            log.warning("cannot write %s: %s", IMPORTS_FILE, exc)

    def recent_imports(self) -> list[dict[str, Any]]:
        try:
            data = json.loads((self.state_dir / IMPORTS_FILE).read_text(encoding="utf-8"))
            items = data.get("imports", [])
            return [i for i in items if isinstance(i, dict)]
        except (OSError, ValueError, AttributeError):
            return []


# --------------------------------------------------------------------------- inbox


class Inbox:
    """Polls folders (a USB stick's mount point, the demo panel's publish folder) for `*.loa`.

    A file is imported once it has kept the same size and mtime over two polls (still being
    copied otherwise), and each (path, size, mtime) is tried once: a rejected file is not
    retried until it changes. Folders that do not exist (no stick) are skipped quietly.
    """

    def __init__(self, store: BundleStore, folders: Sequence[str | os.PathLike[str]], *,
                 max_depth: int = 2) -> None:
        self.store = store
        self.folders = [Path(f) for f in folders]
        self.max_depth = max_depth
        self._pending: dict[Path, tuple[int, int]] = {}
        self._done: dict[Path, tuple[int, int]] = {}

    def _files(self) -> list[Path]:
        found: list[Path] = []
        for folder in self.folders:
            base_depth = len(folder.parts)
            for root, dirs, files in os.walk(folder, followlinks=False):
                depth = len(Path(root).parts) - base_depth
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if depth < self.max_depth else []
                found.extend(Path(root) / f for f in sorted(files)
                             if f.endswith(".loa") and not f.startswith("."))
        return found

    def poll(self) -> list[ImportResult | ImportRejected]:
        """One pass; returns what happened to each file tried (oldest first by sequence)."""
        outcomes: list[ImportResult | ImportRejected] = []
        ready: list[Path] = []
        seen: set[Path] = set()
        for path in self._files():
            try:
                st = path.stat()
            except OSError:
                continue
            seen.add(path)
            fp = (st.st_size, st.st_mtime_ns)
            if self._done.get(path) == fp:
                continue
            if self._pending.get(path) == fp:
                ready.append(path)
            else:
                self._pending[path] = fp
        for gone in set(self._pending) - seen:
            self._pending.pop(gone, None)
        for gone in set(self._done) - seen:
            self._done.pop(gone, None)
        # Several bundles on one stick: lowest sequence first, so each can be accepted in turn.
        def order(p: Path) -> tuple[int, str]:
            try:
                return (read_manifest_unverified(p).sequence, str(p))
            except (BundleRejected, OSError):
                return (-1, str(p))

        for path in sorted(ready, key=order):
            fp = self._pending.pop(path)
            self._done[path] = fp
            try:
                outcomes.append(self.store.import_bundle(path))
            except ImportRejected as exc:
                log.warning("bundle %s rejected / gói bị từ chối: %s / %s", path, exc.reason_vi,
                            exc.reason)
                outcomes.append(exc)
        return outcomes

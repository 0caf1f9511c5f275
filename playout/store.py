"""The unit's bundle store: import (copy → verify → extract → activate atomically), load the
active bundle (verified again), hold a bundle while the clock cannot be trusted, and the
watched inbox folders for USB sticks.

API::

    store = BundleStore(state_dir, trusted_keys=..., unit_id=..., unit_areas=(...), clock=clock)
    store.import_bundle(path) -> ImportResult      # raises ImportRejected(reason, reason_vi, code)
    store.activate_held(now=..., clock_trusted=...) -> ImportResult | ImportRejected | None
    store.held() -> dict | None                    # the bundle waiting for a trusted clock
    store.load_active() -> ActiveBundle            # raises NoActiveBundle
    store.active_marker() -> tuple | None          # cheap: changes when another bundle is activated
    store.recent_imports() -> list[dict]           # last results, for `loa unit status` / doctor
    inbox = Inbox(store, [folder, ...]); inbox.poll() -> list[ImportResult | ImportRejected]
    check_schedule(manifest)                       # raises BundleRejected("schedule_invalid")
    # emergency bundles (an ``emergency`` field): an overlay beside the active bundle
    store.emergencies() -> list[dict]              # the overlay's entries (active, stopped, finished)
    store.load_emergency(entry) -> ActiveBundle    # its bundle, verified again
    store.emergency_marker() / emergency_played(id, state=..., repeat=..., at=...)
    store.expire_emergencies(now) ; store.pending_confirmations() / confirmations_sent(n)

What is refused (ImportRejected, the active bundle untouched): anything `protocol.bundle`
refuses (signature, hashes, target, window, a sequence not newer than the newest accepted
from any key the unit trusts — its panel's keys share one floor across a key rotation —,
whatever target either bundle was addressed to); a schedule this unit's scheduler cannot
use; a path that is not a regular file or is larger than a bundle can be. A bundle that
passes everything while the clock is not trusted is **held**, not played: its validity
window cannot be judged, so it is activated only once the clock is trusted and the bundle
is still valid then (`activate_held`, which the daemon calls).

Layout under state_dir::

    bundle-state.json            newest accepted sequence per key, one floor for the trusted keys
    active.json                  {"v": 1, "dir": ..., "bundle_id": ..., "sequence": ...}
    bundles/<seq>-<id>-<rand>/   bundle.loa (the exact verified file) + audio/<sha256>.wav
    held.json, held/<file>.loa   the one bundle waiting for a trusted clock (verified copy)
    imports.json                 the last import results (shown by status and doctor)
    emergencies.json             the emergency overlay: each issued emergency's state/progress
    emergency/<seq>-<id>/        an emergency bundle.loa + audio/<sha256>.flac|.wav (until it ends)
    emergency-outbox.json        "played" confirmations waiting for the sync client

Emergency bundles never replace the active bundle: they are verified with every check
(signature, target with area ancestors, limits, expiry, the emergency sequence floor) and
kept beside it until they expire or are stopped. A stop bundle marks its emergency stopped
(also one not seen yet). The overlay records each repeat as it starts, so a power cut never
makes the unit play a finished emergency again; it resumes the remaining repeats.

Activation order makes a power cut at any point safe: the new folder is complete and
fsynced before `active.json` is replaced (temp file, fsync, rename, fsync dir), and the
accepted sequence is recorded only after that. An invalid bundle never gets past the copy
in a staging folder, so the active bundle stays as it was. Two processes (the daemon's inbox
and `loa unit import`) serialise on an flock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import hashlib
import json
import logging
import os
import shutil
import stat
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from hardware.ports import Clock
from playout.doorbell import ring
from playout.errors import ImportRejected, NoActiveBundle
from protocol.bundle import (
    Limits,
    VerifiedBundle,
    describe_file_type,
    extract_bundle,
    read_manifest_unverified,
    signed_head,
    verify_bundle,
)
from protocol.errors import BundleRejected
from protocol.files import atomic_write, fsync_dir
from protocol.manifest import Manifest
from protocol.sequence import newest_accepted, newest_emergency, record_accepted
from scheduler.errors import ScheduleError
from scheduler.plan import expand, items_from_manifest, schedule_from_manifest

log = logging.getLogger(__name__)

ACTIVE_FILE = "active.json"
BUNDLES_DIR = "bundles"
BUNDLE_FILE = "bundle.loa"
IMPORTS_FILE = "imports.json"
HELD_FILE = "held.json"
HELD_DIR = "held"
LOCK_FILE = ".import.lock"
EMERGENCY_FILE = "emergencies.json"
EMERGENCY_DIR = "emergency"
OUTBOX_FILE = "emergency-outbox.json"
EMERGENCY_LOCK_FILE = ".emergency.lock"
MAX_OUTBOX = 2000
# A bundle is pulled within a second of its issue (an emergency over MQTT, an ordinary one at
# the next poll): a unit clock that is a little behind the panel's must not refuse it as "not
# yet valid". Such a bundle is judged again this much later (stricter on the expiry and
# approval ends, looser only on issued_at).
CLOCK_SKEW_S = 120.0
POINTER_VERSION = 1
KEEP_RECENT_IMPORTS = 20
_CHUNK = 1 << 20
# Refusals that say nothing about the bundle: the unit could not write it (a full SD card).
# The inbox, the held bundle and the sync client try such a bundle again later.
STORAGE_CODES = frozenset({"no_space", "storage_error"})
# a read of the stick that failed (EIO: its contacts lost mid-copy): the file may be fine
INBOX_READ_RETRIES = 3


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
        """The extracted audio: ``<sha256>.wav``, or ``.flac`` (the panel sends emergency
        audio as lossless FLAC; soundfile plays both)."""
        flac = self.dir / "audio" / f"{sha256}.flac"
        return flac if flac.is_file() else self.dir / "audio" / f"{sha256}.wav"


@dataclass(frozen=True)
class ImportResult:
    # "activated" | "unchanged" (this very bundle is already active) | "held" (verified, but
    # the clock is not trusted: kept, not played, until the clock is trusted and it is valid)
    status: str
    bundle_id: str
    sequence: int
    items: int
    source: str
    expires_at: datetime
    emergency_id: str | None = None  # an emergency bundle's issued emergency
    action: str | None = None  # its action: play | stop

    @property
    def message(self) -> str:
        if self.status == "emergency":
            return f"emergency bundle {self.sequence} accepted: it plays now"
        if self.status == "emergency_stopped":
            return f"emergency stop {self.sequence} accepted: emergency {self.emergency_id} stopped"
        if self.status == "unchanged":
            return f"bundle {self.sequence} is already active"
        if self.status == "held":
            return (
                f"bundle {self.sequence} is held, not played, until the clock is trusted "
                f"(NTP or GPS) and it is still valid (expires {self.expires_at.isoformat()})"
            )
        return f"bundle {self.sequence} activated ({self.items} items, expires {self.expires_at.isoformat()})"

    @property
    def message_vi(self) -> str:
        if self.status == "emergency":
            return f"đã nhận gói khẩn cấp số {self.sequence}: phát ngay"
        if self.status == "emergency_stopped":
            return f"đã nhận lệnh dừng khẩn cấp số {self.sequence}: đã dừng {self.emergency_id}"
        if self.status == "unchanged":
            return f"gói số {self.sequence} đang được dùng rồi"
        if self.status == "held":
            return (
                f"gói số {self.sequence} được giữ lại, chưa phát: chờ đồng hồ tin cậy "
                f"(NTP hoặc GPS) và gói còn hạn (hết hạn {self.expires_at.isoformat()})"
            )
        return (
            f"đã kích hoạt gói số {self.sequence} ({self.items} bản tin, "
            f"hết hạn {self.expires_at.isoformat()})"
        )


class InboxSkipped(ImportRejected):
    """A `*.loa` name in a watched folder that is not a bundle file the inbox may open."""

    def __init__(self, reason: str, reason_vi: str, *, code: str, source: str) -> None:
        super().__init__(reason, reason_vi, code=code)
        self.source = source


# --------------------------------------------------------------------------- the schedule


def check_schedule(manifest: Manifest) -> None:
    """Refuse a signed manifest whose schedule this unit's scheduler cannot use.

    The same calls the playout core makes (items, schedule, then one day of expansion from
    the bundle's issue time), so a bundle the unit accepts is one it can plan: otherwise it
    would replace a working bundle and then play nothing. Passed to `protocol.bundle` as its
    manifest check (protocol cannot import the scheduler). Raises BundleRejected.
    """
    try:
        items = items_from_manifest(manifest)
        schedule = schedule_from_manifest(manifest, items)
        start = manifest.issued_at
        expand(
            schedule, items, start=start, end=min(manifest.expires_at, start + timedelta(days=1))
        )
    except ScheduleError as exc:
        raise BundleRejected(
            f"the bundle's schedule cannot be used: {exc.reason}",
            f"không dùng được lịch phát của gói: {exc.reason_vi}",
            code="schedule_invalid",
        ) from exc


# --------------------------------------------------------------------------- small file helpers


def shown(path: str | os.PathLike[str]) -> str:
    """A path as the unit shows it (a refusal, the import history, `loa unit status`, the
    log): a file name comes from whoever wrote the USB stick, and a control character in it
    (an escape sequence, a carriage return, a line break, a bidi override) would rewrite the
    technician's terminal — a refused bundle's line made to read "OK". Each character that
    is not printable is written as its escape (``\\x1b``, ``\\n``, ``\\u202e``); nothing
    else changes."""
    text = os.fsdecode(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _not_a_file(src: Path, mode: int) -> ImportRejected:
    if stat.S_ISLNK(mode):
        return ImportRejected(
            f"{shown(src)} is a symbolic link; copy the bundle file itself",
            f"{shown(src)} là liên kết tượng trưng; hãy chép chính tệp gói",
            code="not_a_file",
        )
    return ImportRejected(
        f"{shown(src)} is {describe_file_type(mode)}, not a bundle file",
        f"{shown(src)} là {describe_file_type(mode, vi=True)}, không phải tệp gói",
        code="not_a_file",
    )


def _too_large(src: Path, size: int, limit: int) -> ImportRejected:
    return ImportRejected(
        f"{shown(src)} is {size} bytes, larger than a bundle can be ({limit} bytes)",
        f"{shown(src)} có {size} byte, lớn hơn một gói có thể có ({limit} byte)",
        code="bundle_too_large",
    )


def _longer_than_signed(src: Path, size: int, signed: int) -> ImportRejected:
    return ImportRejected(
        f"{shown(src)} is {size} bytes, longer than its signed manifest allows ({signed} bytes)",
        f"{shown(src)} có {size} byte, dài hơn manifest đã ký cho phép ({signed} byte)",
        code="bundle_too_large",
    )


def _copy_bounded(
    src: Path,
    dst: Path,
    limit: int,
    signed_size: Callable[[BinaryIO], tuple[int, Manifest]] | None = None,
) -> Manifest | None:
    """Copy a regular file of at most `limit` bytes, fsynced.

    Opened with O_NOFOLLOW (a symlink to /dev/zero is refused, not followed) and O_NONBLOCK
    (a FIFO does not wait for a writer); the descriptor must be a regular file within the
    limit, and the copy stops past the limit even if the file grows meanwhile.

    ``signed_size`` (``protocol.bundle.signed_head``) reads the head of the same descriptor
    first: a file no trusted key signed is refused before a byte of it is copied, and the
    limit becomes the size its signed manifest gives (a stick's 2 GiB of junk, or a real
    bundle with junk after it, never reaches the unit's storage). Returns that manifest
    (signed, nothing else checked yet), or None without ``signed_size``.
    """
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(src, flags)
    except OSError as exc:
        try:
            mode = os.lstat(src).st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode):
            raise _not_a_file(src, mode) from exc
        raise ImportRejected(
            f"cannot read bundle {shown(src)}: {exc.strerror or exc}",
            f"không đọc được gói {shown(src)}: {exc.strerror or exc}",
            code="unreadable",
        ) from exc
    with os.fdopen(fd, "rb") as fin:
        st = os.fstat(fin.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise _not_a_file(src, st.st_mode)
        if st.st_size > limit:
            raise _too_large(src, st.st_size, limit)
        os.set_blocking(fd, True)
        head: Manifest | None = None
        if signed_size is not None:
            try:
                signed, head = signed_size(fin)
            except BundleRejected as exc:
                raise _rejected(exc) from exc
            if st.st_size > signed:
                raise _longer_than_signed(src, st.st_size, signed)
            limit = min(limit, signed)
            fin.seek(0)
        copied = 0
        try:
            fout = open(dst, "xb")  # noqa: SIM115 - its errors are the unit's storage's
        except OSError as exc:
            raise _storage_error(exc) from exc
        with fout:
            while chunk := fin.read(min(_CHUNK, limit + 1 - copied)):
                copied += len(chunk)
                if copied > limit:
                    raise _too_large(src, copied, limit)
                try:
                    fout.write(chunk)
                except OSError as exc:
                    raise _storage_error(exc) from exc
            try:
                fout.flush()
                os.fsync(fout.fileno())
            except OSError as exc:
                raise _storage_error(exc) from exc
    return head


def _storage_error(exc: OSError) -> ImportRejected:
    """The unit's own storage refused a write while installing: not the bundle's fault."""
    why = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ImportRejected(
            f"not enough free space on the unit's storage to install the bundle ({why}); "
            "the active bundle is unchanged, the bundle is tried again later",
            f"bộ nhớ của máy không đủ chỗ để nạp gói ({why}); gói đang dùng giữ nguyên, "
            "sẽ thử nạp lại sau",
            code="no_space",
        )
    return ImportRejected(
        f"cannot write the bundle to the unit's storage ({why}); the active bundle is "
        "unchanged, the bundle is tried again later",
        f"không ghi được gói vào bộ nhớ của máy ({why}); gói đang dùng giữ nguyên, "
        "sẽ thử nạp lại sau",
        code="storage_error",
    )


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _rejected(exc: BundleRejected) -> ImportRejected:
    return ImportRejected(exc.reason, exc.reason_vi, code=exc.code)


def _extract_allowing_skew(
    copy: Path, staging: Path, *, now: datetime | None, **checks: Any
) -> VerifiedBundle:
    """``extract_bundle``; a bundle issued "in the future" by this unit's trusted clock (one a
    little behind the panel's) is judged again CLOCK_SKEW_S later, stricter on every other
    end. Without ``now`` (the real clock) a refusal stands."""
    try:
        return extract_bundle(copy, staging, now=now, **checks)
    except BundleRejected as exc:
        if exc.code != "not_yet_valid" or now is None:
            raise
    return extract_bundle(copy, staging, now=now + timedelta(seconds=CLOCK_SKEW_S), **checks)


# --------------------------------------------------------------------------- emergencies


# What an import changes in what plays: the daemon is woken at once (playout.doorbell).
_WAKES_THE_DAEMON = frozenset({"activated", "emergency", "emergency_stopped"})


def _check_emergency_manifest(manifest: Manifest) -> None:
    if manifest.emergency is None:
        raise BundleRejected(
            "not an emergency bundle", "không phải gói khẩn cấp", code="manifest_invalid"
        )


def _check_ordinary_manifest(manifest: Manifest) -> None:
    """An emergency never becomes the active bundle: the path is chosen from the head read
    before the copy, and a file that changed between the two reads lands here."""
    if manifest.emergency is not None:
        raise BundleRejected(
            "an emergency bundle cannot replace the schedule",
            "gói khẩn cấp không thể thay lịch phát",
            code="manifest_invalid",
        )
    check_schedule(manifest)


def _parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _overlay_entry_ok(e: Any) -> bool:
    if not isinstance(e, dict):
        return False
    try:
        return (
            isinstance(e["id"], str)
            and isinstance(e["bundle_id"], str)
            and isinstance(e["sequence"], int)
            and e["state"] in ("active", "stopped", "finished")
            and isinstance(e["played"], int)
            and isinstance(e["repeats"], int)
            and (
                e["dir"] is None
                or (
                    isinstance(e["dir"], str)
                    and "/" not in e["dir"]
                    and not e["dir"].startswith(".")
                )
            )
            and _parse_iso(e["expires_at"]).tzinfo is not None
        )
    except (KeyError, TypeError, ValueError):
        return False


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
        limits: Limits = Limits(),
    ) -> None:
        """`clock` (wall + is_trusted) decides whether the validity window is checked on
        import (an untrusted clock holds the bundle); without one the system clock is used
        and trusted. `limits` bound what is read, also the file size before copying."""
        self.state_dir = Path(state_dir)
        self.trusted_keys = dict(trusted_keys)
        self.unit_id = unit_id
        self.unit_areas = tuple(unit_areas)
        self.clock = clock
        self.limits = limits

    # ------------------------------------------------------------------ paths
    @property
    def bundles_dir(self) -> Path:
        return self.state_dir / BUNDLES_DIR

    @property
    def active_file(self) -> Path:
        return self.state_dir / ACTIVE_FILE

    @property
    def held_dir(self) -> Path:
        return self.state_dir / HELD_DIR

    @property
    def held_file(self) -> Path:
        return self.state_dir / HELD_FILE

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
        trusted, sequence newer than the newest accepted from any key it trusts, a usable
        schedule) and make it the active bundle — or, when the clock is not trusted, hold it
        (status "held": not played until `activate_held` finds the clock trusted).

        Raises ImportRejected; the active bundle is then untouched. Importing the bundle that
        is already active returns status "unchanged" instead of a sequence error.
        """
        src = Path(path)
        with self._locked():
            try:
                result = self._import_locked(src)
            except ImportRejected as exc:
                with contextlib.suppress(OSError):  # a full card cannot take the note either
                    self._remember(
                        src, ok=False, code=exc.code, reason=exc.reason, reason_vi=exc.reason_vi
                    )
                raise
            if result.status in _WAKES_THE_DAEMON:
                ring(self.state_dir)  # the daemon (another process) looks now, not next tick
            self._remember(
                src,
                # an emergency's history line is not fsynced: the emergency is already
                # durable (overlay, floor) and a unit's SD card waits for every fsync
                durable=result.emergency_id is None,
                ok=True,
                code=result.status,
                reason=result.message,
                reason_vi=result.message_vi,
                sequence=result.sequence,
                bundle_id=result.bundle_id,
            )
            return result

    def _import_locked(
        self, src: Path, *, now: datetime | None = None, trusted: bool | None = None
    ) -> ImportResult:
        try:
            return self._install(src, now=now, trusted=trusted)
        except OSError as exc:  # writing the staging copy, the audio, the pointer: our storage
            raise _storage_error(exc) from exc

    def _install(self, src: Path, *, now: datetime | None, trusted: bool | None) -> ImportResult:
        if trusted is None:
            now, trusted = self._now()
        self.bundles_dir.mkdir(parents=True, exist_ok=True)
        self._clear_stale_staging()
        staging = self.bundles_dir / f".incoming-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            copy = staging / BUNDLE_FILE
            try:
                head = _copy_bounded(
                    src,
                    copy,
                    self.limits.max_file_bytes,
                    signed_size=functools.partial(
                        signed_head, trusted_keys=self.trusted_keys, limits=self.limits
                    ),
                )
            except OSError as exc:
                raise ImportRejected(
                    f"cannot read bundle {shown(src)}: {exc.strerror or exc}",
                    f"không đọc được gói {shown(src)}: {exc.strerror or exc}",
                    code="unreadable",
                ) from exc
            # Routing only: the signed head says whether it is an emergency; every check
            # runs on the copy on the path it takes.
            if head is not None and head.emergency is not None:
                return self._import_emergency_locked(copy, head, staging, src, now, trusted)
            # Verify the copy, not the stick: what is checked is what will be played.
            checks: dict[str, Any] = dict(
                trusted_keys=self.trusted_keys,
                now=now,
                clock_trusted=trusted,
                unit_id=self.unit_id,
                unit_areas=self.unit_areas,
                limits=self.limits,
                manifest_check=_check_ordinary_manifest,
            )
            try:
                verified = _extract_allowing_skew(copy, staging, state_dir=self.state_dir, **checks)
            except BundleRejected as exc:
                if exc.code != "stale_sequence":
                    raise _rejected(exc) from exc
                if self._is_active(copy):
                    m = read_manifest_unverified(copy)
                    return ImportResult(
                        "unchanged", m.bundle_id, m.sequence, len(m.items), shown(src), m.expires_at
                    )
                if not self._may_reactivate(copy):
                    raise _rejected(exc) from exc
                # The newest bundle ever accepted from its panel, no longer active (a unit
                # that an older bundle rolled back before sequences were per key): every
                # other check still applies.
                try:
                    verified = _extract_allowing_skew(copy, staging, **checks)
                except BundleRejected as again:
                    raise _rejected(again) from again
            manifest = verified.manifest
            if not verified.time_checked:
                return self._hold(copy, manifest, src)
            fsync_dir(staging)
            final = self.bundles_dir / (
                f"{manifest.sequence:010d}-{manifest.bundle_id}-{uuid.uuid4().hex[:8]}"
            )
            os.rename(staging, final)
            fsync_dir(self.bundles_dir)
        finally:  # gone once renamed; otherwise refused, held or unchanged: not kept
            shutil.rmtree(staging, ignore_errors=True)
        pointer = {
            "v": POINTER_VERSION,
            "dir": final.name,
            "bundle_id": manifest.bundle_id,
            "sequence": manifest.sequence,
        }
        atomic_write(self.active_file, json.dumps(pointer, sort_keys=True).encode() + b"\n")
        # Only now: a power cut before this line leaves the new bundle active and the old
        # sequence recorded, which load_active accepts (active >= recorded).
        record_accepted(self.state_dir, manifest, panel_keys=self.trusted_keys)
        self._prune(keep={final.name})
        self._drop_held_if_superseded(manifest)
        log.info(
            "bundle %s (sequence %d) activated from %s",
            manifest.bundle_id,
            manifest.sequence,
            shown(src),
        )
        return ImportResult(
            "activated",
            manifest.bundle_id,
            manifest.sequence,
            len(manifest.items),
            shown(src),
            manifest.expires_at,
        )

    def _may_reactivate(self, candidate: Path) -> bool:
        """`candidate` is the newest bundle accepted from its panel (any key the unit trusts),
        and what is active is an older bundle of that panel (or nothing, or something
        unreadable)."""
        try:
            m = read_manifest_unverified(candidate, limits=self.limits)
            newest = newest_accepted(self.state_dir, m.key_id, panel_keys=self.trusted_keys)
            if newest != (m.sequence, m.bundle_id):
                return False
            pointer = self._pointer()
            if pointer is None:
                return True
            active = read_manifest_unverified(
                self.bundles_dir / pointer["dir"] / BUNDLE_FILE, limits=self.limits
            )
        except (BundleRejected, NoActiveBundle, OSError):
            return True  # nothing usable is active: the newest accepted bundle may be
        return self._same_panel(active.key_id) and active.sequence < m.sequence

    def _same_panel(self, key_id: str) -> bool:
        """The keys this unit trusts are its panel's (old and new during a rotation): their
        bundles are numbered from one counter, so their sequences compare."""
        return key_id in self.trusted_keys

    # ------------------------------------------------------------------ held bundles
    def _hold(self, copy: Path, manifest: Manifest, src: Path) -> ImportResult:
        """Keep the verified copy, unplayed, until the clock is trusted (one bundle at most)."""
        result = ImportResult(
            "held",
            manifest.bundle_id,
            manifest.sequence,
            len(manifest.items),
            shown(src),
            manifest.expires_at,
        )
        held = self._held_info()
        if held is not None and self._same_panel(held["key_id"]):
            if (held["sequence"], held["bundle_id"]) == (manifest.sequence, manifest.bundle_id):
                return result
            if held["sequence"] >= manifest.sequence:
                raise ImportRejected(
                    f"sequence {manifest.sequence} is not newer than {held['sequence']}, which "
                    f"is already waiting for a trusted clock",
                    f"số thứ tự {manifest.sequence} không mới hơn {held['sequence']} đang chờ "
                    f"đồng hồ tin cậy",
                    code="stale_sequence",
                )
        self.held_dir.mkdir(exist_ok=True)
        name = f"{manifest.sequence:010d}-{manifest.bundle_id}.loa"
        os.replace(copy, self.held_dir / name)
        fsync_dir(self.held_dir)
        info = {
            "v": 1,
            "file": name,
            "bundle_id": manifest.bundle_id,
            "key_id": manifest.key_id,
            "sequence": manifest.sequence,
            "expires_at": manifest.expires_at.isoformat(),
            "source": shown(src),
        }
        atomic_write(self.held_file, json.dumps(info, sort_keys=True).encode() + b"\n")
        for other in self.held_dir.iterdir():
            if other.name != name:
                other.unlink(missing_ok=True)
        log.warning(
            "bundle %s (sequence %d) held until the clock is trusted / gói được giữ lại "
            "chờ đồng hồ tin cậy",
            manifest.bundle_id,
            manifest.sequence,
        )
        return result

    def _held_info(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.held_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            data = None
        ok = (
            isinstance(data, dict)
            and data.get("v") == 1
            and isinstance(data.get("file"), str)
            and "/" not in data["file"]
            and not data["file"].startswith(".")
            and isinstance(data.get("sequence"), int)
            and isinstance(data.get("key_id"), str)
            and isinstance(data.get("bundle_id"), str)
        )
        if not ok:  # a damaged note: forget the held bundle rather than guess
            log.warning("%s is damaged: the held bundle is dropped", self.held_file)
            self._drop_held()
            return None
        assert isinstance(data, dict)
        return data

    def _drop_held(self) -> None:
        self.held_file.unlink(missing_ok=True)
        shutil.rmtree(self.held_dir, ignore_errors=True)

    def _drop_held_if_superseded(self, manifest: Manifest) -> None:
        held = self._held_info()
        if (
            held is not None
            and self._same_panel(held["key_id"])
            and held["sequence"] <= manifest.sequence
        ):
            self._drop_held()

    def held(self) -> dict[str, Any] | None:
        """The bundle waiting for a trusted clock (bundle_id, sequence, expires_at, source)."""
        return self._held_info()

    def activate_held(
        self, *, now: datetime | None = None, clock_trusted: bool | None = None
    ) -> ImportResult | ImportRejected | None:
        """Activate the held bundle if the clock is trusted now and the bundle is still valid
        (and newer than what was accepted meanwhile); a bundle refused then is dropped.

        `now`/`clock_trusted` default to the store's clock (the daemon passes its own verdict,
        which also counts GPS time). None: nothing held, or the clock still not trusted.
        """
        if not self.held_file.exists():
            return None
        if clock_trusted is None:
            now, clock_trusted = self._now()
        if not clock_trusted:
            return None
        with self._locked():
            held = self._held_info()
            if held is None:
                return None
            path = self.held_dir / held["file"]
            try:
                result = self._import_locked(path, now=now, trusted=True)
            except ImportRejected as exc:
                if exc.code in STORAGE_CODES:  # kept held: tried again when there is room
                    log.warning("held bundle not activated yet: %s", exc.reason)
                    return exc
                self._drop_held()
                self._remember(
                    Path(held.get("source") or path),
                    ok=False,
                    code=exc.code,
                    reason=exc.reason,
                    reason_vi=exc.reason_vi,
                )
                log.warning(
                    "held bundle %s refused / gói đang giữ bị từ chối: %s / %s",
                    held["bundle_id"],
                    exc.reason_vi,
                    exc.reason,
                )
                return exc
            self._drop_held()
            self._remember(
                Path(held.get("source") or path),
                ok=True,
                code=result.status,
                reason=result.message,
                reason_vi=result.message_vi,
                sequence=result.sequence,
                bundle_id=result.bundle_id,
            )
            return result

    def _clear_stale_staging(self) -> None:
        """Staging folders left by an import a power cut or a kill interrupted (a half copy,
        half the audio): never pointed to, so never played, but they fill the SD card. Only
        called under the store's lock, so no import is using one."""
        try:
            stale = [p for p in self.bundles_dir.iterdir() if p.name.startswith(".incoming-")]
        except OSError:
            return
        for path in stale:
            log.warning("removing %s, left by an interrupted import", path.name)
            shutil.rmtree(path, ignore_errors=True)

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
        """Keep the active bundle and the one before it; drop older folders (stale staging is
        cleared before each import: `_clear_stale_staging`)."""
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
            raise NoActiveBundle(
                f"{self.active_file} is unreadable ({exc})",
                f"không đọc được {self.active_file} ({exc})",
            ) from exc
        if (
            not isinstance(data, dict)
            or data.get("v") != POINTER_VERSION
            or not isinstance(data.get("dir"), str)
            or "/" in data["dir"]
            or data["dir"].startswith(".")
        ):
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
            raise NoActiveBundle(
                "no bundle has been imported yet", "chưa nạp gói nội dung nào", code="no_bundle"
            )
        folder = self.bundles_dir / pointer["dir"]
        try:
            verified = verify_bundle(
                folder / BUNDLE_FILE,
                trusted_keys=self.trusted_keys,
                clock_trusted=False,
                unit_id=self.unit_id,
                unit_areas=self.unit_areas,
            )
        except BundleRejected as exc:
            raise NoActiveBundle(
                f"the active bundle no longer verifies: {exc.reason}",
                f"gói đang dùng không còn hợp lệ: {exc.reason_vi}",
                code=exc.code,
            ) from exc
        manifest = verified.manifest
        held = self.accepted_sequence(manifest)
        if held is not None and manifest.sequence < held:
            raise NoActiveBundle(
                f"the active bundle (sequence {manifest.sequence}) is older than the newest "
                f"accepted ({held})",
                f"gói đang dùng (số {manifest.sequence}) cũ hơn gói mới nhất đã nhận ({held})",
                code="stale_sequence",
            )
        active = ActiveBundle(manifest, folder)
        for sha in sorted(manifest.audio_sizes):
            path = active.audio_path(sha)
            try:
                ok = _sha256_file(path) == sha
            except OSError:
                ok = False
            if not ok:
                raise NoActiveBundle(
                    f"audio {sha[:12]}… of the active bundle is missing or changed",
                    f"âm thanh {sha[:12]}… của gói đang dùng bị thiếu hoặc bị sửa",
                    code="audio_hash_mismatch",
                )
        return active

    def accepted_sequence(self, manifest: Manifest) -> int | None:
        """The newest sequence accepted from the panel of the key that signed `manifest` (any
        key the unit trusts, any target)."""
        try:
            newest = newest_accepted(self.state_dir, manifest.key_id, panel_keys=self.trusted_keys)
        except BundleRejected as exc:
            raise NoActiveBundle(exc.reason, exc.reason_vi, code=exc.code) from exc
        return None if newest is None else newest[0]

    # ------------------------------------------------------------------ emergencies
    @property
    def emergency_dir(self) -> Path:
        return self.state_dir / EMERGENCY_DIR

    @property
    def emergency_file(self) -> Path:
        return self.state_dir / EMERGENCY_FILE

    @property
    def outbox_file(self) -> Path:
        return self.state_dir / OUTBOX_FILE

    @contextlib.contextmanager
    def _emergency_locked(self) -> Iterator[None]:
        """A short lock for the overlay and the outbox (the daemon writes progress on its
        tick; it must never wait for a long import, which holds the import lock)."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.state_dir / EMERGENCY_LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _read_overlay(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.emergency_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            data = None
        if not (isinstance(data, dict) and data.get("v") == 1):
            data = None
        entries = data.get("emergencies") if data is not None else None
        if not isinstance(entries, dict) or not all(_overlay_entry_ok(e) for e in entries.values()):
            # Fail safe: a damaged overlay plays nothing rather than guess (the bundles are
            # still on the server's list and come back on the next pull; their sequence is
            # recorded, so the technician re-creates the file by deleting it).
            log.error("%s is damaged: no emergency plays until it is repaired", self.emergency_file)
            raise ImportRejected(
                f"the emergency overlay {self.emergency_file} is damaged",
                f"tệp khẩn cấp {self.emergency_file} bị hỏng",
                code="state_unreadable",
            )
        return entries

    def _write_overlay(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        body = {"v": 1, "emergencies": dict(entries)}
        atomic_write(self.emergency_file, json.dumps(body, sort_keys=True).encode() + b"\n")

    def emergencies(self) -> list[dict[str, Any]]:
        """Every emergency the overlay holds (active, stopped or finished, until it expires),
        oldest sequence first. Each: id, bundle_id, sequence, state, item_id, repeats, gap_s,
        start_at, arrived_at, expires_at, played (repeats started), last_start, last_end."""
        try:
            entries = self._read_overlay()
        except ImportRejected:
            return []
        return sorted(entries.values(), key=lambda e: (e["sequence"], e["id"]))

    def known_emergency_bundles(self) -> set[str]:
        """Bundle ids (play and stop) the overlay already holds: not fetched again."""
        out: set[str] = set()
        for e in self.emergencies():
            out.add(e["bundle_id"])
            if e.get("stop_bundle_id"):
                out.add(e["stop_bundle_id"])
        return out

    def emergency_marker(self) -> tuple[int, int, int] | None:
        """(inode, size, mtime_ns) of emergencies.json: changes with every overlay write."""
        try:
            st = os.stat(self.emergency_file)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _import_emergency_locked(
        self,
        copy: Path,
        probe: Manifest,
        staging: Path,
        src: Path,
        now: datetime | None,
        trusted: bool,
    ) -> ImportResult:
        """Verify an emergency bundle (``probe``: its manifest from the signed head read before
        the copy, only to route it and to find it is one already held) and put it in the
        overlay (a play) or stop the emergency it names (a stop). The active ordinary bundle
        is never touched.

        Power-cut order: the bundle and its audio are fsynced (file, audio folder, staging
        folder) and renamed into ``emergency/`` (folder fsynced) before the overlay names
        them; the overlay is written atomically (fsynced) before the emergency sequence floor
        is recorded. The import history (imports.json) is written last and not fsynced: it is
        only shown by status and doctor, and a power cut may lose its last line, never the
        emergency."""
        known = {e["bundle_id"]: e for e in self.emergencies()}
        known.update(
            {e["stop_bundle_id"]: e for e in known.copy().values() if e.get("stop_bundle_id")}
        )
        if probe.bundle_id in known:
            # already in the overlay: every check passed when it came (and it may be the
            # one the floor names, so a second verification would call it stale)
            em = probe.emergency
            assert em is not None
            return ImportResult(
                "unchanged",
                probe.bundle_id,
                probe.sequence,
                len(probe.items),
                shown(src),
                probe.expires_at,
                emergency_id=em.id,
                action=em.action,
            )
        checks: dict[str, Any] = dict(
            trusted_keys=self.trusted_keys,
            clock_trusted=trusted,
            state_dir=self.state_dir,
            unit_id=self.unit_id,
            unit_areas=self.unit_areas,
            limits=self.limits,
            manifest_check=_check_emergency_manifest,
        )
        try:
            verified = _extract_allowing_skew(copy, staging, now=now, **checks)
        except BundleRejected as exc:
            raise _rejected(exc) from exc
        manifest = verified.manifest
        em = manifest.emergency
        assert em is not None  # _check_emergency_manifest
        arrived = now or datetime.now().astimezone()
        folder_name: str | None = None
        if em.action == "play":
            fsync_dir(staging)
            self.emergency_dir.mkdir(parents=True, exist_ok=True)
            final = self.emergency_dir / (
                f"{manifest.sequence:010d}-{manifest.bundle_id}-{uuid.uuid4().hex[:8]}"
            )
            os.rename(staging, final)
            fsync_dir(self.emergency_dir)
            folder_name = final.name
        drop_dir: str | None = None
        confirm: dict[str, Any] | None = None
        with self._emergency_locked():
            entries = self._read_overlay()
            entry = entries.get(em.id)
            if em.action == "play":
                item = manifest.items[0]
                if entry is None or entry.get("bundle_id") is None:
                    entry = {
                        "id": em.id,
                        "bundle_id": manifest.bundle_id,
                        "sequence": manifest.sequence,
                        "key_id": manifest.key_id,
                        "dir": folder_name,
                        "item_id": item.id,
                        "title": item.title,
                        "repeats": em.repeats,
                        "gap_s": em.gap_s,
                        "start_at": em.start_at.isoformat(),
                        "arrived_at": arrived.isoformat(),
                        "expires_at": manifest.expires_at.isoformat(),
                        "time_checked": verified.time_checked,
                        "state": "active",
                        "played": 0,
                        "last_start": None,
                        "last_end": None,
                    }
                else:
                    # already stopped (the stop came first): nothing will play
                    drop_dir = folder_name
                    entry = {**entry, "bundle_id": manifest.bundle_id}
            elif entry is None:
                # a stop for an emergency not seen yet: remember it, so it never plays
                entry = {
                    "id": em.id,
                    "bundle_id": manifest.bundle_id,
                    "sequence": manifest.sequence,
                    "key_id": manifest.key_id,
                    "dir": None,
                    "item_id": None,
                    "title": None,
                    "repeats": 0,
                    "gap_s": 0,
                    "start_at": em.start_at.isoformat(),
                    "arrived_at": arrived.isoformat(),
                    "expires_at": manifest.expires_at.isoformat(),
                    "time_checked": verified.time_checked,
                    "state": "stopped",
                    "stopped_at": arrived.isoformat(),
                    "stop_bundle_id": manifest.bundle_id,
                    "played": 0,
                    "last_start": None,
                    "last_end": None,
                }
            else:
                was = entry["state"]
                drop_dir = entry.get("dir")
                entry = {
                    **entry,
                    "state": "stopped",
                    "dir": None,
                    "stopped_at": arrived.isoformat(),
                    "stop_bundle_id": manifest.bundle_id,
                    "expires_at": max(
                        entry["expires_at"], manifest.expires_at.isoformat(), key=_parse_iso
                    ),
                }
                if was == "active":
                    confirm = {
                        "emergency_id": em.id,
                        "state": "stopped",
                        "repeat": entry["played"],
                        "at": arrived.isoformat(),
                    }
            entries[em.id] = entry
            self._write_overlay(entries)
            if confirm is not None:
                self._queue_confirmation_locked(confirm)
        # Only now (as for ordinary bundles): a power cut before this line leaves the
        # overlay holding it, and importing it again then gives "unchanged".
        record_accepted(self.state_dir, manifest, panel_keys=self.trusted_keys)
        if drop_dir:
            shutil.rmtree(self.emergency_dir / drop_dir, ignore_errors=True)
        log.warning(
            "emergency %s: %s bundle %s (sequence %d) accepted / nhận gói khẩn cấp",
            em.id,
            em.action,
            manifest.bundle_id,
            manifest.sequence,
        )
        return ImportResult(
            "emergency" if em.action == "play" else "emergency_stopped",
            manifest.bundle_id,
            manifest.sequence,
            len(manifest.items),
            shown(src),
            manifest.expires_at,
            emergency_id=em.id,
            action=em.action,
        )

    def load_emergency(self, entry: Mapping[str, Any]) -> ActiveBundle:
        """The bundle of an overlay entry, verified again (signature, hashes, target, that it
        is the one the overlay names) with the sha256 of its extracted audio."""
        folder = entry.get("dir")
        if not isinstance(folder, str):
            raise NoActiveBundle("this emergency has no audio", "khẩn cấp này không có âm thanh")
        path = self.emergency_dir / folder
        try:
            verified = verify_bundle(
                path / BUNDLE_FILE,
                trusted_keys=self.trusted_keys,
                clock_trusted=False,
                unit_id=self.unit_id,
                unit_areas=self.unit_areas,
                limits=self.limits,
                manifest_check=_check_emergency_manifest,
            )
        except BundleRejected as exc:
            raise NoActiveBundle(
                f"emergency bundle no longer verifies: {exc.reason}",
                f"gói khẩn cấp không còn hợp lệ: {exc.reason_vi}",
                code=exc.code,
            ) from exc
        m = verified.manifest
        if (
            m.bundle_id != entry.get("bundle_id")
            or m.emergency is None
            or m.emergency.id != entry.get("id")
        ):
            raise NoActiveBundle(
                "the emergency bundle on disk is not the one the overlay names",
                "gói khẩn cấp trên đĩa không khớp với danh sách",
                code="state_unreadable",
            )
        bundle = ActiveBundle(m, path)
        for sha in m.audio_sizes:
            try:
                ok = _sha256_file(bundle.audio_path(sha)) == sha
            except OSError:
                ok = False
            if not ok:
                raise NoActiveBundle(
                    f"audio {sha[:12]}… of the emergency is missing or changed",
                    f"âm thanh {sha[:12]}… của khẩn cấp bị thiếu hoặc bị sửa",
                    code="audio_hash_mismatch",
                )
        return bundle

    def emergency_played(
        self,
        emergency_id: str,
        *,
        state: str,
        repeat: int,
        at: datetime,
        end: datetime | None = None,
        reason: str | None = None,
    ) -> None:
        """Record one repeat's progress (``started`` counts the repeat as played, so a power
        cut never plays it twice; ``finished``/``failed`` set its end; ``stopped`` marks the
        emergency stopped) and queue the confirmation for the panel."""
        with self._emergency_locked():
            try:
                entries = self._read_overlay()
            except ImportRejected:
                entries = {}
            entry = entries.get(emergency_id)
            if entry is not None:
                entry = dict(entry)
                if state == "started":
                    entry["played"] = max(int(entry["played"]), repeat)
                    entry["last_start"] = at.isoformat()
                    entry["last_end"] = (end or at).isoformat()
                elif state in ("finished", "failed"):
                    entry["last_end"] = (end or at).isoformat()
                    if entry["played"] >= entry["repeats"] and entry["state"] == "active":
                        entry["state"] = "finished"
                elif state == "stopped":
                    entry["state"] = "stopped"
                    entry["stopped_at"] = at.isoformat()
                entries[emergency_id] = entry
                self._write_overlay(entries)
            note: dict[str, Any] = {
                "emergency_id": emergency_id,
                "state": state,
                "repeat": repeat,
                "at": at.isoformat(),
            }
            if reason:
                note["reason"] = reason[:300]
            self._queue_confirmation_locked(note)

    def expire_emergencies(self, now: datetime) -> list[str]:
        """Drop the entries (and audio) of emergencies whose ``expires_at`` has passed."""
        dropped: list[str] = []
        with self._emergency_locked():
            try:
                entries = self._read_overlay()
            except ImportRejected:
                return []
            for eid, entry in list(entries.items()):
                if _parse_iso(entry["expires_at"]) <= now:
                    dropped.append(eid)
                    if entry.get("dir"):
                        shutil.rmtree(self.emergency_dir / entry["dir"], ignore_errors=True)
                    del entries[eid]
            if dropped:
                self._write_overlay(entries)
        return dropped

    def emergency_floor(self, key_id: str) -> int | None:
        """The newest emergency sequence accepted from ``key_id``'s panel (any key the unit
        trusts; None: none yet)."""
        newest = newest_emergency(self.state_dir, key_id, panel_keys=self.trusted_keys)
        return None if newest is None else newest[0]

    # ------------------------------------------------------------------ confirmations
    def _read_outbox(self) -> list[dict[str, Any]]:
        try:
            data = json.loads(self.outbox_file.read_text(encoding="utf-8"))
            items = data.get("items", []) if isinstance(data, dict) else []
            return [i for i in items if isinstance(i, dict)]
        except FileNotFoundError:
            return []
        except (OSError, ValueError):
            log.warning("%s is damaged: pending confirmations dropped", self.outbox_file)
            return []

    def _queue_confirmation_locked(self, note: dict[str, Any]) -> None:
        items = self._read_outbox()
        items.append(note)
        body = {"v": 1, "items": items[-MAX_OUTBOX:]}
        atomic_write(self.outbox_file, json.dumps(body, sort_keys=True).encode() + b"\n")

    def pending_confirmations(self) -> list[dict[str, Any]]:
        """The "played" confirmations not yet acknowledged by the panel, oldest first."""
        with self._emergency_locked():
            return self._read_outbox()

    def confirmations_sent(self, sent: Sequence[Mapping[str, Any]]) -> None:
        """Remove these confirmations (the panel answered them) from the outbox."""
        with self._emergency_locked():
            items = self._read_outbox()
            for note in sent:
                if note in items:
                    items.remove(dict(note))
            body = {"v": 1, "items": items}
            atomic_write(self.outbox_file, json.dumps(body, sort_keys=True).encode() + b"\n")

    def outbox_marker(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.outbox_file)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    # ------------------------------------------------------------------ import history
    def _remember(self, src: Path, *, durable: bool = True, **fields: Any) -> None:
        now, _ = self._now()
        entry = {
            "source": shown(src),
            "at": (now or datetime.now().astimezone()).isoformat(),
            **fields,
        }
        items = self.recent_imports()
        items.append(entry)
        data = json.dumps(
            {"v": 1, "imports": items[-KEEP_RECENT_IMPORTS:]}, ensure_ascii=False, indent=1
        ).encode("utf-8")
        path = self.state_dir / IMPORTS_FILE
        try:
            atomic_write(path, data, durable=durable)  # not durable: a power cut may lose it
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

    Only regular files are considered, judged by lstat (a symlink is not followed, and a
    FIFO, device or folder named `*.loa` is never opened), and only those no larger than a
    bundle can be; anything else is skipped with a logged reason, once per change. The
    import itself opens the file again with O_NOFOLLOW|O_NONBLOCK and checks the descriptor,
    so a name swapped meanwhile cannot block or flood the inbox either. A file is imported
    once it has kept the same size and mtime over two polls (still being copied otherwise),
    and each (path, size, mtime) is tried once: a rejected file is not retried until it
    changes. Folders that do not exist (no stick) are skipped quietly. A file the stick could
    not be read for (`unreadable`: EIO from a stick whose contacts were lost mid-copy) is
    tried again, once stable again, up to INBOX_READ_RETRIES times while it is unchanged.

    What was handled is also kept in the store's state_dir (MEMORY_FILE, written atomically
    when it changes), so a daemon restarted with the stick left in (a crash loop, a power cut)
    does not copy and verify every bundle again nor add a history line for each. Only files on
    the stick count: an entry for a file not seen within MEMORY_POLLS polls of the start (a
    stick mounted late) is dropped, then entries follow the files seen, at most MEMORY_MAX.
    A stick pulled out and plugged back is read afresh, as before. Read retries are not kept:
    a file with tries left is read again after a restart (a fresh count); one that used them
    up stays given up until it changes. A corrupt or unreadable memory file is ignored with
    one log line (the stick is then handled once more).
    """

    MEMORY_FILE = "inbox-memory.json"
    MEMORY_VERSION = 1
    MEMORY_MAX = 512
    MEMORY_POLLS = 60

    def __init__(
        self, store: BundleStore, folders: Sequence[str | os.PathLike[str]], *, max_depth: int = 2
    ) -> None:
        self.store = store
        self.folders = [Path(f) for f in folders]
        self.max_depth = max_depth
        self._pending: dict[Path, tuple[int, int]] = {}
        self._done: dict[Path, tuple[int, int]] = {}
        self._skipped: dict[Path, tuple[int, int, int]] = {}
        self._read_retries: dict[Path, int] = {}
        self._saved: dict[str, list[int]] | None = None  # None: the file is rewritten
        self._carried: dict[Path, tuple[int, int]] = self._load_memory()
        self._polls = 0

    @property
    def _memory_path(self) -> Path:
        return self.store.state_dir / self.MEMORY_FILE

    def _load_memory(self) -> dict[Path, tuple[int, int]]:
        """What a previous run handled; {} (and one log line) if the file cannot be used."""
        path = self._memory_path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != self.MEMORY_VERSION:
                raise ValueError("unknown format")
            files = data.get("files")
            if not isinstance(files, dict):
                raise ValueError("no files")
            carried: dict[Path, tuple[int, int]] = {}
            for name, fp in files.items():
                if not (isinstance(fp, list) and len(fp) == 2 and all(type(v) is int for v in fp)):
                    raise ValueError(f"bad entry for {name!r}")
                carried[Path(name)] = (fp[0], fp[1])
            carried = dict(list(carried.items())[: self.MEMORY_MAX])
            self._saved = {str(p): list(fp) for p, fp in carried.items()}
            return carried
        except FileNotFoundError:
            self._saved = {}
            return {}
        except (OSError, ValueError) as exc:
            log.warning(
                "bộ nhớ thẻ USB %s hỏng, bỏ qua: thẻ sẽ được đọc lại / inbox memory %s unusable,"
                " ignored: the stick is read again (%s)",
                path,
                path,
                exc,
            )
            return {}

    def _memory(self) -> dict[str, list[int]]:
        """The entries to keep: files handled on the stick first, then those still carried."""
        entries: dict[str, list[int]] = {}
        for table in (self._done, self._carried):
            for p, (size, mtime_ns) in table.items():
                if len(entries) >= self.MEMORY_MAX:
                    return entries
                entries.setdefault(str(p), [size, mtime_ns])
        return entries

    def _save_memory(self) -> None:
        memory = self._memory()
        if memory == self._saved:
            return
        self._saved = memory  # a failed write is logged once, tried again at the next change
        data = {"version": self.MEMORY_VERSION, "files": memory}
        try:
            self.store.state_dir.mkdir(parents=True, exist_ok=True)
            atomic_write(self._memory_path, json.dumps(data, sort_keys=True).encode() + b"\n")
        except OSError as exc:  # a convenience: never stop the inbox over it
            log.warning(
                "không ghi được bộ nhớ thẻ USB / cannot write the inbox memory %s: %s",
                self._memory_path,
                exc,
            )

    def _files(self) -> list[Path]:
        """Every `*.loa` name (not hidden) down to max_depth, whatever it is."""
        found: list[Path] = []
        for folder in self.folders:
            base_depth = len(folder.parts)
            for root, dirs, files in os.walk(folder, followlinks=False):
                depth = len(Path(root).parts) - base_depth
                named = [d for d in dirs if d.endswith(".loa") and not d.startswith(".")]
                dirs[:] = (
                    sorted(d for d in dirs if not d.startswith(".") and d not in named)
                    if depth < self.max_depth
                    else []
                )
                found.extend(
                    Path(root) / f
                    for f in sorted([*files, *named])
                    if f.endswith(".loa") and not f.startswith(".")
                )
        return found

    def _unfit(self, path: Path, st: os.stat_result) -> ImportRejected | None:
        if not stat.S_ISREG(st.st_mode):
            return _not_a_file(path, st.st_mode)
        limit = self.store.limits.max_file_bytes
        if st.st_size > limit:
            return _too_large(path, st.st_size, limit)
        return None

    def _skip(self, path: Path, problem: ImportRejected) -> InboxSkipped:
        skipped = InboxSkipped(
            problem.reason, problem.reason_vi, code=problem.code, source=shown(path)
        )
        log.warning("skipped %s / bỏ qua: %s / %s", shown(path), skipped.reason_vi, skipped.reason)
        self.store._remember(
            path, ok=False, code=skipped.code, reason=skipped.reason, reason_vi=skipped.reason_vi
        )
        return skipped

    def poll(self) -> list[ImportResult | ImportRejected]:
        """One pass; returns what happened to each file tried (oldest first by sequence) and
        to each name skipped since it last changed."""
        outcomes: list[ImportResult | ImportRejected] = []
        ready: list[Path] = []
        seen: set[Path] = set()
        for path in self._files():
            try:
                st = os.lstat(path)
            except OSError:
                continue
            seen.add(path)
            carried = self._carried.pop(path, None)
            problem = self._unfit(path, st)
            if problem is not None:
                self._pending.pop(path, None)
                mark = (st.st_mode, st.st_size, st.st_mtime_ns)
                if self._skipped.get(path) != mark:
                    self._skipped[path] = mark
                    outcomes.append(self._skip(path, problem))
                continue
            self._skipped.pop(path, None)
            fp = (st.st_size, st.st_mtime_ns)
            if carried == fp:  # handled before a restart, unchanged since
                self._done[path] = fp
            if self._done.get(path) == fp:
                continue
            if self._pending.get(path) == fp:
                ready.append(path)
            else:
                self._pending[path] = fp
        for table in (self._pending, self._done, self._skipped, self._read_retries):
            for gone in set(table) - seen:
                table.pop(gone, None)
        self._polls += 1
        if self._polls >= self.MEMORY_POLLS:
            self._carried.clear()

        # Several bundles on one stick: lowest sequence first, so each can be accepted in turn.
        # (protocol opens only a regular file, without blocking: a swapped name is refused.)
        def order(p: Path) -> tuple[int, str]:
            try:
                return (read_manifest_unverified(p, limits=self.store.limits).sequence, str(p))
            except (BundleRejected, OSError):
                return (-1, str(p))

        for path in sorted(ready, key=order):
            self._import(path, outcomes)
            self._save_memory()  # each one: a crash in the next import does not lose it
        self._save_memory()
        return outcomes

    def _import(self, path: Path, outcomes: list[ImportResult | ImportRejected]) -> None:
        fp = self._pending.pop(path)
        self._done[path] = fp
        try:
            outcomes.append(self.store.import_bundle(path))
        except ImportRejected as exc:
            log.warning(
                "bundle %s rejected / gói bị từ chối: %s / %s",
                shown(path),
                exc.reason_vi,
                exc.reason,
            )
            outcomes.append(exc)
            if exc.code in STORAGE_CODES:
                self._done.pop(path, None)  # the stick's file is fine: tried again later
            elif exc.code == "unreadable":
                tries = self._read_retries.get(path, 0)
                if tries < INBOX_READ_RETRIES:  # not for ever: each try writes the history
                    self._read_retries[path] = tries + 1
                    self._done.pop(path, None)
                    log.warning(
                        "sẽ đọc lại %s / %s is read again (%d/%d)",
                        shown(path),
                        shown(path),
                        tries + 1,
                        INBOX_READ_RETRIES,
                    )
                return
        self._read_retries.pop(path, None)

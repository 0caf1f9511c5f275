"""The unit's replay protection: the newest accepted bundle sequence per signing key, on disk.

A panel numbers its bundles from one counter for all its targets, so a unit remembers, per
key id (one key = one panel), the newest sequence it switched to, whatever the bundle was
addressed to (the unit itself, its commune, its province): a bundle from that key whose
sequence is not newer is refused, so an older bundle for another target cannot roll the unit
back. ``bundle-state.json`` (canonical JSON, written atomically), format 3::

    {"format": 3,
     "keys": {"<key_id>": {"bundle_id": "…", "sequence": 42}},
     "emergency": {"<key_id>": {"bundle_id": "…", "sequence": 7}},
     "targets": {"<target key>": {"bundle_id": "…", "sequence": 42}},
     "legacy": {"bundle_id": "…", "sequence": 40},
     "issued_floor": "2026-11-20T08:30:00+07:00"}

``targets`` records what each target last carried (for people; not a rule). ``legacy`` exists
only in a state first written in format 1 (per target, no key ids): its newest sequence is a
floor for every key. ``issued_floor`` is the newest ``issued_at`` among accepted bundles: the
real time is at least that, so even with an untrusted clock a bundle that expired before it
is known to be expired. A damaged state file refuses every bundle rather than forgetting.

``emergency`` is the floor of emergency bundles (a manifest with an ``emergency`` field),
which a panel numbers from a counter of their own: they are checked and recorded only
against it, so an emergency never blocks an ordinary bundle numbered before it and an old
emergency bundle is never accepted again. A format-2 file (no emergency floor) is read as
format 3 with an empty one and rewritten as format 3 at the next record.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from protocol.canonical import canonical_json, canonical_text, loads_strict
from protocol.errors import BundleRejected
from protocol.files import atomic_write
from protocol.manifest import Manifest, Target

__all__ = [
    "STATE_FILE_NAME",
    "check_sequence",
    "newest_accepted",
    "newest_emergency",
    "record_accepted",
    "target_key",
    "time_floor",
]

STATE_FILE_NAME = "bundle-state.json"
STATE_FORMAT = 3


def target_key(target: Target) -> str:
    """The key under which the state records what a target last carried."""
    return canonical_text(target.to_dict())


def _state_path(state_dir: str | os.PathLike[str]) -> Path:
    return Path(state_dir) / STATE_FILE_NAME


def _is_entry(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("sequence"), int)
        and not isinstance(value.get("sequence"), bool)
        and isinstance(value.get("bundle_id", ""), str)
    )


def _damaged(path: Path) -> BundleRejected:
    # Fail closed: a damaged state must not reset the sequence and let old bundles in.
    return BundleRejected(
        f"unit state {path} is damaged; refusing bundles until it is repaired",
        f"tệp trạng thái {path} bị hỏng; từ chối gói cho đến khi sửa",
        code="state_unreadable",
    )


def _load_state(state_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The state in format 2 (a format-1 file is converted in memory, not on disk)."""
    path = _state_path(state_dir)
    try:
        with open(path, "rb") as fh:
            data = fh.read(16 * 1024 * 1024 + 1)
    except FileNotFoundError:
        return {"format": STATE_FORMAT, "keys": {}, "targets": {}, "emergency": {}}
    except OSError as exc:
        raise BundleRejected(
            f"cannot read unit state {path}: {exc.strerror}",
            f"không đọc được trạng thái của loa {path}: {exc.strerror}",
            code="state_unreadable",
        ) from exc
    try:
        state = loads_strict(data)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged(path) from None
    if not isinstance(state, dict) or not isinstance(state.get("targets"), dict):
        raise _damaged(path)
    if not all(_is_entry(v) for v in state["targets"].values()):
        raise _damaged(path)
    if state.get("format") == 1 and set(state) == {"format", "targets"}:
        # Written before sequences were per key: the newest of any target binds every key.
        newest = max(state["targets"].values(), key=lambda v: v["sequence"], default=None)
        converted: dict[str, Any] = {
            "format": STATE_FORMAT,
            "keys": {},
            "targets": state["targets"],
            "emergency": {},
        }
        if newest is not None:
            converted["legacy"] = {
                "sequence": newest["sequence"],
                "bundle_id": newest.get("bundle_id", ""),
            }
        return converted
    if state.get("format") == 2 and "emergency" not in state:
        # Written before emergency bundles had their own counter: no emergency floor yet.
        state = {**state, "format": STATE_FORMAT, "emergency": {}}
    ok = (
        state.get("format") == STATE_FORMAT
        and set(state) <= {"format", "keys", "targets", "legacy", "issued_floor", "emergency"}
        and isinstance(state.get("emergency"), dict)
        and all(_is_entry(v) for v in state["emergency"].values())
        and isinstance(state.get("keys"), dict)
        and all(_is_entry(v) for v in state["keys"].values())
        and ("legacy" not in state or _is_entry(state["legacy"]))
        and ("issued_floor" not in state or _parse_time(state["issued_floor"]) is not None)
    )
    if not ok:
        raise _damaged(path)
    return state


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None and parsed.utcoffset() is not None else None


def _newest(state: dict[str, Any], key_id: str) -> dict[str, Any] | None:
    """The newest ordinary bundle accepted from ``key_id`` (the legacy floor included)."""
    candidates = [e for e in (state["keys"].get(key_id), state.get("legacy")) if e is not None]
    return max(candidates, key=lambda e: e["sequence"], default=None)


def newest_accepted(state_dir: str | os.PathLike[str], key_id: str) -> tuple[int, str] | None:
    """(sequence, bundle_id) of the newest bundle accepted from ``key_id`` (None: none yet)."""
    entry = _newest(_load_state(state_dir), key_id)
    return None if entry is None else (entry["sequence"], entry.get("bundle_id", ""))


def newest_emergency(state_dir: str | os.PathLike[str], key_id: str) -> tuple[int, str] | None:
    """(sequence, bundle_id) of the newest emergency bundle accepted from ``key_id``."""
    entry = _load_state(state_dir)["emergency"].get(key_id)
    return None if entry is None else (entry["sequence"], entry.get("bundle_id", ""))


def time_floor(state_dir: str | os.PathLike[str]) -> datetime | None:
    """The newest ``issued_at`` of any accepted bundle: the real time is at least this."""
    return _parse_time(_load_state(state_dir).get("issued_floor"))


def check_sequence(state_dir: str | os.PathLike[str], manifest: Manifest) -> None:
    """Refuse ``manifest`` unless its sequence is newer than the newest accepted from its key,
    whatever target either was addressed to. An emergency bundle is checked against the
    emergency floor of its key instead (its own counter)."""
    state = _load_state(state_dir)
    if manifest.emergency is not None:
        held = state["emergency"].get(manifest.key_id)
        if held is not None and manifest.sequence <= held["sequence"]:
            raise BundleRejected(
                f"emergency sequence {manifest.sequence} is not newer than {held['sequence']} "
                f"already accepted from this panel (key {manifest.key_id})",
                f"số thứ tự khẩn cấp {manifest.sequence} không mới hơn {held['sequence']} đã "
                f"nhận từ máy chủ này (khóa {manifest.key_id})",
                code="stale_sequence",
            )
        return
    held = _newest(state, manifest.key_id)
    if held is not None and manifest.sequence <= held["sequence"]:
        raise BundleRejected(
            f"sequence {manifest.sequence} is not newer than {held['sequence']} already "
            f"accepted from this panel (key {manifest.key_id})",
            f"số thứ tự {manifest.sequence} không mới hơn {held['sequence']} đã nhận từ máy "
            f"chủ này (khóa {manifest.key_id})",
            code="stale_sequence",
        )


def record_accepted(state_dir: str | os.PathLike[str], manifest: Manifest) -> None:
    """Remember ``manifest`` as the newest accepted from its key (atomic write).

    Recording the newest bundle again is a no-op; recording an older one is refused.
    One writer (the unit daemon) is assumed.
    """
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(state_dir)
    entry = {"sequence": manifest.sequence, "bundle_id": manifest.bundle_id}
    if manifest.emergency is not None:
        if state["emergency"].get(manifest.key_id) == entry:
            return
        check_sequence(state_dir, manifest)
        state["emergency"][manifest.key_id] = entry
        _advance_floor(state, manifest)
        atomic_write(_state_path(state_dir), canonical_json(state) + b"\n")
        return
    held = _newest(state, manifest.key_id)
    if held is not None and held == entry and state["keys"].get(manifest.key_id) == entry:
        return
    if held is None or held != entry:
        check_sequence(state_dir, manifest)
    state["keys"][manifest.key_id] = entry
    state["targets"][target_key(manifest.target)] = dict(entry)
    _advance_floor(state, manifest)
    atomic_write(_state_path(state_dir), canonical_json(state) + b"\n")


def _advance_floor(state: dict[str, Any], manifest: Manifest) -> None:
    floor = _parse_time(state.get("issued_floor"))
    if floor is None or manifest.issued_at > floor:
        state["issued_floor"] = manifest.issued_at.isoformat()

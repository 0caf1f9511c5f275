"""The unit's replay protection: the newest accepted bundle sequence per target, kept on disk.

``bundle-state.json`` (canonical JSON, written atomically) maps each target to the sequence
and bundle id last switched to; a bundle whose sequence is not newer is refused. A damaged
state file refuses every bundle rather than forgetting the sequences.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from protocol.canonical import canonical_json, canonical_text, loads_strict
from protocol.errors import BundleRejected
from protocol.files import atomic_write
from protocol.manifest import Manifest, Target

__all__ = ["STATE_FILE_NAME", "check_sequence", "record_accepted", "target_key"]

STATE_FILE_NAME = "bundle-state.json"


def target_key(target: Target) -> str:
    """The key under which a unit's state remembers the last sequence for this target."""
    return canonical_text(target.to_dict())


def _state_path(state_dir: str | os.PathLike[str]) -> Path:
    return Path(state_dir) / STATE_FILE_NAME


def _load_state(state_dir: str | os.PathLike[str]) -> dict[str, Any]:
    path = _state_path(state_dir)
    try:
        with open(path, "rb") as fh:
            data = fh.read(16 * 1024 * 1024 + 1)
    except FileNotFoundError:
        return {"format": 1, "targets": {}}
    except OSError as exc:
        raise BundleRejected(
            f"cannot read unit state {path}: {exc.strerror}",
            f"không đọc được trạng thái của loa {path}: {exc.strerror}",
            code="state_unreadable",
        ) from exc
    try:
        state = loads_strict(data)
        ok = (
            isinstance(state, dict)
            and state.get("format") == 1
            and isinstance(state.get("targets"), dict)
            and all(
                isinstance(v, dict)
                and isinstance(v.get("sequence"), int)
                and not isinstance(v.get("sequence"), bool)
                for v in state["targets"].values()
            )
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        ok = False
    if not ok:
        # Fail closed: a damaged state must not reset the sequence and let old bundles in.
        raise BundleRejected(
            f"unit state {path} is damaged; refusing bundles until it is repaired",
            f"tệp trạng thái {path} bị hỏng; từ chối gói cho đến khi sửa",
            code="state_unreadable",
        )
    return state


def check_sequence(state_dir: str | os.PathLike[str], manifest: Manifest) -> None:
    """Refuse ``manifest`` unless its sequence is newer than the one held for its target."""
    held = _load_state(state_dir)["targets"].get(target_key(manifest.target))
    if held is not None and manifest.sequence <= held["sequence"]:
        raise BundleRejected(
            f"sequence {manifest.sequence} is not newer than {held['sequence']} held for this target",
            f"số thứ tự {manifest.sequence} không mới hơn {held['sequence']} đang giữ cho đích này",
            code="stale_sequence",
        )


def record_accepted(state_dir: str | os.PathLike[str], manifest: Manifest) -> None:
    """Remember ``manifest.sequence`` as the newest accepted for its target (atomic write).

    Recording the same bundle twice is a no-op; recording an older one is refused.
    One writer (the unit daemon) is assumed.
    """
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(state_dir)
    key = target_key(manifest.target)
    held = state["targets"].get(key)
    if held is not None:
        if held["sequence"] == manifest.sequence and held.get("bundle_id") == manifest.bundle_id:
            return
        check_sequence(state_dir, manifest)
    state["targets"][key] = {"sequence": manifest.sequence, "bundle_id": manifest.bundle_id}
    atomic_write(_state_path(state_dir), canonical_json(state) + b"\n")

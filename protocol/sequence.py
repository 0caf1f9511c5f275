"""The unit's replay protection: the newest accepted bundle sequence of its panel, on disk.

A panel numbers its bundles from one counter for all its targets, which goes on across a
rotation of its signing key, so a unit remembers per key id the newest sequence it switched
to, whatever the bundle was addressed to (the unit itself, its commune, its province), and a
bundle is refused unless its sequence is newer than the newest of **every key of its panel**
(``panel_keys``: on a unit, the keys it trusts, which are its panel's). So an older bundle
for another target cannot roll the unit back, nor can one signed with the old key while the
unit still trusts it next to the new one. A caller that names no ``panel_keys`` is judged
against the bundle's own key only. ``bundle-state.json`` (canonical JSON, written
atomically), format 3::

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
emergency bundle is never accepted again; its floor is shared by the panel's keys the same
way. A format-2 file (no emergency floor) is read as format 3 with an empty one and
rewritten as format 3 at the next record. The per-key entries are what older software wrote
too, so a file of any format takes the cross-key rule as soon as it is read.

An entry of a key the unit no longer trusts is left in the file but no longer binds: a key
taken off the unit (say it leaked and signed a huge sequence) cannot block its successor.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
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
# larger than any state a unit writes (a few entries per key, target and emergency): a file
# past it is damaged, not read
MAX_STATE_BYTES = 16 * 1024 * 1024


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
            # what the file holds, not the cap: a 16 MiB buffer per read is a large
            # allocation on every import and poll (a Pi has little memory to spare)
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(min(size, MAX_STATE_BYTES) + 1)
    except FileNotFoundError:
        return {"format": STATE_FORMAT, "keys": {}, "targets": {}, "emergency": {}}
    except OSError as exc:
        raise BundleRejected(
            f"cannot read unit state {path}: {exc.strerror}",
            f"không đọc được trạng thái của loa {path}: {exc.strerror}",
            code="state_unreadable",
        ) from exc
    if len(data) > MAX_STATE_BYTES:
        raise _damaged(path)
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


PanelKeys = Iterable[str] | None


def _binding(key_id: str, panel_keys: PanelKeys) -> set[str]:
    """The key ids whose entries bind a bundle signed with ``key_id``."""
    return {key_id, *(panel_keys or ())}


def _newest_of(
    floors: dict[str, Any], key_id: str, panel_keys: PanelKeys
) -> tuple[str, dict[str, Any]] | None:
    """(key id, entry) of the newest entry in ``floors`` of any key of ``key_id``'s panel."""
    binding = _binding(key_id, panel_keys)
    candidates = [(kid, e) for kid, e in sorted(floors.items()) if kid in binding]
    # on equal sequences the bundle's own key is named (then the first by key id)
    return max(candidates, key=lambda c: (c[1]["sequence"], c[0] == key_id), default=None)


def _newest(
    state: dict[str, Any], key_id: str, panel_keys: PanelKeys = None
) -> tuple[str | None, dict[str, Any]] | None:
    """(key id, entry) of the newest ordinary bundle accepted from ``key_id``'s panel; the
    legacy floor (key id None) binds every key."""
    candidates: list[tuple[str | None, dict[str, Any]]] = []
    own = _newest_of(state["keys"], key_id, panel_keys)
    if own is not None:
        candidates.append(own)
    if state.get("legacy") is not None:
        candidates.append((None, state["legacy"]))
    return max(candidates, key=lambda c: c[1]["sequence"], default=None)


def newest_accepted(
    state_dir: str | os.PathLike[str], key_id: str, *, panel_keys: PanelKeys = None
) -> tuple[int, str] | None:
    """(sequence, bundle_id) of the newest bundle accepted from ``key_id`` or another key of
    its panel (``panel_keys``; None: that key alone). None: none yet."""
    newest = _newest(_load_state(state_dir), key_id, panel_keys)
    return None if newest is None else (newest[1]["sequence"], newest[1].get("bundle_id", ""))


def newest_emergency(
    state_dir: str | os.PathLike[str], key_id: str, *, panel_keys: PanelKeys = None
) -> tuple[int, str] | None:
    """(sequence, bundle_id) of the newest emergency bundle accepted from ``key_id`` or
    another key of its panel (``panel_keys``; None: that key alone)."""
    newest = _newest_of(_load_state(state_dir)["emergency"], key_id, panel_keys)
    return None if newest is None else (newest[1]["sequence"], newest[1].get("bundle_id", ""))


def time_floor(state_dir: str | os.PathLike[str]) -> datetime | None:
    """The newest ``issued_at`` of any accepted bundle: the real time is at least this."""
    return _parse_time(_load_state(state_dir).get("issued_floor"))


def _stale(
    manifest: Manifest, held_kid: str | None, held: dict[str, Any], *, emergency: bool
) -> BundleRejected:
    what, what_vi = "sequence", "số thứ tự"
    if emergency:
        what, what_vi = "emergency sequence", "số thứ tự khẩn cấp"
    if held_kid is None or held_kid == manifest.key_id:
        where = f"from this panel (key {manifest.key_id})"
        where_vi = f"từ máy chủ này (khóa {manifest.key_id})"
    else:
        # the panel's other key: the keys a unit trusts share one floor (key rotation)
        where = (
            f"from this panel under its key {held_kid} (key {manifest.key_id} signed this one; "
            f"the keys of one panel share one floor, so a bundle signed with a replaced key "
            f"cannot roll the unit back)"
        )
        where_vi = (
            f"từ máy chủ này bằng khóa {held_kid} (gói này ký bằng khóa {manifest.key_id}; các "
            f"khóa của một máy chủ dùng chung một mốc, nên gói ký bằng khóa đã thay không thể "
            f"đưa loa về nội dung cũ)"
        )
    return BundleRejected(
        f"{what} {manifest.sequence} is not newer than {held['sequence']} already accepted {where}",
        f"{what_vi} {manifest.sequence} không mới hơn {held['sequence']} đã nhận {where_vi}",
        code="stale_sequence",
    )


def check_sequence(
    state_dir: str | os.PathLike[str], manifest: Manifest, *, panel_keys: PanelKeys = None
) -> None:
    """Refuse ``manifest`` unless its sequence is newer than the newest accepted from any key
    of its panel (its own key and ``panel_keys``: on a unit, every key it trusts), whatever
    target either was addressed to. An emergency bundle is checked against the emergency
    floor of those keys instead (its own counter)."""
    state = _load_state(state_dir)
    if manifest.emergency is not None:
        newest = _newest_of(state["emergency"], manifest.key_id, panel_keys)
        if newest is not None and manifest.sequence <= newest[1]["sequence"]:
            raise _stale(manifest, newest[0], newest[1], emergency=True)
        return
    held = _newest(state, manifest.key_id, panel_keys)
    if held is not None and manifest.sequence <= held[1]["sequence"]:
        raise _stale(manifest, held[0], held[1], emergency=False)


def record_accepted(
    state_dir: str | os.PathLike[str], manifest: Manifest, *, panel_keys: PanelKeys = None
) -> None:
    """Remember ``manifest`` as the newest accepted from its key (atomic write).

    Recording the newest bundle again is a no-op; recording one not newer than the newest of
    its panel's keys (``panel_keys``, as for :func:`check_sequence`) is refused.
    One writer (the unit daemon) is assumed.
    """
    panel_keys = None if panel_keys is None else frozenset(panel_keys)  # read more than once
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(state_dir)
    entry = {"sequence": manifest.sequence, "bundle_id": manifest.bundle_id}
    if manifest.emergency is not None:
        if state["emergency"].get(manifest.key_id) == entry:
            return
        check_sequence(state_dir, manifest, panel_keys=panel_keys)
        state["emergency"][manifest.key_id] = entry
        _advance_floor(state, manifest)
        atomic_write(_state_path(state_dir), canonical_json(state) + b"\n")
        return
    newest = _newest(state, manifest.key_id, panel_keys)
    held = None if newest is None else newest[1]
    if held is not None and held == entry and state["keys"].get(manifest.key_id) == entry:
        return
    if held is None or held != entry:
        check_sequence(state_dir, manifest, panel_keys=panel_keys)
    state["keys"][manifest.key_id] = entry
    state["targets"][target_key(manifest.target)] = dict(entry)
    _advance_floor(state, manifest)
    atomic_write(_state_path(state_dir), canonical_json(state) + b"\n")


def _advance_floor(state: dict[str, Any], manifest: Manifest) -> None:
    floor = _parse_time(state.get("issued_floor"))
    if floor is None or manifest.issued_at > floor:
        state["issued_floor"] = manifest.issued_at.isoformat()

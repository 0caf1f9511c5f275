"""Emergency bundles have their own sequence space in the unit state (protocol.sequence):
a per-key emergency floor, apart from ordinary bundles, and the format-2 state file read
and rewritten as format 3."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

import pytest

from protocol import sequence as S
from protocol.bundle import verify_bundle
from protocol.errors import BundleRejected
from protocol.manifest import Emergency, Manifest, Target

from .test_sequence import NOW, Panel

AREA = Target(areas=("xa-tan-phu",))


@pytest.fixture
def panel(tmp_path) -> Panel:
    return Panel(tmp_path)


def _emergency(panel: Panel, sequence: int, action: str = "play") -> Manifest:
    base = panel.manifest(sequence=sequence, target=AREA)
    em = Emergency(
        id=str(uuid.uuid4()), action=action, repeats=2, gap_s=30, start_at=base.issued_at
    )
    items = (replace(base.items[0], priority="emergency"),) if action == "play" else ()
    return replace(base, items=items, emergency=em)


def _verify(panel: Panel, manifest: Manifest):
    return verify_bundle(
        panel.build(manifest),
        trusted_keys=panel.trusted,
        now=NOW,
        state_dir=panel.state,
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
    )


def test_an_emergency_never_blocks_an_ordinary_bundle_numbered_before_it(panel):
    ordinary = panel.manifest(sequence=5, target=AREA)
    S.record_accepted(panel.state, ordinary)
    em = _emergency(panel, 40)
    _verify(panel, em)
    S.record_accepted(panel.state, em)
    # the ordinary counter is untouched: 6 is still newer than 5
    _verify(panel, panel.manifest(sequence=6, target=AREA))
    assert S.newest_accepted(panel.state, panel.kid) == (5, ordinary.bundle_id)
    assert S.newest_emergency(panel.state, panel.kid) == (40, em.bundle_id)
    # and an emergency numbered below the ordinary floor is fine too
    low = _emergency(panel, 41)
    S.record_accepted(panel.state, replace(panel.manifest(sequence=50, target=AREA)))
    _verify(panel, low)


def test_an_old_emergency_bundle_cannot_be_replayed(panel):
    first = _emergency(panel, 7)
    S.record_accepted(panel.state, first)
    S.record_accepted(panel.state, first)  # recording it again is a no-op
    for stale in (first, _emergency(panel, 6), _emergency(panel, 7, "stop")):
        with pytest.raises(BundleRejected) as err:
            _verify(panel, stale)
        assert err.value.code == "stale_sequence"
        assert "emergency sequence" in err.value.reason and err.value.reason_vi
    with pytest.raises(BundleRejected):
        S.record_accepted(panel.state, _emergency(panel, 3))
    stop = _emergency(panel, 8, "stop")
    _verify(panel, stop)
    S.record_accepted(panel.state, stop)
    assert S.newest_emergency(panel.state, panel.kid) == (8, stop.bundle_id)
    # an ordinary bundle does not move the emergency floor, nor the other way round
    S.record_accepted(panel.state, panel.manifest(sequence=100, target=AREA))
    _verify(panel, _emergency(panel, 9))


def test_emergency_floor_is_per_key(panel):
    S.record_accepted(panel.state, _emergency(panel, 7))
    other = _emergency(panel, 1)
    other = replace(other, key_id="00000000000000ff")
    S.check_sequence(panel.state, other)


def test_a_format_2_state_file_is_migrated(panel):
    ordinary = panel.manifest(sequence=9, target=AREA)
    panel.state.mkdir()
    path = panel.state / S.STATE_FILE_NAME
    old = {
        "format": 2,
        "keys": {panel.kid: {"sequence": 9, "bundle_id": ordinary.bundle_id}},
        "targets": {S.target_key(AREA): {"sequence": 9, "bundle_id": ordinary.bundle_id}},
        "issued_floor": ordinary.issued_at.isoformat(),
    }
    path.write_text(json.dumps(old))
    # read as format 3: the ordinary floor binds, no emergency floor yet
    with pytest.raises(BundleRejected):
        S.check_sequence(panel.state, panel.manifest(sequence=9, target=AREA))
    assert S.newest_emergency(panel.state, panel.kid) is None
    em = _emergency(panel, 1)
    _verify(panel, em)
    assert json.loads(path.read_text()) == old  # reading does not rewrite
    S.record_accepted(panel.state, em)
    saved = json.loads(path.read_text())
    assert saved["format"] == 3
    assert saved["keys"] == old["keys"] and saved["targets"] == old["targets"]
    assert saved["emergency"] == {panel.kid: {"sequence": 1, "bundle_id": em.bundle_id}}
    assert S.newest_accepted(panel.state, panel.kid) == (9, ordinary.bundle_id)


@pytest.mark.parametrize(
    "emergency",
    [[], {"k": {"sequence": "1"}}, {"k": {"sequence": True}}, {"k": []}],
)
def test_a_damaged_emergency_floor_fails_closed(panel, emergency):
    panel.state.mkdir()
    (panel.state / S.STATE_FILE_NAME).write_text(
        json.dumps({"format": 3, "keys": {}, "targets": {}, "emergency": emergency})
    )
    for manifest in (_emergency(panel, 1), panel.manifest(sequence=1, target=AREA)):
        with pytest.raises(BundleRejected) as err:
            S.check_sequence(panel.state, manifest)
        assert err.value.code == "state_unreadable"


def test_a_format_3_file_without_emergency_floor_is_damaged(panel):
    panel.state.mkdir()
    (panel.state / S.STATE_FILE_NAME).write_text(
        json.dumps({"format": 3, "keys": {}, "targets": {}})
    )
    with pytest.raises(BundleRejected) as err:
        S.check_sequence(panel.state, _emergency(panel, 1))
    assert err.value.code == "state_unreadable"


def test_a_state_file_past_the_cap_is_damaged_and_a_valid_one_at_the_cap_is_read(
    panel, monkeypatch
):
    """The read is sized by the file (not a buffer of the cap per read); past the cap the file
    is refused as damaged, whatever it holds, and a file that fits is read whole."""
    panel.state.mkdir()
    state = json.dumps({"format": 3, "keys": {}, "targets": {}, "emergency": {}})
    path = panel.state / S.STATE_FILE_NAME
    path.write_text(state + " " * 100)  # valid JSON, padded
    monkeypatch.setattr(S, "MAX_STATE_BYTES", len(state) + 100)
    S.check_sequence(panel.state, _emergency(panel, 1))  # exactly at the cap: read, accepted
    path.write_text(state + " " * 101)  # one byte past it
    with pytest.raises(BundleRejected) as err:
        S.check_sequence(panel.state, _emergency(panel, 1))
    assert err.value.code == "state_unreadable"

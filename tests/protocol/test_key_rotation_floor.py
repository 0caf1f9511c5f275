"""Replay protection across a panel key rotation (protocol.sequence, protocol.bundle).

While a unit trusts the panel's old key A and its new key B, the keys it trusts share one
sequence floor (and one emergency floor): a bundle signed with A before the rotation cannot
be accepted after a newer one signed with B. The state file keeps its format; older files
load and take the same rule; a damaged one still refuses everything.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

import pytest

from protocol import keys as signing
from protocol import sequence as S
from protocol.bundle import build_bundle, verify_bundle
from protocol.errors import BundleRejected
from protocol.manifest import Emergency, Manifest, Target

from .test_sequence import NOW, Panel

AREA = Target(areas=("xa-tan-phu",))
UNIT = Target(units=("unit-01",))


class Rotation:
    """One panel with its old key A and its new key B; the unit trusts both."""

    def __init__(self, panel: Panel) -> None:
        self.panel = panel
        self.old_kid = panel.kid
        self.new_priv, self.new_pub = signing.generate_keypair()
        self.new_kid = signing.key_id(self.new_pub)
        self.trusted = {self.old_kid: panel.pub, self.new_kid: self.new_pub}
        self.state = panel.state

    def old(self, sequence: int, *, target: Target = AREA) -> Manifest:
        return self.panel.manifest(sequence=sequence, target=target)

    def new(self, sequence: int, *, target: Target = AREA) -> Manifest:
        return replace(self.panel.manifest(sequence=sequence, target=target), key_id=self.new_kid)

    def build(self, manifest: Manifest):
        key = self.new_priv if manifest.key_id == self.new_kid else self.panel.priv
        out = self.panel.tmp / f"{manifest.key_id}-{manifest.sequence}-{manifest.bundle_id}.loa"
        return build_bundle(
            manifest, {self.panel.sha: self.panel.wav}, signing_key=key, out_path=out, now=NOW
        )

    def verify(self, manifest: Manifest, *, trusted=None):
        return verify_bundle(
            self.build(manifest),
            trusted_keys=self.trusted if trusted is None else trusted,
            now=NOW,
            state_dir=self.state,
            unit_id="unit-01",
            unit_areas=("xa-tan-phu",),
        )

    def accept(self, manifest: Manifest):
        """What the unit does: verify, then record (both with the keys it trusts)."""
        verified = self.verify(manifest)
        S.record_accepted(self.state, verified.manifest, panel_keys=self.trusted)
        return verified

    def emergency(self, sequence: int, *, new: bool, action: str = "play") -> Manifest:
        base = self.new(sequence) if new else self.old(sequence)
        em = Emergency(
            id=str(uuid.uuid4()), action=action, repeats=1, gap_s=0, start_at=base.issued_at
        )
        items = (replace(base.items[0], priority="emergency"),) if action == "play" else ()
        return replace(base, items=items, emergency=em)


@pytest.fixture
def rot(tmp_path) -> Rotation:
    return Rotation(Panel(tmp_path))


def _assert_stale_across_keys(err: pytest.ExceptionInfo[BundleRejected], rot: Rotation) -> None:
    exc = err.value
    assert exc.code == "stale_sequence"
    assert "not newer than 100" in exc.reason
    assert rot.new_kid in exc.reason and rot.old_kid in exc.reason
    assert "không mới hơn 100" in exc.reason_vi
    assert rot.new_kid in exc.reason_vi and rot.old_kid in exc.reason_vi
    assert exc.reason_vi != exc.reason


def test_an_old_key_bundle_after_a_newer_new_key_bundle_is_refused(rot):
    rot.accept(rot.old(80))
    rot.accept(rot.new(100))
    # sequence 95, signed with A before the rotation, still in its window (a found stick)
    with pytest.raises(BundleRejected) as err:
        rot.verify(rot.old(95))
    _assert_stale_across_keys(err, rot)
    # recording it directly is refused too, and the floor stays where it was
    with pytest.raises(BundleRejected) as err:
        S.record_accepted(rot.state, rot.old(95), panel_keys=rot.trusted)
    _assert_stale_across_keys(err, rot)
    assert S.newest_accepted(rot.state, rot.old_kid, panel_keys=rot.trusted)[0] == 100


def test_a_fresh_unit_trusting_both_keys_refuses_the_old_key_after_the_new(rot):
    # enrolled during the rotation: it never took anything from A
    assert S.newest_accepted(rot.state, rot.old_kid, panel_keys=rot.trusted) is None
    rot.accept(rot.new(100, target=UNIT))
    with pytest.raises(BundleRejected) as err:
        rot.verify(rot.old(95))  # for its area, signed with the other key
    _assert_stale_across_keys(err, rot)


def test_the_ordinary_path_and_the_rotation_itself_still_work(rot):
    # a fresh unit takes the old key's bundles in order
    rot.accept(rot.old(1))
    rot.accept(rot.old(2, target=UNIT))
    # the panel's counter continues across the rotation: B's first bundle is newer
    rot.accept(rot.new(3))
    rot.accept(rot.new(4, target=UNIT))
    with pytest.raises(BundleRejected) as err:
        rot.verify(rot.new(4))
    assert err.value.code == "stale_sequence"
    # A, still trusted, signing a newer bundle is not refused (a rotation rolled back)
    rot.accept(rot.old(5))
    assert S.newest_accepted(rot.state, rot.new_kid, panel_keys=rot.trusted)[0] == 5
    # recording the newest again is still a no-op
    newest = rot.new(6)
    rot.accept(newest)
    S.record_accepted(rot.state, newest, panel_keys=rot.trusted)
    saved = json.loads((rot.state / S.STATE_FILE_NAME).read_text())
    assert saved["format"] == 3
    assert saved["keys"][rot.old_kid]["sequence"] == 5
    assert saved["keys"][rot.new_kid] == {"sequence": 6, "bundle_id": newest.bundle_id}


def test_a_key_taken_off_the_unit_no_longer_holds_the_floor(rot):
    # the old key signed a huge sequence (say it leaked): once the technician takes it off
    # the unit, the new key's bundles are judged against the new key's own floor again
    rot.accept(rot.new(100))
    rot.accept(rot.old(10**9))
    with pytest.raises(BundleRejected):
        rot.verify(rot.new(101))
    only_new = {rot.new_kid: rot.new_pub}
    verified = rot.verify(rot.new(101), trusted=only_new)
    S.record_accepted(rot.state, verified.manifest, panel_keys=only_new)
    with pytest.raises(BundleRejected) as err:
        rot.verify(rot.new(100), trusted=only_new)
    assert err.value.code == "stale_sequence"


def test_emergency_bundles_share_one_floor_across_the_keys_too(rot):
    rot.accept(rot.emergency(7, new=False))
    rot.accept(rot.emergency(9, new=True))
    for stale in (rot.emergency(8, new=False), rot.emergency(8, new=False, action="stop")):
        with pytest.raises(BundleRejected) as err:
            rot.verify(stale)
        exc = err.value
        assert exc.code == "stale_sequence"
        assert "emergency sequence 8 is not newer than 9" in exc.reason
        assert rot.new_kid in exc.reason and rot.new_kid in exc.reason_vi
        assert "khẩn cấp" in exc.reason_vi
    assert S.newest_emergency(rot.state, rot.old_kid, panel_keys=rot.trusted)[0] == 9
    # still a floor apart from ordinary bundles: neither blocks the other
    rot.accept(rot.old(1))
    rot.accept(rot.emergency(10, new=False))
    assert S.newest_accepted(rot.state, rot.new_kid, panel_keys=rot.trusted)[0] == 1


@pytest.mark.parametrize("fmt", [2, 3])
def test_an_older_state_file_loads_and_takes_the_cross_key_rule(rot, fmt):
    # written by software that kept one floor per key: A at 80, B at 100
    b100 = rot.new(100)
    old = {
        "format": fmt,
        "keys": {
            rot.old_kid: {"sequence": 80, "bundle_id": str(uuid.uuid4())},
            rot.new_kid: {"sequence": 100, "bundle_id": b100.bundle_id},
        },
        "targets": {S.target_key(AREA): {"sequence": 100, "bundle_id": b100.bundle_id}},
        "issued_floor": b100.issued_at.isoformat(),
    }
    if fmt == 3:
        old["emergency"] = {rot.old_kid: {"sequence": 4, "bundle_id": str(uuid.uuid4())}}
    rot.state.mkdir()
    path = rot.state / S.STATE_FILE_NAME
    path.write_text(json.dumps(old))
    with pytest.raises(BundleRejected) as err:
        rot.verify(rot.old(95))
    _assert_stale_across_keys(err, rot)
    if fmt == 3:
        with pytest.raises(BundleRejected) as err:
            rot.verify(rot.emergency(3, new=True))
        assert err.value.code == "stale_sequence"
    assert json.loads(path.read_text()) == old  # reading does not rewrite
    rot.accept(rot.new(101))
    saved = json.loads(path.read_text())
    assert saved["format"] == 3
    assert saved["keys"][rot.old_kid] == old["keys"][rot.old_kid]
    assert saved["keys"][rot.new_kid]["sequence"] == 101
    assert saved["emergency"] == old.get("emergency", {})


def test_a_format_1_state_still_floors_every_key(rot):
    rot.state.mkdir()
    (rot.state / S.STATE_FILE_NAME).write_text(
        json.dumps(
            {
                "format": 1,
                "targets": {S.target_key(UNIT): {"sequence": 50, "bundle_id": str(uuid.uuid4())}},
            }
        )
    )
    for stale in (rot.old(50), rot.new(49)):
        with pytest.raises(BundleRejected) as err:
            rot.verify(stale)
        assert err.value.code == "stale_sequence"
    rot.accept(rot.new(60))
    with pytest.raises(BundleRejected) as err:
        rot.verify(rot.old(55))
    assert err.value.code == "stale_sequence" and rot.new_kid in err.value.reason


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        json.dumps({"format": 3, "keys": {"a": {"sequence": "9"}}, "targets": {}, "emergency": {}}),
        json.dumps({"format": 3, "keys": {}, "targets": {}}),
        json.dumps({"format": 4, "keys": {}, "targets": {}, "emergency": {}}),
    ],
)
def test_a_damaged_state_still_refuses_every_bundle(rot, content):
    rot.state.mkdir()
    raw = content if isinstance(content, bytes) else content.encode()
    (rot.state / S.STATE_FILE_NAME).write_bytes(raw)
    for manifest in (rot.new(1), rot.old(1), rot.emergency(1, new=True)):
        with pytest.raises(BundleRejected) as err:
            rot.verify(manifest)
        assert err.value.code == "state_unreadable"

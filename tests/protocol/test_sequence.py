"""The unit's replay protection (protocol.sequence) and the verifier's checks that use it:
one sequence per signing key across targets, the lower bound of now an untrusted clock still
has, a state written by the old per-target format, and a caller's manifest check."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import uuid
import wave
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from protocol import keys as signing
from protocol import sequence as S
from protocol.bundle import Limits, build_bundle, verify_bundle
from protocol.errors import BundleRejected
from protocol.manifest import Approval, BundleItem, Manifest, Target

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _wav(path: Path) -> Path:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(1600))
    path.write_bytes(buf.getvalue())
    return path


class Panel:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.priv, self.pub = signing.generate_keypair()
        self.kid = signing.key_id(self.pub)
        self.trusted = {self.kid: self.pub}
        self.wav = _wav(tmp / "a.wav")
        self.sha = hashlib.sha256(self.wav.read_bytes()).hexdigest()
        self.state = tmp / "state"

    def manifest(
        self,
        *,
        sequence: int,
        target: Target,
        issued_at: datetime | None = None,
        expires_at: datetime | None = None,
        valid_until: datetime | None = None,
        schedule: dict | None = None,
    ) -> Manifest:
        issued = issued_at or NOW - timedelta(hours=1)
        item = BundleItem(
            id="a",
            title="Bản tin",
            topic="an ninh",
            priority="normal",
            audio_sha256=self.sha,
            audio_size=self.wav.stat().st_size,
            duration_s=0.1,
            sample_rate=8000,
            script_version_id="1",
            loop=False,
            approval=Approval(
                id="1",
                reviewer="Công an xã",
                approved_at=issued - timedelta(days=1),
                valid_from=issued - timedelta(days=1),
                valid_until=valid_until or NOW + timedelta(days=30),
            ),
        )
        return Manifest(
            bundle_id=str(uuid.uuid4()),
            target=target,
            sequence=sequence,
            issued_at=issued,
            expires_at=expires_at or NOW + timedelta(days=7),
            key_id=self.kid,
            items=(item,),
            schedule=schedule or {},
        )

    def build(self, manifest: Manifest, *, built_at: datetime = NOW) -> Path:
        out = self.tmp / f"{manifest.sequence}-{manifest.bundle_id[:8]}.loa"
        return build_bundle(
            manifest, {self.sha: self.wav}, signing_key=self.priv, out_path=out, now=built_at
        )


UNIT = Target(units=("unit-01",))
AREA = Target(areas=("xa-tan-phu",))


@pytest.fixture
def panel(tmp_path) -> Panel:
    return Panel(tmp_path)


def test_sequence_is_per_signing_key_across_targets(panel):
    nine = panel.manifest(sequence=9, target=UNIT)
    S.check_sequence(panel.state, nine)
    S.record_accepted(panel.state, nine)
    for seq in (5, 9):
        with pytest.raises(BundleRejected) as err:
            S.check_sequence(panel.state, panel.manifest(sequence=seq, target=AREA))
        assert err.value.code == "stale_sequence" and "not newer than 9" in err.value.reason
    with pytest.raises(BundleRejected):
        S.record_accepted(panel.state, panel.manifest(sequence=5, target=AREA))
    S.check_sequence(panel.state, panel.manifest(sequence=10, target=AREA))
    assert S.newest_accepted(panel.state, panel.kid) == (9, nine.bundle_id)
    # another panel (another key) has its own counter
    _, other_pub = signing.generate_keypair()
    other = panel.manifest(sequence=1, target=AREA)
    other = replace(other, key_id=signing.key_id(other_pub))
    S.check_sequence(panel.state, other)


def test_verify_refuses_an_older_bundle_for_another_target(panel):
    S.record_accepted(panel.state, panel.manifest(sequence=9, target=UNIT))
    old = panel.build(panel.manifest(sequence=5, target=AREA))
    with pytest.raises(BundleRejected) as err:
        verify_bundle(
            old,
            trusted_keys=panel.trusted,
            now=NOW,
            state_dir=panel.state,
            unit_id="unit-01",
            unit_areas=("xa-tan-phu",),
        )
    assert err.value.code == "stale_sequence"


def test_a_state_of_the_old_per_target_format_is_read_as_a_floor_for_every_key(panel):
    m9 = panel.manifest(sequence=9, target=UNIT)
    panel.state.mkdir()
    (panel.state / S.STATE_FILE_NAME).write_text(
        json.dumps(
            {
                "format": 1,
                "targets": {
                    S.target_key(UNIT): {"sequence": 9, "bundle_id": m9.bundle_id},
                    S.target_key(AREA): {"sequence": 5, "bundle_id": str(uuid.uuid4())},
                },
            }
        )
    )
    with pytest.raises(BundleRejected):
        S.check_sequence(panel.state, panel.manifest(sequence=7, target=AREA))
    assert S.newest_accepted(panel.state, panel.kid) == (9, m9.bundle_id)
    S.record_accepted(panel.state, m9)  # the newest itself: recorded without complaint
    newer = panel.manifest(sequence=11, target=AREA)
    S.record_accepted(panel.state, newer)
    saved = json.loads((panel.state / S.STATE_FILE_NAME).read_text())
    assert saved["format"] == 3 and saved["keys"][panel.kid]["sequence"] == 11
    assert saved["emergency"] == {}
    assert S.newest_accepted(panel.state, panel.kid) == (11, newer.bundle_id)


def test_the_newest_issued_at_is_a_lower_bound_of_now_on_an_untrusted_clock(panel):
    assert S.time_floor(panel.state) is None
    S.record_accepted(panel.state, panel.manifest(sequence=4, target=UNIT))
    assert S.time_floor(panel.state) == NOW - timedelta(hours=1)
    past = panel.manifest(
        sequence=5,
        target=UNIT,
        issued_at=NOW - timedelta(days=10),
        expires_at=NOW - timedelta(days=3),
    )
    path = panel.build(past, built_at=NOW - timedelta(days=9))
    with pytest.raises(BundleRejected) as err:
        verify_bundle(
            path,
            trusted_keys=panel.trusted,
            now=NOW - timedelta(days=30),
            clock_trusted=False,
            state_dir=panel.state,
        )
    assert err.value.code == "expired"
    approval = panel.manifest(
        sequence=6,
        target=UNIT,
        issued_at=NOW - timedelta(days=10),
        valid_until=NOW - timedelta(days=2),
    )
    path = panel.build(approval, built_at=NOW - timedelta(days=9))
    with pytest.raises(BundleRejected) as err:
        verify_bundle(path, trusted_keys=panel.trusted, clock_trusted=False, state_dir=panel.state)
    assert err.value.code == "approval_expired"
    fine = panel.build(panel.manifest(sequence=7, target=UNIT))
    verified = verify_bundle(
        fine, trusted_keys=panel.trusted, clock_trusted=False, state_dir=panel.state
    )
    assert verified.time_checked is False
    # without a state (no floor) nothing can be said
    verify_bundle(path, trusted_keys=panel.trusted, clock_trusted=False)


def test_a_manifest_check_from_the_caller_runs_after_the_signature(panel):
    path = panel.build(panel.manifest(sequence=1, target=UNIT, schedule={"bad": True}))
    seen = []

    def check(manifest: Manifest) -> None:
        seen.append(manifest.sequence)
        raise BundleRejected(
            "the schedule cannot be used", "không dùng được lịch phát", code="schedule_invalid"
        )

    with pytest.raises(BundleRejected) as err:
        verify_bundle(path, trusted_keys=panel.trusted, now=NOW, manifest_check=check)
    assert err.value.code == "schedule_invalid" and seen == [1]
    tampered = bytearray(path.read_bytes())
    tampered[600] ^= 1  # inside the signature: the check never sees an unsigned manifest
    path.write_bytes(bytes(tampered))
    seen.clear()
    with pytest.raises(BundleRejected) as err:
        verify_bundle(path, trusted_keys=panel.trusted, now=NOW, manifest_check=check)
    assert err.value.code == "bad_signature" and seen == []


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_the_verifier_opens_only_regular_files(panel, tmp_path, kind):
    path = tmp_path / f"x-{kind}.loa"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    else:
        path.mkdir()
    box: dict = {}

    def attempt():
        try:
            verify_bundle(path, trusted_keys=panel.trusted, now=NOW)
        except BundleRejected as exc:
            box["err"] = exc

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the verifier blocked on a special file"
    assert box["err"].code in ("not_a_file", "unreadable")


def test_limits_name_the_largest_file_a_bundle_can_be():
    limits = Limits()
    assert limits.max_file_bytes >= limits.max_total_bytes + 2 * 512
    small = Limits(max_members=3, max_total_bytes=1000)
    assert small.max_file_bytes == 1000 + 3 * 1024 + 1024

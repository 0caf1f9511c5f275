"""Signed bundles: format, build refusals, every rejection reason, extraction, rotation, state."""

from __future__ import annotations

import hashlib
import json
import os
import random
import tarfile
import unicodedata
from dataclasses import replace
from datetime import timedelta

import pytest

from content_library import bundle as B
from protocol import keys as signing

from .conftest import BundleKit, assemble, tar_end, tar_header, tar_member, write_wav

# --------------------------------------------------------------------------- happy path


def test_build_and_verify_round_trip(kit, bundle_path):
    verified = kit.verify(bundle_path, state_dir=kit.state_dir)
    manifest = kit.manifest()
    assert verified.manifest == manifest
    assert verified.manifest_bytes == manifest.to_json_bytes()
    assert verified.key_id == kit.kid
    assert verified.time_checked and verified.sequence_checked
    assert [m.name for m in verified.members][:2] == ["manifest.json", "manifest.sig"]
    for sha, path in kit.audio.items():
        assert verified.read_audio(sha) == path.read_bytes()


def test_bundle_is_deterministic_and_a_plain_tar(kit):
    first = kit.build(name="one.loa").read_bytes()
    second = kit.build(name="two.loa").read_bytes()
    assert first == second
    with tarfile.open(kit.tmp / "one.loa") as tar:
        names = tar.getnames()
        assert names == ["manifest.json", "manifest.sig"] + [
            f"audio/{sha}.wav" for sha in sorted(kit.audio)
        ]
        info = tar.getmember("manifest.json")
        assert (info.mtime, info.uid, info.gid, info.mode) == (0, 0, 0, 0o644)
        assert tar.extractfile("manifest.json").read() == kit.manifest().to_json_bytes()
    assert len(first) % 512 == 0 and first.endswith(bytes(1024))


def test_shared_audio_is_stored_once(kit):
    path = kit.wavs[0]
    items = (kit.item(path, 0), kit.item(path, 1, title="Bản tin khác"))
    verified = kit.verify(kit.build(kit.manifest(items=items)))
    assert [m.name for m in verified.members][2:] == [f"audio/{items[0].audio_sha256}.wav"]


def test_unverified_manifest_read_needs_no_trust(kit):
    other, other_pub = signing.generate_keypair()
    manifest = kit.manifest(key_id=signing.key_id(other_pub))
    path = kit.build(manifest, signing_key=other)
    assert B.read_manifest_unverified(path) == manifest
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(path)
    assert err.value.code == "untrusted_key"


# --------------------------------------------------------------------------- canonical JSON, manifest


def test_canonical_json_is_sorted_compact_utf8_nfc():
    decomposed = unicodedata.normalize("NFD", "Phòng chống ma túy")
    out = B.canonical_json({"b": [1, 2.5, None, True], "a": decomposed})
    assert out == '{"a":"Phòng chống ma túy","b":[1,2.5,null,true]}'.encode()
    with pytest.raises(ValueError, match="non-finite number"):
        B.canonical_json({"x": float("nan")})
    with pytest.raises(TypeError):
        B.canonical_json({"x": object()})
    with pytest.raises(ValueError, match="duplicate key after NFC"):
        B.canonical_json({"é": 1, unicodedata.normalize("NFD", "é"): 2})


def test_manifest_round_trips_and_stores_nfc(kit):
    manifest = kit.manifest()
    parsed = B.Manifest.from_dict(json.loads(manifest.to_json_bytes()))
    assert parsed == manifest
    assert parsed.to_json_bytes() == manifest.to_json_bytes()
    nfd = unicodedata.normalize("NFD", "Cảnh báo lừa đảo")
    item = kit.item(kit.wavs[0], 0, title=nfd)
    assert item.title == unicodedata.normalize("NFC", nfd)


def test_manifest_accepts_integer_ids_from_the_database(kit):
    item = kit.item(kit.wavs[0], 0, id=42, script_version_id=7)
    assert (item.id, item.script_version_id) == ("42", "7")
    assert B.Target(units=[3, 1]).units == ("1", "3")


def _without(d, key):
    d = dict(d)
    del d[key]
    return d


def _item0(change):
    def mutate(d):
        d["items"][0] = change(dict(d["items"][0]))
        return d

    return mutate


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        pytest.param(
            lambda d: {**d, "surprise": 1}, "unknown field manifest.surprise", id="unknown"
        ),
        pytest.param(
            lambda d: _without(d, "schedule"), "missing field manifest.schedule", id="missing"
        ),
        pytest.param(lambda d: {**d, "sequence": "5"}, "sequence", id="sequence-str"),
        pytest.param(lambda d: {**d, "sequence": True}, "sequence", id="sequence-bool"),
        pytest.param(lambda d: {**d, "sequence": -1}, "sequence", id="sequence-neg"),
        pytest.param(lambda d: {**d, "bundle_id": "nope"}, "UUID", id="bundle-id"),
        pytest.param(lambda d: {**d, "issued_at": "2026-11-20T09:30:00"}, "offset", id="naive"),
        pytest.param(lambda d: {**d, "expires_at": d["issued_at"]}, "before", id="empty-window"),
        pytest.param(lambda d: {**d, "key_id": "ABC"}, "key_id", id="key-id"),
        pytest.param(lambda d: {**d, "schedule": []}, "schedule", id="schedule-list"),
        pytest.param(
            lambda d: {**d, "target": {"units": [], "areas": []}}, "target", id="no-target"
        ),
        pytest.param(
            lambda d: {**d, "target": {"units": ["u"]}}, "target.areas", id="target-field"
        ),
        pytest.param(lambda d: {**d, "format": 2}, "format", id="format"),
        pytest.param(_item0(lambda i: {**i, "priority": "urgent"}), "priority", id="priority"),
        pytest.param(_item0(lambda i: {**i, "loop": "yes"}), "loop", id="loop"),
        pytest.param(_item0(lambda i: {**i, "audio_sha256": "AB" * 32}), "hex", id="sha-upper"),
        pytest.param(_item0(lambda i: {**i, "audio_size": 0}), "audio_size", id="size-zero"),
        pytest.param(_item0(lambda i: {**i, "duration_s": True}), "duration_s", id="duration"),
        pytest.param(_item0(lambda i: {**i, "approval": None}), "no approval", id="no-approval"),
        pytest.param(_item0(lambda i: {**i, "id": 3}), "string", id="int-id-in-json"),
        pytest.param(_item0(lambda i: _without(i, "loop")), "missing field", id="item-missing"),
        pytest.param(
            _item0(lambda i: {**i, "approval": {**i["approval"], "extra": 1}}),
            "unknown field",
            id="approval-unknown",
        ),
        pytest.param(
            lambda d: {**d, "items": [d["items"][0], d["items"][0]]},
            "duplicate item",
            id="dup-item",
        ),
    ],
)
def test_manifest_from_dict_is_strict(kit, mutate, words):
    data = mutate(json.loads(kit.manifest().to_json_bytes()))
    with pytest.raises(B.ManifestInvalid) as err:
        B.Manifest.from_dict(data)
    assert words in err.value.reason
    assert err.value.reason_vi and err.value.reason_vi != err.value.reason


# --------------------------------------------------------------------------- build refusals


def _approval(kit, **changes):
    base = kit.item(kit.wavs[0], 0).approval
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("no-approval", "not_approved"),
        ("approval-ends-now", "approval_expired"),
        ("approval-ended", "approval_expired"),
        ("bundle-expired", "expired"),
        ("wrong-signing-key", "untrusted_key"),
        ("audio-hash", "audio_hash_mismatch"),
        ("audio-size", "audio_size_mismatch"),
        ("audio-missing", "missing_member"),
        ("not-wav", "not_wav"),
        ("too-large", "bundle_too_large"),
    ],
)
def test_build_refuses(kit, case, code):
    now = kit.now
    manifest = kit.manifest()
    audio = dict(kit.audio)
    kw = {}
    first = manifest.items[0]
    if case == "no-approval":
        manifest = replace(manifest, items=(replace(first, approval=None), *manifest.items[1:]))
    elif case in ("approval-ends-now", "approval-ended"):
        until = now if case == "approval-ends-now" else now - timedelta(seconds=1)
        approval = _approval(kit, valid_until=until)
        manifest = replace(manifest, items=(replace(first, approval=approval), *manifest.items[1:]))
    elif case == "bundle-expired":
        manifest = replace(manifest, issued_at=now - timedelta(days=2), expires_at=now)
    elif case == "wrong-signing-key":
        kw["signing_key"] = signing.generate_keypair()[0]
    elif case == "audio-hash":
        audio[first.audio_sha256] = kit.wavs[1]  # same size, other content
    elif case == "audio-size":
        manifest = replace(manifest, items=(replace(first, audio_size=first.audio_size + 1),))
    elif case == "audio-missing":
        del audio[first.audio_sha256]
    elif case == "not-wav":
        fake = kit.tmp / "fake.wav"
        fake.write_bytes(b"ID3" + bytes(100))
        sha = hashlib.sha256(fake.read_bytes()).hexdigest()
        manifest = replace(manifest, items=(replace(first, audio_sha256=sha, audio_size=103),))
        audio[sha] = fake
    elif case == "too-large":
        kw["limits"] = B.Limits(max_member_bytes=100)
    out = kit.tmp / "refused.loa"
    with pytest.raises(B.BundleRejected) as err:
        B.build_bundle(
            manifest,
            audio,
            signing_key=kw.pop("signing_key", kit.priv),
            out_path=out,
            now=now,
            **kw,
        )
    assert err.value.code == code
    assert err.value.reason_vi
    assert not out.exists()
    assert not [p for p in kit.tmp.iterdir() if p.name.endswith(".tmp")]


def test_build_allows_approval_ending_before_bundle(kit):
    # Documented choice: approvals are not clipped to the bundle window, nor required to
    # cover it; the unit refuses the bundle once any item's approval has ended.
    approval = _approval(kit, valid_until=kit.now + timedelta(hours=2))
    manifest = kit.manifest()
    manifest = replace(manifest, items=(replace(manifest.items[0], approval=approval),))
    path = kit.build(manifest)
    kit.verify(path)
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(path, now=kit.now + timedelta(hours=3))
    assert err.value.code == "approval_expired"


# --------------------------------------------------------------------------- rejection reasons


def _member_offsets(data: bytes) -> dict[str, tuple[int, int]]:
    out, pos = {}, 0
    while data[pos : pos + 512] != bytes(512):
        header = data[pos : pos + 512]
        name = header[:100].rstrip(b"\0").decode()
        size = int(header[124:135], 8)
        out[name] = (pos + 512, size)
        pos += 512 + size + (-size % 512)
    return out


def _flip(data: bytes, index: int, bit: int = 0) -> bytes:
    b = bytearray(data)
    b[index] ^= 1 << bit
    return bytes(b)


def _signed_dict(kit: BundleKit, mutate, *, key=None) -> bytes:
    d = json.loads(kit.manifest().to_json_bytes())
    d = mutate(d)
    manifest_bytes = B.canonical_json(d)
    sig = (key or kit.priv).sign(manifest_bytes)
    return assemble(kit.members(manifest_bytes, sig))


def _case(kit: BundleKit, name: str):
    """Return (bundle bytes, extra verify kwargs) for one rejection case."""
    good = kit.build().read_bytes()
    offs = _member_offsets(good)
    m_off, m_size = offs["manifest.json"]
    s_off, _ = offs["manifest.sig"]
    shas = sorted(kit.audio)
    a_off, a_size = offs[f"audio/{shas[0]}.wav"]
    manifest_bytes = kit.manifest().to_json_bytes()
    members = kit.members(manifest_bytes)
    other_priv, other_pub = signing.generate_keypair()
    kw: dict = {}

    if name == "bad-signature":
        return _flip(good, s_off + 10), kw
    if name == "short-signature":
        return assemble([members[0], ("manifest.sig", members[1][1][:63]), *members[2:]]), kw
    if name == "manifest-edited":
        edited = manifest_bytes.replace(b'"sequence":5', b'"sequence":9')
        return assemble([("manifest.json", edited), members[1], *members[2:]]), kw
    if name == "untrusted-key":
        return _signed_dict(
            kit, lambda d: {**d, "key_id": signing.key_id(other_pub)}, key=other_priv
        ), kw
    if name == "forged-key-id":
        return _signed_dict(kit, lambda d: d, key=other_priv), kw
    if name == "not-json":
        return assemble(kit.members(b"\xff\xfe not json")), kw
    if name == "non-canonical-json":
        pretty = json.dumps(json.loads(manifest_bytes), indent=1).encode()
        return assemble(kit.members(pretty)), kw
    if name == "unknown-field-signed":
        return _signed_dict(kit, lambda d: {**d, "extra": True}), kw
    if name == "format-2-signed":
        return _signed_dict(kit, lambda d: {**d, "format": 2}), kw
    if name == "audio-hash":
        return _flip(good, a_off + a_size // 2), kw
    if name == "audio-swapped":
        swapped = [
            members[0],
            members[1],
            (members[2][0], members[3][1]),
            (members[3][0], members[2][1]),
            members[4],
        ]
        return assemble(swapped), kw
    if name == "audio-size":
        grown = (members[2][0], members[2][1] + b"\0")
        return assemble([*members[:2], grown, *members[3:]]), kw
    if name == "audio-missing":
        return assemble(members[:-1]), kw
    if name == "audio-extra":
        return assemble([*members, ("audio/" + "f" * 64 + ".wav", b"RIFF")]), kw
    if name == "unexpected-name":
        return assemble([*members, ("notes.txt", b"hi")]), kw
    if name == "traversal":
        return assemble([*members, ("../../etc/cron.d/x", b"hi")]), kw
    if name == "traversal-in-audio":
        return assemble([*members, ("audio/../../x.wav", b"hi")]), kw
    if name == "absolute":
        return assemble([*members, ("/etc/passwd", b"hi")]), kw
    if name == "prefix-traversal":
        extra = tar_member("x.wav", b"hi", prefix=b"../..")
        return b"".join(tar_member(n, d) for n, d in members) + extra + tar_end(), kw
    if name in ("symlink", "hardlink", "char-device", "block-device", "directory", "fifo", "pax"):
        flag = {
            "symlink": b"2",
            "hardlink": b"1",
            "char-device": b"3",
            "block-device": b"4",
            "directory": b"5",
            "fifo": b"6",
            "pax": b"x",
        }[name]
        extra = tar_header(f"audio/{'e' * 64}.wav", 0, typeflag=flag, linkname=b"/etc/shadow")
        return b"".join(tar_member(n, d) for n, d in members) + extra + tar_end(), kw
    if name == "duplicate-manifest":
        return assemble([*members, members[0]]), kw
    if name == "duplicate-audio":
        return assemble([*members, members[-1]]), kw
    if name == "signature-first":
        return assemble([members[1], members[0], *members[2:]]), kw
    if name == "audio-unsorted":
        return assemble([*members[:2], members[3], members[2], members[4]]), kw
    if name == "truncated-in-audio":
        return good[: a_off + 100], kw
    if name == "truncated-at-end-marker":
        return good[:-512], kw
    if name == "truncated-no-end":
        return good[:-1024], kw
    if name == "truncated-in-header":
        return good[: m_off - 200], kw
    if name == "empty":
        return b"", kw
    if name == "trailing-bytes":
        return good + b"x", kw
    if name == "extra-zero-block":
        return good + bytes(512), kw
    if name == "non-zero-padding":
        return _flip(good, m_off + m_size + 3), kw
    if name == "non-canonical-mtime":
        header = tar_header("manifest.json", len(manifest_bytes), mtime=b"14712345670\0")
        return header + good[512:], kw
    if name == "non-canonical-uname":
        header = tar_header("manifest.json", len(manifest_bytes), magic=b"ustar\0")
        header = bytearray(header)
        header[265:269] = b"root"
        header[148:156] = b" " * 8
        header[148:156] = b"%06o\0 " % sum(header)
        return bytes(header) + good[512:], kw
    if name == "bad-checksum":
        return _flip(good, 150), kw
    if name == "base256-size":
        header = tar_header(
            "manifest.json", 0, size=b"\x80" + bytes(7) + len(manifest_bytes).to_bytes(4, "big")
        )
        return header + good[512:], kw
    if name == "not-a-tar":
        return b"hello world\n" * 400, kw
    if name == "too-many-members":
        kw["limits"] = B.Limits(max_members=4)
        return good, kw
    if name == "member-too-large":
        kw["limits"] = B.Limits(max_member_bytes=a_size - 1)
        return good, kw
    if name == "manifest-too-large":
        kw["limits"] = B.Limits(max_manifest_bytes=m_size - 1)
        return good, kw
    if name == "declared-huge-member":
        header = tar_header(f"audio/{shas[0]}.wav", 8 * 1024**3 - 1)
        return b"".join(tar_member(n, d) for n, d in members[:2]) + header + bytes(1024), kw
    if name == "total-too-large":
        kw["limits"] = B.Limits(max_total_bytes=len(good) // 2)
        return good, kw
    if name == "stale-sequence":
        B.record_accepted(kit.state_dir, kit.manifest(sequence=7))
        kw["state_dir"] = kit.state_dir
        return good, kw
    if name == "same-sequence":
        B.record_accepted(
            kit.state_dir, kit.manifest(bundle_id="0" * 8 + "-0000-0000-0000-" + "1" * 12)
        )
        kw["state_dir"] = kit.state_dir
        return good, kw
    if name == "damaged-state":
        kit.state_dir.mkdir()
        (kit.state_dir / B.STATE_FILE_NAME).write_text("{not json")
        kw["state_dir"] = kit.state_dir
        return good, kw
    if name == "expired":
        kw["now"] = kit.now + timedelta(days=7)
        return good, kw
    if name == "not-yet-valid":
        kw["now"] = kit.now - timedelta(hours=2)
        return good, kw
    if name == "approval-expired":
        kw["now"] = kit.now + timedelta(days=6)
        short = kit.item(kit.wavs[0], 0)
        short = replace(
            short, approval=replace(short.approval, valid_until=kit.now + timedelta(days=1))
        )
        m = kit.manifest(items=(short,))
        return assemble(
            [
                ("manifest.json", m.to_json_bytes()),
                ("manifest.sig", kit.priv.sign(m.to_json_bytes())),
                (f"audio/{short.audio_sha256}.wav", kit.wavs[0].read_bytes()),
            ]
        ), kw
    if name == "wrong-target":
        kw["unit_id"] = "unit-99"
        kw["unit_areas"] = ("xa-khac",)
        return good, kw
    raise AssertionError(name)


REJECTIONS = {
    "bad-signature": "bad_signature",
    "short-signature": "bad_signature",
    "manifest-edited": "bad_signature",
    "untrusted-key": "untrusted_key",
    "forged-key-id": "bad_signature",
    "not-json": "manifest_invalid",
    "non-canonical-json": "manifest_invalid",
    "unknown-field-signed": "manifest_invalid",
    "format-2-signed": "unsupported_format",
    "audio-hash": "audio_hash_mismatch",
    "audio-swapped": "audio_hash_mismatch",
    "audio-size": "audio_size_mismatch",
    "audio-missing": "missing_member",
    "audio-extra": "extra_member",
    "unexpected-name": "unexpected_member",
    "traversal": "unsafe_name",
    "traversal-in-audio": "unsafe_name",
    "absolute": "unsafe_name",
    "prefix-traversal": "unsafe_name",
    "symlink": "special_member",
    "hardlink": "special_member",
    "char-device": "special_member",
    "block-device": "special_member",
    "directory": "special_member",
    "fifo": "special_member",
    "pax": "special_member",
    "duplicate-manifest": "duplicate_member",
    "duplicate-audio": "duplicate_member",
    "signature-first": "bad_order",
    "audio-unsorted": "bad_order",
    "truncated-in-audio": "truncated",
    "truncated-at-end-marker": "truncated",
    "truncated-no-end": "truncated",
    "truncated-in-header": "truncated",
    "empty": "truncated",
    "trailing-bytes": "trailing_data",
    "extra-zero-block": "trailing_data",
    "non-zero-padding": "bad_padding",
    "non-canonical-mtime": "bad_header",
    "non-canonical-uname": "bad_header",
    "bad-checksum": "bad_header",
    "base256-size": "bad_header",
    "not-a-tar": None,
    "too-many-members": "too_many_members",
    "member-too-large": "member_too_large",
    "manifest-too-large": "member_too_large",
    "declared-huge-member": "member_too_large",
    "total-too-large": "bundle_too_large",
    "stale-sequence": "stale_sequence",
    "same-sequence": "stale_sequence",
    "damaged-state": "state_unreadable",
    "expired": "expired",
    "not-yet-valid": "not_yet_valid",
    "approval-expired": "approval_expired",
    "wrong-target": "wrong_target",
}


@pytest.mark.parametrize(("name", "code"), list(REJECTIONS.items()), ids=list(REJECTIONS))
def test_verify_rejects(kit, name, code):
    data, kw = _case(kit, name)
    path = kit.write(data)
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(path, **kw)
    if code is not None:
        assert err.value.code == code, err.value.reason
    assert err.value.reason and "\n" not in err.value.reason
    assert err.value.reason_vi and "\n" not in err.value.reason_vi
    with pytest.raises(B.BundleRejected):  # extraction refuses too, writing nothing
        B.extract_bundle(
            path,
            kit.tmp / "dest",
            trusted_keys=kit.trusted,
            now=kw.get("now", kit.now),
            state_dir=kw.get("state_dir"),
            limits=kw.get("limits", B.Limits()),
            unit_id=kw.get("unit_id"),
            unit_areas=kw.get("unit_areas", ()),
        )
    assert not (kit.tmp / "dest").exists() or not any((kit.tmp / "dest").rglob("*.wav"))


def test_clock_untrusted_skips_window_and_says_so(kit, bundle_path):
    late = kit.now + timedelta(days=365)
    with pytest.raises(B.BundleRejected):
        kit.verify(bundle_path, now=late)
    verified = kit.verify(bundle_path, now=late, clock_trusted=False)
    assert verified.time_checked is False


def test_unit_target_by_unit_or_area(kit, bundle_path):
    kit.verify(bundle_path, unit_id="unit-01")
    kit.verify(bundle_path, unit_id="unit-77", unit_areas=("tinh", "huyen", "xa-tan-phu"))


def test_every_byte_outside_audio_is_covered(kit):
    """Flip one bit in every byte the signature does not cover (headers, padding, the
    end-of-archive blocks): nothing may verify, because the reader compares the exact
    canonical layout; the benchmark flips bits everywhere."""
    manifest = kit.manifest(items=(kit.item(kit.wavs[0], 0),))
    good = kit.build(manifest).read_bytes()
    kit.verify(kit.write(good))
    offs = _member_offsets(good)
    _a_off, _a_size = offs[f"audio/{manifest.items[0].audio_sha256}.wav"]
    data_ranges = [range(off, off + size) for off, size in offs.values()]
    unsigned = [i for i in range(len(good)) if not any(i in r for r in data_ranges)]
    signed = [i for r in data_ranges for i in r]
    rng = random.Random(4)
    # every header, padding and end-of-archive byte; a sample of the hashed/signed bytes
    positions = unsigned + rng.sample(signed, 150)
    path = kit.write(good, "flip.loa")
    accepted = []
    fd = os.open(path, os.O_RDWR)
    try:
        for i in positions:  # patch one byte in place: rewriting whole files is slow here
            os.pwrite(fd, bytes([good[i] ^ (1 << rng.randrange(8))]), i)
            try:
                kit.verify(path)
            except B.BundleRejected:
                pass
            else:
                accepted.append(i)
            os.pwrite(fd, good[i : i + 1], i)
    finally:
        os.close(fd)
    assert accepted == []


# --------------------------------------------------------------------------- extraction


def test_extract_writes_only_verified_audio(kit, bundle_path):
    dest = kit.tmp / "unit" / "current"
    verified = B.extract_bundle(bundle_path, dest, trusted_keys=kit.trusted, now=kit.now)
    files = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert files == [f"audio/{sha}.wav" for sha in sorted(kit.audio)]
    for sha, src in kit.audio.items():
        assert (dest / "audio" / f"{sha}.wav").read_bytes() == src.read_bytes()
    assert verified.manifest == kit.manifest()
    # idempotent: extracting again replaces atomically and leaves no temp files
    B.extract_bundle(bundle_path, dest, trusted_keys=kit.trusted, now=kit.now)
    assert not [p for p in dest.rglob("*") if p.name.endswith(".tmp")]


def test_extract_never_follows_a_planted_audio_symlink(kit, bundle_path):
    outside = kit.tmp / "outside"
    outside.mkdir()
    dest = kit.tmp / "dest"
    dest.mkdir()
    (dest / "audio").symlink_to(outside)
    with pytest.raises(B.BundleRejected) as err:
        B.extract_bundle(bundle_path, dest, trusted_keys=kit.trusted, now=kit.now)
    assert err.value.code == "unsafe_destination"
    assert list(outside.iterdir()) == []


def test_extract_replaces_a_planted_file_symlink_not_its_target(kit, bundle_path):
    victim = kit.tmp / "victim.txt"
    victim.write_text("keep me")
    dest = kit.tmp / "dest"
    (dest / "audio").mkdir(parents=True)
    sha = sorted(kit.audio)[0]
    (dest / "audio" / f"{sha}.wav").symlink_to(victim)
    B.extract_bundle(bundle_path, dest, trusted_keys=kit.trusted, now=kit.now)
    assert victim.read_text() == "keep me"
    assert not (dest / "audio" / f"{sha}.wav").is_symlink()


@pytest.mark.parametrize(
    "name", ["traversal", "absolute", "prefix-traversal", "symlink", "hardlink"]
)
def test_extract_of_hostile_archive_writes_nothing_anywhere(kit, name):
    data, _ = _case(kit, name)
    path = kit.write(data)
    before = {p for p in kit.tmp.parent.rglob("*")}
    with pytest.raises(B.BundleRejected):
        B.extract_bundle(path, kit.tmp / "dest", trusted_keys=kit.trusted, now=kit.now)
    after = {p for p in kit.tmp.parent.rglob("*")}
    # nothing new anywhere under the test root (files other tests' closing databases remove
    # meanwhile are not this extraction's doing)
    assert after - before == set()


def test_audio_changed_after_verification_is_caught(kit, bundle_path):
    verified = kit.verify(bundle_path)
    sha = sorted(kit.audio)[0]
    member = verified.audio_member(sha)
    data = bytearray(bundle_path.read_bytes())
    data[member.offset + 100] ^= 1
    bundle_path.write_bytes(bytes(data))
    with pytest.raises(B.BundleRejected) as err:
        verified.read_audio(sha)
    assert err.value.code == "audio_hash_mismatch"


# --------------------------------------------------------------------------- rotation, state


def test_key_rotation_with_two_trusted_keys(kit):
    new_priv, new_pub = signing.generate_keypair()
    new_kid = signing.key_id(new_pub)
    old_bundle = kit.build(name="old.loa")
    new_bundle = kit.build(
        kit.manifest(key_id=new_kid, sequence=6), name="new.loa", signing_key=new_priv
    )
    both = signing.load_trusted_keys(
        [signing.public_key_line(kit.pub), signing.public_key_line(new_pub)]
    )
    assert kit.verify(old_bundle, trusted_keys=both).key_id == kit.kid
    assert kit.verify(new_bundle, trusted_keys=both).key_id == new_kid
    only_new = {new_kid: new_pub}
    kit.verify(new_bundle, trusted_keys=only_new)
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(old_bundle, trusted_keys=only_new)
    assert err.value.code == "untrusted_key"


def test_trusted_table_with_wrong_key_id_is_refused(kit, bundle_path):
    _, other_pub = signing.generate_keypair()
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(bundle_path, trusted_keys={kit.kid: other_pub})
    assert err.value.code == "untrusted_key"


def test_sequence_state_only_grows_per_target(kit):
    state = kit.state_dir
    b5 = kit.build(kit.manifest(sequence=5), name="s5.loa")
    b6 = kit.build(
        kit.manifest(sequence=6, bundle_id="00000000-0000-0000-0000-000000000006"), name="s6.loa"
    )
    other_target = kit.manifest(sequence=1, target=B.Target(units=("unit-02",)))
    b_other = kit.build(other_target, name="other.loa")

    first = kit.verify(b5, state_dir=state)
    B.record_accepted(state, first.manifest)
    B.record_accepted(state, first.manifest)  # the same bundle again: a no-op
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(b5, state_dir=state)
    assert err.value.code == "stale_sequence"
    second = kit.verify(b6, state_dir=state)
    B.record_accepted(state, second.manifest)
    with pytest.raises(B.BundleRejected):
        B.record_accepted(state, first.manifest)  # never goes backwards
    with pytest.raises(B.BundleRejected) as err:  # one sequence per panel key, all targets
        kit.verify(b_other, state_dir=state)
    assert err.value.code == "stale_sequence"

    saved = json.loads((state / B.STATE_FILE_NAME).read_text())
    assert saved["targets"][B.target_key(second.manifest.target)]["sequence"] == 6
    assert not [p for p in state.iterdir() if p.name.endswith(".tmp")]


def test_verify_without_state_does_not_check_sequence(kit, bundle_path):
    assert kit.verify(bundle_path).sequence_checked is False


def test_small_wav_helper_makes_real_audio(tmp_path):
    import soundfile as sf

    path = write_wav(tmp_path / "x.wav", freq=1000.0, seconds=0.1, rate=8000)
    data, rate = sf.read(path)
    assert rate == 8000 and len(data) == 800
    assert os.path.getsize(path) > 44


# --------------------------------------------------------------------------- FLAC audio


def _flac(kit, tmp_name: str = "tone.flac"):
    import numpy as np
    import soundfile as sf

    path = kit.tmp / tmp_name
    t = np.arange(8000) / 8000
    sf.write(path, (0.3 * np.sin(2 * np.pi * 440 * t)), 8000, format="FLAC", subtype="PCM_16")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return path, sha


def test_flac_audio_is_a_flac_member_extracted_under_its_own_name(kit):
    path, sha = _flac(kit)
    item = kit.item(path, 0)
    m = kit.manifest(items=(item,), schedule={"rules": []})
    bundle = B.build_bundle(
        m, {sha: path}, signing_key=kit.priv, out_path=kit.tmp / "f.loa", now=kit.now
    )
    dest = kit.tmp / "out"
    verified = B.extract_bundle(bundle, dest, trusted_keys=kit.trusted, now=kit.now)
    assert [x.name for x in verified.members][2:] == [f"audio/{sha}.flac"]
    assert verified.read_audio(sha) == path.read_bytes()
    assert (dest / "audio" / f"{sha}.flac").read_bytes() == path.read_bytes()
    assert not (dest / "audio" / f"{sha}.wav").exists()
    with tarfile.open(bundle) as tar:  # still a plain tar
        assert tar.getnames()[2:] == [f"audio/{sha}.flac"]


def test_the_same_audio_as_wav_and_flac_is_refused(kit):
    path, sha = _flac(kit)
    item = kit.item(path, 0)
    m = kit.manifest(items=(item,), schedule={"rules": []})
    body = m.to_json_bytes()
    data = path.read_bytes()
    members = [
        ("manifest.json", body),
        ("manifest.sig", kit.priv.sign(body)),
        (f"audio/{sha}.flac", data),
        (f"audio/{sha}.wav", data),
    ]
    with pytest.raises(B.BundleRejected) as err:
        kit.verify(kit.write(assemble(members)))
    assert err.value.code == "duplicate_member"


def test_audio_that_is_neither_wav_nor_flac_is_not_packed(kit):
    path = kit.tmp / "x.ogg"
    path.write_bytes(b"OggS" + bytes(100))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    item = kit.item(path, 0)
    m = kit.manifest(items=(item,), schedule={"rules": []})
    with pytest.raises(B.BundleRejected) as err:
        B.build_bundle(
            m, {sha: path}, signing_key=kit.priv, out_path=kit.tmp / "x.loa", now=kit.now
        )
    assert err.value.code == "not_wav"

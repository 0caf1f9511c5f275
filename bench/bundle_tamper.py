"""Tamper benchmark: build one valid signed bundle, throw ≥ 10 000 mutations at the verifier.

    python -m bench.bundle_tamper [--seed N] [--flips N]
    python -m bench.bundle_tamper --emit-sample DIR

Mutations include older sequences addressed to another target of the unit (sequences are
per panel key) and signed bundles whose schedule the unit's scheduler cannot use; every
verification runs the unit's own checks (``playout.store.check_schedule``).

Prints one JSON object on its last line: ``mutations``, ``accepted`` (must be 0),
``verify_per_s`` (verification calls per second over the mutations), plus the baseline
check and a count per kind. Exits 1 if any mutation was accepted or the baseline failed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import shutil
import sys
import tarfile
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import soundfile as sf

from content_library import bundle as B
from content_library.types import HO_CHI_MINH, Priority
from playout.store import check_schedule
from protocol import keys as signing

VN = ZoneInfo(HO_CHI_MINH)
BLOCK = 512


# --------------------------------------------------------------------------- the valid bundle


def _write_wav(path: Path, freq: float, *, seconds: float, rate: int, subtype: str = "PCM_16"):
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, 0.3 * np.sin(2 * np.pi * freq * t), rate, subtype=subtype)
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Fixture:
    """A panel-built bundle and what an attacker could get hold of (not the private key)."""

    def __init__(self, work: Path, now: datetime, *, sequence: int = 5) -> None:
        self.work = work
        self.now = now
        self.priv, self.pub = signing.generate_keypair()
        self.kid = signing.key_id(self.pub)
        self.trusted = {self.kid: self.pub}
        wav_dir = work / "wav"
        wav_dir.mkdir(parents=True, exist_ok=True)
        self.wavs = [
            _write_wav(wav_dir / f"{i}.wav", f, seconds=0.3 + 0.1 * i, rate=16000)
            for i, f in enumerate((440.0, 554.4, 659.3))
        ]
        self.audio = {_sha(p): p for p in self.wavs}
        self.manifest = self.make_manifest(sequence=sequence)
        self.path = self.build(self.manifest, "valid.loa")
        self.data = self.path.read_bytes()

    def make_manifest(self, **changes) -> B.Manifest:
        now = self.now
        items = []
        for i, path in enumerate(self.wavs):
            approval = B.Approval(
                id=f"ap-{i}",
                reviewer="Công an xã Ngọc Chúc",
                approved_at=now - timedelta(days=2),
                valid_from=now - timedelta(days=1),
                valid_until=now + timedelta(days=90),
            )
            items.append(
                B.BundleItem(
                    id=f"item-{i}",
                    title=f"Cảnh giác lừa đảo qua mạng — bản tin {i}",
                    topic="lừa đảo qua mạng",
                    priority=(Priority.NORMAL, Priority.PRIORITY, Priority.EMERGENCY)[i],
                    audio_sha256=_sha(path),
                    audio_size=path.stat().st_size,
                    duration_s=0.3 + 0.1 * i,
                    sample_rate=16000,
                    script_version_id=str(200 + i),
                    loop=i != 2,
                    approval=approval,
                )
            )
        fields: dict[str, Any] = dict(
            bundle_id=str(uuid.uuid4()),
            target=B.Target(units=("loa-di-dong-01",), areas=("xa-ngoc-chuc",)),
            sequence=5,
            issued_at=now - timedelta(hours=1),
            expires_at=now + timedelta(days=14),
            key_id=self.kid,
            items=tuple(items),
            schedule={
                "format": 1,
                "rules": [{"kind": "daily", "times": ["06:00", "17:30"], "item_ids": ["item-0"]}],
            },
        )
        fields.update(changes)
        return B.Manifest(**fields)

    def build(self, manifest: B.Manifest, name: str, key=None) -> Path:
        # The same call the panel makes.
        return B.build_bundle(
            manifest,
            self.audio,
            signing_key=key or self.priv,
            out_path=self.work / name,
            now=self.now,
        )

    def members(self) -> list[tuple[str, bytes]]:
        out, pos, data = [], 0, self.data
        while data[pos : pos + BLOCK] != bytes(BLOCK):
            name = data[pos : pos + 100].rstrip(b"\0").decode()
            size = int(data[pos + 124 : pos + 135], 8)
            out.append((name, data[pos + BLOCK : pos + BLOCK + size]))
            pos += BLOCK + size + (-size % BLOCK)
        return out

    def regions(self) -> tuple[list[int], list[int]]:
        """Byte offsets the signature/hashes do not cover, and those they do."""
        covered: set[int] = set()
        pos, data = 0, self.data
        while data[pos : pos + BLOCK] != bytes(BLOCK):
            size = int(data[pos + 124 : pos + 135], 8)
            covered.update(range(pos + BLOCK, pos + BLOCK + size))
            pos += BLOCK + size + (-size % BLOCK)
        everything = range(len(data))
        return [i for i in everything if i not in covered], sorted(covered)


# --------------------------------------------------------------------------- raw tar pieces


def header(name: str | bytes, size: int, *, typeflag: bytes = b"0", **raw: bytes) -> bytes:
    """A ustar header with any field forced (written here, independent of the verifier)."""
    layout = {
        "mode": (100, 8), "uid": (108, 8), "gid": (116, 8), "mtime": (136, 12),
        "linkname": (157, 100), "magic": (257, 6), "version": (263, 2), "uname": (265, 32),
        "prefix": (345, 155), "size": (124, 12),
    }  # fmt: skip
    h = bytearray(BLOCK)
    name_b = name.encode("utf-8", "surrogateescape") if isinstance(name, str) else name
    h[0:100] = name_b[:100].ljust(100, b"\0")
    fields = {
        "mode": b"0000644\0", "uid": b"0000000\0", "gid": b"0000000\0",
        "size": b"%011o\0" % size, "mtime": b"00000000000\0", "magic": b"ustar\0",
        "version": b"00",
    }  # fmt: skip
    fields.update(raw)
    for key, value in fields.items():
        start, width = layout[key]
        h[start : start + width] = value[:width].ljust(width, b"\0")
    h[156:157] = typeflag
    h[329:345] = b"0000000\0" * 2
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def member(name: str | bytes, data: bytes, **kw) -> bytes:
    return header(name, len(data), **kw) + data + bytes(-len(data) % BLOCK)


def pack(members: list[tuple[str, bytes]], *, end: bytes = bytes(2 * BLOCK)) -> bytes:
    return b"".join(member(n, d) for n, d in members) + end


# --------------------------------------------------------------------------- mutations

Mutation = tuple[str, bytes, dict]  # kind, bundle bytes, extra verify kwargs


def mutations(fx: Fixture, rng: random.Random, flips: int, work: Path) -> Iterator[Mutation]:
    data = fx.data
    members = fx.members()
    manifest_bytes, sig = members[0][1], members[1][1]
    audio = members[2:]
    unsigned, covered = fx.regions()
    attacker, attacker_pub = signing.generate_keypair()
    attacker_kid = signing.key_id(attacker_pub)

    def flip(i: int) -> bytes:
        b = bytearray(data)
        b[i] ^= 1 << rng.randrange(8)
        return bytes(b)

    # 1. bit flips: every byte the signature does not cover, then uniform anywhere
    for i in unsigned:
        yield "bitflip-unsigned", flip(i), {}
    for _ in range(flips):
        yield "bitflip-anywhere", flip(rng.randrange(len(data))), {}
    for i in rng.sample(covered, min(len(covered), 1000)):  # whole-byte rewrites
        b = bytearray(data)
        b[i] = (b[i] + rng.randrange(1, 256)) % 256
        yield "byte-rewrite", bytes(b), {}

    # 2. truncations: every block boundary, then random lengths
    for cut in range(0, len(data), BLOCK):
        yield "truncate-block", data[:cut], {}
    for _ in range(400):
        yield "truncate-random", data[: rng.randrange(len(data))], {}
    for extra in (b"\0", b"x", bytes(BLOCK), bytes(10 * BLOCK), b"garbage" * 100):
        yield "append", data + extra, {}

    # 3. swapped or re-encoded audio
    names = [n for n, _ in audio]
    contents = [d for _, d in audio]
    for perm in _permutations(len(audio)):
        if perm != tuple(range(len(audio))):
            swapped = [(names[i], contents[p]) for i, p in enumerate(perm)]
            yield "audio-swap", pack(members[:2] + swapped), {}
    for index, path in enumerate(fx.wavs):
        samples, rate = sf.read(path)
        for subtype in ("PCM_24", "PCM_32", "FLOAT", "PCM_U8", "PCM_16"):
            buf = io.BytesIO()
            scale = 1.0 if subtype != "PCM_16" else 0.999  # PCM_16 again: re-quantised
            sf.write(buf, samples * scale, rate, subtype=subtype, format="WAV")
            encoded = buf.getvalue()
            new_sha = hashlib.sha256(encoded).hexdigest()
            same_name = list(audio)
            same_name[index] = (names[index], encoded)
            yield "audio-reencode", pack(members[:2] + same_name), {}
            own_name = sorted(
                [*audio[:index], *audio[index + 1 :], (f"audio/{new_sha}.wav", encoded)]
            )
            yield "audio-reencode-renamed", pack(members[:2] + own_name), {}
        same_size = bytearray(contents[index])
        same_size[44:] = bytes(len(same_size) - 44)  # silence, same length
        yield "audio-silenced", pack([*members[:2], *audio[:index], (names[index], bytes(same_size)), *audio[index + 1:]]), {}  # fmt: skip
    for index in range(len(audio)):
        yield "audio-missing", pack(members[:2] + audio[:index] + audio[index + 1 :]), {}
        yield "audio-empty", pack([*members[:2], *audio[:index], (names[index], b""), *audio[index + 1:]]), {}  # fmt: skip

    # 4. edited manifest fields (old signature kept), and 5. the same signed by an attacker
    base = json.loads(manifest_bytes)
    for label, edit in _manifest_edits(base, attacker_kid):
        edited = edit(json.loads(manifest_bytes))
        try:
            new_bytes = B.canonical_json(edited)
        except (TypeError, ValueError):
            new_bytes = json.dumps(edited).encode()
        yield f"manifest-edit:{label}", pack([("manifest.json", new_bytes), ("manifest.sig", sig), *audio]), {}  # fmt: skip
        own_kid = json.loads(new_bytes).get("key_id") if new_bytes.startswith(b"{") else None
        for key_label, kid in (("attacker-kid", attacker_kid), ("trusted-kid", fx.kid)):
            d = json.loads(new_bytes)
            if isinstance(d, dict) and own_kid is not None:
                d["key_id"] = kid
            forged = B.canonical_json(d)
            yield f"untrusted-signer:{key_label}", pack([("manifest.json", forged), ("manifest.sig", attacker.sign(forged)), *audio]), {}  # fmt: skip
    for pretty in (json.dumps(base, indent=1), json.dumps(base, sort_keys=False), json.dumps(base)):
        raw = pretty.encode()
        yield "non-canonical-json-signed", pack([("manifest.json", raw), ("manifest.sig", fx.priv.sign(raw)), *audio]), {}  # fmt: skip
    yield "signature-zero", pack([members[0], ("manifest.sig", bytes(64)), *audio]), {}
    yield "signature-short", pack([members[0], ("manifest.sig", sig[:63]), *audio]), {}
    yield "signature-long", pack([members[0], ("manifest.sig", sig + b"\0"), *audio]), {}
    yield "signature-missing", pack([members[0], *audio]), {}
    yield "manifest-missing", pack(members[1:]), {}

    # 6. an older (or equal) sequence, signed by the trusted key: a replay
    #    (every verification runs against a unit state holding sequence 4 for this target;
    #    the valid bundle, sequence 5, passes it in the baseline)
    for seq in range(0, 5):
        old = fx.build(fx.make_manifest(sequence=seq), f"old-{seq}.loa")
        yield "older-sequence", old.read_bytes(), {}

    # 6b. an older sequence signed by the trusted key but addressed to another target that
    #     still reaches the unit (its area, the unit alone, a wider list): sequences are per
    #     panel key across targets, so none of them may roll the unit back
    for target in (
        B.Target(areas=("xa-ngoc-chuc",)),
        B.Target(units=("loa-di-dong-01",)),
        B.Target(units=("loa-di-dong-01", "loa-di-dong-02"), areas=("tinh-ca-mau",)),
    ):
        for seq in range(0, 5):
            old = fx.build(fx.make_manifest(sequence=seq, target=target), f"cross-{seq}.loa")
            yield "cross-target-rollback", old.read_bytes(), {}

    # 6c. signed by the trusted key, newer, intact, but with a schedule the unit's scheduler
    #     cannot use: activating it would replace a working bundle with one that plays nothing
    for label, schedule in _unusable_schedules():
        bad = fx.build(fx.make_manifest(sequence=6, schedule=schedule), f"sched-{label}.loa")
        yield f"unusable-schedule:{label}", bad.read_bytes(), {}

    # 7. expired or not-yet-valid windows: the valid bundle at bad times, and signed
    #    bundles whose window or an approval has ended
    m = fx.manifest
    for delta in (timedelta(0), timedelta(seconds=1), timedelta(days=1), timedelta(days=400)):
        yield "expired-now", data, {"now": m.expires_at + delta}
        yield "before-issue", data, {"now": m.issued_at - timedelta(seconds=1) - delta}
    for days in (1, 3, 10):  # signed by the trusted key, window already over
        past = json.loads(manifest_bytes)
        past["issued_at"] = (fx.now - timedelta(days=days + 1)).isoformat()
        past["expires_at"] = (fx.now - timedelta(days=days)).isoformat()
        raw = B.canonical_json(past)
        yield "expired-signed", pack([("manifest.json", raw), ("manifest.sig", fx.priv.sign(raw)), *audio]), {}  # fmt: skip

    def shortened(it: B.BundleItem) -> B.BundleItem:
        assert it.approval is not None  # the fixture's items are all approved
        return replace(it, approval=replace(it.approval, valid_until=fx.now + timedelta(hours=1)))

    short_items = tuple(shortened(it) for it in m.items)
    short = fx.make_manifest(items=short_items)
    yield "approval-expired", _sign_pack(fx, short, audio), {"now": fx.now + timedelta(hours=2)}
    # the clock untrusted: a bundle that ended before the newest accepted one was issued is
    # known to be expired whatever the clock says (the state's issued_at floor)
    for days in (1, 3, 10):
        past = json.loads(manifest_bytes)
        past["sequence"] = 6
        past["issued_at"] = (fx.now - timedelta(days=days + 1)).isoformat()
        past["expires_at"] = (fx.now - timedelta(days=days)).isoformat()
        for it in past["items"]:
            it["approval"]["approved_at"] = (fx.now - timedelta(days=days + 2)).isoformat()
        raw = B.canonical_json(past)
        yield "expired-untrusted-clock", pack([("manifest.json", raw), ("manifest.sig", fx.priv.sign(raw)), *audio]), {"clock_trusted": False, "now": fx.now - timedelta(days=400)}  # fmt: skip

    # 8. traversal and unsafe names, appended or replacing an audio member
    hostile = [
        "../evil.wav", "../../etc/cron.d/loa", "/etc/passwd", "/tmp/x.wav",
        "audio/../manifest.json", "audio/../../x.wav", f"audio/../audio/{'a' * 64}.wav",
        "./manifest.json", "audio//" + "a" * 64 + ".wav", "audio/" + "A" * 64 + ".wav",
        "audio/" + "a" * 63 + ".wav", "audio/" + "a" * 64 + ".WAV", "audio/" + "a" * 64 + ".wav/",
        "manifest.json/", "MANIFEST.JSON", "..\\..\\evil.wav", "audio\\" + "a" * 64 + ".wav",
        "âudio/x.wav", "audio/x.wav\0hidden", "", ".", "..", "audio", "audio/",
    ]  # fmt: skip
    for name in hostile:
        yield "unsafe-name-appended", pack([*members, (name, b"RIFF0000WAVE")]), {}
        replaced = [*members[:2], (name, contents[0]), *audio[1:]]
        yield "unsafe-name-replacing", pack(replaced), {}
    for prefix in (b"..", b"../..", b"/etc", b"audio/.."):
        extra = member("x.wav", b"hi", prefix=prefix)
        yield "unsafe-prefix", b"".join(member(n, d) for n, d in members) + extra + bytes(1024), {}

    # 9. links, devices, directories, pax/GNU extensions
    for flag in (b"1", b"2", b"3", b"4", b"5", b"6", b"7", b"x", b"g", b"L", b"K", b"\0", b"A"):
        for link_target in ("/etc/passwd", "../../x", "manifest.json"):
            link = header(names[0], 0, typeflag=flag, linkname=link_target.encode())
            as_extra = b"".join(member(n, d) for n, d in members) + link + bytes(1024)
            yield "special-appended", as_extra, {}
            as_audio = b"".join(member(n, d) for n, d in members[:2]) + link
            as_audio += b"".join(member(n, d) for n, d in audio[1:]) + bytes(1024)
            yield "special-replacing", as_audio, {}
    for fmt in (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
        yield "repacked-by-tarfile", _tarfile_pack(members, fmt), {}
        yield "tarfile-with-symlink", _tarfile_pack(members, fmt, symlink=True), {}

    # 10. oversized members: declared sizes the file does not have, and real ones over
    #     limits the valid bundle itself passes (checked in the baseline)
    tight = tight_limits(fx)
    for size in (2**20, 2**30, 8 * 2**30 - 1, len(contents[0]) + 1):
        fake = header(names[0], size)
        yield "declared-oversize", pack(members[:2]) [: -1024] + fake + contents[0] + bytes(1024), {}  # fmt: skip
    big = max(len(c) for c in contents)
    yield "oversize-audio", pack([*members[:2], (names[0], contents[0] + bytes(big)), *audio[1:]]), {"limits": tight}  # fmt: skip
    yield "oversize-manifest", pack([("manifest.json", manifest_bytes + b" " * 10), *members[1:]]), {"limits": tight}  # fmt: skip
    yield "too-many-members", pack([*members, ("audio/" + "f" * 64 + ".wav", b"RIFF")]), {"limits": tight}  # fmt: skip
    yield "too-much-total", pack([*members, ("audio/" + "f" * 64 + ".wav", bytes(big))]), {"limits": tight}  # fmt: skip

    # 11. duplicate, extra and misordered members
    for index in range(len(members)):
        dup = [*members[: index + 1], members[index], *members[index + 1 :]]
        yield "duplicate-adjacent", pack(dup), {}
        yield "duplicate-at-end", pack([*members, members[index]]), {}
        altered = (members[index][0], members[index][1][:-1] + b"\x01")
        yield "duplicate-different", pack([*members, altered]), {}
    for name in ("notes.txt", "audio/" + "f" * 64 + ".wav", "audio/" + "0" * 64 + ".wav"):
        yield "extra-member", pack([*members, (name, b"RIFF")]), {}
    for _ in range(20):
        shuffled = list(members)
        while shuffled == members:
            rng.shuffle(shuffled)
        yield "reordered", pack(shuffled), {}


def _unusable_schedules() -> list[tuple[str, dict]]:
    daily = {"kind": "daily", "times": ["06:00"], "item_ids": ["item-0"]}
    return [
        ("unknown-item", {"format": 1, "rules": [{**daily, "item_ids": ["item-9"]}]}),
        ("no-items", {"format": 1, "rules": [{**daily, "item_ids": []}]}),
        ("bad-time", {"format": 1, "rules": [{**daily, "times": ["25:00"]}]}),
        ("bad-kind", {"format": 1, "rules": [{**daily, "kind": "hourly-ish"}]}),
        ("old-style", {"rules": [{"item": "item-0", "every_minutes": 1}]}),
        ("format", {"format": 2, "rules": []}),
        ("unknown-key", {"format": 1, "rules": [], "surprise": True}),
        ("bad-policy", {"format": 1, "rules": [], "policy": {"quiet_hours": "always"}}),
        ("rules-not-list", {"format": 1, "rules": {"0": daily}}),
    ]


def tight_limits(fx: Fixture) -> B.Limits:
    members = fx.members()
    sizes = [len(d) for _, d in members]
    return B.Limits(
        max_members=len(members),
        max_member_bytes=max(sizes[2:]),
        max_total_bytes=sum(sizes),
        max_manifest_bytes=sizes[0],
    )


def _permutations(n: int) -> list[tuple[int, ...]]:
    from itertools import permutations

    return list(permutations(range(n)))


def _sign_pack(fx: Fixture, manifest: B.Manifest, audio) -> bytes:
    raw = manifest.to_json_bytes()
    return pack([("manifest.json", raw), ("manifest.sig", fx.priv.sign(raw)), *audio])


def _tarfile_pack(members, fmt: int, *, symlink: bool = False) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        if symlink:
            info = tarfile.TarInfo("audio/" + "e" * 64 + ".wav")
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/shadow"
            tar.addfile(info)
    return buf.getvalue()


def _manifest_edits(base: dict, attacker_kid: str) -> list[tuple[str, Callable[[dict], object]]]:
    def item(field, value, index=0):
        def edit(d):
            d["items"][index][field] = value
            return d

        return edit

    def approval(field, value):
        def edit(d):
            d["items"][0]["approval"][field] = value
            return d

        return edit

    def top(field, value):
        def edit(d):
            d[field] = value
            return d

        return edit

    other_sha = base["items"][1]["audio_sha256"]
    return [
        ("title", item("title", "Tin giả mạo")),
        ("topic", item("topic", "khác")),
        ("priority", item("priority", "emergency")),
        ("loop", item("loop", not base["items"][0]["loop"])),
        ("audio-sha", item("audio_sha256", other_sha)),
        ("audio-size", item("audio_size", base["items"][0]["audio_size"] + 1)),
        ("duration", item("duration_s", 9999.0)),
        ("approval-until", approval("valid_until", "2099-01-01T00:00:00+07:00")),
        ("approval-reviewer", approval("reviewer", "Người lạ")),
        ("sequence", top("sequence", base["sequence"] + 1000)),
        ("expires", top("expires_at", "2099-01-01T00:00:00+07:00")),
        ("issued", top("issued_at", "2000-01-01T00:00:00+07:00")),
        ("target-units", top("target", {"units": ["*"], "areas": base["target"]["areas"]})),
        ("bundle-id", top("bundle_id", str(uuid.UUID(int=1)))),
        ("key-id", top("key_id", attacker_kid)),
        ("schedule", top("schedule", {"rules": [{"item": "item-0", "every_minutes": 1}]})),
        ("format", top("format", 2)),
        ("extra-field", top("note", "x")),
        ("drop-item", lambda d: {**d, "items": d["items"][1:]}),
        ("dup-item", lambda d: {**d, "items": [*d["items"], d["items"][0]]}),
        ("not-object", lambda d: [d]),
    ]


# --------------------------------------------------------------------------- running


def run(seed: int, flips: int) -> dict:
    rng = random.Random(seed)
    shm = Path("/dev/shm")
    tmp_root = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    work = Path(tempfile.mkdtemp(prefix="loa-tamper-", dir=tmp_root))
    try:
        # dated from the real now, so that the bundle is valid on the day the bench runs
        fx = Fixture(work, datetime.now(VN).replace(microsecond=0))
        state_ok = work / "state"  # holds sequence 4 once the replay mutations are made
        B.record_accepted(state_ok, fx.make_manifest(sequence=4))
        # what the unit checks on import, including that its scheduler can use the schedule
        verify: dict[str, Any] = dict(
            trusted_keys=fx.trusted, now=fx.now, state_dir=state_ok, manifest_check=check_schedule
        )
        baseline = B.verify_bundle(fx.path, **verify)
        baseline_tight = B.verify_bundle(fx.path, **verify, limits=tight_limits(fx))
        baseline_ok = baseline.manifest == fx.manifest == baseline_tight.manifest

        target = work / "mutant.loa"
        kinds: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        accepted: list[str] = []
        spent = 0.0
        for kind, blob, extra in mutations(fx, rng, flips, work):
            target.write_bytes(blob)
            kwargs = {**verify, **extra}
            start = time.perf_counter()
            try:
                B.verify_bundle(target, **kwargs)
            except B.BundleRejected as exc:
                reasons[exc.code] += 1
            else:
                accepted.append(kind)
            finally:
                spent += time.perf_counter() - start
            kinds[kind.split(":")[0]] += 1
        total = sum(kinds.values())
        for kind in accepted[:20]:
            print(f"ACCEPTED mutation: {kind}", file=sys.stderr)
        return {
            "mutations": total,
            "accepted": len(accepted),
            "verify_per_s": round(total / spent, 1) if spent else None,
            "baseline_ok": baseline_ok,
            "bundle_bytes": len(fx.data),
            "seed": seed,
            "by_kind": dict(sorted(kinds.items())),
            "by_reason": dict(sorted(reasons.items())),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def emit_sample(out_dir: Path) -> dict:
    """One valid bundle, valid from an hour ago for 30 days, and the key line that verifies it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(VN).replace(microsecond=0)
    work = Path(tempfile.mkdtemp(prefix="loa-sample-"))
    try:
        fx = Fixture(work, now)
        fx.manifest = fx.make_manifest(expires_at=now + timedelta(days=30))
        built = fx.build(fx.manifest, "sample.loa")
        bundle_path = out_dir / "sample.loa"
        shutil.copyfile(built, bundle_path)
        pub_path = out_dir / "sample.pub"
        pub_path.write_text(signing.public_key_line(fx.pub) + "\n", encoding="ascii")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # a real, playable bundle: the unit's own checks, schedule included
    B.verify_bundle(
        bundle_path,
        trusted_keys=signing.load_trusted_keys([pub_path]),
        now=now,
        manifest_check=check_schedule,
    )
    return {"bundle": str(bundle_path), "public_key": str(pub_path), "key_id": fx.kid}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bundle_tamper", description=__doc__)
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--flips", type=int, default=6000, help="uniform random bit flips")
    parser.add_argument("--emit-sample", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    if args.emit_sample is not None:
        print(json.dumps(emit_sample(args.emit_sample), ensure_ascii=False))
        return 0
    result = run(args.seed, args.flips)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["accepted"] == 0 and result["baseline_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

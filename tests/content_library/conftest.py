"""Bundle fixtures: small generated WAVs, key pairs, a manifest factory and a signed bundle;
and a seeded panel that publishes (``world``, see publish_world.py)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from content_library import bundle as B
from protocol import keys as signing

from .publish_world import World


def write_wav(path: Path, *, freq: float, seconds: float = 0.25, rate: int = 8000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, 0.3 * np.sin(2 * np.pi * freq * t), rate, subtype="PCM_16")
    return path


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tar_header(name: str | bytes, size: int, /, **fields: bytes) -> bytes:
    """A ustar header written independently of the code under test; ``fields`` override
    raw fields by name (``typeflag=b"2"``, ``linkname=b"/etc"``, ``mtime=b"..."``)."""
    layout = {
        "name": (0, 100),
        "mode": (100, 8),
        "uid": (108, 8),
        "gid": (116, 8),
        "size": (124, 12),
        "mtime": (136, 12),
        "typeflag": (156, 1),
        "linkname": (157, 100),
        "magic": (257, 6),
        "version": (263, 2),
        "devmajor": (329, 8),
        "devminor": (337, 8),
        "prefix": (345, 155),
    }
    raw_name = name.encode() if isinstance(name, str) else name
    values = {
        "name": raw_name,
        "mode": b"0000644\0",
        "uid": b"0000000\0",
        "gid": b"0000000\0",
        "size": b"%011o\0" % size,
        "mtime": b"00000000000\0",
        "typeflag": b"0",
        "magic": b"ustar\0",
        "version": b"00",
        "devmajor": b"0000000\0",
        "devminor": b"0000000\0",
    }
    values.update(fields)
    h = bytearray(512)
    for key, value in values.items():
        start, width = layout[key]
        h[start : start + width] = value.ljust(width, b"\0")[:width]
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def tar_member(name: str | bytes, data: bytes, /, **fields: bytes) -> bytes:
    return tar_header(name, len(data), **fields) + data + bytes(-len(data) % 512)


def tar_end() -> bytes:
    return bytes(1024)


def assemble(members: list[tuple[str, bytes]]) -> bytes:
    return b"".join(tar_member(n, d) for n, d in members) + tar_end()


class BundleKit:
    """Everything a bundle test needs, plus helpers to re-sign and re-pack by hand."""

    def __init__(self, tmp_path: Path, now) -> None:
        self.tmp = tmp_path
        self.now = now
        self.priv, self.pub = signing.generate_keypair()
        self.kid = signing.key_id(self.pub)
        self.trusted = {self.kid: self.pub}
        wav_dir = tmp_path / "wav"
        wav_dir.mkdir()
        self.wavs = [write_wav(wav_dir / f"{f}.wav", freq=f) for f in (440.0, 660.0, 880.0)]
        self.audio = {sha256_file(p): p for p in self.wavs}
        self.state_dir = tmp_path / "state"

    def item(self, path: Path, index: int, **changes) -> B.BundleItem:
        approval = B.Approval(
            id=f"ap-{index}",
            reviewer="Công an xã Tân Phú",
            approved_at=self.now - timedelta(days=2),
            valid_from=self.now - timedelta(days=1),
            valid_until=self.now + timedelta(days=60),
        )
        fields = dict(
            id=f"item-{index}",
            title=f"Bản tin phòng chống ma túy số {index}",
            topic="ma túy",
            priority="normal",
            audio_sha256=sha256_file(path),
            audio_size=path.stat().st_size,
            duration_s=0.25,
            sample_rate=8000,
            script_version_id=str(100 + index),
            loop=index % 2 == 0,
            approval=approval,
        )
        fields.update(changes)
        return B.BundleItem(**fields)

    def manifest(self, **changes) -> B.Manifest:
        fields = dict(
            bundle_id=str(uuid.UUID(int=12345)),
            target=B.Target(units=("unit-01",), areas=("xa-tan-phu",)),
            sequence=5,
            issued_at=self.now - timedelta(hours=1),
            expires_at=self.now + timedelta(days=7),
            key_id=self.kid,
            items=tuple(self.item(p, i) for i, p in enumerate(self.wavs)),
            schedule={"rules": [{"item": "item-0", "at": "07:00"}], "quiet": ["22:00", "05:00"]},
        )
        fields.update(changes)
        return B.Manifest(**fields)

    def build(self, manifest: B.Manifest | None = None, name: str = "b.loa", **kw) -> Path:
        manifest = manifest or self.manifest()
        kw.setdefault("signing_key", self.priv)
        return B.build_bundle(manifest, self.audio, out_path=self.tmp / name, now=self.now, **kw)

    def verify(self, path: Path, **kw) -> B.VerifiedBundle:
        kw.setdefault("trusted_keys", self.trusted)
        kw.setdefault("now", self.now)
        return B.verify_bundle(path, **kw)

    def members(self, manifest_bytes: bytes, sig: bytes | None = None) -> list[tuple[str, bytes]]:
        """Members of a hand-packed bundle: manifest, signature (by our key unless given),
        audio in canonical order."""
        sig = self.priv.sign(manifest_bytes) if sig is None else sig
        audio = [(f"audio/{sha}.wav", p.read_bytes()) for sha, p in sorted(self.audio.items())]
        return [("manifest.json", manifest_bytes), ("manifest.sig", sig), *audio]

    def write(self, data: bytes, name: str = "t.loa") -> Path:
        path = self.tmp / name
        path.write_bytes(data)
        return path


@pytest.fixture
def kit(tmp_path, now) -> BundleKit:
    return BundleKit(tmp_path, now)


@pytest.fixture
def bundle_path(kit) -> Path:
    return kit.build()


@pytest.fixture
def world(engine, tmp_path, now) -> World:
    """A seeded panel with a signing key and an outbox, on the `engine` fixture's database."""
    return World(engine, tmp_path, now)


@pytest.fixture
def one_schedule(world) -> int:
    with world.session() as s:
        sch = world.schedule(s, [world.approved(s)])
        s.commit()
        return sch.id

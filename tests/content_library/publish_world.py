"""A seeded panel for publishing tests: approved, rendered versions, schedules, a signing key
and an outbox, over the `engine` fixture (SQLite, and PostgreSQL in `make test`)."""

from __future__ import annotations

import io
from datetime import timedelta

import numpy as np
import soundfile as sf
from sqlmodel import Session, select

from content_library import publishing, services
from content_library.assets import AssetStore
from content_library.demo import seed_demo
from content_library.models import Area, Schedule, Topic, User
from content_library.ports import RecordedRenders
from protocol.bundle import verify_bundle
from protocol.keys import generate_keypair, key_id

PASSWORDS = dict.fromkeys(("doanvien", "congan", "daixa", "quantri"), "mk-demo-123")


def tone(freq: float = 300.0) -> bytes:
    buf = io.BytesIO()
    t = np.arange(48000) / 48000
    sf.write(
        buf,
        (0.2 * np.sin(2 * np.pi * freq * t)).astype("float32"),
        48000,
        format="WAV",
        subtype="PCM_16",
    )
    return buf.getvalue()


class World:
    """A seeded panel with approved, rendered versions and a schedule of them, committed."""

    def __init__(self, engine, tmp_path, now) -> None:
        self.engine, self.now = engine, now
        self.store = AssetStore(tmp_path / "assets")
        self.out = tmp_path / "outbox"
        self.key, self.pub = generate_keypair()
        with Session(engine, expire_on_commit=False) as s:
            seed_demo(s, now=now, passwords=PASSWORDS)
            s.flush()
            self.users = {u.username: u for u in s.exec(select(User)).all()}
            self.area = s.exec(select(Area).where(Area.name == "Ngọc Chúc")).one()
            self.topic = s.exec(select(Topic).where(Topic.code == "MA-TUY")).one()
            s.commit()

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def approved(
        self,
        s: Session,
        text: str = "Nói không với ma túy.",
        *,
        freq: float = 300.0,
        valid_until=None,
        author: str = "doanvien",
    ):
        v = services.create_script(
            s,
            actor=self.users[author],
            title=text[:40],
            topic_id=self.topic.id,
            area_id=self.area.id,
            text=text,
            valid_until=valid_until or self.now + timedelta(days=60),
            now=self.now,
        )
        sha, _ = self.store.put_bytes(tone(freq))
        services.submit(
            s, actor=self.users[author], version_id=v.id, now=self.now, renders=RecordedRenders()
        )
        v.render_status, v.render_sha256 = "done", sha
        s.add(v)
        services.approve(
            s, actor=self.users["congan"], version_id=v.id, now=self.now, audio_sha256=sha
        )
        return v

    def schedule(
        self,
        s: Session,
        versions,
        *,
        target_kind: str = "unit",
        target_id: str = "ngoc-chuc-01",
        name: str = "Lịch tuần",
    ) -> Schedule:
        ids = [publishing.item_id(v.id) for v in versions]
        body = {
            "format": 1,
            "rules": [
                {
                    "kind": "daily",
                    "times": ["06:30", "17:00"],
                    "weekdays": [0, 1, 2, 3, 4, 5, 6],
                    "item_ids": ids,
                }
            ],
        }
        sch = Schedule(
            name=name,
            target_kind=target_kind,
            target_id=target_id,
            area_id=self.area.id,
            body=body,
            version_ids=[v.id for v in versions],
            updated_by=self.users["daixa"].id,
        )
        s.add(sch)
        s.flush()
        return sch

    def publish(self, s: Session, schedule_id: int, *, now=None):
        return publishing.publish(
            s,
            actor=self.users["daixa"],
            schedule_id=schedule_id,
            signing_key=self.key,
            store=self.store,
            out_dir=self.out,
            now=now or self.now,
        )

    def publisher(self) -> publishing.Publisher:
        """What the panel's routes pass to the services that end approvals."""
        return publishing.Publisher(key_path=None, store=self.store, out_dir=self.out, key=self.key)

    def files(self) -> list[str]:
        return sorted(p.name for p in self.out.iterdir()) if self.out.exists() else []

    def verify(self, path, now=None):
        return verify_bundle(
            path,
            trusted_keys={key_id(self.pub): self.pub},
            now=(now or self.now) + timedelta(minutes=1),
        )

"""Fixtures for the panel: a migrated, seeded SQLite per test, the app, and logged-in clients."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import soundfile as sf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from content_library import security, services
from content_library import sync as sync_core
from content_library.db import make_engine, upgrade_to_head
from content_library.demo import DEMO_UNIT_ID, seed_demo
from content_library.models import Area, Asset, Script, ScriptVersion, Topic, User
from content_library.types import Role
from protocol.keys import public_key_line
from web.app import create_app
from web.settings import Settings

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
SECRET = "test-secret-key-not-for-production-0123456789"
CHEAP_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_cost": 8}

# username → (roles over areas by name); password is always password_for(username)
EXTRA_USERS = {
    "tonghop": [(Role.AUTHOR, "Ngọc Chúc"), (Role.REVIEWER, "Ngọc Chúc")],  # may not self-approve
    "congan_tl": [(Role.REVIEWER, "Thạnh Lộc")],  # a reviewer for the other commune only
}
DEMO_USERS = ("doanvien", "congan", "daixa", "chutich", "quantri")
ROLE_USER = {
    "author": "doanvien",
    "reviewer": "congan",
    "operator": "daixa",
    "issuer": "chutich",
    "admin": "quantri",
}


def password_for(username: str) -> str:
    return f"matkhau-{username}"


def add_people(
    db: Session, people: Mapping[str, Iterable[tuple[Role, int]]], *, now: datetime
) -> None:
    """Create each user with their roles over areas (by id); password is password_for(name).

    The caller commits.
    """
    for username, roles in people.items():
        services.create_user(
            db,
            actor=None,
            username=username,
            password=password_for(username),
            full_name=username,
            roles=[(role.value, area_id) for role, area_id in roles],
            now=now,
        )


class Clock:
    """The app's clock; tests move it instead of sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate and seed once; each test gets a copy of the file."""
    security.configure(time_cost=1, memory_cost=8, parallelism=1)
    path = tmp_path_factory.mktemp("template") / "loa.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with Session(engine) as session:
        seed_demo(session, now=NOW, passwords={u: password_for(u) for u in DEMO_USERS})
        session.flush()
        areas = {a.name: a.id for a in session.exec(select(Area)).all()}
        add_people(
            session,
            {u: [(r, areas[a]) for r, a in roles] for u, roles in EXTRA_USERS.items()},
            now=NOW,
        )
        session.commit()
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def settings_overrides() -> dict:
    """Override in a test module (or with indirect parametrisation) to change limits."""
    return {}


@pytest.fixture
def settings(tmp_path: Path, template_db: Path, settings_overrides: dict) -> Settings:
    db = tmp_path / "loa.sqlite3"
    shutil.copyfile(template_db, db)
    # Renders run in the request's background task (TestClient runs it before returning), with
    # the real espeak-ng: a submitted script has its audio by the time the next request comes.
    values = dict(
        data_dir=tmp_path,
        database_url=f"sqlite:///{db}",
        secret_key=SECRET,
        environment="test",
        render_inline=True,
        # A loaded CI machine must not turn an ordinary request into "busy, try again": the
        # busy paths have their own tests with short limits (test_security_db_busy.py,
        # test_security_login_limiter.py).
        login_check_wait_s=30.0,
        db_busy_timeout_ms=30_000,
        **CHEAP_ARGON2,
    )
    values.update(settings_overrides)
    return Settings(**values)


@pytest.fixture
def app(settings: Settings, clock: Clock):
    app = create_app(settings, clock=clock)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def db(app):
    """A session on the same database, for arranging and checking rows."""
    with Session(app.state.engine, expire_on_commit=False) as session:
        yield session


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Panel:
    """A browser-like client: keeps its cookie and finds the CSRF token like a page would."""

    client: TestClient
    username: str | None = None

    def csrf(self) -> str:
        page = self.client.get("/login" if self.username is None else "/", follow_redirects=True)
        m = _CSRF.search(page.text)
        assert m, f"no CSRF token on the page ({page.status_code})"
        return m.group(1)

    def get(self, url: str, **kw):
        return self.client.get(url, **kw)

    def post(
        self, url: str, data: dict | None = None, files=None, *, token: str | None = None, **kw
    ):
        data = dict(data or {})
        data.setdefault("csrf_token", token if token is not None else self.csrf())
        kw.setdefault("follow_redirects", False)
        return self.client.post(url, data=data, files=files, **kw)

    def login(self, username: str, password: str | None = None):
        token = self.csrf()
        r = self.client.post(
            "/login",
            data={
                "username": username,
                "password": password or password_for(username),
                "csrf_token": token,
                "next": "/",
            },
            follow_redirects=False,
        )
        if r.status_code == 303:
            self.username = username
        return r

    def logout(self):
        r = self.post("/logout")
        self.username = None
        return r


@pytest.fixture
def client(app):
    with TestClient(app, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def panel(app):
    """make a new logged-in (or anonymous) client: panel("doanvien")."""
    clients = []

    def make(username: str | None = None) -> Panel:
        c = TestClient(app, base_url="http://testserver")
        clients.append(c)
        p = Panel(c)
        if username:
            r = p.login(username)
            assert r.status_code == 303, r.text
        return p

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def api(client):
    """the bearer-token headers of a demo user, from /api/v1/token: api("doanvien")."""

    def as_user(username: str) -> dict[str, str]:
        r = client.post(
            "/api/v1/token", json={"username": username, "password": password_for(username)}
        )
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    return as_user


@pytest.fixture
def http(app):
    """a client for the unit sync API (signed requests, no login)."""
    with TestClient(app) as c:
        yield c


@pytest.fixture
def key(app, clock):
    """the Ed25519 key of the demo unit, enrolled through the API with a fresh code."""
    k = Ed25519PrivateKey.generate()
    with Session(app.state.engine) as s:
        code = sync_core.issue_enrol_code(s, DEMO_UNIT_ID, clock.now)
        s.commit()
    with TestClient(app) as c:
        r = c.post(
            "/api/v1/units/enrol",
            json={
                "unit_id": DEMO_UNIT_ID,
                "code": code,
                "public_key": public_key_line(k.public_key()),
            },
        )
    assert r.status_code == 200, r.text
    return k


# --- domain helpers -------------------------------------------------------------------------


def ids(db: Session) -> dict:
    areas = {a.name: a.id for a in db.exec(select(Area)).all()}
    topics = {t.code: t.id for t in db.exec(select(Topic)).all()}
    users = {u.username: u.id for u in db.exec(select(User)).all()}
    return {"area": areas, "topic": topics, "user": users}


def counts(db: Session, settings: Settings) -> dict:
    db.expire_all()
    files = [p for p in settings.assets_dir.rglob("*") if p.is_file() and "tmp" not in p.parts]
    tmp = (
        [p for p in (settings.assets_dir / "tmp").glob("*")]
        if (settings.assets_dir / "tmp").exists()
        else []
    )
    return {
        "scripts": len(db.exec(select(Script)).all()),
        "versions": len(db.exec(select(ScriptVersion)).all()),
        "assets": len(db.exec(select(Asset)).all()),
        "files": len(files),
        "tmp": len(tmp),
    }


def wav_bytes(seconds: float = 1.0, *, rate: int = 16000, freq: float = 440.0) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    signal = (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    buf = io.BytesIO()
    sf.write(buf, signal, rate, format="WAV", subtype="PCM_16")
    return buf.getvalue()


@functools.lru_cache(maxsize=4)
def speech_wav_bytes(text: str = "Kính thưa bà con, đây là bản tin phòng cháy chữa cháy.") -> bytes:
    """A short recording with real speech in it (espeak-ng), as an author would upload."""
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-v", "vi", "-w", str(out), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return out.read_bytes()


def new_script_form(db: Session, **over) -> dict:
    i = ids(db)
    form = {
        "title": "Phòng chống ma túy tháng 3",
        "topic_id": str(i["topic"]["MA-TUY"]),
        "area_id": str(i["area"]["Ngọc Chúc"]),
        "kind": "text",
        "text": "Kính thưa bà con, ma túy là hiểm họa của toàn xã hội.",
        "priority": "normal",
        "voice_region": "south",
        "valid_from": "",
        "valid_until": "",
        "action": "submit",
    }
    form.update(over)
    return form


def new_author_form(area_id: int, username: str = "tv_thanhloc") -> dict:
    """The admin page's "new user" form: an author of ``area_id``."""
    return {
        "username": username,
        "password": "Mot-mat-khau-dai",
        "role": "author",
        "area_id": str(area_id),
    }


def script_id_from(response) -> int:
    m = re.search(r"/scripts/(\d+)$", response.headers.get("location", ""))
    assert m, (
        f"expected a redirect to the script, got {response.status_code}: {response.text[:500]}"
    )
    return int(m.group(1))


@pytest.fixture
def tl_people(db, clock) -> dict[str, int]:
    """An admin and an operator of Thạnh Lộc (the other commune); congan_tl reviews there."""
    by_name = {a.name: a.id for a in db.exec(select(Area)).all()}
    tl = by_name["Thạnh Lộc"]
    add_people(
        db, {"quantri_tl": [(Role.ADMIN, tl)], "daixa_tl": [(Role.OPERATOR, tl)]}, now=clock.now
    )
    db.commit()
    return by_name


@pytest.fixture
def issuers(app, db, clock) -> dict[str, Area]:
    """The areas by name, and an emergency issuer of each commune (test_emergency's world)."""
    from .test_emergency import ISSUERS, Recorder

    areas = {a.name: a for a in db.exec(select(Area)).all()}
    add_people(db, {u: [(Role.ISSUER, areas[a].id)] for u, a in ISSUERS.items()}, now=clock.now)
    db.commit()
    app.state.push_publisher = Recorder()
    return areas

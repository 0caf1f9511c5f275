"""Every path that canonicalises or signs a shared format agrees: the same bytes or the same refusal.

The same adversarial values (NFC collisions, non-string keys, NaN/inf/-0.0/1e308, integers past
64 bits, NFD text, lone surrogates, nesting) go, inside a probe ``{"probe": value}``, to

- the bundle: the panel signs a manifest carrying it (its schedule), the unit verifies the file;
- the unit's as-run log (``playout.asrun``): the body it hashes and signs;
- the panel's as-run check: the unit's own sync client pushes its log over HTTP to the panel
  app, which authenticates the signed request and checks the entry before storing it;

and each must give the bytes ``protocol.canonical`` documents, or refuse. The other direction
too: a value written as plain (non-canonical) JSON text and signed properly is accepted by the
unit's bundle check and by the panel exactly when that text is the canonical one.
"""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
import urllib.error
import urllib.request
import uuid
import wave
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from content_library import security
from content_library import sync as panel_sync
from content_library.db import make_engine, upgrade_to_head
from content_library.models import Area, AsRunRecord, Unit
from playout import asrun as unit_asrun
from playout import sync_client as unit_sync
from playout.asrun import AsRunError, AsRunLog
from playout.sync_client import SyncClient
from protocol import asrun_chain, canonical, request_signing
from protocol.bundle import build_bundle, verify_bundle
from protocol.errors import BundleRejected, ManifestInvalid
from protocol.keys import key_id
from protocol.manifest import Approval, BundleItem, Manifest, Target
from protocol.ustar import ZERO_BLOCK, padding, ustar_header

REFUSED = "refused"
PANEL_URL = "https://panel.test"  # the unit sends its enrolment code over TLS only
NFD_E = unicodedata.normalize("NFD", "é")
assert NFD_E != "é"


def _nested() -> dict[str, Any]:
    return {"b": [1, {"z": NFD_E, "a": None}], "a": (True, 2.5), "c": {}}


# (id, value, the canonical bytes of the value or REFUSED): the rule, pinned.
CASES: list[tuple[str, Any, bytes | str]] = [
    ("nfd-text", "tho\u0302n", '"thôn"'.encode()),
    ("nfd-key", {NFD_E: 1}, '{"é":1}'.encode()),
    ("nfc-collision", {"é": 1, NFD_E: 2}, REFUSED),
    ("nfc-collision-deep", [{"x": {NFD_E: 1, "é": 2}}], REFUSED),
    ("unsorted-keys", {"b": 1, "a": 2, "B": 3}, b'{"B":3,"a":2,"b":1}'),
    ("int-key", {1: "a"}, REFUSED),
    ("none-key", {None: "a"}, REFUSED),
    ("tuple-key", {(1, 2): "a"}, REFUSED),
    ("nan", float("nan"), REFUSED),
    ("inf", float("inf"), REFUSED),
    ("-inf", float("-inf"), REFUSED),
    ("nan-deep", {"a": [{"b": [0.5, float("nan")]}]}, REFUSED),
    ("-0.0", -0.0, b"-0.0"),
    ("1e308", 1e308, b"1e+308"),
    ("smallest-float", 5e-324, b"5e-324"),
    ("float-integral", 3.0, b"3.0"),
    ("int64-max", 2**63 - 1, b"9223372036854775807"),
    ("int64-min", -(2**63), b"-9223372036854775808"),
    ("2**63", 2**63, REFUSED),
    ("-2**63-1", -(2**63) - 1, REFUSED),
    ("2**64", 2**64, REFUSED),
    ("10**400", 10**400, REFUSED),
    ("bool", True, b"true"),
    ("null", None, b"null"),
    ("nested", _nested(), '{"a":[true,2.5],"b":[1,{"a":null,"z":"é"}],"c":{}}'.encode()),
    ("control-chars", "a\nb\x00\u2028", b'"a\\nb\\u0000\xe2\x80\xa8"'),
    ("astral", "🔊 loa", '"🔊 loa"'.encode()),
    ("lone-surrogate", "\ud800", REFUSED),
    ("object", object(), REFUSED),
    ("set", {1, 2}, REFUSED),
    ("bytes", b"x", REFUSED),
]


# --------------------------------------------------------------------------- helpers


def _probe_bytes(doc: bytes) -> bytes:
    """The bytes a document holds for its ``"probe"`` value, exactly as written."""
    text = doc.decode("utf-8")
    start = text.index('"probe":') + len('"probe":')
    _, end = json.JSONDecoder().raw_decode(text, start)
    return text[start:end].encode("utf-8")


def _representable(value: Any) -> bool:
    """Whether any JSON text can carry ``value`` (else nobody can sign a text of it)."""
    if value is None or isinstance(value, bool | int | float | str):
        return True
    if isinstance(value, dict):
        return all(isinstance(k, str) and _representable(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_representable(v) for v in value)
    return False


def _plain_json(obj: Any) -> bytes:
    """What a careless writer would sign: insertion order, NaN allowed, no NFC."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


_PLACEHOLDER = "@@probe@@"


def _with_plain_probe(doc: dict[str, Any], value: Any) -> bytes:
    """``doc`` in canonical form except its probe (a placeholder in ``doc``), written plainly:
    the result is canonical exactly when the plain text of ``value`` is."""
    return canonical.canonical_json(doc).replace(
        json.dumps(_PLACEHOLDER).encode(), _plain_json(value)
    )


# --------------------------------------------------------------------------- the bundle


def _wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(1600))
    return path


def _manifest(key: Ed25519PrivateKey, audio: Path, now: datetime, schedule: Any) -> Manifest:
    data = audio.read_bytes()
    approval = Approval(
        id="ap-1",
        reviewer="Công an xã",
        approved_at=now - timedelta(hours=1),
        valid_from=now - timedelta(hours=1),
        valid_until=now + timedelta(days=2),
    )
    item = BundleItem(
        id="a",
        title="Bản tin",
        topic="an ninh",
        priority="normal",
        audio_sha256=hashlib.sha256(data).hexdigest(),
        audio_size=len(data),
        duration_s=0.1,
        sample_rate=8000,
        script_version_id="v1",
        approval=approval,
    )
    return Manifest(
        bundle_id=str(uuid.uuid4()),
        target=Target(units=("u1",)),
        sequence=1,
        issued_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(days=1),
        key_id=key_id(key.public_key()),
        items=(item,),
        schedule=schedule,
    )


def _verify(path: Path, key: Ed25519PrivateKey, now: datetime):
    return verify_bundle(path, trusted_keys={key_id(key.public_key()): key.public_key()}, now=now)


def via_bundle(value: Any, tmp: Path, now: datetime) -> bytes | str:
    """The panel signs a manifest carrying the probe; the unit verifies the bundle file."""
    key = Ed25519PrivateKey.generate()
    audio = _wav(tmp / "a.wav")
    try:
        manifest = _manifest(key, audio, now, {"probe": value})
    except ManifestInvalid:
        return REFUSED
    audio_files = {manifest.items[0].audio_sha256: audio}
    path = build_bundle(manifest, audio_files, signing_key=key, out_path=tmp / "b.loa", now=now)
    verified = _verify(path, key, now)
    assert verified.manifest == manifest
    return _probe_bytes(verified.manifest_bytes)


def bundle_accepts_plain_text(value: Any, tmp: Path, now: datetime) -> bool:
    """A bundle whose manifest is plain JSON text of the probe, properly signed: verifies?"""
    key = Ed25519PrivateKey.generate()
    audio = _wav(tmp / "p.wav")
    doc = _manifest(key, audio, now, {}).to_dict()
    doc["schedule"] = {"probe": _PLACEHOLDER}
    manifest_bytes = _with_plain_probe(doc, value)
    sha = doc["items"][0]["audio_sha256"]
    data = audio.read_bytes()
    with open(tmp / "p.loa", "wb") as fh:
        for name, member in (
            ("manifest.json", manifest_bytes),
            ("manifest.sig", key.sign(manifest_bytes)),
            (f"audio/{sha}.wav", data),
        ):
            fh.write(ustar_header(name, len(member)) + member + bytes(padding(len(member))))
        fh.write(ZERO_BLOCK * 2)
    try:
        _verify(tmp / "p.loa", key, now)
    except BundleRejected:
        return False
    return True


# --------------------------------------------------------------------------- unit and panel


class _Answer:
    """An HTTP answer as ``urllib.request.urlopen`` returns it (what the client reads)."""

    def __init__(self, status: int, headers: dict[str, str], data: bytes) -> None:
        self.status, self.headers, self._data = status, headers, data

    def read(self, *_: Any) -> bytes:
        data, self._data = self._data, b""
        return data

    def __enter__(self) -> _Answer:
        return self

    def __exit__(self, *_: object) -> None:
        return None


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    """The real panel app (routes, authentication, as-run checks, SQLite), one commune; each
    case enrols a unit of its own. Requests reach it in process, through httpx's ASGI transport."""
    from fastapi.testclient import TestClient

    from web.app import create_app
    from web.settings import Settings

    security.configure(time_cost=1, memory_cost=8, parallelism=1)
    home = tmp_path_factory.mktemp("panel")
    db = home / "loa.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    upgrade_to_head(engine)
    with Session(engine) as s:
        area = Area(name="Ngọc Chúc", kind="commune", path="/")
        s.add(area)
        s.flush()
        area.path = f"/{area.id}/"
        s.commit()
        area_id = area.id
    settings = Settings(
        data_dir=home,
        database_url=f"sqlite:///{db}",
        secret_key="test-secret-key-not-for-production-0123456789",
        environment="test",
        argon2_time_cost=1,
        argon2_memory_cost=8,
    )
    with TestClient(create_app(settings, engine=engine), base_url=PANEL_URL) as http:
        yield SimpleNamespace(http=http, engine=engine, area_id=area_id)
    engine.dispose()


@pytest.fixture
def unit_reaches_panel(panel, monkeypatch):
    """The unit's sync client, unchanged, talks to the panel: its urlopen goes to the app."""

    def urlopen(req: urllib.request.Request, timeout: float | None = None) -> _Answer:
        assert req.full_url.startswith(PANEL_URL)
        resp = panel.http.request(
            req.get_method(), req.full_url, content=req.data, headers=dict(req.header_items())
        )
        if resp.status_code >= 400:
            raise urllib.error.HTTPError(
                req.full_url,
                resp.status_code,
                resp.reason_phrase,
                resp.headers,
                io.BytesIO(resp.content),
            )
        return _Answer(resp.status_code, dict(resp.headers), resp.content)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)


def _enrolled_client(panel, tmp: Path) -> SyncClient:
    unit_id = f"agree-{uuid.uuid4().hex[:12]}"
    with Session(panel.engine) as s:
        s.add(Unit(id=unit_id, name=unit_id, area_id=panel.area_id))
        s.flush()
        code = panel_sync.issue_enrol_code(s, unit_id, datetime.now(UTC))
        s.commit()
    client = SyncClient(
        PANEL_URL,
        unit_id,
        Ed25519PrivateKey.generate(),
        tmp / unit_id,
        asrun_path=tmp / f"{unit_id}.sqlite3",
    )
    client.enrol(code)
    return client


def via_unit_log(value: Any, client: SyncClient) -> bytes | str:
    """The unit writes the probe into its as-run log: the body it hashes and signs."""
    with AsRunLog(client.asrun_path, unit_key=client.key, unit_id=client.unit_id) as log:
        try:
            entry = log.append("armed", probe=value)
        except AsRunError:
            return REFUSED
        assert log.verify(client.key.public_key()).ok
    return _probe_bytes(entry.body.encode("utf-8"))


def via_panel(client: SyncClient, panel) -> bytes | str:
    """The unit's client pushes its log; the panel authenticates, checks and stores it."""
    try:
        accepted, _ = client.push_asrun()
    except unit_sync.SyncError:
        return REFUSED
    if not accepted:
        return REFUSED
    with Session(panel.engine) as s:
        body = s.exec(select(AsRunRecord.body).where(AsRunRecord.unit_id == client.unit_id)).one()
    return _probe_bytes(body.encode("utf-8"))


def _post(panel, client: SyncClient, body: bytes, *, signed_body: bytes | None = None):
    """POST an as-run batch signed by the unit's key over ``signed_body`` (default: body)."""
    path = f"{unit_sync.API}/{client.unit_id}/asrun"
    headers = request_signing.sign_request(
        client.key, "POST", path, client.unit_id, body if signed_body is None else signed_body
    )
    resp = panel.http.post(
        path, content=body, headers={"Content-Type": "application/json", **headers}
    )
    return resp.status_code, resp.json()


def panel_accepts_plain_text(value: Any, client: SyncClient, panel) -> bool:
    """An entry whose body is plain JSON text of the probe, hashed and signed with the unit's
    key, pushed as seq 1 in a properly signed request: does the panel store it?"""
    envelope = {
        "v": 1,
        "seq": 1,
        "kind": "armed",
        "unit_id": client.unit_id,
        "logged_us": 0,
        "prev_hash": asrun_chain.GENESIS_HASH,
        "fields": {"probe": _PLACEHOLDER},
    }
    body = _with_plain_probe(envelope, value).decode("utf-8", "surrogatepass")
    hash_ = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    entry = {
        "seq": 1,
        "kind": "armed",
        "body": body,
        "prev_hash": asrun_chain.GENESIS_HASH,
        "hash": hash_,
        "signature": asrun_chain.sign_entry(client.key, hash_),
    }
    wire = json.dumps({"entries": [entry]}).encode("ascii")  # \ud800 travels escaped
    # The request signature binds these exact bytes: the same batch re-encoded is refused.
    status, _ = _post(panel, client, wire.decode("ascii").encode("utf-8") + b" ", signed_body=wire)
    assert status == 401
    status, answer = _post(panel, client, wire)
    assert status != 401 and status < 500, answer  # authentic, and refused (if so) in words
    return status == 200 and answer["accepted"] == 1


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_path_gives_the_same_bytes_or_the_same_refusal(
    value, expected, panel, unit_reaches_panel, tmp_path, now
):
    try:
        reference: bytes | str = canonical.canonical_json(value)
    except (TypeError, ValueError):
        reference = REFUSED
    client = _enrolled_client(panel, tmp_path)
    if _representable(value):  # some JSON text carries it: accepted only if it is canonical
        plain = _plain_json(value)
        assert bundle_accepts_plain_text(value, tmp_path, now) == (plain == expected)
        other = _enrolled_client(panel, tmp_path)  # its own chain, apart from the real push
        assert panel_accepts_plain_text(value, other, panel) == (plain == expected)
    outcomes = {
        "protocol.canonical": reference,
        "bundle (panel signs, unit verifies)": via_bundle(value, tmp_path, now),
        "as-run body on the unit": via_unit_log(value, client),
        "as-run check on the panel (pushed by the unit's client)": via_panel(client, panel),
    }
    assert outcomes == dict.fromkeys(outcomes, expected)
    if expected != REFUSED:  # canonical bytes are a fixed point: parse, write again, same bytes
        assert canonical.canonical_json(canonical.loads_strict(expected)) == expected


def test_the_unit_and_the_panel_run_one_definition():
    """Guard against a second copy: each side's name is the protocol's own object."""
    from content_library import bundle as compat_bundle
    from content_library import signing as compat_signing
    from protocol import keys

    assert unit_asrun.canonical_json is canonical.canonical_text
    assert unit_asrun.verify_rows is asrun_chain.verify_rows
    assert panel_sync.check_row is asrun_chain.check_row
    assert panel_sync.sign_request is request_signing.sign_request
    assert unit_sync.sign_request is request_signing.sign_request
    assert compat_bundle.canonical_json is canonical.canonical_json
    assert compat_signing.key_id is keys.key_id

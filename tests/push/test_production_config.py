"""deploy/mosquitto/loa.conf as shipped, on a real Mosquitto: TLS on the units' listener with a
certificate made here, per-unit passwords and the ACL generated from the panel's database,
the panel on its own listener; a unit receives a notice over mqtts:// and a client that does
not trust the broker's CA is refused."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bench._mosquitto import Broker, free_port, write_password_file
from content_library.push import PANEL_USERNAME, MqttPublisher, panel_acl, unit_acl
from playout.push_client import PushClient

from .conftest import WAIT_S, require_mosquitto
from .helpers import FIELDS

ROOT = Path(__file__).resolve().parents[2]


def _cert(subject: str, key, issuer_key, issuer_name, *, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(issuer_name or x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # Mosquitto (C) checks it on the real clock, this process may run on a moved one
        # (make test's second pass): a window of years either side covers both.
        .not_valid_before(now - dt.timedelta(days=3 * 366))
        .not_valid_after(now + dt.timedelta(days=3 * 366))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def make_tls(folder: Path) -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("Loa test CA", ca_key, ca_key, None, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    server = _cert("127.0.0.1", key, ca_key, ca.subject, ca=False)
    (folder / "ca.crt").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.crt").write_bytes(server.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(_pem_key(key))
    (folder / "server.key").chmod(0o600)


@pytest.fixture
def production_broker(tmp_path):
    require_mosquitto()
    etc = tmp_path / "etc"
    etc.mkdir()
    make_tls(etc)
    write_password_file(etc / "units.passwd", {"cl-01": "mk-01", "cl-02": "mk-02"})
    write_password_file(etc / "panel.passwd", {PANEL_USERNAME: "mk-panel"})
    (etc / "units.acl").write_text(unit_acl({"cl-01": [1, 4], "cl-02": [1, 5]}))
    (etc / "panel.acl").write_text(panel_acl())
    unit_port, panel_port = free_port(), free_port()
    text = (ROOT / "deploy/mosquitto/loa.conf").read_text()
    text = text.replace("/etc/mosquitto/loa/", f"{etc}/")
    text = re.sub(r"^listener 8883$", f"listener {unit_port} 127.0.0.1", text, flags=re.M)
    text = re.sub(r"^listener 1884 ", f"listener {panel_port} ", text, flags=re.M)
    broker = Broker(tmp_path / "run", port=unit_port, panel_port=panel_port)
    # Debian's mosquitto.conf supplies these around conf.d/loa.conf
    head = broker.conf.read_text().split("listener ")[0]
    broker.conf.write_text(head + text)
    broker.secured, broker.panel_port = True, panel_port
    broker.start()
    yield broker, etc
    broker.stop()


def test_shipped_config_over_tls(production_broker, panel_key, wakes):
    broker, etc = production_broker
    key, trusted = panel_key
    url = f"mqtts://127.0.0.1:{broker.port}"
    unit = PushClient(
        url,
        unit_id="cl-01",
        areas=["1", "4"],
        trusted_keys=trusted,
        wake=wakes,
        password="mk-01",
        ca_file=etc / "ca.crt",
    ).start()
    pub = MqttPublisher(
        broker.panel_url, signing_key=key, username=PANEL_USERNAME, password="mk-panel"
    )
    try:
        assert unit.subscribed.wait(WAIT_S)
        pub.announce(FIELDS, area_ids=[4], unit_ids=[])
        assert wakes.wait_for("push")
        assert unit.accepted == 1
    finally:
        pub.close()
        unit.stop()
    # a client that does not trust the broker's CA (here: the system's CAs) is refused
    ctx = ssl.create_default_context()
    with (
        socket.create_connection(("127.0.0.1", broker.port), timeout=WAIT_S) as sock,
        pytest.raises(ssl.SSLCertVerificationError),
    ):
        ctx.wrap_socket(sock, server_hostname="127.0.0.1")


def test_acl_written_from_the_database(engine, now):
    from sqlmodel import Session

    from content_library.demo import DEMO_UNIT_ID, seed_demo
    from content_library.push import unit_area_paths

    with Session(engine) as session:
        seed_demo(session, now=now)
        session.commit()
        paths = unit_area_paths(session)
    assert DEMO_UNIT_ID in paths and len(paths[DEMO_UNIT_ID]) >= 2
    text = unit_acl(paths)
    assert f"user {DEMO_UNIT_ID}\ntopic read loa/v1/unit/{DEMO_UNIT_ID}\n" in text
    for area in paths[DEMO_UNIT_ID]:
        assert f"topic read loa/v1/area/{area}\n" in text
    out = subprocess.run(
        [sys.executable, str(ROOT / "deploy/mosquitto/write-acl.py"), "--panel"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == panel_acl()

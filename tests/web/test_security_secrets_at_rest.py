"""Issue 12, item 16: secrets at rest.

The panel's secret key and bundle-signing key must be owner-only (0600): a file that other
users may read is refused with a message in both languages. A trusted public-key file must not
be writable by others. SQLite database files (and their -wal/-shm) are created 0600, and an
older 0644 database file the panel made is narrowed when it opens it.
"""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from content_library import security
from content_library.db import make_engine
from protocol.keys import generate_keypair, public_key_line, write_private_key
from web.settings import Settings, SettingsError

from .conftest import SECRET


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def wide_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("bits", [0o644, 0o640, 0o604, 0o620])
def test_a_secret_key_file_others_may_use_is_refused(tmp_path, monkeypatch, bits) -> None:
    monkeypatch.delenv("LOA_SECRET_KEY", raising=False)
    monkeypatch.setenv("LOA_ENV", "test")
    Settings.from_env(data_dir=tmp_path)  # creates it, 0600
    assert mode(tmp_path / "secret_key") == 0o600
    os.chmod(tmp_path / "secret_key", bits)
    with pytest.raises(SettingsError) as err:
        Settings.from_env(data_dir=tmp_path)
    message = str(err.value)
    assert "secret_key" in message and "chmod 600" in message
    assert "khóa bí mật" in message and "other users" in message


def test_a_signing_key_others_may_read_stops_loa_serve(tmp_path, monkeypatch) -> None:
    from loa import cli_server

    served = []
    monkeypatch.setattr(cli_server, "_run", lambda *a, **kw: served.append(a))
    monkeypatch.setenv("LOA_ENV", "development")
    monkeypatch.setenv("LOA_SECRET_KEY", SECRET)
    monkeypatch.delenv("LOA_DATABASE_URL", raising=False)
    key_path = tmp_path / "panel.key"
    write_private_key(key_path, generate_keypair()[0])
    monkeypatch.setenv("LOA_SIGNING_KEY", str(key_path))
    os.chmod(key_path, 0o644)
    r = CliRunner().invoke(cli_server.serve, ["--data-dir", str(tmp_path / "data")])
    assert r.exit_code != 0 and not served
    assert "chmod 600" in r.output and "khóa" in r.output
    os.chmod(key_path, 0o600)
    r = CliRunner().invoke(cli_server.serve, ["--data-dir", str(tmp_path / "data")])
    assert r.exit_code == 0, r.output
    assert served


def test_trusted_public_key_files_must_not_be_writable_by_others(tmp_path) -> None:
    path = tmp_path / "panel.pub"
    path.write_text(public_key_line(generate_keypair()[1]) + "\n")
    for ok in (0o644, 0o444, 0o600):
        os.chmod(path, ok)
        security.require_not_writable_by_others(path, what_en="trusted key", what_vi="khóa tin cậy")
    for bad in (0o666, 0o646, 0o664):
        os.chmod(path, bad)
        with pytest.raises(security.FileModeError) as err:
            security.require_not_writable_by_others(
                path, what_en="trusted key", what_vi="khóa tin cậy"
            )
        assert "chmod go-w" in err.value.reason and "khóa tin cậy" in err.value.reason_vi


def test_database_files_are_created_owner_only(tmp_path, wide_umask) -> None:
    db = tmp_path / "loa.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    for name in ("loa.sqlite3", "loa.sqlite3-wal", "loa.sqlite3-shm"):
        assert (tmp_path / name).exists(), name
        assert mode(tmp_path / name) == 0o600, f"{name} is {mode(tmp_path / name):o}"
    engine.dispose()


def test_an_older_world_readable_database_is_narrowed(tmp_path, wide_umask) -> None:
    db = tmp_path / "loa.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    for p in tmp_path.iterdir():
        os.chmod(p, 0o644)
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 0
    assert mode(db) == 0o600
    engine.dispose()


def test_loa_makes_its_data_dir_owner_only(tmp_path, monkeypatch, wide_umask) -> None:
    from loa import cli_server

    monkeypatch.setenv("LOA_ENV", "development")
    monkeypatch.delenv("LOA_SECRET_KEY", raising=False)
    monkeypatch.delenv("LOA_DATABASE_URL", raising=False)
    data = tmp_path / "data"
    r = CliRunner().invoke(cli_server.db_upgrade, ["--data-dir", str(data)])
    assert r.exit_code == 0, r.output
    assert mode(data) == 0o700
    assert mode(data / "loa.sqlite3") == 0o600 and mode(data / "secret_key") == 0o600

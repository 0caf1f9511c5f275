"""Keys: generation, 0600 private files, public-key lines with key ids, trust lists, signatures."""

from __future__ import annotations

import base64
import os
import stat

import pytest

from protocol import keys as signing


def test_sign_verify_round_trip():
    priv, pub = signing.generate_keypair()
    sig = signing.sign(priv, b"manifest bytes")
    assert len(sig) == 64
    assert signing.verify_signature(pub, b"manifest bytes", sig)
    assert not signing.verify_signature(pub, b"manifest bytes!", sig)
    assert not signing.verify_signature(pub, b"manifest bytes", sig[:-1] + bytes([sig[-1] ^ 1]))
    assert not signing.verify_signature(pub, b"manifest bytes", sig[:63])
    _, other = signing.generate_keypair()
    assert not signing.verify_signature(other, b"manifest bytes", sig)


def test_key_id_and_public_line_round_trip():
    _, pub = signing.generate_keypair()
    kid = signing.key_id(pub)
    assert len(kid) == 16 and int(kid, 16) >= 0
    line = signing.public_key_line(pub)
    prefix, line_kid, b64 = line.split(":")
    assert (prefix, line_kid) == ("ed25519", kid)
    assert len(base64.b64decode(b64)) == 32
    parsed_kid, parsed = signing.parse_public_key_line(line)
    assert parsed_kid == kid and signing.key_id(parsed) == kid


def test_private_key_written_0600_and_never_overwritten(tmp_path):
    old_umask = os.umask(0)  # even with a permissive umask the file is 0600
    try:
        priv, pub = signing.generate_keypair()
        path = signing.write_private_key(tmp_path / "k", priv)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = signing.load_private_key(path)
    assert signing.key_id(loaded.public_key()) == signing.key_id(pub)
    with pytest.raises(signing.KeyFileError, match="already exists"):
        signing.write_private_key(path, priv)


def test_private_key_refuses_symlink_target(tmp_path):
    target = tmp_path / "elsewhere"
    (tmp_path / "k").symlink_to(target)
    with pytest.raises(signing.KeyFileError):
        signing.write_private_key(tmp_path / "k", signing.generate_keypair()[0])
    assert not target.exists()


def test_load_private_key_refuses_readable_by_others(tmp_path):
    path = signing.write_private_key(tmp_path / "k", signing.generate_keypair()[0])
    os.chmod(path, 0o644)
    with pytest.raises(signing.KeyFileError, match="chmod 600"):
        signing.load_private_key(path)
    assert signing.load_private_key(path, require_private_mode=False)


def test_load_private_key_refuses_garbage(tmp_path):
    path = tmp_path / "k"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"not a key")
    os.close(fd)
    with pytest.raises(signing.KeyFileError):
        signing.load_private_key(path)


def test_trusted_keys_from_files_and_lines_for_rotation(tmp_path):
    _, old = signing.generate_keypair()
    _, new = signing.generate_keypair()
    _, third = signing.generate_keypair()
    file_ = tmp_path / "trusted.pub"
    file_.write_text(
        f"# keys this unit trusts\n{signing.public_key_line(old)}\n\n"
        f"{signing.public_key_line(new)}\n"
    )
    keys = signing.load_trusted_keys([file_, signing.public_key_line(third)])
    assert set(keys) == {signing.key_id(k) for k in (old, new, third)}
    assert signing.load_trusted_keys(file_).keys() == {signing.key_id(old), signing.key_id(new)}


def _swap_kid(line: str) -> str:
    prefix, kid, b64 = line.split(":")
    return f"{prefix}:{'0' * 16 if kid != '0' * 16 else '1' * 16}:{b64}"


@pytest.mark.parametrize(
    "make_line",
    [
        pytest.param(_swap_kid, id="key-id-mismatch"),
        pytest.param(lambda line: line.replace("ed25519:", "rsa:"), id="wrong-algorithm"),
        pytest.param(lambda line: line[:-4] + "!!!=", id="bad-base64"),
        pytest.param(lambda line: line.rsplit(":", 1)[0], id="missing-key"),
        pytest.param(lambda line: line + "AAAA", id="too-long"),
    ],
)
def test_trusted_keys_refuse_bad_lines(make_line, tmp_path):
    _, pub = signing.generate_keypair()
    path = tmp_path / "t.pub"
    path.write_text(make_line(signing.public_key_line(pub)) + "\n")
    with pytest.raises(signing.KeyFileError):
        signing.load_trusted_keys([path])


def test_trusted_keys_refuse_missing_or_empty_file(tmp_path):
    with pytest.raises(signing.KeyFileError, match="cannot read"):
        signing.load_trusted_keys([tmp_path / "nope.pub"])
    (tmp_path / "empty.pub").write_text("# nothing\n")
    with pytest.raises(signing.KeyFileError, match="no public key"):
        signing.load_trusted_keys([tmp_path / "empty.pub"])


@pytest.mark.parametrize("mode", [0o664, 0o646, 0o666])
def test_trusted_keys_refuse_a_file_others_may_change(tmp_path, mode):
    """Whoever can write the trusted-keys file chooses what the unit plays."""
    path = tmp_path / "trusted.pub"
    path.write_text(signing.public_key_line(signing.generate_keypair()[1]) + "\n")
    path.chmod(0o644)
    assert len(signing.load_trusted_keys([path])) == 1
    path.chmod(mode)
    with pytest.raises(signing.KeyFileError, match="may be changed by another user") as refused:
        signing.load_trusted_keys([path])
    assert "chmod go-w" in refused.value.reason_vi

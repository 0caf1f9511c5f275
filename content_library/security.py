"""Passwords and secrets at rest: argon2id hashing (a few at a time), the password policy,
and the file-mode checks for keys and the database.

- Hashing: argon2-cffi's argon2id; tests lower the cost with :func:`configure`. Each check
  costs memory (64 MiB with the defaults), so at most :func:`limit_concurrency` of them run at
  once in a process; a caller that cannot get a slot in time gets :class:`PasswordCheckBusy`
  (the panel answers 503 with Retry-After) instead of queueing without bound.
- Policy (:func:`check_new_password`): at least 10 characters, not one of the common
  passwords shipped in ``data/common_passwords.txt``, not the username.
- File modes: secret files (the panel's secret key, its signing key) must be owner-only;
  trusted public keys must not be writable by others (:class:`FileModeError`, both languages).
"""

from __future__ import annotations

import functools
import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from content_library.errors import LoaError, ValidationError

_hasher = PasswordHasher()
_slots = threading.BoundedSemaphore(2)
_wait_s = 5.0

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 256
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common_passwords.txt"


def configure(*, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4) -> None:
    """Replace the hasher's cost (tests use a cheap one; production keeps the defaults).
    The dummy hash of :func:`dummy_hash` follows: it is made again under the new cost."""
    global _hasher
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def limit_concurrency(max_concurrent: int, *, wait_s: float) -> None:
    """At most ``max_concurrent`` hashes or checks at once; others wait up to ``wait_s``."""
    global _slots, _wait_s
    if max_concurrent < 1 or wait_s < 0:
        raise ValueError("max_concurrent must be at least 1 and wait_s not negative")
    _slots = threading.BoundedSemaphore(max_concurrent)
    _wait_s = wait_s


class PasswordCheckBusy(LoaError):
    """Every password-check slot stayed taken while this caller waited: try again shortly."""

    def __init__(self, retry_after_s: int = 2) -> None:
        super().__init__(
            "the server is busy checking other passwords; please try again in a few seconds",
            "Máy chủ đang bận kiểm tra mật khẩu khác, vui lòng thử lại sau vài giây.",
        )
        self.retry_after_s = retry_after_s


@contextmanager
def _slot() -> Iterator[None]:
    slots = _slots  # release the one acquired even if limit_concurrency replaces it meanwhile
    if not slots.acquire(timeout=_wait_s):
        raise PasswordCheckBusy(retry_after_s=max(1, round(_wait_s + 1)))
    try:
        yield
    finally:
        slots.release()


def hash_password(password: str) -> str:
    with _slot():
        return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    with _slot():
        try:
            return _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def needs_rehash(password_hash: str) -> bool:
    """True when ``password_hash`` was made under other parameters than the current ones
    (argon2-cffi's ``check_needs_rehash``), or is not an argon2 hash at all."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


# (hasher, a hash it made): checked against the current hasher on every use, so a dummy made
# before ``configure`` changed the cost is never used after it
_dummy: tuple[PasswordHasher, str] | None = None
_dummy_lock = threading.Lock()
DUMMY_PASSWORD = "not-a-real-password"


def dummy_hash() -> str:
    """A hash of :data:`DUMMY_PASSWORD` under the current parameters: checking a password
    against it costs what checking a real user's current hash costs, so a login for an unknown
    or disabled user takes as long as one for a real user (the username is not confirmed by
    timing)."""
    global _dummy
    hasher = _hasher
    with _dummy_lock:
        if _dummy is None or _dummy[0] is not hasher:
            with _slot():
                _dummy = (hasher, hasher.hash(DUMMY_PASSWORD))
        return _dummy[1]


# --- password policy -------------------------------------------------------------------------


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords too common to allow (case-folded)."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().casefold() for s in lines if s.strip() and not s.startswith("#"))


def check_new_password(password: str, *, username: str, field: str = "new_password") -> None:
    """Refuse a new password that is short, common or the username (ValidationError)."""
    password = password or ""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValidationError(
            f"the password needs at least {MIN_PASSWORD_CHARS} characters",
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_CHARS} ký tự.",
            field=field,
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise ValidationError(
            f"the password may have at most {MAX_PASSWORD_CHARS} characters",
            f"Mật khẩu dài quá {MAX_PASSWORD_CHARS} ký tự.",
            field=field,
        )
    if "\x00" in password or any(0xD800 <= ord(c) <= 0xDFFF for c in password):
        raise ValidationError(
            "the password has an invalid character",
            "Mật khẩu chứa ký tự không hợp lệ.",
            field=field,
        )
    folded = password.strip().casefold()
    if username and folded == username.strip().casefold():
        raise ValidationError(
            "the password must not be the username",
            "Mật khẩu không được trùng với tên đăng nhập.",
            field=field,
        )
    if folded in common_passwords() or len(set(folded)) <= 2:
        raise ValidationError(
            "this password is too common and easy to guess; choose another one",
            "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.",
            field=field,
        )


# --- secrets at rest ---------------------------------------------------------------------------


class FileModeError(LoaError, PermissionError):
    """A key or secret file whose permissions let other users read or change it."""


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def require_owner_only(path: str | os.PathLike[str], *, what_en: str, what_vi: str) -> None:
    """A secret file must be 0600 (or stricter): refuse one group or others may use."""
    path = Path(path)
    mode = _mode(path)
    if os.name == "posix" and mode & 0o077:
        raise FileModeError(
            f"{what_en} {path} can be used by other users (mode {mode:o}); "
            f"it must be owner-only: chmod 600 {path}",
            f"{what_vi} {path} để người dùng khác truy cập được (quyền {mode:o}); "
            f"chỉ chủ sở hữu được đọc: chmod 600 {path}",
        )


def require_not_writable_by_others(
    path: str | os.PathLike[str], *, what_en: str, what_vi: str
) -> None:
    """A trusted public key may be readable by all, but only its owner may change it."""
    path = Path(path)
    mode = _mode(path)
    if os.name == "posix" and mode & 0o022:
        raise FileModeError(
            f"{what_en} {path} can be changed by other users (mode {mode:o}); chmod go-w {path}",
            f"{what_vi} {path} để người dùng khác sửa được (quyền {mode:o}); chmod go-w {path}",
        )


def narrow_to_owner(path: str | os.PathLike[str]) -> None:
    """Make a file this process owns 0600 (a database file an older version left 0644)."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if os.name == "posix" and stat.S_IMODE(st.st_mode) & 0o077 and st.st_uid == os.geteuid():
        os.chmod(path, 0o600)

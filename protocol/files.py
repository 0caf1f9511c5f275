"""Atomic file writes that survive a power cut: temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_file", "atomic_write", "fsync_dir"]

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """fsync a folder so a rename inside it survives a power cut (best effort)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(
    path: str | os.PathLike[str],
    *,
    mode: int = 0o644,
    dir_fd: int | None = None,
    durable: bool = True,
) -> Iterator[BinaryIO]:
    """A new temp file beside ``path``; when the block ends without error it is fsynced and
    renamed over ``path``, else removed (``path`` is then untouched). ``durable=False`` skips
    the fsyncs (file and folder): still never half a file, but a power cut may lose it — for
    what is only shown, never relied on.

    The temp file (``.<name>.<random>.tmp``) is created O_EXCL|O_NOFOLLOW, so nothing planted
    there is followed. With ``dir_fd`` the names are relative to that open folder and the
    caller fsyncs the folder (once, after many files); otherwise the folder is fsynced here.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, _NEW_FILE, mode, dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise
    if dir_fd is None and durable:
        fsync_dir(path.parent)


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, mode: int = 0o644, durable: bool = True
) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_file`)."""
    with atomic_file(path, mode=mode, durable=durable) as fh:
        fh.write(data)

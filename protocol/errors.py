"""The errors of the shared formats: one root, each with an English and a Vietnamese reason."""

from __future__ import annotations


class ProtocolError(Exception):
    """Root of every error of ``protocol``. ``reason`` is short English, ``reason_vi``
    Vietnamese, ``code`` a stable machine-readable tag (e.g. ``"bad_signature"``)."""

    default_code = "error"

    def __init__(self, reason: str, reason_vi: str | None = None, *, code: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.reason_vi = reason_vi or reason
        self.code = code or self.default_code

    def __str__(self) -> str:
        return self.reason


class KeyFileError(ProtocolError, ValueError):
    """A key file or public-key line is unusable."""

    default_code = "key_file"


class BundleRejected(ProtocolError):
    """A bundle (or bundle input) is refused."""

    default_code = "rejected"


class ManifestInvalid(BundleRejected, ValueError):
    """The manifest (or a value meant for it) breaks the format's rules."""

    default_code = "manifest_invalid"


def invalid(what: str, what_vi: str) -> ManifestInvalid:
    """``invalid manifest: <what>`` in both languages."""
    return ManifestInvalid(f"invalid manifest: {what}", f"manifest không hợp lệ: {what_vi}")

"""Settings of the web panel: built once by the caller (CLI, tests) and passed to create_app."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from content_library.db import default_database_url
from content_library.security import FileModeError, require_owner_only

INSECURE_SECRETS = frozenset({"", "changethis", "change-me", "secret", "development"})
ENVIRONMENTS = ("development", "test", "production")


class SettingsError(ValueError):
    """A setting is missing or unsafe; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str = ""  # "" → content_library.db.default_database_url(data_dir)
    secret_key: str = "changethis"
    environment: str = "production"  # development | test | production
    max_script_chars: int = 20_000
    max_upload_bytes: int = 50 * 1024 * 1024
    max_recording_s: int = 30 * 60  # the longest recording accepted (LOA_MAX_RECORDING_S)
    # The audio an emergency bundle carries (LOA_EMERGENCY_AUDIO): "flac", lossless and a
    # quarter of the bytes on MQTT; "wav" while the fleet still has units older than FLAC.
    emergency_audio: str = "flac"
    # How long a worker's claim on a render or export job lasts (renewed every third of it
    # while the job runs); the job of a worker that died is taken again by another once this
    # has passed (LOA_JOB_LEASE_S).
    job_lease_s: int = 60
    session_max_age_s: int = 8 * 3600
    session_idle_s: int = 2 * 3600  # a browser session unused this long ends
    # Issuing an emergency needs a password check this recent (LOA_EMERGENCY_REAUTH_S): the
    # login, or the password typed again on the issue form; an API token's own creation.
    emergency_reauth_s: int = 15 * 60
    # Managing accounts (creating one, giving or taking roles, resetting a password, disabling
    # or enabling) needs a password check this recent too (LOA_ACCOUNT_REAUTH_S, security 32).
    account_reauth_s: int = 15 * 60
    # Versions one person may send for review in an hour, each queuing a render
    # (LOA_MAX_SUBMITS_PER_HOUR, security 32); content_library.services.SUBMITS_PER_HOUR.
    max_submits_per_hour: int = 60
    cookie_secure: bool = False  # True behind HTTPS (always in production)
    # The panel's public address (LOA_BASE_URL); production requires https:// (docs/security.md).
    base_url: str = ""
    hsts_max_age_s: int = 365 * 24 * 3600  # Strict-Transport-Security, production only
    login_max_failures: int = 5  # per (IP, username) inside the window
    login_max_failures_per_ip: int = 30  # per IP, any username
    # per account, from browsers and addresses that never logged in to it: a botnet's guesses
    # from many addresses, at most 9 600 a day (a known browser or address is held to the two
    # above only, so the cap cannot lock the owner out; docs/security.md 38)
    login_max_failures_per_account: int = 100
    login_window_s: int = 15 * 60
    # argon2 checks running at once (each takes argon2_memory_cost KiB: 64 MiB by default);
    # a check waits this long for a slot, then the answer is 503 with Retry-After.
    login_concurrent_checks: int = 2
    login_check_wait_s: float = 3.0
    # Request bodies (issue 12, item 12): forms and JSON get max_form_bytes, uploads
    # max_upload_bytes plus the form around them; sync routes their own small limits (web/app.py).
    max_form_bytes: int = 1024 * 1024
    body_read_timeout_s: float = 30.0  # a body that stalls longer between chunks: 408
    # ... or that falls behind this rate on the whole (after its first body_read_timeout_s):
    # a byte every 25 s never stalls, but would hold a connection for good (as Apache's
    # mod_reqtimeout MinRate=500). A 50 MB recording over a slow 3G link (≥ 20 KB/s) is far above.
    body_min_rate_bps: int = 500
    # A locked database (issue 12, item 13): wait this long for a lock, then answer 503.
    db_busy_timeout_ms: int = 5000
    db_busy_retry_after_s: int = 5
    # Unit sync requests running at once (they cannot take every worker thread from people);
    # more wait up to sync_queue_wait_s, then hear 503 with Retry-After.
    sync_max_concurrent: int = 8
    sync_queue_wait_s: float = 2.0
    # What one unit's as-run uploads may make the panel store per UTC day, rows and flags
    # (LOA_UNIT_DAILY_BUDGET_BYTES; security 25): a real unit writes well under 1 MiB a day.
    unit_daily_budget_bytes: int = 16 * 1024 * 1024
    # uvicorn (loa serve / loa demo): idle keep-alive and open connections.
    http_keep_alive_s: int = 5
    http_max_connections: int = 256
    default_locale: str = "vi"
    # argon2 cost: production keeps argon2-cffi's defaults; tests pass a cheap one.
    argon2_time_cost: int | None = None
    argon2_memory_cost: int | None = None
    # Rendering (issue 3): espeak-ng unless told otherwise. tts_voices overrides per region,
    # "south=gtts:vi,north=piper:/voices/vi.onnx"; a voice-less entry uses the engine's default.
    tts_engine: str = "espeak"
    tts_voices: str = ""
    # Publishing (issue 4): the panel's Ed25519 bundle-signing key (made 0600 on first use)
    # and the folder signed bundles are written to; both default inside data_dir.
    signing_key_file: Path | None = None
    outbox: Path | None = None
    programme_template: Path | None = None  # .json/.toml with intro/outro jingles, music bed
    render_inline: bool = False  # render inside the request's background task (tests), no thread
    # Push (issue 15, docs/push.md): the MQTT broker emergency notices are published to, e.g.
    # mqtt://127.0.0.1:1883 or mqtts://mqtt.example.vn:8883; "" = no push (units poll).
    mqtt_url: str = ""
    mqtt_username: str = ""
    mqtt_password: str = ""
    mqtt_ca_file: Path | None = None  # the CA that signed the broker's certificate (mqtts://)

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        self._parse_voices()
        if self.environment not in ENVIRONMENTS:
            raise SettingsError(
                f"environment must be one of {ENVIRONMENTS}, not {self.environment!r}"
            )
        if self.environment != "development" and (
            self.secret_key in INSECURE_SECRETS or len(self.secret_key) < 16
        ):
            raise SettingsError(
                "secret_key is missing or insecure: set LOA_SECRET_KEY to a long random value "
                "(only environment=development may run with the default)"
            )
        if self.max_script_chars < 1 or self.max_upload_bytes < 1 or self.max_recording_s < 1:
            raise SettingsError(
                "max_script_chars, max_upload_bytes and max_recording_s must be positive"
            )
        if self.default_locale not in ("vi", "en"):
            raise SettingsError("default_locale must be 'vi' or 'en'")
        if self.emergency_audio not in ("flac", "wav"):
            raise SettingsError("emergency_audio (LOA_EMERGENCY_AUDIO) must be 'flac' or 'wav'")
        self._check_base_url()
        if self.mqtt_url and urlsplit(self.mqtt_url).scheme not in ("mqtt", "mqtts"):
            raise SettingsError(
                "LOA_MQTT_URL phải có dạng mqtt:// hoặc mqtts:// / LOA_MQTT_URL must be "
                f"mqtt:// or mqtts://, not {self.mqtt_url!r}"
            )
        if (
            min(
                self.login_concurrent_checks,
                self.sync_max_concurrent,
                self.max_form_bytes,
                self.http_max_connections,
                self.session_idle_s,
                self.body_min_rate_bps,
                self.emergency_reauth_s,
                self.account_reauth_s,
                self.max_submits_per_hour,
                self.unit_daily_budget_bytes,
            )
            < 1
        ):
            raise SettingsError(
                "login_concurrent_checks, sync_max_concurrent, max_form_bytes, "
                "http_max_connections, session_idle_s, body_min_rate_bps, "
                "emergency_reauth_s, account_reauth_s, max_submits_per_hour and "
                "unit_daily_budget_bytes must be positive"
            )
        if self.unit_daily_budget_bytes > 2**30:
            raise SettingsError(
                "LOA_UNIT_DAILY_BUDGET_BYTES tối đa 1 GiB / must be at most 1 GiB (1073741824)"
            )

    def _check_base_url(self) -> None:
        parts = urlsplit(self.base_url)
        if self.environment == "production" and (parts.scheme != "https" or not parts.hostname):
            raise SettingsError(
                "LOA_BASE_URL phải là địa chỉ https:// của bảng điều khiển khi chạy thật "
                "(LOA_ENV=production), ví dụ https://loa.xa-ngoc-chuc.vn; đặt proxy TLS phía "
                "trước (docs/security.md, deploy/nginx/loa.conf). / "
                "LOA_BASE_URL must be the panel's https:// address in production, e.g. "
                f"https://loa.example.vn, behind a TLS reverse proxy (docs/security.md); "
                f"got {self.base_url!r}"
            )
        if self.base_url and (parts.scheme not in ("http", "https") or not parts.hostname):
            raise SettingsError(
                f"LOA_BASE_URL phải là địa chỉ http(s)://… / LOA_BASE_URL must be an "
                f"http(s):// address, not {self.base_url!r}"
            )

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry Secure in production (HTTPS only) or when asked to."""
        return self.cookie_secure or self.production

    def _parse_voices(self) -> dict[str, tuple[str, str | None]]:
        voices: dict[str, tuple[str, str | None]] = {}
        for part in filter(None, (p.strip() for p in self.tts_voices.split(","))):
            region, sep, spec = part.partition("=")
            engine, _, voice = spec.strip().partition(":")
            if not sep or region.strip() not in ("north", "central", "south") or not engine:
                raise SettingsError(
                    f"tts_voices: {part!r} is not REGION=ENGINE[:VOICE] "
                    "(region north, central or south)"
                )
            voices[region.strip()] = (engine.strip(), voice.strip() or None)
        return voices

    def voice_for(self, region: str) -> tuple[str, str | None]:
        """(engine, voice) for a region; voice None means the engine's default for it."""
        return self._parse_voices().get(region, (self.tts_engine, None))

    @property
    def render_cache_dir(self) -> Path:
        return self.data_dir / "cache" / "tts"

    @property
    def db_url(self) -> str:
        return self.database_url or default_database_url(self.data_dir)

    @property
    def assets_dir(self) -> Path:
        return self.data_dir / "assets"

    @property
    def signing_key_path(self) -> Path:
        return (
            Path(self.signing_key_file)
            if self.signing_key_file
            else self.data_dir / "keys" / "panel.key"
        )

    @property
    def outbox_dir(self) -> Path:
        return Path(self.outbox) if self.outbox else self.data_dir / "outbox"

    @classmethod
    def from_env(cls, *, data_dir: str | os.PathLike[str] | None = None, **overrides) -> Settings:
        """Read ``LOA_*`` variables; when no secret is given, keep one in data_dir/secret_key."""
        env = os.environ
        ddir = Path(data_dir or env.get("LOA_DATA_DIR") or "data")
        values: dict = {
            "data_dir": ddir,
            "database_url": env.get("LOA_DATABASE_URL", ""),
            "environment": env.get("LOA_ENV", "production"),
            "cookie_secure": env.get("LOA_COOKIE_SECURE", "") in ("1", "true", "yes"),
            "base_url": env.get("LOA_BASE_URL", "").strip().rstrip("/"),
            "tts_engine": env.get("LOA_TTS_ENGINE", "espeak"),
            "tts_voices": env.get("LOA_TTS_VOICES", ""),
            "programme_template": Path(env["LOA_PROGRAMME_TEMPLATE"])
            if env.get("LOA_PROGRAMME_TEMPLATE")
            else None,
            "signing_key_file": Path(env["LOA_SIGNING_KEY"])
            if env.get("LOA_SIGNING_KEY")
            else None,
            "outbox": Path(env["LOA_OUTBOX_DIR"]) if env.get("LOA_OUTBOX_DIR") else None,
            "mqtt_url": env.get("LOA_MQTT_URL", "").strip(),
            "emergency_audio": env.get("LOA_EMERGENCY_AUDIO", "flac").strip().lower(),
            "mqtt_username": env.get("LOA_MQTT_USERNAME", ""),
            "mqtt_password": env.get("LOA_MQTT_PASSWORD", ""),
            "mqtt_ca_file": Path(env["LOA_MQTT_CA_FILE"]) if env.get("LOA_MQTT_CA_FILE") else None,
        }
        ints = {
            "max_script_chars": "LOA_MAX_SCRIPT_CHARS",
            "max_upload_bytes": "LOA_MAX_UPLOAD_BYTES",
            "max_recording_s": "LOA_MAX_RECORDING_S",
            "job_lease_s": "LOA_JOB_LEASE_S",
            "session_max_age_s": "LOA_SESSION_MAX_AGE",
            "login_max_failures": "LOA_LOGIN_MAX_FAILURES",
            "login_window_s": "LOA_LOGIN_WINDOW",
            "session_idle_s": "LOA_SESSION_IDLE",
            "emergency_reauth_s": "LOA_EMERGENCY_REAUTH_S",
            "account_reauth_s": "LOA_ACCOUNT_REAUTH_S",
            "max_submits_per_hour": "LOA_MAX_SUBMITS_PER_HOUR",
            "login_concurrent_checks": "LOA_LOGIN_CONCURRENT_CHECKS",
            "max_form_bytes": "LOA_MAX_FORM_BYTES",
            "body_min_rate_bps": "LOA_BODY_MIN_RATE_BPS",
            "db_busy_timeout_ms": "LOA_DB_BUSY_TIMEOUT_MS",
            "sync_max_concurrent": "LOA_SYNC_MAX_CONCURRENT",
            "http_max_connections": "LOA_HTTP_MAX_CONNECTIONS",
            "unit_daily_budget_bytes": "LOA_UNIT_DAILY_BUDGET_BYTES",
        }
        for name, var in ints.items():
            if env.get(var):
                try:
                    values[name] = int(env[var])
                except ValueError:
                    raise SettingsError(f"{var} must be an integer, not {env[var]!r}") from None
        secret = env.get("LOA_SECRET_KEY") or overrides.pop("secret_key", None)
        values["secret_key"] = secret or load_or_create_secret(ddir)
        values.update(overrides)
        settings = cls(**values)
        settings.check_key_files()
        return settings

    def check_key_files(self) -> None:
        """Refuse to start with a signing key other users may read (made 0600 when we
        create it on first use; an existing one is the administrator's to fix)."""
        path = self.signing_key_path
        if path.exists():
            _owner_only(path, "the bundle-signing key", "khóa ký gói phát")


def _owner_only(path: Path, what_en: str, what_vi: str) -> None:
    try:
        require_owner_only(path, what_en=what_en, what_vi=what_vi)
    except FileModeError as exc:
        raise SettingsError(f"{exc.reason_vi} / {exc.reason}") from None


def load_or_create_secret(data_dir: Path) -> str:
    """A per-installation random secret kept next to the database (mode 0600; an existing
    file that other users may read is refused: sessions could be forged with it)."""
    path = Path(data_dir) / "secret_key"
    if path.exists():
        _owner_only(path, "the secret_key file", "tệp khóa bí mật secret_key")
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value + "\n")
    return value

"""The unit's TOML config (format 1): parsed with tomllib, validated, turned into frozen values.

API::

    load_config(path) -> UnitConfig          # raises ConfigError naming file, key and rule
    parse_config(data: dict, *, base_dir: Path, source: str = "<config>") -> UnitConfig

Relative paths are read against the config file's folder. Unknown keys are errors (a typo
must not silently fall back to a default). `deploy/unit.example.toml` documents every key.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType
from typing import Any, NoReturn, overload

from hardware.gpio_relays import RelayPin
from hardware.relay_sequence import RelayTiming
from playout.errors import ConfigError
from playout.transport import cleartext_secret_refusal

CONFIG_FORMAT = 1
AUDIO_BACKENDS = ("sim", "sounddevice")
AUDIO_HOST_APIS = ("auto", "alsa", "jack")  # auto: a device that is a JACK client is JACK
AUDIO_JACK_VIA = ("libjack", "portaudio")
RELAY_BACKENDS = ("gpio", "mock", "none")
GPS_MODES = ("auto", "on", "off")
TRUST_POLICIES = ("sync", "sync_or_gps", "always")


@dataclass(frozen=True)
class AudioConfig:
    backend: str = "sounddevice"
    device: str | int | None = None  # PortAudio name (substring) or index; None = default
    latency_s: float = 0.05
    sample_rate: int = 48000
    channels: int = 1
    played_dir: Path | None = None  # sim only: write each broadcast played as a WAV here
    host_api: str = "auto"  # auto | alsa | jack ("system" on a running JACK server is JACK)
    jack_via: str = (
        "libjack"  # libjack: the unit's own client; portaudio: PortAudio's (no reconnect)
    )
    jack_client: str = "loa-unit"  # the unit's JACK client name (ports <name>:out_1 …)
    realtime: bool = True  # SCHED_FIFO for the audio threads where permitted (else a logged note)
    realtime_priority: int = 70
    lock_memory: bool = True  # mlockall where permitted (LimitMEMLOCK in the systemd unit)
    # JACK: idle this long, the unit's client leaves the server's graph (no wake-ups); 0 = never
    idle_suspend_s: float = 3.0


@dataclass(frozen=True)
class RelaysConfig:
    backend: str = "gpio"  # gpio (gpiozero's default factory), mock (MockFactory), none
    amplifier: RelayPin | None = None
    zones: Mapping[str, RelayPin] = field(default_factory=dict)
    warm_up_s: float = 3.0
    tail_s: float = 0.5
    hold_s: float = 5.0
    zone_settle_s: float = 0.2

    @property
    def timing(self) -> RelayTiming:
        return RelayTiming(
            warm_up_s=self.warm_up_s,
            tail_s=self.tail_s,
            hold_s=self.hold_s,
            zone_settle_s=self.zone_settle_s,
        )


@dataclass(frozen=True)
class PlayoutConfig:
    arm_ahead_s: float = 2.0  # a broadcast is handed to the sound card this long before it
    horizon_hours: float = 24.0  # how much of the plan the daemon keeps
    emergency_fade_ms: float = 50.0  # what plays fades out this fast for an emergency
    late_start_max_s: float = 30.0  # a start missed by less than this still plays (late)
    missed_lookback_s: float = 3600.0  # missed starts this far back are logged as skipped
    retry_count: int = 1  # after a failure, try again this many times...
    retry_within_s: float = 60.0  # ...within this long, and only inside the slot
    tick_s: float = 0.02  # the daemon loop's period while anything is armed, playing or due
    idle_tick_s: float = 0.25  # ...and while nothing is (the amplifier off, nothing due soon)


@dataclass(frozen=True)
class LoopConfig:
    switch_pin: int | str | None = None  # gpiozero pin of the loop switch/button; None = none
    switch_pull_up: bool = True
    gap_s: float | None = None  # None: the bundle's loop gap


@dataclass(frozen=True)
class GpsConfig:
    mode: str = "auto"  # auto: use gpsd when something listens; on: always try; off
    host: str = "127.0.0.1"
    port: int = 2947


@dataclass(frozen=True)
class InboxConfig:
    watch: tuple[Path, ...] = ()  # folders polled for *.loa (USB sticks)
    poll_s: float = 5.0


@dataclass(frozen=True)
class ClockConfig:
    trust: str = "sync_or_gps"  # sync | sync_or_gps | always
    gps_tolerance_s: float = 10.0  # GPS time within this of the wall clock counts as trusted
    on_demand_when_untrusted: bool = True  # loop and unscheduled emergencies play anyway


@dataclass(frozen=True)
class SyncConfig:
    """[sync]: the panel this unit syncs with (playout/sync_client.py); no server = off."""

    server: str = ""  # e.g. "https://loa.huyen.gov.vn"
    poll_s: float = 15.0
    batch: int = 200  # as-run entries per upload
    timeout_s: float = 30.0


@dataclass(frozen=True)
class PushConfig:
    """[push]: the MQTT broker that tells this unit to pull at once (playout/push_client.py,
    docs/push.md); no url = off (the unit polls)."""

    url: str = ""  # mqtts://mqtt.huyen.gov.vn:8883 (TLS) or mqtt://127.0.0.1:1883 (loopback)
    username: str = ""  # "" = the unit id (the broker's ACL is per unit)
    password_file: Path | None = None  # this unit's broker password, one line, mode 0600
    ca_file: Path | None = None  # the CA of the broker's certificate (default: the system's)
    keepalive_s: int = 60
    poll_s: float = 60.0  # [sync] poll_s while push is connected; back to [sync] when it is down

    def load_password(self) -> str | None:
        if self.password_file is None:
            return None
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"push.password_file: cannot read {self.password_file}: {exc}",
                f"push.password_file: không đọc được {self.password_file}: {exc}",
                code="push_password",
            ) from exc


@dataclass(frozen=True)
class StreamRelayConfig:
    """[stream_relay]: how the unit relays a higher-level station (tiếp sóng, docs/relay.md).
    The channels themselves come only from the signed bundle."""

    on_dropout: str = "fallback"  # fallback: the channel's fallback item; silence: amp stays on
    target_lufs: float = -16.0  # the station target (the bulletins'): the stream never above it
    max_boost_db: float = 6.0
    max_cut_db: float = 20.0
    slew_db_per_s: float = 2.0
    buffer_s: float = 0.5
    stall_s: float = 1.5  # no audio this long: a dropout
    resume_s: float = 0.5
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    end_fade_s: float = 2.0
    # mp3 streams: mpg123 (≈ 3 MB resident; ffmpeg when it is not installed) or always ffmpeg
    mp3_decoder: str = "mpg123"


@dataclass(frozen=True)
class UnitConfig:
    unit_id: str
    areas: tuple[str, ...]
    trusted_keys: tuple[str, ...]  # key files (paths) or `ed25519:` lines
    unit_key: Path
    state_dir: Path
    audio: AudioConfig = AudioConfig()
    relays: RelaysConfig = RelaysConfig()
    playout: PlayoutConfig = PlayoutConfig()
    loop: LoopConfig = LoopConfig()
    gps: GpsConfig = GpsConfig()
    inbox: InboxConfig = InboxConfig()
    clock: ClockConfig = ClockConfig()
    sync: SyncConfig = SyncConfig()
    push: PushConfig = PushConfig()
    stream_relay: StreamRelayConfig = StreamRelayConfig()
    source: str = "<config>"
    format: int = CONFIG_FORMAT

    @property
    def asrun_path(self) -> Path:
        return self.state_dir / "asrun.sqlite3"

    def load_trusted_keys(self) -> dict[str, Any]:
        """The panel keys this unit trusts. A key file someone other than root or the unit's
        own user could rewrite (group/world-writable, in such a folder, or owned by another
        user) is refused: whoever can write it can make the unit play anything."""
        from content_library.signing import KeyFileError, load_trusted_keys

        for entry in self.trusted_keys:
            if not entry.strip().startswith("ed25519:"):
                _check_trusted_key_file(Path(entry), self.source)
        try:
            return load_trusted_keys(list(self.trusted_keys))
        except KeyFileError as exc:
            raise ConfigError(
                f"{self.source}: unit.trusted_keys: {exc.reason}",
                f"{self.source}: unit.trusted_keys: {exc.reason_vi}",
            ) from exc

    def load_unit_key(self) -> Any:
        from content_library.signing import KeyFileError, load_private_key

        try:
            return load_private_key(self.unit_key)
        except KeyFileError as exc:
            raise ConfigError(
                f"{exc.reason} (create it with `loa unit keygen`)",
                f"{exc.reason_vi} (tạo bằng `loa unit keygen`)",
                code="unit_key",
            ) from exc


def _check_trusted_key_file(path: Path, source: str) -> None:
    """Refuse a trusted-key file that others may write (see UnitConfig.load_trusted_keys)."""
    try:
        st = os.stat(path)
    except OSError:
        return  # missing or unreadable: load_trusted_keys names the file and the error
    mode = stat.S_IMODE(st.st_mode)
    owners = {0, os.geteuid()}
    if mode & 0o022 or st.st_uid not in owners:
        who = "group or others" if mode & 0o022 else f"user {st.st_uid}"
        who_vi = "nhóm hoặc người khác" if mode & 0o022 else f"người dùng {st.st_uid}"
        raise ConfigError(
            f"{source}: unit.trusted_keys: {path} can be changed by {who} (mode {mode:o}, "
            f"owner {st.st_uid}); whoever writes it decides what this unit plays. Fix: "
            f"chown root {path} && chmod 644 {path}",
            f"{source}: unit.trusted_keys: {path} có thể bị {who_vi} ghi (quyền {mode:o}, chủ "
            f"{st.st_uid}); ai ghi được tệp này sẽ quyết định loa phát gì. Sửa: "
            f"chown root {path} && chmod 644 {path}",
            code="trusted_key_writable",
        )
    folder = path.resolve().parent
    try:
        dst = os.stat(folder)
    except OSError:
        return
    dmode = stat.S_IMODE(dst.st_mode)
    if dmode & 0o002 and not dmode & stat.S_ISVTX:
        raise ConfigError(
            f"{source}: unit.trusted_keys: {path} is in {folder}, where anyone can replace "
            f"files (mode {dmode:o}). Fix: keep trusted keys in a folder only root writes "
            f"(/etc/loa, chmod 755), then chown root {path} && chmod 644 {path}",
            f"{source}: unit.trusted_keys: {path} nằm trong {folder}, nơi ai cũng thay được tệp "
            f"(quyền {dmode:o}). Sửa: để khóa tin cậy trong thư mục chỉ root ghi được "
            f"(/etc/loa, chmod 755), rồi chown root {path} && chmod 644 {path}",
            code="trusted_key_writable",
        )


# --------------------------------------------------------------------------- reading


class _Section:
    """One TOML table: typed getters that name `section.key` in every error; `done()` refuses
    keys nobody asked for."""

    def __init__(self, data: Any, name: str, source: str) -> None:
        self.name, self.source = name, source
        if not isinstance(data, dict):
            self._fail(name, "must be a table", "phải là một bảng [..]")
        self.data = dict(data)
        self.seen: set[str] = set()

    def _fail(self, key: str, en: str, vi: str) -> NoReturn:
        raise ConfigError(f"{self.source}: {key}: {en}", f"{self.source}: {key}: {vi}")

    def _path(self, key: str) -> str:
        return f"{self.name}.{key}" if self.name else key

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        return self.data.get(key, default)

    def str_(self, key: str, default: Any = ..., *, choices: tuple[str, ...] | None = None) -> Any:
        if key not in self.data:
            if default is ...:
                self._fail(self._path(key), "missing", "thiếu")
            self.seen.add(key)
            return default
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            self._fail(self._path(key), "must be a non-empty string", "phải là chuỗi không rỗng")
        if choices is not None and value not in choices:
            self._fail(
                self._path(key),
                f"must be one of {', '.join(choices)} (got {value!r})",
                f"phải là một trong {', '.join(choices)} (đang là {value!r})",
            )
        return value

    def num(
        self, key: str, default: float, *, minimum: float = 0.0, maximum: float = float("inf")
    ) -> float:
        if key not in self.data:
            self.seen.add(key)
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._fail(self._path(key), "must be a number", "phải là số")
        if not minimum <= value <= maximum:
            hi = "" if maximum == float("inf") else f" and at most {maximum:g}"
            hi_vi = "" if maximum == float("inf") else f" và không quá {maximum:g}"
            self._fail(
                self._path(key),
                f"must be at least {minimum:g}{hi} (got {value})",
                f"phải từ {minimum:g} trở lên{hi_vi} (đang là {value})",
            )
        return float(value)

    def int_(self, key: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
        if key not in self.data:
            self.seen.add(key)
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(self._path(key), "must be a whole number", "phải là số nguyên")
        if not minimum <= value <= maximum:
            self._fail(
                self._path(key),
                f"must be between {minimum} and {maximum} (got {value})",
                f"phải trong khoảng {minimum}–{maximum} (đang là {value})",
            )
        return value

    def bool_(self, key: str, default: bool) -> bool:
        if key not in self.data:
            self.seen.add(key)
            return default
        value = self.raw(key)
        if not isinstance(value, bool):
            self._fail(self._path(key), "must be true or false", "phải là true hoặc false")
        return value

    @overload
    def pin(self, key: str, default: EllipsisType) -> int | str | EllipsisType: ...
    @overload
    def pin(self, key: str, default: int | str | None = None) -> int | str | None: ...
    def pin(
        self, key: str, default: int | str | EllipsisType | None = None
    ) -> int | str | EllipsisType | None:
        if key not in self.data:
            self.seen.add(key)
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
            self._fail(
                self._path(key),
                'must be a GPIO number (17) or pin name ("GPIO17")',
                'phải là số GPIO (17) hoặc tên chân ("GPIO17")',
            )
        if isinstance(value, int) and not 0 <= value <= 53:
            self._fail(
                self._path(key),
                f"GPIO {value} does not exist (0–53)",
                f"không có chân GPIO {value} (0–53)",
            )
        return value

    def str_list(self, key: str, default: Any = ...) -> list[str]:
        if key not in self.data:
            if default is ...:
                self._fail(self._path(key), "missing", "thiếu")
            self.seen.add(key)
            return list(default)
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self._fail(self._path(key), "must be a list of strings", "phải là danh sách chuỗi")
        return list(value)

    def table(self, key: str) -> _Section:
        self.seen.add(key)
        return _Section(self.data.get(key, {}), self._path(key), self.source)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            self._fail(self._path(unknown[0]), "unknown key (a typo?)", "khóa lạ (gõ nhầm?)")


def _path(base_dir: Path, value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else (base_dir / p)


def _relay_pin(sec: _Section) -> RelayPin:
    pin = sec.pin("pin", ...)
    if pin is None or pin is ...:
        sec._fail(sec._path("pin"), "missing", "thiếu")
    value = RelayPin(
        pin=pin,
        active_high=sec.bool_("active_high", True),
        initial_value=sec.bool_("initial", False),
    )
    sec.done()
    return value


def parse_config(
    data: Mapping[str, Any], *, base_dir: Path, source: str = "<config>"
) -> UnitConfig:
    """Validate a parsed TOML document; raises ConfigError with `source: key: rule`."""
    top = _Section(dict(data), "", source)
    fmt = top.raw("format")
    if fmt is None:
        top._fail(
            "format",
            f"missing (write `format = {CONFIG_FORMAT}` at the top)",
            f"thiếu (ghi `format = {CONFIG_FORMAT}` ở đầu tệp)",
        )
    if fmt != CONFIG_FORMAT or isinstance(fmt, bool):
        top._fail(
            "format",
            f"this unit reads format {CONFIG_FORMAT}, not {fmt!r}",
            f"máy này đọc định dạng {CONFIG_FORMAT}, không phải {fmt!r}",
        )

    unit = top.table("unit")
    unit_id = unit.str_("id")
    areas = tuple(unit.str_list("areas", ()))
    trusted = []
    for entry in unit.str_list("trusted_keys"):
        trusted.append(
            entry if entry.strip().startswith("ed25519:") else str(_path(base_dir, entry))
        )
    if not trusted:
        unit._fail(
            "unit.trusted_keys", "needs at least one key file", "cần ít nhất một tệp khóa công khai"
        )
    unit_key = _path(base_dir, unit.str_("key"))
    state_dir = _path(base_dir, unit.str_("state_dir"))
    unit.done()

    a = top.table("audio")
    backend = a.str_("backend", "sounddevice", choices=AUDIO_BACKENDS)
    device: Any = a.raw("device")
    if device is not None and (isinstance(device, bool) or not isinstance(device, str | int)):
        a._fail("audio.device", "must be a device name or index", "phải là tên hoặc số thiết bị")
    played = a.raw("played_dir")
    if played is not None and not isinstance(played, str):
        a._fail("audio.played_dir", "must be a folder path", "phải là đường dẫn thư mục")
    audio = AudioConfig(
        backend=backend,
        device=device,
        latency_s=a.num("latency_s", 0.05, minimum=0.001, maximum=2.0),
        sample_rate=a.int_("sample_rate", 48000, minimum=8000, maximum=192000),
        channels=a.int_("channels", 1, minimum=1, maximum=8),
        played_dir=_path(base_dir, played) if played else None,
        host_api=a.str_("host_api", "auto", choices=AUDIO_HOST_APIS),
        jack_via=a.str_("jack_via", "libjack", choices=AUDIO_JACK_VIA),
        jack_client=a.str_("jack_client", "loa-unit"),
        realtime=a.bool_("realtime", True),
        realtime_priority=a.int_("realtime_priority", 70, minimum=1, maximum=98),
        lock_memory=a.bool_("lock_memory", True),
        idle_suspend_s=a.num("idle_suspend_s", 3.0, minimum=0.0, maximum=3600.0),
    )
    a.done()

    r = top.table("relays")
    r_backend = r.str_("backend", "gpio", choices=RELAY_BACKENDS)
    amp = None
    if r.has("amplifier"):
        amp = _relay_pin(r.table("amplifier"))
    zones_sec = r.table("zones")
    zones = {}
    for zone_id in list(zones_sec.data):
        zones[zone_id] = _relay_pin(zones_sec.table(zone_id))
    zones_sec.done()
    if r_backend != "none" and amp is None:
        r._fail(
            "relays.amplifier",
            'missing (or set relays.backend = "none")',
            'thiếu (hoặc đặt relays.backend = "none")',
        )
    pins = [p.pin for p in ([amp] if amp else []) + list(zones.values())]
    dup = {p for p in pins if pins.count(p) > 1}
    if dup:
        r._fail(
            "relays",
            f"pin {sorted(map(str, dup))[0]} is used twice",
            f"chân {sorted(map(str, dup))[0]} bị dùng hai lần",
        )
    relays = RelaysConfig(
        backend=r_backend,
        amplifier=amp,
        zones=zones,
        warm_up_s=r.num("warm_up_s", 3.0, maximum=60),
        tail_s=r.num("tail_s", 0.5, maximum=30),
        hold_s=r.num("hold_s", 5.0, maximum=3600),
        zone_settle_s=r.num("zone_settle_s", 0.2, maximum=5),
    )
    r.done()

    p = top.table("playout")
    playout = PlayoutConfig(
        arm_ahead_s=p.num("arm_ahead_s", 2.0, minimum=0.2, maximum=60),
        horizon_hours=p.num("horizon_hours", 24.0, minimum=1, maximum=24 * 14),
        emergency_fade_ms=p.num("emergency_fade_ms", 50.0, minimum=0, maximum=5000),
        late_start_max_s=p.num("late_start_max_s", 30.0, maximum=3600),
        missed_lookback_s=p.num("missed_lookback_s", 3600.0, maximum=7 * 86400),
        retry_count=p.int_("retry_count", 1, maximum=10),
        retry_within_s=p.num("retry_within_s", 60.0, maximum=86400),
        tick_s=p.num("tick_s", 0.02, minimum=0.005, maximum=1.0),
        idle_tick_s=p.num("idle_tick_s", 0.25, minimum=0.005, maximum=1.0),
    )
    p.done()

    lp = top.table("loop")
    loop = LoopConfig(
        switch_pin=lp.pin("switch_pin"),
        switch_pull_up=lp.bool_("switch_pull_up", True),
        gap_s=lp.num("gap_s", 0.0, maximum=3600) if lp.has("gap_s") else None,
    )
    lp.done()

    g = top.table("gps")
    gps = GpsConfig(
        mode=g.str_("mode", "auto", choices=GPS_MODES),
        host=g.str_("host", "127.0.0.1"),
        port=g.int_("port", 2947, minimum=1, maximum=65535),
    )
    g.done()

    ib = top.table("inbox")
    inbox = InboxConfig(
        watch=tuple(_path(base_dir, w) for w in ib.str_list("watch", ())),
        poll_s=ib.num("poll_s", 5.0, minimum=0.1, maximum=3600),
    )
    ib.done()

    c = top.table("clock")
    clock = ClockConfig(
        trust=c.str_("trust", "sync_or_gps", choices=TRUST_POLICIES),
        gps_tolerance_s=c.num("gps_tolerance_s", 10.0, maximum=3600),
        on_demand_when_untrusted=c.bool_("on_demand_when_untrusted", True),
    )
    c.done()

    sy = top.table("sync")
    server = sy.str_("server", "").strip().rstrip("/")
    if server and not server.startswith(("http://", "https://")):
        sy._fail(
            "sync.server",
            "must start with http:// or https://",
            "phải bắt đầu bằng http:// hoặc https://",
        )
    sync = SyncConfig(
        server=server,
        poll_s=sy.num("poll_s", 15.0, minimum=0.5, maximum=3600),
        batch=sy.int_("batch", 200, minimum=1, maximum=500),
        timeout_s=sy.num("timeout_s", 30.0, minimum=1, maximum=600),
    )
    sy.done()

    pu = top.table("push")
    push_url = pu.str_("url", "").strip()
    if push_url and not push_url.startswith(("mqtt://", "mqtts://")):
        pu._fail(
            "push.url",
            "must start with mqtt:// or mqtts://",
            "phải bắt đầu bằng mqtt:// hoặc mqtts://",
        )
    push_password = pu.str_("password_file", "")
    if push_url and push_password:
        refused = cleartext_secret_refusal(
            push_url, ("the broker password", "mật khẩu máy chủ MQTT")
        )
        if refused is not None:
            pu._fail("push.url", *refused)
    push_ca = pu.str_("ca_file", "")
    push = PushConfig(
        url=push_url,
        username=pu.str_("username", ""),
        password_file=_path(base_dir, push_password) if push_password else None,
        ca_file=_path(base_dir, push_ca) if push_ca else None,
        keepalive_s=pu.int_("keepalive_s", 60, minimum=5, maximum=3600),
        poll_s=pu.num("poll_s", 60.0, minimum=0.5, maximum=3600),
    )
    pu.done()
    stream_relay = _stream_relay(top.table("stream_relay"))
    top.done()
    return UnitConfig(
        unit_id=unit_id,
        areas=areas,
        trusted_keys=tuple(trusted),
        unit_key=unit_key,
        state_dir=state_dir,
        audio=audio,
        relays=relays,
        playout=playout,
        loop=loop,
        gps=gps,
        inbox=inbox,
        clock=clock,
        sync=sync,
        push=push,
        stream_relay=stream_relay,
        source=source,
    )


def _stream_relay(sr: _Section) -> StreamRelayConfig:
    value = StreamRelayConfig(
        on_dropout=sr.str_("on_dropout", "fallback", choices=("fallback", "silence")),
        target_lufs=sr.num("target_lufs", -16.0, minimum=-40.0, maximum=-5.0),
        max_boost_db=sr.num("max_boost_db", 6.0, maximum=20.0),
        max_cut_db=sr.num("max_cut_db", 20.0, maximum=40.0),
        slew_db_per_s=sr.num("slew_db_per_s", 2.0, minimum=0.1, maximum=20.0),
        buffer_s=sr.num("buffer_s", 0.5, minimum=0.1, maximum=5.0),
        stall_s=sr.num("stall_s", 1.5, minimum=0.2, maximum=30.0),
        resume_s=sr.num("resume_s", 0.5, minimum=0.05, maximum=10.0),
        connect_timeout_s=sr.num("connect_timeout_s", 5.0, minimum=0.5, maximum=60.0),
        read_timeout_s=sr.num("read_timeout_s", 10.0, minimum=1.0, maximum=120.0),
        end_fade_s=sr.num("end_fade_s", 2.0, maximum=30.0),
        mp3_decoder=sr.str_("mp3_decoder", "mpg123", choices=("mpg123", "ffmpeg")),
    )
    sr.done()
    return value


def load_config(path: str | Path) -> UnitConfig:
    """Read and validate a unit config file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"cannot read config {path}: {exc.strerror or exc}",
            f"không đọc được tệp cấu hình {path}: {exc.strerror or exc}",
            code="config_missing",
        ) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text", f"{path}: không phải văn bản UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: not valid TOML: {exc}", f"{path}: sai cú pháp TOML: {exc}"
        ) from exc
    return parse_config(data, base_dir=path.resolve().parent, source=str(path))

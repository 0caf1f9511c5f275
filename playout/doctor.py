"""`loa doctor`: checks a unit and gives each check a plain-language verdict (Vietnamese, English).

API::

    run_checks(config, *, clock=None, now=None, open_output=None, pin_factory=None) -> list[Check]
    worst(checks) -> "ok" | "warn" | "fail"

Checks: the sound device opens, the JACK server (rate, period, latency, realtime — when the
device is a JACK client), realtime capability of the audio path, the relay pins, the clock,
the active bundle and its expiry, free disk, the last broadcast, the as-run log chain. When the
daemon is running (fresh status.json) the device and pins belong to it: the doctor reads its
status (and its threads in /proc) instead of opening them a second time.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from playout import control
from playout.config import UnitConfig
from playout.errors import ConfigError, NoActiveBundle

OK, WARN, FAIL = "ok", "warn", "fail"
DISK_FAIL_BYTES = 100 * 1024 * 1024
DISK_WARN_BYTES = 500 * 1024 * 1024
EXPIRY_WARN = timedelta(days=2)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok | warn | fail
    verdict_vi: str
    verdict_en: str

    def line(self) -> str:
        mark = {OK: "OK  ", WARN: "WARN", FAIL: "FAIL"}[self.status]
        return f"[{mark}] {self.name}: {self.verdict_vi} / {self.verdict_en}"


def worst(checks: list[Check]) -> str:
    levels = [c.status for c in checks]
    return FAIL if FAIL in levels else WARN if WARN in levels else OK


def _guard(name: str, fn: Callable[[], Check]) -> Check:
    try:
        return fn()
    except Exception as exc:  # a check that crashes is a failed check, not a crashed doctor
        return Check(name, FAIL, f"kiểm tra bị lỗi: {exc}", f"the check itself failed: {exc}")


def check_sound(
    config: UnitConfig, status: dict[str, Any] | None, open_output: Callable[[], Any] | None
) -> Check:
    name = "sound / âm thanh"
    if status is not None:
        if status.get("output_alive"):
            return Check(
                name,
                OK,
                "đầu ra âm thanh đang chạy (do dịch vụ loa giữ)",
                "the sound output is running (held by the unit daemon)",
            )
        return Check(
            name,
            FAIL,
            "dịch vụ loa đang chạy nhưng đầu ra âm thanh không hoạt động",
            "the daemon runs but its sound output is not running",
        )
    if config.audio.backend == "sim":
        return Check(name, OK, "đang dùng card âm thanh giả lập", "using the simulated sound card")
    if open_output is None:
        from hardware.sounddevice_output import SounddeviceOutput

        a = config.audio

        def open_output() -> Any:
            return SounddeviceOutput(
                a.device,
                sample_rate=a.sample_rate,
                channels=a.channels,
                latency_s=a.latency_s,
                host_api=a.host_api,
                jack_via=a.jack_via,
                client_name=f"{a.jack_client}-doctor",
            )

    try:
        out = open_output()
        out.start()
        out.stop()
    except Exception as exc:
        return Check(
            name,
            FAIL,
            f"không mở được thiết bị âm thanh {config.audio.device!r}: {exc}",
            f"cannot open sound device {config.audio.device!r}: {exc}",
        )
    return Check(
        name,
        OK,
        f"mở được thiết bị âm thanh {config.audio.device or 'mặc định'}",
        f"sound device {config.audio.device or 'default'} opens and runs",
    )


def _is_jack(config: UnitConfig) -> bool:
    a = config.audio
    if a.backend != "sounddevice" or a.host_api == "alsa":
        return False
    if a.host_api == "jack":
        return True
    from hardware.jack_client import jack_device

    return jack_device(a.device, f"{a.jack_client}-doctor-probe")


def check_audio_server(config: UnitConfig) -> Check | None:
    """The JACK server's rate, period and latency, when the sound device is a JACK client."""
    if not _is_jack(config):
        return None
    from hardware.jack_client import server_info

    name = "audio server / máy chủ âm thanh"
    try:
        info = server_info(f"{config.audio.jack_client}-doctor-info")
    except Exception as exc:
        return Check(
            name,
            FAIL,
            f"không kết nối được máy chủ JACK: {exc}",
            f"cannot reach the JACK server: {exc}",
        )
    rate, period = int(info["rate"]), int(info["period"])  # type: ignore[call-overload]
    rt_vi = "thời gian thực" if info["realtime"] else "KHÔNG thời gian thực (-R)"
    rt_en = "realtime" if info["realtime"] else "NOT realtime (start jackd with -R)"
    facts = (
        f"{rate} Hz, period {period} ({period / rate * 1000:.1f} ms), playback latency "
        f"{info['playback_latency_frames']} frames ({info['latency_ms']} ms)"
    )
    facts_vi = (
        f"{rate} Hz, chu kỳ {period} mẫu ({period / rate * 1000:.1f} ms), độ trễ phát "
        f"{info['playback_latency_frames']} mẫu ({info['latency_ms']} ms)"
    )
    if rate != config.audio.sample_rate:
        return Check(
            name,
            FAIL,
            f"JACK chạy {rate} Hz nhưng cấu hình là {config.audio.sample_rate} Hz",
            f"JACK runs at {rate} Hz but [audio] sample_rate is {config.audio.sample_rate}",
        )
    status = OK if info["realtime"] else WARN
    return Check(name, status, f"JACK: {facts_vi}, {rt_vi}", f"JACK: {facts}, {rt_en}")


def _unit_threads(pid: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm", encoding="utf-8") as f:
                out.setdefault(f.read().strip(), int(task))
        except OSError:
            continue
    return out


def _proc_limit(pid: int, label: str) -> str:
    with open(f"/proc/{pid}/limits", encoding="utf-8") as f:
        for line in f:
            if line.startswith(label):
                return line[len(label) :].split()[0]
    return "?"


def check_realtime(config: UnitConfig, status: dict[str, Any] | None) -> Check:
    """Does the unit's audio path get realtime priority and locked memory?"""
    name = "realtime / ưu tiên thời gian thực"
    a = config.audio
    if a.backend == "sim":
        return Check(name, OK, "card giả lập: không cần", "simulated card: not needed")
    if not a.realtime:
        return Check(
            name,
            WARN,
            "đã tắt trong cấu hình ([audio] realtime = false)",
            "switched off in the config ([audio] realtime = false)",
        )
    pid = (status or {}).get("pid")
    if pid and os.path.isdir(f"/proc/{pid}"):
        from hardware.sounddevice_output import thread_policy

        threads = _unit_threads(int(pid))
        rtprio = _proc_limit(int(pid), "Max realtime priority")
        memlock = _proc_limit(int(pid), "Max locked memory")
        cb = threads.get("loa-audio-cb")
        if cb is None:
            return Check(
                name,
                WARN,
                f"không thấy luồng âm thanh của dịch vụ (pid {pid})",
                f"the daemon's audio thread is not visible (pid {pid})",
            )
        pol, prio = thread_policy(cb)
        facts = f"audio thread {pol} {prio}, LimitRTPRIO {rtprio}, LimitMEMLOCK {memlock}"
        if pol in ("SCHED_FIFO", "SCHED_RR"):
            return Check(
                name,
                OK,
                f"luồng âm thanh chạy thời gian thực ({facts})",
                f"the audio thread runs realtime ({facts})",
            )
        return Check(
            name,
            WARN,
            f"luồng âm thanh KHÔNG thời gian thực ({facts}): thêm LimitRTPRIO=95 vào dịch vụ",
            f"the audio thread is NOT realtime ({facts}): give the service LimitRTPRIO=95",
        )
    limits = _service_limits("loa-unit.service")
    if limits is None:
        return Check(
            name,
            WARN,
            "không kiểm tra được dịch vụ systemd loa-unit; tệp dịch vụ cần "
            "LimitRTPRIO=95 và LimitMEMLOCK=infinity",
            "cannot read the loa-unit systemd service; it needs LimitRTPRIO=95 and "
            "LimitMEMLOCK=infinity",
        )
    rtprio, memlock = limits.get("LimitRTPRIO", "0"), limits.get("LimitMEMLOCK", "0")
    facts = f"LimitRTPRIO={rtprio}, LimitMEMLOCK={memlock}"
    if rtprio not in ("", "0") and memlock == "infinity":
        return Check(
            name,
            OK,
            f"dịch vụ loa-unit được phép thời gian thực ({facts})",
            f"the loa-unit service may run realtime ({facts})",
        )
    return Check(
        name,
        WARN,
        f"dịch vụ loa-unit thiếu quyền thời gian thực ({facts})",
        f"the loa-unit service lacks realtime limits ({facts})",
    )


def _service_limits(unit: str) -> dict[str, str] | None:
    import subprocess

    if shutil.which("systemctl") is None:
        return None
    try:
        res = subprocess.run(
            [
                "systemctl",
                "show",
                unit,
                "-p",
                "LimitRTPRIO",
                "-p",
                "LimitMEMLOCK",
                "-p",
                "LoadState",
            ],
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    values = dict(line.split("=", 1) for line in res.stdout.splitlines() if "=" in line)
    if res.returncode != 0 or values.get("LoadState") != "loaded":
        return None
    return values


def check_relays(config: UnitConfig, status: dict[str, Any] | None, pin_factory: Any) -> Check:
    name = "relays / rơ-le"
    r = config.relays
    if r.backend == "none":
        return Check(
            name,
            WARN,
            "không cấu hình rơ-le: loa không tự bật ampli",
            "no relays configured: the amplifier is not switched",
        )
    if status is not None:
        states = status.get("relays") or {}
        return Check(
            name, OK, f"rơ-le do dịch vụ loa giữ: {states}", f"relays held by the daemon: {states}"
        )
    from hardware.gpio_relays import RelayBank, RelayConfig

    factory = pin_factory
    if factory is None and r.backend == "mock":
        from gpiozero.pins.mock import MockFactory

        factory = MockFactory()
    assert r.amplifier is not None
    try:
        bank = RelayBank(RelayConfig(r.amplifier, dict(r.zones)), pin_factory=factory)
        bank.close()
    except Exception as exc:
        return Check(name, FAIL, f"không mở được chân rơ-le: {exc}", str(exc))
    pins = ", ".join(str(p.pin) for p in [r.amplifier, *r.zones.values()])
    return Check(
        name,
        OK,
        f"chân rơ-le dùng được ({pins}), đã để tắt",
        f"relay pins usable ({pins}), left off",
    )


def check_clock(config: UnitConfig, clock: Any, gps_fix: Any) -> Check:
    from playout.core import clock_trust

    name = "clock / đồng hồ"
    trust = clock_trust(
        config.clock.trust,
        synced=clock.is_trusted(),
        wall=clock.wall(),
        gps=gps_fix,
        tolerance_s=config.clock.gps_tolerance_s,
    )
    if trust.trusted:
        return Check(name, OK, trust.reason_vi, trust.reason)
    return Check(name, FAIL, trust.reason_vi, trust.reason)


_EMERGENCY_STATE_VI = {"active": "đang phát", "stopped": "đã dừng", "finished": "đã phát xong"}


def emergency_lines(entries: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(Vietnamese, English) one line per emergency the store's overlay holds."""
    out = []
    for e in entries:
        state = e.get("state", "")
        title = e.get("title") or e.get("id", "")
        out.append(
            (
                f"khẩn cấp {title}: {_EMERGENCY_STATE_VI.get(state, state)} "
                f"{e.get('played', 0)}/{e.get('repeats', 0)} lần, hết hạn {e.get('expires_at')}",
                f"emergency {title}: {state} {e.get('played', 0)}/{e.get('repeats', 0)} "
                f"plays, expires {e.get('expires_at')}",
            )
        )
    return out


def check_bundle(config: UnitConfig, clock: Any, now: datetime) -> Check:
    """The active bundle, and the active emergencies beside it (issue 15)."""
    from dataclasses import replace

    from playout.store import BundleStore

    store = BundleStore(
        config.state_dir,
        trusted_keys=config.load_trusted_keys(),
        unit_id=config.unit_id,
        unit_areas=config.areas,
        clock=clock,
    )
    check = _check_active_bundle(store, now)
    active = [e for e in store.emergencies() if e.get("state") == "active"]
    if not active:
        return check
    lines = emergency_lines(active)
    return replace(
        check,
        verdict_vi=check.verdict_vi + "; " + "; ".join(vi for vi, _ in lines),
        verdict_en=check.verdict_en + "; " + "; ".join(en for _, en in lines),
    )


def _check_active_bundle(store: Any, now: datetime) -> Check:
    name = "bundle / gói nội dung"
    try:
        active = store.load_active()
    except NoActiveBundle as exc:
        recent = store.recent_imports()
        last = ""
        if recent and not recent[-1].get("ok"):
            last = f" (lần nạp cuối bị từ chối: {recent[-1].get('reason_vi')})"
        return Check(name, FAIL, f"{exc.reason_vi}{last}", exc.reason)
    m = active.manifest
    left = m.expires_at - now
    if left <= timedelta(0):
        return Check(
            name,
            FAIL,
            f"gói số {m.sequence} đã hết hạn lúc {m.expires_at.isoformat()}",
            f"bundle {m.sequence} expired at {m.expires_at.isoformat()}",
        )
    days = left.total_seconds() / 86400
    if left < EXPIRY_WARN:
        return Check(
            name,
            WARN,
            f"gói số {m.sequence} sắp hết hạn (còn {days:.1f} ngày)",
            f"bundle {m.sequence} expires soon ({days:.1f} days left)",
        )
    return Check(
        name,
        OK,
        f"gói số {m.sequence} hợp lệ, {len(m.items)} bản tin, còn {days:.0f} ngày",
        f"bundle {m.sequence} verifies, {len(m.items)} items, {days:.0f} days left",
    )


def check_disk(config: UnitConfig) -> Check:
    name = "disk / bộ nhớ"
    folder = config.state_dir if config.state_dir.exists() else config.state_dir.parent
    free = shutil.disk_usage(folder).free
    mb = free / (1024 * 1024)
    if free < DISK_FAIL_BYTES:
        return Check(name, FAIL, f"chỉ còn {mb:.0f} MB trống", f"only {mb:.0f} MB free")
    if free < DISK_WARN_BYTES:
        return Check(name, WARN, f"còn {mb:.0f} MB trống (ít)", f"{mb:.0f} MB free (low)")
    return Check(name, OK, f"còn {mb:.0f} MB trống", f"{mb:.0f} MB free")


def _open_log(config: UnitConfig) -> Any:
    from playout.asrun import AsRunLog

    if not config.asrun_path.exists():
        return None
    return AsRunLog(config.asrun_path, unit_key=None, unit_id=config.unit_id)


def check_last_broadcast(config: UnitConfig) -> Check:
    name = "last broadcast / lượt phát gần nhất"
    log = _open_log(config)
    if log is None:
        return Check(name, WARN, "chưa phát lượt nào", "nothing has been broadcast yet")
    with log:
        last = None
        for e in log.entries():
            if e.kind in ("finished", "failed"):
                last = e
    if last is None:
        return Check(name, WARN, "chưa phát xong lượt nào", "no broadcast has ended yet")
    item = last.fields.get("item")
    when = datetime.fromtimestamp(last.logged_us / 1e6, tz=VN).isoformat(timespec="seconds")
    if last.kind == "failed":
        reason = last.fields.get("reason")
        return Check(
            name,
            WARN,
            f"lượt cuối ({item}, {when}) bị lỗi: {reason}",
            f"the last broadcast ({item}, {when}) failed: {reason}",
        )
    return Check(
        name,
        OK,
        f"lượt cuối: {item} lúc {when}, phát trọn",
        f"last broadcast: {item} at {when}, played",
    )


def check_log_chain(config: UnitConfig) -> Check:
    name = "as-run log / nhật ký phát"
    log = _open_log(config)
    if log is None:
        return Check(name, OK, "nhật ký chưa có mục nào", "the log is still empty")
    try:
        pub = config.load_unit_key().public_key()
    except ConfigError as exc:
        log.close()
        return Check(name, FAIL, exc.reason_vi, exc.reason)
    with log:
        result = log.verify(pub)
    if result.ok:
        return Check(
            name,
            OK,
            f"chuỗi nhật ký nguyên vẹn ({result.count} mục, chữ ký đúng)",
            f"the log chain is intact ({result.count} entries, signatures good)",
        )
    return Check(
        name,
        FAIL,
        f"nhật ký bị sửa hoặc hỏng từ mục {result.first_bad_seq}: {result.reason}",
        f"the log was altered or damaged at entry {result.first_bad_seq}: {result.reason}",
    )


def run_checks(
    config: UnitConfig,
    *,
    clock: Any = None,
    now: datetime | None = None,
    open_output: Callable[[], Any] | None = None,
    pin_factory: Any = None,
    gps_fix: Any = None,
) -> list[Check]:
    if clock is None:
        from hardware.clock import SystemClock

        clock = SystemClock(trust_unknown=config.clock.trust == "always")
    now = now or clock.wall()
    status = control.read_status(config.state_dir)
    running = status if control.status_is_fresh(status, now) else None
    server = _guard("audio server / máy chủ âm thanh", lambda: check_audio_server(config))  # type: ignore[arg-type, return-value]
    return [
        _guard("sound / âm thanh", lambda: check_sound(config, running, open_output)),
        *([server] if server is not None else []),
        _guard("realtime / ưu tiên thời gian thực", lambda: check_realtime(config, running)),
        _guard("relays / rơ-le", lambda: check_relays(config, running, pin_factory)),
        _guard("clock / đồng hồ", lambda: check_clock(config, clock, gps_fix)),
        _guard("bundle / gói nội dung", lambda: check_bundle(config, clock, now)),
        _guard("disk / bộ nhớ", lambda: check_disk(config)),
        _guard("last broadcast / lượt phát gần nhất", lambda: check_last_broadcast(config)),
        _guard("as-run log / nhật ký phát", lambda: check_log_chain(config)),
    ]

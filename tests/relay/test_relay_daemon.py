"""The daemon relays the channel of its signed bundle at the plan's window, on real parts
(icecast2 on loopback, ffmpeg); a simulated clock kept in step with real time (the stream does
not wait), dated by the test — never the real date. An emergency cuts the window and the relay
resumes after it; the source killed mid-window plays the fallback item; a server down for the
whole window is a failed broadcast with its reason; the next broadcast is on time."""

from __future__ import annotations

import hashlib
import socket
import time
import uuid
from datetime import datetime, timedelta

import pytest

from content_library import bundle as B
from hardware.clock import SimClock
from protocol.manifest import Relay
from tests.playout.conftest import SR, VN, Unit, UnitKit, import_bundle

T0 = datetime(2026, 11, 20, 6, 59, 52, tzinfo=VN)  # eight seconds before a 07:00 relay window


@pytest.fixture
def clock() -> SimClock:
    return SimClock(T0, monotonic=1000.0)


@pytest.fixture
def pin_factory(monkeypatch, clock):
    import gpiozero.pins.mock as mock
    from gpiozero import Device

    monkeypatch.setattr(mock, "monotonic", clock.monotonic)
    factory = mock.MockFactory()
    saved = Device.pin_factory
    try:
        yield factory
    finally:
        factory.reset()
        Device.pin_factory = saved


@pytest.fixture
def kit(tmp_path) -> UnitKit:
    return UnitKit(tmp_path, t0=T0)


def relay_bundle(
    kit: UnitKit, url: str, items, rules, *, fallback: str | None, sequence: int = 1
) -> object:
    ap = B.Approval(
        id="ap-vov1",
        reviewer="Công an xã",
        approved_at=kit.t0 - timedelta(days=2),
        valid_from=kit.t0 - timedelta(days=1),
        valid_until=kit.t0 + timedelta(days=30),
    )
    manifest = B.Manifest(
        bundle_id=str(uuid.uuid4()),
        target=B.Target(units=("unit-01",)),
        sequence=sequence,
        issued_at=kit.t0 - timedelta(hours=1),
        expires_at=kit.t0 + timedelta(days=7),
        key_id=kit.kid,
        items=tuple(items),
        schedule={"format": 1, "rules": rules, "policy": {"quiet_hours": None}},
        relays=(Relay("vov1", "VOV1 (mô phỏng)", url, "mp3", fallback, ap),),
    )
    out = kit.out_dir / f"relay-{uuid.uuid4().hex[:6]}.loa"
    return B.build_bundle(
        manifest,
        {i.audio_sha256: kit.audio[i.audio_sha256] for i in items},
        signing_key=kit.priv,
        out_path=out,
        now=kit.t0,
    )


def emergency_item(kit: UnitKit, seconds: float) -> B.BundleItem:
    # the file the kit wrote: writing the tone again would not give the same bytes when a
    # second ticks in between (libsndfile dates the PEAK chunk of a float WAV)
    item = kit.item("khan", seconds=seconds, freq=1500.0, priority="emergency")
    path = kit.audio[item.audio_sha256]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == item.audio_sha256
    return item


def run_real(unit: Unit, until: datetime, during=None, step: float = 0.02) -> None:
    """Let the simulated clock follow real time until wall time `until`, ticking the daemon."""
    real0, mono0 = time.monotonic(), unit.clock.monotonic()
    while unit.clock.wall() < until:
        time.sleep(step)
        unit.clock.advance_to(mono0 + (time.monotonic() - real0))
        unit.daemon.tick()
        if during is not None:
            during(unit.clock.wall())


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return T0.replace(hour=hh, minute=mm, second=ss)


def us(t: datetime) -> int:
    return round(t.timestamp() * 1_000_000)


def by_token(entries, prefix: str):
    return [(k, f) for k, f in entries if str(f.get("token", "")).startswith(prefix)]


def test_relay_window_with_an_emergency_and_a_killed_source(
    icecast, mount, kit, clock, pin_factory
):
    src = {"s": icecast.feed(mount, freq=440.0)}
    fb = kit.item("fb", seconds=30.0, freq=880.0)
    nxt = kit.item("next", seconds=2.0, freq=300.0)
    rules = [
        {"kind": "relay", "relay": "vov1", "window": {"start": "07:00", "end": "07:01"}},
        {"kind": "daily", "times": ["07:01"], "item_ids": ["next"]},
    ]
    url = icecast.url(mount)
    import_bundle(kit, relay_bundle(kit, url, [fb, nxt], rules, fallback="fb"), clock)
    # the same plan and an emergency no rule schedules: it plays at once when it comes
    khan = emergency_item(kit, 3.0)
    second = relay_bundle(kit, url, [fb, nxt, khan], rules, fallback="fb", sequence=2)
    unit = Unit(kit, clock, pin_factory, kit.config())
    phase = {"n": 0}

    def during(wall: datetime) -> None:
        if phase["n"] == 0 and wall >= at(7, 0, 12):
            import_bundle(kit, second, clock)  # the emergency arrives mid-window
            phase["n"] = 1
        if phase["n"] == 1 and wall >= at(7, 0, 30):
            src["s"].kill()  # the station's source dies after the relay resumed
            phase["n"] = 2
        elif phase["n"] == 2 and wall >= at(7, 0, 38):
            src["s"] = icecast.feed(mount, freq=440.0, wait=False)
            phase["n"] = 3

    try:
        run_real(unit, at(7, 1, 3), during)
    finally:
        unit.stop()
    entries = unit.entries()
    relays = by_token(entries, "relay:vov1@")
    ends = [f for k, f in relays if k in ("finished", "failed")]
    starts = sorted((f for k, f in relays if k == "started"), key=lambda f: f["actual_start_us"])
    assert len(starts) == 2 and len(ends) == 2, relays  # cut by the emergency, resumed
    first, resumed = sorted(ends, key=lambda f: f["relay_start_us"])
    for f in (first, resumed):
        assert f["relay"] == "vov1" and f["item"] is None and f["relay_url"] == url
        assert f["bytes"] > 0
    assert starts[0]["actual_start_us"] == us(at(7, 0))  # the window's first sample on time
    assert first["outcome"] == "faded" and first["reason"] == "pre-empted by khan"
    assert first["dropouts"] == 0 and first["relayed_s"] >= 11.0
    khan_start = [f for k, f in entries if k == "started" and f.get("item") == "khan"]
    khan_end = [f for k, f in entries if k == "finished" and f.get("item") == "khan"]
    assert khan_start and khan_end
    # faded out as the emergency comes in (the daemon's pre-emption fade, 50 ms)
    assert first["relay_end_us"] <= khan_start[0]["actual_start_us"] + 60_000
    assert starts[1]["actual_start_us"] >= khan_start[0]["actual_start_us"] + 3_000_000
    assert starts[1]["token"].endswith("~1")  # the rest of the same window
    assert resumed["outcome"] == "finished"
    # until the window's end, not longer: to the frame (a resumed relay starts wherever the
    # emergency ended, so its first sample and its length each round to a 20.8 µs frame; the
    # log keeps whole microseconds, hence 1 µs more: a run ended 21 µs off)
    assert abs(resumed["relay_end_us"] - us(at(7, 1))) <= 1_000_000 / SR + 1
    assert resumed["dropouts"] >= 1 and resumed["relayed_s"] > 20.0
    d = resumed["dropout_list"][0]
    assert d["played_instead"] == "fallback:fb" and d["reason"] and d["reason_vi"]
    nxt_start = [f for k, f in entries if k == "started" and f.get("item") == "next"]
    assert nxt_start and nxt_start[0]["late_us"] == 0  # the next broadcast on time
    assert nxt_start[0]["actual_start_us"] == us(at(7, 1))


def test_a_relay_window_cut_by_a_power_cut_plays_on_after_the_restart(
    icecast, mount, kit, clock, pin_factory
):
    """The unit loses power 10 s into the window and is back 5 s later: the interrupted relay
    is logged failed (interrupted: restart) and the rest of the window plays to its end, as
    after an emergency — the station did not stop while the unit was off."""
    icecast.feed(mount, freq=440.0)
    fb = kit.item("fb", seconds=30.0, freq=880.0)
    rules = [{"kind": "relay", "relay": "vov1", "window": {"start": "07:00", "end": "07:01"}}]
    url = icecast.url(mount)
    import_bundle(kit, relay_bundle(kit, url, [fb], rules, fallback="fb"), clock)
    first = Unit(kit, clock, pin_factory, kit.config())
    try:
        run_real(first, at(7, 0, 10))
    finally:
        # the power cut: nothing is stopped cleanly, nothing more is logged
        first.daemon._running = False
        first.output.stop()
        for close in reversed(first.daemon._closers):
            close()
    clock.advance(5.0)
    second = Unit(kit, clock, pin_factory, kit.config())
    try:
        run_real(second, at(7, 1, 3))
    finally:
        second.stop()
    relays = [(k, f) for k, f in by_token(second.entries(), "relay:vov1@") if k != "armed"]
    kinds = [(k, f["token"]) for k, f in relays]
    window = relays[0][1]["token"]
    assert kinds == [
        ("started", window),
        ("failed", window),  # the restart's account of the interrupted window
        ("started", window + "~1"),
        ("finished", window + "~1"),
    ], kinds
    failed = relays[1][1]
    assert failed["reason"] == "interrupted: restart"
    started, finished = relays[2][1], relays[3][1]
    # back on air as soon as the amplifier has warmed up after the restart (within the arming
    # lead), until the window's end (to the frame)
    lead_us = (second.daemon.policy.lead_s + 1.0) * 1_000_000
    assert us(at(7, 0, 15)) <= started["actual_start_us"] <= us(at(7, 0, 15)) + lead_us
    assert abs(finished["relay_end_us"] - us(at(7, 1))) <= 1_000_000 / SR + 1
    assert finished["relayed_s"] > 40.0 and finished["dropouts"] == 0
    from playout.asrun import AsRunLog

    with AsRunLog(second.config.asrun_path, unit_key=None, unit_id="unit-01") as asrun:
        assert asrun.verify(kit.unit_pub).ok  # one chain across the power cut


def test_a_server_down_for_the_whole_window_is_a_failed_broadcast(kit, clock, pin_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    nxt = kit.item("next", seconds=2.0, freq=300.0)
    rules = [
        {"kind": "relay", "relay": "vov1", "window": {"start": "06:59", "end": "07:00"}},
        {"kind": "daily", "times": ["07:00"], "item_ids": ["next"]},
    ]
    path = relay_bundle(kit, f"http://127.0.0.1:{port}/vov1", [nxt], rules, fallback=None)
    import_bundle(kit, path, clock)
    # a unit that comes up 52 s into an open window joins it for what is left
    unit = Unit(kit, clock, pin_factory, kit.config(playout={"late_start_max_s": 60}))
    try:
        run_real(unit, at(7, 0, 3))
    finally:
        unit.stop()
    entries = unit.entries()
    relays = by_token(entries, "relay:vov1@")
    [failed] = [f for k, f in relays if k == "failed"]
    assert failed["reason"].startswith("the stream never came: cannot connect")
    assert failed["reason_vi"].startswith("không nhận được luồng tiếp sóng")
    assert failed["relayed_s"] == 0 and failed["dropouts"] == 1
    assert failed["dropout_list"][0]["played_instead"] == "silence"
    nxt_start = [f for k, f in entries if k == "started" and f.get("item") == "next"]
    assert nxt_start and nxt_start[0]["late_us"] == 0


@pytest.mark.parametrize(("choice", "mpg123"), [("mpg123", "mpg123"), ("ffmpeg", "")])
def test_the_mp3_decoder_is_the_units_choice(kit, clock, pin_factory, choice, mpg123):
    """[stream_relay] mp3_decoder reaches the relay source: mpg123 (small; ffmpeg when it is
    not installed) or always ffmpeg."""
    cfg = kit.config(stream_relay={"mp3_decoder": choice})
    unit = Unit(kit, clock, pin_factory, cfg, start=False)
    settings = unit.daemon._relay_settings()
    assert settings.mpg123 == mpg123 and settings.ffmpeg == "ffmpeg"

"""Faults a unit meets in the field: a power cut during an install, the SD card full, the wall
clock stepped by NTP after a boot without RTC, a relay pin that is busy, an emergency at an
awkward instant. Simulated card, MockFactory relays, a SimClock: nothing sleeps."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from datetime import timedelta

import pytest

import protocol.bundle
from hardware.errors import HardwareError
from hardware.ports import PlaybackState
from playout import store as store_module
from playout.asrun import AsRunLog
from playout.errors import ImportRejected
from playout.store import BundleStore, Inbox
from playout.sync_client import SyncClient

from .conftest import T0, UnitKit, daily, import_bundle, real_now
from .emergency_kit import emergency_bundle
from .test_sync_emergency import FakePanel, SystemClockish

START = 1010.0  # SimClock monotonic at 07:00:00 (T0 is 06:59:50 at 1000.0)


def played_tokens(unit):
    return [r.token[0] for r in unit.output.played if r.start_time is not None]


def pin_changes(pin, base: float = 1000.0):
    """[(absolute time, state)] from a MockPin's (delta, state) records, first entry skipped."""
    t, out = base, []
    for i, s in enumerate(pin.states):
        t += s.timestamp
        if i:
            out.append((round(t, 6), s.state))
    return out


class GpioBusy(Exception):
    """What lgpio raises for a pin another process holds (`lgpio.error: 'GPIO busy'`): not a
    HardwareError, not an OSError."""


def refuse_once(relays, name: str) -> list[int]:
    real, calls = getattr(relays, name), []

    def switch(*args):
        calls.append(1)
        if len(calls) == 1:
            raise GpioBusy("GPIO busy")
        return real(*args)

    setattr(relays, name, switch)
    return calls


# ------------------------------------------------------------------ relays


def test_a_busy_pin_refusing_amp_off_is_retried_and_the_amplifier_goes_off(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    calls = refuse_once(u.daemon.relays, "amp_off")
    u.run(25)  # A 07:00:00–02, tail + hold 5.5 s: the amplifier is due off at 07:00:07.5
    assert len(calls) == 2  # refused, then done on the next tick
    (_, on), (t_off, off) = pin_changes(u.pin(17))
    assert on and not off and START + 7.5 <= t_off <= START + 7.5 + 0.05
    assert not u.daemon.relays.states()["amplifier"]
    assert "GPIO busy" in (u.daemon.last_error or "")
    assert u.kinds() == ["armed", "started", "finished"]


def test_a_busy_pin_refusing_amp_on_is_retried_and_the_warm_up_still_holds(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    calls = refuse_once(u.daemon.relays, "amp_on")
    u.run(15)
    assert len(calls) == 2
    [rec] = u.output.played
    (t_on, on), *_ = pin_changes(u.pin(17))
    assert on and rec.start_time == START and START - t_on >= 3.0
    started = next(f for k, f in u.entries() if k == "started")
    assert started["relay_states"]["amplifier"] is True


# ------------------------------------------------------------------ power cut during an install


def test_a_power_cut_mid_install_plays_the_old_bundle_and_the_next_import_clears_the_litter(
    kit, clock, make_unit
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    # the power went while bundle 2 was being copied and extracted: its staging folder stays
    bundles = kit.state_dir / "bundles"
    half = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2).read_bytes()
    stale = bundles / ".incoming-0123456789abcdef0123456789abcdef"
    (stale / "audio").mkdir(parents=True)
    (stale / "bundle.loa").write_bytes(half[: len(half) // 2])
    (stale / "audio" / ".half.wav.tmp").write_bytes(b"RIFF")
    u = make_unit()
    u.run(15)
    assert [t.split("@")[0] for t in played_tokens(u)] == ["A"]
    assert u.daemon.bundle is not None and u.daemon.bundle.sequence == 1
    import_bundle(
        kit, kit.bundle([kit.item("C")], schedule=daily(["07:05"], "C"), sequence=3), clock
    )
    assert not stale.exists()
    assert sorted(p.name for p in bundles.iterdir() if p.name.startswith(".")) == []
    u.run(1)
    assert u.daemon.bundle.sequence == 3


# ------------------------------------------------------------------ the wall clock steps


def skipped_missed(unit) -> list[str]:
    return [
        f["scheduled_start_us"]
        for k, f in unit.entries()
        if k == "skipped" and f["reason"].startswith("missed")
    ]


def us(t) -> int:
    return round(t.timestamp() * 1_000_000)


def at(hh: int, mm: int = 0):
    return T0.replace(hour=hh, minute=mm, second=0)


def test_an_ntp_step_forward_over_hours_logs_every_slot_it_jumped_as_missed(kit, clock, make_unit):
    sched = daily(["07:00", "08:00", "09:00", "10:00", "11:05"], "A")
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=sched), clock)
    u = make_unit()
    u.run(15)  # 07:00 played on a trusted clock
    clock.jump(4 * 3600)  # a wrong NTP source corrected: 11:00:05
    u.run(5)
    assert sorted(skipped_missed(u)) == [us(at(8)), us(at(9)), us(at(10))]
    assert [t.split("@")[1][11:16] for t in played_tokens(u)] == ["07:00"]  # none hours late
    u.run_until(at(11, 5) + timedelta(seconds=5))
    assert [t.split("@")[1][11:16] for t in played_tokens(u)] == ["07:00", "11:05"]
    assert u.kinds().count("skipped") == 3


def test_a_boot_without_rtc_logs_what_passed_while_the_clock_was_unsynchronised(
    kit, clock, make_unit
):
    """The Pi boots at the time fake-hwclock saved (2 h behind), runs 90 min without network,
    then chrony steps the clock: what fell due while it ran is logged missed, not played late."""
    sched = daily(["06:20", "07:00", "07:40"], "A")
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=sched), clock)
    clock.set_wall(at(6) - timedelta(hours=2))  # really 06:00
    clock.set_trusted(False)
    u = make_unit()
    u.run(90 * 60, step=5.0)  # really 07:30; the unit believes 05:30
    assert u.output.played == [] and u.kinds() == []
    clock.jump(2 * 3600)
    clock.set_trusted(True)
    u.run(5)
    assert sorted(skipped_missed(u)) == [us(at(6, 20)), us(at(7))]
    assert u.output.played == []
    u.run_until(at(7, 40) + timedelta(seconds=5), step=0.5)
    assert [t.split("@")[1][11:16] for t in played_tokens(u)] == ["07:40"]
    [rec] = u.output.played
    assert rec.start_time == rec.scheduled_at


def test_a_boot_at_1970_then_an_ntp_step_plays_nothing_twice_or_late(kit, clock, make_unit):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["06:50", "07:00"], "A")), clock)
    clock.set_wall(T0.replace(year=1970, month=1, day=1, hour=8))
    clock.set_trusted(False)
    u = make_unit()
    u.run(30, step=0.1)
    assert u.kinds() == [] and u.output.played == []
    seven = clock.monotonic() + 5  # when 07:00 falls once the clock is set
    clock.set_wall(T0 + timedelta(seconds=5))  # 06:59:55, synchronised
    clock.set_trusted(True)
    u.run(20)
    assert skipped_missed(u) == [us(at(6, 50))]
    [rec] = u.output.played
    assert rec.token[0].endswith("07:00:00+07:00")
    assert rec.start_time == rec.scheduled_at == seven  # on time: 5 s left the warm-up room
    assert u.kinds().count("started") == 1


# ------------------------------------------------------------------ the SD card is full


class FullCard:
    """The as-run log's SQLite connection on an SD card that fills up: while `full`, writing a
    row fails as SQLite reports it (SQLITE_FULL); `at_commit` makes the COMMIT fail instead,
    leaving the transaction open as SQLite may ("Response To Errors Within A Transaction")."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn, self.full, self.at_commit, self.refused = conn, False, False, 0

    def execute(self, sql: str, *args):
        refused = sql == "COMMIT" if self.at_commit else sql.startswith("INSERT")
        if self.full and refused:
            self.refused += 1
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_a_commit_the_full_card_refused_does_not_wedge_the_log(kit, tmp_path):
    log = AsRunLog(tmp_path / "asrun.sqlite3", unit_key=kit.unit_priv, unit_id="unit-01")
    card = FullCard(log._conn)
    log._conn = card  # type: ignore[assignment]
    log.append("armed", token="A@1")
    card.full = card.at_commit = True
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        log.append("started", token="A@1")
    card.full = False  # space freed (old exports deleted)
    log.append("started", token="A@1")
    assert [(e.seq, e.kind) for e in log.entries()] == [(1, "armed"), (2, "started")]
    assert log.verify(kit.unit_pub).ok


def test_entries_the_full_card_refused_are_written_in_order_once_it_has_room(
    kit, clock, make_unit, caplog
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    card = FullCard(u.daemon.asrun._conn)
    u.daemon.asrun._conn = card
    card.full = True
    caplog.set_level("WARNING", logger="loa.playout")
    u.run(75)  # A armed, started and finished while the card was full; tried every second
    rec = u.output.played[0]
    assert rec.outcome is PlaybackState.FINISHED and rec.start_time == START  # kept on air
    assert card.refused >= 1 and u.kinds() == []
    assert "disk is full" in u.daemon.last_error and u.daemon.status()["asrun_unwritten"] == 3
    said = [r.getMessage() for r in caplog.records if "cannot write the as-run" in r.getMessage()]
    assert len(said) == 2 and "3 entries kept in memory" in said[-1]  # once a minute
    card.full = False
    u.run(2)
    assert u.kinds() == ["armed", "started", "finished"]
    started = next(f for k, f in u.entries() if k == "started")
    assert started["actual_start_us"] == started["scheduled_start_us"]
    # written late, it says when it happened (the tick after the first sample)
    assert 0 <= started["happened_us"] - started["actual_start_us"] <= 50_000
    assert u.daemon.status()["asrun_unwritten"] == 0
    assert u.daemon.asrun.verify(kit.unit_pub).ok


def test_entries_still_unwritten_at_shutdown_go_to_the_journal(kit, clock, make_unit, caplog):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    card = FullCard(u.daemon.asrun._conn)
    u.daemon.asrun._conn = card
    card.full = True
    u.run(11)  # armed and started: both refused
    u.stop()  # still full: the shutdown's own "failed" entry is refused too
    lost = [r.getMessage() for r in caplog.records if "as-run entry not written" in r.getMessage()]
    assert [m.split(": ", 1)[1].split(" ", 1)[0] for m in lost] == ["armed", "started", "failed"]
    assert all("A@" in m for m in lost)


class FullStorage:
    """The unit's SD card while installing a bundle: with `full` set to "copy" or "extract",
    writing the staging copy or the extracted audio fails with ENOSPC, as the kernel says it."""

    def __init__(self, monkeypatch) -> None:
        self.full: str | None = None
        real_atomic = protocol.bundle.atomic_file

        def no_space():
            return OSError(errno.ENOSPC, "No space left on device")

        class Refusing:
            def __init__(self, fh, when: str) -> None:
                self._fh, self._when = fh, when

            def write(self, data):
                if storage.full == self._when:
                    raise no_space()
                return self._fh.write(data)

            def __getattr__(self, name):
                return getattr(self._fh, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return self._fh.__exit__(*exc)

        @contextlib.contextmanager
        def atomic_file(path, **kw):
            with real_atomic(path, **kw) as fh:
                yield Refusing(fh, "extract")

        def open_(path, mode="r", *args, **kw):
            fh = open(path, mode, *args, **kw)  # noqa: SIM115 - handed back like open()
            return Refusing(fh, "copy") if mode == "xb" else fh

        storage = self
        monkeypatch.setattr(protocol.bundle, "atomic_file", atomic_file)
        monkeypatch.setattr(store_module, "open", open_, raising=False)


def unit_store(kit, clock) -> BundleStore:
    return BundleStore(
        kit.state_dir,
        trusted_keys={kit.kid: kit.pub},
        unit_id="unit-01",
        unit_areas=("xa-tan-phu",),
        clock=clock,
    )


@pytest.mark.parametrize("where", ["copy", "extract"])
def test_a_full_card_during_an_install_says_so_and_keeps_the_active_bundle(
    kit, clock, make_unit, monkeypatch, where
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    b2 = kit.bundle([kit.item("B", seconds=1)], schedule=daily(["07:00"], "B"), sequence=2)
    storage = FullStorage(monkeypatch)
    storage.full = where
    with pytest.raises(ImportRejected) as refused:
        unit_store(kit, clock).import_bundle(b2)
    exc = refused.value
    assert exc.code == "no_space" and "cannot read" not in exc.reason
    assert "No space left" in exc.reason and "không đủ chỗ" in exc.reason_vi
    assert not [p for p in (kit.state_dir / "bundles").iterdir() if p.name.startswith(".")]
    u = make_unit()
    u.run(15)
    assert [t.split("@")[0] for t in played_tokens(u)] == ["A"]  # the old approved set plays


def test_a_bundle_on_a_stick_refused_for_a_full_card_is_installed_once_there_is_room(
    kit, clock, monkeypatch, tmp_path
):
    import_bundle(kit, kit.bundle([kit.item("A")], schedule=daily(["07:00"], "A")), clock)
    storage = FullStorage(monkeypatch)
    stick = tmp_path / "stick"
    stick.mkdir()
    b2 = kit.bundle([kit.item("B")], schedule=daily(["07:00"], "B"), sequence=2)
    (stick / "b2.loa").write_bytes(b2.read_bytes())
    inbox = Inbox(unit_store(kit, clock), [stick])
    storage.full = "extract"
    assert inbox.poll() == []  # seen once: waits for the file to be stable
    [refused] = inbox.poll()
    assert isinstance(refused, ImportRejected) and refused.code == "no_space"
    storage.full = None  # the technician deleted old exports
    polls = [inbox.poll() for _ in range(3)]
    assert [r.status for p in polls for r in p] == ["activated"]
    assert unit_store(kit, clock).load_active().sequence == 2


def test_an_emergency_the_full_card_refused_is_fetched_again_and_kept(tmp_path, monkeypatch):
    kit = UnitKit(tmp_path, t0=real_now())  # the sync client's store reads the real clock
    path, eid = emergency_bundle(kit, sequence=1)
    panel = FakePanel()
    try:
        panel.publish(path, eid, "play", 1)
        store = unit_store(kit, SystemClockish())
        client = SyncClient(
            panel.base_url, "unit-01", kit.unit_priv, kit.state_dir, store=store, poll_s=3600
        )
        storage = FullStorage(monkeypatch)
        storage.full = "extract"
        assert client.pull_emergencies() == 0
        assert store.emergencies() == []
        storage.full = None
        assert client.pull_emergencies() == 1  # not given up on: fetched and installed
        assert [(e["id"], e["state"]) for e in store.emergencies()] == [(eid, "active")]
    finally:
        panel.close()


# ------------------------------------------------------------------ the sound card goes away


def test_a_sound_card_gone_for_good_mid_broadcast_is_logged_and_the_amplifier_goes_off(
    kit, clock, make_unit
):
    import_bundle(
        kit, kit.bundle([kit.item("A", seconds=20)], schedule=daily(["07:00"], "A")), clock
    )
    u = make_unit()
    u.run(13)  # A on air since 07:00

    def gone():
        raise HardwareError("PortAudio: device unavailable")

    u.output.start = gone  # the USB card is unplugged and does not come back
    u.output.trigger_failure("PortAudioError: Device unavailable [PaErrorCode -9985]")
    u.run(30)
    kinds = u.entries()
    assert [k for k, _ in kinds] == ["armed", "started", "failed", "failed"]
    assert "Device unavailable" in kinds[2][1]["reason"]
    assert kinds[2][1]["duration_played_us"] >= 2_900_000
    assert kinds[3][1]["reason"].startswith("cannot arm")  # the one retry, refused at once
    (_, on), (t_off, off) = pin_changes(u.pin(17))
    assert on and not off and t_off <= START + 3.1 + 0.5 + 5.0 + 0.05  # tail + hold after it
    assert "cannot restart the sound output" in u.daemon.last_error
    assert u.daemon._running


# ------------------------------------------------------------------ an emergency at a bad moment


def test_an_emergency_during_the_amplifier_warm_up_uses_the_warm_up_already_done(
    kit, clock, make_unit
):
    a = kit.item("A", seconds=2)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(8)  # A armed for 07:00, the amplifier warming up since 06:59:56.9
    (t_on, _), *_ = pin_changes(u.pin(17))
    e = kit.item("E", seconds=1.0, priority="emergency", freq=880)
    import_bundle(kit, kit.bundle([a, e], schedule=daily(["07:00"], "A"), sequence=2), clock)
    u.run(20)
    cancelled, rec_e, rec_a = u.output.played
    assert cancelled.outcome is PlaybackState.CANCELLED and cancelled.start_time is None
    assert rec_e.token[0] == "emergency:E:ap-E" and rec_e.outcome is PlaybackState.FINISHED
    assert rec_e.start_time - t_on == pytest.approx(3.1, abs=0.021)  # no second warm-up
    assert rec_a.token[0] == cancelled.token[0] and rec_a.start_time >= rec_e.end_time
    assert rec_a.start_time - START < 30  # inside late_start_max_s: A plays once, late
    assert len(pin_changes(u.pin(17))) == 2  # the amplifier stayed on throughout


def test_an_emergency_in_the_last_second_of_a_broadcast_lets_it_end_and_follows(
    kit, clock, make_unit
):
    a = kit.item("A", seconds=2)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    u.run(11.98)  # 20 ms before A's end
    e = kit.item("E", seconds=1.0, priority="emergency", freq=880)
    import_bundle(kit, kit.bundle([a, e], schedule=daily(["07:00"], "A"), sequence=2), clock)
    u.run(10)
    rec_a, rec_e = u.output.played
    assert rec_a.outcome is PlaybackState.FINISHED and rec_a.end_time == START + 2
    assert rec_e.outcome is PlaybackState.FINISHED
    assert rec_a.end_time <= rec_e.start_time <= rec_a.end_time + 0.07
    assert u.kinds(rec_a.token[0]) == ["armed", "started", "finished"]
    ended = next(f for k, f in u.entries() if k == "finished" and f["item"] == "A")
    assert ended["outcome"] == "finished" and ended["duration_played_us"] == 2_000_000
    assert played_tokens(u).count(rec_a.token[0]) == 1


# ------------------------------------------------------------------ a power cut mid-broadcast


def test_a_power_cut_mid_broadcast_then_a_boot_at_the_saved_time_never_replays_it(
    kit, clock, make_unit
):
    import_bundle(
        kit, kit.bundle([kit.item("A", seconds=10)], schedule=daily(["07:00"], "A")), clock
    )
    first = make_unit()
    first.run(12)  # A on air since 07:00
    first.daemon._running = False  # the power goes: nothing is stopped cleanly
    first.output.stop()
    first.daemon.relays.close()
    first.daemon.asrun.close()
    clock.jump(-3600)  # the Pi boots at the time fake-hwclock saved an hour before
    clock.set_trusted(False)
    second = make_unit()
    assert not second.daemon.relays.states()["amplifier"]
    entries = second.entries()
    assert [k for k, _ in entries] == ["armed", "started", "failed"]
    failed, started = entries[-1][1], entries[1][1]
    assert failed["reason"] == "interrupted: restart" and "gián đoạn" in failed["reason_vi"]
    assert failed["interrupted_start_us"] == started["actual_start_us"]
    second.run(5, step=0.1)
    clock.jump(3600)  # chrony sets it right: 07:00:17, inside A's late-start limit (30 s)
    clock.set_trusted(True)
    second.run(20)
    assert second.output.played == []  # started once before the cut: never again
    assert [k for k, _ in second.entries()] == ["armed", "started", "failed"]
    assert second.daemon.asrun.verify(kit.unit_pub).ok


def test_a_relay_pin_busy_for_good_is_logged_once_a_minute_not_on_every_tick(
    kit, clock, make_unit, caplog
):
    a = kit.item("A", seconds=120)
    import_bundle(kit, kit.bundle([a], schedule=daily(["07:00"], "A")), clock)
    u = make_unit()
    relays = u.daemon.relays
    real_select = relays.select_zones

    def zone_busy(zones):
        if zones:
            raise GpioBusy("GPIO busy")
        real_select(zones)

    relays.select_zones = zone_busy
    caplog.set_level("WARNING", logger="loa.playout")
    u.run(90)  # from 06:59:56.7 the zone step is due and refused on every 20 ms tick
    relay_lines = [r.getMessage() for r in caplog.records if "relay step" in r.getMessage()]
    assert 2 <= len(relay_lines) <= 3  # the first failure, then once a minute
    assert "GPIO busy" in relay_lines[0] and "still failing" in relay_lines[1]
    assert "GPIO busy" in u.daemon.last_error
    relays.select_zones = real_select  # the other process let go of the pin
    u.run(1)
    assert "switch again (select_zones had failed" in caplog.records[-1].getMessage()
    assert relays.states()["zone:thon-1"] and relays.states()["amplifier"]

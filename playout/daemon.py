"""The unattended playout daemon: loads the active bundle, keeps the next hours of its plan, arms
each broadcast on the sound card early, drives the relays, logs every broadcast, obeys the loop
switch and control commands. Decisions come from `playout.core`; this module carries them out.
Building the daemon and its parts from a config is `playout.wiring`'s job.

API::

    d = playout.wiring.build_daemon(config, ...)   # the parts the config names
    d.run(stop_event)       # start(), tick every config.playout.tick_s, stop() in `finally`
    # or step by step (tests, benchmarks):
    d.start(); d.tick(); ...; d.stop()
    d.set_loop(on: bool, source="cli"); d.poll_inbox(); d.status() -> dict

    Daemon(config, *, clock, output, asrun, open_source, relays=None, gps=None,
           loop_switch=None, store=None, notifier=None, after_broadcast=None,
           inbox_thread=False, owned=())

Everything is injected: `clock` (hardware Clock: wall time and trust), `output` (an
AudioOutput; its `clock()` is the time base of every deadline and relay step), `open_source`
(path, sha256, sample rate → a source for the card), `relays` (hardware Relays, e.g.
RelayBank on MockFactory), `gps`, `notifier` (`.notify(str)`, the systemd watchdog), `owned`
(the close functions of parts built for this daemon, called in reverse by `stop()`). With a
SimClock and SimAudioOutput a test calls `clock.advance()` and `tick()` in turns: nothing
sleeps and no thread is needed.

Placement: each broadcast is handed to the sound card `lead` seconds before its start
(`schedule(source, at)`), and the audio callback puts its first sample on the right frame; the
tick only decides. Relays follow `hardware.relay_sequence`: amplifier on at least the warm-up
before the first sample, zones switched in silence, off after tail + hold. `start()` brings
parts up in order; `stop()` takes them down in reverse and always leaves the relays off.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from hardware.errors import HardwareError, NoFreeVoice
from hardware.gpio_relays import ZoneRelayError
from hardware.ports import AudioOutput, Clock, Gps, PlaybackHandle, PlaybackState, Relays
from hardware.relay_sequence import Broadcast, RelayAction, RelayStep, RelayTiming
from playout import control, core
from playout.asrun import AsRunLog
from playout.config import UnitConfig
from playout.core import Active, Candidate, KeyState, Kind, Policy, Situation
from playout.doorbell import Doorbell, ring
from playout.errors import AsRunError, NoActiveBundle, PlayoutError
from playout.store import ActiveBundle, BundleStore, Inbox
from protocol.files import atomic_write

log = logging.getLogger("loa.playout")

RELAY_MARGIN_S = 0.1  # relays switch on the tick: plan them this much early
LOOP_STOP_FADE_S = 0.5
OUTPUT_GRACE_S = 2.0  # after start, before a silent callback counts as dead
OUTPUT_RESTART_S = 5.0
BUNDLE_CHECK_S = 0.1  # one stat() of active.json: a new bundle (an emergency) is seen at once
CONTROL_CHECK_S = 0.25
STATUS_EVERY_S = 2.0
REPLAN_EVERY_S = 600.0
CLOCK_STEP_S = 0.5  # a wall-vs-monotonic change larger than this is a clock step
UNTRUSTED_REMIND_S = 600.0
RELAY_ERROR_REPEAT_S = 60.0  # a relay step failing on every tick is logged again this often
ASRUN_RETRY_S = 1.0  # entries the log refused (a full SD card) are tried again this often
ASRUN_KEEP = 10_000  # ...and at most this many are kept in memory meanwhile
MAX_LOOKBACK_S = 7 * 86400.0  # how far back a plan may look for slots to log as missed
LOOP_FILE = "loop.json"  # in state_dir: the loop's on/off, so a power cut does not end it


class Notifier(Protocol):
    def notify(self, state: str) -> Any: ...


class SourceOpener(Protocol):
    """Opens a broadcast's audio for the card (`playout.wiring.open_source` resamples)."""

    def __call__(self, path: Path, *, sha256: str, sample_rate: int) -> Any: ...


@dataclass(frozen=True)
class BroadcastResult:
    """What `after_broadcast` receives when a broadcast that started has ended."""

    key: str
    token: Hashable  # the output token (SimAudioOutput.write_wav(token=...))
    item_id: str
    title: str
    kind: str
    outcome: str  # finished | faded | failed
    wall_start: datetime
    frames_played: int
    sample_rate: int


@dataclass
class _Bcast:
    cand: Candidate
    attempt: int
    token: tuple[str, int]
    handle: PlaybackHandle
    at: float
    deadline: float | None
    duration_s: float
    sched_wall: datetime
    fields: dict[str, Any]
    started: bool = False
    actual_start: float | None = None
    expected_end: float = 0.0
    cancelling: bool = False
    stop_reason: tuple[str, str] | None = None
    stop_final: bool = True
    relay_source: Any = None  # a relay window's RelaySource (its stats go to the as-run)
    zones_heard: set[str] = field(default_factory=set)  # zones live with the amplifier on
    zones_at_start: frozenset[str] = frozenset()  # ...of them, those live at the first sample


def _us(t: datetime) -> int:
    return round(t.timestamp() * 1_000_000)


class Daemon:
    def __init__(
        self,
        config: UnitConfig,
        *,
        clock: Clock,
        output: AudioOutput,
        asrun: AsRunLog,
        open_source: SourceOpener,
        relays: Relays | None = None,
        gps: Gps | None = None,
        loop_switch: Any = None,
        store: BundleStore | None = None,
        notifier: Notifier | None = None,
        after_broadcast: Callable[[BroadcastResult], None] | None = None,
        inbox_thread: bool = False,
        owned: Sequence[Callable[[], None]] = (),
    ) -> None:
        self.config = config
        self.clock = clock
        self.output = output
        self.asrun = asrun
        self._open_source = open_source
        self.relays = relays
        self.gps = gps
        self.loop_switch = loop_switch
        self.store = store or BundleStore(
            config.state_dir,
            trusted_keys=config.load_trusted_keys(),
            unit_id=config.unit_id,
            unit_areas=config.areas,
            clock=clock,
        )
        self.inbox = Inbox(self.store, config.inbox.watch) if config.inbox.watch else None
        self.notifier = notifier
        self.after_broadcast = after_broadcast
        self._inbox_thread_wanted = inbox_thread
        pc, rc = config.playout, config.relays
        self.policy = Policy(
            arm_ahead_s=pc.arm_ahead_s,
            warm_up_s=rc.warm_up_s + RELAY_MARGIN_S,
            zone_settle_s=rc.zone_settle_s,
            fade_s=pc.emergency_fade_ms / 1000.0,
            late_start_max_s=pc.late_start_max_s,
            retry_count=pc.retry_count,
            retry_within_s=pc.retry_within_s,
            on_demand_when_untrusted=config.clock.on_demand_when_untrusted,
        )
        # planned with a margin so that a step applied on the next tick still honours warm-up
        self.timing = RelayTiming(
            warm_up_s=rc.warm_up_s + RELAY_MARGIN_S,
            tail_s=rc.tail_s,
            hold_s=rc.hold_s,
            zone_settle_s=rc.zone_settle_s,
        )
        self._closers: list[Callable[[], None]] = list(owned)  # parts built for this daemon
        self._events: deque[tuple[str, PlaybackHandle, float, int, str | None]] = deque()
        self._switch_events: deque[bool] = deque()
        self._stop_evt = threading.Event()
        self._running = False
        self._lock = threading.RLock()  # tick vs. set_loop from other threads
        # bundle and plan
        self.bundle: ActiveBundle | None = None
        self._marker: Any = None
        self._loaded: ActiveBundle | None = None  # handed over by the background loader
        self._loader: threading.Thread | None = None
        self._items: dict[str, core.ItemMeta] = {}
        self._candidates: list[Candidate] = []
        self._schedule: Any = None
        self._loop_items: list[core.ItemMeta] = []
        self._loop_gap = 0.0
        self._plan_offset: float | None = None  # wall - monotonic when planned
        self._plan_wall: datetime | None = None
        self._plan_trusted = False  # the clock was trusted when the plan was made
        # wall seconds, beyond missed_lookback_s, whose slots the next plan must still account
        # for: a forward step of a trusted clock, or a time spent unsynchronised
        self._unseen_s = 0.0
        self._untrusted_since: float | None = None  # monotonic
        # when the previous run last said it was alive, and the bundle it held (status.json):
        # the slots of that bundle since then fell due while the unit was off (_down_time)
        self._down_since: tuple[datetime, int] | None = None
        # playout state
        self.history: dict[str, KeyState] = {}
        self._relay_resumes: list[Candidate] = []  # relay windows left to play after an emergency
        # relay windows (their keys) a restart cut: they play on to their end once planned
        self._relay_interrupted: set[str] = set()
        self._active: dict[tuple[str, int], _Bcast] = {}
        self._ended: list[Broadcast] = []
        self._amp_off_at: float | None = None
        self._amp_on_at: float | None = None  # None: on since before we know (counts as warm)
        # a relay step failing tick after tick: (action, first failure, last log, failures)
        self._relay_failing: tuple[str, float, float, int] | None = None
        self._zones = tuple(sorted(getattr(relays, "zone_ids", ()) or ()))
        # zone relays that could not close while the others did: {zone: error}. Not tried again
        # until the amplifier has gone off (the next broadcast's zone step tries them): zones
        # switch only in silence
        self._zones_stuck: dict[str, str] = {}
        # loop
        self.loop_on = False
        self.loop_source = ""
        self._loop_session = ""
        self._loop_n = 0
        self._loop_index = 0
        self._loop_ready_at = 0.0
        self._loop_session_wall: datetime | None = None
        self._loop_warned = False
        # health, timers
        self.trust = core.Trust(False, "none", "not checked yet", "chưa kiểm tra")
        self._untrusted_logged_at: float | None = None
        self._output_started_at = 0.0
        self._output_restart_at = -1e18
        self._next_bundle_check = 0.0
        self._next_held_check = 0.0
        self._held_thread: threading.Thread | None = None
        self._next_control = 0.0
        self._next_status = 0.0
        self._last_watchdog = -1e18
        self._ready_sent = False
        self.last_error: str | None = None
        # as-run entries the log refused (disk full), oldest first, with when they happened
        self._unwritten: deque[tuple[str, dict[str, Any]]] = deque(maxlen=ASRUN_KEEP)
        self._next_asrun_retry = 0.0
        self._asrun_warned_at: float | None = None
        self._inbox_thread: threading.Thread | None = None
        # issued emergencies (the store's overlay): see the "emergency bundles" section
        self._em_runs: dict[str, core.EmergencyRun] = {}
        self._em_bundles: dict[str, ActiveBundle] = {}  # by emergency id, verified
        self._em_marker: Any = None
        self._em_entries: list[dict[str, Any]] = []  # the overlay as last read (for status)
        self._next_em_expiry = 0.0
        self._doorbell: Doorbell | None = None  # run()'s; None when ticked by hand

    # ================================================================== lifecycle
    def start(self) -> None:
        """Bring the parts up in order: relays off, sound output, crash recovery, bundle, plan,
        loop switch, first tick, then READY=1."""
        self._relays_off()
        self.output.add_listener(self)
        self.output.start()
        self._output_started_at = self.output.clock()
        self._running = True
        self._down_since = previous_run_end(control.read_status(self.config.state_dir))
        self._recover()
        self._check_bundle(force=True)
        for cmd in control.take_commands(self.config.state_dir):
            self._apply_command(cmd)
        if self.loop_switch is not None:
            self.loop_switch.set_on_change(self._switch_events.append)
            if self.loop_switch.is_on:
                self.set_loop(True, "switch")
        self._resume_loop()
        if self.inbox is not None and self._inbox_thread_wanted:
            self._inbox_thread = threading.Thread(
                target=self._inbox_loop, name="loa-inbox", daemon=True
            )
            self._inbox_thread.start()
        self.tick()
        self._notify("READY=1")
        self._ready_sent = True
        log.info("máy %s đang chạy / unit %s running", self.config.unit_id, self.config.unit_id)

    def stop(self) -> None:
        """Take the parts down in reverse: inbox, switch, output (what plays is logged as
        failed: stopped), relays off — always, even when an earlier step raised."""
        self._stop_evt.set()
        self._running = False
        try:
            if self._inbox_thread is not None:
                self._inbox_thread.join(timeout=10)
                self._inbox_thread = None
            if self.loop_switch is not None:
                _quietly(lambda: self.loop_switch.set_on_change(None))
            try:
                self.output.stop()
            finally:
                self._drain_events(shutdown=True)
        finally:
            try:
                self._relays_off()
            finally:
                if self._unwritten:
                    _quietly(self._write_unwritten)
                for kind, fields in self._unwritten:  # the journal keeps what the disk could not
                    log.error("as-run entry not written / chưa ghi: %s %s", kind, fields)
                _quietly(lambda: self._write_status(state="stopped"))
                self._notify("STOPPING=1")
                for close in reversed(self._closers):
                    _quietly(close)
                self._closers = []

    def run(self, stop_event: threading.Event | None = None) -> None:
        """start(), tick until `stop_event` (or request_stop()), then stop() in `finally`.

        Between ticks the loop waits on the doorbell (`playout.doorbell`) when it can listen:
        the sync client's process rings it after storing an emergency or a bundle, `loa unit`
        after writing a command, and the next tick comes at once and looks at them. Without
        it (another daemon listens, or not Linux) the loop sleeps the period as before; an
        external `stop_event` is then seen within one period."""
        evt = stop_event or self._stop_evt
        bell = self._doorbell = Doorbell(self.config.state_dir)
        bell.listen()
        try:
            self.start()
            while not self._stop_evt.is_set():
                if bell.listening:
                    if bell.wait(self._period()):
                        self._next_bundle_check = self._next_control = 0.0
                    if evt.is_set():
                        break
                elif evt.wait(self._period()):
                    break
                if self._stop_evt.is_set():
                    break
                try:
                    self.tick()
                except (PlayoutError, HardwareError, OSError) as exc:
                    # keep the unit on air: log, remember, carry on next tick
                    self.last_error = str(exc)
                    log.exception("tick failed: %s", exc)
        finally:
            try:
                self.stop()
            finally:
                bell.close()

    def _period(self) -> float:
        """The fast tick while anything is armed, playing, switching or due within the arming
        lead (plus one idle tick); the idle tick otherwise, so an idle unit costs next to no CPU.
        Arming happens `policy.lead_s` ahead, so nothing due is ever armed late by idling."""
        pc = self.config.playout
        with self._lock:
            if (
                self._active
                or self.loop_on
                or self._events
                or self._switch_events
                or self._relays_held()
                or self._loaded is not None
                or (self._loader is not None and self._loader.is_alive())
            ):
                return pc.tick_s
            horizon = self.policy.lead_s + 2 * pc.idle_tick_s + 1.0
            wall = self.clock.wall()
            if self._emergency_pending(wall, horizon):
                return pc.tick_s
            for c in self._candidates:
                st = self.history.get(c.key)
                if st is not None and st.done:
                    continue
                if c.start is None or (c.start - wall).total_seconds() <= horizon:
                    return pc.tick_s
        return pc.idle_tick_s

    def _relays_held(self) -> bool:
        """The amplifier relay is on (warming, playing, tail or hold): relay steps are due."""
        if self.relays is None:
            return False  # no relays (amplifier always powered): nothing to switch
        amp, _ = self._relay_state()
        return bool(amp)

    def request_stop(self) -> None:
        self._stop_evt.set()
        ring(self.config.state_dir)  # a loop waiting on its doorbell ends the wait now

    # ================================================================== the tick
    def tick(self) -> None:
        """One round: events → health → commands → bundle → trust → plan → decide → relays →
        watchdog → status. Never sleeps."""
        with self._lock:
            self._drain_events()
            now = self.output.clock()
            wall = self.clock.wall()
            if self._unwritten and now >= self._next_asrun_retry:
                self._next_asrun_retry = now + ASRUN_RETRY_S
                self._write_unwritten()
            self._check_output(now)
            while self._switch_events:
                self.set_loop(self._switch_events.popleft(), "switch")
            if now >= self._next_control:
                self._next_control = now + CONTROL_CHECK_S
                for cmd in control.take_commands(self.config.state_dir):
                    self._apply_command(cmd)
            if now >= self._next_bundle_check:
                self._next_bundle_check = now + BUNDLE_CHECK_S
                self._check_bundle()
                self._check_emergencies(now, wall)
            fix = self.gps.fix() if self.gps is not None else None
            self._update_trust(now, wall, fix)
            if self.trust.trusted and now >= self._next_held_check:
                self._next_held_check = now + BUNDLE_CHECK_S
                self._activate_held(wall)
            self._maybe_replan(now, wall)
            self._decide_and_apply(now, wall)
            self._drive_relays(self.output.clock())
            # the watchdog restarts a unit whose output hangs, not one whose output is
            # reopening by itself (a restarted JACK server, a re-plugged card)
            healthy = self.output.is_alive() or getattr(self.output, "reopening", False)
            if healthy and now - self._last_watchdog >= 1.0:
                self._last_watchdog = now
                self._notify("WATCHDOG=1")
            if now >= self._next_status:
                self._next_status = now + STATUS_EVERY_S
                _quietly(self._write_status)

    # ------------------------------------------------------------------ listener (any thread)
    def on_started(self, handle: PlaybackHandle, actual_start: float, first_frame: int) -> None:
        self._events.append(("started", handle, actual_start, first_frame, None))

    def on_finished(self, handle: PlaybackHandle, frames_played: int) -> None:
        self._events.append(("finished", handle, 0.0, frames_played, None))

    def on_failed(self, handle: PlaybackHandle, reason: str) -> None:
        self._events.append(("failed", handle, 0.0, handle.frames_played, reason))

    # ------------------------------------------------------------------ events → as-run
    def _drain_events(self, *, shutdown: bool = False) -> None:
        while self._events:
            kind, handle, t, _n, reason = self._events.popleft()
            # A Hashable to the Output; the daemon arms only its own (key, n) tuple tokens.
            b = self._active.get(handle.token)  # type: ignore[call-overload]
            if b is None or b.handle is not handle:
                continue
            if kind == "started":
                self._on_started(b, t)
            elif kind == "finished":
                self._on_ended(b, handle, None)
            else:
                why = (
                    "stopped: the daemon is shutting down"
                    if shutdown and reason == "output stopped"
                    else (reason or "failed")
                )
                self._on_ended(b, handle, why)

    def _wall_at(self, t: float) -> datetime:
        return self.clock.wall() + timedelta(seconds=t - self.output.clock())

    def _context(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        relays = self.relays
        if relays is not None:
            _quietly(lambda: out.update(relay_states=dict(relays.states())))
        fix = self.gps.fix() if self.gps is not None else None
        if fix is not None:
            out["gps"] = fix.as_dict()
        return out

    def _log(self, kind: str, fields: Mapping[str, Any]) -> None:
        if self._unwritten:  # keep the order: what waits goes first
            self._write_unwritten()
        if not self._unwritten:
            try:
                self.asrun.append(kind, **fields)
                return
            except AsRunError as exc:  # an entry the log refuses for itself: never retried
                self.last_error = f"as-run log: {exc}"
                log.exception("as-run entry %s refused: %s", kind, exc)
                return
            except Exception as exc:  # the log must never take the unit off air
                self._asrun_failed(exc, len(self._unwritten) + 1)
        # kept in memory, with when it happened, and written as soon as the log takes entries
        if len(self._unwritten) == self._unwritten.maxlen:
            log.error("as-run entry dropped (memory queue full): %s", self._unwritten[0])
        self._unwritten.append((kind, {**fields, "happened_us": _us(self.clock.wall())}))

    def _asrun_failed(self, exc: Exception, waiting: int) -> None:
        self.last_error = (
            f"as-run log: cannot write ({exc}); {waiting} entries kept in memory until it can"
        )
        now = self.output.clock()
        if self._asrun_warned_at is not None and now - self._asrun_warned_at < 60.0:
            return  # retried every second: said once a minute, not each time
        self._asrun_warned_at = now
        log.error(
            "không ghi được nhật ký phát (%s): %d mục giữ trong bộ nhớ / cannot write the as-run "
            "log; %d entries kept in memory, retried every %.0f s",
            exc,
            waiting,
            waiting,
            ASRUN_RETRY_S,
        )

    def _write_unwritten(self) -> None:
        """Write the entries the log refused, oldest first; stop at the first refusal."""
        while self._unwritten:
            kind, fields = self._unwritten[0]
            try:
                self.asrun.append(kind, **fields)
            except AsRunError as exc:
                log.error("as-run entry %s refused, dropped: %s", kind, exc)
            except Exception as exc:
                self._asrun_failed(exc, len(self._unwritten))
                return
            self._unwritten.popleft()
        self._asrun_warned_at = None
        log.warning("nhật ký phát ghi lại được / the as-run log takes entries again")
        if self.last_error and self.last_error.startswith("as-run log: cannot write"):
            self.last_error = None

    def _on_started(self, b: _Bcast, t: float) -> None:
        b.started = True
        b.actual_start = t
        b.expected_end = t + b.duration_s
        self.history.setdefault(b.cand.key, KeyState()).done = True
        self._note_heard()
        b.zones_at_start = frozenset(b.zones_heard)
        self._log(
            "started",
            {
                **b.fields,
                "actual_start_us": _us(self._wall_at(t)),
                "late_us": round((t - b.at) * 1e6),
                **self._context(),
            },
        )
        self._emergency_started(b, t)

    def _on_ended(self, b: _Bcast, handle: PlaybackHandle, failure: str | None) -> None:
        del self._active[b.token]
        sr = handle.sample_rate
        played_us = round(handle.frames_played / sr * 1e6)
        end = (b.actual_start or 0.0) + handle.frames_played / sr
        if b.started:
            self._ended.append(
                Broadcast(b.actual_start or end, max(end, b.actual_start or end), self._zones)
            )
            later = any(o.cand.kind is Kind.LOOP for o in self._active.values())
            if b.cand.kind is Kind.LOOP and not later:  # else the next pass is already armed
                self._loop_ready_at = end + self._loop_gap
        fields = {
            **b.fields,
            "frames_played": handle.frames_played,
            "duration_played_us": played_us,
            "xruns": getattr(handle, "xruns", 0),
            **self._context(),
        }
        state = handle.state
        failure = self._relay_ended(b, fields, failure, handle)
        zone_note = self._zones_missed(b, fields)
        if zone_note is not None and not b.zones_heard and failure is None:
            if state in (PlaybackState.FINISHED, PlaybackState.FADED):
                # played into silence: no zone relay closed, so the amplifier stayed off
                failure, fields["reason_vi"] = zone_note
            zone_note = None
        if failure is not None or state is PlaybackState.FAILED:
            reason = failure or handle.reason or "failed"
            self._log("failed", {**fields, "reason": reason})
            st = self.history.setdefault(b.cand.key, KeyState())
            st.failures += 1
            st.failed_at = self.output.clock()
            # a failed broadcast may be retried by the policy; a loop pass just moves on
            st.done = b.cand.kind is Kind.LOOP or not self._running
            self.last_error = f"{b.cand.item.id}: {reason}"
            log.error("%s phát lỗi / broadcast %s failed: %s", b.cand.key, b.cand.key, reason)
            outcome = "failed"
            if b.started:
                self._emergency_confirm(b.cand.key, "failed", self._wall_at(end), reason)
        elif state is PlaybackState.CANCELLED:
            if b.stop_final and b.stop_reason is not None:
                self._log(
                    "skipped", {**fields, "reason": b.stop_reason[0], "reason_vi": b.stop_reason[1]}
                )
                self.history.setdefault(b.cand.key, KeyState()).done = True
            return
        elif state is PlaybackState.FADED:
            en, vi = b.stop_reason or ("stopped", "đã dừng")
            if zone_note is not None:
                en, vi = f"{en}; {zone_note[0]}", f"{vi}; {zone_note[1]}"
            self._log("finished", {**fields, "outcome": "faded", "reason": en, "reason_vi": vi})
            outcome = "faded"
            self._emergency_confirm(b.cand.key, "faded", self._wall_at(end), en)
        else:
            if zone_note is not None:
                fields["reason"], fields["reason_vi"] = zone_note
            self._log("finished", {**fields, "outcome": "finished"})
            outcome = "finished"
            self._emergency_confirm(b.cand.key, "finished", self._wall_at(end))
        after_broadcast = self.after_broadcast
        if b.started and after_broadcast is not None:
            result = BroadcastResult(
                b.cand.key,
                b.token,
                b.cand.item.id,
                b.cand.item.title,
                b.cand.kind.value,
                outcome,
                self._wall_at(b.actual_start or end),
                handle.frames_played,
                sr,
            )
            _quietly(lambda: after_broadcast(result))

    # ------------------------------------------------------------------ crash recovery
    def _recover(self) -> None:
        """A `started` with no end (power cut, crash) gets its `failed` entry; everything
        started before is never played again (history)."""
        pairs = [(e.kind, e.fields) for e in self.asrun.entries()]
        for fields in core.interrupted(pairs):
            keep = {
                k: v
                for k, v in fields.items()
                if k not in ("relay_states", "gps", "late_us", "actual_start_us")
            }
            self._log(
                "failed",
                {
                    **keep,
                    "reason": "interrupted: restart",
                    "reason_vi": "bị gián đoạn: máy khởi động lại",
                    "interrupted_start_us": fields.get("actual_start_us"),
                },
            )
            log.warning(
                "%s bị gián đoạn do khởi động lại / broadcast %s was interrupted by a restart",
                fields.get("token"),
                fields.get("token"),
            )
            token = fields.get("token")
            if isinstance(token, str) and token.startswith("relay:"):
                self._relay_interrupted.add(token.split("~", 1)[0])
        self.history = core.history_from_asrun(pairs)

    # ------------------------------------------------------------------ output health
    def _check_output(self, now: float) -> None:
        if self.output.is_alive() or now - self._output_started_at < OUTPUT_GRACE_S:
            return
        if getattr(self.output, "reopening", False):
            return  # it reopens its device itself, with a logged backoff (SounddeviceOutput)
        if now - self._output_restart_at < OUTPUT_RESTART_S:
            return
        self._output_restart_at = now
        self.last_error = "the sound output stopped: restarting it"
        log.error("sound output not running: restarting / đầu ra âm thanh ngừng: khởi động lại")
        try:
            self.output.stop()
            self._drain_events()
            self.output.start()
            self._output_started_at = self.output.clock()
        except HardwareError as exc:
            self.last_error = f"cannot restart the sound output: {exc}"
            log.error("cannot restart the sound output: %s", exc)

    # ------------------------------------------------------------------ bundle and plan
    def _check_bundle(self, *, force: bool = False) -> None:
        pending, self._loaded = self._loaded, None
        if pending is not None:
            self._use_bundle(pending)
        marker = self.store.active_marker()
        if not force and marker == self._marker:
            return
        self._marker = marker
        if self._inbox_thread_wanted and not force:
            # verifying a big bundle (hashing all its audio) must not hold up the tick:
            # relays and as-run entries keep their timing while it runs
            if self._loader is None or not self._loader.is_alive():
                self._loader = threading.Thread(
                    target=self._load_in_background, name="loa-bundle-load", daemon=True
                )
                self._loader.start()
            else:
                self._marker = None  # look again once the running load is done
            return
        self._use_bundle(self._load())

    def _activate_held(self, wall: datetime) -> None:
        """A bundle imported while the clock was not trusted was held, not activated: now that
        the clock is trusted, the store checks it again and activates it if still valid (the
        bundle check then loads it). That hashes the bundle: off the tick, like the loader."""
        if not self.store.held_file.exists():
            return
        if not self._inbox_thread_wanted:
            self.store.activate_held(now=wall, clock_trusted=True)
        elif self._held_thread is None or not self._held_thread.is_alive():
            self._held_thread = threading.Thread(
                target=self.store.activate_held,
                kwargs={"now": wall, "clock_trusted": True},
                name="loa-held-bundle",
                daemon=True,
            )
            self._held_thread.start()

    def _load(self) -> ActiveBundle | None:
        try:
            return self.store.load_active()
        except NoActiveBundle as exc:
            self.last_error = exc.reason
            log.error(
                "no playable bundle / không có gói để phát: %s / %s", exc.reason_vi, exc.reason
            )
            return None

    def _load_in_background(self) -> None:
        bundle = self._load()
        if bundle is not None:
            self._loaded = bundle

    def _use_bundle(self, bundle: ActiveBundle | None) -> None:
        if bundle is None:
            return
        if self.bundle is not None and bundle.manifest == self.bundle.manifest:
            return
        self.bundle = bundle
        self._items = core.items_meta(bundle.manifest)
        self._plan_wall = None  # replan on this tick
        log.info(
            "bundle %s sequence %d loaded (%d items)",
            bundle.bundle_id,
            bundle.sequence,
            len(self._items),
        )

    def _down_time(self, wall: datetime) -> None:
        """The first plan with a trusted clock after a start looks back over the time the unit
        was off (a power cut of days, a unit left unplugged): each slot of the bundle it held
        then that fell due meanwhile is logged missed, not only those within
        missed_lookback_s. Not when another bundle came in at start (its slots were not this
        unit's to play then); slots in the as-run history are done and never logged twice."""
        if self._down_since is None or not self.trust.trusted or self.bundle is None:
            return
        since, sequence = self._down_since
        self._down_since = None
        if sequence != self.bundle.sequence:
            return
        off_s = (wall - since).total_seconds()
        if off_s > 0:
            log.info("máy tắt %.0f s / unit was off for %.0f s", off_s, off_s)
            self._unseen_s = max(self._unseen_s, off_s)

    def _maybe_replan(self, now: float, wall: datetime) -> None:
        if self.bundle is None:
            return
        offset = wall.timestamp() - now
        stepped = self._plan_offset is not None and abs(offset - self._plan_offset) > CLOCK_STEP_S
        stale = (
            self._plan_wall is None
            or abs((wall - self._plan_wall).total_seconds()) > REPLAN_EVERY_S
        )
        if not (stepped or stale):
            return
        if stepped:
            step = offset - (self._plan_offset or offset)
            log.warning("wall clock stepped by %+.3f s: deadlines recomputed / đồng hồ nhảy", step)
            if step > 0 and self._plan_trusted:
                # the slots it jumped over were never reached: logged as missed below
                self._unseen_s = max(self._unseen_s, step)
        self._down_time(wall)
        pc = self.config.playout
        lookback = min(MAX_LOOKBACK_S, pc.missed_lookback_s + self._unseen_s)
        cands, schedule, warnings = core.build_candidates(
            self.bundle.manifest,
            self._items,
            wall=wall,
            horizon_s=pc.horizon_hours * 3600,
            lookback_s=lookback,
        )
        if self.trust.trusted:
            # this plan holds them; the decisions on this tick log them as missed (done)
            self._unseen_s = 0.0
        for en, vi in warnings:
            log.error("%s / %s", vi, en)
            self.last_error = en
        cands = cands + self._relay_resume_list(wall)
        if self._relay_interrupted:
            cands = cands + self._resume_interrupted_relays(cands, wall)
        keys = {c.key for c in cands}
        # armed broadcasts the new plan no longer has are withdrawn
        for b in list(self._active.values()):
            if not b.started and b.cand.kind is not Kind.LOOP and b.cand.key not in keys:
                self._stop(
                    b,
                    0.0,
                    (
                        "no longer in the plan of the active bundle",
                        "không còn trong lịch của gói đang dùng",
                    ),
                    final=True,
                )
        self._candidates = cands
        self._schedule = schedule
        self._loop_items, gap = core.loop_items(schedule, self._items)
        self._loop_gap = self.config.loop.gap_s if self.config.loop.gap_s is not None else gap
        self._plan_offset = offset
        self._plan_wall = wall
        self._plan_trusted = self.trust.trusted

    # ------------------------------------------------------------------ trust
    def _update_trust(self, now: float, wall: datetime, fix: Any) -> None:
        trust = core.clock_trust(
            self.config.clock.trust,
            synced=self.clock.is_trusted(),
            wall=wall,
            gps=fix,
            tolerance_s=self.config.clock.gps_tolerance_s,
        )
        if not trust.trusted and self._untrusted_since is None:
            self._untrusted_since = now
        elif trust.trusted and self._untrusted_since is not None:
            # what fell due while the unit ran unsynchronised (whatever its wall clock said
            # then, e.g. the time fake-hwclock saved) is looked back over on the next plan
            self._unseen_s = max(self._unseen_s, now - self._untrusted_since)
            self._untrusted_since = None
            self._plan_wall = None  # replan on this tick
        if trust.trusted != self.trust.trusted:
            if trust.trusted:
                log.info("clock trusted again (%s) / đồng hồ tin cậy trở lại", trust.reason)
                self._untrusted_logged_at = None
            else:
                log.warning("%s / %s", trust.reason_vi, trust.reason)
                self._untrusted_logged_at = now
        elif not trust.trusted and (
            self._untrusted_logged_at is None
            or now - self._untrusted_logged_at > UNTRUSTED_REMIND_S
        ):
            log.warning("%s / %s", trust.reason_vi, trust.reason)
            self._untrusted_logged_at = now
        self.trust = trust

    # ------------------------------------------------------------------ loop
    def set_loop(self, on: bool, source: str = "cli", *, since: datetime | None = None) -> None:
        """Start or stop the loop (switch, `loa unit loop start|stop`, the demo). The state is
        kept in state_dir (LOOP_FILE): a loop a power cut ended resumes at the next start."""
        with self._lock:
            if on == self.loop_on:
                self.loop_source = source
                return
            self.loop_on = on
            self.loop_source = source
            if on:
                self._loop_session = uuid.uuid4().hex[:8]
                self._loop_n = self._loop_index = 0
                self._loop_ready_at = 0.0
                self._loop_session_wall = since or self.clock.wall()
                self._loop_warned = False
                log.info("bắt đầu phát lặp / loop started (%s)", source)
            self._save_loop()
            if on:
                return
            for b in list(self._active.values()):
                if b.cand.kind is Kind.LOOP:
                    self._stop(
                        b,
                        LOOP_STOP_FADE_S if b.started else 0.0,
                        ("loop stopped", "dừng phát lặp"),
                        final=True,
                    )
            log.info("dừng phát lặp / loop stopped (%s)", source)

    def _save_loop(self) -> None:
        wall = self._loop_session_wall
        data = {
            "v": 1,
            "on": self.loop_on,
            "source": self.loop_source,
            "since": wall.isoformat() if self.loop_on and wall is not None else None,
        }
        try:
            atomic_write(self.config.state_dir / LOOP_FILE, json.dumps(data).encode() + b"\n")
        except OSError as exc:  # a full card: the loop still runs, it just may not resume
            log.warning("cannot save the loop state / không lưu được trạng thái phát lặp: %s", exc)

    def _resume_loop(self) -> None:
        """A loop that was on when the unit went down (a power cut on a mobile rig: the engine
        cranking) is on again, in the same session (its cap counts from the first start). One
        the switch started follows the switch alone: flipped off meanwhile, it stays off."""
        if self.loop_on:
            return
        try:
            saved = json.loads((self.config.state_dir / LOOP_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(saved, dict) or saved.get("on") is not True:
            return
        if saved.get("source") == "switch" and self.loop_switch is not None:
            self._save_loop()  # the switch is off now: so is the loop
            return
        since = None
        with contextlib.suppress(TypeError, ValueError):
            since = datetime.fromisoformat(saved["since"])
        if since is not None and since.tzinfo is None:
            since = None
        log.warning("phát lặp tiếp sau khi khởi động lại / the loop resumes after a restart")
        self.set_loop(True, "resume", since=since)

    def _loop_next(self, now: float, wall: datetime) -> Candidate | None:
        if not self.loop_on or self.bundle is None:
            return None
        if not self._loop_items:
            if not self._loop_warned:
                self._loop_warned = True
                log.warning(
                    "gói không có bản tin phát lặp / the loop is on but the bundle has no loop items"
                )
            return None
        item = self._loop_items[self._loop_index % len(self._loop_items)]
        if self.trust.trusted and self._schedule is not None and self._loop_session_wall:
            start = wall + timedelta(seconds=max(0.0, self._loop_ready_at - now))
            why = core.loop_block_reason(
                self._schedule.policy,
                start=start,
                end=start + timedelta(seconds=item.duration_s),
                session_start=self._loop_session_wall,
            )
            if why is not None:
                log.warning("%s / %s", why[1], why[0])
                self.set_loop(False, "policy")
                return None
        return Candidate(core.loop_key(self._loop_session, self._loop_n), item, Kind.LOOP)

    def _apply_command(self, cmd: control.Command) -> None:
        if cmd.cmd == "loop":
            self.set_loop(bool(cmd.args.get("on")), "command")

    # ------------------------------------------------------------------ decide and act
    def _actives(self) -> list[Active]:
        return [
            Active(
                b.cand.key,
                b.cand.kind,
                b.cand.rank,
                b.actual_start or b.at,
                b.expected_end,
                b.started,
                b.deadline,
                b.cancelling,
            )
            for b in self._active.values()
        ]

    def _amp_on(self) -> bool:
        if self.relays is None:
            return True
        try:
            return bool(self.relays.states().get("amplifier", False))
        except Exception:
            return False

    def _decide_and_apply(self, now: float, wall: datetime) -> None:
        self._cut_emergencies(wall)
        cands: list[Candidate] = self._emergency_candidates(wall)
        if self.bundle is not None:
            # only what may be armed soon (or cut a loop pass): keeps a long plan cheap per tick
            longest = max((i.duration_s for i in self._loop_items), default=0.0)
            limit = wall + timedelta(seconds=self.policy.lead_s + longest + 60.0)
            on_air = {b.cand.key for b in self._active.values()}  # a clock step may move them
            cands += [
                c
                for c in self._candidates
                if c.start is None or c.start <= limit or c.key in on_air
            ]
        sit = Situation(
            now=now,
            wall=wall,
            trusted=self.trust.trusted,
            amp_ready_at=core.amp_ready_at(
                now, amp_on=self._amp_on(), timing=self.timing, on_since=self._amp_on_at
            ),
            bundle_expires_at=self.bundle.manifest.expires_at if self.bundle else None,
            loop_next=self._loop_next(now, wall),
            loop_ready_at=self._loop_ready_at,
        )
        d = core.decide(
            sit, candidates=cands, history=self.history, active=self._actives(), policy=self.policy
        )
        by_key = {b.cand.key: b for b in self._active.values() if not b.cancelling}
        for s in d.stops:
            b = by_key.get(s.key)
            if b is not None:
                self._stop(b, s.fade_s, (s.reason, s.reason_vi), final=s.final)
        for sk in d.skips:
            self._skip(sk)
        for key in d.give_up:
            self.history.setdefault(key, KeyState()).done = True
            log.warning("%s: không phát lại / not retried (retry policy)", key)
        for arm in d.arms:
            self._arm(arm, now, wall)

    def _base_fields(self, c: Candidate, attempt: int, sched_wall: datetime) -> dict[str, Any]:
        bundle = self._bundle_of(c)
        return {
            **self._emergency_fields(c),
            "item": c.item.id,
            "title": c.item.title,
            "audio_sha256": c.item.audio_sha256,
            "approval_id": c.item.approval_id,
            "bundle_seq": bundle.sequence,
            "bundle_id": bundle.bundle_id,
            "token": c.key,
            "attempt": attempt,
            "broadcast_kind": c.kind.value,
            "priority": c.item.priority.value,
            "scheduled_start_us": _us(sched_wall),
            **self._relay_fields(c),
        }

    def _skip(self, sk: core.Skip) -> None:
        c = sk.candidate
        if c.kind is Kind.LOOP:
            self._loop_index += 1
            self._loop_n += 1
        self.history.setdefault(c.key, KeyState()).done = True
        sched = c.start or self.clock.wall()
        self._emergency_confirm(c.key, "failed", self.clock.wall(), sk.reason)
        self._log(
            "skipped",
            {
                **self._base_fields(c, 0, sched),
                "reason": sk.reason,
                "reason_vi": sk.reason_vi,
                **self._context(),
            },
        )
        log.info("bỏ qua %s / skipped: %s", c.key, sk.reason)

    def _arm(self, arm: core.Arm, now: float, wall: datetime) -> None:
        c = arm.candidate
        bundle = self._bundle_of(c)
        if c.kind is Kind.LOOP:
            self._loop_index += 1
            self._loop_n += 1
        fields = self._base_fields(c, arm.attempt, arm.scheduled_wall)
        token = (c.key, arm.attempt)
        if c.relay is not None:
            self._arm_relay(arm, now, wall, fields, token)
            return
        try:
            source = self._open_source(
                bundle.audio_path(c.item.audio_sha256),
                sha256=c.item.audio_sha256,
                sample_rate=self.output.sample_rate,
            )
        except (HardwareError, OSError, ValueError) as exc:
            self._arm_failed(c, fields, now, exc)
            return
        try:
            handle = self.output.schedule(source, arm.at, token=token)
        except NoFreeVoice as exc:
            # every slot of the card holds a broadcast armed earlier: not this one's fault —
            # it is armed on a later tick when one frees (or skipped as missed past its slot)
            _quietly(source.close)
            if c.kind is Kind.LOOP:
                self._loop_index -= 1
                self._loop_n -= 1
            log.debug("%s: waiting for a free playback slot (%s)", c.key, exc)
            return
        except (HardwareError, OSError, ValueError) as exc:
            _quietly(source.close)
            self._arm_failed(c, fields, now, exc)
            return
        duration = source.duration_s
        if c.kind is Kind.LOOP:  # the next pass waits for this one and the gap
            self._loop_ready_at = arm.at + duration + self._loop_gap
        self._active[token] = _Bcast(
            c,
            arm.attempt,
            token,
            handle,
            arm.at,
            arm.deadline,
            duration,
            arm.scheduled_wall,
            fields,
            expected_end=arm.at + duration,
        )
        armed_wall = wall + timedelta(seconds=arm.at - now)
        self._log("armed", {**fields, "armed_for_us": _us(armed_wall), **self._context()})

    def _arm_failed(self, c: Candidate, fields: dict[str, Any], now: float, exc: Exception) -> None:
        reason = f"cannot arm: {exc}"
        why_vi = getattr(exc, "reason_vi", None)  # a HardwareError's or PlayoutError's own
        if not isinstance(why_vi, str) or not why_vi:
            why_vi = str(exc)  # an OSError's text names the file and the errno
        self._log(
            "failed",
            {
                **fields,
                "reason": reason,
                "reason_vi": f"không chuẩn bị phát được: {why_vi}",
                **self._context(),
            },
        )
        self._emergency_confirm(c.key, "failed", self.clock.wall(), reason)
        st = self.history.setdefault(c.key, KeyState())
        st.failures += 1
        st.failed_at = now
        st.done = c.kind is Kind.LOOP
        self.last_error = reason
        log.error("%s: %s", c.key, reason)

    def _stop(self, b: _Bcast, fade_s: float, reason: tuple[str, str], *, final: bool) -> None:
        if b.cancelling:
            return
        b.cancelling = True
        b.stop_reason = reason
        b.stop_final = final
        try:
            self.output.fade_out_and_stop(b.handle, fade_s)
        except HardwareError as exc:
            log.error("cannot stop %s: %s", b.cand.key, exc)
        if b.started:
            b.expected_end = min(b.expected_end, self.output.clock() + fade_s)

    # ------------------------------------------------------------------ emergency bundles
    # Issued emergencies live in the store's overlay beside the active bundle. Their repeats
    # are on-demand emergency candidates (core.emergency_candidates) that go through the same
    # decisions and pre-emption as everything else; a stop or the expiry cuts them at once.

    def _bundle_of(self, c: Candidate) -> ActiveBundle:
        """The bundle whose audio and ids a candidate plays from."""
        parsed = core.parse_emergency_run_key(c.key)
        if parsed is not None and parsed[0] in self._em_bundles:
            return self._em_bundles[parsed[0]]
        assert self.bundle is not None
        return self.bundle

    def _emergency_fields(self, c: Candidate) -> dict[str, Any]:
        parsed = core.parse_emergency_run_key(c.key)
        if parsed is None:
            return {}
        return {"emergency_id": parsed[0], "repeat": parsed[1]}

    def _check_emergencies(self, now: float, wall: datetime) -> None:
        """Reload the overlay when it changed; drop expired emergencies (trusted clock)."""
        if self._em_runs and now >= self._next_em_expiry and self.trust.trusted:
            self._next_em_expiry = now + 1.0
            if any(wall >= r.expires_at for r in self._em_runs.values()):
                _quietly(lambda: self.store.expire_emergencies(wall))
        marker = self.store.emergency_marker()
        if marker == self._em_marker:
            return
        self._em_marker = marker
        runs: dict[str, core.EmergencyRun] = {}
        self._em_entries = self.store.emergencies()
        for entry in self._em_entries:
            eid = entry["id"]
            run = self._emergency_run(entry)
            if run is not None:
                runs[eid] = run
        for eid in set(self._em_bundles) - set(runs):
            del self._em_bundles[eid]
        self._em_runs = runs

    def _emergency_run(self, entry: Mapping[str, Any]) -> core.EmergencyRun | None:
        eid = entry["id"]
        bundle = self._em_bundles.get(eid)
        if entry["state"] == "active" and (
            bundle is None or bundle.bundle_id != entry.get("bundle_id")
        ):
            try:
                bundle = self.store.load_emergency(entry)
            except PlayoutError as exc:
                self.last_error = f"emergency {eid}: {exc.reason}"
                log.error(
                    "tin khẩn cấp %s không phát được / emergency cannot play: %s",
                    eid,
                    exc.bilingual(),
                )
                self._emergency_unplayable(entry, exc)
                return None
            self._em_bundles[eid] = bundle
            log.warning(
                "phát khẩn cấp %s: %d lần, cách nhau %s s / emergency repeats, gap",
                eid,
                entry["repeats"],
                entry["gap_s"],
            )
        if bundle is None:  # stopped or finished before this daemon loaded it
            return None
        item = next(iter(core.items_meta(bundle.manifest).values()))
        last_end = entry.get("last_end")
        return core.EmergencyRun(
            id=eid,
            item=item,
            repeats=int(entry["repeats"]),
            gap_s=float(entry["gap_s"]),
            start_at=datetime.fromisoformat(entry["start_at"]),
            arrived_at=datetime.fromisoformat(entry["arrived_at"]),
            expires_at=datetime.fromisoformat(entry["expires_at"]),
            state=entry["state"],
            played=int(entry["played"]),
            last_end=datetime.fromisoformat(last_end) if last_end else None,
        )

    def _emergency_unplayable(self, entry: Mapping[str, Any], exc: PlayoutError) -> None:
        """An active emergency whose bundle or audio on the card no longer verifies (the SD
        card lost or changed it) cannot play: its `failed` entry in the as-run log says so,
        once per emergency bundle (also across restarts), so it is never silent without a
        trace in the signed log the panel reads."""
        eid, bundle_id = entry["id"], entry.get("bundle_id")
        token = f"emergency:{eid}:unplayable:{bundle_id}"
        st = self.history.get(token)
        if st is not None and st.done:
            return
        self.history.setdefault(token, KeyState()).done = True
        self._log(
            "failed",
            {
                "emergency_id": eid,
                "bundle_id": bundle_id,
                "token": token,
                "broadcast_kind": Kind.EMERGENCY.value,
                "priority": "emergency",
                "code": exc.code,
                "reason": f"emergency cannot play: {exc.reason}",
                "reason_vi": f"tin khẩn cấp không phát được: {exc.reason_vi}",
                **self._context(),
            },
        )

    def _emergency_candidates(self, wall: datetime) -> list[Candidate]:
        if not self._em_runs:
            return []
        on_air = [b.cand.key for b in self._active.values()]
        return core.emergency_candidates(
            self._em_runs.values(), wall=wall, history=self.history, on_air=on_air
        )

    def _cut_emergencies(self, wall: datetime) -> None:
        """A stop cuts its emergency at once (armed or on air); so does its expiry."""
        live = {b.cand.key: b for b in self._active.values() if not b.cancelling}
        if not live:
            return
        for key, reason in core.emergencies_to_cut(self._em_runs, live, wall=wall):
            b = live[key]
            self._stop(b, self.policy.fade_s if b.started else 0.0, reason, final=True)
            log.warning("cắt %s / cut: %s", key, reason[0])

    def _emergency_pending(self, wall: datetime, horizon_s: float) -> bool:
        """An emergency repeat due within `horizon_s` needs the fast tick."""
        for run in self._em_runs.values():
            if run.state != "active" or wall >= run.expires_at:
                continue
            k = core.next_emergency_repeat(run, self.history)
            if k is not None and (core.emergency_due(run, k) - wall).total_seconds() <= horizon_s:
                return True
        return False

    def _emergency_started(self, b: _Bcast, t: float) -> None:
        parsed = core.parse_emergency_run_key(b.cand.key)
        if parsed is None:
            return
        eid, repeat = parsed
        at = self._wall_at(t)
        end = at + timedelta(seconds=b.duration_s)
        run = self._em_runs.get(eid)
        if run is not None:
            self._em_runs[eid] = replace(run, played=max(run.played, repeat), last_end=end)
        try:
            self.store.emergency_played(eid, state="started", repeat=repeat, at=at, end=end)
        except (OSError, PlayoutError) as exc:
            self.last_error = f"emergency progress: {exc}"
            log.error("cannot record emergency progress: %s", exc)

    def _emergency_confirm(
        self, key: str, outcome: str, at: datetime, reason: str | None = None
    ) -> None:
        """A repeat ended (finished, failed, faded) or was skipped: record and confirm it. A
        repeat cut by a stop is confirmed by the store when the stop arrived."""
        parsed = core.parse_emergency_run_key(key)
        if parsed is None:
            return
        eid, repeat = parsed
        run = self._em_runs.get(eid)
        if outcome == "faded":
            if run is None or run.state == "stopped":
                return
            outcome = "failed"  # cut by its expiry (an emergency pre-empts no emergency)
        if run is not None and outcome in ("finished", "failed"):
            self._em_runs[eid] = replace(run, last_end=max(at, run.last_end or at))
        try:
            self.store.emergency_played(eid, state=outcome, repeat=repeat, at=at, reason=reason)
        except (OSError, PlayoutError) as exc:
            self.last_error = f"emergency progress: {exc}"
            log.error("cannot record emergency progress: %s", exc)

    def _emergency_status(self) -> list[dict[str, Any]]:
        """Every emergency the overlay holds (active, stopped, finished), with its progress."""
        out = []
        for e in self._em_entries:
            run = self._em_runs.get(e["id"])
            out.append(
                {
                    "id": e["id"],
                    "item": e.get("item_id"),
                    "title": e.get("title"),
                    "state": run.state if run is not None else e["state"],
                    "played": max(e["played"], run.played if run is not None else 0),
                    "repeats": e["repeats"],
                    "expires_at": e["expires_at"],
                }
            )
        return out

    # ------------------------------------------------------------------ relay windows (tiếp sóng)
    def _relay_fields(self, c: Candidate) -> dict[str, Any]:
        """A relay window's as-run entries name the channel (`relay`), not an item."""
        if c.relay is None:
            return {}
        return {"item": None, "audio_sha256": None, "relay": c.relay.id, "relay_url": c.relay.url}

    def _relay_settings(self) -> Any:
        from hardware.relay_source import RelaySettings

        sr = self.config.stream_relay
        return RelaySettings(
            target_lufs=sr.target_lufs,
            max_boost_db=sr.max_boost_db,
            max_cut_db=sr.max_cut_db,
            slew_db_per_s=sr.slew_db_per_s,
            buffer_s=sr.buffer_s,
            stall_s=sr.stall_s,
            resume_s=sr.resume_s,
            connect_timeout_s=sr.connect_timeout_s,
            read_timeout_s=sr.read_timeout_s,
            end_fade_s=sr.end_fade_s,
            on_dropout=sr.on_dropout,
            mpg123="mpg123" if sr.mp3_decoder == "mpg123" else "",
        )

    def _open_relay(self, c: Candidate, arm: core.Arm, now: float, wall: datetime) -> Any:
        """The stream of a relay window, connecting now so it is buffered by the window's
        start; it plays until the window's end. The channel (URL, format, fallback) is the
        active signed bundle's: a candidate only carries what `core.relay_channels` read."""
        from hardware.relay_source import RelaySource

        assert c.relay is not None and c.end is not None and self.bundle is not None
        ch = c.relay
        sr = self.output.sample_rate
        end_at = now + (c.end - wall).total_seconds()
        frames = round((end_at - arm.at) * sr)
        if frames <= 0:
            raise ValueError("the relay window is already over")
        fallback = None
        label = ""
        item = self._items.get(ch.fallback_item) if ch.fallback_item else None
        if item is not None:
            path, sha, open_ = (
                self.bundle.audio_path(item.audio_sha256),
                item.audio_sha256,
                self._open_source,
            )

            def fallback() -> Any:
                return open_(path, sha256=sha, sample_rate=sr)

            label = item.id
        source = RelaySource(
            ch.url,
            ch.format,
            sample_rate=sr,
            frames=frames,
            start_at=arm.at,
            clock=self.output.clock,
            settings=self._relay_settings(),
            fallback=fallback,
            fallback_label=label,
            name=ch.id,
        )
        return source.start()

    def _arm_relay(
        self, arm: core.Arm, now: float, wall: datetime, fields: dict[str, Any], token: Any
    ) -> None:
        c = arm.candidate
        try:
            source = self._open_relay(c, arm, now, wall)
        except (HardwareError, OSError, ValueError) as exc:
            self._arm_failed(c, fields, now, exc)
            return
        try:
            handle = self.output.schedule(source, arm.at, token=token)
        except NoFreeVoice as exc:
            _quietly(source.close)
            log.debug("%s: waiting for a free playback slot (%s)", c.key, exc)
            return
        except (HardwareError, OSError, ValueError) as exc:
            _quietly(source.close)
            self._arm_failed(c, fields, now, exc)
            return
        duration = source.duration_s
        self._active[token] = _Bcast(
            c,
            arm.attempt,
            token,
            handle,
            arm.at,
            arm.deadline,
            duration,
            arm.scheduled_wall,
            fields,
            expected_end=arm.at + duration,
            relay_source=source,
        )
        armed_wall = wall + timedelta(seconds=arm.at - now)
        self._log("armed", {**fields, "armed_for_us": _us(armed_wall), **self._context()})
        log.info(
            "tiếp sóng %s (%s) lúc %s, %.0f s / relay armed",
            c.relay.id if c.relay else "",
            c.item.title,
            armed_wall.isoformat(),
            duration,
        )

    def _relay_ended(
        self, b: _Bcast, fields: dict[str, Any], failure: str | None, handle: PlaybackHandle
    ) -> str | None:
        """Adds the window's relay figures to its end entry; a window whose stream never
        came is a failed broadcast with the reason; one an emergency cut resumes after it
        while the window is open."""
        src = b.relay_source
        if src is None:
            return failure
        stats = src.stats
        sr = handle.sample_rate
        fields.update(stats.fields())
        if b.actual_start is not None:
            fields["relay_start_us"] = _us(self._wall_at(b.actual_start))
            fields["relay_end_us"] = _us(self._wall_at(b.actual_start + handle.frames_played / sr))
        state = handle.state
        if (
            failure is None
            and state in (PlaybackState.FINISHED, PlaybackState.FADED)
            and stats.relayed_frames == 0
        ):
            en, vi = stats.last_error or (
                "no audio came from the stream",
                "không nhận được âm thanh từ luồng",
            )
            failure = f"the stream never came: {en}"
            fields["reason_vi"] = f"không nhận được luồng tiếp sóng: {vi}"
        if (
            state is PlaybackState.FADED
            and b.stop_reason is not None
            and b.stop_reason[0].startswith("pre-empted")
        ):
            rest = core.relay_resume(b.cand, self._next_resume(b.cand.key), wall=self.clock.wall())
            if rest is not None:
                self._relay_resumes.append(rest)
                self._candidates.append(rest)
                log.info(
                    "tiếp sóng %s lại sau tin khẩn / relay resumes after the emergency", b.cand.key
                )
        return failure

    def _next_resume(self, key: str) -> int:
        """The number of the next rest of relay window `key` ("<window>~<n>"): one past any
        rest already played or waiting, in this run or before a restart (the history), so a
        rest is never taken for one that already played."""
        base = key.split("~", 1)[0]
        used = [0]
        for k in [*self.history, *(c.key for c in self._relay_resumes)]:
            window, sep, n = k.partition("~")
            if sep and window == base and n.isdigit():
                used.append(int(n))
        return max(used) + 1

    def _resume_interrupted_relays(self, cands: list[Candidate], wall: datetime) -> list[Candidate]:
        """A relay window a restart cut (a power cut, a crash) plays on to its end once the
        unit is back, as after an emergency: the window is one broadcast, and the station did
        not stop while the unit was off. Windows of the plan only (started within
        `missed_lookback_s`); one that ended meanwhile has nothing left."""
        out = []
        for c in cands:
            if c.relay is None or c.drop_reason is not None or c.key not in self._relay_interrupted:
                continue
            rest = core.relay_resume(c, self._next_resume(c.key), wall=wall)
            if rest is not None:
                self._relay_resumes.append(rest)
                out.append(rest)
                log.info(
                    "tiếp sóng %s tiếp tục sau khi khởi động lại / relay resumes after the restart",
                    c.key,
                )
        self._relay_interrupted.clear()
        return out

    def _relay_resume_list(self, wall: datetime) -> list[Candidate]:
        self._relay_resumes = [c for c in self._relay_resumes if c.end is not None and c.end > wall]
        return list(self._relay_resumes)

    # ------------------------------------------------------------------ relays
    def _relay_state(self) -> tuple[bool, tuple[str, ...]]:
        states = self.relays.states() if self.relays is not None else {}
        zones = tuple(sorted(k[5:] for k, v in states.items() if k.startswith("zone:") and v))
        return bool(states.get("amplifier", False)), zones

    def _zones_missed(self, b: _Bcast, fields: dict[str, Any]) -> tuple[str, str] | None:
        """A started broadcast some of whose zones were never live with the amplifier on (a
        zone relay that could not close: `zones_missed`), or live only after its first sample
        (a relay that closed partway through: `zones_late`), gets those in its fields; returns
        the reason (English, Vietnamese) that says where it was not heard in full, None when
        every zone had all of it."""
        if not b.started or not self._zones:
            return None  # no zone relays: the amplifier alone
        missed = sorted(set(self._zones) - b.zones_heard)
        late = sorted(b.zones_heard - b.zones_at_start)
        if missed:
            fields["zones_missed"] = missed
        if late:
            fields["zones_late"] = late
        if not b.zones_heard:
            names = ", ".join(missed)
            return (
                f"no zone relay could be switched (zones {names}): not heard in any zone",
                f"không đóng được rơ-le vùng nào (vùng {names}): không vùng nào nghe được",
            )
        en, vi = [], []
        if missed:
            names = ", ".join(missed)
            en.append(f"not heard in zone(s) {names}: the zone relay could not be switched")
            vi.append(f"không phát tới vùng {names}: không đóng được rơ-le vùng")
        if late:
            names = ", ".join(late)
            en.append(f"heard only from partway through in zone(s) {names}: relay closed late")
            vi.append(f"vùng {names} chỉ nghe được từ giữa chừng: rơ-le vùng đóng muộn")
        return ("; ".join(en), "; ".join(vi)) if en else None

    def _note_heard(self) -> None:
        """Zones live with the amplifier on count as heard by the broadcasts playing now."""
        if self.relays is None or not self._zones:
            return
        try:
            amp, zones = self._relay_state()
        except Exception:  # the relays' own errors are logged where they are switched
            return
        if not amp:
            return
        for b in self._active.values():
            if b.started:
                b.zones_heard.update(zones)

    def _planned_zones(self, zones: tuple[str, ...]) -> tuple[str, ...]:
        """The zones the plan counts as switched: the live ones and those stuck this time."""
        return tuple(sorted(set(zones) | set(self._zones_stuck))) if self._zones_stuck else zones

    def _drive_relays(self, now: float) -> None:
        if self.relays is None:
            return
        self._switch_relays(now)
        self._note_heard()

    def _switch_relays(self, now: float) -> None:
        assert self.relays is not None
        amp, zones = self._relay_state()
        # a broadcast cancelled only to be armed again keeps its relays until it is (next tick)
        current = [
            Broadcast(min(b.actual_start or b.at, b.expected_end), b.expected_end, self._zones)
            for b in self._active.values()
            if b.started or not b.cancelling or not b.stop_final
        ]
        if not amp:
            self._ended.clear()
        for _ in range(8):  # apply due steps; re-plan after each (state changed)
            steps = core.relay_plan(
                current,
                self._ended,
                self.timing,
                now=now,
                amp_on=amp,
                zones=self._planned_zones(zones),
                amp_off_at=self._amp_off_at,
            )
            due = [s for s in steps if s.time <= now]
            if not due or not self._apply_relay(due[0], now):
                return  # a refused step is tried again on the next tick
            amp, zones = self._relay_state()
            if not amp:
                self._ended.clear()

    def _apply_relay(self, step: RelayStep, now: float) -> bool:
        assert self.relays is not None
        try:
            if step.action is RelayAction.AMP_ON:
                self.relays.amp_on()
                self._amp_on_at = now
            elif step.action is RelayAction.AMP_OFF:
                self.relays.amp_off()
                self._amp_off_at = now
                self._zones_stuck.clear()  # the next broadcast's zone step tries them again
            else:
                self.relays.select_zones(step.zones)
                self._zones_stuck.clear()
        except ZoneRelayError as exc:
            if not self._zones_partly_switched(step, exc):
                self.last_error = f"relay: {exc}"
                self._relay_failed(step.action.value, exc, now)
                return False
        except Exception as exc:
            # any adapter's error (gpiozero, lgpio's "GPIO busy", not only HardwareError): the
            # step is planned again next tick, so a refused AMP_OFF is retried, never dropped
            self.last_error = f"relay: {exc}"
            self._relay_failed(step.action.value, exc, now)
            return False
        if self._relay_failing is not None:
            action, since, _, n = self._relay_failing
            self._relay_failing = None
            log.warning(
                "rơ-le hoạt động lại / relays switch again (%s had failed %d times in %.1f s)",
                action,
                n,
                now - since,
            )
        return True

    def _zones_partly_switched(self, step: RelayStep, exc: ZoneRelayError) -> bool:
        """A zone step where some wanted relays could not close but at least one did: the
        broadcast goes on in the live zones (the amplifier comes on) rather than in none; the
        stuck zones are named in its as-run entry. False (refused, tried again next tick) when
        no wanted zone is live, or when a relay that should go off stayed on."""
        wanted = set(step.zones)
        _, live = self._relay_state()
        if not wanted & set(live) or not set(exc.failed) <= wanted:
            return False
        new = {z: e for z, e in exc.failed.items() if z not in self._zones_stuck}
        self._zones_stuck.update(exc.failed)
        self.last_error = f"relay: {exc}"
        if new:
            names = ", ".join(sorted(new))
            log.error(
                "không đóng được rơ-le vùng %s, vẫn phát ở các vùng khác / zone relay(s) %s "
                "could not be switched, playing in the other zones: %s",
                names,
                names,
                exc,
            )
        return True

    def _relay_failed(self, action: str, exc: Exception, now: float) -> None:
        """Logs a failing relay step once, then once a minute while it keeps failing (it is
        tried on every tick: 50 lines a second would flood the journal on the SD card)."""
        prev = self._relay_failing
        if prev is None or prev[0] != action:
            self._relay_failing = (action, now, now, 1)
            log.error("relay step %s failed: %s", action, exc)
            return
        _, since, logged, n = prev
        if now - logged >= RELAY_ERROR_REPEAT_S:
            log.error(
                "relay step %s still failing (%d times in %.0f s): %s",
                action,
                n + 1,
                now - since,
                exc,
            )
            logged = now
        self._relay_failing = (action, since, logged, n + 1)

    def _relays_off(self) -> None:
        if self.relays is None:
            return
        try:
            self.relays.amp_off()
        finally:
            self.relays.select_zones(())
        self._amp_off_at = None

    # ------------------------------------------------------------------ inbox
    def poll_inbox(self) -> list[Any]:
        """One pass over the watched folders (the daemon's inbox thread calls this)."""
        if self.inbox is None:
            return []
        return self.inbox.poll()

    def _inbox_loop(self) -> None:
        while not self._stop_evt.wait(self.config.inbox.poll_s):
            try:
                self.poll_inbox()
            except Exception as exc:  # a bad stick must not end the thread
                log.exception("inbox poll failed: %s", exc)

    # ------------------------------------------------------------------ status, watchdog
    def _notify(self, state: str) -> None:
        notifier = self.notifier
        if notifier is not None:
            _quietly(lambda: notifier.notify(state))

    def status(self) -> dict[str, Any]:
        """What `loa unit status` shows (also written to state_dir/status.json)."""
        now, wall = self.output.clock(), self.clock.wall()
        playing = [
            {
                "item": b.cand.item.id,
                "title": b.cand.item.title,
                "kind": b.cand.kind.value,
                "state": "playing" if b.started else "armed",
                "start": self._wall_at(b.actual_start or b.at).isoformat(),
            }
            for b in self._active.values()
        ]
        upcoming = sorted(
            (
                c
                for c in self._candidates
                if c.start is not None
                and c.start >= wall
                and c.drop_reason is None
                and not (self.history.get(c.key) and self.history[c.key].done)
            ),
            key=lambda c: c.start or wall,
        )[:5]
        bundle = None
        if self.bundle is not None:
            m = self.bundle.manifest
            bundle = {
                "bundle_id": m.bundle_id,
                "sequence": m.sequence,
                "expires_at": m.expires_at.isoformat(),
                "items": len(m.items),
            }
        return {
            "v": 1,
            "state": "running" if self._running else "stopped",
            "pid": os.getpid(),
            "unit_id": self.config.unit_id,
            "updated_at": wall.isoformat(),
            "bundle": bundle,
            "clock": {
                "trusted": self.trust.trusted,
                "source": self.trust.source,
                "reason": self.trust.reason,
                "reason_vi": self.trust.reason_vi,
            },
            "loop": {"on": self.loop_on, "source": self.loop_source},
            "output_alive": self.output.is_alive(),
            "relays": dict(self.relays.states()) if self.relays is not None else None,
            "playing": playing,
            "next": [
                {"item": c.item.id, "start": c.start.isoformat() if c.start else None}
                for c in upcoming
            ],
            "emergencies": self._emergency_status(),
            "last_error": self.last_error,
            "asrun_unwritten": len(self._unwritten),
            "monotonic": now,
        }

    def _write_status(self, state: str | None = None) -> None:
        st = self.status()
        if state is not None:
            st["state"] = state
        control.write_status(self.config.state_dir, st)


# --------------------------------------------------------------------------- helpers


def previous_run_end(status: Mapping[str, Any] | None) -> tuple[datetime, int] | None:
    """When the previous run last wrote its status (every 2 s while it ran) and the sequence
    of the bundle it held, if its clock was trusted then; None when unknown. Not fsynced: after
    a power cut the file may be older than the cut, which only widens the look back (what
    played is in the as-run history and is never logged again)."""
    if not status:
        return None
    try:
        at = datetime.fromisoformat(status["updated_at"])
        sequence = status["bundle"]["sequence"]
        trusted = status["clock"]["trusted"]
    except (KeyError, TypeError, ValueError):
        return None
    if at.tzinfo is None or trusted is not True or type(sequence) is not int:
        return None
    return at, sequence


def _quietly(fn: Callable[[], Any]) -> None:
    try:
        fn()
    except Exception as exc:
        log.warning("ignored during cleanup: %s", exc)


__all__ = ["BroadcastResult", "Daemon", "Notifier", "SourceOpener"]

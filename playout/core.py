"""The playout decisions, as plain functions over plain data: what to arm, pre-empt, cancel or
skip next, given the plan, the time, what already played, clock trust, emergencies and the loop.

Nothing here reads a clock, touches a device or starts a thread: `now` (the sound card's
monotonic clock) and `wall` are passed in, so tests drive it with numbers. The daemon
(`playout.daemon`) calls these every tick and carries out the result.

API::

    items_meta(manifest) -> dict[str, ItemMeta]
    build_candidates(manifest, items, *, wall, horizon_s, lookback_s) -> (list[Candidate], Schedule | None, warnings)
    slot_key(item_id, start) / emergency_key(item) / loop_key(session, n) -> str
    history_from_asrun(entries) -> dict[str, KeyState];  interrupted(entries) -> list[dict]
    clock_trust(policy, *, synced, wall, gps, tolerance_s) -> Trust
    decide(situation, *, candidates, history, active, policy) -> Decision
    relay_plan(current, ended, timing, *, now, amp_on, zones, amp_off_at) -> list[RelayStep]
    relay_channels(manifest) -> dict[str, RelayChannel];  relay_key(channel_id, start) -> str
    loop_block_reason(area_policy, *, start, end, session_start) -> (en, vi) | None

Identity of a broadcast (the as-run `token`): "<item>@<scheduled start ISO>" for scheduled
ones, "emergency:<item>:<approval>" for an emergency no rule schedules (plays once, at once),
"loop:<session>:<n>" for loop passes, "relay:<channel>@<window piece start ISO>" for a relay
window (tiếp sóng: the unit plays a channel of the bundle's `relays` instead of an item). A token with a `started`, `finished` or `skipped`
entry is never played again — whatever the wall clock does afterwards.

Emergencies pre-empt everything but another emergency: one that comes due while another is
armed or on air is armed to start when that one ends, however late that makes it (the
scheduler's plan moves it there too). An emergency no rule schedules plays at once, also
when it is in the loop playlist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from content_library.types import Priority
from hardware.ports import GpsFix
from hardware.relay_sequence import Broadcast, RelayAction, RelayStep, RelayTiming, plan_relays
from scheduler.plan import expand, items_from_manifest, schedule_from_manifest
from scheduler.tz import iso

Reason = tuple[str, str]  # (English, Vietnamese)


class Kind(StrEnum):
    SCHEDULED = "scheduled"  # from a schedule rule at a wall time (emergency priority included)
    EMERGENCY = "emergency"  # an emergency item no rule schedules: plays at once
    LOOP = "loop"  # a pass of the mobile rig's loop


# --------------------------------------------------------------------------- items, candidates


@dataclass(frozen=True)
class ItemMeta:
    id: str
    title: str
    priority: Priority
    audio_sha256: str
    duration_s: float
    approval_id: str
    valid_from: datetime
    valid_until: datetime
    loop: bool = False

    @property
    def rank(self) -> int:
        return self.priority.rank


def items_meta(manifest: Any) -> dict[str, ItemMeta]:
    """ItemMeta by id from a content_library Manifest (every item carries its approval)."""
    out = {}
    for it in manifest.items:
        ap = it.approval
        out[it.id] = ItemMeta(
            id=it.id,
            title=it.title,
            priority=Priority(it.priority),
            audio_sha256=it.audio_sha256,
            duration_s=float(it.duration_s),
            approval_id=ap.id,
            valid_from=ap.valid_from,
            valid_until=ap.valid_until,
            loop=bool(it.loop),
        )
    return out


@dataclass(frozen=True)
class RelayChannel:
    """A relay channel of the active signed bundle (the only URLs a unit opens)."""

    id: str
    name: str
    url: str
    format: str
    fallback_item: str | None


@dataclass(frozen=True)
class Candidate:
    """A broadcast the unit could play."""

    key: str
    item: ItemMeta
    kind: Kind
    start: datetime | None = None  # scheduled wall start; None: as soon as possible
    end: datetime | None = None  # scheduled wall end (the slot)
    drop_reason: Reason | None = None  # the scheduler dropped it: logged as skipped when due
    relay: RelayChannel | None = None  # a relay window: `item` describes the channel
    expires_at: datetime | None = None  # its own bundle's expiry (an emergency bundle's)

    @property
    def rank(self) -> int:
        return -1 if self.kind is Kind.LOOP else self.item.rank


def slot_key(item_id: str, start: datetime) -> str:
    return f"{item_id}@{iso(start)}"


def emergency_key(item: ItemMeta) -> str:
    return f"emergency:{item.id}:{item.approval_id}"


def loop_key(session: str, n: int) -> str:
    return f"loop:{session}:{n}"


def relay_key(channel_id: str, start: datetime) -> str:
    return f"relay:{channel_id}@{iso(start)}"


def relay_channels(manifest: Any) -> dict[str, tuple[RelayChannel, ItemMeta]]:
    """The bundle's relay channels by id, each with the ItemMeta the decisions use for it (its
    approval; priority and duration are the plan entry's)."""
    out: dict[str, tuple[RelayChannel, ItemMeta]] = {}
    for r in getattr(manifest, "relays", None) or ():
        ap = r.approval
        ch = RelayChannel(r.id, r.name, r.url, r.format, r.fallback_item)
        meta = ItemMeta(
            id=r.id,
            title=r.name,
            priority=Priority.NORMAL,
            audio_sha256="",
            duration_s=0.0,
            approval_id=ap.id,
            valid_from=ap.valid_from,
            valid_until=ap.valid_until,
        )
        out[r.id] = (ch, meta)
    return out


def _relay_candidate(
    e: Any, channels: Mapping[str, tuple[RelayChannel, ItemMeta]], drop: Reason | None
) -> Candidate:
    """A relay window piece of the plan as a candidate. A channel missing from the bundle
    (the scheduler refuses that already) is never opened: the window is skipped."""
    found = channels.get(e.relay)
    if found is None:
        ch = RelayChannel(e.relay, e.relay, "", "", None)
        meta = ItemMeta(e.relay, e.relay, e.priority, "", 0.0, "", e.start, e.start)
        drop = drop or (
            f"relay channel {e.relay!r} is not in the active bundle",
            f"kênh tiếp sóng {e.relay!r} không có trong gói đang dùng",
        )
    else:
        ch, meta = found
    length = (e.end - e.start).total_seconds()
    meta = ItemMeta(
        meta.id,
        meta.title,
        Priority(e.priority),
        "",
        length,
        meta.approval_id,
        meta.valid_from,
        meta.valid_until,
    )
    return Candidate(
        relay_key(e.relay, e.start), meta, Kind.SCHEDULED, e.start, e.end, drop, relay=ch
    )


def relay_resume(c: Candidate, n: int, *, wall: datetime) -> Candidate | None:
    """What is left of relay window `c` after something pre-empted it (an emergency no rule
    schedules): it plays as soon as the output is free, until the window's end."""
    if c.relay is None or c.end is None or wall >= c.end:
        return None
    base = c.key.split("~", 1)[0]  # "~<n>": the rest of a window (its start ISO has a "+")
    meta = ItemMeta(
        c.item.id,
        c.item.title,
        c.item.priority,
        "",
        (c.end - wall).total_seconds(),
        c.item.approval_id,
        c.item.valid_from,
        c.item.valid_until,
    )
    return Candidate(f"{base}~{n}", meta, Kind.SCHEDULED, None, c.end, None, relay=c.relay)


# How far before its issue a bundle's slots are still its own: a one-off time saved at 23:58
# for 23:59 and published at 23:59:10 plays late (within late_start_max_s) or is logged
# missed. Slots older than that were never the bundle's to play: a unit booting with a
# missed_lookback_s of days does not log the days before the bundle existed as missed.
BEFORE_ISSUE_S = 3600.0


def _one_per_key(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per token. Two rules firing the same item (or relay channel) at the same
    instant make two plan entries with one token: the plan keeps one and drops the other (or
    drops both). The unit plays that token if the plan keeps it, else skips it once; a kept
    and a dropped candidate of one token would log it as skipped and play it as well, or
    skip it for good while the kept one waited for the output to be free."""
    first: dict[str, int] = {}
    out: list[Candidate] = []
    for c in candidates:
        seen = first.get(c.key)
        if seen is None:
            first[c.key] = len(out)
            out.append(c)
        elif out[seen].drop_reason is not None and c.drop_reason is None:
            out[seen] = c
    return out


def build_candidates(
    manifest: Any,
    items: Mapping[str, ItemMeta],
    *,
    wall: datetime,
    horizon_s: float,
    lookback_s: float,
) -> tuple[list[Candidate], Any, list[Reason]]:
    """Expand the manifest's schedule over [wall - lookback, wall + horizon) into candidates,
    never from more than BEFORE_ISSUE_S before the bundle's `issued_at`.

    Returns (candidates, schedule or None, warnings). Entries the scheduler dropped (quiet
    hours, caps, conflicts) come back with `drop_reason` so their slot is logged as skipped.
    A schedule the scheduler refuses gives no scheduled candidates and one warning; the
    unscheduled emergencies still play.
    """
    from scheduler.errors import ScheduleError

    warnings: list[Reason] = []
    out: list[Candidate] = []
    schedule = None
    try:
        infos = items_from_manifest(manifest)
        schedule = schedule_from_manifest(manifest, infos)
        start = wall - timedelta(seconds=lookback_s)
        end = wall + timedelta(seconds=horizon_s)
        # Slots long before the bundle was issued were never its to play: not missed.
        issued_at = getattr(manifest, "issued_at", None)
        if isinstance(issued_at, datetime):
            start = max(start, issued_at - timedelta(seconds=BEFORE_ISSUE_S))
        # Nothing from the bundle starts at or after its expiry (`unplayable`): the plan
        # must not fit what does play around such a slot (drop or queue it for one).
        expires_at = getattr(manifest, "expires_at", None)
        plan = (
            expand(
                schedule,
                infos,
                start=start,
                end=end,
                expires_at=expires_at if isinstance(expires_at, datetime) else None,
            )
            if start < end
            else None
        )
    except ScheduleError as exc:
        warnings.append(
            (
                f"the bundle's schedule cannot be used: {exc.reason}",
                f"không dùng được lịch phát của gói: {exc.reason_vi}",
            )
        )
        plan = None
    if plan is not None:
        channels = relay_channels(manifest)
        for e in plan.entries:
            if getattr(e, "relay", None) is not None:
                out.append(_relay_candidate(e, channels, None))
                continue
            out.append(
                Candidate(
                    slot_key(e.item_id, e.start), items[e.item_id], Kind.SCHEDULED, e.start, e.end
                )
            )
        for c in plan.conflicts:
            if c.kind == "dropped" and getattr(c.entry, "relay", None) is not None:
                out.append(_relay_candidate(c.entry, channels, (c.reason, c.reason_vi)))
            elif c.kind == "dropped":
                e = c.entry
                out.append(
                    Candidate(
                        slot_key(e.item_id, e.start),
                        items[e.item_id],
                        Kind.SCHEDULED,
                        e.start,
                        e.end,
                        (c.reason, c.reason_vi),
                    )
                )
        for v in plan.violations:
            e = v.entry
            if v.kind != "loop_stopped" and getattr(e, "relay", None) is not None:
                out.append(_relay_candidate(e, channels, (v.reason, v.reason_vi)))
            elif v.kind != "loop_stopped":
                out.append(
                    Candidate(
                        slot_key(e.item_id, e.start),
                        items[e.item_id],
                        Kind.SCHEDULED,
                        e.start,
                        e.end,
                        (v.reason, v.reason_vi),
                    )
                )
    out = _one_per_key(out)
    # An emergency no rule schedules plays at once, also when it is in the loop playlist
    # (as the scheduler's plan says: scheduler.plan._emergencies_now).
    scheduled_ids = schedule.rule_item_ids() if schedule is not None else set()
    for item in sorted(items.values(), key=lambda i: i.id):
        if item.priority is Priority.EMERGENCY and item.id not in scheduled_ids:
            out.append(Candidate(emergency_key(item), item, Kind.EMERGENCY))
    return out, schedule, warnings


# --------------------------------------------------------------------------- emergency bundles


@dataclass(frozen=True)
class EmergencyRun:
    """An issued emergency from the unit's overlay (playout.store), as the decisions need it."""

    id: str
    item: ItemMeta
    repeats: int
    gap_s: float
    start_at: datetime
    arrived_at: datetime
    expires_at: datetime
    state: str  # active | stopped | finished
    played: int  # repeats started so far (kept across restarts)
    last_end: datetime | None  # wall end of the last repeat (expected, then actual)

    @property
    def first_at(self) -> datetime:
        """Its first play: max(start_at, arrival)."""
        return max(self.start_at, self.arrived_at)


def emergency_run_key(emergency_id: str, repeat: int) -> str:
    """The as-run token of one repeat of an issued emergency (1-based)."""
    return f"emergency:{emergency_id}:repeat-{repeat}"


def parse_emergency_run_key(key: str) -> tuple[str, int] | None:
    """(emergency id, repeat) of a token made by `emergency_run_key`, else None."""
    head, sep, tail = key.rpartition(":repeat-")
    if not sep or not head.startswith("emergency:") or not tail.isdigit():
        return None
    return head[len("emergency:") :], int(tail)


def next_emergency_repeat(run: EmergencyRun, history: Mapping[str, KeyState]) -> int | None:
    """The repeat (1-based) to play next, or None when every repeat is spent. A repeat whose
    token is done in the history (started, skipped, given up: also before a restart) counts
    as spent even if the overlay had not recorded it."""
    k = run.played + 1
    while k <= run.repeats:
        st = history.get(emergency_run_key(run.id, k))
        if st is None or not st.done:
            return k
        k += 1
    return None


def emergency_due(run: EmergencyRun, repeat: int) -> datetime:
    """When `repeat` may start: the first at max(start_at, arrival), each next one `gap_s`
    after the previous one ended."""
    if run.played == 0 and repeat == 1:
        return run.first_at
    return (run.last_end or run.first_at) + timedelta(seconds=run.gap_s)


def emergency_candidates(
    runs: Iterable[EmergencyRun],
    *,
    wall: datetime,
    history: Mapping[str, KeyState],
    on_air: Iterable[str] = (),
) -> list[Candidate]:
    """The repeats of issued emergencies that are due now: an active emergency plays
    `repeats` times from max(start_at, arrival), `gap_s` after the end of the previous repeat,
    never at or after its expiry. Each is an on-demand emergency candidate (start None: it
    plays at once, pre-empting anything but another emergency, through quiet hours and caps,
    which only shape the scheduled plan), carrying its own expiry. A repeat already armed
    (`on_air`) stays a candidate so the decisions keep it."""
    out: list[Candidate] = []
    on_air = set(on_air)
    for run in runs:
        if run.state != "active" or wall >= run.expires_at:
            continue
        k = next_emergency_repeat(run, history)
        if k is None:
            continue
        key = emergency_run_key(run.id, k)
        if wall >= emergency_due(run, k) or key in on_air:
            out.append(Candidate(key, run.item, Kind.EMERGENCY, expires_at=run.expires_at))
    return out


def emergencies_to_cut(
    runs: Mapping[str, EmergencyRun], active_keys: Iterable[str], *, wall: datetime
) -> list[tuple[str, Reason]]:
    """Broadcasts of issued emergencies to cut at once: stopped ones, and any at its expiry."""
    out: list[tuple[str, Reason]] = []
    for key in active_keys:
        parsed = parse_emergency_run_key(key)
        if parsed is None:
            continue
        run = runs.get(parsed[0])
        if run is None or run.state == "stopped":
            out.append((key, ("emergency stopped", "đã dừng phát khẩn cấp")))
        elif wall >= run.expires_at:
            out.append(
                (
                    key,
                    (
                        f"the emergency expired at {iso(run.expires_at)}",
                        f"tin khẩn cấp đã hết hạn lúc {iso(run.expires_at)}",
                    ),
                )
            )
    return out


def loop_items(schedule: Any, items: Mapping[str, ItemMeta]) -> tuple[list[ItemMeta], float]:
    """The loop playlist (items in order) and its gap, from the parsed schedule."""
    loop = getattr(schedule, "loop", None)
    if loop is None:
        flagged = [i for i in items.values() if i.loop]
        return flagged, 0.0
    return [items[i] for i in loop.item_ids if i in items], float(loop.gap_s)


def loop_block_reason(
    area_policy: Any, *, start: datetime, end: datetime, session_start: datetime
) -> Reason | None:
    """Why the area's rules stop the loop before a pass [start, end) (quiet hours, session cap)."""
    if area_policy is None:
        return None
    from scheduler.policy import quiet_overlap

    cap = area_policy.max_session_minutes
    if cap is not None and end > session_start + timedelta(minutes=cap):
        return (
            f"loop stopped: the session cap of {cap:g} min is reached",
            f"dừng phát lặp: đã hết thời lượng buổi phát {cap:g} phút",
        )
    quiet = area_policy.quiet_hours
    if quiet is not None and quiet_overlap(quiet, start, end):
        return (
            f"loop stopped: quiet hours {quiet.label()}",
            f"dừng phát lặp: giờ yên tĩnh {quiet.label()}",
        )
    return None


# --------------------------------------------------------------------------- history


@dataclass
class KeyState:
    """What happened to one token so far."""

    done: bool = False  # started, finished or skipped: never (re)play
    failures: int = 0
    failed_at: float | None = None  # output clock, this run (retry window)


def history_from_asrun(entries: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, KeyState]:
    """Rebuild the history from as-run (kind, fields) pairs of earlier runs.

    Anything started, finished or skipped is done. A failure from an earlier run is done too:
    its retry window cannot be judged across a restart, and playing it late is worse.
    """
    hist: dict[str, KeyState] = {}
    for kind, fields in entries:
        key = fields.get("token")
        if not isinstance(key, str):
            continue
        st = hist.setdefault(key, KeyState())
        if kind in ("started", "finished", "skipped", "failed"):
            st.done = True
    return hist


def interrupted(entries: Iterable[tuple[str, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """`started` entries with no `finished`/`failed` after them (a crash or power cut mid-air),
    oldest first, as their fields."""
    open_: dict[tuple[Any, Any], dict[str, Any]] = {}
    for kind, fields in entries:
        ident = (fields.get("token"), fields.get("attempt", 0))
        if kind == "started":
            open_[ident] = dict(fields)
        elif kind in ("finished", "failed"):
            open_.pop(ident, None)
    return list(open_.values())


# --------------------------------------------------------------------------- clock trust


@dataclass(frozen=True)
class Trust:
    trusted: bool
    source: str  # "sync" | "gps" | "policy" | "none"
    reason: str
    reason_vi: str


def gps_time(fix: GpsFix | None) -> datetime | None:
    if fix is None or not fix.time:
        return None
    try:
        t = datetime.fromisoformat(fix.time.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def clock_trust(
    policy: str,
    *,
    synced: bool,
    wall: datetime,
    gps: GpsFix | None = None,
    tolerance_s: float = 10.0,
) -> Trust:
    """May scheduled items play? `policy` is the config's clock.trust (sync|sync_or_gps|always)."""
    if policy == "always":
        return Trust(
            True, "policy", "clock trusted by configuration", "đồng hồ được tin cậy theo cấu hình"
        )
    if synced:
        return Trust(
            True, "sync", "clock synchronised (NTP/chrony)", "đồng hồ đã đồng bộ (NTP/chrony)"
        )
    if policy == "sync_or_gps":
        t = gps_time(gps)
        if t is not None:
            off = abs((wall - t).total_seconds())
            if off <= tolerance_s:
                return Trust(
                    True,
                    "gps",
                    f"clock agrees with GPS time ({off:.1f} s)",
                    f"đồng hồ khớp giờ GPS ({off:.1f} giây)",
                )
            return Trust(
                False,
                "none",
                f"clock is {off:.0f} s away from GPS time and not synchronised: "
                "scheduled items are held",
                f"đồng hồ lệch giờ GPS {off:.0f} giây và chưa đồng bộ: tạm không phát theo lịch",
            )
    return Trust(
        False,
        "none",
        "clock not synchronised and no GPS time: scheduled items are held",
        "đồng hồ chưa đồng bộ và không có giờ GPS: tạm không phát theo lịch",
    )


# --------------------------------------------------------------------------- decisions


@dataclass(frozen=True)
class Policy:
    arm_ahead_s: float = 2.0  # handed to the sound card this long before the relays must move
    warm_up_s: float = 3.0
    zone_settle_s: float = 0.2
    fade_s: float = 0.05  # emergency pre-emption fade
    late_start_max_s: float = 30.0
    retry_count: int = 1
    retry_within_s: float = 60.0
    min_lead_s: float = 0.05  # the soonest a first sample can be placed after arming
    rearm_tolerance_s: float = 0.02  # a clock step smaller than this does not re-arm
    on_demand_when_untrusted: bool = True

    @property
    def lead_s(self) -> float:
        """How long before a start it is armed: relays must still have time to warm up."""
        return self.arm_ahead_s + self.warm_up_s + self.zone_settle_s


@dataclass(frozen=True)
class Active:
    """A broadcast on the output (armed or playing), as the daemon sees it."""

    key: str
    kind: Kind
    rank: int
    at: float  # output clock: its (expected) first sample
    expected_end: float
    started: bool = False
    deadline: float | None = None  # the scheduled start it was armed for (None: on demand)
    cancelling: bool = False  # a stop was requested; its end event has not come yet


@dataclass(frozen=True)
class Situation:
    now: float  # output clock
    wall: datetime
    trusted: bool
    amp_ready_at: float  # the soonest first sample the amplifier allows (warm-up)
    bundle_expires_at: datetime | None = None
    loop_next: Candidate | None = None  # the next loop pass, when the loop is on
    loop_ready_at: float = 0.0  # the soonest it may start (previous pass end + gap)


@dataclass(frozen=True)
class Arm:
    candidate: Candidate
    at: float
    deadline: float | None
    attempt: int
    scheduled_wall: datetime  # when it should have started (wall)


@dataclass(frozen=True)
class Stop:
    key: str
    fade_s: float
    reason: str
    reason_vi: str
    final: bool  # False: cancelled only to be armed again (clock step, trust lost, pre-empted)


@dataclass(frozen=True)
class Skip:
    candidate: Candidate
    reason: str
    reason_vi: str


@dataclass
class Decision:
    arms: list[Arm] = field(default_factory=list)
    stops: list[Stop] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    give_up: list[str] = field(default_factory=list)  # failed beyond the retry policy: done

    @property
    def empty(self) -> bool:
        return not (self.arms or self.stops or self.skips or self.give_up)


def unplayable(c: Candidate, sit: Situation) -> Reason | None:
    """Approval window and bundle expiry at the broadcast's start (only with a trusted clock)."""
    if not sit.trusted:
        return None
    t = c.start if c.start is not None else sit.wall
    item = c.item
    if t < item.valid_from:
        return (
            f"approval {item.approval_id} not valid before {iso(item.valid_from)}",
            f"phê duyệt {item.approval_id} chưa có hiệu lực trước {iso(item.valid_from)}",
        )
    if t >= item.valid_until:
        return (
            f"approval {item.approval_id} expired at {iso(item.valid_until)}",
            f"phê duyệt {item.approval_id} đã hết hạn lúc {iso(item.valid_until)}",
        )
    expires = c.expires_at if c.expires_at is not None else sit.bundle_expires_at
    if expires is not None and t >= expires:
        return (
            f"the bundle expired at {iso(expires)}",
            f"gói nội dung đã hết hạn lúc {iso(expires)}",
        )
    return None


def _preempts(c: Candidate, b: Active) -> bool:
    if c.kind is Kind.LOOP:
        return False
    if b.kind is Kind.LOOP:
        return True  # scheduled and emergency items pre-empt the loop
    if c.item.priority is Priority.EMERGENCY:
        return b.rank < Priority.EMERGENCY.rank
    return c.rank > b.rank


def _overlaps(b: Active, start: float, end: float) -> bool:
    return b.at < end and start < b.expected_end


def _waiting_behind_emergency(
    c: Candidate, ref: float, busy: Sequence[Active], policy: Policy
) -> bool:
    """An emergency due while another emergency held the output is not missed: it plays
    after it (armed again after a clock step, say, while the first one still plays)."""
    return c.item.priority is Priority.EMERGENCY and any(
        b.rank >= Priority.EMERGENCY.rank and b.at <= ref + policy.late_start_max_s for b in busy
    )


def decide(
    sit: Situation,
    *,
    candidates: Sequence[Candidate],
    history: Mapping[str, KeyState],
    active: Sequence[Active],
    policy: Policy,
) -> Decision:
    """One round of decisions. Idempotent for the same inputs; the daemon applies it and calls
    again next tick with the new state."""
    d = Decision()
    live = {a.key: a for a in active if not a.cancelling}
    stopping = {a.key for a in active if a.cancelling}  # re-decided once their end is reported
    busy = list(live.values())

    def deadline(c: Candidate) -> float | None:
        if c.start is None:
            return None
        return sit.now + (c.start - sit.wall).total_seconds()

    order = sorted(
        candidates,
        key=lambda c: (c.kind is not Kind.EMERGENCY, c.start or sit.wall, -c.rank, c.key),
    )
    for c in order:
        st = history.get(c.key)
        if (st is not None and st.done) or c.key in stopping:
            continue
        dl = deadline(c)
        a = live.get(c.key)
        if a is not None:
            if a.started:
                continue
            if c.start is not None and not sit.trusted:
                d.stops.append(
                    Stop(
                        c.key,
                        0.0,
                        "clock no longer trusted",
                        "đồng hồ không còn tin cậy",
                        final=False,
                    )
                )
            elif (
                dl is not None
                and a.deadline is not None
                and abs(dl - a.deadline) > policy.rearm_tolerance_s
            ):
                d.stops.append(
                    Stop(
                        c.key,
                        0.0,
                        f"clock stepped by {dl - a.deadline:+.3f} s",
                        f"đồng hồ nhảy {dl - a.deadline:+.3f} giây",
                        final=False,
                    )
                )
            continue
        if c.start is not None and not sit.trusted:
            continue  # the daemon says why in its log
        if c.start is None and not sit.trusted and not policy.on_demand_when_untrusted:
            continue
        ref = dl if dl is not None else sit.now
        if ref - sit.now > policy.lead_s:
            continue
        retry = st is not None and st.failures > 0
        if retry:
            assert st is not None
            if (
                st.failures > policy.retry_count
                or st.failed_at is None
                or sit.now - st.failed_at > policy.retry_within_s
                or (c.end is not None and sit.wall >= c.end)
            ):
                d.give_up.append(c.key)
                continue
            ref = max(ref, sit.now)
        else:
            why = c.drop_reason or unplayable(c, sit)
            if why is not None:
                d.skips.append(Skip(c, *why))
                continue
            # How late the start is, judged now: a unit back from a power cut 28 s after a
            # slot plays it, its first sample after the amplifier's warm-up (docs/timing.md).
            # An on-demand item (start None) is never late; were the warm-up counted, one
            # longer than late_start_max_s would skip every emergency.
            late = sit.now - ref
            if late > policy.late_start_max_s and not _waiting_behind_emergency(
                c, ref, busy, policy
            ):
                d.skips.append(
                    Skip(
                        c,
                        f"missed: due {late:.0f} s ago (unit off, output busy or clock stepped)",
                        f"lỡ giờ phát: trễ {late:.0f} giây (máy tắt, đang bận phát hoặc đồng hồ nhảy)",
                    )
                )
                continue
        at = max(ref, sit.now + policy.min_lead_s, sit.amp_ready_at)
        end = at + c.item.duration_s
        overlapping = [b for b in busy if _overlaps(b, at, end)]
        if c.item.priority is Priority.EMERGENCY:
            # An emergency cannot pre-empt another one: it is armed to start when the ones
            # ahead of it end, however late that is (the scheduler's plan does the same).
            while ahead := [b for b in overlapping if not _preempts(c, b)]:
                at = max(b.expected_end for b in ahead)
                end = at + c.item.duration_s
                overlapping = [b for b in busy if _overlaps(b, at, end)]
        elif any(not _preempts(c, b) for b in overlapping):
            continue  # wait for it to end; if that takes too long it is skipped as missed
        for b in overlapping:
            final = b.kind is Kind.LOOP or b.started
            d.stops.append(
                Stop(
                    b.key,
                    policy.fade_s if b.started else 0.0,
                    f"pre-empted by {c.item.id}",
                    f"nhường cho {c.item.id}",
                    final=final,
                )
            )
            busy.remove(b)
            if b.started:
                # the fade and the emergency's arming run together: the emergency's first
                # sample follows the fade's end, or the card's lead if that is longer
                at = max(at, sit.now + max(policy.fade_s, policy.min_lead_s))
        sched_wall = c.start if c.start is not None else sit.wall + timedelta(seconds=at - sit.now)
        d.arms.append(Arm(c, at, dl, st.failures if st is not None else 0, sched_wall))
        busy.append(Active(c.key, c.kind, c.rank, at, at + c.item.duration_s, False, dl))

    loop = sit.loop_next
    if loop is not None and (sit.trusted or policy.on_demand_when_untrusted):
        at = max(sit.now + policy.min_lead_s, sit.loop_ready_at, sit.amp_ready_at)
        end = at + loop.item.duration_s
        soon = sit.loop_ready_at - sit.now <= policy.lead_s  # not armed long before its time
        free = not any(
            b.expected_end > at or (b.kind is Kind.LOOP and not b.started) for b in busy
        )  # one pass armed at a time, after whatever plays
        cut = sit.trusted and any(
            c.start is not None
            and c.drop_reason is None
            and not (history.get(c.key) and history[c.key].done)
            and sit.now < (deadline(c) or 0.0) <= end + policy.lead_s
            for c in candidates
        )
        if soon and free and not cut:
            why = unplayable(loop, sit)
            if why is not None:
                d.skips.append(Skip(loop, *why))
            else:
                d.arms.append(Arm(loop, at, None, 0, sit.wall + timedelta(seconds=at - sit.now)))
    return d


# --------------------------------------------------------------------------- relays


def amp_ready_at(
    now: float, *, amp_on: bool, timing: RelayTiming, on_since: float | None = None
) -> float:
    """The soonest first sample the relays allow: once the amplifier has been on for the
    warm-up (now, if it has been on long enough), else after the zones settle and it warms up."""
    if amp_on:
        return now if on_since is None else max(now, on_since + timing.warm_up_s)
    return now + timing.warm_up_s + timing.zone_settle_s


def _merge(broadcasts: Sequence[Broadcast]) -> list[Broadcast]:
    out: list[Broadcast] = []
    for b in sorted(broadcasts, key=lambda b: b.start):
        if out and b.start < out[-1].end:
            last = out[-1]
            out[-1] = Broadcast(
                last.start, max(last.end, b.end), tuple(sorted(set(last.zones) | set(b.zones)))
            )
        else:
            out.append(b)
    return out


def relay_plan(
    current: Sequence[Broadcast],
    ended: Sequence[Broadcast],
    timing: RelayTiming,
    *,
    now: float,
    amp_on: bool,
    zones: Sequence[str],
    amp_off_at: float | None,
) -> list[RelayStep]:
    """The relay steps from the relays' state now (apply those with time <= now).

    `current`: armed and playing broadcasts; `ended`: recent ones whose amplifier hold may
    still run. Ended broadcasts count only while the amplifier is on (their hold and tail);
    with it off they are history. With nothing left, the amplifier goes off at once and the
    zones are released `zone_settle_s` after it went off.
    """
    items = list(current) + (list(ended) if amp_on else [])
    if not items:
        if amp_on:
            return [RelayStep(now, RelayAction.AMP_OFF)]
        if zones and timing.release_zones:
            t = now if amp_off_at is None else amp_off_at + timing.zone_settle_s
            return [RelayStep(t, RelayAction.SELECT_ZONES, ())]
        return []
    merged = _merge(items)
    try:
        return plan_relays(merged, timing, amp_on=amp_on, zones=zones)
    except ValueError:
        # back-to-back on different zones with no silence between: switch at once (rare)
        first = merged[0]
        steps = [RelayStep(now, RelayAction.SELECT_ZONES, first.zones)]
        if not amp_on:
            steps.append(RelayStep(now, RelayAction.AMP_ON))
        return steps

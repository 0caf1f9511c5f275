"""Where the timeline may be cut, so that a plan is a function of the rules and never of the
window it is asked for.

`expand` plans a window by planning whole blocks around it and keeping what falls inside.
A block is planned on its own (conflicts, queuing, sessions, daily caps), so its ends are
instants across which nothing reaches:

1. A *clean midnight* M (Asia/Ho_Chi_Minh): every non-emergency entry that starts before M
   — after quiet hours and weekdays, which are per entry — ends by
   M - queue_tolerance_s - session_gap_s. Then no entry crosses M, none can be queued
   across it, no session spans it (a session joins broadcasts less than session_gap_s
   apart), and daily caps count sessions per local day of their start: nothing on one side
   can change the other.
2. When none of the six midnights before it is clean (a schedule that keeps the output
   busy around every midnight), *Monday 00:00*, a *forced* boundary: such a schedule is
   planned week by week, and what plays on across Monday 00:00 is carried into the next
   block, which is fitted after it.

What a forced boundary M carries in, `carried(M)`, is what ends after M among the entries of
the block before it, [P, M) (P its previous boundary), planned *with nothing carried into it*:
a function of the rules and of that one block, so of no window and of no other block. A
block [M, …) is fitted around the emergencies and `carried(M)` (`fit_below`): its early
entries queue after a carried entry within queue_tolerance_s, or are dropped naming it, as
around an emergency. A carried entry belongs to the block before: it is reported, and
counted in sessions and daily caps, there only (so is the piece of a relay window, or an
entry queued, that starts after M). Sessions and caps read on across M as across any other
midnight: the session of that same block (planned with nothing carried in) still running
less than session_gap_s before M, `session_across(M)`, is where the block [M, …) starts
reading its sessions; a broadcast joining it is in that session for max_session_minutes and
counts for the day it started (Sunday), not as a second session of Monday. (They used to
count Monday afresh: a relay 23:30–00:30 every night and a bulletin at 00:33 under
max_per_day 1 lost Monday night's relay every week.)

A block [P, M) as played had something carried into it too when P is forced. What of it
still plays at M, `played_on(M)`, is then not always `carried(M)`: what was carried in at P
can change the block as far as its last night, but only when the output is busy the whole
week without a gap (a queue or a session running on from one Monday to the next). It plays
all the same: Sunday night is never cut. The block [M, …) was fitted after `carried(M)`;
its entries that overlap an entry of `played_on(M)` not in `carried(M)` give way to it
(`_give_way`): dropped naming it, a relay piece starting when it ends if that is within
queue_tolerance_s; nothing else in the block moves, so the rest of the block is still a
function of `carried(M)` alone. An entry of `carried(M)` that does not play leaves its time
unused after M. `played_on(M)` is a function of the rules and of the two blocks before M
(the block before, fitted after what the one before it carries in).

A window's blocks run from the last boundary at or before its first day to the first
boundary at or after its last midnight: at most 13 midnights either way; one block more
before them when the block before a forced first boundary plays on into the window, or
reports there a broadcast it dropped (a relay piece after an emergency, `reports_from`); and
the first block's `played_on` looks two blocks further back. So a window looks at most
four blocks (52 midnights) before its first day.

Emergencies are not cut by blocks. They are queued one after another (an emergency cannot
pre-empt another one: `conflicts.queue_emergencies`), and every block fits its other entries
around them. The emergencies first scheduled on local day D are placed by queuing those of
[D - 1 day, D + 1 day) afresh: the same as one endless queue unless emergencies play back to
back for more than a day, which is refused (ScheduleError) rather than planned.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime, timedelta

from .conflicts import RELAY_MIN_PIECE_S, fit_below, queue_emergencies
from .errors import ScheduleError
from .occurrences import Occurrences
from .policy import (
    apply_caps,
    drop_after_expiry,
    drop_disallowed_weekdays,
    drop_outside_approval,
    drop_quiet_hours,
    sessions,
)
from .rules import Schedule
from .timeline import Conflict, ItemInfo, Plan, PlanEntry, Violation, nfc, order_key
from .tz import day_start, human_en, human_vi, next_day_start

ONE_DAY = timedelta(days=1)
SEARCH_MIDNIGHTS = 14  # a boundary is at most 13 midnights away (see module docstring)

_Planned = tuple[list[PlanEntry], list[Conflict], list[Violation]]


def _whole_days(lo: datetime, hi: datetime) -> tuple[datetime, datetime]:
    return day_start(lo), (hi if hi == day_start(hi) else next_day_start(hi))


class Blocks:
    """The rules of one schedule, planned block by block around the windows asked of it."""

    def __init__(
        self,
        schedule: Schedule,
        items: Mapping[str, ItemInfo],
        *,
        now_entries: list[PlanEntry],
        limit: int,
        expires_at: datetime | None = None,
    ) -> None:
        self.policy = schedule.policy
        self.items = items
        self.expires_at = expires_at
        self.normal = Occurrences(
            schedule, items, emergencies=False, limit=limit, expires_at=expires_at
        )
        self.urgent = Occurrences(
            schedule, items, emergencies=True, limit=limit, expires_at=expires_at
        )
        self.now_entries = sorted(now_entries, key=order_key)
        self.tolerance = timedelta(seconds=self.policy.queue_tolerance_s)
        self.gap = timedelta(seconds=self.policy.session_gap_s)
        self.longest = max(
            (
                *(
                    timedelta(seconds=items[i].duration_s)
                    for rule in schedule.rules
                    for i in rule.item_ids
                    if not items[i].is_emergency
                ),
                *(rule.window.length() for rule in schedule.relay_rules()),
            ),
            default=timedelta(0),
        )
        # An entry starting this long before a midnight or earlier cannot make it unclean.
        self.reach = self.tolerance + self.gap + self.longest
        self._clean: dict[datetime, bool] = {}
        self._days: dict[datetime, tuple[list[PlanEntry], list[Conflict], list[Violation]]] = {}
        self._bare_blocks: dict[tuple[datetime, datetime], _Planned] = {}
        self._carried: dict[datetime, list[PlanEntry]] = {}
        self._played_on: dict[datetime, list[PlanEntry]] = {}
        self._session_across: dict[datetime, list[PlanEntry]] = {}

    # ---- boundaries ------------------------------------------------------------------------

    def clean(self, midnight: datetime) -> bool:
        if midnight not in self._clean:
            lo = midnight - self.reach
            self.normal.cover(*_whole_days(lo, midnight))
            latest = max((e.end for e in self.normal.kept(lo, midnight)), default=None)
            self._clean[midnight] = latest is None or latest + self.tolerance + self.gap <= midnight
        return self._clean[midnight]

    def forced(self, midnight: datetime) -> bool:
        """Monday 00:00 of a week with no clean midnight: a boundary all the same."""
        return midnight.weekday() == 0 and not any(
            self.clean(midnight - k * ONE_DAY) for k in range(1, 7)
        )

    def is_boundary(self, midnight: datetime) -> bool:
        return self.clean(midnight) or self.forced(midnight)

    def _search(self, midnight: datetime, step: timedelta) -> datetime:
        for _ in range(SEARCH_MIDNIGHTS):
            if self.is_boundary(midnight):
                return midnight
            midnight += step
        raise AssertionError("no block boundary within two weeks")  # see module docstring

    # ---- emergencies -----------------------------------------------------------------------

    def _emergency_day(
        self, day: datetime
    ) -> tuple[list[PlanEntry], list[Conflict], list[Violation]]:
        """The emergencies first scheduled on local `day`, as placed, their conflicts, and
        the violations of those left out at the start they were queued to (an approval
        ended, the bundle expired: the unit would skip them then)."""
        if day not in self._days:
            lo, hi = day - ONE_DAY, day + ONE_DAY
            raw = list(self.now_entries)
            if not self.urgent.empty:
                self.urgent.cover(lo, hi)
                raw += self.urgent.kept(lo, hi)
            raw = sorted((e for e in raw if lo <= e.start < hi), key=order_key)
            # one each, in the same order (None: left out where it was queued to)
            placed, conflicts, refused = queue_emergencies(raw, check=self._unplayable)
            _refuse_day_long_backlog(raw, placed)
            kept: list[PlanEntry] = []
            left_out: list[Violation] = []
            why = iter(refused)  # one for each None, in the same order
            for r, p in zip(raw, placed, strict=True):
                reason = next(why) if p is None else None
                if not day <= r.start < hi:
                    continue
                if p is not None:
                    kept.append(p)
                elif reason is not None:
                    left_out.append(reason)
            self._days[day] = (
                kept,
                [c for c in conflicts if day <= c.entry.start < hi],
                left_out,
            )
        return self._days[day]

    def _unplayable(self, entry: PlanEntry) -> Violation | None:
        """Why the unit would not start `entry` where it is (approval window, expiry)."""
        _, found = drop_outside_approval([entry], self.items)
        if not found:
            _, found = drop_after_expiry([entry], self.expires_at)
        return found[0] if found else None

    def emergencies(
        self, lo: datetime, hi: datetime
    ) -> tuple[list[PlanEntry], list[Conflict], list[Violation]]:
        """Emergencies first scheduled in the local days of [lo, hi), placed; their
        conflicts; those left out where they were queued to."""
        placed: list[PlanEntry] = []
        conflicts: list[Conflict] = []
        violations: list[Violation] = []
        if self.urgent.empty and not self.now_entries:
            return placed, conflicts, violations
        day, stop = _whole_days(lo, hi)
        if not self.urgent.empty:
            self.urgent.cover(day - ONE_DAY, stop + ONE_DAY)  # in one go, not day by day
        while day < stop:
            more_placed, more_conflicts, more_violations = self._emergency_day(day)
            placed += more_placed
            conflicts += more_conflicts
            violations += more_violations
            day += ONE_DAY
        return sorted(placed, key=order_key), conflicts, violations

    # ---- the plan --------------------------------------------------------------------------

    def plan(self, start: datetime, end: datetime) -> Plan:
        """Entries, conflicts and violations of the entries starting in [start, end)."""
        first = day_start(start)
        # One go for what is surely needed; the searches below extend it only if they must.
        self.normal.cover(*_whole_days(first - self.reach, end))
        if not self.clean(first):
            # A queued entry from before `first` may start inside the window.
            first = self._search(day_start(start - self.tolerance), -ONE_DAY)
            if not self.clean(first) and self.reports_from(first, start):
                # The block before plays on past `first` into the window, or reports there a
                # broadcast it dropped (a relay piece cut by the session cap): plan it too.
                first = self._search(first - ONE_DAY, -ONE_DAY)
        last = self._search(end if end == day_start(end) else next_day_start(end), ONE_DAY)
        self.normal.cover(*_whole_days(first - self.reach, last))
        cuts = [first]
        midnight = first + ONE_DAY
        while midnight < last:
            if self.is_boundary(midnight):
                cuts.append(midnight)
            midnight += ONE_DAY
        cuts.append(last)

        def inside(e: PlanEntry) -> bool:
            return start <= e.start < end

        urgent, urgent_conflicts, urgent_refused = self.emergencies(
            first - ONE_DAY, last + self.longest + self.tolerance
        )
        entries = [e for e in urgent if inside(e)]
        conflicts = [c for c in urgent_conflicts if inside(c.entry)]
        violations = [v for v in urgent_refused if inside(v.entry)]
        violations += self.normal.violations(start, end)
        if not self.urgent.empty:  # emergencies whose approval does not cover them
            violations += self.urgent.violations(start, end)
        for lo, hi in itertools.pairwise(cuts):
            kept, found, dropped = self._planned(lo, hi)
            entries += (e for e in kept if inside(e))
            conflicts += (c for c in found if inside(c.entry))
            violations += (v for v in dropped if inside(v.entry))
        return Plan(
            start=start,
            end=end,
            entries=sorted(entries, key=order_key),
            conflicts=sorted(conflicts, key=lambda c: order_key(c.entry)),
            violations=sorted(violations, key=lambda v: order_key(v.entry)),
        )

    # ---- blocks ----------------------------------------------------------------------------

    def _occupants(self, lo: datetime, hi: datetime) -> list[PlanEntry]:
        """The emergencies, as placed, that block [lo, hi) fits its entries around."""
        if self.urgent.empty and not self.now_entries:
            return []
        until = hi + self.longest + self.tolerance
        # Nothing starting a day before `lo` is still playing at `lo`, and an emergency plays
        # at most a day after it was scheduled (refused otherwise).
        placed, _, _ = self.emergencies(lo - 2 * ONE_DAY, until)
        return [e for e in placed if lo - ONE_DAY <= e.start < until]

    def _bare(self, lo: datetime, hi: datetime) -> _Planned:
        """Block [lo, hi) planned with nothing carried in, and nothing cut at `hi`."""
        if (lo, hi) not in self._bare_blocks:
            self.normal.cover(*_whole_days(lo, hi))
            normal = self.normal.kept(lo, hi)
            self._bare_blocks[lo, hi] = (
                self._block(normal, self._occupants(lo, hi)) if normal else ([], [], [])
            )
        return self._bare_blocks[lo, hi]

    def carried(self, midnight: datetime) -> list[PlanEntry]:
        """What the block from forced boundary `midnight` is fitted after: the entries of the
        block before it, planned with nothing carried into that block, that end after
        `midnight`.

        A function of the rules and of that one block: never of another block, or a window."""
        if midnight not in self._carried:
            before = self._search(midnight - ONE_DAY, -ONE_DAY)
            kept, _, _ = self._bare(before, midnight)
            self._carried[midnight] = [e for e in kept if e.end > midnight]
        return self._carried[midnight]

    def played_on(self, midnight: datetime) -> list[PlanEntry]:
        """What does play on across forced boundary `midnight`: the entries of the block
        before it, as played (fitted after what is carried into it), that end after
        `midnight`. The same as `carried(midnight)` unless what was carried into the block
        before changed it as far as its last night (the output busy the whole week).

        A function of the rules and of the two blocks before `midnight`."""
        if midnight not in self._played_on:
            before = self._search(midnight - ONE_DAY, -ONE_DAY)
            kept, _, _ = self._fitted(before, midnight)
            self._played_on[midnight] = [e for e in kept if e.end > midnight]
        return self._played_on[midnight]

    def reports_from(self, midnight: datetime, start: datetime) -> bool:
        """Does the block before forced boundary `midnight` play, or report dropped, anything
        starting at or after `start`? What it plays on past `midnight` (`played_on`), and
        the pieces of a relay window it cut after `midnight` and dropped (session cap, quiet
        hours, a conflict), belong to it and are reported by it only."""
        if any(e.start >= start for e in self.played_on(midnight)):
            return True
        before = self._search(midnight - ONE_DAY, -ONE_DAY)
        kept, conflicts, violations = self._planned(before, midnight)
        return (
            any(e.start >= start for e in kept)
            or any(c.entry.start >= start for c in conflicts)
            or any(v.entry.start >= start for v in violations)
        )

    def session_across(self, midnight: datetime) -> list[PlanEntry]:
        """The session of the block before forced boundary `midnight` (planned with nothing
        carried into it, as for `carried`) that a broadcast after `midnight` may still join:
        its kept broadcasts, if it ends less than session_gap_s before `midnight` or later.
        The block from `midnight` reads its sessions and caps on from it: a broadcast
        joining it counts for the day the session started, as across any other midnight.

        A function of the rules and of that one block, like `carried`."""
        if midnight not in self._session_across:
            before = self._search(midnight - ONE_DAY, -ONE_DAY)
            kept, _, _ = self._bare(before, midnight)
            groups = sessions(kept, gap_s=self.policy.session_gap_s)
            self._session_across[midnight] = [
                e
                for group in groups
                if max(x.end for x in group) > midnight - self.gap
                for e in group
            ]
        return self._session_across[midnight]

    def _fitted(self, lo: datetime, hi: datetime) -> _Planned:
        """Block [lo, hi) fitted after what is carried in across `lo`, its sessions read on
        from the one running across `lo`."""
        carried_in = [] if self.clean(lo) else self.carried(lo)
        session = [] if self.clean(lo) else self.session_across(lo)
        if not carried_in and not session:
            return self._bare(lo, hi)
        self.normal.cover(*_whole_days(lo, hi))
        normal = self.normal.kept(lo, hi)
        occupants = sorted(self._occupants(lo, hi) + carried_in, key=order_key)
        return self._block(normal, occupants, before=session) if normal else ([], [], [])

    def _planned(self, lo: datetime, hi: datetime) -> _Planned:
        """Block [lo, hi) as played: fitted after what is carried in across `lo`, its
        entries that would overlap what does play on across `lo` giving way to it (see the
        module docstring). Nothing is cut at `hi`: what plays on past it is the next block's
        to give way to."""
        kept, conflicts, violations = self._fitted(lo, hi)
        if not self.clean(lo):
            fitted_after = set(self.carried(lo))
            played = [e for e in self.played_on(lo) if e not in fitted_after]
            if played:
                kept, more = _give_way(kept, played, self.tolerance)
                conflicts = [*conflicts, *more]
        return kept, conflicts, violations

    def _block(
        self,
        normal: list[PlanEntry],
        occupants: list[PlanEntry],
        *,
        before: list[PlanEntry] | None = None,
    ) -> _Planned:
        policy = self.policy
        kept, conflicts = fit_below(
            normal, occupants=occupants, tolerance_s=policy.queue_tolerance_s
        )
        # Queuing moves entries later, possibly into quiet hours, past midnight or past the
        # end of an item's approval or the bundle's expiry (the unit checks both at the start
        # it plays at).
        kept, violations = drop_outside_approval(kept, self.items)
        kept, more = drop_after_expiry(kept, self.expires_at)
        violations += more
        kept, more = drop_quiet_hours(kept, policy)
        violations += more
        kept, more = drop_disallowed_weekdays(kept, policy)
        violations += more
        kept, more = apply_caps(kept, policy, before=before or ())
        violations += more
        return kept, conflicts, violations


def _refuse_day_long_backlog(raw: list[PlanEntry], placed: list[PlanEntry | None]) -> None:
    busy_since: datetime | None = None
    busy_until: datetime | None = None
    for r, p in zip(raw, placed, strict=True):
        if p is None:  # left out: it holds the output for nobody
            continue
        if busy_until is None or r.start >= busy_until:
            busy_since = r.start  # the queue was empty: a new run of emergencies
        busy_until = p.end
        assert busy_since is not None
        if busy_until - busy_since > ONE_DAY:
            raise ScheduleError(
                f"emergency broadcasts would play back to back for more than a day from "
                f"{human_en(busy_since)}; check the emergency rules",
                f"các bản tin khẩn cấp sẽ phát liền nhau hơn một ngày kể từ "
                f"{human_vi(busy_since)}; kiểm tra các quy tắc phát khẩn cấp",
            )


def _give_way(
    entries: list[PlanEntry], played: list[PlanEntry], tolerance: timedelta
) -> tuple[list[PlanEntry], list[Conflict]]:
    """The entries of a block from a forced Monday 00:00 that give way to what the block
    before plays on across it (`played`) although the block was not fitted after it.

    An entry overlapping one of them is dropped, naming it; a relay piece starts when it
    ends instead if it waits at most `tolerance` and keeps RELAY_MIN_PIECE_S (its end does
    not move). Nothing else moves: a move could reach another entry, and the plan of the
    block on from there must not depend on the week before it."""
    minimum = timedelta(seconds=RELAY_MIN_PIECE_S)
    kept: list[PlanEntry] = []
    conflicts: list[Conflict] = []
    for e in entries:
        over = [p for p in played if p.overlaps(e)] if not e.is_emergency else []
        if not over:
            kept.append(e)
            continue
        free = max(p.end for p in over)
        if e.relay is not None and free - e.start <= tolerance and e.end - free >= minimum:
            kept.append(e.moved_to(free, delay_s=e.delay_s + (free - e.start).total_seconds()))
            continue
        conflicts.append(_playing_on(e, min(over, key=order_key)))
    return sorted(kept, key=order_key), conflicts


def _playing_on(entry: PlanEntry, other: PlanEntry) -> Conflict:
    return Conflict(
        kind="dropped",
        entry=entry,
        other=other,
        reason=(
            f"dropped {entry.what_en} at {human_en(entry.start)}: overlaps {other.what_en} "
            f"of the week before (from {human_en(other.start)}), which plays on past Monday "
            "00:00 after a week the output was busy throughout"
        ),
        reason_vi=nfc(
            f"Bỏ {entry.what_vi} lúc {human_vi(entry.start)}: trùng giờ với {other.what_vi} "
            f"của tuần trước (từ {human_vi(other.start)}) phát tiếp qua 00:00 thứ Hai, sau "
            "một tuần loa bận liên tục"
        ),
    )

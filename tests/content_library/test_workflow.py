"""The approval state machine: every state × every action, who may act, and the audio an
approval binds to."""

from __future__ import annotations

from datetime import timedelta

import pytest

from content_library.errors import PermissionDenied, ValidationError, WorkflowError
from content_library.workflow import (
    Action,
    Actor,
    AudioNotHeard,
    AudioRefusal,
    State,
    VersionFacts,
    allowed_actions,
    check_heard,
    effective_state,
    transition,
)

AUTHOR = 1
REVIEWER = 2
author = Actor(id=AUTHOR, author_here=True)
reviewer = Actor(id=REVIEWER, reviewer_here=True)
system = Actor(id=None, system=True)

# The expected outcome of each action from each stored state, by the actor who may do it.
EXPECTED: dict[tuple[State, Action], State | None] = {
    (State.DRAFT, Action.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Action.APPROVE): None,
    (State.DRAFT, Action.REJECT): None,
    (State.DRAFT, Action.WITHDRAW): State.WITHDRAWN,
    (State.DRAFT, Action.EXPIRE): None,
    (State.SUBMITTED, Action.SUBMIT): None,
    (State.SUBMITTED, Action.APPROVE): State.APPROVED,
    (State.SUBMITTED, Action.REJECT): State.REJECTED,
    (State.SUBMITTED, Action.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Action.EXPIRE): None,
    (State.APPROVED, Action.SUBMIT): None,
    (State.APPROVED, Action.APPROVE): None,
    (State.APPROVED, Action.REJECT): None,
    (State.APPROVED, Action.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Action.EXPIRE): State.EXPIRED,
}
for s in (State.REJECTED, State.WITHDRAWN, State.EXPIRED, State.SUPERSEDED):
    for a in Action:
        EXPECTED[(s, a)] = None

ACTOR_FOR = {
    Action.SUBMIT: author,
    Action.APPROVE: reviewer,
    Action.REJECT: reviewer,
    Action.WITHDRAW: author,
    Action.EXPIRE: system,
}


def test_table_covers_every_state_and_action():
    assert set(EXPECTED) == {(s, a) for s in State for a in Action}


@pytest.mark.parametrize(("state", "action"), sorted(EXPECTED, key=str))
def test_every_state_times_every_action(state, action, now):
    # EXPIRE only applies once valid_until has passed; the others run inside the window.
    valid_until = now - timedelta(seconds=1) if action is Action.EXPIRE else now + timedelta(days=7)
    if state is State.APPROVED and action is not Action.EXPIRE:
        valid_until = now + timedelta(days=7)
    facts = VersionFacts(state=state, created_by=AUTHOR, valid_until=valid_until)
    expected = EXPECTED[(state, action)]
    if expected is None:
        with pytest.raises(WorkflowError):
            transition(facts, action, ACTOR_FOR[action], now=now, reason="lý do")
    else:
        assert transition(facts, action, ACTOR_FOR[action], now=now, reason="lý do") == expected


def test_reject_needs_a_reason(now):
    facts = VersionFacts(state=State.SUBMITTED, created_by=AUTHOR)
    with pytest.raises(ValidationError) as exc:
        transition(facts, Action.REJECT, reviewer, now=now, reason="   ")
    assert "lý do" in exc.value.reason_vi


def test_reviewer_cannot_approve_own_version(now):
    both = Actor(id=AUTHOR, author_here=True, reviewer_here=True)
    facts = VersionFacts(state=State.SUBMITTED, created_by=AUTHOR)
    with pytest.raises(PermissionDenied):
        transition(facts, Action.APPROVE, both, now=now)
    admin_author = Actor(id=AUTHOR, admin=True)
    with pytest.raises(PermissionDenied):
        transition(facts, Action.APPROVE, admin_author, now=now)


def test_author_cannot_approve_and_stranger_cannot_submit(now):
    facts = VersionFacts(state=State.SUBMITTED, created_by=AUTHOR)
    with pytest.raises(PermissionDenied):
        transition(facts, Action.APPROVE, Actor(id=9, author_here=True), now=now)
    draft = VersionFacts(state=State.DRAFT, created_by=AUTHOR)
    with pytest.raises(PermissionDenied):
        transition(draft, Action.SUBMIT, Actor(id=9, reviewer_here=True), now=now)


def test_a_writer_without_the_role_any_more_cannot_withdraw(now):
    # the version's own writer, moved away or removed: like submitting, the role decides
    approved = VersionFacts(
        state=State.APPROVED, created_by=AUTHOR, valid_until=now + timedelta(days=1)
    )
    with pytest.raises(PermissionDenied) as exc:
        transition(approved, Action.WITHDRAW, Actor(id=AUTHOR), now=now)
    assert "rút" in exc.value.reason_vi
    assert allowed_actions(approved, Actor(id=AUTHOR), now=now) == []
    # another writer of the area, and the area's admin, still may
    assert transition(approved, Action.WITHDRAW, Actor(id=9, author_here=True), now=now)
    assert transition(approved, Action.WITHDRAW, Actor(id=7, admin=True), now=now)


def test_only_the_sweep_expires(now):
    facts = VersionFacts(
        state=State.APPROVED, created_by=AUTHOR, valid_until=now - timedelta(hours=1)
    )
    with pytest.raises(WorkflowError):
        # effective state is already "expired": a person has nothing left to do with it
        transition(facts, Action.WITHDRAW, author, now=now)
    assert transition(facts, Action.EXPIRE, system, now=now) == State.EXPIRED


def test_approval_expires_at_valid_until(now):
    until = now + timedelta(days=1)
    facts = VersionFacts(state=State.APPROVED, created_by=AUTHOR, valid_until=until)
    assert effective_state(facts, until - timedelta(microseconds=1)) == State.APPROVED
    assert effective_state(facts, until) == State.EXPIRED


def test_cannot_submit_or_approve_after_validity_ended(now):
    past = now - timedelta(minutes=1)
    with pytest.raises(ValidationError):
        transition(VersionFacts(State.DRAFT, AUTHOR, past), Action.SUBMIT, author, now=now)
    with pytest.raises(ValidationError):
        transition(VersionFacts(State.SUBMITTED, AUTHOR, past), Action.APPROVE, reviewer, now=now)


def test_allowed_actions_match_buttons(now):
    facts = VersionFacts(state=State.SUBMITTED, created_by=AUTHOR)
    assert allowed_actions(facts, reviewer, now=now) == [Action.APPROVE, Action.REJECT]
    assert allowed_actions(facts, author, now=now) == [Action.WITHDRAW]


RENDER = "ab" * 32


@pytest.mark.parametrize(
    ("render_status", "render_sha256", "heard", "code"),
    [
        ("queued", None, RENDER, AudioRefusal.RENDERING),
        ("running", RENDER, RENDER, AudioRefusal.RENDERING),  # re-rendering: the old file is stale
        ("none", None, RENDER, AudioRefusal.NOT_RENDERED),
        ("failed", None, "", AudioRefusal.NOT_RENDERED),
        ("none", RENDER, RENDER, AudioRefusal.NOT_RENDERED),  # a hash without a finished render
        ("done", RENDER, "", AudioRefusal.NOT_HEARD),
        ("done", RENDER, "cd" * 32, AudioRefusal.CHANGED),
    ],
)
def test_approval_needs_the_finished_render_that_was_heard(
    render_status, render_sha256, heard, code
):
    with pytest.raises(AudioNotHeard) as exc:
        check_heard(render_status=render_status, render_sha256=render_sha256, heard=heard)
    assert exc.value.code == code
    assert exc.value.field == "audio_sha256"
    assert isinstance(exc.value, ValidationError)  # 422 at the web layer
    assert exc.value.reason and exc.value.reason_vi != exc.value.reason


def test_the_heard_render_is_what_the_approval_binds_to():
    assert check_heard(render_status="done", render_sha256=RENDER, heard=RENDER) == RENDER

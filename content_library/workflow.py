"""The approval state machine of a script version: pure functions over plain data.

    draft ──submit──▶ submitted ──approve──▶ approved ──(valid_until passes)──▶ expired
                          │                      │
                          └──reject (reason)──▶ rejected
    draft | submitted | approved ──withdraw──▶ withdrawn

Editing never changes a version: it makes a new draft version, which needs its own approval
(``content_library.services.new_version``). The old one becomes ``superseded`` unless it is
approved, in which case it keeps playing until the new one is approved.

An approval binds to audio: ``check_heard`` accepts it only for the version's finished render
(text read aloud, or a recording mastered), and only when the reviewer names that render's
sha256 — the file they listened to. Anything else is ``AudioNotHeard`` with a ``code``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from content_library.errors import PermissionDenied, ValidationError, WorkflowError

RENDERING = ("queued", "running")  # render_status values of a render still being made


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


STATE_LABELS_VI: dict[str, str] = {
    State.DRAFT: "bản nháp",
    State.SUBMITTED: "chờ duyệt",
    State.APPROVED: "đã duyệt",
    State.REJECTED: "bị từ chối",
    State.WITHDRAWN: "đã rút",
    State.EXPIRED: "hết hiệu lực",
    State.SUPERSEDED: "đã có bản mới",
}


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    EXPIRE = "expire"


@dataclass(frozen=True)
class VersionFacts:
    """What the state machine needs to know about a version."""

    state: str
    created_by: int
    valid_until: datetime | None = None
    # Everyone whose writing the version carries: the script's author, whoever wrote any of
    # its versions, and whoever wrote the same content anywhere else. None of them may review
    # it, however the text reached this version (a colleague re-saving it unchanged).
    authors: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Actor:
    """Who acts, and which roles they hold over the version's area (already resolved)."""

    id: int | None
    author_here: bool = False
    reviewer_here: bool = False
    admin: bool = False
    system: bool = False  # the expiry sweep, not a person


def effective_state(facts: VersionFacts, now: datetime) -> str:
    """The state a person should see: an approval past its valid-until has expired."""
    if facts.state == State.APPROVED and facts.valid_until is not None and now >= facts.valid_until:
        return State.EXPIRED
    return facts.state


_FROM: dict[Action, frozenset[str]] = {
    Action.SUBMIT: frozenset({State.DRAFT}),
    Action.APPROVE: frozenset({State.SUBMITTED}),
    Action.REJECT: frozenset({State.SUBMITTED}),
    Action.WITHDRAW: frozenset({State.DRAFT, State.SUBMITTED, State.APPROVED}),
    Action.EXPIRE: frozenset({State.APPROVED}),
}

_TO: dict[Action, State] = {
    Action.SUBMIT: State.SUBMITTED,
    Action.APPROVE: State.APPROVED,
    Action.REJECT: State.REJECTED,
    Action.WITHDRAW: State.WITHDRAWN,
    Action.EXPIRE: State.EXPIRED,
}

_ACTION_VI = {
    Action.SUBMIT: "gửi duyệt",
    Action.APPROVE: "phê duyệt",
    Action.REJECT: "từ chối",
    Action.WITHDRAW: "rút",
    Action.EXPIRE: "đánh dấu hết hiệu lực",
}


def transition(
    facts: VersionFacts, action: Action, actor: Actor, *, now: datetime, reason: str = ""
) -> State:
    """Return the new state, or raise WorkflowError / PermissionDenied / ValidationError."""
    action = Action(action)
    # The sweep looks at the stored state; people see the effective one (expired hides approved).
    current = facts.state if action is Action.EXPIRE else effective_state(facts, now)
    if action is Action.EXPIRE and effective_state(facts, now) != State.EXPIRED:
        current = "not yet expired"
    if current not in _FROM[action]:
        label = STATE_LABELS_VI.get(current, current)
        raise WorkflowError(
            f"cannot {action.value} a version that is {current}",
            f"Không thể {_ACTION_VI[action]} một phiên bản đang ở trạng thái “{label}”.",
        )
    _check_permission(facts, action, actor)
    if action is Action.REJECT and not reason.strip():
        raise ValidationError(
            "a rejection needs a reason", "Từ chối phải kèm lý do.", field="reason"
        )
    if action in (Action.SUBMIT, Action.APPROVE):
        check_validity(facts.valid_until, now)
    return _TO[action]


def check_validity(valid_until: datetime | None, now: datetime) -> None:
    """A version cannot be sent for review or approved once its validity has ended."""
    if valid_until is not None and now >= valid_until:
        raise ValidationError(
            "the requested validity has already ended",
            "Thời hạn hiệu lực đã qua; hãy sửa thời hạn rồi gửi lại.",
            field="valid_until",
        )


def _check_permission(facts: VersionFacts, action: Action, actor: Actor) -> None:
    if action is Action.EXPIRE:
        if not actor.system:
            raise PermissionDenied(
                "only the expiry sweep marks versions expired",
                "Chỉ hệ thống mới đánh dấu hết hiệu lực.",
            )
        return
    if action is Action.SUBMIT:
        # Only who writes for the area now: a writer whose author role there was taken away
        # (moved, or removed) no longer sends content into that area's review queue.
        if actor.author_here or actor.admin:
            return
        raise PermissionDenied(
            "only the author's team can submit this script",
            "Chỉ tổ tuyên truyền soạn kịch bản này mới được gửi duyệt.",
        )
    if action in (Action.APPROVE, Action.REJECT):
        if not (actor.reviewer_here or actor.admin):
            raise PermissionDenied(
                "you are not a reviewer for this area",
                "Bạn không có quyền thẩm duyệt cho địa bàn này.",
            )
        if actor.id == facts.created_by:
            raise PermissionDenied(
                "a reviewer cannot review a version they wrote",
                "Người thẩm duyệt không được tự duyệt phiên bản do chính mình soạn.",
            )
        if actor.id in facts.authors:
            raise PermissionDenied(
                "a reviewer cannot review a script they wrote (any version of it, or the same text)",
                "Người thẩm duyệt không được tự duyệt kịch bản mình đã soạn "
                "(một phiên bản bất kỳ của nó, hoặc cùng nội dung).",
            )
        return
    if action is Action.WITHDRAW:
        # Like submitting: the area's writers (or its admins). A writer whose role there was
        # taken away (moved, removed, a lost phone) can no longer take its broadcasts off air.
        if actor.author_here or actor.admin:
            return
        raise PermissionDenied(
            "only the author's team can withdraw this script",
            "Chỉ tổ tuyên truyền soạn kịch bản này mới được rút.",
        )


class AudioRefusal(StrEnum):
    """Why an approval was refused although the reviewer may approve: the ``code`` of
    ``AudioNotHeard`` (API clients branch on it; people read the reason)."""

    RENDERING = "render_pending"  # the audio is still being made
    NOT_RENDERED = "not_rendered"  # no finished audio (never rendered, or the render failed)
    NOT_HEARD = "not_heard"  # no audio_sha256 sent: nothing was listened to
    CHANGED = "audio_changed"  # the audio is not the one the reviewer listened to


class AudioNotHeard(ValidationError):
    """An approval without the exact audio behind it; nothing was stored."""

    def __init__(self, code: AudioRefusal, reason: str, reason_vi: str) -> None:
        super().__init__(reason, reason_vi, field="audio_sha256")
        self.code = AudioRefusal(code)


def check_heard(*, render_status: str, render_sha256: str | None, heard: str) -> str:
    """The sha256 an approval binds to: the finished render, when ``heard`` names it.

    Checked after ``transition`` (who may approve, and whether the version is awaiting
    review), so a refusal for the audio never hides a refusal for the person.
    """
    if render_status in RENDERING:
        raise AudioNotHeard(
            AudioRefusal.RENDERING,
            "the audio is still being rendered; wait until it is ready, then listen",
            "Âm thanh đang được dựng; vui lòng chờ xong rồi nghe trước khi duyệt.",
        )
    if render_status != "done" or not render_sha256:
        raise AudioNotHeard(
            AudioRefusal.NOT_RENDERED,
            "the audio is not rendered yet",
            "Chưa có bản âm thanh để nghe; vui lòng chờ dựng âm thanh xong.",
        )
    if not heard:
        raise AudioNotHeard(
            AudioRefusal.NOT_HEARD,
            "listen to the audio before approving (send the audio_sha256 you heard)",
            "Hãy nghe bản âm thanh trước khi duyệt.",
        )
    if heard != render_sha256:
        raise AudioNotHeard(
            AudioRefusal.CHANGED,
            "the audio changed since you listened; listen again",
            "Âm thanh đã thay đổi kể từ khi bạn nghe; vui lòng nghe lại trước khi duyệt.",
        )
    return render_sha256


def allowed_actions(facts: VersionFacts, actor: Actor, *, now: datetime) -> list[Action]:
    """Actions the actor may take now (to show only the buttons that will work)."""
    out = []
    for action in Action:
        try:
            transition(facts, action, actor, now=now, reason="x")
        except (WorkflowError, PermissionDenied, ValidationError):
            continue
        out.append(action)
    return out

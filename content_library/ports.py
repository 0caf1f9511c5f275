"""What the domain calls out through: ``RenderQueue``, the audio renderer as the use cases see
it, and ``RecordedRenders``, its stand-in that renders nothing and records what it was asked.

content_library imports neither web nor tts, so the panel passes its render service in
(``web.services.render.AfterResponse``); tests and scripts that set a version's render
fields themselves pass ``RecordedRenders()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlmodel import Session

    from content_library.models import ScriptVersion, User


class RenderQueue(Protocol):
    """Makes the audio reviewers hear, after the caller's unit of work commits."""

    def queue(self, session: Session, version: ScriptVersion) -> None:
        """Render this version: it is marked queued now (its old audio no longer stands for it)
        and rendered once the caller has committed."""
        ...

    def recheck(
        self,
        session: Session,
        *,
        reason: tuple[str, str],
        now: datetime,
        actor: User | None,
        kinds: Iterable[str],
    ) -> list[int]:
        """Something the audio is made with changed (``reason``: English, Vietnamese): drop the
        approvals whose audio would now differ and render those versions again. Returns the
        ids queued."""
        ...


@dataclass
class RecordedRenders:
    """A RenderQueue that renders nothing: ``queued`` and ``rechecked`` say what was asked."""

    queued: list[int] = field(default_factory=list)
    rechecked: list[tuple[str, str]] = field(default_factory=list)

    def queue(self, session: Session, version: ScriptVersion) -> None:
        assert version.id is not None  # the use cases queue a version after its flush
        self.queued.append(version.id)

    def recheck(
        self,
        session: Session,
        *,
        reason: tuple[str, str],
        now: datetime,
        actor: User | None,
        kinds: Iterable[str],
    ) -> list[int]:
        self.rechecked.append(reason)
        return []

"""The audit of refused requests: a logged-in person's request that the panel refused — a
role or area they do not hold (403), a reviewer approving their own script (four-eyes),
another commune's object (404, read like an id that does not exist), a change without the
page's CSRF token — is kept as an ``access.refused`` audit event, in a transaction of its own
(the action's was rolled back).

Every refused change (not GET or HEAD) is kept. A refused read is kept when it named an object
by id (``/scripts/{script_id}`` with another commune's id: a curious operator trying ids), at
most once per person and path in ``READ_DEDUPE`` — a page left open that polls an object taken
away writes one row, not one every two seconds; a page refused by its role alone (no id) is
not kept. The password re-checks audit their own refusals (``web.reauth``). Writing the event
never changes the answer: a busy or failing database is logged, and the person still gets the
refusal (docs/security.md 38).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select
from starlette.requests import Request

from content_library import services
from content_library.models import AuditEvent, User
from web.services.visible import visible

log = logging.getLogger(__name__)

ACTION = "access.refused"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_MAX_ID = 64  # AuditEvent.object_id
READ_DEDUPE = timedelta(minutes=10)
# A password re-check's refusal is audited by web.reauth itself, under its own action.
_AUDITED_ELSEWHERE = frozenset({"reauth_required"})


def audit_refusal(request: Request, *, status: int, reason: str, code: str = "") -> None:
    """Audit this request's refusal when it names a person and asked to change something or
    to read an object by id. Blocking (database I/O): call it from a worker thread."""
    reading = request.method in _SAFE
    if code in _AUDITED_ELSEWHERE or (reading and not request.path_params):
        return
    # The plain copy: the request's own session was rolled back and closed by now.
    view = getattr(request.state, "user_view", None)
    if view is None:
        return
    route = request.scope.get("route")
    template = getattr(route, "path", None) or request.url.path
    # As sent, but escaped: a NUL in a path (PostgreSQL's JSON refuses it) or a bidi override
    # would cost the trace or garble the log that shows it.
    params = {k: visible(str(v))[:_MAX_ID] for k, v in request.path_params.items()}
    object_id = visible(request.url.path)[:_MAX_ID]
    now = request.app.state.clock()
    try:
        with Session(request.app.state.engine) as own:
            if reading and _kept_lately(own, view.id, object_id, now):
                return
            services.audit(
                own,
                actor=own.get(User, view.id),
                action=ACTION,
                object_type="request",
                object_id=object_id,
                now=now,
                method=request.method,
                route=template,
                params=params,
                status=status,
                code=code,
                reason=visible(reason)[:500],
            )
            own.commit()
    except SQLAlchemyError:  # the refusal stands; only its trace is lost
        log.exception("could not audit a refused %s %s", request.method, template)


def _kept_lately(session: Session, actor_id: int, object_id: str, now: datetime) -> bool:
    """Whether this person's refusal on this path was kept in the last ``READ_DEDUPE``."""
    # Compared as content_library.services compares its own audit times (the submit limit):
    # the app's clock wrote them.
    since = now - READ_DEDUPE
    row = session.exec(
        select(AuditEvent.id)
        .where(
            AuditEvent.action == ACTION,
            AuditEvent.actor_id == actor_id,
            AuditEvent.object_id == object_id,
            col(AuditEvent.at) >= since,
        )
        .limit(1)
    ).first()
    return row is not None

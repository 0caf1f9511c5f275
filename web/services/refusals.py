"""The audit of refused actions: a logged-in person's request to change something that the
panel refused — a role or area they do not hold (403), a reviewer approving their own script
(four-eyes), another commune's object (404, read like an id that does not exist) — is kept as
an ``access.refused`` audit event, in a transaction of its own (the action's was rolled back).

Only state-changing requests (not GET or HEAD): a refused read leaves nothing to trace, and a
page's reads are many. The password re-checks audit their own refusals (``web.reauth``).
Writing the event never changes the answer: a busy or failing database is logged, and the
person still gets the refusal (docs/security.md 38).
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.requests import Request

from content_library import services
from content_library.models import User
from web.services.visible import visible

log = logging.getLogger(__name__)

ACTION = "access.refused"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_MAX_ID = 64  # AuditEvent.object_id
# A password re-check's refusal is audited by web.reauth itself, under its own action.
_AUDITED_ELSEWHERE = frozenset({"reauth_required"})


def audit_refusal(request: Request, *, status: int, reason: str, code: str = "") -> None:
    """Audit this request's refusal when it asked to change something and names a person.
    Blocking (a database write): call it from a worker thread."""
    if request.method in _SAFE or code in _AUDITED_ELSEWHERE:
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
    try:
        with Session(request.app.state.engine) as own:
            services.audit(
                own,
                actor=own.get(User, view.id),
                action=ACTION,
                object_type="request",
                object_id=visible(request.url.path)[:_MAX_ID],
                now=request.app.state.clock(),
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

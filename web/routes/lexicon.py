"""The pronunciation lexicon page (admins): entries over the built-in list, and what an edit
does to approvals — every script whose audio an edit changes goes back to awaiting review."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from content_library import services
from content_library.errors import NotFound, ValidationError
from content_library.models import AuditEvent, LexiconEntry, User
from tts.lexicon import DEFAULT_LEXICON, validate_entry
from web import render_service
from web.deps import CurrentUser, Now, PageDep, SessionDep, discard
from web.i18n import N_

router = APIRouter(include_in_schema=False)

FormStr = Annotated[str, Form()]


def _rows(session: Session, q: str) -> list[dict]:
    stored = {e.term: e for e in session.exec(select(LexiconEntry)).all()}
    rows = []
    for term in sorted(set(DEFAULT_LEXICON) | set(stored), key=lambda t: (t.casefold(), t)):
        entry = stored.get(term)
        default = DEFAULT_LEXICON.get(term)
        spoken = entry.spoken if entry else default
        if entry is None:
            source = "builtin"
        elif default is None:
            source = "added"
        else:
            source = "changed" if entry.spoken != default else "builtin"
        rows.append({"term": term, "spoken": spoken, "default": default, "source": source,
                     "stored": entry is not None})
    if q:
        needle = q.casefold()
        rows = [r for r in rows if needle in r["term"].casefold() or needle in r["spoken"].casefold()]
    return rows


def _page(page, session: Session, *, q: str = "", values: dict | None = None,
          error: str | None = None, status: int = 200) -> Response:
    events = session.exec(
        select(AuditEvent).where(AuditEvent.object_type == "lexicon")
        .order_by(col(AuditEvent.id).desc()).limit(20)
    ).all()
    users = {u.id: u for u in session.exec(
        select(User).where(col(User.id).in_({e.actor_id for e in events if e.actor_id} or {-1}))
    ).all()}
    return page.render("lexicon.html", status_code=status, rows=_rows(session, q), q=q,
                       values=values or {}, error=error, events=events, users=users)


@router.get("/admin/lexicon")
def lexicon_page(page: PageDep, session: SessionDep, q: Annotated[str, Query(max_length=100)] = "",
                 term: Annotated[str, Query(max_length=100)] = "") -> Response:
    values = {}
    if term:  # "edit" links prefill the form
        current = services.lexicon(session).get(term, DEFAULT_LEXICON.get(term, ""))
        values = {"term": term, "spoken": current}
    return _page(page, session, q=q, values=values)


def _invalidate(request: Request, session: Session, background: BackgroundTasks, *,
                user: User, now: datetime, detail: str, detail_vi: str) -> list[int]:
    session.flush()
    return render_service.service_of(request).recheck(
        session, background, reason=render_service.lexicon_changed(detail, detail_vi), now=now,
        actor=user, kinds=("text",),  # recordings are not read through the lexicon
    )


@router.post("/admin/lexicon")
def lexicon_save(request: Request, page: PageDep, session: SessionDep, user: CurrentUser, now: Now,
                 background: BackgroundTasks, term: FormStr = "", spoken: FormStr = "") -> Response:
    values = {"term": term, "spoken": spoken}
    try:
        try:
            term, spoken = validate_entry(term, spoken)
        except ValueError as exc:
            raise ValidationError(f"the lexicon entry is not valid ({exc})", str(exc),
                                  field="term") from None
        before = services.lexicon(session).get(term, DEFAULT_LEXICON.get(term))
        services.set_lexicon_entry(session, actor=user, term=term, spoken=spoken, now=now)
    except ValidationError as exc:
        discard(session)
        return _page(page, session, values=values, status=422,
                     error=exc.reason_vi if page.locale == "vi" else exc.reason)
    if before != spoken:
        _invalidate(request, session, background, user=user, now=now,
                    detail=f"“{term}” → “{spoken}”", detail_vi=f"“{term}” → “{spoken}”")
    request.session["flash"] = N_("Lexicon entry saved; scripts that use it are rendered again "
                                  "and need review again.")
    return RedirectResponse("/admin/lexicon", status_code=303)


@router.post("/admin/lexicon/delete")
def lexicon_delete(request: Request, session: SessionDep, user: CurrentUser, now: Now,
                   background: BackgroundTasks, term: FormStr = "") -> Response:
    services.require_admin(session, user)
    entry = session.exec(select(LexiconEntry).where(LexiconEntry.term == term)).first()
    if entry is None:
        raise NotFound("no such lexicon entry", "Không tìm thấy mục từ điển này.")
    old = entry.spoken
    session.delete(entry)
    services.audit(session, actor=user, action="lexicon.delete", object_type="lexicon",
                   object_id=term, now=now, old=old, new=DEFAULT_LEXICON.get(term))
    default = DEFAULT_LEXICON.get(term)
    if default != old:
        if default is None:
            detail, detail_vi = f"“{term}” removed", f"xóa “{term}”"
        else:
            detail = f"“{term}” back to the built-in “{default}”"
            detail_vi = f"“{term}” trở về mặc định “{default}”"
        _invalidate(request, session, background, user=user, now=now, detail=detail,
                    detail_vi=detail_vi)
    request.session["flash"] = N_("Lexicon entry deleted; scripts that used it are rendered "
                                  "again and need review again.")
    return RedirectResponse("/admin/lexicon", status_code=303)

"""/admin/lexicon: the pronunciation lexicon page (admins), entries over the built-in list.
What an edit does to approvals — every script whose audio it changes goes back to awaiting
review and is rendered again — is ``content_library.services.set_lexicon_entry``. An edit needs
a recent password check (``web.reauth.ADMIN``, docs/security.md 33): from a found phone it
would take every approved script using the term off the air, and change what an approved
emergency template says when it is issued."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from content_library import access, services
from content_library.errors import ValidationError
from content_library.models import AuditEvent, LexiconEntry, User
from tts.lexicon import DEFAULT_LEXICON
from web.deps import CurrentUser, FormStr, Now, Page, PageDep, Renders, SessionDep, discard, flash
from web.i18n import N_
from web.reauth import ADMIN, REAUTH_FIELD, ReauthRefused, form_refusal, needs_password
from web.services import forms

router = APIRouter(include_in_schema=False)


def _rows(session: Session, q: str) -> list[dict]:
    stored = {e.term: e for e in session.exec(select(LexiconEntry)).all()}
    rows: list[dict[str, Any]] = []
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
        rows.append(
            {
                "term": term,
                "spoken": spoken,
                "default": default,
                "source": source,
                "stored": entry is not None,
            }
        )
    if q:
        needle = q.casefold()
        rows = [
            r for r in rows if needle in r["term"].casefold() or needle in r["spoken"].casefold()
        ]
    return rows


def _page(
    page: Page,
    session: Session,
    user: User,
    *,
    q: str = "",
    values: dict | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    events = session.exec(
        select(AuditEvent)
        .where(AuditEvent.object_type == "lexicon")
        .where(col(AuditEvent.action).in_(("lexicon.set", "lexicon.delete")))
        .order_by(col(AuditEvent.id).desc())
        .limit(20)
    ).all()
    # The lexicon is every province's; its editors are the roots' admins. One of another
    # province is not named to this admin (a commune's admin reads this page too): an account
    # the reader may not know of reads as someone outside their areas (security 30).
    actors = {e.actor_id for e in events if e.actor_id}
    users = {
        u.id: u
        for u in session.exec(
            select(User).where(
                col(User.id).in_({a for a in actors if access.knows_user(session, user, a)} or {-1})
            )
        ).all()
    }
    return page.render(
        "lexicon.html",
        status_code=status,
        rows=_rows(session, q),
        q=q,
        values=values or {},
        error=error,
        events=events,
        users=users,
        # The session's password check is older than the window (a found phone): each form
        # asks for the admin's own password once more (security 33).
        reauth=(
            page.say(ADMIN.ask_error()) if needs_password(page.request, session, ADMIN) else ""
        ),
        reauth_field=REAUTH_FIELD,
    )


def _refused(
    page: Page, session: Session, user: User, exc: ReauthRefused, *, values: dict | None = None
) -> Response:
    """The page again with the refusal (the entry as typed), nothing changed."""
    return _page(page, session, user, values=values, status=exc.status, error=page.say(exc.error))


@router.get("/admin/lexicon")
def lexicon_page(
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    q: Annotated[str, Query(max_length=100)] = "",
    term: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    values = {}
    if term:  # "edit" links prefill the form
        current = services.lexicon(session).get(term, DEFAULT_LEXICON.get(term, ""))
        values = {"term": term, "spoken": current}
    return _page(page, session, user, q=q, values=values)


@router.post("/admin/lexicon")
def lexicon_save(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
    term: FormStr = "",
    spoken: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    values = {"term": term, "spoken": spoken}
    services.require_admin(session, user, top=True)  # as set_lexicon_entry, before the password
    refused = form_refusal(
        request,
        user,
        reauth_password,
        purpose=ADMIN,
        show=lambda exc: _refused(page, session, user, exc, values=values),
        object_type="lexicon",
        object_id=term[:100],
        attempted="lexicon.set",
    )
    if refused is not None:
        return refused
    try:
        term, spoken = forms.lexicon_entry(term, spoken)
        services.set_lexicon_entry(
            session,
            actor=user,
            term=term,
            spoken=spoken,
            now=now,
            builtin=DEFAULT_LEXICON,
            renders=renders,
        )
    except ValidationError as exc:
        discard(session)
        return _page(page, session, user, values=values, status=422, error=page.say(exc))
    flash(
        request,
        N_("Lexicon entry saved; scripts that use it are rendered again and need review again."),
    )
    return RedirectResponse("/admin/lexicon", status_code=303)


@router.post("/admin/lexicon/delete")
def lexicon_delete(
    request: Request,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    now: Now,
    renders: Renders,
    term: FormStr = "",
    reauth_password: FormStr = "",
) -> Response:
    services.require_admin(session, user, top=True)
    refused = form_refusal(
        request,
        user,
        reauth_password,
        purpose=ADMIN,
        show=lambda exc: _refused(page, session, user, exc),
        object_type="lexicon",
        object_id=term[:100],
        attempted="lexicon.delete",
    )
    if refused is not None:
        return refused
    services.delete_lexicon_entry(
        session, actor=user, term=term, now=now, builtin=DEFAULT_LEXICON, renders=renders
    )
    flash(
        request,
        N_("Lexicon entry deleted; scripts that used it are rendered again and need review again."),
    )
    return RedirectResponse("/admin/lexicon", status_code=303)

"""/ and /healthz: where a logged-in user lands (by role), and the liveness probe."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from content_library.types import Role
from web.deps import CurrentUser, PageDep

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, page: PageDep, user: CurrentUser) -> Response:
    roles: set[str] = request.state.roles
    if Role.AUTHOR in roles or Role.ADMIN in roles:
        return RedirectResponse("/scripts", status_code=303)
    if Role.REVIEWER in roles:
        return RedirectResponse("/review", status_code=303)
    return page.render("home.html")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}

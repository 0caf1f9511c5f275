"""/assets/{sha256} and /versions/{id}/render-status|mp3: the audio files a user may hear,
a render's progress (polled by HTMX), and the approved render as MP3 for sharing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response

from content_library import services
from content_library.errors import NotFound, WorkflowError
from web.deps import CurrentUser, Now, PageDep, SessionDep
from web.schemas import IdPath
from web.services import render
from web.services.labels import ascii_slug

router = APIRouter(include_in_schema=False)


@router.get("/assets/{sha256}")
def asset(sha256: str, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """The audio of a version the user may see; Range requests let the player seek."""
    row = services.audio_asset(session, actor=user, sha256=sha256)
    path = request.app.state.asset_store.path_for(sha256)
    if not path.exists():
        raise NotFound("the audio file is missing", "Thiếu tệp âm thanh trên máy chủ.")
    return FileResponse(
        path,
        media_type=row.media_type or "application/octet-stream",
        headers={"Cache-Control": "private, max-age=3600"},
    )


@router.get("/versions/{version_id}/render-status")
def render_status(
    version_id: IdPath,
    page: PageDep,
    session: SessionDep,
    user: CurrentUser,
    view: Annotated[str, Query(max_length=10)] = "page",
) -> Response:
    """The render's progress, polled by HTMX every second while it is queued or running.

    On the script and review pages (``view=page``) a finished render reloads the page, so
    the player and the approve button appear with the audio's hash.
    """
    version, _script = services.visible_version(session, actor=user, version_id=version_id)
    view = "list" if view == "list" else "page"
    response = page.render("_render_status.html", v=version, view=view)
    if view == "page" and version.render_status not in render.PENDING:
        response.headers["HX-Refresh"] = "true"
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/versions/{version_id}/mp3")
def download_mp3(
    version_id: IdPath, request: Request, session: SessionDep, user: CurrentUser, now: Now
) -> Response:
    """The approved render as MP3, for sharing on Zalo or a fanpage."""
    version, script = services.visible_version(session, actor=user, version_id=version_id)
    if services.effective_state(version, now) != "approved":
        raise WorkflowError(
            "only approved audio can be downloaded", "Chỉ tải được âm thanh đã được duyệt."
        )
    sha = render.require_render(version)
    path = render.service_of(request.app).mp3_for(sha)
    name = f"{ascii_slug(script.title) or 'ban-tin'}-v{version.number}.mp3"
    return FileResponse(
        path,
        media_type="audio/mpeg",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, max-age=3600",
        },
    )

"""/assets/{sha256} and /versions/{id}/render-status|mp3: the audio files a user may hear,
a render's progress (polled by HTMX), and the approved render as MP3 for sharing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response
from sqlmodel import Session, col, select

from content_library import services
from content_library.errors import NotFound, WorkflowError
from content_library.models import Review, ScriptVersion
from web.deps import CurrentUser, Now, PageDep, SessionDep
from web.schemas import IdPath
from web.services import render
from web.services.labels import ascii_slug

router = APIRouter(include_in_schema=False)
# Kept by the browser only to be confirmed by the server before each use (docs/security.md 23).
AUDIO_CACHE = "private, no-cache"


@router.get("/assets/{sha256}")
def asset(sha256: str, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    """The audio of a version the user may see; Range requests let the player seek.

    The phone may keep a copy but asks before each replay (``no-cache``): while the session
    lasts the answer is a bodiless 304 (the file is named by its hash, so it never changes);
    after logout it is the way to the login form, and the copy is not played."""
    row = services.audio_asset(session, actor=user, sha256=sha256)
    path = request.app.state.asset_store.path_for(sha256)
    if not path.exists():
        raise NotFound("the audio file is missing", "Thiếu tệp âm thanh trên máy chủ.")
    headers = {"Cache-Control": AUDIO_CACHE, "ETag": f'"{row.sha256}"'}
    asked = request.headers.get("if-none-match", "")
    if headers["ETag"] in [t.strip().removeprefix("W/") for t in asked.split(",")]:
        return Response(status_code=304, headers=headers)
    return FileResponse(
        path, media_type=row.media_type or "application/octet-stream", headers=headers
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
    version, _ = services.visible_version(session, actor=user, version_id=version_id)
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
    version, _script = services.visible_version(session, actor=user, version_id=version_id)
    if services.effective_state(version, now) != "approved":
        raise WorkflowError(
            "only approved audio can be downloaded", "Chỉ tải được âm thanh đã được duyệt."
        )
    sha = _approved_audio(session, version)
    path = render.service_of(request.app).mp3_for(sha)
    name = f"{ascii_slug(version.title) or 'ban-tin'}-v{version.number}.mp3"
    return FileResponse(
        path,
        media_type="audio/mpeg",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )


def _approved_audio(session: Session, version: ScriptVersion) -> str:
    """The render, when it is the audio the approval names (docs/security.md 28): a render
    replaced under an approval is not shared as approved."""
    sha = render.require_render(version)
    review = session.exec(
        select(Review)
        .where(Review.version_id == version.id, Review.decision == "approved")
        .order_by(col(Review.id).desc())
    ).first()
    if review is None or review.audio_sha256 != sha:
        raise WorkflowError(
            "the audio now is not the audio that was approved; it needs approving again",
            "Âm thanh hiện tại không phải bản đã được duyệt; cần duyệt lại trước khi tải về.",
            code="approval_not_bound",
        )
    return sha

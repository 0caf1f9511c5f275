"""Whether a person may still see a script, its versions and its audio, checked at the edge.

A writer moved to another commune, or left without any role, kept reading the old commune's
script — later versions by others, reviews, history — and hearing and downloading its audio
(docs/security.md 29): having written it was enough. ``content_library.services`` no longer
lets it (``can_view_script``); every route that shows a script, a version or an audio file by
id also asks here, at the edge, and refuses such a person with the sentence of an id that does
not exist; lists leave those scripts out.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from content_library import access
from content_library.errors import NotFound
from content_library.models import Script, ScriptVersion, User


def no_script() -> NotFound:
    return NotFound("no such script", "Không tìm thấy kịch bản.")


def no_version() -> NotFound:
    return NotFound("no such script version", "Không tìm thấy phiên bản kịch bản.")


def no_audio() -> NotFound:
    return NotFound("no such audio", "Không tìm thấy tệp âm thanh.")


def sees(session: Session, user: User, script: Script) -> bool:
    return access.sees_scripts_of(session, user, script.area_id)


def check_script(session: Session, user: User, script: Script) -> None:
    if not sees(session, user, script):
        raise no_script()


def check_version(session: Session, user: User, script: Script) -> None:
    if not sees(session, user, script):
        raise no_version()


def check_audio(session: Session, user: User, sha256: str) -> None:
    """The audio belongs to a script of an area where the user still holds a role."""
    area_ids = session.exec(
        select(Script.area_id)
        .join(ScriptVersion, col(ScriptVersion.script_id) == col(Script.id))
        .where((ScriptVersion.asset_sha256 == sha256) | (ScriptVersion.render_sha256 == sha256))
        .distinct()
    ).all()
    if not any(access.sees_scripts_of(session, user, a) for a in area_ids):
        raise no_audio()

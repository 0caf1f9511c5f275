"""Who may act where: roles held over an area apply to its whole subtree."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from content_library.errors import ValidationError
from content_library.models import Area, Membership, User, require_id
from content_library.types import Role

# Who watches the fleet and reads the reports of an area: its operators and reviewers.
WATCH_ROLES = (Role.OPERATOR.value, Role.REVIEWER.value)
# Who sees an area's scripts (sees_scripts_of): its writers, reviewers and radio operators.
SCRIPT_ROLES = (Role.AUTHOR.value, Role.REVIEWER.value, Role.OPERATOR.value)


def area_path(session: Session, area_id: int) -> str | None:
    area = session.get(Area, area_id)
    return area.path if area else None


def is_within(path: str, ancestor_path: str) -> bool:
    """True when ``path`` is ``ancestor_path`` or below it (materialised paths '/1/4/')."""
    return path.startswith(ancestor_path)


def user_roles(session: Session, user_id: int | None) -> list[tuple[str, Area]]:
    """(role, area) pairs the user holds; a user not saved yet (``id`` None) holds none."""
    rows = session.exec(
        select(Membership, Area).where(Membership.user_id == user_id, Membership.area_id == Area.id)
    ).all()
    return [(m.role, a) for m, a in rows]


def is_admin(session: Session, user: User) -> bool:
    return any(role == Role.ADMIN for role, _ in user_roles(session, user.id))


def has_role(session: Session, user: User, role: str, area_id: int | None = None) -> bool:
    """Does ``user`` hold ``role`` (or admin) on ``area_id`` or one of its ancestors?

    With ``area_id=None``: does the user hold the role anywhere.
    """
    if user is None or not user.is_active:
        return False
    roles = user_roles(session, user.id)
    target = area_path(session, area_id) if area_id is not None else None
    if area_id is not None and target is None:
        return False
    for held, area in roles:
        if held != role and held != Role.ADMIN:
            continue
        if target is None or is_within(target, area.path):
            return True
    return False


def sees_scripts_of(session: Session, user: User, area_id: int) -> bool:
    """May ``user`` see the scripts of ``area_id`` — their versions, reviews, history and
    audio? Its writers, reviewers and radio operators may (admins hold every role). Having
    written one once is not enough: a writer moved to another commune, or left without a
    role, reads it like an id that does not exist (docs/security.md 29), as for withdrawing
    it (20) or seeing an emergency (22)."""
    return any(has_role(session, user, role, area_id) for role in SCRIPT_ROLES)


def role_area_ids(session: Session, user: User, *roles: str) -> set[int]:
    """Every area id in the subtrees where the user holds one of ``roles`` (admins: all areas)."""
    return {require_id(a) for a in areas_for(session, user, *roles)}


def areas_for(session: Session, user: User, *roles: str) -> list[Area]:
    """The areas a user sees with ``roles``: every area in the subtrees where they hold one of
    them (admins: all), in tree order (parents before children). The one answer to "which
    areas may this person pick, filter by or report on"."""
    wanted = {*roles, Role.ADMIN}
    roots = [a.path for held, a in user_roles(session, user.id) if held in wanted]
    if not roots:
        return []
    areas = session.exec(select(Area)).all()
    return sorted(
        (a for a in areas if any(is_within(a.path, root) for root in roots)), key=lambda a: a.path
    )


def visible_areas(session: Session, user: User) -> list[Area]:
    """The areas a user may know of, in tree order: every area in the subtrees where they hold
    any role, and the areas above those (their district's and province's names). Other
    communes stay out of sight, as their scripts and units do."""
    if user is None or not user.is_active:
        return []
    held = [a.path for _, a in user_roles(session, user.id)]
    if not held:
        return []
    return sorted(
        (
            a
            for a in session.exec(select(Area)).all()
            if any(is_within(a.path, p) or is_within(p, a.path) for p in held)
        ),
        key=lambda a: a.path,
    )


def subtree_ids(session: Session, area_id: int) -> set[int]:
    root = area_path(session, area_id)
    if root is None:
        return set()
    return {
        require_id(a)
        for a in session.exec(select(Area).where(col(Area.path).startswith(root))).all()
    }


def visible_area_ids(session: Session, user: User) -> set[int]:
    """The ids of ``visible_areas``: what a person may know exists."""
    return {require_id(a) for a in visible_areas(session, user)}


def is_root_admin(session: Session, user: User) -> bool:
    """Does ``user`` administer a root of the tree (a province: every area below)?"""
    return any(
        role == Role.ADMIN and area.parent_id is None for role, area in user_roles(session, user.id)
    )


def knows_user(session: Session, actor: User, user_id: int) -> bool:
    """May ``actor`` know that the account ``user_id`` exists? Those holding a role in an area
    the actor may know of (``visible_areas``: their subtrees and the areas above), and — for
    an admin of a root of the tree, who manages them (24) — accounts without any role. An
    account whose roles all lie in another commune (or province), or one without roles to
    anyone else, reads like an id that does not exist (docs/security.md 30): a refusal would
    confirm the guess."""
    held = set(session.exec(select(Membership.area_id).where(Membership.user_id == user_id)).all())
    if not held:
        return is_root_admin(session, actor)
    return bool(held & visible_area_ids(session, actor))


def require_known_areas(
    session: Session, actor: User, area_ids: Iterable[int], *, parent: bool = False
) -> None:
    """An area ``actor`` may not know of (another commune's, outside ``visible_areas``) is
    refused with the very error the use cases give an area that does not exist (422, the same
    sentence; ``parent``: the parent of a new area): neither is named nor confirmed
    (docs/security.md 30). Areas they may know of pass on to the use case's own checks."""
    visible = visible_area_ids(session, actor)
    if all(a in visible for a in area_ids):
        return
    if parent:
        raise ValidationError(
            "unknown parent area", "Địa bàn cấp trên không tồn tại.", field="parent_id"
        )
    raise ValidationError("unknown area", "Địa bàn không tồn tại.", field="area_id")

"""Demo data on today's map (An Giang → communes → ấp): areas, topics, one user per role.

The two communes are the model sites of the seed plan (seeds/000), placed on the two-level map
Vietnam has had since 1 July 2025 (province, commune; no district).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from content_library import emergency, relay, services
from content_library.models import Area, LexiconEntry, Topic, Unit, User, require_id
from content_library.types import Role

TOPICS = [
    ("ANTT", "An ninh trật tự"),
    ("ATGT", "An toàn giao thông"),
    ("MA-TUY", "Phòng, chống ma túy"),
    ("PCCC", "Phòng cháy chữa cháy"),
    ("LUA-DAO", "Lừa đảo qua mạng"),
    ("THIEN-TAI", "Thiên tai"),
]

# Today's map: since 1 July 2025 local government has two levels, province and commune (no
# district), and the former Kiên Giang province is part of An Giang. So: province → communes →
# ấp (villages). The two communes are the seed plan's model sites; the plan predates the
# 2025 mergers, and we could not confirm the communes' or ấp's post-merger names, so they keep
# the plan's names. The area tree itself allows any depth (older plans still have districts).
# (name, kind, children): a tree of areas.
_AreaNode = tuple[str, str, list["_AreaNode"]]
AREAS: _AreaNode = (
    "An Giang",
    "province",
    [
        (
            "Ngọc Chúc",
            "commune",
            [("Ấp Ngọc Thạnh", "village", []), ("Ấp Ngọc Bình", "village", [])],
        ),
        (
            "Thạnh Lộc",
            "commune",
            [("Ấp Thạnh Hưng", "village", []), ("Ấp Thạnh Bình", "village", [])],
        ),
    ],
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    area: str
    description: str


USERS = [
    (
        "doanvien",
        "Nguyễn Văn An",
        Role.AUTHOR,
        "Ngọc Chúc",
        "Đoàn viên tổ tuyên truyền — soạn và gửi kịch bản",
    ),
    # The reviewer sat at the (now abolished) district; at the province (Công an tỉnh) they
    # still review both communes' scripts.
    (
        "congan",
        "Trần Thị Bình",
        Role.REVIEWER,
        "An Giang",
        "Công an tỉnh — nghe, duyệt hoặc từ chối",
    ),
    ("daixa", "Lê Văn Cường", Role.OPERATOR, "Ngọc Chúc", "Đài truyền thanh xã — lập lịch phát"),
    (
        "chutich",
        "Võ Minh Đức",
        Role.ISSUER,
        "Ngọc Chúc",
        "Chủ tịch UBND xã — phát lệnh khẩn cấp (bão, lũ, cháy)",
    ),
    ("quantri", "Phạm Thị Dung", Role.ADMIN, "An Giang", "Quản trị — người dùng, vai trò, địa bàn"),
]

DEMO_UNIT_ID = "ngoc-chuc-01"

LEXICON = {"ANTT": "an ninh trật tự", "ATGT": "an toàn giao thông", "PCCC": "phòng cháy chữa cháy"}


def is_seeded(session: Session) -> bool:
    return session.exec(select(User)).first() is not None


def seed_demo(
    session: Session, *, now: datetime, passwords: dict[str, str] | None = None
) -> list[DemoLogin]:
    """Create the demo areas, topics and users (first start only); return the logins."""
    if is_seeded(session):
        return []
    by_name: dict[str, Area] = {}

    def add(node, parent_id):
        name, kind, children = node
        area = services.create_area(
            session, actor=None, name=name, kind=kind, parent_id=parent_id, now=now
        )
        by_name[name] = area
        for child in children:
            add(child, area.id)

    add(AREAS, None)
    for code, name in TOPICS:
        session.add(Topic(code=code, name=name))
    for term, spoken in LEXICON.items():
        session.add(LexiconEntry(term=term, spoken=spoken, updated_at=now))
    logins = []
    for username, full_name, role, area_name, description in USERS:
        password = (passwords or {}).get(username) or secrets.token_urlsafe(9)
        services.create_user(
            session,
            actor=None,
            username=username,
            password=password,
            full_name=full_name,
            roles=[(role.value, require_id(by_name[area_name]))],
            now=now,
        )
        logins.append(DemoLogin(username, password, role.value, area_name, description))
    # The simulated unit that `make run` starts beside the panel.
    session.add(
        Unit(
            id=DEMO_UNIT_ID,
            name="Cụm loa chợ Ngọc Chúc (mô phỏng)",
            area_id=require_id(by_name["Ngọc Chúc"]),
            kind="fixed",
            created_at=now,
        )
    )
    session.flush()
    # The approved storm template an emergency issuer fills in (issue 15).
    emergency.seed_demo_template(
        session,
        area=by_name["An Giang"],
        writer=_user(session, "quantri"),
        reviewer=_user(session, "congan"),
        now=now,
    )
    # The approved relay channel "VOV1 (mô phỏng)": the local station `make run` starts (16).
    relay.seed_demo_channel(
        session,
        area=by_name["An Giang"],
        writer=_user(session, "quantri"),
        reviewer=_user(session, "congan"),
        now=now,
    )
    return logins


def _user(session: Session, username: str) -> User:
    return session.exec(select(User).where(User.username == username)).one()

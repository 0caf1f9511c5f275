"""Plain shared vocabulary of the domain: priorities, regions, roles (no I/O, no ORM)."""

from __future__ import annotations

from enum import StrEnum

# How far a unit's clock may be from the panel's: a signed request's timestamp outside it is
# refused, and a time a unit reports beyond it (in the future) is not believed (security 22).
CLOCK_WINDOW_S = 300


class Priority(StrEnum):
    """The three levels of the national rules for commune radio."""

    NORMAL = "normal"  # thông thường
    PRIORITY = "priority"  # ưu tiên
    EMERGENCY = "emergency"  # khẩn cấp: plays at once, pre-empting everything

    @property
    def rank(self) -> int:
        return {"normal": 0, "priority": 1, "emergency": 2}[self.value]

    @property
    def label_vi(self) -> str:
        return {"normal": "thông thường", "priority": "ưu tiên", "emergency": "khẩn cấp"}[
            self.value
        ]


class Region(StrEnum):
    """Voice / reading region: Bắc, Trung, Nam."""

    NORTH = "north"
    CENTRAL = "central"
    SOUTH = "south"


class Role(StrEnum):
    AUTHOR = "author"  # youth team member (tổ tuyên truyền, Đoàn thanh niên)
    REVIEWER = "reviewer"  # police reviewer (Công an xã / tỉnh)
    OPERATOR = "operator"  # commune radio operator (Đài truyền thanh xã)
    ISSUER = "issuer"  # emergency issuer (người phát lệnh khẩn cấp): police chief, chairman
    ADMIN = "admin"


HO_CHI_MINH = "Asia/Ho_Chi_Minh"

"""SQLModel table of relay channels (tiếp sóng, issue 16): a higher-level station's stream,
registered by an admin and approved once by a police reviewer, the approval bound to its URL.

Imported once at the bottom of ``content_library.models`` so the metadata and Alembic see it;
the speaker unit never imports this module. The use cases live in ``content_library.relay``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from content_library.models import AsRunRecord, utcnow


class ChannelState:
    """States of a relay channel."""

    SUBMITTED = "submitted"  # chờ duyệt: new, or its URL changed since the approval
    APPROVED = "approved"  # đã duyệt: may go into bundles (while bound to the same URL)
    REJECTED = "rejected"  # bị từ chối
    REVOKED = "revoked"  # đã thu hồi


class RelayChannel(SQLModel, table=True):
    """One relay channel: what a bundle's ``relays`` entry is made of.

    ``code`` is the channel id in bundles and relay rules: one channel per code in a branch of
    the tree (its area, those above and those below: what one unit may relay), so two
    communes may each have a ``dai-xa`` and registering one confirms nothing of the other
    (``relay.register_channel``; the database holds one per area). The approval is bound to
    ``approved_url``: a channel whose ``url`` differs from it is not approved (changing the URL
    puts the channel back to waiting for approval). The fallback item is an approved script
    version, packed into the bundle beside the channel.
    """

    __table_args__ = (Index("uq_relaychannel_area_code", "area_id", "code", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, index=True)
    name: str = Field(max_length=200)
    url: str = Field(max_length=2048)
    format: str = Field(max_length=8)  # mp3 | aac | ogg | hls
    area_id: int = Field(foreign_key="area.id", index=True)  # its area and everything below
    fallback_version_id: int | None = Field(default=None, foreign_key="scriptversion.id")
    state: str = Field(default=ChannelState.SUBMITTED, max_length=12, index=True)
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_by: int = Field(foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow)
    approved_by: int | None = Field(default=None, foreign_key="user.id")
    approved_at: datetime | None = None
    approved_url: str | None = Field(default=None, max_length=2048)
    approval_valid_until: datetime | None = None
    ended_by: int | None = Field(default=None, foreign_key="user.id")
    ended_at: datetime | None = None
    end_reason: str | None = None


# As-run entries that name no item are relay windows' (the unit writes no other): a partial
# index over them lets the reports find relay windows without reading every entry's body.
_asrun = AsRunRecord.__table__.c  # type: ignore[attr-defined]
ITEMLESS_INDEX = Index(
    "ix_asrun_itemless_time",
    _asrun.actual_start,
    sqlite_where=_asrun.item_id.is_(None),
    postgresql_where=_asrun.item_id.is_(None),
)

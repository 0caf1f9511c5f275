"""What the panel shows for domain values: the msgids of states, priorities, voices, audit
actions, area kinds and as-run kinds (translated in templates), area labels indented by depth,
and ASCII file names for downloads."""

from __future__ import annotations

import re
import unicodedata

from content_library.models import Area, require_id
from web.i18n import N_

STATE_MSGIDS = {
    "draft": N_("draft"),
    "submitted": N_("awaiting review"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
    "expired": N_("expired"),
    "superseded": N_("superseded"),
}
PRIORITY_MSGIDS = {"normal": N_("normal"), "priority": N_("priority"), "emergency": N_("emergency")}
REGION_MSGIDS = {
    "north": N_("Northern voice"),
    "central": N_("Central voice"),
    "south": N_("Southern voice"),
}
AUDIT_MSGIDS = {
    "script.create": N_("created"),
    "script.edit": N_("edited (new version)"),
    "version.submit": N_("submitted for review"),
    "version.approve": N_("approved"),
    "version.reject": N_("rejected"),
    "version.withdraw": N_("withdrawn"),
    "version.expire": N_("expired"),
    "version.approval_dropped": N_("approval dropped; needs review again"),
    "lexicon.set": N_("lexicon entry saved"),
    "lexicon.delete": N_("lexicon entry deleted"),
}
RENDER_MSGIDS = {
    "queued": N_("Waiting to render the audio…"),
    "running": N_("Rendering the audio… %(pct)s%%"),
    "done": N_("Audio ready"),
    "failed": N_("The audio could not be rendered:"),
}

KINDS = ("province", "district", "commune", "village")
KIND_MSGIDS = {
    "province": N_("province"),
    "district": N_("district"),
    "commune": N_("commune"),
    "village": N_("village"),
}
ASRUN_KIND_MSGIDS = {
    "armed": N_("armed"),
    "started": N_("started"),
    "finished": N_("finished"),
    "failed": N_("failed"),
    "skipped": N_("skipped"),
}


def area_label(area: Area) -> str:
    """The area's name, indented by its depth in the tree (for <select> options)."""
    depth = max(0, area.path.count("/") - 2)
    return "\u00a0\u00a0" * depth + area.name


def area_choices(areas: list[Area]) -> list[tuple[int, str]]:
    return [(require_id(a), area_label(a)) for a in areas]


def ascii_slug(text: str, *, max_len: int = 60) -> str:
    """'Phòng chống ma túy tháng 3' → 'phong-chong-ma-tuy-thang-3' (safe in any header)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:max_len].rstrip("-")

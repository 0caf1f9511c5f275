"""A schedule the panel saves is one the units can plan, and the week it shows is the one they
play: rules that make more broadcasts than the planner looks at are refused on saving (with
the reason, nothing stored), a row saved before that check says so on its page, its timeline
and its publish button instead of failing with a server error, and an item approved from a
later day gives its slots up in the week shown, as the unit never starts it before then."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from content_library.models import Publication, Schedule
from scheduler.tz import TZ

from .conftest import NOW
from .test_schedules import approved_version, week_form

# every minute, each firing repeated 20 times: more broadcasts in a week than the planner looks
# at (scheduler.plan.MAX_OCCURRENCES); a unit refuses such a bundle (schedule_invalid)
EVERY_MINUTE = {
    "times": "",
    "once_at": "",
    "cron_minute": "*",
    "repeat": "20",
    "quiet_start": "",
    "quiet_end": "",
}
TOO_MANY_VI = "lượt phát trong khoảng này"


@pytest.fixture
def items(panel, db):
    a = approved_version(panel, db, title="Bản tin sáng", text="Kính thưa bà con, bản tin sáng.")
    b = approved_version(panel, db, title="Thông báo họp", text="Mời bà con họp thôn tối nay.")
    return a, b


def test_rules_the_units_cannot_plan_are_refused_on_saving_and_nothing_is_stored(
    panel, db, items
) -> None:
    op = panel("daixa")
    r = op.post("/schedules/new", week_form(items, **EVERY_MINUTE))
    assert r.status_code == 422, r.text
    assert TOO_MANY_VI in r.text and "quy tắc số 1" in r.text
    db.expire_all()
    assert db.exec(select(Schedule)).all() == []

    # an existing schedule edited so: refused, and what was saved stays
    good = week_form(items, times="07:00", once_at="", quiet_start="", quiet_end="")
    assert op.post("/schedules/new", good).status_code == 303
    db.expire_all()
    row = db.exec(select(Schedule)).one()
    before = dict(row.body)
    r = op.post(f"/schedules/{row.id}/edit", week_form(items, **EVERY_MINUTE))
    assert r.status_code == 422 and TOO_MANY_VI in r.text
    db.expire_all()
    assert db.get(Schedule, row.id).body == before


def test_a_row_saved_before_the_check_says_why_and_is_never_published(panel, db, items) -> None:
    op = panel("daixa")
    good = week_form(items, times="07:00", once_at="", quiet_start="", quiet_end="")
    assert op.post("/schedules/new", good).status_code == 303
    db.expire_all()
    row = db.exec(select(Schedule)).one()
    body = dict(row.body)
    ids = body["rules"][0]["item_ids"]
    body["rules"] = [{"kind": "cron", "minute": "*", "item_ids": ids, "repeat": 20, "gap_s": 0}]
    row.body = body
    db.add(row)
    db.commit()

    page = op.get(f"/schedules/{row.id}")
    assert page.status_code == 200 and TOO_MANY_VI in page.text

    timeline = op.client.get(f"/api/v1/schedules/{row.id}/timeline")
    assert timeline.status_code == 422
    assert TOO_MANY_VI in timeline.json()["reason_vi"]

    r = op.post(f"/schedules/{row.id}/publish")
    assert r.status_code == 422 and TOO_MANY_VI in r.text
    db.expire_all()
    assert db.exec(select(Publication)).all() == []


def test_an_item_approved_from_a_later_day_gives_its_slots_up_in_the_week_shown(panel, db) -> None:
    """A priority notice approved from the day after tomorrow, at the daily bulletin's minute:
    the unit skips the notice before then and plays the bulletin, and the week shown says so
    (the notice's early slots outside its approval, the bulletin kept)."""
    bulletin = approved_version(panel, db, title="Bản tin sáng", text="Bản tin sáng nay.")
    starts = (NOW + timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    notice = approved_version(
        panel,
        db,
        title="Thông báo lịch tiêm",
        text="Mời bà con đưa trẻ đi tiêm chủng.",
        priority="priority",
        valid_from=starts.strftime("%Y-%m-%dT%H:%M"),
    )
    op = panel("daixa")
    form = week_form((bulletin, notice), times="07:00", once_at="", quiet_start="", quiet_end="")
    assert op.post("/schedules/new", form).status_code == 303
    db.expire_all()
    row = db.exec(select(Schedule)).one()
    timeline = op.client.get(f"/api/v1/schedules/{row.id}/timeline").json()

    def at(text: str) -> datetime:
        return datetime.fromisoformat(text).astimezone(TZ)

    played = {(e["item"], at(e["start"]).date()) for e in timeline["entries"]}
    days = sorted({at(e["start"]).date() for e in timeline["entries"]})
    assert len(days) == 7
    early = [d for d in days if d < starts.date()]
    assert early  # the week shown starts before the notice's approval
    for day in days:
        assert (f"v{bulletin}", day) in played  # the bulletin is never dropped for the notice
        assert ((f"v{notice}", day) in played) == (day >= starts.date())
    outside = [v for v in timeline["violations"] if v["kind"] == "approval"]
    assert {(v["item"], at(v["at"]).date()) for v in outside} == {(f"v{notice}", d) for d in early}
    assert "ngoài thời hạn phê duyệt" in op.get(f"/schedules/{row.id}").text

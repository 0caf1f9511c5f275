"""A schedule's campaign dates ("từ ngày … đến ngày …") as an operator types them: a campaign
that has already ended is refused (a year typed wrong at New Year played nothing and no one was
told), an ended campaign can still be opened and saved, the dates bound the relay windows too,
and a relay with no day ticked is refused like a broadcast with none."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from content_library.models import Schedule

from .conftest import NOW
from .test_relay import approve, register, relay_week
from .test_schedules import items as items
from .test_schedules import week_form

TODAY = NOW.date()


def _schedules(db) -> list[Schedule]:
    db.expire_all()
    return list(db.exec(select(Schedule)).all())


def test_a_campaign_that_ended_before_today_is_refused_and_nothing_is_stored(
    panel, db, items
) -> None:
    op = panel("daixa")
    last_year = TODAY.replace(year=TODAY.year - 1)
    r = op.post(
        "/schedules/new",
        week_form(
            items,
            start_date=(last_year - timedelta(days=30)).isoformat(),
            end_date=last_year.isoformat(),
        ),
    )
    assert r.status_code == 422
    assert "Đợt phát đã kết thúc" in r.text and f"{last_year:%d/%m/%Y}" in r.text
    assert _schedules(db) == []

    yesterday = TODAY - timedelta(days=1)
    r = op.post("/schedules/new", week_form(items, end_date=yesterday.isoformat()))
    assert r.status_code == 422 and "Đợt phát đã kết thúc" in r.text
    assert _schedules(db) == []

    # the last day is inclusive: a campaign ending today still has today to play
    r = op.post("/schedules/new", week_form(items, end_date=TODAY.isoformat()))
    assert r.status_code == 303, r.text
    assert _schedules(db)[0].body["rules"][0]["end_date"] == TODAY.isoformat()


def test_a_cron_rule_with_an_ended_campaign_is_refused(panel, db, items) -> None:
    r = panel("daixa").post(
        "/schedules/new",
        week_form(
            items,
            times="",
            once_at="",
            cron_minute="0",
            cron_hour="7",
            end_date=(TODAY - timedelta(days=3)).isoformat(),
        ),
    )
    assert r.status_code == 422 and "Đợt phát đã kết thúc" in r.text
    assert _schedules(db) == []


def test_an_ended_campaign_can_still_be_opened_and_saved_but_not_moved_into_the_past(
    panel, db, clock, items
) -> None:
    op = panel("daixa")
    end = TODAY + timedelta(days=5)
    form = week_form(items, end_date=end.isoformat(), once_at="")
    r = op.post("/schedules/new", form)
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    clock.advance(days=20)  # the campaign is over
    page = op.get(f"{url}/edit").text
    assert f'name="end_date" value="{end.isoformat()}"' in page
    r = op.post(f"{url}/edit", form)  # saved unchanged: its own end date may stay
    assert r.status_code == 303, r.text
    r = op.post(f"{url}/edit", {**form, "end_date": (end - timedelta(days=1)).isoformat()})
    assert r.status_code == 422 and "Đợt phát đã kết thúc" in r.text
    assert _schedules(db)[0].body["rules"][0]["end_date"] == end.isoformat()


def test_campaign_dates_bound_the_relay_windows_and_come_back_on_the_edit_page(panel, db) -> None:
    approve(panel, register(panel, db))
    op = panel("daixa")
    start, end = TODAY + timedelta(days=1), TODAY + timedelta(days=21)
    r = op.post(
        "/schedules/new",
        relay_week(start_date=start.isoformat(), end_date=end.isoformat()),
    )
    assert r.status_code == 303, r.text
    rules = _schedules(db)[0].body["rules"]
    assert [r["kind"] for r in rules] == ["relay", "relay"]
    assert {(r["start_date"], r["end_date"]) for r in rules} == {
        (start.isoformat(), end.isoformat())
    }
    edit = op.get(f"/schedules/{_schedules(db)[0].id}/edit").text
    assert f'name="start_date" value="{start.isoformat()}"' in edit
    assert f'name="end_date" value="{end.isoformat()}"' in edit

    r = op.post(
        "/schedules/new",
        relay_week(name="Tiếp sóng đã hết", end_date=(TODAY - timedelta(days=1)).isoformat()),
    )
    assert r.status_code == 422 and "Đợt phát đã kết thúc" in r.text
    assert len(_schedules(db)) == 1


def test_a_relay_with_no_day_ticked_is_refused_not_read_as_every_day(panel, db) -> None:
    approve(panel, register(panel, db))
    op = panel("daixa")
    r = op.post("/schedules/new", relay_week(relay_weekdays=[], relay_weekdays_shown="1"))
    assert r.status_code == 422
    assert "Hãy chọn ít nhất một ngày trong tuần" in r.text
    assert _schedules(db) == []
    # the form shows its boxes (so an empty tick is the operator's, not a bare client's)
    assert 'name="relay_weekdays_shown"' in op.get("/schedules/new").text
    # with no relay at all, unticked relay days ask nothing
    r = panel("daixa").post(
        "/schedules/new",
        relay_week(
            relay_channel="",
            relay_windows="",
            relay_weekdays=[],
            relay_weekdays_shown="1",
            times="06:00",
            version_ids=[],
        ),
    )
    assert r.status_code == 422 and "Hãy chọn ít nhất một bản tin" in r.text

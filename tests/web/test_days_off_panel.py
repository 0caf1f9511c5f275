"""The schedule form's "Nghỉ phát" field (days off): typed as people write dates, saved as the
rules' `days_off`, shown on the schedule's page and its edit form, and planned: the week view
and the API's timeline have no broadcast and no relay window starting on those days, while a
one-off time on one of them still plays. A schedule saved without days off has no `days_off`
in its rules (bundles are written as before).

Dates are the panel clock's (`clock`, conftest.NOW) plus days: nothing here is compared with the
machine's clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import select

from content_library.models import Schedule
from scheduler.tz import TZ

from .conftest import NOW
from .test_relay import approve, register, relay_week
from .test_schedules import items as items
from .test_schedules import week_form

TODAY = NOW.date()  # Tuesday 10/03/2026, 09:00 on the panel's clock
OFF = [TODAY + timedelta(days=n) for n in (2, 3, 4, 6)]  # 12–14/03 and 16/03


def typed(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _schedules(db) -> list[Schedule]:
    db.expire_all()
    return list(db.exec(select(Schedule)).all())


def form(vids, **over) -> dict:
    values = week_form(
        vids,
        times="06:30, 17:00",
        repeat="1",
        once_at="",
        weekdays_shown="1",
        days_off=f"{typed(OFF[0])}–{typed(OFF[2])}, {typed(OFF[3])}",
    )
    values.update(over)
    return values


def test_days_off_typed_saved_shown_and_left_out_of_the_week(panel, db, items) -> None:
    op = panel("daixa")
    one_off = datetime.combine(OFF[1], time(10), tzinfo=TZ)  # on a day off: still plays
    r = op.post("/schedules/new", form(items, once_at=one_off.strftime("%Y-%m-%dT%H:%M")))
    assert r.status_code == 303, r.text[-2000:]
    [schedule] = _schedules(db)
    daily = schedule.body["rules"][0]
    assert daily["kind"] == "daily"
    assert daily["days_off"] == [f"{OFF[0].isoformat()}/{OFF[2].isoformat()}", OFF[3].isoformat()]
    assert "days_off" not in schedule.body["rules"][1]  # the one-off time

    page = op.get(f"/schedules/{schedule.id}").text
    shown = f"{typed(OFF[0])}–{typed(OFF[2])}, {typed(OFF[3])}"
    assert "Nghỉ phát" in page and shown in page
    for day in OFF:  # each day off of the week is said, even with nothing on it
        assert f'data-day-off="{day.isoformat()}"' in page
    assert f'data-day-off="{(TODAY + timedelta(days=5)).isoformat()}"' not in page

    timeline = op.client.get(f"/api/v1/schedules/{schedule.id}/timeline").json()
    # each firing plays the two items back to back: one start per firing, to the minute
    starts = sorted(
        {
            datetime.fromisoformat(e["start"]).astimezone(TZ).replace(second=0, microsecond=0)
            for e in timeline["entries"]
        }
    )
    assert len(timeline["entries"]) == 2 * len(starts)
    week = [TODAY + timedelta(days=n) for n in range(8)]
    want = sorted(
        [
            datetime.combine(d, t, tzinfo=TZ)
            for d in week
            if d not in OFF
            for t in (time(6, 30), time(17))
        ]
        + [one_off]
    )
    want = [s for s in want if NOW <= s < NOW + timedelta(days=7)]
    assert starts == want
    assert [s.date() for s in starts if s.date() in OFF] == [OFF[1]]  # the one-off only
    assert timeline["conflicts"] == [] and timeline["violations"] == []

    edit = op.get(f"/schedules/{schedule.id}/edit").text
    assert f'name="days_off" value="{shown}"' in edit
    assert op.post(f"/schedules/{schedule.id}/edit", form(items)).status_code == 303
    assert _schedules(db)[0].body["rules"][0]["days_off"] == daily["days_off"]


def test_the_forms_people_type_are_read_and_joined(panel, db, items) -> None:
    """ISO dates, day-first dates with dots or dashes, "đến", days inside or next to a range:
    one range, one day."""
    text = (
        f"{OFF[0]:%d.%m.%Y} đến {OFF[1].day}-{OFF[1].month}-{OFF[1].year}; {OFF[2].isoformat()}\n"
        f"{OFF[1].isoformat()}/{OFF[2].isoformat()}, {typed(OFF[3])}, {typed(OFF[3])}"
    )
    r = panel("daixa").post("/schedules/new", form(items, days_off=text))
    assert r.status_code == 303, r.text[-2000:]
    assert _schedules(db)[0].body["rules"][0]["days_off"] == [
        f"{OFF[0].isoformat()}/{OFF[2].isoformat()}",
        OFF[3].isoformat(),
    ]


def test_without_days_off_the_rules_carry_no_days_off(panel, db, items) -> None:
    r = panel("daixa").post("/schedules/new", form(items, days_off="  "))
    assert r.status_code == 303, r.text[-2000:]
    [schedule] = _schedules(db)
    assert all("days_off" not in rule for rule in schedule.body["rules"])
    page = panel("daixa").get(f"/schedules/{schedule.id}").text
    assert "data-day-off" not in page and "data-days-off" not in page


def test_bad_days_off_say_why_and_store_nothing(panel, db, items) -> None:
    op = panel("daixa")
    year = TODAY.year + 1
    cases = [
        (f"31/02/{year}", f"không có ngày 31/02/{year} trong lịch"),
        (
            f"{typed(OFF[2])}–{typed(OFF[0])}",
            f"ngày cuối {typed(OFF[0])} trước ngày đầu {typed(OFF[2])}",
        ),
        ("Tết", "viết mỗi ngày dạng 02/09/2027"),
        (f"05/02/{year % 100:02d}", "viết mỗi ngày dạng 02/09/2027"),
        (", ".join(typed(TODAY + timedelta(days=2 * n)) for n in range(101)), "tối đa 100"),
    ]
    for text, said in cases:
        r = op.post("/schedules/new", form(items, days_off=text))
        assert r.status_code == 422, text
        assert 'data-field="days_off"' in r.text and said in r.text, text
        assert f'name="days_off" value="{text}"' in r.text  # given back to correct
    # days off with nothing they apply to: said, not dropped on saving
    only_once = form(items, times="", once_at=f"{OFF[1].isoformat()}T10:00")
    for data in (only_once, form(items, mode="loop")):
        r = op.post("/schedules/new", data)
        assert r.status_code == 422 and 'data-field="days_off"' in r.text
        assert "Ngày nghỉ phát chỉ áp dụng cho giờ phát hằng ngày" in r.text
    assert _schedules(db) == []

    op.post("/language", {"lang": "en"})
    r = op.post("/schedules/new", form(items, days_off=f"31/02/{year}"))
    assert r.status_code == 422 and f"31/02/{year} is not in the calendar" in r.text
    assert "Days off" in r.text


def test_days_off_bound_the_relay_windows_too(panel, db) -> None:
    approve(panel, register(panel, db))
    op = panel("daixa")
    r = op.post("/schedules/new", relay_week(days_off=typed(OFF[0])))
    assert r.status_code == 303, r.text[-2000:]
    [schedule] = _schedules(db)
    rules = schedule.body["rules"]
    assert [r["kind"] for r in rules] == ["relay", "relay"]
    assert all(r["days_off"] == [OFF[0].isoformat()] for r in rules)
    timeline = op.client.get(f"/api/v1/schedules/{schedule.id}/timeline").json()
    relay_days = {
        datetime.fromisoformat(e["start"]).astimezone(TZ).date() for e in timeline["entries"]
    }
    week = [TODAY + timedelta(days=n) for n in range(8)]
    assert OFF[0].weekday() < 5 and OFF[1].weekday() < 5  # days the relay would run
    assert relay_days == {d for d in week if d.weekday() < 5 and d != OFF[0]}
